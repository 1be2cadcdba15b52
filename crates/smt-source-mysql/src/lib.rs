//! # smt-source-mysql
//!
//! Live MySQL / MariaDB source adapter for smt: reads `information_schema` with sqlx and returns
//! neutral [`smt_ir::Table`]s. It knows nothing about StarRocks or Flink.
//!
//! ## Queries
//!
//! A run sends a constant number of catalog queries, whatever the number of tables:
//!
//! 1. when opening: `VERSION()` together with a probe of the optional `information_schema`
//!    columns ([`server::OPTIONAL_COLUMNS`]);
//! 2. [`list_tables`](SourceCatalog::list_tables): one `TABLES` query (base tables, plus MariaDB
//!    `SYSTEM VERSIONED` tables; no views, no sequences) and, on MariaDB, one
//!    `CHECK_CONSTRAINTS` query for `CHECK (json_valid(col))` JSON columns. Both rows are kept for
//!    `describe_tables`;
//! 3. [`describe_tables`](SourceCatalog::describe_tables): one `COLUMNS` query and one
//!    `STATISTICS` query (unique indexes: primary key and unique keys, whether declared as
//!    constraints or created with `CREATE UNIQUE INDEX`; foreign keys never become keys).
//!    `TABLES` and `CHECK_CONSTRAINTS` are read again only for what `list_tables` did not cover.
//!
//! That is 4 queries on MySQL and 5 on MariaDB per run ([`SourceCatalog::query_count`]).
//!
//! Every query filters `TABLE_SCHEMA` on the server with bind parameters ([`SchemaScope`]):
//! `IN (?, ...)` when every rule names its database literally, `LIKE ?` on literal prefixes, else
//! every non-system schema. Table patterns are matched in Rust.
//!
//! To answer `TABLES` (sizes, creation time) and `CHECK_CONSTRAINTS` the server opens every
//! table, which takes seconds on a catalog of ten thousand tables; the two reads run at the same
//! time on two connections (the second one opened on first use, with the same settings and
//! timeout; if it cannot be opened, everything runs on the main connection). `COLUMNS` and
//! `STATISTICS` are split the same way. Rows are converted as they arrive; the raw rows are not
//! kept.
//!
//! ## Keys
//!
//! The primary key is the index named `PRIMARY` (so named in the IR). Unique keys are the other
//! unique indexes in the order the server lists them in `STATISTICS`, which is the
//! `SHOW CREATE TABLE` order (MySQL and MariaDB sort keys internally: primary, then unique keys
//! over NOT NULL columns, then other unique keys, each group in creation order). Key columns
//! follow `SEQ_IN_INDEX`. Unique indexes with a functional part (MySQL 8.0.13+) are skipped.
//!
//! ## Connection
//!
//! `[db] host/port/user/password`; TLS from `[db] ssl_mode` (or `tls`), default `preferred`
//! (see [`conn::ssl_mode`]); the connect timeout is `SourceConfig::connect_timeout`. Errors are
//! [`smt_catalog::Error`]s of kind `Connect`, `Auth`, `Permission`, `Query`, `Config`; the
//! password never appears in them. MySQL 8's `caching_sha2_password` full authentication needs
//! TLS (the `rsa` path of sqlx is not compiled in).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Mutex as StdMutex;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use futures_util::TryStreamExt;
use smt_catalog::{
    Error, ErrorKind, Filter, Result, SourceCatalog, SourceConfig, SourceFactory, SourceKind,
    Table, TableName,
};
use sqlx::mysql::{MySqlConnection, MySqlRow};
use sqlx::{AssertSqlSafe, Row};
use tokio::sync::Mutex;

pub mod check;
pub mod conn;
pub mod rows;
pub mod scope;
pub mod server;

pub use rows::{
    CatalogRows, CheckRow, ColumnGroups, ColumnRow, ConvertedColumn, KeyRow, TableHook, TableRow,
    assemble, assemble_groups,
};
pub use scope::SchemaScope;
pub use server::{Flavor, ServerInfo};

/// Opens [`MySqlCatalog`]s; register it for [`SourceKind::Mysql`].
#[derive(Debug, Clone, Copy, Default)]
pub struct MySqlSourceFactory;

#[async_trait]
impl SourceFactory for MySqlSourceFactory {
    async fn open(&self, config: &SourceConfig) -> Result<Box<dyn SourceCatalog>> {
        Ok(Box::new(MySqlCatalog::open(config).await?))
    }
}

