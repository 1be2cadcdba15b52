//! Connecting: tiberius options from the `[db]` section, our own connect timeout, and driver
//! errors turned into [`smt_catalog::Error`]s with a kind a user can act on.

use std::io;

use smt_catalog::{Error, ErrorKind, Result, SourceConfig, redact};
use tiberius::{AuthMethod, Client, Config, EncryptionLevel};
use tokio::net::TcpStream;
use tokio_util::compat::{Compat, TokioAsyncWriteCompatExt};

/// A connected client.
pub(crate) type Conn = Client<Compat<TcpStream>>;

/// The `[db] encrypt` values.
pub const ENCRYPT_MODES: [&str; 4] = ["off", "on", "required", "strict"];

/// Parse `[db] encrypt`: `off` (TLS for the login only), `on` (TLS when the server supports it;
/// the default), `required` (fail without TLS), `strict` (TDS 8.0, TLS before the prelogin).
/// `false`/`no`/`disable` and `true`/`yes`/`mandatory` are accepted as in ODBC strings.
pub fn parse_encrypt(value: &str) -> Result<EncryptionLevel> {
    match value.trim().to_ascii_lowercase().as_str() {
        "off" | "false" | "no" | "0" | "disable" | "optional" => Ok(EncryptionLevel::Off),
        "on" | "true" | "yes" | "1" | "prefer" => Ok(EncryptionLevel::On),
        "required" | "require" | "mandatory" => Ok(EncryptionLevel::Required),
        "strict" => Ok(EncryptionLevel::Strict),
        other => Err(Error::new(
            ErrorKind::Config,
            format!(
                "invalid `[db] encrypt` value `{other}` (expected one of: {})",
                ENCRYPT_MODES.join(", ")
            ),
        )),
    }
}

fn parse_bool(key: &str, value: &str) -> Result<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Ok(true),
        "false" | "no" | "off" | "0" => Ok(false),
        other => Err(Error::new(
            ErrorKind::Config,
            format!("invalid `[db] {key}` value `{other}` (expected true or false)"),
        )),
    }
}

/// The tiberius config for one database (`None`: the login's default database).
pub fn client_config(config: &SourceConfig, database: Option<&str>) -> Result<Config> {
    let mut c = Config::new();
    c.host(&config.host);
    c.port(config.port);
    c.application_name("smt");
    if let Some(db) = database {
        c.database(db);
    }
    if let Some(instance) = config.option("instance_name") {
        c.instance_name(instance);
    }
    c.authentication(AuthMethod::sql_server(
        &config.user,
        config.password.expose(),
    ));
    let encryption = match config.option("encrypt") {
        Some(v) => parse_encrypt(v)?,
        None => EncryptionLevel::On,
    };
    c.encryption(encryption);
    let trust = match config.option("trust_server_certificate") {
        Some(v) => parse_bool("trust_server_certificate", v)?,
        None => false,
    };
    if trust {
        c.trust_cert();
    } else if let Some(ca) = config.option("trust_server_certificate_ca") {
        c.trust_cert_ca(ca);
    }
    Ok(c)
}

/// Open one connection, failing after the configured connect timeout (TCP connect, TLS and
/// login together). A server that redirects (Azure SQL gateway) is followed once.
pub(crate) async fn connect(config: &SourceConfig, database: Option<&str>) -> Result<Conn> {
    let what = format!(
        "connecting to SQL Server at {} ({}user `{}`)",
        config.address(),
        database
            .map(|d| format!("database `{d}`, "))
            .unwrap_or_default(),
        config.user
    );
    let attempt = async {
        let cfg = client_config(config, database)?;
        match open(cfg.clone(), &config.host, config.port).await {
            Err(tiberius::error::Error::Routing { host, port }) => {
                let mut routed = cfg;
                routed.host(&host);
                routed.port(port);
                open(routed, &host, port)
                    .await
                    .map_err(|e| map_error(e, config, database))
            }
            other => other.map_err(|e| map_error(e, config, database)),
        }
    };
    match tokio::time::timeout(config.connect_timeout, attempt).await {
        Ok(Ok(c)) => Ok(c),
        Ok(Err(e)) => Err(e.context(what)),
        Err(_) => Err(Error::new(
            ErrorKind::Connect,
            format!(
                "no answer within {:.1} s (check host, port and firewall; raise the connect \
                 timeout for a slow network)",
                config.connect_timeout.as_secs_f64()
            ),
        )
        .context(what)),
    }
}

async fn open(cfg: Config, host: &str, port: u16) -> tiberius::Result<Conn> {
    let tcp = TcpStream::connect((host, port)).await?;
    tcp.set_nodelay(true)?;
    Client::connect(cfg, tcp.compat_write()).await
}

/// SQL Server error numbers the adapter treats specially.
mod code {
    /// Login failed for user.
    pub const LOGIN_FAILED: u32 = 18456;
    /// Cannot open database requested by the login.
    pub const CANNOT_OPEN_DATABASE: u32 = 4060;
    /// The server principal is not able to access the database under the security context.
    pub const NO_DATABASE_ACCESS: u32 = 916;
    /// The SELECT permission was denied on the object.
    pub const PERMISSION_DENIED: u32 = 229;
    /// VIEW SERVER STATE / VIEW DATABASE STATE permission denied.
    pub const STATE_PERMISSION: u32 = 297;
    /// VIEW DATABASE STATE permission denied in database.
    pub const VIEW_STATE_DENIED: u32 = 300;
    /// A permission was denied in the database.
    pub const DENIED_IN_DATABASE: u32 = 262;
}

