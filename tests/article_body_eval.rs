//! Evaluation of the article body (`full_text = true`) on saved pages with known bodies
//! (`tests/fixtures/article_body_eval/`, provenance in its README): word-level precision,
//! recall and F1 against each page's expected text, and whether each "with" snippet is in the
//! body and each "without" snippet is not. Prints a table (`--nocapture`) and holds the
//! figures above thresholds set just under what the finder reaches.

mod common;

use std::path::{Path, PathBuf};

use common::article::ctx;
use common::body_score::{html_text, score, squeeze};

use feedmill::article::extract_article;
use feedmill::config::ArticleRules;
use url::Url;

/// The pages (`pages.tsv`: name, language, the URL it was served from).
fn pages() -> Vec<(String, String, String)> {
    let list = std::fs::read_to_string(dir().join("pages.tsv")).unwrap();
    common::tsv_rows(&list)
        .into_iter()
        .map(|f| {
            let field = |k: usize| f.get(k).cloned().unwrap_or_default();
            (field(0), field(1), field(2))
        })
        .collect()
}

/// Mean F1 over the pages must stay at or above this.
const MIN_MEAN_F1: f64 = 0.97;
/// No page may fall below this F1 (an empty or wrong body scores near 0).
const MIN_PAGE_F1: f64 = 0.85;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/article_body_eval")
}

fn rules() -> ArticleRules {
    let text = "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.example/\"\n[feeds.t.article]\nfetch = true\nfull_text = true\n";
    let config = feedmill::config::parse(text, Path::new("feeds.toml")).unwrap();
    config.feeds[0].article.clone().unwrap()
}

/// The expected body and snippets of one page: `with: …` and `without: …` lines, then
/// `---`, then the body text.
struct Expected {
    with: Vec<String>,
    without: Vec<String>,
    body: String,
}

fn expected(name: &str) -> Expected {
    let text = std::fs::read_to_string(dir().join(format!("{name}.expect"))).unwrap();
    let (head, body) = text.split_once("\n---\n").expect("--- line");
    let mut e = Expected {
        with: Vec::new(),
        without: Vec::new(),
        body: body.to_string(),
    };
    for line in head.lines() {
        if let Some(s) = line.strip_prefix("with: ") {
            e.with.push(s.to_string());
        } else if let Some(s) = line.strip_prefix("without: ") {
            e.without.push(s.to_string());
        }
    }
    e
}

