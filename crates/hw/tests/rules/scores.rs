//! Scores and the flags they raise: CBAC Part A (with the official points and bands), CBAC
//! Part B, the TB screen and the ANC danger signs, at their boundaries.

use crate::support::*;
use mysehat_hw::cbac::{Sex, age_band, waist_band, waist_item};
use mysehat_hw::{Answers, Evaluation, evaluate};

fn cbac(answers: &Answers) -> Evaluation {
    evaluate(shipped("hw-cbac"), answers)
}

fn score(answers: &Answers) -> i64 {
    cbac(answers).scores.get("score").copied().unwrap_or(-1)
}

/// A low-risk CBAC for `sex` with the age and waist (cm) measured.
fn person(sex: Sex, years: u32, waist_cm: u32) -> Answers {
    let sex_code = match sex {
        Sex::Female => "female",
        Sex::Male => "male",
    };
    let base = without(&cbac_low_risk(), &["waist-women", "breast-lump"]);
    let mut answers = with(
        &base,
        &[
            ("sex", code(sex_code)),
            ("age", code(age_band(years).expect("30 or over"))),
            (waist_item(sex), code(waist_band(sex, waist_cm))),
        ],
    );
    if sex == Sex::Female {
        answers = with(&answers, &[("breast-lump", no())]);
    }
    answers
}

#[test]
fn a_low_risk_cbac_scores_zero_is_complete_and_raises_nothing() {
    let e = cbac(&cbac_low_risk());
    assert_eq!(e.scores.get("score"), Some(&0));
    assert!(e.missing.is_empty(), "{:?}", e.missing);
    assert!(e.flags.is_empty());
    assert!(!e.enabled.contains(&"score-advice".to_owned()));
}

#[test]
fn the_highest_risk_scores_eleven_the_sum_of_the_official_points() {
    let answers = with(
        &cbac_low_risk(),
        &[
            ("age", code("60-plus")),
            ("tobacco", code("daily")),
            ("alcohol", code("yes")),
            ("waist-women", code("more-than-90")),
            ("activity", code("less-than-150")),
            ("family-history", code("yes")),
        ],
    );
    assert_eq!(score(&answers), 3 + 2 + 1 + 2 + 1 + 2);
}

#[test]
fn age_39_scores_0_and_age_40_scores_1_and_so_on_up_to_60() {
    assert_eq!(age_band(29), None);
    for (years, points) in [
        (30, 0),
        (39, 0),
        (40, 1),
        (49, 1),
        (50, 2),
        (59, 2),
        (60, 3),
        (85, 3),
    ] {
        assert_eq!(score(&person(Sex::Male, years, 80)), points, "age {years}");
    }
}

#[test]
fn a_womans_waist_of_80_scores_0_81_and_90_score_1_and_91_scores_2() {
    for (cm, points) in [(70, 0), (80, 0), (81, 1), (90, 1), (91, 2), (120, 2)] {
        assert_eq!(score(&person(Sex::Female, 35, cm)), points, "waist {cm}");
    }
}

#[test]
fn a_mans_waist_of_90_scores_0_91_and_100_score_1_and_101_scores_2() {
    for (cm, points) in [(90, 0), (91, 1), (100, 1), (101, 2)] {
        assert_eq!(score(&person(Sex::Male, 35, cm)), points, "waist {cm}");
    }
}

#[test]
fn the_waist_question_of_the_other_sex_is_hidden_and_counts_nothing() {
    let woman = with(&cbac_low_risk(), &[("waist-men", code("more-than-100"))]);
    let e = cbac(&woman);
    assert_eq!(e.scores["score"], 0);
    assert!(!e.enabled.contains(&"waist-men".to_owned()));
    assert!(e.enabled.contains(&"waist-women".to_owned()));
    let no_sex = without(&cbac_low_risk(), &["sex"]);
    let e = cbac(&no_sex);
    assert!(!e.enabled.iter().any(|i| i.starts_with("waist")));
    assert_eq!(e.missing, ["sex"]);
}

