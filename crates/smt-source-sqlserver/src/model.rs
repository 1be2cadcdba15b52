//! The pure half of the adapter: catalog rows (plain structs, one per row of the queries in
//! [`crate::sql`]) turned into IR tables. Nothing here talks to a server, so every rule can be
//! tested with recorded rows.

use std::collections::BTreeMap;

#[cfg(test)]
use smt_ir::DefaultValue;
use smt_ir::{Column, DataType, Generated, Key, Table, TableName};

/// Bytes per page in SQL Server data files (`used_page_count` is in 8 KiB pages).
pub const PAGE_BYTES: u64 = 8192;

/// A row of [`crate::sql::TABLES`]: one user table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// `sys.tables.object_id`.
    pub object_id: i32,
    /// Schema name.
    pub schema: String,
    /// Table name.
    pub name: String,
    /// `MS_Description` extended property of the table.
    pub comment: Option<String>,
}

/// A row of [`crate::sql::COLUMNS`]: one column with its type, default and extras.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnRow {
    /// `sys.columns.object_id`.
    pub object_id: i32,
    /// `sys.columns.column_id` (source order).
    pub column_id: i32,
    /// Column name.
    pub name: String,
    /// `sys.types.name` of the column's type (an alias type's own name).
    pub type_name: String,
    /// Name of the system type an alias type is based on (`TYPE_NAME(system_type_id)`).
    pub base_type_name: String,
    /// `sys.types.is_user_defined`.
    pub is_user_defined: bool,
    /// `sys.types.is_assembly_type` (CLR types: geometry, geography, hierarchyid, user CLR).
    pub is_assembly_type: bool,
    /// `sys.columns.max_length`: bytes, `-1` for `(max)` and `xml`.
    pub max_length: i16,
    /// `sys.columns.precision`.
    pub precision: u8,
    /// `sys.columns.scale` (fractional second digits for time types).
    pub scale: u8,
    /// `sys.columns.collation_name`.
    pub collation: Option<String>,
    /// `COLLATIONPROPERTY(collation_name, 'CodePage')`.
    pub code_page: Option<i32>,
    /// `sys.columns.is_nullable`.
    pub nullable: bool,
    /// `sys.columns.is_identity`.
    pub is_identity: bool,
    /// `sys.computed_columns.definition`, for computed columns.
    pub computed_definition: Option<String>,
    /// `sys.computed_columns.is_persisted`.
    pub is_persisted: bool,
    /// `sys.default_constraints.definition`.
    pub default_definition: Option<String>,
    /// `MS_Description` extended property of the column.
    pub comment: Option<String>,
}

/// A row of [`crate::sql::KEYS`]: one column of a unique index (primary keys and unique
/// constraints are unique indexes in SQL Server).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexColumnRow {
    /// `sys.indexes.object_id`.
    pub object_id: i32,
    /// `sys.indexes.index_id`.
    pub index_id: i32,
    /// Index (or constraint) name.
    pub index_name: Option<String>,
    /// `sys.indexes.is_primary_key`.
    pub is_primary_key: bool,
    /// `sys.indexes.is_unique`.
    pub is_unique: bool,
    /// `sys.indexes.has_filter` (a filtered index is unique only over part of the rows).
    pub has_filter: bool,
    /// `sys.indexes.is_disabled`.
    pub is_disabled: bool,
    /// `sys.index_columns.key_ordinal` (0 for included columns).
    pub key_ordinal: i32,
    /// `sys.index_columns.is_included_column`.
    pub is_included: bool,
    /// Column name.
    pub column_name: String,
}

/// A row of [`crate::sql::SIZES`] (or of the fallback [`crate::sql::SIZES_FALLBACK`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SizeRow {
    /// Table object id.
    pub object_id: i32,
    /// Rows of the heap or clustered index.
    pub rows: Option<i64>,
    /// Pages used by every index and LOB of the table; `None` from the fallback.
    pub used_pages: Option<i64>,
}

/// Build the IR tables of one database from its catalog rows. Tables come out in the order of
/// `tables`; rows of other object ids are ignored.
pub fn build_tables(
    database: &str,
    tables: &[TableRow],
    columns: &[ColumnRow],
    keys: &[IndexColumnRow],
    sizes: &[SizeRow],
) -> Vec<Table> {
    let mut by_id: BTreeMap<i32, Table> = BTreeMap::new();
    for t in tables {
        let mut table = Table::new(TableName::with_schema(database, &t.schema, &t.name));
        table.comment = t.comment.clone().filter(|c| !c.is_empty());
        by_id.insert(t.object_id, table);
    }

    let mut cols: Vec<&ColumnRow> = columns.iter().collect();
    cols.sort_by_key(|c| (c.object_id, c.column_id));
    for c in cols {
        if let Some(t) = by_id.get_mut(&c.object_id) {
            t.columns.push(column_from_row(c));
        }
    }

    // Unique indexes, grouped by (table, index), key columns in key order.
    let mut indexes: BTreeMap<(i32, i32), Vec<&IndexColumnRow>> = BTreeMap::new();
    for k in keys {
        if !k.is_unique || k.has_filter || k.is_disabled || k.is_included || k.key_ordinal <= 0 {
            continue;
        }
        indexes
            .entry((k.object_id, k.index_id))
            .or_default()
            .push(k);
    }
    for ((object_id, _), mut cols) in indexes {
        let Some(t) = by_id.get_mut(&object_id) else {
            continue;
        };
        cols.sort_by_key(|c| c.key_ordinal);
        let Some(first) = cols.first() else {
            continue;
        };
        let key = Key::new(
            first.index_name.clone(),
            cols.iter().map(|c| c.column_name.clone()).collect(),
        );
        if first.is_primary_key && t.primary_key.is_none() {
            t.primary_key = Some(key);
        } else if !t.unique_keys.contains(&key) {
            t.unique_keys.push(key);
        }
    }

    for s in sizes {
        if let Some(t) = by_id.get_mut(&s.object_id) {
            t.size.rows = s.rows.and_then(|r| u64::try_from(r).ok());
            t.size.bytes = s
                .used_pages
                .and_then(|p| u64::try_from(p).ok())
                .map(|p| p.saturating_mul(PAGE_BYTES));
        }
    }

    tables
        .iter()
        .filter_map(|t| by_id.remove(&t.object_id))
        .collect()
}

