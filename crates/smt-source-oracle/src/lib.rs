//! # smt-source-oracle
//!
//! Live Oracle source adapter for smt: reads the `ALL_*` dictionary views through the `oracle`
//! crate (ODPI-C, which loads Oracle Instant Client at run time) and returns neutral
//! [`smt_ir::Table`]s.
//!
//! - [`OracleSourceFactory`] opens the source from a [`SourceConfig`] (`[db] host/port/user/
//!   password`; optional `options["service_name"]` to connect at open time). Each table rule's
//!   `database` is used **literally as the service name** (`//host:port/<database>`), as the
//!   original tool did; the rule's `schema` pattern selects owners (system owners excluded, see
//!   [`model::SYSTEM_OWNERS`]).
//! - Per service the adapter sends a constant number of queries: three for the session facts
//!   (version banner, `V$DATABASE.CDB`, character sets), one to list tables and four to describe
//!   them (tables, columns, P/U constraints, unique indexes), whatever the number of tables.
//! - When the database is a CDB, [`SourceCatalog::connection_facts`] reports its name as
//!   `oracle.cdb-name` (the Flink emitter then sets `database-name` to it and
//!   `debezium.database.pdb.name` to the rule's database).
//! - The rows become IR through the pure functions of [`model`], where every type and key rule
//!   lives and is tested.
//! - Cargo feature `oracle-client` (on by default) links the `oracle` crate. Without it, or
//!   without Instant Client on the machine, opening the source fails with
//!   [`ErrorKind::Unsupported`](smt_catalog::ErrorKind::Unsupported) and says what to install.
//!
//! This crate knows nothing about StarRocks or Flink.

use std::collections::BTreeSet;

use async_trait::async_trait;
use smt_catalog::{Filter, Result, SourceCatalog, SourceConfig, SourceFactory};

pub mod check;
pub mod errors;
#[cfg(feature = "oracle-client")]
mod live;
pub mod model;
pub mod sql;

#[cfg(feature = "oracle-client")]
pub use live::OracleSource;

/// Opens the Oracle source; register it for [`smt_catalog::SourceKind::Oracle`].
#[derive(Debug, Default, Clone, Copy)]
pub struct OracleSourceFactory;

#[async_trait]
impl SourceFactory for OracleSourceFactory {
    async fn open(&self, config: &SourceConfig) -> Result<Box<dyn SourceCatalog>> {
        #[cfg(feature = "oracle-client")]
        {
            Ok(Box::new(OracleSource::connect(config.clone()).await?))
        }
        #[cfg(not(feature = "oracle-client"))]
        {
            let _ = config;
            Err(errors::not_built())
        }
    }
}

/// Whether this build can talk to Oracle at all (the `oracle-client` feature).
pub const CLIENT_BUILT_IN: bool = cfg!(feature = "oracle-client");

/// The service names the rules connect to: each rule's `database` used literally (a `^NAME$`
/// pattern counts as `NAME`), deduplicated and sorted.
pub fn service_names(filter: &Filter) -> Vec<String> {
    let set: BTreeSet<String> = filter
        .rules
        .iter()
        .map(|r| {
            r.database
                .literal()
                .unwrap_or_else(|| r.database.as_str().to_string())
        })
        .filter(|s| !s.is_empty())
        .collect();
    set.into_iter().collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use smt_catalog::RuleFilter;

    #[test]
    fn services_are_the_literal_database_values() {
        let f = Filter::new(vec![
            RuleFilter::new("^ORCLPDB1$", Some("^APP$"), ".*").unwrap(),
            RuleFilter::new("pdb2.example.com", Some("SALES"), "^ORDERS_\\d+$").unwrap(),
            RuleFilter::new("ORCLPDB1", None, "X").unwrap(),
        ]);
        assert_eq!(service_names(&f), vec!["ORCLPDB1", "pdb2.example.com"]);
    }
}
