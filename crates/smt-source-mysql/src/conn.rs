//! Connecting: `[db]` settings to sqlx options, our own timeout, and driver errors to
//! [`smt_catalog::Error`] with messages that never contain the password.

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use smt_catalog::{Error, ErrorKind, Result, SourceConfig, redact};
use sqlx::Connection;
use sqlx::mysql::{MySqlConnectOptions, MySqlConnection, MySqlDatabaseError, MySqlSslMode};

/// The `[db]` option keys read for TLS, in priority order (`ssl_mode` wins over `tls`).
pub const TLS_OPTION_KEYS: &[&str] = &["ssl_mode", "ssl-mode", "tls"];

/// The TLS mode asked for by the `[db]` options.
///
/// Values (case-insensitive): `disabled`/`false`/`off`/`no`, `preferred` (the default: encrypt
/// when the server offers TLS, as the `mysql` client does, without verifying the certificate),
/// `required`/`true`/`on`/`yes` (fail without TLS; certificate not verified), `verify_ca`,
/// `verify_identity` (also `verify-ca`, `verify-identity`). A CA file for the verifying modes comes
/// from `ssl_ca` (or `ssl-ca`).
pub fn ssl_mode(config: &SourceConfig) -> Result<MySqlSslMode> {
    let Some((key, value)) = TLS_OPTION_KEYS
        .iter()
        .find_map(|k| config.option(k).map(|v| (*k, v)))
    else {
        return Ok(MySqlSslMode::Preferred);
    };
    let mode = match value.trim().to_ascii_lowercase().replace('-', "_").as_str() {
        "disabled" | "disable" | "false" | "off" | "no" | "0" => MySqlSslMode::Disabled,
        "preferred" | "prefer" => MySqlSslMode::Preferred,
        "required" | "require" | "true" | "on" | "yes" | "1" => MySqlSslMode::Required,
        "verify_ca" => MySqlSslMode::VerifyCa,
        "verify_identity" | "verify_full" => MySqlSslMode::VerifyIdentity,
        other => {
            return Err(Error::new(
                ErrorKind::Config,
                format!(
                    "[db] {key} = `{other}` is not a TLS mode (use disabled, preferred, required, \
                     verify_ca or verify_identity)"
                ),
            ));
        }
    };
    Ok(mode)
}

/// sqlx connect options for a `[db]` section.
pub fn connect_options(config: &SourceConfig) -> Result<MySqlConnectOptions> {
    if config.host.trim().is_empty() {
        return Err(Error::new(ErrorKind::Config, "[db] host is empty"));
    }
    let mut opts = MySqlConnectOptions::new()
        .host(config.host.trim())
        .port(config.port)
        .username(&config.user)
        .ssl_mode(ssl_mode(config)?);
    if !config.password.is_empty() {
        opts = opts.password(config.password.expose());
    }
    if let Some(ca) = config.option("ssl_ca").or_else(|| config.option("ssl-ca")) {
        opts = opts.ssl_ca(PathBuf::from(ca));
    }
    Ok(opts)
}

/// What to call the server in messages before we know its family.
pub fn product(config: &SourceConfig) -> &'static str {
    match config.kind {
        smt_catalog::SourceKind::Tidb => "TiDB",
        _ => "MySQL",
    }
}

/// Open one connection, giving up after `config.connect_timeout` (10 s when zero).
pub async fn connect(config: &SourceConfig) -> Result<MySqlConnection> {
    let opts = connect_options(config)?;
    let limit = if config.connect_timeout.is_zero() {
        Duration::from_secs(10)
    } else {
        config.connect_timeout
    };
    match tokio::time::timeout(limit, MySqlConnection::connect_with(&opts)).await {
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(e)) => Err(connect_error(config, e)),
        Err(_) => Err(Error::new(
            ErrorKind::Connect,
            format!(
                "cannot connect to {} at {}: no answer within {} (check the host, port and \
                 firewall, or raise the connect timeout)",
                product(config),
                config.address(),
                human_duration(limit)
            ),
        )),
    }
}

