//! Turns a resource into the store's index rows and decides whose compartment it is in.

use super::defs;
use super::outcome::{FhirError, FhirResult};
use mysehat_fhir::IndexValue;
use mysehat_storage::fhir::IndexRow;
use serde_json::Value;

/// The patients a resource is about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patients {
    /// The patient whose compartment holds it: the one its main reference names.
    pub owner: Option<String>,
    /// Every patient it links to through a compartment reference (owner first).
    pub all: Vec<String>,
}

/// Which references name the patient a resource is about, most authoritative first; used
/// before other compartment references, so a `Condition` about A asserted by B belongs to A.
const PRIMARY: [&str; 4] = ["patient", "subject", "beneficiary", "for"];

/// The index rows of `resource` and the patients it is about.
pub fn index(resource: &Value) -> FhirResult<(Vec<IndexRow>, Patients)> {
    let ty = resource["resourceType"].as_str().unwrap_or_default();
    let entries = mysehat_fhir::extract_index(resource)
        .map_err(|e| FhirError::invalid(format!("cannot index this resource: {e}")))?;
    let links = defs::patient_link_params(ty);
    let mut linked: Vec<(&'static str, String)> = Vec::new();
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
                if let Some(id) = target_id
                    .as_ref()
                    .filter(|_| target_type.as_deref() == Some("Patient"))
                    && links.contains(&e.param)
                {
                    linked.push((e.param, id.clone()));
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
    Ok((rows, patients(ty, resource, linked)))
}

fn patients(ty: &str, resource: &Value, mut linked: Vec<(&'static str, String)>) -> Patients {
    let rank = |param: &str| {
        PRIMARY
            .iter()
            .position(|p| *p == param)
            .unwrap_or(PRIMARY.len())
    };
    linked.sort_by_key(|(param, _)| rank(param));
    let mut all: Vec<String> = Vec::new();
    if ty == "Patient"
        && let Some(id) = resource["id"].as_str()
    {
        all.push(id.to_owned());
    }
    for (_, id) in linked {
        if !all.contains(&id) {
            all.push(id);
        }
    }
    Patients {
        owner: all.first().cloned(),
        all,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_patient_a_record_is_about_owns_it_not_whoever_asserted_it() {
        let condition = json!({
            "resourceType": "Condition", "id": "c1",
            "subject": {"reference": "Patient/victim"},
            "asserter": {"reference": "Patient/relative"},
        });
        let (_, p) = index(&condition).expect("indexed");
        assert_eq!(p.owner.as_deref(), Some("victim"));
        assert_eq!(p.all, ["victim", "relative"]);
    }

    #[test]
    fn tasks_belong_to_their_patient_though_the_compartment_definition_omits_them() {
        let task = json!({"resourceType": "Task", "id": "t1", "status": "requested", "intent": "order",
            "for": {"reference": "Patient/p1"}});
        assert_eq!(
            index(&task).expect("indexed").1.owner.as_deref(),
            Some("p1")
        );
        let org = json!({"resourceType": "Organization", "id": "o1", "name": "PHC"});
        assert_eq!(index(&org).expect("indexed").1, Patients::default());
    }
}
