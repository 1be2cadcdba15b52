//! The rule checker: everything smt knows StarRocks would reject, checked before DDL is written.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use smt_ir::{
    Buckets, Distribution, KeyKind, PartitionSpec, Plan, StarRocksVersion, TargetColumn,
    TargetProfile, TargetTable, Warning,
};

use crate::mapping::{self, TypeClass, key_bytes_of};
use crate::srtype::{self, SrType};

/// The largest `BUCKETS n` smt writes. At the documented ~10 GB of raw data per tablet this is
/// about 10 TB per partition; larger counts are almost always a sizing mistake (StarRocks issue
/// #11772: 100000 buckets hung the FE).
pub const MAX_BUCKETS: u32 = 1024;

/// StarRocks' default `primary_key_limit_size`, in bytes.
pub const PRIMARY_KEY_LIMIT_BYTES: u64 = 128;

/// Longest database name, in characters (StarRocks System limits).
pub const MAX_DATABASE_NAME: usize = 256;
/// Longest table name, in characters.
pub const MAX_TABLE_NAME: usize = 1024;
/// Longest column name, in characters.
pub const MAX_COLUMN_NAME: usize = 1024;
/// Deepest ARRAY nesting StarRocks accepts.
pub const MAX_ARRAY_DEPTH: u32 = 14;

/// One broken rule in a target table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The target table, `db.table`.
    pub table: String,
    /// Stable rule code, e.g. `key-order` (see [`RULES`]).
    pub rule: &'static str,
    /// What is wrong, naming the column or property.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: [{}] {}", self.table, self.rule, self.message)
    }
}

/// Every rule code [`check_table`] can report, with a one-line description.
pub const RULES: &[(&str, &str)] = &[
    (
        "identifier-empty",
        "database, table and column names are not empty",
    ),
    (
        "identifier-too-long",
        "names fit StarRocks limits (database 256, table and column 1024 characters)",
    ),
    (
        "reserved-column-name",
        "column names do not start with the reserved __op / __row",
    ),
    ("table-no-columns", "a table has at least one column"),
    (
        "duplicate-column",
        "column names are unique (compared case-insensitively)",
    ),
    (
        "key-empty",
        "PRIMARY, UNIQUE and AGGREGATE tables have key columns",
    ),
    ("key-column-missing", "every key column exists"),
    ("key-duplicate", "no column appears twice in the key"),
    (
        "key-order",
        "key columns are the leading columns, in key order",
    ),
    ("key-type", "key column types are legal for the table model"),
    ("type-syntax", "explicit StarRocks types parse"),
    (
        "type-version",
        "types exist in the target version (JSON 2.2, ARRAY 2.1, VARBINARY 3.0, MAP/STRUCT 3.1, DECIMAL256 4.0)",
    ),
    (
        "decimal-limit",
        "DECIMAL precision and scale are within the target's limits",
    ),
    ("char-limit", "CHAR length is 1..255 bytes"),
    (
        "varchar-limit",
        "VARCHAR/VARBINARY length is within the target's maximum",
    ),
    ("array-depth", "ARRAY nesting is at most 14 levels"),
    (
        "type-model",
        "VARBINARY columns are not used in AGGREGATE tables",
    ),
    (
        "aggregate-missing",
        "AGGREGATE tables give every value column an aggregate function",
    ),
    ("aggregate-function", "aggregate functions are known"),
    (
        "aggregate-type",
        "the aggregate function accepts the column type",
    ),
    (
        "aggregate-not-allowed",
        "aggregate functions only on value columns of AGGREGATE tables",
    ),
    ("distribution-empty", "DISTRIBUTED BY HASH names columns"),
    ("distribution-column-missing", "distribution columns exist"),
    (
        "distribution-not-key",
        "distribution columns are key columns (PRIMARY, UNIQUE, AGGREGATE)",
    ),
    (
        "distribution-type",
        "distribution columns are not FLOAT/DOUBLE, JSON, ARRAY, MAP, STRUCT or VARBINARY",
    ),
    (
        "distribution-random",
        "DISTRIBUTED BY RANDOM only for DUPLICATE tables on 3.1+",
    ),
    (
        "buckets-range",
        "BUCKETS is between 1 and 1024 (automatic buckets need 2.5.7+)",
    ),
    ("partition-column-missing", "the partition column exists"),
    (
        "partition-not-key",
        "the partition column is a key column (PRIMARY, UNIQUE, AGGREGATE)",
    ),
    (
        "partition-type",
        "the partition column type suits the partitioning",
    ),
    (
        "partition-spec",
        "partition intervals, units and texts are valid for the target",
    ),
    (
        "dynamic-partition",
        "dynamic_partition.* only on RANGE-partitioned tables, with dynamic_partition.end",
    ),
    (
        "replication-num",
        "replication_num is a positive number not above be_num",
    ),
    (
        "unknown-property",
        "every property is known to the target version",
    ),
    ("duplicate-property", "no property is given twice"),
];

