//! Building the plan: rules, shard merge, keys, column order, buckets, partitions, properties.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

use smt_catalog::RuleFilter;
use smt_config::{BucketPolicy, Config, TableRule};
use smt_ir::{
    Buckets, Catalog, Column, ColumnOrigin, Connection, DataType, Distribution, FlinkOptions,
    KeyKind, KeyModel, PartitionSpec, Partitioning, Plan, RulePlan, SourceKind, SourceSelector,
    Table, TableName, TargetColumn, TargetProfile, TargetTable, Warning,
};
use smt_starrocks::{MappedType, is_legal_key, key_compatible_type, map_type};

use crate::buckets::{Granularity, buckets_for, size_decision};
use crate::shard;
use crate::{Error, Result};

/// Largest bucket count smt writes (StarRocks' FE struggles with absurd counts).
pub const MAX_BUCKETS: u32 = 1024;

/// Names of the shard-identity columns added when a rule sets `shard_identity_columns = true`.
pub const IDENTITY_DATABASE: &str = "__source_db";
/// Schema identity column (sources with schemas).
pub const IDENTITY_SCHEMA: &str = "__source_schema";
/// Table identity column.
pub const IDENTITY_TABLE: &str = "__source_table";

/// Inputs of planning besides the catalog.
#[derive(Debug, Clone)]
pub struct PlanInput<'a> {
    /// The configuration.
    pub config: &'a Config,
    /// How the generated jobs reach the source (from `[db]` plus adapter facts).
    pub connection: Connection,
    /// "Now" as seconds since the epoch, for the size formula (a parameter so tests and reruns are
    /// deterministic).
    pub now_epoch_secs: i64,
}

/// The compiled patterns of every rule, in file order.
pub fn rule_filters(config: &Config) -> Result<Vec<RuleFilter>> {
    config
        .rules
        .iter()
        .map(|r| {
            RuleFilter::new(&r.database, r.schema.as_deref(), &r.table).map_err(|e| {
                Error::Config(format!(
                    "{}:{}: [table-rule.{}]: {}",
                    config.path.display(),
                    r.line,
                    r.name,
                    e.message()
                ))
            })
        })
        .collect()
}

/// The target profile from `[other]`.
pub fn target_profile(config: &Config) -> TargetProfile {
    TargetProfile {
        version: config.other.starrocks_version,
        be_num: config.other.be_num,
        use_decimal_v3: config.other.use_decimal_v3,
        tinyint1_as_boolean: config.other.tinyint1_as_boolean,
    }
}

