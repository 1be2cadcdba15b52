//! The rule checker, one deliberately broken table per rule.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use smt_ir::*;
use smt_starrocks::{EmitError, check_table, create_table_sql, emit, table_warnings};

fn rules(t: &TargetTable) -> Vec<&'static str> {
    rules_in(t, &plan(SourceKind::Mysql, vec![t.clone()]))
}

fn rules_in(t: &TargetTable, p: &Plan) -> Vec<&'static str> {
    check_table(t, p).into_iter().map(|v| v.rule).collect()
}

#[test]
fn a_valid_table_passes() {
    assert!(rules(&simple()).is_empty());
}

#[test]
fn swapped_key_order() {
    let t = table(
        "db",
        "t",
        KeyKind::Primary,
        &["a", "b"],
        vec![
            key(col("b", DataType::int(32), "int")),
            key(col("a", DataType::int(32), "int")),
        ],
    );
    let v = check_table(&t, &plan(SourceKind::Mysql, vec![t.clone()]));
    assert_eq!(v.len(), 2);
    assert!(v.iter().all(|v| v.rule == "key-order"));
    assert!(
        v[0].to_string()
            .starts_with("db.t: [key-order] key column `a`")
    );
}

#[test]
fn key_not_leading() {
    let t = table(
        "db",
        "t",
        KeyKind::Duplicate,
        &["id"],
        vec![
            col("x", DataType::int(32), "int"),
            col("id", DataType::int(32), "int"),
        ],
    );
    assert_eq!(rules(&t), ["key-order"]);
}

#[test]
fn float_key() {
    let t = table(
        "db",
        "t",
        KeyKind::Primary,
        &["f"],
        vec![key(col("f", DataType::Float { bits: 64 }, "double"))],
    );
    // Illegal as a key and as a distribution column.
    assert_eq!(rules(&t), ["key-type", "distribution-type"]);
    let mut dup = t.clone();
    dup.key.kind = KeyKind::Duplicate;
    assert_eq!(rules(&dup), ["key-type", "distribution-type"]);
}

#[test]
fn char_and_decimal_keys_on_primary() {
    let t = table(
        "db",
        "t",
        KeyKind::Primary,
        &["c", "d"],
        vec![
            key(col(
                "c",
                DataType::Char {
                    length: 2,
                    max_bytes_per_char: 1,
                },
                "char(2)",
            )),
            key(col("d", DataType::decimal(10, 0), "decimal(10,0)")),
        ],
    );
    assert_eq!(rules(&t), ["key-type", "key-type"]);
    // The planner's explicit replacements make it legal.
    let mut fixed = t.clone();
    fixed.columns[0].starrocks_type = Some("VARCHAR(6)".into());
    fixed.columns[1].starrocks_type = Some("BIGINT".into());
    assert!(rules(&fixed).is_empty());
}

#[test]
fn missing_and_duplicate_keys() {
    let mut t = simple();
    t.key.columns = vec!["nope".into()];
    t.distribution = Distribution::Hash {
        columns: vec!["id".into()],
    };
    assert_eq!(rules(&t), ["key-column-missing", "distribution-not-key"]);
    let mut t = simple();
    t.key.columns = vec!["id".into(), "ID".into()];
    assert_eq!(rules(&t), ["key-duplicate"]);
    let mut t = simple();
    t.key.columns.clear();
    t.distribution = Distribution::Hash {
        columns: vec!["id".into()],
    };
    assert_eq!(rules(&t), ["key-empty", "distribution-not-key"]);
}

#[test]
fn decimal_beyond_limits() {
    let t = table(
        "db",
        "t",
        KeyKind::Duplicate,
        &["id"],
        vec![
            col("id", DataType::int(32), "int"),
            typed(
                col("d", DataType::decimal(40, 2), "decimal(40,2)"),
                "DECIMAL(40,2)",
            ),
        ],
    );
    assert_eq!(rules(&t), ["decimal-limit"]);
    // Legal as DECIMAL256 on 4.0.
    let mut p = plan(SourceKind::Mysql, vec![t.clone()]);
    p.target.version = StarRocksVersion::new(4, 0, 0);
    assert!(rules_in(&t, &p).is_empty());
    // Scale above 9 without decimal v3.
    let t2 = table(
        "db",
        "t",
        KeyKind::Duplicate,
        &["id"],
        vec![
            col("id", DataType::int(32), "int"),
            typed(col("d", DataType::decimal(20, 10), ""), "DECIMAL(20,10)"),
        ],
    );
    let mut p = plan(SourceKind::Mysql, vec![t2.clone()]);
    p.target.use_decimal_v3 = false;
    assert_eq!(rules_in(&t2, &p), ["decimal-limit"]);
}

