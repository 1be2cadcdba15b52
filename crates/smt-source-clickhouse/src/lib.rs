//! # smt-source-clickhouse
//!
//! Live ClickHouse source adapter for smt: reads `system.tables` and `system.columns` over the
//! HTTP interface (the [`clickhouse`] crate) and returns neutral [`smt_ir::Table`]s.
//!
//! - [`ClickhouseSourceFactory`] opens a [`ClickhouseSource`] from a [`SourceConfig`]
//!   (`[db] host/port/user/password`, `options["database"]`, `options["tls"]`,
//!   `options["query_timeout"]`).
//! - One probe query at connect time learns the server version and which optional columns the
//!   server's system tables have, so that old servers (18.16: no `position`, no table `comment`,
//!   no `total_bytes`, no RowBinaryWithNamesAndTypes) and modern ones (26.x) both work. Every
//!   catalog query reads `JSONEachRow` text, never typed rows.
//! - Listing is one query on `system.tables`; describing any number of tables is two queries
//!   (three on servers without `system.tables.total_bytes`), see [`ClickhouseSource::query_count`].
//! - Types are parsed by [`smt_catalog::native::clickhouse`].
//!
//! This crate knows nothing about StarRocks or Flink.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use async_trait::async_trait;
use clickhouse::{Client, Compression};
use serde_json::{Map, Value};
use smt_catalog::native::clickhouse::{parse_default, parse_type, split_key};
use smt_catalog::{
    Error, ErrorKind, Filter, Result, SourceCatalog, SourceConfig, SourceFactory, SourceKind,
    Table, TableName, redact,
};
use smt_ir::{Column, DataType, Engine, Generated, Warning};

/// How long one catalog query may take when `options["query_timeout"]` is not set.
pub const DEFAULT_QUERY_TIMEOUT: Duration = Duration::from_secs(300);

/// Databases that are never read.
pub const SYSTEM_DATABASES: [&str; 3] = ["system", "information_schema", "INFORMATION_SCHEMA"];

/// Engines whose tables hold no data of their own and are never listed.
pub const EXCLUDED_ENGINES: [&str; 5] = [
    "View",
    "MaterializedView",
    "LiveView",
    "WindowView",
    "Dictionary",
];

/// The probe sent first: server version plus the columns of the system tables we read.
const PROBE_SQL: &str = "SELECT version() AS version, table, name FROM system.columns \
     WHERE database = 'system' AND table IN ('tables', 'columns', 'parts')";

/// Opens [`ClickhouseSource`]s; register it for [`SourceKind::Clickhouse`].
#[derive(Debug, Clone, Copy, Default)]
pub struct ClickhouseSourceFactory;

#[async_trait]
impl SourceFactory for ClickhouseSourceFactory {
    async fn open(&self, config: &SourceConfig) -> Result<Box<dyn SourceCatalog>> {
        Ok(Box::new(ClickhouseSource::connect(config.clone()).await?))
    }
}

/// A live ClickHouse server, read through its system tables over HTTP.
pub struct ClickhouseSource {
    config: SourceConfig,
    client: Client,
    version: String,
    /// `table -> column names` of `system.tables`, `system.columns`, `system.parts`.
    system_columns: BTreeMap<String, BTreeSet<String>>,
    query_timeout: Duration,
    queries: AtomicU64,
    notes: Mutex<Vec<Warning>>,
}

impl std::fmt::Debug for ClickhouseSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClickhouseSource")
            .field("config", &self.config)
            .field("version", &self.version)
            .finish()
    }
}

type Row = Map<String, Value>;

