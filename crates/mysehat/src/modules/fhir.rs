//! The FHIR R4 endpoint's error shape (`OperationOutcome`), used until the FHIR module lands.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An `OperationOutcome` with one issue, as FHIR clients expect for every error.
pub fn operation_outcome(status: StatusCode, code: &str, text: &str) -> Response {
    let body = json!({
        "resourceType": "OperationOutcome",
        "issue": [{ "severity": "error", "code": code, "diagnostics": text }]
    });
    (
        status,
        [(header::CONTENT_TYPE, "application/fhir+json")],
        body.to_string(),
    )
        .into_response()
}

pub async fn not_built() -> Response {
    operation_outcome(
        StatusCode::NOT_IMPLEMENTED,
        "not-supported",
        "the FHIR API is not available yet",
    )
}
