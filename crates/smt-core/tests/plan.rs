//! Plan behaviour: rule order, key choice, column order, buckets, shard merge and naming.

use std::path::Path;

use smt_core::plan::{IDENTITY_DATABASE, IDENTITY_TABLE, PlanInput, build_plan};
use smt_ir::{
    Buckets, Catalog, Column, ColumnOrigin, Connection, DataType, Distribution, Key, KeyKind, Plan,
    SourceKind, Table, TableName, Warning,
};

const DAY: i64 = 86_400;
const NOW: i64 = 20_000 * DAY;

fn config(rules: &str) -> smt_config::Config {
    let text = format!(
        "[db]\ntype = mysql\nhost = 127.0.0.1\nport = 3306\nuser = root\npassword =\n\n\
         [other]\nbe_num = 3\nuse_decimal_v3 = true\noutput_dir = ./result\n\n{rules}"
    );
    smt_config::parse_ini(&text, Path::new("test.conf")).expect("config")
}

fn col(name: &str, dt: DataType, native: &str, nullable: bool) -> Column {
    let mut c = Column::new(name, dt, native);
    c.nullable = nullable;
    c
}

fn table(db: &str, name: &str, cols: Vec<Column>, pk: Option<&[&str]>) -> Table {
    let mut t = Table::new(TableName::new(db, name));
    t.columns = cols;
    t.primary_key = pk.map(|k| Key::new(None, k.iter().map(|s| s.to_string()).collect()));
    t
}

fn plan(rules: &str, tables: Vec<Table>) -> Plan {
    let cfg = config(rules);
    let input = PlanInput {
        config: &cfg,
        connection: Connection::default(),
        now_epoch_secs: NOW,
    };
    build_plan(
        &input,
        Catalog {
            source: SourceKind::Mysql,
            server_version: None,
            tables,
        },
    )
    .expect("plan")
}

fn codes(ws: &[Warning]) -> Vec<&str> {
    ws.iter().map(|w| w.code.as_str()).collect()
}

#[test]
fn last_matching_rule_wins_and_empty_rules_warn() {
    let t = table(
        "shop",
        "orders",
        vec![col("id", DataType::int(64), "bigint", false)],
        Some(&["id"]),
    );
    let p = plan(
        "[table-rule.1]\ndatabase = shop\ntable = .*\n\n[table-rule.2]\ndatabase = ^shop$\ntable = ^orders$\n\n\
         [table-rule.3]\ndatabase = ^nothing$\ntable = .*\n",
        vec![t],
    );
    assert!(p.rules[0].tables.is_empty());
    assert_eq!(p.rules[1].tables.len(), 1);
    assert!(codes(&p.warnings).contains(&"rule-matched-nothing"));
}

#[test]
fn primary_key_first_and_not_null() {
    let t = table(
        "d",
        "t",
        vec![
            col("a", DataType::varchar(10, 4), "varchar(10)", true),
            col("b", DataType::int(32), "int", true),
            col("id", DataType::int(64), "bigint", true),
        ],
        Some(&["id", "b"]),
    );
    let p = plan("[table-rule.1]\ndatabase = ^d$\ntable = .*\n", vec![t]);
    let tt = &p.rules[0].tables[0];
    assert_eq!(tt.key.kind, KeyKind::Primary);
    let names: Vec<&str> = tt.columns.iter().map(|c| c.name()).collect();
    assert_eq!(names, ["id", "b", "a"]);
    assert!(!tt.columns[0].column.nullable && !tt.columns[1].column.nullable);
    assert!(tt.columns[2].column.nullable);
    assert_eq!(
        tt.distribution,
        Distribution::Hash {
            columns: vec!["id".into(), "b".into()]
        }
    );
    assert_eq!(tt.properties[0], ("replication_num".into(), "3".into()));
}

