//! The one HTML/XML escaper: feed content, the index page, OPML and article content all
//! escape through here.

/// Appends `text` with `&`, `<` and `>` escaped; with `quotes`, `"` and `'` too, so the result
/// may stand inside an attribute value.
pub fn escape_into(out: &mut String, text: &str, quotes: bool) {
    // Runs between the special characters are copied whole; every special one is ASCII, so
    // the byte positions are character boundaries.
    let special = |b: &u8| matches!(b, b'&' | b'<' | b'>') || (quotes && matches!(b, b'"' | b'\''));
    let mut rest = text;
    while let Some(i) = rest.as_bytes().iter().position(special) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// `text` escaped for element content (quotes kept as they are).
pub fn escape_text(text: &str) -> String {
    if !text.contains(['&', '<', '>']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    escape_into(&mut out, text, false);
    out
}

/// `text` escaped for element content and attribute values alike.
pub fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text, true);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            escape_text("a<b> & \"c\" 'd'"),
            "a&lt;b&gt; &amp; \"c\" 'd'"
        );
        assert_eq!(
            escape_attr("a<b> & \"c\" 'd'"),
            "a&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;"
        );
        assert_eq!(escape_text("뉴스핌"), "뉴스핌");
        assert_eq!(escape_attr("<뉴스핌>'"), "&lt;뉴스핌&gt;&#39;");
        assert_eq!(escape_text("&"), "&amp;");
    }
}
