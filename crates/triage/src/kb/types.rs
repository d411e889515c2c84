//! The indexed records of the knowledge base: findings, conditions, red-flag rules, sources, texts.

use super::KnowledgeBase;
use crate::ids::{ConditionId, FindingId, Fx, RuleId};
use crate::input::{Sex, VitalField};
use crate::output::{Bilingual, Triage};
use std::collections::BTreeMap;

/// A citation that numbers and rules point to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub kind: String,
    pub citation: String,
}

/// One finding of the symptom vocabulary.
#[derive(Debug, Clone)]
pub struct Finding {
    pub(crate) id: FindingId,
    pub(crate) label: Bilingual,
    pub(crate) question: Bilingual,
    pub(crate) leak: f64,
    /// Source id of the leak probability.
    pub(crate) leak_source: String,
    pub(crate) group: Option<usize>,
    pub(crate) sex: Option<Sex>,
    pub(crate) min_age: Option<f64>,
    pub(crate) max_age: Option<f64>,
    pub(crate) implies: Vec<Fx>,
    pub(crate) ask: bool,
    /// A risk factor, exposure or timing rather than a symptom.
    pub(crate) context: bool,
}

impl Finding {
    pub fn id(&self) -> &FindingId {
        &self.id
    }

    pub fn label(&self) -> &Bilingual {
        &self.label
    }

    pub fn question(&self) -> &Bilingual {
        &self.question
    }

    /// P(finding) among people whose condition does not explain it (the noisy-OR leak).
    pub fn leak(&self) -> f64 {
        self.leak
    }

    /// Source id of the leak probability.
    pub fn leak_source(&self) -> &str {
        &self.leak_source
    }

    /// Whether this is a risk factor, exposure or timing rather than a symptom.
    pub fn is_context(&self) -> bool {
        self.context
    }

    /// Whether the interview may ask about it.
    pub fn is_askable(&self) -> bool {
        self.ask && self.group.is_none()
    }

    /// Whether this finding can apply to a person of this age and sex.
    pub(crate) fn applies_to(&self, age_years: f64, sex: Sex) -> bool {
        let sex_ok = match (self.sex, sex) {
            (Some(required), actual) => actual == required || actual == Sex::Other,
            (None, _) => true,
        };
        sex_ok
            && self.min_age.is_none_or(|min| age_years >= min)
            && self.max_age.is_none_or(|max| age_years < max)
    }
}

/// A choice question over a group of mutually exclusive findings.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub id: String,
    pub question: Bilingual,
    pub members: Vec<Fx>,
}

/// One condition with its dense likelihood table.
#[derive(Debug, Clone)]
pub struct Condition {
    pub(crate) id: ConditionId,
    pub(crate) icd10: String,
    pub(crate) name: Bilingual,
    pub(crate) urgency: Triage,
    pub(crate) prior: f64,
    /// Source id of the prior and its age and sex weights.
    pub(crate) prior_source: String,
    pub(crate) age_weights: [f64; 7],
    pub(crate) female_weight: f64,
    pub(crate) male_weight: f64,
    /// P(finding present | condition) for every finding, leak and groups included.
    pub(crate) likelihood: Vec<f64>,
    /// The findings the data lists, with their raw probability and source id.
    pub(crate) listed: Vec<(Fx, f64, String)>,
    pub(crate) advice: Bilingual,
}

impl Condition {
    pub fn id(&self) -> &ConditionId {
        &self.id
    }

    pub fn icd10(&self) -> &str {
        &self.icd10
    }

    pub fn name(&self) -> &Bilingual {
        &self.name
    }

    pub fn urgency(&self) -> Triage {
        self.urgency
    }

    pub fn advice(&self) -> &Bilingual {
        &self.advice
    }

    /// Prior weight for an adult (before age and sex weights).
    pub fn prior(&self) -> f64 {
        self.prior
    }

    /// Source id of the prior and its weights.
    pub fn prior_source(&self) -> &str {
        &self.prior_source
    }

    /// The findings the data lists for this condition: (finding index, P(finding | condition), source id).
    pub fn listed_findings(&self) -> impl Iterator<Item = (usize, f64, &str)> {
        self.listed
            .iter()
            .map(|(fx, p, src)| (fx.0, *p, src.as_str()))
    }
}

/// A comparison in a vital-sign test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    pub(crate) fn test(self, value: f64, limit: f64) -> bool {
        match self {
            Op::Lt => value < limit,
            Op::Le => value <= limit,
            Op::Gt => value > limit,
            Op::Ge => value >= limit,
        }
    }
}

/// One item of a red-flag rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Criterion {
    Finding(Fx),
    Vital {
        field: VitalField,
        op: Op,
        limit: f64,
    },
}

/// A red-flag rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub(crate) id: RuleId,
    pub(crate) label: Bilingual,
    pub(crate) min: Triage,
    pub(crate) source: String,
    pub(crate) crisis: bool,
    pub(crate) age_min: Option<f64>,
    pub(crate) age_max: Option<f64>,
    pub(crate) all: Vec<Criterion>,
    pub(crate) any: Vec<Criterion>,
    pub(crate) min_any: usize,
    pub(crate) screen_any_complaint: bool,
    pub(crate) screen_if: Vec<Fx>,
}

impl Rule {
    pub fn id(&self) -> &RuleId {
        &self.id
    }

    pub fn label(&self) -> &Bilingual {
        &self.label
    }

    pub fn min_triage(&self) -> Triage {
        self.min
    }

    /// Source id of the guideline behind the rule.
    pub fn source_id(&self) -> &str {
        &self.source
    }

    /// Whether firing this rule starts the mental-health crisis flow.
    pub fn is_crisis(&self) -> bool {
        self.crisis
    }

    /// Ids of the findings the rule looks at.
    pub fn finding_ids<'a>(
        &'a self,
        kb: &'a KnowledgeBase,
    ) -> impl Iterator<Item = &'a FindingId> + 'a {
        self.all
            .iter()
            .chain(&self.any)
            .filter_map(move |c| match c {
                Criterion::Finding(fx) => Some(&kb.finding(*fx).id),
                Criterion::Vital { .. } => None,
            })
    }

    /// Whether the rule's age limits include this person (min inclusive, max exclusive).
    pub(crate) fn applies_to_age(&self, age_years: f64) -> bool {
        self.age_min.is_none_or(|min| age_years >= min)
            && self.age_max.is_none_or(|max| age_years < max)
    }
}

/// Fixed texts of the answer.
#[derive(Debug, Clone)]
pub(crate) struct Texts {
    pub level: [Bilingual; 4],
    pub not_understood: Bilingual,
    pub crisis: Bilingual,
    pub disclaimer: Bilingual,
    pub helplines: BTreeMap<String, (String, Bilingual)>,
}
