//! The date finder for article pages: every date the page offers becomes a [`DateCandidate`]
//! with a score, and the best published and the best updated candidate win.
//!
//! # Where candidates come from, and what they score
//!
//! The base score says how much a kind of source is trusted; the place on the page moves it
//! up or down:
//!
//! | source | base |
//! |---|---|
//! | JSON-LD `datePublished` / `dateModified` of an article object | 100 (later objects less) |
//! | `<meta>` Open Graph / schema keys (`article:published_time`, `pubdate`, …) | 95 |
//! | `itemprop=datePublished` / `dateModified` elements | 90 |
//! | other `<meta>` keys (`date`, `DC.date.issued`, `citation_date`, `parsely-pub-date`, …) | 85 |
//! | JSON-LD `datePublished` / `dateModified` of the first `WebPage` object | 84 |
//! | the feed's `date` / `updated` selectors | 80 |
//! | microformats (`published`, `dt-published`, `updated`, `<abbr title>`) | 70 |
//! | a printed date with a published label (`입력`, `Published`, `Veröffentlicht am`, …) | 62 |
//! | `<time datetime>` | 60 |
//! | a printed date with an updated label (`수정`, `Updated`, `Aktualisiert`, `mis à jour`, …) | 55 |
//! | another date in a labelled line | 50 |
//! | a date opening the first paragraph after the headline (`(18.01.2018) Text …`) | 46 |
//! | a printed date without a label close to the headline (not in a photo caption) | 40 |
//! | a date in the article's URL (day precision) | 35 |
//!
//! A page element near the headline gains a little (+5 just below it, +4 above it: a byline's
//! place, against a kicker's or the site's "today"; nothing once the article's text is under
//! way, past its second long paragraph), one far from it loses (−15), one in
//! the site header loses a lot (−70: today's edition date), one in a related box, a ranking,
//! comments, a sidebar or a footer loses everything (−100; listed, never taken), and a line
//! with a copyright sign loses −50. A loose `<meta>` key (85) that gives the page's update
//! time, or a time a few minutes before the fetch (the page's making), loses −40 while an
//! earlier labelled or structured publication exists; an unlabelled publication later than
//! the page's update time (from structured data, or printed just below the headline) loses
//! −30. Each other kind of source that gives the same day adds +3
//! (at most +6). A candidate after the fetch time (the date reader clamps up to a day ahead
//! to the fetch time) is dropped. Nothing under [`MIN_SCORE`] is taken.
//!
//! Published and updated candidates stay apart: an `Updated` label, `dateModified` or a
//! modification class makes an updated candidate, which never becomes the published time
//! while the page gives one; on a page that gives only an update time, that time is taken
//! for both.
//!
//! The positional modifiers are kept smaller than the gaps between the source tiers, so a
//! well-placed element never beats structured data; only agreement between sources can.

mod anchor; // the heading dates are placed against
mod gather; // candidates from structured data, page elements and the URL
mod line_kinds; // labelled lines, captions and links a printed date stands in
mod printed; // dates printed as text near the headline and labelled lines

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use ego_tree::NodeId;
use scraper::ElementRef;

use super::excluded::excluded_under;
use super::page::{ArticlePage, NodeSet};
use super::{Found, Source};
use crate::config::ArticleRules;
use crate::dates::{Label, Precision, Stamp};

/// The lowest score a candidate needs to be taken.
pub const MIN_SCORE: i32 = 25;
/// At most this many candidates are kept per page.
const MAX_CANDIDATES: usize = 200;

/// Whether a candidate is a publication or an update time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateKind {
    Published,
    Updated,
}

impl DateKind {
    fn label(self) -> Label {
        match self {
            DateKind::Published => Label::Published,
            DateKind::Updated => Label::Updated,
        }
    }
}

/// One date the page offers, with where it came from and how it scored.
#[derive(Debug, Clone, PartialEq)]
pub struct DateCandidate {
    pub stamp: Stamp,
    pub kind: DateKind,
    /// The kind of source, as `check`'s `from:` line names it.
    pub source: Source,
    /// What exactly: `json-ld datePublished`, `meta article:published_time`, `text, label
    /// 'Published'`, ….
    pub detail: String,
    /// Where on the page and what moved the score: `near headline`, `in a related, comment
    /// or footer block`, `agrees with 2 other sources`, …; empty when nothing did.
    pub place: String,
    pub score: i32,
}

