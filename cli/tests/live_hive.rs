//! `smt generate` against the Hive servers of this machine, as a user runs it: the Hive
//! Metastore 2.3.9 on 127.0.0.1:9083 and the Spark Thrift Server (HiveServer2 protocol, NOSASL)
//! on 127.0.0.1:10000 that uses it (`SMT_TEST_HIVE_METASTORE` = `thrift://host:port` and
//! `SMT_TEST_HIVE_HS2` = `host:port` point elsewhere).
//!
//! The fixtures are created with the `beeline` of the pyspark sdist that
//! `scripts/services/hive.sh` caches (`$SMT_CACHE/pyspark-3.5.6/deps/bin/beeline`). The same
//! schema is read twice, through the metastore and through HiveServer2 SQL: both results must be
//! identical, carry the mapped types (partition keys appended, ARRAY/MAP/STRUCT kept), and pass
//! the external checks (`scripts/check-result`: Flink 1.20's planner and the StarRocks rules).
//!
//! The servers are started by `scripts/test` (scripts/services/hive.sh). An unreachable server
//! is a failure; `SMT_SKIP_LIVE=1` skips this test (local use only).
//! `SMT_SKIP_EXTERNAL_CHECKS=1` skips the external checks.

#![cfg(feature = "hive")]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::*;

fn hs2() -> String {
    std::env::var("SMT_TEST_HIVE_HS2").unwrap_or_else(|_| "127.0.0.1:10000".to_string())
}

fn metastore() -> String {
    std::env::var("SMT_TEST_HIVE_METASTORE")
        .unwrap_or_else(|_| "thrift://127.0.0.1:9083".to_string())
}

fn beeline() -> PathBuf {
    let cache = std::env::var("SMT_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_else(|_| "/tmp".into()))
                .join(".cache/smt")
        });
    cache.join("pyspark-3.5.6/deps/bin/beeline")
}

/// Run a script through beeline on the NOSASL HiveServer2.
fn hive_exec(script: &str, dir: &Path) {
    let bin = beeline();
    assert!(
        bin.exists(),
        "{} not found: start the Hive servers with scripts/services/hive.sh start (it downloads \
         the pyspark sdist), or set SMT_SKIP_LIVE=1",
        bin.display()
    );
    let file = dir.join("fixture.hql");
    fs::write(&file, script).expect("write fixture");
    let o = Command::new(&bin)
        .arg("-u")
        .arg(format!("jdbc:hive2://{}/default;auth=noSasl", hs2()))
        .args(["-n", "smt", "--silent=true", "-f"])
        .arg(&file)
        .current_dir(dir)
        .output()
        .expect("run beeline");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success() && !stderr.contains("Error:"),
        "beeline failed on {} (is the Hive server up? scripts/services/hive.sh start, or \
         SMT_SKIP_LIVE=1): {}{}",
        hs2(),
        String::from_utf8_lossy(&o.stdout),
        stderr
    );
}

const DB: &str = "smt_e2e_hive_cli";

fn fixture() -> String {
    format!(
        "DROP DATABASE IF EXISTS {DB} CASCADE;
CREATE DATABASE {DB};
CREATE TABLE {DB}.events (id BIGINT COMMENT 'event id', name STRING, code CHAR(10),
  label VARCHAR(64), amount DECIMAL(38,10), ratio FLOAT, score DOUBLE, ok BOOLEAN,
  t TINYINT, s SMALLINT, i INT, payload BINARY, day DATE, ts TIMESTAMP)
  COMMENT 'events table' PARTITIONED BY (dt STRING, hr INT) STORED AS ORC;
CREATE TABLE {DB}.profiles (id BIGINT, tags ARRAY<STRING>, attrs MAP<STRING,INT>,
  addr STRUCT<street:STRING,zip:INT>, items ARRAY<STRUCT<k:STRING,v:DECIMAL(10,2)>>)
  STORED AS PARQUET;
CREATE TABLE {DB}.bucketed (id BIGINT, name STRING, k INT) CLUSTERED BY (k, id) INTO 4 BUCKETS
  STORED AS ORC;
CREATE TABLE {DB}.skipped_by_rule (id INT) STORED AS ORC;
CREATE VIEW {DB}.v_events AS SELECT id FROM {DB}.events;
"
    )
}

fn config(extra_db: &str) -> String {
    let (host, port) = hs2()
        .rsplit_once(':')
        .map(|(h, p)| (h.to_string(), p.to_string()))
        .expect("SMT_TEST_HIVE_HS2 is host:port");
    format!(
        "[db]
type = hive
host = {host}
port = {port}
user = smt
password =
authentication = nosasl
{extra_db}

[other]
be_num = 3
use_decimal_v3 = true

[table-rule.1]
database = ^{DB}$
table = ^(events|profiles|bucketed|v_events)$
flink.starrocks.jdbc-url = jdbc:mysql://127.0.0.1:9030
flink.starrocks.load-url = 127.0.0.1:8030
flink.starrocks.username = root
flink.starrocks.password =
flink.starrocks.sink.max-retries = 10
flink.starrocks.sink.buffer-flush.interval-ms = 15000
flink.starrocks.sink.properties.format = json
flink.starrocks.sink.properties.strip_outer_array = true
"
    )
}

