//! Golden files: one small hand-built plan per source kind, the whole emitted output reviewed and
//! committed under `tests/snapshots/`.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use smt_flink::emit;
use smt_ir::{ColumnOrigin, DataType, KeyKind, Plan, SourceKind, TableName, TimeZoneKind};

/// All files of a plan and its warnings, as one text.
fn render(plan: &Plan) -> String {
    let out = emit(plan).expect("emit");
    let mut s = String::new();
    for f in &out.files {
        s.push_str(&format!(
            "===== {} (contains_secret: {}) =====\n{}",
            f.name, f.contains_secret, f.contents
        ));
    }
    s.push_str("===== warnings =====\n");
    for w in &out.warnings {
        s.push_str(&format!("{:?} {w}\n", w.severity));
    }
    s
}

fn mysql_plan() -> Plan {
    let mut orders = table(
        "shop",
        "orders",
        TableName::new("shop", "orders"),
        vec![
            key("id", DataType::uint(64), "bigint unsigned"),
            nn("customer", DataType::varchar(255, 4), "varchar(255)"),
            c("price", DataType::decimal(10, 2), "decimal(10,2)"),
            c(
                "paid",
                DataType::Integer {
                    bits: 8,
                    unsigned: false,
                    display_width: Some(1),
                },
                "tinyint(1)",
            ),
            c("created", ts(Some(3), TimeZoneKind::None), "datetime(3)"),
            c("updated", ts(None, TimeZoneKind::Local), "timestamp"),
            c(
                "slot",
                DataType::Time {
                    precision: Some(0),
                    with_time_zone: false,
                },
                "time",
            ),
            c(
                "tags",
                DataType::Set {
                    values: vec!["a".into(), "b".into()],
                },
                "set('a','b')",
            ),
            c(
                "flags",
                DataType::Bit {
                    length: 12,
                    varying: false,
                },
                "bit(12)",
            ),
            c("doc", DataType::Json { binary: false }, "json"),
            c("big", DataType::decimal(50, 10), "decimal(50,10)"),
        ],
        KeyKind::Primary,
        &["id"],
    );
    orders.flink_source_options =
        opts(&[("server-id", "5400-5403"), ("scan.startup.mode", "initial")]);
    let mut odd = table(
        "shop",
        "my.t`able$1",
        TableName::new("shop", "my.t`able$1"),
        vec![key("id", DataType::int(32), "int"), c("n", text(), "text")],
        KeyKind::Primary,
        &["id"],
    );
    odd.flink_source_options = opts(&[("server-id", "5400-5403")]);

    let shards = merged(
        table(
            "edu_db__auto_shard",
            "edu_db__auto_shard__course__auto_shard",
            TableName::new("edu_db_1", "course_1"),
            vec![
                identity("_db", ColumnOrigin::SourceDatabase),
                identity("_table", ColumnOrigin::SourceTable),
                key("id", DataType::int(64), "bigint"),
                c("title", DataType::varchar(100, 4), "varchar(100)"),
            ],
            KeyKind::Primary,
            &["_db", "_table", "id"],
        ),
        "edu_db_[0-9]+",
        None,
        "course_[0-9]+",
        vec![
            TableName::new("edu_db_1", "course_1"),
            TableName::new("edu_db_2", "course_2"),
        ],
    );

    let logs = table(
        "shop",
        "logs",
        TableName::new("shop", "logs"),
        vec![
            nn("at", ts(Some(6), TimeZoneKind::None), "datetime(6)"),
            c("line", text(), "text"),
            c("payload", DataType::Blob { max_bytes: None }, "blob"),
        ],
        KeyKind::Duplicate,
        &["at"],
    );
    plan(
        SourceKind::Mysql,
        vec![
            rule("1", vec![orders, odd]),
            rule("shards", vec![shards]),
            rule("nokey", vec![logs]),
        ],
    )
}

#[test]
fn mysql() {
    insta::assert_snapshot!("mysql", render(&mysql_plan()));
}

#[test]
fn mysql_without_statement_set() {
    let mut p = mysql_plan();
    p.flink.statement_set = false;
    p.rules.truncate(1);
    insta::assert_snapshot!("mysql_no_statement_set", render(&p));
}

