//! The files that describe all feeds at once: `index.html` for people and `feeds.opml` for
//! importing every feed into a reader. Pure: they take summaries, return text.

use std::fmt::Write;

use chrono::{DateTime, FixedOffset};
use url::Url;

use crate::config::Format;

/// The index page's file name in the output folder.
pub const INDEX_FILE: &str = "index.html";
/// The OPML file's name in the output folder.
pub const OPML_FILE: &str = "feeds.opml";

/// Both files, named, with their text.
pub fn files(feeds: &[FeedSummary], base_url: Option<&Url>) -> [(&'static str, String); 2] {
    [
        (INDEX_FILE, index_html(feeds, base_url)),
        (OPML_FILE, opml(feeds, base_url)),
    ]
}

/// What the index and the OPML say about one feed.
#[derive(Debug, Clone)]
pub struct FeedSummary {
    pub id: String,
    pub title: String,
    pub page_url: Url,
    pub formats: Vec<Format>,
    pub items: usize,
    /// Every file of the feed exists: a feed never built (or forgotten) has nothing to link.
    pub built: bool,
    /// The newest item's time.
    pub updated: Option<DateTime<FixedOffset>>,
    /// The last error, while the feed is failing.
    pub failing: Option<String>,
}

/// Text for XML and HTML content and attribute values: characters XML cannot carry dropped,
/// markup and quotes escaped.
pub fn escape(text: &str) -> String {
    crate::html::escape_attr(&super::xml_safe(text))
}

/// A feed file's URL: under `base_url` when known, else relative to the folder.
fn file_url(base_url: Option<&Url>, id: &str, format: Format) -> String {
    let name = format!("{id}.{}", format.extension());
    base_url
        .and_then(|b| b.join(&name).ok())
        .map_or(name, String::from)
}

fn format_label(format: Format) -> &'static str {
    match format {
        Format::Rss => "RSS",
        Format::Atom => "Atom",
        Format::Json => "JSON Feed",
    }
}

/// OPML 2.0 with one outline per built feed (RSS when it has it), for import into any reader.
pub fn opml(feeds: &[FeedSummary], base_url: Option<&Url>) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    out.push_str("  <head>\n    <title>feedmill feeds</title>\n  </head>\n  <body>\n");
    for f in feeds.iter().filter(|f| f.built) {
        // The format most readers take: RSS, else Atom, else JSON Feed. OPML's `type="rss"`
        // marks a subscription, whatever the format.
        let Some(format) = [Format::Rss, Format::Atom, Format::Json]
            .into_iter()
            .find(|f2| f.formats.contains(f2))
        else {
            continue;
        };
        let _ = writeln!(
            out,
            "    <outline type=\"rss\" text=\"{t}\" title=\"{t}\" xmlUrl=\"{x}\" htmlUrl=\"{h}\"/>",
            t = escape(&f.title),
            x = escape(&file_url(base_url, &f.id, format)),
            h = escape(f.page_url.as_str()),
        );
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// A plain page listing every feed with links to each format, its item count, its newest
/// item's time, and a warning while it is failing.
pub fn index_html(feeds: &[FeedSummary], base_url: Option<&Url>) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>feedmill feeds</title>\n<link rel=\"alternate\" type=\"text/x-opml\" href=\"feeds.opml\" title=\"All feeds (OPML)\">\n\
         <style>body{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em;line-height:1.5}\
         li{margin:.8em 0}.meta{color:#555;font-size:.9em}.failing{color:#a00}</style>\n</head>\n<body>\n\
         <h1>feedmill feeds</h1>\n<p>Subscribe to a feed below, or import <a href=\"feeds.opml\">all of them (OPML)</a> into your reader.</p>\n<ul>\n",
    );
    for f in feeds {
        let _ = write!(out, "<li><strong>{}</strong> <span class=\"meta\">(<a href=\"{}\">source page</a>)</span><br>", escape(&f.title), escape(f.page_url.as_str()));
        if !f.built {
            out.push_str("\n<span class=\"meta\">not built yet</span></li>\n");
            continue;
        }
        let links: Vec<String> = f
            .formats
            .iter()
            .map(|&fmt| {
                format!(
                    "<a href=\"{}\">{}</a>",
                    escape(&file_url(base_url, &f.id, fmt)),
                    format_label(fmt)
                )
            })
            .collect();
        let updated = f.updated.map_or_else(
            || "no items yet".to_string(),
            |t| format!("newest item {}", t.format("%Y-%m-%d %H:%M %:z")),
        );
        let _ = write!(
            out,
            "\n{} <span class=\"meta\">· {} items · {updated}</span>",
            links.join(" · "),
            f.items
        );
        if let Some(err) = &f.failing {
            let _ = write!(
                out,
                "<br>\n<span class=\"failing\">⚠ failing: {}</span>",
                escape(err)
            );
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n<p class=\"meta\">Made by feedmill.</p>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> FeedSummary {
        FeedSummary {
            id: "np-global".into(),
            title: "뉴스핌 <글로벌> & \"국제\"".into(),
            page_url: Url::parse("https://www.newspim.com/news/lists/?category_cd=107&x=1")
                .unwrap(),
            formats: vec![Format::Atom, Format::Rss],
            items: 3,
            built: true,
            updated: Some(DateTime::parse_from_rfc3339("2026-02-10T19:32:00+09:00").unwrap()),
            failing: Some("fetch failed: <timed out>".into()),
        }
    }

    #[test]
    fn opml_outlines_are_escaped_and_absolute() {
        let base = Url::parse("https://feeds.example.org/k/").unwrap();
        let text = opml(&[summary()], Some(&base));
        // RSS is preferred for the outline, whatever the order of formats.
        assert!(
            text.contains("type=\"rss\" text=")
                && text.contains("xmlUrl=\"https://feeds.example.org/k/np-global.rss\""),
            "{text}"
        );
        assert!(
            text.contains("text=\"뉴스핌 &lt;글로벌&gt; &amp; &quot;국제&quot;\""),
            "{text}"
        );
        assert!(text
            .contains("htmlUrl=\"https://www.newspim.com/news/lists/?category_cd=107&amp;x=1\""));
        assert!(opml(&[summary()], None).contains("xmlUrl=\"np-global.rss\""));
    }

    #[test]
    fn json_only_and_unbuilt_feeds() {
        let json_only = FeedSummary {
            id: "np-json".into(),
            formats: vec![Format::Json],
            ..summary()
        };
        let unbuilt = FeedSummary {
            id: "np-new".into(),
            built: false,
            ..summary()
        };
        let feeds = [json_only, unbuilt];
        let text = opml(&feeds, None);
        assert!(
            text.contains("type=\"rss\" text=") && text.contains("xmlUrl=\"np-json.json\""),
            "{text}"
        );
        assert!(
            !text.contains("np-new"),
            "an unbuilt feed has no file to import: {text}"
        );
        let index = index_html(&feeds, None);
        assert!(
            index.contains("<a href=\"np-json.json\">JSON Feed</a>"),
            "{index}"
        );
        assert!(!index.contains("np-new."), "{index}");
        assert!(index.contains("not built yet"), "{index}");
    }

    #[test]
    fn index_lists_formats_counts_and_failures() {
        let text = index_html(&[summary()], None);
        assert!(
            text.contains(
                "<a href=\"np-global.atom\">Atom</a> · <a href=\"np-global.rss\">RSS</a>"
            ),
            "{text}"
        );
        assert!(text.contains("3 items"));
        assert!(text.contains("newest item 2026-02-10 19:32 +09:00"));
        assert!(text.contains("failing: fetch failed: &lt;timed out&gt;"));
    }
}
