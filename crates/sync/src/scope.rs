//! Sync scopes: the sets of records a device pulls. A health worker pulls her villages
//! (`v:<village id>`), a patient their own compartment (`p:<patient id>`). A record's scopes
//! are derived from the record itself when it is written, so pulling a scope is an index lookup.

use serde_json::Value;
use std::fmt;

/// `meta.tag` system naming the village (a `Location` id) a field record belongs to.
pub const VILLAGE_TAG: &str = "https://mysehat.in/fhir/CodeSystem/village";
/// `meta.tag` system naming the household (a `Group` id) a field record belongs to.
pub const HOUSEHOLD_TAG: &str = "https://mysehat.in/fhir/CodeSystem/household";

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    Village(String),
    Patient(String),
}

impl Scope {
    /// Parses the stored form, `v:<id>` or `p:<id>`.
    pub fn parse(s: &str) -> Option<Scope> {
        match s.split_once(':')? {
            ("v", id) if !id.is_empty() => Some(Scope::Village(id.to_owned())),
            ("p", id) if !id.is_empty() => Some(Scope::Patient(id.to_owned())),
            _ => None,
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::Village(id) => write!(f, "v:{id}"),
            Scope::Patient(id) => write!(f, "p:{id}"),
        }
    }
}

/// The codes of `resource`'s `meta.tag`s in `system`.
pub fn tag_value<'a>(resource: &'a Value, system: &str) -> Vec<&'a str> {
    resource
        .pointer("/meta/tag")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|t| t.get("system").and_then(Value::as_str) == Some(system))
        .filter_map(|t| t.get("code").and_then(Value::as_str))
        .collect()
}

/// The scopes a resource version is in: its village tags and the patient whose compartment it
/// is in (`patient`, as the FHIR layer worked it out). Sorted, without repeats.
pub fn scopes_of(resource: &Value, patient: Option<&str>) -> Vec<Scope> {
    let mut scopes: Vec<Scope> = tag_value(resource, VILLAGE_TAG)
        .into_iter()
        .filter(|v| !v.is_empty())
        .map(|v| Scope::Village(v.to_owned()))
        .collect();
    if let Some(p) = patient.filter(|p| !p.is_empty()) {
        scopes.push(Scope::Patient(p.to_owned()));
    }
    scopes.sort();
    scopes.dedup();
    scopes
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn village_tags_and_the_patient_make_the_scopes() {
        let r = json!({"resourceType": "Patient", "meta": {"tag": [
            {"system": VILLAGE_TAG, "code": "rampur"},
            {"system": HOUSEHOLD_TAG, "code": "hh-1"},
            {"system": "http://other", "code": "x"},
            {"system": VILLAGE_TAG, "code": "rampur"}]}});
        assert_eq!(
            scopes_of(&r, Some("p1")),
            vec![Scope::Village("rampur".into()), Scope::Patient("p1".into())]
        );
        assert_eq!(tag_value(&r, HOUSEHOLD_TAG), vec!["hh-1"]);
        assert!(scopes_of(&json!({"resourceType": "Practitioner"}), None).is_empty());
    }

    #[test]
    fn scopes_round_trip_through_text() {
        for s in [Scope::Village("a-b".into()), Scope::Patient("x:y".into())] {
            assert_eq!(Scope::parse(&s.to_string()), Some(s));
        }
        assert_eq!(Scope::parse("v:"), None);
        assert_eq!(Scope::parse("q:1"), None);
    }
}
