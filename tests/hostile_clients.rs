//! `feedmill serve` against clients that misbehave: huge and malformed requests, slow-loris
//! connections, a thousand clients at once, odd request forms. The server must refuse what
//! it cannot serve, never hand out anything outside its output folder, and keep answering
//! everyone else promptly.
//!
//! Every socket has read and write timeouts and every loop is bounded, so a server that
//! hangs fails these tests rather than stalling them. Time bounds are generous (seconds, not
//! milliseconds): the suite must pass on a loaded machine.

mod common;

use std::collections::BTreeMap;
use std::io::{BufReader, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use common::daemon::{
    connect, get, peer_gone, read_reply, request, try_connect, try_raw, Daemon, Options, Reply,
};
use common::{tool_or_skip, wait_until, WAIT};

const SECRET: &str = "HOSTILE-CLIENTS-SECRET";

/// The heavy tests (hundreds of sockets, timing) run one at a time, so that one's load does
/// not slow the other's clients.
static HEAVY: Mutex<()> = Mutex::new(());

fn heavy() -> std::sync::MutexGuard<'static, ()> {
    HEAVY.lock().unwrap_or_else(|e| e.into_inner())
}

/// An output folder with a few feeds, and secrets beside it, behind a symlink, hidden, and
/// in a file type the server does not serve.
struct Site {
    dir: tempfile::TempDir,
    /// Served path → the exact bytes of the file.
    files: BTreeMap<&'static str, Vec<u8>>,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir_all(&out).unwrap();
        let mut items = String::new();
        for i in 0..60 {
            items.push_str(&format!(
                "<item><title>기사 {i}: 반도체 수출 회복세</title><link>http://news.example/{i}</link>\
                 <guid isPermaLink=\"true\">http://news.example/{i}</guid>\
                 <description>요약 {i} — 수출이 석 달 연속 늘었다.</description></item>"
            ));
        }
        let rss = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
             <title>뉴스</title><link>http://news.example/</link><description>d</description>\
             {items}</channel></rss>\n"
        );
        let files: BTreeMap<&'static str, Vec<u8>> = [
            ("news.rss", rss.into_bytes()),
            (
                "news.atom",
                b"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title></feed>\n".to_vec(),
            ),
            (
                "news.json",
                b"{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"t\",\"items\":[]}\n"
                    .to_vec(),
            ),
            (
                "world.rss",
                "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>세계</title></channel></rss>\n"
                    .as_bytes()
                    .to_vec(),
            ),
            (
                "feeds.opml",
                b"<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><body/></opml>\n".to_vec(),
            ),
            (
                "index.html",
                b"<!DOCTYPE html><title>feeds</title><p>index</p>\n".to_vec(),
            ),
        ]
        .into_iter()
        .collect();
        for (name, bytes) in &files {
            std::fs::write(out.join(name), bytes).unwrap();
        }
        std::fs::write(dir.path().join("secret.rss"), SECRET).unwrap();
        std::fs::write(dir.path().join("secret"), SECRET).unwrap();
        std::fs::write(out.join("notes.txt"), SECRET).unwrap();
        std::fs::write(out.join(".hidden.rss"), SECRET).unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.rss"), out.join("leak.rss")).unwrap();
        std::fs::write(
            dir.path().join("feeds.toml"),
            format!(
                "# {SECRET}\n[settings]\ninterval = \"20m\"\n\
                 [feeds.news]\ntitle = \"뉴스\"\nurl = \"http://127.0.0.1:9/news\"\n\
                 [feeds.world]\ntitle = \"세계\"\nurl = \"http://127.0.0.1:9/world\"\ninterval = \"1h\"\n"
            ),
        )
        .unwrap();
        Site { dir, files }
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("feeds.toml")
    }

    fn serve(&self) -> Daemon {
        Daemon::start(&self.config(), &["serve"])
    }

    /// The bytes served at `path` ("/news.rss").
    fn body(&self, path: &str) -> &[u8] {
        &self.files[path.trim_start_matches('/')]
    }
}

fn leaks(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes).contains(SECRET)
}

/// The server still serves a normal client, and the process is alive.
fn assert_still_serving(d: &mut Daemon, site: &Site, after: &str) {
    assert!(d.is_running(), "the server died after {after}\n{}", d.log());
    let r = get(d.addr, "/news.rss", &[]);
    assert_eq!(r.status, 200, "after {after}");
    assert_eq!(r.body, site.body("/news.rss"), "after {after}");
}

/// What a hostile request got: a refusal, or the connection closed without an answer.
fn assert_refused(reply: &Option<Reply>, what: &str, allowed: &[u16]) {
    if let Some(r) = reply {
        assert!(
            allowed.contains(&r.status),
            "{what}: status {} (want one of {allowed:?} or a closed connection)",
            r.status
        );
        assert!(!leaks(&r.body), "{what}: the secret was served");
    }
}

