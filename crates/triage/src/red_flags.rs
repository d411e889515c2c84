//! Red-flag rules, applied before any ranking: each fired rule sets a minimum urgency that nothing
//! later may lower; rules that could still fire supply the first interview questions.

use crate::evidence::Evidence;
use crate::ids::Fx;
use crate::input::{Person, Vitals};
use crate::kb::{Criterion, KnowledgeBase, Rule};
use crate::output::Triage;

/// The outcome of the rules for one evaluation.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RedFlags {
    /// Indices of fired rules, in rule order.
    pub fired: Vec<usize>,
    /// The highest minimum among fired rules.
    pub minimum: Option<Triage>,
    /// Whether a crisis (suicidal ideation) rule fired.
    pub crisis: bool,
}

fn holds(criterion: &Criterion, evidence: &Evidence, vitals: &Vitals) -> bool {
    match *criterion {
        Criterion::Finding(fx) => evidence.is_present(fx),
        Criterion::Vital { field, op, limit } => {
            vitals.get(field).is_some_and(|v| op.test(v, limit))
        }
    }
}

fn fires(rule: &Rule, person: &Person, evidence: &Evidence, vitals: &Vitals) -> bool {
    rule.applies_to_age(person.age_years)
        && rule.all.iter().all(|c| holds(c, evidence, vitals))
        && rule
            .any
            .iter()
            .filter(|c| holds(c, evidence, vitals))
            .count()
            >= rule.min_any
}

/// Applies every rule.
pub(crate) fn evaluate(
    kb: &KnowledgeBase,
    person: &Person,
    evidence: &Evidence,
    vitals: &Vitals,
) -> RedFlags {
    let mut flags = RedFlags::default();
    for (i, rule) in kb.rules.iter().enumerate() {
        if fires(rule, person, evidence, vitals) {
            flags.fired.push(i);
            flags.minimum = flags.minimum.max(Some(rule.min));
            flags.crisis |= rule.crisis;
        }
    }
    flags
}

/// Findings worth asking about, first to last, because a rule stricter than `current` could still fire.
pub(crate) fn screening_candidates(
    kb: &KnowledgeBase,
    person: &Person,
    evidence: &Evidence,
    vitals: &Vitals,
    current: Triage,
) -> Vec<Fx> {
    let askable = |fx: Fx| {
        let f = kb.finding(fx);
        f.ask
            && f.group.is_none()
            && f.applies_to(person.age_years, person.sex)
            && evidence.get(fx).is_none()
            && !evidence.was_asked(fx)
    };
    let mut out: Vec<Fx> = Vec::new();
    for rule in &kb.rules {
        if rule.min <= current
            || !rule.applies_to_age(person.age_years)
            || fires(rule, person, evidence, vitals)
        {
            continue;
        }
        let possible = |c: &Criterion| match *c {
            Criterion::Finding(fx) => !evidence.is_absent(fx),
            Criterion::Vital { .. } => holds(c, evidence, vitals),
        };
        if !rule.all.iter().all(possible)
            || rule.any.iter().filter(|c| possible(c)).count() < rule.min_any
        {
            continue;
        }
        let all_present = rule
            .all
            .iter()
            .any(|c| matches!(c, Criterion::Finding(fx) if evidence.is_present(*fx)));
        let relevant = if rule.screen_any_complaint {
            evidence.any_complaint(kb)
        } else if rule.screen_if.is_empty() {
            all_present
        } else {
            all_present || rule.screen_if.iter().any(|fx| evidence.is_present(*fx))
        };
        if !relevant {
            continue;
        }
        let items = rule.all.iter().chain(&rule.any);
        for criterion in items {
            if let Criterion::Finding(fx) = *criterion
                && askable(fx)
                && !out.contains(&fx)
            {
                out.push(fx);
            }
        }
    }
    out
}
