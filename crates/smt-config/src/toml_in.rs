//! The TOML form of the configuration, turned into the same raw model as the INI form.
//!
//! - top-level tables are sections: `[db]`, `[other]`, `[table-rule]`;
//! - a sub-table of `[table-rule]` is a rule section: `[table-rule.1]` (TOML's nested table `1`)
//!   becomes section `table-rule.1`, except the sub-tables `flink`, `properties` and `external`,
//!   which are dotted keys (`flink.cdc.x = 1` directly under `[table-rule]`);
//! - `[[table-rule]]` (an array of tables) gives rules named `1`, `2`, ... in order;
//! - nested tables and dotted keys inside a section are flattened back into dotted key names
//!   (`flink.starrocks.jdbc-url`), in file order;
//! - scalars of any type become strings (`3306`, `true`, `1.5`, dates as written); an array of
//!   scalars becomes its items joined with `,`;
//! - top-level scalars go to the `DEFAULT` section.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{ConfigError, ConfigErrorKind};
use crate::ini::{DEFAULT_SECTION, IniFile, Section};

/// The rules' section name, and the prefix of every rule section.
const RULE_SECTION: &str = "table-rule";

/// Sub-tables of `[table-rule]` that are key prefixes, not rule names.
const PREFIX_ROOTS: [&str; 3] = ["flink", "properties", "external"];

type Key<'i> = Spanned<std::borrow::Cow<'i, str>>;
type Item<'a, 'i> = (&'a Key<'i>, &'a Spanned<DeValue<'i>>);

/// Parse TOML text into the raw section/key model the INI reader produces.
pub fn toml_to_ini(text: &str, path: &Path) -> Result<IniFile, ConfigError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = DeTable::parse(text).map_err(|e| {
        ConfigError::new(path, format!("invalid TOML: {}", e.message().trim()))
            .with_kind(ConfigErrorKind::Syntax)
            .at_opt_line(e.span().map(|s| line_of(text, s.start)))
    })?;
    let lines = LineIndex::new(text, path);
    let mut ini = IniFile::new(path);
    for (key, value) in sorted(doc.get_ref()) {
        let name = key.get_ref().as_ref();
        let line = lines.line(key.span().start);
        match value.get_ref() {
            DeValue::Table(table) => add_table(&mut ini, &lines, name, table, line)?,
            DeValue::Array(items)
                if name == RULE_SECTION
                    && !items.is_empty()
                    && items.iter().all(|i| i.get_ref().is_table()) =>
            {
                for (n, item) in items.iter().enumerate() {
                    if let DeValue::Table(table) = item.get_ref() {
                        let sec_name = format!("{RULE_SECTION}.{}", n + 1);
                        let sec_line = lines.line(item.span().start);
                        let sec = ini.section_mut(&sec_name, sec_line);
                        flatten_table(sec, &lines, "", table)?;
                    }
                }
            }
            _ => {
                let sec = ini.section_mut(DEFAULT_SECTION, 0);
                flatten_value(sec, &lines, name, key, value)?;
            }
        }
    }
    Ok(ini)
}

fn add_table(
    ini: &mut IniFile,
    lines: &LineIndex,
    name: &str,
    table: &DeTable<'_>,
    line: usize,
) -> Result<(), ConfigError> {
    let mut direct: Vec<Item<'_, '_>> = Vec::new();
    let mut subsections: Vec<Item<'_, '_>> = Vec::new();
    for (k, v) in sorted(table) {
        let is_rule = name == RULE_SECTION
            && v.get_ref().is_table()
            && !PREFIX_ROOTS.contains(&k.get_ref().as_ref());
        if is_rule {
            subsections.push((k, v));
        } else {
            direct.push((k, v));
        }
    }
    if name != RULE_SECTION || !direct.is_empty() {
        let sec = ini.section_mut(name, line);
        for (k, v) in direct {
            flatten_value(sec, lines, k.get_ref(), k, v)?;
        }
    }
    for (k, v) in subsections {
        if let DeValue::Table(t) = v.get_ref() {
            let sec_name = format!("{name}.{}", k.get_ref());
            let sec = ini.section_mut(&sec_name, lines.line(k.span().start));
            flatten_table(sec, lines, "", t)?;
        }
    }
    Ok(())
}

fn flatten_table(
    sec: &mut Section,
    lines: &LineIndex,
    prefix: &str,
    table: &DeTable<'_>,
) -> Result<(), ConfigError> {
    for (k, v) in sorted(table) {
        let name = if prefix.is_empty() {
            k.get_ref().to_string()
        } else {
            format!("{prefix}.{}", k.get_ref())
        };
        flatten_value(sec, lines, &name, k, v)?;
    }
    Ok(())
}

fn flatten_value(
    sec: &mut Section,
    lines: &LineIndex,
    name: &str,
    key: &Key<'_>,
    value: &Spanned<DeValue<'_>>,
) -> Result<(), ConfigError> {
    let line = lines.line(key.span().start);
    match value.get_ref() {
        DeValue::Table(t) => flatten_table(sec, lines, name, t),
        DeValue::Array(items) => {
            let mut parts = Vec::with_capacity(items.len());
            for item in items.iter() {
                match scalar(item.get_ref()) {
                    Some(s) => parts.push(s),
                    None => {
                        return Err(ConfigError::new(
                            &lines.path,
                            "only arrays of plain values (strings, numbers, booleans) are allowed",
                        )
                        .with_kind(ConfigErrorKind::Syntax)
                        .at_line(line)
                        .in_section(sec.name.clone())
                        .for_key(name));
                    }
                }
            }
            sec.set(name, parts.join(","), line);
            Ok(())
        }
        other => {
            let s = scalar(other).unwrap_or_default();
            sec.set(name, s, line);
            Ok(())
        }
    }
}

