//! Which server speaks the MySQL protocol, and which optional catalog columns it has.

use std::collections::BTreeSet;

/// The server family behind a MySQL-protocol connection, told from `VERSION()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flavor {
    /// Oracle MySQL (and Percona, Aurora MySQL, ...).
    MySql,
    /// MariaDB: quotes `COLUMN_DEFAULT` and stores JSON as `longtext` + `CHECK (json_valid(..))`.
    MariaDb,
    /// TiDB: MySQL 8 compatible catalog plus `TIDB_*` columns.
    TiDb,
}

impl Flavor {
    /// Tell the family from a version banner (`10.11.6-MariaDB-0+deb12u1`, `8.0.11-TiDB-v7.5.0`,
    /// `8.0.36`).
    pub fn from_version(version: &str) -> Self {
        let lower = version.to_ascii_lowercase();
        if lower.contains("tidb") {
            Flavor::TiDb
        } else if lower.contains("mariadb") {
            Flavor::MariaDb
        } else {
            Flavor::MySql
        }
    }

    /// A display name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Flavor::MySql => "MySQL",
            Flavor::MariaDb => "MariaDB",
            Flavor::TiDb => "TiDB",
        }
    }
}

/// What the server told us about itself when the catalog was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerInfo {
    /// `SELECT VERSION()`, verbatim.
    pub version: String,
    /// The family, from the version.
    pub flavor: Flavor,
    /// `TABLE.COLUMN` names (upper case) of the optional `information_schema` columns that exist
    /// on this server, out of the ones smt asks about (see [`OPTIONAL_COLUMNS`]).
    pub columns: BTreeSet<String>,
}

/// The optional `information_schema` columns probed when a catalog is opened, as
/// `(TABLE, COLUMN)`. Older servers lack some of them (`GENERATION_EXPRESSION` before MySQL 5.7 /
/// MariaDB 10.2, `CHECK_CONSTRAINTS` before MySQL 8.0.16 / MariaDB 10.2.22, the `TIDB_*` columns
/// outside TiDB, `CLUSTER_INFO` before TiDB 4.0).
pub const OPTIONAL_COLUMNS: &[(&str, &str)] = &[
    ("COLUMNS", "GENERATION_EXPRESSION"),
    ("COLUMNS", "DATETIME_PRECISION"),
    ("CHECK_CONSTRAINTS", "CHECK_CLAUSE"),
    ("CHECK_CONSTRAINTS", "TABLE_NAME"),
    ("TABLES", "TIDB_PK_TYPE"),
    ("TABLES", "TIDB_ROW_ID_SHARDING_INFO"),
    ("CLUSTER_INFO", "INSTANCE"),
];

impl ServerInfo {
    /// Build from a version banner and the probed `TABLE.COLUMN` names.
    pub fn new(version: impl Into<String>, columns: BTreeSet<String>) -> Self {
        let version = version.into();
        ServerInfo {
            flavor: Flavor::from_version(&version),
            version,
            columns,
        }
    }

    /// Whether `information_schema.<table>.<column>` exists (names compared in upper case).
    pub fn has_column(&self, table: &str, column: &str) -> bool {
        self.columns.contains(&format!(
            "{}.{}",
            table.to_ascii_uppercase(),
            column.to_ascii_uppercase()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flavors() {
        assert_eq!(
            Flavor::from_version("10.11.19-MariaDB-0+deb12u1"),
            Flavor::MariaDb
        );
        assert_eq!(
            Flavor::from_version("5.5.5-10.6.12-MariaDB"),
            Flavor::MariaDb
        );
        assert_eq!(Flavor::from_version("8.0.11-TiDB-v7.5.1"), Flavor::TiDb);
        assert_eq!(Flavor::from_version("5.7.25-TiDB-v4.0.0"), Flavor::TiDb);
        assert_eq!(Flavor::from_version("8.0.36"), Flavor::MySql);
        assert_eq!(Flavor::from_version("5.7.44-log"), Flavor::MySql);
    }

    #[test]
    fn has_column_is_case_insensitive() {
        let s = ServerInfo::new(
            "8.0.36",
            ["COLUMNS.GENERATION_EXPRESSION".to_string()].into(),
        );
        assert!(s.has_column("columns", "generation_expression"));
        assert!(!s.has_column("TABLES", "TIDB_PK_TYPE"));
        assert_eq!(s.flavor, Flavor::MySql);
    }
}
