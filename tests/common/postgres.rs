//! A throwaway PostgreSQL cluster for the fleet tests: `initdb` and `pg_ctl` from Debian's
//! `postgresql` package, in a temporary folder, on a free port, stopped when dropped. As
//! root (CI) the server runs as the `postgres` user, since PostgreSQL refuses to run as root.
//! Locally a missing PostgreSQL skips the test, saying why; with `CI` set it fails it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use super::run_command;

/// How long `initdb`, `pg_ctl` and `createdb` may take.
const PG_TIMEOUT: Duration = Duration::from_secs(120);

/// A running cluster.
pub struct PgCluster {
    /// Holds the data folder, the socket and the log.
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
    /// Run the server's programs as this user (`postgres` when we are root).
    as_user: Option<&'static str>,
}

/// The folder holding `initdb`, `pg_ctl` and `createdb`: Debian's versioned folder (the
/// newest), else where `initdb` on `PATH` really lives.
fn find_bin() -> Option<PathBuf> {
    let complete = |dir: &Path| {
        ["initdb", "pg_ctl", "createdb"]
            .iter()
            .all(|p| dir.join(p).is_file())
    };
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            if let Ok(real) = std::fs::canonicalize(dir.join("initdb")) {
                if let Some(parent) = real.parent().filter(|d| complete(d)) {
                    return Some(parent.to_path_buf());
                }
            }
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|b| b.join("initdb").is_file())
        .collect();
    versions.sort();
    versions.pop()
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    l.local_addr().expect("local address").port()
}

impl PgCluster {
    /// Starts a cluster, or `None` (after printing why) when PostgreSQL is not installed and
    /// `CI` is not set.
    pub fn start_or_skip(test: &str) -> Option<PgCluster> {
        let Some(bin) = find_bin() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "{test}: PostgreSQL's initdb not found, and CI is set: CI must run every check \
                 (apt-get install postgresql; .ci/run installs it)"
            );
            let _ = writeln!(
                std::io::stderr(),
                "skipped: {test}: PostgreSQL's initdb not found (apt-get install postgresql)"
            );
            return None;
        };
        Some(PgCluster::start(bin))
    }

    fn start(bin: PathBuf) -> PgCluster {
        let dir = tempfile::Builder::new()
            .prefix("feedmill-pg-")
            .tempdir()
            .expect("temporary folder");
        let as_user = is_root().then_some("postgres");
        if as_user.is_some() {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .expect("run chown");
            assert!(status.success(), "chown the cluster folder to postgres");
        }
        let cluster = PgCluster {
            dir,
            bin,
            port: free_port(),
            as_user,
        };
        let data = cluster.data();
        let out = cluster.run(
            "initdb",
            &[
                "-D",
                path_str(&data),
                "--auth=trust",
                "--username=postgres",
                "--encoding=UTF8",
                "--no-instructions",
            ],
        );
        assert!(out.0, "initdb failed: {}", out.1);
        cluster.start_server();
        cluster
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Runs one of the cluster's programs (as `postgres` when we are root): (success, output).
    fn run(&self, program: &str, args: &[&str]) -> (bool, String) {
        let exe = self.bin.join(program);
        let mut cmd = match self.as_user {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(&exe);
                c
            }
            None => Command::new(&exe),
        };
        cmd.args(args).current_dir(self.dir.path());
        let out = run_command(cmd, PG_TIMEOUT);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }

    /// Starts the server (again, after [`PgCluster::stop_server`]) and waits until it accepts.
    pub fn start_server(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off \
             -c full_page_writes=off -c max_connections=200",
            self.port,
            self.dir.path().display()
        );
        let log = self.dir.path().join("server.log");
        let data = self.data();
        let out = self.run(
            "pg_ctl",
            &[
                "-D",
                path_str(&data),
                "-l",
                path_str(&log),
                "-o",
                &options,
                "-w",
                "-t",
                "120",
                "start",
            ],
        );
        assert!(
            out.0,
            "pg_ctl start failed: {}\n{}",
            out.1,
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }

    /// Stops the server at once (the database "lost" under running instances).
    pub fn stop_server(&self) {
        let data = self.data();
        let out = self.run(
            "pg_ctl",
            &["-D", path_str(&data), "-m", "immediate", "-w", "stop"],
        );
        assert!(out.0, "pg_ctl stop failed: {}", out.1);
    }

    /// Creates database `name` and gives its URL.
    pub fn create_database(&self, name: &str) -> String {
        let port = self.port.to_string();
        let out = self.run(
            "createdb",
            &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", name],
        );
        assert!(out.0, "createdb {name} failed: {}", out.1);
        self.url(name)
    }

    /// The URL of database `name` on this cluster.
    pub fn url(&self, name: &str) -> String {
        format!("postgresql://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// The server's log so far, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }
}

/// A multi-threaded runtime of two workers, for the store and fleet calls a test makes.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// `url` as the config's `database` would give it.
pub fn database(url: &str) -> feedmill::config::Database {
    feedmill::config::Database {
        url: url.to_string(),
        origin: "settings.database",
    }
}

/// Default settings (state in a folder that does not exist) with the database at `url`.
pub fn settings_for(url: &str) -> feedmill::config::Settings {
    let mut s = feedmill::config::Settings::defaults(Path::new("/nonexistent"));
    s.database = Some(database(url));
    s
}

/// An item as a feed shows it: link, title, summary, published, updated (RFC 3339).
pub type Shown = (String, String, Option<String>, String, Option<String>);

/// `feed`'s newest 50 items as `store` gives them, times in Seoul's offset: what two stores
/// (or one store before and after a copy) must agree on.
pub async fn shown(store: &feedmill::store::StoreHandle, feed: &str) -> Vec<Shown> {
    store
        .feed_items(feed, 50, chrono_tz::Asia::Seoul)
        .await
        .expect("read the feed's items")
        .into_iter()
        .map(|i| {
            (
                i.link.to_string(),
                i.title,
                i.summary,
                i.published.to_rfc3339(),
                i.updated.map(|u| u.to_rfc3339()),
            )
        })
        .collect()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self.run(
            "pg_ctl",
            &["-D", path_str(&data), "-m", "immediate", "-w", "stop"],
        );
    }
}
