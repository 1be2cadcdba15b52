//! `smt check` for SQL Server: SQL Server Agent running, CDC enabled on each database and each
//! matched table, and the user's rights on the `cdc` schema. [`gather`] reads the catalog into
//! [`Facts`]; [`decide`] is pure, so recorded rows go through the same code.

use std::collections::{BTreeMap, BTreeSet};

use smt_catalog::{CheckItem, CheckStatus, PreflightContext, Result, preflight::name_list};

use crate::{SqlServerSource, cell_i64, cell_str, connect};

/// Agent state (needs VIEW SERVER STATE; NULL row set when not visible).
const AGENT_SQL: &str = "SELECT CAST(status_desc AS nvarchar(60)) AS status \
     FROM sys.dm_server_services WHERE servicename LIKE N'SQL Server Agent%'";

/// CDC flag of the current database and the user's rights there.
const DATABASE_SQL: &str = "SELECT CAST(d.is_cdc_enabled AS int) AS cdc, \
     CAST(IS_SRVROLEMEMBER('sysadmin') AS int) AS sysadmin, \
     CAST(IS_MEMBER('db_owner') AS int) AS db_owner, \
     CAST(HAS_PERMS_BY_NAME(N'cdc', N'SCHEMA', N'SELECT') AS int) AS cdc_select \
     FROM sys.databases d WHERE d.name = DB_NAME()";

/// Whether each table is tracked by CDC.
const TABLES_SQL: &str = "SELECT CAST(s.name AS nvarchar(128)) AS schema_name, \
     CAST(t.name AS nvarchar(128)) AS table_name, CAST(t.is_tracked_by_cdc AS int) AS tracked \
     FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id";

/// One database's facts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DatabaseFacts {
    /// Database name.
    pub name: String,
    /// `sys.databases.is_cdc_enabled`.
    pub cdc_enabled: bool,
    /// Member of sysadmin.
    pub sysadmin: bool,
    /// Member of db_owner.
    pub db_owner: bool,
    /// SELECT on the `cdc` schema (`None`: the schema does not exist).
    pub cdc_select: Option<bool>,
    /// `(schema, table)` of the matched tables that CDC tracks.
    pub tracked: BTreeSet<(String, String)>,
}

/// What the server said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// `RUNNING`, `STOPPED`, ... (`None`: not visible to the user).
    pub agent: Option<String>,
    /// The databases of the matched tables.
    pub databases: Vec<DatabaseFacts>,
    /// The `[db] user`.
    pub user: String,
}

/// Read the facts (read-only).
pub async fn gather(source: &SqlServerSource, ctx: &PreflightContext<'_>) -> Result<Facts> {
    let mut facts = Facts {
        user: source.config.user.clone(),
        ..Facts::default()
    };
    let mut conn = connect::connect(&source.config, None).await?;
    facts.agent = match source.raw_query(&mut conn, AGENT_SQL, None).await {
        Ok(rows) => rows
            .first()
            .and_then(|r| cell_str(r, "status").ok().flatten()),
        Err(_) => None,
    };
    let _ = conn.close().await;
    for database in ctx.databases() {
        let db = Some(database.as_str());
        let mut conn = connect::connect(&source.config, db).await?;
        let mut d = DatabaseFacts {
            name: database.clone(),
            ..DatabaseFacts::default()
        };
        if let Some(r) = source
            .query(&mut conn, db, DATABASE_SQL, None)
            .await?
            .first()
        {
            d.cdc_enabled = cell_i64(r, "cdc")?.unwrap_or(0) == 1;
            d.sysadmin = cell_i64(r, "sysadmin")?.unwrap_or(0) == 1;
            d.db_owner = cell_i64(r, "db_owner")?.unwrap_or(0) == 1;
            d.cdc_select = cell_i64(r, "cdc_select")?.map(|v| v == 1);
        }
        for r in source.query(&mut conn, db, TABLES_SQL, None).await? {
            if cell_i64(&r, "tracked")?.unwrap_or(0) == 1
                && let (Some(s), Some(t)) =
                    (cell_str(&r, "schema_name")?, cell_str(&r, "table_name")?)
            {
                d.tracked.insert((s, t));
            }
        }
        let _ = conn.close().await;
        facts.databases.push(d);
    }
    Ok(facts)
}

