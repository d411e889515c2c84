//! Staff and patient accounts made by an admin: `POST /auth/users`, `GET /auth/users`,
//! `GET /auth/users/{id}`; and the account creation both this and registration share.

use super::view::UserView;
use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::{ApiJson, RequestContext};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use mysehat_domain::audit::{AuditDraft, Outcome};
use mysehat_domain::role::Affiliation;
use mysehat_domain::{Role, UserId};
use mysehat_storage::{NewUser, Store, UserRecord};
use serde::Deserialize;

/// The fields of a new account, as typed.
#[derive(Debug)]
pub struct AccountForm {
    pub name: String,
    pub phone: String,
    pub password: String,
    pub language: Option<String>,
    pub role: Role,
    pub facility_id: Option<String>,
    pub area: Option<String>,
}

/// Validates `form`, hashes the password and stores the account with the audit entry that
/// `audit` builds for the new id, in one transaction.
pub async fn create_account(
    store: &dyn Store,
    form: AccountForm,
    audit: impl FnOnce(UserId) -> AuditDraft,
) -> ApiResult<UserRecord> {
    let name = super::parse_name(&form.name)?;
    let phone = super::parse_phone(&form.phone)?;
    let password = super::parse_password(form.password)?;
    let language = super::parse_language(form.language.as_deref())?;
    let facility_id = non_empty(form.facility_id);
    let area = non_empty(form.area);
    match form.role.affiliation() {
        Affiliation::Facility if facility_id.is_none() => {
            return Err(ApiError::field(
                ErrorCode::MissingAffiliation,
                "facility_id",
                format!(
                    "a {} account belongs to a facility: give facility_id",
                    form.role
                ),
            ));
        }
        Affiliation::Area if area.is_none() => {
            return Err(ApiError::field(
                ErrorCode::MissingAffiliation,
                "area",
                "a health worker account is assigned an area: give area",
            ));
        }
        _ => {}
    }
    let password_hash = super::password::hash(password)
        .await
        .map_err(ApiError::internal)?;
    let user = NewUser {
        id: UserId::new(),
        phone,
        name,
        role: form.role,
        language,
        password_hash,
        facility_id,
        area,
        created_at_ms: crate::time::now_ms(),
    };
    Ok(store.create_user(&user, audit(user.id)).await?)
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    pub name: String,
    pub phone: String,
    pub password: String,
    pub role: Role,
    pub language: Option<String>,
    /// Required for doctor, dispatcher and ambulance_crew.
    pub facility_id: Option<String>,
    /// Required for health_worker: the area (villages) assigned.
    pub area: Option<String>,
}

#[utoipa::path(
    post, path = "/auth/users", tag = "auth", operation_id = "create_user", security(("bearer" = [])),
    request_body = CreateUserRequest,
    responses(
        (status = 201, description = "Account created", body = UserView),
        (status = 409, description = "Phone number taken", body = ErrorBody),
        (status = 422, description = "A field is invalid", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(body): ApiJson<CreateUserRequest>,
) -> ApiResult<(StatusCode, axum::Json<UserView>)> {
    let form = AccountForm {
        name: body.name,
        phone: body.phone,
        password: body.password,
        language: body.language,
        role: body.role,
        facility_id: body.facility_id,
        area: body.area,
    };
    let user = create_account(state.store.as_ref(), form, |id| {
        let mut audit = ctx.audit("users.create", Outcome::Success);
        audit.target = Some(format!("user/{id}"));
        audit
    })
    .await?;
    Ok((StatusCode::CREATED, axum::Json(UserView::from(&user))))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ListParams {
    /// The last id of the previous page.
    pub after: Option<String>,
    /// 1 to 200, default 50.
    pub limit: Option<i64>,
}

#[utoipa::path(
    get, path = "/auth/users", tag = "auth", operation_id = "list_users", security(("bearer" = [])),
    params(ListParams),
    responses((status = 200, description = "Accounts in creation order", body = Vec<UserView>))
)]
pub async fn list(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(params): Query<ListParams>,
) -> ApiResult<axum::Json<Vec<UserView>>> {
    let after = params
        .after
        .map(|a| a.parse::<UserId>())
        .transpose()
        .map_err(|_| {
            ApiError::field(
                ErrorCode::ValidationFailed,
                "after",
                "after must be a user id",
            )
        })?;
    let limit = params.limit.unwrap_or(50).clamp(1, 200);
    let users = state.store.list_users(after, limit).await?;
    let mut audit = ctx.audit("users.list", Outcome::Success);
    audit.target = Some("users".into());
    state
        .audit
        .append(vec![audit])
        .await
        .map_err(ApiError::internal)?;
    Ok(axum::Json(users.iter().map(UserView::from).collect()))
}

#[utoipa::path(
    get, path = "/auth/users/{id}", tag = "auth", operation_id = "get_user", security(("bearer" = [])),
    params(("id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "The account", body = UserView),
        (status = 404, description = "No such account", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<UserView>> {
    let id: UserId = id.parse().map_err(|_| ApiError::not_found("the account"))?;
    let user = state
        .store
        .user_by_id(id)
        .await?
        .ok_or_else(|| ApiError::not_found("the account"))?;
    // Reading a patient's account is a read of their personal data: it goes on their access log.
    let mut audit = ctx.audit("users.read", Outcome::Success);
    audit.target = Some(format!("user/{id}"));
    audit.patient = (user.role == Role::Patient).then(|| id.to_string());
    state.store.append_audit(audit).await?;
    Ok(axum::Json(UserView::from(&user)))
}
