//! Live tests against two real ClickHouse engines (see `common`): ClickHouse 18.16 ("old") and
//! chDB 26.x behind an HTTP front ("modern"). Every scenario runs on both, as `<scenario>::old`
//! and `<scenario>::modern`; each owns databases named `smt_ch_<scenario>...`.

#![allow(clippy::unwrap_used)]

#[macro_use]
mod common;

use std::time::{Duration, Instant};

use common::*;
use smt_catalog::{ErrorKind, Secret, SourceCatalog, read_catalog};
use smt_ir::{
    Column, DataType, DefaultValue, Generated, StructField, Table, TableName, TimeZoneKind,
};
use smt_source_clickhouse::ClickhouseSource;

/// One test per server for an `async fn scenario(which: Which)`.
macro_rules! both {
    ($name:ident) => {
        mod $name {
            use super::*;
            #[tokio::test]
            async fn old() {
                live!();
                super::$name(Which::Old).await;
            }
            #[tokio::test]
            async fn modern() {
                live!();
                super::$name(Which::Modern).await;
            }
        }
    };
}

fn col<'a>(t: &'a Table, name: &str) -> &'a Column {
    t.columns
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("{} has no column {name}: {:#?}", t.name, t.columns))
}

fn find<'a>(tables: &'a [Table], name: &str) -> &'a Table {
    tables
        .iter()
        .find(|t| t.name.name == name)
        .unwrap_or_else(|| panic!("no table {name}"))
}

async fn read(which: Which, rules: &[(&str, &str)]) -> (Vec<Table>, ClickhouseSource) {
    let src = source(which).await;
    let cat = read_catalog(&src, &filter(rules))
        .await
        .unwrap_or_else(|e| panic!("read catalog: {e}"));
    (cat.tables, src)
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

fn ts(p: u8) -> DataType {
    DataType::Timestamp {
        precision: Some(p),
        time_zone: TimeZoneKind::Local,
    }
}

fn field(name: &str, dt: DataType) -> StructField {
    StructField {
        name: name.into(),
        data_type: dt,
    }
}

const OLD_TYPES: &str = r"CREATE TABLE {db}.all_types (
    c_i8 Int8, c_i16 Int16, c_i32 Int32, c_i64 Int64,
    c_u8 UInt8, c_u16 UInt16, c_u32 UInt32, c_u64 UInt64,
    c_f32 Float32, c_f64 Float64,
    c_dec Decimal(18, 4), c_dec32 Decimal32(2), c_dec128 Decimal128(3),
    c_str String, c_fs FixedString(4), c_uuid UUID,
    c_date Date, c_dt DateTime, c_dt_tz DateTime('Asia/Tokyo'),
    c_enum8 Enum8('a,b' = 1, 'it\'s' = 2, '(x)' = -3), c_enum16 Enum16('big' = 1000),
    c_n_str Nullable(String), c_n_dec Nullable(Decimal(10, 2)),
    c_lc LowCardinality(String), c_lc_n LowCardinality(Nullable(String)),
    c_arr Array(Int32), c_arr_n Array(Nullable(String)), c_arr2 Array(Array(UInt8)),
    c_tuple Tuple(Int8, String),
    n Nested(a UInt32, b String),
    c_agg AggregateFunction(uniq, String)
) ENGINE = MergeTree() ORDER BY c_i32";

const MODERN_TYPES: &str = r"CREATE TABLE {db}.modern_types (
    id UInt32,
    c_i128 Int128, c_i256 Int256, c_u128 UInt128, c_u256 UInt256,
    c_bool Bool, c_date32 Date32,
    c_dt64 DateTime64(3), c_dt64_tz DateTime64(6, 'UTC'), c_n_dt64 Nullable(DateTime64(9, 'UTC')),
    c_dec256 Decimal256(10),
    c_ipv4 IPv4, c_ipv6 IPv6,
    c_map Map(String, Array(UInt64)),
    c_ntuple Tuple(a Nullable(String), `b c` Decimal(9, 2)),
    c_json JSON,
    c_saf SimpleAggregateFunction(sum, UInt64),
    c_saf_n SimpleAggregateFunction(anyLast, Nullable(String))
) ENGINE = MergeTree ORDER BY id";

