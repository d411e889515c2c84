//! Moving a household to another village: its records are re-tagged, so they leave the old
//! village's phones and reach the new one's.

use super::{village_ids, write_audited};
use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::{ApiJson, RequestContext};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use mysehat_storage::fhir::FhirWrite;
use mysehat_sync::{HOUSEHOLD_TAG, Scope, VILLAGE_TAG, tag_value};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveRequest {
    /// The village `Location` the household moves to.
    pub village: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MoveOutcome {
    /// Records re-tagged (the household, its position, its members and their records).
    pub records: usize,
}

#[utoipa::path(
    post, path = "/api/v1/hw/households/{id}/move", tag = "health-worker", operation_id = "hw_move_household",
    params(("id" = String, Path, description = "The household `Group` id")),
    request_body = MoveRequest,
    responses(
        (status = 200, description = "Moved: its records leave the old village's devices and reach the new one's at their next sync", body = MoveOutcome),
        (status = 404, description = "No such household or village in your area", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn move_household(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MoveRequest>,
) -> ApiResult<Json<MoveOutcome>> {
    let caller = ctx.caller()?;
    let area = village_ids(&state, caller).await?;
    let group = state
        .store
        .fhir_read("Group", &id)
        .await?
        .filter(|g| !g.deleted)
        .ok_or_else(|| ApiError::not_found("household"))?;
    let group: Value = serde_json::from_str(&group.body).map_err(ApiError::internal)?;
    let from: Vec<String> = tag_value(&group, VILLAGE_TAG)
        .into_iter()
        .map(str::to_owned)
        .collect();
    if from.is_empty() || !from.iter().all(|v| area.contains(v)) {
        return Err(ApiError::not_found("household"));
    }
    if !area.contains(&body.village)
        || state
            .store
            .fhir_read("Location", &body.village)
            .await?
            .filter(|l| !l.deleted)
            .is_none()
    {
        return Err(ApiError::field(
            ErrorCode::NotFound,
            "village",
            format!("there is no village {} in your area", body.village),
        ));
    }
    let scopes: Vec<String> = from
        .iter()
        .map(|v| Scope::Village(v.clone()).to_string())
        .collect();
    let keys: Vec<(String, String)> = state
        .store
        .sync_live(&scopes, None)
        .await?
        .into_iter()
        .map(|(t, i, _)| (t, i))
        .collect();
    let mut writes = vec![];
    for record in state.store.fhir_load_keys(&keys).await? {
        let mut body_json: Value =
            serde_json::from_str(&record.body).map_err(ApiError::internal)?;
        let in_household = tag_value(&body_json, HOUSEHOLD_TAG).contains(&id.as_str())
            || (record.resource_type == "Group" && record.id == id);
        if !in_household {
            continue;
        }
        retag(&mut body_json, &body.village);
        let (change, _) =
            crate::fhir::crud::checked(body_json).map_err(|e| ApiError::internal(e.summary()))?;
        writes.push(FhirWrite {
            resource_type: record.resource_type,
            id: record.id,
            change,
            if_match: Some(record.version_id),
        });
    }
    let records = writes.len();
    match write_audited(&state, &ctx, "hw.household.move", writes).await? {
        Ok(_) => Ok(Json(MoveOutcome { records })),
        Err(_) => Err(ApiError::new(
            ErrorCode::Conflict,
            "the household changed while it was being moved; try again",
        )),
    }
}

/// Replaces the village tag of a record.
fn retag(resource: &mut Value, village: &str) {
    if let Some(tags) = resource
        .pointer_mut("/meta/tag")
        .and_then(Value::as_array_mut)
    {
        for t in tags.iter_mut() {
            if t["system"] == VILLAGE_TAG {
                t["code"] = Value::from(village);
            }
        }
    }
}
