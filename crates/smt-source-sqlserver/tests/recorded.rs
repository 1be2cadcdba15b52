//! The pure row-to-IR half of the SQL Server adapter, fed with recorded catalog rows.
//!
//! No SQL Server can run here, so these rows were written by hand from the documented semantics
//! of the system views the queries read (`sys.tables`, `sys.columns` with `max_length` in bytes
//! and `-1` for `(max)`, `sys.types`, `sys.computed_columns`, `sys.default_constraints` whose
//! `definition` is stored wrapped in parentheses, `sys.indexes`/`sys.index_columns` where primary
//! keys and unique constraints are unique indexes and `key_ordinal = 0` marks an included column,
//! `sys.extended_properties` `MS_Description`, `sys.dm_db_partition_stats` in 8 KiB pages). They
//! are the rows a server would return for the DDL quoted next to each case.

#![allow(clippy::unwrap_used)]

use smt_ir::{DataType, DefaultValue, Key, TableName, TimeZoneKind};
use smt_source_sqlserver::model::{
    ColumnRow, IndexColumnRow, SizeRow, TableRow, build_tables, column_from_row,
};

fn t(object_id: i32, schema: &str, name: &str) -> TableRow {
    TableRow {
        object_id,
        schema: schema.into(),
        name: name.into(),
        comment: None,
    }
}

/// A column row of a system type with the sizes `sys.columns` reports for it.
fn c(
    object_id: i32,
    column_id: i32,
    name: &str,
    ty: &str,
    max_length: i16,
    p: u8,
    s: u8,
) -> ColumnRow {
    let character = matches!(
        ty,
        "char" | "varchar" | "text" | "nchar" | "nvarchar" | "ntext"
    );
    ColumnRow {
        object_id,
        column_id,
        name: name.into(),
        type_name: ty.into(),
        base_type_name: ty.into(),
        is_user_defined: false,
        is_assembly_type: matches!(ty, "geometry" | "geography" | "hierarchyid"),
        max_length,
        precision: p,
        scale: s,
        collation: character.then(|| "SQL_Latin1_General_CP1_CI_AS".to_string()),
        code_page: character.then_some(1252),
        nullable: true,
        is_identity: false,
        computed_definition: None,
        is_persisted: false,
        default_definition: None,
        comment: None,
    }
}

fn ty(col: ColumnRow) -> (DataType, String) {
    let c = column_from_row(&col);
    (c.data_type, c.native_type)
}

fn ts(p: u8, z: TimeZoneKind) -> DataType {
    DataType::Timestamp {
        precision: Some(p),
        time_zone: z,
    }
}

