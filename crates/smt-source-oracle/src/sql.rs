//! The dictionary queries. Owners are bind parameters (`:1`, `:2`, ...), one per owner the rules
//! select, so the number of queries never depends on the number of tables; table names are
//! matched on the client.

use crate::model::SYSTEM_OWNERS;

/// The version banner (first row of `V$VERSION`).
pub const BANNER: &str = "SELECT banner FROM v$version WHERE ROWNUM = 1";

/// Whether the database is a container database (12c+) and its name.
pub const CDB: &str = "SELECT cdb, name FROM v$database";

/// The database and national character sets.
pub const CHARSETS: &str = "SELECT parameter, value FROM nls_database_parameters \
     WHERE parameter IN ('NLS_CHARACTERSET', 'NLS_NCHAR_CHARACTERSET')";

/// `owner NOT IN ('APEX_030200', ...)` over [`SYSTEM_OWNERS`].
pub fn not_system_owner(column: &str) -> String {
    let list: Vec<String> = SYSTEM_OWNERS.iter().map(|o| format!("'{o}'")).collect();
    format!("{column} NOT IN ({})", list.join(", "))
}

/// `column IN (:first, ..., :first+n-1)`, split into `OR`ed lists of at most 1000 binds
/// (Oracle's limit per IN list, ORA-01795).
pub fn in_binds(column: &str, first: usize, n: usize) -> String {
    let binds: Vec<String> = (first..first + n).map(|i| format!(":{i}")).collect();
    let lists: Vec<String> = binds
        .chunks(1000)
        .map(|c| format!("{column} IN ({})", c.join(", ")))
        .collect();
    match lists.len() {
        0 => "1 = 0".to_string(),
        1 => lists.concat(),
        _ => format!("({})", lists.join(" OR ")),
    }
}

fn base_table_filter() -> String {
    format!(
        "{} AND t.table_name <> 'LOG_MINING_FLUSH' AND NVL(t.dropped, 'NO') = 'NO' \
         AND NVL(t.nested, 'NO') = 'NO' AND NVL(t.secondary, 'N') = 'N' \
         AND (t.iot_type IS NULL OR t.iot_type = 'IOT')",
        not_system_owner("t.owner")
    )
}

/// Every readable non-system table (owner, name), for `list_tables`.
pub fn list_tables() -> String {
    format!(
        "SELECT t.owner, t.table_name FROM all_tables t WHERE {} ORDER BY t.owner, t.table_name",
        base_table_filter()
    )
}

/// Tables of `n` owners with comments and statistics.
pub fn tables(n: usize) -> String {
    format!(
        "SELECT t.owner, t.table_name, c.comments, t.num_rows, t.avg_row_len, t.partitioned, \
         t.temporary FROM all_tables t, all_tab_comments c \
         WHERE c.owner(+) = t.owner AND c.table_name(+) = t.table_name AND {} AND {} \
         ORDER BY t.owner, t.table_name",
        in_binds("t.owner", 1, n),
        base_table_filter()
    )
}

/// Columns of the tables of `n` owners; `identity` is false before 12c, where
/// `IDENTITY_COLUMN` does not exist. Oracle-style outer joins: `DATA_DEFAULT` is a LONG, which
/// some versions reject in ANSI joins (ORA-00997).
pub fn columns(n: usize, has_identity: bool) -> String {
    let identity = if has_identity {
        "c.identity_column"
    } else {
        "'NO'"
    };
    format!(
        "SELECT c.owner, c.table_name, c.column_id, c.column_name, c.data_type, \
         c.data_type_owner, c.data_length, c.data_precision, c.data_scale, c.char_length, \
         c.char_used, c.nullable, c.data_default, {identity} AS identity_column, \
         c.virtual_column, cc.comments \
         FROM all_tab_cols c, all_col_comments cc \
         WHERE cc.owner(+) = c.owner AND cc.table_name(+) = c.table_name \
         AND cc.column_name(+) = c.column_name AND {} AND c.hidden_column = 'NO' \
         ORDER BY c.owner, c.table_name, c.column_id",
        in_binds("c.owner", 1, n)
    )
}

/// Primary-key and unique constraints (types `P` and `U`, never `R`) of `n` owners.
pub fn constraint_keys(n: usize) -> String {
    format!(
        "SELECT k.owner, k.table_name, k.constraint_name, k.constraint_type, k.status, \
         col.position, col.column_name \
         FROM all_constraints k JOIN all_cons_columns col ON col.owner = k.owner \
         AND col.constraint_name = k.constraint_name AND col.table_name = k.table_name \
         WHERE {} AND k.constraint_type IN ('P', 'U') \
         ORDER BY k.owner, k.table_name, k.constraint_type, k.constraint_name, col.position",
        in_binds("k.owner", 1, n)
    )
}

/// Unique indexes of tables of `n` owners.
pub fn index_keys(n: usize) -> String {
    format!(
        "SELECT i.table_owner, i.table_name, i.index_name, i.status, i.index_type, \
         ic.column_position, ic.column_name \
         FROM all_indexes i JOIN all_ind_columns ic ON ic.index_owner = i.owner \
         AND ic.index_name = i.index_name \
         WHERE {} AND i.uniqueness = 'UNIQUE' \
         ORDER BY i.table_owner, i.table_name, i.index_name, ic.column_position",
        in_binds("i.table_owner", 1, n)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binds() {
        assert_eq!(in_binds("o", 1, 3), "o IN (:1, :2, :3)");
        assert_eq!(in_binds("o", 1, 0), "1 = 0");
        let many = in_binds("o", 1, 1001);
        assert!(many.starts_with("(o IN (:1, "));
        assert!(many.ends_with(" OR o IN (:1001))"));
        assert!(tables(2).contains("t.owner IN (:1, :2)"));
        assert!(columns(1, false).contains("'NO' AS identity_column"));
        assert!(columns(1, true).contains("c.identity_column AS identity_column"));
        assert!(constraint_keys(1).contains("('P', 'U')"));
        assert!(!constraint_keys(1).contains("'R'"));
        assert!(list_tables().contains("'SYSTEM'"));
    }
}
