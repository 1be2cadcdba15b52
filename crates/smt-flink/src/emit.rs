//! Assembling `flink-create.<rule>.sql` and `flink-create.all.sql`.

use std::collections::HashSet;

use smt_ir::{
    ColumnOrigin, KeyKind, OutputFile, Plan, RulePlan, SourceKind, TargetColumn, TargetTable,
    Warning,
};

use crate::options::{Options, Slots, SourceSpec, hive_catalog_options, sink_side, source_side};
use crate::text::{qualified, quote_ident, quote_literal};
use crate::types::{FlinkType, is_character, map_column};
use crate::{EmitError, Emitted};

/// Name of the Hive catalog the batch files create.
const HIVE_CATALOG: &str = "hive";

/// Emit every file of a plan.
pub(crate) fn emit(plan: &Plan) -> Result<Emitted, EmitError> {
    let mut files = Vec::with_capacity(plan.rules.len() + 1);
    let warnings = emit_each(plan, &mut |f| {
        files.push(f);
        Ok(())
    })?;
    Ok(Emitted { files, warnings })
}

pub(crate) fn emit_each(
    plan: &Plan,
    sink: &mut smt_ir::FileSink<'_>,
) -> Result<Vec<Warning>, EmitError> {
    let slots = Slots::allocate(plan);
    let mut warnings: Vec<Warning> = slots.warnings.clone();
    // With a single rule, `.all` holds exactly the rule's statements: render them once.
    let single_rule = plan.rules.len() == 1;
    let mut only_rule_file: Option<Rendered> = None;

    for (ri, rule) in plan.rules.iter().enumerate() {
        let tables: Vec<Entry<'_>> = rule
            .tables
            .iter()
            .enumerate()
            .map(|(ti, t)| Entry {
                rule,
                table: t,
                position: (ri, ti),
            })
            .collect();
        let file = render_file(plan, &tables, &slots, &mut warnings)?;
        let out = OutputFile {
            name: format!("flink-create.{}.sql", rule.name),
            contents: if single_rule {
                file.contents.clone()
            } else {
                String::new()
            },
            contains_secret: file.contains_secret,
        };
        let out = if single_rule {
            only_rule_file = Some(file);
            out
        } else {
            OutputFile {
                contents: file.contents,
                ..out
            }
        };
        sink(out)?;
        if plan.source == SourceKind::Mysql
            && !rule.tables.is_empty()
            && rule
                .tables
                .iter()
                .any(|t| !t.flink_source_options.iter().any(|(k, _)| k == "server-id"))
        {
            warnings.push(Warning::info(
                "flink-server-id-unset",
                format!(
                    "rule `{}` sets no `flink.cdc.server-id`: mysql-cdc then picks a random id in \
                     5400-6400 for each source, which can collide between sources and jobs; set \
                     it to a range as wide as the source parallelism (e.g. `5400-5403`), smt \
                     gives every table its own range",
                    rule.name
                ),
            ));
        }
    }

    if let Some(file) = only_rule_file {
        sink(OutputFile {
            name: "flink-create.all.sql".to_string(),
            contents: file.contents,
            contains_secret: file.contains_secret,
        })?;
        let mut seen = HashSet::new();
        warnings.retain(|w| seen.insert(w.clone()));
        return Ok(warnings);
    }

    let all: Vec<Entry<'_>> = plan
        .rules
        .iter()
        .enumerate()
        .flat_map(|(ri, rule)| {
            rule.tables.iter().enumerate().map(move |(ti, t)| Entry {
                rule,
                table: t,
                position: (ri, ti),
            })
        })
        .collect();
    let file = render_file(plan, &all, &slots, &mut warnings)?;
    sink(OutputFile {
        name: "flink-create.all.sql".to_string(),
        contents: file.contents,
        contains_secret: file.contains_secret,
    })?;

    // the same table appears in its rule's file and in the .all file: report it once
    let mut seen = HashSet::new();
    warnings.retain(|w| seen.insert(w.clone()));
    Ok(warnings)
}

/// One target table and where it sits in the plan.
#[derive(Clone, Copy)]
struct Entry<'a> {
    rule: &'a RulePlan,
    table: &'a TargetTable,
    position: (usize, usize),
}