#[test]
fn every_type() {
    // CREATE TABLE dbo.all_types (...): (name, type, max_length, precision, scale) as sys.columns.
    let cases: Vec<(ColumnRow, DataType, &str)> = vec![
        (c(1, 1, "a", "bit", 1, 1, 0), DataType::Boolean, "bit"),
        (
            c(1, 2, "b", "tinyint", 1, 3, 0),
            DataType::uint(8),
            "tinyint",
        ),
        (
            c(1, 3, "c", "smallint", 2, 5, 0),
            DataType::int(16),
            "smallint",
        ),
        (c(1, 4, "d", "int", 4, 10, 0), DataType::int(32), "int"),
        (
            c(1, 5, "e", "bigint", 8, 19, 0),
            DataType::int(64),
            "bigint",
        ),
        (
            c(1, 6, "f", "money", 8, 19, 4),
            DataType::decimal(19, 4),
            "money",
        ),
        (
            c(1, 7, "g", "smallmoney", 4, 10, 4),
            DataType::decimal(10, 4),
            "smallmoney",
        ),
        (
            c(1, 8, "h", "decimal", 9, 18, 2),
            DataType::decimal(18, 2),
            "decimal(18,2)",
        ),
        (
            c(1, 9, "i", "numeric", 17, 38, 0),
            DataType::decimal(38, 0),
            "numeric(38,0)",
        ),
        // float(1..24) is stored as real, float(25..53) as float with precision 53.
        (
            c(1, 10, "j", "real", 4, 24, 0),
            DataType::Float { bits: 32 },
            "real",
        ),
        (
            c(1, 11, "k", "float", 8, 53, 0),
            DataType::Float { bits: 64 },
            "float",
        ),
        (c(1, 12, "l", "date", 3, 10, 0), DataType::Date, "date"),
        (
            c(1, 13, "m", "time", 5, 16, 7),
            DataType::Time {
                precision: Some(7),
                with_time_zone: false,
            },
            "time(7)",
        ),
        (
            c(1, 14, "n", "datetime", 8, 23, 3),
            ts(3, TimeZoneKind::None),
            "datetime",
        ),
        (
            c(1, 15, "o", "datetime2", 8, 27, 7),
            ts(7, TimeZoneKind::None),
            "datetime2(7)",
        ),
        (
            c(1, 16, "p", "datetime2", 6, 19, 0),
            ts(0, TimeZoneKind::None),
            "datetime2(0)",
        ),
        (
            c(1, 17, "q", "smalldatetime", 4, 16, 0),
            ts(0, TimeZoneKind::None),
            "smalldatetime",
        ),
        (
            c(1, 18, "r", "datetimeoffset", 10, 34, 7),
            ts(7, TimeZoneKind::Offset),
            "datetimeoffset(7)",
        ),
        (
            c(1, 19, "s", "char", 10, 0, 0),
            DataType::Char {
                length: 10,
                max_bytes_per_char: 1,
            },
            "char(10)",
        ),
        (
            c(1, 20, "t", "varchar", 255, 0, 0),
            DataType::varchar(255, 1),
            "varchar(255)",
        ),
        (
            c(1, 21, "u", "varchar", -1, 0, 0),
            DataType::Text {
                max_bytes: None,
                max_bytes_per_char: 1,
            },
            "varchar(max)",
        ),
        (
            c(1, 22, "v", "text", 16, 0, 0),
            DataType::Text {
                max_bytes: Some(2_147_483_647),
                max_bytes_per_char: 1,
            },
            "text",
        ),
        // nchar(10): max_length is 20 bytes, 10 UTF-16 units.
        (
            c(1, 23, "w", "nchar", 20, 0, 0),
            DataType::Char {
                length: 10,
                max_bytes_per_char: 2,
            },
            "nchar(10)",
        ),
        (
            c(1, 24, "x", "nvarchar", 100, 0, 0),
            DataType::varchar(50, 2),
            "nvarchar(50)",
        ),
        (
            c(1, 25, "y", "nvarchar", -1, 0, 0),
            DataType::Text {
                max_bytes: None,
                max_bytes_per_char: 2,
            },
            "nvarchar(max)",
        ),
        (
            c(1, 26, "z", "ntext", 16, 0, 0),
            DataType::Text {
                max_bytes: Some(2_147_483_646),
                max_bytes_per_char: 2,
            },
            "ntext",
        ),
        (
            c(1, 27, "ba", "binary", 16, 0, 0),
            DataType::Binary { length: 16 },
            "binary(16)",
        ),
        (
            c(1, 28, "bb", "varbinary", 100, 0, 0),
            DataType::Varbinary { length: Some(100) },
            "varbinary(100)",
        ),
        (
            c(1, 29, "bc", "varbinary", -1, 0, 0),
            DataType::Blob {
                max_bytes: Some(2_147_483_647),
            },
            "varbinary(max)",
        ),
        (
            c(1, 30, "bd", "image", 16, 0, 0),
            DataType::Blob {
                max_bytes: Some(2_147_483_647),
            },
            "image",
        ),
        (
            c(1, 31, "be", "uniqueidentifier", 16, 0, 0),
            DataType::Uuid,
            "uniqueidentifier",
        ),
        (c(1, 32, "bf", "xml", -1, 0, 0), DataType::Xml, "xml"),
        (
            c(1, 33, "bg", "sql_variant", 8016, 0, 0),
            DataType::Other {
                native: "sql_variant".into(),
            },
            "sql_variant",
        ),
        (
            c(1, 34, "bh", "hierarchyid", 892, 0, 0),
            DataType::Other {
                native: "hierarchyid".into(),
            },
            "hierarchyid",
        ),
        (
            c(1, 35, "bi", "geography", -1, 0, 0),
            DataType::Spatial {
                kind: "geography".into(),
            },
            "geography",
        ),
        (
            c(1, 36, "bj", "geometry", -1, 0, 0),
            DataType::Spatial {
                kind: "geometry".into(),
            },
            "geometry",
        ),
        // rowversion: sys.types calls it `timestamp`; an 8-byte counter, not a time.
        (
            c(1, 37, "bk", "timestamp", 8, 0, 0),
            DataType::Binary { length: 8 },
            "rowversion",
        ),
        (
            c(1, 38, "bl", "sysname", 256, 0, 0),
            DataType::varchar(128, 2),
            "sysname",
        ),
    ];
    for (row, want, native) in cases {
        let name = row.name.clone();
        assert_eq!(ty(row), (want, native.to_string()), "column {name}");
    }
}

