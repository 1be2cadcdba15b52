//! Shard grouping, column-type widening and merged-target naming.

use std::collections::BTreeMap;

use smt_ir::{Column, DataType, Table};

/// The stem of a shard name: the name without a trailing `_<digits>` / `-<digits>` / `<digits>`
/// suffix (`orders_12` -> `orders`). Names without a numeric suffix are their own stem.
pub fn stem(name: &str) -> &str {
    let trimmed = name.trim_end_matches(|c: char| c.is_ascii_digit());
    if trimmed.len() == name.len() || trimmed.is_empty() {
        return name;
    }
    let without_sep = trimmed.trim_end_matches(['_', '-']);
    if without_sep.is_empty() {
        trimmed
    } else {
        without_sep
    }
}

/// Group tables (indices into `tables`) by table-name stem, keeping first-seen order of groups and
/// source order inside a group.
pub fn group_by_stem(tables: &[&Table]) -> Vec<Vec<usize>> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, t) in tables.iter().enumerate() {
        let key = stem(&t.name.name).to_lowercase();
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(i);
    }
    order
        .into_iter()
        .filter_map(|k| groups.remove(&k))
        .collect()
}

/// The name the original tool gives a merged group: the longest common prefix of the names; the
/// first name itself when they are all equal; otherwise the prefix (without trailing digits) plus
/// `_auto_shard` (`course_1`, `course_2` -> `course__auto_shard`).
pub fn merged_name(names: &[&str], fallback: &str) -> String {
    let Some(first) = names.first() else {
        return format!("{fallback}_auto_shard");
    };
    if names.iter().all(|n| n == first) {
        return (*first).to_string();
    }
    let mut prefix: &str = first;
    for n in &names[1..] {
        let common = prefix
            .char_indices()
            .zip(n.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map(|((i, a), _)| i + a.len_utf8())
            .unwrap_or(0);
        prefix = &prefix[..common];
    }
    let prefix = prefix.trim_end_matches(|c: char| c.is_ascii_digit());
    if prefix.is_empty() {
        format!("{fallback}_auto_shard")
    } else {
        format!("{prefix}_auto_shard")
    }
}

/// A regular expression (unanchored text, anchors added by the consumer if needed) that matches
/// exactly the given names when they share a `<stem>_<digits>` shape, or an alternation of the
/// escaped names otherwise.
pub fn names_pattern(names: &[&str]) -> String {
    let mut distinct: Vec<&str> = names.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() == 1 {
        return regex::escape(distinct[0]);
    }
    let stems: Vec<&str> = distinct.iter().map(|n| stem(n)).collect();
    let first_stem = stems[0];
    let shaped = stems.iter().all(|s| *s == first_stem)
        && distinct.iter().all(|n| n.len() > first_stem.len());
    if shaped {
        // Separator between stem and digits, identical for every name?
        let seps: Vec<&str> = distinct
            .iter()
            .map(|n| {
                let rest = &n[first_stem.len()..];
                let digits_at = rest
                    .find(|c: char| c.is_ascii_digit())
                    .unwrap_or(rest.len());
                &rest[..digits_at]
            })
            .collect();
        if seps.iter().all(|s| *s == seps[0]) {
            return format!(
                "{}{}[0-9]+",
                regex::escape(first_stem),
                regex::escape(seps[0])
            );
        }
    }
    let escaped: Vec<String> = distinct.iter().map(|n| regex::escape(n)).collect();
    format!("({})", escaped.join("|"))
}

/// How two column types were unified.
#[derive(Debug, Clone, PartialEq)]
pub enum Unified {
    /// Identical types.
    Same(DataType),
    /// A wider type that holds both.
    Widened(DataType),
}

impl Unified {
    /// The resulting type.
    pub fn data_type(&self) -> &DataType {
        match self {
            Unified::Same(t) | Unified::Widened(t) => t,
        }
    }
}

fn int_digits(bits: u16, unsigned: bool) -> u32 {
    match (bits, unsigned) {
        (0..=8, false) => 3,
        (0..=8, true) => 3,
        (9..=16, _) => 5,
        (17..=24, _) => 8,
        (25..=32, _) => 10,
        (33..=64, false) => 19,
        (33..=64, true) => 20,
        _ => 39,
    }
}

/// The narrowest type that holds every value of both `a` and `b`, or `None` when the two types
/// cannot be unified (e.g. JSON and a number).
pub fn widen(a: &DataType, b: &DataType) -> Option<Unified> {
    use DataType as T;
    if a == b {
        return Some(Unified::Same(a.clone()));
    }
    let w = match (a, b) {
        (
            T::Integer {
                bits: ba,
                unsigned: ua,
                display_width: da,
            },
            T::Integer {
                bits: bb,
                unsigned: ub,
                display_width: db,
            },
        ) => {
            let (bits, unsigned) = if ua == ub {
                ((*ba).max(*bb), *ua)
            } else {
                // Mixed signedness: the signed side must hold the unsigned side's range.
                let (sb, ubits) = if *ua { (*bb, *ba) } else { (*ba, *bb) };
                let need = next_int_width(ubits + 1);
                (sb.max(need), false)
            };
            // tinyint(1) only stays tinyint(1) when both are.
            let display_width = if da == db { *da } else { None };
            T::Integer {
                bits,
                unsigned,
                display_width,
            }
        }
        (
            T::Decimal {
                precision: Some(pa),
                scale: Some(sa),
            },
            T::Decimal {
                precision: Some(pb),
                scale: Some(sb),
            },
        ) => {
            let ia = i64::from(*pa) - i64::from(*sa);
            let ib = i64::from(*pb) - i64::from(*sb);
            let scale = (*sa).max(*sb);
            let int_part = ia.max(ib).max(0);
            let p = u32::try_from(int_part + i64::from(scale.max(0))).ok()?;
            T::Decimal {
                precision: Some(p),
                scale: Some(scale),
            }
        }
        (T::Decimal { .. }, T::Decimal { .. }) => T::Decimal {
            precision: None,
            scale: None,
        },
        (T::Integer { bits, unsigned, .. }, T::Decimal { precision, scale })
        | (T::Decimal { precision, scale }, T::Integer { bits, unsigned, .. }) => {
            match (precision, scale) {
                (Some(p), Some(s)) => {
                    let idigits = int_digits(*bits, *unsigned);
                    let int_part = u32::try_from((i64::from(*p) - i64::from(*s)).max(0)).ok()?;
                    let s = (*s).max(0);
                    T::Decimal {
                        precision: Some(int_part.max(idigits) + u32::try_from(s).ok()?),
                        scale: Some(s),
                    }
                }
                _ => T::Decimal {
                    precision: None,
                    scale: None,
                },
            }
        }
        (T::Float { bits: x }, T::Float { bits: y }) => T::Float { bits: (*x).max(*y) },
        (T::Integer { .. } | T::Decimal { .. }, T::Float { .. })
        | (T::Float { .. }, T::Integer { .. } | T::Decimal { .. }) => T::Float { bits: 64 },
        (T::Boolean, T::Integer { .. }) => b.clone(),
        (T::Integer { .. }, T::Boolean) => a.clone(),
        (a, b) if a.is_character() && b.is_character() => widen_text(a, b),
        (T::Binary { .. } | T::Varbinary { .. } | T::Blob { .. }, _)
            if matches!(b, T::Binary { .. } | T::Varbinary { .. } | T::Blob { .. }) =>
        {
            match (a.max_bytes(), b.max_bytes()) {
                (Some(x), Some(y))
                    if !matches!(a, T::Blob { .. }) && !matches!(b, T::Blob { .. }) =>
                {
                    T::Varbinary {
                        length: u32::try_from(x.max(y)).ok(),
                    }
                }
                (Some(x), Some(y)) => T::Blob {
                    max_bytes: Some(x.max(y)),
                },
                _ => T::Blob { max_bytes: None },
            }
        }
        (
            T::Timestamp {
                precision: pa,
                time_zone: za,
            },
            T::Timestamp {
                precision: pb,
                time_zone: zb,
            },
        ) if za == zb => T::Timestamp {
            precision: max_opt(*pa, *pb),
            time_zone: *za,
        },
        (T::Date, T::Timestamp { .. }) => b.clone(),
        (T::Timestamp { .. }, T::Date) => a.clone(),
        (
            T::Time {
                precision: pa,
                with_time_zone: za,
            },
            T::Time {
                precision: pb,
                with_time_zone: zb,
            },
        ) if za == zb => T::Time {
            precision: max_opt(*pa, *pb),
            with_time_zone: *za,
        },
        (T::Enum { values: va }, T::Enum { values: vb }) => T::Enum {
            values: union(va, vb),
        },
        (T::Set { values: va }, T::Set { values: vb }) => T::Set {
            values: union(va, vb),
        },
        (
            T::Bit {
                length: la,
                varying: va,
            },
            T::Bit {
                length: lb,
                varying: vb,
            },
        ) => T::Bit {
            length: (*la).max(*lb),
            varying: *va || *vb,
        },
        (T::Json { .. }, T::Json { .. }) => T::Json { binary: false },
        _ => return None,
    };
    Some(Unified::Widened(w))
}

fn next_int_width(bits: u16) -> u16 {
    match bits {
        0..=8 => 8,
        9..=16 => 16,
        17..=24 => 24,
        25..=32 => 32,
        33..=64 => 64,
        _ => 128,
    }
}

fn max_opt(a: Option<u8>, b: Option<u8>) -> Option<u8> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

fn union(a: &[String], b: &[String]) -> Vec<String> {
    let mut out = a.to_vec();
    for v in b {
        if !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

fn widen_text(a: &DataType, b: &DataType) -> DataType {
    use DataType as T;
    let bpc = |t: &DataType| match t {
        T::Char {
            max_bytes_per_char, ..
        }
        | T::Varchar {
            max_bytes_per_char, ..
        }
        | T::Text {
            max_bytes_per_char, ..
        } => *max_bytes_per_char,
        _ => 4,
    };
    let bytes_per_char = bpc(a).max(bpc(b));
    let chars = |t: &DataType| -> Option<u64> {
        match t {
            T::Char { length, .. } => Some(u64::from(*length)),
            T::Varchar { length, .. } => length.map(u64::from),
            _ => None,
        }
    };
    let is_text = |t: &DataType| matches!(t, T::Text { .. });
    if is_text(a) || is_text(b) {
        let max = match (a, b) {
            (T::Text { max_bytes: x, .. }, T::Text { max_bytes: y, .. }) => match (x, y) {
                (Some(x), Some(y)) => Some((*x).max(*y)),
                _ => None,
            },
            (T::Text { max_bytes, .. }, other) | (other, T::Text { max_bytes, .. }) => {
                match (max_bytes, other.max_bytes()) {
                    (Some(x), Some(y)) => Some((*x).max(y)),
                    _ => None,
                }
            }
            _ => None,
        };
        return T::Text {
            max_bytes: max,
            max_bytes_per_char: bytes_per_char,
        };
    }
    match (a, b, chars(a), chars(b)) {
        (T::Char { .. }, T::Char { .. }, Some(x), Some(y)) => T::Char {
            length: u32::try_from(x.max(y)).unwrap_or(u32::MAX),
            max_bytes_per_char: bytes_per_char,
        },
        (_, _, Some(x), Some(y)) => T::Varchar {
            length: Some(u32::try_from(x.max(y)).unwrap_or(u32::MAX)),
            max_bytes_per_char: bytes_per_char,
        },
        _ => T::Varchar {
            length: None,
            max_bytes_per_char: bytes_per_char,
        },
    }
}

/// Why a group of shards could not be merged.
#[derive(Debug, Clone, PartialEq)]
pub struct Incompatible {
    /// Human explanation naming the tables and columns.
    pub reason: String,
}

/// The unified column list of a shard group, with notes on every widened column.
#[derive(Debug, Clone, PartialEq)]
pub struct UnifiedColumns {
    /// Columns in the first shard's order with unified types and nullability.
    pub columns: Vec<Column>,
    /// `(column, from-type description, to-type description)` for each widened column.
    pub widened: Vec<(String, String, String)>,
}

/// Unify the columns of several shards: same column names required (case-insensitive, any order),
/// types widened, a column nullable when it is nullable in any shard.
pub fn unify_columns(tables: &[&Table]) -> Result<UnifiedColumns, Incompatible> {
    let Some(first) = tables.first() else {
        return Err(Incompatible {
            reason: "no tables".into(),
        });
    };
    let mut columns = first.columns.clone();
    let mut widened = Vec::new();
    for t in &tables[1..] {
        if t.columns.len() != first.columns.len() {
            return Err(Incompatible {
                reason: format!(
                    "{} has {} columns but {} has {}",
                    first.name,
                    first.columns.len(),
                    t.name,
                    t.columns.len()
                ),
            });
        }
        for col in columns.iter_mut() {
            let Some(other) = t.column(&col.name) else {
                return Err(Incompatible {
                    reason: format!(
                        "column `{}` of {} is missing in {}",
                        col.name, first.name, t.name
                    ),
                });
            };
            match widen(&col.data_type, &other.data_type) {
                Some(Unified::Same(_)) => {}
                Some(Unified::Widened(w)) => {
                    widened.push((
                        col.name.clone(),
                        format!("{} / {}", col.native_type, other.native_type),
                        w.describe(),
                    ));
                    col.data_type = w;
                    if col.native_type != other.native_type {
                        col.native_type = format!("{} | {}", col.native_type, other.native_type);
                    }
                }
                None => {
                    return Err(Incompatible {
                        reason: format!(
                            "column `{}` is {} in {} but {} in {}",
                            col.name, col.native_type, first.name, other.native_type, t.name
                        ),
                    });
                }
            }
            col.nullable |= other.nullable;
            if col.default != other.default {
                col.default = None;
            }
            if col.comment.is_none() {
                col.comment = other.comment.clone();
            }
        }
    }
    // Keep only the last widening note per column (the final type).
    let mut seen = BTreeMap::new();
    for (c, from, to) in widened {
        seen.insert(c, (from, to));
    }
    let widened = columns
        .iter()
        .filter_map(|c| {
            seen.remove(&c.name)
                .map(|(from, to)| (c.name.clone(), from, to))
        })
        .collect();
    Ok(UnifiedColumns { columns, widened })
}

#[cfg(test)]
mod tests {
    use super::*;
    use smt_ir::TableName;

    #[test]
    fn stems() {
        assert_eq!(stem("orders_12"), "orders");
        assert_eq!(stem("orders-3"), "orders");
        assert_eq!(stem("orders3"), "orders");
        assert_eq!(stem("orders"), "orders");
        assert_eq!(stem("2024"), "2024");
        assert_eq!(stem("t_2024_01"), "t_2024");
    }

    #[test]
    fn grouping() {
        let ts: Vec<Table> = ["orders_0", "users_0", "orders_1", "users_1", "config"]
            .iter()
            .map(|n| Table::new(TableName::new("db", *n)))
            .collect();
        let refs: Vec<&Table> = ts.iter().collect();
        assert_eq!(group_by_stem(&refs), vec![vec![0, 2], vec![1, 3], vec![4]]);
    }

    #[test]
    fn naming_like_the_original() {
        assert_eq!(
            merged_name(&["course_1", "course_2"], "table"),
            "course__auto_shard"
        );
        assert_eq!(
            merged_name(&["edu_db_1", "edu_db_2"], "db"),
            "edu_db__auto_shard"
        );
        assert_eq!(merged_name(&["shop", "shop"], "db"), "shop");
        assert_eq!(merged_name(&["a", "b"], "table"), "table_auto_shard");
        assert_eq!(
            merged_name(&["orders_1", "orders_10"], "table"),
            "orders__auto_shard"
        );
    }

    #[test]
    fn patterns() {
        assert_eq!(names_pattern(&["orders_0", "orders_1"]), "orders_[0-9]+");
        assert_eq!(names_pattern(&["shop", "shop"]), "shop");
        assert_eq!(names_pattern(&["a.b", "c"]), r"(a\.b|c)");
    }

    #[test]
    fn widening_rules() {
        let w = |a, b| widen(&a, &b).map(|u| u.data_type().clone());
        assert_eq!(
            w(DataType::int(32), DataType::int(64)),
            Some(DataType::int(64))
        );
        assert_eq!(
            w(DataType::int(32), DataType::uint(32)),
            Some(DataType::int(64))
        );
        assert_eq!(
            w(DataType::varchar(10, 4), DataType::varchar(20, 3)),
            Some(DataType::varchar(20, 4))
        );
        assert_eq!(
            w(DataType::decimal(10, 2), DataType::decimal(8, 4)),
            Some(DataType::decimal(12, 4))
        );
        assert_eq!(
            w(DataType::int(32), DataType::decimal(5, 2)),
            Some(DataType::decimal(12, 2))
        );
        assert_eq!(w(DataType::Json { binary: false }, DataType::int(32)), None);
    }

    #[test]
    fn unify_detects_missing_columns() {
        let mut a = Table::new(TableName::new("d", "t_1"));
        a.columns
            .push(Column::new("id", DataType::int(32), "int").not_null());
        let mut b = Table::new(TableName::new("d", "t_2"));
        b.columns
            .push(Column::new("ID", DataType::int(64), "bigint"));
        let u = unify_columns(&[&a, &b]).unwrap();
        assert_eq!(u.columns[0].data_type, DataType::int(64));
        assert!(u.columns[0].nullable);
        assert_eq!(u.widened.len(), 1);
        let mut c = Table::new(TableName::new("d", "t_3"));
        c.columns
            .push(Column::new("other", DataType::int(32), "int"));
        assert!(unify_columns(&[&a, &c]).is_err());
    }
}
