//! Catalog rows as plain data, and the pure functions that turn them into IR tables.
//!
//! Nothing here does I/O: the live adapter fills these structs from `information_schema`, and
//! tests (and the TiDB adapter's tests) fill them from recorded rows.

use std::collections::{BTreeMap, HashMap};

use smt_catalog::native::mysql::{DefaultFlavor, parse_column_type, parse_default};
use smt_ir::{Column, DataType, Generated, Key, SizeEstimate, Table, TableName};

use crate::server::Flavor;

/// One row of `information_schema.TABLES`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableRow {
    /// `TABLE_SCHEMA`.
    pub schema: String,
    /// `TABLE_NAME`.
    pub name: String,
    /// `TABLE_TYPE` (`BASE TABLE`, `SYSTEM VERSIONED`, ...).
    pub table_type: String,
    /// `ENGINE`.
    pub engine: Option<String>,
    /// `TABLE_ROWS` (an estimate on InnoDB).
    pub table_rows: Option<u64>,
    /// `DATA_LENGTH` in bytes.
    pub data_length: Option<u64>,
    /// `UNIX_TIMESTAMP(CREATE_TIME)`.
    pub create_time: Option<i64>,
    /// `TABLE_COLLATION`.
    pub collation: Option<String>,
    /// `TABLE_COMMENT`.
    pub comment: Option<String>,
    /// Optional columns that were asked for and exist on this server (e.g. `TIDB_PK_TYPE`), by
    /// upper-case column name; NULL values are left out.
    pub extras: BTreeMap<String, String>,
}

impl TableRow {
    /// The table's name in the IR.
    pub fn table_name(&self) -> TableName {
        TableName::new(self.schema.clone(), self.name.clone())
    }
}

/// One row of `information_schema.COLUMNS`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnRow {
    /// `TABLE_SCHEMA`.
    pub schema: String,
    /// `TABLE_NAME`.
    pub table: String,
    /// `COLUMN_NAME`.
    pub name: String,
    /// `ORDINAL_POSITION`.
    pub ordinal: u64,
    /// `COLUMN_DEFAULT`, verbatim (MariaDB quotes literals, MySQL does not).
    pub default: Option<String>,
    /// `IS_NULLABLE = 'YES'`.
    pub nullable: bool,
    /// `DATA_TYPE`.
    pub data_type: String,
    /// `COLUMN_TYPE` (`int(10) unsigned zerofill`, `enum('a','b')`).
    pub column_type: String,
    /// `CHARACTER_MAXIMUM_LENGTH`.
    pub char_max_length: Option<u64>,
    /// `CHARACTER_OCTET_LENGTH`.
    pub char_octet_length: Option<u64>,
    /// `NUMERIC_PRECISION`.
    pub numeric_precision: Option<u64>,
    /// `NUMERIC_SCALE`.
    pub numeric_scale: Option<u64>,
    /// `DATETIME_PRECISION` (NULL when the server lacks the column).
    pub datetime_precision: Option<u64>,
    /// `CHARACTER_SET_NAME`.
    pub charset: Option<String>,
    /// `COLLATION_NAME`.
    pub collation: Option<String>,
    /// `EXTRA` (`auto_increment`, `VIRTUAL GENERATED`, `DEFAULT_GENERATED on update ...`).
    pub extra: String,
    /// `COLUMN_COMMENT`.
    pub comment: String,
    /// `GENERATION_EXPRESSION` (NULL when the server lacks the column).
    pub generation_expression: Option<String>,
}

/// One row of `information_schema.STATISTICS` for a unique index (`NON_UNIQUE = 0`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyRow {
    /// `TABLE_SCHEMA`.
    pub schema: String,
    /// `TABLE_NAME`.
    pub table: String,
    /// `INDEX_NAME` (`PRIMARY` for the primary key).
    pub index_name: String,
    /// `SEQ_IN_INDEX`, from 1.
    pub seq_in_index: u64,
    /// `COLUMN_NAME`; NULL for a functional key part (MySQL 8.0.13+).
    pub column_name: Option<String>,
}

