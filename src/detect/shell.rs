//! Telling an empty JavaScript shell: a page whose list is built in the browser, so that
//! what arrives over HTTP is a root element, scripts, and next to no text.
//!
//! Such a page gives no items however its selectors are written; the fix is to render it
//! (`render = "browser"`) or to read the JSON its scripts load. Pure: HTML in, a verdict out.

use scraper::{ElementRef, Html, Node};

/// Pages with more visible text than this are not shells (a "enable JavaScript" notice and a
/// footer fit well under it).
const MAX_TEXT: usize = 300;

/// A shell has at most this many elements in its body (scripts aside).
const MAX_ELEMENTS: usize = 40;

/// Elements that show nothing: not counted as content or text.
const SILENT: &[&str] = &["script", "style", "noscript", "template", "link", "meta"];

/// What makes `html` look like a JavaScript shell (to say in a hint), or `None` when it does
/// not: little text, one or two elements in its body, and at least one script.
pub fn js_shell(html: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let scripts = doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "script")
        .count();
    if scripts == 0 {
        return None;
    }
    let body = doc
        .root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")?;
    let mut text = 0usize;
    let mut elements = 0usize;
    let mut stack: Vec<ego_tree::NodeRef<'_, Node>> = body.children().collect();
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                text += t
                    .split_whitespace()
                    .map(|w| w.chars().count() + 1)
                    .sum::<usize>();
                if text > MAX_TEXT {
                    return None;
                }
            }
            Node::Element(e) if !SILENT.contains(&e.name()) => {
                elements += 1;
                if elements > MAX_ELEMENTS {
                    return None;
                }
                stack.extend(node.children());
            }
            _ => {}
        }
    }
    let roots: Vec<ElementRef<'_>> = body
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|e| !SILENT.contains(&e.value().name()))
        .collect();
    if roots.len() > 2 {
        return None;
    }
    let root = match roots.first() {
        Some(r) => {
            let id = r
                .value()
                .id()
                .map(|id| format!(" id=\"{id}\""))
                .unwrap_or_default();
            format!("a lone <{}{id}>", r.value().name())
        }
        None => "an empty body".to_string(),
    };
    Some(format!(
        "{root}, {text} characters of text and {scripts} script{}",
        if scripts == 1 { "" } else { "s" }
    ))
}

#[cfg(test)]
mod tests {
    use super::js_shell;

    #[test]
    fn shells_are_told() {
        let react = r#"<!doctype html><html lang="ko"><head><meta charset="utf-8">
            <title>뉴스 | 정치</title><script defer src="/static/js/main.4f2a.js"></script>
            <link rel="stylesheet" href="/static/css/main.css"></head>
            <body><noscript>이 사이트를 보려면 자바스크립트를 켜 주세요.</noscript>
            <div id="root"></div><script src="/static/js/vendor.js"></script></body></html>"#;
        let what = js_shell(react).expect("a shell");
        assert!(what.contains("<div id=\"root\">"), "{what}");
        assert!(what.contains("2 scripts"), "{what}");

        let next = r#"<html><body><div id="__next"><div class="loading">로딩 중…</div></div>
            <script id="__NEXT_DATA__" type="application/json">{"props":{}}</script>
            <script src="/_next/static/chunks/main.js"></script></body></html>"#;
        assert!(js_shell(next).is_some());
    }

    #[test]
    fn pages_with_content_are_not_shells() {
        let mut list = String::from("<html><body><ul class=\"news\">");
        for n in 0..20 {
            list.push_str(&format!(
                "<li><a href=\"/a/{n}\">국회 예산안 처리 {n}번째 소식</a><span>2026.11.30 09:{n:02}</span></li>"
            ));
        }
        list.push_str("</ul><script src=\"/ad.js\"></script></body></html>");
        assert_eq!(js_shell(&list), None);
        // No script: nothing will build it.
        assert_eq!(
            js_shell("<html><body><div id=root></div></body></html>"),
            None
        );
        // Many elements, little text (an image gallery) is not a shell either.
        let mut gallery = String::from("<html><body><main>");
        for n in 0..50 {
            gallery.push_str(&format!("<figure><img src=\"/p/{n}.jpg\"></figure>"));
        }
        gallery.push_str("</main><script></script></body></html>");
        assert_eq!(js_shell(&gallery), None);
    }
}
