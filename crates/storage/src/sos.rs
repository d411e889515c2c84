//! What the emergency module keeps: the facility registry, ambulances, SOS incidents with every
//! transition, and the alerts sent to dispatch desks. States and kinds are stored as their
//! snake_case names; `mysehat-emergency` owns their rules.

use crate::StoreResult;
use async_trait::async_trait;
use mysehat_domain::UserId;
use mysehat_domain::audit::AuditDraft;

/// A hospital or an ambulance base.
#[derive(Debug, Clone, PartialEq)]
pub struct FacilityRecord {
    pub id: String,
    pub name: String,
    /// `hospital` or `ambulance_base`.
    pub kind: String,
    pub lat: f64,
    pub lon: f64,
    pub phone: String,
    /// e.g. `emergency`, `trauma`, `icu`, `maternity`, `paediatric`.
    pub capabilities: Vec<String>,
    /// `open`, `diverting` or `closed`.
    pub ed_status: String,
    pub free_beds: Option<i64>,
    pub updated_at_ms: i64,
}

/// One ambulance, driven by one crew account.
#[derive(Debug, Clone, PartialEq)]
pub struct AmbulanceRecord {
    pub id: String,
    pub crew_user_id: UserId,
    pub base_id: Option<String>,
    pub call_sign: String,
    pub phone: String,
    /// `available`, `busy` or `off_duty`.
    pub status: String,
    pub fix: Option<FixRecord>,
    pub updated_at_ms: i64,
}

/// The last accepted position of an ambulance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FixRecord {
    pub lat: f64,
    pub lon: f64,
    pub accuracy_m: f64,
    pub at_ms: i64,
    pub speed_mps: Option<f64>,
}

/// An SOS as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentRecord {
    /// The id the patient's device chose.
    pub id: String,
    pub patient: UserId,
    pub device_id: String,
    /// A hash of what the device sent: the same id with other content is a clash, not a replay.
    pub fingerprint: String,
    pub kind: String,
    pub lat: f64,
    pub lon: f64,
    pub accuracy_m: f64,
    pub fixed_at_ms: i64,
    pub last_known: bool,
    pub state: String,
    pub facility_id: Option<String>,
    pub ambulance_id: Option<String>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    /// Other SOS from the same account or device shortly before this one.
    pub recent_repeats: i64,
}

/// One transition of an incident.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentEvent {
    pub at_ms: i64,
    pub state: String,
    pub actor: Option<UserId>,
    /// The actor's role, or `system`.
    pub actor_role: String,
    pub detail: Option<String>,
}

/// A change to apply only if the incident is still in `from`: two desks accepting at once
/// cannot both win.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentChange {
    pub from: String,
    pub event: IncidentEvent,
    /// Sets the accepting facility.
    pub facility_id: Option<String>,
    /// Sets the assigned ambulance (and marks it busy).
    pub ambulance_id: Option<String>,
}

/// An alert to one dispatch desk.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertRecord {
    pub incident_id: String,
    pub facility_id: String,
    pub wave: i64,
    pub distance_m: f64,
    pub sent_at_ms: i64,
    /// `pending`, `declined`, `accepted` or `withdrawn`.
    pub answer: String,
    pub answered_at_ms: Option<i64>,
}

/// What storing a new incident led to.
#[derive(Debug, Clone, PartialEq)]
pub enum IncidentInsert {
    Created(IncidentRecord),
    /// The same id and content were stored before: a resend.
    Replayed(IncidentRecord),
    /// The id is taken by an incident with other content or another owner.
    Clash,
}

/// Where a change left the incident.
#[derive(Debug, Clone, PartialEq)]
pub enum IncidentUpdate {
    Applied(IncidentRecord),
    /// Someone moved it first; this is how it is now.
    Stale(IncidentRecord),
    Missing,
}

