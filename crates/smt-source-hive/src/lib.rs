//! # smt-source-hive
//!
//! Live Hive source adapter for smt (skeleton: being built).

use async_trait::async_trait;
use smt_catalog::{Error, ErrorKind, Result, SourceCatalog, SourceConfig, SourceFactory};

/// Opens Hive catalogs; register it for [`smt_catalog::SourceKind::Hive`].
#[derive(Debug, Clone, Copy, Default)]
pub struct HiveSourceFactory;

#[async_trait]
impl SourceFactory for HiveSourceFactory {
    async fn open(&self, _config: &SourceConfig) -> Result<Box<dyn SourceCatalog>> {
        Err(Error::new(
            ErrorKind::Unsupported,
            "the Hive adapter is not built yet",
        ))
    }
}
