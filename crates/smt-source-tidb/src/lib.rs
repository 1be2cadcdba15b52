//! Live TiDB source adapter for smt
