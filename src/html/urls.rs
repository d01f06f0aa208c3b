//! URLs on a page: `<base href>`, links resolved and made canonical, which schemes a page
//! may link to, and the image an `<img>` really shows.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};
use url::Url;

static BASE: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("base[href]").expect("static selector"));

/// The page's `<base href>`, resolved against its URL; else the URL itself.
pub fn base_url(doc: &Html, page_url: &Url) -> Url {
    resolve_base(
        page_url,
        doc.select(&BASE)
            .next()
            .and_then(|b| b.value().attr("href")),
    )
}

/// Whether a page at `from` may link to `url` in a feed: http and https always; `file:` only
/// from a local page. A web page must never get a local file fetched or published.
pub fn linkable(url: &Url, from: &Url) -> bool {
    match url.scheme() {
        "http" | "https" => true,
        "file" => from.scheme() == "file",
        _ => false,
    }
}

/// A page's `<base href>` value resolved against its URL, when it is one the page may use;
/// else the page URL.
pub fn resolve_base(page_url: &Url, href: Option<&str>) -> Url {
    href.and_then(|h| page_url.join(h.trim()).ok())
        .filter(|u| linkable(u, page_url))
        .unwrap_or_else(|| page_url.clone())
}

/// Resolves an href to a canonical URL; skips `javascript:`, `mailto:`, bare fragments, and
/// `file:` links on web pages.
pub fn resolve_link(href: &str, base: &Url) -> Option<Url> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let url = base.join(href).ok()?;
    linkable(&url, base).then(|| canonical_url(url))
}

/// The image URL an `<img>` shows: `src` unless it is a placeholder, then the lazy-loading
/// attributes, then the first `srcset` candidate.
pub fn image_src<'a>(el: ElementRef<'a>) -> Option<&'a str> {
    let v = el.value();
    let real = |s: &&str| !s.trim().is_empty() && !s.trim_start().starts_with("data:");
    v.attr("src")
        .filter(real)
        .or_else(|| v.attr("data-src").filter(real))
        .or_else(|| v.attr("data-original").filter(real))
        .or_else(|| v.attr("data-lazy-src").filter(real))
        .or_else(|| {
            v.attr("srcset")
                .and_then(|s| s.split(',').next())
                .and_then(|s| s.split_whitespace().next())
        })
}

/// Query parameters that only track where a click came from; they make one article look like many.
fn is_tracking_param(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_")
        || matches!(
            name.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "gbraid"
                | "wbraid"
                | "msclkid"
                | "yclid"
                | "igshid"
                | "mc_cid"
                | "mc_eid"
                | "_ga"
                | "_gl"
                | "ref_src"
        )
}

/// The URL that identifies an article: fragment dropped, tracking parameters dropped, the
/// rest of the query kept as written and in order.
pub fn canonical_url(mut url: Url) -> Url {
    url.set_fragment(None);
    if let Some(query) = url.query() {
        let kept: Vec<&str> = query
            .split('&')
            .filter(|pair| {
                let name = pair.split('=').next().unwrap_or("");
                !pair.is_empty() && !is_tracking_param(name)
            })
            .collect();
        let kept = kept.join("&");
        url.set_query((!kept.is_empty()).then_some(kept.as_str()));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_url_table() {
        let cases = [
            (
                "https://www.newspim.com/news/view/20260210000123",
                "https://www.newspim.com/news/view/20260210000123",
            ),
            (
                "https://www.newspim.com/news/view/20260210000123#comments",
                "https://www.newspim.com/news/view/20260210000123",
            ),
            (
                "https://a.kr/view?idxno=5&utm_source=main&utm_medium=list",
                "https://a.kr/view?idxno=5",
            ),
            ("https://a.kr/view?utm_source=x", "https://a.kr/view"),
            (
                "https://a.kr/view?fbclid=abc&no=3&gclid=d",
                "https://a.kr/view?no=3",
            ),
            (
                "https://a.kr/view?no=3&&sid=%ED%95%9C",
                "https://a.kr/view?no=3&sid=%ED%95%9C",
            ),
            ("HTTPS://A.KR:443/x", "https://a.kr/x"),
            ("https://a.kr/x?UTM_Campaign=1#top", "https://a.kr/x"),
            ("https://a.kr/x?q=a+b&page=2", "https://a.kr/x?q=a+b&page=2"),
        ];
        for (input, want) in cases {
            assert_eq!(
                canonical_url(Url::parse(input).unwrap()).as_str(),
                want,
                "{input}"
            );
        }
    }

    #[test]
    fn resolve_link_table() {
        let base = Url::parse("https://news.example.kr/news/list.html?sc=1").unwrap();
        let cases = [
            (
                "/news/articleView.html?idxno=1",
                Some("https://news.example.kr/news/articleView.html?idxno=1"),
            ),
            (
                "articleView.html?idxno=2",
                Some("https://news.example.kr/news/articleView.html?idxno=2"),
            ),
            ("../view/3", Some("https://news.example.kr/view/3")),
            ("//cdn.example.kr/a/4", Some("https://cdn.example.kr/a/4")),
            ("  /x/5  ", Some("https://news.example.kr/x/5")),
            ("#", None),
            ("#top", None),
            ("javascript:void(0)", None),
            ("mailto:desk@example.kr", None),
            ("", None),
            ("file:///etc/passwd", None),
            (
                "../../../../etc/passwd",
                Some("https://news.example.kr/etc/passwd"),
            ),
        ];
        for (href, want) in cases {
            assert_eq!(
                resolve_link(href, &base).as_ref().map(Url::as_str),
                want,
                "{href}"
            );
        }
    }
}
