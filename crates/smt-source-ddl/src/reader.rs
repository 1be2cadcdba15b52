//! The dump reader: classifies statements and turns the ones the IR needs into tables.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use smt_catalog::native::{mysql as my, postgres as pg};
use smt_ir::{Catalog, Column, DataType, Generated, Key, SourceKind, Table, TableName};
use sqlparser::dialect::{Dialect as SqlDialect, GenericDialect, MySqlDialect, PostgreSqlDialect};
use sqlparser::parser::Parser;

use crate::lex::{self, Kind, Tok};
use crate::split::{Dialect, Piece, Splitter};
use crate::{DumpCatalog, DumpIssue};

/// How many bytes of a statement are looked at to classify it.
const CLASSIFY_PREFIX: usize = 1024;

/// Default character set / collation of a MySQL database or table.
#[derive(Debug, Clone, Default)]
struct Charset {
    charset: Option<String>,
    collation: Option<String>,
}

impl Charset {
    /// The effective character set (explicit, or from the collation).
    fn charset(&self) -> Option<String> {
        self.charset.clone().or_else(|| {
            self.collation
                .as_deref()
                .and_then(my::charset_of_collation)
                .map(str::to_string)
        })
    }
}

pub(crate) struct Reader<'a> {
    file: &'a Path,
    kind: SourceKind,
    dialect: Dialect,
    parser_dialect: Box<dyn SqlDialect>,
    fold: bool,
    db: String,
    schema: String,
    db_charsets: HashMap<String, Charset>,
    table_charsets: HashMap<TableName, Charset>,
    pg_ctx: HashMap<String, pg::PgTypeContext>,
    encoding: Option<String>,
    tables: Vec<Option<Table>>,
    index: HashMap<TableName, usize>,
    partitions: Vec<(TableName, TableName)>,
    skipped: BTreeMap<String, usize>,
    errors: Vec<DumpIssue>,
    server_version: Option<String>,
}

/// The dialect of a source kind.
pub(crate) fn dialect_of(kind: SourceKind) -> Dialect {
    match kind {
        SourceKind::Mysql | SourceKind::Tidb => Dialect::MySql,
        SourceKind::Pgsql => Dialect::Postgres,
        _ => Dialect::Generic,
    }
}

/// Statement classes.
enum Class {
    CreateTable,
    CreateDatabase,
    Use,
    CreateView,
    CreateIndex,
    CreateType,
    CreateDomain,
    AlterTable,
    CommentOn,
    Set,
    Select,
    Skip(String),
}

