//! Consent under `/api/v1/consent`: a doctor asks for access (purpose, kinds of records, their
//! date range, expiry, view or store); the patient grants (possibly narrowing), denies or later
//! revokes in one tap; in an emergency a doctor may break the glass for a short time, which the
//! patient is told about and the audit log flags. Consents are FHIR `Consent` resources
//! (`artefact`); `grants` turns the live ones into the filter every FHIR read path applies.

pub mod artefact;
pub mod grants;
pub mod kinds;

use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::{ApiJson, Caller, RequestContext};
use crate::state::AppState;
use artefact::{AccessMode, Artefact, Purpose, Status};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kinds::HiType;
use mysehat_domain::audit::Outcome;
use mysehat_domain::{PhoneNumber, Role};
use mysehat_storage::fhir::Cond;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(request))
        .routes(routes!(grant))
        .routes(routes!(deny))
        .routes(routes!(revoke))
        .routes(routes!(break_glass))
}

/// The widest record dates (1900 to 2200): break the glass opens every record.
const EARLIEST_MS: i64 = -2_208_988_800_000;
const LATEST_MS: i64 = 7_258_118_400_000;

/// Longest a consent may last.
const MAX_CONSENT_MS: i64 = 366 * 24 * 3600 * 1000;

/// A consent with the names of the people in it, as the app shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentView {
    #[serde(flatten)]
    pub artefact: Artefact,
    pub patient_name: String,
    pub requester_name: String,
}

async fn view(state: &AppState, mut a: Artefact, now_ms: i64) -> ApiResult<ConsentView> {
    a.status = a.status_at(now_ms);
    let name = |id: &str| {
        let id = id.parse().ok();
        async move {
            match id {
                Some(id) => state
                    .store
                    .user_by_id(id)
                    .await
                    .ok()
                    .flatten()
                    .map(|u| u.name.as_str().to_owned())
                    .unwrap_or_default(),
                None => String::new(),
            }
        }
    };
    Ok(ConsentView {
        patient_name: name(&a.patient).await,
        requester_name: name(&a.requester).await,
        artefact: a,
    })
}

