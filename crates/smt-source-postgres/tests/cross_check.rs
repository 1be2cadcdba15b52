//! The live adapter and the pg_dump reader (smt-source-ddl) must give the same IR for the same
//! database: every table, column, type, default, key and comment, sizes aside.

#![allow(clippy::unwrap_used)]

#[macro_use]
mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::*;
use smt_catalog::read_catalog;
use smt_ir::{DataType, SourceKind, Table, TableName};

/// `format_type` (and so pg_dump) writes `text[]` for a column declared `text[][]`; only the
/// live adapter sees the declared dimensions (`attndims`). The one known, documented difference.
fn one_dimension(t: &mut Table) {
    for c in &mut t.columns {
        if let DataType::Array { dimensions, .. } = &mut c.data_type {
            *dimensions = 1;
        }
    }
}

#[tokio::test]
async fn live_and_pg_dump_agree() {
    live!();
    let db = "smt_t_cross";
    let script = [
        include_str!("sql/types.sql"),
        include_str!("sql/keys.sql"),
        include_str!("sql/names.sql"),
    ]
    .join("\n");
    fresh_db(db, &script).await;

    // Live.
    let src = source().await;
    let live = read_catalog(&src, &filter(&[(&format!("^{db}$"), None, ".*")]))
        .await
        .unwrap();
    src.close().await;

    // pg_dump --schema-only of the same database.
    let s = server();
    let out = Command::new("pg_dump")
        .args(["--schema-only", "--no-owner", "--no-privileges"])
        .args([
            "-h",
            &s.host,
            "-p",
            &s.port.to_string(),
            "-U",
            &s.user,
            "-d",
            db,
        ])
        .env("PGPASSWORD", &s.password)
        .output()
        .unwrap_or_else(|e| panic!("pg_dump (postgresql-client) must be installed: {e}"));
    assert!(
        out.status.success(),
        "pg_dump failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let dump =
        smt_source_ddl::read_dump(&text, Path::new("cross.sql"), SourceKind::Pgsql, Some(db))
            .unwrap();
    assert!(dump.errors.is_empty(), "dump issues: {:#?}", dump.errors);

    let index = |tables: &[Table]| -> BTreeMap<TableName, Table> {
        tables
            .iter()
            .map(|t| {
                let mut t = t.clone();
                t.size = Default::default();
                one_dimension(&mut t);
                (t.name.clone(), t)
            })
            .collect()
    };
    let live_t = index(&live.tables);
    let dump_t = index(&dump.catalog.tables);
    assert_eq!(
        live_t.keys().collect::<Vec<_>>(),
        dump_t.keys().collect::<Vec<_>>(),
        "same tables"
    );
    assert!(live_t.len() >= 25, "{}", live_t.len());
    let mut differences = Vec::new();
    for (name, l) in &live_t {
        let d = &dump_t[name];
        if l != d {
            differences.push(format!(
                "{name}:\n live: {}\n dump: {}",
                serde_json::to_string(l).unwrap(),
                serde_json::to_string(d).unwrap()
            ));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    drop_db(db).await;
}