#[test]
fn unique_key_needs_not_null_columns() {
    let mut t = table(
        "d",
        "coupons",
        vec![
            col("note", DataType::varchar(10, 4), "varchar(10)", true),
            col("maybe", DataType::int(32), "int", true),
            col("code", DataType::varchar(20, 4), "varchar(20)", false),
        ],
        None,
    );
    t.unique_keys = vec![
        Key::new(Some("uk_maybe".into()), vec!["maybe".into()]),
        Key::new(Some("uk_code".into()), vec!["code".into()]),
    ];
    let p = plan("[table-rule.1]\ndatabase = ^d$\ntable = .*\n", vec![t]);
    let tt = &p.rules[0].tables[0];
    assert_eq!(tt.key.kind, KeyKind::Primary);
    assert_eq!(tt.key.columns, ["code"]);
    assert_eq!(tt.key.origin, "unique key uk_code");
}

#[test]
fn keyless_table_gets_duplicate_key_on_legal_leading_columns() {
    let t = table(
        "d",
        "log",
        vec![
            col("score", DataType::Float { bits: 64 }, "double", true),
            col("doc", DataType::Json { binary: false }, "json", true),
            col(
                "at",
                DataType::Timestamp {
                    precision: None,
                    time_zone: smt_ir::TimeZoneKind::None,
                },
                "datetime",
                true,
            ),
            col("msg", DataType::varchar(100, 4), "varchar(100)", true),
            col("n", DataType::int(32), "int", true),
            col("m", DataType::int(32), "int", true),
        ],
        None,
    );
    let p = plan("[table-rule.1]\ndatabase = ^d$\ntable = .*\n", vec![t]);
    let tt = &p.rules[0].tables[0];
    assert_eq!(tt.key.kind, KeyKind::Duplicate);
    assert_eq!(tt.key.columns, ["at", "msg", "n"]);
    let names: Vec<&str> = tt.columns.iter().map(|c| c.name()).collect();
    assert_eq!(names, ["at", "msg", "n", "score", "doc", "m"]);
    assert!(codes(&p.warnings).contains(&"no-primary-key"));
}

#[test]
fn duplicate_keys_and_distributed_by_from_the_rule() {
    let t = table(
        "d",
        "log",
        vec![
            col("a", DataType::int(32), "int", true),
            col("b", DataType::int(32), "int", true),
            col("c", DataType::int(32), "int", true),
        ],
        None,
    );
    let p = plan(
        "[table-rule.1]\ndatabase = ^d$\ntable = .*\nduplicate_keys = c, b\ndistributed_by = b\nbucket_num = 7\n",
        vec![t],
    );
    let tt = &p.rules[0].tables[0];
    assert_eq!(tt.key.columns, ["c", "b"]);
    assert_eq!(tt.columns[0].name(), "c");
    assert_eq!(
        tt.distribution,
        Distribution::Hash {
            columns: vec!["b".into()]
        }
    );
    assert_eq!(tt.buckets, Buckets::Fixed(7));
}

#[test]
fn illegal_key_types_are_converted() {
    let t = table(
        "d",
        "t",
        vec![
            col(
                "code",
                DataType::Char {
                    length: 4,
                    max_bytes_per_char: 1,
                },
                "char(4)",
                false,
            ),
            col("amount", DataType::decimal(10, 0), "decimal(10,0)", false),
        ],
        Some(&["code", "amount"]),
    );
    let p = plan("[table-rule.1]\ndatabase = ^d$\ntable = .*\n", vec![t]);
    let tt = &p.rules[0].tables[0];
    assert_eq!(tt.key.kind, KeyKind::Primary);
    assert_eq!(tt.columns[0].starrocks_type.as_deref(), Some("VARCHAR(12)")); // a 1-byte charset: up to 3 UTF-8 bytes per character
    assert_eq!(tt.columns[1].starrocks_type.as_deref(), Some("BIGINT"));
    assert!(codes(&p.warnings).contains(&"key-type-converted"));
}

