//! The pure row-to-IR half of the Oracle adapter, fed with recorded dictionary rows.
//!
//! No Oracle database can run here, so these rows were written by hand from the documented
//! semantics of the dictionary views the queries read: `ALL_TAB_COLS` (`DATA_TYPE` spelled as
//! `TIMESTAMP(6) WITH TIME ZONE` / `INTERVAL DAY(2) TO SECOND(6)`, `DATA_PRECISION` NULL for a bare
//! `NUMBER` and binary digits for `FLOAT`, `DATA_SCALE` 0 for `INTEGER`, `DATA_LENGTH` in bytes,
//! `CHAR_LENGTH`/`CHAR_USED` for character semantics, `DATA_DEFAULT` text with its trailing
//! blanks, `IDENTITY_COLUMN`, `VIRTUAL_COLUMN`), `ALL_CONSTRAINTS`/`ALL_CONS_COLUMNS` (types `P`,
//! `U`, `R`, `C`), `ALL_INDEXES`/`ALL_IND_COLUMNS` (the index behind a constraint is listed
//! too), `ALL_TAB_COMMENTS`/`ALL_COL_COMMENTS` and `ALL_TABLES` statistics. They are the rows a
//! server would return for the DDL quoted next to each case.

#![allow(clippy::unwrap_used)]

use smt_ir::{DataType, DefaultValue, Key, TableName, TimeZoneKind};
use smt_source_oracle::model::{
    Charsets, ColumnRow, KeyRow, KeySource, TableRow, build_tables, column_from_row,
    is_system_owner,
};

fn t(owner: &str, name: &str) -> TableRow {
    TableRow {
        owner: owner.into(),
        table_name: name.into(),
        comment: None,
        num_rows: None,
        avg_row_len: None,
        partitioned: false,
        temporary: false,
    }
}

/// A column row: (data_type, data_length, precision, scale, char_length, char_used).
fn c(
    table: &str,
    id: i64,
    name: &str,
    ty: &str,
    len: i64,
    p: Option<i64>,
    s: Option<i64>,
) -> ColumnRow {
    ColumnRow {
        owner: "APP".into(),
        table_name: table.into(),
        column_id: id,
        column_name: name.into(),
        data_type: ty.into(),
        data_type_owner: None,
        data_length: len,
        data_precision: p,
        data_scale: s,
        char_length: 0,
        char_used: None,
        nullable: true,
        data_default: None,
        identity: false,
        virtual_column: false,
        comment: None,
    }
}

fn chars(mut col: ColumnRow, char_length: i64, used: &str) -> ColumnRow {
    col.char_length = char_length;
    col.char_used = Some(used.into());
    col
}

fn ts(p: u8, z: TimeZoneKind) -> DataType {
    DataType::Timestamp {
        precision: Some(p),
        time_zone: z,
    }
}

