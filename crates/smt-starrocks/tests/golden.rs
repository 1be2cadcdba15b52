//! Golden files for a small hand-built plan: every file `emit` writes, byte for byte.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use smt_ir::*;
use smt_starrocks::{Emitted, create_table_sql, emit};

fn with_default(mut c: TargetColumn, d: DefaultValue) -> TargetColumn {
    c.column.default = Some(d);
    c
}

fn with_comment(mut c: TargetColumn, s: &str) -> TargetColumn {
    c.column.comment = Some(s.into());
    c
}

fn golden_plan(source: SourceKind) -> Plan {
    // 1. Primary key, escaping of every kind, defaults.
    let mut orders = table(
        "shop",
        "orders",
        KeyKind::Primary,
        &["order_id"],
        vec![
            with_comment(
                key(col("order_id", DataType::uint(32), "int unsigned")),
                "PK",
            ),
            with_comment(
                col("customer", DataType::varchar(64, 4), "varchar(64)"),
                "the \"buyer\"\nsecond line \\ backslash",
            ),
            with_default(
                col("price", DataType::decimal(10, 2), "decimal(10,2)"),
                DefaultValue::Literal("0.00".into()),
            ),
            with_default(
                col(
                    "created",
                    DataType::Timestamp {
                        precision: Some(0),
                        time_zone: TimeZoneKind::None,
                    },
                    "datetime",
                ),
                DefaultValue::Expression("CURRENT_TIMESTAMP".into()),
            ),
            with_default(
                col(
                    "status",
                    DataType::Enum {
                        values: vec!["new".into(), "paid".into()],
                    },
                    "enum('new','paid')",
                ),
                DefaultValue::Literal("say \"new\"".into()),
            ),
            with_default(
                col("attrs", DataType::Json { binary: false }, "json"),
                DefaultValue::Literal("{}".into()),
            ),
            col("we`ird", DataType::Boolean, "tinyint(1)"),
        ],
    );
    orders.comment = Some("Orders \"main\" table\nv2".into());
    orders.properties = vec![
        ("replication_num".into(), "1".into()),
        ("enable_persistent_index".into(), "true".into()),
    ];
    orders.external_properties = vec![("charset".into(), "utf8mb4".into())];

    // 2. Composite primary key, automatic buckets, distribution on part of the key.
    let mut items = table(
        "shop",
        "order_items",
        KeyKind::Primary,
        &["order_id", "line_no"],
        vec![
            key(col("order_id", DataType::uint(32), "int unsigned")),
            key(col("line_no", DataType::int(16), "smallint")),
            typed(
                with_default(
                    col(
                        "sku",
                        DataType::Char {
                            length: 12,
                            max_bytes_per_char: 1,
                        },
                        "char(12)",
                    ),
                    DefaultValue::Expression("uuid()".into()),
                ),
                "VARCHAR(36)",
            ),
            col("qty", DataType::int(32), "int"),
        ],
    );
    items.distribution = Distribution::Hash {
        columns: vec!["order_id".into()],
    };
    items.buckets = Buckets::Auto;

    // 3. Duplicate key with a monthly range partition and dynamic partitioning.
    let mut events = table(
        "metrics",
        "events",
        KeyKind::Duplicate,
        &["dt", "id"],
        vec![
            col("dt", DataType::Date, "date"),
            col("id", DataType::int(64), "bigint"),
            col(
                "payload",
                DataType::Text {
                    max_bytes: Some(65_535),
                    max_bytes_per_char: 4,
                },
                "text",
            ),
        ],
    );
    events.buckets = Buckets::Fixed(8);
    events.partition = Some(Partitioning {
        column: "dt".into(),
        spec: PartitionSpec::Range {
            start: "2021-01-01".into(),
            end: "2021-04-01".into(),
            every: 1,
            unit: "MONTH".into(),
        },
    });
    events.properties.extend([
        ("dynamic_partition.enable".into(), "true".into()),
        ("dynamic_partition.time_unit".into(), "MONTH".into()),
        ("dynamic_partition.end".into(), "3".into()),
        ("dynamic_partition.prefix".into(), "p".into()),
    ]);

    // 3b. Duplicate key, expression partition, random distribution.
    let mut clicks = table(
        "metrics",
        "clicks",
        KeyKind::Duplicate,
        &["ts"],
        vec![
            col(
                "ts",
                DataType::Timestamp {
                    precision: Some(3),
                    time_zone: TimeZoneKind::None,
                },
                "datetime(3)",
            ),
            col("url", DataType::varchar(2048, 4), "varchar(2048)"),
        ],
    );
    clicks.distribution = Distribution::Random;
    clicks.buckets = Buckets::Auto;
    clicks.partition = Some(Partitioning {
        column: "ts".into(),
        spec: PartitionSpec::DateTrunc { unit: "day".into() },
    });

    // 4. Merged shards with identity columns.
    let identity = |name: &str, origin: ColumnOrigin| TargetColumn {
        origin,
        is_key: true,
        ..TargetColumn::source(
            Column::new(name, DataType::varchar(64, 4), "varchar(64)").not_null(),
        )
    };
    let mut merged = table(
        "shop",
        "user_all",
        KeyKind::Primary,
        &["_db", "_tbl", "id"],
        vec![
            identity("_db", ColumnOrigin::SourceDatabase),
            identity("_tbl", ColumnOrigin::SourceTable),
            key(col("id", DataType::int(64), "bigint")),
            col("email", DataType::varchar(100, 4), "varchar(100)"),
        ],
    );
    merged.sources = vec![
        TableName::new("shop_0", "user_0"),
        TableName::new("shop_1", "user_1"),
    ];
    merged.selector = SourceSelector {
        database: "shop_[0-9]+".into(),
        schema: None,
        table: "user_[0-9]+".into(),
        is_pattern: true,
    };
    merged.distribution = Distribution::Hash {
        columns: vec!["id".into()],
    };
    merged.buckets = Buckets::Fixed(4);

    // 5. Aggregate model.
    let mut sales = table(
        "metrics",
        "daily_sales",
        KeyKind::Aggregate,
        &["day", "shop_id"],
        vec![
            col("day", DataType::Date, "date"),
            col("shop_id", DataType::int(32), "int"),
            col("amount", DataType::decimal(18, 2), "decimal(18,2)"),
            col("orders", DataType::int(64), "bigint"),
            col("last_status", DataType::varchar(16, 4), "varchar(16)"),
        ],
    );
    sales.columns[2].aggregate = Some("SUM".into());
    sales.columns[3].aggregate = Some("sum".into());
    sales.columns[4].aggregate = Some("REPLACE".into());

    let mut p = plan(source, vec![orders, items, merged]);
    p.rules.push(RulePlan {
        name: "2".into(),
        tables: vec![events, clicks, sales],
    });
    p
}

