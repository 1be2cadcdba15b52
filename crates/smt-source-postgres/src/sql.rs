//! The catalog queries. Every name the user gives travels as a bind parameter; the only text
//! spliced in is a fixed fragment chosen by server version. Every function and table is
//! qualified with `pg_catalog.` because the session runs with an empty `search_path` (like
//! pg_dump, so that `format_type` and `pg_get_expr` qualify user types the way a dump does).

/// Oldest supported server (`server_version_num`): relkind `p`, `relispartition` and
/// `attidentity` appeared in PostgreSQL 10.
pub(crate) const MIN_VERSION_NUM: i32 = 100_000;

/// Session setup and facts, first query on every connection.
pub(crate) const SETUP: &str = "\
SELECT pg_catalog.set_config('search_path', '', false) AS search_path,
       pg_catalog.current_setting('server_version') AS version,
       pg_catalog.current_setting('server_version_num')::int4 AS version_num,
       pg_catalog.pg_encoding_to_char(d.encoding)::text AS encoding
FROM pg_catalog.pg_database d
WHERE d.datname = pg_catalog.current_database()";

/// Every database on the server with what decides whether it can be read.
pub(crate) const DATABASES: &str = "\
SELECT d.datname::text AS datname,
       d.datistemplate,
       d.datallowconn,
       pg_catalog.has_database_privilege(d.oid, 'CONNECT') AS can_connect
FROM pg_catalog.pg_database d
ORDER BY d.datname";

/// Schema filter shared by [`TABLES`] and [`DESCRIBE_TABLES`]: no system or temporary schemas.
macro_rules! user_schema {
    () => {
        "n.nspname <> 'pg_catalog' AND n.nspname <> 'information_schema'
  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"
    };
}

/// Ordinary and partitioned tables that are not partitions, with optional push-down:
/// $1 schema names, $2 schema LIKE patterns, $3 table names, $4 table LIKE patterns
/// (each `NULL` for "no restriction").
pub(crate) const TABLES: &str = concat!(
    "\
SELECT n.nspname::text AS nspname, c.relname::text AS relname
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND ",
    user_schema!(),
    "
  AND ($1::text[] IS NULL OR n.nspname::text = ANY($1::text[]))
  AND ($2::text[] IS NULL OR n.nspname::text LIKE ANY($2::text[]))
  AND ($3::text[] IS NULL OR c.relname::text = ANY($3::text[]))
  AND ($4::text[] IS NULL OR c.relname::text LIKE ANY($4::text[]))
ORDER BY n.nspname, c.relname"
);

/// The wanted tables ($1 schemas, $2 names, pairwise) with comment, size, row estimate and
/// partition key. A partitioned table's size and rows are summed over its leaf partitions
/// (found through `pg_inherits`, which works on every supported version).
pub(crate) const DESCRIBE_TABLES: &str = concat!(
    "\
WITH wanted AS (
  SELECT w.nsp, w.rel
  FROM ROWS FROM (pg_catalog.unnest($1::text[]), pg_catalog.unnest($2::text[])) AS w(nsp, rel)
)
SELECT c.oid,
       n.nspname::text AS nspname,
       c.relname::text AS relname,
       c.relkind::text AS relkind,
       ds.description AS comment,
       CASE WHEN c.relkind = 'p' THEN (
         WITH RECURSIVE tree(relid) AS (
           SELECT c.oid
           UNION ALL
           SELECT i.inhrelid FROM pg_catalog.pg_inherits i JOIN tree ON i.inhparent = tree.relid
         )
         SELECT pg_catalog.sum(pg_catalog.pg_total_relation_size(tree.relid))::int8 FROM tree)
       ELSE pg_catalog.pg_total_relation_size(c.oid) END AS bytes,
       CASE WHEN c.relkind = 'p' THEN (
         WITH RECURSIVE tree(relid) AS (
           SELECT c.oid
           UNION ALL
           SELECT i.inhrelid FROM pg_catalog.pg_inherits i JOIN tree ON i.inhparent = tree.relid
         )
         SELECT pg_catalog.sum(p.reltuples)::int8 FROM tree
         JOIN pg_catalog.pg_class p ON p.oid = tree.relid
         WHERE p.relkind = 'r' AND p.reltuples >= 0)
       WHEN c.reltuples < 0 THEN NULL
       ELSE c.reltuples::int8 END AS reltuples,
       ARRAY(
         SELECT a.attname::text
         FROM pg_catalog.pg_partitioned_table pt
         CROSS JOIN LATERAL pg_catalog.unnest(pt.partattrs::int2[]) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_catalog.pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = k.attnum
         WHERE pt.partrelid = c.oid
         ORDER BY k.ord
       ) AS partition_columns
