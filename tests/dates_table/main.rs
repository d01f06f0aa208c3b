//! Table-driven tests for `feedmill::dates`: every form the normaliser must
//! read, with the exact instant, precision and label expected.
//!
//! The cases are three tables (`cases_absolute`, `cases_partial`, `cases_languages`) that
//! `table` runs; `parse_all` and `rejects` test the other entry points; `support` is what they
//! share.

mod support;

mod cases_absolute;
mod cases_languages;
mod cases_partial;

mod edges;
mod parse_all;
mod rejects;
mod table;
