//! The served folder (feeds, and a secret outside it), and the checks every test ends with:
//! nothing leaked, and the server still answers.

use crate::common::daemon::{get, Daemon, Reply};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

pub(crate) const SECRET: &str = "HOSTILE-CLIENTS-SECRET";

/// The heavy tests (hundreds of sockets, timing) run one at a time, so that one's load does
/// not slow the other's clients.
pub(crate) static HEAVY: Mutex<()> = Mutex::new(());

pub(crate) fn heavy() -> std::sync::MutexGuard<'static, ()> {
    HEAVY.lock().unwrap_or_else(|e| e.into_inner())
}

/// An output folder with a few feeds, and secrets beside it, behind a symlink, hidden, and
/// in a file type the server does not serve.
pub(crate) struct Site {
    pub(crate) dir: tempfile::TempDir,
    /// Served path → the exact bytes of the file.
    pub(crate) files: BTreeMap<&'static str, Vec<u8>>,
}

impl Site {
    pub(crate) fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir_all(&out).unwrap();
        let mut items = String::new();
        for i in 0..60 {
            items.push_str(&format!(
                "<item><title>기사 {i}: 반도체 수출 회복세</title><link>http://news.example/{i}</link>\
                 <guid isPermaLink=\"true\">http://news.example/{i}</guid>\
                 <description>요약 {i} — 수출이 석 달 연속 늘었다.</description></item>"
            ));
        }
        let rss = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
             <title>뉴스</title><link>http://news.example/</link><description>d</description>\
             {items}</channel></rss>\n"
        );
        let files: BTreeMap<&'static str, Vec<u8>> = [
            ("news.rss", rss.into_bytes()),
            (
                "news.atom",
                b"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title></feed>\n".to_vec(),
            ),
            (
                "news.json",
                b"{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"t\",\"items\":[]}\n"
                    .to_vec(),
            ),
            (
                "world.rss",
                "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>세계</title></channel></rss>\n"
                    .as_bytes()
                    .to_vec(),
            ),
            (
                "feeds.opml",
                b"<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><body/></opml>\n".to_vec(),
            ),
            (
                "index.html",
                b"<!DOCTYPE html><title>feeds</title><p>index</p>\n".to_vec(),
            ),
        ]
        .into_iter()
        .collect();
        for (name, bytes) in &files {
            std::fs::write(out.join(name), bytes).unwrap();
        }
        std::fs::write(dir.path().join("secret.rss"), SECRET).unwrap();
        std::fs::write(dir.path().join("secret"), SECRET).unwrap();
        std::fs::write(out.join("notes.txt"), SECRET).unwrap();
        std::fs::write(out.join(".hidden.rss"), SECRET).unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.rss"), out.join("leak.rss")).unwrap();
        std::fs::write(
            dir.path().join("feeds.toml"),
            format!(
                "# {SECRET}\n[settings]\ninterval = \"20m\"\n\
                 [feeds.news]\ntitle = \"뉴스\"\nurl = \"http://127.0.0.1:9/news\"\n\
                 [feeds.world]\ntitle = \"세계\"\nurl = \"http://127.0.0.1:9/world\"\ninterval = \"1h\"\n"
            ),
        )
        .unwrap();
        Site { dir, files }
    }

    pub(crate) fn config(&self) -> PathBuf {
        self.dir.path().join("feeds.toml")
    }

    pub(crate) fn serve(&self) -> Daemon {
        Daemon::start(&self.config(), &["serve"])
    }

    /// The bytes served at `path` ("/news.rss").
    pub(crate) fn body(&self, path: &str) -> &[u8] {
        &self.files[path.trim_start_matches('/')]
    }
}

pub(crate) fn leaks(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes).contains(SECRET)
}

/// The server still serves a normal client, and the process is alive.
pub(crate) fn assert_still_serving(d: &mut Daemon, site: &Site, after: &str) {
    assert!(d.is_running(), "the server died after {after}\n{}", d.log());
    let r = get(d.addr, "/news.rss", &[]);
    assert_eq!(r.status, 200, "after {after}");
    assert_eq!(r.body, site.body("/news.rss"), "after {after}");
}

/// What a hostile request got: a refusal, or the connection closed without an answer.
pub(crate) fn assert_refused(reply: &Option<Reply>, what: &str, allowed: &[u16]) {
    if let Some(r) = reply {
        assert!(
            allowed.contains(&r.status),
            "{what}: status {} (want one of {allowed:?} or a closed connection)",
            r.status
        );
        assert!(!leaks(&r.body), "{what}: the secret was served");
    }
}

/// Sets the flag when dropped, also while unwinding from a failed assertion.
pub(crate) struct StopOnDrop(pub(crate) Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}
