//! What a source adapter is given to check the CDC prerequisites ([`SourceCatalog::preflight`]),
//! and the default check (every matched table is readable) used by the full-load sources.

use std::collections::BTreeSet;

use smt_ir::{CheckItem, CheckStatus, SourceJob, Table, TableName};

use crate::SourceCatalog;

/// Inputs of [`SourceCatalog::preflight`].
#[derive(Debug, Clone, Copy)]
pub struct PreflightContext<'a> {
    /// The tables the rules matched, described.
    pub tables: &'a [Table],
    /// The CDC readers the generated Flink jobs start (server-id ranges, slot names, options
    /// such as `decoding.plugin.name`), from `smt_flink::source_jobs`.
    pub jobs: &'a [SourceJob],
    /// The `[db] user` the jobs connect as.
    pub user: &'a str,
}

impl<'a> PreflightContext<'a> {
    /// A context.
    pub fn new(tables: &'a [Table], jobs: &'a [SourceJob], user: &'a str) -> Self {
        PreflightContext { tables, jobs, user }
    }

    /// The names of the matched tables.
    pub fn table_names(&self) -> Vec<TableName> {
        self.tables.iter().map(|t| t.name.clone()).collect()
    }

    /// The distinct databases of the matched tables, sorted.
    pub fn databases(&self) -> Vec<String> {
        self.tables
            .iter()
            .map(|t| t.name.database.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    /// The matched tables without a primary key.
    pub fn tables_without_primary_key(&self) -> impl Iterator<Item = &'a Table> {
        self.tables.iter().filter(|t| t.primary_key.is_none())
    }
}

/// The largest number of tables named in one item's text.
pub const MAX_NAMED: usize = 20;

/// A list of names for an item's text: the first [`MAX_NAMED`], then `and N more`.
pub fn name_list<T: std::fmt::Display>(names: &[T]) -> String {
    let mut s = names
        .iter()
        .take(MAX_NAMED)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > MAX_NAMED {
        s.push_str(&format!(" and {} more", names.len() - MAX_NAMED));
    }
    s
}

/// Decide the readability item from what `describe_tables` returned (pure, for tests).
pub fn decide_readable(wanted: &[TableName], described: &[Table]) -> CheckItem {
    let got: BTreeSet<&TableName> = described
        .iter()
        .filter(|t| !t.columns.is_empty())
        .map(|t| &t.name)
        .collect();
    let missing: Vec<&TableName> = wanted.iter().filter(|n| !got.contains(n)).collect();
    let why = "the full load reads every matched table; a table smt cannot describe cannot be \
               read by the Flink job either";
    if missing.is_empty() {
        CheckItem::new(
            "source.tables_readable",
            "Matched tables are readable",
            CheckStatus::Pass,
            format!("{} table(s) described", wanted.len()),
            why,
        )
    } else {
        CheckItem::new(
            "source.tables_readable",
            "Matched tables are readable",
            CheckStatus::Fail,
            format!(
                "{} of {} table(s) could not be described: {}",
                missing.len(),
                wanted.len(),
                name_list(&missing)
            ),
            why,
        )
        .with_fix(
            "grant the [db] user read access to these tables (or narrow the rules so they no \
             longer match them)",
        )
    }
}

/// The default preflight: describe every matched table again and report those that cannot be
/// read (one item). Serves the full-load sources (Hive, ClickHouse).
pub async fn default_preflight<S: SourceCatalog + ?Sized>(
    source: &S,
    ctx: &PreflightContext<'_>,
) -> crate::Result<Vec<CheckItem>> {
    let wanted = ctx.table_names();
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let item = match source.describe_tables(&wanted).await {
        Ok(described) => decide_readable(&wanted, &described),
        Err(e) => CheckItem::new(
            "source.tables_readable",
            "Matched tables are readable",
            CheckStatus::Fail,
            format!(
                "describing the {} matched table(s) failed: {e}",
                wanted.len()
            ),
            "the full load reads every matched table",
        )
        .with_fix("grant the [db] user read access to the matched databases and tables"),
    };
    Ok(vec![item])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_decision() {
        let a = TableName::new("db", "a");
        let b = TableName::new("db", "b");
        let mut ta = Table::new(a.clone());
        ta.columns
            .push(smt_ir::Column::new("ok", smt_ir::DataType::Boolean, "bool"));
        let item = decide_readable(&[a.clone(), b.clone()], std::slice::from_ref(&ta));
        assert_eq!(item.status, CheckStatus::Fail);
        assert!(item.found.contains("db.b"), "{}", item.found);
        let item = decide_readable(&[a], &[ta]);
        assert_eq!(item.status, CheckStatus::Pass);
        assert_eq!(
            name_list(&(0..25).collect::<Vec<_>>()).split(", ").count(),
            20
        );
    }
}
