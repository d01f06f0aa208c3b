//! Fetching pages politely and decoding them to text.
//!
//! One [`Fetcher`] serves a whole run, so its limits hold across feeds: at most `concurrency`
//! requests in flight, and at least `host_delay` between two requests to the same host.
//! Bodies are capped after decompression, so a gzip bomb costs at most the cap.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Mutex, Semaphore};
use tokio::time::Instant;
use url::Url;

use crate::config::Request;

pub mod browser;
mod charset;
mod file;
mod gate;
mod rendered;
mod request;

pub use charset::{decode, decode_owned, page_charset, sniff_charset};
use file::read_file;
pub use file::{read_regular, Links, ReadError};
pub use gate::HostGate;
pub use rendered::browser_available_for;

/// The largest decoded body accepted.
pub const MAX_BODY: usize = 10 * 1024 * 1024;
/// The most redirects followed for one request.
pub const MAX_REDIRECTS: usize = 5;

/// A fetched and decoded page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Where the page ended up after redirects: relative links resolve against this.
    pub url: Url,
    pub html: String,
    /// The charset the bytes were decoded from.
    pub encoding: &'static str,
    /// What went wrong decoding it, when the text came out unreadable.
    pub warning: Option<String>,
    /// The Content-Type the server sent, if any: a feed or JSON body is told from HTML by it.
    pub content_type: Option<String>,
}

/// The ETag and Last-Modified of a page's last successful fetch, sent back so an unchanged
/// page costs a 304 instead of a download.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// The answer to a conditional fetch.
// One is made per fetch and unpacked at once: boxing the page would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Fetched {
    /// The server said 304: the page is as it was.
    NotModified,
    /// A new page, with the validators to send next time.
    Page(Page, Validators),
}

/// Why a page could not be had.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: {message}")]
    Http { url: Url, message: String },
    #[error("{url}: the server answered {status}")]
    Status {
        url: Url,
        status: u16,
        /// What a 429 or 503 said in Retry-After.
        retry_after: Option<Duration>,
    },
    #[error(
        "{url}: refused a redirect to `{location}` (only http and https redirects are followed)"
    )]
    Redirect { url: Url, location: String },
    #[error("{url}: the page is larger than {} MiB", MAX_BODY / 1024 / 1024)]
    TooLarge { url: Url },
    #[error("{url}: cannot read the file: {source}")]
    File { url: Url, source: std::io::Error },
    #[error("{url}: the page is not HTML (content type {content_type})")]
    NotHtml { url: Url, content_type: String },
    /// A page rendered in Chromium (`render = "browser"`) could not be had.
    #[error("{url}: {message}")]
    Render { url: Url, message: String },
}

/// Limits and identity for a run's requests.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub user_agent: String,
    pub timeout: Duration,
    pub host_delay: Duration,
    pub concurrency: usize,
}

impl FetchOptions {
    /// The options `settings` ask for.
    pub fn from_settings(settings: &crate::config::Settings) -> FetchOptions {
        FetchOptions {
            user_agent: settings.user_agent.clone(),
            timeout: settings.timeout,
            host_delay: settings.host_delay,
            concurrency: settings.concurrency,
        }
    }
}

/// Fetches pages with shared politeness limits.
pub struct Fetcher {
    client: reqwest::Client,
    in_flight: Arc<Semaphore>,
    host_delay: Duration,
    /// The longest one fetch may take, its redirects included.
    timeout: Duration,
    /// When each host may next be asked.
    next_slot: Mutex<HashMap<String, Instant>>,
    /// The User-Agent rendered pages send when the feed sets none.
    user_agent: String,
    /// Headless Chromium, started by the first page that is rendered.
    browsers: browser::Browsers,
    /// A fleet's shared host slots, asked before the local ones when set.
    shared_slots: Option<gate::SharedSlots>,
}

impl Fetcher {
    pub fn new(opts: &FetchOptions) -> Result<Fetcher, reqwest::Error> {
        // Redirects are followed by hand (`request::send`), so that a feed's credentials never
        // follow one to another host.
        let policy = reqwest::redirect::Policy::none();
        let client = reqwest::Client::builder()
            .user_agent(&opts.user_agent)
            .timeout(opts.timeout)
            .connect_timeout(opts.timeout.min(Duration::from_secs(10)))
            .redirect(policy)
            .gzip(true)
            .brotli(true)
            .build()?;
        Ok(Fetcher {
            client,
            in_flight: Arc::new(Semaphore::new(opts.concurrency.max(1))),
            host_delay: opts.host_delay,
            timeout: opts.timeout,
            next_slot: Mutex::new(HashMap::new()),
            user_agent: opts.user_agent.clone(),
            browsers: browser::Browsers::new(browser::IDLE_AFTER),
            shared_slots: None,
        })
    }

