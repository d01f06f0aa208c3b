//! Which charset a page is in, and decoding it to text: what the server or the page declares,
//! else what the bytes look like, with a warning when the result is unreadable.

use encoding_rs::Encoding;
use url::Url;

use super::Page;

/// Decodes a body with the charset [`page_charset`] finds. Malformed bytes become U+FFFD.
pub fn decode(url: Url, content_type: Option<&str>, body: &[u8]) -> Page {
    let encoding = page_charset(&url, content_type, body);
    decode_as(url, encoding, body)
}

/// [`decode`] for a body the caller gives up: valid UTF-8 (most pages) becomes the page's text
/// without being copied, and is checked for UTF-8 only once.
pub fn decode_owned(url: Url, content_type: Option<&str>, body: Vec<u8>) -> Page {
    let declared = declared_charset(content_type, &body);
    let utf8 = declared.is_none_or(|e| e == encoding_rs::UTF_8);
    if !utf8 || body.starts_with(b"\xEF\xBB\xBF") {
        return decode(url, content_type, &body);
    }
    match String::from_utf8(body) {
        Ok(html) => Page {
            url,
            html,
            encoding: encoding_rs::UTF_8.name(),
            warning: None,
            content_type: None,
        },
        Err(e) => {
            let encoding = declared.unwrap_or_else(|| guess_charset(&url, e.as_bytes()));
            decode_as(url, encoding, e.as_bytes())
        }
    }
}

/// `body` decoded from `encoding` (malformed bytes become U+FFFD), with a warning when the
/// text came out mostly unreadable.
fn decode_as(url: Url, encoding: &'static Encoding, body: &[u8]) -> Page {
    let (text, _, _) = encoding.decode(body);
    let warning = garbled_warning(&text, encoding);
    if let Some(w) = &warning {
        tracing::warn!("{url}: {w}");
    }
    Page {
        url,
        html: text.into_owned(),
        encoding: encoding.name(),
        warning,
        content_type: None,
    }
}

/// Picks the charset: the Content-Type header's, else a BOM, else a `<meta>` in the first
/// 1024 bytes, else UTF-8. Labels are read the WHATWG way, so "euc-kr" means CP949.
pub fn sniff_charset(content_type: Option<&str>, body: &[u8]) -> &'static Encoding {
    declared_charset(content_type, body).unwrap_or(encoding_rs::UTF_8)
}

/// The charset the header, a BOM or a `<meta>` declares, if any does.
fn declared_charset(content_type: Option<&str>, body: &[u8]) -> Option<&'static Encoding> {
    if let Some(enc) = content_type.and_then(charset_param).and_then(label) {
        return Some(enc);
    }
    if let Some((enc, _)) = Encoding::for_bom(body) {
        return Some(enc);
    }
    meta_charset(&body[..body.len().min(1024)])
}

/// The charset of a page fetched from `url`: the declared one, else UTF-8 when the bytes are
/// UTF-8, else what the bytes look like (chardetng, with the site's country as a hint: an
/// undeclared `.kr` page is most likely EUC-KR).
pub fn page_charset(url: &Url, content_type: Option<&str>, body: &[u8]) -> &'static Encoding {
    if let Some(enc) = declared_charset(content_type, body) {
        return enc;
    }
    if std::str::from_utf8(body).is_ok() {
        return encoding_rs::UTF_8;
    }
    guess_charset(url, body)
}

/// What undeclared, non-UTF-8 bytes look like, with the site's country as a hint.
fn guess_charset(url: &Url, body: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(body, true);
    let tld = url
        .host_str()
        .and_then(|h| h.rsplit('.').next())
        .filter(|t| t.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(str::as_bytes);
    detector.guess(tld, true)
}

/// A warning when decoding went wrong: most non-ASCII characters became U+FFFD.
fn garbled_warning(text: &str, encoding: &'static Encoding) -> Option<String> {
    let (mut replaced, mut non_ascii) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        replaced += usize::from(c == '\u{FFFD}');
    }
    (replaced >= 16 && replaced * 2 >= non_ascii).then(|| {
        format!(
            "the page reads as mostly unreadable characters in {} ({replaced} of {non_ascii}); \
             its charset may be wrong: check the server's Content-Type or <meta charset>",
            encoding.name()
        )
    })
}

fn label(name: &[u8]) -> Option<&'static Encoding> {
    // A page that claims UTF-16 in ASCII markup is not UTF-16; WHATWG says read it as UTF-8.
    Encoding::for_label(name)
        .map(|e| e.output_encoding())
        .or_else(|| {
            // Names Korean pages use that the WHATWG list lacks; all mean CP949, which
            // encoding_rs's EUC-KR decoder is.
            let name = String::from_utf8_lossy(name).to_ascii_lowercase();
            matches!(
                name.as_str(),
                "cp949" | "ms949" | "x-windows-949" | "uhc" | "euckr" | "x-euc-kr"
            )
            .then_some(encoding_rs::EUC_KR)
        })
}

