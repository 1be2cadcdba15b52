//! Assembling `flink-create.<rule>.sql` and `flink-create.all.sql`.

use std::collections::HashSet;
use std::fmt::Write as _;

use smt_ir::{
    CollectFiles, ColumnOrigin, FileId, FileStream, KeyKind, Plan, RulePlan, SourceKind,
    TargetColumn, TargetTable, Warning,
};

use crate::options::{
    Options, Slots, SourceGroup, SourceSpec, hive_catalog_options, sink_options, sink_warnings,
    source_groups, source_side,
};
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
    emit_to(plan, &mut CollectFiles::new(sink))
}

pub(crate) fn emit_to(plan: &Plan, stream: &mut dyn FileStream) -> Result<Vec<Warning>, EmitError> {
    let slots = Slots::allocate(plan);
    let mut warnings: Vec<Warning> = slots.warnings.clone();
    // With a single rule, `.all` holds exactly the rule's statements: render them once and
    // write them to both files.
    let single_rule = plan.rules.len() == 1;

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
        let rule_file = stream.open(&format!("flink-create.{}.sql", rule.name))?;
        let all_file = if single_rule {
            Some(stream.open("flink-create.all.sql")?)
        } else {
            None
        };
        let files: Vec<FileId> = std::iter::once(rule_file).chain(all_file).collect();
        let secret = render_file(plan, &tables, &slots, &mut warnings, stream, &files)?;
        stream.close(rule_file, secret)?;
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
        if let Some(all) = all_file {
            stream.close(all, secret)?;
            dedup(&mut warnings);
            return Ok(warnings);
        }
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
    let all_file = stream.open("flink-create.all.sql")?;
    let secret = render_file(plan, &all, &slots, &mut warnings, stream, &[all_file])?;
    stream.close(all_file, secret)?;

    // the same table appears in its rule's file and in the .all file: report it once
    dedup(&mut warnings);
    Ok(warnings)
}

/// Keep the first of equal warnings, without cloning them.
fn dedup(warnings: &mut Vec<Warning>) {
    let keep: Vec<bool> = {
        let mut seen: HashSet<&Warning> = HashSet::with_capacity(warnings.len());
        warnings.iter().map(|w| seen.insert(w)).collect()
    };
    let mut keep = keep.into_iter();
    warnings.retain(|_| keep.next().unwrap_or(true));
}

/// One target table and where it sits in the plan.
#[derive(Clone, Copy)]
struct Entry<'a> {
    rule: &'a RulePlan,
    table: &'a TargetTable,
    position: (usize, usize),
}

/// A column with both of its Flink types.
struct ColumnPlan<'a> {
    column: &'a TargetColumn,
    src: FlinkType,
    sink: FlinkType,
    /// The Hive path casts a column whose type smt could only guess.
    fallback: bool,
    not_null: bool,
    /// mysql-cdc reads this column correctly only with `jdbc.properties.tinyInt1isBit = false`.
    needs_not_bit: bool,
}

/// Buffered output of one file's statements (written to one or more identical files).
/// Statements are joined as the original tool does: `;\n\n` between, `;\n` at the end.
struct Out<'s> {
    stream: &'s mut dyn FileStream,
    files: &'s [FileId],
    buf: String,
    started: bool,
}

/// Flush the buffer to the files once it holds this much.
const FLUSH_AT: usize = 64 * 1024;

impl Out<'_> {
    /// Start a statement (the separator before every statement but the first).
    fn stmt(&mut self) -> &mut String {
        if self.started {
            self.buf.push_str(";\n\n");
        }
        self.started = true;
        &mut self.buf
    }

    fn maybe_flush(&mut self) -> Result<(), EmitError> {
        if self.buf.len() >= FLUSH_AT {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), EmitError> {
        if !self.buf.is_empty() {
            for f in self.files {
                self.stream.write(*f, &self.buf)?;
            }
            self.buf.clear();
        }
        Ok(())
    }

    fn finish(mut self) -> Result<(), EmitError> {
        if self.started {
            self.buf.push_str(";\n");
        }
        self.flush()
    }
}

