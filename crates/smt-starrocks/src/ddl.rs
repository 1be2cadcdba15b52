//! Rendering of `starrocks-create.*.sql` and `starrocks-external-create.*.sql`.

use std::collections::HashSet;
use std::fmt::Write as _;

use smt_ir::{
    Buckets, ColumnOrigin, DefaultValue, Distribution, FileStream, KeyKind, OutputFile,
    PartitionSpec, Plan, SourceKind, TargetColumn, TargetTable, Warning,
};

use crate::check::{self, ColType, Violation, table_label};
use crate::mapping::TypeClass;
use crate::quote::{push_ident, quote_ident, quote_single, quote_string};
use crate::sqlfile::SqlFile;
use crate::srtype::SrType;

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
/// instead of collecting them, and returns the warnings. Nothing is handed over when a table
/// breaks a rule.
pub fn emit_each(plan: &Plan, sink: &mut smt_ir::FileSink<'_>) -> Result<Vec<Warning>, EmitError> {
    let mut files: Vec<OutputFile> = Vec::new();
    let warnings = emit_to(
        plan,
        &mut smt_ir::CollectFiles::new(&mut |f| {
            files.push(f);
            Ok(())
        }),
    )?;
    // `emit_to` closes each rule's external file with its create file: restore the documented
    // order (every create file, then every external file).
    let (create, external): (Vec<OutputFile>, Vec<OutputFile>) = files
        .into_iter()
        .partition(|f| !f.name.starts_with(EXTERNAL_PREFIX));
    for f in create.into_iter().chain(external) {
        sink(f)?;
    }
    Ok(warnings)
}

/// Write every StarRocks file of the plan piece by piece into `stream`: no whole file is held
/// in memory. Each table is checked as it is rendered; when any table breaks a rule, the error
/// lists every violation and what was written must be discarded (some files may be closed).
/// A rule's files are closed when the rule is done, the `.all` files at the end.
pub fn emit_to(plan: &Plan, stream: &mut dyn FileStream) -> Result<Vec<Warning>, EmitError> {
    let mut violations = Vec::new();
    let mut key_warnings = Vec::new();
    let mut warnings = Vec::new();
    let mut ext_warnings = Vec::new();
    let ext = ExternalKind::of(plan);
    let preamble = ext.and_then(|e| e.preamble(plan));
    let secret = ext == Some(ExternalKind::Mysql) && !plan.connection.password.is_empty();

    let mut all = SqlFile::open(stream, &format!("{CREATE_PREFIX}.all.sql"), None)?;
    let mut ext_all = match ext {
        Some(_) => Some(SqlFile::open(
            stream,
            &format!("{EXTERNAL_PREFIX}.all.sql"),
            preamble.as_deref(),
        )?),
        None => None,
    };
    let mut dbs_all: HashSet<&str> = HashSet::new();
    let mut scratch = String::new();
    for rule in &plan.rules {
        let mut file = SqlFile::open(stream, &format!("{CREATE_PREFIX}.{}.sql", rule.name), None)?;
        let mut ext_file = match ext {
            Some(_) => Some(SqlFile::open(
                stream,
                &format!("{EXTERNAL_PREFIX}.{}.sql", rule.name),
                preamble.as_deref(),
            )?),
            None => None,
        };
        let mut dbs: HashSet<&str> = HashSet::new();
        for t in &rule.tables {
            let types = check::column_types(t, plan);
            violations.extend(check::check_table_with(t, plan, &types));
            key_warnings.extend(check::table_warnings_with(t, &types));
            if !violations.is_empty() {
                // nothing more is written; keep checking to report every violation
                continue;
            }
            let new_db = dbs.insert(t.database.as_str());
            let new_db_all = dbs_all.insert(t.database.as_str());

            scratch.clear();
            render_table_into(&mut scratch, t, &types, &mut warnings);
            if new_db {
                file.create_database(stream, &t.database)?;
            }
            file.stmt(stream, &scratch)?;
            if new_db_all {
                all.create_database(stream, &t.database)?;
            }
            all.stmt(stream, &scratch)?;

            if let (Some(ext), Some(ext_file)) = (ext, ext_file.as_mut()) {
                scratch.clear();
                render_external_into(&mut scratch, t, plan, ext, &types, &mut ext_warnings);
                let db = ext.database(&t.database);
                if new_db {
                    ext_file.create_database(stream, &db)?;
                }
                ext_file.stmt(stream, &scratch)?;
                if let Some(ext_all) = ext_all.as_mut() {
                    if new_db_all {
                        ext_all.create_database(stream, &db)?;
                    }
                    ext_all.stmt(stream, &scratch)?;
                }
            }
        }
        if violations.is_empty() {
            file.close(stream, false)?;
            if let Some(f) = ext_file {
                f.close(stream, secret)?;
            }
        }
    }
    if !violations.is_empty() {
        return Err(EmitError::Violations(violations));
    }
    all.close(stream, false)?;
    if let Some(f) = ext_all {
        f.close(stream, secret)?;
    }
    key_warnings.extend(warnings);
    key_warnings.extend(ext_warnings);
    Ok(key_warnings)
}

