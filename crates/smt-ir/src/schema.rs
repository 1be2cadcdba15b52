//! The source schema as a source reported it: catalogs, tables, columns and types.
//!
//! Nothing here knows about StarRocks or Flink. Adapters fill these structures from their native
//! catalogs; the plan and the emitters read them.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The kinds of source database smt reads, named as the original tool's `[db] type` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// MySQL and MariaDB.
    Mysql,
    /// PostgreSQL.
    Pgsql,
    /// Oracle Database.
    Oracle,
    /// Microsoft SQL Server.
    Sqlserver,
    /// ClickHouse.
    Clickhouse,
    /// Apache Hive (through its metastore or HiveServer2).
    Hive,
    /// TiDB (MySQL protocol).
    Tidb,
}

impl SourceKind {
    /// Every kind, in the order the documentation lists them.
    pub const ALL: [SourceKind; 7] = [
        SourceKind::Mysql,
        SourceKind::Pgsql,
        SourceKind::Oracle,
        SourceKind::Sqlserver,
        SourceKind::Clickhouse,
        SourceKind::Hive,
        SourceKind::Tidb,
    ];

    /// The `[db] type` spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Mysql => "mysql",
            SourceKind::Pgsql => "pgsql",
            SourceKind::Oracle => "oracle",
            SourceKind::Sqlserver => "sqlserver",
            SourceKind::Clickhouse => "clickhouse",
            SourceKind::Hive => "hive",
            SourceKind::Tidb => "tidb",
        }
    }

    /// Whether the source has a schema level between database and table, so that target table
    /// names are `<schema>__<table>` (PostgreSQL, Oracle, SQL Server).
    pub fn has_schemas(self) -> bool {
        matches!(
            self,
            SourceKind::Pgsql | SourceKind::Oracle | SourceKind::Sqlserver
        )
    }

    /// Whether an incremental (CDC) Flink source exists for this kind.
    pub fn supports_cdc(self) -> bool {
        !matches!(self, SourceKind::Hive | SourceKind::Clickhouse)
    }

    /// The default port of the source's own protocol.
    pub fn default_port(self) -> u16 {
        match self {
            SourceKind::Mysql => 3306,
            SourceKind::Pgsql => 5432,
            SourceKind::Oracle => 1521,
            SourceKind::Sqlserver => 1433,
            SourceKind::Clickhouse => 8123,
            SourceKind::Hive => 10000,
            SourceKind::Tidb => 4000,
        }
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error returned when a string names no [`SourceKind`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSourceKind(pub String);

impl fmt::Display for UnknownSourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = SourceKind::ALL.iter().map(|k| k.as_str()).collect();
        write!(
            f,
            "unknown source type `{}` (supported: {})",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownSourceKind {}

impl FromStr for SourceKind {
    type Err = UnknownSourceKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        match lower.as_str() {
            "mysql" | "mariadb" => Ok(SourceKind::Mysql),
            "pgsql" | "postgres" | "postgresql" => Ok(SourceKind::Pgsql),
            "oracle" => Ok(SourceKind::Oracle),
            "sqlserver" | "mssql" => Ok(SourceKind::Sqlserver),
            "clickhouse" => Ok(SourceKind::Clickhouse),
            "hive" => Ok(SourceKind::Hive),
            "tidb" => Ok(SourceKind::Tidb),
            _ => Err(UnknownSourceKind(s.to_string())),
        }
    }
}

/// Everything one source reported: its kind, version and the tables that were described.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// Which database the schema comes from.
    pub source: SourceKind,
    /// The server's version banner, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_version: Option<String>,
    /// The described tables.
    pub tables: Vec<Table>,
}

/// A fully qualified source table name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TableName {
    /// Database (MySQL schema, PostgreSQL database, Oracle service/PDB, ClickHouse/Hive database).
    pub database: String,
    /// Schema inside the database, for sources that have one (PostgreSQL, Oracle, SQL Server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Table name.
    pub name: String,
}

impl TableName {
    /// A name without a schema level.
    pub fn new(database: impl Into<String>, name: impl Into<String>) -> Self {
        TableName {
            database: database.into(),
            schema: None,
            name: name.into(),
        }
    }

    /// A name with a schema level.
    pub fn with_schema(
        database: impl Into<String>,
        schema: impl Into<String>,
        name: impl Into<String>,
    ) -> Self {
        TableName {
            database: database.into(),
            schema: Some(schema.into()),
            name: name.into(),
        }
    }
}

