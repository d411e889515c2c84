//! Health Worker Mode on the server (docs/SYNC.md): the villages assigned to each health
//! worker, household numbers reserved per device, the supervisor's view of her workers, moving
//! a household between villages, and the same-field clashes sync kept for a supervisor.

pub mod follow_ups;

use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::{ApiJson, Caller, RequestContext};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use mysehat_domain::audit::Outcome;
use mysehat_domain::{Role, UserId};
use mysehat_storage::UserRecord;
use mysehat_storage::fhir::{FhirChange, FhirWrite, Stamp};
use mysehat_storage::sync::{ApplyRefusal, ConflictRecord, Resolution, SyncApply};
use mysehat_sync::{HOUSEHOLD_TAG, Scope, VILLAGE_TAG, tag_value};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Household numbers read `HH-<n>`.
const NUMBER_PREFIX: &str = "HH";
const MAX_BLOCK: i64 = 200;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(villages))
        .routes(routes!(forms))
        .routes(routes!(reserve_numbers))
        .routes(routes!(workers))
        .routes(routes!(assign_villages))
        .routes(routes!(move_household))
        .routes(routes!(conflicts))
        .routes(routes!(resolve_conflict))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Village {
    pub id: String,
    pub name: String,
}

/// The villages a caller works in: a health worker's own; a supervisor's workers' (her area).
async fn village_ids(state: &AppState, caller: Caller) -> ApiResult<Vec<String>> {
    match caller.role {
        Role::HealthWorker => Ok(state.store.hw_villages(caller.user_id).await?),
        Role::Supervisor | Role::Admin => {
            let mut all = vec![];
            for w in workers_of(state, caller).await? {
                all.extend(state.store.hw_villages(w.id).await?);
            }
            all.sort();
            all.dedup();
            Ok(all)
        }
        _ => Err(ApiError::forbidden()),
    }
}

/// Health workers a supervisor oversees (same area), or every one for an admin.
async fn workers_of(state: &AppState, caller: Caller) -> ApiResult<Vec<UserRecord>> {
    let me = state
        .store
        .user_by_id(caller.user_id)
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    let mut found = vec![];
    let mut after = None;
    loop {
        let page = state.store.list_users(after, 500).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        let full = page.len() == 500;
        found.extend(page.into_iter().filter(|u| {
            u.role == Role::HealthWorker && (caller.role == Role::Admin || u.area == me.area)
        }));
        if !full {
            break;
        }
    }
    Ok(found)
}

#[utoipa::path(
    get, path = "/api/v1/hw/villages", tag = "health-worker", operation_id = "hw_villages",
    responses((status = 200, description = "The caller's villages", body = [Village])),
    security(("bearer" = []))
)]
pub async fn villages(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<Json<Vec<Village>>> {
    let caller = ctx.caller()?;
    let ids = village_ids(&state, caller).await?;
    let keys: Vec<(String, String)> = ids
        .iter()
        .map(|id| ("Location".to_owned(), id.clone()))
        .collect();
    let found = state.store.fhir_load_keys(&keys).await?;
    let name_of = |id: &str| {
        found
            .iter()
            .find(|l| l.id == id)
            .and_then(|l| serde_json::from_str::<Value>(&l.body).ok())
            .and_then(|b| b["name"].as_str().map(str::to_owned))
            .unwrap_or_else(|| id.to_owned())
    };
    Ok(Json(
        ids.iter()
            .map(|id| Village {
                id: id.clone(),
                name: name_of(id),
            })
            .collect(),
    ))
}

#[utoipa::path(
    get, path = "/api/v1/hw/forms", tag = "health-worker", operation_id = "hw_forms",
    responses((status = 200, description = "The shipped field forms (FHIR Questionnaires): household enumeration, CBAC, antenatal visit, child immunisation, TB screen", body = [Object])),
    security(("bearer" = []))
)]
pub async fn forms() -> Json<Vec<Value>> {
    Json(mysehat_hw::forms().to_vec())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NumbersRequest {
    pub device: String,
    /// 1–200.
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NumberBlock {
    /// Numbers read `<prefix>-<n>`.
    pub prefix: String,
    pub first: i64,
    pub last: i64,
}

#[utoipa::path(
    post, path = "/api/v1/hw/numbers", tag = "health-worker", operation_id = "hw_reserve_numbers",
    request_body = NumbersRequest,
    responses(
        (status = 200, description = "A block of household numbers nobody else will use", body = NumberBlock),
        (status = 400, description = "Bad device or count", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn reserve_numbers(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(body): ApiJson<NumbersRequest>,
) -> ApiResult<Json<NumberBlock>> {
    let caller = ctx.caller()?;
    if !crate::sync::push::valid_device(&body.device) {
        return Err(ApiError::field(
            ErrorCode::InvalidRequest,
            "device",
            "device must be 1–64 letters, digits or '-'",
        ));
    }
    if !(1..=MAX_BLOCK).contains(&body.count) {
        return Err(ApiError::field(
            ErrorCode::InvalidRequest,
            "count",
            format!("count must be 1–{MAX_BLOCK}"),
        ));
    }
    for _ in 0..5 {
        match state
            .store
            .hw_reserve_numbers(
                &body.device,
                caller.user_id,
                body.count,
                crate::time::now_ms(),
            )
            .await
        {
            Ok((first, last)) => {
                return Ok(Json(NumberBlock {
                    prefix: NUMBER_PREFIX.into(),
                    first,
                    last,
                }));
            }
            Err(mysehat_storage::StoreError::Conflict(_)) => continue, // another device took it first
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::new(
        ErrorCode::ServiceUnavailable,
        "many devices are reserving numbers at once; try again",
    ))
}

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

/// Writes `writes` in one transaction, with one audit entry per record under `action`.
pub(crate) async fn write_audited(
    state: &AppState,
    ctx: &RequestContext,
    action: &str,
    writes: Vec<FhirWrite>,
) -> ApiResult<Result<(), ApplyRefusal>> {
    let audit = writes
        .iter()
        .map(|w| {
            let mut a = ctx.audit(action, Outcome::Success);
            a.target = Some(format!("{}/{}", w.resource_type, w.id));
            if let FhirChange::Put { patient, .. } = &w.change {
                a.patient = patient.clone();
            }
            a
        })
        .collect();
    let now = crate::time::now_ms();
    let stamp = Stamp {
        ms: now,
        text: crate::time::rfc3339(now),
    };
    let apply = SyncApply {
        writes,
        audit,
        ..Default::default()
    };
    Ok(state.store.sync_apply(apply, &stamp).await?.map(|_| ()))
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
