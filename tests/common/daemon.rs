//! A running `feedmill run`/`serve` process, and raw HTTP/1.1 on the wire to talk to it.
//!
//! Every socket opened here has read and write timeouts, so a server that stops answering
//! fails a test instead of hanging it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long a helper waits for the server to answer before giving up: generous, since the
/// server may share a loaded machine with hundreds of test clients.
pub const IO_TIMEOUT: Duration = Duration::from_secs(30);

/// A running feedmill process and the address it serves on. Killed when dropped.
pub struct Daemon {
    child: Child,
    pub addr: SocketAddr,
    log: Arc<Mutex<String>>,
}

/// How to start a [`Daemon`], beyond its arguments.
#[derive(Default, Clone, Copy)]
pub struct Options<'a> {
    /// Environment variables on top of the test environment.
    pub env: &'a [(&'a str, &'a str)],
    /// A program to run feedmill under, and its arguments before feedmill's command line
    /// (`prlimit --nofile=64:64 --`); it must exec feedmill in its own process.
    pub wrapper: Option<(&'a str, &'a [&'a str])>,
}

impl Daemon {
    /// Starts `feedmill --config CFG <args> --listen 127.0.0.1:0` in CFG's folder, logging at
    /// debug level, and waits until it says where it listens.
    pub fn start(cfg: &Path, args: &[&str]) -> Daemon {
        Daemon::start_with(cfg, args, Options::default())
    }

    /// [`Daemon::start`] with more environment variables, or under a wrapper program.
    pub fn start_with(cfg: &Path, args: &[&str], options: Options<'_>) -> Daemon {
        let cfg_arg = cfg.to_str().expect("a UTF-8 config path");
        let mut all = vec!["--config", cfg_arg];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--listen", "127.0.0.1:0"]);
        let dir = cfg.parent().expect("the config's folder");
        let mut env = vec![("FEEDMILL_LOG", "feedmill=debug")];
        env.extend_from_slice(options.env);
        let mut cmd = super::feedmill_command(&all, dir, &env);
        if let Some((program, args)) = options.wrapper {
            let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
            cmd = super::wrapped(program, &args, &cmd);
            cmd.stdin(Stdio::null()).stderr(Stdio::piped());
        }
        let mut child = cmd.stdout(Stdio::null()).spawn().expect("start feedmill");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("serving on http://").nth(1) {
                    let _ = tx.send(rest.trim().to_string());
                }
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let addr = match rx.recv_timeout(super::WAIT) {
            Ok(addr) => addr.parse().unwrap(),
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "the server did not report its address\n{}",
                    log.lock().unwrap()
                );
            }
        };
        Daemon { child, addr, log }
    }

    /// Sends signal `name` ("TERM", "INT", "HUP") to the process.
    pub fn signal(&self, name: &str) {
        let sig = match name {
            "TERM" => libc::SIGTERM,
            "INT" => libc::SIGINT,
            "HUP" => libc::SIGHUP,
            _ => panic!("no such signal in these tests: {name}"),
        };
        let pid = libc::pid_t::try_from(self.child.id()).expect("a pid");
        // SAFETY: kill(2) takes no pointers; the pid is our own child, not yet reaped.
        let rc = unsafe { libc::kill(pid, sig) };
        assert_eq!(rc, 0, "kill -{name}: {}", std::io::Error::last_os_error());
    }

    /// Waits for the process to exit; its exit code (`None`: still running after `limit`,
    /// or killed by a signal).
    pub fn wait_exit(&mut self, limit: Duration) -> Option<i32> {
        let mut status = None;
        super::wait_until(limit, || {
            status = self.child.try_wait().unwrap();
            status.is_some()
        });
        status.and_then(|s| s.code())
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Everything the process wrote on stderr so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP response as read off the wire.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    /// Names lower-cased, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// The value of header `name` (any case), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Opens a connection with read and write timeouts of [`IO_TIMEOUT`].
pub fn try_connect(addr: SocketAddr) -> std::io::Result<TcpStream> {
    let s = TcpStream::connect_timeout(&addr, IO_TIMEOUT)?;
    s.set_read_timeout(Some(IO_TIMEOUT))?;
    s.set_write_timeout(Some(IO_TIMEOUT))?;
    Ok(s)
}

/// [`try_connect`], panicking when the connection cannot be made.
pub fn connect(addr: SocketAddr) -> TcpStream {
    try_connect(addr).unwrap_or_else(|e| panic!("connect {addr}: {e}"))
}

/// Splits a whole response (headers and everything after them) into a [`Reply`]; `None`
/// when `bytes` holds no complete status line and header block.
pub fn parse_reply(bytes: &[u8]) -> Option<Reply> {
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&bytes[..split]).to_string();
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Some(Reply {
        status,
        headers,
        body: bytes[split + 4..].to_vec(),
    })
}

