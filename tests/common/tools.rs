//! External tools some checks need (xmllint, newsboat, systemd-analyze, GNU time). `.ci/run`
//! installs every one of them; locally a missing tool skips its check, and says so.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long one run of an external tool may take.
pub const TOOL_TIMEOUT: Duration = Duration::from_secs(60);

/// Whether `program` (a name looked up in `PATH`, or a path) can be run. When it cannot:
/// with `CI` set in the environment this panics, since CI must run every check; otherwise
/// it prints "skipped: <test>: <program> not found (apt-get install <debian_package>)" and
/// returns false, and the caller skips the check that needs it.
pub fn tool_or_skip(program: &str, debian_package: &str, test: &str) -> bool {
    if find_program(program).is_some() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: {program} not found, and CI is set: CI must run every check \
         (apt-get install {debian_package}; .ci/run installs it)"
    );
    // Straight to the process's stderr, past the test harness's capture, so that the skip
    // shows in a plain `cargo test` run.
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {test}: {program} not found (apt-get install {debian_package})"
    );
    false
}

/// The executable file `program` names: itself if it holds a `/`, else the first match in
/// `PATH`.
fn find_program(program: &str) -> Option<PathBuf> {
    let runnable = |p: &Path| {
        p.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    };
    if program.contains('/') {
        let p = PathBuf::from(program);
        return runnable(&p).then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| runnable(p))
}

/// Runs `xmllint <args> <file>` (check [`tool_or_skip`] first): (success, its stderr).
pub fn xmllint(args: &[&str], file: &Path) -> (bool, String) {
    let mut cmd = std::process::Command::new("xmllint");
    cmd.args(args).arg(file);
    let out = super::run_command(cmd, TOOL_TIMEOUT);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
