//! The fixture web site: an HTTP/1.1 server (std only) on 127.0.0.1 that answers each path
//! with a canned response, and counts what it was asked.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// A canned HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering (a slow site).
    pub delay: Duration,
    /// Send the body one byte at a time, this far apart (a trickling site).
    pub trickle: Option<Duration>,
}

impl Resp {
    /// 200 with `Content-Type: text/html; charset=utf-8`.
    pub fn html(body: impl Into<Vec<u8>>) -> Resp {
        Resp::bytes("text/html; charset=utf-8", body.into())
    }

    /// 200 with the given content type (sent as is, so `text/html` means no charset).
    pub fn bytes(content_type: &str, body: Vec<u8>) -> Resp {
        Resp {
            status: 200,
            headers: vec![("Content-Type".to_string(), content_type.to_string())],
            body,
            delay: Duration::ZERO,
            trickle: None,
        }
    }

    /// The given status with a short plain-text body.
    pub fn status(code: u16) -> Resp {
        Resp {
            status: code,
            headers: vec![(
                "Content-Type".to_string(),
                "text/plain; charset=utf-8".to_string(),
            )],
            body: format!("{} {}\n", code, reason(code)).into_bytes(),
            delay: Duration::ZERO,
            trickle: None,
        }
    }

    /// Sends the body a byte at a time, `every` apart (builder style).
    pub fn with_trickle(mut self, every: Duration) -> Resp {
        self.trickle = Some(every);
        self
    }

    /// Answers after `delay` (builder style).
    pub fn with_delay(mut self, delay: Duration) -> Resp {
        self.delay = delay;
        self
    }

    /// The value of header `name`, if set.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Adds a header (builder style).
    pub fn with_header(mut self, name: &str, value: &str) -> Resp {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
}

fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

#[derive(Default)]
struct Shared {
    routes: Mutex<HashMap<String, Resp>>,
    hits: Mutex<HashMap<String, usize>>,
    /// Every request's path and when it arrived, in arrival order.
    arrivals: Mutex<Vec<(String, std::time::Instant)>>,
    not_modified: Mutex<HashMap<String, usize>>,
    last_headers: Mutex<HashMap<String, Vec<(String, String)>>>,
    /// Per path: headers (lower-case name, text the value must hold) without which it is 403.
    required: Mutex<HashMap<String, Vec<(String, String)>>>,
}

/// An HTTP/1.1 server on 127.0.0.1 with an ephemeral port; it serves until dropped.
pub struct TestServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    accept_thread: Option<JoinHandle<()>>,
}

/// The request path without query string or fragment.
fn route_key(path: &str) -> String {
    let end = path.find(['?', '#']).unwrap_or(path.len());
    let p = &path[..end];
    if p.starts_with('/') {
        p.to_string()
    } else {
        format!("/{p}")
    }
}

impl TestServer {
    pub fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local_addr");
        let shared = Arc::new(Shared::default());
        let stop = Arc::new(AtomicBool::new(false));
        let accept_thread = {
            let shared = Arc::clone(&shared);
            let stop = Arc::clone(&stop);
            std::thread::Builder::new()
                .name(format!("test-server-{}", addr.port()))
                .spawn(move || {
                    for conn in listener.incoming() {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        let Ok(stream) = conn else { continue };
                        let shared = Arc::clone(&shared);
                        std::thread::spawn(move || {
                            let _ = handle_connection(stream, &shared);
                        });
                    }
                })
                .expect("spawn accept thread")
        };
        TestServer {
            addr,
            shared,
            stop,
            accept_thread: Some(accept_thread),
        }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// "http://127.0.0.1:PORT" (no trailing slash).
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// "http://127.0.0.1:PORT/path" (a missing leading slash is added).
    pub fn url(&self, path: &str) -> String {
        if path.starts_with('/') {
            format!("{}{}", self.base(), path)
        } else {
            format!("{}/{}", self.base(), path)
        }
    }

    /// Adds or replaces the response for `path` (query string ignored).
    pub fn set(&self, path: &str, resp: Resp) {
        self.shared
            .routes
            .lock()
            .unwrap()
            .insert(route_key(path), resp);
    }

    /// Makes `path` answer 403 unless the request has every header `name` with a value that
    /// holds `text` (a site that turns away unknown clients).
    pub fn require(&self, path: &str, headers: &[(&str, &str)]) {
        self.shared.required.lock().unwrap().insert(
            route_key(path),
            headers
                .iter()
                .map(|(n, v)| (n.to_ascii_lowercase(), v.to_string()))
                .collect(),
        );
    }

    /// Removes a route (it answers 404 afterwards).
    pub fn remove(&self, path: &str) {
        self.shared.routes.lock().unwrap().remove(&route_key(path));
    }

