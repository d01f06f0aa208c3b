//! `feedmill check`: what a feed's selectors find, laid out for a person writing them.

use std::fmt::Write;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::extract::ListItem;
use crate::store::FeedHealth;

/// How many runners-up `check` shows for each of the published and updated times.
const RUNNERS_UP: usize = 3;

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
        if let Some(updated) = &item.updated {
            let _ = writeln!(
                out,
                "     updated: {}",
                updated
                    .instant
                    .with_timezone(&zone)
                    .format("%Y-%m-%d %H:%M:%S %:z")
            );
        }
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

/// The `feedmill status` table: one row per feed, configured feeds first (in id order), then
/// feeds that have state but are no longer configured.
pub fn format_status(
    configured: &[&str],
    health: &[FeedHealth],
    zone: Tz,
    now: DateTime<Utc>,
) -> String {
    // With PostgreSQL each feed records the instance that last built it; a column for it
    // only then, so a single machine's table stays as it was.
    let fleet = health.iter().any(|h| h.built_by.is_some());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let when = |t: Option<DateTime<Utc>>| {
        t.map_or("never".to_string(), |t| {
            t.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string()
        })
    };
    let row = |id: &str, h: Option<&FeedHealth>| -> Vec<String> {
        let state = match h {
            None => "never built".to_string(),
            Some(h) if h.consecutive_failures == 0 => "ok".to_string(),
            Some(h) => format!("failing x{}", h.consecutive_failures),
        };
        let mut r = vec![
            id.to_string(),
            state,
            h.map_or("-".into(), |h| h.item_count.to_string()),
            when(h.and_then(|h| h.last_success)),
            when(h.and_then(|h| h.last_attempt)),
        ];
        if fleet {
            r.push(h.and_then(|h| h.built_by.clone()).unwrap_or("-".into()));
        }
        r.push(h.and_then(|h| h.last_error.clone()).unwrap_or_default());
        r
    };
    for id in configured {
        rows.push(row(id, health.iter().find(|h| h.feed == *id)));
    }
    for h in health
        .iter()
        .filter(|h| !configured.contains(&h.feed.as_str()))
    {
        let mut r = row(&h.feed, Some(h));
        r[1].push_str(" (not in config)");
        rows.push(r);
    }
    let mut header = vec!["feed", "state", "items", "last success", "last attempt"];
    if fleet {
        header.push("built by");
    }
    header.push("last error");
    // Every column but the last (the error, free text) is padded to its widest cell.
    let padded = header.len() - 1;
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r.iter()).take(padded) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[&str]| {
        let mut l = String::new();
        for (i, cell) in cells.iter().enumerate() {
            l.push_str(cell);
            if i < padded {
                let pad = widths[i].saturating_sub(cell.chars().count());
                l.push_str(&" ".repeat(pad + 2));
            }
        }
        let _ = writeln!(out, "{}", l.trim_end());
    };
    line(&header);
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        line(&cells);
    }
    let _ = writeln!(
        out,
        "(times in {zone}; now {})",
        now.with_timezone(&zone).format("%Y-%m-%d %H:%M")
    );
    out
}

/// What each article page would add to its item, with where every field came from.
pub fn format_article_previews(
    previews: &[(url::Url, Result<crate::enrich::ArticlePreview, String>)],
    zone: Tz,
) -> String {
    let mut out = String::new();
    if previews.is_empty() {
        return out;
    }
    let _ = writeln!(out, "\narticle pages (first {}):", previews.len());
    let when = |t: DateTime<Utc>| {
        t.with_timezone(&zone)
            .format("%Y-%m-%d %H:%M:%S %:z")
            .to_string()
    };
    for (link, result) in previews {
        let _ = writeln!(out, "\n  {link}");
        match result {
            Err(e) => {
                let _ = writeln!(out, "     failed:    {e} (the item keeps its list values)");
            }
            Ok(preview) => {
                let u = &preview.update;
                if let Some(t) = u.published {
                    let _ = writeln!(out, "     published: {}", when(t));
                }
                if let Some(t) = u.updated {
                    let _ = writeln!(out, "     updated:   {}", when(t));
                }
                if let Some(t) = &u.title {
                    let _ = writeln!(out, "     title:     {t}");
                }
                if let Some(s) = &u.summary {
                    let start: String = s.chars().take(SUMMARY_CHARS).collect();
                    let _ = writeln!(out, "     summary:   {start}");
                }
                if let Some(a) = &u.author {
                    let _ = writeln!(out, "     author:    {a}");
                }
                if let Some(i) = &u.image {
                    let _ = writeln!(out, "     image:     {i}");
                }
                if u.content.is_some() {
                    let _ = writeln!(out, "     content:   yes");
                }
                let _ = writeln!(out, "     from:      {}", u.sources);
                format_dates(&mut out, &preview.dates, zone);
            }
        }
    }
    out
}