impl fmt::Display for TableName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.schema {
            Some(s) => write!(f, "{}.{}.{}", self.database, s, self.name),
            None => write!(f, "{}.{}", self.database, self.name),
        }
    }
}

/// A table as the source describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Where the table lives.
    pub name: TableName,
    /// Columns in source order.
    pub columns: Vec<Column>,
    /// The primary key, if the table has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<Key>,
    /// Unique constraints and unique indexes, in the source's order. Never foreign keys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unique_keys: Vec<Key>,
    /// The table comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Size and age, used for bucket sizing.
    #[serde(default)]
    pub size: SizeEstimate,
    /// Columns the source partitions by (Hive partition keys, PostgreSQL partition key columns).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partition_columns: Vec<String>,
    /// Storage engine facts that matter downstream (ClickHouse engine and sorting key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<Engine>,
    /// Other source-specific facts, by name (e.g. `tidb.clustered_index`, `hive.location`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facts: BTreeMap<String, String>,
}

impl Table {
    /// An empty table with the given name.
    pub fn new(name: TableName) -> Self {
        Table {
            name,
            columns: Vec::new(),
            primary_key: None,
            unique_keys: Vec::new(),
            comment: None,
            size: SizeEstimate::default(),
            partition_columns: Vec::new(),
            engine: None,
            facts: BTreeMap::new(),
        }
    }

    /// The column with this name (compared case-insensitively, as every supported source and
    /// StarRocks treat column names).
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name).or_else(|| {
            self.columns
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(name))
        })
    }
}

/// A primary or unique key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    /// Constraint or index name, when the source has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Key columns in key order.
    pub columns: Vec<String>,
}

impl Key {
    /// A key over the given columns.
    pub fn new(name: Option<String>, columns: Vec<String>) -> Self {
        Key { name, columns }
    }
}

/// Size and age of a table, as far as the source knows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizeEstimate {
    /// Data size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    /// Row count (an estimate on most sources).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<u64>,
    /// Creation time as seconds since the Unix epoch (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_epoch_secs: Option<i64>,
}

/// Storage-engine facts (ClickHouse MergeTree family, and similar).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Engine {
    /// Engine name without parameters, e.g. `ReplacingMergeTree`.
    pub name: String,
    /// The engine's sorting key columns (ClickHouse `ORDER BY`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sorting_key: Vec<String>,
    /// The engine's primary key columns, when different from the sorting key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub primary_key: Vec<String>,
    /// The partition expression, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_key: Option<String>,
}

/// A column as the source describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// Column name, exactly as in the source.
    pub name: String,
    /// The type, in neutral terms.
    pub data_type: DataType,
    /// The type exactly as the source spells it (e.g. `int(10) unsigned zerofill`), for reports.
    pub native_type: String,
    /// Whether NULL is allowed.
    pub nullable: bool,
    /// The default value, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<DefaultValue>,
    /// The column comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// AUTO_INCREMENT, serial or identity column.
    #[serde(default, skip_serializing_if = "is_false")]
    pub auto_increment: bool,
    /// Generated (computed) column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<Generated>,
    /// Character set of a character column, when the source reports one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charset: Option<String>,
    /// Collation of a character column, when the source reports one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// Other facts (e.g. `pg.domain` for a domain-typed column).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facts: BTreeMap<String, String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Column {
    /// A nullable column with no default, comment or extras.
    pub fn new(
        name: impl Into<String>,
        data_type: DataType,
        native_type: impl Into<String>,
    ) -> Self {
        Column {
            name: name.into(),
            data_type,
            native_type: native_type.into(),
            nullable: true,
            default: None,
            comment: None,
            auto_increment: false,
            generated: None,
            charset: None,
            collation: None,
            facts: BTreeMap::new(),
        }
    }

    /// Builder-style: set nullability.
    pub fn not_null(mut self) -> Self {
        self.nullable = false;
        self
    }
}

/// A column default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum DefaultValue {
    /// A literal value, unquoted (`'abc'` is stored as `abc`; `0` as `0`).
    Literal(String),
    /// An expression evaluated by the source (`CURRENT_TIMESTAMP`, `uuid()`, `nextval('s')`).
    Expression(String),
    /// An explicit `DEFAULT NULL`.
    Null,
}

