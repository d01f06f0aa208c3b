//! Article dates printed as text, in the languages and orders the date reader knows, with
//! a published or updated label or without one near the headline; ISO 8601 basic forms in
//! JSON-LD; and the wrong candidates a page offers. Each byline is set into one realistic
//! page (`printed_template.html`) whose clutter carries dates of its own: today's date in the
//! site header, a ticker with clock times, a photo credit's date and dates in the body text,
//! a "Mehr zum Thema" box (one of its dates labelled "Published"), comments (one labelled
//! "Veröffentlicht am"), a "Meistgelesen" sidebar with a `<time>`, an event calendar with
//! dates after the fetch, and a footer with a copyright year and the page's own update time.
//! None of those may be taken.

mod common;

use std::path::Path;

use feedmill::article::{date_report, extract_article, ArticleInfo, DateKind, Source};
use feedmill::dates::Label;
use url::Url;

use common::article::{auto, ctx, when};

const URL: &str = "https://harbour-courier.example/politik/hafen-ausbau-beschlossen";

fn template() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/article/printed_template.html");
    std::fs::read_to_string(path).unwrap()
}

fn page_with(byline: &str, head: &str) -> String {
    template()
        .replace("{{TITLE}}", "Rat beschließt Ausbau des Hafens")
        .replace("{{KICKER}}", "Hafen")
        .replace(
            "{{LEAD}}",
            "Der Stadtrat hat den Ausbau des Fährhafens beschlossen.",
        )
        .replace("{{BYLINE}}", byline)
        .replace("</head>", &format!("{head}</head>"))
}

fn read(html: &str) -> ArticleInfo {
    extract_article(html, &Url::parse(URL).unwrap(), &auto(), ctx())
}

