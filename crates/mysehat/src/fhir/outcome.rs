//! Every FHIR error is an `OperationOutcome` with the status code the specification gives.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

pub const FHIR_JSON: &str = "application/fhir+json; charset=utf-8";

/// One issue of an `OperationOutcome`.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// `error`, `warning` or `information`.
    pub severity: &'static str,
    /// The issue type code, e.g. `not-found`, `invalid`, `structure`.
    pub code: &'static str,
    pub diagnostics: String,
    /// Where in the resource, as a FHIRPath.
    pub expression: Option<String>,
}

/// A FHIR error on its way to the client.
#[derive(Debug, Clone)]
pub struct FhirError {
    pub status: StatusCode,
    pub issues: Vec<Issue>,
    /// For a refusal: the patient whose record it was, so their access log shows the attempt.
    pub about: Option<String>,
}

pub type FhirResult<T> = Result<T, FhirError>;

impl FhirError {
    pub fn new(status: StatusCode, code: &'static str, diagnostics: impl Into<String>) -> Self {
        Self {
            status,
            issues: vec![Issue {
                severity: "error",
                code,
                diagnostics: diagnostics.into(),
                expression: None,
            }],
            about: None,
        }
    }

    /// Names the patient a refused read was about (for their access log).
    pub fn about(mut self, patient: Option<&str>) -> Self {
        self.about = patient.map(str::to_owned);
        self
    }

    /// The issues in one line, for answers that are not an `OperationOutcome`.
    pub fn summary(&self) -> String {
        let lines: Vec<String> = self
            .issues
            .iter()
            .map(|i| match &i.expression {
                Some(at) => format!("{} (at {at:?})", i.diagnostics),
                None => i.diagnostics.clone(),
            })
            .collect();
        lines.join("; ")
    }

    pub fn invalid(diagnostics: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid", diagnostics)
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not-found",
            format!("{} is not known", what.into()),
        )
    }

    pub fn gone(ty: &str, id: &str) -> Self {
        Self::new(
            StatusCode::GONE,
            "deleted",
            format!("{ty}/{id} was deleted"),
        )
    }

    pub fn forbidden(diagnostics: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", diagnostics)
    }

    pub fn unprocessable(issues: Vec<Issue>) -> Self {
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            issues,
            about: None,
        }
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error in the FHIR API");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "exception",
            "something went wrong on the server",
        )
    }

    pub fn to_outcome(&self) -> Value {
        outcome(&self.issues)
    }
}

/// An `OperationOutcome` resource.
pub fn outcome(issues: &[Issue]) -> Value {
    let issues: Vec<Value> = issues
        .iter()
        .map(|i| {
            let mut issue =
                json!({"severity": i.severity, "code": i.code, "diagnostics": i.diagnostics});
            if let Some(e) = &i.expression {
                issue["expression"] = json!([e]);
            }
            issue
        })
        .collect();
    json!({"resourceType": "OperationOutcome", "issue": issues})
}

/// A success `OperationOutcome` (for `$validate` and `Prefer: return=OperationOutcome`).
pub fn all_ok(message: &str) -> Value {
    outcome(&[Issue {
        severity: "information",
        code: "informational",
        diagnostics: message.into(),
        expression: None,
    }])
}

impl From<mysehat_storage::StoreError> for FhirError {
    fn from(e: mysehat_storage::StoreError) -> Self {
        match e {
            mysehat_storage::StoreError::Conflict(what) => Self::new(
                StatusCode::CONFLICT,
                "conflict",
                format!("a concurrent write created this {what} first; retry"),
            ),
            busy if busy.is_busy() => {
                tracing::warn!(error = %busy, "database busy in the FHIR API");
                Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "transient",
                    "the server is busy; retry after a few seconds",
                )
            }
            other => Self::internal(other),
        }
    }
}

impl IntoResponse for FhirError {
    fn into_response(self) -> Response {
        let mut response = json_response(self.status, &self.to_outcome());
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(crate::error::BUSY_RETRY_AFTER_SECS),
            );
        }
        response
    }
}

/// A FHIR JSON response.
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    raw_response(status, body.to_string())
}

/// A FHIR JSON response from text already serialised (stored resources go out byte for byte).
pub fn raw_response(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(FHIR_JSON));
    response
}

/// An `OperationOutcome` response with one issue (for errors raised outside the FHIR handlers).
pub fn operation_outcome(status: StatusCode, code: &'static str, text: &str) -> Response {
    FhirError::new(status, code, text).into_response()
}