impl<'a> Reader<'a> {
    pub(crate) fn new(file: &'a Path, kind: SourceKind, default_database: Option<&str>) -> Self {
        let dialect = dialect_of(kind);
        let parser_dialect: Box<dyn SqlDialect> = match dialect {
            Dialect::MySql => Box::new(MySqlDialect {}),
            Dialect::Postgres => Box::new(PostgreSqlDialect {}),
            Dialect::Generic => Box::new(GenericDialect {}),
        };
        let default_db = default_database
            .map(str::to_string)
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| {
                file.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "default".into())
            });
        let schema = match kind {
            SourceKind::Sqlserver => "dbo".to_string(),
            SourceKind::Oracle => default_db.to_uppercase(),
            _ => "public".to_string(),
        };
        Reader {
            file,
            kind,
            dialect,
            parser_dialect,
            fold: dialect == Dialect::Postgres,
            db: default_db,
            schema,
            db_charsets: HashMap::new(),
            table_charsets: HashMap::new(),
            pg_ctx: HashMap::new(),
            encoding: None,
            tables: Vec::new(),
            index: HashMap::new(),
            partitions: Vec::new(),
            skipped: BTreeMap::new(),
            errors: Vec::new(),
            server_version: None,
        }
    }

    pub(crate) fn read(mut self, text: &str) -> DumpCatalog {
        self.server_version = header_version(text);
        for piece in Splitter::new(text, self.dialect) {
            if piece.meta {
                self.meta(&piece);
            } else {
                self.statement(&piece);
            }
        }
        self.finish()
    }

    fn finish(mut self) -> DumpCatalog {
        for (child, _parent) in std::mem::take(&mut self.partitions) {
            if let Some(i) = self.index.remove(&child) {
                self.tables[i] = None;
            }
        }
        let mut tables: Vec<Table> = self.tables.into_iter().flatten().collect();
        tables.sort_by(|a, b| a.name.cmp(&b.name));
        DumpCatalog {
            catalog: Catalog {
                source: self.kind,
                server_version: self.server_version,
                tables,
            },
            skipped: self.skipped,
            errors: self.errors,
        }
    }

    fn skip(&mut self, kind: impl Into<String>) {
        *self.skipped.entry(kind.into()).or_default() += 1;
    }

    fn issue(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(DumpIssue {
            file: self.file.to_path_buf(),
            line,
            message: message.into(),
        });
    }

    fn meta(&mut self, piece: &Piece<'_>) {
        let mut words = piece.text.split_whitespace();
        let cmd = words.next().unwrap_or("\\");
        if cmd == "\\connect" || cmd == "\\c" {
            // `\connect -reuse-previous=on "dbname='x'"` (pg_dumpall) or `\connect x`.
            let mut name = None;
            for w in words {
                if w.starts_with('-') {
                    continue;
                }
                let w = w.trim_matches('"');
                if let Some(rest) = w.strip_prefix("dbname=") {
                    name = Some(rest.trim_matches('\'').to_string());
                } else {
                    name = Some(w.trim_matches('\'').to_string());
                }
                break;
            }
            if let Some(n) = name.filter(|n| !n.is_empty()) {
                self.db = n;
                self.schema = "public".into();
            }
        } else {
            self.skip(cmd.to_string());
        }
    }

    fn statement(&mut self, piece: &Piece<'_>) {
        match self.classify(piece.text) {
            Class::CreateTable => self.create_table(piece),
            Class::CreateDatabase => self.create_database(piece),
            Class::Use => self.use_db(piece),
            Class::CreateView => self.create_view(piece),
            Class::CreateIndex => self.create_index(piece),
            Class::CreateType => self.create_type(piece),
            Class::CreateDomain => self.create_domain(piece),
            Class::AlterTable => self.alter_table(piece),
            Class::CommentOn => self.comment_on(piece),
            Class::Set => self.set(piece),
            Class::Select => self.select(piece),
            Class::Skip(kind) => self.skip(kind),
        }
    }

    fn classify(&self, text: &str) -> Class {
        let mut end = text.len().min(CLASSIFY_PREFIX);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let head = lex::clean(&text[..end], self.dialect);
        let src: &str = &head;
        let toks = lex::tokenize_limit(src, self.dialect, 32);
        let word = |i: usize| -> String {
            toks.get(i)
                .filter(|t| t.kind == Kind::Word)
                .map(|t| t.text(src).to_ascii_uppercase())
                .unwrap_or_default()
        };
        let first = word(0);
        match first.as_str() {
            "CREATE" => {
                let mut unique = false;
                for (i, t) in toks.iter().enumerate().skip(1).take(24) {
                    if t.kind != Kind::Word {
                        continue;
                    }
                    let w = t.text(src).to_ascii_uppercase();
                    match w.as_str() {
                        "UNIQUE" => unique = true,
                        "TABLE" => {
                            let temp = toks[1..i]
                                .iter()
                                .any(|t| t.is_word(src, "TEMPORARY") || t.is_word(src, "TEMP"));
                            return if temp {
                                Class::Skip("CREATE TEMPORARY TABLE".into())
                            } else {
                                Class::CreateTable
                            };
                        }
                        "DATABASE" | "SCHEMA" => return Class::CreateDatabase,
                        "VIEW" => {
                            let mat = toks[1..i].iter().any(|t| t.is_word(src, "MATERIALIZED"));
                            return if mat {
                                Class::Skip("CREATE MATERIALIZED VIEW".into())
                            } else {
                                Class::CreateView
                            };
                        }
                        "INDEX" => {
                            return if unique {
                                Class::CreateIndex
                            } else {
                                Class::Skip("CREATE INDEX".into())
                            };
                        }
                        "TYPE" => return Class::CreateType,
                        "DOMAIN" => return Class::CreateDomain,
                        "FOREIGN" => return Class::Skip(format!("CREATE FOREIGN {}", word(i + 1))),
                        "FUNCTION" | "PROCEDURE" | "TRIGGER" | "SEQUENCE" | "EXTENSION"
                        | "EVENT" | "USER" | "ROLE" | "SERVER" | "PUBLICATION" | "SUBSCRIPTION"
                        | "POLICY" | "RULE" | "CAST" | "COLLATION" | "OPERATOR" | "STATISTICS"
                        | "AGGREGATE" | "LANGUAGE" | "TABLESPACE" | "ACCESS" | "CONVERSION"
                        | "TRANSFORM" | "TEXT" | "SYNONYM" | "PACKAGE" | "DICTIONARY"
                        | "LOGFILE" => {
                            return Class::Skip(format!("CREATE {w}"));
                        }
                        _ => {}
                    }
                }
                Class::Skip("CREATE".into())
            }
            "ALTER" if word(1) == "TABLE" => Class::AlterTable,
            "USE" => Class::Use,
            "COMMENT" if word(1) == "ON" => Class::CommentOn,
            "SET" => Class::Set,
            "SELECT" => Class::Select,
            "ALTER" | "DROP" | "LOCK" | "UNLOCK" => {
                let second = word(1);
                if second.is_empty() {
                    Class::Skip(first)
                } else {
                    Class::Skip(format!("{first} {second}"))
                }
            }
            "" => Class::Skip(
                src.trim_start()
                    .chars()
                    .next()
                    .map_or_else(|| "EMPTY".to_string(), |c| c.to_string()),
            ),
            _ => Class::Skip(first),
        }
    }

    // ---------------------------------------------------------------- names

    /// Resolve a dotted name (identifier tokens) to a table name.
    fn table_name(&self, parts: &[String]) -> Option<TableName> {
        let schemas = self.kind.has_schemas();
        match (parts, schemas) {
            ([t], false) => Some(TableName::new(self.db.clone(), t.clone())),
            ([db, t], false) => Some(TableName::new(db.clone(), t.clone())),
            ([t], true) => Some(TableName::with_schema(
                self.db.clone(),
                self.schema.clone(),
                t.clone(),
            )),
            ([s, t], true) => Some(TableName::with_schema(
                self.db.clone(),
                s.clone(),
                t.clone(),
            )),
            ([db, s, t], true) => Some(TableName::with_schema(db.clone(), s.clone(), t.clone())),
            _ => None,
        }
    }

    /// Read a dotted name starting at `toks[i]`; returns the parts and the index after it.
    fn dotted(&self, toks: &[Tok], src: &str, mut i: usize) -> Option<(Vec<String>, usize)> {
        let mut parts = Vec::new();
        loop {
            let t = toks.get(i)?;
            if !matches!(t.kind, Kind::Word | Kind::QuotedIdent) {
                return None;
            }
            parts.push(lex::ident(t, src, self.fold));
            i += 1;
            if toks.get(i).is_some_and(|t| t.is_punct(src, b'.')) {
                i += 1;
            } else {
                return Some((parts, i));
            }
        }
    }

    fn table_mut(&mut self, name: &TableName) -> Option<&mut Table> {
        let i = *self.index.get(name)?;
        self.tables.get_mut(i)?.as_mut()
    }

    fn pg_ctx(&mut self) -> &mut pg::PgTypeContext {
        let enc = self.encoding.clone();
        self.pg_ctx
            .entry(self.db.clone())
            .or_insert_with(|| match enc {
                Some(e) => pg::PgTypeContext::with_encoding(&e),
                None => pg::PgTypeContext::default(),
            })
    }

    // ---------------------------------------------------------------- simple statements

    fn use_db(&mut self, piece: &Piece<'_>) {
        let src = lex::clean(piece.text, self.dialect);
        let toks = lex::tokenize(&src, self.dialect);
        match self.dotted(&toks, &src, 1) {
            Some((parts, _)) if !parts.is_empty() => {
                self.db = parts.last().cloned().unwrap_or_default();
            }
            _ => self.issue(piece.line, "cannot read the database name of USE"),
        }
    }

    fn create_database(&mut self, piece: &Piece<'_>) {
        let src = lex::clean(piece.text, self.dialect);
        let src: &str = &src;
        let toks = lex::tokenize(src, self.dialect);
        let Some(at) = toks
            .iter()
            .position(|t| t.is_word(src, "DATABASE") || t.is_word(src, "SCHEMA"))
        else {
            return;
        };
        let is_schema = toks[at].is_word(src, "SCHEMA");
        let mut i = at + 1;
        if toks.get(i).is_some_and(|t| t.is_word(src, "IF")) {
            i += 3;
        }
        let Some((parts, next)) = self.dotted(&toks, src, i) else {
            self.issue(piece.line, "cannot read the name of CREATE DATABASE");
            return;
        };
        let name = parts.last().cloned().unwrap_or_default();
        if self.dialect == Dialect::Postgres {
            if is_schema {
                self.skip("CREATE SCHEMA");
                return;
            }
            // ENCODING = 'UTF8'
            let rest = &toks[next..];
            if let Some(p) = rest.iter().position(|t| t.is_word(src, "ENCODING")) {
                let v = rest[p + 1..]
                    .iter()
                    .find(|t| !t.is_punct(src, b'='))
                    .map(|t| {
                        lex::string(t, src, self.dialect).unwrap_or_else(|| t.text(src).to_string())
                    });
                if let Some(enc) = v {
                    self.pg_ctx
                        .insert(name, pg::PgTypeContext::with_encoding(&enc));
                }
            }
            self.skip("CREATE DATABASE");
            return;
        }
        let cs = table_charset(&toks[next..], src, self.dialect);
        self.db_charsets.insert(name, cs);
    }

    fn set(&mut self, piece: &Piece<'_>) {
        let src = lex::clean(piece.text, self.dialect);
        let src: &str = &src;
        let toks = lex::tokenize(src, self.dialect);
        let mut i = 1;
        if toks
            .get(i)
            .is_some_and(|t| t.is_word(src, "SESSION") || t.is_word(src, "LOCAL"))
        {
            i += 1;
        }
        let var = toks.get(i).map(|t| t.text(src).to_ascii_lowercase());
        let values: Vec<String> = toks
            .get(i + 2..)
            .unwrap_or(&[])
            .iter()
            .filter(|t| !t.is_punct(src, b','))
            .map(|t| match t.kind {
                Kind::Str => lex::string(t, src, self.dialect).unwrap_or_default(),
                _ => lex::ident(t, src, true),
            })
            .collect();
        match var.as_deref() {
            Some("search_path") if self.dialect == Dialect::Postgres => {
                self.set_search_path(&values.join(","));
            }
            Some("client_encoding") if self.dialect == Dialect::Postgres => {
                if let Some(enc) = values.first() {
                    self.encoding = Some(enc.clone());
                    let enc = enc.clone();
                    let ctx = self.pg_ctx();
                    ctx.max_bytes_per_char = pg::encoding_max_bytes(&enc);
                }
                self.skip("SET");
            }
            _ => self.skip("SET"),
        }
    }

    fn set_search_path(&mut self, path: &str) {
        let first = path
            .split(',')
            .map(|s| s.trim().trim_matches('"'))
            .find(|s| !s.is_empty() && *s != "pg_catalog" && *s != "$user");
        self.schema = first.unwrap_or("public").to_string();
    }

    fn select(&mut self, piece: &Piece<'_>) {
        // pg_dump: SELECT pg_catalog.set_config('search_path', '', false);
        if self.dialect == Dialect::Postgres && piece.text.contains("set_config") {
            let src = lex::clean(piece.text, self.dialect);
            let src: &str = &src;
            let toks = lex::tokenize(src, self.dialect);
            let strings: Vec<String> = toks
                .iter()
                .filter_map(|t| lex::string(t, src, self.dialect))
                .collect();
            if strings.first().map(String::as_str) == Some("search_path") {
                let path = strings.get(1).cloned().unwrap_or_default();
                self.set_search_path(&path);
                return;
            }
        }
        self.skip("SELECT");
    }

    fn create_view(&mut self, piece: &Piece<'_>) {
        // mysqldump 5.x writes a placeholder table for each view first; the view replaces it.
        let src = lex::clean(piece.text, self.dialect);
        let src: &str = &src;
        let toks = lex::tokenize(src, self.dialect);
        if let Some(at) = toks.iter().position(|t| t.is_word(src, "VIEW")) {
            let mut i = at + 1;
            if toks.get(i).is_some_and(|t| t.is_word(src, "IF")) {
                i += 3;
            }
            if let Some((parts, _)) = self.dotted(&toks, src, i)
                && let Some(name) = self.table_name(&parts)
                && let Some(idx) = self.index.remove(&name)
            {
                self.tables[idx] = None;
            }
        }
        self.skip("CREATE VIEW");
    }

    // ---------------------------------------------------------------- CREATE TABLE

    /// Run sqlparser over `text`; on failure return the message and the 1-based line inside
    /// `text`.
    fn check_sql(&self, text: &str) -> Result<(), (String, usize)> {
        match Parser::parse_sql(self.parser_dialect.as_ref(), text) {
            Ok(_) => Ok(()),
            Err(e) => {
                let msg = e.to_string();
                Err(split_location(&msg))
            }
        }
    }

    fn create_table(&mut self, piece: &Piece<'_>) {
        let clean = lex::clean(piece.text, self.dialect);
        let src: &str = &clean;
        let toks = lex::tokenize(src, self.dialect);
        let Some(at) = toks.iter().position(|t| t.is_word(src, "TABLE")) else {
            return;
        };
        let mut i = at + 1;
        if toks.get(i).is_some_and(|t| t.is_word(src, "IF")) {
            i += 3;
        }
        if toks.get(i).is_some_and(|t| t.is_word(src, "ONLY")) {
            i += 1;
        }
        let Some((parts, after_name)) = self.dotted(&toks, src, i) else {
            self.report_sql_error(piece, src, "cannot read the table name");
            return;
        };
        let Some(name) = self.table_name(&parts) else {
            self.issue(
                piece.line,
                format!("cannot resolve table name `{}`", parts.join(".")),
            );
            return;
        };
        // PARTITION OF parent: not a table of its own.
        if toks
            .get(after_name)
            .is_some_and(|t| t.is_word(src, "PARTITION"))
            && toks
                .get(after_name + 1)
                .is_some_and(|t| t.is_word(src, "OF"))
        {
            if let Some((pparts, _)) = self.dotted(&toks, src, after_name + 2)
                && let Some(parent) = self.table_name(&pparts)
            {
                self.partitions.push((name, parent));
            }
            self.skip("CREATE TABLE PARTITION OF");
            return;
        }
        let open = after_name;
        if !toks.get(open).is_some_and(|t| t.is_punct(src, b'(')) {
            let what = toks
                .get(open)
                .map(|t| t.text(src).to_ascii_uppercase())
                .unwrap_or_default();
            self.issue(
                piece.line,
                format!("CREATE TABLE {name}: `{what}` tables (no column list) are not supported; table skipped"),
            );
            return;
        }
        let Some(close) = lex::matching(&toks, src, open) else {
            self.report_sql_error(piece, src, "unbalanced parentheses");
            return;
        };
        // The fast path reads the column list itself; whatever it does not fully understand
        // is handed to sqlparser, whose verdict decides (retrying without the table options,
        // which the IR does not need, when they are the problem).
        let items = lex::split_commas(&toks[open + 1..close], src);
        let mut parsed: Vec<Item> = Vec::with_capacity(items.len());
        let mut doubtful = items.is_empty();
        for item in items {
            let Some(head) = item.first() else {
                doubtful = true;
                continue;
            };
            if is_constraint_start(head, src) {
                let kd = self.constraint(item, src, &name);
                if kd.is_none() && names_key(item, src) {
                    doubtful = true;
                }
                parsed.push(Item::Key(kd));
                continue;
            }
            match parse_column_def(item, src, self.dialect, self.fold) {
                Ok(raw) => {
                    doubtful |= raw.doubtful;
                    parsed.push(Item::Column(raw, head.start));
                }
                Err(msg) => {
                    doubtful = true;
                    parsed.push(Item::Bad(msg, head.start));
                }
            }
        }
        if doubtful && let Err((msg, line)) = self.check_sql(src) {
            let body_end = toks[close].end;
            let has_options = !src[body_end..].trim().is_empty();
            if !has_options || self.check_sql(&src[..body_end]).is_err() {
                self.issue(piece.line + line.saturating_sub(1), msg);
                return;
            }
        }
        let options = &toks[close + 1..];
        let mut table = Table::new(name.clone());
        let table_cs = if self.dialect == Dialect::MySql {
            let cs = table_charset(options, src, self.dialect);
            table.comment = table_comment(options, src, self.dialect);
            cs
        } else {
            table.partition_columns = partition_columns(options, src, self.fold);
            Charset::default()
        };
        let mut inline_pk: Vec<String> = Vec::new();
        let mut uniques: Vec<Key> = Vec::new();
        let mut pk: Option<Key> = None;
        for item in parsed {
            match item {
                Item::Key(Some(KeyDef::Primary(k))) => pk = Some(k),
                Item::Key(Some(KeyDef::Unique(k))) => uniques.push(k),
                Item::Key(None) => {}
                Item::Bad(msg, at) => {
                    let line = piece.line + line_of(src, at);
                    self.issue(line, format!("CREATE TABLE {name}: {msg}"));
                }
                Item::Column(raw, at) => match self.column(raw, &table_cs, &name) {
                    Ok((col, flags)) => {
                        if flags.primary {
                            inline_pk.push(col.name.clone());
                        }
                        if flags.unique {
                            uniques.push(Key::new(
                                Some(self.unique_name(
                                    &name,
                                    std::slice::from_ref(&col.name),
                                    &uniques,
                                )),
                                vec![col.name.clone()],
                            ));
                        }
                        table.columns.push(col);
                    }
                    Err(msg) => {
                        let line = piece.line + line_of(src, at);
                        self.issue(line, format!("CREATE TABLE {name}: {msg}"));
                    }
                },
            }
        }
        if pk.is_none() && !inline_pk.is_empty() {
            pk = Some(Key::new(Some(self.pk_name(&name, None)), inline_pk));
        }
        if let Some(k) = &pk {
            for c in &mut table.columns {
                if k.columns.iter().any(|n| n == &c.name) {
                    c.nullable = false;
                }
            }
        }
        table.primary_key = pk;
        table.unique_keys = uniques;
        if self.dialect == Dialect::MySql {
            // MariaDB's JSON is LONGTEXT with CHECK (json_valid(`col`)), on the column or as a
            // table constraint; its information_schema reports it the same way, and the live
            // adapter turns it into JSON, so the dump reader does too.
            let body = &src[toks[open].start..toks[close].end];
            for json_col in json_valid_columns(body) {
                if let Some(c) = table
                    .columns
                    .iter_mut()
                    .find(|c| c.name.eq_ignore_ascii_case(&json_col))
                    && c.data_type.is_character()
                {
                    c.data_type = DataType::Json { binary: false };
                    c.charset = None;
                    c.collation = None;
                }
            }
            self.table_charsets.insert(name.clone(), table_cs);
        }
        if let Some(old) = self.index.insert(name, self.tables.len()) {
            self.tables[old] = None;
        }
        self.tables.push(Some(table));
    }

    fn report_sql_error(&mut self, piece: &Piece<'_>, src: &str, fallback: &str) {
        match self.check_sql(src) {
            Err((msg, line)) => self.issue(piece.line + line.saturating_sub(1), msg),
            Ok(()) => self.issue(piece.line, fallback.to_string()),
        }
    }

    fn pk_name(&self, table: &TableName, given: Option<String>) -> String {
        match self.dialect {
            Dialect::MySql => "PRIMARY".to_string(),
            _ => given.unwrap_or_else(|| format!("{}_pkey", table.name)),
        }
    }

    fn unique_name(&self, table: &TableName, cols: &[String], existing: &[Key]) -> String {
        match self.dialect {
            Dialect::MySql => {
                // MySQL names an unnamed unique index after its first column, then `_2`, `_3`.
                let base = cols.first().cloned().unwrap_or_default();
                let taken = |n: &str| existing.iter().any(|k| k.name.as_deref() == Some(n));
                if !taken(&base) {
                    return base;
                }
                let mut k = 2;
                loop {
                    let n = format!("{base}_{k}");
                    if !taken(&n) {
                        return n;
                    }
                    k += 1;
                }
            }
            _ => format!("{}_{}_key", table.name, cols.join("_")),
        }
    }

    /// A table-level constraint item: PRIMARY KEY / UNIQUE (others are ignored).
    fn constraint(&self, item: &[Tok], src: &str, table: &TableName) -> Option<KeyDef> {
        let mut i = 0;
        let mut name: Option<String> = None;
        if item[0].is_word(src, "CONSTRAINT") {
            i = 1;
            if let Some(t) = item.get(1)
                && !(t.is_word(src, "PRIMARY") || t.is_word(src, "UNIQUE"))
                && matches!(t.kind, Kind::Word | Kind::QuotedIdent)
            {
                name = Some(lex::ident(t, src, self.fold));
                i = 2;
            }
        }
        let head = item.get(i)?;
        let primary = head.is_word(src, "PRIMARY");
        if !primary && !head.is_word(src, "UNIQUE") {
            return None;
        }
        i += 1;
        // Up to the column list: KEY | INDEX | index name | USING x | NULLS [NOT] DISTINCT.
        let mut index_name: Option<String> = None;
        while let Some(t) = item.get(i) {
            if t.is_punct(src, b'(') {
                break;
            }
            if t.is_word(src, "USING") {
                i += 2;
                continue;
            }
            if !(t.is_word(src, "KEY")
                || t.is_word(src, "INDEX")
                || t.is_word(src, "NULLS")
                || t.is_word(src, "NOT")
                || t.is_word(src, "DISTINCT"))
                && matches!(t.kind, Kind::Word | Kind::QuotedIdent)
            {
                index_name = Some(lex::ident(t, src, self.fold));
            }
            i += 1;
        }
        let close = lex::matching(item, src, i)?;
        let cols = key_columns(&item[i + 1..close], src, self.fold)?;
        if primary {
            Some(KeyDef::Primary(Key::new(
                Some(self.pk_name(table, name)),
                cols,
            )))
        } else {
            let name = name.or(index_name);
            Some(KeyDef::Unique(Key::new(name, cols)))
        }
    }

    /// A column definition item.
    fn column(
        &mut self,
        raw: RawColumn,
        table_cs: &Charset,
        table: &TableName,
    ) -> Result<(Column, ColumnFlags), String> {
        let mut flags = ColumnFlags {
            primary: raw.primary,
            unique: raw.unique,
        };
        let native = raw.type_text.clone();
        let mut col = match self.dialect {
            Dialect::MySql => {
                let no_cs = Charset::default();
                let db_cs = self.db_charsets.get(&table.database).unwrap_or(&no_cs);
                let col_charset = raw.charset.clone().or_else(|| {
                    raw.collation
                        .as_deref()
                        .and_then(my::charset_of_collation)
                        .map(str::to_string)
                });
                let charset = col_charset
                    .clone()
                    .or_else(|| table_cs.charset())
                    .or_else(|| db_cs.charset())
                    .unwrap_or_else(|| my::DEFAULT_CHARSET.to_string());
                let parsed = my::parse_column_type(&raw.type_text, Some(&charset))
                    .map_err(|e| format!("column `{}`: {}", raw.name, e.message()))?;
                let charset = parsed.charset.clone().unwrap_or(charset);
                let collation = raw
                    .collation
                    .clone()
                    .or_else(|| parsed.collation.clone())
                    .or_else(|| {
                        [table_cs, db_cs].into_iter().find_map(|cs| {
                            (cs.charset().as_deref() == Some(charset.as_str()))
                                .then(|| cs.collation.clone())
                                .flatten()
                        })
                    })
                    .or_else(|| default_collation(&charset).map(str::to_string));
                let dt = parsed.data_type;
                let mut col = Column::new(raw.name.clone(), dt, native);
                if is_charset_type(&col.data_type) {
                    col.charset = Some(charset);
                    col.collation = collation;
                }
                col.default = my::parse_default(
                    raw.default.as_deref(),
                    &col.data_type,
                    my::DefaultFlavor::Ddl,
                );
                if parsed.serial {
                    // What information_schema reports for SERIAL.
                    col.native_type = "bigint unsigned".into();
                    col.auto_increment = true;
                    col.nullable = false;
                    flags.unique = true;
                }
                col
            }
            Dialect::Postgres => {
                let lower = raw.type_text.to_ascii_lowercase();
                let serial = matches!(
                    lower.as_str(),
                    "serial" | "serial4" | "bigserial" | "serial8" | "smallserial" | "serial2"
                );
                let ctx = self.pg_ctx().clone();
                let parsed = pg::parse_format_type(&raw.type_text, &ctx)
                    .map_err(|e| format!("column `{}`: {}", raw.name, e.message()))?;
                let mut col = Column::new(raw.name.clone(), parsed.data_type, native);
                if let Some(d) = parsed.domain {
                    col.facts.insert("pg.domain".into(), d);
                }
                if let Some(def) = raw.default.as_deref() {
                    if def
                        .trim_start()
                        .to_ascii_lowercase()
                        .starts_with("nextval(")
                    {
                        col.auto_increment = true;
                    }
                    col.default = pg::parse_default(def);
                }
                if serial {
                    col.auto_increment = true;
                    col.nullable = false;
                }
                col.collation = raw.collation.clone();
                col
            }
            Dialect::Generic => {
                let dt = generic_type(&raw.type_text);
                let mut col = Column::new(raw.name.clone(), dt, native);
                if let Some(def) = raw.default.as_deref() {
                    col.default = pg::parse_default(def);
                }
                col.collation = raw.collation.clone();
                col
            }
        };
        if raw.not_null == Some(true) {
            col.nullable = false;
        }
        if raw.auto_increment || raw.identity {
            col.auto_increment = true;
        }
        if raw.identity {
            col.nullable = false;
        }
        col.comment = raw.comment;
        if let Some((expression, stored)) = raw.generated {
            col.generated = Some(Generated { expression, stored });
        }
        if flags.primary {
            col.nullable = false;
        }
        Ok((col, flags))
    }

    // ---------------------------------------------------------------- ALTER TABLE

    fn alter_table(&mut self, piece: &Piece<'_>) {
        let clean = lex::clean(piece.text, self.dialect);
        let src: &str = &clean;
        let toks = lex::tokenize(src, self.dialect);
        let mut i = 2;
        loop {
            match toks.get(i) {
                Some(t) if t.is_word(src, "ONLY") => i += 1,
                Some(t) if t.is_word(src, "IF") => i += 2,
                _ => break,
            }
        }
        let Some((parts, mut next)) = self.dotted(&toks, src, i) else {
            self.skip("ALTER TABLE");
            return;
        };
        if toks.get(next).is_some_and(|t| t.is_punct(src, b'*')) {
            next += 1;
        }
        let Some(name) = self.table_name(&parts) else {
            self.skip("ALTER TABLE");
            return;
        };
        let mut relevant = false;
        for action in lex::split_commas(&toks[next..], src) {
            if self.alter_action(action, src, &name, piece) {
                relevant = true;
            }
        }
        if !relevant {
            self.skip("ALTER TABLE");
        }
    }

    /// Apply one ALTER TABLE action; returns whether it mattered to the IR.
    fn alter_action(
        &mut self,
        action: &[Tok],
        src: &str,
        table: &TableName,
        piece: &Piece<'_>,
    ) -> bool {
        let Some(first) = action.first() else {
            return false;
        };
        let w = |i: usize, s: &str| action.get(i).is_some_and(|t| t.is_word(src, s));
        let line = piece.line + line_of(src, first.start);
        if first.is_word(src, "ADD") {
            let rest = &action[1..];
            let Some(h) = rest.first() else { return false };
            if h.is_word(src, "CONSTRAINT") || h.is_word(src, "PRIMARY") || h.is_word(src, "UNIQUE")
            {
                let Some(kd) = self.constraint(rest, src, table) else {
                    return false;
                };
                let missing = self.table_mut(table).is_none();
                if missing {
                    self.issue(
                        line,
                        format!("ALTER TABLE on unknown table {table}; ignored"),
                    );
                    return true;
                }
                let unique_name = match &kd {
                    KeyDef::Unique(k) if k.name.is_none() => {
                        let existing = self
                            .table_mut(table)
                            .map(|t| t.unique_keys.clone())
                            .unwrap_or_default();
                        Some(self.unique_name(table, &k.columns, &existing))
                    }
                    _ => None,
                };
                if let Some(t) = self.table_mut(table) {
                    match kd {
                        KeyDef::Primary(k) => {
                            for c in &mut t.columns {
                                if k.columns.contains(&c.name) {
                                    c.nullable = false;
                                }
                            }
                            t.primary_key = Some(k);
                        }
                        KeyDef::Unique(mut k) => {
                            if k.name.is_none() {
                                k.name = unique_name;
                            }
                            t.unique_keys.push(k);
                        }
                    }
                }
                return true;
            }
            // ADD [COLUMN] coldef (MySQL/PG migrations).
            let start = if h.is_word(src, "COLUMN") { 1 } else { 0 };
            let def = &rest[start..];
            if def.len() >= 2 && !is_constraint_start(&def[0], src) {
                return self.replace_column(def, src, table, None, line);
            }
            return false;
        }
        if (first.is_word(src, "MODIFY") || first.is_word(src, "CHANGE"))
            && self.dialect == Dialect::MySql
        {
            let mut i = 1;
            if w(i, "COLUMN") {
                i += 1;
            }
            let mut old = None;
            if first.is_word(src, "CHANGE") {
                old = action.get(i).map(|t| lex::ident(t, src, false));
                i += 1;
            }
            let def = &action[i.min(action.len())..];
            if def.len() < 2 {
                return false;
            }
            let old = old.or_else(|| Some(lex::ident(&def[0], src, false)));
            return self.replace_column(def, src, table, old, line);
        }
        if first.is_word(src, "ALTER") {
            let mut i = 1;
            if w(i, "COLUMN") {
                i += 1;
            }
            let Some(ct) = action.get(i) else {
                return false;
            };
            let col = lex::ident(ct, src, self.fold);
            i += 1;
            let dialect = self.dialect;
            if w(i, "SET") && w(i + 1, "DEFAULT") {
                let expr = lex::span_text(&action[i + 2..], src);
                let Some(t) = self.table_mut(table) else {
                    self.issue(
                        line,
                        format!("ALTER TABLE on unknown table {table}; ignored"),
                    );
                    return true;
                };
                let Some(c) = t.columns.iter_mut().find(|c| c.name == col) else {
                    return false;
                };
                if expr.to_ascii_lowercase().starts_with("nextval(") {
                    c.auto_increment = true;
                    c.default = None;
                } else if dialect == Dialect::MySql {
                    c.default =
                        my::parse_default(Some(&expr), &c.data_type, my::DefaultFlavor::Ddl);
                } else {
                    c.default = pg::parse_default(&expr);
                }
                return true;
            }
            if w(i, "SET") && w(i + 1, "NOT") && w(i + 2, "NULL") {
                if let Some(c) = self
                    .table_mut(table)
                    .and_then(|t| t.columns.iter_mut().find(|c| c.name == col))
                {
                    c.nullable = false;
                    return true;
                }
                return false;
            }
            if w(i, "ADD") && w(i + 1, "GENERATED") {
                if let Some(c) = self
                    .table_mut(table)
                    .and_then(|t| t.columns.iter_mut().find(|c| c.name == col))
                {
                    c.auto_increment = true;
                    c.nullable = false;
                    return true;
                }
                return false;
            }
            return false;
        }
        if first.is_word(src, "ATTACH") && w(1, "PARTITION") {
            if let Some((parts, _)) = self.dotted(action, src, 2)
                && let Some(child) = self.table_name(&parts)
            {
                self.partitions.push((child, table.clone()));
                return true;
            }
            return false;
        }
        false
    }

    /// Add or replace a column from an ALTER TABLE column definition.
    fn replace_column(
        &mut self,
        def: &[Tok],
        src: &str,
        table: &TableName,
        old: Option<String>,
        line: usize,
    ) -> bool {
        if self.table_mut(table).is_none() {
            self.issue(
                line,
                format!("ALTER TABLE on unknown table {table}; ignored"),
            );
            return true;
        }
        let table_cs = self.table_charsets.get(table).cloned().unwrap_or_default();
        let built = parse_column_def(def, src, self.dialect, self.fold)
            .and_then(|raw| self.column(raw, &table_cs, table));
        match built {
            Ok((col, flags)) => {
                let pk_name = self.pk_name(table, None);
                let Some(t) = self.table_mut(table) else {
                    return true;
                };
                let pos = old
                    .as_deref()
                    .and_then(|o| t.columns.iter().position(|c| c.name == o));
                if flags.primary {
                    t.primary_key = Some(Key::new(Some(pk_name), vec![col.name.clone()]));
                }
                match pos {
                    Some(p) => {
                        let old_name = t.columns[p].name.clone();
                        // Keep charset facts inherited from the table when not re-declared.
                        t.columns[p] = col;
                        let new_name = t.columns[p].name.clone();
                        if old_name != new_name {
                            rename_in_keys(t, &old_name, &new_name);
                        }
                    }
                    None => t.columns.push(col),
                }
                true
            }
            Err(msg) => {
                self.issue(line, format!("ALTER TABLE {table}: {msg}"));
                true
            }
        }
    }

    // ---------------------------------------------------------------- indexes, types, comments

    fn create_index(&mut self, piece: &Piece<'_>) {
        let clean = lex::clean(piece.text, self.dialect);
        let src: &str = &clean;
        let toks = lex::tokenize(src, self.dialect);
        let Some(at) = toks.iter().position(|t| t.is_word(src, "INDEX")) else {
            return;
        };
        let mut i = at + 1;
        if toks.get(i).is_some_and(|t| t.is_word(src, "CONCURRENTLY")) {
            i += 1;
        }
        if toks.get(i).is_some_and(|t| t.is_word(src, "IF")) {
            i += 3;
        }
        let mut index_name = None;
        if !toks.get(i).is_some_and(|t| t.is_word(src, "ON")) {
            index_name = self.dotted(&toks, src, i).and_then(|(p, n)| {
                i = n;
                p.last().cloned()
            });
        }
        if !toks.get(i).is_some_and(|t| t.is_word(src, "ON")) {
            self.report_sql_error(piece, src, "cannot read CREATE UNIQUE INDEX");
            return;
        }
        i += 1;
        if toks.get(i).is_some_and(|t| t.is_word(src, "ONLY")) {
            i += 1;
        }
        let Some((parts, mut next)) = self.dotted(&toks, src, i) else {
            self.report_sql_error(piece, src, "cannot read the table of CREATE UNIQUE INDEX");
            return;
        };
        if toks.get(next).is_some_and(|t| t.is_word(src, "USING")) {
            next += 2;
        }
        let Some(table) = self.table_name(&parts) else {
            return;
        };
        let Some(close) = toks
            .get(next)
            .filter(|t| t.is_punct(src, b'('))
            .and_then(|_| lex::matching(&toks, src, next))
        else {
            self.report_sql_error(piece, src, "cannot read the columns of CREATE UNIQUE INDEX");
            return;
        };
        // A partial index (WHERE) is not a unique key of the table.
        if toks[close + 1..].iter().any(|t| t.is_word(src, "WHERE")) {
            self.skip("CREATE UNIQUE INDEX (partial)");
            return;
        }
        let Some(cols) = key_columns(&toks[next + 1..close], src, self.fold) else {
            self.skip("CREATE UNIQUE INDEX (expression)");
            return;
        };
        match self.table_mut(&table) {
            Some(t) => t.unique_keys.push(Key::new(index_name, cols)),
            None => self.issue(
                piece.line,
                format!("CREATE UNIQUE INDEX on unknown table {table}; ignored"),
            ),
        }
    }

    fn create_type(&mut self, piece: &Piece<'_>) {
        let clean = lex::clean(piece.text, self.dialect);
        let src: &str = &clean;
        let toks = lex::tokenize(src, self.dialect);
        let Some(at) = toks.iter().position(|t| t.is_word(src, "TYPE")) else {
            return;
        };
        let Some((parts, next)) = self.dotted(&toks, src, at + 1) else {
            self.report_sql_error(piece, src, "cannot read CREATE TYPE");
            return;
        };
        let is_enum = toks.get(next).is_some_and(|t| t.is_word(src, "AS"))
            && toks.get(next + 1).is_some_and(|t| t.is_word(src, "ENUM"));
        if !is_enum {
            self.skip("CREATE TYPE");
            return;
        }
        let open = next + 2;
        let Some(close) = toks
            .get(open)
            .filter(|t| t.is_punct(src, b'('))
            .and_then(|_| lex::matching(&toks, src, open))
        else {
            self.report_sql_error(piece, src, "cannot read the labels of CREATE TYPE AS ENUM");
            return;
        };
        let labels: Vec<String> = toks[open + 1..close]
            .iter()
            .filter_map(|t| lex::string(t, src, self.dialect))
            .collect();
        let (qualified, bare) = self.type_keys(&parts);
        let ctx = self.pg_ctx();
        ctx.enums.insert(qualified, labels.clone());
        ctx.enums.entry(bare).or_insert(labels);
    }

    /// Context keys of a user type: `schema.name` and `name`.
    fn type_keys(&self, parts: &[String]) -> (String, String) {
        let bare = parts.last().cloned().unwrap_or_default();
        let schema = if parts.len() >= 2 {
            parts[parts.len() - 2].clone()
        } else {
            self.schema.clone()
        };
        (format!("{schema}.{bare}"), bare)
    }

    fn create_domain(&mut self, piece: &Piece<'_>) {
        let clean = lex::clean(piece.text, self.dialect);
        let src: &str = &clean;
        let toks = lex::tokenize(src, self.dialect);
        let Some(at) = toks.iter().position(|t| t.is_word(src, "DOMAIN")) else {
            return;
        };
        let Some((parts, mut next)) = self.dotted(&toks, src, at + 1) else {
            self.report_sql_error(piece, src, "cannot read CREATE DOMAIN");
            return;
        };
        if toks.get(next).is_some_and(|t| t.is_word(src, "AS")) {
            next += 1;
        }
        let start = next;
        let mut depth = 0i32;
        let mut end = start;
        while let Some(t) = toks.get(end) {
            if t.is_punct(src, b'(') {
                depth += 1;
            } else if t.is_punct(src, b')') {
                depth -= 1;
            } else if depth == 0
                && end > start
                && ["COLLATE", "DEFAULT", "CONSTRAINT", "NOT", "NULL", "CHECK"]
                    .iter()
                    .any(|k| t.is_word(src, k))
            {
                break;
            }
            end += 1;
        }
        if end == start {
            self.report_sql_error(piece, src, "CREATE DOMAIN without a base type");
            return;
        }
        let base = lex::span_text(&toks[start..end], src);
        let (qualified, bare) = self.type_keys(&parts);
        let ctx = self.pg_ctx();
        ctx.domains.insert(qualified, base.clone());
        ctx.domains.entry(bare).or_insert(base);
    }

    fn comment_on(&mut self, piece: &Piece<'_>) {
        let clean = lex::clean(piece.text, self.dialect);
        let src: &str = &clean;
        let toks = lex::tokenize(src, self.dialect);
        let what = toks
            .get(2)
            .map(|t| t.text(src).to_ascii_uppercase())
            .unwrap_or_default();
        if what != "TABLE" && what != "COLUMN" {
            self.skip(format!("COMMENT ON {what}"));
            return;
        }
        let Some((parts, next)) = self.dotted(&toks, src, 3) else {
            self.report_sql_error(piece, src, "cannot read COMMENT ON");
            return;
        };
        if !toks.get(next).is_some_and(|t| t.is_word(src, "IS")) {
            self.report_sql_error(piece, src, "COMMENT ON without IS");
            return;
        }
        let value = toks
            .get(next + 1)
            .and_then(|t| lex::string(t, src, self.dialect));
        let (table_parts, column) = if what == "COLUMN" {
            match parts.split_last() {
                Some((c, rest)) if !rest.is_empty() => (rest.to_vec(), Some(c.clone())),
                _ => {
                    self.issue(piece.line, "COMMENT ON COLUMN needs table.column");
                    return;
                }
            }
        } else {
            (parts, None)
        };
        let Some(name) = self.table_name(&table_parts) else {
            return;
        };
        let Some(t) = self.table_mut(&name) else {
            // Comments on views, sequences or filtered objects.
            self.skip(format!("COMMENT ON {what} (not a table)"));
            return;
        };
        match column {
            None => t.comment = value,
            Some(c) => {
                if let Some(col) = t.columns.iter_mut().find(|x| x.name == c) {
                    col.comment = value;
                }
            }
        }
    }
}

