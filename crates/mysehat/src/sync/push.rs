//! `POST /sync/push`: a device's mutation groups, each applied all-or-nothing with its receipts,
//! merged by the kind of record (docs/SYNC.md), held when it arrives before what it changes.

use super::scopes_of;
use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::{ApiJson, Caller, RequestContext};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use mysehat_domain::UserId;
use mysehat_domain::audit::Outcome;
use mysehat_storage::fhir::{FhirChange, FhirCurrent, FhirWrite, Stamp};
use mysehat_storage::sync::{ApplyRefusal, ConflictRecord, HeldGroup, Receipt, SyncApply};
use mysehat_sync::{ConflictKind, Kind, Scope, VILLAGE_TAG, merge, scopes_of as record_scopes};
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
    let scopes = scopes_of(&state, caller).await?;
    // Every key first: one reused for other content refuses the whole push, before any write.
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
    let pusher = Pusher {
        state: &state,
        ctx: &ctx,
        caller,
        scopes: &scopes,
        device: &body.device,
    };
    let mut answers = Vec::with_capacity(body.groups.len());
    for group in &body.groups {
        let known: Vec<&Receipt> = group
            .mutations
            .iter()
            .filter_map(|m| stored.get(&m.seq))
            .collect();
        let results = if known.len() == group.mutations.len() {
            known
                .into_iter()
                .map(stored_result)
                .collect::<ApiResult<_>>()?
        } else if !known.is_empty() {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "a group mixes changes already received with new ones; resend the groups as first sent",
            ));
        } else {
            pusher.group(group, None).await?
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

/// What one mutation comes to, before the group is written.
enum Step {
    Write(FhirWrite, MutationResult, Vec<ConflictRecord>),
    /// Nothing to write (already so), perhaps a clash to keep.
    Done(MutationResult, Vec<ConflictRecord>),
    Wait {
        ty: String,
        id: String,
        version: i64,
    },
    Refuse(MutationResult),
}

struct Pusher<'a> {
    state: &'a AppState,
    ctx: &'a RequestContext,
    caller: Caller,
    scopes: &'a [Scope],
    device: &'a str,
}

