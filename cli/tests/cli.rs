//! The `smt` binary as a user runs it: the demo, golden output, exit codes and bad input.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn smt() -> Command {
    Command::new(env!("CARGO_BIN_EXE_smt"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn demo_conf() -> PathBuf {
    root().join("fixtures/demo/config_prod.conf")
}

fn run(args: &[&str], cwd: &Path) -> Output {
    smt()
        .args(args)
        .current_dir(cwd)
        .env_remove("SMT_CONFIG")
        .output()
        .expect("run smt")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A config in a temporary folder, with the demo dump copied beside it.
fn temp_config(body: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::copy(
        root().join("fixtures/demo/shop.sql"),
        dir.path().join("shop.sql"),
    )
    .expect("copy dump");
    let conf = dir.path().join("config_prod.conf");
    fs::write(&conf, body).expect("write conf");
    (dir, conf)
}

const MINIMAL: &str = "[db]\ntype = mysql\nhost = 127.0.0.1\nport = 3306\nuser = root\npassword = s3cr3t-pw\nddl_file = shop.sql\n\n\
[other]\nbe_num = 1\nuse_decimal_v3 = true\noutput_dir = ./result\n\n\
[table-rule.1]\ndatabase = ^shop$\ntable = ^customers$\n\
flink.starrocks.jdbc-url = jdbc:mysql://127.0.0.1:9030\nflink.starrocks.load-url = 127.0.0.1:8030\n\
flink.starrocks.username = root\nflink.starrocks.password = sink-pw\n";

#[test]
fn demo_writes_every_file_and_matches_golden_output() {
    let out = tempfile::tempdir().expect("tempdir");
    let result = out.path().join("result");
    let o = run(
        &[
            "generate",
            "-c",
            demo_conf().to_str().expect("utf8"),
            "-o",
            result.to_str().expect("utf8"),
        ],
        out.path(),
    );
    assert!(o.status.success(), "smt failed: {}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("target table(s)"), "no summary: {err}");
    assert!(
        err.contains("merged shard group"),
        "no merge summary: {err}"
    );
    for rule in ["1", "2", "3", "all"] {
        for prefix in [
            "starrocks-create",
            "flink-create",
            "starrocks-external-create",
        ] {
            let f = result.join(format!("{prefix}.{rule}.sql"));
            assert!(f.is_file(), "missing {}", f.display());
        }
    }
    assert!(result.join("smt-report.json").is_file());
    let mut names: Vec<String> = fs::read_dir(&result)
        .expect("read result")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql") || n.ends_with(".json"))
        .collect();
    names.sort();
    for n in names {
        let body = fs::read_to_string(result.join(&n)).expect("read");
        insta::assert_snapshot!(format!("demo__{n}"), body);
    }
}

#[test]
fn output_is_deterministic() {
    let out = tempfile::tempdir().expect("tempdir");
    let conf = demo_conf();
    let a = out.path().join("a");
    let b = out.path().join("b");
    for d in [&a, &b] {
        let o = run(
            &[
                "generate",
                "-q",
                "-c",
                conf.to_str().expect("utf8"),
                "-o",
                d.to_str().expect("utf8"),
            ],
            out.path(),
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for e in fs::read_dir(&a).expect("read") {
        let name = e.expect("entry").file_name();
        assert_eq!(
            fs::read(a.join(&name)).expect("a"),
            fs::read(b.join(&name)).expect("b"),
            "{name:?} differs between runs"
        );
    }
}

#[test]
fn default_config_path_is_relative_to_the_working_directory() {
    let (dir, conf) = temp_config(MINIMAL);
    fs::create_dir(dir.path().join("conf")).expect("mkdir");
    fs::rename(&conf, dir.path().join("conf/config_prod.conf")).expect("move");
    fs::rename(
        dir.path().join("shop.sql"),
        dir.path().join("conf/shop.sql"),
    )
    .expect("move");
    let o = run(&["generate", "-q"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("result/starrocks-create.all.sql").is_file());
}

#[test]
fn files_with_passwords_are_private_and_passwords_never_printed() {
    let (dir, conf) = temp_config(MINIMAL);
    let o = run(
        &["generate", "-c", conf.to_str().expect("utf8")],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let all = format!("{}{}", stderr(&o), String::from_utf8_lossy(&o.stdout));
    assert!(!all.contains("s3cr3t-pw") && !all.contains("sink-pw"));
    let result = dir.path().join("result");
    let flink = fs::read_to_string(result.join("flink-create.1.sql")).expect("flink");
    assert!(flink.contains("'password' = 's3cr3t-pw'"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for e in fs::read_dir(&result).expect("read") {
            let p = e.expect("entry").path();
            let body = fs::read_to_string(&p).unwrap_or_default();
            let mode = fs::metadata(&p).expect("meta").permissions().mode() & 0o777;
            if body.contains("s3cr3t-pw") || body.contains("sink-pw") {
                assert_eq!(mode, 0o600, "{} holds a password", p.display());
            }
        }
    }
    let report = fs::read_to_string(result.join("smt-report.json")).expect("report");
    assert!(!report.contains("s3cr3t-pw"));
}

fn assert_fails(o: &Output, code: i32, needles: &[&str]) {
    assert_eq!(o.status.code(), Some(code), "stderr: {}", stderr(o));
    let err = stderr(o);
    for n in needles {
        assert!(err.contains(n), "expected `{n}` in: {err}");
    }
    assert!(!err.contains("panicked"), "panic: {err}");
}

#[test]
fn missing_config_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = run(&["generate", "-c", "nope.conf"], dir.path());
    assert_fails(&o, 2, &["nope.conf", "not found"]);
}

#[test]
fn unknown_db_type() {
    let (dir, conf) = temp_config(&MINIMAL.replace("type = mysql", "type = db2"));
    let o = run(
        &["generate", "-c", conf.to_str().expect("utf8")],
        dir.path(),
    );
    assert_fails(&o, 2, &["config_prod.conf:2", "db2", "sqlserver"]);
    assert!(!dir.path().join("result").exists());
}

#[test]
fn malformed_line() {
    let (dir, conf) = temp_config(&MINIMAL.replace("[other]\n", "[other]\nthis line is garbage\n"));
    let o = run(
        &["generate", "-c", conf.to_str().expect("utf8")],
        dir.path(),
    );
    assert_fails(&o, 2, &["config_prod.conf:10", "malformed"]);
}

#[test]
fn invalid_regex() {
    let (dir, conf) = temp_config(&MINIMAL.replace("table = ^customers$", "table = ^cust(omers$"));
    let o = run(
        &["generate", "-c", conf.to_str().expect("utf8")],
        dir.path(),
    );
    assert_fails(&o, 2, &["config_prod.conf:", "table", "^cust(omers$"]);
}

#[test]
fn rule_matching_nothing_is_a_warning() {
    let body = format!("{MINIMAL}\n[table-rule.2]\ndatabase = ^nowhere$\ntable = .*\n");
    let (dir, conf) = temp_config(&body);
    let o = run(
        &["generate", "-c", conf.to_str().expect("utf8")],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("matched no table"), "{}", stderr(&o));
    let report = fs::read_to_string(dir.path().join("result/smt-report.json")).expect("report");
    assert!(report.contains("rule-matched-nothing"));
}

#[test]
fn dump_file_missing_or_unparsable() {
    let (dir, conf) =
        temp_config(&MINIMAL.replace("ddl_file = shop.sql", "ddl_file = missing.sql"));
    let o = run(
        &["generate", "-c", conf.to_str().expect("utf8")],
        dir.path(),
    );
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("missing.sql"), "{}", stderr(&o));

    let (dir, conf) = temp_config(MINIMAL);
    fs::write(
        dir.path().join("shop.sql"),
        "this is not SQL at all;\nnor this;\n",
    )
    .expect("write");
    let o = run(
        &["generate", "-c", conf.to_str().expect("utf8")],
        dir.path(),
    );
    assert_ne!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("shop.sql"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn previous_result_survives_a_failed_run() {
    let (dir, conf) = temp_config(MINIMAL);
    let c = conf.to_str().expect("utf8");
    let o = run(&["generate", "-q", "-c", c], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let before =
        fs::read_to_string(dir.path().join("result/starrocks-create.all.sql")).expect("read");
    // Break the dump: the next run fails and must leave result/ as it was.
    fs::write(dir.path().join("shop.sql"), "garbage;\n").expect("write");
    let o = run(&["generate", "-q", "-c", c], dir.path());
    assert_ne!(o.status.code(), Some(0));
    let after =
        fs::read_to_string(dir.path().join("result/starrocks-create.all.sql")).expect("read");
    assert_eq!(before, after);
}

#[test]
fn refuses_a_folder_smt_did_not_write() {
    let (dir, conf) = temp_config(MINIMAL);
    let theirs = dir.path().join("result");
    fs::create_dir(&theirs).expect("mkdir");
    fs::write(theirs.join("notes.txt"), "mine").expect("write");
    let c = conf.to_str().expect("utf8");
    let o = run(&["generate", "-c", c], dir.path());
    assert_fails(&o, 1, &["not written by smt", "--force"]);
    assert!(theirs.join("notes.txt").is_file());
    let o = run(&["generate", "-q", "--force", "-c", c], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!theirs.join("notes.txt").exists());
}

#[test]
fn output_folder_not_writable() {
    // root ignores directory permissions; a path under a regular file fails for everyone.
    let (dir, conf) = temp_config(MINIMAL);
    let blocker = dir.path().join("blocker");
    fs::write(&blocker, "a file, not a folder").expect("write");
    let o = run(
        &[
            "generate",
            "-c",
            conf.to_str().expect("utf8"),
            "-o",
            blocker.join("result").to_str().expect("utf8"),
        ],
        dir.path(),
    );
    assert_fails(&o, 1, &["blocker"]);
    assert!(blocker.is_file(), "the blocking file must be left alone");
}

#[test]
fn inspect_prints_plan_as_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = run(
        &[
            "inspect",
            "--json",
            "-c",
            demo_conf().to_str().expect("utf8"),
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(
        v["catalog"]["tables"]
            .as_array()
            .is_some_and(|t| t.len() > 10)
    );
    assert_eq!(v["plan"]["source"], "mysql");
    assert!(!dir.path().join("result").exists(), "inspect wrote files");
}

#[test]
fn usage_errors_exit_2_and_help_has_examples() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = run(&["generate", "--bogus"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["--help"], dir.path());
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("Examples:"));
}

/// SQL Server and Oracle cannot run on this machine; what a user sees when the server is
/// unreachable (SQL Server) or the Oracle client library is missing (as it is here) is checked
/// for real: a clear message, exit 1, no password, no panic.
#[cfg(all(feature = "sqlserver", feature = "oracle"))]
#[test]
fn unreachable_sqlserver_and_missing_oracle_client() {
    for (kind, needles) in [
        ("sqlserver", &["127.0.0.1:1"][..]),
        ("oracle", &["Instant Client"][..]),
    ] {
        let body = MINIMAL
            .replace("type = mysql", &format!("type = {kind}"))
            .replace("port = 3306", "port = 1")
            .replace("ddl_file = shop.sql\n", "connect_timeout = 2\n")
            .replace(
                "database = ^shop$\ntable = ^customers$",
                "database = ORCLPDB1\nschema = .*\ntable = .*",
            );
        let (dir, conf) = temp_config(&body);
        let o = run(
            &["generate", "-c", conf.to_str().expect("utf8")],
            dir.path(),
        );
        assert_fails(&o, 1, needles);
        assert!(!stderr(&o).contains("s3cr3t-pw"), "{}", stderr(&o));
        assert!(!dir.path().join("result").exists());
    }
}