/// One element of a column list, read by the fast path.
enum Item {
    /// A column definition and its offset.
    Column(RawColumn, usize),
    /// A PRIMARY KEY / UNIQUE constraint (`None`: another constraint or index).
    Key(Option<KeyDef>),
    /// A column definition that could not be read, and its offset.
    Bad(String, usize),
}

/// Whether a constraint item is meant as a primary or unique key.
fn names_key(item: &[Tok], src: &str) -> bool {
    item.iter()
        .take(3)
        .any(|t| t.is_word(src, "PRIMARY") || t.is_word(src, "UNIQUE"))
}

/// Column facts that become table keys.
struct ColumnFlags {
    primary: bool,
    unique: bool,
}

enum KeyDef {
    Primary(Key),
    Unique(Key),
}

/// A column definition, as text pieces.
#[derive(Debug, Default)]
struct RawColumn {
    name: String,
    type_text: String,
    not_null: Option<bool>,
    default: Option<String>,
    auto_increment: bool,
    identity: bool,
    comment: Option<String>,
    charset: Option<String>,
    collation: Option<String>,
    primary: bool,
    unique: bool,
    generated: Option<(String, bool)>,
    /// Something the fast path did not fully understand (sqlparser decides).
    doubtful: bool,
}

const MYSQL_STOP: &[&str] = &[
    "NOT",
    "NULL",
    "DEFAULT",
    "AUTO_INCREMENT",
    "COMMENT",
    "PRIMARY",
    "UNIQUE",
    "KEY",
    "COLLATE",
    "CHARSET",
    "GENERATED",
    "AS",
    "ON",
    "REFERENCES",
    "CHECK",
    "CONSTRAINT",
    "VISIBLE",
    "INVISIBLE",
    "COLUMN_FORMAT",
    "STORAGE",
    "SRID",
    "ENGINE_ATTRIBUTE",
    "SECONDARY_ENGINE_ATTRIBUTE",
    "FIRST",
    "AFTER",
];