fn human_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// Turn a connect-time driver error into an [`Error`].
pub fn connect_error(config: &SourceConfig, err: sqlx::Error) -> Error {
    let secret = config.password.expose();
    let at = format!("{} at {}", product(config), config.address());
    match &err {
        sqlx::Error::Io(io) => {
            let why = match io.kind() {
                io::ErrorKind::ConnectionRefused => "connection refused".to_string(),
                io::ErrorKind::TimedOut => "connection timed out".to_string(),
                io::ErrorKind::ConnectionReset | io::ErrorKind::UnexpectedEof => {
                    "the server closed the connection during the handshake".to_string()
                }
                _ if is_name_error(io) => {
                    format!("unknown host `{}`", config.host.trim())
                }
                _ => redact(&io.to_string(), secret),
            };
            Error::new(ErrorKind::Connect, format!("cannot connect to {at}: {why}"))
                .with_source(io::Error::new(io.kind(), redact(&io.to_string(), secret)))
        }
        sqlx::Error::Tls(e) => Error::new(
            ErrorKind::Connect,
            format!(
                "cannot connect to {at}: TLS failed: {} (see [db] ssl_mode / ssl_ca)",
                redact(&e.to_string(), secret)
            ),
        ),
        sqlx::Error::Configuration(e) => {
            let text = redact(&e.to_string(), secret);
            let msg = if text.contains("RSA") {
                format!(
                    "cannot log in to {at} as '{}': the server asks for caching_sha2_password / \
                     sha256_password full authentication, which needs TLS here; enable TLS on the \
                     server or set [db] ssl_mode = required",
                    config.user
                )
            } else {
                format!("cannot connect to {at}: {text}")
            };
            Error::new(ErrorKind::Config, msg)
        }
        sqlx::Error::Database(db) => database_error(
            config,
            db.try_downcast_ref::<MySqlDatabaseError>()
                .map(MySqlDatabaseError::number),
            db.message(),
            &format!("connecting to {at}"),
        ),
        other => Error::new(
            ErrorKind::Connect,
            format!(
                "cannot connect to {at}: {}",
                redact(&other.to_string(), secret)
            ),
        ),
    }
}

fn is_name_error(e: &io::Error) -> bool {
    let s = e.to_string().to_ascii_lowercase();
    s.contains("lookup address")
        || s.contains("name or service not known")
        || s.contains("nodename nor servname")
        || s.contains("no such host")
        || s.contains("name resolution")
        || s.contains("no address associated")
}

/// Turn a server error (MySQL error `number`, driver `message`) into an [`Error`].
pub fn database_error(
    config: &SourceConfig,
    number: Option<u16>,
    message: &str,
    doing: &str,
) -> Error {
    let text = redact(message, config.password.expose());
    let user = &config.user;
    match number {
        // ER_ACCESS_DENIED_ERROR, ER_ACCESS_DENIED_NO_PASSWORD_ERROR
        Some(1045) | Some(1698) => Error::new(
            ErrorKind::Auth,
            format!(
                "access denied for user '{user}' at {} (check [db] user and password): {text}",
                config.address()
            ),
        ),
        // ER_DBACCESS_DENIED_ERROR, ER_TABLEACCESS_DENIED_ERROR, ER_COLUMNACCESS_DENIED_ERROR,
        // ER_SPECIFIC_ACCESS_DENIED_ERROR, ER_PROCACCESS_DENIED_ERROR
        Some(1044) | Some(1142) | Some(1143) | Some(1227) | Some(1370) => Error::new(
            ErrorKind::Permission,
            format!(
                "user '{user}' lacks a privilege while {doing}: {text} (smt needs SELECT on \
                 information_schema and on the migrated databases)"
            ),
        ),
        // ER_BAD_DB_ERROR, ER_NO_SUCH_TABLE, ER_UNKNOWN_TABLE
        Some(1049) | Some(1146) | Some(1109) => {
            Error::new(ErrorKind::NotFound, format!("{doing}: {text}"))
        }
        // host blocked / too many connections / not allowed to connect
        Some(1129) | Some(1040) | Some(1130) | Some(1203) => Error::new(
            ErrorKind::Connect,
            format!(
                "cannot connect to {} at {}: {text}",
                product(config),
                config.address()
            ),
        ),
        _ => Error::new(ErrorKind::Query, format!("{doing}: {text}")),
    }
}

