//! `smt check` through the built binary, with configs written to a temp dir: the MariaDB on
//! 3306 (as it is), the second MariaDB on 3307 (binlog_format = STATEMENT: exit 1, fix shown),
//! the PostgreSQL on 5433 (wal_level = replica: fail), an unreachable port (exit 1, one failure,
//! no panic, no password) and `--json`. Live parts fail when a server is down unless
//! SMT_SKIP_LIVE=1.

use std::process::Command;

fn skip() -> bool {
    std::env::var("SMT_SKIP_LIVE").is_ok_and(|v| v == "1")
}

fn conf(dir: &std::path::Path, name: &str, db: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, db).expect("write config");
    p
}

fn smt(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_smt"))
        .args(args)
        .env_remove("SMT_CONFIG")
        .output()
        .expect("run smt");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const MYSQL_RULE: &str = "[other]\nbe_num = 1\n[table-rule.1]\ndatabase = ^mysql$\ntable = ^db$\n\
                          flink.cdc.server-id = 5400-5403\n";

#[test]
fn unreachable_source_is_one_failure_without_password() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = conf(
        dir.path(),
        "c.conf",
        &format!(
            "[db]\ntype = mysql\nhost = 127.0.0.1\nport = 1\nuser = root\npassword = \
             Sup3r-Secret-pw\n{MYSQL_RULE}"
        ),
    );
    let (code, out, err) = smt(&["check", "-c", p.to_str().unwrap_or_default()]);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(out.matches("FAIL  ").count(), 1, "{out}");
    assert!(out.contains("127.0.0.1:1"), "{out}");
    let all = format!("{out}{err}");
    assert!(!all.contains("Sup3r-Secret-pw"), "{all}");
    assert!(
        !all.contains("panicked") && !all.contains("backtrace"),
        "{all}"
    );
    // --json parses and says the same
    let (code, out, _) = smt(&["check", "--json", "-c", p.to_str().unwrap_or_default()]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["items"][0]["id"], "source.reachable");
    assert_eq!(v["items"][0]["status"], "fail");
    assert!(!out.contains("Sup3r-Secret-pw"));
}

#[test]
fn bad_config_is_exit_2() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = conf(
        dir.path(),
        "c.conf",
        "[db]\ntype = mysql\nhost = 127.0.0.1\nport = 1\n[table-rule.1]\ndatabase = ^(x$\ntable = .*\n",
    );
    let (code, _, err) = smt(&["check", "-c", p.to_str().unwrap_or_default()]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn mariadb_3306_as_it_is() {
    if skip() {
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let p = conf(
        dir.path(),
        "c.conf",
        &format!(
            "[db]\ntype = mysql\nhost = 127.0.0.1\nport = 3306\nuser = root\npassword =\n{MYSQL_RULE}"
        ),
    );
    let (code, out, err) = smt(&["check", "--json", "-c", p.to_str().unwrap_or_default()]);
    let v: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    let items = v["items"].as_array().cloned().unwrap_or_default();
    let status = |id: &str| {
        items
            .iter()
            .find(|i| i["id"] == id)
            .map(|i| i["status"].as_str().unwrap_or("").to_string())
            .unwrap_or_default()
    };
    assert_eq!(status("source.reachable"), "pass", "{out}");
    assert_eq!(status("mysql.privileges"), "pass", "{out}");
    let any_fail = items.iter().any(|i| i["status"] == "fail");
    assert_eq!(code, i32::from(any_fail), "{out}");
    // nothing is reachable on jdbc-url: the StarRocks side is a warning
    assert_eq!(status("starrocks.reachable"), "warn", "{out}");
}

#[test]
fn mariadb_3307_statement_format_fails_with_fix() {
    if skip() {
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let p = conf(
        dir.path(),
        "c.conf",
        &format!(
            "[db]\ntype = mysql\nhost = 127.0.0.1\nport = 3307\nuser = root\npassword =\n{MYSQL_RULE}"
        ),
    );
    let (code, out, err) = smt(&["check", "-c", p.to_str().unwrap_or_default()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("FAIL  binlog_format = ROW"), "{out}");
    assert!(
        out.contains("fix:   SET GLOBAL binlog_format = 'ROW';"),
        "{out}"
    );
    assert!(out.contains("smt check: "), "{out}");
}

#[test]
fn postgres_5433_wal_level_fails() {
    if skip() {
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let p = conf(
        dir.path(),
        "c.conf",
        "[db]\ntype = pgsql\nhost = 127.0.0.1\nport = 5433\nuser = postgres\npassword =\n\
         [other]\nbe_num = 1\n[table-rule.1]\ndatabase = ^postgres$\nschema = ^pg_catalog$\n\
         table = ^pg_class$\n",
    );
    let (code, out, err) = smt(&["check", "-c", p.to_str().unwrap_or_default()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("FAIL  wal_level = logical"), "{out}");
    assert!(
        out.contains("ALTER SYSTEM SET wal_level = logical;"),
        "{out}"
    );
}
