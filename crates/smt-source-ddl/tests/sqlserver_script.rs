//! An SSMS "Script Table as CREATE" script read into the IR, and compared with the SQL Server
//! adapter's row path (`smt_source_sqlserver::model::build_tables`) for the same tables.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use smt_ir::{DataType, DefaultValue, Key, SourceKind, Table, TableName};
use smt_source_ddl::{DumpCatalog, read_dump};
use smt_source_sqlserver::model::{ColumnRow, IndexColumnRow, TableRow, build_tables};

const SCRIPT: &str = include_str!("dumps/ssms_2019.sql");
const DB: &str = "shop db";

fn dump() -> DumpCatalog {
    read_dump(
        SCRIPT,
        Path::new("ssms_2019.sql"),
        SourceKind::Sqlserver,
        Some("ignored"),
    )
    .unwrap()
}

fn table<'a>(d: &'a DumpCatalog, schema: &str, name: &str) -> &'a Table {
    d.catalog
        .tables
        .iter()
        .find(|t| t.name == TableName::with_schema(DB, schema, name))
        .unwrap_or_else(|| panic!("no table {schema}.{name}"))
}

const LATIN: &str = "SQL_Latin1_General_CP1_CI_AS";

/// A `sys.columns` row as the server reports the column the script declares.
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
        "char" | "varchar" | "text" | "nchar" | "nvarchar" | "ntext" | "sysname"
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
        collation: character.then(|| LATIN.to_string()),
        code_page: character.then_some(1252),
        nullable: true,
        is_identity: false,
        computed_definition: None,
        is_persisted: false,
        default_definition: None,
        comment: None,
    }
}

fn not_null(mut c: ColumnRow) -> ColumnRow {
    c.nullable = false;
    c
}

fn collated(mut c: ColumnRow, collation: &str, code_page: i32) -> ColumnRow {
    c.collation = Some(collation.into());
    c.code_page = Some(code_page);
    c
}

