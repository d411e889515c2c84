//! Building, reading and checking `QuestionnaireResponse`s.

use crate::support::*;
use mysehat_hw::{
    Answers, Problem, ResponseContext, evaluate, response_answers, to_response, validate_response,
};
use serde_json::{Value, json};

fn ctx(household: Option<&str>) -> ResponseContext {
    ResponseContext {
        id: "qr-1".into(),
        subject: "p-1".into(),
        encounter: Some("enc-1".into()),
        authored: "2024-06-01T10:30:00+05:30".into(),
        village: "v-1".into(),
        household: household.map(str::to_owned),
    }
}

fn high_risk_woman() -> Answers {
    with(
        &cbac_low_risk(),
        &[
            ("age", code("50-59")),
            ("family-history", code("yes")),
            ("alcohol", code("yes")),
            ("cough-2-weeks", yes()),
        ],
    )
}

#[test]
fn a_built_response_is_valid_fhir_tagged_with_its_village_and_household_and_carries_the_score() {
    let qr = to_response(shipped("hw-cbac"), &high_risk_woman(), &ctx(Some("h-1")));
    assert!(
        mysehat_fhir::validate(&qr).is_empty(),
        "{:#?}",
        mysehat_fhir::validate(&qr)
    );
    assert_eq!(
        qr["questionnaire"],
        "https://mysehat.in/fhir/Questionnaire/hw-cbac"
    );
    assert_eq!(qr["status"], "completed");
    assert_eq!(qr["subject"], json!({"reference": "Patient/p-1"}));
    assert_eq!(qr["encounter"], json!({"reference": "Encounter/enc-1"}));
    assert_eq!(
        qr["meta"]["tag"],
        json!([
            {"system": "https://mysehat.in/fhir/CodeSystem/village", "code": "v-1"},
            {"system": "https://mysehat.in/fhir/CodeSystem/household", "code": "h-1"}
        ])
    );
    let part_a = &qr["item"][0];
    assert_eq!(part_a["linkId"], "part-a");
    let score = part_a["item"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|i| i["linkId"] == "score")
        .cloned();
    assert_eq!(
        score.map(|s| s["answer"].clone()),
        Some(json!([{"valueInteger": 5}]))
    );
    let sex = &part_a["item"][0]["answer"][0]["valueCoding"];
    assert_eq!(
        sex,
        &json!({"system": "https://mysehat.in/fhir/CodeSystem/hw-cbac", "code": "female", "display": "Female"})
    );
}

#[test]
fn a_built_response_passes_its_own_checks_and_reads_back_to_the_same_answers() {
    let form = shipped("hw-cbac");
    let answers = high_risk_woman();
    let qr = to_response(form, &answers, &ctx(None));
    assert_eq!(validate_response(form, &qr), Ok(evaluate(form, &answers)));
    let mut expected = answers.clone();
    expected.insert("score".into(), vec![int(5)]);
    assert_eq!(response_answers(&qr), Ok(expected));
}

#[test]
fn a_household_response_is_about_the_household_group_and_an_unfinished_one_is_in_progress() {
    let form = shipped("hw-household");
    let qr = to_response(
        form,
        &without(&household(), &["members"]),
        &ctx(Some("h-1")),
    );
    assert_eq!(qr["subject"], json!({"reference": "Group/p-1"}));
    assert_eq!(qr["status"], "in-progress");
    assert_eq!(
        validate_response(form, &qr),
        Err(vec![Problem::MissingRequired {
            link_id: "members".into()
        }])
    );
}

#[test]
fn answers_to_hidden_items_are_left_out_of_a_built_response() {
    let form = shipped("hw-cbac");
    let answers = with(&cbac_low_risk(), &[("waist-men", code("more-than-100"))]);
    let qr = to_response(form, &answers, &ctx(None));
    assert!(!qr.to_string().contains("waist-men"));
    assert!(validate_response(form, &qr).is_ok());
}

fn response(form: &str, items: Value) -> Value {
    json!({
        "resourceType": "QuestionnaireResponse", "status": "completed",
        "questionnaire": format!("https://mysehat.in/fhir/Questionnaire/{form}"), "item": items
    })
}

fn tb_items(overrides: &[(&str, Value)]) -> Value {
    let mut items = Vec::new();
    for link in [
        "cough-2-weeks",
        "fever-2-weeks",
        "weight-loss",
        "night-sweats",
        "blood-in-sputum",
        "tb-contact",
    ] {
        let answer = overrides
            .iter()
            .find(|(l, _)| *l == link)
            .map_or_else(|| json!([{"valueBoolean": false}]), |(_, a)| a.clone());
        items.push(json!({"linkId": link, "answer": answer}));
    }
    Value::Array(items)
}

