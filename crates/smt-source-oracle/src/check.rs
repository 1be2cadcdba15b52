//! `smt check` for Oracle (LogMiner): ARCHIVELOG mode, database and table supplemental logging,
//! the grants of the Flink CDC guide, and the `c##` prefix of a common user in a CDB.
//! [`decide`] is pure and tested with recorded rows; the gather part needs the `oracle-client`
//! feature.

use std::collections::BTreeSet;

use smt_catalog::{CheckItem, CheckStatus, PreflightContext};

/// What one service said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The service.
    pub service: String,
    /// `V$DATABASE.LOG_MODE`.
    pub log_mode: String,
    /// `V$DATABASE.SUPPLEMENTAL_LOG_DATA_MIN` (`YES`, `IMPLICIT`, `NO`).
    pub supplemental_min: String,
    /// `V$DATABASE.SUPPLEMENTAL_LOG_DATA_ALL`.
    pub supplemental_all: String,
    /// `V$DATABASE.CDB = 'YES'`.
    pub cdb: bool,
    /// The user.
    pub user: String,
    /// `SESSION_PRIVS` (upper case).
    pub privileges: BTreeSet<String>,
    /// `SESSION_ROLES` (upper case).
    pub roles: BTreeSet<String>,
    /// `(OWNER, TABLE_NAME)` with an `ALL COLUMN LOGGING` log group.
    pub all_column_logging: BTreeSet<(String, String)>,
}

/// The system privileges the Flink CDC guide grants (LOGMINING from 12c, SET CONTAINER in a CDB).
const PRIVILEGES: &[&str] = &[
    "CREATE SESSION",
    "FLASHBACK ANY TABLE",
    "SELECT ANY TABLE",
    "SELECT ANY TRANSACTION",
    "LOCK ANY TABLE",
    "ALTER ANY TABLE",
    "CREATE TABLE",
    "CREATE SEQUENCE",
];

