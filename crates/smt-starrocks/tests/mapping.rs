//! Every mapping rule of `docs/type-mapping.md`, at the version boundaries that change it.
#![allow(clippy::unwrap_used)]

use smt_ir::{
    Column, DataType, KeyKind, Severity, SourceKind, StarRocksVersion, StructField, TargetProfile,
    TimeZoneKind,
};
use smt_starrocks::*;

fn profile(major: u16, minor: u16, patch: u16) -> TargetProfile {
    TargetProfile {
        version: StarRocksVersion::new(major, minor, patch),
        ..TargetProfile::default()
    }
}

fn sr(dt: DataType) -> String {
    map_data_type(&dt, SourceKind::Mysql, &TargetProfile::default()).sql
}

fn sr_at(dt: DataType, t: &TargetProfile) -> String {
    map_data_type(&dt, SourceKind::Mysql, t).sql
}

fn codes(m: &MappedType) -> Vec<&str> {
    m.notes.iter().map(|n| n.code.as_str()).collect()
}

#[test]
fn max_varchar_by_version() {
    assert_eq!(max_varchar(&profile(2, 0, 9)), 65_533);
    assert_eq!(max_varchar(&profile(2, 1, 0)), 1_048_576);
    assert_eq!(max_varchar(&profile(4, 1, 9)), 1_048_576);
    assert_eq!(max_varchar(&profile(4, 2, 0)), 2_147_482_624);
}

#[test]
fn integers() {
    assert_eq!(sr(DataType::int(8)), "TINYINT");
    assert_eq!(sr(DataType::uint(8)), "SMALLINT");
    assert_eq!(sr(DataType::int(16)), "SMALLINT");
    assert_eq!(sr(DataType::uint(16)), "INT");
    assert_eq!(sr(DataType::int(24)), "INT");
    assert_eq!(sr(DataType::uint(24)), "INT");
    assert_eq!(sr(DataType::int(32)), "INT");
    assert_eq!(sr(DataType::uint(32)), "BIGINT");
    assert_eq!(sr(DataType::int(64)), "BIGINT");
    assert_eq!(sr(DataType::uint(64)), "LARGEINT");
    assert_eq!(sr(DataType::int(128)), "LARGEINT");
    let m = map_data_type(
        &DataType::uint(64),
        SourceKind::Mysql,
        &TargetProfile::default(),
    );
    assert_eq!(m.class, TypeClass::LargeInt);
    assert_eq!(codes(&m), ["widened"]);
    assert!(
        map_data_type(
            &DataType::int(64),
            SourceKind::Mysql,
            &TargetProfile::default()
        )
        .notes
        .is_empty()
    );
}

#[test]
fn uint128_needs_decimal256() {
    let m = map_data_type(
        &DataType::uint(128),
        SourceKind::Clickhouse,
        &profile(4, 0, 0),
    );
    assert_eq!(m.sql, "DECIMAL(39,0)");
    assert_eq!(m.class, TypeClass::Decimal);
    let m = map_data_type(
        &DataType::uint(128),
        SourceKind::Clickhouse,
        &profile(3, 3, 0),
    );
    assert_eq!(m.sql, "VARCHAR(40)");
    assert_eq!(codes(&m), ["lossy-mapping"]);
}

#[test]
fn tinyint1() {
    let t1 = DataType::Integer {
        bits: 8,
        unsigned: false,
        display_width: Some(1),
    };
    let m = map_data_type(&t1, SourceKind::Mysql, &TargetProfile::default());
    assert_eq!(m.sql, "BOOLEAN");
    assert_eq!(m.notes[0].severity, Severity::Info);
    assert_eq!(
        map_data_type(&t1, SourceKind::Tidb, &TargetProfile::default()).sql,
        "BOOLEAN"
    );
    let off = TargetProfile {
        tinyint1_as_boolean: false,
        ..TargetProfile::default()
    };
    assert_eq!(map_data_type(&t1, SourceKind::Mysql, &off).sql, "TINYINT");
    // Only MySQL/TiDB know display widths with this meaning.
    assert_eq!(
        map_data_type(&t1, SourceKind::Pgsql, &TargetProfile::default()).sql,
        "TINYINT"
    );
    // tinyint(1) unsigned and tinyint(2) stay integers.
    let u = DataType::Integer {
        bits: 8,
        unsigned: true,
        display_width: Some(1),
    };
    assert_eq!(sr(u), "SMALLINT");
    let w2 = DataType::Integer {
        bits: 8,
        unsigned: false,
        display_width: Some(2),
    };
    assert_eq!(sr(w2), "TINYINT");
}

