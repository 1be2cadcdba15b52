//! `smt generate` against the ClickHouse servers of this machine, as a user runs it:
//! ClickHouse 18.16 on 127.0.0.1:8123 and chDB 26.x behind its HTTP front on 127.0.0.1:8124
//! (both user `default` without a password; `SMT_TEST_CLICKHOUSE_URL` / `SMT_TEST_CHDB_URL`,
//! `http://host:port`, point elsewhere).
//!
//! The StarRocks DDL must have the key model of each engine, ClickHouse's nullability (not the
//! original's inverted one) and the mapped types; the whole result must pass the external checks
//! (`scripts/check-result`: Flink 1.20's planner and the StarRocks rules).
//!
//! The servers are started by `scripts/test` (scripts/services/clickhouse.sh and chdb.sh). An
//! unreachable server is a failure; `SMT_SKIP_LIVE=1` skips these tests (local use only).
//! `SMT_SKIP_EXTERNAL_CHECKS=1` skips the external checks.

#![cfg(feature = "clickhouse")]

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

mod common;
use common::*;

/// `(host, port)` of a test server.
fn server(var: &str, default_port: u16) -> (String, u16) {
    let url = std::env::var(var).unwrap_or_else(|_| format!("http://127.0.0.1:{default_port}"));
    let rest = url.strip_prefix("http://").unwrap_or(&url);
    let rest = rest.split('/').next().unwrap_or(rest);
    let addr = rest.rsplit_once('@').map_or(rest, |(_, a)| a);
    match addr.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse().expect("port in the test URL")),
        None => (addr.to_string(), default_port),
    }
}

/// Send one statement over ClickHouse's HTTP interface (user `default`).
fn exec(host: &str, port: u16, sql: &str) {
    let mut s = TcpStream::connect((host, port)).unwrap_or_else(|e| {
        panic!(
            "ClickHouse test server {host}:{port} is not reachable ({e}). Start it with \
             scripts/services/clickhouse.sh / chdb.sh start, or set SMT_SKIP_LIVE=1"
        )
    });
    s.set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    let req = format!(
        "POST / HTTP/1.0\r\nHost: {host}:{port}\r\nContent-Type: text/plain\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{sql}",
        sql.len()
    );
    s.write_all(req.as_bytes()).expect("send");
    let mut resp = Vec::new();
    s.read_to_end(&mut resp).expect("read");
    let resp = String::from_utf8_lossy(&resp);
    let status = resp.lines().next().unwrap_or("");
    assert!(
        status.contains(" 200"),
        "{host}:{port} failed `{sql}`:\n{resp}"
    );
}

const COMMON_TABLES: &[&str] = &[
    "CREATE TABLE {db}.events (id UInt64, ts DateTime, name String, score Nullable(Float64), \
     tags Array(String), amount Decimal(18, 4), kind LowCardinality(String), \
     e Enum8('a' = 1, 'b' = 2)) ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (id, ts)",
    "CREATE TABLE {db}.users (id UInt64, ver UInt32, email String, nick Nullable(String), \
     created Date, u UUID, fs FixedString(8)) ENGINE = ReplacingMergeTree(ver) ORDER BY id",
    "CREATE TABLE {db}.daily (k UInt32, day Date, hits UInt64, cost Float64) \
     ENGINE = SummingMergeTree ORDER BY (k, day)",
    "CREATE TABLE {db}.visits (id UInt64, sign Int8, dur UInt32) \
     ENGINE = CollapsingMergeTree(sign) ORDER BY id",
    "CREATE TABLE {db}.skipped (id UInt64) ENGINE = MergeTree ORDER BY id",
    "CREATE VIEW {db}.v AS SELECT id FROM {db}.events",
];

const MODERN_TABLES: &[&str] = &[
    "CREATE TABLE {db}.modern (id UInt32, t64 DateTime64(3, 'UTC'), ok Bool, \
     m Map(String, UInt64), big Int128, n_t Nullable(DateTime64(6))) \
     ENGINE = MergeTree ORDER BY id COMMENT 'modern types'",
];

fn conf_text(port: u16, db: &str) -> String {
    format!(
        "[db]
type = clickhouse
host = 127.0.0.1
port = {port}
user = default
password =

[other]
be_num = 3
use_decimal_v3 = true

[table-rule.1]
database = ^{db}$
table = ^(?!skipped$).*$
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

/// The `CREATE TABLE` statement of `table` in a StarRocks DDL file.
fn create_of<'a>(ddl: &'a str, table: &str) -> &'a str {
    let needle = format!("`{table}` (");
    let start = ddl
        .find(&needle)
        .unwrap_or_else(|| panic!("no CREATE TABLE for {table} in:\n{ddl}"));
    let start = ddl[..start].rfind("CREATE TABLE").unwrap_or(start);
    let end = ddl[start..].find(";").map_or(ddl.len(), |e| start + e);
    &ddl[start..end]
}

