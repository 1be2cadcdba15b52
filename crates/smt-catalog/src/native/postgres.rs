//! PostgreSQL native types and defaults.
//!
//! The input is the text of `pg_catalog.format_type(atttypid, atttypmod)` (live adapter) or the
//! type as pg_dump writes it in a `CREATE TABLE` (dump reader, which uses the same function), and
//! the text of `pg_get_expr(adbin, adrelid)` for defaults.

use std::collections::BTreeMap;

use smt_ir::{DataType, DefaultValue, TimeZoneKind};

use super::{is_number, normalize_words, parse_error, split_args, unquote_single};
use crate::error::Error;

/// The maximum number of bytes one character takes in a PostgreSQL server encoding
/// (`pg_encoding_max_length`). Case-insensitive; `-` and `_` are ignored (`UTF-8` = `UTF8`);
/// unknown names give 4.
pub fn encoding_max_bytes(encoding: &str) -> u8 {
    let norm: String = encoding
        .trim()
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    match norm.as_str() {
        "UTF8" | "UNICODE" | "EUCTW" | "GB18030" | "MULEINTERNAL" => 4,
        "EUCJP" | "EUCJIS2004" | "EUCCN" | "EUCKR" | "JOHAB" => 3,
        "GBK" | "BIG5" | "UHC" | "SJIS" | "SHIFTJIS2004" | "WIN936" | "WIN949" | "WIN950"
        | "CP936" | "CP949" | "CP950" | "CP932" | "WIN932" => 2,
        "SQLASCII" | "KOI8R" | "KOI8U" | "KOI8" | "ALT" | "WIN" | "ABC" | "TCVN" | "TCVN5712"
        | "VSCII" => 1,
        n if n.starts_with("LATIN")
            || n.starts_with("ISO8859")
            || n.starts_with("WIN")
            || n.starts_with("ISO") =>
        {
            1
        }
        _ => 4,
    }
}

/// What the type parser needs to know about the database besides the type text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgTypeContext {
    /// Bytes per character of the database encoding ([`encoding_max_bytes`]).
    pub max_bytes_per_char: u8,
    /// Enum types: name -> labels in sort order. Register each type under its schema-qualified
    /// name (`public.mood`) and its bare name (`mood`), with identifiers unquoted and in their
    /// stored case (`"MyEnum"` is registered as `MyEnum`).
    pub enums: BTreeMap<String, Vec<String>>,
    /// Domains: name (qualified and bare, as for `enums`) -> the base type's `format_type` text
    /// (a domain over a domain is resolved recursively).
    pub domains: BTreeMap<String, String>,
}

impl Default for PgTypeContext {
    fn default() -> Self {
        PgTypeContext {
            max_bytes_per_char: 4,
            enums: BTreeMap::new(),
            domains: BTreeMap::new(),
        }
    }
}

impl PgTypeContext {
    /// A context for a database with the given encoding and no user types.
    pub fn with_encoding(encoding: &str) -> Self {
        PgTypeContext {
            max_bytes_per_char: encoding_max_bytes(encoding),
            ..PgTypeContext::default()
        }
    }
}

/// A parsed PostgreSQL column type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgType {
    /// The neutral type (of the domain's base type, for a domain).
    pub data_type: DataType,
    /// The domain name as found in the context, when the type was a domain (or an array of one).
    pub domain: Option<String>,
}

/// Maximum nesting of domains over domains.
const MAX_DOMAIN_DEPTH: usize = 16;

