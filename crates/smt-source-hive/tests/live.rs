//! Live tests against the Hive Metastore 2.3.9 and the Spark Thrift Servers (HiveServer2
//! protocol) of `scripts/services/hive.sh`. Each test owns its databases, so tests run in
//! parallel.

#[macro_use]
mod common;

use std::time::{Duration, Instant};

use common::*;
use smt_catalog::{ErrorKind, SourceCatalog, SourceConfig, read_catalog};
use smt_ir::{DataType, StructField, Table, TimeZoneKind};
use smt_source_hive::HiveSource;
use smt_source_hive::hs2::Hs2Auth;

fn text() -> DataType {
    DataType::Text {
        max_bytes: None,
        max_bytes_per_char: 4,
    }
}

fn col<'a>(t: &'a Table, name: &str) -> &'a smt_ir::Column {
    t.column(name)
        .unwrap_or_else(|| panic!("{}: no column {name}", t.name))
}

fn table<'a>(tables: &'a [Table], name: &str) -> &'a Table {
    tables
        .iter()
        .find(|t| t.name.name == name)
        .unwrap_or_else(|| panic!("no table {name} in {:?}", names(tables)))
}

fn names(tables: &[Table]) -> Vec<String> {
    tables.iter().map(|t| t.name.to_string()).collect()
}

/// The shared schema: every primitive, a partitioned table, complex types, comments, an external
/// table, a view, odd names, a Spark data-source table.
fn schema(db: &str) -> Vec<String> {
    vec![
        "CREATE TABLE prims (c_bool BOOLEAN COMMENT 'a flag', c_tiny TINYINT, c_small SMALLINT, \
         c_int INT, c_big BIGINT, c_float FLOAT, c_double DOUBLE, c_dec DECIMAL(38,10), \
         c_dec_default DECIMAL, c_str STRING, c_char CHAR(10), c_varchar VARCHAR(64), \
         c_bin BINARY, c_date DATE, c_ts TIMESTAMP) COMMENT 'all primitives' STORED AS ORC \
         TBLPROPERTIES ('numRows'='42', 'totalSize'='12345')"
            .into(),
        "CREATE TABLE part (id BIGINT COMMENT 'row id', v STRING) COMMENT 'partitioned' \
         PARTITIONED BY (dt STRING, hr INT) STORED AS PARQUET"
            .into(),
        "CREATE TABLE cplx (id INT, tags ARRAY<STRING>, attrs MAP<STRING,INT>, \
         addr STRUCT<street:STRING, zip:INT>, items ARRAY<STRUCT<k:STRING,v:DECIMAL(10,2)>>, \
         nested MAP<STRING,ARRAY<STRUCT<a:INT,b:ARRAY<STRING>>>>) STORED AS ORC"
            .into(),
        format!(
            "CREATE EXTERNAL TABLE ext (id INT, name STRING) ROW FORMAT DELIMITED FIELDS \
             TERMINATED BY ',' STORED AS TEXTFILE LOCATION 'file:///tmp/smt-hive-tests/{db}/ext'"
        ),
        "CREATE VIEW v_part AS SELECT id, dt FROM part".into(),
        "CREATE TABLE odd (`my col` INT COMMENT 'spaced', `select` STRING, `a``b` INT, \
         s STRUCT<x_y:INT>) STORED AS TEXTFILE"
            .into(),
        "CREATE TABLE `select` (`from` INT) STORED AS ORC".into(),
        "CREATE TABLE `2021_t` (id INT) STORED AS ORC".into(),
        "CREATE TABLE ds (id BIGINT COMMENT 'the id', v VARCHAR(5), \
         a ARRAY<STRUCT<k:STRING,m:MAP<STRING,DECIMAL(10,2)>>>, dt DATE) USING parquet \
         PARTITIONED BY (dt)"
            .into(),
    ]
}

async fn make_schema(server: (String, u16), auth: Hs2Auth, db: &str) {
    let stmts = schema(db);
    let refs: Vec<&str> = stmts.iter().map(String::as_str).collect();
    fresh_db(server, auth, db, &refs).await;
}

