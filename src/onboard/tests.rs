use super::*;

fn candidate() -> Candidate {
    Candidate {
        item: "ul.list > li".into(),
        link: Some("h4.titles a".into()),
        title: None,
        summary: Some("p.lead".into()),
        date: Some("span.date".into()),
        image: None,
        score: 3.25,
        count: 10,
        reasons: vec![],
        low_confidence: None,
    }
}

fn new_feed(id: &str, url: &str, source: NewSource) -> NewFeed {
    NewFeed {
        id: id.into(),
        title: "경제 \"속보\"".into(),
        url: Url::parse(url).unwrap(),
        source,
    }
}

const EXISTING: &str = "# my feeds, hand-kept\n[settings]\nmax_items = 30   # enough\n\n[feeds.old]   # the first one\ntitle = \"옛 피드\"\nurl = \"https://old.example.kr/list\"\n";

#[test]
fn appending_keeps_the_file_byte_for_byte() {
    let path = Path::new("feeds.toml");
    let feed = new_feed(
        "economy",
        "https://news.example.kr/economy",
        NewSource::List(Box::new(candidate())),
    );
    let text = append_feed(EXISTING, path, &feed).unwrap();
    assert!(text.starts_with(EXISTING), "{text}");
    let added = &text[EXISTING.len()..];
    assert!(added.starts_with("\n[feeds.economy]\n"), "{added}");
    assert!(added.contains("title = '경제 \"속보\"'"), "{added}");
    assert!(added.contains("\n\n# found automatically: 10 items, score 3.25\n[feeds.economy.select]\nitem = \"ul.list > li\"\nlink = \"h4.titles a\"\nsummary = \"p.lead\"\ndate = \"span.date\"\n"), "{added}");
    let config = crate::config::parse(&text, path).unwrap();
    assert_eq!(config.feeds.len(), 2);
    let economy = config.feeds.iter().find(|f| f.id == "economy").unwrap();
    assert_eq!(economy.title, "경제 \"속보\"");
    assert_eq!(config.settings.max_items, 30);

    // A file without its last line end gets one before the new table.
    let trimmed = EXISTING.trim_end();
    let text = append_feed(trimmed, path, &feed).unwrap();
    assert!(
        text.starts_with(&format!("{trimmed}\n\n[feeds.economy]")),
        "{text}"
    );
}

#[test]
fn a_feed_source_gets_its_article_pages_read() {
    let feed = new_feed("rss", "https://x.example.kr/rss.xml", NewSource::Feed);
    let text = append_feed("", Path::new("feeds.toml"), &feed).unwrap();
    assert!(text.starts_with("[feeds.rss]\n"), "{text}");
    let config = crate::config::parse(&text, Path::new("feeds.toml")).unwrap();
    assert!(config.feeds[0].article.as_ref().is_some_and(|a| a.fetch));
    assert!(config.feeds[0].select.is_none());
}

#[test]
fn duplicates_and_bad_files_are_refused() {
    let path = Path::new("feeds.toml");
    let list = || NewSource::List(Box::new(candidate()));
    let cases: Vec<(String, NewFeed, &str)> = vec![
        (
            EXISTING.into(),
            new_feed("old", "https://new.example.kr/", list()),
            "a feed `old` exists already",
        ),
        (
            EXISTING.into(),
            new_feed("other", "https://old.example.kr/list", list()),
            "feed `old` reads https://old.example.kr/list already",
        ),
        (
            "[feeds.m]\ntitle = \"m\"\nurls = [\"https://a.example/\", \"https://b.example/x\"]\n"
                .into(),
            new_feed("n", "https://b.example/x", list()),
            "feed `m` reads",
        ),
        (
            "feeds = 3\n".into(),
            new_feed("n", "https://b.example/x", list()),
            "not a table of feeds",
        ),
        (
            "[settings\n".into(),
            new_feed("n", "https://b.example/x", list()),
            "not a TOML file feedmill can edit",
        ),
        (
            EXISTING.into(),
            new_feed("Bad Id", "https://b.example/x", list()),
            "cannot be a feed id",
        ),
        (
            "[settings]\nmax_itmes = 3\n".into(),
            new_feed("n", "https://b.example/x", list()),
            "would not load",
        ),
    ];
    for (existing, feed, want) in cases {
        let err = append_feed(&existing, path, &feed).unwrap_err().to_string();
        assert!(err.contains(want), "{existing:?}: {err}");
    }
}

#[test]
fn init_writes_a_loadable_starter_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feeds.toml");
    init(&path).unwrap();
    let config = crate::config::parse(STARTER, &path).unwrap();
    assert_eq!(config.feeds.len(), 1);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), STARTER);
    std::fs::write(&path, "mine").unwrap();
    let err = init(&path).unwrap_err().to_string();
    assert!(err.contains("exists already"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
}
