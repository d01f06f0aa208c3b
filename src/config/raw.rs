//! The shape of `feeds.toml` as serde reads it: every key the file may hold, nothing checked
//! yet beyond its TOML type.
//!
//! Values that can be wrong in ways TOML does not catch stay `Spanned`, so the validator
//! ([`super::validate`]) can name the line of a bad one. `deny_unknown_fields` everywhere: a
//! misspelt key is an error, not a silently ignored setting.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::pages::RawPages;
use super::render::RawRender;
use super::request::RawRequest;
use super::Format;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub(super) settings: Option<RawSettings>,
    pub(super) server: Option<RawServer>,
    #[serde(default)]
    pub(super) feeds: BTreeMap<Spanned<String>, RawFeed>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSettings {
    pub(super) output_dir: Option<Spanned<String>>,
    pub(super) state_dir: Option<String>,
    pub(super) timezone: Option<Spanned<String>>,
    pub(super) max_items: Option<Spanned<i64>>,
    pub(super) user_agent: Option<String>,
    pub(super) base_url: Option<Spanned<String>>,
    pub(super) timeout: Option<Spanned<String>>,
    pub(super) host_delay: Option<Spanned<String>>,
    pub(super) concurrency: Option<Spanned<i64>>,
    pub(super) interval: Option<Spanned<String>>,
    pub(super) request: Option<RawRequest>,
    pub(super) database: Option<Spanned<String>>,
    pub(super) lease: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawServer {
    pub(super) listen: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFeed {
    pub(super) title: String,
    pub(super) url: Option<Spanned<String>>,
    pub(super) urls: Option<Spanned<Vec<Spanned<String>>>>,
    pub(super) description: Option<String>,
    pub(super) language: Option<Spanned<String>>,
    pub(super) max_items: Option<Spanned<i64>>,
    pub(super) formats: Option<Spanned<Vec<Format>>>,
    pub(super) interval: Option<Spanned<String>>,
    pub(super) select: Option<RawSelect>,
    pub(super) json: Option<super::json::RawJson>,
    pub(super) article: Option<RawArticle>,
    pub(super) filter: Option<RawFilter>,
    pub(super) request: Option<RawRequest>,
    pub(super) pages: Option<Spanned<RawPages>>,
    pub(super) render: Option<Spanned<String>>,
    pub(super) wait_for: Option<Spanned<String>>,
    pub(super) timeout: Option<Spanned<String>>,
    pub(super) block: Option<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawArticle {
    #[serde(default)]
    pub(super) fetch: bool,
    pub(super) max_new: Option<Spanned<i64>>,
    pub(super) date: Option<Spanned<String>>,
    pub(super) updated: Option<Spanned<String>>,
    pub(super) author: Option<Spanned<String>>,
    pub(super) summary: Option<Spanned<String>>,
    pub(super) image: Option<Spanned<String>>,
    pub(super) content: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) full_text: bool,
    #[serde(default)]
    pub(super) remove: Vec<Spanned<String>>,
    pub(super) render: Option<Spanned<String>>,
    pub(super) wait_for: Option<Spanned<String>>,
    pub(super) timeout: Option<Spanned<String>>,
    pub(super) block: Option<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFilter {
    #[serde(default)]
    pub(super) include: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) exclude: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSelect {
    pub(super) item: Spanned<String>,
    pub(super) link: Option<Spanned<String>>,
    pub(super) title: Option<Spanned<String>>,
    pub(super) summary: Option<Spanned<String>>,
    pub(super) date: Option<Spanned<String>>,
    pub(super) image: Option<Spanned<String>>,
    pub(super) author: Option<Spanned<String>>,
    pub(super) date_format: Option<String>,
}

impl RawFeed {
    /// The feed's keys about rendering its list pages, taken out of it.
    pub(super) fn take_render(&mut self) -> RawRender {
        RawRender {
            render: self.render.take(),
            wait_for: self.wait_for.take(),
            timeout: self.timeout.take(),
            block: self.block.take(),
        }
    }
}

impl RawArticle {
    /// The article table's keys about rendering article pages, taken out of it.
    pub(super) fn take_render(&mut self) -> RawRender {
        RawRender {
            render: self.render.take(),
            wait_for: self.wait_for.take(),
            timeout: self.timeout.take(),
            block: self.block.take(),
        }
    }
}
