//! The streaming scan (`listscan`) and the full parse must read the same items off every page:
//! the fast path is an optimisation, never a different answer.

use std::path::{Path, PathBuf};

use feedmill::dates::DateContext;
use feedmill::extract::{extract_list, extract_list_full};
use proptest::prelude::*;
use url::Url;

fn ctx() -> DateContext {
    DateContext {
        fetched_at: "2026-02-11T00:00:00Z".parse().unwrap(),
        zone: chrono_tz::Asia::Seoul,
    }
}

fn select(toml_select: &str) -> feedmill::config::Select {
    let text = format!(
        "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.kr/\"\n[feeds.t.select]\n{toml_select}"
    );
    feedmill::config::parse(&text, Path::new("feeds.toml"))
        .unwrap()
        .feeds[0]
        .select
        .clone()
        .unwrap()
}

fn same(html: &str, url: &Url, sel: &feedmill::config::Select, what: &str) {
    let fast = extract_list(html, url, sel, ctx());
    let full = extract_list_full(html, url, sel, ctx());
    assert_eq!(fast.items, full.items, "{what}: items differ");
    assert_eq!(fast.warnings, full.warnings, "{what}: warnings differ");
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn page(rel: &str) -> String {
    let bytes = std::fs::read(fixtures().join(rel)).unwrap();
    feedmill::fetch::decode(Url::parse("http://x.kr/").unwrap(), None, &bytes).html
}

#[test]
fn configured_fixtures_read_the_same() {
    let url = Url::parse("http://127.0.0.1:8080/news/section/global").unwrap();
    let cases = [
        ("list_utf8.html", "item = \"div.news-list article.item\"\nlink = \"h3 a\"\ntitle = \"h3 a\"\nsummary = \"p.summary\"\ndate = \"span.date\"\nimage = \"img\"\nauthor = \"span.writer\"\n"),
        ("list_utf8.html", "item = \"div.news-list article.item\"\nimage = \"img@data-src\"\n"),
        ("list_euckr.html", "item = \"table.list tr\"\nlink = \"td.subject a\"\ntitle = \"td.subject a\"\ndate = \"td.date\"\nauthor = \"td.writer\"\n"),
        ("list_times.html", "item = \"div.card-grid a.card\"\ntitle = \"strong.tit\"\nsummary = \"p.desc\"\ndate = \"em.time\"\nimage = \"img\"\n"),
        ("list_empty.html", "item = \"div.news-list article.item\"\n"),
        ("list_clutter.html", "item = \"div.article-list li.item\"\nlink = \"h4.titles a\"\ntitle = \"h4.titles a\"\nsummary = \"p.lead\"\ndate = \"p.info\"\nimage = \"img\"\nauthor = \"em.writer\"\n"),
        ("list_clutter.html", "item = \"div.article-list li.item\"\n"),
    ];
    for (file, sel) in cases {
        same(&page(file), &url, &select(sel), file);
    }
}

#[test]
fn detected_lists_read_the_same() {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(fixtures().join("detect"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.extend(
        std::fs::read_dir(fixtures().join("real"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "html")),
    );
    pages.sort();
    assert!(pages.len() >= 8);
    for path in pages {
        let bytes = std::fs::read(&path).unwrap();
        let url = Url::parse("https://www.example.co.kr/news/list.html").unwrap();
        let html = feedmill::fetch::decode(url.clone(), None, &bytes).html;
        for cand in feedmill::detect::detect(&html, &url, ctx()).iter().take(4) {
            let sel = cand.to_select().unwrap();
            same(
                &html,
                &url,
                &sel,
                &format!("{} {}", path.display(), cand.item),
            );
        }
    }
}

/// Pieces of list markup, well-formed and not, for the property below.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<li class=\"it\"><a href=\"/v/1\">첫 기사</a><span class=\"d\">2026.02.10 19:32</span></li>".to_string()),
        Just("<li class=\"it\"><a href=\"/v/2#c\">둘째 <b>기사</b></a></li>".to_string()),
        Just("<li class=\"it\"><a href=\"/v/3\">셋째".to_string()),
        Just("<li class=\"it\"><p>문단<li class=\"it\"><a href=\"/v/4\">넷째</a></li>".to_string()),
        Just("<ul class=\"l\">".to_string()),
        Just("</ul>".to_string()),
        Just("<table class=\"l\"><tr class=\"it\"><td><a href=\"/v/5\">표</a></td></tr></table>".to_string()),
        Just("<div class=\"it\"><a href=\"/v/6\">상자</a></div>".to_string()),
        Just("<b><a href=\"/v/7\">굵게".to_string()),
        Just("</b></a>".to_string()),
        Just("<script>var a = '<li class=\"it\"><a href=\"/x\">';</script>".to_string()),
        Just("<!-- <li class=\"it\"> -->".to_string()),
        Just("<base href=\"https://cdn.x.kr/sub/\">".to_string()),
        Just("<li class=\"IT\"><a href=\"/v/20\">대문자</a></li>".to_string()),
        Just("<LI class=\"it\"><a href=\"/v/21\">대문자 태그</a></LI>".to_string()),
        Just("<li class=\"it&#32;ad\"><a href=\"/v/22\">엔티티</a></li>".to_string()),
        Just("<li class=it data-x='a>b'><a href=/v/23>따옴표</a></li>".to_string()),
        Just("<li id=\"it\" class=\"ad it\"><a href=\"/v/24\">광고</a></li>".to_string()),
        Just("<ul class=\"l x\"><li class=\"it\"><a href=\"/v/25\">목록</a></li></ul>".to_string()),
        Just("<noscript><li class=\"it\"><a href=\"/v/8\">ns</a></li></noscript>".to_string()),
        Just("<template><li class=\"it\"><a href=\"/v/9\">tpl</a></li></template>".to_string()),
        Just("<textarea><li class=\"it\"><a href=\"/v/10\">ta</a></li></textarea>".to_string()),
        Just("<table><div class=\"it\"><a href=\"/v/11\">foster</a></div><tr><td>x</td></tr></table>".to_string()),
        Just("<svg><a class=\"it\" href=\"/v/12\">svg</a></svg>".to_string()),
        Just("<select><option class=\"it\"><a href=\"/v/13\">opt</a></option></select>".to_string()),
        Just("<p class=\"it\"><a href=\"/v/14\">문단<div>상자</div></a></p>".to_string()),
        Just("<a class=\"it\" href=\"/v/15\">바깥<a href=\"/v/16\">안쪽</a></a>".to_string()),
        Just("<li class=\"it\"><a href=\"/v/30\"><span class=\"blind\">숨김</span>블라인드&shy;<i style=\"display:none\">x</i></a><span class=\"d\"><span>2026.02.10</span><span>19:32</span></span><img src=\"/img/grey.gif\" data-original=\"/p/30.jpg\"></li>".to_string()),
        Just("<div class=\"blind\" hidden>".to_string()),
        "[가-힣a-z <>/=\"]{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]
    #[test]
    fn random_markup_reads_the_same(pieces in prop::collection::vec(piece(), 0..30)) {
        let html = format!("<html><body>{}</body></html>", pieces.concat());
        let url = Url::parse("https://x.kr/list").unwrap();
        // The first four are matched by the scanner itself, the last two by lol_html.
        for sel in ["item = \"li.it\"\ndate = \"span.d\"\n", "item = \"ul.l > li.it\"\n", "item = \".it\"\n", "item = \"tr.it\"\ntitle = \"td a\"\n", "item = \"li.it:not(.ad)\"\n", "item = \"ul.l li:nth-child(2n+1)\"\n"] {
            let s = select(sel);
            let fast = extract_list(&html, &url, &s, ctx());
            let full = extract_list_full(&html, &url, &s, ctx());
            prop_assert_eq!(fast.items, full.items, "{}", sel);
        }
    }
}
