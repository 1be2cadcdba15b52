//! The `generate` pipeline: config -> source -> catalog -> plan -> emitters -> result folder.

use std::path::{Path, PathBuf};
#[cfg(any(
    feature = "mysql",
    feature = "tidb",
    feature = "postgres",
    feature = "sqlserver",
    feature = "oracle",
    feature = "clickhouse",
    feature = "hive"
))]
use std::sync::Arc;
use std::time::Duration;

use smt_catalog::{Filter, Registry, SourceCatalog, SourceConfig, read_catalog};
use smt_config::Config;
use smt_ir::{Catalog, Connection, OutputFile, Plan, Warning};

use crate::plan::{PlanInput, build_plan, rule_filters};
use crate::report::Report;
use crate::{Error, Result, output};

/// Name of the report file inside the result folder.
pub const REPORT_FILE: &str = "smt-report.json";

/// Progress callback: receives one short line per phase.
pub type Progress<'a> = &'a (dyn Fn(&str) + Send + Sync);

/// The registry of every live adapter compiled into this build.
pub fn default_registry() -> Registry {
    #[allow(unused_mut)]
    let mut r = Registry::new();
    #[cfg(feature = "mysql")]
    r.register(
        smt_ir::SourceKind::Mysql,
        Arc::new(smt_source_mysql::MySqlSourceFactory),
    );
    #[cfg(feature = "tidb")]
    r.register(
        smt_ir::SourceKind::Tidb,
        Arc::new(smt_source_tidb::TidbSourceFactory),
    );
    #[cfg(feature = "postgres")]
    r.register(
        smt_ir::SourceKind::Pgsql,
        Arc::new(smt_source_postgres::PostgresSourceFactory),
    );
    #[cfg(feature = "sqlserver")]
    r.register(
        smt_ir::SourceKind::Sqlserver,
        Arc::new(smt_source_sqlserver::SqlServerSourceFactory),
    );
    #[cfg(feature = "oracle")]
    r.register(
        smt_ir::SourceKind::Oracle,
        Arc::new(smt_source_oracle::OracleSourceFactory),
    );
    #[cfg(feature = "clickhouse")]
    r.register(
        smt_ir::SourceKind::Clickhouse,
        Arc::new(smt_source_clickhouse::ClickhouseSourceFactory),
    );
    #[cfg(feature = "hive")]
    r.register(
        smt_ir::SourceKind::Hive,
        Arc::new(smt_source_hive::HiveSourceFactory),
    );
    r
}

/// The adapter config for `[db]`.
pub fn source_config(config: &Config) -> SourceConfig {
    let db = &config.db;
    let mut options = db.options.clone();
    if !db.ddl_files.is_empty() {
        let joined: Vec<String> = db
            .ddl_files
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        options.insert("ddl_file".into(), joined.join(","));
    }
    if let Some(a) = &db.authentication {
        options.insert("authentication".into(), a.clone());
    }
    SourceConfig {
        kind: db.kind,
        host: db.host.clone(),
        port: db.port,
        user: db.user.clone(),
        password: db.password.clone(),
        connect_timeout: Duration::from_secs(db.connect_timeout_secs.max(1)),
        options,
    }
}

/// Open the source: the dump reader when `[db] ddl_file` is set, else the live adapter.
pub async fn open_source(config: &Config, registry: &Registry) -> Result<Box<dyn SourceCatalog>> {
    let sc = source_config(config);
    let opened = if config.db.ddl_files.is_empty() {
        registry.open(&sc).await
    } else {
        use smt_catalog::SourceFactory;
        smt_source_ddl::DdlSourceFactory.open(&sc).await
    };
    opened.map_err(Error::Source)
}

/// Read the catalog of everything the rules match.
pub async fn read_source(config: &Config, registry: &Registry) -> Result<SourceRead> {
    let filters = rule_filters(config)?;
    let filter = Filter::new(filters);
    let source = open_source(config, registry).await?;
    let catalog = read_catalog(source.as_ref(), &filter)
        .await
        .map_err(Error::Source)?;
    let facts = source.connection_facts().await.unwrap_or_default();
    let notes = source.notes();
    let connection = Connection {
        host: config.db.host.clone(),
        port: config.db.port,
        user: config.db.user.clone(),
        password: config.db.password.clone(),
        facts,
    };
    Ok(SourceRead {
        catalog,
        connection,
        queries: source.query_count(),
        notes,
    })
}

/// What [`read_source`] returns.
#[derive(Debug)]
pub struct SourceRead {
    /// The matched tables, described.
    pub catalog: Catalog,
    /// How the generated jobs reach the source.
    pub connection: Connection,
    /// Catalog queries the adapter sent.
    pub queries: u64,
    /// Problems the adapter worked around (unparsable dump statements, ...).
    pub notes: Vec<Warning>,
}

/// Everything a run produced.
#[derive(Debug)]
pub struct Outcome {
    /// The plan.
    pub plan: Plan,
    /// Names of the generated files (without the report), in output order.
    pub files: Vec<String>,
    /// The report.
    pub report: Report,
    /// Where the files were written (None for a dry run).
    pub output_dir: Option<PathBuf>,
    /// Catalog queries the adapter sent.
    pub queries: u64,
}

/// Options of [`generate`].
#[derive(Debug, Clone, Default)]
pub struct GenerateOptions {
    /// Output folder; `None` uses `[other] output_dir` (relative to the working directory).
    pub output: Option<PathBuf>,
    /// Replace an output folder smt did not write.
    pub force: bool,
    /// Do not write anything (plan and render only).
    pub dry_run: bool,
    /// "Now" for the size formula; `None` is the system clock.
    pub now_epoch_secs: Option<i64>,
}

