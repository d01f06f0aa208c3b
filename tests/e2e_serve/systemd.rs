//! The shipped systemd unit, alone and with the Chromium drop-in, passes `systemd-analyze verify`.

use crate::common;
use crate::common::tools::TOOL_TIMEOUT;
use crate::common::{run_command, tool_or_skip};
use std::path::Path;
use std::process::Command;

/// The shipped unit passes `systemd-analyze verify` (with ExecStart pointed at this build).
#[test]
fn systemd_unit_verifies() {
    let unit = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("dist/feedmill.service"),
    )
    .unwrap();
    for needed in [
        "Type=notify",
        "ExecReload=/bin/kill -HUP $MAINPID",
        "WatchdogSec=",
        "DynamicUser=yes",
        "StateDirectory=feedmill",
        "ProtectSystem=strict",
        "NoNewPrivileges=yes",
        "PrivateTmp=yes",
    ] {
        assert!(
            unit.contains(needed),
            "dist/feedmill.service lacks {needed}"
        );
    }
    if !tool_or_skip(
        "systemd-analyze",
        "systemd",
        "systemd_unit_verifies: verify",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feedmill.service");
    std::fs::write(
        &path,
        unit.replace(
            "/usr/local/bin/feedmill",
            &common::feedmill_bin().to_string_lossy(),
        ),
    )
    .unwrap();
    let mut verify = Command::new("systemd-analyze");
    verify.arg("verify").arg(&path);
    let out = run_command(verify, TOOL_TIMEOUT);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The unit with the Chromium drop-in applied still verifies, and systemd reads every line of
/// the drop-in (an unknown or malformed directive is only a warning, so the output is checked).
#[test]
fn systemd_unit_with_the_chromium_drop_in_verifies() {
    if !tool_or_skip(
        "systemd-analyze",
        "systemd",
        "systemd_unit_with_the_chromium_drop_in_verifies: verify",
    ) {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let unit = std::fs::read_to_string(root.join("dist/feedmill.service")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feedmill.service");
    std::fs::write(
        &path,
        unit.replace(
            "/usr/local/bin/feedmill",
            &common::feedmill_bin().to_string_lossy(),
        ),
    )
    .unwrap();
    let drop_in = dir.path().join("feedmill.service.d");
    std::fs::create_dir(&drop_in).unwrap();
    std::fs::copy(
        root.join("dist/feedmill-chromium.conf"),
        drop_in.join("chromium.conf"),
    )
    .unwrap();
    let mut verify = Command::new("systemd-analyze");
    // The folder as the unit search path: systemd reads `feedmill.service.d/` from it.
    verify
        .env("SYSTEMD_UNIT_PATH", format!("{}:", dir.path().display()))
        .arg("verify")
        .arg(&path);
    let out = run_command(verify, TOOL_TIMEOUT);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("chromium.conf"),
        "systemd objects to the drop-in: {stderr}"
    );
}
