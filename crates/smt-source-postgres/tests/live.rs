//! Live tests against a real PostgreSQL (see `common` for which one). Each test owns a database
//! named `smt_t_<test>`, dropped before and after.

#![allow(clippy::unwrap_used)]

#[macro_use]
mod common;

use std::collections::BTreeMap;

use common::*;
use smt_catalog::{SourceCatalog, read_catalog};
use smt_ir::{Column, DataType, DefaultValue, Generated, Key, Table, TableName, TimeZoneKind};

const TYPES_SQL: &str = include_str!("sql/types.sql");

fn col<'a>(t: &'a Table, name: &str) -> &'a Column {
    t.columns
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("{} has no column {name}", t.name))
}

fn find<'a>(tables: &'a [Table], schema: &str, name: &str) -> &'a Table {
    tables
        .iter()
        .find(|t| t.name.schema.as_deref() == Some(schema) && t.name.name == name)
        .unwrap_or_else(|| panic!("no table {schema}.{name}"))
}

async fn read_db(db: &str) -> (Vec<Table>, u64) {
    let src = source().await;
    let f = filter(&[(&format!("^{db}$"), None, ".*")]);
    let cat = read_catalog(&src, &f).await.expect("read catalog");
    let n = src.query_count();
    src.close().await;
    (cat.tables, n)
}

