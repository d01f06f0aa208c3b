//! The `feedmill` command: argument parsing and dispatch. The work is done in the library
//! (`feedmill::commands`).

use std::process::ExitCode;

use clap::Parser;
use feedmill::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(&cli);
    match feedmill::commands::run(cli) {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("error: {}", failure.message());
            failure.exit_code()
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
