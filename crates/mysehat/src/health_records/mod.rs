//! The patient's longitudinal record under `/health-records`: one chronological timeline across
//! encounters, conditions, observations, medicines, immunisations, allergies, reports and
//! documents, each item typed and linked to its FHIR resource; and the export of everything as
//! one FHIR Bundle (the DPDP right to one's data). Reads go through the FHIR access hook, so a
//! doctor sees only what the patient's consents open.

pub mod documents;
pub mod export;
pub mod timeline;
pub mod trends;

use crate::error::{ApiError, ApiResult};
use crate::fhir::access::Scope;
use crate::http::Caller;
use crate::state::AppState;
use mysehat_domain::Role;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(timeline::timeline))
        .routes(routes!(export::export))
        .routes(routes!(trends::trends))
        .routes(routes!(documents::upload))
        .routes(routes!(documents::download))
}

/// Whose record the caller asks for, and what they may see of it.
pub async fn subject(
    state: &AppState,
    caller: Caller,
    patient: Option<&str>,
) -> ApiResult<(String, Scope)> {
    let scope = crate::fhir::access::scope(state, caller)
        .await
        .map_err(|_| ApiError::forbidden())?;
    let me = caller.user_id.to_string();
    let pid = match (caller.role, patient) {
        (Role::Patient, None) => me,
        (Role::Patient, Some(p)) if p == me => me,
        (Role::Patient, Some(_)) => return Err(ApiError::forbidden()),
        (_, Some(p)) => p.to_owned(),
        (_, None) => {
            return Err(ApiError::field(
                crate::error::ErrorCode::ValidationFailed,
                "patient",
                "name the patient whose record you want",
            ));
        }
    };
    if !scope.can_read("Patient", Some(&pid)) {
        return Err(ApiError::new(
            crate::error::ErrorCode::Forbidden,
            "no live consent of this patient lets you see their record",
        ));
    }
    Ok((pid, scope))
}
