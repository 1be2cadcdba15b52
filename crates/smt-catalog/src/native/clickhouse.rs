//! ClickHouse type and default texts, as `system.columns` (or a `CREATE TABLE`) spells them.
//!
//! - [`parse_type`] turns a full type (`LowCardinality(Nullable(String))`,
//!   `Map(String, Array(Tuple(a UInt8, b DateTime64(3, 'UTC'))))`, `Enum8('a' = 1)`) into an IR
//!   [`DataType`] plus the column's nullability: only a top-level `Nullable(T)` (also inside
//!   `LowCardinality`) is nullable; everything else is NOT NULL.
//! - [`parse_default`] turns a `DEFAULT` expression into a [`DefaultValue`].
//! - [`split_key`] splits a `sorting_key` / `primary_key` text into its elements.
//!
//! Nothing here does I/O; the live adapter and a dump reader can share it.

use std::collections::BTreeMap;

use smt_ir::{DataType, DefaultValue, StructField, TimeZoneKind};

use super::{is_number, parse_error};
use crate::error::Result;

/// A parsed ClickHouse column type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClickhouseType {
    /// The neutral type.
    pub data_type: DataType,
    /// Whether the column accepts NULL (`Nullable(T)` or `LowCardinality(Nullable(T))`).
    pub nullable: bool,
    /// Facts worth keeping about the column (`clickhouse.low_cardinality`, `clickhouse.timezone`,
    /// `clickhouse.aggregate_function`).
    pub facts: BTreeMap<String, String>,
}

