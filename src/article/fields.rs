//! The article's title, summary, author and image, each from the first source that has one
//! (the order is in the module docs of [`article`](super)).

use std::sync::LazyLock;

use scraper::Selector;
use serde_json::Value;
use url::Url;

use super::attrs::id_class;
use super::body::Body;
use super::byline::{reporter_in, strip_byline, REPORTER_LINE};
use super::excluded::squeeze;
use super::page::{selector, ArticlePage};
use super::times::has_digit;
use super::{Found, Source, SUMMARY_MAX};
use crate::config::ArticleRules;
use crate::html::{collapse_ws, image_src, jsonld, text_within};

static IMG: LazyLock<Selector> = LazyLock::new(|| selector("img"));
/// Elements that may be a byline box by their id or class, and `<address>`.
static NAMED_ELEMENTS: LazyLock<Selector> = LazyLock::new(|| selector("[class], [id], address"));
/// Elements that may be a line of only `홍길동 기자` (perhaps with an e-mail address).
static SHORT_BLOCKS: LazyLock<Selector> =
    LazyLock::new(|| selector("span, em, strong, b, p, div, li, dd, address"));

impl<'a> ArticlePage<'a> {
    // --- title -------------------------------------------------------------

    /// JSON-LD `headline`, `og:title` without the site name, the headline `<h1>`.
    pub(super) fn title(&self) -> Option<Found<String>> {
        if let Some(t) = self.ld_find("headline", |v| {
            jsonld::string(v).map(|s| clean_json_text(&s))
        }) {
            if !t.is_empty() {
                return Some(Found::new(t, Source::JsonLd));
            }
        }
        if let Some(t) = self.meta("og:title") {
            let t = self.without_site_name(t);
            if !t.is_empty() {
                return Some(Found::new(t, Source::Meta));
            }
        }
        let h1 = self.headline.map(|h| text_within(h, 2000))?;
        (!h1.is_empty()).then(|| Found::new(h1, Source::Text))
    }

    /// `"제목 - 뉴스핌"` without the trailing site name, when `og:site_name` says what it is.
    fn without_site_name(&self, title: &str) -> String {
        if let Some(site) = self.meta("og:site_name").filter(|s| s.len() < title.len()) {
            if let Some(head) = title.strip_suffix(site) {
                let head = head.trim_end();
                let cut = head.trim_end_matches(['-', '|', ':', '<', '·', '–', '—', '/']);
                if cut.len() < head.len() {
                    let cut = cut.trim_end();
                    if !cut.is_empty() {
                        return cut.to_string();
                    }
                }
            }
        }
        title.to_string()
    }

    // --- summary -----------------------------------------------------------