const PG_STOP: &[&str] = &[
    "NOT",
    "NULL",
    "DEFAULT",
    "CONSTRAINT",
    "PRIMARY",
    "UNIQUE",
    "CHECK",
    "REFERENCES",
    "GENERATED",
    "COLLATE",
    "COMPRESSION",
    "STORAGE",
    "IDENTITY",
    "AUTO_INCREMENT",
    "AUTOINCREMENT",
    "COMMENT",
];

fn is_stop(toks: &[Tok], i: usize, src: &str, dialect: Dialect) -> bool {
    let t = &toks[i];
    if t.kind != Kind::Word {
        return false;
    }
    let list = if dialect == Dialect::MySql {
        MYSQL_STOP
    } else {
        PG_STOP
    };
    if list.iter().any(|w| t.is_word(src, w)) {
        return true;
    }
    // CHARACTER SET / CHAR SET.
    (t.is_word(src, "CHARACTER") || t.is_word(src, "CHAR"))
        && toks.get(i + 1).is_some_and(|n| n.is_word(src, "SET"))
}

/// Parse one column definition (`name type options...`) from tokens.
fn parse_column_def(
    item: &[Tok],
    src: &str,
    dialect: Dialect,
    fold: bool,
) -> Result<RawColumn, String> {
    let name_tok = item.first().ok_or("empty column definition")?;
    if !matches!(name_tok.kind, Kind::Word | Kind::QuotedIdent | Kind::Str) {
        return Err(format!("unexpected `{}`", name_tok.text(src)));
    }
    let mut raw = RawColumn {
        name: lex::ident(name_tok, src, fold),
        ..RawColumn::default()
    };
    // The type: up to the first option keyword at depth 0.
    let mut i = 1;
    let mut depth = 0i32;
    while i < item.len() {
        let t = &item[i];
        if t.is_punct(src, b'(') {
            depth += 1;
        } else if t.is_punct(src, b')') {
            depth -= 1;
        } else if depth == 0 && i > 1 && is_stop(item, i, src, dialect) {
            break;
        }
        i += 1;
    }
    if i == 1 {
        return Err(format!("column `{}` has no type", raw.name));
    }
    raw.type_text = lex::span_text(&item[1..i], src);
    raw.doubtful |= !plausible_type(&item[1..i], src);
    // Options.
    let word = |j: usize, w: &str| item.get(j).is_some_and(|t| t.is_word(src, w));
    let value_ident = |j: usize| -> Option<String> {
        item.get(j).map(|t| match t.kind {
            Kind::Str => lex::string(t, src, dialect).unwrap_or_default(),
            _ => lex::ident(t, src, fold),
        })
    };
    while i < item.len() {
        let t = &item[i];
        if t.is_word(src, "NOT") && word(i + 1, "NULL") {
            raw.not_null = Some(true);
            i += 2;
        } else if t.is_word(src, "NULL") {
            raw.not_null.get_or_insert(false);
            i += 1;
        } else if t.is_word(src, "DEFAULT") {
            let start = i + 1;
            let mut j = start;
            let mut depth = 0i32;
            while j < item.len() {
                let u = &item[j];
                if u.is_punct(src, b'(') {
                    depth += 1;
                } else if u.is_punct(src, b')') {
                    depth -= 1;
                } else if depth == 0 && j > start && is_stop(item, j, src, dialect) {
                    break;
                }
                j += 1;
            }
            if j > start {
                raw.default = Some(src[item[start].start..item[j - 1].end].trim().to_string());
            } else {
                raw.doubtful = true;
            }
            i = j;
        } else if t.is_word(src, "AUTO_INCREMENT") || t.is_word(src, "AUTOINCREMENT") {
            raw.auto_increment = true;
            i += 1;
        } else if t.is_word(src, "COMMENT") {
            let j = if item.get(i + 1).is_some_and(|u| u.is_punct(src, b'=')) {
                i + 2
            } else {
                i + 1
            };
            raw.comment = item.get(j).and_then(|u| lex::string(u, src, dialect));
            raw.doubtful |= raw.comment.is_none();
            i = j + 1;
        } else if t.is_word(src, "PRIMARY") {
            raw.primary = true;
            i += if word(i + 1, "KEY") { 2 } else { 1 };
        } else if t.is_word(src, "UNIQUE") {
            raw.unique = true;
            i += if word(i + 1, "KEY") { 2 } else { 1 };
        } else if t.is_word(src, "KEY") {
            // MySQL: `KEY` alone in a column definition means PRIMARY KEY.
            raw.primary = true;
            i += 1;
        } else if (t.is_word(src, "CHARACTER") || t.is_word(src, "CHAR")) && word(i + 1, "SET") {
            raw.charset = value_ident(i + 2).map(|s| s.to_ascii_lowercase());
            i += 3;
        } else if t.is_word(src, "CHARSET") {
            raw.charset = value_ident(i + 1).map(|s| s.to_ascii_lowercase());
            i += 2;
        } else if t.is_word(src, "COLLATE") {
            // `COLLATE pg_catalog."C"`: the last part of a dotted name.
            let mut j = i + 1;
            let mut last = value_ident(j);
            while item.get(j + 1).is_some_and(|u| u.is_punct(src, b'.')) {
                j += 2;
                last = value_ident(j);
            }
            raw.collation = last.map(|s| {
                if dialect == Dialect::MySql {
                    s.to_ascii_lowercase()
                } else {
                    s
                }
            });
            i = j + 1;
        } else if t.is_word(src, "GENERATED") || t.is_word(src, "AS") {
            // GENERATED ALWAYS AS (expr) [STORED|VIRTUAL]
            // GENERATED {ALWAYS|BY DEFAULT} AS IDENTITY [(...)]
            // AS (expr) [STORED|VIRTUAL]
            let mut j = i;
            while j < item.len() && !item[j].is_word(src, "AS") {
                j += 1;
            }
            j += 1;
            if item.get(j).is_some_and(|u| u.is_word(src, "IDENTITY")) {
                raw.identity = true;
                j += 1;
                if item.get(j).is_some_and(|u| u.is_punct(src, b'(')) {
                    j = lex::matching(item, src, j).map_or(item.len(), |c| c + 1);
                }
                i = j;
            } else if item.get(j).is_some_and(|u| u.is_punct(src, b'(')) {
                let close = lex::matching(item, src, j).ok_or("unbalanced parentheses")?;
                let expr = src
                    .get(item[j].end..item[close].start)
                    .unwrap_or("")
                    .trim()
                    .to_string();
                let mut k = close + 1;
                // PostgreSQL generated columns are always stored (up to 17); MySQL defaults
                // to VIRTUAL.
                let mut stored = dialect != Dialect::MySql;
                if item.get(k).is_some_and(|u| u.is_word(src, "STORED")) {
                    stored = true;
                    k += 1;
                } else if item
                    .get(k)
                    .is_some_and(|u| u.is_word(src, "VIRTUAL") || u.is_word(src, "PERSISTENT"))
                {
                    stored = item[k].is_word(src, "PERSISTENT");
                    k += 1;
                }
                raw.generated = Some((expr, stored));
                i = k;
            } else {
                i = j;
            }
        } else if t.is_word(src, "ON") && word(i + 1, "UPDATE") {
            i += 3;
            if item.get(i).is_some_and(|u| u.is_punct(src, b'(')) {
                i = lex::matching(item, src, i).map_or(item.len(), |c| c + 1);
            }
        } else if t.is_word(src, "CHECK") || t.is_word(src, "REFERENCES") {
            // Skip to the next option keyword at depth 0.
            let mut j = i + 1;
            let mut depth = 0i32;
            while j < item.len() {
                let u = &item[j];
                if u.is_punct(src, b'(') {
                    depth += 1;
                } else if u.is_punct(src, b')') {
                    depth -= 1;
                } else if depth == 0
                    && is_stop(item, j, src, dialect)
                    && !["ON", "NOT", "NULL", "DEFAULT", "KEY"]
                        .iter()
                        .any(|w| u.is_word(src, w))
                {
                    break;
                }
                j += 1;
            }
            i = j;
        } else if t.is_word(src, "CONSTRAINT") {
            i += 2;
        } else if t.is_word(src, "VISIBLE") || t.is_word(src, "INVISIBLE") {
            i += 1;
        } else if [
            "COLUMN_FORMAT",
            "STORAGE",
            "SRID",
            "COMPRESSION",
            "ENGINE_ATTRIBUTE",
            "SECONDARY_ENGINE_ATTRIBUTE",
        ]
        .iter()
        .any(|w| t.is_word(src, w))
        {
            // One value, with an optional `=`.
            i += if item.get(i + 1).is_some_and(|u| u.is_punct(src, b'=')) {
                3
            } else {
                2
            };
        } else {
            // Not understood: let sqlparser judge the statement.
            raw.doubtful = true;
            i += 1;
        }
    }
    Ok(raw)
}

