//! The same-field clashes sync kept, listed and resolved by a supervisor.

use super::village_ids;
use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::{ApiJson, RequestContext};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use mysehat_domain::audit::Outcome;
use mysehat_storage::fhir::{FhirWrite, Stamp};
use mysehat_storage::sync::{ApplyRefusal, ConflictRecord, Resolution, SyncApply};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct ConflictView {
    pub id: String,
    #[serde(rename = "type")]
    pub resource_type: String,
    pub resource_id: String,
    pub field: String,
    #[schema(value_type = Object)]
    pub base: Value,
    #[schema(value_type = Object)]
    pub server: Value,
    #[schema(value_type = Object)]
    pub device: Value,
    pub village: Option<String>,
    pub worker: String,
    pub created_at_ms: i64,
}

impl From<ConflictRecord> for ConflictView {
    fn from(c: ConflictRecord) -> Self {
        let parse = |s: &str| serde_json::from_str(s).unwrap_or(Value::Null);
        Self {
            base: parse(&c.base_value),
            server: parse(&c.server_value),
            device: parse(&c.device_value),
            id: c.id,
            resource_type: c.resource_type,
            resource_id: c.resource_id,
            field: c.field,
            village: c.village,
            worker: c.user_id.to_string(),
            created_at_ms: c.created_at_ms,
        }
    }
}

#[utoipa::path(
    get, path = "/api/v1/hw/conflicts", tag = "health-worker", operation_id = "hw_conflicts",
    responses((status = 200, description = "Open same-field clashes in the caller's area", body = [ConflictView])),
    security(("bearer" = []))
)]
pub async fn conflicts(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<Json<Vec<ConflictView>>> {
    let caller = ctx.caller()?;
    let area = village_ids(&state, caller).await?;
    let found = state.store.sync_conflicts(Some(&area), true).await?;
    Ok(Json(found.into_iter().map(ConflictView::from).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveRequest {
    /// `server` (keep what the server has) or `device` (take the health worker's value).
    pub keep: String,
}

#[utoipa::path(
    post, path = "/api/v1/hw/conflicts/{id}/resolve", tag = "health-worker", operation_id = "hw_resolve_conflict",
    params(("id" = String, Path, description = "The conflict id")),
    request_body = ResolveRequest,
    responses(
        (status = 200, description = "Resolved; with `device`, the record has a new version", body = ConflictView),
        (status = 404, description = "No such open conflict in your area", body = ErrorBody),
        (status = 409, description = "Already resolved, or the record changed meanwhile", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn resolve_conflict(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ResolveRequest>,
) -> ApiResult<Json<ConflictView>> {
    let caller = ctx.caller()?;
    if body.keep != "server" && body.keep != "device" {
        return Err(ApiError::field(
            ErrorCode::InvalidRequest,
            "keep",
            "keep is `server` or `device`",
        ));
    }
    let area = village_ids(&state, caller).await?;
    let conflict = state
        .store
        .sync_conflict(&id)
        .await?
        .filter(|c| c.village.as_ref().is_some_and(|v| area.contains(v)))
        .ok_or_else(|| ApiError::not_found("conflict"))?;
    let mut writes = vec![];
    if body.keep == "device" {
        let current = state
            .store
            .fhir_read(&conflict.resource_type, &conflict.resource_id)
            .await?
            .filter(|c| !c.deleted)
            .ok_or_else(|| ApiError::not_found("record"))?;
        let mut resource: Value =
            serde_json::from_str(&current.body).map_err(ApiError::internal)?;
        let device: Value =
            serde_json::from_str(&conflict.device_value).map_err(ApiError::internal)?;
        let kept: Value =
            serde_json::from_str(&conflict.server_value).map_err(ApiError::internal)?;
        if resource.get(&conflict.field).unwrap_or(&Value::Null) != &kept {
            // Someone changed the field since the clash: taking the phone's value now would
            // overwrite that newer change unseen.
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!(
                    "{} changed again since this clash; look at the record as it is now",
                    conflict.field
                ),
            ));
        }
        if let Some(obj) = resource.as_object_mut() {
            if device.is_null() {
                obj.remove(&conflict.field);
            } else {
                obj.insert(conflict.field.clone(), device);
            }
        }
        let (change, _) = crate::fhir::crud::checked(resource)
            .map_err(|e| ApiError::new(ErrorCode::ValidationFailed, e.summary()))?;
        writes.push(FhirWrite {
            resource_type: conflict.resource_type.clone(),
            id: conflict.resource_id.clone(),
            change,
            if_match: Some(current.version_id),
        });
    }
    let mut audit = ctx.audit("hw.conflict.resolve", Outcome::Success);
    audit.target = Some(format!(
        "{}/{}",
        conflict.resource_type, conflict.resource_id
    ));
    let now = crate::time::now_ms();
    let apply = SyncApply {
        writes,
        resolve: Some(Resolution {
            conflict_id: id.clone(),
            by: caller.user_id,
            keep: body.keep.clone(),
            at_ms: now,
        }),
        audit: vec![audit],
        ..Default::default()
    };
    match state
        .store
        .sync_apply(
            apply,
            &Stamp {
                ms: now,
                text: crate::time::rfc3339(now),
            },
        )
        .await?
    {
        Ok(_) => Ok(Json(conflict.into())),
        Err(ApplyRefusal::Gone) => Err(ApiError::new(
            ErrorCode::Conflict,
            "this conflict was already resolved",
        )),
        Err(_) => Err(ApiError::new(
            ErrorCode::Conflict,
            "the record changed meanwhile; look again",
        )),
    }
}
