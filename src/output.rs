//! Writing files so that no reader and no crash ever sees half of one.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// FNV-1a, 64 bits: a fast, stable hash for content tags and keys (not for security).
pub fn fnv64(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The opaque part of a file's strong ETag, from its bytes alone (FNV-1a, 64 bits, and the
/// length): identical bytes give the same tag on every instance, whoever wrote them.
pub fn file_tag(data: &[u8]) -> String {
    format!("{:016x}-{:x}", fnv64(data), data.len())
}

/// Where feed `feed_id`'s file in `format` goes inside `output_dir`.
pub fn feed_path(output_dir: &Path, feed_id: &str, format: crate::config::Format) -> PathBuf {
    output_dir.join(format!("{feed_id}.{}", format.extension()))
}

/// The line a file written with `bytes` at `path` adds to a feed's digest: its name, length
/// and hash, for [`files_match`] to compare.
pub fn digest_line(path: &Path, bytes: &[u8]) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    format!("{name} {} {:016x}\n", bytes.len(), content_hash(bytes))
}

/// Whether the files at `paths` hold what `digest` ([`digest_line`]s) says was written: the
/// same names, lengths (from the metadata, so a truncated file costs no read) and hashes.
pub fn files_match(paths: &[PathBuf], digest: &str) -> bool {
    let mut lines = digest.lines();
    for path in paths {
        let Some(line) = lines.next() else {
            return false;
        };
        let mut fields = line.split(' ');
        let (Some(name), Some(len), Some(hash)) = (fields.next(), fields.next(), fields.next())
        else {
            return false;
        };
        let same_name = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy() == name);
        let same_len = fs::metadata(path).is_ok_and(|m| m.is_file() && m.len().to_string() == len);
        if !same_name || !same_len {
            return false;
        }
        match fs::read(path) {
            Ok(bytes) if format!("{:016x}", content_hash(&bytes)) == hash => {}
            _ => return false,
        }
    }
    lines.next().is_none()
}

/// A fast hash of a file's bytes for noticing damage (not for security): FNV-1a over 8-byte
/// words, eight times faster than [`fnv64`] over bytes on a feed file.
pub fn content_hash(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut words = data.chunks_exact(8);
    for w in &mut words {
        h ^= u64::from_le_bytes(w.try_into().expect("8 bytes"));
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    for &b in words.remainder() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^ data.len() as u64
}

/// What [`write_atomic`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The file is new or its content changed.
    Changed,
    /// The file already held exactly these bytes; it was left alone, mtime and all.
    Unchanged,
}

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed over the old
/// file, so a reader, or a process killed at any moment, sees either the whole old file or the
/// whole new one. A file that already holds these bytes is not touched.
///
/// There is no fsync: it would cost every build a disk flush per file, and the feeds are
/// derived data that the next build writes again. Against power loss the rename still orders
/// data before the new name on ext4 (auto_da_alloc) and other journaling file systems.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<Written> {
    if fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(Written::Unchanged);
    }
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("feed");
    let tmp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = match fs::File::create(&tmp) {
            // The folder is made on first use only: one mkdir per build, not per file.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(dir)?;
                fs::File::create(&tmp)?
            }
            other => other?,
        };
        file.write_all(bytes)?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map(|()| Written::Changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_and_skips_identical() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("a.rss");
        assert_eq!(write_atomic(&path, b"one").unwrap(), Written::Changed);
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(write_atomic(&path, b"one").unwrap(), Written::Unchanged);
        assert_eq!(write_atomic(&path, b"two").unwrap(), Written::Changed);
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary files left behind");
    }

    #[test]
    fn failure_leaves_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.rss");
        fs::write(&path, b"old").unwrap();
        // a folder where the temp file would go cannot be created inside a regular file
        let bad = path.join("b.rss");
        assert!(write_atomic(&bad, b"new").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old");
    }
}
