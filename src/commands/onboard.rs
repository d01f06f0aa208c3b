//! `feedmill init` and `feedmill add`: a starter config, and a feed found on a page added to it.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{now, runtime, Failure};
use crate::cli::{Cli, Command};
use crate::config;
use crate::dates::DateContext;
use crate::fetch::{FetchOptions, Fetcher};

pub(crate) fn init_cmd(path: Option<&std::path::Path>) -> Result<ExitCode, Failure> {
    let path = path.unwrap_or(std::path::Path::new("feeds.toml"));
    crate::onboard::init(path).map_err(|e| match e {
        crate::onboard::OnboardError::Exists { .. } => Failure::usage(e),
        other => Failure::runtime(other),
    })?;
    eprintln!(
        "wrote {}; add a site with `feedmill add <url>`, then `feedmill build`",
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `add`: finds the feed on the page, shows it, appends it to the config (asking first on a
/// terminal unless --yes) and builds it.
pub(crate) fn add_cmd(cli: &Cli) -> Result<ExitCode, Failure> {
    let Command::Add {
        url,
        id,
        title,
        yes,
    } = &cli.command
    else {
        unreachable!("add_cmd is called for add")
    };
    let url =
        url::Url::parse(url).map_err(|e| Failure::Usage(format!("`{url}` is not a URL: {e}")))?;
    // The config to extend: the one found, else a new one where --config says or ./feeds.toml.
    let path = config::locate(cli.config.as_deref()).unwrap_or_else(|_| {
        cli.config
            .clone()
            .unwrap_or_else(|| PathBuf::from("feeds.toml"))
    });
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(Failure::Runtime(format!(
                "cannot read {}: {e}",
                path.display()
            )))
        }
    };
    let settings = match &existing {
        Some(text) => config::parse(text, &path).map_err(Failure::usage)?.settings,
        None => config::Settings::defaults(path.parent().unwrap_or(std::path::Path::new("."))),
    };
    let now = now()?;
    let ctx = DateContext {
        fetched_at: now,
        zone: settings.timezone,
    };
    let runtime = runtime(false)?;
    let fetcher = Fetcher::new(&FetchOptions::from_settings(&settings))
        .map_err(|e| Failure::Runtime(format!("cannot set up HTTP: {e}")))?;
    let proposal = runtime
        .block_on(crate::onboard::propose(
            &fetcher,
            &url,
            id.as_deref(),
            title.as_deref(),
            ctx,
        ))
        .map_err(Failure::Runtime)?;
    let base = existing.clone().unwrap_or_default();
    let text = crate::onboard::append_feed(&base, &path, &proposal.feed).map_err(Failure::usage)?;
    println!(
        "{}
{}",
        &text[base.len()..].trim_start(),
        proposal.preview
    );
    if !yes && std::io::stdin().is_terminal() && !confirm(&path)? {
        eprintln!("nothing written");
        return Ok(ExitCode::SUCCESS);
    }
    crate::output::write_atomic(&path, text.as_bytes())
        .map_err(|e| Failure::Runtime(format!("cannot write {}: {e}", path.display())))?;
    eprintln!("added feed `{}` to {}", proposal.feed.id, path.display());
    let config = config::load(&path).map_err(Failure::usage)?;
    config::check_output_dir(&config).map_err(Failure::usage)?;
    runtime.block_on(super::build::build_cmd(
        config,
        std::slice::from_ref(&proposal.feed.id),
        now,
        cli.quiet,
        cli.verbose,
    ))
}

/// Asks on the terminal whether to write the config.
pub(crate) fn confirm(path: &std::path::Path) -> Result<bool, Failure> {
    use std::io::Write;
    eprint!("add this feed to {}? [y/N] ", path.display());
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Failure::Runtime(format!("cannot read the answer: {e}")))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}