/// The roles the guide grants.
const ROLES: &[&str] = &["SELECT_CATALOG_ROLE", "EXECUTE_CATALOG_ROLE"];

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Decide the Oracle items of one service (pure).
pub fn decide(facts: &Facts, ctx: &PreflightContext<'_>, major: u32) -> Vec<CheckItem> {
    let mut items = Vec::new();
    let svc = facts.service.clone();
    let archive = facts.log_mode.eq_ignore_ascii_case("ARCHIVELOG");
    items.push(
        CheckItem::new(
            "oracle.archivelog",
            "ARCHIVELOG mode",
            if archive {
                CheckStatus::Pass
            } else {
                CheckStatus::Fail
            },
            format!("LOG_MODE = {}", facts.log_mode),
            "LogMiner reads archived redo logs; in NOARCHIVELOG mode changes are lost once the \
             online logs are overwritten",
        )
        .on(svc.clone())
        .fix_unless_pass(
            "as SYSDBA (in the CDB root): SHUTDOWN IMMEDIATE; STARTUP MOUNT; ALTER DATABASE \
             ARCHIVELOG; ALTER DATABASE OPEN;",
        ),
    );
    let min = matches!(
        facts.supplemental_min.to_ascii_uppercase().as_str(),
        "YES" | "IMPLICIT"
    );
    items.push(
        CheckItem::new(
            "oracle.supplemental_database",
            "Database supplemental logging",
            if min {
                CheckStatus::Pass
            } else {
                CheckStatus::Fail
            },
            format!("SUPPLEMENTAL_LOG_DATA_MIN = {}", facts.supplemental_min),
            "without minimal supplemental logging LogMiner cannot rebuild row changes",
        )
        .on(svc.clone())
        .fix_unless_pass("ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;"),
    );
    let all_db = facts.supplemental_all.eq_ignore_ascii_case("YES");
    let missing: Vec<(&str, &str)> = ctx
        .tables
        .iter()
        .filter(|t| t.name.database == facts.service)
        .map(|t| (t.name.schema.as_deref().unwrap_or(""), t.name.name.as_str()))
        .filter(|(o, t)| {
            !all_db
                && !facts
                    .all_column_logging
                    .contains(&(o.to_string(), t.to_string()))
        })
        .collect();
    for (o, t) in missing.iter().take(smt_catalog::preflight::MAX_NAMED) {
        items.push(
            CheckItem::new(
                "oracle.supplemental_table",
                "Table supplemental logging (ALL COLUMNS)",
                CheckStatus::Fail,
                "no ALL COLUMN LOGGING log group",
                "an update must carry every column, or the StarRocks row loses the unchanged ones",
            )
            .on(format!("{svc}.{o}.{t}"))
            .with_fix(format!(
                "ALTER TABLE {}.{} ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;",
                quoted(o),
                quoted(t)
            )),
        );
    }
    if missing.is_empty() {
        items.push(
            CheckItem::new(
                "oracle.supplemental_table",
                "Table supplemental logging (ALL COLUMNS)",
                CheckStatus::Pass,
                if all_db {
                    "SUPPLEMENTAL_LOG_DATA_ALL = YES (database-wide)".to_string()
                } else {
                    "every matched table has ALL COLUMN LOGGING".to_string()
                },
                "an update must carry every column",
            )
            .on(svc.clone()),
        );
    }
    let mut needed: Vec<&str> = PRIVILEGES.to_vec();
    if major >= 12 {
        needed.push("LOGMINING");
    }
    if facts.cdb {
        needed.push("SET CONTAINER");
    }
    let dba = facts.roles.contains("DBA");
    let lacking: Vec<&str> = needed
        .iter()
        .copied()
        .filter(|p| !dba && !facts.privileges.contains(*p))
        .chain(
            ROLES
                .iter()
                .copied()
                .filter(|r| !dba && !facts.roles.contains(*r)),
        )
        .collect();
    let user = facts.user.to_ascii_uppercase();
    items.push(
        CheckItem::new(
            "oracle.privileges",
            "User grants for LogMiner",
            if lacking.is_empty() { CheckStatus::Pass } else { CheckStatus::Fail },
            if lacking.is_empty() {
                format!("{user} has the privileges and roles of the Flink CDC guide")
            } else {
                format!("{user} lacks {}", lacking.join(", "))
            },
            "oracle-cdc snapshots with flashback queries and reads the redo through LogMiner",
        )
        .on(svc.clone())
        .fix_unless_pass(format!(
            "GRANT {} TO {}{}; plus GRANT SELECT ON V_$DATABASE, V_$LOG, V_$LOG_HISTORY, \
             V_$LOGMNR_LOGS, V_$LOGMNR_CONTENTS, V_$LOGMNR_PARAMETERS, V_$LOGFILE, V_$ARCHIVED_LOG, \
             V_$ARCHIVE_DEST_STATUS and EXECUTE ON DBMS_LOGMNR, DBMS_LOGMNR_D to the same user",
            lacking.join(", "),
            quoted(&user),
            if facts.cdb { " CONTAINER=ALL" } else { "" }
        )),
    );
    let common = user.starts_with("C##");
    items.push(
        CheckItem::new(
            "oracle.cdb_user",
            "Common user in a CDB",
            if !facts.cdb || common {
                CheckStatus::Pass
            } else {
                CheckStatus::Fail
            },
            if facts.cdb {
                format!("the database is a CDB; user {user}")
            } else {
                "not a CDB".to_string()
            },
            "in a CDB LogMiner runs in the root container, which only a common (c##) user can \
             enter",
        )
        .on(svc)
        .fix_unless_pass(
            "connect as a common user: CREATE USER c##flinkuser IDENTIFIED BY <password> \
             CONTAINER=ALL; grant it the privileges above with CONTAINER=ALL and set [db] user \
             = c##flinkuser",
        ),
    );
    items
}

#[cfg(feature = "oracle-client")]
pub(crate) use live::preflight;

#[cfg(feature = "oracle-client")]
mod live {
    use super::*;
    use crate::live::OracleSource;
    use smt_catalog::Result;