/// How an adapter built on this one (TiDB) extends the MySQL catalog reads.
#[derive(Debug, Clone, Default)]
pub struct Extension {
    /// Extra `information_schema.TABLES` columns to read when the server has them (upper case;
    /// only columns listed in [`server::OPTIONAL_COLUMNS`] are probed); they arrive in
    /// [`TableRow::extras`].
    pub table_columns: Vec<&'static str>,
    /// Called for every assembled table (see [`TableHook`]).
    pub hook: Option<TableHook>,
}

/// A live MySQL / MariaDB catalog: one connection, plus a second one for concurrent heavy reads.
pub struct MySqlCatalog {
    conn: Mutex<MySqlConnection>,
    aux: Mutex<Aux>,
    config: SourceConfig,
    server: ServerInfo,
    extension: Extension,
    queries: AtomicU64,
    listed: StdMutex<HashMap<TableName, TableRow>>,
    checks: StdMutex<Vec<(SchemaScope, Vec<CheckRow>)>>,
}

impl std::fmt::Debug for MySqlCatalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MySqlCatalog")
            .field("address", &self.config.address())
            .field("user", &self.config.user)
            .field("server", &self.server)
            .field("queries", &self.queries.load(Ordering::Relaxed))
            .finish()
    }
}

/// `VERSION()` and the optional columns that exist. Both spellings of the schema name: TiDB
/// reports `INFORMATION_SCHEMA` and may compare case-sensitively; an `IN` list keeps MariaDB's
/// per-schema lookup (a function around `TABLE_SCHEMA` would make it read every table).
const PROBE_SQL: &str = "SELECT VERSION() AS v, NULL AS t, NULL AS c \
     UNION ALL \
     SELECT NULL, UPPER(TABLE_NAME), UPPER(COLUMN_NAME) FROM information_schema.COLUMNS \
     WHERE TABLE_SCHEMA IN ('information_schema', 'INFORMATION_SCHEMA') \
     AND TABLE_NAME IN ('COLUMNS', 'TABLES', 'CHECK_CONSTRAINTS', 'CLUSTER_INFO') \
     AND COLUMN_NAME IN ('GENERATION_EXPRESSION', 'DATETIME_PRECISION', 'CHECK_CLAUSE', \
     'TABLE_NAME', 'TIDB_PK_TYPE', 'TIDB_ROW_ID_SHARDING_INFO', 'INSTANCE')";

impl MySqlCatalog {
    /// Connect and identify the server (one catalog query).
    pub async fn open(config: &SourceConfig) -> Result<Self> {
        Self::open_with(config, Extension::default()).await
    }

    /// Connect with an [`Extension`].
    pub async fn open_with(config: &SourceConfig, extension: Extension) -> Result<Self> {
        let mut conn = conn::connect(config).await?;
        let rows = sqlx::query(PROBE_SQL)
            .persistent(true)
            .fetch_all(&mut conn)
            .await
            .map_err(|e| conn::query_error(config, e, "reading the server version"))?;
        let mut version = None;
        let mut columns = BTreeSet::new();
        for row in &rows {
            if let Some(v) = text(row, 0)? {
                version = Some(v);
            } else if let (Some(t), Some(c)) = (text(row, 1)?, text(row, 2)?) {
                columns.insert(format!("{t}.{c}"));
            }
        }
        let server = ServerInfo::new(version.unwrap_or_default(), columns);
        Ok(MySqlCatalog {
            conn: Mutex::new(conn),
            aux: Mutex::new(Aux::NotOpened),
            config: config.clone(),
            server,
            extension,
            queries: AtomicU64::new(1),
            listed: StdMutex::new(HashMap::new()),
            checks: StdMutex::new(Vec::new()),
        })
    }

    /// What the server said about itself.
    pub fn server(&self) -> &ServerInfo {
        &self.server
    }

    /// The settings this catalog was opened with.
    pub fn config(&self) -> &SourceConfig {
        &self.config
    }

    /// Run one catalog query on the main connection and return every value as text (NULL as
    /// `None`). `sql` must carry values only as `?` bind parameters (`binds`, in order); `doing`
    /// names the step in errors.
    pub async fn query_text(
        &self,
        sql: &str,
        binds: &[String],
        doing: &str,
    ) -> Result<Vec<Vec<Option<String>>>> {
        let mut conn = self.conn.lock().await;
        self.fetch(&mut conn, sql, binds, doing, |row| {
            (0..row.len()).map(|i| text(row, i)).collect()
        })
        .await
    }