/// One node of a type expression.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    /// A type or function name with optional arguments; `text` is the node verbatim.
    Type {
        name: String,
        args: Vec<Node>,
        text: String,
    },
    /// `name Type` inside `Tuple(...)` / `Nested(...)`.
    Named { name: String, ty: Box<Node> },
    /// `name = value` (JSON settings) or `'a' = 1` (enum items).
    Assign { name: String, value: String },
    /// A quoted string (unescaped).
    Str(String),
    /// A number, verbatim.
    Num(String),
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn fail<T>(&self, why: &str) -> std::result::Result<T, String> {
        Err(format!("{why} at offset {}", self.pos))
    }

    /// A quoted string or identifier; `q` is the quote character, already current.
    fn quoted(&mut self) -> std::result::Result<String, String> {
        let Some(q) = self.bump() else {
            return self.fail("expected a quote");
        };
        let mut out = String::new();
        loop {
            match self.bump() {
                None => return self.fail("unterminated quote"),
                Some('\\') => match self.bump() {
                    None => return self.fail("unterminated escape"),
                    Some(e) => out.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '0' => '\0',
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        other => other,
                    }),
                },
                Some(c) if c == q => {
                    if self.peek() == Some(q) {
                        self.bump();
                        out.push(q);
                    } else {
                        return Ok(out);
                    }
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn ident(&mut self) -> String {
        let start = self.pos;
        while self.peek().is_some_and(is_ident_char) {
            self.bump();
        }
        self.src[start..self.pos].to_string()
    }

    fn number(&mut self) -> String {
        let start = self.pos;
        if matches!(self.peek(), Some('-' | '+')) {
            self.bump();
        }
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
        {
            let c = self.bump();
            // An exponent sign.
            if matches!(c, Some('e' | 'E')) && matches!(self.peek(), Some('-' | '+')) {
                self.bump();
            }
        }
        self.src[start..self.pos].to_string()
    }

    fn node(&mut self) -> std::result::Result<Node, String> {
        self.skip_ws();
        let start = self.pos;
        match self.peek() {
            None => self.fail("expected a type"),
            Some('\'') => {
                let s = self.quoted()?;
                self.skip_ws();
                if self.peek() == Some('=') {
                    self.bump();
                    self.skip_ws();
                    let value = self.number();
                    if value.is_empty() {
                        return self.fail("expected a number after `=`");
                    }
                    Ok(Node::Assign { name: s, value })
                } else {
                    Ok(Node::Str(s))
                }
            }
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' => Ok(Node::Num(self.number())),
            Some('`' | '"') => {
                let name = self.quoted()?;
                let ty = self.node()?;
                Ok(Node::Named {
                    name,
                    ty: Box::new(ty),
                })
            }
            Some(c) if is_ident_start(c) => {
                let name = self.ident();
                let after_name = self.pos;
                self.skip_ws();
                match self.peek() {
                    Some(c) if is_ident_start(c) || c == '`' || c == '"' => {
                        let ty = self.node()?;
                        return Ok(Node::Named {
                            name,
                            ty: Box::new(ty),
                        });
                    }
                    Some('=') => {
                        self.bump();
                        self.skip_ws();
                        let vstart = self.pos;
                        self.node()?;
                        let value = self.src[vstart..self.pos].trim().to_string();
                        return Ok(Node::Assign { name, value });
                    }
                    _ => {}
                }
                let mut args = Vec::new();
                if self.peek() == Some('(') {
                    self.bump();
                    self.skip_ws();
                    if self.peek() == Some(')') {
                        self.bump();
                    } else {
                        loop {
                            args.push(self.node()?);
                            self.skip_ws();
                            match self.bump() {
                                Some(',') => continue,
                                Some(')') => break,
                                _ => return self.fail("expected `,` or `)`"),
                            }
                        }
                    }
                } else {
                    self.pos = after_name;
                }
                Ok(Node::Type {
                    name,
                    args,
                    text: self.src[start..self.pos].trim().to_string(),
                })
            }
            Some(_) => self.fail("unexpected character"),
        }
    }
}

fn parse_tree(text: &str) -> std::result::Result<Node, String> {
    let mut p = Parser { src: text, pos: 0 };
    let n = p.node()?;
    p.skip_ws();
    if p.pos != text.len() {
        return p.fail("unexpected text after the type");
    }
    Ok(n)
}

/// Parse a ClickHouse type as `system.columns.type` shows it.
///
/// Unknown type names become [`DataType::Other`] with the text verbatim; only malformed text
/// (unbalanced parentheses, bad quotes) is an error.
pub fn parse_type(text: &str) -> Result<ClickhouseType> {
    let tree = parse_tree(text).map_err(|why| parse_error("ClickHouse type", text, why))?;
    let mut facts = BTreeMap::new();
    let (data_type, nullable) =
        map_top(&tree, &mut facts).map_err(|why| parse_error("ClickHouse type", text, why))?;
    Ok(ClickhouseType {
        data_type,
        nullable,
        facts,
    })
}

/// Map the column-level node: wrappers that affect nullability and facts, then the type.
fn map_top(
    node: &Node,
    facts: &mut BTreeMap<String, String>,
) -> std::result::Result<(DataType, bool), String> {
    if let Node::Named { name, .. } = node {
        return Err(format!("unexpected name `{name}` before a type"));
    }
    if let Node::Type { name, args, .. } = node {
        match name.to_ascii_lowercase().as_str() {
            "nullable" => {
                let inner = one_arg(name, args)?;
                let (dt, _) = map_top(inner, facts)?;
                return Ok((dt, true));
            }
            "lowcardinality" => {
                facts.insert("clickhouse.low_cardinality".into(), "true".into());
                return map_top(one_arg(name, args)?, facts);
            }
            "simpleaggregatefunction" => {
                if let [Node::Type { text: f, .. }, ty] = args.as_slice() {
                    facts.insert("clickhouse.aggregate_function".into(), f.clone());
                    return map_top(ty, facts);
                }
                return Err(format!("{name} needs a function and a type"));
            }
            "datetime" | "datetime64" => {
                if let Some(Node::Str(tz)) = args.iter().find(|a| matches!(a, Node::Str(_))) {
                    facts.insert("clickhouse.timezone".into(), tz.clone());
                }
            }
            _ => {}
        }
    }
    Ok((map(node)?, false))
}

fn one_arg<'n>(name: &str, args: &'n [Node]) -> std::result::Result<&'n Node, String> {
    match args {
        [a] => Ok(a),
        _ => Err(format!("{name} takes exactly one type")),
    }
}

fn num_arg(name: &str, args: &[Node], i: usize) -> std::result::Result<Option<u32>, String> {
    match args.get(i) {
        None => Ok(None),
        Some(Node::Num(n)) => n
            .parse::<u32>()
            .map(Some)
            .map_err(|_| format!("{name}: `{n}` is not a small whole number")),
        Some(_) => Err(format!("{name}: argument {} must be a number", i + 1)),
    }
}

