//! # smt-target-starrocks
//!
//! The live StarRocks side of smt: connects to a StarRocks FE over the MySQL protocol (the
//! host and port of `flink.starrocks.jdbc-url`) and checks what the generated DDL and jobs need:
//! the version (which fills the target version profile), the number of alive backends (compared
//! with `[other] be_num`) and the user's CREATE privileges.
//!
//! The work is split in a *gather* part ([`gather`]: three read-only statements under a timeout)
//! and a pure *decide* part ([`decide`]), so recorded answers go through the same decision code.
//! [`check`] runs both and never fails: an unreachable FE gives a warning item.
//!
//! This crate depends on no emitter and no source adapter.

use std::time::Duration;

use smt_ir::{CheckItem, CheckStatus, Secret, StarRocksVersion, TargetFacts};
use sqlx::mysql::{MySqlConnectOptions, MySqlConnection, MySqlRow, MySqlSslMode};
use sqlx::{Column, Connection, Row};

/// Why the StarRocks FE could not be asked.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `flink.starrocks.jdbc-url` is not `jdbc:mysql://host[:port][/...]`.
    #[error("`{0}` is not a jdbc:mysql://host:port URL")]
    BadUrl(String),
    /// The FE did not answer or refused the login.
    #[error("cannot connect to StarRocks at {address}: {message}")]
    Connect {
        /// `host:port`.
        address: String,
        /// What went wrong (never the password).
        message: String,
    },
    /// A statement failed.
    #[error("StarRocks at {address}: `{statement}` failed: {message}")]
    Query {
        /// `host:port`.
        address: String,
        /// The statement.
        statement: String,
        /// What went wrong (never the password).
        message: String,
    },
}

/// Where and how to reach the StarRocks FE, and what the plan assumed about it.
#[derive(Debug, Clone)]
pub struct TargetConfig {
    /// `flink.starrocks.jdbc-url` (`jdbc:mysql://fe:9030`).
    pub jdbc_url: String,
    /// `flink.starrocks.username`.
    pub user: String,
    /// `flink.starrocks.password` (never printed).
    pub password: Secret,
    /// `[other] be_num`.
    pub be_num: u32,
    /// `[other] starrocks_version`: the version the DDL is written for.
    pub configured_version: StarRocksVersion,
    /// Connect and statement timeout.
    pub timeout: Duration,
}

/// What the FE answered (recorded in tests).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// `SELECT current_version()` (or `version_comment`).
    pub version: Option<String>,
    /// `Alive` of every row of `SHOW BACKENDS` (and `SHOW COMPUTE NODES` when there are no
    /// backends).
    pub backends_alive: Vec<bool>,
    /// Whether `SHOW BACKENDS` could be read (it needs a privilege).
    pub backends_readable: bool,
    /// The text of every `SHOW GRANTS` row (all columns joined).
    pub grants: Vec<String>,
}

/// `host` and `port` of a `jdbc:mysql://host[:port][/db][?...]` URL (port 9030 when absent).
pub fn parse_jdbc_url(url: &str) -> Result<(String, u16), Error> {
    let bad = || Error::BadUrl(url.to_string());
    let rest = url
        .trim()
        .strip_prefix("jdbc:mysql://")
        .or_else(|| url.trim().strip_prefix("jdbc:mariadb://"))
        .ok_or_else(bad)?;
    // several FEs: `fe1:9030,fe2:9030` -> the first
    let authority = rest
        .split(['/', '?'])
        .next()
        .and_then(|a| a.split(',').next())
        .unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    if authority.is_empty() {
        return Err(bad());
    }
    if let Some(v6) = authority.strip_prefix('[') {
        let (host, after) = v6.split_once(']').ok_or_else(bad)?;
        let port = match after.strip_prefix(':') {
            Some(p) => p.parse().map_err(|_| bad())?,
            None => 9030,
        };
        return Ok((host.to_string(), port));
    }
    match authority.rsplit_once(':') {
        Some((host, port)) if !host.is_empty() => {
            Ok((host.to_string(), port.parse().map_err(|_| bad())?))
        }
        Some(_) => Err(bad()),
        None => Ok((authority.to_string(), 9030)),
    }
}

fn redacted(text: &str, secret: &Secret) -> String {
    if secret.is_empty() {
        text.to_string()
    } else {
        text.replace(secret.expose(), "***")
    }
}

fn cells(row: &MySqlRow) -> Vec<(String, Option<String>)> {
    row.columns()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let v = row
                .try_get::<Option<String>, _>(i)
                .ok()
                .flatten()
                .or_else(|| {
                    row.try_get::<Option<Vec<u8>>, _>(i)
                        .ok()
                        .flatten()
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                })
                .or_else(|| {
                    row.try_get::<Option<i64>, _>(i)
                        .ok()
                        .flatten()
                        .map(|n| n.to_string())
                });
            (c.name().to_string(), v)
        })
        .collect()
}

