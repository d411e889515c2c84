//! Date, reference, quantity, number and uri parameters index what FHIR search matches on.

use mysehat_fhir::{IndexValue, extract_index};
use serde_json::json;

use crate::support::{DAY_2024_03_01, DAY_MS, date, index, parse, reference};

#[test]
fn dates_index_their_precision_and_periods_their_open_ends() {
    let born = json!({"resourceType": "Patient", "birthDate": "2024-03-01"});
    assert_eq!(
        index(&born, "birthdate"),
        vec![date(DAY_2024_03_01, DAY_2024_03_01 + DAY_MS - 1)]
    );

    let ongoing = json!({"resourceType": "Encounter", "status": "in-progress", "class": {"code": "AMB"},
        "period": {"start": "2024-03-01"}});
    assert_eq!(
        index(&ongoing, "date"),
        vec![date(DAY_2024_03_01, i64::MAX)]
    );

    let ended = json!({"resourceType": "Encounter", "status": "finished", "class": {"code": "AMB"},
        "period": {"end": "2024-03-01"}});
    assert_eq!(
        index(&ended, "date"),
        vec![date(i64::MIN, DAY_2024_03_01 + DAY_MS - 1)]
    );
}

#[test]
fn an_uncast_choice_indexes_whichever_variant_is_present() {
    let at = json!({"resourceType": "Observation", "status": "final", "code": {"text": "x"},
        "effectiveDateTime": "2024-03-01T10:00:05Z"});
    assert_eq!(
        index(&at, "date"),
        vec![date(1_709_287_205_000, 1_709_287_205_999)]
    );
    let over = json!({"resourceType": "Observation", "status": "final", "code": {"text": "x"},
        "effectivePeriod": {"start": "2024-03-01", "end": "2024-03-01"}});
    assert_eq!(
        index(&over, "date"),
        vec![date(DAY_2024_03_01, DAY_2024_03_01 + DAY_MS - 1)]
    );
    let timing = json!({"resourceType": "MedicationRequest", "status": "active", "intent": "order",
        "subject": {"reference": "Patient/1"}, "medicationCodeableConcept": {"text": "x"},
        "dosageInstruction": [{"timing": {"event": ["2024-03-01", "2024"]}}]});
    assert!(extract_index(&timing).is_ok());
}

#[test]
fn references_are_split_in_every_form() {
    let cases = [
        ("Patient/123", reference(Some("Patient"), Some("123"), None)),
        (
            "Patient/123/_history/2",
            reference(Some("Patient"), Some("123"), None),
        ),
        (
            "https://fhir.example.in/fhir/Patient/123",
            reference(
                Some("Patient"),
                Some("123"),
                Some("https://fhir.example.in/fhir/Patient/123"),
            ),
        ),
        (
            "https://fhir.example.in/fhir/Patient/123/_history/4",
            reference(
                Some("Patient"),
                Some("123"),
                Some("https://fhir.example.in/fhir/Patient/123"),
            ),
        ),
        (
            "urn:uuid:0b6c3bd4-5c2e-4d3b-9c1f-2f0e7c3a9d11",
            reference(
                None,
                None,
                Some("urn:uuid:0b6c3bd4-5c2e-4d3b-9c1f-2f0e7c3a9d11"),
            ),
        ),
    ];
    for (written, expected) in cases {
        let obs = json!({"resourceType": "Observation", "status": "final", "code": {"text": "x"},
            "subject": {"reference": written}});
        assert_eq!(index(&obs, "subject"), vec![expected], "{written}");
    }
    let contained = json!({"resourceType": "Observation", "status": "final", "code": {"text": "x"},
        "subject": {"reference": "#p1"}});
    assert_eq!(index(&contained, "subject"), vec![]);
}

#[test]
fn canonical_references_drop_the_version() {
    let answers = json!({"resourceType": "QuestionnaireResponse", "status": "completed",
        "questionnaire": "http://mysehat.in/Questionnaire/phq-9|2.1"});
    assert_eq!(
        index(&answers, "questionnaire"),
        vec![reference(
            None,
            None,
            Some("http://mysehat.in/Questionnaire/phq-9")
        )]
    );
}

