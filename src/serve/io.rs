//! A client connection with the write side bounded in time: hyper's own timeout covers only
//! reading a request's headers, so a client that stops reading would otherwise hold its
//! connection, and the megabytes queued for it, forever.
//!
//! A write that makes no progress for the write timeout, or that still waits for the client
//! past the response deadline (set when a request comes in), fails with `TimedOut`; the
//! socket is then closed with a reset, which drops whatever the kernel still holds for it.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::Sleep;

/// The origin of [`ResponseClock`]'s milliseconds.
fn origin() -> Instant {
    static START: OnceLock<Instant> = OnceLock::new();
    *START.get_or_init(Instant::now)
}

/// When the response being written must be done; shared between the request handler (which
/// starts it) and the connection's writes (which check it).
#[derive(Debug, Default)]
pub(super) struct ResponseClock {
    /// Milliseconds since [`origin`]; 0 before the first request.
    deadline: AtomicU64,
}

impl ResponseClock {
    /// A request came in: its response must be written within `limit`.
    pub fn start(&self, limit: Duration) {
        let ms = (origin().elapsed() + limit).as_millis();
        let ms = u64::try_from(ms).unwrap_or(u64::MAX).max(1);
        self.deadline.store(ms, Ordering::Relaxed);
    }

    /// When the response under way must be done, if one is.
    fn deadline(&self) -> Option<Instant> {
        match self.deadline.load(Ordering::Relaxed) {
            0 => None,
            ms => origin().checked_add(Duration::from_millis(ms)),
        }
    }
}

/// A TCP connection whose writes time out; see the module docs.
pub(super) struct Guarded {
    stream: TcpStream,
    write_timeout: Duration,
    clock: Arc<ResponseClock>,
    /// Since when writes have been waiting for the client to read.
    stalled_since: Option<Instant>,
    timer: Option<Pin<Box<Sleep>>>,
    expired: bool,
}

impl Guarded {
    pub fn new(stream: TcpStream, write_timeout: Duration, clock: Arc<ResponseClock>) -> Guarded {
        Guarded {
            stream,
            write_timeout,
            clock,
            stalled_since: None,
            timer: None,
            expired: false,
        }
    }

    /// Gives up on the connection: it is reset when dropped.
    fn expire<T>(&mut self, why: &str) -> Poll<io::Result<T>> {
        if !self.expired {
            self.expired = true;
            tracing::debug!(
                peer = ?self.stream.peer_addr().ok(),
                "closing a connection: {why}"
            );
            // SO_LINGER 0 makes close send a reset and free the send queue at once; with a
            // zero timeout it does not block, which is what tokio's deprecation is about.
            #[allow(deprecated)]
            let _ = self.stream.set_linger(Some(Duration::ZERO));
        }
        Poll::Ready(Err(io::Error::new(
            io::ErrorKind::TimedOut,
            why.to_string(),
        )))
    }

    /// Runs one write-side operation under the timeouts.
    fn guard<T>(
        &mut self,
        cx: &mut Context<'_>,
        op: impl FnOnce(Pin<&mut TcpStream>, &mut Context<'_>) -> Poll<io::Result<T>>,
    ) -> Poll<io::Result<T>> {
        if self.expired {
            return self.expire("timed out");
        }
        match op(Pin::new(&mut self.stream), cx) {
            Poll::Ready(r) => {
                self.stalled_since = None;
                Poll::Ready(r)
            }
            // Only a write that waits for the client is checked: a response the client
            // takes as fast as it is written is never cut, and the deadline of a response
            // long written does not touch a small answer hyper writes on its own (a 400).
            Poll::Pending => {
                let now = Instant::now();
                let response = self.clock.deadline();
                if response.is_some_and(|d| d <= now) {
                    return self.expire("the response was not sent in time");
                }
                let since = *self.stalled_since.get_or_insert(now);
                let mut deadline = since + self.write_timeout;
                if let Some(d) = response {
                    deadline = deadline.min(d);
                }
                let deadline = tokio::time::Instant::from_std(deadline);
                let timer = self
                    .timer
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
                if timer.deadline() != deadline {
                    timer.as_mut().reset(deadline);
                }
                if timer.as_mut().poll(cx).is_ready() {
                    return if response.is_some_and(|d| d <= Instant::now()) {
                        self.expire("the response was not sent in time")
                    } else {
                        self.expire("the client stopped reading")
                    };
                }
                Poll::Pending
            }
        }
    }
}

impl AsyncRead for Guarded {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        // Reading is bounded by hyper's header timeout.
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.get_mut().guard(cx, |s, cx| s.poll_write(cx, buf))
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.get_mut()
            .guard(cx, |s, cx| s.poll_write_vectored(cx, bufs))
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.get_mut().guard(cx, |s, cx| s.poll_flush(cx))
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}
