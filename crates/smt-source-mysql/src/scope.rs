//! Server-side push-down of the database part of the table rules.
//!
//! The catalog queries always carry a `TABLE_SCHEMA` predicate built here, with bind parameters:
//! exact names become `IN (?, ...)`, anchored literal prefixes become `LIKE ? ESCAPE '!'` (OR'ed),
//! anything else reads every non-system schema. The table patterns (and the exact database
//! regexes) are then applied in Rust with [`Filter`], so the push-down only has to be a superset.

use std::collections::BTreeSet;

use smt_catalog::Filter;

/// Schemas that hold no user tables (compared in lower case).
pub const SYSTEM_SCHEMAS: &[&str] = &[
    "information_schema",
    "mysql",
    "performance_schema",
    "sys",
    "metrics_schema",
];

/// Which schemas a catalog query reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaScope {
    /// Exactly these schemas (`TABLE_SCHEMA IN (...)`). Empty means nothing to read.
    Names(Vec<String>),
    /// Schemas starting with one of these literal prefixes (`TABLE_SCHEMA LIKE 'p%'`).
    Prefixes(Vec<String>),
    /// Every schema except [`SYSTEM_SCHEMAS`].
    AllUser,
}

impl SchemaScope {
    /// The narrowest scope the filter allows: literal names when every rule names its database
    /// literally, else literal prefixes when every rule has one, else every user schema.
    pub fn from_filter(filter: &Filter) -> Self {
        if let Some(names) = filter.database_literals() {
            return SchemaScope::Names(names);
        }
        if let Some(prefixes) = filter.database_prefixes() {
            return SchemaScope::Prefixes(minimal_prefixes(prefixes));
        }
        SchemaScope::AllUser
    }

    /// Exactly the given schema names (deduplicated, sorted).
    pub fn names<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let set: BTreeSet<&str> = names.into_iter().collect();
        SchemaScope::Names(set.into_iter().map(str::to_string).collect())
    }

    /// Whether the scope can match nothing (no query needed).
    pub fn is_empty(&self) -> bool {
        matches!(self, SchemaScope::Names(n) if n.is_empty())
            || matches!(self, SchemaScope::Prefixes(p) if p.is_empty())
    }

    /// Whether a read over this scope returned every row of `schema` (the server compares
    /// names case-insensitively, so a `false` here only costs a repeated read).
    pub fn covers(&self, schema: &str) -> bool {
        match self {
            SchemaScope::Names(names) => names.iter().any(|n| n == schema),
            SchemaScope::Prefixes(prefixes) => {
                prefixes.iter().any(|p| schema.starts_with(p.as_str()))
            }
            SchemaScope::AllUser => !SYSTEM_SCHEMAS.contains(&schema.to_ascii_lowercase().as_str()),
        }
    }

    /// The SQL predicate over `column` and its bind values, in order.
    pub fn predicate(&self, column: &str) -> (String, Vec<String>) {
        match self {
            SchemaScope::Names(names) => {
                if names.is_empty() {
                    return ("1 = 0".to_string(), Vec::new());
                }
                let marks = vec!["?"; names.len()].join(", ");
                (format!("{column} IN ({marks})"), names.clone())
            }
            SchemaScope::Prefixes(prefixes) => {
                if prefixes.is_empty() {
                    return ("1 = 0".to_string(), Vec::new());
                }
                let parts: Vec<String> = prefixes
                    .iter()
                    .map(|_| format!("{column} LIKE ? ESCAPE '!'"))
                    .collect();
                let binds = prefixes
                    .iter()
                    .map(|p| format!("{}%", escape_like(p)))
                    .collect();
                (format!("({})", parts.join(" OR ")), binds)
            }
            SchemaScope::AllUser => {
                let marks = vec!["?"; SYSTEM_SCHEMAS.len()].join(", ");
                (
                    format!("LOWER({column}) NOT IN ({marks})"),
                    SYSTEM_SCHEMAS.iter().map(|s| s.to_string()).collect(),
                )
            }
        }
    }
}

/// Escape a literal for `LIKE ... ESCAPE '!'`.
pub fn escape_like(literal: &str) -> String {
    let mut out = String::with_capacity(literal.len() + 4);
    for c in literal.chars() {
        if matches!(c, '!' | '%' | '_') {
            out.push('!');
        }
        out.push(c);
    }
    out
}

/// Drop prefixes covered by a shorter one (`shop` covers `shop_`).
fn minimal_prefixes(mut prefixes: Vec<String>) -> Vec<String> {
    prefixes.sort();
    prefixes.dedup();
    let mut out: Vec<String> = Vec::new();
    for p in prefixes {
        if !out.iter().any(|q| p.starts_with(q.as_str())) {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use smt_catalog::RuleFilter;

    use super::*;

    fn filter(dbs: &[&str]) -> Filter {
        Filter::new(
            dbs.iter()
                .map(|d| RuleFilter::new(d, None, ".*").unwrap())
                .collect(),
        )
    }

    #[test]
    fn literal_names_become_in_list() {
        let s = SchemaScope::from_filter(&filter(&["^shop$", "^crm$", "^shop$"]));
        assert_eq!(s, SchemaScope::Names(vec!["crm".into(), "shop".into()]));
        let (sql, binds) = s.predicate("TABLE_SCHEMA");
        assert_eq!(sql, "TABLE_SCHEMA IN (?, ?)");
        assert_eq!(binds, vec!["crm", "shop"]);
    }

    #[test]
    fn prefixes_become_like_with_escapes() {
        let s = SchemaScope::from_filter(&filter(&[r"^shop_\d+$", "^shop", r"^a%b_c!\d$"]));
        assert_eq!(
            s,
            SchemaScope::Prefixes(vec!["a%b_c!".into(), "shop".into()])
        );
        let (sql, binds) = s.predicate("c");
        assert_eq!(sql, "(c LIKE ? ESCAPE '!' OR c LIKE ? ESCAPE '!')");
        assert_eq!(binds, vec!["a!%b!_c!!%", "shop%"]);
    }

    #[test]
    fn regexes_read_all_user_schemas() {
        let s = SchemaScope::from_filter(&filter(&["^shop$", "crm"]));
        assert_eq!(s, SchemaScope::AllUser);
        let (sql, binds) = s.predicate("TABLE_SCHEMA");
        assert!(sql.starts_with("LOWER(TABLE_SCHEMA) NOT IN (?"));
        assert!(binds.contains(&"mysql".to_string()));
        assert!(binds.contains(&"information_schema".to_string()));
    }

    #[test]
    fn coverage() {
        assert!(SchemaScope::names(["a"]).covers("a"));
        assert!(!SchemaScope::names(["a"]).covers("b"));
        assert!(SchemaScope::Prefixes(vec!["shop_".into()]).covers("shop_1"));
        assert!(!SchemaScope::Prefixes(vec!["shop_".into()]).covers("crm"));
        assert!(SchemaScope::AllUser.covers("shop"));
        assert!(!SchemaScope::AllUser.covers("MySQL"));
    }

    #[test]
    fn empty_scopes() {
        let s = SchemaScope::from_filter(&Filter::default());
        assert!(s.is_empty());
        assert_eq!(s.predicate("x").0, "1 = 0");
        assert!(!SchemaScope::AllUser.is_empty());
        assert_eq!(
            SchemaScope::names(["b", "a", "b"]),
            SchemaScope::Names(vec!["a".into(), "b".into()])
        );
    }
}
