//! What the DPDP rights need kept: erasure and grievance requests with their outcome, and the
//! erasure itself (a patient's records removed, the account anonymised, sessions ended).

use crate::StoreResult;
use async_trait::async_trait;
use mysehat_domain::UserId;
use mysehat_domain::audit::AuditDraft;

#[derive(Debug, Clone, PartialEq)]
pub struct PrivacyRequest {
    pub id: String,
    pub user_id: UserId,
    /// `erasure` or `grievance`.
    pub kind: String,
    /// `received`, `in_progress`, `resolved` or `rejected`.
    pub status: String,
    pub details: Option<String>,
    pub outcome: Option<String>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

/// What an erasure removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Erased {
    pub resources: u64,
    pub versions: u64,
}

#[async_trait]
pub trait PrivacyStore: Send + Sync {
    async fn insert_privacy_request(
        &self,
        r: &PrivacyRequest,
        audit: AuditDraft,
    ) -> StoreResult<()>;
    /// One user's requests, newest first.
    async fn privacy_requests_of(&self, user: UserId) -> StoreResult<Vec<PrivacyRequest>>;
    /// Requests not yet resolved or rejected, oldest first (the admins' queue).
    async fn open_privacy_requests(&self) -> StoreResult<Vec<PrivacyRequest>>;
    /// Sets status and outcome; false if there is no such request.
    async fn update_privacy_request(
        &self,
        id: &str,
        status: &str,
        outcome: Option<&str>,
        now_ms: i64,
        audit: AuditDraft,
    ) -> StoreResult<bool>;
    /// In one transaction: removes every FHIR resource in the patient's compartment with all
    /// its versions and index rows, and the medical-ID links; anonymises the account (its phone
    /// becomes `placeholder_phone`, the password unusable); ends its sessions; records `request`.
    /// The audit log is kept: the law asks for access logs to be kept.
    async fn erase_patient(
        &self,
        user: UserId,
        placeholder_phone: &str,
        request: &PrivacyRequest,
        audit: AuditDraft,
    ) -> StoreResult<Erased>;
}
