//! The migration plan: what the emitters consume.
//!
//! A plan is built by `smt-core` from a [`Catalog`](crate::Catalog) and the
//! configuration. It says, for every target table, where its rows come from, how StarRocks
//! should store it and which options the Flink jobs need. Emitters turn it into SQL text without
//! knowing anything about the source's driver.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::schema::{Column, SourceKind, TableName};

/// A password or other secret. Its `Debug` and serde form never show the value.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wrap a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value, for the few places that must write it (Flink options, connections).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() { "\"\"" } else { "\"***\"" })
    }
}

impl Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(if self.0.is_empty() { "" } else { "***" })
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

/// A StarRocks version (`major.minor.patch`), ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StarRocksVersion {
    /// Major version.
    pub major: u16,
    /// Minor version.
    pub minor: u16,
    /// Patch version.
    pub patch: u16,
}

impl StarRocksVersion {
    /// The version smt targets when the configuration names none.
    pub const DEFAULT: StarRocksVersion = StarRocksVersion::new(3, 3, 0);

    /// Build a version.
    pub const fn new(major: u16, minor: u16, patch: u16) -> Self {
        StarRocksVersion {
            major,
            minor,
            patch,
        }
    }

    /// Whether this version is at least `major.minor.patch`.
    pub fn at_least(self, major: u16, minor: u16, patch: u16) -> bool {
        self >= StarRocksVersion::new(major, minor, patch)
    }
}

impl Default for StarRocksVersion {
    fn default() -> Self {
        StarRocksVersion::DEFAULT
    }
}

