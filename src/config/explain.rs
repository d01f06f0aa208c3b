//! Turning parser errors into messages a person can act on: which key, what is wrong, what to
//! write instead. The toml and CSS parsers speak of fields, variants and tokens; these
//! functions speak of keys, values and selectors.

use scraper::error::SelectorErrorKind;

/// A TOML error explained: the key it concerns (when one can be named) and the message.
pub struct Explained {
    pub key: Option<String>,
    pub message: String,
}

/// The dotted name of the table that holds `line` (1-based): the last `[header]` above it.
fn table_at(text: &str, line: usize) -> Option<String> {
    text.lines()
        .take(line)
        .filter_map(|l| {
            let l = l.trim();
            let inner = l.strip_prefix("[[").and_then(|r| r.strip_suffix("]]"));
            let inner = inner.or_else(|| l.strip_prefix('[').and_then(|r| r.strip_suffix(']')))?;
            Some(
                inner
                    .split('.')
                    .map(|p| p.trim().trim_matches('"'))
                    .collect::<Vec<_>>()
                    .join("."),
            )
        })
        .last()
}

/// The key written on `line`, if the line is `key = value`.
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let (key, _) = l.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.starts_with('[')).then(|| key.to_string())
}

fn dotted(table: Option<&str>, key: &str) -> String {
    match table {
        Some(t) if !t.is_empty() => format!("{t}.{key}"),
        _ => key.to_string(),
    }
}

/// The backquoted words in a serde message: "unknown field `a`, expected one of `b`, `c`".
fn quoted(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

/// How many single-character edits turn `a` into `b`.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The allowed word closest to `word`, when it is close enough to be a typo.
fn closest<'a>(word: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|a| (distance(word, a), *a))
        .filter(|(d, a)| *d <= 2.max(a.len() / 4))
        .min()
        .map(|(_, a)| a)
}

/// Explains a TOML error at `line` (1-based) of `text`.
pub fn toml_error(text: &str, line: usize, raw: &str) -> Explained {
    let raw = raw.trim();
    // On a header line (`[setting]`) the unknown name is the header's own last part, so the
    // table it belongs to is the header's parent.
    let on_header = text
        .lines()
        .nth(line.saturating_sub(1))
        .is_some_and(|l| l.trim_start().starts_with('['));
    let table = table_at(text, line);
    let words = quoted(raw);
    if raw.starts_with("unknown field") {
        let table = match on_header {
            true => table
                .as_deref()
                .and_then(|t| t.rsplit_once('.'))
                .map(|(parent, _)| parent.to_string()),
            false => table.clone(),
        };
        let key = words.first().copied().unwrap_or("?");
        let allowed = &words[1.min(words.len())..];
        let mut message = "unknown key".to_string();
        if let Some(near) = closest(key, allowed) {
            message.push_str(&format!("; did you mean `{near}`?"));
        }
        if !allowed.is_empty() {
            message.push_str(&format!(" (the keys allowed here: {})", allowed.join(", ")));
        }
        return Explained {
            key: Some(dotted(table.as_deref(), key)),
            message,
        };
    }
    if raw.starts_with("unknown variant") {
        let value = words.first().copied().unwrap_or("?");
        let allowed = &words[1.min(words.len())..];
        let mut message = format!(
            "`{value}` is not one of the values allowed here: {}",
            allowed.join(", ")
        );
        if let Some(near) = closest(value, allowed) {
            message.push_str(&format!("; did you mean `{near}`?"));
        }
        let key = key_on_line(text, line).map(|k| dotted(table.as_deref(), &k));
        return Explained { key, message };
    }
    if raw.starts_with("missing field") {
        let key = words.first().copied().unwrap_or("?");
        let where_ = table
            .as_deref()
            .map_or("this table".to_string(), |t| format!("[{t}]"));
        return Explained {
            key: Some(dotted(table.as_deref(), key)),
            message: format!("{where_} needs `{key}`: add `{key} = ...`"),
        };
    }
    if raw.starts_with("invalid type") {
        let key = key_on_line(text, line);
        let hint = if raw.contains("expected a string") {
            "; write the value in double quotes, e.g. \"30s\" or \"Asia/Seoul\""
        } else {
            ""
        };
        return Explained {
            key: key.map(|k| dotted(table.as_deref(), &k)),
            message: format!("{raw}{hint}"),
        };
    }
    if raw.starts_with("duplicate key") {
        let key = words.first().copied().unwrap_or("?");
        return Explained {
            key: Some(dotted(table.as_deref(), key)),
            message: "this key or table is given twice; keep one".into(),
        };
    }
    // A syntax error: toml's wording, the line as written, and a hint for the common ones.
    let first = raw.lines().next().unwrap_or(raw);
    let hint = if first.contains("invalid basic string") || first.contains("invalid literal string")
    {
        " (a string is not closed: add the closing quote)"
    } else if raw.contains("duplicate key") {
        " (this table is given twice; keep one)"
    } else if first.contains("table header") {
        " (a table header is not closed: write it as [name] or [feeds.id])"
    } else if first.contains("expected `=`") || raw.contains("expected `.`, `=`") {
        " (write each setting as key = value)"
    } else {
        ""
    };
    let rest: Vec<&str> = raw.lines().skip(1).collect();
    let mut message = format!("{first}{hint}");
    if !rest.is_empty() {
        message.push_str(&format!(" ({})", rest.join("; ")));
    }
    if let Some(src) = text.lines().nth(line.saturating_sub(1)) {
        message.push_str(&format!("\n  {line} | {src}"));
    }
    Explained {
        key: key_on_line(text, line).map(|k| dotted(table.as_deref(), &k)),
        message,
    }
}

