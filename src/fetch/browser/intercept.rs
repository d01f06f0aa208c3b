//! Answering a tab's paused requests: blocked kinds fail, refused addresses fail (and stop
//! the tab when it is its main document), the rest go on with the feed's own headers. Also
//! watches the tab's navigations, Chromium's log and crashes for reasons to stop early.

use std::collections::HashMap;
use std::sync::Arc;

use chromiumoxide::cdp::browser_protocol::fetch::{
    ContinueRequestParams, EventRequestPaused, FailRequestParams, HeaderEntry,
};
use chromiumoxide::cdp::browser_protocol::inspector::EventTargetCrashed;
use chromiumoxide::cdp::browser_protocol::log::EventEntryAdded;
use chromiumoxide::cdp::browser_protocol::network::{ErrorReason, ResourceType};
use chromiumoxide::cdp::browser_protocol::page::{EventFrameRequestedNavigation, FrameId};
use chromiumoxide::listeners::EventStream;
use chromiumoxide::Page;
use futures_util::StreamExt;
use url::Url;

use super::page::{Job, Stop};
use super::reach::Reach;
use super::Failure;
use crate::config::{Request, Resource};

/// What to do with one paused request.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Decision {
    /// Go on, with these headers in place of the browser's (`None`: the browser's own).
    Continue(Option<Vec<(String, String)>>),
    /// A kind of resource the feed blocks.
    Block,
    /// An address the page may not reach, and why.
    Refuse(String),
}

/// Decides a paused request from what its URL says (its host name's addresses are checked
/// after, by the caller). `browser_headers` are the headers the browser would send.
pub(super) fn decide(
    job_block: &[Resource],
    reach: &Reach,
    request: &Request,
    kind: &ResourceType,
    url: &Url,
    browser_headers: &[(String, String)],
) -> Decision {
    let blocked = match kind {
        ResourceType::Image => Some(Resource::Image),
        ResourceType::Font => Some(Resource::Font),
        ResourceType::Media => Some(Resource::Media),
        ResourceType::Stylesheet => Some(Resource::Stylesheet),
        _ => None,
    };
    if blocked.is_some_and(|b| job_block.contains(&b)) {
        return Decision::Block;
    }
    if let Some(why) = reach.refuses(url) {
        return Decision::Refuse(why);
    }
    let ours: Vec<(String, String)> = request
        .headers_for(url)
        .filter(|h| !h.name.eq_ignore_ascii_case("user-agent"))
        .map(|h| (h.name.clone(), h.value.clone()))
        .collect();
    if ours.is_empty() {
        return Decision::Continue(None);
    }
    let mut headers: Vec<(String, String)> = browser_headers
        .iter()
        .filter(|(n, _)| !ours.iter().any(|(o, _)| o.eq_ignore_ascii_case(n)))
        .cloned()
        .collect();
    headers.extend(ours);
    Decision::Continue(Some(headers))
}

/// The events of a tab the interceptor answers or watches.
pub(super) struct TabEvents {
    pub(super) paused: EventStream<EventRequestPaused>,
    pub(super) requested: EventStream<EventFrameRequestedNavigation>,
    pub(super) log: EventStream<EventEntryAdded>,
    pub(super) crashed: EventStream<EventTargetCrashed>,
}

/// Answers every paused request of the tab, and watches its main frame's navigations.
pub(super) async fn intercept(
    page: Page,
    events: TabEvents,
    main_frame: Option<FrameId>,
    job: Arc<Job>,
    refusal: Arc<Stop>,
) {
    let TabEvents {
        mut paused,
        mut requested,
        mut log,
        mut crashed,
    } = events;
    let mut resolved: HashMap<String, Option<String>> = HashMap::new();
    loop {
        tokio::select! {
            Some(ev) = paused.next() => {
                let main = Some(&ev.frame_id) == main_frame.as_ref()
                    && ev.resource_type == ResourceType::Document;
                let decision = match Url::parse(&ev.request.url) {
                    Err(_) => Decision::Refuse(format!("`{}` is not a URL", ev.request.url)),
                    Ok(url) => {
                        let headers = header_list(ev.request.headers.inner());
                        let d = decide(&job.render.block, &job.reach, &job.request, &ev.resource_type, &url, &headers);
                        match d {
                            Decision::Continue(_) => match resolves_private(&job.reach, &url, &mut resolved).await {
                                Some(why) => Decision::Refuse(why),
                                None => d,
                            },
                            other => other,
                        }
                    }
                };
                let id = ev.request_id.clone();
                let sent = match decision {
                    Decision::Continue(headers) => {
                        let mut params = ContinueRequestParams::new(id);
                        params.headers = headers.map(|h| {
                            h.into_iter().map(|(name, value)| HeaderEntry { name, value }).collect()
                        });
                        page.execute(params).await.map(|_| ())
                    }
                    Decision::Block => page.execute(FailRequestParams::new(id, ErrorReason::BlockedByClient)).await.map(|_| ()),
                    Decision::Refuse(why) => {
                        tracing::debug!(target: "feedmill::browser", "refused: {why}");
                        if main {
                            refusal.refuse(why);
                        }
                        page.execute(FailRequestParams::new(id, ErrorReason::AccessDenied)).await.map(|_| ())
                    }
                };
                if sent.is_err() {
                    // The tab is gone.
                    break;
                }
            }
            Some(ev) = requested.next() => {
                if Some(&ev.frame_id) == main_frame.as_ref() {
                    let why = match Url::parse(&ev.url) {
                        Ok(url) => job.reach.refuses(&url),
                        Err(_) => Some(format!("`{}` is not a URL", ev.url)),
                    };
                    if let Some(why) = why {
                        refusal.refuse(format!("the page tried to go to {why}"));
                    }
                }
            }
            Some(ev) = log.next() => {
                const LOCAL: &str = "Not allowed to load local resource: ";
                if let Some(target) = ev.entry.text.strip_prefix(LOCAL) {
                    if !job.reach.file {
                        refusal.refuse(format!("the page tried to load the local file {}", target.trim()));
                    }
                }
            }
            Some(_) = crashed.next() => {
                refusal.set(Failure::Failed(format!(
                    "the page crashed its renderer (a page may use at most {} MiB of JavaScript memory)",
                    super::launch::JS_HEAP_MIB
                )));
            }
            else => break,
        }
    }
}