/// Parse the text of `format_type(atttypid, atttypmod)` (or a type as pg_dump writes it).
///
/// - Arrays: any number of trailing `[]` (or `[n]`, or the `ARRAY` keyword) give
///   [`DataType::Array`] with that many dimensions (`format_type` always writes one `[]`).
/// - Names may be schema-qualified and quoted (`public.mood`, `"MyEnum"`,
///   `"My Schema"."Mood"`); user enums and domains are looked up in `ctx` first (qualified
///   name, then bare name), then built-in types by their bare name (so pg_dump's
///   `public.citext` or `public.geometry(Point,4326)` of an extension resolve too).
/// - `character varying(n)`/`character(n)`/`text` use `ctx.max_bytes_per_char`; `name` is
///   `varchar(63)` of 1-byte characters (63 bytes).
/// - `numeric` without modifiers is an unbounded decimal (`precision: None`), `numeric(p)` has
///   scale 0.
/// - `money` is `Decimal(19,2)`: a 64-bit integer of cents, i.e. at most 17 integer digits and
///   2 fraction digits (the fraction digits follow `lc_monetary`, 2 in nearly every locale).
/// - `serial`/`bigserial`/`smallserial` (only in hand-written DDL; pg_dump writes the integer
///   type plus a `nextval` default) give the integer type; the caller marks auto increment.
/// - `bytea` is an unbounded [`DataType::Varbinary`]; `oid` an unsigned 32-bit integer; the
///   geometric types and PostGIS `geometry`/`geography` are [`DataType::Spatial`]; `inet`,
///   `cidr`, `macaddr`, `tsvector`, `hstore`, ranges and anything unknown are
///   [`DataType::Other`] with the text as written.
///
/// Malformed text (unbalanced quotes or parentheses, non-numeric modifiers) is an error of kind
/// [`crate::ErrorKind::Parse`].
pub fn parse_format_type(format_type: &str, ctx: &PgTypeContext) -> Result<PgType, Error> {
    parse_depth(format_type, ctx, 0)
}

fn parse_depth(format_type: &str, ctx: &PgTypeContext, depth: usize) -> Result<PgType, Error> {
    let text = format_type.trim();
    if text.is_empty() {
        return Err(parse_error("PostgreSQL type", format_type, "empty"));
    }
    let (base, dims) = strip_array(text)?;
    let mut parsed = parse_scalar(base, ctx, depth)?;
    if dims > 0 {
        parsed.data_type = match parsed.data_type {
            // An array domain's base type is itself an array: add dimensions.
            DataType::Array {
                element,
                dimensions,
            } => DataType::Array {
                element,
                dimensions: dimensions + dims,
            },
            other => DataType::Array {
                element: Box::new(other),
                dimensions: dims,
            },
        };
    }
    Ok(parsed)
}

/// Split trailing `[]`, `[n]` and ` ARRAY[n]` off, counting dimensions.
fn strip_array(text: &str) -> Result<(&str, u32), Error> {
    let mut base = text.trim_end();
    let mut dims = 0u32;
    loop {
        if let Some(rest) = base.strip_suffix(']') {
            let open = rest
                .rfind('[')
                .ok_or_else(|| parse_error("PostgreSQL type", text, "unbalanced brackets"))?;
            let inside = rest[open + 1..].trim();
            if !inside.is_empty() && !inside.bytes().all(|b| b.is_ascii_digit()) {
                return Err(parse_error("PostgreSQL type", text, "bad array bound"));
            }
            base = rest[..open].trim_end();
            if let Some(b) = strip_suffix_ci(base, " array") {
                base = b.trim_end();
            }
            dims += 1;
        } else if let Some(b) = strip_suffix_ci(base, " array") {
            base = b.trim_end();
            dims += 1;
        } else {
            break;
        }
    }
    Ok((base, dims))
}

/// `s` without an ASCII `suffix`, compared case-insensitively.
fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    if tail.eq_ignore_ascii_case(suffix) {
        s.get(..cut)
    } else {
        None
    }
}

/// A type name split into identifiers plus the modifier text and trailing words.
struct Name {
    /// Identifiers of the (possibly qualified) name, unquoted; unquoted ones lower-cased.
    parts: Vec<String>,
    /// Whether the last identifier was quoted.
    quoted: bool,
    /// The words of a multi-word built-in name (`double precision`), lower-cased.
    words: String,
    /// The inside of the first parenthesised modifier list.
    modifiers: Option<String>,
    /// Words after the modifiers (`with time zone`, `day to second(3)`), lower-cased.
    tail: String,
}

