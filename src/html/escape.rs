//! The one HTML/XML escaper: feed content, the index page, OPML and article content all
//! escape through here.

/// Appends `text` with `&`, `<` and `>` escaped; with `quotes`, `"` and `'` too, so the result
/// may stand inside an attribute value.
pub fn escape_into(out: &mut String, text: &str, quotes: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
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
    }
}
