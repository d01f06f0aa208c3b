//! Sending one GET with a feed's own headers ([`Request`]), following redirects by hand.
//!
//! reqwest's own redirect handling drops `Authorization` and `Cookie` when a redirect leaves
//! the host (host or port), but forwards every other header, an `X-Api-Key` included. So
//! feedmill follows redirects itself: at each hop the feed's credential headers go along only
//! while the hop is on one of the feed's own hosts ([`Request::headers_for`]).

use std::time::{Duration, Instant};

use reqwest::header::LOCATION;
use reqwest::StatusCode;
use url::Url;

use super::{describe, FetchError, Validators, MAX_REDIRECTS};
use crate::config::Request;

/// The redirect statuses followed. (A 304 is no redirect: it goes back to the caller.)
fn is_followed(status: StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

/// GETs `url` with `request`'s headers (and `known`'s validators), following at most
/// [`MAX_REDIRECTS`] http(s) redirects, all within `timeout` (as one request through
/// reqwest's own redirects was). A redirect it will not follow (to another scheme, or one it
/// cannot read) comes back as the 3xx response for the caller to report.
pub(super) async fn send(
    client: &reqwest::Client,
    url: &Url,
    known: Option<&Validators>,
    request: &Request,
    timeout: Duration,
) -> Result<reqwest::Response, FetchError> {
    let started = Instant::now();
    let http = |e: reqwest::Error| FetchError::Http {
        url: url.clone(),
        message: describe(&e),
    };
    let mut current = url.clone();
    let mut hops = 0;
    loop {
        let left = timeout.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Err(FetchError::Http {
                url: url.clone(),
                message: "timed out".into(),
            });
        }
        let mut builder = client.get(current.clone()).timeout(left);
        for h in request.headers_for(&current) {
            builder = builder.header(h.name.as_str(), h.value.as_str());
        }
        if let Some(v) = known {
            if let Some(etag) = &v.etag {
                builder = builder.header(reqwest::header::IF_NONE_MATCH, etag);
            }
            if let Some(lm) = &v.last_modified {
                builder = builder.header(reqwest::header::IF_MODIFIED_SINCE, lm);
            }
        }
        let resp = builder.send().await.map_err(http)?;
        if !is_followed(resp.status()) {
            return Ok(resp);
        }
        let next = resp
            .headers()
            .get(LOCATION)
            .and_then(|l| std::str::from_utf8(l.as_bytes()).ok())
            .and_then(|l| current.join(l.trim()).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"));
        let Some(next) = next else {
            return Ok(resp);
        };
        if hops >= MAX_REDIRECTS {
            return Err(FetchError::Http {
                url: url.clone(),
                message: format!("redirect refused: more than {MAX_REDIRECTS} redirects"),
            });
        }
        hops += 1;
        current = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn followed_statuses() {
        for s in [301, 302, 303, 307, 308] {
            assert!(is_followed(StatusCode::from_u16(s).unwrap()), "{s}");
        }
        for s in [200, 300, 304, 305, 404] {
            assert!(!is_followed(StatusCode::from_u16(s).unwrap()), "{s}");
        }
    }
}
