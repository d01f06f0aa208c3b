//! Starting and stopping the Chromium process.
//!
//! feedmill starts Chromium itself rather than through the DevTools crate, so that it owns
//! the process tree: Chromium runs in a process group of its own, is told to die with
//! feedmill (`PR_SET_PDEATHSIG`), and is stopped as a group, so no renderer outlives a
//! build or a `run`.

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use super::BrowserError;

/// The environment variable that names the Chromium binary to use, ahead of `PATH`.
pub const CHROMIUM_ENV: &str = "FEEDMILL_CHROMIUM";

/// The most JavaScript heap one page's renderer may use: a page that allocates without end
/// crashes its own renderer here, and fails its feed, instead of eating the machine.
pub const JS_HEAP_MIB: u32 = 256;

/// The names Chromium goes by in `PATH`: Debian's package first.
const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome-stable",
    "google-chrome",
];

/// How long Chromium may take to say where its DevTools endpoint is.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a stopping Chromium gets to close its own children before they are killed.
const STOP_GRACE: Duration = Duration::from_secs(3);

/// How long the processes of a killed Chromium are waited for.
const LATE_REAP: Duration = Duration::from_secs(20);

/// The Chromium binary: `$FEEDMILL_CHROMIUM`, else the first of [`NAMES`] in `PATH`.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(CHROMIUM_ENV).filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        return is_runnable(&p).then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| NAMES.iter().map(move |n| dir.join(n)))
        .find(|p| is_runnable(p))
}

