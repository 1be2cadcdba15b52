//! # smt-flink
//!
//! The Flink SQL emitter: turns an IR [`Plan`] into `flink-create.<rule>.sql` (one per
//! `[table-rule.<rule>]`) and `flink-create.all.sql`, ready for `sql-client.sh -f`.
//!
//! Each file holds, per target table, a source table `` `default_catalog`.`<db>`.`<name>_src` ``
//! (a Flink CDC connector, or a JDBC table for ClickHouse; Hive is read through a Hive catalog),
//! a sink table `` `<name>_sink` `` (flink-connector-starrocks), and at the end the INSERTs,
//! grouped into one `EXECUTE STATEMENT SET` (one Flink job) unless the plan turns that off.
//! Statements are separated by `";\n\n"` and the file ends with `";\n"`. Identifiers are always
//! back-quoted and string values single-quoted, with embedded quotes doubled.
//!
//! See `docs/flink.md` for every option smt sets and why, and the type table per source.

mod emit;
mod options;
mod text;
mod types;

use smt_ir::{Column, OutputFile, Plan, SourceKind, TargetProfile, TargetTable, Warning};

pub use text::{connector_pattern, quote_ident, quote_literal, regex_escape, slot_name};

/// The generated files and what was noticed while generating them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emitted {
    /// `flink-create.<rule>.sql` for every rule, in plan order, then `flink-create.all.sql`.
    pub files: Vec<OutputFile>,
    /// Lossy or surprising mappings and options the user has to set, each reported once.
    pub warnings: Vec<Warning>,
}

/// Why the Flink files could not be generated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmitError {
    /// A connector needs an option that neither the source nor the rule provides.
    #[error("rule `{rule}`, table `{table}`: missing `{option}`: {message}")]
    MissingOption {
        /// The rule name (`<seq>` of `[table-rule.<seq>]`).
        rule: String,
        /// The target table, `db.table`.
        table: String,
        /// The connector option.
        option: String,
        /// What to do about it.
        message: String,
    },
    /// The file sink refused a file (e.g. it could not be written).
    #[error("{0}")]
    Sink(#[from] smt_ir::SinkError),
    /// A column type the IR cannot describe to Flink at all.
    #[error("column `{column}`: {message}")]
    UnsupportedType {
        /// The column name.
        column: String,
        /// What is wrong.
        message: String,
    },
}

/// Generate the Flink SQL files of a plan.
///
/// # Errors
/// [`EmitError::MissingOption`] when a connector cannot be configured (tidb-cdc without PD
/// addresses), [`EmitError::UnsupportedType`] for an impossible column type.
pub fn emit(plan: &Plan) -> Result<Emitted, EmitError> {
    emit::emit(plan)
}

/// Like [`emit`], but hands every file to `sink` as soon as it is rendered (same order) and
/// returns the warnings, so memory stays bounded by the largest file.
pub fn emit_each(plan: &Plan, sink: &mut smt_ir::FileSink<'_>) -> Result<Vec<Warning>, EmitError> {
    emit::emit_each(plan, sink)
}

/// Like [`emit_each`], but writes every file piece by piece into `stream` (no whole file is
/// held in memory). Files are closed in the order [`emit`] lists them.
///
/// # Errors
/// As [`emit`]; a failed write gives [`EmitError::Sink`]. Files left open are incomplete.
pub fn emit_to(
    plan: &Plan,
    stream: &mut dyn smt_ir::FileStream,
) -> Result<Vec<Warning>, EmitError> {
    emit::emit_to(plan, stream)
}

/// The Flink type the source connector produces for a column (what the `_src` table declares),
/// e.g. `DECIMAL(20, 0)` for a MySQL `bigint unsigned`.
///
/// Out-of-range parameters never reach the output: they fall back to `STRING` (or `BYTES`);
/// [`emit`] reports those fallbacks as warnings. The `_sink` table uses the same type except
/// where flink-connector-starrocks cannot write it (`TIME`, binary strings), which the INSERT
/// casts to `STRING`.
///
/// # Errors
/// [`EmitError::UnsupportedType`] when the IR type is impossible (an integer of 0 bits).
pub fn flink_type(
    column: &Column,
    source: SourceKind,
    target: &TargetProfile,
) -> Result<String, EmitError> {
    types::map_column(column, source, target).map(|m| m.src.to_string())
}

