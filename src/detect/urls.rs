//! Links: how much a URL looks like an article's, "share this" links (never articles), and
//! which site a host belongs to.

use std::sync::LazyLock;

use regex::Regex;
use url::Url;

static DATE_IN_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:19|20)\d{2}[/\-_.]?(?:0[1-9]|1[0-2])[/\-_.]?(?:0[1-9]|[12]\d|3[01])")
        .expect("static regex")
});

/// How much a URL looks like an article's, from 0 to 1.
pub(super) fn url_score(url: &Url, page: &Url) -> f64 {
    if url == page || !crate::html::linkable(url, page) || is_share_link(url) {
        return 0.0;
    }
    let path = url.path();
    let lower = path.to_ascii_lowercase();
    let query = url.query().unwrap_or("").to_ascii_lowercase();
    let segments: Vec<&str> = path
        .split('/')
        .filter(|segment| !segment.is_empty())
        .collect();
    if segments.is_empty() && query.is_empty() {
        return 0.0;
    }
    if [
        ".jpg", ".jpeg", ".png", ".gif", ".pdf", ".zip", ".css", ".js",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
    {
        return 0.0;
    }
    let mut score: f64 = 0.1;
    let longest_digits = lower
        .split(|c: char| !c.is_ascii_digit())
        .chain(query.split(|c: char| !c.is_ascii_digit()))
        .map(str::len)
        .max()
        .unwrap_or(0);
    if longest_digits >= 5 {
        score += 0.4;
    }
    if DATE_IN_URL.is_match(&lower) {
        score += 0.2;
    }
    let path_words = [
        "/news/",
        "/article",
        "/view",
        "articleview",
        "newsview",
        "/read",
        "/story",
        "/post",
        "/entry",
        "/content",
        "/detail",
        "/blog/",
        "/a/",
        "/p/",
    ];
    let query_words = [
        "idxno=",
        "aid=",
        "no=",
        "nid=",
        "seq=",
        "arcid=",
        "article_id=",
        "articleid=",
        "news_id=",
        "newsid=",
        "idx=",
        "num=",
        "uid=",
        "wr_id=",
        "id=",
    ];
    if path_words.iter().any(|word| lower.contains(word))
        || query_words.iter().any(|word| {
            query
                .split('&')
                .any(|pair| pair.starts_with(word) && pair.len() > word.len())
        })
    {
        score += 0.3;
    }
    if let Some(last) = segments.last() {
        if last.matches('-').count() >= 3 && last.len() >= 15 {
            score += 0.3;
        }
    }
    if segments.len() >= 2 {
        score += 0.1;
    }
    let listy = [
        "list",
        "section",
        "category",
        "/tag",
        "search",
        "login",
        "logout",
        "member",
        "join",
        "subscribe",
        "rss",
        "sitemap",
        "/about",
        "javascript",
        "/index",
    ];
    if listy.iter().any(|word| lower.contains(word)) {
        score -= 0.35;
    }
    if query
        .split('&')
        .any(|pair| pair.starts_with("page=") || pair.starts_with("pg="))
    {
        score -= 0.2;
    }
    score.clamp(0.0, 1.0)
}

/// A "share this" link (to Facebook, X, Naver, Kakao, Band, Hacker News…), never an article:
/// a known sharer, or any URL with `share` in its path that passes the page on in `url=` or
/// `u=`.
pub(super) fn is_share_link(url: &Url) -> bool {
    let host = url
        .host_str()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let path = url.path().to_ascii_lowercase();
    let on = |site: &str| host == site || host.ends_with(&format!(".{site}"));
    let known = (on("news.ycombinator.com") && path.starts_with("/submitlink"))
        || (on("facebook.com") && path.starts_with("/sharer"))
        || ((on("twitter.com") || on("x.com")) && path.starts_with("/intent"))
        || on("share.naver.com")
        || (on("story.kakao.com") && path.starts_with("/share"))
        || on("sharer.kakao.com")
        || (on("band.us") && path.starts_with("/plugin/share"));
    let passes_url = url
        .query_pairs()
        .any(|(key, _)| matches!(key.as_ref(), "url" | "u"));
    known || (path.contains("share") && passes_url)
}

/// The site part of a host: `www.etnews.com` → `etnews.com`, `news.x.co.kr` → `x.co.kr`.
pub(super) fn site_of(url: &Url) -> Option<String> {
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() <= 2 || host.parse::<std::net::IpAddr>().is_ok() {
        return Some(host);
    }
    let count = labels.len();
    let second = labels[count - 2];
    let keep = if labels[count - 1].len() == 2
        && matches!(
            second,
            "co" | "or" | "go" | "ne" | "re" | "ac" | "pe" | "com" | "net" | "org" | "gov" | "edu"
        ) {
        3
    } else {
        2
    };
    Some(labels[count - keep.min(count)..].join("."))
}

/// Whether `url` is on the page's site (always, when the page has none).
pub(super) fn same_site(site: &Option<String>, url: &Url) -> bool {
    match site {
        None => true,
        Some(site) => site_of(url).is_none_or(|theirs| &theirs == site),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url() -> Url {
        Url::parse("https://news.example.kr/news/articleList.html?sc_section_code=S1N1").unwrap()
    }

    #[test]
    fn url_scores() {
        let page = url();
        let score = |href: &str| url_score(&Url::parse(href).unwrap(), &page);
        for good in [
            "https://news.example.kr/news/articleView.html?idxno=123456",
            "http://www.etnews.com/20180316000254",
            "https://www.newspim.com/news/view/20180322000244",
            "http://www.hankyung.com/news/app/newsview.php?aid=2018032082931",
            "https://blog.example.com/2026/02/10/why-we-rewrote-the-parser/",
        ] {
            assert!(score(good) >= 0.5, "{good}: {}", score(good));
        }
        for bad in [
            "https://news.example.kr/",
            "https://news.example.kr/news/articleList.html?sc_section_code=S1N2",
            "https://news.example.kr/news/articleList.html?page=2",
            "https://news.example.kr/member/login.html",
        ] {
            assert!(score(bad) < 0.3, "{bad}: {}", score(bad));
        }
    }

    #[test]
    fn share_links_are_never_articles() {
        let page = url();
        for share in [
            "https://news.ycombinator.com/submitlink?u=https%3A%2F%2Fnews.example.kr%2Fnews%2F1&t=x",
            "https://www.facebook.com/sharer/sharer.php?u=https://news.example.kr/news/articleView.html?idxno=123456",
            "https://m.facebook.com/sharer.php?u=https://news.example.kr/news/articleView.html?idxno=123456",
            "https://twitter.com/intent/tweet?url=https://news.example.kr/news/articleView.html?idxno=123456",
            "https://x.com/intent/post?url=https://news.example.kr/news/articleView.html?idxno=123456",
            "https://share.naver.com/web/shareView?url=https://news.example.kr/news/articleView.html?idxno=123456",
            "https://story.kakao.com/share?url=https://news.example.kr/news/articleView.html?idxno=123456",
            "https://sharer.kakao.com/talk/friends/picker/link?url=x",
            "https://band.us/plugin/share?body=x&route=https://news.example.kr/news/1",
            "https://www.linkedin.com/sharing/share-offsite/?url=https://news.example.kr/news/articleView.html?idxno=123456",
            "https://news.example.kr/share/article.html?u=https://news.example.kr/news/articleView.html?idxno=123456",
        ] {
            let link = Url::parse(share).unwrap();
            assert!(is_share_link(&link), "{share}");
            assert_eq!(url_score(&link, &page), 0.0, "{share}");
        }
        for article in [
            "https://news.example.kr/news/articleView.html?idxno=123456",
            "https://news.example.kr/news/2026/02/10/shareholders-vote-on-the-merger/",
            "https://www.facebook.com/dongbunews/posts/123456789",
            "https://x.com/dongbunews/status/123456789",
        ] {
            assert!(!is_share_link(&Url::parse(article).unwrap()), "{article}");
        }
    }

    #[test]
    fn sites() {
        let site = |href: &str| site_of(&Url::parse(href).unwrap());
        assert_eq!(
            site("https://www.etnews.com/x").as_deref(),
            Some("etnews.com")
        );
        assert_eq!(site("https://news.x.co.kr/").as_deref(), Some("x.co.kr"));
        assert_eq!(site("http://127.0.0.1:8080/").as_deref(), Some("127.0.0.1"));
        assert_eq!(site("file:///tmp/a.html"), None);
    }
}