/// Whether the tokens of a type look like one: a name (possibly dotted or quoted, several
/// words), parenthesised modifiers, array brackets.
fn plausible_type(toks: &[Tok], src: &str) -> bool {
    let Some(first) = toks.first() else {
        return false;
    };
    if !matches!(first.kind, Kind::Word | Kind::QuotedIdent) {
        return false;
    }
    let mut depth = 0i32;
    for t in toks {
        if t.is_punct(src, b'(') {
            depth += 1;
        } else if t.is_punct(src, b')') {
            depth -= 1;
            if depth < 0 {
                return false;
            }
        } else if depth == 0 {
            let ok = match t.kind {
                Kind::Word | Kind::QuotedIdent | Kind::Num => true,
                Kind::Punct => {
                    t.is_punct(src, b'.') || t.is_punct(src, b'[') || t.is_punct(src, b']')
                }
                Kind::Str => false,
            };
            if !ok {
                return false;
            }
        }
    }
    depth == 0
}

/// Whether a table-element item starts a constraint rather than a column.
fn is_constraint_start(t: &Tok, src: &str) -> bool {
    t.kind == Kind::Word
        && [
            "PRIMARY",
            "UNIQUE",
            "KEY",
            "INDEX",
            "CONSTRAINT",
            "FULLTEXT",
            "SPATIAL",
            "FOREIGN",
            "CHECK",
            "EXCLUDE",
            "LIKE",
            "PERIOD",
        ]
        .iter()
        .any(|w| t.is_word(src, w))
}

