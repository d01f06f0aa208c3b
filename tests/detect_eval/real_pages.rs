//! The real front pages (`tests/fixtures/real/`), measured against each site's article-URL
//! regex.

use super::*;

/// The size of the page's largest list of article links: for every element, its children of
/// one tag name that each hold one or two distinct links matching `re` (at least three such
/// children), counting the distinct matching links in them.
fn reference_list(html: &str, url: &Url, re: &Regex) -> usize {
    let doc = Html::parse_document(html);
    let a = Selector::parse("a[href]").unwrap();
    let mut best = 0;
    for parent in doc.root_element().descendent_elements() {
        let mut by_tag: Vec<(&str, HashSet<String>, usize)> = Vec::new();
        for child in parent.child_elements() {
            let name = child.value().name();
            let links: HashSet<String> = std::iter::once(child)
                .filter(|c| c.value().name() == "a")
                .chain(child.select(&a))
                .filter_map(|x: ElementRef| url.join(x.value().attr("href")?.trim()).ok())
                .map(|u| canonical_url(u).to_string())
                .filter(|u| re.is_match(u))
                .collect();
            // an item holds one article (two at most: a photo and a headline can differ);
            // a child holding more is a box of lists, not an item
            if links.is_empty() || links.len() > 2 {
                continue;
            }
            match by_tag.iter_mut().find(|(t, _, _)| *t == name) {
                Some((_, set, n)) => {
                    set.extend(links);
                    *n += 1;
                }
                None => by_tag.push((name, links, 1)),
            }
        }
        for (_, set, items) in by_tag {
            if items >= 3 {
                best = best.max(set.len());
            }
        }
    }
    best
}

pub(crate) fn real_page(name: &str) -> Score {
    let html = std::fs::read_to_string(real().join(format!("{name}.html"))).unwrap();
    let re = std::fs::read_to_string(real().join(format!("{name}.regex"))).unwrap();
    let re = Regex::new(re.trim()).unwrap();
    let url = Url::parse(&format!("http://www.{name}/")).unwrap();
    let started = Instant::now();
    let found = detect(&html, &url, ctx());
    let took = started.elapsed();
    for (i, c) in found.iter().take(3).enumerate() {
        println!("{name} #{i}: {}", show(c));
    }
    let (_, items) = best_of(&found, &html, &url);
    let matching: HashSet<&str> = items
        .iter()
        .map(|i| i.link.as_str())
        .filter(|l| re.is_match(l))
        .collect();
    let reference = reference_list(&html, &url, &re);
    let precision = if items.is_empty() {
        0.0
    } else {
        items
            .iter()
            .filter(|i| re.is_match(i.link.as_str()))
            .count() as f64
            / items.len() as f64
    };
    let recall = (matching.len() as f64 / reference.max(1) as f64).min(1.0);
    for miss in items
        .iter()
        .filter(|i| !re.is_match(i.link.as_str()))
        .take(5)
    {
        println!(
            "{name}: not an article link: {} {:?}",
            miss.link, miss.title
        );
    }
    println!(
        "{name}: {} items, {} matching, reference list {reference}, detect took {took:?}",
        items.len(),
        matching.len()
    );
    Score {
        page: name.to_string(),
        items: items.len(),
        precision,
        recall,
    }
}
