//! Health Worker Mode on the server (docs/SYNC.md): the villages assigned to each health
//! worker and household numbers reserved per device (`villages`), the supervisor's view of her
//! workers (`workers`), moving a household between villages (`households`), the same-field
//! clashes sync kept for a supervisor (`conflicts`), and follow-ups after a push (`follow_ups`).

mod conflicts;
pub mod follow_ups;
mod households;
mod villages;
mod workers;

use crate::error::{ApiError, ApiResult};
use crate::http::{Caller, RequestContext};
use crate::state::AppState;
use mysehat_domain::Role;
use mysehat_domain::audit::Outcome;
use mysehat_storage::UserRecord;
use mysehat_storage::fhir::{FhirChange, FhirWrite, Stamp};
use mysehat_storage::sync::{ApplyRefusal, SyncApply};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(villages::villages))
        .routes(routes!(villages::forms))
        .routes(routes!(villages::reserve_numbers))
        .routes(routes!(workers::workers))
        .routes(routes!(workers::assign_villages))
        .routes(routes!(households::move_household))
        .routes(routes!(conflicts::conflicts))
        .routes(routes!(conflicts::resolve_conflict))
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
