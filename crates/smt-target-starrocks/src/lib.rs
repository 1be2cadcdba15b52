//! # smt-target-starrocks
//!
//! The live StarRocks side of smt (skeleton: being built).
