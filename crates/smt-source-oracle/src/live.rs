//! The live half: the `oracle` crate (ODPI-C over Oracle Instant Client), run on tokio's
//! blocking pool. Only compiled with the `oracle-client` feature.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use async_trait::async_trait;
use oracle::sql_type::ToSql;
use oracle::{Connection, Connector, Row};
use smt_catalog::{
    Error, ErrorKind, Filter, Result, SourceCatalog, SourceConfig, SourceKind, Table, TableName,
    redact,
};

use crate::errors::{is_missing_client, missing_client, ora_error};
use crate::model::{self, Charsets, ColumnRow, KeyRow, KeySource, TableRow};
use crate::sql;

/// What the adapter learnt about one service when it first connected.
#[derive(Debug, Clone)]
struct ServiceInfo {
    banner: String,
    major: i32,
    cdb_name: Option<String>,
    charsets: Charsets,
}

/// A live Oracle database, read through the `ALL_*` dictionary views.
///
/// Every table rule's `database` is used literally as the service name to connect to
/// (`//host:port/<database>`; a `^NAME$` pattern counts as `NAME`), as the original tool did: a
/// PDB's service name in a CDB, the database's service name otherwise.
pub struct OracleSource {
    pub(crate) config: SourceConfig,
    services: Mutex<BTreeMap<String, ServiceInfo>>,
    queries: Arc<AtomicU64>,
}

impl std::fmt::Debug for OracleSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OracleSource")
            .field("config", &self.config)
            .finish()
    }
}

/// Check that the Oracle client library can be loaded.
pub(crate) fn check_client() -> Result<()> {
    match oracle::Version::client() {
        Ok(_) => Ok(()),
        Err(e) => {
            let text = e.to_string();
            if is_missing_client(e.dpi_code(), &text) {
                Err(missing_client(&text))
            } else {
                Err(Error::new(
                    ErrorKind::Unsupported,
                    format!("the Oracle client library cannot be initialised: {text}"),
                ))
            }
        }
    }
}

fn map_error(e: &oracle::Error, config: &SourceConfig, service: Option<&str>) -> Error {
    let text = redact(&e.to_string(), config.password.expose());
    if is_missing_client(e.dpi_code(), &text) {
        return missing_client(&text);
    }
    match e.oci_code() {
        Some(code) => ora_error(code, &text, &config.address(), service),
        None => Error::new(ErrorKind::Query, text),
    }
}

impl OracleSource {
    /// Check the client library and, when `options["service_name"]` is set, connect to that
    /// service to check the credentials and read the version and CDB facts.
    pub async fn connect(config: SourceConfig) -> Result<Self> {
        tokio::task::spawn_blocking(check_client)
            .await
            .map_err(|e| Error::new(ErrorKind::Other, format!("client check panicked: {e}")))??;
        let source = OracleSource {
            config,
            services: Mutex::new(BTreeMap::new()),
            queries: Arc::new(AtomicU64::new(0)),
        };
        if let Some(service) = source.config.option("service_name").map(str::to_string) {
            source.info(&service).await?;
        }
        Ok(source)
    }

    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, ServiceInfo>> {
        self.services.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Run `work` on a fresh connection to `service`, on the blocking pool; the connect itself
    /// is bounded by the configured connect timeout.
    pub(crate) async fn with_connection<T, F>(&self, service: &str, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection, &Ctx) -> Result<T> + Send + 'static,
    {
        let ctx = Ctx {
            config: self.config.clone(),
            service: service.to_string(),
            queries: Arc::clone(&self.queries),
        };
        let what = format!(
            "connecting to Oracle at {} (service `{service}`, user `{}`)",
            self.config.address(),
            self.config.user
        );
        let connect_ctx = ctx.clone();
        let connecting = tokio::task::spawn_blocking(move || connect_ctx.connect());
        let conn = match tokio::time::timeout(self.config.connect_timeout, connecting).await {
            Ok(Ok(Ok(c))) => c,
            Ok(Ok(Err(e))) => return Err(e.context(what)),
            Ok(Err(e)) => {
                return Err(Error::new(
                    ErrorKind::Other,
                    format!("connect panicked: {e}"),
                ));
            }
            Err(_) => {
                return Err(Error::new(
                    ErrorKind::Connect,
                    format!(
                        "no answer within {:.1} s (check host, port and firewall; raise the \
                         connect timeout for a slow network)",
                        self.config.connect_timeout.as_secs_f64()
                    ),
                )
                .context(what));
            }
        };
        tokio::task::spawn_blocking(move || {
            let out = work(&conn, &ctx);
            let _ = conn.close();
            out
        })
        .await
        .map_err(|e| Error::new(ErrorKind::Other, format!("catalog read panicked: {e}")))?
    }

    /// The facts of a service, read once.
    async fn info(&self, service: &str) -> Result<ServiceInfo> {
        if let Some(i) = self.lock().get(service) {
            return Ok(i.clone());
        }
        let info = self
            .with_connection(service, |conn, ctx| ctx.session_info(conn))
            .await?;
        self.lock().insert(service.to_string(), info.clone());
        Ok(info)
    }
}

/// What a blocking closure needs.
#[derive(Clone)]
pub(crate) struct Ctx {
    config: SourceConfig,
    service: String,
    queries: Arc<AtomicU64>,
}

impl Ctx {
    fn connect_string(&self) -> String {
        format!(
            "//{}:{}/{}",
            self.config.host, self.config.port, self.service
        )
    }