/// The headers a feed's requests carry beyond feedmill's own (`[feeds.<id>.request]`), secrets
/// masked, and where the credentials among them go. Empty when the feed sets none.
pub fn format_request(request: &crate::config::Request, default_user_agent: &str) -> String {
    let mut out = String::new();
    if request.headers.is_empty() {
        return out;
    }
    let _ = writeln!(out, "request headers sent:");
    if !request
        .headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case("user-agent"))
    {
        let _ = writeln!(out, "  User-Agent: {default_user_agent}");
    }
    for h in &request.headers {
        let _ = writeln!(out, "  {}: {}", h.name, h.shown);
    }
    let credentials = request.credential_names();
    if !credentials.is_empty() {
        let mut hosts: Vec<String> = request
            .home
            .iter()
            .filter_map(|u| {
                u.host_str()
                    .map(|h| u.port().map_or(h.to_string(), |p| format!("{h}:{p}")))
            })
            .collect();
        hosts.dedup();
        let _ = writeln!(
            out,
            "  ({} sent to {} only, never after a redirect to another host)",
            credentials.join(", "),
            hosts.join(", ")
        );
    }
    let _ = writeln!(out);
    out
}

/// The date finder's choice on one article page: the winning candidate of each kind with its
/// source, place and score, and the best few that lost.
fn format_dates(out: &mut String, report: &crate::article::DateReport, zone: Tz) {
    use crate::article::{DateCandidate, DateKind};
    let line = |c: &DateCandidate| {
        let when = c
            .stamp
            .instant
            .with_timezone(&zone)
            .format("%Y-%m-%d %H:%M");
        let place = if c.place.is_empty() {
            String::new()
        } else {
            format!(", {}", c.place)
        };
        format!("{when}  {} (score {}{place})", c.detail, c.score)
    };
    for (kind, name) in [
        (DateKind::Published, "published"),
        (DateKind::Updated, "updated"),
    ] {
        let winner = report.winner(kind);
        let others: Vec<&DateCandidate> = report.runners_up(kind, RUNNERS_UP).collect();
        if winner.is_none() && others.is_empty() {
            continue;
        }
        match winner {
            Some(c) => {
                let _ = writeln!(out, "     {name:<10} won: {}", line(c));
            }
            None => {
                let _ = writeln!(
                    out,
                    "     {name:<10} none scored {}",
                    crate::article::MIN_SCORE
                );
            }
        }
        for c in others {
            let _ = writeln!(out, "                lost: {}", line(c));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn health(feed: &str, built_by: Option<&str>) -> FeedHealth {
        let at = DateTime::parse_from_rfc3339("2026-02-11T09:00:00+09:00")
            .unwrap()
            .with_timezone(&Utc);
        FeedHealth {
            feed: feed.into(),
            last_attempt: Some(at),
            last_success: Some(at),
            last_error: None,
            consecutive_failures: 0,
            item_count: 12,
            next_attempt: None,
            built_by: built_by.map(str::to_string),
        }
    }

    #[test]
    fn status_shows_who_built_each_feed_when_known() {
        let zone = chrono_tz::Asia::Seoul;
        let now = Utc::now();
        let single = format_status(&["a", "b"], &[health("a", None)], zone, now);
        assert!(!single.contains("built by"), "{single}");
        assert!(single.starts_with("feed  state        items  last success "));

        let fleet = format_status(
            &["a", "b"],
            &[health("a", Some("host-1")), health("b", None)],
            zone,
            now,
        );
        let lines: Vec<&str> = fleet.lines().collect();
        assert!(
            lines[0].contains("last attempt      built by  last error"),
            "{fleet}"
        );
        assert!(lines[1].contains("2026-02-11 09:00  host-1"), "{fleet}");
        assert!(lines[2].ends_with("2026-02-11 09:00  -"), "{fleet}");
        let json =
            crate::check_json::status_json(&["a"], &[health("a", Some("host-1"))], zone, now);
        assert_eq!(json["feeds"][0]["built_by"], "host-1");
    }
}
