//! `feedmill build`: every feed (or those named) once, a line each on stderr.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::{Failure, EXIT_FAILED};
use crate::build::FeedReport;
use crate::config::Config;
use crate::output::Written;

pub(crate) async fn build_cmd(
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
    let reports = crate::daemon::build_all(Arc::new(config), ids, now, |report| {
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

pub(crate) fn summary_lines(report: &FeedReport, quiet: bool, verbose: u8) -> Vec<String> {
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