/// The type inside a composite (nullability and wrappers dropped).
fn map(node: &Node) -> std::result::Result<DataType, String> {
    let (name, args, text) = match node {
        Node::Type { name, args, text } => (name, args, text),
        Node::Named { name, .. } => return Err(format!("unexpected name `{name}` before a type")),
        other => return Err(format!("expected a type, found {other:?}")),
    };
    let other = || DataType::Other {
        native: text.clone(),
    };
    let lower = name.to_ascii_lowercase();
    let dt = match lower.as_str() {
        "nullable" | "lowcardinality" => map(one_arg(name, args)?)?,
        "simpleaggregatefunction" => match args.as_slice() {
            [_, ty] => map(ty)?,
            _ => return Err(format!("{name} needs a function and a type")),
        },
        "aggregatefunction" | "nothing" | "variant" | "dynamic" | "ipv4" | "ipv6" => other(),
        "bool" | "boolean" => DataType::Boolean,
        "int8" | "tinyint" => DataType::int(8),
        "int16" | "smallint" => DataType::int(16),
        "int32" | "int" | "integer" => DataType::int(32),
        "int64" | "bigint" => DataType::int(64),
        "int128" => DataType::int(128),
        "int256" => DataType::int(256),
        "uint8" => DataType::uint(8),
        "uint16" => DataType::uint(16),
        "uint32" => DataType::uint(32),
        "uint64" => DataType::uint(64),
        "uint128" => DataType::uint(128),
        "uint256" => DataType::uint(256),
        "float32" | "float" | "real" | "bfloat16" => DataType::Float { bits: 32 },
        "float64" | "double" => DataType::Float { bits: 64 },
        "decimal" | "numeric" => {
            let p = num_arg(name, args, 0)?.unwrap_or(10);
            let s = num_arg(name, args, 1)?.unwrap_or(0);
            decimal(name, p, s)?
        }
        "decimal32" | "decimal64" | "decimal128" | "decimal256" => {
            let p = match lower.as_str() {
                "decimal32" => 9,
                "decimal64" => 18,
                "decimal128" => 38,
                _ => 76,
            };
            let s = num_arg(name, args, 0)?.unwrap_or(0);
            decimal(name, p, s)?
        }
        "string" | "text" | "varchar" | "char" | "blob" | "longtext" | "mediumtext" => {
            DataType::Text {
                max_bytes: None,
                max_bytes_per_char: 4,
            }
        }
        "fixedstring" => match num_arg(name, args, 0)? {
            Some(n) => DataType::Binary { length: n },
            None => return Err("FixedString needs a length".into()),
        },
        "uuid" => DataType::Uuid,
        "date" | "date32" => DataType::Date,
        "datetime" | "timestamp" => DataType::Timestamp {
            precision: Some(0),
            time_zone: TimeZoneKind::Local,
        },
        "datetime64" => {
            let p = num_arg(name, args, 0)?.unwrap_or(3);
            DataType::Timestamp {
                precision: Some(u8::try_from(p).map_err(|_| "DateTime64 precision too large")?),
                time_zone: TimeZoneKind::Local,
            }
        }
        "time" => DataType::Time {
            precision: Some(0),
            with_time_zone: false,
        },
        "time64" => {
            let p = num_arg(name, args, 0)?.unwrap_or(3);
            DataType::Time {
                precision: Some(u8::try_from(p).map_err(|_| "Time64 precision too large")?),
                with_time_zone: false,
            }
        }
        "enum" | "enum8" | "enum16" => {
            let mut values = Vec::with_capacity(args.len());
            for a in args {
                match a {
                    Node::Assign { name, .. } | Node::Str(name) => values.push(name.clone()),
                    _ => return Err(format!("{name}: values must be quoted strings")),
                }
            }
            DataType::Enum { values }
        }
        "array" => DataType::Array {
            element: Box::new(map(one_arg(name, args)?)?),
            dimensions: 1,
        },
        "map" => match args.as_slice() {
            [k, v] => DataType::Map {
                key: Box::new(map(k)?),
                value: Box::new(map(v)?),
            },
            _ => return Err("Map takes a key and a value type".into()),
        },
        "tuple" => DataType::Struct {
            fields: fields(args, false)?,
        },
        "nested" => DataType::Array {
            element: Box::new(DataType::Struct {
                fields: fields(args, true)?,
            }),
            dimensions: 1,
        },
        "json" => DataType::Json { binary: false },
        "object" => match args.first() {
            Some(Node::Str(s)) if s.eq_ignore_ascii_case("json") => {
                DataType::Json { binary: false }
            }
            _ => other(),
        },
        "point" | "ring" | "polygon" | "multipolygon" | "linestring" | "multilinestring" => {
            DataType::Spatial { kind: lower }
        }
        _ if lower.starts_with("interval") && args.is_empty() => DataType::Interval {
            fields: Some(name["interval".len()..].to_ascii_uppercase()).filter(|f| !f.is_empty()),
        },
        _ => other(),
    };
    Ok(dt)
}

