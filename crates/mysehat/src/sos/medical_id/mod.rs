//! The emergency medical ID under `/sos/medical-id`: the patient keeps it (stored as FHIR
//! resources, see `record`), the app caches it for offline use, and a printed card's QR code
//! opens a public read-only page through an unguessable link the patient can revoke. Every
//! opening of that page is audited against the patient.

pub mod record;

use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::{ApiJson, RequestContext};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use mysehat_domain::UserId;
use mysehat_domain::audit::Outcome;
use mysehat_storage::Store;
use record::MedicalId;
use serde::Serialize;
use utoipa::ToSchema;

/// Loads the medical ID of `patient` from its FHIR resources.
pub async fn load(
    store: &dyn Store,
    patient: UserId,
) -> mysehat_storage::StoreResult<(MedicalId, Vec<(String, String)>)> {
    let pid = patient.to_string();
    let found = store.fhir_load_keys(&record::keys(&pid)).await?;
    let stored: Vec<(String, String)> = found
        .iter()
        .filter(|r| !r.deleted)
        .map(|r| (r.resource_type.clone(), r.id.clone()))
        .collect();
    let resources: Vec<serde_json::Value> = found
        .iter()
        .filter(|r| !r.deleted)
        .filter_map(|r| serde_json::from_str(&r.body).ok())
        .collect();
    Ok((record::from_fhir(&pid, &resources), stored))
}

#[utoipa::path(
    get, path = "/sos/medical-id", tag = "sos", operation_id = "get_medical_id",
    responses((status = 200, description = "The caller's emergency medical ID", body = MedicalId)),
    security(("bearer" = []))
)]
pub async fn get(State(state): State<AppState>, ctx: RequestContext) -> ApiResult<Json<MedicalId>> {
    let caller = ctx.caller()?;
    let mut audit = ctx.audit("medical_id.read", Outcome::Success);
    audit.patient = Some(caller.user_id.to_string());
    state
        .audit
        .append(vec![audit])
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(load(state.store.as_ref(), caller.user_id).await?.0))
}

#[utoipa::path(
    put, path = "/sos/medical-id", tag = "sos", operation_id = "put_medical_id",
    request_body = MedicalId,
    responses(
        (status = 200, description = "Stored as FHIR resources of the patient", body = MedicalId),
        (status = 422, description = "A field does not fit; `field` names it", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn put(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(body): ApiJson<MedicalId>,
) -> ApiResult<Json<MedicalId>> {
    let caller = ctx.caller()?;
    let id = body
        .cleaned()
        .map_err(|e| ApiError::field(ErrorCode::ValidationFailed, &e.field, e.message))?;
    let user = state
        .store
        .user_by_id(caller.user_id)
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    let pid = caller.user_id.to_string();
    let (_, stored) = load(state.store.as_ref(), caller.user_id).await?;
    let existing = state
        .store
        .fhir_read("Patient", &pid)
        .await?
        .filter(|p| !p.deleted)
        .and_then(|p| serde_json::from_str(&p.body).ok());
    let (puts, deletes) = record::to_fhir(
        &pid,
        (user.name.as_str(), user.phone.as_str()),
        existing,
        &id,
        &stored,
    );
    let mut writes = Vec::with_capacity(puts.len() + deletes.len());
    for resource in puts {
        writes.push(crate::fhir::seed::put(resource).map_err(ApiError::internal)?);
    }
    for (ty, rid) in &deletes {
        writes.push(crate::fhir::seed::delete(ty, rid));
    }
    let mut audit = ctx.audit("medical_id.update", Outcome::Success);
    audit.patient = Some(pid);
    crate::fhir::seed::commit(state.store.as_ref(), &writes, vec![audit])
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(load(state.store.as_ref(), caller.user_id).await?.0))
}

/// A fresh public link to the medical ID.
#[derive(Debug, Serialize, ToSchema)]
pub struct Link {
    /// Put into the card's QR code as `<origin>/id/<token>`. Shown once; only its hash is kept.
    pub token: String,
    pub path: String,
}

#[utoipa::path(
    post, path = "/sos/medical-id/link", tag = "sos", operation_id = "create_medical_id_link",
    responses((status = 201, description = "A new public link; older links stop working", body = Link)),
    security(("bearer" = []))
)]
pub async fn create_link(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<(StatusCode, Json<Link>)> {
    let caller = ctx.caller()?;
    let token = crate::auth::tokens::new_refresh_token().map_err(ApiError::internal)?;
    let mut audit = ctx.audit("medical_id.link", Outcome::Success);
    audit.patient = Some(caller.user_id.to_string());
    state
        .store
        .create_medical_id_link(
            &crate::auth::tokens::hash_refresh_token(&token),
            caller.user_id,
            crate::time::now_ms(),
            audit,
        )
        .await?;
    let path = format!("/id/{token}");
    Ok((StatusCode::CREATED, Json(Link { token, path })))
}

#[utoipa::path(
    delete, path = "/sos/medical-id/link", tag = "sos", operation_id = "revoke_medical_id_link",
    responses((status = 204, description = "Every public link of the caller stops working")),
    security(("bearer" = []))
)]
pub async fn revoke_link(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<StatusCode> {
    let caller = ctx.caller()?;
    let mut audit = ctx.audit("medical_id.revoke", Outcome::Success);
    audit.patient = Some(caller.user_id.to_string());
    state
        .store
        .revoke_medical_id_links(caller.user_id, crate::time::now_ms(), audit)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What the public page shows a paramedic.
#[derive(Debug, Serialize, ToSchema)]
pub struct Card {
    pub name: String,
    pub medical_id: MedicalId,
}

#[utoipa::path(
    get, path = "/sos/medical-id/public/{token}", tag = "sos", operation_id = "open_medical_id_card",
    params(("token" = String, Path, description = "The token from the card's QR code")),
    responses(
        (status = 200, description = "The medical ID, read-only; the opening is audited", body = Card),
        (status = 404, description = "Unknown or revoked link", body = ErrorBody),
    )
)]
pub async fn open(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(token): Path<String>,
) -> ApiResult<Json<Card>> {
    let hash = crate::auth::tokens::hash_refresh_token(&token);
    let Some(patient) = state.store.medical_id_link(&hash).await? else {
        return Err(ApiError::not_found("this medical ID card"));
    };
    let user = state
        .store
        .user_by_id(patient)
        .await?
        .ok_or_else(|| ApiError::not_found("this medical ID card"))?;
    let mut audit = ctx.audit("medical_id.public_read", Outcome::Success);
    audit.patient = Some(patient.to_string());
    audit.purpose = Some("emergency".into());
    state
        .audit
        .append(vec![audit])
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(Card {
        name: user.name.as_str().to_owned(),
        medical_id: load(state.store.as_ref(), patient).await?.0,
    }))
}
