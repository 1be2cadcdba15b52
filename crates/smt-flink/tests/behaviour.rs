//! Behaviour of the emitter on hand-built plans: file shape, options, allocations, warnings.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use smt_flink::{EmitError, Emitted, emit, flink_type, sink_options, source_options};
use smt_ir::{
    Column, ColumnOrigin, DataType, KeyKind, Plan, Secret, SourceKind, TableName, TargetProfile,
    TargetTable,
};

fn mysql_table(name: &str) -> TargetTable {
    table(
        "shop",
        name,
        TableName::new("shop", name),
        vec![
            key("id", DataType::int(64), "bigint"),
            c("v", DataType::int(32), "int"),
        ],
        KeyKind::Primary,
        &["id"],
    )
}

fn pg_table(schema: &str, name: &str) -> TargetTable {
    table(
        "db",
        &format!("{schema}__{name}"),
        TableName::with_schema("db", schema, name),
        vec![key("id", DataType::int(32), "integer")],
        KeyKind::Primary,
        &["id"],
    )
}

fn file<'a>(out: &'a Emitted, name: &str) -> &'a str {
    &out.files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no file {name}"))
        .contents
}

fn option<'a>(opts: &'a [(String, String)], key: &str) -> Option<&'a str> {
    opts.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn has_warning(out: &Emitted, code: &str) -> bool {
    out.warnings.iter().any(|w| w.code == code)
}

#[test]
fn files_per_rule_and_all_with_the_statement_format() {
    let p = plan(
        SourceKind::Mysql,
        vec![
            rule("1", vec![mysql_table("a"), mysql_table("b")]),
            rule("x_y", vec![mysql_table("c")]),
        ],
    );
    let out = emit(&p).unwrap();
    let names: Vec<&str> = out.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "flink-create.1.sql",
            "flink-create.x_y.sql",
            "flink-create.all.sql"
        ]
    );
    for f in &out.files {
        assert!(f.contents.ends_with(";\n"), "{}", f.name);
        assert!(!f.contents.ends_with(";\n;\n"), "{}", f.name);
        assert!(f.contains_secret);
    }
    let all = file(&out, "flink-create.all.sql");
    let statements: Vec<&str> = all.trim_end_matches(";\n").split(";\n\n").collect();
    // 1 database + 3 * (src + sink) + 1 statement set
    assert_eq!(statements.len(), 8);
    assert_eq!(
        statements[0],
        "CREATE DATABASE IF NOT EXISTS `default_catalog`.`shop`"
    );
    assert_eq!(all.matches("CREATE DATABASE").count(), 1);
    let set = statements[7];
    assert!(set.starts_with("EXECUTE STATEMENT SET\nBEGIN\nINSERT INTO"));
    assert!(set.ends_with(";\nEND"));
    assert_eq!(set.matches("INSERT INTO").count(), 3);
    // the INSERTs come after every CREATE
    let last_create = all.rfind("CREATE TABLE").unwrap();
    let first_insert = all.find("INSERT INTO").unwrap();
    assert!(last_create < first_insert);
    // deterministic
    assert_eq!(emit(&p).unwrap(), out);
}

#[test]
fn statement_set_off_gives_one_insert_statement_per_table() {
    let mut p = plan(
        SourceKind::Mysql,
        vec![rule("1", vec![mysql_table("a"), mysql_table("b")])],
    );
    p.flink.statement_set = false;
    let out = emit(&p).unwrap();
    let f = file(&out, "flink-create.1.sql");
    assert!(!f.contains("STATEMENT SET"));
    let statements: Vec<&str> = f.trim_end_matches(";\n").split(";\n\n").collect();
    let inserts: Vec<&&str> = statements
        .iter()
        .filter(|s| s.starts_with("INSERT INTO"))
        .collect();
    assert_eq!(inserts.len(), 2);
    assert!(statements.last().unwrap().starts_with("INSERT INTO"));
    assert_eq!(
        *inserts[0],
        "INSERT INTO `default_catalog`.`shop`.`a_sink` (`id`, `v`)\nSELECT `id`, `v`\nFROM `default_catalog`.`shop`.`a_src`"
    );
}

#[test]
fn empty_rule_gives_an_empty_file() {
    let p = plan(SourceKind::Mysql, vec![rule("empty", vec![])]);
    let out = emit(&p).unwrap();
    assert_eq!(file(&out, "flink-create.empty.sql"), "");
    assert_eq!(file(&out, "flink-create.all.sql"), "");
    assert!(!out.files[0].contains_secret);
}

