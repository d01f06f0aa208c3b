//! Watching for Chromium processes that feedmill leaves behind.
//!
//! The test process makes itself a child subreaper, so that a Chromium process still alive
//! (or never reaped) when a feedmill it started exits becomes a child of the test, where
//! [`leaked`] sees it, instead of vanishing into PID 1.

use std::sync::Once;

/// `chromium` as [`super::tool_or_skip`] wants it; false (test skipped) when missing locally.
pub fn have_chromium(test: &str) -> bool {
    super::tool_or_skip("chromium", "chromium", test)
}

/// Makes the test process the reaper of its orphaned descendants (once).
pub fn adopt_orphans() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: prctl with these arguments only sets a flag on this process.
        unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
    });
}

/// One process: id, parent, state and command name, from `/proc/<pid>/stat`.
#[derive(Debug, Clone)]
pub struct Proc {
    pub pid: i32,
    pub ppid: i32,
    pub state: char,
    pub comm: String,
    pub pgrp: i32,
}

/// Every process `/proc` shows.
pub fn processes() -> Vec<Proc> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| {
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            let (open, close) = (stat.find('(')?, stat.rfind(')')?);
            let mut rest = stat[close + 1..].split_whitespace();
            Some(Proc {
                pid: stat[..open].trim().parse().ok()?,
                comm: stat[open + 1..close].to_string(),
                state: rest.next()?.chars().next()?,
                ppid: rest.next()?.parse().ok()?,
                pgrp: rest.next()?.parse().ok()?,
            })
        })
        .collect()
}

/// [`leaked`], for tests that run feedmill as a child process (so that every Chromium the
/// test process has is a leak): the zombies among them are reaped once reported, so one
/// leak fails the test that caused it and not every later test of the same binary.
#[allow(dead_code)] // not every test binary that shares this module runs feedmill as a child
pub fn take_leaked() -> Vec<Proc> {
    let left = leaked();
    for p in left.iter().filter(|p| p.state == 'Z') {
        let mut status = 0;
        // SAFETY: waitpid writes only `status`; the process is this test's exited child.
        unsafe { libc::waitpid(p.pid, &mut status, libc::WNOHANG) };
    }
    left
}

/// Chromium processes (alive or zombie) that feedmill runs left to the test process.
pub fn leaked() -> Vec<Proc> {
    let me = std::process::id() as i32;
    processes()
        .into_iter()
        .filter(|p| p.ppid == me && p.comm.starts_with("chrom"))
        .collect()
}

/// The browser processes (`chromium`, not its helpers) whose parent is `pid`.
pub fn browser_of(pid: u32) -> Vec<Proc> {
    processes()
        .into_iter()
        .filter(|p| p.ppid == pid as i32 && p.comm == "chromium" && p.state != 'Z')
        .collect()
}
