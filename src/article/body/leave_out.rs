//! What the body leaves out inside its container: the headline and the header's lines, ad
//! and control labels, "read more" lines, boxes of links, boilerplate by name, boxes that
//! ask the reader for something, credits and notes, captions of players, slideshows, pull
//! quotes, and headings over nothing that is left.

use ego_tree::NodeId;
use scraper::ElementRef;

use super::boxes::{self, asks_reader, holds_caption, is_video_figure, names_a_video};
use super::lines::{self, is_boilerplate_line};
use super::names::{is_boilerplate, names_a_byline, names_a_credit, wraps_a_caption};
use super::stats::{self, Stats};
use super::{header, notes, slides, Body};
use crate::article::attrs::name_words;
use crate::article::page::{ArticlePage, NodeSet};
use crate::html::{all_text_within, holds_tag, in_code, style_declarations, text_within};

impl<'a> ArticlePage<'a> {
    /// Marks what inside the body is not the article: boilerplate blocks by name, blocks
    /// mostly of links (link lists, tag clouds), "read more" lines, blocks that only say
    /// "Advertisement", captions of figures without a picture.
    pub(super) fn leave_out_boilerplate(&self, stats: &Stats<'a>, body: &mut Body<'a>) {
        let root = body.root.id();
        let Some(&root_i) = stats.index.get(&root) else {
            return;
        };
        // The headline is the article's title, not its text; so is a heading opening the
        // body that repeats the page's title.
        if let Some(h) = self.headline {
            if h.id() != root && h.ancestors().any(|a| a.id() == root) {
                body.skip.insert(h.id());
                if let Some(header) = header::header_block(stats, body, h) {
                    header::skip_header_lines(header, &mut body.skip);
                }
            }
        }
        if let Some(h) = self.title_heading(stats, root_i) {
            body.skip.insert(h);
        }
        for &id in &stats.skipped {
            if self.lies_within(id, root) {
                body.skip.insert(id);
            }
        }
        // "Read more:" alone in its paragraph, over paragraphs that are each one link.
        let mut lone_labels = Vec::new();
        for s in stats.subtree(root_i).map(|i| &stats.nodes[i]) {
            // Inline elements own no text in the counts (their block does), so a label set in
            // one ("<b class=hide-caption>hide caption</b>") is read here.
            if matches!(
                s.name(),
                "span" | "b" | "i" | "em" | "small" | "font" | "a" | "cite"
            ) && s.chars == 0
            {
                // A label is short: told from the text as stored before any is copied.
                let short = matches!(s.name(), "span" | "b" | "a")
                    && s.el.text().map(|t| t.chars().count()).sum::<usize>() < 80;
                // A credit's label may be hidden from sight ("Image source, " on the BBC); a
                // wire's notice may stand in italics among lines written with `<br>`.
                if (short && lines::is_ad_or_control(s.el, &text_within(s.el, 100)))
                    || (notes::may_be_note(s.el)
                        && notes::is_note(&all_text_within(s.el, 400))
                        && !in_code(s.el))
                    || ((s.name() == "cite" || names_an_attribution(s.el))
                        && credits_a_picture(s.el))
                    // A short one named as boilerplate (a caption's `span.credit`), when the
                    // body was found with names not trusted: the trusting count drops it.
                    || (short
                        && !body.honour_excluded
                        && !self.protected.contains(&s.el.id())
                        && is_boilerplate(s.el.value())
                        && !in_code(s.el))
                {
                    body.skip.insert(s.el.id());
                }
                continue;
            }
            if s.chars == 0 {
                continue;
            }
            let block = matches!(
                s.name(),
                "div" | "section" | "ul" | "ol" | "dl" | "table" | "form" | "header" | "menu"
            );
            let link_list = block && s.links * 2 > s.chars && !items_say_more(stats, s);
            // A "read more" line, or a paragraph that opens with such words and then lists
            // links ("Related stories" and three headlines).
            let read_more = matches!(s.name(), "p" | "div" | "li" | "strong" | "b" | "h3" | "h4")
                && (s.chars < 200 || s.links * 2 > s.chars)
                // Without links, only a label ("Auch interessant:") is such a line.
                && (s.links > 0 || s.chars < LABEL_CHARS)
                && {
                    let text = text_within(s.el, 100);
                    // A link left out already (by its name) counts in no figure of the
                    // block, but still makes "À lire aussi | <a>…</a>" a line of links.
                    // The label may stand in its own element with no space before the link
                    // ("<span>À lire aussi</span><a>Vins…</a>"): its own text is read too.
                    let label_first = || {
                        s.el.text()
                            .find(|t| !t.trim().is_empty())
                            .is_some_and(|t| is_boilerplate_line(t.trim()))
                    };
                    (is_boilerplate_line(&text) || (s.links > 0 && label_first()))
                        && (s.links > 0 || is_label(&text) || holds_link(s.el))
                };
            // Boilerplate by name, small next to the body (found when names were not trusted
            // because the body's own wrapper has such a name).
            let named = !body.honour_excluded
                && s.chars.saturating_mul(3) < stats.nodes[root_i].chars
                && !self.protected.contains(&s.el.id())
                && is_boilerplate(s.el.value())
                && !wraps_a_caption(s.el);
            // A `div` of text and inline markup with no link is a paragraph written as a
            // `div` (as some news sites write every paragraph), not a box that asks.
            let promo = matches!(s.name(), "div" | "section" | "aside" | "form")
                && s.chars < 700
                && s.chars.saturating_mul(3) < stats.nodes[root_i].chars
                && asks_reader(s.el);
            // "Advertisement", and the labels of a page's buttons that are not buttons in a
            // feed ("hide caption", "Enlarge this image").
            let ad = matches!(s.name(), "div" | "section" | "p" | "td" | "aside")
                && s.chars < 90
                && lines::is_ad_or_control(s.el, &text_within(s.el, 100));
            // A credit, a disclosure, a copyright notice or a call for tips, alone in its
            // block.
            // A block holding most of the body is a short story's wrapper with its note
            // inside, not the note.
            let note = matches!(s.name(), "p" | "div" | "figcaption" | "small")
                && s.chars < 300
                && s.chars.saturating_mul(2) < stats.nodes[root_i].chars
                && ((s.name() == "p" && s.chars < 80 && names_a_credit(s.el.value()))
                    || (s.name() == "p" && s.chars < 40 && names_a_byline(s.el.value()))
                    || (notes::may_be_note(s.el) && notes::is_note(&text_within(s.el, 400))));
            // A figure that holds a video player and no picture: the feed shows no player,
            // so its caption would describe nothing the reader sees.
            // So is a small block named for a video that holds no picture, when what it says
            // is the player's own ("Watch: … 02:14", "Next video starts in"), not a caption
            // that tells of the news.
            let bare_caption = (s.name() == "figure"
                || (matches!(s.name(), "div" | "section")
                    && s.chars < 200
                    && names_a_video(s.el.value())
                    && !holds_caption(s.el)))
                && is_video_figure(s.el);
            let slideshow = slides::is_slideshow(s.el, s.chars, stats.nodes[root_i].chars);
            // A live blog entry's header: its time and its writer, not its news.
            let entry_header =
                s.name() == "header" && s.chars < 120 && holds_tag(*s.el, usize::MAX, &["time"]);
            // A video's transcript folded under its player ("Video Transcript").
            let transcript = s.name() == "details" && summary_says(s.el, "transcript");
            // A paragraph that is one link in capitals: a headline of another story or a
            // call to get the app ("CLICK HERE TO GET THE … APP"), set between paragraphs.
            let shouted_link = s.name() == "p"
                && s.chars < 160
                && s.links.saturating_mul(10) >= s.chars.saturating_mul(9)
                && is_shouted(&text_within(s.el, 200));
            if read_more && s.links == 0 {
                lone_labels.push(s.el);
            }
            let held = self.holds_no_article_text(s, stats.nodes[root_i].chars);
            // A pull quote that repeats a sentence of the text (news sites'); one of its own
            // (Medium's) stays.
            let pull_quote = !matches!(s.name(), "span" | "p")
                && s.chars < 400
                && boxes::names_a_pull_quote(s.el.value())
                && boxes::is_repeated(s.el, body.root);
            if link_list
                || read_more
                || ad
                || note
                || named
                || promo
                || bare_caption
                || slideshow
                || held
                || pull_quote
                || entry_header
                || transcript
                || shouted_link
            {
                body.skip.insert(s.el.id());
            }
        }
        for label in lone_labels {
            for sib in label.next_siblings().filter_map(ElementRef::wrap).take(10) {
                match stats.get(sib.id()) {
                    Some(s)
                        if s.chars > 0
                            && s.chars < 200
                            && s.links.saturating_mul(10) >= s.chars.saturating_mul(9) =>
                    {
                        body.skip.insert(sib.id());
                    }
                    _ => break,
                }
            }
        }
        // A heading over blocks that were all left out ("More from this author" over a row
        // of link cards) heads nothing of the article.
        let orphans: Vec<NodeId> = stats
            .subtree(root_i)
            .map(|i| &stats.nodes[i])
            .filter(|s| matches!(s.name(), "h2" | "h3" | "h4" | "h5" | "h6"))
            .filter(|s| heads_only_left_out(stats, s.el, &body.skip))
            .map(|s| s.el.id())
            .collect();
        body.skip.extend(orphans);
        super::br_lines::leave_out_lines(stats, body, root_i);
        // A story closed by its writer's name set right, as Vietnamese papers sign theirs
        // (`<p style="text-align:right;"><strong>Võ Hải</strong></p>`).
        let last = stats
            .subtree(root_i)
            .map(|i| &stats.nodes[i])
            .filter(|s| s.name() == "p" && s.chars > 0)
            .last();
        if let Some(s) = last.filter(|s| s.chars <= 40 && is_signature(s.el)) {
            body.skip.insert(s.el.id());
        }
    }
}

