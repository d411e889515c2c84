//! Which search parameters put a resource in a patient's compartment, so the server can
//! answer `Patient/123/*`, `$everything` and consent checks from the index alone.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::data;

#[derive(Debug, Deserialize)]
struct Table {
    resources: BTreeMap<String, Vec<String>>,
}

fn table() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static RAW: OnceLock<Table> = OnceLock::new();
    static INDEX: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let raw =
            RAW.get_or_init(|| data::parse("compartment-patient.json", data::COMPARTMENT_PATIENT));
        raw.resources
            .iter()
            .map(|(ty, params)| (ty.as_str(), params.iter().map(String::as_str).collect()))
            .collect()
    })
}

/// The reference parameters of `resource_type` that link it to a Patient (e.g. `subject`,
/// `performer` for Observation; `link` for Patient itself). Empty when the type is never
/// in the Patient compartment.
pub fn patient_compartment_params(resource_type: &str) -> &'static [&'static str] {
    table().get(resource_type).map(Vec::as_slice).unwrap_or(&[])
}
