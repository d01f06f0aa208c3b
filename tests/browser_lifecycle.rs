//! The browser's life inside one fetcher, with real Chromium: none is started until a page
//! is rendered; it is started again after a crash; it is stopped once it has been idle, and
//! a later page starts a new one. (Through the library: `run` keeps one fetcher for hours.)

mod common;

use std::time::Duration;

use common::chromium::{adopt_orphans, have_chromium, leaked};
use common::{wait_until, Resp, TestServer, WAIT};
use feedmill::config::{Render, Request, Resource};
use feedmill::fetch::{FetchOptions, Fetcher};

fn render_opts() -> Render {
    Render {
        wait_for: Some("ul.news li".into()),
        timeout: Duration::from_secs(30),
        block: Resource::DEFAULT.to_vec(),
    }
}

fn page() -> &'static str {
    "<html><body><div id=\"root\"></div><script>document.getElementById('root').innerHTML = \
     '<ul class=\"news\"><li><a href=\"/a/1.html\">기준금리 동결…\"물가 안정 우선\"</a></li></ul>';</script></body></html>"
}

/// The fixture site serving [`page`] at `/list`, its URL, a runtime and a fetcher with the
/// default settings (orphaned processes adopted, so any left behind can be seen).
fn site() -> (TestServer, url::Url, tokio::runtime::Runtime, Fetcher) {
    adopt_orphans();
    let server = TestServer::start();
    server.set("/list", Resp::html(page()));
    let url = url::Url::parse(&server.url("/list")).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let settings = feedmill::config::Settings::defaults(std::path::Path::new("."));
    let fetcher = Fetcher::new(&FetchOptions::from_settings(&settings)).unwrap();
    (server, url, rt, fetcher)
}

#[test]
fn the_browser_starts_late_restarts_after_a_crash_and_stops_when_idle() {
    if !have_chromium("the_browser_starts_late_restarts_after_a_crash_and_stops_when_idle") {
        return;
    }
    let (_server, url, rt, fetcher) = site();
    let fetcher = fetcher.with_browser_idle(Duration::from_millis(500));
    let pid = || rt.block_on(fetcher.browsers().pid());
    assert_eq!(pid(), None, "a browser before any page was rendered");

    let render = render_opts();
    let request = Request::default();
    let first = rt
        .block_on(fetcher.render(&url, &request, &render))
        .unwrap();
    assert!(first.html.contains("기준금리 동결"), "{}", first.html);
    let started = pid().expect("a browser after rendering");

    // SAFETY: kill(2) takes no pointers; the pid is the browser this fetcher started.
    unsafe { libc::kill(started as i32, libc::SIGKILL) };
    assert!(wait_until(WAIT, || pid().is_none()));
    let again = rt
        .block_on(fetcher.render(&url, &request, &render))
        .unwrap();
    assert!(again.html.contains("기준금리 동결"));
    let restarted = pid().expect("a new browser");
    assert_ne!(restarted, started);

    // Idle for longer than `with_browser_idle`: stopped, and every process reaped.
    assert!(wait_until(WAIT, || pid().is_none()), "never stopped");
    assert!(wait_until(WAIT, || leaked().is_empty()), "{:?}", leaked());
    let later = rt
        .block_on(fetcher.render(&url, &request, &render))
        .unwrap();
    assert!(later.html.contains("기준금리 동결"));
    drop(fetcher);
    drop(rt);
}

#[test]
fn a_browser_over_its_memory_cap_is_replaced_before_the_next_page() {
    if !have_chromium("a_browser_over_its_memory_cap_is_replaced_before_the_next_page") {
        return;
    }
    let (server, url, rt, fetcher) = site();
    // A cap every real browser is over: each page gets a browser of its own.
    let fetcher = fetcher.with_browser_memory_cap(1 << 20);
    let (render, request) = (render_opts(), Request::default());
    let mut hits = Vec::new();
    for _ in 0..2 {
        let page = rt
            .block_on(fetcher.render(&url, &request, &render))
            .unwrap();
        assert!(page.html.contains("기준금리 동결"), "{}", page.html);
        // The browser that rendered it is let go at once.
        assert!(wait_until(WAIT, || rt
            .block_on(fetcher.browsers().pid())
            .is_none()));
        hits.push(server.hits("/list"));
    }
    assert_eq!(hits, [1, 2]);
    drop(fetcher);
    assert!(wait_until(WAIT, || leaked().is_empty()), "{:?}", leaked());
}