#[test]
fn hive_generate_through_metastore_and_hiveserver2() {
    if skip_live("Hive") {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    hive_exec(&fixture(), tmp.path());

    // 1. The metastore, named in [db].
    let conf_ms = tmp.path().join("config_prod.conf");
    fs::write(
        &conf_ms,
        config(&format!("metastore_uris = {}", metastore())),
    )
    .expect("conf");
    let out_ms = tmp.path().join("out-metastore");
    let log = smt_generate(&conf_ms, &out_ms);
    assert!(log.contains("3 source table(s)"), "{log}");

    // 2. HiveServer2 SQL only (DESCRIBE FORMATTED on Spark), metastore URI learned for facts.
    let conf_sql = tmp.path().join("config_sql.conf");
    fs::write(&conf_sql, config("schema_source = hiveserver2")).expect("conf");
    let out_sql = tmp.path().join("out-sql");
    smt_generate(&conf_sql, &out_sql);

    let a = sql_files(&out_ms);
    let b = sql_files(&out_sql);
    assert_eq!(
        a.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        b.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert_eq!(
            x, y,
            "{name} differs between the metastore and HiveServer2 reads"
        );
    }

    let ddl = fs::read_to_string(out_ms.join("starrocks-create.all.sql")).expect("ddl");
    for needle in [
        "CREATE TABLE IF NOT EXISTS `smt_e2e_hive_cli`.`events` (",
        "`id` BIGINT NULL COMMENT \"event id\"",
        "`name` VARCHAR(1048576) NULL",
        "`code` CHAR(40) NULL",
        "`label` VARCHAR(256) NULL",
        "`amount` DECIMAL(38,10) NULL",
        "`ratio` FLOAT NULL",
        "`score` DOUBLE NULL",
        "`ok` BOOLEAN NULL",
        "`t` TINYINT NULL",
        "`s` SMALLINT NULL",
        "`i` INT NULL",
        "`payload` VARBINARY(1048576) NULL",
        "`day` DATE NULL",
        "`ts` DATETIME NULL",
        // Partition keys follow the data columns.
        "`ts` DATETIME NULL COMMENT \"\",\n  `dt` VARCHAR(1048576) NULL COMMENT \"\",\n  `hr` INT NULL",
        "COMMENT \"events table\"",
        // No Hive CLUSTERED BY: the leading key-legal columns, passing over the STRING `name`
        // and the partition columns; partitioned by the Hive partition columns.
        "DUPLICATE KEY(`id`, `code`, `label`)\nCOMMENT \"events table\"\nPARTITION BY `dt`, `hr`\n\
         DISTRIBUTED BY HASH(`id`, `code`, `label`)",
        // CLUSTERED BY (k, id): the DUPLICATE KEY and the bucket keys.
        "CREATE TABLE IF NOT EXISTS `smt_e2e_hive_cli`.`bucketed` (\n  `k` INT NULL COMMENT \"\",\n  \
         `id` BIGINT NULL COMMENT \"\",\n  `name` VARCHAR(1048576) NULL",
        "DUPLICATE KEY(`k`, `id`)\nCOMMENT \"\"\nDISTRIBUTED BY HASH(`k`, `id`)",
        "`tags` ARRAY<VARCHAR(1048576)> NULL",
        "`attrs` MAP<VARCHAR(1048576),INT> NULL",
        "`addr` STRUCT<`street` VARCHAR(1048576), `zip` INT> NULL",
        "`items` ARRAY<STRUCT<`k` VARCHAR(1048576), `v` DECIMAL(10,2)>> NULL",
    ] {
        assert!(ddl.contains(needle), "missing `{needle}` in\n{ddl}");
    }
    assert!(!ddl.contains("v_events"), "the view is excluded:\n{ddl}");
    assert!(!ddl.contains("skipped_by_rule"), "{ddl}");

    let flink = fs::read_to_string(out_ms.join("flink-create.all.sql")).expect("flink");
    for needle in [
        "SET 'execution.runtime-mode' = 'batch';",
        "CREATE CATALOG `hive` WITH (",
        "`ts` TIMESTAMP(9)",
        "`items` ARRAY<ROW<`k` STRING, `v` DECIMAL(10, 2)>>",
        "`addr` ROW<`street` STRING, `zip` INT>",
        "FROM `hive`.`smt_e2e_hive_cli`.`events`;",
        "FROM `hive`.`smt_e2e_hive_cli`.`profiles`;",
    ] {
        assert!(flink.contains(needle), "missing `{needle}` in\n{flink}");
    }
    assert!(!flink.contains("v_events"), "{flink}");

    let ext = fs::read_to_string(out_ms.join("starrocks-external-create.all.sql")).expect("ext");
    assert!(
        ext.contains(&format!("\"hive.metastore.uris\" = \"{}\"", metastore())),
        "{ext}"
    );

    external_checks(&out_ms);
    hive_exec(
        &format!("DROP DATABASE IF EXISTS {DB} CASCADE;\n"),
        tmp.path(),
    );
}
