//! End-to-end tests: run the `feedmill` binary against pages served from
//! 127.0.0.1 and check the RSS 2.0 / Atom files it writes.
//!
//! Every expected value below is computed by hand from the fixtures in
//! tests/fixtures (see the comments there); they are the specification.
//! FEEDMILL_NOW is fixed so that relative times and undated items are
//! reproducible.
//!
//! The shared parts are `expected` (the feeds and their items), `site` (the harness) and
//! `checks` (a built feed against its items); each other module is one group of tests.

#[path = "../common/mod.rs"]
mod common;

mod checks;
mod expected;
mod site;

mod cli;
mod failures;
mod harness;
mod items;
mod pages;