#[tokio::test]
async fn every_type() {
    live!();
    let db = "smt_t_types";
    fresh_db(db, TYPES_SQL).await;
    let (tables, _) = read_db(db).await;
    assert_eq!(tables.len(), 2);
    let t = find(&tables, "public", "all_types");
    assert_eq!(t.name, TableName::with_schema(db, "public", "all_types"));
    assert_eq!(t.comment.as_deref(), Some("every type"));
    let text4 = DataType::Text {
        max_bytes: None,
        max_bytes_per_char: 4,
    };
    let mood = DataType::Enum {
        values: vec!["sad".into(), "meh".into(), "ok".into(), "happy".into()],
    };
    let arr = |e: DataType, d: u32| DataType::Array {
        element: Box::new(e),
        dimensions: d,
    };
    let expect: Vec<(&str, DataType, &str)> = vec![
        ("c_smallint", DataType::int(16), "smallint"),
        ("c_int", DataType::int(32), "integer"),
        ("c_bigint", DataType::int(64), "bigint"),
        (
            "c_num",
            DataType::Decimal {
                precision: None,
                scale: None,
            },
            "numeric",
        ),
        ("c_num_p", DataType::decimal(10, 0), "numeric(10,0)"),
        ("c_num_ps", DataType::decimal(12, 3), "numeric(12,3)"),
        ("c_real", DataType::Float { bits: 32 }, "real"),
        ("c_double", DataType::Float { bits: 64 }, "double precision"),
        ("c_money", DataType::decimal(19, 2), "money"),
        (
            "c_char",
            DataType::Char {
                length: 5,
                max_bytes_per_char: 4,
            },
            "character(5)",
        ),
        (
            "c_char1",
            DataType::Char {
                length: 1,
                max_bytes_per_char: 4,
            },
            "character(1)",
        ),
        (
            "c_varchar",
            DataType::varchar(20, 4),
            "character varying(20)",
        ),
        (
            "c_varchar_nolen",
            DataType::Varchar {
                length: None,
                max_bytes_per_char: 4,
            },
            "character varying",
        ),
        ("c_text", text4.clone(), "text"),
        ("c_bytea", DataType::Varbinary { length: None }, "bytea"),
        ("c_bool", DataType::Boolean, "boolean"),
        ("c_date", DataType::Date, "date"),
        (
            "c_time",
            DataType::Time {
                precision: None,
                with_time_zone: false,
            },
            "time without time zone",
        ),
        (
            "c_time3",
            DataType::Time {
                precision: Some(3),
                with_time_zone: false,
            },
            "time(3) without time zone",
        ),
        (
            "c_timetz",
            DataType::Time {
                precision: None,
                with_time_zone: true,
            },
            "time with time zone",
        ),
        (
            "c_timetz2",
            DataType::Time {
                precision: Some(2),
                with_time_zone: true,
            },
            "time(2) with time zone",
        ),
        (
            "c_ts",
            DataType::Timestamp {
                precision: None,
                time_zone: TimeZoneKind::None,
            },
            "timestamp without time zone",
        ),
        (
            "c_ts3",
            DataType::Timestamp {
                precision: Some(3),
                time_zone: TimeZoneKind::None,
            },
            "timestamp(3) without time zone",
        ),
        (
            "c_tstz",
            DataType::Timestamp {
                precision: None,
                time_zone: TimeZoneKind::Local,
            },
            "timestamp with time zone",
        ),
        (
            "c_tstz6",
            DataType::Timestamp {
                precision: Some(6),
                time_zone: TimeZoneKind::Local,
            },
            "timestamp(6) with time zone",
        ),
        (
            "c_interval",
            DataType::Interval { fields: None },
            "interval",
        ),
        (
            "c_interval_ds",
            DataType::Interval {
                fields: Some("DAY TO SECOND".into()),
            },
            "interval day to second(3)",
        ),
        ("c_json", DataType::Json { binary: false }, "json"),
        ("c_jsonb", DataType::Json { binary: true }, "jsonb"),
        ("c_uuid", DataType::Uuid, "uuid"),
        (
            "c_inet",
            DataType::Other {
                native: "inet".into(),
            },
            "inet",
        ),
        (
            "c_cidr",
            DataType::Other {
                native: "cidr".into(),
            },
            "cidr",
        ),
        (
            "c_macaddr",
            DataType::Other {
                native: "macaddr".into(),
            },
            "macaddr",
        ),
        (
            "c_bit",
            DataType::Bit {
                length: 3,
                varying: false,
            },
            "bit(3)",
        ),
        (
            "c_varbit",
            DataType::Bit {
                length: 8,
                varying: true,
            },
            "bit varying(8)",
        ),
        ("c_xml", DataType::Xml, "xml"),
        ("c_int_arr", arr(DataType::int(32), 1), "integer[]"),
        // format_type says `text[]`; attndims keeps the declared 2 dimensions.
        ("c_text_arr2", arr(text4.clone(), 2), "text[]"),
        (
            "c_varchar_arr",
            arr(DataType::varchar(10, 4), 1),
            "character varying(10)[]",
        ),
        ("c_mood", mood.clone(), "public.mood"),
        ("c_mood_arr", arr(mood, 1), "public.mood[]"),
        (
            "c_level",
            DataType::Enum {
                values: vec!["Low".into(), "High Up".into()],
            },
            "\"Odd\".\"Level\"",
        ),
        ("c_posint", DataType::int(32), "public.posint"),
        ("c_email", DataType::varchar(320, 4), "public.email"),
        ("c_small_pos", DataType::int(32), "public.small_pos"),
        ("c_null_default", text4, "text"),
    ];
    assert_eq!(
        t.columns
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        expect.iter().map(|e| e.0).collect::<Vec<_>>(),
        "columns in attnum order"
    );
    for (name, dt, native) in &expect {
        let c = col(t, name);
        assert_eq!(&c.data_type, dt, "{name}");
        assert_eq!(c.native_type, *native, "{name}");
    }
    // Nullability, defaults, comments, domains.
    assert!(!col(t, "c_int").nullable);
    assert!(col(t, "c_smallint").nullable);
    assert_eq!(
        col(t, "c_int").comment.as_deref(),
        Some("an int, with 'quotes'")
    );
    let lit = |s: &str| Some(DefaultValue::Literal(s.into()));
    let expr = |s: &str| Some(DefaultValue::Expression(s.into()));
    assert_eq!(col(t, "c_int").default, lit("0"));
    assert_eq!(col(t, "c_bigint").default, lit("-1"));
    assert_eq!(col(t, "c_num_ps").default, lit("1.5"));
    assert_eq!(col(t, "c_varchar").default, lit("abc"));
    assert_eq!(col(t, "c_text").default, lit("it's"));
    assert_eq!(col(t, "c_bool").default, lit("true"));
    assert_eq!(col(t, "c_jsonb").default, lit("{}"));
    assert_eq!(col(t, "c_mood").default, lit("ok"));
    assert_eq!(col(t, "c_date").default, expr("CURRENT_DATE"));
    assert_eq!(col(t, "c_ts3").default, expr("now()"));
    assert_eq!(col(t, "c_tstz6").default, expr("CURRENT_TIMESTAMP"));
    assert!(
        col(t, "c_tstz6")
            .default
            .as_ref()
            .unwrap()
            .is_current_timestamp()
    );
    assert_eq!(
        col(t, "c_null_default").default,
        None,
        "DEFAULT NULL is not stored"
    );
    assert_eq!(col(t, "c_smallint").default, None);
    assert_eq!(
        col(t, "c_posint")
            .facts
            .get("pg.domain")
            .map(String::as_str),
        Some("public.posint")
    );
    assert_eq!(
        col(t, "c_small_pos")
            .facts
            .get("pg.domain")
            .map(String::as_str),
        Some("public.small_pos")
    );
    assert!(col(t, "c_int").facts.is_empty());
    assert!(
        t.columns
            .iter()
            .all(|c| !c.auto_increment && c.generated.is_none())
    );
    assert_eq!(t.primary_key, None);
    assert!(t.unique_keys.is_empty());

    // serial / identity / generated.
    let a = find(&tables, "public", "autos");
    for name in ["id", "big", "small", "ident_a", "ident_d"] {
        let c = col(a, name);
        assert!(c.auto_increment, "{name}");
        assert_eq!(c.default, None, "{name}: nextval/identity is not a default");
        assert!(!c.nullable, "{name}");
    }
    assert_eq!(col(a, "id").data_type, DataType::int(32));
    assert_eq!(col(a, "big").data_type, DataType::int(64));
    assert_eq!(col(a, "small").data_type, DataType::int(16));
    assert_eq!(col(a, "ident_d").data_type, DataType::int(64));
    assert_eq!(
        col(a, "total").generated,
        Some(Generated {
            expression: "(price * (qty)::numeric)".into(),
            stored: true
        })
    );
    assert_eq!(col(a, "total").default, None);
    assert!(!col(a, "total").auto_increment);
    assert!(!col(a, "price").auto_increment);
    assert_eq!(
        a.primary_key,
        Some(Key::new(Some("autos_pkey".into()), vec!["id".into()]))
    );
    drop_db(db).await;
}