/// Table properties StarRocks accepts in CREATE TABLE, with the first version that knows each
/// (`0.0.0` where the property predates the versions smt targets or its version is not
/// documented). Names ending in `.` are prefixes.
pub const KNOWN_PROPERTIES: &[(&str, StarRocksVersion)] = &[
    ("replication_num", v(0, 0, 0)),
    ("storage_medium", v(0, 0, 0)),
    ("storage_cooldown_time", v(0, 0, 0)),
    ("storage_cooldown_ttl", v(0, 0, 0)),
    ("storage_format", v(0, 0, 0)),
    ("storage_type", v(0, 0, 0)),
    ("bloom_filter_columns", v(0, 0, 0)),
    ("bloom_filter_fpp", v(0, 0, 0)),
    ("colocate_with", v(0, 0, 0)),
    ("compression", v(0, 0, 0)),
    ("in_memory", v(0, 0, 0)),
    ("dynamic_partition.enable", v(0, 0, 0)),
    ("dynamic_partition.time_unit", v(0, 0, 0)),
    ("dynamic_partition.start", v(0, 0, 0)),
    ("dynamic_partition.end", v(0, 0, 0)),
    ("dynamic_partition.prefix", v(0, 0, 0)),
    ("dynamic_partition.buckets", v(0, 0, 0)),
    ("dynamic_partition.time_zone", v(0, 0, 0)),
    ("dynamic_partition.start_day_of_week", v(0, 0, 0)),
    ("dynamic_partition.start_day_of_month", v(0, 0, 0)),
    ("dynamic_partition.replication_num", v(0, 0, 0)),
    ("dynamic_partition.history_partition_num", v(2, 5, 2)),
    ("enable_persistent_index", v(2, 3, 0)),
    ("persistent_index_type", v(0, 0, 0)),
    ("primary_index_cache_expire_sec", v(0, 0, 0)),
    ("unique_constraints", v(0, 0, 0)),
    ("foreign_key_constraints", v(0, 0, 0)),
    ("write_quorum", v(2, 5, 0)),
    ("replicated_storage", v(2, 5, 0)),
    ("partition_live_number", v(0, 0, 0)),
    ("partition_ttl", v(0, 0, 0)),
    ("partition_ttl_number", v(0, 0, 0)),
    ("enable_async_write_back", v(0, 0, 0)),
    ("storage_volume", v(3, 1, 0)),
    ("datacache.enable", v(3, 1, 0)),
    ("datacache.partition_duration", v(3, 1, 0)),
    ("file_bucket_size", v(0, 0, 0)),
    ("bucket_size", v(3, 2, 0)),
    ("mutable_bucket_num", v(0, 0, 0)),
    ("fast_schema_evolution", v(3, 2, 0)),
    ("labels.location", v(3, 2, 0)),
    ("base_compaction_forbidden_time_ranges", v(3, 2, 13)),
    ("partition_retention_condition", v(3, 5, 0)),
    ("flat_json.enable", v(4, 0, 0)),
    ("flat_json.null.factor", v(4, 0, 0)),
    ("flat_json.sparsity.factor", v(4, 0, 0)),
    ("flat_json.column.max", v(4, 0, 0)),
    ("file_bundling", v(4, 0, 0)),
    ("cloud_native_fast_schema_evolution_v2", v(4, 1, 0)),
];

const fn v(major: u16, minor: u16, patch: u16) -> StarRocksVersion {
    StarRocksVersion::new(major, minor, patch)
}

/// The aggregate functions of AGGREGATE KEY value columns.
pub const AGGREGATE_FUNCTIONS: &[&str] = &[
    "SUM",
    "MAX",
    "MIN",
    "REPLACE",
    "REPLACE_IF_NOT_NULL",
    "HLL_UNION",
    "BITMAP_UNION",
    "PERCENTILE_UNION",
];

