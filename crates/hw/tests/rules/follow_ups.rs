//! The follow-up rules, one behaviour at a time, and the `Task` each becomes.

use crate::support::*;
use mysehat_hw::{Event, FollowUp, NextDose, Rule, Status, follow_ups, next_vaccine, to_task};
use serde_json::json;
use std::collections::BTreeMap;

const TODAY: &str = "2024-06-01";

fn run(events: &[Event]) -> Vec<FollowUp> {
    follow_ups(events, day(TODAY))
}

fn only(events: &[Event], rule: Rule) -> Option<FollowUp> {
    run(events).into_iter().find(|f| f.rule == rule)
}

fn cbac_score(score: i64) -> mysehat_hw::Answers {
    // Tobacco (up to 2), family history (2), age (up to 3), alcohol (1): any total up to 8.
    let tobacco = score.min(2);
    let family = if score - tobacco >= 2 { 2 } else { 0 };
    let age = (score - tobacco - family).min(3);
    let alcohol = score - tobacco - family - age;
    let left = alcohol - alcohol.min(1);
    let tobacco = ["never", "sometimes", "daily"][tobacco as usize];
    let family = if family == 2 { "yes" } else { "no" };
    let age = ["30-39", "40-49", "50-59", "60-plus"][age as usize];
    let alcohol = ["no", "yes"][alcohol.min(1) as usize];
    assert_eq!(left, 0, "score {score}");
    with(
        &cbac_low_risk(),
        &[
            ("tobacco", code(tobacco)),
            ("family-history", code(family)),
            ("age", code(age)),
            ("alcohol", code(alcohol)),
        ],
    )
}

#[test]
fn a_cbac_score_above_4_asks_for_ncd_screening_within_7_days() {
    let events = [form_event(
        "qr-1",
        "p-1",
        "2024-05-01",
        "hw-cbac",
        cbac_score(5),
    )];
    let f = only(&events, Rule::CbacReferral).expect("a referral");
    assert_eq!(f.id, "fu-cbac-referral-p-1");
    assert_eq!(
        (f.due, f.status, f.focus.as_str()),
        (day("2024-05-08"), Status::Requested, "qr-1")
    );
    assert_eq!(
        only(
            &[form_event(
                "qr-1",
                "p-1",
                "2024-05-01",
                "hw-cbac",
                cbac_score(4)
            )],
            Rule::CbacReferral
        ),
        None
    );
}

#[test]
fn a_cbac_symptom_like_a_mouth_ulcer_also_asks_for_screening() {
    let events = [form_event(
        "qr-1",
        "p-1",
        "2024-05-01",
        "hw-cbac",
        with(&cbac_low_risk(), &[("mouth-ulcer", yes())]),
    )];
    assert!(only(&events, Rule::CbacReferral).is_some());
    assert_eq!(only(&events, Rule::TbSputum), None);
}

#[test]
fn a_referral_is_completed_by_a_later_visit_but_not_by_the_visit_it_was_made_in() {
    let cbac = form_event("qr-1", "p-1", "2024-05-01", "hw-cbac", cbac_score(6));
    let same_day = only(
        &[visit("enc-1", "p-1", "2024-05-01"), cbac.clone()],
        Rule::CbacReferral,
    );
    assert_eq!(same_day.map(|f| f.status), Some(Status::Requested));
    let later = only(
        &[cbac.clone(), visit("enc-2", "p-1", "2024-05-06")],
        Rule::CbacReferral,
    );
    assert_eq!(later.map(|f| f.status), Some(Status::Completed));
    let someone_else = only(
        &[cbac, visit("enc-2", "p-2", "2024-05-06")],
        Rule::CbacReferral,
    );
    assert_eq!(someone_else.map(|f| f.status), Some(Status::Requested));
}

#[test]
fn a_new_trigger_after_a_completed_referral_asks_again_from_the_new_form() {
    let events = [
        form_event("qr-1", "p-1", "2024-05-01", "hw-cbac", cbac_score(6)),
        visit("enc-2", "p-1", "2024-05-06"),
        form_event("qr-2", "p-1", "2024-05-20", "hw-cbac", cbac_score(7)),
        form_event("qr-3", "p-1", "2024-05-25", "hw-cbac", cbac_score(2)),
    ];
    let f = only(&events, Rule::CbacReferral).expect("a referral");
    assert_eq!(
        (f.due, f.status, f.focus.as_str()),
        (day("2024-05-27"), Status::Requested, "qr-2")
    );
}

