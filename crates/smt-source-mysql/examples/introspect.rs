//! Read a live MySQL/MariaDB catalog and report what was found, how many catalog queries it took
//! and how long (used by `scripts/bench-mysql.sh`).
//!
//! ```text
//! cargo run --release -p smt-source-mysql --example introspect -- \
//!     [--host 127.0.0.1] [--port 3306] [--user root] [--db '^bench_'] [--table '.*'] [--print]
//! ```
//! The password comes from the `SMT_MYSQL_PASSWORD` environment variable (empty by default).

use std::time::Instant;

use smt_catalog::{Catalog, Filter, RuleFilter, Secret, SourceCatalog, SourceConfig, SourceKind};
use smt_source_mysql::MySqlCatalog;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("introspect: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut config = SourceConfig::new(SourceKind::Mysql, "127.0.0.1");
    config.user = "root".into();
    config.password = Secret::new(std::env::var("SMT_MYSQL_PASSWORD").unwrap_or_default());
    let mut db = ".*".to_string();
    let mut table = ".*".to_string();
    let mut print = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--host" => config.host = value()?,
            "--port" => config.port = value()?.parse()?,
            "--user" => config.user = value()?,
            "--db" => db = value()?,
            "--table" => table = value()?,
            "--print" => print = true,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let filter = Filter::new(vec![RuleFilter::new(&db, None, &table)?]);
    let started = Instant::now();
    let source = MySqlCatalog::open(&config).await?;
    let connected = started.elapsed();
    let names = source.list_tables(&filter).await?;
    let listed = started.elapsed();
    let catalog = Catalog {
        source: source.kind(),
        server_version: Some(source.server_version().await?),
        tables: source.describe_tables(&names).await?,
    };
    let elapsed = started.elapsed();
    let columns: usize = catalog.tables.iter().map(|t| t.columns.len()).sum();
    let with_pk = catalog
        .tables
        .iter()
        .filter(|t| t.primary_key.is_some())
        .count();
    let uniques: usize = catalog.tables.iter().map(|t| t.unique_keys.len()).sum();
    if print {
        for t in &catalog.tables {
            println!("{t:#?}");
        }
    }
    println!(
        "server={} tables={} columns={} primary_keys={} unique_keys={} queries={} connect_ms={:.1} list_ms={:.1} elapsed_ms={:.1}",
        catalog.server_version.as_deref().unwrap_or("?"),
        catalog.tables.len(),
        columns,
        with_pk,
        uniques,
        source.query_count(),
        connected.as_secs_f64() * 1000.0,
        listed.as_secs_f64() * 1000.0,
        elapsed.as_secs_f64() * 1000.0
    );
    Ok(())
}
