//! `config::parse` on arbitrary text, TOML-like lines and mutated valid configs.

use crate::shared::*;
use feedmill::config::{self};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use std::path::Path;

/// An edit to a config's lines.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Duplicate(usize),
    /// Replace the character at (line, char index) with this one.
    Substitute(usize, usize, char),
    /// Insert this character at (line, char index).
    Insert(usize, usize, char),
}

fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(vec![
            '"', '\'', '[', ']', '=', '.', '@', '%', '#', '\\', '{', '}', ',', ' ', '\n', '-',
            '0', '9', 'a', 'z', '/', ':', '*', '>', '(', ')', '|', '+', '~', '한', '\u{0}',
            '\u{7f}', '\u{feff}', '\t',
        ]),
        1 => any::<char>(),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        2 => any::<usize>().prop_map(Edit::Delete),
        2 => any::<usize>().prop_map(Edit::Duplicate),
        3 => (any::<usize>(), any::<usize>(), interesting_char())
            .prop_map(|(l, c, ch)| Edit::Substitute(l, c, ch)),
        2 => (any::<usize>(), any::<usize>(), interesting_char())
            .prop_map(|(l, c, ch)| Edit::Insert(l, c, ch)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for e in edits {
        if lines.is_empty() {
            break;
        }
        let n = lines.len();
        match *e {
            Edit::Delete(l) => {
                lines.remove(l % n);
            }
            Edit::Duplicate(l) => {
                let line = lines[l % n].clone();
                lines.insert(l % n, line);
            }
            Edit::Substitute(l, c, ch) | Edit::Insert(l, c, ch) => {
                let line = &mut lines[l % n];
                let mut chars: Vec<char> = line.chars().collect();
                let at = c % (chars.len() + 1);
                match e {
                    Edit::Substitute(..) if at < chars.len() => chars[at] = ch,
                    _ => chars.insert(at, ch),
                }
                *line = chars.into_iter().collect();
            }
        }
    }
    lines.join("\n")
}

/// Lines that look like TOML, from keys and values feeds.toml uses.
fn tomlish() -> impl Strategy<Value = String> {
    let header = prop::sample::select(vec![
        "[settings]",
        "[server]",
        "[feeds.a]",
        "[feeds.a.select]",
        "[feeds.a.article]",
        "[feeds.a.filter]",
        "[feeds.\"b c\"]",
        "[[feeds]]",
        "[feeds]",
    ])
    .prop_map(str::to_string);
    let key = prop::sample::select(vec![
        "output_dir",
        "state_dir",
        "timezone",
        "max_items",
        "user_agent",
        "base_url",
        "timeout",
        "host_delay",
        "concurrency",
        "interval",
        "listen",
        "title",
        "url",
        "urls",
        "description",
        "language",
        "formats",
        "item",
        "link",
        "summary",
        "date",
        "image",
        "author",
        "date_format",
        "fetch",
        "max_new",
        "updated",
        "content",
        "full_text",
        "remove",
        "include",
        "exclude",
        "bogus",
    ]);
    let value = prop_oneof![
        prop::sample::select(vec![
            "\"Asia/Seoul\"",
            "\"Mars/Base\"",
            "\"30s\"",
            "\"0s\"",
            "\"1d\"",
            "\"-5m\"",
            "\"99999999999999999999d\"",
            "\"500ms\"",
            "0",
            "-1",
            "1",
            "9223372036854775807",
            "1e400",
            "true",
            "\"https://x.kr/\"",
            "\"ftp://x\"",
            "\"\"",
            "\"127.0.0.1:0\"",
            "[\"rss\", \"atom\", \"json\"]",
            "[\"xml\"]",
            "[]",
            "\"a@href\"",
            "\"li%\"",
            "\"a > > b\"",
            "\"/(a|b\"",
            "\"/.*/\"",
            "\"span@\"",
            "\"@x\"",
            "\"%Y-%m-%d\"",
            "\"%Q\"",
            "{ a = 1 }",
            "[\"a\", 1]",
        ])
        .prop_map(str::to_string),
        "\\PC{0,12}".prop_map(|s| format!("{s:?}")),
    ];
    let line = prop_oneof![
        1 => header,
        4 => (key, value).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => "\\PC{0,20}",
    ];
    prop::collection::vec(line, 0..30).prop_map(|l| l.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn config_parse_never_panics_on_arbitrary_text(text in "\\PC{0,300}|(?s).{0,300}") {
        check_config(&text)?;
    }

    #[test]
    fn config_parse_never_panics_on_tomlish_lines(text in tomlish()) {
        check_config(&text)?;
    }

    #[test]
    fn config_parse_never_panics_on_mutated_valid_config(edits in prop::collection::vec(edit(), 1..8)) {
        let text = apply(VALID, &edits);
        check_config(&text)?;
    }
}

#[test]
fn valid_config_parses() {
    let config = config::parse(VALID, Path::new("feeds.toml")).unwrap();
    assert_eq!(config.feeds.len(), 2);
}