#[test]
fn presumptive_tb_from_the_tb_screen_or_the_cbac_asks_for_a_sputum_test_within_3_days() {
    let tb = form_event(
        "qr-1",
        "p-1",
        "2024-05-01",
        "hw-tb",
        with(&tb_clear(), &[("tb-contact", yes())]),
    );
    let f = only(&[tb], Rule::TbSputum).expect("sputum test");
    assert_eq!(
        (f.id.as_str(), f.due, f.status),
        ("fu-tb-sputum-p-1", day("2024-05-04"), Status::Requested)
    );
    let cbac = form_event(
        "qr-2",
        "p-2",
        "2024-05-10",
        "hw-cbac",
        with(&cbac_low_risk(), &[("night-sweats", yes())]),
    );
    let f = only(std::slice::from_ref(&cbac), Rule::TbSputum).expect("sputum test");
    assert_eq!((f.due, f.focus.as_str()), (day("2024-05-13"), "qr-2"));
    assert_eq!(only(std::slice::from_ref(&cbac), Rule::CbacReferral), None);
    let done = only(&[cbac, visit("enc-3", "p-2", "2024-05-12")], Rule::TbSputum);
    assert_eq!(done.map(|f| f.status), Some(Status::Completed));
    assert_eq!(
        only(
            &[form_event("qr-4", "p-3", "2024-05-01", "hw-tb", tb_clear())],
            Rule::TbSputum
        ),
        None
    );
}

#[test]
fn an_anc_danger_sign_asks_for_referral_the_same_day() {
    let anc = form_event(
        "qr-1",
        "p-1",
        "2024-05-01",
        "hw-anc",
        with(&anc_normal(30), &[("danger-signs", code("bleeding"))]),
    );
    let f = only(std::slice::from_ref(&anc), Rule::AncDanger).expect("referral");
    assert_eq!(
        (f.id.as_str(), f.due, f.status),
        ("fu-anc-danger-p-1", day("2024-05-01"), Status::Requested)
    );
    let f = only(&[anc, visit("enc-1", "p-1", "2024-05-02")], Rule::AncDanger).expect("referral");
    assert_eq!(f.status, Status::Completed);
    assert_eq!(
        only(
            &[form_event(
                "qr-2",
                "p-1",
                "2024-05-01",
                "hw-anc",
                anc_normal(30)
            )],
            Rule::AncDanger
        ),
        None
    );
}

#[test]
fn the_next_anc_is_due_in_28_days_then_14_from_28_weeks_then_7_from_36_weeks() {
    for (weeks, due) in [
        (12, "2024-05-29"),
        (27, "2024-05-29"),
        (28, "2024-05-15"),
        (35, "2024-05-15"),
        (36, "2024-05-08"),
        (40, "2024-05-08"),
    ] {
        let f = only(
            &[form_event(
                "qr-1",
                "p-1",
                "2024-05-01",
                "hw-anc",
                anc_normal(weeks),
            )],
            Rule::AncNext,
        )
        .expect("next ANC");
        assert_eq!(
            (f.due, f.status),
            (day(due), Status::Requested),
            "{weeks} weeks"
        );
    }
}

#[test]
fn without_the_weeks_of_pregnancy_the_lmp_decides_and_without_either_28_days() {
    let from_lmp = |lmp: &str| {
        let answers = with(
            &without(&anc_normal(0), &["gestation-weeks"]),
            &[("lmp", date(lmp))],
        );
        only(
            &[form_event("qr-1", "p-1", "2024-05-01", "hw-anc", answers)],
            Rule::AncNext,
        )
        .map(|f| f.due)
    };
    // 2023-10-18 is 196 days (28 weeks) before 2024-05-01; a day later is 27 weeks 6 days.
    assert_eq!(from_lmp("2023-10-18"), Some(day("2024-05-15")));
    assert_eq!(from_lmp("2023-10-19"), Some(day("2024-05-29")));
    let unknown = without(&anc_normal(0), &["gestation-weeks"]);
    let f = only(
        &[form_event("qr-1", "p-1", "2024-05-01", "hw-anc", unknown)],
        Rule::AncNext,
    );
    assert_eq!(f.map(|f| f.due), Some(day("2024-05-29")));
}

#[test]
fn the_next_anc_follows_the_latest_visit_only() {
    let events = [
        form_event("qr-2", "p-1", "2024-05-29", "hw-anc", anc_normal(32)),
        form_event("qr-1", "p-1", "2024-05-01", "hw-anc", anc_normal(28)),
    ];
    let f = only(&events, Rule::AncNext).expect("next ANC");
    assert_eq!((f.due, f.focus.as_str()), (day("2024-06-12"), "qr-2"));
}

fn given(pairs: &[(&str, &str)]) -> BTreeMap<String, jiff::civil::Date> {
    pairs
        .iter()
        .map(|(c, d)| ((*c).to_owned(), day(d)))
        .collect()
}

fn next(dob: &str, done: &[(&str, &str)], today: &str) -> Option<(String, String)> {
    next_vaccine(day(dob), &given(done), day(today))
        .map(|NextDose { code, due }| (code, due.to_string()))
}

