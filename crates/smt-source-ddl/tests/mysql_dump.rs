//! A mysqldump 8.0 dump (schema, data, views, routines, triggers, versioned comments) read into
//! the IR.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use smt_catalog::native::mysql as my;
use smt_ir::{DataType, DefaultValue, Generated, Key, SourceKind, Table, TableName, TimeZoneKind};
use smt_source_ddl::{DumpCatalog, read_dump};

const DUMP: &str = include_str!("dumps/mysqldump_8.sql");

fn dump() -> DumpCatalog {
    read_dump(DUMP, Path::new("mysqldump_8.sql"), SourceKind::Mysql, None).unwrap()
}

fn table<'a>(d: &'a DumpCatalog, db: &str, name: &str) -> &'a Table {
    d.catalog
        .tables
        .iter()
        .find(|t| t.name == TableName::new(db, name))
        .unwrap_or_else(|| panic!("no table {db}.{name}"))
}

#[test]
fn tables_sorted_views_and_broken_left_out() {
    let d = dump();
    let names: Vec<String> = d
        .catalog
        .tables
        .iter()
        .map(|t| t.name.to_string())
        .collect();
    assert_eq!(
        names,
        vec![
            "app.after_broken",
            "app.codes",
            "app.events",
            "app.users",
            "legacy.old"
        ]
    );
    assert_eq!(d.catalog.source, SourceKind::Mysql);
    assert_eq!(d.catalog.server_version.as_deref(), Some("8.0.36"));
    // Dump order of columns is kept.
    let cols: Vec<&str> = table(&d, "app", "events")
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        cols,
        vec![
            "ts",
            "kind",
            "payload",
            "blob_data",
            "year_col",
            "t3",
            "f",
            "d",
            "note"
        ]
    );
}

#[test]
fn skipped_statements_are_counted() {
    let d = dump();
    let get = |k: &str| d.skipped.get(k).copied().unwrap_or(0);
    assert_eq!(get("INSERT"), 2);
    assert_eq!(get("LOCK TABLES"), 1);
    assert_eq!(get("UNLOCK TABLES"), 1);
    assert_eq!(get("CREATE VIEW"), 2);
    assert_eq!(get("CREATE TRIGGER"), 1);
    assert_eq!(get("CREATE PROCEDURE"), 1);
    assert_eq!(get("DROP TABLE"), 4);
    assert!(get("SET") >= 20, "{:?}", d.skipped);
    // `/*!40000 ALTER TABLE users DISABLE KEYS */` is not a key change.
    assert_eq!(get("ALTER TABLE"), 2);
}

#[test]
fn unparsable_statement_reported_with_its_line() {
    let d = dump();
    assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
    let e = &d.errors[0];
    assert_eq!(e.line, 124);
    assert_eq!(e.file, Path::new("mysqldump_8.sql"));
    assert!(e.message.contains("Expected"), "{}", e.message);
    assert!(e.to_string().starts_with("mysqldump_8.sql:124: "));
}

#[test]
fn users_types_defaults_and_charsets() {
    let d = dump();
    let t = table(&d, "app", "users");
    assert_eq!(
        t.comment.as_deref(),
        Some("registered users; 'all' of them")
    );
    assert_eq!(
        t.primary_key,
        Some(Key::new(Some("PRIMARY".into()), vec!["id".into()]))
    );
    assert_eq!(
        t.unique_keys,
        vec![
            Key::new(Some("uk_email".into()), vec!["email".into()]),
            Key::new(
                Some("uk_name_prefix".into()),
                vec!["name".into(), "active".into()]
            ),
        ]
    );
    let c = |n: &str| t.column(n).unwrap();

    let id = c("id");
    assert_eq!(id.data_type, DataType::uint(64));
    assert!(id.auto_increment && !id.nullable);
    assert_eq!(id.comment.as_deref(), Some("user id"));
    assert_eq!(id.charset, None);

    let email = c("email");
    assert_eq!(email.data_type, DataType::varchar(191, 4));
    assert_eq!(email.charset.as_deref(), Some("utf8mb4"));
    assert_eq!(email.collation.as_deref(), Some("utf8mb4_unicode_ci"));

    let name = c("name");
    assert_eq!(
        name.default,
        Some(DefaultValue::Literal("it's; 'quoted'".into()))
    );
    assert_eq!(name.collation.as_deref(), Some("utf8mb4_0900_ai_ci"));

    let active = c("active");
    assert_eq!(
        active.data_type,
        DataType::Integer {
            bits: 8,
            unsigned: false,
            display_width: Some(1)
        }
    );
    assert_eq!(active.default, Some(DefaultValue::Literal("1".into())));

    assert_eq!(c("balance").data_type, DataType::decimal(12, 2));
    assert_eq!(c("balance").native_type, "decimal(12,2) unsigned");
    assert_eq!(c("zip").native_type, "int(5) unsigned zerofill");
    assert_eq!(c("zip").default, None, "DEFAULT NULL is no default");

    let created = c("created_at");
    assert_eq!(
        created.data_type,
        DataType::Timestamp {
            precision: Some(6),
            time_zone: TimeZoneKind::None
        }
    );
    assert_eq!(
        created.default,
        Some(DefaultValue::Expression("CURRENT_TIMESTAMP(6)".into()))
    );
    let updated = c("updated_at");
    assert_eq!(
        updated.data_type,
        DataType::Timestamp {
            precision: None,
            time_zone: TimeZoneKind::Local
        }
    );
    assert!(updated.nullable);

    assert_eq!(
        c("role").data_type,
        DataType::Enum {
            values: vec!["admin".into(), "user".into(), "it's".into()]
        }
    );
    assert_eq!(c("role").charset.as_deref(), Some("utf8mb4"));
    assert_eq!(
        c("flags").default,
        Some(DefaultValue::Literal(String::new()))
    );

    let legacy = c("legacy");
    assert_eq!(
        legacy.data_type,
        DataType::Char {
            length: 2,
            max_bytes_per_char: 1
        }
    );
    assert_eq!(legacy.charset.as_deref(), Some("latin1"));
    assert_eq!(legacy.collation.as_deref(), Some("latin1_bin"));

    assert_eq!(
        c("uid").default,
        Some(DefaultValue::Expression("uuid()".into()))
    );
    assert_eq!(c("bits").default, Some(DefaultValue::Literal("5".into())));
    assert_eq!(
        c("full_name").generated,
        Some(Generated {
            expression: "concat(`name`,_utf8mb4' ',`email`)".into(),
            stored: false
        })
    );
    assert_eq!(
        c("loc").data_type,
        DataType::Spatial {
            kind: "point".into()
        }
    );
    assert!(!c("loc").nullable);
}

