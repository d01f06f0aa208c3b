//! The `feedmill` command: argument parsing and dispatch. The work is done in the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use clap::Parser;
use feedmill::build::{self, FeedReport};
use feedmill::cli::{Cli, Command};
use feedmill::config::{self, Config, Format};
use feedmill::dates::DateContext;
use feedmill::fetch::{FetchOptions, Fetcher};
use feedmill::output::Written;
use feedmill::store::Store;

const EXIT_FAILED: u8 = 1;
const EXIT_USAGE: u8 = 2;

/// Why a command stopped before doing its work; each kind has its exit code.
#[derive(Debug)]
enum Failure {
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(&cli);
    match run(cli) {
        Ok(code) => code,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_USAGE)
        }
        Err(Failure::Runtime(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_FAILED)
        }
    }
}

fn init_logging(cli: &Cli) {
    // The daemon's log is its only voice: it says what it does at info level.
    let daemon = matches!(cli.command, Command::Run { .. } | Command::Serve { .. });
    let own = match (cli.quiet, cli.verbose) {
        (true, _) => "error",
        (false, 0) if daemon => "info",
        (false, 0 | 1) => "warn",
        (false, 2) => "debug",
        (false, _) => "trace",
    };
    // Other crates' logs (html5ever's parser warnings, hyper, reqwest) mean nothing to a
    // user: they are shown only from -vv on.
    let others = match cli.verbose {
        0 | 1 => "off",
        2 => "warn",
        _ => "debug",
    };
    feedmill::logging::init(&format!("{others},feedmill={own}"));
}

/// Usage and config problems come back as [`Failure::Usage`] (exit 2), set-up failures as
/// [`Failure::Runtime`] (exit 1); feeds that failed make the command's own exit code 1.
fn run(cli: Cli) -> Result<ExitCode, Failure> {
    // Commands that need no config file.
    match &cli.command {
        Command::Init { path } => return init_cmd(path.as_deref()),
        Command::Completions { shell } => {
            return print_bytes(&feedmill::cli::completions(*shell));
        }
        Command::Man => {
            let page = feedmill::cli::man_page().map_err(Failure::runtime)?;
            return print_bytes(&page);
        }
        Command::Add { .. } => return add_cmd(&cli),
        _ => {}
    }
    if let Command::Suggest { target, all } = &cli.command {
        // A URL needs no config; one is used when there is one (its settings, its feed ids).
        let config = match config::locate(cli.config.as_deref()) {
            Ok(path) => Some(config::load(&path).map_err(Failure::usage)?),
            Err(_) if url::Url::parse(target).is_ok() => None,
            Err(e) => return Err(Failure::usage(e)),
        };
        return runtime(false)?.block_on(suggest_cmd(config, target, *all, now()?));
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
            runtime.block_on(build_cmd(config, &feed_ids, now, cli.quiet, cli.verbose))
        }
        Command::Check { feed_id, json } => {
            known_ids(&config, std::slice::from_ref(&feed_id))?;
            runtime.block_on(check_cmd(&config, &feed_id, now, json))
        }
        Command::Run { listen } => {
            let listen = listen.or(config.settings.listen);
            runtime
                .block_on(feedmill::daemon::run(config, path, listen))
                .map_err(daemon_failure)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { listen } => {
            let default = config::defaults::LISTEN
                .parse()
                .expect("valid default address");
            let listen = listen.or(config.settings.listen).unwrap_or(default);
            runtime
                .block_on(feedmill::daemon::serve(config, path, listen))
                .map_err(daemon_failure)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Status { json } => status_cmd(&config, now, json),
        Command::Suggest { .. }
        | Command::Init { .. }
        | Command::Add { .. }
        | Command::Completions { .. }
        | Command::Man => unreachable!("handled above"),
        Command::Forget { feed_id } => forget_cmd(&config, &feed_id),
    }
}

/// A daemon that could not start: a config mistake is a usage failure (systemd does not
/// restart on it), anything else a runtime one.
fn daemon_failure(e: feedmill::daemon::DaemonError) -> Failure {
    match e {
        feedmill::daemon::DaemonError::Config(e) => Failure::usage(e),
        other => Failure::runtime(other),
    }
}

/// The async runtime: one thread for one-shot commands (a build waits on the network far more
/// than it computes, and threads cost CPU in wake-ups), a thread per core for the server.
fn runtime(server: bool) -> Result<tokio::runtime::Runtime, Failure> {
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

async fn suggest_cmd(
    config: Option<Config>,
    target: &str,
    all: bool,
    now: DateTime<Utc>,
) -> Result<ExitCode, Failure> {
    // Without a config file, the defaults every config starts from.
    let settings = config.as_ref().map_or_else(
        || config::Settings::defaults(std::path::Path::new(".")),
        |c| c.settings.clone(),
    );
    let feed = config
        .as_ref()
        .and_then(|c| c.feeds.iter().find(|f| f.id == target));
    let urls = match (feed, url::Url::parse(target)) {
        (Some(f), _) => f.urls.clone(),
        (None, Ok(u)) => vec![u],
        (None, Err(_)) => {
            return Err(Failure::Usage(format!(
                "`{target}` is neither a URL nor a feed id in the config"
            )))
        }
    };
    let fetcher = Fetcher::new(&FetchOptions::from_settings(&settings))
        .map_err(|e| Failure::Runtime(format!("cannot set up HTTP: {e}")))?;
    let ctx = DateContext {
        fetched_at: now,
        zone: settings.timezone,
    };
    let id = feed.map_or_else(
        || feedmill::suggest::id_from_url(&urls[0]),
        |f| f.id.clone(),
    );
    // Every page of a feed is looked at: a feed's selectors must suit all of them.
    let mut found = 0;
    for (n, url) in urls.iter().enumerate() {
        if urls.len() > 1 {
            println!("# page {} of {}: {url}", n + 1, urls.len());
        }
        // A feed's own headers and cookies: a site that turns away others answers it.
        let request = feed.map(|f| f.request.clone()).unwrap_or_default();
        let render = feed.and_then(|f| f.render.as_ref());
        let page = match fetcher.get_page(url, &request, render).await {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: {e}");
                continue;
            }
        };
        let title = feed
            .map(|f| f.title.clone())
            .or_else(|| feedmill::suggest::page_title(&page.html))
            .unwrap_or_else(|| id.clone());
        if feedmill::extract::looks_like_feed(page.content_type.as_deref(), &page.html) {
            match feedmill::suggest::format_feed_source(&page.html, &page.url, &id, &title, ctx) {
                Ok(text) => {
                    print!("{text}");
                    found += 1;
                }
                Err(e) => eprintln!("{url} answers a feed that cannot be read: {e}"),
            }
            continue;
        }
        let advertised = feedmill::suggest::format_advertised_feeds(&page.html, &page.url);
        match feedmill::suggest::format_suggestion(&page.html, &page.url, &id, &title, ctx, all) {
            Some(text) => {
                print!("{text}{advertised}");
                found += 1;
            }
            None => eprintln!(
                "no article list found on {url}; write [feeds.{id}.select] by hand (see README){advertised}"
            ),
        }
    }
    Ok(if found == urls.len() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FAILED)
    })
}

