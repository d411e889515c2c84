//! The ranking model: naive Bayes over the knowledge base's conditions with noisy-OR likelihoods
//! (a leak probability explains findings a condition does not), plus an "unexplained" hypothesis.

mod triage;

pub(crate) use triage::triage;

use crate::evidence::Evidence;
use crate::ids::Cx;
use crate::input::{Person, Sex};
use crate::kb::{KnowledgeBase, age_band};
use crate::output::Triage;

/// Prior mass of "none of the knowledge base's conditions" relative to all conditions together.
pub(crate) const UNEXPLAINED_SHARE: f64 = 0.10;

/// Posterior mass of conditions at least this urgent that raises triage to that level
/// (emergency, urgent, see a doctor). Chosen on the development set as global thresholds.
pub(crate) const TRIAGE_THRESHOLDS: [(Triage, f64); 3] = [
    (Triage::Emergency, 0.20),
    (Triage::Urgent, 0.45),
    (Triage::SeeDoctor, 0.50),
];

/// Probabilities of each condition, and of the unexplained hypothesis.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Posterior {
    pub probs: Vec<f64>,
    pub unexplained: f64,
}

impl Posterior {
    /// Conditions by decreasing probability (ties by id, so results are deterministic).
    pub(crate) fn ranked(&self, kb: &KnowledgeBase) -> Vec<Cx> {
        let mut order: Vec<Cx> = (0..self.probs.len()).map(Cx).collect();
        order.sort_by(|a, b| {
            self.probs[b.0]
                .total_cmp(&self.probs[a.0])
                .then_with(|| kb.condition(*a).id.cmp(&kb.condition(*b).id))
        });
        order
    }

    /// The largest condition probability.
    pub(crate) fn top(&self) -> f64 {
        self.probs.iter().copied().fold(0.0, f64::max)
    }
}

/// The prior weight of a condition for this person.
pub(crate) fn prior(kb: &KnowledgeBase, cx: Cx, person: &Person) -> f64 {
    let c = kb.condition(cx);
    let sex = match person.sex {
        Sex::Female => c.female_weight,
        Sex::Male => c.male_weight,
        Sex::Other => (c.female_weight + c.male_weight) / 2.0,
    };
    c.prior * c.age_weights[age_band(person.age_years)] * sex
}

/// Log-likelihood terms for hypothetical P(finding | hypothesis) values.
fn log_likelihood(p_present: impl Fn(usize) -> f64, evidence: &Evidence) -> f64 {
    evidence
        .known()
        .map(|(fx, o)| {
            let p = p_present(fx.0).clamp(1e-9, 1.0 - 1e-9);
            if o.present { p.ln() } else { (1.0 - p).ln() }
        })
        .sum()
}

/// The posterior over conditions given the evidence.
pub(crate) fn posterior(kb: &KnowledgeBase, person: &Person, evidence: &Evidence) -> Posterior {
    let priors: Vec<f64> = (0..kb.conditions.len())
        .map(|i| prior(kb, Cx(i), person))
        .collect();
    let total_prior: f64 = priors.iter().sum();
    let mut logs: Vec<f64> = priors
        .iter()
        .zip(&kb.conditions)
        .map(|(p, c)| {
            if *p > 0.0 {
                p.ln() + log_likelihood(|f| c.likelihood[f], evidence)
            } else {
                f64::NEG_INFINITY
            }
        })
        .collect();
    logs.push(
        (UNEXPLAINED_SHARE * total_prior).ln() + log_likelihood(|f| kb.findings[f].leak, evidence),
    );
    let max = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let weights: Vec<f64> = logs.iter().map(|l| (l - max).exp()).collect();
    let sum: f64 = weights.iter().sum();
    let mut probs: Vec<f64> = weights.iter().map(|w| w / sum).collect();
    let unexplained = probs.pop().unwrap_or(0.0);
    Posterior { probs, unexplained }
}

/// Fixtures shared by the model's tests.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;
    use crate::input::Language;
    use crate::kb::knowledge_base;
    use crate::text::Understanding;

    pub(crate) fn person(age: f64, sex: Sex) -> Person {
        Person {
            age_years: age,
            sex,
            pregnant: None,
            language: Language::En,
        }
    }

    /// Evidence for a 30-year-old man with these findings present and absent.
    pub(crate) fn evidence(present: &[&str], absent: &[&str]) -> Evidence {
        let kb = knowledge_base().expect("kb");
        let mut understood = Understanding::default();
        for id in present {
            understood
                .findings
                .insert(kb.fx(id).expect("finding"), true);
        }
        for id in absent {
            understood
                .findings
                .insert(kb.fx(id).expect("finding"), false);
        }
        Evidence::build(
            kb,
            &person(30.0, Sex::Male),
            &understood,
            &crate::input::Vitals::default(),
            &[],
        )
        .expect("evidence")
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{evidence, person};
    use super::*;
    use crate::kb::knowledge_base;

    #[test]
    fn the_posterior_sums_to_one() {
        let kb = knowledge_base().expect("kb");
        let post = posterior(
            kb,
            &person(30.0, Sex::Male),
            &evidence(&["fever", "headache"], &["cough"]),
        );
        let total: f64 = post.probs.iter().sum::<f64>() + post.unexplained;
        assert!((total - 1.0).abs() < 1e-9);
    }

    #[test]
    fn conditions_impossible_for_the_person_get_no_probability() {
        let kb = knowledge_base().expect("kb");
        let post = posterior(
            kb,
            &person(30.0, Sex::Male),
            &evidence(&["vomiting", "nausea"], &[]),
        );
        let morning_sickness = kb
            .conditions
            .iter()
            .position(|c| c.id.as_str() == "morning_sickness")
            .expect("condition");
        assert_eq!(post.probs[morning_sickness], 0.0);
    }
}