#[test]
fn table_options_partitions_and_database_charsets() {
    let d = dump();
    // Table charset latin1 (its database is latin1 too); `/*!50100 PARTITION BY ...*/` stripped.
    let e = table(&d, "app", "events");
    assert_eq!(
        e.column("kind").unwrap().data_type,
        DataType::varchar(20, 1)
    );
    assert_eq!(
        e.column("kind").unwrap().collation.as_deref(),
        Some("latin1_swedish_ci")
    );
    assert_eq!(
        e.column("payload").unwrap().data_type,
        DataType::Text {
            max_bytes: Some(16_777_215),
            max_bytes_per_char: 1
        }
    );
    assert_eq!(
        e.column("note").unwrap().comment.as_deref(),
        Some("a \"quoted\" note")
    );
    assert_eq!(e.primary_key, None);
    assert!(e.unique_keys.is_empty());

    // Unknown table options (`COMPRESSION=`) are fine; key-less table with a unique key.
    let codes = table(&d, "app", "codes");
    assert_eq!(codes.primary_key, None);
    assert_eq!(
        codes.unique_keys,
        vec![Key::new(
            Some("uk_code".into()),
            vec!["code".into(), "region".into()]
        )]
    );

    // No table charset: the database's (latin1) applies.
    let old = table(&d, "legacy", "old");
    let name = old.column("name").unwrap();
    assert_eq!(name.data_type, DataType::varchar(50, 1));
    assert_eq!(name.charset.as_deref(), Some("latin1"));
    // SERIAL = bigint unsigned NOT NULL AUTO_INCREMENT UNIQUE.
    let s = old.column("serial_no").unwrap();
    assert_eq!(s.data_type, DataType::uint(64));
    assert!(s.auto_increment && !s.nullable);
    assert!(old.unique_keys.contains(&Key::new(
        Some("serial_no".into()),
        vec!["serial_no".into()]
    )));

    // Inline PRIMARY KEY and UNIQUE.
    let ab = table(&d, "app", "after_broken");
    assert_eq!(
        ab.primary_key,
        Some(Key::new(Some("PRIMARY".into()), vec!["k".into()]))
    );
    assert_eq!(
        ab.unique_keys,
        vec![Key::new(Some("v".into()), vec!["v".into()])]
    );
}

/// A dump and a live read agree: every column's type is what the shared parser gives for the
/// `COLUMN_TYPE` text and character set information_schema would report.
#[test]
fn same_ir_as_the_live_parser() {
    let d = dump();
    for t in &d.catalog.tables {
        for c in &t.columns {
            if c.native_type == "serial" {
                continue;
            }
            let live = my::parse_column_type(&c.native_type, c.charset.as_deref()).unwrap();
            assert_eq!(live.data_type, c.data_type, "{}.{}", t.name, c.name);
        }
    }
}

