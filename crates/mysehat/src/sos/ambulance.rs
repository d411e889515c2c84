//! Ambulances: a crew goes on and off duty and streams the phone's position; desks list the
//! ambulances to assign, nearest first. Implausible fixes are dropped (`mysehat-emergency`'s
//! filter) and the rest fan out to the patient and the desk of the crew's incident only.

use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::{ApiJson, RequestContext};
use crate::sos::bus::{self, Event};
use crate::sos::views::{AmbulanceView, approach, point};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use mysehat_emergency::{Fix, LatLon, Rejection, UnixMs};
use mysehat_storage::sos::{AmbulanceRecord, FixRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Duty {
    pub on_duty: bool,
}

#[utoipa::path(
    post, path = "/sos/ambulance/duty", tag = "sos", operation_id = "set_duty",
    request_body = Duty,
    responses((status = 200, description = "The crew's ambulance, on or off duty", body = AmbulanceView)),
    security(("bearer" = []))
)]
pub async fn duty(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(body): ApiJson<Duty>,
) -> ApiResult<Json<AmbulanceView>> {
    let caller = ctx.caller()?;
    let user = state
        .store
        .user_by_id(caller.user_id)
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    let existing = state.store.ambulance_of_crew(caller.user_id).await?;
    let status = match (&existing, body.on_duty) {
        // Going off duty in the middle of a job keeps the job: the desk still sees the crew.
        (Some(a), _) if a.status == "busy" => "busy",
        (_, true) => "available",
        (_, false) => "off_duty",
    };
    let record = AmbulanceRecord {
        id: existing
            .as_ref()
            .map_or_else(|| format!("amb-{}", caller.user_id), |a| a.id.clone()),
        crew_user_id: caller.user_id,
        base_id: user.facility_id.clone(),
        call_sign: user.name.as_str().to_owned(),
        phone: user.phone.as_str().to_owned(),
        status: status.to_owned(),
        fix: existing.as_ref().and_then(|a| a.fix),
        updated_at_ms: crate::time::now_ms(),
    };
    state.store.put_ambulance(&record).await?;
    let audit = ctx.audit(
        if body.on_duty {
            "sos.duty_on"
        } else {
            "sos.duty_off"
        },
        mysehat_domain::audit::Outcome::Success,
    );
    state
        .audit
        .append(vec![audit])
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(AmbulanceView::new(&record, None)))
}