const KEYS_SQL: &str = include_str!("sql/keys.sql");

#[tokio::test]
async fn every_key_shape() {
    live!();
    let db = "smt_t_keys";
    fresh_db(db, KEYS_SQL).await;
    let (tables, _) = read_db(db).await;
    let key = |n: &str, cols: &[&str]| {
        Key::new(
            Some(n.to_string()),
            cols.iter().map(|c| c.to_string()).collect(),
        )
    };
    let keys = |t: &str| {
        let t = find(&tables, "public", t);
        (t.primary_key.clone(), t.unique_keys.clone())
    };
    assert_eq!(keys("k_pk"), (Some(key("k_pk_pkey", &["id"])), vec![]));
    assert_eq!(
        keys("k_composite"),
        (Some(key("k_composite_pk", &["b", "a"])), vec![])
    );
    assert_eq!(
        keys("k_uc"),
        (
            None,
            vec![key("a_uc_id", &["id"]), key("k_uc_code_key", &["code"])]
        )
    );
    // Reported; whether a nullable unique key can be the target key is the plan's call.
    assert_eq!(
        keys("k_nullable_uc"),
        (None, vec![key("k_nullable_uc_id_key", &["id"])])
    );
    assert!(find(&tables, "public", "k_nullable_uc").columns[0].nullable);
    // Unique indexes by name; INCLUDE columns are not key columns; partial and expression
    // indexes and plain indexes are ignored.
    assert_eq!(
        keys("k_ui"),
        (
            None,
            vec![key("k_ui_a", &["id"]), key("k_ui_b", &["y", "id"])]
        )
    );
    assert_eq!(keys("k_fk"), (None, vec![]), "a foreign key is never a key");
    assert_eq!(keys("k_none"), (None, vec![]));
    assert_eq!(
        keys("k_excl"),
        (None, vec![]),
        "exclusion constraints are not keys"
    );
    assert_eq!(
        keys("k_mix"),
        (
            Some(key("k_mix_pkey", &["id"])),
            vec![key("k_mix_code_key", &["code"]), key("k_mix_z", &["z"])]
        )
    );
    drop_db(db).await;
}

const NAMES_SQL: &str = include_str!("sql/names.sql");

