//! The typed configuration and how it is built (and validated) from the raw sections.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::{Serialize, Serializer};
use smt_ir::{Secret, SourceKind, StarRocksVersion};

use crate::env;
use crate::error::{ConfigError, ConfigWarning};
use crate::ini::{DEFAULT_SECTION, Entry, IniFile};

/// Keys smt reads from `[db]` (any other key is kept in [`DbConfig::options`] with a warning).
pub const DB_KEYS: [&str; 8] = [
    "host",
    "port",
    "user",
    "password",
    "type",
    "authentication",
    "ddl_file",
    "connect_timeout",
];

/// `[db]` keys the live adapter of a source kind reads besides [`DB_KEYS`] (documented in
/// docs/config.md); other keys still reach the adapter, with an "unknown key" warning.
pub fn adapter_db_keys(kind: SourceKind) -> &'static [&'static str] {
    match kind {
        SourceKind::Mysql | SourceKind::Tidb => &["ssl_ca"],
        SourceKind::Pgsql => &["sslmode", "sslrootcert", "maintenance_db"],
        SourceKind::Sqlserver => &[
            "encrypt",
            "instance_name",
            "trust_server_certificate",
            "trust_server_certificate_ca",
        ],
        SourceKind::Oracle => &["service_name"],
        SourceKind::Clickhouse => &["database", "tls", "query_timeout"],
        SourceKind::Hive => &[
            "metastore_uris",
            "hive.metastore.uris",
            "hive_conf_dir",
            "schema_source",
            "hdfs_sizes",
        ],
    }
}

/// Keys smt reads from `[other]`.
pub const OTHER_KEYS: [&str; 6] = [
    "be_num",
    "use_decimal_v3",
    "output_dir",
    "starrocks_version",
    "flink_statement_set",
    "tinyint1_as_boolean",
];

/// Scalar keys of a `[table-rule.N]` section (and of the shared `[table-rule]` section).
pub const RULE_KEYS: [&str; 11] = [
    "database",
    "schema",
    "table",
    "partition_key",
    "partitions",
    "duplicate_keys",
    "distributed_by",
    "bucket_num",
    "bucket_policy",
    "merge_shards",
    "shard_identity_columns",
];

/// Key prefixes of a rule whose keys are copied (prefix stripped) into option lists.
pub const RULE_PREFIXES: [&str; 4] = [
    "properties.",
    "external.properties.",
    "flink.starrocks.",
    "flink.cdc.",
];

/// Hive `authentication` values (as the original tool accepts them).
pub const HIVE_AUTHENTICATIONS: [&str; 7] = [
    "kerberos",
    "none",
    "nosasl",
    "kerberos_http",
    "none_http",
    "zk",
    "ldap",
];

/// Sink options smt always sets itself; the configuration's values are dropped with a warning.
const SINK_OPTIONS_SET_BY_SMT: [&str; 3] = ["connector", "table-name", "database-name"];

/// The rule section name prefix.
const RULE_PREFIX: &str = "table-rule.";
/// The shared rule section.
const RULE_SHARED: &str = "table-rule";

/// Default `[other] be_num` when missing (the original requires the key).
pub const DEFAULT_BE_NUM: u32 = 3;
/// Default `[db] connect_timeout`, in seconds.
pub const DEFAULT_CONNECT_TIMEOUT_SECS: u64 = 10;
/// The output directory used when `[other] output_dir` is empty.
pub const DEFAULT_OUTPUT_DIR: &str = "./result";

/// A whole configuration: where to read the schema, how to generate, and the table rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    /// `[db]`: the source.
    pub db: DbConfig,
    /// `[other]`: generation settings.
    pub other: OtherConfig,
    /// `[table-rule.N]` sections in file order (when several rules match a table, the last
    /// one wins).
    pub rules: Vec<TableRule>,
    /// Things that did not stop loading but deserve the user's attention.
    pub warnings: Vec<ConfigWarning>,
}

