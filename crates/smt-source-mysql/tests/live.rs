//! Live tests against a real MariaDB/MySQL (see `common` for where it is and how to skip).
//!
//! Every test creates its own `smt_t_<test>_*` databases, drops leftovers first and drops them
//! at the end.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{Dbs, server};
use smt_catalog::{
    ErrorKind, Filter, RuleFilter, Secret, SourceCatalog, SourceFactory, read_catalog,
};
use smt_ir::{DataType, DefaultValue, Generated, Key, Table, TableName, TimeZoneKind};
use smt_source_mysql::{Flavor, MySqlCatalog, MySqlSourceFactory};

fn filter(rules: &[(&str, &str)]) -> Filter {
    Filter::new(
        rules
            .iter()
            .map(|(d, t)| RuleFilter::new(d, None, t).unwrap())
            .collect(),
    )
}

fn exact(db: &str) -> String {
    format!("^{}$", regex_escape(db))
}

fn regex_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\.+*?()|[]{}^$-".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

async fn read_db(s: &common::Server, db: &str) -> (Vec<Table>, u64) {
    let src = MySqlCatalog::open(&s.config()).await.unwrap();
    let cat = read_catalog(&src, &filter(&[(&exact(db), ".*")]))
        .await
        .unwrap();
    (cat.tables, src.query_count())
}

fn table<'a>(tables: &'a [Table], name: &str) -> &'a Table {
    tables
        .iter()
        .find(|t| t.name.name == name)
        .unwrap_or_else(|| panic!("table {name} not found"))
}

fn ty(t: &Table, col: &str) -> DataType {
    t.column(col)
        .unwrap_or_else(|| panic!("column {col}"))
        .data_type
        .clone()
}

fn int(bits: u16, unsigned: bool, width: Option<u32>) -> DataType {
    DataType::Integer {
        bits,
        unsigned,
        display_width: width,
    }
}

