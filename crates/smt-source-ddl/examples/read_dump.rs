//! Read a schema dump and print what smt sees: the IR as JSON (`--json`) or a summary.
//!
//! `cargo run --release -p smt-source-ddl --example read_dump -- <mysql|pgsql|...> <file> [--json]`
//!
//! Also used to measure the reader: `/usr/bin/time -v target/release/examples/read_dump mysql big.sql`.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(kind), Some(file)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: read_dump <mysql|tidb|pgsql|...> <file> [--json] [--database NAME]");
        return ExitCode::from(2);
    };
    let json = args.iter().any(|a| a == "--json");
    let database = args
        .iter()
        .position(|a| a == "--database")
        .and_then(|i| args.get(i + 1))
        .map(String::as_str);
    let kind = match kind.parse() {
        Ok(k) => k,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(1);
        }
    };
    let read = Instant::now();
    let dump = match smt_source_ddl::read_dump(&text, Path::new(file), kind, database) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let parsed = read.elapsed();
    if json {
        match serde_json::to_string_pretty(&dump.catalog) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(1);
            }
        }
    } else {
        let columns: usize = dump.catalog.tables.iter().map(|t| t.columns.len()).sum();
        println!(
            "{} tables, {} columns, {} bytes; read_dump {:.3} s (total {:.3} s)",
            dump.catalog.tables.len(),
            columns,
            text.len(),
            parsed.as_secs_f64(),
            started.elapsed().as_secs_f64()
        );
        for (k, n) in &dump.skipped {
            println!("skipped {k}: {n}");
        }
    }
    for e in &dump.errors {
        eprintln!("{e}");
    }
    ExitCode::SUCCESS
}
