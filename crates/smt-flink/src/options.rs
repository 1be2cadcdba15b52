//! WITH options of the generated tables: CDC / batch sources, StarRocks sinks, the Hive catalog,
//! plus the per-plan allocations that must not collide (PostgreSQL slot names, MySQL server ids).

use std::collections::{BTreeMap, HashMap, HashSet};

use smt_ir::{ColumnOrigin, KeyKind, Plan, RulePlan, SourceKind, TableName, TargetTable, Warning};

use crate::EmitError;
use crate::text::{MAX_SLOT_LEN, connector_pattern, regex_escape, slot_name, slot_with_suffix};
use crate::types::map_column;

/// The sink options smt always sets itself, first, whatever the rule says.
pub(crate) const SINK_FIXED: [&str; 3] = ["connector", "database-name", "table-name"];

/// Options the StarRocks sink cannot start without.
const SINK_REQUIRED: [&str; 4] = ["jdbc-url", "load-url", "username", "password"];

/// Hive catalog options (the other `flink.cdc.*` keys of a Hive rule are table options).
const HIVE_CATALOG_KEYS: [&str; 4] = [
    "hive-conf-dir",
    "hadoop-conf-dir",
    "hive-version",
    "default-database",
];

/// Where the Hive catalog reads `hive-site.xml` when nothing says otherwise.
pub(crate) const DEFAULT_HIVE_CONF_DIR: &str = "/opt/hive/conf";

/// Port of ClickHouse's MySQL-compatible interface when the plan does not say.
const DEFAULT_CLICKHOUSE_MYSQL_PORT: u16 = 9004;

/// A name in a source filter: a literal name or an SMT rule regex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Name {
    Literal(String),
    Pattern(String),
}

impl Name {
    /// For a connector option that is a regular expression matched against the whole name.
    pub(crate) fn as_regex(&self) -> String {
        match self {
            Name::Literal(s) => regex_escape(s),
            Name::Pattern(p) => connector_pattern(p),
        }
    }

    /// For a connector option that takes a literal name.
    pub(crate) fn as_literal(&self) -> &str {
        match self {
            Name::Literal(s) | Name::Pattern(s) => s,
        }
    }

    fn is_pattern(&self) -> bool {
        matches!(self, Name::Pattern(_))
    }
}

/// The source tables one Flink source table reads: one table, or a regex-selected group that a
/// single connector instance can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceGroup {
    pub database: Name,
    pub schema: Option<Name>,
    pub table: Name,
}

impl SourceGroup {
    fn literal(name: &TableName) -> Self {
        SourceGroup {
            database: Name::Literal(name.database.clone()),
            schema: name.schema.clone().map(Name::Literal),
            table: Name::Literal(name.name.clone()),
        }
    }

    fn is_pattern(&self) -> bool {
        self.database.is_pattern()
            || self.table.is_pattern()
            || self.schema.as_ref().is_some_and(Name::is_pattern)
    }
}

