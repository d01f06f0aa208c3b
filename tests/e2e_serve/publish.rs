//! An output folder with one file of each kind, and secrets beside and behind it.

use std::path::PathBuf;

pub(crate) const SECRET: &str = "SECRET-DO-NOT-SERVE";

/// An output folder with one file of each kind, and secrets beside and behind it.
pub(crate) fn publish_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("news.rss"), "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>뉴스</title><link>http://x/</link><description>d</description></channel></rss>".repeat(20)).unwrap();
    std::fs::write(
        out.join("news.atom"),
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>",
    )
    .unwrap();
    std::fs::write(
        out.join("news.json"),
        "{\"version\":\"https://jsonfeed.org/version/1.1\"}",
    )
    .unwrap();
    std::fs::write(out.join("feeds.opml"), "<opml version=\"2.0\"></opml>").unwrap();
    std::fs::write(
        out.join("index.html"),
        "<!DOCTYPE html><title>feeds</title>",
    )
    .unwrap();
    std::fs::write(out.join("notes.txt"), SECRET).unwrap();
    std::fs::create_dir_all(out.join("sub")).unwrap();
    std::fs::write(out.join("sub/inner.rss"), SECRET).unwrap();
    std::fs::write(dir.path().join("secret.rss"), SECRET).unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.rss"), out.join("leak.rss")).unwrap();
    let cfg = dir.path().join("feeds.toml");
    std::fs::write(
        &cfg,
        format!("# {SECRET}\n[settings]\ninterval = \"20m\"\n[feeds.news]\ntitle = \"뉴스\"\nurl = \"http://127.0.0.1:9/\"\ninterval = \"45m\"\n"),
    )
    .unwrap();
    (dir, cfg)
}
