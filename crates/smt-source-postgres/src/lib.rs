//! Live PostgreSQL source adapter for smt
