//! The live adapter and the dump reader must agree: the same database read over the wire and
//! from `mysqldump --no-data --databases <db>` gives the same IR tables (after clearing the size
//! and creation time, which a dump cannot know).

#![allow(clippy::unwrap_used)]

mod common;

use std::process::Command;

use common::{Dbs, server};
use smt_catalog::{Filter, RuleFilter, read_catalog};
use smt_ir::{SizeEstimate, SourceKind, Table};
use smt_source_mysql::MySqlCatalog;

const SCHEMA: &str = "
CREATE TABLE all_types (
    id bigint unsigned NOT NULL AUTO_INCREMENT,
    ti tinyint, tiu tinyint unsigned, tiz tinyint(3) unsigned zerofill, t1 tinyint(1) NOT NULL DEFAULT 1,
    si smallint DEFAULT -5, mi mediumint unsigned, i int DEFAULT NULL, iz int(10) zerofill,
    bi bigint NOT NULL DEFAULT 0,
    d decimal(10,2) DEFAULT 1.50, dmax decimal(65,30), f float, db double DEFAULT 0.5,
    bit1 bit(1) DEFAULT b'1', bit9 bit(9),
    c char(5) DEFAULT 'ab', vc varchar(300) DEFAULT 'it''s \"q\"', tt tinytext, tx text,
    mt mediumtext, lt longtext,
    bn binary(4), vb varbinary(40), tb tinyblob, bl blob, mb mediumblob, lb longblob,
    e enum('a','it''s','x,y','') DEFAULT 'x,y', st set('r','w') DEFAULT 'r,w',
    dt date DEFAULT '2020-01-02', tm time(3), dtt datetime(6) DEFAULT current_timestamp(6),
    ts timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(), y year,
    u char(36) DEFAULT uuid(),
    g geometry, p point,
    gen_v int AS (i + 1) VIRTUAL, gen_s varchar(20) AS (left(vc, 2)) STORED,
    PRIMARY KEY (id)
) COMMENT 'all the types: it''s';
CREATE TABLE cpk (a int NOT NULL, b varchar(10) NOT NULL COMMENT 'part \"b\"', c int,
    PRIMARY KEY (b, a)) DEFAULT CHARSET=latin1;
CREATE TABLE uniq (id int NOT NULL, code varchar(10) NULL, email varchar(50) NOT NULL,
    x int, y int, z int NOT NULL,
    UNIQUE KEY uk_code (code), UNIQUE KEY uk_email (email), KEY ix_x (x));
CREATE UNIQUE INDEX ux_yx ON uniq (y, x);
CREATE TABLE parent (id int PRIMARY KEY, k int NOT NULL, UNIQUE KEY uk_k (k));
CREATE TABLE child (id int PRIMARY KEY, parent_id int,
    CONSTRAINT fk_p FOREIGN KEY (parent_id) REFERENCES parent (id));
CREATE TABLE nokey (a int, b varchar(3) CHARACTER SET utf8mb3, KEY ix_a (a));
CREATE TABLE csbin (a varchar(10), b char(2)) DEFAULT CHARSET=binary;
CREATE TABLE `select` (`from` int PRIMARY KEY, `x``y` int, `ключ` varchar(4) COLLATE utf8mb4_bin,
    UNIQUE KEY `uk``1` (`x``y`)) COMMENT '表的注释';
CREATE VIEW v AS SELECT * FROM parent;
";

/// MariaDB JSON: `longtext` + `CHECK (json_valid(..))`, column-level or table-level.
const JSON_SCHEMA: &str = "
CREATE TABLE docs (id int PRIMARY KEY, j json, jt longtext CHECK (json_valid(jt)),
    jv varchar(100), plain longtext, CONSTRAINT jv_is_json CHECK (json_valid(`jv`)));
";

fn normalise(mut tables: Vec<Table>) -> Vec<Table> {
    for t in &mut tables {
        t.size = SizeEstimate::default();
    }
    tables.sort_by(|a, b| a.name.cmp(&b.name));
    tables
}

/// Create `schema` in a fresh `smt_t_<test>_db`, read it live and from mysqldump, and return
/// the differences (empty when they agree) and the number of tables read.
async fn compare(test: &str, schema: &str) -> Option<(Vec<String>, usize)> {
    let s = server()?;
    let dbs = Dbs::create(&s, test, &["db"]).await;
    dbs.exec_in("db", schema).await;
    let db = dbs.name("db");

    let src = MySqlCatalog::open(&s.config()).await.unwrap();
    let filter = Filter::new(vec![
        RuleFilter::new(&format!("^{db}$"), None, ".*").unwrap(),
    ]);
    let live = normalise(read_catalog(&src, &filter).await.unwrap().tables);

    let dump_bin = ["mariadb-dump", "mysqldump"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok())
        .expect("mysqldump or mariadb-dump on PATH");
    let mut cmd = Command::new(dump_bin);
    cmd.args([
        "-h",
        &s.host,
        "-P",
        &s.port.to_string(),
        "-u",
        &s.user,
        "--no-data",
        "--skip-lock-tables",
        "--databases",
        &db,
    ]);
    if !s.password.is_empty() {
        cmd.env("MYSQL_PWD", &s.password);
    }
    let out = cmd.output().expect("run mysqldump");
    assert!(
        out.status.success(),
        "mysqldump failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8 dump");
    let dump = smt_source_ddl::read_dump(
        &text,
        std::path::Path::new("xcheck.sql"),
        SourceKind::Mysql,
        None,
    )
    .expect("read the dump");
    assert!(dump.errors.is_empty(), "dump issues: {:#?}", dump.errors);
    let from_dump = normalise(dump.catalog.tables);

    let live_names: Vec<_> = live.iter().map(|t| &t.name).collect();
    let dump_names: Vec<_> = from_dump.iter().map(|t| &t.name).collect();
    assert_eq!(live_names, dump_names);
    let mut diffs = Vec::new();
    for (l, d) in live.iter().zip(&from_dump) {
        if l == d {
            continue;
        }
        for (lc, dc) in l.columns.iter().zip(&d.columns) {
            if lc != dc {
                diffs.push(format!(
                    "{}.{}:\n  live {lc:?}\n  dump {dc:?}",
                    l.name, lc.name
                ));
            }
        }
        if l.columns.len() != d.columns.len()
            || l.primary_key != d.primary_key
            || l.unique_keys != d.unique_keys
            || l.comment != d.comment
            || l.facts != d.facts
        {
            diffs.push(format!(
                "{}:\n  live pk {:?} uk {:?} comment {:?} facts {:?}\n  dump pk {:?} uk {:?} comment {:?} facts {:?}",
                l.name, l.primary_key, l.unique_keys, l.comment, l.facts,
                d.primary_key, d.unique_keys, d.comment, d.facts
            ));
        }
    }
    dbs.drop_all().await;
    Some((diffs, live.len()))
}

#[tokio::test]
async fn live_and_dump_agree() {
    let Some((diffs, n)) = compare("xcheck", SCHEMA).await else {
        return;
    };
    assert_eq!(n, 8);
    assert!(
        diffs.is_empty(),
        "live and dump differ:\n{}",
        diffs.join("\n")
    );
}

#[tokio::test]
async fn live_and_dump_agree_on_mariadb_json() {
    let Some((diffs, n)) = compare("xcheckjson", JSON_SCHEMA).await else {
        return;
    };
    assert_eq!(n, 1);
    assert!(
        diffs.is_empty(),
        "live and dump differ:\n{}",
        diffs.join("\n")
    );
}
