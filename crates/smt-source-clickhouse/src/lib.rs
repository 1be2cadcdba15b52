//! # smt-source-clickhouse
//!
//! Live ClickHouse source adapter for smt (skeleton: being built).

use async_trait::async_trait;
use smt_catalog::{Error, ErrorKind, Result, SourceCatalog, SourceConfig, SourceFactory};

/// Opens ClickHouse catalogs; register it for [`smt_catalog::SourceKind::Clickhouse`].
#[derive(Debug, Clone, Copy, Default)]
pub struct ClickhouseSourceFactory;

#[async_trait]
impl SourceFactory for ClickhouseSourceFactory {
    async fn open(&self, _config: &SourceConfig) -> Result<Box<dyn SourceCatalog>> {
        Err(Error::new(
            ErrorKind::Unsupported,
            "the ClickHouse adapter is not built yet",
        ))
    }
}