/// Build the plan for a catalog.
///
/// The catalog is consumed: its columns move into the plan, so a 10,000-table catalog is not
/// held twice.
pub fn build_plan(input: &PlanInput<'_>, catalog: Catalog) -> Result<Plan> {
    let Catalog {
        source,
        server_version,
        tables,
    } = catalog;
    let config = input.config;
    let filters = rule_filters(config)?;
    let target = target_profile(config);
    let mut warnings = Notes::default();

    // Last matching rule wins, like the original.
    let rule_of: Vec<Option<usize>> = tables
        .iter()
        .map(|t| filters.iter().rposition(|f| f.matches(&t.name)))
        .collect();
    let mut per_rule: Vec<Vec<Table>> = vec![Vec::new(); config.rules.len()];
    let only = rule_of.first().copied().flatten();
    match only {
        // Every table goes to one rule (the usual case): keep the catalog's vector.
        Some(i) if i < per_rule.len() && rule_of.iter().all(|r| *r == only) => {
            per_rule[i] = tables;
        }
        _ => {
            let mut counts = vec![0usize; per_rule.len()];
            for i in rule_of.iter().flatten() {
                if let Some(c) = counts.get_mut(*i) {
                    *c += 1;
                }
            }
            for (v, c) in per_rule.iter_mut().zip(counts) {
                v.reserve_exact(c);
            }
            for (t, r) in tables.into_iter().zip(rule_of) {
                if let Some(v) = r.and_then(|i| per_rule.get_mut(i)) {
                    v.push(t);
                }
            }
        }
    }

    let mut rules = Vec::new();
    let mut seen_targets: BTreeMap<(String, String), String> = BTreeMap::new();
    for (rule, mut tables) in config.rules.iter().zip(per_rule) {
        if tables.is_empty() {
            warnings.push(
                Warning::warn(
                    "rule-matched-nothing",
                    format!(
                        "rule [table-rule.{}] (database `{}`, table `{}`) matched no table",
                        rule.name, rule.database, rule.table
                    ),
                )
                .on_table(format!("table-rule.{}", rule.name)),
            );
        }
        tables.sort_by(|a, b| a.name.cmp(&b.name));
        let groups = if rule.merge_shards {
            let refs: Vec<&Table> = tables.iter().collect();
            shard::group_by_stem(&refs)
        } else {
            (0..tables.len()).map(|i| vec![i]).collect()
        };
        let mut slots: Vec<Option<Table>> = tables.into_iter().map(Some).collect();
        let mut targets = Vec::with_capacity(groups.len());
        for g in groups {
            let built = if g.len() > 1 {
                let members: Vec<&Table> = g.iter().filter_map(|i| slots[*i].as_ref()).collect();
                match plan_merged(source, rule, &members, &target, input, &mut warnings) {
                    Ok(t) => vec![t],
                    Err(reason) => {
                        // Merge what can be merged: split the group into clusters of mutually
                        // compatible shards (same key, unifiable columns).
                        let mut clusters: Vec<Vec<usize>> = Vec::new();
                        for &i in &g {
                            let Some(t) = slots[i].as_ref() else { continue };
                            let home = clusters.iter_mut().find(|c| {
                                slots[c[0]]
                                    .as_ref()
                                    .is_some_and(|first| compatible(first, t))
                            });
                            match home {
                                Some(c) => c.push(i),
                                None => clusters.push(vec![i]),
                            }
                        }
                        warnings.push(
                            Warning::warn(
                                "incompatible-shards",
                                format!(
                                    "tables {} look like shards of one table but cannot all be merged: {}; \
                                     merged where compatible ({} group(s)), the rest migrated on its own",
                                    members
                                        .iter()
                                        .map(|t| t.name.to_string())
                                        .collect::<Vec<_>>()
                                        .join(", "),
                                    reason,
                                    clusters.len()
                                ),
                            )
                            .on_table(format!("table-rule.{}", rule.name)),
                        );
                        let mut out = Vec::new();
                        for c in clusters {
                            if c.len() > 1 {
                                let part: Vec<&Table> =
                                    c.iter().filter_map(|i| slots[*i].as_ref()).collect();
                                if let Ok(t) =
                                    plan_merged(source, rule, &part, &target, input, &mut warnings)
                                {
                                    out.push(t);
                                    continue;
                                }
                            }
                            out.extend(c.iter().filter_map(|i| slots[*i].take()).map(|t| {
                                plan_single(source, rule, t, &target, input, &mut warnings)
                            }));
                        }
                        out
                    }
                }
            } else {
                g.iter()
                    .filter_map(|i| slots[*i].take())
                    .map(|t| plan_single(source, rule, t, &target, input, &mut warnings))
                    .collect()
            };
            for t in built {
                let key = (t.database.clone(), t.name.clone());
                let origin = t
                    .sources
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                if let Some(prev) = seen_targets.get(&key) {
                    return Err(Error::Plan(format!(
                        "target table `{}`.`{}` would be written twice: from {} and from {}; \
                         narrow the rules' patterns so each source table is migrated once",
                        t.database, t.name, prev, origin
                    )));
                }
                seen_targets.insert(key, origin);
                targets.push(t);
            }
        }
        // Names are unique (checked above), so an unstable sort is deterministic; targets come
        // out of the sorted sources mostly in order already, and sorting in place needs no copy.
        let by_name =
            |a: &TargetTable, b: &TargetTable| (&a.database, &a.name).cmp(&(&b.database, &b.name));
        if !targets.is_sorted_by(|a, b| by_name(a, b).is_le()) {
            targets.sort_unstable_by(by_name);
        }
        rules.push(RulePlan {
            name: rule.name.clone(),
            tables: targets,
        });
    }

    Ok(Plan {
        source,
        source_version: server_version,
        connection: input.connection.clone(),
        target,
        flink: FlinkOptions {
            statement_set: config.other.flink_statement_set,
        },
        rules,
        warnings: warnings.list,
    })
}

/// The plan's warnings while planning. A per-table note that says exactly what an earlier note
/// said (a type mapping repeated over thousands of tables) is recorded as one more table of that
/// note, so that memory does not grow with tables x notes.
#[derive(Debug, Default)]
struct Notes {
    list: Vec<Warning>,
    /// Hash of (severity, code, column, message) -> indexes in `list` of grouped notes.
    groups: HashMap<u64, Vec<usize>>,
}

impl Notes {
    fn push(&mut self, w: Warning) {
        self.list.push(w);
    }

    /// Record `note` for `table`, grouped with an identical earlier note when there is one.
    fn push_for_table(&mut self, note: &Warning, table: &str) {
        let mut h = std::hash::DefaultHasher::new();
        (note.severity, &note.code, &note.column, &note.message).hash(&mut h);
        let slot = self.groups.entry(h.finish()).or_default();
        if let Some(&i) = slot.iter().find(|&&i| self.list[i].same_note(note)) {
            let w = &mut self.list[i];
            if w.table.as_deref() != Some(table)
                && w.more_tables.last().map(String::as_str) != Some(table)
            {
                w.more_tables.push(table.to_string());
            }
            return;
        }
        slot.push(self.list.len());
        self.list.push(note.clone().on_table(table));
    }
}

/// A database or table name StarRocks accepts: ASCII letters, digits and `_`, not starting with
/// a digit (System limits). Other characters become `_`.
pub fn starrocks_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// Whether two shards can be merged: the same primary key and columns that widen.
fn compatible(a: &Table, b: &Table) -> bool {
    let key = |t: &Table| {
        t.primary_key.as_ref().map(|k| {
            k.columns
                .iter()
                .map(|c| c.to_lowercase())
                .collect::<Vec<_>>()
        })
    };
    key(a) == key(b) && shard::unify_columns(&[a, b]).is_ok()
}

/// Target table name for one source table (`<schema>__<table>` for sources with schemas).
pub fn target_table_name(source: SourceKind, name: &TableName) -> String {
    match (&name.schema, source.has_schemas()) {
        (Some(s), true) => format!("{s}__{}", name.name),
        _ => name.name.clone(),
    }
}

