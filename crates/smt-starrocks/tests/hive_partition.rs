//! Hive tables: expression partitioning on the Hive partition columns (`PartitionSpec::Columns`),
//! rendered and checked.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use smt_ir::*;
use smt_starrocks::{check_table, create_table_sql, emit};

fn string() -> DataType {
    DataType::Text {
        max_bytes: None,
        max_bytes_per_char: 4,
    }
}

/// `events`: DUPLICATE KEY on the CLUSTERED BY columns, partitioned by Hive's `dt`, `hr`.
fn events() -> TargetTable {
    let mut t = table(
        "hv",
        "events",
        KeyKind::Duplicate,
        &["id", "code"],
        vec![
            key(col("id", DataType::int(64), "bigint")),
            key(col(
                "code",
                DataType::Char {
                    length: 10,
                    max_bytes_per_char: 4,
                },
                "char(10)",
            )),
            col("name", string(), "string"),
            col("dt", string(), "string"),
            col("hr", DataType::int(32), "int"),
        ],
    );
    for c in &mut t.columns {
        c.column.nullable = true;
    }
    t.key.origin = "Hive CLUSTERED BY".into();
    t.buckets = Buckets::Auto;
    t.partition = Some(Partitioning {
        column: "dt".into(),
        spec: PartitionSpec::Columns {
            columns: vec!["dt".into(), "hr".into()],
        },
    });
    t
}

fn rules(t: &TargetTable, version: StarRocksVersion) -> Vec<&'static str> {
    let mut p = plan(SourceKind::Hive, vec![t.clone()]);
    p.target.version = version;
    check_table(t, &p).into_iter().map(|v| v.rule).collect()
}

#[test]
fn partition_by_columns_ddl() {
    let t = events();
    let p = plan(SourceKind::Hive, vec![t.clone()]);
    let sql = create_table_sql(&t, &p).unwrap();
    insta::assert_snapshot!("hive-partition-columns.sql", sql);
    assert!(sql.contains("\nPARTITION BY `dt`, `hr`\nDISTRIBUTED BY HASH(`id`, `code`)"));
    // The whole emit (checks included) accepts it.
    let e = emit(&p).unwrap();
    let all = e
        .files
        .iter()
        .find(|f| f.name == "starrocks-create.all.sql")
        .unwrap();
    assert!(all.contents.contains("PARTITION BY `dt`, `hr`"));
}

#[test]
fn partition_by_one_date_column_ddl() {
    let mut t = events();
    t.columns.push(col("ds", DataType::Date, "date"));
    t.partition = Some(Partitioning {
        column: "ds".into(),
        spec: PartitionSpec::DateTrunc { unit: "day".into() },
    });
    let p = plan(SourceKind::Hive, vec![t.clone()]);
    let sql = create_table_sql(&t, &p).unwrap();
    assert!(
        sql.contains("\nPARTITION BY date_trunc('day', `ds`)\nDISTRIBUTED BY"),
        "{sql}"
    );
}

#[test]
fn partition_columns_are_checked() {
    let t = events();
    assert!(rules(&t, StarRocksVersion::new(3, 1, 0)).is_empty());
    assert_eq!(
        rules(&t, StarRocksVersion::new(3, 0, 9)),
        ["partition-spec"]
    );

    let mut t = events();
    t.columns
        .push(col("ratio", DataType::Float { bits: 64 }, "double"));
    t.partition = Some(Partitioning {
        column: "dt".into(),
        spec: PartitionSpec::Columns {
            columns: vec!["dt".into(), "ratio".into(), "ghost".into()],
        },
    });
    assert_eq!(
        rules(&t, StarRocksVersion::DEFAULT),
        ["partition-type", "partition-column-missing"]
    );

    // A PRIMARY KEY table needs every partition column in the key.
    let mut t = events();
    t.key.kind = KeyKind::Primary;
    t.key.columns = vec!["id".into(), "dt".into()];
    t.columns.swap(1, 3);
    for c in &mut t.columns {
        c.is_key = c.name() == "id" || c.name() == "dt";
        if c.is_key {
            c.column.nullable = false;
            c.starrocks_type = Some(match c.name() {
                "dt" => "VARCHAR(1024)".into(),
                _ => "BIGINT".into(),
            });
        }
    }
    t.distribution = Distribution::Hash {
        columns: vec!["id".into()],
    };
    assert_eq!(rules(&t, StarRocksVersion::DEFAULT), ["partition-not-key"]);
}