#[test]
fn buckets_from_size_and_auto_when_unknown() {
    let mut big = table(
        "d",
        "big",
        vec![col("id", DataType::int(64), "bigint", false)],
        Some(&["id"]),
    );
    big.size.bytes = Some(50 << 30);
    big.size.created_epoch_secs = Some(NOW - 10 * DAY);
    let unknown = table(
        "d",
        "unknown",
        vec![col("id", DataType::int(64), "bigint", false)],
        Some(&["id"]),
    );
    let p = plan(
        "[table-rule.1]\ndatabase = ^d$\ntable = .*\n",
        vec![big, unknown],
    );
    let t = &p.rules[0].tables;
    assert_eq!(t[0].name, "big");
    assert_eq!(t[0].buckets, Buckets::Fixed(150));
    assert_eq!(t[1].buckets, Buckets::Auto);
    let p = plan(
        "[table-rule.1]\ndatabase = ^d$\ntable = .*\nbucket_policy = auto\n",
        vec![{
            let mut b = table(
                "d",
                "b",
                vec![col("id", DataType::int(64), "bigint", false)],
                Some(&["id"]),
            );
            b.size.bytes = Some(50 << 30);
            b
        }],
    );
    assert_eq!(p.rules[0].tables[0].buckets, Buckets::Auto);
}

#[test]
fn replication_num_follows_be_num_unless_given() {
    let t = || {
        table(
            "d",
            "t",
            vec![col("id", DataType::int(64), "bigint", false)],
            Some(&["id"]),
        )
    };
    let p = plan(
        "[table-rule.1]\ndatabase = ^d$\ntable = .*\nproperties.replication_num = 1\nproperties.in_memory = false\n",
        vec![t()],
    );
    assert_eq!(
        p.rules[0].tables[0].properties,
        vec![
            ("replication_num".to_string(), "1".to_string()),
            ("in_memory".to_string(), "false".to_string())
        ]
    );
}

fn shard(db: &str, name: &str, id_type: DataType, note_len: u32) -> Table {
    table(
        db,
        name,
        vec![
            col("id", id_type, "int", false),
            col("note", DataType::varchar(note_len, 4), "varchar", true),
        ],
        Some(&["id"]),
    )
}

#[test]
fn shards_merge_with_widening_and_original_naming() {
    let p = plan(
        "[table-rule.1]\ndatabase = ^edu_db_\\d+$\ntable = ^course_\\d+$\n",
        vec![
            shard("edu_db_1", "course_1", DataType::int(32), 10),
            shard("edu_db_2", "course_2", DataType::int(64), 20),
        ],
    );
    let ts = &p.rules[0].tables;
    assert_eq!(ts.len(), 1);
    let t = &ts[0];
    assert_eq!(t.database, "edu_db__auto_shard");
    assert_eq!(t.name, "course__auto_shard");
    assert_eq!(t.sources.len(), 2);
    assert!(t.selector.is_pattern);
    assert_eq!(t.selector.database, "edu_db_[0-9]+");
    assert_eq!(t.selector.table, "course_[0-9]+");
    assert_eq!(t.columns[0].column.data_type, DataType::int(64));
    assert_eq!(t.columns[1].column.data_type, DataType::varchar(20, 4));
    assert!(codes(&p.warnings).contains(&"shard-widened"));
}

#[test]
fn groups_by_stem_within_a_rule() {
    let p = plan(
        "[table-rule.1]\ndatabase = ^shop_\\d$\ntable = .*\n",
        vec![
            shard("shop_0", "orders_0", DataType::int(32), 10),
            shard("shop_0", "orders_1", DataType::int(32), 10),
            shard("shop_1", "orders_2", DataType::int(32), 10),
            shard("shop_0", "users_0", DataType::int(32), 10),
            shard("shop_1", "users_1", DataType::int(32), 10),
            shard("shop_1", "config", DataType::int(32), 10),
        ],
    );
    let names: Vec<String> = p.rules[0]
        .tables
        .iter()
        .map(|t| format!("{}.{}", t.database, t.name))
        .collect();
    assert_eq!(
        names,
        [
            "shop_1.config",
            "shop__auto_shard.orders__auto_shard",
            "shop__auto_shard.users__auto_shard"
        ]
    );
}