    fn connect(&self) -> Result<Connection> {
        Connector::new(
            self.config.user.as_str(),
            self.config.password.expose(),
            self.connect_string(),
        )
        .connect()
        .map_err(|e| map_error(&e, &self.config, Some(&self.service)))
    }

    fn err(&self, e: &oracle::Error, what: &str) -> Error {
        map_error(e, &self.config, Some(&self.service))
            .context(format!("{what} in service `{}`", self.service))
    }

    pub(crate) fn rows(
        &self,
        conn: &Connection,
        text: &str,
        params: &[&dyn ToSql],
        what: &str,
    ) -> Result<Vec<Row>> {
        self.queries.fetch_add(1, Ordering::Relaxed);
        let rs = conn.query(text, params).map_err(|e| self.err(&e, what))?;
        rs.collect::<std::result::Result<Vec<Row>, _>>()
            .map_err(|e| self.err(&e, what))
    }

    fn session_info(&self, conn: &Connection) -> Result<ServiceInfo> {
        let (version, _) = conn
            .server_version()
            .map_err(|e| self.err(&e, "reading the server version"))?;
        let banner = match self.rows(conn, sql::BANNER, &[], "reading V$VERSION") {
            Ok(rows) => rows
                .first()
                .and_then(|r| r.get::<usize, Option<String>>(0).ok().flatten())
                .unwrap_or_else(|| format!("Oracle Database {version}")),
            // No SELECT on V$VERSION: the client's view of the version is enough.
            Err(_) => format!("Oracle Database {version}"),
        };
        let cdb_name = match self.rows(conn, sql::CDB, &[], "reading V$DATABASE") {
            Ok(rows) => rows.first().and_then(|r| {
                let cdb: Option<String> = r.get(0).ok().flatten();
                let name: Option<String> = r.get(1).ok().flatten();
                if cdb.as_deref() == Some("YES") {
                    name
                } else {
                    None
                }
            }),
            // 11g has no CDB column; a missing grant leaves the CDB unknown (non-CDB form).
            Err(_) => None,
        };
        let mut charsets = Charsets::default();
        for r in self.rows(conn, sql::CHARSETS, &[], "reading the character sets")? {
            let p: Option<String> = r.get(0).map_err(|e| self.err(&e, "reading"))?;
            let v: Option<String> = r.get(1).map_err(|e| self.err(&e, "reading"))?;
            match (p.as_deref(), v) {
                (Some("NLS_CHARACTERSET"), Some(v)) => charsets.database = v,
                (Some("NLS_NCHAR_CHARACTERSET"), Some(v)) => charsets.national = v,
                _ => {}
            }
        }
        Ok(ServiceInfo {
            banner,
            major: version.major(),
            cdb_name,
            charsets,
        })
    }

