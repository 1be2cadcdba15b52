//! `smt check` for MySQL / MariaDB: binlog settings, GTID, retention, server ids, privileges and
//! keys. [`gather`] reads the server (read-only: `SHOW GLOBAL VARIABLES`, `SHOW GRANTS`) into
//! [`Facts`]; [`decide`] turns facts into items and is pure, so recorded rows are tested through
//! the same code.

use std::collections::{BTreeMap, BTreeSet};

use smt_catalog::{CheckItem, CheckStatus, PreflightContext, Result, preflight::name_list};
use sqlx::Row;

use crate::{MySqlCatalog, conn};

/// What the server said (all values verbatim).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// `VERSION()`.
    pub version: String,
    /// Global variables, by lower-case name.
    pub variables: BTreeMap<String, String>,
    /// The `SHOW GRANTS` lines of the connected user.
    pub grants: Vec<String>,
    /// The `[db] user`.
    pub user: String,
}

impl Facts {
    fn var(&self, name: &str) -> Option<&str> {
        self.variables.get(name).map(String::as_str)
    }

    fn is_mariadb(&self) -> bool {
        self.version.to_ascii_lowercase().contains("mariadb")
    }

    /// `(major, minor)` of the version banner.
    fn version_pair(&self) -> (u32, u32) {
        let mut it = self
            .version
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .map(|p| p.parse::<u32>().unwrap_or(0));
        (it.next().unwrap_or(0), it.next().unwrap_or(0))
    }
}

/// The global variables the checks read.
const VARIABLES: &[&str] = &[
    "log_bin",
    "binlog_format",
    "binlog_row_image",
    "binlog_row_value_options",
    "server_id",
    "expire_logs_days",
    "binlog_expire_logs_seconds",
    "gtid_mode",
    "enforce_gtid_consistency",
    "gtid_strict_mode",
    "gtid_current_pos",
    "gtid_binlog_pos",
];

/// Read the facts on the catalog's main connection. Text protocol (no values are sent).
pub async fn gather(catalog: &MySqlCatalog) -> Result<Facts> {
    let mut conn = catalog.conn.lock().await;
    let config = &catalog.config;
    let rows = sqlx::raw_sql("SHOW GLOBAL VARIABLES")
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| conn::query_error(config, e, "reading SHOW GLOBAL VARIABLES"))?;
    let mut variables = BTreeMap::new();
    for r in &rows {
        let name = text(r, 0).unwrap_or_default().to_ascii_lowercase();
        if VARIABLES.contains(&name.as_str()) {
            variables.insert(name, text(r, 1).unwrap_or_default());
        }
    }
    let grants = sqlx::raw_sql("SHOW GRANTS")
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| conn::query_error(config, e, "reading SHOW GRANTS"))?
        .iter()
        .filter_map(|r| text(r, 0))
        .collect();
    Ok(Facts {
        version: catalog.server.version.clone(),
        variables,
        grants,
        user: config.user.clone(),
    })
}

fn text(row: &sqlx::mysql::MySqlRow, i: usize) -> Option<String> {
    row.try_get::<Option<String>, _>(i)
        .ok()
        .flatten()
        .or_else(|| {
            row.try_get::<Option<Vec<u8>>, _>(i)
                .ok()
                .flatten()
                .map(|b| String::from_utf8_lossy(&b).into_owned())
        })
}

/// Gather and decide.
pub async fn preflight(
    catalog: &MySqlCatalog,
    ctx: &PreflightContext<'_>,
) -> Result<Vec<CheckItem>> {
    let facts = gather(catalog).await?;
    Ok(decide(&facts, ctx))
}

fn on(v: Option<&str>) -> bool {
    v.is_some_and(|v| {
        matches!(
            v.trim().to_ascii_uppercase().as_str(),
            "ON" | "1" | "YES" | "TRUE"
        )
    })
}

/// Privileges granted to a user, from `SHOW GRANTS` lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grants {
    /// Privileges on `*.*` (upper case; `ALL PRIVILEGES` expanded to `ALL`).
    pub global: BTreeSet<String>,
    /// Privileges per database (unquoted name) from `` ON `db`.* ``.
    pub databases: BTreeMap<String, BTreeSet<String>>,
    /// Roles granted (`` GRANT `role` TO ``), not expanded.
    pub roles: Vec<String>,
}