impl Config {
    /// The rule named `name` (what follows `table-rule.`).
    pub fn rule(&self, name: &str) -> Option<&TableRule> {
        self.rules.iter().find(|r| r.name == name)
    }
}

/// `[db]`: which source to read and how to reach it.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct DbConfig {
    /// `type`: the source kind.
    pub kind: SourceKind,
    /// `host` (for Hive with `authentication = zk`, the ZooKeeper quorum).
    pub host: String,
    /// `port` (the kind's default port when missing).
    pub port: u16,
    /// `user` (empty when missing).
    pub user: String,
    /// `password` (empty when missing); never shown in `Debug` or serde output.
    pub password: Secret,
    /// `authentication`, for Hive only (lower-cased); `None` for other kinds.
    pub authentication: Option<String>,
    /// `ddl_file` (smt extension): schema dumps to read instead of connecting; comma-separated,
    /// resolved relative to the configuration file's folder.
    pub ddl_files: Vec<PathBuf>,
    /// `connect_timeout` (smt extension), in seconds; default 10.
    pub connect_timeout_secs: u64,
    /// Every `[db]` key with its value after substitution, for adapters (including the keys
    /// above). Values of keys whose name contains `password` are masked in `Debug` and serde
    /// output.
    #[serde(serialize_with = "ser_masked_map")]
    pub options: BTreeMap<String, String>,
}

impl DbConfig {
    /// Whether smt reads schema dumps (`ddl_file`) instead of connecting to the source.
    pub fn is_offline(&self) -> bool {
        !self.ddl_files.is_empty()
    }

    /// The value of any `[db]` key, as written (after substitution).
    pub fn option(&self, key: &str) -> Option<&str> {
        self.options.get(key).map(String::as_str)
    }
}

impl fmt::Debug for DbConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DbConfig")
            .field("kind", &self.kind)
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.user)
            .field("password", &self.password)
            .field("authentication", &self.authentication)
            .field("ddl_files", &self.ddl_files)
            .field("connect_timeout_secs", &self.connect_timeout_secs)
            .field("options", &MaskedPairs(self.options.iter()))
            .finish()
    }
}

/// `[other]`: settings for the generated DDL and jobs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OtherConfig {
    /// `be_num`: number of StarRocks backends (drives buckets and replication); default 3.
    pub be_num: u32,
    /// `use_decimal_v3`: allow DECIMAL precision up to 38; default true.
    pub use_decimal_v3: bool,
    /// `output_dir` as written (empty means [`DEFAULT_OUTPUT_DIR`]; see
    /// [`OtherConfig::output_dir_or_default`]).
    pub output_dir: String,
    /// `starrocks_version` (smt extension): the target StarRocks version.
    pub starrocks_version: StarRocksVersion,
    /// `flink_statement_set` (smt extension): wrap a rule's INSERTs in one statement set;
    /// default true.
    pub flink_statement_set: bool,
    /// `tinyint1_as_boolean` (smt extension): map MySQL `tinyint(1)` to BOOLEAN; default true.
    pub tinyint1_as_boolean: bool,
    /// Every `[other]` key with its value after substitution.
    pub options: BTreeMap<String, String>,
}

impl OtherConfig {
    /// `output_dir`, or `./result` when it is empty.
    pub fn output_dir_or_default(&self) -> &str {
        if self.output_dir.is_empty() {
            DEFAULT_OUTPUT_DIR
        } else {
            &self.output_dir
        }
    }
}

/// How a rule's bucket count is chosen when `bucket_num` does not fix it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BucketPolicy {
    /// From the source table's size and `be_num` (the original's behaviour).
    #[default]
    Size,
    /// Leave it to StarRocks (no `BUCKETS n`).
    Auto,
}

impl BucketPolicy {
    /// The configuration spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            BucketPolicy::Size => "size",
            BucketPolicy::Auto => "auto",
        }
    }
}

