//! Many clients at once: slow-loris connections beside normal clients, and a thousand
//! concurrent clients who must all get their feed.

use crate::common;
use crate::common::daemon::{connect, get, read_reply, request, try_connect};
use crate::common::{wait_until, WAIT};
use crate::site::*;
use std::collections::BTreeMap;
use std::io::{BufReader, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

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
