//! Tag-name tables: which elements the HTML parser treats by rules of their own (void
//! elements, optional end tags, implicit closes, formatting elements, elements it moves), so
//! the scan knows where a stream's view of the tags and the parser's tree may part.
//!
//! Names are lower case; the walk leaves upper-case names to the parser.

/// Formatting elements: left open, the parser copies them into whatever follows.
pub(super) const FORMATTING: [&[u8]; 14] = [
    b"a", b"b", b"big", b"code", b"em", b"font", b"i", b"nobr", b"s", b"small", b"strike",
    b"strong", b"tt", b"u",
];
/// Elements whose insides the parser reads by other rules.
pub(super) const SPECIAL: [&[u8]; 6] = [
    b"svg",
    b"math",
    b"select",
    b"template",
    b"noscript",
    b"object",
];

/// Elements that never have content. `name` in lower case.
pub(crate) fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"keygen"
            | b"frame"
    )
}

/// Elements whose end tag may be left out: a parent's end tag closes them quietly.
pub(crate) fn optional_end(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"optgroup"
            | b"tr"
            | b"td"
            | b"th"
            | b"tbody"
            | b"thead"
            | b"tfoot"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"colgroup"
            | b"caption"
    )
}

/// Start tags that close an open `<p>`.
pub(super) fn closes_p(name: &[u8]) -> bool {
    matches!(
        name,
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"center"
            | b"details"
            | b"dialog"
            | b"dir"
            | b"div"
            | b"dl"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"p"
            | b"pre"
            | b"section"
            | b"summary"
            | b"table"
            | b"ul"
            | b"li"
            | b"dd"
            | b"dt"
            | b"xmp"
            | b"listing"
            | b"plaintext"
    )
}

/// Elements that a start tag of the same name closes.
pub(super) fn closed_by_same(tag: &str) -> bool {
    matches!(
        tag,
        "li" | "a"
            | "dt"
            | "dd"
            | "option"
            | "button"
            | "nobr"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

/// Elements whose place in the document the HTML parser decides by rules a stream cannot
/// follow (ignored outside their parent, foster-parented, or raw text).
pub(super) fn parser_may_move(tag: &str) -> bool {
    matches!(
        tag,
        "tr" | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
            | "col"
            | "colgroup"
            | "table"
            | "option"
            | "optgroup"
            | "select"
            | "form"
            | "html"
            | "head"
            | "body"
            | "frameset"
            | "frame"
            | "template"
            | "noscript"
            | "svg"
            | "math"
            | "iframe"
            | "textarea"
            | "title"
            | "script"
            | "style"
            | "xmp"
            | "noembed"
            | "noframes"
            | "plaintext"
            | "image"
            | "isindex"
    )
}