    /// Run one query and convert its rows one by one as they arrive.
    async fn fetch<T: Send>(
        &self,
        conn: &mut MySqlConnection,
        sql: &str,
        binds: &[String],
        doing: &str,
        mut convert: impl FnMut(&MySqlRow) -> Result<T> + Send,
    ) -> Result<Vec<T>> {
        self.fold(conn, sql, binds, doing, Vec::new(), |acc, row| {
            acc.push(convert(row)?);
            Ok(())
        })
        .await
    }

    /// Run one query and fold its rows into `acc` as they arrive (no row is kept).
    async fn fold<A: Send>(
        &self,
        conn: &mut MySqlConnection,
        sql: &str,
        binds: &[String],
        doing: &str,
        mut acc: A,
        mut step: impl FnMut(&mut A, &MySqlRow) -> Result<()> + Send,
    ) -> Result<A> {
        self.queries.fetch_add(1, Ordering::Relaxed);
        // Keep the prepared statement (closed with the connection): a non-persistent one is
        // closed with COM_STMT_CLOSE, which has no reply, and the next query then waits ~40 ms
        // for a delayed ACK (Nagle; sqlx does not set TCP_NODELAY).
        let mut query = sqlx::query(AssertSqlSafe(sql.to_string())).persistent(true);
        for b in binds {
            query = query.bind(b.as_str());
        }
        let mut stream = query.fetch(conn);
        loop {
            match stream.try_next().await {
                Ok(Some(row)) => step(&mut acc, &row)?,
                Ok(None) => break,
                Err(e) => return Err(conn::query_error(&self.config, e, doing)),
            }
        }
        Ok(acc)
    }

    async fn tables_on(
        &self,
        conn: &mut MySqlConnection,
        scope: &SchemaScope,
    ) -> Result<Vec<TableRow>> {
        if scope.is_empty() {
            return Ok(Vec::new());
        }
        let (pred, binds) = scope.predicate("TABLE_SCHEMA");
        let extras: Vec<&'static str> = self
            .extension
            .table_columns
            .iter()
            .copied()
            .filter(|c| self.server.has_column("TABLES", c))
            .collect();
        let mut sql = String::from(
            "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, \
             CAST(TABLE_ROWS AS UNSIGNED), CAST(DATA_LENGTH AS UNSIGNED), \
             CAST(UNIX_TIMESTAMP(CREATE_TIME) AS SIGNED), TABLE_COLLATION, TABLE_COMMENT",
        );
        for c in &extras {
            sql.push_str(", ");
            sql.push_str(c);
        }
        sql.push_str(
            " FROM information_schema.TABLES \
             WHERE TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') AND ",
        );
        sql.push_str(&pred);
        self.fetch(
            conn,
            &sql,
            &binds,
            "reading information_schema.TABLES",
            |r| {
                let mut extra_values = BTreeMap::new();
                for (i, c) in extras.iter().enumerate() {
                    if let Some(v) = text(r, 9 + i)? {
                        extra_values.insert((*c).to_string(), v);
                    }
                }
                Ok(TableRow {
                    schema: text(r, 0)?.unwrap_or_default(),
                    name: text(r, 1)?.unwrap_or_default(),
                    table_type: text(r, 2)?.unwrap_or_default(),
                    engine: text(r, 3)?,
                    table_rows: uint(r, 4)?,
                    data_length: uint(r, 5)?,
                    create_time: int(r, 6)?,
                    collation: text(r, 7)?,
                    comment: text(r, 8)?,
                    extras: extra_values,
                })
            },
        )
        .await
    }