#[test]
fn collations_decide_bytes_per_char() {
    let mut utf8 = c(1, 1, "a", "varchar", 40, 0, 0);
    utf8.collation = Some("Latin1_General_100_CI_AS_SC_UTF8".into());
    utf8.code_page = Some(65001);
    assert_eq!(ty(utf8).0, DataType::varchar(40, 4));

    let mut gbk = c(1, 2, "b", "char", 8, 0, 0);
    gbk.collation = Some("Chinese_PRC_CI_AS".into());
    gbk.code_page = Some(936);
    assert_eq!(
        ty(gbk).0,
        DataType::Char {
            length: 8,
            max_bytes_per_char: 2
        }
    );

    let mut sjis = c(1, 3, "c", "varchar", 20, 0, 0);
    sjis.collation = Some("Japanese_CI_AS".into());
    sjis.code_page = Some(932);
    assert_eq!(ty(sjis).0, DataType::varchar(20, 2));

    // nvarchar ignores the collation: always UTF-16 units.
    let mut n = c(1, 4, "d", "nvarchar", 20, 0, 0);
    n.collation = Some("Latin1_General_100_CI_AS_SC_UTF8".into());
    n.code_page = Some(65001);
    assert_eq!(ty(n).0, DataType::varchar(10, 2));
}

#[test]
fn alias_and_clr_types() {
    // CREATE TYPE dbo.Phone FROM varchar(20): sys.types name `Phone`, system type varchar.
    let mut alias = c(1, 1, "phone", "varchar", 20, 0, 0);
    alias.type_name = "Phone".into();
    alias.is_user_defined = true;
    let col = column_from_row(&alias);
    assert_eq!(col.data_type, DataType::varchar(20, 1));
    assert_eq!(
        col.facts.get("sqlserver.alias_type").map(String::as_str),
        Some("Phone")
    );

    // A user CLR type.
    let mut clr = c(1, 2, "v", "MyClrType", 100, 0, 0);
    clr.is_user_defined = true;
    clr.is_assembly_type = true;
    clr.base_type_name = "varbinary".into();
    assert_eq!(
        ty(clr).0,
        DataType::Other {
            native: "MyClrType".into()
        }
    );
}