fn emitted(source: SourceKind) -> Emitted {
    emit(&golden_plan(source)).unwrap()
}

#[test]
fn mysql_files() {
    let e = emitted(SourceKind::Mysql);
    let names: Vec<&str> = e.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "starrocks-create.1.sql",
            "starrocks-create.2.sql",
            "starrocks-create.all.sql",
            "starrocks-external-create.1.sql",
            "starrocks-external-create.2.sql",
            "starrocks-external-create.all.sql",
        ]
    );
    for f in &e.files {
        assert_eq!(
            f.contains_secret,
            f.name.starts_with("starrocks-external"),
            "{}",
            f.name
        );
        insta::assert_snapshot!(f.name.clone(), f.contents);
    }
    let codes: Vec<(&str, Option<&str>)> = e
        .warnings
        .iter()
        .map(|w| (w.code.as_str(), w.column.as_deref()))
        .collect();
    assert_eq!(
        codes,
        [
            // The merged table's identity columns are VARCHAR(256) each.
            ("primary-key-size", None),
            ("default-dropped", Some("attrs")),
            ("default-dropped", Some("sku")),
            ("external-first-shard", None),
        ]
    );
}

#[test]
fn deterministic() {
    assert_eq!(emitted(SourceKind::Mysql), emitted(SourceKind::Mysql));
}

#[test]
fn sources_without_external_tables() {
    let e = emitted(SourceKind::Pgsql);
    assert_eq!(e.files.len(), 3);
    assert!(e.files.iter().all(|f| !f.contains_secret));
    // The OLAP DDL is the same whatever the source (only the type mapping depends on it).
    let m = emitted(SourceKind::Mysql);
    assert_eq!(e.files[0].contents, m.files[0].contents);
}

