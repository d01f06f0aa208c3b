//! Dates printed as text: lines with a published or updated label anywhere in the article
//! (`입력 2026.02.10 19:32 | 수정 …`, `Veröffentlicht am 15. Februar 2020`, `Publié le 15
//! févr. 2020`, `Published February 15, 2020`), unlabelled dates in short lines close to
//! the headline (a byline's `15.02.2020, 18:00 Uhr`), and the date a press release's first
//! paragraph opens with (`(18.01.2018) Text …`). The same walk over the page's text measures
//! where every element stands, so element candidates can be placed too.

use scraper::{ElementRef, Node};

use super::line_kinds::{has_label_word, in_caption, in_link, is_date_link};
use super::{DateKind, Pending, Scope};
use crate::article::page::{ArticlePage, NodeMap, NodeSet, BODY};
use crate::article::times::has_digit;
use crate::article::{Source, MAX_DATE_LINE};
use crate::dates::Label;
use crate::html::date_text_within;

/// Bytes of text before the headline within which an unlabelled date counts as near it.
const NEAR_BEFORE: usize = 1_500;
/// Bytes of text after the headline within which an unlabelled date counts as near it.
const NEAR_AFTER: usize = 3_000;
/// Further than this many bytes of text after the headline a date is far from it.
const FAR_AFTER: usize = 8_000;
/// Further than this many bytes before the headline a date is far from it.
const FAR_BEFORE: usize = 4_000;
/// An unlabelled line with more words than this is prose, not a date line.
const MAX_LINE_WORDS: usize = 12;
/// At most this many text lines are read as dates per page.
const MAX_LINES: usize = 300;
/// A text this long (bytes) or longer is a paragraph that may open with a dateline.
const MIN_LEAD: usize = 80;
/// The opening of a long text searched for a dateline, in bytes.
const LEAD: usize = 40;
/// At most this many long texts are kept as the possible first paragraph.
const MAX_LEADS: usize = 400;
/// A piece of text this short (characters) that reads as no date may be one part of a
/// date split across elements.
const FRAGMENT: usize = 12;
/// At most this many text nodes are walked.
const MAX_TEXT_NODES: usize = 50_000;

/// Where the text walk found things: the text offset (bytes of text before it) of each
/// element asked for, and of the headline.
pub(super) struct Layout {
    pub(super) offsets: NodeMap<usize>,
    pub(super) headline: Option<usize>,
    /// Where the article's text is under way: the second long text after the headline (the
    /// first may be a standfirst above the byline).
    pub(super) body_text: Option<usize>,
}

/// What the walk over the page's text has measured, which lines it has read, and the
/// candidates it has added.
struct Walk<'o> {
    layout: Layout,
    seen: NodeSet,
    out: &'o mut Vec<Pending>,
}