#[test]
fn ten_thousand_request_headers_are_refused() {
    let site = Site::new();
    let mut d = site.serve();

    // Compact headers: 10,000 of them in ~60 KB, under the server's 64 KiB buffer, so only
    // a limit on the number of headers stops them.
    let mut compact = b"GET /secret.rss HTTP/1.1\r\nHost: x\r\n".to_vec();
    for i in 0..10_000 {
        compact.extend_from_slice(format!("a{}:\r\n", i % 10).as_bytes());
    }
    compact.extend_from_slice(b"Connection: close\r\n\r\n");
    assert!(compact.len() < 64 * 1024, "{}", compact.len());
    let reply = try_raw(d.addr, &compact);
    assert_refused(&reply, "10,000 compact headers", &[400, 431]);

    // Ordinary-looking headers: ~300 KB, some of them trying to steer the path.
    let mut big = b"GET /news.rss HTTP/1.1\r\nHost: x\r\n".to_vec();
    for i in 0..10_000 {
        let line = match i % 4 {
            0 => format!("X-Original-URL: /../secret.rss?{i}\r\n"),
            1 => format!("X-Rewrite-URL: /..%2fsecret.rss?{i}\r\n"),
            2 => format!("Cookie: session={i}; path=/../\r\n"),
            _ => format!("X-Filler-{i}: {}\r\n", "v".repeat(8)),
        };
        big.extend_from_slice(line.as_bytes());
    }
    big.extend_from_slice(b"Connection: close\r\n\r\n");
    let reply = try_raw(d.addr, &big);
    assert_refused(&reply, "10,000 long headers", &[400, 431]);

    // A few at a time over one connection is still fine (a sanity check of the limit's
    // other side): 50 headers are served.
    let mut some = Vec::new();
    for i in 0..50 {
        some.push((format!("X-Ok-{i}"), "1".to_string()));
    }
    let extra: Vec<(&str, &str)> = some.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let r = get(d.addr, "/news.rss", &extra);
    assert_eq!(r.status, 200, "50 headers must be served");

    assert_still_serving(&mut d, &site, "10,000 request headers");
}

