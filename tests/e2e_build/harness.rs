//! Self-tests of the harness (these do not need the binary).

use std::io::{Read, Write};
use std::net::TcpStream;

use crate::common::{fixture, replace_bytes, Resp, TestServer};
use crate::expected::*;
use crate::site::*;

#[test]
fn harness_server_routes_hits_and_headers() {
    let server = TestServer::start();
    server.set("/a", Resp::html("<p>한글</p>"));
    server.set("/b", Resp::status(500));

    let get = |target: &str, extra: &str| -> (String, Vec<u8>) {
        let mut s = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
        write!(
            s,
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Probe/1.0\r\n{extra}\r\n"
        )
        .unwrap();
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).unwrap();
        let split = buf
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("end of head");
        (
            String::from_utf8(buf[..split].to_vec()).unwrap(),
            buf[split + 4..].to_vec(),
        )
    };

    let (head, body) = get("/a?utm_source=x", "X-Probe: one\r\n");
    assert!(head.starts_with("HTTP/1.1 200 "), "{head}");
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(
        head.contains(&format!("Content-Length: {}", "<p>한글</p>".len())),
        "{head}"
    );
    assert!(head.contains("Connection: close"), "{head}");
    assert_eq!(body, "<p>한글</p>".as_bytes());
    assert_eq!(server.hits("/a"), 1, "query is not part of the path");
    let headers = server.last_request_headers("/a");
    assert!(
        headers.contains(&("user-agent".to_string(), "Probe/1.0".to_string())),
        "{headers:?}"
    );
    assert!(
        headers.contains(&("x-probe".to_string(), "one".to_string())),
        "{headers:?}"
    );

    let (head, _) = get("/b", "");
    assert!(head.starts_with("HTTP/1.1 500 "), "{head}");
    let (head, _) = get("/nowhere", "");
    assert!(head.starts_with("HTTP/1.1 404 "), "{head}");
    assert_eq!(server.hits("/nowhere"), 1);

    // Routes can be replaced at any time.
    server.set("/a", Resp::bytes("text/html", vec![0xc7, 0xd1]));
    let (head, body) = get("/a", "");
    assert!(head.contains("Content-Type: text/html\r\n"), "{head}");
    assert_eq!(body, vec![0xc7, 0xd1]);
    assert_eq!(server.hits("/a"), 2);
    assert_eq!(
        server.url("/x/y"),
        format!("http://127.0.0.1:{}/x/y", server.port())
    );
    assert_eq!(
        server.url("x"),
        format!("http://127.0.0.1:{}/x", server.port())
    );

    // Many sequential connections.
    for _ in 0..50 {
        let (head, _) = get("/b", "");
        assert!(head.starts_with("HTTP/1.1 500 "));
    }
    assert_eq!(server.hits("/b"), 51);

    // Dropping stops the server.
    let port = server.port();
    drop(server);
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "server still accepting after drop"
    );
}

#[test]
fn harness_fixtures_are_encoded_as_documented() {
    // UTF-8 pages are valid UTF-8 and carry the traps the tests rely on.
    let utf8 = String::from_utf8(fixture("list_utf8.html")).expect("list_utf8.html is UTF-8");
    assert!(utf8.contains(r#"<meta charset="utf-8">"#));
    assert_eq!(
        utf8.matches(r#"<article class="item"#).count(),
        12,
        "9 in the list + 2 in 포토뉴스 + 1 inside a <script> string"
    );
    for trap in [
        "?utm_source=main&amp;utm_medium=list",
        "?fbclid=",
        "#comments",
        "data-src=",
        "srcset=",
        "../view/20260210000118",
        "R&amp;amp;D",
        "M&amp;A",
        "&quot;",
        "많이 본 뉴스",
        "포토뉴스",
        "관련기사",
    ] {
        assert!(utf8.contains(trap), "list_utf8.html lacks {trap:?}");
    }
    for item in &UTF8_ITEMS {
        assert!(
            utf8.contains(item.link.trim_start_matches("/news")),
            "{}",
            item.link
        );
    }

    // The EUC-KR page: not UTF-8, charset only in <meta> within the first 1024 bytes.
    let raw = fixture("list_euckr.html");
    assert!(
        std::str::from_utf8(&raw).is_err(),
        "list_euckr.html must be EUC-KR bytes"
    );
    let meta = br#"<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">"#;
    let pos = raw
        .windows(meta.len())
        .position(|w| w == meta)
        .expect("meta charset");
    assert!(
        pos + meta.len() < 1024,
        "meta charset must be in the first 1024 bytes"
    );
    assert!(
        raw.windows(8).any(|w| w == b"{{BASE}}"),
        "{{BASE}} placeholder"
    );
    let (decoded, _, had_errors) = encoding_rs::EUC_KR.decode(&raw);
    assert!(
        !had_errors,
        "list_euckr.html decodes as EUC-KR without errors"
    );
    let reference = String::from_utf8(fixture("list_euckr.utf8.txt")).unwrap();
    assert_eq!(
        decoded, reference,
        "list_euckr.html is list_euckr.utf8.txt in EUC-KR"
    );
    for item in &EUCKR_ITEMS {
        assert!(decoded.contains(item.title), "{}", item.title);
        assert!(decoded.contains(&wall(item.time)), "{}", item.time);
    }
    let served = replace_bytes(&raw, b"{{BASE}}", b"http://127.0.0.1:1");
    let (served, _, _) = encoding_rs::EUC_KR.decode(&served);
    assert!(served.contains(r#"<base href="http://127.0.0.1:1/news/">"#));

    // The time fixture holds each time form once.
    let times = String::from_utf8(fixture("list_times.html")).unwrap();
    for t in [
        "2026/02/10 오후 7:32",
        "3시간전",
        "어제 14:20",
        "12.31 23:50",
        "2026.02.10 오전 12:05",
        "15분 전",
    ] {
        assert_eq!(
            times.matches(&format!(">{t}<")).count() + times.matches(&format!("> {t} <")).count(),
            1,
            "{t}"
        );
    }
    assert_eq!(times.matches(r#"<a class="card"#).count(), 7);

    // The changed layout has no list the utf8 config could match.
    let empty = String::from_utf8(fixture("list_empty.html")).unwrap();
    assert!(!empty.contains("news-list") && !empty.contains("class=\"item"));
}

#[test]
fn harness_expected_times_format() {
    assert_eq!(
        rfc2822("2026-02-10T19:32:00+09:00"),
        "Tue, 10 Feb 2026 19:32:00 +0900"
    );
    assert_eq!(
        rfc2822("2025-12-31T23:50:00+09:00"),
        "Wed, 31 Dec 2025 23:50:00 +0900"
    );
    assert_eq!(
        rfc2822("2026-02-10T00:05:00+09:00"),
        "Tue, 10 Feb 2026 00:05:00 +0900"
    );
    assert_eq!(wall("2026-02-10T19:32:00+09:00"), "2026-02-10 19:32");
}
