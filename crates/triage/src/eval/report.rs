//! The evaluation report: counts, rates and a readable table.

use crate::ids::{ConditionId, RuleId};
use crate::output::Triage;
use serde::{Deserialize, Serialize};
use std::fmt;
use utoipa::ToSchema;

/// What happened to one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CaseOutcome {
    pub id: String,
    pub expected_triage: Triage,
    /// `None` when the engine rejected the case (counts as wrong).
    pub predicted_triage: Option<Triage>,
    pub expects_diagnosis: bool,
    /// Rank (1-based) of the expected diagnosis in the output, if listed.
    pub diagnosis_rank: Option<usize>,
    pub top_conditions: Vec<ConditionId>,
    pub red_flags: Vec<RuleId>,
    pub error: Option<String>,
}

/// Results for the cases expecting one triage level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LevelStats {
    pub level: Triage,
    pub cases: usize,
    pub correct: usize,
    /// How these cases were triaged: counts for self_care, see_doctor, urgent, emergency.
    pub predicted: [usize; 4],
}

/// Figures of one evaluation run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Report {
    pub cases: usize,
    pub triage_correct: usize,
    pub levels: Vec<LevelStats>,
    pub emergencies: usize,
    pub emergencies_triaged_emergency: usize,
    pub emergencies_triaged_self_care: usize,
    pub under_triaged: usize,
    pub over_triaged: usize,
    pub diagnosis_cases: usize,
    pub top1: usize,
    pub top3: usize,
    pub top10: usize,
    pub errors: usize,
    pub outcomes: Vec<CaseOutcome>,
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

impl Report {
    pub(crate) fn from_outcomes(outcomes: Vec<CaseOutcome>) -> Report {
        let mut levels: Vec<LevelStats> = Triage::ALL
            .iter()
            .map(|l| LevelStats {
                level: *l,
                cases: 0,
                correct: 0,
                predicted: [0; 4],
            })
            .collect();
        let mut report = Report {
            cases: outcomes.len(),
            triage_correct: 0,
            levels: Vec::new(),
            emergencies: 0,
            emergencies_triaged_emergency: 0,
            emergencies_triaged_self_care: 0,
            under_triaged: 0,
            over_triaged: 0,
            diagnosis_cases: 0,
            top1: 0,
            top3: 0,
            top10: 0,
            errors: 0,
            outcomes: Vec::new(),
        };
        for o in &outcomes {
            let stats = &mut levels[o.expected_triage.rank()];
            stats.cases += 1;
            match o.predicted_triage {
                Some(p) => {
                    stats.predicted[p.rank()] += 1;
                    if p == o.expected_triage {
                        stats.correct += 1;
                        report.triage_correct += 1;
                    }
                    report.under_triaged += usize::from(p < o.expected_triage);
                    report.over_triaged += usize::from(p > o.expected_triage);
                }
                None => {
                    report.errors += 1;
                    report.under_triaged += 1;
                }
            }
            if o.expected_triage == Triage::Emergency {
                report.emergencies += 1;
                report.emergencies_triaged_emergency +=
                    usize::from(o.predicted_triage == Some(Triage::Emergency));
                report.emergencies_triaged_self_care +=
                    usize::from(o.predicted_triage == Some(Triage::SelfCare));
            }
            if o.expects_diagnosis {
                report.diagnosis_cases += 1;
                let rank = o.diagnosis_rank.unwrap_or(usize::MAX);
                report.top1 += usize::from(rank <= 1);
                report.top3 += usize::from(rank <= 3);
                report.top10 += usize::from(rank <= 10);
            }
        }
        report.levels = levels;
        report.outcomes = outcomes;
        report
    }

    pub fn triage_accuracy(&self) -> f64 {
        ratio(self.triage_correct, self.cases)
    }

    /// Share of expected emergencies triaged `emergency`.
    pub fn emergency_sensitivity(&self) -> f64 {
        ratio(self.emergencies_triaged_emergency, self.emergencies)
    }

    /// Share of cases triaged less urgently than expected.
    pub fn under_triage_rate(&self) -> f64 {
        ratio(self.under_triaged, self.cases)
    }