    /// This fetcher, its `host_delay` held together with other instances through `gate`
    /// (a fleet's database); while the gate cannot answer, within this process only.
    pub fn with_host_gate(mut self, gate: Arc<dyn HostGate>) -> Fetcher {
        self.shared_slots = Some(gate::SharedSlots::new(gate));
        self
    }

    /// Fetches `url` (http, https or file) and decodes it.
    pub async fn get(&self, url: &Url) -> Result<Page, FetchError> {
        self.get_with(url, &Request::default()).await
    }

    /// Fetches `url` with a feed's own headers ([`Request`]) and decodes it.
    pub async fn get_with(&self, url: &Url, request: &Request) -> Result<Page, FetchError> {
        match self.get_if_changed_with(url, None, request).await? {
            Fetched::Page(page, _) => Ok(page),
            // Without validators no server has reason to say 304; treat one as an error status.
            Fetched::NotModified => Err(FetchError::Status {
                url: url.clone(),
                status: 304,
                retry_after: None,
            }),
        }
    }

    /// Fetches `url`, sending `known`'s validators as If-None-Match / If-Modified-Since.
    pub async fn get_if_changed(
        &self,
        url: &Url,
        known: Option<&Validators>,
    ) -> Result<Fetched, FetchError> {
        self.get_if_changed_with(url, known, &Request::default())
            .await
    }

