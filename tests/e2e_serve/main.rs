//! The server and the daemon end to end: headers, conditional requests, compression,
//! path traversal sent as raw request lines, health and metrics, the scheduler, signals.
//!
//! `publish` makes the served folder; each other module is one side of the server or the daemon.

#[path = "../common/mod.rs"]
mod common;

mod publish;

mod caching;
mod daemon;
mod serving;
mod systemd;