fn split_name(text: &str) -> Result<Name, Error> {
    let bytes = text.as_bytes();
    let mut parts = Vec::new();
    let mut quoted;
    let mut i = 0;
    // Qualified identifier(s).
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'"' {
            let mut ident = String::new();
            i += 1;
            loop {
                if i >= bytes.len() {
                    return Err(parse_error("PostgreSQL type", text, "unterminated quote"));
                }
                if bytes[i] == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        ident.push('"');
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                let ch = text[i..]
                    .chars()
                    .next()
                    .ok_or_else(|| parse_error("PostgreSQL type", text, "bad text"))?;
                ident.push(ch);
                i += ch.len_utf8();
            }
            parts.push(ident);
            quoted = true;
        } else {
            let start = i;
            while i < bytes.len() && !matches!(bytes[i], b'.' | b'(' | b'"') {
                i += 1;
            }
            let word = text[start..i].trim();
            if word.is_empty() {
                return Err(parse_error("PostgreSQL type", text, "no type name"));
            }
            parts.push(word.to_lowercase());
            quoted = false;
        }
        if i < bytes.len() && bytes[i] == b'.' {
            i += 1;
            continue;
        }
        break;
    }
    let mut modifiers = None;
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    if i < bytes.len() && bytes[i] == b'(' {
        let close = matching_paren(text, i)?;
        modifiers = Some(text[i + 1..close].to_string());
        i = close + 1;
    }
    let tail = normalize_words(&text[i..]);
    let words = normalize_words(parts.last().map(String::as_str).unwrap_or(""));
    Ok(Name {
        parts,
        quoted,
        words,
        modifiers,
        tail,
    })
}