    async fn columns_on(
        &self,
        conn: &mut MySqlConnection,
        scope: &SchemaScope,
    ) -> Result<ColumnGroups> {
        if scope.is_empty() {
            return Ok(ColumnGroups::default());
        }
        let (pred, binds) = scope.predicate("TABLE_SCHEMA");
        let precision = if self.server.has_column("COLUMNS", "DATETIME_PRECISION") {
            "CAST(DATETIME_PRECISION AS UNSIGNED)"
        } else {
            "NULL"
        };
        let generation = if self.server.has_column("COLUMNS", "GENERATION_EXPRESSION") {
            "GENERATION_EXPRESSION"
        } else {
            "NULL"
        };
        let sql = format!(
            "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, CAST(ORDINAL_POSITION AS UNSIGNED), \
             COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, COLUMN_TYPE, \
             CAST(CHARACTER_MAXIMUM_LENGTH AS UNSIGNED), CAST(CHARACTER_OCTET_LENGTH AS UNSIGNED), \
             CAST(NUMERIC_PRECISION AS UNSIGNED), CAST(NUMERIC_SCALE AS UNSIGNED), {precision}, \
             CHARACTER_SET_NAME, COLLATION_NAME, EXTRA, COLUMN_COMMENT, {generation} \
             FROM information_schema.COLUMNS WHERE {pred}"
        );
        let flavor = self.server.flavor;
        let doing = "reading information_schema.COLUMNS";
        self.fold(
            conn,
            &sql,
            &binds,
            doing,
            ColumnGroups::default(),
            |acc, r| {
                let row = ColumnRow {
                    schema: text(r, 0)?.unwrap_or_default(),
                    table: text(r, 1)?.unwrap_or_default(),
                    name: text(r, 2)?.unwrap_or_default(),
                    ordinal: uint(r, 3)?.unwrap_or_default(),
                    default: text(r, 4)?,
                    nullable: text(r, 5)?.is_some_and(|v| v.eq_ignore_ascii_case("YES")),
                    data_type: text(r, 6)?.unwrap_or_default(),
                    column_type: text(r, 7)?.unwrap_or_default(),
                    char_max_length: uint(r, 8)?,
                    char_octet_length: uint(r, 9)?,
                    numeric_precision: uint(r, 10)?,
                    numeric_scale: uint(r, 11)?,
                    datetime_precision: uint(r, 12)?,
                    charset: text(r, 13)?,
                    collation: text(r, 14)?,
                    extra: text(r, 15)?.unwrap_or_default(),
                    comment: text(r, 16)?.unwrap_or_default(),
                    generation_expression: text(r, 17)?,
                };
                acc.push(flavor, row);
                Ok(())
            },
        )
        .await
    }

    async fn keys_on(
        &self,
        conn: &mut MySqlConnection,
        scope: &SchemaScope,
    ) -> Result<Vec<KeyRow>> {
        if scope.is_empty() {
            return Ok(Vec::new());
        }
        let (pred, binds) = scope.predicate("TABLE_SCHEMA");
        let sql = format!(
            "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, CAST(SEQ_IN_INDEX AS UNSIGNED), \
             COLUMN_NAME FROM information_schema.STATISTICS WHERE NON_UNIQUE = 0 AND {pred}"
        );
        self.fetch(
            conn,
            &sql,
            &binds,
            "reading information_schema.STATISTICS",
            |r| {
                Ok(KeyRow {
                    schema: text(r, 0)?.unwrap_or_default(),
                    table: text(r, 1)?.unwrap_or_default(),
                    index_name: text(r, 2)?.unwrap_or_default(),
                    seq_in_index: uint(r, 3)?.unwrap_or_default(),
                    column_name: text(r, 4)?,
                })
            },
        )
        .await
    }

    /// Whether this server needs the `CHECK_CONSTRAINTS` read (MariaDB JSON columns).
    fn needs_checks(&self) -> bool {
        self.server.flavor == Flavor::MariaDb
            && self.server.has_column("CHECK_CONSTRAINTS", "TABLE_NAME")
            && self.server.has_column("CHECK_CONSTRAINTS", "CHECK_CLAUSE")
    }

    async fn checks_on(
        &self,
        conn: &mut MySqlConnection,
        scope: &SchemaScope,
    ) -> Result<Vec<CheckRow>> {
        if scope.is_empty() || !self.needs_checks() {
            return Ok(Vec::new());
        }
        let (pred, binds) = scope.predicate("CONSTRAINT_SCHEMA");
        let sql = format!(
            "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE \
             FROM information_schema.CHECK_CONSTRAINTS \
             WHERE CHECK_CLAUSE LIKE '%json!_valid%' ESCAPE '!' AND {pred}"
        );
        self.fetch(
            conn,
            &sql,
            &binds,
            "reading information_schema.CHECK_CONSTRAINTS",
            |r| {
                Ok(CheckRow {
                    schema: text(r, 0)?.unwrap_or_default(),
                    table: text(r, 1)?.unwrap_or_default(),
                    name: text(r, 2)?.unwrap_or_default(),
                    clause: text(r, 3)?.unwrap_or_default(),
                })
            },
        )
        .await
    }