impl ArticlePage<'_> {
    /// Adds the printed-date candidates and measures where the anchors of those already
    /// gathered (and the headline) stand.
    pub(super) fn printed_candidates(&self, scope: &Scope, out: &mut Vec<Pending>) -> Layout {
        let mut wanted: NodeSet = out.iter().filter_map(|p| p.anchor).collect();
        let headline_id = scope.anchor.map(|h| h.id());
        wanted.extend(headline_id);
        let layout = Layout {
            offsets: NodeMap::default(),
            headline: None,
            body_text: None,
        };
        let Some(body) = self.doc.select(&BODY).next() else {
            return layout;
        };
        let mut walk = Walk {
            layout,
            seen: NodeSet::default(),
            out,
        };
        // Unlabelled lines wait until the headline's place is known.
        let mut unlabelled: Vec<(ElementRef, usize, &str)> = Vec::new();
        // Long texts, whose first after the headline may open with a dateline.
        let mut leads: Vec<(ElementRef, usize, &str)> = Vec::new();
        // Where each long text starts: the article's text is under way from the second after
        // the headline.
        let mut long_texts: Vec<usize> = Vec::new();
        let (mut offset, mut texts, mut lines) = (0usize, 0usize, 0usize);
        for node in body.descendants() {
            let t = match node.value() {
                Node::Element(_) => {
                    if wanted.contains(&node.id()) {
                        walk.layout.offsets.insert(node.id(), offset);
                        if Some(node.id()) == headline_id {
                            walk.layout.headline = Some(offset);
                        }
                    }
                    continue;
                }
                Node::Text(t) => t,
                _ => continue,
            };
            // Most text nodes are the white space between tags.
            if t.trim().is_empty() {
                continue;
            }
            texts += 1;
            if texts > MAX_TEXT_NODES {
                break;
            }
            let Some(parent) = node.parent().and_then(ElementRef::wrap) else {
                continue;
            };
            if matches!(
                parent.value().name(),
                "script" | "style" | "noscript" | "template" | "textarea" | "option" | "title"
            ) {
                continue;
            }
            let here = offset;
            offset += t.trim().len();
            let outside = self.out_of_article(scope, parent.id());
            if !outside && t.trim().len() >= MIN_LEAD && long_texts.len() < MAX_LEADS {
                long_texts.push(here);
            }
            let short_dated = has_digit(t) && t.trim().len() <= MAX_DATE_LINE;
            // Text in a block that never counts gives nothing unless it is a short text with
            // digits (which, without a label word, still takes a place in `unlabelled`): the
            // label search is left out for the rest, the bulk of most pages' footers.
            if outside && !short_dated {
                continue;
            }
            if has_label_word(t) {
                // A caption's `posted while in Las Vegas on January 20, 2017` dates the photo.
                if outside
                    || self.in_ai_box(parent.id())
                    || in_link(parent).is_some()
                    || in_caption(parent)
                {
                    continue;
                }
                lines += 1;
                if lines > MAX_LINES {
                    break;
                }
                self.read_line_of(parent, t, here, true, scope, &mut walk);
            } else if short_dated {
                unlabelled.push((parent, here, t));
            } else if !outside && leads.len() < MAX_LEADS && t.trim().len() >= MIN_LEAD {
                leads.push((parent, here, t));
            }
        }
        // Unlabelled dates count only near the headline; without one, nowhere.
        let Some(h) = walk.layout.headline else {
            return walk.layout;
        };
        let near = unlabelled
            .into_iter()
            .filter(|(_, at, _)| at + NEAR_BEFORE >= h && *at <= h + NEAR_AFTER)
            .take(MAX_LINES);
        walk.layout.body_text = long_texts.into_iter().filter(|&at| at > h).nth(1);
        // The first text after the headline that opens with a date, as a press release's
        // dateline does (`(18.01.2018) Text …`, `Berlin, 18.01.2018 – Text …`).
        let lead = leads
            .into_iter()
            .find(|(_, at, _)| *at >= h && *at <= h + NEAR_AFTER)
            .filter(|(_, _, text)| opens_with_date(text));
        if let Some((parent, at, text)) = lead {
            if !self.in_ai_box(parent.id()) && !in_caption(parent) && in_link(parent).is_none() {
                self.read_dateline(parent, prefix(text.trim(), LEAD), scope, walk.out);
                walk.layout.offsets.insert(parent.id(), at);
            }
        }
        for (parent, at, t) in near {
            if self.out_of_article(scope, parent.id())
                || tells_an_access(t)
                || self.in_ai_box(parent.id())
                || in_link(parent).is_some_and(|a| !is_date_link(a))
                || in_caption(parent)
            {
                continue;
            }
            self.read_line_of(parent, t, at, false, scope, &mut walk);
        }
        walk.layout
    }

    /// Reads the date line a short text `t` (at text offset `at`, in `parent`) stands in, once
    /// per line. When even `parent` is too long to be a date line, as when a date is a bare
    /// text between a news item's `<h2>` and its text in one `<div>` (`<h2>…</h2> 24. März
    /// 2004, 19:49 | <p>…`), the text alone is the line.
    fn read_line_of(
        &self,
        parent: ElementRef,
        t: &str,
        at: usize,
        labelled: bool,
        scope: &Scope,
        walk: &mut Walk,
    ) {
        match self.date_line(parent, scope) {
            Some(line) => {
                if walk.seen.insert(line.id()) {
                    walk.layout.offsets.insert(line.id(), at);
                    let text = date_text_within(line, MAX_DATE_LINE * 4);
                    let before = walk.out.len();
                    self.read_line(line, &text, labelled, scope, walk.out);
                    if walk.out.len() == before && text.trim().chars().count() <= FRAGMENT {
                        self.read_split_date(line, at, labelled, scope, walk);
                    }
                }
            }
            None => {
                walk.layout.offsets.entry(parent.id()).or_insert(at);
                self.read_line(parent, t.trim(), labelled, scope, walk.out);
            }
        }
    }

    /// A date whose parts stand in elements of their own (a theme's badge:
    /// `<span class="day">15</span><span class="month">Feb</span><span
    /// class="year">2020</span>`): when a short piece with digits reads as no date, the
    /// element around it, up to two levels, is read as the line.
    fn read_split_date(
        &self,
        piece: ElementRef,
        at: usize,
        labelled: bool,
        scope: &Scope,
        walk: &mut Walk,
    ) {
        let mut line = piece;
        for _ in 0..2 {
            let Some(up) = line.parent().and_then(ElementRef::wrap) else {
                return;
            };
            if self.out_of_article(scope, up.id()) || up.value().name() == "body" {
                return;
            }
            line = up;
            let text = date_text_within(line, MAX_DATE_LINE * 4);
            if text.chars().count() > MAX_DATE_LINE || !walk.seen.insert(line.id()) {
                return;
            }
            let before = walk.out.len();
            self.read_line(line, &text, labelled, scope, walk.out);
            if walk.out.len() > before {
                walk.layout.offsets.insert(line.id(), at);
                return;
            }
        }
    }

    /// Reads the date a paragraph opens with (`opening`, its first characters) as an
    /// unlabelled candidate placed at `el`.
    fn read_dateline(&self, el: ElementRef, opening: &str, scope: &Scope, out: &mut Vec<Pending>) {
        if let Some(stamp) = self.times_in(opening, true).into_iter().next() {
            let detail = quote("a date opening the text", opening);
            // A paragraph that opens with a date is dated by convention; a date inside a
            // short paragraph may be anything the text mentions.
            let mut p = Pending::new(stamp, DateKind::Published, Source::Text, detail, 46);
            self.mark_block(&mut p, el, scope);
            p.anchor = Some(el.id());
            out.push(p);
        }
    }

    /// The element whose text is the date line: the label and its time may sit in sibling
    /// elements, so climb a little for digits; `None` when the line is too long to be one.
    fn date_line<'b>(&self, parent: ElementRef<'b>, scope: &Scope) -> Option<ElementRef<'b>> {
        let mut line = parent;
        let mut text = date_text_within(line, MAX_DATE_LINE * 4);
        for _ in 0..3 {
            if has_digit(&text) {
                break;
            }
            let up = line.parent().and_then(ElementRef::wrap)?;
            if self.out_of_article(scope, up.id()) || up.value().name() == "body" {
                break;
            }
            line = up;
            text = date_text_within(line, MAX_DATE_LINE * 4);
        }
        (text.chars().count() <= MAX_DATE_LINE && has_digit(&text)).then_some(line)
    }

    /// Reads every time in `text` (the text of `line`, or a text node standing for it) as a
    /// candidate placed at `line`, each with a date of its own: a bare clock
    /// time is no article date, labelled or not (`posted by Stadler at 12:53` under a blog's
    /// date header is not today's), unlike a bare time on a section list.
    fn read_line(
        &self,
        line: ElementRef,
        text: &str,
        labelled: bool,
        scope: &Scope,
        out: &mut Vec<Pending>,
    ) {
        // An unlabelled date in a sentence is something the text mentions; a byline or
        // date line is a few words around the date.
        if !labelled && words_in(text) > MAX_LINE_WORDS {
            return;
        }
        let copyright = text.contains('©') || text.to_lowercase().contains("copyright");
        for stamp in self.times_in(text, true) {
            let (kind, base, detail) = match stamp.label {
                Some(Label::Updated) => (DateKind::Updated, 55, "text, labelled updated"),
                // An explicit "published" label says more than a bare `<time datetime>`.
                Some(Label::Published) => (DateKind::Published, 62, "text, labelled published"),
                // A labelled line's unlabelled time (`2026.02.10 19:32 입력`) is published.
                None if labelled => (DateKind::Published, 50, "text in a labelled line"),
                None => (DateKind::Published, 40, "text without a label"),
            };
            let mut p = Pending::new(stamp, kind, Source::Text, quote(detail, text), base);
            if copyright {
                p.add(-50, "a copyright line");
            }
            self.mark_block(&mut p, line, scope);
            p.anchor = Some(line.id());
            out.push(p);
        }
    }
}

