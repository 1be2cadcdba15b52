//! `smt check`: a preflight of every CDC prerequisite, with the exact fix for each failure.
//!
//! [`check`] opens the source, reads the tables the rules match, builds the plan to learn the
//! Flink readers it generates (server ids, replication slots), asks the adapter for its own items
//! ([`SourceCatalog::preflight`](smt_catalog::SourceCatalog::preflight)), adds the plan-level
//! items and finally checks the StarRocks side. It never changes anything and never fails: every
//! problem is an item of the [`CheckReport`].

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use smt_catalog::{Filter, PreflightContext, Registry, read_catalog, redact};
use smt_config::Config;
use smt_ir::{CheckItem, CheckReport, CheckStatus, Connection, Plan, SourceJob, SourceKind, Table};

use crate::generate::open_source;
use crate::plan::{PlanInput, build_plan, rule_filters};

/// Options of [`check`].
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Check the StarRocks side when `flink.starrocks.jdbc-url` is set (default true).
    pub check_target: bool,
    /// Connect timeout for the StarRocks FE (default 5 s).
    pub target_timeout: Duration,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            check_target: true,
            target_timeout: Duration::from_secs(5),
        }
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Run every check for a loaded config. Never panics on input and never returns an error: an
/// unreachable source is one `source.reachable` failure naming `host:port` (never the password).
pub async fn check(config: &Config, registry: &Registry, options: &CheckOptions) -> CheckReport {
    let address = if config.db.ddl_files.is_empty() {
        format!("{}:{}", config.db.host, config.db.port)
    } else {
        "dump file(s)".to_string()
    };
    let mut report = CheckReport::new(config.db.kind, address.clone());
    let secret = config.db.password.expose().to_string();
    let clean = |text: String| redact(&text, &secret);
    source_checks(config, registry, &mut report, &clean).await;
    if options.check_target {
        target_checks(config, options, &mut report).await;
    }
    report
}

