//! # smt-core
//!
//! The plan and the pipeline of smt, for embedding in other tools:
//!
//! - [`plan`]: apply the table rules to a catalog (last matching rule wins), merge shards,
//!   choose keys, order columns, size buckets and partitions, and collect warnings;
//! - [`generate`](generate::generate): config -> source adapter -> plan -> StarRocks and Flink
//!   emitters -> result folder (written atomically) and `smt-report.json`;
//! - [`output`]: the atomic result-folder writer.
//!
//! ```no_run
//! # async fn demo() -> Result<(), smt_core::Error> {
//! let outcome = smt_core::generate::generate(
//!     std::path::Path::new("conf/config_prod.conf"),
//!     &smt_core::generate::GenerateOptions::default(),
//!     &|line| eprintln!("{line}"),
//! )
//! .await?;
//! println!("{} target tables", outcome.report.summary.target_tables);
//! # Ok(()) }
//! ```

pub mod buckets;
pub mod check;
pub mod generate;
pub mod output;
pub mod plan;
pub mod report;
pub mod shard;

pub use smt_catalog as catalog;
pub use smt_config as config;
pub use smt_ir as ir;

/// Everything that can stop a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration file could not be read or is invalid.
    #[error(transparent)]
    ConfigFile(#[from] smt_config::ConfigError),
    /// A configuration value is invalid (found after parsing, e.g. a rule's regex).
    #[error("{0}")]
    Config(String),
    /// The source could not be read.
    #[error(transparent)]
    Source(smt_catalog::Error),
    /// The plan cannot be built.
    #[error("{0}")]
    Plan(String),
    /// The generated SQL breaks a StarRocks or Flink rule.
    #[error("{0}")]
    Emit(String),
    /// The result folder cannot be written.
    #[error("{0}")]
    Output(String),
}

impl Error {
    /// The process exit code for this error: 2 for bad configuration or usage, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::ConfigFile(_) | Error::Config(_) => 2,
            Error::Source(e) if e.kind() == smt_catalog::ErrorKind::Config => 2,
            _ => 1,
        }
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