fn t(object_id: i32, schema: &str, name: &str, comment: Option<&str>) -> TableRow {
    TableRow {
        object_id,
        schema: schema.into(),
        name: name.into(),
        comment: comment.map(str::to_string),
    }
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

/// The rows a server returns for the tables of the script.
fn rows() -> Vec<Table> {
    let tables = vec![
        t(1, "dbo", "all_types", None),
        t(2, "dbo", "orders", Some("the orders")),
        t(3, "sales", "orders", Some("it's sales")),
        t(4, "dbo", "k", None),
        t(5, "we\"ird] sch", "tab'le [x] ü名", None),
        t(6, "dbo", "orders_1", None),
        t(7, "dbo", "orders_2", None),
        t(8, "dbo", "orders_3", None),
    ];
    let mut cols = vec![
        c(1, 1, "a", "bit", 1, 1, 0),
        c(1, 2, "b", "tinyint", 1, 3, 0),
        c(1, 3, "c", "smallint", 2, 5, 0),
        c(1, 4, "d", "int", 4, 10, 0),
        c(1, 5, "e", "bigint", 8, 19, 0),
        c(1, 6, "f", "money", 8, 19, 4),
        c(1, 7, "g", "smallmoney", 4, 10, 4),
        c(1, 8, "h", "decimal", 9, 18, 2),
        c(1, 9, "i", "numeric", 17, 38, 0),
        c(1, 10, "j", "real", 4, 24, 0),
        c(1, 11, "k", "float", 8, 53, 0),
        c(1, 12, "l", "date", 3, 10, 0),
        c(1, 13, "m", "time", 5, 16, 7),
        c(1, 14, "n", "datetime", 8, 23, 3),
        c(1, 15, "o", "datetime2", 8, 27, 7),
        c(1, 16, "p", "datetime2", 6, 19, 0),
        c(1, 17, "q", "smalldatetime", 4, 16, 0),
        c(1, 18, "r", "datetimeoffset", 10, 34, 7),
        c(1, 19, "s", "char", 10, 0, 0),
        c(1, 20, "t", "varchar", 255, 0, 0),
        c(1, 21, "u", "varchar", -1, 0, 0),
        c(1, 22, "v", "text", 16, 0, 0),
        c(1, 23, "w", "nchar", 20, 0, 0),
        c(1, 24, "x", "nvarchar", 100, 0, 0),
        c(1, 25, "y", "nvarchar", -1, 0, 0),
        c(1, 26, "z", "ntext", 16, 0, 0),
        c(1, 27, "ba", "binary", 16, 0, 0),
        c(1, 28, "bb", "varbinary", 100, 0, 0),
        c(1, 29, "bc", "varbinary", -1, 0, 0),
        c(1, 30, "bd", "image", 16, 0, 0),
        c(1, 31, "be", "uniqueidentifier", 16, 0, 0),
        c(1, 32, "bf", "xml", -1, 0, 0),
        c(1, 33, "bg", "sql_variant", 8016, 0, 0),
        c(1, 34, "bh", "hierarchyid", 892, 0, 0),
        c(1, 35, "bi", "geography", -1, 0, 0),
        c(1, 36, "bj", "geometry", -1, 0, 0),
        c(1, 37, "bk", "timestamp", 8, 0, 0),
        c(1, 38, "bl", "sysname", 256, 0, 0),
        {
            let mut alias = c(1, 39, "bm", "varchar", 20, 0, 0);
            alias.type_name = "Phone".into();
            alias.is_user_defined = true;
            alias
        },
        collated(
            c(1, 40, "bn", "varchar", 40, 0, 0),
            "Latin1_General_100_CI_AS_SC_UTF8",
            65001,
        ),
        collated(c(1, 41, "bo", "char", 8, 0, 0), "Chinese_PRC_CI_AS", 936),
        collated(c(1, 42, "bp", "varchar", 20, 0, 0), "Japanese_CI_AS", 932),
        collated(
            c(1, 43, "bq", "nvarchar", 20, 0, 0),
            "Latin1_General_100_CI_AS_SC_UTF8",
            65001,
        ),
        c(1, 44, "br", "float", 8, 53, 0),
        c(1, 45, "bs", "decimal", 9, 10, 0),
    ];
    // dbo.orders: identity, defaults, computed columns, comments.
    let mut id = not_null(c(2, 1, "id", "int", 4, 10, 0));
    id.is_identity = true;
    id.comment = Some("row id".into());
    let mut qty = not_null(c(2, 2, "qty", "int", 4, 10, 0));
    qty.default_definition = Some("((0))".into());
    let mut note = c(2, 3, "note", "nvarchar", 40, 0, 0);
    note.default_definition = Some("(N'a''b')".into());
    let mut created = c(2, 4, "created", "datetime2", 8, 27, 7);
    created.default_definition = Some("(sysdatetime())".into());
    let mut total = c(2, 5, "total", "int", 4, 10, 0);
    total.computed_definition = Some("([qty]*(2))".into());
    total.is_persisted = true;
    let mut half = c(2, 6, "half", "int", 4, 10, 0);
    half.computed_definition = Some("([qty]/(2))".into());
    cols.extend([id, qty, note, created, total, half]);
    // sales.orders: inline named and unnamed defaults.
    let mut flag = not_null(c(3, 2, "flag", "bit", 1, 1, 0));
    flag.default_definition = Some("((1))".into());
    let mut label = c(3, 3, "label", "varchar", 10, 0, 0);
    label.default_definition = Some("('x')".into());
    cols.extend([
        not_null(c(3, 1, "id", "bigint", 8, 19, 0)),
        flag,
        label,
        not_null(c(3, 4, "uid", "uniqueidentifier", 16, 0, 0)),
        c(3, 5, "amount", "money", 8, 19, 4),
    ]);
    // dbo.k: key shapes.
    for (i, n) in ["a", "b", "c", "d", "e", "f", "g"].iter().enumerate() {
        let col = c(4, i32::try_from(i).unwrap() + 1, n, "int", 4, 10, 0);
        cols.push(if i < 3 { not_null(col) } else { col });
    }
    let mut weird = c(5, 2, "col]\"umn ü", "int", 4, 10, 0);
    weird.comment = Some("Ü column".into());
    cols.extend([not_null(c(5, 1, "id", "bigint", 8, 19, 0)), weird]);
    for id in 6..=8 {
        cols.push(not_null(c(id, 1, "id", "bigint", 8, 19, 0)));
    }
    let mut keys = vec![
        ix(2, 1, "PK_orders", true, 1, "id"),
        ix(3, 2, "PK_sales_orders", true, 1, "id"),
        ix(4, 1, "pk_k", true, 2, "a"),
        ix(4, 1, "pk_k", true, 1, "b"),
        ix(4, 2, "uq_c", false, 1, "c"),
        ix(4, 3, "uq_d", false, 1, "d"),
        ix(4, 4, "ux_e", false, 1, "e"),
    ];
    let mut included = ix(4, 4, "ux_e", false, 0, "f");
    included.is_included = true;
    keys.push(included);
    let mut filtered = ix(4, 5, "ux_f", false, 1, "f");
    filtered.has_filter = true;
    keys.push(filtered);
    let mut disabled = ix(4, 6, "ux_off", false, 1, "g");
    disabled.is_disabled = true;
    keys.push(disabled);
    let mut plain = ix(4, 7, "ix_g", false, 1, "g");
    plain.is_unique = false;
    keys.push(plain);
    build_tables(DB, &tables, &cols, &keys, &[])
}

/// Clear what a script cannot know: sizes, and the type of computed columns (the server derives
/// it from the expression).
fn comparable(mut t: Table) -> Table {
    t.size = Default::default();
    for c in &mut t.columns {
        if c.generated.is_some() {
            c.data_type = DataType::Other {
                native: String::new(),
            };
            c.native_type = String::new();
        }
    }
    t
}

#[test]
fn same_ir_as_the_row_path() {
    let d = dump();
    let mut want: Vec<Table> = rows().into_iter().map(comparable).collect();
    want.sort_by(|a, b| a.name.cmp(&b.name));
    let got: Vec<Table> = d.catalog.tables.iter().cloned().map(comparable).collect();
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g.name, w.name);
        for (gc, wc) in g.columns.iter().zip(&w.columns) {
            assert_eq!(gc, wc, "{} column {}", g.name, wc.name);
        }
        assert_eq!(g, w, "table {}", g.name);
    }
}