fn plan_single(
    source: SourceKind,
    rule: &TableRule,
    mut table: Table,
    target: &TargetProfile,
    input: &PlanInput<'_>,
    warnings: &mut Notes,
) -> TargetTable {
    let columns: Vec<TargetColumn> = std::mem::take(&mut table.columns)
        .into_iter()
        .map(TargetColumn::source)
        .collect();
    let selector = SourceSelector {
        database: table.name.database.clone(),
        schema: table.name.schema.clone(),
        table: table.name.name.clone(),
        is_pattern: false,
    };
    finish_target(
        source,
        rule,
        &table,
        columns,
        table.name.database.clone(),
        target_table_name(source, &table.name),
        vec![table.name.clone()],
        selector,
        table.size.bytes,
        table.size.created_epoch_secs,
        target,
        input,
        warnings,
    )
}

fn plan_merged(
    source: SourceKind,
    rule: &TableRule,
    members: &[&Table],
    target: &TargetProfile,
    input: &PlanInput<'_>,
    warnings: &mut Notes,
) -> std::result::Result<TargetTable, String> {
    let unified = shard::unify_columns(members).map_err(|e| e.reason)?;
    let first = members[0];
    // Same key columns in every shard, or no merge.
    let key_of = |t: &Table| {
        t.primary_key.as_ref().map(|k| {
            k.columns
                .iter()
                .map(|c| c.to_lowercase())
                .collect::<Vec<_>>()
        })
    };
    let first_key = key_of(first);
    if let Some(other) = members.iter().find(|t| key_of(t) != first_key) {
        return Err(format!(
            "primary keys differ between {} and {}",
            first.name, other.name
        ));
    }
    let dbs: Vec<&str> = members.iter().map(|t| t.name.database.as_str()).collect();
    let schemas: Vec<&str> = members
        .iter()
        .filter_map(|t| t.name.schema.as_deref())
        .collect();
    let names: Vec<&str> = members.iter().map(|t| t.name.name.as_str()).collect();
    let database = shard::merged_name(&dbs, "db");
    let table_part = shard::merged_name(&names, "table");
    let name = if source.has_schemas() && !schemas.is_empty() {
        format!("{}__{}", shard::merged_name(&schemas, "schema"), table_part)
    } else {
        table_part
    };
    let selector = SourceSelector {
        database: shard::names_pattern(&dbs),
        schema: if schemas.is_empty() {
            None
        } else {
            Some(shard::names_pattern(&schemas))
        },
        table: shard::names_pattern(&names),
        is_pattern: true,
    };
    for (col, from, to) in &unified.widened {
        warnings.push(
            Warning::info(
                "shard-widened",
                format!("column type unified across shards: {from} -> {to}"),
            )
            .on_table(format!("{database}.{name}"))
            .on_column(col.clone()),
        );
    }
    if !rule.shard_identity_columns && first_key.is_some() {
        warnings.push(
            Warning::info(
                "shard-keys-may-collide",
                format!(
                    "{} shards merged on their primary key ({}); if the same key value can exist in \
                     two shards, rows will overwrite each other: set shard_identity_columns = true \
                     in [table-rule.{}] to add the source database and table to the key",
                    members.len(),
                    first
                        .primary_key
                        .as_ref()
                        .map(|k| k.columns.join(", "))
                        .unwrap_or_default(),
                    rule.name
                ),
            )
            .on_table(format!("{database}.{name}")),
        );
    }
    let mut merged = first.clone();
    merged.columns = unified.columns.clone();
    let mut columns: Vec<TargetColumn> = unified
        .columns
        .into_iter()
        .map(TargetColumn::source)
        .collect();
    if rule.shard_identity_columns {
        let ident = |n: &str, origin: ColumnOrigin| TargetColumn {
            column: Column {
                nullable: false,
                comment: Some("source shard identity (added by smt)".into()),
                ..Column::new(
                    n,
                    DataType::Varchar {
                        length: Some(64),
                        max_bytes_per_char: 1,
                    },
                    "varchar(64)",
                )
            },
            origin,
            aggregate: None,
            // Database and table names are identifiers: 64 characters in every source we read.
            starrocks_type: Some("VARCHAR(64)".into()),
            is_key: false,
        };
        let mut ids = vec![ident(IDENTITY_DATABASE, ColumnOrigin::SourceDatabase)];
        if source.has_schemas() {
            ids.push(ident(IDENTITY_SCHEMA, ColumnOrigin::SourceSchema));
        }
        ids.push(ident(IDENTITY_TABLE, ColumnOrigin::SourceTable));
        for id in &ids {
            if columns
                .iter()
                .any(|c| c.name().eq_ignore_ascii_case(id.name()))
            {
                return Err(format!(
                    "shard_identity_columns: the tables already have a column named `{}`",
                    id.name()
                ));
            }
        }
        ids.extend(columns);
        columns = ids;
    }
    let bytes = members
        .iter()
        .filter_map(|t| t.size.bytes)
        .fold(None, |acc: Option<u64>, b| {
            Some(acc.unwrap_or(0).saturating_add(b))
        });
    let created = members
        .iter()
        .filter_map(|t| t.size.created_epoch_secs)
        .min();
    Ok(finish_target(
        source,
        rule,
        &merged,
        columns,
        database,
        name,
        members.iter().map(|t| t.name.clone()).collect(),
        selector,
        bytes,
        created,
        target,
        input,
        warnings,
    ))
}

