//! Neutral IR types -> StarRocks column types.
//!
//! The policy, with its rationale and the differences from other tools, is written down in
//! `docs/type-mapping.md` at the workspace root. Keep both in step.

use serde::{Deserialize, Serialize};
use smt_ir::{Column, DataType, KeyKind, SourceKind, TargetProfile, TimeZoneKind, Warning};

use crate::srtype::{self, SrType};

/// Code of a note for a mapping that loses values, precision or semantics.
pub const LOSSY: &str = "lossy-mapping";
/// Code of a note for a type that was widened to hold every source value.
pub const WIDENED: &str = "widened";
/// Code of a note for a length that was capped below what the source allows.
pub const TRUNCATION_RISK: &str = "truncation-risk";
/// Code of a note for a representation change that loses nothing but is worth knowing.
pub const REPRESENTATION: &str = "representation";
/// Code of a note for a source type smt does not know.
pub const UNKNOWN_TYPE: &str = "unknown-type";
/// Code of a note for a key column whose type was replaced by a key-legal one.
pub const KEY_CONVERTED: &str = "key-type-converted";

/// The broad kind of a StarRocks type, enough to decide key legality and the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeClass {
    /// `BOOLEAN`.
    Boolean,
    /// `TINYINT`, `SMALLINT`, `INT`, `BIGINT`.
    Integer,
    /// `LARGEINT` (128 bits).
    LargeInt,
    /// `DECIMAL(p,s)`.
    Decimal,
    /// `FLOAT`, `DOUBLE`.
    Float,
    /// `CHAR(n)`.
    Char,
    /// `VARCHAR(n)`, `STRING`.
    Varchar,
    /// `BINARY(n)`, `VARBINARY(n)`.
    Binary,
    /// `DATE`.
    Date,
    /// `DATETIME`.
    Datetime,
    /// `JSON`.
    Json,
    /// `ARRAY<T>`.
    Array,
    /// `MAP<K,V>`.
    Map,
    /// `STRUCT<...>`.
    Struct,
}

/// A StarRocks column type chosen for a source type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappedType {
    /// The type as written in DDL, e.g. `VARCHAR(1020)`.
    pub sql: String,
    /// Its class.
    pub class: TypeClass,
    /// Notes about lossy, widened or capped mappings (codes [`LOSSY`], [`WIDENED`],
    /// [`TRUNCATION_RISK`], [`REPRESENTATION`], [`UNKNOWN_TYPE`], [`KEY_CONVERTED`]).
    /// [`map_type`] attaches the column name; callers attach the table.
    pub notes: Vec<Warning>,
}

impl MappedType {
    fn new(t: &SrType, notes: Vec<Warning>) -> Self {
        MappedType {
            sql: t.to_string(),
            class: t.class().unwrap_or(TypeClass::Varchar),
            notes,
        }
    }

    /// The parsed type, when `sql` is one smt understands.
    pub fn parsed(&self) -> Option<SrType> {
        srtype::parse(&self.sql)
    }
}

/// The class of StarRocks type text (`VARCHAR(10)` -> `Varchar`); `None` when the text does not
/// parse or names a type outside [`TypeClass`] (`HLL`, `BITMAP`, ...).
pub fn classify(sql: &str) -> Option<TypeClass> {
    srtype::parse(sql).and_then(|t| t.class())
}

/// The largest VARCHAR length, in bytes, for the target version: 65533 before 2.1, 1048576 for
/// 2.1 up to 4.2, 2147482624 from 4.2.
pub fn max_varchar(target: &TargetProfile) -> u64 {
    let v = target.version;
    if !v.at_least(2, 1, 0) {
        65_533
    } else if !v.at_least(4, 2, 0) {
        1_048_576
    } else {
        2_147_482_624
    }
}

/// Largest CHAR length in bytes.
pub const MAX_CHAR: u64 = 255;

/// Largest BINARY/VARBINARY length in bytes (documented as the 3.x VARCHAR maximum; not raised
/// with VARCHAR in 4.2).
pub const MAX_VARBINARY: u64 = 1_048_576;

/// Whether the target has a JSON type (2.2+).
pub fn has_json(target: &TargetProfile) -> bool {
    target.version.at_least(2, 2, 0)
}