impl DefaultValue {
    /// Whether this is the current date/time function in any common spelling.
    pub fn is_current_timestamp(&self) -> bool {
        match self {
            DefaultValue::Expression(e) => {
                let e = e.trim().to_ascii_lowercase();
                let base = e.split('(').next().unwrap_or("").trim();
                matches!(
                    base,
                    "current_timestamp"
                        | "now"
                        | "localtimestamp"
                        | "localtime"
                        | "getdate"
                        | "sysdate"
                        | "systimestamp"
                        | "sysdatetime"
                        | "statement_timestamp"
                        | "transaction_timestamp"
                        | "clock_timestamp"
                )
            }
            _ => false,
        }
    }
}

/// A generated (computed) column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generated {
    /// The generating expression, verbatim.
    pub expression: String,
    /// Whether the value is stored (as opposed to computed on read).
    pub stored: bool,
}

/// When a timestamp or time carries a time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeZoneKind {
    /// A wall-clock value with no zone (MySQL DATETIME, PostgreSQL `timestamp`).
    None,
    /// An instant, shown in the session's zone (MySQL TIMESTAMP, PostgreSQL `timestamptz`,
    /// Oracle `WITH LOCAL TIME ZONE`).
    Local,
    /// A value that keeps its own offset (Oracle `WITH TIME ZONE`, SQL Server `datetimeoffset`).
    Offset,
}

/// One field of a struct type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StructField {
    /// Field name.
    pub name: String,
    /// Field type.
    pub data_type: DataType,
}

/// A column type in neutral terms.
///
/// Lengths of character types are in **characters**; `max_bytes_per_char` says how many bytes one
/// character can take in the column's own character set (4 for utf8mb4, 3 for utf8mb3, 1 for
/// latin1, 2 or 4 for UTF-16 based types), so an emitter can size byte-counted targets exactly.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DataType {
    /// True/false.
    Boolean,
    /// A binary integer of `bits` width (8, 16, 24, 32, 64 or 128).
    Integer {
        /// Width in bits.
        bits: u16,
        /// Whether the range is 0..2^bits.
        unsigned: bool,
        /// MySQL display width (`tinyint(1)`), when declared.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        display_width: Option<u32>,
    },
    /// An exact decimal. `precision: None` means unbounded (PostgreSQL `numeric`, Oracle `NUMBER`).
    Decimal {
        /// Total digits.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        precision: Option<u32>,
        /// Digits after the point; negative on Oracle (`NUMBER(5,-2)`); `None` when unbounded.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scale: Option<i32>,
    },
    /// IEEE float of 32 or 64 bits.
    Float {
        /// 32 or 64.
        bits: u16,
    },
    /// Fixed-length character string.
    Char {
        /// Length in characters.
        length: u32,
        /// Maximum bytes per character in the column's character set.
        max_bytes_per_char: u8,
    },
    /// Variable-length character string; `length: None` means no declared limit.
    Varchar {
        /// Maximum length in characters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        length: Option<u32>,
        /// Maximum bytes per character in the column's character set.
        max_bytes_per_char: u8,
    },
    /// Long text (MySQL TEXT family, PostgreSQL `text`, CLOB, `nvarchar(max)`).
    Text {
        /// Maximum size in bytes, when the type has one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_bytes: Option<u64>,
        /// Maximum bytes per character in the column's character set.
        max_bytes_per_char: u8,
    },
    /// Fixed-length binary string.
    Binary {
        /// Length in bytes.
        length: u32,
    },
    /// Variable-length binary string; `length: None` means no declared limit.
    Varbinary {
        /// Maximum length in bytes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        length: Option<u32>,
    },
    /// Binary large object.
    Blob {
        /// Maximum size in bytes, when the type has one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_bytes: Option<u64>,
    },
    /// Calendar date.
    Date,
    /// Time of day, optionally with fractional seconds and a zone.
    Time {
        /// Fractional second digits.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        precision: Option<u8>,
        /// Whether the value carries a zone (PostgreSQL `timetz`).
        #[serde(default, skip_serializing_if = "is_false")]
        with_time_zone: bool,
    },
    /// Date and time of day.
    Timestamp {
        /// Fractional second digits.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        precision: Option<u8>,
        /// Time-zone semantics.
        time_zone: TimeZoneKind,
    },
    /// A duration (PostgreSQL `interval`, Oracle `INTERVAL DAY TO SECOND`).
    Interval {
        /// The field qualifier (`DAY TO SECOND`), when declared.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fields: Option<String>,
    },
    /// A year (MySQL `YEAR`).
    Year,
    /// JSON document; `binary` for a binary encoding (PostgreSQL `jsonb`).
    Json {
        /// Binary storage format.
        #[serde(default, skip_serializing_if = "is_false")]
        binary: bool,
    },
    /// UUID / uniqueidentifier.
    Uuid,
    /// Enumeration of string values.
    Enum {
        /// Allowed values in declaration order.
        values: Vec<String>,
    },
    /// Set of string values (MySQL `SET`).
    Set {
        /// Allowed values in declaration order.
        values: Vec<String>,
    },
    /// Bit string of `length` bits.
    Bit {
        /// Number of bits (maximum when varying).
        length: u32,
        /// `bit varying`.
        #[serde(default, skip_serializing_if = "is_false")]
        varying: bool,
    },
    /// Array of an element type.
    Array {
        /// Element type.
        element: Box<DataType>,
        /// Declared dimensions (PostgreSQL `int[][]` is 2).
        dimensions: u32,
    },
    /// Key/value map.
    Map {
        /// Key type.
        key: Box<DataType>,
        /// Value type.
        value: Box<DataType>,
    },
    /// Struct / row / tuple with named fields.
    Struct {
        /// Fields in order.
        fields: Vec<StructField>,
    },
    /// Geometry / geography value (`point`, `geometry`, `geography`, ...).
    Spatial {
        /// The native spatial type name, lower-case.
        kind: String,
    },
    /// XML document.
    Xml,
    /// Anything else; `native` is the source's type text.
    Other {
        /// The source's type text.
        native: String,
    },
}