#[test]
fn a_response_with_each_kind_of_mistake_is_refused_naming_the_item() {
    let tb = shipped("hw-tb");
    let cases = [
        (
            tb_items(&[("tb-contact", json!([]))]),
            Problem::MissingRequired {
                link_id: "tb-contact".into(),
            },
        ),
        (
            tb_items(&[("cough-2-weeks", json!([{"valueInteger": 1}]))]),
            Problem::WrongType {
                link_id: "cough-2-weeks".into(),
                expected: "boolean",
            },
        ),
        (
            tb_items(&[(
                "cough-2-weeks",
                json!([{"valueBoolean": true}, {"valueBoolean": false}]),
            )]),
            Problem::TooManyAnswers {
                link_id: "cough-2-weeks".into(),
            },
        ),
        (
            tb_items(&[("fever-2-weeks", json!([{"valueTime": "10:00:00"}]))]),
            Problem::UnreadableAnswer {
                link_id: "fever-2-weeks".into(),
            },
        ),
        (
            tb_items(&[("night-sweats", json!([{"valueDate": "2024-13-01"}]))]),
            Problem::UnreadableAnswer {
                link_id: "night-sweats".into(),
            },
        ),
    ];
    for (items, problem) in cases {
        assert_eq!(
            validate_response(tb, &response("hw-tb", items)),
            Err(vec![problem.clone()]),
            "{problem}"
        );
    }
    let mut items = tb_items(&[]);
    if let Some(list) = items.as_array_mut() {
        list.push(json!({"linkId": "hiv", "answer": [{"valueBoolean": true}]}));
    }
    assert_eq!(
        validate_response(tb, &response("hw-tb", items)),
        Err(vec![Problem::UnknownItem {
            link_id: "hiv".into()
        }])
    );
}

#[test]
fn an_unknown_option_an_answer_to_a_hidden_item_and_a_wrong_score_are_refused() {
    let form = shipped("hw-cbac");
    let mut qr = to_response(form, &cbac_low_risk(), &ctx(None));
    let part_a = &mut qr["item"][0]["item"];
    part_a[1]["answer"][0]["valueCoding"]["code"] = json!("20-29");
    if let Some(items) = part_a.as_array_mut() {
        items.push(
            json!({"linkId": "waist-men", "answer": [{"valueCoding": {"code": "90-or-less"}}]}),
        );
        for item in items.iter_mut().filter(|i| i["linkId"] == "score") {
            item["answer"] = json!([{"valueInteger": 3}]);
        }
    }
    assert_eq!(
        validate_response(form, &qr),
        Err(vec![
            Problem::NotAnOption {
                link_id: "age".into(),
                option: "20-29".into()
            },
            Problem::AnswerToDisabled {
                link_id: "waist-men".into()
            },
            Problem::ScoreMismatch {
                link_id: "score".into(),
                expected: 0
            },
        ])
    );
}

#[test]
fn a_response_to_another_form_or_not_a_response_at_all_is_refused() {
    let tb = shipped("hw-tb");
    assert_eq!(
        validate_response(tb, &response("hw-anc", tb_items(&[]))),
        Err(vec![Problem::WrongQuestionnaire {
            expected: "https://mysehat.in/fhir/Questionnaire/hw-tb".into(),
            found: "https://mysehat.in/fhir/Questionnaire/hw-anc".into()
        }])
    );
    assert_eq!(
        validate_response(tb, &json!({"resourceType": "Patient"})),
        Err(vec![Problem::NotAResponse])
    );
    let versioned = json!({"resourceType": "QuestionnaireResponse", "status": "completed", "questionnaire": "https://mysehat.in/fhir/Questionnaire/hw-tb|1", "item": tb_items(&[])});
    assert!(validate_response(tb, &versioned).is_ok());
}

#[test]
fn answers_nested_under_answers_are_read_too() {
    let qr = json!({"resourceType": "QuestionnaireResponse", "item": [
        {"linkId": "a", "answer": [{"valueBoolean": true, "item": [{"linkId": "b", "answer": [{"valueString": "x"}]}]}]}
    ]});
    assert_eq!(
        response_answers(&qr),
        Ok(fill(&[("a", yes()), ("b", text("x"))]))
    );
}

#[test]
fn problems_have_stable_codes_and_serialise_with_them() {
    let problem = Problem::ScoreMismatch {
        link_id: "score".into(),
        expected: 5,
    };
    assert_eq!(problem.code(), "score_mismatch");
    assert_eq!(
        serde_json::to_value(&problem).ok(),
        Some(json!({"code": "score_mismatch", "link_id": "score", "expected": 5}))
    );
}
