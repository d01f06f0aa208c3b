//! [`ConfigError`]: what went wrong with the configuration, and where.
//!
//! Its Display is what a person reads (`tests/config_errors.rs` pins it byte for byte):
//! the file, the line and column, the key, then the message.

use std::fmt;
use std::path::PathBuf;

/// What went wrong with the configuration.
#[derive(Debug)]
pub enum ConfigError {
    /// No file was given and none of the usual places had one.
    NotFound { tried: Vec<PathBuf> },
    /// The file could not be read.
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A problem at a place in the file.
    At {
        path: PathBuf,
        line: usize,
        column: usize,
        key: Option<String>,
        message: String,
    },
    /// A setting taken from an environment variable is not usable.
    Env { name: &'static str, message: String },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NotFound { tried } => {
                write!(f, "no feeds.toml found (looked at ")?;
                for (i, p) in tried.iter().enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    write!(f, "{sep}{}", p.display())?;
                }
                write!(f, "); pass --config PATH or set FEEDMILL_CONFIG")
            }
            ConfigError::Read { path, source } => {
                write!(f, "cannot read {}: {source}", path.display())
            }
            ConfigError::At {
                path,
                line,
                column,
                key,
                message,
            } => {
                write!(f, "{}: line {line}, column {column}: ", path.display())?;
                if let Some(key) = key {
                    write!(f, "key `{key}`: ")?;
                }
                write!(f, "{message}")
            }
            ConfigError::Env { name, message } => {
                write!(f, "the environment variable {name}: {message}")
            }
        }
    }
}

impl std::error::Error for ConfigError {}

/// The line and column (both from 1; the column counts characters) of byte `offset` in `text`.
pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let before = before
        .char_indices()
        .last()
        .map_or("", |(i, c)| &text[..i + c.len_utf8()]);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
