//! A small model of StarRocks column types: rendering (what the mapper produces) and parsing
//! (what the checker reads back from `TargetColumn::starrocks_type`, which may come from a user
//! CAST rule).

use std::fmt;

use crate::TypeClass;
use crate::quote::quote_ident;

/// A StarRocks column type, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SrType {
    /// `BOOLEAN`.
    Boolean,
    /// `TINYINT`.
    TinyInt,
    /// `SMALLINT`.
    SmallInt,
    /// `INT`.
    Int,
    /// `BIGINT`.
    BigInt,
    /// `LARGEINT`.
    LargeInt,
    /// `DECIMAL(p,s)`.
    Decimal {
        /// Precision.
        precision: u32,
        /// Scale.
        scale: u32,
    },
    /// `FLOAT`.
    Float,
    /// `DOUBLE`.
    Double,
    /// `CHAR(n)`, n in bytes.
    Char(u64),
    /// `VARCHAR(n)`, n in bytes.
    Varchar(u64),
    /// `STRING` (a VARCHAR of 65533 bytes).
    String,
    /// `BINARY(n)`.
    Binary(u64),
    /// `VARBINARY(n)`; `None` for a bare `VARBINARY`.
    Varbinary(Option<u64>),
    /// `DATE`.
    Date,
    /// `DATETIME`.
    Datetime,
    /// `JSON`.
    Json,
    /// `ARRAY<T>`.
    Array(Box<SrType>),
    /// `MAP<K,V>`.
    Map(Box<SrType>, Box<SrType>),
    /// `STRUCT<name T, ...>`.
    Struct(Vec<(String, SrType)>),
    /// Anything else (`HLL`, `BITMAP`, `PERCENTILE`, ...), upper-cased text.
    Other(String),
}

/// Bytes of a `STRING` column.
pub const STRING_BYTES: u64 = 65_533;

impl SrType {
    /// The class of the type; `None` for types outside the classes smt produces.
    pub fn class(&self) -> Option<TypeClass> {
        Some(match self {
            SrType::Boolean => TypeClass::Boolean,
            SrType::TinyInt | SrType::SmallInt | SrType::Int | SrType::BigInt => TypeClass::Integer,
            SrType::LargeInt => TypeClass::LargeInt,
            SrType::Decimal { .. } => TypeClass::Decimal,
            SrType::Float | SrType::Double => TypeClass::Float,
            SrType::Char(_) => TypeClass::Char,
            SrType::Varchar(_) | SrType::String => TypeClass::Varchar,
            SrType::Binary(_) | SrType::Varbinary(_) => TypeClass::Binary,
            SrType::Date => TypeClass::Date,
            SrType::Datetime => TypeClass::Datetime,
            SrType::Json => TypeClass::Json,
            SrType::Array(_) => TypeClass::Array,
            SrType::Map(..) => TypeClass::Map,
            SrType::Struct(_) => TypeClass::Struct,
            SrType::Other(_) => return None,
        })
    }

    /// Maximum bytes of the type in a primary-key encoding (an upper bound, see
    /// [`encoded_key_bytes`](crate::encoded_key_bytes)); `None` for types that cannot be keys.
    pub fn key_bytes(&self) -> Option<u64> {
        Some(match self {
            SrType::Boolean | SrType::TinyInt => 1,
            SrType::SmallInt => 2,
            SrType::Int | SrType::Date | SrType::Float => 4,
            SrType::BigInt | SrType::Datetime | SrType::Double => 8,
            SrType::LargeInt => 16,
            SrType::Decimal { precision, .. } => match precision {
                0..=9 => 4,
                10..=18 => 8,
                19..=38 => 16,
                _ => 32,
            },
            SrType::Char(n) | SrType::Varchar(n) | SrType::Binary(n) => *n,
            SrType::Varbinary(n) => n.unwrap_or(1),
            SrType::String => STRING_BYTES,
            _ => return None,
        })
    }

