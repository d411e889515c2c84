//! Integrity checks of the knowledge base: every reference resolves, every probability is in (0, 1),
//! every number has a source, both languages are present, implications are consistent.

use super::{Criterion, KnowledgeBase};
use crate::error::KbError;
use crate::output::{Bilingual, Triage};
use std::collections::HashSet;

const SOURCE_KINDS: [&str; 4] = ["guideline", "paper", "textbook", "estimate"];
const REQUIRED_HELPLINES: [&str; 4] = [
    "ambulance_108",
    "emergency_112",
    "tele_manas_14416",
    "tele_manas_toll_free",
];

fn has_devanagari(text: &str) -> bool {
    text.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
}

fn check_text(what: &str, text: &Bilingual, problems: &mut Vec<String>) {
    if text.en.trim().is_empty() {
        problems.push(format!("{what} has no English text"));
    }
    if !has_devanagari(&text.hi) {
        problems.push(format!("{what} has no Hindi (Devanagari) text"));
    }
}

fn is_probability(p: f64) -> bool {
    p > 0.0 && p < 1.0
}

fn is_icd10(code: &str) -> bool {
    let b = code.as_bytes();
    let head =
        b.len() >= 3 && b[0].is_ascii_uppercase() && b[1].is_ascii_digit() && b[2].is_ascii_digit();
    let tail = match code.get(3..) {
        Some("") => true,
        Some(rest) => {
            rest.starts_with('.')
                && rest.len() >= 2
                && rest[1..].chars().all(|c| c.is_ascii_alphanumeric())
        }
        None => false,
    };
    head && tail
}

pub(super) fn validate(
    kb: &KnowledgeBase,
    _files: &[(&'static str, &'static str)],
) -> Result<(), KbError> {
    let mut problems = Vec::new();
    for (id, source) in &kb.sources {
        if !SOURCE_KINDS.contains(&source.kind.as_str()) || source.citation.trim().is_empty() {
            problems.push(format!(
                "source `{id}` needs a kind ({SOURCE_KINDS:?}) and a citation"
            ));
        }
    }
    let cited = |id: &str, what: &str, problems: &mut Vec<String>| {
        if !kb.sources.contains_key(id) {
            problems.push(format!("{what} cites unknown source `{id}`"));
        }
    };
    for f in &kb.findings {
        let what = format!("finding `{}`", f.id);
        check_text(&what, &f.label, &mut problems);
        check_text(&format!("{what} question"), &f.question, &mut problems);
        if !is_probability(f.leak) {
            problems.push(format!("{what} has leak {} outside (0, 1)", f.leak));
        }
        cited(&f.leak_source, &what, &mut problems);
    }
    let mut ids = HashSet::new();
    for c in &kb.conditions {
        let what = format!("condition `{}`", c.id);
        if !ids.insert(c.id.as_str()) {
            problems.push(format!("{what} is defined twice"));
        }
        if !is_icd10(&c.icd10) {
            problems.push(format!("{what} has malformed ICD-10 code `{}`", c.icd10));
        }
        check_text(&format!("{what} name"), &c.name, &mut problems);
        check_text(&format!("{what} advice"), &c.advice, &mut problems);
        if !is_probability(c.prior) {
            problems.push(format!("{what} has prior {} outside (0, 1)", c.prior));
        }
        cited(&c.prior_source, &format!("{what} prior"), &mut problems);
        let weights = c
            .age_weights
            .iter()
            .chain([&c.female_weight, &c.male_weight]);
        if weights.clone().any(|w| !w.is_finite() || *w < 0.0) || weights.sum::<f64>() <= 0.0 {
            problems.push(format!("{what} has a negative or missing age/sex weight"));
        }
        let mut seen = HashSet::new();
        for (fx, p, src) in &c.listed {
            let finding = kb.finding(*fx);
            if !seen.insert(*fx) {
                problems.push(format!("{what} lists `{}` twice", finding.id));
            }
            if !is_probability(*p) {
                problems.push(format!("{what}: P({}) = {p} is outside (0, 1)", finding.id));
            }
            cited(src, &format!("{what}: P({})", finding.id), &mut problems);
            for parent in &finding.implies {
                let parent_p = c
                    .listed
                    .iter()
                    .find(|(f, _, _)| f == parent)
                    .map(|(_, p, _)| *p);
                if parent_p.is_none_or(|pp| pp + 1e-9 < *p) {
                    problems.push(format!(
                        "{what}: `{}` implies `{}`, which must be listed with at least P = {p}",
                        finding.id,
                        kb.finding(*parent).id
                    ));
                }
            }
        }
        for group in &kb.groups {
            let sum: f64 = c
                .listed
                .iter()
                .filter(|(fx, _, _)| group.members.contains(fx))
                .map(|(_, p, _)| p)
                .sum();
            if sum > 1.0 + 1e-9 {
                problems.push(format!(
                    "{what}: probabilities of group `{}` add up to {sum} > 1",
                    group.id
                ));
            }
        }
    }
    let mut rule_ids = HashSet::new();
    for r in &kb.rules {
        let what = format!("red-flag rule `{}`", r.id);
        if !rule_ids.insert(r.id.as_str()) {
            problems.push(format!("{what} is defined twice"));
        }
        check_text(&what, &r.label, &mut problems);
        cited(&r.source, &what, &mut problems);
        if r.min == Triage::SelfCare {
            problems.push(format!("{what} must set at least see_doctor"));
        }
        if r.all.is_empty() && r.any.is_empty() {
            problems.push(format!("{what} has no criteria"));
        }
        if r.min_any > r.any.len() {
            problems.push(format!(
                "{what} needs {} of only {} items",
                r.min_any,
                r.any.len()
            ));
        }
        if let (Some(low), Some(high)) = (r.age_min, r.age_max)
            && low >= high
        {
            problems.push(format!("{what} has an empty age range"));
        }
        if r.crisis
            && !r
                .all
                .iter()
                .chain(&r.any)
                .any(|c| matches!(c, Criterion::Finding(_)))
        {
            problems.push(format!("{what} is a crisis rule without findings"));
        }
    }
    let t = &kb.texts;
    for (i, level) in t.level.iter().enumerate() {
        check_text(&format!("level advice {i}"), level, &mut problems);
    }
    check_text("disclaimer", &t.disclaimer, &mut problems);
    check_text("crisis text", &t.crisis, &mut problems);
    check_text("not-understood text", &t.not_understood, &mut problems);
    for id in REQUIRED_HELPLINES {
        match t.helplines.get(id) {
            Some((number, name)) if !number.is_empty() => {
                check_text(&format!("helpline `{id}`"), name, &mut problems)
            }
            _ => problems.push(format!("helpline `{id}` is missing")),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(KbError::Invalid(problems.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    use super::is_icd10;

    #[test]
    fn icd10_codes_are_recognised() {
        for good in ["A97", "A01.0", "U07.1", "T14.3", "R45.8", "O36.8"] {
            assert!(is_icd10(good), "{good}");
        }
        for bad in ["", "a97", "A9", "A97.", "97A", "A97-1"] {
            assert!(!is_icd10(bad), "{bad}");
        }
    }
}