#[test]
fn incompatible_shards_stay_separate_with_a_warning() {
    let mut b = shard("s_1", "t_1", DataType::int(32), 10);
    b.columns[1].data_type = DataType::Json { binary: false };
    let p = plan(
        "[table-rule.1]\ndatabase = ^s_\\d$\ntable = .*\n",
        vec![shard("s_0", "t_0", DataType::int(32), 10), b],
    );
    assert_eq!(p.rules[0].tables.len(), 2);
    assert!(codes(&p.warnings).contains(&"incompatible-shards"));
}

#[test]
fn merge_can_be_turned_off() {
    let p = plan(
        "[table-rule.1]\ndatabase = ^s_\\d$\ntable = .*\nmerge_shards = false\n",
        vec![
            shard("s_0", "t_0", DataType::int(32), 10),
            shard("s_1", "t_1", DataType::int(32), 10),
        ],
    );
    assert_eq!(p.rules[0].tables.len(), 2);
}

#[test]
fn identity_columns_join_the_key() {
    let p = plan(
        "[table-rule.1]\ndatabase = ^s_\\d$\ntable = .*\nshard_identity_columns = true\n",
        vec![
            shard("s_0", "t_0", DataType::int(32), 10),
            shard("s_1", "t_1", DataType::int(32), 10),
        ],
    );
    let t = &p.rules[0].tables[0];
    assert_eq!(t.key.columns, [IDENTITY_DATABASE, IDENTITY_TABLE, "id"]);
    assert_eq!(t.columns[0].origin, ColumnOrigin::SourceDatabase);
    assert_eq!(t.columns[1].origin, ColumnOrigin::SourceTable);
    assert_eq!(t.columns[2].name(), "id");
}

#[test]
fn same_input_same_plan() {
    let make = || {
        plan(
            "[table-rule.1]\ndatabase = .*\ntable = .*\n",
            vec![
                shard("b", "t_1", DataType::int(32), 10),
                shard("a", "x", DataType::int(32), 10),
                shard("b", "t_0", DataType::int(32), 10),
            ],
        )
    };
    assert_eq!(
        serde_json::to_string(&make()).unwrap(),
        serde_json::to_string(&make()).unwrap()
    );
}

#[test]
fn compatible_shards_merge_even_when_one_shard_differs() {
    let mut odd = shard("s_1", "t_2", DataType::int(32), 10);
    odd.columns[1].data_type = DataType::Json { binary: false };
    let p = plan(
        "[table-rule.1]\ndatabase = ^s_\\d$\ntable = .*\n",
        vec![
            shard("s_0", "t_0", DataType::int(32), 10),
            shard("s_0", "t_1", DataType::int(32), 20),
            odd,
        ],
    );
    let names: Vec<String> = p.rules[0]
        .tables
        .iter()
        .map(|t| format!("{}.{}", t.database, t.name))
        .collect();
    assert_eq!(names, ["s_0.t__auto_shard", "s_1.t_2"]);
    assert!(codes(&p.warnings).contains(&"incompatible-shards"));
}

fn plan_kind(source: SourceKind, rules: &str, tables: Vec<Table>) -> Plan {
    let cfg = config(rules);
    let input = PlanInput {
        config: &cfg,
        connection: Connection::default(),
        now_epoch_secs: NOW,
    };
    build_plan(
        &input,
        Catalog {
            source,
            server_version: None,
            tables,
        },
    )
    .expect("plan")
}

fn ch_table(name: &str, engine: &str, sort: &[&str], primary: &[&str]) -> Table {
    let mut t = table(
        "ch",
        name,
        vec![
            col("v", DataType::int(64), "Int64", false),
            col("day", DataType::Date, "Date", false),
            col("k", DataType::uint(32), "UInt32", false),
            col(
                "ts",
                DataType::Timestamp {
                    precision: Some(0),
                    time_zone: smt_ir::TimeZoneKind::Local,
                },
                "DateTime",
                false,
            ),
        ],
        None,
    );
    t.engine = Some(smt_ir::Engine {
        name: engine.into(),
        sorting_key: sort.iter().map(|s| s.to_string()).collect(),
        primary_key: primary.iter().map(|s| s.to_string()).collect(),
        partition_key: None,
    });
    t
}

