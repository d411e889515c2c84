//! Turns a resource into the store's index rows and finds whose compartment it belongs to.

use super::defs;
use super::outcome::{FhirError, FhirResult};
use mysehat_fhir::extract::IndexValue;
use mysehat_storage::fhir::IndexRow;
use serde_json::Value;

/// The index rows of `resource` and the patient whose compartment holds it.
pub fn index(resource: &Value) -> FhirResult<(Vec<IndexRow>, Option<String>)> {
    let ty = resource["resourceType"].as_str().unwrap_or_default();
    let entries = mysehat_fhir::extract::extract_index(resource)
        .map_err(|e| FhirError::invalid(format!("cannot index this resource: {e}")))?;
    let compartment = defs::patient_compartment_params(ty);
    let mut owner = (ty == "Patient")
        .then(|| resource["id"].as_str().map(str::to_owned))
        .flatten();
    let mut rows = Vec::with_capacity(entries.len());
    for e in entries {
        let param = e.param.to_owned();
        rows.push(match e.value {
            IndexValue::Token { system, code, text } => IndexRow::Token {
                param,
                system,
                code,
                text,
            },
            IndexValue::String { normalized, exact } => IndexRow::String {
                param,
                normalized,
                exact,
            },
            IndexValue::Date { low_ms, high_ms } => IndexRow::Date {
                param,
                low_ms,
                high_ms,
            },
            IndexValue::Reference {
                target_type,
                target_id,
                url,
            } => {
                if owner.is_none()
                    && target_type.as_deref() == Some("Patient")
                    && compartment.contains(&param.as_str())
                {
                    owner.clone_from(&target_id);
                }
                IndexRow::Reference {
                    param,
                    target_type,
                    target_id,
                    url,
                }
            }
            IndexValue::Quantity {
                value,
                low,
                high,
                system,
                code,
                unit,
            } => IndexRow::Quantity {
                param,
                value,
                low,
                high,
                system,
                code,
                unit,
            },
            IndexValue::Number { value, low, high } => IndexRow::Number {
                param,
                value,
                low,
                high,
            },
            IndexValue::Uri(uri) => IndexRow::Uri { param, uri },
        });
    }
    Ok((rows, owner))
}