/// Render one file's statements into `files`; returns whether they hold a password.
fn render_file(
    plan: &Plan,
    entries: &[Entry<'_>],
    slots: &Slots,
    warnings: &mut Vec<Warning>,
    stream: &mut dyn FileStream,
    files: &[FileId],
) -> Result<bool, EmitError> {
    let mut out = Out {
        stream,
        files,
        buf: String::with_capacity(FLUSH_AT + 16 * 1024),
        started: false,
    };
    let mut secret = false;
    if entries.is_empty() {
        return Ok(false);
    }
    let batch = !plan.source.supports_cdc();
    if batch {
        let s = out.stmt();
        s.push_str("SET ");
        push_literal(s, "execution.runtime-mode");
        s.push_str(" = ");
        push_literal(s, "batch");
    }
    if plan.source == SourceKind::Hive {
        let pairs: Vec<(&RulePlan, &TargetTable)> =
            entries.iter().map(|e| (e.rule, e.table)).collect();
        let (catalog, w) = hive_catalog_options(plan, &pairs);
        warnings.extend(w);
        secret |= has_secret(&catalog);
        let s = out.stmt();
        s.push_str("CREATE CATALOG ");
        push_ident(s, HIVE_CATALOG);
        s.push_str(" WITH (\n");
        render_options(s, &catalog);
        s.push_str("\n)");
    }

    let mut databases: HashSet<&str> = HashSet::new();
    let mut allocated: Vec<(u64, u64, String)> = Vec::new();
    let mut last_sink_warnings: Vec<Warning> = Vec::new();
    let mut last_sink_key: Option<(&str, &[(String, String)])> = None;
    let mut src_names: Vec<String> = Vec::new();
    for (job_index, entry) in entries.iter().enumerate() {
        let table = entry.table;
        if databases.insert(table.database.as_str()) {
            let s = out.stmt();
            s.push_str("CREATE DATABASE IF NOT EXISTS ");
            push_ident(s, "default_catalog");
            s.push('.');
            push_ident(s, &table.database);
        }

        let columns = plan_columns(plan, table, Some(warnings))?;
        let needs_not_bit = columns.iter().any(|c| c.needs_not_bit);
        let side = source_side(
            plan,
            entry.rule,
            table,
            Some(entry.position),
            job_index,
            slots,
            Some(needs_not_bit),
        )?;
        warnings.extend(side.warnings);
        let sink = sink_options(table);
        // The sink warnings name the rule, not the table: the same ones come for every table
        // of a rule (they depend only on the rule and its options); later copies would be
        // dropped at the end anyway.
        let sink_key = (
            entry.rule.name.as_str(),
            table.flink_sink_options.as_slice(),
        );
        if last_sink_key != Some(sink_key) {
            let w = sink_warnings(&entry.rule.name, &sink);
            if w != last_sink_warnings {
                warnings.extend(w.iter().cloned());
                last_sink_warnings = w;
            }
            last_sink_key = Some(sink_key);
        }
        secret |= has_secret(&sink);

        src_names.clear();
        if side.sources.len() == 1 {
            src_names.push(format!("{}_src", table.name));
        } else {
            src_names.extend((1..=side.sources.len()).map(|i| format!("{}_src_{i}", table.name)));
        }

        if plan.source != SourceKind::Hive {
            for (spec, name) in side.sources.iter().zip(&src_names) {
                secret |= has_secret(&spec.options);
                if let Some(ids) = spec.server_ids {
                    allocated.push((
                        ids.start,
                        ids.end,
                        format!("{}.{}", table.database, table.name),
                    ));
                }
                create_source(out.stmt(), plan, table, &columns, spec, name);
            }
        }
        create_sink(out.stmt(), table, &columns, &sink);
        out.maybe_flush()?;
    }

    check_server_ids(&mut allocated, warnings);

    // The INSERTs go at the end: they are rendered in a second pass over the tables rather
    // than kept (their notes were collected in the first pass).
    if plan.flink.statement_set {
        out.stmt().push_str("EXECUTE STATEMENT SET\nBEGIN\n");
    }
    for entry in entries {
        let table = entry.table;
        let columns = plan_columns(plan, table, None)?;
        let groups = source_groups(table, plan.source);
        let s = if plan.flink.statement_set {
            &mut out.buf
        } else {
            out.stmt()
        };
        insert(s, plan, table, &columns, &groups);
        if plan.flink.statement_set {
            out.buf.push_str(";\n");
        }
        out.maybe_flush()?;
    }
    if plan.flink.statement_set {
        out.buf.push_str("END");
    }
    out.finish()?;
    Ok(secret)
}

/// Map every column of a target and collect the notes as warnings.
fn plan_columns<'a>(
    plan: &Plan,
    table: &'a TargetTable,
    mut warnings: Option<&mut Vec<Warning>>,
) -> Result<Vec<ColumnPlan<'a>>, EmitError> {
    let mut target_name: Option<String> = None;
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
                needs_not_bit: false,
            });
            continue;
        }
        let m = map_column(&c.column, plan.source, &plan.target)?;
        if let Some(warnings) = warnings.as_deref_mut() {
            for n in m.notes {
                let table_name = target_name
                    .get_or_insert_with(|| format!("{}.{}", table.database, table.name))
                    .clone();
                warnings.push(
                    Warning {
                        severity: n.severity,
                        code: n.code.to_string(),
                        table: None,
                        column: None,
                        message: n.message,
                        more_tables: Vec::new(),
                    }
                    .on_table(table_name)
                    .on_column(c.name()),
                );
            }
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
            needs_not_bit: m.needs_tinyint1_not_bit,
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

/// Append `` `name` `` (embedded backquotes doubled), as [`quote_ident`](crate::quote_ident) writes it.
fn push_ident(out: &mut String, name: &str) {
    out.push('`');
    if name.contains('`') {
        out.push_str(&name.replace('`', "``"));
    } else {
        out.push_str(name);
    }
    out.push('`');
}

/// Append `'value'` (embedded quotes doubled), as [`quote_literal`](crate::quote_literal) writes it.
fn push_literal(out: &mut String, value: &str) {
    out.push('\'');
    if value.contains('\'') {
        out.push_str(&value.replace('\'', "''"));
    } else {
        out.push_str(value);
    }
    out.push('\'');
}

/// Append `` `default_catalog`.`db`.`table` ``.
fn push_qualified(out: &mut String, database: &str, table: &str) {
    push_ident(out, "default_catalog");
    out.push('.');
    push_ident(out, database);
    out.push('.');
    push_ident(out, table);
}

fn push_primary_key_line(out: &mut String, keys: &[&str]) {
    if keys.is_empty() {
        return;
    }
    out.push_str(",\n  PRIMARY KEY (");
    for (i, k) in keys.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_ident(out, k);
    }
    out.push_str(") NOT ENFORCED");
}

