//! Quoting of identifiers and string literals in StarRocks SQL.

/// Quote an identifier with backquotes, doubling embedded backquotes: `` a`b `` -> `` `a``b` ``.
pub fn quote_ident(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    push_ident(&mut out, name);
    out
}

/// Append `` `name` `` as [`quote_ident`] writes it.
pub(crate) fn push_ident(out: &mut String, name: &str) {
    out.push('`');
    for c in name.chars() {
        if c == '`' {
            out.push('`');
        }
        out.push(c);
    }
    out.push('`');
}

/// Quote a string literal with double quotes. Backslashes and double quotes are escaped with a
/// backslash; newline, carriage return, tab and NUL are written as `\n`, `\r`, `\t` and `\0`, so
/// the literal always stays on one line.
pub fn quote_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Quote a string literal with single quotes (for `date_trunc('day', ...)`), escaping like
/// [`quote_string`].
pub(crate) fn quote_single(s: &str) -> String {
    let inner = quote_string(s);
    let body = &inner[1..inner.len() - 1];
    // `quote_string` escaped `"` as `\"`, which is also valid inside single quotes; escape `'`.
    format!("'{}'", body.replace('\'', "\\'"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn idents() {
        assert_eq!(quote_ident("a"), "`a`");
        assert_eq!(quote_ident("a`b"), "`a``b`");
        assert_eq!(quote_ident("``"), "``````");
        assert_eq!(quote_ident("名前"), "`名前`");
    }

    #[test]
    fn strings() {
        assert_eq!(quote_string(""), "\"\"");
        assert_eq!(quote_string(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(quote_string(r"C:\dir"), r#""C:\\dir""#);
        assert_eq!(quote_string("a\nb\r\tc"), r#""a\nb\r\tc""#);
        assert_eq!(quote_string("it's"), r#""it's""#);
        assert_eq!(quote_single("it's"), r"'it\'s'");
    }
}