struct Rendered {
    contents: String,
    contains_secret: bool,
}

/// A column with both of its Flink types.
struct ColumnPlan<'a> {
    column: &'a TargetColumn,
    src: FlinkType,
    sink: FlinkType,
    /// The Hive path casts a column whose type smt could only guess.
    fallback: bool,
    not_null: bool,
}

fn render_file(
    plan: &Plan,
    entries: &[Entry<'_>],
    slots: &Slots,
    warnings: &mut Vec<Warning>,
) -> Result<Rendered, EmitError> {
    // Statements are appended to one string as they are rendered (a 10,000-table file is
    // never held twice).
    let mut statements = Statements::default();
    let mut inserts: Vec<String> = Vec::new();
    let mut secret = false;
    if entries.is_empty() {
        return Ok(Rendered {
            contents: String::new(),
            contains_secret: false,
        });
    }
    let batch = !plan.source.supports_cdc();
    if batch {
        statements.push(format!(
            "SET {} = {}",
            quote_literal("execution.runtime-mode"),
            quote_literal("batch")
        ));
    }
    if plan.source == SourceKind::Hive {
        let pairs: Vec<(&RulePlan, &TargetTable)> =
            entries.iter().map(|e| (e.rule, e.table)).collect();
        let (catalog, w) = hive_catalog_options(plan, &pairs);
        warnings.extend(w);
        secret |= has_secret(&catalog);
        statements.push(format!(
            "CREATE CATALOG {} WITH (\n{}\n)",
            quote_ident(HIVE_CATALOG),
            render_options(&catalog)
        ));
    }

    let mut databases: HashSet<&str> = HashSet::new();
    let mut allocated: Vec<(u64, u64, String)> = Vec::new();
    for (job_index, entry) in entries.iter().enumerate() {
        let table = entry.table;
        let target_name = format!("{}.{}", table.database, table.name);
        if databases.insert(table.database.as_str()) {
            statements.push(format!(
                "CREATE DATABASE IF NOT EXISTS {}.{}",
                quote_ident("default_catalog"),
                quote_ident(&table.database)
            ));
        }

        let columns = plan_columns(plan, table, warnings)?;
        let side = source_side(
            plan,
            entry.rule,
            table,
            Some(entry.position),
            job_index,
            slots,
        )?;
        warnings.extend(side.warnings);
        let (sink, sink_warnings) = sink_side(&entry.rule.name, table);
        warnings.extend(sink_warnings);
        secret |= has_secret(&sink);

        let src_names: Vec<String> = if side.sources.len() == 1 {
            vec![format!("{}_src", table.name)]
        } else {
            (1..=side.sources.len())
                .map(|i| format!("{}_src_{i}", table.name))
                .collect()
        };

        if plan.source != SourceKind::Hive {
            for (spec, name) in side.sources.iter().zip(&src_names) {
                secret |= has_secret(&spec.options);
                if let Some(ids) = spec.server_ids {
                    allocated.push((ids.start, ids.end, target_name.clone()));
                }
                statements.push(create_source(plan, table, &columns, spec, name));
            }
        }
        statements.push(create_sink(table, &columns, &sink));
        inserts.push(insert(plan, table, &columns, &side.sources, &src_names));
    }

    check_server_ids(&mut allocated, warnings);

    if plan.flink.statement_set {
        let mut set = String::from("EXECUTE STATEMENT SET\nBEGIN\n");
        for i in &inserts {
            set.push_str(i);
            set.push_str(";\n");
        }
        set.push_str("END");
        statements.push(set);
    } else {
        for i in inserts {
            statements.push(i);
        }
    }

    Ok(Rendered {
        contents: statements.finish(),
        contains_secret: secret,
    })
}

/// Statements joined as the original tool does: `;\n\n` between, `;\n` at the end.
#[derive(Default)]
struct Statements(String);

impl Statements {
    fn push(&mut self, stmt: String) {
        if !self.0.is_empty() {
            self.0.push_str(";\n\n");
        }
        self.0.push_str(&stmt);
    }

    fn finish(mut self) -> String {
        if !self.0.is_empty() {
            self.0.push_str(";\n");
        }
        self.0
    }
}

/// Map every column of a target and collect the notes as warnings.
fn plan_columns<'a>(
    plan: &Plan,
    table: &'a TargetTable,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<ColumnPlan<'a>>, EmitError> {
    let target_name = format!("{}.{}", table.database, table.name);
    let primary = table.key.kind == KeyKind::Primary;
    let mut out = Vec::with_capacity(table.columns.len());
    for c in &table.columns {
        let is_key = primary && (c.is_key || table.key.columns.iter().any(|k| k == c.name()));
        if c.origin != ColumnOrigin::Source {
            out.push(ColumnPlan {
                column: c,
                src: FlinkType::String,
                sink: FlinkType::String,
                fallback: false,
                not_null: true,
            });
            continue;
        }
        let m = map_column(&c.column, plan.source, &plan.target)?;
        for n in m.notes {
            warnings.push(
                Warning {
                    severity: n.severity,
                    code: n.code.to_string(),
                    table: None,
                    column: None,
                    message: n.message,
                }
                .on_table(target_name.clone())
                .on_column(c.name()),
            );
        }
        let mut sink = m.sink;
        // a column the plan turned into a StarRocks string (a key-legality conversion or a user
        // CAST) is written as text
        if let Some(sr) = &c.starrocks_type {
            let sr = sr.trim().to_ascii_uppercase();
            let textual = ["VARCHAR", "CHAR", "STRING"]
                .iter()
                .any(|p| sr.starts_with(p));
            if textual && !is_character(&sink) {
                sink = FlinkType::String;
            }
        }
        out.push(ColumnPlan {
            column: c,
            src: m.src,
            sink,
            fallback: m.fallback,
            not_null: !c.column.nullable || is_key,
        });
    }
    Ok(out)
}

/// The metadata key a CDC connector offers for a shard-identity column.
fn metadata_key(source: SourceKind, origin: ColumnOrigin) -> &'static str {
    match origin {
        ColumnOrigin::SourceTable => "table_name",
        ColumnOrigin::SourceSchema if source.has_schemas() => "schema_name",
        _ => "database_name",
    }
}

