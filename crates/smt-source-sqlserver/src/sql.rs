//! The catalog queries. Every query reads `sys.*` views of the connection's own database; the
//! describe queries take one bind parameter, `@P1`, an XML list of the wanted tables
//! (`<t s="schema" n="table"/>...`), so their number does not grow with the number of tables.

/// Version banner and product version.
pub const VERSION: &str = "SELECT CAST(@@VERSION AS nvarchar(4000)) AS banner, \
     CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS product_version";

/// Online user databases (not master, tempdb, model, msdb, nor the distribution database).
pub const DATABASES: &str = "SELECT CAST(d.name AS nvarchar(128)) AS name \
     FROM sys.databases d \
     WHERE d.state = 0 AND d.database_id > 4 AND d.is_distributor = 0 \
     ORDER BY d.name";

/// Every user table of the database (no views, not `is_ms_shipped`), filtered by the rules on
/// the client.
pub const LIST_TABLES: &str = "SELECT CAST(s.name AS nvarchar(128)) AS schema_name, \
     CAST(t.name AS nvarchar(128)) AS table_name \
     FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id \
     WHERE t.is_ms_shipped = 0 \
     ORDER BY s.name, t.name";

/// The wanted tables from `@P1`, compared exactly (binary collation).
macro_rules! wanted {
    () => {
        "WITH w AS (SELECT x.t.value('@s', 'nvarchar(128)') AS s, \
         x.t.value('@n', 'nvarchar(128)') AS n \
         FROM (SELECT CAST(@P1 AS xml) AS d) q CROSS APPLY q.d.nodes('/t') x(t)), \
         wt AS (SELECT t.object_id, t.name, t.schema_id FROM sys.tables t \
         JOIN sys.schemas s ON s.schema_id = t.schema_id \
         JOIN w ON w.s = s.name COLLATE Latin1_General_BIN2 \
         AND w.n = t.name COLLATE Latin1_General_BIN2 \
         WHERE t.is_ms_shipped = 0) "
    };
}

/// The wanted tables with their comments.
pub const TABLES: &str = concat!(
    wanted!(),
    "SELECT wt.object_id, CAST(s.name AS nvarchar(128)) AS schema_name, \
     CAST(wt.name AS nvarchar(128)) AS table_name, \
     CAST(ep.value AS nvarchar(4000)) AS comment \
     FROM wt JOIN sys.schemas s ON s.schema_id = wt.schema_id \
     LEFT JOIN sys.extended_properties ep ON ep.class = 1 AND ep.major_id = wt.object_id \
     AND ep.minor_id = 0 AND ep.name = 'MS_Description' \
     ORDER BY s.name, wt.name"
);

/// Columns of the wanted tables: exact type, sizes, collation code page, identity, computed
/// definition, default definition and comment.
pub const COLUMNS: &str = concat!(
    wanted!(),
    "SELECT c.object_id, c.column_id, CAST(c.name AS nvarchar(128)) AS column_name, \
     CAST(ty.name AS nvarchar(128)) AS type_name, \
     CAST(TYPE_NAME(c.system_type_id) AS nvarchar(128)) AS base_type_name, \
     ty.is_user_defined, ty.is_assembly_type, \
     c.max_length, c.precision, c.scale, \
     CAST(c.collation_name AS nvarchar(128)) AS collation_name, \
     CAST(COLLATIONPROPERTY(c.collation_name, 'CodePage') AS int) AS code_page, \
     c.is_nullable, c.is_identity, \
     CAST(cc.definition AS nvarchar(max)) AS computed_definition, \
     CAST(ISNULL(cc.is_persisted, 0) AS bit) AS is_persisted, \
     CAST(dc.definition AS nvarchar(max)) AS default_definition, \
     CAST(ep.value AS nvarchar(4000)) AS comment \
     FROM wt JOIN sys.columns c ON c.object_id = wt.object_id \
     JOIN sys.types ty ON ty.user_type_id = c.user_type_id \
     LEFT JOIN sys.computed_columns cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id \
     LEFT JOIN sys.default_constraints dc ON dc.object_id = c.default_object_id \
     LEFT JOIN sys.extended_properties ep ON ep.class = 1 AND ep.major_id = c.object_id \
     AND ep.minor_id = c.column_id AND ep.name = 'MS_Description' \
     ORDER BY c.object_id, c.column_id"
);

/// Key columns of the unique indexes of the wanted tables (primary keys and unique constraints
/// are unique indexes; foreign keys are not indexes and never appear).
pub const KEYS: &str = concat!(
    wanted!(),
    "SELECT i.object_id, i.index_id, CAST(i.name AS nvarchar(128)) AS index_name, \
     i.is_primary_key, i.is_unique, i.has_filter, i.is_disabled, \
     CAST(ic.key_ordinal AS int) AS key_ordinal, ic.is_included_column, \
     CAST(c.name AS nvarchar(128)) AS column_name \
     FROM wt JOIN sys.indexes i ON i.object_id = wt.object_id \
     JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id \
     JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id \
     WHERE i.is_unique = 1 AND i.is_hypothetical = 0 \
     ORDER BY i.object_id, i.is_primary_key DESC, i.index_id, ic.key_ordinal"
);

/// Rows and used pages per wanted table; needs VIEW DATABASE STATE.
pub const SIZES: &str = concat!(
    wanted!(),
    "SELECT ps.object_id, \
     CAST(SUM(CASE WHEN ps.index_id IN (0, 1) THEN ps.row_count ELSE 0 END) AS bigint) AS row_count, \
     CAST(SUM(ps.used_page_count) AS bigint) AS used_pages \
     FROM wt JOIN sys.dm_db_partition_stats ps ON ps.object_id = wt.object_id \
     GROUP BY ps.object_id"
);

/// Rows per wanted table from `sys.partitions`, readable without VIEW DATABASE STATE.
pub const SIZES_FALLBACK: &str = concat!(
    wanted!(),
    "SELECT p.object_id, CAST(SUM(p.rows) AS bigint) AS row_count, \
     CAST(NULL AS bigint) AS used_pages \
     FROM wt JOIN sys.partitions p ON p.object_id = wt.object_id \
     WHERE p.index_id IN (0, 1) GROUP BY p.object_id"
);

/// The `@P1` value for a list of `(schema, table)` names.
pub fn wanted_xml<'a>(names: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (s, n) in names {
        out.push_str("<t s=\"");
        xml_escape(&mut out, s);
        out.push_str("\" n=\"");
        xml_escape(&mut out, n);
        out.push_str("\"/>");
    }
    out
}

fn xml_escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Keep whitespace in attribute values exactly (XML normalises raw tabs/newlines).
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wanted_list_escapes_names() {
        assert_eq!(
            wanted_xml([("dbo", "a\"b<c>&'d"), ("x y", "[t]")]),
            "<t s=\"dbo\" n=\"a&quot;b&lt;c&gt;&amp;&apos;d\"/><t s=\"x y\" n=\"[t]\"/>"
        );
    }

    #[test]
    fn every_describe_query_uses_the_parameter() {
        for q in [TABLES, COLUMNS, KEYS, SIZES, SIZES_FALLBACK] {
            assert!(q.contains("@P1"));
            assert!(q.starts_with("WITH w AS"));
        }
        assert!(!KEYS.contains("foreign"));
    }
}
