//! Where feedmill's own log lines go and how they look.
//!
//! On a terminal or in a file: the usual timestamped lines. Under systemd, whose journal adds
//! its own timestamp and reads a `<N>` syslog priority at the start of each line, every line
//! starts with its priority and carries no timestamp, so `journalctl -p warning` shows
//! exactly the warnings and errors.

use std::fmt;
use std::io::IsTerminal;

use tracing::{Event, Level, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

/// Sets up logging to stderr with `filter` (an `EnvFilter` directive such as
/// `"off,feedmill=info"`); `FEEDMILL_LOG` overrides it.
pub fn init(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FEEDMILL_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(filter));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if stderr_is_journal() {
        builder.event_format(JournalFormat).init();
    } else {
        builder.with_ansi(std::io::stderr().is_terminal()).init();
    }
}

/// Whether stderr is the journal's stream: systemd sets `JOURNAL_STREAM` to its device and
/// inode, which a redirected stderr no longer matches.
fn stderr_is_journal() -> bool {
    let Ok(value) = std::env::var("JOURNAL_STREAM") else {
        return false;
    };
    let Some((dev, ino)) = value.split_once(':') else {
        return false;
    };
    let (Ok(dev), Ok(ino)) = (dev.parse::<u64>(), ino.parse::<u64>()) else {
        return false;
    };
    // SAFETY: fstat fills the zeroed struct it is given for descriptor 2; nothing else is read.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::fstat(2, &mut st) } == 0;
    ok && st.st_dev as u64 == dev && st.st_ino as u64 == ino
}

/// The syslog priority of a level: err, warning, info, debug.
pub fn priority(level: Level) -> u8 {
    match level {
        Level::ERROR => 3,
        Level::WARN => 4,
        Level::INFO => 6,
        _ => 7,
    }
}

/// `<N>` and the message with its fields; another crate's lines also name it.
struct JournalFormat;

impl<S, N> FormatEvent<S, N> for JournalFormat
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let meta = event.metadata();
        write!(writer, "<{}>", priority(*meta.level()))?;
        let target = meta.target();
        if target != "feedmill" && !target.starts_with("feedmill::") {
            write!(writer, "{target}: ")?;
        }
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priorities_follow_syslog() {
        assert_eq!(priority(Level::ERROR), 3);
        assert_eq!(priority(Level::WARN), 4);
        assert_eq!(priority(Level::INFO), 6);
        assert_eq!(priority(Level::DEBUG), 7);
    }
}