#[allow(clippy::too_many_arguments)]
fn finish_target(
    source: SourceKind,
    rule: &TableRule,
    table: &Table,
    mut columns: Vec<TargetColumn>,
    database: String,
    name: String,
    sources: Vec<TableName>,
    selector: SourceSelector,
    bytes: Option<u64>,
    created: Option<i64>,
    target: &TargetProfile,
    input: &PlanInput<'_>,
    warnings: &mut Notes,
) -> TargetTable {
    let (database, name) = {
        let db = starrocks_name(&database);
        let tb = starrocks_name(&name);
        if db != database || tb != name {
            warnings.push(
                Warning::warn(
                    "name-sanitized",
                    format!(
                        "StarRocks names may only use letters, digits and `_`: `{database}`.`{name}` \
                         is created as `{db}`.`{tb}`"
                    ),
                )
                .on_table(format!("{db}.{tb}")),
            );
        }
        (db, tb)
    };
    let label = format!("{database}.{name}");
    let mapped: Vec<MappedType> = columns
        .iter()
        .map(|c| map_type(&c.column, source, target))
        .collect();
    for m in &mapped {
        for n in &m.notes {
            warnings.push_for_table(n, &label);
        }
    }

    // --- key choice ---
    let identity: Vec<String> = columns
        .iter()
        .filter(|c| c.origin != ColumnOrigin::Source)
        .map(|c| c.name().to_string())
        .collect();
    let choice = choose_key(source, rule, table, &columns, &mapped, &label, warnings);
    let mut key_cols: Vec<String> = Vec::new();
    if choice.kind == KeyKind::Primary && !identity.is_empty() {
        key_cols.extend(identity.iter().cloned());
    }
    for c in &choice.columns {
        if !key_cols.iter().any(|k| k.eq_ignore_ascii_case(c)) {
            key_cols.push(c.clone());
        }
    }

    // Key columns first, in key order; the rest keep source order. The columns are reordered
    // in place (each key column rotated to the front of the rest), the mapped types with them.
    let mut mapped = mapped;
    let mut n_key = 0;
    for k in &key_cols {
        if let Some(off) = columns
            .get(n_key..)
            .and_then(|rest| rest.iter().position(|c| c.name().eq_ignore_ascii_case(k)))
        {
            let pos = n_key + off;
            columns[n_key..=pos].rotate_right(1);
            mapped[n_key..=pos].rotate_right(1);
            n_key += 1;
        }
    }
    for (c, m) in columns.iter_mut().zip(mapped.iter_mut()).take(n_key) {
        c.is_key = true;
        if choice.kind == KeyKind::Primary {
            c.column.nullable = false;
        }
        let legal = key_compatible_type(m, choice.kind);
        match legal {
            Some(l) if l.sql != m.sql => {
                for n in l.notes.iter().skip(m.notes.len()) {
                    warnings.push(n.clone().on_table(label.clone()).on_column(c.name()));
                }
                c.starrocks_type = Some(l.sql.clone());
                *m = l;
            }
            _ => {}
        }
    }
    // Aggregate model: value columns need an aggregate function.
    if choice.kind == KeyKind::Aggregate {
        for (c, m) in columns.iter_mut().zip(mapped.iter()).skip(n_key) {
            let numeric = matches!(
                m.class,
                smt_starrocks::TypeClass::Integer
                    | smt_starrocks::TypeClass::LargeInt
                    | smt_starrocks::TypeClass::Decimal
                    | smt_starrocks::TypeClass::Float
            );
            c.aggregate = Some(if numeric { "SUM" } else { "REPLACE" }.to_string());
        }
    }
    drop(mapped);

    // --- distribution ---
    let distribution = match &rule.distributed_by {
        Some(cols) if !cols.is_empty() => {
            let resolved: Vec<Option<String>> = cols
                .iter()
                .map(|d| {
                    columns
                        .iter()
                        .find(|c| c.name().eq_ignore_ascii_case(d))
                        .map(|c| c.name().to_string())
                })
                .collect();
            let all_found = resolved.iter().all(Option::is_some);
            let resolved: Vec<String> = resolved.into_iter().flatten().collect();
            let in_key = resolved
                .iter()
                .all(|d| key_cols.iter().any(|k| k.eq_ignore_ascii_case(d)));
            if !all_found {
                warnings.push(
                    Warning::warn(
                        "bad-distributed-by",
                        format!(
                            "distributed_by names a column the table does not have ({}); using the key columns",
                            cols.join(", ")
                        ),
                    )
                    .on_table(label.clone()),
                );
                Distribution::Hash {
                    columns: default_hash(&key_cols),
                }
            } else if choice.kind != KeyKind::Duplicate && !in_key {
                warnings.push(
                    Warning::warn(
                        "bad-distributed-by",
                        format!(
                            "distributed_by ({}) must use key columns for a {} table; using the key columns",
                            cols.join(", "),
                            choice.kind.keyword()
                        ),
                    )
                    .on_table(label.clone()),
                );
                Distribution::Hash {
                    columns: default_hash(&key_cols),
                }
            } else {
                Distribution::Hash { columns: resolved }
            }
        }
        _ => Distribution::Hash {
            columns: default_hash(&key_cols),
        },
    };

    // --- size, partitions, buckets ---
    let decision = match (bytes, created) {
        (Some(b), Some(c)) => Some(size_decision(b, input.now_epoch_secs.saturating_sub(c))),
        (Some(b), None) => Some(size_decision(b, 365 * 86_400)),
        _ => None,
    };
    let mut properties: Vec<(String, String)> = Vec::new();
    // Hive PARTITIONED BY columns, unless the rule says how to partition.
    let rule_partitions = rule.partition_key.as_deref().is_some_and(|s| !s.is_empty())
        || rule
            .partitions
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty());
    let hive_partition = if source == SourceKind::Hive && !rule_partitions {
        hive_partitioning(
            source,
            table,
            &columns,
            choice.kind,
            &key_cols,
            target,
            &label,
            warnings,
        )
    } else {
        None
    };
    let hive_partitioned = hive_partition.is_some();
    let partition = match hive_partition {
        Some(p) => Some(p),
        None => plan_partition(
            rule,
            &columns,
            choice.kind,
            &key_cols,
            decision.and_then(|d| d.partition),
            created.unwrap_or(input.now_epoch_secs),
            input.now_epoch_secs,
            target,
            &label,
            warnings,
        ),
    };
    let buckets = match (rule.bucket_num, rule.bucket_policy, decision) {
        (Some(n), _, _) if n > 0 => Buckets::Fixed(n.min(MAX_BUCKETS)),
        // The table's size is spread over partitions smt cannot count: let StarRocks size the
        // buckets of each partition it creates.
        _ if hive_partitioned => Buckets::Auto,
        (_, BucketPolicy::Auto, _) if target.version.at_least(2, 5, 7) => Buckets::Auto,
        (_, _, Some(d)) => {
            Buckets::Fixed(buckets_for(d.partition_bytes, target.be_num, MAX_BUCKETS))
        }
        (_, _, None) if target.version.at_least(2, 5, 7) => Buckets::Auto,
        _ => Buckets::Fixed(1),
    };
    if let (Some(p), Some(d)) = (&partition, decision)
        && matches!(p.spec, PartitionSpec::Range { .. })
        && d.partition.is_some()
        && !rule
            .properties
            .iter()
            .any(|(k, _)| k == "dynamic_partition.time_unit")
    {
        let unit = d.partition.map(Granularity::unit).unwrap_or("day");
        let n = match buckets {
            Buckets::Fixed(n) => n.to_string(),
            Buckets::Auto => "1".into(),
        };
        properties.extend([
            ("dynamic_partition.enable".to_string(), "true".to_string()),
            (
                "dynamic_partition.time_unit".to_string(),
                unit.to_uppercase(),
            ),
            ("dynamic_partition.end".to_string(), "3".to_string()),
            ("dynamic_partition.prefix".to_string(), "p".to_string()),
            ("dynamic_partition.buckets".to_string(), n),
        ]);
    }

    // --- properties: replication_num = min(3, be_num) unless the rule sets it ---
    let mut user_props = rule.properties.clone();
    if !user_props.iter().any(|(k, _)| k == "replication_num") {
        properties.insert(
            0,
            (
                "replication_num".to_string(),
                target.be_num.clamp(1, 3).to_string(),
            ),
        );
    }
    for (k, v) in user_props.drain(..) {
        if let Some(slot) = properties.iter_mut().find(|(pk, _)| *pk == k) {
            slot.1 = v;
        } else {
            properties.push((k, v));
        }
    }

    TargetTable {
        database,
        name,
        comment: table.comment.clone(),
        columns,
        key: KeyModel {
            kind: choice.kind,
            columns: key_cols,
            origin: choice.origin,
        },
        distribution,
        buckets,
        partition,
        properties,
        sources,
        selector,
        flink_source_options: rule.flink_cdc.clone(),
        flink_sink_options: rule.flink_starrocks.clone(),
        external_properties: rule.external_properties.clone(),
    }
}