/// The output folder a config asks for.
pub fn output_dir(config: &Config, explicit: Option<&Path>) -> PathBuf {
    match explicit {
        Some(p) => p.to_path_buf(),
        None if config.other.output_dir.trim().is_empty() => PathBuf::from("result"),
        None => PathBuf::from(config.other.output_dir.trim()),
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Render every output file of a plan (StarRocks DDL, external tables, catalog loads, Flink SQL)
/// and check it.
pub fn render(plan: &Plan) -> Result<(Vec<OutputFile>, Vec<Warning>)> {
    let sr = smt_starrocks::emit(plan).map_err(|e| Error::Emit(e.to_string()))?;
    let load = smt_starrocks::catalog_load(plan).map_err(|e| Error::Emit(e.to_string()))?;
    let fl = smt_flink::emit(plan).map_err(|e| Error::Emit(e.to_string()))?;
    let mut files = sr.files;
    files.extend(load.files);
    files.extend(fl.files);
    let mut warnings = sr.warnings;
    warnings.extend(load.warnings);
    warnings.extend(fl.warnings);
    Ok((files, warnings))
}

/// Run the whole pipeline for a loaded config.
pub async fn generate_with(
    config: &Config,
    registry: &Registry,
    opts: &GenerateOptions,
    progress: Progress<'_>,
) -> Result<Outcome> {
    let out_dir = output_dir(config, opts.output.as_deref());
    // Refuse early, before any work, when the folder cannot be replaced.
    if !opts.dry_run {
        output::check_replaceable(&out_dir, opts.force)?;
    }
    progress(&format!(
        "reading {} schema{}",
        config.db.kind,
        if config.db.ddl_files.is_empty() {
            format!(" from {}:{}", config.db.host, config.db.port)
        } else {
            " from dump file(s)".to_string()
        }
    ));
    let SourceRead {
        catalog,
        connection,
        queries,
        notes,
    } = read_source(config, registry).await?;
    if catalog.tables.is_empty() {
        let problems: Vec<String> = notes
            .iter()
            .filter(|n| n.severity == smt_ir::Severity::Warning)
            .take(5)
            .map(|n| format!("\n  {}", n.message))
            .collect();
        return Err(Error::Plan(format!(
            "no source table matched any of the {} rule(s) in {}: check the rules' database/table \
             patterns (they are regular expressions) and the source; nothing was written{}",
            config.rules.len(),
            config.path.display(),
            problems.concat()
        )));
    }
    progress(&format!(
        "planning {} table(s) over {} rule(s)",
        catalog.tables.len(),
        config.rules.len()
    ));
    let input = PlanInput {
        config,
        connection,
        now_epoch_secs: opts.now_epoch_secs.unwrap_or_else(now),
    };
    let mut plan = build_plan(&input, catalog)?;
    plan.warnings.extend(notes);
    for w in &config.warnings {
        plan.warnings.push(Warning::warn("config", w.to_string()));
    }
    progress("rendering StarRocks DDL and Flink SQL");
    let writer = if opts.dry_run {
        None
    } else {
        Some(output::ResultWriter::begin(&out_dir, opts.force)?)
    };
    // The StarRocks and Flink emitters run on two threads; each streams its files into the
    // temporary result folder through its own stream (no whole file is held in memory).
    let new_stream = || match &writer {
        Some(w) => w.stream(),
        None => output::DirStream::new(None),
    };
    let mut sr_stream = new_stream();
    let mut fl_stream = new_stream();
    let (sr, fl, prepared) = std::thread::scope(|scope| {
        let flink = scope.spawn(|| smt_flink::emit_to(&plan, &mut fl_stream));
        // The StarRocks-native full load (Hive, ClickHouse) follows the DDL on the same stream.
        let sr = smt_starrocks::emit_to(&plan, &mut sr_stream).and_then(|mut w| {
            w.extend(smt_starrocks::catalog_load_to(&plan, &mut sr_stream)?);
            Ok(w)
        });
        // The Flink emitter usually takes longer: prepare the report meanwhile.
        let prepared = Report::prepare(&plan);
        (sr, flink.join(), prepared)
    });
    if let Some(e) = sr_stream.take_error().or_else(|| fl_stream.take_error()) {
        return Err(e);
    }
    let mut extra = sr.map_err(|e| Error::Emit(e.to_string()))?;
    match fl {
        Ok(Ok(w)) => extra.extend(w),
        Ok(Err(e)) => return Err(Error::Emit(e.to_string())),
        Err(_) => return Err(Error::Emit("the Flink emitter panicked".into())),
    }
    let mut files = sr_stream.into_names();
    files.extend(fl_stream.into_names());
    files.sort();
    let report = Report::finish(&plan, prepared, &extra, files.clone());
    let output_dir = match writer {
        None => None,
        Some(mut w) => {
            progress(&format!(
                "writing {} file(s) to {}",
                files.len() + 1,
                out_dir.display()
            ));
            w.add_with(REPORT_FILE, false, |out| report.write_json(out))?;
            w.commit()?;
            Some(out_dir)
        }
    };
    Ok(Outcome {
        plan,
        files,
        report,
        output_dir,
        queries,
    })
}

/// Load the config at `path` and run the pipeline with the default registry.
pub async fn generate(
    path: &Path,
    opts: &GenerateOptions,
    progress: Progress<'_>,
) -> Result<Outcome> {
    let config = smt_config::load(path)?;
    generate_with(&config, &default_registry(), opts, progress).await
}
