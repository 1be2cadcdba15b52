//! The pure half of the adapter: rows of the `ALL_*` dictionary views (plain structs, one per row
//! of the queries in [`crate::sql`]) turned into IR tables. Nothing here talks to a server, so
//! every rule is tested with recorded rows.

use std::collections::BTreeMap;

use smt_ir::{Column, DataType, DefaultValue, Generated, Key, Table, TableName, TimeZoneKind};

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

/// Maximum bytes per character of an Oracle character set: 4 for AL32UTF8 (and unknown sets),
/// 3 for UTF8 (CESU-8) and UTFE, 2 for AL16UTF16 and the double-byte Asian sets, 1 for the
/// single-byte sets (`US7ASCII`, `WE8*`, `EE8*`, `CL8*`, ...).
pub fn bytes_per_char(charset: &str) -> u8 {
    let cs = charset.to_ascii_uppercase();
    match cs.as_str() {
        "AL32UTF8" | "AL16UTF16LE" => 4,
        "UTF8" | "UTFE" => 3,
        "AL16UTF16" => 2,
        "ZHS16GBK" | "ZHT16BIG5" | "ZHT16MSWIN950" | "ZHT16HKSCS" | "JA16SJIS" | "JA16EUC"
        | "KO16MSWIN949" | "KO16KSC5601" | "ZHS16CGB231280" | "JA16SJISTILDE" | "JA16EUCTILDE" => 2,
        "ZHS32GB18030" => 4,
        "ZHT32EUC" | "ZHT32TRIS" => 4,
        _ if cs.starts_with("US7")
            || cs.starts_with("WE8")
            || cs.starts_with("EE8")
            || cs.starts_with("CL8")
            || cs.starts_with("EL8")
            || cs.starts_with("NEE8")
            || cs.starts_with("BLT8")
            || cs.starts_with("TR8")
            || cs.starts_with("IW8")
            || cs.starts_with("AR8")
            || cs.starts_with("TH8")
            || cs.starts_with("VN8")
            || cs.starts_with("NE8") =>
        {
            1
        }
        _ => 4,
    }
}

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
    if matches!(
        c.data_type.as_str(),
        "CHAR" | "VARCHAR2" | "CLOB" | "LONG" | "VARCHAR"
    ) {
        column.charset = Some(charsets.database.clone());
    } else if matches!(c.data_type.as_str(), "NCHAR" | "NVARCHAR2" | "NCLOB") {
        column.charset = Some(charsets.national.clone());
    }
    column
}

/// Integer type by the number of decimal digits of `NUMBER(p,0)`: the thresholds oracle-cdc
/// and Doris use; 19 or more digits stay `decimal(p,0)` (the emitter makes a key LARGEINT).
fn number_integer(p: u32) -> DataType {
    match p {
        0..=2 => DataType::int(8),
        3..=4 => DataType::int(16),
        5..=9 => DataType::int(32),
        10..=18 => DataType::int(64),
        _ => DataType::decimal(p, 0),
    }
}