#[test]
fn a_score_of_4_does_not_refer_and_5_refers_for_ncd_screening() {
    let four = with(
        &cbac_low_risk(),
        &[("age", code("50-59")), ("family-history", code("yes"))],
    );
    let e = cbac(&four);
    assert_eq!(e.scores["score"], 4);
    assert!(e.flags.is_empty());
    assert!(!e.enabled.contains(&"score-advice".to_owned()));
    let five = with(&four, &[("alcohol", code("yes"))]);
    let e = cbac(&five);
    assert_eq!(e.scores["score"], 5);
    assert_eq!(e.flags, ["cbac-refer"]);
    assert!(e.enabled.contains(&"score-advice".to_owned()));
}

#[test]
fn each_tb_symptom_on_the_cbac_raises_presumptive_tb_and_other_symptoms_ask_for_screening() {
    for symptom in [
        "cough-2-weeks",
        "blood-in-sputum",
        "fever-2-weeks",
        "weight-loss",
        "night-sweats",
    ] {
        let e = cbac(&with(&cbac_low_risk(), &[(symptom, yes())]));
        assert_eq!(e.flags, ["tb-presumptive"], "{symptom}");
        assert!(e.enabled.contains(&"tb-advice".to_owned()));
    }
    for symptom in ["breathless", "mouth-ulcer", "breast-lump"] {
        let e = cbac(&with(&cbac_low_risk(), &[(symptom, yes())]));
        assert_eq!(e.flags, ["cbac-symptom"], "{symptom}");
    }
}

#[test]
fn a_man_has_no_breast_lump_question_and_an_answer_to_it_raises_nothing() {
    let man = with(&person(Sex::Male, 45, 85), &[("breast-lump", yes())]);
    let e = cbac(&man);
    assert!(!e.enabled.contains(&"breast-lump".to_owned()));
    assert!(e.flags.is_empty());
}

#[test]
fn any_yes_on_the_tb_screen_makes_presumptive_tb_including_contact_alone() {
    let tb = shipped("hw-tb");
    let e = evaluate(tb, &tb_clear());
    assert!(e.flags.is_empty() && e.missing.is_empty());
    assert!(!e.enabled.contains(&"tb-advice".to_owned()));
    for symptom in [
        "cough-2-weeks",
        "fever-2-weeks",
        "weight-loss",
        "night-sweats",
        "blood-in-sputum",
        "tb-contact",
    ] {
        let e = evaluate(tb, &with(&tb_clear(), &[(symptom, yes())]));
        assert_eq!(e.flags, ["tb-presumptive"], "{symptom}");
        assert!(e.enabled.contains(&"tb-advice".to_owned()), "{symptom}");
    }
}

#[test]
fn anc_danger_signs_bp_of_140_over_90_and_hb_below_7_need_referral() {
    let anc = shipped("hw-anc");
    let flags =
        |more: &[(&str, mysehat_hw::Answer)]| evaluate(anc, &with(&anc_normal(20), more)).flags;
    assert!(flags(&[]).is_empty());
    for sign in [
        "bleeding",
        "severe-headache",
        "blurred-vision",
        "convulsions",
        "reduced-fetal-movement",
    ] {
        assert_eq!(
            flags(&[("danger-signs", code(sign))]),
            ["anc-danger"],
            "{sign}"
        );
    }
    assert!(flags(&[("bp-systolic", int(139)), ("bp-diastolic", int(89))]).is_empty());
    assert_eq!(flags(&[("bp-systolic", int(140))]), ["anc-danger"]);
    assert_eq!(flags(&[("bp-diastolic", int(90))]), ["anc-danger"]);
    assert!(flags(&[("hb", dec(7.0))]).is_empty());
    assert_eq!(flags(&[("hb", dec(6.9))]), ["anc-danger"]);
    let e = evaluate(
        anc,
        &with(
            &anc_normal(20),
            &[("hb", dec(6.9)), ("bp-systolic", int(150))],
        ),
    );
    assert!(
        e.enabled.contains(&"hb-advice".to_owned()) && e.enabled.contains(&"bp-advice".to_owned())
    );
}

#[test]
fn two_danger_signs_are_two_answers_to_one_repeating_item() {
    let anc = shipped("hw-anc");
    let mut answers = anc_normal(30);
    answers.insert(
        "danger-signs".into(),
        vec![code("bleeding"), code("convulsions")],
    );
    assert_eq!(evaluate(anc, &answers).flags, ["anc-danger"]);
}
