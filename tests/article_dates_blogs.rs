//! Article dates on the pages htmldate's evaluation taught: blog and press pages whose date is
//! printed in forms and places the first finder missed. A German byline with a two-digit
//! year (`8.5.12`) under an `<h2>` headline that only the URL names; a press release whose
//! first paragraph opens with its date; a WordPress byline date set in a link to the day's
//! archive; a date line in an `<aside class="meta">` inside the article, beside an embedded
//! Instagram post with its own `<time>`; a `Datum` in a short information box (`<aside>`)
//! inside the article, named like nothing; an old blog's date header (`17.7.11`) on a page
//! that declares no language, above a `posted at 12:53` footer and beside an event calendar;
//! a JSON-LD date in Java's `Date.toString()` form. Each page carries the clutter real ones
//! have: "latest posts" lists, related boxes and comments with their own dates, a footer year.

mod common;

use std::path::Path;

use feedmill::article::{extract_article, ArticleInfo, Source};
use feedmill::dates::Label;
use url::Url;

use common::article::{assert_list_time_kept, auto, ctx, pending_article, settle_both, when};

fn page(name: &str, url: &str) -> ArticleInfo {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/article")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    extract_article(&text, &Url::parse(url).unwrap(), &auto(), ctx())
}

fn published(a: &ArticleInfo) -> Option<(String, Source)> {
    when(&a.published, Label::Published)
}

/// The published time of `html` read as the page at `url`.
fn published_at(html: &str, url: &str) -> Option<(String, Source)> {
    published(&extract_article(
        html,
        &Url::parse(url).unwrap(),
        &auto(),
        ctx(),
    ))
}

/// `von Klaus Schöppner, 8.5.12`: day, month, two-digit year on a page that declares
/// German. The `<title>` is only the site's name and the `<h1>` is the logo, so the `<h2>`
/// the URL's slug names is the headline. Traps: sidebar and comment dates in the same form,
/// an election date and a version number in the text.
#[test]
fn german_byline_with_a_two_digit_year_under_a_headline_the_url_names() {
    let a = page(
        "de_blog_short_year.html",
        "https://debattenblatt.example/der-neue-trend-muss-statt-wunschkoalition/",
    );
    assert_eq!(
        published(&a),
        Some(("2012-05-08T00:00:00+09:00".into(), Source::Text))
    );
}

/// The same numbers on a Korean page (one that declares Korean or no language, or whose
/// title is Korean whatever it declares) are year first, as Korean sites print them:
/// `26.02.10` is 2026-02-10.
#[test]
fn two_digit_years_stay_year_first_on_korean_pages() {
    // `lang="en"`: a Korean template that never changed its declared language.
    for lang in [" lang=\"ko\"", "", " lang=\"en\""] {
        let html = format!(
            "<html{lang}><head><title>반도체 수출 회복세</title></head><body>\
             <h1>반도체 수출 회복세</h1><p class=\"byline\">김기자 26.02.10</p>\
             <p>반도체 수출이 석 달째 늘었다.</p></body></html>"
        );
        let a = extract_article(
            &html,
            &Url::parse("https://news.example/view/1").unwrap(),
            &auto(),
            ctx(),
        );
        assert_eq!(
            published(&a),
            Some(("2026-02-10T00:00:00+09:00".into(), Source::Text)),
            "lang{lang}"
        );
    }
}

/// Two-digit years in an element's own text follow the page as printed lines do: a `<time>`
/// without `datetime`, an `itemprop="datePublished"` element's text, and the text a feed's
/// `date` selector picks. `02.12.19` is 2 December 2019 on a German page and 19 December 2002
/// on a Korean one.
#[test]
fn two_digit_years_in_element_texts_follow_the_page() {
    let selector_rules = {
        let text = "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.example/\"\n[feeds.t.article]\nfetch = true\ndate = \"span.stamp\"\n";
        let config = feedmill::config::parse(text, Path::new("feeds.toml")).unwrap();
        config.feeds[0].article.clone().unwrap()
    };
    let markups = [
        ("<time class=\"entry-date\">02.12.19</time>", false),
        ("<span itemprop=\"datePublished\">02.12.19</span>", false),
        ("<span class=\"stamp\">02.12.19</span>", true),
    ];
    let pages = [
        ("de", "Neue Regeln für Mieter", "2019-12-02"),
        ("ko", "반도체 수출 회복세", "2002-12-19"),
    ];
    for (lang, title, want) in pages {
        for (markup, by_selector) in markups {
            let html = format!(
                "<html lang=\"{lang}\"><head><title>{title}</title></head><body><article>\
                 <h1>{title}</h1><div class=\"meta\">{markup}</div>\
                 <p>Der Text des Artikels, lang genug, um einer zu sein. 기사 본문입니다.</p>\
                 </article></body></html>"
            );
            let rules = if by_selector {
                selector_rules.clone()
            } else {
                auto()
            };
            let a = extract_article(
                &html,
                &Url::parse("https://news.example/view/1").unwrap(),
                &rules,
                ctx(),
            );
            let day = a
                .published
                .map(|f| f.value.instant.date_naive().to_string());
            assert_eq!(day.as_deref(), Some(want), "{lang}: {markup}");
        }
    }
}