/// Build one IR column from its row.
pub fn column_from_row(c: &ColumnRow) -> Column {
    let (data_type, native) = map_type(c);
    let mut column = Column::new(&c.name, data_type, native);
    column.nullable = c.nullable;
    column.auto_increment = c.is_identity;
    column.comment = c.comment.clone().filter(|s| !s.is_empty());
    column.collation = c.collation.clone();
    if let Some(def) = &c.computed_definition {
        column.generated = Some(Generated {
            expression: strip_parens(def).to_string(),
            stored: c.is_persisted,
        });
    } else if let Some(def) = &c.default_definition {
        column.default = parse_default(def);
    }
    if c.is_user_defined && !c.is_assembly_type {
        column
            .facts
            .insert("sqlserver.alias_type".into(), c.type_name.clone());
    }
    column
}

pub use smt_catalog::native::sqlserver::{bytes_per_char, parse_default, strip_parens};

/// The IR type and the native type text of a column: the row's facts mapped by
/// [`smt_catalog::native::sqlserver::map_type`] (an alias type maps as its base type), the
/// function the dump reader uses for the same type written in a script.
pub fn map_type(c: &ColumnRow) -> (DataType, String) {
    let alias = c.is_user_defined && !c.is_assembly_type;
    smt_catalog::native::sqlserver::map_type(&smt_catalog::native::sqlserver::TypeFacts {
        type_name: if alias {
            &c.base_type_name
        } else {
            &c.type_name
        },
        native_name: &c.type_name,
        max_length: c.max_length,
        precision: c.precision,
        scale: c.scale,
        code_page: c.code_page,
        collation: c.collation.as_deref(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parens() {
        assert_eq!(strip_parens("((0))"), "0");
        assert_eq!(strip_parens("((1)+(2))"), "(1)+(2)");
        assert_eq!(strip_parens("('a)b')"), "'a)b'");
        assert_eq!(strip_parens("(getdate())"), "getdate()");
        assert_eq!(strip_parens("([a)]+(1))"), "[a)]+(1)");
        assert_eq!(strip_parens("(1))"), "(1))");
    }

    #[test]
    fn defaults() {
        assert_eq!(
            parse_default("((0))"),
            Some(DefaultValue::Literal("0".into()))
        );
        assert_eq!(
            parse_default("((-1.5))"),
            Some(DefaultValue::Literal("-1.5".into()))
        );
        assert_eq!(
            parse_default("('abc')"),
            Some(DefaultValue::Literal("abc".into()))
        );
        assert_eq!(
            parse_default("(N'it''s')"),
            Some(DefaultValue::Literal("it's".into()))
        );
        assert_eq!(
            parse_default("('')"),
            Some(DefaultValue::Literal(String::new()))
        );
        assert_eq!(
            parse_default("('a'+'b')"),
            Some(DefaultValue::Expression("'a'+'b'".into()))
        );
        assert_eq!(parse_default("(NULL)"), Some(DefaultValue::Null));
        let d = parse_default("(getdate())").unwrap();
        assert!(d.is_current_timestamp());
        assert_eq!(
            parse_default("(newid())"),
            Some(DefaultValue::Expression("newid()".into()))
        );
        assert_eq!(
            parse_default("(CONVERT([bit],(0)))"),
            Some(DefaultValue::Expression("CONVERT([bit],(0))".into()))
        );
        assert_eq!(parse_default("()"), None);
    }

    #[test]
    fn code_pages() {
        assert_eq!(
            bytes_per_char(Some(1252), Some("SQL_Latin1_General_CP1_CI_AS")),
            1
        );
        assert_eq!(bytes_per_char(Some(936), Some("Chinese_PRC_CI_AS")), 2);
        assert_eq!(
            bytes_per_char(Some(65001), Some("Latin1_General_100_CI_AS_SC_UTF8")),
            4
        );
        assert_eq!(
            bytes_per_char(None, Some("Latin1_General_100_CI_AS_SC_UTF8")),
            4
        );
        assert_eq!(bytes_per_char(None, None), 0);
    }
}