#[test]
fn string_lengths_and_type_versions() {
    let t = table(
        "db",
        "t",
        KeyKind::Duplicate,
        &["id"],
        vec![
            col("id", DataType::int(32), "int"),
            typed(col("c", DataType::Boolean, ""), "CHAR(256)"),
            typed(col("v", DataType::Boolean, ""), "VARCHAR(2000000)"),
            typed(col("x", DataType::Boolean, ""), "VARCHAR(x)"),
        ],
    );
    assert_eq!(rules(&t), ["char-limit", "varchar-limit", "type-syntax"]);
    let t = table(
        "db",
        "t",
        KeyKind::Duplicate,
        &["id"],
        vec![
            col("id", DataType::int(32), "int"),
            typed(col("j", DataType::Boolean, ""), "JSON"),
            typed(col("m", DataType::Boolean, ""), "MAP<INT,INT>"),
            typed(col("b", DataType::Boolean, ""), "VARBINARY(3)"),
        ],
    );
    let mut p = plan(SourceKind::Mysql, vec![t.clone()]);
    p.target.version = StarRocksVersion::new(2, 1, 0);
    assert_eq!(
        rules_in(&t, &p),
        ["type-version", "type-version", "type-version"]
    );
}

#[test]
fn distribution_on_non_key_column() {
    let mut t = simple();
    t.distribution = Distribution::Hash {
        columns: vec!["name".into()],
    };
    assert_eq!(rules(&t), ["distribution-not-key"]);
    // Fine for a DUPLICATE KEY table.
    t.key.kind = KeyKind::Duplicate;
    assert!(rules(&t).is_empty());
    t.distribution = Distribution::Hash {
        columns: vec!["ghost".into()],
    };
    assert_eq!(rules(&t), ["distribution-column-missing"]);
    t.distribution = Distribution::Hash { columns: vec![] };
    assert_eq!(rules(&t), ["distribution-empty"]);
}

#[test]
fn random_distribution() {
    let mut t = simple();
    t.distribution = Distribution::Random;
    assert_eq!(rules(&t), ["distribution-random"]);
    t.key.kind = KeyKind::Duplicate;
    assert!(rules(&t).is_empty());
    let mut p = plan(SourceKind::Mysql, vec![t.clone()]);
    p.target.version = StarRocksVersion::new(3, 0, 0);
    assert_eq!(rules_in(&t, &p), ["distribution-random"]);
}

#[test]
fn bucket_counts() {
    let mut t = simple();
    t.buckets = Buckets::Fixed(0);
    assert_eq!(rules(&t), ["buckets-range"]);
    t.buckets = Buckets::Fixed(1025);
    assert_eq!(rules(&t), ["buckets-range"]);
    t.buckets = Buckets::Fixed(1024);
    assert!(rules(&t).is_empty());
    t.buckets = Buckets::Auto;
    assert!(rules(&t).is_empty());
    let mut p = plan(SourceKind::Mysql, vec![t.clone()]);
    p.target.version = StarRocksVersion::new(2, 5, 6);
    assert_eq!(rules_in(&t, &p), ["buckets-range"]);
}

#[test]
fn replication_above_be_num() {
    let mut t = simple();
    t.properties = vec![("replication_num".into(), "3".into())];
    let v = check_table(&t, &plan(SourceKind::Mysql, vec![t.clone()]));
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].rule, "replication-num");
    assert!(v[0].message.contains("be_num (1)"));
    t.properties = vec![("replication_num".into(), "zero".into())];
    assert_eq!(rules(&t), ["replication-num"]);
}

#[test]
fn unknown_and_too_new_properties() {
    let mut t = simple();
    t.properties
        .push(("dynamic_partitoin.end".into(), "3".into()));
    assert_eq!(rules(&t), ["unknown-property"]);
    let mut t = simple();
    t.properties
        .push(("fast_schema_evolution".into(), "true".into()));
    assert!(rules(&t).is_empty());
    let mut p = plan(SourceKind::Mysql, vec![t.clone()]);
    p.target.version = StarRocksVersion::new(3, 1, 0);
    assert_eq!(rules_in(&t, &p), ["unknown-property"]);
    let mut t = simple();
    t.properties.push(("replication_num".into(), "1".into()));
    assert_eq!(rules(&t), ["duplicate-property"]);
}

#[test]
fn dynamic_partition_properties() {
    let mut t = simple();
    t.properties
        .push(("dynamic_partition.enable".into(), "true".into()));
    t.properties
        .push(("dynamic_partition.time_unit".into(), "DAY".into()));
    // No RANGE partition and no `end`.
    assert_eq!(rules(&t), ["dynamic-partition", "dynamic-partition"]);
}