fn decimal(name: &str, p: u32, s: u32) -> std::result::Result<DataType, String> {
    if p == 0 || s > p {
        return Err(format!("{name}: invalid precision/scale ({p}, {s})"));
    }
    Ok(DataType::decimal(
        p,
        i32::try_from(s).map_err(|_| "scale too large")?,
    ))
}

fn fields(args: &[Node], need_names: bool) -> std::result::Result<Vec<StructField>, String> {
    let mut out = Vec::with_capacity(args.len());
    for (i, a) in args.iter().enumerate() {
        let (name, ty) = match a {
            Node::Named { name, ty } => (name.clone(), ty.as_ref()),
            Node::Type { .. } if !need_names => (format!("_{}", i + 1), a),
            _ => return Err("Nested fields need names".into()),
        };
        out.push(StructField {
            name,
            data_type: map(ty)?,
        });
    }
    Ok(out)
}

/// Parse a column's `DEFAULT` expression (`default_expression` of `system.columns`).
///
/// `NULL` is [`DefaultValue::Null`]; a string or number literal, also wrapped in
/// `CAST(literal, 'Type')` as old servers show it, is [`DefaultValue::Literal`]; anything else
/// (`now()`, `today()`, `a + 1`) is [`DefaultValue::Expression`] verbatim.
pub fn parse_default(expr: &str) -> DefaultValue {
    let e = expr.trim();
    if e.eq_ignore_ascii_case("null") {
        return DefaultValue::Null;
    }
    if let Some(lit) = literal(e) {
        return lit;
    }
    // CAST(x, 'T') and CAST(x AS T) around a literal.
    if e.len() > 5 && e[..5].eq_ignore_ascii_case("cast(") && e.ends_with(')') {
        let inner = &e[5..e.len() - 1];
        if let Some(args) = super::split_args(inner)
            && args.len() == 2
            && let Some(lit) = literal(args[0])
        {
            return lit;
        }
    }
    DefaultValue::Expression(e.to_string())
}

fn literal(e: &str) -> Option<DefaultValue> {
    if is_number(e) {
        return Some(DefaultValue::Literal(e.to_string()));
    }
    if e.eq_ignore_ascii_case("true") || e.eq_ignore_ascii_case("false") {
        return Some(DefaultValue::Literal(e.to_ascii_lowercase()));
    }
    if e.starts_with('\'') {
        let mut p = Parser { src: e, pos: 0 };
        if let Ok(s) = p.quoted()
            && p.pos == e.len()
        {
            return Some(DefaultValue::Literal(s));
        }
    }
    if e.eq_ignore_ascii_case("null") {
        return Some(DefaultValue::Null);
    }
    None
}

