//! How sure detection is of a list: below [`LOW_CONFIDENCE`] a candidate is offered as a
//! guess, with the reason, by `suggest` (a "low confidence" line and comment) and in the note
//! `check` and `build` make about a list chosen automatically.

use super::Candidate;

impl Candidate {
    /// What `check` and `build` note about a list chosen automatically: which list, and
    /// whether it is only a guess.
    pub fn note(&self) -> String {
        let what = format!(
            "item = \"{}\" ({} items, score {:.2}; {})",
            self.item,
            self.count,
            self.score,
            self.reasons.join(", ")
        );
        match &self.low_confidence {
            None => format!("list chosen automatically: {what}"),
            Some(why) => format!("list guessed automatically, low confidence ({why}): {what}"),
        }
    }
}

/// Below this score a list is offered as a guess: a clean list of three dated articles scores
/// about 0.8, a ranking or side box around 0.3.
pub const LOW_CONFIDENCE: f64 = 0.5;

/// Why a candidate is only a guess (what held its score down, else what it lacks), or `None`
/// when its score is high enough.
pub(super) fn doubt(cand: &Candidate) -> Option<String> {
    if cand.score >= LOW_CONFIDENCE {
        return None;
    }
    let mut why: Vec<String> = cand
        .reasons
        .iter()
        .filter_map(|reason| reason.strip_suffix(" (down)"))
        .map(str::to_string)
        .collect();
    if why.is_empty() {
        // nothing held it down: it holds too little that looks like articles
        why = cand
            .reasons
            .iter()
            .filter(|reason| {
                reason.contains("items with distinct links")
                    || reason.starts_with("article-like links")
                    || reason.starts_with("headline-like titles")
            })
            .cloned()
            .collect();
    }
    Some(why.join("; "))
}
