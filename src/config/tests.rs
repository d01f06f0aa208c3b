//! Unit tables for the config module: `split_attr`, durations, defaults, and errors that name
//! the file, the line and the key. The exact wording of errors is pinned in
//! `tests/config_errors.rs`.

use super::*;

#[test]
fn selector_attr_table() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("a", "a", None),
        ("a@href", "a", Some("href")),
        ("img.thumb@data-src", "img.thumb", Some("data-src")),
        ("time @ datetime", "time", Some("datetime")),
        ("meta@content", "meta", Some("content")),
        ("a[href*=\"@\"]", "a[href*=\"@\"]", None),
        ("a[title=\"x@y\"]@href", "a[title=\"x@y\"]", Some("href")),
        ("@href", "@href", None),
        ("a@", "a@", None),
        ("a@1x", "a@1x", None),
        ("svg@xlink:href", "svg", Some("xlink:href")),
    ];
    for (spec, css, attr) in cases {
        assert_eq!(split_attr(spec), (*css, *attr), "{spec}");
    }
}

#[test]
fn durations() {
    let cases: &[(&str, Option<u64>)] = &[
        ("30s", Some(30_000)),
        ("15m", Some(900_000)),
        ("2h", Some(7_200_000)),
        ("1d", Some(86_400_000)),
        ("250ms", Some(250)),
        ("0s", Some(0)),
        (" 5 s ", Some(5_000)),
        ("5", None),
        ("s", None),
        ("5 parsecs", None),
        ("-5s", None),
        ("99999999999999999999s", None),
    ];
    for (text, ms) in cases {
        assert_eq!(
            parse_duration(text).map(|d| d.as_millis() as u64),
            *ms,
            "{text}"
        );
    }
}

fn parse_err(text: &str) -> String {
    parse(text, Path::new("/etc/feedmill/feeds.toml"))
        .unwrap_err()
        .to_string()
}

#[test]
fn errors_name_file_line_and_key() {
    let e = parse_err("[settings]\nmax_items = 10\ntitel = \"x\"\n");
    assert!(e.contains("/etc/feedmill/feeds.toml: line 3"), "{e}");
    assert!(e.contains("titel"), "{e}");

    let e = parse_err("[feeds.a]\ntitle = \"A\"\nurl = \"https://example.com/\"\n[feeds.a.select]\nitem = \"div[[\"\n");
    assert!(e.contains("line 5"), "{e}");
    assert!(e.contains("feeds.a.select.item"), "{e}");

    let e = parse_err("[settings]\ntimeout = \"5 parsecs\"\n");
    assert!(
        e.contains("line 2") && e.contains("settings.timeout"),
        "{e}"
    );

    let e = parse_err("[settings]\ntimezone = \"Mars/Olympus\"\n");
    assert!(
        e.contains("settings.timezone") && e.contains("Mars/Olympus"),
        "{e}"
    );

    let e = parse_err("[feeds.\"Bad Id!\"]\ntitle = \"A\"\nurl = \"https://example.com/\"\n");
    assert!(e.contains("Bad Id!") && e.contains("line 1"), "{e}");

    let e = parse_err("[feeds.a]\ntitle = \"A\"\n");
    assert!(e.contains("feeds.a.url"), "{e}");

    let e = parse_err("[feeds.a]\ntitle = \"A\"\nurl = \"ftp://example.com/\"\n");
    assert!(e.contains("feeds.a.url") && e.contains("line 3"), "{e}");
}

#[test]
fn filters_and_article_rules() {
    let c = parse(
        "[feeds.x]\ntitle = \"X\"\nurl = \"https://e.kr/\"\n[feeds.x.article]\nfetch = true\nremove = [\"div.ad\", \".related\"]\ndate = \"span.date@data-time\"\n[feeds.x.filter]\ninclude = [\"반도체\", \"/^\\\\[속보\\\\]/\"]\nexclude = [\"광고\", \"SPONSORED\"]\n",
        Path::new("feeds.toml"),
    )
    .unwrap();
    let feed = &c.feeds[0];
    let a = feed.article.as_ref().unwrap();
    assert!(a.fetch && !a.full_text);
    assert_eq!(a.max_new, defaults::MAX_NEW);
    assert_eq!(a.remove.len(), 2);
    assert_eq!(a.date.as_ref().unwrap().attr.as_deref(), Some("data-time"));
    let f = &feed.filter;
    let cases = [
        ("삼성 반도체 투자", "", true),
        ("[속보] 지진 발생", "", true),
        ("지진 [속보]", "", false),
        ("날씨", "반도체 업황", true),
        ("반도체 광고", "", false),
        ("반도체 소식", "Sponsored content", false),
        ("날씨", "맑음", false),
    ];
    for (title, summary, keep) in cases {
        assert_eq!(f.keeps(title, summary), keep, "{title} / {summary}");
    }
    let e = parse_err("[feeds.x]\ntitle = \"X\"\nurl = \"https://e.kr/\"\n[feeds.x.filter]\nexclude = [\"/(unclosed/\"]\n");
    assert!(
        e.contains("feeds.x.filter.exclude") && e.contains("line 5"),
        "{e}"
    );
    let e = parse_err("[feeds.x]\ntitle = \"X\"\nurl = \"https://e.kr/\"\n[feeds.x.article]\nfetch = true\nremove = [\"div[[\"]\n");
    assert!(e.contains("feeds.x.article.remove"), "{e}");
}

#[test]
fn defaults_and_relative_paths() {
    let c = parse(
        "[feeds.x]\ntitle = \"X\"\nurl = \"https://example.com/list\"\n",
        Path::new("/srv/feeds/feeds.toml"),
    )
    .unwrap();
    assert_eq!(c.settings.output_dir, Path::new("/srv/feeds/output"));
    assert_eq!(c.settings.timezone, chrono_tz::Asia::Seoul);
    assert_eq!(c.settings.max_items, 50);
    assert_eq!(c.feeds[0].max_items, 50);
    assert_eq!(c.feeds[0].formats, vec![Format::Rss, Format::Atom]);
    assert!(c.feeds[0].select.is_none());
    assert!(c.settings.user_agent.starts_with("feedmill/"));
}

#[test]
fn a_file_without_settings_gets_the_default_settings() {
    let c = parse("", Path::new("/srv/feeds/feeds.toml")).unwrap();
    assert_eq!(
        format!("{:?}", c.settings),
        format!("{:?}", Settings::defaults(Path::new("/srv/feeds")))
    );
}