async fn types(which: Which) {
    let db = "smt_ch_types";
    let mut stmts = vec![OLD_TYPES];
    if which == Which::Modern {
        stmts.push(MODERN_TYPES);
    }
    fresh_db(which, db, &stmts).await;
    let (tables, _) = read(which, &[("^smt_ch_types$", ".*")]).await;
    let t = find(&tables, "all_types");
    assert_eq!(t.name, TableName::new(db, "all_types"));
    let expect: Vec<(&str, DataType, bool)> = vec![
        ("c_i8", DataType::int(8), false),
        ("c_i16", DataType::int(16), false),
        ("c_i32", DataType::int(32), false),
        ("c_i64", DataType::int(64), false),
        ("c_u8", DataType::uint(8), false),
        ("c_u16", DataType::uint(16), false),
        ("c_u32", DataType::uint(32), false),
        ("c_u64", DataType::uint(64), false),
        ("c_f32", DataType::Float { bits: 32 }, false),
        ("c_f64", DataType::Float { bits: 64 }, false),
        ("c_dec", DataType::decimal(18, 4), false),
        ("c_dec32", DataType::decimal(9, 2), false),
        ("c_dec128", DataType::decimal(38, 3), false),
        ("c_str", text(), false),
        ("c_fs", DataType::Binary { length: 4 }, false),
        ("c_uuid", DataType::Uuid, false),
        ("c_date", DataType::Date, false),
        ("c_dt", ts(0), false),
        ("c_dt_tz", ts(0), false),
        (
            "c_enum8",
            DataType::Enum {
                // The server lists enum values by number.
                values: vec!["(x)".into(), "a,b".into(), "it's".into()],
            },
            false,
        ),
        (
            "c_enum16",
            DataType::Enum {
                values: vec!["big".into()],
            },
            false,
        ),
        ("c_n_str", text(), true),
        ("c_n_dec", DataType::decimal(10, 2), true),
        ("c_lc", text(), false),
        ("c_lc_n", text(), true),
        ("c_arr", arr(DataType::int(32)), false),
        ("c_arr_n", arr(text()), false),
        ("c_arr2", arr(arr(DataType::uint(8))), false),
        (
            "c_tuple",
            DataType::Struct {
                fields: vec![field("_1", DataType::int(8)), field("_2", text())],
            },
            false,
        ),
        ("n.a", arr(DataType::uint(32)), false),
        ("n.b", arr(text()), false),
        (
            "c_agg",
            DataType::Other {
                native: "AggregateFunction(uniq, String)".into(),
            },
            false,
        ),
    ];
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    let want: Vec<&str> = expect.iter().map(|e| e.0).collect();
    assert_eq!(names, want, "column order");
    for (name, dt, nullable) in &expect {
        let c = col(t, name);
        assert_eq!(&c.data_type, dt, "{name} ({})", c.native_type);
        assert_eq!(
            c.nullable, *nullable,
            "{name} nullability ({})",
            c.native_type
        );
    }
    assert_eq!(
        col(t, "c_lc_n").native_type,
        "LowCardinality(Nullable(String))"
    );
    assert_eq!(col(t, "c_dec").native_type, "Decimal(18, 4)");
    assert_eq!(col(t, "c_dt_tz").native_type, "DateTime('Asia/Tokyo')");
    assert_eq!(
        col(t, "c_dt_tz")
            .facts
            .get("clickhouse.timezone")
            .map(String::as_str),
        Some("Asia/Tokyo")
    );
    assert_eq!(
        col(t, "c_lc")
            .facts
            .get("clickhouse.low_cardinality")
            .map(String::as_str),
        Some("true")
    );
    let engine = t.engine.as_ref().unwrap();
    assert_eq!(engine.name, "MergeTree");
    assert_eq!(engine.sorting_key, vec!["c_i32"]);

    if which == Which::Modern {
        let t = find(&tables, "modern_types");
        let expect: Vec<(&str, DataType, bool)> = vec![
            ("id", DataType::uint(32), false),
            ("c_i128", DataType::int(128), false),
            ("c_i256", DataType::int(256), false),
            ("c_u128", DataType::uint(128), false),
            ("c_u256", DataType::uint(256), false),
            ("c_bool", DataType::Boolean, false),
            ("c_date32", DataType::Date, false),
            ("c_dt64", ts(3), false),
            ("c_dt64_tz", ts(6), false),
            ("c_n_dt64", ts(9), true),
            ("c_dec256", DataType::decimal(76, 10), false),
            (
                "c_ipv4",
                DataType::Other {
                    native: "IPv4".into(),
                },
                false,
            ),
            (
                "c_ipv6",
                DataType::Other {
                    native: "IPv6".into(),
                },
                false,
            ),
            (
                "c_map",
                DataType::Map {
                    key: Box::new(text()),
                    value: Box::new(arr(DataType::uint(64))),
                },
                false,
            ),
            (
                "c_ntuple",
                DataType::Struct {
                    fields: vec![field("a", text()), field("b c", DataType::decimal(9, 2))],
                },
                false,
            ),
            ("c_json", DataType::Json { binary: false }, false),
            ("c_saf", DataType::uint(64), false),
            ("c_saf_n", text(), true),
        ];
        let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        let want: Vec<&str> = expect.iter().map(|e| e.0).collect();
        assert_eq!(names, want, "column order");
        for (name, dt, nullable) in &expect {
            let c = col(t, name);
            assert_eq!(&c.data_type, dt, "{name} ({})", c.native_type);
            assert_eq!(
                c.nullable, *nullable,
                "{name} nullability ({})",
                c.native_type
            );
        }
    }
    drop_db(which, db).await;
}
both!(types);

