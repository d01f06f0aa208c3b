//! Feeds served with their types, validators and compression; path traversal as raw
//! request lines; health and metrics.

use crate::common::daemon::{get, raw, wait_compressed, Daemon};
use crate::publish::*;
use std::io::Read;

#[test]
fn serves_feeds_with_types_validators_and_compression() {
    let (_dir, cfg) = publish_dir();
    let d = Daemon::start(&cfg, &["serve"]);
    let types = [
        ("/news.rss", "application/rss+xml; charset=utf-8"),
        ("/news.atom", "application/atom+xml; charset=utf-8"),
        ("/news.json", "application/feed+json"),
        ("/feeds.opml", "text/x-opml; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/", "text/html; charset=utf-8"),
    ];
    for (path, ctype) in types {
        let r = get(d.addr, path, &[]);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ctype), "{path}");
        assert!(
            r.header("etag").is_some_and(|e| e.starts_with('"')),
            "{path}: strong ETag"
        );
        assert!(r.header("last-modified").is_some(), "{path}");
        assert_eq!(r.header("vary"), Some("Accept-Encoding"));
    }
    // Cache-Control from the feed's interval; other files from settings.interval.
    assert_eq!(
        get(d.addr, "/news.rss", &[]).header("cache-control"),
        Some("public, max-age=2700")
    );
    assert_eq!(
        get(d.addr, "/feeds.opml", &[]).header("cache-control"),
        Some("public, max-age=1200")
    );

    let plain = get(d.addr, "/news.rss", &[]);
    let etag = plain.header("etag").unwrap().to_string();
    let lm = plain.header("last-modified").unwrap().to_string();
    assert_eq!(
        get(d.addr, "/news.rss", &[("If-None-Match", &etag)]).status,
        304
    );
    assert_eq!(
        get(
            d.addr,
            "/news.rss",
            &[("If-None-Match", "\"other\", W/\"x\"")]
        )
        .status,
        200
    );
    let r = get(d.addr, "/news.rss", &[("If-Modified-Since", &lm)]);
    assert_eq!((r.status, r.body.len()), (304, 0));

    // Compressed once loaded, off the request path; served as is until then.
    wait_compressed(d.addr, &["/news.rss"]);
    let gz = get(d.addr, "/news.rss", &[("Accept-Encoding", "gzip")]);
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&gz.body[..])
        .read_to_end(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, plain.body);
    assert!(gz.body.len() < plain.body.len());

    let br = get(
        d.addr,
        "/news.rss",
        &[("Accept-Encoding", "gzip, deflate, br")],
    );
    assert_eq!(br.header("content-encoding"), Some("br"));
    let mut unbr = Vec::new();
    brotli::Decompressor::new(&br.body[..], 4096)
        .read_to_end(&mut unbr)
        .unwrap();
    assert_eq!(unbr, plain.body);
    let br_etag = br.header("etag").unwrap().to_string();
    assert_ne!(br_etag, etag, "each encoding has its own strong ETag");
    assert_eq!(
        get(
            d.addr,
            "/news.rss",
            &[("Accept-Encoding", "br"), ("If-None-Match", &br_etag)]
        )
        .status,
        304
    );

    // HEAD: the same headers, no body.
    let head = raw(
        d.addr,
        b"HEAD /news.rss HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(head.status, 200);
    assert_eq!(head.header("etag"), Some(etag.as_str()));
    assert_eq!(
        head.header("content-length"),
        plain.header("content-length")
    );
    assert!(head.body.is_empty());

    let post = raw(
        d.addr,
        b"POST /news.rss HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));
}

#[test]
fn path_traversal_never_reaches_outside_output() {
    let (_dir, cfg) = publish_dir();
    let d = Daemon::start(&cfg, &["serve"]);
    let long = format!("/{}.rss", "a".repeat(10_000));
    let attempts: Vec<&str> = vec![
        "/../feeds.toml",
        "/../secret.rss",
        "/..%2fsecret.rss",
        "/%2e%2e/secret.rss",
        "/%2e%2e%2fsecret.rss",
        "/%2E%2E%2Fsecret.rss",
        "/..%5csecret.rss",
        "/%5c..%5csecret.rss",
        "//etc/passwd",
        "/etc/passwd",
        "/leak.rss",
        "/sub/inner.rss",
        "/sub%2finner.rss",
        "/notes.txt",
        "/news.rss%00.txt",
        "/news.rss/..",
        "/./news.rss/../../secret.rss",
        "/%252e%252e/secret.rss",
        "/..;/secret.rss",
        "http://evil/../secret.rss",
        &long,
    ];
    for path in attempts {
        let r = raw(
            d.addr,
            format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        assert!(
            matches!(r.status, 400 | 404 | 414 | 431),
            "{path}: {}",
            r.status
        );
        assert!(
            !String::from_utf8_lossy(&r.body).contains(SECRET),
            "{path} leaked"
        );
    }
    // A NUL byte in the request line itself.
    let r = raw(
        d.addr,
        b"GET /news.rss\0../secret.rss HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(!String::from_utf8_lossy(&r.body).contains(SECRET));
    // The server still answers.
    assert_eq!(get(d.addr, "/news.rss", &[]).status, 200);
}

#[test]
fn healthz_and_metrics() {
    let (_dir, cfg) = publish_dir();
    let d = Daemon::start(&cfg, &["serve"]);
    // The one feed has never succeeded: unhealthy.
    let h = get(d.addr, "/healthz", &[]);
    assert_eq!(h.status, 503);
    assert_eq!(h.header("content-type"), Some("application/json"));
    let v: serde_json::Value = serde_json::from_slice(&h.body).unwrap();
    assert_eq!(v["status"], "failing");
    assert_eq!(v["feeds"][0]["id"], "news");
    let m = get(d.addr, "/metrics", &[]);
    assert_eq!(m.status, 200);
    let text = String::from_utf8_lossy(&m.body);
    assert!(
        text.contains("# TYPE feedmill_http_responses_total counter"),
        "{text}"
    );
    assert!(
        text.contains("feedmill_http_responses_total{class=\"ok\"}"),
        "{text}"
    );
}