impl Pusher<'_> {
    /// Applies one group (`release`: the held group it is), then any held groups that were
    /// waiting for what it wrote.
    async fn group(
        &self,
        group: &MutationGroup,
        release: Option<&str>,
    ) -> ApiResult<Vec<MutationResult>> {
        let results = self.apply(group, release).await?;
        if results
            .iter()
            .all(|r| matches!(r.status, MutationStatus::Applied | MutationStatus::Merged))
        {
            self.release_waiting(group).await?;
            self.follow_up(group).await?;
        }
        Ok(results)
    }

    /// Runs the follow-up rules for the members whose visits or forms the group brought.
    async fn follow_up(&self, group: &MutationGroup) -> ApiResult<()> {
        let mut subjects: Vec<String> = group
            .mutations
            .iter()
            .filter_map(|m| m.resource.as_ref())
            .filter_map(|r| {
                mysehat_hw::Event::from_response(r).or_else(|| mysehat_hw::Event::from_encounter(r))
            })
            .map(|e| e.subject)
            .collect();
        subjects.sort();
        subjects.dedup();
        if !subjects.is_empty() {
            crate::hw::follow_ups::refresh(self.state, self.ctx, &subjects).await?;
        }
        Ok(())
    }

    async fn apply(
        &self,
        group: &MutationGroup,
        release: Option<&str>,
    ) -> ApiResult<Vec<MutationResult>> {
        let group_id = release.map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_owned);
        for _ in 0..MERGE_ATTEMPTS {
            let mut writes = vec![];
            let mut results = vec![];
            let mut conflicts = vec![];
            let mut wait = None;
            let mut refused = false;
            let mut written_by = vec![];
            for m in &group.mutations {
                match self.step(m).await? {
                    Step::Write(w, r, c) => {
                        writes.push(w);
                        written_by.push(results.len());
                        results.push(r);
                        conflicts.extend(c);
                    }
                    Step::Done(r, c) => {
                        results.push(r);
                        conflicts.extend(c);
                    }
                    Step::Wait { ty, id, version } => {
                        wait.get_or_insert((ty, id, version));
                        results.push(result(m, MutationStatus::Held));
                    }
                    Step::Refuse(r) => {
                        refused = true;
                        results.push(r);
                    }
                }
            }
            let mut apply = SyncApply {
                release: release.map(str::to_owned),
                ..Default::default()
            };
            if refused {
                // All or nothing: the rest of the group is refused with it.
                for (r, m) in results.iter_mut().zip(&group.mutations) {
                    if r.status != MutationStatus::Rejected {
                        *r = rejected(
                            m,
                            "group_rejected",
                            "another change saved with this one was rejected",
                        );
                    }
                }
            } else if let Some((ty, id, version)) = wait {
                let reason = format!("waits for {ty}/{id} version {version}");
                for r in results.iter_mut() {
                    *r = MutationResult {
                        status: MutationStatus::Held,
                        reason: Some(reason.clone()),
                        version: None,
                        conflicts: vec![],
                        code: None,
                        id: r.id.clone(),
                    };
                }
                if release.is_some() {
                    return Ok(results); // still waiting: stays held as it is
                }
                apply.hold = Some(HeldGroup {
                    group_id: group_id.clone(),
                    device: self.device.to_owned(),
                    user_id: self.caller.user_id,
                    waits_type: ty,
                    waits_id: id,
                    waits_version: version,
                    payload: serde_json::to_string(group).map_err(ApiError::internal)?,
                    created_at_ms: crate::time::now_ms(),
                });
            } else {
                apply.audit = writes.iter().map(|w| self.audit(w)).collect();
                apply.writes = writes;
                apply.conflicts = conflicts;
            }
            if apply.writes.is_empty() {
                written_by.clear();
            }
            apply.receipts = group
                .mutations
                .iter()
                .zip(&results)
                .map(|(m, r)| self.receipt(m, r, &group_id))
                .collect::<ApiResult<_>>()?;
            let now = crate::time::now_ms();
            let stamp = Stamp {
                ms: now,
                text: crate::time::rfc3339(now),
            };
            match self.state.store.sync_apply(apply, &stamp).await? {
                Ok(written) => {
                    for (i, w) in written_by.into_iter().zip(written) {
                        results[i].version = Some(w.version_id);
                    }
                    return Ok(results);
                }
                Err(ApplyRefusal::Version(_)) => continue, // written meanwhile: merge again
                Err(ApplyRefusal::Replayed) | Err(ApplyRefusal::Gone) => {
                    // The same group arrived twice at once; answer what the other one stored.
                    let seqs: Vec<i64> = group.mutations.iter().map(|m| m.seq).collect();
                    let stored = self.state.store.sync_receipts(self.device, &seqs).await?;
                    return stored.iter().map(stored_result).collect();
                }
            }
        }
        Err(ApiError::new(
            ErrorCode::ServiceUnavailable,
            "these records kept changing while your changes were merged; sync again",
        ))
    }

    fn receipt(&self, m: &Mutation, r: &MutationResult, group_id: &str) -> ApiResult<Receipt> {
        Ok(Receipt {
            device: self.device.to_owned(),
            device_seq: m.seq,
            mutation_id: m.id.clone(),
            group_id: group_id.to_owned(),
            user_id: self.caller.user_id,
            content_hash: content_hash(m),
            result: serde_json::to_string(r).map_err(ApiError::internal)?,
            received_at_ms: crate::time::now_ms(),
        })
    }

    fn audit(&self, w: &FhirWrite) -> mysehat_domain::audit::AuditDraft {
        let mut entry = self.ctx.audit("sync.push", Outcome::Success);
        entry.target = Some(format!("{}/{}", w.resource_type, w.id));
        if let FhirChange::Put { patient, .. } = &w.change {
            entry.patient = patient.clone();
        }
        entry
    }

    /// May the caller write a record in these scopes? A health worker writes in her villages
    /// only (and a field record must name its village); a patient in their own compartment.
    fn in_scope(&self, record: &[Scope]) -> bool {
        match self.caller.role {
            mysehat_domain::Role::HealthWorker => {
                let villages: Vec<&Scope> = record
                    .iter()
                    .filter(|s| matches!(s, Scope::Village(_)))
                    .collect();
                !villages.is_empty() && villages.iter().all(|s| self.scopes.contains(s))
            }
            _ => record.iter().any(|s| self.scopes.contains(s)),
        }
    }

    async fn step(&self, m: &Mutation) -> ApiResult<Step> {
        let current = self
            .state
            .store
            .fhir_read(&m.resource_type, &m.resource_id)
            .await?;
        if let Some(c) = current.as_ref().filter(|c| !c.deleted) {
            let body: Value = serde_json::from_str(&c.body).map_err(ApiError::internal)?;
            if !self.in_scope(&record_scopes(&body, c.patient.as_deref())) {
                return Ok(Step::Refuse(rejected(
                    m,
                    "outside_scope",
                    format!("{}/{} is not in your area", m.resource_type, m.resource_id),
                )));
            }
        }
        match m.op {
            MutationOp::Put => self.put(m, current).await,
            MutationOp::Delete => Ok(self.delete(m, current)),
        }
    }

    async fn put(&self, m: &Mutation, current: Option<FhirCurrent>) -> ApiResult<Step> {
        let Some(resource) = m.resource.clone() else {
            return Ok(Step::Refuse(rejected(
                m,
                "invalid",
                "a put carries the resource",
            )));
        };
        let (change, patients) = match crate::fhir::crud::checked(resource) {
            Ok(checked) => checked,
            Err(e) => return Ok(Step::Refuse(rejected(m, "invalid", e.summary()))),
        };
        let FhirChange::Put {
            resource: mine,
            index,
            patient,
        } = change
        else {
            return Err(ApiError::internal("a checked put is a put"));
        };
        if let Some(problems) = form_problems(&mine) {
            return Ok(Step::Refuse(rejected(m, "invalid", problems)));
        }
        let me = self.caller.user_id.to_string();
        let about_others = self.caller.role == mysehat_domain::Role::Patient
            && patients.all.iter().any(|p| *p != me);
        if about_others || !self.in_scope(&record_scopes(&mine, patients.owner.as_deref())) {
            return Ok(Step::Refuse(rejected(
                m,
                "outside_scope",
                "the record is not tagged with a village (or patient) you sync",
            )));
        }
        let write = |resource: Value, if_match: Option<i64>| FhirWrite {
            resource_type: m.resource_type.clone(),
            id: m.resource_id.clone(),
            change: FhirChange::Put {
                resource,
                index: index.clone(),
                patient: patient.clone(),
            },
            if_match,
        };
        let current = match current {
            None => {
                if let Some(v) = m.base_version {
                    // Edited from a version this server has not seen yet: it is on its way.
                    return Ok(Step::Wait {
                        ty: m.resource_type.clone(),
                        id: m.resource_id.clone(),
                        version: v,
                    });
                }
                return Ok(Step::Write(write(mine, None), applied_at(m, 1), vec![]));
            }
            Some(c) if c.deleted => {
                if m.base_version.is_some() {
                    return Ok(Step::Refuse(rejected(
                        m,
                        "deleted",
                        format!(
                            "{}/{} was deleted on the server",
                            m.resource_type, m.resource_id
                        ),
                    )));
                }
                return Ok(Step::Write(
                    write(mine, None),
                    applied_at(m, c.version_id + 1),
                    vec![],
                ));
            }
            Some(c) => c,
        };
        if let Some(v) = m.base_version
            && v > current.version_id
        {
            return Ok(Step::Wait {
                ty: m.resource_type.clone(),
                id: m.resource_id.clone(),
                version: v,
            });
        }
        let kind = Kind::of(&m.resource_type);
        let server: Value = serde_json::from_str(&current.body).map_err(ApiError::internal)?;
        let base: Option<Value> = match m.base_version {
            Some(v) if v == current.version_id => Some(server.clone()),
            Some(v) => match self
                .state
                .store
                .fhir_vread(&m.resource_type, &m.resource_id, v)
                .await?
            {
                Some(old) => old
                    .body
                    .as_deref()
                    .map(serde_json::from_str)
                    .transpose()
                    .map_err(ApiError::internal)?,
                None => None,
            },
            None => None,
        };
        let merged = match merge(kind, base.as_ref(), &server, &mine) {
            Ok(merged) => merged,
            Err(refused) => {
                return Ok(Step::Refuse(rejected(
                    m,
                    "insert_only",
                    refused.to_string(),
                )));
            }
        };
        let status = if merged.conflicts.is_empty() {
            MutationStatus::Applied
        } else {
            MutationStatus::Merged
        };
        let mut r = result(m, status);
        r.conflicts = merged
            .conflicts
            .iter()
            .map(|c| FieldConflict {
                field: c.field.clone(),
                kind: match c.kind {
                    ConflictKind::Soft => "soft",
                    ConflictKind::Hard => "hard",
                }
                .into(),
            })
            .collect();
        let village = mysehat_sync::tag_value(&server, VILLAGE_TAG)
            .first()
            .map(|v| v.to_string());
        let kept: Vec<ConflictRecord> = merged
            .conflicts
            .iter()
            .filter(|c| c.kind == ConflictKind::Hard)
            .map(|c| ConflictRecord {
                id: uuid::Uuid::now_v7().to_string(),
                resource_type: m.resource_type.clone(),
                resource_id: m.resource_id.clone(),
                field: c.field.clone(),
                base_value: c.base.to_string(),
                server_value: c.server.to_string(),
                device_value: c.device.to_string(),
                village: village.clone(),
                device: self.device.to_owned(),
                user_id: self.caller.user_id,
                created_at_ms: crate::time::now_ms(),
                resolved_at_ms: None,
                resolved_by: None::<UserId>,
                resolution: None,
            })
            .collect();
        if !merged.changed {
            r.version = Some(current.version_id);
            return Ok(Step::Done(r, kept));
        }
        // The merged version is indexed again: it is not what the device sent.
        let (change, _) = match crate::fhir::crud::checked(merged.resource) {
            Ok(checked) => checked,
            Err(e) => return Ok(Step::Refuse(rejected(m, "invalid", e.summary()))),
        };
        let w = FhirWrite {
            resource_type: m.resource_type.clone(),
            id: m.resource_id.clone(),
            change,
            if_match: Some(current.version_id),
        };
        r.version = Some(current.version_id + 1);
        Ok(Step::Write(w, r, kept))
    }

    fn delete(&self, m: &Mutation, current: Option<FhirCurrent>) -> Step {
        if Kind::of(&m.resource_type) == Kind::Event {
            return Step::Refuse(rejected(
                m,
                "insert_only",
                "clinical events are never deleted: mark the record entered-in-error",
            ));
        }
        let applied = |version| MutationResult {
            version,
            ..result(m, MutationStatus::Applied)
        };
        match current {
            None => match m.base_version {
                Some(v) => Step::Wait {
                    ty: m.resource_type.clone(),
                    id: m.resource_id.clone(),
                    version: v,
                },
                None => Step::Done(applied(None), vec![]),
            },
            Some(c) if c.deleted => Step::Done(applied(Some(c.version_id)), vec![]),
            Some(c) => match m.base_version {
                Some(v) if v > c.version_id => Step::Wait {
                    ty: m.resource_type.clone(),
                    id: m.resource_id.clone(),
                    version: v,
                },
                Some(v) if v < c.version_id => Step::Refuse(rejected(
                    m,
                    "stale_delete",
                    format!(
                        "{}/{} changed on the server since your copy (version {v}, now {}); it was not deleted",
                        m.resource_type, m.resource_id, c.version_id
                    ),
                )),
                _ => Step::Write(
                    FhirWrite {
                        resource_type: m.resource_type.clone(),
                        id: m.resource_id.clone(),
                        change: FhirChange::Delete,
                        if_match: Some(c.version_id),
                    },
                    applied_at(m, c.version_id + 1),
                    vec![],
                ),
            },
        }
    }

    /// Applies held groups that waited for a record this group wrote, oldest first, as their
    /// own devices sent them.
    async fn release_waiting(&self, group: &MutationGroup) -> ApiResult<()> {
        let mut records: Vec<(String, String)> = group
            .mutations
            .iter()
            .map(|m| (m.resource_type.clone(), m.resource_id.clone()))
            .collect();
        let mut rounds = 0;
        while !records.is_empty() && rounds < 16 {
            rounds += 1;
            let held = self.state.store.sync_held_for(&records).await?;
            records.clear();
            for h in held {
                let group: MutationGroup =
                    serde_json::from_str(&h.payload).map_err(ApiError::internal)?;
                let user = self.state.store.user_by_id(h.user_id).await?;
                let Some(user) = user else { continue };
                let owner = Caller {
                    user_id: user.id,
                    role: user.role,
                };
                let scopes = scopes_of(self.state, owner).await.unwrap_or_default();
                let as_sent = Pusher {
                    state: self.state,
                    ctx: self.ctx,
                    caller: owner,
                    scopes: &scopes,
                    device: &h.device,
                };
                let results = as_sent.apply(&group, Some(&h.group_id)).await?;
                if results
                    .iter()
                    .all(|r| matches!(r.status, MutationStatus::Applied | MutationStatus::Merged))
                {
                    records.extend(
                        group
                            .mutations
                            .iter()
                            .map(|m| (m.resource_type.clone(), m.resource_id.clone())),
                    );
                }
            }
        }
        Ok(())
    }
}
