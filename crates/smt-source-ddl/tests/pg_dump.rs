//! A pg_dump 15 schema dump read into the IR.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use smt_catalog::native::postgres as pg;
use smt_ir::{DataType, DefaultValue, Generated, Key, SourceKind, Table, TableName, TimeZoneKind};
use smt_source_ddl::{DumpCatalog, read_dump};

const DUMP: &str = include_str!("dumps/pg_dump_15.sql");

fn dump() -> DumpCatalog {
    read_dump(
        DUMP,
        Path::new("pg_dump_15.sql"),
        SourceKind::Pgsql,
        Some("shop"),
    )
    .unwrap()
}

fn table<'a>(d: &'a DumpCatalog, schema: &str, name: &str) -> &'a Table {
    d.catalog
        .tables
        .iter()
        .find(|t| t.name == TableName::with_schema("shop", schema, name))
        .unwrap_or_else(|| panic!("no table {schema}.{name}"))
}

#[test]
fn tables_partitions_views() {
    let d = dump();
    let names: Vec<String> = d
        .catalog
        .tables
        .iter()
        .map(|t| t.name.to_string())
        .collect();
    // Partitions (attached or PARTITION OF) are not tables; views are not tables.
    assert_eq!(
        names,
        vec![
            "shop.public.customers",
            "shop.public.measurement",
            "shop.sales.Order Items"
        ]
    );
    assert_eq!(
        d.catalog.server_version.as_deref(),
        Some("15.6 (Debian 15.6-0+deb12u1)")
    );
    let m = table(&d, "public", "measurement");
    assert_eq!(m.partition_columns, vec!["logdate".to_string()]);
    assert_eq!(
        m.primary_key,
        Some(Key::new(
            Some("measurement_pkey".into()),
            vec!["city_id".into(), "logdate".into()]
        ))
    );
    // CREATE UNIQUE INDEX ... ON ONLY parent.
    assert_eq!(
        m.unique_keys,
        vec![Key::new(
            Some("measurement_city_day".into()),
            vec!["city_id".into(), "logdate".into(), "peaktemp".into()]
        )]
    );
    let get = |k: &str| d.skipped.get(k).copied().unwrap_or(0);
    assert_eq!(get("CREATE VIEW"), 1);
    assert_eq!(get("CREATE MATERIALIZED VIEW"), 1);
    assert_eq!(get("CREATE TABLE PARTITION OF"), 1);
    assert_eq!(get("COPY"), 1);
    assert_eq!(get("CREATE FUNCTION"), 1);
    assert_eq!(get("CREATE UNIQUE INDEX (partial)"), 1);
    assert_eq!(get("CREATE UNIQUE INDEX (expression)"), 1);
}

#[test]
fn injected_error_has_its_line() {
    let d = dump();
    assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
    assert_eq!(d.errors[0].line, 382);
    assert!(d.errors[0].message.contains("Expected"));
}

#[test]
fn customers_columns() {
    let d = dump();
    let t = table(&d, "public", "customers");
    assert_eq!(t.comment.as_deref(), Some("All customers; 'VIP' too"));
    assert_eq!(
        t.primary_key,
        Some(Key::new(Some("customers_pkey".into()), vec!["id".into()]))
    );
    assert_eq!(
        t.unique_keys,
        vec![
            Key::new(Some("customers_email_key".into()), vec!["email".into()]),
            Key::new(Some("customers_uid_key".into()), vec!["uid".into()]),
        ]
    );
    let c = |n: &str| t.column(n).unwrap();
    // serial: integer + ALTER ... SET DEFAULT nextval(...).
    assert!(c("id").auto_increment);
    assert_eq!(c("id").default, None);
    assert!(!c("id").nullable);
    // Domain.
    assert_eq!(c("email").data_type, DataType::varchar(320, 4));
    assert_eq!(
        c("email").facts.get("pg.domain").map(String::as_str),
        Some("public.email")
    );
    assert_eq!(c("email").comment.as_deref(), Some("login e-mail"));
    assert_eq!(c("name").default, Some(DefaultValue::Literal("n/a".into())));
    assert_eq!(
        c("nick").data_type,
        DataType::Text {
            max_bytes: None,
            max_bytes_per_char: 4
        }
    );
    assert_eq!(
        c("mood").data_type,
        DataType::Enum {
            values: vec!["sad".into(), "ok".into(), "it's fine".into()]
        }
    );
    assert_eq!(c("mood").default, Some(DefaultValue::Literal("ok".into())));
    assert_eq!(
        c("score").data_type,
        DataType::Decimal {
            precision: None,
            scale: None
        }
    );
    assert_eq!(
        c("tags").data_type,
        DataType::Array {
            element: Box::new(DataType::Text {
                max_bytes: None,
                max_bytes_per_char: 4
            }),
            dimensions: 1
        }
    );
    assert_eq!(c("tags").default, Some(DefaultValue::Literal("{}".into())));
    assert_eq!(
        c("created_at").data_type,
        DataType::Timestamp {
            precision: Some(3),
            time_zone: TimeZoneKind::Local
        }
    );
    assert!(
        c("created_at")
            .default
            .as_ref()
            .is_some_and(DefaultValue::is_current_timestamp)
    );
    assert_eq!(c("doc").data_type, DataType::Json { binary: true });
    assert_eq!(c("raw").data_type, DataType::Varbinary { length: None });
    assert_eq!(c("uid").data_type, DataType::Uuid);
    assert_eq!(
        c("ip").data_type,
        DataType::Other {
            native: "inet".into()
        }
    );
    assert_eq!(
        c("total").generated,
        Some(Generated {
            expression: "(balance * (2)::numeric)".into(),
            stored: true
        })
    );
    assert_eq!(c("note").collation.as_deref(), Some("C"));
    assert_eq!(c("note").charset, None);
}