#[test]
fn clickhouse_merging_engines_key_on_the_whole_order_by() {
    let rules = "[table-rule.1]\ndatabase = ch\ntable = .*\n";
    let p = plan_kind(
        SourceKind::Clickhouse,
        rules,
        vec![
            // Rows merge by (k, day), not by the PRIMARY KEY prefix (k).
            ch_table("sums", "SummingMergeTree", &["k", "day"], &["k"]),
            ch_table("latest", "ReplacingMergeTree", &["k"], &[]),
            // A plain MergeTree sorts by its primary key prefix.
            ch_table("log", "MergeTree", &["k", "day", "ts"], &["k", "day"]),
        ],
    );
    let t = |n: &str| {
        p.rules[0]
            .tables
            .iter()
            .find(|t| t.name == n)
            .unwrap_or_else(|| panic!("{n}"))
    };
    assert_eq!(t("sums").key.kind, KeyKind::Aggregate);
    assert_eq!(t("sums").key.columns, ["k", "day"]);
    assert_eq!(t("latest").key.kind, KeyKind::Primary);
    assert_eq!(t("latest").key.columns, ["k"]);
    assert_eq!(t("log").key.kind, KeyKind::Duplicate);
    assert_eq!(t("log").key.columns, ["k", "day"]);
}

#[test]
fn clickhouse_sort_expressions_fall_back_to_leading_columns() {
    let rules = "[table-rule.1]\ndatabase = ch\ntable = .*\n";
    let p = plan_kind(
        SourceKind::Clickhouse,
        rules,
        vec![
            ch_table("r", "ReplacingMergeTree", &["k", "toDate(ts)"], &[]),
            ch_table("m", "MergeTree", &["k", "intHash32(v)"], &[]),
        ],
    );
    let r = &p.rules[0].tables.iter().find(|t| t.name == "r").expect("r");
    assert_eq!(r.key.kind, KeyKind::Duplicate);
    assert_eq!(r.key.columns, ["k"]);
    assert!(
        p.warnings
            .iter()
            .any(|w| w.code == "engine-key-expression" && w.table.as_deref() == Some("ch.r"))
    );
    let m = &p.rules[0].tables.iter().find(|t| t.name == "m").expect("m");
    assert_eq!(m.key.kind, KeyKind::Duplicate);
    assert_eq!(m.key.columns, ["k"]);
    assert!(
        !p.warnings
            .iter()
            .any(|w| w.code == "engine-key-expression" && w.table.as_deref() == Some("ch.m"))
    );
}

#[test]
fn a_note_repeated_over_tables_is_held_once() {
    let tables: Vec<Table> = (0..50)
        .map(|i| {
            table(
                "d",
                &format!("t{i:02}"),
                vec![
                    col("id", DataType::int(64), "bigint", false),
                    col(
                        "s",
                        DataType::Set {
                            values: vec!["a".into(), "b".into()],
                        },
                        "set('a','b')",
                        true,
                    ),
                ],
                Some(&["id"]),
            )
        })
        .collect();
    let p = plan(
        "[table-rule.1]\ndatabase = d\ntable = .*\nmerge_shards = false\n",
        tables,
    );
    let notes: Vec<&Warning> = p
        .warnings
        .iter()
        .filter(|w| w.column.as_deref() == Some("s"))
        .collect();
    assert!(!notes.is_empty(), "{:?}", p.warnings);
    for n in &notes {
        assert_eq!(n.tables().count(), 50, "{n:?}");
    }
}

// --- Hive: CLUSTERED BY key, PARTITIONED BY partitioning ---

fn hive_string() -> DataType {
    DataType::Text {
        max_bytes: None,
        max_bytes_per_char: 4,
    }
}

