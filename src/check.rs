//! `feedmill check`: what a feed's selectors find, laid out for a person writing them.

use std::fmt::Write;

use chrono_tz::Tz;

use crate::extract::ListItem;

/// How much of a summary the listing shows.
const SUMMARY_CHARS: usize = 60;

/// Lists `items` one record each (time as read and as understood, title, link, summary start),
/// then the warnings.
pub fn format_items(items: &[ListItem], warnings: &[String], zone: Tz) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} items (times in {zone})", items.len());
    for (n, item) in items.iter().enumerate() {
        let time = match (&item.date, &item.date_problem) {
            (Some(stamp), _) => stamp
                .instant
                .with_timezone(&zone)
                .format("%Y-%m-%d %H:%M:%S %:z")
                .to_string(),
            (None, Some(problem)) => format!("no date ({problem})"),
            (None, None) => "no date (the fetch time is used)".to_string(),
        };
        let raw = item
            .date_text
            .as_deref()
            .map(|t| format!("  \u{2190} \"{t}\""))
            .unwrap_or_default();
        let _ = writeln!(out, "\n{:>3}. {time}{raw}", n + 1);
        let _ = writeln!(
            out,
            "     title:   {}",
            item.title.as_deref().unwrap_or("(none)")
        );
        let _ = writeln!(out, "     link:    {}", item.link);
        if let Some(summary) = &item.summary {
            let mut start: String = summary.chars().take(SUMMARY_CHARS).collect();
            if summary.chars().count() > SUMMARY_CHARS {
                start.push('\u{2026}');
            }
            let _ = writeln!(out, "     summary: {start}");
        }
        if let Some(author) = &item.author {
            let _ = writeln!(out, "     author:  {author}");
        }
        if let Some(image) = &item.image {
            let _ = writeln!(out, "     image:   {image}");
        }
    }
    if !warnings.is_empty() {
        let _ = writeln!(out, "\nwarnings:");
        for w in warnings {
            let _ = writeln!(out, "  - {w}");
        }
    }
    out
}
