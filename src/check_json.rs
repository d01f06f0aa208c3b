//! `check --json` and `status --json`: the same facts as the tables, for scripts and
//! monitoring. Field names are part of the interface (README.md, "JSON output"): add fields,
//! never rename or drop one. Times are RFC 3339 in the config's zone; a missing value is null.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};

use crate::article::{DateCandidate, DateKind, DateReport};
use crate::enrich::ArticlePreview;
use crate::extract::ListItem;
use crate::store::FeedHealth;

/// Version of the JSON layout; raised only if a field ever has to change meaning.
pub const JSON_VERSION: u32 = 1;

fn time(t: Option<DateTime<Utc>>, zone: Tz) -> Value {
    t.map_or(Value::Null, |t| {
        Value::String(t.with_timezone(&zone).to_rfc3339())
    })
}

/// What `check <id> --json` prints: the list's items, warnings and notes, and what the first
/// article pages would add.
pub fn check_json(
    feed: &str,
    items: &[ListItem],
    warnings: &[String],
    notes: &[String],
    articles: &[(url::Url, Result<ArticlePreview, String>)],
    zone: Tz,
) -> Value {
    let items: Vec<Value> = items
        .iter()
        .map(|i| {
            json!({
                "link": i.link.as_str(),
                "title": i.title,
                "summary": i.summary,
                "author": i.author,
                "image": i.image.as_ref().map(|u| u.as_str()),
                "published": time(i.date.map(|s| s.instant.with_timezone(&Utc)), zone),
                "updated": time(i.updated.map(|s| s.instant.with_timezone(&Utc)), zone),
                "date_text": i.date_text,
                "date_problem": i.date_problem,
            })
        })
        .collect();
    let articles: Vec<Value> = articles
        .iter()
        .map(|(link, result)| match result {
            Err(e) => json!({ "link": link.as_str(), "ok": false, "error": e }),
            Ok(p) => {
                let u = &p.update;
                json!({
                    "link": link.as_str(),
                    "ok": true,
                    "error": null,
                    "published": time(u.published, zone),
                    "updated": time(u.updated, zone),
                    "title": u.title,
                    "summary": u.summary,
                    "author": u.author,
                    "image": u.image,
                    "content": u.content.is_some(),
                    "sources": u.sources,
                    "dates": dates_json(&p.dates, zone),
                })
            }
        })
        .collect();
    json!({
        "version": JSON_VERSION,
        "feed": feed,
        "items": items,
        "warnings": warnings,
        "notes": notes,
        "articles": articles,
    })
}

/// The date finder's candidates of one article page, winners first: each `kind`
/// (`published`, `updated`), `time`, `source`, `detail`, `place`, `score` and whether it `won`.
fn dates_json(report: &DateReport, zone: Tz) -> Value {
    let one = |c: &DateCandidate, won: bool| {
        json!({
            "kind": match c.kind {
                DateKind::Published => "published",
                DateKind::Updated => "updated",
            },
            "time": c.stamp.instant.with_timezone(&zone).to_rfc3339(),
            "source": c.source.as_str(),
            "detail": c.detail,
            "place": c.place,
            "score": c.score,
            "won": won,
        })
    };
    let mut out = Vec::new();
    for kind in [DateKind::Published, DateKind::Updated] {
        out.extend(report.winner(kind).map(|c| one(c, true)));
        out.extend(report.runners_up(kind, 3).map(|c| one(c, false)));
    }
    Value::Array(out)
}

/// What `status --json` prints: each configured feed (and each stored one no longer
/// configured) with its health.
pub fn status_json(
    configured: &[&str],
    health: &[FeedHealth],
    zone: Tz,
    now: DateTime<Utc>,
) -> Value {
    let row = |id: &str, h: Option<&FeedHealth>, in_config: bool| {
        let state = match h {
            None => "never built",
            Some(h) if h.consecutive_failures == 0 => "ok",
            Some(_) => "failing",
        };
        json!({
            "feed": id,
            "in_config": in_config,
            "state": state,
            "consecutive_failures": h.map_or(0, |h| h.consecutive_failures),
            "items": h.map(|h| h.item_count),
            "last_success": time(h.and_then(|h| h.last_success), zone),
            "last_attempt": time(h.and_then(|h| h.last_attempt), zone),
            "next_attempt": time(h.and_then(|h| h.next_attempt), zone),
            "last_error": h.and_then(|h| h.last_error.clone()),
            "built_by": h.and_then(|h| h.built_by.clone()),
        })
    };
    let mut feeds: Vec<Value> = configured
        .iter()
        .map(|id| row(id, health.iter().find(|h| h.feed == *id), true))
        .collect();
    feeds.extend(
        health
            .iter()
            .filter(|h| !configured.contains(&h.feed.as_str()))
            .map(|h| row(&h.feed, Some(h), false)),
    );
    json!({
        "version": JSON_VERSION,
        "now": time(Some(now), zone),
        "feeds": feeds,
    })
}