/// Checks shared by every path (metastore, HiveServer2 SQL on Spark).
fn check_schema(tables: &[Table], db: &str) {
    let got: Vec<String> = names(tables);
    let want: Vec<String> = [
        "2021_t", "cplx", "ds", "ext", "odd", "part", "prims", "select",
    ]
    .iter()
    .map(|t| format!("{db}.{t}"))
    .collect();
    assert_eq!(got, want, "tables (the view is excluded)");

    let p = table(tables, "prims");
    assert_eq!(p.comment.as_deref(), Some("all primitives"));
    let expect = [
        ("c_bool", DataType::Boolean),
        ("c_tiny", DataType::int(8)),
        ("c_small", DataType::int(16)),
        ("c_int", DataType::int(32)),
        ("c_big", DataType::int(64)),
        ("c_float", DataType::Float { bits: 32 }),
        ("c_double", DataType::Float { bits: 64 }),
        ("c_dec", DataType::decimal(38, 10)),
        ("c_dec_default", DataType::decimal(10, 0)),
        ("c_str", text()),
        (
            "c_char",
            DataType::Char {
                length: 10,
                max_bytes_per_char: 4,
            },
        ),
        ("c_varchar", DataType::varchar(64, 4)),
        ("c_bin", DataType::Blob { max_bytes: None }),
        ("c_date", DataType::Date),
        (
            "c_ts",
            DataType::Timestamp {
                precision: Some(9),
                time_zone: TimeZoneKind::None,
            },
        ),
    ];
    assert_eq!(p.columns.len(), expect.len());
    for (name, ty) in expect {
        assert_eq!(col(p, name).data_type, ty, "prims.{name}");
    }
    assert_eq!(col(p, "c_bool").comment.as_deref(), Some("a flag"));
    assert_eq!(col(p, "c_int").comment, None);
    assert_eq!(p.facts["hive.format"], "orc");
    assert_eq!(p.facts["hive.table-type"], "MANAGED_TABLE");
    assert!(
        p.facts["hive.location"].ends_with("/prims"),
        "{:?}",
        p.facts
    );
    assert!(p.facts["hive.serde"].contains("OrcSerde"));
    assert!(p.partition_columns.is_empty());

    let part = table(tables, "part");
    let cols: Vec<&str> = part.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(cols, vec!["id", "v", "dt", "hr"]);
    assert_eq!(part.partition_columns, vec!["dt", "hr"]);
    assert_eq!(col(part, "hr").data_type, DataType::int(32));
    assert_eq!(col(part, "dt").data_type, text());
    assert_eq!(col(part, "id").comment.as_deref(), Some("row id"));
    assert_eq!(part.comment.as_deref(), Some("partitioned"));
    assert_eq!(part.facts["hive.format"], "parquet");

    let c = table(tables, "cplx");
    assert_eq!(
        col(c, "tags").data_type,
        DataType::Array {
            element: Box::new(text()),
            dimensions: 1
        }
    );
    assert_eq!(
        col(c, "attrs").data_type,
        DataType::Map {
            key: Box::new(text()),
            value: Box::new(DataType::int(32))
        }
    );
    assert_eq!(
        col(c, "addr").data_type,
        DataType::Struct {
            fields: vec![
                StructField {
                    name: "street".into(),
                    data_type: text()
                },
                StructField {
                    name: "zip".into(),
                    data_type: DataType::int(32)
                }
            ]
        }
    );
    assert_eq!(
        col(c, "items").data_type,
        DataType::Array {
            element: Box::new(DataType::Struct {
                fields: vec![
                    StructField {
                        name: "k".into(),
                        data_type: text()
                    },
                    StructField {
                        name: "v".into(),
                        data_type: DataType::decimal(10, 2)
                    }
                ]
            }),
            dimensions: 1
        }
    );
    let DataType::Map { value, .. } = &col(c, "nested").data_type else {
        panic!("nested is a map: {:?}", col(c, "nested"));
    };
    let DataType::Array { element, .. } = value.as_ref() else {
        panic!("nested value is an array");
    };
    assert!(matches!(element.as_ref(), DataType::Struct { fields } if fields.len() == 2));

    assert_eq!(
        table(tables, "select").columns[0].name,
        "from",
        "reserved words as names"
    );
    assert_eq!(table(tables, "2021_t").columns.len(), 1);

    let e = table(tables, "ext");
    assert_eq!(e.facts["hive.table-type"], "EXTERNAL_TABLE");
    assert_eq!(
        e.facts["hive.location"],
        format!("file:/tmp/smt-hive-tests/{db}/ext")
    );
    assert_eq!(e.facts["hive.format"], "textfile");

    let o = table(tables, "odd");
    let cols: Vec<&str> = o.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(cols, vec!["my col", "select", "a`b", "s"]);
    assert_eq!(col(o, "my col").comment.as_deref(), Some("spaced"));
    assert_eq!(
        col(o, "s").data_type,
        DataType::Struct {
            fields: vec![StructField {
                name: "x_y".into(),
                data_type: DataType::int(32)
            }]
        }
    );

    let d = table(tables, "ds");
    let cols: Vec<(&str, &DataType)> = d
        .columns
        .iter()
        .map(|c| (c.name.as_str(), &c.data_type))
        .collect();
    assert_eq!(cols.len(), 4, "{cols:?}");
    assert_eq!(cols[0], ("id", &DataType::int(64)));
    assert_eq!(cols[1], ("v", &DataType::varchar(5, 4)));
    assert_eq!(cols[3], ("dt", &DataType::Date));
    assert!(matches!(cols[2].1, DataType::Array { .. }), "{cols:?}");
    assert_eq!(d.partition_columns, vec!["dt"]);
    assert_eq!(col(d, "id").comment.as_deref(), Some("the id"));
    assert_eq!(d.facts["hive.format"], "parquet");
}