/// Key columns of a Primary Key target (all of them for the sink, the source ones for a source).
fn key_columns(table: &TargetTable, source_only: bool) -> Vec<&str> {
    if table.key.kind != KeyKind::Primary {
        return Vec::new();
    }
    table
        .key
        .columns
        .iter()
        .filter_map(|k| table.column(k))
        .filter(|c| !source_only || c.origin == ColumnOrigin::Source)
        .map(|c| c.name())
        .collect()
}

fn primary_key_line(keys: &[&str]) -> Option<String> {
    if keys.is_empty() {
        return None;
    }
    let cols: Vec<String> = keys.iter().map(|k| quote_ident(k)).collect();
    Some(format!("  PRIMARY KEY ({}) NOT ENFORCED", cols.join(", ")))
}

fn create_source(
    plan: &Plan,
    table: &TargetTable,
    columns: &[ColumnPlan<'_>],
    spec: &SourceSpec,
    name: &str,
) -> String {
    let jdbc = plan.source == SourceKind::Clickhouse;
    let mut lines = Vec::with_capacity(columns.len() + 1);
    for c in columns {
        if c.column.origin == ColumnOrigin::Source {
            lines.push(format!(
                "  {} {}{}",
                quote_ident(c.column.name()),
                c.src,
                if c.not_null { " NOT NULL" } else { "" }
            ));
        } else if !jdbc {
            lines.push(format!(
                "  {} STRING METADATA FROM {} VIRTUAL",
                quote_ident(c.column.name()),
                quote_literal(metadata_key(plan.source, c.column.origin))
            ));
        }
    }
    lines.extend(primary_key_line(&key_columns(table, true)));
    format!(
        "CREATE TABLE IF NOT EXISTS {} (\n{}\n) WITH (\n{}\n)",
        qualified(&table.database, name),
        lines.join(",\n"),
        render_options(&spec.options)
    )
}

fn create_sink(table: &TargetTable, columns: &[ColumnPlan<'_>], sink: &Options) -> String {
    let mut lines = Vec::with_capacity(columns.len() + 1);
    for c in columns {
        lines.push(format!(
            "  {} {}{}",
            quote_ident(c.column.name()),
            c.sink,
            if c.not_null { " NOT NULL" } else { "" }
        ));
    }
    lines.extend(primary_key_line(&key_columns(table, false)));
    format!(
        "CREATE TABLE IF NOT EXISTS {} (\n{}\n) WITH (\n{}\n)",
        qualified(&table.database, &format!("{}_sink", table.name)),
        lines.join(",\n"),
        render_options(sink)
    )
}

/// `INSERT INTO sink (cols) SELECT ... FROM src [UNION ALL SELECT ... FROM src_2 ...]`.
fn insert(
    plan: &Plan,
    table: &TargetTable,
    columns: &[ColumnPlan<'_>],
    sources: &[SourceSpec],
    src_names: &[String],
) -> String {
    let names: Vec<String> = columns
        .iter()
        .map(|c| quote_ident(c.column.name()))
        .collect();
    let mut selects = Vec::with_capacity(sources.len());
    for (spec, src_name) in sources.iter().zip(src_names) {
        let exprs: Vec<String> = columns
            .iter()
            .map(|c| select_expr(plan.source, c, spec))
            .collect();
        let from = match plan.source {
            SourceKind::Hive => {
                format!(
                    "{}.{}.{}",
                    quote_ident(HIVE_CATALOG),
                    quote_ident(spec.group.database.as_literal()),
                    quote_ident(spec.group.table.as_literal())
                )
            }
            _ => qualified(&table.database, src_name),
        };
        selects.push(format!("SELECT {}\nFROM {}", exprs.join(", "), from));
    }
    format!(
        "INSERT INTO {} ({})\n{}",
        qualified(&table.database, &format!("{}_sink", table.name)),
        names.join(", "),
        selects.join("\nUNION ALL\n")
    )
}

fn select_expr(source: SourceKind, c: &ColumnPlan<'_>, spec: &SourceSpec) -> String {
    let name = quote_ident(c.column.name());
    match c.column.origin {
        ColumnOrigin::Source => {
            let cast = c.src != c.sink || (source == SourceKind::Hive && c.fallback);
            if cast {
                format!("CAST({name} AS {})", c.sink)
            } else {
                name
            }
        }
        origin if matches!(source, SourceKind::Hive | SourceKind::Clickhouse) => {
            // no connector metadata in batch reads: the names are constants of the shard
            let group = &spec.group;
            let value = match origin {
                ColumnOrigin::SourceTable => group.table.as_literal(),
                ColumnOrigin::SourceSchema => group
                    .schema
                    .as_ref()
                    .map_or(group.database.as_literal(), |s| s.as_literal()),
                _ => group.database.as_literal(),
            };
            format!("CAST({} AS STRING) AS {name}", quote_literal(value))
        }
        _ => name,
    }
}

fn render_options(options: &Options) -> String {
    options
        .0
        .iter()
        .map(|(k, v)| format!("  {} = {}", quote_literal(k), quote_literal(v)))
        .collect::<Vec<_>>()
        .join(",\n")
}

/// Whether an option list carries a password.
fn has_secret(options: &Options) -> bool {
    options
        .0
        .iter()
        .any(|(k, v)| k.to_ascii_lowercase().contains("password") && !v.is_empty())
}

/// Warn when two mysql-cdc sources of one file got overlapping server ids.
fn check_server_ids(allocated: &mut [(u64, u64, String)], warnings: &mut Vec<Warning>) {
    allocated.sort();
    for pair in allocated.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if b.0 <= a.1 {
            warnings.push(
                Warning::warn(
                    "flink-server-id-overlap",
                    format!(
                        "server ids {}-{} of `{}` overlap {}-{} of `{}`: readers sharing an id \
                         disturb each other; give the rules `flink.cdc.server-id` values far \
                         enough apart",
                        a.0, a.1, a.2, b.0, b.1, b.2
                    ),
                )
                .on_table(b.2.clone()),
            );
        }
    }
}
