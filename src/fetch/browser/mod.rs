//! Rendering pages built by JavaScript in headless Chromium (`render = "browser"`).
//!
//! One Chromium process serves a [`super::Fetcher`]: started by the first page that needs it,
//! started again if it died, stopped after [`Browsers::idle_after`] without work and when the
//! fetcher is dropped (the end of `build`, `check`, or `run`). Each page gets a browser
//! context of its own (no cookies or storage carried between pages or feeds) and a tab that
//! is closed with it. How many tabs are open at once is the fetcher's `concurrency`, since
//! a rendered page holds one of its request slots. Talking to Chromium is the DevTools
//! protocol, through the `chromiumoxide` crate.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use chromiumoxide::cdp::browser_protocol::target::CreateBrowserContextParams;
use chromiumoxide::handler::HandlerConfig;
use chromiumoxide::Browser;
use futures_util::StreamExt;
use tokio::sync::Mutex;
use tokio::time::Instant;
use url::Url;

use crate::config::{Render, Request};

mod intercept;
mod launch;
mod page;
pub mod reach;

pub use launch::{find_chromium, CHROMIUM_ENV};
pub use page::IDLE_BOUND;
use reach::Reach;

/// How long the browser is kept without work before it is stopped.
pub const IDLE_AFTER: Duration = Duration::from_secs(120);

/// How long closing a tab and its context may take before the browser is thought stuck.
const CLEANUP_TIMEOUT: Duration = Duration::from_secs(5);

/// Why the browser could not be had.
#[derive(Debug, Clone, thiserror::Error)]
pub enum BrowserError {
    #[error("`render = \"browser\"` needs Chromium, and none was found: install the `chromium` package (apt-get install chromium), or set {CHROMIUM_ENV} to its path, or remove the `render` key")]
    NotInstalled,
    #[error("cannot start Chromium: {0}")]
    Start(String),
}

/// Why one page could not be rendered.
#[derive(Debug, Clone)]
pub enum Failure {
    Browser(BrowserError),
    /// The page took longer than its `timeout`.
    TimedOut(Duration),
    /// The page went, or tried to go, where it may not.
    Refused(String),
    /// The main document answered this HTTP status.
    Status(u16),
    TooLarge,
    /// Chromium went away in the middle of it.
    Crashed,
    Failed(String),
}

/// The running browser and what is needed to stop it.
struct Running {
    browser: Browser,
    /// Polls the DevTools connection; ends when Chromium goes away.
    handler: tokio::task::JoinHandle<()>,
    connected: Arc<AtomicBool>,
    /// Dropped last: stops the process group.
    process: launch::Process,
}

impl Running {
    fn is_alive(&self) -> bool {
        self.connected.load(Ordering::SeqCst) && !self.process.has_exited()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.handler.abort();
    }
}

struct Inner {
    slot: Mutex<Option<Arc<Running>>>,
    /// Pages being rendered now.
    busy: AtomicUsize,
    /// When the last page was done.
    last_done: std::sync::Mutex<Instant>,
    idle_after: Duration,
    /// A browser whose processes together hold more memory than this (proportional set
    /// size, shared pages counted once) after a page is replaced before the next page.
    memory_cap: u64,
}