/// Whether a text tells when a cited source was read ("Accessed December 12, 2024",
/// "Retrieved 3 May 2020", "abgerufen am 4. Mai 2021"): a reference's date, not the
/// article's, wherever the list of sources stands.
fn tells_an_access(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "accessed",
        "retrieved",
        "abgerufen",
        "consulté",
        "consultado",
        "consultato",
        "geraadpleegd",
        "dostęp",
        "обращения",
    ];
    let lower = text.to_lowercase();
    WORDS.iter().any(|w| lower.contains(w))
}

/// Moves a candidate's score by where it stands: a little up near the headline (a point
/// more just below it than above it, but nothing once the article's text is under way at
/// `body_text`: a date in the text's second paragraph or a table after it is something the
/// article mentions), down far from it.
pub(super) fn place(p: &mut Pending, at: usize, headline: Option<usize>, body_text: Option<usize>) {
    let Some(h) = headline else {
        return;
    };
    if at >= h && at <= h + NEAR_AFTER {
        if body_text.is_some_and(|b| at > b) {
            return;
        }
        // Where bylines stand; above the headline stand kickers, but also the site's "today".
        p.add(5, super::BELOW_HEADLINE);
    } else if at < h && at + NEAR_BEFORE >= h {
        p.add(4, "near the headline");
    } else if at > h + FAR_AFTER {
        p.add(-15, "far below the headline");
    } else if at + FAR_BEFORE < h {
        p.add(-15, "far above the headline");
    }
}

