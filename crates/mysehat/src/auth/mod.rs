//! Accounts and sessions under `/auth`: registration, login with throttling, rotating refresh
//! tokens, logout, the caller's own account and access log, and staff accounts made by admins.

mod me;
pub mod password;
mod register;
mod session;
pub mod tokens;
pub mod users;
pub mod view;

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use mysehat_domain::{Language, Password, PersonName, PhoneNumber};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use users::create_account;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register::register))
        .routes(routes!(session::login))
        .routes(routes!(session::refresh))
        .routes(routes!(session::logout))
        .routes(routes!(me::me))
        .routes(routes!(me::access_log))
        .routes(routes!(users::create, users::list))
        .routes(routes!(users::get))
}

/// Parsers for the fields every account form shares, each naming its field on failure.
pub(crate) fn parse_name(s: &str) -> Result<PersonName, ApiError> {
    PersonName::parse(s).map_err(|e| ApiError::field(ErrorCode::InvalidName, "name", e.to_string()))
}

pub(crate) fn parse_phone(s: &str) -> Result<PhoneNumber, ApiError> {
    PhoneNumber::parse(s)
        .map_err(|e| ApiError::field(ErrorCode::InvalidPhone, "phone", e.to_string()))
}

pub(crate) fn parse_password(s: String) -> Result<Password, ApiError> {
    Password::new_checked(s)
        .map_err(|e| ApiError::field(ErrorCode::WeakPassword, "password", e.to_string()))
}

pub(crate) fn parse_language(s: Option<&str>) -> Result<Language, ApiError> {
    match s {
        None => Ok(Language::default()),
        Some(s) => Language::parse(s).ok_or_else(|| {
            ApiError::field(
                ErrorCode::ValidationFailed,
                "language",
                "language must be `en` or `hi`",
            )
        }),
    }
}
