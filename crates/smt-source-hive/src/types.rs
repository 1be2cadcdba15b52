//! Hive type strings (as the metastore stores them and `DESCRIBE` prints them) to IR types.
//!
//! The grammar is Hive's `TypeInfoUtils` one: a primitive name with optional parameters
//! (`decimal(10,2)`, `varchar(64)`), or `array<T>`, `map<K,V>`, `struct<name:T,...>`,
//! `uniontype<T,...>`. Names are case-insensitive, spaces may appear anywhere between tokens,
//! and struct field names may be back-quoted (with a doubled back-quote inside).

use smt_catalog::{Error, ErrorKind, Result};
use smt_ir::{DataType, StructField, TimeZoneKind};

/// Bytes one character can take in Hive strings (UTF-8).
pub const HIVE_BYTES_PER_CHAR: u8 = 4;

/// Hive's default decimal precision when `decimal` has no parameters.
pub const DEFAULT_DECIMAL_PRECISION: u32 = 10;

/// Parse a Hive type string into the IR. Unknown primitive names become
/// [`DataType::Other`] (with the text as written); malformed text is an [`ErrorKind::Parse`] error.
pub fn parse_hive_type(text: &str) -> Result<DataType> {
    let mut p = Parser {
        src: text,
        pos: 0,
        depth: 0,
    };
    let t = p.parse_type()?;
    p.skip_ws();
    if p.pos != p.src.len() {
        return Err(p.error("unexpected text after the type"));
    }
    Ok(t)
}

/// Like [`parse_hive_type`], but never fails: text that cannot be parsed becomes
/// [`DataType::Other`].
pub fn hive_type_or_other(text: &str) -> DataType {
    parse_hive_type(text).unwrap_or_else(|_| DataType::Other {
        native: text.trim().to_string(),
    })
}