#[tokio::test]
async fn metastore_reads_every_shape() {
    live!();
    let db = "smt_hive_ms_shapes";
    make_schema(hs2_nosasl(), Hs2Auth::NoSasl, db).await;
    let src = source(metastore_config()).await;
    assert_eq!(src.backend_name(), "metastore");
    let filter = filter(&[(&format!("^{db}$"), ".*")]);
    let before = src.query_count();
    let cat = read_catalog(&src, &filter).await.expect("read");
    // get_all_databases + get_table_meta + one get_table_objects_by_name.
    assert_eq!(src.query_count() - before, 3, "round trips");
    check_schema(&cat.tables, db);
    let p = table(&cat.tables, "prims");
    assert_eq!(p.size.bytes, Some(12345));
    assert_eq!(p.size.rows, Some(42));
    assert!(p.size.created_epoch_secs.is_some());
    let facts = src.connection_facts().await.unwrap();
    assert_eq!(
        facts,
        vec![("hive.metastore-uris".to_string(), metastore_uri())]
    );
    assert!(src.notes().is_empty(), "{:?}", src.notes());
    drop_db(hs2_nosasl(), Hs2Auth::NoSasl, db).await;
}

#[tokio::test]
async fn hiveserver2_sql_path_on_spark_with_metastore() {
    live!();
    let db = "smt_hive_sql_shapes";
    make_schema(hs2_nosasl(), Hs2Auth::NoSasl, db).await;
    let mut c = hs2_config(hs2_nosasl(), "nosasl");
    c.options
        .insert("schema_source".into(), "hiveserver2".into());
    let src = source(c).await;
    assert_eq!(src.backend_name(), "hiveserver2");
    // The metastore URI is still learned for the facts.
    assert_eq!(src.metastore_uris(), Some(metastore_uri().as_str()));
    let before = src.query_count();
    let cat = read_catalog(&src, &filter(&[(&format!("^{db}$"), ".*")]))
        .await
        .expect("read");
    check_schema(&cat.tables, db);
    // SHOW DATABASES, SHOW TABLES, SHOW VIEWS, then one DESCRIBE FORMATTED per table.
    assert_eq!(
        src.query_count() - before,
        3 + cat.tables.len() as u64,
        "statements"
    );
    assert!(
        cat.server_version
            .as_deref()
            .is_some_and(|v| v.contains("Spark")),
        "{:?}",
        cat.server_version
    );
    drop_db(hs2_nosasl(), Hs2Auth::NoSasl, db).await;
}