    async fn run_job(&self, conn: &mut MySqlConnection, job: &Job) -> Result<Output> {
        Ok(match job {
            Job::Tables(s) => Output::Tables(self.tables_on(conn, s).await?),
            Job::Columns(s) => Output::Columns(self.columns_on(conn, s).await?),
            Job::Keys(s) => Output::Keys(self.keys_on(conn, s).await?),
            Job::Checks(s) => Output::Checks(self.checks_on(conn, s).await?),
        })
    }

    async fn run_lane(&self, conn: &mut MySqlConnection, jobs: &[Job]) -> Result<Vec<Output>> {
        let mut out = Vec::with_capacity(jobs.len());
        for j in jobs {
            out.push(self.run_job(conn, j).await?);
        }
        Ok(out)
    }

    /// Run two lanes of catalog reads, concurrently when the second connection can be had.
    ///
    /// MariaDB and MySQL open every table to answer `TABLES` (sizes, creation time) and
    /// `CHECK_CONSTRAINTS`; on a big catalog each takes seconds of server time, so they go on
    /// different connections. The second connection is opened on first use, with the same
    /// settings and timeout; when it cannot be opened, both lanes run on the main connection.
    async fn run_lanes(&self, a: Vec<Job>, b: Vec<Job>) -> Result<Vec<Output>> {
        let mut main = self.conn.lock().await;
        if b.is_empty() || a.is_empty() {
            let all: Vec<Job> = a.into_iter().chain(b).collect();
            return self.run_lane(&mut main, &all).await;
        }
        let mut aux = self.aux.lock().await;
        if matches!(*aux, Aux::NotOpened) {
            *aux = match conn::connect(&self.config).await {
                Ok(c) => Aux::Open(Box::new(c)),
                Err(_) => Aux::Unavailable,
            };
        }
        match &mut *aux {
            Aux::Open(second) => {
                let (ra, rb) =
                    tokio::join!(self.run_lane(&mut main, &a), self.run_lane(second, &b));
                let mut out = ra?;
                out.extend(rb?);
                Ok(out)
            }
            _ => {
                let mut out = self.run_lane(&mut main, &a).await?;
                out.extend(self.run_lane(&mut main, &b).await?);
                Ok(out)
            }
        }
    }

    fn remember(&self, rows: &[TableRow]) {
        if let Ok(mut cache) = self.listed.lock() {
            for r in rows {
                cache.insert(r.table_name(), r.clone());
            }
        }
    }

    fn remembered(&self, tables: &[TableName]) -> Option<Vec<TableRow>> {
        let cache = self.listed.lock().ok()?;
        tables.iter().map(|t| cache.get(t).cloned()).collect()
    }

    fn remember_checks(&self, scope: SchemaScope, rows: Vec<CheckRow>) {
        if let Ok(mut cache) = self.checks.lock() {
            cache.push((scope, rows));
        }
    }

    /// Cached check rows for these schemas, when every one was covered by an earlier read.
    fn remembered_checks(&self, schemas: &BTreeSet<&str>) -> Option<Vec<CheckRow>> {
        let cache = self.checks.lock().ok()?;
        if !schemas
            .iter()
            .all(|s| cache.iter().any(|(scope, _)| scope.covers(s)))
        {
            return None;
        }
        Some(
            cache
                .iter()
                .flat_map(|(_, rows)| rows.iter())
                .filter(|r| schemas.contains(r.schema.as_str()))
                .cloned()
                .collect(),
        )
    }
}

/// One catalog read.
enum Job {
    Tables(SchemaScope),
    Columns(SchemaScope),
    Keys(SchemaScope),
    Checks(SchemaScope),
}

/// The rows of one catalog read.
enum Output {
    Tables(Vec<TableRow>),
    Columns(ColumnGroups),
    Keys(Vec<KeyRow>),
    Checks(Vec<CheckRow>),
}

/// The second connection's state.
enum Aux {
    NotOpened,
    Open(Box<MySqlConnection>),
    Unavailable,
}

#[async_trait]
impl SourceCatalog for MySqlCatalog {
    fn kind(&self) -> SourceKind {
        SourceKind::Mysql
    }

    async fn server_version(&self) -> Result<String> {
        Ok(self.server.version.clone())
    }

