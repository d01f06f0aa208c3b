//! `${NAME}` in a request value: filled in from the environment, and masked for `check`.

/// A value with its `${VAR}`s filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::config) struct Expanded {
    pub(in crate::config) value: String,
    /// The value with each variable's part as `****`.
    pub(super) shown: String,
    pub(super) from_env: bool,
}

/// Why a value's variables could not be filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ExpandError {
    Unset(String),
    Empty(String),
    /// `${` without a closing `}`, or a name that is not one.
    Malformed,
}

/// Fills in `${NAME}` from `env` (`$${` is a literal `${`). NAME is letters, digits and `_`.
pub(super) fn expand(
    text: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Expanded, ExpandError> {
    let mut out = Expanded {
        value: String::with_capacity(text.len()),
        shown: String::with_capacity(text.len()),
        from_env: false,
    };
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        let (before, from) = rest.split_at(at);
        out.value.push_str(before);
        out.shown.push_str(before);
        if let Some(after) = from.strip_prefix("$${") {
            out.value.push_str("${");
            out.shown.push_str("${");
            rest = after;
        } else if let Some(after) = from.strip_prefix("${") {
            let end = after.find('}').ok_or(ExpandError::Malformed)?;
            let name = &after[..end];
            let valid = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(ExpandError::Malformed);
            }
            let value = env(name).ok_or_else(|| ExpandError::Unset(name.to_string()))?;
            if value.is_empty() {
                return Err(ExpandError::Empty(name.to_string()));
            }
            out.value.push_str(&value);
            out.shown.push_str("****");
            out.from_env = true;
            rest = &after[end + 1..];
        } else {
            out.value.push('$');
            out.shown.push('$');
            rest = &from[1..];
        }
    }
    out.value.push_str(rest);
    out.shown.push_str(rest);
    Ok(out)
}
