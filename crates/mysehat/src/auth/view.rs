//! The account as the API shows it (never the password hash).

use mysehat_domain::{Language, Role};
use mysehat_storage::UserRecord;
use serde::Serialize;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UserView {
    #[schema(format = "uuid")]
    pub id: String,
    pub name: String,
    /// E.164, e.g. `+919876543210`.
    pub phone: String,
    pub role: Role,
    pub language: Language,
    pub facility_id: Option<String>,
    pub area: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
}

impl From<&UserRecord> for UserView {
    fn from(u: &UserRecord) -> Self {
        Self {
            id: u.id.to_string(),
            name: u.name.to_string(),
            phone: u.phone.to_string(),
            role: u.role,
            language: u.language,
            facility_id: u.facility_id.clone(),
            area: u.area.clone(),
            created_at: crate::time::rfc3339(u.created_at_ms),
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// Always `Bearer`.
    pub token_type: &'static str,
}
