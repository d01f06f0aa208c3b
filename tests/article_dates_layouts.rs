//! Article pages laid out as news sites in nine languages lay them out, each with the trap
//! its layout sets for the date finder (`tests/fixtures/article/layouts/`, written for this
//! repository; the README beside them says what each one holds):
//!
//! - a box of other articles or of comments named in the site's own language (Vietnamese
//!   `box-tinlienquan` / "Tin liên quan", Italian "Articoli correlati", Hungarian
//!   `kommentek`, Spanish `relacionadas` / "Más información") whose dates tie or beat the
//!   byline's;
//! - the byline's date a link to the day's archive written with dashes
//!   (`/hemeroteca/2018-01-23/`);
//! - `<meta name="date">` holding the update time beside a printed
//!   `Aktualisiert am … | Erstellt am …`;
//! - the article's own `<header>` inside `<article>` under an `<h2>` headline (the only
//!   `<h1>` is the site's logo, or there is none), which is not the site header;
//! - the previous news item's `<time datetime>` above the headline (`b-news-prev`);
//! - Dutch `Aangepast` (updated) after the published time;
//! - `<meta name="date">` holding the time the page was made, two minutes before the fetch;
//! - a date badge whose day, month and year are `<span>`s of their own, above the headline,
//!   and a date in a table of facts in the article's text (a hike's day);
//! - a live banner's `<time datetime>` above the headline, later than the article's own
//!   printed update time;
//! - a press room's title in a `<div class="wd_title">` (no heading at all) above a
//!   `CHICAGO, Jan. 9, 2013 /PRNewswire/ --` dateline, at an address without a date (its
//!   `WebPage` JSON-LD's `dateModified`, a site move, is the page's own word for its update);
//! - a market ticker's `Stand: …` above the headline;
//! - a breaking-news line's date above the `<article>` that holds the headline;
//! - a health guide's list of sources with a source's `Accessed …` date.

mod common;

use std::path::Path;

use feedmill::article::{date_report, extract_article, DateKind, Found, MIN_SCORE};
use feedmill::dates::{DateContext, Stamp};
use url::Url;

use common::article::auto;

/// (file, address it was served from, the site's zone, published day, updated day).
const PAGES: &[(&str, &str, &str, &str, Option<&str>)] = &[
    ("vi_related_box.html", "https://tinnhanh.example/ha-noi-thu-phi-oto-vao-noi-do-tu-nam-2021-4008123.html", "Asia/Ho_Chi_Minh", "2019-11-08", None),
    ("es_archive_link.html", "https://eldiario-sur.example/economia/2018/01/23/actualidad/1516698881_123456.html", "Europe/Madrid", "2018-01-23", Some("2018-01-24")),
    ("de_meta_date_updated.html", "https://www.nachrichten-online.example/nachrichten/deutschland/id_84912345/bahnstreik-diese-verbindungen-fallen-am-montag-aus.html", "Europe/Berlin", "2018-12-01", Some("2018-12-02")),
    ("de_article_header_h2.html", "https://www.wochenspiegel.example/wissenschaft/natur/klimawandel-gletscher-in-den-alpen-schmelzen-schneller-als-erwartet-a-1b2c3d4e-0001-0002-0003-000000000042", "Europe/Berlin", "2021-06-16", None),
    ("ru_prev_news_time.html", "https://www.vesti-dnya.example/social/news/2025/02/14/25112233.shtml", "Europe/Moscow", "2025-02-14", None),
    ("id_entry_header.html", "https://dapurbunda.example/resep-rendang-padang-asli/", "Asia/Jakarta", "2017-03-14", None),
    ("it_correlati.html", "https://www.lagazzetta-nazionale.example/cronaca/terremoto-nuove-scosse-centro-italia-crolli-visso-ussita-150677777/", "Europe/Rome", "2016-10-27", None),
    ("hu_comments.html", "https://hirek-ma.example/belfold/2017/11/06/lanchid_felujitas_lezaras/", "Europe/Budapest", "2017-11-06", None),
    ("de_meta_date_render.html", "https://www.nachrichten-online.example/nachrichten/deutschland/id_84912345/bahnstreik-diese-verbindungen-fallen-am-montag-aus.html", "Europe/Berlin", "2018-12-01", None),
    ("de_split_badge.html", "https://bergzeit-blog.example/wanderung-hoher-ifen-gottesackerplateau/", "Europe/Berlin", "2020-02-15", None),
    ("nl_live_banner.html", "https://nieuwsnoord.example/artikel/2226751-kabinet-trekt-extra-geld-uit-voor-groningen", "Europe/Amsterdam", "2018-04-09", Some("2018-04-09")),
    ("en_pressroom_div_title.html", "https://newsroom.halvorsenfoods.example/news-releases/halvorsen-foods-to-acquire-prairie-gold-snacks", "America/Chicago", "2013-01-09", Some("2021-06-30")),
    ("nl_aangepast.html", "https://nieuws-nu.example/artikel/2062345-honderden-mensen-bij-herdenking-in-enschede", "Europe/Amsterdam", "2015-10-09", Some("2015-10-10")),
    ("es_breaking_ticker.html", "https://www.cronicamadrid.example/madrid/el-ayuntamiento-planta-2000-arboles-en-el-sureste_1193377.html", "Europe/Madrid", "2025-03-11", None),
    ("en_health_sources.html", "https://www.wellspringhealthguide.example/conditions/plantar-fasciitis/home-treatment", "America/Chicago", "2022-03-03", Some("2025-01-09")),
];