#[test]
fn identity_computed_defaults_comments() {
    // id int IDENTITY(1,1) NOT NULL,
    // qty int NOT NULL CONSTRAINT df_qty DEFAULT 0,         -> definition ((0))
    // note nvarchar(20) DEFAULT 'a''b',                     -> definition ('a''b')
    // created datetime2 DEFAULT sysdatetime(),              -> definition (sysdatetime())
    // total AS (qty * 2) PERSISTED, half AS qty / 2         -> computed
    let mut id = c(7, 1, "id", "int", 4, 10, 0);
    id.nullable = false;
    id.is_identity = true;
    id.comment = Some("row id".into());
    let mut qty = c(7, 2, "qty", "int", 4, 10, 0);
    qty.nullable = false;
    qty.default_definition = Some("((0))".into());
    let mut note = c(7, 3, "note", "nvarchar", 40, 0, 0);
    note.default_definition = Some("(N'a''b')".into());
    let mut created = c(7, 4, "created", "datetime2", 8, 27, 7);
    created.default_definition = Some("(sysdatetime())".into());
    let mut total = c(7, 5, "total", "int", 4, 10, 0);
    total.computed_definition = Some("([qty]*(2))".into());
    total.is_persisted = true;
    let mut half = c(7, 6, "half", "int", 4, 10, 0);
    half.computed_definition = Some("([qty]/(2))".into());

    let mut table = t(7, "dbo", "orders");
    table.comment = Some("the orders".into());
    let out = build_tables(
        "shop",
        &[table],
        &[half, total, created, note, qty, id],
        &[],
        &[],
    );
    let tb = &out[0];
    assert_eq!(tb.comment.as_deref(), Some("the orders"));
    let names: Vec<&str> = tb.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["id", "qty", "note", "created", "total", "half"]);
    let id = &tb.columns[0];
    assert!(id.auto_increment && !id.nullable);
    assert_eq!(id.comment.as_deref(), Some("row id"));
    assert_eq!(
        tb.columns[1].default,
        Some(DefaultValue::Literal("0".into()))
    );
    assert_eq!(
        tb.columns[2].default,
        Some(DefaultValue::Literal("a'b".into()))
    );
    assert!(
        tb.columns[3]
            .default
            .as_ref()
            .unwrap()
            .is_current_timestamp()
    );
    let g = tb.columns[4].generated.as_ref().unwrap();
    assert_eq!((g.expression.as_str(), g.stored), ("[qty]*(2)", true));
    let g = tb.columns[5].generated.as_ref().unwrap();
    assert_eq!((g.expression.as_str(), g.stored), ("[qty]/(2)", false));
    assert_eq!(tb.columns[4].default, None);
}

fn ix(
    object_id: i32,
    index_id: i32,
    name: &str,
    pk: bool,
    ordinal: i32,
    column: &str,
) -> IndexColumnRow {
    IndexColumnRow {
        object_id,
        index_id,
        index_name: Some(name.into()),
        is_primary_key: pk,
        is_unique: true,
        has_filter: false,
        is_disabled: false,
        key_ordinal: ordinal,
        is_included: false,
        column_name: column.into(),
    }
}

