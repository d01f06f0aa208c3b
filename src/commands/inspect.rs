//! `feedmill check`, `status` and `forget`: looking at feeds and their state.

use std::process::ExitCode;

use chrono::{DateTime, Utc};

use super::{Failure, EXIT_FAILED};
use crate::build;
use crate::config::{Config, Format};
use crate::dates::DateContext;
use crate::fetch::{FetchOptions, Fetcher};
use crate::store::StoreHandle;

pub(crate) async fn check_cmd(
    config: &Config,
    id: &str,
    now: DateTime<Utc>,
    json: bool,
) -> Result<ExitCode, Failure> {
    let feed = config
        .feeds
        .iter()
        .find(|f| f.id == id)
        .expect("checked by known_ids");
    let fetcher = Fetcher::new(&FetchOptions::from_settings(&config.settings))
        .map_err(|e| Failure::Runtime(format!("cannot set up HTTP: {e}")))?;
    let zone = config.settings.timezone;
    let ctx = DateContext {
        fetched_at: now,
        zone,
    };
    if !json {
        print!(
            "{}",
            crate::check::format_request(&feed.request, &config.settings.user_agent)
        );
    }
    match build::collect(feed, &fetcher, ctx, &Default::default()).await {
        Ok(collected) => {
            let previews = match feed.article.as_ref().filter(|r| r.fetch) {
                Some(rules) => {
                    let limit = rules.max_new.min(10);
                    crate::enrich::preview(&collected.items, feed, rules, &fetcher, ctx, limit)
                        .await
                }
                None => Vec::new(),
            };
            if json {
                let value = crate::check_json::check_json(
                    id,
                    &collected.items,
                    &collected.warnings,
                    &collected.notes,
                    &previews,
                    zone,
                );
                println!("{value:#}");
                return Ok(ExitCode::SUCCESS);
            }
            print!(
                "{}",
                crate::check::format_items(&collected.items, &collected.warnings, zone)
            );
            for note in &collected.notes {
                println!("note: {note}");
            }
            print!("{}", crate::check::format_article_previews(&previews, zone));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            if json {
                let value = serde_json::json!({
                    "version": crate::check_json::JSON_VERSION,
                    "feed": id,
                    "error": e.to_string(),
                });
                println!("{value:#}");
            }
            eprintln!("{id}: error: {e}");
            Ok(ExitCode::from(EXIT_FAILED))
        }
    }
}

pub(crate) async fn status_cmd(
    config: &Config,
    now: DateTime<Utc>,
    json: bool,
) -> Result<ExitCode, Failure> {
    // Read only: status works for any user who may read the state folder.
    let health = match StoreHandle::open_read_only(&config.settings).await {
        Ok(Some(store)) => store.health().await.map_err(Failure::runtime)?,
        Ok(None) => Vec::new(),
        Err(e) => return Err(Failure::runtime(e)),
    };
    let ids: Vec<&str> = config.feeds.iter().map(|f| f.id.as_str()).collect();
    if json {
        let value = crate::check_json::status_json(&ids, &health, config.settings.timezone, now);
        println!("{value:#}");
        return Ok(ExitCode::SUCCESS);
    }
    print!(
        "{}",
        crate::check::format_status(&ids, &health, config.settings.timezone, now)
    );
    Ok(ExitCode::SUCCESS)
}

pub(crate) async fn forget_cmd(config: &Config, id: &str) -> Result<ExitCode, Failure> {
    let store = StoreHandle::open(&config.settings)
        .await
        .map_err(Failure::runtime)?;
    let items = store.forget(id).await.map_err(Failure::runtime)?;
    let mut removed = Vec::new();
    for format in [Format::Rss, Format::Atom, Format::Json] {
        let path = crate::output::feed_path(&config.settings.output_dir, id, format);
        match std::fs::remove_file(&path) {
            Ok(()) => removed.push(path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Failure::Runtime(format!(
                    "cannot remove {}: {e}",
                    path.display()
                )))
            }
        }
    }
    eprintln!(
        "{id}: forgot {items} items; removed {}",
        if removed.is_empty() {
            "no files".to_string()
        } else {
            removed.join(", ")
        }
    );
    Ok(ExitCode::SUCCESS)
}