#[test]
fn secrets_are_flagged_and_escaped() {
    let mut p = plan(SourceKind::Mysql, vec![rule("1", vec![mysql_table("a")])]);
    p.connection.password = Secret::new("it's");
    let out = emit(&p).unwrap();
    let f = file(&out, "flink-create.1.sql");
    assert!(f.contains("'password' = 'it''s'"));
    assert!(f.contains("'password' = 's3cr''et'"));
    assert!(out.files.iter().all(|f| f.contains_secret));

    // no password anywhere: not a secret
    p.connection.password = Secret::new("");
    p.rules[0].tables[0]
        .flink_sink_options
        .retain(|(k, _)| k != "password");
    let out = emit(&p).unwrap();
    assert!(out.files.iter().all(|f| !f.contains_secret));
    assert!(file(&out, "flink-create.1.sql").contains("'password' = ''"));
}

#[test]
fn identifiers_with_backquotes_and_metadata_columns() {
    let t = merged(
        table(
            "d`b",
            "t`x",
            TableName::new("d1", "t1"),
            vec![
                identity("src`db", ColumnOrigin::SourceDatabase),
                identity("src_schema", ColumnOrigin::SourceSchema),
                key("i`d", DataType::int(32), "int"),
            ],
            KeyKind::Primary,
            &["src`db", "src_schema", "i`d"],
        ),
        "d[0-9]+",
        None,
        "t1",
        vec![TableName::new("d1", "t1"), TableName::new("d2", "t1")],
    );
    let out = emit(&plan(SourceKind::Mysql, vec![rule("1", vec![t])])).unwrap();
    let f = file(&out, "flink-create.1.sql");
    assert!(f.contains("CREATE TABLE IF NOT EXISTS `default_catalog`.`d``b`.`t``x_src` ("));
    assert!(f.contains("  `src``db` STRING METADATA FROM 'database_name' VIRTUAL,"));
    // MySQL has no schema level: the schema is the database
    assert!(f.contains("  `src_schema` STRING METADATA FROM 'database_name' VIRTUAL,"));
    assert!(f.contains("  `i``d` INT NOT NULL,\n  PRIMARY KEY (`i``d`) NOT ENFORCED\n)"));
    assert!(f.contains("  `src``db` STRING NOT NULL,"));
    assert!(f.contains("PRIMARY KEY (`src``db`, `src_schema`, `i``d`) NOT ENFORCED"));
    assert!(f.contains("'database-name' = '(?:d[0-9]+)'"));
    assert!(f.contains("'table-name' = '(?:t1)'"));
    assert!(f.contains("'table-name' = 't`x'"));
}

#[test]
fn schema_metadata_for_sources_with_schemas() {
    let t = merged(
        table(
            "db",
            "s__t",
            TableName::with_schema("db", "s", "t1"),
            vec![
                identity("_schema", ColumnOrigin::SourceSchema),
                key("id", DataType::int(32), "integer"),
            ],
            KeyKind::Primary,
            &["_schema", "id"],
        ),
        "db",
        Some("(s|s2)"),
        "t1",
        vec![
            TableName::with_schema("db", "s", "t1"),
            TableName::with_schema("db", "s2", "t1"),
        ],
    );
    for source in [SourceKind::Pgsql, SourceKind::Oracle, SourceKind::Sqlserver] {
        let out = emit(&plan(source, vec![rule("1", vec![t.clone()])])).unwrap();
        let f = file(&out, "flink-create.1.sql");
        assert!(
            f.contains("`_schema` STRING METADATA FROM 'schema_name' VIRTUAL"),
            "{source}"
        );
        // one database: one source table
        assert!(f.contains("`s__t_src` ("), "{source}");
    }
    let out = emit(&plan(SourceKind::Sqlserver, vec![rule("1", vec![t])])).unwrap();
    let f = file(&out, "flink-create.1.sql");
    assert!(f.contains(r"'table-name' = '(?:(s|s2))\.(?:t1)'"));
    assert!(!f.contains("'schema-name'"));
}

