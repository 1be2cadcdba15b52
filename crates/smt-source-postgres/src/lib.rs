//! # smt-source-postgres
//!
//! Live PostgreSQL source adapter for smt: reads `pg_catalog` over one sqlx [`PgConnection`] per
//! database (PostgreSQL catalogs are per database) and returns neutral [`smt_ir::Table`]s.
//!
//! - [`PostgresSourceFactory`] opens a [`PostgresSource`] from a [`SourceConfig`]
//!   (`[db] host/port/user/password`, `options["sslmode"]`, `options["maintenance_db"]`).
//! - Databases come from `pg_database` (no templates, `datallowconn` only) matched by the rules'
//!   `database` patterns; within a database the adapter sends a constant number of queries,
//!   whatever the number of tables (see [`PostgresSource::query_count`]).
//! - Types are parsed by [`smt_catalog::native::postgres`], the same code the pg_dump reader
//!   uses, so a live read and a dump of the same database give the same IR.
//!
//! This crate knows nothing about StarRocks or Flink.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use async_trait::async_trait;
use futures_util::TryStreamExt;
use smt_catalog::native::postgres::{PgTypeContext, parse_default, parse_format_type};
use smt_catalog::{
    Error, ErrorKind, Filter, Pattern, Result, SourceCatalog, SourceConfig, SourceFactory,
    SourceKind, Table, TableName,
};
use smt_ir::{Column, DataType, Generated, Key};
use sqlx::postgres::types::Oid;
use sqlx::postgres::{PgConnection, PgRow};
use sqlx::{Connection, Row};

pub mod check;
mod connect;
mod sql;

pub use connect::{SSL_MODES, parse_ssl_mode};

/// The database the adapter connects to first (to read `pg_database`) when
/// `options["maintenance_db"]` is not set.
pub const DEFAULT_MAINTENANCE_DB: &str = "postgres";

/// How many idle per-database connections the adapter keeps open between calls.
const MAX_IDLE_CONNECTIONS: usize = 8;

/// Opens [`PostgresSource`]s; register it for [`SourceKind::Pgsql`].
#[derive(Debug, Default, Clone, Copy)]
pub struct PostgresSourceFactory;

#[async_trait]
impl SourceFactory for PostgresSourceFactory {
    async fn open(&self, config: &SourceConfig) -> Result<Box<dyn SourceCatalog>> {
        Ok(Box::new(PostgresSource::connect(config.clone()).await?))
    }
}

/// What the first query of a session reports.
#[derive(Debug, Clone)]
struct SessionInfo {
    version: String,
    version_num: i32,
    encoding: String,
}

/// One open connection to one database.
struct Session {
    conn: PgConnection,
    info: SessionInfo,
}

/// A live PostgreSQL server, read through `pg_catalog`.
pub struct PostgresSource {
    config: SourceConfig,
    maintenance_db: String,
    version: String,
    idle: Mutex<BTreeMap<String, Session>>,
    queries: AtomicU64,
}

impl std::fmt::Debug for PostgresSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresSource")
            .field("config", &self.config)
            .field("maintenance_db", &self.maintenance_db)
            .field("version", &self.version)
            .finish()
    }
}

/// A row of [`sql::DATABASES`].
#[derive(Debug, Clone)]
struct DatabaseRow {
    name: String,
    template: bool,
    allow_conn: bool,
    can_connect: bool,
}

/// Name push-down for [`sql::TABLES`]: exact names or LIKE patterns, `None` for "any".
#[derive(Debug, Default, PartialEq, Eq)]
struct NamePushDown {
    exact: Option<Vec<String>>,
    like: Option<Vec<String>>,
}

