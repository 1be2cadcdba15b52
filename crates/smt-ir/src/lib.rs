//! # smt-ir
//!
//! The neutral schema model ([`schema`]) and migration plan ([`plan`]) shared by every smt crate.
//! This crate does no I/O.

pub mod check;
pub mod plan;
pub mod schema;

pub use check::{CheckItem, CheckReport, CheckStatus, SourceJob, TargetFacts};
pub use plan::*;
pub use schema::*;
