//! Structural validation of a resource against the R4 definitions, so that only resources
//! other FHIR systems can read are stored: known elements, cardinality, JSON and primitive
//! types, choice types and required code bindings. Invariants (FHIRPath) are not checked.

mod binding;
mod primitive;
pub(crate) mod tables;
mod walk;

use serde_json::Value;

/// How bad an issue is. Every check so far reports errors; warnings are for later checks
/// that should not block a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The OperationOutcome `issue.severity` code.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The OperationOutcome `issue.code` of a validation issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IssueCode {
    /// Unknown element, array where a single value belongs (or the reverse), wrong JSON type.
    Structure,
    /// A required element is missing.
    Required,
    /// A primitive value has the wrong format or is out of range.
    Value,
    /// Not a resource at all, or an unknown resource type.
    Invalid,
    /// A code outside the required value set.
    CodeInvalid,
}

impl IssueCode {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::Structure => "structure",
            IssueCode::Required => "required",
            IssueCode::Value => "value",
            IssueCode::Invalid => "invalid",
            IssueCode::CodeInvalid => "code-invalid",
        }
    }
}

/// One problem found in a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub severity: Severity,
    pub code: IssueCode,
    /// Where, FHIRPath-like: `Patient.name[0].given[1]`. Choice elements use their JSON
    /// name (`Observation.valueQuantity`); primitive extensions (`_birthDate`) the element's.
    /// Empty when the document itself is wrong (not an object, no or unknown resourceType).
    pub expression: String,
    pub diagnostics: String,
}

/// Every issue in `resource`, in document order (each object's missing required elements
/// after its own properties). An empty list means the resource is structurally valid.
pub fn validate(resource: &Value) -> Vec<Issue> {
    walk::Walker::new().validate(resource)
}