/// The columns of a key column list (`a, b(10) DESC`); `None` when a part is an expression.
fn key_columns(toks: &[Tok], src: &str, fold: bool) -> Option<Vec<String>> {
    let mut cols = Vec::new();
    for part in lex::split_commas(toks, src) {
        let first = part.first()?;
        if !matches!(first.kind, Kind::Word | Kind::QuotedIdent) {
            return None;
        }
        // After the name only a prefix length, ordering, collation or opclass may follow.
        if let Some(second) = part.get(1)
            && second.is_punct(src, b'(')
        {
            let close = lex::matching(part, src, 1)?;
            if close != 3 || part[2].kind != Kind::Num {
                return None;
            }
        }
        cols.push(lex::ident(first, src, fold));
    }
    if cols.is_empty() { None } else { Some(cols) }
}

/// `DEFAULT CHARSET=x COLLATE=y` (table options or CREATE DATABASE).
fn table_charset(toks: &[Tok], src: &str, dialect: Dialect) -> Charset {
    let mut cs = Charset::default();
    let value = |j: usize| -> Option<String> {
        let mut j = j;
        if toks.get(j).is_some_and(|t| t.is_punct(src, b'=')) {
            j += 1;
        }
        toks.get(j)
            .map(|t| match t.kind {
                Kind::Str => lex::string(t, src, dialect).unwrap_or_default(),
                _ => lex::ident(t, src, false),
            })
            .map(|s| s.to_ascii_lowercase())
    };
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.is_word(src, "CHARSET") {
            cs.charset = value(i + 1);
        } else if (t.is_word(src, "CHARACTER") || t.is_word(src, "CHAR"))
            && toks.get(i + 1).is_some_and(|n| n.is_word(src, "SET"))
        {
            cs.charset = value(i + 2);
            i += 1;
        } else if t.is_word(src, "COLLATE") {
            cs.collation = value(i + 1);
        }
        i += 1;
    }
    cs
}

