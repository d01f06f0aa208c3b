//! A feed's `select` table (CSS selectors per field) and its `article` table (what to take
//! from each article page).

use std::time::Duration;

use scraper::Selector;
use toml::Spanned;

use super::Validator;
use crate::config::raw::{RawArticle, RawSelect};
use crate::config::{
    defaults, explain, split_attr, ArticleRules, ConfigError, Field, Pattern, Select,
};

impl Validator<'_> {
    pub(super) fn field(
        &self,
        s: Option<Spanned<String>>,
        key: &str,
    ) -> Result<Option<Field>, ConfigError> {
        let Some(s) = s else { return Ok(None) };
        let (css, attr) = split_attr(s.get_ref());
        let css = Selector::parse(css).map_err(|e| {
            let what = match attr {
                Some(a) => format!("in `{}`, the selector `{css}` (before `@{a}`)", s.get_ref()),
                None => format!("`{css}`"),
            };
            self.err(
                &s,
                key,
                format!(
                    "{what} is not a CSS selector: {}",
                    explain::selector_error(css, &e)
                ),
            )
        })?;
        Ok(Some(Field {
            css,
            attr: attr.map(str::to_string),
        }))
    }

    pub(super) fn article(
        &self,
        mut raw: RawArticle,
        feed: &str,
        timeout: Duration,
    ) -> Result<ArticleRules, ConfigError> {
        let key = |k: &str| format!("feeds.{feed}.article.{k}");
        let render = self.render(raw.take_render(), &format!("feeds.{feed}.article"), timeout)?;
        let mut remove = Vec::with_capacity(raw.remove.len());
        for r in &raw.remove {
            remove.push(self.selector(r, &key("remove"))?);
        }
        Ok(ArticleRules {
            fetch: raw.fetch,
            max_new: self.positive(raw.max_new, &key("max_new"), defaults::MAX_NEW)?,
            date: self.field(raw.date, &key("date"))?,
            updated: self.field(raw.updated, &key("updated"))?,
            author: self.field(raw.author, &key("author"))?,
            summary: self.field(raw.summary, &key("summary"))?,
            image: self.field(raw.image, &key("image"))?,
            content: match &raw.content {
                Some(c) => Some(self.selector(c, &key("content"))?),
                None => None,
            },
            full_text: raw.full_text,
            remove,
            render,
        })
    }

    pub(super) fn patterns(
        &self,
        raw: &[Spanned<String>],
        key: &str,
    ) -> Result<Vec<Pattern>, ConfigError> {
        raw.iter()
            .map(|p| {
                let text = p.get_ref();
                match text.strip_prefix('/').and_then(|t| t.strip_suffix('/')) {
                    Some(re) if text.len() >= 2 => regex::RegexBuilder::new(re)
                        .case_insensitive(true)
                        .size_limit(1 << 20)
                        .build()
                        .map(Pattern::Regex)
                        .map_err(|e| {
                            // The regex crate's message spans lines; its last says what is wrong.
                            let what = e.to_string();
                            let what = what
                                .lines()
                                .last()
                                .unwrap_or("")
                                .trim_start_matches("error: ")
                                .to_string();
                            self.err(
                                p,
                                key,
                                format!("`{text}` is not a regular expression ({what})"),
                            )
                        }),
                    _ => Ok(Pattern::Substring(text.to_lowercase())),
                }
            })
            .collect()
    }

    pub(super) fn select(&self, raw: RawSelect, feed: &str) -> Result<Select, ConfigError> {
        let key = |k: &str| format!("feeds.{feed}.select.{k}");
        Ok(Select {
            item: self.selector(&raw.item, &key("item"))?,
            item_css: raw.item.get_ref().clone(),
            link: self.field(raw.link, &key("link"))?,
            title: self.field(raw.title, &key("title"))?,
            summary: self.field(raw.summary, &key("summary"))?,
            date: self.field(raw.date, &key("date"))?,
            image: self.field(raw.image, &key("image"))?,
            author: self.field(raw.author, &key("author"))?,
            date_format: raw.date_format,
        })
    }
}