#[test]
fn literal_names_are_regex_escaped_where_the_connector_takes_a_regex() {
    let t = table(
        "db",
        "s__t",
        TableName::with_schema("my.db", "sch$1", "t.1"),
        vec![key("id", DataType::int(32), "integer")],
        KeyKind::Primary,
        &["id"],
    );
    let opts = |source| {
        let p = plan(source, vec![rule("1", vec![t.clone()])]);
        source_options(&p.rules[0].tables[0], &p, 0)
    };
    let pg = opts(SourceKind::Pgsql);
    // postgres-cdc connects to database-name: a literal
    assert_eq!(option(&pg, "database-name"), Some("my.db"));
    assert_eq!(option(&pg, "schema-name"), Some(r"sch\$1"));
    assert_eq!(option(&pg, "table-name"), Some(r"t\.1"));
    let ora = opts(SourceKind::Oracle);
    assert_eq!(option(&ora, "database-name"), Some("my.db"));
    assert_eq!(option(&ora, "schema-name"), Some(r"sch\$1"));
    let mss = opts(SourceKind::Sqlserver);
    assert_eq!(option(&mss, "database-name"), Some("my.db"));
    assert_eq!(option(&mss, "table-name"), Some(r"sch\$1\.t\.1"));
    assert_eq!(option(&mss, "schema-name"), None);

    let m = table(
        "db",
        "t",
        TableName::new("my.db", "t(1)"),
        vec![key("id", DataType::int(32), "int")],
        KeyKind::Primary,
        &["id"],
    );
    let p = plan(SourceKind::Mysql, vec![rule("1", vec![m.clone()])]);
    let my = source_options(&p.rules[0].tables[0], &p, 0);
    assert_eq!(option(&my, "database-name"), Some(r"my\.db"));
    assert_eq!(option(&my, "table-name"), Some(r"t\(1\)"));
    // tidb-cdc takes literal names
    let mut p = plan(SourceKind::Tidb, vec![rule("1", vec![m])]);
    p.connection
        .facts
        .push(("tidb.pd-addresses".into(), "pd:2379".into()));
    let ti = source_options(&p.rules[0].tables[0], &p, 0);
    assert_eq!(option(&ti, "database-name"), Some("my.db"));
    assert_eq!(option(&ti, "table-name"), Some("t(1)"));
    assert_eq!(option(&ti, "hostname"), None);
    assert_eq!(option(&ti, "password"), None);
}

#[test]
fn server_ids_single_and_ranges_per_table_of_the_file() {
    let mut a = mysql_table("a");
    let mut b = mysql_table("b");
    let mut c2 = mysql_table("c");
    a.flink_source_options = opts(&[("server-id", "5400")]);
    b.flink_source_options = opts(&[("server-id", "5400")]);
    c2.flink_source_options = opts(&[("server-id", "6000-6003")]);
    let p = plan(
        SourceKind::Mysql,
        vec![rule("1", vec![a, b]), rule("2", vec![c2])],
    );
    let out = emit(&p).unwrap();
    let one = file(&out, "flink-create.1.sql");
    assert!(one.contains("'server-id' = '5400'"));
    assert!(one.contains("'server-id' = '5401'"));
    let two = file(&out, "flink-create.2.sql");
    assert!(two.contains("'server-id' = '6000-6003'"));
    let all = file(&out, "flink-create.all.sql");
    // the third table of the .all file gets the third range
    assert!(all.contains("'server-id' = '6008-6011'"));
    assert!(!has_warning(&out, "flink-server-id-overlap"));
    assert!(!has_warning(&out, "flink-server-id-unset"));

    // public API: the index picks the id
    let t = &p.rules[0].tables[0];
    assert_eq!(option(&source_options(t, &p, 7), "server-id"), Some("5407"));
}

#[test]
fn overlapping_and_invalid_server_ids_are_reported() {
    let mut a = mysql_table("a");
    let mut b = mysql_table("b");
    a.flink_source_options = opts(&[("server-id", "5400-5409")]);
    b.flink_source_options = opts(&[("server-id", "5405")]);
    let p = plan(
        SourceKind::Mysql,
        vec![rule("1", vec![a]), rule("2", vec![b])],
    );
    let out = emit(&p).unwrap();
    // .all: a gets 5400-5409, b (second table) gets 5406
    assert!(file(&out, "flink-create.all.sql").contains("'server-id' = '5406'"));
    assert!(has_warning(&out, "flink-server-id-overlap"));

    let mut bad = mysql_table("a");
    bad.flink_source_options = opts(&[("server-id", "auto")]);
    let out = emit(&plan(SourceKind::Mysql, vec![rule("1", vec![bad])])).unwrap();
    assert!(file(&out, "flink-create.1.sql").contains("'server-id' = 'auto'"));
    assert!(has_warning(&out, "flink-invalid-server-id"));

    let out = emit(&plan(
        SourceKind::Mysql,
        vec![rule("1", vec![mysql_table("a")])],
    ))
    .unwrap();
    assert!(has_warning(&out, "flink-server-id-unset"));
    assert!(!file(&out, "flink-create.1.sql").contains("server-id"));
}

