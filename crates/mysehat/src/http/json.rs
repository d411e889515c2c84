//! A JSON body extractor whose rejections use our error body and name the offending field.

use crate::error::{ApiError, ErrorCode};
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

/// Like `axum::Json`, but: non-JSON content type → 415, broken JSON → 400 `malformed_json`,
/// a missing field or a wrong type → 422 `validation_failed` with `field` set.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|mime| {
                let mime = mime.trim();
                mime == "application/json" || mime.ends_with("+json")
            })
            .unwrap_or(false);
        if !is_json {
            return Err(ApiError::new(
                ErrorCode::UnsupportedMediaType,
                "send the body as JSON with `Content-Type: application/json`",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|_| {
            ApiError::new(ErrorCode::PayloadTooLarge, "the request body is too large")
        })?;
        parse(&bytes).map(ApiJson)
    }
}

/// Deserialises `bytes`, naming the field at fault.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return ApiError::new(
                ErrorCode::MalformedJson,
                format!("the body is not valid JSON: {inner}"),
            );
        }
        let text = inner.to_string();
        // serde reports a missing field at its parent, naming it in backticks.
        let field = match text.strip_prefix("missing field `") {
            Some(rest) => {
                let name = rest.split('`').next().unwrap_or_default();
                if path == "." {
                    name.to_owned()
                } else {
                    format!("{path}.{name}")
                }
            }
            None => path,
        };
        let message = text.split(" at line ").next().unwrap_or(&text).to_owned();
        ApiError::field(
            ErrorCode::ValidationFailed,
            &field,
            format!("{field}: {message}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Login {
        phone: String,
        password: String,
        inner: Option<Inner>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        age: u8,
    }

    #[test]
    fn a_missing_field_is_named() {
        let err = parse::<Login>(br#"{"phone": "1"}"#).expect_err("rejected");
        assert_eq!(err.code, ErrorCode::ValidationFailed);
        assert_eq!(err.field.as_deref(), Some("password"));
    }

    #[test]
    fn a_wrong_type_is_named_with_its_path() {
        let err = parse::<Login>(br#"{"phone": "1", "password": "x", "inner": {"age": "old"}}"#)
            .expect_err("rejected");
        assert_eq!(err.field.as_deref(), Some("inner.age"));
        let err = parse::<Login>(br#"{"phone": 5, "password": "x"}"#).expect_err("rejected");
        assert_eq!(err.field.as_deref(), Some("phone"));
    }

    #[test]
    fn broken_json_is_malformed() {
        for body in [&b"{"[..], b"", b"not json", b"{\"phone\": }"] {
            let err = parse::<Login>(body).expect_err("rejected");
            assert_eq!(err.code, ErrorCode::MalformedJson, "{body:?}");
        }
    }
}
