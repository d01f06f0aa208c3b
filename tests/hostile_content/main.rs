//! A list page whose items carry hostile content: CDATA terminators, script tags (as text
//! and as markup), characters XML 1.0 cannot carry, lone surrogates, megabyte titles and
//! summaries, a 10,000-character author, links with quotes, spaces and Hangul. `feedmill
//! build` must still write feeds every parser accepts, with no script element anywhere,
//! no invalid character, and every field cut to its documented length.
//!
//! `page` builds the hostile list page and the feeds made from it; the other modules check
//! those feeds.

#[path = "../common/mod.rs"]
mod common;

mod page;

mod json_and_links;
mod xml;
