//! Rendering of `starrocks-catalog-load.*.sql`: the StarRocks-native full load.
//!
//! For a source StarRocks can read through an external catalog (Hive: a Hive catalog;
//! ClickHouse: a JDBC catalog), each file creates the catalog and fills every target table of its
//! rule with `INSERT INTO <db>.<table> (<cols>) SELECT ... FROM <catalog>.<db>.<table>`. No Flink
//! is involved: the BEs read the source and load the rows themselves. See `docs/full-load.md`.

use std::fmt::Write as _;

use smt_ir::{
    ColumnOrigin, FileStream, Plan, SourceKind, StarRocksVersion, TableName, TargetColumn,
    TargetTable, Warning,
};

use crate::check::{self, table_label};
use crate::ddl::{EmitError, Emitted};
use crate::mapping::{self, TypeClass};
use crate::quote::{quote_ident, quote_single, quote_string};
use crate::sqlfile::SqlFile;
use crate::srtype;

/// Prefix of the `starrocks-catalog-load` files.
pub const CATALOG_LOAD_PREFIX: &str = "starrocks-catalog-load";

/// JDBC driver class of the ClickHouse catalog.
pub const CLICKHOUSE_DRIVER_CLASS: &str = "com.clickhouse.jdbc.ClickHouseDriver";

/// Driver jar the ClickHouse catalog downloads when no rule sets `external.properties.driver_url`.
pub const CLICKHOUSE_DEFAULT_DRIVER_URL: &str = "https://repo1.maven.org/maven2/com/clickhouse/clickhouse-jdbc/0.4.6/clickhouse-jdbc-0.4.6-all.jar";

/// Seconds a single `INSERT ... SELECT` may run before StarRocks cancels it (24 hours).
pub const LOAD_TIMEOUT_SECS: u32 = 86_400;

/// The kind of StarRocks external catalog a source is read through.
///
/// Adding a source (e.g. a JDBC catalog for MySQL or PostgreSQL) is one arm in
/// [`CatalogKind::of`] plus its properties in `catalog_properties`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogKind {
    /// `"type" = "hive"`: reads the Hive metastore and the table files (HDFS, S3, ...).
    Hive,
    /// `"type" = "jdbc"` with the ClickHouse JDBC driver (StarRocks 3.3.0+, experimental).
    ClickhouseJdbc,
}

impl CatalogKind {
    /// The catalog kind of a source, or `None` when smt writes no catalog-load file for it.
    pub fn of(source: SourceKind) -> Option<Self> {
        match source {
            SourceKind::Hive => Some(CatalogKind::Hive),
            SourceKind::Clickhouse => Some(CatalogKind::ClickhouseJdbc),
            SourceKind::Mysql
            | SourceKind::Tidb
            | SourceKind::Pgsql
            | SourceKind::Oracle
            | SourceKind::Sqlserver => None,
        }
    }

    /// The first StarRocks version that has this catalog.
    pub fn min_version(self) -> StarRocksVersion {
        match self {
            CatalogKind::Hive => StarRocksVersion::new(2, 3, 0),
            CatalogKind::ClickhouseJdbc => StarRocksVersion::new(3, 3, 0),
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            CatalogKind::Hive => "smt_hive",
            CatalogKind::ClickhouseJdbc => "smt_clickhouse",
        }
    }
}

/// The name of the catalog the plan's catalog-load files create: `smt_<kind>_<host>[_<port>]`,
/// lower-cased, every character other than `a-z`, `0-9` and `_` replaced by `_`, at most 64
/// characters. `None` when the source has no catalog-load path.
pub fn catalog_name(plan: &Plan) -> Option<String> {
    let kind = CatalogKind::of(plan.source)?;
    let suffix = match kind {
        CatalogKind::Hive => metastore_uris(plan)
            .map(|u| first_uri_host(&u))
            .unwrap_or_else(|| plan.connection.host.clone()),
        CatalogKind::ClickhouseJdbc => {
            format!("{}_{}", plan.connection.host, plan.connection.port)
        }
    };
    Some(sanitise_name(kind.prefix(), &suffix))
}