#[test]
fn default_database_and_qualified_names() {
    let script = "CREATE TABLE t1 (a int PRIMARY KEY);\nCREATE TABLE other.t2 (b varchar(3));\n";
    let d = read_dump(script, Path::new("x.sql"), SourceKind::Mysql, Some("shop")).unwrap();
    let names: Vec<String> = d
        .catalog
        .tables
        .iter()
        .map(|t| t.name.to_string())
        .collect();
    assert_eq!(names, vec!["other.t2", "shop.t1"]);
    // Without a default, the file stem names the database.
    let d = read_dump(
        script,
        Path::new("/tmp/inventory.sql"),
        SourceKind::Tidb,
        None,
    )
    .unwrap();
    assert_eq!(d.catalog.tables[0].name.database, "inventory");
    assert_eq!(d.catalog.source, SourceKind::Tidb);
}

#[test]
fn alter_table_keys_and_modify_like_phpmyadmin() {
    let script = "CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `email` varchar(50) NOT NULL,\n  `n` int DEFAULT NULL\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n\
ALTER TABLE `t`\n  ADD PRIMARY KEY (`id`),\n  ADD UNIQUE KEY `email` (`email`),\n  ADD KEY `n` (`n`);\n\
ALTER TABLE `t`\n  MODIFY `id` int(11) NOT NULL AUTO_INCREMENT, AUTO_INCREMENT=5;\n\
ALTER TABLE `t` ADD COLUMN `extra` json, CHANGE `n` `m` bigint DEFAULT '7';\n\
CREATE UNIQUE INDEX `ux_m` ON `t` (`m`);\n";
    let d = read_dump(script, Path::new("pma.sql"), SourceKind::Mysql, Some("db")).unwrap();
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    let t = &d.catalog.tables[0];
    assert_eq!(
        t.primary_key,
        Some(Key::new(Some("PRIMARY".into()), vec!["id".into()]))
    );
    assert_eq!(
        t.unique_keys,
        vec![
            Key::new(Some("email".into()), vec!["email".into()]),
            Key::new(Some("ux_m".into()), vec!["m".into()]),
        ]
    );
    let id = t.column("id").unwrap();
    assert!(id.auto_increment && !id.nullable);
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, vec!["id", "email", "m", "extra"]);
    assert_eq!(t.column("m").unwrap().data_type, DataType::int(64));
    assert_eq!(
        t.column("m").unwrap().default,
        Some(DefaultValue::Literal("7".into()))
    );
}

#[test]
fn garbage_is_an_error_but_an_empty_schema_is_not() {
    let err = read_dump(
        "CREATE TABLE (((;\nCREATE TABLE x (a int,,);\n",
        Path::new("junk.sql"),
        SourceKind::Mysql,
        None,
    )
    .unwrap_err();
    assert_eq!(err.kind(), smt_catalog::ErrorKind::Parse);
    assert!(err.to_string().contains("junk.sql"), "{err}");
    let d = read_dump(
        "-- nothing\nSET NAMES utf8;\n",
        Path::new("e.sql"),
        SourceKind::Mysql,
        None,
    )
    .unwrap();
    assert!(d.catalog.tables.is_empty());
    assert_eq!(d.skipped.get("SET"), Some(&1));
}

#[test]
fn mariadb_dump() {
    let text = "/*M!999999\\- enable the sandbox mode */ \n-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)\n--\n-- Host: localhost    Database: m\n-- ------------------------------------------------------\n-- Server version\t10.11.6-MariaDB-0+deb12u1\n\n/*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY, NOTE_VERBOSITY=0 */;\nCREATE TABLE `m` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `ts` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),\n  `j` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`j`)),\n  `u` uuid DEFAULT uuid(),\n  `v` varchar(10) DEFAULT 'x',\n  `d` decimal(8,3) DEFAULT 0,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;\n";
    let d = read_dump(text, Path::new("maria.sql"), SourceKind::Mysql, Some("m")).unwrap();
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    assert_eq!(
        d.catalog.server_version.as_deref(),
        Some("10.11.6-MariaDB-0+deb12u1")
    );
    let t = &d.catalog.tables[0];
    assert_eq!(
        t.column("ts").unwrap().default,
        Some(DefaultValue::Expression("CURRENT_TIMESTAMP".into()))
    );
    let j = t.column("j").unwrap();
    // MariaDB JSON: longtext + CHECK (json_valid(`j`)) is read as JSON, like the live adapter.
    assert_eq!(j.data_type, DataType::Json { binary: false });
    assert_eq!(j.collation, None);
    assert_eq!(j.default, None);
    assert_eq!(t.column("u").unwrap().data_type, DataType::Uuid);
    assert_eq!(
        t.column("u").unwrap().default,
        Some(DefaultValue::Expression("uuid()".into()))
    );
    assert_eq!(
        t.column("v").unwrap().collation.as_deref(),
        Some("utf8mb4_general_ci")
    );
    assert_eq!(
        t.column("d").unwrap().default,
        Some(DefaultValue::Literal("0.000".into()))
    );
}
