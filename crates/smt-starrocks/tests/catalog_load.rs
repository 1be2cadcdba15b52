//! `starrocks-catalog-load.*.sql`: the StarRocks-native full load for Hive and ClickHouse.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use smt_ir::*;
use smt_starrocks::{
    CATALOG_LOAD_PREFIX, CLICKHOUSE_DEFAULT_DRIVER_URL, Emitted, catalog_load, catalog_name, emit,
};

const PASSWORD: &str = "s3cr\"et'pw";

fn file<'a>(e: &'a Emitted, name: &str) -> &'a OutputFile {
    e.files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no file {name} in {:?}", names(e)))
}

fn names(e: &Emitted) -> Vec<&str> {
    e.files.iter().map(|f| f.name.as_str()).collect()
}

fn codes(e: &Emitted) -> Vec<&str> {
    e.warnings.iter().map(|w| w.code.as_str()).collect()
}

fn hive_plan(tables: Vec<TargetTable>) -> Plan {
    let mut p = plan(SourceKind::Hive, tables);
    p.connection.host = "hs2.example.com".into();
    p.connection.port = 10000;
    p.connection.user = "hive".into();
    p.connection.password = Secret::new("");
    p.connection.facts = vec![(
        "hive.metastore-uris".into(),
        "thrift://hms1.example.com:9083,thrift://hms2.example.com:9083".into(),
    )];
    p
}

fn clickhouse_plan(tables: Vec<TargetTable>) -> Plan {
    let mut p = plan(SourceKind::Clickhouse, tables);
    p.connection.host = "ch.example.com".into();
    p.connection.port = 8123;
    p.connection.user = "default".into();
    p.connection.password = Secret::new(PASSWORD);
    p
}

fn events() -> TargetTable {
    table(
        "dw",
        "events",
        KeyKind::Duplicate,
        &["event_id"],
        vec![
            col("event_id", DataType::int(64), "bigint"),
            col("event_type", DataType::varchar(32, 4), "varchar(32)"),
            col("amount", DataType::decimal(18, 2), "decimal(18,2)"),
        ],
    )
}

fn array(e: DataType) -> DataType {
    DataType::Array {
        element: Box::new(e),
        dimensions: 1,
    }
}

fn string() -> DataType {
    DataType::Text {
        max_bytes: None,
        max_bytes_per_char: 4,
    }
}

/// A Hive table partitioned by `dt`, with complex columns and a key-type conversion.
fn partitioned() -> TargetTable {
    let mut t = table(
        "dw",
        "page_views",
        KeyKind::Duplicate,
        &["view_id", "dt"],
        vec![
            // a DOUBLE key column: the plan converted it to a string key
            typed(
                key(col("view_id", DataType::Float { bits: 64 }, "double")),
                "VARCHAR(64)",
            ),
            col("dt", DataType::Date, "date"),
            col("tags", array(string()), "array<string>"),
            col(
                "props",
                DataType::Map {
                    key: Box::new(string()),
                    value: Box::new(DataType::int(32)),
                },
                "map<string,int>",
            ),
            col(
                "geo",
                DataType::Struct {
                    fields: vec![
                        StructField {
                            name: "lat".into(),
                            data_type: DataType::Float { bits: 64 },
                        },
                        StructField {
                            name: "lon".into(),
                            data_type: DataType::Float { bits: 64 },
                        },
                    ],
                },
                "struct<lat:double,lon:double>",
            ),
        ],
    );
    t.partition = Some(Partitioning {
        column: "dt".into(),
        spec: PartitionSpec::DateTrunc { unit: "day".into() },
    });
    t
}

