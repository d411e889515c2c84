//! Urgency from the ranking, made monotone: the most urgent reading of any small subset of the
//! present symptoms, so that saying more can never lower urgency.

use super::{TRIAGE_THRESHOLDS, UNEXPLAINED_SHARE, prior};
use crate::evidence::Evidence;
use crate::ids::Cx;
use crate::input::Person;
use crate::kb::KnowledgeBase;
use crate::output::Triage;

/// Most symptoms, and most context facts, combined in one subset when looking for the most
/// urgent reading of the evidence.
const SUBSET_SYMPTOMS: usize = 3;
const SUBSET_CONTEXT: usize = 2;

/// The level whose cumulative posterior mass first passes its threshold, most urgent first.
/// `logs` holds unnormalised log-weights of every condition, then of the unexplained hypothesis,
/// which counts as "see a doctor" (the safer reading).
fn level_of(logs: &[f64], urgency: &[Triage]) -> Triage {
    let max = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut mass = [0.0_f64; 4];
    let mut total = 0.0;
    for (i, log) in logs.iter().enumerate() {
        let w = (log - max).exp();
        total += w;
        mass[urgency.get(i).copied().unwrap_or(Triage::SeeDoctor).rank()] += w;
    }
    let at_least = |level: Triage| mass[level.rank()..].iter().sum::<f64>() / total;
    TRIAGE_THRESHOLDS
        .iter()
        .find(|(level, threshold)| at_least(*level) >= *threshold)
        .map_or(Triage::SelfCare, |(level, _)| *level)
}

/// Index combinations of `0..n` with sizes in `sizes`.
fn combinations(n: usize, sizes: std::ops::RangeInclusive<usize>) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut stack: Vec<(Vec<usize>, usize)> = vec![(Vec::new(), 0)];
    while let Some((chosen, next)) = stack.pop() {
        if sizes.contains(&chosen.len()) {
            out.push(chosen.clone());
        }
        if chosen.len() < *sizes.end() {
            for i in next..n {
                let mut more = chosen.clone();
                more.push(i);
                stack.push((more, i + 1));
            }
        }
    }
    out
}

/// The urgency the ranking suggests: the most urgent level reached by the posterior given any
/// small subset of the present symptoms (with any few context facts, and every denied finding).
///
/// Taking the maximum over subsets makes triage monotone: a further symptom can never "explain
/// away" a dangerous reading of the others, so saying more never lowers urgency. Denied findings
/// are always used, so "no" answers can still rule conditions out.
pub(crate) fn triage(kb: &KnowledgeBase, person: &Person, evidence: &Evidence) -> Triage {
    let n = kb.conditions.len();
    let priors: Vec<f64> = (0..n).map(|i| prior(kb, Cx(i), person)).collect();
    let total_prior: f64 = priors.iter().sum();
    let likelihood = |h: usize, f: usize| -> f64 {
        let p = if h < n {
            kb.conditions[h].likelihood[f]
        } else {
            kb.findings[f].leak
        };
        p.clamp(1e-9, 1.0 - 1e-9)
    };
    let mut base: Vec<f64> = priors
        .iter()
        .map(|p| if *p > 0.0 { p.ln() } else { f64::NEG_INFINITY })
        .collect();
    base.push((UNEXPLAINED_SHARE * total_prior).ln());
    let (mut symptoms, mut context) = (Vec::new(), Vec::new());
    for (fx, o) in evidence.known() {
        let finding = kb.finding(fx);
        if !o.present && finding.group.is_some() {
            // The present member of an exclusive group (e.g. "over two weeks") carries the
            // information; its siblings' absence must not make saying more lower urgency.
            continue;
        }
        if !o.present {
            base.iter_mut()
                .enumerate()
                .for_each(|(h, b)| *b += (1.0 - likelihood(h, fx.0)).ln());
        } else if finding.context {
            context.push(fx.0);
        } else {
            symptoms.push(fx.0);
        }
    }
    let urgency: Vec<Triage> = kb.conditions.iter().map(|c| c.urgency).collect();
    let mut best = Triage::SelfCare;
    let mut logs = vec![0.0; n + 1];
    for context_part in combinations(context.len(), 0..=SUBSET_CONTEXT) {
        for symptom_part in combinations(symptoms.len(), 1..=SUBSET_SYMPTOMS) {
            let findings = context_part
                .iter()
                .map(|i| context[*i])
                .chain(symptom_part.iter().map(|i| symptoms[*i]));
            logs.copy_from_slice(&base);
            for f in findings {
                logs.iter_mut()
                    .enumerate()
                    .for_each(|(h, l)| *l += likelihood(h, f).ln());
            }
            best = best.max(level_of(&logs, &urgency));
            if best == Triage::Emergency {
                return best;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Sex;
    use crate::kb::knowledge_base;
    use crate::model::fixtures::{evidence, person};

    #[test]
    fn an_explaining_away_symptom_does_not_lower_triage() {
        let kb = knowledge_base().expect("kb");
        let p = person(30.0, Sex::Male);
        let dengue_like = triage(
            kb,
            &p,
            &evidence(&["fever", "body_ache", "eye_pain", "rash"], &[]),
        );
        let plus_cold = triage(
            kb,
            &p,
            &evidence(
                &[
                    "fever",
                    "body_ache",
                    "eye_pain",
                    "rash",
                    "runny_nose",
                    "sneezing",
                ],
                &[],
            ),
        );
        assert!(dengue_like >= Triage::Urgent);
        assert!(plus_cold >= dengue_like);
    }

    #[test]
    fn a_denied_finding_can_rule_out_an_urgent_reading() {
        let kb = knowledge_base().expect("kb");
        let p = person(30.0, Sex::Male);
        let cold = triage(
            kb,
            &p,
            &evidence(&["runny_nose", "sneezing", "sore_throat"], &["fever"]),
        );
        assert_eq!(cold, Triage::SelfCare);
    }

    #[test]
    fn combinations_enumerate_every_subset_in_range() {
        assert_eq!(combinations(4, 1..=2).len(), 4 + 6);
        assert_eq!(combinations(3, 0..=2).len(), 1 + 3 + 3);
        assert_eq!(combinations(0, 1..=3).len(), 0);
    }
}
