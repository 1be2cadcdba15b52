//! The crate layering rules of docs/architecture.md, checked on `cargo metadata`'s resolved graph
//! (normal dependencies, transitively):
//! - the IR depends on nothing that does I/O;
//! - an adapter never depends on an emitter or on smt-core;
//! - an emitter never depends on an adapter or a database driver;
//! - the catalog and config crates depend on no adapter, emitter or driver;
//! - a live target crate (`smt-target-*`) depends on no adapter, emitter, config or smt-core.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

const DRIVERS: &[&str] = &[
    "sqlx",
    "sqlx-core",
    "tiberius",
    "oracle",
    "clickhouse",
    "hive_metastore",
    "hdfs-native",
    "tokio",
    "mysql_async",
    "tokio-postgres",
];
const EMITTERS: &[&str] = &["smt-starrocks", "smt-flink"];

fn graph() -> (BTreeMap<String, BTreeSet<String>>, BTreeSet<String>) {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("run cargo metadata");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).expect("metadata json");
    let mut names = BTreeMap::new();
    for p in meta["packages"].as_array().expect("packages") {
        names.insert(
            p["id"].as_str().expect("id").to_string(),
            p["name"].as_str().expect("name").to_string(),
        );
    }
    let members: BTreeSet<String> = meta["workspace_members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|id| names[id.as_str().expect("id")].clone())
        .collect();
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for node in meta["resolve"]["nodes"].as_array().expect("nodes") {
        let name = names[node["id"].as_str().expect("id")].clone();
        let entry = deps.entry(name).or_default();
        for d in node["deps"].as_array().expect("deps") {
            let normal = d["dep_kinds"]
                .as_array()
                .map(|ks| ks.iter().any(|k| k["kind"].is_null()))
                .unwrap_or(true);
            if normal {
                entry.insert(names[d["pkg"].as_str().expect("pkg")].clone());
            }
        }
    }
    (deps, members)
}

fn closure(deps: &BTreeMap<String, BTreeSet<String>>, root: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![root.to_string()];
    while let Some(n) = stack.pop() {
        for d in deps.get(&n).into_iter().flatten() {
            if seen.insert(d.clone()) {
                stack.push(d.clone());
            }
        }
    }
    seen
}

#[test]
fn layering_rules_hold() {
    let (deps, members) = graph();
    let adapters: Vec<&String> = members
        .iter()
        .filter(|m| m.starts_with("smt-source-"))
        .collect();
    assert!(!adapters.is_empty(), "no adapters found in {members:?}");
    let mut problems = Vec::new();

    let ir = closure(&deps, "smt-ir");
    for d in &ir {
        if d != "serde"
            && d != "serde_core"
            && d != "serde_derive"
            && !d.starts_with("proc-macro2")
            && d != "quote"
            && d != "syn"
            && d != "unicode-ident"
        {
            problems.push(format!(
                "smt-ir depends on `{d}` (the IR must stay I/O-free)"
            ));
        }
    }
    for a in &adapters {
        let c = closure(&deps, a);
        for bad in EMITTERS.iter().chain(&["smt-core", "smt-cli"]) {
            if c.contains(*bad) {
                problems.push(format!("adapter {a} depends on {bad}"));
            }
        }
    }
    for e in EMITTERS {
        let c = closure(&deps, e);
        for a in &adapters {
            if c.contains(a.as_str()) {
                problems.push(format!("emitter {e} depends on adapter {a}"));
            }
        }
        for d in DRIVERS {
            if c.contains(*d) {
                problems.push(format!("emitter {e} depends on driver {d}"));
            }
        }
        for other in ["smt-catalog", "smt-config", "smt-core"] {
            if c.contains(other) {
                problems.push(format!("emitter {e} depends on {other}"));
            }
        }
    }
    // Live target crates (`smt-target-*`) talk to StarRocks; they know no source and render
    // nothing.
    for t in members.iter().filter(|m| m.starts_with("smt-target-")) {
        let c = closure(&deps, t);
        for bad in adapters
            .iter()
            .map(|s| s.as_str())
            .chain(EMITTERS.iter().copied())
            .chain(["smt-core", "smt-cli", "smt-config"])
        {
            if c.contains(bad) {
                problems.push(format!("target crate {t} depends on {bad}"));
            }
        }
    }
    for base in ["smt-catalog", "smt-config"] {
        let c = closure(&deps, base);
        for bad in adapters
            .iter()
            .map(|s| s.as_str())
            .chain(EMITTERS.iter().copied())
            .chain(DRIVERS.iter().copied())
        {
            if c.contains(bad) {
                problems.push(format!("{base} depends on {bad}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "layering broken:\n{}",
        problems.join("\n")
    );
}
