//! The rules' name patterns, as adapters see them.

use std::fmt;

use regex::Regex;
use smt_ir::TableName;

use crate::error::{Error, ErrorKind, Result};

/// A compiled name pattern. Like the original tool, matching is an unanchored search
/// (`db1` matches `mydb10`); write `^db1$` for an exact name. Patterns the `regex` crate
/// cannot compile (look-arounds, back-references) are compiled with `fancy-regex`, as the
/// original falls back from Go's RE2 to a backtracking engine.
#[derive(Clone)]
pub struct Pattern {
    source: String,
    engine: Engine,
}

#[derive(Clone)]
enum Engine {
    Std(Regex),
    Fancy(Box<fancy_regex::Regex>),
}

impl Pattern {
    /// Compile a pattern.
    pub fn new(source: &str) -> Result<Self> {
        match Regex::new(source) {
            Ok(r) => Ok(Pattern {
                source: source.to_string(),
                engine: Engine::Std(r),
            }),
            Err(std_err) => match fancy_regex::Regex::new(source) {
                Ok(r) => Ok(Pattern {
                    source: source.to_string(),
                    engine: Engine::Fancy(Box::new(r)),
                }),
                Err(_) => Err(Error::new(
                    ErrorKind::Config,
                    format!("invalid regular expression `{source}`: {std_err}"),
                )),
            },
        }
    }

    /// The pattern text.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether the pattern matches anywhere in `name`.
    pub fn is_match(&self, name: &str) -> bool {
        match &self.engine {
            Engine::Std(r) => r.is_match(name),
            Engine::Fancy(r) => r.is_match(name).unwrap_or(false),
        }
    }

    /// `Some(name)` when the pattern can only match exactly one name: `^name$` with no regex
    /// metacharacters inside. Adapters push such names to the server with `=`.
    pub fn literal(&self) -> Option<String> {
        let inner = self.source.strip_prefix('^')?.strip_suffix('$')?;
        unescape_literal(inner)
    }

    /// The literal prefix every match must start with (`^shop_\d+$` gives `shop_`), when the
    /// pattern is anchored at the start. Adapters push it to the server with `LIKE 'prefix%'`.
    pub fn prefix(&self) -> Option<String> {
        let rest = self.source.strip_prefix('^')?;
        let mut out = String::new();
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.peek().copied() {
                    Some(n) if is_meta(n) => {
                        out.push(n);
                        chars.next();
                    }
                    _ => break,
                },
                c if is_meta(c) => {
                    // A quantifier applies to the previous character: drop it.
                    if matches!(c, '?' | '*' | '{') {
                        out.pop();
                    }
                    break;
                }
                c => out.push(c),
            }
        }
        if out.is_empty() { None } else { Some(out) }
    }

    /// Whether the pattern matches every name (`.*`, `^.*$`, empty).
    pub fn matches_everything(&self) -> bool {
        matches!(
            self.source.as_str(),
            "" | ".*" | "^.*$" | "^.*" | ".*$" | ".+" | "^.+$"
        )
    }
}

fn is_meta(c: char) -> bool {
    matches!(
        c,
        '.' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|' | '^' | '$' | '\\'
    )
}

fn unescape_literal(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let n = chars.next()?;
            if is_meta(n) || n == '-' {
                out.push(n);
            } else {
                return None;
            }
        } else if is_meta(c) {
            return None;
        } else {
            out.push(c);
        }
    }
    if out.is_empty() { None } else { Some(out) }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pattern({:?})", self.source)
    }
}

/// The patterns of one table rule.
#[derive(Debug, Clone)]
pub struct RuleFilter {
    /// Database pattern.
    pub database: Pattern,
    /// Schema pattern (sources with schemas); `None` matches every schema.
    pub schema: Option<Pattern>,
    /// Table pattern.
    pub table: Pattern,
}

impl RuleFilter {
    /// Compile the three patterns of a rule.
    pub fn new(database: &str, schema: Option<&str>, table: &str) -> Result<Self> {
        Ok(RuleFilter {
            database: Pattern::new(database)?,
            schema: schema.map(Pattern::new).transpose()?,
            table: Pattern::new(table)?,
        })
    }