fn scalar(value: &DeValue<'_>) -> Option<String> {
    Some(match value {
        DeValue::String(s) => s.to_string(),
        DeValue::Integer(i) => i128::from_str_radix(i.as_str(), i.radix())
            .map(|n| n.to_string())
            .unwrap_or_else(|_| i.to_string()),
        DeValue::Float(f) => f.as_str().to_string(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => d.to_string(),
        DeValue::Array(_) | DeValue::Table(_) => return None,
    })
}

/// The entries of a table in file order (the parsed map is sorted by name).
fn sorted<'a, 'i>(table: &'a DeTable<'i>) -> Vec<Item<'a, 'i>> {
    let mut items: Vec<Item<'a, 'i>> = table.iter().collect();
    items.sort_by_key(|(k, _)| k.span().start);
    items
}

fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Byte offset -> 1-based line, plus the file path for errors.
struct LineIndex {
    starts: Vec<usize>,
    path: std::path::PathBuf,
}

impl LineIndex {
    fn new(text: &str, path: &Path) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            starts,
            path: path.to_path_buf(),
        }
    }

    fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn conv(text: &str) -> IniFile {
        toml_to_ini(text, Path::new("c.toml")).unwrap()
    }

    fn val(f: &IniFile, sec: &str, key: &str) -> Option<(String, usize)> {
        f.section(sec)
            .and_then(|s| s.get(key))
            .map(|e| (e.value.clone(), e.line))
    }

    #[test]
    fn sections_rules_and_dotted_keys() {
        let text = r#"
top = "x"

[db]
host = "127.0.0.1"
port = 3306

[other]
be_num = 3
use_decimal_v3 = true
ratio = 1.5

[table-rule]
flink.cdc.server-time-zone = "UTC"

[table-rule.1]
database = '^db$'
table = '^t_\d+$'
duplicate_keys = ["id", "name"]
flink.starrocks.jdbc-url = "jdbc:mysql://h:9030"
flink.starrocks.load-url = "a:8030;b:8030"

[table-rule.1.flink.cdc]
scan.startup.mode = "initial"

[table-rule.orders]
database = "shop"
table = "orders"
"#;
        let f = conv(text);
        let names: Vec<&str> = f.sections.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "DEFAULT",
                "db",
                "other",
                "table-rule",
                "table-rule.1",
                "table-rule.orders"
            ]
        );
        assert_eq!(val(&f, "DEFAULT", "top"), Some(("x".into(), 2)));
        assert_eq!(val(&f, "db", "port"), Some(("3306".into(), 6)));
        assert_eq!(
            val(&f, "other", "use_decimal_v3"),
            Some(("true".into(), 10))
        );
        assert_eq!(val(&f, "other", "ratio"), Some(("1.5".into(), 11)));
        assert_eq!(
            val(&f, "table-rule", "flink.cdc.server-time-zone"),
            Some(("UTC".into(), 14))
        );
        assert_eq!(
            val(&f, "table-rule.1", "table"),
            Some(("^t_\\d+$".into(), 18))
        );
        assert_eq!(
            val(&f, "table-rule.1", "duplicate_keys"),
            Some(("id,name".into(), 19))
        );
        assert_eq!(
            val(&f, "table-rule.1", "flink.cdc.scan.startup.mode"),
            Some(("initial".into(), 24))
        );
        let keys: Vec<&str> = f
            .section("table-rule.1")
            .unwrap()
            .entries
            .iter()
            .map(|e| e.key.as_str())
            .collect();
        assert_eq!(
            keys,
            [
                "database",
                "table",
                "duplicate_keys",
                "flink.starrocks.jdbc-url",
                "flink.starrocks.load-url",
                "flink.cdc.scan.startup.mode"
            ]
        );
        assert_eq!(f.section("table-rule.1").map(|s| s.line), Some(16));
    }

    #[test]
    fn array_of_rule_tables() {
        let f = conv("[[table-rule]]\ndatabase='a'\n[[table-rule]]\ndatabase='b'\n");
        assert_eq!(val(&f, "table-rule.1", "database"), Some(("a".into(), 2)));
        assert_eq!(val(&f, "table-rule.2", "database"), Some(("b".into(), 4)));
    }

    #[test]
    fn integers_in_other_radixes() {
        let f = conv("[db]\nport = 0x10\nbig = 1_000\n");
        assert_eq!(val(&f, "db", "port").map(|v| v.0), Some("16".into()));
        assert_eq!(val(&f, "db", "big").map(|v| v.0), Some("1000".into()));
    }

    #[test]
    fn errors_have_lines() {
        let err = toml_to_ini("[db]\nhost = \n", Path::new("c.toml")).unwrap_err();
        assert_eq!(err.kind, ConfigErrorKind::Syntax);
        assert_eq!(err.line, Some(2), "{err}");
        assert!(
            err.to_string().starts_with("c.toml:2: invalid TOML"),
            "{err}"
        );
        let err = toml_to_ini("[db]\nhosts = [{a = 1}]\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.key.as_deref(), Some("hosts"));
    }
}
