//! # smt-source-tidb
//!
//! Live TiDB source adapter for smt: the MySQL adapter ([`smt_source_mysql`]) plus what only
//! TiDB knows. It adds no catalog query per table: the TiDB columns of
//! `information_schema.TABLES` ride along in the MySQL adapter's `TABLES` query when the server
//! has them, and the PD addresses take one `CLUSTER_INFO` query when asked for.
//!
//! Table facts (set only when the server reports them):
//!
//! | fact | value | from |
//! |---|---|---|
//! | [`FACT_CLUSTERED_INDEX`] | `true` / `false` | `TABLES.TIDB_PK_TYPE` (`CLUSTERED` / `NONCLUSTERED`); before TiDB 5.0, `true` when the integer primary key is the row handle (`NOT_SHARDED(PK_IS_HANDLE)` or AUTO_RANDOM) |
//! | [`FACT_AUTO_RANDOM`] | shard bits, e.g. `5` | `TABLES.TIDB_ROW_ID_SHARDING_INFO = PK_AUTO_RANDOM_BITS=5`; also set on the AUTO_RANDOM column's facts |
//! | [`FACT_AUTO_RANDOM_RANGE`] | range bits, e.g. `32` | `PK_AUTO_RANDOM_BITS=2, RANGE BITS=32` |
//! | [`FACT_SHARD_ROW_ID_BITS`] | e.g. `4` | `TIDB_ROW_ID_SHARDING_INFO = SHARD_BITS=4` |
//!
//! Connection fact [`FACT_PD_ADDRESSES`]: the PD instances from
//! `SELECT INSTANCE FROM information_schema.CLUSTER_INFO WHERE TYPE = 'pd'` (TiDB 4.0+), sorted
//! and comma-joined. Without `CLUSTER_INFO`, or without the privilege to read it, there is no
//! fact and the Flink emitter falls back to `flink.cdc.pd-addresses`.
//!
//! Against a server that is not TiDB (the version has no `TiDB`), the adapter behaves exactly like
//! the MySQL one, with no TiDB facts.

use async_trait::async_trait;
use smt_catalog::{
    Filter, Result, SourceCatalog, SourceConfig, SourceFactory, SourceKind, Table, TableName,
};
use smt_source_mysql::{Extension, Flavor, MySqlCatalog, TableRow};

pub mod check;

/// Table fact: whether the primary key is clustered (`true`/`false`).
pub const FACT_CLUSTERED_INDEX: &str = "tidb.clustered_index";
/// Table (and column) fact: AUTO_RANDOM shard bits.
pub const FACT_AUTO_RANDOM: &str = "tidb.auto_random";
/// Table fact: AUTO_RANDOM range bits, when not the default 64.
pub const FACT_AUTO_RANDOM_RANGE: &str = "tidb.auto_random_range_bits";
/// Table fact: `SHARD_ROW_ID_BITS`.
pub const FACT_SHARD_ROW_ID_BITS: &str = "tidb.shard_row_id_bits";
/// Connection fact: PD addresses, comma-separated, for the `tidb-cdc` source.
pub const FACT_PD_ADDRESSES: &str = "tidb.pd-addresses";

/// The TiDB columns of `information_schema.TABLES` read when present.
pub const TABLE_COLUMNS: &[&str] = &["TIDB_PK_TYPE", "TIDB_ROW_ID_SHARDING_INFO"];

const CLUSTER_INFO_SQL: &str =
    "SELECT INSTANCE FROM information_schema.CLUSTER_INFO WHERE TYPE = ?";

/// Opens [`TidbCatalog`]s; register it for [`SourceKind::Tidb`].
#[derive(Debug, Clone, Copy, Default)]
pub struct TidbSourceFactory;

#[async_trait]
impl SourceFactory for TidbSourceFactory {
    async fn open(&self, config: &SourceConfig) -> Result<Box<dyn SourceCatalog>> {
        Ok(Box::new(TidbCatalog::open(config).await?))
    }
}

