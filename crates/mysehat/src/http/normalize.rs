//! Every error leaves in one shape. Errors raised below our handlers (no route, wrong method,
//! body too large, timeout, panic) become our JSON error body, or an `OperationOutcome` under
//! `/fhir`; and when the caller prefers Hindi (`Accept-Language`), the message is Hindi.

use crate::error::{ApiError, ErrorCode};
use crate::i18n;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mysehat_domain::Language;

/// Our error bodies are small; anything larger is not one of ours and passes untouched.
const MAX_ERROR_BODY: usize = 16 * 1024;

pub async fn normalize_errors(req: Request, next: Next) -> Response {
    let fhir = req.uri().path() == "/fhir" || req.uri().path().starts_with("/fhir/");
    let lang = i18n::preferred(
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    if content_type.starts_with("application/fhir+json") {
        return response;
    }
    if content_type.starts_with("application/json") && fhir {
        return as_operation_outcome(response).await;
    }
    if content_type.starts_with("application/json") {
        return match lang {
            Language::En => response,
            Language::Hi => translate(response, lang).await,
        };
    }
    let code = ErrorCode::for_status(status);
    let message = default_message(code);
    let mut rebuilt = if fhir {
        crate::fhir::operation_outcome(status, issue_code(status), message)
    } else {
        let message = i18n::error_message(lang, code).filter(|_| lang == Language::Hi);
        ApiError::new(code, message.unwrap_or_else(|| message_owned(code))).into_response()
    };
    *rebuilt.status_mut() = status;
    for name in [
        header::ALLOW,
        header::RETRY_AFTER,
        HeaderName::from_static("x-request-id"),
    ] {
        if let Some(v) = response.headers().get(&name) {
            rebuilt.headers_mut().insert(name, v.clone());
        }
    }
    rebuilt
}

fn message_owned(code: ErrorCode) -> String {
    default_message(code).to_owned()
}

/// FHIR clients get every error, even one raised before the FHIR handlers, as an
/// `OperationOutcome`.
async fn as_operation_outcome(response: Response) -> Response {
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), MAX_ERROR_BODY)
        .await
        .unwrap_or_default();
    let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
    let message = body["error"]["message"]
        .as_str()
        .unwrap_or("the request was refused");
    let mut rebuilt = crate::fhir::operation_outcome(status, issue_code(status), message);
    for name in [
        header::ALLOW,
        header::RETRY_AFTER,
        HeaderName::from_static("x-request-id"),
    ] {
        if let Some(v) = headers.get(&name) {
            rebuilt.headers_mut().insert(name, v.clone());
        }
    }
    rebuilt
}

fn issue_code(status: StatusCode) -> &'static str {
    match status.as_u16() {
        401 => "login",
        403 => "forbidden",
        404 => "not-found",
        405 | 415 | 406 => "not-supported",
        408 => "timeout",
        413 => "too-costly",
        429 => "throttled",
        _ => "processing",
    }
}

/// Replaces the English message of one of our error bodies with its translation.
async fn translate(response: Response, lang: Language) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return ApiError::internal("an error body was too large to translate").into_response();
    };
    let mut value: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(_) => return Response::from_parts(parts, Body::from(bytes)),
    };
    let code = value["error"]["code"]
        .as_str()
        .and_then(|c| ErrorCode::ALL.into_iter().find(|k| k.as_str() == c));
    if let Some(message) = code.and_then(|c| i18n::error_message(lang, c)) {
        value["error"]["message"] = serde_json::Value::String(message);
        parts
            .headers
            .insert(header::CONTENT_LANGUAGE, HeaderValue::from_static("hi"));
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(value.to_string()))
}

fn default_message(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::NotFound => "there is nothing at this address",
        ErrorCode::MethodNotAllowed => "this address does not accept that method",
        ErrorCode::PayloadTooLarge => "the request body is too large",
        ErrorCode::Timeout => "the request took too long",
        ErrorCode::UnsupportedMediaType => "send the body as JSON",
        ErrorCode::InvalidRequest => "the request could not be read; check its parameters",
        _ if StatusCode::INTERNAL_SERVER_ERROR == code.status() => {
            "something went wrong on the server; please try again"
        }
        _ => "the request was refused",
    }
}