impl fmt::Display for StarRocksVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Error for a version string that is not `major[.minor[.patch]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadVersion(pub String);

impl fmt::Display for BadVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a StarRocks version (expected e.g. 3.3 or 3.3.5)",
            self.0
        )
    }
}

impl std::error::Error for BadVersion {}

impl FromStr for StarRocksVersion {
    type Err = BadVersion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().trim_start_matches(['v', 'V']);
        // Accept banners like "3.3.5-abc123" by cutting at the first non-version character.
        let core: String = t
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let parts: Vec<&str> = core.split('.').filter(|p| !p.is_empty()).collect();
        if parts.is_empty() || parts.len() > 3 {
            return Err(BadVersion(s.to_string()));
        }
        let mut nums = [0u16; 3];
        for (i, p) in parts.iter().enumerate() {
            nums[i] = p.parse().map_err(|_| BadVersion(s.to_string()))?;
        }
        Ok(StarRocksVersion::new(nums[0], nums[1], nums[2]))
    }
}

impl Serialize for StarRocksVersion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for StarRocksVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// What smt knows about the StarRocks cluster it writes for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetProfile {
    /// Target StarRocks version; gates types, limits and properties.
    pub version: StarRocksVersion,
    /// Number of backends (`[other] be_num`).
    pub be_num: u32,
    /// Whether DECIMAL v3 (precision up to 38) may be used (`[other] use_decimal_v3`).
    pub use_decimal_v3: bool,
    /// Map MySQL `tinyint(1)` to BOOLEAN (as mysql-cdc does by default).
    pub tinyint1_as_boolean: bool,
}

impl Default for TargetProfile {
    fn default() -> Self {
        TargetProfile {
            version: StarRocksVersion::DEFAULT,
            be_num: 3,
            use_decimal_v3: true,
            tinyint1_as_boolean: true,
        }
    }
}

/// How smt reaches the source, as far as the generated jobs need it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connection {
    /// Host name or address.
    pub host: String,
    /// Port.
    pub port: u16,
    /// User name.
    pub user: String,
    /// Password (never shown in reports).
    pub password: Secret,
    /// Facts discovered from the source that the jobs need, by name (e.g. `tidb.pd-addresses`,
    /// `oracle.cdb-name`, `hive.metastore-uris`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<(String, String)>,
}

impl Connection {
    /// The value of a discovered fact.
    pub fn fact(&self, name: &str) -> Option<&str> {
        self.facts
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The StarRocks table model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyKind {
    /// `PRIMARY KEY`: upserts and deletes by key.
    Primary,
    /// `DUPLICATE KEY`: append only; the key is a sort key.
    Duplicate,
    /// `AGGREGATE KEY`: value columns carry an aggregate function.
    Aggregate,
    /// `UNIQUE KEY` (merge on read).
    Unique,
}

impl KeyKind {
    /// The DDL keyword pair (`PRIMARY KEY`).
    pub fn keyword(self) -> &'static str {
        match self {
            KeyKind::Primary => "PRIMARY KEY",
            KeyKind::Duplicate => "DUPLICATE KEY",
            KeyKind::Aggregate => "AGGREGATE KEY",
            KeyKind::Unique => "UNIQUE KEY",
        }
    }
}

/// Table model and key columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyModel {
    /// The model.
    pub kind: KeyKind,
    /// Key columns (target names) in key order; they are also the leading table columns.
    pub columns: Vec<String>,
    /// Where the key came from, for the report (`primary key`, `unique key uk_a`, ...).
    pub origin: String,
}

/// How rows are distributed over tablets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Distribution {
    /// `DISTRIBUTED BY HASH(cols)`.
    Hash {
        /// Hash columns (target names).
        columns: Vec<String>,
    },
    /// `DISTRIBUTED BY RANDOM` (Duplicate Key tables, StarRocks 3.1+).
    Random,
}

/// Bucket count policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Buckets {
    /// A fixed `BUCKETS n`.
    Fixed(u32),
    /// No `BUCKETS` clause: StarRocks (2.5.7+) chooses.
    Auto,
}

/// Table partitioning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partitioning {
    /// The partition column (target name); for [`PartitionSpec::Columns`] the first of its
    /// columns.
    pub column: String,
    /// How partitions are declared.
    pub spec: PartitionSpec,
}

impl Partitioning {
    /// Every partition column (target names), in partitioning order: the columns of a
    /// [`PartitionSpec::Columns`] spec, otherwise the single [`Partitioning::column`].
    pub fn columns(&self) -> Vec<&str> {
        match &self.spec {
            PartitionSpec::Columns { columns } if !columns.is_empty() => {
                columns.iter().map(String::as_str).collect()
            }
            _ => vec![self.column.as_str()],
        }
    }
}

/// How partitions are declared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PartitionSpec {
    /// `PARTITION BY RANGE(col) (START (..) END (..) EVERY (INTERVAL n unit))`.
    Range {
        /// Inclusive start, e.g. `2021-01-01`.
        start: String,
        /// Exclusive end.
        end: String,
        /// Interval count.
        every: u32,
        /// Interval unit: `day`, `week`, `month`, `year` or `hour`.
        unit: String,
    },
    /// `PARTITION BY RANGE(col) (<verbatim>)`, from the rule's `partitions` key.
    Verbatim {
        /// The partition list text, verbatim.
        text: String,
    },
    /// `PARTITION BY date_trunc('<unit>', col)` (expression partitioning, StarRocks 3.1+).
    DateTrunc {
        /// `day`, `week`, `month`, `year` or `hour`.
        unit: String,
    },
    /// `PARTITION BY col1[, col2 ...]`: expression partitioning on column values (StarRocks
    /// 3.1+), one partition per distinct combination of values, created while loading. The
    /// columns may be strings (not binary), dates, datetimes, integers or booleans. Used for Hive
    /// `PARTITIONED BY` columns. [`Partitioning::column`] is the first of `columns`.
    Columns {
        /// The partition columns (target names), in order; at least one.
        columns: Vec<String>,
    },
}

/// Where a target column's values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnOrigin {
    /// A source column.
    Source,
    /// The source database name (shard identity), filled from the CDC connector's metadata.
    SourceDatabase,
    /// The source schema name (shard identity).
    SourceSchema,
    /// The source table name (shard identity).
    SourceTable,
}

/// One column of a target table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetColumn {
    /// The column, in neutral terms (unified across shards when merged).
    pub column: Column,
    /// Where its values come from.
    pub origin: ColumnOrigin,
    /// Aggregate function for AGGREGATE KEY value columns (`SUM`, `REPLACE`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregate: Option<String>,
    /// Explicit StarRocks type chosen by the plan (a key-legality conversion or a user CAST
    /// rule). `None` lets the StarRocks emitter map `column.data_type`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starrocks_type: Option<String>,
    /// Whether the column is part of the key (and therefore NOT NULL in a Primary Key table).
    #[serde(default)]
    pub is_key: bool,
}

impl TargetColumn {
    /// A plain source column.
    pub fn source(column: Column) -> Self {
        TargetColumn {
            column,
            origin: ColumnOrigin::Source,
            aggregate: None,
            starrocks_type: None,
            is_key: false,
        }
    }

    /// The target column name.
    pub fn name(&self) -> &str {
        &self.column.name
    }
}

/// How the Flink job finds the source rows of one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceSelector {
    /// Database name, or a regex for a merged shard group.
    pub database: String,
    /// Schema name or regex, for sources with schemas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Table name, or a regex for a merged shard group.
    pub table: String,
    /// Whether `database`/`schema`/`table` are regular expressions.
    pub is_pattern: bool,
}

/// A target table and everything needed to create and fill it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetTable {
    /// StarRocks database.
    pub database: String,
    /// StarRocks table.
    pub name: String,
    /// Table comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Columns in target order (key columns first).
    pub columns: Vec<TargetColumn>,
    /// Table model and key.
    pub key: KeyModel,
    /// Distribution.
    pub distribution: Distribution,
    /// Bucket policy.
    pub buckets: Buckets,
    /// Partitioning, when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition: Option<Partitioning>,
    /// Table PROPERTIES in output order.
    pub properties: Vec<(String, String)>,
    /// The source tables whose rows land here (one, or every shard of a merged group).
    pub sources: Vec<TableName>,
    /// How the Flink source selects those rows.
    pub selector: SourceSelector,
    /// Options for the Flink source (`flink.cdc.*` of the rule), in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flink_source_options: Vec<(String, String)>,
    /// Options for the Flink StarRocks sink (`flink.starrocks.*` of the rule), in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flink_sink_options: Vec<(String, String)>,
    /// Extra PROPERTIES for external tables (`external.properties.*`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub external_properties: Vec<(String, String)>,
}

impl TargetTable {
    /// The column with this target name.
    pub fn column(&self, name: &str) -> Option<&TargetColumn> {
        self.columns.iter().find(|c| c.name() == name).or_else(|| {
            self.columns
                .iter()
                .find(|c| c.name().eq_ignore_ascii_case(name))
        })
    }

    /// Whether this target merges several source tables.
    pub fn is_merged(&self) -> bool {
        self.sources.len() > 1
    }
}

/// Flink job layout options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlinkOptions {
    /// Group the INSERTs of one file into one `EXECUTE STATEMENT SET` (one Flink job).
    pub statement_set: bool,
}

impl Default for FlinkOptions {
    fn default() -> Self {
        FlinkOptions {
            statement_set: true,
        }
    }
}

/// The plan of one `[table-rule.N]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RulePlan {
    /// What follows `table-rule.` in the section name; names the `.N.sql` files.
    pub name: String,
    /// Target tables in deterministic order.
    pub tables: Vec<TargetTable>,
}