#[test]
fn every_type() {
    let cs = Charsets::default(); // AL32UTF8 / AL16UTF16
    let cases: Vec<(ColumnRow, DataType, &str)> = vec![
        // NUMBER(p,0) by digits.
        (
            c("T", 1, "N1", "NUMBER", 22, Some(1), Some(0)),
            DataType::int(8),
            "NUMBER(1)",
        ),
        (
            c("T", 2, "N2", "NUMBER", 22, Some(2), Some(0)),
            DataType::int(8),
            "NUMBER(2)",
        ),
        (
            c("T", 3, "N3", "NUMBER", 22, Some(3), Some(0)),
            DataType::int(16),
            "NUMBER(3)",
        ),
        (
            c("T", 4, "N4", "NUMBER", 22, Some(4), Some(0)),
            DataType::int(16),
            "NUMBER(4)",
        ),
        (
            c("T", 5, "N5", "NUMBER", 22, Some(5), Some(0)),
            DataType::int(32),
            "NUMBER(5)",
        ),
        (
            c("T", 6, "N9", "NUMBER", 22, Some(9), Some(0)),
            DataType::int(32),
            "NUMBER(9)",
        ),
        (
            c("T", 7, "N10", "NUMBER", 22, Some(10), Some(0)),
            DataType::int(64),
            "NUMBER(10)",
        ),
        (
            c("T", 8, "N18", "NUMBER", 22, Some(18), Some(0)),
            DataType::int(64),
            "NUMBER(18)",
        ),
        (
            c("T", 9, "N19", "NUMBER", 22, Some(19), Some(0)),
            DataType::decimal(19, 0),
            "NUMBER(19)",
        ),
        (
            c("T", 10, "N38", "NUMBER", 22, Some(38), Some(0)),
            DataType::decimal(38, 0),
            "NUMBER(38)",
        ),
        (
            c("T", 11, "D", "NUMBER", 22, Some(10), Some(2)),
            DataType::decimal(10, 2),
            "NUMBER(10,2)",
        ),
        // Negative scale: integers rounded to hundreds; the emitter widens to DECIMAL(7,0).
        (
            c("T", 12, "NEG", "NUMBER", 22, Some(5), Some(-2)),
            DataType::decimal(5, -2),
            "NUMBER(5,-2)",
        ),
        // Bare NUMBER: precision and scale NULL -> unbounded.
        (
            c("T", 13, "BARE", "NUMBER", 22, None, None),
            DataType::Decimal {
                precision: None,
                scale: None,
            },
            "NUMBER",
        ),
        // INTEGER is NUMBER(*,0): precision NULL, scale 0.
        (
            c("T", 14, "INTG", "NUMBER", 22, None, Some(0)),
            DataType::decimal(38, 0),
            "NUMBER(*,0)",
        ),
        // FLOAT(b): binary precision in DATA_PRECISION, no scale.
        (
            c("T", 15, "F", "FLOAT", 22, Some(126), None),
            DataType::Float { bits: 64 },
            "FLOAT(126)",
        ),
        (
            c("T", 16, "F2", "FLOAT", 22, Some(10), None),
            DataType::Float { bits: 64 },
            "FLOAT(10)",
        ),
        (
            c("T", 17, "BF", "BINARY_FLOAT", 4, None, None),
            DataType::Float { bits: 32 },
            "BINARY_FLOAT",
        ),
        (
            c("T", 18, "BD", "BINARY_DOUBLE", 8, None, None),
            DataType::Float { bits: 64 },
            "BINARY_DOUBLE",
        ),
        // DATE has a time of day.
        (
            c("T", 19, "DT", "DATE", 7, None, None),
            ts(0, TimeZoneKind::None),
            "DATE",
        ),
        (
            c("T", 20, "TS", "TIMESTAMP(6)", 11, None, Some(6)),
            ts(6, TimeZoneKind::None),
            "TIMESTAMP(6)",
        ),
        (
            c("T", 21, "TS9", "TIMESTAMP(9)", 11, None, Some(9)),
            ts(9, TimeZoneKind::None),
            "TIMESTAMP(9)",
        ),
        (
            c(
                "T",
                22,
                "TSTZ",
                "TIMESTAMP(3) WITH TIME ZONE",
                13,
                None,
                Some(3),
            ),
            ts(3, TimeZoneKind::Offset),
            "TIMESTAMP(3) WITH TIME ZONE",
        ),
        (
            c(
                "T",
                23,
                "TSLTZ",
                "TIMESTAMP(6) WITH LOCAL TIME ZONE",
                11,
                None,
                Some(6),
            ),
            ts(6, TimeZoneKind::Local),
            "TIMESTAMP(6) WITH LOCAL TIME ZONE",
        ),
        (
            c(
                "T",
                24,
                "IYM",
                "INTERVAL YEAR(2) TO MONTH",
                5,
                Some(2),
                Some(0),
            ),
            DataType::Interval {
                fields: Some("YEAR TO MONTH".into()),
            },
            "INTERVAL YEAR(2) TO MONTH",
        ),
        (
            c(
                "T",
                25,
                "IDS",
                "INTERVAL DAY(2) TO SECOND(6)",
                11,
                Some(2),
                Some(6),
            ),
            DataType::Interval {
                fields: Some("DAY TO SECOND".into()),
            },
            "INTERVAL DAY(2) TO SECOND(6)",
        ),
        // VARCHAR2(100 CHAR) in AL32UTF8: 400 bytes, 100 chars x 4.
        (
            chars(c("T", 26, "VC", "VARCHAR2", 400, None, None), 100, "C"),
            DataType::varchar(100, 4),
            "VARCHAR2(100 CHAR)",
        ),
        // VARCHAR2(100 BYTE): length in bytes, 1 byte per char.
        (
            chars(c("T", 27, "VB", "VARCHAR2", 100, None, None), 100, "B"),
            DataType::varchar(100, 1),
            "VARCHAR2(100 BYTE)",
        ),
        (
            chars(c("T", 28, "CC", "CHAR", 40, None, None), 10, "C"),
            DataType::Char {
                length: 10,
                max_bytes_per_char: 4,
            },
            "CHAR(10 CHAR)",
        ),
        (
            chars(c("T", 29, "CB", "CHAR", 10, None, None), 10, "B"),
            DataType::Char {
                length: 10,
                max_bytes_per_char: 1,
            },
            "CHAR(10 BYTE)",
        ),
        // NVARCHAR2(50) in AL16UTF16: DATA_LENGTH 100 bytes, CHAR_LENGTH 50.
        (
            chars(c("T", 30, "NV", "NVARCHAR2", 100, None, None), 50, "C"),
            DataType::varchar(50, 2),
            "NVARCHAR2(50)",
        ),
        (
            chars(c("T", 31, "NC", "NCHAR", 20, None, None), 10, "C"),
            DataType::Char {
                length: 10,
                max_bytes_per_char: 2,
            },
            "NCHAR(10)",
        ),
        (
            c("T", 32, "CL", "CLOB", 4000, None, None),
            DataType::Text {
                max_bytes: None,
                max_bytes_per_char: 4,
            },
            "CLOB",
        ),
        (
            c("T", 33, "NCL", "NCLOB", 4000, None, None),
            DataType::Text {
                max_bytes: None,
                max_bytes_per_char: 2,
            },
            "NCLOB",
        ),
        (
            c("T", 34, "LG", "LONG", 0, None, None),
            DataType::Text {
                max_bytes: None,
                max_bytes_per_char: 4,
            },
            "LONG",
        ),
        (
            c("T", 35, "BL", "BLOB", 4000, None, None),
            DataType::Blob { max_bytes: None },
            "BLOB",
        ),
        (
            c("T", 36, "RW", "RAW", 16, None, None),
            DataType::Varbinary { length: Some(16) },
            "RAW(16)",
        ),
        (
            c("T", 37, "LR", "LONG RAW", 0, None, None),
            DataType::Blob { max_bytes: None },
            "LONG RAW",
        ),
        (
            c("T", 38, "RID", "ROWID", 10, None, None),
            DataType::varchar(18, 1),
            "ROWID",
        ),
        (
            c("T", 39, "URID", "UROWID", 4000, None, None),
            DataType::varchar(4000, 1),
            "UROWID(4000)",
        ),
        (
            c("T", 40, "X", "XMLTYPE", 2000, None, None),
            DataType::Xml,
            "XMLTYPE",
        ),
        (
            c("T", 41, "J", "JSON", 8200, None, None),
            DataType::Json { binary: true },
            "JSON",
        ),
        (
            c("T", 42, "BF2", "BFILE", 530, None, None),
            DataType::Other {
                native: "BFILE".into(),
            },
            "BFILE",
        ),
    ];
    for (row, want, native) in cases {
        let name = row.column_name.clone();
        let col = column_from_row(&row, &cs);
        assert_eq!(
            (col.data_type, col.native_type.as_str()),
            (want, native),
            "column {name}"
        );
    }

    // Object types name their owner.
    let mut geo = c("T", 43, "G", "SDO_GEOMETRY", 1, None, None);
    geo.data_type_owner = Some("MDSYS".into());
    assert_eq!(
        column_from_row(&geo, &cs).data_type,
        DataType::Spatial {
            kind: "sdo_geometry".into()
        }
    );
    let mut udt = c("T", 44, "ADDR", "ADDRESS_T", 1, None, None);
    udt.data_type_owner = Some("APP".into());
    assert_eq!(
        column_from_row(&udt, &cs).data_type,
        DataType::Other {
            native: "APP.ADDRESS_T".into()
        }
    );
}

