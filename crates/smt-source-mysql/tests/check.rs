//! Live `smt check` tests: the MariaDB on 127.0.0.1:3306 as it is (whatever its binlog settings,
//! the items must agree with the server's own variables), the second MariaDB on 127.0.0.1:3307
//! started by `scripts/services/mariadb-nobinlog.sh` (log_bin on, binlog_format = STATEMENT,
//! binlog_row_image = MINIMAL), and a user without REPLICATION privileges. Unreachable servers
//! fail the tests unless SMT_SKIP_LIVE=1.

mod common;

use smt_catalog::{CheckItem, CheckStatus, Filter, PreflightContext, RuleFilter, SourceCatalog};
use smt_source_mysql::MySqlCatalog;
use sqlx::{AssertSqlSafe, Row};

fn item<'a>(items: &'a [CheckItem], id: &str) -> &'a CheckItem {
    items
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item {id} in {items:#?}"))
}

async fn run(server: &common::Server, db: &str) -> Vec<CheckItem> {
    server
        .exec(&format!(
            "DROP DATABASE IF EXISTS `{db}`; CREATE DATABASE `{db}`; \
             CREATE TABLE `{db}`.orders (id INT PRIMARY KEY, v INT); \
             CREATE TABLE `{db}`.nopk (a INT, b INT)"
        ))
        .await;
    let cat = MySqlCatalog::open(&server.config()).await.expect("open");
    let filter = Filter::new(vec![
        RuleFilter::new(&format!("^{db}$"), None, ".*").expect("rule"),
    ]);
    let names = cat.list_tables(&filter).await.expect("list");
    let tables = cat.describe_tables(&names).await.expect("describe");
    assert_eq!(tables.len(), 2);
    let items = cat
        .preflight(&PreflightContext::new(&tables, &[], &server.user))
        .await
        .expect("preflight");
    server
        .exec(&format!("DROP DATABASE IF EXISTS `{db}`"))
        .await;
    items
}

async fn variable(server: &common::Server, name: &str) -> String {
    let mut c = server.admin().await;
    let row = sqlx::query(AssertSqlSafe(format!("SELECT @@GLOBAL.{name}")))
        .fetch_one(&mut c)
        .await
        .expect("variable");
    row.try_get::<String, _>(0)
        .or_else(|_| row.try_get::<i64, _>(0).map(|n| n.to_string()))
        .unwrap_or_default()
}

#[tokio::test]
async fn server_3306_as_it_is() {
    let Some(server) = common::server() else {
        return;
    };
    let items = run(&server, "smt_t_check_asis").await;
    let log_bin = variable(&server, "log_bin").await;
    let expect = if log_bin == "1" || log_bin.eq_ignore_ascii_case("ON") {
        CheckStatus::Pass
    } else {
        CheckStatus::Fail
    };
    assert_eq!(
        item(&items, "mysql.log_bin").status,
        expect,
        "log_bin = {log_bin}"
    );
    let format = variable(&server, "binlog_format").await;
    let f = item(&items, "mysql.binlog_format");
    assert_eq!(f.found, format!("binlog_format = {format}"));
    if format.eq_ignore_ascii_case("ROW") {
        assert_eq!(f.status, CheckStatus::Pass);
    } else {
        assert_eq!(f.status, CheckStatus::Fail);
        assert!(
            f.fix
                .as_deref()
                .unwrap_or("")
                .contains("binlog_format = 'ROW'")
        );
    }
    // root has ALL PRIVILEGES
    assert_eq!(item(&items, "mysql.privileges").status, CheckStatus::Pass);
}

#[tokio::test]
async fn server_3307_statement_format() {
    let Some(mut server) = common::server() else {
        return;
    };
    server.port = std::env::var("SMT_MARIADB_BAD_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3307);
    let items = run(&server, "smt_t_check_stmt").await;
    assert_eq!(item(&items, "mysql.log_bin").status, CheckStatus::Pass);
    let f = item(&items, "mysql.binlog_format");
    assert_eq!(f.status, CheckStatus::Fail);
    assert_eq!(f.found, "binlog_format = STATEMENT");
    assert!(
        f.fix
            .as_deref()
            .unwrap_or("")
            .starts_with("SET GLOBAL binlog_format = 'ROW';"),
        "{f:?}"
    );
    let r = item(&items, "mysql.binlog_row_image");
    assert_eq!(r.status, CheckStatus::Fail);
    assert!(
        r.fix
            .as_deref()
            .unwrap_or("")
            .contains("binlog_row_image = 'FULL'")
    );
    assert_eq!(item(&items, "mysql.server_id").status, CheckStatus::Pass);
}

#[tokio::test]
async fn user_without_replication_privileges() {
    let Some(server) = common::server() else {
        return;
    };
    let user = format!("smt_chk_{}", std::process::id());
    let db = format!("smt_t_check_priv_{}", std::process::id());
    server
        .exec(&format!(
            "DROP USER IF EXISTS '{user}'@'127.0.0.1'; DROP USER IF EXISTS '{user}'@'localhost'; \
             DROP DATABASE IF EXISTS `{db}`; CREATE DATABASE `{db}`; \
             CREATE TABLE `{db}`.t (id INT PRIMARY KEY); \
             CREATE USER '{user}'@'127.0.0.1' IDENTIFIED BY 'chk-Secret-1'; \
             GRANT SELECT ON `{db}`.* TO '{user}'@'127.0.0.1'"
        ))
        .await;
    let mut limited = server.clone();
    limited.user = user.clone();
    limited.password = "chk-Secret-1".into();
    let cat = MySqlCatalog::open(&limited.config())
        .await
        .expect("open as limited user");
    let filter = Filter::new(vec![
        RuleFilter::new(&format!("^{db}$"), None, ".*").expect("rule"),
    ]);
    let names = cat.list_tables(&filter).await.expect("list");
    let tables = cat.describe_tables(&names).await.expect("describe");
    let items = cat
        .preflight(&PreflightContext::new(&tables, &[], &user))
        .await
        .expect("preflight");
    server
        .exec(&format!(
            "DROP USER IF EXISTS '{user}'@'127.0.0.1'; DROP DATABASE IF EXISTS `{db}`"
        ))
        .await;
    let p = item(&items, "mysql.privileges");
    assert_eq!(p.status, CheckStatus::Fail, "{p:?}");
    assert!(
        p.found.contains("REPLICATION SLAVE") && p.found.contains("RELOAD"),
        "{p:?}"
    );
    assert!(
        !p.found.contains("SELECT,"),
        "SELECT on the database is enough: {p:?}"
    );
    let fix = p.fix.as_deref().unwrap_or("");
    assert!(
        fix.starts_with("GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE"),
        "{fix}"
    );
    assert!(fix.contains(&user), "{fix}");
    assert!(!format!("{items:?}").contains("chk-Secret-1"));
}
