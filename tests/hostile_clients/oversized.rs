//! Requests too big to serve: ten thousand headers, an over-long request line, NUL bytes.

use crate::common::daemon::{get, try_raw};
use crate::site::*;

#[test]
fn ten_thousand_request_headers_are_refused() {
    let site = Site::new();
    let mut d = site.serve();

    // Compact headers: 10,000 of them in ~60 KB, under the server's 64 KiB buffer, so only
    // a limit on the number of headers stops them.
    let mut compact = b"GET /secret.rss HTTP/1.1\r\nHost: x\r\n".to_vec();
    for i in 0..10_000 {
        compact.extend_from_slice(format!("a{}:\r\n", i % 10).as_bytes());
    }
    compact.extend_from_slice(b"Connection: close\r\n\r\n");
    assert!(compact.len() < 64 * 1024, "{}", compact.len());
    let reply = try_raw(d.addr, &compact);
    assert_refused(&reply, "10,000 compact headers", &[400, 431]);

    // Ordinary-looking headers: ~300 KB, some of them trying to steer the path.
    let mut big = b"GET /news.rss HTTP/1.1\r\nHost: x\r\n".to_vec();
    for i in 0..10_000 {
        let line = match i % 4 {
            0 => format!("X-Original-URL: /../secret.rss?{i}\r\n"),
            1 => format!("X-Rewrite-URL: /..%2fsecret.rss?{i}\r\n"),
            2 => format!("Cookie: session={i}; path=/../\r\n"),
            _ => format!("X-Filler-{i}: {}\r\n", "v".repeat(8)),
        };
        big.extend_from_slice(line.as_bytes());
    }
    big.extend_from_slice(b"Connection: close\r\n\r\n");
    let reply = try_raw(d.addr, &big);
    assert_refused(&reply, "10,000 long headers", &[400, 431]);

    // A few at a time over one connection is still fine (a sanity check of the limit's
    // other side): 50 headers are served.
    let mut some = Vec::new();
    for i in 0..50 {
        some.push((format!("X-Ok-{i}"), "1".to_string()));
    }
    let extra: Vec<(&str, &str)> = some.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let r = get(d.addr, "/news.rss", &extra);
    assert_eq!(r.status, 200, "50 headers must be served");

    assert_still_serving(&mut d, &site, "10,000 request headers");
}

#[test]
fn overlong_request_line_and_nul_bytes_are_refused() {
    let site = Site::new();
    let mut d = site.serve();

    let long_path = format!("/{}", "a".repeat(100 * 1024));
    // (what, request, statuses it may get besides a closed connection)
    let refused: &[u16] = &[400, 404, 414, 431];
    let cases: Vec<(String, Vec<u8>, &[u16])> = vec![
        (
            "100 KB path".into(),
            format!("GET {long_path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .into_bytes(),
            refused,
        ),
        (
            "100 KB path of ../".into(),
            format!(
                "GET /{}secret.rss HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "../".repeat(34 * 1024)
            )
            .into_bytes(),
            refused,
        ),
        (
            "100 KB query".into(),
            format!(
                "GET /news.rss?q={} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "x".repeat(100 * 1024)
            )
            .into_bytes(),
            refused,
        ),
        (
            "100 KB method".into(),
            format!(
                "{} / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "G".repeat(100 * 1024)
            )
            .into_bytes(),
            // An unknown method, however long, is one GET and HEAD do not allow.
            &[400, 405, 414, 431],
        ),
        (
            "100 KB request line, never ended".into(),
            format!("GET {long_path}").into_bytes(),
            refused,
        ),
        (
            "NUL in the path".into(),
            b"GET /news\0.rss HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
            refused,
        ),
        (
            "NUL then ../".into(),
            b"GET /\0/../secret.rss HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
            refused,
        ),
        (
            "NUL after the name".into(),
            b"GET /news.rss\0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
            refused,
        ),
        (
            "encoded NUL".into(),
            b"GET /news.rss%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
            refused,
        ),
        (
            "encoded NUL then ../".into(),
            b"GET /%00/..%2fsecret.rss HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
            refused,
        ),
        (
            "NUL in a header".into(),
            b"GET /secret.rss HTTP/1.1\r\nHost: x\0../\r\nConnection: close\r\n\r\n".to_vec(),
            refused,
        ),
        ("NUL-only request".into(), vec![0; 4096], refused),
    ];
    for (what, bytes, allowed) in &cases {
        let reply = try_raw(d.addr, bytes);
        assert_refused(&reply, what, allowed);
        assert!(d.is_running(), "{what} killed the server\n{}", d.log());
    }
    assert_still_serving(&mut d, &site, "over-long and NUL requests");
}
