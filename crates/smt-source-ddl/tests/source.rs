//! The `SourceCatalog` / `SourceFactory` face of the dump reader.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use smt_catalog::{
    ErrorKind, Filter, RuleFilter, SourceCatalog, SourceConfig, SourceFactory, TableName,
    read_catalog,
};
use smt_ir::SourceKind;
use smt_source_ddl::{DdlSource, DdlSourceFactory};

fn dumps() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/dumps")
}

fn config(kind: SourceKind, files: &str) -> SourceConfig {
    let mut c = SourceConfig::new(kind, "127.0.0.1");
    c.options.insert("ddl_file".into(), files.into());
    c
}

#[tokio::test]
async fn factory_filters_and_describes() {
    let file = dumps().join("mysqldump_8.sql");
    let cfg = config(SourceKind::Mysql, &file.display().to_string());
    let src = DdlSourceFactory.open(&cfg).await.unwrap();
    assert_eq!(src.kind(), SourceKind::Mysql);
    assert!(src.server_version().await.unwrap().starts_with("8.0.36"));
    let filter = Filter::new(vec![
        RuleFilter::new("^app$", None, "^(users|codes)$").unwrap(),
    ]);
    let names = src.list_tables(&filter).await.unwrap();
    assert_eq!(
        names,
        vec![
            TableName::new("app", "codes"),
            TableName::new("app", "users")
        ]
    );
    // describe_tables keeps the requested order and leaves out unknown names.
    let asked = vec![
        TableName::new("app", "users"),
        TableName::new("app", "nope"),
        TableName::new("app", "codes"),
    ];
    let tables = src.describe_tables(&asked).await.unwrap();
    let got: Vec<&TableName> = tables.iter().map(|t| &t.name).collect();
    assert_eq!(got, vec![&asked[0], &asked[2]]);
    let cat = read_catalog(src.as_ref(), &filter).await.unwrap();
    assert_eq!(cat.tables.len(), 2);
}

#[tokio::test]
async fn several_files_and_default_database() {
    let a = dumps().join("pg_dump_15.sql");
    let dir = std::env::temp_dir().join(format!("smt-ddl-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let b = dir.join("extra.sql");
    std::fs::write(&b, "CREATE TABLE public.extra (id bigint PRIMARY KEY);\n").unwrap();
    let mut cfg = config(
        SourceKind::Pgsql,
        &format!("{} , {}", a.display(), b.display()),
    );
    cfg.options.insert("ddl_database".into(), "shop".into());
    let src = DdlSource::open(&cfg).unwrap();
    let names: Vec<String> = src.table_names().iter().map(|t| t.to_string()).collect();
    assert!(
        names.contains(&"shop.public.extra".to_string()),
        "{names:?}"
    );
    assert!(names.contains(&"shop.public.customers".to_string()));
    assert_eq!(src.files().len(), 2);
    // The injected error of the first file is kept, with its file name.
    assert_eq!(src.issues().len(), 1);
    assert!(src.issues()[0].file.ends_with("pg_dump_15.sql"));
    // Tables are moved out on describe; describing again re-reads the files.
    let extra = vec![TableName::with_schema("shop", "public", "extra")];
    let first = src.describe_tables(&extra).await.unwrap();
    let again = src.describe_tables(&extra).await.unwrap();
    assert_eq!(first, again);
    assert_eq!(first.len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn configuration_and_io_errors() {
    let cfg = SourceConfig::new(SourceKind::Mysql, "h");
    let err = DdlSourceFactory.open(&cfg).await.err().unwrap();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("ddl_file"));

    let cfg = config(SourceKind::Mysql, "/nonexistent/dump.sql");
    let err = DdlSourceFactory.open(&cfg).await.err().unwrap();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert!(err.to_string().contains("/nonexistent/dump.sql"));
}
