//! `feedmill migrate --from-sqlite PATH`: a single machine's SQLite state copied into the
//! PostgreSQL database a fleet shares (see [`PgStore::copy_from_sqlite`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Failure;
use crate::config::Config;
use crate::store::pg::{instance_name, CopyReport, PgStore};
use crate::store::{Store, StoreError, DB_FILE};

pub(crate) async fn migrate_cmd(
    config: &Config,
    from: &Path,
    quiet: bool,
) -> Result<ExitCode, Failure> {
    let Some(db) = &config.settings.database else {
        return Err(Failure::Usage(format!(
            "migrate --from-sqlite copies into PostgreSQL, and {} names no database: set \
             [settings] database = \"postgresql://user@host/db\" or $FEEDMILL_DATABASE_URL",
            config.path.display()
        )));
    };
    let file = sqlite_file(from)?;
    let sqlite = open_sqlite(&file)?;
    let pg = PgStore::connect(db, &instance_name())
        .await
        .map_err(Failure::runtime)?;
    let report = pg
        .copy_from_sqlite(&sqlite)
        .await
        .map_err(|e| Failure::Runtime(format!("copying {}: {e}", file.display())))?;
    if !quiet {
        print!("{}", describe(&file, pg.shown_url(), &report));
    }
    Ok(ExitCode::SUCCESS)
}

/// The database file PATH names: the file itself, or `feedmill.db` in the folder.
fn sqlite_file(from: &Path) -> Result<PathBuf, Failure> {
    let file = if from.is_dir() {
        from.join(DB_FILE)
    } else {
        from.to_path_buf()
    };
    if !file.is_file() {
        return Err(Failure::Usage(format!(
            "no SQLite state at {}: give the old state_dir folder or its {DB_FILE} file",
            file.display()
        )));
    }
    Ok(file)
}

/// Opens the SQLite state for reading; one written by an older feedmill is brought up to
/// date first (as any build would), so its rows have every column to copy.
fn open_sqlite(file: &Path) -> Result<Store, Failure> {
    match Store::open_file_read_only(file) {
        Ok(Some(store)) => Ok(store),
        Err(StoreError::Version { found, known, .. }) if found < known as i64 => {
            Store::open_file(file).map_err(Failure::runtime)
        }
        Ok(None) => Err(Failure::Usage(format!(
            "no SQLite state at {}",
            file.display()
        ))),
        Err(e) => Err(Failure::runtime(e)),
    }
}

fn describe(file: &Path, url: &str, r: &CopyReport) -> String {
    let line = |what: &str, t: crate::store::pg::TableCopy| {
        let there = t.read - t.copied;
        if there == 0 {
            format!("  {what}: {} copied\n", t.copied)
        } else {
            format!(
                "  {what}: {} copied, {there} already there (kept as they are)\n",
                t.copied
            )
        }
    };
    format!(
        "copied {} into {url}:\n{}{}{}rendered files are not copied: each feed is rendered again on its first build\n",
        file.display(),
        line("items", r.items),
        line("validators", r.validators),
        line("feed health", r.health),
    )
}
