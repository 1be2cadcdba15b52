//! The pure half of the adapter: rows of the `ALL_*` dictionary views (plain structs, one per row
//! of the queries in [`crate::sql`]) turned into IR tables. Nothing here talks to a server, so
//! every rule is tested with recorded rows.

use std::collections::BTreeMap;

#[cfg(test)]
use smt_ir::DefaultValue;
use smt_ir::{Column, DataType, Generated, Key, Table, TableName};

/// The owners the original tool never reads (Oracle-maintained and sample schemas).
pub const SYSTEM_OWNERS: [&str; 25] = [
    "APEX_030200",
    "XDB",
    "WMSYS",
    "OE",
    "SH",
    "PM",
    "IX",
    "MDSYS",
    "OUTLN",
    "CTXSYS",
    "OLAPSYS",
    "FLOWS_FILES",
    "OWBSYS",
    "HR",
    "EXFSYS",
    "SCOTT",
    "DBSNMP",
    "ORDSYS",
    "SYSMAN",
    "APPQOSSYS",
    "ORDDATA",
    "SYS",
    "SYSTEM",
    "AUDSYS",
    "LBACSYS",
];

/// Whether an owner is one of [`SYSTEM_OWNERS`].
pub fn is_system_owner(owner: &str) -> bool {
    SYSTEM_OWNERS.contains(&owner)
}

/// The database's character sets (`NLS_DATABASE_PARAMETERS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charsets {
    /// `NLS_CHARACTERSET` (CHAR, VARCHAR2, CLOB, LONG).
    pub database: String,
    /// `NLS_NCHAR_CHARACTERSET` (NCHAR, NVARCHAR2, NCLOB).
    pub national: String,
}

impl Default for Charsets {
    fn default() -> Self {
        Charsets {
            database: "AL32UTF8".into(),
            national: "AL16UTF16".into(),
        }
    }
}

pub use smt_catalog::native::oracle::{bytes_per_char, parse_default};

/// A row of [`crate::sql::tables`] (`ALL_TABLES` + `ALL_TAB_COMMENTS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// `OWNER` (the schema).
    pub owner: String,
    /// `TABLE_NAME`.
    pub table_name: String,
    /// `ALL_TAB_COMMENTS.COMMENTS`.
    pub comment: Option<String>,
    /// `NUM_ROWS` (optimizer statistics; NULL before the first gather).
    pub num_rows: Option<i64>,
    /// `AVG_ROW_LEN` in bytes (statistics).
    pub avg_row_len: Option<i64>,
    /// `PARTITIONED = 'YES'`.
    pub partitioned: bool,
    /// `TEMPORARY = 'Y'` (global temporary table).
    pub temporary: bool,
}

/// A row of [`crate::sql::columns`] (`ALL_TAB_COLS` + `ALL_COL_COMMENTS`, hidden columns left
/// out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnRow {
    /// `OWNER`.
    pub owner: String,
    /// `TABLE_NAME`.
    pub table_name: String,
    /// `COLUMN_ID` (source order).
    pub column_id: i64,
    /// `COLUMN_NAME`.
    pub column_name: String,
    /// `DATA_TYPE` (`NUMBER`, `TIMESTAMP(6) WITH TIME ZONE`, `INTERVAL DAY(2) TO SECOND(6)`, ...).
    pub data_type: String,
    /// `DATA_TYPE_OWNER` (for object types: `SYS` for XMLTYPE, `MDSYS` for SDO_GEOMETRY).
    pub data_type_owner: Option<String>,
    /// `DATA_LENGTH` in bytes.
    pub data_length: i64,
    /// `DATA_PRECISION` (decimal digits for NUMBER, binary digits for FLOAT).
    pub data_precision: Option<i64>,
    /// `DATA_SCALE` (fractional second digits for TIMESTAMP and INTERVAL DAY TO SECOND).
    pub data_scale: Option<i64>,
    /// `CHAR_LENGTH` in characters.
    pub char_length: i64,
    /// `CHAR_USED`: `B` (byte semantics), `C` (char semantics), NULL for non-character types.
    pub char_used: Option<String>,
    /// `NULLABLE = 'Y'`.
    pub nullable: bool,
    /// `DATA_DEFAULT` (a LONG holding the default's text, or a virtual column's expression).
    pub data_default: Option<String>,
    /// `IDENTITY_COLUMN = 'YES'` (12c+).
    pub identity: bool,
    /// `VIRTUAL_COLUMN = 'YES'`.
    pub virtual_column: bool,
    /// `ALL_COL_COMMENTS.COMMENTS`.
    pub comment: Option<String>,
}

