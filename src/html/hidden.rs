//! What a reader of the page never sees: hiding classes, the `hidden` attribute,
//! `aria-hidden`, and inline styles that hide; and the one exception, an article a script
//! reveals once the page has loaded.

use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::{ElementRef, Node};

use super::all_text_within;

/// Class names that hide an element from sight but not from screen readers (Naver's `blind`,
/// Daum's `screen_out`, Bootstrap's `sr-only`, Gnuboard's `sound_only`, WordPress's
/// `screen-reader-text`, Drupal's `element-invisible`, the BBC's `off-screen`, ...) or
/// altogether.
const HIDDEN_CLASSES: &[&str] = &[
    "blind",
    "sr-only",
    "sr_only",
    "screen_out",
    "screen-out",
    "sound_only",
    "hidden",
    "visually-hidden",
    "visuallyhidden",
    "u-visually-hidden",
    "a11y-hidden",
    "screen-reader-text",
    "screen-reader-only",
    "assistive-text",
    "element-invisible",
    "off-screen",
    "offscreen",
];

/// Whether an element is marked `aria-hidden="true"`: hidden from screen readers, and on its
/// own still in sight.
pub fn is_aria_hidden(e: &Element) -> bool {
    e.attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// Whether an element's text is hidden from a reader looking at the page: a hiding class
/// ([`HIDDEN_CLASSES`]), the `hidden` attribute, `aria-hidden="true"`, or an inline style
/// with `display: none` or `visibility: hidden`. An element asked for by name is read anyway:
/// text readers judge only what lies inside the element they read.
pub fn is_hidden(e: &Element) -> bool {
    is_aria_hidden(e) || is_out_of_sight(e)
}

/// Whether an element is not shown on the page: [`is_hidden`] less `aria-hidden`, which
/// hides from screen readers only (a formula's picture beside the MathML they read, an
/// icon) and leaves the element in sight.
pub fn is_out_of_sight(e: &Element) -> bool {
    e.attr("hidden").is_some()
        || (has_hiding_class(e) && !e.classes().any(shown_at_some_width))
        || e.attr("style").is_some_and(hides_by_style)
}

/// Whether one of an element's classes is a hiding class ([`HIDDEN_CLASSES`]).
fn has_hiding_class(e: &Element) -> bool {
    e.classes()
        .any(|c| HIDDEN_CLASSES.iter().any(|h| c.eq_ignore_ascii_case(h)))
}

/// A utility class that shows the element from some screen width on (Tailwind's
/// `hidden md:inline`): the element is visible on a desktop.
fn shown_at_some_width(class: &str) -> bool {
    class.split_once(':').is_some_and(|(_, display)| {
        matches!(
            display,
            "block" | "inline" | "inline-block" | "flex" | "inline-flex" | "grid" | "table"
        )
    })
}

/// Whether an inline style hides its element: `display: none`, `visibility: hidden`, or
/// the screen-reader clip (`clip: rect(0 0 0 0)`, `clip: rect(1px, 1px, 1px, 1px)`: a box
/// of at most a pixel, as Reuters hides ", opens new tab" inside its links).
fn hides_by_style(style: &str) -> bool {
    let (hidden, invisible) = style_hiding(style);
    hidden || invisible
}

/// What an inline style hides with: (`display: none` or the one-pixel clip, `visibility:
/// hidden`).
fn style_hiding(style: &str) -> (bool, bool) {
    let (mut hidden, mut invisible) = (false, false);
    for (prop, value) in style_declarations(style) {
        let value = value.trim_end_matches("!important").trim();
        hidden |= (prop.eq_ignore_ascii_case("display") && value.eq_ignore_ascii_case("none"))
            || (prop.eq_ignore_ascii_case("clip") && clips_to_a_pixel(value));
        invisible |=
            prop.eq_ignore_ascii_case("visibility") && value.eq_ignore_ascii_case("hidden");
    }
    (hidden, invisible)
}

/// An inline style's declarations, each as its property and value with white space trimmed
/// (`"text-align: right; color:red"` gives `("text-align", "right")`, `("color", "red")`).
pub fn style_declarations(style: &str) -> impl Iterator<Item = (&str, &str)> {
    style
        .split(';')
        .filter_map(|decl| decl.split_once(':'))
        .map(|(prop, value)| (prop.trim(), value.trim()))
}

/// Text an element needs before `visibility: hidden` alone no longer hides it.
const REVEALED_TEXT: usize = 300;

/// Whether an element hidden only by `visibility: hidden` holds an article's worth of text:
/// pages that show their article by script once it has loaded hide it so (WeChat's
/// `#js_content`), and every reader sees it. Small hidden things (a tracking frame, a label
/// for later) stay hidden.
pub fn revealed_by_script(el: ElementRef) -> bool {
    let e = el.value();
    e.attr("style")
        .is_some_and(|s| style_hiding(s) == (false, true))
        && e.attr("hidden").is_none()
        && !has_hiding_class(e)
        && !is_aria_hidden(e)
        && all_text_within(el, REVEALED_TEXT * 4).chars().count() >= REVEALED_TEXT
}

/// Whether a `clip` value is a rectangle of at most one pixel each way.
fn clips_to_a_pixel(value: &str) -> bool {
    let Some(inner) = value
        .strip_prefix("rect(")
        .and_then(|v| v.strip_suffix(')'))
    else {
        return false;
    };
    let sides: Vec<&str> = inner
        .split([',', ' '])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect();
    sides.len() == 4
        && sides
            .iter()
            .all(|v| matches!(v.trim_end_matches("px"), "0" | "1"))
}

/// [`is_hidden`] for an element met in a walk over the tree, less an article a script
/// reveals ([`revealed_by_script`]): what the text readers and the body finder skip.
pub fn hidden_in_walk(node: NodeRef<'_, Node>, e: &Element) -> bool {
    is_hidden(e) && !ElementRef::wrap(node).is_some_and(revealed_by_script)
}

/// [`is_out_of_sight`] for an element met in a walk, less an article a script reveals.
pub fn out_of_sight_in_walk(node: NodeRef<'_, Node>, e: &Element) -> bool {
    is_out_of_sight(e) && !ElementRef::wrap(node).is_some_and(revealed_by_script)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body a script shows once loaded is hidden with `visibility: hidden` alone; small
    /// hidden things and anything hidden another way stay hidden.
    #[test]
    fn a_body_hidden_until_shown_is_read() {
        let long = "梅雨季的衣服总是晾不干。".repeat(30);
        let cases = [
            (
                format!(r#"<div style="visibility: hidden;"><p>{long}</p></div>"#),
                true,
            ),
            (
                r#"<div style="visibility:hidden"><p>짧은 문구</p></div>"#.to_string(),
                false,
            ),
            (
                format!(r#"<div style="display:none;visibility:hidden"><p>{long}</p></div>"#),
                false,
            ),
            (
                format!(r#"<div class="hidden" style="visibility:hidden"><p>{long}</p></div>"#),
                false,
            ),
            (format!(r#"<div><p>{long}</p></div>"#), false),
        ];
        for (html, want) in cases {
            let doc = scraper::Html::parse_document(&html);
            let sel = scraper::Selector::parse("div").unwrap();
            let el = doc.select(&sel).next().unwrap();
            assert_eq!(revealed_by_script(el), want, "{html}");
        }
    }
}
