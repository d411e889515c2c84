//! Helpers shared by the indexing and validation tests.

use mysehat_fhir::{IndexValue, Issue, IssueCode, extract_index, validate};
use serde_json::{Value, json};

pub fn index(resource: &Value, param: &str) -> Vec<IndexValue> {
    let entries = extract_index(resource).unwrap_or_else(|e| panic!("extract failed: {e}"));
    entries
        .into_iter()
        .filter(|e| e.param == param)
        .map(|e| e.value)
        .collect()
}

pub fn token(system: Option<&str>, code: Option<&str>) -> IndexValue {
    IndexValue::Token {
        system: system.map(Into::into),
        code: code.map(Into::into),
        text: None,
    }
}

pub fn text(text: &str) -> IndexValue {
    IndexValue::Token {
        system: None,
        code: None,
        text: Some(text.into()),
    }
}

pub fn reference(ty: Option<&str>, id: Option<&str>, url: Option<&str>) -> IndexValue {
    IndexValue::Reference {
        target_type: ty.map(Into::into),
        target_id: id.map(Into::into),
        url: url.map(Into::into),
    }
}

pub fn date(low_ms: i64, high_ms: i64) -> IndexValue {
    IndexValue::Date { low_ms, high_ms }
}

pub const LOINC: &str = "http://loinc.org";
pub const DAY_2024_03_01: i64 = 1_709_251_200_000;
pub const DAY_MS: i64 = 86_400_000;

/// Parses JSON text: the `json!` macro goes through f64 and would lose `1.50`'s last zero.
pub fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"))
}

pub fn issues(resource: &Value) -> Vec<(IssueCode, String)> {
    validate(resource)
        .into_iter()
        .map(|i| (i.code, i.expression))
        .collect()
}

pub fn one_issue(resource: &Value) -> Issue {
    let mut found = validate(resource);
    assert_eq!(found.len(), 1, "{found:#?}");
    found.remove(0)
}

pub fn observation(extra: Value) -> Value {
    let mut obs = json!({"resourceType": "Observation", "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
        "subject": {"reference": "Patient/1"}});
    if let (Some(obs), Value::Object(extra)) = (obs.as_object_mut(), extra) {
        obs.extend(extra);
    }
    obs
}