async fn defaults_and_comments(which: Which) {
    let db = "smt_ch_defaults";
    let table_comment = if which == Which::Modern {
        " COMMENT 'the table'"
    } else {
        ""
    };
    let create = format!(
        r"CREATE TABLE {{db}}.d (
            id UInt64 COMMENT 'the id',
            d_num Int32 DEFAULT 42,
            d_neg Float64 DEFAULT -1.5,
            d_str String DEFAULT 'it\'s',
            d_fs FixedString(3) DEFAULT 'abc' COMMENT 'quote\'s, comma',
            d_now DateTime DEFAULT now(),
            d_expr UInt64 DEFAULT id * 10,
            d_null Nullable(String) DEFAULT NULL,
            m UInt64 MATERIALIZED id + 1 COMMENT 'computed',
            a String ALIAS concat('x', toString(id))
        ) ENGINE = MergeTree ORDER BY id{table_comment}"
    );
    fresh_db(which, db, &[&create]).await;
    let (tables, _) = read(which, &[("^smt_ch_defaults$", "^d$")]).await;
    let t = find(&tables, "d");
    assert_eq!(t.columns.len(), 10);
    assert_eq!(col(t, "id").comment.as_deref(), Some("the id"));
    assert_eq!(col(t, "id").default, None);
    assert_eq!(
        col(t, "d_num").default,
        Some(DefaultValue::Literal("42".into()))
    );
    assert_eq!(
        col(t, "d_neg").default,
        Some(DefaultValue::Literal("-1.5".into()))
    );
    assert_eq!(
        col(t, "d_str").default,
        Some(DefaultValue::Literal("it's".into()))
    );
    assert_eq!(
        col(t, "d_fs").default,
        Some(DefaultValue::Literal("abc".into()))
    );
    assert_eq!(col(t, "d_fs").comment.as_deref(), Some("quote's, comma"));
    let now = col(t, "d_now").default.clone().unwrap();
    assert!(now.is_current_timestamp(), "{now:?}");
    assert_eq!(
        col(t, "d_expr").default,
        Some(DefaultValue::Expression("id * 10".into()))
    );
    assert_eq!(col(t, "d_null").default, Some(DefaultValue::Null));
    assert!(col(t, "d_null").nullable);
    assert_eq!(
        col(t, "m").generated,
        Some(Generated {
            expression: "id + 1".into(),
            stored: true
        })
    );
    assert_eq!(col(t, "m").comment.as_deref(), Some("computed"));
    let a = col(t, "a").generated.clone().unwrap();
    assert!(!a.stored);
    assert!(a.expression.contains("concat"), "{}", a.expression);
    if which == Which::Modern {
        assert_eq!(t.comment.as_deref(), Some("the table"));
    } else {
        assert_eq!(t.comment, None);
    }
    drop_db(which, db).await;
}
both!(defaults_and_comments);

