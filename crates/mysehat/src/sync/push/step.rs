//! What one pushed mutation comes to: checked against the caller's scope, merged with the
//! server's version by the kind of record, held when it arrives before what it changes.

use super::apply::{Pusher, Step};
use super::{
    FieldConflict, Mutation, MutationOp, MutationResult, MutationStatus, applied_at, form_problems,
    rejected, result,
};
use crate::error::{ApiError, ApiResult};
use mysehat_domain::{Role, UserId};
use mysehat_storage::fhir::{FhirChange, FhirCurrent, FhirWrite};
use mysehat_storage::sync::ConflictRecord;
use mysehat_sync::{
    ConflictKind, Kind, Scope, VILLAGE_TAG, merge, scopes_of as record_scopes, without_server_meta,
};
use serde_json::Value;

impl Pusher<'_> {
    /// May the caller write a record in these scopes? A health worker writes in her villages
    /// only (and a field record must name its village); a patient only in their own
    /// compartment and nowhere else (no village's phones get a patient's record from them).
    fn in_scope(&self, record: &[Scope]) -> bool {
        match self.caller.role {
            Role::HealthWorker => {
                let villages: Vec<&Scope> = record
                    .iter()
                    .filter(|s| matches!(s, Scope::Village(_)))
                    .collect();
                !villages.is_empty() && villages.iter().all(|s| self.scopes.contains(s))
            }
            _ => record == self.scopes.as_slice(),
        }
    }

    /// May the caller's record name these people? A patient only themselves; a health worker
    /// the people of her villages and those she registers in this push, but never someone
    /// with an account of their own (registering one would open their record to her).
    async fn may_name(&self, m: &Mutation, people: &[String], creating: bool) -> ApiResult<bool> {
        match self.caller.role {
            Role::Patient => {
                let me = self.caller.user_id.to_string();
                Ok(people.iter().all(|p| *p == me))
            }
            Role::HealthWorker => {
                for p in people {
                    if !self.in_villages(p).await? {
                        return Ok(false);
                    }
                }
                if creating && m.resource_type == "Patient" {
                    if let Ok(id) = m.resource_id.parse::<UserId>()
                        && self.state.store.user_by_id(id).await?.is_some()
                    {
                        return Ok(false);
                    }
                    // Someone the server already holds records of is not a new member.
                    let keys = [format!("p:{}", m.resource_id)];
                    if !self.state.store.sync_live(&keys, None).await?.is_empty() {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Is `person` registered in one of the caller's villages, or by this very push?
    async fn in_villages(&self, person: &str) -> ApiResult<bool> {
        if self.new_people.contains(person) {
            return Ok(true);
        }
        let known = self
            .known_people
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(person)
            .copied();
        if let Some(found) = known {
            return Ok(found);
        }
        let villages: Vec<String> = self.scopes.iter().map(Scope::to_string).collect();
        let found = self
            .state
            .store
            .sync_is_live(&villages, "Patient", person)
            .await?;
        self.known_people
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(person.to_owned(), found);
        Ok(found)
    }

    /// The version a mutation was edited from: the one it names, or else the version this
    /// device's last change to the record made (an edit queued on the phone before its create
    /// was answered is based on that create, not on nothing).
    async fn base_version(&self, m: &Mutation) -> ApiResult<Option<i64>> {
        if m.base_version.is_some() {
            return Ok(m.base_version);
        }
        let last = self
            .state
            .store
            .sync_device_result(self.device, &m.resource_type, &m.resource_id)
            .await?;
        Ok(last
            .and_then(|r| serde_json::from_str::<MutationResult>(&r).ok())
            .filter(|r| matches!(r.status, MutationStatus::Applied | MutationStatus::Merged))
            .and_then(|r| r.version))
    }

    pub(super) async fn step(&self, m: &Mutation) -> ApiResult<Step> {
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
            MutationOp::Delete => {
                let base = self.base_version(m).await?;
                Ok(self.delete(m, base, current))
            }
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
        let creating = current.as_ref().is_none_or(|c| c.deleted);
        if !self.may_name(m, &patients.all, creating).await?
            || !self.in_scope(&record_scopes(&mine, patients.owner.as_deref()))
        {
            return Ok(Step::Refuse(rejected(
                m,
                "outside_scope",
                "the record is not tagged with a village you sync, or names someone outside it",
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
                return Ok(Step::Write(write(mine, Some(0)), applied_at(m, 1), vec![]));
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
                    write(mine, Some(0)),
                    applied_at(m, c.version_id + 1),
                    vec![],
                ));
            }
            Some(c) => c,
        };
        let base_version = self.base_version(m).await?;
        if let Some(v) = base_version
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
        let base: Option<Value> = match base_version {
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
            if merged.resource != without_server_meta(&mine) {
                r.resource = Some(merged.resource);
            }
            return Ok(Step::Done(r, kept));
        }
        if merged.resource != without_server_meta(&mine) {
            r.resource = Some(merged.resource.clone());
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

    fn delete(&self, m: &Mutation, base: Option<i64>, current: Option<FhirCurrent>) -> Step {
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
            None => match base {
                Some(v) => Step::Wait {
                    ty: m.resource_type.clone(),
                    id: m.resource_id.clone(),
                    version: v,
                },
                None => Step::Done(applied(None), vec![]),
            },
            Some(c) if c.deleted => Step::Done(applied(Some(c.version_id)), vec![]),
            // With no version to go by, only a record nobody changed since it was made.
            Some(c) => match base.or(Some(1)) {
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
}
