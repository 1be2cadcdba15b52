//! Helpers shared by the CLI tests that run the built `smt` against real servers: where the
//! repository is, how to skip, running `smt generate`, reading a result folder and running the
//! external checks (`scripts/check-result`) on it.

// Each test binary uses its own subset.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Whether live-server tests are skipped (`SMT_SKIP_LIVE=1`, local use only); says so.
pub fn skip_live(what: &str) -> bool {
    if std::env::var("SMT_SKIP_LIVE").is_ok_and(|v| v == "1") {
        eprintln!("SMT_SKIP_LIVE=1: live {what} test skipped");
        return true;
    }
    false
}

/// Run a command that must succeed; its stdout.
pub fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `smt generate -c conf -o out`, which must succeed; what it printed (stdout, then stderr).
pub fn smt_generate(conf: &Path, out: &Path) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_smt"))
        .args(["generate", "-c"])
        .arg(conf)
        .arg("-o")
        .arg(out)
        .output()
        .expect("run smt");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        o.status.success(),
        "smt generate -c {} failed:\n{printed}",
        conf.display()
    );
    printed
}

/// The `.sql` files of a result folder, `(name, contents)`, sorted by name.
pub fn sql_files(dir: &Path) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = fs::read_dir(dir)
        .expect("read result")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .map(|p| {
            (
                p.file_name().expect("name").to_string_lossy().into_owned(),
                fs::read_to_string(&p).expect("read"),
            )
        })
        .collect();
    v.sort();
    v
}

/// `scripts/check-result DIR --strict` (Flink 1.20's planner and the StarRocks rules), which
/// must pass; `SMT_SKIP_EXTERNAL_CHECKS=1` skips it.
pub fn external_checks(result: &Path) {
    if std::env::var("SMT_SKIP_EXTERNAL_CHECKS").is_ok_and(|v| v == "1") {
        eprintln!("SMT_SKIP_EXTERNAL_CHECKS=1: external checks skipped");
        return;
    }
    let o = Command::new(root().join("scripts/check-result"))
        .arg(result)
        .arg("--strict")
        .output()
        .expect("run scripts/check-result");
    assert!(
        o.status.success(),
        "scripts/check-result {} failed:\n{}{}",
        result.display(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}