/// Where a key row comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// `ALL_CONSTRAINTS.CONSTRAINT_TYPE = 'P'`.
    Primary,
    /// `ALL_CONSTRAINTS.CONSTRAINT_TYPE = 'U'`.
    Unique,
    /// `ALL_INDEXES.UNIQUENESS = 'UNIQUE'`.
    UniqueIndex,
}

/// A row of [`crate::sql::constraint_keys`] or [`crate::sql::index_keys`]: one key column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRow {
    /// Table owner.
    pub owner: String,
    /// Table name.
    pub table_name: String,
    /// Constraint or index name.
    pub key_name: String,
    /// Constraint or index.
    pub source: KeySource,
    /// `POSITION` / `COLUMN_POSITION`.
    pub position: i64,
    /// Column name.
    pub column_name: String,
    /// `STATUS = 'ENABLED'` (constraints) / `STATUS = 'VALID'` (indexes).
    pub enabled: bool,
    /// `INDEX_TYPE` starts with `FUNCTION-BASED` (the key is an expression, not columns).
    pub function_based: bool,
}

/// Build the IR tables of one service from its dictionary rows, in the order of `tables`.
pub fn build_tables(
    service: &str,
    charsets: &Charsets,
    tables: &[TableRow],
    columns: &[ColumnRow],
    keys: &[KeyRow],
) -> Vec<Table> {
    let mut by_name: BTreeMap<(&str, &str), Table> = BTreeMap::new();
    for t in tables {
        let mut table = Table::new(TableName::with_schema(service, &t.owner, &t.table_name));
        table.comment = t.comment.clone().filter(|c| !c.is_empty());
        table.size.rows = t.num_rows.and_then(|n| u64::try_from(n).ok());
        table.size.bytes = match (t.num_rows, t.avg_row_len) {
            (Some(n), Some(l)) => u64::try_from(n)
                .ok()
                .zip(u64::try_from(l).ok())
                .map(|(n, l)| n.saturating_mul(l)),
            _ => None,
        };
        if t.partitioned {
            table
                .facts
                .insert("oracle.partitioned".into(), "true".into());
        }
        if t.temporary {
            table.facts.insert("oracle.temporary".into(), "true".into());
        }
        by_name.insert((t.owner.as_str(), t.table_name.as_str()), table);
    }

    let mut cols: Vec<&ColumnRow> = columns.iter().collect();
    cols.sort_by_key(|c| c.column_id);
    for c in cols {
        if let Some(t) = by_name.get_mut(&(c.owner.as_str(), c.table_name.as_str())) {
            t.columns.push(column_from_row(c, charsets));
        }
    }

    // Keys grouped by (owner, table, source, name); constraints first, then unique indexes.
    let mut groups: BTreeMap<(&str, &str, u8, &str), Vec<&KeyRow>> = BTreeMap::new();
    for k in keys {
        if !k.enabled || k.function_based {
            continue;
        }
        let rank = match k.source {
            KeySource::Primary => 0,
            KeySource::Unique => 1,
            KeySource::UniqueIndex => 2,
        };
        groups
            .entry((&k.owner, &k.table_name, rank, &k.key_name))
            .or_default()
            .push(k);
    }
    for ((owner, table, rank, name), mut rows) in groups {
        let Some(t) = by_name.get_mut(&(owner, table)) else {
            continue;
        };
        rows.sort_by_key(|r| r.position);
        let columns: Vec<String> = rows.iter().map(|r| r.column_name.clone()).collect();
        // A column list that is already a key (the index behind a PK or UNIQUE constraint).
        let known = t
            .primary_key
            .iter()
            .chain(t.unique_keys.iter())
            .any(|k| k.columns == columns);
        if known {
            continue;
        }
        let key = Key::new(Some(name.to_string()), columns);
        if rank == 0 && t.primary_key.is_none() {
            t.primary_key = Some(key);
        } else {
            t.unique_keys.push(key);
        }
    }

    tables
        .iter()
        .filter_map(|t| by_name.remove(&(t.owner.as_str(), t.table_name.as_str())))
        .collect()
}