/// Whether the target has BINARY/VARBINARY (3.0+).
pub fn has_binary(target: &TargetProfile) -> bool {
    target.version.at_least(3, 0, 0)
}

/// Whether the target has ARRAY columns in every table type (2.1+).
pub fn has_array(target: &TargetProfile) -> bool {
    target.version.at_least(2, 1, 0)
}

/// Whether the target stores MAP and STRUCT columns and ARRAY of DECIMAL (3.1+).
pub fn has_complex(target: &TargetProfile) -> bool {
    target.version.at_least(3, 1, 0)
}

/// The largest DECIMAL precision the target accepts: 27 without DECIMAL v3, 38 with it, 76
/// (DECIMAL256) from 4.0.
pub fn max_decimal_precision(target: &TargetProfile) -> u32 {
    if !target.use_decimal_v3 {
        27
    } else if target.version.at_least(4, 0, 0) {
        76
    } else {
        38
    }
}

/// The largest DECIMAL scale for a precision: 9 without DECIMAL v3, else the precision.
pub fn max_decimal_scale(target: &TargetProfile, precision: u32) -> u32 {
    if target.use_decimal_v3 {
        precision
    } else {
        precision.min(9)
    }
}

/// Map a source column's type. Like [`map_data_type`], plus the column's character set (an
/// `ascii` column needs one UTF-8 byte per character) and the column name on every note.
pub fn map_type(column: &Column, source: SourceKind, target: &TargetProfile) -> MappedType {
    let ascii = column
        .charset
        .as_deref()
        .is_some_and(|c| c.eq_ignore_ascii_case("ascii") || c.eq_ignore_ascii_case("us7ascii"));
    let ctx = Ctx {
        source,
        target,
        ascii,
    };
    let mut m = ctx.map(&column.data_type);
    for n in &mut m.notes {
        if n.column.is_none() {
            n.column = Some(column.name.clone());
        }
        if !column.native_type.is_empty() && !n.message.contains(&column.native_type) {
            n.message = format!("{} (source type `{}`)", n.message, column.native_type);
        }
    }
    m
}

/// The StarRocks type [`map_type`] chooses for a column, without its notes' texts.
pub(crate) fn map_sr_type(column: &Column, source: SourceKind, target: &TargetProfile) -> SrType {
    let ascii = column
        .charset
        .as_deref()
        .is_some_and(|c| c.eq_ignore_ascii_case("ascii") || c.eq_ignore_ascii_case("us7ascii"));
    Ctx {
        source,
        target,
        ascii,
    }
    .map_inner(&column.data_type)
    .0
}

/// Map a neutral type to a StarRocks type for the given source and target profile.
pub fn map_data_type(dt: &DataType, source: SourceKind, target: &TargetProfile) -> MappedType {
    Ctx {
        source,
        target,
        ascii: false,
    }
    .map(dt)
}

struct Ctx<'a> {
    source: SourceKind,
    target: &'a TargetProfile,
    ascii: bool,
}

fn info(code: &str, msg: impl Into<String>) -> Warning {
    Warning::info(code, msg)
}

fn warn(code: &str, msg: impl Into<String>) -> Warning {
    Warning::warn(code, msg)
}

/// UTF-8 bytes needed per source character. StarRocks stores UTF-8 and counts lengths in bytes;
/// a character of a 1- or 2-byte non-UTF-8 character set (latin1, cp1252, GBK, UCS-2) can take
/// up to 3 UTF-8 bytes, utf8mb3 3, utf8mb4 and anything unknown 4.
fn utf8_bytes_per_char(source_max_bytes_per_char: u8, ascii: bool) -> u64 {
    if ascii {
        return 1;
    }
    match source_max_bytes_per_char {
        0 => 4,
        1..=3 => 3,
        _ => 4,
    }
}

