//! # smt-catalog
//!
//! The contract between smt and its source adapters: the [`SourceCatalog`] trait, the
//! [`SourceConfig`] an adapter connects with, the [`Registry`] from [`SourceKind`] to adapter,
//! the [`Filter`] built from the table rules, and one [`Error`] type.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
pub use smt_ir::{Catalog, Secret, SourceKind, Table, TableName};

mod error;
mod filter;
pub mod native;
pub mod preflight;

pub use error::{Error, ErrorKind, Result, redact};
pub use filter::{Filter, Pattern, RuleFilter};
pub use preflight::PreflightContext;
pub use smt_ir::{CheckItem, CheckStatus};

/// What an adapter is given to connect: the `[db]` section, typed.
#[derive(Clone)]
pub struct SourceConfig {
    /// Source kind (`[db] type`).
    pub kind: SourceKind,
    /// Host (`[db] host`).
    pub host: String,
    /// Port (`[db] port`).
    pub port: u16,
    /// User (`[db] user`).
    pub user: String,
    /// Password (`[db] password`); never printed.
    pub password: Secret,
    /// How long to wait for the first connection (default 10 s).
    pub connect_timeout: Duration,
    /// Every other `[db]` key verbatim (`authentication`, `tls`, `ddl_file`, ...).
    pub options: BTreeMap<String, String>,
}

impl SourceConfig {
    /// A config with the kind's default port and no options.
    pub fn new(kind: SourceKind, host: impl Into<String>) -> Self {
        SourceConfig {
            kind,
            host: host.into(),
            port: kind.default_port(),
            user: String::new(),
            password: Secret::default(),
            connect_timeout: Duration::from_secs(10),
            options: BTreeMap::new(),
        }
    }

    /// An option value, if set and not empty.
    pub fn option(&self, key: &str) -> Option<&str> {
        self.options
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// `host:port`, for messages.
    pub fn address(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

impl fmt::Debug for SourceConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceConfig")
            .field("kind", &self.kind)
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.user)
            .field("password", &self.password)
            .field("connect_timeout", &self.connect_timeout)
            .field("options", &self.options.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// A live (or offline) source that can be asked about its schema.
///
/// Adapters read their native catalog and return neutral [`Table`]s; they know nothing about
/// StarRocks or Flink. Implementations should use a constant number of catalog queries per call,
/// whatever the number of tables.
#[async_trait]
pub trait SourceCatalog: Send + Sync {
    /// The kind of source.
    fn kind(&self) -> SourceKind;

    /// The server's version banner.
    async fn server_version(&self) -> Result<String>;

    /// Every base table (no views) matched by at least one rule of the filter, in a stable order.
    async fn list_tables(&self, filter: &Filter) -> Result<Vec<TableName>>;

    /// Describe many tables at once: columns, keys, comments, sizes and facts. The result is in
    /// the order of `tables`; a table that disappeared in between is left out.
    async fn describe_tables(&self, tables: &[TableName]) -> Result<Vec<Table>>;

    /// Facts the generated jobs need that only the source knows (e.g. `tidb.pd-addresses`).
    async fn connection_facts(&self) -> Result<Vec<(String, String)>> {
        Ok(Vec::new())
    }

    /// How many catalog queries this adapter has sent so far (reported by benchmarks).
    fn query_count(&self) -> u64 {
        0
    }

    /// Problems the adapter worked around while reading (statements of a dump it could not
    /// parse, objects it skipped), for the run report. Nothing here stops the run.
    fn notes(&self) -> Vec<smt_ir::Warning> {
        Vec::new()
    }

    /// Check the prerequisites of the generated jobs on this source (`smt check`): one item per
    /// prerequisite, each with what was found and the fix. The source is never changed.
    ///
    /// The default checks that every matched table can be described again (one
    /// `source.tables_readable` item); CDC adapters check their log, privileges and keys.
    async fn preflight(&self, ctx: &PreflightContext<'_>) -> Result<Vec<CheckItem>> {
        preflight::default_preflight(self, ctx).await
    }
}

/// Builds a [`SourceCatalog`] from a [`SourceConfig`].
#[async_trait]
pub trait SourceFactory: Send + Sync {
    /// Connect (or open files) and return the catalog.
    async fn open(&self, config: &SourceConfig) -> Result<Box<dyn SourceCatalog>>;
}

/// A run-time table from source kind to adapter factory.
#[derive(Default, Clone)]
pub struct Registry {
    factories: BTreeMap<SourceKind, Arc<dyn SourceFactory>>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Registry::default()
    }

    /// Register (or replace) the adapter for a kind.
    pub fn register(&mut self, kind: SourceKind, factory: Arc<dyn SourceFactory>) {
        self.factories.insert(kind, factory);
    }

    /// The kinds that have an adapter.
    pub fn kinds(&self) -> Vec<SourceKind> {
        self.factories.keys().copied().collect()
    }

    /// The factory for a kind.
    pub fn get(&self, kind: SourceKind) -> Option<Arc<dyn SourceFactory>> {
        self.factories.get(&kind).cloned()
    }

    /// Open a source through its registered adapter.
    pub async fn open(&self, config: &SourceConfig) -> Result<Box<dyn SourceCatalog>> {
        match self.get(config.kind) {
            Some(f) => f.open(config).await,
            None => {
                let names: Vec<&str> = self.kinds().iter().map(|k| k.as_str()).collect();
                Err(Error::new(
                    ErrorKind::Unsupported,
                    format!(
                        "no live adapter for source type `{}` is built into this smt (available: {}); \
                         set `[db] ddl_file` to read a schema dump instead",
                        config.kind,
                        if names.is_empty() {
                            "none".to_string()
                        } else {
                            names.join(", ")
                        }
                    ),
                ))
            }
        }
    }
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.factories.keys()).finish()
    }
}

