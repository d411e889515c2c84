//! The wire types describe themselves to the server's OpenAPI document as they serialise.

use mysehat_emergency::{
    Action, ActorKind, Capability, CellCentre, Digipin, EmergencyKind, Fix, IncidentState, LatLon,
    UnixMs,
};
use serde_json::{Value, json};
use utoipa::PartialSchema;

fn schema<T: PartialSchema>() -> Value {
    serde_json::to_value(T::schema()).expect("schemas serialise")
}

#[test]
fn a_digipin_is_a_hyphenated_string_in_the_schema() {
    let s = schema::<Digipin>();
    assert_eq!(s["type"], "string");
    assert_eq!(s["example"], "39J-49L-L8T4");
}

#[test]
fn positions_and_fixes_list_their_fields() {
    let pos = schema::<LatLon>();
    assert_eq!(pos["required"], json!(["lat", "lon"]));
    let fix = schema::<Fix>();
    let properties = fix["properties"].as_object().expect("an object schema");
    let mut names: Vec<&str> = properties.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(names, ["accuracy_m", "at", "pos", "speed_mps"]);
    assert_eq!(schema::<UnixMs>()["type"], "integer");
    assert_eq!(schema::<CellCentre>()["required"], json!(["lat", "lon"]));
}

#[test]
fn enums_list_their_snake_case_values() {
    assert_eq!(
        schema::<IncidentState>()["enum"],
        json!(
            IncidentState::ALL
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
        )
    );
    assert_eq!(schema::<Action>()["enum"].as_array().map(Vec::len), Some(9));
    assert_eq!(
        schema::<ActorKind>()["enum"],
        json!(["system", "dispatcher", "crew", "patient"])
    );
    assert_eq!(
        schema::<EmergencyKind>()["enum"],
        json!([
            "accident",
            "chest_pain",
            "breathing",
            "pregnancy",
            "unconscious",
            "other"
        ])
    );
    assert_eq!(
        schema::<Capability>()["enum"],
        json!(["emergency", "trauma", "icu", "maternity", "paediatric"])
    );
}
