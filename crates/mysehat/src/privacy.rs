//! The patient's rights under India's DPDP Act 2023 beyond the access log and the export:
//! erasure of their account and records (confirmed with the password, carried out at once, its
//! outcome recorded) and grievances, which admins follow up and the patient can track.

use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::{ApiJson, RequestContext};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use mysehat_domain::Password;
use mysehat_domain::audit::Outcome;
use mysehat_storage::privacy::PrivacyRequest;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(erase))
        .routes(routes!(file_grievance, mine))
        .routes(routes!(open_requests))
        .routes(routes!(answer))
}

/// A request as the patient and the admins see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequestView {
    pub id: String,
    /// `erasure` or `grievance`.
    pub kind: String,
    /// `received`, `in_progress`, `resolved` or `rejected`.
    pub status: String,
    pub details: Option<String>,
    pub outcome: Option<String>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

impl From<PrivacyRequest> for RequestView {
    fn from(r: PrivacyRequest) -> Self {
        Self {
            id: r.id,
            kind: r.kind,
            status: r.status,
            details: r.details,
            outcome: r.outcome,
            created_at_ms: r.created_at_ms,
            updated_at_ms: r.updated_at_ms,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EraseRequest {
    /// The account's password, so nobody erases an account from a phone left unlocked.
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EraseOutcome {
    pub request: RequestView,
    pub resources_removed: u64,
    pub versions_removed: u64,
}

#[utoipa::path(
    post, path = "/auth/me/erase", tag = "privacy", operation_id = "erase_me",
    request_body = EraseRequest,
    responses(
        (status = 200, description = "Erased: records and their versions removed, the account anonymised, every session ended; the audit log keeps who accessed what, as the law asks", body = EraseOutcome),
        (status = 401, description = "Wrong password", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn erase(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(body): ApiJson<EraseRequest>,
) -> ApiResult<Json<EraseOutcome>> {
    let caller = ctx.caller()?;
    let user = state
        .store
        .user_by_id(caller.user_id)
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    let ok =
        crate::auth::password::verify(Password::offered(body.password), Some(user.password_hash))
            .await
            .map_err(ApiError::internal)?;
    if !ok {
        return Err(ApiError::new(
            ErrorCode::InvalidCredentials,
            "the password is not right",
        ));
    }
    let now = crate::time::now_ms();
    let request = PrivacyRequest {
        id: uuid::Uuid::now_v7().to_string(),
        user_id: caller.user_id,
        kind: "erasure".into(),
        status: "resolved".into(),
        details: None,
        outcome: Some(
            "records, their versions and medical-ID links removed; account anonymised; \
             sessions ended; the audit log is kept"
                .into(),
        ),
        created_at_ms: now,
        updated_at_ms: now,
    };
    let mut audit = ctx.audit("privacy.erase", Outcome::Success);
    audit.patient = Some(caller.user_id.to_string());
    audit.target = Some(format!("user/{}", caller.user_id));
    let erased = state
        .store
        .erase_patient(
            caller.user_id,
            &format!("erased:{}", caller.user_id),
            &request,
            audit,
        )
        .await?;
    tracing::info!(
        resources = erased.resources,
        versions = erased.versions,
        "account erased on request"
    );
    Ok(Json(EraseOutcome {
        request: request.into(),
        resources_removed: erased.resources,
        versions_removed: erased.versions,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Grievance {
    /// What is wrong, in the patient's words (10 to 2,000 characters).
    pub details: String,
}

#[utoipa::path(
    post, path = "/auth/me/privacy-requests", tag = "privacy", operation_id = "file_grievance",
    request_body = Grievance,
    responses(
        (status = 201, description = "Received; its status can be followed", body = RequestView),
        (status = 422, description = "Too short or too long", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn file_grievance(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(body): ApiJson<Grievance>,
) -> ApiResult<(StatusCode, Json<RequestView>)> {
    let caller = ctx.caller()?;
    let details = body.details.trim();
    let chars = details.chars().count();
    if !(10..=2000).contains(&chars) {
        return Err(ApiError::field(
            ErrorCode::ValidationFailed,
            "details",
            "10 to 2,000 characters",
        ));
    }
    let now = crate::time::now_ms();
    let request = PrivacyRequest {
        id: uuid::Uuid::now_v7().to_string(),
        user_id: caller.user_id,
        kind: "grievance".into(),
        status: "received".into(),
        details: Some(details.to_owned()),
        outcome: None,
        created_at_ms: now,
        updated_at_ms: now,
    };
    let mut audit = ctx.audit("privacy.grievance", Outcome::Success);
    audit.target = Some(format!("privacy-request/{}", request.id));
    state.store.insert_privacy_request(&request, audit).await?;
    Ok((StatusCode::CREATED, Json(request.into())))
}

#[utoipa::path(
    get, path = "/auth/me/privacy-requests", tag = "privacy", operation_id = "my_privacy_requests",
    responses((status = 200, description = "The caller's grievances and erasure, newest first", body = Vec<RequestView>)),
    security(("bearer" = []))
)]
pub async fn mine(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<Json<Vec<RequestView>>> {
    let caller = ctx.caller()?;
    let all = state.store.privacy_requests_of(caller.user_id).await?;
    Ok(Json(all.into_iter().map(RequestView::from).collect()))
}

#[utoipa::path(
    get, path = "/api/v1/privacy-requests", tag = "privacy", operation_id = "open_privacy_requests",
    responses((status = 200, description = "Requests still to be answered, oldest first", body = Vec<RequestView>)),
    security(("bearer" = []))
)]
pub async fn open_requests(State(state): State<AppState>) -> ApiResult<Json<Vec<RequestView>>> {
    let all = state.store.open_privacy_requests().await?;
    Ok(Json(all.into_iter().map(RequestView::from).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// `in_progress`, `resolved` or `rejected`.
    pub status: String,
    /// What was done, for the patient to read.
    pub outcome: Option<String>,
}

#[utoipa::path(
    post, path = "/api/v1/privacy-requests/{id}", tag = "privacy", operation_id = "answer_privacy_request",
    params(("id" = String, Path, description = "The request id")),
    request_body = Answer,
    responses(
        (status = 204, description = "Recorded; the patient sees the new status"),
        (status = 404, description = "No such request", body = ErrorBody),
        (status = 422, description = "Unknown status", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn answer(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Answer>,
) -> ApiResult<StatusCode> {
    if !matches!(
        body.status.as_str(),
        "in_progress" | "resolved" | "rejected"
    ) {
        return Err(ApiError::field(
            ErrorCode::ValidationFailed,
            "status",
            "in_progress, resolved or rejected",
        ));
    }
    let mut audit = ctx.audit("privacy.answer", Outcome::Success);
    audit.target = Some(format!("privacy-request/{id}"));
    let found = state
        .store
        .update_privacy_request(
            &id,
            &body.status,
            body.outcome.as_deref(),
            crate::time::now_ms(),
            audit,
        )
        .await?;
    if found {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("this request"))
    }
}
