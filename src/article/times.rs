//! Where an article's publication and update times come from, and which wins: JSON-LD
//! `datePublished` / `dateModified`, then Open Graph / schema `<meta>`, then `itemprop` date
//! elements, then the other `<meta>` dates (Dublin Core, citation, `date`, …), then the
//! feed's `date` / `updated` selectors, then microformats (`published`, `dt-published`,
//! `updated`), then `<time datetime>` elements, then labelled text lines such as
//! `입력 2026.02.10 19:32 | 수정 2026.02.11 08:05`, and last a date in the article's URL
//! (published only). Each time keeps its [`Source`]; the element and URL readers are in
//! `marks`.

use std::collections::HashSet;

use scraper::{ElementRef, Node};

use super::page::{ArticlePage, BODY};
use super::{Found, Source, MAX_DATE_LINE};
use crate::config::ArticleRules;
use crate::dates::{self, Label, Stamp};
use crate::html::{date_text_within, jsonld};

/// Meta keys for the published time, in order.
const META_PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
];
/// Meta keys for the published time read after `itemprop` elements: Dublin Core, citation,
/// Sailthru and Parse.ly tags and a bare `date`.
const META_PUBLISHED_MORE: &[&str] = &[
    "date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "sailthru.date",
    "parsely-pub-date",
];
/// Meta keys for the updated time, in order.
const META_UPDATED: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "datemodified",
    "og:updated_time",
];
/// Meta keys for the updated time read after `itemprop` elements.
const META_UPDATED_MORE: &[&str] = &["dcterms.modified", "dc.date.modified"];

impl ArticlePage<'_> {
    /// One time in `text`, read in the feed's time zone.
    pub(super) fn parse_time(&self, text: &str) -> Option<Stamp> {
        dates::parse(text, self.ctx.fetched_at, self.ctx.zone)
    }

    /// The published and the updated time, each from the first source that has one, labelled
    /// [`Label::Published`] and [`Label::Updated`].
    pub(super) fn times(
        &self,
        rules: &ArticleRules,
    ) -> (Option<Found<Stamp>>, Option<Found<Stamp>>) {
        let ld = |key: &str| {
            self.ld_find(key, |v| {
                jsonld::string(v)
                    .and_then(|s| self.parse_time(&s))
                    .map(|s| Found::new(s, Source::JsonLd))
            })
        };
        let meta = |keys: &[&str]| {
            keys.iter()
                .filter_map(|k| self.meta(k))
                .find_map(|text| self.parse_time(text))
                .map(|s| Found::new(s, Source::Meta))
        };
        let mut published = ld("datePublished").or_else(|| meta(META_PUBLISHED));
        let mut updated = ld("dateModified").or_else(|| meta(META_UPDATED));
        if published.is_none() || updated.is_none() {
            let (p, u) = self.itemprop_times();
            published = published.or(p.map(|s| Found::new(s, Source::Itemprop)));
            updated = updated.or(u.map(|s| Found::new(s, Source::Itemprop)));
        }
        published = published.or_else(|| meta(META_PUBLISHED_MORE));
        updated = updated.or_else(|| meta(META_UPDATED_MORE));
        if published.is_none() {
            published = rules
                .date
                .as_ref()
                .and_then(|f| self.read_date_field(f))
                .and_then(|text| self.parse_time(&text))
                .map(|s| Found::new(s, Source::Selector));
        }
        if updated.is_none() {
            updated = rules
                .updated
                .as_ref()
                .and_then(|f| self.read_date_field(f))
                .and_then(|text| {
                    dates::parse_all(&text, self.ctx.fetched_at, self.ctx.zone)
                        .into_iter()
                        .find(|s| s.label == Some(Label::Updated))
                        .or_else(|| self.parse_time(&text))
                })
                .map(|s| Found::new(s, Source::Selector));
        }
        if published.is_none() || updated.is_none() {
            let (p, u) = self.microformat_times();
            published = published.or(p.map(|s| Found::new(s, Source::Microformat)));
            updated = updated.or(u.map(|s| Found::new(s, Source::Microformat)));
        }
        if published.is_none() || updated.is_none() {
            let (p, u) = self.time_elements();
            published = published.or(p.map(|s| Found::new(s, Source::Time)));
            updated = updated.or(u.map(|s| Found::new(s, Source::Time)));
        }
        if published.is_none() || updated.is_none() {
            let (p, u) = self.labelled_text();
            published = published.or(p.map(|s| Found::new(s, Source::Text)));
            updated = updated.or(u.map(|s| Found::new(s, Source::Text)));
        }
        // Last resort before "first seen": a date in the article's own URL, at day precision.
        published = published.or_else(|| self.url_date().map(|s| Found::new(s, Source::Url)));
        let tag = |f: Option<Found<Stamp>>, label| {
            f.map(|mut f| {
                f.value.label = Some(label);
                f
            })
        };
        (
            tag(published, Label::Published),
            tag(updated, Label::Updated),
        )
    }

    /// The first labelled times in the page's text outside excluded blocks: a short line
    /// around a label word (`입력`, `기사입력`, `수정`, `승인`, `등록`, …) read with
    /// [`dates::parse_all`]; an unlabelled time in such a line counts as published.
    fn labelled_text(&self) -> (Option<Stamp>, Option<Stamp>) {
        let (mut published, mut updated) = (None, None);
        let Some(body) = self.doc.select(&BODY).next() else {
            return (None, None);
        };
        let mut seen = HashSet::new();
        let mut tried = 0;
        for node in body.descendants() {
            let Node::Text(t) = node.value() else {
                continue;
            };
            if !has_label_word(t) {
                continue;
            }
            let Some(parent) = node.parent().and_then(ElementRef::wrap) else {
                continue;
            };
            if self.is_excluded(parent.id()) || self.in_ai_box(parent.id()) || in_link(parent) {
                continue;
            }
            if matches!(
                parent.value().name(),
                "script" | "style" | "noscript" | "template" | "textarea" | "option" | "title"
            ) {
                continue;
            }
            tried += 1;
            if tried > 300 {
                break;
            }
            // The label and its time may sit in sibling elements: climb a little for digits.
            let mut line = parent;
            let mut text = date_text_within(line, MAX_DATE_LINE * 4);
            for _ in 0..3 {
                if has_digit(&text) {
                    break;
                }
                let Some(up) = line.parent().and_then(ElementRef::wrap) else {
                    break;
                };
                if self.is_excluded(up.id()) || up.value().name() == "body" {
                    break;
                }
                line = up;
                text = date_text_within(line, MAX_DATE_LINE * 4);
            }
            if !seen.insert(line.id()) || text.chars().count() > MAX_DATE_LINE {
                continue;
            }
            for stamp in dates::parse_all(&text, self.ctx.fetched_at, self.ctx.zone) {
                let slot = if stamp.label == Some(Label::Updated) {
                    &mut updated
                } else {
                    &mut published
                };
                if slot.is_none() {
                    *slot = Some(stamp);
                }
            }
            if published.is_some() && updated.is_some() {
                break;
            }
        }
        (published, updated)
    }
}

