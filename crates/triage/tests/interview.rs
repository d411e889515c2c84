//! The interview: red-flag screening questions for the complaint come first, the most informative
//! question next, and it stops when the answer is clear, urgency is an emergency, or after 12 questions.

mod common;

use common::{Ask, adult, person};
use mysehat_triage::output::{QuestionKind, QuestionReason};
use mysehat_triage::{Sex, Triage, TriageError};

fn first_question(ask: &Ask) -> (String, QuestionReason) {
    let q = ask.run().next_question.expect("a question");
    (q.id.to_string(), q.reason)
}

#[test]
fn chest_pain_is_first_screened_for_cardiac_red_flags() {
    let (id, reason) = first_question(&person(50.0, Sex::Male, "chest pain"));
    assert_eq!(reason, QuestionReason::RedFlagScreening);
    assert!(
        [
            "sweating",
            "chest_pain_radiating",
            "breathlessness",
            "fainting",
            "nausea",
            "vomiting"
        ]
        .contains(&id.as_str()),
        "{id}"
    );
}

#[test]
fn chest_pain_with_a_yes_to_the_screening_question_is_an_emergency_and_the_interview_stops() {
    let ask = person(50.0, Sex::Male, "chest pain");
    let (id, _) = first_question(&ask);
    let output = ask.answer(&id, "yes").run();
    assert_eq!(output.triage, Triage::Emergency);
    assert!(output.next_question.is_none());
}

#[test]
fn chest_pain_with_every_screen_denied_stays_urgent_and_moves_on() {
    let mut ask = person(50.0, Sex::Male, "chest pain");
    for _ in 0..10 {
        let output = ask.run();
        assert!(output.triage >= Triage::Urgent);
        match output.next_question {
            Some(q) if q.reason == QuestionReason::RedFlagScreening => {
                ask = ask.answer(q.id.as_str(), "no")
            }
            Some(q) => {
                assert_eq!(q.reason, QuestionReason::MostInformative);
                return;
            }
            None => return,
        }
    }
    panic!("screening never ended");
}

#[test]
fn a_sick_young_child_is_screened_for_imci_danger_signs_first() {
    let (id, reason) = first_question(&person(2.0, Sex::Female, "fever and cough"));
    assert_eq!(reason, QuestionReason::RedFlagScreening);
    assert!(
        [
            "unable_to_drink",
            "vomits_everything",
            "convulsions",
            "lethargic_unconscious"
        ]
        .contains(&id.as_str()),
        "{id}"
    );
}

#[test]
fn the_interview_stops_after_twelve_answers() {
    let mut ask = adult("headache");
    let mut asked = 0;
    while let Some(q) = ask.run().next_question {
        ask = ask.answer(q.id.as_str(), "unknown");
        asked += 1;
        assert!(asked <= 12, "more than 12 questions");
    }
    assert!(asked <= 12);
}

#[test]
fn an_interview_that_follows_a_hidden_patient_narrows_to_the_right_condition() {
    // The patient has dengue-like illness; answers come from this hidden truth.
    let truth = [
        "fever",
        "headache",
        "body_ache",
        "eye_pain",
        "rash",
        "joint_pain",
        "high_fever",
    ];
    let mut ask = adult("bukhar hai");
    for _ in 0..12 {
        let output = ask.run();
        let Some(q) = output.next_question else { break };
        let answer = match q.kind {
            QuestionKind::Choice => "duration_under_week".to_owned(),
            QuestionKind::YesNo => if truth.contains(&q.id.as_str()) {
                "yes"
            } else {
                "no"
            }
            .to_owned(),
        };
        ask = ask.answer(q.id.as_str(), &answer);
    }
    let output = ask.run();
    let top: Vec<&str> = output
        .conditions
        .iter()
        .take(3)
        .map(|c| c.id.as_str())
        .collect();
    assert!(top.contains(&"dengue"), "top 3: {top:?}");
    assert!(output.triage >= Triage::Urgent);
}

#[test]
fn a_clear_picture_ends_the_interview() {
    let ask = adult("runny nose, sneezing, blocked nose and mild sore throat since 2 days, no fever, no cough, no body ache")
        .answer("itchy_eyes", "no")
        .answer("headache", "no");
    let output = ask.run();
    assert_eq!(output.conditions[0].id.as_str(), "common_cold");
    assert!(output.conditions[0].probability >= 0.85);
    assert!(
        output.next_question.is_none(),
        "no question once the top condition is clear"
    );
    assert_eq!(output.triage, Triage::SelfCare);
}

#[test]
fn the_duration_choice_question_accepts_its_choices_and_rejects_others() {
    let ask = adult("cough").answer("duration", "duration_over_2_weeks");
    let output = ask.run();
    assert!(
        output
            .understood
            .iter()
            .any(|u| u.id.as_str() == "duration_over_2_weeks" && u.present)
    );
    let bad = adult("cough").answer("duration", "forever");
    assert!(matches!(
        mysehat_triage::evaluate(&bad.0),
        Err(TriageError::Input(_))
    ));
}

#[test]
fn a_yes_no_question_rejects_other_answers_and_ignores_unknown_questions() {
    let bad = adult("cough").answer("fever", "maybe");
    let error = mysehat_triage::evaluate(&bad.0).expect_err("invalid answer");
    assert_eq!(error.code(), "triage_invalid_answer");
    let unknown = adult("cough").answer("no_such_question", "yes");
    assert!(mysehat_triage::evaluate(&unknown.0).is_ok());
}

#[test]
fn questions_are_never_repeated() {
    let mut ask = person(40.0, Sex::Female, "pet mein dard aur ulti");
    let mut seen = Vec::new();
    while let Some(q) = ask.run().next_question {
        assert!(!seen.contains(&q.id.to_string()), "{} asked twice", q.id);
        seen.push(q.id.to_string());
        ask = ask.answer(
            q.id.as_str(),
            if q.kind == QuestionKind::Choice {
                "duration_under_week"
            } else {
                "no"
            },
        );
    }
}

#[test]
fn questions_come_in_english_and_hindi() {
    let q = adult("fever").run().next_question.expect("question");
    assert!(!q.text.en.is_empty());
    assert!(
        q.text
            .hi
            .chars()
            .any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
    );
}
