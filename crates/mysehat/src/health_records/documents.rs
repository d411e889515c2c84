//! Uploaded documents (a PDF or a photo of a report or discharge summary): the file goes to the
//! content-addressed file store under the data directory, the record is a FHIR
//! `DocumentReference` of the patient, tagged patient-reported, with the file's hash. Files are
//! served back only to whoever may read their `DocumentReference`.

use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::RequestContext;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use mysehat_domain::audit::Outcome;
use mysehat_storage::fhir::{Cond, SearchQuery, UriMatch};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::Digest;
use utoipa::{IntoParams, ToSchema};

/// The largest document accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// Accepted types and how their files start.
const TYPES: [(&str, &[u8]); 4] = [
    ("application/pdf", b"%PDF-"),
    ("image/jpeg", &[0xFF, 0xD8, 0xFF]),
    ("image/png", &[0x89, b'P', b'N', b'G']),
    ("image/webp", b"RIFF"),
];

#[derive(Debug, Deserialize, IntoParams)]
pub struct Upload {
    /// What the document is, in the patient's words ("Blood test, March").
    pub title: String,
    /// When the report was made (`YYYY-MM-DD`); today when left out.
    pub date: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Uploaded {
    /// The `DocumentReference` that records it.
    pub reference: String,
    /// SHA-256 of the file, hex; also its address under `/health-records/documents/`.
    pub sha256: String,
    pub size: usize,
    pub content_type: String,
}

fn refuse(field: &str, message: &str) -> ApiError {
    ApiError::field(ErrorCode::ValidationFailed, field, message)
}

#[utoipa::path(
    post, path = "/health-records/documents", tag = "health-records", operation_id = "upload_document",
    params(Upload),
    request_body(content = Vec<u8>, content_type = "application/pdf", description = "The file: PDF, JPEG, PNG or WebP, at most 10 MiB"),
    responses(
        (status = 201, description = "Stored, with a DocumentReference in the patient's record", body = Uploaded),
        (status = 413, description = "Larger than 10 MiB", body = ErrorBody),
        (status = 415, description = "Not a PDF or an image, or the file is not what its type says", body = ErrorBody),
        (status = 422, description = "No title, a bad date or an empty file", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn upload(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(q): Query<Upload>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<(StatusCode, axum::Json<Uploaded>)> {
    let caller = ctx.caller()?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let Some((_, magic)) = TYPES.iter().find(|(t, _)| *t == content_type) else {
        return Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "send a PDF or a JPEG, PNG or WebP photo",
        ));
    };
    let title = q.title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(refuse("title", "1 to 200 characters"));
    }
    let date = match q.date.as_deref() {
        Some(d) => d
            .parse::<jiff::civil::Date>()
            .map_err(|_| refuse("date", "a date as YYYY-MM-DD"))?
            .to_string(),
        None => jiff::Timestamp::now().strftime("%Y-%m-%d").to_string(),
    };
    let bytes = axum::body::to_bytes(body, MAX_BYTES).await.map_err(|_| {
        ApiError::new(
            ErrorCode::PayloadTooLarge,
            "a document may be at most 10 MiB",
        )
    })?;
    if bytes.is_empty() {
        return Err(refuse("body", "the file is empty"));
    }
    if !bytes.starts_with(magic) {
        return Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            format!("the file is not a {content_type}"),
        ));
    }
    let sha256 = hex::encode(sha2::Sha256::digest(&bytes));
    let sha1 = base64::engine::general_purpose::STANDARD.encode(sha1::Sha1::digest(&bytes));
    store_file(&state, &sha256, &bytes).await?;
    let pid = caller.user_id.to_string();
    let id = uuid::Uuid::now_v7().to_string();
    let url = format!("/health-records/documents/{sha256}");
    let doc = json!({
        "resourceType": "DocumentReference", "id": id, "status": "current",
        "meta": {"tag": [{"system": "https://mysehat.in/fhir/CodeSystem/provenance", "code": "patient-reported"}]},
        "type": {"text": title},
        "subject": {"reference": format!("Patient/{pid}")},
        "date": format!("{date}T00:00:00Z"),
        "description": title,
        "content": [{"attachment": {"contentType": content_type, "url": url, "size": bytes.len(), "hash": sha1, "title": title}}]
    });
    let write = crate::fhir::seed::put(doc).map_err(ApiError::internal)?;
    let mut audit = ctx.audit("records.upload", Outcome::Success);
    audit.patient = Some(pid);
    audit.target = Some(format!("DocumentReference/{id}"));
    crate::fhir::seed::commit(state.store.as_ref(), &[write], vec![audit])
        .await
        .map_err(ApiError::internal)?;
    Ok((
        StatusCode::CREATED,
        axum::Json(Uploaded {
            reference: format!("DocumentReference/{id}"),
            sha256,
            size: bytes.len(),
            content_type,
        }),
    ))
}

