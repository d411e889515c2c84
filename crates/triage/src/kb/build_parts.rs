//! Builders for one condition (dense noisy-OR likelihoods) and one red-flag rule (parsed criteria).

use super::schema::{RawCondition, RawLikelihood, RawRule};
use super::{AGE_BANDS, Condition, Criterion, Finding, Op, Rule};
use crate::ids::{ConditionId, Fx, RuleId};
use crate::input::VitalField;
use crate::output::Bilingual;
use std::collections::HashMap;

/// Smallest P(finding | condition) for a group member the condition does not list.
pub(crate) const GROUP_FLOOR: f64 = 0.005;

fn text(raw: &super::schema::RawText) -> Bilingual {
    Bilingual {
        en: raw.en.trim().to_owned(),
        hi: raw.hi.trim().to_owned(),
    }
}

pub(super) fn build_condition(
    raw: &RawCondition,
    findings: &[Finding],
    index: &HashMap<String, Fx>,
    problems: &mut Vec<String>,
) -> Condition {
    let mut listed = Vec::new();
    for entry in &raw.findings {
        let (id, p, src) = match entry {
            RawLikelihood::Sourced(id, p, src) => (id, *p, src.clone()),
            RawLikelihood::Plain(id, p) => (id, *p, raw.src.clone()),
        };
        match index.get(id.as_str()) {
            Some(fx) => listed.push((*fx, p, src)),
            None => problems.push(format!(
                "condition `{}` refers to unknown finding `{id}`",
                raw.id
            )),
        }
    }
    let likelihood = dense_likelihood(&listed, findings);
    let mut age_weights = [1.0; 7];
    for (band, weight) in &raw.age {
        match AGE_BANDS.iter().position(|(name, _)| name == band) {
            Some(i) => age_weights[i] = *weight,
            None => problems.push(format!(
                "condition `{}` has unknown age band `{band}`",
                raw.id
            )),
        }
    }
    let (mut female_weight, mut male_weight) = (1.0, 1.0);
    for (sex, weight) in &raw.sex {
        match sex.as_str() {
            "female" => female_weight = *weight,
            "male" => male_weight = *weight,
            other => problems.push(format!("condition `{}` has unknown sex `{other}`", raw.id)),
        }
    }
    Condition {
        id: ConditionId::new(raw.id.clone()),
        icd10: raw.icd10.trim().to_owned(),
        name: text(&raw.name),
        urgency: raw.urgency,
        prior: raw.prior.p,
        prior_source: raw.prior.src.clone(),
        age_weights,
        female_weight,
        male_weight,
        likelihood,
        listed,
        advice: text(&raw.advice),
    }
}

fn parse_criterion(item: &str, index: &HashMap<String, Fx>) -> Result<Criterion, String> {
    for (symbol, op) in [("<=", Op::Le), (">=", Op::Ge), ("<", Op::Lt), (">", Op::Gt)] {
        if let Some((field, limit)) = item.split_once(symbol) {
            let field = VitalField::parse(field.trim())
                .ok_or_else(|| format!("unknown vital sign in `{item}`"))?;
            let limit = limit
                .trim()
                .parse::<f64>()
                .map_err(|_| format!("bad number in `{item}`"))?;
            return Ok(Criterion::Vital { field, op, limit });
        }
    }
    index
        .get(item)
        .map(|fx| Criterion::Finding(*fx))
        .ok_or_else(|| format!("unknown finding `{item}`"))
}

pub(super) fn build_rule(
    raw: &RawRule,
    index: &HashMap<String, Fx>,
    problems: &mut Vec<String>,
) -> Rule {
    let mut criteria = |items: &[String]| -> Vec<Criterion> {
        items
            .iter()
            .filter_map(|item| {
                parse_criterion(item, index)
                    .map_err(|e| problems.push(format!("rule `{}`: {e}", raw.id)))
                    .ok()
            })
            .collect()
    };
    let all = criteria(&raw.all);
    let any = criteria(&raw.any);
    let screen_any_complaint = raw.screen_if.iter().any(|s| s == "*");
    let screen_if = raw
        .screen_if
        .iter()
        .filter(|s| s.as_str() != "*")
        .filter_map(|id| {
            let fx = index.get(id.as_str()).copied();
            if fx.is_none() {
                problems.push(format!(
                    "rule `{}` screens on unknown finding `{id}`",
                    raw.id
                ));
            }
            fx
        })
        .collect();
    Rule {
        id: RuleId::new(raw.id.clone()),
        label: text(&raw.label),
        min: raw.min,
        source: raw.src.clone(),
        crisis: raw.crisis,
        age_min: raw.age_min,
        age_max: raw.age_max,
        min_any: raw.min_any.unwrap_or(if any.is_empty() { 0 } else { 1 }),
        all,
        any,
        screen_any_complaint,
        screen_if,
    }
}

/// P(finding present | condition) for every finding. Listed findings combine with the leak
/// (noisy-OR); unlisted ones get the leak. In an exclusive group (duration) the listed values are
/// a categorical distribution whose remainder is shared by the unlisted members in proportion to
/// their leaks.
fn dense_likelihood(listed: &[(Fx, f64, String)], findings: &[Finding]) -> Vec<f64> {
    let own = |i: usize| {
        listed
            .iter()
            .find(|(fx, _, _)| fx.0 == i)
            .map(|(_, p, _)| *p)
    };
    findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let group_members = |g: usize| {
                findings
                    .iter()
                    .enumerate()
                    .filter(move |(_, m)| m.group == Some(g))
                    .map(|(j, _)| j)
            };
            match (f.group, own(i)) {
                (Some(g), own_p) if group_members(g).any(|j| own(j).is_some()) => own_p
                    .unwrap_or_else(|| {
                        let listed_sum: f64 = group_members(g).filter_map(own).sum();
                        let unlisted_leak: f64 = group_members(g)
                            .filter(|j| own(*j).is_none())
                            .map(|j| findings[j].leak)
                            .sum();
                        ((1.0 - listed_sum).max(0.0) * f.leak / unlisted_leak).max(GROUP_FLOOR)
                    }),
                (_, Some(p)) => 1.0 - (1.0 - p) * (1.0 - f.leak),
                (_, None) => f.leak,
            }
        })
        .collect()
}