#[tokio::test]
async fn every_type() {
    let Some(s) = server() else { return };
    let dbs = Dbs::create(&s, "types", &["db"]).await;
    dbs.exec_in(
        "db",
        "CREATE TABLE all_types (
            ti tinyint, tiu tinyint unsigned, tiz tinyint(3) unsigned zerofill, t1 tinyint(1),
            b bool, si smallint, siu smallint unsigned, mi mediumint, miu mediumint unsigned,
            i int, iu int unsigned, iz int(10) zerofill, bi bigint, biu bigint unsigned,
            d decimal(10,2), dmax decimal(65,30), du decimal(5,0) unsigned, dn numeric,
            f float, db double, fp float(10,2), r real,
            bit1 bit(1), bit9 bit(9), bit64 bit(64),
            c char(5), vc varchar(300), tt tinytext, tx text, mt mediumtext, lt longtext,
            bn binary(4), vb varbinary(40), tb tinyblob, bl blob, mb mediumblob, lb longblob,
            e enum('a','it''s','x,y','', 'back\\\\slash'), st set('r','w','it''s'),
            j json, jt longtext CHECK (json_valid(jt)), nj longtext,
            dt date, tm time, tm3 time(3), dtt datetime, dt6 datetime(6),
            ts timestamp NULL, ts2 timestamp(2) NULL, y year,
            g geometry, p point, ls linestring, pg polygon, gc geometrycollection,
            gen_v int AS (i + 1) VIRTUAL, gen_s varchar(20) AS (left(vc, 2)) STORED
        )",
    )
    .await;
    let (tables, _) = read_db(&s, &dbs.name("db")).await;
    let t = table(&tables, "all_types");
    assert_eq!(t.columns.len(), 57);
    assert_eq!(ty(t, "ti"), int(8, false, Some(4)));
    assert_eq!(ty(t, "tiu"), int(8, true, Some(3)));
    assert_eq!(ty(t, "tiz"), int(8, true, Some(3)));
    // ZEROFILL is display only: the type is the unsigned integer, the native type keeps it.
    assert!(t.column("tiz").unwrap().facts.is_empty());
    assert_eq!(
        t.column("tiz").unwrap().native_type,
        "tinyint(3) unsigned zerofill"
    );
    assert_eq!(ty(t, "t1"), int(8, false, Some(1)));
    assert_eq!(ty(t, "b"), int(8, false, Some(1)));
    assert_eq!(ty(t, "si"), int(16, false, Some(6)));
    assert_eq!(ty(t, "siu"), int(16, true, Some(5)));
    assert_eq!(ty(t, "mi"), int(24, false, Some(9)));
    assert_eq!(ty(t, "miu"), int(24, true, Some(8)));
    assert_eq!(ty(t, "i"), int(32, false, Some(11)));
    assert_eq!(ty(t, "iu"), int(32, true, Some(10)));
    assert_eq!(ty(t, "iz"), int(32, true, Some(10)));
    assert_eq!(ty(t, "bi"), int(64, false, Some(20)));
    assert_eq!(ty(t, "biu"), int(64, true, Some(20)));
    assert_eq!(ty(t, "d"), DataType::decimal(10, 2));
    assert_eq!(ty(t, "dmax"), DataType::decimal(65, 30));
    assert_eq!(ty(t, "du"), DataType::decimal(5, 0));
    assert_eq!(ty(t, "dn"), DataType::decimal(10, 0));
    assert_eq!(ty(t, "f"), DataType::Float { bits: 32 });
    assert_eq!(ty(t, "db"), DataType::Float { bits: 64 });
    assert_eq!(ty(t, "fp"), DataType::Float { bits: 32 });
    assert_eq!(ty(t, "r"), DataType::Float { bits: 64 });
    for (c, n) in [("bit1", 1), ("bit9", 9), ("bit64", 64)] {
        assert_eq!(
            ty(t, c),
            DataType::Bit {
                length: n,
                varying: false
            }
        );
    }
    assert_eq!(
        ty(t, "c"),
        DataType::Char {
            length: 5,
            max_bytes_per_char: 4
        }
    );
    assert_eq!(ty(t, "vc"), DataType::varchar(300, 4));
    for (c, n) in [
        ("tt", 255u64),
        ("tx", 65_535),
        ("mt", 16_777_215),
        ("lt", 4_294_967_295),
        ("nj", 4_294_967_295),
    ] {
        assert_eq!(
            ty(t, c),
            DataType::Text {
                max_bytes: Some(n),
                max_bytes_per_char: 4
            },
            "{c}"
        );
    }
    assert_eq!(ty(t, "bn"), DataType::Binary { length: 4 });
    assert_eq!(ty(t, "vb"), DataType::Varbinary { length: Some(40) });
    for (c, n) in [
        ("tb", 255u64),
        ("bl", 65_535),
        ("mb", 16_777_215),
        ("lb", 4_294_967_295),
    ] {
        assert_eq!(ty(t, c), DataType::Blob { max_bytes: Some(n) }, "{c}");
    }
    assert_eq!(
        ty(t, "e"),
        DataType::Enum {
            values: vec![
                "a".into(),
                "it's".into(),
                "x,y".into(),
                "".into(),
                "back\\slash".into()
            ]
        }
    );
    assert_eq!(
        ty(t, "st"),
        DataType::Set {
            values: vec!["r".into(), "w".into(), "it's".into()]
        }
    );
    assert_eq!(t.column("e").unwrap().charset.as_deref(), Some("utf8mb4"));
    // MariaDB: JSON is longtext + CHECK (json_valid(..)); both spellings are JSON.
    assert_eq!(ty(t, "j"), DataType::Json { binary: false });
    assert_eq!(ty(t, "jt"), DataType::Json { binary: false });
    assert_eq!(ty(t, "dt"), DataType::Date);
    assert_eq!(
        ty(t, "tm"),
        DataType::Time {
            precision: None,
            with_time_zone: false
        }
    );
    assert_eq!(
        ty(t, "tm3"),
        DataType::Time {
            precision: Some(3),
            with_time_zone: false
        }
    );
    assert_eq!(
        ty(t, "dtt"),
        DataType::Timestamp {
            precision: None,
            time_zone: TimeZoneKind::None
        }
    );
    assert_eq!(
        ty(t, "dt6"),
        DataType::Timestamp {
            precision: Some(6),
            time_zone: TimeZoneKind::None
        }
    );
    assert_eq!(
        ty(t, "ts"),
        DataType::Timestamp {
            precision: None,
            time_zone: TimeZoneKind::Local
        }
    );
    assert_eq!(
        ty(t, "ts2"),
        DataType::Timestamp {
            precision: Some(2),
            time_zone: TimeZoneKind::Local
        }
    );
    assert_eq!(ty(t, "y"), DataType::Year);
    for (c, k) in [
        ("g", "geometry"),
        ("p", "point"),
        ("ls", "linestring"),
        ("pg", "polygon"),
        ("gc", "geometrycollection"),
    ] {
        assert_eq!(ty(t, c), DataType::Spatial { kind: k.into() });
    }
    assert_eq!(
        t.column("gen_v").unwrap().generated,
        Some(Generated {
            expression: "`i` + 1".into(),
            stored: false
        })
    );
    let gs = t.column("gen_s").unwrap();
    assert!(gs.generated.as_ref().unwrap().stored);
    assert!(gs.generated.as_ref().unwrap().expression.contains("left"));
    assert_eq!(gs.default, None);
    // Columns stay in declaration order.
    assert_eq!(t.columns[0].name, "ti");
    assert_eq!(t.columns[56].name, "gen_s");
    dbs.drop_all().await;
}