/// Split a key expression (`sorting_key`, `primary_key` of `system.tables`, or an `ORDER BY`
/// clause) into its elements: `id, ts` and `(id, ts)` give `["id", "ts"]`; backquoted names are
/// unquoted; expressions such as `toDate(ts)` stay verbatim; `tuple()` and `` give nothing.
pub fn split_key(expr: &str) -> Vec<String> {
    let mut e = expr.trim();
    if e.is_empty() || e.eq_ignore_ascii_case("tuple()") {
        return Vec::new();
    }
    // A whole-expression tuple: `(a, b)`.
    if e.starts_with('(')
        && e.ends_with(')')
        && super::split_args(&e[1..e.len() - 1]).is_some_and(|a| a.len() > 1)
    {
        e = &e[1..e.len() - 1];
    }
    let parts = super::split_args(e).unwrap_or_else(|| vec![e]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| {
            if (p.starts_with('`') || p.starts_with('"')) && p.len() >= 2 {
                let mut parser = Parser { src: p, pos: 0 };
                if let Ok(s) = parser.quoted()
                    && parser.pos == p.len()
                {
                    return s;
                }
            }
            p.to_string()
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn t(text: &str) -> (DataType, bool) {
        let p = parse_type(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        (p.data_type, p.nullable)
    }

    fn text() -> DataType {
        DataType::Text {
            max_bytes: None,
            max_bytes_per_char: 4,
        }
    }

    fn arr(e: DataType) -> DataType {
        DataType::Array {
            element: Box::new(e),
            dimensions: 1,
        }
    }

    fn f(name: &str, dt: DataType) -> StructField {
        StructField {
            name: name.into(),
            data_type: dt,
        }
    }

    #[test]
    fn scalars() {
        assert_eq!(t("UInt8"), (DataType::uint(8), false));
        assert_eq!(t("Int256"), (DataType::int(256), false));
        assert_eq!(t("UInt128"), (DataType::uint(128), false));
        assert_eq!(t("Float32"), (DataType::Float { bits: 32 }, false));
        assert_eq!(t("Float64"), (DataType::Float { bits: 64 }, false));
        assert_eq!(t("Bool"), (DataType::Boolean, false));
        assert_eq!(t("String"), (text(), false));
        assert_eq!(
            t("FixedString(16)"),
            (DataType::Binary { length: 16 }, false)
        );
        assert_eq!(t("UUID"), (DataType::Uuid, false));
        assert_eq!(t("Date"), (DataType::Date, false));
        assert_eq!(t("Date32"), (DataType::Date, false));
        assert_eq!(
            t("IPv4"),
            (
                DataType::Other {
                    native: "IPv4".into()
                },
                false
            )
        );
        assert_eq!(t("JSON"), (DataType::Json { binary: false }, false));
        assert_eq!(
            t("Object('json')"),
            (DataType::Json { binary: false }, false)
        );
        assert_eq!(
            t("JSON(max_dynamic_paths = 10, a.b UInt32, SKIP c)").0,
            DataType::Json { binary: false }
        );
        assert_eq!(
            t("Point").0,
            DataType::Spatial {
                kind: "point".into()
            }
        );
        assert_eq!(
            t("IntervalDay").0,
            DataType::Interval {
                fields: Some("DAY".into())
            }
        );
    }

    #[test]
    fn decimals() {
        assert_eq!(t("Decimal(18, 4)").0, DataType::decimal(18, 4));
        assert_eq!(t("Decimal(76,10)").0, DataType::decimal(76, 10));
        assert_eq!(t("Decimal32(2)").0, DataType::decimal(9, 2));
        assert_eq!(t("Decimal64(4)").0, DataType::decimal(18, 4));
        assert_eq!(t("Decimal128(0)").0, DataType::decimal(38, 0));
        assert_eq!(t("Decimal256(20)").0, DataType::decimal(76, 20));
        assert!(parse_type("Decimal(5, 9)").is_err());
    }

    #[test]
    fn timestamps() {
        let ts = |p| DataType::Timestamp {
            precision: Some(p),
            time_zone: TimeZoneKind::Local,
        };
        assert_eq!(t("DateTime"), (ts(0), false));
        let p = parse_type("DateTime('Europe/Moscow')").unwrap();
        assert_eq!(p.data_type, ts(0));
        assert_eq!(
            p.facts.get("clickhouse.timezone").map(String::as_str),
            Some("Europe/Moscow")
        );
        assert_eq!(t("DateTime64(6)").0, ts(6));
        assert_eq!(t("Nullable(DateTime64(9, 'UTC'))"), (ts(9), true));
    }

    #[test]
    fn nullability_is_not_backwards() {
        assert_eq!(t("Nullable(Int32)"), (DataType::int(32), true));
        assert_eq!(t("Int32"), (DataType::int(32), false));
        assert_eq!(t("LowCardinality(String)"), (text(), false));
        let p = parse_type("LowCardinality(Nullable(String))").unwrap();
        assert_eq!((p.data_type, p.nullable), (text(), true));
        assert_eq!(
            p.facts
                .get("clickhouse.low_cardinality")
                .map(String::as_str),
            Some("true")
        );
        // Nullable elements do not make the column nullable.
        assert_eq!(t("Array(Nullable(String))"), (arr(text()), false));
    }

    #[test]
    fn composites() {
        assert_eq!(
            t("Array(Array(Nullable(Int8)))").0,
            arr(arr(DataType::int(8)))
        );
        assert_eq!(
            t("Map(LowCardinality(String), Array(UInt64))").0,
            DataType::Map {
                key: Box::new(text()),
                value: Box::new(arr(DataType::uint(64))),
            }
        );
        assert_eq!(
            t("Tuple(Int8, String)").0,
            DataType::Struct {
                fields: vec![f("_1", DataType::int(8)), f("_2", text())]
            }
        );
        assert_eq!(
            t("Tuple(a Nullable(String), `b c` Decimal(9, 2))").0,
            DataType::Struct {
                fields: vec![f("a", text()), f("b c", DataType::decimal(9, 2))]
            }
        );
        assert_eq!(
            t("Nested(a UInt32, b String)").0,
            arr(DataType::Struct {
                fields: vec![f("a", DataType::uint(32)), f("b", text())]
            })
        );
        assert_eq!(
            t("  Map( String ,Tuple( x  DateTime64( 3 ,'UTC' ) , y Array( UInt8 ) ) ) ").0,
            DataType::Map {
                key: Box::new(text()),
                value: Box::new(DataType::Struct {
                    fields: vec![
                        f(
                            "x",
                            DataType::Timestamp {
                                precision: Some(3),
                                time_zone: TimeZoneKind::Local
                            }
                        ),
                        f("y", arr(DataType::uint(8))),
                    ]
                }),
            }
        );
    }

    #[test]
    fn enums() {
        assert_eq!(
            t("Enum8('a' = 1, 'b' = 2)").0,
            DataType::Enum {
                values: vec!["a".into(), "b".into()]
            }
        );
        assert_eq!(
            t(r"Enum16('a,b' = -1, 'it\'s' = 2, 'x''y' = 3, '(p)'=4, '' = 5)").0,
            DataType::Enum {
                values: vec![
                    "a,b".into(),
                    "it's".into(),
                    "x'y".into(),
                    "(p)".into(),
                    String::new()
                ]
            }
        );
        assert_eq!(
            t("Nullable(Enum8('x' = 1))"),
            (
                DataType::Enum {
                    values: vec!["x".into()]
                },
                true
            )
        );
    }

    #[test]
    fn aggregate_functions() {
        let p = parse_type("SimpleAggregateFunction(sum, UInt64)").unwrap();
        assert_eq!(p.data_type, DataType::uint(64));
        assert!(!p.nullable);
        assert_eq!(
            p.facts
                .get("clickhouse.aggregate_function")
                .map(String::as_str),
            Some("sum")
        );
        assert_eq!(
            t("SimpleAggregateFunction(anyLast, Nullable(String))"),
            (text(), true)
        );
        assert_eq!(
            t("AggregateFunction(quantiles(0.5, 0.9), UInt64)").0,
            DataType::Other {
                native: "AggregateFunction(quantiles(0.5, 0.9), UInt64)".into()
            }
        );
        assert_eq!(
            t("Array(AggregateFunction(uniq, String))").0,
            arr(DataType::Other {
                native: "AggregateFunction(uniq, String)".into()
            })
        );
    }

    #[test]
    fn unknown_and_malformed() {
        assert_eq!(
            t("Variant(String, UInt64)").0,
            DataType::Other {
                native: "Variant(String, UInt64)".into()
            }
        );
        assert_eq!(
            t("SomethingNew(1)").0,
            DataType::Other {
                native: "SomethingNew(1)".into()
            }
        );
        for bad in [
            "",
            "Array(",
            "Array(Int8))",
            "Enum8('a = 1)",
            "Nullable()",
            "Map(String)",
            "FixedString",
            "Nested(UInt8)",
            "Int8 x y",
        ] {
            assert!(parse_type(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn defaults() {
        assert_eq!(parse_default("0"), DefaultValue::Literal("0".into()));
        assert_eq!(parse_default("-1.5"), DefaultValue::Literal("-1.5".into()));
        assert_eq!(
            parse_default(r"'x\'y'"),
            DefaultValue::Literal("x'y".into())
        );
        assert_eq!(
            parse_default("CAST('abc', 'FixedString(3)')"),
            DefaultValue::Literal("abc".into())
        );
        assert_eq!(parse_default("NULL"), DefaultValue::Null);
        assert_eq!(parse_default("true"), DefaultValue::Literal("true".into()));
        assert_eq!(
            parse_default("now()"),
            DefaultValue::Expression("now()".into())
        );
        assert!(parse_default("now()").is_current_timestamp());
        assert_eq!(
            parse_default("'a' || 'b'"),
            DefaultValue::Expression("'a' || 'b'".into())
        );
    }

    #[test]
    fn keys() {
        assert_eq!(split_key("id, ts"), vec!["id", "ts"]);
        assert_eq!(split_key("(id, ts)"), vec!["id", "ts"]);
        assert_eq!(split_key("id"), vec!["id"]);
        assert_eq!(split_key("(id % 4)"), vec!["(id % 4)"]);
        assert_eq!(
            split_key("`a b`, intHash32(id), `x``y`"),
            vec!["a b", "intHash32(id)", "x`y"]
        );
        assert!(split_key("").is_empty());
        assert!(split_key("tuple()").is_empty());
    }
}
