//! A `DBMS_METADATA.GET_DDL` script read into the IR, and compared with the Oracle adapter's row
//! path (`smt_source_oracle::model::build_tables`) for the same tables.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use smt_ir::{DataType, DefaultValue, Key, SourceKind, Table, TableName, TimeZoneKind};
use smt_source_ddl::{DumpCatalog, read_dump};
use smt_source_oracle::model::{Charsets, ColumnRow, KeyRow, KeySource, TableRow, build_tables};

const SCRIPT: &str = include_str!("dumps/dbms_metadata_19c.sql");
const SERVICE: &str = "ORCLPDB1";

fn dump() -> DumpCatalog {
    read_dump(
        SCRIPT,
        Path::new("dbms_metadata_19c.sql"),
        SourceKind::Oracle,
        Some(SERVICE),
    )
    .unwrap()
}

fn table<'a>(d: &'a DumpCatalog, owner: &str, name: &str) -> &'a Table {
    d.catalog
        .tables
        .iter()
        .find(|t| t.name == TableName::with_schema(SERVICE, owner, name))
        .unwrap_or_else(|| panic!("no table {owner}.{name}"))
}

fn t(owner: &str, name: &str) -> TableRow {
    TableRow {
        owner: owner.into(),
        table_name: name.into(),
        comment: None,
        num_rows: Some(10),
        avg_row_len: Some(20),
        partitioned: false,
        temporary: false,
    }
}

/// An `ALL_TAB_COLS` row: (data_type, data_length, precision, scale).
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

fn owned(mut col: ColumnRow, owner: &str) -> ColumnRow {
    col.data_type_owner = Some(owner.into());
    col
}

fn not_null(mut col: ColumnRow) -> ColumnRow {
    col.nullable = false;
    col
}

