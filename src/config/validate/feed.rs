//! One `[feeds.<id>]` table, and what its extraction settings amount to.

use toml::Spanned;
use url::Url;

use super::{env_var, Validator};
use crate::config::raw::RawFeed;
use crate::config::{defaults, ConfigError, Feed, Filter, Settings};

impl Validator<'_> {
    /// One `[feeds.<id>]` table; what it leaves out it takes from `settings`.
    pub(in crate::config) fn feed(
        &self,
        id: Spanned<String>,
        mut raw: RawFeed,
        settings: &Settings,
    ) -> Result<Feed, ConfigError> {
        let name = id.get_ref().clone();
        let valid_id = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if !valid_id {
            return Err(self.err(
                &id,
                &format!("feeds.{name}"),
                "a feed id may hold only a-z, 0-9, - and _ (it names the output files)",
            ));
        }
        if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Err(self.err(
                &id,
                &format!("feeds.{name}"),
                "a feed id must start with a letter or digit (`feedmill check -x` would read it as an option)",
            ));
        }
        let key = |k: &str| format!("feeds.{name}.{k}");
        let mut urls = Vec::new();
        match (&raw.url, &raw.urls) {
            (Some(u), None) => urls.push(self.url(u, &key("url"))?),
            (None, Some(list)) if !list.get_ref().is_empty() => {
                for u in list.get_ref() {
                    let url = self.url(u, &key("urls"))?;
                    if urls.contains(&url) {
                        return Err(self.err(
                            u,
                            &key("urls"),
                            format!("`{url}` is listed twice; each page is read once"),
                        ));
                    }
                    urls.push(url);
                }
            }
            (Some(u), Some(_)) => {
                return Err(self.err(u, &key("url"), "give either `url` or `urls`, not both"))
            }
            _ => {
                return Err(self.err(
                    &id,
                    &key("url"),
                    "the feed has no `url` (or `urls = [...]`): name the section page to read",
                ))
            }
        }
        let raw_render = raw.take_render();
        let mut extraction = extraction_text(&raw);
        extraction.push_str(&crate::config::render::render_text(&raw_render));
        let render = self.render(raw_render, &format!("feeds.{name}"), settings.timeout)?;
        let pages = match raw.pages {
            None => None,
            Some(p) => Some(self.pages(p, &name, urls.len() > 1)?),
        };
        let mut home = urls.clone();
        if let Some(crate::config::Pages {
            follow: crate::config::Follow::Numbered { template, from, .. },
            ..
        }) = &pages
        {
            home.extend(Url::parse(&crate::config::page_url(template, *from)).ok());
        }
        let request = self.request(raw.request, &name, &settings.request, home, &env_var)?;
        let mut formats = match raw.formats {
            None => defaults::FORMATS.to_vec(),
            Some(f) if f.get_ref().is_empty() => {
                return Err(self.err(
                    &f,
                    &key("formats"),
                    "name at least one format: \"rss\", \"atom\" or \"json\"",
                ))
            }
            Some(f) => f.into_inner(),
        };
        formats.dedup();
        let language = match raw.language {
            None => None,
            Some(l) if is_language_tag(l.get_ref()) => Some(l.into_inner()),
            Some(l) => {
                return Err(self.err(
                    &l,
                    &key("language"),
                    format!(
                        "`{}` is not a language tag; write one like \"ko\", \"ko-KR\" or \"en\"",
                        l.get_ref()
                    ),
                ))
            }
        };
        let select = match raw.select {
            None => None,
            Some(s) => Some(self.select(s, &name)?),
        };
        let json = match raw.json {
            None => None,
            Some(j) if select.is_some() => {
                return Err(self.err(
                    &j.items,
                    &key("json"),
                    "give either [feeds.<id>.select] (an HTML list) or [feeds.<id>.json] (a JSON list), not both",
                ))
            }
            Some(j) => Some(self.json(j, &name)?),
        };
        let article = match raw.article {
            None => None,
            Some(a) => Some(self.article(a, &name, settings.timeout)?),
        };
        let filter = match raw.filter {
            None => Filter::default(),
            Some(f) => Filter {
                include: self.patterns(&f.include, &key("filter.include"))?,
                exclude: self.patterns(&f.exclude, &key("filter.exclude"))?,
            },
        };
        Ok(Feed {
            title: raw.title,
            urls,
            description: raw.description,
            language,
            max_items: self.positive(raw.max_items, &key("max_items"), settings.max_items)?,
            formats,
            interval: self.interval(raw.interval, &key("interval"), settings.interval)?,
            select,
            json,
            article,
            filter,
            request,
            pages,
            render,
            extraction,
            id: name,
        })
    }
}

/// The settings that decide what a feed's pages give, as one text: its selectors, date format
/// and filters, without their places in the file.
fn extraction_text(raw: &RawFeed) -> String {
    fn text(v: &Option<Spanned<String>>) -> &str {
        v.as_ref().map_or("", |s| s.get_ref().as_str())
    }
    let list = |v: &[Spanned<String>]| {
        v.iter()
            .map(|s| s.get_ref().as_str())
            .collect::<Vec<_>>()
            .join("\u{1f}")
    };
    let mut out = String::new();
    if let Some(s) = &raw.select {
        for part in [
            s.item.get_ref().as_str(),
            text(&s.link),
            text(&s.title),
            text(&s.summary),
            text(&s.date),
            text(&s.image),
            text(&s.author),
            s.date_format.as_deref().unwrap_or(""),
        ] {
            out.push_str(part);
            out.push('\u{1e}');
        }
    }
    if let Some(j) = &raw.json {
        out.push_str(&j.extraction_text());
        out.push('\u{1e}');
    }
    if let Some(f) = &raw.filter {
        out.push_str(&list(&f.include));
        out.push('\u{1e}');
        out.push_str(&list(&f.exclude));
    }
    if let Some(p) = &raw.pages {
        out.push_str(&crate::config::pages::pages_text(p));
    }
    out
}

/// Whether `tag` is a well-formed BCP 47 language tag (the shape RSS and Atom readers
/// expect): a 2–3 letter language, then subtags of 1–8 letters or digits, `-`-separated.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("");
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::is_language_tag;

    #[test]
    fn language_tags() {
        for good in ["ko", "ko-KR", "en-us", "zh-Hant-TW", "de-CH-1996"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "not a language!!",
            "k",
            "korean",
            "ko_KR",
            "ko-",
            "-ko",
            "ko-toolongsubtag",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