/// `(18.01.2018) Deutschlands Landwirte …`: the first paragraph after the headline opens
/// with the date, as press releases do. Traps: a "Neueste Meldungen" box before the
/// headline with later dates, a date quoted later in the text, a related link with a date.
#[test]
fn press_release_dateline_opening_the_text() {
    let a = page(
        "de_press_dateline.html",
        "https://agrarwissen.example/aktuell/2687.schweinepest-genome-editing.html",
    );
    assert_eq!(
        published(&a),
        Some(("2018-01-18T00:00:00+09:00".into(), Source::Text))
    );
}

/// `<a class="post-meta-time" href="/journal/2017/08/08/">08/08/2017</a>`: the byline's date
/// links to the day's archive. Traps: related posts and a sidebar widget with date links and
/// dates of their own, an archive link in the footer.
#[test]
fn byline_date_in_a_link_to_the_days_archive() {
    let a = page(
        "en_archive_link_date.html",
        "https://studio.example/journal/fall-in-love-with-black/",
    );
    assert_eq!(
        published(&a),
        Some(("2017-08-08T00:00:00+09:00".into(), Source::Text))
    );
}

/// The date line sits in `<aside class="meta">` inside the `<article>`, in a block whose class
/// also holds `Comment` (`ArticleHeaderComment_publishDate`); an embedded Instagram post
/// in the text has a `<time datetime>` of its own, and a quoted ruling a date. Traps also: a
/// sidebar, a comment, and today's date in the site header.
#[test]
fn date_in_an_article_aside_beside_an_embedded_post() {
    let a = page(
        "de_aside_meta_embed.html",
        "https://werbewelt.example/marketing/influencer-urteil-172529",
    );
    assert_eq!(
        published(&a),
        Some(("2019-01-29T00:00:00+09:00".into(), Source::Text))
    );
}

/// A first paragraph that opens with a sentence about a date (`Am 3. März 2020 wurde …`) is
/// no dateline: with nothing else on the page, there is no publication date.
#[test]
fn a_sentence_that_opens_with_a_date_is_no_dateline() {
    let html = "<html lang=\"de\"><head><title>Die Brücke ist wieder offen</title></head><body>\
        <h1>Die Brücke ist wieder offen</h1>\
        <p>Am 3. März 2020 wurde die Brücke über den Fluss gesperrt, weil Risse in den Pfeilern \
        gefunden worden waren. Seit gestern rollt der Verkehr wieder.</p>\
        <p>Die Reparatur kostete die Stadt mehr als zwei Millionen Euro.</p></body></html>";
    let a = extract_article(
        html,
        &Url::parse("https://stadtbote.example/lokales/bruecke-offen").unwrap(),
        &auto(),
        ctx(),
    );
    assert_eq!(published(&a), None);
}

/// A page whose only date is its update time (`Letzte Aktualisierung`): the time a list
/// printed beside the link stays the item's; without one, the update time is used rather
/// than the first-seen time.
#[test]
fn an_update_time_alone_does_not_beat_a_printed_list_time() {
    let link = "https://agrarwissen.example/aktuell/2700.html";
    let html = "<html lang=\"de\"><head><title>Neue Sorten im Test</title></head><body>\
        <h1>Neue Sorten im Test</h1><p>Die Versuchsanstalt hat zwölf neue Sorten geprüft und \
        stellt die Ergebnisse vor.</p>\
        <p class=\"article_date\">Letzte Aktualisierung: 20.01.2018</p></body></html>";
    let a = extract_article(html, &Url::parse(link).unwrap(), &auto(), ctx());
    assert_eq!(
        when(&a.published, Label::Updated),
        Some(("2018-01-20T00:00:00+09:00".into(), Source::Text))
    );
    let item = pending_article(
        link,
        "Neue Sorten im Test",
        "2018-01-18T09:00:00Z",
        "2018-01-21T08:00:00Z",
    );
    let (printed, unprinted) = settle_both(&item, &a);
    assert_list_time_kept(&printed);
    assert_eq!(
        unprinted.published,
        Some("2018-01-19T15:00:00Z".parse().unwrap())
    );
}