/// How serious a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; nothing is lost.
    Info,
    /// Something may be lost or needs a look.
    Warning,
}

/// A note collected while planning or emitting.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Warning {
    /// How serious it is.
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `lossy-mapping`, `rule-matched-nothing`.
    pub code: String,
    /// The table concerned (`db.table` of the source, or the target name), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The column concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Human message.
    pub message: String,
    /// Further tables the same note applies to (same severity, code, column and message), so
    /// that a note repeated over thousands of tables is held once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more_tables: Vec<String>,
}

impl Warning {
    /// A warning of severity [`Severity::Warning`].
    pub fn warn(code: &str, message: impl Into<String>) -> Self {
        Warning {
            severity: Severity::Warning,
            code: code.to_string(),
            table: None,
            column: None,
            message: message.into(),
            more_tables: Vec::new(),
        }
    }

    /// A note of severity [`Severity::Info`].
    pub fn info(code: &str, message: impl Into<String>) -> Self {
        Warning {
            severity: Severity::Info,
            ..Warning::warn(code, message)
        }
    }

    /// Attach a table.
    pub fn on_table(mut self, table: impl Into<String>) -> Self {
        self.table = Some(table.into());
        self
    }

    /// Attach a column.
    pub fn on_column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    /// Every table this note applies to: [`table`](Warning::table), then
    /// [`more_tables`](Warning::more_tables).
    pub fn tables(&self) -> impl Iterator<Item = &str> {
        self.table
            .iter()
            .chain(self.more_tables.iter())
            .map(String::as_str)
    }

    /// Whether `other` says the same thing (severity, code, column and message), whatever the
    /// tables.
    pub fn same_note(&self, other: &Warning) -> bool {
        self.severity == other.severity
            && self.code == other.code
            && self.column == other.column
            && self.message == other.message
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let more = match self.more_tables.len() {
            0 => String::new(),
            n => format!(" (and {n} more table(s))"),
        };
        match (&self.table, &self.column) {
            (Some(t), Some(c)) => write!(f, "[{}] {t}.{c}{more}: {}", self.code, self.message),
            (Some(t), None) => write!(f, "[{}] {t}{more}: {}", self.code, self.message),
            _ => write!(f, "[{}] {}", self.code, self.message),
        }
    }
}

/// The whole plan: source, target profile, rules and warnings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Source kind.
    pub source: SourceKind,
    /// Source server version, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_version: Option<String>,
    /// How to reach the source.
    pub connection: Connection,
    /// Target cluster profile.
    pub target: TargetProfile,
    /// Flink job layout.
    #[serde(default)]
    pub flink: FlinkOptions,
    /// Rules in file order.
    pub rules: Vec<RulePlan>,
    /// Warnings collected while planning.
    pub warnings: Vec<Warning>,
}

