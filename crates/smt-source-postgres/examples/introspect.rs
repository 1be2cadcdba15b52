//! Read a PostgreSQL catalog with the live adapter and print what was found.
//!
//! ```text
//! cargo run --release -p smt-source-postgres --example introspect -- \
//!     [--host 127.0.0.1] [--port 5432] [--user postgres] [--db '^shop$'] [--schema '.*'] \
//!     [--table '.*'] [--sslmode prefer] [--json]
//! ```
//!
//! The password comes from `PGPASSWORD` (never from the command line). Prints one line per
//! table (or the IR as JSON with `--json`), then a summary: tables, columns, catalog queries,
//! elapsed time.

use std::time::Instant;

use smt_catalog::{Filter, RuleFilter, Secret, SourceCatalog, SourceConfig, SourceKind};
use smt_source_postgres::PostgresSource;

struct Args {
    host: String,
    port: u16,
    user: String,
    db: String,
    schema: String,
    table: String,
    sslmode: Option<String>,
    json: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        host: "127.0.0.1".into(),
        port: 5432,
        user: "postgres".into(),
        db: ".*".into(),
        schema: ".*".into(),
        table: ".*".into(),
        sslmode: None,
        json: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--json" {
            a.json = true;
            continue;
        }
        let value = it.next().ok_or_else(|| format!("`{flag}` needs a value"))?;
        match flag.as_str() {
            "--host" => a.host = value,
            "--port" => a.port = value.parse().map_err(|_| format!("bad port `{value}`"))?,
            "--user" => a.user = value,
            "--db" => a.db = value,
            "--schema" => a.schema = value,
            "--table" => a.table = value,
            "--sslmode" => a.sslmode = Some(value),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(a)
}

#[tokio::main]
async fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("introspect: {e}");
            std::process::exit(2);
        }
    };
    let t0 = Instant::now();
    let mut config = SourceConfig::new(SourceKind::Pgsql, args.host.clone());
    config.port = args.port;
    config.user = args.user.clone();
    config.password = Secret::new(std::env::var("PGPASSWORD").unwrap_or_default());
    if let Some(m) = &args.sslmode {
        config.options.insert("sslmode".into(), m.clone());
    }
    let filter = match RuleFilter::new(&args.db, Some(&args.schema), &args.table) {
        Ok(r) => Filter::new(vec![r]),
        Err(e) => {
            eprintln!("introspect: {e}");
            std::process::exit(2);
        }
    };
    let result = async {
        let src = PostgresSource::connect(config).await?;
        let t_open = t0.elapsed();
        let names = src.list_tables(&filter).await?;
        let t_list = t0.elapsed();
        let tables = src.describe_tables(&names).await?;
        let t_describe = t0.elapsed();
        eprintln!(
            "phases: connect {:.1} ms, list {:.1} ms, describe {:.1} ms",
            t_open.as_secs_f64() * 1000.0,
            (t_list - t_open).as_secs_f64() * 1000.0,
            (t_describe - t_list).as_secs_f64() * 1000.0
        );
        let cat = smt_ir::Catalog {
            source: src.kind(),
            server_version: Some(src.server_version().await?),
            tables,
        };
        let queries = src.query_count();
        src.close().await;
        Ok::<_, smt_catalog::Error>((cat, queries))
    }
    .await;
    let (cat, queries) = match result {
        Ok(x) => x,
        Err(e) => {
            eprintln!("introspect: {e}");
            std::process::exit(1);
        }
    };
    let elapsed = t0.elapsed();
    if args.json {
        match serde_json::to_string_pretty(&cat) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("introspect: {e}"),
        }
    } else {
        for t in &cat.tables {
            let pk = t
                .primary_key
                .as_ref()
                .map(|k| k.columns.join(","))
                .unwrap_or_default();
            println!(
                "{}\tcolumns={}\tpk=[{pk}]\tunique={}\tbytes={}\trows={}",
                t.name,
                t.columns.len(),
                t.unique_keys.len(),
                t.size.bytes.map(|b| b.to_string()).unwrap_or_default(),
                t.size.rows.map(|r| r.to_string()).unwrap_or_default(),
            );
        }
    }
    let columns: usize = cat.tables.iter().map(|t| t.columns.len()).sum();
    eprintln!(
        "server {}: tables={} columns={} queries={} elapsed_ms={:.1}",
        cat.server_version.as_deref().unwrap_or("?"),
        cat.tables.len(),
        columns,
        queries,
        elapsed.as_secs_f64() * 1000.0
    );
}
