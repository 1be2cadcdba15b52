//! `smt generate` against the real servers of this machine, as a user runs it: MariaDB on
//! 127.0.0.1:3306 (root, no password) and PostgreSQL on 127.0.0.1:5432 (postgres, trust).
//!
//! For each, the live adapter's output must equal the output from a schema dump of the same
//! databases (`mysqldump --no-data`, `pg_dump --schema-only`), and must pass the external SQL
//! checks (`scripts/check-result`: Flink 1.20's planner and the StarRocks rules).
//!
//! The servers are started by `scripts/test` (scripts/services/*.sh). An unreachable server is a
//! failure; `SMT_SKIP_LIVE=1` skips these tests (local use only). `SMT_SKIP_EXTERNAL_CHECKS=1`
//! skips the external checks.
//!
//! SQL Server and Oracle cannot run here; their part takes schema scripts instead (last test).

// Some helpers serve only the live tests, which need the mysql / postgres features.
#![cfg_attr(
    not(all(feature = "mysql", feature = "postgres")),
    allow(dead_code, unused_imports)
)]

use std::fs;
use std::path::Path;
use std::process::Command;

mod common;
use common::*;

fn assert_same_output(live: &Path, dump: &Path) {
    let a = sql_files(live);
    let b = sql_files(dump);
    assert_eq!(
        a.iter().map(|x| &x.0).collect::<Vec<_>>(),
        b.iter().map(|x| &x.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        if x != y {
            let diff: Vec<String> = x
                .lines()
                .zip(y.lines())
                .filter(|(l, r)| l != r)
                .take(10)
                .map(|(l, r)| format!("  live: {l}\n  dump: {r}"))
                .collect();
            panic!(
                "{name} differs between the live read and the dump:\n{}",
                diff.join("\n")
            );
        }
    }
}

const MYSQL_SCHEMA: &str = r#"
DROP DATABASE IF EXISTS smt_e2e_shop;
DROP DATABASE IF EXISTS smt_e2e_s0;
DROP DATABASE IF EXISTS smt_e2e_s1;
CREATE DATABASE smt_e2e_shop CHARACTER SET utf8mb4;
CREATE DATABASE smt_e2e_s0;
CREATE DATABASE smt_e2e_s1;
USE smt_e2e_shop;
CREATE TABLE customers (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(190) NOT NULL,
  name VARCHAR(100) CHARACTER SET latin1 NOT NULL COMMENT 'latin1 "name"',
  active TINYINT(1) NOT NULL DEFAULT 1,
  score DECIMAL(12,3) DEFAULT '0.000',
  doc JSON,
  created DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  seen TIMESTAMP NULL,
  t TIME(3),
  y YEAR,
  flags BIT(5),
  kind ENUM('a','b''c') NOT NULL DEFAULT 'a',
  tags SET('x','y'),
  photo MEDIUMBLOB,
  bio TEXT,
  UNIQUE KEY uk_email (email)
) COMMENT = 'people''s table';
CREATE TABLE `order` (
  `key` INT NOT NULL,
  `desc` VARCHAR(20),
  `weird``name` INT,
  PRIMARY KEY (`key`)
);
CREATE TABLE events (
  at DATETIME NOT NULL,
  what VARCHAR(50),
  val DOUBLE
);
CREATE TABLE coupons (
  code CHAR(8) NOT NULL,
  pct SMALLINT UNSIGNED NOT NULL,
  UNIQUE KEY uk_code (code)
);
CREATE TABLE smt_e2e_s0.orders_0 (id INT NOT NULL PRIMARY KEY, total DECIMAL(10,2), note VARCHAR(20));
CREATE TABLE smt_e2e_s0.orders_1 (id INT NOT NULL PRIMARY KEY, total DECIMAL(10,2), note VARCHAR(40));
CREATE TABLE smt_e2e_s1.orders_2 (id BIGINT NOT NULL PRIMARY KEY, total DECIMAL(12,2), note VARCHAR(20));
"#;

fn conf_text(kind: &str, port: u16, user: &str, ddl: Option<&str>, rules: &str) -> String {
    format!(
        "[db]\ntype = {kind}\nhost = 127.0.0.1\nport = {port}\nuser = {user}\npassword =\n{}\n\
         [other]\nbe_num = 1\nuse_decimal_v3 = true\noutput_dir = ./result\n\n{rules}",
        ddl.map(|d| format!("ddl_file = {d}\n")).unwrap_or_default()
    )
}

const SINK: &str = "flink.starrocks.jdbc-url = jdbc:mysql://127.0.0.1:9030\n\
flink.starrocks.load-url = 127.0.0.1:8030\nflink.starrocks.username = root\nflink.starrocks.password =\n";

#[cfg(feature = "mysql")]
#[test]
fn mysql_live_equals_dump_and_passes_checks() {
    if skip_live("server") {
        return;
    }
    let mariadb = |sql: &str| {
        run(Command::new("mariadb").args([
            "-h",
            "127.0.0.1",
            "-P",
            "3306",
            "-u",
            "root",
            "-e",
            sql,
        ]))
    };
    mariadb(MYSQL_SCHEMA);
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = format!(
        "[table-rule.1]\ndatabase = ^smt_e2e_shop$\ntable = .*\nbucket_num = 2\n{SINK}flink.cdc.server-id = 5400-5403\n\n\
         [table-rule.2]\ndatabase = ^smt_e2e_s[0-9]$\ntable = ^orders_[0-9]+$\nbucket_num = 2\nshard_identity_columns = true\n{SINK}"
    );
    let live_conf = dir.path().join("live.conf");
    fs::write(&live_conf, conf_text("mysql", 3306, "root", None, &rules)).expect("write");
    let dump = run(Command::new("mysqldump").args([
        "-h",
        "127.0.0.1",
        "-P",
        "3306",
        "-u",
        "root",
        "--no-data",
        "--databases",
        "smt_e2e_shop",
        "smt_e2e_s0",
        "smt_e2e_s1",
    ]));
    fs::write(dir.path().join("dump.sql"), dump).expect("write dump");
    let dump_conf = dir.path().join("dump.conf");
    fs::write(
        &dump_conf,
        conf_text("mysql", 3306, "root", Some("dump.sql"), &rules),
    )
    .expect("write");

    let live_out = dir.path().join("live");
    let dump_out = dir.path().join("dump");
    smt_generate(&live_conf, &live_out);
    smt_generate(&dump_conf, &dump_out);
    mariadb("DROP DATABASE smt_e2e_shop; DROP DATABASE smt_e2e_s0; DROP DATABASE smt_e2e_s1;");

    let sr = fs::read_to_string(live_out.join("starrocks-create.all.sql")).expect("read");
    assert!(
        sr.contains("CREATE TABLE IF NOT EXISTS `smt_e2e_shop`.`order`"),
        "{sr}"
    );
    assert!(sr.contains("`weird``name`"), "{sr}");
    assert!(
        sr.contains("`smt_e2e_s_auto_shard`.`orders__auto_shard`"),
        "{sr}"
    );
    assert!(sr.contains("PRIMARY KEY(`code`)"), "{sr}");
    assert!(sr.contains("DUPLICATE KEY(`at`, `what`)"), "{sr}");
    assert_same_output(&live_out, &dump_out);
    external_checks(&live_out);
}

const PG_SCHEMA: &str = r#"
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE SCHEMA sales;
CREATE SCHEMA "Odd Schema";
CREATE TABLE public.orders (
  id bigserial PRIMARY KEY,
  amount numeric(12,2) NOT NULL,
  loose numeric,
  placed timestamptz NOT NULL DEFAULT now(),
  local_ts timestamp(3),
  t time,
  note text,
  code varchar(20),
  m mood,
  qty posint,
  tags text[],
  doc jsonb,
  raw bytea,
  uid uuid,
  ok boolean DEFAULT true
);
COMMENT ON TABLE public.orders IS 'orders ''quoted''';
CREATE TABLE sales.orders (id integer PRIMARY KEY, region char(2));
CREATE TABLE "Odd Schema"."Mixed Case" ("Id" integer NOT NULL, "Ünïcode" text, UNIQUE ("Id"));
CREATE TABLE public.log (at timestamp NOT NULL, msg text);
CREATE TABLE public.measures (id int NOT NULL, day date NOT NULL, v double precision, PRIMARY KEY (id, day)) PARTITION BY RANGE (day);
CREATE TABLE public.measures_2024 PARTITION OF public.measures FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE SCHEMA s_0;
CREATE SCHEMA s_1;
CREATE TABLE s_0.orders_0 (id bigint PRIMARY KEY, total numeric(10,2), note varchar(20));
CREATE TABLE s_1.orders_1 (id bigint PRIMARY KEY, total numeric(12,2), note varchar(40));
"#;

#[cfg(feature = "postgres")]
#[test]
fn postgres_live_equals_dump_and_passes_checks() {
    if skip_live("server") {
        return;
    }
    let psql = |db: &str, sql: &str| {
        run(Command::new("psql").args([
            "-h",
            "127.0.0.1",
            "-p",
            "5432",
            "-U",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-q",
            "-d",
            db,
            "-c",
            sql,
        ]))
    };
    psql("postgres", "DROP DATABASE IF EXISTS smt_e2e_pg");
    psql("postgres", "CREATE DATABASE smt_e2e_pg");
    psql("smt_e2e_pg", PG_SCHEMA);
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = format!(
        "[table-rule.1]\ndatabase = ^smt_e2e_pg$\nschema = .*\ntable = .*\nbucket_num = 2\n{SINK}\n\
         [table-rule.2]\ndatabase = ^smt_e2e_pg$\nschema = ^s_[0-9]$\ntable = ^orders_[0-9]$\nbucket_num = 2\n\
         shard_identity_columns = true\n{SINK}"
    );
    let live_conf = dir.path().join("live.conf");
    fs::write(
        &live_conf,
        conf_text("pgsql", 5432, "postgres", None, &rules),
    )
    .expect("write");
    let dump = run(Command::new("pg_dump").args([
        "-h",
        "127.0.0.1",
        "-p",
        "5432",
        "-U",
        "postgres",
        "--schema-only",
        "smt_e2e_pg",
    ]));
    fs::write(dir.path().join("dump.sql"), dump).expect("write dump");
    let dump_conf = dir.path().join("dump.conf");
    fs::write(
        &dump_conf,
        conf_text("pgsql", 5432, "postgres", Some("dump.sql"), &rules).replace(
            "ddl_file = dump.sql\n",
            "ddl_file = dump.sql\nddl_database = smt_e2e_pg\n",
        ),
    )
    .expect("write");
    let live_out = dir.path().join("live");
    let dump_out = dir.path().join("dump");
    smt_generate(&live_conf, &live_out);
    smt_generate(&dump_conf, &dump_out);
    psql("postgres", "DROP DATABASE smt_e2e_pg");

    let sr = fs::read_to_string(live_out.join("starrocks-create.all.sql")).expect("read");
    assert!(sr.contains("`smt_e2e_pg`.`public__orders`"), "{sr}");
    assert!(sr.contains("`smt_e2e_pg`.`sales__orders`"), "{sr}");
    // StarRocks names allow only letters, digits and `_`.
    assert!(sr.contains("`smt_e2e_pg`.`Odd_Schema__Mixed_Case`"), "{sr}");
    let report = fs::read_to_string(live_out.join("smt-report.json")).expect("report");
    assert!(report.contains("name-sanitized"));
    assert!(sr.contains("`smt_e2e_pg`.`public__measures`"), "{sr}");
    assert!(
        !sr.contains("measures_2024"),
        "a partition is not a table: {sr}"
    );
    let fl = fs::read_to_string(live_out.join("flink-create.all.sql")).expect("read");
    assert!(fl.contains("'slot.name'"), "{fl}");
    assert_same_output(&live_out, &dump_out);
    external_checks(&live_out);
}

/// SQL Server and Oracle cannot run here: their generated SQL is produced from schema scripts
/// (SSMS "Script Table as CREATE" and DBMS_METADATA output, read into the same IR as the live
/// adapters' row path) and goes through the same external checks as every other source.
#[test]
fn sqlserver_and_oracle_scripts_give_checked_sql() {
    let dumps = root().join("crates/smt-source-ddl/tests/dumps");
    for (kind, file, extra, database, merged) in [
        (
            "sqlserver",
            "ssms_2019.sql",
            "",
            ".*",
            "`shop_db`.`dbo__orders__auto_shard`",
        ),
        (
            "oracle",
            "dbms_metadata_19c.sql",
            "ddl_database = ORCLPDB1\n",
            "ORCLPDB1",
            "`ORCLPDB1`.`schema_auto_shard__ORDERS_auto_shard`",
        ),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::copy(dumps.join(file), dir.path().join(file)).expect("copy dump");
        let conf = dir.path().join("c.conf");
        fs::write(
            &conf,
            format!(
                "[db]\ntype = {kind}\nhost = 127.0.0.1\nport = 1433\nuser = u\npassword = pw\nddl_file = {file}\n{extra}\n\
                 [other]\nbe_num = 3\nuse_decimal_v3 = true\n\n\
                 [table-rule.1]\ndatabase = {database}\nschema = .*\ntable = .*\n{SINK}"
            ),
        )
        .expect("write conf");
        let out = dir.path().join("result");
        smt_generate(&conf, &out);
        let sr = fs::read_to_string(out.join("starrocks-create.all.sql")).expect("read");
        assert!(
            sr.contains(merged),
            "{kind}: no merged shard target in:\n{sr}"
        );
        external_checks(&out);
    }
}
