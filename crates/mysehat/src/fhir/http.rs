//! FHIR's HTTP conventions: versions in `ETag`/`If-Match`, `Last-Modified`, `Prefer`, formats,
//! and the server's base URL for links.

use super::outcome::{FhirError, FhirResult};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;

/// What `Prefer: return=` asks for after a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Return {
    Minimal,
    Representation,
    OperationOutcome,
}

pub fn prefer_return(headers: &HeaderMap) -> Return {
    match prefer(headers, "return").as_deref() {
        Some("minimal") => Return::Minimal,
        Some("OperationOutcome") => Return::OperationOutcome,
        _ => Return::Representation,
    }
}

pub fn prefer_handling(headers: &HeaderMap) -> super::search::params::Handling {
    match prefer(headers, "handling").as_deref() {
        Some("strict") => super::search::params::Handling::Strict,
        _ => super::search::params::Handling::Lenient,
    }
}

fn prefer(headers: &HeaderMap, key: &str) -> Option<String> {
    headers
        .get_all("prefer")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.split([',', ';']).find_map(|part| {
                let (k, val) = part.trim().split_once('=')?;
                (k.trim() == key).then(|| val.trim().trim_matches('"').to_owned())
            })
        })
}

/// The version an `If-Match: W/"3"` header names.
pub fn if_match(headers: &HeaderMap) -> FhirResult<Option<i64>> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    version_tag(value.to_str().unwrap_or_default()).map(Some)
}

/// The version in an ETag-style tag: `W/"3"`, `"3"` or `3`.
pub fn version_tag(text: &str) -> FhirResult<i64> {
    let text = text.trim();
    let inner = text.strip_prefix("W/").unwrap_or(text).trim_matches('"');
    inner
        .parse()
        .map_err(|_| FhirError::invalid(format!("`{text}` is not a version such as W/\"3\"")))
}

pub fn etag(version: i64) -> String {
    format!("W/\"{version}\"")
}

/// The HTTP date of a UTC millisecond instant.
pub fn http_date(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string())
        .unwrap_or_default()
}

/// Adds `ETag` and `Last-Modified` for a version.
pub fn version_headers(response: &mut Response, version: i64, last_updated_ms: i64) {
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag(version)) {
        headers.insert(header::ETAG, v);
    }
    if let Ok(v) = HeaderValue::from_str(&http_date(last_updated_ms)) {
        headers.insert(header::LAST_MODIFIED, v);
    }
}

/// Refuses formats other than JSON (`_format` or `Accept`), as the spec asks (406).
pub fn check_format(headers: &HeaderMap, format: Option<&str>) -> FhirResult<()> {
    let json = |v: &str| v.contains("json") || v.contains("*/*") || v.trim().is_empty();
    if let Some(f) = format
        && !json(f)
    {
        return Err(FhirError::new(
            StatusCode::NOT_ACCEPTABLE,
            "not-supported",
            format!("_format {f} is not supported; use json"),
        ));
    }
    if let Some(accept) = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok())
        && !accept
            .split(',')
            .any(|a| json(a) || a.contains("text/html"))
    {
        return Err(FhirError::new(
            StatusCode::NOT_ACCEPTABLE,
            "not-supported",
            "only application/fhir+json is served",
        ));
    }
    Ok(())
}

/// Refuses request bodies that are not JSON (415).
pub fn check_body_type(headers: &HeaderMap, allowed: &[&str]) -> FhirResult<()> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let mime = ct.split(';').next().unwrap_or_default().trim();
    if allowed.contains(&mime) {
        Ok(())
    } else {
        Err(FhirError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not-supported",
            format!("send the body as {}", allowed.join(" or ")),
        ))
    }
}

/// The base of absolute links, e.g. `http://host:8000/fhir`.
pub fn base_url(headers: &HeaderMap, trust_forwarded: bool) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let scheme = trust_forwarded
        .then(|| {
            headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
        })
        .flatten()
        .unwrap_or("http");
    format!("{scheme}://{host}/fhir")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefer_and_if_match_headers_are_read() {
        let mut h = HeaderMap::new();
        h.insert(
            "prefer",
            HeaderValue::from_static("return=minimal, handling=strict"),
        );
        h.insert(header::IF_MATCH, HeaderValue::from_static("W/\"4\""));
        assert_eq!(prefer_return(&h), Return::Minimal);
        assert_eq!(
            prefer_handling(&h),
            super::super::search::params::Handling::Strict
        );
        assert_eq!(if_match(&h).ok(), Some(Some(4)));
        h.insert(header::IF_MATCH, HeaderValue::from_static("nope"));
        assert!(if_match(&h).is_err());
    }

    #[test]
    fn http_dates_are_rfc_7231() {
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
    }
}
