//! Hand-built plans shared by the tests.
#![allow(dead_code, clippy::unwrap_used)]

use smt_ir::*;

pub fn col(name: &str, dt: DataType, native: &str) -> TargetColumn {
    TargetColumn::source(Column::new(name, dt, native))
}

pub fn key(c: TargetColumn) -> TargetColumn {
    TargetColumn {
        is_key: true,
        column: Column {
            nullable: false,
            ..c.column
        },
        ..c
    }
}

pub fn typed(c: TargetColumn, sql: &str) -> TargetColumn {
    TargetColumn {
        starrocks_type: Some(sql.into()),
        ..c
    }
}

pub fn table(
    db: &str,
    name: &str,
    kind: KeyKind,
    keys: &[&str],
    cols: Vec<TargetColumn>,
) -> TargetTable {
    let keys: Vec<String> = keys.iter().map(|s| s.to_string()).collect();
    TargetTable {
        database: db.into(),
        name: name.into(),
        comment: None,
        columns: cols,
        key: KeyModel {
            kind,
            columns: keys.clone(),
            origin: "primary key".into(),
        },
        distribution: Distribution::Hash { columns: keys },
        buckets: Buckets::Fixed(1),
        partition: None,
        properties: vec![("replication_num".into(), "1".into())],
        sources: vec![TableName::new(db, name)],
        selector: SourceSelector {
            database: db.into(),
            schema: None,
            table: name.into(),
            is_pattern: false,
        },
        flink_source_options: vec![],
        flink_sink_options: vec![],
        external_properties: vec![],
    }
}

pub fn plan(source: SourceKind, tables: Vec<TargetTable>) -> Plan {
    Plan {
        source,
        source_version: None,
        connection: Connection {
            host: "10.0.0.1".into(),
            port: 3306,
            user: "root".into(),
            password: Secret::new("p\"w"),
            facts: vec![],
        },
        target: TargetProfile {
            be_num: 1,
            ..TargetProfile::default()
        },
        flink: FlinkOptions::default(),
        rules: vec![RulePlan {
            name: "1".into(),
            tables,
        }],
        warnings: vec![],
    }
}

/// A simple valid PRIMARY KEY table `db.t (id BIGINT, name VARCHAR)`.
pub fn simple() -> TargetTable {
    table(
        "db",
        "t",
        KeyKind::Primary,
        &["id"],
        vec![
            key(col("id", DataType::int(64), "bigint")),
            col("name", DataType::varchar(10, 4), "varchar(10)"),
        ],
    )
}