async fn engines_and_keys(which: Which) {
    let db = "smt_ch_engines";
    fresh_db(
        which,
        db,
        &[
            "CREATE TABLE {db}.mt (id UInt64, ts DateTime, v Float64) ENGINE = MergeTree \
             PARTITION BY toYYYYMM(ts) ORDER BY (id, ts)",
            "CREATE TABLE {db}.rmt (id UInt64, ver UInt32, name String) \
             ENGINE = ReplacingMergeTree(ver) ORDER BY id",
            "CREATE TABLE {db}.smt (k String, day Date, hits UInt64, bytes UInt64) \
             ENGINE = SummingMergeTree ORDER BY (k, day) PRIMARY KEY k",
            "CREATE TABLE {db}.amt (k UInt32, u AggregateFunction(uniq, String)) \
             ENGINE = AggregatingMergeTree ORDER BY k",
            "CREATE TABLE {db}.cmt (id UInt64, sign Int8) ENGINE = CollapsingMergeTree(sign) \
             ORDER BY id",
            "CREATE TABLE {db}.expr (id UInt64, ts DateTime) ENGINE = MergeTree \
             ORDER BY (id, toDate(ts))",
            "CREATE TABLE {db}.mem (id UInt64) ENGINE = Memory",
            "CREATE VIEW {db}.v AS SELECT id FROM {db}.mt",
            "CREATE MATERIALIZED VIEW {db}.mv ENGINE = MergeTree ORDER BY id \
             AS SELECT id FROM {db}.mt",
        ],
    )
    .await;
    let (tables, src) = read(which, &[("^smt_ch_engines$", ".*")]).await;
    let names: Vec<&str> = tables.iter().map(|t| t.name.name.as_str()).collect();
    assert_eq!(names, ["amt", "cmt", "expr", "mem", "mt", "rmt", "smt"]);

    let e = |n: &str| find(&tables, n).engine.clone().unwrap();
    let mt = e("mt");
    assert_eq!(mt.name, "MergeTree");
    assert_eq!(mt.sorting_key, ["id", "ts"]);
    assert!(mt.primary_key.is_empty());
    assert!(
        mt.partition_key
            .as_deref()
            .unwrap()
            .contains("toYYYYMM(ts)"),
        "{mt:?}"
    );
    assert_eq!(find(&tables, "mt").partition_columns, ["ts"]);
    assert_eq!(e("rmt").name, "ReplacingMergeTree");
    assert_eq!(e("rmt").sorting_key, ["id"]);
    let smt = e("smt");
    assert_eq!(smt.name, "SummingMergeTree");
    assert_eq!(smt.sorting_key, ["k", "day"]);
    assert_eq!(smt.primary_key, ["k"]);
    assert_eq!(e("amt").name, "AggregatingMergeTree");
    assert_eq!(e("cmt").name, "CollapsingMergeTree");
    assert_eq!(e("expr").sorting_key, ["id", "toDate(ts)"]);
    let mem = e("mem");
    assert_eq!(mem.name, "Memory");
    assert!(mem.sorting_key.is_empty());
    // ClickHouse has no unique keys.
    assert!(tables.iter().all(|t| t.primary_key.is_none()));
    let notes = src.notes();
    assert!(
        notes
            .iter()
            .any(|n| n.code == "clickhouse-key-expression" && n.message.contains("toDate(ts)")),
        "{notes:?}"
    );
    drop_db(which, db).await;
}
both!(engines_and_keys);

async fn quoted_names(which: Which) {
    let db = "smt_ch_names.x y";
    fresh_db(
        which,
        db,
        &[
            "CREATE TABLE {db}.`my table` (`col one` UInt8, `b``tick` String, `x.y` Int8, \
             `名前` String) ENGINE = MergeTree ORDER BY `col one`",
            "CREATE TABLE {db}.`we``ird` (id UInt8) ENGINE = MergeTree ORDER BY id",
            "CREATE TABLE {db}.`dot.ted` (id UInt8) ENGINE = MergeTree ORDER BY id",
            "CREATE TABLE {db}.`ünï` (id UInt8) ENGINE = MergeTree ORDER BY id",
        ],
    )
    .await;
    let (tables, _) = read(which, &[(r"^smt_ch_names\.x y$", ".*")]).await;
    let mut names: Vec<&str> = tables.iter().map(|t| t.name.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["dot.ted", "my table", "we`ird", "ünï"]);
    assert!(tables.iter().all(|t| t.name.database == db));
    let t = find(&tables, "my table");
    let cols: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(cols, ["col one", "b`tick", "x.y", "名前"]);
    assert_eq!(t.engine.as_ref().unwrap().sorting_key, ["col one"]);
    // A table rule with a quote-needing literal.
    let (tables, _) = read(which, &[(r"^smt_ch_names\.x y$", "^we`ird$")]).await;
    assert_eq!(tables.len(), 1);
    drop_db(which, db).await;
}
both!(quoted_names);

