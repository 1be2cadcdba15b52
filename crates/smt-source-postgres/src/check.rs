//! `smt check` for PostgreSQL: `wal_level`, free replication slots and WAL senders, the user's
//! REPLICATION attribute, each table's replica identity and SELECT privilege, the decoding plugin
//! the slots the jobs will use and the pgoutput publication. [`gather`] reads the catalog (read-only, names as bind
//! parameters) into [`Facts`]; [`decide`] is pure, so recorded rows go through the same code.

use std::collections::BTreeMap;

use smt_catalog::{CheckItem, CheckStatus, PreflightContext, Result, preflight::name_list};
use sqlx::Row;

use crate::PostgresSource;

/// Server-wide settings and the user's attributes.
const SERVER_SQL: &str = "\
SELECT pg_catalog.current_setting('wal_level') AS wal_level,
       pg_catalog.current_setting('max_replication_slots')::int4 AS max_slots,
       pg_catalog.current_setting('max_wal_senders')::int4 AS max_senders,
       pg_catalog.current_setting('server_version_num')::int4 AS version_num,
       (SELECT count(*) FROM pg_catalog.pg_stat_replication)::int4 AS senders_used,
       r.rolname::text AS rolname, r.rolsuper, r.rolreplication,
       EXISTS (SELECT 1 FROM pg_catalog.pg_roles g
               WHERE g.rolname = 'rds_replication'
                 AND pg_catalog.pg_has_role(r.oid, g.oid, 'MEMBER')) AS rds_replication
FROM pg_catalog.pg_roles r WHERE r.rolname = current_user";

/// Existing replication slots.
const SLOTS_SQL: &str = "\
SELECT slot_name::text AS slot_name, COALESCE(plugin::text, '') AS plugin,
       slot_type::text AS slot_type, COALESCE(database::text, '') AS database, active
FROM pg_catalog.pg_replication_slots";

/// Replica identity, primary key and SELECT privilege of the wanted tables ($1 schemas, $2
/// names, pairwise).
const TABLES_SQL: &str = "\
SELECT n.nspname::text AS nspname, c.relname::text AS relname, c.relreplident::text AS ident,
       EXISTS (SELECT 1 FROM pg_catalog.pg_index i
               WHERE i.indrelid = c.oid AND i.indisprimary) AS has_pk,
       pg_catalog.has_table_privilege(c.oid, 'SELECT') AS can_select
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN unnest($1::text[], $2::text[]) AS w(s, t) ON w.s = n.nspname AND w.t = c.relname";

/// The publication ($1) of the current database and whether it covers all tables.
const PUBLICATION_SQL: &str = "\
SELECT p.puballtables,
       COALESCE((SELECT array_agg(pt.schemaname::text || '.' || pt.tablename::text)
                 FROM pg_catalog.pg_publication_tables pt WHERE pt.pubname = p.pubname),
                '{}'::text[]) AS tables
FROM pg_catalog.pg_publication p WHERE p.pubname = $1";

/// The name Debezium's pgoutput reader gives its publication unless
/// `debezium.publication.name` says otherwise.
pub const DEFAULT_PUBLICATION: &str = "dbz_publication";

/// A pgoutput publication the jobs of one database use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicationRow {
    /// Database.
    pub database: String,
    /// Publication name.
    pub name: String,
    /// Whether it exists.
    pub exists: bool,
    /// `FOR ALL TABLES`.
    pub all_tables: bool,
    /// `schema.table` of the tables it publishes (when not all).
    pub tables: Vec<String>,
}

/// One existing replication slot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlotRow {
    /// Slot name.
    pub name: String,
    /// Output plugin (empty for physical slots).
    pub plugin: String,
    /// `logical` or `physical`.
    pub slot_type: String,
    /// Database of a logical slot.
    pub database: String,
    /// Whether a reader uses it now.
    pub active: bool,
}