#[test]
fn overlong_request_line_and_nul_bytes_are_refused() {
    let site = Site::new();
    let mut d = site.serve();

    let long_path = format!("/{}", "a".repeat(100 * 1024));
    // (what, request, statuses it may get besides a closed connection)
    let refused: &[u16] = &[400, 404, 414, 431];
    let cases: Vec<(String, Vec<u8>, &[u16])> = vec![
        (
            "100 KB path".into(),
            format!("GET {long_path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .into_bytes(),
            refused,
        ),
        (
            "100 KB path of ../".into(),
            format!(
                "GET /{}secret.rss HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "../".repeat(34 * 1024)
            )
            .into_bytes(),
            refused,
        ),
        (
            "100 KB query".into(),
            format!(
                "GET /news.rss?q={} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "x".repeat(100 * 1024)
            )
            .into_bytes(),
            refused,
        ),
        (
            "100 KB method".into(),
            format!(
                "{} / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "G".repeat(100 * 1024)
            )
            .into_bytes(),
            // An unknown method, however long, is one GET and HEAD do not allow.
            &[400, 405, 414, 431],
        ),
        (
            "100 KB request line, never ended".into(),
            format!("GET {long_path}").into_bytes(),
            refused,
        ),
        (
            "NUL in the path".into(),
            b"GET /news\0.rss HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
            refused,
        ),
        (
            "NUL then ../".into(),
            b"GET /\0/../secret.rss HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
            refused,
        ),
        (
            "NUL after the name".into(),
            b"GET /news.rss\0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
            refused,
        ),
        (
            "encoded NUL".into(),
            b"GET /news.rss%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
            refused,
        ),
        (
            "encoded NUL then ../".into(),
            b"GET /%00/..%2fsecret.rss HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
            refused,
        ),
        (
            "NUL in a header".into(),
            b"GET /secret.rss HTTP/1.1\r\nHost: x\0../\r\nConnection: close\r\n\r\n".to_vec(),
            refused,
        ),
        ("NUL-only request".into(), vec![0; 4096], refused),
    ];
    for (what, bytes, allowed) in &cases {
        let reply = try_raw(d.addr, bytes);
        assert_refused(&reply, what, allowed);
        assert!(d.is_running(), "{what} killed the server\n{}", d.log());
    }
    assert_still_serving(&mut d, &site, "over-long and NUL requests");
}

/// What one slow-loris socket sends, one byte at a time: a request line, or a whole request
/// line and a header that never ends. Neither ever completes.
fn loris_bytes(i: usize) -> Vec<u8> {
    let start: &[u8] = if i % 2 == 0 {
        b"GET /news.rss?"
    } else {
        b"GET /news.rss HTTP/1.1\r\nHost: x\r\nX-Slow: "
    };
    let mut v = start.to_vec();
    v.extend_from_slice(&[b'a'; 100]);
    v
}

/// How many bytes each slow-loris socket sends before the test counts it as under way.
const LORIS_STARTED: usize = 3;

/// What every slow-loris thread shares.
#[derive(Clone)]
struct Attack {
    addr: SocketAddr,
    /// The gap between two bytes on one socket.
    every: Duration,
    /// How long after `t0` the threads give up watching: the bound on each thread's loop.
    watch: Duration,
    t0: Instant,
    stop: Arc<AtomicBool>,
    /// Sockets connected.
    opened: Arc<AtomicUsize>,
    /// Sockets that have sent their first `LORIS_STARTED` bytes.
    started: Arc<AtomicUsize>,
}

/// One thread's share of slow-loris sockets, `first..first + count`. Sends a byte to each
/// every `every`, notes when the server closes each one, and stops when `stop` is set,
/// every socket is closed, or `watch` after `t0`. Returns, per socket, when the server
/// closed it (since `t0`) and what it sent before.
fn loris_thread(a: Attack, first: usize, count: usize) -> Vec<(Option<Duration>, Vec<u8>)> {
    struct Loris {
        sock: Option<TcpStream>,
        bytes: Vec<u8>,
        sent: usize,
        closed: Option<Duration>,
        said: Vec<u8>,
    }
    let mut socks: Vec<Loris> = (first..first + count)
        .map(|i| {
            let s = connect(a.addr);
            s.set_nonblocking(true).unwrap();
            a.opened.fetch_add(1, Ordering::SeqCst);
            Loris {
                sock: Some(s),
                bytes: loris_bytes(i),
                sent: 0,
                closed: None,
                said: Vec::new(),
            }
        })
        .collect();
    while a.t0.elapsed() < a.watch {
        if a.stop.load(Ordering::SeqCst) || socks.iter().all(|l| l.sock.is_none()) {
            break;
        }
        for l in socks.iter_mut() {
            let Some(s) = l.sock.as_mut() else { continue };
            let mut gone = false;
            if l.sent < l.bytes.len() {
                match s.write(&l.bytes[l.sent..l.sent + 1]) {
                    Ok(n) => {
                        l.sent += n;
                        if n > 0 && l.sent == LORIS_STARTED {
                            a.started.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                    Err(_) => gone = true,
                }
            }
            let mut buf = [0u8; 4096];
            loop {
                match s.read(&mut buf) {
                    Ok(0) => {
                        gone = true;
                        break;
                    }
                    Ok(n) => l.said.extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    Err(_) => {
                        gone = true;
                        break;
                    }
                }
            }
            if gone {
                l.closed = Some(a.t0.elapsed());
                l.sock = None;
            }
        }
        std::thread::sleep(a.every);
    }
    // Dropping the sockets closes whatever is still open.
    socks.into_iter().map(|l| (l.closed, l.said)).collect()
}

/// Sets the flag when dropped, also while unwinding from a failed assertion.
struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

#[test]
fn slow_loris_does_not_starve_normal_clients() {
    let _heavy = heavy();
    let site = Site::new();
    let mut d = site.serve();
    const SOCKETS: usize = 200;
    const THREADS: usize = 20;
    const EVERY: Duration = Duration::from_millis(500);
    // The server gives a client 10 s to send its headers. No slow-loris request ever ends,
    // so only the server closes these sockets; watch for up to 60 s, room for a loaded
    // machine.
    const WATCH: Duration = Duration::from_secs(60);
    // A normal GET must be answered within this, with all of that going on.
    const PROMPT: Duration = Duration::from_secs(5);

    let stop = Arc::new(AtomicBool::new(false));
    // Stops the threads early if an assertion below fails.
    let _stop_guard = StopOnDrop(Arc::clone(&stop));
    let attack = Attack {
        addr: d.addr,
        every: EVERY,
        watch: WATCH,
        t0: Instant::now(),
        stop,
        opened: Arc::new(AtomicUsize::new(0)),
        started: Arc::new(AtomicUsize::new(0)),
    };
    let (t0, opened, started) = (
        attack.t0,
        Arc::clone(&attack.opened),
        Arc::clone(&attack.started),
    );
    let per = SOCKETS / THREADS;
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let attack = attack.clone();
            std::thread::spawn(move || loris_thread(attack, t * per, per))
        })
        .collect();
    // Wait until every slow connection is open and has sent a few bytes, so the server is
    // reading a request on each.
    wait_until(WAIT, || started.load(Ordering::SeqCst) == SOCKETS);
    assert_eq!(
        (
            opened.load(Ordering::SeqCst),
            started.load(Ordering::SeqCst)
        ),
        (SOCKETS, SOCKETS),
        "slow sockets opened and under way"
    );

    // Normal clients, while all of that is going on.
    let mut times = Vec::new();
    let mut first_answered_at = None;
    for _ in 0..5 {
        let start = Instant::now();
        let r = get(d.addr, "/news.rss", &[]);
        let took = start.elapsed();
        first_answered_at.get_or_insert(t0.elapsed());
        assert_eq!(r.status, 200);
        assert_eq!(r.body, site.body("/news.rss"));
        assert!(
            took < PROMPT,
            "with {SOCKETS} slow-loris connections open a normal GET took {took:?}"
        );
        times.push(took);
    }
    let first_answered_at = first_answered_at.unwrap();

    // Let the server's header timeout cut the slow ones; the threads stop on their own
    // once every socket is closed, or after WATCH.
    let results: Vec<(Option<Duration>, Vec<u8>)> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert_eq!(results.len(), SOCKETS);
    let closed: Vec<Duration> = results.iter().filter_map(|(c, _)| *c).collect();
    let before = closed.iter().filter(|c| **c < first_answered_at).count();
    assert_eq!(
        before, 0,
        "{before} slow-loris connections were closed before the first normal request was \
         answered ({first_answered_at:?}), so it was not served under the full attack \
         (the server gives 10 s to send headers)"
    );
    for (_, said) in &results {
        assert!(!leaks(said), "a slow-loris socket was sent the secret");
        if let Some(r) = common::daemon::parse_reply(said) {
            assert!(
                matches!(r.status, 400 | 408 | 431),
                "a slow-loris socket got status {}",
                r.status
            );
        }
    }
    let still_open = SOCKETS - closed.len();
    assert_eq!(
        still_open, 0,
        "{still_open} of {SOCKETS} slow-loris connections were still open after {WATCH:?} \
         (the server promises 10 s to send headers)"
    );
    let (first, last) = (closed.iter().min().unwrap(), closed.iter().max().unwrap());
    eprintln!("normal GETs took {times:?}; slow sockets closed by the server between {first:?} and {last:?}");
    assert_still_serving(&mut d, &site, "200 slow-loris connections");
}

#[test]
fn a_thousand_concurrent_clients_all_get_their_feed() {
    let _heavy = heavy();
    let site = Site::new();
    let mut d = site.serve();
    const THREADS: usize = 50;
    const PER_THREAD: usize = 20;
    const PATHS: [&str; 4] = ["/news.rss", "/news.atom", "/world.rss", "/news.json"];

    let barrier = Arc::new(Barrier::new(THREADS));
    let ok = Arc::new(AtomicUsize::new(0));
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let expected: Arc<BTreeMap<&str, Vec<u8>>> =
        Arc::new(PATHS.iter().map(|p| (*p, site.body(p).to_vec())).collect());
    let addr = d.addr;
    let started = Instant::now();
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let (barrier, ok, failures, expected) = (
                Arc::clone(&barrier),
                Arc::clone(&ok),
                Arc::clone(&failures),
                Arc::clone(&expected),
            );
            std::thread::spawn(move || {
                // Every connection is open before any request is sent: 1000 at once. A
                // failure to connect is counted, not a panic, so that no thread is left
                // waiting at the barrier.
                let socks: Vec<_> = (0..PER_THREAD).map(|_| try_connect(addr)).collect();
                barrier.wait();
                let mut readers: Vec<(BufReader<TcpStream>, &str)> = Vec::new();
                for (i, s) in socks.into_iter().enumerate() {
                    let path = PATHS[(t * PER_THREAD + i) % PATHS.len()];
                    let mut s = match s {
                        Ok(s) => s,
                        Err(e) => {
                            failures
                                .lock()
                                .unwrap()
                                .push(format!("{path}: connect: {e}"));
                            continue;
                        }
                    };
                    // Two requests pipelined on one kept-alive connection, the second
                    // asking to close it.
                    let mut req = request("GET", addr, path, &[], false);
                    req.extend(request("GET", addr, path, &[], true));
                    if let Err(e) = s.write_all(&req) {
                        failures.lock().unwrap().push(format!("{path}: write: {e}"));
                        continue;
                    }
                    readers.push((BufReader::new(s), path));
                }
                for (mut reader, path) in readers {
                    for n in 0..2 {
                        match read_reply(&mut reader, false) {
                            Ok(r) if r.status == 200 && r.body == expected[path] => {
                                ok.fetch_add(1, Ordering::SeqCst);
                            }
                            Ok(r) => failures.lock().unwrap().push(format!(
                                "{path} #{n}: status {}, {} bytes",
                                r.status,
                                r.body.len()
                            )),
                            Err(e) => {
                                failures.lock().unwrap().push(format!("{path} #{n}: {e}"));
                                break;
                            }
                        }
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let took = started.elapsed();
    let failures = failures.lock().unwrap();
    assert!(
        failures.is_empty(),
        "{} failed, e.g. {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    assert_eq!(
        ok.load(Ordering::SeqCst),
        THREADS * PER_THREAD * 2,
        "responses with 200 and the right body"
    );
    eprintln!(
        "{} responses to {} concurrent connections in {took:?}",
        THREADS * PER_THREAD * 2,
        THREADS * PER_THREAD
    );
    assert_still_serving(&mut d, &site, "1000 concurrent clients");
}

/// The headers a HEAD must repeat from the GET (RFC 9110 §9.3.2).
const COMPARED: [&str; 8] = [
    "content-type",
    "etag",
    "last-modified",
    "content-length",
    "cache-control",
    "vary",
    "content-encoding",
    "allow",
];

fn send(addr: SocketAddr, method: &str, path: &str, extra: &[(&str, &str)]) -> Reply {
    common::daemon::raw(addr, &request(method, addr, path, extra, true))
}

#[test]
fn head_and_get_agree_for_every_file_and_404() {
    let site = Site::new();
    let mut d = site.serve();
    let mut paths: Vec<String> = site.files.keys().map(|k| format!("/{k}")).collect();
    paths.push("/".into());
    let missing = [
        "/nope.rss",
        "/notes.txt",
        "/leak.rss",
        "/.hidden.rss",
        "/../secret.rss",
        "/%2e%2e/secret.rss",
    ];
    // Files are compressed once loaded, off the request path, and served as is until then.
    let served: Vec<&str> = paths.iter().map(String::as_str).collect();
    common::daemon::wait_compressed(d.addr, &served);
    let encodings: [&[(&str, &str)]; 4] = [
        &[],
        &[("Accept-Encoding", "gzip")],
        &[("Accept-Encoding", "br")],
        &[("Accept-Encoding", "gzip, deflate, br")],
    ];
    let mut mismatches = Vec::new();
    for path in paths.iter().map(String::as_str).chain(missing) {
        let found = !missing.contains(&path);
        for extra in encodings {
            let what = format!("{path} {extra:?}");
            let g = send(d.addr, "GET", path, extra);
            let h = send(d.addr, "HEAD", path, extra);
            assert_eq!(g.status, if found { 200 } else { 404 }, "GET {what}");
            assert!(!leaks(&g.body), "GET {what} leaked");
            assert_eq!(h.status, g.status, "HEAD vs GET status: {what}");
            assert!(h.body.is_empty(), "HEAD {what} sent a body");
            if let Some(len) = g.header("content-length") {
                assert_eq!(len, g.body.len().to_string(), "GET {what}: Content-Length");
            }
            if found {
                let enc = g.header("content-encoding");
                let want = match extra.first().map(|(_, v)| *v) {
                    None => None,
                    Some("gzip") => Some("gzip"),
                    Some(_) => Some("br"),
                };
                assert_eq!(enc, want, "GET {what}: Content-Encoding");
                let mut plain = Vec::new();
                match enc {
                    None => plain = g.body.clone(),
                    Some("gzip") => {
                        flate2::read::GzDecoder::new(&g.body[..])
                            .read_to_end(&mut plain)
                            .unwrap();
                    }
                    Some(_) => {
                        brotli::Decompressor::new(&g.body[..], 4096)
                            .read_to_end(&mut plain)
                            .unwrap();
                    }
                }
                let name = if path == "/" { "/index.html" } else { path };
                assert_eq!(plain, site.body(name), "GET {what}: body");
            }
            for name in COMPARED {
                // A 404's Content-Length has its own test below.
                if !found && name == "content-length" {
                    continue;
                }
                if g.header(name) != h.header(name) {
                    mismatches.push(format!(
                        "{what}: {name}: GET {:?} vs HEAD {:?}",
                        g.header(name),
                        h.header(name)
                    ));
                }
            }
            // And nothing else differs but the date.
            let others = |r: &Reply| -> Vec<(String, String)> {
                let mut v: Vec<_> = r
                    .headers
                    .iter()
                    .filter(|(n, _)| n != "date" && !COMPARED.contains(&n.as_str()))
                    .cloned()
                    .collect();
                v.sort();
                v
            };
            if others(&g) != others(&h) {
                mismatches.push(format!(
                    "{what}: other headers: GET {:?} vs HEAD {:?}",
                    others(&g),
                    others(&h)
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "HEAD and GET disagree:\n{}",
        mismatches.join("\n")
    );
    assert_still_serving(&mut d, &site, "HEAD and GET");
}

/// RFC 9110 §8.6 lets a HEAD answer leave Content-Length out, but this server says it for
/// files "so a HEAD answer carries the length a GET would"; its 404s (and other plain
/// answers) should do the same, so HEAD and GET agree on every header.
#[test]
fn head_of_a_404_says_the_content_length_get_sends() {
    let site = Site::new();
    let d = site.serve();
    for path in ["/nope.rss", "/../secret.rss", "/notes.txt"] {
        let g = send(d.addr, "GET", path, &[]);
        let h = send(d.addr, "HEAD", path, &[]);
        assert_eq!((g.status, h.status), (404, 404), "{path}");
        assert_eq!(
            g.header("content-length"),
            Some(g.body.len().to_string().as_str()),
            "GET {path}"
        );
        assert_eq!(
            h.header("content-length"),
            g.header("content-length"),
            "HEAD {path}: Content-Length differs from GET's"
        );
    }
    // The same for a 405 (HEAD is allowed, so compare a 405 to another 405: POST's answer
    // carries its length).
    let post = common::daemon::raw(
        d.addr,
        b"POST /news.rss HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(post.status, 405);
    assert_eq!(
        post.header("content-length"),
        Some(post.body.len().to_string().as_str())
    );
}

/// RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any
/// HTTP/1.1 request message that lacks a Host header field and to any request message that
/// contains more than one Host header field". HTTP/1.0 needs no Host.
#[test]
fn http11_request_needs_exactly_one_host() {
    let site = Site::new();
    let mut d = site.serve();
    let no_host = try_raw(
        d.addr,
        b"GET /news.rss HTTP/1.1\r\nConnection: close\r\n\r\n",
    );
    let two_hosts = try_raw(
        d.addr,
        b"GET /news.rss HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n",
    );
    let http10 = try_raw(d.addr, b"GET /news.rss HTTP/1.0\r\n\r\n");
    assert_eq!(http10.map(|r| r.status), Some(200), "HTTP/1.0 without Host");
    assert_eq!(
        no_host.map(|r| r.status),
        Some(400),
        "HTTP/1.1 without Host"
    );
    assert_eq!(two_hosts.map(|r| r.status), Some(400), "two Host headers");
    assert_still_serving(&mut d, &site, "requests without a Host");
}

#[test]
fn odd_request_forms_never_serve_a_secret() {
    let site = Site::new();
    let mut d = site.serve();
    let a = d.addr;
    // (request, statuses it may get). 200 only where a real feed is named.
    let cases: Vec<(String, &[u16])> = vec![
        // Absolute form (RFC 9112 §3.2.2): the path is what counts.
        (
            format!("GET http://127.0.0.1/../secret HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        (
            format!("GET http://127.0.0.1/../secret.rss HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        (
            format!("GET http://127.0.0.1/..%2fsecret.rss HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        (
            format!("GET http://{a}/%2e%2e/%2e%2e/secret HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        (
            format!("GET http://evil.example/leak.rss HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        (
            format!("GET file:///etc/passwd HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        (
            format!("GET http://127.0.0.1/news.rss HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[200, 400],
        ),
        // Asterisk and authority forms.
        (
            format!("OPTIONS * HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404, 405],
        ),
        (
            format!("GET * HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        (
            format!("OPTIONS /news.rss HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[405],
        ),
        (
            format!("CONNECT {a} HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 405],
        ),
        (
            "CONNECT secret.rss:443 HTTP/1.1\r\nHost: secret.rss:443\r\nConnection: close\r\n\r\n".into(),
            &[400, 405],
        ),
        (
            "CONNECT ../secret.rss HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".into(),
            &[400, 405],
        ),
        (
            format!("TRACE /secret.rss HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[405],
        ),
        // Origin form without the leading slash.
        (
            format!("GET ../secret.rss HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        (
            format!("GET secret.rss HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"),
            &[400, 404],
        ),
        // No Host header (RFC 9112 §3.2: a server must answer 400).
        (
            "GET /news.rss HTTP/1.1\r\nConnection: close\r\n\r\n".into(),
            &[200, 400],
        ),
        (
            "GET /../secret.rss HTTP/1.1\r\nConnection: close\r\n\r\n".into(),
            &[400, 404],
        ),
        (
            "GET /news.rss HTTP/1.0\r\n\r\n".into(),
            &[200],
        ),
        // Two Host headers, a Host that names a path.
        (
            "GET /news.rss HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n".into(),
            &[200, 400],
        ),
        (
            "GET /secret.rss HTTP/1.1\r\nHost: ../..\r\nConnection: close\r\n\r\n".into(),
            &[400, 404],
        ),
        // Request smuggling shapes: both framings, and a body on a GET.
        (
            format!(
                "GET /news.rss HTTP/1.1\r\nHost: {a}\r\nContent-Length: 40\r\nTransfer-Encoding: chunked\r\n\r\n\
                 0\r\n\r\nGET /../secret.rss HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            ),
            &[200, 400, 404],
        ),
        (
            format!(
                "GET /news.rss HTTP/1.1\r\nHost: {a}\r\nContent-Length: 5\r\nContent-Length: 6\r\nConnection: close\r\n\r\nhello!"
            ),
            &[200, 400],
        ),
        // Not HTTP at all.
        ("\u{16}\u{3}\u{1}\u{2}\u{0}\u{1}\u{0}\u{1}\u{fc}\u{3}\u{3}".into(), &[400]),
        ("GET /news.rss HTTP/9.9\r\nHost: x\r\n\r\n".into(), &[400, 505]),
        ("GET /news.rss\r\n\r\n".into(), &[400]),
    ];
    for (req, allowed) in &cases {
        let shown = req.escape_debug().to_string();
        let reply = try_raw(a, req.as_bytes());
        if let Some(r) = &reply {
            // The body read here runs to the end of the connection, so a pipelined
            // second response is checked too.
            assert!(!leaks(&r.body), "{shown}: the secret was served");
            assert!(
                allowed.contains(&r.status),
                "{shown}: status {} (allowed {allowed:?})",
                r.status
            );
            if r.status == 200 {
                // Pipelined answers may follow the first body.
                assert!(r.body.starts_with(site.body("/news.rss")), "{shown}");
            }
        }
        assert!(d.is_running(), "{shown} killed the server\n{}", d.log());
    }
    assert_still_serving(&mut d, &site, "odd request forms");
}

/// A client that sends `n` pipelined GETs of /news.rss (from a thread, so the test never
/// blocks on it) and never reads a byte. The socket to watch it by.
fn non_reader(addr: SocketAddr, n: usize) -> TcpStream {
    let sock = connect(addr);
    let mut writer = sock.try_clone().unwrap();
    let mut reqs = Vec::new();
    for _ in 0..n {
        reqs.extend(request("GET", addr, "/news.rss", &[], false));
    }
    // Ends when everything is sent, or the server closes the connection.
    std::thread::spawn(move || {
        let _ = writer.write_all(&reqs);
    });
    sock
}

/// The issue's first defect: a client that pipelines 3,000 GETs and never reads stayed
/// connected, with megabytes queued for it, for as long as it liked. A write that waits for
/// the client longer than the write timeout (1 s here) now closes the connection.
#[test]
fn a_client_that_stops_reading_is_closed_after_the_write_timeout() {
    let _heavy = heavy();
    let site = Site::new();
    let env = [("FEEDMILL_WRITE_TIMEOUT_MS", "1000")];
    let options = Options {
        env: &env,
        ..Options::default()
    };
    let mut d = Daemon::start_with(&site.config(), &["serve"], options);
    let started = Instant::now();
    let sock = non_reader(d.addr, 3000);
    assert!(
        wait_until(WAIT, || peer_gone(&sock)),
        "a client that never reads was still connected after {WAIT:?}\n{}",
        d.log()
    );
    eprintln!("closed after {:?}", started.elapsed());
    assert!(
        d.log().contains("the client stopped reading"),
        "{}",
        d.log()
    );
    assert_still_serving(&mut d, &site, "a client that never reads");
}

/// A client that reads, but too slowly to take an 8 MB response within the response
/// timeout (2 s here): every write makes progress, so only the total time catches it.
#[test]
fn a_response_a_slow_reader_cannot_take_in_time_is_cut() {
    let _heavy = heavy();
    let site = Site::new();
    // Repetitive, so compressing it in the background costs little.
    let big = "<item><title>slow</title></item>\n".repeat(8 * 1024 * 1024 / 33);
    let out = site.dir.path().join("output");
    std::fs::write(out.join("big.rss"), &big).unwrap();
    let env = [("FEEDMILL_RESPONSE_TIMEOUT_MS", "2000")];
    let options = Options {
        env: &env,
        ..Options::default()
    };
    let mut d = Daemon::start_with(&site.config(), &["serve"], options);
    let mut sock = connect(d.addr);
    set_receive_buffer(&sock, 64 * 1024);
    sock.write_all(&request("GET", d.addr, "/big.rss", &[], true))
        .unwrap();
    // About 320 KB/s: the whole body would take 25 s.
    let started = Instant::now();
    let mut got = 0;
    let mut buf = [0; 16 * 1024];
    let ended = loop {
        match sock.read(&mut buf) {
            Ok(0) => break "closed",
            Ok(n) => got += n,
            Err(_) => break "reset",
        }
        if started.elapsed() > WAIT {
            break "still open";
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    eprintln!(
        "{ended} after {:?}, {got} of {} bytes",
        started.elapsed(),
        big.len()
    );
    assert_ne!(ended, "still open", "{}", d.log());
    assert!(
        got < big.len(),
        "the slow reader got the whole response ({got} bytes)"
    );
    assert!(
        d.log().contains("the response was not sent in time"),
        "{}",
        d.log()
    );
    assert_still_serving(&mut d, &site, "a slow reader");
}

/// Caps `sock`'s receive buffer (which also stops the kernel growing it).
fn set_receive_buffer(sock: &TcpStream, bytes: libc::c_int) {
    use std::os::fd::AsRawFd;
    // SAFETY: a valid socket and a pointer to an int of the size given.
    let rc = unsafe {
        libc::setsockopt(
            sock.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_RCVBUF,
            (&bytes as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    assert_eq!(rc, 0, "{}", std::io::Error::last_os_error());
}

/// The issue's file descriptor exhaustion: with 64 descriptors (`prlimit --nofile=64:64`)
/// and 60 clients that never read, the server's connection cap (2,048) was far above what
/// it could open, accept failed 20 times a second, and new clients timed out. Now the cap
/// leaves descriptors in reserve, stalled clients are dropped after the write timeout, and
/// a new client is answered.
#[test]
fn sixty_stalled_clients_under_a_64_descriptor_limit_leave_the_server_answering() {
    if !tool_or_skip(
        "prlimit",
        "util-linux",
        "sixty_stalled_clients_under_a_64_descriptor_limit_leave_the_server_answering",
    ) {
        return;
    }
    let _heavy = heavy();
    let site = Site::new();
    let env = [("FEEDMILL_WRITE_TIMEOUT_MS", "2000")];
    let options = Options {
        env: &env,
        wrapper: Some(("prlimit", &["--nofile=64:64", "--"])),
    };
    let mut d = Daemon::start_with(&site.config(), &["serve"], options);
    let clients: Vec<TcpStream> = (0..60).map(|_| non_reader(d.addr, 3000)).collect();
    // New clients queue behind the stalled ones and are answered once those are dropped.
    for n in 0..3 {
        let start = Instant::now();
        let r = get(d.addr, "/news.rss", &[]);
        assert_eq!(r.status, 200, "new client {n}");
        assert_eq!(r.body, site.body("/news.rss"), "new client {n}");
        eprintln!("new client {n} answered in {:?}", start.elapsed());
    }
    let open = || clients.iter().filter(|s| !peer_gone(s)).count();
    assert!(
        wait_until(WAIT, || open() == 0),
        "{} of 60 stalled clients still connected\n{}",
        open(),
        d.log()
    );
    let log = d.log();
    let accept_errors = log.matches("accept failed").count();
    assert!(
        accept_errors <= 2,
        "{accept_errors} accept errors logged:\n{log}"
    );
    assert_still_serving(&mut d, &site, "60 stalled clients under 64 descriptors");
}

/// The issue's symlink race, end to end: while `serve` rescans, a thread keeps swapping
/// `alpha.rss` between a regular file and a symlink to a secret outside the output folder.
/// Requests see versions of the file come and go, never the secret.
#[test]
fn a_file_swapped_with_a_symlink_never_serves_the_outside_file() {
    let site = Site::new();
    let out = site.dir.path().join("output");
    std::fs::write(out.join("alpha.rss"), "alpha start").unwrap();
    let mut d = site.serve();
    let stop = Arc::new(AtomicBool::new(false));
    let _stop_guard = StopOnDrop(Arc::clone(&stop));
    let swapper = {
        let (stop, secret) = (Arc::clone(&stop), site.dir.path().join("secret.rss"));
        std::thread::spawn(move || {
            let target = out.join("alpha.rss");
            let (file, link) = (out.join(".alpha-file"), out.join(".alpha-link"));
            let mut i = 0u64;
            while !stop.load(Ordering::SeqCst) && i < 100_000_000 {
                if i % 2 == 0 {
                    std::fs::write(&file, format!("alpha {i}")).unwrap();
                    std::fs::rename(&file, &target).unwrap();
                    // The file stays a moment, so that most rescans find a version of it
                    // (the pace of the swaps, not a wait for anything; the unit test
                    // `swapping_a_file_and_a_symlink_never_loads_the_outside_file` swaps
                    // flat out).
                    std::thread::sleep(Duration::from_millis(1));
                } else {
                    std::os::unix::fs::symlink(&secret, &link).unwrap();
                    std::fs::rename(&link, &target).unwrap();
                }
                i += 1;
            }
            i
        })
    };
    // Several rescans' worth of versions (one every 2 s).
    let mut versions = std::collections::BTreeSet::new();
    let mut requests = 0;
    let seen = wait_until(WAIT, || {
        let r = get(d.addr, "/alpha.rss", &[]);
        requests += 1;
        assert!(
            !leaks(&r.body),
            "the secret was served (request {requests})"
        );
        if r.status == 200 {
            versions.insert(r.body);
        }
        versions.len() >= 4
    });
    stop.store(true, Ordering::SeqCst);
    let swaps = swapper.join().unwrap();
    eprintln!(
        "{swaps} swaps, {requests} requests, {} versions seen",
        versions.len()
    );
    assert!(seen, "only {} versions served\n{}", versions.len(), d.log());
    assert_still_serving(&mut d, &site, "symlink swaps");
}