fn sanitise_name(prefix: &str, suffix: &str) -> String {
    let mut tail = String::new();
    for c in suffix.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            tail.push(c);
        } else if !tail.is_empty() && !tail.ends_with('_') {
            tail.push('_');
        }
    }
    let tail = tail.trim_end_matches('_');
    let mut out = if tail.is_empty() {
        prefix.to_string()
    } else {
        format!("{prefix}_{tail}")
    };
    out.truncate(64);
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// `host` of the first `thrift://host:port` in a comma-separated list.
fn first_uri_host(uris: &str) -> String {
    let first = uris.split(',').next().unwrap_or("").trim();
    let rest = first.split_once("://").map_or(first, |(_, r)| r);
    rest.split([':', '/']).next().unwrap_or("").to_string()
}

fn metastore_uris(plan: &Plan) -> Option<String> {
    plan.connection
        .fact("hive.metastore-uris")
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_string)
}

/// A user option for the catalog: the first rule table's `external.properties.<key>`.
fn user_option<'a>(plan: &'a Plan, key: &str) -> Option<&'a str> {
    plan.tables().find_map(|(_, t)| {
        t.external_properties
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    })
}

/// The catalog statement and whether it holds a password.
struct CatalogStmt {
    sql: String,
    secret: bool,
}

fn catalog_statement(
    plan: &Plan,
    kind: CatalogKind,
    name: &str,
    warnings: &mut Vec<Warning>,
) -> CatalogStmt {
    let mut props: Vec<(&str, String)> = Vec::new();
    let mut notes = Vec::new();
    let mut secret = false;
    match kind {
        CatalogKind::Hive => {
            let uris = metastore_uris(plan).unwrap_or_else(|| {
                let host = if plan.connection.host.trim().is_empty() {
                    "METASTORE_HOST"
                } else {
                    plan.connection.host.trim()
                };
                let guess = format!("thrift://{host}:9083");
                warnings.push(Warning::warn(
                    "catalog-load-metastore",
                    format!(
                        "the Hive metastore address is not known: the catalog-load files use the \
                         placeholder `{guess}` (the source host on the default metastore port); \
                         replace it with the `hive.metastore.uris` of hive-site.xml before running \
                         them"
                    ),
                ));
                notes.push(format!(
                    "-- PLACEHOLDER: \"hive.metastore.uris\" below is a guess ({}); replace it with \
                     the value of hive-site.xml",
                    one_line(&guess)
                ));
                guess
            });
            props.push(("type", "hive".into()));
            props.push(("hive.metastore.type", "hive".into()));
            props.push(("hive.metastore.uris", uris));
        }
        CatalogKind::ClickhouseJdbc => {
            let c = &plan.connection;
            let uri = user_option(plan, "jdbc_uri")
                .map(str::to_string)
                .unwrap_or_else(|| format!("jdbc:clickhouse://{}:{}", c.host, c.port));
            let driver_url = user_option(plan, "driver_url")
                .map(str::to_string)
                .unwrap_or_else(|| {
                    warnings.push(Warning::warn(
                        "catalog-load-driver-url",
                        format!(
                            "no `external.properties.driver_url` is set: the ClickHouse catalog \
                             downloads the JDBC driver from {CLICKHOUSE_DEFAULT_DRIVER_URL}; every \
                             FE and BE must reach that URL (or set a file:// URL of a copy on \
                             each node)"
                        ),
                    ));
                    CLICKHOUSE_DEFAULT_DRIVER_URL.to_string()
                });
            let driver_class = user_option(plan, "driver_class")
                .unwrap_or(CLICKHOUSE_DRIVER_CLASS)
                .to_string();
            secret = !c.password.is_empty();
            props.push(("type", "jdbc".into()));
            props.push(("user", c.user.clone()));
            props.push(("password", c.password.expose().to_string()));
            props.push(("jdbc_uri", uri));
            props.push(("driver_url", driver_url));
            props.push(("driver_class", driver_class));
        }
    }
    let min = kind.min_version();
    if plan.target.version < min {
        warnings.push(Warning::warn(
            "catalog-load-version",
            format!(
                "the {} catalog the catalog-load files use needs StarRocks {min}+ (target is {}); \
                 use the Flink batch files instead",
                match kind {
                    CatalogKind::Hive => "Hive",
                    CatalogKind::ClickhouseJdbc => "ClickHouse JDBC",
                },
                plan.target.version
            ),
        ));
    }
    let mut sql = String::new();
    for n in notes {
        sql.push_str(&n);
        sql.push('\n');
    }
    sql.push_str("CREATE EXTERNAL CATALOG ");
    if if_not_exists(plan.target.version) {
        sql.push_str("IF NOT EXISTS ");
    }
    sql.push_str(&quote_ident(name));
    sql.push_str("\nPROPERTIES (");
    for (i, (k, v)) in props.iter().enumerate() {
        sql.push_str(if i == 0 { "\n  " } else { ",\n  " });
        sql.push_str(&quote_string(k));
        sql.push_str(" = ");
        sql.push_str(&quote_string(v));
    }
    sql.push_str("\n)");
    CatalogStmt { sql, secret }
}