#[tokio::test]
async fn defaults_nullability_comments() {
    let Some(s) = server() else { return };
    let dbs = Dbs::create(&s, "defaults", &["db"]).await;
    dbs.exec_in(
        "db",
        "CREATE TABLE d (
            id int NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'the \"id\"',
            s varchar(20) DEFAULT 'it''s' COMMENT 'l''été',
            e varchar(5) NOT NULL DEFAULT '',
            n int DEFAULT 42,
            neg decimal(5,2) DEFAULT -1.50,
            nul int DEFAULT NULL,
            nn int NOT NULL,
            ts timestamp(3) NOT NULL DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3),
            dt datetime DEFAULT current_timestamp(),
            dd date DEFAULT '2020-01-02',
            bt bit(3) DEFAULT b'101',
            u char(36) DEFAULT uuid(),
            en enum('a','b') DEFAULT 'b',
            txt text DEFAULT 'x'
        ) COMMENT 'it''s a \"table\" with \\\\ backslash'",
    )
    .await;
    let (tables, _) = read_db(&s, &dbs.name("db")).await;
    let t = table(&tables, "d");
    let def = |c: &str| t.column(c).unwrap().default.clone();
    let lit = |v: &str| Some(DefaultValue::Literal(v.into()));
    let expr = |v: &str| Some(DefaultValue::Expression(v.into()));
    assert_eq!(def("id"), None);
    assert!(t.column("id").unwrap().auto_increment);
    assert!(!t.column("id").unwrap().nullable);
    assert_eq!(def("s"), lit("it's"));
    assert_eq!(def("e"), lit(""));
    assert_eq!(def("n"), lit("42"));
    assert_eq!(def("neg"), lit("-1.50"));
    assert_eq!(def("nul"), None);
    assert!(t.column("nul").unwrap().nullable);
    assert_eq!(def("nn"), None);
    assert!(!t.column("nn").unwrap().nullable);
    assert_eq!(def("ts"), expr("CURRENT_TIMESTAMP(3)"));
    assert_eq!(def("dt"), expr("CURRENT_TIMESTAMP"));
    assert_eq!(def("dd"), lit("2020-01-02"));
    assert_eq!(def("bt"), lit("5"));
    assert_eq!(def("u"), expr("uuid()"));
    assert_eq!(def("en"), lit("b"));
    assert_eq!(def("txt"), lit("x"));
    assert_eq!(
        t.column("id").unwrap().comment.as_deref(),
        Some("the \"id\"")
    );
    assert_eq!(t.column("s").unwrap().comment.as_deref(), Some("l'été"));
    assert_eq!(t.column("e").unwrap().comment, None);
    assert_eq!(
        t.comment.as_deref(),
        Some("it's a \"table\" with \\ backslash")
    );
    assert!(t.size.created_epoch_secs.is_some_and(|c| c > 1_600_000_000));
    assert!(t.size.bytes.is_some());
    assert!(t.size.rows.is_some());
    dbs.drop_all().await;
}

