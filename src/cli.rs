//! The command line: every command, argument and flag, in one place shared by the binary,
//! the shell completions and the man page (`feedmill completions`, `feedmill man`).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Turns news section pages into RSS 2.0 and Atom feeds.
#[derive(Parser)]
#[command(name = "feedmill", version, about)]
pub struct Cli {
    /// The config file [default: $FEEDMILL_CONFIG, ./feeds.toml, $XDG_CONFIG_HOME/feedmill/feeds.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Print only errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more detail (-v: warnings and files, -vv: debug log)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Find the article list on a page, show its first items and add it to the config as a
    /// new feed, then build that feed
    Add {
        /// The section page's URL (or a feed's URL)
        url: String,
        /// The new feed's id [default: made from the site's host name]
        #[arg(long)]
        id: Option<String>,
        /// The new feed's title [default: the page's <title>]
        #[arg(long)]
        title: Option<String>,
        /// Write without asking (off a terminal it never asks)
        #[arg(short, long)]
        yes: bool,
    },
    /// Write a commented starter feeds.toml (never over an existing file)
    Init {
        /// Where to write it [default: ./feeds.toml]
        path: Option<PathBuf>,
    },
    /// Fetch, extract and write every feed (or those named) once
    Build {
        /// Feed ids to build [default: all]
        feed_ids: Vec<String>,
    },
    /// Fetch and extract one feed without writing; show its items and warnings
    Check {
        /// The feed id to check
        feed_id: String,
        /// Print JSON for scripts (fields documented in README.md)
        #[arg(long)]
        json: bool,
    },
    /// Find the article list on a page automatically and print a ready [feeds.<id>] block
    Suggest {
        /// A page URL, or the id of a feed in the config
        target: String,
        /// List every candidate list with its score and sample items
        #[arg(long)]
        all: bool,
    },
    /// Keep every feed fresh on its interval; with --listen or [server] listen, serve them too
    Run {
        /// Serve output_dir on this address (e.g. 127.0.0.1:8080)
        #[arg(long, value_name = "ADDR")]
        listen: Option<std::net::SocketAddr>,
    },
    /// Serve output_dir over HTTP (feeds, index.html, feeds.opml, /healthz, /metrics)
    Serve {
        /// The address to listen on [default: [server] listen, else 127.0.0.1:8080]
        #[arg(long, value_name = "ADDR")]
        listen: Option<std::net::SocketAddr>,
    },
    /// Show each feed's health: last attempt and success, failures, items
    Status {
        /// Print JSON for scripts and monitoring (fields documented in README.md)
        #[arg(long)]
        json: bool,
    },
    /// Delete a feed's stored items and state, and its output files
    Forget {
        /// The feed id to forget (it need not be in the config any more)
        feed_id: String,
    },
    /// Copy a SQLite state (items with their first-seen times and article state, validators,
    /// health) into the PostgreSQL database the config names, in one transaction. Rows the
    /// database holds already are kept as they are (nothing is overwritten), so it is safe to
    /// run again. Rendered files are not copied: each feed is rendered again on its first build
    Migrate {
        /// The SQLite state to copy: its folder (the old state_dir) or its feedmill.db file
        #[arg(long, value_name = "PATH")]
        from_sqlite: std::path::PathBuf,
    },
    /// Print a shell completion script (e.g. `feedmill completions bash > /etc/bash_completion.d/feedmill`)
    Completions {
        /// The shell
        shell: Shell,
    },
    /// Print the man page (roff), e.g. `feedmill man | man -l -`
    Man,
}

/// The shells `feedmill completions` writes for.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// The clap command, for completions and the man page.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> Vec<u8> {
    let mut cmd = command();
    let mut out = Vec::new();
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(generator, &mut cmd, "feedmill", &mut out);
    out
}

/// The man page, in roff.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command()).render(&mut out)?;
    Ok(out)
}
