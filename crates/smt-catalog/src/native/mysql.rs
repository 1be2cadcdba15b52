//! MySQL / MariaDB / TiDB native types and defaults.
//!
//! The input is the text of `information_schema.COLUMNS.COLUMN_TYPE` (live adapters) or the type
//! as written in a `CREATE TABLE` (dump reader); both give the same [`DataType`].

use smt_ir::{DataType, DefaultValue, TimeZoneKind};

use super::{is_number, normalize_words, parse_error, split_args, unquote_single};
use crate::error::Error;

/// The character set assumed when none is known (MySQL 8's default).
pub const DEFAULT_CHARSET: &str = "utf8mb4";

/// The maximum number of bytes one character takes in a MySQL character set (`MAXLEN` of
/// `information_schema.CHARACTER_SETS`). Case-insensitive; unknown names give 4 (the safe upper
/// bound).
pub fn charset_max_bytes(charset: &str) -> u8 {
    match charset.trim().to_ascii_lowercase().as_str() {
        "utf8mb4" | "utf16" | "utf16le" | "utf32" | "gb18030" => 4,
        "utf8" | "utf8mb3" | "ujis" | "eucjpms" => 3,
        "ucs2" | "gbk" | "gb2312" | "big5" | "sjis" | "cp932" | "euckr" => 2,
        "latin1" | "latin2" | "latin5" | "latin7" | "ascii" | "binary" | "armscii8" | "cp1250"
        | "cp1251" | "cp1256" | "cp1257" | "cp850" | "cp852" | "cp866" | "dec8" | "geostd8"
        | "greek" | "hebrew" | "hp8" | "keybcs2" | "koi8r" | "koi8u" | "macce" | "macroman"
        | "swe7" | "tis620" => 1,
        _ => 4,
    }
}

/// The character set a collation belongs to: the part before the first `_`
/// (`utf8mb4_0900_ai_ci` gives `utf8mb4`, `binary` gives `binary`). `None` for an empty name.
pub fn charset_of_collation(collation: &str) -> Option<&str> {
    let c = collation.trim();
    let cs = match c.find('_') {
        Some(i) => &c[..i],
        None => c,
    };
    if cs.is_empty() { None } else { Some(cs) }
}

/// A parsed MySQL column type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MySqlType {
    /// The neutral type.
    pub data_type: DataType,
    /// `ZEROFILL` was declared (display only; the values are unchanged).
    pub zerofill: bool,
    /// The type was the `SERIAL` alias, which also means `NOT NULL AUTO_INCREMENT UNIQUE`
    /// (only seen in hand-written DDL; servers report `bigint unsigned`).
    pub serial: bool,
    /// A character set named inside the type text itself (`varchar(10) character set latin1`,
    /// `national varchar` = `utf8mb3`, `ascii` = `latin1`, `unicode` = `ucs2`), lower-case. It
    /// overrides the `charset` argument and the caller should report it as the column's charset.
    pub charset: Option<String>,
    /// A collation named inside the type text itself (`collate utf8mb4_bin`), lower-case.
    pub collation: Option<String>,
}

/// One token of a type text.
enum Tok<'a> {
    /// A bare word, lower-cased.
    Word(String),
    /// A quoted word (`'utf8mb4'`, `` `x` ``), unquoted.
    Quoted(String),
    /// The inside of a parenthesised list, verbatim.
    Paren(&'a str),
}

fn tokenize(text: &str) -> Result<Vec<Tok<'_>>, Error> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() || b == b',' {
            i += 1;
        } else if b == b'(' {
            let start = i + 1;
            let mut depth = 1usize;
            i += 1;
            while i < bytes.len() && depth > 0 {
                match bytes[i] {
                    q @ (b'\'' | b'"' | b'`') => {
                        i += 1;
                        loop {
                            if i >= bytes.len() {
                                return Err(parse_error(
                                    "MySQL column type",
                                    text,
                                    "unterminated quote",
                                ));
                            }
                            if bytes[i] == b'\\' && q != b'`' {
                                i += 2;
                                continue;
                            }
                            if bytes[i] == q {
                                if bytes.get(i + 1) == Some(&q) {
                                    i += 2;
                                    continue;
                                }
                                break;
                            }
                            i += 1;
                        }
                    }
                    b'(' => depth += 1,
                    b')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth != 0 {
                return Err(parse_error(
                    "MySQL column type",
                    text,
                    "unbalanced parentheses",
                ));
            }
            out.push(Tok::Paren(&text[start..i - 1]));
        } else if b == b'\'' || b == b'"' || b == b'`' {
            let start = i + 1;
            i += 1;
            while i < bytes.len() && bytes[i] != b {
                i += 1;
            }
            if i >= bytes.len() {
                return Err(parse_error("MySQL column type", text, "unterminated quote"));
            }
            out.push(Tok::Quoted(text[start..i].to_ascii_lowercase()));
            i += 1;
        } else if b == b')' {
            return Err(parse_error(
                "MySQL column type",
                text,
                "unbalanced parentheses",
            ));
        } else {
            let start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'(' | b')' | b',' | b'\'' | b'"' | b'`')
            {
                i += 1;
            }
            out.push(Tok::Word(text[start..i].to_ascii_lowercase()));
        }
    }
    Ok(out)
}