#[tokio::test]
async fn every_key_shape() {
    let Some(s) = server() else { return };
    let dbs = Dbs::create(&s, "keys", &["db"]).await;
    dbs.exec_in(
        "db",
        "CREATE TABLE pk (id int PRIMARY KEY, v int);
         CREATE TABLE cpk (a int, b varchar(10), c int, PRIMARY KEY (b, a));
         CREATE TABLE uniq (id int NOT NULL, code varchar(10) NULL, email varchar(50) NOT NULL,
             x int, y int, z int NOT NULL,
             UNIQUE KEY uk_code (code), UNIQUE KEY uk_email (email), KEY ix_x (x));
         CREATE UNIQUE INDEX ux_yx ON uniq (y, x);
         ALTER TABLE uniq ADD CONSTRAINT uc_z UNIQUE (z);
         CREATE TABLE parent (id int PRIMARY KEY, k int NOT NULL, UNIQUE KEY uk_k (k));
         CREATE TABLE child (id int PRIMARY KEY, parent_id int, pk2 int,
             CONSTRAINT fk_p FOREIGN KEY (parent_id) REFERENCES parent (id),
             CONSTRAINT fk_k FOREIGN KEY (pk2) REFERENCES parent (k));
         CREATE TABLE nokey (a int, b int, KEY ix_a (a));
         CREATE TABLE prefix_uk (id int PRIMARY KEY, t text, UNIQUE KEY uk_t (t(20)));",
    )
    .await;
    let (tables, _) = read_db(&s, &dbs.name("db")).await;
    let names: Vec<&str> = tables.iter().map(|t| t.name.name.as_str()).collect();
    assert_eq!(
        names,
        ["child", "cpk", "nokey", "parent", "pk", "prefix_uk", "uniq"]
    );
    let key = |n: Option<&str>, cols: &[&str]| {
        Key::new(
            n.map(str::to_string),
            cols.iter().map(|c| c.to_string()).collect(),
        )
    };
    let pk = table(&tables, "pk");
    assert_eq!(pk.primary_key, Some(key(Some("PRIMARY"), &["id"])));
    assert!(pk.unique_keys.is_empty());
    assert_eq!(
        table(&tables, "cpk").primary_key,
        Some(key(Some("PRIMARY"), &["b", "a"]))
    );
    let u = table(&tables, "uniq");
    assert_eq!(u.primary_key, None);
    // SHOW CREATE TABLE order: unique keys over NOT NULL columns first, then the others, each
    // group in creation order.
    assert_eq!(
        u.unique_keys,
        vec![
            key(Some("uk_email"), &["email"]),
            key(Some("uc_z"), &["z"]),
            key(Some("uk_code"), &["code"]),
            key(Some("ux_yx"), &["y", "x"]),
        ]
    );
    let c = table(&tables, "child");
    assert_eq!(c.primary_key, Some(key(Some("PRIMARY"), &["id"])));
    assert!(c.unique_keys.is_empty(), "foreign keys are not keys");
    assert_eq!(
        table(&tables, "parent").unique_keys,
        vec![key(Some("uk_k"), &["k"])]
    );
    let nk = table(&tables, "nokey");
    assert_eq!(nk.primary_key, None);
    assert!(nk.unique_keys.is_empty());
    assert_eq!(
        table(&tables, "prefix_uk").unique_keys,
        vec![key(Some("uk_t"), &["t"])]
    );
    dbs.drop_all().await;
}