/// A Korean portal's article header: the `입력` / `수정` date lines share a block with a row
/// of reaction and font-size buttons (`<a>` without an address or to `#`), one of them
/// labelled "추천". Buttons are not links to other articles, so the block is not taken for
/// a "추천" box of other articles. Traps: the press name in a floating `<h1>` that the title
/// also holds, a "많이 본 뉴스" ranking with times, the footer year.
#[test]
fn korean_portal_header_beside_reaction_buttons() {
    let a = page(
        "ko_portal_reactions.html",
        "https://n.portal.example/article/607/0000001728",
    );
    assert_eq!(
        published(&a),
        Some(("2026-02-10T19:32:00+09:00".into(), Source::Text))
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        Some(("2026-02-11T08:05:00+09:00".into(), Source::Text))
    );
}

/// `<aside class="blogData"><dl><dt>Datum</dt><dd>04.03.2019</dd>…`: a short box of date,
/// category and tags inside the `<article>`, under a name that says nothing, is the
/// article's own information box, not a side column. The headline is an `<h2>` whose
/// subtitle `<span>` the `<title>` leaves out. Traps: a related box inside the article and a
/// sidebar outside it, both with later dates, and the footer's years.
#[test]
fn date_in_a_short_information_box_inside_the_article() {
    let a = page(
        "de_blog_info_box.html",
        "https://kante.example/blog/layer-aufraeumen/",
    );
    assert_eq!(
        published(&a),
        Some(("2019-03-04T00:00:00+09:00".into(), Source::Text))
    );
}

/// An old blog theme's date header (`<h2 class="date-header">17.7.11</h2>`) above the post's
/// title, on a page that declares no language: its Latin-letter title says the two-digit
/// year comes last. The post's footer says only `posted by Stadler at 12:53`, a clock time
/// that is no date (never the fetch day). Traps: comments dated `18.7.11`, an event
/// calendar in the sidebar with `<time datetime>` dates, an archive list, a footer year.
#[test]
fn blog_date_header_on_a_page_without_a_language() {
    let url = "https://netzrecht-notizen.example/2011/07/darf-ein-soziales-netzwerk-klarnamen-verlangen.html";
    let a = page("de_blog_date_header.html", url);
    assert_eq!(
        published(&a),
        Some(("2011-07-17T00:00:00+09:00".into(), Source::Text))
    );
    // Without the date header the page has no publication day at all: neither the bare
    // clock time nor the calendar's events give one.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/article/de_blog_date_header.html");
    let html = std::fs::read_to_string(path)
        .unwrap()
        .replace("<h2 class=\"date-header\">17.7.11</h2>", "");
    assert_eq!(published_at(&html, url), None);
}

/// JSON-LD whose dates are in Java's `Date.toString()` form (`Tue Jan 28 15:28:56 CET
/// 2020`), as one large German newspaper prints them, is read whole; a JSON-LD value whose
/// date part cannot be read (`15:28`) is no date, never a time on the fetch day.
#[test]
fn json_ld_dates_in_java_form_and_without_a_date() {
    let page_with = |published: &str| {
        format!(
            "<html lang=\"de\"><head><title>Wie Streaming die Musik verändert</title>\
             <script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\
             \"@type\":\"NewsArticle\",\"headline\":\"Wie Streaming die Musik verändert\",\
             \"datePublished\":\"{published}\"}}</script></head><body>\
             <h1>Wie Streaming die Musik verändert</h1>\
             <p>Die großen Anbieter zahlen nach einem Modell aus, das Künstler mit vielen \
             Hörern bevorzugt.</p></body></html>"
        )
    };
    let url =
        Url::parse("https://zeitung.example/aktuell/feuilleton/streaming-16604171.html").unwrap();
    let a = extract_article(
        &page_with("Tue Jan 28 15:28:56 CET 2020"),
        &url,
        &auto(),
        ctx(),
    );
    assert_eq!(
        published(&a),
        Some(("2020-01-28T23:28:56+09:00".into(), Source::JsonLd))
    );
    let a = extract_article(&page_with("15:28"), &url, &auto(), ctx());
    assert_eq!(published(&a), None);
}

