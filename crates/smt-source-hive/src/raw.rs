//! A Hive table as either backend reads it (metastore objects or `DESCRIBE FORMATTED` rows), and
//! its conversion to the IR.

use std::collections::BTreeMap;

use smt_ir::{Column, Table, TableName};

use crate::types::hive_type_or_other;

/// One column or partition key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RawColumn {
    pub name: String,
    pub type_text: String,
    pub comment: Option<String>,
}

/// What we know about one table, backend-neutral.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RawTable {
    pub database: String,
    pub name: String,
    /// `MANAGED_TABLE`, `EXTERNAL_TABLE`, `VIRTUAL_VIEW`, ...
    pub table_type: Option<String>,
    pub columns: Vec<RawColumn>,
    pub partition_keys: Vec<RawColumn>,
    pub location: Option<String>,
    pub input_format: Option<String>,
    pub output_format: Option<String>,
    pub serde: Option<String>,
    pub num_buckets: Option<i64>,
    pub bucket_columns: Vec<String>,
    pub create_time: Option<i64>,
    pub owner: Option<String>,
    /// Table parameters (`comment`, `totalSize`, `numRows`, `EXTERNAL`, `spark.sql.*`, ...).
    pub params: BTreeMap<String, String>,
}

impl RawTable {
    /// Whether this is a view of any kind (excluded from every listing).
    pub fn is_view(&self) -> bool {
        self.table_type
            .as_deref()
            .is_some_and(|t| t.to_ascii_uppercase().contains("VIEW"))
    }

    /// `EXTERNAL_TABLE` when the type or the `EXTERNAL` parameter says so (old clients write a
    /// MANAGED type with `EXTERNAL=TRUE`), else the type as stored.
    pub fn effective_type(&self) -> Option<String> {
        let external = self
            .params
            .get("EXTERNAL")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        match self.table_type.as_deref() {
            _ if external => Some("EXTERNAL_TABLE".into()),
            Some(t) => Some(t.to_string()),
            None => None,
        }
    }

    /// Size in bytes from the statistics: `totalSize`, then Spark's
    /// `spark.sql.statistics.totalSize`, then `rawDataSize`. Negative values mean unknown.
    pub fn stat_bytes(&self) -> Option<u64> {
        ["totalSize", "spark.sql.statistics.totalSize", "rawDataSize"]
            .iter()
            .find_map(|k| self.param_u64(k))
    }

    /// Row count from `numRows` or `spark.sql.statistics.numRows`.
    pub fn stat_rows(&self) -> Option<u64> {
        ["numRows", "spark.sql.statistics.numRows"]
            .iter()
            .find_map(|k| self.param_u64(k))
    }

    fn param_u64(&self, key: &str) -> Option<u64> {
        self.params
            .get(key)
            .and_then(|v| v.trim().parse::<i64>().ok())
            .and_then(|v| u64::try_from(v).ok())
    }

    /// The IR table. Partition keys follow the data columns (as `SELECT *` shows them) and are
    /// named in `partition_columns`.
    pub fn to_ir(&self) -> Table {
        let mut t = Table::new(TableName::new(&self.database, &self.name));
        let mut seen = std::collections::BTreeSet::new();
        for c in self.columns.iter().chain(self.partition_keys.iter()) {
            if !seen.insert(c.name.to_ascii_lowercase()) {
                continue;
            }
            let mut col = Column::new(&c.name, hive_type_or_other(&c.type_text), &c.type_text);
            col.comment = c.comment.clone().filter(|s| !s.is_empty());
            t.columns.push(col);
        }
        t.partition_columns = self.partition_keys.iter().map(|c| c.name.clone()).collect();
        t.comment = self
            .params
            .get("comment")
            .cloned()
            .filter(|s| !s.is_empty());
        t.size.bytes = self.stat_bytes();
        t.size.rows = self.stat_rows();
        t.size.created_epoch_secs = self.create_time.filter(|s| *s > 0);
        let f = &mut t.facts;
        if let Some(v) = self.effective_type() {
            f.insert("hive.table-type".into(), v);
        }
        if let Some(v) = self.location.clone().filter(|s| !s.is_empty()) {
            f.insert("hive.location".into(), v);
        }
        if let Some(v) = self.input_format.clone().filter(|s| !s.is_empty()) {
            f.insert("hive.input-format".into(), v);
        }
        if let Some(v) = self.output_format.clone().filter(|s| !s.is_empty()) {
            f.insert("hive.output-format".into(), v);
        }
        if let Some(v) = self.serde.clone().filter(|s| !s.is_empty()) {
            f.insert("hive.serde".into(), v);
        }
        if let Some(v) = self.format() {
            f.insert("hive.format".into(), v.to_string());
        }
        if let Some(n) = self.num_buckets.filter(|n| *n > 0) {
            f.insert("hive.num-buckets".into(), n.to_string());
            if !self.bucket_columns.is_empty() {
                f.insert("hive.bucket-columns".into(), self.bucket_columns.join(","));
            }
        }
        if self
            .params
            .get("transactional")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        {
            f.insert("hive.transactional".into(), "true".into());
        }
        if let Some(p) = self.params.get("spark.sql.sources.provider") {
            f.insert("hive.spark-provider".into(), p.to_ascii_lowercase());
        }
        if let Some(o) = self.owner.clone().filter(|s| !s.is_empty()) {
            f.insert("hive.owner".into(), o);
        }
        t
    }