impl PostgresSource {
    /// Connect to the maintenance database (`options["maintenance_db"]`, default `postgres`,
    /// falling back to `template1` when `postgres` does not exist) and check the server version.
    pub async fn connect(config: SourceConfig) -> Result<Self> {
        let chosen = config.option("maintenance_db").map(str::to_string);
        let mut source = PostgresSource {
            maintenance_db: chosen
                .clone()
                .unwrap_or_else(|| DEFAULT_MAINTENANCE_DB.to_string()),
            config,
            version: String::new(),
            idle: Mutex::new(BTreeMap::new()),
            queries: AtomicU64::new(0),
        };
        let session = match source.session(&source.maintenance_db.clone()).await {
            Ok(s) => s,
            Err(e) if e.kind() == ErrorKind::NotFound && chosen.is_none() => {
                source.maintenance_db = "template1".to_string();
                source.session("template1").await?
            }
            Err(e) => return Err(e),
        };
        if session.info.version_num < sql::MIN_VERSION_NUM {
            return Err(Error::new(
                ErrorKind::Unsupported,
                format!(
                    "PostgreSQL {} is older than 10, which this adapter needs; read a \
                     `pg_dump --schema-only` file with `[db] ddl_file` instead",
                    session.info.version
                ),
            ));
        }
        source.version = session.info.version.clone();
        let db = source.maintenance_db.clone();
        source.give_back(&db, session).await;
        Ok(source)
    }

    /// The database used to list `pg_database`.
    pub fn maintenance_db(&self) -> &str {
        &self.maintenance_db
    }

    /// Close every idle connection politely.
    pub async fn close(&self) {
        let sessions: Vec<Session> = std::mem::take(&mut *self.lock_idle())
            .into_values()
            .collect();
        for s in sessions {
            let _ = s.conn.close().await;
        }
    }

    fn lock_idle(&self) -> MutexGuard<'_, BTreeMap<String, Session>> {
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn counted(&self) {
        self.queries.fetch_add(1, Ordering::Relaxed);
    }

    fn query_error(&self, e: sqlx::Error, database: &str, what: &str) -> Error {
        connect::map_error(e, &self.config, Some(database))
            .context(format!("{what} in database `{database}`"))
    }

    /// An open session on `database`: an idle one, or a new connection.
    async fn session(&self, database: &str) -> Result<Session> {
        if let Some(s) = self.lock_idle().remove(database) {
            return Ok(s);
        }
        let mut conn = connect::connect(&self.config, database).await?;
        self.counted();
        let row = sqlx::query(sql::SETUP)
            .fetch_one(&mut conn)
            .await
            .map_err(|e| self.query_error(e, database, "setting up the session"))?;
        let info = SessionInfo {
            version: get(&row, "version", database)?,
            version_num: get(&row, "version_num", database)?,
            encoding: get(&row, "encoding", database)?,
        };
        Ok(Session { conn, info })
    }

    /// Keep a session for later, or close it when enough are idle.
    async fn give_back(&self, database: &str, session: Session) {
        let overflow = {
            let mut idle = self.lock_idle();
            if idle.len() < MAX_IDLE_CONNECTIONS || idle.contains_key(database) {
                idle.insert(database.to_string(), session);
                None
            } else {
                Some(session)
            }
        };
        if let Some(s) = overflow {
            let _ = s.conn.close().await;
        }
    }

    async fn databases(&self) -> Result<Vec<DatabaseRow>> {
        let db = self.maintenance_db.clone();
        let mut s = self.session(&db).await?;
        self.counted();
        let rows = sqlx::query(sql::DATABASES)
            .fetch_all(&mut s.conn)
            .await
            .map_err(|e| self.query_error(e, &db, "listing databases"))?;
        self.give_back(&db, s).await;
        rows.iter()
            .map(|r| {
                Ok(DatabaseRow {
                    name: get(r, "datname", &db)?,
                    template: get(r, "datistemplate", &db)?,
                    allow_conn: get(r, "datallowconn", &db)?,
                    can_connect: get(r, "can_connect", &db)?,
                })
            })
            .collect()
    }