#[test]
fn character_sets_of_the_database() {
    // A WE8MSWIN1252 database with a UTF8 national set.
    let cs = Charsets {
        database: "WE8MSWIN1252".into(),
        national: "UTF8".into(),
    };
    let vc = chars(c("T", 1, "A", "VARCHAR2", 20, None, None), 20, "C");
    let col = column_from_row(&vc, &cs);
    assert_eq!(col.data_type, DataType::varchar(20, 1));
    assert_eq!(col.charset.as_deref(), Some("WE8MSWIN1252"));
    let nv = chars(c("T", 2, "B", "NVARCHAR2", 60, None, None), 20, "C");
    assert_eq!(
        column_from_row(&nv, &cs).data_type,
        DataType::varchar(20, 3)
    );
}

#[test]
fn defaults_identity_virtual_comments() {
    // CREATE TABLE APP.ORDERS (
    //   ID NUMBER(10) GENERATED ALWAYS AS IDENTITY,     -- DATA_DEFAULT "APP"."ISEQ$$_7".nextval
    //   QTY NUMBER(5) DEFAULT 0 NOT NULL,
    //   NOTE VARCHAR2(20 CHAR) DEFAULT 'it''s' ,
    //   CREATED DATE DEFAULT SYSDATE,
    //   GONE VARCHAR2(1 BYTE) DEFAULT NULL,
    //   TOTAL NUMBER GENERATED ALWAYS AS (QTY * 2) VIRTUAL);
    // COMMENT ON TABLE APP.ORDERS IS 'orders'; COMMENT ON COLUMN APP.ORDERS.ID IS 'key';
    let cs = Charsets::default();
    let mut id = c("ORDERS", 1, "ID", "NUMBER", 22, Some(10), Some(0));
    id.identity = true;
    id.nullable = false;
    id.data_default = Some("\"APP\".\"ISEQ$$_7\".nextval".into());
    id.comment = Some("key".into());
    let mut qty = c("ORDERS", 2, "QTY", "NUMBER", 22, Some(5), Some(0));
    qty.nullable = false;
    qty.data_default = Some("0 ".into());
    let mut note = chars(c("ORDERS", 3, "NOTE", "VARCHAR2", 80, None, None), 20, "C");
    note.data_default = Some("'it''s' ".into());
    let mut created = c("ORDERS", 4, "CREATED", "DATE", 7, None, None);
    created.data_default = Some("SYSDATE\n".into());
    let mut gone = chars(c("ORDERS", 5, "GONE", "VARCHAR2", 1, None, None), 1, "B");
    gone.data_default = Some("NULL".into());
    let mut total = c("ORDERS", 6, "TOTAL", "NUMBER", 22, None, None);
    total.virtual_column = true;
    total.data_default = Some("\"QTY\"*2".into());
    let mut table = t("APP", "ORDERS");
    table.comment = Some("orders".into());
    table.num_rows = Some(1000);
    table.avg_row_len = Some(50);

    let out = build_tables(
        "ORCLPDB1",
        &cs,
        &[table],
        &[total, gone, created, note, qty, id],
        &[],
    );
    let tb = &out[0];
    assert_eq!(tb.name, TableName::with_schema("ORCLPDB1", "APP", "ORDERS"));
    assert_eq!(tb.comment.as_deref(), Some("orders"));
    assert_eq!((tb.size.rows, tb.size.bytes), (Some(1000), Some(50_000)));
    let cols = &tb.columns;
    assert_eq!(cols[0].name, "ID");
    assert!(cols[0].auto_increment && !cols[0].nullable);
    assert_eq!(
        cols[0].default, None,
        "the identity sequence is not a default"
    );
    assert_eq!(cols[0].comment.as_deref(), Some("key"));
    assert_eq!(cols[1].default, Some(DefaultValue::Literal("0".into())));
    assert_eq!(cols[2].default, Some(DefaultValue::Literal("it's".into())));
    assert_eq!(
        cols[3].default,
        Some(DefaultValue::Expression("SYSDATE".into()))
    );
    assert!(cols[3].default.as_ref().unwrap().is_current_timestamp());
    assert_eq!(cols[4].default, Some(DefaultValue::Null));
    let g = cols[5].generated.as_ref().unwrap();
    assert_eq!((g.expression.as_str(), g.stored), ("\"QTY\"*2", false));
    assert_eq!(cols[5].default, None);
}

