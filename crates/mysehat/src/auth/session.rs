//! Sessions: `POST /auth/login`, `POST /auth/refresh`, `POST /auth/logout`.
//!
//! Failed logins are counted per account and per client address in the database, so every
//! instance sees the same counts; a locked key answers 429 with `Retry-After`.

use super::tokens::{hash_refresh_token, new_refresh_token};
use super::view::TokenPair;
use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::{ApiJson, RequestContext};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use mysehat_domain::audit::Outcome;
use mysehat_domain::{Password, Role, UserId};
use mysehat_storage::{NewRefreshToken, Rotation, ThrottlePolicy};
use serde::Deserialize;
use sha2::{Digest, Sha256};

const WINDOW_MS: i64 = 15 * 60 * 1000;

fn policy(max_failures: i64) -> ThrottlePolicy {
    ThrottlePolicy {
        max_failures,
        window_ms: WINDOW_MS,
        base_lock_ms: 60 * 1000,
        max_lock_ms: WINDOW_MS,
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub phone: String,
    pub password: String,
}

#[utoipa::path(
    post, path = "/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenPair),
        (status = 401, description = "Wrong phone number or password", body = ErrorBody),
        (status = 429, description = "Too many failed attempts; see Retry-After", body = ErrorBody),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(body): ApiJson<LoginRequest>,
) -> ApiResult<axum::Json<TokenPair>> {
    let phone = super::parse_phone(&body.phone)?;
    let now = crate::time::now_ms();
    // The account key holds a hash of the number, not the number.
    let account_key = format!(
        "account:{}",
        &hex::encode(Sha256::digest(phone.as_str()))[..32]
    );
    let address_key = format!("address:{}", ctx.ip.as_deref().unwrap_or("unknown"));
    let keys = [account_key.clone(), address_key.clone()];
    if let Some(until) = state.store.locked_until(&keys, now).await? {
        state
            .store
            .append_audit(ctx.audit("auth.login_throttled", Outcome::Denied))
            .await?;
        let secs = u64::try_from((until - now + 999) / 1000)
            .unwrap_or(1)
            .max(1);
        return Err(ApiError {
            retry_after_secs: Some(secs),
            ..ApiError::new(
                ErrorCode::TooManyAttempts,
                format!("too many failed sign-ins; try again in {secs} seconds"),
            )
        });
    }
    let user = state.store.user_by_phone(&phone).await?;
    let ok = super::password::verify(
        Password::offered(body.password),
        user.as_ref().map(|u| u.password_hash.clone()),
    )
    .await
    .map_err(ApiError::internal)?;
    let Some(user) = user.filter(|_| ok) else {
        let s = &state.settings;
        state
            .store
            .record_login_failure(&account_key, now, policy(s.login_max_failures_per_account))
            .await?;
        state
            .store
            .record_login_failure(&address_key, now, policy(s.login_max_failures_per_address))
            .await?;
        state
            .store
            .append_audit(ctx.audit("auth.login", Outcome::Failed))
            .await?;
        return Err(ApiError::new(
            ErrorCode::InvalidCredentials,
            "the phone number or password is wrong",
        ));
    };
    state.store.clear_login_failures(&account_key).await?;
    let refresh = new_refresh_token().map_err(ApiError::internal)?;
    let stored = refresh_row(&state, &refresh, user.id, new_family(), now);
    let mut audit = ctx.audit("auth.login", Outcome::Success);
    audit.actor = Some(user.id.to_string());
    audit.role = Some(user.role.as_str().into());
    state.store.start_session(&stored, audit).await?;
    Ok(axum::Json(token_pair(&state, user.id, user.role, refresh)?))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[utoipa::path(
    post, path = "/auth/refresh", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new token pair; the presented refresh token is spent", body = TokenPair),
        (status = 401, description = "Unknown, expired, revoked or reused token (reuse ends the whole login)", body = ErrorBody),
    )
)]
pub async fn refresh(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(body): ApiJson<RefreshRequest>,
) -> ApiResult<axum::Json<TokenPair>> {
    let now = crate::time::now_ms();
    let next = new_refresh_token().map_err(ApiError::internal)?;
    // The family and user are filled in by the store from the presented token.
    let next_row = refresh_row(&state, &next, UserId::new(), String::new(), now);
    let audit = ctx.audit("auth.refresh", Outcome::Success);
    let presented = hash_refresh_token(&body.refresh_token);
    match state
        .store
        .rotate_session(&presented, &next_row, now, audit)
        .await?
    {
        Rotation::Rotated { user_id } => {
            let user = state.store.user_by_id(user_id).await?.ok_or_else(|| {
                ApiError::new(ErrorCode::InvalidToken, "the account no longer exists")
            })?;
            Ok(axum::Json(token_pair(&state, user.id, user.role, next)?))
        }
        Rotation::Reused { .. } => Err(ApiError::new(
            ErrorCode::InvalidToken,
            "this refresh token was already used; every session of this sign-in has been ended",
        )),
        Rotation::Expired | Rotation::Unknown => Err(ApiError::new(
            ErrorCode::InvalidToken,
            "the refresh token is unknown or expired; sign in again",
        )),
    }
}

#[utoipa::path(
    post, path = "/auth/logout", tag = "auth",
    request_body = RefreshRequest,
    responses((status = 204, description = "Signed out: every token of this sign-in is revoked"))
)]
pub async fn logout(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(body): ApiJson<RefreshRequest>,
) -> ApiResult<StatusCode> {
    let presented = hash_refresh_token(&body.refresh_token);
    let audit = ctx.audit("auth.logout", Outcome::Success);
    // An unknown token is already signed out: logging out is idempotent.
    state
        .store
        .end_session(&presented, crate::time::now_ms(), audit)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

fn new_family() -> String {
    UserId::new().to_string()
}

fn refresh_row(
    state: &AppState,
    token: &str,
    user: UserId,
    family: String,
    now: i64,
) -> NewRefreshToken {
    let ttl_ms = i64::try_from(state.settings.refresh_token_ttl_days)
        .unwrap_or(30)
        .saturating_mul(24 * 3600 * 1000);
    NewRefreshToken {
        token_hash: hash_refresh_token(token),
        family_id: family,
        user_id: user,
        issued_at_ms: now,
        expires_at_ms: now.saturating_add(ttl_ms),
    }
}

fn token_pair(
    state: &AppState,
    user: UserId,
    role: Role,
    refresh_token: String,
) -> ApiResult<TokenPair> {
    let now_secs = u64::try_from(crate::time::now_ms() / 1000).unwrap_or_default();
    let access_token = state
        .tokens
        .issue(user, role, now_secs)
        .map_err(ApiError::internal)?;
    Ok(TokenPair {
        access_token,
        refresh_token,
        expires_in: state.tokens.ttl_secs(),
        token_type: "Bearer",
    })
}
