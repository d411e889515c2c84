//! `POST /sync/push`: a device's mutation groups, each applied all-or-nothing with its receipts,
//! merged by the kind of record (docs/SYNC.md), held when it arrives before what it changes.
//! `apply` runs a group as one transaction; `step` decides what each mutation comes to.

mod apply;
mod step;

use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::{ApiJson, RequestContext};
use crate::state::AppState;
use apply::Pusher;
use axum::Json;
use axum::extract::State;
use mysehat_storage::sync::Receipt;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest as _, Sha256};
use std::collections::{HashMap, HashSet};
use utoipa::ToSchema;

const MAX_GROUPS: usize = 200;
const MAX_MUTATIONS: usize = 2_000;
/// How often a group is merged again when another write lands between read and write.
const MERGE_ATTEMPTS: usize = 5;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    /// The device's id, made once at install (letters, digits and `-`, up to 64).
    pub device: String,
    pub groups: Vec<MutationGroup>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MutationGroup {
    pub mutations: Vec<Mutation>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum MutationOp {
    Put,
    Delete,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Mutation {
    /// A UUIDv7 made on the device.
    pub id: String,
    /// The device's own sequence number: (device, seq) is the idempotency key.
    pub seq: i64,
    pub op: MutationOp,
    #[serde(rename = "type")]
    pub resource_type: String,
    pub resource_id: String,
    /// The server version the device edited; none for a record the device made.
    pub base_version: Option<i64>,
    /// The whole resource, for `put`.
    #[schema(value_type = Option<Object>)]
    pub resource: Option<Value>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum MutationStatus {
    Applied,
    Merged,
    Held,
    Rejected,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct FieldConflict {
    pub field: String,
    /// `soft`: combined by the rules; `hard`: the server's value kept, waiting for a supervisor.
    pub kind: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct MutationResult {
    pub id: String,
    pub status: MutationStatus,
    /// The record's server version after the mutation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<FieldConflict>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For `rejected`: `invalid`, `outside_scope`, `insert_only`, `deleted`, `stale_delete`,
    /// `group_rejected`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The record as the server now has it, when that is not what the device sent (a merge,
    /// a clash where the server's value stayed, a task status that may not go back): the
    /// device keeps this as its copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub resource: Option<Value>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupResult {
    pub results: Vec<MutationResult>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PushResponse {
    pub groups: Vec<GroupResult>,
}

pub fn valid_device(d: &str) -> bool {
    (1..=64).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[utoipa::path(
    post, path = "/sync/push", tag = "sync", operation_id = "sync_push",
    request_body = PushRequest,
    responses(
        (status = 200, description = "One result per mutation: applied, merged, held or rejected", body = PushResponse),
        (status = 400, description = "Malformed push; nothing written", body = ErrorBody),
        (status = 409, description = "A key already used for different content; nothing written", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn push(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(body): ApiJson<PushRequest>,
) -> ApiResult<Json<PushResponse>> {
    let caller = ctx.caller()?;
    check_shape(&body)?;
    // Every key first: one reused for other content, or a group that mixes changes already
    // received with new ones, refuses the whole push before anything is written.
    let seqs: Vec<i64> = body
        .groups
        .iter()
        .flat_map(|g| g.mutations.iter().map(|m| m.seq))
        .collect();
    let stored: HashMap<i64, Receipt> = state
        .store
        .sync_receipts(&body.device, &seqs)
        .await?
        .into_iter()
        .map(|r| (r.device_seq, r))
        .collect();
    for m in body.groups.iter().flat_map(|g| &g.mutations) {
        if let Some(r) = stored.get(&m.seq)
            && r.content_hash != content_hash(m)
        {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!(
                    "device sequence {} was already used for a different change; nothing was written",
                    m.seq
                ),
            ));
        }
    }
    for group in &body.groups {
        let known = group
            .mutations
            .iter()
            .filter(|m| stored.contains_key(&m.seq))
            .count();
        if known != 0 && known != group.mutations.len() {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "a group mixes changes already received with new ones; resend the groups as first sent; nothing was written",
            ));
        }
    }
    let new_people: HashSet<String> = body
        .groups
        .iter()
        .flat_map(|g| &g.mutations)
        .filter(|m| m.op == MutationOp::Put && m.resource_type == "Patient")
        .map(|m| m.resource_id.clone())
        .collect();
    let pusher = Pusher::new(&state, &ctx, caller, &body.device, new_people).await?;
    let mut answers = Vec::with_capacity(body.groups.len());
    for group in &body.groups {
        let known: Vec<&Receipt> = group
            .mutations
            .iter()
            .filter_map(|m| stored.get(&m.seq))
            .collect();
        let results = match known.first() {
            None => pusher.group(group, None).await?,
            Some(first) => {
                let results: Vec<MutationResult> = known
                    .iter()
                    .map(|r| stored_result(r))
                    .collect::<ApiResult<_>>()?;
                if results.iter().any(|r| r.status == MutationStatus::Held) {
                    // Still waiting, or applied meanwhile: try again now.
                    pusher.group(group, Some(&first.group_id)).await?
                } else {
                    results
                }
            }
        };
        answers.push(GroupResult { results });
    }
    state
        .store
        .sync_seen(&body.device, caller.user_id, true, crate::time::now_ms())
        .await?;
    Ok(Json(PushResponse { groups: answers }))
}

fn check_shape(body: &PushRequest) -> ApiResult<()> {
    let bad =
        |field: &str, msg: String| Err(ApiError::field(ErrorCode::InvalidRequest, field, msg));
    if !valid_device(&body.device) {
        return bad(
            "device",
            "device must be 1–64 letters, digits or '-'".into(),
        );
    }
    let total: usize = body.groups.iter().map(|g| g.mutations.len()).sum();
    if body.groups.len() > MAX_GROUPS || total > MAX_MUTATIONS {
        return bad(
            "groups",
            format!("at most {MAX_GROUPS} groups and {MAX_MUTATIONS} mutations per push"),
        );
    }
    let mut seqs = HashSet::new();
    for m in body.groups.iter().flat_map(|g| &g.mutations) {
        if m.seq < 0 || !seqs.insert(m.seq) {
            return bad(
                "seq",
                format!("sequence {} is negative or repeated in this push", m.seq),
            );
        }
        if m.id.is_empty() || m.id.len() > 64 {
            return bad("id", "a mutation id is 1–64 characters".into());
        }
        if !mysehat_fhir::is_resource_type(&m.resource_type) {
            return bad(
                "type",
                format!("`{}` is not a FHIR R4 resource type", m.resource_type),
            );
        }
        let id_ok = (1..=64).contains(&m.resource_id.len())
            && m.resource_id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
        if !id_ok {
            return bad(
                "resource_id",
                format!("`{}` is not a FHIR id", m.resource_id),
            );
        }
        match (&m.op, &m.resource) {
            (MutationOp::Put, Some(r)) => {
                if r["resourceType"] != m.resource_type.as_str()
                    || r["id"] != m.resource_id.as_str()
                {
                    return bad(
                        "resource",
                        format!(
                            "mutation {}: the resource's type and id must be {}/{}",
                            m.id, m.resource_type, m.resource_id
                        ),
                    );
                }
            }
            (MutationOp::Put, None) => {
                return bad(
                    "resource",
                    format!("mutation {}: a put carries the resource", m.id),
                );
            }
            (MutationOp::Delete, Some(_)) => {
                return bad(
                    "resource",
                    format!("mutation {}: a delete carries no resource", m.id),
                );
            }
            (MutationOp::Delete, None) => {}
        }
    }
    Ok(())
}

/// What is wrong with answers to one of the shipped field forms (required items missing, a
/// score that does not add up, …), if anything; other resources pass.
fn form_problems(resource: &Value) -> Option<String> {
    if resource["resourceType"] != "QuestionnaireResponse" {
        return None;
    }
    let url = resource["questionnaire"].as_str()?.split('|').next()?;
    let form = mysehat_hw::forms::form_model(url)?;
    match mysehat_hw::response::validate_response(form, resource) {
        Ok(_) => None,
        Err(problems) => Some(
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        ),
    }
}

/// SHA-256 of the mutation as received: a replay must send the same content under a key.
fn content_hash(m: &Mutation) -> String {
    let text = serde_json::to_string(m).unwrap_or_default();
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn stored_result(r: &Receipt) -> ApiResult<MutationResult> {
    serde_json::from_str(&r.result).map_err(ApiError::internal)
}

fn result(m: &Mutation, status: MutationStatus) -> MutationResult {
    MutationResult {
        id: m.id.clone(),
        status,
        version: None,
        conflicts: vec![],
        reason: None,
        code: None,
        resource: None,
    }
}

/// Applied, at the version the write will make (the write checks the version it starts from,
/// so the receipt stored with it can say so).
fn applied_at(m: &Mutation, version: i64) -> MutationResult {
    MutationResult {
        version: Some(version),
        ..result(m, MutationStatus::Applied)
    }
}

fn rejected(m: &Mutation, code: &str, reason: impl Into<String>) -> MutationResult {
    MutationResult {
        code: Some(code.into()),
        reason: Some(reason.into()),
        ..result(m, MutationStatus::Rejected)
    }
}
