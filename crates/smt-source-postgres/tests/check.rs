//! Live `smt check` tests: the PostgreSQL on 127.0.0.1:5432 as it is (the wal_level item must
//! agree with the server), the second cluster on 127.0.0.1:5433 started by
//! `scripts/services/postgres-replica.sh` (wal_level = replica), tables with DEFAULT and FULL
//! replica identity, and a role without REPLICATION. Unreachable servers fail the tests unless
//! SMT_SKIP_LIVE=1.

mod common;

use std::time::Duration;

use smt_catalog::{
    CheckItem, CheckStatus, Filter, PreflightContext, RuleFilter, Secret, SourceCatalog,
    SourceConfig, SourceKind,
};
use smt_ir::SourceJob;
use smt_source_postgres::PostgresSource;
use sqlx::{AssertSqlSafe, Connection, PgConnection};

fn items_of<'a>(items: &'a [CheckItem], id: &str) -> Vec<&'a CheckItem> {
    items.iter().filter(|i| i.id == id).collect()
}

fn config(port: u16, user: &str, password: &str) -> SourceConfig {
    let mut c = SourceConfig::new(SourceKind::Pgsql, "127.0.0.1");
    c.port = port;
    c.user = user.into();
    c.password = Secret::new(password);
    c.connect_timeout = Duration::from_secs(10);
    c
}

async fn admin(port: u16) -> PgConnection {
    let url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
    match tokio::time::timeout(Duration::from_secs(10), PgConnection::connect(&url)).await {
        Ok(Ok(c)) => c,
        other => panic!(
            "PostgreSQL on 127.0.0.1:{port} is not reachable ({:?}); start it with \
             scripts/services/postgres{}.sh or set SMT_SKIP_LIVE=1",
            other.err().map(|_| "timeout"),
            if port == 5433 { "-replica" } else { "" }
        ),
    }
}

async fn exec(c: &mut PgConnection, sql: &str) {
    sqlx::raw_sql(AssertSqlSafe(sql.to_string()))
        .execute(c)
        .await
        .unwrap_or_else(|e| panic!("{e}\n{sql}"));
}

/// Fixture schema `schema` with a DEFAULT-identity table without key, a FULL one and one with a
/// primary key; preflight as `user`.
async fn run(port: u16, schema: &str, user: &str, password: &str) -> Vec<CheckItem> {
    run_jobs(port, schema, user, password, &[], "").await
}

/// [`run`] with the given CDC jobs, and `setup` run after the fixture tables exist.
async fn run_jobs(
    port: u16,
    schema: &str,
    user: &str,
    password: &str,
    jobs: &[SourceJob],
    setup: &str,
) -> Vec<CheckItem> {
    let mut a = admin(port).await;
    exec(
        &mut a,
        &format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}; \
             CREATE TABLE {schema}.nokey (a int); \
             CREATE TABLE {schema}.full_ri (a int); ALTER TABLE {schema}.full_ri REPLICA IDENTITY FULL; \
             CREATE TABLE {schema}.withpk (id int PRIMARY KEY)"
        ),
    )
    .await;
    if !setup.is_empty() {
        exec(&mut a, setup).await;
    }
    if user != "postgres" {
        exec(&mut a, &format!("GRANT USAGE ON SCHEMA {schema} TO {user}; GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {user}")).await;
    }
    let src = PostgresSource::connect(config(port, user, password))
        .await
        .expect("connect");
    let filter = Filter::new(vec![
        RuleFilter::new("^postgres$", Some(&format!("^{schema}$")), ".*").expect("rule"),
    ]);
    let names = src.list_tables(&filter).await.expect("list");
    let tables = src.describe_tables(&names).await.expect("describe");
    assert_eq!(tables.len(), 3);
    let items = src
        .preflight(&PreflightContext::new(&tables, jobs, user))
        .await
        .expect("preflight");
    src.close().await;
    exec(&mut a, &format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).await;
    items
}

fn assert_identity(items: &[CheckItem], schema: &str) {
    let ri = items_of(items, "pgsql.replica_identity");
    let fail = ri
        .iter()
        .find(|i| i.status == CheckStatus::Fail)
        .unwrap_or_else(|| panic!("{ri:#?}"));
    assert_eq!(
        fail.subject.as_deref(),
        Some(format!("postgres.{schema}.nokey").as_str())
    );
    assert_eq!(
        fail.fix.as_deref(),
        Some(format!("ALTER TABLE \"{schema}\".\"nokey\" REPLICA IDENTITY FULL;").as_str())
    );
    let pass = ri
        .iter()
        .find(|i| i.status == CheckStatus::Pass)
        .expect("pass item");
    assert!(pass.found.starts_with("2 of 3"), "{pass:?}");
}

