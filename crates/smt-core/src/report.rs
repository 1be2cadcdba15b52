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

/// One distinct warning or note and the tables it applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportWarning {
    /// How serious it is.
    pub severity: Severity,
    /// Stable machine-readable code.
    pub code: String,
    /// The column concerned, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Human message.
    pub message: String,
    /// The tables concerned (empty for run-wide notes).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<String>,
}

impl std::fmt::Display for ReportWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}] ", self.code)?;
        match self.tables.len() {
            0 => {}
            1 => write!(f, "{}", self.tables[0])?,
            n => write!(f, "{} and {} more table(s)", self.tables[0], n - 1)?,
        }
        if let Some(c) = &self.column {
            write!(f, ".{c}")?;
        }
        if !self.tables.is_empty() || self.column.is_some() {
            f.write_str(": ")?;
        }
        f.write_str(&self.message)
    }
}

/// Warnings first, then by code, message and column.
type GroupKey<'a> = (
    std::cmp::Reverse<Severity>,
    &'a str,
    &'a str,
    Option<&'a str>,
);

/// Warnings grouped by [`GroupKey`], with the tables of each group (borrowed).
#[derive(Debug, Default)]
pub(crate) struct Groups<'a>(std::collections::BTreeMap<GroupKey<'a>, Vec<&'a str>>);

impl<'a> Groups<'a> {
    pub(crate) fn add(&mut self, warnings: impl Iterator<Item = &'a Warning>) {
        for w in warnings {
            let tables = self
                .0
                .entry((
                    std::cmp::Reverse(w.severity),
                    w.code.as_str(),
                    w.message.as_str(),
                    w.column.as_deref(),
                ))
                .or_default();
            tables.extend(w.tables());
        }
    }

    fn finish(self) -> Vec<ReportWarning> {
        self.0
            .into_iter()
            .map(|((sev, code, message, column), mut tables)| {
                tables.sort_unstable();
                tables.dedup();
                ReportWarning {
                    severity: sev.0,
                    code: code.to_string(),
                    column: column.map(str::to_string),
                    message: message.to_string(),
                    tables: tables.into_iter().map(str::to_string).collect(),
                }
            })
            .collect()
    }
}

/// The part of a report that needs only the plan, prepared while the emitters still run.
#[derive(Debug)]
pub(crate) struct Prepared<'a> {
    groups: Groups<'a>,
    rules: Vec<ReportRule>,
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
    /// Warnings (severity warning), counting each table once.
    pub warnings: usize,
    /// Notes (severity info), counting each table once.
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
    /// Every warning and note, grouped: one entry per distinct (severity, code, column,
    /// message) with the tables it concerns, warnings before notes.
    pub warnings: Vec<ReportWarning>,
    /// Files written (besides the report).
    pub files: Vec<String>,
}

impl Report {
    /// Build the report of a plan; `extra` are warnings collected after planning.
    pub fn new(plan: &Plan, extra: &[Warning], files: Vec<String>) -> Self {
        Report::finish(plan, Report::prepare(plan), extra, files)
    }

    /// Everything of the report that depends only on the plan.
    pub(crate) fn prepare(plan: &Plan) -> Prepared<'_> {
        let mut groups = Groups::default();
        groups.add(plan.warnings.iter());
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
        Prepared { groups, rules }
    }

    /// The report from its [`prepare`](Report::prepare)d part and what the emitters added.
    pub(crate) fn finish<'a>(
        plan: &Plan,
        prepared: Prepared<'a>,
        extra: &'a [Warning],
        files: Vec<String>,
    ) -> Self {
        let Prepared { mut groups, rules } = prepared;
        groups.add(extra.iter());
        let warnings = groups.finish();
        let count = |sev: Severity| -> usize {
            warnings
                .iter()
                .filter(|w| w.severity == sev)
                .map(|w| w.tables.len().max(1))
                .sum()
        };
        let summary = Summary {
            source_tables: rules.iter().map(|r| r.source_tables).sum(),
            target_tables: rules.iter().map(|r| r.tables.len()).sum(),
            merged_groups: rules.iter().map(|r| r.merged_groups).sum(),
            warnings: count(Severity::Warning),
            notes: count(Severity::Info),
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

    /// Write [`to_json`](Report::to_json)'s text to `w` without building it in memory.
    ///
    /// # Errors
    /// When `w` fails.
    pub fn write_json(&self, mut w: impl std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut w, self).map_err(std::io::Error::other)?;
        w.write_all(b"\n")
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
        let shown: Vec<&ReportWarning> = self
            .warnings
            .iter()
            .filter(|w| w.severity == Severity::Warning)
            .collect();
        if !shown.is_empty() {
            out.push_str(&format!("  {} warning(s):\n", self.summary.warnings));
            for w in shown.iter().take(max_warnings) {
                out.push_str(&format!("    - {w}\n"));
            }
            if shown.len() > max_warnings {
                out.push_str(&format!(
                    "    ... and {} more kinds in smt-report.json\n",
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
