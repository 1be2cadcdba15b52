//! Helpers for the live tests: the server under test, per-test databases, filters.
//!
//! The server is `SMT_TEST_PG_URL` (`postgres://user[:password]@host[:port]`) or
//! `postgres://postgres@127.0.0.1:5432`. An unreachable server fails the tests, unless
//! `SMT_SKIP_LIVE=1` is set, in which case every live test returns early.

#![allow(dead_code, unused_macros)]

/// Return early from a live test when `SMT_SKIP_LIVE=1`.
macro_rules! live {
    () => {
        if skip_live() {
            eprintln!("SMT_SKIP_LIVE=1: live PostgreSQL test skipped");
            return;
        }
    };
}

use std::time::Duration;

use smt_catalog::{Filter, RuleFilter, Secret, SourceConfig, SourceKind};
use smt_source_postgres::PostgresSource;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgSslMode};
use sqlx::{Connection, Executor};

/// Where the test server is.
#[derive(Debug, Clone)]
pub struct Server {
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
pub fn server() -> Server {
    let url = std::env::var("SMT_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_string());
    let rest = url
        .strip_prefix("postgres://")
        .or_else(|| url.strip_prefix("postgresql://"))
        .unwrap_or(&url);
    let rest = rest.split('/').next().unwrap_or(rest);
    let (cred, addr) = rest.rsplit_once('@').unwrap_or(("postgres", rest));
    let (user, password) = cred.split_once(':').unwrap_or((cred, ""));
    let (host, port) = match addr.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse().expect("SMT_TEST_PG_URL port")),
        None => (addr.to_string(), 5432),
    };
    Server {
        host,
        port,
        user: user.to_string(),
        password: password.to_string(),
    }
}

/// The adapter configuration for the test server.
pub fn config() -> SourceConfig {
    let s = server();
    let mut c = SourceConfig::new(SourceKind::Pgsql, s.host);
    c.port = s.port;
    c.user = s.user;
    c.password = Secret::new(s.password);
    c.connect_timeout = Duration::from_secs(10);
    c
}

/// An admin connection (driver only, not the adapter) to `database`.
pub async fn admin(database: &str) -> PgConnection {
    let s = server();
    let mut o = PgConnectOptions::new_without_pgpass()
        .host(&s.host)
        .port(s.port)
        .username(&s.user)
        .database(database)
        .ssl_mode(PgSslMode::Prefer);
    if !s.password.is_empty() {
        o = o.password(&s.password);
    }
    match tokio::time::timeout(Duration::from_secs(15), PgConnection::connect_with(&o)).await {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => panic!(
            "PostgreSQL test server {}:{} is not usable ({e}). Start one with \
             scripts/services/postgres.sh, point SMT_TEST_PG_URL at one, or set SMT_SKIP_LIVE=1",
            s.host, s.port
        ),
        Err(_) => panic!(
            "PostgreSQL test server {}:{} did not answer within 15 s. Start one with \
             scripts/services/postgres.sh or set SMT_SKIP_LIVE=1",
            s.host, s.port
        ),
    }
}

/// Run a multi-statement script.
pub async fn exec(conn: &mut PgConnection, script: &str) {
    conn.execute(sqlx::raw_sql(sqlx::AssertSqlSafe(script.to_string())))
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"));
}

/// A database for one test: dropped first, created, filled with `script`.
pub async fn fresh_db(name: &str, script: &str) {
    let mut a = admin("postgres").await;
    drop_db_with(&mut a, name).await;
    exec(
        &mut a,
        &format!("CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"),
    )
    .await;
    a.close().await.ok();
    let mut c = admin(name).await;
    exec(&mut c, script).await;
    c.close().await.ok();
}

async fn drop_db_with(a: &mut PgConnection, name: &str) {
    exec(
        a,
        &format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"),
    )
    .await;
}

/// Drop a test database.
pub async fn drop_db(name: &str) {
    let mut a = admin("postgres").await;
    drop_db_with(&mut a, name).await;
    a.close().await.ok();
}

/// A filter with one rule per `(database, schema, table)`.
pub fn filter(rules: &[(&str, Option<&str>, &str)]) -> Filter {
    Filter::new(
        rules
            .iter()
            .map(|(d, s, t)| RuleFilter::new(d, *s, t).expect("rule"))
            .collect(),
    )
}

/// Open the adapter on the test server.
pub async fn source() -> PostgresSource {
    PostgresSource::connect(config())
        .await
        .unwrap_or_else(|e| panic!("adapter cannot open the test server: {e}"))
}
