//! The five forms a health worker fills, shipped as FHIR R4 `Questionnaire`s in `forms/*.json`
//! and embedded in the binary (`GET /api/v1/hw/forms` serves them; the app bundles the same
//! files).

use crate::questionnaire::Form;
use serde_json::Value;
use std::sync::OnceLock;

pub const HOUSEHOLD: &str = "hw-household";
pub const CBAC: &str = "hw-cbac";
pub const ANC: &str = "hw-anc";
pub const IMMUNISATION: &str = "hw-immunisation";
pub const TB: &str = "hw-tb";

/// Every shipped form's id, in the order `forms()` gives them.
pub const IDS: [&str; 5] = [HOUSEHOLD, CBAC, ANC, IMMUNISATION, TB];

const SOURCES: [&str; 5] = [
    include_str!("../forms/household.json"),
    include_str!("../forms/cbac.json"),
    include_str!("../forms/anc.json"),
    include_str!("../forms/immunisation.json"),
    include_str!("../forms/tb.json"),
];

/// A form's canonical URL, which a `QuestionnaireResponse.questionnaire` names.
pub fn url(id: &str) -> String {
    format!("https://mysehat.in/fhir/Questionnaire/{id}")
}

struct Shipped {
    json: Vec<Value>,
    models: Vec<Form>,
}

fn shipped() -> &'static Shipped {
    static SHIPPED: OnceLock<Shipped> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        // The files are part of the source; tests/rules/forms.rs proves each parses, so a failure
        // here is a build defect, not bad input.
        let json: Vec<Value> = SOURCES
            .iter()
            .map(|s| serde_json::from_str(s).expect("a shipped form is valid JSON"))
            .collect();
        let models = json
            .iter()
            .map(|q| Form::parse(q).expect("a shipped form parses"))
            .collect();
        Shipped { json, models }
    })
}

/// The five shipped `Questionnaire`s: household, CBAC, ANC, immunisation, TB.
pub fn forms() -> &'static [Value] {
    &shipped().json
}

/// A shipped `Questionnaire` by id (`hw-cbac`).
pub fn form(id: &str) -> Option<&'static Value> {
    let at = IDS.iter().position(|i| *i == id)?;
    Some(&shipped().json[at])
}

/// A shipped form, parsed, by id or canonical URL.
pub fn form_model(id_or_url: &str) -> Option<&'static Form> {
    shipped()
        .models
        .iter()
        .find(|f| f.id == id_or_url || f.url == id_or_url)
}