    fn describe(
        &self,
        conn: &Connection,
        info: &ServiceInfo,
        wanted: &[TableName],
    ) -> Result<Vec<Table>> {
        let owners: Vec<String> = wanted
            .iter()
            .filter_map(|t| t.schema.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if owners.is_empty() {
            return Ok(Vec::new());
        }
        let n = owners.len();
        let params: Vec<&dyn ToSql> = owners.iter().map(|o| o as &dyn ToSql).collect();
        let want: BTreeSet<(&str, &str)> = wanted
            .iter()
            .map(|t| (t.schema.as_deref().unwrap_or(""), t.name.as_str()))
            .collect();
        let wanted_row = |o: &str, t: &str| -> bool { want.contains(&(o, t)) };

        let mut tables = Vec::new();
        for r in self.rows(conn, &sql::tables(n), &params, "reading ALL_TABLES")? {
            let row = TableRow {
                owner: s(&r, 0, self)?,
                table_name: s(&r, 1, self)?,
                comment: os(&r, 2, self)?,
                num_rows: oi(&r, 3, self)?,
                avg_row_len: oi(&r, 4, self)?,
                partitioned: os(&r, 5, self)?.is_some_and(|v| v.trim() == "YES"),
                temporary: os(&r, 6, self)?.is_some_and(|v| v.trim() == "Y"),
            };
            if wanted_row(&row.owner, &row.table_name) {
                tables.push(row);
            }
        }
        let mut columns = Vec::new();
        let has_identity = info.major >= 12;
        for r in self.rows(
            conn,
            &sql::columns(n, has_identity),
            &params,
            "reading ALL_TAB_COLS",
        )? {
            let row = ColumnRow {
                owner: s(&r, 0, self)?,
                table_name: s(&r, 1, self)?,
                column_id: oi(&r, 2, self)?.unwrap_or(0),
                column_name: s(&r, 3, self)?,
                data_type: os(&r, 4, self)?.unwrap_or_default(),
                data_type_owner: os(&r, 5, self)?,
                data_length: oi(&r, 6, self)?.unwrap_or(0),
                data_precision: oi(&r, 7, self)?,
                data_scale: oi(&r, 8, self)?,
                char_length: oi(&r, 9, self)?.unwrap_or(0),
                char_used: os(&r, 10, self)?,
                nullable: os(&r, 11, self)?.as_deref() != Some("N"),
                data_default: os(&r, 12, self)?,
                identity: os(&r, 13, self)?.as_deref() == Some("YES"),
                virtual_column: os(&r, 14, self)?.as_deref() == Some("YES"),
                comment: os(&r, 15, self)?,
            };
            if wanted_row(&row.owner, &row.table_name) {
                columns.push(row);
            }
        }
        let mut keys = Vec::new();
        for r in self.rows(
            conn,
            &sql::constraint_keys(n),
            &params,
            "reading ALL_CONSTRAINTS",
        )? {
            let kind = os(&r, 3, self)?;
            let row = KeyRow {
                owner: s(&r, 0, self)?,
                table_name: s(&r, 1, self)?,
                key_name: s(&r, 2, self)?,
                source: if kind.as_deref() == Some("P") {
                    KeySource::Primary
                } else {
                    KeySource::Unique
                },
                enabled: os(&r, 4, self)?.as_deref() == Some("ENABLED"),
                position: oi(&r, 5, self)?.unwrap_or(0),
                column_name: s(&r, 6, self)?,
                function_based: false,
            };
            if wanted_row(&row.owner, &row.table_name) {
                keys.push(row);
            }
        }
        for r in self.rows(conn, &sql::index_keys(n), &params, "reading ALL_INDEXES")? {
            let row = KeyRow {
                owner: s(&r, 0, self)?,
                table_name: s(&r, 1, self)?,
                key_name: s(&r, 2, self)?,
                source: KeySource::UniqueIndex,
                enabled: os(&r, 3, self)?.as_deref() != Some("UNUSABLE"),
                function_based: os(&r, 4, self)?.is_some_and(|t| t.starts_with("FUNCTION-BASED")),
                position: oi(&r, 5, self)?.unwrap_or(0),
                column_name: s(&r, 6, self)?,
            };
            if wanted_row(&row.owner, &row.table_name) {
                keys.push(row);
            }
        }
        Ok(model::build_tables(
            &self.service,
            &info.charsets,
            &tables,
            &columns,
            &keys,
        ))
    }
}

fn os(r: &Row, i: usize, ctx: &Ctx) -> Result<Option<String>> {
    r.get::<usize, Option<String>>(i)
        .map_err(|e| ctx.err(&e, "reading a dictionary row"))
}

fn s(r: &Row, i: usize, ctx: &Ctx) -> Result<String> {
    Ok(os(r, i, ctx)?.unwrap_or_default())
}

fn oi(r: &Row, i: usize, ctx: &Ctx) -> Result<Option<i64>> {
    r.get::<usize, Option<i64>>(i)
        .map_err(|e| ctx.err(&e, "reading a dictionary row"))
}

#[async_trait]
impl SourceCatalog for OracleSource {
    fn kind(&self) -> SourceKind {
        SourceKind::Oracle
    }

