//! Table sizes from HDFS (`hdfs-native`) for tables whose statistics are missing.
//!
//! Never allowed to hold up a run: one overall time budget for every HDFS call of the run, the
//! client's fail-over retries turned down, and one attempt per NameNode (a failure is cached and
//! reported once as a note).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use hdfs_native::{Client, ClientBuilder};
use smt_ir::Warning;

/// The most the HDFS probes may take, all together, in one run.
pub(crate) const MAX_BUDGET: Duration = Duration::from_secs(10);

enum NameNode {
    Up(Arc<Client>),
    Down,
}

/// Reads `hdfs://` locations' content summaries within a time budget.
pub(crate) struct HdfsSizer {
    budget: Duration,
    deadline: Mutex<Option<Instant>>,
    namenodes: Mutex<BTreeMap<String, NameNode>>,
    notes: Mutex<Vec<Warning>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Split `hdfs://authority/path` into `(authority, path)`.
pub(crate) fn split_location(location: &str) -> Option<(String, String)> {
    let rest = location.trim().strip_prefix("hdfs://")?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if authority.is_empty() {
        return None;
    }
    Some((authority.to_string(), path.to_string()))
}

impl HdfsSizer {
    /// A sizer whose calls together take at most `budget` (capped at [`MAX_BUDGET`]).
    pub fn new(budget: Duration) -> Self {
        HdfsSizer {
            budget: budget.min(MAX_BUDGET),
            deadline: Mutex::new(None),
            namenodes: Mutex::new(BTreeMap::new()),
            notes: Mutex::new(Vec::new()),
        }
    }

    /// Notes about NameNodes that could not be read.
    pub fn notes(&self) -> Vec<Warning> {
        lock(&self.notes).clone()
    }

    fn remaining(&self) -> Duration {
        let mut d = lock(&self.deadline);
        let deadline = *d.get_or_insert_with(|| Instant::now() + self.budget);
        deadline.saturating_duration_since(Instant::now())
    }

    fn fail(&self, authority: &str, table: &str, why: String) {
        lock(&self.namenodes).insert(authority.to_string(), NameNode::Down);
        lock(&self.notes).push(
            Warning::warn(
                "hive-hdfs-unreachable",
                format!(
                    "cannot read table sizes from the HDFS NameNode {authority} ({why}); tables \
                     stored there without size statistics get no size (run ANALYZE TABLE ... \
                     COMPUTE STATISTICS in Hive to fill them)"
                ),
            )
            .on_table(table),
        );
    }

    /// Total length in bytes of everything under `location`, or `None` when it is not an
    /// `hdfs://` location or cannot be read in time.
    pub async fn size(&self, location: &str, table: &str) -> Option<u64> {
        let (authority, path) = split_location(location)?;
        let client = {
            let nns = lock(&self.namenodes);
            match nns.get(&authority) {
                Some(NameNode::Down) => return None,
                Some(NameNode::Up(c)) => Some(Arc::clone(c)),
                None => None,
            }
        };
        let remaining = self.remaining();
        if remaining.is_zero() {
            self.fail(&authority, table, "the HDFS time budget is used up".into());
            return None;
        }
        let client = match client {
            Some(c) => c,
            None => {
                let millis = remaining.as_millis().clamp(100, 10_000).to_string();
                let built = ClientBuilder::new()
                    .with_url(format!("hdfs://{authority}"))
                    .with_config([
                        ("dfs.client.failover.max.attempts", "1".to_string()),
                        ("dfs.client.failover.sleep.base.millis", "50".to_string()),
                        ("dfs.client.failover.sleep.max.millis", "100".to_string()),
                        ("dfs.client.socket-timeout", millis),
                    ])
                    .with_io_runtime(tokio::runtime::Handle::current())
                    .build();
                match built {
                    Ok(c) => {
                        let c = Arc::new(c);
                        lock(&self.namenodes).insert(authority.clone(), NameNode::Up(c.clone()));
                        c
                    }
                    Err(e) => {
                        self.fail(&authority, table, e.to_string());
                        return None;
                    }
                }
            }
        };
        match tokio::time::timeout(remaining, client.get_content_summary(&path)).await {
            Ok(Ok(summary)) => Some(summary.length),
            Ok(Err(hdfs_native::HdfsError::FileNotFound(_))) => Some(0),
            Ok(Err(e)) => {
                self.fail(&authority, table, e.to_string());
                None
            }
            Err(_) => {
                self.fail(
                    &authority,
                    table,
                    format!("no answer within {} s", remaining.as_secs_f32()),
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations() {
        assert_eq!(
            split_location("hdfs://nn:8020/warehouse/t"),
            Some(("nn:8020".into(), "/warehouse/t".into()))
        );
        assert_eq!(
            split_location("hdfs://ns1"),
            Some(("ns1".into(), "/".into()))
        );
        assert_eq!(split_location("file:/tmp/x"), None);
        assert_eq!(split_location("s3a://b/x"), None);
        assert_eq!(split_location("hdfs:///x"), None);
    }

    #[tokio::test]
    async fn closed_port_is_quick_and_cached() {
        // Find a closed port: bind, note the port, drop the listener.
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let sizer = HdfsSizer::new(Duration::from_secs(5));
        let loc = format!("hdfs://127.0.0.1:{port}/x");
        let t0 = Instant::now();
        assert_eq!(sizer.size(&loc, "d.t1").await, None);
        assert_eq!(sizer.size(&loc, "d.t2").await, None);
        assert!(t0.elapsed() < Duration::from_secs(6), "{:?}", t0.elapsed());
        let notes = sizer.notes();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].message.contains(&format!("127.0.0.1:{port}")));
    }
}
