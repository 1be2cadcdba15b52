//! Helpers for the live tests: the servers under test, per-test databases, filters.
//!
//! Servers (started by `scripts/services/hive.sh start`):
//! - `SMT_TEST_HIVE_METASTORE` (default `thrift://127.0.0.1:9083`): the Hive Metastore 2.3.9;
//! - `SMT_TEST_HIVE_HS2` (default `127.0.0.1:10000`): a HiveServer2 (Spark Thrift Server) with
//!   `NOSASL` authentication that uses that metastore; fixtures are created through it;
//! - `SMT_TEST_HIVE_HS2_PLAIN` (default `127.0.0.1:10001`): a HiveServer2 with `NONE`
//!   authentication (SASL PLAIN) and its own embedded metastore, which it does not name.
//!
//! An unreachable server fails the tests, unless `SMT_SKIP_LIVE=1` is set, in which case every
//! live test returns early.

#![allow(dead_code, unused_macros)]

/// Return early from a live test when `SMT_SKIP_LIVE=1`.
macro_rules! live {
    () => {
        if skip_live() {
            eprintln!("SMT_SKIP_LIVE=1: live Hive test skipped");
            return;
        }
    };
}

use std::time::Duration;

use smt_catalog::{Filter, RuleFilter, Secret, SourceConfig, SourceKind};
use smt_source_hive::HiveSource;
use smt_source_hive::hs2::{Hs2Auth, Hs2Client};

/// Whether live tests are switched off (`SMT_SKIP_LIVE=1`).
pub fn skip_live() -> bool {
    std::env::var("SMT_SKIP_LIVE").is_ok_and(|v| v == "1")
}

/// The metastore URI under test.
pub fn metastore_uri() -> String {
    std::env::var("SMT_TEST_HIVE_METASTORE")
        .unwrap_or_else(|_| "thrift://127.0.0.1:9083".to_string())
}

fn host_port(var: &str, default: &str) -> (String, u16) {
    let v = std::env::var(var).unwrap_or_else(|_| default.to_string());
    match v.rsplit_once(':') {
        Some((h, p)) => (
            h.to_string(),
            p.parse()
                .unwrap_or_else(|_| panic!("{var}: bad port in `{v}`")),
        ),
        None => (v, 10000),
    }
}

/// The NOSASL HiveServer2 (shares the metastore).
pub fn hs2_nosasl() -> (String, u16) {
    host_port("SMT_TEST_HIVE_HS2", "127.0.0.1:10000")
}

/// The SASL PLAIN (`NONE`) HiveServer2 (own metastore).
pub fn hs2_plain() -> (String, u16) {
    host_port("SMT_TEST_HIVE_HS2_PLAIN", "127.0.0.1:10001")
}

/// A base config for a Hive source at `host:port`.
pub fn base_config(host: &str, port: u16) -> SourceConfig {
    let mut c = SourceConfig::new(SourceKind::Hive, host);
    c.port = port;
    c.user = "smt".into();
    c.password = Secret::new("");
    c.connect_timeout = Duration::from_secs(10);
    c
}

/// Config that reads the metastore directly.
pub fn metastore_config() -> SourceConfig {
    let (h, p) = hs2_nosasl();
    let mut c = base_config(&h, p);
    c.options.insert("metastore_uris".into(), metastore_uri());
    c
}

/// Config for HiveServer2 with the given `[db] authentication` value.
pub fn hs2_config((host, port): (String, u16), authentication: &str) -> SourceConfig {
    let mut c = base_config(&host, port);
    c.options
        .insert("authentication".into(), authentication.into());
    c
}