#[tokio::test]
async fn server_5432_as_it_is() {
    if common::skip_live() {
        return;
    }
    let schema = format!("smt_chk_a_{}", std::process::id());
    let mut a = admin(5432).await;
    let wal: (String,) = sqlx::query_as("SELECT current_setting('wal_level')")
        .fetch_one(&mut a)
        .await
        .expect("wal_level");
    let items = run(5432, &schema, "postgres", "").await;
    let w = items_of(&items, "pgsql.wal_level")[0];
    assert_eq!(w.found, format!("wal_level = {}", wal.0));
    let expect = if wal.0 == "logical" {
        CheckStatus::Pass
    } else {
        CheckStatus::Fail
    };
    assert_eq!(w.status, expect);
    assert_eq!(
        items_of(&items, "pgsql.replication_privilege")[0].status,
        CheckStatus::Pass
    );
    assert_identity(&items, &schema);
}

#[tokio::test]
async fn server_5433_wal_level_replica() {
    if common::skip_live() {
        return;
    }
    let schema = format!("smt_chk_b_{}", std::process::id());
    let items = run(5433, &schema, "postgres", "").await;
    let w = items_of(&items, "pgsql.wal_level")[0];
    assert_eq!(w.status, CheckStatus::Fail);
    assert_eq!(w.found, "wal_level = replica");
    assert_eq!(
        w.fix.as_deref(),
        Some("ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL")
    );
    assert_identity(&items, &schema);
}

#[tokio::test]
async fn role_without_replication() {
    if common::skip_live() {
        return;
    }
    let role = format!("smt_chk_norepl_{}", std::process::id());
    let schema = format!("smt_chk_c_{}", std::process::id());
    let mut a = admin(5432).await;
    exec(
        &mut a,
        &format!(
            "DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN PASSWORD 'chk-Secret-2' NOREPLICATION"
        ),
    )
    .await;
    let items = run(5432, &schema, &role, "chk-Secret-2").await;
    exec(&mut a, &format!("DROP ROLE IF EXISTS {role}")).await;
    let p = items_of(&items, "pgsql.replication_privilege")[0];
    assert_eq!(p.status, CheckStatus::Fail, "{p:?}");
    assert!(
        p.fix
            .as_deref()
            .unwrap_or("")
            .starts_with(&format!("ALTER ROLE \"{role}\" WITH REPLICATION;")),
        "{p:?}"
    );
    assert!(!format!("{items:?}").contains("chk-Secret-2"));
}

/// One postgres-cdc reader of `schema` using the publication `publication`.
fn pgoutput_job(schema: &str, publication: &str) -> SourceJob {
    SourceJob {
        target: format!("postgres.{schema}"),
        connector: "postgres-cdc".into(),
        database: "postgres".into(),
        slot_name: Some(format!("{schema}_slot")),
        options: vec![(
            "debezium.publication.name".to_string(),
            publication.to_string(),
        )],
        ..Default::default()
    }
}

#[tokio::test]
async fn publication_missing_tables_and_rights() {
    if common::skip_live() {
        return;
    }
    let pid = std::process::id();
    let schema = format!("smt_chk_pub_{pid}");
    let publication = format!("smt_chk_pub_{pid}");
    let job = [pgoutput_job(&schema, &publication)];

    // An existing publication with one of the three tables: the other two are named.
    let items = run_jobs(
        5432,
        &schema,
        "postgres",
        "",
        &job,
        &format!("DROP PUBLICATION IF EXISTS {publication}; CREATE PUBLICATION {publication} FOR TABLE {schema}.withpk"),
    )
    .await;
    let mut a = admin(5432).await;
    exec(&mut a, &format!("DROP PUBLICATION IF EXISTS {publication}")).await;
    let p = items_of(&items, "pgsql.publication");
    assert_eq!(p.len(), 1, "{items:#?}");
    assert_eq!(p[0].status, CheckStatus::Fail, "{:?}", p[0]);
    assert!(
        p[0].found.contains(&format!("{schema}.nokey")),
        "{:?}",
        p[0]
    );
    assert!(
        !p[0].found.contains(&format!("{schema}.withpk")),
        "{:?}",
        p[0]
    );
    assert_eq!(
        p[0].fix.as_deref(),
        Some(
            format!(
                "ALTER PUBLICATION \"{publication}\" ADD TABLE \"{schema}\".\"full_ri\", \"{schema}\".\"nokey\";"
            )
            .as_str()
        )
    );

    // No publication yet: a superuser's job creates it.
    let items = run_jobs(5432, &schema, "postgres", "", &job, "").await;
    assert_eq!(
        items_of(&items, "pgsql.publication")[0].status,
        CheckStatus::Pass
    );

    // No publication and not a superuser: the job's CREATE PUBLICATION fails.
    let role = format!("smt_chk_pubrole_{pid}");
    exec(
        &mut a,
        &format!(
            "DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN PASSWORD 'chk-Pub-3' REPLICATION"
        ),
    )
    .await;
    let items = run_jobs(5432, &schema, &role, "chk-Pub-3", &job, "").await;
    exec(&mut a, &format!("DROP ROLE IF EXISTS {role}")).await;
    let p = items_of(&items, "pgsql.publication")[0];
    assert_eq!(p.status, CheckStatus::Fail, "{p:?}");
    assert!(
        p.fix
            .as_deref()
            .unwrap_or("")
            .contains(&format!("CREATE PUBLICATION \"{publication}\" FOR TABLE")),
        "{p:?}"
    );
}