#[test]
fn decimals() {
    let v3 = TargetProfile::default();
    let v2 = TargetProfile {
        use_decimal_v3: false,
        ..TargetProfile::default()
    };
    assert_eq!(sr_at(DataType::decimal(10, 2), &v3), "DECIMAL(10,2)");
    assert_eq!(sr_at(DataType::decimal(38, 10), &v3), "DECIMAL(38,10)");
    assert_eq!(sr_at(DataType::decimal(27, 9), &v2), "DECIMAL(27,9)");
    // Beyond DECIMAL v2.
    let m = map_data_type(&DataType::decimal(28, 2), SourceKind::Mysql, &v2);
    assert_eq!(m.sql, "VARCHAR(30)");
    assert_eq!(codes(&m), ["lossy-mapping"]);
    assert_eq!(sr_at(DataType::decimal(20, 10), &v2), "VARCHAR(22)");
    // 39..=76: DECIMAL256 from 4.0.
    assert_eq!(
        sr_at(DataType::decimal(65, 30), &profile(4, 0, 0)),
        "DECIMAL(65,30)"
    );
    assert_eq!(
        sr_at(DataType::decimal(76, 0), &profile(4, 0, 0)),
        "DECIMAL(76,0)"
    );
    assert_eq!(
        sr_at(DataType::decimal(77, 0), &profile(4, 0, 0)),
        "VARCHAR(79)"
    );
    let m = map_data_type(
        &DataType::decimal(65, 30),
        SourceKind::Mysql,
        &profile(3, 5, 0),
    );
    assert_eq!(m.sql, "VARCHAR(67)");
    assert_eq!(m.notes[0].severity, Severity::Warning);
    // decimal(p) without scale.
    let p_only = DataType::Decimal {
        precision: Some(12),
        scale: None,
    };
    assert_eq!(sr(p_only), "DECIMAL(12,0)");
}

#[test]
fn unbounded_and_odd_decimals() {
    let unbounded = DataType::Decimal {
        precision: None,
        scale: None,
    };
    let m = map_data_type(&unbounded, SourceKind::Pgsql, &TargetProfile::default());
    assert_eq!(m.sql, "DECIMAL(38,9)");
    assert_eq!(codes(&m), ["lossy-mapping"]);
    assert_eq!(m.notes[0].severity, Severity::Warning);
    let v2 = TargetProfile {
        use_decimal_v3: false,
        ..TargetProfile::default()
    };
    assert_eq!(
        map_data_type(&unbounded, SourceKind::Oracle, &v2).sql,
        "DECIMAL(27,9)"
    );
    // Oracle NUMBER(5,-2): integers of up to 7 digits.
    let m = map_data_type(
        &DataType::decimal(5, -2),
        SourceKind::Oracle,
        &TargetProfile::default(),
    );
    assert_eq!(m.sql, "DECIMAL(7,0)");
    assert_eq!(m.notes[0].severity, Severity::Info);
    // Oracle NUMBER(2,5): scale above precision.
    assert_eq!(
        map_data_type(
            &DataType::decimal(2, 5),
            SourceKind::Oracle,
            &TargetProfile::default()
        )
        .sql,
        "DECIMAL(5,5)"
    );
}

#[test]
fn floats_and_simple_types() {
    assert_eq!(sr(DataType::Float { bits: 32 }), "FLOAT");
    assert_eq!(sr(DataType::Float { bits: 64 }), "DOUBLE");
    assert_eq!(sr(DataType::Boolean), "BOOLEAN");
    assert_eq!(sr(DataType::Date), "DATE");
    assert_eq!(sr(DataType::Year), "SMALLINT");
    assert_eq!(sr(DataType::Uuid), "VARCHAR(36)");
}