/// The default of [`Browsers::with_memory_cap`]: 1 GiB for the browser and all its processes,
/// or `$FEEDMILL_CHROMIUM_MEMORY_MIB` MiB.
fn default_memory_cap() -> u64 {
    std::env::var("FEEDMILL_CHROMIUM_MEMORY_MIB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&mib| mib > 0)
        .unwrap_or(1024)
        << 20
}

/// The fetcher's browser: none until a page asks for one.
pub struct Browsers {
    inner: Arc<Inner>,
}

impl Browsers {
    /// A handle that starts no process until [`Browsers::render`] is called; the browser is
    /// stopped after `idle_after` without work.
    pub fn new(idle_after: Duration) -> Browsers {
        Browsers {
            inner: Arc::new(Inner {
                slot: Mutex::new(None),
                busy: AtomicUsize::new(0),
                last_done: std::sync::Mutex::new(Instant::now()),
                idle_after,
                memory_cap: default_memory_cap(),
            }),
        }
    }

    /// The same handle with another memory cap (bytes) for the browser and its processes.
    /// Call it before the first page.
    pub fn with_memory_cap(self, bytes: u64) -> Browsers {
        let inner = Inner {
            slot: Mutex::new(None),
            busy: AtomicUsize::new(0),
            last_done: std::sync::Mutex::new(Instant::now()),
            idle_after: self.inner.idle_after,
            memory_cap: bytes,
        };
        Browsers {
            inner: Arc::new(inner),
        }
    }

    /// The browser process's id while one runs (for diagnostics and tests).
    pub async fn pid(&self) -> Option<u32> {
        let slot = self.inner.slot.lock().await;
        slot.as_ref()
            .filter(|r| r.is_alive())
            .map(|r| r.process.pid())
    }

    /// Renders `url` with `render`'s options and `request`'s headers. `home` is the feed's own
    /// pages, which decide whether private addresses and files may be reached.
    pub async fn render(
        &self,
        url: &Url,
        request: &Request,
        render: &Render,
        user_agent: &str,
    ) -> Result<(Url, String, Option<String>), Failure> {
        let home = if request.home.is_empty() {
            std::slice::from_ref(url)
        } else {
            &request.home[..]
        };
        let reach = Reach::of(home);
        if let Some(why) = reach.refuses(url) {
            return Err(Failure::Refused(why));
        }
        let job = Arc::new(page::Job {
            url: url.clone(),
            request: request.clone(),
            render: render.clone(),
            user_agent: user_agent.to_string(),
            reach,
        });
        self.inner.busy.fetch_add(1, Ordering::SeqCst);
        let result = self.render_job(job).await;
        if let Ok(mut t) = self.inner.last_done.lock() {
            *t = Instant::now();
        }
        self.inner.busy.fetch_sub(1, Ordering::SeqCst);
        result.map(|r| (r.url, r.html, r.warning))
    }

    async fn render_job(&self, job: Arc<page::Job>) -> Result<page::Rendered, Failure> {
        let running = self.running().await.map_err(Failure::Browser)?;
        let browser = &running.browser;
        let context = match tokio::time::timeout(
            CLEANUP_TIMEOUT,
            browser.create_browser_context(CreateBrowserContextParams::default()),
        )
        .await
        {
            Ok(Ok(c)) => c,
            _ if !running.is_alive() => return Err(Failure::Crashed),
            Ok(Err(e)) => return Err(Failure::Failed(format!("DevTools: {e}"))),
            Err(_) => return Err(Failure::Failed("the browser does not answer".into())),
        };
        let timeout = job.render.timeout;
        let result = tokio::time::timeout(timeout, page::render(browser, context.clone(), job))
            .await
            .unwrap_or(Err(Failure::TimedOut(timeout)));
        // Disposing of the context closes its tabs, pop-ups included.
        let disposed =
            tokio::time::timeout(CLEANUP_TIMEOUT, browser.dispose_browser_context(context)).await;
        if !running.is_alive() {
            return Err(Failure::Crashed);
        }
        if !matches!(disposed, Ok(Ok(()))) {
            tracing::warn!("Chromium did not close a tab; it will be started again");
            self.discard(&running).await;
        } else {
            // A browser that has grown (leaks, caches) is replaced before the next page.
            let process_running = Arc::clone(&running);
            let held = tokio::task::spawn_blocking(move || process_running.process.group_memory())
                .await
                .unwrap_or(0);
            if held > self.inner.memory_cap {
                tracing::info!(
                    "Chromium holds {} MiB, over its cap of {} MiB; it will be started again",
                    held >> 20,
                    self.inner.memory_cap >> 20
                );
                self.discard(&running).await;
            }
        }
        result
    }

    /// Forgets `running` (when it is still the current browser), so that the next page
    /// starts a new one; it is stopped once no page uses it.
    async fn discard(&self, running: &Arc<Running>) {
        let mut slot = self.inner.slot.lock().await;
        if slot.as_ref().is_some_and(|r| Arc::ptr_eq(r, running)) {
            *slot = None;
        }
    }

    /// The running browser, started (again) when there is none or it died.
    async fn running(&self) -> Result<Arc<Running>, BrowserError> {
        let mut slot = self.inner.slot.lock().await;
        if let Some(r) = slot.as_ref() {
            if r.is_alive() {
                return Ok(Arc::clone(r));
            }
            tracing::warn!("Chromium has exited; starting it again");
        }
        if let Some(old) = slot.take() {
            stop(old);
        }
        let binary = find_chromium().ok_or(BrowserError::NotInstalled)?;
        let process = tokio::task::spawn_blocking(move || launch::Process::start(&binary))
            .await
            .map_err(|e| BrowserError::Start(e.to_string()))??;
        let config = HandlerConfig {
            // A certificate error on a news site is an error, as it is for plain fetches.
            ignore_https_errors: false,
            // feedmill bounds each page with its own `timeout`.
            request_timeout: crate::config::MAX_RENDER_TIMEOUT + Duration::from_secs(60),
            ..HandlerConfig::default()
        };
        let (browser, mut handler) = Browser::connect_with_config(process.ws_url.clone(), config)
            .await
            .map_err(|e| BrowserError::Start(format!("cannot connect to DevTools: {e}")))?;
        let connected = Arc::new(AtomicBool::new(true));
        let flag = Arc::clone(&connected);
        let handler = tokio::spawn(async move {
            while let Some(event) = handler.next().await {
                if let Err(e) = event {
                    tracing::debug!(target: "feedmill::browser", "DevTools connection: {e}");
                    break;
                }
            }
            flag.store(false, Ordering::SeqCst);
        });
        tracing::info!("started Chromium (pid {})", process.pid());
        let running = Arc::new(Running {
            browser,
            handler,
            connected,
            process,
        });
        *slot = Some(Arc::clone(&running));
        tokio::spawn(stop_when_idle(
            Arc::downgrade(&self.inner),
            Arc::downgrade(&running),
        ));
        Ok(running)
    }
}

/// Stops the browser off the async threads (stopping may wait for its grace period).
fn stop(running: Arc<Running>) {
    if tokio::runtime::Handle::try_current().is_ok() {
        tokio::task::spawn_blocking(move || drop(running));
    }
}

/// Stops `running` once nothing has been rendered for `idle_after`; ends when the browser is
/// replaced or the fetcher is gone.
async fn stop_when_idle(inner: Weak<Inner>, running: Weak<Running>) {
    loop {
        let wait = match inner.upgrade() {
            Some(inner) => inner.idle_after,
            None => return,
        };
        tokio::time::sleep(wait).await;
        let (Some(inner), Some(current)) = (inner.upgrade(), running.upgrade()) else {
            return;
        };
        let idle = inner.busy.load(Ordering::SeqCst) == 0
            && inner
                .last_done
                .lock()
                .map(|t| t.elapsed() >= inner.idle_after)
                .unwrap_or(false);
        if !idle {
            continue;
        }
        let mut slot = inner.slot.lock().await;
        if slot.as_ref().is_some_and(|r| Arc::ptr_eq(r, &current)) {
            tracing::info!("no pages to render for a while; stopping Chromium");
            if let Some(r) = slot.take() {
                drop(current);
                stop(r);
            }
        }
        return;
    }
}