/// The fetch time: now, or `$FEEDMILL_NOW` (RFC 3339) for reproducible runs and tests.
fn now() -> Result<DateTime<Utc>, Failure> {
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

fn known_ids(config: &Config, ids: &[String]) -> Result<(), Failure> {
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

async fn build_cmd(
    config: Config,
    ids: &[String],
    now: DateTime<Utc>,
    quiet: bool,
    verbose: u8,
) -> Result<ExitCode, Failure> {
    let total = if ids.is_empty() {
        config.feeds.len()
    } else {
        ids.len()
    };
    let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} feeds {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let print = |line: String| match &bar {
        Some(bar) => bar.println(line),
        None => eprintln!("{line}"),
    };
    let reports = feedmill::daemon::build_all(Arc::new(config), ids, now, |report| {
        for line in summary_lines(report, quiet, verbose) {
            print(line);
        }
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    })
    .await
    .map_err(Failure::runtime)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let failed = reports.iter().filter(|r| r.result.is_err()).count();
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FAILED)
    })
}

fn summary_lines(report: &FeedReport, quiet: bool, verbose: u8) -> Vec<String> {
    let secs = report.elapsed.as_secs_f64();
    match &report.result {
        Err(e) => vec![format!("{}: error: {}", report.id, e.build_message())],
        Ok(_) if quiet => vec![],
        Ok(o) => {
            let unchanged = o.files.iter().all(|(_, w)| *w == Written::Unchanged);
            let mut line = format!(
                "{}: {} items, {} new, {secs:.2}s",
                report.id, o.items, o.new_items
            );
            if o.not_modified {
                line.push_str(", not modified");
            } else if unchanged {
                line.push_str(", files unchanged");
            }
            if !o.warnings.is_empty() && verbose == 0 {
                line.push_str(&format!(
                    ", {} warnings (see `feedmill check {}` or -v)",
                    o.warnings.len(),
                    report.id
                ));
            }
            let mut lines = vec![line];
            if verbose > 0 {
                lines.extend(o.warnings.iter().map(|w| format!("  warning: {w}")));
                lines.extend(o.files.iter().map(|(p, w)| {
                    format!(
                        "  {} {}",
                        if *w == Written::Changed {
                            "wrote"
                        } else {
                            "kept"
                        },
                        p.display()
                    )
                }));
            }
            lines
        }
    }
}