fn pair(code: &str, due: &str) -> Option<(String, String)> {
    Some((code.to_owned(), due.to_owned()))
}

#[test]
fn a_newborn_is_due_the_birth_doses_then_the_six_week_doses() {
    assert_eq!(
        next("2024-01-01", &[], "2024-01-01"),
        pair("bcg", "2024-01-01")
    );
    let birth = [
        ("bcg", "2024-01-01"),
        ("opv-0", "2024-01-01"),
        ("hepb-0", "2024-01-01"),
    ];
    assert_eq!(
        next("2024-01-01", &birth, "2024-01-01"),
        pair("opv-1", "2024-02-12")
    );
}

#[test]
fn the_hepatitis_b_birth_dose_is_only_given_on_the_day_of_birth_and_opv_0_within_15_days() {
    assert_eq!(
        next("2024-01-01", &[("bcg", "2024-01-02")], "2024-01-02"),
        pair("opv-0", "2024-01-01")
    );
    assert_eq!(
        next("2024-01-01", &[("bcg", "2024-01-16")], "2024-01-16"),
        pair("opv-1", "2024-02-12")
    );
}

#[test]
fn a_late_dose_pushes_the_next_one_of_its_series_to_4_weeks_later() {
    let six_weeks_late = [
        ("bcg", "2024-01-01"),
        ("opv-0", "2024-01-01"),
        ("hepb-0", "2024-01-01"),
        ("opv-1", "2024-03-01"),
        ("penta-1", "2024-03-01"),
        ("rota-1", "2024-03-01"),
        ("fipv-1", "2024-03-01"),
        ("pcv-1", "2024-03-01"),
    ];
    // 10 weeks is 2024-03-11, but the 6-week doses were on 1 March: not before 29 March.
    assert_eq!(
        next("2024-01-01", &six_weeks_late, "2024-03-01"),
        pair("opv-2", "2024-03-29")
    );
}

#[test]
fn doses_past_their_age_limit_are_skipped() {
    // At 13 months BCG, pentavalent, rotavirus, fIPV and PCV are no longer given; OPV is.
    assert_eq!(
        next("2023-01-01", &[], "2024-02-01"),
        pair("opv-1", "2023-02-12")
    );
    let opv = [
        ("opv-1", "2024-02-01"),
        ("opv-2", "2024-03-01"),
        ("opv-3", "2024-04-01"),
    ];
    assert_eq!(
        next("2023-01-01", &opv, "2024-04-01"),
        pair("mr-1", "2023-10-01")
    );
}

#[test]
fn nine_and_sixteen_month_doses_fall_on_calendar_months_clamped_to_the_month_end() {
    let infant: Vec<(&str, &str)> = [
        "bcg", "opv-0", "hepb-0", "opv-1", "penta-1", "rota-1", "fipv-1", "pcv-1", "opv-2",
        "penta-2", "rota-2", "opv-3", "penta-3", "rota-3", "fipv-2", "pcv-2",
    ]
    .iter()
    .map(|c| (*c, "2023-09-10"))
    .collect();
    assert_eq!(
        next("2023-05-31", &infant, "2023-09-10"),
        pair("mr-1", "2024-02-29")
    );
}

#[test]
fn immunisation_follow_up_uses_every_form_of_the_child_and_completes_when_nothing_is_left() {
    let events = [
        form_event(
            "qr-1",
            "c-1",
            "2024-01-01",
            "hw-immunisation",
            immunisation("2024-01-01", &["bcg", "opv-0", "hepb-0"]),
        ),
        form_event(
            "qr-2",
            "c-1",
            "2024-02-12",
            "hw-immunisation",
            immunisation(
                "2024-01-01",
                &["opv-1", "penta-1", "rota-1", "fipv-1", "pcv-1"],
            ),
        ),
    ];
    let f = follow_ups(&events, day("2024-02-12"));
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].id.as_str(), f[0].due, f[0].focus.as_str()),
        ("fu-immunisation-next-c-1", day("2024-03-11"), "qr-2")
    );
    let all: Vec<&str> = mysehat_hw::follow_up::immunisation::SCHEDULE
        .iter()
        .map(|d| d.code)
        .collect();
    let done = [form_event(
        "qr-9",
        "c-2",
        "2025-06-01",
        "hw-immunisation",
        immunisation("2024-01-01", &all),
    )];
    let f = follow_ups(&done, day("2025-06-01"));
    assert_eq!(
        (f[0].status, f[0].due),
        (Status::Completed, day("2025-06-01"))
    );
}

#[test]
fn visits_households_and_unknown_forms_start_nothing() {
    let events = [
        visit("enc-1", "p-1", "2024-05-01"),
        form_event("qr-1", "h-1", "2024-05-01", "hw-household", household()),
        form_event("qr-2", "p-1", "2024-05-01", "hw-unknown", cbac_score(8)),
    ];
    assert!(run(&events).is_empty());
}