impl Ctx<'_> {
    fn max_varchar(&self) -> u64 {
        max_varchar(self.target)
    }

    /// `VARCHAR(bytes)` capped at the version maximum, with a note when capped.
    fn varchar(&self, bytes: u64, what: &str) -> (SrType, Vec<Warning>) {
        let max = self.max_varchar();
        if bytes > max {
            (
                SrType::Varchar(max),
                vec![warn(
                    TRUNCATION_RISK,
                    format!(
                        "{what} can hold {bytes} bytes but StarRocks {} VARCHAR holds at most {max}; longer values will be rejected or truncated",
                        self.target.version
                    ),
                )],
            )
        } else {
            (SrType::Varchar(bytes.max(1)), Vec::new())
        }
    }

    /// A VARCHAR for text with no declared limit: the version maximum, with an info note.
    fn unbounded_varchar(&self, what: &str) -> (SrType, Vec<Warning>) {
        let max = self.max_varchar();
        (
            SrType::Varchar(max),
            vec![info(
                TRUNCATION_RISK,
                format!(
                    "{what} has no length limit; mapped to VARCHAR({max}), the StarRocks {} maximum",
                    self.target.version
                ),
            )],
        )
    }

    fn bytes_of_chars(&self, chars: u64, mbpc: u8) -> u64 {
        chars.saturating_mul(utf8_bytes_per_char(mbpc, self.ascii))
    }

    fn map(&self, dt: &DataType) -> MappedType {
        let (t, notes) = self.map_inner(dt);
        MappedType::new(&t, notes)
    }

    fn map_inner(&self, dt: &DataType) -> (SrType, Vec<Warning>) {
        let target = self.target;
        match dt {
            DataType::Boolean => (SrType::Boolean, vec![]),
            DataType::Integer {
                bits,
                unsigned,
                display_width,
            } => {
                if *bits == 8
                    && !*unsigned
                    && *display_width == Some(1)
                    && matches!(self.source, SourceKind::Mysql | SourceKind::Tidb)
                {
                    if target.tinyint1_as_boolean {
                        return (
                            SrType::Boolean,
                            vec![info(
                                REPRESENTATION,
                                "tinyint(1) mapped to BOOLEAN as mysql-cdc reads it (tinyint1_as_boolean); values other than 0 and 1 become true",
                            )],
                        );
                    }
                    return (SrType::TinyInt, vec![]);
                }
                self.integer(u32::from(*bits), *unsigned)
            }
            DataType::Decimal { precision, scale } => self.decimal(*precision, *scale),
            DataType::Float { bits } => {
                if *bits <= 32 {
                    (SrType::Float, vec![])
                } else {
                    (SrType::Double, vec![])
                }
            }
            DataType::Char {
                length,
                max_bytes_per_char,
            } => {
                let bytes = self.bytes_of_chars(u64::from(*length), *max_bytes_per_char);
                if bytes <= MAX_CHAR {
                    (SrType::Char(bytes.max(1)), vec![])
                } else {
                    self.varchar(bytes, &format!("char({length})"))
                }
            }
            DataType::Varchar {
                length: Some(length),
                max_bytes_per_char,
            } => {
                let bytes = self.bytes_of_chars(u64::from(*length), *max_bytes_per_char);
                self.varchar(bytes, &format!("varchar({length})"))
            }
            DataType::Varchar { length: None, .. } => self.unbounded_varchar("varchar"),
            DataType::Text {
                max_bytes,
                max_bytes_per_char,
            } => match max_bytes {
                Some(b) => {
                    // Source bytes -> UTF-8 bytes: scale by the per-character ratio.
                    let src = u64::from((*max_bytes_per_char).max(1));
                    let utf8 = utf8_bytes_per_char(*max_bytes_per_char, self.ascii);
                    let bytes = if utf8 > src {
                        b.saturating_mul(utf8).div_ceil(src)
                    } else {
                        *b
                    };
                    self.varchar(bytes, "text")
                }
                None => self.unbounded_varchar("text"),
            },
            DataType::Binary { length } => {
                let n = u64::from(*length).max(1);
                if has_binary(target) {
                    if n > self.max_varchar().min(MAX_VARBINARY) {
                        self.varbinary(Some(n), "binary")
                    } else {
                        (SrType::Binary(n), vec![])
                    }
                } else {
                    self.binary_as_varchar(Some(n))
                }
            }
            DataType::Varbinary { length } => {
                let n = length.map(u64::from);
                if has_binary(target) {
                    self.varbinary(n, "varbinary")
                } else {
                    self.binary_as_varchar(n)
                }
            }
            DataType::Blob { max_bytes } => {
                if has_binary(target) {
                    self.varbinary(*max_bytes, "blob")
                } else {
                    self.binary_as_varchar(*max_bytes)
                }
            }
            DataType::Date => (SrType::Date, vec![]),
            DataType::Timestamp {
                precision,
                time_zone,
            } => {
                let mut notes = Vec::new();
                match time_zone {
                    TimeZoneKind::None => {}
                    TimeZoneKind::Local => notes.push(info(
                        REPRESENTATION,
                        "StarRocks DATETIME has no time zone: instants arrive as wall-clock times in the Flink session time zone",
                    )),
                    TimeZoneKind::Offset => notes.push(warn(
                        LOSSY,
                        "StarRocks DATETIME has no time zone: the stored offset is lost (values are converted to the Flink session time zone)",
                    )),
                }
                if let Some(p) = precision.filter(|p| *p > 6) {
                    notes.push(info(
                        LOSSY,
                        format!("fractional seconds beyond 6 digits (precision {p}) are truncated: StarRocks DATETIME keeps microseconds"),
                    ));
                }
                (SrType::Datetime, notes)
            }
            DataType::Time {
                precision,
                with_time_zone,
            } => {
                let p = u64::from(precision.unwrap_or(0).min(9));
                let mut n = 10 + if p > 0 { 1 + p } else { 0 };
                if *with_time_zone {
                    n += 6;
                }
                (
                    SrType::Varchar(n),
                    vec![info(
                        REPRESENTATION,
                        "StarRocks has no TIME type: stored as text (HH:MM:SS[.fraction])",
                    )],
                )
            }
            DataType::Interval { fields } => match self.source {
                SourceKind::Pgsql | SourceKind::Oracle => (
                    SrType::BigInt,
                    vec![info(
                        REPRESENTATION,
                        format!(
                            "interval{} stored as BIGINT microseconds, as the {} CDC connector (Debezium interval.handling.mode=numeric) delivers it",
                            fields
                                .as_deref()
                                .map(|f| format!(" {f}"))
                                .unwrap_or_default(),
                            if self.source == SourceKind::Pgsql {
                                "postgres"
                            } else {
                                "oracle"
                            },
                        ),
                    )],
                ),
                _ => (
                    SrType::Varchar(64),
                    vec![info(REPRESENTATION, "interval stored as text")],
                ),
            },
            DataType::Year => (SrType::SmallInt, vec![]),
            DataType::Json { .. } => {
                if has_json(target) {
                    (SrType::Json, vec![])
                } else {
                    let (t, mut notes) = self.unbounded_varchar("json");
                    notes.push(info(
                        REPRESENTATION,
                        format!(
                            "StarRocks {} has no JSON type (2.2+): stored as text",
                            target.version
                        ),
                    ));
                    (t, notes)
                }
            }
            DataType::Uuid => (SrType::Varchar(36), vec![]),
            DataType::Enum { values } => {
                let longest = values
                    .iter()
                    .map(|v| v.chars().count() as u64)
                    .max()
                    .unwrap_or(0);
                let bytes = self.bytes_of_chars(longest, 4);
                let (t, notes) = self.varchar(bytes, "enum");
                (t, notes)
            }
            DataType::Set { values } => {
                let chars: u64 = values.iter().map(|v| v.chars().count() as u64).sum::<u64>()
                    + values.len().saturating_sub(1) as u64;
                let bytes = self.bytes_of_chars(chars, 4);
                let (t, mut notes) = self.varchar(bytes, "set");
                notes.push(info(
                    REPRESENTATION,
                    "SET stored as comma-separated text (as MySQL shows it)",
                ));
                (t, notes)
            }
            DataType::Bit { length, varying } => {
                let n = u64::from(*length);
                if n == 1 && !*varying {
                    return (SrType::Boolean, vec![]);
                }
                if has_binary(target) {
                    let bytes = if n == 0 { None } else { Some(n.div_ceil(8)) };
                    self.varbinary(bytes, "bit")
                } else if n > 0 && n <= 63 {
                    (
                        SrType::BigInt,
                        vec![info(
                            REPRESENTATION,
                            "bit string stored as its integer value",
                        )],
                    )
                } else if n == 64 {
                    (
                        SrType::LargeInt,
                        vec![info(
                            REPRESENTATION,
                            "bit string stored as its integer value",
                        )],
                    )
                } else {
                    let (t, mut notes) = if n == 0 {
                        self.unbounded_varchar("bit varying")
                    } else {
                        self.varchar(n, "bit")
                    };
                    notes.push(warn(
                        LOSSY,
                        format!(
                            "StarRocks {} has no VARBINARY (3.0+): bit string stored as text",
                            target.version
                        ),
                    ));
                    (t, notes)
                }
            }
            DataType::Array {
                element,
                dimensions,
            } => {
                if !has_array(target) {
                    let (t, mut notes) = self.unbounded_varchar("array");
                    notes.push(warn(
                        LOSSY,
                        format!(
                            "StarRocks {} has no ARRAY columns (2.1+): stored as text",
                            target.version
                        ),
                    ));
                    return (t, notes);
                }
                let (mut inner, mut notes) = self.map_element(element);
                if !has_complex(target) && contains_decimal(&inner) {
                    return self.complex_as_json(&mut notes, "array of DECIMAL", "3.1");
                }
                for _ in 0..(*dimensions).clamp(1, 14) {
                    inner = SrType::Array(Box::new(inner));
                }
                (inner, notes)
            }
            DataType::Map { key, value } => {
                if !has_complex(target) {
                    return self.complex_as_json(&mut Vec::new(), "map", "3.1");
                }
                let (k, mut notes) = self.map_element(key);
                let (v, more) = self.map_element(value);
                notes.extend(more);
                (SrType::Map(Box::new(k), Box::new(v)), notes)
            }
            DataType::Struct { fields } => {
                if !has_complex(target) {
                    return self.complex_as_json(&mut Vec::new(), "struct", "3.1");
                }
                let mut notes = Vec::new();
                let mut out = Vec::new();
                for f in fields {
                    let (t, more) = self.map_element(&f.data_type);
                    notes.extend(more);
                    out.push((f.name.clone(), t));
                }
                (SrType::Struct(out), notes)
            }
            DataType::Spatial { kind } => {
                let (t, mut notes) = self.unbounded_varchar(kind);
                notes.push(info(REPRESENTATION, format!("{kind} stored as text, in the form the CDC connector delivers (GeoJSON-like for MySQL)")));
                (t, notes)
            }
            DataType::Xml => self.unbounded_varchar("xml"),
            DataType::Other { native } => {
                let (t, mut notes) = self.unbounded_varchar(native);
                notes.push(warn(
                    UNKNOWN_TYPE,
                    format!("unknown source type `{native}` stored as text"),
                ));
                (t, notes)
            }
        }
    }

    /// An element of ARRAY/MAP/STRUCT: CHAR becomes VARCHAR (complex types hold variable strings).
    fn map_element(&self, dt: &DataType) -> (SrType, Vec<Warning>) {
        let (t, notes) = self.map_inner(dt);
        match t {
            SrType::Char(n) => (SrType::Varchar(n), notes),
            t => (t, notes),
        }
    }

    fn complex_as_json(
        &self,
        notes: &mut Vec<Warning>,
        what: &str,
        since: &str,
    ) -> (SrType, Vec<Warning>) {
        let mut out = std::mem::take(notes);
        let t = if has_json(self.target) {
            SrType::Json
        } else {
            let (t, more) = self.unbounded_varchar(what);
            out.extend(more);
            t
        };
        out.push(warn(
            LOSSY,
            format!(
                "StarRocks {} cannot store {what} columns ({since}+): stored as {t}",
                self.target.version
            ),
        ));
        (t, out)
    }

    fn integer(&self, bits: u32, unsigned: bool) -> (SrType, Vec<Warning>) {
        // Bits a signed type needs to hold the range.
        let need = if unsigned { bits + 1 } else { bits };
        let t = match need {
            0..=8 => SrType::TinyInt,
            9..=16 => SrType::SmallInt,
            17..=32 => SrType::Int,
            33..=64 => SrType::BigInt,
            65..=128 => SrType::LargeInt,
            _ => {
                // uint128 and wider: digits = ceil(bits * log10(2)).
                let digits = (u64::from(bits) * 30_103).div_ceil(100_000);
                let digits = u32::try_from(digits).unwrap_or(u32::MAX);
                if digits <= max_decimal_precision(self.target) {
                    return (
                        SrType::Decimal {
                            precision: digits,
                            scale: 0,
                        },
                        vec![info(
                            WIDENED,
                            format!(
                                "{}int{bits} stored as DECIMAL({digits},0)",
                                if unsigned { "u" } else { "" }
                            ),
                        )],
                    );
                }
                let n = u64::from(digits) + 1;
                return (
                    SrType::Varchar(n),
                    vec![warn(
                        LOSSY,
                        format!(
                            "{}int{bits} is wider than any StarRocks {} number: stored as text",
                            if unsigned { "u" } else { "" },
                            self.target.version
                        ),
                    )],
                );
            }
        };
        let notes = if unsigned && bits >= 8 {
            vec![info(
                WIDENED,
                format!("uint{bits} widened to {t} to hold the unsigned range"),
            )]
        } else {
            vec![]
        };
        (t, notes)
    }

    fn decimal(&self, precision: Option<u32>, scale: Option<i32>) -> (SrType, Vec<Warning>) {
        let target = self.target;
        let Some(p) = precision else {
            let (p, s) = if target.use_decimal_v3 {
                (38, 9)
            } else {
                (27, 9)
            };
            return (
                SrType::Decimal {
                    precision: p,
                    scale: s,
                },
                vec![warn(
                    LOSSY,
                    format!(
                        "unbounded decimal mapped to DECIMAL({p},{s}): values with more than {} integer digits or more than {s} fraction digits cannot be stored exactly",
                        p - s
                    ),
                )],
            );
        };
        let mut notes = Vec::new();
        let s = scale.unwrap_or(0);
        let (p, s) = if s < 0 {
            // Oracle NUMBER(p,-k): integers with up to p+k digits (the last k are zero).
            let p2 = p.saturating_add(s.unsigned_abs());
            notes.push(info(
                REPRESENTATION,
                format!("negative scale {s}: stored as an integer DECIMAL({p2},0)"),
            ));
            (p2, 0)
        } else {
            let s = s.unsigned_abs();
            if s > p {
                // Oracle NUMBER(2,5): values below 10^-(s-p); DECIMAL(s,s) holds them.
                notes.push(info(
                    REPRESENTATION,
                    format!("scale {s} above precision {p}: stored as DECIMAL({s},{s})"),
                ));
                (s, s)
            } else {
                (p.max(1), s)
            }
        };
        if p <= max_decimal_precision(target) && s <= max_decimal_scale(target, p) {
            return (
                SrType::Decimal {
                    precision: p,
                    scale: s,
                },
                notes,
            );
        }
        let n = u64::from(p) + 2;
        notes.push(warn(
            LOSSY,
            format!(
                "DECIMAL({p},{s}) exceeds StarRocks {} limits (precision {}{}): stored as text VARCHAR({n})",
                target.version,
                max_decimal_precision(target),
                if target.use_decimal_v3 { "" } else { ", scale 9, decimal v3 off" },
            ),
        ));
        (SrType::Varchar(n), notes)
    }

    fn varbinary(&self, bytes: Option<u64>, what: &str) -> (SrType, Vec<Warning>) {
        let max = self.max_varchar().min(MAX_VARBINARY);
        match bytes {
            Some(b) if b <= max => (SrType::Varbinary(Some(b.max(1))), vec![]),
            Some(b) => (
                SrType::Varbinary(Some(max)),
                vec![warn(
                    TRUNCATION_RISK,
                    format!(
                        "{what} can hold {b} bytes but StarRocks {} VARBINARY holds at most {max}",
                        self.target.version
                    ),
                )],
            ),
            None => (
                SrType::Varbinary(Some(max)),
                vec![info(
                    TRUNCATION_RISK,
                    format!(
                        "{what} has no length limit; mapped to VARBINARY({max}), the StarRocks {} maximum",
                        self.target.version
                    ),
                )],
            ),
        }
    }

    fn binary_as_varchar(&self, bytes: Option<u64>) -> (SrType, Vec<Warning>) {
        let (t, mut notes) = match bytes {
            // Room for a hex rendering.
            Some(b) => self.varchar(b.saturating_mul(2), "binary"),
            None => self.unbounded_varchar("binary"),
        };
        notes.push(warn(
            LOSSY,
            format!(
                "StarRocks {} has no VARBINARY (3.0+): binary data stored as text",
                self.target.version
            ),
        ));
        (t, notes)
    }
}

