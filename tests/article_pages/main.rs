//! Article pages: every field of eight realistic Korean article pages, each trapping one
//! way of getting a time wrong; content cleaning; selector overrides; wire bylines; and
//! arbitrary input never panicking.
//!
//! `support` reads the fixtures and rules the tests share; each other module is one group of tests.

#[path = "../common/mod.rs"]
mod common;

mod support;

mod eight_pages;
mod fields;
mod never_panics;
mod selectors_content;
