//! `feedmill suggest`: the article list found on a page (or on a feed's pages), as a block.

use std::process::ExitCode;

use chrono::{DateTime, Utc};

use super::{Failure, EXIT_FAILED};
use crate::config::{self, Config};
use crate::dates::DateContext;
use crate::fetch::{FetchOptions, Fetcher};

pub(crate) async fn suggest_cmd(
    config: Option<Config>,
    target: &str,
    all: bool,
    now: DateTime<Utc>,
) -> Result<ExitCode, Failure> {
    // Without a config file, the defaults every config starts from.
    let settings = config.as_ref().map_or_else(
        || config::Settings::defaults(std::path::Path::new(".")),
        |c| c.settings.clone(),
    );
    let feed = config
        .as_ref()
        .and_then(|c| c.feeds.iter().find(|f| f.id == target));
    let urls = match (feed, url::Url::parse(target)) {
        (Some(f), _) => f.urls.clone(),
        (None, Ok(u)) => vec![u],
        (None, Err(_)) => {
            return Err(Failure::Usage(format!(
                "`{target}` is neither a URL nor a feed id in the config"
            )))
        }
    };
    let fetcher = Fetcher::new(&FetchOptions::from_settings(&settings))
        .map_err(|e| Failure::Runtime(format!("cannot set up HTTP: {e}")))?;
    let ctx = DateContext {
        fetched_at: now,
        zone: settings.timezone,
    };
    let id = feed.map_or_else(|| crate::suggest::id_from_url(&urls[0]), |f| f.id.clone());
    // Every page of a feed is looked at: a feed's selectors must suit all of them.
    let mut found = 0;
    for (n, url) in urls.iter().enumerate() {
        if urls.len() > 1 {
            println!("# page {} of {}: {url}", n + 1, urls.len());
        }
        // A feed's own headers and cookies: a site that turns away others answers it.
        let request = feed.map(|f| f.request.clone()).unwrap_or_default();
        let render = feed.and_then(|f| f.render.as_ref());
        let page = match fetcher.get_page(url, &request, render).await {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: {e}");
                continue;
            }
        };
        let title = feed
            .map(|f| f.title.clone())
            .or_else(|| crate::suggest::page_title(&page.html))
            .unwrap_or_else(|| id.clone());
        if crate::extract::looks_like_feed(page.content_type.as_deref(), &page.html) {
            match crate::suggest::format_feed_source(&page.html, &page.url, &id, &title, ctx) {
                Ok(text) => {
                    print!("{text}");
                    found += 1;
                }
                Err(e) => eprintln!("{url} answers a feed that cannot be read: {e}"),
            }
            continue;
        }
        let advertised = crate::suggest::format_advertised_feeds(&page.html, &page.url);
        match crate::suggest::format_suggestion(&page.html, &page.url, &id, &title, ctx, all) {
            Some(text) => {
                print!("{text}{advertised}");
                found += 1;
            }
            None => eprintln!(
                "no article list found on {url}; write [feeds.{id}.select] by hand (see README){advertised}"
            ),
        }
    }
    Ok(if found == urls.len() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FAILED)
    })
}