fn default_hash(key_cols: &[String]) -> Vec<String> {
    key_cols.to_vec()
}

struct KeyChoice {
    kind: KeyKind,
    columns: Vec<String>,
    origin: String,
}

fn legal_for(mapped: &MappedType, kind: KeyKind) -> bool {
    is_legal_key(mapped.class, kind) || key_compatible_type(mapped, kind).is_some()
}

fn choose_key(
    source: SourceKind,
    rule: &TableRule,
    table: &Table,
    columns: &[TargetColumn],
    mapped: &[MappedType],
    label: &str,
    warnings: &mut Notes,
) -> KeyChoice {
    let find = |name: &str| -> Option<usize> {
        columns.iter().position(|c| c.name() == name).or_else(|| {
            columns
                .iter()
                .position(|c| c.name().eq_ignore_ascii_case(name))
        })
    };
    let usable = |cols: &[String], kind: KeyKind| -> Option<Vec<String>> {
        let mut out = Vec::new();
        for c in cols {
            let i = find(c)?;
            if !legal_for(&mapped[i], kind) {
                return None;
            }
            out.push(columns[i].name().to_string());
        }
        (!out.is_empty()).then_some(out)
    };

    // Engines with their own model (ClickHouse MergeTree family).
    if let Some(engine) = &table.engine {
        let kind = if engine.name.contains("Replacing") || engine.name.contains("Collapsing") {
            Some(KeyKind::Primary)
        } else if engine.name.contains("Summing") || engine.name.contains("Aggregating") {
            Some(KeyKind::Aggregate)
        } else if engine.name.contains("MergeTree") {
            Some(KeyKind::Duplicate)
        } else {
            None
        };
        if let Some(kind) = kind {
            // Merging engines merge rows by the whole ORDER BY, not by the PRIMARY KEY prefix;
            // for a plain MergeTree the primary key (a prefix of the sort) is the sort key.
            let merging = kind != KeyKind::Duplicate;
            let sort = if merging || engine.primary_key.is_empty() {
                &engine.sorting_key
            } else {
                &engine.primary_key
            };
            // Elements that are expressions (`toDate(ts)`) are not columns.
            let plain: Vec<String> = sort
                .iter()
                .take_while(|c| find(c).is_some())
                .cloned()
                .collect();
            if plain.len() == sort.len() {
                if let Some(cols) = usable(sort, kind) {
                    return KeyChoice {
                        kind,
                        columns: cols,
                        origin: format!("{} sorting key", engine.name),
                    };
                }
            } else if let Some(cols) = usable(&plain, KeyKind::Duplicate) {
                if merging {
                    warnings.push(
                        Warning::warn(
                            "engine-key-expression",
                            format!(
                                "{} merges rows by ({}), which has expressions StarRocks cannot \
                                 use in a key: the table is DUPLICATE KEY on the leading columns \
                                 ({}), so rows are loaded as they are, not merged",
                                engine.name,
                                sort.join(", "),
                                cols.join(", ")
                            ),
                        )
                        .on_table(label.to_string()),
                    );
                }
                return KeyChoice {
                    kind: KeyKind::Duplicate,
                    columns: cols,
                    origin: format!("{} sorting key (leading columns)", engine.name),
                };
            }
        }
    }

    // Hive tables are append-only: Duplicate Key, as the original.
    let keyed = source != SourceKind::Hive;
    if keyed {
        if let Some(pk) = &table.primary_key {
            if let Some(cols) = usable(&pk.columns, KeyKind::Primary) {
                return KeyChoice {
                    kind: KeyKind::Primary,
                    columns: cols,
                    origin: "primary key".into(),
                };
            }
            warnings.push(
                Warning::warn(
                    "key-unusable",
                    format!(
                        "the primary key ({}) has a column type StarRocks cannot use in a key; \
                         looking for another key",
                        pk.columns.join(", ")
                    ),
                )
                .on_table(label.to_string()),
            );
        }
        for uk in &table.unique_keys {
            let all_not_null = uk
                .columns
                .iter()
                .all(|c| find(c).is_some_and(|i| !columns[i].column.nullable));
            if !all_not_null {
                continue;
            }
            if let Some(cols) = usable(&uk.columns, KeyKind::Primary) {
                return KeyChoice {
                    kind: KeyKind::Primary,
                    columns: cols,
                    origin: format!(
                        "unique key {}",
                        uk.name.clone().unwrap_or_else(|| "(unnamed)".into())
                    ),
                };
            }
        }
    }

    // Duplicate key: the rule's duplicate_keys, else leading legal columns.
    if let Some(dk) = &rule.duplicate_keys
        && !dk.is_empty()
    {
        match usable(dk, KeyKind::Duplicate) {
            Some(cols) => {
                return KeyChoice {
                    kind: KeyKind::Duplicate,
                    columns: cols,
                    origin: "duplicate_keys of the rule".into(),
                };
            }
            None => warnings.push(
                Warning::warn(
                    "bad-duplicate-keys",
                    format!(
                        "duplicate_keys ({}) names a missing column or one that cannot be a key; \
                         choosing key columns automatically",
                        dk.join(", ")
                    ),
                )
                .on_table(label.to_string()),
            ),
        }
    }
    // Hive: the CLUSTERED BY (bucket) columns, as the original tool did.
    if source == SourceKind::Hive
        && let Some(choice) = hive_bucket_key(table, columns, mapped, &find, label, warnings)
    {
        return choice;
    }
    let leading = |skip: &dyn Fn(&TargetColumn, &MappedType) -> bool| -> Vec<String> {
        columns
            .iter()
            .zip(mapped)
            .filter(|(c, m)| {
                c.origin == ColumnOrigin::Source
                    && is_legal_key(m.class, KeyKind::Duplicate)
                    && !skip(c, m)
            })
            .take(3)
            .map(|(c, _)| c.name().to_string())
            .collect()
    };
    let mut origin = "leading columns";
    let mut cols = Vec::new();
    if source == SourceKind::Hive {
        // Prefer short columns: no unbounded string, no Hive partition column (constant within
        // a StarRocks partition), when any other key-legal column exists.
        cols = leading(&|c, m| {
            is_unbounded_string(m)
                || table
                    .partition_columns
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(c.name()))
        });
        if !cols.is_empty() {
            origin = "leading columns (Hive: no unbounded string or partition column)";
        }
    }
    if cols.is_empty() {
        cols = leading(&|_, _| false);
    }
    if cols.is_empty() {
        // StarRocks needs at least one key column; use the first column whatever its type
        // and let the rule checker explain.
        if let Some(c) = columns.first() {
            cols.push(c.name().to_string());
        }
    }
    if keyed {
        warnings.push(
            Warning::info(
                "no-primary-key",
                format!(
                    "no primary key nor NOT NULL unique key: DUPLICATE KEY({}); updates and deletes \
                     in the source will be appended, not applied",
                    cols.join(", ")
                ),
            )
            .on_table(label.to_string()),
        );
    }
    KeyChoice {
        kind: KeyKind::Duplicate,
        columns: cols,
        origin: origin.into(),
    }
}