impl Grants {
    /// Whether `privilege` is held globally.
    pub fn global_has(&self, privilege: &str) -> bool {
        self.global.contains("ALL") || self.global.contains(privilege)
    }

    /// Whether `privilege` is held on `database` (globally or on the database).
    pub fn database_has(&self, database: &str, privilege: &str) -> bool {
        self.global_has(privilege)
            || self.databases.iter().any(|(db, p)| {
                (p.contains("ALL") || p.contains(privilege)) && db_pattern_matches(db, database)
            })
    }
}

/// A database name in a grant may use `_` and `%` wildcards (escaped with `\`).
fn db_pattern_matches(pattern: &str, name: &str) -> bool {
    fn go(p: &[char], n: &[char]) -> bool {
        match p.split_first() {
            None => n.is_empty(),
            Some(('%', rest)) => (0..=n.len()).any(|i| go(rest, &n[i..])),
            Some(('_', rest)) => !n.is_empty() && go(rest, &n[1..]),
            Some(('\\', rest)) if !rest.is_empty() => {
                !n.is_empty() && n[0] == rest[0] && go(&rest[1..], &n[1..])
            }
            Some((c, rest)) => !n.is_empty() && n[0] == *c && go(rest, &n[1..]),
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    go(&p, &n)
}

/// Split at top-level commas (outside parentheses and quotes).
fn split_top(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut depth, mut quote) = (0i32, None::<char>);
    for c in s.chars() {
        match (quote, c) {
            (Some(q), _) if c == q => {
                quote = None;
                cur.push(c);
            }
            (Some(_), _) => cur.push(c),
            (None, '`' | '\'' | '"') => {
                quote = Some(c);
                cur.push(c);
            }
            (None, '(') => {
                depth += 1;
                cur.push(c);
            }
            (None, ')') => {
                depth -= 1;
                cur.push(c);
            }
            (None, ',') if depth == 0 => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Position of a keyword (` ON `, ` TO `) outside quotes and parentheses.
fn find_keyword(s: &str, kw: &str) -> Option<usize> {
    let upper = s.to_ascii_uppercase();
    let (mut depth, mut quote) = (0i32, None::<u8>);
    let b = upper.as_bytes();
    for i in 0..b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'`' | b'\'' | b'"' => quote = Some(c),
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ if depth == 0 && upper[i..].starts_with(kw) => return Some(i),
                _ => {}
            },
        }
    }
    None
}

fn unquote(s: &str) -> String {
    let t = s.trim();
    if t.len() >= 2 && t.starts_with('`') && t.ends_with('`') {
        t[1..t.len() - 1].replace("``", "`")
    } else if t.len() >= 2 && t.starts_with('\'') && t.ends_with('\'') {
        t[1..t.len() - 1].to_string()
    } else {
        t.to_string()
    }
}

/// Parse `SHOW GRANTS` lines (MySQL 5.x/8.x, MariaDB): global and database-level privileges,
/// `ALL [PRIVILEGES]`, column lists, roles. Table-, routine- and proxy-level grants are ignored.
pub fn parse_grants(lines: &[String]) -> Grants {
    let mut g = Grants::default();
    for line in lines {
        let l = line.trim();
        let Some(body) = l
            .get(..6)
            .filter(|p| p.eq_ignore_ascii_case("GRANT "))
            .map(|_| &l[6..])
        else {
            continue;
        };
        let Some(on) = find_keyword(body, " ON ") else {
            // `GRANT role[, role] TO user`
            if let Some(to) = find_keyword(body, " TO ") {
                g.roles.extend(
                    split_top(&body[..to])
                        .iter()
                        .map(|r| unquote(r.split('@').next().unwrap_or(r))),
                );
            }
            continue;
        };
        let privs: BTreeSet<String> = split_top(&body[..on])
            .into_iter()
            .map(|p| {
                let p = p
                    .split('(')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_uppercase();
                let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
                if p == "ALL PRIVILEGES" {
                    "ALL".to_string()
                } else {
                    p
                }
            })
            .collect();
        let rest = &body[on + 4..];
        let object = match find_keyword(rest, " TO ") {
            Some(to) => rest[..to].trim(),
            None => rest.trim(),
        };
        let upper = object.to_ascii_uppercase();
        if upper.starts_with("PROCEDURE ")
            || upper.starts_with("FUNCTION ")
            || upper.starts_with("PACKAGE ")
        {
            continue;
        }
        let object = object.strip_prefix("TABLE ").unwrap_or(object);
        if object == "*.*" || object == "*" {
            g.global.extend(privs);
        } else if let Some(db) = object.strip_suffix(".*") {
            g.databases.entry(unquote(db)).or_default().extend(privs);
        }
    }
    g
}

/// A `GRANT` statement for the user, as the server spells it.
fn grant_fix(facts: &Facts, privileges: &[&str]) -> String {
    let who = facts
        .grants
        .iter()
        .find_map(|l| find_keyword(l, " TO ").map(|i| l[i + 4..].trim().to_string()))
        .map(|s| {
            // drop `IDENTIFIED BY PASSWORD '...'` / `WITH GRANT OPTION`: never echo a hash
            let upper = s.to_ascii_uppercase();
            let cut = ["IDENTIFIED", "WITH", "REQUIRE"]
                .iter()
                .filter_map(|k| upper.find(&format!(" {k}")))
                .min()
                .unwrap_or(s.len());
            s[..cut].trim().to_string()
        })
        .unwrap_or_else(|| format!("'{}'@'%'", facts.user.replace('\'', "''")));
    format!("GRANT {} ON *.* TO {who};", privileges.join(", "))
}

/// Decide every MySQL / MariaDB item from the facts (pure).
pub fn decide(facts: &Facts, ctx: &PreflightContext<'_>) -> Vec<CheckItem> {
    let mut items = Vec::new();
    let maria = facts.is_mariadb();
    let product = if maria { "MariaDB" } else { "MySQL" };
    let (major, minor) = facts.version_pair();
    let restart = "then restart the server";

    // version
    let old = if maria {
        major < 10
    } else {
        (major, minor) < (5, 6)
    };
    items.push(
        CheckItem::new(
            "mysql.version",
            "Server version supported by mysql-cdc",
            if old {
                CheckStatus::Fail
            } else {
                CheckStatus::Pass
            },
            format!("{product} {}", facts.version),
            "mysql-cdc needs MySQL 5.6+ or MariaDB 10.x+ and refuses older servers at start",
        )
        .fix_unless_pass("upgrade the server (MySQL 5.7/8.x or MariaDB 10.x/11.x)"),
    );

    // log_bin
    let log_bin = on(facts.var("log_bin"));
    items.push(
        CheckItem::new(
            "mysql.log_bin",
            "Binary log enabled",
            if log_bin {
                CheckStatus::Pass
            } else {
                CheckStatus::Fail
            },
            format!("log_bin = {}", facts.var("log_bin").unwrap_or("(unknown)")),
            "mysql-cdc reads every change from the binary log; without it there is nothing to \
             stream after the snapshot",
        )
        .fix_unless_pass(format!(
            "in the server's my.cnf under [mysqld] add `log_bin = mysql-bin`, `server_id = 1`, \
             `binlog_format = ROW` and `binlog_row_image = FULL`, {restart} (log_bin cannot be \
             set at run time)"
        )),
    );

    // binlog_format
    let format = facts.var("binlog_format").unwrap_or("(unknown)");
    let row = format.eq_ignore_ascii_case("ROW");
    items.push(
        CheckItem::new(
            "mysql.binlog_format",
            "binlog_format = ROW",
            if row {
                CheckStatus::Pass
            } else {
                CheckStatus::Fail
            },
            format!("binlog_format = {format}"),
            "mysql-cdc needs row events (it refuses to start otherwise); STATEMENT and MIXED \
             logs do not carry the changed rows",
        )
        .fix_unless_pass(if maria {
            "SET GLOBAL binlog_format = 'ROW'; and `binlog_format = ROW` under [mysqld] in \
             my.cnf so it survives a restart (sessions already open keep the old format)"
                .to_string()
        } else if major >= 8 {
            "SET PERSIST binlog_format = 'ROW'; (sessions already open keep the old format)"
                .to_string()
        } else {
            "SET GLOBAL binlog_format = 'ROW'; and `binlog_format = ROW` under [mysqld] in \
             my.cnf so it survives a restart (sessions already open keep the old format)"
                .to_string()
        }),
    );

    // binlog_row_image
    let image = facts.var("binlog_row_image");
    let full = image.is_none_or(|v| v.eq_ignore_ascii_case("FULL"));
    items.push(
        CheckItem::new(
            "mysql.binlog_row_image",
            "binlog_row_image = FULL",
            if full {
                CheckStatus::Pass
            } else {
                CheckStatus::Fail
            },
            format!(
                "binlog_row_image = {}",
                image.unwrap_or("(not reported: the server always logs full rows)")
            ),
            "with MINIMAL or NOBLOB images an update carries only some columns, and the \
             StarRocks rows would lose the others; mysql-cdc refuses to start",
        )
        .fix_unless_pass(if !maria && major >= 8 {
            "SET PERSIST binlog_row_image = 'FULL';"
        } else {
            "SET GLOBAL binlog_row_image = 'FULL'; and `binlog_row_image = FULL` under [mysqld] \
             in my.cnf"
        }),
    );

    // binlog_row_value_options (MySQL 8 partial JSON updates)
    if let Some(v) = facts.var("binlog_row_value_options") {
        let empty = v.trim().is_empty();
        items.push(
            CheckItem::new(
                "mysql.binlog_row_value_options",
                "binlog_row_value_options is empty",
                if empty {
                    CheckStatus::Pass
                } else {
                    CheckStatus::Fail
                },
                format!("binlog_row_value_options = '{v}'"),
                "PARTIAL_JSON logs only the changed part of JSON values, which mysql-cdc cannot \
                 apply; it refuses to start",
            )
            .fix_unless_pass("SET PERSIST binlog_row_value_options = '';"),
        );
    }

    // server_id
    let server_id: Option<u64> = facts.var("server_id").and_then(|v| v.trim().parse().ok());
    items.push(
        CheckItem::new(
            "mysql.server_id",
            "server_id set",
            if server_id.unwrap_or(0) > 0 {
                CheckStatus::Pass
            } else {
                CheckStatus::Fail
            },
            format!(
                "server_id = {}",
                facts.var("server_id").unwrap_or("(unknown)")
            ),
            "a server with server_id 0 refuses replication clients, and mysql-cdc is one",
        )
        .fix_unless_pass(format!(
            "`server_id = 1` (any id unique in the topology) under [mysqld] in my.cnf, {restart}"
        )),
    );

    // server ids of the jobs vs the server's own
    if let Some(sid) = server_id.filter(|s| *s > 0) {
        let clashes: Vec<String> = ctx
            .jobs
            .iter()
            .filter(|j| j.server_ids.is_some_and(|(a, b)| a <= sid && sid <= b))
            .map(|j| format!("{} ({})", j.target, j.file))
            .collect();
        let with_ids = ctx.jobs.iter().filter(|j| j.server_ids.is_some()).count();
        if with_ids > 0 {
            items.push(
                CheckItem::new(
                    "mysql.server_id_clash",
                    "Job server ids differ from the server's own",
                    if clashes.is_empty() {
                        CheckStatus::Pass
                    } else {
                        CheckStatus::Fail
                    },
                    if clashes.is_empty() {
                        format!("server_id = {sid} is outside the {with_ids} reader range(s) of the generated files")
                    } else {
                        format!(
                            "server_id = {sid} falls in the range of {}",
                            name_list(&clashes)
                        )
                    },
                    "a binlog reader with the server's own id is refused (or disconnects a \
                     replica using that id)",
                )
                .fix_unless_pass(
                    "change `flink.cdc.server-id` in the rule to a range that does not contain \
                     the server's id (e.g. `5400-5403`)",
                ),
            );
        }
    }

    // retention
    let seconds: Option<u64> = facts
        .var("binlog_expire_logs_seconds")
        .and_then(|v| v.trim().parse().ok())
        .filter(|s| *s > 0);
    let days: Option<f64> = facts
        .var("expire_logs_days")
        .and_then(|v| v.trim().parse().ok())
        .filter(|d: &f64| *d > 0.0);
    let retention = seconds.map(|s| s as f64).or(days.map(|d| d * 86_400.0));
    let bytes: u64 = ctx.tables.iter().filter_map(|t| t.size.bytes).sum();
    // a conservative snapshot speed: 20 MB/s, at least one day of margin
    let needed = (bytes as f64 / 20_000_000.0).max(86_400.0);
    let (status, found) = match retention {
        None => (
            CheckStatus::Pass,
            "binlog_expire_logs_seconds = 0 and expire_logs_days = 0: binary logs never expire"
                .to_string(),
        ),
        Some(r) if r >= needed => (
            CheckStatus::Pass,
            format!("binary logs are kept {:.1} day(s)", r / 86_400.0),
        ),
        Some(r) => (
            CheckStatus::Warn,
            format!(
                "binary logs are kept {:.1} hour(s); the snapshot of {:.1} GB may need about {:.1} \
                 hour(s) plus a margin",
                r / 3600.0,
                bytes as f64 / 1e9,
                needed / 3600.0
            ),
        ),
    };
    items.push(
        CheckItem::new(
            "mysql.binlog_retention",
            "Binary log retention covers the snapshot",
            status,
            found,
            "the binlog position is taken when the snapshot starts; if the logs expire before \
             the snapshot ends, the job cannot continue and must start over",
        )
        .fix_unless_pass(if maria || major < 8 {
            "SET GLOBAL expire_logs_days = 7; (and `expire_logs_days = 7` in my.cnf)"
        } else {
            "SET PERSIST binlog_expire_logs_seconds = 604800;"
        }),
    );

    // GTID
    if maria {
        let strict = on(facts.var("gtid_strict_mode"));
        let pos = facts
            .var("gtid_current_pos")
            .unwrap_or("")
            .trim()
            .to_string();
        items.push(
            CheckItem::new(
                "mysql.gtid",
                "GTID (recommended)",
                if strict {
                    CheckStatus::Pass
                } else {
                    CheckStatus::Warn
                },
                format!(
                    "gtid_strict_mode = {}, gtid_current_pos = '{pos}'",
                    facts.var("gtid_strict_mode").unwrap_or("(unknown)")
                ),
                "MariaDB always writes GTIDs; strict mode keeps them consistent so a job can \
                 resume on another server after a failover",
            )
            .fix_unless_pass(
                "SET GLOBAL gtid_strict_mode = ON; (and `gtid_strict_mode = ON` in my.cnf)",
            ),
        );
    } else {
        let mode = facts.var("gtid_mode").unwrap_or("OFF");
        let ok = mode.eq_ignore_ascii_case("ON");
        items.push(
            CheckItem::new(
                "mysql.gtid",
                "GTID mode (recommended)",
                if ok {
                    CheckStatus::Pass
                } else {
                    CheckStatus::Warn
                },
                format!(
                    "gtid_mode = {mode}, enforce_gtid_consistency = {}",
                    facts.var("enforce_gtid_consistency").unwrap_or("(unknown)")
                ),
                "with GTIDs a job resumes at the right place after a failover to a replica; \
                 without them it is tied to one server's file positions",
            )
            .fix_unless_pass(
                "`gtid_mode = ON` and `enforce_gtid_consistency = ON` under [mysqld] in my.cnf, \
                 then restart (or step gtid_mode through OFF_PERMISSIVE, ON_PERMISSIVE, ON with \
                 SET GLOBAL)",
            ),
        );
    }

    // privileges
    let grants = parse_grants(&facts.grants);
    // (needed, what satisfies it)
    let new_maria = maria && (major, minor) >= (10, 5);
    let needed: Vec<(&str, Vec<&str>)> = vec![
        ("RELOAD", vec!["RELOAD"]),
        ("SHOW DATABASES", vec!["SHOW DATABASES"]),
        (
            "REPLICATION SLAVE",
            vec!["REPLICATION SLAVE", "REPLICATION REPLICA"],
        ),
        (
            if new_maria {
                "BINLOG MONITOR"
            } else {
                "REPLICATION CLIENT"
            },
            vec!["REPLICATION CLIENT", "BINLOG MONITOR", "SUPER"],
        ),
    ];
    let mut missing: Vec<&str> = needed
        .iter()
        .filter(|(_, any)| !any.iter().any(|p| grants.global_has(p)))
        .map(|(n, _)| *n)
        .collect();
    let dbs = ctx.databases();
    let no_select: Vec<&String> = dbs
        .iter()
        .filter(|d| !grants.database_has(d, "SELECT"))
        .collect();
    if !no_select.is_empty() {
        missing.insert(0, "SELECT");
    }
    let mut held: Vec<&str> = vec![];
    if grants.global.contains("ALL") {
        held.push("ALL PRIVILEGES ON *.*");
    }
    let found = if missing.is_empty() {
        format!(
            "{} has {}",
            facts.user,
            if held.is_empty() {
                "SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT".to_string()
            } else {
                held.join(", ")
            }
        )
    } else {
        let mut f = format!("'{}' lacks {}", facts.user, missing.join(", "));
        if !no_select.is_empty() {
            f.push_str(&format!(" (no SELECT on {})", name_list(&no_select)));
        }
        if !grants.roles.is_empty() {
            f.push_str(&format!(
                "; roles granted (not expanded): {}",
                grants.roles.join(", ")
            ));
        }
        f
    };
    let mut fix_privs = vec!["SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE"];
    fix_privs.push(if new_maria {
        "BINLOG MONITOR"
    } else {
        "REPLICATION CLIENT"
    });
    items.push(
        CheckItem::new(
            "mysql.privileges",
            "User privileges for CDC",
            if missing.is_empty() {
                CheckStatus::Pass
            } else if grants.roles.is_empty() {
                CheckStatus::Fail
            } else {
                CheckStatus::Warn
            },
            found,
            "the snapshot needs SELECT (and RELOAD, SHOW DATABASES for its lock and table \
             discovery); reading the binlog needs REPLICATION SLAVE, and finding its position \
             needs REPLICATION CLIENT (BINLOG MONITOR on MariaDB 10.5+)",
        )
        .fix_unless_pass(grant_fix(facts, &fix_privs)),
    );

    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use smt_catalog::{Table, TableName};

    fn facts(version: &str, vars: &[(&str, &str)], grants: &[&str]) -> Facts {
        Facts {
            version: version.into(),
            variables: vars
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            grants: grants.iter().map(|s| s.to_string()).collect(),
            user: "cdc".into(),
        }
    }

    fn status(items: &[CheckItem], id: &str) -> Option<CheckStatus> {
        items.iter().find(|i| i.id == id).map(|i| i.status)
    }

    fn fix(items: &[CheckItem], id: &str) -> String {
        items
            .iter()
            .find(|i| i.id == id)
            .and_then(|i| i.fix.clone())
            .unwrap_or_default()
    }

    #[test]
    fn grants_parse() {
        let g = parse_grants(&[
            "GRANT USAGE ON *.* TO `u`@`%` IDENTIFIED BY PASSWORD '*ABC'".into(),
            "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `u`@`%`".into(),
            "GRANT SELECT (a, b), INSERT ON `shop`.`t` TO `u`@`%`".into(),
            "GRANT ALL PRIVILEGES ON `sh\\_op%`.* TO `u`@`%`".into(),
            "GRANT `r1`@`%`,`r2`@`%` TO `u`@`%`".into(),
            "GRANT EXECUTE ON PROCEDURE `db`.`p` TO `u`@`%`".into(),
        ]);
        assert!(g.global_has("BINLOG MONITOR"));
        assert!(g.global_has("SELECT"));
        assert!(g.database_has("sh_op1", "INSERT"));
        assert!(!g.databases.contains_key("shop"));
        assert_eq!(g.roles, vec!["r1", "r2"]);
        let all = parse_grants(&[
            "GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION".into(),
        ]);
        assert!(all.global_has("REPLICATION SLAVE"));
        let db = parse_grants(&["GRANT SELECT ON `shop`.* TO 'u'@'%'".into()]);
        assert!(db.database_has("shop", "SELECT"));
        assert!(!db.database_has("shop2", "SELECT"));
    }

    /// Recorded: MariaDB 10.11 with log_bin on and STATEMENT format, MINIMAL images.
    #[test]
    fn recorded_statement_format() {
        let f = facts(
            "10.11.6-MariaDB",
            &[
                ("log_bin", "ON"),
                ("binlog_format", "STATEMENT"),
                ("binlog_row_image", "MINIMAL"),
                ("server_id", "1"),
                ("expire_logs_days", "0.000000"),
                ("binlog_expire_logs_seconds", "0"),
                ("gtid_strict_mode", "OFF"),
                ("gtid_current_pos", "0-1-5"),
            ],
            &["GRANT ALL PRIVILEGES ON *.* TO `root`@`127.0.0.1` WITH GRANT OPTION"],
        );
        let items = decide(&f, &PreflightContext::new(&[], &[], "root"));
        assert_eq!(status(&items, "mysql.log_bin"), Some(CheckStatus::Pass));
        assert_eq!(
            status(&items, "mysql.binlog_format"),
            Some(CheckStatus::Fail)
        );
        assert!(
            fix(&items, "mysql.binlog_format").starts_with("SET GLOBAL binlog_format = 'ROW';")
        );
        assert_eq!(
            status(&items, "mysql.binlog_row_image"),
            Some(CheckStatus::Fail)
        );
        assert_eq!(
            status(&items, "mysql.binlog_retention"),
            Some(CheckStatus::Pass)
        );
        assert_eq!(status(&items, "mysql.gtid"), Some(CheckStatus::Warn));
        assert!(fix(&items, "mysql.gtid").contains("gtid_strict_mode = ON"));
        assert_eq!(status(&items, "mysql.privileges"), Some(CheckStatus::Pass));
    }

    /// Recorded: MySQL 8.0 with binlog off, short retention, a user without replication
    /// privileges, and a job whose server-id range holds the server's id.
    #[test]
    fn recorded_mysql8_binlog_off() {
        let f = facts(
            "8.0.36",
            &[
                ("log_bin", "OFF"),
                ("binlog_format", "ROW"),
                ("binlog_row_image", "FULL"),
                ("binlog_row_value_options", "PARTIAL_JSON"),
                ("server_id", "5401"),
                ("binlog_expire_logs_seconds", "3600"),
                ("gtid_mode", "OFF"),
            ],
            &[
                "GRANT USAGE ON *.* TO `cdc`@`%`",
                "GRANT SELECT ON `shop`.* TO `cdc`@`%`",
            ],
        );
        let t = Table::new(TableName::new("shop", "orders"));
        let job = smt_ir::SourceJob {
            target: "shop.orders".into(),
            file: "flink-create.1.sql".into(),
            server_ids: Some((5400, 5403)),
            ..Default::default()
        };
        let tables = [t];
        let jobs = [job];
        let items = decide(&f, &PreflightContext::new(&tables, &jobs, "cdc"));
        assert_eq!(status(&items, "mysql.log_bin"), Some(CheckStatus::Fail));
        assert!(fix(&items, "mysql.log_bin").contains("log_bin = mysql-bin"));
        assert_eq!(
            status(&items, "mysql.binlog_row_value_options"),
            Some(CheckStatus::Fail)
        );
        assert_eq!(
            status(&items, "mysql.server_id_clash"),
            Some(CheckStatus::Fail)
        );
        assert_eq!(
            status(&items, "mysql.binlog_retention"),
            Some(CheckStatus::Warn)
        );
        assert_eq!(
            fix(&items, "mysql.binlog_retention"),
            "SET PERSIST binlog_expire_logs_seconds = 604800;"
        );
        assert_eq!(status(&items, "mysql.gtid"), Some(CheckStatus::Warn));
        assert_eq!(status(&items, "mysql.privileges"), Some(CheckStatus::Fail));
        let p = items
            .iter()
            .find(|i| i.id == "mysql.privileges")
            .map(|i| i.found.clone())
            .unwrap_or_default();
        assert!(
            p.contains("RELOAD") && p.contains("REPLICATION SLAVE") && !p.contains("SELECT,"),
            "{p}"
        );
        assert_eq!(
            fix(&items, "mysql.privileges"),
            "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `cdc`@`%`;"
        );
    }

    #[test]
    fn hash_is_never_echoed() {
        let f = facts(
            "10.11.6-MariaDB",
            &[("log_bin", "ON")],
            &[
                "GRANT USAGE ON *.* TO `u`@`%` IDENTIFIED BY PASSWORD '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'",
            ],
        );
        let items = decide(&f, &PreflightContext::new(&[], &[], "u"));
        let text = format!("{items:?}");
        assert!(!text.contains("2470C0C0"), "{text}");
        assert!(fix(&items, "mysql.privileges").contains("BINLOG MONITOR ON *.* TO `u`@`%`;"));
    }
}
