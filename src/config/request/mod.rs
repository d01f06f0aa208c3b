//! `[feeds.<id>.request]` and `[settings.request]`: the headers, cookies and User-Agent a
//! feed's requests carry.
//!
//! Values may name environment variables (`"${NEWS_API_KEY}"`, `"Bearer ${TOKEN}"`) so that
//! secrets stay out of the file; an unset one is a config error. Every header is checked here
//! (name, value, no header feedmill sets itself), so the fetcher can send them as they are.
//!
//! Each header knows whether it is a *credential*: anything but a handful of harmless headers
//! (`Accept-Language`, `Referer`, …), and anything that came from the environment. Credentials
//! go only to the feed's own hosts ([`Request::home`]); a redirect or an article link to any
//! other host gets the harmless headers alone. `check` shows each header with secrets masked.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use url::Url;

use super::validate::Validator;
use super::ConfigError;

mod expand;

pub(in crate::config) use expand::Expanded;
use expand::{expand, ExpandError};

/// `[feeds.<id>.request]` (and `[settings.request]`) as written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRequest {
    #[serde(default)]
    pub(super) headers: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    pub(super) cookies: BTreeMap<Spanned<String>, Spanned<String>>,
    pub(super) user_agent: Option<Spanned<String>>,
}

/// One header a feed's requests carry, checked and with its variables filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// As written (`Accept-Language`); HTTP header names are case-insensitive.
    pub name: String,
    /// What is sent.
    pub value: String,
    /// What `check` shows: secrets and values from the environment as `****`.
    pub shown: String,
    /// Sent only to the feed's own hosts, never across a redirect to another one.
    pub credential: bool,
}

/// What a feed's requests carry beyond feedmill's own headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// In the order sent: the `User-Agent` first, then the headers by name, the `Cookie` last.
    pub headers: Vec<Header>,
    /// The pages the feed names (its `url`s and page template): the hosts that may have the
    /// credential headers.
    pub home: Vec<Url>,
}

impl Request {
    /// The headers to send to `target`: all of them on one of the feed's own hosts, only the
    /// harmless ones anywhere else.
    pub fn headers_for<'a>(&'a self, target: &'a Url) -> impl Iterator<Item = &'a Header> + 'a {
        let home = self.home.iter().any(|h| same_host(h, target));
        self.headers.iter().filter(move |h| home || !h.credential)
    }

    /// The credential headers, by name (what a redirect to another host leaves behind).
    pub fn credential_names(&self) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|h| h.credential)
            .map(|h| h.name.as_str())
            .collect()
    }
}

/// `[settings.request]`: headers and cookies every feed starts from (a feed's own table
/// overrides them name by name).
#[derive(Debug, Clone, Default)]
pub struct RequestDefaults {
    headers: Vec<(String, Expanded)>,
    cookies: Vec<(String, Expanded)>,
}

/// Whether `target` is on `home`'s host: the same host name and the same port (a port counts,
/// as it does for reqwest's own rule about credentials on redirects). The one exception is
/// the upgrade from `http://host` to `https://host`, which many sites redirect to.
pub fn same_host(home: &Url, target: &Url) -> bool {
    let upgrade = home.scheme() == "http"
        && target.scheme() == "https"
        && home.port().is_none()
        && target.port().is_none();
    home.host_str() == target.host_str()
        && (upgrade || home.port_or_known_default() == target.port_or_known_default())
}

/// Headers that carry nothing secret, so they may follow a redirect to another host.
const HARMLESS: &[&str] = &[
    "accept",
    "accept-language",
    "cache-control",
    "dnt",
    "pragma",
    "referer",
    "user-agent",
];

/// Headers whose whole value `check` masks.
fn secret_name(lower: &str) -> bool {
    matches!(lower, "cookie" | "authorization" | "proxy-authorization")
        || ["key", "token", "secret", "auth", "session", "pass", "sign"]
            .iter()
            .any(|w| lower.contains(w))
}

