//! `[feeds.<id>.json]`: a feed whose list is JSON, either the page's whole body (an API) or
//! JSON inside an HTML page (`<script id="__NEXT_DATA__">`, `window.__INITIAL_STATE__ = {…}`).
//!
//! Here: the raw table, its validated form ([`JsonSource`]) and the path syntax
//! ([`JsonPath`]). Reading pages with it is [`crate::jsonlist`]'s work.

use std::fmt;

use scraper::Selector;
use serde::Deserialize;
use toml::Spanned;

use super::validate::Validator;
use super::ConfigError;

/// The most segments a path may have: paths name a place, they do not search.
pub const MAX_PATH_SEGMENTS: usize = 64;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawJson {
    pub(super) items: Spanned<String>,
    pub(super) link: Option<Spanned<String>>,
    pub(super) title: Option<Spanned<String>>,
    pub(super) summary: Option<Spanned<String>>,
    pub(super) date: Option<Spanned<String>>,
    pub(super) image: Option<Spanned<String>>,
    pub(super) author: Option<Spanned<String>>,
    pub(super) script: Option<Spanned<String>>,
    pub(super) assignment: Option<Spanned<String>>,
    pub(super) date_format: Option<String>,
}

impl RawJson {
    /// Every value that decides what the feed's items are, for the feed's extraction key.
    pub(super) fn extraction_text(&self) -> String {
        fn text(v: &Option<Spanned<String>>) -> &str {
            v.as_ref().map_or("", |s| s.get_ref().as_str())
        }
        [
            "json",
            self.items.get_ref(),
            text(&self.link),
            text(&self.title),
            text(&self.summary),
            text(&self.date),
            text(&self.image),
            text(&self.author),
            text(&self.script),
            text(&self.assignment),
            self.date_format.as_deref().unwrap_or(""),
        ]
        .join("\u{1e}")
    }
}

/// `[feeds.<id>.json]`, checked.
#[derive(Debug, Clone)]
pub struct JsonSource {
    /// Where the list (an array) is in the JSON.
    pub items: JsonPath,
    /// Fields, relative to each item. `None`: chosen from the items' keys (link and title
    /// always; the others only when no field is set at all).
    pub link: Option<JsonPath>,
    pub title: Option<JsonPath>,
    pub summary: Option<JsonPath>,
    pub date: Option<JsonPath>,
    pub image: Option<JsonPath>,
    pub author: Option<JsonPath>,
    /// The script element of an HTML page that holds the JSON; `None` with no `assignment`:
    /// the body is the JSON.
    pub script: Option<ScriptSelector>,
    /// `window.NAME = {…}`: the JSON is the value assigned to NAME in the page's scripts
    /// (in the one `script` picks, when set). Stored without a `window.` prefix.
    pub assignment: Option<String>,
    /// A chrono format tried first on date texts, as in `select.date_format`.
    pub date_format: Option<String>,
}

impl JsonSource {
    /// Whether only `items` was set, so every field is chosen from the items' keys.
    pub fn fields_unset(&self) -> bool {
        [
            &self.link,
            &self.title,
            &self.summary,
            &self.date,
            &self.image,
            &self.author,
        ]
        .iter()
        .all(|f| f.is_none())
    }
}

/// A CSS selector of script elements, with its text for notes and errors.
#[derive(Debug, Clone)]
pub struct ScriptSelector {
    pub css: Selector,
    pub text: String,
}

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// An object's member.
    Key(String),
    /// An array's element, from 0.
    Index(usize),
}

/// A place in a JSON value: keys joined by dots, `[n]` for the n-th element of an array,
/// `["odd.key"]` for a key holding dots or spaces; `.` (or `$`) alone is the value itself.
/// `data.list[0].url`, `props.pageProps.articles`, `$.items`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JsonPath {
    pub segments: Vec<Segment>,
}

