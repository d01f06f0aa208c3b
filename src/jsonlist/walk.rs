//! Following a [`JsonPath`] into a value, and saying where it stopped when it does not lead
//! anywhere. A path has no wildcards, so a walk costs at most one step per segment.

use std::fmt;

use serde_json::Value;

use crate::config::{JsonPath, Segment};

/// How many keys a "the keys there are" list names.
const KEYS_SHOWN: usize = 20;

/// Where a path stopped, and what was there instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// The part of the path that did lead somewhere (`.` for the value itself).
    pub reached: JsonPath,
    pub why: MissKind,
}

/// What the value at [`Miss::reached`] was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MissKind {
    /// An object without the key; its keys (the first [`KEYS_SHOWN`], sorted).
    NoKey {
        key: String,
        keys: Vec<String>,
        more: usize,
    },
    /// An array too short for the index.
    NoIndex { index: usize, len: usize },
    /// A key was asked of something that is not an object.
    NotObject { key: String, kind: &'static str },
    /// An index was asked of something that is not an array.
    NotArray { index: usize, kind: &'static str },
}

impl fmt::Display for Miss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.reached.is_root() {
            "the top level".to_string()
        } else {
            format!("`{}`", self.reached)
        };
        match &self.why {
            MissKind::NoKey { key, keys, more } if keys.is_empty() && *more == 0 => {
                write!(f, "no key `{key}` at {at}, which is an empty object")
            }
            MissKind::NoKey { key, keys, more } => {
                let list = keys
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let more = if *more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                write!(f, "no key `{key}` at {at}; the keys there are {list}{more}")
            }
            MissKind::NoIndex { index, len } => {
                write!(f, "{at} holds {len} elements, so there is no [{index}]")
            }
            MissKind::NotObject { key, kind } => {
                write!(f, "{at} is {kind}, not an object, so it has no key `{key}`")
            }
            MissKind::NotArray { index, kind } => {
                write!(f, "{at} is {kind}, not an array, so it has no [{index}]")
            }
        }
    }
}

/// What a value is, for messages: "an object", "a string"…
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The value at `path` in `root`, or where and why the path led nowhere. A `null` on the way
/// gives `null`: `"thumbnail": null` is an item without a thumbnail, not a wrong path.
pub fn walk<'v>(root: &'v Value, path: &JsonPath) -> Result<&'v Value, Miss> {
    let mut here = root;
    for (n, seg) in path.segments.iter().enumerate() {
        if here.is_null() {
            return Ok(here);
        }
        let miss = |why| Miss {
            reached: path.prefix(n),
            why,
        };
        here = match (seg, here) {
            (Segment::Key(key), Value::Object(map)) => match map.get(key) {
                Some(v) => v,
                None => {
                    let keys: Vec<String> = map.keys().take(KEYS_SHOWN).cloned().collect();
                    let more = map.len().saturating_sub(keys.len());
                    return Err(miss(MissKind::NoKey {
                        key: key.clone(),
                        keys,
                        more,
                    }));
                }
            },
            (Segment::Key(key), other) => {
                return Err(miss(MissKind::NotObject {
                    key: key.clone(),
                    kind: kind(other),
                }))
            }
            (Segment::Index(i), Value::Array(list)) => match list.get(*i) {
                Some(v) => v,
                None => {
                    return Err(miss(MissKind::NoIndex {
                        index: *i,
                        len: list.len(),
                    }))
                }
            },
            (Segment::Index(i), other) => {
                return Err(miss(MissKind::NotArray {
                    index: *i,
                    kind: kind(other),
                }))
            }
        };
    }
    Ok(here)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> JsonPath {
        JsonPath::parse(s).unwrap()
    }

    #[test]
    fn walks_keys_and_indexes() {
        let v: Value = serde_json::json!({
            "data": {"list": [{"url": "/a/1"}, {"url": "/a/2", "img": {"src": "x.jpg"}}], "none": null},
            "og.title": "t"
        });
        let cases = [
            (".", v.clone()),
            ("data.list[0].url", serde_json::json!("/a/1")),
            ("data.list[1].img.src", serde_json::json!("x.jpg")),
            ("[\"og.title\"]", serde_json::json!("t")),
            ("data.none.url", Value::Null),
        ];
        for (path, want) in cases {
            assert_eq!(walk(&v, &p(path)), Ok(&want), "{path}");
        }
    }

    #[test]
    fn misses_name_the_place_and_what_is_there() {
        let v: Value = serde_json::json!({
            "props": {"pageProps": {"posts": [], "page": 1, "total": 40}},
            "empty": {},
            "list": [1, 2]
        });
        let cases = [
            (
                "props.pageProps.articles",
                "no key `articles` at `props.pageProps`; the keys there are `page`, `posts`, `total`",
            ),
            (
                "prop.pageProps",
                "no key `prop` at the top level; the keys there are `empty`, `list`, `props`",
            ),
            ("empty.x", "no key `x` at `empty`, which is an empty object"),
            ("list[5]", "`list` holds 2 elements, so there is no [5]"),
            (
                "list[0].url",
                "`list[0]` is a number, not an object, so it has no key `url`",
            ),
            (
                "props[0]",
                "`props` is an object, not an array, so it has no [0]",
            ),
        ];
        for (path, want) in cases {
            let miss = walk(&v, &p(path)).expect_err(path);
            assert_eq!(miss.to_string(), want, "{path}");
        }
    }

    #[test]
    fn long_key_lists_are_cut() {
        let map: serde_json::Map<String, Value> =
            (0..50).map(|i| (format!("k{i:02}"), Value::Null)).collect();
        let v = Value::Object(map);
        let text = walk(&v, &p("nope")).unwrap_err().to_string();
        assert!(text.ends_with("`k19` and 30 more"), "{text}");
    }
}