impl ArticlePage<'_> {
    /// Whether a block small next to the body (`root_chars`) is, by what it holds, an author
    /// box, a teaser card for another article, a line asking the reader to sign up or a
    /// breadcrumb trail.
    fn holds_no_article_text(&self, s: &stats::Stat, root_chars: u32) -> bool {
        if s.chars.saturating_mul(3) >= root_chars {
            return false;
        }
        match s.name() {
            "div" | "section" | "aside" => {
                (s.chars < 1000 && boxes::is_author_box(s.el))
                    || (s.chars < 600 && boxes::is_teaser_card(s.el, &self.url))
                    || (s.chars < 300 && s.links > 0 && boxes::is_breadcrumb(s.el))
            }
            "li" | "figure" | "article" => s.chars < 600 && boxes::is_teaser_card(s.el, &self.url),
            "p" => {
                s.chars < 300
                    && s.links > 0
                    && (boxes::is_sign_up_line(s.el) || boxes::is_breadcrumb(s.el))
            }
            _ => false,
        }
    }
}

/// Whether a paragraph is a name set right: a few words, no sentence, aligned right.
fn is_signature(p: ElementRef) -> bool {
    let right = p.value().attr("style").is_some_and(|style| {
        style_declarations(style).any(|(prop, value)| {
            prop.eq_ignore_ascii_case("text-align") && value.eq_ignore_ascii_case("right")
        })
    });
    let text = text_within(p, 100);
    right
        && text.split_whitespace().count() <= 5
        && !super::lines::ends_a_sentence(&text)
        && text.chars().any(char::is_uppercase)
}