impl fmt::Display for BucketPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BucketPolicy {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "size" => Ok(BucketPolicy::Size),
            "auto" => Ok(BucketPolicy::Auto),
            _ => Err(format!(
                "`{s}` is not a bucket policy (expected `size` or `auto`)"
            )),
        }
    }
}

/// One `[table-rule.<name>]` section.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct TableRule {
    /// What follows `table-rule.` in the section name (not necessarily a number).
    pub name: String,
    /// The line of the section header.
    pub line: usize,
    /// `database`: regex on database names (unanchored search); for Oracle the literal
    /// service name.
    pub database: String,
    /// `schema`: regex on schema names; `Some` (default `.*`) for pgsql/oracle/sqlserver,
    /// `None` for sources without schemas.
    pub schema: Option<String>,
    /// `table`: regex on table names.
    pub table: String,
    /// `partition_key`.
    pub partition_key: Option<String>,
    /// `partitions`: a partition clause body, verbatim.
    pub partitions: Option<String>,
    /// `duplicate_keys`: split on `,`, trimmed, backquotes stripped.
    pub duplicate_keys: Option<Vec<String>>,
    /// `distributed_by`: split on `,`, trimmed, backquotes stripped.
    pub distributed_by: Option<Vec<String>>,
    /// `bucket_num` when > 0 (it then wins over `bucket_policy`); `None` when missing, empty
    /// or 0.
    pub bucket_num: Option<u32>,
    /// `bucket_policy` (smt extension): `size` (default) or `auto`.
    pub bucket_policy: BucketPolicy,
    /// `merge_shards` (smt extension): merge identically shaped matched tables into one target
    /// table, as the original always does; default true.
    pub merge_shards: bool,
    /// `shard_identity_columns` (smt extension): add source database/table columns to merged
    /// tables; default false.
    pub shard_identity_columns: bool,
    /// `properties.*`: StarRocks table properties (prefix stripped, file order).
    #[serde(serialize_with = "ser_masked_pairs")]
    pub properties: Vec<(String, String)>,
    /// `external.properties.*`: external table properties.
    #[serde(serialize_with = "ser_masked_pairs")]
    pub external_properties: Vec<(String, String)>,
    /// `flink.starrocks.*`: Flink sink options (without `connector`, `table-name`,
    /// `database-name`, which smt sets).
    #[serde(serialize_with = "ser_masked_pairs")]
    pub flink_starrocks: Vec<(String, String)>,
    /// `flink.cdc.*`: Flink CDC source options.
    #[serde(serialize_with = "ser_masked_pairs")]
    pub flink_cdc: Vec<(String, String)>,
}

impl TableRule {
    /// The value of a Flink sink option (`flink.starrocks.<key>`).
    pub fn sink_option(&self, key: &str) -> Option<&str> {
        find_pair(&self.flink_starrocks, key)
    }

    /// The value of a Flink CDC source option (`flink.cdc.<key>`).
    pub fn cdc_option(&self, key: &str) -> Option<&str> {
        find_pair(&self.flink_cdc, key)
    }
}

fn find_pair<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

impl fmt::Debug for TableRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TableRule")
            .field("name", &self.name)
            .field("line", &self.line)
            .field("database", &self.database)
            .field("schema", &self.schema)
            .field("table", &self.table)
            .field("partition_key", &self.partition_key)
            .field("partitions", &self.partitions)
            .field("duplicate_keys", &self.duplicate_keys)
            .field("distributed_by", &self.distributed_by)
            .field("bucket_num", &self.bucket_num)
            .field("bucket_policy", &self.bucket_policy)
            .field("merge_shards", &self.merge_shards)
            .field("shard_identity_columns", &self.shard_identity_columns)
            .field("properties", &pairs(&self.properties))
            .field("external_properties", &pairs(&self.external_properties))
            .field("flink_starrocks", &pairs(&self.flink_starrocks))
            .field("flink_cdc", &pairs(&self.flink_cdc))
            .finish()
    }
}

/// Whether a key names a secret whose value must not be shown.
fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.contains("password") || k.contains("secret")
}