/// A column's StarRocks type, computed once per table and shared by the checker and the
/// renderer: the text the emitter writes (the plan's explicit type, else the mapped one) and
/// its parse.
pub(crate) struct ColType<'a> {
    /// The text, when it is not simply the `Display` of `parsed`.
    text: Option<Cow<'a, str>>,
    /// The parsed type (`None` when the text does not parse).
    parsed: Option<SrType>,
}

impl ColType<'_> {
    pub(crate) fn parsed(&self) -> Option<&SrType> {
        self.parsed.as_ref()
    }
}

impl fmt::Display for ColType<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.text, &self.parsed) {
            (Some(t), _) => f.write_str(t),
            (None, Some(t)) => t.fmt(f),
            (None, None) => Ok(()),
        }
    }
}

/// Whether `parse(t.to_string()) == t`, so that the mapped type can stand for its text.
fn round_trips(t: &SrType) -> bool {
    match t {
        SrType::Struct(_) | SrType::Other(_) => false,
        SrType::Array(e) => round_trips(e),
        SrType::Map(k, v) => round_trips(k) && round_trips(v),
        _ => true,
    }
}

/// The type of one column (see [`ColType`]).
pub(crate) fn column_type<'a>(tc: &'a TargetColumn, plan: &Plan) -> ColType<'a> {
    match &tc.starrocks_type {
        Some(t) => ColType {
            text: Some(Cow::Borrowed(t.as_str())),
            parsed: srtype::parse(t),
        },
        None => {
            let t = mapping::map_sr_type(&tc.column, plan.source, &plan.target);
            if round_trips(&t) {
                ColType {
                    text: None,
                    parsed: Some(t),
                }
            } else {
                let text = t.to_string();
                let parsed = srtype::parse(&text);
                ColType {
                    text: Some(Cow::Owned(text)),
                    parsed,
                }
            }
        }
    }
}

/// The types of every column of a table, in column order.
pub(crate) fn column_types<'a>(table: &'a TargetTable, plan: &Plan) -> Vec<ColType<'a>> {
    table
        .columns
        .iter()
        .map(|tc| column_type(tc, plan))
        .collect()
}

/// The index of [`TargetTable::column`]'s result.
pub(crate) fn column_index(table: &TargetTable, name: &str) -> Option<usize> {
    let cols = &table.columns;
    cols.iter().position(|c| c.name() == name).or_else(|| {
        cols.iter()
            .position(|c| c.name().eq_ignore_ascii_case(name))
    })
}

pub(crate) fn table_label(table: &TargetTable) -> String {
    format!("{}.{}", table.database, table.name)
}

struct Checker<'a> {
    table: &'a TargetTable,
    target: &'a TargetProfile,
    label: String,
    out: Vec<Violation>,
}

impl Checker<'_> {
    fn push(&mut self, rule: &'static str, message: impl Into<String>) {
        if self.label.is_empty() {
            self.label = table_label(self.table);
        }
        self.out.push(Violation {
            table: self.label.clone(),
            rule,
            message: message.into(),
        });
    }

    fn position(&self, name: &str) -> Option<usize> {
        let cols = &self.table.columns;
        cols.iter().position(|c| c.name() == name).or_else(|| {
            cols.iter()
                .position(|c| c.name().eq_ignore_ascii_case(name))
        })
    }

    fn is_key(&self, name: &str) -> bool {
        self.table
            .key
            .columns
            .iter()
            .any(|k| k.eq_ignore_ascii_case(name))
    }
}

/// Check a target table against the StarRocks rules smt knows (listed in [`RULES`]). An empty
/// result means the DDL can be written.
pub fn check_table(table: &TargetTable, plan: &Plan) -> Vec<Violation> {
    check_table_with(table, plan, &column_types(table, plan))
}

