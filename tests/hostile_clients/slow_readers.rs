//! Clients that stop reading: closed after the write timeout, a response too slow to take in
//! cut, stalled clients under a small descriptor limit.

use crate::common::daemon::{connect, get, peer_gone, request, Daemon, Options};
use crate::common::{tool_or_skip, wait_until, WAIT};
use crate::site::*;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

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

/// The first defect: a client that pipelines 3,000 GETs and never reads stayed
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

/// The file descriptor exhaustion: with 64 descriptors (`prlimit --nofile=64:64`)
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
