//! Property tests for feedmill's entry points that take outside text: the config reader, the
//! list, article and list-detection readers, and the feed renderers. They run the same
//! entry points as the cargo-fuzz targets in `fuzz/` (see fuzz/README.md), on inputs built
//! from grammars instead of coverage-guided mutation, so they fit in a plain `cargo test`.
//!
//! The `regression_*` tests at the end replay inputs the fuzzer found (fuzz/regressions/).
//! One that still fails is `#[ignore]`d with what it found, until its bug is fixed.
//!
//! `shared` holds the fixtures every group uses (a fetch time, a page address, a valid config,
//! selectors and article rules); each other module is one entry point's properties.

#[path = "../common/mod.rs"]
mod common;

mod shared;

mod config_parse;
mod html_readers;
mod regressions;
mod renderers;