/// The WITH options of a target's source table, in output order: smt's own options first in a
/// fixed order (a user `flink.cdc.*` option of the same name replaces the value in place), then
/// the rule's other `flink.cdc.*` options in file order. `job_index` is the position of the
/// table in its file (it picks the table's `server-id`).
///
/// For a target read through several source tables (a shard group spread over several
/// PostgreSQL / Oracle / SQL Server databases, or a TiDB / ClickHouse shard group), the options
/// of the first one. For Hive, which has no source table, the options of the Hive catalog.
/// Options that cannot be determined (tidb-cdc without PD addresses) are left out; [`emit`]
/// reports them as errors.
pub fn source_options(table: &TargetTable, plan: &Plan, job_index: usize) -> Vec<(String, String)> {
    let position = find(plan, table);
    let rule = position.and_then(|(ri, _)| plan.rules.get(ri));
    if plan.source == SourceKind::Hive {
        let rule_entry = rule.map(|r| vec![(r, table)]).unwrap_or_default();
        return options::hive_catalog_options(plan, &rule_entry).0.0;
    }
    let slots = options::Slots::allocate(plan);
    let fallback_rule;
    let rule = match rule {
        Some(r) => r,
        None => {
            fallback_rule = smt_ir::RulePlan {
                name: String::new(),
                tables: Vec::new(),
            };
            &fallback_rule
        }
    };
    match options::source_side(plan, rule, table, position, job_index, &slots, None) {
        Ok(side) => side
            .sources
            .into_iter()
            .next()
            .map(|s| s.options.0)
            .unwrap_or_default(),
        Err(_) => {
            // tidb-cdc without PD addresses: everything but the missing option
            let mut o = vec![
                ("connector".to_string(), "tidb-cdc".to_string()),
                ("database-name".to_string(), table.selector.database.clone()),
                ("table-name".to_string(), table.selector.table.clone()),
            ];
            o.extend(
                table
                    .flink_source_options
                    .iter()
                    .filter(|(k, _)| !o.iter().any(|(ok, _)| ok == k))
                    .cloned()
                    .collect::<Vec<_>>(),
            );
            o
        }
    }
}

/// The WITH options of a target's StarRocks sink table: `connector`, `database-name` and
/// `table-name` (always smt's), the rule's `flink.starrocks.*` options in file order, and
/// `sink.properties.format = json` with `sink.properties.strip_outer_array = true` unless the
/// rule chose a format.
pub fn sink_options(table: &TargetTable, plan: &Plan) -> Vec<(String, String)> {
    let rule = find(plan, table)
        .and_then(|(ri, _)| plan.rules.get(ri))
        .map_or("", |r| r.name.as_str());
    options::sink_side(rule, table).0.0
}

/// The (rule, table) position of a target in the plan.
fn find(plan: &Plan, table: &TargetTable) -> Option<(usize, usize)> {
    let by_ptr = plan.rules.iter().enumerate().find_map(|(ri, r)| {
        r.tables
            .iter()
            .position(|t| std::ptr::eq(t, table))
            .map(|ti| (ri, ti))
    });
    by_ptr.or_else(|| {
        plan.rules.iter().enumerate().find_map(|(ri, r)| {
            r.tables
                .iter()
                .position(|t| t.database == table.database && t.name == table.name)
                .map(|ti| (ri, ti))
        })
    })
}

/// Every CDC reader (Flink source table) the generated files declare, with its server-id range
/// (mysql-cdc), replication slot (postgres-cdc), source database and tables, and its WITH
/// options without passwords: what `smt check` compares with the source.
///
/// The readers of each `flink-create.<rule>.sql` come first (server ids are numbered per file),
/// then, when the plan has several rules, those of `flink-create.all.sql`. A source without CDC
/// (Hive, ClickHouse) gives none.
pub fn source_jobs(plan: &Plan) -> Vec<smt_ir::SourceJob> {
    if !plan.source.supports_cdc() {
        return Vec::new();
    }
    let slots = options::Slots::allocate(plan);
    let mut files: Vec<(String, Vec<(usize, usize)>)> = plan
        .rules
        .iter()
        .enumerate()
        .map(|(ri, r)| {
            (
                format!("flink-create.{}.sql", r.name),
                (0..r.tables.len()).map(|ti| (ri, ti)).collect(),
            )
        })
        .collect();
    if plan.rules.len() > 1 {
        let all = plan
            .rules
            .iter()
            .enumerate()
            .flat_map(|(ri, r)| (0..r.tables.len()).map(move |ti| (ri, ti)))
            .collect();
        files.push(("flink-create.all.sql".to_string(), all));
    }
    let mut jobs = Vec::new();
    for (file, entries) in files {
        for (index, (ri, ti)) in entries.into_iter().enumerate() {
            let (Some(rule), Some(table)) = (
                plan.rules.get(ri),
                plan.rules.get(ri).and_then(|r| r.tables.get(ti)),
            ) else {
                continue;
            };
            let groups = options::source_groups(table, plan.source);
            let specs =
                options::source_side(plan, rule, table, Some((ri, ti)), index, &slots, None)
                    .map(|s| s.sources)
                    .unwrap_or_default();
            for (gi, group) in groups.iter().enumerate() {
                let spec = specs.get(gi);
                let opts: Vec<(String, String)> = spec
                    .map(|s| s.options.0.clone())
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|(k, _)| !k.to_ascii_lowercase().contains("password"))
                    .collect();
                let database = group.database.as_literal().to_string();
                let tables = if groups.len() == 1 {
                    table.sources.clone()
                } else if groups.len() == table.sources.len() && !table.selector.is_pattern {
                    table.sources.get(gi).cloned().into_iter().collect()
                } else {
                    table
                        .sources
                        .iter()
                        .filter(|s| s.database == database)
                        .cloned()
                        .collect()
                };
                jobs.push(smt_ir::SourceJob {
                    file: file.clone(),
                    rule: rule.name.clone(),
                    target: format!("{}.{}", table.database, table.name),
                    index,
                    connector: opts
                        .iter()
                        .find(|(k, _)| k == "connector")
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default(),
                    server_ids: spec.and_then(|s| s.server_ids).map(|i| (i.start, i.end)),
                    slot_name: slots.get(ri, ti, gi).map(str::to_string),
                    database,
                    tables,
                    options: opts,
                });
            }
        }
    }
    jobs
}