#[test]
fn keyless_mysql_tables_get_a_chunk_key_unless_the_rule_decides() {
    let logs = table(
        "shop",
        "logs",
        TableName::new("shop", "logs"),
        vec![
            identity("_db", ColumnOrigin::SourceDatabase),
            nn("seq", DataType::int(64), "bigint"),
            c("line", text(), "text"),
        ],
        KeyKind::Duplicate,
        &["_db", "seq"],
    );
    let p = plan(SourceKind::Mysql, vec![rule("1", vec![logs.clone()])]);
    let o = source_options(&p.rules[0].tables[0], &p, 0);
    // the first key column that is a source column
    assert_eq!(
        option(&o, "scan.incremental.snapshot.chunk.key-column"),
        Some("seq")
    );
    let out = emit(&p).unwrap();
    // no PRIMARY KEY anywhere for a Duplicate Key target
    assert!(!file(&out, "flink-create.1.sql").contains("PRIMARY KEY"));

    let mut user = logs.clone();
    user.flink_source_options = opts(&[("scan.incremental.snapshot.chunk.key-column", "line")]);
    let p = plan(SourceKind::Mysql, vec![rule("1", vec![user])]);
    let o = source_options(&p.rules[0].tables[0], &p, 0);
    assert_eq!(
        option(&o, "scan.incremental.snapshot.chunk.key-column"),
        Some("line")
    );

    let mut off = logs;
    off.flink_source_options = opts(&[("scan.incremental.snapshot.enabled", "false")]);
    let p = plan(SourceKind::Mysql, vec![rule("1", vec![off])]);
    let o = source_options(&p.rules[0].tables[0], &p, 0);
    assert_eq!(
        option(&o, "scan.incremental.snapshot.chunk.key-column"),
        None
    );
    assert_eq!(
        option(&o, "scan.incremental.snapshot.enabled"),
        Some("false")
    );
}

#[test]
fn tinyint1_as_tinyint_sets_the_jdbc_property() {
    let t = table(
        "shop",
        "t",
        TableName::new("shop", "t"),
        vec![
            key("id", DataType::int(32), "int"),
            c(
                "flag",
                DataType::Integer {
                    bits: 8,
                    unsigned: false,
                    display_width: Some(1),
                },
                "tinyint(1)",
            ),
        ],
        KeyKind::Primary,
        &["id"],
    );
    let mut p = plan(SourceKind::Mysql, vec![rule("1", vec![t])]);
    let o = source_options(&p.rules[0].tables[0], &p, 0);
    assert_eq!(option(&o, "jdbc.properties.tinyInt1isBit"), None);
    p.target.tinyint1_as_boolean = false;
    let o = source_options(&p.rules[0].tables[0], &p, 0);
    assert_eq!(option(&o, "jdbc.properties.tinyInt1isBit"), Some("false"));
    let out = emit(&p).unwrap();
    assert!(file(&out, "flink-create.1.sql").contains("  `flag` TINYINT,"));
}

#[test]
fn mysql_server_time_zone_from_the_source() {
    let mut p = plan(SourceKind::Mysql, vec![rule("1", vec![mysql_table("a")])]);
    let o = source_options(&p.rules[0].tables[0], &p, 0);
    assert_eq!(option(&o, "server-time-zone"), None);
    p.connection
        .facts
        .push(("mysql.server-time-zone".into(), "Asia/Shanghai".into()));
    let o = source_options(&p.rules[0].tables[0], &p, 0);
    assert_eq!(option(&o, "server-time-zone"), Some("Asia/Shanghai"));
    // the rule's own value wins
    p.rules[0].tables[0].flink_source_options = opts(&[("server-time-zone", "UTC")]);
    let o = source_options(&p.rules[0].tables[0], &p, 0);
    assert_eq!(option(&o, "server-time-zone"), Some("UTC"));
}