#[test]
fn follow_ups_are_sorted_by_id_one_per_rule_and_person() {
    let events = [
        form_event(
            "qr-1",
            "p-2",
            "2024-05-01",
            "hw-cbac",
            with(&cbac_score(8), &[("cough-2-weeks", yes())]),
        ),
        form_event(
            "qr-2",
            "p-1",
            "2024-05-01",
            "hw-anc",
            with(&anc_normal(37), &[("hb", dec(6.5))]),
        ),
        form_event(
            "qr-3",
            "p-1",
            "2024-05-02",
            "hw-tb",
            with(&tb_clear(), &[("cough-2-weeks", yes())]),
        ),
    ];
    let ids: Vec<String> = run(&events).into_iter().map(|f| f.id).collect();
    assert_eq!(
        ids,
        [
            "fu-anc-danger-p-1",
            "fu-anc-next-p-1",
            "fu-cbac-referral-p-2",
            "fu-tb-sputum-p-1",
            "fu-tb-sputum-p-2"
        ]
    );
}

#[test]
fn a_follow_up_becomes_the_task_sync_describes() {
    let events = [form_event(
        "qr-1",
        "p-1",
        "2024-05-01",
        "hw-tb",
        with(&tb_clear(), &[("cough-2-weeks", yes())]),
    )];
    let f = only(&events, Rule::TbSputum).expect("sputum test");
    let task = to_task(&f, "v-1", Some("h-1"));
    assert_eq!(
        task,
        json!({
            "resourceType": "Task",
            "id": "fu-tb-sputum-p-1",
            "meta": {"tag": [
                {"system": "https://mysehat.in/fhir/CodeSystem/village", "code": "v-1"},
                {"system": "https://mysehat.in/fhir/CodeSystem/household", "code": "h-1"}
            ]},
            "status": "requested",
            "intent": "plan",
            "code": {"coding": [{"system": "https://mysehat.in/fhir/CodeSystem/follow-up-rule", "code": "tb-sputum"}], "text": "tb-sputum"},
            "focus": {"reference": "QuestionnaireResponse/qr-1"},
            "for": {"reference": "Patient/p-1"},
            "restriction": {"period": {"end": "2024-05-04"}}
        })
    );
    assert!(
        mysehat_fhir::validate(&task).is_empty(),
        "{:#?}",
        mysehat_fhir::validate(&task)
    );
    let without_household = to_task(&f, "v-1", None);
    assert_eq!(
        without_household["meta"]["tag"].as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn follow_ups_read_and_write_the_apps_json() {
    let f: FollowUp = serde_json::from_value(json!({
        "id": "fu-anc-next-p-1", "rule": "anc-next", "subject": "p-1", "due": "2024-05-29", "status": "requested", "focus": "qr-1"
    }))
    .expect("follow-up");
    assert_eq!(f.rule, Rule::AncNext);
    let event: Event = serde_json::from_value(json!({
        "id": "enc-1", "subject": "p-1", "date": "2024-05-01", "kind": "visit", "answers": {}
    }))
    .expect("event");
    assert_eq!(event, visit("enc-1", "p-1", "2024-05-01"));
}

#[test]
fn stored_responses_and_visits_feed_the_rules_as_events() {
    let ctx = mysehat_hw::ResponseContext {
        id: "qr-1".into(),
        subject: "p-1".into(),
        encounter: Some("enc-1".into()),
        authored: "2024-05-01T23:30:00+05:30".into(),
        village: "v-1".into(),
        household: None,
    };
    let answers = with(&tb_clear(), &[("night-sweats", yes())]);
    let qr = mysehat_hw::to_response(shipped("hw-tb"), &answers, &ctx);
    let form = Event::from_response(&qr).expect("a form event");
    assert_eq!(
        (form.date, form.answers.clone()),
        (day("2024-05-01"), answers)
    );
    let encounter = json!({"resourceType": "Encounter", "id": "enc-2", "status": "finished", "class": {"code": "HH"},
        "subject": {"reference": "Patient/p-1"}, "period": {"start": "2024-05-03T09:00:00+05:30"}});
    let visit = Event::from_encounter(&encounter).expect("a visit event");
    let f = run(&[form, visit]);
    assert_eq!(
        (f[0].id.as_str(), f[0].status),
        ("fu-tb-sputum-p-1", Status::Completed)
    );
    let mut withdrawn = qr.clone();
    withdrawn["status"] = json!("entered-in-error");
    assert_eq!(Event::from_response(&withdrawn), None);
    let household = mysehat_hw::to_response(shipped("hw-household"), &household(), &ctx);
    assert_eq!(
        Event::from_response(&household),
        None,
        "a household is not a person"
    );
}