#[test]
fn characters_are_sized_in_utf8_bytes() {
    // utf8mb4: x4; CHAR up to 255 bytes.
    assert_eq!(
        sr(DataType::Char {
            length: 10,
            max_bytes_per_char: 4
        }),
        "CHAR(40)"
    );
    assert_eq!(
        sr(DataType::Char {
            length: 63,
            max_bytes_per_char: 4
        }),
        "CHAR(252)"
    );
    assert_eq!(
        sr(DataType::Char {
            length: 64,
            max_bytes_per_char: 4
        }),
        "VARCHAR(256)"
    );
    assert_eq!(
        sr(DataType::Char {
            length: 85,
            max_bytes_per_char: 3
        }),
        "CHAR(255)"
    );
    // latin1 and other single-byte sets: a character may need 3 UTF-8 bytes.
    assert_eq!(sr(DataType::varchar(100, 1)), "VARCHAR(300)");
    // UCS-2/UTF-16 units (SQL Server nvarchar): 3 UTF-8 bytes at most per unit.
    assert_eq!(sr(DataType::varchar(100, 2)), "VARCHAR(300)");
    assert_eq!(sr(DataType::varchar(255, 4)), "VARCHAR(1020)");
    // Unknown bytes-per-character: assume 4.
    assert_eq!(sr(DataType::varchar(10, 0)), "VARCHAR(40)");
    // A column declared ascii needs one byte per character.
    let mut c = Column::new("code", DataType::varchar(10, 1), "varchar(10)");
    c.charset = Some("ascii".into());
    assert_eq!(
        map_type(&c, SourceKind::Mysql, &TargetProfile::default()).sql,
        "VARCHAR(10)"
    );
    // Zero-length CHAR becomes CHAR(1).
    assert_eq!(
        sr(DataType::Char {
            length: 0,
            max_bytes_per_char: 4
        }),
        "CHAR(1)"
    );
}

#[test]
fn varchar_cap_by_version() {
    let big = DataType::varchar(20_000, 4); // 80000 bytes
    let m = map_data_type(&big, SourceKind::Mysql, &profile(2, 0, 0));
    assert_eq!(m.sql, "VARCHAR(65533)");
    assert_eq!(codes(&m), ["truncation-risk"]);
    assert_eq!(m.notes[0].severity, Severity::Warning);
    let m = map_data_type(&big, SourceKind::Mysql, &profile(2, 1, 0));
    assert_eq!(m.sql, "VARCHAR(80000)");
    assert!(m.notes.is_empty());
}

#[test]
fn text_and_unbounded_varchar() {
    let text = |b: Option<u64>, mbpc: u8| DataType::Text {
        max_bytes: b,
        max_bytes_per_char: mbpc,
    };
    // MySQL TEXT, utf8mb4: 65535 bytes.
    assert_eq!(sr(text(Some(65_535), 4)), "VARCHAR(65535)");
    // latin1 TEXT: up to 3x in UTF-8.
    assert_eq!(sr(text(Some(65_535), 1)), "VARCHAR(196605)");
    // LONGTEXT: capped with a warning.
    let m = map_data_type(
        &text(Some(4_294_967_295), 4),
        SourceKind::Mysql,
        &TargetProfile::default(),
    );
    assert_eq!(m.sql, "VARCHAR(1048576)");
    assert_eq!(m.notes[0].code, "truncation-risk");
    assert_eq!(m.notes[0].severity, Severity::Warning);
    // From 4.2 LONGTEXT fits the larger VARCHAR only partially.
    assert_eq!(
        sr_at(text(Some(4_294_967_295), 4), &profile(4, 2, 0)),
        "VARCHAR(2147482624)"
    );
    // PostgreSQL text / varchar without length: the version maximum, never STRING.
    let m = map_data_type(&text(None, 4), SourceKind::Pgsql, &TargetProfile::default());
    assert_eq!(m.sql, "VARCHAR(1048576)");
    assert_eq!(m.notes[0].severity, Severity::Info);
    let v = DataType::Varchar {
        length: None,
        max_bytes_per_char: 4,
    };
    assert_eq!(sr_at(v.clone(), &profile(2, 0, 0)), "VARCHAR(65533)");
    assert_eq!(sr_at(v, &profile(4, 2, 0)), "VARCHAR(2147482624)");
}

