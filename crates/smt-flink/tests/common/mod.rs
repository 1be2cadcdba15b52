//! Hand-built plans for the tests.
#![allow(dead_code)]

use smt_ir::{
    Buckets, Column, ColumnOrigin, Connection, DataType, Distribution, FlinkOptions, KeyKind,
    KeyModel, Plan, RulePlan, Secret, SourceKind, SourceSelector, TableName, TargetColumn,
    TargetProfile, TargetTable, TimeZoneKind,
};

pub fn c(name: &str, dt: DataType, native: &str) -> TargetColumn {
    TargetColumn::source(Column::new(name, dt, native))
}

pub fn nn(name: &str, dt: DataType, native: &str) -> TargetColumn {
    TargetColumn::source(Column::new(name, dt, native).not_null())
}

pub fn key(name: &str, dt: DataType, native: &str) -> TargetColumn {
    let mut col = nn(name, dt, native);
    col.is_key = true;
    col
}

pub fn identity(name: &str, origin: ColumnOrigin) -> TargetColumn {
    let mut col =
        TargetColumn::source(Column::new(name, DataType::varchar(64, 4), "varchar(64)").not_null());
    col.origin = origin;
    col.is_key = true;
    col
}

pub fn ts(p: Option<u8>, tz: TimeZoneKind) -> DataType {
    DataType::Timestamp {
        precision: p,
        time_zone: tz,
    }
}

pub fn text() -> DataType {
    DataType::Text {
        max_bytes: None,
        max_bytes_per_char: 4,
    }
}

pub fn sink_opts(password: &str) -> Vec<(String, String)> {
    vec![
        ("jdbc-url".into(), "jdbc:mysql://fe1:9030,fe2:9030".into()),
        ("load-url".into(), "fe1:8030;fe2:8030".into()),
        ("username".into(), "loader".into()),
        ("password".into(), password.into()),
        ("sink.buffer-flush.interval-ms".into(), "15000".into()),
    ]
}

/// A single-source target with the given key.
pub fn table(
    db: &str,
    name: &str,
    source: TableName,
    columns: Vec<TargetColumn>,
    kind: KeyKind,
    keys: &[&str],
) -> TargetTable {
    TargetTable {
        database: db.into(),
        name: name.into(),
        comment: None,
        columns,
        key: KeyModel {
            kind,
            columns: keys.iter().map(|k| k.to_string()).collect(),
            origin: "primary key".into(),
        },
        distribution: Distribution::Hash {
            columns: keys.iter().map(|k| k.to_string()).collect(),
        },
        buckets: Buckets::Auto,
        partition: None,
        properties: Vec::new(),
        selector: SourceSelector {
            database: source.database.clone(),
            schema: source.schema.clone(),
            table: source.name.clone(),
            is_pattern: false,
        },
        sources: vec![source],
        flink_source_options: Vec::new(),
        flink_sink_options: sink_opts("s3cr'et"),
        external_properties: Vec::new(),
    }
}

/// Turn a target into a merged shard group.
pub fn merged(
    mut t: TargetTable,
    db_pattern: &str,
    schema_pattern: Option<&str>,
    table_pattern: &str,
    sources: Vec<TableName>,
) -> TargetTable {
    t.selector = SourceSelector {
        database: db_pattern.into(),
        schema: schema_pattern.map(str::to_string),
        table: table_pattern.into(),
        is_pattern: true,
    };
    t.sources = sources;
    t
}

pub fn rule(name: &str, tables: Vec<TargetTable>) -> RulePlan {
    RulePlan {
        name: name.into(),
        tables,
    }
}

pub fn plan(source: SourceKind, rules: Vec<RulePlan>) -> Plan {
    Plan {
        source,
        source_version: None,
        connection: Connection {
            host: "db.example.com".into(),
            port: source.default_port(),
            user: "cdc_user".into(),
            password: Secret::new("pa'ss"),
            facts: Vec::new(),
        },
        target: TargetProfile::default(),
        flink: FlinkOptions::default(),
        rules,
        warnings: Vec::new(),
    }
}

pub fn opts(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}
