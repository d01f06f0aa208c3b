//! feedmill: turns news section pages into RSS 2.0, Atom and JSON feeds.
//!
//! Data flows one way, a module per stage, listed here in that order:
//!
//! ```text
//! config → schedule → fetch → extract (list pages; detect without selectors; article pages)
//!   → dates → store → render → output → serve
//! ```
//!
//! [`build`] runs the stages for one feed (with [`pages`] for sections that continue); [`daemon`] runs builds (one round for
//! `feedmill build`, on a schedule for `feedmill run`) and the server. No module imports one
//! that comes after it in the flow, except these drivers.

// Reading the configuration and deciding when to work.
pub mod config;
pub mod schedule;

// Getting pages.
pub mod fetch;

// Reading pages: what every reader shares, then list pages (HTML and JSON), detection and
// article pages.
pub mod article;
pub mod detect;
pub mod extract;
pub mod html;
pub mod jsonlist;
pub mod listscan;

// Times, in every form pages print them.
pub mod dates;

// Weighing article pages against the list, and what is kept between builds.
pub mod enrich;
pub mod item;
pub mod store;

// Writing feeds.
pub mod output;
pub mod render;

// Running: one feed's pipeline, the daemon, the server and what it reports.
pub mod build;
pub mod daemon;
pub mod metrics;
pub mod pages;
pub mod serve;

// The commands' own output.
pub mod check;
pub mod check_json;
pub mod cli;
pub mod commands;
pub mod logging;
pub mod onboard;
pub mod suggest;