/// One row of `information_schema.CHECK_CONSTRAINTS` (MariaDB), used to find JSON columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckRow {
    /// `CONSTRAINT_SCHEMA`.
    pub schema: String,
    /// `TABLE_NAME`.
    pub table: String,
    /// `CONSTRAINT_NAME`.
    pub name: String,
    /// `CHECK_CLAUSE`, e.g. ``json_valid(`doc`)``.
    pub clause: String,
}

/// Everything read for one `describe_tables` call.
#[derive(Debug, Clone, Default)]
pub struct CatalogRows {
    /// `TABLES` rows.
    pub tables: Vec<TableRow>,
    /// `COLUMNS` rows, any order.
    pub columns: Vec<ColumnRow>,
    /// `STATISTICS` rows of unique indexes, in the server's order.
    pub keys: Vec<KeyRow>,
    /// `CHECK_CONSTRAINTS` rows.
    pub checks: Vec<CheckRow>,
}

/// Called once per assembled table, with its `TABLES` row and each column's raw `EXTRA` text
/// (aligned with `table.columns`), so an adapter built on this one (TiDB) can add its own facts.
pub type TableHook = fn(&TableRow, &[String], &mut Table);

/// One column converted to the IR as its row arrived, with what assembly still needs.
#[derive(Debug, Clone)]
pub struct ConvertedColumn {
    /// `ORDINAL_POSITION`.
    pub ordinal: u64,
    /// The IR column (JSON not applied yet).
    pub column: Column,
    /// The raw `EXTRA` text.
    pub extra: String,
}

/// Columns converted as they arrive, grouped by `(schema, table)`: the live adapter keeps these
/// instead of the raw rows (a fraction of the memory on big catalogs).
#[derive(Debug, Clone, Default)]
pub struct ColumnGroups {
    groups: HashMap<(String, String), Vec<ConvertedColumn>>,
    last: Option<(String, String)>,
}

impl ColumnGroups {
    /// Convert one `COLUMNS` row and file it under its table.
    pub fn push(&mut self, flavor: Flavor, row: ColumnRow) {
        let converted = ConvertedColumn {
            ordinal: row.ordinal,
            column: column(flavor, &row, false),
            extra: row.extra,
        };
        // Rows of one table usually arrive together: avoid re-allocating the key for each.
        let same = self
            .last
            .as_ref()
            .is_some_and(|(s, t)| *s == row.schema && *t == row.table);
        if !same {
            self.last = Some((row.schema, row.table));
        }
        if let Some(key) = &self.last {
            match self.groups.get_mut(key) {
                Some(v) => v.push(converted),
                None => {
                    self.groups.insert(key.clone(), vec![converted]);
                }
            }
        }
    }

    /// Group already converted rows.
    pub fn from_rows(flavor: Flavor, rows: impl IntoIterator<Item = ColumnRow>) -> Self {
        let mut g = ColumnGroups::default();
        for r in rows {
            g.push(flavor, r);
        }
        g
    }

    fn take(&mut self, key: &(String, String)) -> Option<Vec<ConvertedColumn>> {
        self.groups.remove(key)
    }
}

/// Assemble IR tables from catalog rows, in the order of `wanted`. Tables without a `TABLES`
/// row or without columns (dropped in between) are left out.
///
/// - Columns are ordered by `ORDINAL_POSITION`; types go through the shared
///   [`parse_column_type`] (an unparsable type becomes [`DataType::Other`]), defaults through
///   [`parse_default`] with the flavour's quoting rules.
/// - On MariaDB a character column with a `CHECK (json_valid(col))` constraint is JSON.
/// - The primary key is the index named `PRIMARY`; unique keys are the other
///   unique indexes in the order the server lists them (the `SHOW CREATE TABLE` order), key
///   columns by `SEQ_IN_INDEX`. Unique indexes with a functional key part are left out.
pub fn assemble(
    flavor: Flavor,
    wanted: &[TableName],
    rows: CatalogRows,
    hook: Option<TableHook>,
) -> Vec<Table> {
    let groups = ColumnGroups::from_rows(flavor, rows.columns);
    assemble_groups(
        flavor,
        wanted,
        rows.tables,
        groups,
        rows.keys,
        rows.checks,
        hook,
    )
}

