//! Live MySQL/MariaDB source adapter for smt
