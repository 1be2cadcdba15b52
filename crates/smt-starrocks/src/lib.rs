//! StarRocks DDL emitter for smt