fn pairs(v: &[(String, String)]) -> impl fmt::Debug + '_ {
    MaskedPairs(v.iter().map(|(a, b)| (a, b)))
}

fn shown<'a>(key: &str, value: &'a str) -> &'a str {
    if is_secret_key(key) && !value.is_empty() {
        "***"
    } else {
        value
    }
}

struct MaskedPairs<I>(I);

impl<'a, I> fmt::Debug for MaskedPairs<I>
where
    I: Iterator<Item = (&'a String, &'a String)> + Clone,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.clone().map(|(k, v)| (k, shown(k, v))))
            .finish()
    }
}

fn ser_masked_map<S: Serializer>(map: &BTreeMap<String, String>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(map.iter().map(|(k, v)| (k, shown(k, v))))
}

fn ser_masked_pairs<S: Serializer>(pairs: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(pairs.iter().map(|(k, v)| (k, shown(k, v))))
}

/// A resolved value: expanded, substituted, and where it came from.
struct Val {
    value: String,
    line: usize,
    section: String,
}

/// Builds a [`Config`] from the raw sections, collecting warnings.
struct Builder<'a> {
    ini: &'a IniFile,
    env: &'a dyn Fn(&str) -> Option<String>,
    warnings: Vec<ConfigWarning>,
}

impl Config {
    /// Build and validate the typed configuration from parsed sections (INI or TOML), reading
    /// `${VAR}` references through `env`.
    pub fn from_ini(
        ini: &IniFile,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let mut b = Builder {
            ini,
            env,
            warnings: Vec::new(),
        };
        b.check_sections();
        let db = b.db()?;
        let other = b.other()?;
        let rules = b.rules(db.kind)?;
        Ok(Config {
            path: ini.path.clone(),
            db,
            other,
            rules,
            warnings: b.warnings,
        })
    }
}

