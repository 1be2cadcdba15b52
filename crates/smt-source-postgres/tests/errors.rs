//! Connection failures: each gives an error kind a user can act on, and no password in any
//! message. Refused, timeout, TLS and the fake-server password case need no real server; the
//! others use the live one (see `common`).

#![allow(clippy::unwrap_used)]

#[macro_use]
mod common;

use std::time::{Duration, Instant};

use common::*;
use smt_catalog::{ErrorKind, Registry, Secret, SourceCatalog, SourceConfig, SourceKind};
use smt_source_postgres::{PostgresSource, PostgresSourceFactory};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const PASSWORD: &str = "Sup3r-s3cret-pw";

fn cfg(host: &str, port: u16, user: &str) -> SourceConfig {
    let mut c = SourceConfig::new(SourceKind::Pgsql, host);
    c.port = port;
    c.user = user.into();
    c.password = Secret::new(PASSWORD);
    c.connect_timeout = Duration::from_secs(10);
    c
}

async fn open_err(c: SourceConfig) -> smt_catalog::Error {
    match PostgresSource::connect(c).await {
        Ok(_) => panic!("connect should fail"),
        Err(e) => {
            let shown = format!("{e} {e:?}");
            assert!(!shown.contains(PASSWORD), "password leaked: {shown}");
            e
        }
    }
}

#[tokio::test]
async fn refused() {
    let e = open_err(cfg("127.0.0.1", 1, "postgres")).await;
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
    assert!(e.to_string().contains("refused"), "{e}");
    assert!(e.to_string().contains("127.0.0.1:1"), "{e}");
}

#[tokio::test]
async fn unknown_host() {
    let e = open_err(cfg("no-such-host.invalid", 5432, "postgres")).await;
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
    assert!(e.to_string().contains("no-such-host.invalid"), "{e}");
}

#[tokio::test]
async fn silent_server_times_out_on_our_clock() {
    // Accepts TCP (the kernel does) but never answers the protocol.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut c = cfg("127.0.0.1", port, "postgres");
    c.connect_timeout = Duration::from_millis(400);
    let t0 = Instant::now();
    let e = open_err(c).await;
    assert!(t0.elapsed() < Duration::from_secs(5), "{:?}", t0.elapsed());
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
    assert!(e.to_string().contains("no answer within 0.4 s"), "{e}");
    drop(listener);
}

#[tokio::test]
async fn bad_sslmode_is_a_config_error() {
    let mut c = cfg("127.0.0.1", 1, "postgres");
    c.options.insert("sslmode".into(), "sometimes".into());
    let e = open_err(c).await;
    assert_eq!(e.kind(), ErrorKind::Config, "{e}");
    assert!(e.to_string().contains("verify-full"), "{e}");
}

/// Speak just enough of the protocol to ask for a cleartext password and reject it the way
/// PostgreSQL does (SQLSTATE 28P01). Returns the password the client sent.
async fn reject_password(mut sock: TcpStream) -> String {
    let mut len = [0u8; 4];
    loop {
        sock.read_exact(&mut len).await.unwrap();
        let n = usize::try_from(u32::from_be_bytes(len)).unwrap() - 4;
        let mut body = vec![0u8; n];
        sock.read_exact(&mut body).await.unwrap();
        if body.len() == 4 && body[..4] == [0x04, 0xd2, 0x16, 0x2f] {
            sock.write_all(b"N").await.unwrap(); // SSLRequest: no TLS here
            continue;
        }
        break; // StartupMessage
    }
    // AuthenticationCleartextPassword
    sock.write_all(&[b'R', 0, 0, 0, 8, 0, 0, 0, 3])
        .await
        .unwrap();
    let mut tag = [0u8; 1];
    sock.read_exact(&mut tag).await.unwrap();
    assert_eq!(tag[0], b'p');
    sock.read_exact(&mut len).await.unwrap();
    let n = usize::try_from(u32::from_be_bytes(len)).unwrap() - 4;
    let mut pw = vec![0u8; n];
    sock.read_exact(&mut pw).await.unwrap();
    let sent = String::from_utf8_lossy(&pw[..n - 1]).to_string();
    let mut fields = Vec::new();
    for (code, value) in [
        (b'S', "FATAL"),
        (b'V', "FATAL"),
        (b'C', "28P01"),
        (b'M', "password authentication failed for user \"reader\""),
    ] {
        fields.push(code);
        fields.extend_from_slice(value.as_bytes());
        fields.push(0);
    }
    fields.push(0);
    let mut msg = vec![b'E'];
    msg.extend_from_slice(&u32::try_from(fields.len() + 4).unwrap().to_be_bytes());
    msg.extend_from_slice(&fields);
    sock.write_all(&msg).await.unwrap();
    sock.flush().await.unwrap();
    sent
}

#[tokio::test]
async fn bad_password_is_auth_without_the_password() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        let (sock, _) = listener.accept().await.unwrap();
        reject_password(sock).await
    });
    let e = open_err(cfg("127.0.0.1", port, "reader")).await;
    assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
    assert!(
        e.to_string().contains("password authentication failed"),
        "{e}"
    );
    assert!(e.to_string().contains("[db] password"), "{e}");
    assert_eq!(
        server.await.unwrap(),
        PASSWORD,
        "the client did send the password"
    );
}