#[test]
fn user_source_options_win_and_keep_file_order() {
    let mut t = mysql_table("a");
    t.flink_source_options = opts(&[
        ("scan.startup.mode", "latest-offset"),
        ("hostname", "replica.example.com"),
        ("server-time-zone", "Asia/Shanghai"),
    ]);
    let p = plan(SourceKind::Mysql, vec![rule("1", vec![t])]);
    let o = source_options(&p.rules[0].tables[0], &p, 0);
    let keys: Vec<&str> = o.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "connector",
            "hostname",
            "port",
            "username",
            "password",
            "database-name",
            "table-name",
            "scan.startup.mode",
            "server-time-zone"
        ]
    );
    assert_eq!(option(&o, "hostname"), Some("replica.example.com"));
}

#[test]
fn postgres_slot_names_are_unique_valid_and_use_the_user_prefix() {
    // `a-b` and `a_b` both clean to `a_b`: the second gets a suffix
    let long = "x".repeat(80);
    let p = plan(
        SourceKind::Pgsql,
        vec![
            rule("1", vec![pg_table("s", "a-b"), pg_table("s", "a_b")]),
            rule("2", vec![pg_table("Sales", "Заказы"), pg_table("s", &long)]),
        ],
    );
    let out = emit(&p).unwrap();
    let all = file(&out, "flink-create.all.sql");
    let slots: Vec<&str> = all
        .lines()
        .filter_map(|l| l.strip_prefix("  'slot.name' = '"))
        .map(|l| l.trim_end_matches(['\'', ',']))
        .collect();
    assert_eq!(slots.len(), 4);
    assert_eq!(slots[0], "smt_db_s_a_b");
    assert_eq!(slots[1], "smt_db_s_a_b_2");
    assert!(slots[2].starts_with("smt_db_sales_______"), "{}", slots[2]);
    assert_eq!(slots[3].len(), 63);
    for s in &slots {
        assert!(s.len() <= 63);
        assert!(
            s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{s}"
        );
    }
    // the rule file and the .all file agree
    assert!(file(&out, "flink-create.1.sql").contains("'slot.name' = 'smt_db_s_a_b_2'"));

    // a user slot name is a prefix
    let mut a = pg_table("s", "a");
    let mut b = pg_table("s", "b");
    let mut c1 = pg_table("s", "c");
    a.flink_source_options = opts(&[("slot.name", "Flink-Slot")]);
    b.flink_source_options = opts(&[("slot.name", "Flink-Slot")]);
    c1.flink_source_options = opts(&[("slot.name", "solo")]);
    let p = plan(
        SourceKind::Pgsql,
        vec![rule("1", vec![a, b]), rule("2", vec![c1])],
    );
    let out = emit(&p).unwrap();
    let f = file(&out, "flink-create.1.sql");
    assert!(f.contains("'slot.name' = 'flink_slot_1'"));
    assert!(f.contains("'slot.name' = 'flink_slot_2'"));
    assert!(file(&out, "flink-create.2.sql").contains("'slot.name' = 'solo'"));
    assert!(has_warning(&out, "flink-slot-name-changed"));
    // the plan-wide allocation is what source_options reports too
    let o = source_options(&p.rules[0].tables[1], &p, 1);
    assert_eq!(option(&o, "slot.name"), Some("flink_slot_2"));
    assert_eq!(option(&o, "decoding.plugin.name"), Some("pgoutput"));
}

#[test]
fn tidb_needs_pd_addresses() {
    let t = mysql_table("a");
    let mut p = plan(SourceKind::Tidb, vec![rule("r", vec![t.clone()])]);
    match emit(&p) {
        Err(EmitError::MissingOption { rule, option, .. }) => {
            assert_eq!(rule, "r");
            assert_eq!(option, "pd-addresses");
        }
        other => panic!("{other:?}"),
    }
    // the user option wins over the discovered one
    p.connection
        .facts
        .push(("tidb.pd-addresses".into(), "pd-discovered:2379".into()));
    let o = source_options(&p.rules[0].tables[0], &p, 0);
    assert_eq!(option(&o, "pd-addresses"), Some("pd-discovered:2379"));
    let mut t2 = t;
    t2.flink_source_options = opts(&[("pd-addresses", "pd-user:2379")]);
    p.rules[0].tables[0] = t2;
    let o = source_options(&p.rules[0].tables[0], &p, 0);
    assert_eq!(option(&o, "pd-addresses"), Some("pd-user:2379"));
    assert!(emit(&p).is_ok());
}

