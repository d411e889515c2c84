//! Serde shapes of the knowledge-base files exactly as written; `build` turns them into indexed tables.

use crate::output::Triage;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawText {
    pub en: String,
    pub hi: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSources {
    pub version: String,
    pub sources: BTreeMap<String, RawSource>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    pub kind: String,
    pub citation: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFindings {
    pub version: String,
    pub leak_src: String,
    pub finding: Vec<RawFinding>,
    #[serde(default)]
    pub choice_question: Vec<RawChoiceQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFinding {
    pub id: String,
    pub en: String,
    pub hi: String,
    pub q: RawText,
    pub leak: f64,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub sex: Option<String>,
    #[serde(default)]
    pub min_age: Option<f64>,
    #[serde(default)]
    pub max_age: Option<f64>,
    #[serde(default)]
    pub implies: Vec<String>,
    #[serde(default = "yes")]
    pub ask: bool,
    #[serde(default)]
    pub context: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChoiceQuestion {
    pub id: String,
    pub group: String,
    pub q: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConditionFile {
    pub version: String,
    pub condition: Vec<RawCondition>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCondition {
    pub id: String,
    pub icd10: String,
    pub name: RawText,
    pub urgency: Triage,
    pub prior: RawPrior,
    #[serde(default)]
    pub age: BTreeMap<String, f64>,
    #[serde(default)]
    pub sex: BTreeMap<String, f64>,
    pub src: String,
    pub findings: Vec<RawLikelihood>,
    pub advice: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPrior {
    pub p: f64,
    pub src: String,
}

/// `[finding, p]` (source: the condition's `src`) or `[finding, p, source]`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum RawLikelihood {
    Sourced(String, f64, String),
    Plain(String, f64),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRules {
    pub version: String,
    pub rule: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRule {
    pub id: String,
    pub label: RawText,
    pub min: Triage,
    pub src: String,
    #[serde(default)]
    pub crisis: bool,
    #[serde(default)]
    pub age_min: Option<f64>,
    #[serde(default)]
    pub age_max: Option<f64>,
    #[serde(default)]
    pub all: Vec<String>,
    #[serde(default)]
    pub any: Vec<String>,
    #[serde(default)]
    pub min_any: Option<usize>,
    #[serde(default)]
    pub screen_if: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTerms {
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub hi: Vec<String>,
    #[serde(default)]
    pub rom: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLexicon {
    pub version: String,
    pub f: BTreeMap<String, RawTerms>,
    pub site: BTreeMap<String, RawTerms>,
    #[serde(rename = "mod")]
    pub modifier: BTreeMap<String, RawTerms>,
    pub combine: BTreeMap<String, String>,
    pub unpaired: BTreeMap<String, String>,
    pub pregnancy_bleeding: RawPregnancyBleeding,
    pub fallback: BTreeMap<String, String>,
    pub severe_variant: BTreeMap<String, String>,
    pub severity: RawTerms,
    pub mild: RawTerms,
    pub negation: RawNegation,
    pub duration: RawDuration,
    pub readings: RawReadings,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPregnancyBleeding {
    pub modifier: String,
    pub finding: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNegation {
    pub pre_window: usize,
    pub post_window: usize,
    pub pre: RawTerms,
    pub post: RawTerms,
    pub both: RawTerms,
    pub pseudo: RawTerms,
    pub boundary: RawTerms,
    pub stop_post: RawTerms,
    pub stop_pre: RawTerms,
    pub conjunctions: RawTerms,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDuration {
    pub units: BTreeMap<String, RawDurationTerms>,
    pub numbers: BTreeMap<String, RawNumberTerms>,
    pub phrases: BTreeMap<String, RawDurationTerms>,
    pub ago: RawTerms,
    pub every: RawTerms,
    pub age_markers: RawTerms,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDurationTerms {
    pub days: f64,
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub hi: Vec<String>,
    #[serde(default)]
    pub rom: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNumberTerms {
    pub value: f64,
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub hi: Vec<String>,
    #[serde(default)]
    pub rom: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawReadings {
    pub temperature: RawTerms,
    pub bp: RawTerms,
    pub sugar: RawTerms,
    pub oxygen: RawTerms,
    pub pulse: RawTerms,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTexts {
    pub version: String,
    pub level: BTreeMap<String, RawText>,
    pub not_understood: RawText,
    pub crisis: RawText,
    pub disclaimer: RawText,
    pub helplines: BTreeMap<String, RawHelpline>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawHelpline {
    pub number: String,
    pub name: RawText,
}
