//! Compression and conditional requests: a big file being compressed does not hold up a tiny
//! one, 304s, `Accept-Encoding` weights, and rewrites within one second or keeping the mtime.

use crate::common;
use crate::common::daemon::{connect, get, raw, request, wait_compressed, Daemon, Reply};
use crate::common::{wait_until, WAIT};
use crate::publish::*;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// `body` decoded from the response's Content-Encoding (none, gzip or br).
fn decoded(r: &Reply) -> Vec<u8> {
    let mut out = Vec::new();
    match r.header("content-encoding") {
        None => out.clone_from(&r.body),
        Some("gzip") => {
            flate2::read::GzDecoder::new(&r.body[..])
                .read_to_end(&mut out)
                .unwrap();
        }
        Some("br") => {
            brotli::Decompressor::new(&r.body[..], 4096)
                .read_to_end(&mut out)
                .unwrap();
        }
        Some(other) => panic!("unexpected Content-Encoding {other}"),
    }
    out
}

/// The issue: compression ran on the first request that asked for it, on the async
/// workers, so the first `br` request for a 9 MB file took seconds and held up a request
/// for a tiny feed. Now files are compressed when loaded, on a thread of their own, and
/// served as they are meanwhile.
#[test]
fn a_big_file_being_compressed_does_not_hold_up_a_tiny_one() {
    let (dir, cfg) = publish_dir();
    let d = Daemon::start(&cfg, &["serve"]);
    let mut big = Vec::new();
    let mut i = 0u64;
    while big.len() < 9 * 1024 * 1024 {
        // Varied text, as costly to compress as a real feed.
        let n = i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 20;
        big.extend_from_slice(
            format!("<item><title>기사 {i} 수출 {n}</title><link>http://x/{n:x}</link></item>\n")
                .as_bytes(),
        );
        i += 1;
    }
    std::fs::write(dir.path().join("output/big.rss"), &big).unwrap();
    let addr = d.addr;
    // Just written: wait until the server has picked it up (without asking for brotli).
    let loaded = wait_until(WAIT, || {
        let r = raw(addr, &request("HEAD", addr, "/big.rss", &[], true));
        r.header("content-length") == Some(big.len().to_string().as_str())
    });
    assert!(loaded, "big.rss never served\n{}", d.log());

    // Brotli requests for the big file, enough to occupy every async worker, are sent;
    // then a request for a tiny feed.
    let sent = Arc::new(AtomicUsize::new(0));
    const BIG: usize = 8;
    let bigs: Vec<_> = (0..BIG)
        .map(|_| {
            let sent = Arc::clone(&sent);
            std::thread::spawn(move || {
                let mut s = connect(addr);
                s.write_all(&request(
                    "GET",
                    addr,
                    "/big.rss",
                    &[("Accept-Encoding", "br")],
                    true,
                ))
                .unwrap();
                sent.fetch_add(1, Ordering::SeqCst);
                let mut bytes = Vec::new();
                let _ = s.read_to_end(&mut bytes);
                common::daemon::parse_reply(&bytes)
            })
        })
        .collect();
    assert!(wait_until(WAIT, || sent.load(Ordering::SeqCst) == BIG));
    let start = Instant::now();
    let tiny = get(addr, "/news.atom", &[]);
    let took = start.elapsed();
    assert_eq!(tiny.status, 200);
    for t in bigs {
        let r = t.join().unwrap().expect("a response to the big request");
        assert_eq!(r.status, 200);
        assert!(decoded(&r) == big, "the big file, decoded, differs");
    }
    eprintln!("the tiny feed took {took:?}");
    // Generous for a loaded machine; compressing 9 MB takes far longer.
    assert!(
        took < Duration::from_secs(3),
        "the tiny feed took {took:?} while the big one was asked for in brotli"
    );
}

/// RFC 9110 §8.6: a 304 must not carry a Content-Length other than the 200's; HEAD answered
/// 304 with `content-length: 0`.
#[test]
fn not_modified_answers_carry_no_wrong_content_length() {
    let (_dir, cfg) = publish_dir();
    let d = Daemon::start(&cfg, &["serve"]);
    let full = get(d.addr, "/news.rss", &[]);
    let etag = full.header("etag").unwrap().to_string();
    let lm = full.header("last-modified").unwrap().to_string();
    let length = full.body.len().to_string();
    for method in ["GET", "HEAD"] {
        for cond in [
            ("If-None-Match", etag.as_str()),
            ("If-Modified-Since", lm.as_str()),
        ] {
            let r = raw(d.addr, &request(method, d.addr, "/news.rss", &[cond], true));
            assert_eq!(r.status, 304, "{method} {cond:?}");
            assert!(r.body.is_empty());
            if let Some(len) = r.header("content-length") {
                assert_eq!(len, length, "{method} {cond:?}: a 304's Content-Length");
            }
        }
    }
}

