//! Tests of the typed layer (the raw INI, TOML and env layers have their own tests).

use std::path::{Path, PathBuf};

use smt_ir::{SourceKind, StarRocksVersion};

use crate::*;

fn env(name: &str) -> Option<String> {
    match name {
        "SMT_PW" => Some("hunter2".into()),
        "SR_HOST" => Some("fe.example".into()),
        _ => None,
    }
}

const PATH: &str = "conf/config_prod.conf";

fn ini(text: &str) -> Result<Config, ConfigError> {
    parse_ini_with_env(text, Path::new(PATH), &env)
}

fn ok(text: &str) -> Config {
    match ini(text) {
        Ok(c) => c,
        Err(e) => panic!("unexpected error: {e}\n{text}"),
    }
}

fn err(text: &str) -> ConfigError {
    match ini(text) {
        Ok(c) => panic!("expected an error, got {c:?}\n{text}"),
        Err(e) => e,
    }
}

/// A minimal valid configuration with `db`, `other` and `rules` spliced in.
fn cfg(db: &str, other: &str, rules: &str) -> String {
    format!(
        "[db]\ntype = mysql\nhost = h\nport = 3306\nuser = u\npassword = p\n{db}\n\
         [other]\nbe_num = 3\nuse_decimal_v3 = true\noutput_dir = ./result\n{other}\n{rules}"
    )
}