fn contains_decimal(t: &SrType) -> bool {
    match t {
        SrType::Decimal { .. } => true,
        SrType::Array(e) => contains_decimal(e),
        SrType::Map(k, v) => contains_decimal(k) || contains_decimal(v),
        SrType::Struct(f) => f.iter().any(|(_, t)| contains_decimal(t)),
        _ => false,
    }
}

/// Whether a column of this class may be a key column of this table model.
///
/// Primary Key tables: BOOLEAN, TINYINT..LARGEINT, VARCHAR, DATE, DATETIME. Other models (sort
/// keys): anything but FLOAT/DOUBLE, JSON, ARRAY, MAP, STRUCT and VARBINARY.
pub fn is_legal_key(class: TypeClass, kind: KeyKind) -> bool {
    use TypeClass as C;
    match kind {
        KeyKind::Primary => matches!(
            class,
            C::Boolean | C::Integer | C::LargeInt | C::Varchar | C::Date | C::Datetime
        ),
        KeyKind::Duplicate | KeyKind::Aggregate | KeyKind::Unique => !matches!(
            class,
            C::Float | C::Json | C::Array | C::Map | C::Struct | C::Binary
        ),
    }
}

/// A key-legal replacement for a key column's type.
///
/// Returns the type unchanged when it is already legal; otherwise `CHAR(n)` -> `VARCHAR(n)`,
/// `DECIMAL(p,0)` -> `BIGINT` (p <= 18) or `LARGEINT` (p <= 38), other `DECIMAL(p,s)` ->
/// `VARCHAR(p+2)`, `FLOAT`/`DOUBLE` -> `VARCHAR(32)`, each with a [`KEY_CONVERTED`] note. `None`
/// when there is no sensible replacement (JSON, ARRAY, MAP, STRUCT, VARBINARY).
pub fn key_compatible_type(mapped: &MappedType, kind: KeyKind) -> Option<MappedType> {
    if is_legal_key(mapped.class, kind) {
        return Some(mapped.clone());
    }
    let parsed = mapped.parsed()?;
    let (t, why) = match parsed {
        SrType::Char(n) => (SrType::Varchar(n), "CHAR is not allowed in a primary key"),
        SrType::Decimal {
            precision,
            scale: 0,
        } if precision <= 18 => (
            SrType::BigInt,
            "DECIMAL is not allowed in a primary key; an integer decimal fits BIGINT",
        ),
        SrType::Decimal {
            precision,
            scale: 0,
        } if precision <= 38 => (
            SrType::LargeInt,
            "DECIMAL is not allowed in a primary key; an integer decimal fits LARGEINT",
        ),
        SrType::Decimal { precision, .. } => (
            SrType::Varchar(u64::from(precision) + 2),
            "DECIMAL is not allowed in a primary key; stored as its text form",
        ),
        SrType::Float | SrType::Double => (
            SrType::Varchar(32),
            "FLOAT/DOUBLE cannot be a key column; stored as its text form",
        ),
        _ => return None,
    };
    let mut notes = mapped.notes.clone();
    notes.push(Warning::warn(
        KEY_CONVERTED,
        format!("key column type {} replaced by {t}: {why}", mapped.sql),
    ));
    Some(MappedType::new(&t, notes))
}

/// An upper bound of the encoded size, in bytes, of a primary key made of these columns (in key
/// order), to compare with StarRocks' default 128-byte `primary_key_limit_size`.
///
/// Fixed-width types count their width (BOOLEAN/TINYINT 1, SMALLINT 2, INT/DATE 4,
/// BIGINT/DATETIME 8, LARGEINT 16). A string counts its declared length in bytes, plus 2 bytes
/// of terminator when it is not the last column of a composite key. Types that parse to nothing
/// known count 0.
pub fn encoded_key_bytes(mapped: &[MappedType]) -> u64 {
    let parsed: Vec<Option<SrType>> = mapped.iter().map(MappedType::parsed).collect();
    key_bytes_of(&parsed)
}

pub(crate) fn key_bytes_of(parsed: &[Option<SrType>]) -> u64 {
    let last = parsed.len().saturating_sub(1);
    parsed
        .iter()
        .enumerate()
        .map(|(i, t)| match t {
            Some(t) => {
                let base = t.key_bytes().unwrap_or(0);
                if parsed.len() > 1 && i < last && t.is_variable() {
                    base + 2
                } else {
                    base
                }
            }
            None => 0,
        })
        .fold(0u64, u64::saturating_add)
}
