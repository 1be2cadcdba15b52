//! Rendering of `starrocks-create.*.sql` and `starrocks-external-create.*.sql`.

use std::collections::BTreeSet;

use smt_ir::{
    Buckets, ColumnOrigin, DefaultValue, Distribution, KeyKind, OutputFile, PartitionSpec, Plan,
    SourceKind, TargetColumn, TargetTable, Warning,
};

use crate::check::{self, Violation, column_sql, table_label};
use crate::mapping::TypeClass;
use crate::quote::{quote_ident, quote_single, quote_string};
use crate::srtype;

/// Why the emitter refused to write DDL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmitError {
    /// Target tables break StarRocks rules; nothing was written.
    #[error("{} StarRocks rule violation(s):\n{}", .0.len(), list(.0))]
    Violations(Vec<Violation>),
    /// The file sink refused a file (e.g. it could not be written).
    #[error("{0}")]
    Sink(#[from] smt_ir::SinkError),
}

fn list(v: &[Violation]) -> String {
    v.iter()
        .map(|x| format!("  - {x}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What [`emit`] produces: the files, and notes about what the emitter changed or dropped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Emitted {
    /// The generated files, in a fixed order: `starrocks-create.<rule>.sql` per rule, then
    /// `starrocks-create.all.sql`, then (MySQL, TiDB and Hive sources) the
    /// `starrocks-external-create.*` files in the same order.
    pub files: Vec<OutputFile>,
    /// Emitter notes: dropped defaults (`default-dropped`), primary keys above the encoded size
    /// limit (`primary-key-size`), merged targets whose external table reads one shard
    /// (`external-first-shard`). Type-mapping notes are not repeated here: they come from
    /// [`map_type`](crate::map_type), which the planner calls.
    pub warnings: Vec<Warning>,
}

/// Prefix of the `starrocks-create` files.
pub const CREATE_PREFIX: &str = "starrocks-create";
/// Prefix of the `starrocks-external-create` files.
pub const EXTERNAL_PREFIX: &str = "starrocks-external-create";
/// Name of the Hive resource the deprecated Hive external tables use.
pub const HIVE_RESOURCE: &str = "hive_external_resource";

/// Generate every StarRocks file of the plan.
///
/// Each target table is checked first ([`check_table`](crate::check_table)); if any table breaks
/// a rule, nothing is generated and the error lists every violation of every table.
pub fn emit(plan: &Plan) -> Result<Emitted, EmitError> {
    let mut files = Vec::new();
    let warnings = emit_each(plan, &mut |f| {
        files.push(f);
        Ok(())
    })?;
    Ok(Emitted { files, warnings })
}

/// Like [`emit`], but hands every file to `sink` as soon as it is rendered (in the same order)
/// instead of collecting them, and returns the warnings. Memory stays bounded by the largest file.
pub fn emit_each(plan: &Plan, sink: &mut smt_ir::FileSink<'_>) -> Result<Vec<Warning>, EmitError> {
    let mut violations = Vec::new();
    let mut warnings = Vec::new();
    for (_, t) in plan.tables() {
        violations.extend(check::check_table(t, plan));
        warnings.extend(check::table_warnings(t, plan));
    }
    if !violations.is_empty() {
        return Err(EmitError::Violations(violations));
    }

    // Render every table once; files are assembled from these.
    let mut per_rule: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for rule in &plan.rules {
        let mut stmts = Vec::new();
        for t in &rule.tables {
            stmts.push((t.database.clone(), render_table(t, plan, &mut warnings)));
        }
        per_rule.push((rule.name.clone(), stmts));
    }
    for (name, stmts) in &per_rule {
        sink(OutputFile {
            name: format!("{CREATE_PREFIX}.{name}.sql"),
            contents: assemble(&[], stmts.iter()),
            contains_secret: false,
        })?;
    }
    sink(OutputFile {
        name: format!("{CREATE_PREFIX}.all.sql"),
        contents: assemble(&[], per_rule.iter().flat_map(|(_, s)| s.iter())),
        contains_secret: false,
    })?;
    drop(per_rule);

    if let Some(ext) = ExternalKind::of(plan) {
        let mut per_rule: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for rule in &plan.rules {
            let mut stmts = Vec::new();
            for t in &rule.tables {
                stmts.push((
                    ext.database(&t.database),
                    render_external(t, plan, ext, &mut warnings),
                ));
            }
            per_rule.push((rule.name.clone(), stmts));
        }
        let preamble: Vec<String> = ext.preamble(plan).into_iter().collect();
        let secret = ext == ExternalKind::Mysql && !plan.connection.password.is_empty();
        for (name, stmts) in &per_rule {
            sink(OutputFile {
                name: format!("{EXTERNAL_PREFIX}.{name}.sql"),
                contents: assemble(&preamble, stmts.iter()),
                contains_secret: secret,
            })?;
        }
        sink(OutputFile {
            name: format!("{EXTERNAL_PREFIX}.all.sql"),
            contents: assemble(&preamble, per_rule.iter().flat_map(|(_, s)| s.iter())),
            contains_secret: secret,
        })?;
    }
    Ok(warnings)
}

/// Join statements as the original tool does: `;\n\n` between statements and `;\n` at the end,
/// with one `CREATE DATABASE IF NOT EXISTS` before the first table of each database.
fn assemble<'a>(preamble: &[String], stmts: impl Iterator<Item = &'a (String, String)>) -> String {
    let mut out = String::new();
    let mut push = |stmt: &str| {
        if !out.is_empty() {
            out.push_str(";\n\n");
        }
        out.push_str(stmt);
    };
    for p in preamble {
        push(p);
    }
    let mut dbs: BTreeSet<&str> = BTreeSet::new();
    for (db, stmt) in stmts {
        if dbs.insert(db) {
            push(&format!(
                "CREATE DATABASE IF NOT EXISTS {}",
                quote_ident(db)
            ));
        }
        push(stmt);
    }
    if !out.is_empty() {
        out.push_str(";\n");
    }
    out
}

/// The `CREATE TABLE IF NOT EXISTS` statement of one target table, without the trailing `;`.
///
/// The table is checked first; violations give [`EmitError::Violations`].
pub fn create_table_sql(table: &TargetTable, plan: &Plan) -> Result<String, EmitError> {
    let v = check::check_table(table, plan);
    if !v.is_empty() {
        return Err(EmitError::Violations(v));
    }
    Ok(render_table(table, plan, &mut Vec::new()))
}

fn is_key_column(table: &TargetTable, tc: &TargetColumn) -> bool {
    tc.is_key
        || table
            .key
            .columns
            .iter()
            .any(|k| k.eq_ignore_ascii_case(tc.name()))
}

/// The `DEFAULT ...` clause of a column, if StarRocks can take it.
fn default_clause(
    table: &TargetTable,
    tc: &TargetColumn,
    class: Option<TypeClass>,
    warnings: &mut Vec<Warning>,
) -> Option<String> {
    let d = tc.column.default.as_ref()?;
    let drop = |why: String, warnings: &mut Vec<Warning>| {
        warnings.push(
            Warning::info("default-dropped", why)
                .on_table(table_label(table))
                .on_column(tc.name()),
        );
        None
    };
    match d {
        DefaultValue::Null => None,
        DefaultValue::Literal(v) => match class {
            Some(
                TypeClass::Json
                | TypeClass::Array
                | TypeClass::Map
                | TypeClass::Struct
                | TypeClass::Binary,
            ) => drop(
                format!(
                    "default {} dropped: StarRocks takes no literal default on this column type",
                    quote_string(v)
                ),
                warnings,
            ),
            Some(TypeClass::Date | TypeClass::Datetime) if v.starts_with("0000-00-00") => drop(
                format!(
                    "zero-date default {} dropped: StarRocks rejects it",
                    quote_string(v)
                ),
                warnings,
            ),
            _ => Some(format!("DEFAULT {}", quote_string(v))),
        },
        DefaultValue::Expression(e) => {
            if d.is_current_timestamp() && class == Some(TypeClass::Datetime) {
                Some("DEFAULT CURRENT_TIMESTAMP".to_string())
            } else {
                drop(
                    format!(
                        "default expression `{e}` dropped: StarRocks cannot evaluate it (rows get their values from the source)"
                    ),
                    warnings,
                )
            }
        }
    }
}

fn render_table(table: &TargetTable, plan: &Plan, warnings: &mut Vec<Warning>) -> String {
    let kind = table.key.kind;
    let mut lines = Vec::new();
    for tc in &table.columns {
        let sql = column_sql(tc, plan);
        let class = srtype::parse(&sql).and_then(|t| t.class());
        let mut parts = vec![quote_ident(tc.name()), sql.clone()];
        if kind == KeyKind::Aggregate
            && !is_key_column(table, tc)
            && let Some(a) = &tc.aggregate
        {
            parts.push(a.trim().to_ascii_uppercase());
        }
        let not_null =
            !tc.column.nullable || (kind == KeyKind::Primary && is_key_column(table, tc));
        parts.push(if not_null { "NOT NULL" } else { "NULL" }.to_string());
        if let Some(d) = default_clause(table, tc, class, warnings) {
            parts.push(d);
        }
        parts.push(format!(
            "COMMENT {}",
            quote_string(tc.column.comment.as_deref().unwrap_or(""))
        ));
        lines.push(format!("  {}", parts.join(" ")));
    }
    let mut s = format!(
        "CREATE TABLE IF NOT EXISTS {}.{} (\n{}\n) ENGINE=OLAP",
        quote_ident(&table.database),
        quote_ident(&table.name),
        lines.join(",\n")
    );
    if !table.key.columns.is_empty() {
        s.push_str(&format!(
            "\n{}({})",
            kind.keyword(),
            ident_list(&table.key.columns)
        ));
    }
    s.push_str(&format!(
        "\nCOMMENT {}",
        quote_string(table.comment.as_deref().unwrap_or(""))
    ));
    if let Some(p) = &table.partition {
        let col = quote_ident(&p.column);
        match &p.spec {
            PartitionSpec::Range {
                start,
                end,
                every,
                unit,
            } => {
                let integer = table
                    .column(&p.column)
                    .and_then(|tc| srtype::parse(&column_sql(tc, plan)))
                    .and_then(|t| t.class())
                    .is_some_and(|c| matches!(c, TypeClass::Integer | TypeClass::LargeInt));
                let every = if integer {
                    format!("{every}")
                } else {
                    format!("INTERVAL {every} {}", unit.to_ascii_lowercase())
                };
                s.push_str(&format!(
                    "\nPARTITION BY RANGE({col}) (\n  START ({}) END ({}) EVERY ({every})\n)",
                    quote_string(start),
                    quote_string(end)
                ));
            }
            PartitionSpec::Verbatim { text } => {
                s.push_str(&format!("\nPARTITION BY RANGE({col}) ({})", text.trim()));
            }
            PartitionSpec::DateTrunc { unit } => {
                s.push_str(&format!(
                    "\nPARTITION BY date_trunc({}, {col})",
                    quote_single(&unit.to_ascii_lowercase())
                ));
            }
        }
    }
    match &table.distribution {
        Distribution::Hash { columns } => {
            s.push_str(&format!("\nDISTRIBUTED BY HASH({})", ident_list(columns)));
        }
        Distribution::Random => s.push_str("\nDISTRIBUTED BY RANDOM"),
    }
    if let Buckets::Fixed(n) = table.buckets {
        s.push_str(&format!(" BUCKETS {n}"));
    }
    s.push_str(&properties(&table.properties));
    s
}

fn ident_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| quote_ident(n))
        .collect::<Vec<_>>()
        .join(", ")
}