/// Gather and decide.
pub async fn preflight(
    source: &SqlServerSource,
    ctx: &PreflightContext<'_>,
) -> Result<Vec<CheckItem>> {
    let facts = gather(source, ctx).await?;
    Ok(decide(&facts, ctx))
}

fn bracket(name: &str) -> String {
    format!("[{}]", name.replace(']', "]]"))
}

fn nliteral(value: &str) -> String {
    format!("N'{}'", value.replace('\'', "''"))
}

/// Decide the SQL Server items (pure).
pub fn decide(facts: &Facts, ctx: &PreflightContext<'_>) -> Vec<CheckItem> {
    let mut items = Vec::new();
    let running = facts
        .agent
        .as_deref()
        .map(|s| s.eq_ignore_ascii_case("Running"));
    items.push(
        CheckItem::new(
            "sqlserver.agent",
            "SQL Server Agent running",
            match running {
                Some(true) => CheckStatus::Pass,
                Some(false) => CheckStatus::Fail,
                None => CheckStatus::Warn,
            },
            match &facts.agent {
                Some(s) => format!("SQL Server Agent: {s}"),
                None => "not visible to this user (sys.dm_server_services needs VIEW SERVER STATE)"
                    .to_string(),
            },
            "the CDC capture and cleanup jobs run in SQL Server Agent; without it the change \
             tables stay empty",
        )
        .fix_unless_pass(
            "start SQL Server Agent (Linux: `/opt/mssql/bin/mssql-conf set sqlagent.enabled true` \
             and restart mssql-server; check with EXEC master.dbo.xp_servicecontrol N'QUERYSTATE', \
             N'SQLSERVERAGENT';)",
        ),
    );
    let mut by_db: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for t in ctx.tables {
        by_db.entry(t.name.database.as_str()).or_default().push((
            t.name.schema.as_deref().unwrap_or("dbo"),
            t.name.name.as_str(),
        ));
    }
    for d in &facts.databases {
        items.push(
            CheckItem::new(
                "sqlserver.cdc_database",
                "CDC enabled on the database",
                if d.cdc_enabled {
                    CheckStatus::Pass
                } else {
                    CheckStatus::Fail
                },
                format!("is_cdc_enabled = {}", u8::from(d.cdc_enabled)),
                "sqlserver-cdc reads the change tables CDC fills",
            )
            .on(d.name.clone())
            .fix_unless_pass(format!(
                "USE {}; EXEC sys.sp_cdc_enable_db; (needs sysadmin)",
                bracket(&d.name)
            )),
        );
        let untracked: Vec<(&str, &str)> = by_db
            .get(d.name.as_str())
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|(s, t)| !d.tracked.contains(&(s.to_string(), t.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        let total = by_db.get(d.name.as_str()).map_or(0, Vec::len);
        for (s, t) in untracked.iter().take(smt_catalog::preflight::MAX_NAMED) {
            items.push(
                CheckItem::new(
                    "sqlserver.cdc_table",
                    "CDC enabled on the table",
                    CheckStatus::Fail,
                    "is_tracked_by_cdc = 0",
                    "only tables with a capture instance have changes to read",
                )
                .on(format!("{}.{s}.{t}", d.name))
                .with_fix(format!(
                    "USE {}; EXEC sys.sp_cdc_enable_table @source_schema = {}, @source_name = {}, \
                     @role_name = NULL, @supports_net_changes = 0;",
                    bracket(&d.name),
                    nliteral(s),
                    nliteral(t)
                )),
            );
        }
        if untracked.len() > smt_catalog::preflight::MAX_NAMED {
            let rest: Vec<String> = untracked[smt_catalog::preflight::MAX_NAMED..]
                .iter()
                .map(|(s, t)| format!("{s}.{t}"))
                .collect();
            items.push(CheckItem::new(
                "sqlserver.cdc_table",
                "CDC enabled on the table",
                CheckStatus::Fail,
                format!("{} more untracked: {}", rest.len(), name_list(&rest)),
                "only tables with a capture instance have changes to read",
            ));
        }
        if untracked.is_empty() && total > 0 {
            items.push(
                CheckItem::new(
                    "sqlserver.cdc_table",
                    "CDC enabled on the tables",
                    CheckStatus::Pass,
                    format!("all {total} matched table(s) are tracked by CDC"),
                    "only tables with a capture instance have changes to read",
                )
                .on(d.name.clone()),
            );
        }
        let ok = d.sysadmin || d.db_owner || d.cdc_select == Some(true);
        items.push(
            CheckItem::new(
                "sqlserver.cdc_rights",
                "User may read the cdc schema",
                if ok {
                    CheckStatus::Pass
                } else {
                    CheckStatus::Fail
                },
                format!(
                    "sysadmin = {}, db_owner = {}, SELECT on schema cdc = {}",
                    d.sysadmin,
                    d.db_owner,
                    d.cdc_select
                        .map_or("(no cdc schema)".to_string(), |b| b.to_string())
                ),
                "the job reads the change tables in the cdc schema and calls the cdc functions",
            )
            .on(d.name.clone())
            .fix_unless_pass(format!(
                "USE {}; GRANT SELECT ON SCHEMA::cdc TO {}; (or make the user a member of the \
                 capture instances' gating role)",
                bracket(&d.name),
                bracket(&facts.user)
            )),
        );
    }
    items
}

#[cfg(test)]
mod tests {
    //! Recorded rows, no SQL Server here.
    use super::*;
    use smt_catalog::{Table, TableName};

    #[test]
    fn recorded_agent_stopped_cdc_off() {
        let facts = Facts {
            agent: Some("Stopped".into()),
            databases: vec![DatabaseFacts {
                name: "shop".into(),
                cdc_enabled: false,
                sysadmin: false,
                db_owner: false,
                cdc_select: None,
                tracked: BTreeSet::new(),
            }],
            user: "cdc".into(),
        };
        let tables = [Table::new(TableName::with_schema("shop", "dbo", "orders"))];
        let items = decide(&facts, &PreflightContext::new(&tables, &[], "cdc"));
        let by = |id: &str| items.iter().find(|i| i.id == id).cloned();
        assert_eq!(
            by("sqlserver.agent").map(|i| i.status),
            Some(CheckStatus::Fail)
        );
        assert_eq!(
            by("sqlserver.cdc_database").and_then(|i| i.fix),
            Some("USE [shop]; EXEC sys.sp_cdc_enable_db; (needs sysadmin)".into())
        );
        assert!(
            by("sqlserver.cdc_table")
                .and_then(|i| i.fix)
                .unwrap_or_default()
                .contains("@source_schema = N'dbo', @source_name = N'orders'")
        );
        assert_eq!(
            by("sqlserver.cdc_rights").map(|i| i.status),
            Some(CheckStatus::Fail)
        );
    }

    #[test]
    fn recorded_all_enabled() {
        let facts = Facts {
            agent: Some("Running".into()),
            databases: vec![DatabaseFacts {
                name: "shop".into(),
                cdc_enabled: true,
                db_owner: true,
                cdc_select: Some(true),
                tracked: [("dbo".to_string(), "orders".to_string())]
                    .into_iter()
                    .collect(),
                ..DatabaseFacts::default()
            }],
            user: "cdc".into(),
        };
        let tables = [Table::new(TableName::with_schema("shop", "dbo", "orders"))];
        let items = decide(&facts, &PreflightContext::new(&tables, &[], "cdc"));
        assert!(
            items.iter().all(|i| i.status == CheckStatus::Pass),
            "{items:?}"
        );
    }
}