/// A live TiDB catalog: a [`MySqlCatalog`] with TiDB table facts and PD addresses.
#[derive(Debug)]
pub struct TidbCatalog {
    inner: MySqlCatalog,
}

impl TidbCatalog {
    /// Connect and identify the server (one catalog query).
    pub async fn open(config: &SourceConfig) -> Result<Self> {
        let inner = MySqlCatalog::open_with(
            config,
            Extension {
                table_columns: TABLE_COLUMNS.to_vec(),
                hook: Some(apply_table_facts),
            },
        )
        .await?;
        Ok(TidbCatalog { inner })
    }

    /// Whether the server is TiDB (its version contains `TiDB`).
    pub fn is_tidb(&self) -> bool {
        self.inner.server().flavor == Flavor::TiDb
    }

    /// The MySQL catalog underneath.
    pub fn mysql(&self) -> &MySqlCatalog {
        &self.inner
    }
}

#[async_trait]
impl SourceCatalog for TidbCatalog {
    fn kind(&self) -> SourceKind {
        SourceKind::Tidb
    }

    async fn server_version(&self) -> Result<String> {
        self.inner.server_version().await
    }

    async fn list_tables(&self, filter: &Filter) -> Result<Vec<TableName>> {
        self.inner.list_tables(filter).await
    }

    async fn describe_tables(&self, tables: &[TableName]) -> Result<Vec<Table>> {
        self.inner.describe_tables(tables).await
    }

    async fn connection_facts(&self) -> Result<Vec<(String, String)>> {
        if !self.is_tidb() || !self.inner.server().has_column("CLUSTER_INFO", "INSTANCE") {
            return Ok(Vec::new());
        }
        // CLUSTER_INFO needs the PROCESS privilege; without it the emitter falls back to
        // `flink.cdc.pd-addresses`, so a refusal is not an error here.
        let rows = match self
            .inner
            .query_text(
                CLUSTER_INFO_SQL,
                &["pd".to_string()],
                "reading information_schema.CLUSTER_INFO",
            )
            .await
        {
            Ok(rows) => rows,
            Err(e)
                if matches!(
                    e.kind(),
                    smt_catalog::ErrorKind::Permission
                        | smt_catalog::ErrorKind::Query
                        | smt_catalog::ErrorKind::NotFound
                ) =>
            {
                return Ok(Vec::new());
            }
            Err(e) => return Err(e),
        };
        Ok(pd_addresses(&rows)
            .map(|a| vec![(FACT_PD_ADDRESSES.to_string(), a)])
            .unwrap_or_default())
    }

    async fn preflight(
        &self,
        ctx: &smt_catalog::PreflightContext<'_>,
    ) -> Result<Vec<smt_catalog::CheckItem>> {
        check::preflight(self, ctx).await
    }

    fn query_count(&self) -> u64 {
        self.inner.query_count()
    }
}

/// How TiDB spreads a table's row ids, from `TIDB_ROW_ID_SHARDING_INFO`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sharding {
    /// `NOT_SHARDED`: implicit `_tidb_rowid`, not sharded.
    NotSharded,
    /// `NOT_SHARDED(PK_IS_HANDLE)`: the integer primary key is the row handle.
    PkIsHandle,
    /// `PK_AUTO_RANDOM_BITS=n[, RANGE BITS=m]`.
    AutoRandom {
        /// Shard bits.
        shard_bits: u32,
        /// Range bits, when not the default.
        range_bits: Option<u32>,
    },
    /// `SHARD_BITS=n` (`SHARD_ROW_ID_BITS`).
    ShardBits(u32),
}

