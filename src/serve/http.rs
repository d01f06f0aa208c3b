//! The answer to a file request: validators, conditional requests, content codings.

use std::io::Write;
use std::time::SystemTime;

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

pub(super) fn compress_gzip(data: &[u8]) -> Bytes {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(data);
    enc.finish().map(Bytes::from).unwrap_or_default()
}

pub(super) fn compress_brotli(data: &[u8]) -> Bytes {
    let mut out = Vec::new();
    {
        // Quality 9: nearly the size of 11 at a fraction of the time.
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 9, 22);
        let _ = w.write_all(data);
    }
    Bytes::from(out)
}

/// A strong ETag from the content (FNV-1a, 64 bits), so identical bytes always give the same tag.
pub(super) fn etag_of(data: &[u8]) -> String {
    format!("\"{:016x}-{:x}\"", crate::output::fnv64(data), data.len())
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

/// The answer to a GET (or HEAD) of a file.
pub(super) fn file_response(headers: &HeaderMap, e: &Entry) -> Response<Full<Bytes>> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