#[test]
fn binary_types() {
    assert_eq!(sr(DataType::Binary { length: 16 }), "BINARY(16)");
    assert_eq!(
        sr(DataType::Varbinary { length: Some(100) }),
        "VARBINARY(100)"
    );
    assert_eq!(
        sr(DataType::Varbinary { length: None }),
        "VARBINARY(1048576)"
    );
    assert_eq!(
        sr(DataType::Blob {
            max_bytes: Some(65_535)
        }),
        "VARBINARY(65535)"
    );
    let m = map_data_type(
        &DataType::Blob {
            max_bytes: Some(4_294_967_295),
        },
        SourceKind::Mysql,
        &profile(4, 2, 0),
    );
    // VARBINARY stays at 1 MiB even where VARCHAR grows.
    assert_eq!(m.sql, "VARBINARY(1048576)");
    assert_eq!(codes(&m), ["truncation-risk"]);
    assert_eq!(m.class, TypeClass::Binary);
    // Before 3.0: text, lossy.
    let m = map_data_type(
        &DataType::Binary { length: 16 },
        SourceKind::Mysql,
        &profile(2, 5, 0),
    );
    assert_eq!(m.sql, "VARCHAR(32)");
    assert_eq!(m.class, TypeClass::Varchar);
    assert!(codes(&m).contains(&"lossy-mapping"));
}

#[test]
fn temporal_types() {
    let ts = |tz| DataType::Timestamp {
        precision: Some(6),
        time_zone: tz,
    };
    let m = map_data_type(
        &ts(TimeZoneKind::None),
        SourceKind::Mysql,
        &TargetProfile::default(),
    );
    assert_eq!(m.sql, "DATETIME");
    assert!(m.notes.is_empty());
    let m = map_data_type(
        &ts(TimeZoneKind::Local),
        SourceKind::Pgsql,
        &TargetProfile::default(),
    );
    assert_eq!(m.sql, "DATETIME");
    assert_eq!(m.notes[0].severity, Severity::Info);
    let m = map_data_type(
        &ts(TimeZoneKind::Offset),
        SourceKind::Oracle,
        &TargetProfile::default(),
    );
    assert_eq!(m.sql, "DATETIME");
    assert_eq!(codes(&m), ["lossy-mapping"]);
    assert_eq!(m.notes[0].severity, Severity::Warning);
    let m = map_data_type(
        &DataType::Timestamp {
            precision: Some(7),
            time_zone: TimeZoneKind::None,
        },
        SourceKind::Sqlserver,
        &TargetProfile::default(),
    );
    assert_eq!(codes(&m), ["lossy-mapping"]);
    assert_eq!(m.notes[0].severity, Severity::Info);

    let time = |p: Option<u8>, tz: bool| DataType::Time {
        precision: p,
        with_time_zone: tz,
    };
    assert_eq!(sr(time(None, false)), "VARCHAR(10)");
    assert_eq!(sr(time(Some(0), false)), "VARCHAR(10)");
    assert_eq!(sr(time(Some(3), false)), "VARCHAR(14)");
    assert_eq!(sr(time(Some(6), false)), "VARCHAR(17)");
    assert_eq!(sr(time(Some(6), true)), "VARCHAR(23)");
}

#[test]
fn intervals_by_source() {
    let i = DataType::Interval {
        fields: Some("DAY TO SECOND".into()),
    };
    let d = TargetProfile::default();
    assert_eq!(map_data_type(&i, SourceKind::Pgsql, &d).sql, "BIGINT");
    assert_eq!(map_data_type(&i, SourceKind::Oracle, &d).sql, "BIGINT");
    assert_eq!(map_data_type(&i, SourceKind::Mysql, &d).sql, "VARCHAR(64)");
}

#[test]
fn json_by_version() {
    assert_eq!(sr(DataType::Json { binary: true }), "JSON");
    assert_eq!(
        sr_at(DataType::Json { binary: false }, &profile(2, 2, 0)),
        "JSON"
    );
    let m = map_data_type(
        &DataType::Json { binary: false },
        SourceKind::Mysql,
        &profile(2, 1, 0),
    );
    assert_eq!(m.sql, "VARCHAR(1048576)");
    assert_eq!(m.class, TypeClass::Varchar);
}

#[test]
fn enum_and_set() {
    let e = DataType::Enum {
        values: vec!["small".into(), "medium".into(), "x".into()],
    };
    assert_eq!(sr(e), "VARCHAR(24)");
    assert_eq!(sr(DataType::Enum { values: vec![] }), "VARCHAR(1)");
    let s = DataType::Set {
        values: vec!["a".into(), "bb".into(), "ccc".into()],
    };
    // 6 characters + 2 commas, x4.
    assert_eq!(sr(s), "VARCHAR(32)");
}

