//! Rendering one page in one tab, in a browser context of its own.
//!
//! Every request the tab makes is paused (the DevTools `Fetch` domain) and decided here:
//! blocked kinds of resource and refused addresses fail, the rest go on with the feed's own
//! headers (credentials only to the feed's hosts, as for plain fetches). The page is read
//! when `wait_for` matches, else when the network has been idle (or after an upper bound).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chromiumoxide::cdp::browser_protocol::fetch::{
    self, EventRequestPaused, RequestPattern, RequestStage,
};
use chromiumoxide::cdp::browser_protocol::inspector::EventTargetCrashed;
use chromiumoxide::cdp::browser_protocol::log::EventEntryAdded;
use chromiumoxide::cdp::browser_protocol::network::{EventResponseReceived, ResourceType};
use chromiumoxide::cdp::browser_protocol::page::{
    EventFrameRequestedNavigation, EventLifecycleEvent, NavigateParams,
};
use chromiumoxide::cdp::browser_protocol::target::CreateTargetParams;
use chromiumoxide::cdp::js_protocol::runtime::EvaluateParams;
use chromiumoxide::{Browser, Page};
use futures_util::{FutureExt, StreamExt};
use tokio::sync::Notify;
use tokio::time::Instant;
use url::Url;

use super::intercept::{intercept, TabEvents};
use super::reach::Reach;
use super::Failure;
use crate::config::{Render, Request};

/// The longest the network-idle wait lasts after the page has loaded: a page that polls
/// forever is read as it is then.
pub const IDLE_BOUND: Duration = Duration::from_secs(10);

/// What one rendering needs to know.
pub(super) struct Job {
    pub url: Url,
    pub request: Request,
    pub render: Render,
    pub user_agent: String,
    pub reach: Reach,
}

/// A rendered page: where it ended up and its DOM as HTML.
pub(super) struct Rendered {
    pub url: Url,
    pub html: String,
    pub warning: Option<String>,
}

/// Why the tab must stop early (a refused navigation of its main frame, a crashed renderer),
/// the first one only, and a bell rung when it is set.
#[derive(Default)]
pub(super) struct Stop {
    failure: Mutex<Option<Failure>>,
    bell: Notify,
}

impl Stop {
    pub(super) fn set(&self, failure: Failure) {
        if let Ok(mut f) = self.failure.lock() {
            f.get_or_insert(failure);
        }
        self.bell.notify_one();
    }

    pub(super) fn refuse(&self, reason: String) {
        self.set(Failure::Refused(reason));
    }

    fn get(&self) -> Option<Failure> {
        self.failure.lock().ok().and_then(|f| f.clone())
    }
}

/// Aborts a task when dropped, so an abandoned rendering leaves no interceptor behind.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

fn cdp(e: impl std::fmt::Display) -> Failure {
    Failure::Failed(format!("DevTools: {e}"))
}

