//! The supervisor's view of her workers, and the villages she assigns them.

use super::workers_of;
use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::Caller;
use crate::http::{ApiJson, RequestContext};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use mysehat_domain::audit::Outcome;
use mysehat_domain::{Role, UserId};
use mysehat_storage::UserRecord;
use mysehat_sync::Scope;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct WorkerSummary {
    pub id: String,
    pub name: String,
    pub villages: Vec<String>,
    /// The latest push or pull of any of her devices (ms), if she ever synced.
    pub last_sync_ms: Option<i64>,
    pub households: usize,
    pub screenings: usize,
    pub follow_ups_overdue: usize,
}

#[utoipa::path(
    get, path = "/api/v1/hw/workers", tag = "health-worker", operation_id = "hw_workers",
    responses((status = 200, description = "Each worker of the caller's area", body = [WorkerSummary])),
    security(("bearer" = []))
)]
pub async fn workers(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<Json<Vec<WorkerSummary>>> {
    let caller = ctx.caller()?;
    let today = crate::time::rfc3339(crate::time::now_ms())[..10].to_owned();
    let mut out = vec![];
    for w in workers_of(&state, caller).await? {
        let villages = state.store.hw_villages(w.id).await?;
        let scopes: Vec<String> = villages
            .iter()
            .map(|v| Scope::Village(v.clone()).to_string())
            .collect();
        let devices = state.store.sync_devices_of(&[w.id]).await?;
        let last_sync_ms = devices
            .iter()
            .flat_map(|d| [d.last_push_ms, d.last_pull_ms])
            .flatten()
            .max();
        let households = state.store.sync_live(&scopes, Some("Group")).await?.len();
        let screenings = state
            .store
            .sync_live(&scopes, Some("QuestionnaireResponse"))
            .await?
            .len();
        let tasks: Vec<(String, String)> = state
            .store
            .sync_live(&scopes, Some("Task"))
            .await?
            .into_iter()
            .map(|(t, id, _)| (t, id))
            .collect();
        let follow_ups_overdue = state
            .store
            .fhir_load_keys(&tasks)
            .await?
            .iter()
            .filter_map(|t| serde_json::from_str::<Value>(&t.body).ok())
            .filter(|t| {
                matches!(
                    t["status"].as_str(),
                    Some("requested" | "accepted" | "ready" | "in-progress")
                )
            })
            .filter(|t| {
                t.pointer("/restriction/period/end")
                    .and_then(Value::as_str)
                    .is_some_and(|due| due[..due.len().min(10)] < *today)
            })
            .count();
        out.push(WorkerSummary {
            id: w.id.to_string(),
            name: w.name.to_string(),
            villages,
            last_sync_ms,
            households,
            screenings,
            follow_ups_overdue,
        });
    }
    Ok(Json(out))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VillagesRequest {
    /// Ids of village `Location`s.
    pub villages: Vec<String>,
}

#[utoipa::path(
    put, path = "/api/v1/hw/workers/{id}/villages", tag = "health-worker", operation_id = "hw_assign_villages",
    params(("id" = String, Path, description = "The health worker's account id")),
    request_body = VillagesRequest,
    responses(
        (status = 200, description = "The villages now assigned", body = [String]),
        (status = 404, description = "No such health worker in your area, or no such village", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn assign_villages(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<VillagesRequest>,
) -> ApiResult<Json<Vec<String>>> {
    let caller = ctx.caller()?;
    let worker = worker_in_area(&state, caller, &id).await?;
    let me = state
        .store
        .user_by_id(caller.user_id)
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    for v in &body.villages {
        let found = state
            .store
            .fhir_read("Location", v)
            .await?
            .filter(|l| !l.deleted)
            .and_then(|l| serde_json::from_str::<Value>(&l.body).ok());
        // A supervisor assigns the villages of her own area only (those `partOf` it), so she
        // cannot widen what she and her workers reach; an admin assigns any.
        let in_area = |l: &Value| {
            caller.role == Role::Admin
                || me.area.as_deref().is_some_and(|area| {
                    l.pointer("/partOf/reference").and_then(Value::as_str)
                        == Some(format!("Location/{area}").as_str())
                })
        };
        if !found.as_ref().is_some_and(in_area) {
            return Err(ApiError::field(
                ErrorCode::NotFound,
                "villages",
                format!("there is no village Location/{v} in your area"),
            ));
        }
    }
    let mut audit = ctx.audit("hw.villages.assign", Outcome::Success);
    audit.target = Some(format!("user/{}", worker.id));
    state
        .store
        .hw_set_villages(worker.id, &body.villages, crate::time::now_ms(), audit)
        .await?;
    Ok(Json(state.store.hw_villages(worker.id).await?))
}

async fn worker_in_area(state: &AppState, caller: Caller, id: &str) -> ApiResult<UserRecord> {
    let wanted: UserId = id
        .parse()
        .map_err(|_| ApiError::not_found("health worker"))?;
    workers_of(state, caller)
        .await?
        .into_iter()
        .find(|w| w.id == wanted)
        .ok_or_else(|| ApiError::not_found("health worker"))
}