#[test]
fn bits() {
    let bit = |n: u32, varying: bool| DataType::Bit { length: n, varying };
    assert_eq!(sr(bit(1, false)), "BOOLEAN");
    assert_eq!(sr(bit(8, false)), "VARBINARY(1)");
    assert_eq!(sr(bit(9, false)), "VARBINARY(2)");
    assert_eq!(sr(bit(64, false)), "VARBINARY(8)");
    assert_eq!(sr(bit(1, true)), "VARBINARY(1)");
    assert_eq!(sr_at(bit(10, false), &profile(2, 5, 0)), "BIGINT");
    assert_eq!(sr_at(bit(64, false), &profile(2, 5, 0)), "LARGEINT");
    assert_eq!(sr_at(bit(100, false), &profile(2, 5, 0)), "VARCHAR(100)");
}

#[test]
fn complex_types() {
    let arr = DataType::Array {
        element: Box::new(DataType::int(32)),
        dimensions: 2,
    };
    assert_eq!(sr(arr.clone()), "ARRAY<ARRAY<INT>>");
    assert_eq!(sr_at(arr.clone(), &profile(2, 1, 0)), "ARRAY<ARRAY<INT>>");
    let m = map_data_type(&arr, SourceKind::Pgsql, &profile(2, 0, 0));
    assert_eq!(m.class, TypeClass::Varchar);
    // CHAR elements become VARCHAR.
    let arr_char = DataType::Array {
        element: Box::new(DataType::Char {
            length: 2,
            max_bytes_per_char: 4,
        }),
        dimensions: 1,
    };
    assert_eq!(sr(arr_char), "ARRAY<VARCHAR(8)>");
    // ARRAY<DECIMAL> needs 3.1.
    let arr_dec = DataType::Array {
        element: Box::new(DataType::decimal(10, 2)),
        dimensions: 1,
    };
    assert_eq!(
        sr_at(arr_dec.clone(), &profile(3, 1, 0)),
        "ARRAY<DECIMAL(10,2)>"
    );
    let m = map_data_type(&arr_dec, SourceKind::Pgsql, &profile(3, 0, 0));
    assert_eq!(m.sql, "JSON");
    assert!(codes(&m).contains(&"lossy-mapping"));

    let map = DataType::Map {
        key: Box::new(DataType::varchar(10, 4)),
        value: Box::new(DataType::int(64)),
    };
    assert_eq!(sr(map.clone()), "MAP<VARCHAR(40),BIGINT>");
    assert_eq!(sr_at(map.clone(), &profile(3, 0, 0)), "JSON");
    assert_eq!(sr_at(map, &profile(2, 1, 0)), "VARCHAR(1048576)");

    let st = DataType::Struct {
        fields: vec![
            StructField {
                name: "a".into(),
                data_type: DataType::int(32),
            },
            StructField {
                name: "b`c".into(),
                data_type: DataType::Date,
            },
        ],
    };
    assert_eq!(sr(st.clone()), "STRUCT<`a` INT, `b``c` DATE>");
    let m = map_data_type(&st, SourceKind::Hive, &profile(3, 0, 0));
    assert_eq!(m.sql, "JSON");
    assert_eq!(m.class, TypeClass::Json);
}

#[test]
fn text_fallbacks() {
    let m = map_data_type(
        &DataType::Spatial {
            kind: "point".into(),
        },
        SourceKind::Mysql,
        &TargetProfile::default(),
    );
    assert_eq!(m.sql, "VARCHAR(1048576)");
    assert_eq!(sr(DataType::Xml), "VARCHAR(1048576)");
    let m = map_data_type(
        &DataType::Other {
            native: "hierarchyid".into(),
        },
        SourceKind::Sqlserver,
        &TargetProfile::default(),
    );
    assert_eq!(m.sql, "VARCHAR(1048576)");
    assert!(codes(&m).contains(&"unknown-type"));
}

#[test]
fn map_type_names_the_column() {
    let c = Column::new("big", DataType::decimal(60, 2), "decimal(60,2)");
    let m = map_type(&c, SourceKind::Mysql, &TargetProfile::default());
    assert_eq!(m.notes[0].column.as_deref(), Some("big"));
    assert!(m.notes[0].message.contains("decimal(60,2)"));
}