/// Headers feedmill sets itself (or the HTTP library does): a feed may not set them.
const MANAGED: &[&str] = &[
    "accept-encoding",
    "connection",
    "content-length",
    "host",
    "if-modified-since",
    "if-none-match",
    "te",
    "transfer-encoding",
    "upgrade",
];

/// What `check` shows of a header: the whole value masked for secret names (an
/// `Authorization` keeps its scheme word), the environment's parts masked for the others.
fn shown(lower: &str, e: &Expanded) -> String {
    if !secret_name(lower) {
        return e.shown.clone();
    }
    match e.value.split_once(' ') {
        Some((scheme, _)) if lower.contains("authorization") => format!("{scheme} ****"),
        _ => "****".to_string(),
    }
}

/// A cookie name is an HTTP token (RFC 6265).
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A cookie value is visible ASCII without `"`, `,`, `;` or `\` (RFC 6265 cookie-octet).
fn is_cookie_value(s: &str) -> bool {
    s.bytes()
        .all(|b| (0x21..=0x7e).contains(&b) && !b"\",;\\".contains(&b))
}

/// A key as TOML writes it, quoted when it is not a bare key.
fn toml_key(name: &str) -> String {
    if !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        name.to_string()
    } else {
        format!("{name:?}")
    }
}

impl Validator<'_> {
    /// Fills in the variables of one value, or says which is missing.
    pub(in crate::config) fn expanded(
        &self,
        at: &Spanned<String>,
        key: &str,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Expanded, ConfigError> {
        expand(at.get_ref(), env).map_err(|e| {
            let message = match e {
                ExpandError::Unset(name) => format!(
                    "the environment variable `{name}` is not set; set it before running feedmill (the value is read from it so that it stays out of this file)"
                ),
                ExpandError::Empty(name) => format!(
                    "the environment variable `{name}` is empty; set it to the value to send"
                ),
                ExpandError::Malformed => "a `${` here does not name a variable; write `${NAME}` (letters, digits and _), or `$${` for a literal `${`".to_string(),
            };
            self.err(at, key, message)
        })
    }

    /// A header value that HTTP can carry. A value from the environment is not repeated.
    fn header_value(
        &self,
        at: &Spanned<String>,
        key: &str,
        e: &Expanded,
    ) -> Result<(), ConfigError> {
        if reqwest::header::HeaderValue::from_str(&e.value).is_ok() {
            return Ok(());
        }
        let message = if e.from_env {
            "the value from the environment cannot be sent in a header (it holds a line break or another control character)".to_string()
        } else {
            format!(
                "{:?} cannot be sent in a header: it holds a line break or another control character",
                at.get_ref()
            )
        };
        Err(self.err(at, key, message))
    }

    /// The headers and cookies of one `request` table under `table` ("feeds.news.request").
    fn request_parts(
        &self,
        raw: &RawRequest,
        table: &str,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<RequestDefaults, ConfigError> {
        let mut parts = RequestDefaults::default();
        for (name, value) in &raw.headers {
            let key = format!("{table}.headers.{}", toml_key(name.get_ref()));
            let lower = name.get_ref().to_ascii_lowercase();
            if reqwest::header::HeaderName::from_bytes(name.get_ref().as_bytes()).is_err() {
                return Err(self.err(
                    name,
                    &key,
                    format!(
                        "`{}` is not a header name: use letters, digits and - only, like \"Accept-Language\"",
                        name.get_ref()
                    ),
                ));
            }
            let hint = match lower.as_str() {
                "user-agent" => Some(format!("set `{table}.user_agent` instead")),
                "cookie" => Some(format!(
                    "list cookies in `{table}.cookies`, like cookies = {{ consent = \"yes\" }}"
                )),
                m if MANAGED.contains(&m) => Some(format!(
                    "feedmill sets `{}` itself; remove it",
                    name.get_ref()
                )),
                _ => None,
            };
            if let Some(hint) = hint {
                return Err(self.err(name, &key, hint));
            }
            if parts.headers.iter().any(|(n, _)| *n == lower) {
                return Err(self.err(
                    name,
                    &key,
                    "this header is given twice (names are case-insensitive); keep one",
                ));
            }
            let e = self.expanded(value, &key, env)?;
            self.header_value(value, &key, &e)?;
            parts.headers.push((lower, e));
        }
        for (name, value) in &raw.cookies {
            let key = format!("{table}.cookies.{}", toml_key(name.get_ref()));
            if !is_token(name.get_ref()) {
                return Err(self.err(
                    name,
                    &key,
                    format!(
                        "`{}` is not a cookie name: no spaces, quotes or any of ()<>@,;:\\/[]?={{}}",
                        name.get_ref()
                    ),
                ));
            }
            let e = self.expanded(value, &key, env)?;
            if !is_cookie_value(&e.value) {
                let what = if e.from_env {
                    "the value from the environment".to_string()
                } else {
                    format!("`{}`", value.get_ref())
                };
                return Err(self.err(
                    value,
                    &key,
                    format!("{what} is not a cookie value: visible ASCII only, without spaces, quotes, commas, semicolons or backslashes (percent-encode it)"),
                ));
            }
            parts.cookies.push((name.get_ref().clone(), e));
        }
        Ok(parts)
    }

    /// `[settings.request]`: a `user_agent` there is refused, `settings.user_agent` says it.
    pub(super) fn request_defaults(
        &self,
        raw: Option<RawRequest>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<RequestDefaults, ConfigError> {
        let Some(raw) = raw else {
            return Ok(RequestDefaults::default());
        };
        if let Some(ua) = &raw.user_agent {
            return Err(self.err(
                ua,
                "settings.request.user_agent",
                "set the User-Agent of every feed with `settings.user_agent`",
            ));
        }
        self.request_parts(&raw, "settings.request", env)
    }

    /// A feed's `request` table over `defaults`; `home` names the feed's own pages.
    pub(super) fn request(
        &self,
        raw: Option<RawRequest>,
        feed: &str,
        defaults: &RequestDefaults,
        home: Vec<Url>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Request, ConfigError> {
        let table = format!("feeds.{feed}.request");
        let raw = raw.unwrap_or_default();
        let own = self.request_parts(&raw, &table, env)?;
        let user_agent = match &raw.user_agent {
            None => None,
            Some(ua) => {
                let key = format!("{table}.user_agent");
                let e = self.expanded(ua, &key, env)?;
                self.header_value(ua, &key, &e)?;
                Some(e)
            }
        };
        let override_by_name = |base: &[(String, Expanded)], over: Vec<(String, Expanded)>| {
            let mut all: Vec<(String, Expanded)> = base
                .iter()
                .filter(|(n, _)| !over.iter().any(|(o, _)| o.eq_ignore_ascii_case(n)))
                .cloned()
                .collect();
            all.extend(over);
            all
        };
        let mut named = override_by_name(&defaults.headers, own.headers);
        named.sort_by(|a, b| a.0.cmp(&b.0));
        let cookies = override_by_name(&defaults.cookies, own.cookies);

        let mut headers = Vec::new();
        if let Some(e) = user_agent {
            headers.push(header("User-Agent", &e));
        }
        for (lower, e) in &named {
            let written = raw
                .headers
                .keys()
                .map(|k| k.get_ref())
                .find(|k| k.eq_ignore_ascii_case(lower))
                .cloned()
                .unwrap_or_else(|| lower.clone());
            headers.push(header(&written, e));
        }
        if !cookies.is_empty() {
            let join = |f: &dyn Fn(&str, &Expanded) -> String| {
                cookies
                    .iter()
                    .map(|(n, e)| f(n, e))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            headers.push(Header {
                name: "Cookie".into(),
                value: join(&|n, e| format!("{n}={}", e.value)),
                shown: join(&|n, _| format!("{n}=****")),
                credential: true,
            });
        }
        Ok(Request { headers, home })
    }
}

/// One checked header from its name and expanded value.
fn header(name: &str, e: &Expanded) -> Header {
    let lower = name.to_ascii_lowercase();
    Header {
        name: name.to_string(),
        value: e.value.clone(),
        shown: shown(&lower, e),
        credential: e.from_env || !HARMLESS.contains(&lower.as_str()),
    }
}

#[cfg(test)]
mod tests;
