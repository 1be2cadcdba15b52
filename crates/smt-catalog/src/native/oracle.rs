//! Oracle native types: `ALL_TAB_COLS` facts (`DATA_TYPE`, lengths, precision, scale,
//! `CHAR_USED`) and DDL type texts (`VARCHAR2(100 CHAR)`, `NUMBER(10,0)`, `NUMBER`,
//! `TIMESTAMP(6) WITH LOCAL TIME ZONE`, `INTERVAL DAY(2) TO SECOND(6)`) to IR types, and
//! `DATA_DEFAULT` texts to IR defaults.
//!
//! The live Oracle adapter maps its dictionary rows with [`map_type`]; the dump reader parses a
//! script's type text with [`parse_type`] into the same [`OwnedTypeFacts`] the dictionary would
//! hold and maps them the same way.

use smt_ir::{DataType, DefaultValue, TimeZoneKind};

use crate::error::Error;

/// What `ALL_TAB_COLS` says about a column's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeFacts<'a> {
    /// `DATA_TYPE` (`NUMBER`, `TIMESTAMP(6) WITH TIME ZONE`, `INTERVAL DAY(2) TO SECOND(6)`).
    pub data_type: &'a str,
    /// `DATA_TYPE_OWNER` (object types).
    pub data_type_owner: Option<&'a str>,
    /// `DATA_LENGTH` in bytes.
    pub data_length: i64,
    /// `DATA_PRECISION`.
    pub data_precision: Option<i64>,
    /// `DATA_SCALE`.
    pub data_scale: Option<i64>,
    /// `CHAR_LENGTH` in characters.
    pub char_length: i64,
    /// `CHAR_USED`: `B`, `C` or none.
    pub char_used: Option<&'a str>,
}

/// [`TypeFacts`] owning their texts: what [`parse_type`] returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedTypeFacts {
    /// `DATA_TYPE`.
    pub data_type: String,
    /// `DATA_TYPE_OWNER`.
    pub data_type_owner: Option<String>,
    /// `DATA_LENGTH` in bytes.
    pub data_length: i64,
    /// `DATA_PRECISION`.
    pub data_precision: Option<i64>,
    /// `DATA_SCALE`.
    pub data_scale: Option<i64>,
    /// `CHAR_LENGTH`.
    pub char_length: i64,
    /// `CHAR_USED`.
    pub char_used: Option<String>,
}

impl OwnedTypeFacts {
    /// Borrowed view for [`map_type`].
    pub fn facts(&self) -> TypeFacts<'_> {
        TypeFacts {
            data_type: &self.data_type,
            data_type_owner: self.data_type_owner.as_deref(),
            data_length: self.data_length,
            data_precision: self.data_precision,
            data_scale: self.data_scale,
            char_length: self.char_length,
            char_used: self.char_used.as_deref(),
        }
    }
}

/// Which character set a column of `DATA_TYPE` `data_type` is stored in: `Some(false)` the
/// database set (CHAR, VARCHAR2, CLOB, LONG), `Some(true)` the national set (NCHAR, NVARCHAR2,
/// NCLOB), `None` for other types.
pub fn national_charset(data_type: &str) -> Option<bool> {
    match data_type {
        "CHAR" | "VARCHAR2" | "CLOB" | "LONG" | "VARCHAR" => Some(false),
        "NCHAR" | "NVARCHAR2" | "NCLOB" => Some(true),
        _ => None,
    }
}

/// Strip `"..."` from one identifier part; unquoted parts are folded to upper case.
fn ident(s: &str) -> String {
    let s = s.trim();
    match s.strip_prefix('"').and_then(|b| b.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => s.to_ascii_uppercase(),
    }
}

