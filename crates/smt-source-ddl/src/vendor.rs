//! SQL Server and Oracle `CREATE TABLE` scripts: SSMS "Script Table as CREATE" output (bracket
//! identifiers, `GO` batches, `SET` options, extended-property comments) and
//! `DBMS_METADATA.GET_DDL` output (quoted identifiers, storage clauses, `COMMENT ON`, SQL*Plus `/`
//! lines).
//!
//! A small tokenizer of its own splits the script into statements (`;`, `GO` and `/` lines);
//! only `CREATE TABLE`, `CREATE TYPE ... FROM` (SQL Server alias types), unique indexes, key and
//! default constraints added by `ALTER TABLE`, comments and `USE` are looked into; storage
//! clauses (`WITH (...)`, `ON [PRIMARY]`, `TEXTIMAGE_ON`, `SEGMENT CREATION`, `TABLESPACE`,
//! `USING INDEX ...`) are never parsed, only skipped. Types and defaults go through
//! [`smt_catalog::native::sqlserver`] and [`smt_catalog::native::oracle`], the functions the live
//! adapters map their catalog rows with.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use smt_catalog::native::{oracle as ora, sqlserver as mss};
use smt_ir::{Catalog, Column, DataType, Generated, Key, SourceKind, Table, TableName};

use crate::{DumpCatalog, DumpIssue};

/// The character sets assumed for Oracle scripts, which do not name them (the defaults of a
/// database created today).
pub(crate) const ORACLE_DATABASE_CHARSET: &str = "AL32UTF8";
/// The national character set assumed for Oracle scripts.
pub(crate) const ORACLE_NATIONAL_CHARSET: &str = "AL16UTF16";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Word,
    Quoted,
    Str,
    Num,
    Punct(u8),
    /// `;`
    Semi,
    /// A `GO` line (SQL Server) or a `/` line (Oracle).
    Batch,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    k: K,
    s: usize,
    e: usize,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'#' | b'@' | b'$') || b >= 0x80
}

