//! JSON-LD blocks (`<script type="application/ld+json">`) read leniently: real pages wrap
//! them in comments or CDATA, leave trailing commas, raw newlines and invalid escapes in them.
//! Article pages and list detection both read structured data through here.

use scraper::{ElementRef, Html};
use serde_json::{Map, Value};

/// The page's JSON-LD script elements, in document order (by tag name, not a selector tried
/// on every element: every page read looks for them).
pub fn scripts(doc: &Html) -> impl Iterator<Item = ElementRef<'_>> {
    super::elements(doc).filter(|s| {
        s.value().name() == "script"
            && s.value()
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
    })
}

/// A script's text, or `None` when it is longer than `max_bytes`.
pub fn script_text(script: ElementRef, max_bytes: usize) -> Option<String> {
    let mut text = String::new();
    for t in script.text() {
        if text.len() + t.len() > max_bytes {
            return None;
        }
        text.push_str(t);
    }
    Some(text)
}

/// Every JSON value in a JSON-LD script, tolerating HTML comments and CDATA around it,
/// trailing commas, raw control characters in strings and invalid escapes.
pub fn parse(text: &str) -> Vec<Value> {
    let mut s = text.trim();
    for _ in 0..4 {
        let before = s.len();
        for p in ["<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["] {
            if let Some(rest) = s.strip_prefix(p) {
                s = rest.trim_start();
            }
        }
        for p in ["-->", "//]]>", "/*]]>*/", "]]>"] {
            if let Some(rest) = s.strip_suffix(p) {
                s = rest.trim_end();
            }
        }
        s = s.trim_end_matches(';').trim();
        if s.len() == before {
            break;
        }
    }
    if s.is_empty() {
        return Vec::new();
    }
    if let Ok(v) = serde_json::from_str::<Value>(s) {
        return vec![v];
    }
    let repaired = repair_json(s);
    serde_json::Deserializer::from_str(&repaired)
        .into_iter::<Value>()
        .take(16)
        .map_while(Result::ok)
        .collect()
}

/// Drops trailing commas, turns raw control characters inside strings into spaces and
/// drops the backslash of an invalid escape (`\'`).
fn repair_json(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if in_str {
            if escaped {
                escaped = false;
                if !matches!(c, '"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' | 'u') {
                    out.pop();
                }
                out.push(if c.is_control() { ' ' } else { c });
                continue;
            }
            match c {
                '\\' => {
                    escaped = true;
                    out.push(c);
                }
                '"' => {
                    in_str = false;
                    out.push(c);
                }
                c if c.is_control() => out.push(' '),
                c => out.push(c),
            }
        } else {
            match c {
                '"' => {
                    in_str = true;
                    out.push(c);
                }
                ',' => {
                    let next = s[i + 1..].trim_start();
                    if !(next.starts_with('}') || next.starts_with(']')) {
                        out.push(c);
                    }
                }
                c => out.push(c),
            }
        }
    }
    out
}

/// The names in an object's `@type` (a string or an array), each without a vocabulary prefix
/// (`http://schema.org/NewsArticle` → `NewsArticle`).
pub fn types(obj: &Map<String, Value>) -> Vec<&str> {
    fn short(t: &str) -> &str {
        t.rsplit(['/', ':', '#']).next().unwrap_or(t).trim()
    }
    match obj.get("@type") {
        Some(Value::String(t)) => vec![short(t)],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(short).collect(),
        _ => Vec::new(),
    }
}

/// Whether a type name is an article type: `Article`, `NewsArticle`, `ReportageNewsArticle`,
/// `OpinionNewsArticle`, `BlogPosting`, `LiveBlogPosting`, and the posts of social sites and
/// forums (`SocialMediaPosting`, `DiscussionForumPosting`), which Tumblr and forum software
/// mark their pages with.
pub fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || t.ends_with("Posting")
}

/// A JSON string, or the first string of an array.
pub fn string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => a.iter().find_map(|v| v.as_str().map(str::to_string)),
        _ => None,
    }
    .filter(|s| !s.trim().is_empty())
}

/// Decodes the few HTML entities found in JSON-LD strings (`&quot;`, `&amp;`, `&#39;`, …).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_what_pages_get_wrong() {
        let v = parse("<!-- {\"a\": [1, 2,], \"b\": \"x\ny\", \"c\": \"it\\'s\",} -->");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0]["b"], "x y");
        assert_eq!(v[0]["c"], "it's");
        assert_eq!(parse("//<![CDATA[\n{\"a\":1}\n//]]>").len(), 1);
        assert!(parse("{{{").is_empty());
    }

    #[test]
    fn types_drop_vocabulary_prefixes() {
        let v: Value = serde_json::from_str(
            r#"{"@type": ["http://schema.org/NewsArticle", "schema:WebPage"]}"#,
        )
        .unwrap();
        assert_eq!(types(v.as_object().unwrap()), ["NewsArticle", "WebPage"]);
        assert!(is_article_type("ReportageNewsArticle"));
        assert!(!is_article_type("WebPage"));
        assert!(is_article_type("SocialMediaPosting"));
        assert!(is_article_type("BlogPosting"));
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("&quot;금리&quot; &amp; &#39;x&#x27; &bogus; &"),
            "\"금리\" & 'x' &bogus; &"
        );
    }
}
