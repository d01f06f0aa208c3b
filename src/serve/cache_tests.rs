//! The file cache against a folder that changes under it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use super::*;

fn cache_of(dir: &Path) -> FileCache {
    FileCache::new(dir, |_| Duration::from_secs(60))
}

fn body(cache: &FileCache, name: &str) -> Option<Vec<u8>> {
    cache.get(name).map(|e| e.content.body.to_vec())
}

/// Waits (generously) until `cond` holds.
fn wait(mut cond: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(120) {
        if cond() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

/// The symlink race: the cache checked `symlink_metadata`, then read with a call that
/// follows links, so swapping a file for a link to a file outside the folder between the two
/// loaded the outside file. 10,000 swaps while rescanning: the outside file never loads.
#[test]
fn swapping_a_file_and_a_symlink_never_loads_the_outside_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    std::fs::create_dir_all(&out).unwrap();
    let secret = dir.path().join("secret.rss");
    std::fs::write(&secret, "OUTSIDE-SECRET").unwrap();
    std::fs::write(out.join("alpha.rss"), "alpha").unwrap();
    let cache = cache_of(&out);
    let done = Arc::new(AtomicBool::new(false));
    let swapper = {
        let (out, secret, done) = (out.clone(), secret.clone(), Arc::clone(&done));
        std::thread::spawn(move || {
            let (file, link, target) = (
                out.join(".alpha-file"),
                out.join(".alpha-link"),
                out.join("alpha.rss"),
            );
            for i in 0..10_000 {
                // Renamed over the served name, so it is always one or the other.
                if i % 2 == 0 {
                    std::fs::write(&file, format!("alpha {i}")).unwrap();
                    std::fs::rename(&file, &target).unwrap();
                } else {
                    std::os::unix::fs::symlink(&secret, &link).unwrap();
                    std::fs::rename(&link, &target).unwrap();
                }
            }
            done.store(true, Ordering::SeqCst);
        })
    };
    let (mut rounds, mut seen_alpha) = (0, 0);
    while !done.load(Ordering::SeqCst) {
        cache.refresh_now();
        rounds += 1;
        if let Some(b) = body(&cache, "alpha.rss") {
            assert!(
                !b.starts_with(b"OUTSIDE"),
                "the file outside the folder was loaded (rescan {rounds})"
            );
            seen_alpha += 1;
        }
    }
    swapper.join().unwrap();
    assert!(seen_alpha > 0, "the regular file was never loaded");
}

/// `cp -p`: the same size, the old mtime put back. The ctime tells, so the new bytes load.
#[test]
fn a_same_size_rewrite_with_the_old_mtime_is_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.rss");
    std::fs::write(&path, "version-1").unwrap();
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let cache = cache_of(dir.path());
    assert_eq!(body(&cache, "a.rss").unwrap(), b"version-1");
    // Just written, the file is racy and would be read again anyway; once it has settled
    // only its stamp can tell.
    assert!(wait(|| {
        cache.refresh_now();
        !cache.get("a.rss").unwrap().racy
    }));
    let first = cache.get("a.rss").unwrap();
    // Rewritten in place (same inode), then the old mtime put back.
    std::fs::write(&path, "version-2").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), mtime);
    cache.refresh_now();
    assert_eq!(body(&cache, "a.rss").unwrap(), b"version-2");
    let second = cache.get("a.rss").unwrap();
    assert!(
        second.modified_secs > first.modified_secs,
        "new bytes must get a later Last-Modified: {} then {}",
        first.modified_secs,
        second.modified_secs
    );
    assert_ne!(second.content.etag, first.content.etag);
}

/// Every change within one second still moves Last-Modified forward, and a file removed and
/// created again does too; unchanged bytes keep theirs.
#[test]
fn last_modified_moves_forward_with_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.rss");
    std::fs::write(&path, "v0").unwrap();
    let cache = cache_of(dir.path());
    let mut last = cache.get("b.rss").unwrap().modified_secs;
    for i in 1..5 {
        std::fs::write(&path, format!("v{i}")).unwrap();
        cache.refresh_now();
        let e = cache.get("b.rss").unwrap();
        assert_eq!(&e.content.body[..], format!("v{i}").as_bytes());
        assert!(e.modified_secs > last, "change {i}");
        last = e.modified_secs;
    }
    // Unchanged bytes, a new stamp: the same Last-Modified and content.
    let before = cache.get("b.rss").unwrap();
    std::fs::write(&path, "v4").unwrap();
    cache.refresh_now();
    let after = cache.get("b.rss").unwrap();
    assert_eq!(after.modified_secs, before.modified_secs);
    assert!(Arc::ptr_eq(&after.content, &before.content));
    // Removed, then back.
    std::fs::remove_file(&path).unwrap();
    cache.refresh_now();
    assert!(cache.get("b.rss").is_none());
    std::fs::write(&path, "v5").unwrap();
    cache.refresh_now();
    assert!(cache.get("b.rss").unwrap().modified_secs > last);
}

/// Compression happens on the cache's thread after loading; the plain bytes are there at
/// once. `refresh` returns without loading anything itself.
#[test]
fn files_are_compressed_after_loading_not_on_request() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.rss"), "<rss>".repeat(1000)).unwrap();
    let cache = cache_of(dir.path());
    assert!(cache.get("c.rss").is_some(), "loaded by new()");
    let e = cache.get("c.rss").unwrap();
    assert!(
        wait(|| e.content.gzip.get().is_some() && e.content.brotli.get().is_some()),
        "never compressed"
    );
    assert!(e.content.gzip.get().unwrap().len() < e.content.body.len());

    std::fs::write(dir.path().join("d.rss"), "new").unwrap();
    cache.refresh();
    assert!(
        wait(|| cache.get("d.rss").is_some()),
        "the loader never ran"
    );
}

/// Symlinks, FIFOs, folders, hidden and unserved names are not loaded.
#[test]
fn only_regular_served_files_load() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("ok.rss"), "ok").unwrap();
    std::fs::write(d.join(".hidden.rss"), "x").unwrap();
    std::fs::write(d.join("notes.txt"), "x").unwrap();
    std::fs::create_dir(d.join("dir.rss")).unwrap();
    std::os::unix::fs::symlink(d.join("ok.rss"), d.join("link.rss")).unwrap();
    let fifo = std::ffi::CString::new(d.join("fifo.rss").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let cache = cache_of(d);
    let names: Vec<String> = cache.shared.snapshot().keys().cloned().collect::<Vec<_>>();
    assert_eq!(names, vec!["ok.rss".to_string()]);
    // A FIFO opened directly (as after a swap) is refused without hanging.
    assert!(read_regular(&d.join("fifo.rss")).is_none());
    assert!(read_regular(&d.join("link.rss")).is_none());
}

#[test]
fn content_types() {
    assert_eq!(
        content_type("a.rss"),
        Some("application/rss+xml; charset=utf-8")
    );
    assert_eq!(
        content_type("feeds.opml"),
        Some("text/x-opml; charset=utf-8")
    );
    assert_eq!(content_type("feedmill.db"), None);
    assert_eq!(content_type("noext"), None);
}
