//! feedmill: turns news section pages into RSS 2.0 and Atom feeds.
pub mod dates;