/// Two shards merged into one target with identity columns.
fn merged() -> TargetTable {
    let identity = |name: &str, origin: ColumnOrigin| TargetColumn {
        origin,
        is_key: true,
        ..TargetColumn::source(
            Column::new(name, DataType::varchar(64, 4), "varchar(64)").not_null(),
        )
    };
    let mut t = table(
        "shop",
        "user_all",
        KeyKind::Primary,
        &["_db", "_tbl", "id"],
        vec![
            identity("_db", ColumnOrigin::SourceDatabase),
            identity("_tbl", ColumnOrigin::SourceTable),
            key(col("id", DataType::int(64), "Int64")),
            col("email", DataType::varchar(100, 4), "String"),
        ],
    );
    t.sources = vec![
        TableName::new("shop_0", "user_0"),
        TableName::new("shop_1", "user_1"),
    ];
    t.selector = SourceSelector {
        database: "shop_[0-9]+".into(),
        schema: None,
        table: "user_[0-9]+".into(),
        is_pattern: true,
    };
    t.distribution = Distribution::Hash {
        columns: vec!["id".into()],
    };
    t
}

#[test]
fn hive_single_table() {
    let p = hive_plan(vec![events()]);
    let e = catalog_load(&p).unwrap();
    assert_eq!(
        names(&e),
        [
            "starrocks-catalog-load.1.sql",
            "starrocks-catalog-load.all.sql"
        ]
    );
    let f = file(&e, "starrocks-catalog-load.1.sql");
    assert!(!f.contains_secret);
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    assert_eq!(
        catalog_name(&p).as_deref(),
        Some("smt_hive_hms1_example_com")
    );
    assert!(f.contents.contains(
        "CREATE EXTERNAL CATALOG IF NOT EXISTS `smt_hive_hms1_example_com`\nPROPERTIES (\n  \"type\" = \"hive\",\n  \"hive.metastore.type\" = \"hive\",\n  \"hive.metastore.uris\" = \"thrift://hms1.example.com:9083,thrift://hms2.example.com:9083\"\n)"
    ));
    assert!(f.contents.contains(
        "INSERT INTO `dw`.`events` (`event_id`, `event_type`, `amount`)\nSELECT `event_id`, `event_type`, `amount`\nFROM `smt_hive_hms1_example_com`.`dw`.`events`;\n"
    ));
    assert!(f.contents.contains("mysql -h <fe-host> -P 9030"));
    // with one rule, `.all` holds the same statements
    let all = file(&e, "starrocks-catalog-load.all.sql");
    let body = |s: &str| s[s.find("CREATE EXTERNAL").unwrap()..].to_string();
    assert_eq!(body(&all.contents), body(&f.contents));
    insta::assert_snapshot!("hive-single.1.sql", f.contents);
}

#[test]
fn hive_partitioned_complex_types() {
    let p = hive_plan(vec![partitioned()]);
    let e = catalog_load(&p).unwrap();
    let f = file(&e, "starrocks-catalog-load.1.sql");
    // the converted key is cast to the plan's type; complex columns pass through unchanged
    assert!(
        f.contents.contains(
            "SELECT CAST(`view_id` AS VARCHAR(64)) AS `view_id`, `dt`, `tags`, `props`, `geo`\n"
        ),
        "{}",
        f.contents
    );
    // the DDL of the same plan is valid and names the same columns
    let ddl = emit(&p).unwrap();
    let create = &file(&ddl, "starrocks-create.1.sql").contents;
    for c in [
        "`view_id` VARCHAR(64)",
        "`tags` ARRAY<",
        "`props` MAP<",
        "`geo` STRUCT<",
    ] {
        assert!(create.contains(c), "{c} missing in {create}");
    }
    insta::assert_snapshot!("hive-partitioned.1.sql", f.contents);
}