/// [`check_table`] with the column types already computed.
pub(crate) fn check_table_with(
    table: &TargetTable,
    plan: &Plan,
    types: &[ColType<'_>],
) -> Vec<Violation> {
    let mut c = Checker {
        table,
        target: &plan.target,
        label: String::new(),
        out: Vec::new(),
    };
    check_names(&mut c);
    check_types(&mut c, types);
    check_key(&mut c, types);
    check_aggregates(&mut c, types);
    check_distribution(&mut c, types);
    check_partition(&mut c, types);
    check_properties(&mut c);
    c.out
}

/// Warnings about a table that do not stop generation: a primary key whose encoded size may
/// exceed StarRocks' default 128-byte `primary_key_limit_size`.
pub fn table_warnings(table: &TargetTable, plan: &Plan) -> Vec<Warning> {
    table_warnings_with(table, &column_types(table, plan))
}

/// [`table_warnings`] with the column types already computed.
pub(crate) fn table_warnings_with(table: &TargetTable, types: &[ColType<'_>]) -> Vec<Warning> {
    let mut out = Vec::new();
    if table.key.kind == KeyKind::Primary && !table.key.columns.is_empty() {
        let parsed: Vec<Option<SrType>> = table
            .key
            .columns
            .iter()
            .map(|k| {
                column_index(table, k)
                    .and_then(|i| types.get(i))
                    .and_then(|t| t.parsed().cloned())
            })
            .collect();
        let bytes = key_bytes_of(&parsed);
        if bytes > PRIMARY_KEY_LIMIT_BYTES {
            out.push(
                Warning::warn(
                    "primary-key-size",
                    format!(
                        "the primary key ({}) can take up to {bytes} bytes encoded, above StarRocks' default primary_key_limit_size of {PRIMARY_KEY_LIMIT_BYTES}; loads of longer keys fail unless the BE setting is raised",
                        table.key.columns.join(", ")
                    ),
                )
                .on_table(table_label(table)),
            );
        }
    }
    out
}

/// Whether `s` has more than `max` characters.
fn longer_than(s: &str, max: usize) -> bool {
    s.len() > max && s.chars().count() > max
}

/// `s.to_lowercase().starts_with(prefix)` for an ASCII `prefix` of letters and `_` (no
/// non-ASCII character lower-cases to one of those).
fn starts_with_ignore_ascii_case(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn check_names(c: &mut Checker<'_>) {
    let t = c.table;
    if t.database.is_empty() {
        c.push("identifier-empty", "the database name is empty");
    }
    if t.name.is_empty() {
        c.push("identifier-empty", "the table name is empty");
    }
    if longer_than(&t.database, MAX_DATABASE_NAME) {
        c.push(
            "identifier-too-long",
            format!("the database name is longer than {MAX_DATABASE_NAME} characters"),
        );
    }
    if longer_than(&t.name, MAX_TABLE_NAME) {
        c.push(
            "identifier-too-long",
            format!("the table name is longer than {MAX_TABLE_NAME} characters"),
        );
    }
    if t.columns.is_empty() {
        c.push("table-no-columns", "the table has no columns");
    }
    // Duplicates are found by lower-case name; ASCII names of a table of ordinary width are
    // compared pairwise, without building lower-case copies.
    let ascii = t.columns.len() <= 64 && t.columns.iter().all(|c| c.name().is_ascii());
    let mut seen = HashSet::new();
    for (i, tc) in t.columns.iter().enumerate() {
        let name = tc.name();
        if name.is_empty() {
            c.push(
                "identifier-empty",
                format!("column {} has an empty name", i + 1),
            );
            continue;
        }
        if longer_than(name, MAX_COLUMN_NAME) {
            c.push(
                "identifier-too-long",
                format!("column `{name}` is longer than {MAX_COLUMN_NAME} characters"),
            );
        }
        if starts_with_ignore_ascii_case(name, "__op")
            || starts_with_ignore_ascii_case(name, "__row")
        {
            c.push(
                "reserved-column-name",
                format!("column `{name}` starts with a name StarRocks reserves (__op, __row)"),
            );
        }
        let duplicate = if ascii {
            t.columns[..i]
                .iter()
                .any(|o| !o.name().is_empty() && o.name().eq_ignore_ascii_case(name))
        } else {
            !seen.insert(name.to_lowercase())
        };
        if duplicate {
            c.push(
                "duplicate-column",
                format!("column `{name}` appears more than once (names are case-insensitive)"),
            );
        }
    }
}

fn check_types(c: &mut Checker<'_>, types: &[ColType<'_>]) {
    for (tc, sql) in c.table.columns.iter().zip(types) {
        let name = tc.name();
        match sql.parsed() {
            None => c.push(
                "type-syntax",
                format!("column `{name}`: `{sql}` is not a StarRocks type smt can read"),
            ),
            Some(t) => check_type(c, name, t, 0),
        }
    }
}

fn check_type(c: &mut Checker<'_>, col: &str, t: &SrType, depth: u32) {
    let target = c.target;
    let version = target.version;
    match t {
        SrType::Decimal { precision, scale } => {
            let maxp = mapping::max_decimal_precision(target);
            if *precision == 0 || *precision > maxp {
                c.push(
                    "decimal-limit",
                    format!(
                        "column `{col}`: {t} precision must be 1..{maxp} on StarRocks {version}{}",
                        if target.use_decimal_v3 {
                            ""
                        } else {
                            " without decimal v3"
                        }
                    ),
                );
            } else if *scale > mapping::max_decimal_scale(target, *precision) {
                c.push(
                    "decimal-limit",
                    format!(
                        "column `{col}`: {t} scale must be at most {}",
                        mapping::max_decimal_scale(target, *precision)
                    ),
                );
            }
        }
        SrType::Char(n) if *n == 0 || *n > mapping::MAX_CHAR => {
            c.push(
                "char-limit",
                format!("column `{col}`: {t} length must be 1..255 bytes"),
            );
        }
        SrType::Varchar(n) => {
            let max = mapping::max_varchar(target);
            if *n == 0 || *n > max {
                c.push(
                    "varchar-limit",
                    format!(
                        "column `{col}`: {t} length must be 1..{max} bytes on StarRocks {version}"
                    ),
                );
            }
        }
        SrType::Binary(_) | SrType::Varbinary(_) => {
            if !mapping::has_binary(target) {
                c.push(
                    "type-version",
                    format!("column `{col}`: {t} needs StarRocks 3.0+ (target {version})"),
                );
            }
            let n = match t {
                SrType::Binary(n) => Some(*n),
                SrType::Varbinary(n) => *n,
                _ => None,
            };
            if let Some(n) = n {
                let max = mapping::MAX_VARBINARY;
                if n == 0 || n > max {
                    c.push(
                        "varchar-limit",
                        format!("column `{col}`: {t} length must be 1..{max} bytes"),
                    );
                }
            }
            if c.table.key.kind == KeyKind::Aggregate {
                c.push(
                    "type-model",
                    format!(
                        "column `{col}`: VARBINARY columns are not supported in AGGREGATE tables"
                    ),
                );
            }
        }
        SrType::Json if !mapping::has_json(target) => {
            c.push(
                "type-version",
                format!("column `{col}`: JSON needs StarRocks 2.2+ (target {version})"),
            );
        }
        SrType::Array(e) => {
            if !mapping::has_array(target) {
                c.push(
                    "type-version",
                    format!("column `{col}`: ARRAY needs StarRocks 2.1+ (target {version})"),
                );
            }
            if depth + 1 > MAX_ARRAY_DEPTH {
                c.push(
                    "array-depth",
                    format!("column `{col}`: ARRAY nesting deeper than {MAX_ARRAY_DEPTH}"),
                );
                return;
            }
            check_type(c, col, e, depth + 1);
        }
        SrType::Map(k, v) => {
            if !mapping::has_complex(target) {
                c.push(
                    "type-version",
                    format!("column `{col}`: MAP needs StarRocks 3.1+ (target {version})"),
                );
            }
            check_type(c, col, k, depth);
            check_type(c, col, v, depth);
        }
        SrType::Struct(fields) => {
            if !mapping::has_complex(target) {
                c.push(
                    "type-version",
                    format!("column `{col}`: STRUCT needs StarRocks 3.1+ (target {version})"),
                );
            }
            for (_, t) in fields {
                check_type(c, col, t, depth);
            }
        }
        _ => {}
    }
}

fn check_key(c: &mut Checker<'_>, types: &[ColType<'_>]) {
    let key = &c.table.key;
    if key.columns.is_empty() {
        if key.kind != KeyKind::Duplicate {
            c.push(
                "key-empty",
                format!("a {} table needs key columns", key.kind.keyword()),
            );
        }
        return;
    }
    let mut seen = HashSet::new();
    for (i, k) in key.columns.iter().enumerate() {
        if !seen.insert(k.to_lowercase()) {
            c.push("key-duplicate", format!("key column `{k}` is listed twice"));
            continue;
        }
        let Some(pos) = c.position(k) else {
            c.push(
                "key-column-missing",
                format!("key column `{k}` is not a column of the table"),
            );
            continue;
        };
        if pos != i {
            let at = c
                .table
                .columns
                .get(i)
                .map(|tc| format!("`{}`", tc.name()))
                .unwrap_or_else(|| "nothing".into());
            c.push(
                "key-order",
                format!(
                    "key column `{k}` must be column {} (key order), found {at} there",
                    i + 1
                ),
            );
        }
        if let Some(sql) = types.get(pos)
            && let Some(t) = sql.parsed()
        {
            match t.class() {
                Some(class) if !mapping::is_legal_key(class, key.kind) => c.push(
                    "key-type",
                    format!(
                        "key column `{k}` has type {sql}, which cannot be a key of a {} table",
                        key.kind.keyword()
                    ),
                ),
                None if key.kind == KeyKind::Primary => c.push(
                    "key-type",
                    format!(
                        "key column `{k}` has type {sql}, which cannot be a key of a PRIMARY KEY table"
                    ),
                ),
                _ => {}
            }
        }
    }
}

fn check_aggregates(c: &mut Checker<'_>, types: &[ColType<'_>]) {
    let kind = c.table.key.kind;
    for (tc, sql) in c.table.columns.iter().zip(types) {
        let parsed = sql.parsed();
        let name = tc.name();
        let is_key = c.is_key(name);
        match (&tc.aggregate, kind == KeyKind::Aggregate && !is_key) {
            (Some(a), false) => c.push(
                "aggregate-not-allowed",
                format!(
                    "column `{name}` has aggregate {a}, but only value columns of AGGREGATE KEY tables take one"
                ),
            ),
            (None, true) => c.push(
                "aggregate-missing",
                format!("value column `{name}` of an AGGREGATE KEY table needs an aggregate function"),
            ),
            (Some(a), true) => {
                let up = a.trim().to_ascii_uppercase();
                if !AGGREGATE_FUNCTIONS.contains(&up.as_str()) {
                    c.push(
                        "aggregate-function",
                        format!(
                            "column `{name}`: unknown aggregate function `{a}` (known: {})",
                            AGGREGATE_FUNCTIONS.join(", ")
                        ),
                    );
                    continue;
                }
                let class = parsed.and_then(SrType::class);
                let other = match parsed {
                    Some(SrType::Other(o)) => o.as_str(),
                    _ => "",
                };
                let ok = match up.as_str() {
                    "SUM" => matches!(
                        class,
                        Some(
                            TypeClass::Integer
                                | TypeClass::LargeInt
                                | TypeClass::Decimal
                                | TypeClass::Float
                        )
                    ),
                    "MAX" | "MIN" => !matches!(
                        class,
                        Some(
                            TypeClass::Json
                                | TypeClass::Array
                                | TypeClass::Map
                                | TypeClass::Struct
                                | TypeClass::Binary
                        )
                    ),
                    "HLL_UNION" => other == "HLL",
                    "BITMAP_UNION" => other == "BITMAP",
                    "PERCENTILE_UNION" => other == "PERCENTILE",
                    _ => true,
                };
                if !ok {
                    c.push(
                        "aggregate-type",
                        format!("column `{name}`: {up} cannot aggregate a {sql} column"),
                    );
                }
            }
            (None, false) => {}
        }
    }
}