/// Whether `CREATE EXTERNAL CATALOG IF NOT EXISTS` is accepted (StarRocks 3.2+).
fn if_not_exists(v: StarRocksVersion) -> bool {
    v.at_least(3, 2, 0)
}

/// The session settings before the loads.
fn session_settings(plan: &Plan) -> [String; 2] {
    // `insert_timeout` governs INSERT from 3.4; before, `query_timeout` does.
    let var = if plan.target.version.at_least(3, 4, 0) {
        "insert_timeout"
    } else {
        "query_timeout"
    };
    [
        format!("SET {var} = {LOAD_TIMEOUT_SECS}"),
        "SET enable_insert_strict = true".to_string(),
    ]
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

fn header(plan: &Plan, kind: CatalogKind, file: &str, scope: &str) -> String {
    let what = match kind {
        CatalogKind::Hive => "Hive, through a StarRocks Hive catalog",
        CatalogKind::ClickhouseJdbc => {
            "ClickHouse, through a StarRocks JDBC catalog (experimental in StarRocks)"
        }
    };
    let file = one_line(file);
    let create = file.replacen(CATALOG_LOAD_PREFIX, crate::ddl::CREATE_PREFIX, 1);
    let mut h = String::new();
    let _ = writeln!(h, "-- {file}: full load of {scope} from {what}.");
    let _ = writeln!(
        h,
        "-- Generated by smt. No Flink is needed: the StarRocks BEs read the source and load the rows."
    );
    let _ = writeln!(
        h,
        "-- Run it after {create} (the target tables must exist), with any MySQL client:"
    );
    let _ = writeln!(h, "--   mysql -h <fe-host> -P 9030 -u <user> -p < {file}");
    match kind {
        CatalogKind::Hive => {
            let _ = writeln!(
                h,
                "-- The BEs must reach the Hive metastore and the table files (HDFS / object storage)."
            );
        }
        CatalogKind::ClickhouseJdbc => {
            let _ = writeln!(
                h,
                "-- Needs StarRocks 3.3.0+; the FEs and BEs must reach ClickHouse ({}) and the driver_url.",
                one_line(&format!(
                    "{}:{}",
                    plan.connection.host, plan.connection.port
                ))
            );
        }
    }
    let _ = writeln!(
        h,
        "-- Each INSERT is one load job; running it twice loads the rows twice into a Duplicate Key table."
    );
    let _ = writeln!(h, "-- See docs/full-load.md.");
    h.push('\n');
    h
}

/// Generate the catalog-load files of the plan, collected in memory (for tests and embedders):
/// `starrocks-catalog-load.<rule>.sql` per rule, then `starrocks-catalog-load.all.sql`. A source
/// without a catalog-load path (see [`CatalogKind::of`]) gives no file.
pub fn catalog_load(plan: &Plan) -> Result<Emitted, EmitError> {
    let mut files = Vec::new();
    let warnings = catalog_load_to(
        plan,
        &mut smt_ir::CollectFiles::new(&mut |f| {
            files.push(f);
            Ok(())
        }),
    )?;
    // `catalog_load_to` closes each rule file before the `.all` file: that is the documented order.
    Ok(Emitted { files, warnings })
}

/// Write the catalog-load files of the plan piece by piece into `stream` (no whole file is held
/// in memory); returns the notes (`catalog-load-*` warnings). A source without a catalog-load
/// path writes nothing. The files hold the source password (ClickHouse) and are then closed as
/// secret. The target tables are not checked here: run [`emit_to`](crate::emit_to) first.
pub fn catalog_load_to(
    plan: &Plan,
    stream: &mut dyn FileStream,
) -> Result<Vec<Warning>, EmitError> {
    let Some(kind) = CatalogKind::of(plan.source) else {
        return Ok(Vec::new());
    };
    let mut warnings = Vec::new();
    let name = catalog_name(plan).unwrap_or_else(|| kind.prefix().to_string());
    let catalog = catalog_statement(plan, kind, &name, &mut warnings);
    let settings = session_settings(plan);

    let all_name = format!("{CATALOG_LOAD_PREFIX}.all.sql");
    let mut all = SqlFile::open(stream, &all_name, None)?;
    all.text(&header(plan, kind, &all_name, "every rule"));
    all.stmt(stream, &catalog.sql)?;
    for s in &settings {
        all.stmt(stream, s)?;
    }
    let mut scratch = String::new();
    for rule in &plan.rules {
        let file_name = format!("{CATALOG_LOAD_PREFIX}.{}.sql", rule.name);
        let scope = format!("rule {}", one_line(&rule.name));
        let mut file = SqlFile::open(stream, &file_name, None)?;
        file.text(&header(plan, kind, &file_name, &scope));
        file.stmt(stream, &catalog.sql)?;
        for s in &settings {
            file.stmt(stream, s)?;
        }
        for t in &rule.tables {
            scratch.clear();
            if render_insert_into(&mut scratch, plan, kind, &name, t, &mut warnings) {
                file.stmt(stream, &scratch)?;
                all.stmt(stream, &scratch)?;
            }
        }
        file.close(stream, catalog.secret)?;
    }
    all.close(stream, catalog.secret)?;
    Ok(warnings)
}

/// The source tables of a target: every shard of a merged group, else the selector's table.
fn source_tables(table: &TargetTable) -> Vec<TableName> {
    if !table.sources.is_empty() {
        return table.sources.clone();
    }
    if table.selector.is_pattern {
        return Vec::new();
    }
    vec![TableName {
        database: table.selector.database.clone(),
        schema: table.selector.schema.clone(),
        name: table.selector.table.clone(),
    }]
}

/// The `CAST` target of a source column, when the plan chose a StarRocks type other than the one
/// its source type maps to (a key-legality conversion or a user CAST rule).
fn cast_type<'a>(tc: &'a TargetColumn, plan: &Plan) -> Option<(&'a str, Option<TypeClass>)> {
    let chosen = tc.starrocks_type.as_deref()?.trim();
    let natural = mapping::map_sr_type(&tc.column, plan.source, &plan.target);
    let same = srtype::parse(chosen).is_some_and(|c| c == natural)
        || natural.to_string().eq_ignore_ascii_case(chosen);
    if same {
        None
    } else {
        Some((chosen, natural.class()))
    }
}

