//! Getting the JSON out of a page: the whole body, a script element's text, or the value a
//! script assigns (`window.__INITIAL_STATE__ = {…};`, `var data = JSON.parse("…")`).
//!
//! serde_json parses; its recursion limit (128) bounds nesting, the fetch cap (10 MiB) the
//! size. Scanning a script for assignments tries a bounded number of places, so a script that
//! names the variable a million times costs no more than a few parses.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use url::Url;

use super::JsonListError;
use crate::config::JsonSource;

/// Places in one script where an assignment is tried.
const MAX_ATTEMPTS: usize = 20;
/// Scripts looked at on one page.
pub(super) const MAX_SCRIPTS: usize = 300;
/// How much of a body a "not JSON" error shows.
const START_CHARS: usize = 60;

static SCRIPT: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("script").expect("static selector"));

/// `window.NAME =`, `self.NAME =`, `var NAME =` and the like, before an object, an array or
/// `JSON.parse(`: group 1 is the name.
static ASSIGNMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:\b(?:window|self|globalThis)\s*\.\s*|\b(?:var|let|const)\s+)([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*=\s*(?:[\{\[]|JSON\.parse\s*\()"#)
        .expect("static regex")
});

/// A JSON value found on a page, and where, for notes and errors.
pub(super) struct Found {
    pub(super) value: Value,
    /// `the body`, `<script id="__NEXT_DATA__">`, `window.__INITIAL_STATE__`…
    pub(super) place: String,
}

/// The JSON values `source` names on the page, in document order (several when the script
/// selector matches several scripts; the caller takes the first that holds the list), and the
/// base links resolve against.
pub(super) fn values(
    text: &str,
    content_type: Option<&str>,
    page_url: &Url,
    source: &JsonSource,
) -> Result<(Vec<Found>, Url), JsonListError> {
    if source.script.is_none() && source.assignment.is_none() {
        let value = body_value(text, content_type)?;
        let found = Found {
            value,
            place: "the body".into(),
        };
        return Ok((vec![found], page_url.clone()));
    }
    // Parsing grows with nesting depth; refuse absurd pages, as HTML extraction does.
    let depth = crate::html::nesting_depth(text);
    if depth > crate::html::MAX_NESTING {
        return Err(JsonListError::TooDeep { depth });
    }
    let doc = Html::parse_document(text);
    let base = crate::html::base_url(&doc, page_url);
    let scripts: Vec<ElementRef> = match &source.script {
        Some(sel) => doc.select(&sel.css).take(MAX_SCRIPTS).collect(),
        None => doc.select(&SCRIPT).take(MAX_SCRIPTS).collect(),
    };
    if scripts.is_empty() {
        if let Some(sel) = &source.script {
            return Err(JsonListError::NoScript {
                css: sel.text.clone(),
                found: script_names(&doc),
                html: looks_like_html(text),
            });
        }
    }
    let mut out = Vec::new();
    let mut first_error = None;
    for script in scripts {
        let body = script.text().collect::<String>();
        let place = script_place(script);
        let result = match &source.assignment {
            Some(name) => match assigned_value(&body, name) {
                Some(r) => r.map(|v| (v, format!("`{name}` in {place}"))),
                None => continue,
            },
            None => script_value(&body).map(|(v, name)| match name {
                Some(name) => (v, format!("`{name}` in {place}")),
                None => (v, place.clone()),
            }),
        };
        match result {
            Ok((value, place)) => out.push(Found { value, place }),
            Err(why) => {
                first_error.get_or_insert(JsonListError::ScriptNotJson { place, why });
            }
        }
    }
    if out.is_empty() {
        return Err(match (first_error, &source.assignment) {
            (Some(e), _) => e,
            (None, Some(name)) => JsonListError::NoAssignment {
                name: name.clone(),
                script: source.script.as_ref().map(|s| s.text.clone()),
            },
            (None, None) => JsonListError::Internal("no script and no error".into()),
        });
    }
    Ok((out, base))
}

/// The whole body as JSON, or an error with its content type and first characters.
pub(super) fn body_value(text: &str, content_type: Option<&str>) -> Result<Value, JsonListError> {
    parse_text(text).map_err(|why| {
        let head: String = text
            .trim_start_matches('\u{feff}')
            .chars()
            .take(START_CHARS * 4)
            .collect();
        // On one line, control characters out: the start goes into a one-line message.
        let start: String = crate::html::collapse_ws(&head)
            .chars()
            .take(START_CHARS)
            .collect();
        JsonListError::NotJson {
            content_type: content_type.unwrap_or("(none)").to_string(),
            start,
            why,
            html: looks_like_html(text),
        }
    })
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<head")
}

/// A script's text as JSON, or else the first object or array it assigns to a name (with the
/// name).
fn script_value(text: &str) -> Result<(Value, Option<String>), String> {
    let direct = parse_text(text);
    if let Ok(v) = direct {
        return Ok((v, None));
    }
    match first_assignment(text) {
        Some((name, Ok(v))) => Ok((v, Some(name))),
        Some((name, Err(why))) => Err(format!("the value assigned to `{name}`: {why}")),
        None => Err(direct.err().unwrap_or_default()),
    }
}

/// Parses a JSON text as pages ship it: a byte-order mark, an HTML comment or CDATA wrapper,
/// an anti-hijacking prefix (`)]}'`, `while(1);`) and a trailing `;` are allowed around it.
pub(super) fn parse_text(text: &str) -> Result<Value, String> {
    let mut s = text.trim_start_matches('\u{feff}').trim();
    for p in [")]}',", ")]}'", "while(1);", "for(;;);"] {
        if let Some(rest) = s.strip_prefix(p) {
            s = rest.trim_start();
        }
    }
    for (open, close) in [
        ("<!--", "-->"),
        ("<![CDATA[", "]]>"),
        ("//<![CDATA[", "//]]>"),
    ] {
        if let Some(rest) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            s = rest.trim();
        }
    }
    let s = s.trim_end_matches(';').trim_end();
    if s.is_empty() {
        return Err("it is empty".into());
    }
    serde_json::from_str(s).map_err(|e| describe(&e))
}

/// A serde_json error in words: what, and where.
pub(super) fn describe(e: &serde_json::Error) -> String {
    let what = e.to_string();
    if what.contains("recursion limit") {
        return format!(
            "it nests arrays and objects more than 128 deep (line {}, column {})",
            e.line(),
            e.column()
        );
    }
    what
}

/// The first JSON value at the start of `text` (anything may follow it: `;`, more code).
fn value_at(text: &str) -> Result<Value, String> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    match stream.next() {
        Some(Ok(v)) => Ok(v),
        Some(Err(e)) => Err(describe(&e)),
        None => Err("nothing follows `=`".into()),
    }
}

/// What follows `=` at the start of `rest`: an object or array, or `JSON.parse("…")` of a
/// JSON text in a double-quoted string.
fn value_after_equals(rest: &str) -> Result<Value, String> {
    let rest = rest.trim_start();
    if let Some(call) = rest.strip_prefix("JSON.parse") {
        let call = call
            .trim_start()
            .strip_prefix('(')
            .unwrap_or(call)
            .trim_start();
        if !call.starts_with('"') {
            return Err("JSON.parse is given something other than a double-quoted string".into());
        }
        let mut stream = serde_json::Deserializer::from_str(call).into_iter::<String>();
        let inner = match stream.next() {
            Some(Ok(s)) => s,
            Some(Err(e)) => return Err(format!("the string given to JSON.parse: {e}")),
            None => return Err("JSON.parse is given nothing".into()),
        };
        return serde_json::from_str(&inner).map_err(|e| describe(&e));
    }
    value_at(rest)
}

/// The value the script assigns to `name` (`window.name = …`, `name = …`, `var name = …`);
/// `None` when the script does not assign it.
pub(super) fn assigned_value(text: &str, name: &str) -> Option<Result<Value, String>> {
    let mut first_err = None;
    for (at, _) in text.match_indices(name).take(MAX_ATTEMPTS) {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = text[at + name.len()..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        if rest.starts_with(['=', '>']) {
            continue;
        }
        match value_after_equals(rest) {
            Ok(v) => return Some(Ok(v)),
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    first_err.map(Err)
}

/// Every name a script assigns an object or array to, with the value (or why it did not
/// parse), in order; at most `max`.
pub(super) fn assignments(text: &str, max: usize) -> Vec<(String, Result<Value, String>)> {
    ASSIGNMENT
        .captures_iter(text)
        .take(max)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let name = c.get(1)?.as_str().to_string();
            // From the `=` on.
            let eq = text[..whole.end()].rfind('=')?;
            Some((name, value_after_equals(&text[eq + 1..])))
        })
        .collect()
}

fn first_assignment(text: &str) -> Option<(String, Result<Value, String>)> {
    let all = assignments(text, MAX_ATTEMPTS);
    let first_ok = all.iter().position(|(_, r)| r.is_ok());
    all.into_iter().nth(first_ok.unwrap_or(0))
}

/// `<script id="__NEXT_DATA__">`, `<script type="application/json">` or `<script>`, for notes.
pub(super) fn script_place(script: ElementRef) -> String {
    let v = script.value();
    if let Some(id) = v.attr("id") {
        return format!("<script id=\"{id}\">");
    }
    if let Some(t) = v.attr("type") {
        return format!("<script type=\"{t}\">");
    }
    "<script>".into()
}

/// The scripts a page has, named by id or type, for "matches no script" errors.
fn script_names(doc: &Html) -> String {
    let mut names: Vec<String> = doc
        .select(&SCRIPT)
        .filter(|s| s.value().attr("src").is_none())
        .map(script_place)
        .collect();
    names.dedup();
    let total = names.len();
    names.truncate(8);
    if total == 0 {
        return "the page has no inline scripts".into();
    }
    let more = if total > names.len() {
        format!(" and {} more", total - names.len())
    } else {
        String::new()
    };
    format!("its inline scripts are {}{more}", names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_texts_as_pages_ship_them() {
        for text in [
            "{\"a\":1}",
            "\u{feff} {\"a\":1}\n",
            ")]}',\n{\"a\":1}",
            "while(1);{\"a\":1}",
            "<!--{\"a\":1}-->",
            "{\"a\":1};",
        ] {
            assert_eq!(
                parse_text(text),
                Ok(serde_json::json!({"a": 1})),
                "{text:?}"
            );
        }
        assert!(parse_text("").is_err());
        assert!(parse_text("<html>").is_err());
    }

    #[test]
    fn deep_nesting_is_refused_in_words() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        let err = parse_text(&deep).unwrap_err();
        assert!(err.contains("more than 128 deep"), "{err}");
        let deep = format!("window.S = {};", "[".repeat(100_000));
        let (_, r) = &assignments(&deep, 5)[0];
        assert!(r.as_ref().unwrap_err().contains("128 deep"));
    }

    #[test]
    fn assignments_are_found() {
        let js = r#"var x = 1; window.__INITIAL_STATE__ = {"list":[1,2]}; window.dataLayer = window.dataLayer || [];"#;
        assert_eq!(
            assigned_value(js, "__INITIAL_STATE__"),
            Some(Ok(serde_json::json!({"list": [1, 2]})))
        );
        assert_eq!(assigned_value(js, "INITIAL_STATE__"), None);
        assert_eq!(assigned_value(js, "nothing"), None);
        let names: Vec<String> = assignments(js, 10).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["__INITIAL_STATE__"]);
        let parsed = r#"window.__DATA__ = JSON.parse("{\"a\":[1]}");"#;
        assert_eq!(
            assigned_value(parsed, "__DATA__"),
            Some(Ok(serde_json::json!({"a": [1]})))
        );
        let compared = r#"if (a.__S == {}) {} __S = [1];"#;
        assert_eq!(
            assigned_value(compared, "__S"),
            Some(Ok(serde_json::json!([1])))
        );
        // Not JSON (a JavaScript object literal): says why.
        let loose = "window.__S = {a: 1};";
        assert!(matches!(assigned_value(loose, "__S"), Some(Err(_))));
    }

    #[test]
    fn many_mentions_cost_bounded_attempts() {
        let js = "__S = [".repeat(200_000);
        // Each attempt fails at the end of the text; only MAX_ATTEMPTS are made.
        assert!(matches!(assigned_value(&js, "__S"), Some(Err(_))));
    }
}