FROM wanted
JOIN pg_catalog.pg_namespace n ON n.nspname = wanted.nsp::name
JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = wanted.rel::name
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = c.oid
  AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND ds.objsubid = 0
WHERE c.relkind IN ('r', 'p') AND ",
    user_schema!()
);

/// The columns query with the `attgenerated` expression spliced in (a literal, at compile time).
macro_rules! columns_sql {
    ($generated:literal) => {
        concat!(
            "\
SELECT a.attrelid,
       a.attnum,
       a.attname::text AS attname,
       a.atttypid,
       a.atttypmod,
       a.attnotnull,
       a.attidentity::text AS identity,
       ",
            $generated,
            " AS generated,
       a.attndims::int4 AS ndims,
       pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_expr,
       ds.description AS comment,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
            THEN co.collname::text END AS collation
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = a.attrelid
  AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND ds.objsubid = a.attnum
WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped"
        )
    };
}

/// Columns of the tables in $1 (oids), in no particular order (the client sorts by `attnum`;
/// a server-side sort of every column costs more). The type comes as (oid, typmod), spelled
/// once per distinct pair by [`COLUMN_TYPES`]. `attgenerated` is PostgreSQL 12+.
pub(crate) fn columns(version_num: i32) -> &'static str {
    if version_num >= 120_000 {
        columns_sql!("a.attgenerated::text")
    } else {
        columns_sql!("''::text")
    }
}

/// Every distinct (type, typmod) of the columns of the tables in $1 (oids), spelled by
/// `format_type` once per pair instead of once per column.
pub(crate) const COLUMN_TYPES: &str = "\
SELECT p.atttypid, p.atttypmod, pg_catalog.format_type(p.atttypid, p.atttypmod) AS native
FROM (
  SELECT DISTINCT a.atttypid, a.atttypmod
  FROM pg_catalog.pg_attribute a
  WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
) p";

/// The keys query with the number-of-key-columns expression spliced in.
macro_rules! keys_sql {
    ($key_atts:literal) => {
        concat!(
            "\
SELECT con.conrelid AS relid,
       con.contype::text AS kind,
       con.conname::text AS name,
       ARRAY(
         SELECT a.attname::text
         FROM pg_catalog.unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
         ORDER BY k.ord
       ) AS columns
FROM pg_catalog.pg_constraint con
WHERE con.conrelid = ANY($1::oid[]) AND con.contype IN ('p', 'u')
UNION ALL
SELECT i.indrelid,
       'i',
       ic.relname::text,
       ARRAY(
         SELECT a.attname::text
         FROM pg_catalog.unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
         WHERE k.ord <= ",
            $key_atts,
            "
         ORDER BY k.ord
       )
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
WHERE i.indrelid = ANY($1::oid[]) AND i.indisunique AND i.indisvalid
  AND i.indpred IS NULL AND i.indexprs IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM pg_catalog.pg_constraint c2
    WHERE c2.conindid = i.indexrelid AND c2.conrelid = i.indrelid AND c2.contype IN ('p', 'u', 'x')
  )"
        )
    };
}

/// Primary keys, unique constraints and unique indexes of the tables in $1 (oids). Indexes
/// that back a constraint are left out (the constraint is reported), as are partial,
/// expression and invalid indexes. Kind: `p`, `u` (constraint) or `i` (index). INCLUDE
/// columns (PostgreSQL 11+) are not key columns.
pub(crate) fn keys(version_num: i32) -> &'static str {
    if version_num >= 110_000 {
        keys_sql!("i.indnkeyatts")
    } else {
        keys_sql!("i.indnatts")
    }
}

/// Enum types with their labels in sort order. Names are as stored (the type parser registers
/// both `schema.name` and the bare name).
pub(crate) const ENUMS: &str = "\
SELECT n.nspname::text AS nspname,
       t.typname::text AS typname,
       ARRAY(
         SELECT e.enumlabel::text FROM pg_catalog.pg_enum e
         WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder
       ) AS labels
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e'
ORDER BY n.nspname, t.typname";

/// Domains with their base type as `format_type` spells it (schema-qualified under the empty
/// `search_path`, so a domain over a domain resolves through the parser).
pub(crate) const DOMAINS: &str = "\
SELECT n.nspname::text AS nspname,
       t.typname::text AS typname,
       pg_catalog.format_type(t.typbasetype, t.typtypmod) AS base
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'd'
ORDER BY n.nspname, t.typname";
