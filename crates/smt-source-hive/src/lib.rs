//! # smt-source-hive
//!
//! Live Hive source adapter for smt: reads table schemas from the **Hive Metastore** (thrift,
//! through the `hive_metastore` crate) or, when no metastore can be reached, through
//! **HiveServer2** SQL (`SHOW DATABASES`, `SHOW TABLES`, `DESCRIBE FORMATTED`) with a small
//! TCLIService client of its own ([`hs2::Hs2Client`]); both Hive's and Spark Thrift Server's
//! result shapes are understood. Returns neutral [`smt_ir::Table`]s.
//!
//! - [`HiveSourceFactory`] opens a [`HiveSource`] from a [`SourceConfig`]. `[db]` keys read:
//!   `host`, `port` (HiveServer2, default 10000), `user`, `password`, `authentication`
//!   (`none` (default), `nosasl`, `ldap`, `custom`, `pam`; `kerberos`, `kerberos_http`,
//!   `none_http` and `zk` are not supported yet),
//!   `metastore_uris` (or `hive.metastore.uris`: talk to the metastore directly, HiveServer2 is
//!   then not used), `schema_source` (`auto`, `metastore`, `hiveserver2`), `hive_conf_dir`
//!   (passed on as the `hive.conf-dir` fact) and `hdfs_sizes` (`false` turns the HDFS size
//!   probe off).
//! - Types are parsed by [`types::parse_hive_type`]; partition keys follow the data columns and
//!   are named in [`smt_ir::Table::partition_columns`].
//! - Sizes come from the table statistics (`totalSize`, `spark.sql.statistics.totalSize`,
//!   `rawDataSize`; `numRows`); when a table on `hdfs://` has none, its content summary is read
//!   from the NameNode within a short budget ([`hdfs`]).
//!
//! This crate knows nothing about StarRocks or Flink.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use async_trait::async_trait;
use smt_catalog::{
    Error, ErrorKind, Filter, Result, SourceCatalog, SourceConfig, SourceFactory, SourceKind,
    Table, TableName,
};
use smt_ir::Warning;

mod describe;
mod hdfs;
mod hms;
pub mod hs2;
mod raw;
mod spark;
mod thrift;
pub mod types;

use hs2::{Hs2Auth, Hs2Client};
use raw::RawTable;

/// The `[db]` keys that name the metastore URIs, in the order they are looked up.
pub const METASTORE_URI_KEYS: [&str; 3] = [
    "metastore_uris",
    "hive.metastore.uris",
    "hive_metastore_uris",
];

/// Opens [`HiveSource`]s; register it for [`SourceKind::Hive`].
#[derive(Debug, Clone, Copy, Default)]
pub struct HiveSourceFactory;

#[async_trait]
impl SourceFactory for HiveSourceFactory {
    async fn open(&self, config: &SourceConfig) -> Result<Box<dyn SourceCatalog>> {
        Ok(Box::new(HiveSource::connect(config.clone()).await?))
    }
}

/// Where the schema is read from.
enum Backend {
    Metastore(hms::Metastore),
    Sql(tokio::sync::Mutex<Hs2Client>),
}

/// The `[db]` settings this adapter understands, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HiveSettings {
    /// The HiveServer2 transport authentication.
    pub auth: Hs2Auth,
    /// Metastore URIs given in `[db]`, if any (comma-separated in the option).
    pub metastore_uris: Vec<String>,
    /// `[db] hive_conf_dir`.
    pub hive_conf_dir: Option<String>,
    /// Whether missing sizes are read from HDFS (`[db] hdfs_sizes`, default true).
    pub hdfs_sizes: bool,
    /// `[db] schema_source`: where the schema is read from.
    pub schema_source: SchemaSource,
}