/// `<div id="artikelfooter">…<div id="artikeldatum">veröffentlicht: 25.10.2007 15:19</div>`:
/// the article's own footer (its name says `artikel`, `entry`, `post`…) holds the date line,
/// while the site's footer (`<div id="footer">`) and its `Stand:` time never count.
#[test]
fn date_line_in_the_articles_own_footer() {
    let page = |footer_id: &str| {
        format!(
            "<html lang=\"de\"><head><title>Moderne Sensortechnik im Kuhstall</title></head><body>\
             <div id=\"maincontent\"><div id=\"contentleft\">\
             <h1 class=\"artikelhead\">Moderne Sensortechnik im Kuhstall</h1>\
             <div id=\"artikeltext\"><p>Sensoren am Halsband messen die Wiederkauaktivität jeder \
             Kuh und melden Auffälligkeiten früher, als sie der Landwirt im Stall sieht.</p>\
             <p>Bereits die monatlichen Auswertungen der Milchinhaltsstoffe bieten eine \
             Grundlage zur Überwachung der Fütterung.</p></div>\
             <div id=\"{footer_id}\"><div id=\"artikelautor\">Autor: <a href=\"/autor/28\">\
             Angelika Leitner</a></div><div id=\"artikeldatum\">veröffentlicht: 25.10.2007 15:19\
             </div></div></div></div>\
             <div id=\"footer\"><p>© 2019 Landwirt Medien · Stand: 08.05.2019, 05:02 Uhr</p></div>\
             </body></html>"
        )
    };
    let url = Url::parse("https://landwirt.example/Sensortechnik-im-Kuhstall,,4229,,Bericht.html")
        .unwrap();
    for id in ["artikelfooter", "entry-footer", "post_footer"] {
        let a = extract_article(&page(id), &url, &auto(), ctx());
        assert_eq!(
            published(&a),
            Some(("2007-10-25T15:19:00+09:00".into(), Source::Text)),
            "{id}"
        );
    }
    // A footer named for nothing but the page is the site's: its dates are not the article's.
    let a = extract_article(&page("footer2"), &url, &auto(), ctx());
    assert_eq!(published(&a), None);
}

/// A fan site's news item: `<h2>` title, then the date as bare text in the same `<div>` as
/// the whole item (`24. März 2004, 19:49 | <script>…`), too long a block to be a date line
/// itself. The comments below, in plain `<div>`s, have dates of their own near the title.
#[test]
fn bare_date_text_between_a_news_items_title_and_text() {
    let html = "<html lang=\"de\"><head><title>News - Site Update - Leseprobe Band 14</title>\
        </head><body><div id=\"content\"><h1>Fanseite News - <a href=\"/newsarchiv/2004.html\">\
        News-Archiv</a></h1><div><a id=\"N409\"></a><h2>Site Update - Leseprobe Band 14</h2> \
        24. M&auml;rz 2004, 19:49 | <script>document.write('mail');</script><br><br>\
        Ab sofort steht die Leseprobe zu Band 14 bereit: das ganze Kapitel 121 mit allen Seiten, \
        übersetzt von unserem Team. Viel Spass beim Lesen und danke für die vielen Mails!\
        <br><br><h3>Kommentare</h3><div>#1 Kommentar von Naru-chan 26. März 2004, 16:19 \
        Danke für die Leseprobe!</div><div>#2 Kommentar von Keitaro 27. März 2004, 10:02 \
        Super Arbeit.</div></div></div></body></html>";
    assert_eq!(
        published_at(html, "http://fanseite.example/news/0409.html"),
        Some(("2004-03-24T19:49:00+09:00".into(), Source::Text))
    );
}

