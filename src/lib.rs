//! feedmill: turns news section pages into RSS 2.0 and Atom feeds.
//!
//! Data flows one way, a module per stage:
//! [`config`] → [`fetch`] → [`extract`] (with [`dates`]) → [`store`] → [`render`] → [`output`],
//! with [`build`] running the stages for each feed and [`check`] showing what a feed finds.

pub mod article;
pub mod build;
pub mod check;
pub mod config;
pub mod daemon;
pub mod dates;
pub mod detect;
pub mod enrich;
pub mod extract;
pub mod fetch;
pub mod html;
pub mod item;
pub mod listscan;
pub mod logging;
pub mod metrics;
pub mod output;
pub mod render;
pub mod schedule;
pub mod serve;
pub mod store;
pub mod suggest;