/// Build one IR column.
pub fn column_from_row(c: &ColumnRow, charsets: &Charsets) -> Column {
    let (data_type, native) = map_type(c, charsets);
    let mut column = Column::new(&c.column_name, data_type, native);
    column.nullable = c.nullable;
    column.comment = c.comment.clone().filter(|s| !s.is_empty());
    column.auto_increment = c.identity;
    let default = c
        .data_default
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    if c.virtual_column {
        if let Some(expr) = default {
            column.generated = Some(Generated {
                expression: expr.to_string(),
                stored: false,
            });
        }
    } else if !c.identity
        && let Some(d) = default
    {
        column.default = parse_default(d);
    }
    column.charset = smt_catalog::native::oracle::national_charset(&c.data_type).map(|n| {
        if n {
            charsets.national.clone()
        } else {
            charsets.database.clone()
        }
    });
    column
}

/// The IR type and native text of a column: the row's facts mapped by
/// [`smt_catalog::native::oracle::map_type`] with the database's character sets, the function
/// the dump reader uses for the same type written in a script.
pub fn map_type(c: &ColumnRow, charsets: &Charsets) -> (DataType, String) {
    smt_catalog::native::oracle::map_type(
        &smt_catalog::native::oracle::TypeFacts {
            data_type: &c.data_type,
            data_type_owner: c.data_type_owner.as_deref(),
            data_length: c.data_length,
            data_precision: c.data_precision,
            data_scale: c.data_scale,
            char_length: c.char_length,
            char_used: c.char_used.as_deref(),
        },
        &charsets.database,
        &charsets.national,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        assert_eq!(parse_default("0 "), Some(DefaultValue::Literal("0".into())));
        assert_eq!(
            parse_default("'it''s'\n"),
            Some(DefaultValue::Literal("it's".into()))
        );
        assert_eq!(parse_default("NULL"), Some(DefaultValue::Null));
        assert_eq!(parse_default("  "), None);
        assert!(parse_default("SYSDATE ").is_some_and(
            |d| d.is_current_timestamp() && d == DefaultValue::Expression("SYSDATE".into())
        ));
        assert_eq!(
            parse_default("(1)"),
            Some(DefaultValue::Literal("1".into()))
        );
        assert_eq!(
            parse_default("'a' || 'b'"),
            Some(DefaultValue::Expression("'a' || 'b'".into()))
        );
    }

    #[test]
    fn charsets() {
        assert_eq!(bytes_per_char("AL32UTF8"), 4);
        assert_eq!(bytes_per_char("UTF8"), 3);
        assert_eq!(bytes_per_char("AL16UTF16"), 2);
        assert_eq!(bytes_per_char("ZHS16GBK"), 2);
        assert_eq!(bytes_per_char("WE8MSWIN1252"), 1);
        assert_eq!(bytes_per_char("US7ASCII"), 1);
        assert_eq!(bytes_per_char("SOMETHING_NEW"), 4);
    }
}
