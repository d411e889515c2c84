//! The caller's own account (`GET /auth/me`) and who has accessed their data
//! (`GET /auth/me/access-log`).

use super::view::UserView;
use crate::audit_log::{AuditEntryView, PageParams};
use crate::error::{ApiError, ApiResult};
use crate::http::RequestContext;
use crate::state::AppState;
use axum::extract::{Query, State};
use mysehat_storage::AuditQuery;

#[utoipa::path(
    get, path = "/auth/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, description = "The signed-in account", body = UserView))
)]
pub async fn me(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<axum::Json<UserView>> {
    let caller = ctx.caller()?;
    let user = state
        .store
        .user_by_id(caller.user_id)
        .await?
        .ok_or_else(|| ApiError::not_found("the account"))?;
    Ok(axum::Json(UserView::from(&user)))
}

#[utoipa::path(
    get, path = "/auth/me/access-log", tag = "auth", security(("bearer" = [])),
    params(PageParams),
    responses((status = 200, description = "Who else read or changed your data, newest first", body = Vec<AuditEntryView>))
)]
pub async fn access_log(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(page): Query<PageParams>,
) -> ApiResult<axum::Json<Vec<AuditEntryView>>> {
    let me = ctx.caller()?.user_id.to_string();
    let query = AuditQuery {
        patient: Some(me.clone()),
        exclude_actor: Some(me),
        before_seq: page.before,
        limit: page.limit(),
    };
    let entries = state.store.audit_page(&query).await?;
    Ok(axum::Json(
        entries.iter().map(AuditEntryView::from).collect(),
    ))
}