#[tokio::test]
async fn tls_modes() {
    live!();
    let s = server();
    let mut a = admin("postgres").await;
    let ssl: String = sqlx::query_scalar("SHOW ssl")
        .fetch_one(&mut a)
        .await
        .unwrap();
    let mut c = config();
    c.options.insert("sslmode".into(), "disable".into());
    PostgresSource::connect(c.clone())
        .await
        .expect("sslmode=disable");
    c.options.insert("sslmode".into(), "require".into());
    let required = PostgresSource::connect(c.clone()).await;
    c.options.insert("sslmode".into(), "verify-full".into());
    let verified = PostgresSource::connect(c.clone()).await;
    if ssl == "on" {
        // Debian's cluster has TLS with a self-signed (snakeoil) certificate: encryption works,
        // verification against the system roots does not.
        required.expect("sslmode=require on a TLS server");
        let e = verified.expect_err("self-signed certificate is not trusted");
        assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
        assert!(e.to_string().contains("TLS"), "{e}");
    } else {
        let e = required.expect_err("sslmode=require on a server without TLS");
        assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
        assert!(verified.is_err());
    }
    eprintln!("server {}:{} ssl={ssl}", s.host, s.port);
}

#[tokio::test]
async fn unknown_role_is_auth() {
    live!();
    let s = server();
    let e = open_err(cfg(&s.host, s.port, "smt_t_no_such_role")).await;
    assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
    assert!(e.to_string().contains("smt_t_no_such_role"), "{e}");
}

/// A role with a password, connected to with a wrong one. Under `trust` (the test server's
/// pg_hba for 127.0.0.1) the server accepts any password, so this asserts Auth only when the
/// server really checks passwords; the fake server above covers the mapping either way.
#[tokio::test]
async fn wrong_password_on_the_real_server() {
    live!();
    let s = server();
    let mut a = admin("postgres").await;
    exec(
        &mut a,
        "DROP ROLE IF EXISTS smt_t_pw_role; CREATE ROLE smt_t_pw_role LOGIN PASSWORD 'right-one';",
    )
    .await;
    let result = PostgresSource::connect(cfg(&s.host, s.port, "smt_t_pw_role")).await;
    let method: Option<String> = sqlx::query_scalar(
        "SELECT auth_method FROM pg_hba_file_rules \
         WHERE type = 'host' AND '127.0.0.1' LIKE split_part(address, '/', 1) || '%' LIMIT 1",
    )
    .fetch_optional(&mut a)
    .await
    .ok()
    .flatten();
    match result {
        Ok(_) => assert_eq!(
            method.as_deref(),
            Some("trust"),
            "a wrong password was accepted by a server that does not trust 127.0.0.1"
        ),
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
            assert!(!e.to_string().contains(PASSWORD));
        }
    }
    exec(&mut a, "DROP ROLE IF EXISTS smt_t_pw_role").await;
}

/// A user without CONNECT on a database: opening it directly, and selecting it by a rule.
#[tokio::test]
async fn missing_connect_privilege_is_permission() {
    live!();
    let db = "smt_t_perm";
    fresh_db(db, "CREATE TABLE t (id integer);").await;
    let s = server();
    let mut a = admin("postgres").await;
    exec(
        &mut a,
        &format!(
            "DROP ROLE IF EXISTS smt_t_noconn; CREATE ROLE smt_t_noconn LOGIN; \
             REVOKE CONNECT ON DATABASE {db} FROM PUBLIC;"
        ),
    )
    .await;
    // Opening the database itself.
    let mut c = cfg(&s.host, s.port, "smt_t_noconn");
    c.options.insert("maintenance_db".into(), db.into());
    let e = open_err(c).await;
    assert_eq!(e.kind(), ErrorKind::Permission, "{e}");
    assert!(e.to_string().contains(db), "{e}");
    // Selecting it by a rule: the maintenance database is fine, the selected one is not.
    let src = PostgresSource::connect(cfg(&s.host, s.port, "smt_t_noconn"))
        .await
        .expect("postgres database is open to PUBLIC");
    let e = src
        .list_tables(&filter(&[(&format!("^{db}$"), None, ".*")]))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Permission, "{e}");
    assert!(e.to_string().contains(db), "{e}");
    // Selected by a regex: skipped when another selected database can be read...
    fresh_db("smt_t_perm_ok", "CREATE TABLE ok (id integer);").await;
    let names = src
        .list_tables(&filter(&[("^smt_t_perm", None, ".*")]))
        .await
        .unwrap();
    assert_eq!(
        names,
        vec![smt_catalog::TableName::with_schema(
            "smt_t_perm_ok",
            "public",
            "ok"
        )]
    );
    // ... and an error when none can.
    let e = src
        .list_tables(&filter(&[("^smt_t_per[m]$", None, ".*")]))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Permission, "{e}");
    src.close().await;
    drop_db(db).await;
    drop_db("smt_t_perm_ok").await;
    exec(&mut a, "DROP ROLE IF EXISTS smt_t_noconn").await;
}

/// The factory is what the registry uses.
#[tokio::test]
async fn opens_through_the_registry() {
    live!();
    let mut reg = Registry::new();
    reg.register(
        SourceKind::Pgsql,
        std::sync::Arc::new(PostgresSourceFactory),
    );
    let src = reg.open(&config()).await.expect("open");
    assert_eq!(src.kind(), SourceKind::Pgsql);
    assert!(!src.server_version().await.unwrap().is_empty());
    assert_eq!(src.query_count(), 1, "one session setup query");
    let e = match reg.open(&cfg("127.0.0.1", 1, "postgres")).await {
        Err(e) => e,
        Ok(_) => panic!("port 1"),
    };
    assert_eq!(e.kind(), ErrorKind::Connect);
}