#[test]
fn partition_rules() {
    let mut t = table(
        "db",
        "t",
        KeyKind::Primary,
        &["id"],
        vec![
            key(col("id", DataType::int(64), "bigint")),
            col("dt", DataType::Date, "date"),
        ],
    );
    t.partition = Some(Partitioning {
        column: "dt".into(),
        spec: PartitionSpec::DateTrunc { unit: "day".into() },
    });
    assert_eq!(rules(&t), ["partition-not-key"]);
    t.partition = Some(Partitioning {
        column: "ghost".into(),
        spec: PartitionSpec::DateTrunc { unit: "day".into() },
    });
    assert_eq!(rules(&t), ["partition-column-missing"]);
    t.key.kind = KeyKind::Duplicate;
    t.partition = Some(Partitioning {
        column: "id".into(),
        spec: PartitionSpec::DateTrunc {
            unit: "fortnight".into(),
        },
    });
    assert_eq!(rules(&t), ["partition-type", "partition-spec"]);
    t.partition = Some(Partitioning {
        column: "dt".into(),
        spec: PartitionSpec::Range {
            start: "2021-01-01".into(),
            end: "2022-01-01".into(),
            every: 0,
            unit: "month".into(),
        },
    });
    assert_eq!(rules(&t), ["partition-spec"]);
}

#[test]
fn names() {
    let t = table(
        "db",
        "t",
        KeyKind::Duplicate,
        &["id"],
        vec![
            col("id", DataType::int(32), "int"),
            col("ID", DataType::int(32), "int"),
            col("", DataType::int(32), "int"),
            col("__op", DataType::int(32), "int"),
            col(&"x".repeat(1025), DataType::int(32), "int"),
        ],
    );
    assert_eq!(
        rules(&t),
        [
            "duplicate-column",
            "identifier-empty",
            "reserved-column-name",
            "identifier-too-long"
        ]
    );
    let mut t = simple();
    t.database = String::new();
    assert_eq!(rules(&t), ["identifier-empty"]);
}

#[test]
fn aggregate_rules() {
    let mut t = table(
        "db",
        "t",
        KeyKind::Aggregate,
        &["id"],
        vec![
            col("id", DataType::int(32), "int"),
            col("n", DataType::int(64), "bigint"),
            col("s", DataType::varchar(5, 4), "varchar(5)"),
            col("m", DataType::int(64), "bigint"),
        ],
    );
    t.columns[1].aggregate = Some("SUM".into());
    t.columns[2].aggregate = Some("SUM".into());
    t.columns[3].aggregate = None;
    assert_eq!(rules(&t), ["aggregate-type", "aggregate-missing"]);
    t.columns[2].aggregate = Some("REPLACE".into());
    t.columns[3].aggregate = Some("AVG".into());
    assert_eq!(rules(&t), ["aggregate-function"]);
    t.columns[3].aggregate = Some("max".into());
    assert!(rules(&t).is_empty());
    t.columns[0].aggregate = Some("SUM".into());
    assert_eq!(rules(&t), ["aggregate-not-allowed"]);
    let mut p = simple();
    p.columns[1].aggregate = Some("SUM".into());
    assert_eq!(rules(&p), ["aggregate-not-allowed"]);
}

#[test]
fn varbinary_in_aggregate_table() {
    let mut t = table(
        "db",
        "t",
        KeyKind::Aggregate,
        &["id"],
        vec![
            col("id", DataType::int(32), "int"),
            col("b", DataType::Varbinary { length: Some(4) }, "varbinary(4)"),
        ],
    );
    t.columns[1].aggregate = Some("REPLACE".into());
    assert_eq!(rules(&t), ["type-model"]);
}

#[test]
fn primary_key_size_is_a_warning() {
    let t = table(
        "db",
        "t",
        KeyKind::Primary,
        &["a", "b"],
        vec![
            key(col("a", DataType::varchar(40, 4), "varchar(40)")),
            key(col("b", DataType::int(32), "int")),
        ],
    );
    let p = plan(SourceKind::Mysql, vec![t.clone()]);
    assert!(check_table(&t, &p).is_empty());
    let w = table_warnings(&t, &p);
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].code, "primary-key-size");
    assert!(w[0].message.contains("166 bytes"), "{}", w[0].message);
    assert!(table_warnings(&simple(), &p).is_empty());
}

#[test]
fn emit_refuses_and_lists_every_violation() {
    let mut bad = simple();
    bad.buckets = Buckets::Fixed(0);
    let mut bad2 = simple();
    bad2.name = "u".into();
    bad2.properties.push(("nonsense".into(), "1".into()));
    let p = plan(SourceKind::Mysql, vec![bad.clone(), bad2]);
    let err = emit(&p).unwrap_err();
    let EmitError::Violations(v) = &err else {
        panic!("expected violations, got {err}")
    };
    assert_eq!(v.len(), 2);
    let text = err.to_string();
    assert!(text.starts_with("2 StarRocks rule violation(s):"), "{text}");
    assert!(text.contains("db.t: [buckets-range]"));
    assert!(text.contains("db.u: [unknown-property]"));
    assert!(create_table_sql(&bad, &p).is_err());
}
