//! The raw INI layer: `config_prod.conf` parsed with the semantics of goconfig (the Go library
//! the original tool uses), before any meaning is given to sections and keys.
//!
//! Rules (see `docs/config.md`):
//! - a UTF-8 BOM at the start is skipped; every line is trimmed; empty lines are skipped;
//! - a line starting with `#` or `;` is a comment; there are no inline comments
//!   (`load-url=a:8030;b:8030` keeps its `;b:8030`);
//! - `[name]` starts section `name` (trimmed); keys before any section belong to `DEFAULT`;
//!   a section that appears twice is one section;
//! - other lines split at the first `=` or `:`; key and value are trimmed; a key may be quoted
//!   with `"`, `"""` or backticks; a value wrapped in backticks or `"""` is unquoted, plain
//!   `"..."` quotes are kept; key `-` becomes `#1`, `#2`, ... (counted per section);
//! - a repeated key keeps its first position, and the last value and line win;
//! - anything else is an error `file:line: malformed line`.
//!
//! Lookups ([`IniFile::get`]) fall back from section `a.b` to section `a` when `a.b` lacks the
//! key, and [`IniFile::value`] expands `%(name)s` from `DEFAULT` or the same section.

use std::path::{Path, PathBuf};

use crate::error::{ConfigError, ConfigErrorKind};

/// The section keys before any `[section]` header belong to.
pub const DEFAULT_SECTION: &str = "DEFAULT";

/// How deep `%(name)s` references may nest.
pub const MAX_EXPANSION_DEPTH: usize = 200;

/// One `key = value` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key, trimmed (or the inside of its quotes), case-sensitive.
    pub key: String,
    /// The value, trimmed and unquoted, otherwise verbatim (no escapes, no `%(..)s` expansion).
    pub value: String,
    /// The 1-based line the value comes from (the last line, when the key repeats).
    pub line: usize,
}

/// One `[section]` with its entries in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The section name, trimmed (`db`, `other`, `table-rule.1`, `DEFAULT`).
    pub name: String,
    /// The 1-based line of the first header of this section (0 for an implicit `DEFAULT`).
    pub line: usize,
    /// The entries, in the order their keys first appear.
    pub entries: Vec<Entry>,
}

impl Section {
    /// An empty section.
    pub fn new(name: impl Into<String>, line: usize) -> Self {
        Section {
            name: name.into(),
            line,
            entries: Vec::new(),
        }
    }

    /// The entry for a key in this section only (no fallback).
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// Set a key: a new key is appended, a repeated key keeps its position and takes the new
    /// value and line.
    pub fn set(&mut self, key: impl Into<String>, value: impl Into<String>, line: usize) {
        let key = key.into();
        let value = value.into();
        match self.entries.iter_mut().find(|e| e.key == key) {
            Some(e) => {
                e.value = value;
                e.line = line;
            }
            None => self.entries.push(Entry { key, value, line }),
        }
    }
}

/// A parsed INI file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IniFile {
    /// The file the text came from (used in errors).
    pub path: PathBuf,
    /// The sections in the order they first appear.
    pub sections: Vec<Section>,
}

/// The result of expanding `%(name)s` references in a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expanded {
    /// The expanded text.
    pub text: String,
    /// Referenced names found nowhere (goconfig replaces them with nothing).
    pub unknown: Vec<String>,
}

impl IniFile {
    /// An empty file model.
    pub fn new(path: &Path) -> Self {
        IniFile {
            path: path.to_path_buf(),
            sections: Vec::new(),
        }
    }

