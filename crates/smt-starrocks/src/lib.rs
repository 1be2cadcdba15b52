//! # smt-starrocks
//!
//! The StarRocks side of smt: neutral IR types -> StarRocks column types ([`map_type`]), the
//! `starrocks-create.*.sql` and `starrocks-external-create.*.sql` emitters ([`emit`]), the
//! StarRocks-native full load `starrocks-catalog-load.*.sql` for Hive and ClickHouse
//! ([`catalog_load`]) and the rule checker that refuses DDL StarRocks would reject
//! ([`check_table`]).
//!
//! Depends only on `smt-ir`. The type-mapping policy is documented in `docs/type-mapping.md`.

mod catalog_load;
mod check;
mod ddl;
mod mapping;
mod quote;
mod sqlfile;
pub mod srtype;

pub use catalog_load::{
    CATALOG_LOAD_PREFIX, CLICKHOUSE_DEFAULT_DRIVER_URL, CLICKHOUSE_DRIVER_CLASS, CatalogKind,
    LOAD_TIMEOUT_SECS, catalog_load, catalog_load_to, catalog_name,
};
pub use check::{
    AGGREGATE_FUNCTIONS, KNOWN_PROPERTIES, MAX_ARRAY_DEPTH, MAX_BUCKETS, MAX_COLUMN_NAME,
    MAX_DATABASE_NAME, MAX_TABLE_NAME, PRIMARY_KEY_LIMIT_BYTES, RULES, Violation, check_table,
    property_min_version, table_warnings,
};
pub use ddl::{
    CREATE_PREFIX, EXTERNAL_PREFIX, EmitError, Emitted, HIVE_RESOURCE, create_table_sql, emit,
    emit_each, emit_to,
};
pub use mapping::{
    KEY_CONVERTED, LOSSY, MAX_CHAR, MAX_VARBINARY, MappedType, REPRESENTATION, TRUNCATION_RISK,
    TypeClass, UNKNOWN_TYPE, WIDENED, classify, encoded_key_bytes, has_array, has_binary,
    has_complex, has_json, is_legal_key, key_compatible_type, map_data_type, map_type,
    max_decimal_precision, max_decimal_scale, max_varchar,
};
pub use quote::{quote_ident, quote_string};
