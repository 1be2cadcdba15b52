//! TiDB behaviour from recorded catalog rows (TiDB cannot run on this machine).
//!
//! The rows below were written by hand from TiDB's documented `information_schema`: the
//! `TABLES` page (columns `TIDB_ROW_ID_SHARDING_INFO` with the values `NOT_SHARDED`,
//! `NOT_SHARDED(PK_IS_HANDLE)`, `PK_AUTO_RANDOM_BITS={n}` and `SHARD_BITS={n}`, and
//! `TIDB_PK_TYPE` with `CLUSTERED` / `NONCLUSTERED`), the AUTO_RANDOM page (`AUTO_RANDOM(2, 32)`
//! shown as `PK_AUTO_RANDOM_BITS=2, RANGE BITS=32`), the SHARD_ROW_ID_BITS page and the
//! `CLUSTER_INFO` page (`TYPE` `pd` rows whose `INSTANCE` is `host:2379`). Column types and
//! defaults are written the way TiDB reports them (MySQL 5.7/8.0 style: `bigint(20)`,
//! unquoted `COLUMN_DEFAULT`, `DEFAULT_GENERATED` in `EXTRA`).

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use smt_ir::{DataType, DefaultValue, Key, TableName};
use smt_source_mysql::{CatalogRows, ColumnRow, Flavor, KeyRow, TableRow, assemble};
use smt_source_tidb::{
    FACT_AUTO_RANDOM, FACT_AUTO_RANDOM_RANGE, FACT_CLUSTERED_INDEX, FACT_SHARD_ROW_ID_BITS,
    Sharding, apply_table_facts, parse_sharding, pd_addresses,
};

fn table(name: &str, pk_type: Option<&str>, sharding: Option<&str>) -> TableRow {
    let mut extras = BTreeMap::new();
    if let Some(p) = pk_type {
        extras.insert("TIDB_PK_TYPE".to_string(), p.to_string());
    }
    if let Some(s) = sharding {
        extras.insert("TIDB_ROW_ID_SHARDING_INFO".to_string(), s.to_string());
    }
    TableRow {
        schema: "shop".into(),
        name: name.into(),
        table_type: "BASE TABLE".into(),
        engine: Some("InnoDB".into()),
        table_rows: Some(0),
        data_length: Some(0),
        create_time: Some(1_700_000_000),
        collation: Some("utf8mb4_bin".into()),
        comment: Some(String::new()),
        extras,
    }
}

fn column(table: &str, name: &str, ordinal: u64, column_type: &str, nullable: bool) -> ColumnRow {
    ColumnRow {
        schema: "shop".into(),
        table: table.into(),
        name: name.into(),
        ordinal,
        nullable,
        data_type: column_type
            .split(['(', ' '])
            .next()
            .unwrap_or_default()
            .into(),
        column_type: column_type.into(),
        ..ColumnRow::default()
    }
}

fn pk(table: &str, cols: &[&str]) -> Vec<KeyRow> {
    cols.iter()
        .enumerate()
        .map(|(i, c)| KeyRow {
            schema: "shop".into(),
            table: table.into(),
            index_name: "PRIMARY".into(),
            seq_in_index: i as u64 + 1,
            column_name: Some((*c).to_string()),
        })
        .collect()
}

fn rows() -> CatalogRows {
    let mut created = column("orders", "created_at", 3, "timestamp", false);
    created.default = Some("CURRENT_TIMESTAMP".into());
    created.extra = "DEFAULT_GENERATED on update CURRENT_TIMESTAMP".into();
    let mut note = column("orders", "note", 2, "varchar(64)", true);
    note.charset = Some("utf8mb4".into());
    note.collation = Some("utf8mb4_bin".into());
    note.default = Some("n/a".into());
    let mut keys = pk("orders", &["id"]);
    keys.extend(pk("legacy", &["id"]));
    keys.extend(pk("composite", &["a", "b"]));
    keys.extend(pk("old_handle", &["id"]));
    CatalogRows {
        tables: vec![
            // CREATE TABLE orders (id bigint PRIMARY KEY AUTO_RANDOM(5), ...)
            table("orders", Some("CLUSTERED"), Some("PK_AUTO_RANDOM_BITS=5")),
            // CREATE TABLE legacy (id int PRIMARY KEY NONCLUSTERED) SHARD_ROW_ID_BITS = 4
            table("legacy", Some("NONCLUSTERED"), Some("SHARD_BITS=4")),
            // CREATE TABLE composite (a varchar(10), b int, PRIMARY KEY (a, b) CLUSTERED)
            table("composite", Some("CLUSTERED"), Some("NOT_SHARDED")),
            // TiDB 4.0 (no TIDB_PK_TYPE): an int primary key that is the handle
            table("old_handle", None, Some("NOT_SHARDED(PK_IS_HANDLE)")),
            // CREATE TABLE ranged (id bigint PRIMARY KEY AUTO_RANDOM(2, 32))
            table(
                "ranged",
                Some("CLUSTERED"),
                Some("PK_AUTO_RANDOM_BITS=2, RANGE BITS=32"),
            ),
            // no key at all
            table("heap", Some("NONCLUSTERED"), Some("NOT_SHARDED")),
        ],
        columns: vec![
            column("orders", "id", 1, "bigint(20)", false),
            note,
            created,
            column("legacy", "id", 1, "int(11)", false),
            column("composite", "a", 1, "varchar(10)", false),
            column("composite", "b", 2, "int(11)", false),
            column("old_handle", "id", 1, "int(11)", false),
            ColumnRow {
                extra: "auto_random".into(),
                ..column("ranged", "id", 1, "bigint(20)", false)
            },
            column("ranged", "v", 2, "int(11)", true),
            column("heap", "v", 1, "json", true),
        ],
        keys,
        checks: Vec::new(),
    }
}