fn matching_paren(text: &str, open: usize) -> Result<usize, Error> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == q {
                quote = None;
            }
        } else {
            match b {
                b'\'' | b'"' => quote = Some(b),
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(i);
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    Err(parse_error(
        "PostgreSQL type",
        text,
        "unbalanced parentheses",
    ))
}

fn parse_scalar(text: &str, ctx: &PgTypeContext, depth: usize) -> Result<PgType, Error> {
    let name = split_name(text)?;
    // User types first: qualified, then bare.
    let qualified = name.parts.join(".");
    let bare = name.parts.last().cloned().unwrap_or_default();
    for key in [&qualified, &bare] {
        if let Some(labels) = ctx.enums.get(key.as_str()) {
            return Ok(PgType {
                data_type: DataType::Enum {
                    values: labels.clone(),
                },
                domain: None,
            });
        }
        if let Some(base) = ctx.domains.get(key.as_str()) {
            if depth >= MAX_DOMAIN_DEPTH {
                return Err(parse_error(
                    "PostgreSQL type",
                    text,
                    "domains nest too deeply (a cycle?)",
                ));
            }
            let inner = parse_depth(base, ctx, depth + 1)?;
            return Ok(PgType {
                data_type: inner.data_type,
                domain: Some(key.clone()),
            });
        }
    }
    let data_type = if name.quoted {
        // A quoted name is a user type we don't know, except the one-byte `"char"`.
        if bare == "char" && name.parts.len() == 1 {
            DataType::Char {
                length: 1,
                max_bytes_per_char: 1,
            }
        } else {
            DataType::Other {
                native: text.to_string(),
            }
        }
    } else {
        builtin(text, &name, ctx)?
    };
    Ok(PgType {
        data_type,
        domain: None,
    })
}

fn builtin(text: &str, name: &Name, ctx: &PgTypeContext) -> Result<DataType, Error> {
    let args: Vec<String> = match &name.modifiers {
        Some(m) => split_args(m)
            .ok_or_else(|| parse_error("PostgreSQL type", text, "bad modifiers"))?
            .into_iter()
            .map(str::to_string)
            .collect(),
        None => Vec::new(),
    };
    let num_arg = |n: usize| -> Result<Option<u32>, Error> {
        match args.get(n) {
            None => Ok(None),
            Some(a) => a.trim().parse::<u32>().map(Some).map_err(|_| {
                parse_error("PostgreSQL type", text, format!("`{a}` is not a number"))
            }),
        }
    };
    let precision_u8 = |n: Option<u32>| -> Result<Option<u8>, Error> {
        n.map(|p| {
            u8::try_from(p)
                .map_err(|_| parse_error("PostgreSQL type", text, "precision out of range"))
        })
        .transpose()
    };
    let mbpc = ctx.max_bytes_per_char;
    let tail = name.tail.as_str();
    let with_tz = match tail {
        "" | "without time zone" => false,
        "with time zone" => true,
        _ => {
            if matches!(name.words.as_str(), "time" | "timestamp") {
                return Err(parse_error(
                    "PostgreSQL type",
                    text,
                    format!("unexpected `{tail}`"),
                ));
            }
            false
        }
    };
    // Multi-word names arrive as words + tail when there are no modifiers
    // (`double precision`), or as words (`character varying(20)`).
    let full = if name.modifiers.is_none() && !tail.is_empty() {
        format!("{} {}", name.words, tail)
    } else {
        name.words.clone()
    };
    let dt = match full.as_str() {
        "smallint" | "int2" | "smallserial" | "serial2" => DataType::int(16),
        "integer" | "int" | "int4" | "serial" | "serial4" => DataType::int(32),
        "bigint" | "int8" | "bigserial" | "serial8" => DataType::int(64),
        "numeric" | "decimal" => match (num_arg(0)?, args.get(1)) {
            (None, _) => DataType::Decimal {
                precision: None,
                scale: None,
            },
            (Some(p), None) => DataType::decimal(p, 0),
            (Some(p), Some(s)) => {
                let s: i32 = s.trim().parse().map_err(|_| {
                    parse_error("PostgreSQL type", text, format!("`{s}` is not a number"))
                })?;
                DataType::decimal(p, s)
            }
        },
        "real" | "float4" => DataType::Float { bits: 32 },
        "double precision" | "float8" => DataType::Float { bits: 64 },
        "float" => match num_arg(0)? {
            Some(p) if p <= 24 => DataType::Float { bits: 32 },
            _ => DataType::Float { bits: 64 },
        },
        "money" => DataType::decimal(19, 2),
        "boolean" | "bool" => DataType::Boolean,
        "character varying" | "varchar" | "char varying" => DataType::Varchar {
            length: num_arg(0)?,
            max_bytes_per_char: mbpc,
        },
        "character" | "char" => DataType::Char {
            length: num_arg(0)?.unwrap_or(1),
            max_bytes_per_char: mbpc,
        },
        "bpchar" => match num_arg(0)? {
            Some(length) => DataType::Char {
                length,
                max_bytes_per_char: mbpc,
            },
            None => DataType::Varchar {
                length: None,
                max_bytes_per_char: mbpc,
            },
        },
        "text" | "citext" => DataType::Text {
            max_bytes: None,
            max_bytes_per_char: mbpc,
        },
        "name" => DataType::Varchar {
            length: Some(63),
            max_bytes_per_char: 1,
        },
        "bytea" => DataType::Varbinary { length: None },
        "date" => DataType::Date,
        "time" | "time without time zone" | "time with time zone" | "timetz" => DataType::Time {
            precision: precision_u8(num_arg(0)?)?,
            with_time_zone: with_tz || full == "timetz" || full == "time with time zone",
        },
        "timestamp"
        | "timestamp without time zone"
        | "timestamp with time zone"
        | "timestamptz" => DataType::Timestamp {
            precision: precision_u8(num_arg(0)?)?,
            time_zone: if with_tz || full == "timestamptz" || full == "timestamp with time zone" {
                TimeZoneKind::Local
            } else {
                TimeZoneKind::None
            },
        },
        "json" => DataType::Json { binary: false },
        "jsonb" => DataType::Json { binary: true },
        "uuid" => DataType::Uuid,
        "xml" => DataType::Xml,
        "oid" => DataType::uint(32),
        "bit" => DataType::Bit {
            length: num_arg(0)?.unwrap_or(1),
            varying: false,
        },
        "bit varying" | "varbit" => match num_arg(0)? {
            Some(length) => DataType::Bit {
                length,
                varying: true,
            },
            None => DataType::Other {
                native: text.to_string(),
            },
        },
        "point" | "line" | "lseg" | "box" | "path" | "polygon" | "circle" | "geometry"
        | "geography" => DataType::Spatial { kind: full.clone() },
        w if w == "interval" || w.starts_with("interval ") => {
            let fields = w
                .strip_prefix("interval")
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(|f| {
                    // `day to second(3)`: drop the precision.
                    let f = f.split('(').next().unwrap_or(f).trim();
                    f.to_ascii_uppercase()
                });
            DataType::Interval { fields }
        }
        _ => {
            // `interval day to second(3)`: the modifier belongs to the fields.
            if name.words == "interval" {
                let fields = if tail.is_empty() {
                    None
                } else {
                    Some(tail.to_ascii_uppercase())
                };
                DataType::Interval { fields }
            } else if name.words.starts_with("interval ") {
                DataType::Interval {
                    fields: Some(
                        name.words
                            .trim_start_matches("interval ")
                            .to_ascii_uppercase(),
                    ),
                }
            } else {
                DataType::Other {
                    native: text.to_string(),
                }
            }
        }
    };
    Ok(dt)
}

/// Normalise a PostgreSQL column default (`pg_get_expr(adbin, adrelid)`, which is also what
/// pg_dump writes after `DEFAULT`) into a [`DefaultValue`].
///
/// - `'abc'::character varying`, `'{}'::integer[]`, `E'a\nb'`, `'2020-01-01'::date`: the string,
///   unquoted and unescaped, as [`DefaultValue::Literal`] (all top-level casts are removed).
/// - Numbers (`0`, `-1.5`, `'-1'::integer`, `(-1)`) and `true`/`false`: literal.
/// - `NULL` (with or without a cast): [`DefaultValue::Null`].
/// - `nextval('seq'::regclass)`: `None`; a sequence is not a default to copy (the caller sets
///   `auto_increment`).
/// - Anything else (`now()`, `CURRENT_TIMESTAMP`, `gen_random_uuid()`, `('now'::text)::date`):
///   [`DefaultValue::Expression`] with the text as given.
pub fn parse_default(expr: &str) -> Option<DefaultValue> {
    let t = expr.trim();
    if t.is_empty() {
        return None;
    }
    if t.to_ascii_lowercase().starts_with("nextval(") {
        return None;
    }
    let core = strip_casts(t);
    let core = strip_parens(core);
    if core.eq_ignore_ascii_case("null") {
        return Some(DefaultValue::Null);
    }
    if let Some(s) = unquote_pg_string(core) {
        return Some(DefaultValue::Literal(s));
    }
    if is_number(core) {
        return Some(DefaultValue::Literal(core.to_string()));
    }
    let lower = core.to_ascii_lowercase();
    if lower == "true" || lower == "false" {
        return Some(DefaultValue::Literal(lower));
    }
    Some(DefaultValue::Expression(t.to_string()))
}

/// Remove every top-level `::type` cast at the end (`'a'::character varying::text` -> `'a'`).
fn strip_casts(t: &str) -> &str {
    let bytes = t.as_bytes();
    let mut depth = 0i32;
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == q {
                if bytes.get(i + 1) == Some(&q) {
                    i += 2;
                    continue;
                }
                quote = None;
            } else if b == b'\\' && q == b'\'' {
                // Only E'' strings honour backslashes; skipping the next byte is harmless for
                // finding the closing quote because `\'` is only valid there.
                if i > 0 && is_escape_string(t, i) {
                    i += 2;
                    continue;
                }
            }
        } else {
            match b {
                b'\'' | b'"' => quote = Some(b),
                b'(' => depth += 1,
                b')' => depth -= 1,
                b':' if depth == 0 && bytes.get(i + 1) == Some(&b':') => {
                    return t[..i].trim_end();
                }
                _ => {}
            }
        }
        i += 1;
    }
    t
}

