//! The bundled demo dump `fixtures/demo/shop.sql` reads as expected.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use smt_ir::{DataType, DefaultValue, Key, SourceKind, Table, TableName, TimeZoneKind};
use smt_source_ddl::{DumpCatalog, read_dump};

const SHOP: &str = include_str!("../../../fixtures/demo/shop.sql");

fn dump() -> DumpCatalog {
    read_dump(SHOP, Path::new("shop.sql"), SourceKind::Mysql, None).unwrap()
}

fn table<'a>(d: &'a DumpCatalog, db: &str, name: &str) -> &'a Table {
    d.catalog
        .tables
        .iter()
        .find(|t| t.name == TableName::new(db, name))
        .unwrap_or_else(|| panic!("no table {db}.{name}"))
}

fn pk(cols: &[&str]) -> Option<Key> {
    Some(Key::new(
        Some("PRIMARY".into()),
        cols.iter().map(|c| c.to_string()).collect(),
    ))
}

#[test]
fn reads_cleanly() {
    let d = dump();
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    let names: Vec<String> = d
        .catalog
        .tables
        .iter()
        .map(|t| t.name.to_string())
        .collect();
    assert_eq!(
        names,
        vec![
            "shop.addresses",
            "shop.cart_items",
            "shop.carts",
            "shop.categories",
            "shop.coupons",
            "shop.customers",
            "shop.inventory",
            "shop.page_views",
            "shop.payments",
            "shop.product_categories",
            "shop.products",
            "shop.reviews",
            "shop.settings",
            "shop_0.order_items_0",
            "shop_0.order_items_1",
            "shop_0.orders_0",
            "shop_0.orders_1",
            "shop_1.order_items_2",
            "shop_1.order_items_3",
            "shop_1.orders_2",
            "shop_1.orders_3",
        ]
    );
    assert_eq!(d.catalog.server_version.as_deref(), Some("8.0.36"));
    assert_eq!(d.skipped.get("CREATE VIEW"), Some(&2));
    assert_eq!(d.skipped.get("CREATE FUNCTION"), Some(&1));
}

#[test]
fn keys() {
    let d = dump();
    let customers = table(&d, "shop", "customers");
    assert_eq!(customers.primary_key, pk(&["id"]));
    assert_eq!(
        customers.unique_keys,
        vec![Key::new(Some("uk_email".into()), vec!["email".into()])]
    );
    // The self-referencing foreign key is not a key.
    let categories = table(&d, "shop", "categories");
    assert_eq!(categories.primary_key, pk(&["id"]));
    assert_eq!(
        categories.unique_keys,
        vec![Key::new(Some("uk_slug".into()), vec!["slug".into()])]
    );
    assert_eq!(
        table(&d, "shop", "product_categories").primary_key,
        pk(&["product_id", "category_id"])
    );
    // No primary key: the NOT NULL unique key is all there is.
    let coupons = table(&d, "shop", "coupons");
    assert_eq!(coupons.primary_key, None);
    assert_eq!(
        coupons.unique_keys,
        vec![Key::new(Some("uk_code".into()), vec!["code".into()])]
    );
    assert!(!coupons.column("code").unwrap().nullable);
    // No key at all.
    let views = table(&d, "shop", "page_views");
    assert_eq!(views.primary_key, None);
    assert!(views.unique_keys.is_empty());
    assert_eq!(
        views.column("viewed_at").unwrap().data_type,
        DataType::Timestamp {
            precision: None,
            time_zone: TimeZoneKind::None
        }
    );
    assert_eq!(table(&d, "shop", "settings").primary_key, pk(&["key"]));
}