fn check_distribution(c: &mut Checker<'_>, types: &[ColType<'_>]) {
    let kind = c.table.key.kind;
    let version = c.target.version;
    match &c.table.distribution {
        Distribution::Hash { columns } => {
            if columns.is_empty() {
                c.push("distribution-empty", "DISTRIBUTED BY HASH names no column");
            }
            for d in columns {
                let Some(pos) = c.position(d) else {
                    c.push(
                        "distribution-column-missing",
                        format!("distribution column `{d}` is not a column of the table"),
                    );
                    continue;
                };
                if kind != KeyKind::Duplicate && !c.is_key(d) {
                    c.push(
                        "distribution-not-key",
                        format!(
                            "distribution column `{d}` must be a key column of a {} table",
                            kind.keyword()
                        ),
                    );
                }
                if let Some(sql) = types.get(pos)
                    && let Some(t) = sql.parsed()
                    && matches!(
                        t.class(),
                        Some(
                            TypeClass::Float
                                | TypeClass::Json
                                | TypeClass::Array
                                | TypeClass::Map
                                | TypeClass::Struct
                                | TypeClass::Binary
                        )
                    )
                {
                    c.push(
                        "distribution-type",
                        format!("distribution column `{d}` has type {sql}, which cannot be hashed for bucketing"),
                    );
                }
            }
        }
        Distribution::Random => {
            if kind != KeyKind::Duplicate {
                c.push(
                    "distribution-random",
                    format!(
                        "DISTRIBUTED BY RANDOM is only for DUPLICATE KEY tables, not {}",
                        kind.keyword()
                    ),
                );
            }
            if !version.at_least(3, 1, 0) {
                c.push(
                    "distribution-random",
                    format!("DISTRIBUTED BY RANDOM needs StarRocks 3.1+ (target {version})"),
                );
            }
        }
    }
    match c.table.buckets {
        Buckets::Fixed(n) if n == 0 || n > MAX_BUCKETS => c.push(
            "buckets-range",
            format!("BUCKETS {n} is outside 1..{MAX_BUCKETS}"),
        ),
        Buckets::Auto if !version.at_least(2, 5, 7) => c.push(
            "buckets-range",
            format!(
                "automatic bucket count needs StarRocks 2.5.7+ (target {version}); set bucket_num"
            ),
        ),
        _ => {}
    }
}

