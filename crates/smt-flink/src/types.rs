//! Flink SQL types: what each source connector produces for a neutral IR type, and what the
//! StarRocks sink can write.
//!
//! Two types are computed per column:
//! - the **source type**, declared in the `_src` table: the type the CDC (or batch) connector
//!   produces for the column, following each connector's documented type mapping;
//! - the **sink type**, declared in the `_sink` table: the same type, except where
//!   flink-connector-starrocks cannot serialize it (`TIME`, `BYTES`/`VARBINARY`/`BINARY`), in
//!   which case the INSERT casts the value to `STRING`.
//!
//! Flink silently clamps some out-of-range types (`DECIMAL(40, 2)` becomes `DECIMAL(38, 2)`,
//! `TIMESTAMP(10)` becomes `TIMESTAMP(9)`, `VARCHAR(0)` is accepted), so every parameter is
//! range-checked here and an out-of-range type falls back to `STRING` with a warning.

use std::fmt;

use smt_ir::{Column, DataType, Severity, SourceKind, TargetProfile, TimeZoneKind};

use crate::EmitError;
use crate::text::quote_ident;

/// Largest DECIMAL precision Flink supports.
pub(crate) const MAX_DECIMAL_PRECISION: i64 = 38;
/// Largest fractional-second precision of Flink TIME / TIMESTAMP / TIMESTAMP_LTZ.
pub(crate) const MAX_TIME_PRECISION: i64 = 9;
/// Largest CHAR / VARCHAR / BINARY / VARBINARY length in Flink.
pub(crate) const MAX_LENGTH: i64 = 2_147_483_647;
/// Largest TIMESTAMP precision of flink-connector-jdbc's MySQL dialect (used for ClickHouse).
const MAX_JDBC_MYSQL_TIMESTAMP_PRECISION: i64 = 6;

/// A Flink SQL data type (without nullability).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FlinkType {
    Boolean,
    TinyInt,
    SmallInt,
    Int,
    BigInt,
    Float,
    Double,
    /// `DECIMAL(p, s)`, always in range.
    Decimal(u32, u32),
    Char(u32),
    Varchar(u32),
    String,
    Binary(u32),
    Varbinary(u32),
    Bytes,
    Date,
    Time(u32),
    Timestamp(u32),
    TimestampLtz(u32),
    Array(Box<FlinkType>),
    Map(Box<FlinkType>, Box<FlinkType>),
    Row(Vec<(String, FlinkType)>),
}

impl fmt::Display for FlinkType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlinkType::Boolean => f.write_str("BOOLEAN"),
            FlinkType::TinyInt => f.write_str("TINYINT"),
            FlinkType::SmallInt => f.write_str("SMALLINT"),
            FlinkType::Int => f.write_str("INT"),
            FlinkType::BigInt => f.write_str("BIGINT"),
            FlinkType::Float => f.write_str("FLOAT"),
            FlinkType::Double => f.write_str("DOUBLE"),
            FlinkType::Decimal(p, s) => write!(f, "DECIMAL({p}, {s})"),
            FlinkType::Char(n) => write!(f, "CHAR({n})"),
            FlinkType::Varchar(n) => write!(f, "VARCHAR({n})"),
            FlinkType::String => f.write_str("STRING"),
            FlinkType::Binary(n) => write!(f, "BINARY({n})"),
            FlinkType::Varbinary(n) => write!(f, "VARBINARY({n})"),
            FlinkType::Bytes => f.write_str("BYTES"),
            FlinkType::Date => f.write_str("DATE"),
            FlinkType::Time(p) => write!(f, "TIME({p})"),
            FlinkType::Timestamp(p) => write!(f, "TIMESTAMP({p})"),
            FlinkType::TimestampLtz(p) => write!(f, "TIMESTAMP_LTZ({p})"),
            FlinkType::Array(e) => write!(f, "ARRAY<{e}>"),
            FlinkType::Map(k, v) => write!(f, "MAP<{k}, {v}>"),
            FlinkType::Row(fields) => {
                f.write_str("ROW<")?;
                for (i, (name, t)) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{} {t}", quote_ident(name))?;
                }
                f.write_str(">")
            }
        }
    }
}

/// Something worth telling the user about one column's mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Note {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
}

impl Note {
    fn warn(code: &'static str, message: impl Into<String>) -> Self {
        Note {
            severity: Severity::Warning,
            code,
            message: message.into(),
        }
    }

    fn info(code: &'static str, message: impl Into<String>) -> Self {
        Note {
            severity: Severity::Info,
            code,
            message: message.into(),
        }
    }
}

/// The mapping of one column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mapped {
    /// Type declared in the `_src` table (what the connector produces).
    pub src: FlinkType,
    /// Type declared in the `_sink` table (what flink-connector-starrocks can write).
    pub sink: FlinkType,
    /// Notes for the report.
    pub notes: Vec<Note>,
    /// Whether the source type is a guess or a fallback rather than the connector's documented
    /// mapping (the Hive path then casts explicitly).
    pub fallback: bool,
    /// mysql-cdc reads this column correctly only with `jdbc.properties.tinyInt1isBit = false`.
    pub needs_tinyint1_not_bit: bool,
}

/// Per-column mapping state.
struct Ctx<'a> {
    source: SourceKind,
    target: &'a TargetProfile,
    native: &'a str,
    column: &'a str,
    notes: Vec<Note>,
    fallback: bool,
    needs_tinyint1_not_bit: bool,
    /// BINARY produced for a bit string, which flink-connector-starrocks writes as an integer.
    bit_binary: bool,
}