async fn source_checks(
    config: &Config,
    registry: &Registry,
    report: &mut CheckReport,
    clean: &(dyn Fn(String) -> String + Sync),
) {
    let kind = config.db.kind;
    let filters = match rule_filters(config) {
        Ok(f) => f,
        Err(e) => {
            report.items.push(
                CheckItem::new(
                    "config.rules",
                    "Table rules are valid",
                    CheckStatus::Fail,
                    clean(e.to_string()),
                    "the rules select the tables to check",
                )
                .with_fix("fix the rule's database/table regular expression"),
            );
            return;
        }
    };
    if !config.db.ddl_files.is_empty() {
        report.items.push(CheckItem::new(
            "source.live",
            "Live source",
            CheckStatus::Skipped,
            "`[db] ddl_file` is set: the schema comes from a dump, the server is not contacted",
            "CDC prerequisites can only be checked on the live server",
        ));
    }
    let source = match open_source(config, registry).await {
        Ok(s) => s,
        Err(e) => {
            report.items.push(
                CheckItem::new(
                    "source.reachable",
                    "Source reachable",
                    CheckStatus::Fail,
                    clean(e.to_string()),
                    format!(
                        "smt and the Flink jobs connect to the {kind} server at {}",
                        report.address
                    ),
                )
                .with_fix(format!(
                    "check [db] host, port, user and password (and that {} accepts connections \
                     from this machine), then run smt check again",
                    report.address
                )),
            );
            return;
        }
    };
    let version = source.server_version().await.ok();
    report.server_version.clone_from(&version);
    let filter = Filter::new(filters.clone());
    let catalog = match read_catalog(source.as_ref(), &filter).await {
        Ok(c) => c,
        Err(e) => {
            report.items.push(
                CheckItem::new(
                    "source.reachable",
                    "Source reachable and catalog readable",
                    CheckStatus::Fail,
                    clean(e.to_string()),
                    "smt reads the matched tables' definitions from the catalog",
                )
                .with_fix("grant the [db] user SELECT on the catalog and the migrated databases"),
            );
            return;
        }
    };
    report.items.push(CheckItem::new(
        "source.reachable",
        "Source reachable",
        CheckStatus::Pass,
        format!(
            "connected to {} as '{}'{}",
            report.address,
            config.db.user,
            version
                .as_deref()
                .map(|v| format!(" ({v})"))
                .unwrap_or_default()
        ),
        "smt and the Flink jobs connect to this server",
    ));
    report.tables = catalog.tables.len();
    report
        .items
        .extend(rule_items(config, &filters, &catalog.tables));
    let tables = catalog.tables.clone();
    let facts = source.connection_facts().await.unwrap_or_default();
    let input = PlanInput {
        config,
        connection: Connection {
            host: config.db.host.clone(),
            port: config.db.port,
            user: config.db.user.clone(),
            password: config.db.password.clone(),
            facts,
        },
        now_epoch_secs: now(),
    };
    let jobs = match build_plan(&input, catalog) {
        Ok(_) if tables.is_empty() => Vec::new(),
        Ok(plan) => plan_jobs(&plan),
        Err(e) => {
            report.items.push(
                CheckItem::new(
                    "plan.build",
                    "Plan can be built",
                    CheckStatus::Fail,
                    clean(e.to_string()),
                    "the jobs to check come from the plan",
                )
                .with_fix("fix the config as the message says (smt generate reports the same)"),
            );
            Vec::new()
        }
    };
    report.jobs = jobs
        .iter()
        .filter(|j| j.file != "flink-create.all.sql" || config.rules.len() <= 1)
        .count();
    if config.db.ddl_files.is_empty() {
        let ctx = PreflightContext::new(&tables, &jobs, &config.db.user);
        match source.preflight(&ctx).await {
            Ok(items) => report.items.extend(items.into_iter().map(|mut i| {
                i.found = clean(std::mem::take(&mut i.found));
                i
            })),
            Err(e) => report.items.push(
                CheckItem::new(
                    "source.preflight",
                    "Source prerequisites readable",
                    CheckStatus::Fail,
                    clean(e.to_string()),
                    "smt reads the server's settings and the user's privileges to check them",
                )
                .with_fix("grant the [db] user the privileges the message names"),
            ),
        }
    }
    report.items.extend(plan_items(kind, &tables, &jobs));
}

fn plan_jobs(plan: &Plan) -> Vec<SourceJob> {
    smt_flink::source_jobs(plan)
}

/// Rules that match no table.
fn rule_items(
    config: &Config,
    filters: &[smt_catalog::RuleFilter],
    tables: &[Table],
) -> Vec<CheckItem> {
    let mut items = Vec::new();
    for (rule, f) in config.rules.iter().zip(filters) {
        let n = tables.iter().filter(|t| f.matches(&t.name)).count();
        items.push(
            CheckItem::new(
                "plan.rule_matches",
                "Rule matches tables",
                if n > 0 {
                    CheckStatus::Pass
                } else {
                    CheckStatus::Warn
                },
                format!("{n} table(s) matched"),
                "a rule that matches nothing generates nothing (often a typo in its regex)",
            )
            .on(format!("table-rule.{}", rule.name))
            .fix_unless_pass(format!(
                "check `database = {}` and `table = {}` of [table-rule.{}] (they are regular \
                 expressions)",
                rule.database, rule.table, rule.name
            )),
        );
    }
    if tables.is_empty() {
        items.push(
            CheckItem::new(
                "plan.tables",
                "Some tables matched",
                CheckStatus::Fail,
                "no source table matched any rule",
                "with no table there is nothing to migrate",
            )
            .with_fix("fix the rules' database/table patterns"),
        );
    }
    items
}