/// Whether a text opens with a date: a digit comes within its first few words, and what
/// comes before it (and its month name) is nothing, an opening bracket, or a place or agency
/// set off by punctuation (`(18.01.2018)`, `Berlin, 18.01.2018 –`, `BERLIN (dpa) – 18.01.`,
/// `Feb. 23, 2015 --`, `WASHINGTON, Feb. 23, 2015 --`), not the start of a sentence (`Am 3.
/// März 2020 wurde …`, `Wer am 6.5.12 …`).
fn opens_with_date(text: &str) -> bool {
    let text = text.trim_start();
    let Some(first_digit) = text.find(crate::dates::is_digit) else {
        return false;
    };
    let mut before = text[..first_digit].trim_end();
    // `Feb. 23, 2015 -- …`, `WASHINGTON, Feb. 23 --`: a month name before the day is the
    // date's own.
    let (rest, word) = before
        .rsplit_once(char::is_whitespace)
        .unwrap_or(("", before));
    if crate::dates::month_named(word.trim_end_matches('.')).is_some() {
        before = rest.trim_end();
    }
    let set_off =
        before.is_empty() || before.ends_with([',', '(', '[', ')', ':', '-', '–', '—', '/', '|']);
    // The words outside brackets are capitalised: a place, not a sentence; an agency in
    // brackets may be written small (`(dpa)`).
    let mut depth = 0usize;
    let outside: String = before
        .chars()
        .map(|c| {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth > 0 {
                ' '
            } else {
                c
            }
        })
        .collect();
    set_off
        && before.len() <= 30
        && outside
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// The words of two letters or more in `text`.
fn words_in(text: &str) -> usize {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().nth(1).is_some())
        .count()
}

/// The first `n` bytes of `text`, cut back to a character boundary.
fn prefix(text: &str, n: usize) -> &str {
    let mut end = n.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `text, labelled published: 'Veröffentlicht am 15.02.2020'`, the line cut short.
fn quote(what: &str, text: &str) -> String {
    let line: String = text.chars().take(60).collect();
    let more = if text.chars().count() > 60 { "…" } else { "" };
    format!("{what}: '{line}{more}'")
}

#[cfg(test)]
mod tests {
    use super::{opens_with_date, place, tells_an_access};
    use crate::article::dates::{DateKind, Pending};
    use crate::article::Source;
    use crate::dates::{Precision, Stamp};

    #[test]
    fn texts_that_open_with_a_date() {
        for (text, want) in [
            ("(18.01.2018) Deutschlands Landwirte fordern", true),
            ("Berlin, 18.01.2018 – Die Koalition", true),
            ("BERLIN (dpa) – 18.01. Die Koalition", true),
            ("Feb. 23, 2015 -- Life-threatening peanut allergies", true),
            ("WASHINGTON, Feb. 23, 2015 -- The court ruled", true),
            ("Am 3. März 2020 wurde die Brücke gesperrt", false),
            ("Wer am 6.5.12 wählen geht", false),
            ("In February 2015 the city", false),
        ] {
            assert_eq!(opens_with_date(text), want, "{text}");
        }
    }

    #[test]
    fn access_dates_of_sources() {
        for (text, want) in [
            ("Footwear and orthoses. Accessed December 12, 2024.", true),
            ("Retrieved 3 May 2020", true),
            ("Statistisches Bundesamt, abgerufen am 4. Mai 2021", true),
            ("Written by Jared Lin on March 3, 2022", false),
            ("Madrid, 11 mar. 2025 - 07:45", false),
        ] {
            assert_eq!(tells_an_access(text), want, "{text}");
        }
    }

    #[test]
    fn places() {
        let stamp = Stamp {
            instant: "2020-02-15T18:00:00+09:00".parse().unwrap(),
            precision: Precision::Minute,
            label: None,
        };
        let score = |at: usize, headline: Option<usize>| {
            let mut p = Pending::new(stamp, DateKind::Published, Source::Text, String::new(), 40);
            place(&mut p, at, headline, Some(6_000));
            p.mods.iter().map(|(n, _)| n).sum::<i32>()
        };
        // (text offset, headline offset, modifier)
        let rows = [
            (5_000, Some(5_100), 4),
            (5_100, Some(5_000), 5),
            // below the headline, but past the article's second paragraph
            (6_100, Some(5_000), 0),
            (9_000, Some(5_000), 0),
            (20_000, Some(5_000), -15),
            (100, Some(9_000), -15),
            (100, None, 0),
        ];
        for (at, headline, want) in rows {
            assert_eq!(score(at, headline), want, "{at} {headline:?}");
        }
    }
}