const RANGE_UNITS: &[&str] = &["hour", "day", "week", "month", "year"];

fn check_partition(c: &mut Checker<'_>, types: &[ColType<'_>]) {
    let kind = c.table.key.kind;
    let version = c.target.version;
    let has_dynamic = c
        .table
        .properties
        .iter()
        .any(|(k, _)| k.starts_with("dynamic_partition."));
    let is_range = matches!(
        c.table.partition.as_ref().map(|p| &p.spec),
        Some(PartitionSpec::Range { .. } | PartitionSpec::Verbatim { .. })
    );
    if has_dynamic {
        if !is_range {
            c.push(
                "dynamic-partition",
                "dynamic_partition.* properties need a PARTITION BY RANGE table",
            );
        }
        let get = |name: &str| {
            c.table
                .properties
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.trim().to_ascii_lowercase())
        };
        let enabled = get("dynamic_partition.enable").is_none_or(|v| v != "false");
        if enabled && get("dynamic_partition.end").is_none() {
            c.push(
                "dynamic-partition",
                "dynamic partitioning needs dynamic_partition.end",
            );
        }
        if enabled && get("dynamic_partition.time_unit").is_none() {
            c.push(
                "dynamic-partition",
                "dynamic partitioning needs dynamic_partition.time_unit",
            );
        }
    }
    let Some(p) = &c.table.partition else {
        return;
    };
    let col = p.column.clone();
    let Some(pos) = c.position(&col) else {
        c.push(
            "partition-column-missing",
            format!("partition column `{col}` is not a column of the table"),
        );
        return;
    };
    if kind != KeyKind::Duplicate && !c.is_key(&col) {
        c.push(
            "partition-not-key",
            format!(
                "partition column `{col}` must be a key column of a {} table",
                kind.keyword()
            ),
        );
    }
    let class = types
        .get(pos)
        .and_then(ColType::parsed)
        .and_then(SrType::class);
    let sql = types.get(pos).map(ToString::to_string).unwrap_or_default();
    let temporal = matches!(class, Some(TypeClass::Date | TypeClass::Datetime));
    let integer = matches!(class, Some(TypeClass::Integer | TypeClass::LargeInt));
    match &p.spec {
        PartitionSpec::Range {
            start,
            end,
            every,
            unit,
        } => {
            if !(temporal || integer) {
                c.push(
                    "partition-type",
                    format!("RANGE partition column `{col}` has type {sql}; it must be a date, datetime or integer"),
                );
            }
            if *every == 0 {
                c.push("partition-spec", "EVERY must be at least 1");
            }
            if temporal {
                let u = unit.to_ascii_lowercase();
                if !RANGE_UNITS.contains(&u.as_str()) {
                    c.push(
                        "partition-spec",
                        format!(
                            "partition unit `{unit}` is not one of {}",
                            RANGE_UNITS.join(", ")
                        ),
                    );
                } else if u == "hour" && !version.at_least(3, 0, 0) {
                    c.push(
                        "partition-spec",
                        format!("hourly range partitions need StarRocks 3.0+ (target {version})"),
                    );
                }
            }
            if start.is_empty() || end.is_empty() {
                c.push(
                    "partition-spec",
                    "partition START and END must not be empty",
                );
            }
        }
        PartitionSpec::Verbatim { text } => {
            if text.trim().is_empty() {
                c.push("partition-spec", "the partitions text is empty");
            }
        }
        PartitionSpec::DateTrunc { unit } => {
            if !temporal {
                c.push(
                    "partition-type",
                    format!("date_trunc partition column `{col}` has type {sql}; it must be DATE or DATETIME"),
                );
            }
            if !version.at_least(3, 1, 0) {
                c.push(
                    "partition-spec",
                    format!("expression partitioning (date_trunc) needs StarRocks 3.1+ (target {version})"),
                );
            }
            if !RANGE_UNITS.contains(&unit.to_ascii_lowercase().as_str()) {
                c.push(
                    "partition-spec",
                    format!(
                        "date_trunc unit `{unit}` is not one of {}",
                        RANGE_UNITS.join(", ")
                    ),
                );
            }
        }
        PartitionSpec::Columns { .. } => {
            if !version.at_least(3, 1, 0) {
                c.push(
                    "partition-spec",
                    format!(
                        "expression partitioning on columns needs StarRocks 3.1+ (target {version})"
                    ),
                );
            }
            // The first column was checked above.
            for (i, name) in p.columns().into_iter().enumerate() {
                let Some(pos) = c.position(name) else {
                    c.push(
                        "partition-column-missing",
                        format!("partition column `{name}` is not a column of the table"),
                    );
                    continue;
                };
                if i > 0 && kind != KeyKind::Duplicate && !c.is_key(name) {
                    c.push(
                        "partition-not-key",
                        format!(
                            "partition column `{name}` must be a key column of a {} table",
                            kind.keyword()
                        ),
                    );
                }
                let class = types
                    .get(pos)
                    .and_then(ColType::parsed)
                    .and_then(SrType::class);
                if !matches!(
                    class,
                    Some(
                        TypeClass::Boolean
                            | TypeClass::Integer
                            | TypeClass::LargeInt
                            | TypeClass::Char
                            | TypeClass::Varchar
                            | TypeClass::Date
                            | TypeClass::Datetime
                    )
                ) {
                    let sql = types.get(pos).map(ToString::to_string).unwrap_or_default();
                    c.push(
                        "partition-type",
                        format!(
                            "partition column `{name}` has type {sql}; column expression partitioning \
                             needs a string, date, datetime, integer or boolean column"
                        ),
                    );
                }
            }
        }
    }
}

