//! Spark data-source tables (`CREATE TABLE ... USING parquet`): the metastore holds a placeholder
//! column (`col array<string>`) and the real schema as JSON in the table parameters
//! `spark.sql.sources.schema` or `spark.sql.sources.schema.numParts` + `...schema.part.N`.

use serde_json::Value;

use crate::raw::{RawColumn, RawTable};

/// The Spark schema JSON of a table, when its parameters hold one.
fn schema_json(t: &RawTable) -> Option<String> {
    if let Some(s) = t.params.get("spark.sql.sources.schema") {
        return Some(s.clone());
    }
    let n: usize = t
        .params
        .get("spark.sql.sources.schema.numParts")?
        .parse()
        .ok()?;
    let mut out = String::new();
    for i in 0..n {
        out.push_str(
            t.params
                .get(&format!("spark.sql.sources.schema.part.{i}"))?,
        );
    }
    Some(out)
}

/// Replace the columns of a Spark data-source table by the ones of its schema JSON. Hive-format
/// tables created by Spark also carry the JSON; their metastore columns are already right, and
/// are kept (except that `char`/`varchar` lengths come back from the JSON metadata if the
/// metastore columns say `string`). Partition keys are taken from
/// `spark.sql.sources.schema.partCol.N` when the metastore has none.
pub(crate) fn apply_spark_schema(t: &mut RawTable) {
    let Some(json) = schema_json(t) else { return };
    let Ok(v) = serde_json::from_str::<Value>(&json) else {
        return;
    };
    let Some(fields) = v.get("fields").and_then(Value::as_array) else {
        return;
    };
    let cols: Vec<RawColumn> = fields.iter().filter_map(field).collect();
    if cols.len() != fields.len() {
        return;
    }
    let provider = t
        .params
        .get("spark.sql.sources.provider")
        .map(|p| p.to_ascii_lowercase());
    let datasource = provider.as_deref().is_some_and(|p| p != "hive");
    if !datasource {
        // Hive serde table: keep the metastore columns; restore char/varchar lengths only.
        for c in t.columns.iter_mut().chain(t.partition_keys.iter_mut()) {
            if c.type_text.eq_ignore_ascii_case("string")
                && let Some(j) = cols.iter().find(|j| j.name.eq_ignore_ascii_case(&c.name))
                && (j.type_text.starts_with("char(") || j.type_text.starts_with("varchar("))
            {
                c.type_text = j.type_text.clone();
            }
        }
        return;
    }
    let part_names: Vec<String> = match t
        .params
        .get("spark.sql.sources.schema.numPartCols")
        .and_then(|n| n.parse::<usize>().ok())
    {
        Some(n) => (0..n)
            .filter_map(|i| {
                t.params
                    .get(&format!("spark.sql.sources.schema.partCol.{i}"))
                    .cloned()
            })
            .collect(),
        None => t.partition_keys.iter().map(|c| c.name.clone()).collect(),
    };
    let (parts, data): (Vec<RawColumn>, Vec<RawColumn>) = cols
        .into_iter()
        .partition(|c| part_names.iter().any(|p| p.eq_ignore_ascii_case(&c.name)));
    t.columns = data;
    if !parts.is_empty() {
        t.partition_keys = parts;
    }
}

fn field(f: &Value) -> Option<RawColumn> {
    let name = f.get("name")?.as_str()?.to_string();
    let meta = f.get("metadata");
    let type_text = meta
        .and_then(|m| m.get("__CHAR_VARCHAR_TYPE_STRING"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| hive_type(f.get("type")?))?;
    let comment = meta
        .and_then(|m| m.get("comment"))
        .and_then(Value::as_str)
        .map(str::to_string);
    Some(RawColumn {
        name,
        type_text,
        comment,
    })
}

/// A Spark JSON data type as Hive type text.
fn hive_type(t: &Value) -> Option<String> {
    if let Some(s) = t.as_str() {
        let s = s.to_ascii_lowercase();
        return Some(
            match s.as_str() {
                "integer" => "int",
                "long" => "bigint",
                "short" => "smallint",
                "byte" => "tinyint",
                "timestamp_ntz" => "timestamp",
                "null" | "void" => "void",
                "interval" | "calendarinterval" => "string",
                other => {
                    if let Some(rest) = other.strip_prefix("interval ") {
                        return Some(if rest.contains("year") || rest.contains("month") {
                            "interval_year_month".into()
                        } else {
                            "interval_day_time".into()
                        });
                    }
                    return Some(other.to_string());
                }
            }
            .to_string(),
        );
    }
    match t.get("type")?.as_str()? {
        "array" => Some(format!("array<{}>", hive_type(t.get("elementType")?)?)),
        "map" => Some(format!(
            "map<{},{}>",
            hive_type(t.get("keyType")?)?,
            hive_type(t.get("valueType")?)?
        )),
        "struct" => {
            let mut parts = Vec::new();
            for f in t.get("fields")?.as_array()? {
                let c = field(f)?;
                parts.push(format!("`{}`:{}", c.name.replace('`', "``"), c.type_text));
            }
            Some(format!("struct<{}>", parts.join(",")))
        }
        "udt" => hive_type(t.get("sqlType")?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datasource_table() {
        let mut t = RawTable {
            columns: vec![RawColumn {
                name: "col".into(),
                type_text: "array<string>".into(),
                comment: Some("from deserializer".into()),
            }],
            ..RawTable::default()
        };
        t.params
            .insert("spark.sql.sources.provider".into(), "parquet".into());
        t.params
            .insert("spark.sql.sources.schema.numParts".into(), "2".into());
        t.params.insert(
            "spark.sql.sources.schema.part.0".into(),
            r#"{"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{"comment":"the id"}},"#.into(),
        );
        t.params.insert(
            "spark.sql.sources.schema.part.1".into(),
            r#"{"name":"v","type":"string","nullable":true,"metadata":{"__CHAR_VARCHAR_TYPE_STRING":"varchar(5)"}},{"name":"a","type":{"type":"array","elementType":{"type":"struct","fields":[{"name":"k","type":"string","nullable":true,"metadata":{}},{"name":"m","type":{"type":"map","keyType":"string","valueType":"decimal(10,2)","valueContainsNull":true},"nullable":true,"metadata":{}}]},"containsNull":true},"nullable":true,"metadata":{}},{"name":"dt","type":"date","nullable":true,"metadata":{}}]}"#.into(),
        );
        t.params
            .insert("spark.sql.sources.schema.numPartCols".into(), "1".into());
        t.params
            .insert("spark.sql.sources.schema.partCol.0".into(), "dt".into());
        apply_spark_schema(&mut t);
        let got: Vec<(&str, &str)> = t
            .columns
            .iter()
            .map(|c| (c.name.as_str(), c.type_text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("id", "bigint"),
                ("v", "varchar(5)"),
                (
                    "a",
                    "array<struct<`k`:string,`m`:map<string,decimal(10,2)>>>"
                )
            ]
        );
        assert_eq!(t.columns[0].comment.as_deref(), Some("the id"));
        assert_eq!(t.partition_keys.len(), 1);
        assert_eq!(t.partition_keys[0].type_text, "date");
    }
}