#[tokio::test]
async fn charsets() {
    let Some(s) = server() else { return };
    let dbs = Dbs::create(&s, "charsets", &["db"]).await;
    dbs.exec_in(
        "db",
        "CREATE TABLE cs (
            a varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
            b varchar(10),
            c char(3) CHARACTER SET utf8mb3,
            d varchar(10) CHARACTER SET binary,
            e text,
            f enum('x') CHARACTER SET utf8mb4
        ) DEFAULT CHARSET=latin1;
        CREATE TABLE csbin (a varchar(10), b char(2), c text) DEFAULT CHARSET=binary;",
    )
    .await;
    let (tables, _) = read_db(&s, &dbs.name("db")).await;
    let t = table(&tables, "cs");
    assert_eq!(ty(t, "a"), DataType::varchar(10, 4));
    assert_eq!(t.column("a").unwrap().charset.as_deref(), Some("utf8mb4"));
    assert_eq!(
        t.column("a").unwrap().collation.as_deref(),
        Some("utf8mb4_bin")
    );
    assert_eq!(ty(t, "b"), DataType::varchar(10, 1));
    assert_eq!(t.column("b").unwrap().charset.as_deref(), Some("latin1"));
    assert_eq!(
        t.column("b").unwrap().collation.as_deref(),
        Some("latin1_swedish_ci")
    );
    assert_eq!(
        ty(t, "c"),
        DataType::Char {
            length: 3,
            max_bytes_per_char: 3
        }
    );
    assert_eq!(ty(t, "d"), DataType::Varbinary { length: Some(10) });
    assert_eq!(t.column("d").unwrap().charset, None);
    assert_eq!(
        ty(t, "e"),
        DataType::Text {
            max_bytes: Some(65_535),
            max_bytes_per_char: 1
        }
    );
    assert_eq!(t.column("f").unwrap().charset.as_deref(), Some("utf8mb4"));
    let b = table(&tables, "csbin");
    assert_eq!(ty(b, "a"), DataType::Varbinary { length: Some(10) });
    assert_eq!(ty(b, "b"), DataType::Binary { length: 2 });
    assert_eq!(
        ty(b, "c"),
        DataType::Blob {
            max_bytes: Some(65_535)
        }
    );
    assert_eq!(b.column("a").unwrap().charset, None);
    dbs.drop_all().await;
}

#[tokio::test]
async fn odd_identifiers() {
    let Some(s) = server() else { return };
    let dbs = Dbs::create(&s, "ident", &["ünï-côde"]).await;
    dbs.exec_in(
        "ünï-côde",
        "CREATE TABLE `select` (`from` int PRIMARY KEY, `order` varchar(5), `a b` int,
             `x``y` int, `ключ` int, `\"q\"` int, UNIQUE KEY `uk``1` (`x``y`, `a b`));
         CREATE TABLE `a``b` (id int);
         CREATE TABLE `表` (`列` int NOT NULL, UNIQUE KEY `唯一` (`列`)) COMMENT '表的注释';
         CREATE TABLE `order by` (id int);",
    )
    .await;
    let db = dbs.name("ünï-côde");
    let (tables, _) = read_db(&s, &db).await;
    let mut names: Vec<&str> = tables.iter().map(|t| t.name.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["a`b", "order by", "select", "表"]);
    assert!(tables.iter().all(|t| t.name.database == db));
    let t = table(&tables, "select");
    let cols: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(cols, ["from", "order", "a b", "x`y", "ключ", "\"q\""]);
    assert_eq!(
        t.primary_key,
        Some(Key::new(Some("PRIMARY".into()), vec!["from".into()]))
    );
    assert_eq!(
        t.unique_keys,
        vec![Key::new(
            Some("uk`1".into()),
            vec!["x`y".into(), "a b".into()]
        )]
    );
    let u = table(&tables, "表");
    assert_eq!(u.comment.as_deref(), Some("表的注释"));
    assert_eq!(
        u.unique_keys,
        vec![Key::new(Some("唯一".into()), vec!["列".into()])]
    );
    dbs.drop_all().await;
}

