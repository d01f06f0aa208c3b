//! The page as detection sees it: parsed once and indexed (document order, elements by tag,
//! how many elements carry each id, the URLs JSON-LD lists name), with the caches that let
//! many overlapping item sets be scored without reading an element twice.
//!
//! Its methods live with the step they serve, in the sibling modules.

use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use scraper::{ElementRef, Html};
use url::Url;

use super::features::ItemFeatures;
use super::urls::site_of;
use crate::dates::DateContext;

/// One page, indexed for detection.
pub(super) struct PageIndex<'a> {
    pub(super) doc: &'a Html,
    pub(super) page_url: &'a Url,
    /// The page URL, or its `<base href>`: what links resolve against.
    pub(super) base: Url,
    pub(super) ctx: DateContext,
    /// The site part of the base's host (see [`site_of`]), for telling links to other sites.
    pub(super) site: Option<String>,
    /// How many elements carry each id.
    pub(super) id_counts: HashMap<String, usize>,
    /// Document position of every element.
    positions: HashMap<NodeId, usize>,
    /// Every element by tag name, in document order.
    pub(super) by_tag: HashMap<String, Vec<NodeId>>,
    /// Canonical URLs named by JSON-LD lists, when at least three are linked from the page.
    pub(super) jsonld_links: HashSet<Url>,
    /// What each item looked at holds.
    pub(super) feature_cache: HashMap<NodeId, ItemFeatures>,
    /// Context flags an element and its ancestors give their descendants.
    pub(super) inherited_cache: HashMap<NodeId, u16>,
    /// Context flags from headings near a parent, by parent and item tag.
    pub(super) heading_cache: HashMap<(NodeId, String), u16>,
}

impl<'a> PageIndex<'a> {
    pub(super) fn new(doc: &'a Html, page_url: &'a Url, ctx: DateContext) -> PageIndex<'a> {
        let base = crate::html::base_url(doc, page_url);
        let mut id_counts: HashMap<String, usize> = HashMap::new();
        let mut positions = HashMap::new();
        let mut by_tag: HashMap<String, Vec<NodeId>> = HashMap::new();
        for (position, node) in doc.tree.root().descendants().enumerate() {
            if let Some(el) = ElementRef::wrap(node) {
                positions.insert(node.id(), position);
                by_tag
                    .entry(el.value().name().to_string())
                    .or_default()
                    .push(node.id());
                if let Some(id) = el.value().id() {
                    *id_counts.entry(id.to_string()).or_default() += 1;
                }
            }
        }
        let mut page = PageIndex {
            doc,
            page_url,
            site: site_of(&base),
            base,
            ctx,
            id_counts,
            positions,
            by_tag,
            jsonld_links: HashSet::new(),
            feature_cache: HashMap::new(),
            inherited_cache: HashMap::new(),
            heading_cache: HashMap::new(),
        };
        page.jsonld_links = page.jsonld_list_links();
        page
    }

    /// The element's position in document order (nodes, not only elements, are counted).
    pub(super) fn position(&self, id: NodeId) -> usize {
        self.positions.get(&id).copied().unwrap_or(usize::MAX)
    }

    pub(super) fn element(&self, id: NodeId) -> Option<ElementRef<'a>> {
        self.doc.tree.get(id).and_then(ElementRef::wrap)
    }
}