/// How the rows of a target table are read: one group per Flink source table.
///
/// - A single source table: one group with its literal names.
/// - A merged shard group (`selector.is_pattern`): mysql-cdc reads every database and table
///   through one regex; postgres-cdc, oracle-cdc and sqlserver-cdc connect to one database, so
///   there is one group per source database (schema and table stay regexes); tidb-cdc, Hive and
///   ClickHouse read one table per source table.
/// - Several sources without a pattern: one literal group per source.
pub(crate) fn source_groups(table: &TargetTable, source: SourceKind) -> Vec<SourceGroup> {
    let sel = &table.selector;
    if !sel.is_pattern {
        if table.sources.len() > 1 {
            return table.sources.iter().map(SourceGroup::literal).collect();
        }
        return vec![SourceGroup {
            database: Name::Literal(sel.database.clone()),
            schema: sel.schema.clone().map(Name::Literal),
            table: Name::Literal(sel.table.clone()),
        }];
    }
    let pattern_group = |database: Name| SourceGroup {
        database,
        schema: if source.has_schemas() {
            Some(Name::Pattern(
                sel.schema.clone().unwrap_or_else(|| ".*".to_string()),
            ))
        } else {
            None
        },
        table: Name::Pattern(sel.table.clone()),
    };
    match source {
        SourceKind::Mysql => vec![pattern_group(Name::Pattern(sel.database.clone()))],
        SourceKind::Pgsql | SourceKind::Oracle | SourceKind::Sqlserver => {
            let mut seen = HashSet::new();
            let dbs: Vec<&str> = table
                .sources
                .iter()
                .map(|s| s.database.as_str())
                .filter(|d| seen.insert(*d))
                .collect();
            if dbs.is_empty() {
                vec![pattern_group(Name::Literal(sel.database.clone()))]
            } else {
                dbs.into_iter()
                    .map(|d| pattern_group(Name::Literal(d.to_string())))
                    .collect()
            }
        }
        SourceKind::Tidb | SourceKind::Hive | SourceKind::Clickhouse => {
            if table.sources.is_empty() {
                vec![SourceGroup {
                    database: Name::Literal(sel.database.clone()),
                    schema: sel.schema.clone().map(Name::Literal),
                    table: Name::Literal(sel.table.clone()),
                }]
            } else {
                table.sources.iter().map(SourceGroup::literal).collect()
            }
        }
    }
}

/// An ordered option list where a later `set` of the same key replaces the value in place.
#[derive(Debug, Default, Clone)]
pub(crate) struct Options(pub Vec<(String, String)>);

impl Options {
    pub(crate) fn set(&mut self, key: &str, value: impl Into<String>) {
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key.to_string(), value)),
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Apply the user's options: a key smt already set takes the user's value in place; other
    /// keys are appended in the user's order; `skip` keys are left out (smt handled them).
    pub(crate) fn with_user(mut self, user: &[(String, String)], skip: &[&str]) -> Self {
        for (k, v) in user {
            if !skip.contains(&k.as_str()) {
                self.set(k, v.clone());
            }
        }
        self
    }
}

/// The last value the user gave for a key.
pub(crate) fn user_option<'a>(opts: &'a [(String, String)], key: &str) -> Option<&'a str> {
    opts.iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// (rule, table, source group) indices of a source table in the plan.
type GroupKey = (usize, usize, usize);

/// The slot name a source asks for, before deduplication.
enum SlotCandidate {
    /// From the rule's `flink.cdc.slot.name`, cleaned.
    Prefix(String),
    /// Derived from the source's names.
    Derived(String),
}

/// PostgreSQL replication slot names for every postgres-cdc source of the plan, unique within it.
#[derive(Debug, Default)]
pub(crate) struct Slots {
    names: HashMap<GroupKey, String>,
    pub warnings: Vec<Warning>,
}

