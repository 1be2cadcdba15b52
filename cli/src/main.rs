//! `smt`: the StarRocks migration toolkit command line.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// jemalloc, built with `dirty_decay_ms:0,muzzy_decay_ms:0` (`.cargo/config.toml`): pages freed by
/// one phase (the source catalog) are returned to the system before the next (the plan) grows,
/// instead of staying behind as holes the next phase's differently sized allocations cannot use.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
use smt_core::generate::{GenerateOptions, default_registry, generate_with, read_source};
use smt_core::plan::{PlanInput, build_plan};

const EXAMPLES: &str = "\
Examples:
  # Generate StarRocks DDL and Flink SQL for the bundled demo (reads a dump, no server needed)
  smt generate -c fixtures/demo/config_prod.conf

  # Use the original tool's layout: conf/config_prod.conf, output to [other] output_dir
  smt generate

  # Write somewhere else, replacing a folder smt did not write
  smt generate -c conf/config_prod.conf -o /tmp/out --force

  # See what the rules match and how each table will be created, as JSON
  smt inspect -c conf/config_prod.conf --json

  # Check every CDC prerequisite (binlog, WAL, privileges, keys, slots, StarRocks) before starting
  smt check -c conf/config_prod.conf

Exit codes: 0 success, 1 failure (source, plan, output), 2 bad configuration or usage.";

/// StarRocks migration toolkit: StarRocks DDL and Flink SQL from a source database's schema.
#[derive(Debug, Parser)]
#[command(name = "smt", version, about, long_about = None, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read the source schema and write the result folder (DDL, Flink SQL, report).
    #[command(after_help = EXAMPLES)]
    Generate {
        /// Config file (SMT's config_prod.conf format, or .toml).
        #[arg(
            short = 'c',
            long = "config",
            default_value = "conf/config_prod.conf",
            env = "SMT_CONFIG"
        )]
        config: PathBuf,
        /// Output folder (default: [other] output_dir, else ./result), relative to the working directory.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Replace the output folder even if smt did not write it.
        #[arg(long)]
        force: bool,
        /// Plan and render, but write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print only errors.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Show the matched tables, their neutral types and the planned targets; writes nothing.
    Inspect {
        /// Config file (SMT's config_prod.conf format, or .toml).
        #[arg(
            short = 'c',
            long = "config",
            default_value = "conf/config_prod.conf",
            env = "SMT_CONFIG"
        )]
        config: PathBuf,
        /// Print the catalog and the plan as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check every CDC prerequisite on the source (and StarRocks) with the fix for each failure;
    /// changes nothing. Exit 0 when nothing fails, 1 when something fails.
    Check {
        /// Config file (SMT's config_prod.conf format, or .toml).
        #[arg(
            short = 'c',
            long = "config",
            default_value = "conf/config_prod.conf",
            env = "SMT_CONFIG"
        )]
        config: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("smt: error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let code = runtime.block_on(run(cli));
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

async fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Generate {
            config,
            output,
            force,
            dry_run,
            quiet,
        } => generate(config, output, force, dry_run, quiet).await,
        Command::Inspect { config, json } => inspect(config, json).await,
        Command::Check { config, json } => check(config, json).await,
    }
}

fn fail(e: &smt_core::Error) -> i32 {
    eprintln!("smt: error: {e}");
    e.exit_code()
}

async fn generate(
    config_path: PathBuf,
    output: Option<PathBuf>,
    force: bool,
    dry_run: bool,
    quiet: bool,
) -> i32 {
    let config = match smt_core::config::load(&config_path) {
        Ok(c) => c,
        Err(e) => return fail(&e.into()),
    };
    let tty = std::io::stderr().is_terminal();
    let progress = move |line: &str| {
        if !quiet {
            if tty {
                eprintln!("\x1b[2msmt: {line}...\x1b[0m");
            } else {
                eprintln!("smt: {line}...");
            }
        }
    };
    let opts = GenerateOptions {
        output,
        force,
        dry_run,
        now_epoch_secs: None,
    };
    match generate_with(&config, &default_registry(), &opts, &progress).await {
        Ok(outcome) => {
            if !quiet {
                let s = &outcome.report.summary;
                eprintln!(
                    "smt: {} source table(s) -> {} target table(s), {} merged shard group(s), {} warning(s){}",
                    s.source_tables,
                    s.target_tables,
                    s.merged_groups,
                    s.warnings,
                    if outcome.queries > 0 {
                        format!(" ({} catalog queries)", outcome.queries)
                    } else {
                        String::new()
                    }
                );
                eprint!("{}", outcome.report.summary_text(10));
                match &outcome.output_dir {
                    Some(dir) => eprintln!(
                        "smt: wrote {} file(s) and smt-report.json to {}",
                        outcome.files.len(),
                        dir.display()
                    ),
                    None => eprintln!("smt: dry run: nothing written"),
                }
            }
            // The process exits next: freeing a plan of thousands of tables would only cost time.
            std::mem::forget(outcome);
            0
        }
        Err(e) => fail(&e),
    }
}