/// The value of `charset=` in a header or attribute value.
fn charset_param(value: &str) -> Option<&[u8]> {
    find_charset(value.as_bytes())
}

fn find_charset(bytes: &[u8]) -> Option<&[u8]> {
    let lower: Vec<u8> = bytes.iter().map(u8::to_ascii_lowercase).collect();
    let at = find(&lower, b"charset")?;
    let mut i = at + b"charset".len();
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    if bytes.get(i) != Some(&b'=') {
        return find_charset(&bytes[at + 1..]);
    }
    i += 1;
    while i < bytes.len()
        && (bytes[i].is_ascii_whitespace() || bytes[i] == b'"' || bytes[i] == b'\'')
    {
        i += 1;
    }
    let start = i;
    while i < bytes.len()
        && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'-' | b'_' | b'.' | b':'))
    {
        i += 1;
    }
    (i > start).then(|| &bytes[start..i])
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `<meta charset=...>` or `<meta http-equiv="Content-Type" content="...; charset=...">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| start + e);
        if let Some(enc) = find_charset(&head[start..end]).and_then(label) {
            return Some(enc);
        }
        from = start + 5;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_table() {
        let euc_kr_meta =
            b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\">";
        let cases: &[(Option<&str>, &[u8], &str)] = &[
            (None, b"<html>plain", "UTF-8"),
            (Some("text/html; charset=EUC-KR"), b"<html>", "EUC-KR"),
            (Some("text/html;charset=\"utf-8\""), euc_kr_meta, "UTF-8"),
            (Some("text/html"), euc_kr_meta, "EUC-KR"),
            (None, b"<meta charset=\"ks_c_5601-1987\">", "EUC-KR"),
            (None, b"<meta charset=cp949>", "EUC-KR"),
            (Some("text/html; charset=x-windows-949"), b"", "EUC-KR"),
            (None, b"<meta charset=MS949>", "EUC-KR"),
            (None, b"<META CHARSET='Shift_JIS'>", "Shift_JIS"),
            (None, b"\xEF\xBB\xBF<meta charset=euc-kr>", "UTF-8"),
            (None, b"<meta charset=utf-16>", "UTF-8"),
            (
                Some("text/html; charset=bogus"),
                b"<meta charset=euc-kr>",
                "EUC-KR",
            ),
            (
                None,
                b"<meta name=\"charset\" content=\"x\"><meta charset=\"euc-kr\">",
                "EUC-KR",
            ),
            (
                None,
                b"<p>charset=euc-kr in text is not a meta</p>",
                "UTF-8",
            ),
        ];
        for (ct, body, want) in cases {
            assert_eq!(
                sniff_charset(*ct, body).name(),
                *want,
                "{ct:?} {:?}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn meta_beyond_1024_bytes_is_ignored() {
        let mut body = vec![b' '; 1100];
        body.extend_from_slice(b"<meta charset=euc-kr>");
        assert_eq!(sniff_charset(None, &body).name(), "UTF-8");
    }

    #[test]
    fn decodes_euc_kr() {
        let (bytes, _, _) = encoding_rs::EUC_KR.encode("<meta charset=euc-kr><p>많이 본 뉴스</p>");
        let page = decode(Url::parse("http://x/").unwrap(), None, &bytes);
        assert!(page.html.contains("많이 본 뉴스"));
        assert_eq!(page.encoding, "EUC-KR");
    }

    #[test]
    fn undeclared_euc_kr_is_detected() {
        let html = "<html><head><title>경제</title></head><body><ul>\
            <li><a href=\"/1\">한국은행, 기준금리 연 3.00%로 동결…물가 불확실성</a></li>\
            <li><a href=\"/2\">코스피 외국인 순매수에 2,600선 회복</a></li>\
            <li><a href=\"/3\">많이 본 뉴스: 부동산 대출 규제 강화 발표</a></li></ul></body></html>";
        let (bytes, _, _) = encoding_rs::EUC_KR.encode(html);
        let page = decode(
            Url::parse("http://news.example.co.kr/list").unwrap(),
            None,
            &bytes,
        );
        assert_eq!(page.encoding, "EUC-KR");
        assert!(page.html.contains("기준금리"), "{}", page.html);
        assert!(page.warning.is_none());
    }

    #[test]
    fn unreadable_text_is_warned_about() {
        let html =
            "<meta charset=utf-8><p>한국은행 기준금리 동결, 물가 불확실성 커져 시장 관망세</p>";
        let (bytes, _, _) = encoding_rs::EUC_KR.encode(html);
        let page = decode(Url::parse("http://x.kr/").unwrap(), None, &bytes);
        assert_eq!(page.encoding, "UTF-8");
        let warning = page.warning.expect("a warning");
        assert!(warning.contains("charset may be wrong"), "{warning}");
    }
}
