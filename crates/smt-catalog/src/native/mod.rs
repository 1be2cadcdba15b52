//! Pure functions that turn a source's native type and default texts into IR types.
//!
//! Live adapters (reading `information_schema` / `pg_catalog`) and the offline dump reader both
//! call these, so that the same column declared in a dump and read from a server gives the same
//! [`smt_ir::DataType`] and [`smt_ir::DefaultValue`]. Nothing here does I/O.

pub mod clickhouse;
pub mod mysql;
pub mod oracle;
pub mod postgres;
pub mod sqlserver;

use crate::error::{Error, ErrorKind};

/// A parse error about `text`.
fn parse_error(what: &str, text: &str, why: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Parse, format!("invalid {what} `{text}`: {why}"))
}

/// Split the inside of a parenthesised modifier list at top-level commas, honouring single and
/// double quotes (doubled quotes and backslash escapes inside single quotes).
fn split_args(inner: &str) -> Option<Vec<&str>> {
    let bytes = inner.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'\'' | b'"') => {
                i += 1;
                loop {
                    if i >= bytes.len() {
                        return None;
                    }
                    if bytes[i] == b'\\' && q == b'\'' {
                        i += 2;
                        continue;
                    }
                    if bytes[i] == q {
                        if bytes.get(i + 1) == Some(&q) {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
            }
            b'(' => depth += 1,
            b')' => depth = depth.checked_sub(1)?,
            b',' if depth == 0 => {
                out.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if depth != 0 {
        return None;
    }
    out.push(inner[start..].trim());
    Some(out)
}

/// Unquote one single-quoted SQL string literal (`'a''b'` or `'a\'b'` when `backslash`).
/// Returns `None` when `s` is not exactly one quoted literal.
fn unquote_single(s: &str, backslash: bool) -> Option<String> {
    let body = s.strip_prefix('\'')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    loop {
        let c = chars.next()?;
        match c {
            '\'' => {
                let rest = chars.as_str();
                if let Some(after) = rest.strip_prefix('\'') {
                    out.push('\'');
                    chars = after.chars();
                } else if rest.is_empty() {
                    return Some(out);
                } else {
                    return None;
                }
            }
            '\\' if backslash => {
                let e = chars.next()?;
                if matches!(e, '%' | '_') {
                    out.push('\\');
                }
                out.push(match e {
                    '0' => '\0',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'b' => '\u{8}',
                    'Z' => '\u{1a}',
                    other => other,
                });
            }
            other => out.push(other),
        }
    }
}

/// Collapse runs of ASCII whitespace to one space and lower-case ASCII letters.
fn normalize_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.to_ascii_lowercase());
    }
    out
}

/// Whether `s` is a plain decimal number (optional sign, digits, optional fraction, optional
/// exponent).
fn is_number(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((a, b)) => (a, b),
        None => (mantissa, ""),
    };
    if int.is_empty() && frac.is_empty() {
        return false;
    }
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    match exp {
        None => true,
        Some(e) => {
            let e = e.strip_prefix(['+', '-']).unwrap_or(e);
            !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn args() {
        assert_eq!(split_args("10, 2"), Some(vec!["10", "2"]));
        assert_eq!(
            split_args("'a','b''c','x,y'"),
            Some(vec!["'a'", "'b''c'", "'x,y'"])
        );
        assert_eq!(split_args("'a\\',b'"), Some(vec!["'a\\',b'"]));
        assert_eq!(split_args("'a"), None);
        assert_eq!(split_args("(a"), None);
    }

    #[test]
    fn unquote() {
        assert_eq!(unquote_single("'a''b'", false).as_deref(), Some("a'b"));
        assert_eq!(unquote_single("'a\\'b\\n'", true).as_deref(), Some("a'b\n"));
        assert_eq!(unquote_single("'a\\'b'", false), None);
        assert_eq!(unquote_single("'a' x", false), None);
        assert_eq!(unquote_single("''", false).as_deref(), Some(""));
    }

    #[test]
    fn numbers() {
        for n in ["0", "-1", "+2.5", ".5", "1.", "1e10", "1.5E-3"] {
            assert!(is_number(n), "{n}");
        }
        for n in ["", "-", "a", "1e", "1.2.3", "0x10", "."] {
            assert!(!is_number(n), "{n}");
        }
    }
}