#[test]
fn types() {
    let d = dump();
    let products = table(&d, "shop", "products");
    let c = |n: &str| products.column(n).unwrap();
    assert_eq!(c("price").data_type, DataType::decimal(10, 2));
    assert_eq!(c("attributes").data_type, DataType::Json { binary: false });
    assert_eq!(
        c("status").data_type,
        DataType::Enum {
            values: vec!["draft".into(), "active".into(), "discontinued".into()]
        }
    );
    assert_eq!(
        c("status").default,
        Some(DefaultValue::Literal("draft".into()))
    );
    assert_eq!(
        c("tags").data_type,
        DataType::Set {
            values: vec![
                "new".into(),
                "sale".into(),
                "eco".into(),
                "gift".into(),
                "it's back".into()
            ]
        }
    );
    assert_eq!(c("sku").data_type, DataType::varchar(32, 1));
    assert_eq!(c("sku").charset.as_deref(), Some("latin1"));
    assert_eq!(c("name").data_type, DataType::varchar(200, 4));
    assert_eq!(
        c("image").data_type,
        DataType::Blob {
            max_bytes: Some(16_777_215)
        }
    );
    assert_eq!(
        c("is_featured").data_type,
        DataType::Integer {
            bits: 8,
            unsigned: false,
            display_width: Some(1)
        }
    );
    assert!(
        c("price_with_vat")
            .generated
            .as_ref()
            .is_some_and(|g| g.stored)
    );

    let payments = table(&d, "shop", "payments");
    assert_eq!(payments.column("id").unwrap().data_type, DataType::uint(64));
    assert_eq!(
        payments.column("captured_at").unwrap().data_type,
        DataType::Timestamp {
            precision: Some(6),
            time_zone: TimeZoneKind::None
        }
    );
    let reviews = table(&d, "shop", "reviews");
    assert_eq!(
        reviews.column("rating").unwrap().data_type,
        DataType::uint(8)
    );
    assert_eq!(
        reviews.column("rating").unwrap().comment.as_deref(),
        Some("1..5")
    );
    let inventory = table(&d, "shop", "inventory");
    assert_eq!(
        inventory.column("quantity").unwrap().data_type,
        DataType::int(24)
    );
    assert_eq!(
        inventory.column("restock_year").unwrap().data_type,
        DataType::Year
    );
    let addresses = table(&d, "shop", "addresses");
    assert_eq!(
        addresses.column("location").unwrap().data_type,
        DataType::Spatial {
            kind: "point".into()
        }
    );
    assert_eq!(
        addresses.column("delivery_area").unwrap().data_type,
        DataType::Spatial {
            kind: "geometry".into()
        }
    );
    let customers = table(&d, "shop", "customers");
    assert_eq!(
        customers.column("public_id").unwrap().default,
        Some(DefaultValue::Expression("uuid()".into()))
    );
    assert_eq!(customers.comment.as_deref(), Some("Registered customers"));
}

#[test]
fn reserved_words_and_quotes() {
    let d = dump();
    let s = table(&d, "shop", "settings");
    let names: Vec<&str> = s.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, vec!["key", "value", "order", "desc", "a`b"]);
    assert_eq!(
        s.column("value").unwrap().comment.as_deref(),
        Some("the setting's value, \"as typed\"")
    );
    assert_eq!(
        table(&d, "shop", "products")
            .column("attributes")
            .unwrap()
            .comment
            .as_deref(),
        Some("free-form: {\"color\": \"red\", \"size\": \"M\"}")
    );
}

#[test]
fn shards_differ_only_by_widening() {
    let d = dump();
    let orders: Vec<&Table> = ["orders_0", "orders_1", "orders_2", "orders_3"]
        .iter()
        .enumerate()
        .map(|(i, n)| table(&d, if i < 2 { "shop_0" } else { "shop_1" }, n))
        .collect();
    let shape = |t: &Table| -> Vec<String> { t.columns.iter().map(|c| c.name.clone()).collect() };
    for t in &orders {
        assert_eq!(shape(t), shape(orders[0]));
        assert_eq!(t.primary_key, pk(&["id"]));
    }
    assert_eq!(
        orders[0].column("note").unwrap().data_type,
        DataType::varchar(255, 4)
    );
    assert_eq!(
        orders[3].column("note").unwrap().data_type,
        DataType::varchar(500, 4)
    );
    assert_eq!(
        orders[0].column("items_count").unwrap().data_type,
        DataType::uint(16)
    );
    assert_eq!(
        orders[2].column("items_count").unwrap().data_type,
        DataType::uint(32)
    );
    let items1 = table(&d, "shop_0", "order_items_1");
    assert_eq!(items1.column("qty").unwrap().data_type, DataType::int(64));
    let items2 = table(&d, "shop_1", "order_items_2");
    assert_eq!(
        items2.column("unit_price").unwrap().data_type,
        DataType::decimal(12, 2)
    );
}

#[test]
fn demo_config_points_at_the_dump() {
    let conf = include_str!("../../../fixtures/demo/config_prod.conf");
    let line = |k: &str| {
        conf.lines()
            .map(str::trim)
            .find(|l| l.starts_with(k) && l[k.len()..].trim_start().starts_with('='))
            .map(|l| l.split_once('=').unwrap().1.trim().to_string())
    };
    assert_eq!(line("ddl_file").as_deref(), Some("shop.sql"));
    assert_eq!(line("type").as_deref(), Some("mysql"));
    assert_eq!(line("password").as_deref(), Some(""));
    // No inline comments (the original format keeps them in the value).
    for l in conf.lines().map(str::trim) {
        if !l.starts_with('#') && l.contains('=') {
            assert!(!l.contains(" #"), "inline comment: {l}");
        }
    }
}