async fn inspect(config_path: PathBuf, json: bool) -> i32 {
    let config = match smt_core::config::load(&config_path) {
        Ok(c) => c,
        Err(e) => return fail(&e.into()),
    };
    let read = match read_source(&config, &default_registry()).await {
        Ok(x) => x,
        Err(e) => return fail(&e),
    };
    let (catalog, connection) = (read.catalog, read.connection);
    let input = PlanInput {
        config: &config,
        connection,
        now_epoch_secs: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(0))
            .unwrap_or(0),
    };
    let catalog_json = if json {
        serde_json::to_value(&catalog).ok()
    } else {
        None
    };
    let plan = match build_plan(&input, catalog) {
        Ok(p) => p,
        Err(e) => return fail(&e),
    };
    if json {
        let doc = serde_json::json!({ "catalog": catalog_json, "plan": plan });
        match serde_json::to_string_pretty(&doc) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("smt: error: {e}");
                return 1;
            }
        }
        return 0;
    }
    for (rule, t) in plan.tables() {
        println!(
            "[table-rule.{}] {}.{}  {}({})  <- {}",
            rule.name,
            t.database,
            t.name,
            t.key.kind.keyword(),
            t.key.columns.join(", "),
            t.sources
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        );
        for c in &t.columns {
            let target = c.starrocks_type.clone().unwrap_or_else(|| {
                smt_core::plan::starrocks_type(&c.column, plan.source, &plan.target)
            });
            println!(
                "    {:<28} {:<28} {:<24} -> {}{}",
                c.name(),
                c.column.native_type,
                c.column.data_type.describe(),
                target,
                if c.column.nullable { "" } else { " NOT NULL" }
            );
        }
    }
    for w in &plan.warnings {
        eprintln!("smt: {w}");
    }
    0
}

async fn check(config_path: PathBuf, json: bool) -> i32 {
    let config = match smt_core::config::load(&config_path) {
        Ok(c) => c,
        Err(e) => return fail(&e.into()),
    };
    if let Err(e) = smt_core::plan::rule_filters(&config) {
        return fail(&e);
    }
    let report = smt_core::check::check(
        &config,
        &default_registry(),
        &smt_core::check::CheckOptions::default(),
    )
    .await;
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("smt: error: {e}");
                return 1;
            }
        }
    } else {
        print!("{}", checklist(&report));
    }
    i32::from(report.failed())
}

/// The readable checklist: one line per item, then found / why / fix indented.
fn checklist(report: &smt_core::ir::CheckReport) -> String {
    use smt_core::ir::CheckStatus;
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "smt check: {} source at {}{}",
        report.source,
        report.address,
        report
            .server_version
            .as_deref()
            .map(|v| format!(" ({v})"))
            .unwrap_or_default()
    );
    for i in &report.items {
        let _ = write!(s, "{}  {}", i.status.label(), i.title);
        if let Some(subject) = &i.subject {
            let _ = write!(s, "  [{subject}]");
        }
        s.push('\n');
        let _ = writeln!(s, "      found: {}", i.found);
        if matches!(i.status, CheckStatus::Warn | CheckStatus::Fail) {
            let _ = writeln!(s, "      why:   {}", i.why);
            if let Some(fix) = &i.fix {
                let _ = writeln!(s, "      fix:   {fix}");
            }
        }
    }
    let _ = writeln!(
        s,
        "smt check: {} ({} table(s), {} CDC reader(s))",
        report.summary(),
        report.tables,
        report.jobs
    );
    s
}
