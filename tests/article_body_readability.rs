//! Evaluation of the article body (`full_text = true`) on the real pages of Mozilla
//! Readability's test suite (`tests/fixtures/article_body_readability/`, provenance in its
//! README): each page's body against the body Readability's maintainers checked in, by
//! word-level precision, recall and F1. Pages marked `dev` were looked at while the finder was
//! tuned; `held` pages were only ever scored, so their figures are the nearer estimate of how
//! the finder does on pages it has not seen. Prints a table (`--nocapture`) and holds the
//! figures above thresholds set just under what the finder reaches.
//!
//! To look at one page: `BODY_ONLY=<name>` scores only it, and `BODY_DUMP=<folder>` writes
//! each page's found body (`<name>.found`, HTML) and expected text (`<name>.exp`) there.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use common::article::{auto, ctx};
use common::body_score::{html_text, mean, score, squeeze, Score};
use feedmill::article::extract_article;
use feedmill::config::ArticleRules;
use url::Url;

/// Mean F1 over all pages must stay at or above this.
const MIN_MEAN_F1: f64 = 0.94;
/// Mean F1 over the held pages must stay at or above this.
const MIN_HELD_F1: f64 = 0.945;
/// At most this many pages may get a body scoring under 0.5 F1 (an empty or wrong body).
const MAX_BAD_PAGES: usize = 3;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/article_body_readability")
}

/// One page of `pages.tsv`: name, language, set.
struct Page {
    name: String,
    lang: String,
    held: bool,
}

fn pages() -> Vec<Page> {
    let list = std::fs::read_to_string(dir().join("pages.tsv")).unwrap();
    list.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Page {
                name: f[0].to_string(),
                lang: f[1].to_string(),
                held: f[2] == "held",
            }
        })
        .collect()
}

/// A gzipped fixture file as text.
fn gunzip(name: &str) -> String {
    let bytes = std::fs::read(dir().join(name)).unwrap();
    let mut text = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    text
}

fn rules() -> ArticleRules {
    ArticleRules {
        full_text: true,
        ..auto()
    }
}

#[test]
fn article_body_on_readability_pages() {
    let rules = rules();
    // Readability's tests read every page as if served from this address.
    let url = Url::parse("http://fakehost/test/page.html").unwrap();
    let mut rows: Vec<(Page, Score, usize)> = Vec::new();
    for page in pages() {
        if std::env::var("BODY_ONLY").is_ok_and(|o| o != page.name) {
            continue;
        }
        let source = gunzip(&format!("{}.source.html.gz", page.name));
        let expected = squeeze(&html_text(&gunzip(&format!(
            "{}.expected.html.gz",
            page.name
        ))));
        let info = extract_article(&source, &url, &rules, ctx());
        let found = squeeze(&html_text(info.content.as_deref().unwrap_or("")));
        let chars = found.chars().count();
        if let Ok(d) = std::env::var("BODY_DUMP") {
            std::fs::write(
                format!("{d}/{}.found", page.name),
                info.content.as_deref().unwrap_or(""),
            )
            .unwrap();
            std::fs::write(format!("{d}/{}.exp", page.name), &expected).unwrap();
        }
        rows.push((page, score(&found, &expected), chars));
    }
    println!(
        "{:<28} {:<4} {:<5} {:>6} {:>6} {:>6} {:>7}",
        "page", "lang", "set", "prec", "rec", "F1", "chars"
    );
    for (page, s, chars) in &rows {
        let set = if page.held { "held" } else { "dev" };
        println!(
            "{:<28} {:<4} {set:<5} {:>6.3} {:>6.3} {:>6.3} {chars:>7}",
            page.name, page.lang, s.precision, s.recall, s.f1
        );
    }
    let pick = |held: Option<bool>| -> Vec<Score> {
        rows.iter()
            .filter(|(p, ..)| held.is_none_or(|h| p.held == h))
            .map(|(_, s, _)| *s)
            .collect()
    };
    let (all, dev, held) = (pick(None), pick(Some(false)), pick(Some(true)));
    for (label, set) in [("all", &all), ("dev", &dev), ("held", &held)] {
        let m = mean(set);
        println!(
            "mean over {:>3} {label:<5} pages {:>20.3} {:>6.3} {:>6.3}",
            set.len(),
            m.precision,
            m.recall,
            m.f1
        );
    }
    let bad: Vec<&str> = rows
        .iter()
        .filter(|(_, s, _)| s.f1 < 0.5)
        .map(|(p, ..)| p.name.as_str())
        .collect();
    println!("pages under 0.5 F1: {bad:?}");
    if std::env::var("BODY_ONLY").is_ok() {
        return; // one page says nothing of the means
    }
    let (m_all, m_held) = (mean(&all).f1, mean(&held).f1);
    assert!(m_all >= MIN_MEAN_F1, "mean F1 {m_all:.3} < {MIN_MEAN_F1}");
    assert!(
        m_held >= MIN_HELD_F1,
        "held mean F1 {m_held:.3} < {MIN_HELD_F1}"
    );
    assert!(
        bad.len() <= MAX_BAD_PAGES,
        "{} pages under 0.5: {bad:?}",
        bad.len()
    );
}