fn is_runnable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The flags Chromium runs with. Headless, nothing a person's browser does on its own
/// (sync, updates, first-run pages), a profile of its own, and the DevTools endpoint on a
/// free port of the loopback interface.
fn flags(profile: &Path) -> Vec<String> {
    let mut flags: Vec<String> = [
        "--headless=new",
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-gpu",
        // /dev/shm is small in containers and absent under some sandboxes: use /tmp.
        "--disable-dev-shm-usage",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-sync",
        "--disable-breakpad",
        "--disable-crash-reporter",
        "--metrics-recording-only",
        "--mute-audio",
        "--password-store=basic",
        "--disable-features=Translate,MediaRouter,OptimizationHints,DialMediaRouteProvider",
        "--block-new-web-contents",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    flags.push(format!("--user-data-dir={}", profile.display()));
    flags.push(format!("--js-flags=--max-old-space-size={JS_HEAP_MIB}"));
    // Chromium's sandbox needs user namespaces or a setuid helper, and refuses to start as
    // root at all ("Running as root without --no-sandbox is not supported"). As root (CI,
    // containers) the sandbox is given up; every other user keeps it. The pages rendered are
    // the feed's own site, their addresses checked by feedmill before each request.
    if is_root() {
        flags.push("--no-sandbox".into());
    }
    flags.push("about:blank".into());
    flags
}

/// Whether feedmill runs as root.
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// A running Chromium: its process group is killed when this is dropped.
pub struct Process {
    /// The browser process's id, which is also its process group's.
    pid: u32,
    /// Disconnects when the browser process has exited and been reaped.
    exited: std::sync::Mutex<mpsc::Receiver<()>>,
    /// The DevTools WebSocket address.
    pub ws_url: String,
    /// The profile folder, removed with the process.
    _profile: tempfile::TempDir,
}

impl Process {
    /// Starts `binary` and waits for its DevTools address.
    pub fn start(binary: &Path) -> Result<Process, BrowserError> {
        let profile = tempfile::Builder::new()
            .prefix("feedmill-chromium-")
            .tempdir()
            .map_err(|e| BrowserError::Start(format!("cannot make a profile folder: {e}")))?;
        become_subreaper();
        let mut cmd = Command::new(binary);
        cmd.args(flags(profile.path()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                // A group of its own, so that stopping it reaches every helper process.
                if libc::setpgid(0, 0) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                // Killed with the thread that started it, which lives as long as feedmill
                // does (see below): a feedmill killed with SIGKILL takes Chromium along.
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        // The process is started, waited for and reaped on a thread of its own: the death
        // signal fires when the *thread* that forked ends, so it must not be a pool thread.
        let (started_tx, started_rx) = mpsc::channel();
        let (exited_tx, exited_rx) = mpsc::channel::<()>();
        let spawned = std::thread::Builder::new()
            .name("chromium".into())
            .spawn(move || match cmd.spawn() {
                Ok(mut child) => {
                    let stderr = child.stderr.take();
                    let _ = started_tx.send(Ok((child.id(), stderr)));
                    let _ = child.wait();
                    drop(exited_tx);
                }
                Err(e) => {
                    let _ = started_tx.send(Err(e));
                }
            });
        if let Err(e) = spawned {
            return Err(BrowserError::Start(format!("cannot start a thread: {e}")));
        }
        let (pid, stderr) = match started_rx.recv() {
            Ok(Ok(started)) => started,
            Ok(Err(e)) => {
                return Err(BrowserError::Start(format!(
                    "cannot run {}: {e}",
                    binary.display()
                )))
            }
            Err(_) => return Err(BrowserError::Start("the start thread ended".into())),
        };
        let mut process = Process {
            pid,
            exited: std::sync::Mutex::new(exited_rx),
            ws_url: String::new(),
            _profile: profile,
        };
        let Some(stderr) = stderr else {
            return Err(BrowserError::Start("no stderr to read".into()));
        };
        process.ws_url = read_ws_url(stderr)?;
        Ok(process)
    }

    /// The browser process's id.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// The memory the browser and every process of its group (renderers, GPU and utility
    /// processes) hold, in bytes: the sum of their proportional set sizes
    /// (`/proc/<pid>/smaps_rollup`), so pages they share are counted once; a process without
    /// that file counts its resident size.
    pub fn group_memory(&self) -> u64 {
        let pgid = self.pid as libc::pid_t;
        processes()
            .into_iter()
            .filter(|p| p.pgrp == pgid)
            .map(|p| process_memory(p.pid))
            .sum()
    }

    /// Whether the browser process has exited.
    pub fn has_exited(&self) -> bool {
        self.exited
            .lock()
            .map(|rx| matches!(rx.try_recv(), Err(mpsc::TryRecvError::Disconnected)))
            .unwrap_or(true)
    }

    /// Stops Chromium: SIGTERM lets it close its helpers and tabs; whatever is left after a
    /// short grace is killed, the whole process group at once. Blocks for at most the grace.
    fn stop(&self) {
        let group = -(self.pid as libc::pid_t);
        // SAFETY: kill has no memory-safety preconditions; the group is Chromium's own.
        unsafe { libc::kill(self.pid as libc::pid_t, libc::SIGTERM) };
        if let Ok(rx) = self.exited.lock() {
            let _ = rx.recv_timeout(STOP_GRACE);
        }
        // SAFETY: as above. Harmless when the group is already gone (ESRCH).
        unsafe { libc::kill(group, libc::SIGKILL) };
        // A killed process can take a while to go on a loaded machine; waiting here (the
        // caller is a blocking thread, or feedmill on its way out) leaves no zombie.
        let started = std::time::Instant::now();
        if !reap_group(self.pid as libc::pid_t, LATE_REAP) {
            tracing::warn!(
                "Chromium processes (group {}) still running {}s after being killed",
                self.pid,
                LATE_REAP.as_secs()
            );
        } else if started.elapsed() > STOP_GRACE {
            tracing::debug!(target: "feedmill::browser", "reaping Chromium took {:?}", started.elapsed());
        }
    }
}

/// Makes feedmill the reaper of its orphaned descendants. Chromium's helpers outlive the
/// browser process by a moment when it stops; they would be left to PID 1, which in a
/// container may never reap them. feedmill starts no other processes, so every orphan it
/// inherits is Chromium's, reaped by [`reap_group`].
fn become_subreaper() {
    // SAFETY: prctl with these arguments only sets a flag on this process.
    unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
}

/// Reaps what is left of a stopped Chromium: the exited processes of group `pgid` that are
/// feedmill's (the orphans it inherited), and the crash handler, which Chromium always starts
/// in a session of its own and which exits once the browser is gone. Waits until none is
/// left (true), or `limit` has passed (false).
fn reap_group(pgid: libc::pid_t, limit: Duration) -> bool {
    let deadline = std::time::Instant::now() + limit;
    // SAFETY: getpid cannot fail.
    let me = unsafe { libc::getpid() };
    // The group must be seen empty twice in a row: a helper Chromium was forking as the group
    // was killed can show up a moment later.
    let mut empty_scans = 0;
    loop {
        let mut left = false;
        for p in processes() {
            let ours = p.ppid == me && (p.pgrp == pgid || p.comm.starts_with("chrom"));
            if ours && p.state == 'Z' {
                let mut status = 0;
                // SAFETY: waitpid writes only `status`; the process is our exited child.
                unsafe { libc::waitpid(p.pid, &mut status, libc::WNOHANG) };
            } else if p.pgrp == pgid || (ours && p.comm.starts_with("chrome_crashpad")) {
                left = true;
            }
        }
        empty_scans = if left { 0 } else { empty_scans + 1 };
        if empty_scans >= 2 {
            return true;
        }
        if std::time::Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// One process's proportional set size in bytes (`Pss:` of `/proc/<pid>/smaps_rollup`), else
/// its resident size (`/proc/<pid>/statm`), else 0 (it has gone).
fn process_memory(pid: libc::pid_t) -> u64 {
    if let Ok(rollup) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) {
        let pss_kb = rollup
            .lines()
            .find_map(|l| l.strip_prefix("Pss:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
        if let Some(kb) = pss_kb {
            return kb << 10;
        }
    }
    // SAFETY: sysconf takes no pointers.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(4096) as u64;
    std::fs::read_to_string(format!("/proc/{pid}/statm"))
        .ok()
        .and_then(|statm| statm.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * page)
}

/// One process as `/proc/<pid>/stat` tells it.
#[derive(Debug, PartialEq, Eq)]
pub struct ProcessInfo {
    pub pid: libc::pid_t,
    /// The command name (at most 15 bytes).
    pub comm: String,
    pub state: char,
    pub ppid: libc::pid_t,
    pub pgrp: libc::pid_t,
}

/// Every process `/proc` shows.
pub fn processes() -> Vec<ProcessInfo> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
        })
        .filter_map(|e| std::fs::read_to_string(e.path().join("stat")).ok())
        .filter_map(|stat| parse_stat(&stat))
        .collect()
}

/// Reads a `/proc/<pid>/stat` line. The command name is in parentheses and may itself hold
/// spaces and parentheses, so the fields after it are counted from the last `)`.
fn parse_stat(stat: &str) -> Option<ProcessInfo> {
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let pid = stat[..open].trim().parse().ok()?;
    let comm = stat.get(open + 1..close)?.to_string();
    let mut rest = stat[close + 1..].split_whitespace();
    let state = rest.next()?.chars().next()?;
    let ppid = rest.next()?.parse().ok()?;
    let pgrp = rest.next()?.parse().ok()?;
    Some(ProcessInfo {
        pid,
        comm,
        state,
        ppid,
        pgrp,
    })
}

impl Drop for Process {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Reads Chromium's stderr until it prints its DevTools address, then keeps draining it on a
/// thread (a full pipe would stall Chromium), logging it at debug level.
fn read_ws_url(stderr: std::process::ChildStderr) -> Result<String, BrowserError> {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("chromium-stderr".into())
        .spawn(move || {
            let mut lines = BufReader::new(stderr).lines();
            let mut said = Vec::new();
            let mut tx = Some(tx);
            for line in lines.by_ref() {
                let Ok(line) = line else { break };
                if let Some(url) = line
                    .split_once("DevTools listening on ")
                    .map(|(_, u)| u.trim().to_string())
                {
                    if let Some(tx) = tx.take() {
                        let _ = tx.send(Ok(url));
                    }
                    continue;
                }
                tracing::debug!(target: "feedmill::browser", "chromium: {line}");
                if tx.is_some() && said.len() < 20 {
                    said.push(line);
                }
            }
            if let Some(tx) = tx {
                let _ = tx.send(Err(said.join("\n")));
            }
        });
    if let Err(e) = spawned {
        return Err(BrowserError::Start(format!("cannot start a thread: {e}")));
    }
    match rx.recv_timeout(START_TIMEOUT) {
        Ok(Ok(url)) => Ok(url),
        Ok(Err(said)) => Err(BrowserError::Start(format!(
            "Chromium exited at start{}",
            if said.is_empty() {
                String::new()
            } else {
                format!(": {said}")
            }
        ))),
        Err(_) => Err(BrowserError::Start(format!(
            "Chromium did not open its DevTools port within {}s",
            START_TIMEOUT.as_secs()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_stat, ProcessInfo};

    #[test]
    fn stat_lines() {
        let stat = "21593 (chromium (gpu)) S 21567 21546 21546 0 -1 4194560 3077";
        assert_eq!(
            parse_stat(stat),
            Some(ProcessInfo {
                pid: 21593,
                comm: "chromium (gpu)".into(),
                state: 'S',
                ppid: 21567,
                pgrp: 21546,
            })
        );
        assert_eq!(parse_stat("garbage"), None);
    }
}