fn num(table: &str, id: i64, name: &str, p: i64) -> ColumnRow {
    c(table, id, name, "NUMBER", 22, Some(p), Some(0))
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

/// The dictionary rows of the tables of the script.
fn rows() -> Vec<Table> {
    let mut tables = vec![
        t("APP", "T"),
        t("APP", "T2"),
        t("APP", "ORDERS"),
        t("APP", "K"),
        t("APP", "U"),
        t("APP", "EVENTS"),
        t("APP", "TMP"),
        t("SALES", "ORDERS"),
        t("Mixed \"Owner\"", "tab le [x] ü名"),
        t("APP", "ORDERS_1"),
        t("APP", "ORDERS_2"),
        t("APP", "ORDERS_3"),
    ];
    tables[2].comment = Some("orders".into());
    tables[5].partitioned = true;
    tables[6].temporary = true;
    let mut cols = vec![
        num("T", 1, "N1", 1),
        num("T", 2, "N2", 2),
        num("T", 3, "N3", 3),
        num("T", 4, "N4", 4),
        num("T", 5, "N5", 5),
        num("T", 6, "N9", 9),
        num("T", 7, "N10", 10),
        num("T", 8, "N18", 18),
        num("T", 9, "N19", 19),
        num("T", 10, "N38", 38),
        c("T", 11, "D", "NUMBER", 22, Some(10), Some(2)),
        c("T", 12, "NEG", "NUMBER", 22, Some(5), Some(-2)),
        c("T", 13, "BARE", "NUMBER", 22, None, None),
        c("T", 14, "INTG", "NUMBER", 22, None, Some(0)),
        c("T", 15, "F", "FLOAT", 22, Some(126), None),
        c("T", 16, "F2", "FLOAT", 22, Some(10), None),
        c("T", 17, "BF", "BINARY_FLOAT", 4, None, None),
        c("T", 18, "BD", "BINARY_DOUBLE", 8, None, None),
        c("T", 19, "DT", "DATE", 7, None, None),
        c("T", 20, "TS", "TIMESTAMP(6)", 11, None, Some(6)),
        c("T", 21, "TS9", "TIMESTAMP(9)", 11, None, Some(9)),
        c(
            "T",
            22,
            "TSTZ",
            "TIMESTAMP(3) WITH TIME ZONE",
            13,
            None,
            Some(3),
        ),
        c(
            "T",
            23,
            "TSLTZ",
            "TIMESTAMP(6) WITH LOCAL TIME ZONE",
            11,
            None,
            Some(6),
        ),
        c(
            "T",
            24,
            "IYM",
            "INTERVAL YEAR(2) TO MONTH",
            5,
            Some(2),
            Some(0),
        ),
        c(
            "T",
            25,
            "IDS",
            "INTERVAL DAY(2) TO SECOND(6)",
            11,
            Some(2),
            Some(6),
        ),
        chars(c("T", 26, "VC", "VARCHAR2", 400, None, None), 100, "C"),
        chars(c("T", 27, "VB", "VARCHAR2", 100, None, None), 100, "B"),
        chars(c("T", 28, "CC", "CHAR", 40, None, None), 10, "C"),
        chars(c("T", 29, "CB", "CHAR", 10, None, None), 10, "B"),
        chars(c("T", 30, "NV", "NVARCHAR2", 100, None, None), 50, "C"),
        chars(c("T", 31, "NC", "NCHAR", 20, None, None), 10, "C"),
        c("T", 32, "CL", "CLOB", 4000, None, None),
        c("T", 33, "NCL", "NCLOB", 4000, None, None),
        c("T", 34, "LG", "LONG", 0, None, None),
        c("T", 35, "BL", "BLOB", 4000, None, None),
        c("T", 36, "RW", "RAW", 16, None, None),
        c("T", 37, "RID", "ROWID", 10, None, None),
        c("T", 38, "URID", "UROWID", 4000, None, None),
        owned(c("T", 39, "X", "XMLTYPE", 2000, None, None), "SYS"),
        c("T", 40, "J", "JSON", 8200, None, None),
        c("T", 41, "BF2", "BFILE", 530, None, None),
        owned(c("T", 42, "G", "SDO_GEOMETRY", 1, None, None), "MDSYS"),
        owned(c("T", 43, "ADDR", "ADDRESS_T", 1, None, None), "APP"),
        c("T2", 1, "LR", "LONG RAW", 0, None, None),
        c("T2", 2, "BOOL", "BOOLEAN", 1, None, None),
    ];
    // APP.ORDERS: identity, defaults, a virtual column, comments.
    let mut id = not_null(num("ORDERS", 1, "ID", 10));
    id.identity = true;
    id.data_default = Some("\"APP\".\"ISEQ$$_7\".nextval".into());
    id.comment = Some("key".into());
    let mut qty = not_null(num("ORDERS", 2, "QTY", 5));
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
    cols.extend([id, qty, note, created, gone, total]);
    // APP.K: key shapes (PK columns are NOT NULL in the dictionary).
    for (n, i) in ["A", "B", "C", "D", "E", "F", "G"].iter().zip(1..) {
        let col = num("K", i, n, 5);
        cols.push(if i <= 3 { not_null(col) } else { col });
    }
    cols.push(num("U", 1, "X", 5));
    cols.push(not_null(num("EVENTS", 1, "ID", 19)));
    cols.push(not_null(c("EVENTS", 2, "CREATED", "DATE", 7, None, None)));
    cols.push(num("TMP", 1, "K", 10));
    cols.push(chars(
        c("TMP", 2, "V", "VARCHAR2", 100, None, None),
        100,
        "B",
    ));
    let mut sales = not_null(num("ORDERS", 1, "ID", 10));
    sales.owner = "SALES".into();
    cols.push(sales);
    let mut mixed_id = num("tab le [x] ü名", 1, "ID", 10);
    mixed_id.owner = "Mixed \"Owner\"".into();
    let mut odd = num("tab le [x] ü名", 2, "col \"q\" ü", 3);
    odd.owner = "Mixed \"Owner\"".into();
    odd.comment = Some("Ü 'quoted'".into());
    cols.extend([mixed_id, odd]);
    for n in ["ORDERS_1", "ORDERS_2", "ORDERS_3"] {
        cols.push(num(n, 1, "ID", 10));
    }
    let mut off = k("K", "UQ_OFF", KeySource::Unique, 1, "F");
    off.enabled = false;
    let mut fb = k("K", "UX_FN", KeySource::UniqueIndex, 1, "SYS_NC00008$");
    fb.function_based = true;
    let keys = vec![
        k("ORDERS", "PK_ORDERS", KeySource::Primary, 1, "ID"),
        k("ORDERS", "PK_ORDERS", KeySource::UniqueIndex, 1, "ID"),
        k("K", "UQ_D", KeySource::Unique, 1, "D"),
        k("K", "PK_K", KeySource::Primary, 2, "A"),
        k("K", "PK_K", KeySource::Primary, 1, "B"),
        k("K", "UQ_C", KeySource::Unique, 1, "C"),
        off,
        k("K", "PK_K", KeySource::UniqueIndex, 1, "B"),
        k("K", "PK_K", KeySource::UniqueIndex, 2, "A"),
        k("K", "UQ_C", KeySource::UniqueIndex, 1, "C"),
        k("K", "UQ_D", KeySource::UniqueIndex, 1, "D"),
        k("K", "UX_E", KeySource::UniqueIndex, 1, "E"),
        fb,
        k("U", "UX_X", KeySource::UniqueIndex, 1, "X"),
        k("EVENTS", "PK_EVENTS", KeySource::Primary, 1, "ID"),
        k("EVENTS", "PK_EVENTS", KeySource::Primary, 2, "CREATED"),
    ];
    build_tables(SERVICE, &Charsets::default(), &tables, &cols, &keys)
}

/// Clear what a script cannot know: sizes (optimizer statistics).
fn comparable(mut t: Table) -> Table {
    t.size = Default::default();
    t
}

#[test]
fn same_ir_as_the_row_path() {
    let d = dump();
    let mut want: Vec<Table> = rows().into_iter().map(comparable).collect();
    want.sort_by(|a, b| a.name.cmp(&b.name));
    let got: Vec<Table> = d.catalog.tables.iter().cloned().map(comparable).collect();
    let got_names: Vec<String> = got.iter().map(|t| t.name.to_string()).collect();
    let want_names: Vec<String> = want.iter().map(|t| t.name.to_string()).collect();
    assert_eq!(got_names, want_names);
    for (g, w) in got.iter().zip(&want) {
        for (gc, wc) in g.columns.iter().zip(&w.columns) {
            assert_eq!(gc, wc, "{} column {}", g.name, wc.name);
        }
        assert_eq!(g, w, "table {}", g.name);
    }
}

#[test]
fn types_keys_defaults_comments() {
    let d = dump();
    let tb = table(&d, "APP", "T");
    assert_eq!(
        tb.column("TSLTZ").unwrap().data_type,
        DataType::Timestamp {
            precision: Some(6),
            time_zone: TimeZoneKind::Local
        }
    );
    assert_eq!(
        tb.column("IDS").unwrap().native_type,
        "INTERVAL DAY(2) TO SECOND(6)"
    );
    assert_eq!(tb.column("VC").unwrap().native_type, "VARCHAR2(100 CHAR)");
    assert_eq!(tb.column("N10").unwrap().data_type, DataType::int(64));
    let o = table(&d, "APP", "ORDERS");
    assert_eq!(o.comment.as_deref(), Some("orders"));
    assert!(o.columns[0].auto_increment && o.columns[0].default.is_none());
    assert_eq!(
        o.columns[2].default,
        Some(DefaultValue::Literal("it's".into()))
    );
    assert_eq!(o.columns[4].default, Some(DefaultValue::Null));
    let k = table(&d, "APP", "K");
    assert_eq!(
        k.primary_key,
        Some(Key::new(Some("PK_K".into()), vec!["B".into(), "A".into()]))
    );
    let names: Vec<&str> = k
        .unique_keys
        .iter()
        .filter_map(|k| k.name.as_deref())
        .collect();
    assert_eq!(names, ["UQ_C", "UQ_D", "UX_E"]);
    assert_eq!(
        table(&d, "APP", "EVENTS")
            .facts
            .get("oracle.partitioned")
            .map(String::as_str),
        Some("true")
    );
}

#[test]
fn problems_are_reported_with_their_line() {
    let d = dump();
    let line = |prefix: &str| {
        SCRIPT
            .lines()
            .position(|l| l.trim_start().starts_with(prefix))
            .unwrap()
            + 1
    };
    let got: Vec<usize> = d.errors.iter().map(|e| e.line).collect();
    assert_eq!(
        got,
        [
            line("CREATE TABLE \"APP\".\"BROKEN\""),
            line("CREATE TABLE \"APP\".\"OBJ\"")
        ],
        "{:?}",
        d.errors
    );
    assert!(d.skipped.contains_key("CREATE OR"), "{:?}", d.skipped);
}

#[test]
fn unquoted_names_fold_and_owner_defaults_to_the_service() {
    let d = read_dump(
        "create table emp (empno number(4) primary key, ename varchar2(10), \
         sal number(7,2) default 0 not null, hired timestamp with time zone);\n\
         comment on column emp.ename is 'name';\n",
        Path::new("emp.sql"),
        SourceKind::Oracle,
        Some("scott"),
    )
    .unwrap();
    let t = &d.catalog.tables[0];
    assert_eq!(t.name, TableName::with_schema("scott", "SCOTT", "EMP"));
    assert_eq!(t.primary_key, Some(Key::new(None, vec!["EMPNO".into()])));
    assert!(!t.columns[0].nullable);
    assert_eq!(t.columns[0].data_type, DataType::int(16));
    assert_eq!(t.columns[1].native_type, "VARCHAR2(10 BYTE)");
    assert_eq!(t.columns[1].comment.as_deref(), Some("name"));
    assert_eq!(
        t.columns[2].default,
        Some(DefaultValue::Literal("0".into()))
    );
    assert_eq!(t.columns[3].native_type, "TIMESTAMP(6) WITH TIME ZONE");
}

#[test]
fn truncated_scripts_never_panic() {
    for (i, _) in SCRIPT.char_indices().step_by(5) {
        let _ = read_dump(&SCRIPT[..i], Path::new("cut.sql"), SourceKind::Oracle, None);
        let _ = read_dump(&SCRIPT[i..], Path::new("cut.sql"), SourceKind::Oracle, None);
    }
}