impl Ctx<'_> {
    fn fallback_string(&mut self, code: &'static str, message: impl Into<String>) -> FlinkType {
        self.fallback = true;
        self.notes.push(Note::warn(code, message));
        FlinkType::String
    }

    fn decimal(&mut self, precision: i64, scale: i64) -> FlinkType {
        if (1..=MAX_DECIMAL_PRECISION).contains(&precision) && (0..=precision).contains(&scale) {
            FlinkType::Decimal(to_u32(precision), to_u32(scale))
        } else {
            self.fallback_string(
                "flink-type-out-of-range",
                format!(
                    "DECIMAL({precision}, {scale}) is outside Flink's range (precision 1 to 38, \
                     scale 0 to precision); read as STRING"
                ),
            )
        }
    }

    fn unbounded_decimal(&mut self) -> FlinkType {
        self.notes.push(Note::warn(
            "flink-unbounded-decimal",
            format!(
                "`{}` has no declared precision; read as DECIMAL(38, 9): fractions beyond 9 \
                 digits are rounded and values with more than 29 integer digits become NULL",
                self.native
            ),
        ));
        FlinkType::Decimal(38, 9)
    }

    fn length(&mut self, kind: &str, length: i64) -> Option<u32> {
        if (1..=MAX_LENGTH).contains(&length) {
            Some(to_u32(length))
        } else {
            self.fallback = true;
            self.notes.push(Note::info(
                "flink-type-out-of-range",
                format!(
                    "{kind}({length}) is outside Flink's range (1 to 2147483647); declared \
                     without a length"
                ),
            ));
            None
        }
    }

    fn char(&mut self, length: u32) -> FlinkType {
        match self.length("CHAR", i64::from(length)) {
            Some(n) => FlinkType::Char(n),
            None => FlinkType::String,
        }
    }

    fn varchar(&mut self, length: Option<u32>) -> FlinkType {
        match length.and_then(|l| self.length("VARCHAR", i64::from(l))) {
            Some(n) => FlinkType::Varchar(n),
            None => FlinkType::String,
        }
    }

    fn binary(&mut self, length: u32) -> FlinkType {
        match self.length("BINARY", i64::from(length)) {
            Some(n) => FlinkType::Binary(n),
            None => FlinkType::Bytes,
        }
    }

    fn varbinary(&mut self, length: Option<u32>) -> FlinkType {
        match length.and_then(|l| self.length("VARBINARY", i64::from(l))) {
            Some(n) => FlinkType::Varbinary(n),
            None => FlinkType::Bytes,
        }
    }

    fn precision(&mut self, kind: &str, precision: Option<u8>, default: i64) -> Option<u32> {
        let p = precision.map_or(default, i64::from);
        if (0..=MAX_TIME_PRECISION).contains(&p) {
            Some(to_u32(p))
        } else {
            self.fallback_string(
                "flink-type-out-of-range",
                format!("{kind}({p}) is outside Flink's range (precision 0 to 9); read as STRING"),
            );
            None
        }
    }

    fn time(&mut self, precision: Option<u8>) -> FlinkType {
        let default = default_time_precision(self.source);
        match self.precision("TIME", precision, default) {
            Some(p) => FlinkType::Time(p),
            None => FlinkType::String,
        }
    }

    fn timestamp(&mut self, precision: Option<u8>) -> FlinkType {
        let default = default_timestamp_precision(self.source, self.native);
        match self.precision("TIMESTAMP", precision, default) {
            Some(p) => FlinkType::Timestamp(p),
            None => FlinkType::String,
        }
    }

    fn timestamp_ltz(&mut self, precision: Option<u8>) -> FlinkType {
        let default = default_timestamp_precision(self.source, self.native);
        match self.precision("TIMESTAMP_LTZ", precision, default) {
            Some(p) => FlinkType::TimestampLtz(p),
            None => FlinkType::String,
        }
    }

    fn integer(&mut self, bits: u16, unsigned: bool) -> Result<FlinkType, EmitError> {
        Ok(match (bits, unsigned) {
            (0, _) => {
                return Err(EmitError::UnsupportedType {
                    column: self.column.to_string(),
                    message: format!("`{}`: an integer of 0 bits", self.native),
                });
            }
            (1..=8, false) => FlinkType::TinyInt,
            (1..=8, true) | (9..=16, false) => FlinkType::SmallInt,
            (9..=16, true) | (17..=24, _) | (25..=32, false) => FlinkType::Int,
            (25..=32, true) | (33..=64, false) => FlinkType::BigInt,
            (33..=64, true) => FlinkType::Decimal(20, 0),
            _ => self.fallback_string(
                "flink-type-out-of-range",
                format!(
                    "`{}`: no Flink integer type holds {bits}-bit values; read as STRING",
                    self.native
                ),
            ),
        })
    }

    fn unknown(&mut self, what: &str) -> FlinkType {
        self.fallback_string(
            "flink-unknown-type",
            format!(
                "{what} `{}` has no {} type mapping; read as STRING",
                self.native,
                connector_name(self.source)
            ),
        )
    }
}

fn to_u32(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// The name of the connector that reads a source kind.
pub(crate) fn connector_name(source: SourceKind) -> &'static str {
    match source {
        SourceKind::Mysql => "mysql-cdc",
        SourceKind::Tidb => "tidb-cdc",
        SourceKind::Pgsql => "postgres-cdc",
        SourceKind::Oracle => "oracle-cdc",
        SourceKind::Sqlserver => "sqlserver-cdc",
        SourceKind::Hive => "Flink Hive catalog",
        SourceKind::Clickhouse => "Flink JDBC connector",
    }
}

fn default_time_precision(source: SourceKind) -> i64 {
    match source {
        SourceKind::Pgsql => 6,
        SourceKind::Sqlserver => 7,
        _ => 0,
    }
}

/// Fractional digits of a timestamp type declared without a precision, per source.
fn default_timestamp_precision(source: SourceKind, native: &str) -> i64 {
    let native = native.trim().to_ascii_lowercase();
    match source {
        SourceKind::Mysql | SourceKind::Tidb => 0,
        SourceKind::Pgsql => 6,
        SourceKind::Oracle => {
            if native.starts_with("date") {
                0
            } else {
                6
            }
        }
        SourceKind::Sqlserver => {
            if native.starts_with("smalldatetime") {
                0
            } else if native.starts_with("datetime2") || native.starts_with("datetimeoffset") {
                7
            } else if native.starts_with("datetime") {
                3
            } else {
                7
            }
        }
        SourceKind::Clickhouse => {
            if native.starts_with("datetime64") || native.contains("(datetime64") {
                3
            } else {
                0
            }
        }
        SourceKind::Hive => 9,
    }
}

/// Map one column (source type, sink type and notes).
pub(crate) fn map_column(
    column: &Column,
    source: SourceKind,
    target: &TargetProfile,
) -> Result<Mapped, EmitError> {
    let mut ctx = Ctx {
        source,
        target,
        native: &column.native_type,
        column: &column.name,
        notes: Vec::new(),
        fallback: false,
        needs_tinyint1_not_bit: false,
        bit_binary: false,
    };
    let src = source_type(&mut ctx, &column.data_type)?;
    let sink = if ctx.bit_binary {
        src.clone()
    } else {
        sink_type(&src)
    };
    if sink != src {
        if contains_time(&src) {
            ctx.notes.push(Note::info(
                "flink-time-as-text",
                format!(
                    "flink-connector-starrocks cannot write {src}; the job casts the value to \
                     STRING ('HH:mm:ss[.fff]')"
                ),
            ));
        }
        if contains_binary(&src) {
            let hint = if source.supports_cdc() && source != SourceKind::Tidb {
                "; set `flink.cdc.debezium.binary.handling.mode = base64` to carry them as \
                 base64 text"
            } else {
                ""
            };
            ctx.notes.push(Note::warn(
                "flink-binary-as-text",
                format!(
                    "flink-connector-starrocks cannot write {src}; the job casts the bytes to \
                     STRING (decoded as UTF-8, lossy for non-text bytes{hint})"
                ),
            ));
        }
    }
    Ok(Mapped {
        src,
        sink,
        notes: ctx.notes,
        fallback: ctx.fallback,
        needs_tinyint1_not_bit: ctx.needs_tinyint1_not_bit,
    })
}

