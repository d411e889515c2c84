//! Safety properties over generated inputs: saying more never lowers urgency, a fired red flag
//! never yields self care, a crisis always shows the helplines, and no text makes evaluation fail.

use mysehat_triage::kb::knowledge_base;
use mysehat_triage::{Answer, Input, Language, Sex, Triage, Vitals, evaluate};
use proptest::prelude::*;

/// Findings that can be answered yes/no.
fn askable() -> Vec<String> {
    let kb = knowledge_base().expect("kb");
    kb.findings()
        .iter()
        .filter(|f| f.is_askable())
        .map(|f| f.id().to_string())
        .collect()
}

/// Findings some red-flag rule looks at.
fn red_flag_findings() -> Vec<String> {
    let kb = knowledge_base().expect("kb");
    let mut ids: Vec<String> = kb
        .rules()
        .iter()
        .flat_map(|r| r.finding_ids(kb).map(|id| id.to_string()))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

const PHRASES: [&str; 16] = [
    "fever since 3 days",
    "bukhar aur sir dard",
    "सीने में दर्द",
    "loose motions",
    "no cough",
    "pet mein dard nahi",
    "saans phool rahi hai",
    "बच्चा दूध नहीं पी रहा",
    "headache but no vomiting",
    "khansi 3 hafte se",
    "I want to die",
    "burning urine",
    "chakkar aa rahe hain",
    "rash with itching",
    "bahut tez bukhar",
    "",
];

fn sex() -> impl Strategy<Value = Sex> {
    prop_oneof![Just(Sex::Female), Just(Sex::Male), Just(Sex::Other)]
}

fn yes(ids: &[String], picks: &[usize]) -> Vec<Answer> {
    let mut answers: Vec<Answer> = picks
        .iter()
        .map(|i| Answer {
            question_id: ids[*i % ids.len()].as_str().into(),
            answer: "yes".into(),
        })
        .collect();
    answers.dedup_by(|a, b| a.question_id == b.question_id);
    answers
}

fn input(
    age: f64,
    sex: Sex,
    pregnant: Option<bool>,
    text: &str,
    answers: Vec<Answer>,
    vitals: Option<Vitals>,
) -> Input {
    Input {
        age: Some(age),
        age_months: None,
        sex,
        pregnant,
        text: text.to_owned(),
        language: Language::En,
        answers,
        vitals,
    }
}

fn vitals() -> impl Strategy<Value = Option<Vitals>> {
    proptest::option::of(
        (
            30.0f64..42.0,
            40.0f64..180.0,
            8.0f64..60.0,
            75.0f64..100.0,
            70.0f64..220.0,
            40.0f64..130.0,
            30.0f64..500.0,
        )
            .prop_map(|(t, p, r, s, sys, dia, g)| Vitals {
                temperature_c: Some(t),
                pulse_bpm: Some(p),
                respiratory_rate: Some(r),
                spo2_percent: Some(s),
                systolic_bp: Some(sys),
                diastolic_bp: Some(dia),
                blood_glucose_mg_dl: Some(g),
            }),
    )
}

/// Triage before and after answering `extra` yes, when the base input has a complaint and
/// `extra` was not yet mentioned.
fn before_and_after(base: Input, extra: &str) -> Option<(Triage, Triage)> {
    let before = evaluate(&base).ok()?;
    let mentioned = before.understood.iter().any(|u| u.id.as_str() == extra)
        || base.answers.iter().any(|a| a.question_id.as_str() == extra);
    if before.conditions.is_empty() || mentioned {
        return None;
    }
    let mut more = base;
    more.answers.push(Answer {
        question_id: extra.into(),
        answer: "yes".into(),
    });
    let after = evaluate(&more).ok()?;
    Some((before.triage, after.triage))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn saying_yes_to_any_further_finding_never_lowers_urgency(
        age in 0.1f64..90.0, sex in sex(), pregnant in proptest::option::of(any::<bool>()),
        picks in proptest::collection::vec(0usize..1000, 1..6), extra in 0usize..1000,
    ) {
        let ids = askable();
        let base = input(age, sex, pregnant, "", yes(&ids, &picks), None);
        if let Some((before, after)) = before_and_after(base, &ids[extra % ids.len()]) {
            prop_assert!(after >= before, "{before:?} → {after:?} after adding {}", ids[extra % ids.len()]);
        }
    }

    #[test]
    fn adding_a_red_flag_finding_never_lowers_urgency(
        age in 0.1f64..90.0, sex in sex(), pregnant in proptest::option::of(any::<bool>()),
        picks in proptest::collection::vec(0usize..1000, 1..5), extra in 0usize..1000, vitals in vitals(),
    ) {
        let ids = askable();
        let flags = red_flag_findings();
        let mut base = input(age, sex, pregnant, "", yes(&ids, &picks), None);
        base.vitals = vitals;
        if let Some((before, after)) = before_and_after(base, &flags[extra % flags.len()]) {
            prop_assert!(after >= before, "{before:?} → {after:?} after adding {}", flags[extra % flags.len()]);
        }
    }

    #[test]
    fn a_fired_red_flag_never_gives_self_care(
        age in 0.05f64..95.0, sex in sex(), pregnant in proptest::option::of(any::<bool>()),
        phrase in 0usize..PHRASES.len(), picks in proptest::collection::vec(0usize..1000, 0..4), vitals in vitals(),
    ) {
        let ids = askable();
        let output = evaluate(&input(age, sex, pregnant, PHRASES[phrase], yes(&ids, &picks), vitals)).expect("valid input");
        if let Some(strictest) = output.red_flags.iter().map(|f| f.min_triage).max() {
            prop_assert!(output.triage >= strictest);
            prop_assert_ne!(output.triage, Triage::SelfCare);
        }
        if output.crisis {
            let numbers: Vec<&str> = output.helplines.iter().map(|h| h.number.as_str()).collect();
            prop_assert!(numbers.contains(&"14416") && numbers.contains(&"112"));
        }
    }

    #[test]
    fn evaluation_never_fails_on_arbitrary_text(text in "\\PC{0,400}", age in 0.0f64..120.0, sex in sex()) {
        let output = evaluate(&input(age, sex, None, &text, Vec::new(), None));
        prop_assert!(output.is_ok(), "{:?}", output.err());
    }

    #[test]
    fn evaluation_never_fails_on_mixed_hindi_fragments(
        words in proptest::collection::vec(prop_oneof![
            Just("बुखार"), Just("नहीं"), Just("है"), Just("दर्द"), Just("पेट"), Just("में"), Just("ज़्यादा"), Just("साँस"),
            Just("nahi"), Just("bukhar"), Just("no"), Just("pain"), Just(","), Just("।"), Just("3"), Just("din"), Just("se"),
            Just("/"), Just("120"), Just("bp"), Just("़"), Just("ँ"), Just("्"), Just("sugar"), Just("'"),
        ], 0..40),
        age in 0.0f64..120.0,
    ) {
        let text = words.join(" ");
        prop_assert!(evaluate(&input(age, Sex::Other, None, &text, Vec::new(), None)).is_ok());
        prop_assert!(evaluate(&input(age, Sex::Other, None, &words.concat(), Vec::new(), None)).is_ok());
    }

    #[test]
    fn the_same_input_always_gives_the_same_answer(phrase in 0usize..PHRASES.len(), age in 0.1f64..90.0, sex in sex()) {
        let request = input(age, sex, None, PHRASES[phrase], Vec::new(), None);
        prop_assert_eq!(evaluate(&request).ok(), evaluate(&request).ok());
    }
}
