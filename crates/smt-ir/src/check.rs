//! The typed result of `smt check`: a checklist of CDC prerequisites, each with what was found,
//! why it matters and the exact statement or setting that fixes it. Pure data, no I/O.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::schema::{SourceKind, TableName};

/// Outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// The prerequisite holds.
    Pass,
    /// Works, but something is risky or not recommended.
    Warn,
    /// The CDC job will fail (or lose changes) unless this is fixed.
    Fail,
    /// Not checked (not applicable, or not verifiable from here).
    Skipped,
}

impl CheckStatus {
    /// `PASS`, `WARN`, `FAIL` or `SKIP`, for checklists.
    pub fn label(self) -> &'static str {
        match self {
            CheckStatus::Pass => "PASS",
            CheckStatus::Warn => "WARN",
            CheckStatus::Fail => "FAIL",
            CheckStatus::Skipped => "SKIP",
        }
    }
}

impl fmt::Display for CheckStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckItem {
    /// Stable identifier, e.g. `mysql.binlog_format`.
    pub id: String,
    /// Short human title.
    pub title: String,
    /// The outcome.
    pub status: CheckStatus,
    /// The table, job or rule the item is about, when it is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// What was found (values as the server reported them).
    pub found: String,
    /// Why it matters for the migration.
    pub why: String,
    /// The exact statement or config line that fixes it (for the user to run; smt never changes
    /// the source).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl CheckItem {
    /// An item without subject and fix.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        status: CheckStatus,
        found: impl Into<String>,
        why: impl Into<String>,
    ) -> Self {
        CheckItem {
            id: id.into(),
            title: title.into(),
            status,
            subject: None,
            found: found.into(),
            why: why.into(),
            fix: None,
        }
    }

    /// Set the subject (table, job, rule).
    pub fn on(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Set the fix.
    pub fn with_fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    /// Set the fix only when the item is not a pass (a passing item needs none).
    pub fn fix_unless_pass(self, fix: impl Into<String>) -> Self {
        if self.status == CheckStatus::Pass || self.status == CheckStatus::Skipped {
            self
        } else {
            self.with_fix(fix)
        }
    }
}

/// One Flink source table a plan generates (one CDC reader): what `smt check` compares with the
/// source (server ids, replication slots).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SourceJob {
    /// The Flink SQL file the reader is declared in (`flink-create.<rule>.sql` or
    /// `flink-create.all.sql`).
    pub file: String,
    /// The rule name.
    pub rule: String,
    /// The target table, `db.table`.
    pub target: String,
    /// Position of the target in its file (picks its server ids).
    pub index: usize,
    /// The connector (`mysql-cdc`, `postgres-cdc`, ...).
    pub connector: String,
    /// The MySQL server ids of the reader (inclusive range), when `flink.cdc.server-id` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_ids: Option<(u64, u64)>,
    /// The PostgreSQL replication slot name of the reader.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot_name: Option<String>,
    /// The source database the reader connects to.
    pub database: String,
    /// The source tables the reader reads.
    pub tables: Vec<TableName>,
    /// The reader's WITH options, without passwords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<(String, String)>,
}

impl SourceJob {
    /// The value of a WITH option.
    pub fn option(&self, key: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// What the check learnt about the StarRocks cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetFacts {
    /// Whether the StarRocks FE answered.
    pub reachable: bool,
    /// The version it reported (`3.3.5-5a0a9f5`), verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Alive backends (or compute nodes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alive_backends: Option<u32>,
    /// All backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_backends: Option<u32>,
}

/// The whole checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckReport {
    /// The source kind.
    pub source: SourceKind,
    /// `host:port` of the source (never a password).
    pub address: String,
    /// The source's version banner, when it answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_version: Option<String>,
    /// Number of matched source tables.
    pub tables: usize,
    /// Number of CDC readers the generated jobs start.
    pub jobs: usize,
    /// The checklist, in check order.
    pub items: Vec<CheckItem>,
    /// What the StarRocks side reported.
    pub target: TargetFacts,
}

impl CheckReport {
    /// An empty report.
    pub fn new(source: SourceKind, address: impl Into<String>) -> Self {
        CheckReport {
            source,
            address: address.into(),
            server_version: None,
            tables: 0,
            jobs: 0,
            items: Vec::new(),
            target: TargetFacts::default(),
        }
    }

    /// Whether any item failed.
    pub fn failed(&self) -> bool {
        self.items.iter().any(|i| i.status == CheckStatus::Fail)
    }

    /// Number of items with this status.
    pub fn count(&self, status: CheckStatus) -> usize {
        self.items.iter().filter(|i| i.status == status).count()
    }

    /// The failed items.
    pub fn failures(&self) -> impl Iterator<Item = &CheckItem> {
        self.items.iter().filter(|i| i.status == CheckStatus::Fail)
    }

    /// The item with this id (the first one).
    pub fn item(&self, id: &str) -> Option<&CheckItem> {
        self.items.iter().find(|i| i.id == id)
    }

    /// `N passed, N warnings, N failed, N skipped`.
    pub fn summary(&self) -> String {
        format!(
            "{} passed, {} warning(s), {} failed, {} skipped",
            self.count(CheckStatus::Pass),
            self.count(CheckStatus::Warn),
            self.count(CheckStatus::Fail),
            self.count(CheckStatus::Skipped)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_counts_and_json() {
        let mut r = CheckReport::new(SourceKind::Mysql, "127.0.0.1:3306");
        r.items
            .push(CheckItem::new("a", "A", CheckStatus::Pass, "ok", "because"));
        r.items.push(
            CheckItem::new("b", "B", CheckStatus::Fail, "bad", "because")
                .on("shop.orders")
                .fix_unless_pass("do it"),
        );
        r.items.push(
            CheckItem::new("c", "C", CheckStatus::Pass, "ok", "because").fix_unless_pass("x"),
        );
        assert!(r.failed());
        assert_eq!(r.count(CheckStatus::Pass), 2);
        assert_eq!(r.failures().count(), 1);
        assert_eq!(r.item("c").and_then(|i| i.fix.clone()), None);
        assert_eq!(r.summary(), "2 passed, 0 warning(s), 1 failed, 0 skipped");
        let json = serde_json::to_string(&r).unwrap_or_default();
        assert!(json.contains("\"status\":\"fail\""));
        let back: CheckReport = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, r);
    }
}