#[tokio::test]
async fn names_schemas_partitions_and_filters() {
    live!();
    let db = "smt_t_names";
    fresh_db(db, NAMES_SQL).await;
    let src = source().await;
    let all = src
        .list_tables(&filter(&[(&format!("^{db}$"), None, ".*")]))
        .await
        .unwrap();
    let names: Vec<(String, String)> = all
        .iter()
        .map(|t| (t.schema.clone().unwrap(), t.name.clone()))
        .collect();
    let want: Vec<(String, String)> = [
        ("Sales Dept", "Order Items"),
        ("a", "same"),
        ("b", "same"),
        ("public", "UPPER"),
        ("public", "analyzed"),
        ("public", "events"),
        ("public", "multi_key"),
        ("public", "never_analyzed"),
        ("public", "upper"),
        ("s_%x", "orders_9"),
        ("s_0", "orders_0"),
        ("s_1", "orders_1"),
        ("s_1", "other"),
        ("数据", "表一"),
    ]
    .iter()
    .map(|(s, t)| (s.to_string(), t.to_string()))
    .collect();
    assert_eq!(
        names, want,
        "no views, sequences, partitions or system tables"
    );
    assert!(all.iter().all(|t| t.database == db));

    // Sharded tables: all listed; merging is the plan's job. `_` in the LIKE push-down is
    // escaped, so `s_%x` is not a false positive of the prefix `s_`... but it does match the
    // regex below only if the regex says so.
    let sharded = src
        .list_tables(&filter(&[(
            &format!("^{db}$"),
            Some(r"^s_\d+$"),
            r"^orders_\d+$",
        )]))
        .await
        .unwrap();
    assert_eq!(
        sharded,
        vec![
            TableName::with_schema(db, "s_0", "orders_0"),
            TableName::with_schema(db, "s_1", "orders_1"),
        ]
    );
    // Literal push-down with spaces and unicode, unanchored regexes.
    let odd = src
        .list_tables(&filter(&[
            (&format!("^{db}$"), Some("^Sales Dept$"), "^Order Items$"),
            (&format!("^{db}$"), Some("^数据$"), "表"),
            (&format!("^{db}$"), Some("^public$"), "^UPPER$"),
        ]))
        .await
        .unwrap();
    assert_eq!(
        odd,
        vec![
            TableName::with_schema(db, "Sales Dept", "Order Items"),
            TableName::with_schema(db, "public", "UPPER"),
            TableName::with_schema(db, "数据", "表一"),
        ]
    );
    // A partition named by a rule is still not a table of its own.
    let parts = src
        .list_tables(&filter(&[(
            &format!("^{db}$"),
            Some("^public$"),
            "^events",
        )]))
        .await
        .unwrap();
    assert_eq!(parts, vec![TableName::with_schema(db, "public", "events")]);

    let tables = src.describe_tables(&all).await.unwrap();
    assert_eq!(tables.len(), all.len());
    assert_eq!(
        tables.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
        all,
        "describe keeps the order asked for"
    );
    let oi = find(&tables, "Sales Dept", "Order Items");
    assert_eq!(
        oi.columns
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        vec!["Item ID", "ÜberName", "lower"]
    );
    assert_eq!(
        oi.primary_key,
        Some(Key::new(
            Some("Order Items_pkey".into()),
            vec!["Item ID".into()]
        ))
    );
    let zh = find(&tables, "数据", "表一");
    assert_eq!(
        zh.unique_keys,
        vec![Key::new(Some("唯一".into()), vec!["列".into()])]
    );
    assert_eq!(find(&tables, "a", "same").columns.len(), 1);
    assert_eq!(find(&tables, "b", "same").columns.len(), 2);
    assert_eq!(find(&tables, "public", "UPPER").columns[0].name, "ID");
    assert_eq!(find(&tables, "public", "upper").columns[0].name, "id");

    // Partitioned table: one table, partition key, sizes summed over the leaves.
    let ev = find(&tables, "public", "events");
    assert_eq!(ev.partition_columns, vec!["created".to_string()]);
    assert_eq!(
        ev.primary_key,
        Some(Key::new(
            Some("events_pkey".into()),
            vec!["id".into(), "created".into()]
        ))
    );
    assert_eq!(ev.size.rows, Some(3000));
    let leaves_bytes: i64 = {
        let mut c = admin(db).await;
        sqlx::query_scalar(
            "SELECT sum(pg_total_relation_size(relid))::int8 FROM pg_partition_tree('public.events')",
        )
        .fetch_one(&mut c)
        .await
        .unwrap()
    };
    assert_eq!(ev.size.bytes, Some(u64::try_from(leaves_bytes).unwrap()));
    assert!(ev.size.bytes.unwrap() > 0);
    let mk = find(&tables, "public", "multi_key");
    assert_eq!(mk.partition_columns, vec!["b".to_string(), "a".to_string()]);
    assert_eq!(mk.size.rows, None, "no leaf partitions: unknown");
    assert_eq!(find(&tables, "public", "analyzed").size.rows, Some(1000));
    assert_eq!(find(&tables, "public", "never_analyzed").size.rows, None);
    assert!(
        find(&tables, "public", "never_analyzed")
            .size
            .bytes
            .is_some()
    );
    assert!(find(&tables, "a", "same").partition_columns.is_empty());
    assert!(find(&tables, "a", "same").facts.is_empty());

    // A table that disappeared in between is left out; an unknown schema too.
    let mut asked = vec![TableName::with_schema(db, "a", "gone")];
    asked.push(TableName::with_schema(db, "nope", "same"));
    asked.push(TableName::with_schema(db, "b", "same"));
    let got = src.describe_tables(&asked).await.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].name, TableName::with_schema(db, "b", "same"));
    src.close().await;
    drop_db(db).await;
}