impl Plan {
    /// Every target table of every rule, in order.
    pub fn tables(&self) -> impl Iterator<Item = (&RulePlan, &TargetTable)> {
        self.rules
            .iter()
            .flat_map(|r| r.tables.iter().map(move |t| (r, t)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_columns_serde() {
        let p = Partitioning {
            column: "dt".into(),
            spec: PartitionSpec::Columns {
                columns: vec!["dt".into(), "hr".into()],
            },
        };
        let json = serde_json::to_string(&p).expect("json");
        assert_eq!(
            json,
            r#"{"column":"dt","spec":{"kind":"columns","columns":["dt","hr"]}}"#
        );
        assert_eq!(
            serde_json::from_str::<Partitioning>(&json).expect("read"),
            p
        );
        assert_eq!(p.columns(), ["dt", "hr"]);
        // The older forms read as before.
        let old: Partitioning =
            serde_json::from_str(r#"{"column":"d","spec":{"kind":"date_trunc","unit":"day"}}"#)
                .expect("read");
        assert_eq!(old.columns(), ["d"]);
    }

    #[test]
    fn version_parse_and_order() {
        let v: StarRocksVersion = "3.3".parse().unwrap();
        assert_eq!(v, StarRocksVersion::new(3, 3, 0));
        let v: StarRocksVersion = "3.3.5-ee".parse().unwrap();
        assert!(v.at_least(3, 3, 5));
        assert!(!v.at_least(3, 4, 0));
        assert!("x".parse::<StarRocksVersion>().is_err());
        assert!("1.2.3.4".parse::<StarRocksVersion>().is_err());
    }

    #[test]
    fn secret_never_shows() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "\"***\"");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"***\"");
        assert_eq!(s.expose(), "hunter2");
    }
}

/// One generated file, before it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputFile {
    /// File name inside the result folder, e.g. `starrocks-create.1.sql`.
    pub name: String,
    /// Full contents.
    pub contents: String,
    /// Whether the contents include a password (the file is then written with mode 0600).
    pub contains_secret: bool,
}

/// Error a [`FileSink`] returns to stop an emitter (e.g. a failed write), carried through as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinkError(pub String);

impl fmt::Display for SinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SinkError {}

/// Where emitters hand each generated file as soon as it is rendered, so that a run over
/// thousands of tables never holds every file in memory at once.
pub type FileSink<'a> = dyn FnMut(OutputFile) -> Result<(), SinkError> + 'a;

/// A file opened on a [`FileStream`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileId(pub usize);

/// Where emitters write generated files piece by piece, so that no whole file is ever held in
/// memory. Several files may be open at once; a file is complete once closed. Files opened but
/// never closed (the emitter failed) are incomplete and must not be used.
pub trait FileStream {
    /// Start a file named `name` (inside the result folder).
    fn open(&mut self, name: &str) -> Result<FileId, SinkError>;
    /// Append text to an open file.
    fn write(&mut self, file: FileId, chunk: &str) -> Result<(), SinkError>;
    /// Finish a file; `contains_secret` says whether it holds a password.
    fn close(&mut self, file: FileId, contains_secret: bool) -> Result<(), SinkError>;
}

/// A [`FileStream`] that gathers every file in memory and hands it to a [`FileSink`] when it is
/// closed (the adapter behind the emitters' `emit_each`).
pub struct CollectFiles<'s, 'a> {
    sink: &'s mut FileSink<'a>,
    open: Vec<Option<(String, String)>>,
}

impl<'s, 'a> CollectFiles<'s, 'a> {
    /// Collect into `sink`.
    pub fn new(sink: &'s mut FileSink<'a>) -> Self {
        CollectFiles {
            sink,
            open: Vec::new(),
        }
    }
}

impl FileStream for CollectFiles<'_, '_> {
    fn open(&mut self, name: &str) -> Result<FileId, SinkError> {
        self.open.push(Some((name.to_string(), String::new())));
        Ok(FileId(self.open.len() - 1))
    }

    fn write(&mut self, file: FileId, chunk: &str) -> Result<(), SinkError> {
        match self.open.get_mut(file.0) {
            Some(Some((_, contents))) => {
                contents.push_str(chunk);
                Ok(())
            }
            _ => Err(SinkError(format!(
                "write to a file that is not open ({})",
                file.0
            ))),
        }
    }

    fn close(&mut self, file: FileId, contains_secret: bool) -> Result<(), SinkError> {
        match self.open.get_mut(file.0).and_then(Option::take) {
            Some((name, contents)) => (self.sink)(OutputFile {
                name,
                contents,
                contains_secret,
            }),
            None => Err(SinkError(format!(
                "close of a file that is not open ({})",
                file.0
            ))),
        }
    }
}