/// Whether a mapped type is an unbounded string: `STRING` or `VARCHAR(1048576)` (what Hive
/// `string` and other length-less text types become).
fn is_unbounded_string(m: &MappedType) -> bool {
    use smt_starrocks::srtype::SrType;
    match m.parsed() {
        Some(SrType::String) => true,
        Some(SrType::Varchar(n)) => n >= UNBOUNDED_VARCHAR,
        _ => false,
    }
}

/// The length of StarRocks' largest VARCHAR (what an unbounded string maps to).
const UNBOUNDED_VARCHAR: u64 = 1_048_576;

/// The Hive adapter's table fact holding the CLUSTERED BY columns, comma-separated.
pub const HIVE_BUCKET_COLUMNS: &str = "hive.bucket-columns";

/// DUPLICATE KEY on a Hive table's CLUSTERED BY columns (fact [`HIVE_BUCKET_COLUMNS`]) when
/// every one of them is a column whose StarRocks type can be a DUPLICATE KEY column as it is
/// (no type change). `None`, with a note when the fact names unusable columns, otherwise.
fn hive_bucket_key(
    table: &Table,
    columns: &[TargetColumn],
    mapped: &[MappedType],
    find: &dyn Fn(&str) -> Option<usize>,
    label: &str,
    warnings: &mut Notes,
) -> Option<KeyChoice> {
    let fact = table.facts.get(HIVE_BUCKET_COLUMNS)?;
    let names: Vec<&str> = fact
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if names.is_empty() {
        return None;
    }
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    let mut bad: Vec<String> = Vec::new();
    for n in &names {
        match find(n) {
            Some(i)
                if columns[i].origin == ColumnOrigin::Source
                    && is_legal_key(mapped[i].class, KeyKind::Duplicate) =>
            {
                let name = columns[i].name().to_string();
                if !out.contains(&name) {
                    out.push(name);
                }
            }
            Some(i) => bad.push(format!("`{n}` is {}", mapped[i].sql)),
            None => bad.push(format!("`{n}` is not a column")),
        }
    }
    if !bad.is_empty() {
        warnings.push(
            Warning::warn(
                "hive-bucket-columns-unusable",
                format!(
                    "Hive CLUSTERED BY ({}) cannot be the DUPLICATE KEY ({}); choosing key \
                     columns automatically",
                    names.join(", "),
                    bad.join("; ")
                ),
            )
            .on_table(label.to_string()),
        );
        return None;
    }
    Some(KeyChoice {
        kind: KeyKind::Duplicate,
        columns: out,
        origin: "Hive CLUSTERED BY".into(),
    })
}