#[test]
fn types_keys_defaults_comments() {
    let d = dump();
    let all = table(&d, "dbo", "all_types");
    assert_eq!(all.columns.len(), 45);
    assert_eq!(all.column("y").unwrap().native_type, "nvarchar(max)");
    assert_eq!(
        all.column("bm")
            .unwrap()
            .facts
            .get("sqlserver.alias_type")
            .map(String::as_str),
        Some("Phone")
    );
    assert_eq!(
        all.column("bo").unwrap().data_type,
        DataType::Char {
            length: 8,
            max_bytes_per_char: 2
        }
    );
    let o = table(&d, "dbo", "orders");
    assert_eq!(o.comment.as_deref(), Some("the orders"));
    assert!(o.columns[0].auto_increment && !o.columns[0].nullable);
    assert_eq!(
        o.columns[1].default,
        Some(DefaultValue::Literal("0".into()))
    );
    assert_eq!(
        o.columns[2].default,
        Some(DefaultValue::Literal("a'b".into()))
    );
    let g = o.columns[4].generated.as_ref().unwrap();
    assert_eq!((g.expression.as_str(), g.stored), ("[qty]*(2)", true));
    let k = table(&d, "dbo", "k");
    assert_eq!(
        k.primary_key,
        Some(Key::new(Some("pk_k".into()), vec!["b".into(), "a".into()]))
    );
    let names: Vec<&str> = k
        .unique_keys
        .iter()
        .filter_map(|k| k.name.as_deref())
        .collect();
    assert_eq!(names, ["uq_c", "uq_d", "ux_e"]);
    let w = table(&d, "we\"ird] sch", "tab'le [x] ü名");
    assert_eq!(w.columns[1].comment.as_deref(), Some("Ü column"));
}

#[test]
fn broken_statements_are_reported_with_their_line() {
    let d = dump();
    assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
    let e = &d.errors[0];
    assert_eq!(e.file, Path::new("ssms_2019.sql"));
    let line = SCRIPT
        .lines()
        .position(|l| l.starts_with("CREATE TABLE [dbo].[broken]"))
        .unwrap()
        + 1;
    assert_eq!(e.line, line, "{e}");
    assert!(
        d.skipped.get("SET").copied().unwrap_or(0) >= 5,
        "{:?}",
        d.skipped
    );
    assert!(d.skipped.contains_key("CREATE VIEW"), "{:?}", d.skipped);
}

#[test]
fn database_from_option_without_use() {
    let d = read_dump(
        "CREATE TABLE t (id int NOT NULL PRIMARY KEY, n nvarchar(10) NULL);\n\
         CREATE TABLE [x].[u] ([a] [int] NOT NULL, CONSTRAINT [uq] UNIQUE ([a]))\nGO\n",
        Path::new("plain.sql"),
        SourceKind::Sqlserver,
        Some("erp"),
    )
    .unwrap();
    let names: Vec<TableName> = d.catalog.tables.iter().map(|t| t.name.clone()).collect();
    assert_eq!(
        names,
        [
            TableName::with_schema("erp", "dbo", "t"),
            TableName::with_schema("erp", "x", "u")
        ]
    );
    let t = &d.catalog.tables[0];
    assert_eq!(t.primary_key, Some(Key::new(None, vec!["id".into()])));
    assert!(!t.columns[0].nullable);
    assert_eq!(t.columns[1].data_type, DataType::varchar(10, 2));
}

#[test]
fn truncated_scripts_never_panic() {
    for (i, _) in SCRIPT.char_indices().step_by(5) {
        let _ = read_dump(
            &SCRIPT[..i],
            Path::new("cut.sql"),
            SourceKind::Sqlserver,
            None,
        );
        let _ = read_dump(
            &SCRIPT[i..],
            Path::new("cut.sql"),
            SourceKind::Sqlserver,
            None,
        );
    }
}