/// A slashed date is day first in a byline on a page in Spanish or British English
/// (`08/01/2014` is 8 January), month first on an American one; but a `<meta name="date">`
/// is what the content system wrote, American-style, whatever the page's language
/// (`11/01/2023 12:43:42` on a Swiss German page is 1 November).
#[test]
fn slashed_dates_follow_the_pages_language_in_print_not_in_meta() {
    let page = |lang: &str, byline: &str, head: &str| {
        format!(
            "<html lang=\"{lang}\"><head><title>El Govern aprueba el nuevo plan</title>{head}</head>\
             <body><h1>El Govern aprueba el nuevo plan</h1><p class=\"firma\">{byline}</p>\
             <p>El Consell de Govern ha aprobado este jueves el plan de movilidad para toda la isla, \
             que entrará en vigor el próximo mes.</p></body></html>"
        )
    };
    let url = Url::parse("https://diario.example/local/2014/plan-movilidad").unwrap();
    let day = |html: String| {
        extract_article(&html, &url, &auto(), ctx())
            .published
            .map(|f| f.value.instant.date_naive().to_string())
    };
    let byline = "Patricio Candia | Palma de Mallorca | 08/01/2014";
    assert_eq!(day(page("es", byline, "")).as_deref(), Some("2014-01-08"));
    assert_eq!(
        day(page("en-GB", byline, "")).as_deref(),
        Some("2014-01-08")
    );
    assert_eq!(
        day(page("en-US", byline, "")).as_deref(),
        Some("2014-08-01")
    );
    assert_eq!(day(page("en", byline, "")).as_deref(), Some("2014-08-01"));
    // A two-digit year after slashes reads in the same order (`3/09/15 8:00am` in a US
    // blog's `<span class="published">`); it is never `09/15` of this year.
    let us = page(
        "en-US",
        "<span class=\"published updated\">3/09/15 8:00am</span>",
        "",
    );
    assert_eq!(day(us).as_deref(), Some("2015-03-09"));
    let meta = "<meta name=\"date\" content=\"11/01/2023 12:43:42\" />";
    assert_eq!(
        day(page("de", "Von der Redaktion", meta)).as_deref(),
        Some("2023-11-01")
    );
}

/// An American news page whose first paragraph opens with its date, month first (`Feb. 23,
/// 2015 -- Life-threatening …`), as wire and health-news sites print it.
#[test]
fn dateline_with_a_month_name_opening_the_text() {
    let html = "<html lang=\"en\"><head><title>Early Peanut Exposure May Cut Allergy Risk</title>\
        </head><body><div class=\"article\"><h1>Early Peanut Exposure May Cut Allergy Risk</h1>\
        <p>Feb. 23, 2015 -- Life-threatening peanut allergies have mysteriously been on the rise \
        in the past decade, and a new study suggests that early exposure may prevent them.</p>\
        <p>The study followed 640 infants considered at high risk for peanut allergy.</p>\
        </div><div class=\"related\"><a href=\"/news/20150301/x\">Another story</a> \
        March 1, 2015</div></body></html>";
    let url = "https://health.example/allergies/news/child-peanut-allergy-findings";
    assert_eq!(
        published_at(html, url),
        Some(("2015-02-23T00:00:00+09:00".into(), Source::Text))
    );
}

/// An SEO plugin's JSON-LD `@graph` describes every page as a `WebPage` with its dates; a
/// site's page that is not a post has no `Article` object, so the `WebPage`'s
/// `datePublished` is its date. Where an `Article` object gives another, the article's wins.
#[test]
fn web_page_json_ld_dates_stand_in_for_an_article_objects() {
    let page = |graph: &str| {
        format!(
            "<html lang=\"de\"><head><title>Augenlidstraffung - Klinik am See</title>\
             <script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\
             \"@graph\":[{{\"@type\":\"WebSite\",\"name\":\"Klinik am See\"}},{graph}]}}\
             </script></head><body><h1>Augenlidstraffung</h1><p>Sie wünschen sich straffere \
             Augenlider? Hier erfahren Sie alles über Ablauf, Kosten und Risiken.</p></body></html>"
        )
    };
    let web_page = "{\"@type\":\"WebPage\",\"name\":\"Augenlidstraffung\",\
        \"datePublished\":\"2018-02-28T15:07:03+00:00\",\"dateModified\":\"2020-01-08T10:30:47+00:00\"}";
    let url =
        Url::parse("https://klinik.example/schoenheitsoperationen/augenlidstraffung/").unwrap();
    let a = extract_article(&page(web_page), &url, &auto(), ctx());
    assert_eq!(
        published(&a),
        Some(("2018-03-01T00:07:03+09:00".into(), Source::JsonLd))
    );
    let article = "{\"@type\":\"Article\",\"headline\":\"Augenlidstraffung\",\
        \"datePublished\":\"2018-03-02T09:00:00+00:00\"}";
    let a = extract_article(
        &page(&format!("{web_page},{article}")),
        &url,
        &auto(),
        ctx(),
    );
    assert_eq!(
        published(&a),
        Some(("2018-03-02T18:00:00+09:00".into(), Source::JsonLd))
    );
}