/// What is wrong with the CSS selector `css`, in one line. (Not scraper's `Display`: it
/// spans lines and asks the reader to report a bug.)
pub fn selector_error(css: &str, e: &SelectorErrorKind) -> String {
    match e {
        // scraper keeps no token with this error; the first character no selector has is
        // nearly always the one meant.
        SelectorErrorKind::UnexpectedToken => match stray_char(css) {
            Some(c) => format!("unexpected `{c}`"),
            None => "a word or character here has no place in a selector".into(),
        },
        SelectorErrorKind::EndOfLine => {
            "it stops where more was expected (an unclosed `[` or `(`, or a combinator at the end?)"
                .into()
        }
        SelectorErrorKind::InvalidAtRule => "an `@` rule has no place in a selector".into(),
        SelectorErrorKind::InvalidAtRuleBody | SelectorErrorKind::QualRuleInvalid => {
            "this is not a selector".into()
        }
        SelectorErrorKind::TooManyNestedBlocks => "it nests brackets too deeply".into(),
        SelectorErrorKind::ExpectedColonOnPseudoElement
        | SelectorErrorKind::ExpectedIdentityOnPseudoElement => {
            "a pseudo-element is malformed; write it as `::name`".into()
        }
        SelectorErrorKind::UnexpectedSelectorParseError(kind) => {
            // The parser's errors carry no token or place; the selector shows where.
            match format!("{kind:?}").as_str() {
                "DanglingCombinator" => "a combinator (`>`, `+`, `~`) has nothing after it".into(),
                "EmptySelector" if css.trim().is_empty() || css.contains(",,") || css.trim().starts_with(',') || css.trim().ends_with(',') => {
                    "a selector is empty (a stray comma?)".into()
                }
                "ClassNeedsIdent" => {
                    format!("`.` must be followed by a class name, not {}", after(css, '.'))
                }
                "NoQualifiedNameInAttributeSelector" | "InvalidQualNameInAttr" => {
                    format!("`[` must be followed by an attribute name, not {}", after(css, '['))
                }
                "ExpectedBarInAttr" | "UnexpectedTokenInAttributeSelector" | "BadValueInAttr" => {
                    "the test inside `[...]` is malformed; write [name], [name=value] or [name=\"value\"]".into()
                }
                "UnsupportedPseudoClassOrElement" => match unknown_pseudo(css) {
                    Some(name) => format!("the pseudo-class or pseudo-element `{name}` is not supported"),
                    None => "a pseudo-class or pseudo-element here is not supported".into(),
                },
                "NoIdentForPseudo" => {
                    format!("`:` must be followed by a pseudo-class name, not {}", after(css, ':'))
                }
                "ExpectedNamespace" | "ExplicitNamespaceUnexpectedToken" => {
                    "namespaces are not supported".into()
                }
                _ => match stray_char(css) {
                    Some(c) => format!("unexpected `{c}`"),
                    None => "this is not a selector (a name must start with a letter; `#` and `.` need a name after them)".into(),
                },
            }
        }
    }
}

/// What follows the first `lead` outside quotes that no name follows: "`[`" or "the end".
fn after(css: &str, lead: char) -> String {
    let chars: Vec<char> = css.chars().collect();
    let starts_name = |c: &char| c.is_alphabetic() || *c == '_' || *c == '-' || !c.is_ascii();
    let found = chars
        .windows(2)
        .find(|w| w[0] == lead && !starts_name(&w[1]))
        .map(|w| w[1]);
    match found {
        Some(c) => format!("`{c}`"),
        None => "the end".into(),
    }
}

/// Pseudo-classes scraper reads; the first other `:name` in `css` is the one it refused.
const KNOWN_PSEUDO: &[&str] = &[
    "first-child",
    "last-child",
    "only-child",
    "nth-child",
    "nth-last-child",
    "first-of-type",
    "last-of-type",
    "only-of-type",
    "nth-of-type",
    "nth-last-of-type",
    "not",
    "is",
    "where",
    "has",
    "root",
    "empty",
    "scope",
    "link",
    "any-link",
    "host",
];