impl Builder<'_> {
    fn path(&self) -> &Path {
        &self.ini.path
    }

    fn error(
        &self,
        section: &str,
        key: Option<&str>,
        line: Option<usize>,
        msg: String,
    ) -> ConfigError {
        let mut e = ConfigError::new(self.path(), msg)
            .in_section(section)
            .at_opt_line(line);
        e.key = key.map(str::to_string);
        e
    }

    fn warn(&mut self, section: &str, key: Option<&str>, line: Option<usize>, msg: String) {
        let w = ConfigWarning {
            file: self.ini.path.clone(),
            line: line.filter(|l| *l > 0),
            section: Some(section.to_string()),
            key: key.map(str::to_string),
            message: msg,
        };
        // Values are resolved more than once (as scalars and as option lists): warn once.
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
    }

    /// Expand `%(..)s` (in the context of `section`) and `${..}` in an entry's value.
    fn resolve(&mut self, section: &str, entry: &Entry) -> Result<String, ConfigError> {
        let expanded = self
            .ini
            .expand(section, &entry.value)
            .map_err(|e| e.at_line(entry.line).for_key(&entry.key))?;
        for name in &expanded.unknown {
            self.warn(
                section,
                Some(&entry.key),
                Some(entry.line),
                format!(
                    "`%({name})s` names no key in [{DEFAULT_SECTION}] or [{section}]; it expands to nothing"
                ),
            );
        }
        env::substitute(&expanded.text, self.env)
            .map_err(|e| self.error(section, Some(&entry.key), Some(entry.line), e.to_string()))
    }

    /// A scalar key with goconfig's sub-section fallback, resolved.
    fn scalar(&mut self, section: &str, key: &str) -> Result<Option<Val>, ConfigError> {
        let Some((sec, entry)) = self.ini.lookup(section, key) else {
            return Ok(None);
        };
        let found_in = sec.name.clone();
        let value = self.resolve(&found_in, entry)?;
        Ok(Some(Val {
            value,
            line: entry.line,
            section: found_in,
        }))
    }

    /// A scalar that counts as missing when empty.
    fn non_empty(&mut self, section: &str, key: &str) -> Result<Option<Val>, ConfigError> {
        Ok(self.scalar(section, key)?.filter(|v| !v.value.is_empty()))
    }

    fn invalid(&self, v: &Val, key: &str, msg: String) -> ConfigError {
        let hint = if v.value.contains('#') || v.value.contains(';') {
            " (comments must be on their own line: `#` and `;` inside a value are part of it)"
        } else {
            ""
        };
        self.error(&v.section, Some(key), Some(v.line), format!("{msg}{hint}"))
    }

    fn bool_key(&mut self, section: &str, key: &str, default: bool) -> Result<bool, ConfigError> {
        match self.non_empty(section, key)? {
            None => Ok(default),
            Some(v) => parse_go_bool(&v.value).ok_or_else(|| {
                self.invalid(
                    &v,
                    key,
                    format!(
                        "`{}` is not a boolean (use true/false, 1/0, t/f, TRUE/FALSE, True/False)",
                        v.value
                    ),
                )
            }),
        }
    }

    fn all_entries(&mut self, section: &str) -> Result<Vec<(String, String, usize)>, ConfigError> {
        let Some(sec) = self.ini.section(section) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::with_capacity(sec.entries.len());
        for e in &sec.entries {
            let v = self.resolve(section, e)?;
            out.push((e.key.clone(), v, e.line));
        }
        Ok(out)
    }

    fn check_sections(&mut self) {
        let unknown: Vec<(String, usize)> = self
            .ini
            .sections
            .iter()
            .filter(|s| {
                !matches!(
                    s.name.as_str(),
                    DEFAULT_SECTION | "db" | "other" | RULE_SHARED
                ) && !s.name.starts_with(RULE_PREFIX)
            })
            .map(|s| (s.name.clone(), s.line))
            .collect();
        for (name, line) in unknown {
            self.warn(
                &name,
                None,
                Some(line),
                "unknown section (ignored; smt reads [db], [other], [table-rule] and [table-rule.<name>])"
                    .to_string(),
            );
        }
    }

    fn require_section(&self, name: &str) -> Result<(), ConfigError> {
        if self.ini.section(name).is_none() {
            return Err(ConfigError::new(self.path(), "section is missing").in_section(name));
        }
        Ok(())
    }

    fn warn_unknown_keys(&mut self, section: &str, known: &[&str], what: &str) {
        let unknown: Vec<(String, usize)> = self
            .ini
            .section(section)
            .map(|s| {
                s.entries
                    .iter()
                    .filter(|e| !known.contains(&e.key.as_str()))
                    .map(|e| (e.key.clone(), e.line))
                    .collect()
            })
            .unwrap_or_default();
        for (key, line) in unknown {
            self.warn(
                section,
                Some(&key),
                Some(line),
                format!("unknown key ({what})"),
            );
        }
    }

    fn db(&mut self) -> Result<DbConfig, ConfigError> {
        self.require_section("db")?;
        let supported = SourceKind::ALL.map(SourceKind::as_str).join(", ");
        let kind = match self.non_empty("db", "type")? {
            None => {
                return Err(self.error(
                    "db",
                    Some("type"),
                    None,
                    format!("missing (supported: {supported})"),
                ));
            }
            Some(v) => SourceKind::from_str(&v.value)
                .map_err(|e| self.invalid(&v, "type", e.to_string()))?,
        };

        let ddl_files: Vec<PathBuf> = match self.non_empty("db", "ddl_file")? {
            None => Vec::new(),
            Some(v) => {
                let base = self.path().parent().unwrap_or(Path::new(""));
                v.value
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| base.join(p))
                    .collect()
            }
        };
        let offline = !ddl_files.is_empty();

        let host = self
            .scalar("db", "host")?
            .map(|v| v.value)
            .unwrap_or_default();
        if host.is_empty() && !offline {
            return Err(self.error(
                "db",
                Some("host"),
                None,
                "missing (needed to connect; or set `ddl_file` to read schema dumps)".to_string(),
            ));
        }

        let port = match self.non_empty("db", "port")? {
            None => {
                let p = kind.default_port();
                if !offline {
                    self.warn(
                        "db",
                        Some("port"),
                        None,
                        format!("missing; using {p}, the default port for {kind}"),
                    );
                }
                p
            }
            Some(v) => match v.value.parse::<u16>() {
                Ok(p) if p > 0 => p,
                _ => {
                    return Err(self.invalid(
                        &v,
                        "port",
                        format!("`{}` is not a port number (1..65535)", v.value),
                    ));
                }
            },
        };

        let user = self
            .scalar("db", "user")?
            .map(|v| v.value)
            .unwrap_or_default();
        let password = Secret::new(
            self.scalar("db", "password")?
                .map(|v| v.value)
                .unwrap_or_default(),
        );

        let authentication = if kind == SourceKind::Hive {
            match self.non_empty("db", "authentication")? {
                // Not needed with `metastore_uris` (the metastore has no login); for HiveServer2
                // the adapter then uses `none` (SASL PLAIN), HiveServer2's default.
                None => None,
                Some(v) => {
                    let lower = v.value.to_ascii_lowercase();
                    if !HIVE_AUTHENTICATIONS.contains(&lower.as_str()) {
                        return Err(self.invalid(
                            &v,
                            "authentication",
                            format!(
                                "`{}` is not a Hive authentication type (one of {})",
                                v.value,
                                HIVE_AUTHENTICATIONS.join(", ")
                            ),
                        ));
                    }
                    Some(lower)
                }
            }
        } else {
            None
        };

        let connect_timeout_secs = match self.non_empty("db", "connect_timeout")? {
            None => DEFAULT_CONNECT_TIMEOUT_SECS,
            Some(v) => match v.value.parse::<u64>() {
                Ok(n) if n > 0 => n,
                _ => {
                    return Err(self.invalid(
                        &v,
                        "connect_timeout",
                        format!("`{}` is not a positive number of seconds", v.value),
                    ));
                }
            },
        };

        let options: BTreeMap<String, String> = self
            .all_entries("db")?
            .into_iter()
            .map(|(k, v, _)| (k, v))
            .collect();
        let known: Vec<&str> = DB_KEYS
            .iter()
            .chain(adapter_db_keys(kind))
            .copied()
            .collect();
        self.warn_unknown_keys("db", &known, "kept in the adapter options");

        Ok(DbConfig {
            kind,
            host,
            port,
            user,
            password,
            authentication,
            ddl_files,
            connect_timeout_secs,
            options,
        })
    }

    fn other(&mut self) -> Result<OtherConfig, ConfigError> {
        self.require_section("other")?;
        let be_num = match self.non_empty("other", "be_num")? {
            None => {
                self.warn(
                    "other",
                    Some("be_num"),
                    None,
                    format!("missing; using {DEFAULT_BE_NUM} (the original tool requires it)"),
                );
                DEFAULT_BE_NUM
            }
            Some(v) => match v.value.parse::<u32>() {
                Ok(n) if n > 0 => n,
                _ => {
                    return Err(self.invalid(
                        &v,
                        "be_num",
                        format!(
                            "`{}` is not a positive integer (the number of StarRocks backends)",
                            v.value
                        ),
                    ));
                }
            },
        };
        let use_decimal_v3 = if self.non_empty("other", "use_decimal_v3")?.is_none() {
            self.warn(
                "other",
                Some("use_decimal_v3"),
                None,
                "missing; using true (the original tool requires it)".to_string(),
            );
            true
        } else {
            self.bool_key("other", "use_decimal_v3", true)?
        };
        let output_dir = self
            .scalar("other", "output_dir")?
            .map(|v| v.value)
            .unwrap_or_default();
        let starrocks_version = match self.non_empty("other", "starrocks_version")? {
            None => StarRocksVersion::DEFAULT,
            Some(v) => v.value.parse().map_err(|e: smt_ir::BadVersion| {
                self.invalid(&v, "starrocks_version", e.to_string())
            })?,
        };
        let flink_statement_set = self.bool_key("other", "flink_statement_set", true)?;
        let tinyint1_as_boolean = self.bool_key("other", "tinyint1_as_boolean", true)?;
        let options = self
            .all_entries("other")?
            .into_iter()
            .map(|(k, v, _)| (k, v))
            .collect();
        self.warn_unknown_keys("other", &OTHER_KEYS, "ignored");
        Ok(OtherConfig {
            be_num,
            use_decimal_v3,
            output_dir,
            starrocks_version,
            flink_statement_set,
            tinyint1_as_boolean,
            options,
        })
    }

    fn rules(&mut self, kind: SourceKind) -> Result<Vec<TableRule>, ConfigError> {
        let shared = self.prefixed_entries(RULE_SHARED)?;
        let names: Vec<(String, usize)> = self
            .ini
            .sections
            .iter()
            .filter(|s| s.name.starts_with(RULE_PREFIX))
            .map(|s| (s.name.clone(), s.line))
            .collect();
        if names.is_empty() {
            return Err(ConfigError::new(
                self.path(),
                "no [table-rule.<name>] section: at least one rule is needed to select tables",
            ));
        }
        let mut rules = Vec::with_capacity(names.len());
        for (section, line) in names {
            rules.push(self.rule(kind, &section, line, &shared)?);
        }
        Ok(rules)
    }

    /// The prefix keys of a section, classified, and warnings for its unknown keys.
    fn prefixed_entries(&mut self, section: &str) -> Result<Prefixed, ConfigError> {
        let mut out = Prefixed::default();
        for (key, value, line) in self.all_entries(section)? {
            if RULE_KEYS.contains(&key.as_str()) {
                continue;
            }
            let Some((idx, name)) = RULE_PREFIXES
                .iter()
                .enumerate()
                .find_map(|(i, p)| key.strip_prefix(p).map(|n| (i, n.to_string())))
            else {
                self.warn(
                    section,
                    Some(&key),
                    Some(line),
                    "unknown key (ignored)".to_string(),
                );
                continue;
            };
            if name.is_empty() {
                self.warn(
                    section,
                    Some(&key),
                    Some(line),
                    "option name missing after the prefix (ignored)".to_string(),
                );
                continue;
            }
            if idx == 2 && SINK_OPTIONS_SET_BY_SMT.contains(&name.as_str()) {
                self.warn(
                    section,
                    Some(&key),
                    Some(line),
                    format!("ignored: smt sets the sink option `{name}` itself"),
                );
                continue;
            }
            set_pair(&mut out.lists[idx], name, value);
        }
        Ok(out)
    }

    fn rule(
        &mut self,
        kind: SourceKind,
        section: &str,
        line: usize,
        shared: &Prefixed,
    ) -> Result<TableRule, ConfigError> {
        let name = section[RULE_PREFIX.len()..].to_string();
        if name.is_empty() {
            return Err(self.error(
                section,
                None,
                Some(line),
                "the section name has no rule name after `table-rule.`".to_string(),
            ));
        }
        let database = self.pattern(section, "database", kind != SourceKind::Oracle)?;
        let table = self.pattern(section, "table", true)?;
        let schema = if kind.has_schemas() {
            match self.scalar(section, "schema")? {
                None => {
                    return Err(self.error(
                        section,
                        Some("schema"),
                        Some(line),
                        format!("missing: required for {kind} sources (write `schema = .*` for every schema)"),
                    ));
                }
                Some(v) if v.value.is_empty() => Some(".*".to_string()),
                Some(v) => {
                    self.check_regex(&v, "schema")?;
                    Some(v.value)
                }
            }
        } else {
            if let Some(v) = self.scalar(section, "schema")?
                && !matches!(v.value.as_str(), "" | ".*" | "^.*$" | "^.*")
            {
                self.warn(
                    &v.section,
                    Some("schema"),
                    Some(v.line),
                    format!("ignored: {kind} sources have no schemas"),
                );
            }
            None
        };
        let partition_key = self.non_empty(section, "partition_key")?.map(|v| v.value);
        let partitions = self.non_empty(section, "partitions")?.map(|v| v.value);
        let duplicate_keys = self
            .non_empty(section, "duplicate_keys")?
            .and_then(|v| split_list(&v.value));
        let distributed_by = self
            .non_empty(section, "distributed_by")?
            .and_then(|v| split_list(&v.value));
        let bucket_num = match self.non_empty(section, "bucket_num")? {
            None => None,
            Some(v) => match v.value.parse::<u32>() {
                Ok(0) => None,
                Ok(n) => Some(n),
                Err(_) => {
                    return Err(self.invalid(
                        &v,
                        "bucket_num",
                        format!("`{}` is not a non-negative integer", v.value),
                    ));
                }
            },
        };
        let bucket_policy = match self.non_empty(section, "bucket_policy")? {
            None => BucketPolicy::Size,
            Some(v) => v
                .value
                .parse()
                .map_err(|e: String| self.invalid(&v, "bucket_policy", e))?,
        };
        let merge_shards = self.bool_key(section, "merge_shards", true)?;
        let shard_identity_columns = self.bool_key(section, "shard_identity_columns", false)?;

        let own = self.prefixed_entries(section)?;
        let mut lists = shared.lists.clone();
        for (i, list) in own.lists.into_iter().enumerate() {
            for (k, v) in list {
                set_pair(&mut lists[i], k, v);
            }
        }
        let [properties, external_properties, flink_starrocks, flink_cdc] = lists;
        Ok(TableRule {
            name,
            line,
            database,
            schema,
            table,
            partition_key,
            partitions,
            duplicate_keys,
            distributed_by,
            bucket_num,
            bucket_policy,
            merge_shards,
            shard_identity_columns,
            properties,
            external_properties,
            flink_starrocks,
            flink_cdc,
        })
    }

    /// A required pattern key (`database`, `table`), checked as a regex when `regex` is true.
    fn pattern(&mut self, section: &str, key: &str, regex: bool) -> Result<String, ConfigError> {
        let line = self.ini.section(section).map(|s| s.line);
        match self.scalar(section, key)? {
            None => Err(self.error(
                section,
                Some(key),
                line,
                "missing: every rule needs `database` and `table` (use `.*` to match every name)"
                    .to_string(),
            )),
            Some(v) if v.value.is_empty() => Err(self.invalid(
                &v,
                key,
                "empty: use `.*` to match every name, or `^name$` for one name".to_string(),
            )),
            Some(v) => {
                if regex {
                    self.check_regex(&v, key)?;
                }
                Ok(v.value)
            }
        }
    }

    fn check_regex(&self, v: &Val, key: &str) -> Result<(), ConfigError> {
        match regex::Regex::new(&v.value) {
            Ok(_) => Ok(()),
            Err(std_err) => match fancy_regex::Regex::new(&v.value) {
                Ok(_) => Ok(()),
                Err(_) => Err(self.invalid(
                    v,
                    key,
                    format!("invalid regular expression `{}`: {std_err}", v.value),
                )),
            },
        }
    }
}

/// The four prefix lists of a rule section, in [`RULE_PREFIXES`] order.
#[derive(Default)]
struct Prefixed {
    lists: [Vec<(String, String)>; 4],
}

/// Insert or replace in place (a later value wins, the first position stays).
fn set_pair(list: &mut Vec<(String, String)>, key: String, value: String) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some(slot) => slot.1 = value,
        None => list.push((key, value)),
    }
}

/// Split a column list: `,`-separated, trimmed, backquotes stripped, empty items dropped.
fn split_list(text: &str) -> Option<Vec<String>> {
    let items: Vec<String> = text
        .split(',')
        .map(|s| s.trim().trim_matches('`').trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if items.is_empty() { None } else { Some(items) }
}

/// Go's `strconv.ParseBool`.
pub fn parse_go_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}
