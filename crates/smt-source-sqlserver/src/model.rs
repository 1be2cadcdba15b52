//! The pure half of the adapter: catalog rows (plain structs, one per row of the queries in
//! [`crate::sql`]) turned into IR tables. Nothing here talks to a server, so every rule can be
//! tested with recorded rows.

use std::collections::BTreeMap;

use smt_ir::{Column, DataType, DefaultValue, Generated, Key, Table, TableName, TimeZoneKind};

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

/// Maximum bytes per character of a `char`/`varchar` column from its collation's code page:
/// 4 for UTF-8 collations (code page 65001 or a `_UTF8` collation name), 2 for the double-byte
/// code pages (932 Japanese, 936 Simplified Chinese, 949 Korean, 950 Traditional Chinese),
/// 1 for every other (single-byte) code page, 0 (unknown) when neither is known.
pub fn bytes_per_char(code_page: Option<i32>, collation: Option<&str>) -> u8 {
    if collation.is_some_and(|c| c.to_ascii_uppercase().contains("_UTF8")) {
        return 4;
    }
    match code_page {
        Some(65001) => 4,
        Some(932 | 936 | 949 | 950) => 2,
        Some(0) | None => {
            if collation.is_some() {
                1
            } else {
                0
            }
        }
        Some(_) => 1,
    }
}

/// The IR type and the native type text of a column.
///
/// Character lengths: `char(n)`/`varchar(n)` count **bytes** of the collation's code page; the IR
/// length is `n` with that code page's bytes per character ([`bytes_per_char`]), so the emitter
/// sizes StarRocks columns for `n` characters, which is always enough. `nchar(n)`/`nvarchar(n)`
/// count UTF-16 code units (`max_length / 2`); the IR uses `max_bytes_per_char = 2` (UTF-16 units),
/// which the emitter turns into 3 UTF-8 bytes per unit: a BMP character is one unit and at most 3
/// UTF-8 bytes, a supplementary character is two units and 4 UTF-8 bytes, so 3 per unit is always
/// enough.
pub fn map_type(c: &ColumnRow) -> (DataType, String) {
    let type_name = if c.is_user_defined && !c.is_assembly_type {
        c.base_type_name.to_ascii_lowercase()
    } else {
        c.type_name.to_ascii_lowercase()
    };
    let len = c.max_length;
    let sized = |n: &str| {
        if len < 0 {
            format!("{n}(max)")
        } else {
            format!("{n}({len})")
        }
    };
    let bytes_len = u32::try_from(len).ok();
    let mbpc = bytes_per_char(c.code_page, c.collation.as_deref());
    let p = c.precision;
    let s = c.scale;
    match type_name.as_str() {
        "bit" => (DataType::Boolean, "bit".into()),
        "tinyint" => (DataType::uint(8), "tinyint".into()),
        "smallint" => (DataType::int(16), "smallint".into()),
        "int" => (DataType::int(32), "int".into()),
        "bigint" => (DataType::int(64), "bigint".into()),
        "money" => (DataType::decimal(19, 4), "money".into()),
        "smallmoney" => (DataType::decimal(10, 4), "smallmoney".into()),
        "decimal" | "numeric" => (
            DataType::decimal(u32::from(p), i32::from(s)),
            format!("{type_name}({p},{s})"),
        ),
        "real" => (DataType::Float { bits: 32 }, "real".into()),
        "float" => {
            if p != 0 && p <= 24 {
                (DataType::Float { bits: 32 }, format!("float({p})"))
            } else {
                (DataType::Float { bits: 64 }, "float".into())
            }
        }
        "date" => (DataType::Date, "date".into()),
        "time" => (
            DataType::Time {
                precision: Some(s),
                with_time_zone: false,
            },
            format!("time({s})"),
        ),
        "datetime" => (
            DataType::Timestamp {
                precision: Some(3),
                time_zone: TimeZoneKind::None,
            },
            "datetime".into(),
        ),
        "smalldatetime" => (
            DataType::Timestamp {
                precision: Some(0),
                time_zone: TimeZoneKind::None,
            },
            "smalldatetime".into(),
        ),
        "datetime2" => (
            DataType::Timestamp {
                precision: Some(s),
                time_zone: TimeZoneKind::None,
            },
            format!("datetime2({s})"),
        ),
        "datetimeoffset" => (
            DataType::Timestamp {
                precision: Some(s),
                time_zone: TimeZoneKind::Offset,
            },
            format!("datetimeoffset({s})"),
        ),
        "char" => match bytes_len {
            Some(n) => (
                DataType::Char {
                    length: n,
                    max_bytes_per_char: mbpc,
                },
                sized("char"),
            ),
            None => (text(None, mbpc), sized("char")),
        },
        "varchar" => match bytes_len {
            Some(n) => (DataType::varchar(n, mbpc), sized("varchar")),
            None => (text(None, mbpc), sized("varchar")),
        },
        "text" => (text(Some(2_147_483_647), mbpc), "text".into()),
        "nchar" => match bytes_len {
            Some(b) => (
                DataType::Char {
                    length: b / 2,
                    max_bytes_per_char: 2,
                },
                format!("nchar({})", b / 2),
            ),
            None => (text(None, 2), "nchar(max)".into()),
        },
        "sysname" => (DataType::varchar(128, 2), "sysname".into()),
        "nvarchar" => match bytes_len {
            Some(b) => (DataType::varchar(b / 2, 2), format!("nvarchar({})", b / 2)),
            None => (text(None, 2), "nvarchar(max)".into()),
        },
        "ntext" => (text(Some(1_073_741_823 * 2), 2), "ntext".into()),
        "binary" => match bytes_len {
            Some(n) => (DataType::Binary { length: n }, sized("binary")),
            None => (DataType::Blob { max_bytes: None }, sized("binary")),
        },
        "varbinary" => match bytes_len {
            Some(n) => (DataType::Varbinary { length: Some(n) }, sized("varbinary")),
            None => (
                DataType::Blob {
                    max_bytes: Some(2_147_483_647),
                },
                "varbinary(max)".into(),
            ),
        },
        "image" => (
            DataType::Blob {
                max_bytes: Some(2_147_483_647),
            },
            "image".into(),
        ),
        // A row version: an 8-byte counter, not a point in time.
        "timestamp" | "rowversion" => (DataType::Binary { length: 8 }, "rowversion".into()),
        "uniqueidentifier" => (DataType::Uuid, "uniqueidentifier".into()),
        "xml" => (DataType::Xml, "xml".into()),
        "geography" | "geometry" => (
            DataType::Spatial {
                kind: type_name.clone(),
            },
            type_name,
        ),
        _ => {
            let native = c.type_name.clone();
            (
                DataType::Other {
                    native: native.clone(),
                },
                native,
            )
        }
    }
}