const MAX_DEPTH: usize = 64;

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, what: &str) -> Error {
        Error::new(
            ErrorKind::Parse,
            format!(
                "Hive type `{}`: {what} at offset {}",
                self.src.trim(),
                self.pos
            ),
        )
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_ws();
        self.rest().chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn expect_char(&mut self, c: char) -> Result<()> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.error(&format!("expected `{c}`")))
        }
    }

    /// A word: letters, digits and `_` (Hive type names and unquoted field names), also `$`.
    fn word(&mut self) -> &'a str {
        self.skip_ws();
        let rest = self.rest();
        let end = rest
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '$'))
            .map_or(rest.len(), |(i, _)| i);
        self.pos += end;
        &rest[..end]
    }

    fn number(&mut self) -> Result<u32> {
        let w = self.word();
        w.parse()
            .map_err(|_| self.error(&format!("expected a number, found `{w}`")))
    }

    /// A struct field name: a word, or back-quoted text with doubled back-quotes.
    fn field_name(&mut self) -> Result<String> {
        if self.peek() == Some('`') {
            self.pos += 1;
            let mut out = String::new();
            loop {
                let mut chars = self.rest().chars();
                match chars.next() {
                    None => return Err(self.error("unterminated back-quoted field name")),
                    Some('`') => {
                        self.pos += 1;
                        if self.rest().starts_with('`') {
                            out.push('`');
                            self.pos += 1;
                        } else {
                            return Ok(out);
                        }
                    }
                    Some(c) => {
                        out.push(c);
                        self.pos += c.len_utf8();
                    }
                }
            }
        }
        // Unquoted: everything up to the `:` (Hive prints field names without quotes, so a
        // name may hold spaces or punctuation other than `:<>,`).
        let rest = self.rest();
        let end = rest.find([':', '<', '>', ',']).unwrap_or(rest.len());
        let name = rest[..end].trim();
        if name.is_empty() || !rest[end..].starts_with(':') {
            return Err(self.error("expected `name:type` in a struct"));
        }
        self.pos += end;
        Ok(name.to_string())
    }

    /// Optional `(n)` or `(n, m)` parameters.
    fn params(&mut self) -> Result<Vec<u32>> {
        let mut out = Vec::new();
        if self.eat('(') {
            loop {
                out.push(self.number()?);
                if self.eat(')') {
                    break;
                }
                self.expect_char(',')?;
            }
        }
        Ok(out)
    }

    fn parse_type(&mut self) -> Result<DataType> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("type nested too deeply"));
        }
        let start = {
            self.skip_ws();
            self.pos
        };
        let name = self.word().to_ascii_lowercase();
        if name.is_empty() {
            return Err(self.error("expected a type name"));
        }
        let t = match name.as_str() {
            "array" => {
                self.expect_char('<')?;
                let element = self.parse_type()?;
                self.expect_char('>')?;
                DataType::Array {
                    element: Box::new(element),
                    dimensions: 1,
                }
            }
            "map" => {
                self.expect_char('<')?;
                let key = self.parse_type()?;
                self.expect_char(',')?;
                let value = self.parse_type()?;
                self.expect_char('>')?;
                DataType::Map {
                    key: Box::new(key),
                    value: Box::new(value),
                }
            }
            "struct" => {
                self.expect_char('<')?;
                let mut fields = Vec::new();
                if !self.eat('>') {
                    loop {
                        let name = self.field_name()?;
                        self.expect_char(':')?;
                        let data_type = self.parse_type()?;
                        // Spark's DDL form may carry `COMMENT '...'` after a field: not in
                        // metastore type strings; reject it clearly rather than mis-parse.
                        fields.push(StructField { name, data_type });
                        if self.eat('>') {
                            break;
                        }
                        self.expect_char(',')?;
                    }
                }
                DataType::Struct { fields }
            }
            "uniontype" => {
                self.expect_char('<')?;
                if !self.eat('>') {
                    loop {
                        self.parse_type()?;
                        if self.eat('>') {
                            break;
                        }
                        self.expect_char(',')?;
                    }
                }
                DataType::Other {
                    native: normalize(&self.src[start..self.pos]),
                }
            }
            _ => self.primitive(&name, start)?,
        };
        self.depth -= 1;
        Ok(t)
    }

    fn primitive(&mut self, name: &str, start: usize) -> Result<DataType> {
        let t = match name {
            "boolean" => DataType::Boolean,
            "tinyint" => DataType::int(8),
            "smallint" => DataType::int(16),
            "int" | "integer" => DataType::int(32),
            "bigint" => DataType::int(64),
            "float" => DataType::Float { bits: 32 },
            "double" => {
                // `double precision` (Hive 2.2+ alias).
                let save = self.pos;
                if !self.word().eq_ignore_ascii_case("precision") {
                    self.pos = save;
                }
                DataType::Float { bits: 64 }
            }
            "decimal" | "numeric" => {
                let p = self.params()?;
                match p.as_slice() {
                    [] => DataType::decimal(DEFAULT_DECIMAL_PRECISION, 0),
                    [p] => DataType::decimal(*p, 0),
                    [p, s] => DataType::decimal(*p, i32::try_from(*s).unwrap_or(i32::MAX)),
                    _ => return Err(self.error("decimal takes at most two parameters")),
                }
            }
            "char" => match self.params()?.as_slice() {
                [n] => DataType::Char {
                    length: *n,
                    max_bytes_per_char: HIVE_BYTES_PER_CHAR,
                },
                _ => return Err(self.error("char needs one length parameter")),
            },
            "varchar" => match self.params()?.as_slice() {
                [n] => DataType::varchar(*n, HIVE_BYTES_PER_CHAR),
                _ => return Err(self.error("varchar needs one length parameter")),
            },
            "string" => DataType::Text {
                max_bytes: None,
                max_bytes_per_char: HIVE_BYTES_PER_CHAR,
            },
            "binary" => DataType::Blob { max_bytes: None },
            "date" => DataType::Date,
            "timestamp" => {
                // Hive 3 `timestamp with local time zone`.
                let save = self.pos;
                let zone = if self.word().eq_ignore_ascii_case("with")
                    && self.word().eq_ignore_ascii_case("local")
                    && self.word().eq_ignore_ascii_case("time")
                    && self.word().eq_ignore_ascii_case("zone")
                {
                    TimeZoneKind::Local
                } else {
                    self.pos = save;
                    TimeZoneKind::None
                };
                DataType::Timestamp {
                    precision: Some(9),
                    time_zone: zone,
                }
            }
            "timestamplocaltz" => DataType::Timestamp {
                precision: Some(9),
                time_zone: TimeZoneKind::Local,
            },
            "interval_year_month" => DataType::Interval {
                fields: Some("YEAR TO MONTH".into()),
            },
            "interval_day_time" => DataType::Interval {
                fields: Some("DAY TO SECOND".into()),
            },
            _ => {
                // Unknown primitive (`void`, a custom SerDe's name): keep the text, with any
                // parameters, as Other.
                self.params()?;
                DataType::Other {
                    native: normalize(&self.src[start..self.pos]),
                }
            }
        };
        Ok(t)
    }
}