fn create_source(
    s: &mut String,
    plan: &Plan,
    table: &TargetTable,
    columns: &[ColumnPlan<'_>],
    spec: &SourceSpec,
    name: &str,
) {
    let jdbc = plan.source == SourceKind::Clickhouse;
    s.push_str("CREATE TABLE IF NOT EXISTS ");
    push_qualified(s, &table.database, name);
    s.push_str(" (\n");
    let mut first = true;
    for c in columns {
        if c.column.origin == ColumnOrigin::Source {
            if !first {
                s.push_str(",\n");
            }
            first = false;
            s.push_str("  ");
            push_ident(s, c.column.name());
            s.push(' ');
            let _ = write!(s, "{}", c.src);
            if c.not_null {
                s.push_str(" NOT NULL");
            }
        } else if !jdbc {
            if !first {
                s.push_str(",\n");
            }
            first = false;
            s.push_str("  ");
            push_ident(s, c.column.name());
            s.push_str(" STRING METADATA FROM ");
            push_literal(s, metadata_key(plan.source, c.column.origin));
            s.push_str(" VIRTUAL");
        }
    }
    let keys = key_columns(table, true);
    if first {
        // no column line: the key line (if any) comes first, without a separator
        if !keys.is_empty() {
            let mut line = String::new();
            push_primary_key_line(&mut line, &keys);
            s.push_str(line.trim_start_matches(",\n"));
        }
    } else {
        push_primary_key_line(s, &keys);
    }
    s.push_str("\n) WITH (\n");
    render_options(s, &spec.options);
    s.push_str("\n)");
}

fn create_sink(s: &mut String, table: &TargetTable, columns: &[ColumnPlan<'_>], sink: &Options) {
    s.push_str("CREATE TABLE IF NOT EXISTS ");
    push_ident(s, "default_catalog");
    s.push('.');
    push_ident(s, &table.database);
    s.push_str(".`");
    push_ident_body(s, &table.name);
    s.push_str("_sink` (\n");
    for (i, c) in columns.iter().enumerate() {
        if i > 0 {
            s.push_str(",\n");
        }
        s.push_str("  ");
        push_ident(s, c.column.name());
        s.push(' ');
        let _ = write!(s, "{}", c.sink);
        if c.not_null {
            s.push_str(" NOT NULL");
        }
    }
    let keys = key_columns(table, false);
    if columns.is_empty() {
        if !keys.is_empty() {
            let mut line = String::new();
            push_primary_key_line(&mut line, &keys);
            s.push_str(line.trim_start_matches(",\n"));
        }
    } else {
        push_primary_key_line(s, &keys);
    }
    s.push_str("\n) WITH (\n");
    render_options(s, sink);
    s.push_str("\n)");
}

/// The inside of a quoted identifier (embedded backquotes doubled).
fn push_ident_body(out: &mut String, name: &str) {
    if name.contains('`') {
        out.push_str(&name.replace('`', "``"));
    } else {
        out.push_str(name);
    }
}

/// `INSERT INTO sink (cols) SELECT ... FROM src [UNION ALL SELECT ... FROM src_2 ...]`.
fn insert(
    s: &mut String,
    plan: &Plan,
    table: &TargetTable,
    columns: &[ColumnPlan<'_>],
    groups: &[SourceGroup],
) {
    s.push_str("INSERT INTO ");
    push_ident(s, "default_catalog");
    s.push('.');
    push_ident(s, &table.database);
    s.push_str(".`");
    push_ident_body(s, &table.name);
    s.push_str("_sink` (");
    for (i, c) in columns.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        push_ident(s, c.column.name());
    }
    s.push_str(")\n");
    for (n, group) in groups.iter().enumerate() {
        if n > 0 {
            s.push_str("\nUNION ALL\n");
        }
        s.push_str("SELECT ");
        for (i, c) in columns.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            select_expr(s, plan.source, c, group);
        }
        s.push_str("\nFROM ");
        match plan.source {
            SourceKind::Hive => {
                push_ident(s, HIVE_CATALOG);
                s.push('.');
                push_ident(s, group.database.as_literal());
                s.push('.');
                push_ident(s, group.table.as_literal());
            }
            _ => {
                // `<name>_src`, or `<name>_src_<n>` when the target reads several sources
                push_ident(s, "default_catalog");
                s.push('.');
                push_ident(s, &table.database);
                s.push_str(".`");
                push_ident_body(s, &table.name);
                s.push_str("_src");
                if groups.len() > 1 {
                    let _ = write!(s, "_{}", n + 1);
                }
                s.push('`');
            }
        }
    }
}

fn select_expr(s: &mut String, source: SourceKind, c: &ColumnPlan<'_>, group: &SourceGroup) {
    let name = c.column.name();
    match c.column.origin {
        ColumnOrigin::Source => {
            let cast = c.src != c.sink || (source == SourceKind::Hive && c.fallback);
            if cast {
                s.push_str("CAST(");
                push_ident(s, name);
                let _ = write!(s, " AS {})", c.sink);
            } else {
                push_ident(s, name);
            }
        }
        origin if matches!(source, SourceKind::Hive | SourceKind::Clickhouse) => {
            // no connector metadata in batch reads: the names are constants of the shard
            let value = match origin {
                ColumnOrigin::SourceTable => group.table.as_literal(),
                ColumnOrigin::SourceSchema => group
                    .schema
                    .as_ref()
                    .map_or(group.database.as_literal(), |s| s.as_literal()),
                _ => group.database.as_literal(),
            };
            s.push_str("CAST(");
            push_literal(s, value);
            s.push_str(" AS STRING) AS ");
            push_ident(s, name);
        }
        _ => push_ident(s, name),
    }
}

fn render_options(s: &mut String, options: &Options) {
    for (i, (k, v)) in options.0.iter().enumerate() {
        if i > 0 {
            s.push_str(",\n");
        }
        s.push_str("  ");
        push_literal(s, k);
        s.push_str(" = ");
        push_literal(s, v);
    }
}

/// Whether an option list carries a password.
fn has_secret(options: &Options) -> bool {
    options.0.iter().any(|(k, v)| {
        !v.is_empty()
            && k.as_bytes()
                .windows(8)
                .any(|w| w.eq_ignore_ascii_case(b"password"))
    })
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