/// [`assemble`] over columns already converted into [`ColumnGroups`].
pub fn assemble_groups(
    flavor: Flavor,
    wanted: &[TableName],
    tables: Vec<TableRow>,
    mut columns: ColumnGroups,
    keys: Vec<KeyRow>,
    checks: Vec<CheckRow>,
    hook: Option<TableHook>,
) -> Vec<Table> {
    let mut tables: HashMap<(String, String), TableRow> = tables
        .into_iter()
        .map(|t| ((t.schema.clone(), t.name.clone()), t))
        .collect();
    let mut key_rows: HashMap<(String, String), Vec<KeyRow>> = HashMap::new();
    for k in keys {
        key_rows
            .entry((k.schema.clone(), k.table.clone()))
            .or_default()
            .push(k);
    }
    let mut json_columns: HashMap<(String, String), Vec<String>> = HashMap::new();
    if flavor == Flavor::MariaDb {
        for c in checks {
            if let Some(col) = json_valid_column(&c.clause) {
                json_columns
                    .entry((c.schema, c.table))
                    .or_default()
                    .push(col);
            }
        }
    }

    let mut out = Vec::with_capacity(wanted.len());
    for name in wanted {
        let id = (name.database.clone(), name.name.clone());
        let Some(trow) = tables.remove(&id) else {
            continue;
        };
        let Some(mut cols) = columns.take(&id) else {
            continue;
        };
        cols.sort_by_key(|c| c.ordinal);
        let json = json_columns.remove(&id).unwrap_or_default();
        let mut table = Table::new(name.clone());
        let mut extras = Vec::with_capacity(cols.len());
        table.columns = cols
            .into_iter()
            .map(|c| {
                let mut col = c.column;
                if json.iter().any(|j| j.eq_ignore_ascii_case(&col.name)) {
                    make_json(&mut col);
                }
                extras.push(c.extra);
                col
            })
            .collect();
        let (pk, uks) = table_keys(key_rows.remove(&id).unwrap_or_default());
        table.primary_key = pk;
        table.unique_keys = uks;
        table.comment = trow.comment.clone().filter(|c| !c.is_empty());
        table.size = SizeEstimate {
            bytes: trow.data_length,
            rows: trow.table_rows,
            created_epoch_secs: trow.create_time,
        };
        if let Some(hook) = hook {
            hook(&trow, &extras, &mut table);
        }
        out.push(table);
    }
    out
}

/// Turn a character column into JSON (MariaDB's `longtext` + `CHECK (json_valid(..))`).
fn make_json(col: &mut Column) {
    if col.data_type.is_character() {
        col.data_type = DataType::Json { binary: false };
        col.charset = None;
        col.collation = None;
    }
}