    /// Share of cases triaged more urgently than expected.
    pub fn over_triage_rate(&self) -> f64 {
        ratio(self.over_triaged, self.cases)
    }

    /// Accuracy for one expected level.
    pub fn level_accuracy(&self, level: Triage) -> f64 {
        self.levels
            .iter()
            .find(|l| l.level == level)
            .map_or(0.0, |l| ratio(l.correct, l.cases))
    }

    /// Share of cases with an expected diagnosis that list it in the top `k` (k = 1, 3 or 10).
    pub fn top_k(&self, k: usize) -> f64 {
        let hits = match k {
            1 => self.top1,
            3 => self.top3,
            _ => self.top10,
        };
        ratio(hits, self.diagnosis_cases)
    }
}

fn pct(x: f64) -> String {
    format!("{:5.1} %", x * 100.0)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Triage evaluation: {} cases ({} rejected)",
            self.cases, self.errors
        )?;
        writeln!(f, "{:-<64}", "")?;
        writeln!(f, "{:<36} {:>12} {:>12}", "measure", "value", "count")?;
        writeln!(f, "{:-<64}", "")?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, value: f64, count: String| {
            writeln!(f, "{:<36} {:>12} {:>12}", name, pct(value), count)
        };
        row(
            f,
            "triage accuracy",
            self.triage_accuracy(),
            format!("{}/{}", self.triage_correct, self.cases),
        )?;
        for l in &self.levels {
            row(
                f,
                &format!("  expected {}", l.level.as_str()),
                self.level_accuracy(l.level),
                format!("{}/{}", l.correct, l.cases),
            )?;
        }
        row(
            f,
            "emergency sensitivity",
            self.emergency_sensitivity(),
            format!(
                "{}/{}",
                self.emergencies_triaged_emergency, self.emergencies
            ),
        )?;
        writeln!(
            f,
            "{:<36} {:>12} {:>12}",
            "emergencies triaged self_care", self.emergencies_triaged_self_care, ""
        )?;
        row(
            f,
            "under-triage rate",
            self.under_triage_rate(),
            format!("{}/{}", self.under_triaged, self.cases),
        )?;
        row(
            f,
            "over-triage rate",
            self.over_triage_rate(),
            format!("{}/{}", self.over_triaged, self.cases),
        )?;
        row(
            f,
            "diagnosis in top 1",
            self.top_k(1),
            format!("{}/{}", self.top1, self.diagnosis_cases),
        )?;
        row(
            f,
            "diagnosis in top 3",
            self.top_k(3),
            format!("{}/{}", self.top3, self.diagnosis_cases),
        )?;
        row(
            f,
            "diagnosis in top 10",
            self.top_k(10),
            format!("{}/{}", self.top10, self.diagnosis_cases),
        )?;
        writeln!(f, "{:-<64}", "")?;
        writeln!(
            f,
            "confusion (rows expected, columns predicted: self_care see_doctor urgent emergency)"
        )?;
        for l in &self.levels {
            let [a, b, c, d] = l.predicted;
            writeln!(f, "  {:<12} {a:>6} {b:>6} {c:>6} {d:>6}", l.level.as_str())?;
        }
        let misses: Vec<&CaseOutcome> = self
            .outcomes
            .iter()
            .filter(|o| {
                o.predicted_triage != Some(o.expected_triage)
                    || (o.expects_diagnosis && o.diagnosis_rank.is_none_or(|r| r > 3))
            })
            .collect();
        if !misses.is_empty() {
            writeln!(f, "{:-<64}", "")?;
            writeln!(
                f,
                "cases with a triage miss or the diagnosis outside the top 3:"
            )?;
            for o in misses {
                let predicted = o.predicted_triage.map_or("error", Triage::as_str);
                let rank = o.diagnosis_rank.map_or("-".to_owned(), |r| r.to_string());
                let top: Vec<&str> = o.top_conditions.iter().map(ConditionId::as_str).collect();
                writeln!(
                    f,
                    "  {:<6} expected {:<10} got {:<10} dx rank {:>2}  top: {}",
                    o.id,
                    o.expected_triage.as_str(),
                    predicted,
                    rank,
                    top.join(", ")
                )?;
            }
        }
        Ok(())
    }
}
