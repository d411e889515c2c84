//! Skip logic (`enableWhen`) and required items on small hand-made questionnaires: every
//! operator, both behaviours, nested groups, chains and cycles.

use crate::support::*;
use mysehat_hw::{Answers, Evaluation, Form, evaluate};
use serde_json::{Value, json};

fn form(items: Value) -> Form {
    Form::parse(&json!({
        "resourceType": "Questionnaire", "id": "t", "url": "https://example.org/t", "status": "active",
        "item": items
    }))
    .expect("test form")
}

/// A form with a question `q` of `kind` and an item `shown` enabled when `q <operator> answer`.
fn guarded(kind: &str, operator: &str, answer: (&str, Value)) -> Form {
    let mut condition = json!({"question": "q", "operator": operator});
    condition[answer.0] = answer.1;
    form(json!([
        {"linkId": "q", "type": kind, "repeats": true},
        {"linkId": "shown", "type": "string", "required": true, "enableWhen": [condition]}
    ]))
}

fn shown(f: &Form, answers: &Answers) -> bool {
    evaluate(f, answers).enabled.contains(&"shown".to_owned())
}

#[test]
fn exists_checks_whether_the_question_has_an_answer() {
    let when_answered = guarded("integer", "exists", ("answerBoolean", json!(true)));
    let when_blank = guarded("integer", "exists", ("answerBoolean", json!(false)));
    assert!(!shown(&when_answered, &Answers::new()));
    assert!(shown(&when_blank, &Answers::new()));
    let answered = fill(&[("q", int(0))]);
    assert!(shown(&when_answered, &answered));
    assert!(!shown(&when_blank, &answered));
}

#[test]
fn equals_needs_one_matching_answer_and_not_equals_needs_none() {
    let equal = guarded("choice", "=", ("answerCoding", json!({"code": "b"})));
    let not_equal = guarded("choice", "!=", ("answerCoding", json!({"code": "b"})));
    let a = fill(&[("q", code("a"))]);
    let ab = fill(&[("q", code("a")), ("q", code("b"))]);
    assert!(!shown(&equal, &a));
    assert!(shown(&equal, &ab));
    assert!(shown(&not_equal, &a));
    assert!(!shown(&not_equal, &ab));
    assert!(!shown(&equal, &Answers::new()));
    assert!(shown(&not_equal, &Answers::new()), "no answer equals b");
}

#[test]
fn booleans_strings_and_dates_compare_by_value() {
    let yes_form = guarded("boolean", "=", ("answerBoolean", json!(true)));
    assert!(shown(&yes_form, &fill(&[("q", yes())])));
    assert!(!shown(&yes_form, &fill(&[("q", no())])));
    let string_form = guarded("string", "=", ("answerString", json!("x")));
    assert!(shown(&string_form, &fill(&[("q", text("x"))])));
    assert!(!shown(&string_form, &fill(&[("q", text("X"))])));
    let date_form = guarded("date", "=", ("answerDate", json!("2024-01-31")));
    assert!(shown(&date_form, &fill(&[("q", date("2024-01-31"))])));
}

#[test]
fn ordering_operators_compare_numbers_at_their_boundaries() {
    let cases = [
        (">", [false, false, true]),
        ("<", [true, false, false]),
        (">=", [false, true, true]),
        ("<=", [true, true, false]),
    ];
    for (operator, expected) in cases {
        let f = guarded("integer", operator, ("answerInteger", json!(5)));
        let got = [4, 5, 6].map(|n| shown(&f, &fill(&[("q", int(n))])));
        assert_eq!(got, expected, "{operator}");
        assert!(!shown(&f, &Answers::new()), "{operator} with no answer");
    }
    let decimal = guarded("decimal", "<", ("answerDecimal", json!(7)));
    assert!(shown(&decimal, &fill(&[("q", dec(6.95))])));
    assert!(!shown(&decimal, &fill(&[("q", dec(7.0))])));
    let mixed = guarded("integer", ">", ("answerDecimal", json!(4.5)));
    assert!(shown(&mixed, &fill(&[("q", int(5))])));
}

#[test]
fn ordering_operators_compare_dates_and_never_compare_unlike_values() {
    let after = guarded("date", ">", ("answerDate", json!("2024-01-31")));
    assert!(shown(&after, &fill(&[("q", date("2024-02-01"))])));
    assert!(!shown(&after, &fill(&[("q", date("2024-01-31"))])));
    let numbers = guarded("string", ">", ("answerInteger", json!(1)));
    assert!(!shown(&numbers, &fill(&[("q", text("9"))])));
    let codes = guarded("choice", ">", ("answerCoding", json!({"code": "a"})));
    assert!(!shown(&codes, &fill(&[("q", code("b"))])));
}

