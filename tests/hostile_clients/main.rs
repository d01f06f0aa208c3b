//! `feedmill serve` against clients that misbehave: huge and malformed requests, slow-loris
//! connections, a thousand clients at once, odd request forms. The server must refuse what
//! it cannot serve, never hand out anything outside its output folder, and keep answering
//! everyone else promptly.
//!
//! Every socket has read and write timeouts and every loop is bounded, so a server that
//! hangs fails these tests rather than stalling them. Time bounds are generous (seconds, not
//! milliseconds): the suite must pass on a loaded machine.
//!
//! `site` holds the served folder and the checks every test ends with; each other module is
//! one kind of misbehaving client.

#[path = "../common/mod.rs"]
mod common;

mod site;

mod crowds;
mod forms;
mod oversized;
mod slow_readers;