impl ClickhouseSource {
    /// Connect: send the probe query within `config.connect_timeout` and remember the server
    /// version and the shape of its system tables.
    pub async fn connect(config: SourceConfig) -> Result<Self> {
        let query_timeout = match config.option("query_timeout") {
            None => DEFAULT_QUERY_TIMEOUT,
            Some(v) => v
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|s| *s > 0)
                .map(Duration::from_secs)
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::Config,
                        format!("[db] query_timeout = `{v}` is not a positive number of seconds"),
                    )
                })?,
        };
        let tls = match config.option("tls").map(str::to_ascii_lowercase).as_deref() {
            None | Some("false" | "0" | "no" | "off") => false,
            Some("true" | "1" | "yes" | "on") => true,
            Some(other) => {
                return Err(Error::new(
                    ErrorKind::Config,
                    format!("[db] tls = `{other}`: expected true or false"),
                ));
            }
        };
        if config.host.trim().is_empty() {
            return Err(Error::new(ErrorKind::Config, "[db] host is empty"));
        }
        let host = if config.host.contains(':') && !config.host.starts_with('[') {
            format!("[{}]", config.host)
        } else {
            config.host.clone()
        };
        let url = format!(
            "{}://{host}:{}",
            if tls { "https" } else { "http" },
            config.port
        );
        let mut client = Client::default()
            .with_url(url)
            .with_compression(Compression::None)
            .with_validation(false);
        if !config.user.is_empty() {
            client = client.with_user(config.user.clone());
        }
        if !config.password.is_empty() {
            client = client.with_password(config.password.expose().to_string());
        }
        if let Some(db) = config.option("database") {
            client = client.with_database(db.to_string());
        }
        let mut source = ClickhouseSource {
            config,
            client,
            version: String::new(),
            system_columns: BTreeMap::new(),
            query_timeout,
            queries: AtomicU64::new(0),
            notes: Mutex::new(Vec::new()),
        };
        let timeout = source.config.connect_timeout;
        let rows = source
            .rows(
                source.client.query(PROBE_SQL),
                "connecting (reading the server version)",
                timeout,
            )
            .await?;
        for r in &rows {
            if source.version.is_empty() {
                source.version = text(r, "version");
            }
            source
                .system_columns
                .entry(text(r, "table"))
                .or_default()
                .insert(text(r, "name"));
        }
        if source.version.is_empty() {
            return Err(Error::new(
                ErrorKind::Query,
                format!(
                    "ClickHouse at {} answered without its system tables",
                    source.config.address()
                ),
            ));
        }
        Ok(source)
    }

    /// The server's `version()`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Whether `system.<table>` has `column` on this server.
    pub fn has_system_column(&self, table: &str, column: &str) -> bool {
        self.system_columns
            .get(table)
            .is_some_and(|c| c.contains(column))
    }

    /// The server's major version (`18` for 18.16.1), when it parses.
    pub fn major_version(&self) -> Option<u32> {
        self.version.split('.').next()?.parse().ok()
    }

    fn lock_notes(&self) -> MutexGuard<'_, Vec<Warning>> {
        self.notes.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Send one query, read its `JSONEachRow` answer within `timeout`.
    async fn rows(
        &self,
        query: clickhouse::query::Query,
        what: &str,
        timeout: Duration,
    ) -> Result<Vec<Row>> {
        self.queries.fetch_add(1, Ordering::Relaxed);
        let body = with_timeout(&self.config, timeout, what, async {
            let mut cursor = query.fetch_bytes("JSONEachRow")?;
            cursor.collect().await
        })
        .await?
        .map_err(|e| map_error(&e, &self.config).context(what.to_string()))?;
        parse_rows(&body, &self.config).map_err(|e| e.context(what.to_string()))
    }

    /// `SELECT` list of the optional columns this server has.
    fn optional(&self, table: &str, columns: &[&str]) -> String {
        columns
            .iter()
            .filter(|c| self.has_system_column(table, c))
            .map(|c| format!(", {c}"))
            .collect()
    }
}

#[async_trait]
impl SourceCatalog for ClickhouseSource {
    fn kind(&self) -> SourceKind {
        SourceKind::Clickhouse
    }

    async fn server_version(&self) -> Result<String> {
        Ok(self.version.clone())
    }

