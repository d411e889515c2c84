//! The public entry point: one evaluation from input to answer, in a fixed order —
//! understand the text, apply red flags, rank, pick the next question, compose the advice.

use crate::error::TriageError;
use crate::evidence::Evidence;
use crate::ids::{Cx, FindingId};
use crate::input::{Input, Person};
use crate::interview;
use crate::kb::{KnowledgeBase, knowledge_base};
use crate::model::{self, Posterior};
use crate::output::{
    FindingRef, FindingSource, FiredRedFlag, Helpline, Output, RankedCondition, Triage,
    UnderstoodFinding,
};
use crate::red_flags::{self, RedFlags};
use crate::text;

/// Conditions returned in `Output::conditions`.
pub const MAX_CONDITIONS: usize = 10;
/// Explanations listed per condition.
const MAX_REASONS: usize = 5;
/// The top condition's own advice is added when it is this probable and matches the triage level.
const ADVICE_MIN_PROBABILITY: f64 = 0.25;

/// Evaluates one request against the embedded knowledge base.
pub fn evaluate(input: &Input) -> Result<Output, TriageError> {
    evaluate_with(knowledge_base()?, input)
}

/// Evaluates one request against a given knowledge base.
pub fn evaluate_with(kb: &KnowledgeBase, input: &Input) -> Result<Output, TriageError> {
    let person = input.validate()?;
    let understood = text::understand(&input.text, kb, person.pregnant == Some(true));
    let vitals = input.vitals.unwrap_or_default().or(understood.readings);
    let evidence = Evidence::build(kb, &person, &understood, &vitals, &input.answers)?;
    let flags = red_flags::evaluate(kb, &person, &evidence, &vitals);
    let posterior = model::posterior(kb, &person, &evidence);
    let complaint = evidence.any_complaint(kb);
    let mut triage = if complaint {
        model::triage(kb, &person, &evidence)
    } else {
        Triage::SeeDoctor
    };
    if let Some(minimum) = flags.minimum {
        triage = triage.max(minimum).max(Triage::SeeDoctor);
    }
    let next_question =
        interview::next_question(kb, &person, &evidence, &vitals, &posterior, triage);
    let ranked: Vec<Cx> = if complaint {
        posterior
            .ranked(kb)
            .into_iter()
            .take(MAX_CONDITIONS)
            .collect()
    } else {
        Vec::new()
    };
    Ok(Output {
        triage,
        red_flags: fired(kb, &flags),
        conditions: ranked
            .iter()
            .map(|cx| explain(kb, *cx, &posterior, &evidence))
            .collect(),
        next_question,
        advice: advice(kb, &person, triage, complaint, &flags, &ranked, &posterior),
        disclaimer: kb.texts.disclaimer.get(person.language).to_owned(),
        crisis: flags.crisis,
        helplines: helplines(kb, triage, flags.crisis),
        understood: understood_findings(kb, &evidence),
        duration_days: understood.duration_days,
        kb_version: kb.version.clone(),
    })
}

fn fired(kb: &KnowledgeBase, flags: &RedFlags) -> Vec<FiredRedFlag> {
    flags
        .fired
        .iter()
        .map(|i| {
            let rule = &kb.rules[*i];
            FiredRedFlag {
                id: rule.id.clone(),
                label: rule.label.clone(),
                source: kb.cite(&rule.source),
                min_triage: rule.min,
            }
        })
        .collect()
}

fn finding_ref(kb: &KnowledgeBase, fx: crate::ids::Fx) -> FindingRef {
    let f = kb.finding(fx);
    FindingRef {
        id: FindingId::new(f.id.as_str()),
        label: f.label.clone(),
    }
}

fn explain(
    kb: &KnowledgeBase,
    cx: Cx,
    posterior: &Posterior,
    evidence: &Evidence,
) -> RankedCondition {
    let c = kb.condition(cx);
    let mut supporting: Vec<(f64, crate::ids::Fx)> = evidence
        .known()
        .filter(|(fx, o)| o.present && c.likelihood[fx.0] > kb.finding(*fx).leak * 1.5)
        .map(|(fx, _)| (c.likelihood[fx.0] / kb.finding(fx).leak, fx))
        .collect();
    supporting.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut against: Vec<(f64, crate::ids::Fx)> = evidence
        .known()
        .filter(|(fx, o)| !o.present && c.likelihood[fx.0] >= 0.3)
        .map(|(fx, _)| (c.likelihood[fx.0], fx))
        .collect();
    against.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    RankedCondition {
        id: c.id.clone(),
        name: c.name.clone(),
        icd10: c.icd10.clone(),
        probability: (posterior.probs[cx.0] * 1e4).round() / 1e4,
        urgency: c.urgency,
        supporting: supporting
            .iter()
            .take(MAX_REASONS)
            .map(|(_, fx)| finding_ref(kb, *fx))
            .collect(),
        against: against
            .iter()
            .take(MAX_REASONS)
            .map(|(_, fx)| finding_ref(kb, *fx))
            .collect(),
    }
}

fn advice(
    kb: &KnowledgeBase,
    person: &Person,
    triage: Triage,
    complaint: bool,
    flags: &RedFlags,
    ranked: &[Cx],
    posterior: &Posterior,
) -> String {
    let language = person.language;
    let mut parts: Vec<&str> = Vec::new();
    if flags.crisis {
        parts.push(kb.texts.crisis.get(language));
    }
    if !complaint {
        parts.push(kb.texts.not_understood.get(language));
    }
    parts.push(kb.texts.level[triage.rank()].get(language));
    let top = ranked.first().filter(|cx| {
        kb.condition(**cx).urgency == triage && posterior.probs[cx.0] >= ADVICE_MIN_PROBABILITY
    });
    if let Some(cx) = top {
        parts.push(kb.condition(*cx).advice.get(language));
    }
    parts.join(" ")
}

fn helplines(kb: &KnowledgeBase, triage: Triage, crisis: bool) -> Vec<Helpline> {
    let mut ids: Vec<&str> = Vec::new();
    if crisis {
        ids.extend(["tele_manas_14416", "tele_manas_toll_free", "emergency_112"]);
    }
    if triage == Triage::Emergency {
        ids.extend(["ambulance_108", "emergency_112"]);
    }
    let mut seen = Vec::new();
    ids.into_iter()
        .filter(|id| {
            let fresh = !seen.contains(id);
            seen.push(*id);
            fresh
        })
        .filter_map(|id| {
            kb.texts.helplines.get(id).map(|(number, name)| Helpline {
                id: id.to_owned(),
                name: name.clone(),
                number: number.clone(),
            })
        })
        .collect()
}

fn understood_findings(kb: &KnowledgeBase, evidence: &Evidence) -> Vec<UnderstoodFinding> {
    evidence
        .known()
        .filter(|(_, o)| o.present || o.source != FindingSource::Inferred)
        .map(|(fx, o)| {
            let f = kb.finding(fx);
            UnderstoodFinding {
                id: f.id.clone(),
                label: f.label.clone(),
                present: o.present,
                source: o.source,
            }
        })
        .collect()
}
