//! The HTTP server: serves the output folder's feeds from memory.
//!
//! * [`cache`]: the output folder's files in memory. A file is read and hashed when it
//!   changes, on the cache's own thread, and compressed (gzip, brotli) on another, never on
//!   the async workers and never per request. Only regular files directly inside the output
//!   folder are ever loaded, opened without following links, so no request path can reach
//!   anything else: `..`, encoded slashes, backslashes and symlinks have nothing to match.
//! * [`http`]: the answer to a file request: headers, conditional requests, encodings.
//! * [`follow`]: with a database, the feed files come from its `files` table, kept in the
//!   cache and refreshed on PostgreSQL notices, so every instance serves the same bytes.
//! * [`accept`]: the accept loop and its limits (connections from the descriptor limit,
//!   header, write and response timeouts), with [`io`] enforcing the write side.
//!
//! Here: routing (`/healthz`, `/metrics`, files) and request paths.

mod accept;
mod cache;
mod follow;
mod http;
mod io;

use std::sync::Arc;

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};

use crate::metrics::{Metrics, Served};

pub use accept::{
    bind, connection_cap, run, Limits, HEADER_READ_TIMEOUT, MAX_CONNECTIONS, RESPONSE_TIMEOUT,
    WRITE_TIMEOUT,
};
pub use cache::{content_type, FileCache};
pub use follow::follow_database;

/// `/healthz`: whether all is well, and the JSON body to answer with.
pub type HealthFn = Arc<dyn Fn() -> (bool, String) + Send + Sync>;

/// What the server needs to answer requests.
pub struct Server {
    pub files: Arc<FileCache>,
    pub metrics: Arc<Metrics>,
    pub health: HealthFn,
}

/// Turns a request path into a file name in the output folder, or `None` when no file could
/// be meant: only a single plain name is accepted, after percent-decoding once.
pub fn file_name(path: &str) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    if rest.is_empty() {
        return Some("index.html".into());
    }
    let decoded = percent_decode(rest)?;
    let bad = decoded.is_empty()
        || decoded.starts_with('.')
        || decoded.len() > 255
        || decoded
            .chars()
            .any(|c| matches!(c, '/' | '\\' | '\0' | ':') || c.is_control());
    (!bad).then_some(decoded)
}

fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn plain(status: StatusCode, text: &'static str) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

impl Server {
    /// Answers one request. Never fails: every problem is a status code.
    pub fn respond<B>(&self, req: &Request<B>) -> Response<Full<Bytes>> {
        let head = req.method() == Method::HEAD;
        let mut resp = self.route(req);
        let class = match resp.status() {
            StatusCode::OK => Served::Ok,
            StatusCode::NOT_MODIFIED => Served::NotModified,
            StatusCode::NOT_FOUND => Served::NotFound,
            _ => Served::Other,
        };
        self.metrics.served(class);
        if head {
            // A HEAD answer carries the length the GET would send; a 304 (or 204) has no
            // content, and a length of 0 would be wrong (RFC 9110 §8.6), so none is said.
            let length = http_body::Body::size_hint(resp.body()).exact();
            let bodiless = matches!(
                resp.status(),
                StatusCode::NOT_MODIFIED | StatusCode::NO_CONTENT
            );
            if let (Some(n), false, false) = (
                length,
                bodiless,
                resp.headers().contains_key(header::CONTENT_LENGTH),
            ) {
                resp.headers_mut()
                    .insert(header::CONTENT_LENGTH, HeaderValue::from(n));
            }
            *resp.body_mut() = Full::new(Bytes::new());
        }
        resp
    }

    fn route<B>(&self, req: &Request<B>) -> Response<Full<Bytes>> {
        // HTTP/1.1 requires exactly one Host header (RFC 9112, section 3.2).
        if req.version() == hyper::Version::HTTP_11
            && req.headers().get_all(header::HOST).iter().count() != 1
        {
            return plain(
                StatusCode::BAD_REQUEST,
                "an HTTP/1.1 request needs exactly one Host header\n",
            );
        }
        if req.method() != Method::GET && req.method() != Method::HEAD {
            let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
            r.headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return r;
        }
        match req.uri().path() {
            "/healthz" => {
                let (ok, body) = (self.health)();
                let mut r = Response::new(Full::new(Bytes::from(body)));
                *r.status_mut() = if ok {
                    StatusCode::OK
                } else {
                    StatusCode::SERVICE_UNAVAILABLE
                };
                r.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                );
                r.headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                return r;
            }
            "/metrics" => {
                let mut r = Response::new(Full::new(Bytes::from(self.metrics.render())));
                r.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
                );
                return r;
            }
            _ => {}
        }
        let Some(entry) = file_name(req.uri().path()).and_then(|n| self.files.get(&n)) else {
            return plain(StatusCode::NOT_FOUND, "not found\n");
        };
        http::file_response(req.headers(), &entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("/", Some("index.html")),
            ("/news.rss", Some("news.rss")),
            ("/news%2Erss", Some("news.rss")),
            ("/%ED%95%9C.atom", Some("한.atom")),
            ("/../etc/passwd", None),
            ("/..%2fetc%2fpasswd", None),
            ("/%2e%2e/feeds.toml", None),
            ("/%2e%2e%2ffeeds.toml", None),
            ("/..%5cfeeds.toml", None),
            ("//etc/passwd", None),
            ("/a/b.rss", None),
            ("/.hidden.rss", None),
            ("/news.rss%00.html", None),
            ("/news%zz", None),
            ("/C:%5cwindows", None),
            ("relative", None),
        ];
        for (path, want) in cases {
            assert_eq!(file_name(path).as_deref(), *want, "{path}");
        }
    }
}