/// Parse an Oracle type text as `DBMS_METADATA.GET_DDL` or a hand-written script writes it into
/// the facts `ALL_TAB_COLS` holds for it.
///
/// `NUMBER(p)` is `NUMBER(p,0)`; `INTEGER`/`INT`/`SMALLINT` are `NUMBER(*,0)`; `FLOAT` is
/// `FLOAT(126)`, `REAL` `FLOAT(63)`, `DOUBLE PRECISION` `FLOAT(126)`; character lengths without
/// `BYTE`/`CHAR` use byte semantics (the default `NLS_LENGTH_SEMANTICS`); omitted lengths are 1;
/// `TIMESTAMP` without digits has 6; `"MDSYS"."SDO_GEOMETRY"` has owner `MDSYS`.
pub fn parse_type(text: &str) -> Result<OwnedTypeFacts, Error> {
    let bad = |why: &str| super::parse_error("Oracle type", text, why);
    let t = super::normalize_words(text.trim()).to_ascii_uppercase();
    let t = t.replace(" (", "(").replace("( ", "(").replace(" )", ")");
    let mut f = OwnedTypeFacts {
        data_type: String::new(),
        data_type_owner: None,
        data_length: 0,
        data_precision: None,
        data_scale: None,
        char_length: 0,
        char_used: None,
    };
    let args: Vec<String> = match (t.find('('), t.rfind(')')) {
        (Some(a), Some(b)) if b > a => t[a + 1..b]
            .split(',')
            .map(|s| s.trim().to_string())
            .collect(),
        (None, None) => Vec::new(),
        _ => return Err(bad("unbalanced parentheses")),
    };
    let base = t.split('(').next().unwrap_or("").trim().to_string();
    let num = |s: &str| s.parse::<i64>().map_err(|_| bad("bad number"));
    let first = |d: i64| -> Result<i64, Error> {
        match args.first() {
            Some(a) => num(a.split_whitespace().next().unwrap_or("")),
            None => Ok(d),
        }
    };
    if base.starts_with("TIMESTAMP") {
        let digits = if args.is_empty() { 6 } else { first(6)? };
        let zone = t
            .rsplit(')')
            .next()
            .filter(|_| !args.is_empty())
            .unwrap_or(&t["TIMESTAMP".len()..]);
        f.data_type = format!("TIMESTAMP({digits}){zone}");
        f.data_scale = Some(digits);
        f.data_length = 11;
        return Ok(f);
    }
    if base.starts_with("INTERVAL") {
        if t.contains("YEAR") {
            let y = args.first().map(|a| num(a)).transpose()?.unwrap_or(2);
            f.data_type = format!("INTERVAL YEAR({y}) TO MONTH");
            f.data_precision = Some(y);
            f.data_scale = Some(0);
        } else {
            // INTERVAL DAY[(d)] TO SECOND[(s)]: the numbers in order of appearance.
            let mut nums = Vec::new();
            let mut rest = t.as_str();
            while let Some(a) = rest.find('(') {
                let Some(b) = rest[a..].find(')') else { break };
                nums.push((rest[..a].ends_with("DAY"), num(rest[a + 1..a + b].trim())?));
                rest = &rest[a + b + 1..];
            }
            let d = nums.iter().find(|n| n.0).map_or(2, |n| n.1);
            let s = nums.iter().find(|n| !n.0).map_or(6, |n| n.1);
            f.data_type = format!("INTERVAL DAY({d}) TO SECOND({s})");
            f.data_precision = Some(d);
            f.data_scale = Some(s);
        }
        return Ok(f);
    }
    let name = base.as_str();
    match name {
        "NUMBER" | "NUMERIC" | "DECIMAL" | "DEC" => {
            f.data_type = "NUMBER".into();
            f.data_length = 22;
            match args.as_slice() {
                [] if name == "NUMBER" => {}
                [] => f.data_scale = Some(0),
                [p] if p == "*" => f.data_scale = Some(0),
                [p] => {
                    f.data_precision = Some(num(p)?);
                    f.data_scale = Some(0);
                }
                [p, s] => {
                    f.data_precision = if p == "*" { None } else { Some(num(p)?) };
                    f.data_scale = Some(num(s)?);
                }
                _ => return Err(bad("too many arguments")),
            }
        }
        "INTEGER" | "INT" | "SMALLINT" => {
            f.data_type = "NUMBER".into();
            f.data_length = 22;
            f.data_scale = Some(0);
        }
        "FLOAT" | "REAL" | "DOUBLE PRECISION" => {
            f.data_type = "FLOAT".into();
            f.data_length = 22;
            f.data_precision = Some(match name {
                "REAL" => 63,
                "DOUBLE PRECISION" => 126,
                _ => first(126)?,
            });
        }
        "CHAR" | "VARCHAR2" | "VARCHAR" | "NCHAR" | "NVARCHAR2" | "CHARACTER" => {
            let national = name.starts_with('N');
            f.data_type = match name {
                "CHARACTER" => "CHAR".into(),
                "VARCHAR" => "VARCHAR2".into(),
                n => n.to_string(),
            };
            let n = first(1)?;
            let unit = args
                .first()
                .and_then(|a| a.split_whitespace().nth(1))
                .unwrap_or("BYTE");
            f.char_length = n;
            if national {
                f.char_used = Some("C".into());
                f.data_length = n.saturating_mul(2);
            } else if unit == "CHAR" {
                f.char_used = Some("C".into());
                f.data_length = n.saturating_mul(4);
            } else {
                f.char_used = Some("B".into());
                f.data_length = n;
            }
        }
        "RAW" | "UROWID" => {
            f.data_type = name.into();
            f.data_length = first(if name == "RAW" { 1 } else { 4000 })?;
        }
        _ => {
            if !args.is_empty() {
                return Err(bad("unexpected arguments"));
            }
            // Possibly owner-qualified: "MDSYS"."SDO_GEOMETRY", SYS.XMLTYPE.
            let original = text.trim();
            let parts: Vec<&str> = split_dotted(original);
            let type_name = parts.last().map(|p| ident(p)).unwrap_or_default();
            let owner = (parts.len() > 1).then(|| ident(parts[parts.len() - 2]));
            f.data_type = if parts.len() > 1 || original.starts_with('"') {
                type_name
            } else {
                name.to_string()
            };
            f.data_type_owner = match f.data_type.as_str() {
                "XMLTYPE" => Some("SYS".into()),
                "SDO_GEOMETRY" => Some(owner.unwrap_or_else(|| "MDSYS".into())),
                _ => owner,
            };
        }
    }
    Ok(f)
}

