//! Reader for the original SMT config_prod.conf (and TOML) for smt
