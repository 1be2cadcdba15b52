//! Connection failures that can be produced without a SQL Server: nothing listens on
//! 127.0.0.1:1, so the connect must fail fast with a Connect error that names the address and
//! never shows the password.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use smt_catalog::{ErrorKind, Secret, SourceConfig, SourceFactory, SourceKind};
use smt_source_sqlserver::SqlServerSourceFactory;

fn config(port: u16) -> SourceConfig {
    let mut c = SourceConfig::new(SourceKind::Sqlserver, "127.0.0.1");
    c.port = port;
    c.user = "sa".into();
    c.password = Secret::new("Sup3r-s3cret!");
    c.connect_timeout = Duration::from_secs(5);
    c
}

#[tokio::test]
async fn refused_is_a_connect_error_without_password() {
    let err = match SqlServerSourceFactory.open(&config(1)).await {
        Err(e) => e,
        Ok(_) => panic!("nothing listens on port 1"),
    };
    assert_eq!(err.kind(), ErrorKind::Connect, "{err}");
    let text = err.to_string();
    assert!(text.contains("127.0.0.1:1"), "{text}");
    assert!(text.contains("refused"), "{text}");
    assert!(!text.contains("Sup3r-s3cret!"), "{text}");
    assert!(!format!("{err:?}").contains("Sup3r-s3cret!"));
}

#[tokio::test]
async fn bad_options_are_config_errors() {
    let mut c = config(1);
    c.options.insert("encrypt".into(), "sometimes".into());
    let err = match SqlServerSourceFactory.open(&c).await {
        Err(e) => e,
        Ok(_) => panic!("bad option"),
    };
    assert_eq!(err.kind(), ErrorKind::Config, "{err}");
}

#[tokio::test]
async fn silent_server_times_out() {
    // A listener that accepts and never answers: the prelogin waits, our timeout ends it.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let keep = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((s, _)) = listener.accept().await {
            held.push(s);
        }
    });
    let mut c = config(port);
    c.connect_timeout = Duration::from_millis(300);
    let err = match SqlServerSourceFactory.open(&c).await {
        Err(e) => e,
        Ok(_) => panic!("the listener never answers"),
    };
    keep.abort();
    assert_eq!(err.kind(), ErrorKind::Connect, "{err}");
    assert!(err.to_string().contains("no answer within"), "{err}");
}