#[tokio::test]
async fn hiveserver2_nosasl_learns_the_metastore() {
    live!();
    let db = "smt_hive_learn";
    fresh_db(
        hs2_nosasl(),
        Hs2Auth::NoSasl,
        db,
        &["CREATE TABLE t1 (id INT) STORED AS ORC"],
    )
    .await;
    let src = source(hs2_config(hs2_nosasl(), "nosasl")).await;
    assert_eq!(src.backend_name(), "metastore");
    let facts = src.connection_facts().await.unwrap();
    assert!(
        facts.contains(&("hive.metastore-uris".to_string(), metastore_uri())),
        "{facts:?}"
    );
    let names = src
        .list_tables(&filter(&[(&format!("^{db}$"), ".*")]))
        .await
        .unwrap();
    assert_eq!(names.len(), 1);
    drop_db(hs2_nosasl(), Hs2Auth::NoSasl, db).await;
}

/// The `NONE` server speaks SASL PLAIN and names no metastore: the schema is read with SQL.
/// `ldap` is the same SASL PLAIN exchange from the client's side (only the server checks the
/// password differently), so it is tested against the same server.
#[tokio::test]
async fn hiveserver2_plain_and_ldap_read_through_sql() {
    live!();
    let db = "smt_hive_plain";
    make_schema(hs2_plain(), Hs2Auth::Plain, db).await;
    for auth in ["none", "ldap"] {
        let mut c = hs2_config(hs2_plain(), auth);
        c.password = smt_catalog::Secret::new("any-password");
        let src = source(c).await;
        assert_eq!(src.backend_name(), "hiveserver2", "{auth}");
        assert_eq!(src.metastore_uris(), None);
        assert!(src.connection_facts().await.unwrap().is_empty());
        let cat = read_catalog(&src, &filter(&[(&format!("^{db}$"), ".*")]))
            .await
            .expect("read");
        check_schema(&cat.tables, db);
    }
    drop_db(hs2_plain(), Hs2Auth::Plain, db).await;
}

#[tokio::test]
async fn sizes_from_statistics() {
    live!();
    let db = "smt_hive_stats";
    fresh_db(
        hs2_nosasl(),
        Hs2Auth::NoSasl,
        db,
        &[
            "CREATE TABLE analyzed (id INT, v STRING) STORED AS PARQUET",
            "INSERT INTO analyzed VALUES (1, 'a'), (2, 'b'), (3, 'c')",
            "ANALYZE TABLE analyzed COMPUTE STATISTICS",
            "CREATE TABLE declared (id INT) STORED AS ORC \
             TBLPROPERTIES ('numRows'='7', 'rawDataSize'='700')",
        ],
    )
    .await;
    for c in [metastore_config(), {
        let mut c = hs2_config(hs2_nosasl(), "nosasl");
        c.options
            .insert("schema_source".into(), "hiveserver2".into());
        c
    }] {
        let src = source(c).await;
        let cat = read_catalog(&src, &filter(&[(&format!("^{db}$"), ".*")]))
            .await
            .expect("read");
        let a = table(&cat.tables, "analyzed");
        assert_eq!(a.size.rows, Some(3), "{}", src.backend_name());
        assert!(a.size.bytes.is_some_and(|b| b > 0), "{:?}", a.size);
        let d = table(&cat.tables, "declared");
        assert_eq!(d.size.rows, Some(7), "{}", src.backend_name());
        assert_eq!(d.size.bytes, Some(700), "{}", src.backend_name());
    }
    drop_db(hs2_nosasl(), Hs2Auth::NoSasl, db).await;
}

