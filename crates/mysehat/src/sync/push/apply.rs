//! Running a pushed group: every mutation decided, then written in one transaction with its
//! receipts (or held, or refused whole), retried when another write lands in between; then the
//! held groups it unblocks and the follow-up rules for the members it touched.

use super::{
    MERGE_ATTEMPTS, Mutation, MutationGroup, MutationResult, MutationStatus, content_hash,
    rejected, result, stored_result,
};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::http::{Caller, RequestContext};
use crate::state::AppState;
use crate::sync::scopes_of;
use mysehat_domain::audit::Outcome;
use mysehat_storage::fhir::{FhirChange, FhirWrite, Stamp};
use mysehat_storage::sync::{ApplyRefusal, ConflictRecord, HeldGroup, Receipt, SyncApply};
use mysehat_sync::Scope;
use std::collections::HashSet;

/// What one mutation comes to, before the group is written.
pub(super) enum Step {
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

/// One caller's device pushing: who may write where.
pub(super) struct Pusher<'a> {
    pub(super) state: &'a AppState,
    ctx: &'a RequestContext,
    pub(super) caller: Caller,
    pub(super) device: &'a str,
    /// The scopes the caller syncs.
    pub(super) scopes: Vec<Scope>,
    /// The people this push registers (new members a record of the same push may name).
    pub(super) new_people: HashSet<String>,
    /// People already found in (or outside) the caller's villages during this push.
    pub(super) known_people: std::sync::Mutex<std::collections::HashMap<String, bool>>,
}

impl<'a> Pusher<'a> {
    pub(super) async fn new(
        state: &'a AppState,
        ctx: &'a RequestContext,
        caller: Caller,
        device: &'a str,
        new_people: HashSet<String>,
    ) -> ApiResult<Pusher<'a>> {
        let scopes = scopes_of(state, caller).await?;
        Ok(Pusher {
            state,
            ctx,
            caller,
            device,
            scopes,
            new_people,
            known_people: Default::default(),
        })
    }

    /// Applies one group (`release`: the held group it is), then any held groups that were
    /// waiting for what it wrote.
    pub(super) async fn group(
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
                        resource: None,
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
            let outcome = match self.state.store.sync_apply(apply, &stamp).await {
                // Another writer created one of these records first (a unique key on
                // PostgreSQL): decide the group again against what is there now.
                Err(mysehat_storage::StoreError::Conflict("resource")) => continue,
                other => other?,
            };
            match outcome {
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
            resource_type: m.resource_type.clone(),
            resource_id: m.resource_id.clone(),
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
                let as_sent =
                    Pusher::new(self.state, self.ctx, owner, &h.device, HashSet::new()).await?;
                let results = as_sent.apply(&group, Some(&h.group_id)).await?;
                if results
                    .iter()
                    .all(|r| matches!(r.status, MutationStatus::Applied | MutationStatus::Merged))
                {
                    as_sent.follow_up(&group).await?;
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
