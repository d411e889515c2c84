//! `POST /auth/register`: a patient makes their own account.

use super::view::UserView;
use crate::error::{ApiResult, ErrorBody};
use crate::http::{ApiJson, RequestContext};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use mysehat_domain::Role;
use mysehat_domain::audit::Outcome;
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    pub name: String,
    /// An Indian mobile number in any common spelling, or `+<country><number>`.
    pub phone: String,
    /// At least 8 characters.
    pub password: String,
    /// `en` (default) or `hi`.
    pub language: Option<String>,
}

#[utoipa::path(
    post, path = "/auth/register", tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Account created", body = UserView),
        (status = 409, description = "Phone number taken", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(body): ApiJson<RegisterRequest>,
) -> ApiResult<(StatusCode, axum::Json<UserView>)> {
    let form = super::users::AccountForm {
        name: body.name,
        phone: body.phone,
        password: body.password,
        language: body.language,
        role: Role::Patient,
        facility_id: None,
        area: None,
    };
    let user = super::users::create_account(state.store.as_ref(), form, |id| {
        let mut audit = ctx.audit("auth.register", Outcome::Success);
        audit.actor = Some(id.to_string());
        audit.role = Some(Role::Patient.as_str().into());
        audit.target = Some(format!("user/{id}"));
        audit
    })
    .await?;
    Ok((StatusCode::CREATED, axum::Json(UserView::from(&user))))
}