#[test]
fn key_shapes() {
    // CREATE TABLE dbo.k (
    //   a int NOT NULL, b int NOT NULL, c varchar(10) NOT NULL, d int NULL, e int, f int,
    //   g int REFERENCES dbo.other(id),
    //   CONSTRAINT pk_k PRIMARY KEY (b, a),            -- composite, key order b, a
    //   CONSTRAINT uq_c UNIQUE (c),                    -- unique constraint on NOT NULL
    //   CONSTRAINT uq_d UNIQUE (d));                   -- nullable unique
    // CREATE UNIQUE INDEX ux_e ON dbo.k (e) INCLUDE (f);            -- unique index, f included
    // CREATE UNIQUE INDEX ux_f ON dbo.k (f) WHERE f IS NOT NULL;    -- filtered: not a key
    // CREATE UNIQUE INDEX ux_off ON dbo.k (g); ALTER INDEX ux_off ON dbo.k DISABLE;
    // The foreign key on g is not an index: sys.indexes never lists it.
    let cols: Vec<ColumnRow> = ["a", "b", "c", "d", "e", "f", "g"]
        .iter()
        .enumerate()
        .map(|(i, n)| c(5, i32::try_from(i).unwrap() + 1, n, "int", 4, 10, 0))
        .collect();
    let mut rows = vec![
        // Rows come in any order; key_ordinal decides.
        ix(5, 1, "pk_k", true, 2, "a"),
        ix(5, 1, "pk_k", true, 1, "b"),
        ix(5, 2, "uq_c", false, 1, "c"),
        ix(5, 3, "uq_d", false, 1, "d"),
        ix(5, 4, "ux_e", false, 1, "e"),
    ];
    let mut included = ix(5, 4, "ux_e", false, 0, "f");
    included.is_included = true;
    rows.push(included);
    let mut filtered = ix(5, 5, "ux_f", false, 1, "f");
    filtered.has_filter = true;
    rows.push(filtered);
    let mut disabled = ix(5, 6, "ux_off", false, 1, "g");
    disabled.is_disabled = true;
    rows.push(disabled);
    let mut not_unique = ix(5, 7, "ix_g", false, 1, "g");
    not_unique.is_unique = false;
    rows.push(not_unique);

    let out = build_tables("shop", &[t(5, "dbo", "k")], &cols, &rows, &[]);
    let tb = &out[0];
    assert_eq!(
        tb.primary_key,
        Some(Key::new(Some("pk_k".into()), vec!["b".into(), "a".into()]))
    );
    assert_eq!(
        tb.unique_keys,
        vec![
            Key::new(Some("uq_c".into()), vec!["c".into()]),
            Key::new(Some("uq_d".into()), vec!["d".into()]),
            Key::new(Some("ux_e".into()), vec!["e".into()]),
        ]
    );
    // The nullable unique key stays a unique key; its column stays nullable (the plan decides).
    assert!(tb.column("d").unwrap().nullable);
    assert!(
        !tb.unique_keys
            .iter()
            .any(|k| k.columns.contains(&"g".into()))
    );
    assert!(
        !tb.unique_keys
            .iter()
            .any(|k| k.columns.contains(&"f".into()))
    );
}

#[test]
fn names_schemas_shards_and_sizes() {
    // Same table name in two schemas, names with quotes, brackets, spaces and unicode, and
    // sharded tables orders_1..orders_3 (the plan merges them; the adapter returns them all).
    let tables = vec![
        t(10, "dbo", "orders"),
        t(11, "sales", "orders"),
        t(12, "we\"ird] sch", "tab'le [x] ü名"),
        t(13, "dbo", "orders_1"),
        t(14, "dbo", "orders_2"),
        t(15, "dbo", "orders_3"),
    ];
    let mut cols = Vec::new();
    for id in 10..=15 {
        cols.push(c(id, 1, "id", "bigint", 8, 19, 0));
    }
    cols.push(c(12, 2, "col]\"umn ü", "int", 4, 10, 0));
    // A row of a table nobody asked for is ignored.
    cols.push(c(99, 1, "zz", "int", 4, 10, 0));
    let sizes = vec![
        SizeRow {
            object_id: 10,
            rows: Some(1000),
            used_pages: Some(16),
        },
        SizeRow {
            object_id: 11,
            rows: Some(5),
            used_pages: None,
        },
    ];
    let out = build_tables("shop db", &tables, &cols, &[], &sizes);
    let names: Vec<TableName> = out.iter().map(|t| t.name.clone()).collect();
    assert_eq!(
        names,
        vec![
            TableName::with_schema("shop db", "dbo", "orders"),
            TableName::with_schema("shop db", "sales", "orders"),
            TableName::with_schema("shop db", "we\"ird] sch", "tab'le [x] ü名"),
            TableName::with_schema("shop db", "dbo", "orders_1"),
            TableName::with_schema("shop db", "dbo", "orders_2"),
            TableName::with_schema("shop db", "dbo", "orders_3"),
        ]
    );
    assert_eq!(out[2].columns[1].name, "col]\"umn ü");
    assert_eq!(out[0].size.rows, Some(1000));
    assert_eq!(out[0].size.bytes, Some(16 * 8192));
    // The fallback (no VIEW DATABASE STATE) knows rows but not bytes.
    assert_eq!(out[1].size.rows, Some(5));
    assert_eq!(out[1].size.bytes, None);
    assert_eq!(out[3].size.rows, None);
}