#[tokio::test]
async fn filters_pick_databases_and_tables() {
    live!();
    let (a, b) = ("smt_hive_filter_a", "smt_hive_filter_b");
    for db in [a, b] {
        fresh_db(
            hs2_nosasl(),
            Hs2Auth::NoSasl,
            db,
            &[
                "CREATE TABLE orders (id INT) STORED AS ORC",
                "CREATE TABLE order_items (id INT) STORED AS ORC",
                "CREATE TABLE users (id INT) STORED AS ORC",
            ],
        )
        .await;
    }
    let src = source(metastore_config()).await;
    let got = src
        .list_tables(&filter(&[
            ("^smt_hive_filter_a$", "^order"),
            ("_b$", "^users$"),
        ]))
        .await
        .unwrap();
    let got: Vec<String> = got.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        vec![
            "smt_hive_filter_a.order_items",
            "smt_hive_filter_a.orders",
            "smt_hive_filter_b.users"
        ]
    );
    // A table that vanished in between is left out; order follows the request.
    let mut names = src
        .list_tables(&filter(&[("^smt_hive_filter_b$", ".*")]))
        .await
        .unwrap();
    names.reverse();
    names.push(smt_catalog::TableName::new(b, "gone"));
    let described = src.describe_tables(&names).await.unwrap();
    let d: Vec<String> = described.iter().map(|t| t.name.to_string()).collect();
    assert_eq!(
        d,
        vec![
            "smt_hive_filter_b.users",
            "smt_hive_filter_b.orders",
            "smt_hive_filter_b.order_items"
        ]
    );
    let none = src
        .list_tables(&filter(&[("^no_such_db_smt$", ".*")]))
        .await
        .unwrap();
    assert!(none.is_empty());
    for db in [a, b] {
        drop_db(hs2_nosasl(), Hs2Auth::NoSasl, db).await;
    }
}

fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

#[tokio::test]
async fn unreachable_hdfs_namenode_is_a_quick_note() {
    live!();
    let db = "smt_hive_hdfs";
    let port = closed_port();
    // Spark cannot drop a table whose location is on an unreachable HDFS: point leftovers of
    // an interrupted run back at local folders first.
    let local = |t: &str| format!("file:///tmp/smt-hive-tests/{db}/{t}");
    for t in ["on_hdfs", "on_hdfs2"] {
        let _ = try_set_location(db, t, &local(t)).await;
    }
    fresh_db(
        hs2_nosasl(),
        Hs2Auth::NoSasl,
        db,
        &[
            &format!(
                "CREATE EXTERNAL TABLE on_hdfs (id INT) STORED AS PARQUET LOCATION \
                 'file:///tmp/smt-hive-tests/{db}/on_hdfs'"
            ),
            &format!(
                "CREATE EXTERNAL TABLE on_hdfs2 (id INT) STORED AS PARQUET LOCATION \
                 'file:///tmp/smt-hive-tests/{db}/on_hdfs2'"
            ),
        ],
    )
    .await;
    set_location(db, "on_hdfs", &format!("hdfs://127.0.0.1:{port}/x")).await;
    set_location(db, "on_hdfs2", &format!("hdfs://127.0.0.1:{port}/y")).await;
    let src = source(metastore_config()).await;
    let t0 = Instant::now();
    let cat = read_catalog(&src, &filter(&[(&format!("^{db}$"), ".*")]))
        .await
        .expect("read");
    let took = t0.elapsed();
    assert!(took < Duration::from_secs(8), "took {took:?}");
    assert_eq!(cat.tables.len(), 2);
    for t in &cat.tables {
        // The metastore wrote `totalSize = 0` at creation (empty folder); HDFS could not
        // tell more.
        assert!(t.size.bytes.unwrap_or(0) == 0, "{:?}", t.size);
        assert!(!t.facts.contains_key("hive.size-source"));
        assert!(t.facts["hive.location"].starts_with("hdfs://127.0.0.1:"));
    }
    let notes = src.notes();
    assert_eq!(notes.len(), 1, "one attempt per NameNode: {notes:?}");
    assert_eq!(notes[0].code, "hive-hdfs-unreachable");
    assert!(notes[0].message.contains(&format!("127.0.0.1:{port}")));
    for t in ["on_hdfs", "on_hdfs2"] {
        set_location(db, t, &local(t)).await;
    }
    drop_db(hs2_nosasl(), Hs2Auth::NoSasl, db).await;
}