/// Whether a text holds a digit (ASCII or full-width).
pub(super) fn has_digit(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// Whether a text holds a word that labels a time (`입력`, `수정`, `Posted`, …); the date
/// reader decides what it really is.
fn has_label_word(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "입력",
        "수정",
        "승인",
        "등록",
        "송고",
        "게재",
        "게시",
        "발행",
        "작성",
        "업데이트",
        "갱신",
    ];
    if WORDS.iter().any(|w| text.contains(w)) {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    ["posted", "published", "updated", "modified"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Whether an element is (inside) a link: a label word in a link is a menu item.
fn in_link(el: ElementRef) -> bool {
    std::iter::once(el)
        .chain(el.ancestors().take(3).filter_map(ElementRef::wrap))
        .any(|e| e.value().name() == "a")
}

#[cfg(test)]
mod tests {
    use url::Url;

    use crate::article::extract_article;
    use crate::config::ArticleRules;
    use crate::dates::DateContext;

    fn rules(article_toml: &str) -> ArticleRules {
        let text = format!(
            "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.kr/\"\n[feeds.t.article]\nfetch = true\n{article_toml}"
        );
        let config = crate::config::parse(&text, std::path::Path::new("feeds.toml")).unwrap();
        config.feeds[0].article.clone().unwrap()
    }

    /// (published, updated) of an article page, as RFC 3339.
    fn times(html: &str, rules: &ArticleRules) -> (Option<String>, Option<String>) {
        let ctx = DateContext {
            fetched_at: "2026-02-11T09:00:00+09:00".parse().unwrap(),
            zone: chrono_tz::Asia::Seoul,
        };
        let url = Url::parse("https://www.hanbit-econ.test/news/articleView.html?idxno=1").unwrap();
        let info = extract_article(html, &url, rules, ctx);
        let rfc = |f: Option<crate::article::Found<crate::dates::Stamp>>| {
            f.map(|f| f.value.instant.to_rfc3339())
        };
        (rfc(info.published), rfc(info.updated))
    }

    #[test]
    fn dates_and_times_in_neighbouring_elements_are_read_apart() {
        let want = (
            Some("2026-02-10T19:32:00+09:00".to_string()),
            Some("2026-02-11T08:05:00+09:00".to_string()),
        );
        // labelled text: label, date and time each in its own element
        let html = r#"<html><body><article><h1>반도체 수출 40% 증가</h1>
            <ul class="infomation"><li><i class="icon-clock-o"></i><span>입력</span><span>2026.02.10</span><span>19:32</span></li>
            <li><span>수정</span><span>2026.02.11</span><span>08:05</span></li></ul>
            <p>산업통상자원부에 따르면 이달 1~10일 반도체 수출액은 40% 늘었다.</p></article></body></html>"#;
        assert_eq!(times(html, &rules("")), want);
        // the feed's selectors on the common parent
        let html = r#"<html><body><h1>반도체 수출 40% 증가</h1>
            <p class="info"><span class="date">2026.02.10</span><span class="time">19:32</span></p>
            <p class="mod"><span class="date">2026.02.11</span><span class="time">08:05</span></p></body></html>"#;
        assert_eq!(
            times(html, &rules("date = \"p.info\"\nupdated = \"p.mod\"\n")),
            want
        );
    }
}