fn two_conditions(behavior: &str) -> Form {
    form(json!([
        {"linkId": "a", "type": "boolean"},
        {"linkId": "b", "type": "boolean"},
        {"linkId": "shown", "type": "string", "enableBehavior": behavior, "enableWhen": [
            {"question": "a", "operator": "=", "answerBoolean": true},
            {"question": "b", "operator": "=", "answerBoolean": true}
        ]}
    ]))
}

#[test]
fn enable_behavior_any_needs_one_condition_and_all_needs_every_one() {
    let any = two_conditions("any");
    let all = two_conditions("all");
    let one = fill(&[("a", yes()), ("b", no())]);
    let both = fill(&[("a", yes()), ("b", yes())]);
    assert!(shown(&any, &one));
    assert!(!shown(&all, &one));
    assert!(shown(&all, &both));
    assert!(!shown(&any, &Answers::new()));
}

fn nested() -> Form {
    form(json!([
        {"linkId": "has-child", "type": "boolean", "required": true},
        {"linkId": "child", "type": "group", "enableWhen": [{"question": "has-child", "operator": "=", "answerBoolean": true}], "item": [
            {"linkId": "child-age", "type": "integer", "required": true},
            {"linkId": "inner", "type": "group", "item": [
                {"linkId": "weight", "type": "decimal", "required": true},
                {"linkId": "note", "type": "display"}
            ]}
        ]},
        {"linkId": "infant", "type": "boolean", "required": true, "enableWhen": [{"question": "child-age", "operator": "<", "answerInteger": 1}]}
    ]))
}

#[test]
fn items_in_a_disabled_group_are_disabled_and_never_missing() {
    let e: Evaluation = evaluate(
        &nested(),
        &fill(&[("has-child", no()), ("child-age", int(0))]),
    );
    assert_eq!(e.enabled, ["has-child"]);
    assert!(e.missing.is_empty());
}

#[test]
fn an_enabled_group_shows_its_nested_items_in_form_order_and_lists_what_is_missing() {
    let e = evaluate(&nested(), &fill(&[("has-child", yes())]));
    assert_eq!(
        e.enabled,
        ["has-child", "child", "child-age", "inner", "weight", "note"]
    );
    assert_eq!(e.missing, ["child-age", "weight"]);
    let e = evaluate(
        &nested(),
        &fill(&[
            ("has-child", yes()),
            ("child-age", int(0)),
            ("weight", dec(4.2)),
        ]),
    );
    assert_eq!(e.missing, ["infant"]);
}

#[test]
fn answers_of_a_disabled_item_do_not_enable_others() {
    let e = evaluate(
        &nested(),
        &fill(&[
            ("has-child", no()),
            ("child-age", int(0)),
            ("infant", yes()),
        ]),
    );
    assert!(!e.enabled.contains(&"infant".to_owned()));
}

#[test]
fn items_that_each_need_the_others_answer_are_both_disabled() {
    let f = form(json!([
        {"linkId": "a", "type": "boolean", "enableWhen": [{"question": "b", "operator": "=", "answerBoolean": true}]},
        {"linkId": "b", "type": "boolean", "enableWhen": [{"question": "a", "operator": "=", "answerBoolean": true}]},
        {"linkId": "c", "type": "boolean"}
    ]));
    let e = evaluate(&f, &fill(&[("a", yes()), ("b", yes())]));
    assert_eq!(e.enabled, ["c"]);
}

#[test]
fn required_read_only_and_display_items_are_never_missing_and_empty_answer_lists_are() {
    let f = form(json!([
        {"linkId": "name", "type": "string", "required": true},
        {"linkId": "computed", "type": "integer", "required": true, "readOnly": true},
        {"linkId": "note", "type": "display"},
        {"linkId": "optional", "type": "string"}
    ]));
    let mut answers = Answers::new();
    answers.insert("name".into(), Vec::new());
    assert_eq!(evaluate(&f, &answers).missing, ["name"]);
    assert!(
        evaluate(&f, &fill(&[("name", text("Asha"))]))
            .missing
            .is_empty()
    );
}

#[test]
fn household_disability_details_are_asked_only_when_someone_has_a_disability() {
    let household_form = shipped("hw-household");
    let e = evaluate(household_form, &household());
    assert!(e.missing.is_empty() && e.flags.is_empty());
    assert!(!e.enabled.contains(&"disability-details".to_owned()));
    let e = evaluate(
        household_form,
        &with(&household(), &[("disability", yes())]),
    );
    assert_eq!(e.missing, ["disability-details"]);
}

#[test]
fn immunisation_asks_about_the_adverse_event_only_when_there_was_one() {
    let f = shipped("hw-immunisation");
    let answers = immunisation("2024-01-01", &["bcg"]);
    assert!(evaluate(f, &answers).missing.is_empty());
    let e = evaluate(f, &with(&answers, &[("adverse-event", yes())]));
    assert_eq!(e.missing, ["adverse-event-details"]);
    assert!(evaluate(f, &Answers::new()).missing == ["dob", "adverse-event"]);
}
