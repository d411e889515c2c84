//! Validation of values: primitive formats, JSON types, ranges and required code bindings.

use mysehat_fhir::{IssueCode, validate};
use serde_json::json;

use crate::support::{issues, observation, one_issue};

#[test]
fn a_well_formed_resource_has_no_issues() {
    let patient = json!({"resourceType": "Patient", "id": "p-1", "active": true,
        "name": [{"family": "देवी", "given": ["सुनीता"]}], "gender": "female", "birthDate": "1990-05",
        "telecom": [{"system": "phone", "value": "+919876543210"}],
        "_birthDate": {"extension": [{"url": "http://example.org/accuracy", "valueCode": "estimated"}]},
        "contact": [{"name": {"text": "Ramesh"}, "telecom": [{"system": "phone", "value": "108"}]}]});
    assert_eq!(validate(&patient), vec![]);
    assert_eq!(
        validate(&observation(
            json!({"valueQuantity": {"value": 72, "unit": "/min"}})
        )),
        vec![]
    );
}

#[test]
fn malformed_dates_are_refused_where_they_are() {
    let bad = json!({"resourceType": "Patient", "birthDate": "01-05-1990"});
    assert_eq!(
        issues(&bad),
        vec![(IssueCode::Value, "Patient.birthDate".into())]
    );
    let not_a_day = json!({"resourceType": "Patient", "birthDate": "2023-02-29"});
    assert_eq!(
        issues(&not_a_day),
        vec![(IssueCode::Value, "Patient.birthDate".into())]
    );
    let zone_less_time = observation(json!({"effectiveDateTime": "2024-03-01T10:00:00"}));
    assert_eq!(
        issues(&zone_less_time),
        vec![(IssueCode::Value, "Observation.effectiveDateTime".into())]
    );
    let instant_without_time = observation(json!({"issued": "2024-03-01"}));
    assert_eq!(
        issues(&instant_without_time),
        vec![(IssueCode::Value, "Observation.issued".into())]
    );
}

#[test]
fn codes_outside_a_required_value_set_are_refused() {
    let patient = json!({"resourceType": "Patient", "gender": "F"});
    let issue = one_issue(&patient);
    assert_eq!(
        (issue.code, issue.expression.as_str()),
        (IssueCode::CodeInvalid, "Patient.gender")
    );
    assert!(
        issue.diagnostics.contains("administrative-gender"),
        "{}",
        issue.diagnostics
    );
    let obs = observation(json!({"status": "done"}));
    assert_eq!(
        issues(&obs),
        vec![(IssueCode::CodeInvalid, "Observation.status".into())]
    );
}

#[test]
fn codings_in_the_bound_system_must_use_its_codes() {
    let wrong = json!({"resourceType": "AllergyIntolerance", "patient": {"reference": "Patient/1"},
        "clinicalStatus": {"coding": [
            {"system": "http://example.org/local", "code": "on"},
            {"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "code": "on"}]}});
    assert_eq!(
        issues(&wrong),
        vec![(
            IssueCode::CodeInvalid,
            "AllergyIntolerance.clinicalStatus.coding[1]".into()
        )]
    );
}

#[test]
fn codes_must_not_have_surrounding_whitespace() {
    let obs = json!({"resourceType": "Patient", "language": " hi"});
    assert_eq!(
        issues(&obs),
        vec![(IssueCode::Value, "Patient.language".into())]
    );
}

#[test]
fn json_types_must_match_the_fhir_type() {
    let patient = json!({"resourceType": "Patient", "active": "true", "multipleBirthInteger": "2",
        "name": ["Sunita"]});
    assert_eq!(
        issues(&patient),
        vec![
            (IssueCode::Structure, "Patient.active".into()),
            (IssueCode::Structure, "Patient.multipleBirthInteger".into()),
            (IssueCode::Structure, "Patient.name[0]".into()),
        ]
    );
}

#[test]
fn integers_must_be_whole_and_in_range() {
    let fraction = json!({"resourceType": "Patient", "multipleBirthInteger": 1.5});
    assert_eq!(
        issues(&fraction),
        vec![(IssueCode::Value, "Patient.multipleBirthInteger".into())]
    );
    let too_big = json!({"resourceType": "Patient", "multipleBirthInteger": 3_000_000_000_i64});
    assert_eq!(
        issues(&too_big),
        vec![(IssueCode::Value, "Patient.multipleBirthInteger".into())]
    );
    let zero_positive = json!({"resourceType": "Patient", "photo": [{"size": -1}]});
    assert_eq!(
        issues(&zero_positive),
        vec![(IssueCode::Value, "Patient.photo[0].size".into())]
    );
}

#[test]
fn strings_must_not_be_empty() {
    let patient = json!({"resourceType": "Patient", "name": [{"family": ""}]});
    assert_eq!(
        issues(&patient),
        vec![(IssueCode::Value, "Patient.name[0].family".into())]
    );
}