type Want = Option<(&'static str, Source)>;

fn check(byline: &str, published: Want, updated: Want) {
    check_page(byline, "", published, updated);
}

/// [`check`] on the page with `head` added to its `<head>`.
fn check_page(byline: &str, head: &str, published: Want, updated: Want) {
    let a = read(&page_with(byline, head));
    let want = |w: Want| w.map(|(t, s)| (t.to_string(), s));
    assert_eq!(
        when(&a.published, Label::Published),
        want(published),
        "published of {byline}"
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        want(updated),
        "updated of {byline}"
    );
}

/// Labelled published and updated lines in German, English, French, Italian, Spanish,
/// Portuguese, Dutch, Polish, Ukrainian, Russian, Turkish, Bulgarian, Lithuanian, Arabic and
/// Hebrew; day-month-year, month-day-year
/// and year-month-day; full and short month names; ordinals; "Uhr", "h".
#[test]
fn labelled_dates_in_many_languages() {
    use Source::Text;
    let rows: &[(&str, Want, Want)] = &[
        ("Von Jonas Weber · Veröffentlicht am 15. Februar 2020, 18:00 Uhr · Aktualisiert am 16.02.2020, 09:30 Uhr",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T09:30:00+09:00", Text))),
        ("By Jane Doe | Published February 15, 2020 6:00 p.m. | Updated Feb. 16, 2020",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("Par Claire Martin — Publié le 15 févr. 2020 à 18h00, mis à jour le 16 févr. 2020 à 9h30",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T09:30:00+09:00", Text))),
        ("di Marco Rossi — Pubblicato il 15 febbraio 2020 alle 18:00 · Aggiornato il 16 febbraio 2020",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("Por Lucía Gómez · Publicado el 15 de febrero de 2020 · Actualizado el 16 de febrero de 2020",
            Some(("2020-02-15T00:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("Publicado em 15 de fevereiro de 2020 · Atualizado em 16/02/2020",
            Some(("2020-02-15T00:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("Gepubliceerd op 15 februari 2020 · Bijgewerkt op 16 februari 2020",
            Some(("2020-02-15T00:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("Opublikowano: 15 lutego 2020, 18:00 · Zaktualizowano: 16 lutego 2020",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("Опубліковано 15 лютого 2020, 18:00 · Оновлено 16 лютого 2020",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("Опубликовано 15 февраля 2020 г. · Обновлено 16 февраля 2020 г.",
            Some(("2020-02-15T00:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        // Romanian under their nouns: `Data publicării`, `Data actualizării`.
        ("Data publicării: 15.02.2020 18:00 · Data actualizării: 16.02.2020 09:30",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T09:30:00+09:00", Text))),
        ("Yayınlanma: 15 Şubat 2020 18:00 · Güncellenme: 16 Şubat 2020",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        // The updated time first, under its noun: `Son Güncelleme`, `Ultimo aggiornamento`,
        // `Última actualización`, `Modifié le`; Turkish `Oluşturulma Tarihi` (created).
        ("Son Güncelleme: 16.02.2020 09:30 · Oluşturulma Tarihi: Şubat 15, 2020 18:00",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T09:30:00+09:00", Text))),
        ("Ultimo aggiornamento: 16/02/2020 · Data di pubblicazione: 15/02/2020 18:00",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("Última actualización: 16/02/2020 09:30 · Fecha de publicación: 15/02/2020",
            Some(("2020-02-15T00:00:00+09:00", Text)), Some(("2020-02-16T09:30:00+09:00", Text))),
        ("Modifié le 16/02/2020 à 9h30 · Publié le 15/02/2020 à 18h00",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T09:30:00+09:00", Text))),
        ("Aktualizacja: 16.02.2020 09:30 · Data publikacji: 15.02.2020 18:00",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T09:30:00+09:00", Text))),
        ("Обновление: 16.02.2020 · Опубликовано: 15 февраля 2020, 18:00",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("Frissítés: 2020. február 16. · Létrehozva: 2020. február 15. 18:00",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("Posted on the 15th of February 2020",
            Some(("2020-02-15T00:00:00+09:00", Text)), None),
        ("Публикувано: 15 февруари 2020, 18:00 · Обновено: 16 февруари 2020",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("Paskelbta 2020 m. vasario 15 d. 18:00 · Atnaujinta 2020 m. vasario 16 d.",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("نشر في: ١٥ فبراير ٢٠٢٠ - ١٨:٠٠ · آخر تحديث: ١٦ فبراير ٢٠٢٠",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("פורסם: 15 בפברואר 2020 18:00 · עודכן: 16 בפברואר 2020",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("입력 2020.02.15 18:00 | 수정 2020.02.16 09:30",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T09:30:00+09:00", Text))),
        ("Publikováno 15. února 2020 18:00 · Aktualizováno 16. února 2020",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        // Labels in Chinese characters; the updated time printed first.
        ("更新日：2020年2月16日 公開日：2020年2月15日 18:00",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("更新时间：2020-02-16 09:30 发布时间：2020-02-15 18:00",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T09:30:00+09:00", Text))),
        // Thai in the Buddhist era, Persian in the Solar Hijri calendar, Bengali.
        ("อัปเดต: 16 ก.พ. 2563 · เผยแพร่: 15 ก.พ. 2563 18:00 น.",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("به‌روزرسانی: ۲۷ بهمن ۱۳۹۸ · تاریخ انتشار: ۲۶ بهمن ۱۳۹۸ ۱۸:۰۰",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
        ("আপডেট: ১৬ ফেব্রুয়ারি ২০২০ · প্রকাশ: ১৫ ফেব্রুয়ারি ২০২০, ১৮:০০",
            Some(("2020-02-15T18:00:00+09:00", Text)), Some(("2020-02-16T00:00:00+09:00", Text))),
    ];
    for (byline, published, updated) in rows {
        check(byline, *published, *updated);
    }
}

/// Dates printed without a label next to the headline, in several orders and scripts; the
/// body's, the photo credit's and the clutter's dates lose to them.
#[test]
fn unlabelled_dates_by_the_headline() {
    use Source::Text;
    let rows: &[(&str, &str)] = &[
        (
            "Jonas Weber, 15.02.2020, 18:00 Uhr",
            "2020-02-15T18:00:00+09:00",
        ),
        ("15. Februar 2020", "2020-02-15T00:00:00+09:00"),
        ("February 15, 2020", "2020-02-15T00:00:00+09:00"),
        ("15 févr. 2020", "2020-02-15T00:00:00+09:00"),
        ("15 de febrero de 2020", "2020-02-15T00:00:00+09:00"),
        ("2020年2月15日 18時00分", "2020-02-15T18:00:00+09:00"),
        ("15 лютого 2020", "2020-02-15T00:00:00+09:00"),
        ("15 Şubat 2020", "2020-02-15T00:00:00+09:00"),
        ("2020-02-15", "2020-02-15T00:00:00+09:00"),
        ("15. фебруар 2020. 18:00", "2020-02-15T18:00:00+09:00"),
        ("2020. gada 15. februārī", "2020-02-15T00:00:00+09:00"),
        ("15. veebruar 2020", "2020-02-15T00:00:00+09:00"),
        ("१५ फ़रवरी २०२०", "2020-02-15T00:00:00+09:00"),
        ("১৫ ফেব্রুয়ারি ২০২০", "2020-02-15T00:00:00+09:00"),
        ("๑๕ ก.พ. ๒๕๖๓", "2020-02-15T00:00:00+09:00"),
        ("۲۶ بهمن ۱۳۹۸", "2020-02-15T00:00:00+09:00"),
    ];
    for (byline, want) in rows {
        check(byline, Some((want, Text)), None);
    }
}

/// Without a date by the article, nothing of the clutter is taken: not the header's
/// today, the ticker's clock times, the photo credit, the related box's labelled date, the
/// comments' labelled dates, the sidebar's `<time>`, the event calendar (after the fetch),
/// the copyright year or the footer's update time.
#[test]
fn clutter_alone_gives_no_date() {
    check("Von Jonas Weber", None, None);
    let html = page_with("Von Jonas Weber", "");
    let report = date_report(&html, &Url::parse(URL).unwrap(), &auto(), ctx());
    // the related box's and the comments' labelled dates are listed, scored out
    assert!(
        report
            .runners_up(DateKind::Published, 50)
            .any(|c| c.place.contains("related, ranking, comment")),
        "{report:#?}"
    );
    // nothing after the fetch is even a candidate (the event calendar)
    assert!(
        report
            .candidates
            .iter()
            .all(|c| c.stamp.instant < ctx().fetched_at),
        "{report:#?}"
    );
}

/// An updated date never becomes the published one when a published one exists, whatever
/// its source; a page with only an updated date came out no later than that, and the item
/// takes it as its published time rather than none.
#[test]
fn updated_stays_updated() {
    // JSON-LD has only dateModified; the byline prints the publication
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2020-02-16T09:30:00+09:00"}</script>"#;
    let a = read(&page_with("Veröffentlicht am 15.02.2020", ld));
    assert_eq!(
        when(&a.published, Label::Published),
        Some(("2020-02-15T00:00:00+09:00".into(), Source::Text))
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        Some(("2020-02-16T09:30:00+09:00".into(), Source::JsonLd))
    );
    // the last-modified meta alone, with an updated line: that time stands for both, and
    // keeps its label (a time the list printed wins over it; see `enrich::settle`)
    let meta = r#"<meta property="article:modified_time" content="2020-02-16T09:30:00+09:00">"#;
    let a = read(&page_with("Aktualisiert am 16.02.2020, 09:30 Uhr", meta));
    assert_eq!(
        when(&a.published, Label::Updated).map(|(t, _)| t),
        Some("2020-02-16T09:30:00+09:00".into())
    );
    assert_eq!(
        when(&a.updated, Label::Updated).map(|(t, _)| t),
        Some("2020-02-16T09:30:00+09:00".into())
    );
}

/// ISO 8601 basic forms in JSON-LD read right; a value whose date part cannot be read is
/// no date, never a clock time on the fetch day (the byline's date wins then).
#[test]
fn iso_basic_forms() {
    let ld = |v: &str| {
        format!(
            r#"<script type="application/ld+json">{{"@type":"NewsArticle","datePublished":"{v}"}}</script>"#
        )
    };
    for (value, want) in [
        ("20201123T11:02:35Z", "2020-11-23T20:02:35+09:00"),
        ("20201123T110235Z", "2020-11-23T20:02:35+09:00"),
        ("20201123", "2020-11-23T00:00:00+09:00"),
    ] {
        let a = read(&page_with("Von Jonas Weber", &ld(value)));
        assert_eq!(
            when(&a.published, Label::Published),
            Some((want.to_string(), Source::JsonLd)),
            "{value}"
        );
    }
    for value in ["2020112T11:02:35Z", "202011T110235Z", "T11:02:35Z"] {
        let a = read(&page_with("Von Jonas Weber", &ld(value)));
        assert_eq!(a.published, None, "{value}");
        let a = read(&page_with("15.02.2020", &ld(value)));
        assert_eq!(
            when(&a.published, Label::Published),
            Some(("2020-02-15T00:00:00+09:00".into(), Source::Text)),
            "{value}"
        );
    }
}

/// Markup forms: `itemprop=datePublished` on any element with `content`, `datetime` or only
/// its text, `<meta name=date>`, `pubdate`, Dublin Core, citation, Sailthru and Parse.ly
/// meta, microformats, a `<time>` and `data-` time attributes in the byline.
#[test]
fn markup_forms_in_the_byline() {
    let rows: &[(&str, &str, Source)] = &[
        (
            r#"<span itemprop="datePublished" content="2020-02-15T18:00:00+09:00">gestern</span>"#,
            "2020-02-15T18:00:00+09:00",
            Source::Itemprop,
        ),
        (
            r#"<time itemprop="datePublished" datetime="2020-02-15T18:00:00+09:00">15.02.</time>"#,
            "2020-02-15T18:00:00+09:00",
            Source::Itemprop,
        ),
        (
            r#"<div itemprop="datePublished">15.02.2020 18:00</div>"#,
            "2020-02-15T18:00:00+09:00",
            Source::Itemprop,
        ),
        (
            r#"<abbr class="published" title="2020-02-15T18:00:00+09:00">15. Feb.</abbr>"#,
            "2020-02-15T18:00:00+09:00",
            Source::Microformat,
        ),
        (
            r#"<time class="dt-published" datetime="2020-02-15T18:00:00+09:00">Sa</time>"#,
            "2020-02-15T18:00:00+09:00",
            Source::Microformat,
        ),
        (
            r#"<time datetime="2020-02-15T18:00:00+09:00">Samstag</time>"#,
            "2020-02-15T18:00:00+09:00",
            Source::Time,
        ),
        // A time kept for scripts in a `data-` attribute beside a relative or bare text.
        (
            r#"<span class="timestamp" data-utime="1581757200">vor 3 Tagen</span>"#,
            "2020-02-15T18:00:00+09:00",
            Source::Time,
        ),
        (
            r#"<span class="date" data-timestamp="1581757200000">Samstag</span>"#,
            "2020-02-15T18:00:00+09:00",
            Source::Time,
        ),
        (
            r#"<div data-date="2020-02-15T18:00:00+09:00">gestern</div>"#,
            "2020-02-15T18:00:00+09:00",
            Source::Time,
        ),
    ];
    for (byline, want, source) in rows {
        check(byline, Some((want, *source)), None);
    }
    // A card for another story (a gallery promo) carries that story's time.
    check(
        r#"<div class="embed-promo" data-permalink="/world/bardo-museum-gallery.html" data-published="1581757200">Inside the museum</div>"#,
        None,
        None,
    );
    for name in [
        "date",
        "pubdate",
        "publishdate",
        "DC.date.issued",
        "dcterms.created",
        "citation_publication_date",
        "sailthru.date",
        "parsely-pub-date",
        "publication_date",
        // Names htmldate also reads: PRISM, Dublin Core's other spellings, Webtrends, the
        // Open Graph name without `_time`, sites' own.
        "article:published",
        "article:post_date",
        "bt:pubDate",
        "prism.publicationDate",
        "dc:date",
        "DC.date.publication",
        "date_created",
        "created",
        "dcsext.articleFirstPublished",
        "displaydate",
        "original-publish-date",
    ] {
        let meta = format!(r#"<meta name="{name}" content="2020-02-15T18:00:00+09:00">"#);
        let a = read(&page_with("Von Jonas Weber", &meta));
        assert_eq!(
            when(&a.published, Label::Published),
            Some(("2020-02-15T18:00:00+09:00".into(), Source::Meta)),
            "{name}"
        );
    }
}

/// The New York Times' own meta names, with date and time packed into one number:
/// `ptime` (published), `utime` (updated), `pdate` (the day alone).
#[test]
fn packed_meta_times() {
    let meta = r#"<meta name="pdate" content="20200215"><meta name="ptime" content="20200215180000"><meta name="utime" content="20200216093000">"#;
    check_page(
        "Von Jonas Weber",
        meta,
        Some(("2020-02-15T18:00:00+09:00", Source::Meta)),
        Some(("2020-02-16T09:30:00+09:00", Source::Meta)),
    );
}

/// Structured data wins over a printed date that disagrees, and several sources agreeing on
/// a day beat one that stands alone.
#[test]
fn structured_data_and_agreement() {
    let meta = r#"<meta property="article:published_time" content="2020-02-14T23:30:00+09:00">"#;
    let a = read(&page_with("Veröffentlicht am 15.02.2020", meta));
    assert_eq!(
        when(&a.published, Label::Published),
        Some(("2020-02-14T23:30:00+09:00".into(), Source::Meta))
    );
    // a bare `date` meta holding a later day loses to itemprop and printed dates that agree
    let meta = r#"<meta name="date" content="2020-03-01T00:00:00+09:00">"#;
    let byline = r#"<span itemprop="datePublished" content="2020-02-15T18:00:00+09:00"></span> Veröffentlicht am 15.02.2020, 18:00 Uhr"#;
    let a = read(&page_with(byline, meta));
    assert_eq!(
        when(&a.published, Label::Published),
        Some(("2020-02-15T18:00:00+09:00".into(), Source::Itemprop))
    );
}

/// A site that writes its local time into its metadata and marks it UTC (`18:00:00Z` for
/// the 18:00 its byline prints, on a site whose zone is nine hours ahead): read as UTC, the
/// metadata would give the next morning. The printed time wins; a metadata time that is
/// right, in the site's own offset, still does.
#[test]
fn a_local_time_marked_utc_loses_to_the_printed_one() {
    let meta = r#"<meta property="article:published_time" content="2020-02-15T18:00:00Z">"#;
    let a = read(&page_with("Veröffentlicht am 15.02.2020, 18:00 Uhr", meta));
    assert_eq!(
        when(&a.published, Label::Published),
        Some(("2020-02-15T18:00:00+09:00".into(), Source::Text))
    );
    let meta = r#"<meta property="article:published_time" content="2020-02-15T09:00:00Z">"#;
    let a = read(&page_with("Veröffentlicht am 15.02.2020, 18:00 Uhr", meta));
    assert_eq!(
        when(&a.published, Label::Published),
        Some(("2020-02-15T18:00:00+09:00".into(), Source::Meta))
    );
}

/// A republished article, as an aggregator prints it: the site's top bar shows today's date
/// (`Mon, 25 Dec 2023`) just above the headline, the byline below it gives the original
/// date and time (`Thu, 14 May 2020 17:55 UTC`), and a photo caption in the text says
/// `posted while in Las Vegas on January 20, 2017`. The byline wins: below the headline is
/// where bylines stand, and a caption's labelled date dates the photo.
#[test]
fn byline_below_the_headline_beats_a_date_bar_above_and_a_caption() {
    let html = "<html lang=\"en\"><head><title>The American friends: New court files expose a \
        security team</title></head><body>\
        <div id=\"text-bar\"><div class=\"text-bar-cont\"><div id=\"ticker-left\">Welcome</div>\
        </div><div class=\"text-bar-cont\"><div id=\"date-box\"> Mon, 25 Dec 2023 </div></div>\
        <div class=\"text-bar-cont tbc-wide\"><div>The World for People who Think</div></div></div>\
        <div class=\"article\"><h1><a href=\"https://grayzone.example/2020/05/14/american-friends/\">\
        The American friends: New court files expose a security team</a></h1>\
        <div class=\"article-info\"><div class=\"m-bar\">Max Blumenthal<br><a \
        href=\"https://grayzone.example/\">The Grayzone</a><br>Thu, 14 May 2020 17:55 UTC</div></div>\
        <div class=\"article-body\">A Spanish court has received files showing that the security \
        firm's director traveled back and forth almost each month.<br><br>\
        The Instagram posts of his wife highlighted the frequency of his trips:<br>\
        <div class=\"article-image-large\"><img src=\"/image/vegas.jpg\" alt=\"\">\
        <div class=\"image-caption\"><span class=\"caption\">Instagram posts by his wife, \
        posted while in Las Vegas on January 20, 2017</span></div></div>\
        Fellow employees said he had been hired for a job in the United States.</div></div>\
        </body></html>";
    let url = "https://aggregator.example/article/434715-The-American-friends";
    let a = extract_article(html, &Url::parse(url).unwrap(), &auto(), ctx());
    assert_eq!(
        when(&a.published, Label::Published),
        Some(("2020-05-15T02:55:00+09:00".into(), Source::Text))
    );
}

/// A labelled line at the foot of a long article, far from the headline, in languages whose
/// labels are known to the date reader: it is read wherever it stands (an unlabelled date
/// there would not be).
#[test]
fn a_labelled_line_far_below_the_headline() {
    let filler = "<p>Die Hafenverwaltung hat die Pläne für den Ausbau mehrfach überarbeitet, \
                  und der Rat hat sie in langen Sitzungen beraten.</p>"
        .repeat(40);
    for (line, want) in [
        (
            "Publikováno 15. února 2020 18:00",
            "2020-02-15T18:00:00+09:00",
        ),
        ("Diterbitkan 15 Februari 2020", "2020-02-15T00:00:00+09:00"),
        ("发布时间：2020-02-15 18:00", "2020-02-15T18:00:00+09:00"),
        (
            "Δημοσίευση: 15 Φεβρουαρίου 2020",
            "2020-02-15T00:00:00+09:00",
        ),
        (
            "ΔΗΜΟΣΙΕΥΣΗ: 15 ΦΕΒΡΟΥΑΡΙΟΥ 2020",
            "2020-02-15T00:00:00+09:00",
        ),
    ] {
        let html = page_with("", "").replace(
            "<p>Weitere Details will der Rat in seiner nächsten Sitzung beraten.</p>",
            &format!("{filler}<p class=\"dateline\">{line}</p>"),
        );
        let a = read(&html);
        assert_eq!(
            when(&a.published, Label::Published),
            Some((want.to_string(), Source::Text)),
            "{line}"
        );
    }
}

/// A winner that gives only a day takes its clock from another usable candidate on that day:
/// a date and its time printed in two elements, and a day-only JSON-LD beside a printed
/// byline with the time. Another day's clock (a related box's) is not borrowed.
#[test]
fn a_day_only_winner_takes_the_clock_printed_beside_it() {
    check(
        r#"<time class="date">15. Februar 2020</time> | <time class="time">18:00 Uhr</time>"#,
        Some(("2020-02-15T18:00:00+09:00", Source::Text)),
        None,
    );
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-02-15"}</script>"#;
    let a = read(&page_with("Jonas Weber, 15.02.2020, 18:00 Uhr", ld));
    assert_eq!(
        when(&a.published, Label::Published),
        Some(("2020-02-15T18:00:00+09:00".into(), Source::Text))
    );
    let a = read(&page_with("Jonas Weber, 14.02.2020", ld));
    assert_eq!(
        when(&a.published, Label::Published),
        Some(("2020-02-15T00:00:00+09:00".into(), Source::JsonLd))
    );
}
