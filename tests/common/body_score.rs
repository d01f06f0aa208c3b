//! Scoring an extracted article body against a known one, shared by the body evaluations:
//! word-level precision, recall and F1 over multisets of lower-cased words (in scripts written
//! without spaces between words, Chinese, Japanese, Thai, Burmese, Lao and Khmer, each
//! character counts as a word).

use std::collections::HashMap;

/// The text of content HTML: tags gone, entities read, block edges as spaces.
pub fn html_text(html: &str) -> String {
    let frag = scraper::Html::parse_fragment(&html.replace('<', " <"));
    frag.root_element().text().collect::<Vec<_>>().join(" ")
}

/// White space runs made one space.
pub fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words, lower-cased, punctuation at their edges dropped; text in a script written without
/// spaces counts each character as a word.
pub fn words(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for w in text.split_whitespace() {
        let w: String = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if w.chars().any(is_unspaced) {
            for c in w.chars().filter(|c| c.is_alphanumeric()) {
                *bag.entry(c.to_string()).or_insert(0) += 1;
            }
        } else if !w.is_empty() {
            *bag.entry(w).or_insert(0) += 1;
        }
    }
    bag
}

/// Han ideographs, Japanese kana, and the Thai, Lao, Burmese and Khmer scripts (Hangul is
/// written with spaces and counts by words).
fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{0e00}'..='\u{0eff}' // Thai, Lao
        | '\u{1000}'..='\u{109f}' // Burmese
        | '\u{1780}'..='\u{17ff}' // Khmer
        | '\u{3040}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}')
}

/// Precision, recall and F1 of one page's found words against the expected ones.
#[derive(Debug, Clone, Copy, Default)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Scores the found text against the expected text (as multisets of words).
pub fn score(found: &str, expected: &str) -> Score {
    let (f, e) = (words(found), words(expected));
    let common: usize = f
        .iter()
        .map(|(w, n)| (*n).min(e.get(w).copied().unwrap_or(0)))
        .sum();
    let (nf, ne) = (f.values().sum::<usize>(), e.values().sum::<usize>());
    let precision = if nf == 0 {
        0.0
    } else {
        common as f64 / nf as f64
    };
    let recall = if ne == 0 {
        1.0
    } else {
        common as f64 / ne as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Score {
        precision,
        recall,
        f1,
    }
}

/// The mean of each figure over pages.
pub fn mean(scores: &[Score]) -> Score {
    let n = scores.len().max(1) as f64;
    Score {
        precision: scores.iter().map(|s| s.precision).sum::<f64>() / n,
        recall: scores.iter().map(|s| s.recall).sum::<f64>() / n,
        f1: scores.iter().map(|s| s.f1).sum::<f64>() / n,
    }
}