async fn open_err(c: SourceConfig) -> smt_catalog::Error {
    match HiveSource::connect(c).await {
        Ok(_) => panic!("connect should fail"),
        Err(e) => e,
    }
}

#[tokio::test]
async fn errors_are_clear_and_quick() {
    live!();
    let port = closed_port();
    // Metastore on a closed port.
    let mut c = metastore_config();
    c.options.insert(
        "metastore_uris".into(),
        format!("thrift://127.0.0.1:{port}"),
    );
    c.connect_timeout = Duration::from_secs(3);
    let t0 = Instant::now();
    let e = open_err(c).await;
    assert!(t0.elapsed() < Duration::from_secs(5));
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
    assert!(e.to_string().contains(&format!("127.0.0.1:{port}")), "{e}");
    eprintln!("closed metastore port: {e}");

    // HiveServer2 on a closed port.
    let mut c = hs2_config(("127.0.0.1".into(), port), "none");
    c.connect_timeout = Duration::from_secs(3);
    let t0 = Instant::now();
    let e = open_err(c).await;
    assert!(t0.elapsed() < Duration::from_secs(5));
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
    assert!(e.to_string().contains(&format!("127.0.0.1:{port}")), "{e}");

    // Auth mismatches, both ways; the password never shows.
    for (server, auth) in [(hs2_plain(), "nosasl"), (hs2_nosasl(), "none")] {
        let mut c = hs2_config(server.clone(), auth);
        c.password = smt_catalog::Secret::new("pw-Secret-42");
        c.connect_timeout = Duration::from_secs(3);
        let t0 = Instant::now();
        let e = open_err(c).await;
        assert!(t0.elapsed() < Duration::from_secs(5), "{auth}");
        let text = e.to_string();
        eprintln!("auth mismatch ({auth}): {text}");
        assert!(text.contains("[db] authentication"), "{auth}: {text}");
        assert!(
            text.contains(&format!("{}:{}", server.0, server.1)),
            "{text}"
        );
        assert!(!text.contains("pw-Secret-42"), "{text}");
        assert!(!format!("{e:?}").contains("pw-Secret-42"));
    }

    // Not supported yet.
    for (k, v) in [
        ("authentication", "kerberos"),
        ("serviceDiscoveryMode", "zooKeeper"),
    ] {
        let mut c = hs2_config(hs2_plain(), "none");
        c.options.insert(k.into(), v.into());
        let e = open_err(c).await;
        assert_eq!(e.kind(), ErrorKind::Unsupported);
        assert!(e.to_string().contains(k), "{e}");
    }

    // `schema_source = metastore` on a server that names none.
    let mut c = hs2_config(hs2_plain(), "none");
    c.options.insert("schema_source".into(), "metastore".into());
    let e = open_err(c).await;
    assert_eq!(e.kind(), ErrorKind::Config, "{e}");
}

#[tokio::test]
async fn sql_path_leaves_out_vanished_tables() {
    live!();
    let db = "smt_hive_sql_gone";
    fresh_db(
        hs2_plain(),
        Hs2Auth::Plain,
        db,
        &["CREATE TABLE a (id INT) STORED AS ORC"],
    )
    .await;
    let src = source(hs2_config(hs2_plain(), "none")).await;
    let names = vec![
        smt_catalog::TableName::new(db, "gone"),
        smt_catalog::TableName::new(db, "a"),
        smt_catalog::TableName::new("smt_no_such_db", "x"),
    ];
    let got = src.describe_tables(&names).await.expect("describe");
    let got: Vec<String> = got.iter().map(|t| t.name.to_string()).collect();
    assert_eq!(got, vec![format!("{db}.a")]);
    drop_db(hs2_plain(), Hs2Auth::Plain, db).await;
}
