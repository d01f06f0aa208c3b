//! URLs on a page: `<base href>`, links resolved and made canonical, which schemes a page
//! may link to, and the image an `<img>` really shows.

use scraper::node::Element;
use scraper::{ElementRef, Html};
use url::Url;

/// The page's `<base href>`, resolved against its URL; else the URL itself.
pub fn base_url(doc: &Html, page_url: &Url) -> Url {
    // By tag name, not a selector tried on every element: this runs for every page read.
    let href = super::elements(doc)
        .find(|e| e.value().name() == "base" && e.value().attr("href").is_some())
        .and_then(|e| e.value().attr("href"));
    resolve_base(page_url, href)
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

/// The image URL an `<img>` shows: see [`image_source`].
pub fn image_src<'a>(el: ElementRef<'a>) -> Option<&'a str> {
    image_source(el.value())
}

/// Lazy-loading attributes: where lazy loaders keep the real address while `src` holds a
/// placeholder, until the image scrolls into view.
const LAZY_ATTRS: &[&str] = &["data-src", "data-original", "data-lazy-src"];

/// The address an `<img>` shows once its page has loaded, the one rule for list pages and
/// article pages alike: a lazy-loading attribute first (`data-src`, `data-original`,
/// `data-lazy-src`, then the first `data-srcset` candidate), as the lazy loader will put it
/// in place; else `src`; else the first `srcset` candidate. `data:` URLs and placeholders
/// ([`is_placeholder_image`]) never count, nor a `src` or `srcset` of an image 1 pixel wide
/// or high (a spacer or a tracking pixel). Trimmed; `None` when the image shows nothing.
pub fn image_source(e: &Element) -> Option<&str> {
    let usable = |s: &str| !s.is_empty() && !s.starts_with("data:") && !is_placeholder_image(s);
    let attr = |name: &str| e.attr(name).map(str::trim).filter(|s| usable(s));
    let srcset = |name: &str| {
        e.attr(name)
            .and_then(first_srcset_candidate)
            .filter(|s| usable(s))
    };
    let tiny = ["width", "height"].iter().any(|key| {
        e.attr(key)
            .and_then(|v| v.trim().trim_end_matches("px").trim().parse::<f32>().ok())
            .is_some_and(|v| v <= 1.0)
    });
    LAZY_ATTRS
        .iter()
        .find_map(|name| attr(name))
        .or_else(|| srcset("data-srcset"))
        .or_else(|| attr("src").filter(|_| !tiny))
        .or_else(|| srcset("srcset").filter(|_| !tiny))
}

/// The first candidate's URL in a `srcset` (`"/a.jpg 1x, /a@2x.jpg 2x"` gives `/a.jpg`), read
/// as browsers do: a URL runs to white space, and loses trailing commas.
fn first_srcset_candidate(srcset: &str) -> Option<&str> {
    let rest = srcset.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
    let url = rest
        .split(|c: char| c.is_ascii_whitespace())
        .next()?
        .trim_end_matches(',');
    (!url.is_empty()).then_some(url)
}

/// Whether an address names a picture file by its extension (`.jpg`, `.webp`, …), its query
/// and fragment aside.
pub fn is_image_url(url: &str) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif"]
        .iter()
        .any(|e| path.ends_with(e))
}