impl JsonPath {
    /// Parses the path syntax above; the error says what is wrong, for a person.
    pub fn parse(text: &str) -> Result<JsonPath, String> {
        let s = text.trim();
        let s = s.strip_prefix('$').unwrap_or(s);
        if s.is_empty() || s == "." {
            return Ok(JsonPath::default());
        }
        let s = s.strip_prefix('.').unwrap_or(s);
        let bytes = s.as_bytes();
        let mut segments = Vec::new();
        let mut i = 0;
        // After a key or `]`, a `.` or `[` must follow; at the start or after `.`, a key or `[`.
        let mut expect_key = true;
        while i < bytes.len() {
            match bytes[i] {
                b'[' => {
                    let close = s[i..]
                        .find(']')
                        .map(|c| c + i)
                        .ok_or_else(|| format!("a `[` at character {} is not closed", i + 1))?;
                    let inner = s[i + 1..close].trim();
                    if let Some(q) = inner.strip_prefix('"').and_then(|q| q.strip_suffix('"')) {
                        segments.push(Segment::Key(q.to_string()));
                    } else if let Some(q) =
                        inner.strip_prefix('\'').and_then(|q| q.strip_suffix('\''))
                    {
                        segments.push(Segment::Key(q.to_string()));
                    } else {
                        let n = inner.parse::<usize>().map_err(|_| {
                            format!("`[{inner}]` is neither an index (a whole number from 0) nor a quoted key like [\"a.b\"]")
                        })?;
                        segments.push(Segment::Index(n));
                    }
                    i = close + 1;
                    expect_key = false;
                }
                b'.' if !expect_key => {
                    i += 1;
                    expect_key = true;
                    if i == bytes.len() {
                        return Err("it ends with `.`".into());
                    }
                }
                b'.' => return Err(format!("an empty key at character {}", i + 1)),
                _ if expect_key => {
                    let end = s[i..].find(['.', '[']).map_or(s.len(), |e| e + i);
                    let key = s[i..end].trim();
                    if key.is_empty() || key.contains(']') {
                        return Err(format!("`{}` is not a key", &s[i..end]));
                    }
                    segments.push(Segment::Key(key.to_string()));
                    i = end;
                    expect_key = false;
                }
                _ => {
                    return Err(format!(
                        "`{}` follows `]` without a `.`",
                        &s[i..].chars().take(10).collect::<String>()
                    ))
                }
            }
            if segments.len() > MAX_PATH_SEGMENTS {
                return Err(format!("more than {MAX_PATH_SEGMENTS} steps"));
            }
        }
        Ok(JsonPath { segments })
    }

    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }

    /// The path of the first `n` segments.
    pub fn prefix(&self, n: usize) -> JsonPath {
        JsonPath {
            segments: self.segments[..n.min(self.segments.len())].to_vec(),
        }
    }

    /// This path with `seg` added.
    pub fn child(&self, seg: Segment) -> JsonPath {
        let mut segments = self.segments.clone();
        segments.push(seg);
        JsonPath { segments }
    }
}

impl fmt::Display for JsonPath {
    /// The path as a config file writes it (`.` for the value itself).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.segments.is_empty() {
            return f.write_str(".");
        }
        for (n, seg) in self.segments.iter().enumerate() {
            match seg {
                Segment::Index(i) => write!(f, "[{i}]")?,
                Segment::Key(k) if is_plain_key(k) => {
                    if n > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Segment::Key(k) => write!(f, "[\"{k}\"]")?,
            }
        }
        Ok(())
    }
}

/// A key the dotted form can write as is.
fn is_plain_key(k: &str) -> bool {
    !k.is_empty()
        && !k.starts_with('$')
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'@' | b':'))
}

/// Strips `window.` (or `self.`, `globalThis.`) from an assignment name; `None` when the rest
/// is not a JavaScript name.
pub fn assignment_name(text: &str) -> Option<String> {
    let t = text.trim();
    let t = ["window.", "self.", "globalThis."]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t);
    let ok = t
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.'))
        && !t.ends_with('.')
        && !t.contains("..");
    ok.then(|| t.to_string())
}

