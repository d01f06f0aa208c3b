//! Writing files so that no reader and no crash ever sees half of one.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// What [`write_atomic`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The file is new or its content changed.
    Changed,
    /// The file already held exactly these bytes; it was left alone, mtime and all.
    Unchanged,
}

/// Writes `bytes` to `path` through a temporary file in the same folder, synced and then
/// renamed over the old file, so the file is always either wholly old or wholly new.
/// A file that already holds these bytes is not touched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<Written> {
    if fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(Written::Unchanged);
    }
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("feed");
    let tmp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
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