#[async_trait]
pub trait SosStore: Send + Sync {
    /// Adds a facility or replaces the one with its id.
    async fn put_facility(&self, facility: &FacilityRecord, audit: AuditDraft) -> StoreResult<()>;
    async fn facilities(&self) -> StoreResult<Vec<FacilityRecord>>;
    async fn facility(&self, id: &str) -> StoreResult<Option<FacilityRecord>>;

    /// The crew's ambulance, created on first use.
    async fn put_ambulance(&self, ambulance: &AmbulanceRecord) -> StoreResult<()>;
    async fn ambulances(&self) -> StoreResult<Vec<AmbulanceRecord>>;
    async fn ambulance_of_crew(&self, crew: UserId) -> StoreResult<Option<AmbulanceRecord>>;
    async fn ambulance(&self, id: &str) -> StoreResult<Option<AmbulanceRecord>>;
    async fn set_ambulance_fix(&self, id: &str, fix: &FixRecord) -> StoreResult<()>;

    /// Stores a new incident with its first event, unless its id is taken.
    async fn insert_incident(
        &self,
        incident: &IncidentRecord,
        first: &IncidentEvent,
        audit: AuditDraft,
    ) -> StoreResult<IncidentInsert>;
    async fn incident(&self, id: &str) -> StoreResult<Option<IncidentRecord>>;
    /// How many incidents the account or the device raised since `since_ms`.
    async fn count_recent_incidents(
        &self,
        patient: UserId,
        device_id: &str,
        since_ms: i64,
    ) -> StoreResult<i64>;
    /// Moves the incident if it is still in `change.from`; records the event and the audit
    /// entry in the same transaction.
    async fn update_incident(
        &self,
        id: &str,
        change: &IncidentChange,
        audit: AuditDraft,
    ) -> StoreResult<IncidentUpdate>;
    async fn incident_events(&self, id: &str) -> StoreResult<Vec<IncidentEvent>>;
    /// A patient's incidents, newest first.
    async fn incidents_of_patient(
        &self,
        patient: UserId,
        limit: i64,
    ) -> StoreResult<Vec<IncidentRecord>>;
    /// Incidents a facility was alerted to or accepted, newest first.
    async fn incidents_of_facility(
        &self,
        facility: &str,
        limit: i64,
    ) -> StoreResult<Vec<IncidentRecord>>;
    async fn incidents_of_ambulance(
        &self,
        ambulance: &str,
        limit: i64,
    ) -> StoreResult<Vec<IncidentRecord>>;
    /// Incidents in any of `states`, oldest first (the escalation loop's work list).
    async fn incidents_in_states(&self, states: &[&str]) -> StoreResult<Vec<IncidentRecord>>;

    /// Stores alerts before they are sent; an alert already stored for the same desk is kept.
    /// Returns the facilities whose alert this call stored (the ones to send).
    async fn insert_alerts(&self, alerts: &[AlertRecord]) -> StoreResult<Vec<String>>;
    async fn alerts(&self, incident_id: &str) -> StoreResult<Vec<AlertRecord>>;
    /// Stores a new public medical-ID link (its token's hash) and revokes the patient's older
    /// ones: one live card at a time.
    async fn create_medical_id_link(
        &self,
        token_hash: &str,
        patient: UserId,
        now_ms: i64,
        audit: AuditDraft,
    ) -> StoreResult<()>;
    /// The patient a live (not revoked) link opens.
    async fn medical_id_link(&self, token_hash: &str) -> StoreResult<Option<UserId>>;
    /// Revokes every live link of the patient; returns how many.
    async fn revoke_medical_id_links(
        &self,
        patient: UserId,
        now_ms: i64,
        audit: AuditDraft,
    ) -> StoreResult<u64>;

    /// Records a desk's answer to its pending alert; false if it had none pending.
    async fn answer_alert(
        &self,
        incident_id: &str,
        facility_id: &str,
        answer: &str,
        at_ms: i64,
    ) -> StoreResult<bool>;
}
