//! Which addresses a rendered page may reach.
//!
//! A browser follows whatever a page asks for: scripts, redirects, navigations. A page on a
//! public site must not be able to make feedmill's browser read a local file or a service on
//! the private network (a router's admin page, a cloud metadata endpoint) and put it in a
//! feed. So `file://` and private addresses are refused, unless the feed's own URL is one
//! (a local test site, an intranet): the same rule as for `file://` links in a page.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use url::{Host, Url};

/// What a feed's pages may reach, decided from the feed's own URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    /// The feed itself is on a private or loopback address.
    pub private: bool,
    /// The feed itself is a `file://` page.
    pub file: bool,
}

impl Reach {
    /// The reach of a feed whose own pages are `home`.
    pub fn of(home: &[Url]) -> Reach {
        Reach {
            private: home.iter().any(|u| host_is_private(u) == Some(true)),
            file: home.iter().any(|u| u.scheme() == "file"),
        }
    }

    /// Why `url` may not be loaded, or `None` when it may (as far as its text tells: a host
    /// name that resolves to a private address is caught by [`Reach::check_ip`]).
    pub fn refuses(&self, url: &Url) -> Option<String> {
        match url.scheme() {
            "http" | "https" | "ws" | "wss" => {
                if !self.private && host_is_private(url) == Some(true) {
                    Some(format!("{url} is on a private network address"))
                } else {
                    None
                }
            }
            "file" if self.file => None,
            "file" => Some(format!("{url} is a local file")),
            // No request leaves the browser for these.
            "data" | "blob" | "about" => None,
            other => Some(format!("{url}: the `{other}:` scheme is not loaded")),
        }
    }

    /// Why a host that resolved to `ip` may not be reached, or `None` when it may.
    pub fn check_ip(&self, host: &str, ip: IpAddr) -> Option<String> {
        (!self.private && is_private_ip(ip))
            .then(|| format!("{host} resolves to the private address {ip}"))
    }
}

/// Whether `url`'s host is private as written: `Some(true)` for private or loopback IPs and
/// `localhost` names, `Some(false)` for public IPs, `None` for other names (DNS decides).
pub fn host_is_private(url: &Url) -> Option<bool> {
    match url.host()? {
        Host::Ipv4(ip) => Some(is_private_ip(IpAddr::V4(ip))),
        Host::Ipv6(ip) => Some(is_private_ip(IpAddr::V6(ip))),
        Host::Domain(d) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            (d == "localhost" || d.ends_with(".localhost")).then_some(true)
        }
    }
}

/// Loopback, private (RFC 1918, unique local), link-local, shared (carrier NAT), unspecified
/// and broadcast addresses: none of them is a public web site.
pub fn is_private_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_private_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private_v4(v4);
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || v6 == Ipv6Addr::LOCALHOST
        }
    }
}

fn is_private_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || (a == 100 && (64..128).contains(&b))
        || a == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn a_public_feed_reaches_public_sites_only() {
        let reach = Reach::of(&[url("https://news.example.kr/list")]);
        assert_eq!(
            reach,
            Reach {
                private: false,
                file: false
            }
        );
        for ok in [
            "https://news.example.kr/a/1",
            "https://cdn.example.com/app.js",
            "http://203.0.113.9/x",
            "data:text/plain,hi",
            "about:blank",
            "wss://push.example.kr/",
        ] {
            assert_eq!(reach.refuses(&url(ok)), None, "{ok}");
        }
        for bad in [
            "file:///etc/passwd",
            "http://127.0.0.1:8080/",
            "http://localhost/admin",
            "http://intranet.localhost/",
            "http://10.0.0.1/",
            "http://172.16.5.4/",
            "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://100.64.0.1/",
            "http://0.0.0.0:9000/",
            "http://[::1]/",
            "http://[fd00::1]/",
            "http://[fe80::1]/",
            "http://[::ffff:127.0.0.1]/",
            "chrome://settings",
            "ftp://example.com/x",
        ] {
            assert!(reach.refuses(&url(bad)).is_some(), "{bad}");
        }
    }

    #[test]
    fn a_local_feed_may_reach_local_addresses() {
        let reach = Reach::of(&[url("http://127.0.0.1:8080/list")]);
        assert!(reach.private && !reach.file);
        assert_eq!(reach.refuses(&url("http://192.168.1.1/")), None);
        assert!(reach.refuses(&url("file:///etc/passwd")).is_some());
        let files = Reach::of(&[url("file:///srv/site/list.html")]);
        assert_eq!(files.refuses(&url("file:///srv/site/a.html")), None);
    }

    #[test]
    fn names_are_checked_by_what_they_resolve_to() {
        let reach = Reach::of(&[url("https://news.example.kr/")]);
        assert_eq!(host_is_private(&url("https://news.example.kr/")), None);
        assert!(reach
            .check_ip("evil.example", "10.1.2.3".parse().unwrap())
            .is_some());
        assert_eq!(
            reach.check_ip("news.example.kr", "203.0.113.7".parse().unwrap()),
            None
        );
    }
}