/// `COMMENT='x'` in MySQL table options.
fn table_comment(toks: &[Tok], src: &str, dialect: Dialect) -> Option<String> {
    let i = toks.iter().position(|t| t.is_word(src, "COMMENT"))?;
    let mut j = i + 1;
    if toks.get(j).is_some_and(|t| t.is_punct(src, b'=')) {
        j += 1;
    }
    toks.get(j).and_then(|t| lex::string(t, src, dialect))
}

/// `PARTITION BY RANGE (a, b)`: the plain column names.
fn partition_columns(toks: &[Tok], src: &str, fold: bool) -> Vec<String> {
    let Some(p) = toks.iter().position(|t| t.is_word(src, "PARTITION")) else {
        return Vec::new();
    };
    if !toks.get(p + 1).is_some_and(|t| t.is_word(src, "BY")) {
        return Vec::new();
    }
    let open = p + 3;
    let Some(close) = toks
        .get(open)
        .filter(|t| t.is_punct(src, b'('))
        .and_then(|_| lex::matching(toks, src, open))
    else {
        return Vec::new();
    };
    lex::split_commas(&toks[open + 1..close], src)
        .into_iter()
        .filter(|part| part.len() == 1 && matches!(part[0].kind, Kind::Word | Kind::QuotedIdent))
        .map(|part| lex::ident(&part[0], src, fold))
        .collect()
}

