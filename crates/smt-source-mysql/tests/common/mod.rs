//! Shared helpers for the live tests: where the server is, and per-test databases.
//!
//! The server is the MariaDB on 127.0.0.1:3306 (`scripts/services/mariadb.sh`), root with an
//! empty password; `SMT_TEST_MYSQL_URL=mysql://user:password@host:port` overrides it. An
//! unreachable server fails the test, unless `SMT_SKIP_LIVE=1`, which skips with a printed reason.

#![allow(dead_code)]

use std::time::Duration;

use smt_catalog::{Secret, SourceConfig, SourceKind};
use sqlx::mysql::{MySqlConnectOptions, MySqlConnection};
use sqlx::{AssertSqlSafe, Connection};

/// Where the test server is.
#[derive(Debug, Clone)]
pub struct Server {
    /// Host.
    pub host: String,
    /// Port.
    pub port: u16,
    /// User.
    pub user: String,
    /// Password.
    pub password: String,
}

impl Server {
    /// `[db]` settings for the adapter.
    pub fn config(&self) -> SourceConfig {
        let mut c = SourceConfig::new(SourceKind::Mysql, self.host.clone());
        c.port = self.port;
        c.user = self.user.clone();
        c.password = Secret::new(self.password.clone());
        c.connect_timeout = Duration::from_secs(10);
        c
    }

    /// An admin connection for fixtures.
    pub async fn admin(&self) -> MySqlConnection {
        let mut o = MySqlConnectOptions::new()
            .host(&self.host)
            .port(self.port)
            .username(&self.user);
        if !self.password.is_empty() {
            o = o.password(&self.password);
        }
        match tokio::time::timeout(Duration::from_secs(10), MySqlConnection::connect_with(&o)).await
        {
            Ok(Ok(c)) => c,
            Ok(Err(e)) => panic!("{}", unreachable_message(self, &e.to_string())),
            Err(_) => panic!("{}", unreachable_message(self, "no answer within 10 s")),
        }
    }

    /// Run a script of `;`-separated statements.
    pub async fn exec(&self, sql: &str) {
        let mut c = self.admin().await;
        if let Err(e) = sqlx::raw_sql(AssertSqlSafe(sql.to_string()))
            .execute(&mut c)
            .await
        {
            panic!("fixture SQL failed: {e}\n{sql}");
        }
    }
}

fn unreachable_message(s: &Server, why: &str) -> String {
    format!(
        "the live test server at {}:{} is not reachable ({why}); start it with \
         scripts/services/mariadb.sh, point SMT_TEST_MYSQL_URL at one, or set SMT_SKIP_LIVE=1 to \
         skip the live tests",
        s.host, s.port
    )
}

/// The test server, or `None` (with a printed reason) when `SMT_SKIP_LIVE=1`.
pub fn server() -> Option<Server> {
    if std::env::var("SMT_SKIP_LIVE").is_ok_and(|v| v == "1") {
        eprintln!("skipping live MySQL test: SMT_SKIP_LIVE=1");
        return None;
    }
    let mut s = Server {
        host: "127.0.0.1".into(),
        port: 3306,
        user: "root".into(),
        password: String::new(),
    };
    if let Ok(url) = std::env::var("SMT_TEST_MYSQL_URL") {
        let rest = url
            .strip_prefix("mysql://")
            .or_else(|| url.strip_prefix("mariadb://"))
            .unwrap_or(&url);
        let rest = rest.split('/').next().unwrap_or(rest);
        let (auth, hostport) = match rest.rsplit_once('@') {
            Some((a, h)) => (Some(a), h),
            None => (None, rest),
        };
        if let Some(a) = auth {
            match a.split_once(':') {
                Some((u, p)) => {
                    s.user = u.into();
                    s.password = p.into();
                }
                None => s.user = a.into(),
            }
        }
        match hostport.rsplit_once(':') {
            Some((h, p)) => {
                s.host = h.into();
                s.port = p.parse().expect("port in SMT_TEST_MYSQL_URL");
            }
            None => s.host = hostport.into(),
        }
    }
    Some(s)
}

/// A test's databases, named `smt_t_<test>_<suffix>`: dropped before and by [`Dbs::drop_all`].
pub struct Dbs {
    /// The server.
    pub server: Server,
    /// `smt_t_<test>_`.
    pub prefix: String,
    names: Vec<String>,
}

impl Dbs {
    /// Drop every leftover `smt_t_<test>_*` database, then create the given suffixes.
    pub async fn create(server: &Server, test: &str, suffixes: &[&str]) -> Dbs {
        let prefix = format!("smt_t_{test}_");
        let dbs = Dbs {
            server: server.clone(),
            prefix: prefix.clone(),
            names: suffixes.iter().map(|s| format!("{prefix}{s}")).collect(),
        };
        dbs.drop_leftovers().await;
        let mut sql = String::new();
        for n in &dbs.names {
            sql.push_str(&format!(
                "CREATE DATABASE `{}` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;",
                n.replace('`', "``")
            ));
        }
        server.exec(&sql).await;
        dbs
    }

    /// The full name of a suffix.
    pub fn name(&self, suffix: &str) -> String {
        format!("{}{suffix}", self.prefix)
    }

    /// Run SQL with `USE <db>` first.
    pub async fn exec_in(&self, suffix: &str, sql: &str) {
        let db = self.name(suffix).replace('`', "``");
        self.server.exec(&format!("USE `{db}`;\n{sql}")).await;
    }

    async fn drop_leftovers(&self) {
        let mut c = self.server.admin().await;
        let like = format!("{}%", self.prefix.replace('_', "\\_"));
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT CAST(SCHEMA_NAME AS CHAR) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?",
        )
        .bind(like)
        .fetch_all(&mut c)
        .await
        .expect("list leftover databases");
        let mut sql = String::new();
        for (n,) in rows {
            sql.push_str(&format!("DROP DATABASE `{}`;", n.replace('`', "``")));
        }
        if !sql.is_empty() {
            self.server.exec(&sql).await;
        }
    }

    /// Drop this test's databases.
    pub async fn drop_all(self) {
        self.drop_leftovers().await;
    }
}