impl DataType {
    /// A signed integer of this many bits.
    pub fn int(bits: u16) -> Self {
        DataType::Integer {
            bits,
            unsigned: false,
            display_width: None,
        }
    }

    /// An unsigned integer of this many bits.
    pub fn uint(bits: u16) -> Self {
        DataType::Integer {
            bits,
            unsigned: true,
            display_width: None,
        }
    }

    /// A decimal of the given precision and scale.
    pub fn decimal(precision: u32, scale: i32) -> Self {
        DataType::Decimal {
            precision: Some(precision),
            scale: Some(scale),
        }
    }

    /// `varchar(length)` with the given bytes per character.
    pub fn varchar(length: u32, max_bytes_per_char: u8) -> Self {
        DataType::Varchar {
            length: Some(length),
            max_bytes_per_char,
        }
    }

    /// Maximum size in bytes of a value of a character or binary type, when bounded.
    pub fn max_bytes(&self) -> Option<u64> {
        match self {
            DataType::Char {
                length,
                max_bytes_per_char,
            } => Some(u64::from(*length) * u64::from((*max_bytes_per_char).max(1))),
            DataType::Varchar {
                length: Some(length),
                max_bytes_per_char,
            } => Some(u64::from(*length) * u64::from((*max_bytes_per_char).max(1))),
            DataType::Text { max_bytes, .. } => *max_bytes,
            DataType::Binary { length } => Some(u64::from(*length)),
            DataType::Varbinary { length } => length.map(u64::from),
            DataType::Blob { max_bytes } => *max_bytes,
            _ => None,
        }
    }

    /// Whether this is a character string type (char, varchar, text).
    pub fn is_character(&self) -> bool {
        matches!(
            self,
            DataType::Char { .. } | DataType::Varchar { .. } | DataType::Text { .. }
        )
    }

    /// Whether this is a date, time or timestamp type.
    pub fn is_temporal(&self) -> bool {
        matches!(
            self,
            DataType::Date | DataType::Time { .. } | DataType::Timestamp { .. } | DataType::Year
        )
    }