    fn text(r: &oracle::Row, i: usize) -> String {
        r.get::<usize, Option<String>>(i)
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// Gather per service and decide.
    pub(crate) async fn preflight(
        source: &OracleSource,
        ctx: &PreflightContext<'_>,
    ) -> Result<Vec<CheckItem>> {
        let mut items = Vec::new();
        for service in ctx.databases() {
            let user = source.config.user.clone();
            let svc = service.clone();
            let (facts, major) = source
                .with_connection(&service, move |conn, c| {
                    let mut f = Facts {
                        service: svc,
                        user,
                        ..Facts::default()
                    };
                    let major = conn.server_version().map(|(v, _)| v.major()).unwrap_or(0);
                    let db = c
                        .rows(
                            conn,
                            "SELECT LOG_MODE, SUPPLEMENTAL_LOG_DATA_MIN, SUPPLEMENTAL_LOG_DATA_ALL, CDB FROM V$DATABASE",
                            &[],
                            "reading V$DATABASE",
                        )
                        .or_else(|_| {
                            c.rows(
                                conn,
                                "SELECT LOG_MODE, SUPPLEMENTAL_LOG_DATA_MIN, SUPPLEMENTAL_LOG_DATA_ALL, 'NO' FROM V$DATABASE",
                                &[],
                                "reading V$DATABASE",
                            )
                        })?;
                    if let Some(r) = db.first() {
                        f.log_mode = text(r, 0);
                        f.supplemental_min = text(r, 1);
                        f.supplemental_all = text(r, 2);
                        f.cdb = text(r, 3) == "YES";
                    }
                    for r in c.rows(conn, "SELECT PRIVILEGE FROM SESSION_PRIVS", &[], "reading SESSION_PRIVS")? {
                        f.privileges.insert(text(&r, 0).to_ascii_uppercase());
                    }
                    for r in c.rows(conn, "SELECT ROLE FROM SESSION_ROLES", &[], "reading SESSION_ROLES")? {
                        f.roles.insert(text(&r, 0).to_ascii_uppercase());
                    }
                    let kind = "ALL COLUMN LOGGING";
                    for r in c.rows(
                        conn,
                        "SELECT OWNER, TABLE_NAME FROM ALL_LOG_GROUPS WHERE LOG_GROUP_TYPE = :1",
                        &[&kind],
                        "reading ALL_LOG_GROUPS",
                    )? {
                        f.all_column_logging.insert((text(&r, 0), text(&r, 1)));
                    }
                    Ok((f, u32::try_from(major).unwrap_or(0)))
                })
                .await?;
            items.extend(decide(&facts, ctx, major));
        }
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    //! Recorded rows, no Oracle server here.
    use super::*;
    use smt_catalog::{Table, TableName};

    #[test]
    fn recorded_cdb_noarchivelog_local_user() {
        let f = Facts {
            service: "ORCLPDB1".into(),
            log_mode: "NOARCHIVELOG".into(),
            supplemental_min: "NO".into(),
            supplemental_all: "NO".into(),
            cdb: true,
            user: "flinkuser".into(),
            privileges: ["CREATE SESSION".to_string()].into_iter().collect(),
            ..Facts::default()
        };
        let tables = [Table::new(TableName::with_schema(
            "ORCLPDB1", "APP", "ORDERS",
        ))];
        let items = decide(&f, &PreflightContext::new(&tables, &[], "flinkuser"), 19);
        let by = |id: &str| items.iter().find(|i| i.id == id).cloned();
        assert_eq!(
            by("oracle.archivelog").map(|i| i.status),
            Some(CheckStatus::Fail)
        );
        assert_eq!(
            by("oracle.supplemental_database").and_then(|i| i.fix),
            Some("ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;".into())
        );
        assert_eq!(
            by("oracle.supplemental_table").and_then(|i| i.fix),
            Some("ALTER TABLE \"APP\".\"ORDERS\" ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;".into())
        );
        let p = by("oracle.privileges").map(|i| i.found).unwrap_or_default();
        assert!(
            p.contains("LOGMINING")
                && p.contains("SET CONTAINER")
                && p.contains("SELECT_CATALOG_ROLE"),
            "{p}"
        );
        assert_eq!(
            by("oracle.cdb_user").map(|i| i.status),
            Some(CheckStatus::Fail)
        );
    }

    #[test]
    fn recorded_ready_non_cdb() {
        let f = Facts {
            service: "XE".into(),
            log_mode: "ARCHIVELOG".into(),
            supplemental_min: "IMPLICIT".into(),
            supplemental_all: "YES".into(),
            cdb: false,
            user: "FLINK".into(),
            roles: ["DBA".to_string()].into_iter().collect(),
            ..Facts::default()
        };
        let tables = [Table::new(TableName::with_schema("XE", "APP", "ORDERS"))];
        let items = decide(&f, &PreflightContext::new(&tables, &[], "FLINK"), 11);
        assert!(
            items.iter().all(|i| i.status == CheckStatus::Pass),
            "{items:?}"
        );
    }
}
