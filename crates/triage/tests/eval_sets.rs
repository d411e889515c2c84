//! The development set meets the clinical-safety and accuracy targets and runs fast; the held-out
//! set is only run on request (`cargo test -p mysehat-triage --test eval_sets -- --ignored --nocapture`).

use mysehat_triage::eval::{self, Case};
use mysehat_triage::{Language, Triage, evaluate};
use std::time::Instant;

fn dev_set() -> Vec<Case> {
    eval::load_cases(include_str!("../eval/dev-set.json")).expect("dev set parses")
}

#[test]
fn the_dev_set_is_large_varied_and_multilingual() {
    let cases = dev_set();
    assert!(cases.len() >= 150, "{} cases", cases.len());
    for level in Triage::ALL {
        assert!(
            cases.iter().filter(|c| c.expected_triage == level).count() >= 30,
            "{level:?}"
        );
    }
    let non_english = cases
        .iter()
        .filter(|c| c.language == Some(Language::Hi))
        .count();
    assert!(non_english >= 30, "{non_english} non-English cases");
    let devanagari = cases
        .iter()
        .filter(|c| {
            c.text
                .chars()
                .any(|ch| ('\u{0900}'..='\u{097F}').contains(&ch))
        })
        .count();
    assert!(devanagari >= 15, "{devanagari} Devanagari cases");
    let mut diagnoses: Vec<&str> = cases
        .iter()
        .filter_map(|c| c.expected_diagnosis.first().map(String::as_str))
        .collect();
    diagnoses.sort_unstable();
    diagnoses.dedup();
    assert!(
        diagnoses.len() >= 80,
        "{} distinct expected diagnoses",
        diagnoses.len()
    );
}

#[test]
fn the_dev_set_meets_the_safety_and_accuracy_targets() {
    let report = eval::run(&dev_set());
    println!("{report}");
    assert_eq!(report.errors, 0);
    assert!(
        report.emergency_sensitivity() >= 0.97,
        "emergency sensitivity {}",
        report.emergency_sensitivity()
    );
    assert_eq!(
        report.emergencies_triaged_self_care, 0,
        "an emergency was triaged self care"
    );
    assert!(
        report.triage_accuracy() >= 0.80,
        "triage accuracy {}",
        report.triage_accuracy()
    );
    assert!(
        report.top_k(3) >= 0.70,
        "top-3 diagnosis {}",
        report.top_k(3)
    );
}

#[test]
fn the_held_out_set_parses() {
    let cases =
        eval::load_cases(include_str!("../eval/holdout-set.json")).expect("held-out set parses");
    assert!(cases.len() >= 40);
}

#[test]
#[ignore = "held-out figures are reported, not tuned against; run on request"]
fn print_the_held_out_report() {
    let cases =
        eval::load_cases(include_str!("../eval/holdout-set.json")).expect("held-out set parses");
    println!("{}", eval::run(&cases));
}

#[test]
fn case_files_with_duplicate_ids_or_bad_json_are_rejected() {
    assert!(eval::load_cases("[{\"id\": \"x\"").is_err());
    let one = r#"{"id": "a", "age": 30, "sex": "male", "text": "fever", "expected_triage": "urgent", "expected_diagnosis": []}"#;
    assert!(eval::load_cases(&format!("[{one}, {one}]")).is_err());
    assert_eq!(
        eval::load_cases(&format!("[{one}]")).map(|c| c.len()),
        Ok(1)
    );
}

#[test]
fn the_report_prints_a_readable_table() {
    let text = eval::run(&dev_set()[..5]).to_string();
    for label in [
        "triage accuracy",
        "emergency sensitivity",
        "emergencies triaged self_care",
        "under-triage rate",
        "over-triage rate",
        "diagnosis in top 3",
    ] {
        assert!(text.contains(label), "missing {label}");
    }
}

/// One evaluation takes well under 5 ms (release build; debug builds get a looser bound).
#[test]
fn an_evaluation_is_fast_enough_for_a_cheap_phone_server() {
    let cases = eval::load_cases(include_str!("../eval/dev-set.json")).expect("dev set");
    let inputs: Vec<_> = cases.iter().map(|c| c.input()).collect();
    let _warm_up = evaluate(&inputs[0]);
    let start = Instant::now();
    let mut slowest = 0.0_f64;
    for input in &inputs {
        let one = Instant::now();
        assert!(evaluate(input).is_ok());
        slowest = slowest.max(one.elapsed().as_secs_f64() * 1e3);
    }
    let mean = start.elapsed().as_secs_f64() * 1e3 / inputs.len() as f64;
    println!(
        "mean {mean:.3} ms, slowest {slowest:.3} ms over {} cases",
        inputs.len()
    );
    let budget = if cfg!(debug_assertions) { 50.0 } else { 5.0 };
    assert!(mean < budget, "mean {mean:.3} ms exceeds {budget} ms");
}

#[test]
#[ignore = "stress figures are reported, not tuned against; run on request"]
fn print_the_stress_report() {
    let cases =
        eval::load_cases(include_str!("../eval/stress-set.json")).expect("stress set parses");
    println!("{}", eval::run(&cases));
}