fn unknown_pseudo(css: &str) -> Option<&str> {
    css.split(':')
        .skip(1)
        .map(|part| {
            let end = part
                .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(part.len());
            &part[..end]
        })
        .find(|name| !name.is_empty() && !KNOWN_PSEUDO.contains(name))
}

/// The first character outside quotes that no CSS selector uses: `%` in `div%a`.
fn stray_char(css: &str) -> Option<char> {
    let mut quote = None;
    css.chars().find(|&c| {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None => {
                return !(c.is_alphanumeric()
                    || c.is_whitespace()
                    || "-_.#:>+~*,[]=()^$|\\".contains(c)
                    || !c.is_ascii());
            }
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_name_the_table_and_suggest() {
        let text = "[settings]\nmax_itmes = 3\n";
        let e = toml_error(
            text,
            2,
            "unknown field `max_itmes`, expected one of `output_dir`, `max_items`, `timezone`",
        );
        assert_eq!(e.key.as_deref(), Some("settings.max_itmes"));
        assert!(
            e.message.contains("did you mean `max_items`?"),
            "{}",
            e.message
        );
        let text = "[feeds.\"news\".select]\nitme = \"li\"\n";
        let e = toml_error(
            text,
            2,
            "unknown field `itme`, expected one of `item`, `link`",
        );
        assert_eq!(e.key.as_deref(), Some("feeds.news.select.itme"));
        let e = toml_error(
            "[setting]\nx = 1\n",
            1,
            "unknown field `setting`, expected one of `settings`, `feeds`",
        );
        assert_eq!(e.key.as_deref(), Some("setting"));
        assert!(e.message.contains("did you mean `settings`?"));
    }

    #[test]
    fn missing_and_type_errors_name_the_key() {
        let e = toml_error("[feeds.world]\nurl = \"x\"\n", 1, "missing field `title`");
        assert_eq!(e.key.as_deref(), Some("feeds.world.title"));
        assert!(e.message.contains("add `title = ...`"));
        let e = toml_error(
            "[settings]\ntimeout = 30\n",
            2,
            "invalid type: integer `30`, expected a string",
        );
        assert_eq!(e.key.as_deref(), Some("settings.timeout"));
        assert!(e.message.contains("double quotes"));
    }

    #[test]
    fn syntax_errors_show_the_line() {
        let text = "[settings]\ntimezone = \"Asia/Seoul\n";
        let e = toml_error(text, 2, "invalid basic string");
        assert!(e.message.contains("add the closing quote"), "{}", e.message);
        assert!(
            e.message.contains("2 | timezone = \"Asia/Seoul"),
            "{}",
            e.message
        );
        assert_eq!(e.key.as_deref(), Some("settings.timezone"));
    }

    #[test]
    fn selector_errors_are_one_line() {
        for css in [
            "div[[",
            "div >",
            ".",
            "a:nosuchthing",
            "li,",
            "[=x]",
            "a[href=]",
            "#",
            "a:not(",
            "a[href^^=x]",
            "ul..news",
            "t%",
        ] {
            let e = scraper::Selector::parse(css).unwrap_err();
            let m = selector_error(css, &e);
            assert!(!m.contains('\n') && !m.contains("report"), "{css}: {m}");
        }
    }

    /// scraper's errors name no token; `selector_error` finds the place in the selector.
    #[test]
    fn selector_errors_name_the_place() {
        let cases = [
            (
                "div[[",
                "`[` must be followed by an attribute name, not `[`",
            ),
            ("[=x]", "`[` must be followed by an attribute name, not `=`"),
            ("ul..news", "`.` must be followed by a class name, not `.`"),
            ("t%", "unexpected `%`"),
            ("a[x=\"%\"]?", "unexpected `?`"),
            ("@media", "unexpected `@`"),
            ("li,", "a selector is empty (a stray comma?)"),
            (
                "a:contains(다음)",
                "the pseudo-class or pseudo-element `contains` is not supported",
            ),
            (
                "li:first-child:blah",
                "the pseudo-class or pseudo-element `blah` is not supported",
            ),
        ];
        for (css, want) in cases {
            let e = scraper::Selector::parse(css).unwrap_err();
            assert_eq!(selector_error(css, &e), want, "{css}");
        }
    }

    #[test]
    fn typo_distance() {
        assert_eq!(distance("max_itmes", "max_items"), 2);
        assert_eq!(closest("titel", &["title", "url"]), Some("title"));
        assert_eq!(closest("zzz", &["title", "url"]), None);
    }
}