/// Where the schema is read from (`[db] schema_source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaSource {
    /// `auto` (default): the metastore when one is known (given or learned from HiveServer2)
    /// and reachable, else HiveServer2 SQL.
    Auto,
    /// `metastore`: the metastore only; an error when none is known or reachable.
    Metastore,
    /// `hiveserver2`: HiveServer2 SQL only (the metastore URI is still learned for the facts).
    HiveServer2,
}

fn option_ci<'a>(config: &'a SourceConfig, key: &str) -> Option<(&'a str, &'a str)> {
    config
        .options
        .iter()
        .find(|(k, v)| k.eq_ignore_ascii_case(key) && !v.trim().is_empty())
        .map(|(k, v)| (k.as_str(), v.trim()))
}

impl HiveSettings {
    /// Read and check the `[db]` options.
    pub fn from_config(config: &SourceConfig) -> Result<Self> {
        for key in [
            "zk",
            "zookeeper",
            "zooKeeperQuorum",
            "serviceDiscoveryMode",
            "service_discovery_mode",
            "zooKeeperNamespace",
        ] {
            if let Some((k, _)) = option_ci(config, key) {
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    format!(
                        "`[db] {k}`: HiveServer2 discovery through ZooKeeper is not supported yet; \
                         set `host`/`port` of one HiveServer2, or `metastore_uris`"
                    ),
                ));
            }
        }
        for key in ["transportMode", "transport_mode"] {
            if let Some((k, v)) = option_ci(config, key)
                && !v.eq_ignore_ascii_case("binary")
            {
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    format!(
                        "`[db] {k} = {v}` is not supported yet: only the binary HiveServer2 \
                         transport is; or set `metastore_uris`"
                    ),
                ));
            }
        }
        for key in ["principal", "kerberos_principal"] {
            if let Some((k, _)) = option_ci(config, key) {
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    format!("`[db] {k}`: Kerberos is not supported yet"),
                ));
            }
        }
        let auth = match option_ci(config, "authentication") {
            None => Hs2Auth::Plain,
            Some((k, v)) => match v.to_ascii_lowercase().as_str() {
                "none" | "ldap" | "custom" | "pam" | "plain" => Hs2Auth::Plain,
                "nosasl" | "no_sasl" => Hs2Auth::NoSasl,
                "none_http" => {
                    return Err(Error::new(
                        ErrorKind::Unsupported,
                        format!(
                            "`[db] {k} = {v}`: the HTTP transport of HiveServer2 is not \
                             supported yet; use the binary port with `none`, or read the \
                             metastore directly with `metastore_uris`"
                        ),
                    ));
                }
                "zk" => {
                    return Err(Error::new(
                        ErrorKind::Unsupported,
                        format!(
                            "`[db] {k} = {v}`: HiveServer2 discovery through ZooKeeper is not \
                             supported yet; set `host`/`port` of one HiveServer2, or \
                             `metastore_uris`"
                        ),
                    ));
                }
                a if a.starts_with("kerberos") || a == "gssapi" => {
                    return Err(Error::new(
                        ErrorKind::Unsupported,
                        format!(
                            "`[db] {k} = {v}`: Kerberos authentication is not supported yet; \
                             use `nosasl`, `none` or `ldap`, or read the metastore directly \
                             with `metastore_uris` (no SASL)"
                        ),
                    ));
                }
                _ => {
                    return Err(Error::new(
                        ErrorKind::Config,
                        format!(
                            "`[db] {k} = {v}` is not a HiveServer2 authentication this adapter \
                             knows (none, nosasl, ldap, custom, pam, kerberos)"
                        ),
                    ));
                }
            },
        };
        let metastore_uris = METASTORE_URI_KEYS
            .iter()
            .find_map(|k| option_ci(config, k))
            .map(|(_, v)| split_uris(v))
            .unwrap_or_default();
        for u in &metastore_uris {
            hms::parse_uri(u)?;
        }
        let hive_conf_dir = ["hive_conf_dir", "hive.conf.dir", "hive-conf-dir"]
            .iter()
            .find_map(|k| option_ci(config, k))
            .map(|(_, v)| v.to_string());
        let hdfs_sizes = match option_ci(config, "hdfs_sizes") {
            None => true,
            Some((k, v)) => match v.to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" | "on" => true,
                "false" | "0" | "no" | "off" => false,
                _ => {
                    return Err(Error::new(
                        ErrorKind::Config,
                        format!("`[db] {k} = {v}`: expected true or false"),
                    ));
                }
            },
        };
        let schema_source = match option_ci(config, "schema_source") {
            None => SchemaSource::Auto,
            Some((k, v)) => match v.to_ascii_lowercase().as_str() {
                "auto" => SchemaSource::Auto,
                "metastore" | "hms" => SchemaSource::Metastore,
                "hiveserver2" | "hs2" | "sql" => SchemaSource::HiveServer2,
                _ => {
                    return Err(Error::new(
                        ErrorKind::Config,
                        format!("`[db] {k} = {v}`: expected auto, metastore or hiveserver2"),
                    ));
                }
            },
        };
        if schema_source == SchemaSource::HiveServer2 && !metastore_uris.is_empty() {
            return Err(Error::new(
                ErrorKind::Config,
                "`[db] schema_source = hiveserver2` and `metastore_uris` contradict each other",
            ));
        }
        Ok(HiveSettings {
            auth,
            metastore_uris,
            hive_conf_dir,
            hdfs_sizes,
            schema_source,
        })
    }
}

