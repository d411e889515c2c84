//! Validation refuses what other FHIR systems could not read, and says where: structure,
//! cardinality, choices, extensions, contained and bundled resources.

use mysehat_fhir::{IssueCode, validate};
use serde_json::json;

use crate::support::{issues, observation, one_issue};

#[test]
fn unknown_resource_types_are_invalid() {
    assert_eq!(
        issues(&json!({"resourceType": "Patients"})),
        vec![(IssueCode::Invalid, String::new())]
    );
    assert_eq!(
        issues(&json!({"id": "x"})),
        vec![(IssueCode::Required, String::new())]
    );
    assert_eq!(
        issues(&json!("Patient")),
        vec![(IssueCode::Invalid, String::new())]
    );
}

#[test]
fn unknown_elements_are_named_with_their_path() {
    let patient = json!({"resourceType": "Patient", "name": [{"family": "X"}, {"given": ["A"], "nickname": "B"}],
        "favouriteColour": "blue"});
    assert_eq!(
        issues(&patient),
        vec![
            (IssueCode::Structure, "Patient.name[1].nickname".into()),
            (IssueCode::Structure, "Patient.favouriteColour".into()),
        ]
    );
}

#[test]
fn resource_type_is_only_allowed_at_a_resource_root() {
    let patient = json!({"resourceType": "Patient", "name": [{"resourceType": "HumanName"}]});
    assert_eq!(
        issues(&patient),
        vec![(IssueCode::Structure, "Patient.name[0].resourceType".into())]
    );
}

#[test]
fn cardinality_decides_array_or_single_value() {
    let single_as_array = json!({"resourceType": "Patient", "gender": ["female"]});
    assert_eq!(
        issues(&single_as_array),
        vec![(IssueCode::Structure, "Patient.gender".into())]
    );
    let array_as_single = json!({"resourceType": "Patient", "name": {"family": "X"}});
    assert_eq!(
        issues(&array_as_single),
        vec![(IssueCode::Structure, "Patient.name".into())]
    );
    let empty = json!({"resourceType": "Patient", "name": []});
    assert_eq!(
        issues(&empty),
        vec![(IssueCode::Structure, "Patient.name".into())]
    );
}

#[test]
fn required_elements_must_be_present() {
    let obs = json!({"resourceType": "Observation", "code": {"text": "x"}});
    let issue = one_issue(&obs);
    assert_eq!(
        (issue.code, issue.expression.as_str()),
        (IssueCode::Required, "Observation.status")
    );
    let link = json!({"resourceType": "Patient", "link": [{"type": "seealso"}]});
    assert_eq!(
        issues(&link),
        vec![(IssueCode::Required, "Patient.link[0].other".into())]
    );
}

#[test]
fn a_primitive_with_only_an_extension_satisfies_a_required_element() {
    let obs = observation(json!({"status": null}));
    let mut obs = obs;
    if let Some(map) = obs.as_object_mut() {
        map.remove("status");
        map.insert(
            "_status".into(),
            json!({"extension": [{"url": "http://example.org/x", "valueString": "y"}]}),
        );
    }
    assert_eq!(validate(&obs), vec![]);
}

#[test]
fn a_choice_allows_one_variant_of_an_allowed_type() {
    let wrong_type = observation(json!({"valueAttachment": {"url": "http://x"}}));
    let issue = one_issue(&wrong_type);
    assert_eq!(
        (issue.code, issue.expression.as_str()),
        (IssueCode::Structure, "Observation.valueAttachment")
    );
    assert!(
        issue.diagnostics.contains("value[x]"),
        "{}",
        issue.diagnostics
    );
    let two = observation(json!({"valueString": "a", "valueBoolean": true}));
    assert_eq!(
        issues(&two),
        vec![(IssueCode::Structure, "Observation.valueBoolean".into())]
    );
}