    /// Requests received for `path` (query string ignored), whatever they were answered.
    pub fn hits(&self, path: &str) -> usize {
        self.shared
            .hits
            .lock()
            .unwrap()
            .get(&route_key(path))
            .copied()
            .unwrap_or(0)
    }

    /// How many requests to `path` were answered 304 Not Modified.
    pub fn not_modified(&self, path: &str) -> usize {
        let key = route_key(path);
        *self
            .shared
            .not_modified
            .lock()
            .unwrap()
            .get(&key)
            .unwrap_or(&0)
    }

    /// Every request so far: its path and when it arrived, in arrival order.
    pub fn arrivals(&self) -> Vec<(String, std::time::Instant)> {
        self.shared.arrivals.lock().unwrap().clone()
    }

    /// Requests received in total.
    pub fn total_hits(&self) -> usize {
        self.shared.hits.lock().unwrap().values().sum()
    }

    /// Headers of the last request to `path`, names lower-cased, in the order received.
    pub fn last_request_headers(&self, path: &str) -> Vec<(String, String)> {
        self.shared
            .last_headers
            .lock()
            .unwrap()
            .get(&route_key(path))
            .cloned()
            .unwrap_or_default()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept() so that the loop sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.accept_thread.take() {
            let _ = t.join();
        }
    }
}

struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
}

fn read_request(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Request>> {
    let mut line = String::new();
    // Skip stray empty lines before the request line (RFC 9112 §2.2).
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        if !line.trim().is_empty() {
            break;
        }
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("/").to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 {
            break;
        }
        let h = h.trim_end_matches(['\r', '\n']);
        if h.is_empty() {
            break;
        }
        if let Some((name, value)) = h.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    // Drain a request body, if any, so that the client is not reset mid-send.
    let len = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<u64>().ok())
        .unwrap_or(0);
    if len > 0 {
        std::io::copy(&mut reader.by_ref().take(len), &mut std::io::sink())?;
    }
    Ok(Some(Request {
        method,
        target,
        headers,
    }))
}

/// The path part of a request target ("/a/b?x=1" or "http://host/a/b?x=1").
fn target_path(target: &str) -> String {
    let rest = match target.find("://") {
        Some(i) => {
            let after = &target[i + 3..];
            match after.find('/') {
                Some(j) => &after[j..],
                None => "/",
            }
        }
        None => target,
    };
    route_key(rest)
}

fn handle_connection(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let Some(req) = read_request(&mut reader)? else {
        return Ok(());
    };
    let key = target_path(&req.target);
    // Record before answering: once the client has its response, the hit is visible.
    *shared.hits.lock().unwrap().entry(key.clone()).or_insert(0) += 1;
    shared
        .arrivals
        .lock()
        .unwrap()
        .push((key.clone(), std::time::Instant::now()));
    shared
        .last_headers
        .lock()
        .unwrap()
        .insert(key.clone(), req.headers.clone());
    let mut resp = shared
        .routes
        .lock()
        .unwrap()
        .get(&key)
        .cloned()
        .unwrap_or_else(|| Resp::status(404));
    let allowed = shared
        .required
        .lock()
        .unwrap()
        .get(&key)
        .is_none_or(|required| {
            required.iter().all(|(name, text)| {
                req.headers
                    .iter()
                    .any(|(n, v)| n == name && v.contains(text.as_str()))
            })
        });
    if !allowed {
        resp = Resp::status(403);
    }
    if !resp.delay.is_zero() {
        std::thread::sleep(resp.delay);
    }
    // Conditional GET, as a real server does it: a route with an ETag answers a matching
    // If-None-Match with 304 and no body.
    let inm = req
        .headers
        .iter()
        .find(|(n, _)| n == "if-none-match")
        .map(|(_, v)| v.clone());
    if let (Some(etag), Some(inm)) = (resp.header("etag"), inm) {
        if resp.status == 200 && inm.split(',').any(|t| t.trim() == etag) {
            *shared
                .not_modified
                .lock()
                .unwrap()
                .entry(key.clone())
                .or_insert(0) += 1;
            resp = Resp {
                status: 304,
                headers: vec![("ETag".to_string(), etag.to_string())],
                body: Vec::new(),
                delay: Duration::ZERO,
                trickle: None,
            };
        }
    }

    let mut head = format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    for (name, value) in &resp.headers {
        let lower = name.to_ascii_lowercase();
        if lower == "content-length" || lower == "connection" {
            continue;
        }
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        resp.body.len()
    ));
    writer.write_all(head.as_bytes())?;
    if req.method != "HEAD" {
        match resp.trickle {
            Some(every) => {
                for b in &resp.body {
                    writer.write_all(std::slice::from_ref(b))?;
                    writer.flush()?;
                    std::thread::sleep(every);
                }
            }
            None => writer.write_all(&resp.body)?,
        }
    }
    writer.flush()?;
    let _ = writer.shutdown(std::net::Shutdown::Write);
    Ok(())
}
