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

/// "Delim('[')" → "`[`", "Ident(\"x\")" → "`x`"; other tokens by name.
fn token(debug: &str) -> String {
    let inner = debug
        .split_once('(')
        .map(|(_, r)| r.trim_end_matches(')').trim());
    match inner {
        // A bare name inside, like `SquareBracketBlock`: a token without a value.
        Some(v) if v.chars().all(|c| c.is_ascii_alphabetic()) && !v.is_empty() => token(v),
        Some(v) => format!("`{}`", v.trim_matches(|c| c == '\'' || c == '"')),
        None => match debug {
            "CloseSquareBracket" => "`]`".into(),
            "SquareBracketBlock" => "`[`".into(),
            "ParenthesisBlock" => "`(`".into(),
            "CurlyBracketBlock" => "`{`".into(),
            "CloseParenthesis" => "`)`".into(),
            "CloseCurlyBracket" => "`}`".into(),
            "Comma" => "`,`".into(),
            "Colon" => "`:`".into(),
            "Semicolon" => "`;`".into(),
            "WhiteSpace" => "a space".into(),
            other => other.to_string(),
        },
    }
}

/// What is wrong with a CSS selector, in one line. (Never format a `SelectorErrorKind` with
/// `{}`: scraper 0.20's Display panics on some delimiter tokens.)
pub fn selector_error(e: &SelectorErrorKind) -> String {
    match e {
        SelectorErrorKind::UnexpectedToken(t) => format!("unexpected {}", token(&format!("{t:?}"))),
        SelectorErrorKind::EndOfLine => {
            "it stops where more was expected (an unclosed `[` or `(`, or a combinator at the end?)"
                .into()
        }
        SelectorErrorKind::InvalidAtRule(r) => format!("`@{r}` has no place in a selector"),
        SelectorErrorKind::InvalidAtRuleBody | SelectorErrorKind::QualRuleInvalid => {
            "this is not a selector".into()
        }
        SelectorErrorKind::ExpectedColonOnPseudoElement(t)
        | SelectorErrorKind::ExpectedIdentityOnPseudoElement(t) => {
            format!(
                "a pseudo-element is malformed near {}",
                token(&format!("{t:?}"))
            )
        }
        SelectorErrorKind::UnexpectedSelectorParseError(kind) => {
            let debug = format!("{kind:?}");
            let (name, arg) = match debug.split_once('(') {
                Some((n, a)) => (n.to_string(), Some(token(&format!("x({a}")))),
                None => (debug.clone(), None),
            };
            let arg = arg.unwrap_or_default();
            match name.as_str() {
                "DanglingCombinator" => "a combinator (`>`, `+`, `~`) has nothing after it".into(),
                "EmptySelector" => "a selector is empty (a stray comma?)".into(),
                "ClassNeedsIdent" => format!("`.` must be followed by a class name, not {arg}"),
                "NoQualifiedNameInAttributeSelector" | "InvalidQualNameInAttr" => {
                    format!("`[` must be followed by an attribute name, not {arg}")
                }
                "ExpectedBarInAttr" | "UnexpectedTokenInAttributeSelector" | "BadValueInAttr" => {
                    format!("the test inside `[...]` is malformed near {arg}; write [name], [name=value] or [name=\"value\"]")
                }
                "UnsupportedPseudoClassOrElement" => {
                    format!("the pseudo-class or pseudo-element {arg} is not supported")
                }
                "NoIdentForPseudo" => {
                    format!("`:` must be followed by a pseudo-class name, not {arg}")
                }
                "UnexpectedIdent" => format!("unexpected {arg}"),
                "ExpectedNamespace" | "ExplicitNamespaceUnexpectedToken" => {
                    "namespaces are not supported".into()
                }
                _ => format!("the selector is malformed ({name})"),
            }
        }
    }
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
        ] {
            let e = scraper::Selector::parse(css).unwrap_err();
            let m = selector_error(&e);
            assert!(!m.contains('\n') && !m.contains("report"), "{css}: {m}");
        }
    }

    #[test]
    fn typo_distance() {
        assert_eq!(distance("max_itmes", "max_items"), 2);
        assert_eq!(closest("titel", &["title", "url"]), Some("title"));
        assert_eq!(closest("zzz", &["title", "url"]), None);
    }
}