/// Whether a property name is known, and the version that introduced it.
pub fn property_min_version(name: &str) -> Option<StarRocksVersion> {
    KNOWN_PROPERTIES
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| *v)
}

fn check_properties(c: &mut Checker<'_>) {
    let version = c.target.version;
    let be_num = c.target.be_num;
    let mut seen = HashSet::new();
    for (k, val) in &c.table.properties {
        if !seen.insert(k.clone()) {
            c.push(
                "duplicate-property",
                format!("property \"{k}\" is given more than once"),
            );
        }
        match property_min_version(k) {
            None => c.push(
                "unknown-property",
                format!("property \"{k}\" is not a StarRocks table property smt knows; StarRocks 3.0+ rejects unknown properties"),
            ),
            Some(min) if version < min => c.push(
                "unknown-property",
                format!("property \"{k}\" needs StarRocks {min}+ (target {version})"),
            ),
            _ => {}
        }
        if k == "replication_num" || k == "dynamic_partition.replication_num" {
            match val.trim().parse::<u32>() {
                Ok(n) if n >= 1 && n <= be_num => {}
                Ok(n) if n >= 1 => c.push(
                    "replication-num",
                    format!("\"{k}\" = \"{n}\" is above be_num ({be_num}): StarRocks cannot place that many replicas"),
                ),
                _ => c.push(
                    "replication-num",
                    format!("\"{k}\" = \"{val}\" is not a positive number"),
                ),
            }
        }
    }
}
