//! `[feeds.<id>.pages]`: a section that continues on further pages, followed by its "next"
//! link or by a URL template with page numbers.
//!
//! The feed's `url` is always page 1; `max` counts it. How the pages are walked (loops,
//! other hosts, stopping early) is [`crate::pages`].

use scraper::Selector;
use serde::Deserialize;
use toml::Spanned;

use super::validate::Validator;
use super::ConfigError;

/// The most pages one section may be read from, the first included: a feed is about the news
/// of the day, not an archive crawl.
pub const MAX_PAGES: usize = 20;

/// Pages read when `max` is not given (and neither is `to`).
pub const DEFAULT_PAGES: usize = 3;

/// The placeholder a page template holds.
pub const PAGE_PLACEHOLDER: &str = "{page}";

/// `[feeds.<id>.pages]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPages {
    pub(super) next: Option<Spanned<String>>,
    pub(super) url: Option<Spanned<String>>,
    pub(super) from: Option<Spanned<i64>>,
    pub(super) to: Option<Spanned<i64>>,
    pub(super) max: Option<Spanned<i64>>,
}

/// `[feeds.<id>.pages]`, checked.
#[derive(Debug, Clone)]
pub struct Pages {
    pub follow: Follow,
    /// The most pages read per section page, the first included (1..=[`MAX_PAGES`]).
    pub max: usize,
}

/// How the next page is found.
#[derive(Debug, Clone)]
pub enum Follow {
    /// The link the selector finds on each page (its `href`).
    Next { selector: Selector, css: String },
    /// The template with `{page}` replaced by `from`, `from + 1`, … up to `to` (when given).
    Numbered {
        template: String,
        from: u64,
        to: Option<u64>,
    },
}

/// `template` with its `{page}` replaced by `n`.
pub fn page_url(template: &str, n: u64) -> String {
    template.replace(PAGE_PLACEHOLDER, &n.to_string())
}

impl Validator<'_> {
    /// A feed's `pages` table; `many` when the feed reads several `urls` (a template names one
    /// section, so it goes with a single `url`). `table` is where to point when the table
    /// itself is wrong.
    pub(super) fn pages(
        &self,
        raw: Spanned<RawPages>,
        feed: &str,
        many: bool,
    ) -> Result<Pages, ConfigError> {
        let key = |k: &str| format!("feeds.{feed}.pages.{k}");
        let span = raw.span();
        let raw = raw.into_inner();
        let whole = Spanned::new(span, ());
        let number = |v: &Spanned<i64>, k: &str, least: i64| -> Result<u64, ConfigError> {
            u64::try_from(*v.get_ref())
                .ok()
                .filter(|&n| n >= least as u64 && n <= 1_000_000)
                .ok_or_else(|| {
                    self.err(
                        v,
                        &key(k),
                        format!("must be a whole number from {least} to 1000000"),
                    )
                })
        };
        let follow = match (&raw.next, &raw.url) {
            (Some(_), Some(url)) => {
                return Err(self.err(
                    url,
                    &key("url"),
                    "give either `next` (follow a link) or `url` (a page template), not both",
                ))
            }
            (None, None) => {
                return Err(self.err(
                    &whole,
                    &format!("feeds.{feed}.pages"),
                    "say how to reach the next page: `next = \"a.next\"` (the link to follow) or `url = \"https://…?page={page}\"` (a template)",
                ))
            }
            (Some(next), None) => {
                for (v, k) in [(&raw.from, "from"), (&raw.to, "to")] {
                    if let Some(v) = v {
                        return Err(self.err(
                            v,
                            &key(k),
                            format!("`{k}` numbers the pages of a `url` template; with `next` the links say where to go"),
                        ));
                    }
                }
                Follow::Next {
                    selector: self.selector(next, &key("next"))?,
                    css: next.get_ref().clone(),
                }
            }
            (None, Some(url)) => {
                if many {
                    return Err(self.err(
                        url,
                        &key("url"),
                        "a page template continues one section: use it with a single `url`, not `urls`",
                    ));
                }
                let template = url.get_ref().trim().to_string();
                if !template.contains(PAGE_PLACEHOLDER) {
                    return Err(self.err(
                        url,
                        &key("url"),
                        format!(
                            "`{template}` has no `{PAGE_PLACEHOLDER}`; write where the page number goes, like \"https://news.example.kr/list?page={{page}}\""
                        ),
                    ));
                }
                // Checked as the URL it gives for some page, with the same rules as `url`.
                let sample = Spanned::new(url.span(), page_url(&template, 2));
                self.url(&sample, &key("url"))?;
                let from = match &raw.from {
                    Some(v) => number(v, "from", 1)?,
                    None => 2,
                };
                let to = match &raw.to {
                    Some(v) => {
                        let to = number(v, "to", 1)?;
                        if to < from {
                            return Err(self.err(
                                v,
                                &key("to"),
                                format!("`to` ({to}) is before `from` ({from})"),
                            ));
                        }
                        Some(to)
                    }
                    None => None,
                };
                Follow::Numbered { template, from, to }
            }
        };
        let max = match (&raw.max, &follow) {
            (Some(v), _) => usize::try_from(*v.get_ref())
                .ok()
                .filter(|n| (1..=MAX_PAGES).contains(n))
                .ok_or_else(|| {
                    self.err(
                        v,
                        &key("max"),
                        format!("must be a whole number from 1 to {MAX_PAGES} (the most pages read per section, the first included)"),
                    )
                })?,
            // The template's range, page 1 included, when it fits.
            (
                None,
                Follow::Numbered {
                    from, to: Some(to), ..
                },
            ) => {
                let n = to.saturating_sub(*from).saturating_add(2);
                if n > MAX_PAGES as u64 {
                    let at = raw.to.as_ref().expect("`to` is set");
                    return Err(self.err(
                        at,
                        &key("to"),
                        format!("pages {from} to {to} are more than the {MAX_PAGES} read per section; lower `to`, or set `max`"),
                    ));
                }
                n as usize
            }
            (None, _) => DEFAULT_PAGES,
        };
        Ok(Pages { follow, max })
    }
}

/// The `pages` table as text, for the feed's extraction key: reading more or other pages
/// reads the section again.
pub(super) fn pages_text(raw: &Spanned<RawPages>) -> String {
    let raw = raw.get_ref();
    let text =
        |v: &Option<Spanned<String>>| v.as_ref().map_or(String::new(), |s| s.get_ref().clone());
    let num = |v: &Option<Spanned<i64>>| {
        v.as_ref()
            .map_or(String::new(), |n| n.get_ref().to_string())
    };
    format!(
        "pages:{}|{}|{}|{}|{}",
        text(&raw.next),
        text(&raw.url),
        num(&raw.from),
        num(&raw.to),
        num(&raw.max)
    )
}

#[cfg(test)]
mod tests {
    use super::page_url;

    #[test]
    fn templates() {
        assert_eq!(
            page_url("https://news.example.kr/list?page={page}", 2),
            "https://news.example.kr/list?page=2"
        );
        assert_eq!(
            page_url("https://news.example.kr/list/{page}/?sc={page}", 10),
            "https://news.example.kr/list/10/?sc=10"
        );
    }
}