#[test]
fn resolve_is_filters_references_by_target_type() {
    let by_patient = json!({"resourceType": "Observation", "status": "final", "code": {"text": "x"},
        "subject": {"reference": "Patient/1"}});
    let by_group = json!({"resourceType": "Observation", "status": "final", "code": {"text": "x"},
        "subject": {"reference": "Group/7"}});
    assert_eq!(
        index(&by_patient, "patient"),
        vec![reference(Some("Patient"), Some("1"), None)]
    );
    assert_eq!(index(&by_group, "patient"), vec![]);
    assert_eq!(
        index(&by_group, "subject"),
        vec![reference(Some("Group"), Some("7"), None)]
    );
}

#[test]
fn quantities_keep_units_and_the_precision_range() {
    let obs = parse(
        r#"{"resourceType": "Observation", "status": "final", "code": {"text": "Hb"},
            "valueQuantity": {"value": 1.50, "unit": "g/dL", "system": "http://unitsofmeasure.org", "code": "g/dL"}}"#,
    );
    let Some(IndexValue::Quantity {
        value,
        low,
        high,
        system,
        code,
        unit,
    }) = index(&obs, "value-quantity").pop()
    else {
        panic!("no quantity");
    };
    assert_eq!((value, low, high), (1.5, 1.495, 1.505));
    assert_eq!(system.as_deref(), Some("http://unitsofmeasure.org"));
    assert_eq!(
        (code.as_deref(), unit.as_deref()),
        (Some("g/dL"), Some("g/dL"))
    );
}

#[test]
fn decimal_precision_comes_from_the_json_text() {
    let obs = parse(
        r#"{"resourceType": "Observation", "status": "final", "code": {"text": "t"},
            "valueQuantity": {"value": 37.00}}"#,
    );
    let Some(IndexValue::Quantity { low, high, .. }) = index(&obs, "value-quantity").pop() else {
        panic!("no quantity");
    };
    assert_eq!((low, high), (36.995, 37.005));
}

#[test]
fn money_and_ranges_are_quantities() {
    let charge = json!({"resourceType": "ChargeItem", "status": "billable", "code": {"text": "x"},
        "subject": {"reference": "Patient/1"}, "priceOverride": {"value": 250, "currency": "INR"}});
    assert_eq!(
        index(&charge, "price-override"),
        vec![IndexValue::Quantity {
            value: 250.0,
            low: 249.5,
            high: 250.5,
            system: Some("urn:iso:std:iso:4217".into()),
            code: Some("INR".into()),
            unit: None,
        }]
    );
    let onset = json!({"resourceType": "Condition", "subject": {"reference": "Patient/1"},
        "onsetRange": {"low": {"value": 40, "system": "http://unitsofmeasure.org", "code": "a"}}});
    assert_eq!(
        index(&onset, "onset-age"),
        vec![IndexValue::Quantity {
            value: 40.0,
            low: 39.5,
            high: f64::MAX,
            system: Some("http://unitsofmeasure.org".into()),
            code: Some("a".into()),
            unit: None,
        }]
    );
}

#[test]
fn numbers_and_uris_are_indexed() {
    let risk = json!({"resourceType": "RiskAssessment", "status": "final", "subject": {"reference": "Patient/1"},
        "prediction": [{"probabilityDecimal": 0.25}]});
    assert_eq!(
        index(&risk, "probability"),
        vec![IndexValue::Number {
            value: 0.25,
            low: 0.245,
            high: 0.255
        }]
    );
    let vs = json!({"resourceType": "ValueSet", "status": "active", "url": "http://mysehat.in/ValueSet/x"});
    assert_eq!(
        index(&vs, "url"),
        vec![IndexValue::Uri("http://mysehat.in/ValueSet/x".into())]
    );
}

#[test]
fn the_first_bundle_entry_is_the_document_composition() {
    let bundle = json!({"resourceType": "Bundle", "type": "document", "entry": [
        {"resource": {"resourceType": "Composition", "id": "c1"}},
        {"resource": {"resourceType": "Patient", "id": "p1"}}
    ]});
    assert_eq!(
        index(&bundle, "composition"),
        vec![reference(Some("Composition"), Some("c1"), None)]
    );
}