/// Whether an element is named an attribution (The Conversation's `span.attribution` in a
/// caption: the picture's source and licence). Only in a picture's figure is it a credit: a
/// wire's `div.Attribution` under the text ("Additional reporting by …") stays.
fn names_an_attribution(el: ElementRef) -> bool {
    el.value()
        .attr("class")
        .is_some_and(|c| name_words(c).iter().any(|w| w == "attribution"))
}

/// Whether a `<cite>` or an attribution names a picture's photographer (Chorus's
/// `<cite>Clayton Hauck/Eater Chicago</cite>` beside the caption): short, in a figure of a
/// picture. In a figure of a quote it names the speaker, and stays.
fn credits_a_picture(cite: ElementRef) -> bool {
    cite.text().map(|t| t.chars().count()).sum::<usize>() < 100
        && cite
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(4)
            .find(|a| matches!(a.value().name(), "figure" | "blockquote" | "q"))
            .is_some_and(|f| {
                f.value().name() == "figure"
                    && !holds_tag(*f, 200, &["blockquote", "q"])
                    && holds_tag(*f, 200, &["img", "picture"])
            })
}

/// Whether the siblings after `heading` that hold any text are all left out, and hold more
/// text than it: a heading over what was left out, not a caption written as a heading
/// beside a left-out credit line.
fn heads_only_left_out(stats: &Stats, heading: ElementRef, skip: &NodeSet) -> bool {
    if heading
        .ancestors()
        .filter_map(ElementRef::wrap)
        .take(4)
        .any(|a| matches!(a.value().name(), "figure" | "figcaption"))
    {
        return false;
    }
    let own = text_within(heading, 200).chars().count();
    let mut left_out = 0usize;
    for (n, e) in heading
        .next_siblings()
        .filter_map(ElementRef::wrap)
        .enumerate()
    {
        if n >= HEADED_SIBLINGS {
            // A heading over this much is a section of the page, not over one box.
            return false;
        }
        if skip.contains(&e.id()) {
            // Read only until the left-out text outweighs the heading.
            if left_out <= own {
                left_out += text_within(e, 400).chars().count();
            }
        } else if stats.get(e.id()).is_some_and(|s| s.chars > 0) {
            return false;
        }
    }
    left_out > own
}

