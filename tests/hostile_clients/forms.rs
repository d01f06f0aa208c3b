//! Odd request forms: HEAD and GET agree, one Host for HTTP/1.1, paths and methods that try
//! to reach outside the output folder, and a file swapped with a symlink mid-scan.

use crate::common;
use crate::common::daemon::{get, request, try_raw, Reply};
use crate::common::{wait_until, WAIT};
use crate::site::*;
use std::io::Read;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The headers a HEAD must repeat from the GET (RFC 9110 §9.3.2).
const COMPARED: [&str; 8] = [
    "content-type",
    "etag",
    "last-modified",
    "content-length",
    "cache-control",
    "vary",
    "content-encoding",
    "allow",
];

fn send(addr: SocketAddr, method: &str, path: &str, extra: &[(&str, &str)]) -> Reply {
    common::daemon::raw(addr, &request(method, addr, path, extra, true))
}

#[test]
fn head_and_get_agree_for_every_file_and_404() {
    let site = Site::new();
    let mut d = site.serve();
    let mut paths: Vec<String> = site.files.keys().map(|k| format!("/{k}")).collect();
    paths.push("/".into());
    let missing = [
        "/nope.rss",
        "/notes.txt",
        "/leak.rss",
        "/.hidden.rss",
        "/../secret.rss",
        "/%2e%2e/secret.rss",
    ];
    // Files are compressed once loaded, off the request path, and served as is until then.
    let served: Vec<&str> = paths.iter().map(String::as_str).collect();
    common::daemon::wait_compressed(d.addr, &served);
    let encodings: [&[(&str, &str)]; 4] = [
        &[],
        &[("Accept-Encoding", "gzip")],
        &[("Accept-Encoding", "br")],
        &[("Accept-Encoding", "gzip, deflate, br")],
    ];
    let mut mismatches = Vec::new();
    for path in paths.iter().map(String::as_str).chain(missing) {
        let found = !missing.contains(&path);
        for extra in encodings {
            let what = format!("{path} {extra:?}");
            let g = send(d.addr, "GET", path, extra);
            let h = send(d.addr, "HEAD", path, extra);
            assert_eq!(g.status, if found { 200 } else { 404 }, "GET {what}");
            assert!(!leaks(&g.body), "GET {what} leaked");
            assert_eq!(h.status, g.status, "HEAD vs GET status: {what}");
            assert!(h.body.is_empty(), "HEAD {what} sent a body");
            if let Some(len) = g.header("content-length") {
                assert_eq!(len, g.body.len().to_string(), "GET {what}: Content-Length");
            }
            if found {
                let enc = g.header("content-encoding");
                let want = match extra.first().map(|(_, v)| *v) {
                    None => None,
                    Some("gzip") => Some("gzip"),
                    Some(_) => Some("br"),
                };
                assert_eq!(enc, want, "GET {what}: Content-Encoding");
                let mut plain = Vec::new();
                match enc {
                    None => plain = g.body.clone(),
                    Some("gzip") => {
                        flate2::read::GzDecoder::new(&g.body[..])
                            .read_to_end(&mut plain)
                            .unwrap();
                    }
                    Some(_) => {
                        brotli::Decompressor::new(&g.body[..], 4096)
                            .read_to_end(&mut plain)
                            .unwrap();
                    }
                }
                let name = if path == "/" { "/index.html" } else { path };
                assert_eq!(plain, site.body(name), "GET {what}: body");
            }
            for name in COMPARED {
                // A 404's Content-Length has its own test below.
                if !found && name == "content-length" {
                    continue;
                }
                if g.header(name) != h.header(name) {
                    mismatches.push(format!(
                        "{what}: {name}: GET {:?} vs HEAD {:?}",
                        g.header(name),
                        h.header(name)
                    ));
                }
            }
            // And nothing else differs but the date.
            let others = |r: &Reply| -> Vec<(String, String)> {
                let mut v: Vec<_> = r
                    .headers
                    .iter()
                    .filter(|(n, _)| n != "date" && !COMPARED.contains(&n.as_str()))
                    .cloned()
                    .collect();
                v.sort();
                v
            };
            if others(&g) != others(&h) {
                mismatches.push(format!(
                    "{what}: other headers: GET {:?} vs HEAD {:?}",
                    others(&g),
                    others(&h)
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "HEAD and GET disagree:\n{}",
        mismatches.join("\n")
    );
    assert_still_serving(&mut d, &site, "HEAD and GET");
}

/// RFC 9110 §8.6 lets a HEAD answer leave Content-Length out, but this server says it for
/// files "so a HEAD answer carries the length a GET would"; its 404s (and other plain
/// answers) should do the same, so HEAD and GET agree on every header.
#[test]
fn head_of_a_404_says_the_content_length_get_sends() {
    let site = Site::new();
    let d = site.serve();
    for path in ["/nope.rss", "/../secret.rss", "/notes.txt"] {
        let g = send(d.addr, "GET", path, &[]);
        let h = send(d.addr, "HEAD", path, &[]);
        assert_eq!((g.status, h.status), (404, 404), "{path}");
        assert_eq!(
            g.header("content-length"),
            Some(g.body.len().to_string().as_str()),
            "GET {path}"
        );
        assert_eq!(
            h.header("content-length"),
            g.header("content-length"),
            "HEAD {path}: Content-Length differs from GET's"
        );
    }
    // The same for a 405 (HEAD is allowed, so compare a 405 to another 405: POST's answer
    // carries its length).
    let post = common::daemon::raw(
        d.addr,
        b"POST /news.rss HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(post.status, 405);
    assert_eq!(
        post.header("content-length"),
        Some(post.body.len().to_string().as_str())
    );
}

/// RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any
/// HTTP/1.1 request message that lacks a Host header field and to any request message that
/// contains more than one Host header field". HTTP/1.0 needs no Host.
#[test]
fn http11_request_needs_exactly_one_host() {
    let site = Site::new();
    let mut d = site.serve();
    let no_host = try_raw(
        d.addr,
        b"GET /news.rss HTTP/1.1\r\nConnection: close\r\n\r\n",
    );
    let two_hosts = try_raw(
        d.addr,
        b"GET /news.rss HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n",
    );
    let http10 = try_raw(d.addr, b"GET /news.rss HTTP/1.0\r\n\r\n");
    assert_eq!(http10.map(|r| r.status), Some(200), "HTTP/1.0 without Host");
    assert_eq!(
        no_host.map(|r| r.status),
        Some(400),
        "HTTP/1.1 without Host"
    );
    assert_eq!(two_hosts.map(|r| r.status), Some(400), "two Host headers");
    assert_still_serving(&mut d, &site, "requests without a Host");
}

#[test]
fn odd_request_forms_never_serve_a_secret() {
    let site = Site::new();
    let mut d = site.serve();
    let a = d.addr;
    // (request, statuses it may get). 200 only where a real feed is named.
    let cases: Vec<(String, &[u16])> = vec![
        // Absolute form (RFC 9112 §3.2.2): the path is what counts.
        (
            format!("GET http://127.0.0.1/../secret HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        (
            format!("GET http://127.0.0.1/../secret.rss HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        (
            format!("GET http://127.0.0.1/..%2fsecret.rss HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        (
            format!("GET http://{a}/%2e%2e/%2e%2e/secret HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        (
            format!("GET http://evil.example/leak.rss HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        (
            format!("GET file:///etc/passwd HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        (
            format!("GET http://127.0.0.1/news.rss HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[200, 400],
        ),
        // Asterisk and authority forms.
        (
            format!("OPTIONS * HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404, 405],
        ),
        (
            format!("GET * HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        (
            format!("OPTIONS /news.rss HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[405],
        ),
        (
            format!("CONNECT {a} HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 405],
        ),
        (
            "CONNECT secret.rss:443 HTTP/1.1\r\nHost: secret.rss:443\r\nConnection: close\r\n\r\n".into(),
            &[400, 405],
        ),
        (
            "CONNECT ../secret.rss HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".into(),
            &[400, 405],
        ),
        (
            format!("TRACE /secret.rss HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[405],
        ),
        // Origin form without the leading slash.
        (
            format!("GET ../secret.rss HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        (
            format!("GET secret.rss HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        // No Host header (RFC 9112 §3.2: a server must answer 400).
        (
            "GET /news.rss HTTP/1.1\r\nConnection: close\r\n\r\n".into(),
            &[200, 400],
        ),
        (
            "GET /../secret.rss HTTP/1.1\r\nConnection: close\r\n\r\n".into(),
            &[400, 404],
        ),
        (
            "GET /news.rss HTTP/1.0\r\n\r\n".into(),
            &[200],
        ),
        // Two Host headers, a Host that names a path.
        (
            "GET /news.rss HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n".into(),
            &[200, 400],
        ),
        (
            "GET /secret.rss HTTP/1.1\r\nHost: ../..\r\nConnection: close\r\n\r\n".into(),
            &[400, 404],
        ),
        // Request smuggling shapes: both framings, and a body on a GET.
        (
            format!(
                "GET /news.rss HTTP/1.1\r\nHost: {a}\r\nContent-Length: 40\r\nTransfer-Encoding: chunked\r\n\r\n\
                 0\r\n\r\nGET /../secret.rss HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            ),
            &[200, 400, 404],
        ),
        (
            format!(
                "GET /news.rss HTTP/1.1\r\nHost: {a}\r\nContent-Length: 5\r\nContent-Length: 6\r\nConnection: close\r\n\r\nhello!"
            ),
            &[200, 400],
        ),
        // Not HTTP at all.
        ("\u{16}\u{3}\u{1}\u{2}\u{0}\u{1}\u{0}\u{1}\u{fc}\u{3}\u{3}".into(), &[400]),
        ("GET /news.rss HTTP/9.9\r\nHost: x\r\n\r\n".into(), &[400, 505]),
        ("GET /news.rss\r\n\r\n".into(), &[400]),
    ];
    for (req, allowed) in &cases {
        let shown = req.escape_debug().to_string();
        let reply = try_raw(a, req.as_bytes());
        if let Some(r) = &reply {
            // The body read here runs to the end of the connection, so a pipelined
            // second response is checked too.
            assert!(!leaks(&r.body), "{shown}: the secret was served");
            assert!(
                allowed.contains(&r.status),
                "{shown}: status {} (allowed {allowed:?})",
                r.status
            );
            if r.status == 200 {
                // Pipelined answers may follow the first body.
                assert!(r.body.starts_with(site.body("/news.rss")), "{shown}");
            }
        }
        assert!(d.is_running(), "{shown} killed the server\n{}", d.log());
    }
    assert_still_serving(&mut d, &site, "odd request forms");
}
/// The issue's symlink race, end to end: while `serve` rescans, a thread keeps swapping
/// `alpha.rss` between a regular file and a symlink to a secret outside the output folder.
/// Requests see versions of the file come and go, never the secret.
#[test]
fn a_file_swapped_with_a_symlink_never_serves_the_outside_file() {
    let site = Site::new();
    let out = site.dir.path().join("output");
    std::fs::write(out.join("alpha.rss"), "alpha start").unwrap();
    let mut d = site.serve();
    let stop = Arc::new(AtomicBool::new(false));
    let _stop_guard = StopOnDrop(Arc::clone(&stop));
    let swapper = {
        let (stop, secret) = (Arc::clone(&stop), site.dir.path().join("secret.rss"));
        std::thread::spawn(move || {
            let target = out.join("alpha.rss");
            let (file, link) = (out.join(".alpha-file"), out.join(".alpha-link"));
            let mut i = 0u64;
            while !stop.load(Ordering::SeqCst) && i < 100_000_000 {
                if i % 2 == 0 {
                    std::fs::write(&file, format!("alpha {i}")).unwrap();
                    std::fs::rename(&file, &target).unwrap();
                    // The file stays a moment, so that most rescans find a version of it
                    // (the pace of the swaps, not a wait for anything; the unit test
                    // `swapping_a_file_and_a_symlink_never_loads_the_outside_file` swaps
                    // flat out).
                    std::thread::sleep(Duration::from_millis(1));
                } else {
                    std::os::unix::fs::symlink(&secret, &link).unwrap();
                    std::fs::rename(&link, &target).unwrap();
                }
                i += 1;
            }
            i
        })
    };
    // Several rescans' worth of versions (one every 2 s).
    let mut versions = std::collections::BTreeSet::new();
    let mut requests = 0;
    let seen = wait_until(WAIT, || {
        let r = get(d.addr, "/alpha.rss", &[]);
        requests += 1;
        assert!(
            !leaks(&r.body),
            "the secret was served (request {requests})"
        );
        if r.status == 200 {
            versions.insert(r.body);
        }
        versions.len() >= 4
    });
    stop.store(true, Ordering::SeqCst);
    let swaps = swapper.join().unwrap();
    eprintln!(
        "{swaps} swaps, {requests} requests, {} versions seen",
        versions.len()
    );
    assert!(seen, "only {} versions served\n{}", versions.len(), d.log());
    assert_still_serving(&mut d, &site, "symlink swaps");
}
