//! # smt-source-sqlserver
//!
//! Live SQL Server source adapter for smt: reads the `sys.*` catalog views over tiberius (TDS,
//! rustls) and returns neutral [`smt_ir::Table`]s.
//!
//! - [`SqlServerSourceFactory`] opens a [`SqlServerSource`] from a [`SourceConfig`]
//!   (`[db] host/port/user/password`, `options["encrypt"]` = `off`/`on`/`required`/`strict`,
//!   `options["trust_server_certificate"]`, `options["trust_server_certificate_ca"]`,
//!   `options["instance_name"]`).
//! - Databases come from `sys.databases` (ONLINE, not a system database) matched by the rules'
//!   `database` patterns; one connection per database (SQL Server catalogs are per database).
//!   Within a database [`SqlServerSource::describe_tables`] sends four queries whatever the number
//!   of tables (see [`SourceCatalog::query_count`]).
//! - The catalog rows become IR through the pure functions of [`model`], which is where every
//!   type, key and default rule lives and is tested.
//!
//! This crate knows nothing about StarRocks or Flink.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use smt_catalog::{
    Error, ErrorKind, Filter, Result, SourceCatalog, SourceConfig, SourceFactory, SourceKind,
    Table, TableName,
};
use tiberius::{ColumnData, Row};

pub mod check;
mod connect;
pub mod model;
pub mod sql;

use connect::{Conn, is_permission_error, map_error};
pub use connect::{ENCRYPT_MODES, client_config, parse_encrypt};
use model::{ColumnRow, IndexColumnRow, SizeRow, TableRow};

/// Opens [`SqlServerSource`]s; register it for [`SourceKind::Sqlserver`].
#[derive(Debug, Default, Clone, Copy)]
pub struct SqlServerSourceFactory;

#[async_trait]
impl SourceFactory for SqlServerSourceFactory {
    async fn open(&self, config: &SourceConfig) -> Result<Box<dyn SourceCatalog>> {
        Ok(Box::new(SqlServerSource::connect(config.clone()).await?))
    }
}

/// A live SQL Server, read through `sys.*` views.
pub struct SqlServerSource {
    config: SourceConfig,
    version: String,
    queries: AtomicU64,
}

impl std::fmt::Debug for SqlServerSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqlServerSource")
            .field("config", &self.config)
            .field("version", &self.version)
            .finish()
    }
}

impl SqlServerSource {
    /// Connect to the login's default database and read the version banner.
    pub async fn connect(config: SourceConfig) -> Result<Self> {
        let source = SqlServerSource {
            config,
            version: String::new(),
            queries: AtomicU64::new(0),
        };
        let mut conn = connect::connect(&source.config, None).await?;
        let rows = source.query(&mut conn, None, sql::VERSION, None).await?;
        let banner = rows
            .first()
            .map(|r| cell_str(r, "banner"))
            .transpose()?
            .flatten()
            .unwrap_or_default();
        let _ = conn.close().await;
        // `@@VERSION` is several lines; the first names the product and version.
        let version = banner.lines().next().unwrap_or("").trim().to_string();
        Ok(SqlServerSource { version, ..source })
    }

    /// Run one catalog query, with `@P1` bound when given.
    async fn query(
        &self,
        conn: &mut Conn,
        database: Option<&str>,
        text: &str,
        param: Option<&str>,
    ) -> Result<Vec<Row>> {
        self.raw_query(conn, text, param)
            .await
            .map_err(|e| self.query_error(e, database))
    }

    async fn raw_query(
        &self,
        conn: &mut Conn,
        text: &str,
        param: Option<&str>,
    ) -> tiberius::Result<Vec<Row>> {
        self.queries.fetch_add(1, Ordering::Relaxed);
        let mut q = tiberius::Query::new(text);
        if let Some(p) = param {
            q.bind(p.to_string());
        }
        q.query(conn).await?.into_first_result().await
    }

    fn query_error(&self, e: tiberius::error::Error, database: Option<&str>) -> Error {
        let e = map_error(e, &self.config, database);
        match database {
            Some(d) => e.context(format!("reading the catalog of database `{d}`")),
            None => e.context("reading the server catalog"),
        }
    }

    /// Online user databases the filter selects. A literal database name that the server does
    /// not have is an error.
    async fn matched_databases(&self, filter: &Filter) -> Result<Vec<String>> {
        let mut conn = connect::connect(&self.config, None).await?;
        let rows = self.query(&mut conn, None, sql::DATABASES, None).await?;
        let _ = conn.close().await;
        let mut all = Vec::with_capacity(rows.len());
        for r in &rows {
            if let Some(n) = cell_str(r, "name")? {
                all.push(n);
            }
        }
        select_databases(all, filter, &self.config.address())
    }