/// Whether the line starting at `i` is `GO` / `GO n` (SQL Server) or `/` (Oracle) alone; returns
/// the end of the line.
fn batch_line(src: &[u8], i: usize, oracle: bool) -> Option<usize> {
    let end = src[i..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(src.len(), |p| i + p);
    let line = std::str::from_utf8(&src[i..end]).ok()?.trim();
    let hit = if oracle {
        line == "/"
    } else {
        let mut w = line.split_ascii_whitespace();
        w.next().is_some_and(|g| g.eq_ignore_ascii_case("go"))
            && w.next()
                .is_none_or(|n| n.bytes().all(|b| b.is_ascii_digit()))
            && w.next().is_none()
    };
    hit.then_some(end)
}

/// Tokenize a whole script. Unterminated quotes and comments run to the end of the text.
fn tokenize(text: &str, oracle: bool) -> Vec<Tok> {
    let src = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    while i < src.len() {
        let b = src[i];
        if line_start {
            line_start = false;
            let mut j = i;
            while j < src.len() && matches!(src[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if let Some(end) = batch_line(src, j, oracle) {
                out.push(Tok {
                    k: K::Batch,
                    s: j,
                    e: end,
                });
                i = end;
                continue;
            }
            if oracle {
                // SQL*Plus commands that are not SQL.
                let rest = &text[j..];
                let first = rest
                    .split(|c: char| c.is_ascii_whitespace())
                    .next()
                    .unwrap_or("")
                    .to_ascii_uppercase();
                if matches!(
                    first.as_str(),
                    "PROMPT"
                        | "REM"
                        | "REMARK"
                        | "SPOOL"
                        | "WHENEVER"
                        | "CONNECT"
                        | "SET"
                        | "SHOW"
                        | "COLUMN"
                        | "COL"
                        | "DEFINE"
                        | "UNDEFINE"
                        | "EXIT"
                        | "QUIT"
                        | "TTITLE"
                        | "BTITLE"
                        | "@"
                        | "@@"
                ) {
                    i = src[j..]
                        .iter()
                        .position(|&c| c == b'\n')
                        .map_or(src.len(), |p| j + p);
                    continue;
                }
            }
        }
        match b {
            b'\n' => {
                line_start = true;
                i += 1;
            }
            _ if b.is_ascii_whitespace() => i += 1,
            b'-' if src.get(i + 1) == Some(&b'-') => {
                while i < src.len() && src[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if src.get(i + 1) == Some(&b'*') => {
                let mut depth = 0usize;
                while i < src.len() {
                    if src[i] == b'/' && src.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if src[i] == b'*' && src.get(i + 1) == Some(&b'/') {
                        depth = depth.saturating_sub(1);
                        i += 2;
                        if depth == 0 || oracle {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'\'' => {
                let s = i;
                i = skip_quoted(src, i, b'\'');
                out.push(Tok { k: K::Str, s, e: i });
            }
            b'N' | b'n' if src.get(i + 1) == Some(&b'\'') => {
                let s = i;
                i = skip_quoted(src, i + 1, b'\'');
                out.push(Tok { k: K::Str, s, e: i });
            }
            b'"' => {
                let s = i;
                i = skip_quoted(src, i, b'"');
                out.push(Tok {
                    k: K::Quoted,
                    s,
                    e: i,
                });
            }
            b'[' if !oracle => {
                let s = i;
                i = skip_quoted(src, i, b']');
                out.push(Tok {
                    k: K::Quoted,
                    s,
                    e: i,
                });
            }
            b';' => {
                out.push(Tok {
                    k: K::Semi,
                    s: i,
                    e: i + 1,
                });
                i += 1;
            }
            _ if b.is_ascii_digit()
                || (b == b'.' && src.get(i + 1).is_some_and(u8::is_ascii_digit)) =>
            {
                let s = i;
                while i < src.len()
                    && (src[i].is_ascii_alphanumeric()
                        || src[i] == b'.'
                        || (matches!(src[i], b'+' | b'-') && matches!(src[i - 1], b'e' | b'E')))
                {
                    i += 1;
                }
                out.push(Tok { k: K::Num, s, e: i });
            }
            _ if is_word_byte(b) => {
                let s = i;
                while i < src.len() && is_word_byte(src[i]) {
                    i += 1;
                }
                out.push(Tok {
                    k: K::Word,
                    s,
                    e: i,
                });
            }
            _ => {
                out.push(Tok {
                    k: K::Punct(b),
                    s: i,
                    e: i + 1,
                });
                i += 1;
            }
        }
    }
    out
}

/// End (exclusive) of a quoted run opened at `i` (the byte at `i` opens it; a doubled `close`
/// is an escape).
fn skip_quoted(src: &[u8], i: usize, close: u8) -> usize {
    let mut j = i + 1;
    while j < src.len() {
        if src[j] == close {
            if src.get(j + 1) == Some(&close) {
                j += 2;
                continue;
            }
            return j + 1;
        }
        j += 1;
    }
    src.len()
}

/// An Oracle key waiting for the end of the script: (rank: 0 primary, 1 unique constraint,
/// 2 unique index; name; columns).
type PendingKey = (u8, Option<String>, Vec<String>);

/// One statement: its tokens.
struct Stmt<'t> {
    toks: &'t [Tok],
}

pub(crate) struct VendorReader<'a> {
    file: &'a Path,
    kind: SourceKind,
    oracle: bool,
    db: String,
    tables: Vec<Table>,
    index: HashMap<TableName, usize>,
    /// Oracle keys per table: (rank, name, columns), applied in the adapter's order at the end.
    oracle_keys: HashMap<usize, Vec<PendingKey>>,
    /// SQL Server alias types: (schema, name) -> (base type text, nullable).
    aliases: HashMap<(String, String), String>,
    skipped: BTreeMap<String, usize>,
    errors: Vec<DumpIssue>,
}

/// Text of a token.
fn tx<'s>(src: &'s str, t: &Tok) -> &'s str {
    &src[t.s..t.e]
}

impl<'a> VendorReader<'a> {
    pub(crate) fn new(file: &'a Path, kind: SourceKind, default_database: Option<&str>) -> Self {
        let db = default_database
            .map(str::to_string)
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| {
                file.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "default".into())
            });
        VendorReader {
            file,
            kind,
            oracle: kind == SourceKind::Oracle,
            db,
            tables: Vec::new(),
            index: HashMap::new(),
            oracle_keys: HashMap::new(),
            aliases: HashMap::new(),
            skipped: BTreeMap::new(),
            errors: Vec::new(),
        }
    }

    pub(crate) fn read(mut self, text: &str) -> DumpCatalog {
        let toks = tokenize(text, self.oracle);
        for stmt in self.split(text, &toks) {
            if stmt.toks.is_empty() {
                continue;
            }
            let line = line_of(text, stmt.toks[0].s);
            if let Err(msg) = self.statement(text, &stmt) {
                self.errors.push(DumpIssue {
                    file: self.file.to_path_buf(),
                    line,
                    message: msg,
                });
            }
        }
        self.finish()
    }

    fn finish(mut self) -> DumpCatalog {
        let keys = std::mem::take(&mut self.oracle_keys);
        for (i, mut groups) in keys {
            let Some(t) = self.tables.get_mut(i) else {
                continue;
            };
            groups.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
            for (rank, name, columns) in groups {
                let known = t
                    .primary_key
                    .iter()
                    .chain(t.unique_keys.iter())
                    .any(|k| k.columns == columns);
                if known {
                    continue;
                }
                let key = Key::new(name, columns);
                if rank == 0 && t.primary_key.is_none() {
                    t.primary_key = Some(key);
                } else {
                    t.unique_keys.push(key);
                }
            }
        }
        let mut tables = self.tables;
        // Primary key columns are NOT NULL in both engines, whether or not the script says so.
        for t in &mut tables {
            if let Some(pk) = &t.primary_key {
                for c in &mut t.columns {
                    if pk.columns.contains(&c.name) {
                        c.nullable = false;
                    }
                }
            }
        }
        tables.sort_by(|a, b| a.name.cmp(&b.name));
        DumpCatalog {
            catalog: Catalog {
                source: self.kind,
                server_version: None,
                tables,
            },
            skipped: self.skipped,
            errors: self.errors,
        }
    }

    /// Split into statements at `;` and batch lines; T-SQL batches are further split where a new
    /// statement starts (SSMS writes one statement per batch but hand-written scripts may not).
    /// Procedural bodies run to their batch line.
    fn split<'t>(&self, src: &str, toks: &'t [Tok]) -> Vec<Stmt<'t>> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut i = 0;
        let mut depth = 0usize;
        while i < toks.len() {
            if i == start && self.procedural(src, &toks[i..]) {
                let end = toks[i..]
                    .iter()
                    .position(|t| t.k == K::Batch)
                    .map_or(toks.len(), |p| i + p);
                out.push(Stmt {
                    toks: &toks[start..end],
                });
                i = end + 1;
                start = i;
                depth = 0;
                continue;
            }
            match toks[i].k {
                K::Semi | K::Batch => {
                    out.push(Stmt {
                        toks: &toks[start..i],
                    });
                    start = i + 1;
                    depth = 0;
                }
                K::Punct(b'(') => depth += 1,
                K::Punct(b')') => depth = depth.saturating_sub(1),
                K::Word if !self.oracle && depth == 0 && i > start => {
                    let w = tx(src, &toks[i]).to_ascii_uppercase();
                    let prev = tx(src, &toks[i - 1]).to_ascii_uppercase();
                    let starts = match w.as_str() {
                        "CREATE" | "ALTER" | "EXEC" | "EXECUTE" | "USE" | "INSERT" | "DROP"
                        | "PRINT" | "GRANT" => true,
                        "SET" => !matches!(prev.as_str(), "DELETE" | "UPDATE"),
                        _ => false,
                    };
                    if starts {
                        out.push(Stmt {
                            toks: &toks[start..i],
                        });
                        start = i;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if start < toks.len() {
            out.push(Stmt {
                toks: &toks[start..],
            });
        }
        out
    }

    /// Whether the statement at the head of `toks` is a procedural body that ends only at its
    /// batch line (`;` inside it does not end it).
    fn procedural(&self, src: &str, toks: &[Tok]) -> bool {
        let words: Vec<String> = toks
            .iter()
            .take(5)
            .map(|t| tx(src, t).to_ascii_uppercase())
            .collect();
        let w = |i: usize| words.get(i).map_or("", String::as_str);
        if matches!(w(0), "BEGIN" | "DECLARE") {
            return true;
        }
        // T-SQL `ALTER PROCEDURE` has a body; Oracle `ALTER TRIGGER t ENABLE` does not.
        if w(0) != "CREATE" && (self.oracle || w(0) != "ALTER") {
            return false;
        }
        let mut j = 1;
        if w(j) == "OR" {
            j += 2;
        }
        if matches!(w(j), "EDITIONABLE" | "NONEDITIONABLE") {
            j += 1;
        }
        matches!(
            w(j),
            "TRIGGER" | "PROCEDURE" | "PROC" | "FUNCTION" | "PACKAGE" | "VIEW"
        ) || (self.oracle && w(j) == "TYPE")
    }

    fn skip(&mut self, what: &str) {
        *self.skipped.entry(what.to_string()).or_default() += 1;
    }

    /// An identifier: brackets/quotes removed; Oracle folds unquoted names to upper case.
    fn ident(&self, src: &str, t: &Tok) -> String {
        let s = tx(src, t);
        match t.k {
            K::Quoted if s.starts_with('[') => {
                let inner = &s[1..];
                inner.strip_suffix(']').unwrap_or(inner).replace("]]", "]")
            }
            K::Quoted => {
                let inner = &s[1..];
                inner
                    .strip_suffix('"')
                    .unwrap_or(inner)
                    .replace("\"\"", "\"")
            }
            _ if self.oracle => s.to_ascii_uppercase(),
            _ => s.to_string(),
        }
    }

    /// A dotted name at `i`: its parts and the index after it.
    fn dotted(&self, src: &str, toks: &[Tok], mut i: usize) -> Option<(Vec<String>, usize)> {
        let mut parts = Vec::new();
        loop {
            let t = toks.get(i)?;
            if !matches!(t.k, K::Word | K::Quoted) {
                return None;
            }
            parts.push(self.ident(src, t));
            i += 1;
            if toks.get(i).is_some_and(|t| t.k == K::Punct(b'.')) {
                i += 1;
            } else {
                return Some((parts, i));
            }
        }
    }

    /// The table named by dotted `parts`.
    fn table_name(&self, parts: &[String]) -> TableName {
        let default_schema = if self.oracle {
            self.db.to_uppercase()
        } else {
            "dbo".to_string()
        };
        match parts {
            [t] => TableName::with_schema(&self.db, default_schema, t),
            [s, t] => TableName::with_schema(&self.db, s, t),
            [.., d, s, t] => {
                let db = if self.oracle || d.is_empty() {
                    self.db.clone()
                } else {
                    d.clone()
                };
                TableName::with_schema(db, s, t)
            }
            [] => TableName::with_schema(&self.db, default_schema, ""),
        }
    }

    fn statement(&mut self, src: &str, st: &Stmt<'_>) -> Result<(), String> {
        let toks = st.toks;
        let w = |i: usize| {
            toks.get(i)
                .filter(|t| t.k == K::Word)
                .map(|t| tx(src, t).to_ascii_uppercase())
                .unwrap_or_default()
        };
        match (w(0).as_str(), w(1).as_str()) {
            ("USE", _) if !self.oracle => {
                let (parts, _) = self
                    .dotted(src, toks, 1)
                    .ok_or_else(|| "USE without a database name".to_string())?;
                if let Some(db) = parts.last() {
                    self.db = db.clone();
                }
                self.skip("USE");
                Ok(())
            }
            ("CREATE", "TABLE") => self.create_table(src, toks, 2, false),
            ("CREATE", "GLOBAL" | "PRIVATE") if w(2) == "TEMPORARY" && w(3) == "TABLE" => {
                self.create_table(src, toks, 4, true)
            }
            ("CREATE", "TYPE") if !self.oracle => self.create_type(src, toks),
            ("CREATE", _) if self.unique_index_at(src, toks).is_some() => {
                self.create_unique_index(src, toks)
            }
            ("ALTER", "TABLE") => self.alter_table(src, toks),
            ("ALTER", "INDEX") if !self.oracle => self.alter_index(src, toks),
            ("COMMENT", "ON") if self.oracle => self.comment_on(src, toks),
            ("EXEC" | "EXECUTE", _) if !self.oracle => self.exec(src, toks),
            (first, second) => {
                let kind = match first {
                    "CREATE" | "ALTER" | "DROP" => format!("{first} {second}"),
                    "" => "other".to_string(),
                    other => other.to_string(),
                };
                self.skip(&kind);
                Ok(())
            }
        }
    }

    /// For `CREATE [UNIQUE] [CLUSTERED|NONCLUSTERED|BITMAP] INDEX`: the index of `INDEX` when the
    /// index is unique.
    fn unique_index_at(&self, src: &str, toks: &[Tok]) -> Option<usize> {
        let mut unique = false;
        for (i, t) in toks.iter().enumerate().skip(1).take(4) {
            match tx(src, t).to_ascii_uppercase().as_str() {
                "UNIQUE" => unique = true,
                "CLUSTERED" | "NONCLUSTERED" => {}
                "INDEX" if unique => return Some(i),
                _ => return None,
            }
        }
        None
    }

    fn create_table(
        &mut self,
        src: &str,
        toks: &[Tok],
        at: usize,
        temporary: bool,
    ) -> Result<(), String> {
        let (parts, mut i) = self
            .dotted(src, toks, at)
            .ok_or_else(|| "CREATE TABLE without a table name".to_string())?;
        let name = self.table_name(&parts);
        if toks.get(i).map(|t| t.k) != Some(K::Punct(b'(')) {
            // CREATE TABLE ... AS SELECT, OF type, ...: nothing the IR can use.
            if self.oracle
                && toks
                    .get(i)
                    .is_some_and(|t| tx(src, t).eq_ignore_ascii_case("OF"))
            {
                return Err(format!("object table {name} is not supported"));
            }
            return Err(format!("CREATE TABLE {name} has no column list"));
        }
        let close = matching(toks, i).ok_or_else(|| format!("unbalanced parentheses in {name}"))?;
        let mut table = Table::new(name.clone());
        let mut pending: Vec<PendingKey> = Vec::new();
        for item in split_commas(toks, i + 1, close) {
            self.table_item(src, item, &mut table, &mut pending)?;
        }
        i = close + 1;
        // After the column list only storage clauses follow; partitioning is a fact.
        if self.oracle {
            if temporary {
                table.facts.insert("oracle.temporary".into(), "true".into());
            }
            if toks[i.min(toks.len())..].windows(2).any(|p| {
                tx(src, &p[0]).eq_ignore_ascii_case("PARTITION")
                    && tx(src, &p[1]).eq_ignore_ascii_case("BY")
            }) {
                table
                    .facts
                    .insert("oracle.partitioned".into(), "true".into());
            }
        }
        if table.columns.is_empty() {
            return Err(format!("table {name} has no column"));
        }
        let idx = match self.index.get(&name) {
            Some(&idx) => {
                self.errors.push(DumpIssue {
                    file: self.file.to_path_buf(),
                    line: line_of(src, toks[0].s),
                    message: format!("table {name} is defined again; this definition wins"),
                });
                self.tables[idx] = table;
                self.oracle_keys.remove(&idx);
                idx
            }
            None => {
                self.tables.push(table);
                self.index.insert(name, self.tables.len() - 1);
                self.tables.len() - 1
            }
        };
        if self.oracle {
            self.oracle_keys.entry(idx).or_default().extend(pending);
        }
        Ok(())
    }

    /// One item of a column list: a column or a table constraint.
    fn table_item(
        &mut self,
        src: &str,
        item: &[Tok],
        table: &mut Table,
        pending: &mut Vec<PendingKey>,
    ) -> Result<(), String> {
        let Some(first) = item.first() else {
            return Ok(());
        };
        let head = if first.k == K::Word {
            tx(src, first).to_ascii_uppercase()
        } else {
            String::new()
        };
        if matches!(
            head.as_str(),
            "CONSTRAINT"
                | "PRIMARY"
                | "UNIQUE"
                | "FOREIGN"
                | "CHECK"
                | "INDEX"
                | "PERIOD"
                | "SUPPLEMENTAL"
        ) {
            let (name, j) = if head == "CONSTRAINT" {
                let n = item
                    .get(1)
                    .map(|t| self.ident(src, t))
                    .ok_or_else(|| "CONSTRAINT without a name".to_string())?;
                (Some(n), 2)
            } else {
                (None, 0)
            };
            if let Some((primary, cols)) = self.key_spec(src, item, j)? {
                self.add_key(table, pending, primary, name, cols, item, src);
            }
            return Ok(());
        }
        let column = self.column(src, item, table, pending)?;
        table.columns.push(column);
        Ok(())
    }

    /// `PRIMARY KEY [CLUSTERED] (cols)` / `UNIQUE [NONCLUSTERED] (cols)` at `j`: (primary,
    /// columns); `None` for other constraints (foreign keys, checks).
    fn key_spec(
        &self,
        src: &str,
        item: &[Tok],
        mut j: usize,
    ) -> Result<Option<(bool, Vec<String>)>, String> {
        let word = |i: usize| {
            item.get(i)
                .map(|t| tx(src, t).to_ascii_uppercase())
                .unwrap_or_default()
        };
        let primary = match word(j).as_str() {
            "PRIMARY" if word(j + 1) == "KEY" => {
                j += 2;
                true
            }
            "UNIQUE" => {
                j += 1;
                if word(j) == "KEY" {
                    j += 1;
                }
                false
            }
            _ => return Ok(None),
        };
        while matches!(word(j).as_str(), "CLUSTERED" | "NONCLUSTERED") {
            j += 1;
        }
        if item.get(j).map(|t| t.k) != Some(K::Punct(b'(')) {
            return Err("key without a column list".into());
        }
        let close = matching(item, j).ok_or_else(|| "unbalanced key column list".to_string())?;
        let cols = self.column_list(src, item, j, close)?;
        Ok(Some((primary, cols)))
    }

    /// Column names of `( a [ASC|DESC], ... )`; an expression is an error.
    fn column_list(
        &self,
        src: &str,
        toks: &[Tok],
        open: usize,
        close: usize,
    ) -> Result<Vec<String>, String> {
        let mut cols = Vec::new();
        for part in split_commas(toks, open + 1, close) {
            match part {
                [c] | [c, _] if matches!(c.k, K::Word | K::Quoted) => {
                    if let [_, dir] = part
                        && !matches!(tx(src, dir).to_ascii_uppercase().as_str(), "ASC" | "DESC")
                    {
                        return Err("key over an expression".into());
                    }
                    cols.push(self.ident(src, c));
                }
                _ => return Err("key over an expression".into()),
            }
        }
        Ok(cols)
    }

    /// Whether a constraint is disabled (Oracle `DISABLE` after it).
    fn disabled(src: &str, toks: &[Tok]) -> bool {
        toks.iter()
            .any(|t| t.k == K::Word && tx(src, t).eq_ignore_ascii_case("DISABLE"))
    }

    #[allow(clippy::too_many_arguments)]
    fn add_key(
        &self,
        table: &mut Table,
        pending: &mut Vec<PendingKey>,
        primary: bool,
        name: Option<String>,
        cols: Vec<String>,
        item: &[Tok],
        src: &str,
    ) {
        if self.oracle {
            if Self::disabled(src, item) {
                return;
            }
            // Unnamed constraints get `SYS_C...` names the script does not know: left unnamed.
            pending.push((if primary { 0 } else { 1 }, name, cols));
            return;
        }
        let key = Key::new(name, cols);
        if primary && table.primary_key.is_none() {
            table.primary_key = Some(key);
        } else if !table.unique_keys.contains(&key) {
            table.unique_keys.push(key);
        }
    }

    /// One column definition.
    fn column(
        &mut self,
        src: &str,
        item: &[Tok],
        table: &mut Table,
        pending: &mut Vec<PendingKey>,
    ) -> Result<Column, String> {
        let name_tok = item[0];
        if !matches!(name_tok.k, K::Word | K::Quoted) {
            return Err(format!(
                "unexpected `{}` in a column list",
                tx(src, &name_tok)
            ));
        }
        let name = self.ident(src, &name_tok);
        let word = |i: usize| {
            item.get(i)
                .filter(|t| t.k == K::Word)
                .map(|t| tx(src, t).to_ascii_uppercase())
                .unwrap_or_default()
        };
        // SQL Server computed column: name AS (expr) [PERSISTED [NOT NULL]].
        if !self.oracle && word(1) == "AS" {
            let start = item.get(2).ok_or("computed column without expression")?.s;
            let mut j = 2;
            let mut end = start;
            while j < item.len()
                && !matches!(
                    word(j).as_str(),
                    "PERSISTED" | "CONSTRAINT" | "NOT" | "NULL" | "PRIMARY" | "UNIQUE"
                )
            {
                if item[j].k == K::Punct(b'(') {
                    j = matching(item, j).ok_or("unbalanced computed column")?;
                }
                end = item[j].e;
                j += 1;
            }
            let persisted = word(j) == "PERSISTED";
            let not_null = item[j..].windows(2).any(|p| {
                tx(src, &p[0]).eq_ignore_ascii_case("NOT")
                    && tx(src, &p[1]).eq_ignore_ascii_case("NULL")
            });
            let mut col = Column::new(
                &name,
                DataType::Other {
                    native: String::new(),
                },
                "",
            );
            col.nullable = !not_null;
            col.generated = Some(Generated {
                expression: mss::strip_parens(&src[start..end]).to_string(),
                stored: persisted,
            });
            return Ok(col);
        }
        // The type: words (and dots, parenthesised arguments) up to the first option keyword.
        let mut j = 1;
        let type_start = item
            .get(1)
            .ok_or_else(|| format!("column {name} has no type"))?
            .s;
        let mut type_end = type_start;
        while j < item.len() {
            let t = item[j];
            let upper = tx(src, &t).to_ascii_uppercase();
            let is_option = t.k == K::Word
                && j > 1
                && matches!(
                    upper.as_str(),
                    "NOT"
                        | "NULL"
                        | "DEFAULT"
                        | "IDENTITY"
                        | "CONSTRAINT"
                        | "PRIMARY"
                        | "UNIQUE"
                        | "CHECK"
                        | "REFERENCES"
                        | "COLLATE"
                        | "GENERATED"
                        | "ENABLE"
                        | "DISABLE"
                        | "ROWGUIDCOL"
                        | "SPARSE"
                        | "FILESTREAM"
                        | "MASKED"
                        | "ENCRYPTED"
                        | "VISIBLE"
                        | "INVISIBLE"
                        | "SORT"
                        | "ENCRYPT"
                        | "AS"
                        | "HIDDEN"
                        | "FOR"
                        | "VIRTUAL"
                );
            if is_option {
                break;
            }
            if t.k == K::Punct(b'(') {
                j = matching(item, j).ok_or_else(|| format!("unbalanced type of {name}"))?;
            }
            type_end = item[j].e;
            j += 1;
        }
        let type_text = &src[type_start..type_end];
        let mut col = if self.oracle {
            let f = ora::parse_type(type_text).map_err(|e| format!("column {name}: {e}"))?;
            let (dt, native) =
                ora::map_type(&f.facts(), ORACLE_DATABASE_CHARSET, ORACLE_NATIONAL_CHARSET);
            let mut c = Column::new(&name, dt, native);
            c.charset = ora::national_charset(&f.data_type).map(|n| {
                if n {
                    ORACLE_NATIONAL_CHARSET.to_string()
                } else {
                    ORACLE_DATABASE_CHARSET.to_string()
                }
            });
            c
        } else {
            let p = mss::parse_type(type_text).map_err(|e| format!("column {name}: {e}"))?;
            let collation = item[j..].windows(2).find_map(|w| {
                tx(src, &w[0])
                    .eq_ignore_ascii_case("COLLATE")
                    .then(|| tx(src, &w[1]).to_string())
            });
            let alias_key = (
                p.schema
                    .clone()
                    .unwrap_or_else(|| "dbo".into())
                    .to_ascii_lowercase(),
                p.name.to_ascii_lowercase(),
            );
            let (dt, native, alias) = match self.aliases.get(&alias_key) {
                Some(base) => {
                    let b = mss::parse_type(base).map_err(|e| format!("column {name}: {e}"))?;
                    let mut f = b.facts(collation.as_deref());
                    f.native_name = &p.name;
                    let (dt, native) = mss::map_type(&f);
                    (dt, native, Some(p.name.clone()))
                }
                None => {
                    let (dt, native) = mss::map_type(&p.facts(collation.as_deref()));
                    (dt, native, None)
                }
            };
            let mut c = Column::new(&name, dt, native);
            c.collation = collation;
            if let Some(a) = alias {
                c.facts.insert("sqlserver.alias_type".into(), a);
            }
            c
        };
        col.nullable = true;
        // Options.
        while j < item.len() {
            let upper = word(j);
            match upper.as_str() {
                "NOT" if word(j + 1) == "NULL" => {
                    col.nullable = false;
                    j += 2;
                }
                "NULL" => j += 1,
                "IDENTITY" => {
                    col.auto_increment = true;
                    col.nullable = false;
                    j += 1;
                    if item.get(j).map(|t| t.k) == Some(K::Punct(b'(')) {
                        j = matching(item, j).ok_or("unbalanced IDENTITY")? + 1;
                    }
                }
                "DEFAULT" => {
                    let (text, next) = self.expression(src, item, j + 1)?;
                    j = next;
                    let def = if self.oracle {
                        ora::parse_default(&text)
                    } else {
                        mss::parse_default(&text)
                    };
                    if !col.auto_increment {
                        col.default = def;
                    }
                }
                "GENERATED" => {
                    // GENERATED {ALWAYS | BY DEFAULT [ON NULL]} AS IDENTITY [(...)] [options]
                    // GENERATED ALWAYS AS (expr) [VIRTUAL]
                    let mut k = j + 1;
                    while matches!(
                        word(k).as_str(),
                        "ALWAYS" | "BY" | "DEFAULT" | "ON" | "NULL"
                    ) {
                        k += 1;
                    }
                    if word(k) == "AS" && word(k + 1) == "IDENTITY" {
                        col.auto_increment = true;
                        col.nullable = false;
                        col.default = None;
                        j = k + 2;
                        // Sequence options run to the next column option.
                        while j < item.len()
                            && !matches!(
                                word(j).as_str(),
                                "NOT" | "CONSTRAINT" | "PRIMARY" | "UNIQUE" | "ENABLE" | "CHECK"
                            )
                        {
                            if item[j].k == K::Punct(b'(') {
                                j = matching(item, j).ok_or("unbalanced identity options")?;
                            }
                            j += 1;
                        }
                    } else if word(k) == "AS" {
                        j = self.virtual_column(src, item, k + 1, &mut col)?;
                    } else {
                        // SQL Server temporal `GENERATED ALWAYS AS ROW START`.
                        j = k + 1;
                    }
                }
                "AS" if self.oracle => {
                    j = self.virtual_column(src, item, j + 1, &mut col)?;
                }
                "CONSTRAINT" => {
                    let cname = item.get(j + 1).map(|t| self.ident(src, t));
                    j += 2;
                    match word(j).as_str() {
                        "PRIMARY" | "UNIQUE" => {
                            if word(j) == "PRIMARY" {
                                col.nullable = false;
                            }
                            j = self.inline_key(src, item, j, cname, &col, table, pending);
                        }
                        _ => {}
                    }
                }
                "PRIMARY" | "UNIQUE" => {
                    if upper == "PRIMARY" {
                        col.nullable = false;
                    }
                    j = self.inline_key(src, item, j, None, &col, table, pending);
                }
                "CHECK" | "MASKED" | "ENCRYPTED" => {
                    j += 1;
                    while j < item.len() && item[j].k != K::Punct(b'(') {
                        j += 1;
                    }
                    if j < item.len() {
                        j = matching(item, j).ok_or("unbalanced column option")? + 1;
                    }
                }
                _ => {
                    j += 1;
                    if item.get(j).map(|t| t.k) == Some(K::Punct(b'(')) {
                        j = matching(item, j).ok_or("unbalanced column option")? + 1;
                    }
                }
            }
        }
        Ok(col)
    }

    /// `AS (expr) [VIRTUAL]` of an Oracle virtual column at `j` (the `(`).
    fn virtual_column(
        &self,
        src: &str,
        item: &[Tok],
        j: usize,
        col: &mut Column,
    ) -> Result<usize, String> {
        if item.get(j).map(|t| t.k) != Some(K::Punct(b'(')) {
            return Err(format!("virtual column {} without expression", col.name));
        }
        let close = matching(item, j).ok_or("unbalanced virtual column")?;
        let expr = src[item[j].e..item[close].s].trim().to_string();
        col.generated = Some(Generated {
            expression: expr,
            stored: false,
        });
        Ok(close + 1)
    }

    /// An inline `PRIMARY KEY` / `UNIQUE` on a column at `j`; returns the index after it.
    #[allow(clippy::too_many_arguments)]
    fn inline_key(
        &self,
        src: &str,
        item: &[Tok],
        mut j: usize,
        name: Option<String>,
        col: &Column,
        table: &mut Table,
        pending: &mut Vec<PendingKey>,
    ) -> usize {
        let primary = tx(src, &item[j]).eq_ignore_ascii_case("PRIMARY");
        j += if primary { 2 } else { 1 };
        while j < item.len()
            && matches!(
                tx(src, &item[j]).to_ascii_uppercase().as_str(),
                "CLUSTERED" | "NONCLUSTERED"
            )
        {
            j += 1;
        }
        // The constraint's own options (USING INDEX ..., ENABLE/DISABLE) up to the next
        // constraint or the end.
        let end = item[j..]
            .iter()
            .position(|t| {
                t.k == K::Word
                    && matches!(
                        tx(src, t).to_ascii_uppercase().as_str(),
                        "CONSTRAINT" | "PRIMARY" | "UNIQUE" | "CHECK" | "REFERENCES"
                    )
            })
            .map_or(item.len(), |p| j + p);
        self.add_key(
            table,
            pending,
            primary,
            name,
            vec![col.name.clone()],
            &item[j..end],
            src,
        );
        end
    }

    /// The text of a default expression starting at `j`: up to the next column option at depth
    /// 0. Returns the text and the index after it.
    fn expression(&self, src: &str, item: &[Tok], mut j: usize) -> Result<(String, usize), String> {
        let start = item.get(j).ok_or("DEFAULT without a value")?.s;
        let mut end = start;
        let first = j;
        while j < item.len() {
            let t = item[j];
            if t.k == K::Word && j > first {
                let upper = tx(src, &t).to_ascii_uppercase();
                if matches!(
                    upper.as_str(),
                    "NOT"
                        | "NULL"
                        | "CONSTRAINT"
                        | "PRIMARY"
                        | "UNIQUE"
                        | "CHECK"
                        | "REFERENCES"
                        | "ENABLE"
                        | "DISABLE"
                        | "COLLATE"
                        | "IDENTITY"
                        | "GENERATED"
                        | "VISIBLE"
                        | "INVISIBLE"
                        | "ROWGUIDCOL"
                        | "SPARSE"
                        | "MASKED"
                        | "WITH"
                ) {
                    break;
                }
            }
            if t.k == K::Punct(b'(') {
                j = matching(item, j).ok_or("unbalanced DEFAULT")?;
            }
            end = item[j].e;
            j += 1;
            // A T-SQL default is one parenthesised group.
            if !self.oracle && item[first].k == K::Punct(b'(') {
                break;
            }
        }
        Ok((src[start..end].to_string(), j))
    }

    /// `CREATE TYPE [dbo].[Phone] FROM [nvarchar](20) NULL`.
    fn create_type(&mut self, src: &str, toks: &[Tok]) -> Result<(), String> {
        let (parts, i) = self
            .dotted(src, toks, 2)
            .ok_or_else(|| "CREATE TYPE without a name".to_string())?;
        if !toks
            .get(i)
            .is_some_and(|t| tx(src, t).eq_ignore_ascii_case("FROM"))
        {
            self.skip("CREATE TYPE");
            return Ok(());
        }
        let start = toks.get(i + 1).ok_or("CREATE TYPE without a base type")?.s;
        let mut end = start;
        let mut j = i + 1;
        while j < toks.len() {
            let up = tx(src, &toks[j]).to_ascii_uppercase();
            if j > i + 1 && matches!(up.as_str(), "NOT" | "NULL") {
                break;
            }
            if toks[j].k == K::Punct(b'(') {
                j = matching(toks, j).ok_or("unbalanced CREATE TYPE")?;
            }
            end = toks[j].e;
            j += 1;
        }
        let schema = if parts.len() > 1 {
            parts[parts.len() - 2].clone()
        } else {
            "dbo".into()
        };
        let name = parts.last().cloned().unwrap_or_default();
        self.aliases.insert(
            (schema.to_ascii_lowercase(), name.to_ascii_lowercase()),
            src[start..end].to_string(),
        );
        Ok(())
    }

    /// `CREATE UNIQUE [NON]CLUSTERED INDEX name ON table (cols) [INCLUDE (...)] [WHERE ...]`.
    fn create_unique_index(&mut self, src: &str, toks: &[Tok]) -> Result<(), String> {
        let at = self
            .unique_index_at(src, toks)
            .ok_or("not a unique index")?;
        let (iname, i) = self
            .dotted(src, toks, at + 1)
            .ok_or_else(|| "CREATE INDEX without a name".to_string())?;
        if !toks
            .get(i)
            .is_some_and(|t| tx(src, t).eq_ignore_ascii_case("ON"))
        {
            return Err("CREATE INDEX without ON".into());
        }
        let (tparts, j) = self
            .dotted(src, toks, i + 1)
            .ok_or_else(|| "CREATE INDEX without a table".to_string())?;
        let table = self.table_name(&tparts);
        if toks.get(j).map(|t| t.k) != Some(K::Punct(b'(')) {
            return Err("CREATE INDEX without a column list".into());
        }
        let close = matching(toks, j).ok_or("unbalanced index column list")?;
        let rest = &toks[close + 1..];
        let filtered = rest
            .iter()
            .any(|t| t.k == K::Word && tx(src, t).eq_ignore_ascii_case("WHERE"));
        if filtered || (self.oracle && Self::disabled(src, rest)) {
            self.skip("CREATE INDEX (filtered)");
            return Ok(());
        }
        let cols = match self.column_list(src, toks, j, close) {
            Ok(c) => c,
            Err(_) => {
                // Function-based: not a key over columns.
                self.skip("CREATE INDEX (expression)");
                return Ok(());
            }
        };
        let &idx = self
            .index
            .get(&table)
            .ok_or_else(|| format!("index {} on unknown table {table}", iname.join(".")))?;
        let name = iname.last().cloned().unwrap_or_default();
        if self.oracle {
            self.oracle_keys
                .entry(idx)
                .or_default()
                .push((2, Some(name), cols));
        } else {
            let key = Key::new(Some(name), cols);
            let t = &mut self.tables[idx];
            if !t.unique_keys.contains(&key) {
                t.unique_keys.push(key);
            }
        }
        Ok(())
    }

    /// `ALTER TABLE t [WITH CHECK] ADD [CONSTRAINT n] {PRIMARY KEY | UNIQUE | DEFAULT (x) FOR c}`.
    fn alter_table(&mut self, src: &str, toks: &[Tok]) -> Result<(), String> {
        let (parts, mut i) = self
            .dotted(src, toks, 2)
            .ok_or_else(|| "ALTER TABLE without a table name".to_string())?;
        let name = self.table_name(&parts);
        let word = |i: usize| {
            toks.get(i)
                .map(|t| tx(src, t).to_ascii_uppercase())
                .unwrap_or_default()
        };
        if word(i) == "WITH" {
            i += 2;
        }
        if word(i) != "ADD" {
            self.skip("ALTER TABLE");
            return Ok(());
        }
        i += 1;
        // Oracle: ADD (CONSTRAINT ...) may be parenthesised.
        let (body, _) = if toks.get(i).map(|t| t.k) == Some(K::Punct(b'(')) {
            let close = matching(toks, i).ok_or("unbalanced ALTER TABLE")?;
            (&toks[i + 1..close], close)
        } else {
            (&toks[i..], toks.len())
        };
        let (cname, j) = if word_of(src, body, 0) == "CONSTRAINT" {
            (body.get(1).map(|t| self.ident(src, t)), 2)
        } else {
            (None, 0)
        };
        let &idx = match self.index.get(&name) {
            Some(i) => i,
            None => {
                let what = word_of(src, body, j);
                if matches!(what.as_str(), "PRIMARY" | "UNIQUE" | "DEFAULT") {
                    return Err(format!("constraint on unknown table {name}"));
                }
                self.skip("ALTER TABLE");
                return Ok(());
            }
        };
        match word_of(src, body, j).as_str() {
            "DEFAULT" if !self.oracle => {
                let (text, k) = self.expression(src, body, j + 1)?;
                if word_of(src, body, k) != "FOR" {
                    return Err("DEFAULT constraint without FOR column".into());
                }
                let col = body
                    .get(k + 1)
                    .map(|t| self.ident(src, t))
                    .ok_or("DEFAULT constraint without FOR column")?;
                let t = &mut self.tables[idx];
                let c = t
                    .columns
                    .iter_mut()
                    .find(|c| c.name.eq_ignore_ascii_case(&col))
                    .ok_or_else(|| format!("default for unknown column {col} of {name}"))?;
                if c.generated.is_none() && !c.auto_increment {
                    c.default = mss::parse_default(&text);
                }
                Ok(())
            }
            "PRIMARY" | "UNIQUE" => {
                let Some((primary, cols)) = self.key_spec(src, body, j)? else {
                    return Ok(());
                };
                if self.oracle {
                    if Self::disabled(src, body) {
                        return Ok(());
                    }
                    self.oracle_keys.entry(idx).or_default().push((
                        if primary { 0 } else { 1 },
                        cname,
                        cols,
                    ));
                } else {
                    let t = &mut self.tables[idx];
                    let key = Key::new(cname, cols);
                    if primary && t.primary_key.is_none() {
                        t.primary_key = Some(key);
                    } else if !t.unique_keys.contains(&key) {
                        t.unique_keys.push(key);
                    }
                }
                Ok(())
            }
            _ => {
                self.skip("ALTER TABLE");
                Ok(())
            }
        }
    }

    /// `ALTER INDEX name ON table DISABLE`: a disabled unique index is no key.
    fn alter_index(&mut self, src: &str, toks: &[Tok]) -> Result<(), String> {
        let disable = toks
            .last()
            .is_some_and(|t| tx(src, t).eq_ignore_ascii_case("DISABLE"));
        let parsed = self.dotted(src, toks, 2).and_then(|(iname, i)| {
            let on = toks.get(i)?;
            if !tx(src, on).eq_ignore_ascii_case("ON") {
                return None;
            }
            let (tparts, _) = self.dotted(src, toks, i + 1)?;
            Some((
                iname.last().cloned().unwrap_or_default(),
                self.table_name(&tparts),
            ))
        });
        match parsed {
            Some((iname, table)) if disable => {
                if let Some(&idx) = self.index.get(&table) {
                    let t = &mut self.tables[idx];
                    t.unique_keys
                        .retain(|k| k.name.as_deref() != Some(iname.as_str()));
                    if t.primary_key.as_ref().and_then(|k| k.name.as_deref())
                        == Some(iname.as_str())
                    {
                        t.primary_key = None;
                    }
                }
                Ok(())
            }
            _ => {
                self.skip("ALTER INDEX");
                Ok(())
            }
        }
    }

    /// `COMMENT ON TABLE t IS '...'` / `COMMENT ON COLUMN t.c IS '...'`.
    fn comment_on(&mut self, src: &str, toks: &[Tok]) -> Result<(), String> {
        let what = word_of(src, toks, 2);
        let (parts, i) = self
            .dotted(src, toks, 3)
            .ok_or_else(|| "COMMENT ON without a name".to_string())?;
        if word_of(src, toks, i) != "IS" {
            return Err("COMMENT ON without IS".into());
        }
        let lit = toks.get(i + 1).ok_or("COMMENT ON without text")?;
        let text = unquote(tx(src, lit)).ok_or("COMMENT ON text is not a string")?;
        let text = Some(text).filter(|t| !t.is_empty());
        match what.as_str() {
            "TABLE" => {
                let name = self.table_name(&parts);
                let &idx = self
                    .index
                    .get(&name)
                    .ok_or_else(|| format!("comment on unknown table {name}"))?;
                self.tables[idx].comment = text;
            }
            "COLUMN" => {
                let (col, tparts) = parts
                    .split_last()
                    .ok_or("COMMENT ON COLUMN without a name")?;
                let name = self.table_name(tparts);
                let &idx = self
                    .index
                    .get(&name)
                    .ok_or_else(|| format!("comment on unknown table {name}"))?;
                let c = self.tables[idx]
                    .columns
                    .iter_mut()
                    .find(|c| &c.name == col)
                    .ok_or_else(|| format!("comment on unknown column {col} of {name}"))?;
                c.comment = text;
            }
            _ => self.skip("COMMENT ON"),
        }
        Ok(())
    }

    /// `EXEC sys.sp_addextendedproperty @name=N'MS_Description', @value=N'...', @level0type=N'SCHEMA',
    /// @level0name=N'dbo', @level1type=N'TABLE', @level1name=N't'[, @level2type=N'COLUMN',
    /// @level2name=N'c']` (named or positional arguments).
    fn exec(&mut self, src: &str, toks: &[Tok]) -> Result<(), String> {
        let Some((proc, i)) = self.dotted(src, toks, 1) else {
            self.skip("EXEC");
            return Ok(());
        };
        if !proc
            .last()
            .is_some_and(|p| p.eq_ignore_ascii_case("sp_addextendedproperty"))
        {
            self.skip("EXEC");
            return Ok(());
        }
        const ORDER: [&str; 8] = [
            "@name",
            "@value",
            "@level0type",
            "@level0name",
            "@level1type",
            "@level1name",
            "@level2type",
            "@level2name",
        ];
        let mut args: HashMap<String, String> = HashMap::new();
        for (pos, part) in split_commas(toks, i, toks.len()).into_iter().enumerate() {
            let (key, value) = match part {
                [k, eq, v] if eq.k == K::Punct(b'=') => (tx(src, k).to_ascii_lowercase(), v),
                [v] => (
                    ORDER.get(pos).map(|s| (*s).to_string()).unwrap_or_default(),
                    v,
                ),
                _ => continue,
            };
            let value = match value.k {
                K::Str => unquote(tx(src, value)).unwrap_or_default(),
                K::Word if tx(src, value).eq_ignore_ascii_case("NULL") => continue,
                _ => tx(src, value).to_string(),
            };
            args.insert(key, value);
        }
        let get = |k: &str| args.get(k).map(String::as_str);
        if get("@name") != Some("MS_Description")
            || !get("@level0type").is_some_and(|t| t.eq_ignore_ascii_case("SCHEMA"))
            || !get("@level1type").is_some_and(|t| t.eq_ignore_ascii_case("TABLE"))
        {
            self.skip("EXEC sp_addextendedproperty");
            return Ok(());
        }
        let schema = get("@level0name").unwrap_or("dbo");
        let tname = get("@level1name").unwrap_or("");
        let name = TableName::with_schema(&self.db, schema, tname);
        let &idx = self
            .index
            .get(&name)
            .ok_or_else(|| format!("comment on unknown table {name}"))?;
        let text = get("@value").map(str::to_string).filter(|v| !v.is_empty());
        match (get("@level2type"), get("@level2name")) {
            (Some(t), Some(col)) if t.eq_ignore_ascii_case("COLUMN") => {
                let c = self.tables[idx]
                    .columns
                    .iter_mut()
                    .find(|c| c.name.eq_ignore_ascii_case(col))
                    .ok_or_else(|| format!("comment on unknown column {col} of {name}"))?;
                c.comment = text;
            }
            (None, _) => self.tables[idx].comment = text,
            _ => self.skip("EXEC sp_addextendedproperty"),
        }
        Ok(())
    }
}

/// Upper-cased word at `i` of `toks`, or empty.
fn word_of(src: &str, toks: &[Tok], i: usize) -> String {
    toks.get(i)
        .filter(|t| t.k == K::Word)
        .map(|t| tx(src, t).to_ascii_uppercase())
        .unwrap_or_default()
}

/// `'a''b'` / `N'a''b'` -> `a'b`.
fn unquote(s: &str) -> Option<String> {
    let body = s
        .strip_prefix("N'")
        .or_else(|| s.strip_prefix("n'"))
        .or_else(|| s.strip_prefix('\''))?
        .strip_suffix('\'')?;
    Some(body.replace("''", "'"))
}

/// Index of the `)` closing the `(` at `open`.
fn matching(toks: &[Tok], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().skip(open) {
        match t.k {
            K::Punct(b'(') => depth += 1,
            K::Punct(b')') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The token runs between top-level commas of `toks[from..to]`.
fn split_commas(toks: &[Tok], from: usize, to: usize) -> Vec<&[Tok]> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = from;
    let to = to.min(toks.len());
    for i in from..to {
        match toks[i].k {
            K::Punct(b'(') => depth += 1,
            K::Punct(b')') => depth = depth.saturating_sub(1),
            K::Punct(b',') if depth == 0 => {
                out.push(&toks[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < to {
        out.push(&toks[start..to]);
    }
    out
}

/// 1-based line of a byte offset.
fn line_of(src: &str, offset: usize) -> usize {
    src.as_bytes()
        .get(..offset)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
        + 1
}