/// Renders `job.url` in a new tab of the browser context `context`.
pub(super) async fn render(
    browser: &Browser,
    context: chromiumoxide::cdp::browser_protocol::browser::BrowserContextId,
    job: Arc<Job>,
) -> Result<Rendered, Failure> {
    let started = Instant::now();
    let deadline = started + job.render.timeout;
    let step = |what: &str| {
        tracing::debug!(target: "feedmill::browser", "{}: {what} after {:?}", job.url, started.elapsed());
    };
    let target = CreateTargetParams::builder()
        .url("about:blank")
        .browser_context_id(context)
        .build()
        .map_err(Failure::Failed)?;
    let page = browser.new_page(target).await.map_err(cdp)?;
    let paused = page
        .event_listener::<EventRequestPaused>()
        .await
        .map_err(cdp)?;
    let requested = page
        .event_listener::<EventFrameRequestedNavigation>()
        .await
        .map_err(cdp)?;
    let mut lifecycle = page
        .event_listener::<EventLifecycleEvent>()
        .await
        .map_err(cdp)?;
    let mut responses = page
        .event_listener::<EventResponseReceived>()
        .await
        .map_err(cdp)?;
    // Chromium itself blocks a web page's way to a local file, saying so in its log only.
    let log = page
        .event_listener::<EventEntryAdded>()
        .await
        .map_err(cdp)?;
    page.enable_log().await.map_err(cdp)?;
    let crashed = page
        .event_listener::<EventTargetCrashed>()
        .await
        .map_err(cdp)?;
    let main_frame = page.mainframe().await.map_err(cdp)?;
    let user_agent = job
        .request
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("user-agent"))
        .map_or(job.user_agent.clone(), |h| h.value.clone());
    page.set_user_agent(user_agent).await.map_err(cdp)?;
    let refusal = Arc::new(Stop::default());
    let events = TabEvents {
        paused,
        requested,
        log,
        crashed,
    };
    let _interceptor = AbortOnDrop(tokio::spawn(intercept(
        page.clone(),
        events,
        main_frame.clone(),
        Arc::clone(&job),
        Arc::clone(&refusal),
    )));
    let pattern = RequestPattern::builder()
        .url_pattern("*")
        .request_stage(RequestStage::Request)
        .build();
    page.execute(fetch::EnableParams::builder().pattern(pattern).build())
        .await
        .map_err(cdp)?;

    step("tab ready");
    let refused = || {
        refusal
            .get()
            .unwrap_or_else(|| Failure::Failed("stopped".into()))
    };
    let navigated = tokio::select! {
        nav = page.execute(NavigateParams::new(job.url.as_str())) => nav.map_err(cdp)?,
        _ = refusal.bell.notified() => return Err(refused()),
    };
    if let Some(failure) = refusal.get() {
        return Err(failure);
    }
    if let Some(error) = &navigated.result.error_text {
        return Err(Failure::Failed(format!("the page did not load ({error})")));
    }
    step("loaded");
    // The main document's status: an error page is no list.
    let mut status = None;
    while let Some(Some(ev)) = responses.next().now_or_never() {
        if ev.r#type == ResourceType::Document && ev.frame_id.as_ref() == main_frame.as_ref() {
            status = Some(ev.response.status);
        }
    }
    if let Some(code) = status.filter(|s| *s >= 400) {
        return Err(Failure::Status(u16::try_from(code).unwrap_or(500)));
    }

    let mut warning = None;
    match &job.render.wait_for {
        Some(css) => {
            let found = tokio::select! {
                found = wait_for_selector(&page, css) => found?,
                _ = refusal.bell.notified() => return Err(refused()),
            };
            if !found {
                return Err(Failure::Failed(format!(
                    "the page has no element matching `wait_for = \"{css}\"`"
                )));
            }
        }
        None => {
            let loader = navigated.result.loader_id.clone();
            let bound = IDLE_BOUND.min(
                deadline
                    .saturating_duration_since(Instant::now())
                    .saturating_sub(Duration::from_secs(1)),
            );
            let idle = async {
                while let Some(ev) = lifecycle.next().await {
                    if ev.name == "networkIdle"
                        && Some(&ev.frame_id) == main_frame.as_ref()
                        && loader.as_ref().is_none_or(|l| *l == ev.loader_id)
                    {
                        return;
                    }
                }
                std::future::pending::<()>().await
            };
            tokio::select! {
                r = tokio::time::timeout(bound, idle) => if r.is_err() {
                    warning = Some(format!(
                        "the page was still loading after {}s; read as it was then (set `wait_for` to say what to wait for)",
                        bound.as_secs()
                    ));
                },
                _ = refusal.bell.notified() => return Err(refused()),
            }
        }
    }
    step("waited");
    if let Some(failure) = refusal.get() {
        return Err(failure);
    }
    let html = page.content().await.map_err(cdp)?;
    if html.len() > crate::fetch::MAX_BODY {
        return Err(Failure::TooLarge);
    }
    let href = evaluate(&page, "document.location.href".into())
        .await?
        .as_str()
        .and_then(|s| Url::parse(s).ok());
    let url = match href {
        Some(u) if u.scheme() == "chrome-error" => {
            return Err(Failure::Failed("the page did not load".into()))
        }
        Some(u) if matches!(u.scheme(), "http" | "https" | "file") => u,
        _ => job.url.clone(),
    };
    step("read");
    Ok(Rendered { url, html, warning })
}

/// Runs `expression` in the page and gives its value.
async fn evaluate(page: &Page, expression: String) -> Result<serde_json::Value, Failure> {
    let params = EvaluateParams::builder()
        .expression(expression)
        .await_promise(true)
        .return_by_value(true)
        .build()
        .map_err(Failure::Failed)?;
    let reply = page.execute(params).await.map_err(cdp)?;
    if let Some(e) = &reply.result.exception_details {
        return Err(Failure::Failed(format!("script error: {}", e.text)));
    }
    Ok(reply.result.result.value.clone().unwrap_or_default())
}

/// Waits until `css` matches in the page (a MutationObserver, no polling); `false` when the
/// selector is one the browser cannot read.
async fn wait_for_selector(page: &Page, css: &str) -> Result<bool, Failure> {
    let css = serde_json::to_string(css).unwrap_or_default();
    let script = format!(
        r#"new Promise((done) => {{
            const css = {css};
            const test = () => {{ try {{ return document.querySelector(css) !== null; }} catch (e) {{ done(false); return true; }} }};
            if (test()) {{ done(true); return; }}
            const seen = new MutationObserver(() => {{ if (test()) {{ seen.disconnect(); done(true); }} }});
            seen.observe(document, {{ childList: true, subtree: true, attributes: true }});
        }})"#
    );
    Ok(evaluate(page, script).await?.as_bool().unwrap_or(false))
}