    /// Describe tables of one database: four queries (tables, columns, keys, sizes).
    async fn describe_in_database(
        &self,
        database: &str,
        wanted: &[&TableName],
    ) -> Result<Vec<Table>> {
        let param = sql::wanted_xml(
            wanted
                .iter()
                .map(|t| (t.schema.as_deref().unwrap_or("dbo"), t.name.as_str())),
        );
        let db = Some(database);
        let mut conn = connect::connect(&self.config, db).await?;
        let table_rows = self
            .query(&mut conn, db, sql::TABLES, Some(&param))
            .await?
            .iter()
            .map(table_row)
            .collect::<Result<Vec<_>>>()?;
        let column_rows = self
            .query(&mut conn, db, sql::COLUMNS, Some(&param))
            .await?
            .iter()
            .map(column_row)
            .collect::<Result<Vec<_>>>()?;
        let key_rows = self
            .query(&mut conn, db, sql::KEYS, Some(&param))
            .await?
            .iter()
            .map(key_row)
            .collect::<Result<Vec<_>>>()?;
        let size_rows = match self.raw_query(&mut conn, sql::SIZES, Some(&param)).await {
            Ok(rows) => rows,
            // No VIEW DATABASE STATE: row counts from sys.partitions, no byte sizes.
            Err(e) if is_permission_error(&e) => {
                self.query(&mut conn, db, sql::SIZES_FALLBACK, Some(&param))
                    .await?
            }
            Err(e) => return Err(self.query_error(e, db)),
        }
        .iter()
        .map(size_row)
        .collect::<Result<Vec<_>>>()?;
        let _ = conn.close().await;
        Ok(model::build_tables(
            database,
            &table_rows,
            &column_rows,
            &key_rows,
            &size_rows,
        ))
    }
}

#[async_trait]
impl SourceCatalog for SqlServerSource {
    fn kind(&self) -> SourceKind {
        SourceKind::Sqlserver
    }

    async fn server_version(&self) -> Result<String> {
        Ok(self.version.clone())
    }

    async fn preflight(
        &self,
        ctx: &smt_catalog::PreflightContext<'_>,
    ) -> Result<Vec<smt_catalog::CheckItem>> {
        check::preflight(self, ctx).await
    }

    async fn list_tables(&self, filter: &Filter) -> Result<Vec<TableName>> {
        let mut out = Vec::new();
        for database in self.matched_databases(filter).await? {
            let db = Some(database.as_str());
            let mut conn = connect::connect(&self.config, db).await?;
            let rows = self.query(&mut conn, db, sql::LIST_TABLES, None).await?;
            let _ = conn.close().await;
            for r in &rows {
                let (Some(schema), Some(table)) =
                    (cell_str(r, "schema_name")?, cell_str(r, "table_name")?)
                else {
                    continue;
                };
                let name = TableName::with_schema(&database, schema, table);
                if filter.matches(&name) {
                    out.push(name);
                }
            }
        }
        Ok(out)
    }

    async fn describe_tables(&self, tables: &[TableName]) -> Result<Vec<Table>> {
        let mut by_db: BTreeMap<&str, Vec<&TableName>> = BTreeMap::new();
        for t in tables {
            by_db.entry(t.database.as_str()).or_default().push(t);
        }
        let mut found: BTreeMap<TableName, Table> = BTreeMap::new();
        for (db, wanted) in by_db {
            for t in self.describe_in_database(db, &wanted).await? {
                found.insert(t.name.clone(), t);
            }
        }
        Ok(tables.iter().filter_map(|n| found.remove(n)).collect())
    }

    fn query_count(&self) -> u64 {
        self.queries.load(Ordering::Relaxed)
    }
}

/// The online user databases (`all`, from `sys.databases`) the rules select. A rule that names
/// a database literally (`^shop$`) that is not among them is a `NotFound` error.
pub fn select_databases(all: Vec<String>, filter: &Filter, address: &str) -> Result<Vec<String>> {
    for rule in &filter.rules {
        if let Some(name) = rule.database.literal()
            && !all.contains(&name)
        {
            return Err(Error::new(
                ErrorKind::NotFound,
                format!(
                    "database `{name}` (table rule database `{}`) is not an online user database \
                     on {address}; databases there: {}",
                    rule.database.as_str(),
                    all.join(", ")
                ),
            ));
        }
    }
    Ok(all
        .into_iter()
        .filter(|d| filter.matches_database(d))
        .collect())
}

fn cell<'a>(row: &'a Row, name: &str) -> Result<&'a ColumnData<'static>> {
    row.get_column_data(name).map_err(|e| {
        Error::new(
            ErrorKind::Query,
            format!("catalog row has no column `{name}`: {e}"),
        )
    })
}

fn wrong(name: &str, what: &str) -> Error {
    Error::new(
        ErrorKind::Query,
        format!("catalog column `{name}` is not {what}"),
    )
}

