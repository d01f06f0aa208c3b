//! Lines of a body written with `<br>` instead of paragraphs. A line that would be left out
//! as a paragraph is left out as a line: a "read more" label with its links (`▶ 관련기사
//! <a>…</a><br>`), a note or a sign-off set over several nodes (`김태린 기자
//! <a>trkim@…</a>`).

use ego_tree::NodeRef;
use scraper::{ElementRef, Node};

use super::lines::is_boilerplate_line;
use super::stats::Stats;
use super::{notes, Body};
use crate::html::{breaks_words, holds_no_text, text_within};

/// The longest line read (characters): a label with two headlines, a wire's notice.
const MAX_LINE: usize = 300;

/// Elements that end a line as `<br>` does (blocks, rules): a line holding one is not read
/// as a line. A picture joins its words like inline markup here.
fn breaks_line(name: &str) -> bool {
    name != "img" && breaks_words(name)
}

/// Marks the `<br>` lines under the body's root that are not the article.
pub(super) fn leave_out_lines(stats: &Stats, body: &mut Body, root_i: usize) {
    for i in std::iter::once(root_i).chain(stats.subtree(root_i)) {
        let el = stats.nodes[i].el;
        if body.skip.contains(&el.id()) || !el.children().any(is_br) {
            continue;
        }
        let mut line: Vec<NodeRef<Node>> = Vec::new();
        for child in el.children() {
            let ends = child
                .value()
                .as_element()
                .is_some_and(|e| breaks_line(e.name()));
            if ends {
                mark_line(&line, body);
                line.clear();
            } else {
                line.push(child);
            }
        }
        mark_line(&line, body);
    }
}

fn is_br(node: NodeRef<Node>) -> bool {
    node.value().as_element().is_some_and(|e| e.name() == "br")
}

/// Leaves out the nodes of one line when the line is a "read more" line or a note.
fn mark_line(line: &[NodeRef<Node>], body: &mut Body) {
    // A line of one text is judged where the content is written (its fine print); a line
    // of one element, as a paragraph.
    if line.len() < 2 {
        return;
    }
    let mut text = String::new();
    let mut label = None;
    for node in line {
        match node.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(e) if holds_no_text(e.name()) => {}
            Node::Element(e) => {
                let Some(el) = ElementRef::wrap(*node) else {
                    continue;
                };
                if e.name() == "a" && label.is_none() {
                    label = Some(text.trim().to_string());
                }
                text.push_str(&text_within(el, MAX_LINE));
            }
            _ => {}
        }
        if text.len() > MAX_LINE * 4 {
            return;
        }
    }
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_LINE {
        return;
    }
    let read_more = label.is_some_and(|l| !l.is_empty() && is_boilerplate_line(&l));
    if read_more || notes::is_note(text) {
        body.skip.extend(line.iter().map(|n| n.id()));
    }
}

#[cfg(test)]
mod tests {
    use crate::article::body::content_of as content;

    #[test]
    fn read_more_lines_and_sign_offs_between_breaks_are_left_out() {
        let story = "시중은행의 정기예금 금리가 연 2%대 중반까지 내려오자 조금이라도 높은 금리를 찾는 예금자들이 저축은행으로 이동하고 있다.";
        let html = format!(
            r#"<html><body><h1>예금 금리</h1><div class="news_body">{story}<br><br>{story}<br><br>▶ 관련기사 <a href="/n/2">배터리 3사 가동률 60%대</a><br>▶ 관련기사 <a href="/n/3">공공임대 리모델링에 2조원</a><br><br>김태린 기자 <a href="mailto:trkim@x.kr">trkim@x.kr</a><br><br>Related: <a href="/n/4">Rates fall again</a></div></body></html>"#
        );
        let got = content(&html);
        assert_eq!(got.matches("시중은행의").count(), 2, "{got}");
        for gone in [
            "관련기사",
            "배터리",
            "김태린",
            "trkim",
            "Related",
            "Rates fall",
        ] {
            assert!(!got.contains(gone), "{gone}: {got}");
        }
        assert!(!got.ends_with("<br>"), "{got}");
    }
}
