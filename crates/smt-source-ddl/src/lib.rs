//! # smt-source-ddl
//!
//! The offline source: reads schema dumps (`mysqldump --no-data`, with or without data,
//! `pg_dump --schema-only`, plain `CREATE TABLE` scripts) into the same IR a live adapter
//! produces.
//!
//! A fast statement splitter of its own finds statement boundaries (quotes, comments, MySQL
//! versioned comments, `DELIMITER` blocks, psql meta-commands and `COPY ... FROM stdin` data),
//! statements are classified by their leading keywords without parsing, and only what the IR
//! needs is looked into: `CREATE TABLE` (checked with [`sqlparser`], whose messages are reported
//! with file and line when a statement does not parse), `CREATE DATABASE`/`USE`/`\connect`/
//! `SET search_path`, key constraints added by `ALTER TABLE` and `CREATE UNIQUE INDEX`,
//! `COMMENT ON`, enum types, domains, serial and identity columns, and partitions (which are not
//! tables of their own). Types and defaults go through [`smt_catalog::native`], like the live
//! adapters, so a dump and a live read of the same schema give the same IR.
//!
//! SQL Server (SSMS scripts) and Oracle (`DBMS_METADATA.GET_DDL` scripts) have a reader of
//! their own that maps types with [`smt_catalog::native::sqlserver`] and
//! [`smt_catalog::native::oracle`], the functions the live adapters use (see the README).
//!
//! Entry points: [`read_dump`] for one text, [`read_files`] for several files, and
//! [`DdlSourceFactory`] (a [`SourceFactory`]) for the `[db] ddl_file` setting.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use async_trait::async_trait;
use smt_catalog::{Error, ErrorKind, Filter, Result, SourceCatalog, SourceConfig, SourceFactory};
use smt_ir::{Catalog, SourceKind, Table, TableName};

mod lex;
mod reader;
mod split;
mod vendor;

/// The `[db]` option naming the dump file(s): comma-separated paths.
pub const OPTION_DDL_FILE: &str = "ddl_file";
/// The `[db]` option naming the database to use when a dump has no
/// `CREATE DATABASE`/`USE`/`\connect`.
pub const OPTION_DDL_DATABASE: &str = "ddl_database";

/// A problem found in a dump: a statement that does not parse, a column type that cannot be
/// read, a key on an unknown table. Reading goes on after each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpIssue {
    /// The dump file.
    pub file: PathBuf,
    /// 1-based line of the problem (the parser's line inside the statement, mapped to the file).
    pub line: usize,
    /// What went wrong (the parser's message for statements that do not parse).
    pub message: String,
}

impl fmt::Display for DumpIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// What a dump holds.
#[derive(Debug, Clone, PartialEq)]
pub struct DumpCatalog {
    /// The tables, sorted by (database, schema, table); columns in dump order.
    pub catalog: Catalog,
    /// Statements that were not needed, by kind (`INSERT`, `LOCK TABLES`, `SET`,
    /// `CREATE VIEW`, `CREATE TRIGGER`, ...) -> count.
    pub skipped: BTreeMap<String, usize>,
    /// Problems, in file order.
    pub errors: Vec<DumpIssue>,
}

/// Read one dump text.
///
/// `file` is only used in messages (and its stem as the database name of last resort).
/// `kind` chooses the dialect: `mysql`/`tidb` MySQL, `pgsql` PostgreSQL, `sqlserver` T-SQL
/// (SSMS scripts), `oracle` Oracle (`DBMS_METADATA` scripts), others a generic best effort. `default_database` names the database when the dump has no
/// `CREATE DATABASE`/`USE`/`\connect` (otherwise the file stem is used).
///
/// Fails (with [`ErrorKind::Parse`]) only when the text yields no table at all and some
/// statement could not be read, i.e. the file is not a schema dump in that dialect.
pub fn read_dump(
    text: &str,
    file: &Path,
    kind: SourceKind,
    default_database: Option<&str>,
) -> Result<DumpCatalog> {
    let dump = match kind {
        SourceKind::Sqlserver | SourceKind::Oracle => {
            vendor::VendorReader::new(file, kind, default_database).read(text)
        }
        _ => reader::Reader::new(file, kind, default_database).read(text),
    };
    if dump.catalog.tables.is_empty() && !dump.errors.is_empty() {
        let first: Vec<String> = dump.errors.iter().take(3).map(|e| e.to_string()).collect();
        return Err(Error::new(
            ErrorKind::Parse,
            format!(
                "no table could be read from {} as a {} dump ({} problem(s); first: {})",
                file.display(),
                kind,
                dump.errors.len(),
                first.join("; ")
            ),
        ));
    }
    Ok(dump)
}