    /// Whether the database name matches.
    pub fn matches_database(&self, database: &str) -> bool {
        self.database.is_match(database)
    }

    /// Whether the schema name matches (always true without a schema pattern or schema).
    pub fn matches_schema(&self, schema: Option<&str>) -> bool {
        match (&self.schema, schema) {
            (Some(p), Some(s)) => p.is_match(s),
            _ => true,
        }
    }

    /// Whether a table name matches all three patterns.
    pub fn matches(&self, name: &TableName) -> bool {
        self.matches_database(&name.database)
            && self.matches_schema(name.schema.as_deref())
            && self.table.is_match(&name.name)
    }
}

/// All rules of a run: a table is wanted when any rule matches it.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// The rules, in file order.
    pub rules: Vec<RuleFilter>,
}

impl Filter {
    /// A filter over these rules.
    pub fn new(rules: Vec<RuleFilter>) -> Self {
        Filter { rules }
    }

    /// Whether any rule matches the table.
    pub fn matches(&self, name: &TableName) -> bool {
        self.rules.iter().any(|r| r.matches(name))
    }

    /// Whether any rule matches the database.
    pub fn matches_database(&self, database: &str) -> bool {
        self.rules.iter().any(|r| r.matches_database(database))
    }

    /// Whether any rule matches the database and schema.
    pub fn matches_schema(&self, database: &str, schema: &str) -> bool {
        self.rules
            .iter()
            .any(|r| r.matches_database(database) && r.matches_schema(Some(schema)))
    }

    /// When every rule names its database literally, those names (sorted, deduplicated), for
    /// a server-side `IN (...)` filter. `None` when some rule needs a regex match.
    pub fn database_literals(&self) -> Option<Vec<String>> {
        let mut out = Vec::new();
        for r in &self.rules {
            out.push(r.database.literal()?);
        }
        out.sort();
        out.dedup();
        Some(out)
    }

    /// When every rule's database pattern is anchored with a literal prefix, those prefixes, for
    /// server-side `LIKE 'prefix%'` filters. `None` otherwise.
    pub fn database_prefixes(&self) -> Option<Vec<String>> {
        let mut out = Vec::new();
        for r in &self.rules {
            out.push(r.database.prefix()?);
        }
        out.sort();
        out.dedup();
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unanchored_like_the_original() {
        let p = Pattern::new("db1").unwrap();
        assert!(p.is_match("mydb10"));
        let p = Pattern::new("^db1$").unwrap();
        assert!(!p.is_match("mydb10"));
    }

    #[test]
    fn digit_class_and_lookaround() {
        let p = Pattern::new(r"^orders_\d+$").unwrap();
        assert!(p.is_match("orders_12"));
        assert!(!p.is_match("orders_x"));
        let p = Pattern::new(r"^(?!tmp_).*$").unwrap();
        assert!(p.is_match("orders"));
        assert!(!p.is_match("tmp_orders"));
        assert!(Pattern::new("(").is_err());
    }

    #[test]
    fn literals_and_prefixes() {
        assert_eq!(
            Pattern::new("^shop$").unwrap().literal().as_deref(),
            Some("shop")
        );
        assert_eq!(
            Pattern::new(r"^my\.db$").unwrap().literal().as_deref(),
            Some("my.db")
        );
        assert_eq!(Pattern::new("^shop_[0-9]$").unwrap().literal(), None);
        assert_eq!(Pattern::new("shop").unwrap().literal(), None);
        assert_eq!(
            Pattern::new(r"^shop_\d+$").unwrap().prefix().as_deref(),
            Some("shop_")
        );
        assert_eq!(
            Pattern::new(r"^shops?$").unwrap().prefix().as_deref(),
            Some("shop")
        );
        assert_eq!(Pattern::new(".*").unwrap().prefix(), None);
        let f = Filter::new(vec![
            RuleFilter::new("^a$", None, ".*").unwrap(),
            RuleFilter::new("^b$", None, ".*").unwrap(),
        ]);
        assert_eq!(f.database_literals(), Some(vec!["a".into(), "b".into()]));
    }
}