/// Append `INSERT INTO ... SELECT ...` for one target; `false` (and a warning) when the target
/// has no source table to read.
fn render_insert_into(
    s: &mut String,
    plan: &Plan,
    kind: CatalogKind,
    catalog: &str,
    table: &TargetTable,
    warnings: &mut Vec<Warning>,
) -> bool {
    let sources = source_tables(table);
    if sources.is_empty() {
        warnings.push(
            Warning::warn(
                "catalog-load-no-source",
                "no source table is known for this target: the catalog-load files do not fill it",
            )
            .on_table(table_label(table)),
        );
        return false;
    }
    let types = check::column_types(table, plan);
    let mut casts: Vec<Option<&str>> = Vec::with_capacity(table.columns.len());
    for (tc, ty) in table.columns.iter().zip(&types) {
        if tc.origin != ColumnOrigin::Source {
            casts.push(None);
            continue;
        }
        let cast = cast_type(tc, plan);
        if let Some((to, Some(TypeClass::Array | TypeClass::Map | TypeClass::Struct))) = cast {
            warnings.push(
                Warning::info(
                    "catalog-load-cast",
                    format!(
                        "the load casts this complex column to {to}; StarRocks may refuse the \
                         cast: check the INSERT before the real run"
                    ),
                )
                .on_table(table_label(table))
                .on_column(tc.name()),
            );
        }
        if kind == CatalogKind::ClickhouseJdbc
            && ty
                .parsed()
                .and_then(srtype::SrType::class)
                .is_some_and(|c| {
                    matches!(
                        c,
                        TypeClass::Array | TypeClass::Map | TypeClass::Struct | TypeClass::Json
                    )
                })
        {
            warnings.push(
                Warning::info(
                    "catalog-load-jdbc-type",
                    "StarRocks' JDBC catalog may not expose this ClickHouse type; if the INSERT \
                     fails on it, load the table with the Flink batch file",
                )
                .on_table(table_label(table))
                .on_column(tc.name()),
            );
        }
        casts.push(cast.map(|(to, _)| to));
    }

    if table.is_merged() {
        let _ = writeln!(
            s,
            "-- merged target of {} source tables: one SELECT per source table",
            sources.len()
        );
    }
    s.push_str("INSERT INTO ");
    s.push_str(&quote_ident(&table.database));
    s.push('.');
    s.push_str(&quote_ident(&table.name));
    s.push_str(" (");
    for (i, tc) in table.columns.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&quote_ident(tc.name()));
    }
    s.push(')');
    for (n, src) in sources.iter().enumerate() {
        if n > 0 {
            s.push_str("\nUNION ALL");
        }
        s.push_str("\nSELECT ");
        for (i, (tc, cast)) in table.columns.iter().zip(&casts).enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            select_expr(s, tc, *cast, src);
        }
        s.push_str("\nFROM ");
        s.push_str(&quote_ident(catalog));
        s.push('.');
        s.push_str(&quote_ident(&src.database));
        s.push('.');
        s.push_str(&quote_ident(&src.name));
    }
    true
}