#[tokio::test]
async fn several_databases_and_missing_ones() {
    live!();
    let dbs = ["smt_t_multi_1", "smt_t_multi_2"];
    for (i, db) in dbs.iter().enumerate() {
        fresh_db(
            db,
            &format!("CREATE TABLE public.t{i} (id integer PRIMARY KEY); CREATE TABLE public.common (x text);"),
        )
        .await;
    }
    let src = source().await;
    let version = src.server_version().await.unwrap();
    assert!(
        version.chars().next().unwrap().is_ascii_digit(),
        "{version}"
    );
    let cat = read_catalog(
        &src,
        &filter(&[(r"^smt_t_multi_\d$", Some("public"), ".*")]),
    )
    .await
    .unwrap();
    let names: Vec<String> = cat.tables.iter().map(|t| t.name.to_string()).collect();
    assert_eq!(
        names,
        vec![
            "smt_t_multi_1.public.common",
            "smt_t_multi_1.public.t0",
            "smt_t_multi_2.public.common",
            "smt_t_multi_2.public.t1",
        ]
    );
    assert_eq!(cat.server_version.as_deref(), Some(version.as_str()));

    // A literal database that does not exist is an error that names it.
    let err = src
        .list_tables(&filter(&[
            ("^smt_t_multi_1$", None, ".*"),
            ("^smt_t_no_such_db$", None, ".*"),
        ]))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), smt_catalog::ErrorKind::NotFound, "{err}");
    assert!(err.to_string().contains("smt_t_no_such_db"), "{err}");
    // A regex that matches no database is just empty.
    assert!(
        src.list_tables(&filter(&[("^smt_t_nothing_", None, ".*")]))
            .await
            .unwrap()
            .is_empty()
    );
    // Templates are never read.
    assert!(
        src.list_tables(&filter(&[("^template", None, ".*")]))
            .await
            .unwrap()
            .is_empty()
    );
    let err = src
        .list_tables(&filter(&[("^template1$", None, ".*")]))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), smt_catalog::ErrorKind::NotFound);
    src.close().await;
    for db in dbs {
        drop_db(db).await;
    }
}

/// The number of catalog queries does not depend on the number of tables.
#[tokio::test]
async fn constant_query_count() {
    live!();
    let db = "smt_t_count";
    let mut script = String::from("CREATE SCHEMA small; CREATE SCHEMA big;\n");
    for i in 0..3 {
        script.push_str(&format!(
            "CREATE TABLE small.t{i} (id integer PRIMARY KEY, v text UNIQUE, w numeric(5,2));\n"
        ));
    }
    for i in 0..120 {
        script.push_str(&format!(
            "CREATE TABLE big.t{i} (id integer PRIMARY KEY, v text UNIQUE, w numeric(5,2));\n"
        ));
    }
    fresh_db(db, &script).await;
    let mut counts = BTreeMap::new();
    for schema in ["small", "big"] {
        let src = source().await;
        let before = src.query_count();
        let cat = read_catalog(
            &src,
            &filter(&[(&format!("^{db}$"), Some(&format!("^{schema}$")), ".*")]),
        )
        .await
        .unwrap();
        counts.insert(schema, (cat.tables.len(), src.query_count() - before));
        assert!(
            cat.tables
                .iter()
                .all(|t| t.columns.len() == 3 && t.primary_key.is_some())
        );
        src.close().await;
    }
    assert_eq!(counts["small"].0, 3);
    assert_eq!(counts["big"].0, 120);
    assert_eq!(counts["small"].1, counts["big"].1, "{counts:?}");
    // pg_database, then per database: session setup, tables, enums, domains, describe,
    // column types, columns, keys.
    assert_eq!(counts["big"].1, 9, "{counts:?}");
    drop_db(db).await;
}
