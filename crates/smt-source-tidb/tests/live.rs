//! The TiDB adapter against the MariaDB on 127.0.0.1:3306 (TiDB itself cannot run here): it must
//! behave like the MySQL adapter and add no TiDB facts. `SMT_TEST_MYSQL_URL` overrides the
//! server (`mysql://user:password@host:port`); an unreachable server fails the test unless
//! `SMT_SKIP_LIVE=1`.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use smt_catalog::{Filter, RuleFilter, Secret, SourceConfig, SourceFactory, SourceKind};
use smt_source_tidb::{TidbCatalog, TidbSourceFactory};

fn config() -> Option<SourceConfig> {
    if std::env::var("SMT_SKIP_LIVE").is_ok_and(|v| v == "1") {
        eprintln!("skipping live TiDB-adapter test: SMT_SKIP_LIVE=1");
        return None;
    }
    let mut c = SourceConfig::new(SourceKind::Tidb, "127.0.0.1");
    c.port = 3306;
    c.user = "root".into();
    c.connect_timeout = Duration::from_secs(10);
    if let Ok(url) = std::env::var("SMT_TEST_MYSQL_URL") {
        let rest = url.strip_prefix("mysql://").unwrap_or(&url);
        let rest = rest.split('/').next().unwrap_or(rest);
        let (auth, hostport) = rest.rsplit_once('@').unwrap_or(("", rest));
        if !auth.is_empty() {
            let (u, p) = auth.split_once(':').unwrap_or((auth, ""));
            c.user = u.into();
            c.password = Secret::new(p);
        }
        let (h, p) = hostport.rsplit_once(':').unwrap_or((hostport, "3306"));
        c.host = h.into();
        c.port = p.parse().expect("port in SMT_TEST_MYSQL_URL");
    }
    Some(c)
}

#[tokio::test]
async fn behaves_like_mysql_on_a_non_tidb_server() {
    let Some(c) = config() else { return };
    let src = TidbSourceFactory.open(&c).await.unwrap_or_else(|e| {
        panic!("start scripts/services/mariadb.sh or set SMT_SKIP_LIVE=1: {e}")
    });
    assert_eq!(src.kind(), SourceKind::Tidb);
    assert!(src.connection_facts().await.unwrap().is_empty());
    let filter = Filter::new(vec![
        RuleFilter::new("^mysql$", None, "^(db|proxies_priv)$").unwrap(),
    ]);
    let names = src.list_tables(&filter).await.unwrap();
    assert!(!names.is_empty());
    let tables = src.describe_tables(&names).await.unwrap();
    assert_eq!(tables.len(), names.len());
    assert!(
        tables
            .iter()
            .all(|t| t.facts.keys().all(|k| !k.starts_with("tidb.")))
    );
    assert!(tables.iter().all(|t| t.primary_key.is_some()));

    let direct = TidbCatalog::open(&c).await.unwrap();
    assert!(!direct.is_tidb());
}

#[tokio::test]
async fn connect_errors_name_tidb() {
    if config().is_none() {
        return;
    }
    let mut c = SourceConfig::new(SourceKind::Tidb, "127.0.0.1");
    c.port = 1;
    let e = TidbCatalog::open(&c).await.unwrap_err();
    assert!(
        e.to_string()
            .contains("cannot connect to TiDB at 127.0.0.1:1: connection refused"),
        "{e}"
    );
}