fn select_expr(s: &mut String, tc: &TargetColumn, cast: Option<&str>, src: &TableName) {
    let name = quote_ident(tc.name());
    match tc.origin {
        ColumnOrigin::Source => match cast {
            Some(to) => {
                let _ = write!(s, "CAST({name} AS {to}) AS {name}");
            }
            None => s.push_str(&name),
        },
        origin => {
            // no connector metadata in a catalog read: the shard's names are constants
            let value = match origin {
                ColumnOrigin::SourceTable => src.name.as_str(),
                ColumnOrigin::SourceSchema => src.schema.as_deref().unwrap_or(&src.database),
                _ => src.database.as_str(),
            };
            let _ = write!(s, "{} AS {name}", quote_single(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_names_are_sanitised() {
        assert_eq!(
            sanitise_name("smt_hive", "hms.example.com"),
            "smt_hive_hms_example_com"
        );
        assert_eq!(sanitise_name("smt_hive", ""), "smt_hive");
        assert_eq!(
            sanitise_name("smt_hive", "--Ünï`co de--"),
            "smt_hive_n_co_de"
        );
        assert_eq!(
            sanitise_name("smt_clickhouse", "[::1]_8123"),
            "smt_clickhouse_1_8123"
        );
        let long = sanitise_name("smt_hive", &"a.".repeat(100));
        assert!(long.len() <= 64 && !long.ends_with('_'), "{long}");
    }

    #[test]
    fn metastore_host() {
        assert_eq!(first_uri_host("thrift://a:9083,thrift://b:9083"), "a");
        assert_eq!(first_uri_host(" thrift://h.x/ "), "h.x");
        assert_eq!(first_uri_host("h:1"), "h");
    }
}
