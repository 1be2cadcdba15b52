//! Connecting: options from the `[db]` section, our own timeout, and driver errors turned into
//! [`smt_catalog::Error`]s with a kind a user can act on.

use std::io;

use smt_catalog::{Error, ErrorKind, Result, SourceConfig, redact};
use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgSslMode};

/// The `sslmode` values accepted in `[db] sslmode`, as libpq spells them.
pub const SSL_MODES: [&str; 6] = [
    "disable",
    "allow",
    "prefer",
    "require",
    "verify-ca",
    "verify-full",
];

/// Parse an `sslmode` value (libpq spelling, case-insensitive).
pub fn parse_ssl_mode(value: &str) -> Result<PgSslMode> {
    match value.trim().to_ascii_lowercase().as_str() {
        "disable" => Ok(PgSslMode::Disable),
        "allow" => Ok(PgSslMode::Allow),
        "prefer" => Ok(PgSslMode::Prefer),
        "require" => Ok(PgSslMode::Require),
        "verify-ca" | "verify_ca" => Ok(PgSslMode::VerifyCa),
        "verify-full" | "verify_full" => Ok(PgSslMode::VerifyFull),
        other => Err(Error::new(
            ErrorKind::Config,
            format!(
                "invalid `sslmode` `{other}` (expected one of: {})",
                SSL_MODES.join(", ")
            ),
        )),
    }
}

/// The driver options for one database of the configured server.
pub(crate) fn connect_options(config: &SourceConfig, database: &str) -> Result<PgConnectOptions> {
    let ssl_mode = match config.option("sslmode") {
        Some(v) => parse_ssl_mode(v)?,
        None => PgSslMode::Prefer,
    };
    // `new_without_pgpass` reads the libpq PG* environment like psql does; everything the
    // `[db]` section says is set explicitly below and wins.
    let mut opts = PgConnectOptions::new_without_pgpass()
        .host(&config.host)
        .port(config.port)
        .database(database)
        .ssl_mode(ssl_mode)
        .application_name("smt");
    if !config.user.is_empty() {
        opts = opts.username(&config.user);
    }
    if !config.password.is_empty() {
        opts = opts.password(config.password.expose());
    }
    if let Some(root) = config.option("sslrootcert") {
        opts = opts.ssl_root_cert(root);
    }
    Ok(opts)
}

/// Open one connection to `database`, failing after the configured connect timeout.
pub(crate) async fn connect(config: &SourceConfig, database: &str) -> Result<PgConnection> {
    let opts = connect_options(config, database)?;
    let what = format!(
        "connecting to PostgreSQL at {} (database `{database}`, user `{}`)",
        config.address(),
        config.user
    );
    match tokio::time::timeout(config.connect_timeout, PgConnection::connect_with(&opts)).await {
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(e)) => Err(map_error(e, config, Some(database)).context(what)),
        Err(_) => Err(Error::new(
            ErrorKind::Connect,
            format!(
                "no answer within {:.1} s (check host, port and firewall; raise the connect timeout \
                 for a slow network)",
                config.connect_timeout.as_secs_f64()
            ),
        )
        .context(what)),
    }
}