    /// The summary, and the reporter of a wire byline found at its start.
    pub(super) fn summary<'b>(
        &self,
        rules: &ArticleRules,
        body: impl FnOnce() -> Option<&'b Body<'a>>,
        title: Option<&String>,
    ) -> (Option<Found<String>>, Option<String>)
    where
        'a: 'b,
    {
        let mut wire = None;
        let take = |text: &str, source: Source, wire: &mut Option<String>| {
            let (rest, reporter) = strip_byline(text);
            if wire.is_none() {
                *wire = reporter;
            }
            (!rest.is_empty()).then(|| Found::new(cut_summary(&rest), source))
        };
        if let Some(field) = &rules.summary {
            if let Some(text) = self.read_field(field) {
                if let Some(found) = take(&text, Source::Selector, &mut wire) {
                    return (Some(found), wire);
                }
            }
        }
        for key in ["og:description", "description"] {
            let Some(text) = self.meta(key) else {
                continue;
            };
            if self.is_ai_text(text) || title.is_some_and(|t| same_text(t, text)) {
                continue;
            }
            if let Some(found) = take(text, Source::Meta, &mut wire) {
                return (Some(found), wire);
            }
        }
        if let Some(body) = body() {
            let (para, reporter) = self.first_paragraph(body);
            if wire.is_none() {
                wire = reporter;
            }
            if let Some(p) = para {
                return (Some(Found::new(cut_summary(&p), Source::Body)), wire);
            }
        }
        (None, wire)
    }

    // --- author ------------------------------------------------------------

    /// The `author` selector, JSON-LD `author`, `meta author`, or a byline element (the
    /// caller falls back to the reporter of a wire byline in the summary or body).
    pub(super) fn author(&self, rules: &ArticleRules) -> Option<Found<String>> {
        if let Some(field) = &rules.author {
            if let Some(text) = self.read_field(field) {
                let text = cut_chars(&text, 200);
                return Some(Found::new(text, Source::Selector));
            }
        }
        if let Some(names) = self.ld_find("author", |v| {
            let mut names = Vec::new();
            ld_names(v, &mut names, 0);
            (!names.is_empty()).then(|| names.join(", "))
        }) {
            return Some(Found::new(names, Source::JsonLd));
        }
        let site = self.meta("og:site_name");
        for key in ["author", "article:author", "dable:author"] {
            if let Some(a) = self.meta(key) {
                let is_site = site.is_some_and(|s| s.eq_ignore_ascii_case(a));
                if !looks_like_url(a) && !is_site {
                    return Some(Found::new(cut_chars(a, 200), Source::Meta));
                }
            }
        }
        self.byline_element()
            .map(|name| Found::new(name, Source::Text))
    }

    /// A byline element's reporter: an element whose id or class says byline, writer,
    /// reporter, journalist or author, else a short element reading `홍길동 기자`.
    fn byline_element(&self) -> Option<String> {
        for el in self.doc.select(&NAMED_ELEMENTS).take(20_000) {
            let v = el.value();
            if matches!(
                v.name(),
                "meta" | "script" | "style" | "link" | "img" | "body" | "html"
            ) || self.is_excluded(el.id())
                || self.in_ai_box(el.id())
            {
                continue;
            }
            let names = id_class(el);
            let named = v.name() == "address"
                || ["byline", "writer", "reporter", "journalist", "author"]
                    .iter()
                    .any(|w| names.contains(w));
            if !named {
                continue;
            }
            let text = text_within(el, 300);
            if let Some(r) = reporter_in(&text) {
                return Some(r);
            }
            let plain = text.chars().count() <= 30 && !has_digit(&text) && !text.contains('@');
            if plain && !text.is_empty() {
                return Some(text);
            }
        }
        for el in self.doc.select(&SHORT_BLOCKS).take(50_000) {
            if self.is_excluded(el.id()) || self.in_ai_box(el.id()) {
                continue;
            }
            let text = text_within(el, 80);
            if text.chars().count() > 60 {
                continue;
            }
            if let Some(m) = REPORTER_LINE.captures(&text).and_then(|c| c.get(1)) {
                return Some(collapse_ws(m.as_str()));
            }
        }
        None
    }

    // --- image -------------------------------------------------------------

    /// The `image` selector, `og:image` / `twitter:image`, JSON-LD `image`.
    pub(super) fn image(&self, rules: &ArticleRules) -> Option<Found<Url>> {
        if let Some(field) = &rules.image {
            if let Some(el) = self.first_match(&field.css) {
                let v = el.value();
                let src = match &field.attr {
                    Some(attr) => v.attr(attr),
                    None if v.name() == "img" => image_src(el),
                    None if v.name() == "meta" => v.attr("content"),
                    None => el.select(&IMG).find_map(image_src),
                };
                if let Some(url) = src.and_then(|s| self.absolute_image(s)) {
                    return Some(Found::new(url, Source::Selector));
                }
            }
        }
        for key in [
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
        ] {
            if let Some(url) = self.meta(key).and_then(|s| self.absolute_image(s)) {
                return Some(Found::new(url, Source::Meta));
            }
        }
        self.ld_find("image", |v| self.ld_image(v, 0))
            .map(|u| Found::new(u, Source::JsonLd))
    }

    /// A JSON-LD `image`: a URL, an `ImageObject`, or an array of either.
    fn ld_image(&self, v: &Value, depth: usize) -> Option<Url> {
        if depth > 3 {
            return None;
        }
        match v {
            Value::String(s) => self.absolute_image(&jsonld::decode_entities(s)),
            Value::Object(o) => ["url", "contentUrl", "@id"]
                .iter()
                .filter_map(|k| o.get(*k))
                .find_map(|v| self.ld_image(v, depth + 1)),
            Value::Array(a) => a.iter().take(20).find_map(|v| self.ld_image(v, depth + 1)),
            _ => None,
        }
    }

    /// `src` as an absolute http(s) image URL; never a `data:` URL.
    pub(super) fn absolute_image(&self, src: &str) -> Option<Url> {
        let src = src.trim();
        if src.is_empty() || src.starts_with("data:") {
            return None;
        }
        let url = self.base.join(src).ok()?;
        matches!(url.scheme(), "http" | "https").then_some(url)
    }
}

/// JSON-LD text as a reader sees it: entities some sites leave in decoded, white space collapsed.
fn clean_json_text(s: &str) -> String {
    collapse_ws(&jsonld::decode_entities(s))
}

/// JSON-LD author names: a string, `{ "name": … }`, or an array of either.
fn ld_names(v: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 3 || out.len() >= 20 {
        return;
    }
    match v {
        Value::String(s) => {
            let name = clean_json_text(s);
            if !name.is_empty() && !looks_like_url(&name) && !out.contains(&name) {
                out.push(name);
            }
        }
        Value::Object(o) => {
            if let Some(n) = o.get("name") {
                ld_names(n, out, depth + 1);
            }
        }
        Value::Array(a) => {
            for item in a.iter().take(20) {
                ld_names(item, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Whether two texts are the same but for white space and case.
fn same_text(a: &str, b: &str) -> bool {
    squeeze(a) == squeeze(b)
}

/// Whether an author "name" is really a link to the author's page.
fn looks_like_url(s: &str) -> bool {
    let s = s.trim().to_ascii_lowercase();
    s.contains("://") || s.starts_with("www.") || s.starts_with('/')
}

/// Cuts a long summary at a word boundary near [`SUMMARY_MAX`] characters, ending it with "…".
fn cut_summary(text: &str) -> String {
    let text = collapse_ws(text);
    if text.chars().count() <= SUMMARY_MAX {
        return text;
    }
    let end = text
        .char_indices()
        .nth(SUMMARY_MAX)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    let head = match head.rfind(' ') {
        Some(sp) if head[..sp].chars().count() >= SUMMARY_MAX / 2 => &head[..sp],
        _ => head,
    };
    let head = head.trim_end_matches([',', ';', ':', '·', ' ']);
    format!("{head}…")
}

/// At most `max` characters of `text`.
fn cut_chars(text: &str, max: usize) -> String {
    text.chars()
        .take(max)
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_cut() {
        let long = "가나다 ".repeat(200);
        let cut = cut_summary(&long);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= SUMMARY_MAX + 1);
        assert!(!cut.contains(" …"));
    }
}