/// Parse `TIDB_ROW_ID_SHARDING_INFO`; `None` for NULL-like or unknown text.
pub fn parse_sharding(info: &str) -> Option<Sharding> {
    let t = info.trim();
    let upper = t.to_ascii_uppercase();
    if upper == "NOT_SHARDED" {
        return Some(Sharding::NotSharded);
    }
    if upper == "NOT_SHARDED(PK_IS_HANDLE)" {
        return Some(Sharding::PkIsHandle);
    }
    if let Some(rest) = upper.strip_prefix("PK_AUTO_RANDOM_BITS=") {
        let mut parts = rest.split(',');
        let shard_bits = parts.next()?.trim().parse().ok()?;
        let range_bits = match parts.next() {
            Some(p) => Some(p.trim().strip_prefix("RANGE BITS=")?.trim().parse().ok()?),
            None => None,
        };
        return Some(Sharding::AutoRandom {
            shard_bits,
            range_bits,
        });
    }
    if let Some(rest) = upper.strip_prefix("SHARD_BITS=") {
        return rest.trim().parse().ok().map(Sharding::ShardBits);
    }
    None
}

/// The table hook: turn a `TABLES` row's TiDB columns into table facts (see the crate docs).
/// `extras` are the columns' raw `EXTRA` texts, aligned with `table.columns`.
pub fn apply_table_facts(row: &TableRow, extras: &[String], table: &mut Table) {
    let sharding = row
        .extras
        .get("TIDB_ROW_ID_SHARDING_INFO")
        .and_then(|s| parse_sharding(s));
    match row
        .extras
        .get("TIDB_PK_TYPE")
        .map(|s| s.trim().to_ascii_uppercase())
    {
        Some(t) if t == "CLUSTERED" => {
            table
                .facts
                .insert(FACT_CLUSTERED_INDEX.into(), "true".into());
        }
        Some(t) if t == "NONCLUSTERED" => {
            table
                .facts
                .insert(FACT_CLUSTERED_INDEX.into(), "false".into());
        }
        _ => {
            // TiDB before 5.0: only an integer primary key could be the handle.
            if matches!(
                sharding,
                Some(Sharding::PkIsHandle | Sharding::AutoRandom { .. })
            ) {
                table
                    .facts
                    .insert(FACT_CLUSTERED_INDEX.into(), "true".into());
            }
        }
    }
    match sharding {
        Some(Sharding::AutoRandom {
            shard_bits,
            range_bits,
        }) => {
            table
                .facts
                .insert(FACT_AUTO_RANDOM.into(), shard_bits.to_string());
            if let Some(r) = range_bits {
                table
                    .facts
                    .insert(FACT_AUTO_RANDOM_RANGE.into(), r.to_string());
            }
            // The AUTO_RANDOM column is the single-column integer primary key.
            let named_by_extra: Vec<&str> = table
                .columns
                .iter()
                .zip(extras)
                .filter(|(_, e)| e.to_ascii_lowercase().contains("auto_random"))
                .map(|(c, _)| c.name.as_str())
                .collect();
            let target: Option<String> = match named_by_extra.as_slice() {
                [one] => Some((*one).to_string()),
                _ => table
                    .primary_key
                    .as_ref()
                    .filter(|k| k.columns.len() == 1)
                    .map(|k| k.columns[0].clone()),
            };
            if let Some(name) = target
                && let Some(col) = table.columns.iter_mut().find(|c| c.name == name)
            {
                col.facts
                    .insert(FACT_AUTO_RANDOM.into(), shard_bits.to_string());
            }
        }
        Some(Sharding::ShardBits(n)) => {
            table
                .facts
                .insert(FACT_SHARD_ROW_ID_BITS.into(), n.to_string());
        }
        _ => {}
    }
}

/// The `tidb.pd-addresses` value from `CLUSTER_INFO` rows (first column `INSTANCE`): sorted,
/// deduplicated, comma-joined; `None` when there is no PD.
pub fn pd_addresses(rows: &[Vec<Option<String>>]) -> Option<String> {
    let mut out: Vec<String> = rows
        .iter()
        .filter_map(|r| r.first().cloned().flatten())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    out.sort();
    out.dedup();
    if out.is_empty() {
        None
    } else {
        Some(out.join(","))
    }
}
