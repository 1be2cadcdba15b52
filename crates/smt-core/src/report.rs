//! The run report: `result/smt-report.json` and the summary printed on stderr.

use serde::Serialize;
use smt_ir::{Buckets, Plan, Severity, TargetProfile, Warning};

/// One target table in the report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportTable {
    /// `db.table` of the target.
    pub target: String,
    /// Source tables (`db.table` or `db.schema.table`).
    pub sources: Vec<String>,
    /// `PRIMARY KEY(a, b)` and so on.
    pub key: String,
    /// Where the key came from.
    pub key_origin: String,
    /// Bucket count, or `auto`.
    pub buckets: String,
    /// Number of columns.
    pub columns: usize,
}

/// One rule in the report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportRule {
    /// Rule name (`table-rule.<name>`).
    pub name: String,
    /// Source tables matched.
    pub source_tables: usize,
    /// Targets written.
    pub tables: Vec<ReportTable>,
    /// Targets that merge two or more shards.
    pub merged_groups: usize,
}

/// Totals.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Source tables matched by some rule.
    pub source_tables: usize,
    /// Target tables.
    pub target_tables: usize,
    /// Merged shard groups.
    pub merged_groups: usize,
    /// Warnings (severity warning).
    pub warnings: usize,
    /// Notes (severity info).
    pub notes: usize,
}

/// The whole report, serialised as `smt-report.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// smt version that wrote it.
    pub smt_version: String,
    /// Source kind.
    pub source: String,
    /// Source server version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_version: Option<String>,
    /// Target profile.
    pub target: TargetProfile,
    /// Totals.
    pub summary: Summary,
    /// Per rule.
    pub rules: Vec<ReportRule>,
    /// Every warning and note, sorted.
    pub warnings: Vec<Warning>,
    /// Files written (besides the report).
    pub files: Vec<String>,
}

impl Report {
    /// Build the report of a plan; `extra` are warnings collected after planning.
    pub fn new(plan: &Plan, extra: &[Warning], files: Vec<String>) -> Self {
        let mut warnings: Vec<Warning> = plan.warnings.iter().chain(extra).cloned().collect();
        warnings.sort();
        warnings.dedup();
        let rules: Vec<ReportRule> = plan
            .rules
            .iter()
            .map(|r| ReportRule {
                name: r.name.clone(),
                source_tables: r.tables.iter().map(|t| t.sources.len()).sum(),
                merged_groups: r.tables.iter().filter(|t| t.is_merged()).count(),
                tables: r
                    .tables
                    .iter()
                    .map(|t| ReportTable {
                        target: format!("{}.{}", t.database, t.name),
                        sources: t.sources.iter().map(ToString::to_string).collect(),
                        key: format!("{}({})", t.key.kind.keyword(), t.key.columns.join(", ")),
                        key_origin: t.key.origin.clone(),
                        buckets: match t.buckets {
                            Buckets::Fixed(n) => n.to_string(),
                            Buckets::Auto => "auto".into(),
                        },
                        columns: t.columns.len(),
                    })
                    .collect(),
            })
            .collect();
        let summary = Summary {
            source_tables: rules.iter().map(|r| r.source_tables).sum(),
            target_tables: rules.iter().map(|r| r.tables.len()).sum(),
            merged_groups: rules.iter().map(|r| r.merged_groups).sum(),
            warnings: warnings
                .iter()
                .filter(|w| w.severity == Severity::Warning)
                .count(),
            notes: warnings
                .iter()
                .filter(|w| w.severity == Severity::Info)
                .count(),
        };
        Report {
            smt_version: env!("CARGO_PKG_VERSION").to_string(),
            source: plan.source.to_string(),
            source_version: plan.source_version.clone(),
            target: plan.target.clone(),
            summary,
            rules,
            warnings,
            files,
        }
    }

    /// Pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        s.push('\n');
        s
    }

    /// A short human summary (a few lines), for stderr.
    pub fn summary_text(&self, max_warnings: usize) -> String {
        let mut out = String::new();
        for r in &self.rules {
            out.push_str(&format!(
                "  table-rule.{}: {} source table(s) -> {} target table(s){}\n",
                r.name,
                r.source_tables,
                r.tables.len(),
                if r.merged_groups > 0 {
                    format!(", {} merged shard group(s)", r.merged_groups)
                } else {
                    String::new()
                }
            ));
        }
        let shown: Vec<&Warning> = self
            .warnings
            .iter()
            .filter(|w| w.severity == Severity::Warning)
            .collect();
        if !shown.is_empty() {
            out.push_str(&format!("  {} warning(s):\n", shown.len()));
            for w in shown.iter().take(max_warnings) {
                out.push_str(&format!("    - {w}\n"));
            }
            if shown.len() > max_warnings {
                out.push_str(&format!(
                    "    ... and {} more in smt-report.json\n",
                    shown.len() - max_warnings
                ));
            }
        }
        if self.summary.notes > 0 {
            out.push_str(&format!(
                "  {} note(s) (lossless representation changes, key choices) in smt-report.json\n",
                self.summary.notes
            ));
        }
        out
    }
}
