//! Flink SQL emitter for smt