#[test]
fn quoted_identifiers_identity_and_unicode() {
    let d = dump();
    let t = table(&d, "sales", "Order Items");
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["ID", "Qty", "Prix €", "Status", "straße", "note"]
    );
    let id = t.column("ID").unwrap();
    assert!(id.auto_increment, "ADD GENERATED ALWAYS AS IDENTITY");
    assert_eq!(
        t.primary_key,
        Some(Key::new(Some("Order Items_pkey".into()), vec!["ID".into()]))
    );
    assert_eq!(
        t.column("Prix €").unwrap().data_type,
        DataType::decimal(19, 2)
    );
    assert_eq!(
        t.column("Status").unwrap().data_type,
        DataType::Enum {
            values: vec!["New".into(), "Paid".into()]
        }
    );
    assert_eq!(
        t.column("Status").unwrap().default,
        Some(DefaultValue::Literal("New".into()))
    );
    // Foreign keys never become keys.
    assert!(t.unique_keys.is_empty());
}

/// A dump and a live read agree: every type is what `parse_format_type` gives for the text
/// `format_type()` would return.
#[test]
fn same_ir_as_the_live_parser() {
    let d = dump();
    let mut ctx = pg::PgTypeContext::with_encoding("UTF8");
    let mood = vec!["sad".to_string(), "ok".into(), "it's fine".into()];
    ctx.enums.insert("public.mood".into(), mood);
    ctx.enums.insert(
        "sales.Status Kind".into(),
        vec!["New".into(), "Paid".into()],
    );
    ctx.domains
        .insert("public.email".into(), "character varying(320)".into());
    for t in &d.catalog.tables {
        for c in &t.columns {
            let live = pg::parse_format_type(&c.native_type, &ctx).unwrap();
            assert_eq!(live.data_type, c.data_type, "{}.{}", t.name, c.name);
        }
    }
}

#[test]
fn connect_and_search_path() {
    let text = "\\connect inventory\nSET search_path = stock, pg_catalog;\nCREATE TABLE items (id serial PRIMARY KEY, code text UNIQUE, qty integer GENERATED BY DEFAULT AS IDENTITY);\n\\connect other\nCREATE TABLE public.x (a int);\n";
    let d = read_dump(text, Path::new("all.sql"), SourceKind::Pgsql, None).unwrap();
    let names: Vec<String> = d
        .catalog
        .tables
        .iter()
        .map(|t| t.name.to_string())
        .collect();
    assert_eq!(names, vec!["inventory.stock.items", "other.public.x"]);
    let items = &d.catalog.tables[0];
    assert_eq!(
        items.primary_key,
        Some(Key::new(Some("items_pkey".into()), vec!["id".into()]))
    );
    assert_eq!(
        items.unique_keys,
        vec![Key::new(Some("items_code_key".into()), vec!["code".into()])]
    );
    let id = items.column("id").unwrap();
    assert!(id.auto_increment && !id.nullable);
    assert_eq!(id.data_type, DataType::int(32));
    assert!(items.column("qty").unwrap().auto_increment);
}