/// One page of [`PAGES`]: its HTML, address, zone and the context it is read in.
struct Page {
    html: String,
    url: Url,
    zone: chrono_tz::Tz,
    ctx: DateContext,
}

fn page(file: &str) -> Page {
    let (_, url, zone, _, _) = PAGES.iter().find(|p| p.0 == file).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/article/layouts");
    let zone: chrono_tz::Tz = zone.parse().unwrap();
    Page {
        html: std::fs::read_to_string(dir.join(file)).unwrap(),
        url: Url::parse(url).unwrap(),
        zone,
        ctx: DateContext {
            fetched_at: "2026-06-01T00:00:00Z".parse().unwrap(),
            zone,
        },
    }
}

impl Page {
    fn day(&self, instant: &chrono::DateTime<chrono::FixedOffset>) -> String {
        instant.with_timezone(&self.zone).date_naive().to_string()
    }
}

#[test]
fn each_layout_gives_the_articles_own_days() {
    let mut wrong = Vec::new();
    for (file, _, _, published, updated) in PAGES {
        let p = page(file);
        let info = extract_article(&p.html, &p.url, &auto(), p.ctx);
        let day = |f: &Option<Found<Stamp>>| f.as_ref().map(|f| p.day(&f.value.instant));
        let got = (day(&info.published), day(&info.updated));
        let want = (Some(published.to_string()), updated.map(str::to_string));
        if got != want {
            let report = date_report(&p.html, &p.url, &auto(), p.ctx);
            let why = report
                .winner(DateKind::Published)
                .map_or(String::new(), |c| format!("{} [{}]", c.detail, c.place));
            wrong.push(format!("{file}: {got:?}, want {want:?}; won: {why}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// A market ticker's `Stand: 14.03.2025 22:00` ("as of") above the headline tied the
/// article's unlabelled date and came first; read as an update stamp it never competes with
/// the publication.
#[test]
fn a_tickers_stand_is_no_publication() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/article/layouts");
    let html = std::fs::read_to_string(dir.join("de_ticker_stand.html")).unwrap();
    let url = Url::parse("https://www.boersenblick.example/nachrichten/konjunktur/ifo-exporterwartungen-truben-sich-wegen-us-zoellen-ein-5521873").unwrap();
    let zone = chrono_tz::Europe::Berlin;
    let ctx = DateContext {
        fetched_at: "2026-06-01T00:00:00Z".parse().unwrap(),
        zone,
    };
    let info = extract_article(&html, &url, &auto(), ctx);
    let published = info.published.unwrap().value.instant.with_timezone(&zone);
    assert_eq!(published.date_naive().to_string(), "2025-03-12");
    let report = date_report(&html, &url, &auto(), ctx);
    assert!(report
        .candidates
        .iter()
        .filter(|c| c.detail.contains("Stand:"))
        .all(|c| c.kind == DateKind::Updated));
    // A ticker's stamp older than the article (the last close, the evening before) is no
    // update time the article's own date may not come after.
    let older = html.replace("Stand: 14.03.2025 22:00", "Stand: 11.03.2025 22:00");
    let info = extract_article(&older, &url, &auto(), ctx);
    let published = info.published.unwrap().value.instant.with_timezone(&zone);
    assert_eq!(published.date_naive().to_string(), "2025-03-12");
}

/// The dates of the other articles and of the comments never score enough to be taken,
/// whatever their place.
#[test]
fn dates_in_boxes_named_in_other_languages_never_count() {
    // (file, days printed in its related box or comments)
    let boxes: &[(&str, &[&str])] = &[
        (
            "vi_related_box.html",
            &["2019-11-06", "2019-11-10", "2019-11-09"],
        ),
        ("it_correlati.html", &["2016-10-28", "2016-10-26"]),
        ("hu_comments.html", &["2017-11-03", "2017-11-07"]),
    ];
    for (file, days) in boxes {
        let p = page(file);
        let report = date_report(&p.html, &p.url, &auto(), p.ctx);
        for c in &report.candidates {
            let day = p.day(&c.stamp.instant);
            assert!(
                !days.contains(&day.as_str()) || c.score < MIN_SCORE,
                "{file}: {c:?}"
            );
        }
    }
    // A comment of the same day, `2017. november 6. 09:02`, is not the article's time.
    let p = page("hu_comments.html");
    let info = extract_article(&p.html, &p.url, &auto(), p.ctx);
    let published = info.published.unwrap().value.instant.to_rfc3339();
    assert_eq!(published, "2017-11-06T08:15:00+01:00");
}

/// A breaking-news line above the `<article>` that holds the headline ("Última hora
/// 14/03/2025 09:12") was one point behind the byline's date; it belongs to the site, and
/// now stands well behind.
#[test]
fn a_breaking_news_line_before_the_article_stands_back() {
    let p = page("es_breaking_ticker.html");
    let report = date_report(&p.html, &p.url, &auto(), p.ctx);
    let winner = report.winner(DateKind::Published).unwrap();
    assert_eq!(p.day(&winner.stamp.instant), "2025-03-11");
    let ticker = report
        .candidates
        .iter()
        .find(|c| c.detail.contains("14/03/2025 09:12"))
        .unwrap();
    assert!(
        ticker.place.contains("before the article"),
        "{}",
        ticker.place
    );
    assert!(
        ticker.score + 10 <= winner.score,
        "{} {}",
        ticker.score,
        winner.score
    );
}

/// A source's "Accessed December 12, 2024" is a reference's date: with the byline's date
/// gone, the page's only date is its update, taken for both, never the access date.
#[test]
fn a_sources_access_date_is_no_candidate() {
    let p = page("en_health_sources.html");
    let html = p.html.replace(" on March 3, 2022", "");
    let report = date_report(&html, &p.url, &auto(), p.ctx);
    assert!(
        report
            .candidates
            .iter()
            .all(|c| p.day(&c.stamp.instant) != "2024-12-12"),
        "{:#?}",
        report.candidates
    );
    let info = extract_article(&html, &p.url, &auto(), p.ctx);
    let published = info.published.unwrap().value.instant;
    assert_eq!(p.day(&published), "2025-01-09");
}