    /// The databases the filter selects; a literal database name that the server does not have
    /// (or that cannot be read) is an error.
    async fn matched_databases(&self, filter: &Filter) -> Result<Vec<String>> {
        let all = self.databases().await?;
        for rule in &filter.rules {
            let Some(name) = rule.database.literal() else {
                continue;
            };
            match all.iter().find(|d| d.name == name) {
                None => {
                    let readable: Vec<&str> = all
                        .iter()
                        .filter(|d| !d.template && d.allow_conn)
                        .map(|d| d.name.as_str())
                        .collect();
                    let mut there = readable
                        .iter()
                        .take(20)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ");
                    if readable.len() > 20 {
                        there.push_str(&format!(" and {} more", readable.len() - 20));
                    }
                    return Err(Error::new(
                        ErrorKind::NotFound,
                        format!(
                            "database `{name}` (table rule database `{}`) does not exist on {}; \
                             databases there: {}",
                            rule.database.as_str(),
                            self.config.address(),
                            there
                        ),
                    ));
                }
                Some(d) if d.template || !d.allow_conn => {
                    return Err(Error::new(
                        ErrorKind::NotFound,
                        format!(
                            "database `{name}` is a template or does not allow connections; \
                             it has no tables to migrate"
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
        let literals: Vec<String> = filter
            .rules
            .iter()
            .filter_map(|r| r.database.literal())
            .collect();
        let mut out = Vec::new();
        let mut denied = Vec::new();
        for d in all {
            if d.template || !d.allow_conn || !filter.matches_database(&d.name) {
                continue;
            }
            if d.can_connect {
                out.push(d.name);
            } else if literals.contains(&d.name) {
                return Err(self.no_connect(&d.name));
            } else {
                // Selected only by a regex (`.*` on a shared server also meets databases such
                // as a provider's admin database): skip it, unless nothing readable is left.
                denied.push(d.name);
            }
        }
        if out.is_empty()
            && let Some(first) = denied.first()
        {
            return Err(self.no_connect(first));
        }
        Ok(out)
    }

    fn no_connect(&self, database: &str) -> Error {
        Error::new(
            ErrorKind::Permission,
            format!(
                "user `{}` lacks CONNECT on database `{database}`, which a table rule selects \
                 (GRANT CONNECT ON DATABASE ... or narrow the rule's `database` pattern)",
                self.config.user
            ),
        )
    }

    /// The tables of one database matched by the filter.
    async fn list_in_database(&self, database: &str, filter: &Filter) -> Result<Vec<TableName>> {
        let rules: Vec<_> = filter
            .rules
            .iter()
            .filter(|r| r.matches_database(database))
            .collect();
        let schema_pd = push_down(rules.iter().map(|r| r.schema.as_ref()));
        let table_pd = push_down(rules.iter().map(|r| Some(&r.table)));
        let mut s = self.session(database).await?;
        self.counted();
        let rows = sqlx::query(sql::TABLES)
            .bind(schema_pd.exact)
            .bind(schema_pd.like)
            .bind(table_pd.exact)
            .bind(table_pd.like)
            .fetch_all(&mut s.conn)
            .await
            .map_err(|e| self.query_error(e, database, "listing tables"))?;
        self.give_back(database, s).await;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let name = TableName::with_schema(
                database,
                get::<String>(r, "nspname", database)?,
                get::<String>(r, "relname", database)?,
            );
            if filter.matches(&name) {
                out.push(name);
            }
        }
        Ok(out)
    }

    /// Describe the wanted tables of one database with a constant number of queries.
    async fn describe_in_database(
        &self,
        database: &str,
        wanted: &[(String, String)],
    ) -> Result<Vec<Table>> {
        let mut s = self.session(database).await?;
        let result = self.describe_with(&mut s, database, wanted).await;
        if result.is_ok() {
            self.give_back(database, s).await;
        }
        result
    }

    async fn describe_with(
        &self,
        s: &mut Session,
        database: &str,
        wanted: &[(String, String)],
    ) -> Result<Vec<Table>> {
        let ctx = self.type_context(s, database).await?;

        // Tables.
        let schemas: Vec<&str> = wanted.iter().map(|w| w.0.as_str()).collect();
        let names: Vec<&str> = wanted.iter().map(|w| w.1.as_str()).collect();
        self.counted();
        let rows = sqlx::query(sql::DESCRIBE_TABLES)
            .bind(&schemas)
            .bind(&names)
            .fetch_all(&mut s.conn)
            .await
            .map_err(|e| self.query_error(e, database, "describing tables"))?;
        let mut tables: Vec<Table> = Vec::with_capacity(rows.len());
        let mut index: BTreeMap<u32, usize> = BTreeMap::new();
        for r in &rows {
            let oid: Oid = get(r, "oid", database)?;
            let mut t = Table::new(TableName::with_schema(
                database,
                get::<String>(r, "nspname", database)?,
                get::<String>(r, "relname", database)?,
            ));
            t.comment = get(r, "comment", database)?;
            t.size.bytes = get::<Option<i64>>(r, "bytes", database)?.and_then(non_negative);
            t.size.rows = get::<Option<i64>>(r, "reltuples", database)?.and_then(non_negative);
            t.partition_columns = get(r, "partition_columns", database)?;
            index.insert(oid.0, tables.len());
            tables.push(t);
        }
        drop(rows);
        if tables.is_empty() {
            return Ok(tables);
        }
        let oids: Vec<Oid> = index.keys().map(|o| Oid(*o)).collect();

        // Column types: each distinct (type, typmod) spelled and parsed once.
        self.counted();
        let rows = sqlx::query(sql::COLUMN_TYPES)
            .bind(&oids)
            .fetch_all(&mut s.conn)
            .await
            .map_err(|e| self.query_error(e, database, "reading column types"))?;
        let mut types: BTreeMap<(u32, i32), ParsedType> = BTreeMap::new();
        for r in &rows {
            let oid: Oid = get(r, "atttypid", database)?;
            let typmod: i32 = get(r, "atttypmod", database)?;
            let native: String = get(r, "native", database)?;
            types.insert((oid.0, typmod), ParsedType::new(native, &ctx));
        }
        drop(rows);

        // Columns, streamed: a large schema never sits in memory as rows.
        self.counted();
        let columns_sql = sql::columns(s.info.version_num);
        let mut columns: Vec<Vec<(i16, Column)>> = vec![Vec::new(); tables.len()];
        {
            let mut stream = sqlx::query(columns_sql).bind(&oids).fetch(&mut s.conn);
            while let Some(r) = stream
                .try_next()
                .await
                .map_err(|e| self.query_error(e, database, "reading columns"))?
            {
                let oid: Oid = get(&r, "attrelid", database)?;
                let Some(&i) = index.get(&oid.0) else {
                    continue;
                };
                let attnum: i16 = get(&r, "attnum", database)?;
                columns[i].push((attnum, column_from_row(&r, &types, database)?));
            }
        }
        for (t, mut cols) in tables.iter_mut().zip(columns) {
            cols.sort_by_key(|c| c.0);
            t.columns = cols.into_iter().map(|c| c.1).collect();
        }

        // Keys.
        self.counted();
        let keys_sql = sql::keys(s.info.version_num);
        let rows = sqlx::query(keys_sql)
            .bind(&oids)
            .fetch_all(&mut s.conn)
            .await
            .map_err(|e| self.query_error(e, database, "reading keys"))?;
        let mut found: BTreeMap<usize, Vec<(u8, String, Vec<String>)>> = BTreeMap::new();
        for r in &rows {
            let oid: Oid = get(r, "relid", database)?;
            let Some(&i) = index.get(&oid.0) else {
                continue;
            };
            let kind: String = get(r, "kind", database)?;
            let rank = match kind.as_str() {
                "p" => 0,
                "u" => 1,
                _ => 2,
            };
            let columns: Vec<String> = get(r, "columns", database)?;
            if columns.is_empty() {
                continue;
            }
            found
                .entry(i)
                .or_default()
                .push((rank, get(r, "name", database)?, columns));
        }
        for (i, mut keys) in found {
            // Primary key, then unique constraints by name, then unique indexes by name.
            keys.sort();
            for (rank, name, columns) in keys {
                let key = Key::new(Some(name), columns);
                if rank == 0 && tables[i].primary_key.is_none() {
                    tables[i].primary_key = Some(key);
                } else {
                    tables[i].unique_keys.push(key);
                }
            }
        }
        Ok(tables)
    }

    /// Enums and domains of the database, for the type parser.
    async fn type_context(&self, s: &mut Session, database: &str) -> Result<PgTypeContext> {
        let mut ctx = PgTypeContext::with_encoding(&s.info.encoding);
        self.counted();
        let rows = sqlx::query(sql::ENUMS)
            .fetch_all(&mut s.conn)
            .await
            .map_err(|e| self.query_error(e, database, "reading enum types"))?;
        for r in &rows {
            let schema: String = get(r, "nspname", database)?;
            let name: String = get(r, "typname", database)?;
            let labels: Vec<String> = get(r, "labels", database)?;
            ctx.enums.insert(name.clone(), labels.clone());
            ctx.enums.insert(format!("{schema}.{name}"), labels);
        }
        self.counted();
        let rows = sqlx::query(sql::DOMAINS)
            .fetch_all(&mut s.conn)
            .await
            .map_err(|e| self.query_error(e, database, "reading domains"))?;
        for r in &rows {
            let schema: String = get(r, "nspname", database)?;
            let name: String = get(r, "typname", database)?;
            let base: String = get(r, "base", database)?;
            ctx.domains.insert(name.clone(), base.clone());
            ctx.domains.insert(format!("{schema}.{name}"), base);
        }
        Ok(ctx)
    }
}

#[async_trait]
impl SourceCatalog for PostgresSource {
    fn kind(&self) -> SourceKind {
        SourceKind::Pgsql
    }

    async fn server_version(&self) -> Result<String> {
        Ok(self.version.clone())
    }

    async fn preflight(
        &self,
        ctx: &smt_catalog::PreflightContext<'_>,
    ) -> Result<Vec<smt_catalog::CheckItem>> {
        check::preflight(self, ctx).await
    }

    async fn list_tables(&self, filter: &Filter) -> Result<Vec<TableName>> {
        let mut out = Vec::new();
        for db in self.matched_databases(filter).await? {
            out.extend(self.list_in_database(&db, filter).await?);
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    async fn describe_tables(&self, tables: &[TableName]) -> Result<Vec<Table>> {
        let mut by_db: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
        for t in tables {
            by_db.entry(t.database.as_str()).or_default().push((
                t.schema.clone().unwrap_or_else(|| "public".to_string()),
                t.name.clone(),
            ));
        }
        let mut described: BTreeMap<TableName, Table> = BTreeMap::new();
        for (db, wanted) in by_db {
            for t in self.describe_in_database(db, &wanted).await? {
                described.insert(t.name.clone(), t);
            }
        }
        let mut out = Vec::with_capacity(described.len());
        for t in tables {
            let key = if t.schema.is_some() {
                t.clone()
            } else {
                TableName::with_schema(t.database.clone(), "public", t.name.clone())
            };
            if let Some(table) = described.remove(&key) {
                out.push(table);
            }
        }
        Ok(out)
    }

    fn query_count(&self) -> u64 {
        self.queries.load(Ordering::Relaxed)
    }
}

/// Read a column of a catalog row, turning a decode failure into a query error.
fn get<'r, T>(row: &'r PgRow, column: &str, database: &str) -> Result<T>
where
    T: sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
{
    row.try_get(column).map_err(|e| {
        Error::new(
            ErrorKind::Query,
            format!("unexpected catalog value in `{column}`: {e}"),
        )
        .context(format!("reading the catalog of database `{database}`"))
    })
}

fn non_negative(v: i64) -> Option<u64> {
    u64::try_from(v).ok()
}

/// Whether a default expression takes values from a sequence (a `serial` column).
fn is_nextval(expr: &str) -> bool {
    let e = expr.trim_start();
    let e = e.strip_prefix("pg_catalog.").unwrap_or(e);
    e.len() >= 8 && e[..8].eq_ignore_ascii_case("nextval(")
}

/// A column type as `format_type` spells it, parsed once.
#[derive(Debug, Clone)]
struct ParsedType {
    native: String,
    data_type: DataType,
    domain: Option<String>,
}

impl ParsedType {
    fn new(native: String, ctx: &PgTypeContext) -> Self {
        match parse_format_type(&native, ctx) {
            Ok(p) => ParsedType {
                native,
                data_type: p.data_type,
                domain: p.domain,
            },
            // The server produced this text itself; keep the column and say what it was.
            Err(_) => ParsedType {
                data_type: DataType::Other {
                    native: native.clone(),
                },
                native,
                domain: None,
            },
        }
    }
}

/// Build an IR column from a row of [`sql::columns`].
fn column_from_row(
    r: &PgRow,
    types: &BTreeMap<(u32, i32), ParsedType>,
    database: &str,
) -> Result<Column> {
    let name: String = get(r, "attname", database)?;
    let typid: Oid = get(r, "atttypid", database)?;
    let typmod: i32 = get(r, "atttypmod", database)?;
    let not_null: bool = get(r, "attnotnull", database)?;
    let identity: String = get(r, "identity", database)?;
    let generated: String = get(r, "generated", database)?;
    let ndims: i32 = get(r, "ndims", database)?;
    let default_expr: Option<String> = get(r, "default_expr", database)?;

    let Some(parsed) = types.get(&(typid.0, typmod)) else {
        return Err(Error::new(
            ErrorKind::Query,
            format!(
                "column `{name}` has a type (oid {}, typmod {typmod}) that changed while it was \
                 read; run again",
                typid.0
            ),
        )
        .context(format!("reading the catalog of database `{database}`")));
    };
    let mut data_type = parsed.data_type.clone();
    let native = parsed.native.clone();
    let domain = parsed.domain.clone();
    // format_type writes `integer[]` whatever the declared dimensions; attndims keeps them.
    if let DataType::Array { dimensions, .. } = &mut data_type
        && let Ok(n) = u32::try_from(ndims)
        && n > *dimensions
    {
        *dimensions = n;
    }

    let mut column = Column::new(name, data_type, native);
    column.nullable = !not_null;
    column.comment = get(r, "comment", database)?;
    column.collation = get(r, "collation", database)?;
    if let Some(d) = domain {
        column.facts.insert("pg.domain".into(), d);
    }
    if !identity.is_empty() {
        column.auto_increment = true;
    }
    match default_expr {
        Some(expr) if generated == "s" => {
            column.generated = Some(Generated {
                expression: expr,
                stored: true,
            });
        }
        Some(expr) if is_nextval(&expr) => column.auto_increment = true,
        Some(expr) => column.default = parse_default(&expr),
        None => {}
    }
    Ok(column)
}

/// Escape `%`, `_` and `\` for a LIKE pattern with the default escape character.
fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 1);
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// What can be pushed to the server for one name level, given each relevant rule's pattern
/// (`None` = the rule does not restrict this level). Only exact names and anchored literal
/// prefixes are pushed; the client-side match stays authoritative.
fn push_down<'a>(patterns: impl Iterator<Item = Option<&'a Pattern>>) -> NamePushDown {
    let patterns: Vec<Option<&Pattern>> = patterns.collect();
    if patterns.is_empty() {
        return NamePushDown::default();
    }
    let mut exact = Some(Vec::new());
    let mut like = Some(Vec::new());
    for p in &patterns {
        let Some(p) = p else {
            return NamePushDown::default();
        };
        match (exact.as_mut(), p.literal()) {
            (Some(v), Some(l)) => v.push(l),
            _ => exact = None,
        }
        // A top-level alternation (`^a|b`) has no common prefix.
        let prefix = if p.as_str().contains('|') {
            None
        } else {
            p.prefix()
        };
        match (like.as_mut(), prefix) {
            (Some(v), Some(pre)) => v.push(format!("{}%", like_escape(&pre))),
            _ => like = None,
        }
    }
    if let Some(mut v) = exact {
        v.sort();
        v.dedup();
        return NamePushDown {
            exact: Some(v),
            like: None,
        };
    }
    if let Some(v) = like.as_mut() {
        v.sort();
        v.dedup();
    }
    NamePushDown { exact: None, like }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn p(s: &str) -> Pattern {
        Pattern::new(s).unwrap()
    }

    #[test]
    fn push_down_literals_prefixes_and_regexes() {
        let a = p("^public$");
        let b = p("^s_1$");
        let pd = push_down([Some(&a), Some(&b)].into_iter());
        assert_eq!(pd.exact, Some(vec!["public".into(), "s_1".into()]));
        assert_eq!(pd.like, None);

        let c = p(r"^s_\d+$");
        let pd = push_down([Some(&a), Some(&c)].into_iter());
        assert_eq!(pd.exact, None);
        assert_eq!(pd.like, Some(vec!["public%".into(), "s\\_%".into()]));

        let d = p("orders");
        assert_eq!(
            push_down([Some(&a), Some(&d)].into_iter()),
            NamePushDown::default()
        );
        assert_eq!(
            push_down([Some(&a), None].into_iter()),
            NamePushDown::default()
        );
        let e = p("^ab|cd$");
        assert_eq!(push_down([Some(&e)].into_iter()), NamePushDown::default());
        assert_eq!(push_down(std::iter::empty()), NamePushDown::default());
    }

    #[test]
    fn nextval_detection() {
        assert!(is_nextval("nextval('t_id_seq'::regclass)"));
        assert!(is_nextval("pg_catalog.nextval('public.\"T\"'::regclass)"));
        assert!(!is_nextval("'nextval'::text"));
        assert!(!is_nextval("now()"));
    }

    #[test]
    fn like_escapes() {
        assert_eq!(like_escape(r"a_b%c\d"), r"a\_b\%c\\d");
    }
}
