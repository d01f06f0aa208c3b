//! What `feedmill add` proposes for a URL: the page's article list (as `suggest` finds it) or,
//! for a URL that answers a feed, the feed itself; with a preview to show before writing.

use url::Url;

use super::{NewFeed, NewSource};
use crate::dates::DateContext;
use crate::fetch::Fetcher;

/// A feed found on a page, and what to show the person before it is added.
#[derive(Debug)]
pub struct Proposal {
    pub feed: NewFeed,
    /// The block and its first items, as `suggest` prints them.
    pub preview: String,
}

/// Fetches `url` and finds its feed; `id` and `title` default to the host's name and the
/// page's `<title>`. The error says what was tried.
pub async fn propose(
    fetcher: &Fetcher,
    url: &Url,
    id: Option<&str>,
    title: Option<&str>,
    ctx: DateContext,
) -> Result<Proposal, String> {
    let page = fetcher.get(url).await.map_err(|e| e.to_string())?;
    let id = id.map_or_else(|| crate::suggest::id_from_url(url), str::to_string);
    let title = title
        .map(str::to_string)
        .or_else(|| crate::suggest::page_title(&page.html))
        .unwrap_or_else(|| id.clone());
    if crate::extract::looks_like_feed(page.content_type.as_deref(), &page.html) {
        let text = crate::suggest::format_feed_source(&page.html, url, &id, &title, ctx)
            .map_err(|e| format!("{url} answers a feed that cannot be read: {e}"))?;
        return Ok(Proposal {
            preview: items_only(&text),
            feed: NewFeed {
                id,
                title,
                url: url.clone(),
                source: NewSource::Feed,
            },
        });
    }
    let html = page.html.clone();
    let page_url = page.url.clone();
    let (block_id, block_title, asked) = (id.clone(), title.clone(), url.clone());
    let found = tokio::task::spawn_blocking(move || {
        let preview = crate::suggest::format_suggestion(&html, &page_url, "", "", ctx, false);
        // As a build without selectors decides: a sure HTML list, else a list in the page's
        // JSON, else the HTML guess.
        let best = crate::detect::detect(&html, &page_url, ctx)
            .into_iter()
            .next();
        let source = match best {
            Some(b) if b.low_confidence.is_none() => Some(NewSource::List(Box::new(b))),
            guess => crate::jsonlist::detect(&html, &page_url, ctx)
                .into_iter()
                .next()
                .map(|j| NewSource::Block(j.toml_block(&block_id, &block_title, &asked)))
                .or_else(|| guess.map(|b| NewSource::List(Box::new(b)))),
        };
        (source, preview)
    })
    .await
    .map_err(|e| format!("internal error (a bug; please report it): {e}"))?;
    let (Some(source), Some(preview)) = found else {
        let advertised = crate::suggest::format_advertised_feeds(&page.html, &page.url);
        return Err(format!(
            "no article list found on {url}: no JSON-LD ItemList, no group of repeated links that look like articles, no list in the page's JSON; nothing was written. Write [feeds.<id>.select] by hand (see README), or try the section's own page{advertised}"
        ));
    };
    Ok(Proposal {
        preview: items_only(&preview),
        feed: NewFeed {
            id,
            title,
            url: url.clone(),
            source,
        },
    })
}

/// The "first items" part of a `suggest` text: the block itself is shown as it will be written.
fn items_only(text: &str) -> String {
    text.split_once("\n# first items:")
        .map_or(String::new(), |(_, items)| format!("# first items:{items}"))
}
