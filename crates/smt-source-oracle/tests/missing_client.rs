//! Opening the source on a machine without Oracle Instant Client (this one) must fail with
//! `Unsupported`, say exactly what to install and how, never panic and never show the password.
//! When the library is present (`libclntsh.so` loadable), the test only checks that nothing
//! listens on 127.0.0.1:1.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use smt_catalog::{ErrorKind, Secret, SourceConfig, SourceFactory, SourceKind};
use smt_source_oracle::OracleSourceFactory;

fn config() -> SourceConfig {
    let mut c = SourceConfig::new(SourceKind::Oracle, "127.0.0.1");
    c.port = 1;
    c.user = "c##reader".into();
    c.password = Secret::new("Ora-s3cret!");
    c.connect_timeout = Duration::from_secs(5);
    c.options.insert("service_name".into(), "ORCLPDB1".into());
    c
}

#[tokio::test]
async fn missing_client_library_is_unsupported_with_instructions() {
    let err = match OracleSourceFactory.open(&config()).await {
        Err(e) => e,
        Ok(_) => panic!("nothing listens on 127.0.0.1:1"),
    };
    let text = err.to_string();
    eprintln!("{text}");
    assert!(!text.contains("Ora-s3cret!"), "{text}");
    if !smt_source_oracle::CLIENT_BUILT_IN {
        assert_eq!(err.kind(), ErrorKind::Unsupported, "{text}");
        assert!(text.contains("oracle-client"), "{text}");
        return;
    }
    if text.contains("DPI-1047") || text.contains("libclntsh") {
        assert_eq!(err.kind(), ErrorKind::Unsupported, "{text}");
        for needle in [
            "Instant Client 19",
            "Basic Light",
            "LD_LIBRARY_PATH",
            "ldconfig",
            "libclntsh.so",
            "DPI-1047",
        ] {
            assert!(text.contains(needle), "missing `{needle}` in: {text}");
        }
    } else {
        // A client library is installed: the listener is missing instead.
        assert_eq!(err.kind(), ErrorKind::Connect, "{text}");
    }
}

#[tokio::test]
async fn missing_client_also_without_a_service() {
    let mut c = config();
    c.options.clear();
    match OracleSourceFactory.open(&c).await {
        Err(e) => assert_eq!(e.kind(), ErrorKind::Unsupported, "{e}"),
        // With a client installed and no service, opening defers the connect.
        Ok(src) => assert_eq!(src.kind(), SourceKind::Oracle),
    }
}
