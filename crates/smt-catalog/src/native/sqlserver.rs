//! SQL Server native types: `sys.columns` facts (type name, `max_length` in bytes, precision,
//! scale, collation) and T-SQL type texts (`nvarchar(max)`, `decimal(10,2)`, `datetime2(3)`) to
//! IR types, and `sys.default_constraints.definition` texts to IR defaults.
//!
//! The live SQL Server adapter maps its catalog rows with [`map_type`]; the dump reader parses
//! a script's type text with [`parse_type`] into the same [`TypeFacts`] a server would report and
//! maps them the same way.

use smt_ir::{DataType, DefaultValue, TimeZoneKind};

use crate::error::Error;

/// What `sys.columns` / `sys.types` say about a column's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeFacts<'a> {
    /// The system type to map (an alias type's base type), any case.
    pub type_name: &'a str,
    /// The type's own name, used as the native text of types the IR does not know.
    pub native_name: &'a str,
    /// `max_length` in bytes; `-1` for `(max)` and `xml`.
    pub max_length: i16,
    /// `precision`.
    pub precision: u8,
    /// `scale` (fractional second digits for time types).
    pub scale: u8,
    /// `COLLATIONPROPERTY(collation, 'CodePage')`.
    pub code_page: Option<i32>,
    /// The column's collation.
    pub collation: Option<&'a str>,
}

/// A T-SQL type text parsed into the facts `sys.columns` would report for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedType {
    /// Schema of a user-defined type (`[dbo].[Phone]`), when the text names one.
    pub schema: Option<String>,
    /// Type name without brackets, as written.
    pub name: String,
    /// `max_length` in bytes (`-1` for `(max)`).
    pub max_length: i16,
    /// `precision`.
    pub precision: u8,
    /// `scale`.
    pub scale: u8,
}

impl ParsedType {
    /// The facts of this type with a column's collation (its code page guessed by
    /// [`collation_code_page`]).
    pub fn facts<'a>(&'a self, collation: Option<&'a str>) -> TypeFacts<'a> {
        TypeFacts {
            type_name: &self.name,
            native_name: &self.name,
            max_length: self.max_length,
            precision: self.precision,
            scale: self.scale,
            code_page: collation.and_then(collation_code_page),
            collation,
        }
    }
}

/// The code page of a collation named in a script, as `COLLATIONPROPERTY(name, 'CodePage')`
/// would report it, for the families whose code page changes the bytes per character: UTF-8
/// collations 65001, `Chinese_PRC*`/`Chinese_Simplified*` 936, `Chinese_Taiwan*`/
/// `Chinese_Hong_Kong*`/`Chinese_Traditional*` 950, `Japanese*` 932, `Korean*` 949; `None`
/// (a single-byte code page) for the others.
pub fn collation_code_page(collation: &str) -> Option<i32> {
    let c = collation.to_ascii_uppercase();
    if c.contains("_UTF8") {
        Some(65001)
    } else if c.starts_with("CHINESE_PRC") || c.starts_with("CHINESE_SIMPLIFIED") {
        Some(936)
    } else if c.starts_with("CHINESE_TAIWAN")
        || c.starts_with("CHINESE_HONG_KONG")
        || c.starts_with("CHINESE_TRADITIONAL")
    {
        Some(950)
    } else if c.starts_with("JAPANESE") {
        Some(932)
    } else if c.starts_with("KOREAN") {
        Some(949)
    } else {
        None
    }
}

/// Strip `[...]` (with `]]` escapes) or `"..."` from one identifier part.
fn unbracket(s: &str) -> String {
    let s = s.trim();
    if let Some(inner) = s.strip_prefix('[').and_then(|b| b.strip_suffix(']')) {
        inner.replace("]]", "]")
    } else if let Some(inner) = s.strip_prefix('"').and_then(|b| b.strip_suffix('"')) {
        inner.replace("\"\"", "\"")
    } else {
        s.to_string()
    }
}