async fn sizes(which: Which) {
    let db = "smt_ch_sizes";
    fresh_db(
        which,
        db,
        &[
            "CREATE TABLE {db}.sized (id UInt64, s String) ENGINE = MergeTree ORDER BY id",
            "INSERT INTO {db}.sized SELECT number, toString(number) FROM system.numbers LIMIT 1000",
            "CREATE TABLE {db}.empty (id UInt64) ENGINE = MergeTree ORDER BY id",
        ],
    )
    .await;
    let (tables, _) = read(which, &[("^smt_ch_sizes$", ".*")]).await;
    let sized = find(&tables, "sized");
    assert_eq!(sized.size.rows, Some(1000));
    assert!(sized.size.bytes.unwrap_or(0) > 0, "{:?}", sized.size);
    let empty = find(&tables, "empty");
    assert!(empty.size.rows.unwrap_or(0) == 0, "{:?}", empty.size);
    assert!(empty.size.bytes.unwrap_or(0) == 0, "{:?}", empty.size);
    drop_db(which, db).await;
}
both!(sizes);

async fn filters(which: Which) {
    let (a, b) = ("smt_chflt_a", "smt_chflt_b");
    for db in [a, b] {
        fresh_db(
            which,
            db,
            &[
                "CREATE TABLE {db}.orders_1 (id UInt8) ENGINE = MergeTree ORDER BY id",
                "CREATE TABLE {db}.orders_2 (id UInt8) ENGINE = MergeTree ORDER BY id",
                "CREATE TABLE {db}.tmp_x (id UInt8) ENGINE = MergeTree ORDER BY id",
                "CREATE TABLE {db}.users (id UInt8) ENGINE = MergeTree ORDER BY id",
            ],
        )
        .await;
    }
    let src = source(which).await;
    let list = |rules: Vec<(&'static str, &'static str)>| {
        let src = &src;
        async move {
            src.list_tables(&filter(&rules))
                .await
                .unwrap()
                .into_iter()
                .map(|t| format!("{}.{}", t.database, t.name))
                .collect::<Vec<_>>()
        }
    };
    // Literal database (pushed down as has()).
    assert_eq!(
        list(vec![("^smt_chflt_a$", ".*")]).await,
        [
            "smt_chflt_a.orders_1",
            "smt_chflt_a.orders_2",
            "smt_chflt_a.tmp_x",
            "smt_chflt_a.users"
        ]
    );
    // Prefix push-down plus regex in Rust.
    assert_eq!(
        list(vec![(r"^smt_chflt_[ab]$", r"^orders_\d+$")]).await,
        [
            "smt_chflt_a.orders_1",
            "smt_chflt_a.orders_2",
            "smt_chflt_b.orders_1",
            "smt_chflt_b.orders_2"
        ]
    );
    // Look-around (fancy-regex), unanchored patterns, and two rules.
    assert_eq!(
        list(vec![
            ("^smt_chflt_b$", "^(?!tmp_|orders_).*$"),
            ("chflt_a", "tmp")
        ])
        .await,
        ["smt_chflt_a.tmp_x", "smt_chflt_b.users"]
    );
    // Nothing matches.
    assert!(list(vec![("^smt_chflt_none$", ".*")]).await.is_empty());
    // System databases are never listed.
    assert!(list(vec![(".*", "^tables$")]).await.is_empty());
    for db in [a, b] {
        drop_db(which, db).await;
    }
}
both!(filters);