fn postgres_plan() -> Plan {
    let orders = table(
        "shop",
        "public__orders",
        TableName::with_schema("shop", "public", "orders"),
        vec![
            key("id", DataType::int(64), "bigint"),
            c(
                "amount",
                DataType::Decimal {
                    precision: None,
                    scale: None,
                },
                "numeric",
            ),
            c(
                "at",
                ts(Some(3), TimeZoneKind::Local),
                "timestamp(3) with time zone",
            ),
            c("body", DataType::Varbinary { length: None }, "bytea"),
            c(
                "ids",
                DataType::Array {
                    element: Box::new(DataType::int(32)),
                    dimensions: 1,
                },
                "integer[]",
            ),
            c("spent", DataType::Interval { fields: None }, "interval"),
            c(
                "ok",
                DataType::Bit {
                    length: 1,
                    varying: false,
                },
                "bit(1)",
            ),
            c("u", DataType::Uuid, "uuid"),
        ],
        KeyKind::Primary,
        &["id"],
    );
    // a shard group spread over two databases: one source per database
    let shards = merged(
        table(
            "sales",
            "public__events",
            TableName::with_schema("sales_1", "public", "events_1"),
            vec![
                identity("src_db", ColumnOrigin::SourceDatabase),
                identity("src_schema", ColumnOrigin::SourceSchema),
                identity("src_table", ColumnOrigin::SourceTable),
                key("id", DataType::int(64), "bigint"),
                c("kind", text(), "text"),
            ],
            KeyKind::Primary,
            &["src_db", "src_schema", "src_table", "id"],
        ),
        "sales_[0-9]+",
        Some("public"),
        "events_[0-9]+",
        vec![
            TableName::with_schema("sales_1", "public", "events_1"),
            TableName::with_schema("sales_1", "public", "events_2"),
            TableName::with_schema("sales_2", "public", "events_1"),
        ],
    );
    // two tables of a rule that names a slot: a prefix, not one shared slot
    let mut a = table(
        "shop",
        "ops__a",
        TableName::with_schema("shop", "ops", "a"),
        vec![key("id", DataType::int(32), "integer")],
        KeyKind::Primary,
        &["id"],
    );
    a.flink_source_options = opts(&[("slot.name", "flink"), ("decoding.plugin.name", "wal2json")]);
    let mut b = table(
        "shop",
        "ops__b",
        TableName::with_schema("shop", "ops", "b"),
        vec![key("id", DataType::int(32), "integer")],
        KeyKind::Primary,
        &["id"],
    );
    b.flink_source_options = opts(&[("slot.name", "flink")]);
    plan(
        SourceKind::Pgsql,
        vec![
            rule("1", vec![orders]),
            rule("2", vec![shards]),
            rule("3", vec![a, b]),
        ],
    )
}

#[test]
fn postgres() {
    insta::assert_snapshot!("postgres", render(&postgres_plan()));
}

fn sqlserver_plan() -> Plan {
    let t = table(
        "erp",
        "dbo__orders",
        TableName::with_schema("erp", "dbo", "orders"),
        vec![
            key("id", DataType::int(32), "int"),
            c("qty", DataType::uint(8), "tinyint"),
            c("price", DataType::decimal(19, 4), "money"),
            c("ratio", DataType::Float { bits: 32 }, "real"),
            c(
                "code",
                DataType::Char {
                    length: 3,
                    max_bytes_per_char: 1,
                },
                "char(3)",
            ),
            c("name", DataType::varchar(50, 2), "nvarchar(50)"),
            c("at", ts(None, TimeZoneKind::None), "datetime2"),
            c(
                "at_tz",
                ts(Some(3), TimeZoneKind::Offset),
                "datetimeoffset(3)",
            ),
            c(
                "t",
                DataType::Time {
                    precision: Some(3),
                    with_time_zone: false,
                },
                "time(3)",
            ),
            c("g", DataType::Uuid, "uniqueidentifier"),
        ],
        KeyKind::Primary,
        &["id"],
    );
    plan(SourceKind::Sqlserver, vec![rule("1", vec![t])])
}

#[test]
fn sqlserver() {
    insta::assert_snapshot!("sqlserver", render(&sqlserver_plan()));
}

