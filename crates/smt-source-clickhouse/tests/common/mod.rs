//! Helpers for the live tests: the two servers under test, per-test databases, filters.
//!
//! - the OLD server is `SMT_TEST_CLICKHOUSE_URL` (`http://user[:password]@host:port`, default
//!   `http://default@127.0.0.1:8123`, ClickHouse 18.16 from scripts/services/clickhouse.sh);
//! - the MODERN server is `SMT_TEST_CHDB_URL` (default `http://default@127.0.0.1:8124`, chDB
//!   26.x behind scripts/services/chdb_http.py, from scripts/services/chdb.sh).
//!
//! An unreachable server fails the tests, unless `SMT_SKIP_LIVE=1` is set, in which case every
//! live test returns early with a printed reason.

#![allow(dead_code, unused_macros, clippy::unwrap_used)]

/// Return early from a live test when `SMT_SKIP_LIVE=1`.
macro_rules! live {
    () => {
        if skip_live() {
            eprintln!("SMT_SKIP_LIVE=1: live ClickHouse test skipped");
            return;
        }
    };
}

use std::time::Duration;

use clickhouse::{Client, Compression};
use smt_catalog::{Filter, RuleFilter, Secret, SourceConfig, SourceKind};
use smt_source_clickhouse::ClickhouseSource;

/// Which server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// ClickHouse 18.16 (old system tables, old error texts).
    Old,
    /// chDB 26.x behind the HTTP front.
    Modern,
}

/// Where a test server is.
#[derive(Debug, Clone)]
pub struct Server {
    pub which: Which,
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: String,
}

/// Whether live tests are switched off (`SMT_SKIP_LIVE=1`).
pub fn skip_live() -> bool {
    std::env::var("SMT_SKIP_LIVE").is_ok_and(|v| v == "1")
}

/// The server under test.
pub fn server(which: Which) -> Server {
    let (var, default) = match which {
        Which::Old => ("SMT_TEST_CLICKHOUSE_URL", "http://default@127.0.0.1:8123"),
        Which::Modern => ("SMT_TEST_CHDB_URL", "http://default@127.0.0.1:8124"),
    };
    let url = std::env::var(var).unwrap_or_else(|_| default.to_string());
    let rest = url.strip_prefix("http://").unwrap_or(&url);
    let rest = rest.split('/').next().unwrap_or(rest);
    let (cred, addr) = rest.rsplit_once('@').unwrap_or(("default", rest));
    let (user, password) = cred.split_once(':').unwrap_or((cred, ""));
    let (host, port) = match addr.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse().expect("port in the test URL")),
        None => (addr.to_string(), 8123),
    };
    Server {
        which,
        host,
        port,
        user: user.to_string(),
        password: password.to_string(),
    }
}

/// The adapter configuration for a test server.
pub fn config(which: Which) -> SourceConfig {
    let s = server(which);
    let mut c = SourceConfig::new(SourceKind::Clickhouse, s.host);
    c.port = s.port;
    c.user = s.user;
    c.password = Secret::new(s.password);
    c.connect_timeout = Duration::from_secs(10);
    c
}

fn admin(which: Which) -> Client {
    let s = server(which);
    let mut c = Client::default()
        .with_url(format!("http://{}:{}", s.host, s.port))
        .with_compression(Compression::None)
        .with_validation(false)
        .with_user(s.user);
    if !s.password.is_empty() {
        c = c.with_password(s.password);
    }
    c
}

/// Run statements one by one (the chDB front takes one statement per request).
pub async fn exec(which: Which, statements: &[&str]) {
    let c = admin(which);
    let s = server(which);
    for st in statements {
        match tokio::time::timeout(Duration::from_secs(60), c.query_raw(st).execute()).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => panic!(
                "{which:?} ClickHouse test server {}:{} failed `{st}`: {e}. Start it with \
                 scripts/services/{}.sh start, or set SMT_SKIP_LIVE=1",
                s.host,
                s.port,
                if which == Which::Old {
                    "clickhouse"
                } else {
                    "chdb"
                }
            ),
            Err(_) => panic!(
                "{which:?} ClickHouse test server {}:{} did not answer within 60 s",
                s.host, s.port
            ),
        }
    }
}

/// A database for one test: dropped, created, filled with `statements` (`{db}` is replaced by
/// the quoted database name).
pub async fn fresh_db(which: Which, db: &str, statements: &[&str]) {
    let q = quote(db);
    let mut all = vec![
        format!("DROP DATABASE IF EXISTS {q}"),
        format!("CREATE DATABASE {q}"),
    ];
    all.extend(statements.iter().map(|s| s.replace("{db}", &q)));
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    exec(which, &refs).await;
}

/// Drop a test database.
pub async fn drop_db(which: Which, db: &str) {
    exec(which, &[&format!("DROP DATABASE IF EXISTS {}", quote(db))]).await;
}

/// A backquoted identifier.
pub fn quote(name: &str) -> String {
    format!("`{}`", name.replace('\\', "\\\\").replace('`', "\\`"))
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

/// Open the adapter on a test server.
pub async fn source(which: Which) -> ClickhouseSource {
    ClickhouseSource::connect(config(which))
        .await
        .unwrap_or_else(|e| {
            panic!(
                "adapter cannot open the {which:?} test server: {e}. Start it with \
                 scripts/services/{}.sh start, or set SMT_SKIP_LIVE=1",
                if which == Which::Old {
                    "clickhouse"
                } else {
                    "chdb"
                }
            )
        })
}