/// The IR type and native text of a column.
///
/// - `NUMBER(p,0)` -> integers by digit count (p<3 int8, <5 int16, <10 int32, <19 int64, else decimal(p,0)); `NUMBER(p,s)` ->
///   `decimal(p,s)`, negative scales kept (the emitter widens them to `DECIMAL(p-s,0)`); bare
///   `NUMBER` -> unbounded decimal; `INTEGER` (`NUMBER(*,0)`) -> `decimal(38,0)`.
/// - `FLOAT(b)` is a NUMBER subtype with `b` binary digits (up to 126, about 38 decimal digits):
///   it is mapped to float64 as the type-mapping table says, since any `FLOAT(b)` with
///   `b <= 53` fits a double exactly in range and a decimal would need an unknown scale.
/// - Character lengths: byte semantics (`CHAR_USED = 'B'`) give `length = DATA_LENGTH` bytes
///   with 1 byte per character (n bytes hold at most n characters); char semantics give
///   `CHAR_LENGTH` characters with the database character set's bytes per character; NCHAR and
///   NVARCHAR2 give `CHAR_LENGTH` with the national set's (2 for AL16UTF16).
pub fn map_type(c: &ColumnRow, charsets: &Charsets) -> (DataType, String) {
    let raw = c.data_type.trim().to_string();
    let upper = raw.to_ascii_uppercase();
    let prec = c.data_precision.and_then(|p| u32::try_from(p).ok());
    let scale = c.data_scale.and_then(|s| i32::try_from(s).ok());
    let frac = c
        .data_scale
        .and_then(|s| u8::try_from(s).ok())
        .or_else(|| paren_number(&upper));
    let db_mbpc = bytes_per_char(&charsets.database);
    let nat_mbpc = bytes_per_char(&charsets.national);
    let byte_len = u32::try_from(c.data_length).unwrap_or(0);
    let char_len = u32::try_from(c.char_length).unwrap_or(0);
    let byte_semantics = c.char_used.as_deref() == Some("B");

    let character = |fixed: bool, national: bool| -> (DataType, String) {
        let name = match (fixed, national) {
            (true, false) => "CHAR",
            (false, false) => "VARCHAR2",
            (true, true) => "NCHAR",
            (false, true) => "NVARCHAR2",
        };
        let (length, mbpc, native) = if national {
            (char_len, nat_mbpc, format!("{name}({char_len})"))
        } else if byte_semantics {
            (byte_len, 1, format!("{name}({byte_len} BYTE)"))
        } else {
            (char_len, db_mbpc, format!("{name}({char_len} CHAR)"))
        };
        let dt = if fixed {
            DataType::Char {
                length,
                max_bytes_per_char: mbpc,
            }
        } else {
            DataType::varchar(length, mbpc)
        };
        (dt, native)
    };

    match upper.as_str() {
        "NUMBER" => match (prec, scale) {
            (None, None) => (
                DataType::Decimal {
                    precision: None,
                    scale: None,
                },
                "NUMBER".into(),
            ),
            (None, Some(0)) => (DataType::decimal(38, 0), "NUMBER(*,0)".into()),
            (None, Some(s)) => (DataType::decimal(38, s), format!("NUMBER(*,{s})")),
            (Some(p), None | Some(0)) => (number_integer(p), format!("NUMBER({p})")),
            (Some(p), Some(s)) => (DataType::decimal(p, s), format!("NUMBER({p},{s})")),
        },
        "FLOAT" => (
            DataType::Float { bits: 64 },
            match prec {
                Some(b) => format!("FLOAT({b})"),
                None => "FLOAT".into(),
            },
        ),
        "BINARY_FLOAT" => (DataType::Float { bits: 32 }, raw),
        "BINARY_DOUBLE" => (DataType::Float { bits: 64 }, raw),
        "CHAR" => character(true, false),
        "VARCHAR2" | "VARCHAR" => character(false, false),
        "NCHAR" => character(true, true),
        "NVARCHAR2" => character(false, true),
        "CLOB" | "LONG" => (
            DataType::Text {
                max_bytes: None,
                max_bytes_per_char: db_mbpc,
            },
            raw,
        ),
        "NCLOB" => (
            DataType::Text {
                max_bytes: None,
                max_bytes_per_char: nat_mbpc,
            },
            raw,
        ),
        "BLOB" | "LONG RAW" => (DataType::Blob { max_bytes: None }, raw),
        "RAW" => (
            DataType::Varbinary {
                length: Some(byte_len),
            },
            format!("RAW({byte_len})"),
        ),
        "DATE" => (
            DataType::Timestamp {
                precision: Some(0),
                time_zone: TimeZoneKind::None,
            },
            raw,
        ),
        "ROWID" => (DataType::varchar(18, 1), raw),
        "UROWID" => (
            DataType::varchar(if byte_len == 0 { 4000 } else { byte_len }, 1),
            format!("UROWID({})", if byte_len == 0 { 4000 } else { byte_len }),
        ),
        "XMLTYPE" => (DataType::Xml, raw),
        "JSON" => (DataType::Json { binary: true }, raw),
        "BOOLEAN" => (DataType::Boolean, raw),
        "SDO_GEOMETRY" => (
            DataType::Spatial {
                kind: "sdo_geometry".into(),
            },
            raw,
        ),
        u if u.starts_with("TIMESTAMP") => {
            let zone = if u.ends_with("WITH LOCAL TIME ZONE") {
                TimeZoneKind::Local
            } else if u.ends_with("WITH TIME ZONE") {
                TimeZoneKind::Offset
            } else {
                TimeZoneKind::None
            };
            (
                DataType::Timestamp {
                    precision: frac.or(Some(6)),
                    time_zone: zone,
                },
                raw,
            )
        }
        u if u.starts_with("INTERVAL YEAR") => (
            DataType::Interval {
                fields: Some("YEAR TO MONTH".into()),
            },
            raw,
        ),
        u if u.starts_with("INTERVAL DAY") => (
            DataType::Interval {
                fields: Some("DAY TO SECOND".into()),
            },
            raw,
        ),
        _ => {
            let native = match c.data_type_owner.as_deref() {
                Some(o) if !o.is_empty() && o != "SYS" && o != "PUBLIC" => {
                    format!("{o}.{raw}")
                }
                _ => raw,
            };
            (
                DataType::Other {
                    native: native.clone(),
                },
                native,
            )
        }
    }
}

/// The first `(n)` number in a type text (`TIMESTAMP(3)`).
fn paren_number(s: &str) -> Option<u8> {
    let start = s.find('(')? + 1;
    let end = start + s[start..].find(')')?;
    s[start..end].trim().parse().ok()
}

/// Parse `DATA_DEFAULT` text: enclosing parentheses removed; `NULL` -> [`DefaultValue::Null`];
/// one string literal (`'abc'`, `N'x''y'`) -> literal without quotes; a number -> literal;
/// anything else (`SYSDATE`, `SYS_GUID()`, `systimestamp`, `seq.nextval`) -> expression.
pub fn parse_default(text: &str) -> Option<DefaultValue> {
    let mut s = text.trim();
    while s.starts_with('(') && s.ends_with(')') && closing_paren(s) == Some(s.len() - 1) {
        s = s[1..s.len() - 1].trim();
    }
    if s.is_empty() {
        return None;
    }
    if s.eq_ignore_ascii_case("null") {
        return Some(DefaultValue::Null);
    }
    if let Some(lit) = string_literal(s) {
        return Some(DefaultValue::Literal(lit));
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !digits.is_empty()
        && digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
    {
        return Some(DefaultValue::Literal(s.to_string()));
    }
    Some(DefaultValue::Expression(s.to_string()))
}

fn closing_paren(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_str = false;
    let mut in_ident = false;
    for (i, ch) in s.char_indices() {
        match ch {
            '\'' if !in_ident => in_str = !in_str,
            '"' if !in_str => in_ident = !in_ident,
            '(' if !in_str && !in_ident => depth += 1,
            ')' if !in_str && !in_ident => {
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

fn string_literal(s: &str) -> Option<String> {
    let body = s
        .strip_prefix("N'")
        .or_else(|| s.strip_prefix("n'"))
        .or_else(|| s.strip_prefix('\''))?
        .strip_suffix('\'')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c == '\'' && chars.next() != Some('\'') {
            return None;
        }
        out.push(c);
    }
    Some(out)
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
