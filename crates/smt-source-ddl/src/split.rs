//! A fast statement splitter that tracks line numbers.
//!
//! It understands just enough SQL lexing to find statement ends: quotes (`'...'`, `"..."`,
//! `` `...` ``, PostgreSQL `E'...'` and `$tag$...$tag$`), comments (`--`, MySQL `#`, `/* */`,
//! nested in PostgreSQL), MySQL versioned comments (`/*!40101 ... */`, whose content is SQL),
//! the mysql client's `DELIMITER` command, psql meta-commands (`\connect db`) and
//! `COPY ... FROM stdin;` data blocks (skipped up to `\.`). Nothing is allocated per statement.

/// The lexical rules of the dump.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// mysqldump: backslash escapes in strings, backticks, `#` comments, versioned comments,
    /// `DELIMITER`.
    MySql,
    /// pg_dump: `$tag$` strings, `E''` strings, nested block comments, psql meta-commands,
    /// `COPY ... FROM stdin` data.
    Postgres,
    /// Anything else: standard SQL quoting and comments.
    Generic,
}

/// One piece of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece<'a> {
    /// The statement text without its delimiter (or the meta-command line).
    pub text: &'a str,
    /// 1-based line of the first character of `text`.
    pub line: usize,
    /// Whether this is a psql meta-command (`\connect db`), not SQL.
    pub meta: bool,
}

/// Iterator over the statements of a dump.
pub(crate) struct Splitter<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    dialect: Dialect,
    delimiter: String,
}

impl<'a> Splitter<'a> {
    /// Split `text` by the rules of `dialect`.
    pub(crate) fn new(text: &'a str, dialect: Dialect) -> Self {
        Splitter {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
            dialect,
            delimiter: ";".to_string(),
        }
    }

    fn at(&self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(0)
    }

    /// Advance to the end of the current line (not past the newline).
    fn skip_to_eol(&mut self) {
        match self.bytes[self.pos..].iter().position(|&b| b == b'\n') {
            Some(n) => self.pos += n,
            None => self.pos = self.bytes.len(),
        }
    }

    /// Skip a block comment starting at `pos` (`/*`), counting lines.
    fn skip_block_comment(&mut self) {
        let nested = self.dialect == Dialect::Postgres;
        let mut depth = 0usize;
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            if b == b'/' && self.at(self.pos + 1) == b'*' {
                if depth == 0 || nested {
                    depth += 1;
                }
                self.pos += 2;
            } else if b == b'*' && self.at(self.pos + 1) == b'/' {
                self.pos += 2;
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return;
                }
            } else {
                if b == b'\n' {
                    self.line += 1;
                }
                self.pos += 1;
            }
        }
    }

    /// Skip a quoted run starting at `pos` (on the quote), counting lines.
    fn skip_quoted(&mut self, quote: u8, backslash: bool) {
        self.pos += 1;
        loop {
            let rest = &self.bytes[self.pos..];
            let Some(n) = rest
                .iter()
                .position(|&b| b == quote || b == b'\n' || (backslash && b == b'\\'))
            else {
                self.pos = self.bytes.len();
                return;
            };
            self.pos += n;
            match self.bytes[self.pos] {
                b'\n' => {
                    self.line += 1;
                    self.pos += 1;
                }
                b'\\' if backslash && quote != b'`' => {
                    if self.at(self.pos + 1) == b'\n' {
                        self.line += 1;
                    }
                    self.pos += 2;
                }
                _ => {
                    // The quote: doubled means escaped.
                    if self.at(self.pos + 1) == quote {
                        self.pos += 2;
                    } else {
                        self.pos += 1;
                        return;
                    }
                }
            }
        }
    }

    /// If a dollar-quote tag starts at `pos`, skip the whole string and return true.
    fn skip_dollar(&mut self) -> bool {
        let start = self.pos;
        let mut i = start + 1;
        while i < self.bytes.len()
            && (self.bytes[i].is_ascii_alphanumeric() || self.bytes[i] == b'_')
        {
            i += 1;
        }
        if self.at(i) != b'$' {
            return false;
        }
        let tag_body = &self.bytes[start + 1..i];
        if tag_body.first().is_some_and(u8::is_ascii_digit) {
            return false;
        }
        let tag = &self.text[start..=i];
        let body_start = i + 1;
        match self.text[body_start..].find(tag) {
            Some(n) => {
                let end = body_start + n + tag.len();
                self.line += self.bytes[start..end]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                self.pos = end;
            }
            None => {
                self.line += self.bytes[start..].iter().filter(|&&b| b == b'\n').count();
                self.pos = self.bytes.len();
            }
        }
        true
    }

    /// Whether `--` at `pos` starts a comment (MySQL needs a space or control char after it).
    fn dash_comment(&self) -> bool {
        if self.at(self.pos + 1) != b'-' {
            return false;
        }
        if self.dialect != Dialect::MySql {
            return true;
        }
        let c = self.at(self.pos + 2);
        c == 0 || c.is_ascii_whitespace() || c.is_ascii_control()
    }

    /// Skip whitespace and comments between statements (but not MySQL versioned comments).
    fn skip_gap(&mut self) {
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            match b {
                b'\n' => {
                    self.line += 1;
                    self.pos += 1;
                }
                b' ' | b'\t' | b'\r' | 0x0b | 0x0c => self.pos += 1,
                b'-' if self.dash_comment() => self.skip_to_eol(),
                b'#' if self.dialect == Dialect::MySql => self.skip_to_eol(),
                b'/' if self.at(self.pos + 1) == b'*'
                    && !(self.dialect == Dialect::MySql && self.at(self.pos + 2) == b'!') =>
                {
                    self.skip_block_comment()
                }
                // A UTF-8 byte-order mark at the very start.
                0xef if self.pos == 0 && self.bytes.starts_with(&[0xef, 0xbb, 0xbf]) => {
                    self.pos += 3
                }
                _ => return,
            }
        }
    }

    /// Skip the data lines of `COPY ... FROM stdin;` up to and including the `\.` line.
    fn skip_copy_data(&mut self) {
        // Rest of the line holding the `;`.
        self.skip_to_eol();
        while self.pos < self.bytes.len() {
            // At a newline: step over it.
            self.pos += 1;
            self.line += 1;
            let start = self.pos;
            self.skip_to_eol();
            let l = self.text[start..self.pos].trim_end_matches('\r');
            if l == "\\." {
                return;
            }
        }
    }

    fn starts_with_word_ci(&self, word: &str) -> bool {
        let end = self.pos + word.len();
        end <= self.bytes.len()
            && self.bytes[self.pos..end].eq_ignore_ascii_case(word.as_bytes())
            && self.bytes.get(end).is_none_or(|b| b.is_ascii_whitespace())
    }
}