    /// Parse INI text. `path` is only used in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let mut file = IniFile::new(path);
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut current = DEFAULT_SECTION.to_string();
        let mut counter = 1usize;
        for (idx, raw) in text.split('\n').enumerate() {
            let line_no = idx + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if line.len() >= 2 && line.starts_with('[') && line.ends_with(']') {
                let name = line[1..line.len() - 1].trim();
                if name.is_empty() {
                    return Err(syntax(path, line_no, "empty section name `[]`"));
                }
                file.section_mut(name, line_no);
                current = name.to_string();
                counter = 1;
                continue;
            }
            let (key, value) = split_key_value(line).ok_or_else(|| {
                syntax(
                    path,
                    line_no,
                    "malformed line (expected `key = value`, `[section]` or a `#` comment)",
                )
            })?;
            let key = if key == "-" {
                let k = format!("#{counter}");
                counter += 1;
                k
            } else {
                key
            };
            let implicit_line = if current == DEFAULT_SECTION {
                0
            } else {
                line_no
            };
            file.section_mut(&current, implicit_line)
                .set(key, value, line_no);
        }
        Ok(file)
    }

    /// The section with this exact name.
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    /// The section with this name, created (at the end, with header line `line`) if missing.
    pub fn section_mut(&mut self, name: &str, line: usize) -> &mut Section {
        let pos = match self.sections.iter().position(|s| s.name == name) {
            Some(pos) => pos,
            None => {
                self.sections.push(Section::new(name, line));
                self.sections.len() - 1
            }
        };
        &mut self.sections[pos]
    }

    /// The raw entry for `key`, looked up as goconfig does: in `section`, then, while the
    /// section name has a `.`, in the parent (`table-rule.1` -> `table-rule`), as long as that
    /// parent section exists. Returns the section the key was found in, too.
    pub fn lookup(&self, section: &str, key: &str) -> Option<(&Section, &Entry)> {
        let mut name = section;
        loop {
            let sec = self.section(name)?;
            if let Some(e) = sec.get(key) {
                return Some((sec, e));
            }
            name = &name[..name.rfind('.')?];
        }
    }

    /// The raw entry for `key` with the sub-section fallback of [`IniFile::lookup`].
    pub fn get(&self, section: &str, key: &str) -> Option<&Entry> {
        self.lookup(section, key).map(|(_, e)| e)
    }

    /// The value of `key` (with sub-section fallback) with `%(name)s` references expanded.
    /// Unknown references expand to nothing, as in goconfig.
    pub fn value(&self, section: &str, key: &str) -> Result<Option<String>, ConfigError> {
        match self.lookup(section, key) {
            None => Ok(None),
            Some((sec, e)) => self
                .expand(&sec.name, &e.value)
                .map(|x| Some(x.text))
                .map_err(|err| err.at_line(e.line).for_key(key)),
        }
    }

    /// Expand `%(name)s` references in `text` as read from `section`: a name is looked up in
    /// `DEFAULT` first, then in `section` itself (no sub-section fallback), and the value found
    /// is expanded again. A reference cycle or nesting deeper than [`MAX_EXPANSION_DEPTH`] is an
    /// error.
    pub fn expand(&self, section: &str, text: &str) -> Result<Expanded, ConfigError> {
        let mut unknown = Vec::new();
        let mut stack = Vec::new();
        let text = self.expand_inner(section, text, &mut stack, &mut unknown)?;
        Ok(Expanded { text, unknown })
    }

    fn expand_inner(
        &self,
        section: &str,
        text: &str,
        stack: &mut Vec<String>,
        unknown: &mut Vec<String>,
    ) -> Result<String, ConfigError> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some((before, name, after)) = next_reference(rest) {
            out.push_str(before);
            if stack.iter().any(|s| s == name) {
                let mut chain = stack.clone();
                chain.push(name.to_string());
                return Err(ConfigError::new(
                    &self.path,
                    format!("`%(...)s` reference cycle: {}", chain.join(" -> ")),
                )
                .in_section(section));
            }
            if stack.len() >= MAX_EXPANSION_DEPTH {
                return Err(ConfigError::new(
                    &self.path,
                    format!("`%(...)s` references nest deeper than {MAX_EXPANSION_DEPTH}"),
                )
                .in_section(section));
            }
            let raw = self
                .section(DEFAULT_SECTION)
                .and_then(|s| s.get(name))
                .or_else(|| self.section(section).and_then(|s| s.get(name)));
            match raw {
                Some(e) => {
                    stack.push(name.to_string());
                    let v = self.expand_inner(section, &e.value, stack, unknown)?;
                    stack.pop();
                    out.push_str(&v);
                }
                None => {
                    if !unknown.iter().any(|u| u == name) {
                        unknown.push(name.to_string());
                    }
                }
            }
            rest = after;
        }
        out.push_str(rest);
        Ok(out)
    }
}

fn syntax(path: &Path, line: usize, message: &str) -> ConfigError {
    ConfigError::new(path, message)
        .with_kind(ConfigErrorKind::Syntax)
        .at_line(line)
}