fn path_of(state: &AppState, sha256: &str) -> std::path::PathBuf {
    state
        .settings
        .data_dir
        .join("files")
        .join(&sha256[..2])
        .join(sha256)
}

/// Writes the file once under its hash (a temporary name, then a rename, so a reader never
/// sees half a file).
async fn store_file(state: &AppState, sha256: &str, bytes: &[u8]) -> ApiResult<()> {
    let path = path_of(state, sha256);
    if tokio::fs::try_exists(&path).await.unwrap_or(false) {
        return Ok(());
    }
    let dir = path
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(ApiError::internal)?;
    let tmp = dir.join(format!(".{sha256}.{}", uuid::Uuid::now_v7()));
    tokio::fs::write(&tmp, bytes)
        .await
        .map_err(ApiError::internal)?;
    tokio::fs::rename(&tmp, &path)
        .await
        .map_err(ApiError::internal)?;
    Ok(())
}

#[utoipa::path(
    get, path = "/health-records/documents/{sha256}", tag = "health-records", operation_id = "download_document",
    params(("sha256" = String, Path, description = "The file's SHA-256, hex")),
    responses(
        (status = 200, description = "The file, to whoever may read a DocumentReference of it"),
        (status = 404, description = "No such file the caller may see", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn download(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(sha256): Path<String>,
) -> ApiResult<Response> {
    let caller = ctx.caller()?;
    if sha256.len() != 64
        || !sha256
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    {
        return Err(ApiError::not_found("this document"));
    }
    let scope = crate::fhir::access::scope(&state, caller)
        .await
        .map_err(|_| ApiError::forbidden())?;
    let url = format!("/health-records/documents/{sha256}");
    let query = SearchQuery::new(
        Some("DocumentReference".into()),
        vec![vec![Cond::Uri {
            param: "location".into(),
            uri: url,
            mode: UriMatch::Exact,
        }]],
        100,
    );
    let rids = state.store.fhir_search(&query).await?;
    let docs = state.store.fhir_load(&rids).await?;
    let Some(doc) = docs.iter().find(|d| !d.deleted && scope.can_read_stored(d)) else {
        return Err(ApiError::not_found("this document"));
    };
    let content_type = serde_json::from_str::<serde_json::Value>(&doc.body)
        .ok()
        .and_then(|v| {
            v["content"][0]["attachment"]["contentType"]
                .as_str()
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "application/octet-stream".into());
    let bytes = tokio::fs::read(path_of(&state, &sha256))
        .await
        .map_err(|_| ApiError::not_found("this document"))?;
    let mut audit = ctx.audit("records.download", Outcome::Success);
    audit.patient.clone_from(&doc.patient);
    audit.target = Some(format!("DocumentReference/{}", doc.id));
    if let Some(p) = &doc.patient {
        audit.purpose = scope.purpose_for(p);
    }
    state
        .audit
        .append(vec![audit])
        .await
        .map_err(ApiError::internal)?;
    let mut response = (StatusCode::OK, bytes).into_response();
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    Ok(response)
}