/// How many siblings after a heading are looked at for [`heads_only_left_out`]: enough for
/// a row of cards, and the work stays bounded on a page of thousands of headings.
const HEADED_SIBLINGS: usize = 64;

/// Whether an element holds a link.
fn holds_link(el: ElementRef) -> bool {
    el.descendants()
        .take(50)
        .filter_map(ElementRef::wrap)
        .any(|e| e.value().name() == "a" && e.value().attr("href").is_some())
}

/// Whether a short text is a label over what follows ("Auch interessant:", "À lire aussi |"
/// left beside a link that was left out), or a few words alone ("Lesen Sie auch"), not a
/// sentence.
fn is_label(text: &str) -> bool {
    let t = text.trim_end();
    t.chars().count() < LABEL_CHARS as usize
        && (t.ends_with([':', '：', '|', '»', '›', '→', '>']) || t.split_whitespace().count() <= 4)
}

/// A label over what follows is shorter than this (characters).
const LABEL_CHARS: u32 = 80;

/// Whether most items of a list (a list of one item too) say something beside their link
/// ("Alice fixed <a>a crash</a> in the tab unloader"): a list in the article that cites its
/// sources, not a list of links.
fn items_say_more(stats: &Stats, list: &stats::Stat) -> bool {
    if !matches!(list.name(), "ul" | "ol") {
        return false;
    }
    let (mut items, mut telling) = (0usize, 0usize);
    for item in list.el.children().filter_map(|c| stats.get(c.id())) {
        if item.name() != "li" || item.chars == 0 {
            continue;
        }
        items += 1;
        if item.chars.saturating_sub(item.links) >= ITEM_OWN_TEXT {
            telling += 1;
        }
    }
    items >= 1 && telling * 2 > items
}

/// Characters beside its links that make a list item say something of its own.
const ITEM_OWN_TEXT: u32 = 20;

/// Whether a `<details>` element's `<summary>` holds `word` (lower-case), in any case.
fn summary_says(details: ElementRef, word: &str) -> bool {
    details
        .children()
        .filter_map(ElementRef::wrap)
        .find(|c| c.value().name() == "summary")
        .is_some_and(|s| text_within(s, 100).to_lowercase().contains(word))
}