const RULE: &str = "[table-rule.1]\ndatabase = ^db$\ntable = ^t$\n";

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn realistic_config_prod_conf() {
    let text = std::fs::read_to_string(data("config_prod.conf")).unwrap();
    let c = ini(&text).unwrap();
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(c.db.kind, SourceKind::Mysql);
    assert_eq!(c.db.host, "192.168.1.1");
    assert_eq!(c.db.port, 3306);
    assert_eq!(c.db.user, "root");
    assert_eq!(c.db.password.expose(), "");
    assert_eq!(c.db.authentication, None);
    assert!(!c.db.is_offline());
    assert_eq!(c.db.connect_timeout_secs, 10);
    assert_eq!(c.db.option("type"), Some("mysql"));
    assert_eq!(c.other.be_num, 3);
    assert!(c.other.use_decimal_v3);
    assert_eq!(c.other.output_dir, "./result");
    assert_eq!(c.other.starrocks_version, StarRocksVersion::DEFAULT);
    assert!(c.other.flink_statement_set);
    assert!(c.other.tinyint1_as_boolean);
    assert_eq!(c.rules.len(), 2);

    let r1 = &c.rules[0];
    assert_eq!(r1.name, "1");
    assert_eq!(r1.line, 25);
    assert_eq!(r1.database, r"^edu_db_\d+$");
    assert_eq!(r1.table, r"^course_\d+$");
    assert_eq!(r1.schema, None, "mysql rules have no schema");
    assert_eq!(
        r1.flink_starrocks,
        pairs(&[
            ("jdbc-url", "jdbc:mysql://192.168.1.1:9030"),
            ("load-url", "192.168.1.1:8030;192.168.1.2:8030"),
            ("username", "root"),
            ("password", ""),
            ("sink.max-retries", "10"),
            ("sink.buffer-flush.interval-ms", "15000"),
            ("sink.properties.format", "csv"),
            ("sink.properties.column_separator", r"\x01"),
            ("sink.properties.row_delimiter", r"\x02"),
        ])
    );
    assert_eq!(
        r1.flink_cdc,
        pairs(&[("server-id", "5400"), ("scan.startup.mode", "initial")])
    );
    assert_eq!(r1.bucket_num, None);
    assert_eq!(r1.bucket_policy, BucketPolicy::Size);
    assert!(r1.merge_shards);
    assert!(!r1.shard_identity_columns);

    let r2 = c.rule("2").unwrap();
    assert_eq!(r2.partition_key.as_deref(), Some("created_at"));
    assert_eq!(
        r2.partitions.as_deref(),
        Some(r#"START ("2021-01-02") END ("2021-01-04") EVERY (INTERVAL 1 day)"#)
    );
    assert_eq!(
        r2.duplicate_keys,
        Some(vec!["order_id".to_string(), "created_at".to_string()])
    );
    assert_eq!(r2.distributed_by, Some(vec!["order_id".to_string()]));
    assert_eq!(r2.bucket_num, Some(16));
    assert_eq!(
        r2.properties,
        pairs(&[("in_memory", "false"), ("storage_medium", "SSD")])
    );
    assert_eq!(r2.external_properties, pairs(&[("charset", "utf8mb4")]));
    assert_eq!(
        r2.sink_option("sink.properties.columns"),
        Some("order_id,created_at,amount")
    );
    assert_eq!(
        r2.sink_option("load-url"),
        Some("192.168.1.1:8030;192.168.1.2:8030")
    );
}

/// Blank out what legitimately differs between the INI and the TOML form.
fn normalized(mut c: Config) -> Config {
    c.path = PathBuf::new();
    for r in &mut c.rules {
        r.line = 0;
    }
    for w in &mut c.warnings {
        w.file = PathBuf::new();
        w.line = None;
    }
    c
}

#[test]
fn toml_form_is_equivalent() {
    let conf = load_with_env(&data("config_prod.conf"), &env).unwrap();
    let toml = load_with_env(&data("config_prod.toml"), &env).unwrap();
    assert_eq!(toml.path, data("config_prod.toml"));
    assert_eq!(normalized(conf), normalized(toml));
}

#[test]
fn toml_and_ini_agree_on_extensions() {
    let ini_text = "\
[db]
type = pgsql
host = h
port = 5432
user = u
password = ${SMT_PW}
[other]
be_num = 1
use_decimal_v3 = false
output_dir =
starrocks_version = 3.1
flink_statement_set = false
[table-rule]
schema = public
flink.cdc.slot.name = smt
[table-rule.a]
database = ^d$
table = ^t$
bucket_policy = auto
merge_shards = false
flink.cdc.slot.name = other
flink.cdc.decoding.plugin.name = pgoutput
";
    let toml_text = r#"
[db]
type = "pgsql"
host = "h"
port = 5432
user = "u"
password = "${SMT_PW}"
[other]
be_num = 1
use_decimal_v3 = false
output_dir = ""
starrocks_version = "3.1"
flink_statement_set = false
[table-rule]
schema = "public"
flink.cdc.slot.name = "smt"
[table-rule.a]
database = "^d$"
table = "^t$"
bucket_policy = "auto"
merge_shards = false
flink.cdc.slot.name = "other"
flink.cdc.decoding.plugin.name = "pgoutput"
"#;
    let a = ini(ini_text).unwrap();
    let b = parse_toml_with_env(toml_text, Path::new("c.toml"), &env).unwrap();
    assert_eq!(a.db.password.expose(), "hunter2");
    assert_eq!(a.rules[0].schema.as_deref(), Some("public"));
    assert_eq!(
        a.rules[0].flink_cdc,
        pairs(&[("slot.name", "other"), ("decoding.plugin.name", "pgoutput")])
    );
    assert_eq!(normalized(a), normalized(b));
}

#[test]
fn load_errors() {
    let e = load(Path::new("/nonexistent/dir/config_prod.conf")).unwrap_err();
    assert_eq!(e.kind, ConfigErrorKind::NotFound);
    assert_eq!(
        e.to_string(),
        "config file not found: /nonexistent/dir/config_prod.conf"
    );
    assert!(is_toml(Path::new("a/b.TOML")));
    assert!(!is_toml(Path::new("conf/config_prod.conf")));
}

#[test]
fn verbatim_values_reach_the_typed_model() {
    let c = ok(&cfg(
        "url = jdbc:sqlserver://h:1433;databaseName=a=b\nextra: v",
        "",
        "[table-rule.1]\ndatabase = db1\ntable = ^t_\\d+$\n\
         flink.starrocks.load-url=a:8030;b:8030\n\
         flink.starrocks.sink.properties.column_separator=\\x01\n\
         flink.starrocks.sink.properties.row_delimiter=\n",
    ));
    let r = &c.rules[0];
    assert_eq!(r.database, "db1");
    assert_eq!(r.table, r"^t_\d+$");
    assert_eq!(r.sink_option("load-url"), Some("a:8030;b:8030"));
    assert_eq!(
        r.sink_option("sink.properties.column_separator"),
        Some(r"\x01")
    );
    assert_eq!(r.sink_option("sink.properties.row_delimiter"), Some(""));
    assert_eq!(
        c.db.option("url"),
        Some("jdbc:sqlserver://h:1433;databaseName=a=b")
    );
    assert_eq!(c.db.option("extra"), Some("v"));
}

#[test]
fn bom_comments_and_colon_separator() {
    let text = format!(
        "\u{feff}# leading comment\n; another\n{}",
        cfg("", "", "[table-rule.1]\ndatabase: ^db$\ntable : ^t$\n")
    );
    let c = ok(&text);
    assert_eq!(c.db.kind, SourceKind::Mysql);
    assert_eq!(c.rules[0].database, "^db$");
    assert_eq!(c.rules[0].table, "^t$");
}

#[test]
fn repeated_keys_last_wins_first_position() {
    let c = ok(&cfg(
        "port = 3307",
        "",
        "[table-rule.1]\ndatabase = a\ntable = t\nflink.cdc.x = 1\nflink.cdc.y = 2\nflink.cdc.x = 3\ndatabase = b\n",
    ));
    assert_eq!(c.db.port, 3307);
    assert_eq!(c.rules[0].database, "b");
    assert_eq!(c.rules[0].flink_cdc, pairs(&[("x", "3"), ("y", "2")]));
}

#[test]
fn percent_and_env_substitution() {
    let text = format!(
        "sr = ${{SR_HOST}}\n{}",
        cfg(
            "password = ${SMT_PW}",
            "",
            "[table-rule.1]\ndatabase = ^db$\ntable = ^t$\n\
             fe = %(sr)s\n\
             flink.starrocks.jdbc-url = jdbc:mysql://%(fe)s:${SR_PORT:-9030}\n\
             flink.starrocks.password = $${literal}\n",
        )
    );
    let c = ok(&text);
    assert_eq!(c.db.password.expose(), "hunter2");
    let r = &c.rules[0];
    assert_eq!(
        r.sink_option("jdbc-url"),
        Some("jdbc:mysql://fe.example:9030")
    );
    assert_eq!(r.sink_option("password"), Some("${literal}"));
    // `fe` is not a rule key: it is warned about, but usable in %(fe)s.
    assert!(c.warnings.iter().any(|w| w.key.as_deref() == Some("fe")));
}

#[test]
fn missing_env_variable_is_an_error_with_position() {
    let e = err(&cfg("password = ${SMT_NOPE}", "", RULE));
    assert_eq!(e.line, Some(7));
    assert_eq!(e.section.as_deref(), Some("db"));
    assert_eq!(e.key.as_deref(), Some("password"));
    let shown = e.to_string();
    assert!(
        shown.starts_with(
            "conf/config_prod.conf:7: [db] password: environment variable `SMT_NOPE` is not set"
        ),
        "{shown}"
    );
}

#[test]
fn percent_cycle_is_an_error() {
    let e = err(&cfg("a = %(b)s\nb = %(a)s", "", RULE));
    assert!(e.message.contains("cycle"), "{e}");
    assert_eq!(e.section.as_deref(), Some("db"));
}

#[test]
fn unknown_percent_reference_warns() {
    let c = ok(&cfg(
        "",
        "",
        &format!("{RULE}flink.cdc.x = a%(nothing)sb\n"),
    ));
    assert_eq!(c.rules[0].cdc_option("x"), Some("ab"));
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    assert!(c.warnings[0].message.contains("%(nothing)s"));
    let c = ok(&cfg(
        "",
        "",
        "[table-rule.1]\ndatabase = a%(nothing)sb\ntable = t\n",
    ));
    assert_eq!(c.rules[0].database, "ab");
    assert_eq!(c.warnings.len(), 1, "warned once: {:?}", c.warnings);
}

#[test]
fn malformed_line_error() {
    let e = err("[db]\ntype = mysql\ngarbage\n");
    assert_eq!(e.kind, ConfigErrorKind::Syntax);
    assert!(
        e.to_string()
            .starts_with("conf/config_prod.conf:3: malformed line"),
        "{e}"
    );
}

#[test]
fn missing_sections_and_rules() {
    let cases = [
        (
            "[other]\nbe_num = 3\n[table-rule.1]\ndatabase=a\ntable=b\n",
            "[db] section is missing",
        ),
        (
            "[db]\ntype=mysql\nhost=h\n[table-rule.1]\ndatabase=a\ntable=b\n",
            "[other] section is missing",
        ),
        (
            "[db]\ntype=mysql\nhost=h\n[other]\nbe_num=3\nuse_decimal_v3=true\n",
            "no [table-rule.<name>] section",
        ),
        (
            "[db]\ntype=mysql\nhost=h\n[other]\nbe_num=3\nuse_decimal_v3=true\n[table-rule]\ndatabase=a\n",
            "no [table-rule.<name>] section",
        ),
    ];
    for (text, want) in cases {
        let e = err(text);
        assert!(e.to_string().contains(want), "{e} / {want}");
    }
}

#[test]
fn db_type_errors() {
    let e = err(&cfg("", "", RULE).replace("type = mysql\n", ""));
    assert_eq!(e.key.as_deref(), Some("type"));
    assert!(
        e.message
            .contains("supported: mysql, pgsql, oracle, sqlserver, clickhouse, hive, tidb"),
        "{e}"
    );
    let e = err(&cfg("", "", RULE).replace("type = mysql", "type = db2"));
    assert!(e.message.contains("unknown source type `db2`"), "{e}");
    assert_eq!(e.line, Some(2));
    // aliases accepted by SourceKind::from_str
    let c = ok(
        &cfg("", "", "[table-rule.1]\ndatabase=a\ntable=b\nschema=.*\n")
            .replace("type = mysql", "type = postgresql"),
    );
    assert_eq!(c.db.kind, SourceKind::Pgsql);
}

#[test]
fn port_validation() {
    let bad = ["abc", "0", "70000", "-1", "3306 # mysql", "3306.0"];
    for value in bad {
        let e = err(&cfg("", "", RULE).replace("port = 3306", &format!("port = {value}")));
        assert_eq!(e.key.as_deref(), Some("port"), "{value}");
        assert_eq!(e.line, Some(4), "{value}");
        assert!(e.message.contains("1..65535"), "{e}");
    }
    let e = err(&cfg("", "", RULE).replace("port = 3306", "port = 3306 # mysql"));
    assert!(
        e.message.contains("comments must be on their own line"),
        "{e}"
    );
    let c = ok(&cfg("", "", RULE).replace("port = 3306", "port = 65535"));
    assert_eq!(c.db.port, 65535);
    // missing: default port, with a warning
    let c = ok(&cfg("", "", RULE).replace("port = 3306\n", ""));
    assert_eq!(c.db.port, 3306);
    assert!(c.warnings.iter().any(|w| w.key.as_deref() == Some("port")));
}

#[test]
fn be_num_validation() {
    for value in ["0", "-1", "x", "3 # backends", "1.5"] {
        let e = err(&cfg("", "", RULE).replace("be_num = 3", &format!("be_num = {value}")));
        assert_eq!(e.key.as_deref(), Some("be_num"), "{value}");
        assert_eq!(e.section.as_deref(), Some("other"));
        assert!(e.message.contains("positive integer"), "{e}");
    }
    let c = ok(&cfg("", "", RULE).replace("be_num = 3", "be_num = 1"));
    assert_eq!(c.other.be_num, 1);
    let c = ok(&cfg("", "", RULE).replace("be_num = 3\n", ""));
    assert_eq!(c.other.be_num, 3);
    assert!(
        c.warnings
            .iter()
            .any(|w| w.key.as_deref() == Some("be_num"))
    );
}

#[test]
fn go_parse_bool_values() {
    let cases = [
        ("1", true),
        ("t", true),
        ("T", true),
        ("TRUE", true),
        ("true", true),
        ("True", true),
        ("0", false),
        ("f", false),
        ("F", false),
        ("FALSE", false),
        ("false", false),
        ("False", false),
    ];
    for (value, want) in cases {
        let c = ok(&cfg("", "", RULE).replace(
            "use_decimal_v3 = true",
            &format!("use_decimal_v3 = {value}"),
        ));
        assert_eq!(c.other.use_decimal_v3, want, "{value}");
    }
    for value in ["yes", "on", "tRuE", "2"] {
        let e = err(&cfg("", "", RULE).replace(
            "use_decimal_v3 = true",
            &format!("use_decimal_v3 = {value}"),
        ));
        assert_eq!(e.key.as_deref(), Some("use_decimal_v3"));
        assert!(e.message.contains("not a boolean"), "{e}");
    }
    let c = ok(&cfg("", "", RULE).replace("use_decimal_v3 = true\n", ""));
    assert!(c.other.use_decimal_v3);
    assert!(
        c.warnings
            .iter()
            .any(|w| w.key.as_deref() == Some("use_decimal_v3"))
    );
}

#[test]
fn other_extensions() {
    let c = ok(&cfg(
        "",
        "starrocks_version = 2.5.4\nflink_statement_set = F\ntinyint1_as_boolean = 0",
        RULE,
    )
    .replace("output_dir = ./result", "output_dir ="));
    assert_eq!(c.other.starrocks_version, StarRocksVersion::new(2, 5, 4));
    assert!(!c.other.flink_statement_set);
    assert!(!c.other.tinyint1_as_boolean);
    assert_eq!(c.other.output_dir, "");
    assert_eq!(c.other.output_dir_or_default(), "./result");
    let e = err(&cfg("", "starrocks_version = latest", RULE));
    assert_eq!(e.key.as_deref(), Some("starrocks_version"));
}

#[test]
fn rule_validation_errors() {
    let cases: [(&str, &str, &str); 8] = [
        ("[table-rule.1]\ntable = t\n", "database", "missing"),
        ("[table-rule.1]\ndatabase = d\n", "table", "missing"),
        (
            "[table-rule.1]\ndatabase =\ntable = t\n",
            "database",
            "empty",
        ),
        (
            "[table-rule.1]\ndatabase = d\ntable = ^t_(\n",
            "table",
            "invalid regular expression `^t_(`",
        ),
        (
            "[table-rule.1]\ndatabase = [a-\ntable = t\n",
            "database",
            "invalid regular expression",
        ),
        (
            "[table-rule.1]\ndatabase = d\ntable = t\nbucket_num = many\n",
            "bucket_num",
            "not a non-negative integer",
        ),
        (
            "[table-rule.1]\ndatabase = d\ntable = t\nbucket_num = -4\n",
            "bucket_num",
            "not a non-negative integer",
        ),
        (
            "[table-rule.1]\ndatabase = d\ntable = t\nbucket_policy = huge\n",
            "bucket_policy",
            "expected `size` or `auto`",
        ),
    ];
    for (rules, key, want) in cases {
        let e = err(&cfg("", "", rules));
        assert_eq!(e.key.as_deref(), Some(key), "{rules}");
        assert_eq!(e.section.as_deref(), Some("table-rule.1"), "{rules}");
        assert!(e.line.is_some(), "{rules}");
        assert!(e.message.contains(want), "{e} / {want}");
    }
    let e = err(&cfg("", "", "[table-rule.]\ndatabase=a\ntable=b\n"));
    assert!(e.message.contains("no rule name"), "{e}");
}

#[test]
fn regex_falls_back_to_fancy_regex() {
    let c = ok(&cfg(
        "",
        "",
        "[table-rule.1]\ndatabase = ^(?!tmp_).*$\ntable = (\\w+)_\\1\n",
    ));
    assert_eq!(c.rules[0].database, "^(?!tmp_).*$");
}

#[test]
fn rule_scalars() {
    let c = ok(&cfg(
        "",
        "",
        "[table-rule.orders]\ndatabase = d\ntable = t\nduplicate_keys = `a`, b ,,`c`\n\
         distributed_by = `id`\nbucket_num = 0\nbucket_policy = AUTO\nmerge_shards = false\n\
         shard_identity_columns = true\npartition_key =\n",
    ));
    let r = c.rule("orders").unwrap();
    assert_eq!(
        r.duplicate_keys,
        Some(vec!["a".to_string(), "b".to_string(), "c".to_string()])
    );
    assert_eq!(r.distributed_by, Some(vec!["id".to_string()]));
    assert_eq!(r.bucket_num, None);
    assert_eq!(r.bucket_policy, BucketPolicy::Auto);
    assert!(!r.merge_shards);
    assert!(r.shard_identity_columns);
    assert_eq!(r.partition_key, None);
    // goconfig's backtick unquoting of a whole value: `a`,`b` arrives as a`,`b
    let c = ok(&cfg(
        "",
        "",
        "[table-rule.1]\ndatabase=d\ntable=t\nduplicate_keys = `a`,`b`\n",
    ));
    assert_eq!(
        c.rules[0].duplicate_keys,
        Some(vec!["a".to_string(), "b".to_string()])
    );
}

#[test]
fn schema_rules_by_source_kind() {
    let rules_with = "[table-rule.1]\ndatabase = d\nschema = ^public$\ntable = t\n";
    let rules_empty = "[table-rule.1]\ndatabase = d\nschema =\ntable = t\n";
    let rules_none = "[table-rule.1]\ndatabase = d\ntable = t\n";
    for kind in ["pgsql", "oracle", "sqlserver"] {
        let with_kind = |r: &str| cfg("", "", r).replace("type = mysql", &format!("type = {kind}"));
        assert_eq!(
            ok(&with_kind(rules_with)).rules[0].schema.as_deref(),
            Some("^public$")
        );
        assert_eq!(
            ok(&with_kind(rules_empty)).rules[0].schema.as_deref(),
            Some(".*")
        );
        let e = err(&with_kind(rules_none));
        assert_eq!(e.key.as_deref(), Some("schema"), "{kind}");
        assert!(e.message.contains(&format!("required for {kind}")), "{e}");
    }
    for kind in ["mysql", "tidb", "clickhouse"] {
        let with_kind = |r: &str| cfg("", "", r).replace("type = mysql", &format!("type = {kind}"));
        let c = ok(&with_kind(rules_with));
        assert_eq!(c.rules[0].schema, None);
        assert!(
            c.warnings
                .iter()
                .any(|w| w.key.as_deref() == Some("schema"))
        );
        let c = ok(&with_kind(
            "[table-rule.1]\ndatabase = d\nschema = ^.*$\ntable = t\n",
        ));
        assert_eq!(c.rules[0].schema, None);
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    }
}

#[test]
fn oracle_database_is_not_a_regex() {
    let c = ok(&cfg(
        "",
        "",
        "[table-rule.1]\ndatabase = ORCL(PDB\nschema = S\ntable = t\n",
    )
    .replace("type = mysql", "type = oracle"));
    assert_eq!(c.rules[0].database, "ORCL(PDB");
}

#[test]
fn hive_authentication() {
    let hive = cfg("", "", RULE).replace("type = mysql", "type = hive");
    // Optional: the metastore has no login, and HiveServer2 defaults to `none`.
    let c = ok(&hive);
    assert_eq!(c.db.authentication, None);
    // The Hive adapter's keys are known keys.
    let c = ok(&hive.replace(
        "[other]",
        "metastore_uris = thrift://127.0.0.1:9083\nschema_source = metastore\n[other]",
    ));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let e = err(&hive.replace("[other]", "authentication = magic\n[other]"));
    assert!(e.message.contains("kerberos"), "{e}");
    let e = err(&hive.replace("[other]", "authentication = magic\n[other]"));
    assert!(e.message.contains("`magic`"), "{e}");
    let c = ok(&hive.replace("[other]", "authentication = KERBEROS\n[other]"));
    assert_eq!(c.db.authentication.as_deref(), Some("kerberos"));
    // other kinds ignore it
    let c = ok(&cfg("authentication = kerberos", "", RULE));
    assert_eq!(c.db.authentication, None);
}

#[test]
fn ddl_files_and_offline_mode() {
    let text = "[db]\ntype = mysql\nddl_file = dumps/a.sql, /abs/b.sql ,\n\
                [other]\nbe_num=1\nuse_decimal_v3=true\n[table-rule.1]\ndatabase=d\ntable=t\n";
    let c = parse_ini_with_env(text, Path::new("/etc/smt/config_prod.conf"), &env).unwrap();
    assert_eq!(
        c.db.ddl_files,
        vec![
            PathBuf::from("/etc/smt/dumps/a.sql"),
            PathBuf::from("/abs/b.sql")
        ]
    );
    assert!(c.db.is_offline());
    assert_eq!(c.db.host, "");
    assert_eq!(c.db.port, 3306);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    // without ddl_file, host is needed
    let e = err(
        "[db]\ntype = mysql\n[other]\nbe_num=1\nuse_decimal_v3=true\n[table-rule.1]\ndatabase=d\ntable=t\n",
    );
    assert_eq!(e.key.as_deref(), Some("host"));
}

#[test]
fn connect_timeout() {
    assert_eq!(
        ok(&cfg("connect_timeout = 30", "", RULE))
            .db
            .connect_timeout_secs,
        30
    );
    let e = err(&cfg("connect_timeout = 0", "", RULE));
    assert_eq!(e.key.as_deref(), Some("connect_timeout"));
}

#[test]
fn shared_table_rule_section_is_inherited() {
    let rules = "\
[table-rule]
schema = ignored
flink.starrocks.jdbc-url = jdbc:mysql://fe:9030
flink.starrocks.load-url = fe:8030
flink.starrocks.username = root
properties.replication_num = 1
merge_shards = false
[table-rule.1]
database = a
table = t
flink.starrocks.load-url = other:8030
flink.starrocks.sink.max-retries = 3
[table-rule.2]
database = b
table = t
merge_shards = true
";
    let c = ok(&cfg("", "", rules));
    let r1 = c.rule("1").unwrap();
    assert_eq!(
        r1.flink_starrocks,
        pairs(&[
            ("jdbc-url", "jdbc:mysql://fe:9030"),
            ("load-url", "other:8030"),
            ("username", "root"),
            ("sink.max-retries", "3"),
        ])
    );
    assert_eq!(r1.properties, pairs(&[("replication_num", "1")]));
    assert!(
        !r1.merge_shards,
        "scalars fall back to [table-rule] (goconfig)"
    );
    let r2 = c.rule("2").unwrap();
    assert_eq!(r2.sink_option("load-url"), Some("fe:8030"));
    assert!(r2.merge_shards);
    assert_eq!(c.rules.len(), 2, "[table-rule] itself is not a rule");
}

#[test]
fn sink_options_set_by_smt_are_dropped_with_a_warning() {
    let c = ok(&cfg(
        "",
        "",
        &format!(
            "{RULE}flink.starrocks.connector = starrocks\nflink.starrocks.table-name = x\nflink.starrocks.database-name = y\nflink.starrocks.username = u\n"
        ),
    ));
    assert_eq!(c.rules[0].flink_starrocks, pairs(&[("username", "u")]));
    let keys: Vec<&str> = c.warnings.iter().filter_map(|w| w.key.as_deref()).collect();
    assert_eq!(
        keys,
        [
            "flink.starrocks.connector",
            "flink.starrocks.table-name",
            "flink.starrocks.database-name"
        ]
    );
    assert!(c.warnings.iter().all(|w| w.message.contains("smt sets")));
}

#[test]
fn unknown_keys_and_sections_warn_with_lines() {
    let text = cfg(
        "colour = blue",
        "speed = fast",
        &format!("{RULE}tabel = oops\n[extra]\nk = v\n"),
    );
    let c = ok(&text);
    let shown: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "conf/config_prod.conf:17: [extra] unknown section (ignored; smt reads [db], [other], [table-rule] and [table-rule.<name>])",
            "conf/config_prod.conf:7: [db] colour: unknown key (kept in the adapter options)",
            "conf/config_prod.conf:12: [other] speed: unknown key (ignored)",
            "conf/config_prod.conf:16: [table-rule.1] tabel: unknown key (ignored)",
        ]
    );
    // DEFAULT keys are variables, not warnings
    let c = ok(&format!("x = 1\n{}", cfg("", "", RULE)));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
}