    /// Whether the type is variable-length (its key encoding needs a terminator when it is not
    /// the last key column).
    pub fn is_variable(&self) -> bool {
        matches!(
            self,
            SrType::Varchar(_) | SrType::String | SrType::Varbinary(_) | SrType::Char(_)
        )
    }
}

impl fmt::Display for SrType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SrType::Boolean => f.write_str("BOOLEAN"),
            SrType::TinyInt => f.write_str("TINYINT"),
            SrType::SmallInt => f.write_str("SMALLINT"),
            SrType::Int => f.write_str("INT"),
            SrType::BigInt => f.write_str("BIGINT"),
            SrType::LargeInt => f.write_str("LARGEINT"),
            SrType::Decimal { precision, scale } => write!(f, "DECIMAL({precision},{scale})"),
            SrType::Float => f.write_str("FLOAT"),
            SrType::Double => f.write_str("DOUBLE"),
            SrType::Char(n) => write!(f, "CHAR({n})"),
            SrType::Varchar(n) => write!(f, "VARCHAR({n})"),
            SrType::String => f.write_str("STRING"),
            SrType::Binary(n) => write!(f, "BINARY({n})"),
            SrType::Varbinary(Some(n)) => write!(f, "VARBINARY({n})"),
            SrType::Varbinary(None) => f.write_str("VARBINARY"),
            SrType::Date => f.write_str("DATE"),
            SrType::Datetime => f.write_str("DATETIME"),
            SrType::Json => f.write_str("JSON"),
            SrType::Array(e) => write!(f, "ARRAY<{e}>"),
            SrType::Map(k, v) => write!(f, "MAP<{k},{v}>"),
            SrType::Struct(fields) => {
                f.write_str("STRUCT<")?;
                for (i, (name, t)) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{} {t}", quote_ident(name))?;
                }
                f.write_str(">")
            }
            SrType::Other(s) => f.write_str(s),
        }
    }
}

