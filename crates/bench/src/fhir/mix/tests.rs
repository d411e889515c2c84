//! What the mix counts as a right answer, shape by shape.

use super::{Shape, encode};
use serde_json::{Value, json};

fn searchset(resources: Vec<Value>) -> Value {
    let entry: Vec<Value> = resources
        .into_iter()
        .map(|r| json!({"resource": r, "search": {"mode": "match"}}))
        .collect();
    json!({"resourceType": "Bundle", "type": "searchset", "entry": entry})
}

fn observation(id: &str, patient: &str, code: &str, date: &str) -> Value {
    json!({"resourceType": "Observation", "id": id, "subject": {"reference": format!("Patient/{patient}")},
        "code": {"coding": [{"system": "http://loinc.org", "code": code}]}, "effectiveDateTime": date})
}

#[test]
fn requests_carry_the_parameters_of_each_shape() {
    assert_eq!(
        Shape::Read.request("o1"),
        ("/Observation/o1".to_owned(), vec![])
    );
    let (path, query) = Shape::Token.request("8302-2");
    assert_eq!(path, "/Observation");
    assert_eq!(
        query,
        [
            ("code", "http://loinc.org|8302-2".to_owned()),
            ("_count", "20".to_owned())
        ]
    );
    let (_, query) = Shape::SubjectDate.request("p1");
    assert_eq!(
        query,
        [
            ("subject", "Patient/p1"),
            ("date", "ge2015-01-01"),
            ("_sort", "-date"),
            ("_count", "10")
        ]
        .map(|(k, v)| (k, v.to_owned()))
    );
    assert_eq!(
        Shape::Family.request("oha").1,
        [("family", "oha".to_owned())]
    );
}

#[test]
fn a_read_must_return_the_observation_asked_for() {
    assert!(
        Shape::Read
            .check("o1", &observation("o1", "p", "c", "2020"))
            .is_ok()
    );
    assert!(
        Shape::Read
            .check("o1", &observation("o2", "p", "c", "2020"))
            .is_err()
    );
    assert!(
        Shape::Read
            .check("o1", &json!({"resourceType": "OperationOutcome"}))
            .is_err()
    );
}

#[test]
fn searches_must_find_something_and_only_what_fits() {
    let hit = searchset(vec![
        observation("o1", "p1", "8302-2", "2021-01-01"),
        observation("o2", "p1", "8302-2", "2019-01-01"),
    ]);
    assert!(Shape::Token.check("8302-2", &hit).is_ok());
    assert!(Shape::Token.check("29463-7", &hit).is_err());
    assert!(Shape::Subject.check("p1", &hit).is_ok());
    assert!(Shape::Subject.check("p2", &hit).is_err());
    assert!(Shape::Subject.check("p1", &searchset(vec![])).is_err());
    assert!(
        Shape::Subject
            .check("p1", &json!({"resourceType": "Bundle", "type": "history"}))
            .is_err()
    );
}

#[test]
fn included_resources_do_not_count_as_matches() {
    let mut bundle = searchset(vec![observation("o1", "p1", "c", "2021")]);
    bundle["entry"].as_array_mut().expect("entries").push(
        json!({"resource": {"resourceType": "Patient", "id": "p1"}, "search": {"mode": "include"}}),
    );
    assert!(Shape::Subject.check("p1", &bundle).is_ok());
}

#[test]
fn family_search_matches_any_family_by_case_insensitive_prefix() {
    let patient = json!({"resourceType": "Patient", "id": "p", "name": [{"given": ["A"]}, {"family": "O'Hara248"}]});
    assert!(
        Shape::Family
            .check("o'h", &searchset(vec![patient.clone()]))
            .is_ok()
    );
    assert!(
        Shape::Family
            .check("smi", &searchset(vec![patient]))
            .is_err()
    );
}

#[test]
fn date_search_must_be_recent_and_newest_first() {
    let newest_first = searchset(vec![
        observation("a", "p", "c", "2021-03-01"),
        observation("b", "p", "c", "2016-01-01"),
    ]);
    assert!(Shape::SubjectDate.check("p", &newest_first).is_ok());
    let oldest_first = searchset(vec![
        observation("b", "p", "c", "2016-01-01"),
        observation("a", "p", "c", "2021-03-01"),
    ]);
    assert!(
        Shape::SubjectDate
            .check("p", &oldest_first)
            .expect_err("unsorted")
            .contains("sorted")
    );
    let too_old = searchset(vec![observation("a", "p", "c", "2014-12-31")]);
    assert!(Shape::SubjectDate.check("p", &too_old).is_err());
}

#[test]
fn queries_are_percent_encoded() {
    let query = [
        ("code", "http://loinc.org|8302-2".to_owned()),
        ("family", "o'h é".to_owned()),
        ("_count", "20".to_owned()),
    ];
    assert_eq!(
        encode(&query),
        "code=http%3A%2F%2Floinc.org%7C8302-2&family=o%27h%20%C3%A9&_count=20"
    );
    assert_eq!(encode(&[]), "");
}