/// q-values are case-insensitive, `q=0` means "not acceptable", and `*` covers the codings
/// not named.
#[test]
fn accept_encoding_weights_are_honoured() {
    let (_dir, cfg) = publish_dir();
    let d = Daemon::start(&cfg, &["serve"]);
    wait_compressed(d.addr, &["/news.rss"]);
    let plain = get(d.addr, "/news.rss", &[]).body;
    let cases: &[(&str, Option<&str>)] = &[
        ("gzip;q=0, *", Some("br")),
        ("br;q=0, *", Some("gzip")),
        ("br;Q=0", None),
        ("br;Q=0, gzip", Some("gzip")),
        ("gzip;Q=0, br;q=0", None),
        ("*;q=0, identity", None),
        ("gzip;q=0.9, br;q=0.4", Some("gzip")),
        ("identity", None),
        ("GZIP", Some("gzip")),
    ];
    for (accept, want) in cases {
        let r = get(d.addr, "/news.rss", &[("Accept-Encoding", accept)]);
        assert_eq!(r.status, 200, "{accept}");
        assert_eq!(
            r.header("content-encoding"),
            *want,
            "Accept-Encoding: {accept}"
        );
        assert_eq!(decoded(&r), plain, "{accept}");
    }
}

/// Writes `bytes` over `path` in place and puts `mtime` back, as `cp -p` does.
fn rewrite_keeping_mtime(path: &Path, bytes: &[u8], mtime: std::time::SystemTime) {
    std::fs::write(path, bytes).unwrap();
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(mtime).unwrap();
    assert_eq!(std::fs::metadata(path).unwrap().modified().unwrap(), mtime);
}

/// New content with the same mtime second (here the very same mtime, as when two writes
/// fall in one second) must not answer 304 to the old Last-Modified.
#[test]
fn new_content_in_the_same_second_is_not_304_to_if_modified_since() {
    let (dir, cfg) = publish_dir();
    let path = dir.path().join("output/news.atom");
    let d = Daemon::start(&cfg, &["serve"]);
    let old = get(d.addr, "/news.atom", &[]);
    let lm = old.header("last-modified").unwrap().to_string();
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    // A different length, so even a server that compares only mtime and size sees it.
    let new = b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>new</title></feed>";
    rewrite_keeping_mtime(&path, new, mtime);
    assert!(
        wait_until(WAIT, || get(d.addr, "/news.atom", &[]).body == new),
        "the new content was never served"
    );
    // Its Last-Modified is later than the old one; it may say the old second for the rest
    // of that second (never a date after the response's own), so look until it moves.
    let parse = |v: &str| httpdate::parse_http_date(v).unwrap();
    let mut new_lm = lm.clone();
    let moved = wait_until(WAIT, || {
        let r = get(d.addr, "/news.atom", &[("If-Modified-Since", &lm)]);
        assert_eq!(
            r.status, 200,
            "new content answered 304 to the old Last-Modified {lm}"
        );
        assert_eq!(r.body, new);
        new_lm = r.header("last-modified").unwrap().to_string();
        parse(&new_lm) > parse(&lm)
    });
    assert!(moved, "Last-Modified stayed {new_lm}");
    // The new Last-Modified validates the new content.
    let again = get(d.addr, "/news.atom", &[("If-Modified-Since", &new_lm)]);
    assert_eq!(again.status, 304);
}

/// `cp -p` over a served file: the same size, the old mtime. `serve` compared only mtime and
/// size, and served the old bytes for ever.
#[test]
fn a_same_size_rewrite_keeping_the_mtime_is_served() {
    let (dir, cfg) = publish_dir();
    let path = dir.path().join("output/news.json");
    let d = Daemon::start(&cfg, &["serve"]);
    let old = get(d.addr, "/news.json", &[]);
    assert_eq!(old.status, 200);
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let new = String::from_utf8(old.body.clone())
        .unwrap()
        .replace("1.1", "1.2");
    assert_eq!(new.len(), old.body.len());
    rewrite_keeping_mtime(&path, new.as_bytes(), mtime);
    let mut last = Vec::new();
    assert!(
        wait_until(WAIT, || {
            last = get(d.addr, "/news.json", &[]).body;
            last == new.as_bytes()
        }),
        "still serving {:?}",
        String::from_utf8_lossy(&last)
    );
    let r = get(
        d.addr,
        "/news.json",
        &[("If-None-Match", old.header("etag").unwrap())],
    );
    assert_eq!(r.status, 200, "the old ETag must not match the new bytes");
}