/// A text cell.
fn cell_str(row: &Row, name: &str) -> Result<Option<String>> {
    match cell(row, name)? {
        ColumnData::String(s) => Ok(s.as_ref().map(|s| s.to_string())),
        _ => Err(wrong(name, "text")),
    }
}

/// An integer cell of any width (bit counts as 0/1).
fn cell_i64(row: &Row, name: &str) -> Result<Option<i64>> {
    Ok(match cell(row, name)? {
        ColumnData::U8(v) => v.map(i64::from),
        ColumnData::I16(v) => v.map(i64::from),
        ColumnData::I32(v) => v.map(i64::from),
        ColumnData::I64(v) => *v,
        ColumnData::Bit(v) => v.map(i64::from),
        _ => return Err(wrong(name, "an integer")),
    })
}

fn cell_bool(row: &Row, name: &str) -> Result<bool> {
    Ok(match cell(row, name)? {
        ColumnData::Bit(v) => v.unwrap_or(false),
        _ => cell_i64(row, name)?.unwrap_or(0) != 0,
    })
}

fn cell_i32(row: &Row, name: &str) -> Result<i32> {
    let v = cell_i64(row, name)?.unwrap_or(0);
    i32::try_from(v).map_err(|_| wrong(name, "a 32-bit integer"))
}

fn required(v: Option<String>, name: &str) -> Result<String> {
    v.ok_or_else(|| wrong(name, "set"))
}

fn table_row(r: &Row) -> Result<TableRow> {
    Ok(TableRow {
        object_id: cell_i32(r, "object_id")?,
        schema: required(cell_str(r, "schema_name")?, "schema_name")?,
        name: required(cell_str(r, "table_name")?, "table_name")?,
        comment: cell_str(r, "comment")?,
    })
}

fn column_row(r: &Row) -> Result<ColumnRow> {
    let small = |name: &str| -> Result<i64> { Ok(cell_i64(r, name)?.unwrap_or(0)) };
    Ok(ColumnRow {
        object_id: cell_i32(r, "object_id")?,
        column_id: cell_i32(r, "column_id")?,
        name: required(cell_str(r, "column_name")?, "column_name")?,
        type_name: cell_str(r, "type_name")?.unwrap_or_default(),
        base_type_name: cell_str(r, "base_type_name")?.unwrap_or_default(),
        is_user_defined: cell_bool(r, "is_user_defined")?,
        is_assembly_type: cell_bool(r, "is_assembly_type")?,
        max_length: i16::try_from(small("max_length")?)
            .map_err(|_| wrong("max_length", "a smallint"))?,
        precision: u8::try_from(small("precision")?)
            .map_err(|_| wrong("precision", "a tinyint"))?,
        scale: u8::try_from(small("scale")?).map_err(|_| wrong("scale", "a tinyint"))?,
        collation: cell_str(r, "collation_name")?,
        code_page: cell_i64(r, "code_page")?.and_then(|v| i32::try_from(v).ok()),
        nullable: cell_bool(r, "is_nullable")?,
        is_identity: cell_bool(r, "is_identity")?,
        computed_definition: cell_str(r, "computed_definition")?,
        is_persisted: cell_bool(r, "is_persisted")?,
        default_definition: cell_str(r, "default_definition")?,
        comment: cell_str(r, "comment")?,
    })
}

fn key_row(r: &Row) -> Result<IndexColumnRow> {
    Ok(IndexColumnRow {
        object_id: cell_i32(r, "object_id")?,
        index_id: cell_i32(r, "index_id")?,
        index_name: cell_str(r, "index_name")?,
        is_primary_key: cell_bool(r, "is_primary_key")?,
        is_unique: cell_bool(r, "is_unique")?,
        has_filter: cell_bool(r, "has_filter")?,
        is_disabled: cell_bool(r, "is_disabled")?,
        key_ordinal: cell_i32(r, "key_ordinal")?,
        is_included: cell_bool(r, "is_included_column")?,
        column_name: required(cell_str(r, "column_name")?, "column_name")?,
    })
}

fn size_row(r: &Row) -> Result<SizeRow> {
    Ok(SizeRow {
        object_id: cell_i32(r, "object_id")?,
        rows: cell_i64(r, "row_count")?,
        used_pages: cell_i64(r, "used_pages")?,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use smt_catalog::RuleFilter;

    #[test]
    fn databases_by_rule() {
        let all = vec!["shop".to_string(), "shop_1".into(), "crm".into()];
        let f = Filter::new(vec![RuleFilter::new("^shop", Some("dbo"), ".*").unwrap()]);
        assert_eq!(
            select_databases(all.clone(), &f, "h:1433").unwrap(),
            vec!["shop", "shop_1"]
        );
        let f = Filter::new(vec![RuleFilter::new("^nope$", None, ".*").unwrap()]);
        let e = select_databases(all, &f, "h:1433").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert!(e.to_string().contains("crm"));
    }
}
