//! The HTTP server: serves the output folder's feeds from memory.
//!
//! Files are read and hashed once when a build writes them ([`FileCache::refresh`]) and
//! compressed once, on the first request that asks for each encoding, never per request: a
//! request is a map lookup and a header check. Only the regular files directly inside the
//! output folder are ever loaded, so no request path can reach anything else: `..`, encoded
//! slashes, backslashes and symlinks have nothing to match.

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};

use crate::metrics::{Metrics, Served};

/// How long a client may take to send its request headers.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections served at once; more wait to be accepted.
pub const MAX_CONNECTIONS: usize = 2048;
/// Files larger than this are not served (feeds are far smaller).
const MAX_FILE: u64 = 64 * 1024 * 1024;

/// One file ready to serve, with everything a response needs worked out in advance.
#[derive(Debug)]
pub struct Entry {
    body: Bytes,
    /// Compressed on first request, then kept until the file changes.
    gzip: std::sync::OnceLock<Bytes>,
    brotli: std::sync::OnceLock<Bytes>,
    content_type: HeaderValue,
    etag: String,
    last_modified: HeaderValue,
    modified_secs: u64,
    cache_control: HeaderValue,
    /// What the file was loaded from, to notice when it changes.
    stamp: (SystemTime, u64),
}

/// The output folder's files, in memory.
pub struct FileCache {
    dir: PathBuf,
    files: RwLock<Arc<HashMap<String, Arc<Entry>>>>,
    max_age: Box<dyn Fn(&str) -> Duration + Send + Sync>,
}

/// The content type for a file name, by extension; `None` for files that are not served.
pub fn content_type(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1;
    Some(match ext {
        "rss" => "application/rss+xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "json" => "application/feed+json",
        "opml" => "text/x-opml; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        _ => return None,
    })
}

fn http_date(t: SystemTime) -> String {
    let t: chrono::DateTime<chrono::Utc> = t.into();
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

fn compress_gzip(data: &[u8]) -> Bytes {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(data);
    enc.finish().map(Bytes::from).unwrap_or_default()
}

fn compress_brotli(data: &[u8]) -> Bytes {
    let mut out = Vec::new();
    {
        // Quality 9: nearly the size of 11 at a fraction of the time.
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 9, 22);
        let _ = w.write_all(data);
    }
    Bytes::from(out)
}

/// A strong ETag from the content (FNV-1a, 64 bits), so identical bytes always give the same tag.
fn etag_of(data: &[u8]) -> String {
    format!("\"{:016x}-{:x}\"", crate::output::fnv64(data), data.len())
}

impl FileCache {
    /// A cache of `dir`; `max_age` gives each file name's Cache-Control max-age.
    pub fn new(
        dir: &Path,
        max_age: impl Fn(&str) -> Duration + Send + Sync + 'static,
    ) -> FileCache {
        FileCache {
            dir: dir.to_path_buf(),
            files: RwLock::new(Arc::new(HashMap::new())),
            max_age: Box::new(max_age),
        }
    }

    /// Re-reads the folder: loads new and changed files (compressing them once), drops
    /// removed ones. Unchanged files cost a `stat`.
    pub fn refresh(&self) {
        let old = self.snapshot();
        let mut next = HashMap::with_capacity(old.len());
        let Ok(dir) = std::fs::read_dir(&self.dir) else {
            *self.files.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(next);
            return;
        };
        for entry in dir.flatten() {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            let Some(ctype) = content_type(&name) else {
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            // symlink_metadata: a link is not followed, so it cannot lead outside the folder.
            let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
                continue;
            };
            if !meta.is_file() || meta.len() > MAX_FILE {
                continue;
            }
            let mtime = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            let stamp = (mtime, meta.len());
            if let Some(e) = old.get(&name).filter(|e| e.stamp == stamp) {
                next.insert(name, Arc::clone(e));
                continue;
            }
            let Ok(body) = std::fs::read(entry.path()) else {
                continue;
            };
            let max_age = (self.max_age)(&name).as_secs();
            let modified_secs = mtime
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            let loaded = Entry {
                gzip: std::sync::OnceLock::new(),
                brotli: std::sync::OnceLock::new(),
                etag: etag_of(&body),
                body: Bytes::from(body),
                content_type: HeaderValue::from_static(ctype),
                last_modified: HeaderValue::from_str(&http_date(mtime))
                    .unwrap_or(HeaderValue::from_static("")),
                modified_secs,
                cache_control: HeaderValue::from_str(&format!("public, max-age={max_age}"))
                    .unwrap_or(HeaderValue::from_static("no-cache")),
                stamp,
            };
            next.insert(name, Arc::new(loaded));
        }
        *self.files.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(next);
    }

    fn snapshot(&self) -> Arc<HashMap<String, Arc<Entry>>> {
        Arc::clone(&self.files.read().unwrap_or_else(|e| e.into_inner()))
    }

    fn get(&self, name: &str) -> Option<Arc<Entry>> {
        self.files
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(name)
            .cloned()
    }
}

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

/// Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 says for this header).
fn etag_matches(header: &str, etag: &str) -> bool {
    header
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || t.trim_start_matches("W/") == etag)
}

/// The encoding to send: brotli, else gzip, when the client accepts it with q > 0.
fn pick_encoding(headers: &HeaderMap) -> Option<&'static str> {
    let accept = headers.get(header::ACCEPT_ENCODING)?.to_str().ok()?;
    let mut gzip = false;
    for part in accept.split(',') {
        let mut it = part.split(';');
        let name = it.next().unwrap_or("").trim();
        let refused = it.any(|p| {
            p.trim()
                .strip_prefix("q=")
                .and_then(|q| q.trim().parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        if refused {
            continue;
        }
        if name.eq_ignore_ascii_case("br") {
            return Some("br");
        }
        gzip |= name.eq_ignore_ascii_case("gzip") || name == "*";
    }
    gzip.then_some("gzip")
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
            // A HEAD answer carries the length the GET would send.
            let length = http_body::Body::size_hint(resp.body()).exact();
            if let (Some(n), false) = (length, resp.headers().contains_key(header::CONTENT_LENGTH))
            {
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
        self.file_response(req.headers(), &entry)
    }

    fn file_response(&self, headers: &HeaderMap, e: &Entry) -> Response<Full<Bytes>> {
        let encoding = pick_encoding(headers);
        let (body, etag) = match encoding {
            Some("br") => (
                e.brotli.get_or_init(|| compress_brotli(&e.body)).clone(),
                format!("{}-br\"", &e.etag[..e.etag.len() - 1]),
            ),
            Some(_) => (
                e.gzip.get_or_init(|| compress_gzip(&e.body)).clone(),
                format!("{}-gz\"", &e.etag[..e.etag.len() - 1]),
            ),
            None => (e.body.clone(), e.etag.clone()),
        };
        let not_modified = match headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
        {
            Some(inm) => etag_matches(inm, &etag) || etag_matches(inm, &e.etag),
            None => headers
                .get(header::IF_MODIFIED_SINCE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| httpdate::parse_http_date(v).ok())
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .is_some_and(|since| e.modified_secs <= since.as_secs()),
        };
        let length = body.len();
        let mut r = Response::new(Full::new(if not_modified { Bytes::new() } else { body }));
        if not_modified {
            *r.status_mut() = StatusCode::NOT_MODIFIED;
        }
        let h = r.headers_mut();
        h.insert(header::CONTENT_TYPE, e.content_type.clone());
        if let Ok(v) = HeaderValue::from_str(&etag) {
            h.insert(header::ETAG, v);
        }
        h.insert(header::LAST_MODIFIED, e.last_modified.clone());
        h.insert(header::CACHE_CONTROL, e.cache_control.clone());
        h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        if !not_modified {
            // Said explicitly so a HEAD answer carries the length a GET would.
            h.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
            if let Some(enc) = encoding {
                h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(enc));
            }
        }
        r
    }
}

/// Serves on `listener` until `shutdown` turns true; then stops accepting and lets open
/// connections finish their current request.
pub async fn run(server: Arc<Server>, listener: TcpListener, mut shutdown: watch::Receiver<bool>) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let permit = tokio::select! {
            p = Arc::clone(&slots).acquire_owned() => match p { Ok(p) => p, Err(_) => return },
            _ = shutdown.changed() => return,
        };
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = shutdown.changed() => return,
        };
        let _ = stream.set_nodelay(true);
        let server = Arc::clone(&server);
        let mut stop = shutdown.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| {
                let server = Arc::clone(&server);
                async move { Ok::<_, Infallible>(server.respond(&req)) }
            });
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .max_buf_size(64 * 1024)
                .keep_alive(true);
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stop.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(Duration::from_secs(5), conn).await;
                }
            }
            drop(permit);
        });
    }
}

/// Binds `addr`, with a message that says what to do when it cannot.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, String> {
    TcpListener::bind(addr).await.map_err(|e| {
        format!("cannot listen on {addr}: {e} (is another server using it? pass --listen ADDR)")
    })
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

    #[test]
    fn etag_and_encoding_rules() {
        assert!(etag_matches("\"a\", \"b\"", "\"b\""));
        assert!(etag_matches("W/\"b\"", "\"b\""));
        assert!(etag_matches("*", "\"b\""));
        assert!(!etag_matches("\"c\"", "\"b\""));
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, deflate, br"),
        );
        assert_eq!(pick_encoding(&h), Some("br"));
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip;q=1.0, br;q=0"),
        );
        assert_eq!(pick_encoding(&h), Some("gzip"));
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("identity"),
        );
        assert_eq!(pick_encoding(&h), None);
    }

    #[test]
    fn content_types() {
        assert_eq!(
            content_type("a.rss"),
            Some("application/rss+xml; charset=utf-8")
        );
        assert_eq!(
            content_type("feeds.opml"),
            Some("text/x-opml; charset=utf-8")
        );
        assert_eq!(content_type("feedmill.db"), None);
        assert_eq!(content_type("noext"), None);
    }
}