fn oracle_plan() -> Plan {
    let emp = table(
        "ORCLPDB1",
        "SCOTT__EMP",
        TableName::with_schema("ORCLPDB1", "SCOTT", "EMP"),
        vec![
            key("EMPNO", DataType::decimal(4, 0), "NUMBER(4)"),
            c("ENAME", DataType::varchar(10, 1), "VARCHAR2(10)"),
            c("SAL", DataType::decimal(7, 2), "NUMBER(7,2)"),
            c("HIREDATE", DataType::Date, "DATE"),
            c(
                "BONUS",
                DataType::Decimal {
                    precision: None,
                    scale: None,
                },
                "NUMBER",
            ),
            c(
                "STAMP",
                ts(Some(6), TimeZoneKind::Offset),
                "TIMESTAMP(6) WITH TIME ZONE",
            ),
            c("RATE", DataType::Float { bits: 64 }, "BINARY_DOUBLE"),
        ],
        KeyKind::Primary,
        &["EMPNO"],
    );
    let mut p = plan(SourceKind::Oracle, vec![rule("1", vec![emp])]);
    p.connection
        .facts
        .push(("oracle.cdb-name".into(), "ORCLCDB".into()));
    p
}

#[test]
fn oracle() {
    insta::assert_snapshot!("oracle", render(&oracle_plan()));
}

fn tidb_plan() -> Plan {
    let t = table(
        "shop",
        "orders",
        TableName::new("shop", "orders"),
        vec![
            key("id", DataType::int(64), "bigint"),
            c("at", ts(Some(3), TimeZoneKind::Local), "timestamp(3)"),
        ],
        KeyKind::Primary,
        &["id"],
    );
    let shards = merged(
        table(
            "shard",
            "shard__t__auto_shard",
            TableName::new("shard_1", "t_1"),
            vec![
                identity("_db", ColumnOrigin::SourceDatabase),
                identity("_t", ColumnOrigin::SourceTable),
                key("id", DataType::int(64), "bigint"),
            ],
            KeyKind::Primary,
            &["_db", "_t", "id"],
        ),
        "shard_[0-9]+",
        None,
        "t_1",
        vec![
            TableName::new("shard_1", "t_1"),
            TableName::new("shard_2", "t_1"),
        ],
    );
    let mut p = plan(SourceKind::Tidb, vec![rule("1", vec![t, shards])]);
    p.connection
        .facts
        .push(("tidb.pd-addresses".into(), "pd1:2379,pd2:2379".into()));
    p
}

#[test]
fn tidb() {
    insta::assert_snapshot!("tidb", render(&tidb_plan()));
}

fn hive_plan() -> Plan {
    let mut t = table(
        "dw",
        "events",
        TableName::new("dw", "events"),
        vec![
            c("id", DataType::int(64), "bigint"),
            c("payload", DataType::Blob { max_bytes: None }, "binary"),
            c("at", ts(None, TimeZoneKind::None), "timestamp"),
            c(
                "tags",
                DataType::Array {
                    element: Box::new(text()),
                    dimensions: 1,
                },
                "array<string>",
            ),
            c("dt", text(), "string"),
        ],
        KeyKind::Duplicate,
        &["id"],
    );
    t.flink_source_options = opts(&[
        ("hive-conf-dir", "/etc/hive/conf"),
        ("source.monitor-interval", "10 s"),
    ]);
    let shards = merged(
        table(
            "dw",
            "logs__auto_shard",
            TableName::new("dw", "logs_1"),
            vec![
                identity("_table", ColumnOrigin::SourceTable),
                c("line", text(), "string"),
            ],
            KeyKind::Duplicate,
            &["_table"],
        ),
        "dw",
        None,
        "logs_[0-9]+",
        vec![
            TableName::new("dw", "logs_1"),
            TableName::new("dw", "logs_2"),
        ],
    );
    plan(SourceKind::Hive, vec![rule("1", vec![t, shards])])
}

#[test]
fn hive() {
    insta::assert_snapshot!("hive", render(&hive_plan()));
}

fn clickhouse_plan() -> Plan {
    let t = table(
        "metrics",
        "hits",
        TableName::new("metrics", "hits"),
        vec![
            key("id", DataType::uint(64), "UInt64"),
            c("url", text(), "String"),
            c("at", ts(Some(9), TimeZoneKind::None), "DateTime64(9)"),
            c("n", DataType::uint(32), "UInt32"),
            c(
                "dims",
                DataType::Array {
                    element: Box::new(DataType::int(32)),
                    dimensions: 1,
                },
                "Array(Int32)",
            ),
        ],
        KeyKind::Duplicate,
        &["id"],
    );
    let mut p = plan(SourceKind::Clickhouse, vec![rule("1", vec![t])]);
    p.connection.port = 8123;
    p
}

#[test]
fn clickhouse() {
    insta::assert_snapshot!("clickhouse", render(&clickhouse_plan()));
}