#[allow(clippy::too_many_arguments)]
fn plan_partition(
    rule: &TableRule,
    columns: &[TargetColumn],
    kind: KeyKind,
    key_cols: &[String],
    size_granularity: Option<Granularity>,
    created: i64,
    now: i64,
    target: &TargetProfile,
    label: &str,
    warnings: &mut Notes,
) -> Option<Partitioning> {
    let is_date = |c: &TargetColumn| {
        matches!(
            c.column.data_type,
            DataType::Date | DataType::Timestamp { .. }
        )
    };
    let explicit = rule.partition_key.as_deref().filter(|s| !s.is_empty());
    // Only when the user asked (partition_key) or the size formula says so (key-less >= 100 GiB).
    if explicit.is_none() && (size_granularity.is_none() || kind != KeyKind::Duplicate) {
        return None;
    }
    let col = match explicit {
        Some(name) => {
            match columns.iter().find(|c| c.name().eq_ignore_ascii_case(name)) {
                Some(c) if is_date(c) => c,
                Some(_) => {
                    warnings.push(
                    Warning::warn(
                        "bad-partition-key",
                        format!("partition_key `{name}` is not a DATE/DATETIME column; not partitioned"),
                    )
                    .on_table(label.to_string()),
                );
                    return None;
                }
                None => {
                    warnings.push(
                    Warning::warn(
                        "bad-partition-key",
                        format!("partition_key `{name}` is not a column of the table; not partitioned"),
                    )
                    .on_table(label.to_string()),
                );
                    return None;
                }
            }
        }
        None => columns.iter().find(|c| is_date(c))?,
    };
    if kind != KeyKind::Duplicate && !key_cols.iter().any(|k| k.eq_ignore_ascii_case(col.name())) {
        warnings.push(
            Warning::warn(
                "bad-partition-key",
                format!(
                    "partition column `{}` is not part of the {}; StarRocks requires it: not partitioned",
                    col.name(),
                    kind.keyword()
                ),
            )
            .on_table(label.to_string()),
        );
        return None;
    }
    let spec = if let Some(text) = rule.partitions.as_deref().filter(|s| !s.trim().is_empty()) {
        PartitionSpec::Verbatim {
            text: text.to_string(),
        }
    } else if size_granularity.is_none() && target.version.at_least(3, 1, 0) {
        PartitionSpec::DateTrunc {
            unit: "month".into(),
        }
    } else {
        let g = size_granularity.unwrap_or(Granularity::Month);
        let (start, end) = range_bounds(g, created, now);
        PartitionSpec::Range {
            start,
            end,
            every: 1,
            unit: g.unit().into(),
        }
    };
    Some(Partitioning {
        column: col.name().to_string(),
        spec,
    })
}

