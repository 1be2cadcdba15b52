//! Reading HiveServer2 result shapes, both Hive's and Spark Thrift Server's:
//! `SHOW DATABASES`, `SHOW TABLES` / `SHOW VIEWS`, `SET key` and `DESCRIBE FORMATTED`.

use std::collections::BTreeMap;

use crate::hs2::ResultSet;
use crate::raw::{RawColumn, RawTable};

type Row = Vec<Option<String>>;

fn cell(row: &Row, i: usize) -> &str {
    row.get(i).and_then(|c| c.as_deref()).unwrap_or("")
}

/// A cell as Hive/Spark print "no value": NULL, empty or `NULL` text.
fn opt(row: &Row, i: usize) -> Option<String> {
    let v = cell(row, i).trim();
    if v.is_empty() || v == "NULL" || v == "null" {
        None
    } else {
        Some(v.to_string())
    }
}

/// Database names from `SHOW DATABASES` (Hive: `database_name`; Spark: `namespace`).
pub(crate) fn databases(rs: &ResultSet) -> Vec<String> {
    rs.rows.iter().filter_map(|r| opt(r, 0)).collect::<Vec<_>>()
}

/// Table (or view) names from `SHOW TABLES IN db` / `SHOW VIEWS IN db`. Hive returns one column
/// (`tab_name`); Spark returns `(namespace, tableName, isTemporary)`: temporary views are skipped.
pub(crate) fn table_names(rs: &ResultSet) -> Vec<String> {
    rs.rows
        .iter()
        .filter_map(|r| {
            if r.len() >= 3 {
                if cell(r, 2).eq_ignore_ascii_case("true") {
                    return None;
                }
                opt(r, 1)
            } else {
                opt(r, 0)
            }
        })
        .collect()
}

/// The value of `SET key`: Spark returns `(key, value)` with `<undefined>` when unset; Hive returns
/// one column `key=value` or `key is undefined`.
pub(crate) fn set_value(rs: &ResultSet, key: &str) -> Option<String> {
    let row = rs.rows.first()?;
    let value = if row.len() >= 2 {
        opt(row, 1)?
    } else {
        let text = opt(row, 0)?;
        text.strip_prefix(key)?
            .strip_prefix('=')?
            .trim()
            .to_string()
    };
    if value.is_empty() || value.contains("<undefined>") || value.ends_with("is undefined") {
        None
    } else {
        Some(value)
    }
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Section {
    Columns,
    Partitions,
    Details,
    Storage,
    Other,
}

/// Parse `DESCRIBE FORMATTED db.t` rows (three columns: name, type, comment) in Hive's layout
/// (keys end with `:`, padded cells, `Table Parameters:` followed by indented key/value rows,
/// partition keys only under `# Partition Information`) or Spark's (partition keys also in the
/// column list, `Table Properties [k=v, ...]`, `Statistics 123 bytes, 4 rows`, `Type MANAGED`).
pub(crate) fn describe_formatted(database: &str, table: &str, rs: &ResultSet) -> RawTable {
    let mut t = RawTable {
        database: database.to_string(),
        name: table.to_string(),
        ..RawTable::default()
    };
    let mut section = Section::Columns;
    let mut in_params = false;
    let mut details: BTreeMap<String, String> = BTreeMap::new();
    for row in &rs.rows {
        let name = cell(row, 0).trim();
        if let Some(header) = name.strip_prefix('#') {
            let h = header.trim().to_ascii_lowercase();
            in_params = false;
            section = if h.starts_with("col_name") {
                section
            } else if h.starts_with("partition information") {
                Section::Partitions
            } else if h.starts_with("detailed table information") {
                Section::Details
            } else if h.starts_with("storage information") {
                Section::Storage
            } else {
                Section::Other
            };
            continue;
        }
        match section {
            Section::Columns | Section::Partitions => {
                if name.is_empty() {
                    // Hive prints `\tNULL\tNULL` separators, Spark empty rows.
                    continue;
                }
                let Some(type_text) = opt(row, 1) else {
                    continue;
                };
                let col = RawColumn {
                    name: name.to_string(),
                    type_text,
                    comment: opt(row, 2),
                };
                if section == Section::Columns {
                    t.columns.push(col);
                } else {
                    t.partition_keys.push(col);
                }
            }
            Section::Details | Section::Storage | Section::Other => {
                if name.is_empty() {
                    // Hive: indented `key value` rows under `Table Parameters:`.
                    if in_params && let Some(k) = opt(row, 1) {
                        t.params.insert(k, opt(row, 2).unwrap_or_default());
                    }
                    continue;
                }
                let key = name.trim_end_matches(':').trim().to_ascii_lowercase();
                if key == "table parameters" || key == "storage desc params" {
                    in_params = key == "table parameters";
                    continue;
                }
                in_params = false;
                details.insert(key, opt(row, 1).unwrap_or_default());
            }
        }
    }
    // Spark lists partition keys among the columns too.
    let parts: Vec<String> = t
        .partition_keys
        .iter()
        .map(|c| c.name.to_ascii_lowercase())
        .collect();
    t.columns
        .retain(|c| !parts.contains(&c.name.to_ascii_lowercase()));

    let get = |k: &str| details.get(k).cloned().filter(|v| !v.is_empty());
    t.table_type = get("table type").or_else(|| {
        get("type").map(|v| match v.to_ascii_uppercase().as_str() {
            "MANAGED" => "MANAGED_TABLE".to_string(),
            "EXTERNAL" => "EXTERNAL_TABLE".to_string(),
            "VIEW" => "VIRTUAL_VIEW".to_string(),
            other => other.to_string(),
        })
    });
    t.location = get("location");
    t.input_format = get("inputformat");
    t.output_format = get("outputformat");
    t.serde = get("serde library");
    t.owner = get("owner");
    t.num_buckets = get("num buckets").and_then(|v| v.parse().ok());
    if let Some(b) = get("bucket columns") {
        t.bucket_columns = b
            .trim_matches(|c| c == '[' || c == ']')
            .split(',')
            .map(|s| s.trim().trim_matches('`').to_string())
            .filter(|s| !s.is_empty())
            .collect();
    }
    if let Some(c) = get("comment") {
        t.params.entry("comment".into()).or_insert(c);
    }
    if let Some(p) = get("table properties") {
        for (k, v) in spark_properties(&p) {
            t.params.entry(k).or_insert(v);
        }
    }
    if let Some(p) = get("provider") {
        t.params
            .entry("spark.sql.sources.provider".into())
            .or_insert(p);
    }
    if let Some(s) = get("statistics") {
        let (bytes, rows) = spark_statistics(&s);
        if let Some(b) = bytes {
            t.params
                .entry("spark.sql.statistics.totalSize".into())
                .or_insert(b.to_string());
        }
        if let Some(r) = rows {
            t.params
                .entry("spark.sql.statistics.numRows".into())
                .or_insert(r.to_string());
        }
    }
    t
}

/// `[k1=v1, k2=v2]` (Spark's `Table Properties`).
fn spark_properties(text: &str) -> Vec<(String, String)> {
    let inner = text.trim().trim_start_matches('[').trim_end_matches(']');
    inner
        .split(", ")
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            Some((k.trim().to_string(), v.trim().to_string()))
        })
        .collect()
}