/// One matched table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableRow {
    /// Database.
    pub database: String,
    /// Schema.
    pub schema: String,
    /// Table.
    pub name: String,
    /// `relreplident`: `d` default, `n` nothing, `f` full, `i` index.
    pub identity: String,
    /// Whether it has a primary key.
    pub has_pk: bool,
    /// Whether the user may SELECT it.
    pub can_select: bool,
}

/// What the server said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// `wal_level`.
    pub wal_level: String,
    /// `max_replication_slots`.
    pub max_slots: i32,
    /// `max_wal_senders`.
    pub max_senders: i32,
    /// WAL senders in use (`pg_stat_replication`).
    pub senders_used: i32,
    /// `server_version_num`.
    pub version_num: i32,
    /// The user.
    pub user: String,
    /// Superuser.
    pub superuser: bool,
    /// REPLICATION attribute.
    pub replication: bool,
    /// Member of `rds_replication` (Amazon RDS / Aurora).
    pub rds_replication: bool,
    /// Every replication slot.
    pub slots: Vec<SlotRow>,
    /// The matched tables.
    pub tables: Vec<TableRow>,
    /// The pgoutput publications of the jobs, per database.
    pub publications: Vec<PublicationRow>,
}

fn query_err(e: sqlx::Error, what: &str) -> smt_catalog::Error {
    smt_catalog::Error::new(smt_catalog::ErrorKind::Query, format!("{what}: {e}"))
}

/// Read the facts (read-only).
pub async fn gather(source: &PostgresSource, ctx: &PreflightContext<'_>) -> Result<Facts> {
    let db = source.maintenance_db.clone();
    let mut s = source.session(&db).await?;
    source.counted();
    let row = sqlx::query(SERVER_SQL)
        .fetch_one(&mut s.conn)
        .await
        .map_err(|e| query_err(e, "reading the replication settings"))?;
    let mut facts = Facts {
        wal_level: row.try_get("wal_level").unwrap_or_default(),
        max_slots: row.try_get("max_slots").unwrap_or_default(),
        max_senders: row.try_get("max_senders").unwrap_or_default(),
        senders_used: row.try_get("senders_used").unwrap_or_default(),
        version_num: row.try_get("version_num").unwrap_or_default(),
        user: row.try_get("rolname").unwrap_or_default(),
        superuser: row.try_get("rolsuper").unwrap_or_default(),
        replication: row.try_get("rolreplication").unwrap_or_default(),
        rds_replication: row.try_get("rds_replication").unwrap_or_default(),
        ..Facts::default()
    };
    source.counted();
    for r in sqlx::query(SLOTS_SQL)
        .fetch_all(&mut s.conn)
        .await
        .map_err(|e| query_err(e, "reading pg_replication_slots"))?
    {
        facts.slots.push(SlotRow {
            name: r.try_get("slot_name").unwrap_or_default(),
            plugin: r.try_get("plugin").unwrap_or_default(),
            slot_type: r.try_get("slot_type").unwrap_or_default(),
            database: r.try_get("database").unwrap_or_default(),
            active: r.try_get("active").unwrap_or_default(),
        });
    }
    source.give_back(&db, s).await;
    let mut by_db: BTreeMap<&str, (Vec<String>, Vec<String>)> = BTreeMap::new();
    for t in ctx.tables {
        let e = by_db.entry(t.name.database.as_str()).or_default();
        e.0.push(t.name.schema.clone().unwrap_or_else(|| "public".into()));
        e.1.push(t.name.name.clone());
    }
    for (database, (schemas, names)) in by_db {
        let mut s = source.session(database).await?;
        source.counted();
        let rows = sqlx::query(TABLES_SQL)
            .bind(&schemas)
            .bind(&names)
            .fetch_all(&mut s.conn)
            .await
            .map_err(|e| query_err(e, "reading the replica identities"))?;
        for name in publications_of(ctx, database) {
            source.counted();
            let row = sqlx::query(PUBLICATION_SQL)
                .bind(&name)
                .fetch_optional(&mut s.conn)
                .await
                .map_err(|e| query_err(e, "reading pg_publication"))?;
            facts.publications.push(PublicationRow {
                database: database.to_string(),
                exists: row.is_some(),
                all_tables: row
                    .as_ref()
                    .and_then(|r| r.try_get("puballtables").ok())
                    .unwrap_or(false),
                tables: row
                    .as_ref()
                    .and_then(|r| r.try_get("tables").ok())
                    .unwrap_or_default(),
                name,
            });
        }
        source.give_back(database, s).await;
        for r in rows {
            facts.tables.push(TableRow {
                database: database.to_string(),
                schema: r.try_get("nspname").unwrap_or_default(),
                name: r.try_get("relname").unwrap_or_default(),
                identity: r.try_get("ident").unwrap_or_default(),
                has_pk: r.try_get("has_pk").unwrap_or_default(),
                can_select: r.try_get("can_select").unwrap_or_default(),
            });
        }
    }
    Ok(facts)
}