fn k(table: &str, name: &str, source: KeySource, pos: i64, col: &str) -> KeyRow {
    KeyRow {
        owner: "APP".into(),
        table_name: table.into(),
        key_name: name.into(),
        source,
        position: pos,
        column_name: col.into(),
        enabled: true,
        function_based: false,
    }
}

#[test]
fn key_shapes() {
    // CREATE TABLE APP.K (A NUMBER(5) NOT NULL, B NUMBER(5) NOT NULL, C VARCHAR2(10) NOT NULL,
    //   D NUMBER(5), E NUMBER(5), F NUMBER(5), G NUMBER(5) REFERENCES APP.P(ID),
    //   CONSTRAINT PK_K PRIMARY KEY (B, A),
    //   CONSTRAINT UQ_C UNIQUE (C),                 -- NOT NULL unique constraint
    //   CONSTRAINT UQ_D UNIQUE (D),                 -- nullable unique constraint
    //   CONSTRAINT UQ_OFF UNIQUE (F) DISABLE);
    // CREATE UNIQUE INDEX UX_E ON APP.K (E);
    // CREATE UNIQUE INDEX UX_FN ON APP.K (UPPER(C));  -- function-based: not columns
    // The FK (type R) never reaches the rows: the query asks for P and U only. ALL_INDEXES
    // also lists PK_K, UQ_C and UQ_D (the indexes behind the constraints).
    let cs = Charsets::default();
    let cols: Vec<ColumnRow> = ["A", "B", "C", "D", "E", "F", "G"]
        .iter()
        .zip(1..)
        .map(|(n, i)| c("K", i, n, "NUMBER", 22, Some(5), Some(0)))
        .collect();
    let mut off = k("K", "UQ_OFF", KeySource::Unique, 1, "F");
    off.enabled = false;
    let mut fb = k("K", "UX_FN", KeySource::UniqueIndex, 1, "SYS_NC00008$");
    fb.function_based = true;
    let keys = vec![
        k("K", "UQ_D", KeySource::Unique, 1, "D"),
        k("K", "PK_K", KeySource::Primary, 2, "A"),
        k("K", "PK_K", KeySource::Primary, 1, "B"),
        k("K", "UQ_C", KeySource::Unique, 1, "C"),
        off,
        k("K", "PK_K", KeySource::UniqueIndex, 1, "B"),
        k("K", "PK_K", KeySource::UniqueIndex, 2, "A"),
        k("K", "SYS_C0012", KeySource::UniqueIndex, 1, "C"),
        k("K", "UQ_D", KeySource::UniqueIndex, 1, "D"),
        k("K", "UX_E", KeySource::UniqueIndex, 1, "E"),
        fb,
    ];
    let out = build_tables("ORCL", &cs, &[t("APP", "K")], &cols, &keys);
    let tb = &out[0];
    assert_eq!(
        tb.primary_key,
        Some(Key::new(Some("PK_K".into()), vec!["B".into(), "A".into()]))
    );
    assert_eq!(
        tb.unique_keys,
        vec![
            Key::new(Some("UQ_C".into()), vec!["C".into()]),
            Key::new(Some("UQ_D".into()), vec!["D".into()]),
            Key::new(Some("UX_E".into()), vec!["E".into()]),
        ]
    );
    assert!(tb.column("D").unwrap().nullable);
    assert!(
        !tb.unique_keys
            .iter()
            .any(|k| k.columns.contains(&"G".into()))
    );

    // A table with only a unique index and no constraint.
    let only_index = build_tables(
        "ORCL",
        &cs,
        &[t("APP", "U")],
        &[c("U", 1, "X", "NUMBER", 22, Some(5), Some(0))],
        &[k("U", "UX_X", KeySource::UniqueIndex, 1, "X")],
    );
    assert_eq!(only_index[0].primary_key, None);
    assert_eq!(
        only_index[0].unique_keys,
        vec![Key::new(Some("UX_X".into()), vec!["X".into()])]
    );
}