/// Whether the error is a missing permission (used to fall back from
/// `sys.dm_db_partition_stats`).
pub(crate) fn is_permission_error(err: &tiberius::error::Error) -> bool {
    matches!(err, tiberius::error::Error::Server(t)
        if matches!(t.code(), code::PERMISSION_DENIED | code::STATE_PERMISSION | code::VIEW_STATE_DENIED | code::DENIED_IN_DATABASE))
}

/// Turn a driver error into an [`Error`]; every message goes through [`redact`].
pub(crate) fn map_error(
    err: tiberius::error::Error,
    config: &SourceConfig,
    database: Option<&str>,
) -> Error {
    let secret = config.password.expose();
    let clean = |s: &str| redact(s, secret);
    match &err {
        tiberius::error::Error::Server(t) => server_error(t.code(), &clean(t.message()), database),
        tiberius::error::Error::Io { kind, message } => {
            let text = clean(message);
            let msg = match kind {
                io::ErrorKind::ConnectionRefused => format!(
                    "connection refused by {} (is SQL Server running and listening on TCP \
                     there? check the port and that TCP/IP is enabled)",
                    config.address()
                ),
                io::ErrorKind::TimedOut => format!("timed out talking to {}", config.address()),
                _ if text.contains("lookup") || text.contains("Name or service") => {
                    format!("unknown host `{}` ({text})", config.host)
                }
                _ => text,
            };
            Error::new(ErrorKind::Connect, msg)
        }
        tiberius::error::Error::Tls(t) => Error::new(
            ErrorKind::Connect,
            format!(
                "TLS failed: {} (`[db] encrypt` is `{}`; for a self-signed server certificate \
                 set `[db] trust_server_certificate = true` or \
                 `[db] trust_server_certificate_ca` to the CA file)",
                clean(t),
                config.option("encrypt").unwrap_or("on")
            ),
        ),
        tiberius::error::Error::Routing { host, port } => Error::new(
            ErrorKind::Connect,
            format!("the server redirected twice (last to {host}:{port})"),
        ),
        other => Error::new(ErrorKind::Query, clean(&other.to_string())),
    }
}

/// The [`Error`] for a server error number and its (already redacted) message.
pub(crate) fn server_error(number: u32, msg: &str, database: Option<&str>) -> Error {
    match number {
        code::LOGIN_FAILED => Error::new(
            ErrorKind::Auth,
            format!(
                "{msg} (error 18456; check `[db] user` and `[db] password`, and that the server \
                 allows SQL Server authentication)"
            ),
        ),
        code::CANNOT_OPEN_DATABASE => Error::new(
            ErrorKind::NotFound,
            format!(
                "{msg} (error 4060; database `{}` does not exist or the login cannot open it)",
                database.unwrap_or("")
            ),
        ),
        code::NO_DATABASE_ACCESS
        | code::PERMISSION_DENIED
        | code::STATE_PERMISSION
        | code::VIEW_STATE_DENIED
        | code::DENIED_IN_DATABASE => Error::new(
            ErrorKind::Permission,
            format!(
                "{msg} (error {number}; the login needs a user in the database and \
                 VIEW DEFINITION on its tables)"
            ),
        ),
        n => Error::new(ErrorKind::Query, format!("{msg} (error {n})")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use smt_catalog::{Secret, SourceKind};

    #[test]
    fn encrypt_modes() {
        for m in ENCRYPT_MODES {
            assert!(parse_encrypt(m).is_ok(), "{m}");
        }
        assert!(matches!(parse_encrypt("OFF"), Ok(EncryptionLevel::Off)));
        assert!(matches!(
            parse_encrypt("required"),
            Ok(EncryptionLevel::Required)
        ));
        let e = parse_encrypt("maybe").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
        assert!(e.to_string().contains("required"));
    }

    #[test]
    fn config_options() {
        let mut c = SourceConfig::new(SourceKind::Sqlserver, "db.example");
        c.user = "sa".into();
        c.password = Secret::new("pw");
        c.options.insert("encrypt".into(), "required".into());
        c.options
            .insert("trust_server_certificate".into(), "true".into());
        let cfg = client_config(&c, Some("shop")).unwrap();
        assert_eq!(cfg.get_addr(), "db.example:1433");
        c.options
            .insert("trust_server_certificate".into(), "perhaps".into());
        assert_eq!(
            client_config(&c, None).unwrap_err().kind(),
            ErrorKind::Config
        );
    }

    #[test]
    fn io_errors_without_password() {
        let mut c = SourceConfig::new(SourceKind::Sqlserver, "127.0.0.1");
        c.password = Secret::new("s3cret");
        let e = map_error(
            tiberius::error::Error::Io {
                kind: io::ErrorKind::ConnectionRefused,
                message: "refused s3cret".into(),
            },
            &c,
            None,
        );
        assert_eq!(e.kind(), ErrorKind::Connect);
        assert!(e.to_string().contains("127.0.0.1:1433"));
        assert!(!e.to_string().contains("s3cret"));
        let e = map_error(tiberius::error::Error::Tls("bad s3cret".into()), &c, None);
        assert_eq!(e.kind(), ErrorKind::Connect);
        assert!(e.to_string().contains("trust_server_certificate"));
        assert!(!e.to_string().contains("s3cret"));
    }

    #[test]
    fn server_error_numbers() {
        let e = server_error(18456, "Login failed for user 'sa'.", None);
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert!(e.to_string().contains("[db] password"));
        assert_eq!(
            server_error(4060, "Cannot open database", Some("shop")).kind(),
            ErrorKind::NotFound
        );
        assert_eq!(
            server_error(300, "VIEW DATABASE STATE permission denied", None).kind(),
            ErrorKind::Permission
        );
        assert_eq!(
            server_error(208, "Invalid object name", None).kind(),
            ErrorKind::Query
        );
    }
}