/// The publications the pgoutput jobs reading `database` use.
fn publications_of(ctx: &PreflightContext<'_>, database: &str) -> Vec<String> {
    let mut out: Vec<String> = ctx
        .jobs
        .iter()
        .filter(|j| j.database == database)
        .filter(|j| j.option("decoding.plugin.name").unwrap_or("pgoutput") == "pgoutput")
        .map(|j| {
            j.option("debezium.publication.name")
                .unwrap_or(DEFAULT_PUBLICATION)
                .to_string()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Gather and decide.
pub async fn preflight(
    source: &PostgresSource,
    ctx: &PreflightContext<'_>,
) -> Result<Vec<CheckItem>> {
    let facts = gather(source, ctx).await?;
    Ok(decide(&facts, ctx))
}

/// A double-quoted identifier.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A single-quoted literal.
fn literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// Decide every PostgreSQL item from the facts (pure).
pub fn decide(facts: &Facts, ctx: &PreflightContext<'_>) -> Vec<CheckItem> {
    let mut items = Vec::new();
    let restart = "then restart PostgreSQL";

    // wal_level
    let logical = facts.wal_level.eq_ignore_ascii_case("logical");
    items.push(
        CheckItem::new(
            "pgsql.wal_level",
            "wal_level = logical",
            if logical {
                CheckStatus::Pass
            } else {
                CheckStatus::Fail
            },
            format!("wal_level = {}", facts.wal_level),
            "postgres-cdc decodes the WAL through a logical replication slot, which needs \
             wal_level = logical",
        )
        .fix_unless_pass(format!("ALTER SYSTEM SET wal_level = logical; {restart}")),
    );

    // slots the jobs use: distinct names; which already exist
    let mut wanted: BTreeMap<&str, &str> = BTreeMap::new(); // slot -> database
    for j in ctx.jobs {
        if let Some(s) = &j.slot_name {
            wanted.entry(s.as_str()).or_insert(j.database.as_str());
        }
    }
    let existing: BTreeMap<&str, &SlotRow> =
        facts.slots.iter().map(|s| (s.name.as_str(), s)).collect();
    let new_slots = wanted.keys().filter(|s| !existing.contains_key(*s)).count();
    let used = facts.slots.len();
    let free = usize::try_from(facts.max_slots)
        .unwrap_or(0)
        .saturating_sub(used);
    let enough = free >= new_slots;
    items.push(
        CheckItem::new(
            "pgsql.replication_slots",
            "Free replication slots for the jobs",
            if enough {
                CheckStatus::Pass
            } else {
                CheckStatus::Fail
            },
            format!(
                "max_replication_slots = {}, {used} in use, {free} free; the jobs need {new_slots} \
                 new slot(s)",
                facts.max_slots
            ),
            "every postgres-cdc source holds one logical replication slot",
        )
        .fix_unless_pass(format!(
            "ALTER SYSTEM SET max_replication_slots = {}; {restart}",
            used + new_slots + 2
        )),
    );
    let readers = wanted.len();
    let senders_free = usize::try_from(facts.max_senders - facts.senders_used).unwrap_or(0);
    items.push(
        CheckItem::new(
            "pgsql.wal_senders",
            "Free WAL senders for the jobs",
            if senders_free >= readers {
                CheckStatus::Pass
            } else {
                CheckStatus::Fail
            },
            format!(
                "max_wal_senders = {}, {} in use; the jobs stream through {readers} sender(s)",
                facts.max_senders, facts.senders_used
            ),
            "every postgres-cdc source streams the WAL through one WAL sender process",
        )
        .fix_unless_pass(format!(
            "ALTER SYSTEM SET max_wal_senders = {}; {restart}",
            usize::try_from(facts.senders_used).unwrap_or(0) + readers + 2
        )),
    );

    // replication privilege
    let ok = facts.superuser || facts.replication || facts.rds_replication;
    items.push(
        CheckItem::new(
            "pgsql.replication_privilege",
            "User may start replication",
            if ok {
                CheckStatus::Pass
            } else {
                CheckStatus::Fail
            },
            format!(
                "role {}: superuser = {}, replication = {}, rds_replication member = {}",
                facts.user, facts.superuser, facts.replication, facts.rds_replication
            ),
            "creating a replication slot and streaming from it needs the REPLICATION attribute \
             (or superuser, or rds_replication on Amazon RDS)",
        )
        .fix_unless_pass(format!(
            "ALTER ROLE {} WITH REPLICATION; (on Amazon RDS: GRANT rds_replication TO {};)",
            ident(&facts.user),
            ident(&facts.user)
        )),
    );

    // decoding plugin
    let mut plugins: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for j in ctx.jobs {
        let p = j
            .option("decoding.plugin.name")
            .unwrap_or("pgoutput")
            .to_string();
        plugins.entry(p).or_default().push(j.target.as_str());
    }
    for (plugin, targets) in &plugins {
        let (status, found, fix) = if plugin == "pgoutput" {
            if facts.version_num >= 100_000 {
                (
                    CheckStatus::Pass,
                    "pgoutput is built into PostgreSQL 10+".to_string(),
                    None,
                )
            } else {
                (
                    CheckStatus::Fail,
                    format!(
                        "pgoutput needs PostgreSQL 10+ (server_version_num {})",
                        facts.version_num
                    ),
                    Some(
                        "set `flink.cdc.decoding.plugin.name = decoderbufs` (installed on the server) in the rule",
                    ),
                )
            }
        } else {
            (
                CheckStatus::Warn,
                format!("`{plugin}` is an external output plugin; it cannot be listed over SQL"),
                Some(
                    "make sure the plugin's library is installed on the server (ls $(pg_config --pkglibdir)), or use the built-in pgoutput",
                ),
            )
        };
        let mut item = CheckItem::new(
            "pgsql.decoding_plugin",
            "Logical decoding plugin available",
            status,
            found,
            "the replication slot decodes the WAL with this plugin",
        )
        .on(name_list(targets));
        if let Some(f) = fix {
            item = item.with_fix(f);
        }
        items.push(item);
    }

    // slots already on the server
    for (name, database) in &wanted {
        if let Some(s) = existing.get(name) {
            let (status, why_fix) = if s.active {
                (
                    CheckStatus::Fail,
                    "another reader uses it now: the job fails with \"replication slot is active\"",
                )
            } else if s.slot_type != "logical" || s.database != *database {
                (
                    CheckStatus::Fail,
                    "it is not a logical slot of the job's database",
                )
            } else {
                (
                    CheckStatus::Warn,
                    "the job will resume from the slot's position (fine when it belongs to an earlier run of this job)",
                )
            };
            items.push(
                CheckItem::new(
                    "pgsql.slot_exists",
                    "Replication slot not taken",
                    status,
                    format!(
                        "slot exists: {} {} slot on database `{}`, plugin `{}`, active = {}",
                        s.name, s.slot_type, s.database, s.plugin, s.active
                    ),
                    why_fix,
                )
                .on(name.to_string())
                .with_fix(format!(
                    "SELECT pg_drop_replication_slot({}); (only if no job needs it), or set \
                     another `flink.cdc.slot.name` in the rule",
                    literal(name)
                )),
            );
        }
    }

    // tables: replica identity and SELECT
    let mut identity_ok = 0usize;
    for t in &facts.tables {
        let subject = format!("{}.{}.{}", t.database, t.schema, t.name);
        let alter = format!(
            "ALTER TABLE {}.{} REPLICA IDENTITY FULL;",
            ident(&t.schema),
            ident(&t.name)
        );
        let item = match (t.identity.as_str(), t.has_pk) {
            ("f", _) => None,
            ("i", _) | ("d", true) => None,
            ("d", false) => Some((
                CheckStatus::Fail,
                "replica identity DEFAULT and no primary key: UPDATE and DELETE carry no old \
                 row (PostgreSQL even rejects them once the table is published)",
            )),
            ("n", _) => Some((
                CheckStatus::Fail,
                "replica identity NOTHING: UPDATE and DELETE carry no old row",
            )),
            _ => Some((CheckStatus::Warn, "unknown replica identity")),
        };
        match item {
            None => identity_ok += 1,
            Some((status, found)) => items.push(
                CheckItem::new(
                    "pgsql.replica_identity",
                    "Replica identity carries the key",
                    status,
                    found,
                    "the Flink job applies an update or delete to StarRocks by the old row's \
                     key; without it the job fails at the first UPDATE/DELETE",
                )
                .on(subject.clone())
                .with_fix(alter),
            ),
        }
        if !t.can_select {
            items.push(
                CheckItem::new(
                    "pgsql.select_privilege",
                    "User may read the table",
                    CheckStatus::Fail,
                    format!("{} has no SELECT on the table", facts.user),
                    "the snapshot reads every row with SELECT",
                )
                .on(subject)
                .with_fix(format!(
                    "GRANT SELECT ON {}.{} TO {};",
                    ident(&t.schema),
                    ident(&t.name),
                    ident(&facts.user)
                )),
            );
        }
    }
    decide_publications(facts, &mut items);
    if identity_ok > 0 {
        items.push(CheckItem::new(
            "pgsql.replica_identity",
            "Replica identity carries the key",
            CheckStatus::Pass,
            format!(
                "{identity_ok} of {} table(s) have REPLICA IDENTITY FULL, an index, or a primary key",
                facts.tables.len()
            ),
            "updates and deletes carry the old row's key",
        ));
    }
    items
}

/// The pgoutput publication of each database: Debezium creates `FOR ALL TABLES` when it is
/// missing, which only a superuser may do; an existing one must publish every matched table.
fn decide_publications(facts: &Facts, items: &mut Vec<CheckItem>) {
    for p in &facts.publications {
        let mut wanted: Vec<String> = facts
            .tables
            .iter()
            .filter(|t| t.database == p.database)
            .map(|t| format!("{}.{}", t.schema, t.name))
            .collect();
        wanted.sort();
        let table_list = |names: &[String]| -> String {
            names
                .iter()
                .map(|n| match n.split_once('.') {
                    Some((s, t)) => format!("{}.{}", ident(s), ident(t)),
                    None => ident(n),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let why = "pgoutput streams only the tables of the job's publication; a table outside it \
                   is snapshotted and then silently gets no changes";
        let item = if !p.exists {
            if facts.superuser {
                CheckItem::new(
                    "pgsql.publication",
                    "Publication for pgoutput",
                    CheckStatus::Pass,
                    format!(
                        "publication {} does not exist yet; the job creates it FOR ALL TABLES \
                         (the user is a superuser)",
                        p.name
                    ),
                    why,
                )
            } else {
                CheckItem::new(
                    "pgsql.publication",
                    "Publication for pgoutput",
                    CheckStatus::Fail,
                    format!(
                        "publication {} does not exist, and {} is not a superuser: the job's \
                         CREATE PUBLICATION ... FOR ALL TABLES fails",
                        p.name, facts.user
                    ),
                    why,
                )
                .with_fix(format!(
                    "as a superuser or the tables' owner: CREATE PUBLICATION {} FOR TABLE {};",
                    ident(&p.name),
                    table_list(&wanted)
                ))
            }
        } else if p.all_tables {
            CheckItem::new(
                "pgsql.publication",
                "Publication for pgoutput",
                CheckStatus::Pass,
                format!("publication {} publishes all tables", p.name),
                why,
            )
        } else {
            let missing: Vec<String> = wanted
                .iter()
                .filter(|w| !p.tables.contains(w))
                .cloned()
                .collect();
            if missing.is_empty() {
                CheckItem::new(
                    "pgsql.publication",
                    "Publication for pgoutput",
                    CheckStatus::Pass,
                    format!(
                        "publication {} publishes all {} matched table(s)",
                        p.name,
                        wanted.len()
                    ),
                    why,
                )
            } else {
                CheckItem::new(
                    "pgsql.publication",
                    "Publication for pgoutput",
                    CheckStatus::Fail,
                    format!(
                        "publication {} lacks {} of the matched tables: {}",
                        p.name,
                        missing.len(),
                        missing.join(", ")
                    ),
                    why,
                )
                .with_fix(format!(
                    "ALTER PUBLICATION {} ADD TABLE {};",
                    ident(&p.name),
                    table_list(&missing)
                ))
            }
        };
        items.push(item.on(format!("{} ({})", p.database, p.name)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use smt_ir::SourceJob;

    fn base() -> Facts {
        Facts {
            wal_level: "logical".into(),
            max_slots: 10,
            max_senders: 10,
            senders_used: 0,
            version_num: 150_000,
            user: "cdc".into(),
            replication: true,
            ..Facts::default()
        }
    }

    fn job(target: &str, slot: &str) -> SourceJob {
        SourceJob {
            target: target.into(),
            database: "app".into(),
            slot_name: Some(slot.into()),
            ..Default::default()
        }
    }

    fn find<'a>(items: &'a [CheckItem], id: &str) -> Vec<&'a CheckItem> {
        items.iter().filter(|i| i.id == id).collect()
    }

    #[test]
    fn recorded_replica_wal_and_identity() {
        let mut f = base();
        f.wal_level = "replica".into();
        f.replication = false;
        f.max_slots = 2;
        f.slots = vec![
            SlotRow {
                name: "other".into(),
                plugin: "pgoutput".into(),
                slot_type: "logical".into(),
                database: "app".into(),
                active: true,
            },
            SlotRow {
                name: "smt_app_public_a".into(),
                plugin: "pgoutput".into(),
                slot_type: "logical".into(),
                database: "app".into(),
                active: true,
            },
        ];
        f.tables = vec![
            TableRow {
                database: "app".into(),
                schema: "public".into(),
                name: "a".into(),
                identity: "d".into(),
                has_pk: false,
                can_select: true,
            },
            TableRow {
                database: "app".into(),
                schema: "public".into(),
                name: "b".into(),
                identity: "f".into(),
                has_pk: false,
                can_select: false,
            },
        ];
        let jobs = [
            job("app.a", "smt_app_public_a"),
            job("app.b", "smt_app_public_b"),
        ];
        let items = decide(&f, &PreflightContext::new(&[], &jobs, "cdc"));
        let w = find(&items, "pgsql.wal_level");
        assert_eq!(w[0].status, CheckStatus::Fail);
        assert_eq!(
            w[0].fix.as_deref(),
            Some("ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL")
        );
        assert_eq!(
            find(&items, "pgsql.replication_slots")[0].status,
            CheckStatus::Fail
        );
        assert_eq!(
            find(&items, "pgsql.replication_privilege")[0].status,
            CheckStatus::Fail
        );
        assert!(
            find(&items, "pgsql.replication_privilege")[0]
                .fix
                .as_deref()
                .unwrap_or("")
                .starts_with("ALTER ROLE \"cdc\" WITH REPLICATION;")
        );
        let ri = find(&items, "pgsql.replica_identity");
        assert_eq!(ri[0].status, CheckStatus::Fail);
        assert_eq!(
            ri[0].fix.as_deref(),
            Some("ALTER TABLE \"public\".\"a\" REPLICA IDENTITY FULL;")
        );
        assert_eq!(ri[1].status, CheckStatus::Pass);
        assert_eq!(find(&items, "pgsql.select_privilege").len(), 1);
        let slot = find(&items, "pgsql.slot_exists");
        assert_eq!(slot[0].status, CheckStatus::Fail);
        assert!(
            slot[0]
                .fix
                .as_deref()
                .unwrap_or("")
                .contains("pg_drop_replication_slot('smt_app_public_a')")
        );
    }

    #[test]
    fn recorded_external_plugin_warns() {
        let f = base();
        let mut j = job("app.a", "s1");
        j.options
            .push(("decoding.plugin.name".into(), "wal2json".into()));
        let items = decide(&f, &PreflightContext::new(&[], &[j], "cdc"));
        assert_eq!(
            find(&items, "pgsql.decoding_plugin")[0].status,
            CheckStatus::Warn
        );
        assert_eq!(find(&items, "pgsql.wal_level")[0].status, CheckStatus::Pass);
        assert_eq!(
            find(&items, "pgsql.replication_slots")[0].status,
            CheckStatus::Pass
        );
    }

    fn table(name: &str) -> TableRow {
        TableRow {
            database: "app".into(),
            schema: "public".into(),
            name: name.into(),
            identity: "f".into(),
            has_pk: true,
            can_select: true,
        }
    }

    fn publication(exists: bool, all: bool, tables: &[&str]) -> PublicationRow {
        PublicationRow {
            database: "app".into(),
            name: DEFAULT_PUBLICATION.into(),
            exists,
            all_tables: all,
            tables: tables.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn publication_missing_partial_or_complete() {
        let jobs = vec![job("app.a", "s1")];
        let ctx = PreflightContext::new(&[], &jobs, "cdc");
        assert_eq!(publications_of(&ctx, "app"), ["dbz_publication"]);
        assert!(publications_of(&ctx, "other").is_empty());

        let mut f = base();
        f.tables = vec![table("a"), table("b c")];
        // Missing, not a superuser: the job's CREATE PUBLICATION FOR ALL TABLES fails.
        f.publications = vec![publication(false, false, &[])];
        let items = decide(&f, &ctx);
        let p = find(&items, "pgsql.publication");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].status, CheckStatus::Fail);
        assert_eq!(
            p[0].fix.as_deref(),
            Some(
                "as a superuser or the tables' owner: CREATE PUBLICATION \"dbz_publication\" FOR \
                 TABLE \"public\".\"a\", \"public\".\"b c\";"
            )
        );
        // Missing, superuser: created by the job.
        f.superuser = true;
        assert_eq!(
            find(&decide(&f, &ctx), "pgsql.publication")[0].status,
            CheckStatus::Pass
        );
        // Existing without one table.
        f.publications = vec![publication(true, false, &["public.a"])];
        let items = decide(&f, &ctx);
        let p = find(&items, "pgsql.publication");
        assert_eq!(p[0].status, CheckStatus::Fail);
        assert!(p[0].found.contains("public.b c"), "{:?}", p[0]);
        assert_eq!(
            p[0].fix.as_deref(),
            Some("ALTER PUBLICATION \"dbz_publication\" ADD TABLE \"public\".\"b c\";")
        );
        // FOR ALL TABLES.
        f.publications = vec![publication(true, true, &[])];
        assert_eq!(
            find(&decide(&f, &ctx), "pgsql.publication")[0].status,
            CheckStatus::Pass
        );
    }
}
