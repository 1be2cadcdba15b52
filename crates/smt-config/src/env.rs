//! `${VAR}` substitution, an smt extension that keeps passwords out of configuration files.
//!
//! - `${NAME}` is replaced by the environment variable `NAME`; it is an error when it is not set;
//! - `${NAME:-default}` uses `default` when `NAME` is unset or empty;
//! - `$${` is a literal `${`; a `$` not followed by `{` is kept as is.
//!
//! Names are `[A-Za-z_][A-Za-z0-9_]*`. Substituted text is not scanned again.

/// Why a value could not be substituted. Messages never contain a variable's value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvError {
    /// `${NAME}` without a default, and `NAME` is not set.
    #[error("environment variable `{0}` is not set (write `${{{0}:-default}}` to give a default)")]
    Missing(String),
    /// `${` without a closing `}`.
    #[error("unterminated `${{` (write `$${{` for a literal `${{`)")]
    Unterminated,
    /// `${...}` whose name is not a valid variable name.
    #[error("`${{{0}}}` is not a valid variable reference (names are letters, digits and `_`)")]
    BadName(String),
}

/// Replace `${NAME}` and `${NAME:-default}` in `text`, reading variables through `env`.
pub fn substitute(text: &str, env: &dyn Fn(&str) -> Option<String>) -> Result<String, EnvError> {
    if !text.contains('$') {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find('$') {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        if let Some(after) = tail.strip_prefix("$${") {
            out.push_str("${");
            rest = after;
        } else if let Some(after) = tail.strip_prefix("${") {
            let close = after.find('}').ok_or(EnvError::Unterminated)?;
            let inner = &after[..close];
            let (name, default) = match inner.find(":-") {
                Some(i) => (&inner[..i], Some(&inner[i + 2..])),
                None => (inner, None),
            };
            if !valid_name(name) {
                return Err(EnvError::BadName(inner.to_string()));
            }
            match (env(name), default) {
                (Some(v), Some(d)) if v.is_empty() => out.push_str(d),
                (Some(v), _) => out.push_str(&v),
                (None, Some(d)) => out.push_str(d),
                (None, None) => return Err(EnvError::Missing(name.to_string())),
            }
            rest = &after[close + 1..];
        } else {
            out.push('$');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// Read a variable from the process environment (non-UTF-8 values count as unset).
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "PW" => Some("s3cr:et=$x".into()),
            "EMPTY" => Some(String::new()),
            "HOST" => Some("db.local".into()),
            _ => None,
        }
    }

    #[test]
    fn substitution_table() {
        let ok = [
            ("plain", "plain"),
            ("${PW}", "s3cr:et=$x"),
            ("a${HOST}b", "adb.localb"),
            ("${UNSET:-fallback}", "fallback"),
            ("${UNSET:-}", ""),
            ("${EMPTY:-d}", "d"),
            ("${EMPTY}", ""),
            ("${HOST:-d}", "db.local"),
            ("$${PW}", "${PW}"),
            ("cost $5", "cost $5"),
            ("trailing $", "trailing $"),
            ("${HOST}:${UNSET:-9030}", "db.local:9030"),
            ("^t_\\d+$", "^t_\\d+$"),
        ];
        for (input, want) in ok {
            assert_eq!(substitute(input, &env).unwrap(), want, "{input}");
        }
        assert_eq!(
            substitute("${NOPE}", &env),
            Err(EnvError::Missing("NOPE".into()))
        );
        assert_eq!(substitute("${PW", &env), Err(EnvError::Unterminated));
        assert_eq!(
            substitute("${1x}", &env),
            Err(EnvError::BadName("1x".into()))
        );
        assert_eq!(
            substitute("${}", &env),
            Err(EnvError::BadName(String::new()))
        );
    }

    #[test]
    fn messages_do_not_leak_values() {
        let err = substitute("${NOPE}", &env).unwrap_err().to_string();
        assert!(err.contains("NOPE"), "{err}");
        assert!(err.contains("${NOPE:-default}"), "{err}");
    }
}