/// Append a double-quoted literal as [`quote_string`] writes it.
fn push_string(out: &mut String, s: &str) {
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
}

/// The `CREATE TABLE IF NOT EXISTS` statement of one target table, without the trailing `;`.
///
/// The table is checked first; violations give [`EmitError::Violations`].
pub fn create_table_sql(table: &TargetTable, plan: &Plan) -> Result<String, EmitError> {
    let types = check::column_types(table, plan);
    let v = check::check_table_with(table, plan, &types);
    if !v.is_empty() {
        return Err(EmitError::Violations(v));
    }
    let mut s = String::new();
    render_table_into(&mut s, table, &types, &mut Vec::new());
    Ok(s)
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

fn render_table_into(
    s: &mut String,
    table: &TargetTable,
    types: &[ColType<'_>],
    warnings: &mut Vec<Warning>,
) {
    let kind = table.key.kind;
    s.push_str("CREATE TABLE IF NOT EXISTS ");
    push_ident(s, &table.database);
    s.push('.');
    push_ident(s, &table.name);
    s.push_str(" (\n");
    for (i, (tc, sql)) in table.columns.iter().zip(types).enumerate() {
        if i > 0 {
            s.push_str(",\n");
        }
        let class = sql.parsed().and_then(SrType::class);
        s.push_str("  ");
        push_ident(s, tc.name());
        let _ = write!(s, " {sql}");
        let is_key = is_key_column(table, tc);
        if kind == KeyKind::Aggregate
            && !is_key
            && let Some(a) = &tc.aggregate
        {
            s.push(' ');
            s.push_str(&a.trim().to_ascii_uppercase());
        }
        let not_null = !tc.column.nullable || (kind == KeyKind::Primary && is_key);
        s.push_str(if not_null { " NOT NULL" } else { " NULL" });
        if let Some(d) = default_clause(table, tc, class, warnings) {
            s.push(' ');
            s.push_str(&d);
        }
        s.push_str(" COMMENT ");
        push_string(s, tc.column.comment.as_deref().unwrap_or(""));
    }
    s.push_str("\n) ENGINE=OLAP");
    if !table.key.columns.is_empty() {
        s.push('\n');
        s.push_str(kind.keyword());
        s.push('(');
        push_ident_list(s, &table.key.columns);
        s.push(')');
    }
    s.push_str("\nCOMMENT ");
    push_string(s, table.comment.as_deref().unwrap_or(""));
    if let Some(p) = &table.partition {
        let col = quote_ident(&p.column);
        match &p.spec {
            PartitionSpec::Range {
                start,
                end,
                every,
                unit,
            } => {
                let integer = check::column_index(table, &p.column)
                    .and_then(|i| types.get(i))
                    .and_then(ColType::parsed)
                    .and_then(SrType::class)
                    .is_some_and(|c| matches!(c, TypeClass::Integer | TypeClass::LargeInt));
                let every = if integer {
                    format!("{every}")
                } else {
                    format!("INTERVAL {every} {}", unit.to_ascii_lowercase())
                };
                let _ = write!(
                    s,
                    "\nPARTITION BY RANGE({col}) (\n  START ({}) END ({}) EVERY ({every})\n)",
                    quote_string(start),
                    quote_string(end)
                );
            }
            PartitionSpec::Verbatim { text } => {
                let _ = write!(s, "\nPARTITION BY RANGE({col}) ({})", text.trim());
            }
            PartitionSpec::DateTrunc { unit } => {
                let _ = write!(
                    s,
                    "\nPARTITION BY date_trunc({}, {col})",
                    quote_single(&unit.to_ascii_lowercase())
                );
            }
            PartitionSpec::Columns { .. } => {
                // Expression partitioning on column values (3.1+): `PARTITION BY `a`, `b``.
                s.push_str("\nPARTITION BY ");
                let cols: Vec<String> = p.columns().into_iter().map(str::to_string).collect();
                push_ident_list(s, &cols);
            }
        }
    }
    match &table.distribution {
        Distribution::Hash { columns } => {
            s.push_str("\nDISTRIBUTED BY HASH(");
            push_ident_list(s, columns);
            s.push(')');
        }
        Distribution::Random => s.push_str("\nDISTRIBUTED BY RANDOM"),
    }
    if let Buckets::Fixed(n) = table.buckets {
        let _ = write!(s, " BUCKETS {n}");
    }
    push_properties(
        s,
        table
            .properties
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
}

fn push_ident_list(s: &mut String, names: &[String]) {
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        push_ident(s, n);
    }
}

fn push_properties<'a>(s: &mut String, props: impl Iterator<Item = (&'a str, &'a str)>) {
    let mut first = true;
    for (k, v) in props {
        s.push_str(if first { "\nPROPERTIES (\n" } else { ",\n" });
        first = false;
        s.push_str("  ");
        push_string(s, k);
        s.push_str(" = ");
        push_string(s, v);
    }
    if !first {
        s.push_str("\n)");
    }
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

fn render_external_into(
    s: &mut String,
    table: &TargetTable,
    plan: &Plan,
    ext: ExternalKind,
    types: &[ColType<'_>],
    warnings: &mut Vec<Warning>,
) {
    let first = table.sources.first();
    let src_db = first.map_or("", |s| s.database.as_str());
    let src_table = first.map_or(table.name.as_str(), |s| s.name.as_str());
    let port = plan.connection.port.to_string();
    let mut props: Vec<(&str, &str)> = match ext {
        ExternalKind::Mysql => vec![
            ("host", plan.connection.host.as_str()),
            ("port", port.as_str()),
            ("user", plan.connection.user.as_str()),
            ("password", plan.connection.password.expose()),
            ("database", src_db),
            ("table", src_table),
        ],
        ExternalKind::Hive => vec![
            ("resource", HIVE_RESOURCE),
            ("database", src_db),
            ("table", src_table),
        ],
    };
    for (k, v) in &table.external_properties {
        match props.iter_mut().find(|(pk, _)| *pk == k.as_str()) {
            Some(slot) => slot.1 = v.as_str(),
            None => props.push((k.as_str(), v.as_str())),
        }
    }
    if table.is_merged() {
        let shard = format!("{src_db}.{src_table}");
        let _ = writeln!(
            s,
            "-- merged target of {} source tables: this external table reads only the first, {}",
            table.sources.len(),
            shard.replace('\n', " ")
        );
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
    s.push_str("CREATE EXTERNAL TABLE ");
    push_ident(s, &ext.database(&table.database));
    s.push('.');
    push_ident(s, &table.name);
    s.push_str(" (\n");
    // Identity columns of merged shards do not exist in the source table.
    let mut first_line = true;
    for (tc, sql) in table.columns.iter().zip(types) {
        if tc.origin != ColumnOrigin::Source {
            continue;
        }
        if !first_line {
            s.push_str(",\n");
        }
        first_line = false;
        s.push_str("  ");
        push_ident(s, tc.name());
        let _ = write!(s, " {sql} ");
        s.push_str(if tc.column.nullable {
            "NULL"
        } else {
            "NOT NULL"
        });
        s.push_str(" COMMENT ");
        push_string(s, tc.column.comment.as_deref().unwrap_or(""));
    }
    s.push_str("\n) ENGINE=");
    s.push_str(ext.engine());
    s.push_str("\nCOMMENT ");
    push_string(s, table.comment.as_deref().unwrap_or(""));
    push_properties(s, props.into_iter());
}
