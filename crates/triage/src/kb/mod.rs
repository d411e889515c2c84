//! The knowledge base: symptom vocabulary, conditions, red-flag rules, lexicon and texts,
//! embedded as data files, parsed and validated once.

mod build;
mod build_parts;
pub(crate) mod schema;
#[cfg(test)]
mod tests;
mod types;
mod validate;

pub use types::{Condition, Finding, Rule, Source};
pub(crate) use types::{Criterion, Group, Op, Texts};

use crate::error::KbError;
use crate::ids::{Cx, Fx};
use crate::lexicon::Lexicon;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// The embedded data files, by name.
pub(crate) const FILES: [(&str, &str); 12] = [
    ("sources.toml", include_str!("../../kb/sources.toml")),
    ("findings.toml", include_str!("../../kb/findings.toml")),
    ("lexicon.toml", include_str!("../../kb/lexicon.toml")),
    ("red_flags.toml", include_str!("../../kb/red_flags.toml")),
    ("texts.toml", include_str!("../../kb/texts.toml")),
    (
        "conditions/fevers.toml",
        include_str!("../../kb/conditions/fevers.toml"),
    ),
    (
        "conditions/infections.toml",
        include_str!("../../kb/conditions/infections.toml"),
    ),
    (
        "conditions/heart_lungs_metabolic.toml",
        include_str!("../../kb/conditions/heart_lungs_metabolic.toml"),
    ),
    (
        "conditions/gut_kidney.toml",
        include_str!("../../kb/conditions/gut_kidney.toml"),
    ),
    (
        "conditions/brain_mind.toml",
        include_str!("../../kb/conditions/brain_mind.toml"),
    ),
    (
        "conditions/women_children.toml",
        include_str!("../../kb/conditions/women_children.toml"),
    ),
    (
        "conditions/skin_bones_injury.toml",
        include_str!("../../kb/conditions/skin_bones_injury.toml"),
    ),
];

/// Age bands used by priors, youngest first, with their upper limits in years.
pub(crate) const AGE_BANDS: [(&str, f64); 7] = [
    ("neonate", 2.0 / 12.0),
    ("infant", 1.0),
    ("toddler", 5.0),
    ("child", 15.0),
    ("adult", 40.0),
    ("middle", 65.0),
    ("elderly", f64::INFINITY),
];

/// The age band index of an age in years.
pub(crate) fn age_band(age_years: f64) -> usize {
    AGE_BANDS
        .iter()
        .position(|(_, upper)| age_years < *upper)
        .unwrap_or(AGE_BANDS.len() - 1)
}

/// Everything the engine knows, loaded from the embedded data.
#[derive(Debug, Clone)]
pub struct KnowledgeBase {
    pub(crate) version: String,
    pub(crate) sources: BTreeMap<String, Source>,
    pub(crate) findings: Vec<Finding>,
    pub(crate) finding_index: HashMap<String, Fx>,
    pub(crate) groups: Vec<Group>,
    pub(crate) conditions: Vec<Condition>,
    pub(crate) rules: Vec<Rule>,
    pub(crate) lexicon: Lexicon,
    pub(crate) texts: Texts,
}

impl KnowledgeBase {
    /// Parses and validates a set of data files (the embedded ones, or test variants).
    pub(crate) fn from_files(
        files: &[(&'static str, &'static str)],
    ) -> Result<KnowledgeBase, KbError> {
        let kb = build::build(files)?;
        validate::validate(&kb, files)?;
        Ok(kb)
    }

    /// Version of the knowledge base data.
    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn conditions(&self) -> &[Condition] {
        &self.conditions
    }

    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The citation behind a source id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.get(id)
    }

    pub(crate) fn finding(&self, fx: Fx) -> &Finding {
        &self.findings[fx.0]
    }

    pub(crate) fn condition(&self, cx: Cx) -> &Condition {
        &self.conditions[cx.0]
    }

    pub(crate) fn fx(&self, id: &str) -> Option<Fx> {
        self.finding_index.get(id).copied()
    }

    /// A source id rendered as its citation, for the API.
    pub(crate) fn cite(&self, id: &str) -> String {
        self.sources
            .get(id)
            .map_or_else(|| id.to_owned(), |s| s.citation.clone())
    }
}

/// The embedded knowledge base, parsed on first use.
pub fn knowledge_base() -> Result<&'static KnowledgeBase, KbError> {
    static KB: OnceLock<Result<KnowledgeBase, KbError>> = OnceLock::new();
    KB.get_or_init(|| KnowledgeBase::from_files(&FILES))
        .as_ref()
        .map_err(Clone::clone)
}
