//! The accept loop and its limits.
//!
//! * Connections: at most [`connection_cap`] at once, from the file descriptor limit (raised
//!   to its hard limit first), keeping a reserve for the daemon's own files, so a flood of
//!   clients cannot leave a build unable to write `index.html`. More wait to be accepted.
//! * Time: 10 s to send a request's headers (also the idle time between requests); a write
//!   waiting for a client that does not read gives up after [`WRITE_TIMEOUT`], and a
//!   response still waiting for the client after [`RESPONSE_TIMEOUT`] is cut ([`super::io`]).
//! * Accept errors (out of descriptors, say) pause accepting for a moment, logged once when
//!   they start and once when accepting works again.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};

use super::io::{Guarded, ResponseClock};
use super::Server;

/// How long a client may take to send its request headers, and stay idle between requests.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a write may wait for a client that does not read. For tests,
/// `FEEDMILL_WRITE_TIMEOUT_MS` sets it.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a response may take to reach a client that reads slowly. For tests,
/// `FEEDMILL_RESPONSE_TIMEOUT_MS` sets it.
pub const RESPONSE_TIMEOUT: Duration = Duration::from_secs(30);
/// The most connections served at once, however high the descriptor limit.
pub const MAX_CONNECTIONS: usize = 2048;
/// Descriptors kept for the daemon's own use (database, output files, fetches): this many,
/// or a quarter of the limit if that is more.
const RESERVE: u64 = 32;
/// The longest pause after accept errors.
const MAX_PAUSE: Duration = Duration::from_secs(1);

/// The server's limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub connections: usize,
    pub header_read: Duration,
    pub write: Duration,
    pub response: Duration,
}

impl Limits {
    /// The limits for this process: connections from the descriptor limit (see
    /// [`connection_cap`]), timeouts from the constants or their test variables.
    pub fn from_env() -> Limits {
        let ms = |var: &str, default: Duration| {
            std::env::var(var)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
                .filter(|&ms| ms > 0)
                .map_or(default, Duration::from_millis)
        };
        Limits {
            connections: connection_cap(),
            header_read: HEADER_READ_TIMEOUT,
            write: ms("FEEDMILL_WRITE_TIMEOUT_MS", WRITE_TIMEOUT),
            response: ms("FEEDMILL_RESPONSE_TIMEOUT_MS", RESPONSE_TIMEOUT),
        }
    }
}

/// Raises the soft limit on open files to the hard one, and works out how many connections
/// fit under it: the limit less a reserve of 32 descriptors or a quarter of the limit,
/// whichever is more, and never over [`MAX_CONNECTIONS`].
pub fn connection_cap() -> usize {
    let limit = raise_nofile_limit();
    let reserve = RESERVE.max(limit / 4);
    let cap = usize::try_from(limit.saturating_sub(reserve)).unwrap_or(usize::MAX);
    cap.clamp(1, MAX_CONNECTIONS)
}

/// Raises RLIMIT_NOFILE's soft limit to its hard limit; the soft limit in force after.
fn raise_nofile_limit() -> u64 {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one rlimit into the struct it is given.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } != 0 {
        return 1024;
    }
    let before = lim.rlim_cur;
    if lim.rlim_cur < lim.rlim_max {
        // An unlimited hard limit cannot be the soft one for files; the kernel's usual
        // ceiling (fs.nr_open) then is.
        let target = if lim.rlim_max == libc::RLIM_INFINITY {
            1 << 20
        } else {
            lim.rlim_max
        };
        let raised = libc::rlimit {
            rlim_cur: target.max(lim.rlim_cur),
            rlim_max: lim.rlim_max,
        };
        // SAFETY: setrlimit reads one rlimit from the struct it is given.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            lim.rlim_cur = raised.rlim_cur;
        }
    }
    let soft = if lim.rlim_cur == libc::RLIM_INFINITY {
        u64::MAX
    } else {
        lim.rlim_cur
    };
    tracing::debug!("open file limit {soft} (was {before})");
    soft
}

/// Serves on `listener` until `shutdown` turns true; then stops accepting and lets open
/// connections finish their current request.
pub async fn run(server: Arc<Server>, listener: TcpListener, mut shutdown: watch::Receiver<bool>) {
    let limits = Limits::from_env();
    tracing::debug!(
        "serving at most {} connections at once; write timeout {:?}, response timeout {:?}",
        limits.connections,
        limits.write,
        limits.response
    );
    let slots = Arc::new(Semaphore::new(limits.connections));
    let mut pause: Option<Duration> = None;
    loop {
        let permit = tokio::select! {
            p = Arc::clone(&slots).acquire_owned() => match p { Ok(p) => p, Err(_) => return },
            _ = shutdown.changed() => return,
        };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = shutdown.changed() => return,
        };
        let stream = match accepted {
            Ok((stream, _)) => {
                if pause.take().is_some() {
                    tracing::info!("accepting again");
                }
                stream
            }
            Err(e) => {
                // Out of descriptors and the like: wait a little (longer while it lasts)
                // rather than spin, and say so once.
                let wait = match pause {
                    None => {
                        tracing::warn!("accept failed: {e}; pausing");
                        Duration::from_millis(50)
                    }
                    Some(p) => (p * 2).min(MAX_PAUSE),
                };
                pause = Some(wait);
                drop(permit);
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = shutdown.changed() => return,
                }
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let server = Arc::clone(&server);
        let stop = shutdown.clone();
        tokio::spawn(async move {
            serve_connection(server, stream, limits, stop).await;
            drop(permit);
        });
    }
}

/// Serves one connection until it closes, fails, times out, or shutdown.
async fn serve_connection(
    server: Arc<Server>,
    stream: tokio::net::TcpStream,
    limits: Limits,
    mut stop: watch::Receiver<bool>,
) {
    let clock = Arc::new(ResponseClock::default());
    let io = Guarded::new(stream, limits.write, Arc::clone(&clock));
    let service = hyper::service::service_fn(move |req| {
        clock.start(limits.response);
        std::future::ready(Ok::<_, Infallible>(server.respond(&req)))
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read)
        .max_buf_size(64 * 1024)
        .keep_alive(true);
    let conn = builder.serve_connection(TokioIo::new(io), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = stop.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(Duration::from_secs(5), conn).await;
        }
    }
}

/// Binds `addr`, with a message that says what to do when it cannot.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, String> {
    TcpListener::bind(addr).await.map_err(|e| {
        format!("cannot listen on {addr}: {e} (is another server using it? pass --listen ADDR)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_keeps_a_reserve_and_a_ceiling() {
        let cap = connection_cap();
        assert!((1..=MAX_CONNECTIONS).contains(&cap), "{cap}");
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: as above.
        assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) }, 0);
        // The soft limit was raised to the hard one (when that is finite).
        if lim.rlim_max != libc::RLIM_INFINITY {
            assert_eq!(lim.rlim_cur, lim.rlim_max);
        }
        assert!(
            cap as u64 + RESERVE <= lim.rlim_cur.max(RESERVE + 1),
            "{cap}"
        );
    }
}