/// Every candidate of a page, best first, and which ones won.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateReport {
    /// Sorted by score, best first; ties keep the order of the table above.
    pub candidates: Vec<DateCandidate>,
    /// Index into `candidates` of the published time taken: the best published candidate,
    /// else (a page with only an update time) the updated one. A winner that gives only a
    /// day yields to the best usable candidate of its kind with a clock on that day.
    pub published: Option<usize>,
    /// Index into `candidates` of the updated time taken.
    pub updated: Option<usize>,
}

impl DateReport {
    /// The winner of `kind`, if any.
    pub fn winner(&self, kind: DateKind) -> Option<&DateCandidate> {
        let i = match kind {
            DateKind::Published => self.published,
            DateKind::Updated => self.updated,
        }?;
        self.candidates.get(i)
    }

    /// The best `n` candidates of `kind` after the winner.
    pub fn runners_up(&self, kind: DateKind, n: usize) -> impl Iterator<Item = &DateCandidate> {
        let winner = match kind {
            DateKind::Published => self.published,
            DateKind::Updated => self.updated,
        };
        self.candidates
            .iter()
            .enumerate()
            .filter(move |(i, c)| c.kind == kind && Some(*i) != winner)
            .map(|(_, c)| c)
            .take(n)
    }
}

/// A candidate while it is being gathered: its base score and the modifiers so far.
pub(super) struct Pending {
    stamp: Stamp,
    kind: DateKind,
    source: Source,
    detail: String,
    base: i32,
    mods: Vec<(i32, &'static str)>,
    /// The page element it was read from, placed relative to the headline once the text
    /// walk has measured where everything is.
    anchor: Option<NodeId>,
}

impl Pending {
    fn new(stamp: Stamp, kind: DateKind, source: Source, detail: String, base: i32) -> Self {
        Pending {
            stamp,
            kind,
            source,
            detail,
            base,
            mods: Vec::new(),
            anchor: None,
        }
    }