/// Plan-level items: keys, server-id ranges, slot names (pure, for tests).
pub fn plan_items(kind: SourceKind, tables: &[Table], jobs: &[SourceJob]) -> Vec<CheckItem> {
    let mut items = Vec::new();
    if !kind.supports_cdc() {
        return items;
    }
    // primary keys (PostgreSQL: the replica identity item of the adapter covers it)
    if matches!(
        kind,
        SourceKind::Mysql | SourceKind::Tidb | SourceKind::Oracle | SourceKind::Sqlserver
    ) {
        let no_pk: Vec<&Table> = tables.iter().filter(|t| t.primary_key.is_none()).collect();
        for t in no_pk.iter().take(smt_catalog::preflight::MAX_NAMED) {
            let chunk = t
                .unique_keys
                .first()
                .and_then(|k| k.columns.first())
                .or_else(|| t.columns.first().map(|c| &c.name))
                .cloned()
                .unwrap_or_else(|| "<column>".to_string());
            items.push(
                CheckItem::new(
                    "plan.primary_key",
                    "Table has a primary key",
                    CheckStatus::Warn,
                    if t.unique_keys.is_empty() {
                        "no primary key and no unique key".to_string()
                    } else {
                        "no primary key (a unique key is used)".to_string()
                    },
                    "the CDC snapshot splits a table into chunks by its key; without one it needs \
                     a chunk key column, and StarRocks gets a Duplicate Key table where updates \
                     and deletes cannot be applied",
                )
                .on(t.name.to_string())
                .with_fix(format!(
                    "add a primary key to the source table, or set \
                     `flink.cdc.scan.incremental.snapshot.chunk.key-column = {chunk}` in the rule"
                )),
            );
        }
        if no_pk.len() > smt_catalog::preflight::MAX_NAMED {
            items.push(CheckItem::new(
                "plan.primary_key",
                "Table has a primary key",
                CheckStatus::Warn,
                format!(
                    "{} more table(s) without a primary key",
                    no_pk.len() - smt_catalog::preflight::MAX_NAMED
                ),
                "see the items above",
            ));
        }
        if no_pk.is_empty() && !tables.is_empty() {
            items.push(CheckItem::new(
                "plan.primary_key",
                "Tables have a primary key",
                CheckStatus::Pass,
                format!("all {} table(s) have a primary key", tables.len()),
                "the CDC snapshot splits tables by their key",
            ));
        }
    }
    if kind == SourceKind::Mysql {
        items.extend(server_id_items(jobs));
    }
    if kind == SourceKind::Pgsql {
        items.extend(slot_items(jobs));
    }
    items
}

