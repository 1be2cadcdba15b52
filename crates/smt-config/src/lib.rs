//! # smt-config
//!
//! Reads the original StarRocks Migration Tool's `conf/config_prod.conf` (with the exact
//! parsing rules of goconfig, the Go library the original uses) or the same settings written as
//! TOML, and turns them into a validated, typed [`Config`].
//!
//! Layers:
//! - [`ini`]: the raw sections and keys of an INI file (and the TOML form, via
//!   [`toml_to_ini`]), with goconfig's `[a.b]` -> `[a]` fallback and `%(name)s` expansion;
//! - [`mod@env`]: `${VAR}` / `${VAR:-default}` substitution (an smt extension);
//! - [`Config`]: the typed model, built by [`Config::from_ini`] and validated with errors that
//!   name file, line, section and key.
//!
//! ```
//! use std::path::Path;
//! let text = "\
//! [db]
//! type = mysql
//! host = 127.0.0.1
//! port = 3306
//! user = root
//! password =
//! [other]
//! be_num = 3
//! use_decimal_v3 = true
//! output_dir = ./result
//! [table-rule.1]
//! database = ^shop$
//! table = ^orders_\\d+$
//! flink.starrocks.load-url = fe1:8030;fe2:8030
//! ";
//! let config = smt_config::parse_ini(text, Path::new("config_prod.conf")).unwrap();
//! assert_eq!(config.db.port, 3306);
//! assert_eq!(config.rules[0].sink_option("load-url"), Some("fe1:8030;fe2:8030"));
//! ```
//!
//! The full reference is `docs/config.md` in the repository.

pub mod env;
mod error;
pub mod ini;
mod model;
mod toml_in;

use std::path::Path;

pub use error::{ConfigError, ConfigErrorKind, ConfigWarning};
pub use model::{
    BucketPolicy, Config, DB_KEYS, DEFAULT_BE_NUM, DEFAULT_CONNECT_TIMEOUT_SECS,
    DEFAULT_OUTPUT_DIR, DbConfig, HIVE_AUTHENTICATIONS, OTHER_KEYS, OtherConfig, RULE_KEYS,
    RULE_PREFIXES, TableRule, adapter_db_keys, parse_go_bool,
};
pub use toml_in::toml_to_ini;

use crate::ini::IniFile;

/// Read a configuration file: TOML when its name ends in `.toml`, the original INI format
/// otherwise. `${VAR}` references are read from the process environment.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    load_with_env(path, &env::process_env)
}

/// [`load`] with `${VAR}` references read through `env`.
pub fn load_with_env(
    path: &Path,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            ConfigError::not_found(path)
        } else {
            ConfigError::new(path, format!("cannot read the file: {e}"))
                .with_kind(ConfigErrorKind::Io)
        }
    })?;
    if is_toml(path) {
        parse_toml_with_env(&text, path, env)
    } else {
        parse_ini_with_env(&text, path, env)
    }
}

/// Whether a path names a TOML file (by its `.toml` extension, any case).
pub fn is_toml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// Parse the original INI format. `path` is recorded in the result and used in errors and to
/// resolve relative `ddl_file` paths; `${VAR}` references are read from the process environment.
pub fn parse_ini(text: &str, path: &Path) -> Result<Config, ConfigError> {
    parse_ini_with_env(text, path, &env::process_env)
}

/// [`parse_ini`] with `${VAR}` references read through `env`.
pub fn parse_ini_with_env(
    text: &str,
    path: &Path,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Config, ConfigError> {
    let ini = IniFile::parse(text, path)?;
    Config::from_ini(&ini, env)
}

/// Parse the TOML form. Same as [`parse_ini`] otherwise.
pub fn parse_toml(text: &str, path: &Path) -> Result<Config, ConfigError> {
    parse_toml_with_env(text, path, &env::process_env)
}

/// [`parse_toml`] with `${VAR}` references read through `env`.
pub fn parse_toml_with_env(
    text: &str,
    path: &Path,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Config, ConfigError> {
    let ini = toml_to_ini(text, path)?;
    Config::from_ini(&ini, env)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