/// Parse StarRocks type text (`VARCHAR(10)`, `decimal(10, 2)`, `ARRAY<MAP<INT,STRING>>`,
/// `STRUCT<a INT, `b c` VARCHAR(3)>`). Unknown names parse as [`SrType::Other`]; malformed text
/// (unbalanced brackets, bad numbers) gives `None`.
pub fn parse(text: &str) -> Option<SrType> {
    let mut p = Parser {
        chars: text.chars().collect(),
        pos: 0,
    };
    let t = p.parse_type()?;
    p.skip_ws();
    if p.pos == p.chars.len() {
        Some(t)
    } else {
        None
    }
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn skip_ws(&mut self) {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_ws();
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn word(&mut self) -> Option<String> {
        self.skip_ws();
        let start = self.pos;
        while self
            .chars
            .get(self.pos)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_')
        {
            self.pos += 1;
        }
        (self.pos > start).then(|| self.chars[start..self.pos].iter().collect())
    }

    fn ident(&mut self) -> Option<String> {
        if self.peek() == Some('`') {
            self.pos += 1;
            let mut out = String::new();
            loop {
                let c = *self.chars.get(self.pos)?;
                self.pos += 1;
                if c == '`' {
                    if self.chars.get(self.pos) == Some(&'`') {
                        out.push('`');
                        self.pos += 1;
                    } else {
                        return Some(out);
                    }
                } else {
                    out.push(c);
                }
            }
        }
        self.word()
    }

    fn number(&mut self) -> Option<u64> {
        self.skip_ws();
        let start = self.pos;
        while self.chars.get(self.pos).is_some_and(char::is_ascii_digit) {
            self.pos += 1;
        }
        let s: String = self.chars[start..self.pos].iter().collect();
        s.parse().ok()
    }

    /// `(n[, m])` when present.
    fn params(&mut self) -> Option<Vec<u64>> {
        let mut out = Vec::new();
        if !self.eat('(') {
            return Some(out);
        }
        loop {
            out.push(self.number()?);
            if self.eat(')') {
                return Some(out);
            }
            if !self.eat(',') {
                return None;
            }
        }
    }

    fn parse_type(&mut self) -> Option<SrType> {
        let name = self.word()?.to_ascii_uppercase();
        let t = match name.as_str() {
            "ARRAY" => {
                if !self.eat('<') {
                    return None;
                }
                let e = self.parse_type()?;
                if !self.eat('>') {
                    return None;
                }
                SrType::Array(Box::new(e))
            }
            "MAP" => {
                if !self.eat('<') {
                    return None;
                }
                let k = self.parse_type()?;
                if !self.eat(',') {
                    return None;
                }
                let v = self.parse_type()?;
                if !self.eat('>') {
                    return None;
                }
                SrType::Map(Box::new(k), Box::new(v))
            }
            "STRUCT" => {
                if !self.eat('<') {
                    return None;
                }
                let mut fields = Vec::new();
                loop {
                    let n = self.ident()?;
                    self.eat(':');
                    let t = self.parse_type()?;
                    fields.push((n, t));
                    if self.eat('>') {
                        break;
                    }
                    if !self.eat(',') {
                        return None;
                    }
                }
                SrType::Struct(fields)
            }
            _ => {
                let ps = self.params()?;
                let first = ps.first().copied();
                let u32p = |v: u64| u32::try_from(v).ok();
                match name.as_str() {
                    "BOOLEAN" | "BOOL" => SrType::Boolean,
                    "TINYINT" => SrType::TinyInt,
                    "SMALLINT" => SrType::SmallInt,
                    "INT" | "INTEGER" => SrType::Int,
                    "BIGINT" => SrType::BigInt,
                    "LARGEINT" => SrType::LargeInt,
                    "DECIMAL" | "DECIMALV2" | "DECIMAL32" | "DECIMAL64" | "DECIMAL128"
                    | "DECIMAL256" | "NUMERIC" => SrType::Decimal {
                        precision: u32p(first.unwrap_or(10))?,
                        scale: u32p(ps.get(1).copied().unwrap_or(0))?,
                    },
                    "FLOAT" => SrType::Float,
                    "DOUBLE" => SrType::Double,
                    "CHAR" => SrType::Char(first.unwrap_or(1)),
                    "VARCHAR" => SrType::Varchar(first.unwrap_or(1)),
                    "STRING" => SrType::String,
                    "BINARY" => SrType::Binary(first.unwrap_or(1)),
                    "VARBINARY" => SrType::Varbinary(first),
                    "DATE" => SrType::Date,
                    "DATETIME" => SrType::Datetime,
                    "JSON" => SrType::Json,
                    _ => SrType::Other(name),
                }
            }
        };
        Some(t)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in [
            "BOOLEAN",
            "DECIMAL(10,2)",
            "VARCHAR(1020)",
            "CHAR(4)",
            "ARRAY<ARRAY<INT>>",
            "MAP<INT,VARCHAR(10)>",
            "STRUCT<`a` INT, `b``c` ARRAY<DATE>>",
            "VARBINARY(16)",
            "BINARY(3)",
            "LARGEINT",
            "JSON",
            "DATETIME",
        ] {
            let t = parse(s).unwrap();
            assert_eq!(t.to_string(), s);
        }
    }

    #[test]
    fn lenient_spellings() {
        assert_eq!(
            parse("decimal( 10 , 2 )"),
            Some(SrType::Decimal {
                precision: 10,
                scale: 2
            })
        );
        assert_eq!(parse("bigint(20)"), Some(SrType::BigInt));
        assert_eq!(parse("varchar"), Some(SrType::Varchar(1)));
        assert_eq!(
            parse("STRUCT<a:INT>"),
            Some(SrType::Struct(vec![("a".into(), SrType::Int)]))
        );
        assert_eq!(parse("BITMAP"), Some(SrType::Other("BITMAP".into())));
        assert_eq!(parse("BITMAP").unwrap().class(), None);
        assert_eq!(parse("ARRAY<INT"), None);
        assert_eq!(parse("VARCHAR(x)"), None);
        assert_eq!(parse("INT INT"), None);
    }
}