/// Sends `raw` as is and reads until the server closes; `None` when the server closed (or
/// reset) the connection without a complete response. A server that stops reading midway
/// is not an error here: whatever it answered is still read.
pub fn try_raw(addr: SocketAddr, raw: &[u8]) -> Option<Reply> {
    let mut s = connect(addr);
    let _ = s.write_all(raw);
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    parse_reply(&bytes)
}

/// Sends `raw` as is and reads the response (the request should say `Connection: close`).
/// Panics when no response comes.
pub fn raw(addr: SocketAddr, raw: &[u8]) -> Reply {
    try_raw(addr, raw).unwrap_or_else(|| {
        panic!(
            "no response to {:?}",
            String::from_utf8_lossy(&raw[..raw.len().min(200)])
        )
    })
}

/// `GET path` with `Connection: close` and the `extra` headers.
pub fn get(addr: SocketAddr, path: &str, extra: &[(&str, &str)]) -> Reply {
    raw(addr, &request("GET", addr, path, extra, true))
}

/// The bytes of a request: method, path, `Host`, the `extra` headers, and `Connection:
/// close` when `close`.
pub fn request(
    method: &str,
    addr: SocketAddr,
    path: &str,
    extra: &[(&str, &str)],
    close: bool,
) -> Vec<u8> {
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\n");
    if close {
        req.push_str("Connection: close\r\n");
    }
    for (n, v) in extra {
        req.push_str(&format!("{n}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.into_bytes()
}

/// Reads one response off a kept-alive connection: the head, then `Content-Length` bytes of
/// body (none for an answer to HEAD, or a 204 or 304).
pub fn read_reply(reader: &mut impl BufRead, head_request: bool) -> std::io::Result<Reply> {
    let mut head = Vec::new();
    loop {
        let n = reader.read_until(b'\n', &mut head)?;
        if n == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "connection closed before the response head ended",
            ));
        }
        if head.ends_with(b"\r\n\r\n") {
            break;
        }
        if head.len() > 1 << 20 {
            return Err(std::io::Error::other("response head over 1 MiB"));
        }
    }
    let mut reply = parse_reply(&head).ok_or_else(|| std::io::Error::other("bad status line"))?;
    let bodiless = head_request || matches!(reply.status, 204 | 304) || reply.status < 200;
    if !bodiless {
        let len: usize = reply
            .header("content-length")
            .ok_or_else(|| std::io::Error::other("no Content-Length"))?
            .parse()
            .map_err(std::io::Error::other)?;
        let mut body = vec![0; len];
        reader.read_exact(&mut body)?;
        reply.body = body;
    }
    Ok(reply)
}

/// Waits until every one of `paths` is served compressed (brotli and gzip): the server
/// compresses a file after loading it, and serves it as is until then.
pub fn wait_compressed(addr: SocketAddr, paths: &[&str]) {
    for path in paths {
        for coding in ["br", "gzip"] {
            let mut last = None;
            let ready = super::wait_until(super::WAIT, || {
                let r = raw(
                    addr,
                    &request("HEAD", addr, path, &[("Accept-Encoding", coding)], true),
                );
                last = Some(r.status);
                r.header("content-encoding") == Some(coding)
            });
            assert!(
                ready,
                "{path} was never served as {coding} (last status {last:?})"
            );
        }
    }
}

/// Whether the server has closed or reset `stream`, without reading from it: poll(2) says
/// so once a reset arrives, or a FIN (which comes after any data still queued).
pub fn peer_gone(stream: &TcpStream) -> bool {
    use std::os::fd::AsRawFd;
    let mut fds = libc::pollfd {
        fd: stream.as_raw_fd(),
        events: libc::POLLRDHUP,
        revents: 0,
    };
    // SAFETY: one valid pollfd, a zero timeout.
    let n = unsafe { libc::poll(&mut fds, 1, 0) };
    n == 1 && fds.revents & (libc::POLLRDHUP | libc::POLLHUP | libc::POLLERR) != 0
}