    async fn list_tables(&self, filter: &Filter) -> Result<Vec<TableName>> {
        let mut sql = String::from(
            "SELECT database, name, engine FROM system.tables \
             WHERE database NOT IN ('system', 'information_schema', 'INFORMATION_SCHEMA') \
             AND is_temporary = 0",
        );
        let mut bind: Option<Vec<String>> = None;
        if let Some(names) = filter.database_literals() {
            if names.is_empty() {
                return Ok(Vec::new());
            }
            sql.push_str(" AND has(?, database)");
            bind = Some(names);
        } else if let Some(prefixes) = filter.database_prefixes() {
            sql.push_str(" AND arrayExists(p -> substring(database, 1, length(p)) = p, ?)");
            bind = Some(prefixes);
        }
        sql.push_str(" ORDER BY database, name");
        let mut query = self.client.query(&sql);
        if let Some(b) = bind {
            query = query.bind(b);
        }
        let rows = self
            .rows(query, "listing tables (system.tables)", self.query_timeout)
            .await?;
        let mut out = Vec::new();
        for r in &rows {
            let database = text(r, "database");
            let name = text(r, "name");
            let engine = text(r, "engine");
            if SYSTEM_DATABASES.contains(&database.as_str())
                || EXCLUDED_ENGINES.contains(&engine.as_str())
                || name.starts_with(".inner")
            {
                continue;
            }
            let t = TableName::new(database, name);
            if filter.matches(&t) {
                out.push(t);
            }
        }
        Ok(out)
    }