/// One column of every IR type, for every source kind: the planner must accept all of them.
fn type_zoo_plan(source: SourceKind) -> Plan {
    let ts_p = |p: Option<u8>, tz| DataType::Timestamp {
        precision: p,
        time_zone: tz,
    };
    let types: Vec<(DataType, &str)> = vec![
        (DataType::Boolean, "boolean"),
        (DataType::int(8), "tinyint"),
        (DataType::uint(8), "tinyint unsigned"),
        (
            DataType::Integer {
                bits: 8,
                unsigned: false,
                display_width: Some(1),
            },
            "tinyint(1)",
        ),
        (DataType::int(16), "smallint"),
        (DataType::uint(16), "smallint unsigned"),
        (DataType::int(24), "mediumint"),
        (DataType::int(32), "int"),
        (DataType::uint(32), "int unsigned"),
        (DataType::int(64), "bigint"),
        (DataType::uint(64), "bigint unsigned"),
        (DataType::int(128), "int128"),
        (DataType::decimal(10, 2), "decimal(10,2)"),
        (DataType::decimal(38, 0), "decimal(38,0)"),
        (DataType::decimal(65, 4), "decimal(65,4)"),
        (DataType::decimal(5, -2), "number(5,-2)"),
        (DataType::decimal(2, 5), "number(2,5)"),
        (
            DataType::Decimal {
                precision: None,
                scale: None,
            },
            "numeric",
        ),
        (DataType::Float { bits: 32 }, "float"),
        (DataType::Float { bits: 64 }, "double"),
        (
            DataType::Char {
                length: 10,
                max_bytes_per_char: 4,
            },
            "char(10)",
        ),
        (
            DataType::Char {
                length: 0,
                max_bytes_per_char: 4,
            },
            "char(0)",
        ),
        (DataType::varchar(255, 4), "varchar(255)"),
        (
            DataType::Varchar {
                length: None,
                max_bytes_per_char: 4,
            },
            "varchar",
        ),
        (text(), "text"),
        (DataType::Binary { length: 16 }, "binary(16)"),
        (DataType::Varbinary { length: Some(100) }, "varbinary(100)"),
        (DataType::Varbinary { length: None }, "varbinary"),
        (DataType::Blob { max_bytes: None }, "blob"),
        (DataType::Date, "date"),
        (
            DataType::Time {
                precision: Some(6),
                with_time_zone: false,
            },
            "time(6)",
        ),
        (
            DataType::Time {
                precision: None,
                with_time_zone: true,
            },
            "timetz",
        ),
        (ts_p(None, TimeZoneKind::None), "datetime"),
        (ts_p(Some(9), TimeZoneKind::None), "timestamp(9)"),
        (
            ts_p(Some(3), TimeZoneKind::Local),
            "timestamp with local time zone",
        ),
        (ts_p(Some(7), TimeZoneKind::Offset), "datetimeoffset(7)"),
        (ts_p(Some(12), TimeZoneKind::None), "timestamp(12)"),
        (DataType::Interval { fields: None }, "interval"),
        (DataType::Year, "year"),
        (DataType::Json { binary: true }, "jsonb"),
        (DataType::Uuid, "uuid"),
        (
            DataType::Enum {
                values: vec!["a".into()],
            },
            "enum",
        ),
        (
            DataType::Set {
                values: vec!["a".into()],
            },
            "set",
        ),
        (
            DataType::Bit {
                length: 1,
                varying: false,
            },
            "bit(1)",
        ),
        (
            DataType::Bit {
                length: 24,
                varying: false,
            },
            "bit(24)",
        ),
        (
            DataType::Array {
                element: Box::new(DataType::int(32)),
                dimensions: 1,
            },
            "int[]",
        ),
        (
            DataType::Array {
                element: Box::new(DataType::Blob { max_bytes: None }),
                dimensions: 1,
            },
            "bytea[]",
        ),
        (
            DataType::Array {
                element: Box::new(text()),
                dimensions: 2,
            },
            "text[][]",
        ),
        (
            DataType::Map {
                key: Box::new(text()),
                value: Box::new(DataType::Time {
                    precision: Some(0),
                    with_time_zone: false,
                }),
            },
            "map<string,time>",
        ),
        (
            DataType::Struct {
                fields: vec![
                    smt_ir::StructField {
                        name: "a`b".into(),
                        data_type: DataType::int(32),
                    },
                    smt_ir::StructField {
                        name: "bin".into(),
                        data_type: DataType::Blob { max_bytes: None },
                    },
                ],
            },
            "struct",
        ),
        (
            DataType::Spatial {
                kind: "point".into(),
            },
            "point",
        ),
        (DataType::Xml, "xml"),
        (
            DataType::Other {
                native: "inet".into(),
            },
            "inet",
        ),
    ];
    let mut columns = vec![key("id", DataType::int(64), "bigint")];
    for (i, (dt, native)) in types.into_iter().enumerate() {
        columns.push(c(&format!("c{i}"), dt, native));
    }
    let t = table(
        "zoo",
        "all_types",
        TableName::with_schema("zoo", "s", "all_types"),
        columns,
        KeyKind::Primary,
        &["id"],
    );
    let mut p = plan(source, vec![rule("1", vec![t])]);
    p.connection
        .facts
        .push(("tidb.pd-addresses".into(), "pd:2379".into()));
    p
}