#[tokio::test]
async fn sharded_databases_and_tables() {
    let Some(s) = server() else { return };
    let dbs = Dbs::create(&s, "shard", &["shop_01", "shop_02", "shop_10", "crm"]).await;
    for db in ["shop_01", "shop_02", "shop_10"] {
        dbs.exec_in(
            db,
            "CREATE TABLE orders_0 (id bigint PRIMARY KEY, amount decimal(10,2));
             CREATE TABLE orders_1 (id bigint PRIMARY KEY, amount decimal(10,2));
             CREATE TABLE orders_x (id bigint PRIMARY KEY);
             CREATE VIEW orders_9 AS SELECT * FROM orders_0;
             CREATE SEQUENCE orders_seq_2;",
        )
        .await;
    }
    dbs.exec_in("crm", "CREATE TABLE orders_0 (id int);").await;
    dbs.exec_in(
        "shop_01",
        "CREATE TABLE orders_7 (id int PRIMARY KEY, v int) WITH SYSTEM VERSIONING;",
    )
    .await;

    let src = MySqlCatalog::open(&s.config()).await.unwrap();
    let f = filter(&[(r"^smt_t_shard_shop_\d+$", r"^orders_\d+$")]);
    let names = src.list_tables(&f).await.unwrap();
    let shown: Vec<String> = names
        .iter()
        .map(|n| {
            format!(
                "{}.{}",
                n.database.trim_start_matches("smt_t_shard_"),
                n.name
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            "shop_01.orders_0",
            "shop_01.orders_1",
            "shop_01.orders_7",
            "shop_02.orders_0",
            "shop_02.orders_1",
            "shop_10.orders_0",
            "shop_10.orders_1",
        ]
    );
    let tables = src.describe_tables(&names).await.unwrap();
    assert_eq!(
        tables.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
        names
    );
    assert!(tables.iter().all(|t| t.primary_key.is_some()));
    assert_eq!(src.query_count(), 5);

    // Two rules, literal databases: pushed down as IN; a regex rule reads every user schema.
    let f = filter(&[
        (&exact(&dbs.name("crm")), ".*"),
        (&exact(&dbs.name("shop_02")), "^orders_0$"),
    ]);
    let names = src.list_tables(&f).await.unwrap();
    assert_eq!(
        names,
        vec![
            TableName::new(dbs.name("crm"), "orders_0"),
            TableName::new(dbs.name("shop_02"), "orders_0"),
        ]
    );
    let f = filter(&[("shard_crm$", "0")]);
    assert_eq!(
        src.list_tables(&f).await.unwrap(),
        vec![TableName::new(dbs.name("crm"), "orders_0")]
    );
    assert_eq!(src.list_tables(&Filter::default()).await.unwrap(), vec![]);
    dbs.drop_all().await;
}

/// The number of catalog queries does not grow with the number of tables.
#[tokio::test]
async fn query_count_is_constant() {
    let Some(s) = server() else { return };
    let dbs = Dbs::create(&s, "qcount", &["small", "big_1", "big_2"]).await;
    dbs.exec_in("small", "CREATE TABLE t0 (id int PRIMARY KEY, j json);")
        .await;
    let mut big = String::new();
    for i in 0..40 {
        big.push_str(&format!(
            "CREATE TABLE t{i} (id int PRIMARY KEY, a varchar(10), j json, UNIQUE KEY u (a));"
        ));
    }
    dbs.exec_in("big_1", &big).await;
    dbs.exec_in("big_2", &big).await;

    let count = |rules: Vec<(String, String)>| {
        let s = s.clone();
        async move {
            let src = MySqlCatalog::open(&s.config()).await.unwrap();
            let rules: Vec<(&str, &str)> = rules
                .iter()
                .map(|(a, b)| (a.as_str(), b.as_str()))
                .collect();
            let cat = read_catalog(&src, &filter(&rules)).await.unwrap();
            (cat.tables.len(), src.query_count())
        }
    };
    let small = count(vec![(exact(&dbs.name("small")), ".*".into())]).await;
    let big = count(vec![(r"^smt_t_qcount_big_\d$".into(), ".*".into())]).await;
    let all = count(vec![("qcount_(small|big)".into(), ".*".into())]).await;
    assert_eq!(small, (1, 5));
    assert_eq!(big, (80, 5));
    assert_eq!(all, (81, 5));

    // describe_tables without list_tables reads TABLES itself (one more query); missing tables
    // are left out.
    let src = MySqlCatalog::open(&s.config()).await.unwrap();
    let wanted = vec![
        TableName::new(dbs.name("big_2"), "t3"),
        TableName::new(dbs.name("big_1"), "nope"),
        TableName::new(dbs.name("big_1"), "t1"),
    ];
    let tables = src.describe_tables(&wanted).await.unwrap();
    assert_eq!(
        tables.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
        vec![wanted[0].clone(), wanted[2].clone()]
    );
    assert_eq!(src.query_count(), 5);
    dbs.drop_all().await;
}

#[tokio::test]
async fn server_identity_and_factory() {
    let Some(s) = server() else { return };
    let src = MySqlSourceFactory.open(&s.config()).await.unwrap();
    let v = src.server_version().await.unwrap();
    assert!(!v.is_empty());
    assert_eq!(src.kind(), smt_ir::SourceKind::Mysql);
    let cat = MySqlCatalog::open(&s.config()).await.unwrap();
    let expected = if v.contains("MariaDB") {
        Flavor::MariaDb
    } else {
        Flavor::MySql
    };
    assert_eq!(cat.server().flavor, expected);
    assert!(cat.server().has_column("COLUMNS", "GENERATION_EXPRESSION"));
    assert_eq!(cat.query_count(), 1);
}

#[tokio::test]
async fn refused_port_is_a_clear_connect_error() {
    let Some(s) = server() else { return };
    let mut c = s.config();
    c.host = "127.0.0.1".into();
    c.port = 1;
    c.password = Secret::new("pw-NEVER-SHOWN");
    let e = MySqlCatalog::open(&c).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connect);
    assert!(
        e.to_string()
            .contains("cannot connect to MySQL at 127.0.0.1:1: connection refused"),
        "{e}"
    );
    assert!(!e.to_string().contains("pw-NEVER-SHOWN"));
}