/// Read several dump files and merge them. A table defined in more than one file is taken from
/// the last one (and reported as an issue).
pub fn read_files(
    paths: &[PathBuf],
    kind: SourceKind,
    default_database: Option<&str>,
) -> Result<DumpCatalog> {
    if paths.is_empty() {
        return Err(Error::new(
            ErrorKind::Config,
            format!("`{OPTION_DDL_FILE}` names no file"),
        ));
    }
    let mut merged = DumpCatalog {
        catalog: Catalog {
            source: kind,
            server_version: None,
            tables: Vec::new(),
        },
        skipped: BTreeMap::new(),
        errors: Vec::new(),
    };
    let mut by_name: BTreeMap<TableName, Table> = BTreeMap::new();
    for path in paths {
        let bytes = std::fs::read(path).map_err(|e| {
            Error::new(
                ErrorKind::Io,
                format!("cannot read schema dump {}: {e}", path.display()),
            )
            .with_source(e)
        })?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        let dump = read_dump(&text, path, kind, default_database)?;
        if merged.catalog.server_version.is_none() {
            merged.catalog.server_version = dump.catalog.server_version;
        }
        for t in dump.catalog.tables {
            if by_name.contains_key(&t.name) {
                merged.errors.push(DumpIssue {
                    file: path.clone(),
                    line: 0,
                    message: format!("table {} is defined again; this definition wins", t.name),
                });
            }
            by_name.insert(t.name.clone(), t);
        }
        for (k, n) in dump.skipped {
            *merged.skipped.entry(k).or_default() += n;
        }
        merged.errors.extend(dump.errors);
    }
    merged.catalog.tables = by_name.into_values().collect();
    Ok(merged)
}

/// A [`SourceCatalog`] over schema dump files.
///
/// The parsed tables are kept until [`describe_tables`](SourceCatalog::describe_tables) hands
/// them out; they are *moved* out rather than copied, so reading a 10,000-table dump holds its
/// tables in memory once. Describing a table again re-reads the files.
#[derive(Debug)]
pub struct DdlSource {
    files: Vec<PathBuf>,
    kind: SourceKind,
    default_database: Option<String>,
    server_version: Option<String>,
    names: Vec<TableName>,
    errors: Vec<DumpIssue>,
    skipped: BTreeMap<String, usize>,
    cache: Mutex<BTreeMap<TableName, Table>>,
}

impl DdlSource {
    /// Read the files named by `config.options["ddl_file"]` (comma-separated), with
    /// `config.options["ddl_database"]` as the database of dumps that name none.
    pub fn open(config: &SourceConfig) -> Result<Self> {
        let list = config.option(OPTION_DDL_FILE).ok_or_else(|| {
            Error::new(
                ErrorKind::Config,
                format!("`[db] {OPTION_DDL_FILE}` is not set"),
            )
        })?;
        let files: Vec<PathBuf> = list
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
            .collect();
        let default_database = config.option(OPTION_DDL_DATABASE).map(str::to_string);
        let dump = read_files(&files, config.kind, default_database.as_deref())?;
        if dump.catalog.tables.is_empty() {
            let ignored: Vec<String> = dump
                .skipped
                .iter()
                .map(|(k, n)| format!("{n} {k}"))
                .collect();
            return Err(Error::new(
                ErrorKind::Parse,
                format!(
                    "no CREATE TABLE statement found in {} (read as a {} dump{}); \
                     expected {}",
                    list,
                    config.kind,
                    if ignored.is_empty() {
                        String::new()
                    } else {
                        format!("; ignored: {}", ignored.join(", "))
                    },
                    match config.kind {
                        SourceKind::Sqlserver => "an SSMS `Script Table as CREATE` script",
                        SourceKind::Oracle => "`DBMS_METADATA.GET_DDL` output",
                        _ => "`mysqldump --no-data` or `pg_dump --schema-only` output",
                    }
                ),
            ));
        }
        Ok(Self::build(files, default_database, dump))
    }