#[test]
fn oracle_without_cdb_and_old_versions() {
    let t = table(
        "ORCL",
        "HR__EMP",
        TableName::with_schema("ORCL", "HR", "EMP"),
        vec![key("ID", DataType::decimal(10, 0), "NUMBER(10)")],
        KeyKind::Primary,
        &["ID"],
    );
    let mut p = plan(SourceKind::Oracle, vec![rule("1", vec![t])]);
    let o = source_options(&p.rules[0].tables[0], &p, 0);
    assert_eq!(option(&o, "database-name"), Some("ORCL"));
    assert_eq!(option(&o, "debezium.database.pdb.name"), None);
    assert_eq!(option(&o, "debezium.decimal.handling.mode"), None);
    p.source_version = Some("Oracle Database 11g Release 11.2.0.4.0 - 64bit Production".into());
    let o = source_options(&p.rules[0].tables[0], &p, 0);
    assert_eq!(option(&o, "debezium.decimal.handling.mode"), Some("string"));
}

#[test]
fn sink_options_order_format_and_warnings() {
    let mut t = mysql_table("a");
    t.flink_sink_options = opts(&[
        ("connector", "not-starrocks"),
        ("sink.max-retries", "5"),
        ("table-name", "other"),
        ("database-name", "other"),
        ("jdbc-url", "jdbc:mysql://fe:9030"),
    ]);
    let p = plan(SourceKind::Mysql, vec![rule("r1", vec![t])]);
    let o = sink_options(&p.rules[0].tables[0], &p);
    assert_eq!(
        o,
        opts(&[
            ("connector", "starrocks"),
            ("database-name", "shop"),
            ("table-name", "a"),
            ("sink.max-retries", "5"),
            ("jdbc-url", "jdbc:mysql://fe:9030"),
            ("sink.properties.format", "json"),
            ("sink.properties.strip_outer_array", "true"),
        ])
    );
    let out = emit(&p).unwrap();
    let w = out
        .warnings
        .iter()
        .find(|w| w.code == "flink-sink-incomplete")
        .expect("warning");
    assert!(w.message.contains("rule `r1`"));
    assert!(w.message.contains("flink.starrocks.load-url"));
    assert!(!w.message.contains("flink.starrocks.jdbc-url"));

    // the user's CSV choice stands
    let mut csv = mysql_table("b");
    csv.flink_sink_options
        .push(("sink.properties.format".into(), "csv".into()));
    let p = plan(SourceKind::Mysql, vec![rule("1", vec![csv])]);
    let o = sink_options(&p.rules[0].tables[0], &p);
    assert_eq!(option(&o, "sink.properties.format"), Some("csv"));
    assert_eq!(option(&o, "sink.properties.strip_outer_array"), None);
    let out = emit(&p).unwrap();
    assert!(!has_warning(&out, "flink-sink-incomplete"));
}

#[test]
fn starrocks_string_override_casts_in_the_insert() {
    let mut t = table(
        "shop",
        "t",
        TableName::new("shop", "t"),
        vec![
            key("k", DataType::decimal(20, 0), "decimal(20,0)"),
            c("v", DataType::int(32), "int"),
        ],
        KeyKind::Primary,
        &["k"],
    );
    t.columns[0].starrocks_type = Some("VARCHAR(64)".into());
    let out = emit(&plan(SourceKind::Mysql, vec![rule("1", vec![t])])).unwrap();
    let f = file(&out, "flink-create.1.sql");
    assert!(f.contains("  `k` DECIMAL(20, 0) NOT NULL,\n  `v` INT,\n  PRIMARY KEY"));
    assert!(f.contains("  `k` STRING NOT NULL,\n  `v` INT,\n  PRIMARY KEY"));
    assert!(f.contains("SELECT CAST(`k` AS STRING), `v`"));
}