/// StarRocks partitioning for a Hive table's `PARTITIONED BY` columns
/// (`Table::partition_columns`): expression partitioning (StarRocks 3.1+), `date_trunc('day',
/// col)` for a single DATE column, else `PARTITION BY col1, col2, ...` (one partition per
/// distinct value combination, like Hive). `None`, with a note, when the target is older than 3.1
/// or a partition column has a type column expression partitioning does not take (DECIMAL,
/// FLOAT/DOUBLE, binary, complex); the column types are kept (StarRocks takes STRING partition
/// columns).
#[allow(clippy::too_many_arguments)]
fn hive_partitioning(
    source: SourceKind,
    table: &Table,
    columns: &[TargetColumn],
    kind: KeyKind,
    key_cols: &[String],
    target: &TargetProfile,
    label: &str,
    warnings: &mut Notes,
) -> Option<Partitioning> {
    if table.partition_columns.is_empty() {
        return None;
    }
    let listed = table.partition_columns.join(", ");
    let not_kept = |why: String, warnings: &mut Notes| {
        warnings.push(
            Warning::warn(
                "hive-partitions-not-kept",
                format!(
                    "Hive PARTITIONED BY ({listed}): {why}; the table is not partitioned by them"
                ),
            )
            .on_table(label.to_string()),
        );
    };
    if !target.version.at_least(3, 1, 0) {
        not_kept(
            format!(
                "partitioning on column values needs StarRocks 3.1+ (target {})",
                target.version
            ),
            warnings,
        );
        return None;
    }
    let mut names = Vec::with_capacity(table.partition_columns.len());
    let mut classes = Vec::with_capacity(table.partition_columns.len());
    for p in &table.partition_columns {
        let Some(c) = columns.iter().find(|c| c.name().eq_ignore_ascii_case(p)) else {
            not_kept(format!("`{p}` is not a column of the table"), warnings);
            return None;
        };
        let sql = c
            .starrocks_type
            .clone()
            .unwrap_or_else(|| map_type(&c.column, source, target).sql);
        let class = smt_starrocks::srtype::parse(&sql).and_then(|t| t.class());
        use smt_starrocks::TypeClass as C;
        if !matches!(
            class,
            Some(
                C::Boolean
                    | C::Integer
                    | C::LargeInt
                    | C::Char
                    | C::Varchar
                    | C::Date
                    | C::Datetime
            )
        ) {
            not_kept(
                format!(
                    "`{p}` is {sql}; StarRocks partitions on string, date, datetime, integer and \
                     boolean columns only"
                ),
                warnings,
            );
            return None;
        }
        if kind != KeyKind::Duplicate && !key_cols.iter().any(|k| k.eq_ignore_ascii_case(p)) {
            not_kept(
                format!("`{p}` is not part of the {}", kind.keyword()),
                warnings,
            );
            return None;
        }
        names.push(c.name().to_string());
        classes.push(class);
    }
    let first = names.first()?.clone();
    warnings.push_for_table(
        &Warning::info(
            "hive-partitions-kept",
            "partitioned like the Hive table, by expression partitioning on its partition \
             columns: StarRocks creates the partitions while loading, at most 4096 in one load by \
             default (FE `auto_partition_max_creation_number_per_load`); raise it before a full \
             load of a table with more Hive partitions",
        ),
        label,
    );
    let spec = if names.len() == 1 && classes.first() == Some(&Some(smt_starrocks::TypeClass::Date))
    {
        PartitionSpec::DateTrunc { unit: "day".into() }
    } else {
        PartitionSpec::Columns { columns: names }
    };
    Some(Partitioning {
        column: first,
        spec,
    })
}

/// Civil date (year, month, day) from days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

fn range_bounds(g: Granularity, created: i64, now: i64) -> (String, String) {
    let (cy, cm, cd) = civil_from_days(created.div_euclid(86_400));
    let (ny, nm, nd) = civil_from_days(now.div_euclid(86_400) + 1);
    match g {
        Granularity::Day => (
            format!("{cy:04}-{cm:02}-{cd:02}"),
            format!("{ny:04}-{nm:02}-{nd:02}"),
        ),
        Granularity::Month => {
            let (ey, em) = if nm == 12 { (ny + 1, 1) } else { (ny, nm + 1) };
            (format!("{cy:04}-{cm:02}-01"), format!("{ey:04}-{em:02}-01"))
        }
        Granularity::Year => (format!("{cy:04}-01-01"), format!("{:04}-01-01", ny + 1)),
    }
}

/// The StarRocks type the emitter will write for a column (for `inspect`).
pub fn starrocks_type(column: &Column, source: SourceKind, target: &TargetProfile) -> String {
    map_type(column, source, target).sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn bounds() {
        let created = 19_723 * 86_400; // 2024-01-01
        let now = 19_800 * 86_400; // 2024-03-18
        assert_eq!(
            range_bounds(Granularity::Month, created, now),
            ("2024-01-01".into(), "2024-04-01".into())
        );
        assert_eq!(
            range_bounds(Granularity::Year, created, now),
            ("2024-01-01".into(), "2025-01-01".into())
        );
        assert_eq!(
            range_bounds(Granularity::Day, created, now),
            ("2024-01-01".into(), "2024-03-19".into())
        );
    }
}