/// One IR column from its `COLUMNS` row.
pub fn column(flavor: Flavor, row: &ColumnRow, is_json: bool) -> Column {
    let charset = row.charset.as_deref().filter(|c| !c.is_empty());
    // ZEROFILL only changes how values are shown; `native_type` keeps it for reports.
    let mut data_type = match parse_column_type(&row.column_type, charset) {
        Ok(t) => t.data_type,
        Err(_) => DataType::Other {
            native: row.column_type.clone(),
        },
    };
    if is_json && data_type.is_character() {
        data_type = DataType::Json { binary: false };
    }
    let extra = row.extra.to_ascii_lowercase();
    let words: Vec<&str> = extra.split_whitespace().collect();
    let is_generated = words
        .iter()
        .any(|w| matches!(*w, "virtual" | "stored" | "persistent"));
    let generated = if is_generated {
        row.generation_expression
            .as_ref()
            .filter(|e| !e.trim().is_empty())
            .map(|e| Generated {
                expression: e.clone(),
                stored: words.iter().any(|w| matches!(*w, "stored" | "persistent")),
            })
    } else {
        None
    };
    let default = if generated.is_some() {
        None
    } else {
        let default_flavor = match flavor {
            Flavor::MariaDb => DefaultFlavor::MariaDb,
            Flavor::MySql | Flavor::TiDb => {
                if extra.contains("default_generated") {
                    DefaultFlavor::MySqlGenerated
                } else {
                    DefaultFlavor::MySql
                }
            }
        };
        parse_default(row.default.as_deref(), &data_type, default_flavor)
    };
    let character = data_type.is_character()
        || matches!(data_type, DataType::Enum { .. } | DataType::Set { .. });
    let mut col = Column::new(row.name.clone(), data_type, row.column_type.clone());
    col.nullable = row.nullable;
    col.default = default;
    col.comment = Some(row.comment.clone()).filter(|c| !c.is_empty());
    col.auto_increment = extra.contains("auto_increment");
    col.generated = generated;
    if character {
        col.charset = charset.map(str::to_string);
        col.collation = row.collation.clone().filter(|c| !c.is_empty());
    }
    col
}

/// The primary key and the unique keys of one table, from its unique-index rows in server order.
pub fn table_keys(rows: Vec<KeyRow>) -> (Option<Key>, Vec<Key>) {
    // Index names in first-appearance order, with their (seq, column) parts.
    let mut order: Vec<String> = Vec::new();
    let mut parts: HashMap<String, Vec<(u64, Option<String>)>> = HashMap::new();
    for r in rows {
        if !parts.contains_key(&r.index_name) {
            order.push(r.index_name.clone());
        }
        parts
            .entry(r.index_name)
            .or_default()
            .push((r.seq_in_index, r.column_name));
    }
    let mut primary = None;
    let mut uniques = Vec::new();
    for name in order {
        let mut cols = parts.remove(&name).unwrap_or_default();
        cols.sort_by_key(|(seq, _)| *seq);
        let Some(columns) = cols.into_iter().map(|(_, c)| c).collect::<Option<Vec<_>>>() else {
            continue; // a functional key part: no column set to key on
        };
        if columns.is_empty() {
            continue;
        }
        if name == "PRIMARY" {
            primary = Some(Key::new(Some(name), columns));
        } else {
            uniques.push(Key::new(Some(name), columns));
        }
    }
    (primary, uniques)
}