#[utoipa::path(
    get, path = "/api/v1/consent", tag = "consent", operation_id = "list_consents",
    responses((status = 200, description = "A patient's consents, or the ones a staff member asked for; newest first", body = Vec<ConsentView>)),
    security(("bearer" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<Json<Vec<ConsentView>>> {
    let caller = ctx.caller()?;
    let me = caller.user_id.to_string();
    let filter = if caller.role == Role::Patient {
        Cond::Patient(me.clone())
    } else {
        Cond::Reference {
            param: "actor".into(),
            target_type: Some("Practitioner".into()),
            target_id: Some(me.clone()),
            url: None,
        }
    };
    let found = grants::artefacts(state.store.as_ref(), vec![vec![filter]]).await?;
    let now = crate::time::now_ms();
    let mut out = Vec::with_capacity(found.len());
    for a in found
        .into_iter()
        .filter(|a| a.patient == me || a.requester == me)
    {
        out.push(view(&state, a, now).await?);
    }
    Ok(Json(out))
}

/// What a doctor asks for.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccessRequest {
    /// The patient's mobile number.
    pub patient_phone: String,
    pub purpose: Purpose,
    pub hi_types: Vec<HiType>,
    pub date_from_ms: i64,
    pub date_to_ms: i64,
    pub expires_at_ms: i64,
    pub access_mode: AccessMode,
}

fn invalid(field: &str, message: &str) -> ApiError {
    ApiError::field(ErrorCode::ValidationFailed, field, message)
}

async fn patient_by_phone(state: &AppState, phone: &str) -> ApiResult<String> {
    let phone = PhoneNumber::parse(phone)
        .map_err(|_| invalid("patient_phone", "not an Indian mobile number"))?;
    match state.store.user_by_phone(&phone).await? {
        Some(u) if u.role == Role::Patient => Ok(u.id.to_string()),
        _ => Err(ApiError::field(
            ErrorCode::NotFound,
            "patient_phone",
            "no patient has this number",
        )),
    }
}

/// Stores a consent as a FHIR resource with its audit entry, and tells the patient.
async fn save(state: &AppState, ctx: &RequestContext, a: &Artefact, action: &str) -> ApiResult<()> {
    let write = crate::fhir::seed::put(a.to_fhir()).map_err(ApiError::internal)?;
    let mut audit = ctx.audit(action, Outcome::Success);
    audit.patient = Some(a.patient.clone());
    audit.target = Some(format!("Consent/{}", a.id));
    audit.purpose = Some(a.purpose.code().to_owned());
    crate::fhir::seed::commit(state.store.as_ref(), &[write], vec![audit])
        .await
        .map_err(ApiError::internal)?;
    if let Ok(patient) = a.patient.parse() {
        let message =
            serde_json::json!({"type": "consent.changed", "consent_id": a.id, "action": action})
                .to_string();
        state.sos.to_users(&[patient], &message);
    }
    Ok(())
}

#[utoipa::path(
    post, path = "/api/v1/consent/requests", tag = "consent", operation_id = "request_consent",
    request_body = AccessRequest,
    responses(
        (status = 201, description = "Asked; the patient sees it in their language", body = ConsentView),
        (status = 422, description = "A field is not valid; `field` names it", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn request(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(body): ApiJson<AccessRequest>,
) -> ApiResult<(StatusCode, Json<ConsentView>)> {
    let caller = ctx.caller()?;
    let now = crate::time::now_ms();
    if body.purpose == Purpose::Btg {
        return Err(invalid("purpose", "use break-glass for emergencies"));
    }
    if body.hi_types.is_empty() {
        return Err(invalid("hi_types", "name at least one kind of record"));
    }
    if body.date_from_ms > body.date_to_ms {
        return Err(invalid("date_from_ms", "must not be after date_to_ms"));
    }
    if body.expires_at_ms <= now || body.expires_at_ms > now + MAX_CONSENT_MS {
        return Err(invalid(
            "expires_at_ms",
            "must be in the future and within a year",
        ));
    }
    let patient = patient_by_phone(&state, &body.patient_phone).await?;
    let mut hi_types = body.hi_types;
    hi_types.sort();
    hi_types.dedup();
    let a = Artefact {
        id: uuid::Uuid::now_v7().to_string(),
        status: Status::Requested,
        purpose: body.purpose,
        hi_types,
        date_from_ms: body.date_from_ms,
        date_to_ms: body.date_to_ms,
        expires_at_ms: body.expires_at_ms,
        access_mode: body.access_mode,
        patient,
        requester: caller.user_id.to_string(),
        created_at_ms: now,
        reason: None,
    };
    save(&state, &ctx, &a, "consent.request").await?;
    Ok((StatusCode::CREATED, Json(view(&state, a, now).await?)))
}

/// How a patient may narrow what was asked.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Narrowing {
    /// A subset of the kinds asked for.
    pub hi_types: Option<Vec<HiType>>,
    pub date_from_ms: Option<i64>,
    pub date_to_ms: Option<i64>,
    pub expires_at_ms: Option<i64>,
}

/// The patient's own consent, or 404.
async fn own(state: &AppState, caller: Caller, id: &str) -> ApiResult<Artefact> {
    let found =
        grants::artefacts(state.store.as_ref(), vec![vec![Cond::Id(id.to_owned())]]).await?;
    found
        .into_iter()
        .find(|a| a.patient == caller.user_id.to_string())
        .ok_or_else(|| ApiError::not_found("this consent"))
}

fn wrong_state(a: &Artefact, now: i64, verb: &str) -> ApiError {
    ApiError::new(
        ErrorCode::InvalidTransition,
        format!("a {:?} consent cannot be {verb}", a.status_at(now)).to_lowercase(),
    )
}

#[utoipa::path(
    post, path = "/api/v1/consent/{id}/grant", tag = "consent", operation_id = "grant_consent",
    params(("id" = String, Path, description = "The consent id")),
    request_body = Narrowing,
    responses(
        (status = 200, description = "Granted, possibly narrower than asked", body = ConsentView),
        (status = 409, description = "Not waiting for an answer", body = ErrorBody),
        (status = 422, description = "The narrowing is wider than the request", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn grant(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Narrowing>,
) -> ApiResult<Json<ConsentView>> {
    let caller = ctx.caller()?;
    let now = crate::time::now_ms();
    let mut a = own(&state, caller, &id).await?;
    if a.status != Status::Requested {
        return Err(wrong_state(&a, now, "granted"));
    }
    if let Some(kinds) = body.hi_types {
        if kinds.is_empty() || kinds.iter().any(|k| !a.hi_types.contains(k)) {
            return Err(invalid("hi_types", "choose among the kinds asked for"));
        }
        a.hi_types = kinds;
    }
    if let Some(from) = body.date_from_ms {
        a.date_from_ms = from.max(a.date_from_ms);
    }
    if let Some(to) = body.date_to_ms {
        a.date_to_ms = to.min(a.date_to_ms);
    }
    if a.date_from_ms > a.date_to_ms {
        return Err(invalid("date_from_ms", "the dates leave nothing to share"));
    }
    if let Some(until) = body.expires_at_ms {
        if until <= now {
            return Err(invalid("expires_at_ms", "must be in the future"));
        }
        a.expires_at_ms = until.min(a.expires_at_ms);
    }
    a.status = Status::Granted;
    save(&state, &ctx, &a, "consent.grant").await?;
    Ok(Json(view(&state, a, now).await?))
}

async fn answer(
    state: &AppState,
    ctx: &RequestContext,
    id: &str,
    (from, to): (Status, Status),
    (verb, action): (&str, &str),
) -> ApiResult<Json<ConsentView>> {
    let caller = ctx.caller()?;
    let now = crate::time::now_ms();
    let mut a = own(state, caller, id).await?;
    if a.status != from {
        return Err(wrong_state(&a, now, verb));
    }
    a.status = to;
    save(state, ctx, &a, action).await?;
    Ok(Json(view(state, a, now).await?))
}

#[utoipa::path(
    post, path = "/api/v1/consent/{id}/deny", tag = "consent", operation_id = "deny_consent",
    params(("id" = String, Path, description = "The consent id")),
    responses((status = 200, description = "Denied", body = ConsentView), (status = 409, description = "Not waiting for an answer", body = ErrorBody)),
    security(("bearer" = []))
)]
pub async fn deny(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> ApiResult<Json<ConsentView>> {
    answer(
        &state,
        &ctx,
        &id,
        (Status::Requested, Status::Denied),
        ("denied", "consent.deny"),
    )
    .await
}

#[utoipa::path(
    post, path = "/api/v1/consent/{id}/revoke", tag = "consent", operation_id = "revoke_consent",
    params(("id" = String, Path, description = "The consent id")),
    responses((status = 200, description = "Revoked: access ends with the next request", body = ConsentView), (status = 409, description = "Not granted", body = ErrorBody)),
    security(("bearer" = []))
)]
pub async fn revoke(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> ApiResult<Json<ConsentView>> {
    answer(
        &state,
        &ctx,
        &id,
        (Status::Granted, Status::Revoked),
        ("revoked", "consent.revoke"),
    )
    .await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BreakGlass {
    pub patient_phone: String,
    /// Why this cannot wait for consent; kept in the record and shown to the patient.
    pub reason: String,
}

#[utoipa::path(
    post, path = "/api/v1/consent/break-glass", tag = "consent", operation_id = "break_glass",
    request_body = BreakGlass,
    responses(
        (status = 201, description = "Emergency access to every kind of record for a short time; the patient is told and the audit log flags it", body = ConsentView),
        (status = 422, description = "A reason is required", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn break_glass(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(body): ApiJson<BreakGlass>,
) -> ApiResult<(StatusCode, Json<ConsentView>)> {
    let caller = ctx.caller()?;
    let reason = body.reason.trim();
    if reason.chars().count() < 10 || reason.chars().count() > 500 {
        return Err(invalid("reason", "say why in 10 to 500 characters"));
    }
    let patient = patient_by_phone(&state, &body.patient_phone).await?;
    let now = crate::time::now_ms();
    let secs = i64::try_from(state.settings.consent_break_glass_secs).unwrap_or(3600);
    let a = Artefact {
        id: uuid::Uuid::now_v7().to_string(),
        status: Status::Granted,
        purpose: Purpose::Btg,
        hi_types: HiType::ALL.to_vec(),
        date_from_ms: EARLIEST_MS,
        date_to_ms: LATEST_MS,
        expires_at_ms: now + secs * 1000,
        access_mode: AccessMode::View,
        patient,
        requester: caller.user_id.to_string(),
        created_at_ms: now,
        reason: Some(reason.to_owned()),
    };
    save(&state, &ctx, &a, "consent.break_glass").await?;
    tracing::warn!(consent = %a.id, "break-the-glass access opened; flagged for review");
    Ok((StatusCode::CREATED, Json(view(&state, a, now).await?)))
}
