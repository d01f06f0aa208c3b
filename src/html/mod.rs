//! What every reader of HTML shares: text as a reader sees it, URLs and `<base href>`, the
//! nesting guard, JSON-LD blocks and the one escaper. List extraction, article pages and
//! detection build on these; none of them holds page-specific logic.

pub mod depth;
pub mod escape;
pub mod hidden;
pub mod jsonld;
pub mod text;
pub mod urls;
pub mod walk;

pub use depth::{nesting_depth, MAX_NESTING};
pub use escape::{escape_attr, escape_into, escape_text};
pub use hidden::{
    hidden_in_walk, is_aria_hidden, is_hidden, is_out_of_sight, out_of_sight_in_walk,
    revealed_by_script, style_declarations,
};
pub use text::{
    all_text_within, breaks_words, collapse_ws, date_text_within, holds_no_text, invisible,
    non_empty, text_of, text_within, time_text, truncate, MAX_AUTHOR, MAX_SUMMARY, MAX_TITLE,
};
pub use urls::{
    base_url, canonical_url, image_source, image_src, is_image_url, is_placeholder_image, linkable,
    resolve_base, resolve_link,
};
pub use walk::{elements, holds_tag, in_code};