fn split_uris(v: &str) -> Vec<String> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Quote a Hive identifier with back-quotes (inner back-quotes doubled).
pub fn quote_ident(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

/// A live Hive catalog, read through the metastore or HiveServer2.
pub struct HiveSource {
    config: SourceConfig,
    settings: HiveSettings,
    backend: Backend,
    version: String,
    /// The metastore URI(s) used or learned from HiveServer2.
    metastore_uris: Option<String>,
    /// Table objects fetched while listing (metastore fallback path), reused by describe.
    cache: Mutex<BTreeMap<(String, String), RawTable>>,
    hdfs: hdfs::HdfsSizer,
    notes: Mutex<Vec<Warning>>,
    queries: AtomicU64,
}

impl std::fmt::Debug for HiveSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HiveSource")
            .field("config", &self.config)
            .field("backend", &self.backend_name())
            .field("metastore_uris", &self.metastore_uris)
            .finish()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Replace a loopback host in a metastore URI learned from HiveServer2 by HiveServer2's own host
/// (the server's `localhost` is not ours).
fn relocate_uri(uri: &str, hs2_host: &str) -> String {
    let Ok((host, port)) = hms::parse_uri(uri) else {
        return uri.to_string();
    };
    let loopback = matches!(host.as_str(), "localhost" | "127.0.0.1" | "0.0.0.0" | "::1");
    let hs2_loopback = matches!(hs2_host, "localhost" | "127.0.0.1" | "::1");
    if loopback && !hs2_loopback {
        format!("thrift://{hs2_host}:{port}")
    } else {
        uri.to_string()
    }
}

impl HiveSource {
    /// Connect as the settings say: to the metastore when `metastore_uris` is set; otherwise to
    /// HiveServer2, then to the metastore it names (`SET hive.metastore.uris`), falling back to
    /// HiveServer2 SQL when it names none or that one cannot be reached.
    pub async fn connect(config: SourceConfig) -> Result<Self> {
        let settings = HiveSettings::from_config(&config)?;
        let timeout = config.connect_timeout;
        let hdfs = hdfs::HdfsSizer::new(timeout);
        let mut notes = Vec::new();
        let mut queries = 0;
        let (backend, version, uris) = if !settings.metastore_uris.is_empty() {
            let (ms, version) = connect_metastore(&settings.metastore_uris, timeout).await?;
            let uri = ms.uri.clone();
            (Backend::Metastore(ms), version, Some(uri))
        } else {
            let mut client = Hs2Client::connect(
                &config.host,
                config.port,
                settings.auth,
                &config.user,
                config.password.expose(),
                timeout,
            )
            .await
            .map_err(|e| e.context("reading the Hive catalog through HiveServer2"))?;
            let version = client
                .server_version()
                .await
                .unwrap_or_else(|_| "HiveServer2".into());
            let learned = client
                .query("SET hive.metastore.uris")
                .await
                .ok()
                .and_then(|rs| describe::set_value(&rs, "hive.metastore.uris"))
                .map(|v| {
                    split_uris(&v)
                        .iter()
                        .map(|u| relocate_uri(u, &config.host))
                        .collect::<Vec<_>>()
                })
                .filter(|v| !v.is_empty());
            queries += client.query_count();
            match learned {
                Some(list) if settings.schema_source == SchemaSource::HiveServer2 => {
                    let uri = list.join(",");
                    (
                        Backend::Sql(tokio::sync::Mutex::new(client)),
                        version,
                        Some(uri),
                    )
                }
                Some(list) => match connect_metastore(&list, timeout).await {
                    Ok((ms, _)) => {
                        client.close().await;
                        let uri = list.join(",");
                        (
                            Backend::Metastore(ms),
                            format!("{version} (metastore {uri})"),
                            Some(uri),
                        )
                    }
                    Err(e) if settings.schema_source == SchemaSource::Metastore => {
                        return Err(e.context(format!(
                            "`[db] schema_source = metastore`: the metastore HiveServer2 \
                             names ({}) cannot be reached",
                            list.join(",")
                        )));
                    }
                    Err(e) => {
                        notes.push(Warning::warn(
                            "hive-metastore-unreachable",
                            format!(
                                "HiveServer2 names the metastore {} but it cannot be reached \
                                 ({}); reading the schema through HiveServer2 SQL instead \
                                 (one DESCRIBE per table)",
                                list.join(","),
                                e.message()
                            ),
                        ));
                        let uri = list.join(",");
                        (
                            Backend::Sql(tokio::sync::Mutex::new(client)),
                            version,
                            Some(uri),
                        )
                    }
                },
                None if settings.schema_source == SchemaSource::Metastore => {
                    return Err(Error::new(
                        ErrorKind::Config,
                        format!(
                            "`[db] schema_source = metastore`, but HiveServer2 at {} names no \
                             metastore (`SET hive.metastore.uris` is empty); set `[db] \
                             metastore_uris`",
                            config.address()
                        ),
                    ));
                }
                None => (Backend::Sql(tokio::sync::Mutex::new(client)), version, None),
            }
        };
        Ok(HiveSource {
            config,
            settings,
            backend,
            version,
            metastore_uris: uris,
            cache: Mutex::new(BTreeMap::new()),
            hdfs,
            notes: Mutex::new(notes),
            queries: AtomicU64::new(queries),
        })
    }

    /// `"metastore"` or `"hiveserver2"`: where the schema is read from.
    pub fn backend_name(&self) -> &'static str {
        match self.backend {
            Backend::Metastore(_) => "metastore",
            Backend::Sql(_) => "hiveserver2",
        }
    }

    /// The metastore URI(s) used, or learned from HiveServer2.
    pub fn metastore_uris(&self) -> Option<&str> {
        self.metastore_uris.as_deref()
    }

    /// The checked settings.
    pub fn settings(&self) -> &HiveSettings {
        &self.settings
    }

    async fn list_metastore(&self, ms: &hms::Metastore, filter: &Filter) -> Result<Vec<TableName>> {
        let all_dbs = ms.databases().await?;
        let all = all_dbs.len();
        let dbs: Vec<String> = all_dbs
            .into_iter()
            .filter(|d| filter.matches_database(d))
            .collect();
        if dbs.is_empty() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        let wanted: std::collections::BTreeSet<&str> = dbs.iter().map(String::as_str).collect();
        match ms.table_meta(&meta_db_pattern(&dbs, all)).await {
            Ok(metas) => {
                for (db, name, ty) in metas {
                    if !wanted.contains(db.as_str()) || ty.to_ascii_uppercase().contains("VIEW") {
                        continue;
                    }
                    let tn = TableName::new(db, name);
                    if filter.matches(&tn) {
                        out.push(tn);
                    }
                }
            }
            Err(e) if e.kind() == ErrorKind::Unsupported => {
                // Metastore older than 2.1: per database, names then objects (for the types).
                for db in &dbs {
                    let names: Vec<String> = ms
                        .tables(db)
                        .await?
                        .into_iter()
                        .filter(|n| filter.matches(&TableName::new(db.clone(), n.clone())))
                        .collect();
                    if names.is_empty() {
                        continue;
                    }
                    let objects = ms.table_objects(db, &names).await?;
                    let mut cache = lock(&self.cache);
                    for t in objects {
                        if t.is_view() {
                            continue;
                        }
                        out.push(TableName::new(t.database.clone(), t.name.clone()));
                        cache.insert((t.database.clone(), t.name.clone()), t);
                    }
                }
            }
            Err(e) => return Err(e),
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    async fn list_sql(&self, client: &mut Hs2Client, filter: &Filter) -> Result<Vec<TableName>> {
        let dbs: Vec<String> = describe::databases(&client.query("SHOW DATABASES").await?)
            .into_iter()
            .filter(|d| filter.matches_database(d))
            .collect();
        let mut out = Vec::new();
        for db in dbs {
            let tables = describe::table_names(
                &client
                    .query(&format!("SHOW TABLES IN {}", quote_ident(&db)))
                    .await?,
            );
            let candidates: Vec<String> = tables
                .into_iter()
                .filter(|t| filter.matches(&TableName::new(db.clone(), t.clone())))
                .collect();
            if candidates.is_empty() {
                continue;
            }
            // Hive before 2.2 has no SHOW VIEWS: views are then dropped when described.
            let views = client
                .query(&format!("SHOW VIEWS IN {}", quote_ident(&db)))
                .await
                .map(|rs| describe::table_names(&rs))
                .unwrap_or_default();
            for t in candidates {
                if !views.iter().any(|v| v.eq_ignore_ascii_case(&t)) {
                    out.push(TableName::new(db.clone(), t));
                }
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    async fn describe_raw(&self, tables: &[TableName]) -> Result<Vec<RawTable>> {
        let mut found: BTreeMap<(String, String), RawTable> = BTreeMap::new();
        match &self.backend {
            Backend::Metastore(ms) => {
                // Group by database, keeping what the listing already fetched.
                let mut by_db: BTreeMap<&str, Vec<String>> = BTreeMap::new();
                {
                    let cache = lock(&self.cache);
                    for t in tables {
                        let key = (t.database.clone(), t.name.clone());
                        match cache.get(&key) {
                            Some(r) => {
                                found.insert(key, r.clone());
                            }
                            None => by_db
                                .entry(t.database.as_str())
                                .or_default()
                                .push(t.name.clone()),
                        }
                    }
                }
                for (db, names) in by_db {
                    for r in ms.table_objects(db, &names).await? {
                        found.insert((r.database.clone(), r.name.clone()), r);
                    }
                }
            }
            Backend::Sql(client) => {
                let mut client = client.lock().await;
                for t in tables {
                    let sql = format!(
                        "DESCRIBE FORMATTED {}.{}",
                        quote_ident(&t.database),
                        quote_ident(&t.name)
                    );
                    match client.query(&sql).await {
                        Ok(rs) => {
                            let r = describe::describe_formatted(&t.database, &t.name, &rs);
                            found.insert((t.database.clone(), t.name.clone()), r);
                        }
                        Err(e) if e.kind() == ErrorKind::NotFound => {}
                        Err(e) => return Err(e.context(format!("describing {t}"))),
                    }
                }
                self.queries.store(client.query_count(), Ordering::Relaxed);
            }
        }
        // In the order asked; names compared case-insensitively (the metastore lower-cases).
        let mut out = Vec::with_capacity(tables.len());
        for t in tables {
            let key = (t.database.clone(), t.name.clone());
            let r = found.remove(&key).or_else(|| {
                let k = found
                    .keys()
                    .find(|(d, n)| {
                        d.eq_ignore_ascii_case(&t.database) && n.eq_ignore_ascii_case(&t.name)
                    })
                    .cloned()?;
                found.remove(&k)
            });
            if let Some(mut r) = r {
                if r.is_view() {
                    continue;
                }
                r.database = t.database.clone();
                r.name = t.name.clone();
                out.push(r);
            }
        }
        Ok(out)
    }
}

/// The `get_table_meta` database pattern for the matched databases: their names joined by `|`
/// when only some match and every name is plain (`[A-Za-z0-9_]`, as Hive requires), else `*`.
fn meta_db_pattern(dbs: &[String], all: usize) -> String {
    let plain = dbs
        .iter()
        .all(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    if dbs.len() < all && plain && dbs.len() <= 200 {
        dbs.join("|")
    } else {
        "*".to_string()
    }
}

/// Connect to the first metastore of `uris` that answers; the version text names it.
async fn connect_metastore(uris: &[String], timeout: Duration) -> Result<(hms::Metastore, String)> {
    let mut last = None;
    for uri in uris {
        match hms::Metastore::connect(uri, timeout).await {
            Ok((ms, _)) => {
                let v = format!("Hive Metastore {}", ms.uri);
                return Ok((ms, v));
            }
            Err(e) => last = Some(e),
        }
    }
    Err(last
        .unwrap_or_else(|| Error::new(ErrorKind::Config, "no metastore URI given"))
        .context("reading the Hive catalog through the metastore"))
}

#[async_trait]
impl SourceCatalog for HiveSource {
    fn kind(&self) -> SourceKind {
        SourceKind::Hive
    }

    async fn server_version(&self) -> Result<String> {
        Ok(self.version.clone())
    }

    async fn list_tables(&self, filter: &Filter) -> Result<Vec<TableName>> {
        match &self.backend {
            Backend::Metastore(ms) => self.list_metastore(ms, filter).await,
            Backend::Sql(client) => {
                let mut client = client.lock().await;
                let r = self.list_sql(&mut client, filter).await;
                self.queries.store(client.query_count(), Ordering::Relaxed);
                r
            }
        }
    }

    async fn describe_tables(&self, tables: &[TableName]) -> Result<Vec<Table>> {
        let raws = self.describe_raw(tables).await?;
        let mut out = Vec::with_capacity(raws.len());
        for r in raws {
            let mut t = r.to_ir();
            // No statistics, or the `totalSize = 0` the metastore writes when it creates a
            // table over an empty folder (files added later by other tools are not counted).
            if t.size.bytes.unwrap_or(0) == 0
                && self.settings.hdfs_sizes
                && let Some(loc) = r.location.as_deref()
                && let Some(bytes) = self.hdfs.size(loc, &t.name.to_string()).await
            {
                t.size.bytes = Some(bytes);
                t.facts.insert("hive.size-source".into(), "hdfs".into());
            }
            out.push(t);
        }
        Ok(out)
    }

    async fn connection_facts(&self) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        if let Some(u) = &self.metastore_uris {
            out.push(("hive.metastore-uris".to_string(), u.clone()));
        }
        if let Some(d) = &self.settings.hive_conf_dir {
            out.push(("hive.conf-dir".to_string(), d.clone()));
        }
        Ok(out)
    }

    fn query_count(&self) -> u64 {
        let ms = match &self.backend {
            Backend::Metastore(ms) => ms.calls(),
            Backend::Sql(_) => 0,
        };
        ms + self.queries.load(Ordering::Relaxed)
    }

    fn notes(&self) -> Vec<Warning> {
        let mut n = lock(&self.notes).clone();
        n.extend(self.hdfs.notes());
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(opts: &[(&str, &str)]) -> SourceConfig {
        let mut c = SourceConfig::new(SourceKind::Hive, "127.0.0.1");
        for (k, v) in opts {
            c.options.insert((*k).into(), (*v).into());
        }
        c
    }

    #[test]
    fn settings() {
        let s = HiveSettings::from_config(&cfg(&[])).unwrap();
        assert_eq!(s.auth, Hs2Auth::Plain);
        assert!(s.metastore_uris.is_empty());
        assert!(s.hdfs_sizes);
        assert_eq!(s.schema_source, SchemaSource::Auto);
        let s = HiveSettings::from_config(&cfg(&[
            ("authentication", "NOSASL"),
            ("hive.metastore.uris", "thrift://a:9083, thrift://b:9083"),
            ("hive_conf_dir", "/etc/hive/conf"),
            ("hdfs_sizes", "false"),
        ]))
        .unwrap();
        assert_eq!(s.auth, Hs2Auth::NoSasl);
        assert_eq!(s.metastore_uris, vec!["thrift://a:9083", "thrift://b:9083"]);
        assert_eq!(s.hive_conf_dir.as_deref(), Some("/etc/hive/conf"));
        assert!(!s.hdfs_sizes);
        for (k, v, kind, needle) in [
            (
                "authentication",
                "KERBEROS",
                ErrorKind::Unsupported,
                "authentication",
            ),
            ("zk", "zk1:2181", ErrorKind::Unsupported, "`[db] zk`"),
            ("authentication", "zk", ErrorKind::Unsupported, "ZooKeeper"),
            (
                "authentication",
                "none_http",
                ErrorKind::Unsupported,
                "HTTP",
            ),
            (
                "authentication",
                "kerberos_http",
                ErrorKind::Unsupported,
                "Kerberos",
            ),
            (
                "serviceDiscoveryMode",
                "zooKeeper",
                ErrorKind::Unsupported,
                "serviceDiscoveryMode",
            ),
            ("authentication", "bogus", ErrorKind::Config, "bogus"),
            ("metastore_uris", "http://x", ErrorKind::Config, "thrift://"),
            (
                "transportMode",
                "http",
                ErrorKind::Unsupported,
                "transportMode",
            ),
            ("schema_source", "x", ErrorKind::Config, "schema_source"),
        ] {
            let e = HiveSettings::from_config(&cfg(&[(k, v)])).unwrap_err();
            assert_eq!(e.kind(), kind, "{k}={v}: {e}");
            assert!(e.to_string().contains(needle), "{e}");
        }
    }

    #[test]
    fn meta_pattern() {
        let dbs = vec!["a".to_string(), "b_2".to_string()];
        assert_eq!(meta_db_pattern(&dbs, 5), "a|b_2");
        assert_eq!(meta_db_pattern(&dbs, 2), "*");
        assert_eq!(meta_db_pattern(&["a-b".to_string()], 5), "*");
    }

    #[test]
    fn quoting_and_uris() {
        assert_eq!(quote_ident("a`b"), "`a``b`");
        assert_eq!(
            relocate_uri("thrift://localhost:9083", "hs2.example"),
            "thrift://hs2.example:9083"
        );
        assert_eq!(
            relocate_uri("thrift://hms:9083", "hs2.example"),
            "thrift://hms:9083"
        );
        assert_eq!(
            relocate_uri("thrift://127.0.0.1:9083", "127.0.0.1"),
            "thrift://127.0.0.1:9083"
        );
    }
}
