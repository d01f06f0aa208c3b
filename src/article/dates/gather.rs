//! Candidates from structured data and marked-up page elements: JSON-LD article (and
//! `WebPage`) objects,
//! `<meta>` tags in every common naming, `itemprop` elements, the feed's selectors,
//! microformats, `<time datetime>` elements, and a date in the article's URL.

use scraper::ElementRef;
use serde_json::{Map, Value};

use super::{DateKind, Pending, Scope, LOOSE_META};
use crate::article::marks::Marked;
use crate::article::page::ArticlePage;
use crate::article::Source;
use crate::config::ArticleRules;
use crate::dates::{Label, Stamp};
use crate::html::jsonld;

/// Meta keys (lower case) for the published time that Open Graph and schema.org define.
const META_PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "article_date_original",
    "date_published",
    "rnews:datepublished",
    "article:published",
    "article:published_date",
    "article:publicationdate",
    "article:post_date",
];
/// Other meta keys for the published time: Dublin Core, citation, PRISM, Sailthru, Parse.ly,
/// cXense, Webtrends, a few sites' own and a bare `date`; some sites put a modification time
/// in these.
const META_PUBLISHED_MORE: &[&str] = &[
    "date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dc.date.created",
    "dcterms.created",
    "dcterms.date",
    "citation_publication_date",
    "citation_online_date",
    "citation_date",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "pub_date",
    "datecreated",
    "publication_date",
    "published-date",
    "originalpublicationdate",
    // The New York Times: `20190806103251`, `20190806`.
    "ptime",
    "pdate",
    "bt:pubdate",
    "prism.publicationdate",
    "dc.date.publication",
    "dc:date",
    "dc:created",
    "dc.created",
    "date.available",
    "date_created",
    "dateposted",
    "content_create_date",
    "article.created",
    "created",
    "dcsext.articlefirstpublished",
    "displaydate",
    "doc_date",
    "item-publish-date",
    "original-publish-date",
    "twt-published-at",
    // Not `timestamp`: some sites stamp the time the page was made with it.
];
/// Meta keys for the updated time.
const META_UPDATED: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "datemodified",
    "og:updated_time",
];
/// Other meta keys for the updated time.
const META_UPDATED_MORE: &[&str] = &[
    "dcterms.modified",
    "dc.date.modified",
    "lastmod",
    "last-modified",
    "article.updated",
    "utime",
];

/// JSON-LD keys of an article object, their kind and base score.
const LD_KEYS: &[(&str, DateKind, i32)] = &[
    ("datePublished", DateKind::Published, 100),
    ("dateCreated", DateKind::Published, 88),
    ("dateModified", DateKind::Updated, 100),
    // Baidu's keys, in the object Chinese sites write for its search.
    ("pubDate", DateKind::Published, 100),
    ("upDate", DateKind::Updated, 100),
];

