//! The FHIR definitions the API needs, from `mysehat-fhir` (generated from the official R4
//! package): resource types, search parameters, the Patient compartment, validation and the
//! value semantics (string normalisation, date and decimal ranges). One adapter, so the rest
//! of the API does not care how the definitions are stored.

use super::outcome::{FhirError, FhirResult, Issue};
use serde_json::Value;

pub use mysehat_fhir::ParamKind as Kind;
pub use mysehat_fhir::SearchParamDef as ParamDef;

/// The search parameter type's name in a CapabilityStatement.
pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Token => "token",
        Kind::String => "string",
        Kind::Date => "date",
        Kind::Reference => "reference",
        Kind::Quantity => "quantity",
        Kind::Number => "number",
        Kind::Uri => "uri",
        Kind::Composite => "composite",
        Kind::Special => "special",
    }
}

pub fn is_resource_type(name: &str) -> bool {
    mysehat_fhir::is_resource_type(name)
}

pub fn resource_types() -> impl Iterator<Item = &'static str> {
    mysehat_fhir::resource_types().iter().copied()
}

/// The definition of search parameter `code` on `ty` (or on every resource).
pub fn param(ty: &str, code: &str) -> Option<&'static ParamDef> {
    mysehat_fhir::param(ty, code)
}

pub fn params(ty: &str) -> impl Iterator<Item = &'static ParamDef> {
    mysehat_fhir::params(ty)
}

pub fn patient_compartment_params(ty: &str) -> &'static [&'static str] {
    mysehat_fhir::patient_compartment_params(ty)
}

/// The reference parameters that tie a resource of `ty` to a patient: its Patient
/// compartment parameters, or for types the compartment definition leaves out but that are
/// about a patient (Task, GuidanceResponse, Contract, Device…), their `patient`, `subject`,
/// `for` or `beneficiary` reference when it may point at a Patient.
pub fn patient_link_params(ty: &str) -> Vec<&'static str> {
    let compartment = patient_compartment_params(ty);
    if !compartment.is_empty() {
        return compartment.to_vec();
    }
    ["patient", "subject", "for", "beneficiary"]
        .into_iter()
        .filter(|code| {
            param(ty, code).is_some_and(|d| {
                d.kind == Kind::Reference && d.targets.iter().any(|t| t == "Patient")
            })
        })
        .collect()
}

/// Whether resources of `ty` hold a patient's data (and so belong to a compartment).
pub fn is_patient_data(ty: &str) -> bool {
    ty == "Patient" || !patient_link_params(ty).is_empty()
}

pub fn normalize(s: &str) -> String {
    mysehat_fhir::normalize_string(s)
}

pub fn date_range(s: &str) -> Option<(i64, i64)> {
    mysehat_fhir::parse_date_range(s)
}

pub fn decimal_range(s: &str) -> Option<(f64, f64, f64)> {
    mysehat_fhir::decimal_range(s)
}

/// Whether `element` of `ty` is part of the `_summary=true` view.
pub fn is_summary(ty: &str, element: &str) -> bool {
    mysehat_fhir::is_summary_element(ty, element)
}

/// A FHIR `id`: 1 to 64 of `A-Z a-z 0-9 - .`.
pub fn is_valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// The validation issues of `resource`, as OperationOutcome issues.
pub fn issues(resource: &Value) -> Vec<Issue> {
    mysehat_fhir::validate(resource)
        .into_iter()
        .map(|i| Issue {
            severity: i.severity.as_str(),
            code: i.code.as_str(),
            diagnostics: i.diagnostics,
            expression: Some(i.expression),
        })
        .collect()
}

/// 422 with every issue when `resource` has errors.
pub fn validate(resource: &Value) -> FhirResult<()> {
    let issues = issues(resource);
    if issues.iter().any(|i| i.severity == "error") {
        return Err(FhirError::unprocessable(issues));
    }
    Ok(())
}
