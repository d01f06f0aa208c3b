//! The answer to a file request: validators, conditional requests, content codings.
//!
//! Everything a response needs is worked out when a file is loaded ([`super::cache`]); per
//! request there is a header parse, a map lookup and a few clones.

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::{Response, StatusCode};

use super::cache::Entry;

/// An HTTP date (RFC 9110 §5.6.7).
pub(super) fn date(t: SystemTime) -> String {
    let t: chrono::DateTime<chrono::Utc> = t.into();
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

pub(super) fn date_value(t: SystemTime) -> HeaderValue {
    HeaderValue::from_str(&date(t)).unwrap_or(HeaderValue::from_static(""))
}

pub(super) fn gzip(data: &[u8]) -> Bytes {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(data);
    enc.finish().map(Bytes::from).unwrap_or_default()
}

pub(super) fn brotli(data: &[u8]) -> Bytes {
    let mut out = Vec::new();
    {
        // Quality 9: nearly the size of 11 at a fraction of the time.
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 9, 22);
        let _ = w.write_all(data);
    }
    Bytes::from(out)
}

/// The opaque part of a strong ETag from the content, so identical bytes always give the
/// same tag (the tag the database keeps with each file, see [`crate::output::file_tag`]).
pub(super) fn etag_of(data: &[u8]) -> String {
    crate::output::file_tag(data)
}

/// Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 says for this header).
fn etag_matches(header: &str, etag: &[u8]) -> bool {
    header
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || t.trim_start_matches("W/").as_bytes() == etag)
}

/// A content coding the server can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Coding {
    Brotli,
    Gzip,
    Identity,
}

/// How much the client wants each coding: quality values in thousandths (RFC 9110 §12.4.2),
/// for brotli, gzip and identity.
fn qualities(accept: &str) -> [u16; 3] {
    let (mut br, mut gz, mut id, mut star) = (None, None, None, None);
    for element in accept.split(',') {
        let mut parts = element.split(';');
        let name = parts.next().unwrap_or("").trim();
        if name.is_empty() {
            continue;
        }
        let mut q = 1000;
        for param in parts {
            if let Some((key, value)) = param.split_once('=') {
                if key.trim().eq_ignore_ascii_case("q") {
                    q = qvalue(value.trim());
                }
            }
        }
        // The first mention of a coding counts.
        let slot = if name.eq_ignore_ascii_case("br") {
            &mut br
        } else if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
            &mut gz
        } else if name.eq_ignore_ascii_case("identity") {
            &mut id
        } else if name == "*" {
            &mut star
        } else {
            continue;
        };
        slot.get_or_insert(q);
    }
    // `*` stands for every coding not named; identity is acceptable unless refused by name,
    // or by `*;q=0` without naming it (RFC 9110 §12.5.3), but a client that names only
    // codings prefers any of them to it.
    [
        br.or(star).unwrap_or(0),
        gz.or(star).unwrap_or(0),
        id.or(star).unwrap_or(1),
    ]
}

/// A qvalue ("0", "0.5", "1.000") in thousandths; anything malformed counts as 0, so a
/// coding is never sent on a weight the server could not read.
fn qvalue(v: &str) -> u16 {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if frac.len() > 3 || !digits(frac) || !matches!(int, "0" | "1") {
        return 0;
    }
    let frac = frac
        .bytes()
        .zip([100, 10, 1])
        .map(|(b, unit)| u16::from(b - b'0') * unit)
        .sum::<u16>();
    if int == "1" {
        if frac == 0 {
            1000
        } else {
            0
        }
    } else {
        frac
    }
}

/// The coding to send, among those `available` (identity always is): the one the client
/// weighs highest, brotli before gzip before identity on a tie. Identity when the client
/// accepts none of them (the header is then disregarded, as RFC 9110 §12.5.3 allows).
pub(super) fn pick_coding(headers: &HeaderMap, brotli: bool, gzip: bool) -> Coding {
    let Some(accept) = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
    else {
        return Coding::Identity;
    };
    let [q_br, q_gz, q_id] = qualities(accept);
    let mut best = (q_id, Coding::Identity);
    if gzip && q_gz > 0 && q_gz >= best.0 {
        best = (q_gz, Coding::Gzip);
    }
    if brotli && q_br > 0 && q_br >= best.0 {
        best = (q_br, Coding::Brotli);
    }
    best.1
}

/// Whether the client's copy is current: `If-None-Match` names one of the file's tags, or,
/// without `If-None-Match`, the file is not newer than `If-Modified-Since`.
fn not_modified(headers: &HeaderMap, e: &Entry, etag: &HeaderValue) -> bool {
    if let Some(inm) = headers.get(header::IF_NONE_MATCH) {
        let Ok(inm) = inm.to_str() else {
            return false;
        };
        return etag_matches(inm, etag.as_bytes()) || etag_matches(inm, e.content.etag.as_bytes());
    }
    headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok())
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        // Last-Modified moves strictly later whenever the bytes change (see `Entry`), so
        // a date at or after it is a copy of these very bytes.
        .is_some_and(|since| e.modified_secs <= since.as_secs())
}