    /// A source over an already read dump (describing a table twice re-reads `files`).
    pub fn from_dump(files: Vec<PathBuf>, dump: DumpCatalog) -> Self {
        Self::build(files, None, dump)
    }

    fn build(files: Vec<PathBuf>, default_database: Option<String>, dump: DumpCatalog) -> Self {
        let DumpCatalog {
            catalog,
            skipped,
            errors,
        } = dump;
        let names = catalog.tables.iter().map(|t| t.name.clone()).collect();
        DdlSource {
            files,
            kind: catalog.source,
            default_database,
            server_version: catalog.server_version,
            names,
            errors,
            skipped,
            cache: Mutex::new(
                catalog
                    .tables
                    .into_iter()
                    .map(|t| (t.name.clone(), t))
                    .collect(),
            ),
        }
    }

    /// Statements that could not be read (file, line, message).
    pub fn issues(&self) -> &[DumpIssue] {
        &self.errors
    }

    /// Statements not needed for the schema, counted by kind.
    pub fn skipped(&self) -> &BTreeMap<String, usize> {
        &self.skipped
    }

    /// Every table of the dump, in order.
    pub fn table_names(&self) -> &[TableName] {
        &self.names
    }

    /// The files read.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }
}

#[async_trait]
impl SourceCatalog for DdlSource {
    fn kind(&self) -> SourceKind {
        self.kind
    }

    async fn server_version(&self) -> Result<String> {
        // File names only: the banner ends up in reports, which must not depend on where the
        // files happen to live.
        let files: Vec<String> = self
            .files
            .iter()
            .map(|f| {
                f.file_name().map_or_else(
                    || f.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )
            })
            .collect();
        Ok(match &self.server_version {
            Some(v) => format!("{v} (schema dump {})", files.join(", ")),
            None => format!("schema dump {}", files.join(", ")),
        })
    }

    async fn list_tables(&self, filter: &Filter) -> Result<Vec<TableName>> {
        Ok(self
            .names
            .iter()
            .filter(|n| filter.matches(n))
            .cloned()
            .collect())
    }

    async fn describe_tables(&self, tables: &[TableName]) -> Result<Vec<Table>> {
        let mut cache = self
            .cache
            .lock()
            .map_err(|_| Error::new(ErrorKind::Other, "dump cache poisoned"))?;
        let known: BTreeSet<&TableName> = self.names.iter().collect();
        if tables
            .iter()
            .any(|n| known.contains(n) && !cache.contains_key(n))
        {
            // Handed out before: read the files again for the missing ones.
            let again = read_files(&self.files, self.kind, self.default_database.as_deref())?;
            let wanted: BTreeSet<&TableName> = tables.iter().collect();
            for t in again.catalog.tables {
                if wanted.contains(&t.name) && !cache.contains_key(&t.name) {
                    cache.insert(t.name.clone(), t);
                }
            }
        }
        Ok(tables.iter().filter_map(|n| cache.remove(n)).collect())
    }

    fn notes(&self) -> Vec<smt_ir::Warning> {
        let mut out: Vec<smt_ir::Warning> = self
            .errors
            .iter()
            .map(|e| {
                smt_ir::Warning::warn("dump-statement-skipped", format!("{e} (statement skipped)"))
            })
            .collect();
        if !self.skipped.is_empty() {
            let kinds: Vec<String> = self
                .skipped
                .iter()
                .map(|(k, n)| format!("{n} {k}"))
                .collect();
            out.push(smt_ir::Warning::info(
                "dump-statements-ignored",
                format!(
                    "statements not needed for the schema were ignored: {}",
                    kinds.join(", ")
                ),
            ));
        }
        out
    }
}

/// The [`SourceFactory`] for `[db] ddl_file`: opens a [`DdlSource`].
#[derive(Debug, Clone, Copy, Default)]
pub struct DdlSourceFactory;

#[async_trait]
impl SourceFactory for DdlSourceFactory {
    async fn open(&self, config: &SourceConfig) -> Result<Box<dyn SourceCatalog>> {
        Ok(Box::new(DdlSource::open(config)?))
    }
}