/// Ask the FE (read-only): version, backends, grants. Traffic goes only to the URL's host.
pub async fn gather(cfg: &TargetConfig) -> Result<Facts, Error> {
    let (host, port) = parse_jdbc_url(&cfg.jdbc_url)?;
    let address = format!("{host}:{port}");
    let mut opts = MySqlConnectOptions::new()
        .host(&host)
        .port(port)
        .username(&cfg.user)
        .ssl_mode(MySqlSslMode::Preferred)
        // StarRocks does not take sqlx's session setup statements
        .pipes_as_concat(false)
        .no_engine_substitution(false)
        .timezone(None)
        .set_names(false);
    if !cfg.password.is_empty() {
        opts = opts.password(cfg.password.expose());
    }
    let connect_error = |message: String| Error::Connect {
        address: address.clone(),
        message: redacted(&message, &cfg.password),
    };
    let mut conn =
        match tokio::time::timeout(cfg.timeout, MySqlConnection::connect_with(&opts)).await {
            Ok(Ok(c)) => c,
            Ok(Err(e)) => return Err(connect_error(e.to_string())),
            Err(_) => {
                return Err(connect_error(format!(
                    "no answer within {} s",
                    cfg.timeout.as_secs()
                )));
            }
        };
    let mut facts = Facts::default();
    async fn run(
        conn: &mut MySqlConnection,
        sql: &'static str,
        timeout: Duration,
    ) -> Result<Vec<MySqlRow>, String> {
        match tokio::time::timeout(timeout, sqlx::raw_sql(sql).fetch_all(conn)).await {
            Ok(Ok(rows)) => Ok(rows),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err(format!("no answer within {} s", timeout.as_secs())),
        }
    }
    facts.version = match run(&mut conn, "SELECT current_version()", cfg.timeout).await {
        Ok(rows) => rows
            .first()
            .and_then(|r| cells(r).into_iter().next())
            .and_then(|(_, v)| v),
        Err(_) => run(
            &mut conn,
            "SHOW VARIABLES LIKE 'version_comment'",
            cfg.timeout,
        )
        .await
        .ok()
        .and_then(|rows| rows.first().and_then(|r| cells(r).into_iter().nth(1)))
        .and_then(|(_, v)| v),
    };
    for sql in ["SHOW BACKENDS", "SHOW COMPUTE NODES"] {
        if let Ok(rows) = run(&mut conn, sql, cfg.timeout).await {
            facts.backends_readable = true;
            for r in &rows {
                let alive = cells(r)
                    .into_iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case("Alive"))
                    .and_then(|(_, v)| v)
                    .is_some_and(|v| v.eq_ignore_ascii_case("true"));
                facts.backends_alive.push(alive);
            }
        }
        if !facts.backends_alive.is_empty() {
            break;
        }
    }
    match run(&mut conn, "SHOW GRANTS", cfg.timeout).await {
        Ok(rows) => {
            facts.grants = rows
                .iter()
                .map(|r| {
                    cells(r)
                        .into_iter()
                        .filter(|(n, _)| !n.eq_ignore_ascii_case("Password"))
                        .filter_map(|(_, v)| v)
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
        }
        Err(message) => {
            let _ = conn.close().await;
            return Err(Error::Query {
                address,
                statement: "SHOW GRANTS".into(),
                message: redacted(&message, &cfg.password),
            });
        }
    }
    let _ = conn.close().await;
    Ok(facts)
}

/// Whether the grants let the user create databases and tables.
fn can_create(grants: &[String]) -> bool {
    grants.iter().any(|g| {
        let u = g.to_ascii_uppercase();
        u.contains("CREATE DATABASE")
            || u.contains("CREATE TABLE")
            || u.contains("ALL PRIVILEGES")
            || u.contains("ADMIN_PRIV")
            || u.contains("CREATE_PRIV")
            || u.contains("'ROOT'")
            || u.contains("'DB_ADMIN'")
            || u.contains("ALL ON")
    })
}

/// Decide the target items from the facts (pure; recorded facts in tests).
pub fn decide(facts: &Facts, cfg: &TargetConfig) -> (Vec<CheckItem>, TargetFacts) {
    let mut items = Vec::new();
    let alive = facts.backends_alive.iter().filter(|a| **a).count();
    let target = TargetFacts {
        reachable: true,
        version: facts.version.clone(),
        alive_backends: facts
            .backends_readable
            .then(|| u32::try_from(alive).unwrap_or(u32::MAX)),
        total_backends: facts
            .backends_readable
            .then(|| u32::try_from(facts.backends_alive.len()).unwrap_or(u32::MAX)),
    };
    items.push(CheckItem::new(
        "starrocks.reachable",
        "StarRocks FE reachable",
        CheckStatus::Pass,
        format!("connected to {} as '{}'", cfg.jdbc_url, cfg.user),
        "the sink loads through the FE and the DDL is run there",
    ));
    let parsed = facts
        .version
        .as_deref()
        .and_then(|v| v.parse::<StarRocksVersion>().ok());
    items.push(match parsed {
        Some(v)
            if v.major == cfg.configured_version.major
                && v.minor == cfg.configured_version.minor =>
        {
            CheckItem::new(
                "starrocks.version",
                "StarRocks version matches the target profile",
                CheckStatus::Pass,
                format!(
                    "StarRocks {v} (the DDL is written for {})",
                    cfg.configured_version
                ),
                "types, limits and properties in the DDL depend on the version",
            )
        }
        Some(v) => CheckItem::new(
            "starrocks.version",
            "StarRocks version matches the target profile",
            CheckStatus::Warn,
            format!(
                "StarRocks {v}, but the DDL is written for {} ([other] starrocks_version)",
                cfg.configured_version
            ),
            "types, limits and properties in the DDL depend on the version; DDL for a newer \
             version can fail on an older cluster",
        )
        .with_fix(format!(
            "set `starrocks_version = {}.{}` under [other] and generate again",
            v.major, v.minor
        )),
        None => CheckItem::new(
            "starrocks.version",
            "StarRocks version matches the target profile",
            CheckStatus::Warn,
            format!(
                "version not reported ({})",
                facts.version.as_deref().unwrap_or("no answer")
            ),
            "types, limits and properties in the DDL depend on the version",
        )
        .with_fix("check `SELECT current_version();` on the FE and set [other] starrocks_version"),
    });
    let why_be = "the replication_num and bucket counts of the DDL assume `[other] be_num` \
                  backends; a table with more replicas than alive backends cannot be created";
    items.push(if !facts.backends_readable {
        CheckItem::new(
            "starrocks.backends",
            "Alive backends",
            CheckStatus::Warn,
            "SHOW BACKENDS could not be read (it needs the cluster_admin / OPERATE privilege)",
            why_be,
        )
        .with_fix("run `SHOW BACKENDS;` as an administrator and compare with [other] be_num")
    } else if alive == 0 {
        CheckItem::new(
            "starrocks.backends",
            "Alive backends",
            CheckStatus::Fail,
            format!("0 of {} backend(s) alive", facts.backends_alive.len()),
            why_be,
        )
        .with_fix("start the StarRocks backends (`SHOW BACKENDS;` shows why they are down)")
    } else if u32::try_from(alive).unwrap_or(u32::MAX) < cfg.be_num {
        CheckItem::new(
            "starrocks.backends",
            "Alive backends",
            CheckStatus::Warn,
            format!(
                "{alive} of {} backend(s) alive; [other] be_num = {}",
                facts.backends_alive.len(),
                cfg.be_num
            ),
            why_be,
        )
        .with_fix(format!(
            "set `be_num = {alive}` under [other] and generate again"
        ))
    } else {
        CheckItem::new(
            "starrocks.backends",
            "Alive backends",
            CheckStatus::Pass,
            format!(
                "{alive} of {} backend(s) alive; [other] be_num = {}",
                facts.backends_alive.len(),
                cfg.be_num
            ),
            why_be,
        )
    });
    let ok = can_create(&facts.grants);
    items.push(
        CheckItem::new(
            "starrocks.privileges",
            "User can create databases and tables",
            if ok {
                CheckStatus::Pass
            } else {
                CheckStatus::Warn
            },
            if ok {
                "SHOW GRANTS includes CREATE DATABASE / CREATE TABLE (or an admin role)".to_string()
            } else {
                format!(
                    "no CREATE DATABASE / CREATE TABLE in SHOW GRANTS ({} row(s); privileges may \
                     come from a role that is not listed)",
                    facts.grants.len()
                )
            },
            "starrocks-create.all.sql runs CREATE DATABASE IF NOT EXISTS and CREATE TABLE; the \
             sink needs INSERT on the tables",
        )
        .fix_unless_pass(format!(
            "GRANT CREATE DATABASE ON CATALOG default_catalog TO USER '{}'@'%'; (and CREATE \
             TABLE, INSERT on the target databases)",
            cfg.user.replace('\'', "''")
        )),
    );
    (items, target)
}

/// Gather and decide; an unreachable FE gives one warning item (`starrocks.reachable`).
pub async fn check(cfg: &TargetConfig) -> (Vec<CheckItem>, TargetFacts) {
    match gather(cfg).await {
        Ok(facts) => decide(&facts, cfg),
        Err(e) => (
            vec![
                CheckItem::new(
                    "starrocks.reachable",
                    "StarRocks FE reachable",
                    CheckStatus::Warn,
                    format!("not checked: {e}"),
                    "the StarRocks version, alive backends and privileges could not be verified",
                )
                .with_fix(
                    "make the FE in `flink.starrocks.jdbc-url` reachable from this machine, with \
                     `flink.starrocks.username` / `password`, and run smt check again",
                ),
            ],
            TargetFacts::default(),
        ),
    }
}

#[cfg(test)]
mod tests {
    //! Recorded answers, no StarRocks server here.
    use super::*;

    fn cfg() -> TargetConfig {
        TargetConfig {
            jdbc_url: "jdbc:mysql://fe:9030".into(),
            user: "loader".into(),
            password: Secret::new("pw-secret"),
            be_num: 3,
            configured_version: StarRocksVersion::new(3, 3, 0),
            timeout: Duration::from_secs(1),
        }
    }

    #[test]
    fn urls() {
        assert_eq!(
            parse_jdbc_url("jdbc:mysql://fe:9030").ok(),
            Some(("fe".to_string(), 9030))
        );
        assert_eq!(
            parse_jdbc_url("jdbc:mysql://fe1:9031,fe2:9030/db?x=1").ok(),
            Some(("fe1".to_string(), 9031))
        );
        assert_eq!(
            parse_jdbc_url("jdbc:mysql://127.0.0.1").ok(),
            Some(("127.0.0.1".to_string(), 9030))
        );
        assert!(parse_jdbc_url("http://fe:8030").is_err());
        assert!(parse_jdbc_url("jdbc:mysql://fe:x").is_err());
    }

    /// Recorded from a StarRocks 3.3 cluster with 3 BEs, one down, user with db_admin.
    #[test]
    fn recorded_three_backends_one_down() {
        let facts = Facts {
            version: Some("3.3.5-5a0a9f5".into()),
            backends_alive: vec![true, true, false],
            backends_readable: true,
            grants: vec!["'loader'@'%' NULL GRANT 'db_admin' TO 'loader'@'%'".into()],
        };
        let (items, t) = decide(&facts, &cfg());
        assert_eq!(t.alive_backends, Some(2));
        assert_eq!(t.version.as_deref(), Some("3.3.5-5a0a9f5"));
        let be = items.iter().find(|i| i.id == "starrocks.backends");
        assert_eq!(be.map(|i| i.status), Some(CheckStatus::Warn));
        assert_eq!(
            be.and_then(|i| i.fix.clone()).as_deref(),
            Some("set `be_num = 2` under [other] and generate again")
        );
        let v = items.iter().find(|i| i.id == "starrocks.version");
        assert_eq!(v.map(|i| i.status), Some(CheckStatus::Pass));
        let p = items.iter().find(|i| i.id == "starrocks.privileges");
        assert_eq!(p.map(|i| i.status), Some(CheckStatus::Pass));
    }

    /// Recorded from a StarRocks 2.5 cluster: older version, user with SELECT only.
    #[test]
    fn recorded_old_version_no_create() {
        let facts = Facts {
            version: Some("2.5.21-abc".into()),
            backends_alive: vec![true, true, true],
            backends_readable: true,
            grants: vec!["'loader'@'%' default_catalog GRANT SELECT ON ALL TABLES IN DATABASE shop TO USER 'loader'@'%'".into()],
        };
        let (items, _) = decide(&facts, &cfg());
        let v = items.iter().find(|i| i.id == "starrocks.version");
        assert_eq!(v.map(|i| i.status), Some(CheckStatus::Warn));
        assert!(
            v.and_then(|i| i.fix.clone())
                .unwrap_or_default()
                .contains("starrocks_version = 2.5")
        );
        let p = items.iter().find(|i| i.id == "starrocks.privileges");
        assert_eq!(p.map(|i| i.status), Some(CheckStatus::Warn));
        assert!(
            p.and_then(|i| i.fix.clone())
                .unwrap_or_default()
                .contains("GRANT CREATE DATABASE")
        );
    }

    #[test]
    fn no_alive_backend_fails() {
        let facts = Facts {
            version: Some("3.3.0".into()),
            backends_alive: vec![false],
            backends_readable: true,
            grants: vec![],
        };
        let (items, _) = decide(&facts, &cfg());
        assert!(
            items
                .iter()
                .any(|i| i.id == "starrocks.backends" && i.status == CheckStatus::Fail)
        );
    }

    #[tokio::test]
    async fn unreachable_is_a_warning_without_password() {
        let mut c = cfg();
        c.jdbc_url = "jdbc:mysql://127.0.0.1:1".into();
        let (items, t) = check(&c).await;
        assert!(!t.reachable);
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].status, CheckStatus::Warn);
        assert!(!format!("{items:?}").contains("pw-secret"));
    }
}
