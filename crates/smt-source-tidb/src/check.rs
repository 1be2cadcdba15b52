//! `smt check` for TiDB: the version and the PD addresses tidb-cdc reads from (configured or
//! discovered, and reachable). [`gather`] collects [`Facts`]; [`decide`] is pure, so recorded
//! rows are tested through the same code.

use std::time::Duration;

use smt_catalog::{CheckItem, CheckStatus, PreflightContext, Result, SourceCatalog};
use tokio::net::TcpStream;

use crate::TidbCatalog;

/// What the server and the network said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// `VERSION()` (`8.0.11-TiDB-v7.5.0`).
    pub version: String,
    /// PD addresses from `information_schema.CLUSTER_INFO` (TiDB 4.0+).
    pub discovered_pd: Option<String>,
    /// PD addresses set in the rules (`flink.cdc.pd-addresses`).
    pub configured_pd: Option<String>,
    /// Each PD address and whether a TCP connection to it succeeded.
    pub pd_reachable: Vec<(String, bool)>,
}

/// The TiDB version of a banner: `8.0.11-TiDB-v7.5.0` -> `(7, 5)`.
pub fn tidb_version(banner: &str) -> Option<(u32, u32)> {
    let lower = banner.to_ascii_lowercase();
    let rest = &lower[lower.find("tidb-")? + 5..];
    let rest = rest.trim_start_matches('v');
    let mut it = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty());
    Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
}

/// Gather the facts; each PD address is probed with a 2 s TCP connect.
pub async fn gather(catalog: &TidbCatalog, ctx: &PreflightContext<'_>) -> Result<Facts> {
    let discovered_pd = catalog
        .connection_facts()
        .await?
        .into_iter()
        .find(|(k, _)| k == crate::FACT_PD_ADDRESSES)
        .map(|(_, v)| v);
    let configured_pd = ctx
        .jobs
        .iter()
        .find_map(|j| j.option("pd-addresses").map(str::to_string));
    let list = configured_pd
        .clone()
        .or_else(|| discovered_pd.clone())
        .unwrap_or_default();
    let mut pd_reachable = Vec::new();
    for addr in list.split(',').map(str::trim).filter(|a| !a.is_empty()) {
        // Name lookup and connect together under one 2 s budget, without blocking the runtime.
        let ok = matches!(
            tokio::time::timeout(Duration::from_secs(2), TcpStream::connect(addr)).await,
            Ok(Ok(_))
        );
        pd_reachable.push((addr.to_string(), ok));
    }
    Ok(Facts {
        version: catalog.mysql().server().version.clone(),
        discovered_pd,
        configured_pd,
        pd_reachable,
    })
}

/// Gather and decide.
pub async fn preflight(
    catalog: &TidbCatalog,
    ctx: &PreflightContext<'_>,
) -> Result<Vec<CheckItem>> {
    let facts = gather(catalog, ctx).await?;
    Ok(decide(&facts))
}

/// Decide the TiDB items (pure).
pub fn decide(facts: &Facts) -> Vec<CheckItem> {
    let mut items = Vec::new();
    let version = tidb_version(&facts.version);
    items.push(
        CheckItem::new(
            "tidb.version",
            "TiDB version supported by tidb-cdc",
            match version {
                Some(v) if v >= (4, 0) => CheckStatus::Pass,
                Some(_) => CheckStatus::Warn,
                None => CheckStatus::Fail,
            },
            format!("VERSION() = {}", facts.version),
            "tidb-cdc reads TiKV directly and is tested with TiDB 5.x and later; before 4.0 \
             the PD addresses cannot be discovered",
        )
        .fix_unless_pass(match version {
            Some(_) => "upgrade TiDB to 5.x or later (or set `flink.cdc.pd-addresses` for 4.0-)",
            None => "this server is not TiDB: set `[db] type = mysql`",
        }),
    );
    let addresses = facts
        .configured_pd
        .as_deref()
        .or(facts.discovered_pd.as_deref());
    items.push(match addresses {
        None => CheckItem::new(
            "tidb.pd_addresses",
            "PD addresses known",
            CheckStatus::Fail,
            "no `flink.cdc.pd-addresses` in the rules and none in information_schema.CLUSTER_INFO",
            "tidb-cdc connects to PD, not to the TiDB SQL port; smt generate refuses without them",
        )
        .with_fix("set `flink.cdc.pd-addresses = <pd-host>:2379` in the rule"),
        Some(a) => CheckItem::new(
            "tidb.pd_addresses",
            "PD addresses known",
            CheckStatus::Pass,
            format!(
                "{a} ({})",
                if facts.configured_pd.is_some() {
                    "from the rules"
                } else {
                    "discovered"
                }
            ),
            "tidb-cdc connects to PD",
        ),
    });
    let down: Vec<&str> = facts
        .pd_reachable
        .iter()
        .filter(|(_, ok)| !ok)
        .map(|(a, _)| a.as_str())
        .collect();
    if !facts.pd_reachable.is_empty() {
        items.push(
            CheckItem::new(
                "tidb.pd_reachable",
                "PD reachable",
                if down.is_empty() {
                    CheckStatus::Pass
                } else if down.len() < facts.pd_reachable.len() {
                    CheckStatus::Warn
                } else {
                    CheckStatus::Fail
                },
                if down.is_empty() {
                    format!("{} PD address(es) answer", facts.pd_reachable.len())
                } else {
                    format!("no answer from {}", down.join(", "))
                },
                "the Flink task managers read changes through PD and TiKV; this checks from \
                 this machine only",
            )
            .fix_unless_pass(
                "open the PD port (2379) and the TiKV ports (20160) to the Flink cluster, or \
                 correct `flink.cdc.pd-addresses` (the cluster's internal names may not resolve \
                 outside it)",
            ),
        );
    }
    items
}

#[cfg(test)]
mod tests {
    //! Recorded rows, no TiDB server here.
    use super::*;

    #[test]
    fn recorded_tidb_7_discovered_pd_down() {
        let f = Facts {
            version: "8.0.11-TiDB-v7.5.0".into(),
            discovered_pd: Some("pd0:2379,pd1:2379".into()),
            configured_pd: None,
            pd_reachable: vec![("pd0:2379".into(), false), ("pd1:2379".into(), false)],
        };
        let items = decide(&f);
        assert_eq!(items[0].status, CheckStatus::Pass);
        assert_eq!(items[1].status, CheckStatus::Pass);
        assert_eq!(items[2].status, CheckStatus::Fail);
        assert!(items[2].fix.as_deref().unwrap_or("").contains("2379"));
    }

    #[test]
    fn recorded_tidb_3_without_pd() {
        let f = Facts {
            version: "5.7.25-TiDB-v3.0.20".into(),
            ..Facts::default()
        };
        let items = decide(&f);
        assert_eq!(items[0].status, CheckStatus::Warn);
        assert_eq!(items[1].status, CheckStatus::Fail);
        assert_eq!(
            items[1].fix.as_deref(),
            Some("set `flink.cdc.pd-addresses = <pd-host>:2379` in the rule")
        );
        assert_eq!(tidb_version("8.0.11-TiDB-v7.5.0"), Some((7, 5)));
        assert_eq!(tidb_version("10.11.6-MariaDB"), None);
    }
}
