//! The scan's lol_html pass, for item selectors its own matcher ([`super::css`]) does not
//! cover: lol_html matches the selector while streaming the page and reports where each item
//! starts and ends.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use lol_html::html_content::Element;
use lol_html::{ElementContentHandlers, HandlerResult, HtmlRewriter, Selector, Settings};

use super::Walked;

/// What the element handlers record as the stream goes.
#[derive(Default)]
struct State {
    starts: usize,
    items: Vec<(usize, Range<usize>, String)>,
    base_href: Option<String>,
}

/// The items lol_html's selector matching finds, with their tag names, in page order, and
/// the first `<base href>`; `None` when an item has no explicit end tag or items nest.
pub(super) fn stream_items(html: &str, item_css: &str) -> Option<Walked> {
    let item_selector: Selector = item_css.parse().ok()?;
    let base_selector: Selector = "base[href]".parse().ok()?;
    let state = Rc::new(RefCell::new(State::default()));

    let on_item = {
        let state = Rc::clone(&state);
        move |el: &mut Element| -> HandlerResult {
            let start = el.source_location().bytes().start;
            let tag = el.tag_name();
            let index = {
                let mut s = state.borrow_mut();
                s.starts += 1;
                s.starts - 1
            };
            // A void element has no end tag; it cannot hold an article's link and title.
            if let Some(handlers) = el.end_tag_handlers() {
                let state = Rc::clone(&state);
                handlers.push(Box::new(move |end| {
                    let range = start..end.source_location().bytes().end;
                    state.borrow_mut().items.push((index, range, tag));
                    Ok(())
                }));
            }
            Ok(())
        }
    };
    let on_base = {
        let state = Rc::clone(&state);
        move |el: &mut Element| -> HandlerResult {
            let mut s = state.borrow_mut();
            if s.base_href.is_none() {
                s.base_href = el.get_attribute("href");
            }
            Ok(())
        }
    };
    let handlers = vec![
        (
            std::borrow::Cow::Owned(item_selector),
            ElementContentHandlers::default().element(on_item),
        ),
        (
            std::borrow::Cow::Owned(base_selector),
            ElementContentHandlers::default().element(on_base),
        ),
    ];
    let settings = Settings {
        element_content_handlers: handlers,
        ..Settings::new()
    };
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter.write(html.as_bytes()).ok()?;
    rewriter.end().ok()?;

    let state = Rc::try_unwrap(state).ok()?.into_inner();
    // Every item must have closed explicitly, or the parser may see it otherwise.
    if state.items.len() != state.starts {
        return None;
    }
    let mut items = state.items;
    items.sort_by_key(|(index, _, _)| *index);
    // Items inside items, or ranges that cross, mean a structure the scan does not model.
    if items.windows(2).any(|w| w[1].1.start < w[0].1.end) {
        return None;
    }
    let items = items.into_iter().map(|(_, r, t)| (r, t)).collect();
    Some(Walked {
        items,
        base_href: state.base_href,
    })
}