fn described() -> Vec<smt_ir::Table> {
    let wanted: Vec<TableName> = [
        "orders",
        "legacy",
        "composite",
        "old_handle",
        "ranged",
        "heap",
    ]
    .iter()
    .map(|t| TableName::new("shop", *t))
    .collect();
    assemble(Flavor::TiDb, &wanted, rows(), Some(apply_table_facts))
}

fn fact<'a>(t: &'a smt_ir::Table, k: &str) -> Option<&'a str> {
    t.facts.get(k).map(String::as_str)
}

#[test]
fn clustered_auto_random_table() {
    let tables = described();
    let orders = &tables[0];
    assert_eq!(orders.name, TableName::new("shop", "orders"));
    assert_eq!(fact(orders, FACT_CLUSTERED_INDEX), Some("true"));
    assert_eq!(fact(orders, FACT_AUTO_RANDOM), Some("5"));
    assert_eq!(fact(orders, FACT_AUTO_RANDOM_RANGE), None);
    assert_eq!(fact(orders, FACT_SHARD_ROW_ID_BITS), None);
    // The AUTO_RANDOM column is the single-column primary key.
    let id = orders.column("id").unwrap();
    assert_eq!(
        id.facts.get(FACT_AUTO_RANDOM).map(String::as_str),
        Some("5")
    );
    assert_eq!(
        id.data_type,
        DataType::Integer {
            bits: 64,
            unsigned: false,
            display_width: Some(20)
        }
    );
    assert_eq!(
        orders.primary_key,
        Some(Key::new(Some("PRIMARY".into()), vec!["id".into()]))
    );
    // MySQL-style defaults: unquoted literal, DEFAULT_GENERATED current time.
    assert_eq!(
        orders.column("note").unwrap().default,
        Some(DefaultValue::Literal("n/a".into()))
    );
    assert_eq!(
        orders.column("created_at").unwrap().default,
        Some(DefaultValue::Expression("CURRENT_TIMESTAMP".into()))
    );
    let names: Vec<&str> = orders.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["id", "note", "created_at"]);
}

#[test]
fn nonclustered_sharded_and_composite_tables() {
    let tables = described();
    let legacy = &tables[1];
    assert_eq!(fact(legacy, FACT_CLUSTERED_INDEX), Some("false"));
    assert_eq!(fact(legacy, FACT_SHARD_ROW_ID_BITS), Some("4"));
    assert_eq!(fact(legacy, FACT_AUTO_RANDOM), None);
    let composite = &tables[2];
    assert_eq!(fact(composite, FACT_CLUSTERED_INDEX), Some("true"));
    assert_eq!(fact(composite, FACT_SHARD_ROW_ID_BITS), None);
    assert_eq!(
        composite.primary_key,
        Some(Key::new(
            Some("PRIMARY".into()),
            vec!["a".into(), "b".into()]
        ))
    );
    let heap = &tables[5];
    assert_eq!(fact(heap, FACT_CLUSTERED_INDEX), Some("false"));
    assert_eq!(heap.primary_key, None);
    assert_eq!(
        heap.column("v").unwrap().data_type,
        DataType::Json { binary: false }
    );
}

#[test]
fn old_tidb_and_range_bits() {
    let tables = described();
    let old = &tables[3];
    assert_eq!(fact(old, FACT_CLUSTERED_INDEX), Some("true"));
    let ranged = &tables[4];
    assert_eq!(fact(ranged, FACT_AUTO_RANDOM), Some("2"));
    assert_eq!(fact(ranged, FACT_AUTO_RANDOM_RANGE), Some("32"));
    assert_eq!(
        ranged
            .column("id")
            .unwrap()
            .facts
            .get(FACT_AUTO_RANDOM)
            .map(String::as_str),
        Some("2")
    );
    assert!(ranged.column("v").unwrap().facts.is_empty());
}

#[test]
fn sharding_texts() {
    assert_eq!(parse_sharding("NOT_SHARDED"), Some(Sharding::NotSharded));
    assert_eq!(
        parse_sharding("NOT_SHARDED(PK_IS_HANDLE)"),
        Some(Sharding::PkIsHandle)
    );
    assert_eq!(
        parse_sharding("PK_AUTO_RANDOM_BITS=5"),
        Some(Sharding::AutoRandom {
            shard_bits: 5,
            range_bits: None
        })
    );
    assert_eq!(
        parse_sharding("PK_AUTO_RANDOM_BITS=2, RANGE BITS=32"),
        Some(Sharding::AutoRandom {
            shard_bits: 2,
            range_bits: Some(32)
        })
    );
    assert_eq!(parse_sharding("SHARD_BITS=4"), Some(Sharding::ShardBits(4)));
    assert_eq!(parse_sharding("SHARD_BITS=x"), None);
    assert_eq!(parse_sharding(""), None);
}

#[test]
fn pd_addresses_from_cluster_info() {
    // SELECT INSTANCE FROM information_schema.CLUSTER_INFO WHERE TYPE = 'pd'
    let rows = vec![
        vec![Some("10.0.1.12:2379".to_string())],
        vec![Some("10.0.1.11:2379".to_string())],
        vec![Some("10.0.1.11:2379".to_string())],
        vec![None],
    ];
    assert_eq!(
        pd_addresses(&rows).as_deref(),
        Some("10.0.1.11:2379,10.0.1.12:2379")
    );
    assert_eq!(pd_addresses(&[]), None);
}