    /// A short human description of the neutral type, used in reports.
    pub fn describe(&self) -> String {
        match self {
            DataType::Boolean => "boolean".into(),
            DataType::Integer {
                bits,
                unsigned,
                display_width,
            } => {
                let mut s = format!("{}int{}", if *unsigned { "u" } else { "" }, bits);
                if let Some(w) = display_width {
                    s.push_str(&format!("({w})"));
                }
                s
            }
            DataType::Decimal { precision, scale } => match (precision, scale) {
                (Some(p), Some(s)) => format!("decimal({p},{s})"),
                (Some(p), None) => format!("decimal({p})"),
                _ => "decimal".into(),
            },
            DataType::Float { bits } => format!("float{bits}"),
            DataType::Char {
                length,
                max_bytes_per_char,
            } => format!("char({length} chars x {max_bytes_per_char}B)"),
            DataType::Varchar {
                length,
                max_bytes_per_char,
            } => match length {
                Some(l) => format!("varchar({l} chars x {max_bytes_per_char}B)"),
                None => "varchar".into(),
            },
            DataType::Text { max_bytes, .. } => match max_bytes {
                Some(b) => format!("text({b}B)"),
                None => "text".into(),
            },
            DataType::Binary { length } => format!("binary({length})"),
            DataType::Varbinary { length } => match length {
                Some(l) => format!("varbinary({l})"),
                None => "varbinary".into(),
            },
            DataType::Blob { max_bytes } => match max_bytes {
                Some(b) => format!("blob({b}B)"),
                None => "blob".into(),
            },
            DataType::Date => "date".into(),
            DataType::Time {
                precision,
                with_time_zone,
            } => format!(
                "time({}){}",
                precision.unwrap_or(0),
                if *with_time_zone { " tz" } else { "" }
            ),
            DataType::Timestamp {
                precision,
                time_zone,
            } => format!(
                "timestamp({}){}",
                precision.unwrap_or(0),
                match time_zone {
                    TimeZoneKind::None => "",
                    TimeZoneKind::Local => " ltz",
                    TimeZoneKind::Offset => " tz",
                }
            ),
            DataType::Interval { fields } => match fields {
                Some(f) => format!("interval {f}"),
                None => "interval".into(),
            },
            DataType::Year => "year".into(),
            DataType::Json { binary } => if *binary { "jsonb" } else { "json" }.into(),
            DataType::Uuid => "uuid".into(),
            DataType::Enum { values } => format!("enum({} values)", values.len()),
            DataType::Set { values } => format!("set({} values)", values.len()),
            DataType::Bit { length, varying } => {
                format!("bit{}({length})", if *varying { " varying" } else { "" })
            }
            DataType::Array {
                element,
                dimensions,
            } => format!("array{}<{}>", dimensions, element.describe()),
            DataType::Map { key, value } => {
                format!("map<{},{}>", key.describe(), value.describe())
            }
            DataType::Struct { fields } => {
                let inner: Vec<String> = fields
                    .iter()
                    .map(|f| format!("{}:{}", f.name, f.data_type.describe()))
                    .collect();
                format!("struct<{}>", inner.join(","))
            }
            DataType::Spatial { kind } => kind.clone(),
            DataType::Xml => "xml".into(),
            DataType::Other { native } => format!("other({native})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_kind_round_trip() {
        for k in SourceKind::ALL {
            assert_eq!(k.as_str().parse::<SourceKind>(), Ok(k));
        }
        let err = "db2".parse::<SourceKind>().unwrap_err();
        assert!(err.to_string().contains("db2"));
        assert!(err.to_string().contains("sqlserver"));
    }

    #[test]
    fn char_bytes() {
        assert_eq!(DataType::varchar(10, 4).max_bytes(), Some(40));
        assert_eq!(
            DataType::Varchar {
                length: None,
                max_bytes_per_char: 4
            }
            .max_bytes(),
            None
        );
    }

    #[test]
    fn current_timestamp_defaults() {
        assert!(DefaultValue::Expression("CURRENT_TIMESTAMP(3)".into()).is_current_timestamp());
        assert!(DefaultValue::Expression("now()".into()).is_current_timestamp());
        assert!(!DefaultValue::Literal("now".into()).is_current_timestamp());
    }

    #[test]
    fn serde_round_trip() {
        let mut t = Table::new(TableName::new("db", "t"));
        t.columns.push(Column::new(
            "a",
            DataType::Array {
                element: Box::new(DataType::int(32)),
                dimensions: 1,
            },
            "int[]",
        ));
        let json = serde_json::to_string(&t).unwrap();
        let back: Table = serde_json::from_str(&json).unwrap();
        assert_eq!(t, back);
    }
}
#[cfg(test)]
mod size_probe {
    #[test]
    fn sizes() {
        eprintln!(
            "Column {} DataType {} DefaultValue {} Generated {} Table {}",
            size_of::<super::Column>(),
            size_of::<super::DataType>(),
            size_of::<Option<super::DefaultValue>>(),
            size_of::<Option<super::Generated>>(),
            size_of::<super::Table>()
        );
    }
}
