//! Errors and warnings, each pointing at a file, a line, a section and a key where known.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// What kind of problem a [`ConfigError`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfigErrorKind {
    /// The configuration file does not exist.
    NotFound,
    /// The file exists but could not be read (permissions, not UTF-8, ...).
    Io,
    /// The file is not well-formed INI or TOML.
    Syntax,
    /// The file is well-formed but a value is missing or invalid.
    Invalid,
}

/// A configuration error. It never carries a password or other secret value.
///
/// Displayed as `<file>:<line>: [section] key: message`, leaving out the parts that are not
/// known; a missing file is displayed as `config file not found: <file>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
pub struct ConfigError {
    /// What kind of problem this is.
    pub kind: ConfigErrorKind,
    /// The configuration file.
    pub file: PathBuf,
    /// The 1-based line the problem is on, when it is on one line.
    pub line: Option<usize>,
    /// The section the problem is in (`db`, `other`, `table-rule.1`, ...).
    pub section: Option<String>,
    /// The key the problem is about.
    pub key: Option<String>,
    /// What is wrong, in words.
    pub message: String,
}

impl ConfigError {
    /// An [`ConfigErrorKind::Invalid`] error about a file, with no position yet.
    pub fn new(file: &Path, message: impl Into<String>) -> Self {
        ConfigError {
            kind: ConfigErrorKind::Invalid,
            file: file.to_path_buf(),
            line: None,
            section: None,
            key: None,
            message: message.into(),
        }
    }

    /// The error for a configuration file that does not exist.
    pub fn not_found(file: &Path) -> Self {
        ConfigError {
            kind: ConfigErrorKind::NotFound,
            ..ConfigError::new(file, "config file not found")
        }
    }

    /// Set the kind.
    #[must_use]
    pub fn with_kind(mut self, kind: ConfigErrorKind) -> Self {
        self.kind = kind;
        self
    }

    /// Set the line.
    #[must_use]
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Set the line when one is known.
    #[must_use]
    pub fn at_opt_line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    /// Set the section.
    #[must_use]
    pub fn in_section(mut self, section: impl Into<String>) -> Self {
        self.section = Some(section.into());
        self
    }

    /// Set the key.
    #[must_use]
    pub fn for_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.kind == ConfigErrorKind::NotFound {
            return write!(f, "config file not found: {}", self.file.display());
        }
        write_located(
            f,
            &self.file,
            self.line,
            self.section.as_deref(),
            self.key.as_deref(),
            &self.message,
        )
    }
}

/// Something suspicious that does not stop smt: an unknown key, an ignored option, a default
/// taken for a key the original tool required.
///
/// Displayed like [`ConfigError`]: `<file>:<line>: [section] key: message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigWarning {
    /// The configuration file.
    pub file: PathBuf,
    /// The 1-based line, when the warning is about one line.
    pub line: Option<usize>,
    /// The section, when known.
    pub section: Option<String>,
    /// The key, when the warning is about one key.
    pub key: Option<String>,
    /// What is suspicious, in words.
    pub message: String,
}

impl fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_located(
            f,
            &self.file,
            self.line,
            self.section.as_deref(),
            self.key.as_deref(),
            &self.message,
        )
    }
}

fn write_located(
    f: &mut fmt::Formatter<'_>,
    file: &Path,
    line: Option<usize>,
    section: Option<&str>,
    key: Option<&str>,
    message: &str,
) -> fmt::Result {
    write!(f, "{}", file.display())?;
    if let Some(line) = line {
        write!(f, ":{line}")?;
    }
    f.write_str(": ")?;
    if let Some(section) = section {
        write!(f, "[{section}] ")?;
    }
    if let Some(key) = key {
        write!(f, "{key}: ")?;
    }
    f.write_str(message)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn display_formats() {
        let p = Path::new("conf/config_prod.conf");
        let cases = [
            (
                ConfigError::new(p, "must be a positive integer")
                    .at_line(12)
                    .in_section("other")
                    .for_key("be_num"),
                "conf/config_prod.conf:12: [other] be_num: must be a positive integer",
            ),
            (
                ConfigError::new(p, "section is missing").in_section("db"),
                "conf/config_prod.conf: [db] section is missing",
            ),
            (
                ConfigError::new(p, "malformed line").at_line(3),
                "conf/config_prod.conf:3: malformed line",
            ),
            (
                ConfigError::not_found(p),
                "config file not found: conf/config_prod.conf",
            ),
        ];
        for (err, want) in cases {
            assert_eq!(err.to_string(), want);
        }
        let w = ConfigWarning {
            file: p.to_path_buf(),
            line: Some(4),
            section: Some("db".into()),
            key: Some("colour".into()),
            message: "unknown key".into(),
        };
        assert_eq!(
            w.to_string(),
            "conf/config_prod.conf:4: [db] colour: unknown key"
        );
    }
}