/// Whether an image address is a known stand-in rather than a picture, by its file name: one
/// that says so (`blank.gif`, `spacer.gif`, `img_lazy.png`, `loading.gif`, `placeholder.svg`,
/// `transparent.png`, `1x1.gif`), or a GIF, PNG or SVG (or a bare name) called grey, gray or
/// pixel (`/img/grey.gif`, `/common/bg_gray.png`, `/log/pixel?id=3`). A photo's name is an id or
/// a date (`167473_v150.jpg`), so the folder is not looked at.
pub fn is_placeholder_image(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let name = path.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name.as_str(), ""));
    const SAYS_SO: &[&str] = &[
        "blank",
        "spacer",
        "placeholder",
        "lazy",
        "loading",
        "transparent",
        "1x1",
    ];
    if SAYS_SO.iter().any(|w| stem.contains(w)) {
        return true;
    }
    matches!(ext, "gif" | "png" | "svg" | "")
        && stem
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| matches!(word, "grey" | "gray" | "pixel"))
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
    use scraper::Selector;

    #[test]
    fn base_is_the_first_with_an_href() {
        let page = Url::parse("https://news.example/a/b.html").unwrap();
        let doc = Html::parse_document(
            r#"<html><head><base target="_top"><base href="/m/"></head><body><base href="/x/"></body></html>"#,
        );
        assert_eq!(base_url(&doc, &page).as_str(), "https://news.example/m/");
        let doc = Html::parse_document("<p>no base</p>");
        assert_eq!(base_url(&doc, &page), page);
        let doc = Html::parse_document(r#"<base href="javascript:alert(1)">"#);
        assert_eq!(base_url(&doc, &page), page);
    }

    #[test]
    fn image_source_table() {
        let cdn = "https://cdn.hanbit-econ.test/news/thumbnail/202602/167473_v150.jpg";
        let cases: &[(&str, Option<&str>)] = &[
            // a plain image
            (
                r#"<img src="/news/photo/202602/167473_200.jpg" alt="">"#,
                Some("/news/photo/202602/167473_200.jpg"),
            ),
            (r#"<img src=" /a.jpg ">"#, Some("/a.jpg")),
            // lazy loaders: the placeholder in src, the photo elsewhere
            (
                r#"<img src="/img/grey.gif" data-original="https://cdn.hanbit-econ.test/news/thumbnail/202602/167473_v150.jpg" class="lazy">"#,
                Some(cdn),
            ),
            (
                r#"<img src="/image/common/blank.gif" data-src="/p/1.jpg">"#,
                Some("/p/1.jpg"),
            ),
            (
                r#"<img src="/images/loading.gif" data-lazy-src="/p/2.jpg">"#,
                Some("/p/2.jpg"),
            ),
            (
                r#"<img src="/img/spacer.gif" data-srcset="/p/3-300.jpg 300w, /p/3-600.jpg 600w" class="lazyload">"#,
                Some("/p/3-300.jpg"),
            ),
            (
                r#"<img src="/img/1x1.png" srcset="/p/4.jpg 1x, /p/4@2x.jpg 2x">"#,
                Some("/p/4.jpg"),
            ),
            (
                r#"<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" data-src="/p/5.jpg">"#,
                Some("/p/5.jpg"),
            ),
            // a lazy attribute wins over any src: it is what the loader puts in place
            (
                r#"<img src="/p/6_thumb.jpg" data-src="/p/6.jpg">"#,
                Some("/p/6.jpg"),
            ),
            // an empty or placeholder lazy attribute does not count
            (
                r#"<img src="/p/7.jpg" data-src=" " data-original="/img/blank.gif">"#,
                Some("/p/7.jpg"),
            ),
            // src beats srcset
            (
                r#"<img src="/p/8.jpg" srcset="/p/8-2x.jpg 2x">"#,
                Some("/p/8.jpg"),
            ),
            (
                r#"<img srcset=" ,/p/9.jpg, /p/9-2x.jpg 2x">"#,
                Some("/p/9.jpg"),
            ),
            (
                r#"<img srcset="https://res.cloudinary.test/w_100,h_100/p/10.jpg 100w">"#,
                Some("https://res.cloudinary.test/w_100,h_100/p/10.jpg"),
            ),
            // nothing to show
            (r#"<img src="/img/grey.gif">"#, None),
            (r#"<img src="/images/common/placeholder.png" alt="">"#, None),
            (
                r#"<img src="https://log.hanbit-econ.test/pixel?idxno=167455" width="1" height="1">"#,
                None,
            ),
            (
                r#"<img src="https://log.hanbit-econ.test/t.php?id=3" width="1px" height="1px">"#,
                None,
            ),
            (r#"<img src="data:image/png;base64,iVBORw0KGgo=">"#, None),
            (r#"<img alt="no source">"#, None),
        ];
        for (html, want) in cases {
            let doc = Html::parse_fragment(html);
            let sel = Selector::parse("img").unwrap();
            let img = doc.select(&sel).next().unwrap();
            assert_eq!(image_src(img), *want, "{html}");
        }
    }

    #[test]
    fn placeholder_image_table() {
        for url in [
            "/img/grey.gif",
            "/img/gray.png",
            "/common/bg_gray.png",
            "https://static.x.kr/images/blank.gif",
            "/images/img_blank.png?v=2",
            "/img/spacer.gif",
            "/img/loading.gif",
            "/img/lazy_load.png",
            "/assets/lazyLoad.svg",
            "/img/placeholder-16x9.png",
            "/img/transparent.png",
            "/img/1x1.gif",
            "/log/pixel?id=3",
            "/img/pixel.gif#x",
        ] {
            assert!(is_placeholder_image(url), "{url}");
        }
        for url in [
            "https://cdn.hanbit-econ.test/news/thumbnail/202602/167473_v150.jpg",
            "/news/photo/202602/167473_200.jpg",
            "/photo/google-pixel-10.jpg",
            "/photo/grey-whale.jpg",
            "/lazy/2026/02/167473.jpg",
            "/grey/167473.jpg",
            "/img/graph_2026.png",
            "",
        ] {
            assert!(!is_placeholder_image(url), "{url}");
        }
    }

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