#[test]
fn key_legality() {
    use TypeClass as C;
    for c in [
        C::Boolean,
        C::Integer,
        C::LargeInt,
        C::Varchar,
        C::Date,
        C::Datetime,
    ] {
        assert!(is_legal_key(c, KeyKind::Primary), "{c:?}");
    }
    for c in [
        C::Decimal,
        C::Float,
        C::Char,
        C::Binary,
        C::Json,
        C::Array,
        C::Map,
        C::Struct,
    ] {
        assert!(!is_legal_key(c, KeyKind::Primary), "{c:?}");
    }
    for kind in [KeyKind::Duplicate, KeyKind::Aggregate, KeyKind::Unique] {
        for c in [
            C::Boolean,
            C::Integer,
            C::LargeInt,
            C::Decimal,
            C::Char,
            C::Varchar,
            C::Date,
            C::Datetime,
        ] {
            assert!(is_legal_key(c, kind), "{c:?} {kind:?}");
        }
        for c in [C::Float, C::Json, C::Array, C::Map, C::Struct, C::Binary] {
            assert!(!is_legal_key(c, kind), "{c:?} {kind:?}");
        }
    }
}

fn mapped(sql: &str) -> MappedType {
    MappedType {
        sql: sql.into(),
        class: classify(sql).unwrap(),
        notes: vec![],
    }
}

#[test]
fn key_conversions() {
    let conv = |sql: &str, kind| key_compatible_type(&mapped(sql), kind).map(|m| m.sql);
    assert_eq!(
        conv("CHAR(40)", KeyKind::Primary).as_deref(),
        Some("VARCHAR(40)")
    );
    assert_eq!(
        conv("CHAR(40)", KeyKind::Duplicate).as_deref(),
        Some("CHAR(40)")
    );
    assert_eq!(
        conv("DECIMAL(18,0)", KeyKind::Primary).as_deref(),
        Some("BIGINT")
    );
    assert_eq!(
        conv("DECIMAL(19,0)", KeyKind::Primary).as_deref(),
        Some("LARGEINT")
    );
    assert_eq!(
        conv("DECIMAL(38,0)", KeyKind::Primary).as_deref(),
        Some("LARGEINT")
    );
    assert_eq!(
        conv("DECIMAL(10,2)", KeyKind::Primary).as_deref(),
        Some("VARCHAR(12)")
    );
    assert_eq!(
        conv("DECIMAL(10,2)", KeyKind::Unique).as_deref(),
        Some("DECIMAL(10,2)")
    );
    assert_eq!(
        conv("DOUBLE", KeyKind::Primary).as_deref(),
        Some("VARCHAR(32)")
    );
    assert_eq!(
        conv("FLOAT", KeyKind::Duplicate).as_deref(),
        Some("VARCHAR(32)")
    );
    assert_eq!(conv("INT", KeyKind::Primary).as_deref(), Some("INT"));
    for bad in [
        "JSON",
        "ARRAY<INT>",
        "MAP<INT,INT>",
        "STRUCT<a INT>",
        "VARBINARY(16)",
    ] {
        assert_eq!(conv(bad, KeyKind::Primary), None, "{bad}");
        assert_eq!(conv(bad, KeyKind::Duplicate), None, "{bad}");
    }
    let m = key_compatible_type(&mapped("CHAR(4)"), KeyKind::Primary).unwrap();
    assert_eq!(m.class, TypeClass::Varchar);
    assert_eq!(m.notes[0].code, "key-type-converted");
    // Legal types come back unchanged, without a note.
    assert!(
        key_compatible_type(&mapped("BIGINT"), KeyKind::Primary)
            .unwrap()
            .notes
            .is_empty()
    );
}

#[test]
fn key_sizes() {
    assert_eq!(encoded_key_bytes(&[mapped("BIGINT")]), 8);
    assert_eq!(encoded_key_bytes(&[mapped("VARCHAR(128)")]), 128);
    // Composite: a string before the last column needs a 2-byte terminator.
    assert_eq!(
        encoded_key_bytes(&[mapped("VARCHAR(100)"), mapped("INT"), mapped("DATETIME")]),
        114
    );
    assert_eq!(
        encoded_key_bytes(&[mapped("INT"), mapped("VARCHAR(124)")]),
        128
    );
    assert_eq!(
        encoded_key_bytes(&[
            mapped("LARGEINT"),
            mapped("BOOLEAN"),
            mapped("DATE"),
            mapped("SMALLINT")
        ]),
        23
    );
}

#[test]
fn classify_text() {
    assert_eq!(classify("varchar(10)"), Some(TypeClass::Varchar));
    assert_eq!(classify("STRING"), Some(TypeClass::Varchar));
    assert_eq!(classify("decimal(10, 2)"), Some(TypeClass::Decimal));
    assert_eq!(classify("BITMAP"), None);
    assert_eq!(classify("VARCHAR("), None);
}