/// Parse a T-SQL type text as a script writes it (`[nvarchar](max)`, `decimal(10, 2)`,
/// `datetime2(3)`, `float(24)`, `varchar`, `[dbo].[Phone]`) into the facts `sys.columns` holds
/// for it: lengths in bytes (`nchar`/`nvarchar` count two per character, `max` is `-1`),
/// omitted lengths 1, omitted decimal precision 18 and scale 0, omitted fractional seconds 7,
/// `float(n)` precision 24 or 53.
pub fn parse_type(text: &str) -> Result<ParsedType, Error> {
    let bad = |why: &str| super::parse_error("SQL Server type", text, why);
    let t = text.trim();
    let (head, args) = match t.find('(') {
        Some(i) => {
            let inner = t[i + 1..]
                .trim_end()
                .strip_suffix(')')
                .ok_or_else(|| bad("unbalanced parentheses"))?;
            let args = super::split_args(inner).ok_or_else(|| bad("unbalanced parentheses"))?;
            (t[..i].trim(), args)
        }
        None => (t, Vec::new()),
    };
    if head.is_empty() {
        return Err(bad("no type name"));
    }
    // `[schema].[name]`: split at a dot outside brackets.
    let mut parts = Vec::new();
    let mut depth = false;
    let mut start = 0;
    for (i, ch) in head.char_indices() {
        match ch {
            '[' => depth = true,
            ']' => depth = false,
            '.' if !depth => {
                parts.push(&head[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&head[start..]);
    let name = parts.last().map(|p| unbracket(p)).unwrap_or_default();
    let schema = (parts.len() > 1).then(|| unbracket(parts[parts.len() - 2]));
    let num = |i: usize| -> Result<Option<u32>, Error> {
        match args.get(i) {
            None => Ok(None),
            Some(a) if a.eq_ignore_ascii_case("max") => Ok(None),
            Some(a) => a.parse::<u32>().map(Some).map_err(|_| bad("bad number")),
        }
    };
    let is_max = args.first().is_some_and(|a| a.eq_ignore_ascii_case("max"));
    let small = |n: u32| u8::try_from(n).map_err(|_| bad("number too large"));
    let len16 = |n: u32| i16::try_from(n).map_err(|_| bad("length too large"));
    let lower = name.to_ascii_lowercase();
    let (mut max_length, mut precision, mut scale) = (0i16, 0u8, 0u8);
    match lower.as_str() {
        "char" | "varchar" | "binary" | "varbinary" => {
            max_length = if is_max {
                -1
            } else {
                len16(num(0)?.unwrap_or(1))?
            };
        }
        "nchar" | "nvarchar" => {
            max_length = if is_max {
                -1
            } else {
                len16(num(0)?.unwrap_or(1).saturating_mul(2))?
            };
        }
        "xml" => max_length = -1,
        "decimal" | "numeric" => {
            precision = small(num(0)?.unwrap_or(18))?;
            scale = small(num(1)?.unwrap_or(0))?;
        }
        "float" => precision = if num(0)?.unwrap_or(53) <= 24 { 24 } else { 53 },
        "real" => precision = 24,
        "time" | "datetime2" | "datetimeoffset" => scale = small(num(0)?.unwrap_or(7))?,
        _ => {}
    }
    Ok(ParsedType {
        schema,
        name,
        max_length,
        precision,
        scale,
    })
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
pub fn map_type(f: &TypeFacts<'_>) -> (DataType, String) {
    let type_name = f.type_name.to_ascii_lowercase();
    let len = f.max_length;
    let sized = |n: &str| {
        if len < 0 {
            format!("{n}(max)")
        } else {
            format!("{n}({len})")
        }
    };
    let bytes_len = u32::try_from(len).ok();
    let mbpc = bytes_per_char(f.code_page, f.collation);
    let p = f.precision;
    let s = f.scale;
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
            let native = f.native_name.to_string();
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

    fn dt(text: &str, collation: Option<&str>) -> (DataType, String) {
        map_type(&parse_type(text).unwrap().facts(collation))
    }

    #[test]
    fn script_type_texts() {
        assert_eq!(
            dt("[nvarchar](max)", None),
            (
                DataType::Text {
                    max_bytes: None,
                    max_bytes_per_char: 2
                },
                "nvarchar(max)".into()
            )
        );
        assert_eq!(
            dt("decimal(10,2)", None),
            (DataType::decimal(10, 2), "decimal(10,2)".into())
        );
        assert_eq!(dt("DECIMAL", None).1, "decimal(18,0)");
        assert_eq!(
            dt("datetime2(3)", None),
            (
                DataType::Timestamp {
                    precision: Some(3),
                    time_zone: TimeZoneKind::None
                },
                "datetime2(3)".into()
            )
        );
        assert_eq!(dt("datetime2", None).1, "datetime2(7)");
        assert_eq!(dt("[float](10)", None).1, "float(24)");
        assert_eq!(dt("float", None).1, "float");
        assert_eq!(dt("varchar", None).1, "varchar(1)");
        assert_eq!(dt("nchar(10)", None).1, "nchar(10)");
        assert_eq!(
            dt("varchar(20)", Some("Chinese_PRC_CI_AS")).0,
            DataType::varchar(20, 2)
        );
        assert_eq!(
            dt("varchar(20)", Some("SQL_Latin1_General_CP1_CI_AS")).0,
            DataType::varchar(20, 1)
        );
        let p = parse_type("[dbo].[Phone]").unwrap();
        assert_eq!(
            (p.schema.as_deref(), p.name.as_str()),
            (Some("dbo"), "Phone")
        );
        assert_eq!(
            dt("[my]]type]", None).0,
            DataType::Other {
                native: "my]type".into()
            }
        );
        assert!(parse_type("varchar(10").is_err());
        assert!(parse_type("varchar(x)").is_err());
        assert!(parse_type("").is_err());
    }
}