/// `events(id bigint, name string, c char(10), amount double, day date)` partitioned by
/// `partition` (columns appended after the data columns, as the adapter does).
fn hive_table(name: &str, bucket_columns: Option<&str>, partition: &[(&str, DataType)]) -> Table {
    let mut cols = vec![
        col("name", hive_string(), "string", true),
        col("id", DataType::int(64), "bigint", true),
        col(
            "c",
            DataType::Char {
                length: 10,
                max_bytes_per_char: 4,
            },
            "char(10)",
            true,
        ),
        col("amount", DataType::Float { bits: 64 }, "double", true),
        col("day", DataType::Date, "date", true),
    ];
    for (n, dt) in partition {
        cols.push(col(n, dt.clone(), "partition", true));
    }
    let mut t = table("hv", name, cols, None);
    t.partition_columns = partition.iter().map(|(n, _)| n.to_string()).collect();
    if let Some(b) = bucket_columns {
        t.facts.insert("hive.num-buckets".into(), "8".into());
        t.facts.insert("hive.bucket-columns".into(), b.into());
    }
    t
}

fn hive_plan(version: &str, rule_extra: &str, tables: Vec<Table>) -> Plan {
    let text = format!(
        "[db]\ntype = hive\nhost = 127.0.0.1\nport = 10000\nuser = u\npassword =\n\n\
         [other]\nbe_num = 3\nuse_decimal_v3 = true\nstarrocks_version = {version}\n\
         output_dir = ./result\n\n[table-rule.1]\ndatabase = hv\ntable = .*\n{rule_extra}"
    );
    let cfg = smt_config::parse_ini(&text, Path::new("test.conf")).expect("config");
    let input = PlanInput {
        config: &cfg,
        connection: Connection::default(),
        now_epoch_secs: NOW,
    };
    build_plan(
        &input,
        Catalog {
            source: SourceKind::Hive,
            server_version: None,
            tables,
        },
    )
    .expect("plan")
}

fn target<'a>(p: &'a Plan, name: &str) -> &'a smt_ir::TargetTable {
    p.rules[0]
        .tables
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("{name}"))
}

#[test]
fn hive_bucket_columns_are_the_duplicate_key_and_the_distribution() {
    let p = hive_plan(
        "3.3",
        "",
        vec![
            hive_table("b", Some("day,ID"), &[]),
            // A bucket column that cannot be a key (DOUBLE): generic choice, with a note.
            hive_table("bad", Some("amount"), &[]),
            hive_table("missing", Some("nope"), &[]),
        ],
    );
    let b = target(&p, "b");
    assert_eq!(b.key.kind, KeyKind::Duplicate);
    assert_eq!(b.key.columns, ["day", "id"]);
    assert_eq!(b.key.origin, "Hive CLUSTERED BY");
    assert_eq!(
        b.distribution,
        Distribution::Hash {
            columns: vec!["day".into(), "id".into()]
        }
    );
    let names: Vec<&str> = b.columns.iter().map(|c| c.name()).collect();
    assert_eq!(names, ["day", "id", "name", "c", "amount"]);
    assert!(b.columns[..2].iter().all(|c| c.is_key));
    for n in ["bad", "missing"] {
        let t = target(&p, n);
        assert_eq!(t.key.columns, ["id", "c", "day"], "{n}");
        assert!(
            p.warnings
                .iter()
                .any(|w| w.code == "hive-bucket-columns-unusable"
                    && w.table.as_deref() == Some(&format!("hv.{n}"))),
            "{n}: {:?}",
            p.warnings
        );
    }
    // The rule's distributed_by still wins over the CLUSTERED BY columns.
    let p = hive_plan(
        "3.3",
        "distributed_by = c\n",
        vec![hive_table("b", Some("id"), &[])],
    );
    let b = target(&p, "b");
    assert_eq!(b.key.columns, ["id"]);
    assert_eq!(
        b.distribution,
        Distribution::Hash {
            columns: vec!["c".into()]
        }
    );
}