impl Slots {
    /// Allocate in plan order (rule, table, source group).
    ///
    /// Without `flink.cdc.slot.name` a slot is `smt_<database>_<schema>_<table>` of its source
    /// (or `smt_<database>_<target table>` for a regex group), made valid by [`slot_name`]. With
    /// `flink.cdc.slot.name = X`, X is a prefix: `X` when one source of the plan uses it,
    /// `X_1`, `X_2`, ... otherwise. A name already taken gets `_2`, `_3`, ... appended.
    pub(crate) fn allocate(plan: &Plan) -> Slots {
        let mut slots = Slots::default();
        if plan.source != SourceKind::Pgsql {
            return slots;
        }
        // first pass: the candidate of every group, and how many groups share a user prefix
        let mut candidates: Vec<(GroupKey, SlotCandidate)> = Vec::new();
        let mut prefix_count: BTreeMap<String, usize> = BTreeMap::new();
        for (ri, rule) in plan.rules.iter().enumerate() {
            for (ti, table) in rule.tables.iter().enumerate() {
                let user = user_option(&table.flink_source_options, "slot.name");
                for (gi, group) in source_groups(table, plan.source).iter().enumerate() {
                    let candidate = match user {
                        Some(prefix) => {
                            let clean = slot_name(prefix);
                            if clean != prefix {
                                slots.warnings.push(
                                    Warning::warn(
                                        "flink-slot-name-changed",
                                        format!(
                                            "rule `{}`: `flink.cdc.slot.name = {prefix}` is not a \
                                             valid replication slot name (lower-case letters, \
                                             digits and `_`, at most 63); using `{clean}`",
                                            rule.name
                                        ),
                                    )
                                    .on_table(format!("{}.{}", table.database, table.name)),
                                );
                            }
                            *prefix_count.entry(clean.clone()).or_default() += 1;
                            SlotCandidate::Prefix(clean)
                        }
                        None => SlotCandidate::Derived(derived_slot(table, group)),
                    };
                    candidates.push(((ri, ti, gi), candidate));
                }
            }
        }
        let mut used: HashSet<String> = HashSet::new();
        let mut next_for_prefix: BTreeMap<String, usize> = BTreeMap::new();
        for (key, candidate) in candidates {
            let base = match candidate {
                SlotCandidate::Prefix(prefix) => {
                    if prefix_count.get(&prefix).copied().unwrap_or(0) <= 1 {
                        prefix
                    } else {
                        let n = next_for_prefix.entry(prefix.clone()).or_insert(0);
                        *n += 1;
                        slot_with_suffix(&prefix, *n)
                    }
                }
                SlotCandidate::Derived(derived) => derived,
            };
            let mut name = base.clone();
            let mut n = 2;
            while used.contains(&name) {
                name = slot_with_suffix(&base, n);
                n += 1;
            }
            debug_assert!(name.len() <= MAX_SLOT_LEN);
            used.insert(name.clone());
            slots.names.insert(key, name);
        }
        slots
    }

    pub(crate) fn get(&self, rule: usize, table: usize, group: usize) -> Option<&str> {
        self.names.get(&(rule, table, group)).map(String::as_str)
    }
}

fn derived_slot(table: &TargetTable, group: &SourceGroup) -> String {
    let text = if group.is_pattern() {
        format!("smt_{}_{}", group.database.as_literal(), table.name)
    } else {
        match &group.schema {
            Some(schema) => format!(
                "smt_{}_{}_{}",
                group.database.as_literal(),
                schema.as_literal(),
                group.table.as_literal()
            ),
            None => format!(
                "smt_{}_{}",
                group.database.as_literal(),
                group.table.as_literal()
            ),
        }
    };
    slot_name(&text)
}

/// A MySQL server id or id range given by `flink.cdc.server-id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ServerIds {
    pub start: u64,
    pub end: u64,
}

impl ServerIds {
    /// Parse `N` or `A-B`.
    pub(crate) fn parse(value: &str) -> Option<ServerIds> {
        let value = value.trim();
        let (a, b) = match value.split_once('-') {
            Some((a, b)) => (a.trim().parse().ok()?, b.trim().parse().ok()?),
            None => {
                let n: u64 = value.parse().ok()?;
                (n, n)
            }
        };
        (a <= b).then_some(ServerIds { start: a, end: b })
    }

    /// The ids of the `index`-th source of a file: a single id `N` becomes `N + index`; a range
    /// `A-B` of width `w` becomes `A + index*w .. A + index*w + w - 1`. `None` past the largest
    /// MySQL server id (2^32 - 1).
    pub(crate) fn for_index(self, index: usize) -> Option<ServerIds> {
        let width = self.end - self.start + 1;
        let start = self
            .start
            .checked_add(width.checked_mul(u64::try_from(index).ok()?)?)?;
        let end = start.checked_add(width - 1)?;
        (end <= u64::from(u32::MAX)).then_some(ServerIds { start, end })
    }

    /// The option value: `N` or `A-B`.
    pub(crate) fn render(self, range: bool) -> String {
        if range {
            format!("{}-{}", self.start, self.end)
        } else {
            self.start.to_string()
        }
    }
}

/// The allocated `server-id` of a mysql-cdc source, or a warning when the user's value cannot be
/// used (it is then passed through unchanged).
pub(crate) fn server_id(user: &str, index: usize) -> Result<(String, ServerIds), String> {
    let parsed = ServerIds::parse(user).ok_or_else(|| {
        format!("`flink.cdc.server-id = {user}` is neither a number nor a range `A-B`; passed through unchanged")
    })?;
    let allocated = parsed.for_index(index).ok_or_else(|| {
        format!(
            "`flink.cdc.server-id = {user}`: the id for source #{} exceeds 4294967295; passed \
             through unchanged",
            index + 1
        )
    })?;
    Ok((allocated.render(user.contains('-')), allocated))
}

