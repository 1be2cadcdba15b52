//! Oracle and ODPI-C error codes turned into [`smt_catalog::Error`]s a user can act on.

use smt_catalog::{Error, ErrorKind};

/// How to install the client library, shared by every "missing client" message.
pub const INSTALL_HINT: &str = "install Oracle Instant Client 19 or later, package \"Basic\" or \
     \"Basic Light\" for Linux x86-64 \
     (https://www.oracle.com/database/technologies/instant-client/downloads.html), unzip it \
     (e.g. to /opt/oracle/instantclient_19_28) and make libclntsh.so findable: \
     `export LD_LIBRARY_PATH=/opt/oracle/instantclient_19_28:$LD_LIBRARY_PATH`, or \
     `echo /opt/oracle/instantclient_19_28 > /etc/ld.so.conf.d/oracle-instantclient.conf && \
     ldconfig`; it also needs libaio (Debian/Ubuntu: `apt-get install libaio1` or `libaio1t64`). \
     Alternatively read a schema dump with `[db] ddl_file`";

/// The error for a missing Oracle client library; `detail` is the driver's message.
pub fn missing_client(detail: &str) -> Error {
    Error::new(
        ErrorKind::Unsupported,
        format!(
            "the Oracle client library (libclntsh.so) is missing: smt reads Oracle through \
             Oracle Instant Client, which is not part of smt; {INSTALL_HINT} (driver said: \
             {detail})"
        ),
    )
}

/// The error when this smt was built without the `oracle-client` feature.
pub fn not_built() -> Error {
    Error::new(
        ErrorKind::Unsupported,
        "this smt was built without Oracle support (cargo feature `oracle-client` of \
         smt-source-oracle is off); rebuild with it, or read a schema dump with `[db] ddl_file`",
    )
}

/// Whether an ODPI-C error code / message means the client library could not be loaded.
pub fn is_missing_client(dpi_code: Option<i32>, message: &str) -> bool {
    matches!(dpi_code, Some(1047 | 1072)) || message.contains("DPI-1047")
}

/// The [`Error`] for an `ORA-` code and its (already redacted) message.
pub fn ora_error(code: i32, msg: &str, address: &str, service: Option<&str>) -> Error {
    let service = service.unwrap_or("");
    match code {
        1017 => Error::new(
            ErrorKind::Auth,
            format!("{msg} (check `[db] user` and `[db] password`)"),
        ),
        28000 | 28001 => Error::new(ErrorKind::Auth, msg.to_string()),
        1045 => Error::new(
            ErrorKind::Permission,
            format!("{msg} (the user needs CREATE SESSION)"),
        ),
        942 | 1031 => Error::new(
            ErrorKind::Permission,
            format!(
                "{msg} (the user needs SELECT on the ALL_* dictionary views, and SELECT on \
                 V_$DATABASE and V_$VERSION; see the oracle-cdc grant list)"
            ),
        ),
        12514 | 12505 => Error::new(
            ErrorKind::NotFound,
            format!(
                "{msg} (the listener at {address} does not know service `{service}`; a table \
                 rule's `database` is used literally as the service name, e.g. ORCLPDB1)"
            ),
        ),
        12541 => Error::new(
            ErrorKind::Connect,
            format!("{msg} (no listener at {address}: is Oracle running there?)"),
        ),
        12545 | 12154 => Error::new(ErrorKind::Connect, format!("{msg} (check `[db] host`)")),
        12170 | 12535 | 12537 | 12543 | 12547 | 3113 | 3135 => {
            Error::new(ErrorKind::Connect, format!("{msg} (talking to {address})"))
        }
        _ => Error::new(ErrorKind::Query, msg.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(
            ora_error(1017, "ORA-01017: invalid username/password", "h:1521", None).kind(),
            ErrorKind::Auth
        );
        assert_eq!(
            ora_error(12514, "ORA-12514", "h:1521", Some("PDB1")).kind(),
            ErrorKind::NotFound
        );
        assert_eq!(
            ora_error(12541, "ORA-12541", "h:1521", None).kind(),
            ErrorKind::Connect
        );
        assert_eq!(
            ora_error(942, "ORA-00942", "h:1521", None).kind(),
            ErrorKind::Permission
        );
        assert_eq!(
            ora_error(904, "ORA-00904", "h:1521", None).kind(),
            ErrorKind::Query
        );
    }

    #[test]
    fn missing_client_message() {
        assert!(is_missing_client(Some(1047), ""));
        assert!(is_missing_client(None, "DPI-1047: Cannot locate"));
        let e = missing_client("DPI-1047: Cannot locate a 64-bit Oracle Client library");
        assert_eq!(e.kind(), ErrorKind::Unsupported);
        let t = e.to_string();
        for needle in [
            "Instant Client 19",
            "Basic Light",
            "LD_LIBRARY_PATH",
            "ldconfig",
        ] {
            assert!(t.contains(needle), "{needle}: {t}");
        }
        assert_eq!(not_built().kind(), ErrorKind::Unsupported);
    }
}