impl<'a> Iterator for Splitter<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        loop {
            self.skip_gap();
            if self.pos >= self.bytes.len() {
                return None;
            }
            // psql meta-command: a backslash at statement start, up to the end of the line.
            if self.dialect == Dialect::Postgres && self.bytes[self.pos] == b'\\' {
                let start = self.pos;
                let line = self.line;
                self.skip_to_eol();
                return Some(Piece {
                    text: self.text[start..self.pos].trim_end(),
                    line,
                    meta: true,
                });
            }
            // mysql client `DELIMITER xx`.
            if self.dialect == Dialect::MySql && self.starts_with_word_ci("DELIMITER") {
                let start = self.pos + "DELIMITER".len();
                self.skip_to_eol();
                let d = self.text[start..self.pos].trim();
                if !d.is_empty() {
                    self.delimiter = d.to_string();
                }
                continue;
            }
            let start = self.pos;
            let line = self.line;
            let end = self.scan_statement();
            let text = self.text[start..end].trim_end();
            if text.is_empty() {
                continue;
            }
            if self.dialect == Dialect::Postgres && is_copy_from_stdin(text) {
                self.skip_copy_data();
            }
            return Some(Piece {
                text,
                line,
                meta: false,
            });
        }
    }
}

impl Splitter<'_> {
    /// Scan from `pos` to the end of the statement; returns the end offset (before the
    /// delimiter) and leaves `pos` after the delimiter.
    fn scan_statement(&mut self) -> usize {
        let mysql = self.dialect == Dialect::MySql;
        let pg = self.dialect == Dialect::Postgres;
        let delim = self.delimiter.as_bytes().to_vec();
        let d0 = delim.first().copied().unwrap_or(b';');
        let mut versioned = 0usize;
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            if b == d0 && self.bytes[self.pos..].starts_with(&delim) {
                let end = self.pos;
                self.pos += delim.len();
                return end;
            }
            match b {
                b'\n' => {
                    self.line += 1;
                    self.pos += 1;
                }
                b'\'' => self.skip_quoted(b'\'', mysql),
                b'"' => self.skip_quoted(b'"', mysql),
                b'`' if mysql => self.skip_quoted(b'`', false),
                b'-' if self.dash_comment() => self.skip_to_eol(),
                b'#' if mysql => self.skip_to_eol(),
                b'/' if self.at(self.pos + 1) == b'*' => {
                    if mysql && self.at(self.pos + 2) == b'!' {
                        versioned += 1;
                        self.pos += 3;
                    } else {
                        self.skip_block_comment();
                    }
                }
                b'*' if versioned > 0 && self.at(self.pos + 1) == b'/' => {
                    versioned -= 1;
                    self.pos += 2;
                }
                b'$' if pg => {
                    if !self.skip_dollar() {
                        self.pos += 1;
                    }
                }
                b'E' | b'e'
                    if pg
                        && self.at(self.pos + 1) == b'\''
                        && (self.pos == 0 || !is_ident_byte(self.bytes[self.pos - 1])) =>
                {
                    self.pos += 1;
                    self.skip_quoted(b'\'', true);
                }
                _ => self.pos += 1,
            }
        }
        self.bytes.len()
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// `COPY ... FROM stdin` (pg_dump's data blocks).
fn is_copy_from_stdin(text: &str) -> bool {
    let head = text.get(..4).unwrap_or("");
    if !head.eq_ignore_ascii_case("copy") {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    lower.contains("from stdin")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn pieces(text: &str, d: Dialect) -> Vec<(String, usize, bool)> {
        Splitter::new(text, d)
            .map(|p| (p.text.to_string(), p.line, p.meta))
            .collect()
    }

    #[test]
    fn mysql_quotes_comments_delimiters() {
        let text = "-- header\n/*!40101 SET NAMES utf8 */;\n\nINSERT INTO t VALUES ('a;b','it\\'s;'),(\"x;\");\n# hash ; comment\nSELECT 1 -- c ;\n;\nDELIMITER ;;\nCREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN SET @a = 1; SET @b = ';;'; END;;\nDELIMITER ;\nSELECT `a;b` FROM t;\nSELECT 2";
        let p = pieces(text, Dialect::MySql);
        let texts: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "/*!40101 SET NAMES utf8 */",
                "INSERT INTO t VALUES ('a;b','it\\'s;'),(\"x;\")",
                "SELECT 1 -- c ;",
                "CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN SET @a = 1; SET @b = ';;'; END",
                "SELECT `a;b` FROM t",
                "SELECT 2",
            ]
        );
        let lines: Vec<usize> = p.iter().map(|x| x.1).collect();
        assert_eq!(lines, vec![2, 4, 6, 9, 11, 12]);
    }

    #[test]
    fn mysql_dash_needs_space() {
        let p = pieces("SELECT 1--2;\nSELECT 3;", Dialect::MySql);
        assert_eq!(p[0].0, "SELECT 1--2");
        assert_eq!(p[1].1, 2);
    }

    #[test]
    fn multiline_strings_count_lines() {
        let p = pieces(
            "INSERT INTO t VALUES ('a\nb\nc');\nCREATE TABLE x (a int);",
            Dialect::MySql,
        );
        assert_eq!(p[1].1, 4);
    }

    #[test]
    fn postgres_meta_copy_dollar() {
        let text = "\\connect shop\n\nSET x = 1;\nCOPY public.t (a, b) FROM stdin;\n1\t'a;\n2\tb\n\\.\n\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nCREATE FUNCTION g() RETURNS int AS $body$ SELECT ';'; $body$;\nSELECT E'it\\'s;', 'a\\';\n/* a /* nested */ ; */ SELECT $1;";
        let p = pieces(text, Dialect::Postgres);
        let texts: Vec<(&str, usize, bool)> = p.iter().map(|x| (x.0.as_str(), x.1, x.2)).collect();
        assert_eq!(
            texts,
            vec![
                ("\\connect shop", 1, true),
                ("SET x = 1", 3, false),
                ("COPY public.t (a, b) FROM stdin", 4, false),
                (
                    "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
                    9,
                    false
                ),
                (
                    "CREATE FUNCTION g() RETURNS int AS $body$ SELECT ';'; $body$",
                    10,
                    false
                ),
                ("SELECT E'it\\'s;', 'a\\'", 11, false),
                ("SELECT $1", 12, false),
            ]
        );
    }

    #[test]
    fn unterminated_and_bom() {
        let p = pieces("\u{feff}SELECT 'abc", Dialect::Generic);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].0, "SELECT 'abc");
        assert!(pieces("  \n-- only comments\n/* x */", Dialect::Generic).is_empty());
    }
}
