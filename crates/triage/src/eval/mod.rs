//! Evaluation on written case vignettes: triage accuracy, emergency safety and diagnostic accuracy,
//! for `mysehat eval triage FILE.json` and the diagnostics page.

mod report;

pub use report::{CaseOutcome, LevelStats, Report};

use crate::engine;
use crate::error::EvalError;
use crate::input::{Answer, Input, Language, Sex, Vitals};
use crate::output::{Output, Triage};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use utoipa::ToSchema;

/// One vignette with the answer a clinician expects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    #[serde(default)]
    pub age: Option<f64>,
    #[serde(default)]
    pub age_months: Option<f64>,
    pub sex: Sex,
    #[serde(default)]
    pub pregnant: Option<bool>,
    pub text: String,
    #[serde(default)]
    pub language: Option<Language>,
    /// Answers a health worker would already have given.
    #[serde(default)]
    pub answers: Vec<Answer>,
    #[serde(default)]
    pub vitals: Option<Vitals>,
    pub expected_triage: Triage,
    /// Accepted diagnoses: condition ids or ICD-10 codes (a code matches longer codes it prefixes).
    #[serde(default)]
    pub expected_diagnosis: Vec<String>,
}

impl Case {
    /// The request this case stands for.
    pub fn input(&self) -> Input {
        Input {
            age: self.age,
            age_months: self.age_months,
            sex: self.sex,
            pregnant: self.pregnant,
            text: self.text.clone(),
            language: self.language.unwrap_or_default(),
            answers: self.answers.clone(),
            vitals: self.vitals,
        }
    }

    /// Rank (1-based) of the first listed condition matching an expected diagnosis.
    pub fn diagnosis_rank(&self, output: &Output) -> Option<usize> {
        let accepts = |id: &str, icd10: &str| {
            self.expected_diagnosis.iter().any(|e| {
                let e = e.trim();
                id.eq_ignore_ascii_case(e)
                    || icd10
                        .to_ascii_uppercase()
                        .starts_with(&e.to_ascii_uppercase())
            })
        };
        output
            .conditions
            .iter()
            .position(|c| accepts(c.id.as_str(), &c.icd10))
            .map(|i| i + 1)
    }
}

/// Parses a JSON array of cases.
pub fn load_cases(json: &str) -> Result<Vec<Case>, EvalError> {
    let cases: Vec<Case> =
        serde_json::from_str(json).map_err(|e| EvalError::Json(e.to_string()))?;
    let mut ids = HashSet::new();
    for case in &cases {
        if !ids.insert(case.id.as_str()) {
            return Err(EvalError::DuplicateCase(case.id.clone()));
        }
    }
    Ok(cases)
}

/// Evaluates every case without any interaction beyond the answers the case carries.
pub fn run(cases: &[Case]) -> Report {
    let outcomes = cases
        .iter()
        .map(|case| match engine::evaluate(&case.input()) {
            Ok(output) => CaseOutcome {
                id: case.id.clone(),
                expected_triage: case.expected_triage,
                predicted_triage: Some(output.triage),
                expects_diagnosis: !case.expected_diagnosis.is_empty(),
                diagnosis_rank: case.diagnosis_rank(&output),
                top_conditions: output
                    .conditions
                    .iter()
                    .take(3)
                    .map(|c| c.id.clone())
                    .collect(),
                red_flags: output.red_flags.iter().map(|f| f.id.clone()).collect(),
                error: None,
            },
            Err(e) => CaseOutcome {
                id: case.id.clone(),
                expected_triage: case.expected_triage,
                predicted_triage: None,
                expects_diagnosis: !case.expected_diagnosis.is_empty(),
                diagnosis_rank: None,
                top_conditions: Vec::new(),
                red_flags: Vec::new(),
                error: Some(e.to_string()),
            },
        })
        .collect();
    Report::from_outcomes(outcomes)
}