/// Read a whole catalog: list what the filter matches, then describe it in bulk.
pub async fn read_catalog(source: &dyn SourceCatalog, filter: &Filter) -> Result<Catalog> {
    let version = source.server_version().await.ok();
    let names = source.list_tables(filter).await?;
    let tables = if names.is_empty() {
        Vec::new()
    } else {
        source.describe_tables(&names).await?
    };
    Ok(Catalog {
        source: source.kind(),
        server_version: version,
        tables,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed(Vec<Table>);

    #[async_trait]
    impl SourceCatalog for Fixed {
        fn kind(&self) -> SourceKind {
            SourceKind::Mysql
        }
        async fn server_version(&self) -> Result<String> {
            Ok("test".into())
        }
        async fn list_tables(&self, filter: &Filter) -> Result<Vec<TableName>> {
            Ok(self
                .0
                .iter()
                .filter(|t| filter.matches(&t.name))
                .map(|t| t.name.clone())
                .collect())
        }
        async fn describe_tables(&self, tables: &[TableName]) -> Result<Vec<Table>> {
            Ok(self
                .0
                .iter()
                .filter(|t| tables.contains(&t.name))
                .cloned()
                .collect())
        }
    }

    struct FixedFactory;

    #[async_trait]
    impl SourceFactory for FixedFactory {
        async fn open(&self, _c: &SourceConfig) -> Result<Box<dyn SourceCatalog>> {
            Ok(Box::new(Fixed(vec![
                Table::new(TableName::new("shop", "orders")),
                Table::new(TableName::new("other", "x")),
            ])))
        }
    }

    #[tokio::test]
    async fn registry_and_read() {
        let mut reg = Registry::new();
        reg.register(SourceKind::Mysql, Arc::new(FixedFactory));
        let src = reg
            .open(&SourceConfig::new(SourceKind::Mysql, "127.0.0.1"))
            .await
            .unwrap();
        let filter = Filter::new(vec![RuleFilter::new("^shop$", None, ".*").unwrap()]);
        let cat = read_catalog(src.as_ref(), &filter).await.unwrap();
        assert_eq!(cat.tables.len(), 1);
        assert_eq!(cat.server_version.as_deref(), Some("test"));

        let err = match reg
            .open(&SourceConfig::new(SourceKind::Oracle, "127.0.0.1"))
            .await
        {
            Err(e) => e,
            Ok(_) => panic!("oracle is not registered"),
        };
        assert_eq!(err.kind(), ErrorKind::Unsupported);
        assert!(err.to_string().contains("mysql"));
    }

    #[test]
    fn config_debug_hides_password() {
        let mut c = SourceConfig::new(SourceKind::Mysql, "h");
        c.password = Secret::new("pw-123");
        assert!(!format!("{c:?}").contains("pw-123"));
    }
}