    /// [`Fetcher::get_if_changed`] with a feed's own headers: its credentials go only to the
    /// feed's own hosts, whatever redirects say.
    pub async fn get_if_changed_with(
        &self,
        url: &Url,
        known: Option<&Validators>,
        request: &Request,
    ) -> Result<Fetched, FetchError> {
        if url.scheme() == "file" {
            return read_file(url).map(|p| Fetched::Page(p, Validators::default()));
        }
        self.wait_for_host(url).await;
        let _permit = self
            .in_flight
            .acquire()
            .await
            .expect("semaphore never closed");
        let http = |e: reqwest::Error| FetchError::Http {
            url: url.clone(),
            message: describe(&e),
        };
        let mut resp = request::send(&self.client, url, known, request, self.timeout).await?;
        let status = resp.status();
        if status == reqwest::StatusCode::NOT_MODIFIED && known.is_some() {
            return Ok(Fetched::NotModified);
        }
        if status.is_redirection() {
            // reqwest hands back a redirect it would not follow: one to another scheme.
            let location = resp
                .headers()
                .get(reqwest::header::LOCATION)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                .unwrap_or_default();
            return Err(FetchError::Redirect {
                url: url.clone(),
                location,
            });
        }
        if !status.is_success() {
            let retry_after = resp
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_retry_after(v, std::time::SystemTime::now()));
            return Err(FetchError::Status {
                url: url.clone(),
                status: status.as_u16(),
                retry_after,
            });
        }
        let final_url = resp.url().clone();
        let header = |name| {
            resp.headers()
                .get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(str::to_string)
        };
        let validators = Validators {
            etag: header(reqwest::header::ETAG),
            last_modified: header(reqwest::header::LAST_MODIFIED),
        };
        let content_type = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        if let Some(ct) = &content_type {
            if !looks_textual(ct) {
                return Err(FetchError::NotHtml {
                    url: url.clone(),
                    content_type: ct.clone(),
                });
            }
        }
        if resp.content_length().is_some_and(|n| n > MAX_BODY as u64) {
            return Err(FetchError::TooLarge { url: url.clone() });
        }
        let mut body = Vec::with_capacity(resp.content_length().map_or(64 * 1024, |n| n as usize));
        while let Some(chunk) = resp.chunk().await.map_err(http)? {
            if body.len() + chunk.len() > MAX_BODY {
                return Err(FetchError::TooLarge { url: url.clone() });
            }
            body.extend_from_slice(&chunk);
        }
        let mut page = decode_owned(final_url, content_type.as_deref(), body);
        page.content_type = content_type;
        Ok(Fetched::Page(page, validators))
    }

    /// Sleeps until this host's next slot, and books the one after it.
    async fn wait_for_host(&self, url: &Url) {
        if self.host_delay.is_zero() {
            return;
        }
        let host = url.host_str().unwrap_or_default().to_string();
        if let Some(shared) = &self.shared_slots {
            for attempt in 1..=SLOT_TRIES {
                let asked = Instant::now();
                let Some(wait) = shared.wait(&host, self.host_delay).await else {
                    break;
                };
                let at = Instant::now() + wait;
                // The local slots follow the shared ones, so a fallback to them keeps the gap.
                let mut slots = self.next_slot.lock().await;
                let next = slots.entry(host.clone()).or_insert(at);
                *next = (*next).max(at + self.host_delay);
                drop(slots);
                tokio::time::sleep_until(at).await;
                // A process held up past its slot (a slow answer, a loaded machine) would ask on
                // top of the instance holding the next one: it takes a new slot instead. The
                // slot began no earlier than `wait` after the question.
                if attempt == SLOT_TRIES
                    || !missed_slot(asked + wait, Instant::now(), self.host_delay)
                {
                    return;
                }
            }
        }
        let slot = {
            let mut slots = self.next_slot.lock().await;
            let now = Instant::now();
            let slot = slots
                .get(&host)
                .copied()
                .filter(|t| *t > now)
                .unwrap_or(now);
            slots.insert(host, slot + self.host_delay);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

/// How many shared slots a request takes at most when it keeps waking up too late for them.
const SLOT_TRIES: usize = 3;

/// Whether a request woke up so late for its slot (`at`) that the next slot's holder may
/// already be asking: more than half the delay late.
fn missed_slot(at: Instant, woke: Instant, delay: Duration) -> bool {
    woke.saturating_duration_since(at) > delay / 2
}

/// Reads Retry-After: a number of seconds, or an HTTP date (counted from `now`).
pub fn parse_retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

impl FetchError {
    /// How long the server asked us to wait, when it did.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            FetchError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// The error chain in one line: reqwest's top-level message alone says little ("error sending
/// request"), the cause says what to fix ("connection refused", "timed out").
fn describe(e: &reqwest::Error) -> String {
    let mut msg = if e.is_timeout() {
        "timed out".to_string()
    } else if e.is_redirect() {
        "redirect refused".to_string()
    } else if e.is_connect() {
        "cannot connect".to_string()
    } else {
        "request failed".to_string()
    };
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let text = s.to_string();
        if !msg.contains(&text) {
            msg.push_str(": ");
            msg.push_str(&text);
        }
        source = s.source();
    }
    msg
}

fn looks_textual(content_type: &str) -> bool {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    mime.is_empty()
        || mime.starts_with("text/")
        || mime.contains("html")
        || mime.contains("xml")
        || mime.contains("json")
        || mime == "application/octet-stream"
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fleet gate whose first answer comes `slow` late, as from a loaded database; every
    /// slot it gives is free at once.
    struct SlowFirst {
        asked: AtomicUsize,
        slow: Duration,
    }

    impl HostGate for SlowFirst {
        fn reserve<'a>(
            &'a self,
            _host: &'a str,
            _delay: Duration,
        ) -> futures_util::future::BoxFuture<'a, Result<Duration, String>> {
            Box::pin(async move {
                if self.asked.fetch_add(1, Ordering::SeqCst) == 0 {
                    tokio::time::sleep(self.slow).await;
                }
                Ok(Duration::ZERO)
            })
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_slot_missed_by_half_the_delay_is_taken_again() {
        let opts = FetchOptions {
            user_agent: "t".into(),
            timeout: Duration::from_secs(5),
            host_delay: Duration::from_millis(1000),
            concurrency: 1,
        };
        let url = Url::parse("https://news.example/a").unwrap();
        for (slow, asks) in [
            (Duration::from_millis(100), 1),
            (Duration::from_millis(900), 2),
        ] {
            let gate = Arc::new(SlowFirst {
                asked: AtomicUsize::new(0),
                slow,
            });
            let fetcher = Fetcher::new(&opts).unwrap().with_host_gate(gate.clone());
            fetcher.wait_for_host(&url).await;
            assert_eq!(
                gate.asked.load(Ordering::SeqCst),
                asks,
                "answer {slow:?} late"
            );
        }
    }

    #[test]
    fn retry_after_forms() {
        let now = httpdate::parse_http_date("Tue, 10 Feb 2026 10:00:00 GMT").unwrap();
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Tue, 10 Feb 2026 10:05:00 GMT", now),
            Some(Duration::from_secs(300))
        );
        assert_eq!(
            parse_retry_after("Tue, 10 Feb 2026 09:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn textual_types() {
        assert!(looks_textual("text/html; charset=utf-8"));
        assert!(looks_textual("application/xhtml+xml"));
        assert!(looks_textual("application/json; charset=utf-8"));
        assert!(!looks_textual("image/png"));
        assert!(!looks_textual("application/zip"));
    }
}