/// Find the next `%(name)s` with a name of `[A-Za-z0-9_.-]+`: (text before, name, text after).
fn next_reference(text: &str) -> Option<(&str, &str, &str)> {
    let mut from = 0;
    while let Some(pos) = text[from..].find("%(") {
        let start = from + pos;
        let name_start = start + 2;
        let name_len = text[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
            .count();
        let name_end = name_start + name_len;
        if name_len > 0 && text[name_end..].starts_with(")s") {
            return Some((
                &text[..start],
                &text[name_start..name_end],
                &text[name_end + 2..],
            ));
        }
        from = name_start;
    }
    None
}

/// Split a trimmed, non-comment, non-section line into key and value, goconfig-style.
fn split_key_value(line: &str) -> Option<(String, String)> {
    let key_quote = if line.starts_with("\"\"\"") && line.len() >= 6 {
        Some("\"\"\"")
    } else if line.starts_with('"') {
        Some("\"")
    } else if line.starts_with('`') {
        Some("`")
    } else {
        None
    };
    let (key, sep) = match key_quote {
        Some(q) => {
            let close = q.len() + line[q.len()..].find(q)?;
            let sep = close + line[close..].find(['=', ':'])?;
            (line[q.len()..close].to_string(), sep)
        }
        None => {
            let sep = line.find(['=', ':'])?;
            if sep == 0 {
                return None;
            }
            (line[..sep].trim().to_string(), sep)
        }
    };
    let right = line[sep + 1..].trim();
    let value_quote = if right.len() >= 2 && right.starts_with('`') {
        Some("`")
    } else if right.len() >= 6 && right.starts_with("\"\"\"") {
        Some("\"\"\"")
    } else {
        None
    };
    let value = match value_quote {
        Some(q) => {
            let close = q.len() + right[q.len()..].rfind(q)?;
            right[q.len()..close].to_string()
        }
        None => right.to_string(),
    };
    Some((key, value))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn parse(text: &str) -> IniFile {
        IniFile::parse(text, Path::new("t.conf")).unwrap()
    }

    fn raw(file: &IniFile, section: &str, key: &str) -> Option<String> {
        file.get(section, key).map(|e| e.value.clone())
    }

    #[test]
    fn values_are_kept_verbatim() {
        let text = "\
[s]
load-url=a:8030;b:8030
load-url2= 192.168.1.1:8030;192.168.1.2:8030
column_separator=\\x01
table = ^t_\\d+$
password =
url = jdbc:sqlserver://h:1433;databaseName=a=b
k: v
c: x = y
secret = ab#cd;ef
quoted = \"keep quotes\"
back = `  padded  `
triple = \"\"\"x = \"y\"\"\"\"
back_inner = `id`,`name`
inline = 3 # not a comment
jdbc=jdbc:mysql://192.168.1.1:9030
empty_back = ``
lone = `
";
        let f = parse(text);
        let cases = [
            ("load-url", "a:8030;b:8030"),
            ("load-url2", "192.168.1.1:8030;192.168.1.2:8030"),
            ("column_separator", "\\x01"),
            ("table", "^t_\\d+$"),
            ("password", ""),
            ("url", "jdbc:sqlserver://h:1433;databaseName=a=b"),
            ("k", "v"),
            ("c", "x = y"),
            ("secret", "ab#cd;ef"),
            ("quoted", "\"keep quotes\""),
            ("back", "  padded  "),
            ("triple", "x = \"y\""),
            ("back_inner", "id`,`name"),
            ("inline", "3 # not a comment"),
            ("jdbc", "jdbc:mysql://192.168.1.1:9030"),
            ("empty_back", ""),
            ("lone", "`"),
        ];
        for (key, want) in cases {
            assert_eq!(raw(&f, "s", key).as_deref(), Some(want), "key {key}");
        }
    }

    #[test]
    fn comments_sections_default_and_lines() {
        let text = "\u{feff}top = 1\n# comment = no\n; also = no\n\n  [ db ]  \n  host = h  \r\n[other]\nx=1\n[db]\nport=2\n";
        let f = parse(text);
        let names: Vec<&str> = f.sections.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["DEFAULT", "db", "other"]);
        assert_eq!(raw(&f, "DEFAULT", "top").as_deref(), Some("1"));
        assert!(f.get("DEFAULT", "# comment").is_none());
        assert_eq!(raw(&f, "db", "host").as_deref(), Some("h"));
        assert_eq!(raw(&f, "db", "port").as_deref(), Some("2"));
        assert_eq!(f.get("db", "host").map(|e| e.line), Some(6));
        assert_eq!(f.get("db", "port").map(|e| e.line), Some(10));
        assert_eq!(f.section("db").map(|s| s.line), Some(5));
    }

    #[test]
    fn bom_is_skipped() {
        let f = parse("\u{feff}[db]\nhost=h\n");
        assert_eq!(raw(&f, "db", "host").as_deref(), Some("h"));
        let f = parse("\u{feff}key=v\n");
        assert_eq!(raw(&f, "DEFAULT", "key").as_deref(), Some("v"));
    }

    #[test]
    fn repeated_key_last_wins_first_position() {
        let f = parse("[s]\na=1\nb=2\na=3\n");
        let s = f.section("s").unwrap();
        let keys: Vec<&str> = s.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["a", "b"]);
        assert_eq!(
            s.get("a").map(|e| (e.value.as_str(), e.line)),
            Some(("3", 4))
        );
    }

    #[test]
    fn keys_are_case_sensitive_and_quoted_keys_work() {
        let f = parse("[s]\nHost=a\nhost=b\n\"we=ird\" = c\n`x:y`: d\n");
        assert_eq!(raw(&f, "s", "Host").as_deref(), Some("a"));
        assert_eq!(raw(&f, "s", "host").as_deref(), Some("b"));
        assert_eq!(raw(&f, "s", "we=ird").as_deref(), Some("c"));
        assert_eq!(raw(&f, "s", "x:y").as_deref(), Some("d"));
    }

    #[test]
    fn dash_keys_auto_number_per_section() {
        let f = parse("[a]\n- = x\n- = y\n[b]\n-: z\n");
        assert_eq!(raw(&f, "a", "#1").as_deref(), Some("x"));
        assert_eq!(raw(&f, "a", "#2").as_deref(), Some("y"));
        assert_eq!(raw(&f, "b", "#1").as_deref(), Some("z"));
    }

    #[test]
    fn malformed_lines_are_errors() {
        let cases = [
            ("[s]\ngarbage\n", 2),
            ("[s]\n= value\n", 2),
            ("[s]\n: value\n", 2),
            ("[]\n", 1),
            ("[s]\nx = `unterminated\n", 2),
            ("[s]\n\"key = v\n", 2),
        ];
        for (text, line) in cases {
            let err = IniFile::parse(text, Path::new("c.conf")).unwrap_err();
            assert_eq!(err.kind, ConfigErrorKind::Syntax, "{text:?}");
            assert_eq!(err.line, Some(line), "{text:?}");
            assert!(err.to_string().starts_with(&format!("c.conf:{line}: ")));
        }
        let err = IniFile::parse("[s]\ngarbage\n", Path::new("c.conf")).unwrap_err();
        assert!(err.to_string().contains("malformed line"), "{err}");
        assert!(!err.to_string().contains("garbage"));
    }

    #[test]
    fn subsection_fallback() {
        let f =
            parse("[table-rule]\nschema=s\nflink.cdc.x=1\n[table-rule.1]\ntable=t\n[a.b.c]\nk=1\n");
        assert_eq!(raw(&f, "table-rule.1", "schema").as_deref(), Some("s"));
        assert_eq!(raw(&f, "table-rule.1", "table").as_deref(), Some("t"));
        assert_eq!(raw(&f, "table-rule.2", "schema"), None);
        // the chain stops at a missing parent section
        assert_eq!(raw(&f, "a.b.c", "k").as_deref(), Some("1"));
        assert_eq!(raw(&f, "a.b.c", "schema"), None);
        let (sec, _) = f.lookup("table-rule.1", "schema").unwrap();
        assert_eq!(sec.name, "table-rule");
    }

    #[test]
    fn percent_expansion() {
        let text = "\
host = dflt
port = 9030
[s]
host = local
url = jdbc:mysql://%(host)s:%(port)s/%(db)s
db = d_%(sub)s
sub = x
missing = a%(nope)sb
cycle1 = %(cycle2)s
cycle2 = %(cycle1)s
self = %(self)s
notref = 100%(s and %()s
";
        let f = parse(text);
        // DEFAULT wins over the same section, as in goconfig
        assert_eq!(
            f.value("s", "url").unwrap().as_deref(),
            Some("jdbc:mysql://dflt:9030/d_x")
        );
        let x = f.expand("s", "a%(nope)sb").unwrap();
        assert_eq!(x.text, "ab");
        assert_eq!(x.unknown, ["nope"]);
        assert_eq!(f.value("s", "missing").unwrap().as_deref(), Some("ab"));
        assert_eq!(
            f.value("s", "notref").unwrap().as_deref(),
            Some("100%(s and %()s")
        );
        for key in ["cycle1", "self"] {
            let err = f.value("s", key).unwrap_err();
            assert!(err.message.contains("cycle"), "{err}");
            assert_eq!(err.key.as_deref(), Some(key));
        }
    }
}