/// A header object from DevTools as (name, value) pairs.
fn header_list(value: &serde_json::Value) -> Vec<(String, String)> {
    value
        .as_object()
        .map(|o| {
            o.iter()
                .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// Why `url`'s host may not be reached because of the addresses its name resolves to, if so.
/// Names are resolved once per rendering.
async fn resolves_private(
    reach: &Reach,
    url: &Url,
    cache: &mut HashMap<String, Option<String>>,
) -> Option<String> {
    if reach.private || super::reach::host_is_private(url).is_some() {
        return None;
    }
    let host = url.host_str()?.to_string();
    if let Some(known) = cache.get(&host) {
        return known.clone();
    }
    let port = url.port_or_known_default().unwrap_or(443);
    let verdict = match tokio::net::lookup_host((host.as_str(), port)).await {
        Ok(addrs) => addrs
            .map(|a| a.ip())
            .find_map(|ip| reach.check_ip(&host, ip)),
        // The browser will fail to resolve it too.
        Err(_) => None,
    };
    cache.insert(host, verdict.clone());
    verdict
}

#[cfg(test)]
mod tests {
    use chromiumoxide::cdp::browser_protocol::network::ResourceType;
    use url::Url;

    use super::{decide, Decision};
    use crate::config::{Header, Request, Resource};
    use crate::fetch::browser::reach::Reach;

    fn header(name: &str, value: &str, credential: bool) -> Header {
        Header {
            name: name.into(),
            value: value.into(),
            shown: value.into(),
            credential,
        }
    }

    #[test]
    fn each_request_is_blocked_refused_or_sent_with_the_feeds_headers() {
        let home = Url::parse("https://news.example.kr/latest").unwrap();
        let request = Request {
            headers: vec![
                header("User-Agent", "feedmill-test", false),
                header("Accept-Language", "ko-KR", false),
                header("Cookie", "consent=yes", true),
            ],
            home: vec![home.clone()],
        };
        let reach = Reach::of(&[home]);
        let block = Resource::DEFAULT;
        let browser = vec![
            ("Accept".to_string(), "*/*".to_string()),
            ("accept-language".to_string(), "en-US".to_string()),
        ];
        let url = |s: &str| Url::parse(s).unwrap();
        let go = |kind: ResourceType, u: &str| {
            decide(&block, &reach, &request, &kind, &url(u), &browser)
        };

        assert_eq!(
            go(ResourceType::Image, "https://news.example.kr/p/1.jpg"),
            Decision::Block
        );
        assert_eq!(
            go(ResourceType::Font, "https://cdn.example.com/f.woff2"),
            Decision::Block
        );
        assert!(matches!(
            go(
                ResourceType::Xhr,
                "http://169.254.169.254/latest/meta-data/"
            ),
            Decision::Refuse(_)
        ));
        // The feed's own host: every header, the browser's same-named ones replaced; the
        // User-Agent goes by the override, not a header.
        assert_eq!(
            go(ResourceType::Xhr, "https://news.example.kr/api/latest.json"),
            Decision::Continue(Some(vec![
                ("Accept".into(), "*/*".into()),
                ("Accept-Language".into(), "ko-KR".into()),
                ("Cookie".into(), "consent=yes".into()),
            ]))
        );
        // Another host: no credentials.
        assert_eq!(
            go(ResourceType::Script, "https://cdn.example.com/app.js"),
            Decision::Continue(Some(vec![
                ("Accept".into(), "*/*".into()),
                ("Accept-Language".into(), "ko-KR".into()),
            ]))
        );
        // Nothing of the feed's own to add: the browser's headers as they are.
        let bare = Request::default();
        assert_eq!(
            decide(
                &block,
                &reach,
                &bare,
                &ResourceType::Script,
                &url("https://cdn.example.com/a.js"),
                &browser
            ),
            Decision::Continue(None)
        );
    }
}