/// Turn a driver error while running a catalog query into an [`Error`].
pub fn query_error(config: &SourceConfig, err: sqlx::Error, doing: &str) -> Error {
    match &err {
        sqlx::Error::Database(db) => database_error(
            config,
            db.try_downcast_ref::<MySqlDatabaseError>()
                .map(MySqlDatabaseError::number),
            db.message(),
            doing,
        ),
        sqlx::Error::Io(_) => Error::new(
            ErrorKind::Connect,
            format!(
                "lost the connection to {} at {} while {doing}: {}",
                product(config),
                config.address(),
                redact(&err.to_string(), config.password.expose())
            ),
        ),
        _ => Error::new(
            ErrorKind::Query,
            format!(
                "{doing}: {}",
                redact(&err.to_string(), config.password.expose())
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use smt_catalog::{Secret, SourceKind};

    use super::*;

    fn config(opts: &[(&str, &str)]) -> SourceConfig {
        let mut c = SourceConfig::new(SourceKind::Mysql, "127.0.0.1");
        c.user = "app".into();
        c.password = Secret::new("pw-s3cr3t");
        for (k, v) in opts {
            c.options.insert(k.to_string(), v.to_string());
        }
        c
    }

    #[test]
    fn tls_modes() {
        assert!(matches!(
            ssl_mode(&config(&[])).unwrap(),
            MySqlSslMode::Preferred
        ));
        assert!(matches!(
            ssl_mode(&config(&[("tls", "required")])).unwrap(),
            MySqlSslMode::Required
        ));
        assert!(matches!(
            ssl_mode(&config(&[("tls", "true")])).unwrap(),
            MySqlSslMode::Required
        ));
        assert!(matches!(
            ssl_mode(&config(&[("ssl_mode", "VERIFY-CA"), ("tls", "disabled")])).unwrap(),
            MySqlSslMode::VerifyCa
        ));
        assert!(matches!(
            ssl_mode(&config(&[("ssl_mode", "verify_identity")])).unwrap(),
            MySqlSslMode::VerifyIdentity
        ));
        assert!(matches!(
            ssl_mode(&config(&[("tls", "off")])).unwrap(),
            MySqlSslMode::Disabled
        ));
        let e = ssl_mode(&config(&[("tls", "sometimes")])).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
        assert!(e.to_string().contains("sometimes"));
    }

    #[test]
    fn server_errors_map_to_kinds_without_password() {
        let c = config(&[]);
        let e = database_error(
            &c,
            Some(1045),
            "Access denied for user 'app'@'localhost' (using password: YES) pw-s3cr3t",
            "connecting",
        );
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert!(e.to_string().contains("access denied for user 'app'"));
        assert!(!e.to_string().contains("pw-s3cr3t"));
        let e = database_error(&c, Some(1142), "SELECT command denied", "reading columns");
        assert_eq!(e.kind(), ErrorKind::Permission);
        let e = database_error(&c, Some(1227), "need PROCESS", "reading cluster info");
        assert_eq!(e.kind(), ErrorKind::Permission);
        let e = database_error(&c, Some(1064), "syntax", "reading columns");
        assert_eq!(e.kind(), ErrorKind::Query);
    }

    #[test]
    fn io_errors_are_named() {
        let c = config(&[]);
        let e = connect_error(
            &c,
            sqlx::Error::Io(io::Error::from(io::ErrorKind::ConnectionRefused)),
        );
        assert_eq!(e.kind(), ErrorKind::Connect);
        assert!(
            e.to_string()
                .contains("cannot connect to MySQL at 127.0.0.1:3306: connection refused")
        );
        let e = connect_error(
            &c,
            sqlx::Error::Io(io::Error::other(
                "failed to lookup address information: Name or service not known",
            )),
        );
        assert!(e.to_string().contains("unknown host `127.0.0.1`"));
    }

    #[test]
    fn empty_host_is_a_config_error() {
        let mut c = config(&[]);
        c.host = " ".into();
        assert_eq!(connect_options(&c).unwrap_err().kind(), ErrorKind::Config);
    }
}