fn properties(props: &[(String, String)]) -> String {
    if props.is_empty() {
        return String::new();
    }
    let body: Vec<String> = props
        .iter()
        .map(|(k, v)| format!("  {} = {}", quote_string(k), quote_string(v)))
        .collect();
    format!("\nPROPERTIES (\n{}\n)", body.join(",\n"))
}

/// Which deprecated external-table flavour a source has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ExternalKind {
    Mysql,
    Hive,
}

impl ExternalKind {
    fn of(plan: &Plan) -> Option<Self> {
        match plan.source {
            SourceKind::Mysql | SourceKind::Tidb => Some(ExternalKind::Mysql),
            SourceKind::Hive => Some(ExternalKind::Hive),
            _ => None,
        }
    }

    fn database(self, db: &str) -> String {
        match self {
            ExternalKind::Mysql => format!("mysql_external_{db}"),
            ExternalKind::Hive => format!("hive_external_{db}"),
        }
    }

    fn engine(self) -> &'static str {
        match self {
            ExternalKind::Mysql => "mysql",
            ExternalKind::Hive => "hive",
        }
    }

    /// Statements before the tables: the Hive resource. `CREATE EXTERNAL RESOURCE` has no
    /// `IF NOT EXISTS`, so running a second file reports that the resource exists; the tables
    /// are still created by the statements that follow when the client continues on error.
    fn preamble(self, plan: &Plan) -> Option<String> {
        match self {
            ExternalKind::Mysql => None,
            ExternalKind::Hive => {
                let uris = plan
                    .connection
                    .fact("hive.metastore-uris")
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("thrift://{}:9083", plan.connection.host));
                Some(format!(
                    "CREATE EXTERNAL RESOURCE {} PROPERTIES (\n  \"type\" = \"hive\",\n  \"hive.metastore.uris\" = {}\n)",
                    quote_string(HIVE_RESOURCE),
                    quote_string(&uris)
                ))
            }
        }
    }
}