impl ArticlePage<'_> {
    /// Candidates from everything marked up as a date, strongest sources first.
    pub(super) fn structured_candidates(
        &self,
        rules: &ArticleRules,
        scope: &Scope,
        out: &mut Vec<Pending>,
    ) {
        self.json_ld_candidates(out);
        self.meta_candidates(META_PUBLISHED, DateKind::Published, 95, out);
        self.meta_candidates(META_UPDATED, DateKind::Updated, 95, out);
        let itemprop = self.itemprop_times();
        self.element_candidates(itemprop, Source::Itemprop, "itemprop", 90, scope, out);
        self.meta_candidates(META_PUBLISHED_MORE, DateKind::Published, LOOSE_META, out);
        self.meta_candidates(META_UPDATED_MORE, DateKind::Updated, LOOSE_META, out);
        self.other_time_metas(out);
        self.selector_candidates(rules, out);
        let microformats = self.microformat_times();
        self.element_candidates(
            microformats,
            Source::Microformat,
            "microformat",
            70,
            scope,
            out,
        );
        let times = self.time_elements();
        self.element_candidates(times, Source::Time, "<time>", 60, scope, out);
        let data = self.data_times();
        self.element_candidates(data, Source::Time, "data attribute", 58, scope, out);
    }

    /// A date in the article's own URL: day precision, weakest of the markup.
    pub(super) fn url_candidate(&self, out: &mut Vec<Pending>) {
        if let Some(stamp) = self.url_date() {
            let detail = "url path".to_string();
            out.push(Pending::new(
                stamp,
                DateKind::Published,
                Source::Url,
                detail,
                35,
            ));
        }
    }

    /// The time a JSON-LD object gives under `key`.
    fn ld_stamp(&self, obj: &Map<String, Value>, key: &str) -> Option<Stamp> {
        obj.get(key)
            .and_then(jsonld::string)
            .and_then(|s| self.parse_value(&s))
    }

    fn json_ld_candidates(&self, out: &mut Vec<Pending>) {
        for (i, obj) in self.ld_articles().iter().enumerate() {
            for (key, kind, base) in LD_KEYS {
                let Some(stamp) = self.ld_stamp(obj, key) else {
                    continue;
                };
                let mut p = Pending::new(
                    stamp,
                    *kind,
                    Source::JsonLd,
                    format!("json-ld {key}"),
                    *base,
                );
                // A page lists its own article first; later objects are often other articles.
                if i > 0 {
                    p.add(-5 * (i.min(3) as i32), "a later JSON-LD article");
                }
                out.push(p);
            }
        }
        // A `WebPage` object's dates (the page's, as SEO plugins write them for every page)
        // stand in for an article object's, a little below a meta `article:published_time`.
        for obj in self.ld_pages().iter().take(1) {
            for (key, kind, base) in LD_KEYS {
                if let Some(stamp) = self.ld_stamp(obj, key) {
                    let detail = format!("json-ld WebPage {key}");
                    out.push(Pending::new(
                        stamp,
                        *kind,
                        Source::JsonLd,
                        detail,
                        base - 16,
                    ));
                }
            }
        }
    }

    /// `<meta>` keys of other namings that end like Open Graph's (`date:published_time`,
    /// `sailthru:published_time`, `xyz:modified_time`) or like a database column
    /// (`published_at`, Swiftype's and Engadget's): the same meaning under a site's own
    /// prefix, weighed like the other meta keys.
    fn other_time_metas(&self, out: &mut Vec<Pending>) {
        let known = |k: &str| {
            [
                META_PUBLISHED,
                META_PUBLISHED_MORE,
                META_UPDATED,
                META_UPDATED_MORE,
            ]
            .iter()
            .any(|list| list.contains(&k))
        };
        let mut keys: Vec<&str> = self
            .meta_keys()
            .filter(|k| {
                k.ends_with("published_time")
                    || k.ends_with("published_at")
                    || k.ends_with("modified_time")
                    || k.ends_with("modified_at")
            })
            .filter(|k| !known(k))
            .collect();
        keys.sort_unstable();
        for key in keys.into_iter().take(8) {
            let kind = if key.ends_with("modified_time") || key.ends_with("modified_at") {
                DateKind::Updated
            } else {
                DateKind::Published
            };
            if let Some(stamp) = self.meta(key).and_then(|t| self.parse_value(t)) {
                let detail = format!("meta {key}");
                out.push(Pending::new(stamp, kind, Source::Meta, detail, LOOSE_META));
            }
        }
    }

    fn meta_candidates(&self, keys: &[&str], kind: DateKind, base: i32, out: &mut Vec<Pending>) {
        for key in keys {
            if let Some(stamp) = self.meta(key).and_then(|t| self.parse_value(t)) {
                let detail = format!("meta {key}");
                out.push(Pending::new(stamp, kind, Source::Meta, detail, base));
            }
        }
    }

    /// The feed's `date` and `updated` selectors; a selected text with a published and an
    /// updated label gives each its own.
    fn selector_candidates(&self, rules: &ArticleRules, out: &mut Vec<Pending>) {
        let fields = [
            (&rules.date, DateKind::Published),
            (&rules.updated, DateKind::Updated),
        ];
        for (field, kind) in fields {
            let Some(text) = field.as_ref().and_then(|f| self.read_date_field(f)) else {
                continue;
            };
            let stamp = match kind {
                DateKind::Updated => self
                    .times_in(&text, false)
                    .into_iter()
                    .find(|s| s.label == Some(Label::Updated))
                    .or_else(|| self.parse_time(&text)),
                DateKind::Published => self.parse_time(&text),
            };
            if let Some(stamp) = stamp {
                let name = match kind {
                    DateKind::Published => "selector date",
                    DateKind::Updated => "selector updated",
                };
                out.push(Pending::new(stamp, kind, Source::Selector, name.into(), 80));
            }
        }
    }

    fn element_candidates(
        &self,
        found: Vec<Marked>,
        source: Source,
        what: &str,
        base: i32,
        scope: &Scope,
        out: &mut Vec<Pending>,
    ) {
        for m in found {
            let kind = if m.updated {
                DateKind::Updated
            } else {
                DateKind::Published
            };
            let detail = format!("{what} {}", describe(m.el, m.attr));
            let mut p = Pending::new(m.stamp, kind, source, detail, base);
            self.mark_block(&mut p, m.el, scope);
            p.anchor = Some(m.el.id());
            out.push(p);
        }
    }

    /// Penalties for an element's block: a related box, comments, a footer (never taken),
    /// or the site header.
    pub(super) fn mark_block(&self, p: &mut Pending, el: ElementRef, scope: &Scope) {
        if self.out_of_article(scope, el.id()) {
            p.add(
                -100,
                "in a related, ranking, comment, sidebar or footer block",
            );
        } else if in_embed(el) {
            p.add(-100, "in a quote or an embedded post");
        } else if self.in_site_header(el) {
            p.add(-70, "in the site header");
        }
    }
}

/// Whether an element is (inside) a quote or an embedded social post (`<blockquote
/// class="instagram-media">`, `twitter-tweet`): its date is the quoted post's.
fn in_embed(el: ElementRef) -> bool {
    std::iter::once(el)
        .chain(el.ancestors().take(12).filter_map(ElementRef::wrap))
        .any(|e| {
            e.value().name() == "blockquote"
                || e.value().attr("class").is_some_and(|c| {
                    let c = c.to_ascii_lowercase();
                    ["instagram", "twitter-tweet", "tiktok-embed", "fb-post"]
                        .iter()
                        .any(|w| c.contains(w))
                })
        })
}

/// `<span itemprop=datePublished content>`: the element, its telling attribute and what
/// was read.
fn describe(el: ElementRef, attr: Option<&str>) -> String {
    let e = el.value();
    let mut s = format!("<{}", e.name());
    if let Some(prop) = e.attr("itemprop") {
        s.push_str(&format!(" itemprop={prop}"));
    } else if let Some(class) = e.attr("class") {
        let class: String = class
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        s.push_str(&format!(" class=\"{class}\""));
    }
    match attr {
        Some(a) => s.push_str(&format!(" {a}>")),
        None => s.push_str("> text"),
    }
    s
}