/// The answer to a GET (or HEAD) of a file.
pub(super) fn file_response(headers: &HeaderMap, e: &Entry) -> Response<Full<Bytes>> {
    let c = &e.content;
    let (gzip, brotli) = (c.gzip.get(), c.brotli.get());
    let coding = pick_coding(headers, brotli.is_some(), gzip.is_some());
    let (body, etag, encoding) = match (coding, brotli, gzip) {
        (Coding::Brotli, Some(b), _) => (b, &c.etag_brotli, Some("br")),
        (Coding::Gzip, _, Some(g)) => (g, &c.etag_gzip, Some("gzip")),
        _ => (&c.body, &c.etag, None),
    };
    let fresh = not_modified(headers, e, etag);
    let mut r = Response::new(Full::new(if fresh { Bytes::new() } else { body.clone() }));
    if fresh {
        *r.status_mut() = StatusCode::NOT_MODIFIED;
    }
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, e.content_type.clone());
    h.insert(header::ETAG, etag.clone());
    let last_modified = if e.ahead {
        // Never later than the response's own date.
        let now = SystemTime::now();
        let now_secs = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        if now_secs < e.modified_secs {
            date_value(now)
        } else {
            e.last_modified.clone()
        }
    } else {
        e.last_modified.clone()
    };
    h.insert(header::LAST_MODIFIED, last_modified);
    h.insert(header::CACHE_CONTROL, e.cache_control.clone());
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if !fresh {
        // Said explicitly so a HEAD answer carries the length a GET would.
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        if let Some(enc) = encoding {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(enc));
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(accept: &str, available: bool) -> Coding {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(accept).unwrap(),
        );
        pick_coding(&h, available, available)
    }

    #[test]
    fn etag_matching() {
        assert!(etag_matches("\"a\", \"b\"", b"\"b\""));
        assert!(etag_matches("W/\"b\"", b"\"b\""));
        assert!(etag_matches("*", b"\"b\""));
        assert!(!etag_matches("\"c\"", b"\"b\""));
    }

    #[test]
    fn accept_encoding_table() {
        use Coding::{Brotli, Gzip, Identity};
        let cases: &[(&str, Coding)] = &[
            ("gzip, deflate, br", Brotli),
            ("gzip;q=1.0, br;q=0", Gzip),
            ("identity", Identity),
            ("", Identity),
            ("gzip", Gzip),
            ("GZIP", Gzip),
            ("x-gzip", Gzip),
            ("br", Brotli),
            // q=0: not acceptable, whatever the case of the q.
            ("br;Q=0", Identity),
            ("br;q=0.000, gzip;Q=0", Identity),
            ("br ; q = 0 , gzip", Gzip),
            // `*` covers the codings not named.
            ("gzip;q=0, *", Brotli),
            ("br;q=0, *", Gzip),
            ("*", Brotli),
            ("*;q=0", Identity),
            ("br;q=0, gzip;q=0, *", Identity),
            // The highest weight wins; brotli first on a tie.
            ("gzip;q=0.9, br;q=0.5", Gzip),
            ("gzip;q=0.5, br;q=0.5", Brotli),
            ("gzip;q=0.5, identity", Identity),
            ("identity;q=0.1, gzip;q=0.2", Gzip),
            ("gzip;q=0.001", Gzip),
            ("*;q=0.5, gzip;q=0.9", Gzip),
            ("*;q=0.5, identity", Identity),
            // Malformed weights do not make a coding acceptable.
            ("br;q=abc, gzip", Gzip),
            ("br;q=2", Identity),
            ("br;q=1.5", Identity),
            ("br;q=0.0001", Identity),
            ("br;q=1.000", Brotli),
            // Unknown codings are ignored; the first mention of one counts.
            ("deflate, compress", Identity),
            ("br;q=0, br", Identity),
            (" , ,br", Brotli),
        ];
        for (accept, want) in cases {
            assert_eq!(pick(accept, true), *want, "{accept:?}");
        }
        // Nothing compressed yet: identity, whatever the client prefers.
        assert_eq!(pick("br, gzip", false), Identity);
        assert_eq!(pick("identity;q=0, br", false), Identity);
        assert_eq!(pick_coding(&HeaderMap::new(), true, true), Identity);
    }

    #[test]
    fn qvalues() {
        for (v, q) in [
            ("0", 0),
            ("0.", 0),
            ("0.5", 500),
            ("0.25", 250),
            ("0.125", 125),
            ("1", 1000),
            ("1.0", 1000),
            ("1.000", 1000),
            ("1.001", 0),
            ("0.1234", 0),
            ("-1", 0),
            ("", 0),
            (".5", 0),
        ] {
            assert_eq!(qvalue(v), q, "{v:?}");
        }
    }
}
