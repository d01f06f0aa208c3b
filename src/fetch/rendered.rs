//! Pages rendered in headless Chromium, fetched through the same [`Fetcher`] as plain pages:
//! a rendered page waits for its host's slot and holds one of the `concurrency` request
//! slots while its tab is open, so `host_delay` and `concurrency` hold as for plain fetches
//! (the page's own sub-resources are not counted).

use std::time::Duration;

use url::Url;

use super::browser::{Browsers, Failure};
use super::{FetchError, Fetched, Fetcher, Page, Validators};
use crate::config::{Render, Request};

impl Fetcher {
    /// Renders `url` in Chromium with `render`'s options and `request`'s headers, and gives its
    /// DOM as a page, as [`Fetcher::get_with`] gives a fetched one.
    pub async fn render(
        &self,
        url: &Url,
        request: &Request,
        render: &Render,
    ) -> Result<Page, FetchError> {
        self.wait_for_host(url).await;
        let _permit = self
            .in_flight
            .acquire()
            .await
            .expect("semaphore never closed");
        let (final_url, html, warning) = self
            .browsers
            .render(url, request, render, &self.user_agent)
            .await
            .map_err(|f| render_error(url, f))?;
        Ok(Page {
            url: final_url,
            html,
            encoding: "UTF-8",
            warning,
            content_type: Some("text/html; charset=utf-8".into()),
        })
    }

    /// [`Fetcher::render`] when `render` is set, else [`Fetcher::get_with`].
    pub async fn get_page(
        &self,
        url: &Url,
        request: &Request,
        render: Option<&Render>,
    ) -> Result<Page, FetchError> {
        match render {
            Some(r) => self.render(url, request, r).await,
            None => self.get_with(url, request).await,
        }
    }

    /// [`Fetcher::get_if_changed_with`] when `render` is not set; a rendered page is always
    /// rendered anew (what a script builds has no validators).
    pub async fn get_page_if_changed(
        &self,
        url: &Url,
        known: Option<&Validators>,
        request: &Request,
        render: Option<&Render>,
    ) -> Result<Fetched, FetchError> {
        match render {
            Some(r) => Ok(Fetched::Page(
                self.render(url, request, r).await?,
                Validators::default(),
            )),
            None => self.get_if_changed_with(url, known, request).await,
        }
    }

    /// Stops the browser after `idle` without pages to render instead of the default
    /// [`super::browser::IDLE_AFTER`] (builder style; before any page is rendered).
    pub fn with_browser_idle(mut self, idle: Duration) -> Fetcher {
        self.browsers = Browsers::new(idle);
        self
    }

    /// The same fetcher whose browser is replaced once its processes hold more than `bytes`.
    pub fn with_browser_memory_cap(mut self, bytes: u64) -> Fetcher {
        self.browsers = std::mem::replace(&mut self.browsers, Browsers::new(Duration::ZERO))
            .with_memory_cap(bytes);
        self
    }

    /// The browser's handle: whether one runs, and its process id.
    pub fn browsers(&self) -> &Browsers {
        &self.browsers
    }
}

/// Fails a feed that renders pages (its list or its articles) when no Chromium is installed,
/// before anything is fetched, with the error that says what to install.
pub fn browser_available_for(feed: &crate::config::Feed) -> Result<(), FetchError> {
    let renders = feed.render.is_some()
        || feed
            .article
            .as_ref()
            .is_some_and(|a| a.fetch && a.render.is_some());
    if renders && super::browser::find_chromium().is_none() {
        return Err(FetchError::Render {
            url: feed.urls[0].clone(),
            message: super::browser::BrowserError::NotInstalled.to_string(),
        });
    }
    Ok(())
}

/// A rendering failure as the fetch error a feed reports.
fn render_error(url: &Url, failure: Failure) -> FetchError {
    let message = match failure {
        Failure::Status(status) => {
            return FetchError::Status {
                url: url.clone(),
                status,
                retry_after: None,
            }
        }
        Failure::TooLarge => return FetchError::TooLarge { url: url.clone() },
        Failure::Browser(e) => e.to_string(),
        Failure::TimedOut(d) => format!(
            "rendering timed out after {}s; raise `timeout` beside `render = \"browser\"`, or set `wait_for` to the element the list is in",
            d.as_secs()
        ),
        Failure::Refused(why) => format!(
            "refused to render: {why} (a rendered page may reach local files and private addresses only when the feed's own URL is one)"
        ),
        Failure::Crashed => {
            "Chromium exited while rendering the page; the next page starts it again".into()
        }
        Failure::Failed(why) => format!("rendering failed: {why}"),
    };
    FetchError::Render {
        url: url.clone(),
        message,
    }
}