#[test]
fn clickhouse_password_only_in_the_catalog() {
    let mut t = events();
    t.database = "metrics".into();
    t.name = "hits".into();
    t.sources = vec![TableName::new("metrics", "hits")];
    t.selector.database = "metrics".into();
    t.selector.table = "hits".into();
    let p = clickhouse_plan(vec![t]);
    let e = catalog_load(&p).unwrap();
    assert_eq!(e.files.len(), 2);
    let escaped = "s3cr\\\"et'pw";
    for f in &e.files {
        assert!(f.contains_secret, "{} must be written 0600", f.name);
        assert_eq!(f.contents.matches(escaped).count(), 1, "{}", f.contents);
        let create = f.contents.find("CREATE EXTERNAL CATALOG").unwrap();
        let end = create + f.contents[create..].find(";\n").unwrap();
        let at = f.contents.find(escaped).unwrap();
        assert!(
            create < at && at < end,
            "the password is outside the catalog"
        );
        assert!(f.contents.contains(
            "\"type\" = \"jdbc\",\n  \"user\" = \"default\",\n  \"password\" = \"s3cr\\\"et'pw\",\n  \"jdbc_uri\" = \"jdbc:clickhouse://ch.example.com:8123\",\n"
        ));
        assert!(
            f.contents
                .contains("\"driver_class\" = \"com.clickhouse.jdbc.ClickHouseDriver\"")
        );
        assert!(f.contents.contains(&format!(
            "\"driver_url\" = \"{CLICKHOUSE_DEFAULT_DRIVER_URL}\""
        )));
        assert!(
            f.contents
                .contains("FROM `smt_clickhouse_ch_example_com_8123`.`metrics`.`hits`")
        );
    }
    // the default driver URL is reported; no warning shows the password
    assert_eq!(codes(&e), ["catalog-load-driver-url"]);
    for w in &e.warnings {
        assert!(!w.to_string().contains("s3cr"), "{w}");
    }
    assert!(!format!("{:?}", e.warnings).contains("s3cr"));
    let f = file(&e, "starrocks-catalog-load.1.sql");
    let redacted = f.contents.replace(escaped, "***");
    insta::assert_snapshot!("clickhouse.1.sql", redacted);
}

#[test]
fn clickhouse_without_password_is_not_secret_and_takes_user_driver() {
    let mut t = events();
    t.external_properties = vec![
        (
            "driver_url".into(),
            "file:///opt/jdbc/clickhouse-jdbc.jar".into(),
        ),
        ("driver_class".into(), "com.clickhouse.jdbc.Driver".into()),
    ];
    let mut p = clickhouse_plan(vec![t]);
    p.connection.password = Secret::new("");
    let e = catalog_load(&p).unwrap();
    assert!(e.files.iter().all(|f| !f.contains_secret));
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    let c = &file(&e, "starrocks-catalog-load.1.sql").contents;
    assert!(c.contains("\"driver_url\" = \"file:///opt/jdbc/clickhouse-jdbc.jar\""));
    assert!(c.contains("\"driver_class\" = \"com.clickhouse.jdbc.Driver\""));
}

#[test]
fn merged_shards_union_all_with_identity_constants() {
    let p = clickhouse_plan(vec![merged()]);
    let e = catalog_load(&p).unwrap();
    let c = &file(&e, "starrocks-catalog-load.1.sql").contents;
    let expected = "-- merged target of 2 source tables: one SELECT per source table\n\
INSERT INTO `shop`.`user_all` (`_db`, `_tbl`, `id`, `email`)\n\
SELECT 'shop_0' AS `_db`, 'user_0' AS `_tbl`, `id`, `email`\n\
FROM `smt_clickhouse_ch_example_com_8123`.`shop_0`.`user_0`\n\
UNION ALL\n\
SELECT 'shop_1' AS `_db`, 'user_1' AS `_tbl`, `id`, `email`\n\
FROM `smt_clickhouse_ch_example_com_8123`.`shop_1`.`user_1`;\n";
    assert!(c.contains(expected), "{c}");
}