/// Two-word (and three-word) type names: the first word and the words that may follow it.
fn compound(name: &str, next: &str) -> bool {
    matches!(
        (name, next),
        ("double", "precision")
            | ("national", "char" | "character" | "varchar" | "nchar")
            | ("national char" | "national character", "varying")
            | ("character" | "char" | "nchar", "varying")
            | ("nchar", "varchar")
            | ("long", "varchar" | "varbinary" | "varcharacter")
            | ("long char" | "long character", "varying")
    ) || (name == "long" && matches!(next, "char" | "character"))
}

fn num<T: std::str::FromStr>(arg: &str, text: &str) -> Result<T, Error> {
    arg.trim().parse::<T>().map_err(|_| {
        parse_error(
            "MySQL column type",
            text,
            format!("`{arg}` is not a number"),
        )
    })
}

/// Parse a MySQL column type text (`information_schema.COLUMNS.COLUMN_TYPE`, or the type part of
/// a column definition), in any case.
///
/// `charset` is the column's character set (`CHARACTER_SET_NAME`), used for the bytes per
/// character of character types; `None` means [`DEFAULT_CHARSET`]. A charset written in the type
/// text itself wins (see [`MySqlType::charset`]).
///
/// Aliases resolve as MySQL resolves them: `bool`/`boolean` is `tinyint(1)`, `serial` is
/// `bigint unsigned` (with [`MySqlType::serial`]), `real` is `double` (unless the server runs with
/// `REAL_AS_FLOAT`, which servers then report as `float`), `integer` is `int`, `dec`/`numeric`/
/// `fixed` are `decimal`, `long varchar` is `mediumtext`, `long varbinary` is `mediumblob`.
/// Integers keep their display width (`tinyint(1)` gives `display_width: Some(1)`); `datetime` is a
/// timestamp without zone and `timestamp` one in the session zone ([`TimeZoneKind::Local`]).
/// Text and blob types carry their byte limits (255, 65535, 16777215, 4294967295).
///
/// Unknown type names give [`DataType::Other`] with the text as written; malformed text (bad
/// parentheses, non-numeric lengths, badly quoted enum values) is an error of kind
/// [`crate::ErrorKind::Parse`].
pub fn parse_column_type(column_type: &str, charset: Option<&str>) -> Result<MySqlType, Error> {
    let text = column_type.trim();
    let toks = tokenize(text)?;
    let mut it = toks.into_iter().peekable();
    let mut name = match it.next() {
        Some(Tok::Word(w)) => w,
        _ => {
            return Err(parse_error(
                "MySQL column type",
                column_type,
                "no type name",
            ));
        }
    };
    while let Some(Tok::Word(next)) = it.peek() {
        if compound(&name, next) {
            name.push(' ');
            name.push_str(next);
            it.next();
        } else {
            break;
        }
    }
    let args: Option<Vec<&str>> = match it.peek() {
        Some(Tok::Paren(inner)) => {
            let inner = *inner;
            it.next();
            Some(split_args(inner).ok_or_else(|| {
                parse_error("MySQL column type", text, "badly quoted modifier list")
            })?)
        }
        _ => None,
    };

    let mut unsigned = false;
    let mut zerofill = false;
    let mut byte = false;
    let mut own_charset: Option<String> = None;
    let mut own_collation: Option<String> = None;
    let rest: Vec<Tok<'_>> = it.collect();
    let mut i = 0;
    while i < rest.len() {
        let word = match &rest[i] {
            Tok::Word(w) => w.as_str(),
            Tok::Quoted(_) | Tok::Paren(_) => {
                i += 1;
                continue;
            }
        };
        let value_at = |j: usize| -> Option<String> {
            match rest.get(j) {
                Some(Tok::Word(w) | Tok::Quoted(w)) => Some(w.clone()),
                _ => None,
            }
        };
        match word {
            "unsigned" => unsigned = true,
            "signed" => unsigned = false,
            "zerofill" => {
                zerofill = true;
                unsigned = true;
            }
            "ascii" => own_charset = Some("latin1".into()),
            "unicode" => own_charset = Some("ucs2".into()),
            "byte" => byte = true,
            "charset" => {
                own_charset = value_at(i + 1);
                i += 1;
            }
            "character" | "char" if matches!(rest.get(i + 1), Some(Tok::Word(w)) if w == "set") => {
                own_charset = value_at(i + 2);
                i += 2;
            }
            "collate" => {
                own_collation = value_at(i + 1);
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    if own_charset.is_none()
        && let Some(c) = &own_collation
    {
        own_charset = charset_of_collation(c).map(str::to_string);
    }
    if name.starts_with("national") || name.starts_with("nchar") || name == "nvarchar" {
        own_charset = Some("utf8mb3".into());
    }
    let effective = own_charset
        .as_deref()
        .or(charset)
        .unwrap_or(DEFAULT_CHARSET);
    let mbpc = charset_max_bytes(effective);

    let args = args.unwrap_or_default();
    let arg = |n: usize| args.get(n).copied().filter(|a| !a.is_empty());
    let width =
        |text: &str| -> Result<Option<u32>, Error> { arg(0).map(|a| num(a, text)).transpose() };
    let fsp =
        |text: &str| -> Result<Option<u8>, Error> { arg(0).map(|a| num(a, text)).transpose() };
    let int = |bits: u16| -> Result<DataType, Error> {
        Ok(DataType::Integer {
            bits,
            unsigned,
            display_width: width(text)?,
        })
    };
    let text_bytes = |limit: Option<u64>| -> Result<u64, Error> {
        let declared: Option<u64> = arg(0).map(|a| num(a, text)).transpose()?;
        Ok(match (declared, limit) {
            (Some(n), _) => smallest_lob(n.saturating_mul(u64::from(mbpc))),
            (None, Some(l)) => l,
            (None, None) => 65_535,
        })
    };
    let mut serial = false;

    let data_type = match name.as_str() {
        "tinyint" | "int1" => int(8)?,
        "smallint" | "int2" => int(16)?,
        "mediumint" | "middleint" | "int3" => int(24)?,
        "int" | "integer" | "int4" => int(32)?,
        "bigint" | "int8" => int(64)?,
        "bool" | "boolean" => DataType::Integer {
            bits: 8,
            unsigned: false,
            display_width: Some(1),
        },
        "serial" => {
            serial = true;
            DataType::uint(64)
        }
        "decimal" | "dec" | "numeric" | "fixed" => {
            let p: u32 = arg(0).map(|a| num(a, text)).transpose()?.unwrap_or(10);
            let s: i32 = arg(1).map(|a| num(a, text)).transpose()?.unwrap_or(0);
            DataType::decimal(p, s)
        }
        "float" => {
            let bits = match (arg(0), arg(1)) {
                (Some(p), None) => {
                    let p: u32 = num(p, text)?;
                    if p <= 24 { 32 } else { 64 }
                }
                _ => 32,
            };
            DataType::Float { bits }
        }
        "float4" => DataType::Float { bits: 32 },
        "double" | "double precision" | "real" | "float8" => DataType::Float { bits: 64 },
        "bit" => DataType::Bit {
            length: arg(0).map(|a| num(a, text)).transpose()?.unwrap_or(1),
            varying: false,
        },
        "char" | "character" | "nchar" | "national char" | "national character" => {
            let length: u32 = arg(0).map(|a| num(a, text)).transpose()?.unwrap_or(1);
            if byte || (effective.eq_ignore_ascii_case("binary") && own_charset.is_some()) {
                DataType::Binary { length }
            } else {
                DataType::Char {
                    length,
                    max_bytes_per_char: mbpc,
                }
            }
        }
        "varchar"
        | "varcharacter"
        | "nvarchar"
        | "character varying"
        | "char varying"
        | "nchar varchar"
        | "nchar varying"
        | "national varchar"
        | "national char varying"
        | "national character varying" => DataType::Varchar {
            length: arg(0).map(|a| num(a, text)).transpose()?,
            max_bytes_per_char: mbpc,
        },
        "binary" => DataType::Binary {
            length: arg(0).map(|a| num(a, text)).transpose()?.unwrap_or(1),
        },
        "varbinary" => DataType::Varbinary {
            length: arg(0).map(|a| num(a, text)).transpose()?,
        },
        "tinytext" => lob_text(255, mbpc),
        "text" => lob_text(text_bytes(None)?, mbpc),
        "mediumtext"
        | "long"
        | "long varchar"
        | "long varcharacter"
        | "long char varying"
        | "long character varying" => lob_text(16_777_215, mbpc),
        "longtext" => lob_text(4_294_967_295, mbpc),
        "tinyblob" => lob_blob(255),
        "blob" => {
            let declared: Option<u64> = arg(0).map(|a| num(a, text)).transpose()?;
            lob_blob(declared.map_or(65_535, smallest_lob))
        }
        "mediumblob" | "long varbinary" => lob_blob(16_777_215),
        "longblob" => lob_blob(4_294_967_295),
        "date" => DataType::Date,
        "time" => DataType::Time {
            precision: fsp(text)?,
            with_time_zone: false,
        },
        "datetime" => DataType::Timestamp {
            precision: fsp(text)?,
            time_zone: TimeZoneKind::None,
        },
        "timestamp" => DataType::Timestamp {
            precision: fsp(text)?,
            time_zone: TimeZoneKind::Local,
        },
        "year" => DataType::Year,
        "json" => DataType::Json { binary: false },
        "uuid" => DataType::Uuid,
        "enum" | "set" => {
            let mut values = Vec::with_capacity(args.len());
            for a in &args {
                let v = unquote_enum_value(a).ok_or_else(|| {
                    parse_error("MySQL column type", text, format!("bad {name} value `{a}`"))
                })?;
                values.push(v);
            }
            if name == "enum" {
                DataType::Enum { values }
            } else {
                DataType::Set { values }
            }
        }
        "geometry" | "point" | "linestring" | "polygon" | "multipoint" | "multilinestring"
        | "multipolygon" | "geometrycollection" => DataType::Spatial { kind: name.clone() },
        "geomcollection" => DataType::Spatial {
            kind: "geometrycollection".into(),
        },
        _ => DataType::Other {
            native: text.to_string(),
        },
    };
    let character = data_type.is_character()
        || matches!(data_type, DataType::Enum { .. } | DataType::Set { .. });
    Ok(MySqlType {
        data_type,
        zerofill,
        serial,
        charset: if character { own_charset } else { None },
        collation: if character { own_collation } else { None },
    })
}

fn lob_text(max_bytes: u64, mbpc: u8) -> DataType {
    DataType::Text {
        max_bytes: Some(max_bytes),
        max_bytes_per_char: mbpc,
    }
}

fn lob_blob(max_bytes: u64) -> DataType {
    DataType::Blob {
        max_bytes: Some(max_bytes),
    }
}

/// The byte limit of the smallest TEXT/BLOB type holding `n` bytes (MySQL's rule for `text(n)`).
fn smallest_lob(n: u64) -> u64 {
    match n {
        0..=255 => 255,
        256..=65_535 => 65_535,
        65_536..=16_777_215 => 16_777_215,
        _ => 4_294_967_295,
    }
}

fn unquote_enum_value(a: &str) -> Option<String> {
    let a = a.trim();
    if let Some(body) = a.strip_prefix('"') {
        // `"x"` in hand-written DDL: turn it into a single-quoted literal.
        let body = body.strip_suffix('"')?;
        let swapped = body.replace("\"\"", "\"").replace('\'', "''");
        return unquote_single(&format!("'{swapped}'"), true);
    }
    unquote_single(a, true)
}

/// Where a default text comes from; each source quotes `COLUMN_DEFAULT` differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultFlavor {
    /// MySQL (and TiDB) `information_schema.COLUMNS.COLUMN_DEFAULT`: the value **unquoted**
    /// (`abc`, `0.00`, `2020-01-01 00:00:00`, `CURRENT_TIMESTAMP`, `b'1'`). The text is a literal,
    /// except that on a date/time column `CURRENT_TIMESTAMP`, `now()`, `localtime` and
    /// `localtimestamp` (with an optional precision) are the current-time expression. Use
    /// [`DefaultFlavor::MySqlGenerated`] when `EXTRA` contains `DEFAULT_GENERATED` and the
    /// default is not the current time (MySQL 8.0.13+ expression defaults such as `uuid()`).
    MySql,
    /// MySQL 8.0.13+ `COLUMN_DEFAULT` of a column whose `EXTRA` contains `DEFAULT_GENERATED`: the
    /// text is an expression (`uuid()`, `(now() + interval 1 day)`), unless it is the current
    /// time, which is normalised as in the other flavours.
    MySqlGenerated,
    /// MariaDB 10.2.7+ `COLUMN_DEFAULT`: string literals **quoted** (`'abc'`), numbers bare (`0`),
    /// `NULL` for a NULL default, and anything else is an expression (`current_timestamp()`,
    /// `uuid()`, `curdate()`).
    MariaDb,
    /// The text after `DEFAULT` in a `CREATE TABLE` statement as `SHOW CREATE TABLE`/mysqldump
    /// write it: string literals quoted (`'abc'`, with `''` and backslash escapes, an optional
    /// `_utf8mb4` introducer), numbers bare, `NULL`, `b'101'`/`0x1F` bit and hex literals,
    /// `CURRENT_TIMESTAMP[(n)]` and its synonyms, and parenthesised expressions (`(uuid())`)
    /// whose inside becomes the expression.
    Ddl,
}

/// Normalise a MySQL-family column default into a [`DefaultValue`], so that the same default
/// declared in a dump and read from a live server compares equal.
///
/// In every flavour:
/// - `None` (no default) gives `None`.
/// - A NULL default gives `None` too, never [`DefaultValue::Null`]: MySQL's `information_schema`
///   reports SQL NULL both for "no default" and for `DEFAULT NULL`, and `SHOW CREATE TABLE`/
///   mysqldump write `DEFAULT NULL` for every nullable column without a default, so the two
///   cannot be told apart; mapping both to `None` keeps dumps, MySQL and MariaDB in agreement.
/// - The current time in any spelling (`CURRENT_TIMESTAMP`, `current_timestamp()`, `now()`,
///   `localtime`, `localtimestamp`, each with an optional precision) gives
///   `Expression("CURRENT_TIMESTAMP")`, or `Expression("CURRENT_TIMESTAMP(n)")` for n > 0.
/// - Bit literals (`b'101'`) give the decimal number (`Literal("5")`); hex literals (`0x1F`,
///   `x'1f'`) on a bit or integer column give the decimal number too.
/// - String literals give their unescaped value (`Literal("it's")`); numbers are kept as written,
///   except that a decimal column's literal is padded to the column's scale (`0` on a
///   `decimal(10,2)` gives `Literal("0.00")`, as the server reports it).
///
/// See [`DefaultFlavor`] for how each flavour tells literals from expressions.
pub fn parse_default(
    raw: Option<&str>,
    data_type: &DataType,
    flavor: DefaultFlavor,
) -> Option<DefaultValue> {
    match parse_default_inner(raw, data_type, flavor) {
        Some(DefaultValue::Literal(l)) => Some(DefaultValue::Literal(pad_decimal(l, data_type))),
        other => other,
    }
}

/// A decimal literal written with fewer fraction digits than the column's scale gets the
/// zeros the server shows (`0` on a `decimal(10,2)` is `0.00`).
fn pad_decimal(lit: String, data_type: &DataType) -> String {
    let DataType::Decimal {
        scale: Some(scale), ..
    } = data_type
    else {
        return lit;
    };
    let Ok(scale) = usize::try_from(*scale) else {
        return lit;
    };
    if !is_number(&lit) || lit.contains(['e', 'E']) {
        return lit;
    }
    let have = lit.split_once('.').map_or(0, |(_, f)| f.len());
    if have >= scale {
        return lit;
    }
    let mut out = lit;
    if have == 0 && scale > 0 && !out.contains('.') {
        out.push('.');
    }
    out.extend(std::iter::repeat_n('0', scale - have));
    out
}

fn parse_default_inner(
    raw: Option<&str>,
    data_type: &DataType,
    flavor: DefaultFlavor,
) -> Option<DefaultValue> {
    let raw = raw?;
    let t = raw.trim();
    let temporal = data_type.is_temporal();
    let numeric_target = matches!(data_type, DataType::Bit { .. } | DataType::Integer { .. });
    if let Some(ts) = current_timestamp(t) {
        // Only a literal on a non-temporal column in the unquoted MySQL flavour.
        if temporal || flavor != DefaultFlavor::MySql {
            return Some(DefaultValue::Expression(ts));
        }
    }
    if let Some(n) = bit_or_hex_literal(t, numeric_target) {
        return Some(DefaultValue::Literal(n));
    }
    match flavor {
        DefaultFlavor::MySql => Some(DefaultValue::Literal(raw.to_string())),
        DefaultFlavor::MySqlGenerated => {
            if t.eq_ignore_ascii_case("null") {
                return None;
            }
            Some(DefaultValue::Expression(strip_outer_parens(t).to_string()))
        }
        DefaultFlavor::MariaDb => {
            if t.eq_ignore_ascii_case("null") {
                None
            } else if let Some(s) = unquote_single(t, true) {
                Some(DefaultValue::Literal(s))
            } else if is_number(t) {
                Some(DefaultValue::Literal(t.to_string()))
            } else {
                Some(DefaultValue::Expression(t.to_string()))
            }
        }
        DefaultFlavor::Ddl => {
            if t.eq_ignore_ascii_case("null") {
                return None;
            }
            let unintroduced = strip_introducer(t);
            if let Some(s) = unquote_single(unintroduced, true) {
                return Some(DefaultValue::Literal(s));
            }
            if let Some(s) = unquote_double(unintroduced) {
                return Some(DefaultValue::Literal(s));
            }
            if is_number(t) {
                return Some(DefaultValue::Literal(t.to_string()));
            }
            if t.eq_ignore_ascii_case("true") {
                return Some(DefaultValue::Literal("1".into()));
            }
            if t.eq_ignore_ascii_case("false") {
                return Some(DefaultValue::Literal("0".into()));
            }
            let inner = strip_outer_parens(t);
            if inner.len() != t.len() {
                if let Some(ts) = current_timestamp(inner) {
                    return Some(DefaultValue::Expression(ts));
                }
                // `DEFAULT ('abc')` / `DEFAULT (42)` are literals in expression syntax.
                if let Some(s) = unquote_single(strip_introducer(inner), true) {
                    return Some(DefaultValue::Expression(format!(
                        "'{}'",
                        s.replace('\'', "''")
                    )));
                }
            }
            Some(DefaultValue::Expression(inner.to_string()))
        }
    }
}

/// `"abc"` (MySQL accepts double-quoted strings outside ANSI_QUOTES mode).
fn unquote_double(t: &str) -> Option<String> {
    let body = t.strip_prefix('"')?.strip_suffix('"')?;
    if body.contains('"') && !body.contains("\"\"") {
        return None;
    }
    let swapped = body.replace("\"\"", "\"").replace('\'', "''");
    unquote_single(&format!("'{swapped}'"), true)
}

/// Remove a charset introducer (`_utf8mb4'x'` -> `'x'`).
fn strip_introducer(t: &str) -> &str {
    if let Some(rest) = t.strip_prefix('_')
        && let Some(q) = rest.find('\'')
        && rest[..q]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return &rest[q..];
    }
    t
}

/// Remove one pair of parentheses enclosing the whole text (`(uuid())` -> `uuid()`).
fn strip_outer_parens(t: &str) -> &str {
    let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) else {
        return t;
    };
    // Only if the first `(` closes at the very end.
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for (i, c) in t.char_indices() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' | '`' => quote = Some(c),
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 && i + 1 != t.len() {
                    return t;
                }
            }
            _ => {}
        }
    }
    inner.trim()
}

/// `Some("CURRENT_TIMESTAMP[(n)]")` when `t` is the current time in any MySQL/MariaDB spelling.
fn current_timestamp(t: &str) -> Option<String> {
    let lower = normalize_words(t);
    let (name, args) = match lower.find('(') {
        Some(i) => {
            let args = lower[i + 1..].strip_suffix(')')?.trim();
            (lower[..i].trim(), Some(args))
        }
        None => (lower.as_str(), None),
    };
    if !matches!(
        name,
        "current_timestamp" | "now" | "localtime" | "localtimestamp"
    ) {
        return None;
    }
    if name == "now" && args.is_none() {
        return None;
    }
    match args {
        None | Some("") | Some("0") => Some("CURRENT_TIMESTAMP".into()),
        Some(n) => {
            let n: u8 = n.parse().ok()?;
            Some(format!("CURRENT_TIMESTAMP({n})"))
        }
    }
}

/// `b'101'` -> `5`; `0x1F` / `x'1f'` -> `31` when `numeric_target`.
fn bit_or_hex_literal(t: &str, numeric_target: bool) -> Option<String> {
    let lower = t.to_ascii_lowercase();
    if let Some(bits) = lower
        .strip_prefix("b'")
        .and_then(|s| s.strip_suffix('\''))
        .or_else(|| lower.strip_prefix("0b"))
    {
        if bits.is_empty() || bits.len() > 64 || !bits.bytes().all(|b| b == b'0' || b == b'1') {
            return None;
        }
        return u64::from_str_radix(bits, 2).ok().map(|n| n.to_string());
    }
    if !numeric_target {
        return None;
    }
    let hex = lower
        .strip_prefix("x'")
        .and_then(|s| s.strip_suffix('\''))
        .or_else(|| lower.strip_prefix("0x"))?;
    if hex.is_empty() || hex.len() > 16 {
        return None;
    }
    u64::from_str_radix(hex, 16).ok().map(|n| n.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn t(s: &str) -> DataType {
        parse_column_type(s, None)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .data_type
    }

    fn iw(bits: u16, unsigned: bool, w: Option<u32>) -> DataType {
        DataType::Integer {
            bits,
            unsigned,
            display_width: w,
        }
    }

    fn vc(n: u32, m: u8) -> DataType {
        DataType::varchar(n, m)
    }

    fn ts(p: Option<u8>, z: TimeZoneKind) -> DataType {
        DataType::Timestamp {
            precision: p,
            time_zone: z,
        }
    }

    fn text(b: u64, m: u8) -> DataType {
        DataType::Text {
            max_bytes: Some(b),
            max_bytes_per_char: m,
        }
    }

    fn sp(k: &str) -> DataType {
        DataType::Spatial { kind: k.into() }
    }

    #[test]
    fn types_table() {
        let cases: Vec<(&str, DataType)> = vec![
            ("int(10) unsigned zerofill", iw(32, true, Some(10))),
            ("INT(11)", iw(32, false, Some(11))),
            ("int", DataType::int(32)),
            ("integer", DataType::int(32)),
            ("tinyint(1)", iw(8, false, Some(1))),
            ("tinyint(4)", iw(8, false, Some(4))),
            ("tinyint unsigned", iw(8, true, None)),
            ("smallint(6)", iw(16, false, Some(6))),
            ("mediumint(8) unsigned", iw(24, true, Some(8))),
            ("bigint unsigned", DataType::uint(64)),
            ("BIGINT(20) UNSIGNED", iw(64, true, Some(20))),
            ("bigint(20) signed", iw(64, false, Some(20))),
            ("bool", iw(8, false, Some(1))),
            ("BOOLEAN", iw(8, false, Some(1))),
            ("serial", DataType::uint(64)),
            ("decimal(10,2)", DataType::decimal(10, 2)),
            ("decimal(65,30) unsigned", DataType::decimal(65, 30)),
            ("decimal", DataType::decimal(10, 0)),
            ("decimal(12)", DataType::decimal(12, 0)),
            ("numeric(5, 1)", DataType::decimal(5, 1)),
            ("dec(4,2)", DataType::decimal(4, 2)),
            ("fixed(4,2)", DataType::decimal(4, 2)),
            ("float", DataType::Float { bits: 32 }),
            ("float(7,3)", DataType::Float { bits: 32 }),
            ("float(30)", DataType::Float { bits: 64 }),
            ("float(10)", DataType::Float { bits: 32 }),
            ("float unsigned", DataType::Float { bits: 32 }),
            ("double", DataType::Float { bits: 64 }),
            ("double precision", DataType::Float { bits: 64 }),
            ("double(16,4)", DataType::Float { bits: 64 }),
            ("real", DataType::Float { bits: 64 }),
            (
                "bit(1)",
                DataType::Bit {
                    length: 1,
                    varying: false,
                },
            ),
            (
                "bit(12)",
                DataType::Bit {
                    length: 12,
                    varying: false,
                },
            ),
            (
                "bit",
                DataType::Bit {
                    length: 1,
                    varying: false,
                },
            ),
            (
                "char(3)",
                DataType::Char {
                    length: 3,
                    max_bytes_per_char: 4,
                },
            ),
            (
                "char",
                DataType::Char {
                    length: 1,
                    max_bytes_per_char: 4,
                },
            ),
            ("varchar(255)", vc(255, 4)),
            ("VARCHAR(20)", vc(20, 4)),
            ("national varchar(10)", vc(10, 3)),
            ("nvarchar(10)", vc(10, 3)),
            ("national character varying(7)", vc(7, 3)),
            ("character varying(9)", vc(9, 4)),
            (
                "nchar(2)",
                DataType::Char {
                    length: 2,
                    max_bytes_per_char: 3,
                },
            ),
            (
                "char(10) binary",
                DataType::Char {
                    length: 10,
                    max_bytes_per_char: 4,
                },
            ),
            ("varchar(10) character set latin1", vc(10, 1)),
            ("varchar(10) charset ascii", vc(10, 1)),
            ("varchar(10) collate utf8mb3_bin", vc(10, 3)),
            ("varchar(10) ascii", vc(10, 1)),
            ("binary(16)", DataType::Binary { length: 16 }),
            ("binary", DataType::Binary { length: 1 }),
            ("varbinary(8)", DataType::Varbinary { length: Some(8) }),
            ("tinytext", text(255, 4)),
            ("text", text(65_535, 4)),
            ("text(100)", text(65_535, 4)),
            ("text(50)", text(255, 4)),
            ("mediumtext", text(16_777_215, 4)),
            ("long varchar", text(16_777_215, 4)),
            ("longtext", text(4_294_967_295, 4)),
            (
                "tinyblob",
                DataType::Blob {
                    max_bytes: Some(255),
                },
            ),
            (
                "blob",
                DataType::Blob {
                    max_bytes: Some(65_535),
                },
            ),
            (
                "mediumblob",
                DataType::Blob {
                    max_bytes: Some(16_777_215),
                },
            ),
            (
                "long varbinary",
                DataType::Blob {
                    max_bytes: Some(16_777_215),
                },
            ),
            (
                "longblob",
                DataType::Blob {
                    max_bytes: Some(4_294_967_295),
                },
            ),
            ("date", DataType::Date),
            (
                "time",
                DataType::Time {
                    precision: None,
                    with_time_zone: false,
                },
            ),
            (
                "time(3)",
                DataType::Time {
                    precision: Some(3),
                    with_time_zone: false,
                },
            ),
            ("datetime", ts(None, TimeZoneKind::None)),
            ("datetime(6)", ts(Some(6), TimeZoneKind::None)),
            ("timestamp", ts(None, TimeZoneKind::Local)),
            ("timestamp(3)", ts(Some(3), TimeZoneKind::Local)),
            ("year(4)", DataType::Year),
            ("year", DataType::Year),
            ("json", DataType::Json { binary: false }),
            ("uuid", DataType::Uuid),
            (
                "enum('a','b''c','x,y')",
                DataType::Enum {
                    values: vec!["a".into(), "b'c".into(), "x,y".into()],
                },
            ),
            (
                "enum('back\\\\slash','q\\'t','Mixed Case')",
                DataType::Enum {
                    values: vec!["back\\slash".into(), "q't".into(), "Mixed Case".into()],
                },
            ),
            (
                "ENUM(\"x\",\"y\")",
                DataType::Enum {
                    values: vec!["x".into(), "y".into()],
                },
            ),
            (
                "set('r','w')",
                DataType::Set {
                    values: vec!["r".into(), "w".into()],
                },
            ),
            ("geometry", sp("geometry")),
            ("point", sp("point")),
            ("linestring", sp("linestring")),
            ("polygon", sp("polygon")),
            ("multipoint", sp("multipoint")),
            ("multilinestring", sp("multilinestring")),
            ("multipolygon", sp("multipolygon")),
            ("geometrycollection", sp("geometrycollection")),
            ("geomcollection", sp("geometrycollection")),
            (
                "vector(3)",
                DataType::Other {
                    native: "vector(3)".into(),
                },
            ),
        ];
        for (input, want) in cases {
            assert_eq!(t(input), want, "{input}");
        }
    }

    #[test]
    fn flags_and_charsets() {
        let z = parse_column_type("int(10) unsigned zerofill", None).unwrap();
        assert!(z.zerofill);
        assert!(!z.serial);
        let s = parse_column_type("SERIAL", None).unwrap();
        assert!(s.serial);
        let l = parse_column_type("varchar(20)", Some("latin1")).unwrap();
        assert_eq!(l.data_type, vc(20, 1));
        assert_eq!(l.charset, None);
        let c = parse_column_type("varchar(20) character set 'gbk' collate gbk_bin", None).unwrap();
        assert_eq!(c.data_type, vc(20, 2));
        assert_eq!(c.charset.as_deref(), Some("gbk"));
        assert_eq!(c.collation.as_deref(), Some("gbk_bin"));
        let n = parse_column_type("national char(3)", Some("utf8mb4")).unwrap();
        assert_eq!(n.charset.as_deref(), Some("utf8mb3"));
        let b = parse_column_type("char(4) byte", None).unwrap();
        assert_eq!(b.data_type, DataType::Binary { length: 4 });
        // Charset facts only for character types.
        let i = parse_column_type("int collate utf8mb4_bin", None).unwrap();
        assert_eq!(i.charset, None);
        let e = parse_column_type("enum('a') character set latin1", None).unwrap();
        assert_eq!(e.charset.as_deref(), Some("latin1"));
    }

    #[test]
    fn errors() {
        for bad in [
            "",
            "varchar(abc)",
            "varchar(10",
            "varchar)10(",
            "enum('a','b)",
            "enum(a,b)",
            "decimal(10,x)",
            "datetime(1000)",
        ] {
            let err = parse_column_type(bad, None).expect_err(bad);
            assert_eq!(err.kind(), crate::ErrorKind::Parse, "{bad}");
        }
    }

    #[test]
    fn charsets() {
        for (cs, n) in [
            ("utf8mb4", 4),
            ("UTF8MB4", 4),
            ("utf8", 3),
            ("utf8mb3", 3),
            ("latin1", 1),
            ("ascii", 1),
            ("binary", 1),
            ("ucs2", 2),
            ("utf16", 4),
            ("utf16le", 4),
            ("utf32", 4),
            ("gbk", 2),
            ("gb2312", 2),
            ("big5", 2),
            ("sjis", 2),
            ("cp932", 2),
            ("euckr", 2),
            ("gb18030", 4),
            ("ujis", 3),
            ("eucjpms", 3),
            ("cp1251", 1),
            ("klingon", 4),
        ] {
            assert_eq!(charset_max_bytes(cs), n, "{cs}");
        }
        assert_eq!(charset_of_collation("utf8mb4_general_ci"), Some("utf8mb4"));
        assert_eq!(charset_of_collation("utf8mb4_0900_ai_ci"), Some("utf8mb4"));
        assert_eq!(charset_of_collation("latin1_swedish_ci"), Some("latin1"));
        assert_eq!(charset_of_collation("binary"), Some("binary"));
        assert_eq!(charset_of_collation(""), None);
    }

    #[test]
    fn defaults_agree_across_flavours() {
        use DefaultFlavor::*;
        let vc = vc(10, 4);
        let dt = ts(Some(3), TimeZoneKind::None);
        let tsl = ts(None, TimeZoneKind::Local);
        let bit = DataType::Bit {
            length: 3,
            varying: false,
        };
        let dec = DataType::decimal(10, 2);
        let int = DataType::int(32);
        let chr = DataType::Char {
            length: 36,
            max_bytes_per_char: 4,
        };
        let json = DataType::Json { binary: false };
        let lit = |s: &str| Some(DefaultValue::Literal(s.into()));
        let expr = |s: &str| Some(DefaultValue::Expression(s.into()));
        // (data type, expected, [(flavor, raw)]): every raw form must give `expected`.
        type Case<'a> = (
            &'a DataType,
            Option<DefaultValue>,
            Vec<(DefaultFlavor, Option<&'a str>)>,
        );
        let cases: Vec<Case<'_>> = vec![
            (
                &vc,
                lit("abc"),
                vec![
                    (MySql, Some("abc")),
                    (MariaDb, Some("'abc'")),
                    (Ddl, Some("'abc'")),
                ],
            ),
            (
                &vc,
                lit("it's"),
                vec![
                    (MySql, Some("it's")),
                    (MariaDb, Some("'it''s'")),
                    (Ddl, Some("'it\\'s'")),
                    (Ddl, Some("'it''s'")),
                    (Ddl, Some("_utf8mb4'it''s'")),
                    (Ddl, Some("\"it's\"")),
                ],
            ),
            (
                &vc,
                lit(""),
                vec![(MySql, Some("")), (MariaDb, Some("''")), (Ddl, Some("''"))],
            ),
            (
                &vc,
                lit("NULL"),
                vec![
                    (MySql, Some("NULL")),
                    (MariaDb, Some("'NULL'")),
                    (Ddl, Some("'NULL'")),
                ],
            ),
            (
                &vc,
                None,
                vec![
                    (MySql, None),
                    (MariaDb, Some("NULL")),
                    (Ddl, Some("NULL")),
                    (MariaDb, None),
                ],
            ),
            (
                &int,
                lit("0"),
                vec![
                    (MySql, Some("0")),
                    (MariaDb, Some("0")),
                    (Ddl, Some("0")),
                    (Ddl, Some("'0'")),
                ],
            ),
            (
                &dec,
                lit("-1.50"),
                vec![
                    (MySql, Some("-1.50")),
                    (MariaDb, Some("-1.50")),
                    (Ddl, Some("'-1.50'")),
                    (Ddl, Some("-1.5")),
                ],
            ),
            (
                &dt,
                expr("CURRENT_TIMESTAMP(3)"),
                vec![
                    (MySql, Some("CURRENT_TIMESTAMP(3)")),
                    (MySqlGenerated, Some("CURRENT_TIMESTAMP(3)")),
                    (MariaDb, Some("current_timestamp(3)")),
                    (Ddl, Some("CURRENT_TIMESTAMP(3)")),
                    (Ddl, Some("now(3)")),
                ],
            ),
            (
                &tsl,
                expr("CURRENT_TIMESTAMP"),
                vec![
                    (MySql, Some("CURRENT_TIMESTAMP")),
                    (MariaDb, Some("current_timestamp()")),
                    (Ddl, Some("CURRENT_TIMESTAMP")),
                    (Ddl, Some("current_timestamp()")),
                    (Ddl, Some("now()")),
                    (Ddl, Some("LOCALTIMESTAMP")),
                    (Ddl, Some("(now())")),
                ],
            ),
            (
                &tsl,
                lit("2020-01-01 00:00:00"),
                vec![
                    (MySql, Some("2020-01-01 00:00:00")),
                    (MariaDb, Some("'2020-01-01 00:00:00'")),
                    (Ddl, Some("'2020-01-01 00:00:00'")),
                ],
            ),
            (
                &bit,
                lit("5"),
                vec![
                    (MySql, Some("b'101'")),
                    (MariaDb, Some("b'101'")),
                    (Ddl, Some("b'101'")),
                    (Ddl, Some("0x05")),
                ],
            ),
            (
                &chr,
                expr("uuid()"),
                vec![
                    (MySqlGenerated, Some("uuid()")),
                    (MariaDb, Some("uuid()")),
                    (Ddl, Some("(uuid())")),
                ],
            ),
            (
                &json,
                expr("json_array()"),
                vec![
                    (MySqlGenerated, Some("json_array()")),
                    (Ddl, Some("(json_array())")),
                ],
            ),
        ];
        for (dtype, want, forms) in cases {
            for (flavor, raw) in forms {
                assert_eq!(
                    parse_default(raw, dtype, flavor),
                    want,
                    "{flavor:?} {raw:?}"
                );
            }
        }
        assert_eq!(parse_default(Some("0"), &dec, Ddl), lit("0.00"));
        assert_eq!(
            parse_default(Some("7"), &DataType::decimal(5, 0), Ddl),
            lit("7")
        );
        assert_eq!(parse_default(Some("'abc'"), &dec, Ddl), lit("abc"));
        // CURRENT_TIMESTAMP on a text column, unquoted MySQL flavour: a literal.
        assert_eq!(
            parse_default(Some("CURRENT_TIMESTAMP"), &vc, MySql),
            lit("CURRENT_TIMESTAMP")
        );
        assert_eq!(
            parse_default(Some("true"), &DataType::int(8), Ddl),
            lit("1")
        );
        assert_eq!(
            parse_default(Some("(1 + 2)"), &DataType::int(8), Ddl),
            expr("1 + 2")
        );
        assert_eq!(
            parse_default(Some("(a) + (b)"), &DataType::int(8), Ddl),
            expr("(a) + (b)")
        );
        assert_eq!(parse_default(Some("('x')"), &vc, Ddl), expr("'x'"));
    }
}