    async fn server_version(&self) -> Result<String> {
        if let Some(i) = self.lock().values().next() {
            return Ok(i.banner.clone());
        }
        match self.config.option("service_name") {
            Some(s) => Ok(self.info(s).await?.banner),
            None => Err(Error::new(
                ErrorKind::NotFound,
                "the version is known once a service was read (set `[db] service_name` to \
                 read it up front)",
            )),
        }
    }

    async fn list_tables(&self, filter: &Filter) -> Result<Vec<TableName>> {
        let mut out = Vec::new();
        for service in crate::service_names(filter) {
            self.info(&service).await?;
            let svc = service.clone();
            let rows = self
                .with_connection(&service, move |conn, ctx| {
                    let mut names = Vec::new();
                    for r in ctx.rows(conn, &sql::list_tables(), &[], "listing ALL_TABLES")? {
                        names.push((s(&r, 0, ctx)?, s(&r, 1, ctx)?));
                    }
                    Ok(names)
                })
                .await?;
            for (owner, table) in rows {
                let name = TableName::with_schema(&svc, owner, table);
                if filter.matches(&name) {
                    out.push(name);
                }
            }
        }
        Ok(out)
    }

    async fn describe_tables(&self, tables: &[TableName]) -> Result<Vec<Table>> {
        let mut by_service: BTreeMap<String, Vec<TableName>> = BTreeMap::new();
        for t in tables {
            by_service
                .entry(t.database.clone())
                .or_default()
                .push(t.clone());
        }
        let mut found: BTreeMap<TableName, Table> = BTreeMap::new();
        for (service, wanted) in by_service {
            let info = self.info(&service).await?;
            let described = self
                .with_connection(&service, move |conn, ctx| {
                    ctx.describe(conn, &info, &wanted)
                })
                .await?;
            for t in described {
                found.insert(t.name.clone(), t);
            }
        }
        Ok(tables.iter().filter_map(|n| found.remove(n)).collect())
    }

    async fn connection_facts(&self) -> Result<Vec<(String, String)>> {
        if self.lock().is_empty()
            && let Some(s) = self.config.option("service_name")
        {
            self.info(s).await?;
        }
        let mut facts = Vec::new();
        if let Some(name) = self.lock().values().find_map(|i| i.cdb_name.clone()) {
            facts.push(("oracle.cdb-name".to_string(), name));
        }
        Ok(facts)
    }

    async fn preflight(
        &self,
        ctx: &smt_catalog::PreflightContext<'_>,
    ) -> Result<Vec<smt_catalog::CheckItem>> {
        crate::check::preflight(self, ctx).await
    }

    fn query_count(&self) -> u64 {
        self.queries.load(Ordering::Relaxed)
    }
}