    async fn describe_tables(&self, tables: &[TableName]) -> Result<Vec<Table>> {
        if tables.is_empty() {
            return Ok(Vec::new());
        }
        let dbs: Vec<String> = tables
            .iter()
            .map(|t| t.database.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let names: Vec<String> = tables
            .iter()
            .map(|t| t.name.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let wanted: BTreeSet<(&str, &str)> = tables
            .iter()
            .map(|t| (t.database.as_str(), t.name.as_str()))
            .collect();

        // 1. Tables.
        let sql = format!(
            "SELECT database, name, engine{} FROM system.tables \
             WHERE has(?, database) AND has(?, name)",
            self.optional(
                "tables",
                &[
                    "partition_key",
                    "sorting_key",
                    "primary_key",
                    "comment",
                    "total_rows",
                    "total_bytes",
                ],
            )
        );
        let query = self.client.query(&sql).bind(&dbs).bind(&names);
        let table_rows = self
            .rows(
                query,
                "describing tables (system.tables)",
                self.query_timeout,
            )
            .await?;

        // 2. Columns.
        let has_position = self.has_system_column("columns", "position");
        let sql = format!(
            "SELECT database, table, name, type, default_kind, default_expression{} \
             FROM system.columns WHERE has(?, database) AND has(?, table){}",
            self.optional("columns", &["comment", "is_in_partition_key", "position"],),
            if has_position {
                " ORDER BY database, table, position"
            } else {
                ""
            }
        );
        let query = self.client.query(&sql).bind(&dbs).bind(&names);
        let column_rows = self
            .rows(
                query,
                "describing columns (system.columns)",
                self.query_timeout,
            )
            .await?;

        // 3. Sizes from the active parts, when system.tables has no totals.
        let mut sizes: HashMap<(String, String), (Option<u64>, Option<u64>)> = HashMap::new();
        if !self.has_system_column("tables", "total_bytes")
            && self.has_system_column("parts", "bytes_on_disk")
        {
            let sql = "SELECT database, table, sum(rows) AS rows, sum(bytes_on_disk) AS bytes \
                       FROM system.parts WHERE active AND has(?, database) AND has(?, table) \
                       GROUP BY database, table";
            let query = self.client.query(sql).bind(&dbs).bind(&names);
            for r in self
                .rows(
                    query,
                    "reading table sizes (system.parts)",
                    self.query_timeout,
                )
                .await?
            {
                sizes.insert(
                    (text(&r, "database"), text(&r, "table")),
                    (number(&r, "rows"), number(&r, "bytes")),
                );
            }
        }

        let mut by_name: HashMap<(String, String), Table> = HashMap::new();
        let mut notes = Vec::new();
        for r in &table_rows {
            let database = text(r, "database");
            let name = text(r, "name");
            if !wanted.contains(&(database.as_str(), name.as_str())) {
                continue;
            }
            let mut t = Table::new(TableName::new(database.clone(), name.clone()));
            t.comment = Some(text(r, "comment")).filter(|c| !c.is_empty());
            let engine = text(r, "engine");
            if !engine.is_empty() {
                let sorting_key = split_key(&text(r, "sorting_key"));
                let primary_key = split_key(&text(r, "primary_key"));
                let partition_key = text(r, "partition_key");
                t.engine = Some(Engine {
                    name: engine,
                    primary_key: if primary_key == sorting_key {
                        Vec::new()
                    } else {
                        primary_key
                    },
                    sorting_key,
                    partition_key: Some(partition_key).filter(|p| !p.is_empty()),
                });
            }
            let key = (database, name);
            let (rows, bytes) = match sizes.remove(&key) {
                Some(s) => s,
                None => (number(r, "total_rows"), number(r, "total_bytes")),
            };
            t.size.rows = rows;
            t.size.bytes = bytes;
            by_name.insert(key, t);
        }

        for r in &column_rows {
            let key = (text(r, "database"), text(r, "table"));
            let Some(t) = by_name.get_mut(&key) else {
                continue;
            };
            let label = format!("{}.{}", key.0, key.1);
            let name = text(r, "name");
            let native = text(r, "type");
            let kind = text(r, "default_kind");
            let expr = text(r, "default_expression");
            if kind == "EPHEMERAL" {
                notes.push(
                    Warning::info(
                        "clickhouse-ephemeral-column",
                        format!("EPHEMERAL column `{name}` is not stored: left out"),
                    )
                    .on_table(label.clone())
                    .on_column(name.clone()),
                );
                continue;
            }
            let mut col = match parse_type(&native) {
                Ok(p) => {
                    let mut c = Column::new(name.clone(), p.data_type, native.clone());
                    c.nullable = p.nullable;
                    c.facts = p.facts;
                    c
                }
                Err(e) => {
                    notes.push(
                        Warning::warn(
                            "clickhouse-type-unparsed",
                            format!("{e}; kept as an unknown type"),
                        )
                        .on_table(label.clone())
                        .on_column(name.clone()),
                    );
                    let mut c = Column::new(
                        name.clone(),
                        DataType::Other {
                            native: native.clone(),
                        },
                        native.clone(),
                    );
                    c.nullable = native.starts_with("Nullable(");
                    c
                }
            };
            match kind.as_str() {
                "DEFAULT" if !expr.is_empty() => col.default = Some(parse_default(&expr)),
                "MATERIALIZED" => {
                    col.generated = Some(Generated {
                        expression: expr,
                        stored: true,
                    });
                }
                "ALIAS" => {
                    col.generated = Some(Generated {
                        expression: expr,
                        stored: false,
                    });
                }
                _ => {}
            }
            col.comment = Some(text(r, "comment")).filter(|c| !c.is_empty());
            if flag(r, "is_in_partition_key") {
                t.partition_columns.push(name);
            }
            t.columns.push(col);
        }

        let mut out = Vec::with_capacity(tables.len());
        for name in tables {
            let key = (name.database.clone(), name.name.clone());
            let Some(t) = by_name.remove(&key) else {
                continue;
            };
            if let Some(engine) = &t.engine {
                for k in engine.sorting_key.iter().chain(&engine.primary_key) {
                    if !t.columns.iter().any(|c| &c.name == k) {
                        notes.push(
                            Warning::info(
                                "clickhouse-key-expression",
                                format!(
                                    "the {} key element `{k}` is an expression, not a column",
                                    engine.name
                                ),
                            )
                            .on_table(name.to_string()),
                        );
                    }
                }
            }
            out.push(t);
        }
        self.lock_notes().extend(notes);
        Ok(out)
    }

    async fn connection_facts(&self) -> Result<Vec<(String, String)>> {
        let mut facts = vec![(
            "clickhouse.server-version".to_string(),
            self.version.clone(),
        )];
        // getServerPort exists since 21.x and fails when the port is not configured: a refusal
        // only means "unknown" (the emitter then uses its default).
        if self.major_version().is_some_and(|m| m >= 22)
            && let Ok(rows) = self
                .rows(
                    self.client
                        .query("SELECT toString(getServerPort('mysql_port')) AS port"),
                    "reading the MySQL port",
                    self.config.connect_timeout,
                )
                .await
            && let Some(port) = rows.first().map(|r| text(r, "port"))
            && port.parse::<u16>().is_ok_and(|p| p > 0)
        {
            facts.push(("clickhouse.mysql-port".to_string(), port));
        }
        Ok(facts)
    }

    fn query_count(&self) -> u64 {
        self.queries.load(Ordering::Relaxed)
    }

    fn notes(&self) -> Vec<Warning> {
        self.lock_notes().clone()
    }
}

/// Run `fut` within `timeout`, or fail with a connect error naming the address.
async fn with_timeout<T>(
    config: &SourceConfig,
    timeout: Duration,
    what: &str,
    fut: impl Future<Output = T>,
) -> Result<T> {
    tokio::time::timeout(timeout, fut).await.map_err(|_| {
        Error::new(
            ErrorKind::Connect,
            format!(
                "ClickHouse at {} did not answer within {} s (HTTP interface; check [db] host \
                 and port)",
                config.address(),
                timeout.as_secs_f64()
            ),
        )
        .context(what.to_string())
    })
}

/// A string column of a JSON row (`""` when absent or null).
fn text(row: &Row, key: &str) -> String {
    match row.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    }
}

/// An unsigned number column (old servers quote 64-bit integers).
fn number(row: &Row, key: &str) -> Option<u64> {
    match row.get(key)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// A 0/1 flag column.
fn flag(row: &Row, key: &str) -> bool {
    number(row, key).is_some_and(|n| n != 0)
}

/// Parse a `JSONEachRow` body. Old servers append an exception after a 200 header when a
/// query fails mid-stream: such a line becomes an error.
fn parse_rows(body: &[u8], config: &SourceConfig) -> Result<Vec<Row>> {
    let text = String::from_utf8_lossy(body);
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<Row>(line) {
            Ok(r) => out.push(r),
            Err(e) => {
                if line.starts_with("Code:") {
                    return Err(server_error(line, config));
                }
                return Err(Error::new(
                    ErrorKind::Query,
                    format!(
                        "unreadable answer from ClickHouse at {}: {e}: {}",
                        config.address(),
                        shorten(&redact(line, config.password.expose()), 200)
                    ),
                ));
            }
        }
    }
    Ok(out)
}

fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

/// The numeric code of a ClickHouse exception text: `Code: 47, e.displayText() = ...` (old)
/// or `Code: 60. DB::Exception: ... (UNKNOWN_TABLE)` (modern).
pub fn exception_code(message: &str) -> Option<u32> {
    let rest = &message[message.find("Code:")? + 5..];
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The readable part of a ClickHouse exception text, without the code prefix, the
/// `e.what() = ...` tail of old servers and the stack trace.
pub fn exception_message(message: &str) -> String {
    let mut m = message.trim();
    if let Some(i) = m.find("DB::Exception: ") {
        m = &m[i + "DB::Exception: ".len()..];
    } else if let Some(i) = m.find("e.displayText() = ") {
        m = &m[i + "e.displayText() = ".len()..];
    }
    for cut in [
        ", e.what() = ",
        ", Stack trace",
        "\nStack trace",
        " (version ",
    ] {
        if let Some(i) = m.find(cut) {
            m = &m[..i];
        }
    }
    m.lines().next().unwrap_or("").trim().to_string()
}

/// Turn a server exception text into an error of the right kind.
fn server_error(raw: &str, config: &SourceConfig) -> Error {
    let raw = redact(raw, config.password.expose());
    let code = exception_code(&raw);
    let msg = exception_message(&raw);
    let addr = config.address();
    let user = if config.user.is_empty() {
        "default"
    } else {
        config.user.as_str()
    };
    let (kind, text) = match code {
        Some(192..=194 | 516) => (
            ErrorKind::Auth,
            format!(
                "ClickHouse at {addr} rejected user `{user}` (wrong password or unknown user): {msg}"
            ),
        ),
        Some(81) => (
            ErrorKind::NotFound,
            format!("ClickHouse at {addr}: unknown database: {msg}"),
        ),
        Some(60) => (
            ErrorKind::NotFound,
            format!("ClickHouse at {addr}: unknown table: {msg}"),
        ),
        Some(497 | 164 | 195) => (
            ErrorKind::Permission,
            format!("ClickHouse at {addr}: user `{user}` lacks a privilege: {msg}"),
        ),
        Some(c) => (
            ErrorKind::Query,
            format!("ClickHouse at {addr} failed a catalog query (code {c}): {msg}"),
        ),
        None => (
            ErrorKind::Query,
            format!(
                "ClickHouse at {addr} failed a catalog query: {}",
                shorten(&msg, 300)
            ),
        ),
    };
    Error::new(kind, text)
}

/// Map a driver error: network failures name the address, server exceptions get their kind.
fn map_error(e: &clickhouse::error::Error, config: &SourceConfig) -> Error {
    use clickhouse::error::Error as E;
    let pw = config.password.expose();
    match e {
        E::BadResponse(body) => server_error(body, config),
        E::Network(_) | E::TimedOut => {
            let mut chain = Vec::new();
            let mut cur: Option<&dyn std::error::Error> = Some(e);
            while let Some(c) = cur {
                let s = c.to_string();
                if !chain.iter().any(|p: &String| p.contains(&s)) {
                    chain.push(s);
                }
                cur = c.source();
            }
            Error::new(
                ErrorKind::Connect,
                format!(
                    "cannot reach ClickHouse's HTTP interface at {}: {}",
                    config.address(),
                    redact(&chain.join(": "), pw)
                ),
            )
        }
        other => Error::new(
            ErrorKind::Query,
            format!(
                "ClickHouse at {}: {}",
                config.address(),
                redact(&other.to_string(), pw)
            ),
        ),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use smt_catalog::Secret;

    fn config() -> SourceConfig {
        let mut c = SourceConfig::new(SourceKind::Clickhouse, "127.0.0.1");
        c.user = "smt_pw".into();
        c.password = Secret::new("hunter2");
        c
    }

    #[test]
    fn codes_old_and_new() {
        let old = "Code: 193, e.displayText() = DB::Exception: Wrong password for user smt_pw, \
                   e.what() = DB::Exception";
        assert_eq!(exception_code(old), Some(193));
        assert_eq!(exception_message(old), "Wrong password for user smt_pw");
        let new = "Code: 81. DB::Exception: Database nope does not exist. (UNKNOWN_DATABASE) \
                   (version 26.9.2.1)";
        assert_eq!(exception_code(new), Some(81));
        assert_eq!(
            exception_message(new),
            "Database nope does not exist. (UNKNOWN_DATABASE)"
        );
        assert_eq!(exception_code("no code"), None);
    }

    #[test]
    fn kinds_and_no_password() {
        let c = config();
        let e = server_error(
            "Code: 516. DB::Exception: smt_pw: Authentication failed: hunter2",
            &c,
        );
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert!(!e.to_string().contains("hunter2"), "{e}");
        assert!(e.to_string().contains("127.0.0.1:8123"));
        assert_eq!(
            server_error(
                "Code: 81, e.displayText() = DB::Exception: Database x doesn't exist",
                &c
            )
            .kind(),
            ErrorKind::NotFound
        );
        assert_eq!(
            server_error("Code: 62. DB::Exception: Syntax error", &c).kind(),
            ErrorKind::Query
        );
    }

    #[test]
    fn json_rows() {
        let c = config();
        let rows = parse_rows(
            b"{\"a\":\"x\",\"n\":\"12\",\"f\":1}\n{\"a\":\"y\",\"n\":3,\"f\":0}\n",
            &c,
        )
        .unwrap();
        assert_eq!(text(&rows[0], "a"), "x");
        assert_eq!(number(&rows[0], "n"), Some(12));
        assert_eq!(number(&rows[1], "n"), Some(3));
        assert!(flag(&rows[0], "f"));
        assert!(!flag(&rows[1], "f"));
        assert_eq!(text(&rows[0], "missing"), "");
        let e = parse_rows(
            b"{\"a\":1}\nCode: 241, e.displayText() = DB::Exception: Memory limit\n",
            &c,
        )
        .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Query);
        assert!(e.to_string().contains("Memory limit"));
    }
}
