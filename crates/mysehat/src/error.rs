//! One error story for every route outside `/fhir`: a stable snake_case code, the HTTP status
//! that goes with it, and the body `{"error": {"code", "message", "field"?}}`.
//!
//! The app translates codes through `locales/*/errors.ftl`; a test keeps that file complete.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Every error code the API returns. Adding one means adding `error-<code>` to both
/// `locales/en/errors.ftl` and `locales/hi/errors.ftl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidRequest,
    MalformedJson,
    UnsupportedMediaType,
    ValidationFailed,
    InvalidPhone,
    InvalidName,
    WeakPassword,
    InvalidRole,
    MissingAffiliation,
    PhoneTaken,
    InvalidCredentials,
    InvalidToken,
    TooManyAttempts,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    Timeout,
    NotImplemented,
    Internal,
    ServiceUnavailable,
    Conflict,
    InvalidTransition,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 24] = [
        ErrorCode::InvalidRequest,
        ErrorCode::MalformedJson,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::ValidationFailed,
        ErrorCode::InvalidPhone,
        ErrorCode::InvalidName,
        ErrorCode::WeakPassword,
        ErrorCode::InvalidRole,
        ErrorCode::MissingAffiliation,
        ErrorCode::PhoneTaken,
        ErrorCode::InvalidCredentials,
        ErrorCode::InvalidToken,
        ErrorCode::TooManyAttempts,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::PayloadTooLarge,
        ErrorCode::Timeout,
        ErrorCode::NotImplemented,
        ErrorCode::Internal,
        ErrorCode::ServiceUnavailable,
        ErrorCode::Conflict,
        ErrorCode::InvalidTransition,
    ];

    pub fn status(self) -> StatusCode {
        use ErrorCode::*;
        match self {
            InvalidRequest | MalformedJson => StatusCode::BAD_REQUEST,
            UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ValidationFailed | InvalidPhone | InvalidName | WeakPassword | InvalidRole
            | MissingAffiliation => StatusCode::UNPROCESSABLE_ENTITY,
            PhoneTaken | Conflict | InvalidTransition => StatusCode::CONFLICT,
            InvalidCredentials | InvalidToken | Unauthorized => StatusCode::UNAUTHORIZED,
            TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
            Forbidden => StatusCode::FORBIDDEN,
            NotFound => StatusCode::NOT_FOUND,
            MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Timeout => StatusCode::REQUEST_TIMEOUT,
            NotImplemented => StatusCode::NOT_IMPLEMENTED,
            Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            InvalidRequest => "invalid_request",
            MalformedJson => "malformed_json",
            UnsupportedMediaType => "unsupported_media_type",
            ValidationFailed => "validation_failed",
            InvalidPhone => "invalid_phone",
            InvalidName => "invalid_name",
            WeakPassword => "weak_password",
            InvalidRole => "invalid_role",
            MissingAffiliation => "missing_affiliation",
            PhoneTaken => "phone_taken",
            InvalidCredentials => "invalid_credentials",
            InvalidToken => "invalid_token",
            TooManyAttempts => "too_many_attempts",
            Unauthorized => "unauthorized",
            Forbidden => "forbidden",
            NotFound => "not_found",
            MethodNotAllowed => "method_not_allowed",
            PayloadTooLarge => "payload_too_large",
            Timeout => "timeout",
            NotImplemented => "not_implemented",
            Internal => "internal",
            ServiceUnavailable => "service_unavailable",
            Conflict => "conflict",
            InvalidTransition => "invalid_transition",
        }
    }

    /// The code a bare status maps to, for errors raised below our handlers (routing, limits).
    pub fn for_status(status: StatusCode) -> Self {
        match status {
            StatusCode::BAD_REQUEST => ErrorCode::InvalidRequest,
            StatusCode::UNAUTHORIZED => ErrorCode::Unauthorized,
            StatusCode::FORBIDDEN => ErrorCode::Forbidden,
            StatusCode::NOT_FOUND => ErrorCode::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
            StatusCode::REQUEST_TIMEOUT => ErrorCode::Timeout,
            StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
            StatusCode::UNPROCESSABLE_ENTITY => ErrorCode::ValidationFailed,
            StatusCode::TOO_MANY_REQUESTS => ErrorCode::TooManyAttempts,
            StatusCode::NOT_IMPLEMENTED => ErrorCode::NotImplemented,
            StatusCode::SERVICE_UNAVAILABLE => ErrorCode::ServiceUnavailable,
            _ => ErrorCode::Internal,
        }
    }
}

/// An error on its way to the client.
#[derive(Debug)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
    pub retry_after_secs: Option<u64>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
            retry_after_secs: None,
        }
    }

    /// An input error about one field.
    pub fn field(code: ErrorCode, field: &str, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.to_owned()),
            ..Self::new(code, message)
        }
    }

    pub fn unauthorized() -> Self {
        Self::new(
            ErrorCode::Unauthorized,
            "sign in first: this needs a valid access token",
        )
    }

    pub fn forbidden() -> Self {
        Self::new(ErrorCode::Forbidden, "your role may not do this")
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} was not found"))
    }

    /// A server-side failure: the cause goes to the log (it never holds health data), the
    /// client gets a generic message.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(
            ErrorCode::Internal,
            "something went wrong on the server; please try again",
        )
    }
}

impl ApiError {
    /// The server is overloaded for a moment: 503 with `Retry-After`.
    pub fn busy() -> Self {
        let mut e = Self::new(
            ErrorCode::ServiceUnavailable,
            "the server is busy; please try again in a few seconds",
        );
        e.retry_after_secs = Some(BUSY_RETRY_AFTER_SECS);
        e
    }
}

/// What a busy reply asks the client to wait, in seconds.
pub const BUSY_RETRY_AFTER_SECS: u64 = 5;

impl From<mysehat_storage::StoreError> for ApiError {
    fn from(e: mysehat_storage::StoreError) -> Self {
        match e {
            mysehat_storage::StoreError::Conflict("phone") => ApiError::field(
                ErrorCode::PhoneTaken,
                "phone",
                "an account with this phone number already exists",
            ),
            busy if busy.is_busy() => {
                tracing::warn!(error = %busy, "database busy");
                ApiError::busy()
            }
            other => ApiError::internal(other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.code.status();
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message,
                field: self.field,
            },
        };
        let mut response = (status, axum::Json(body)).into_response();
        if let Some(secs) = self.retry_after_secs {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_names() {
        for code in ErrorCode::ALL {
            assert_eq!(
                serde_json::to_value(code).ok(),
                Some(serde_json::Value::String(code.as_str().into()))
            );
        }
    }
}
