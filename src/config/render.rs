//! `render = "browser"` (on a feed, for its list pages; in `[feeds.<id>.article]`, for its
//! article pages) and the keys that go with it: `wait_for`, `timeout` and `block`.
//!
//! The keys sit beside `render` in the table they apply to, so the same four keys mean the
//! same thing in both places. How a page is rendered is [`crate::fetch::browser`].

use std::time::Duration;

use toml::Spanned;

use super::validate::Validator;
use super::ConfigError;

/// The longest a rendered page may take: a page that needs more is not worth a browser tab.
pub const MAX_RENDER_TIMEOUT: Duration = Duration::from_secs(300);

/// The keys about rendering, as written in a feed or article table (serde flattens nothing
/// under `deny_unknown_fields`, so each table lists them and hands them over in this).
#[derive(Default)]
pub(super) struct RawRender {
    pub(super) render: Option<Spanned<String>>,
    pub(super) wait_for: Option<Spanned<String>>,
    pub(super) timeout: Option<Spanned<String>>,
    pub(super) block: Option<Spanned<Vec<Spanned<String>>>>,
}

/// How a feed's pages are rendered in headless Chromium before they are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Render {
    /// Read the page once this CSS selector matches; `None`: once the network is idle.
    pub wait_for: Option<String>,
    /// The longest the whole rendering may take (start, load and waiting).
    pub timeout: Duration,
    /// The kinds of sub-resource not loaded at all.
    pub block: Vec<Resource>,
}

/// A kind of sub-resource a rendered page may be kept from loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    Image,
    Font,
    Media,
    Stylesheet,
}

impl Resource {
    /// Every kind, with the name `block = [...]` uses for it.
    pub const ALL: [(Resource, &'static str); 4] = [
        (Resource::Image, "image"),
        (Resource::Font, "font"),
        (Resource::Media, "media"),
        (Resource::Stylesheet, "stylesheet"),
    ];

    /// What `block` holds when the file does not say: what a list never needs.
    pub const DEFAULT: [Resource; 3] = [Resource::Image, Resource::Font, Resource::Media];

    /// The name written in `block`.
    pub fn name(self) -> &'static str {
        Resource::ALL
            .iter()
            .find(|(r, _)| *r == self)
            .map_or("", |(_, n)| n)
    }
}

impl Validator<'_> {
    /// The rendering keys of table `table` (`feeds.<id>` or `feeds.<id>.article`); `timeout`
    /// defaults to `default_timeout` (`settings.timeout`). `None` when `render` is not set, in
    /// which case the other keys are mistakes.
    pub(super) fn render(
        &self,
        raw: RawRender,
        table: &str,
        default_timeout: Duration,
    ) -> Result<Option<Render>, ConfigError> {
        let key = |k: &str| format!("{table}.{k}");
        let Some(render) = &raw.render else {
            let stray = [
                raw.wait_for.as_ref().map(|v| (v.span(), "wait_for")),
                raw.timeout.as_ref().map(|v| (v.span(), "timeout")),
                raw.block.as_ref().map(|v| (v.span(), "block")),
            ];
            if let Some((span, k)) = stray.into_iter().flatten().next() {
                return Err(self.err(
                    &Spanned::new(span, ()),
                    &key(k),
                    format!("`{k}` is about rendering in a browser: add `render = \"browser\"` to [{table}], or remove `{k}`"),
                ));
            }
            return Ok(None);
        };
        if render.get_ref() != "browser" {
            return Err(self.err(
                render,
                &key("render"),
                format!(
                    "`{}` is not a way to render pages; the one there is, is \"browser\" (headless Chromium)",
                    render.get_ref()
                ),
            ));
        }
        let wait_for = match &raw.wait_for {
            None => None,
            Some(css) => {
                self.selector(css, &key("wait_for"))?;
                Some(css.get_ref().trim().to_string())
            }
        };
        let timeout = match &raw.timeout {
            None => default_timeout,
            Some(t) => {
                let bad = || {
                    self.err(
                        t,
                        &key("timeout"),
                        format!(
                            "`{}` is not a rendering timeout; write a duration from 1s to {}s, like \"20s\"",
                            t.get_ref(),
                            MAX_RENDER_TIMEOUT.as_secs()
                        ),
                    )
                };
                let d = super::parse_duration(t.get_ref()).ok_or_else(bad)?;
                if d < Duration::from_secs(1) || d > MAX_RENDER_TIMEOUT {
                    return Err(bad());
                }
                d
            }
        };
        let block = match &raw.block {
            None => Resource::DEFAULT.to_vec(),
            Some(list) => {
                let mut kinds = Vec::new();
                for name in list.get_ref() {
                    let found = Resource::ALL
                        .iter()
                        .find(|(_, n)| *n == name.get_ref().as_str());
                    let Some((kind, _)) = found else {
                        let names: Vec<&str> = Resource::ALL.iter().map(|(_, n)| *n).collect();
                        return Err(self.err(
                            name,
                            &key("block"),
                            format!(
                                "`{}` is not a kind of resource to block; the kinds are {}",
                                name.get_ref(),
                                names.join(", ")
                            ),
                        ));
                    };
                    if !kinds.contains(kind) {
                        kinds.push(*kind);
                    }
                }
                kinds
            }
        };
        Ok(Some(Render {
            wait_for,
            timeout,
            block,
        }))
    }
}

/// The rendering keys as text, for the feed's extraction key: a page rendered otherwise may
/// give other items.
pub(super) fn render_text(raw: &RawRender) -> String {
    let text =
        |v: &Option<Spanned<String>>| v.as_ref().map_or(String::new(), |s| s.get_ref().clone());
    format!("render:{}|{}", text(&raw.render), text(&raw.wait_for))
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::time::Duration;

    use super::{Render, Resource};
    use crate::config::parse;

    #[test]
    fn render_keys_and_their_defaults() {
        let text = r#"
[settings]
timeout = "25s"

[feeds.spa]
title = "SPA"
url = "https://news.example.kr/list"
render = "browser"
wait_for = "ul.news-list li"

[feeds.spa.article]
fetch = true
render = "browser"
timeout = "12s"
block = ["image", "stylesheet", "image"]

[feeds.plain]
title = "plain"
url = "https://news.example.kr/plain"
"#;
        let config = parse(text, Path::new("feeds.toml")).unwrap();
        let spa = &config.feeds[1];
        assert_eq!(
            spa.render,
            Some(Render {
                wait_for: Some("ul.news-list li".into()),
                timeout: Duration::from_secs(25),
                block: Resource::DEFAULT.to_vec(),
            })
        );
        assert_eq!(
            spa.article.as_ref().unwrap().render,
            Some(Render {
                wait_for: None,
                timeout: Duration::from_secs(12),
                block: vec![Resource::Image, Resource::Stylesheet],
            })
        );
        assert_eq!(config.feeds[0].render, None);
        // Rendering or not reads the pages anew.
        assert_ne!(config.feeds[0].extraction, spa.extraction);
    }
}