#[test]
fn simple_quantities_have_no_comparator() {
    let obs = observation(json!({"referenceRange": [{"low": {"value": 1, "comparator": "<"}}]}));
    assert_eq!(
        issues(&obs),
        vec![(
            IssueCode::Structure,
            "Observation.referenceRange[0].low.comparator".into()
        )]
    );
}

#[test]
fn extensions_need_a_url_everywhere() {
    let patient = json!({"resourceType": "Patient", "name": [{"family": "X",
        "extension": [{"valueString": "no url"}]}]});
    assert_eq!(
        issues(&patient),
        vec![(
            IssueCode::Required,
            "Patient.name[0].extension[0].url".into()
        )]
    );
    let on_primitive =
        json!({"resourceType": "Patient", "_gender": {"extension": [{"valueCode": "x"}]}});
    assert_eq!(
        issues(&on_primitive),
        vec![(
            IssueCode::Required,
            "Patient.gender.extension[0].url".into()
        )]
    );
}

#[test]
fn primitive_extensions_may_only_carry_id_and_extension() {
    let patient = json!({"resourceType": "Patient", "_gender": {"value": "female"}});
    assert_eq!(
        issues(&patient),
        vec![(IssueCode::Structure, "Patient.gender.value".into())]
    );
    let on_complex = json!({"resourceType": "Patient", "_name": [{"id": "n"}]});
    assert_eq!(
        issues(&on_complex),
        vec![(IssueCode::Structure, "Patient._name".into())]
    );
}

#[test]
fn nulls_are_only_allowed_opposite_a_primitive_extension() {
    let aligned = json!({"resourceType": "Patient", "name": [{"given": [null, "Devi"],
        "_given": [{"extension": [{"url": "http://example.org/x", "valueString": "y"}]}, null]}]});
    assert_eq!(validate(&aligned), vec![]);
    let bare = json!({"resourceType": "Patient", "name": [{"given": [null, "Devi"]}]});
    assert_eq!(
        issues(&bare),
        vec![(IssueCode::Value, "Patient.name[0].given[0]".into())]
    );
}

#[test]
fn contained_resources_are_validated_in_place() {
    let obs = observation(json!({"contained": [
        {"resourceType": "Patient", "id": "p", "gender": "woman"},
        {"resourceType": "Nope", "id": "q"}]}));
    assert_eq!(
        issues(&obs),
        vec![
            (
                IssueCode::CodeInvalid,
                "Observation.contained[0].gender".into()
            ),
            (IssueCode::Invalid, "Observation.contained[1]".into()),
        ]
    );
}

#[test]
fn bundle_entries_are_validated_as_resources() {
    let bundle = json!({"resourceType": "Bundle", "type": "transaction", "entry": [
        {"fullUrl": "urn:uuid:8f2b9c1e-2d5a-4b0c-9e3f-1a2b3c4d5e6f",
         "resource": {"resourceType": "Patient", "birthDate": "1990-13-01"},
         "request": {"method": "POST", "url": "Patient"}}]});
    assert_eq!(
        issues(&bundle),
        vec![(
            IssueCode::Value,
            "Bundle.entry[0].resource.birthDate".into()
        )]
    );
}

#[test]
fn backbone_elements_referenced_by_content_reference_are_checked_recursively() {
    let q = json!({"resourceType": "Questionnaire", "status": "active", "item": [
        {"linkId": "1", "type": "group", "item": [{"type": "string", "text": "Name"}]}]});
    assert_eq!(
        issues(&q),
        vec![(
            IssueCode::Required,
            "Questionnaire.item[0].item[0].linkId".into()
        )]
    );
}

#[test]
fn issues_come_in_a_stable_order() {
    let patient =
        json!({"resourceType": "Patient", "zeta": 1, "gender": "x", "alpha": 2, "link": [{}]});
    let first = validate(&patient);
    assert_eq!(first, validate(&patient));
    let order: Vec<&str> = first.iter().map(|i| i.expression.as_str()).collect();
    assert_eq!(
        order,
        [
            "Patient.zeta",
            "Patient.gender",
            "Patient.alpha",
            "Patient.link[0]"
        ]
    );
}