/// A HiveServer2 session for fixtures (not the adapter).
pub async fn admin((host, port): (String, u16), auth: Hs2Auth) -> Hs2Client {
    match Hs2Client::connect(&host, port, auth, "smt", "smt", Duration::from_secs(60)).await {
        Ok(c) => c,
        Err(e) => panic!(
            "Hive test server {host}:{port} is not usable ({e}). Start the servers with \
             scripts/services/hive.sh start, point SMT_TEST_HIVE_HS2 / SMT_TEST_HIVE_HS2_PLAIN / \
             SMT_TEST_HIVE_METASTORE at others, or set SMT_SKIP_LIVE=1"
        ),
    }
}

/// Run statements one by one, panicking with the failing one.
pub async fn exec(c: &mut Hs2Client, statements: &[&str]) {
    for s in statements {
        if let Err(e) = c.query(s).await {
            panic!("fixture statement failed: {e}\n{s}");
        }
    }
}

/// A database for one test: dropped (cascade) first, created, then `statements` run in it.
pub async fn fresh_db(server: (String, u16), auth: Hs2Auth, db: &str, statements: &[&str]) {
    let mut c = admin(server, auth).await;
    exec(
        &mut c,
        &[
            &format!("DROP DATABASE IF EXISTS `{db}` CASCADE"),
            &format!("CREATE DATABASE `{db}`"),
            &format!("USE `{db}`"),
        ],
    )
    .await;
    exec(&mut c, statements).await;
    c.close().await;
}

/// Drop a test database (best effort).
pub async fn drop_db(server: (String, u16), auth: Hs2Auth, db: &str) {
    let mut c = admin(server, auth).await;
    let _ = c
        .query(&format!("DROP DATABASE IF EXISTS `{db}` CASCADE"))
        .await;
    c.close().await;
}

/// A filter with one rule per `(database, table)`.
pub fn filter(rules: &[(&str, &str)]) -> Filter {
    Filter::new(
        rules
            .iter()
            .map(|(d, t)| RuleFilter::new(d, None, t).expect("rule"))
            .collect(),
    )
}

/// Open the adapter.
pub async fn source(config: SourceConfig) -> HiveSource {
    HiveSource::connect(config)
        .await
        .unwrap_or_else(|e| panic!("adapter cannot open the test server: {e}"))
}

/// Point a table at another location directly in the metastore (Spark's `ALTER TABLE ... SET
/// LOCATION` would try to reach the file system).
pub async fn set_location(db: &str, table: &str, location: &str) {
    if let Err(e) = try_set_location(db, table, location).await {
        panic!("{e}");
    }
}

/// [`set_location`], returning failures (for clean-up of tables that may not exist).
pub async fn try_set_location(db: &str, table: &str, location: &str) -> Result<(), String> {
    use hive_metastore::ThriftHiveMetastoreClientBuilder;
    use volo_thrift::MaybeException;
    let uri = metastore_uri();
    let addr: std::net::SocketAddr =
        uri.trim_start_matches("thrift://")
            .parse()
            .unwrap_or_else(|e| {
                panic!("SMT_TEST_HIVE_METASTORE `{uri}` must be thrift://ip:port: {e}")
            });
    let client = ThriftHiveMetastoreClientBuilder::new("hms-test")
        .address(addr)
        .make_codec(volo_thrift::codec::default::DefaultMakeCodec::buffered())
        .build();
    let mut t = match client
        .get_table(db.to_string().into(), table.to_string().into())
        .await
    {
        Ok(MaybeException::Ok(t)) => t,
        Ok(MaybeException::Exception(e)) => return Err(format!("get_table {db}.{table}: {e:?}")),
        Err(e) => return Err(format!("get_table {db}.{table}: {e}")),
    };
    if let Some(sd) = t.sd.as_mut() {
        sd.location = Some(location.to_string().into());
    }
    match client
        .alter_table(db.to_string().into(), table.to_string().into(), t)
        .await
    {
        Ok(MaybeException::Ok(())) => Ok(()),
        Ok(MaybeException::Exception(e)) => Err(format!("alter_table {db}.{table}: {e:?}")),
        Err(e) => Err(format!("alter_table {db}.{table}: {e}")),
    }
}
