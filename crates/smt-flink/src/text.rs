//! Quoting and escaping helpers: Flink identifiers and string literals, regular expressions for
//! the CDC connectors' table filters, and PostgreSQL replication slot names.

/// Quote an identifier for Flink SQL: wrapped in backquotes, embedded backquotes doubled.
///
/// ```
/// assert_eq!(smt_flink::quote_ident("a`b"), "`a``b`");
/// ```
pub fn quote_ident(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

/// Quote a string literal for Flink SQL: wrapped in single quotes, embedded quotes doubled.
///
/// Flink string literals do not interpret backslashes, so a backslash is written as is.
///
/// ```
/// assert_eq!(smt_flink::quote_literal("it's"), "'it''s'");
/// ```
pub fn quote_literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// `default_catalog`.`db`.`table`
#[cfg(test)]
pub(crate) fn qualified(database: &str, table: &str) -> String {
    format!(
        "{}.{}.{}",
        quote_ident("default_catalog"),
        quote_ident(database),
        quote_ident(table)
    )
}

/// Escape a literal name so that a Java regular expression (as the CDC connectors and Debezium
/// compile them) matches exactly that name.
///
/// Every regex metacharacter gets a backslash, and so does `,`, because Debezium splits its
/// include lists on unescaped commas.
///
/// ```
/// assert_eq!(smt_flink::regex_escape("my.table$1"), r"my\.table\$1");
/// ```
pub fn regex_escape(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if matches!(
            c,
            '\\' | '.'
                | '^'
                | '$'
                | '|'
                | '?'
                | '*'
                | '+'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | ','
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Turn a plan's selector pattern into a pattern for a CDC connector.
///
/// The plan's patterns are meant to match whole names (smt-core writes an alternation of the
/// escaped shard names or a `<stem>_[0-9]+` shape); the connectors (through Debezium) match whole
/// names too. A leading `^` and a trailing unescaped `$` are removed, as the original SMT did: they
/// must go because mysql-cdc, postgres-cdc and oracle-cdc join the database (or schema) pattern and
/// the table pattern with a dot, and an anchor in the middle of the joined pattern never matches.
/// The rest is wrapped in a non-capturing group so that an alternation stays inside.
///
/// ```
/// assert_eq!(smt_flink::connector_pattern(r"^course_\d+$"), r"(?:course_\d+)");
/// assert_eq!(smt_flink::connector_pattern("a|b"), "(?:a|b)");
/// assert_eq!(smt_flink::connector_pattern(""), "(?:.*)");
/// ```
pub fn connector_pattern(pattern: &str) -> String {
    let mut body = pattern;
    if let Some(rest) = body.strip_prefix('^') {
        body = rest;
    }
    if ends_with_unescaped_dollar(body) {
        body = &body[..body.len() - 1];
    }
    if body.is_empty() {
        return "(?:.*)".to_string();
    }
    format!("(?:{body})")
}

fn ends_with_unescaped_dollar(s: &str) -> bool {
    if !s.ends_with('$') {
        return false;
    }
    let backslashes = s[..s.len() - 1]
        .chars()
        .rev()
        .take_while(|&c| c == '\\')
        .count();
    backslashes % 2 == 0
}

/// The longest PostgreSQL identifier (and so replication slot name), in bytes.
pub(crate) const MAX_SLOT_LEN: usize = 63;

/// Make a valid replication slot name from arbitrary text: ASCII letters lower-cased, digits and
/// `_` kept, everything else replaced by `_`. When the text has non-ASCII characters (which all
/// become `_`) or the result is longer than 63 characters, `_` and an 8-digit hash of the full
/// text are appended (the name truncated to make room), so that names differing only in those
/// characters or only after the cut stay distinct, and stable from run to run.
pub fn slot_name(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if clean.len() <= MAX_SLOT_LEN && text.is_ascii() {
        return clean;
    }
    let suffix = format!("_{:08x}", fnv1a32(text));
    let keep = (MAX_SLOT_LEN - suffix.len()).min(clean.len());
    format!("{}{}", &clean[..keep], suffix)
}

/// Append `_<n>` to a slot name, truncating the name so that the result stays within 63
/// characters.
pub(crate) fn slot_with_suffix(base: &str, n: usize) -> String {
    let suffix = format!("_{n}");
    let keep = MAX_SLOT_LEN.saturating_sub(suffix.len()).min(base.len());
    format!("{}{}", &base[..keep], suffix)
}

/// 32-bit FNV-1a, stable across Rust versions and platforms (unlike `DefaultHasher`).
pub(crate) fn fnv1a32(text: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_double_backquotes() {
        assert_eq!(quote_ident("plain"), "`plain`");
        assert_eq!(quote_ident("we`ird``"), "`we``ird`````");
        assert_eq!(quote_ident("имя"), "`имя`");
        assert_eq!(
            qualified("d`b", "t"),
            "`default_catalog`.`d``b`.`t`".to_string()
        );
    }

    #[test]
    fn literals_double_quotes_and_keep_backslashes() {
        assert_eq!(quote_literal("p'a''ss"), "'p''a''''ss'");
        assert_eq!(quote_literal(r"a\.b"), r"'a\.b'");
        assert_eq!(quote_literal(""), "''");
    }

    #[test]
    fn regex_escape_covers_metacharacters() {
        assert_eq!(regex_escape("orders"), "orders");
        assert_eq!(regex_escape("my.table"), r"my\.table");
        assert_eq!(
            regex_escape(r"a\b^c$d|e?f*g+h(i)j[k]l{m}n,o"),
            r"a\\b\^c\$d\|e\?f\*g\+h\(i\)j\[k\]l\{m\}n\,o"
        );
        assert_eq!(regex_escape("t-1 x_y"), "t-1 x_y");
        assert_eq!(regex_escape("表.名"), r"表\.名");
    }

    #[test]
    fn selector_patterns_become_connector_patterns() {
        assert_eq!(connector_pattern(r"^edu_db_\d+$"), r"(?:edu_db_\d+)");
        assert_eq!(connector_pattern("course_[0-9]+"), "(?:course_[0-9]+)");
        assert_eq!(connector_pattern("^course_"), "(?:course_)");
        assert_eq!(connector_pattern("(a|b)"), "(?:(a|b))");
        assert_eq!(connector_pattern("^.*$"), "(?:.*)");
        assert_eq!(connector_pattern(""), "(?:.*)");
        assert_eq!(connector_pattern("^$"), "(?:.*)");
        // an escaped dollar is part of the name, not an anchor
        assert_eq!(connector_pattern(r"^t\$"), r"(?:t\$)");
        assert_eq!(connector_pattern(r"^t\\$"), r"(?:t\\)");
    }

    #[test]
    fn slot_names_are_valid() {
        assert_eq!(
            slot_name("smt_Shop_public_Orders"),
            "smt_shop_public_orders"
        );
        assert_eq!(slot_name("smt_db_s-1_t.x"), "smt_db_s_1_t_x");
        let ru = slot_name("smt_d_s_заказы");
        assert!(ru.starts_with("smt_d_s_______"), "{ru}");
        assert_eq!(ru.len(), "smt_d_s_______".len() + 9);
        assert_ne!(ru, slot_name("smt_d_s_товары"));
        let long = format!("smt_db_public_{}", "x".repeat(100));
        let s = slot_name(&long);
        assert_eq!(s.len(), 63);
        assert!(s.starts_with("smt_db_public_xxx"));
        assert!(
            s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        );
        // two long names that differ only after the cut stay distinct
        let other = format!("smt_db_public_{}y", "x".repeat(100));
        assert_ne!(slot_name(&other), s);
        // and the hash is stable
        assert_eq!(slot_name(&long), s);
        assert_eq!(fnv1a32(""), 0x811c_9dc5);
        assert_eq!(fnv1a32("a"), 0xe40c_292c);
    }

    #[test]
    fn slot_suffix_keeps_the_limit() {
        assert_eq!(slot_with_suffix("abc", 2), "abc_2");
        let long = "a".repeat(63);
        let s = slot_with_suffix(&long, 12);
        assert_eq!(s.len(), 63);
        assert!(s.ends_with("_12"));
    }
}