fn render_external(
    table: &TargetTable,
    plan: &Plan,
    ext: ExternalKind,
    warnings: &mut Vec<Warning>,
) -> String {
    // Identity columns of merged shards do not exist in the source table.
    let lines: Vec<String> = table
        .columns
        .iter()
        .filter(|tc| tc.origin == ColumnOrigin::Source)
        .map(|tc| {
            format!(
                "  {} {} {} COMMENT {}",
                quote_ident(tc.name()),
                column_sql(tc, plan),
                if tc.column.nullable {
                    "NULL"
                } else {
                    "NOT NULL"
                },
                quote_string(tc.column.comment.as_deref().unwrap_or(""))
            )
        })
        .collect();
    let first = table.sources.first();
    let src_db = first.map(|s| s.database.clone()).unwrap_or_default();
    let src_table = first
        .map(|s| s.name.clone())
        .unwrap_or_else(|| table.name.clone());
    let mut props: Vec<(String, String)> = match ext {
        ExternalKind::Mysql => vec![
            ("host".into(), plan.connection.host.clone()),
            ("port".into(), plan.connection.port.to_string()),
            ("user".into(), plan.connection.user.clone()),
            (
                "password".into(),
                plan.connection.password.expose().to_string(),
            ),
            ("database".into(), src_db.clone()),
            ("table".into(), src_table.clone()),
        ],
        ExternalKind::Hive => vec![
            ("resource".into(), HIVE_RESOURCE.to_string()),
            ("database".into(), src_db.clone()),
            ("table".into(), src_table.clone()),
        ],
    };
    for (k, v) in &table.external_properties {
        match props.iter_mut().find(|(pk, _)| pk == k) {
            Some(slot) => slot.1 = v.clone(),
            None => props.push((k.clone(), v.clone())),
        }
    }
    let mut s = String::new();
    if table.is_merged() {
        let shard = format!("{src_db}.{src_table}");
        s.push_str(&format!(
            "-- merged target of {} source tables: this external table reads only the first, {}\n",
            table.sources.len(),
            shard.replace('\n', " ")
        ));
        warnings.push(
            Warning::info(
                "external-first-shard",
                format!(
                    "the external table of this merged target reads only the first shard, {shard}"
                ),
            )
            .on_table(table_label(table)),
        );
    }
    s.push_str(&format!(
        "CREATE EXTERNAL TABLE {}.{} (\n{}\n) ENGINE={}\nCOMMENT {}{}",
        quote_ident(&ext.database(&table.database)),
        quote_ident(&table.name),
        lines.join(",\n"),
        ext.engine(),
        quote_string(table.comment.as_deref().unwrap_or("")),
        properties(&props)
    ));
    s
}