/// Split `a.b` at dots outside double quotes.
fn split_dotted(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, ch) in s.char_indices() {
        match ch {
            '"' => quoted = !quoted,
            '.' if !quoted => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
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
pub fn map_type(
    f: &TypeFacts<'_>,
    database_charset: &str,
    national_charset: &str,
) -> (DataType, String) {
    let raw = f.data_type.trim().to_string();
    let upper = raw.to_ascii_uppercase();
    let prec = f.data_precision.and_then(|p| u32::try_from(p).ok());
    let scale = f.data_scale.and_then(|s| i32::try_from(s).ok());
    let frac = f
        .data_scale
        .and_then(|s| u8::try_from(s).ok())
        .or_else(|| paren_number(&upper));
    let db_mbpc = bytes_per_char(database_charset);
    let nat_mbpc = bytes_per_char(national_charset);
    let byte_len = u32::try_from(f.data_length).unwrap_or(0);
    let char_len = u32::try_from(f.char_length).unwrap_or(0);
    let byte_semantics = f.char_used == Some("B");

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
            let native = match f.data_type_owner {
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
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn dt(text: &str) -> (DataType, String) {
        map_type(&parse_type(text).unwrap().facts(), "AL32UTF8", "AL16UTF16")
    }

    #[test]
    fn script_type_texts() {
        assert_eq!(
            dt("VARCHAR2(100 CHAR)"),
            (DataType::varchar(100, 4), "VARCHAR2(100 CHAR)".into())
        );
        assert_eq!(
            dt("varchar2(20 byte)"),
            (DataType::varchar(20, 1), "VARCHAR2(20 BYTE)".into())
        );
        assert_eq!(dt("VARCHAR2(20)").1, "VARCHAR2(20 BYTE)");
        assert_eq!(dt("NUMBER(10,0)"), (DataType::int(64), "NUMBER(10)".into()));
        assert_eq!(dt("NUMBER(4)"), (DataType::int(16), "NUMBER(4)".into()));
        assert_eq!(
            dt("NUMBER"),
            (
                DataType::Decimal {
                    precision: None,
                    scale: None
                },
                "NUMBER".into()
            )
        );
        assert_eq!(dt("NUMBER(*,0)").1, "NUMBER(*,0)");
        assert_eq!(dt("INTEGER").1, "NUMBER(*,0)");
        assert_eq!(dt("NUMBER(5,-2)").0, DataType::decimal(5, -2));
        assert_eq!(
            dt("TIMESTAMP (6) WITH LOCAL TIME ZONE"),
            (
                DataType::Timestamp {
                    precision: Some(6),
                    time_zone: TimeZoneKind::Local
                },
                "TIMESTAMP(6) WITH LOCAL TIME ZONE".into()
            )
        );
        assert_eq!(
            dt("timestamp with time zone").1,
            "TIMESTAMP(6) WITH TIME ZONE"
        );
        assert_eq!(dt("TIMESTAMP(3)").1, "TIMESTAMP(3)");
        assert_eq!(
            dt("INTERVAL DAY (2) TO SECOND (6)"),
            (
                DataType::Interval {
                    fields: Some("DAY TO SECOND".into())
                },
                "INTERVAL DAY(2) TO SECOND(6)".into()
            )
        );
        assert_eq!(
            dt("INTERVAL DAY TO SECOND(3)").1,
            "INTERVAL DAY(2) TO SECOND(3)"
        );
        assert_eq!(dt("INTERVAL YEAR TO MONTH").1, "INTERVAL YEAR(2) TO MONTH");
        assert_eq!(dt("RAW(16)").1, "RAW(16)");
        assert_eq!(dt("NVARCHAR2(50)").0, DataType::varchar(50, 2));
        assert_eq!(dt("\"SYS\".\"XMLTYPE\"").0, DataType::Xml);
        assert_eq!(
            dt("\"MDSYS\".\"SDO_GEOMETRY\"").0,
            DataType::Spatial {
                kind: "sdo_geometry".into()
            }
        );
        assert_eq!(
            dt("\"APP\".\"ADDRESS_T\"").0,
            DataType::Other {
                native: "APP.ADDRESS_T".into()
            }
        );
        assert!(parse_type("NUMBER(10").is_err());
        assert!(parse_type("NUMBER(x)").is_err());
    }
}