    async fn list_tables(&self, filter: &Filter) -> Result<Vec<TableName>> {
        let scope = SchemaScope::from_filter(filter);
        if scope.is_empty() {
            return Ok(Vec::new());
        }
        // The JSON checks are read now, next to TABLES: both make the server open every table.
        let mut lane_b = Vec::new();
        if self.needs_checks() {
            lane_b.push(Job::Checks(scope.clone()));
        }
        let mut rows = Vec::new();
        for out in self
            .run_lanes(vec![Job::Tables(scope.clone())], lane_b)
            .await?
        {
            match out {
                Output::Tables(t) => rows = t,
                Output::Checks(c) => self.remember_checks(scope.clone(), c),
                Output::Columns(_) | Output::Keys(_) => {}
            }
        }
        rows.retain(|r| filter.matches(&r.table_name()));
        self.remember(&rows);
        let mut names: Vec<TableName> = rows.iter().map(TableRow::table_name).collect();
        names.sort_by(|a, b| (&a.database, &a.name).cmp(&(&b.database, &b.name)));
        names.dedup();
        Ok(names)
    }

    async fn describe_tables(&self, tables: &[TableName]) -> Result<Vec<Table>> {
        if tables.is_empty() {
            return Ok(Vec::new());
        }
        let schemas: BTreeSet<&str> = tables.iter().map(|t| t.database.as_str()).collect();
        let scope = SchemaScope::names(schemas.iter().copied());
        let cached_tables = self.remembered(tables);
        let cached_checks = if self.needs_checks() {
            self.remembered_checks(&schemas)
        } else {
            Some(Vec::new())
        };
        // Heavy reads (TABLES, CHECK_CONSTRAINTS) on different lanes; light ones balance them.
        let mut lane_a = vec![Job::Columns(scope.clone())];
        let mut lane_b = vec![Job::Keys(scope.clone())];
        if cached_tables.is_none() {
            lane_a.insert(0, Job::Tables(scope.clone()));
        }
        if cached_checks.is_none() {
            lane_b.insert(0, Job::Checks(scope.clone()));
        }
        let mut table_rows = cached_tables.unwrap_or_default();
        let mut checks = cached_checks.unwrap_or_default();
        let mut columns = ColumnGroups::default();
        let mut keys = Vec::new();
        for out in self.run_lanes(lane_a, lane_b).await? {
            match out {
                Output::Tables(t) => {
                    self.remember(&t);
                    table_rows = t;
                }
                Output::Columns(c) => columns = c,
                Output::Keys(k) => keys = k,
                Output::Checks(c) => {
                    self.remember_checks(scope.clone(), c.clone());
                    checks = c;
                }
            }
        }
        Ok(assemble_groups(
            self.server.flavor,
            tables,
            table_rows,
            columns,
            keys,
            checks,
            self.extension.hook,
        ))
    }

    async fn preflight(
        &self,
        ctx: &smt_catalog::PreflightContext<'_>,
    ) -> Result<Vec<smt_catalog::CheckItem>> {
        check::preflight(self, ctx).await
    }

    fn query_count(&self) -> u64 {
        self.queries.load(Ordering::Relaxed)
    }
}

/// A value as text, whatever its SQL type (information_schema columns are `VARCHAR`,
/// `LONGTEXT` or binary strings depending on the server). NULL gives `None`.
fn text(row: &MySqlRow, i: usize) -> Result<Option<String>> {
    if let Ok(v) = row.try_get::<Option<Vec<u8>>, _>(i) {
        return Ok(v.map(|b| match String::from_utf8(b) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }));
    }
    if let Some(n) = number(row, i)? {
        return Ok(Some(n.to_string()));
    }
    Ok(None)
}

/// A signed or unsigned integer column as i128, or a numeric string parsed.
fn number(row: &MySqlRow, i: usize) -> Result<Option<i128>> {
    if let Ok(v) = row.try_get::<Option<u64>, _>(i) {
        return Ok(v.map(i128::from));
    }
    if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
        return Ok(v.map(i128::from));
    }
    if let Ok(v) = row.try_get::<Option<Vec<u8>>, _>(i) {
        return match v {
            None => Ok(None),
            Some(b) => std::str::from_utf8(&b)
                .ok()
                .and_then(|s| s.trim().parse::<i128>().ok())
                .map(Some)
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::Query,
                        format!("catalog column {i} is not a number"),
                    )
                }),
        };
    }
    Err(Error::new(
        ErrorKind::Query,
        format!("catalog column {i} has an unexpected type"),
    ))
}

fn uint(row: &MySqlRow, i: usize) -> Result<Option<u64>> {
    Ok(number(row, i)?.and_then(|n| u64::try_from(n).ok()))
}

fn int(row: &MySqlRow, i: usize) -> Result<Option<i64>> {
    Ok(number(row, i)?.and_then(|n| i64::try_from(n).ok()))
}
