//! What the sync store takes and gives (docs/SYNC.md). The feed itself is kept by the FHIR
//! store: every FHIR write updates it in the same transaction. This interface reads the feed,
//! keeps push receipts, held groups and conflicts, and applies a pushed group atomically with
//! all of those.

use crate::StoreResult;
use crate::fhir::{FhirRefusal, FhirWrite, FhirWritten, Stamp};
use async_trait::async_trait;
use mysehat_domain::UserId;
use mysehat_domain::audit::AuditDraft;

/// One row of the feed: the latest change of a record in a scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedRow {
    pub seq: i64,
    pub scope: String,
    pub resource_type: String,
    pub id: String,
    pub version_id: i64,
    /// `put`, `delete` or `leave`.
    pub op: String,
}

/// What a pushed mutation got, stored under its idempotency key (device, device_seq).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub device: String,
    pub device_seq: i64,
    pub mutation_id: String,
    pub group_id: String,
    /// The record the mutation is about.
    pub resource_type: String,
    pub resource_id: String,
    pub user_id: UserId,
    /// SHA-256 of the mutation as sent: the same key with other content is refused.
    pub content_hash: String,
    /// The result as the API answers it (JSON).
    pub result: String,
    pub received_at_ms: i64,
}

/// A pushed group waiting for a record it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldGroup {
    pub group_id: String,
    pub device: String,
    pub user_id: UserId,
    pub waits_type: String,
    pub waits_id: String,
    pub waits_version: i64,
    /// The group's mutations as pushed (JSON).
    pub payload: String,
    pub created_at_ms: i64,
}

/// A same-field clash kept for a supervisor. Values are JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictRecord {
    pub id: String,
    pub resource_type: String,
    pub resource_id: String,
    pub field: String,
    pub base_value: String,
    pub server_value: String,
    pub device_value: String,
    pub village: Option<String>,
    pub device: String,
    pub user_id: UserId,
    pub created_at_ms: i64,
    pub resolved_at_ms: Option<i64>,
    pub resolved_by: Option<UserId>,
    /// `server` or `device`.
    pub resolution: Option<String>,
}

/// Closing a conflict, in the transaction that writes the chosen value.
#[derive(Debug, Clone)]
pub struct Resolution {
    pub conflict_id: String,
    pub by: UserId,
    pub keep: String,
    pub at_ms: i64,
}

/// Everything one pushed group changes, written in one transaction (or not at all).
#[derive(Debug, Clone, Default)]
pub struct SyncApply {
    pub writes: Vec<FhirWrite>,
    /// Inserted; with `release` set, they replace the receipts stored when the group was held.
    pub receipts: Vec<Receipt>,
    /// The held group this applies (it is removed).
    pub release: Option<String>,
    /// Keep the group for later instead (with `writes` empty).
    pub hold: Option<HeldGroup>,
    pub conflicts: Vec<ConflictRecord>,
    pub resolve: Option<Resolution>,
    pub audit: Vec<AuditDraft>,
}

/// Why a group was not applied; nothing of it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplyRefusal {
    /// `If-Match` failed: the record changed since it was read (merge again).
    Version(FhirRefusal),
    /// A receipt with one of the keys exists already (a concurrent replay).
    Replayed,
    /// The held group was already applied or the conflict already resolved by someone else.
    Gone,
}

/// A worker's devices' last contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceSeen {
    pub device: String,
    pub user_id: UserId,
    pub last_push_ms: Option<i64>,
    pub last_pull_ms: Option<i64>,
}

#[async_trait]
pub trait SyncStore: Send + Sync {
    async fn sync_apply(
        &self,
        apply: SyncApply,
        at: &Stamp,
    ) -> StoreResult<Result<Vec<FhirWritten>, ApplyRefusal>>;
    /// Receipts of `device` for the given sequence numbers.
    async fn sync_receipts(&self, device: &str, seqs: &[i64]) -> StoreResult<Vec<Receipt>>;
    /// The result this device got last for this record (its latest receipt), if any.
    async fn sync_device_result(
        &self,
        device: &str,
        resource_type: &str,
        resource_id: &str,
    ) -> StoreResult<Option<String>>;
    /// Held groups waiting for any of these records (type, id), oldest first.
    async fn sync_held_for(&self, records: &[(String, String)]) -> StoreResult<Vec<HeldGroup>>;
    /// Feed rows of `scopes` after `after`, in sequence order.
    async fn sync_changes(
        &self,
        scopes: &[String],
        after: i64,
        limit: i64,
    ) -> StoreResult<Vec<FeedRow>>;
    /// Live records (type, id, version) in any of `scopes`, of one type or all.
    async fn sync_live(
        &self,
        scopes: &[String],
        resource_type: Option<&str>,
    ) -> StoreResult<Vec<(String, String, i64)>>;
    /// Whether the record is live in any of `scopes` (one index lookup).
    async fn sync_is_live(
        &self,
        scopes: &[String],
        resource_type: &str,
        id: &str,
    ) -> StoreResult<bool>;
    /// (latest sequence number handed out, purge horizon).
    async fn sync_clock(&self) -> StoreResult<(i64, i64)>;
    /// Drops tombstones and departures changed before `before_ms`; returns how many went.
    async fn sync_purge(&self, before_ms: i64) -> StoreResult<u64>;
    async fn sync_seen(
        &self,
        device: &str,
        user: UserId,
        pushed: bool,
        at_ms: i64,
    ) -> StoreResult<()>;
    async fn sync_devices_of(&self, users: &[UserId]) -> StoreResult<Vec<DeviceSeen>>;
    /// Conflicts in any of `villages` (all when `None`), open ones only if `open`.
    async fn sync_conflicts(
        &self,
        villages: Option<&[String]>,
        open: bool,
    ) -> StoreResult<Vec<ConflictRecord>>;
    async fn sync_conflict(&self, id: &str) -> StoreResult<Option<ConflictRecord>>;

    // Health Worker Mode.
    /// Replaces the villages assigned to `user`.
    async fn hw_set_villages(
        &self,
        user: UserId,
        villages: &[String],
        at_ms: i64,
        audit: AuditDraft,
    ) -> StoreResult<()>;
    async fn hw_villages(&self, user: UserId) -> StoreResult<Vec<String>>;
    /// Reserves `count` household numbers for a device: (first, last).
    async fn hw_reserve_numbers(
        &self,
        device: &str,
        user: UserId,
        count: i64,
        at_ms: i64,
    ) -> StoreResult<(i64, i64)>;
}