    fn add(&mut self, points: i32, why: &'static str) {
        self.mods.push((points, why));
    }
}

/// The base score of the `<meta>` keys a site may fill with its modification time
/// (`<meta name="date">`, `dc.date`, …).
pub(super) const LOOSE_META: i32 = 85;

/// The candidate to take for the winner `i`: itself, or, when it gives only a day, the best
/// usable candidate of its kind that gives a clock time on that same day. A JSON-LD
/// `"datePublished": "2020-02-15"` or a date and its clock printed in two elements
/// (`<time>15. Februar 2020</time> | <time>14:30 Uhr</time>`) then keeps the day the
/// winner chose and a feed reader still gets the hour.
fn with_clock(candidates: &[DateCandidate], i: usize, zone: chrono_tz::Tz) -> usize {
    let winner = &candidates[i];
    if winner.stamp.precision != Precision::Day {
        return i;
    }
    let day = |c: &DateCandidate| c.stamp.instant.with_timezone(&zone).date_naive();
    candidates
        .iter()
        .position(|c| {
            c.kind == winner.kind
                && c.score >= MIN_SCORE
                && c.stamp.precision != Precision::Day
                && day(c) == day(winner)
        })
        .unwrap_or(i)
}

/// A published candidate from a loose `<meta>` key that gives, to the minute, the time the
/// page itself calls its update (a German news site's `<meta name="date">` beside
/// `Aktualisiert am 02.12.2018, 09:00 Uhr | Erstellt am 01.12.2018, 18:41 Uhr`), or the
/// time the page was made, a few minutes before the fetch (a ministry's system stamping
/// every page it serves), while a labelled or structured source gives an earlier
/// publication: the key holds something else, and drops below the labelled date.
///
/// And an unlabelled publication candidate (a printed date, a `<time>`) later than the
/// page's update time, as structured data gives it or a date line just below the headline
/// prints it, is another story's (a live banner's `<time>` above the headline): a page is
/// not published after its update.
fn distrust_unlikely(pending: &mut [Pending], fetched: DateTime<Utc>) {
    let minute = |p: &Pending| p.stamp.instant.timestamp().div_euclid(60);
    // Not a `WebPage` object's dates (84): SEO plugins write them for every page.
    let trusted = |p: &Pending| p.base >= 55 && p.base != LOOSE_META && p.base != 84;
    let updates: Vec<i64> = pending
        .iter()
        .filter(|p| p.kind == DateKind::Updated)
        .map(minute)
        .collect();
    // The update time a publication may not come after: one from structured data, or a
    // printed one just below the headline, where the article's own date line stands (a
    // market ticker's `Stand:` above the headline may be older than today's article).
    let byline_place = |p: &Pending| p.mods.iter().any(|m| m.1 == BELOW_HEADLINE);
    let last_update = pending
        .iter()
        .filter(|p| p.kind == DateKind::Updated && trusted(p) && p.mods.iter().all(|m| m.0 > -50))
        .filter(|p| p.base >= 70 || byline_place(p))
        .map(minute)
        .max();
    let labelled_publications: Vec<i64> = pending
        .iter()
        .filter(|p| p.kind == DateKind::Published && p.base >= 62 && p.base != LOOSE_META)
        .map(minute)
        .collect();
    let fetched_minute = fetched.timestamp().div_euclid(60);
    for p in pending.iter_mut().filter(|p| p.kind == DateKind::Published) {
        let at = minute(p);
        if p.source == Source::Meta && p.base == LOOSE_META {
            let earlier = labelled_publications.iter().any(|&l| l + DAY_MINUTES <= at);
            if updates.contains(&at) && labelled_publications.iter().any(|&l| l < at) {
                p.add(-40, "the page's update time");
            } else if fetched_minute - at <= RENDER_MINUTES && earlier {
                p.add(-40, "the time the page was made");
            }
        } else if p.base < 62 && last_update.is_some_and(|u| at > u) {
            p.add(-30, "after the page's update time");
        }
    }
}

/// A structured time whose reading in UTC is, to the minute, the time the page prints
/// for it (`"datePublished": "2025-09-07T23:40:00Z"` beside `פורסם: 07.09.25, 23:40` on a
/// site in Jerusalem), while its reading in the site's zone is printed nowhere: the site
/// wrote its local time and marked it UTC. It drops below the printed time, which keeps
/// the day the reader sees.
fn distrust_local_as_utc(pending: &mut [Pending], zone: chrono_tz::Tz) {
    let minute = |t: chrono::NaiveDateTime| t.and_utc().timestamp().div_euclid(60);
    let printed: Vec<(DateKind, i64)> = pending
        .iter()
        .filter(|p| p.source == Source::Text && p.stamp.precision != Precision::Day)
        .map(|p| {
            (
                p.kind,
                minute(p.stamp.instant.with_timezone(&zone).naive_local()),
            )
        })
        .collect();
    if printed.is_empty() {
        return;
    }
    for p in pending.iter_mut() {
        if !matches!(
            p.source,
            Source::JsonLd | Source::Meta | Source::Itemprop | Source::Time
        ) || p.stamp.precision == Precision::Day
        {
            continue;
        }
        let as_utc = minute(p.stamp.instant.naive_utc());
        let as_local = minute(p.stamp.instant.with_timezone(&zone).naive_local());
        let printed_as = |at: i64| printed.iter().any(|&(k, t)| k == p.kind && t == at);
        if as_utc != as_local && printed_as(as_utc) && !printed_as(as_local) {
            p.add(-50, "a local time written as UTC");
        }
    }
}

/// The place a byline's date stands: what [`printed::place`] writes for it.
const BELOW_HEADLINE: &str = "just below the headline";
/// Minutes in a day.
const DAY_MINUTES: i64 = 24 * 60;
/// A loose meta time this many minutes before the fetch or less may be the page's making.
const RENDER_MINUTES: i64 = 15;

/// What the finder places dates against: the headline (or the heading standing in for it),
/// and, when that heading is not an `<h1>`, the blocks that never count worked out again
/// with the heading's ancestors spared (a theme that wraps the whole post in
/// `sidebar_content`).
pub(super) struct Scope<'a> {
    anchor: Option<ElementRef<'a>>,
    excluded: Option<NodeSet>,
}

