//! Offline sync (docs/SYNC.md): devices push mutation groups and pull the changes of their
//! scopes. Everything synced is a FHIR resource in the one FHIR store; the rules (scopes,
//! merge, cursor, digest) live in the `mysehat-sync` crate, this module applies them.

mod pull;
pub mod push;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::http::Caller;
use crate::state::AppState;
use mysehat_domain::Role;
use mysehat_sync::Scope;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use push::{FieldConflict, MutationResult, MutationStatus};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(push::push))
        .routes(routes!(pull::pull))
}

/// The scopes a caller syncs: a health worker her villages, a patient their own compartment.
pub async fn scopes_of(state: &AppState, caller: Caller) -> ApiResult<Vec<Scope>> {
    match caller.role {
        Role::HealthWorker => Ok(state
            .store
            .hw_villages(caller.user_id)
            .await?
            .into_iter()
            .map(Scope::Village)
            .collect()),
        Role::Patient => Ok(vec![Scope::Patient(caller.user_id.to_string())]),
        _ => Err(ApiError::new(
            ErrorCode::Forbidden,
            "offline sync is for health workers and patients; supervisors read summaries at /api/v1/hw/workers",
        )),
    }
}

/// Purges sync tombstones older than `sync_retention_days`, hourly, until shutdown.
pub fn start(state: AppState) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                () = state.shutdown.cancelled() => return,
                _ = every.tick() => {}
            }
            let days = i64::try_from(state.settings.sync_retention_days).unwrap_or(90);
            let before = crate::time::now_ms() - days * 86_400_000;
            match state.store.sync_purge(before).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(purged = n, "sync tombstones past retention purged"),
                Err(e) => tracing::error!(error = %e, "sync tombstones could not be purged"),
            }
        }
    });
}

fn scope_names(scopes: &[Scope]) -> Vec<String> {
    scopes.iter().map(Scope::to_string).collect()
}