impl Validator<'_> {
    fn json_path(&self, s: &Spanned<String>, key: &str) -> Result<JsonPath, ConfigError> {
        JsonPath::parse(s.get_ref()).map_err(|why| {
            self.err(
                s,
                key,
                format!(
                    "`{}` is not a JSON path: {why}; write keys joined by dots, with [n] for the n-th element, like \"data.list\" or \"props.pageProps.articles[0].url\"",
                    s.get_ref()
                ),
            )
        })
    }

    fn json_field(
        &self,
        s: Option<Spanned<String>>,
        key: &str,
    ) -> Result<Option<JsonPath>, ConfigError> {
        s.map(|s| self.json_path(&s, key)).transpose()
    }

    /// `[feeds.<feed>.json]`.
    pub(super) fn json(&self, raw: RawJson, feed: &str) -> Result<JsonSource, ConfigError> {
        let key = |k: &str| format!("feeds.{feed}.json.{k}");
        let script = match &raw.script {
            None => None,
            Some(s) => Some(ScriptSelector {
                css: self.selector(s, &key("script"))?,
                text: s.get_ref().trim().to_string(),
            }),
        };
        let assignment = match &raw.assignment {
            None => None,
            Some(a) => Some(assignment_name(a.get_ref()).ok_or_else(|| {
                self.err(
                    a,
                    &key("assignment"),
                    format!(
                        "`{}` is not a JavaScript name; write the name the page assigns, like \"__INITIAL_STATE__\" or \"window.__APOLLO_STATE__\"",
                        a.get_ref()
                    ),
                )
            })?),
        };
        Ok(JsonSource {
            items: self.json_path(&raw.items, &key("items"))?,
            link: self.json_field(raw.link, &key("link"))?,
            title: self.json_field(raw.title, &key("title"))?,
            summary: self.json_field(raw.summary, &key("summary"))?,
            date: self.json_field(raw.date, &key("date"))?,
            image: self.json_field(raw.image, &key("image"))?,
            author: self.json_field(raw.author, &key("author"))?,
            script,
            assignment,
            date_format: raw.date_format,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Segment {
        Segment::Key(s.into())
    }

    #[test]
    fn paths_parse() {
        let cases: &[(&str, Vec<Segment>)] = &[
            (".", vec![]),
            ("$", vec![]),
            ("", vec![]),
            ("data", vec![k("data")]),
            ("data.list", vec![k("data"), k("list")]),
            ("$.data.list", vec![k("data"), k("list")]),
            (
                "data.list[0].url",
                vec![k("data"), k("list"), Segment::Index(0), k("url")],
            ),
            ("[2]", vec![Segment::Index(2)]),
            ("[1][0]", vec![Segment::Index(1), Segment::Index(0)]),
            (
                "meta[\"og.title\"].v",
                vec![k("meta"), k("og.title"), k("v")],
            ),
            ("a['b c']", vec![k("a"), k("b c")]),
            (
                "props.pageProps.articles",
                vec![k("props"), k("pageProps"), k("articles")],
            ),
            ("기사.제목", vec![k("기사"), k("제목")]),
        ];
        for (text, want) in cases {
            let got = JsonPath::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(&got.segments, want, "{text}");
        }
    }

    #[test]
    fn bad_paths_say_why() {
        let cases = [
            ("a..b", "an empty key at character 3"),
            ("a.", "it ends with `.`"),
            ("a[0", "a `[` at character 2 is not closed"),
            ("a[-1]", "`[-1]` is neither an index"),
            ("a[x]", "`[x]` is neither an index"),
            ("a[0]b", "`b` follows `]` without a `.`"),
            ("..", "an empty key at character 1"),
        ];
        for (text, want) in cases {
            let err = JsonPath::parse(text).expect_err(text);
            assert!(err.starts_with(want), "{text}: {err}");
        }
        let long = vec!["a"; MAX_PATH_SEGMENTS + 1].join(".");
        assert!(JsonPath::parse(&long).unwrap_err().contains("more than"));
    }

    #[test]
    fn paths_print_as_written() {
        for text in [
            ".",
            "data.list[0].url",
            "[3].a",
            "a[\"b.c\"].d",
            "기사.제목",
        ] {
            let p = JsonPath::parse(text).unwrap();
            let printed = p.to_string();
            // Non-ASCII keys print quoted; both forms parse to the same path.
            assert_eq!(JsonPath::parse(&printed).unwrap(), p, "{text} → {printed}");
        }
        assert_eq!(
            JsonPath::parse("data.list[0].url").unwrap().to_string(),
            "data.list[0].url"
        );
    }

    #[test]
    fn assignment_names() {
        assert_eq!(
            assignment_name("window.__INITIAL_STATE__").as_deref(),
            Some("__INITIAL_STATE__")
        );
        assert_eq!(assignment_name("App.state").as_deref(), Some("App.state"));
        for bad in ["", "1abc", "a b", "window.", "a..b", "x=1"] {
            assert_eq!(assignment_name(bad), None, "{bad}");
        }
    }
}