fn assert_has(stmt: &str, needle: &str) {
    assert!(stmt.contains(needle), "expected `{needle}` in:\n{stmt}");
}

fn generate_and_check(var: &str, default_port: u16, modern: bool) {
    let (host, port) = server(var, default_port);
    let db = if modern {
        "smt_e2e_ch_modern"
    } else {
        "smt_e2e_ch_old"
    };
    exec(&host, port, &format!("DROP DATABASE IF EXISTS {db}"));
    exec(&host, port, &format!("CREATE DATABASE {db}"));
    let mut stmts: Vec<&str> = COMMON_TABLES.to_vec();
    if modern {
        stmts.extend_from_slice(MODERN_TABLES);
    }
    for s in stmts {
        exec(&host, port, &s.replace("{db}", db));
    }

    let dir = tempfile::tempdir().expect("tempdir");
    let conf = dir.path().join("config_prod.conf");
    fs::write(
        &conf,
        conf_text(port, db).replace("127.0.0.1\nport", &format!("{host}\nport")),
    )
    .expect("write conf");
    let out = dir.path().join("result");
    let log = smt_generate(&conf, &out);
    let ddl = fs::read_to_string(out.join("starrocks-create.all.sql"))
        .unwrap_or_else(|e| panic!("no starrocks-create.all.sql ({e}); smt said:\n{log}"));

    // The view and the rule-excluded table are not there.
    assert!(!ddl.contains("`v` ("), "{ddl}");
    assert!(!ddl.contains("`skipped`"), "{ddl}");

    let events = create_of(&ddl, "events");
    assert_has(events, "DUPLICATE KEY(`id`, `ts`)");
    assert_has(events, "`id` LARGEINT NOT NULL");
    assert_has(events, "`ts` DATETIME NOT NULL");
    assert_has(events, "`score` DOUBLE NULL");
    assert_has(events, "`tags` ARRAY<VARCHAR(1048576)> NOT NULL");
    assert_has(events, "`amount` DECIMAL(18,4) NOT NULL");
    assert_has(events, "`kind` VARCHAR");
    assert!(!events.contains("`kind` VARCHAR(1048576) NULL"), "{events}");

    let users = create_of(&ddl, "users");
    assert_has(users, "PRIMARY KEY(`id`)");
    assert_has(users, "`nick` VARCHAR(1048576) NULL");
    assert_has(users, "`created` DATE NOT NULL");
    assert_has(users, "`u` VARCHAR(36) NOT NULL");

    let daily = create_of(&ddl, "daily");
    assert_has(daily, "AGGREGATE KEY(`k`, `day`)");
    assert_has(daily, "`hits` LARGEINT SUM NOT NULL");

    let visits = create_of(&ddl, "visits");
    assert_has(visits, "PRIMARY KEY(`id`)");

    if modern {
        let m = create_of(&ddl, "modern");
        assert_has(m, "DUPLICATE KEY(`id`)");
        assert_has(m, "`t64` DATETIME NOT NULL");
        assert_has(m, "`ok` BOOLEAN NOT NULL");
        assert_has(m, "`m` MAP<VARCHAR(1048576),LARGEINT> NOT NULL");
        assert_has(m, "`big` LARGEINT NOT NULL");
        assert_has(m, "`n_t` DATETIME NULL");
        assert_has(m, "COMMENT \"modern types\"");
    }

    // Flink: a batch job reading through ClickHouse's MySQL interface.
    let flink = fs::read_to_string(out.join("flink-create.all.sql")).expect("flink file");
    assert!(flink.contains("'connector' = 'jdbc'"), "{flink}");

    external_checks(&out);
    exec(&host, port, &format!("DROP DATABASE IF EXISTS {db}"));
}

#[test]
fn generate_from_clickhouse_18() {
    if skip_live("ClickHouse") {
        return;
    }
    generate_and_check("SMT_TEST_CLICKHOUSE_URL", 8123, false);
}

#[test]
fn generate_from_modern_clickhouse() {
    if skip_live("ClickHouse") {
        return;
    }
    generate_and_check("SMT_TEST_CHDB_URL", 8124, true);
}