#[test]
fn names_needing_quotes() {
    let mut t = table(
        "dw",
        "odd",
        KeyKind::Duplicate,
        &["a`b"],
        vec![
            col("a`b", DataType::int(32), "int"),
            col("with space", DataType::int(32), "int"),
            col("名前", DataType::varchar(10, 4), "varchar(10)"),
        ],
    );
    t.sources = vec![TableName::new("src db`x", "tbl ü`")];
    let mut m = merged();
    m.columns[0].column.name = "src`db".into();
    m.key.columns[0] = "src`db".into();
    m.sources = vec![TableName::new("it's", "back\\slash")];
    let p = hive_plan(vec![t, m]);
    let e = catalog_load(&p).unwrap();
    let c = &file(&e, "starrocks-catalog-load.1.sql").contents;
    assert!(c.contains(
        "INSERT INTO `dw`.`odd` (`a``b`, `with space`, `名前`)\nSELECT `a``b`, `with space`, `名前`\nFROM `smt_hive_hms1_example_com`.`src db``x`.`tbl ü```;"
    ), "{c}");
    // identity constants are escaped string literals
    assert!(
        c.contains("SELECT 'it\\'s' AS `src``db`, 'back\\\\slash' AS `_tbl`, `id`, `email`"),
        "{c}"
    );
}

#[test]
fn missing_metastore_uri_gives_placeholder_and_warning() {
    let mut p = hive_plan(vec![events()]);
    p.connection.facts.clear();
    let e = catalog_load(&p).unwrap();
    assert_eq!(codes(&e), ["catalog-load-metastore"]);
    assert_eq!(
        catalog_name(&p).as_deref(),
        Some("smt_hive_hs2_example_com")
    );
    for f in &e.files {
        assert!(
            f.contents
                .contains("-- PLACEHOLDER: \"hive.metastore.uris\" below is a guess")
        );
        assert!(
            f.contents
                .contains("\"hive.metastore.uris\" = \"thrift://hs2.example.com:9083\"")
        );
    }
    // no host at all: an obvious placeholder
    p.connection.host.clear();
    let e = catalog_load(&p).unwrap();
    assert!(
        file(&e, "starrocks-catalog-load.1.sql")
            .contents
            .contains("\"thrift://METASTORE_HOST:9083\"")
    );
    assert_eq!(catalog_name(&p).as_deref(), Some("smt_hive"));
}

#[test]
fn sources_without_a_catalog_path_give_no_file() {
    for kind in [
        SourceKind::Mysql,
        SourceKind::Tidb,
        SourceKind::Pgsql,
        SourceKind::Oracle,
        SourceKind::Sqlserver,
    ] {
        let p = plan(kind, vec![simple()]);
        let e = catalog_load(&p).unwrap();
        assert!(e.files.is_empty(), "{kind}: {:?}", names(&e));
        assert!(e.warnings.is_empty());
        assert_eq!(catalog_name(&p), None);
        assert!(
            emit(&p)
                .unwrap()
                .files
                .iter()
                .all(|f| !f.name.starts_with(CATALOG_LOAD_PREFIX))
        );
    }
}

#[test]
fn versions_gate_syntax_and_settings() {
    let mut p = hive_plan(vec![events()]);
    p.target.version = StarRocksVersion::new(3, 1, 0);
    let c = &file(&catalog_load(&p).unwrap(), "starrocks-catalog-load.1.sql")
        .contents
        .clone();
    assert!(c.contains("CREATE EXTERNAL CATALOG `smt_hive"));
    assert!(c.contains("SET query_timeout = 86400;"));
    assert!(c.contains("SET enable_insert_strict = true;"));

    p.target.version = StarRocksVersion::new(3, 4, 0);
    let c = file(&catalog_load(&p).unwrap(), "starrocks-catalog-load.1.sql")
        .contents
        .clone();
    assert!(c.contains("CREATE EXTERNAL CATALOG IF NOT EXISTS `smt_hive"));
    assert!(c.contains("SET insert_timeout = 86400;"));

    let mut p = clickhouse_plan(vec![events()]);
    p.target.version = StarRocksVersion::new(3, 2, 0);
    let e = catalog_load(&p).unwrap();
    assert!(codes(&e).contains(&"catalog-load-version"));
}