fn text(max_bytes: Option<u64>, max_bytes_per_char: u8) -> DataType {
    DataType::Text {
        max_bytes,
        max_bytes_per_char,
    }
}

/// Remove every pair of parentheses that encloses the whole text: `((0))` -> `0`,
/// `(getdate())` -> `getdate()`, but `((1)+(2))` -> `(1)+(2)`. Quotes are respected.
pub fn strip_parens(text: &str) -> &str {
    let mut s = text.trim();
    while s.starts_with('(') && s.ends_with(')') && closing_paren(s) == Some(s.len() - 1) {
        s = s[1..s.len() - 1].trim();
    }
    s
}

/// Byte index of the parenthesis closing the one at index 0 (outside string literals and
/// bracketed identifiers).
fn closing_paren(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_str = false;
    let mut in_bracket = false;
    for (i, ch) in s.char_indices() {
        match ch {
            '\'' if !in_bracket => in_str = !in_str,
            '[' if !in_str => in_bracket = true,
            ']' if !in_str => in_bracket = false,
            '(' if !in_str && !in_bracket => depth += 1,
            ')' if !in_str && !in_bracket => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Parse a `sys.default_constraints.definition` (`((0))`, `('abc')`, `(N'x''y')`,
/// `(getdate())`, `(NULL)`) into an IR default: every enclosing parenthesis pair is removed; a
/// single string literal becomes a [`DefaultValue::Literal`] without quotes, a number a literal,
/// `NULL` [`DefaultValue::Null`], anything else an [`DefaultValue::Expression`].
pub fn parse_default(definition: &str) -> Option<DefaultValue> {
    let s = strip_parens(definition);
    if s.is_empty() {
        return None;
    }
    if s.eq_ignore_ascii_case("null") {
        return Some(DefaultValue::Null);
    }
    if let Some(lit) = string_literal(s) {
        return Some(DefaultValue::Literal(lit));
    }
    if is_number(s) {
        return Some(DefaultValue::Literal(s.to_string()));
    }
    Some(DefaultValue::Expression(s.to_string()))
}

/// `'it''s'` or `N'it''s'` as one literal, unescaped; `None` when the text is more than that.
fn string_literal(s: &str) -> Option<String> {
    let body = s
        .strip_prefix("N'")
        .or_else(|| s.strip_prefix("n'"))
        .or_else(|| s.strip_prefix('\''))?;
    let body = body.strip_suffix('\'')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            // Inside, quotes come doubled; a single one means two literals (`'a'+'b'`).
            if chars.next() != Some('\'') {
                return None;
            }
        }
        out.push(c);
    }
    Some(out)
}

fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    !digits.is_empty()
        && digits.chars().any(|c| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
        && digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
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