fn rename_in_keys(t: &mut Table, old: &str, new: &str) {
    let fix = |k: &mut Key| {
        for c in &mut k.columns {
            if c == old {
                *c = new.to_string();
            }
        }
    };
    if let Some(k) = &mut t.primary_key {
        fix(k);
    }
    for k in &mut t.unique_keys {
        fix(k);
    }
}

/// Types whose columns carry a character set in MySQL's information_schema.
fn is_charset_type(dt: &DataType) -> bool {
    dt.is_character() || matches!(dt, DataType::Enum { .. } | DataType::Set { .. })
}

/// The default collation of common MySQL character sets.
fn default_collation(charset: &str) -> Option<&'static str> {
    Some(match charset {
        "utf8mb4" => "utf8mb4_0900_ai_ci",
        "utf8mb3" => "utf8mb3_general_ci",
        "utf8" => "utf8_general_ci",
        "latin1" => "latin1_swedish_ci",
        "latin2" => "latin2_general_ci",
        "ascii" => "ascii_general_ci",
        "binary" => "binary",
        "ucs2" => "ucs2_general_ci",
        "utf16" => "utf16_general_ci",
        "utf16le" => "utf16le_general_ci",
        "utf32" => "utf32_general_ci",
        "gbk" => "gbk_chinese_ci",
        "gb2312" => "gb2312_chinese_ci",
        "gb18030" => "gb18030_chinese_ci",
        "big5" => "big5_chinese_ci",
        "sjis" => "sjis_japanese_ci",
        "cp932" => "cp932_japanese_ci",
        "ujis" => "ujis_japanese_ci",
        "eucjpms" => "eucjpms_japanese_ci",
        "euckr" => "euckr_korean_ci",
        "cp1251" => "cp1251_general_ci",
        "cp1250" => "cp1250_general_ci",
        "cp1256" => "cp1256_general_ci",
        "cp1257" => "cp1257_general_ci",
        "greek" => "greek_general_ci",
        "hebrew" => "hebrew_general_ci",
        "koi8r" => "koi8r_general_ci",
        "koi8u" => "koi8u_general_ci",
        "tis620" => "tis620_thai_ci",
        _ => return None,
    })
}

/// Best-effort type mapping for dumps of sources without a native parser here (SQL Server,
/// Oracle, ...): standard SQL names through the PostgreSQL parser, then the MySQL one.
fn generic_type(text: &str) -> DataType {
    let ctx = pg::PgTypeContext::default();
    if let Ok(p) = pg::parse_format_type(text, &ctx)
        && !matches!(p.data_type, DataType::Other { .. })
    {
        return p.data_type;
    }
    match my::parse_column_type(text, None) {
        Ok(t) => t.data_type,
        Err(_) => DataType::Other {
            native: text.to_string(),
        },
    }
}

/// Number of newlines before `offset` in `src`.
fn line_of(src: &str, offset: usize) -> usize {
    src.as_bytes()
        .get(..offset)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
}

/// Split sqlparser's "... at Line: L, Column: C" into the message and L.
fn split_location(msg: &str) -> (String, usize) {
    if let Some(p) = msg.rfind(" at Line: ") {
        let rest = &msg[p + " at Line: ".len()..];
        let mut it = rest.split(", Column: ");
        let line = it.next().and_then(|l| l.trim().parse::<usize>().ok());
        let col = it.next().map(str::trim);
        if let Some(line) = line {
            let base = &msg[..p];
            let m = match col {
                Some(c) => format!("{base} (column {c})"),
                None => base.to_string(),
            };
            return (m, line);
        }
    }
    (msg.to_string(), 1)
}

/// The server version from a mysqldump or pg_dump header.
fn header_version(text: &str) -> Option<String> {
    for line in text.lines().take(40) {
        let l = line.trim();
        if let Some(v) = l.strip_prefix("-- Server version") {
            return Some(v.trim().to_string());
        }
        if let Some(v) = l.strip_prefix("-- Dumped from database version") {
            return Some(v.trim().to_string());
        }
    }
    None
}

/// Column names checked with `json_valid(<col>)` anywhere in a CREATE TABLE column list
/// (`CHECK (json_valid(`doc`))`, as MariaDB writes its JSON columns).
fn json_valid_columns(body: &str) -> Vec<String> {
    let lower = body.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = lower[from..].find("json_valid") {
        let start = from + pos + "json_valid".len();
        from = start;
        let rest = body[start..].trim_start();
        let Some(arg) = rest.strip_prefix('(') else {
            continue;
        };
        let arg = arg.trim_start();
        let name = if let Some(q) = arg.strip_prefix('`') {
            // `a``b` -> a`b
            let mut name = String::new();
            let mut chars = q.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '`' {
                    if chars.peek() == Some(&'`') {
                        name.push('`');
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    name.push(c);
                }
            }
            name
        } else {
            arg.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
                .collect()
        };
        if !name.is_empty() {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod json_valid_tests {
    use super::json_valid_columns;

    #[test]
    fn finds_checked_columns() {
        assert_eq!(
            json_valid_columns(
                "`a` longtext CHECK (json_valid(`a`)), b text, CONSTRAINT `c` CHECK (JSON_VALID( b ))"
            ),
            vec!["a".to_string(), "b".to_string()]
        );
        assert_eq!(
            json_valid_columns("`x``y` longtext CHECK (json_valid(`x``y`))"),
            vec!["x`y".to_string()]
        );
        assert!(json_valid_columns("a int").is_empty());
    }
}