/// The column lines of the CREATE TABLE whose name ends with `suffix`, by column name.
fn column_types(sql: &str, suffix: &str) -> Vec<(String, String)> {
    let start = sql.find(&format!("{suffix}` (")).expect("table");
    let body = &sql[start..];
    let body = &body[body.find('\n').unwrap() + 1..body.find("\n)").unwrap()];
    body.lines()
        .filter(|l| l.starts_with("  `"))
        .map(|l| {
            let l = l.trim().trim_end_matches(',');
            let end = l[1..].find('`').unwrap() + 1;
            (l[1..end].to_string(), l[end + 2..].to_string())
        })
        .collect()
}

/// Every IR type per source: `native: source type | sink type`, plus the warnings.
#[test]
fn type_zoo() {
    let mut out = String::new();
    for source in SourceKind::ALL {
        let plan = type_zoo_plan(source);
        let emitted = emit(&plan).unwrap();
        let sql = &emitted.files[0].contents;
        let sink = column_types(sql, "all_types_sink");
        let src = if source == SourceKind::Hive {
            sink.clone()
        } else {
            column_types(sql, "all_types_src")
        };
        out.push_str(&format!("== {source}\n"));
        let natives = &plan.rules[0].tables[0].columns;
        for ((name, s), (_, k)) in src.iter().zip(&sink) {
            let native = natives
                .iter()
                .find(|c| c.name() == name)
                .map(|c| c.column.native_type.clone())
                .unwrap_or_default();
            let cast = if sql.contains(&format!("CAST(`{name}` AS ")) {
                " (cast)"
            } else {
                ""
            };
            out.push_str(&format!("{native}: {s} | {k}{cast}\n"));
        }
        for w in &emitted.warnings {
            out.push_str(&format!("  {:?} {w}\n", w.severity));
        }
    }
    insta::assert_snapshot!("type_zoo", out);
}

/// Run the golden plans' files through the real Flink 1.20.3 planner (`tests/flink-check`, needs
/// Java 17 and downloads the Flink jars on first use):
/// `SMT_FLINK_CHECK=1 cargo test -p smt-flink --test golden -- --ignored`.
#[test]
#[ignore = "needs Java and the Flink jars; run with SMT_FLINK_CHECK=1 and --ignored"]
fn flink_planner_accepts_the_golden_files() {
    if std::env::var_os("SMT_FLINK_CHECK").is_none() {
        eprintln!("SMT_FLINK_CHECK is not set: skipped");
        return;
    }
    let mut no_set = mysql_plan();
    no_set.flink.statement_set = false;
    let plans = [
        ("mysql".to_string(), mysql_plan()),
        ("mysql_no_set".to_string(), no_set),
        ("postgres".to_string(), postgres_plan()),
        ("sqlserver".to_string(), sqlserver_plan()),
        ("oracle".to_string(), oracle_plan()),
        ("tidb".to_string(), tidb_plan()),
        ("hive".to_string(), hive_plan()),
        ("clickhouse".to_string(), clickhouse_plan()),
    ];
    let zoo = SourceKind::ALL.map(|k| (format!("zoo-{k}"), type_zoo_plan(k)));
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (kind, plan) in plans.iter().chain(zoo.iter()) {
        for f in emit(plan).unwrap().files {
            let path = dir.path().join(format!("{kind}-{}", f.name));
            std::fs::write(&path, &f.contents).unwrap();
            files.push(path);
        }
    }
    let checker =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/flink-check/run.sh");
    let status = std::process::Command::new(checker)
        .arg("--strict")
        .args(&files)
        .status()
        .unwrap();
    assert!(status.success(), "the Flink planner rejected a golden file");
}