#[test]
fn no_secret_flag_without_password() {
    let mut p = golden_plan(SourceKind::Tidb);
    p.connection.password = Secret::new("");
    let e = emit(&p).unwrap();
    assert_eq!(e.files.len(), 6);
    assert!(e.files.iter().all(|f| !f.contains_secret));
}

#[test]
fn hive_external_files() {
    let mut p = golden_plan(SourceKind::Hive);
    p.connection.facts = vec![("hive.metastore-uris".into(), "thrift://hms:9083".into())];
    let e = emit(&p).unwrap();
    let all = e
        .files
        .iter()
        .find(|f| f.name == "starrocks-external-create.1.sql")
        .unwrap();
    assert!(!all.contains_secret);
    insta::assert_snapshot!("hive-external.1.sql", all.contents);
}

#[test]
fn single_statement() {
    let p = golden_plan(SourceKind::Mysql);
    let sql = create_table_sql(&p.rules[0].tables[1], &p).unwrap();
    assert!(sql.starts_with("CREATE TABLE IF NOT EXISTS `shop`.`order_items` ("));
    assert!(!sql.ends_with(';'));
}

#[test]
fn empty_rule_gives_empty_file() {
    let mut p = golden_plan(SourceKind::Pgsql);
    p.rules.push(RulePlan {
        name: "3".into(),
        tables: vec![],
    });
    let e = emit(&p).unwrap();
    let f = e
        .files
        .iter()
        .find(|f| f.name == "starrocks-create.3.sql")
        .unwrap();
    assert_eq!(f.contents, "");
}

#[test]
fn integer_range_partition_and_zero_dates() {
    let mut t = table(
        "db",
        "t",
        KeyKind::Duplicate,
        &["k"],
        vec![
            col("k", DataType::int(32), "int"),
            with_default(
                col(
                    "d",
                    DataType::Timestamp {
                        precision: None,
                        time_zone: TimeZoneKind::None,
                    },
                    "datetime",
                ),
                DefaultValue::Literal("0000-00-00 00:00:00".into()),
            ),
            with_default(col("n", DataType::Date, "date"), DefaultValue::Null),
            with_default(
                col("e", DataType::int(32), "int"),
                DefaultValue::Expression("CURRENT_TIMESTAMP".into()),
            ),
        ],
    );
    t.partition = Some(Partitioning {
        column: "k".into(),
        spec: PartitionSpec::Range {
            start: "1".into(),
            end: "5".into(),
            every: 1,
            unit: "".into(),
        },
    });
    t.properties.clear();
    let p = plan(SourceKind::Pgsql, vec![t]);
    let e = emit(&p).unwrap();
    let sql = &e.files[0].contents;
    assert!(
        sql.contains("PARTITION BY RANGE(`k`) (\n  START (\"1\") END (\"5\") EVERY (1)\n)"),
        "{sql}"
    );
    assert!(sql.contains("  `d` DATETIME NULL COMMENT \"\",\n"), "{sql}");
    assert!(sql.contains("  `n` DATE NULL COMMENT \"\",\n"), "{sql}");
    assert!(sql.contains("  `e` INT NULL COMMENT \"\"\n"), "{sql}");
    assert!(!sql.contains("PROPERTIES"));
    assert!(sql.ends_with("BUCKETS 1;\n"));
    let dropped: Vec<_> = e
        .warnings
        .iter()
        .filter(|w| w.code == "default-dropped")
        .collect();
    assert_eq!(dropped.len(), 2);
}

#[test]
fn verbatim_partitions() {
    let mut t = table(
        "db",
        "t",
        KeyKind::Duplicate,
        &["dt"],
        vec![col("dt", DataType::Date, "date")],
    );
    t.partition = Some(Partitioning {
        column: "dt".into(),
        spec: PartitionSpec::Verbatim {
            text: "PARTITION p1 VALUES LESS THAN (\"2021-01-01\")".into(),
        },
    });
    let p = plan(SourceKind::Mysql, vec![t.clone()]);
    let sql = create_table_sql(&t, &p).unwrap();
    assert!(
        sql.contains(
            "\nPARTITION BY RANGE(`dt`) (PARTITION p1 VALUES LESS THAN (\"2021-01-01\"))\n"
        ),
        "{sql}"
    );
}
