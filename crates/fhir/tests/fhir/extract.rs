//! Token and string parameters, the common parameters, and what indexing refuses.

use mysehat_fhir::{ExtractError, IndexValue, extract_index};
use serde_json::json;

use crate::support::{LOINC, date, index, text, token};

#[test]
fn a_codeable_concept_indexes_each_coding_and_its_texts() {
    let obs = json!({"resourceType": "Observation", "status": "final", "code": {
        "coding": [
            {"system": LOINC, "code": "8867-4", "display": "Heart rate"},
            {"system": "http://snomed.info/sct", "code": "364075005"}
        ],
        "text": "Pulse (at rest)"
    }});
    assert_eq!(
        index(&obs, "code"),
        vec![
            token(Some(LOINC), Some("8867-4")),
            text("heart rate"),
            token(Some("http://snomed.info/sct"), Some("364075005")),
            text("pulse (at rest)"),
        ]
    );
    assert_eq!(index(&obs, "status"), vec![token(None, Some("final"))]);
}

#[test]
fn identifiers_and_telecoms_index_system_and_value() {
    let patient = json!({"resourceType": "Patient",
        "identifier": [{"system": "https://abdm.gov.in/abha", "value": "91-1234-5678-9012",
                        "type": {"text": "ABHA number"}}],
        "telecom": [{"system": "phone", "value": "+91 98765 43210"},
                    {"system": "email", "value": "sunita@example.in"}],
        "active": true
    });
    assert_eq!(
        index(&patient, "identifier"),
        vec![
            token(Some("https://abdm.gov.in/abha"), Some("91-1234-5678-9012")),
            text("abha number"),
        ]
    );
    assert_eq!(index(&patient, "telecom").len(), 2);
    assert_eq!(
        index(&patient, "email"),
        vec![token(Some("email"), Some("sunita@example.in"))]
    );
    assert_eq!(
        index(&patient, "phone"),
        vec![token(Some("phone"), Some("+91 98765 43210"))]
    );
    assert_eq!(index(&patient, "active"), vec![token(None, Some("true"))]);
}

#[test]
fn names_and_addresses_index_every_part_normalised() {
    let patient = json!({"resourceType": "Patient",
        "name": [{"family": "Müller", "given": ["Anna", "Maria"], "prefix": ["Dr."]},
                 {"text": "सुनीता देवी"}],
        "address": [{"line": ["12 MG Road"], "city": "Varanasi", "district": "Varanasi district",
                     "state": "Uttar Pradesh", "postalCode": "221001", "country": "IN"}]
    });
    let names = index(&patient, "name");
    assert!(names.contains(&IndexValue::String {
        normalized: "muller".into(),
        exact: "Müller".into()
    }));
    assert!(names.contains(&IndexValue::String {
        normalized: "सुनीता देवी".into(),
        exact: "सुनीता देवी".into()
    }));
    assert_eq!(names.len(), 5);
    assert_eq!(
        index(&patient, "family"),
        vec![IndexValue::String {
            normalized: "muller".into(),
            exact: "Müller".into()
        }]
    );
    assert_eq!(index(&patient, "given").len(), 2);
    assert_eq!(index(&patient, "address").len(), 6);
    assert_eq!(
        index(&patient, "address-postalcode"),
        vec![IndexValue::String {
            normalized: "221001".into(),
            exact: "221001".into()
        }]
    );
}

#[test]
fn common_parameters_apply_to_every_type() {
    let patient = json!({"resourceType": "Patient", "id": "p1", "meta": {
        "lastUpdated": "2024-03-01T10:00:05.123Z",
        "tag": [{"system": "http://mysehat.in/tags", "code": "village-12"}],
        "profile": ["http://mysehat.in/StructureDefinition/patient"]}});
    assert_eq!(index(&patient, "_id"), vec![token(None, Some("p1"))]);
    assert_eq!(
        index(&patient, "_lastUpdated"),
        vec![date(1_709_287_205_123, 1_709_287_205_123)]
    );
    assert_eq!(
        index(&patient, "_tag"),
        vec![token(Some("http://mysehat.in/tags"), Some("village-12"))]
    );
    assert_eq!(
        index(&patient, "_profile"),
        vec![IndexValue::Uri(
            "http://mysehat.in/StructureDefinition/patient".into()
        )]
    );
}

#[test]
fn extension_parameters_read_the_extension_value() {
    let patient = json!({"resourceType": "Patient", "extension": [
        {"url": "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName", "valueString": "Gupta"},
        {"url": "http://hl7.org/fhir/StructureDefinition/patient-extensions-Patient-mothersMaidenName", "valueString": "Sharma"}
    ]});
    assert_eq!(
        index(&patient, "mothersMaidenName"),
        vec![IndexValue::String {
            normalized: "sharma".into(),
            exact: "Sharma".into()
        }]
    );
}

#[test]
fn deceased_is_true_when_present_and_not_false() {
    let alive = json!({"resourceType": "Patient"});
    let dead = json!({"resourceType": "Patient", "deceasedDateTime": "2024-03-01"});
    let not_dead = json!({"resourceType": "Patient", "deceasedBoolean": false});
    assert_eq!(index(&alive, "deceased"), vec![token(None, Some("false"))]);
    assert_eq!(index(&dead, "deceased"), vec![token(None, Some("true"))]);
    assert_eq!(
        index(&not_dead, "deceased"),
        vec![token(None, Some("false"))]
    );
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    assert_eq!(extract_index(&json!([1])), Err(ExtractError::NotAnObject));
    assert_eq!(
        extract_index(&json!({})),
        Err(ExtractError::MissingResourceType)
    );
    assert_eq!(
        extract_index(&json!({"resourceType": "Patients"})),
        Err(ExtractError::UnknownResourceType("Patients".into()))
    );
    let bad_date = json!({"resourceType": "Patient", "birthDate": "2024-02-30"});
    assert!(matches!(
        extract_index(&bad_date),
        Err(ExtractError::InvalidValue {
            param: "birthdate",
            ..
        })
    ));
}
