//! MySehat's storage: one interface ([`Store`]) and two backends, SQLite (embedded, the default)
//! and PostgreSQL (several instances on one database).
//!
//! Every state change that must be audited takes its [`AuditDraft`] and writes the audit entry in
//! the same transaction, so a change without its entry (or the reverse) cannot exist.

mod backend;
mod backend_feed;
mod backend_fhir;
mod backend_privacy;
mod backend_sos;
mod backend_sync;
pub mod fhir;
mod fhir_sql;
mod postgres;
pub mod privacy;
mod records;
pub mod sos;
mod sqlite;
pub mod sync;

use async_trait::async_trait;
use mysehat_domain::audit::{AuditDraft, AuditEntry, ChainHead};
use mysehat_domain::{PhoneNumber, UserId};
use std::sync::Arc;

pub use postgres::PostgresStore;
pub use records::{AuditQuery, NewRefreshToken, NewUser, Rotation, ThrottlePolicy, UserRecord};
pub use sqlite::SqliteStore;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique value is already taken; the string names it (e.g. `phone`).
    #[error("{0} is already taken")]
    Conflict(&'static str),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl StoreError {
    /// The database is overloaded rather than broken: no connection came free in time, or
    /// SQLite's lock stayed taken past the busy timeout. Worth retrying later.
    pub fn is_busy(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::PoolTimedOut) => true,
            StoreError::Database(sqlx::Error::Database(e)) => {
                // SQLITE_BUSY, SQLITE_LOCKED and their extended codes (5, 6, 261, 517, 262).
                matches!(e.code().as_deref(), Some("5" | "6" | "261" | "262" | "517"))
            }
            _ => false,
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// How long a spent refresh token may be presented again when its successor was never used:
/// the reply to the first refresh was lost on a weak network, not stolen.
pub const REFRESH_RETRY_GRACE_MS: i64 = 30_000;

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The FHIR resource store: every version kept, search indexes written with each version.
#[async_trait]
pub trait FhirStore: Send + Sync {
    /// Applies `writes` and `audit` in one transaction: all or nothing.
    async fn fhir_write(
        &self,
        writes: &[fhir::FhirWrite],
        at: &fhir::Stamp,
        audit: Vec<AuditDraft>,
    ) -> StoreResult<Result<Vec<fhir::FhirWritten>, fhir::FhirRefusal>>;
    /// The current state, deleted or not.
    async fn fhir_read(
        &self,
        resource_type: &str,
        id: &str,
    ) -> StoreResult<Option<fhir::FhirCurrent>>;
    async fn fhir_vread(
        &self,
        resource_type: &str,
        id: &str,
        version: i64,
    ) -> StoreResult<Option<fhir::FhirVersion>>;
    /// Versions newest first.
    async fn fhir_history(&self, query: &fhir::HistoryQuery)
    -> StoreResult<Vec<fhir::FhirVersion>>;
    /// Matching live resources' row ids, in the query's order.
    async fn fhir_search(&self, query: &fhir::SearchQuery) -> StoreResult<Vec<i64>>;
    /// How many live resources `query` matches, ignoring its paging.
    async fn fhir_count(&self, query: &fhir::SearchQuery) -> StoreResult<i64>;
    /// Loads rows by id, in the order given.
    async fn fhir_load(&self, rids: &[i64]) -> StoreResult<Vec<fhir::FhirCurrent>>;
    /// Loads live resources by (type, id).
    async fn fhir_load_keys(
        &self,
        keys: &[(String, String)],
    ) -> StoreResult<Vec<fhir::FhirCurrent>>;
    /// What the given rows reference (through `param`, or any parameter).
    async fn fhir_references_from(
        &self,
        rids: &[i64],
        param: Option<&str>,
    ) -> StoreResult<Vec<(String, String)>>;
    /// Live rows (of `source_type`, through `param`) that reference any of `targets`.
    async fn fhir_references_to(
        &self,
        source_type: Option<&str>,
        param: Option<&str>,
        targets: &[(String, String)],
    ) -> StoreResult<Vec<i64>>;
    /// Keeps a search's full result list for `owner` (the searching account) so its pages
    /// stay stable while writes go on.
    async fn fhir_save_pages(
        &self,
        snapshot: &str,
        owner: &str,
        rids: &[i64],
        now_ms: i64,
    ) -> StoreResult<()>;
    /// The kept result list, only for its owner.
    async fn fhir_pages(&self, snapshot: &str, owner: &str) -> StoreResult<Option<Vec<i64>>>;
}

/// Everything the server keeps. Both backends pass the same contract suite (`tests/contract.rs`).
#[async_trait]
pub trait Store:
    FhirStore + sos::SosStore + privacy::PrivacyStore + sync::SyncStore + Send + Sync + std::fmt::Debug
{
    fn backend(&self) -> Backend;
    /// Applies pending migrations; safe to run from several instances at once.
    async fn migrate(&self) -> StoreResult<()>;
    async fn ping(&self) -> StoreResult<()>;

    // Accounts.
    async fn create_user(&self, user: &NewUser, audit: AuditDraft) -> StoreResult<UserRecord>;
    async fn user_by_id(&self, id: UserId) -> StoreResult<Option<UserRecord>>;
    async fn user_by_phone(&self, phone: &PhoneNumber) -> StoreResult<Option<UserRecord>>;
    /// Users in id order (creation order), after `after`.
    async fn list_users(&self, after: Option<UserId>, limit: i64) -> StoreResult<Vec<UserRecord>>;

    // Sessions: refresh tokens are stored only as hashes and rotate on every use.
    async fn start_session(&self, token: &NewRefreshToken, audit: AuditDraft) -> StoreResult<()>;
    /// Exchanges a live refresh token for `next`; a token used twice revokes its whole family.
    async fn rotate_session(
        &self,
        presented_hash: &str,
        next: &NewRefreshToken,
        now_ms: i64,
        audit: AuditDraft,
    ) -> StoreResult<Rotation>;
    /// Revokes the family of the presented token; returns the owner if the token was known.
    async fn end_session(
        &self,
        presented_hash: &str,
        now_ms: i64,
        audit: AuditDraft,
    ) -> StoreResult<Option<UserId>>;

    // Login throttling, shared by every instance.
    /// The latest time (ms) until which any of `keys` is locked, if one is locked at `now_ms`.
    async fn locked_until(&self, keys: &[String], now_ms: i64) -> StoreResult<Option<i64>>;
    async fn record_login_failure(
        &self,
        key: &str,
        now_ms: i64,
        policy: ThrottlePolicy,
    ) -> StoreResult<()>;
    async fn clear_login_failures(&self, key: &str) -> StoreResult<()>;

    // Audit.
    /// Appends an entry on its own, for events that change nothing else (reads, denials).
    async fn append_audit(&self, audit: AuditDraft) -> StoreResult<AuditEntry>;
    /// Appends several entries in one transaction (group commit of concurrent reads' entries).
    async fn append_audit_batch(&self, audit: Vec<AuditDraft>) -> StoreResult<()>;
    /// Entries newest first, filtered.
    async fn audit_page(&self, query: &AuditQuery) -> StoreResult<Vec<AuditEntry>>;
    /// Entries in chain order after `after_seq`, for verification.
    async fn audit_chain(&self, after_seq: i64, limit: i64) -> StoreResult<Vec<AuditEntry>>;
    async fn audit_head(&self) -> StoreResult<Option<ChainHead>>;

    // Cross-instance events: PostgreSQL NOTIFY/LISTEN. SQLite serves one instance, so it has
    // no channel and events stay in process.
    /// Sends `payload` (under 8,000 bytes: ids, not bodies) to every instance listening on
    /// `channel`, this one included; false when the backend has no such channel.
    async fn notify(&self, channel: &str, payload: &str) -> StoreResult<bool>;
    /// Payloads sent on `channel` by any instance, or `None` when the backend has no channel.
    /// The stream reconnects by itself after a lost connection.
    async fn listen(
        &self,
        channel: &str,
    ) -> StoreResult<Option<tokio::sync::mpsc::Receiver<String>>>;
}

/// Opens the store a URL names: `postgres://…` or `postgresql://…` for PostgreSQL,
/// `sqlite://PATH` or `sqlite:PATH` for a SQLite file (created if missing).
pub async fn connect(url: &str) -> StoreResult<Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PostgresStore::connect(url, None).await?))
    } else if let Some(path) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    {
        Ok(Arc::new(
            SqliteStore::open(std::path::Path::new(path)).await?,
        ))
    } else {
        Err(StoreError::Corrupt(format!(
            "unsupported database URL scheme in `{}`; use postgres:// or sqlite://",
            url.split(':').next().unwrap_or_default()
        )))
    }
}

pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

/// Walks the whole audit chain in pages; the inner result names the first break, if any.
pub async fn verify_audit_chain(
    store: &dyn Store,
) -> StoreResult<Result<i64, mysehat_domain::audit::ChainBreak>> {
    const PAGE: i64 = 1_000;
    let mut verifier = mysehat_domain::audit::ChainVerifier::default();
    let mut after = 0;
    loop {
        let page = store.audit_chain(after, PAGE).await?;
        for entry in &page {
            if let Err(broken) = verifier.check(entry) {
                return Ok(Err(broken));
            }
        }
        match page.last() {
            Some(last) if page.len() as i64 == PAGE => after = last.seq,
            _ => break,
        }
    }
    let head = store.audit_head().await?;
    Ok(verifier.finish(head.as_ref()))
}