    /// The storage format's short name, from the Spark provider, the input format or the SerDe.
    pub fn format(&self) -> Option<&'static str> {
        if let Some(p) = self.params.get("spark.sql.sources.provider") {
            let p = p.to_ascii_lowercase();
            for (needle, name) in [
                ("parquet", "parquet"),
                ("orc", "orc"),
                ("avro", "avro"),
                ("json", "json"),
                ("csv", "csv"),
                ("text", "textfile"),
                ("delta", "delta"),
                ("iceberg", "iceberg"),
                ("hudi", "hudi"),
            ] {
                if p.contains(needle) {
                    return Some(name);
                }
            }
        }
        let input = self
            .input_format
            .as_deref()
            .unwrap_or("")
            .to_ascii_lowercase();
        let serde = self.serde.as_deref().unwrap_or("").to_ascii_lowercase();
        let table_type = self
            .params
            .get("table_type")
            .map(|s| s.to_ascii_lowercase());
        if table_type.as_deref() == Some("iceberg") {
            return Some("iceberg");
        }
        if input.contains("hoodie") || input.contains("hudi") {
            return Some("hudi");
        }
        for (needle, name) in [
            ("orc", "orc"),
            ("parquet", "parquet"),
            ("avro", "avro"),
            ("rcfile", "rcfile"),
            ("sequencefile", "sequencefile"),
        ] {
            if input.contains(needle) || serde.contains(needle) {
                return Some(name);
            }
        }
        if serde.contains("json") {
            return Some("json");
        }
        if serde.contains("opencsv") {
            return Some("csv");
        }
        if input.contains("textinputformat") {
            return Some("textfile");
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use smt_ir::DataType;

    #[test]
    fn to_ir_basics() {
        let mut r = RawTable {
            database: "d".into(),
            name: "t".into(),
            table_type: Some("MANAGED_TABLE".into()),
            columns: vec![
                RawColumn {
                    name: "id".into(),
                    type_text: "bigint".into(),
                    comment: Some("the id".into()),
                },
                RawColumn {
                    name: "dt".into(),
                    type_text: "string".into(),
                    comment: None,
                },
            ],
            partition_keys: vec![RawColumn {
                name: "dt".into(),
                type_text: "string".into(),
                comment: None,
            }],
            input_format: Some("org.apache.hadoop.hive.ql.io.orc.OrcInputFormat".into()),
            ..RawTable::default()
        };
        r.params.insert("EXTERNAL".into(), "TRUE".into());
        r.params.insert("totalSize".into(), "-1".into());
        r.params
            .insert("spark.sql.statistics.totalSize".into(), "1234".into());
        r.params.insert("numRows".into(), "7".into());
        r.params.insert("comment".into(), "tc".into());
        let t = r.to_ir();
        assert_eq!(t.columns.len(), 2, "partition key listed once");
        assert_eq!(t.columns[0].data_type, DataType::int(64));
        assert_eq!(t.columns[0].comment.as_deref(), Some("the id"));
        assert_eq!(t.partition_columns, vec!["dt".to_string()]);
        assert_eq!(t.size.bytes, Some(1234));
        assert_eq!(t.size.rows, Some(7));
        assert_eq!(t.comment.as_deref(), Some("tc"));
        assert_eq!(t.facts["hive.table-type"], "EXTERNAL_TABLE");
        assert_eq!(t.facts["hive.format"], "orc");
        assert!(!r.is_view());
    }
}