#[tokio::test]
async fn unknown_host_and_silent_server() {
    let Some(s) = server() else { return };
    let mut c = s.config();
    c.host = "no-such-host.invalid".into();
    let e = MySqlCatalog::open(&c).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connect);
    assert!(
        e.to_string()
            .contains("unknown host `no-such-host.invalid`"),
        "{e}"
    );

    // A server that accepts the TCP connection and never says hello.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut c = s.config();
    c.host = "127.0.0.1".into();
    c.port = port;
    c.connect_timeout = Duration::from_millis(300);
    let started = std::time::Instant::now();
    let e = MySqlCatalog::open(&c).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(e.kind(), ErrorKind::Connect);
    assert!(e.to_string().contains("no answer within 0.3 s"), "{e}");
    drop(listener);
}

#[tokio::test]
async fn bad_password_is_auth_without_the_password() {
    let Some(s) = server() else { return };
    let mut c = s.config();
    c.password = Secret::new("wrong-PW-s3cr3t");
    let e = MySqlCatalog::open(&c).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
    let msg = e.to_string();
    assert!(
        msg.contains(&format!("access denied for user '{}'", s.user)),
        "{msg}"
    );
    assert!(!msg.contains("wrong-PW-s3cr3t"), "{msg}");
    assert!(!format!("{e:?}").contains("wrong-PW-s3cr3t"));
}

/// A user without privileges sees nothing in information_schema: no error, no tables.
#[tokio::test]
async fn user_without_privileges_sees_nothing() {
    let Some(s) = server() else { return };
    let dbs = Dbs::create(&s, "noprv", &["db"]).await;
    dbs.exec_in("db", "CREATE TABLE t (id int PRIMARY KEY);")
        .await;
    s.exec(
        "DROP USER IF EXISTS 'smt_t_noprv'@'%';
         CREATE USER 'smt_t_noprv'@'%' IDENTIFIED BY 'Noprv-pw1';",
    )
    .await;
    let mut c = s.config();
    c.user = "smt_t_noprv".into();
    c.password = Secret::new("Noprv-pw1");
    let src = MySqlCatalog::open(&c).await.unwrap();
    let names = src
        .list_tables(&filter(&[(&exact(&dbs.name("db")), ".*")]))
        .await
        .unwrap();
    assert!(names.is_empty());
    s.exec("DROP USER 'smt_t_noprv'@'%';").await;
    dbs.drop_all().await;
}

/// `[db] tls = required` fails clearly on a server without TLS and works on one with it;
/// `disabled` always connects.
#[tokio::test]
async fn tls_modes() {
    let Some(s) = server() else { return };
    let mut admin = s.admin().await;
    let (have_ssl,): (String,) = sqlx::query_as("SELECT CAST(@@have_ssl AS CHAR)")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    let mut c = s.config();
    c.options.insert("tls".into(), "required".into());
    let r = MySqlCatalog::open(&c).await;
    if have_ssl == "YES" {
        assert!(r.is_ok());
    } else {
        let e = r.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Connect);
        assert!(e.to_string().contains("TLS"), "{e}");
    }
    let mut c = s.config();
    c.options.insert("ssl_mode".into(), "disabled".into());
    assert!(MySqlCatalog::open(&c).await.is_ok());
    c.options.insert("ssl_mode".into(), "bogus".into());
    assert_eq!(
        MySqlCatalog::open(&c).await.unwrap_err().kind(),
        ErrorKind::Config
    );
}