/// Turn a driver error into an [`Error`]: SQLSTATE classes and I/O kinds decide the kind; every
/// message goes through [`redact`] so that the password never shows.
pub(crate) fn map_error(err: sqlx::Error, config: &SourceConfig, database: Option<&str>) -> Error {
    let secret = config.password.expose();
    let clean = |s: &str| redact(s, secret);
    match &err {
        sqlx::Error::Database(db) => {
            let code = db.code().map(|c| c.to_string()).unwrap_or_default();
            let msg = clean(db.message());
            let (kind, text) = match code.as_str() {
                // invalid_password
                "28P01" => (
                    ErrorKind::Auth,
                    format!("{msg} (check `[db] user` and `[db] password`)"),
                ),
                // invalid_authorization_specification: unknown role, no pg_hba.conf entry
                "28000" => (ErrorKind::Auth, msg),
                // invalid_catalog_name
                "3D000" => (
                    ErrorKind::NotFound,
                    match database {
                        Some(d) => format!("database `{d}` does not exist ({msg})"),
                        None => msg,
                    },
                ),
                // insufficient_privilege
                "42501" => (
                    ErrorKind::Permission,
                    match database {
                        Some(d) => format!(
                            "{msg} (the user needs CONNECT on database `{d}` and read access to \
                             pg_catalog)"
                        ),
                        None => msg,
                    },
                ),
                // too_many_connections, cannot_connect_now, admin_shutdown
                "53300" | "57P03" | "57P01" => (ErrorKind::Connect, msg),
                _ => (
                    ErrorKind::Query,
                    if code.is_empty() {
                        msg
                    } else {
                        format!("{msg} (SQLSTATE {code})")
                    },
                ),
            };
            Error::new(kind, text)
        }
        sqlx::Error::Io(io) => {
            let text = clean(&io.to_string());
            let msg = match io.kind() {
                io::ErrorKind::ConnectionRefused => format!(
                    "connection refused by {} (is PostgreSQL running and listening there?)",
                    config.address()
                ),
                io::ErrorKind::TimedOut => format!("timed out talking to {}", config.address()),
                _ if text.contains("lookup address") || text.contains("Name or service") => {
                    format!("unknown host `{}` ({text})", config.host)
                }
                // rustls reports handshake failures (untrusted certificate, bad name) as I/O.
                io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput
                    if text.contains("certificate") || text.contains("TLS") =>
                {
                    tls_message(&text, config)
                }
                _ => text,
            };
            Error::new(ErrorKind::Connect, msg)
        }
        sqlx::Error::Tls(e) => Error::new(
            ErrorKind::Connect,
            tls_message(&clean(&e.to_string()), config),
        ),
        sqlx::Error::Configuration(e) => Error::new(ErrorKind::Config, clean(&e.to_string())),
        sqlx::Error::Protocol(p) => Error::new(ErrorKind::Connect, clean(p)),
        other => Error::new(ErrorKind::Query, clean(&other.to_string())),
    }
}

fn tls_message(text: &str, config: &SourceConfig) -> String {
    let mode = config.option("sslmode").unwrap_or("prefer");
    let hint = if mode.starts_with("verify") {
        "; set `[db] sslrootcert` to the CA certificate file that signed the server's certificate"
    } else {
        ""
    };
    format!("TLS failed: {text} (`[db] sslmode` is `{mode}`{hint})")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use smt_catalog::{Secret, SourceKind};

    #[test]
    fn ssl_modes() {
        for m in SSL_MODES {
            assert!(parse_ssl_mode(m).is_ok(), "{m}");
        }
        assert!(matches!(
            parse_ssl_mode("VERIFY-FULL"),
            Ok(PgSslMode::VerifyFull)
        ));
        let e = parse_ssl_mode("on").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
        assert!(e.to_string().contains("verify-full"));
    }

    #[test]
    fn options_from_config() {
        let mut c = SourceConfig::new(SourceKind::Pgsql, "db.example");
        c.port = 6543;
        c.user = "reader".into();
        c.password = Secret::new("pw");
        c.options.insert("sslmode".into(), "require".into());
        let o = connect_options(&c, "shop").unwrap();
        assert_eq!(o.get_host(), "db.example");
        assert_eq!(o.get_port(), 6543);
        assert_eq!(o.get_username(), "reader");
        assert_eq!(o.get_database(), Some("shop"));
        assert!(matches!(o.get_ssl_mode(), PgSslMode::Require));
        c.options.insert("sslmode".into(), "bogus".into());
        assert!(connect_options(&c, "shop").is_err());
        c.options.clear();
        assert!(matches!(
            connect_options(&c, "shop").unwrap().get_ssl_mode(),
            PgSslMode::Prefer
        ));
    }

    #[test]
    fn io_errors_are_connect_errors_without_password() {
        let mut c = SourceConfig::new(SourceKind::Pgsql, "127.0.0.1");
        c.password = Secret::new("s3cret");
        let e = map_error(
            sqlx::Error::Io(io::Error::new(io::ErrorKind::ConnectionRefused, "refused")),
            &c,
            None,
        );
        assert_eq!(e.kind(), ErrorKind::Connect);
        assert!(e.to_string().contains("127.0.0.1:5432"));
        let e = map_error(sqlx::Error::Protocol("oops s3cret".into()), &c, Some("db"));
        assert!(!e.to_string().contains("s3cret"));
    }
}