#[test]
fn names_owners_shards() {
    // Quoted identifiers keep case, quotes, spaces and unicode; the same table name under two
    // owners; sharded ORDERS_1..3 all returned (the plan merges them).
    let cs = Charsets::default();
    let tables = vec![
        t("APP", "ORDERS"),
        t("SALES", "ORDERS"),
        t("Mixed \"Owner\"", "tab le [x] ü名"),
        t("APP", "ORDERS_1"),
        t("APP", "ORDERS_2"),
        t("APP", "ORDERS_3"),
    ];
    let mut cols = Vec::new();
    for tb in &tables {
        let mut col = c(&tb.table_name, 1, "ID", "NUMBER", 22, Some(10), Some(0));
        col.owner = tb.owner.clone();
        cols.push(col);
    }
    let mut odd = c(
        "tab le [x] ü名",
        2,
        "col \"q\" ü",
        "NUMBER",
        22,
        Some(3),
        Some(0),
    );
    odd.owner = "Mixed \"Owner\"".into();
    cols.push(odd);
    let out = build_tables("pdb1.example.com", &cs, &tables, &cols, &[]);
    let names: Vec<TableName> = out.iter().map(|t| t.name.clone()).collect();
    let want: Vec<TableName> = tables
        .iter()
        .map(|t| TableName::with_schema("pdb1.example.com", &t.owner, &t.table_name))
        .collect();
    assert_eq!(names, want);
    assert_eq!(out[1].columns.len(), 1, "SALES.ORDERS has its own columns");
    assert_eq!(out[2].columns[1].name, "col \"q\" ü");
    assert_eq!(out[2].columns[1].data_type, DataType::int(16));
}

#[test]
fn system_owners() {
    for o in [
        "SYS",
        "SYSTEM",
        "XDB",
        "MDSYS",
        "SCOTT",
        "HR",
        "APEX_030200",
    ] {
        assert!(is_system_owner(o), "{o}");
    }
    assert!(!is_system_owner("APP"));
}