/// What flink-connector-starrocks can serialize: everything but TIME and binary strings (a
/// BINARY is written as a big-endian integer, right only for bit strings).
pub(crate) fn sink_type(t: &FlinkType) -> FlinkType {
    match t {
        FlinkType::Time(_) | FlinkType::Binary(_) | FlinkType::Varbinary(_) | FlinkType::Bytes => {
            FlinkType::String
        }
        FlinkType::Array(e) => FlinkType::Array(Box::new(sink_type(e))),
        FlinkType::Map(k, v) => FlinkType::Map(Box::new(sink_type(k)), Box::new(sink_type(v))),
        FlinkType::Row(fields) => FlinkType::Row(
            fields
                .iter()
                .map(|(n, t)| (n.clone(), sink_type(t)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn contains_time(t: &FlinkType) -> bool {
    match t {
        FlinkType::Time(_) => true,
        FlinkType::Array(e) => contains_time(e),
        FlinkType::Map(k, v) => contains_time(k) || contains_time(v),
        FlinkType::Row(fields) => fields.iter().any(|(_, t)| contains_time(t)),
        _ => false,
    }
}

fn contains_binary(t: &FlinkType) -> bool {
    match t {
        FlinkType::Binary(_) | FlinkType::Varbinary(_) | FlinkType::Bytes => true,
        FlinkType::Array(e) => contains_binary(e),
        FlinkType::Map(k, v) => contains_binary(k) || contains_binary(v),
        FlinkType::Row(fields) => fields.iter().any(|(_, t)| contains_binary(t)),
        _ => false,
    }
}

/// Whether a type is a character string type.
pub(crate) fn is_character(t: &FlinkType) -> bool {
    matches!(
        t,
        FlinkType::Char(_) | FlinkType::Varchar(_) | FlinkType::String
    )
}

fn source_type(ctx: &mut Ctx<'_>, dt: &DataType) -> Result<FlinkType, EmitError> {
    match ctx.source {
        SourceKind::Mysql | SourceKind::Tidb => mysql_type(ctx, dt),
        SourceKind::Pgsql => postgres_type(ctx, dt),
        SourceKind::Oracle => oracle_type(ctx, dt),
        SourceKind::Sqlserver => sqlserver_type(ctx, dt),
        SourceKind::Hive => hive_type(ctx, dt),
        SourceKind::Clickhouse => clickhouse_type(ctx, dt),
    }
}

/// DECIMAL with the generic rules: negative scale widens the integer part, no precision means
/// unbounded.
fn generic_decimal(ctx: &mut Ctx<'_>, precision: Option<u32>, scale: Option<i32>) -> FlinkType {
    match (precision, scale) {
        (None, _) => ctx.unbounded_decimal(),
        (Some(p), s) => {
            let p = i64::from(p);
            let s = i64::from(s.unwrap_or(0));
            if s < 0 {
                ctx.decimal(p - s, 0)
            } else {
                ctx.decimal(p, s)
            }
        }
    }
}

/// mysql-cdc and tidb-cdc ("Data Type Mapping" of their documentation).
fn mysql_type(ctx: &mut Ctx<'_>, dt: &DataType) -> Result<FlinkType, EmitError> {
    Ok(match dt {
        DataType::Boolean => FlinkType::Boolean,
        DataType::Integer {
            bits,
            unsigned,
            display_width,
        } => {
            if *bits == 8 && !*unsigned && *display_width == Some(1) {
                if ctx.target.tinyint1_as_boolean {
                    FlinkType::Boolean
                } else {
                    ctx.needs_tinyint1_not_bit = ctx.source == SourceKind::Mysql;
                    FlinkType::TinyInt
                }
            } else {
                ctx.integer(*bits, *unsigned)?
            }
        }
        DataType::Decimal { precision, scale } => generic_decimal(ctx, *precision, *scale),
        DataType::Float { bits } => float(*bits),
        DataType::Char { length, .. } => ctx.char(*length),
        DataType::Varchar { length, .. } => ctx.varchar(*length),
        DataType::Text { .. } => FlinkType::String,
        DataType::Binary { length } => ctx.binary(*length),
        DataType::Varbinary { length } => ctx.varbinary(*length),
        DataType::Blob { .. } => FlinkType::Bytes,
        DataType::Date => FlinkType::Date,
        DataType::Time { precision, .. } => ctx.time(*precision),
        DataType::Timestamp {
            precision,
            time_zone,
        } => {
            // mysql-cdc documents TIMESTAMP(p) for both DATETIME and TIMESTAMP (TIMESTAMP values
            // are converted with `server-time-zone`); tidb-cdc documents TIMESTAMP_LTZ(p).
            if ctx.source == SourceKind::Tidb && *time_zone != TimeZoneKind::None {
                ctx.timestamp_ltz(*precision)
            } else {
                ctx.timestamp(*precision)
            }
        }
        DataType::Year => FlinkType::Int,
        DataType::Json { .. }
        | DataType::Enum { .. }
        | DataType::Spatial { .. }
        | DataType::Uuid
        | DataType::Xml => FlinkType::String,
        // mysql-cdc documents ARRAY<STRING>, but a STRING column gets the comma-separated text
        // MySQL itself shows, which is what the StarRocks side stores (VARCHAR).
        DataType::Set { .. } => FlinkType::String,
        DataType::Bit { length, .. } => {
            if *length <= 1 {
                FlinkType::Boolean
            } else {
                ctx.bit_binary = true;
                ctx.binary(length.div_ceil(8))
            }
        }
        DataType::Interval { .. }
        | DataType::Array { .. }
        | DataType::Map { .. }
        | DataType::Struct { .. }
        | DataType::Other { .. } => ctx.unknown("type"),
    })
}

fn float(bits: u16) -> FlinkType {
    if bits <= 32 {
        FlinkType::Float
    } else {
        FlinkType::Double
    }
}

/// postgres-cdc.
fn postgres_type(ctx: &mut Ctx<'_>, dt: &DataType) -> Result<FlinkType, EmitError> {
    Ok(match dt {
        DataType::Boolean => FlinkType::Boolean,
        DataType::Integer { bits, unsigned, .. } => ctx.integer(*bits, *unsigned)?,
        DataType::Decimal { precision, scale } => generic_decimal(ctx, *precision, *scale),
        DataType::Float { bits } => float(*bits),
        // postgres-cdc documents STRING for every character type.
        DataType::Char { .. } | DataType::Varchar { .. } | DataType::Text { .. } => {
            FlinkType::String
        }
        DataType::Binary { .. } | DataType::Varbinary { .. } | DataType::Blob { .. } => {
            FlinkType::Bytes
        }
        DataType::Date => FlinkType::Date,
        DataType::Time {
            precision,
            with_time_zone,
        } => {
            if *with_time_zone {
                ctx.notes.push(Note::info(
                    "flink-timetz-as-text",
                    "timetz has no Flink type; read as STRING (ISO text with offset)",
                ));
                FlinkType::String
            } else {
                ctx.time(*precision)
            }
        }
        DataType::Timestamp {
            precision,
            time_zone,
        } => match time_zone {
            TimeZoneKind::None => ctx.timestamp(*precision),
            TimeZoneKind::Local | TimeZoneKind::Offset => ctx.timestamp_ltz(*precision),
        },
        DataType::Interval { .. } => {
            ctx.notes.push(Note::info(
                "flink-interval-as-micros",
                "interval is read as BIGINT microseconds (Debezium interval.handling.mode = \
                 numeric)",
            ));
            FlinkType::BigInt
        }
        DataType::Year => FlinkType::Int,
        DataType::Json { .. }
        | DataType::Uuid
        | DataType::Enum { .. }
        | DataType::Xml
        | DataType::Spatial { .. }
        | DataType::Set { .. } => FlinkType::String,
        DataType::Bit { length, varying } => {
            if *length <= 1 && !*varying {
                FlinkType::Boolean
            } else {
                FlinkType::Bytes
            }
        }
        DataType::Array {
            element,
            dimensions,
        } => {
            if *dimensions > 1 {
                ctx.fallback_string(
                    "flink-multidimensional-array",
                    format!(
                        "`{}`: postgres-cdc reads only one-dimensional arrays; read as STRING",
                        ctx.native
                    ),
                )
            } else {
                let element = postgres_type(ctx, element)?;
                ctx.notes.push(Note::info(
                    "flink-pg-array",
                    "arrays are read as ARRAY<...>, which needs a postgres-cdc release with array \
                     support (older releases fail with `Unsupported type: ARRAY`)",
                ));
                FlinkType::Array(Box::new(element))
            }
        }
        DataType::Map { .. } | DataType::Struct { .. } | DataType::Other { .. } => {
            ctx.unknown("type")
        }
    })
}

/// oracle-cdc.
fn oracle_type(ctx: &mut Ctx<'_>, dt: &DataType) -> Result<FlinkType, EmitError> {
    Ok(match dt {
        DataType::Boolean => FlinkType::Boolean,
        DataType::Integer { bits, unsigned, .. } => ctx.integer(*bits, *unsigned)?,
        DataType::Decimal {
            precision: None, ..
        } => ctx.unbounded_decimal(),
        DataType::Decimal {
            precision: Some(p),
            scale,
        } => {
            let p = i64::from(*p);
            let s = i64::from(scale.unwrap_or(0));
            if s <= 0 {
                // NUMBER(p, s <= 0) by the number of integer digits, as oracle-cdc documents.
                match p - s {
                    d if d < 3 => FlinkType::TinyInt,
                    d if d < 5 => FlinkType::SmallInt,
                    d if d < 10 => FlinkType::Int,
                    d if d < 19 => FlinkType::BigInt,
                    d => ctx.decimal(d, 0),
                }
            } else if s > p {
                // NUMBER(2, 5) holds 0.00099 at most: s digits, all of them fractional.
                ctx.decimal(s, s)
            } else {
                ctx.decimal(p, s)
            }
        }
        DataType::Float { bits } => float(*bits),
        DataType::Char { .. }
        | DataType::Varchar { .. }
        | DataType::Text { .. }
        | DataType::Xml
        | DataType::Json { .. } => FlinkType::String,
        DataType::Binary { .. } | DataType::Varbinary { .. } | DataType::Blob { .. } => {
            FlinkType::Bytes
        }
        // Oracle DATE carries a time of day; oracle-cdc produces TIMESTAMP for it.
        DataType::Date => FlinkType::Timestamp(0),
        DataType::Timestamp {
            precision,
            time_zone,
        } => match time_zone {
            TimeZoneKind::None => ctx.timestamp(*precision),
            TimeZoneKind::Local => ctx.timestamp_ltz(*precision),
            TimeZoneKind::Offset => {
                ctx.notes.push(Note::info(
                    "flink-offset-dropped",
                    "Flink has no TIMESTAMP WITH TIME ZONE; read as TIMESTAMP_LTZ (the instant is \
                     kept, the original offset is not)",
                ));
                ctx.timestamp_ltz(*precision)
            }
        },
        DataType::Interval { .. } => FlinkType::BigInt,
        DataType::Time { precision, .. } => ctx.time(*precision),
        DataType::Uuid | DataType::Enum { .. } | DataType::Spatial { .. } => FlinkType::String,
        DataType::Year => FlinkType::Int,
        DataType::Set { .. }
        | DataType::Bit { .. }
        | DataType::Array { .. }
        | DataType::Map { .. }
        | DataType::Struct { .. }
        | DataType::Other { .. } => ctx.unknown("type"),
    })
}

/// sqlserver-cdc.
fn sqlserver_type(ctx: &mut Ctx<'_>, dt: &DataType) -> Result<FlinkType, EmitError> {
    Ok(match dt {
        DataType::Boolean => FlinkType::Boolean,
        // tinyint is 0..255: SMALLINT, as sqlserver-cdc documents.
        DataType::Integer { bits, .. } if *bits <= 8 => FlinkType::SmallInt,
        DataType::Integer { bits, unsigned, .. } => ctx.integer(*bits, *unsigned)?,
        DataType::Decimal { precision, scale } => generic_decimal(ctx, *precision, *scale),
        // sqlserver-cdc documents DOUBLE for both real and float.
        DataType::Float { .. } => FlinkType::Double,
        DataType::Char { length, .. } => ctx.char(*length),
        DataType::Varchar { length, .. } => ctx.varchar(*length),
        DataType::Text { .. } | DataType::Xml | DataType::Json { .. } => FlinkType::String,
        DataType::Binary { .. } | DataType::Varbinary { .. } | DataType::Blob { .. } => {
            FlinkType::Bytes
        }
        DataType::Date => FlinkType::Date,
        DataType::Time { precision, .. } => ctx.time(*precision),
        DataType::Timestamp {
            precision,
            time_zone,
        } => match time_zone {
            TimeZoneKind::None => ctx.timestamp(*precision),
            TimeZoneKind::Local | TimeZoneKind::Offset => ctx.timestamp_ltz(*precision),
        },
        DataType::Bit { length, .. } if *length <= 1 => FlinkType::Boolean,
        DataType::Uuid | DataType::Spatial { .. } | DataType::Enum { .. } => FlinkType::String,
        DataType::Year => FlinkType::Int,
        DataType::Interval { .. }
        | DataType::Set { .. }
        | DataType::Bit { .. }
        | DataType::Array { .. }
        | DataType::Map { .. }
        | DataType::Struct { .. }
        | DataType::Other { .. } => ctx.unknown("type"),
    })
}

/// The Flink Hive connector's view of Hive types.
fn hive_type(ctx: &mut Ctx<'_>, dt: &DataType) -> Result<FlinkType, EmitError> {
    Ok(match dt {
        DataType::Boolean => FlinkType::Boolean,
        DataType::Integer { bits, unsigned, .. } => ctx.integer(*bits, *unsigned)?,
        DataType::Decimal { precision, scale } => match (precision, scale) {
            // Hive's bare DECIMAL is DECIMAL(10, 0).
            (None, _) => FlinkType::Decimal(10, 0),
            _ => generic_decimal(ctx, *precision, *scale),
        },
        DataType::Float { bits } => float(*bits),
        DataType::Char { length, .. } => ctx.char(*length),
        DataType::Varchar { length, .. } => ctx.varchar(*length),
        DataType::Text { .. } => FlinkType::String,
        DataType::Binary { .. } | DataType::Varbinary { .. } | DataType::Blob { .. } => {
            FlinkType::Bytes
        }
        DataType::Date => FlinkType::Date,
        DataType::Timestamp { precision, .. } => ctx.timestamp(*precision),
        DataType::Array {
            element,
            dimensions,
        } => {
            let mut t = hive_type(ctx, element)?;
            for _ in 0..(*dimensions).max(1) {
                t = FlinkType::Array(Box::new(t));
            }
            t
        }
        DataType::Map { key, value } => FlinkType::Map(
            Box::new(hive_type(ctx, key)?),
            Box::new(hive_type(ctx, value)?),
        ),
        DataType::Struct { fields } if !fields.is_empty() => {
            let mut out = Vec::with_capacity(fields.len());
            for f in fields {
                out.push((f.name.clone(), hive_type(ctx, &f.data_type)?));
            }
            FlinkType::Row(out)
        }
        DataType::Json { .. }
        | DataType::Uuid
        | DataType::Enum { .. }
        | DataType::Xml
        | DataType::Spatial { .. } => FlinkType::String,
        DataType::Year => FlinkType::Int,
        DataType::Time { .. }
        | DataType::Interval { .. }
        | DataType::Set { .. }
        | DataType::Bit { .. }
        | DataType::Struct { .. }
        | DataType::Other { .. } => ctx.unknown("type"),
    })
}

/// ClickHouse read through flink-connector-jdbc's MySQL dialect (ClickHouse's MySQL interface),
/// which supports only scalar types and TIMESTAMP precision up to 6.
fn clickhouse_type(ctx: &mut Ctx<'_>, dt: &DataType) -> Result<FlinkType, EmitError> {
    Ok(match dt {
        DataType::Boolean => FlinkType::Boolean,
        DataType::Integer { bits, unsigned, .. } => ctx.integer(*bits, *unsigned)?,
        DataType::Decimal { precision, scale } => generic_decimal(ctx, *precision, *scale),
        DataType::Float { bits } => float(*bits),
        DataType::Date => FlinkType::Date,
        DataType::Timestamp { precision, .. } => {
            let default = default_timestamp_precision(ctx.source, ctx.native);
            let p = precision.map_or(default, i64::from);
            if p > MAX_JDBC_MYSQL_TIMESTAMP_PRECISION {
                ctx.notes.push(Note::warn(
                    "flink-precision-reduced",
                    format!(
                        "`{}`: the JDBC connector reads at most 6 fractional digits; read as \
                         TIMESTAMP(6)",
                        ctx.native
                    ),
                ));
                FlinkType::Timestamp(6)
            } else {
                ctx.timestamp(*precision)
            }
        }
        DataType::Year => FlinkType::Int,
        DataType::Char { .. }
        | DataType::Varchar { .. }
        | DataType::Text { .. }
        | DataType::Binary { .. }
        | DataType::Varbinary { .. }
        | DataType::Blob { .. }
        | DataType::Uuid
        | DataType::Enum { .. }
        | DataType::Json { .. }
        | DataType::Xml
        | DataType::Spatial { .. } => FlinkType::String,
        DataType::Array { .. }
        | DataType::Map { .. }
        | DataType::Struct { .. }
        | DataType::Set { .. }
        | DataType::Time { .. }
        | DataType::Interval { .. }
        | DataType::Bit { .. } => ctx.fallback_string(
            "flink-jdbc-text",
            format!(
                "`{}`: the JDBC connector has no such type; read as STRING (ClickHouse's text \
                 form)",
                ctx.native
            ),
        ),
        DataType::Other { .. } => ctx.unknown("type"),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use smt_ir::{StructField, TargetProfile};

    fn col(dt: DataType, native: &str) -> Column {
        Column::new("c", dt, native)
    }

    fn src(source: SourceKind, dt: DataType, native: &str) -> String {
        map_column(&col(dt, native), source, &TargetProfile::default())
            .map(|m| m.src.to_string())
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    fn mapped(source: SourceKind, dt: DataType, native: &str) -> Mapped {
        map_column(&col(dt, native), source, &TargetProfile::default()).unwrap()
    }

    fn ts(p: Option<u8>, tz: TimeZoneKind) -> DataType {
        DataType::Timestamp {
            precision: p,
            time_zone: tz,
        }
    }

    fn tinyint1() -> DataType {
        DataType::Integer {
            bits: 8,
            unsigned: false,
            display_width: Some(1),
        }
    }

    #[test]
    fn mysql_types() {
        use SourceKind::Mysql as M;
        let cases: Vec<(DataType, &str, &str)> = vec![
            (DataType::int(8), "tinyint", "TINYINT"),
            (DataType::uint(8), "tinyint unsigned", "SMALLINT"),
            (DataType::int(16), "smallint", "SMALLINT"),
            (DataType::uint(16), "smallint unsigned", "INT"),
            (DataType::int(24), "mediumint", "INT"),
            (DataType::uint(24), "mediumint unsigned", "INT"),
            (DataType::int(32), "int", "INT"),
            (DataType::uint(32), "int unsigned", "BIGINT"),
            (DataType::int(64), "bigint", "BIGINT"),
            (DataType::uint(64), "bigint unsigned", "DECIMAL(20, 0)"),
            (DataType::decimal(10, 2), "decimal(10,2)", "DECIMAL(10, 2)"),
            (
                DataType::decimal(38, 38),
                "decimal(38,38)",
                "DECIMAL(38, 38)",
            ),
            (DataType::decimal(65, 30), "decimal(65,30)", "STRING"),
            (DataType::Float { bits: 32 }, "float", "FLOAT"),
            (DataType::Float { bits: 64 }, "double", "DOUBLE"),
            (
                DataType::Char {
                    length: 10,
                    max_bytes_per_char: 4,
                },
                "char(10)",
                "CHAR(10)",
            ),
            (DataType::varchar(255, 4), "varchar(255)", "VARCHAR(255)"),
            (
                DataType::Text {
                    max_bytes: Some(65535),
                    max_bytes_per_char: 4,
                },
                "text",
                "STRING",
            ),
            (DataType::Binary { length: 16 }, "binary(16)", "BINARY(16)"),
            (
                DataType::Varbinary { length: Some(100) },
                "varbinary(100)",
                "VARBINARY(100)",
            ),
            (DataType::Blob { max_bytes: None }, "longblob", "BYTES"),
            (DataType::Date, "date", "DATE"),
            (
                ts(Some(3), TimeZoneKind::None),
                "datetime(3)",
                "TIMESTAMP(3)",
            ),
            (ts(None, TimeZoneKind::None), "datetime", "TIMESTAMP(0)"),
            (
                ts(Some(6), TimeZoneKind::Local),
                "timestamp(6)",
                "TIMESTAMP(6)",
            ),
            (
                DataType::Time {
                    precision: Some(3),
                    with_time_zone: false,
                },
                "time(3)",
                "TIME(3)",
            ),
            (DataType::Year, "year", "INT"),
            (
                DataType::Bit {
                    length: 1,
                    varying: false,
                },
                "bit(1)",
                "BOOLEAN",
            ),
            (
                DataType::Bit {
                    length: 10,
                    varying: false,
                },
                "bit(10)",
                "BINARY(2)",
            ),
            (
                DataType::Bit {
                    length: 64,
                    varying: false,
                },
                "bit(64)",
                "BINARY(8)",
            ),
            (DataType::Json { binary: false }, "json", "STRING"),
            (
                DataType::Enum {
                    values: vec!["a".into()],
                },
                "enum('a')",
                "STRING",
            ),
            (
                DataType::Set {
                    values: vec!["a".into()],
                },
                "set('a')",
                "STRING",
            ),
            (
                DataType::Spatial {
                    kind: "point".into(),
                },
                "point",
                "STRING",
            ),
            (DataType::Boolean, "boolean", "BOOLEAN"),
            (tinyint1(), "tinyint(1)", "BOOLEAN"),
            (
                DataType::Integer {
                    bits: 8,
                    unsigned: true,
                    display_width: Some(1),
                },
                "tinyint(1) unsigned",
                "SMALLINT",
            ),
        ];
        for (dt, native, want) in cases {
            assert_eq!(src(M, dt, native), want, "{native}");
        }
    }

    #[test]
    fn mysql_tinyint1_as_tinyint_needs_jdbc_property() {
        let target = TargetProfile {
            tinyint1_as_boolean: false,
            ..TargetProfile::default()
        };
        let m = map_column(&col(tinyint1(), "tinyint(1)"), SourceKind::Mysql, &target).unwrap();
        assert_eq!(m.src, FlinkType::TinyInt);
        assert!(m.needs_tinyint1_not_bit);
        // tidb-cdc reads TiKV directly: no JDBC property involved
        let m = map_column(&col(tinyint1(), "tinyint(1)"), SourceKind::Tidb, &target).unwrap();
        assert_eq!(m.src, FlinkType::TinyInt);
        assert!(!m.needs_tinyint1_not_bit);
        let m = mapped(SourceKind::Mysql, tinyint1(), "tinyint(1)");
        assert!(!m.needs_tinyint1_not_bit);
    }

    #[test]
    fn tidb_timestamp_is_ltz() {
        assert_eq!(
            src(
                SourceKind::Tidb,
                ts(Some(3), TimeZoneKind::Local),
                "timestamp(3)"
            ),
            "TIMESTAMP_LTZ(3)"
        );
        assert_eq!(
            src(SourceKind::Tidb, ts(None, TimeZoneKind::None), "datetime"),
            "TIMESTAMP(0)"
        );
    }

    #[test]
    fn postgres_types() {
        use SourceKind::Pgsql as P;
        let cases: Vec<(DataType, &str, &str)> = vec![
            (DataType::Boolean, "boolean", "BOOLEAN"),
            (DataType::int(16), "smallint", "SMALLINT"),
            (DataType::int(32), "integer", "INT"),
            (DataType::int(64), "bigint", "BIGINT"),
            (DataType::Float { bits: 32 }, "real", "FLOAT"),
            (DataType::Float { bits: 64 }, "double precision", "DOUBLE"),
            (DataType::decimal(12, 4), "numeric(12,4)", "DECIMAL(12, 4)"),
            (
                DataType::Decimal {
                    precision: None,
                    scale: None,
                },
                "numeric",
                "DECIMAL(38, 9)",
            ),
            (DataType::varchar(20, 4), "character varying(20)", "STRING"),
            (
                DataType::Text {
                    max_bytes: None,
                    max_bytes_per_char: 4,
                },
                "text",
                "STRING",
            ),
            (DataType::Varbinary { length: None }, "bytea", "BYTES"),
            (DataType::Date, "date", "DATE"),
            (
                DataType::Time {
                    precision: None,
                    with_time_zone: false,
                },
                "time",
                "TIME(6)",
            ),
            (
                DataType::Time {
                    precision: Some(2),
                    with_time_zone: true,
                },
                "timetz",
                "STRING",
            ),
            (ts(None, TimeZoneKind::None), "timestamp", "TIMESTAMP(6)"),
            (
                ts(Some(3), TimeZoneKind::Local),
                "timestamptz(3)",
                "TIMESTAMP_LTZ(3)",
            ),
            (DataType::Interval { fields: None }, "interval", "BIGINT"),
            (DataType::Json { binary: true }, "jsonb", "STRING"),
            (DataType::Uuid, "uuid", "STRING"),
            (
                DataType::Enum {
                    values: vec!["x".into()],
                },
                "mood",
                "STRING",
            ),
            (
                DataType::Bit {
                    length: 1,
                    varying: false,
                },
                "bit(1)",
                "BOOLEAN",
            ),
            (
                DataType::Bit {
                    length: 8,
                    varying: false,
                },
                "bit(8)",
                "BYTES",
            ),
            (
                DataType::Bit {
                    length: 1,
                    varying: true,
                },
                "bit varying(1)",
                "BYTES",
            ),
            (
                DataType::Array {
                    element: Box::new(DataType::int(32)),
                    dimensions: 1,
                },
                "integer[]",
                "ARRAY<INT>",
            ),
            (
                DataType::Array {
                    element: Box::new(DataType::decimal(10, 2)),
                    dimensions: 1,
                },
                "numeric(10,2)[]",
                "ARRAY<DECIMAL(10, 2)>",
            ),
            (
                DataType::Array {
                    element: Box::new(DataType::int(32)),
                    dimensions: 2,
                },
                "integer[][]",
                "STRING",
            ),
            (
                DataType::Other {
                    native: "inet".into(),
                },
                "inet",
                "STRING",
            ),
        ];
        for (dt, native, want) in cases {
            assert_eq!(src(P, dt, native), want, "{native}");
        }
    }

    #[test]
    fn oracle_types() {
        use SourceKind::Oracle as O;
        let n = |p: u32, s: i32| DataType::decimal(p, s);
        let cases: Vec<(DataType, &str, &str)> = vec![
            (n(1, 0), "NUMBER(1)", "TINYINT"),
            (n(2, 0), "NUMBER(2)", "TINYINT"),
            (n(4, 0), "NUMBER(4)", "SMALLINT"),
            (n(9, 0), "NUMBER(9)", "INT"),
            (n(18, 0), "NUMBER(18)", "BIGINT"),
            (n(19, 0), "NUMBER(19)", "DECIMAL(19, 0)"),
            (n(38, 0), "NUMBER(38)", "DECIMAL(38, 0)"),
            (n(5, -2), "NUMBER(5,-2)", "INT"),
            (n(38, -2), "NUMBER(38,-2)", "STRING"),
            (n(10, 2), "NUMBER(10,2)", "DECIMAL(10, 2)"),
            (n(2, 5), "NUMBER(2,5)", "DECIMAL(5, 5)"),
            (
                DataType::Decimal {
                    precision: None,
                    scale: None,
                },
                "NUMBER",
                "DECIMAL(38, 9)",
            ),
            (DataType::Float { bits: 32 }, "BINARY_FLOAT", "FLOAT"),
            (DataType::Float { bits: 64 }, "BINARY_DOUBLE", "DOUBLE"),
            (DataType::varchar(20, 4), "VARCHAR2(20)", "STRING"),
            (
                DataType::Text {
                    max_bytes: None,
                    max_bytes_per_char: 4,
                },
                "CLOB",
                "STRING",
            ),
            (DataType::Blob { max_bytes: None }, "BLOB", "BYTES"),
            (DataType::Date, "DATE", "TIMESTAMP(0)"),
            (ts(Some(0), TimeZoneKind::None), "DATE", "TIMESTAMP(0)"),
            (ts(None, TimeZoneKind::None), "TIMESTAMP", "TIMESTAMP(6)"),
            (
                ts(Some(9), TimeZoneKind::None),
                "TIMESTAMP(9)",
                "TIMESTAMP(9)",
            ),
            (
                ts(Some(6), TimeZoneKind::Offset),
                "TIMESTAMP(6) WITH TIME ZONE",
                "TIMESTAMP_LTZ(6)",
            ),
            (
                ts(Some(6), TimeZoneKind::Local),
                "TIMESTAMP(6) WITH LOCAL TIME ZONE",
                "TIMESTAMP_LTZ(6)",
            ),
            (
                DataType::Interval {
                    fields: Some("DAY TO SECOND".into()),
                },
                "INTERVAL DAY(2) TO SECOND(6)",
                "BIGINT",
            ),
            (DataType::Xml, "XMLTYPE", "STRING"),
        ];
        for (dt, native, want) in cases {
            assert_eq!(src(O, dt, native), want, "{native}");
        }
    }

    #[test]
    fn sqlserver_types() {
        use SourceKind::Sqlserver as S;
        let cases: Vec<(DataType, &str, &str)> = vec![
            (DataType::Boolean, "bit", "BOOLEAN"),
            (DataType::uint(8), "tinyint", "SMALLINT"),
            (DataType::int(8), "tinyint", "SMALLINT"),
            (DataType::int(16), "smallint", "SMALLINT"),
            (DataType::int(32), "int", "INT"),
            (DataType::int(64), "bigint", "BIGINT"),
            (DataType::decimal(19, 4), "money", "DECIMAL(19, 4)"),
            (DataType::decimal(18, 0), "numeric(18,0)", "DECIMAL(18, 0)"),
            (DataType::Float { bits: 32 }, "real", "DOUBLE"),
            (DataType::Float { bits: 64 }, "float", "DOUBLE"),
            (
                DataType::Char {
                    length: 3,
                    max_bytes_per_char: 1,
                },
                "char(3)",
                "CHAR(3)",
            ),
            (DataType::varchar(50, 2), "nvarchar(50)", "VARCHAR(50)"),
            (
                DataType::Varchar {
                    length: None,
                    max_bytes_per_char: 2,
                },
                "nvarchar(max)",
                "STRING",
            ),
            (DataType::Xml, "xml", "STRING"),
            (
                DataType::Varbinary { length: Some(10) },
                "varbinary(10)",
                "BYTES",
            ),
            (DataType::Date, "date", "DATE"),
            (
                DataType::Time {
                    precision: None,
                    with_time_zone: false,
                },
                "time",
                "TIME(7)",
            ),
            (
                DataType::Time {
                    precision: Some(3),
                    with_time_zone: false,
                },
                "time(3)",
                "TIME(3)",
            ),
            (ts(None, TimeZoneKind::None), "datetime", "TIMESTAMP(3)"),
            (
                ts(None, TimeZoneKind::None),
                "smalldatetime",
                "TIMESTAMP(0)",
            ),
            (ts(None, TimeZoneKind::None), "datetime2", "TIMESTAMP(7)"),
            (
                ts(Some(4), TimeZoneKind::None),
                "datetime2(4)",
                "TIMESTAMP(4)",
            ),
            (
                ts(None, TimeZoneKind::Offset),
                "datetimeoffset",
                "TIMESTAMP_LTZ(7)",
            ),
            (
                ts(Some(3), TimeZoneKind::Offset),
                "datetimeoffset(3)",
                "TIMESTAMP_LTZ(3)",
            ),
            (DataType::Uuid, "uniqueidentifier", "STRING"),
        ];
        for (dt, native, want) in cases {
            assert_eq!(src(S, dt, native), want, "{native}");
        }
    }

    #[test]
    fn hive_types() {
        use SourceKind::Hive as H;
        let cases: Vec<(DataType, &str, &str)> = vec![
            (DataType::int(8), "tinyint", "TINYINT"),
            (DataType::int(32), "int", "INT"),
            (DataType::decimal(10, 2), "decimal(10,2)", "DECIMAL(10, 2)"),
            (
                DataType::Decimal {
                    precision: None,
                    scale: None,
                },
                "decimal",
                "DECIMAL(10, 0)",
            ),
            (DataType::varchar(20, 4), "varchar(20)", "VARCHAR(20)"),
            (
                DataType::Text {
                    max_bytes: None,
                    max_bytes_per_char: 4,
                },
                "string",
                "STRING",
            ),
            (DataType::Blob { max_bytes: None }, "binary", "BYTES"),
            (ts(None, TimeZoneKind::None), "timestamp", "TIMESTAMP(9)"),
            (
                DataType::Array {
                    element: Box::new(DataType::int(32)),
                    dimensions: 1,
                },
                "array<int>",
                "ARRAY<INT>",
            ),
            (
                DataType::Map {
                    key: Box::new(DataType::Text {
                        max_bytes: None,
                        max_bytes_per_char: 4,
                    }),
                    value: Box::new(DataType::int(64)),
                },
                "map<string,bigint>",
                "MAP<STRING, BIGINT>",
            ),
            (
                DataType::Struct {
                    fields: vec![
                        StructField {
                            name: "a".into(),
                            data_type: DataType::int(32),
                        },
                        StructField {
                            name: "b`c".into(),
                            data_type: DataType::Date,
                        },
                    ],
                },
                "struct<a:int,`b``c`:date>",
                "ROW<`a` INT, `b``c` DATE>",
            ),
        ];
        for (dt, native, want) in cases {
            assert_eq!(src(H, dt, native), want, "{native}");
        }
    }

    #[test]
    fn clickhouse_types() {
        use SourceKind::Clickhouse as C;
        let cases: Vec<(DataType, &str, &str)> = vec![
            (DataType::int(8), "Int8", "TINYINT"),
            (DataType::uint(8), "UInt8", "SMALLINT"),
            (DataType::uint(16), "UInt16", "INT"),
            (DataType::uint(32), "UInt32", "BIGINT"),
            (DataType::uint(64), "UInt64", "DECIMAL(20, 0)"),
            (DataType::int(128), "Int128", "STRING"),
            (DataType::decimal(18, 4), "Decimal(18, 4)", "DECIMAL(18, 4)"),
            (DataType::decimal(76, 4), "Decimal(76, 4)", "STRING"),
            (ts(None, TimeZoneKind::None), "DateTime", "TIMESTAMP(0)"),
            (
                ts(Some(3), TimeZoneKind::None),
                "DateTime64(3)",
                "TIMESTAMP(3)",
            ),
            (
                ts(Some(9), TimeZoneKind::None),
                "DateTime64(9)",
                "TIMESTAMP(6)",
            ),
            (DataType::Uuid, "UUID", "STRING"),
            (DataType::Binary { length: 4 }, "FixedString(4)", "STRING"),
            (
                DataType::Array {
                    element: Box::new(DataType::int(32)),
                    dimensions: 1,
                },
                "Array(Int32)",
                "STRING",
            ),
        ];
        for (dt, native, want) in cases {
            assert_eq!(src(C, dt, native), want, "{native}");
        }
    }

    #[test]
    fn out_of_range_parameters_fall_back_with_a_note() {
        let cases: Vec<(SourceKind, DataType, &str, &str)> = vec![
            (
                SourceKind::Mysql,
                DataType::decimal(40, 2),
                "decimal(40,2)",
                "STRING",
            ),
            (
                SourceKind::Mysql,
                DataType::decimal(0, 0),
                "decimal(0,0)",
                "STRING",
            ),
            (
                SourceKind::Pgsql,
                DataType::decimal(5, 7),
                "numeric(5,7)",
                "STRING",
            ),
            (
                SourceKind::Pgsql,
                DataType::decimal(5, -2),
                "numeric(5,-2)",
                "DECIMAL(7, 0)",
            ),
            (
                SourceKind::Pgsql,
                DataType::decimal(38, -1),
                "numeric(38,-1)",
                "STRING",
            ),
            (
                SourceKind::Mysql,
                DataType::Char {
                    length: 0,
                    max_bytes_per_char: 4,
                },
                "char(0)",
                "STRING",
            ),
            (
                SourceKind::Mysql,
                DataType::varchar(0, 4),
                "varchar(0)",
                "STRING",
            ),
            (
                SourceKind::Mysql,
                DataType::varchar(u32::MAX, 1),
                "varchar(4294967295)",
                "STRING",
            ),
            (
                SourceKind::Mysql,
                DataType::Char {
                    length: 2_147_483_647,
                    max_bytes_per_char: 1,
                },
                "char(max)",
                "CHAR(2147483647)",
            ),
            (
                SourceKind::Mysql,
                DataType::Binary { length: 0 },
                "binary(0)",
                "BYTES",
            ),
            (
                SourceKind::Mysql,
                DataType::Varbinary {
                    length: Some(u32::MAX),
                },
                "varbinary(huge)",
                "BYTES",
            ),
            (
                SourceKind::Mysql,
                ts(Some(10), TimeZoneKind::None),
                "datetime(10)",
                "STRING",
            ),
            (
                SourceKind::Mysql,
                ts(Some(9), TimeZoneKind::None),
                "datetime(9)",
                "TIMESTAMP(9)",
            ),
            (
                SourceKind::Pgsql,
                ts(Some(12), TimeZoneKind::Local),
                "timestamptz(12)",
                "STRING",
            ),
            (
                SourceKind::Sqlserver,
                DataType::Time {
                    precision: Some(10),
                    with_time_zone: false,
                },
                "time(10)",
                "STRING",
            ),
            (
                SourceKind::Oracle,
                DataType::decimal(45, 0),
                "NUMBER(45)",
                "STRING",
            ),
        ];
        for (source, dt, native, want) in cases {
            let m = mapped(source, dt, native);
            assert_eq!(m.src.to_string(), want, "{native}");
            if want == "STRING" || want == "BYTES" {
                assert!(
                    m.notes.iter().any(|n| n.code == "flink-type-out-of-range"),
                    "{native}: {:?}",
                    m.notes
                );
                assert!(m.fallback, "{native}");
            }
        }
    }

    #[test]
    fn never_emits_an_out_of_range_type() {
        // every precision/scale/length combination maps to an in-range type
        for p in 0..=70u32 {
            for s in -3..=70i32 {
                let m = mapped(SourceKind::Mysql, DataType::decimal(p, s), "decimal");
                if let FlinkType::Decimal(p, s) = m.src {
                    assert!((1..=38).contains(&p) && s <= p, "DECIMAL({p}, {s})");
                }
            }
        }
        for p in 0..=u8::MAX {
            for source in SourceKind::ALL {
                let m = mapped(source, ts(Some(p), TimeZoneKind::None), "timestamp");
                match m.src {
                    FlinkType::Timestamp(q) | FlinkType::TimestampLtz(q) => assert!(q <= 9),
                    FlinkType::String => {}
                    other => panic!("{other}"),
                }
            }
        }
    }

    #[test]
    fn integer_widths() {
        assert!(
            map_column(
                &col(DataType::int(0), "int(0 bits)"),
                SourceKind::Mysql,
                &TargetProfile::default()
            )
            .is_err()
        );
        assert_eq!(
            src(SourceKind::Pgsql, DataType::int(128), "hugeint"),
            "STRING"
        );
    }

    #[test]
    fn sink_types_avoid_what_the_starrocks_sink_cannot_write() {
        let m = mapped(
            SourceKind::Mysql,
            DataType::Time {
                precision: Some(3),
                with_time_zone: false,
            },
            "time(3)",
        );
        assert_eq!(m.sink, FlinkType::String);
        assert!(m.notes.iter().any(|n| n.code == "flink-time-as-text"));

        let m = mapped(
            SourceKind::Mysql,
            DataType::Varbinary { length: Some(8) },
            "varbinary(8)",
        );
        assert_eq!(m.src, FlinkType::Varbinary(8));
        assert_eq!(m.sink, FlinkType::String);
        assert!(m.notes.iter().any(|n| n.code == "flink-binary-as-text"));

        // a MySQL bit string stays BINARY: the sink writes it as an integer
        let m = mapped(
            SourceKind::Mysql,
            DataType::Bit {
                length: 12,
                varying: false,
            },
            "bit(12)",
        );
        assert_eq!(m.src, FlinkType::Binary(2));
        assert_eq!(m.sink, FlinkType::Binary(2));
        assert!(m.notes.is_empty());

        let m = mapped(
            SourceKind::Hive,
            DataType::Array {
                element: Box::new(DataType::Blob { max_bytes: None }),
                dimensions: 1,
            },
            "array<binary>",
        );
        assert_eq!(m.sink.to_string(), "ARRAY<STRING>");

        let m = mapped(SourceKind::Mysql, DataType::int(32), "int");
        assert_eq!(m.src, m.sink);
        assert!(m.notes.is_empty());
    }
}
