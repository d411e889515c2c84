//! The knowledge base is complete and honest: at least 80 conditions, each with an ICD-10 code,
//! names and advice in English and Hindi, findings that exist, and a source for every number.

use mysehat_triage::Triage;
use mysehat_triage::kb::knowledge_base;
use std::collections::HashSet;

fn devanagari(text: &str) -> bool {
    text.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
}

#[test]
fn the_knowledge_base_loads_and_validates() {
    let kb = knowledge_base().expect("embedded knowledge base is valid");
    assert!(!kb.version().is_empty());
}

#[test]
fn there_are_at_least_eighty_conditions_with_unique_ids() {
    let kb = knowledge_base().expect("kb");
    assert!(
        kb.conditions().len() >= 80,
        "{} conditions",
        kb.conditions().len()
    );
    let ids: HashSet<&str> = kb.conditions().iter().map(|c| c.id().as_str()).collect();
    assert_eq!(ids.len(), kb.conditions().len());
}

#[test]
fn the_conditions_the_issue_names_are_all_present() {
    let kb = knowledge_base().expect("kb");
    let ids: HashSet<&str> = kb.conditions().iter().map(|c| c.id().as_str()).collect();
    let required = [
        "dengue",
        "malaria",
        "typhoid",
        "tuberculosis",
        "pneumonia",
        "acute_gastroenteritis",
        "dehydration",
        "uti",
        "hypertensive_emergency",
        "dka",
        "hypoglycaemia",
        "heart_attack",
        "stroke",
        "asthma_attack",
        "copd_exacerbation",
        "anaemia",
        "pre_eclampsia",
        "heat_stroke",
        "animal_bite_rabies_risk",
        "scabies",
        "conjunctivitis",
        "common_cold",
        "influenza",
        "migraine",
        "appendicitis",
        "kidney_stone",
        "viral_hepatitis",
        "dvt",
        "cellulitis",
        "organophosphate_poisoning",
        "snake_bite",
        "tension_headache",
        "gastritis_dyspepsia",
        "gerd",
        "allergic_rhinitis",
        "sinusitis",
        "pharyngitis_tonsillitis",
        "otitis_media",
        "chickenpox",
        "measles",
        "mumps",
        "fungal_skin_infection",
        "eczema",
        "urticaria",
        "mechanical_low_back_pain",
        "osteoarthritis",
        "gout",
        "hypothyroidism",
        "depression",
        "anxiety_panic",
    ];
    let missing: Vec<&str> = required
        .into_iter()
        .filter(|id| !ids.contains(id))
        .collect();
    assert!(missing.is_empty(), "missing conditions: {missing:?}");
}

#[test]
fn every_condition_has_an_icd10_code_names_and_advice_in_english_and_hindi() {
    let kb = knowledge_base().expect("kb");
    for c in kb.conditions() {
        let code = c.icd10();
        assert!(
            code.len() >= 3 && code.as_bytes()[0].is_ascii_uppercase(),
            "{}: {code}",
            c.id()
        );
        assert!(
            !c.name().en.is_empty() && devanagari(&c.name().hi),
            "{} name",
            c.id()
        );
        assert!(
            c.advice().en.len() > 40 && devanagari(&c.advice().hi),
            "{} advice",
            c.id()
        );
    }
}

#[test]
fn every_number_in_the_knowledge_base_has_a_known_source() {
    let kb = knowledge_base().expect("kb");
    for c in kb.conditions() {
        assert!(kb.source(c.prior_source()).is_some(), "{} prior", c.id());
        assert!(c.prior() > 0.0 && c.prior() < 1.0, "{} prior", c.id());
        assert!(
            c.listed_findings().count() >= 2,
            "{} lists too few findings",
            c.id()
        );
        for (finding, p, source) in c.listed_findings() {
            let id = kb.findings()[finding].id();
            assert!(p > 0.0 && p < 1.0, "{}: P({id}) = {p}", c.id());
            assert!(
                kb.source(source).is_some(),
                "{}: P({id}) cites unknown {source}",
                c.id()
            );
        }
    }
    for f in kb.findings() {
        assert!(f.leak() > 0.0 && f.leak() < 1.0, "{} leak", f.id());
        assert!(
            kb.source(f.leak_source()).is_some(),
            "{} leak source",
            f.id()
        );
    }
    for r in kb.rules() {
        assert!(kb.source(r.source_id()).is_some(), "rule {} source", r.id());
    }
}

#[test]
fn every_finding_has_labels_and_a_question_in_both_languages() {
    let kb = knowledge_base().expect("kb");
    for f in kb.findings() {
        assert!(
            !f.label().en.is_empty() && devanagari(&f.label().hi),
            "{} label",
            f.id()
        );
        assert!(
            f.question().en.ends_with('?') && devanagari(&f.question().hi),
            "{} question",
            f.id()
        );
    }
}

#[test]
fn red_flag_rules_never_allow_self_care_and_crisis_rules_exist() {
    let kb = knowledge_base().expect("kb");
    assert!(
        kb.rules()
            .iter()
            .all(|r| r.min_triage() >= Triage::SeeDoctor)
    );
    assert!(kb.rules().iter().any(|r| r.is_crisis()));
    for r in kb.rules() {
        for id in r.finding_ids(kb) {
            assert!(
                kb.findings().iter().any(|f| f.id() == id),
                "rule {} uses unknown {id}",
                r.id()
            );
        }
    }
}

#[test]
fn every_condition_urgency_level_is_represented() {
    let kb = knowledge_base().expect("kb");
    for level in Triage::ALL {
        assert!(
            kb.conditions()
                .iter()
                .filter(|c| c.urgency() == level)
                .count()
                >= 10,
            "{level:?}"
        );
    }
}

#[test]
fn estimated_numbers_are_labelled_as_estimates() {
    let kb = knowledge_base().expect("kb");
    for id in ["est", "est-textbook", "est-prior"] {
        let source = kb.source(id).expect("estimate source");
        assert_eq!(source.kind, "estimate");
        assert!(source.citation.contains("estimate"));
    }
}