#[test]
fn article_body_evaluation() {
    let rules = rules();
    let mut rows = Vec::new();
    let (mut sum_p, mut sum_r, mut sum_f) = (0.0, 0.0, 0.0);
    let (mut snippets, mut snippets_ok) = (0usize, 0usize);
    let mut failures = Vec::new();
    let pages = pages();
    for (name, lang, url) in &pages {
        let (name, lang) = (name.as_str(), lang.as_str());
        let html = std::fs::read(dir().join(format!("{name}.html"))).unwrap();
        let html = String::from_utf8_lossy(&html);
        let info = extract_article(&html, &Url::parse(url).unwrap(), &rules, ctx());
        let found = squeeze(&html_text(info.content.as_deref().unwrap_or("")));
        let exp = expected(name);
        let sc = score(&found, &exp.body);
        let (p, r, f1) = (sc.precision, sc.recall, sc.f1);
        let mut ok = 0;
        for s in &exp.with {
            if found.contains(s.as_str()) {
                ok += 1;
            } else {
                failures.push(format!("{name}: missing {s:?}"));
            }
        }
        for s in &exp.without {
            if !found.contains(s.as_str()) {
                ok += 1;
            } else {
                failures.push(format!("{name}: kept {s:?}"));
            }
        }
        let n = exp.with.len() + exp.without.len();
        snippets += n;
        snippets_ok += ok;
        sum_p += p;
        sum_r += r;
        sum_f += f1;
        rows.push((name, lang, p, r, f1, ok, n, found.chars().count()));
    }
    println!(
        "{:<34} {:<4} {:>6} {:>6} {:>6} {:>9} {:>7}",
        "page", "lang", "prec", "rec", "F1", "snippets", "chars"
    );
    for (name, lang, p, r, f1, ok, n, chars) in &rows {
        println!("{name:<34} {lang:<4} {p:>6.3} {r:>6.3} {f1:>6.3} {ok:>5}/{n:<3} {chars:>7}");
    }
    let n = rows.len() as f64;
    let (mp, mr, mf) = (sum_p / n, sum_r / n, sum_f / n);
    println!(
        "{:<39} {mp:>6.3} {mr:>6.3} {mf:>6.3} {snippets_ok:>5}/{snippets:<3}",
        format!("mean over {} pages", rows.len())
    );
    for f in &failures {
        println!("  {f}");
    }
    assert!(mf >= MIN_MEAN_F1, "mean F1 {mf:.3} < {MIN_MEAN_F1}");
    for (name, _, _, _, f1, ..) in &rows {
        assert!(*f1 >= MIN_PAGE_F1, "{name}: F1 {f1:.3} < {MIN_PAGE_F1}");
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A page of thousands of blocks that each score like a step of a how-to, beside thousands of
/// teasers with linked headings: the shared-ancestor and teaser checks look at a bounded
/// number of blocks, so the body is still found (in a debug build, in well under the deadline,
/// which only keeps a regression from stalling the suite).
#[test]
fn thousands_of_equal_blocks_are_read_in_bounded_work() {
    let step = "<span><div class=\"step\"><div class=\"content\"><p>Hold the party at home, in a park or in a garden, and cook the food yourself, which costs far less than a venue.</p></div></div></span>";
    let teaser = "<div class=\"teaser\"><h3><a href=\"/t\">Another story</a></h3><p>One line about another story, with a comma, and another.</p></div>";
    let html = format!(
        "<html><head><title>Steps</title></head><body><article><div class=\"content lead\"><p>{}</p></div>{}</article><aside>{}</aside></body></html>",
        "A long first paragraph of the article, with commas, clauses, and more words. ".repeat(4),
        step.repeat(3000),
        teaser.repeat(3000),
    );
    let info = extract_within_deadline(html, "https://howto.example/steps");
    let body = info.content.expect("a body");
    assert!(
        body.matches("Hold the party at home").count() >= 1000,
        "{}",
        body.len()
    );
    assert!(!body.contains("Another story"));
}

/// Thousands of headings inside the body, each over a link card laid with an empty `<a>`,
/// the headings empty (so no heading stops another's look ahead): the check of whether a
/// heading heads only left-out blocks looks at a bounded number of siblings, so the work
/// stays bounded (the deadline only keeps a regression from stalling the suite) and the
/// cards are still left out.
#[test]
fn thousands_of_headings_over_link_cards_are_read_in_bounded_work() {
    let card = "<h4></h4><div class=\"card\"><a href=\"/story\"></a><div class=\"card-text\">One line about another story, with a comma, and another.</div></div>";
    let html = format!(
        "<html><head><title>Cards</title></head><body><article><h1>Cards</h1><div class=\"entry-content\">{}{}</div></article></body></html>",
        "<p>A long paragraph of the article itself, with commas, clauses, and more words than a card.</p>".repeat(30),
        card.repeat(6000),
    );
    let info = extract_within_deadline(html, "https://cards.example/story");
    let body = info.content.expect("a body");
    assert!(
        body.matches("A long paragraph").count() == 30,
        "{}",
        body.len()
    );
    assert!(!body.contains("One line about another story"));
}

/// A page of thousands of whole `<article>`s, each nested ten wrappers deep in sections of
/// one kind, the `<title>` naming the 151st: the titled article is found among the first
/// ones the counts keep, and the walk for twin sections looks at each wrapper's siblings once.
#[test]
fn thousands_of_articles_in_twin_sections_are_read_in_bounded_work() {
    let wrap = |inner: String| {
        (0..10).fold(inner, |acc, _| {
            format!(
                "<section class=\"block block-text\"><div class=\"inner\">{acc}</div></section>"
            )
        })
    };
    let story = |n: usize| {
        wrap(format!(
            "<article><h2>Story number {n} of the scroll</h2><p>A paragraph of story {n}, with commas, clauses, and enough words to count as text.</p><p>Another paragraph of it, as long as the first one, and with as many commas in it.</p></article>"
        ))
    };
    let stories: String = (0..3000).map(story).collect();
    let html = format!(
        "<html><head><title>Story number 150 of the scroll</title></head><body>{stories}</body></html>"
    );
    let info = extract_within_deadline(html, "https://scroll.example/story-150");
    let body = info.content.expect("a body");
    assert!(body.contains("A paragraph of story 150,"), "{}", body.len());
    assert!(
        !body.contains("A paragraph of story 151,"),
        "{}",
        body.len()
    );
}

/// `extract_article` with `full_text` on a page read in a thread, failing the test when it
/// is still busy after two minutes: a regression to unbounded work fails instead of stalling
/// the suite.
fn extract_within_deadline(html: String, url: &str) -> feedmill::article::ArticleInfo {
    let url = Url::parse(url).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(extract_article(&html, &url, &rules(), ctx()));
    });
    rx.recv_timeout(std::time::Duration::from_secs(120))
        .expect("extract_article still busy after 120 s")
}