/// One Flink source table of a target.
#[derive(Debug, Clone)]
pub(crate) struct SourceSpec {
    pub options: Options,
    /// The allocated server ids (mysql-cdc with `flink.cdc.server-id`).
    pub server_ids: Option<ServerIds>,
}

/// Everything needed to write the source side of one target.
pub(crate) struct SourceSide {
    pub sources: Vec<SourceSpec>,
    pub warnings: Vec<Warning>,
}

/// Build the source tables of a target. `job_index` numbers the target within its file (for
/// server ids); `slots` are the plan's slot names; `position` is the (rule, table) index of the
/// target in the plan.
pub(crate) fn source_side(
    plan: &Plan,
    rule: &RulePlan,
    table: &TargetTable,
    position: Option<(usize, usize)>,
    job_index: usize,
    slots: &Slots,
    needs_not_bit: Option<bool>,
) -> Result<SourceSide, EmitError> {
    let conn = &plan.connection;
    let user = &table.flink_source_options;
    let target_name = format!("{}.{}", table.database, table.name);
    let mut warnings = Vec::new();
    let mut sources = Vec::new();
    for (gi, group) in source_groups(table, plan.source).into_iter().enumerate() {
        let mut o = Options::default();
        let mut skip: Vec<&str> = Vec::new();
        let mut server_ids = None;
        match plan.source {
            SourceKind::Mysql => {
                o.set("connector", "mysql-cdc");
                common_connection(&mut o, plan);
                o.set("database-name", group.database.as_regex());
                o.set("table-name", group.table.as_regex());
                // mysql-cdc refuses to start when this differs from the server's zone (and
                // converts TIMESTAMP columns with it); the JVM's zone is the default.
                if let Some(tz) = conn.fact("mysql.server-time-zone") {
                    o.set("server-time-zone", tz);
                }
                if let Some(value) = user_option(user, "server-id") {
                    skip.push("server-id");
                    match server_id(value, job_index) {
                        Ok((rendered, ids)) => {
                            o.set("server-id", rendered);
                            server_ids = Some(ids);
                        }
                        Err(message) => {
                            o.set("server-id", value);
                            warnings.push(
                                Warning::warn("flink-invalid-server-id", message)
                                    .on_table(target_name.clone()),
                            );
                        }
                    }
                }
                let needs_not_bit = needs_not_bit.unwrap_or_else(|| {
                    table.columns.iter().any(|c| {
                        c.origin == ColumnOrigin::Source
                            && map_column(&c.column, plan.source, &plan.target)
                                .map(|m| m.needs_tinyint1_not_bit)
                                .unwrap_or(false)
                    })
                });
                if needs_not_bit {
                    o.set("jdbc.properties.tinyInt1isBit", "false");
                }
                if table.key.kind != KeyKind::Primary
                    && user_option(user, "scan.incremental.snapshot.chunk.key-column").is_none()
                    && user_option(user, "scan.incremental.snapshot.enabled")
                        .is_none_or(|v| !v.eq_ignore_ascii_case("false"))
                {
                    match chunk_key(table) {
                        Some(col) => o.set("scan.incremental.snapshot.chunk.key-column", col),
                        None => warnings.push(
                            Warning::warn(
                                "flink-no-chunk-key",
                                format!(
                                    "rule `{}`: the table has no primary key and no column to split \
                                     its snapshot by; set `flink.cdc.scan.incremental.snapshot.\
                                     chunk.key-column` or `flink.cdc.scan.incremental.snapshot.\
                                     enabled = false`",
                                    rule.name
                                ),
                            )
                            .on_table(target_name.clone()),
                        ),
                    }
                }
            }
            SourceKind::Tidb => {
                o.set("connector", "tidb-cdc");
                let pd = user_option(user, "pd-addresses")
                    .or_else(|| conn.fact("tidb.pd-addresses"))
                    .filter(|v| !v.trim().is_empty());
                match pd {
                    Some(pd) => o.set("pd-addresses", pd),
                    None => {
                        return Err(EmitError::MissingOption {
                            rule: rule.name.clone(),
                            table: target_name,
                            option: "pd-addresses".to_string(),
                            message: "tidb-cdc needs the PD addresses and the source did not \
                                      report them (TiDB before 4.0 has no \
                                      information_schema.cluster_info); set \
                                      `flink.cdc.pd-addresses = <pd-host>:2379` in the rule"
                                .to_string(),
                        });
                    }
                }
                o.set("database-name", group.database.as_literal());
                o.set("table-name", group.table.as_literal());
            }
            SourceKind::Pgsql => {
                o.set("connector", "postgres-cdc");
                common_connection(&mut o, plan);
                o.set("database-name", group.database.as_literal());
                o.set(
                    "schema-name",
                    group
                        .schema
                        .as_ref()
                        .map_or_else(|| "public".to_string(), Name::as_regex),
                );
                o.set("table-name", group.table.as_regex());
                skip.push("slot.name");
                let slot = position
                    .and_then(|(ri, ti)| slots.get(ri, ti, gi).map(str::to_string))
                    .unwrap_or_else(|| match user_option(user, "slot.name") {
                        Some(prefix) => slot_name(prefix),
                        None => derived_slot(table, &group),
                    });
                o.set("slot.name", slot);
                o.set("decoding.plugin.name", "pgoutput");
            }
            SourceKind::Oracle => {
                o.set("connector", "oracle-cdc");
                common_connection(&mut o, plan);
                let pdb = group.database.as_literal().to_string();
                match conn.fact("oracle.cdb-name") {
                    Some(cdb) => {
                        o.set("database-name", cdb);
                        o.set("debezium.database.pdb.name", pdb);
                    }
                    None => o.set("database-name", pdb),
                }
                o.set(
                    "schema-name",
                    group
                        .schema
                        .as_ref()
                        .map_or_else(|| ".*".to_string(), Name::as_regex),
                );
                o.set("table-name", group.table.as_regex());
                o.set("debezium.log.mining.strategy", "online_catalog");
                o.set("debezium.database.tablename.case.insensitive", "false");
                if plan.source_version.as_deref().is_some_and(old_oracle) {
                    o.set("debezium.decimal.handling.mode", "string");
                }
            }
            SourceKind::Sqlserver => {
                o.set("connector", "sqlserver-cdc");
                common_connection(&mut o, plan);
                o.set("database-name", group.database.as_literal());
                let schema = group
                    .schema
                    .as_ref()
                    .map_or_else(|| "dbo".to_string(), Name::as_regex);
                o.set(
                    "table-name",
                    format!("{schema}\\.{}", group.table.as_regex()),
                );
            }
            SourceKind::Clickhouse => {
                o.set("connector", "jdbc");
                let port = conn
                    .fact("clickhouse.mysql-port")
                    .and_then(|p| p.trim().parse::<u16>().ok())
                    .unwrap_or(DEFAULT_CLICKHOUSE_MYSQL_PORT);
                o.set(
                    "url",
                    format!(
                        "jdbc:mysql://{}:{port}/{}",
                        conn.host,
                        group.database.as_literal()
                    ),
                );
                o.set("table-name", group.table.as_literal());
                o.set("username", conn.user.clone());
                o.set("password", conn.password.expose());
            }
            SourceKind::Hive => {
                // No source table: the INSERT reads the Hive catalog, configured by the catalog
                // keys; a batch read through the catalog has no other per-table options.
                let ignored: Vec<&str> = user
                    .iter()
                    .map(|(k, _)| k.as_str())
                    .filter(|k| !HIVE_CATALOG_KEYS.contains(k))
                    .collect();
                if !ignored.is_empty() && gi == 0 {
                    warnings.push(
                        Warning::warn(
                            "flink-hive-option-ignored",
                            format!(
                                "rule `{}`: {} not used: a Hive rule reads through the Flink Hive \
                                 catalog, which takes only {}",
                                rule.name,
                                ignored
                                    .iter()
                                    .map(|k| format!("`flink.cdc.{k}`"))
                                    .collect::<Vec<_>>()
                                    .join(", "),
                                HIVE_CATALOG_KEYS
                                    .iter()
                                    .map(|k| format!("`flink.cdc.{k}`"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        )
                        .on_table(target_name.clone()),
                    );
                }
                sources.push(SourceSpec {
                    options: Options::default(),
                    server_ids: None,
                });
                continue;
            }
        }
        sources.push(SourceSpec {
            options: o.with_user(user, &skip),
            server_ids,
        });
    }
    Ok(SourceSide { sources, warnings })
}

fn common_connection(o: &mut Options, plan: &Plan) {
    let conn = &plan.connection;
    o.set("hostname", conn.host.clone());
    let port = if conn.port == 0 {
        plan.source.default_port()
    } else {
        conn.port
    };
    o.set("port", port.to_string());
    o.set("username", conn.user.clone());
    o.set("password", conn.password.expose());
}

/// Oracle 9i, 10g and 11g banners: Debezium reads NUMBER as text there (as the original did).
fn old_oracle(banner: &str) -> bool {
    let b = format!(" {} ", banner.to_ascii_lowercase());
    [" 9i ", " 10g ", " 11g "].iter().any(|v| b.contains(v))
}

/// The column mysql-cdc splits a key-less table's snapshot by: the first key column that is a
/// source column, else the first source column.
fn chunk_key(table: &TargetTable) -> Option<String> {
    table
        .key
        .columns
        .iter()
        .filter_map(|k| table.column(k))
        .find(|c| c.origin == ColumnOrigin::Source)
        .or_else(|| {
            table
                .columns
                .iter()
                .find(|c| c.origin == ColumnOrigin::Source)
        })
        .map(|c| c.name().to_string())
}

/// The options of the Hive catalog of a file: `type`, `hive-conf-dir` (user option
/// `flink.cdc.hive-conf-dir`, else the connection fact `hive.conf-dir`, else
/// `/opt/hive/conf` with a warning), and the other catalog keys the rules set (the first value
/// wins; a conflicting one is reported).
pub(crate) fn hive_catalog_options(
    plan: &Plan,
    tables: &[(&RulePlan, &TargetTable)],
) -> (Options, Vec<Warning>) {
    let mut o = Options::default();
    let mut warnings = Vec::new();
    o.set("type", "hive");
    let mut conf_dir = None;
    for (rule, table) in tables {
        for key in HIVE_CATALOG_KEYS {
            let Some(value) = user_option(&table.flink_source_options, key) else {
                continue;
            };
            let current = if key == "hive-conf-dir" {
                conf_dir.as_deref()
            } else {
                o.get(key)
            };
            match current {
                None => {
                    if key == "hive-conf-dir" {
                        conf_dir = Some(value.to_string());
                    } else {
                        o.set(key, value);
                    }
                }
                Some(existing) if existing != value => warnings.push(Warning::warn(
                    "flink-hive-catalog-conflict",
                    format!(
                        "rule `{}` sets `flink.cdc.{key} = {value}` but the file's Hive catalog \
                         already uses `{existing}`",
                        rule.name
                    ),
                )),
                Some(_) => {}
            }
        }
    }
    let conf_dir = conf_dir
        .or_else(|| plan.connection.fact("hive.conf-dir").map(str::to_string))
        .unwrap_or_else(|| {
            warnings.push(Warning::warn(
                "flink-hive-conf-dir",
                format!(
                    "no Hive configuration directory is known; the Flink Hive catalog uses \
                     `{DEFAULT_HIVE_CONF_DIR}` (set `flink.cdc.hive-conf-dir` to the directory \
                     holding hive-site.xml)"
                ),
            ));
            DEFAULT_HIVE_CONF_DIR.to_string()
        });
    // keep `type`, then `hive-conf-dir`, then the rest in their order
    let mut ordered = Options::default();
    ordered.set("type", "hive");
    ordered.set("hive-conf-dir", conf_dir);
    for (k, v) in o.0.into_iter().filter(|(k, _)| k != "type") {
        ordered.set(&k, v);
    }
    (ordered, warnings)
}

/// The sink options and the warnings about them.
pub(crate) fn sink_side(rule: &str, table: &TargetTable) -> (Options, Vec<Warning>) {
    let o = sink_options(table);
    let warnings = sink_warnings(rule, &o);
    (o, warnings)
}

/// The sink options of a target.
pub(crate) fn sink_options(table: &TargetTable) -> Options {
    let user = &table.flink_sink_options;
    let mut o = Options::default();
    o.set("connector", "starrocks");
    o.set("database-name", table.database.clone());
    o.set("table-name", table.name.clone());
    let o = o.with_user(user, &SINK_FIXED);
    let mut o = o;
    let format = o.get("sink.properties.format").map(str::to_ascii_lowercase);
    match format.as_deref() {
        None => {
            o.set("sink.properties.format", "json");
            if o.get("sink.properties.strip_outer_array").is_none() {
                o.set("sink.properties.strip_outer_array", "true");
            }
        }
        Some("json") => {
            if o.get("sink.properties.strip_outer_array").is_none() {
                o.set("sink.properties.strip_outer_array", "true");
            }
        }
        Some(_) => {}
    }
    o
}

/// The warnings about a target's sink options (they depend only on the rule and the rule's
/// `flink.starrocks.*` options).
pub(crate) fn sink_warnings(rule: &str, o: &Options) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let missing: Vec<&str> = SINK_REQUIRED
        .iter()
        .copied()
        .filter(|k| o.get(k).is_none())
        .collect();
    if !missing.is_empty() {
        let keys: Vec<String> = missing
            .iter()
            .map(|k| format!("`flink.starrocks.{k}`"))
            .collect();
        warnings.push(Warning::warn(
            "flink-sink-incomplete",
            format!(
                "rule `{}` does not set {}: the Flink job will not start until the rule sets them \
                 (each [table-rule] needs its own flink.starrocks.* block)",
                rule,
                keys.join(", ")
            ),
        ));
    }
    warnings
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn server_id_single_and_range() {
        assert_eq!(server_id("5400", 0).unwrap().0, "5400");
        assert_eq!(server_id("5400", 3).unwrap().0, "5403");
        assert_eq!(server_id(" 5400 ", 1).unwrap().0, "5401");
        assert_eq!(server_id("5400-5403", 0).unwrap().0, "5400-5403");
        assert_eq!(server_id("5400-5403", 1).unwrap().0, "5404-5407");
        assert_eq!(server_id("5400-5403", 2).unwrap().0, "5408-5411");
        assert_eq!(server_id("5400 - 5400", 2).unwrap().0, "5402-5402");
        let (_, ids) = server_id("100-109", 4).unwrap();
        assert_eq!(
            ids,
            ServerIds {
                start: 140,
                end: 149
            }
        );
        assert!(server_id("abc", 0).is_err());
        assert!(server_id("5408-5400", 0).is_err());
        assert!(server_id("4294967295", 0).is_ok());
        assert!(server_id("4294967295", 1).is_err());
        assert!(server_id("4294967290-4294967295", 1).is_err());
    }

    #[test]
    fn options_user_wins_in_place() {
        let mut o = Options::default();
        o.set("connector", "mysql-cdc");
        o.set("hostname", "h");
        let user = vec![
            ("scan.startup.mode".to_string(), "latest-offset".to_string()),
            ("hostname".to_string(), "replica".to_string()),
            ("server-id".to_string(), "1".to_string()),
        ];
        let o = o.with_user(&user, &["server-id"]);
        assert_eq!(
            o.0,
            vec![
                ("connector".to_string(), "mysql-cdc".to_string()),
                ("hostname".to_string(), "replica".to_string()),
                ("scan.startup.mode".to_string(), "latest-offset".to_string()),
            ]
        );
    }

    #[test]
    fn old_oracle_banners() {
        assert!(old_oracle(
            "Oracle Database 11g Enterprise Edition Release 11.2.0.4.0 - 64bit Production"
        ));
        assert!(!old_oracle("Oracle Database 19c Enterprise Edition"));
    }
}