impl<'a> ArticlePage<'a> {
    fn date_scope(&self) -> Scope<'a> {
        let anchor = self.date_anchor();
        let excluded = match (self.headline, anchor) {
            (None, Some(a)) => {
                let spared: NodeSet = std::iter::once(a.id())
                    .chain(a.ancestors().map(|n| n.id()))
                    .collect();
                Some(excluded_under(self.doc.root_element(), true, &spared))
            }
            _ => None,
        };
        Scope { anchor, excluded }
    }

    /// The `<article>` or `<main>` element nearest around the headline, if one holds it.
    fn article_box(&self) -> Option<NodeId> {
        self.headline?
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| matches!(a.value().name(), "article" | "main"))
            .map(|a| a.id())
    }

    /// Whether an element is in a block that never counts, as the scope sees it.
    pub(super) fn out_of_article(&self, scope: &Scope, id: NodeId) -> bool {
        match &scope.excluded {
            Some(set) => set.contains(&id),
            None => self.is_excluded(id),
        }
    }

    /// Every date candidate on the page, scored, and the winners.
    pub(super) fn date_report(&self, rules: &ArticleRules) -> DateReport {
        let scope = self.date_scope();
        let mut pending = Vec::new();
        self.structured_candidates(rules, &scope, &mut pending);
        let layout = self.printed_candidates(&scope, &mut pending);
        let article_box = self.article_box();
        for p in &mut pending {
            if let Some(at) = p.anchor.and_then(|id| layout.offsets.get(&id)) {
                printed::place(p, *at, layout.headline, layout.body_text);
                // A date above the headline and outside the article that holds it belongs to
                // the site: a breaking-news ticker's, a most-read list's.
                if let (Some(b), Some(h), Some(id)) = (article_box, layout.headline, p.anchor) {
                    if *at < h && !self.lies_within(id, b) {
                        p.add(-10, "before the article");
                    }
                }
            }
        }
        self.url_candidate(&mut pending);
        pending.truncate(MAX_CANDIDATES);
        distrust_unlikely(&mut pending, self.ctx.fetched_at);
        distrust_local_as_utc(&mut pending, self.ctx.zone);
        let fetched = self.ctx.fetched_at;
        // The date reader clamps a time up to a day ahead to the fetch time: on an article
        // page such a time is a wrong candidate (an event, a scheduled post), never taken.
        pending.retain(|p| p.stamp.instant.with_timezone(&Utc) < fetched);
        let mut candidates = self.score(pending);
        candidates.sort_by_key(|c| std::cmp::Reverse(c.score));
        let zone = self.ctx.zone;
        let best = |kind| {
            let i = candidates
                .iter()
                .position(|c| c.kind == kind && c.score >= MIN_SCORE)?;
            Some(with_clock(&candidates, i, zone))
        };
        let updated = best(DateKind::Updated);
        // A page that gives only an update time ("Letzte Aktualisierung: 18.01.2018") came
        // out no later than that: it stands for the publication time rather than none.
        let published = best(DateKind::Published).or(updated);
        DateReport {
            candidates,
            published,
            updated,
        }
    }

    /// The published and updated times, labelled, from the report's winners.
    pub(super) fn times(
        &self,
        rules: &ArticleRules,
    ) -> (Option<Found<Stamp>>, Option<Found<Stamp>>) {
        let report = self.date_report(rules);
        // Each time is labelled with what the page called it: a published time that is the
        // page's only update time (see `date_report`) keeps its `Updated` label, so that a
        // time the list printed can still win over it.
        let take = |kind: DateKind| {
            report.winner(kind).map(|c| {
                let mut stamp = c.stamp;
                stamp.label = Some(c.kind.label());
                Found::new(stamp, c.source)
            })
        };
        (take(DateKind::Published), take(DateKind::Updated))
    }

    /// Final scores: base, modifiers, and agreement between kinds of sources on the same day.
    fn score(&self, pending: Vec<Pending>) -> Vec<DateCandidate> {
        let day = |s: &Stamp| -> NaiveDate { s.instant.with_timezone(&self.ctx.zone).date_naive() };
        let raw = |p: &Pending| p.base + p.mods.iter().map(|(n, _)| n).sum::<i32>();
        // Kinds of source (not single tags) that give each (kind, day) with a usable score.
        let mut sources: HashMap<(DateKind, NaiveDate), Vec<Source>> = HashMap::new();
        for p in pending.iter().filter(|p| raw(p) >= MIN_SCORE) {
            let list = sources.entry((p.kind, day(&p.stamp))).or_default();
            if !list.contains(&p.source) {
                list.push(p.source);
            }
        }
        pending
            .into_iter()
            .map(|mut p| {
                let others = sources
                    .get(&(p.kind, day(&p.stamp)))
                    .map_or(0, |l| l.iter().filter(|s| **s != p.source).count());
                match others {
                    0 => {}
                    1 => p.add(3, "agrees with another source"),
                    _ => p.add(6, "agrees with other sources"),
                }
                let score = raw(&p);
                let place = p
                    .mods
                    .iter()
                    .map(|(n, why)| format!("{why} {n:+}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                DateCandidate {
                    stamp: p.stamp,
                    kind: p.kind,
                    source: p.source,
                    detail: p.detail,
                    place,
                    score,
                }
            })
            .collect()
    }
}