/// Trim a type's text and drop spaces around punctuation (`map < string , int >` ->
/// `map<string,int>`), keeping spaces inside back-quotes and between words.
fn normalize(text: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut pending_space = false;
    for c in text.trim().chars() {
        if quoted {
            out.push(c);
            if c == '`' {
                quoted = false;
            }
            continue;
        }
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        let punct = matches!(c, '<' | '>' | ',' | ':' | '(' | ')');
        if pending_space
            && !punct
            && !out.is_empty()
            && !out.ends_with(['<', '>', ',', ':', '(', ')'])
        {
            out.push(' ');
        }
        pending_space = false;
        if c == '`' {
            quoted = true;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> DataType {
        DataType::Text {
            max_bytes: None,
            max_bytes_per_char: 4,
        }
    }

    fn p(s: &str) -> DataType {
        parse_hive_type(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn field(name: &str, data_type: DataType) -> StructField {
        StructField {
            name: name.into(),
            data_type,
        }
    }

    #[test]
    fn primitives() {
        assert_eq!(p("boolean"), DataType::Boolean);
        assert_eq!(p("TINYINT"), DataType::int(8));
        assert_eq!(p("smallint"), DataType::int(16));
        assert_eq!(p("int"), DataType::int(32));
        assert_eq!(p("integer"), DataType::int(32));
        assert_eq!(p("bigint"), DataType::int(64));
        assert_eq!(p("float"), DataType::Float { bits: 32 });
        assert_eq!(p("double"), DataType::Float { bits: 64 });
        assert_eq!(p("double precision"), DataType::Float { bits: 64 });
        assert_eq!(p("string"), text());
        assert_eq!(p("binary"), DataType::Blob { max_bytes: None });
        assert_eq!(p("date"), DataType::Date);
        assert_eq!(
            p("timestamp"),
            DataType::Timestamp {
                precision: Some(9),
                time_zone: TimeZoneKind::None
            }
        );
        assert_eq!(
            p("timestamp with local time zone"),
            DataType::Timestamp {
                precision: Some(9),
                time_zone: TimeZoneKind::Local
            }
        );
        assert_eq!(
            p("interval_day_time"),
            DataType::Interval {
                fields: Some("DAY TO SECOND".into())
            }
        );
        assert_eq!(
            p("interval_year_month"),
            DataType::Interval {
                fields: Some("YEAR TO MONTH".into())
            }
        );
    }

    #[test]
    fn parameters() {
        assert_eq!(p("decimal"), DataType::decimal(10, 0));
        assert_eq!(p("decimal(12)"), DataType::decimal(12, 0));
        assert_eq!(p("decimal(38,10)"), DataType::decimal(38, 10));
        assert_eq!(p(" DECIMAL ( 10 , 2 ) "), DataType::decimal(10, 2));
        assert_eq!(p("numeric(5,1)"), DataType::decimal(5, 1));
        assert_eq!(p("varchar(64)"), DataType::varchar(64, 4));
        assert_eq!(
            p("char(10)"),
            DataType::Char {
                length: 10,
                max_bytes_per_char: 4
            }
        );
    }

    #[test]
    fn complex() {
        assert_eq!(
            p("array<string>"),
            DataType::Array {
                element: Box::new(text()),
                dimensions: 1
            }
        );
        assert_eq!(
            p("map<string,int>"),
            DataType::Map {
                key: Box::new(text()),
                value: Box::new(DataType::int(32))
            }
        );
        assert_eq!(
            p("array<struct<k:string,v:decimal(10,2)>>"),
            DataType::Array {
                element: Box::new(DataType::Struct {
                    fields: vec![field("k", text()), field("v", DataType::decimal(10, 2))]
                }),
                dimensions: 1
            }
        );
        assert_eq!(
            p("struct<a:int,b:array<string>>"),
            DataType::Struct {
                fields: vec![
                    field("a", DataType::int(32)),
                    field(
                        "b",
                        DataType::Array {
                            element: Box::new(text()),
                            dimensions: 1
                        }
                    )
                ]
            }
        );
        assert_eq!(
            p(" struct < a : int , `b c` : map < string , array < int > > > "),
            DataType::Struct {
                fields: vec![
                    field("a", DataType::int(32)),
                    field(
                        "b c",
                        DataType::Map {
                            key: Box::new(text()),
                            value: Box::new(DataType::Array {
                                element: Box::new(DataType::int(32)),
                                dimensions: 1
                            })
                        }
                    )
                ]
            }
        );
        assert_eq!(
            p("struct<`a``b`:int,`x:y`:string>"),
            DataType::Struct {
                fields: vec![field("a`b", DataType::int(32)), field("x:y", text())]
            }
        );
        assert_eq!(p("struct<>"), DataType::Struct { fields: vec![] });
        assert_eq!(
            p("struct<x y:int,a-b:string>"),
            DataType::Struct {
                fields: vec![field("x y", DataType::int(32)), field("a-b", text())]
            }
        );
        assert_eq!(
            p("map<int,map<string,struct<x:double>>>"),
            DataType::Map {
                key: Box::new(DataType::int(32)),
                value: Box::new(DataType::Map {
                    key: Box::new(text()),
                    value: Box::new(DataType::Struct {
                        fields: vec![field("x", DataType::Float { bits: 64 })]
                    })
                })
            }
        );
    }

    #[test]
    fn union_and_unknown() {
        assert_eq!(
            p("uniontype<int, string>"),
            DataType::Other {
                native: "uniontype<int,string>".into()
            }
        );
        assert_eq!(
            p("array<uniontype<int,struct<a:int>>>"),
            DataType::Array {
                element: Box::new(DataType::Other {
                    native: "uniontype<int,struct<a:int>>".into()
                }),
                dimensions: 1
            }
        );
        assert_eq!(
            p("void"),
            DataType::Other {
                native: "void".into()
            }
        );
        assert_eq!(
            p("geometry(4326)"),
            DataType::Other {
                native: "geometry(4326)".into()
            }
        );
    }

    #[test]
    fn errors() {
        for bad in [
            "",
            "array<int",
            "array<>",
            "map<string>",
            "struct<a int>",
            "struct<a:int",
            "decimal(10,2,3)",
            "decimal(x)",
            "varchar",
            "char()",
            "int int",
            "struct<`a:int>",
            "array<int>>",
        ] {
            let e = parse_hive_type(bad).expect_err(bad);
            assert_eq!(e.kind(), ErrorKind::Parse, "{bad}");
        }
        assert_eq!(
            hive_type_or_other("array<int"),
            DataType::Other {
                native: "array<int".into()
            }
        );
        let deep = format!("{}int{}", "array<".repeat(100), ">".repeat(100));
        assert!(parse_hive_type(&deep).is_err());
    }
}