fn server_id_items(jobs: &[SourceJob]) -> Vec<CheckItem> {
    let mut items = Vec::new();
    let unset: Vec<&str> = jobs
        .iter()
        .filter(|j| j.server_ids.is_none())
        .map(|j| j.target.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if !unset.is_empty() {
        items.push(
            CheckItem::new(
                "plan.server_id",
                "Each reader has its own server-id range",
                CheckStatus::Warn,
                format!(
                    "no `flink.cdc.server-id` for {}: mysql-cdc picks a random id in 5400-6400",
                    smt_catalog::preflight::name_list(&unset)
                ),
                "two binlog readers with the same server id disconnect each other",
            )
            .with_fix(
                "set `flink.cdc.server-id = 5400-5403` (a range as wide as the source \
                 parallelism) in each rule, far apart between rules; smt gives every table its \
                 own range",
            ),
        );
    }
    // overlaps within each file, and between the rule files (they may run at the same time)
    let mut groups: BTreeMap<&str, Vec<&SourceJob>> = BTreeMap::new();
    for j in jobs.iter().filter(|j| j.server_ids.is_some()) {
        groups.entry(j.file.as_str()).or_default().push(j);
        if j.file != "flink-create.all.sql" {
            groups.entry("all rule files").or_default().push(j);
        }
    }
    let mut overlaps = Vec::new();
    for (scope, list) in &groups {
        let mut v: Vec<(u64, u64, &SourceJob)> = list
            .iter()
            .filter_map(|j| j.server_ids.map(|(a, b)| (a, b, *j)))
            .collect();
        v.sort_by_key(|x| (x.0, x.1));
        for (i, a) in v.iter().enumerate() {
            for b in &v[i + 1..] {
                if b.0 > a.1 {
                    break;
                }
                if *scope == "all rule files" && a.2.file == b.2.file {
                    continue;
                }
                overlaps.push(format!(
                    "{}-{} of `{}` ({}) and {}-{} of `{}` ({})",
                    a.0, a.1, a.2.target, a.2.file, b.0, b.1, b.2.target, b.2.file
                ));
            }
        }
    }
    overlaps.sort();
    overlaps.dedup();
    let with_ids = jobs.iter().filter(|j| j.server_ids.is_some()).count();
    if with_ids > 0 {
        items.push(
            CheckItem::new(
                "plan.server_id_overlap",
                "Reader server-id ranges do not overlap",
                if overlaps.is_empty() {
                    CheckStatus::Pass
                } else {
                    CheckStatus::Fail
                },
                if overlaps.is_empty() {
                    format!("{with_ids} reader range(s) in the generated files, none overlapping")
                } else {
                    format!(
                        "overlapping: {}",
                        smt_catalog::preflight::name_list(&overlaps)
                    )
                },
                "readers sharing a server id disconnect each other and the jobs restart in a loop",
            )
            .fix_unless_pass(
                "give the rules `flink.cdc.server-id` values far enough apart (each table of a \
                 rule takes the next range of the same width)",
            ),
        );
    }
    items
}

/// Whether a name is a valid PostgreSQL replication slot name.
pub fn valid_slot_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn slot_items(jobs: &[SourceJob]) -> Vec<CheckItem> {
    // each reader appears in its rule file and (several rules) in the .all file: same slot
    let mut seen: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for j in jobs {
        if let Some(s) = &j.slot_name {
            seen.entry(s.as_str())
                .or_default()
                .insert(j.target.as_str());
        }
    }
    let shared: Vec<String> = seen
        .iter()
        .filter(|(_, t)| t.len() > 1)
        .map(|(s, t)| {
            format!(
                "`{s}` by {}",
                t.iter().copied().collect::<Vec<_>>().join(", ")
            )
        })
        .collect();
    let invalid: Vec<&str> = seen
        .keys()
        .copied()
        .filter(|s| !valid_slot_name(s))
        .collect();
    if seen.is_empty() {
        return Vec::new();
    }
    let status = if shared.is_empty() && invalid.is_empty() {
        CheckStatus::Pass
    } else {
        CheckStatus::Fail
    };
    vec![
        CheckItem::new(
            "plan.slot_names",
            "Replication slot names unique and valid",
            status,
            if status == CheckStatus::Pass {
                format!("{} slot name(s), all unique and valid", seen.len())
            } else {
                format!(
                    "shared: {}; invalid: {}",
                    if shared.is_empty() { "none".to_string() } else { shared.join("; ") },
                    if invalid.is_empty() { "none".to_string() } else { invalid.join(", ") }
                )
            },
            "two readers on one slot fail with \"replication slot is active\"; a slot name is \
             lower-case letters, digits and `_`, at most 63 characters",
        )
        .fix_unless_pass("remove `flink.cdc.slot.name` from the rules (smt derives one slot per table) or give each rule its own"),
    ]
}

async fn target_checks(config: &Config, options: &CheckOptions, report: &mut CheckReport) {
    let url = config
        .rules
        .iter()
        .find_map(|r| r.sink_option("jdbc-url").filter(|u| !u.trim().is_empty()));
    let Some(url) = url else {
        report.items.push(
            CheckItem::new(
                "starrocks.reachable",
                "StarRocks FE reachable",
                CheckStatus::Warn,
                "not checked: no rule sets `flink.starrocks.jdbc-url`",
                "the StarRocks version, alive backends and privileges could not be verified",
            )
            .with_fix("set `flink.starrocks.jdbc-url = jdbc:mysql://<fe>:9030` in the rules"),
        );
        return;
    };
    let rule = config
        .rules
        .iter()
        .find(|r| r.sink_option("jdbc-url") == Some(url));
    let cfg = smt_target_starrocks::TargetConfig {
        jdbc_url: url.to_string(),
        user: rule
            .and_then(|r| r.sink_option("username"))
            .unwrap_or("root")
            .to_string(),
        password: smt_ir::Secret::new(rule.and_then(|r| r.sink_option("password")).unwrap_or("")),
        be_num: config.other.be_num,
        configured_version: config.other.starrocks_version,
        timeout: options.target_timeout,
    };
    let (items, facts) = smt_target_starrocks::check(&cfg).await;
    let secret = cfg.password.expose().to_string();
    report.items.extend(items.into_iter().map(|mut i| {
        i.found = redact(&i.found, &secret);
        i
    }));
    report.target = facts;
}

#[cfg(test)]
mod tests {
    use super::*;
    use smt_ir::TableName;

    fn job(target: &str, file: &str, ids: Option<(u64, u64)>, slot: Option<&str>) -> SourceJob {
        SourceJob {
            target: target.into(),
            file: file.into(),
            server_ids: ids,
            slot_name: slot.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn server_ids_overlap_and_unset() {
        let jobs = [
            job("a.t1", "flink-create.1.sql", Some((5400, 5403)), None),
            job("a.t2", "flink-create.1.sql", Some((5404, 5407)), None),
            job("b.t1", "flink-create.2.sql", Some((5402, 5405)), None),
            job("b.t2", "flink-create.2.sql", None, None),
        ];
        let items = plan_items(SourceKind::Mysql, &[], &jobs);
        let o = items.iter().find(|i| i.id == "plan.server_id_overlap");
        assert_eq!(o.map(|i| i.status), Some(CheckStatus::Fail));
        assert!(
            o.map(|i| i.found.clone())
                .unwrap_or_default()
                .contains("a.t1")
        );
        let u = items.iter().find(|i| i.id == "plan.server_id");
        assert_eq!(u.map(|i| i.status), Some(CheckStatus::Warn));
        let ok = plan_items(SourceKind::Mysql, &[], &jobs[..2]);
        assert!(
            ok.iter()
                .any(|i| i.id == "plan.server_id_overlap" && i.status == CheckStatus::Pass)
        );
    }

    #[test]
    fn slots_and_keys() {
        let jobs = [
            job("a.t1", "f1", None, Some("smt_a_t1")),
            job("a.t1", "all", None, Some("smt_a_t1")),
            job("a.t2", "f1", None, Some("smt_a_t1")),
            job("a.t3", "f1", None, Some("Bad-Name")),
        ];
        let items = plan_items(SourceKind::Pgsql, &[], &jobs);
        let s = items.iter().find(|i| i.id == "plan.slot_names");
        assert_eq!(s.map(|i| i.status), Some(CheckStatus::Fail));
        let found = s.map(|i| i.found.clone()).unwrap_or_default();
        assert!(
            found.contains("a.t1, a.t2") && found.contains("Bad-Name"),
            "{found}"
        );
        let t = Table::new(TableName::new("shop", "log"));
        let items = plan_items(SourceKind::Mysql, &[t], &[]);
        let k = items.iter().find(|i| i.id == "plan.primary_key");
        assert_eq!(k.map(|i| i.status), Some(CheckStatus::Warn));
        assert!(
            k.and_then(|i| i.fix.clone())
                .unwrap_or_default()
                .contains("chunk.key-column")
        );
        assert!(valid_slot_name("smt_a_1") && !valid_slot_name("A"));
    }
}
