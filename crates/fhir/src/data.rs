//! The generated tables, embedded in the binary so the crate needs no files at run time.
//!
//! Each module parses the table it owns once, on first use, into a `static` (`OnceLock`).

use serde::de::DeserializeOwned;

pub(crate) const RESOURCE_TYPES: &str = include_str!("../data/resource-types.json");
pub(crate) const SEARCH_PARAMETERS: &str = include_str!("../data/search-parameters.json");
pub(crate) const COMPARTMENT_PATIENT: &str = include_str!("../data/compartment-patient.json");
pub(crate) const STRUCTURES: &str = include_str!("../data/structures.json");

/// Parses an embedded table. The tables are generated and tested, so a failure here is a
/// build defect, not bad input: it panics with the table's name.
pub(crate) fn parse<T: DeserializeOwned>(name: &str, text: &str) -> T {
    match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => panic!("embedded FHIR table {name} is malformed: {err}"),
    }
}
