//! The audit log's API: admins page through it (`GET /api/v1/audit`); the chain itself is
//! written by the store and checked by `mysehat audit verify`.

use crate::error::ApiResult;
use crate::http::RequestContext;
use crate::state::AppState;
use axum::extract::{Query, State};
use mysehat_domain::audit::{AuditEntry, Outcome};
use mysehat_storage::AuditQuery;
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct PageParams {
    /// Only entries older than this sequence number (the last `seq` of the previous page).
    pub before: Option<i64>,
    /// 1 to 200, default 50.
    pub limit: Option<i64>,
}

impl PageParams {
    pub fn limit(&self) -> i64 {
        self.limit.unwrap_or(50).clamp(1, 200)
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AuditEntryView {
    pub seq: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: Option<String>,
    pub role: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub patient: Option<String>,
    pub purpose: Option<String>,
    pub outcome: Outcome,
    pub request_id: Option<String>,
}

impl From<&AuditEntry> for AuditEntryView {
    fn from(e: &AuditEntry) -> Self {
        let d = &e.draft;
        Self {
            seq: e.seq,
            at: crate::time::rfc3339(e.at_ms),
            actor: d.actor.clone(),
            role: d.role.clone(),
            action: d.action.clone(),
            target: d.target.clone(),
            patient: d.patient.clone(),
            purpose: d.purpose.clone(),
            outcome: d.outcome,
            request_id: d.request_id.clone(),
        }
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct AuditFilter {
    /// Only entries about this patient (an account id).
    pub patient: Option<String>,
}

#[utoipa::path(
    get, path = "/api/v1/audit", tag = "audit", operation_id = "list_audit", security(("bearer" = [])),
    params(PageParams, AuditFilter),
    responses((status = 200, description = "Audit entries, newest first", body = Vec<AuditEntryView>))
)]
pub async fn list(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(page): Query<PageParams>,
    Query(filter): Query<AuditFilter>,
) -> ApiResult<axum::Json<Vec<AuditEntryView>>> {
    let query = AuditQuery {
        patient: filter.patient,
        exclude_actor: None,
        before_seq: page.before,
        limit: page.limit(),
    };
    let entries = state.store.audit_page(&query).await?;
    let mut read = ctx.audit("audit.read", Outcome::Success);
    read.target = Some("audit_log".into());
    state.store.append_audit(read).await?;
    Ok(axum::Json(
        entries.iter().map(AuditEntryView::from).collect(),
    ))
}
