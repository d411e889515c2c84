//! The symptom checker's UI strings parse as Fluent, and English and Hindi have the same message
//! ids using the same variables.

use fluent_bundle::FluentResource;
use std::collections::BTreeMap;

fn messages(language: &str) -> BTreeMap<String, Vec<String>> {
    let path = format!(
        "{}/../../locales/{language}/triage.ftl",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let resource = FluentResource::try_new(text.clone())
        .unwrap_or_else(|(_, errors)| panic!("{path}: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.entries() {
        if let fluent_syntax::ast::Entry::Message(m) = entry {
            let id = m.id.name.to_owned();
            let line = text
                .lines()
                .skip_while(|l| !l.starts_with(&format!("{id} =")))
                .take_while(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let mut vars: Vec<String> = line
                .split('$')
                .skip(1)
                .map(|v| {
                    v.chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect()
                })
                .collect();
            vars.sort();
            vars.dedup();
            out.insert(id, vars);
        }
    }
    out
}

#[test]
fn english_and_hindi_triage_strings_have_the_same_ids_and_variables() {
    let en = messages("en");
    let hi = messages("hi");
    assert!(en.len() >= 60, "{} messages", en.len());
    assert_eq!(en.keys().collect::<Vec<_>>(), hi.keys().collect::<Vec<_>>());
    for (id, vars) in &en {
        assert_eq!(Some(vars), hi.get(id), "variables of {id}");
    }
}

#[test]
fn the_strings_cover_levels_disclaimer_call_108_and_the_helplines() {
    let en = messages("en");
    for id in [
        "triage-level-emergency",
        "triage-level-urgent",
        "triage-level-see_doctor",
        "triage-level-self_care",
        "triage-disclaimer",
        "triage-call-108",
        "triage-call-112",
        "triage-helpline-tele-manas",
        "triage-crisis-title",
        "error-triage_invalid_answer",
    ] {
        assert!(en.contains_key(id), "missing {id}");
    }
}

#[test]
fn every_engine_error_code_has_a_message() {
    use mysehat_triage::{InputError, KbError, TriageError};
    let en = messages("en");
    let errors = [
        TriageError::from(InputError::MissingAge),
        TriageError::from(InputError::InvalidAge),
        TriageError::from(InputError::TextTooLong { max: 1 }),
        TriageError::from(InputError::TooManyAnswers { max: 1 }),
        TriageError::from(InputError::VitalOutOfRange {
            field: "pulse_bpm",
            low: 0.0,
            high: 1.0,
        }),
        TriageError::from(InputError::InvalidAnswer {
            question: "q".into(),
            answer: "a".into(),
        }),
        TriageError::from(KbError::Invalid("x".into())),
    ];
    for error in errors {
        assert!(
            en.contains_key(&format!("error-{}", error.code())),
            "no message for {}",
            error.code()
        );
    }
}
