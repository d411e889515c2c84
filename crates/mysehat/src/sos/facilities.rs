//! The facility registry: hospitals and ambulance bases with their position, phone,
//! capabilities and live emergency-department status. Admins maintain it (one by one or by
//! `mysehat facilities import FILE.csv`); a hospital's own dispatchers update its status.

use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::{ApiJson, RequestContext};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use mysehat_domain::Role;
use mysehat_domain::audit::Outcome;
use mysehat_emergency::{Capability, LatLon};
use mysehat_storage::sos::FacilityRecord;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A facility as the API shows and takes it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Facility {
    /// A stable id chosen by the registry (letters, digits, `-`, `_`).
    pub id: String,
    pub name: String,
    /// `hospital` or `ambulance_base`.
    pub kind: String,
    pub lat: f64,
    pub lon: f64,
    pub phone: String,
    pub capabilities: Vec<Capability>,
    /// `open`, `diverting` or `closed`.
    pub ed_status: String,
    #[serde(default)]
    pub free_beds: Option<i64>,
}

/// Why a facility was refused: the field and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    pub field: &'static str,
    pub message: String,
}

impl Facility {
    /// Checks every field; the registry keeps only facilities that pass.
    pub fn validate(self, now_ms: i64) -> Result<FacilityRecord, Invalid> {
        let bad = |field, message: &str| Invalid {
            field,
            message: message.to_owned(),
        };
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 64
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !id_ok {
            return Err(bad("id", "use 1 to 64 letters, digits, - or _"));
        }
        if self.name.trim().is_empty() || self.name.len() > 200 {
            return Err(bad("name", "must be 1 to 200 characters"));
        }
        if !matches!(self.kind.as_str(), "hospital" | "ambulance_base") {
            return Err(bad("kind", "must be hospital or ambulance_base"));
        }
        LatLon::new(self.lat, self.lon).map_err(|e| bad("lat", &e.to_string()))?;
        let phone = mysehat_domain::PhoneNumber::parse(&self.phone)
            .map_err(|_| bad("phone", "must be an Indian phone number"))?;
        if !matches!(self.ed_status.as_str(), "open" | "diverting" | "closed") {
            return Err(bad("ed_status", "must be open, diverting or closed"));
        }
        if self.free_beds.is_some_and(|b| b < 0) {
            return Err(bad("free_beds", "cannot be negative"));
        }
        Ok(FacilityRecord {
            id: self.id,
            name: self.name.trim().to_owned(),
            kind: self.kind,
            lat: self.lat,
            lon: self.lon,
            phone: phone.as_str().to_owned(),
            capabilities: self
                .capabilities
                .iter()
                .map(|c| c.as_str().to_owned())
                .collect(),
            ed_status: self.ed_status,
            free_beds: self.free_beds,
            updated_at_ms: now_ms,
        })
    }

    pub fn from_record(f: &FacilityRecord) -> Self {
        Self {
            id: f.id.clone(),
            name: f.name.clone(),
            kind: f.kind.clone(),
            lat: f.lat,
            lon: f.lon,
            phone: f.phone.clone(),
            capabilities: f
                .capabilities
                .iter()
                .filter_map(|c| Capability::parse(c))
                .collect(),
            ed_status: f.ed_status.clone(),
            free_beds: f.free_beds,
        }
    }
}

#[utoipa::path(
    get, path = "/sos/facilities", tag = "sos", operation_id = "list_facilities",
    responses((status = 200, description = "The facility registry", body = Vec<Facility>)),
    security(("bearer" = []))
)]
pub async fn list(State(state): State<AppState>) -> ApiResult<Json<Vec<Facility>>> {
    let all = state.store.facilities().await?;
    Ok(Json(all.iter().map(Facility::from_record).collect()))
}

#[utoipa::path(
    put, path = "/sos/facilities/{id}", tag = "sos", operation_id = "put_facility",
    params(("id" = String, Path, description = "The facility id")),
    request_body = Facility,
    responses(
        (status = 200, description = "Stored", body = Facility),
        (status = 422, description = "A field is not valid; `field` names it", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn put(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Facility>,
) -> ApiResult<Json<Facility>> {
    if body.id != id {
        return Err(ApiError::field(
            ErrorCode::ValidationFailed,
            "id",
            "must match the address",
        ));
    }
    let record = body
        .validate(crate::time::now_ms())
        .map_err(|e| ApiError::field(ErrorCode::ValidationFailed, e.field, e.message))?;
    save(&state, &record, ctx.audit("facility.put", Outcome::Success)).await?;
    Ok(Json(Facility::from_record(&record)))
}

/// A desk's live status.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeskStatus {
    /// `open`, `diverting` or `closed`.
    pub ed_status: String,
    #[serde(default)]
    pub free_beds: Option<i64>,
}

#[utoipa::path(
    put, path = "/sos/facilities/{id}/status", tag = "sos", operation_id = "set_facility_status",
    params(("id" = String, Path, description = "The facility id")),
    request_body = DeskStatus,
    responses(
        (status = 200, description = "Stored; new SOS alerts follow it at once", body = Facility),
        (status = 403, description = "Only admins and the facility's own dispatchers", body = ErrorBody),
        (status = 404, description = "No such facility", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn status(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DeskStatus>,
) -> ApiResult<Json<Facility>> {
    let caller = ctx.caller()?;
    if caller.role == Role::Dispatcher
        && crate::sos::incidents::desk_of(&state, caller).await? != id
    {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "a desk may change only its own facility",
        ));
    }
    let current = state
        .store
        .facility(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("this facility"))?;
    let mut next = Facility::from_record(&current);
    next.ed_status = body.ed_status;
    next.free_beds = body.free_beds;
    let record = next
        .validate(crate::time::now_ms())
        .map_err(|e| ApiError::field(ErrorCode::ValidationFailed, e.field, e.message))?;
    save(
        &state,
        &record,
        ctx.audit("facility.status", Outcome::Success),
    )
    .await?;
    Ok(Json(Facility::from_record(&record)))
}

/// Stores a facility and has every instance reload the registry.
pub async fn save(
    state: &AppState,
    record: &FacilityRecord,
    mut audit: mysehat_domain::audit::AuditDraft,
) -> ApiResult<()> {
    audit.target = Some(format!("facility/{}", record.id));
    state.store.put_facility(record, audit).await?;
    // Here at once (the next SOS may follow immediately), then on the other instances.
    state.sos.load_facilities(state.store.facilities().await?);
    crate::sos::bus::emit(state, crate::sos::bus::Event::Registry).await?;
    Ok(())
}