/// Whether the quoted string containing position `i` is an `E'...'` string.
fn is_escape_string(t: &str, i: usize) -> bool {
    let before = &t[..i];
    match before.find('\'') {
        Some(q) if q > 0 => matches!(t.as_bytes()[q - 1], b'E' | b'e'),
        _ => false,
    }
}

/// Remove enclosing parentheses (`(-1)` -> `-1`), repeatedly.
fn strip_parens(mut t: &str) -> &str {
    while let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        if matching_paren(t, 0).ok() != Some(t.len() - 1) {
            break;
        }
        t = inner.trim();
    }
    t
}

/// `'a''b'` or `E'a\'b'` -> the string value.
fn unquote_pg_string(t: &str) -> Option<String> {
    if let Some(rest) = t.strip_prefix(['E', 'e'])
        && rest.starts_with('\'')
    {
        return unquote_single(rest, true);
    }
    unquote_single(t, false)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn ctx() -> PgTypeContext {
        let mut c = PgTypeContext::with_encoding("UTF8");
        let mood = vec!["sad".to_string(), "ok".into(), "happy".into()];
        c.enums.insert("public.mood".into(), mood.clone());
        c.enums.insert("mood".into(), mood);
        let my = vec!["A".to_string(), "B b".into()];
        c.enums.insert("public.MyEnum".into(), my.clone());
        c.enums.insert("MyEnum".into(), my);
        c.enums.insert("My Schema.Ünïcode".into(), vec!["x".into()]);
        c.domains
            .insert("public.email".into(), "character varying(320)".into());
        c.domains
            .insert("email".into(), "character varying(320)".into());
        c.domains.insert("public.pos_int".into(), "integer".into());
        c.domains.insert("pos_int".into(), "integer".into());
        c.domains.insert("tiny_pos".into(), "pos_int".into());
        c.domains.insert("int_list".into(), "integer[]".into());
        c.domains.insert("loop_a".into(), "loop_b".into());
        c.domains.insert("loop_b".into(), "loop_a".into());
        c
    }

    fn t(s: &str) -> DataType {
        parse_format_type(s, &ctx())
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .data_type
    }

    fn arr(e: DataType, d: u32) -> DataType {
        DataType::Array {
            element: Box::new(e),
            dimensions: d,
        }
    }

    fn other(s: &str) -> DataType {
        DataType::Other { native: s.into() }
    }

    fn ts(p: Option<u8>, z: TimeZoneKind) -> DataType {
        DataType::Timestamp {
            precision: p,
            time_zone: z,
        }
    }

    fn tm(p: Option<u8>, tz: bool) -> DataType {
        DataType::Time {
            precision: p,
            with_time_zone: tz,
        }
    }

    fn text() -> DataType {
        DataType::Text {
            max_bytes: None,
            max_bytes_per_char: 4,
        }
    }

    #[test]
    fn types_table() {
        let mood = DataType::Enum {
            values: vec!["sad".into(), "ok".into(), "happy".into()],
        };
        let cases: Vec<(&str, DataType)> = vec![
            ("integer", DataType::int(32)),
            ("int4", DataType::int(32)),
            ("smallint", DataType::int(16)),
            ("bigint", DataType::int(64)),
            ("serial", DataType::int(32)),
            ("bigserial", DataType::int(64)),
            (
                "numeric",
                DataType::Decimal {
                    precision: None,
                    scale: None,
                },
            ),
            ("numeric(10,2)", DataType::decimal(10, 2)),
            ("numeric(10)", DataType::decimal(10, 0)),
            ("real", DataType::Float { bits: 32 }),
            ("double precision", DataType::Float { bits: 64 }),
            ("float", DataType::Float { bits: 64 }),
            ("boolean", DataType::Boolean),
            ("character varying(20)", DataType::varchar(20, 4)),
            (
                "character varying",
                DataType::Varchar {
                    length: None,
                    max_bytes_per_char: 4,
                },
            ),
            (
                "character(5)",
                DataType::Char {
                    length: 5,
                    max_bytes_per_char: 4,
                },
            ),
            (
                "\"char\"",
                DataType::Char {
                    length: 1,
                    max_bytes_per_char: 1,
                },
            ),
            ("text", text()),
            ("citext", text()),
            ("public.citext", text()),
            (
                "name",
                DataType::Varchar {
                    length: Some(63),
                    max_bytes_per_char: 1,
                },
            ),
            ("bytea", DataType::Varbinary { length: None }),
            ("date", DataType::Date),
            ("time without time zone", tm(None, false)),
            ("time(3) with time zone", tm(Some(3), true)),
            ("time(6) without time zone", tm(Some(6), false)),
            (
                "timestamp(6) without time zone",
                ts(Some(6), TimeZoneKind::None),
            ),
            ("timestamp without time zone", ts(None, TimeZoneKind::None)),
            ("timestamp with time zone", ts(None, TimeZoneKind::Local)),
            (
                "timestamp(3) with time zone",
                ts(Some(3), TimeZoneKind::Local),
            ),
            ("timestamptz", ts(None, TimeZoneKind::Local)),
            ("timestamp", ts(None, TimeZoneKind::None)),
            ("interval", DataType::Interval { fields: None }),
            (
                "interval day to second(3)",
                DataType::Interval {
                    fields: Some("DAY TO SECOND".into()),
                },
            ),
            (
                "interval year to month",
                DataType::Interval {
                    fields: Some("YEAR TO MONTH".into()),
                },
            ),
            ("interval(3)", DataType::Interval { fields: None }),
            ("json", DataType::Json { binary: false }),
            ("jsonb", DataType::Json { binary: true }),
            ("uuid", DataType::Uuid),
            ("inet", other("inet")),
            ("cidr", other("cidr")),
            ("macaddr", other("macaddr")),
            ("money", DataType::decimal(19, 2)),
            (
                "bit(3)",
                DataType::Bit {
                    length: 3,
                    varying: false,
                },
            ),
            (
                "bit varying(8)",
                DataType::Bit {
                    length: 8,
                    varying: true,
                },
            ),
            ("bit varying", other("bit varying")),
            ("xml", DataType::Xml),
            ("integer[]", arr(DataType::int(32), 1)),
            ("text[][]", arr(text(), 2)),
            ("integer[3]", arr(DataType::int(32), 1)),
            ("integer ARRAY", arr(DataType::int(32), 1)),
            ("integer ARRAY[4]", arr(DataType::int(32), 1)),
            ("my_array[]", arr(other("my_array"), 1)),
            ("character varying(10)[]", arr(DataType::varchar(10, 4), 1)),
            (
                "timestamp(3) without time zone[]",
                arr(ts(Some(3), TimeZoneKind::None), 1),
            ),
            (
                "\"MyEnum\"",
                DataType::Enum {
                    values: vec!["A".into(), "B b".into()],
                },
            ),
            (
                "public.\"MyEnum\"[]",
                arr(
                    DataType::Enum {
                        values: vec!["A".into(), "B b".into()],
                    },
                    1,
                ),
            ),
            (
                "\"My Schema\".\"Ünïcode\"",
                DataType::Enum {
                    values: vec!["x".into()],
                },
            ),
            ("public.mood", mood.clone()),
            ("mood", mood.clone()),
            ("MOOD", mood),
            ("\"Unknown\"", other("\"Unknown\"")),
            ("tsvector", other("tsvector")),
            ("hstore", other("hstore")),
            ("public.hstore", other("public.hstore")),
            ("int4range", other("int4range")),
            (
                "point",
                DataType::Spatial {
                    kind: "point".into(),
                },
            ),
            (
                "polygon",
                DataType::Spatial {
                    kind: "polygon".into(),
                },
            ),
            (
                "geometry",
                DataType::Spatial {
                    kind: "geometry".into(),
                },
            ),
            (
                "public.geometry(Point,4326)",
                DataType::Spatial {
                    kind: "geometry".into(),
                },
            ),
            ("oid", DataType::uint(32)),
            ("public.email", DataType::varchar(320, 4)),
            ("tiny_pos", DataType::int(32)),
            ("int_list", arr(DataType::int(32), 1)),
            ("int_list[]", arr(DataType::int(32), 2)),
        ];
        for (input, want) in cases {
            assert_eq!(t(input), want, "{input}");
        }
    }

    #[test]
    fn domains_are_reported() {
        let c = ctx();
        let p = parse_format_type("email", &c).unwrap();
        assert_eq!(p.domain.as_deref(), Some("email"));
        assert_eq!(p.data_type, DataType::varchar(320, 4));
        let q = parse_format_type("public.email", &c).unwrap();
        assert_eq!(q.domain.as_deref(), Some("public.email"));
        assert_eq!(parse_format_type("text", &c).unwrap().domain, None);
        let latin = PgTypeContext::with_encoding("LATIN1");
        assert_eq!(
            parse_format_type("character varying(3)", &latin)
                .unwrap()
                .data_type,
            DataType::varchar(3, 1)
        );
    }

    #[test]
    fn errors() {
        let c = ctx();
        for bad in [
            "",
            "numeric(10,x)",
            "character varying(abc)",
            "\"unterminated",
            "numeric(10",
            "integer[x]",
            "integer]",
            "timestamp(3) with something",
            "loop_a",
            "time(999)",
        ] {
            let err = parse_format_type(bad, &c).expect_err(bad);
            assert_eq!(err.kind(), crate::ErrorKind::Parse, "{bad}");
        }
    }

    #[test]
    fn encodings() {
        for (e, n) in [
            ("UTF8", 4),
            ("utf-8", 4),
            ("SQL_ASCII", 1),
            ("LATIN1", 1),
            ("LATIN9", 1),
            ("WIN1252", 1),
            ("ISO_8859_5", 1),
            ("KOI8R", 1),
            ("EUC_JP", 3),
            ("EUC_CN", 3),
            ("EUC_KR", 3),
            ("EUC_TW", 4),
            ("GBK", 2),
            ("BIG5", 2),
            ("UHC", 2),
            ("SJIS", 2),
            ("GB18030", 4),
            ("MULE_INTERNAL", 4),
            ("whatever", 4),
        ] {
            assert_eq!(encoding_max_bytes(e), n, "{e}");
        }
    }

    #[test]
    fn defaults() {
        let lit = |s: &str| Some(DefaultValue::Literal(s.into()));
        let expr = |s: &str| Some(DefaultValue::Expression(s.into()));
        let cases: Vec<(&str, Option<DefaultValue>)> = vec![
            ("'abc'::character varying", lit("abc")),
            ("'it''s'::text", lit("it's")),
            ("E'a\\nb'::text", lit("a\nb")),
            ("'a::b'::text", lit("a::b")),
            ("''::text", lit("")),
            ("0", lit("0")),
            ("1.5", lit("1.5")),
            ("'-1'::integer", lit("-1")),
            ("(-1)", lit("-1")),
            ("'{}'::integer[]", lit("{}")),
            (
                "'2020-01-01 00:00:00'::timestamp without time zone",
                lit("2020-01-01 00:00:00"),
            ),
            ("true", lit("true")),
            ("FALSE", lit("false")),
            ("NULL::text", Some(DefaultValue::Null)),
            ("NULL", Some(DefaultValue::Null)),
            ("now()", expr("now()")),
            ("CURRENT_TIMESTAMP", expr("CURRENT_TIMESTAMP")),
            ("gen_random_uuid()", expr("gen_random_uuid()")),
            ("('now'::text)::date", expr("('now'::text)::date")),
            ("(1 + 2)", expr("(1 + 2)")),
            ("nextval('s'::regclass)", None),
            ("nextval('public.\"Orders_id_seq\"'::regclass)", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_default(input), want, "{input}");
        }
        assert!(parse_default("now()").is_some_and(|d| d.is_current_timestamp()));
    }
}
