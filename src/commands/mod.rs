//! Each command of the `feedmill` binary, on the library's parts: `src/main.rs` parses the
//! arguments ([`crate::cli`]) and calls [`run`]; a [`Failure`] says which exit status to give.
//!
//! Here: the dispatch and what every command shares (the runtime, the fetch time, feed ids);
//! `build.rs` builds, `inspect.rs` checks, shows status and forgets, `migrate.rs` copies a
//! SQLite state into PostgreSQL, `suggest.rs` suggests, `onboard.rs` adds feeds and writes a
//! starter config.

mod build;
mod inspect;
mod migrate;
mod onboard;
mod suggest;

use std::process::ExitCode;

use chrono::{DateTime, Utc};

use crate::cli::{Cli, Command};
use crate::config::{self, Config};

/// Exit status of a command whose feeds failed, or whose work could not be done.
pub const EXIT_FAILED: u8 = 1;
/// Exit status of a usage or config mistake.
pub const EXIT_USAGE: u8 = 2;

/// Why a command stopped before doing its work; each kind has its exit code.
#[derive(Debug)]
pub enum Failure {
    /// A usage or config mistake: the person must change the command or the file (exit 2).
    Usage(String),
    /// The work could not be done: a database, an address, the network set-up (exit 1).
    Runtime(String),
}

impl Failure {
    fn usage(e: impl std::fmt::Display) -> Failure {
        Failure::Usage(e.to_string())
    }

    fn runtime(e: impl std::fmt::Display) -> Failure {
        Failure::Runtime(e.to_string())
    }

    /// The exit status for this failure.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Usage(_) => ExitCode::from(EXIT_USAGE),
            Failure::Runtime(_) => ExitCode::from(EXIT_FAILED),
        }
    }

    /// The message to print after `error: `.
    pub fn message(&self) -> &str {
        match self {
            Failure::Usage(m) | Failure::Runtime(m) => m,
        }
    }
}

/// Usage and config problems come back as [`Failure::Usage`] (exit 2), set-up failures as
/// [`Failure::Runtime`] (exit 1); feeds that failed make the command's own exit code 1.
pub fn run(cli: Cli) -> Result<ExitCode, Failure> {
    // Commands that need no config file.
    match &cli.command {
        Command::Init { path } => return onboard::init_cmd(path.as_deref()),
        Command::Completions { shell } => {
            return print_bytes(&crate::cli::completions(*shell));
        }
        Command::Man => {
            let page = crate::cli::man_page().map_err(Failure::runtime)?;
            return print_bytes(&page);
        }
        Command::Add { .. } => return onboard::add_cmd(&cli),
        _ => {}
    }
    if let Command::Suggest { target, all } = &cli.command {
        // A URL needs no config; one is used when there is one (its settings, its feed ids).
        let config = match config::locate(cli.config.as_deref()) {
            Ok(path) => Some(config::load(&path).map_err(Failure::usage)?),
            Err(_) if url::Url::parse(target).is_ok() => None,
            Err(e) => return Err(Failure::usage(e)),
        };
        return runtime(false)?.block_on(suggest::suggest_cmd(config, target, *all, now()?));
    }
    let path = config::locate(cli.config.as_deref()).map_err(Failure::usage)?;
    let config = config::load(&path).map_err(Failure::usage)?;
    let now = now()?;
    let runtime = runtime(matches!(
        cli.command,
        Command::Run { .. } | Command::Serve { .. }
    ))?;
    match cli.command {
        Command::Build { feed_ids } => {
            known_ids(&config, &feed_ids)?;
            config::check_output_dir(&config).map_err(Failure::usage)?;
            runtime.block_on(build::build_cmd(
                config,
                &feed_ids,
                now,
                cli.quiet,
                cli.verbose,
            ))
        }
        Command::Check { feed_id, json } => {
            known_ids(&config, std::slice::from_ref(&feed_id))?;
            runtime.block_on(inspect::check_cmd(&config, &feed_id, now, json))
        }
        Command::Run { listen } => {
            let listen = listen.or(config.settings.listen);
            runtime
                .block_on(crate::daemon::run(config, path, listen))
                .map_err(daemon_failure)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { listen } => {
            let default = config::defaults::LISTEN
                .parse()
                .expect("valid default address");
            let listen = listen.or(config.settings.listen).unwrap_or(default);
            runtime
                .block_on(crate::daemon::serve(config, path, listen))
                .map_err(daemon_failure)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Status { json } => runtime.block_on(inspect::status_cmd(&config, now, json)),
        Command::Suggest { .. }
        | Command::Init { .. }
        | Command::Add { .. }
        | Command::Completions { .. }
        | Command::Man => unreachable!("handled above"),
        Command::Forget { feed_id } => runtime.block_on(inspect::forget_cmd(&config, &feed_id)),
        Command::Migrate { from_sqlite } => {
            runtime.block_on(migrate::migrate_cmd(&config, &from_sqlite, cli.quiet))
        }
    }
}

/// A daemon that could not start: a config mistake is a usage failure (systemd does not
/// restart on it), anything else a runtime one.
pub(crate) fn daemon_failure(e: crate::daemon::DaemonError) -> Failure {
    match e {
        crate::daemon::DaemonError::Config(e) => Failure::usage(e),
        other => Failure::runtime(other),
    }
}

/// The async runtime: one thread for one-shot commands (a build waits on the network far more
/// than it computes, and threads cost CPU in wake-ups), a thread per core for the server.
pub(crate) fn runtime(server: bool) -> Result<tokio::runtime::Runtime, Failure> {
    let mut builder = if server {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    builder
        .enable_all()
        .build()
        .map_err(|e| Failure::Runtime(format!("cannot start the async runtime: {e}")))
}

/// The fetch time: now, or `$FEEDMILL_NOW` (RFC 3339) for reproducible runs and tests.
pub(crate) fn now() -> Result<DateTime<Utc>, Failure> {
    match std::env::var("FEEDMILL_NOW") {
        Ok(text) if !text.is_empty() => DateTime::parse_from_rfc3339(&text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                Failure::Usage(format!(
                    "FEEDMILL_NOW=`{text}` is not an RFC 3339 time ({e})"
                ))
            }),
        _ => Ok(Utc::now()),
    }
}

pub(crate) fn known_ids(config: &Config, ids: &[String]) -> Result<(), Failure> {
    for id in ids {
        if !config.feeds.iter().any(|f| &f.id == id) {
            let known: Vec<&str> = config.feeds.iter().map(|f| f.id.as_str()).collect();
            return Err(Failure::Usage(format!(
                "no feed `{id}` in {} (its feeds: {})",
                config.path.display(),
                known.join(", ")
            )));
        }
    }
    Ok(())
}

/// Writes generated bytes (completions, the man page) to standard output.
pub(crate) fn print_bytes(bytes: &[u8]) -> Result<ExitCode, Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Failure::Runtime(format!("cannot write to standard output: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
