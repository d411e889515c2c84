//! Chooses the next question: red-flag screening for the complaint first, then the question with
//! the largest expected information gain over the differential, until the answer is clear.

use crate::evidence::Evidence;
use crate::ids::{Fx, QuestionId};
use crate::input::{Person, Vitals};
use crate::kb::KnowledgeBase;
use crate::model::Posterior;
use crate::output::{Choice, Question, QuestionKind, QuestionReason, Triage};
use crate::red_flags;

/// Most questions in one interview.
pub const MAX_QUESTIONS: usize = 12;
/// Stop asking once the top condition is at least this probable (after screening).
pub const STOP_CONFIDENCE: f64 = 0.85;
/// A question must be expected to remove at least this much uncertainty (bits).
const MIN_GAIN_BITS: f64 = 0.02;
/// Only findings of this many leading conditions are considered.
const CANDIDATE_CONDITIONS: usize = 10;

fn entropy(p: &[f64]) -> f64 {
    p.iter().filter(|x| **x > 0.0).map(|x| -x * x.log2()).sum()
}

/// Expected entropy after observing one of several outcomes, each with P(outcome | hypothesis).
fn expected_entropy(prior: &[f64], outcomes: &[Vec<f64>]) -> f64 {
    outcomes
        .iter()
        .map(|likelihood| {
            let joint: Vec<f64> = prior.iter().zip(likelihood).map(|(p, l)| p * l).collect();
            let mass: f64 = joint.iter().sum();
            if mass <= 0.0 {
                return 0.0;
            }
            let conditional: Vec<f64> = joint.iter().map(|j| j / mass).collect();
            mass * entropy(&conditional)
        })
        .sum()
}

fn yes_no(kb: &KnowledgeBase, fx: Fx, reason: QuestionReason) -> Question {
    let f = kb.finding(fx);
    Question {
        id: QuestionId::new(f.id.as_str()),
        kind: QuestionKind::YesNo,
        text: f.question.clone(),
        choices: Vec::new(),
        reason,
    }
}

/// The next question, or `None` when the interview should stop.
pub(crate) fn next_question(
    kb: &KnowledgeBase,
    person: &Person,
    evidence: &Evidence,
    vitals: &Vitals,
    posterior: &Posterior,
    triage: Triage,
) -> Option<Question> {
    if triage == Triage::Emergency || evidence.answered >= MAX_QUESTIONS {
        return None;
    }
    let screening = red_flags::screening_candidates(kb, person, evidence, vitals, triage);
    if let Some(fx) = screening.first() {
        return Some(yes_no(kb, *fx, QuestionReason::RedFlagScreening));
    }
    if posterior.top() >= STOP_CONFIDENCE {
        return None;
    }
    let mut prior: Vec<f64> = posterior.probs.clone();
    prior.push(posterior.unexplained);
    let before = entropy(&prior);
    let leading: Vec<usize> = posterior
        .ranked(kb)
        .iter()
        .take(CANDIDATE_CONDITIONS)
        .map(|c| c.0)
        .collect();
    let column = |fx: Fx| -> Vec<f64> {
        let mut l: Vec<f64> = kb.conditions.iter().map(|c| c.likelihood[fx.0]).collect();
        l.push(kb.finding(fx).leak);
        l
    };
    let mut best: Option<(f64, Question)> = None;
    let mut consider = |gain: f64, question: Question| {
        if gain >= MIN_GAIN_BITS && best.as_ref().is_none_or(|(g, _)| gain > *g + 1e-12) {
            best = Some((gain, question));
        }
    };
    for (i, finding) in kb.findings.iter().enumerate() {
        let fx = Fx(i);
        let listed_by_leader = leading
            .iter()
            .any(|c| kb.conditions[*c].listed.iter().any(|(f, _, _)| *f == fx));
        let askable = finding.ask
            && finding.group.is_none()
            && finding.applies_to(person.age_years, person.sex);
        if !listed_by_leader || !askable || evidence.get(fx).is_some() || evidence.was_asked(fx) {
            continue;
        }
        let yes = column(fx);
        let no: Vec<f64> = yes.iter().map(|p| 1.0 - p).collect();
        consider(
            before - expected_entropy(&prior, &[yes, no]),
            yes_no(kb, fx, QuestionReason::MostInformative),
        );
    }
    for (g, group) in kb.groups.iter().enumerate() {
        if evidence.group_asked(g) || group.members.iter().any(|m| evidence.get(*m).is_some()) {
            continue;
        }
        let outcomes: Vec<Vec<f64>> = group.members.iter().map(|m| column(*m)).collect();
        let question = Question {
            id: QuestionId::new(group.id.clone()),
            kind: QuestionKind::Choice,
            text: group.question.clone(),
            choices: group
                .members
                .iter()
                .map(|m| Choice {
                    id: kb.finding(*m).id.to_string(),
                    label: kb.finding(*m).label.clone(),
                })
                .collect(),
            reason: QuestionReason::MostInformative,
        };
        consider(before - expected_entropy(&prior, &outcomes), question);
    }
    best.map(|(_, q)| q)
}