#[test]
fn several_rules_one_file_each_and_all() {
    let mut p = hive_plan(vec![events()]);
    p.rules.push(RulePlan {
        name: "2".into(),
        tables: vec![partitioned()],
    });
    p.rules.push(RulePlan {
        name: "3".into(),
        tables: vec![],
    });
    let e = catalog_load(&p).unwrap();
    assert_eq!(
        names(&e),
        [
            "starrocks-catalog-load.1.sql",
            "starrocks-catalog-load.2.sql",
            "starrocks-catalog-load.3.sql",
            "starrocks-catalog-load.all.sql"
        ]
    );
    let all = &file(&e, "starrocks-catalog-load.all.sql").contents;
    assert_eq!(all.matches("CREATE EXTERNAL CATALOG").count(), 1);
    assert_eq!(all.matches("INSERT INTO").count(), 2);
    let empty = &file(&e, "starrocks-catalog-load.3.sql").contents;
    assert_eq!(empty.matches("INSERT INTO").count(), 0);
    assert!(empty.ends_with("SET enable_insert_strict = true;\n"));
}

#[test]
fn pattern_without_sources_is_reported() {
    let mut t = merged();
    t.sources.clear();
    let p = clickhouse_plan(vec![t]);
    let e = catalog_load(&p).unwrap();
    assert!(codes(&e).contains(&"catalog-load-no-source"));
    assert!(
        !file(&e, "starrocks-catalog-load.1.sql")
            .contents
            .contains("INSERT INTO")
    );
}

/// The files of one plan, DDL and catalog load, through `scripts/check-result` (sqlglot's
/// StarRocks dialect plus smt's rules; the catalog-load INSERTs must name tables and columns of
/// `starrocks-create.all.sql`). Skipped with `SMT_SKIP_EXTERNAL_CHECKS=1`.
#[test]
fn check_result_accepts_the_files() {
    if std::env::var("SMT_SKIP_EXTERNAL_CHECKS").is_ok_and(|v| v == "1") {
        eprintln!(
            "SMT_SKIP_EXTERNAL_CHECKS=1: the external check of the catalog-load files is skipped"
        );
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut hive = hive_plan(vec![events(), partitioned()]);
    hive.rules.push(RulePlan {
        name: "2".into(),
        tables: vec![merged()],
    });
    let mut names_table = table(
        "dw",
        "odd",
        KeyKind::Duplicate,
        &["a`b"],
        vec![
            col("a`b", DataType::int(32), "int"),
            col("with space", DataType::int(32), "int"),
            col("名前", DataType::varchar(10, 4), "varchar(10)"),
        ],
    );
    names_table.sources = vec![TableName::new("src db`x", "tbl ü`")];
    let clickhouse = clickhouse_plan(vec![merged(), names_table]);
    for (kind, p) in [("hive", hive), ("clickhouse", clickhouse)] {
        let dir =
            std::env::temp_dir().join(format!("smt-catalog-load-{kind}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut written = 0;
        for f in emit(&p)
            .unwrap()
            .files
            .into_iter()
            .chain(catalog_load(&p).unwrap().files)
        {
            if f.name.starts_with("starrocks-create") || f.name.starts_with(CATALOG_LOAD_PREFIX) {
                std::fs::write(dir.join(&f.name), &f.contents).unwrap();
                written += 1;
            }
        }
        assert!(written >= 4);
        let out = std::process::Command::new(root.join("scripts/check-result"))
            .arg(&dir)
            .arg("--be-num")
            .arg("1")
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        eprintln!("{kind}:\n{text}");
        assert!(!text.contains("s3cr"), "the checker printed the password");
        assert!(out.status.success(), "{kind}: check-result failed:\n{text}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