#[test]
fn passwords_are_not_shown() {
    let c = ok(&cfg(
        "password = ${SMT_PW}",
        "",
        &format!("{RULE}flink.starrocks.password = sinkpw\nflink.cdc.password = cdcpw\n"),
    ));
    assert_eq!(c.db.password.expose(), "hunter2");
    assert_eq!(c.rules[0].sink_option("password"), Some("sinkpw"));
    let debug = format!("{c:?}");
    let serialized = toml::to_string(&c).unwrap();
    for text in [&debug, &serialized] {
        for secret in ["hunter2", "sinkpw", "cdcpw"] {
            assert!(!text.contains(secret), "{secret} leaked in {text}");
        }
        assert!(text.contains("***"));
    }
}

/// The examples in docs/config.md must stay valid.
#[test]
fn docs_examples_parse() {
    let doc_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/config.md");
    let doc = std::fs::read_to_string(doc_path).unwrap();
    let block = |lang: &str, after: &str| -> String {
        let start = doc.find(after).unwrap();
        let open = format!("```{lang}\n");
        let body = start + doc[start..].find(&open).unwrap() + open.len();
        let end = body + doc[body..].find("```").unwrap();
        doc[body..end].to_string()
    };
    let docs_env = |name: &str| match name {
        "SR_PASSWORD" => Some("pw".to_string()),
        _ => None,
    };
    let c = parse_ini_with_env(&block("ini", "## 1."), Path::new("a.conf"), &docs_env).unwrap();
    assert_eq!(c.rules.len(), 2);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let c = parse_ini_with_env(
        &format!(
            "{}{}[db]\ntype=mysql\nhost=h\nport=1\n[other]\nbe_num=1\nuse_decimal_v3=1\n",
            block("ini", "### `%(name)s`"),
            "database = d\ntable = t\n"
        ),
        Path::new("b.conf"),
        &docs_env,
    )
    .unwrap();
    assert_eq!(
        c.rules[0].sink_option("jdbc-url"),
        Some("jdbc:mysql://192.168.1.1:9030")
    );
    let c = parse_ini_with_env(
        &format!(
            "[db]\ntype=mysql\nhost=h\nport=1\n[other]\nbe_num=1\nuse_decimal_v3=1\n{}",
            block("ini", "## 7.")
        ),
        Path::new("c.conf"),
        &docs_env,
    )
    .unwrap();
    assert_eq!(c.rules.len(), 2);
    assert_eq!(c.rules[0].sink_option("password"), Some("pw"));
    let c = parse_toml_with_env(&block("toml", "## 9."), Path::new("d.toml"), &docs_env).unwrap();
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let names: Vec<&str> = c.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["1", "orders"]);
    assert_eq!(
        c.rules[1].sink_option("load-url"),
        Some("192.168.1.1:8030;192.168.1.2:8030")
    );
    assert_eq!(c.rules[0].table, r"^course_\d+$");
    assert_eq!(c.rules[0].cdc_option("server-id"), Some("5400"));
}