#[test]
fn hive_batch_file() {
    let t = table(
        "dw",
        "t",
        TableName::new("dw", "t"),
        vec![c("id", DataType::int(64), "bigint")],
        KeyKind::Duplicate,
        &["id"],
    );
    let p = plan(SourceKind::Hive, vec![rule("1", vec![t])]);
    let out = emit(&p).unwrap();
    let f = file(&out, "flink-create.1.sql");
    assert!(f.starts_with(
        "SET 'execution.runtime-mode' = 'batch';\n\nCREATE CATALOG `hive` WITH (\n  'type' = 'hive',\n  'hive-conf-dir' = '/opt/hive/conf'\n);\n\n"
    ));
    assert!(!f.contains("_src"));
    assert!(f.contains("FROM `hive`.`dw`.`t`;"));
    assert!(has_warning(&out, "flink-hive-conf-dir"));
    // the connection fact is used when the rule says nothing
    let mut p2 = p.clone();
    p2.connection
        .facts
        .push(("hive.conf-dir".into(), "/etc/hive".into()));
    let out = emit(&p2).unwrap();
    assert!(file(&out, "flink-create.1.sql").contains("'hive-conf-dir' = '/etc/hive'"));
    assert!(!has_warning(&out, "flink-hive-conf-dir"));
    assert_eq!(
        source_options(&p2.rules[0].tables[0], &p2, 0),
        opts(&[("type", "hive"), ("hive-conf-dir", "/etc/hive")])
    );
}

#[test]
fn clickhouse_batch_file() {
    let t = merged(
        table(
            "m",
            "hits__auto_shard",
            TableName::new("m1", "hits"),
            vec![
                identity("_db", ColumnOrigin::SourceDatabase),
                c("id", DataType::uint(64), "UInt64"),
            ],
            KeyKind::Duplicate,
            &["_db"],
        ),
        "m[0-9]+",
        None,
        "hits",
        vec![TableName::new("m1", "hits"), TableName::new("m2", "hits")],
    );
    let mut p = plan(SourceKind::Clickhouse, vec![rule("1", vec![t])]);
    p.connection
        .facts
        .push(("clickhouse.mysql-port".into(), "9104".into()));
    let out = emit(&p).unwrap();
    let f = file(&out, "flink-create.1.sql");
    assert!(f.starts_with("SET 'execution.runtime-mode' = 'batch';\n\n"));
    assert!(f.contains("'url' = 'jdbc:mysql://db.example.com:9104/m1'"));
    assert!(f.contains("'url' = 'jdbc:mysql://db.example.com:9104/m2'"));
    // no metadata in a JDBC table: the shard's name is a constant
    assert!(!f.contains("METADATA"));
    assert!(f.contains("SELECT CAST('m1' AS STRING) AS `_db`, `id`\nFROM `default_catalog`.`m`.`hits__auto_shard_src_1`\nUNION ALL\nSELECT CAST('m2' AS STRING) AS `_db`, `id`"));
}

#[test]
fn flink_type_is_the_connector_type() {
    let target = TargetProfile::default();
    let col = Column::new("c", DataType::uint(64), "bigint unsigned");
    assert_eq!(
        flink_type(&col, SourceKind::Mysql, &target).unwrap(),
        "DECIMAL(20, 0)"
    );
    let col = Column::new(
        "c",
        DataType::Time {
            precision: Some(3),
            with_time_zone: false,
        },
        "time(3)",
    );
    // the source type, not the sink's STRING
    assert_eq!(
        flink_type(&col, SourceKind::Mysql, &target).unwrap(),
        "TIME(3)"
    );
    let col = Column::new("c", DataType::decimal(40, 2), "decimal(40,2)");
    assert_eq!(
        flink_type(&col, SourceKind::Mysql, &target).unwrap(),
        "STRING"
    );
    let col = Column::new("c", DataType::int(0), "weird");
    assert!(matches!(
        flink_type(&col, SourceKind::Mysql, &target),
        Err(EmitError::UnsupportedType { .. })
    ));
}

#[test]
fn warnings_are_reported_once() {
    let t = table(
        "shop",
        "t",
        TableName::new("shop", "t"),
        vec![
            key("id", DataType::int(32), "int"),
            c("b", DataType::Blob { max_bytes: None }, "blob"),
        ],
        KeyKind::Primary,
        &["id"],
    );
    let out = emit(&plan(SourceKind::Mysql, vec![rule("1", vec![t])])).unwrap();
    let n = out
        .warnings
        .iter()
        .filter(|w| w.code == "flink-binary-as-text")
        .count();
    assert_eq!(n, 1);
    let w = out
        .warnings
        .iter()
        .find(|w| w.code == "flink-binary-as-text")
        .unwrap();
    assert_eq!(w.table.as_deref(), Some("shop.t"));
    assert_eq!(w.column.as_deref(), Some("b"));
}

#[allow(dead_code)]
fn _plan_is_clone(p: &Plan) -> Plan {
    p.clone()
}