#[utoipa::path(
    get, path = "/sos/ambulance", tag = "sos", operation_id = "my_ambulance",
    responses(
        (status = 200, description = "The crew's ambulance as the server has it (duty status, last position)", body = AmbulanceView),
        (status = 404, description = "This crew has not gone on duty yet", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn mine(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<Json<AmbulanceView>> {
    let caller = ctx.caller()?;
    let ambulance = state
        .store
        .ambulance_of_crew(caller.user_id)
        .await?
        .ok_or_else(|| ApiError::not_found("an ambulance for this crew"))?;
    Ok(Json(AmbulanceView::new(&ambulance, None)))
}

/// One fix from the crew's phone.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PositionReport {
    pub lat: f64,
    pub lon: f64,
    pub accuracy_m: f64,
    /// When the phone took the fix (UTC milliseconds).
    pub at_ms: i64,
    #[serde(default)]
    pub speed_mps: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PositionAnswer {
    pub accepted: bool,
    /// Why the fix was dropped: `fix_inaccurate`, `fix_out_of_order`, `fix_too_fast`, …
    pub reason: Option<String>,
}

#[utoipa::path(
    post, path = "/sos/ambulance/position", tag = "sos", operation_id = "report_position",
    request_body = PositionReport,
    responses(
        (status = 200, description = "Whether the fix was believed; believed fixes reach the patient and the desk", body = PositionAnswer),
        (status = 409, description = "Go on duty first", body = ErrorBody),
        (status = 422, description = "Not a position on the globe", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn position(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(body): ApiJson<PositionReport>,
) -> ApiResult<Json<PositionAnswer>> {
    let caller = ctx.caller()?;
    let pos = LatLon::new(body.lat, body.lon)
        .map_err(|e| ApiError::field(ErrorCode::ValidationFailed, "lat", e.to_string()))?;
    let Some(ambulance) = state.store.ambulance_of_crew(caller.user_id).await? else {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "go on duty before sending positions",
        ));
    };
    if ambulance.status == "off_duty" {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "go on duty before sending positions",
        ));
    }
    let fix = Fix {
        at: UnixMs(body.at_ms),
        pos,
        accuracy_m: body.accuracy_m,
        speed_mps: body.speed_mps,
    };
    let now = UnixMs(crate::time::now_ms());
    let verdict = state.sos.with_track(&ambulance.id, |track| {
        let verdict = track.filter.accept(fix, now);
        if verdict.is_ok() {
            track.remember(fix);
        }
        verdict
    });
    match verdict {
        Ok(()) | Err(Rejection::Duplicate) => {}
        Err(reason) => {
            return Ok(Json(PositionAnswer {
                accepted: false,
                reason: Some(reason.code().to_owned()),
            }));
        }
    }
    let record = FixRecord {
        lat: body.lat,
        lon: body.lon,
        accuracy_m: body.accuracy_m,
        at_ms: body.at_ms,
        speed_mps: body.speed_mps,
    };
    state
        .store
        .set_ambulance_fix(&ambulance.id, &record)
        .await?;
    fan_out(
        &state,
        &AmbulanceRecord {
            fix: Some(record),
            ..ambulance
        },
    )
    .await?;
    Ok(Json(PositionAnswer {
        accepted: true,
        reason: None,
    }))
}

/// Sends the ambulance's new position to the patient and the desk of each open incident it
/// serves, and to nobody else.
async fn fan_out(state: &AppState, ambulance: &AmbulanceRecord) -> ApiResult<()> {
    for i in state.store.incidents_of_ambulance(&ambulance.id, 5).await? {
        if matches!(i.state.as_str(), "closed" | "cancelled") {
            continue;
        }
        let brief = approach(&state.sos, ambulance, point(&i));
        let Some(position) = brief.position else {
            continue;
        };
        let event = Event::Position {
            incident_id: i.id,
            ambulance_id: ambulance.id.clone(),
            patient: i.patient,
            desk: i.facility_id,
            position,
            distance_m: brief.distance_m,
            eta_s: brief.eta_s,
        };
        bus::emit(state, event).await?;
    }
    Ok(())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct Near {
    /// Rank by distance to this incident.
    pub incident: Option<String>,
}

#[utoipa::path(
    get, path = "/sos/ambulances", tag = "sos", operation_id = "list_ambulances",
    params(Near),
    responses((status = 200, description = "Ambulances, nearest to the incident first when one is named", body = Vec<AmbulanceView>)),
    security(("bearer" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(near): Query<Near>,
) -> ApiResult<Json<Vec<AmbulanceView>>> {
    let caller = ctx.caller()?;
    let to = match near.incident {
        Some(id) => {
            let i = state
                .store
                .incident(&id)
                .await?
                .ok_or_else(|| ApiError::not_found("this SOS"))?;
            if crate::sos::incidents::party(&state, caller, &i)
                .await?
                .is_none()
            {
                return Err(ApiError::not_found("this SOS"));
            }
            point(&i)
        }
        None => None,
    };
    let mut views: Vec<AmbulanceView> = state
        .store
        .ambulances()
        .await?
        .iter()
        .map(|a| AmbulanceView::new(a, to))
        .collect();
    views.sort_by(|a, b| {
        let key = |v: &AmbulanceView| (v.status != "available", v.distance_m.unwrap_or(f64::MAX));
        key(a)
            .partial_cmp(&key(b))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    Ok(Json(views))
}