/// `1234 bytes, 10 rows` (Spark's `Statistics`).
fn spark_statistics(text: &str) -> (Option<u64>, Option<u64>) {
    let mut bytes = None;
    let mut rows = None;
    for part in text.split(',') {
        let mut it = part.split_whitespace();
        let (Some(n), Some(unit)) = (it.next(), it.next()) else {
            continue;
        };
        let Ok(n) = n.parse::<u64>() else { continue };
        match unit {
            "bytes" => bytes = Some(n),
            "rows" => rows = Some(n),
            _ => {}
        }
    }
    (bytes, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rs(rows: &[&[Option<&str>]]) -> ResultSet {
        ResultSet {
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.map(str::to_string)).collect())
                .collect(),
        }
    }

    #[test]
    fn show_tables_shapes() {
        let hive = rs(&[&[Some("a")], &[Some("b")]]);
        assert_eq!(table_names(&hive), vec!["a", "b"]);
        let spark = rs(&[
            &[Some("db"), Some("a"), Some("false")],
            &[Some(""), Some("tmp"), Some("true")],
        ]);
        assert_eq!(table_names(&spark), vec!["a"]);
        assert_eq!(
            databases(&rs(&[&[Some("default")], &[None]])),
            vec!["default"]
        );
    }

    #[test]
    fn set_shapes() {
        let k = "hive.metastore.uris";
        let spark = rs(&[&[Some(k), Some("thrift://h:9083")]]);
        assert_eq!(set_value(&spark, k).as_deref(), Some("thrift://h:9083"));
        let spark_unset = rs(&[&[Some(k), Some("<undefined>")]]);
        assert_eq!(set_value(&spark_unset, k), None);
        let hive = rs(&[&[Some("hive.metastore.uris=thrift://a:9083,thrift://b:9083")]]);
        assert_eq!(
            set_value(&hive, k).as_deref(),
            Some("thrift://a:9083,thrift://b:9083")
        );
        let hive_empty = rs(&[&[Some("hive.metastore.uris=")]]);
        assert_eq!(set_value(&hive_empty, k), None);
        let hive_undefined = rs(&[&[Some("hive.metastore.uris is undefined")]]);
        assert_eq!(set_value(&hive_undefined, k), None);
        assert_eq!(set_value(&rs(&[]), k), None);
    }

    #[test]
    fn spark_layout() {
        let r = rs(&[
            &[Some("id"), Some("bigint"), Some("the id")],
            &[Some("name"), Some("string"), Some("NULL")],
            &[Some("dt"), Some("string"), None],
            &[Some("# Partition Information"), Some(""), Some("")],
            &[Some("# col_name"), Some("data_type"), Some("comment")],
            &[Some("dt"), Some("string"), None],
            &[Some(""), Some(""), Some("")],
            &[Some("# Detailed Table Information"), Some(""), Some("")],
            &[Some("Database"), Some("d"), Some("")],
            &[Some("Owner"), Some("root"), Some("")],
            &[Some("Type"), Some("EXTERNAL"), Some("")],
            &[Some("Provider"), Some("hive"), Some("")],
            &[Some("Comment"), Some("tbl comment"), Some("")],
            &[
                Some("Table Properties"),
                Some("[numRows=5, transient_lastDdlTime=1]"),
                Some(""),
            ],
            &[Some("Statistics"), Some("1234 bytes, 10 rows"), Some("")],
            &[Some("Location"), Some("hdfs://nn:8020/x"), Some("")],
            &[
                Some("Serde Library"),
                Some("org.apache.hadoop.hive.ql.io.orc.OrcSerde"),
                Some(""),
            ],
            &[
                Some("InputFormat"),
                Some("org.apache.hadoop.hive.ql.io.orc.OrcInputFormat"),
                Some(""),
            ],
            &[Some("Num Buckets"), Some("4"), Some("")],
            &[Some("Bucket Columns"), Some("[`id`]"), Some("")],
        ]);
        let t = describe_formatted("d", "t", &r);
        assert_eq!(
            t.columns
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>(),
            vec!["id", "name"]
        );
        assert_eq!(t.columns[0].comment.as_deref(), Some("the id"));
        assert_eq!(t.columns[1].comment, None);
        assert_eq!(t.partition_keys.len(), 1);
        assert_eq!(t.table_type.as_deref(), Some("EXTERNAL_TABLE"));
        assert_eq!(t.location.as_deref(), Some("hdfs://nn:8020/x"));
        assert_eq!(t.params["comment"], "tbl comment");
        assert_eq!(t.stat_bytes(), Some(1234));
        assert_eq!(t.stat_rows(), Some(5));
        assert_eq!(t.num_buckets, Some(4));
        assert_eq!(t.bucket_columns, vec!["id"]);
        assert_eq!(t.format(), Some("orc"));
    }

    #[test]
    fn hive_layout() {
        let r = rs(&[
            &[
                Some("# col_name            "),
                Some("data_type           "),
                Some("comment             "),
            ],
            &[Some(""), None, None],
            &[
                Some("id                  "),
                Some("int                 "),
                Some("the id              "),
            ],
            &[
                Some("s                   "),
                Some("struct<a:int,b:string>"),
                Some(""),
            ],
            &[Some(""), None, None],
            &[Some("# Partition Information"), None, None],
            &[
                Some("# col_name            "),
                Some("data_type"),
                Some("comment"),
            ],
            &[Some(""), None, None],
            &[
                Some("dt                  "),
                Some("string              "),
                Some(""),
            ],
            &[Some(""), None, None],
            &[Some("# Detailed Table Information"), None, None],
            &[
                Some("Database:           "),
                Some("d                   "),
                None,
            ],
            &[
                Some("Owner:              "),
                Some("hive                "),
                None,
            ],
            &[Some("Location:           "), Some("file:/w/d.db/t"), None],
            &[
                Some("Table Type:         "),
                Some("VIRTUAL_VIEW        "),
                None,
            ],
            &[Some("Table Parameters:"), None, None],
            &[Some(""), Some("comment             "), Some("hello  ")],
            &[
                Some(""),
                Some("numRows             "),
                Some("42                  "),
            ],
            &[
                Some(""),
                Some("totalSize           "),
                Some("4096                "),
            ],
            &[Some(""), None, None],
            &[Some("# Storage Information"), None, None],
            &[
                Some("SerDe Library:      "),
                Some("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"),
                None,
            ],
            &[
                Some("InputFormat:        "),
                Some("org.apache.hadoop.mapred.TextInputFormat"),
                None,
            ],
            &[
                Some("Num Buckets:        "),
                Some("-1                  "),
                None,
            ],
            &[
                Some("Bucket Columns:     "),
                Some("[]                  "),
                None,
            ],
            &[Some("Storage Desc Params:"), None, None],
            &[Some(""), Some("serialization.format"), Some("1")],
        ]);
        let t = describe_formatted("d", "t", &r);
        assert_eq!(
            t.columns
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>(),
            vec!["id", "s"]
        );
        assert_eq!(t.columns[1].type_text, "struct<a:int,b:string>");
        assert_eq!(t.partition_keys[0].name, "dt");
        assert!(t.is_view());
        assert_eq!(t.params["comment"], "hello");
        assert_eq!(t.stat_rows(), Some(42));
        assert_eq!(t.stat_bytes(), Some(4096));
        assert!(!t.params.contains_key("serialization.format"));
        assert_eq!(t.format(), Some("textfile"));
        assert_eq!(t.num_buckets, Some(-1));
        assert!(t.bucket_columns.is_empty());
    }
}
