//! Running the `feedmill` binary (and the external tools some tests use) as a child process,
//! always with a deadline: a child that hangs fails its test instead of stalling the suite.

use std::ffi::OsStr;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long one run of the binary may take before the test gives up on it. Generous: a
/// build takes a second or two, but the machine may be loaded.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(120);

/// The binary under test: `FEEDMILL_TEST_BIN` if set (to run the suite against another
/// build of feedmill), else the one cargo built for this package.
pub fn feedmill_bin() -> PathBuf {
    match std::env::var_os("FEEDMILL_TEST_BIN") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from(env!("CARGO_BIN_EXE_feedmill")),
    }
}

/// `feedmill <args>` in `dir`, not yet started, with `env` set on top of an environment
/// cleaned of what would change the binary's behaviour: proxies (requests to 127.0.0.1 go
/// straight to the test server), `FEEDMILL_CONFIG`, `FEEDMILL_LOG`, `FEEDMILL_NOW`,
/// `FEEDMILL_DATABASE_URL` and `FEEDMILL_INSTANCE`
/// (pass them in `env` to set them), and colour. No stdin; stdout and stderr piped.
pub fn feedmill_command(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(feedmill_bin());
    cmd.args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for var in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "FEEDMILL_CONFIG",
        "FEEDMILL_CHROMIUM",
        "FEEDMILL_LOG",
        "FEEDMILL_NOW",
        "FEEDMILL_DATABASE_URL",
        "FEEDMILL_INSTANCE",
        "RUST_LOG",
        // A test's own service manager must not reach the binary under test.
        "JOURNAL_STREAM",
        "NOTIFY_SOCKET",
        "WATCHDOG_USEC",
        "WATCHDOG_PID",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost")
        .env("NO_COLOR", "1")
        .envs(env.iter().copied());
    cmd
}

/// `cmd` run under `wrapper` (GNU time, say): `wrapper <wrapper_args> <cmd's program and
/// args>`, with `cmd`'s folder and environment.
pub fn wrapped(wrapper: &str, wrapper_args: &[&OsStr], cmd: &Command) -> Command {
    let mut w = Command::new(wrapper);
    w.args(wrapper_args)
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => w.env(key, value),
            None => w.env_remove(key),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        w.current_dir(dir);
    }
    w
}

/// Runs `feedmill <args>` in `dir` (see [`feedmill_command`]) to the end and returns what it
/// printed; panics if it is still running after `timeout`.
pub fn run_feedmill(args: &[&str], dir: &Path, env: &[(&str, &str)], timeout: Duration) -> Output {
    run_command(feedmill_command(args, dir, env), timeout)
}

/// `feedmill --config <cfg> <args>` in the config's folder with `FEEDMILL_NOW=<now>`: the
/// common case of [`run_feedmill`].
pub fn run_on_config(args: &[&str], cfg: &Path, now: &str) -> Output {
    let mut all = vec!["--config", cfg.to_str().expect("a UTF-8 config path")];
    all.extend_from_slice(args);
    let dir = cfg
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    run_feedmill(&all, dir, &[("FEEDMILL_NOW", now)], RUN_TIMEOUT)
}

/// Starts `cmd` with no stdin and its output piped, and waits for it with [`wait_output`].
pub fn run_command(mut cmd: Command, timeout: Duration) -> Output {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let what = describe(&cmd);
    let child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    wait_output(child, timeout, &what)
}

/// Waits for `child` to exit, reading its piped stdout and stderr meanwhile (so a chatty
/// child never blocks on a full pipe). Kills it and panics, with what it printed on stderr
/// so far, if it is still running after `timeout`.
pub fn wait_output(mut child: Child, timeout: Duration, what: &str) -> Output {
    let stdout = Drained::start(child.stdout.take());
    let stderr = Drained::start(child.stderr.take());
    let mut status = None;
    let exited = super::wait_until(timeout, || {
        status = child.try_wait().expect("wait for child");
        status.is_some()
    });
    if !exited {
        let _ = child.kill();
        let _ = child.wait();
        panic!(
            "{what} did not finish within {timeout:?}; stderr so far:\n{}",
            String::from_utf8_lossy(&stderr.so_far())
        );
    }
    Output {
        status: status.unwrap(),
        stdout: stdout.finish(),
        stderr: stderr.finish(),
    }
}

/// A child's pipe read to its end on a thread; what has come so far can be looked at
/// meanwhile.
struct Drained {
    bytes: Arc<Mutex<Vec<u8>>>,
    thread: Option<JoinHandle<()>>,
}

impl Drained {
    /// Starts reading `pipe` (nothing to read when there is none).
    fn start(pipe: Option<impl Read + Send + 'static>) -> Drained {
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let thread = pipe.map(|mut pipe| {
            let sink = Arc::clone(&bytes);
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match pipe.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => sink.lock().unwrap().extend_from_slice(&buf[..n]),
                        Err(e) if e.kind() == ErrorKind::Interrupted => {}
                        Err(_) => break,
                    }
                }
            })
        });
        Drained { bytes, thread }
    }

    fn so_far(&self) -> Vec<u8> {
        self.bytes.lock().unwrap().clone()
    }

    /// Everything, once the pipe has closed.
    fn finish(self) -> Vec<u8> {
        if let Some(t) = self.thread {
            t.join().unwrap();
        }
        std::mem::take(&mut *self.bytes.lock().unwrap())
    }
}

/// "program arg arg ..." for messages.
fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