async fn constant_query_count(which: Which) {
    let (small, big) = ("smt_ch_qc_small", "smt_ch_qc_big");
    fresh_db(
        which,
        small,
        &["CREATE TABLE {db}.t0 (id UInt8, s String) ENGINE = MergeTree ORDER BY id"],
    )
    .await;
    let creates: Vec<String> = (0..15)
        .map(|i| {
            format!("CREATE TABLE {{db}}.t{i} (id UInt8, s String) ENGINE = MergeTree ORDER BY id")
        })
        .collect();
    let refs: Vec<&str> = creates.iter().map(String::as_str).collect();
    fresh_db(which, big, &refs).await;
    let (t1, s1) = read(which, &[("^smt_ch_qc_small$", ".*")]).await;
    let (t2, s2) = read(which, &[("^smt_ch_qc_big$", ".*")]).await;
    assert_eq!((t1.len(), t2.len()), (1, 15));
    assert_eq!(s1.query_count(), s2.query_count());
    // probe + list + tables + columns (+ parts on old servers)
    let expected = if which == Which::Old { 5 } else { 4 };
    assert_eq!(s2.query_count(), expected);
    drop_db(which, small).await;
    drop_db(which, big).await;
}
both!(constant_query_count);

async fn facts_and_version(which: Which) {
    let src = source(which).await;
    let v = src.server_version().await.unwrap();
    match which {
        Which::Old => assert!(v.starts_with("18."), "{v}"),
        Which::Modern => assert!(v.split('.').next().unwrap().parse::<u32>().unwrap() >= 22),
    }
    let facts = src.connection_facts().await.unwrap();
    assert!(
        facts
            .iter()
            .any(|(k, val)| k == "clickhouse.server-version" && val == &v),
        "{facts:?}"
    );
    // Neither test server has a MySQL port: the fact is left out rather than guessed.
    assert!(
        !facts.iter().any(|(k, _)| k == "clickhouse.mysql-port"),
        "{facts:?}"
    );
    // Old servers lack the newer system columns; modern ones have them.
    assert_eq!(
        src.has_system_column("columns", "position"),
        which == Which::Modern
    );
    assert_eq!(
        src.has_system_column("tables", "total_bytes"),
        which == Which::Modern
    );
}
both!(facts_and_version);

async fn errors(which: Which) {
    // Wrong password: an auth error that names the address and user, never the password.
    let mut c = config(which);
    c.user = "smt_pw".into();
    c.password = Secret::new("wrong-pass-4711");
    let e = ClickhouseSource::connect(c.clone()).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
    let msg = e.to_string();
    assert!(!msg.contains("wrong-pass-4711"), "{msg}");
    assert!(msg.contains(&c.address()), "{msg}");
    assert!(msg.contains("smt_pw"), "{msg}");
    // The right password works.
    c.password = Secret::new("smt-secret");
    ClickhouseSource::connect(c)
        .await
        .unwrap_or_else(|e| panic!("smt_pw with its password: {e}"));

    // Unknown database (`[db] database`).
    let mut c = config(which);
    c.options
        .insert("database".into(), "smt_ch_no_such_db".into());
    let e = ClickhouseSource::connect(c).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound, "{e}");
    assert!(e.to_string().contains("smt_ch_no_such_db"), "{e}");
}
both!(errors);

#[tokio::test]
async fn unreachable_port_is_a_connect_error() {
    // No server needed: nothing listens on port 1.
    let mut c = config(Which::Old);
    c.host = "127.0.0.1".into();
    c.port = 1;
    c.connect_timeout = Duration::from_secs(3);
    let t0 = Instant::now();
    let e = ClickhouseSource::connect(c).await.unwrap_err();
    assert!(t0.elapsed() < Duration::from_secs(5));
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
    assert!(e.to_string().contains("127.0.0.1:1"), "{e}");
}

#[tokio::test]
async fn silent_server_times_out() {
    // A listener that accepts and never answers: the connect timeout must fire.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let hold = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((sock, _)) = listener.accept().await {
            open.push(sock);
        }
    });
    let mut c = config(Which::Old);
    c.host = "127.0.0.1".into();
    c.port = port;
    c.connect_timeout = Duration::from_secs(1);
    c.password = Secret::new("never-shown-99");
    let t0 = Instant::now();
    let e = ClickhouseSource::connect(c).await.unwrap_err();
    assert!(t0.elapsed() < Duration::from_secs(4), "{:?}", t0.elapsed());
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
    let msg = e.to_string();
    assert!(msg.contains(&format!("127.0.0.1:{port}")), "{msg}");
    assert!(msg.contains("did not answer within"), "{msg}");
    assert!(!msg.contains("never-shown-99"));
    hold.abort();
}