async fn check_cmd(
    config: &Config,
    id: &str,
    now: DateTime<Utc>,
    json: bool,
) -> Result<ExitCode, Failure> {
    let feed = config
        .feeds
        .iter()
        .find(|f| f.id == id)
        .expect("checked by known_ids");
    let fetcher = Fetcher::new(&FetchOptions::from_settings(&config.settings))
        .map_err(|e| Failure::Runtime(format!("cannot set up HTTP: {e}")))?;
    let zone = config.settings.timezone;
    let ctx = DateContext {
        fetched_at: now,
        zone,
    };
    if !json {
        print!(
            "{}",
            feedmill::check::format_request(&feed.request, &config.settings.user_agent)
        );
    }
    match build::collect(feed, &fetcher, ctx, &Default::default()).await {
        Ok(collected) => {
            let previews = match feed.article.as_ref().filter(|r| r.fetch) {
                Some(rules) => {
                    let limit = rules.max_new.min(10);
                    feedmill::enrich::preview(&collected.items, feed, rules, &fetcher, ctx, limit)
                        .await
                }
                None => Vec::new(),
            };
            if json {
                let value = feedmill::check_json::check_json(
                    id,
                    &collected.items,
                    &collected.warnings,
                    &collected.notes,
                    &previews,
                    zone,
                );
                println!("{value:#}");
                return Ok(ExitCode::SUCCESS);
            }
            print!(
                "{}",
                feedmill::check::format_items(&collected.items, &collected.warnings, zone)
            );
            for note in &collected.notes {
                println!("note: {note}");
            }
            print!(
                "{}",
                feedmill::check::format_article_previews(&previews, zone)
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            if json {
                let value = serde_json::json!({
                    "version": feedmill::check_json::JSON_VERSION,
                    "feed": id,
                    "error": e.to_string(),
                });
                println!("{value:#}");
            }
            eprintln!("{id}: error: {e}");
            Ok(ExitCode::from(EXIT_FAILED))
        }
    }
}

fn status_cmd(config: &Config, now: DateTime<Utc>, json: bool) -> Result<ExitCode, Failure> {
    // Read only: status works for any user who may read the state folder.
    let health = match Store::open_read_only(&config.settings.state_dir) {
        Ok(Some(store)) => store.health().map_err(Failure::runtime)?,
        Ok(None) => Vec::new(),
        Err(e) => return Err(Failure::runtime(e)),
    };
    let ids: Vec<&str> = config.feeds.iter().map(|f| f.id.as_str()).collect();
    if json {
        let value = feedmill::check_json::status_json(&ids, &health, config.settings.timezone, now);
        println!("{value:#}");
        return Ok(ExitCode::SUCCESS);
    }
    print!(
        "{}",
        feedmill::check::format_status(&ids, &health, config.settings.timezone, now)
    );
    Ok(ExitCode::SUCCESS)
}

fn forget_cmd(config: &Config, id: &str) -> Result<ExitCode, Failure> {
    let mut store = Store::open(&config.settings.state_dir).map_err(Failure::runtime)?;
    let items = store.forget(id).map_err(Failure::runtime)?;
    let mut removed = Vec::new();
    for format in [Format::Rss, Format::Atom, Format::Json] {
        let path = feedmill::output::feed_path(&config.settings.output_dir, id, format);
        match std::fs::remove_file(&path) {
            Ok(()) => removed.push(path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Failure::Runtime(format!(
                    "cannot remove {}: {e}",
                    path.display()
                )))
            }
        }
    }
    eprintln!(
        "{id}: forgot {items} items; removed {}",
        if removed.is_empty() {
            "no files".to_string()
        } else {
            removed.join(", ")
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes generated bytes (completions, the man page) to standard output.
fn print_bytes(bytes: &[u8]) -> Result<ExitCode, Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Failure::Runtime(format!("cannot write to standard output: {e}")))?;
    Ok(ExitCode::SUCCESS)
}

fn init_cmd(path: Option<&std::path::Path>) -> Result<ExitCode, Failure> {
    let path = path.unwrap_or(std::path::Path::new("feeds.toml"));
    feedmill::onboard::init(path).map_err(|e| match e {
        feedmill::onboard::OnboardError::Exists { .. } => Failure::usage(e),
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
fn add_cmd(cli: &Cli) -> Result<ExitCode, Failure> {
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
        .block_on(feedmill::onboard::propose(
            &fetcher,
            &url,
            id.as_deref(),
            title.as_deref(),
            ctx,
        ))
        .map_err(Failure::Runtime)?;
    let base = existing.clone().unwrap_or_default();
    let text =
        feedmill::onboard::append_feed(&base, &path, &proposal.feed).map_err(Failure::usage)?;
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
    feedmill::output::write_atomic(&path, text.as_bytes())
        .map_err(|e| Failure::Runtime(format!("cannot write {}: {e}", path.display())))?;
    eprintln!("added feed `{}` to {}", proposal.feed.id, path.display());
    let config = config::load(&path).map_err(Failure::usage)?;
    config::check_output_dir(&config).map_err(Failure::usage)?;
    runtime.block_on(build_cmd(
        config,
        std::slice::from_ref(&proposal.feed.id),
        now,
        cli.quiet,
        cli.verbose,
    ))
}

/// Asks on the terminal whether to write the config.
fn confirm(path: &std::path::Path) -> Result<bool, Failure> {
    use std::io::Write;
    eprint!("add this feed to {}? [y/N] ", path.display());
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Failure::Runtime(format!("cannot read the answer: {e}")))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}