/// The column named by a MariaDB JSON check clause (``json_valid(`doc`)``), if the clause is
/// exactly that (optionally in parentheses).
pub fn json_valid_column(clause: &str) -> Option<String> {
    let mut t = clause.trim();
    while let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        t = inner.trim();
    }
    let lower = t.to_ascii_lowercase();
    let rest = lower.strip_prefix("json_valid")?.trim_start();
    let skip = t.len() - rest.len();
    let arg = t[skip..].strip_prefix('(')?.strip_suffix(')')?.trim();
    if let Some(q) = arg.strip_prefix('`') {
        let body = q.strip_suffix('`')?;
        // A backquote inside a quoted identifier is doubled.
        if body.replace("``", "").contains('`') {
            return None;
        }
        return Some(body.replace("``", "`"));
    }
    if !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
    {
        return Some(arg.to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use smt_ir::{DefaultValue, TimeZoneKind};

    use super::*;

    fn col(name: &str, ordinal: u64, column_type: &str) -> ColumnRow {
        ColumnRow {
            schema: "db".into(),
            table: "t".into(),
            name: name.into(),
            ordinal,
            nullable: true,
            column_type: column_type.into(),
            data_type: column_type
                .split(['(', ' '])
                .next()
                .unwrap_or_default()
                .into(),
            ..ColumnRow::default()
        }
    }

    fn key(index: &str, seq: u64, column: Option<&str>) -> KeyRow {
        KeyRow {
            schema: "db".into(),
            table: "t".into(),
            index_name: index.into(),
            seq_in_index: seq,
            column_name: column.map(str::to_string),
        }
    }

    fn table_row() -> TableRow {
        TableRow {
            schema: "db".into(),
            name: "t".into(),
            table_type: "BASE TABLE".into(),
            table_rows: Some(10),
            data_length: Some(16384),
            create_time: Some(1_700_000_000),
            comment: Some(String::new()),
            ..TableRow::default()
        }
    }

    #[test]
    fn json_clause() {
        assert_eq!(
            json_valid_column("json_valid(`doc`)").as_deref(),
            Some("doc")
        );
        assert_eq!(
            json_valid_column("(JSON_VALID(`a``b`))").as_deref(),
            Some("a`b")
        );
        assert_eq!(json_valid_column("json_valid(doc)").as_deref(), Some("doc"));
        assert_eq!(json_valid_column("json_valid(`a`) and `b` > 0"), None);
        assert_eq!(json_valid_column("`e` > 0"), None);
    }

    #[test]
    fn keys_in_server_order() {
        let (pk, uks) = table_keys(vec![
            key("PRIMARY", 2, Some("b")),
            key("PRIMARY", 1, Some("a")),
            key("uk_z", 1, Some("z")),
            key("fn_idx", 1, None),
            key("uk_a", 1, Some("c")),
            key("uk_a", 2, Some("d")),
        ]);
        assert_eq!(
            pk,
            Some(Key::new(
                Some("PRIMARY".into()),
                vec!["a".into(), "b".into()]
            ))
        );
        assert_eq!(
            uks,
            vec![
                Key::new(Some("uk_z".into()), vec!["z".into()]),
                Key::new(Some("uk_a".into()), vec!["c".into(), "d".into()]),
            ]
        );
    }

    #[test]
    fn mariadb_rows_to_table() {
        let mut id = col("id", 1, "int(11)");
        id.nullable = false;
        id.extra = "auto_increment".into();
        let mut name = col("name", 3, "varchar(10)");
        name.default = Some("'it''s'".into());
        name.charset = Some("latin1".into());
        name.collation = Some("latin1_swedish_ci".into());
        name.comment = "a \"name\"".into();
        let mut doc = col("doc", 2, "longtext");
        doc.default = Some("NULL".into());
        doc.charset = Some("utf8mb4".into());
        doc.collation = Some("utf8mb4_bin".into());
        let mut gen_col = col("g", 4, "int(11)");
        gen_col.extra = "STORED GENERATED".into();
        gen_col.default = Some("NULL".into());
        gen_col.generation_expression = Some("`id` + 1".into());
        let mut ts = col("ts", 5, "timestamp(3)");
        ts.default = Some("current_timestamp(3)".into());
        let mut z = col("z", 6, "int(10) unsigned zerofill");
        z.default = Some("NULL".into());
        let rows = CatalogRows {
            tables: vec![table_row()],
            columns: vec![name, ts, gen_col, id, doc, z],
            keys: vec![key("PRIMARY", 1, Some("id"))],
            checks: vec![CheckRow {
                schema: "db".into(),
                table: "t".into(),
                name: "doc".into(),
                clause: "json_valid(`doc`)".into(),
            }],
        };
        let wanted = vec![TableName::new("db", "t"), TableName::new("db", "gone")];
        let tables = assemble(Flavor::MariaDb, &wanted, rows, None);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["id", "doc", "name", "g", "ts", "z"]);
        assert!(t.columns[0].auto_increment);
        assert!(!t.columns[0].nullable);
        assert_eq!(t.columns[1].data_type, DataType::Json { binary: false });
        assert_eq!(t.columns[1].default, None);
        assert_eq!(t.columns[1].charset, None);
        assert_eq!(t.columns[2].data_type, DataType::varchar(10, 1));
        assert_eq!(
            t.columns[2].default,
            Some(DefaultValue::Literal("it's".into()))
        );
        assert_eq!(t.columns[2].comment.as_deref(), Some("a \"name\""));
        assert_eq!(t.columns[2].charset.as_deref(), Some("latin1"));
        assert_eq!(
            t.columns[3].generated,
            Some(Generated {
                expression: "`id` + 1".into(),
                stored: true
            })
        );
        assert_eq!(t.columns[3].default, None);
        assert_eq!(
            t.columns[4].data_type,
            DataType::Timestamp {
                precision: Some(3),
                time_zone: TimeZoneKind::Local
            }
        );
        assert_eq!(
            t.columns[4].default,
            Some(DefaultValue::Expression("CURRENT_TIMESTAMP(3)".into()))
        );
        assert_eq!(
            t.columns[5].data_type,
            DataType::Integer {
                bits: 32,
                unsigned: true,
                display_width: Some(10)
            }
        );
        assert!(t.columns[5].facts.is_empty());
        assert_eq!(
            t.primary_key,
            Some(Key::new(Some("PRIMARY".into()), vec!["id".into()]))
        );
        assert_eq!(t.comment, None);
        assert_eq!(t.size.rows, Some(10));
        assert_eq!(t.size.bytes, Some(16384));
        assert_eq!(t.size.created_epoch_secs, Some(1_700_000_000));
    }

    #[test]
    fn mysql_defaults_are_unquoted_and_json_check_ignored() {
        let mut a = col("a", 1, "varchar(10)");
        a.default = Some("it's".into());
        a.charset = Some("utf8mb4".into());
        let mut u = col("u", 2, "char(36)");
        u.default = Some("uuid()".into());
        u.extra = "DEFAULT_GENERATED".into();
        u.charset = Some("utf8mb4".into());
        let mut bad = col("bad", 3, "int(x)");
        bad.default = None;
        let rows = CatalogRows {
            tables: vec![table_row()],
            columns: vec![a, u, bad],
            keys: vec![],
            checks: vec![CheckRow {
                schema: "db".into(),
                table: "t".into(),
                name: "c".into(),
                clause: "json_valid(`a`)".into(),
            }],
        };
        let t = &assemble(Flavor::MySql, &[TableName::new("db", "t")], rows, None)[0];
        assert_eq!(t.columns[0].data_type, DataType::varchar(10, 4));
        assert_eq!(
            t.columns[0].default,
            Some(DefaultValue::Literal("it's".into()))
        );
        assert_eq!(
            t.columns[1].default,
            Some(DefaultValue::Expression("uuid()".into()))
        );
        assert_eq!(
            t.columns[2].data_type,
            DataType::Other {
                native: "int(x)".into()
            }
        );
        assert_eq!(t.primary_key, None);
        assert!(t.unique_keys.is_empty());
    }

    #[test]
    fn hook_sees_rows() {
        fn hook(row: &TableRow, extras: &[String], t: &mut Table) {
            t.facts
                .insert("n".into(), format!("{}:{}", row.name, extras.join("|")));
        }
        let rows = CatalogRows {
            tables: vec![table_row()],
            columns: vec![
                ColumnRow {
                    extra: "auto_random".into(),
                    ..col("b", 2, "bigint")
                },
                col("a", 1, "int"),
            ],
            ..CatalogRows::default()
        };
        let t = &assemble(Flavor::TiDb, &[TableName::new("db", "t")], rows, Some(hook))[0];
        assert_eq!(t.facts.get("n").map(String::as_str), Some("t:|auto_random"));
    }
}