#[test]
fn hive_generic_key_avoids_unbounded_strings_and_partition_columns() {
    let p = hive_plan(
        "3.3",
        "",
        vec![hive_table(
            "g",
            None,
            &[("dt", hive_string()), ("hr", DataType::int(32))],
        )],
    );
    let g = target(&p, "g");
    assert_eq!(g.key.kind, KeyKind::Duplicate);
    // `name` (STRING) and the partition columns `dt`, `hr` are passed over.
    assert_eq!(g.key.columns, ["id", "c", "day"]);
    assert!(
        g.key.origin.starts_with("leading columns"),
        "{}",
        g.key.origin
    );
    assert!(!codes(&p.warnings).contains(&"no-primary-key"));

    // Only unbounded strings: the generic choice takes them.
    let mut t = table(
        "hv",
        "s",
        vec![
            col("a", hive_string(), "string", true),
            col("b", hive_string(), "string", true),
        ],
        None,
    );
    t.partition_columns = vec![];
    let p = hive_plan("3.3", "", vec![t]);
    assert_eq!(target(&p, "s").key.columns, ["a", "b"]);

    // The rule's duplicate_keys win over everything.
    let p = hive_plan(
        "3.3",
        "duplicate_keys = name\n",
        vec![hive_table("g", Some("id"), &[])],
    );
    assert_eq!(target(&p, "g").key.columns, ["name"]);
}

#[test]
fn hive_partition_columns_partition_the_table() {
    let p = hive_plan(
        "3.3",
        "",
        vec![
            hive_table(
                "multi",
                Some("id"),
                &[("dt", hive_string()), ("hr", DataType::int(32))],
            ),
            hive_table("daily", None, &[("ds", DataType::Date)]),
            hive_table("bad", None, &[("ratio", DataType::Float { bits: 64 })]),
        ],
    );
    let m = target(&p, "multi");
    let part = m.partition.as_ref().expect("partitioned");
    assert_eq!(part.column, "dt");
    assert_eq!(
        part.spec,
        smt_ir::PartitionSpec::Columns {
            columns: vec!["dt".into(), "hr".into()]
        }
    );
    assert_eq!(part.columns(), ["dt", "hr"]);
    // StarRocks sizes the buckets of each partition it creates.
    assert_eq!(m.buckets, Buckets::Auto);
    // Partition column types are kept.
    let dt = m.columns.iter().find(|c| c.name() == "dt").expect("dt");
    assert_eq!(dt.starrocks_type, None);

    let d = target(&p, "daily");
    let part = d.partition.as_ref().expect("partitioned");
    assert_eq!(part.column, "ds");
    assert_eq!(
        part.spec,
        smt_ir::PartitionSpec::DateTrunc { unit: "day".into() }
    );

    // One note for every table partitioned like Hive (the per-load partition limit).
    let kept: Vec<&Warning> = p
        .warnings
        .iter()
        .filter(|w| w.code == "hive-partitions-kept")
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        kept[0].tables().collect::<Vec<_>>(),
        ["hv.daily", "hv.multi"]
    );
    assert!(kept[0].message.contains("4096"));

    assert!(target(&p, "bad").partition.is_none());
    assert!(
        p.warnings
            .iter()
            .any(|w| w.code == "hive-partitions-not-kept"
                && w.table.as_deref() == Some("hv.bad")
                && w.message.contains("DOUBLE"))
    );

    // StarRocks before 3.1: no expression partitioning; not partitioned, with a note.
    let p = hive_plan(
        "3.0",
        "",
        vec![hive_table("multi", None, &[("dt", hive_string())])],
    );
    assert!(target(&p, "multi").partition.is_none());
    assert!(
        p.warnings
            .iter()
            .any(|w| w.code == "hive-partitions-not-kept" && w.message.contains("3.1"))
    );
}

#[test]
fn rule_partition_key_wins_over_hive_partitions() {
    let p = hive_plan(
        "3.3",
        "partition_key = day\n",
        vec![hive_table("multi", None, &[("dt", hive_string())])],
    );
    let part = target(&p, "multi").partition.as_ref().expect("partitioned");
    assert_eq!(part.column, "day");
    assert!(matches!(
        part.spec,
        smt_ir::PartitionSpec::DateTrunc { .. } | smt_ir::PartitionSpec::Range { .. }
    ));
    assert!(!codes(&p.warnings).contains(&"hive-partitions-not-kept"));
}