/// Whether a text is written in capitals: some ten letters, none of them small.
fn is_shouted(text: &str) -> bool {
    let mut capitals = 0;
    for c in text.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            capitals += 1;
        }
    }
    capitals >= 10
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::body::content_of;

    /// A recipe's "1/2" reads like a slide counter, but outside a gallery it is half a cup.
    #[test]
    fn fractions_outside_a_gallery_stay() {
        let para = "<p>These brown butter cookies keep for a week in a tin, and the dough freezes well, so a double batch is never wasted on a busy weekend.</p>";
        let html = format!(
            r#"<html><body><h1>Cookies</h1><div class="entry-content">{para}{para}<div class="wprm-recipe"><ul class="wprm-recipe-ingredients"><li class="wprm-recipe-ingredient"><span class="wprm-recipe-ingredient-amount">1/2</span> <span class="wprm-recipe-ingredient-unit">cup</span> <span class="wprm-recipe-ingredient-name">unsalted butter</span></li><li class="wprm-recipe-ingredient"><span class="wprm-recipe-ingredient-amount">3/4</span> <span class="wprm-recipe-ingredient-unit">cup</span> <span class="wprm-recipe-ingredient-name">brown sugar</span></li></ul></div>{para}</div></body></html>"#
        );
        let got = content_of(&html);
        assert!(got.contains("1/2") && got.contains("3/4"), "{got}");
    }

    /// A closing name set right is the writer's signature; a sentence set right stays.
    #[test]
    fn a_name_set_right_at_the_end_is_a_signature() {
        let para = "<p>Thành phố đặt mục tiêu đến năm 2030 toàn bộ xe buýt thay thế mới phải dùng điện hoặc năng lượng xanh. Hiện Hà Nội có hơn 1.600 xe buýt, trong đó khoảng 200 xe chạy điện.</p>";
        let html = format!(
            r#"<html><body><h1>Xe buýt điện</h1><article class="fck_detail">{para}{para}{para}<p class="Normal" style="text-align:right;"><strong>Võ Hải</strong></p></article></body></html>"#
        );
        let got = content_of(&html);
        assert!(!got.contains("Võ Hải"), "{got}");
        let html = html.replace("<strong>Võ Hải</strong>", "Hà Nội sẽ mở thêm tuyến mới.");
        let got = content_of(&html);
        assert!(got.contains("tuyến mới"), "{got}");
    }

    /// A caption's wrapper named "meta" keeps the caption; a `<cite>` credit beside it goes,
    /// and a quote's `<cite>` stays.
    #[test]
    fn captions_in_meta_wrappers_and_photo_cites() {
        let para = "<p>Five years ago, a casual dinner in Logan Square meant a burger, a few salads and a short beer list. Today there is a good chance it means a glass of orange wine and a tin of sardines.</p>";
        let html = format!(
            r#"<html><body><h1>Wine bars</h1><div class="c-entry-content">{para}<figure class="e-image"><span class="e-image__inner"><img src="/a.jpg" alt=""></span><span class="e-image__meta"><figcaption>The bar at a small wine spot.</figcaption><cite>Clayton Hauck/Eater Chicago</cite></span></figure>{para}<figure class="quote"><blockquote><p>Wine is a story you drink.</p></blockquote><figcaption><cite>Ana Ruiz</cite></figcaption></figure>{para}</div></body></html>"#
        );
        let got = content_of(&html);
        assert!(got.contains("The bar at a small wine spot."), "{got}");
        assert!(!got.contains("Clayton Hauck"), "{got}");
        let html = html.replace(
            "<cite>Clayton Hauck/Eater Chicago</cite>",
            r#"<span class="attribution"><a class="source" href="/p">Ken Lund</a>, <a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA</a></span>"#,
        );
        let got = content_of(&html);
        assert!(got.contains("The bar at a small wine spot."), "{got}");
        assert!(!got.contains("Ken Lund"), "{got}");
        assert!(got.contains("Ana Ruiz"), "{got}");
    }

    #[test]
    fn capitals_and_transcripts() {
        for (text, want) in [
            ("CLICK HERE TO GET THE FRONTLINE NEWS APP", true),
            ("OWNER DESCRIBES MOMENT HE GOT CALL ABOUT MISSING DOG", true),
            ("NASA", false),
            ("The NASA probe reached ORBIT", false),
            ("서울시 새 조례", false),
        ] {
            assert_eq!(is_shouted(text), want, "{text}");
        }
        let doc = scraper::Html::parse_fragment(
            "<details id=a><summary>Video Transcript</summary><p>Hi.</p></details>\
             <details id=b><summary>Ingredients</summary><p>Salt.</p></details>",
        );
        let get = |id| {
            doc.select(&scraper::Selector::parse(id).unwrap())
                .next()
                .unwrap()
        };
        assert!(summary_says(get("#a"), "transcript"));
        assert!(!summary_says(get("#b"), "transcript"));
    }
}
