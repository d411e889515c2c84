//! `/sos/incidents`: raise an SOS, follow it, and move it along (accept, decline, assign,
//! crew steps, cancel). Handlers parse, authorise through [`party`], call `dispatch` and map.

use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::{ApiJson, Caller, RequestContext};
use crate::sos::dispatch::{self, Actor, Refusal};
use crate::sos::views::{
    IncidentView, NewIncident, REPEAT_WARNING, REPEAT_WINDOW_MS, incident_view,
};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use mysehat_domain::Role;
use mysehat_domain::audit::Outcome;
use mysehat_emergency::{Action, ActorKind, EmergencyKind, IncidentState, LatLon};
use mysehat_storage::sos::{IncidentEvent, IncidentInsert, IncidentRecord};
use serde::Deserialize;
use sha2::Digest;
use utoipa::ToSchema;

/// How the caller stands to an incident; `None` means not at all.
#[derive(Debug, Clone, PartialEq)]
pub enum Party {
    Patient,
    Desk(String),
    Crew,
    Admin,
}

/// The one access decision for incidents.
pub async fn party(
    state: &AppState,
    caller: Caller,
    i: &IncidentRecord,
) -> ApiResult<Option<Party>> {
    Ok(match caller.role {
        Role::Patient => (i.patient == caller.user_id).then_some(Party::Patient),
        Role::Dispatcher => {
            let facility = desk_of(state, caller).await?;
            let alerted = state.store.alerts(&i.id).await?;
            (i.facility_id.as_deref() == Some(facility.as_str())
                || alerted.iter().any(|a| a.facility_id == facility))
            .then_some(Party::Desk(facility))
        }
        Role::AmbulanceCrew => {
            let mine = state.store.ambulance_of_crew(caller.user_id).await?;
            (mine.is_some_and(|a| i.ambulance_id.as_deref() == Some(a.id.as_str())))
                .then_some(Party::Crew)
        }
        Role::Admin => Some(Party::Admin),
        _ => None,
    })
}

/// The dispatcher's facility (every dispatcher account has one).
pub async fn desk_of(state: &AppState, caller: Caller) -> ApiResult<String> {
    state
        .store
        .user_by_id(caller.user_id)
        .await?
        .and_then(|u| u.facility_id)
        .ok_or_else(ApiError::forbidden)
}

/// Loads an incident the caller may see, auditing the read; 404 for others so ids do not leak.
async fn visible(
    state: &AppState,
    ctx: &RequestContext,
    id: &str,
) -> ApiResult<(IncidentRecord, Party)> {
    let caller = ctx.caller()?;
    let found = state.store.incident(id).await?;
    let Some(i) = found else {
        return Err(ApiError::not_found("this SOS"));
    };
    match party(state, caller, &i).await? {
        Some(p) => Ok((i, p)),
        None => {
            let mut denied = ctx.audit("sos.read", Outcome::Denied);
            denied.patient = Some(i.patient.to_string());
            let _ = state.audit.append(vec![denied]).await;
            Err(ApiError::not_found("this SOS"))
        }
    }
}

async fn audited_view(
    state: &AppState,
    ctx: &RequestContext,
    i: &IncidentRecord,
) -> ApiResult<IncidentView> {
    let mut read = ctx.audit("sos.read", Outcome::Success);
    read.patient = Some(i.patient.to_string());
    read.target = Some(format!("sos/{}", i.id));
    state
        .audit
        .append(vec![read])
        .await
        .map_err(ApiError::internal)?;
    Ok(incident_view(state.store.as_ref(), &state.sos, i).await?)
}

fn invalid_location(field: &str, e: impl std::fmt::Display) -> ApiError {
    ApiError::field(ErrorCode::ValidationFailed, field, e.to_string())
}

#[utoipa::path(
    post, path = "/sos/incidents", tag = "sos", operation_id = "raise_sos",
    request_body = NewIncident,
    responses(
        (status = 201, description = "The SOS is stored and the nearest able hospitals are being alerted", body = IncidentView),
        (status = 200, description = "This SOS was received before (a resend): the same incident", body = IncidentView),
        (status = 409, description = "The id belongs to another SOS", body = ErrorBody),
        (status = 422, description = "The location or device id is not valid; `field` names it", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn raise(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(body): ApiJson<NewIncident>,
) -> ApiResult<(StatusCode, Json<IncidentView>)> {
    let caller = ctx.caller()?;
    let loc = &body.location;
    LatLon::new(loc.lat, loc.lon).map_err(|e| invalid_location("location", e))?;
    mysehat_emergency::digipin::encode(loc.lat, loc.lon).map_err(|_| {
        invalid_location("location", "the location is outside India's DIGIPIN area")
    })?;
    if !(loc.accuracy_m.is_finite() && loc.accuracy_m >= 0.0) {
        return Err(invalid_location(
            "location.accuracy_m",
            "must be a distance in metres",
        ));
    }
    if body.device_id.trim().is_empty() || body.device_id.len() > 100 {
        return Err(invalid_location("device_id", "must be 1 to 100 characters"));
    }
    let now = crate::time::now_ms();
    // Abuse is met with a flag and an honest message, never a refusal: a real emergency may
    // follow false alarms.
    let recent_repeats = state
        .store
        .count_recent_incidents(caller.user_id, &body.device_id, now - REPEAT_WINDOW_MS)
        .await?;
    if recent_repeats >= REPEAT_WARNING {
        tracing::warn!(recent_repeats, "repeated SOS from one account or device");
    }
    let canonical = serde_json::to_string(&body).map_err(ApiError::internal)?;
    let record = IncidentRecord {
        id: body.id.to_string(),
        patient: caller.user_id,
        device_id: body.device_id.clone(),
        fingerprint: hex::encode(sha2::Sha256::digest(canonical.as_bytes())),
        kind: body
            .kind
            .unwrap_or(EmergencyKind::Other)
            .as_str()
            .to_owned(),
        lat: loc.lat,
        lon: loc.lon,
        accuracy_m: loc.accuracy_m,
        // A phone clock ahead of the server does not get to date its fix in the future.
        fixed_at_ms: loc.fixed_at_ms.min(now),
        last_known: loc.last_known,
        state: IncidentState::Created.as_str().to_owned(),
        facility_id: None,
        ambulance_id: None,
        created_at_ms: now,
        updated_at_ms: now,
        recent_repeats,
    };
    let first = IncidentEvent {
        at_ms: now,
        state: record.state.clone(),
        actor: Some(caller.user_id),
        actor_role: "patient".into(),
        detail: None,
    };
    let mut audit = ctx.audit("sos.create", Outcome::Success);
    audit.patient = Some(caller.user_id.to_string());
    audit.target = Some(format!("sos/{}", record.id));
    match state.store.insert_incident(&record, &first, audit).await? {
        IncidentInsert::Created(created) => {
            // Alert at once rather than at the next tick of the escalation clock.
            dispatch::tick(&state, now).await?;
            let current = state.store.incident(&created.id).await?.unwrap_or(created);
            tracing::info!(incident = %current.id, "SOS raised");
            Ok((
                StatusCode::CREATED,
                Json(audited_view(&state, &ctx, &current).await?),
            ))
        }
        IncidentInsert::Replayed(stored) => Ok((
            StatusCode::OK,
            Json(audited_view(&state, &ctx, &stored).await?),
        )),
        IncidentInsert::Clash => Err(ApiError::field(
            ErrorCode::Conflict,
            "id",
            "this id belongs to another SOS; send a new id",
        )),
    }
}

#[utoipa::path(
    get, path = "/sos/incidents", tag = "sos", operation_id = "list_sos",
    responses((status = 200, description = "The caller's incidents, newest first: a patient's own, a desk's alerts, a crew's assignments", body = Vec<IncidentView>)),
    security(("bearer" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<Json<Vec<IncidentView>>> {
    let caller = ctx.caller()?;
    let records = match caller.role {
        Role::Patient => state.store.incidents_of_patient(caller.user_id, 20).await?,
        Role::Dispatcher => {
            let desk = desk_of(&state, caller).await?;
            state.store.incidents_of_facility(&desk, 50).await?
        }
        Role::AmbulanceCrew => match state.store.ambulance_of_crew(caller.user_id).await? {
            Some(a) => state.store.incidents_of_ambulance(&a.id, 20).await?,
            None => Vec::new(),
        },
        Role::Admin => {
            state
                .store
                .incidents_in_states(&[
                    "created",
                    "alerting",
                    "unanswered",
                    "accepted",
                    "ambulance_assigned",
                    "en_route",
                    "on_scene",
                    "transporting",
                ])
                .await?
        }
        _ => return Err(ApiError::forbidden()),
    };
    let mut views = Vec::with_capacity(records.len());
    for i in &records {
        views.push(audited_view(&state, &ctx, i).await?);
    }
    Ok(Json(views))
}

#[utoipa::path(
    get, path = "/sos/incidents/{id}", tag = "sos", operation_id = "get_sos",
    params(("id" = String, Path, description = "The incident id")),
    responses(
        (status = 200, description = "The incident as the caller may see it", body = IncidentView),
        (status = 404, description = "No such incident, or not the caller's", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn get(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> ApiResult<Json<IncidentView>> {
    let (i, _) = visible(&state, &ctx, &id).await?;
    Ok(Json(audited_view(&state, &ctx, &i).await?))
}

/// An empty body, for steps that need no input.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Empty {}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Assign {
    pub ambulance_id: String,
}

/// A crew's (or desk's) next step.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// `en_route`, `on_scene`, `transporting` or `closed`.
    pub state: IncidentState,
}

fn actor_of(caller: Caller) -> Actor {
    let (kind, role) = match caller.role {
        Role::Patient => (ActorKind::Patient, "patient"),
        Role::Dispatcher => (ActorKind::Dispatcher, "dispatcher"),
        Role::AmbulanceCrew => (ActorKind::Crew, "ambulance_crew"),
        // Anyone else may not move an incident; the rules refuse the system kind for them.
        _ => (ActorKind::System, "other"),
    };
    Actor {
        kind,
        user: Some(caller.user_id),
        role,
    }
}

fn refused(r: Refusal) -> ApiError {
    match r {
        Refusal::Rule(e @ mysehat_emergency::TransitionError::ActorNotAllowed { .. }) => {
            ApiError::new(ErrorCode::Forbidden, e.to_string())
        }
        Refusal::Rule(e) => ApiError::new(ErrorCode::InvalidTransition, e.to_string()),
        Refusal::Overtaken(now) => ApiError::new(
            ErrorCode::Conflict,
            format!("this SOS changed first; it is now {}", now.state),
        ),
        Refusal::Missing => ApiError::not_found("this SOS"),
    }
}

async fn step(
    state: &AppState,
    ctx: &RequestContext,
    id: &str,
    action: Action,
    facility: Option<String>,
    ambulance: Option<String>,
) -> ApiResult<Json<IncidentView>> {
    let caller = ctx.caller()?;
    let (i, party) = visible(state, ctx, id).await?;
    if party == Party::Admin {
        return Err(ApiError::forbidden());
    }
    // A desk that was only alerted may accept or decline; the rest is the accepting desk's.
    if let Party::Desk(desk) = &party
        && !matches!(action, Action::Accept)
        && i.facility_id.as_deref() != Some(desk.as_str())
    {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "another hospital accepted this SOS",
        ));
    }
    let audit = ctx.audit(&format!("sos.{}", action.as_str()), Outcome::Success);
    let detail = ambulance.clone().or_else(|| facility.clone());
    let moved = dispatch::apply(
        state,
        &i,
        action,
        actor_of(caller),
        facility,
        ambulance,
        detail,
        audit,
    )
    .await?;
    let now = moved.map_err(|r| match r {
        // Accepting what is no longer waiting means another desk was quicker.
        Refusal::Rule(_) if action == Action::Accept && i.facility_id.is_some() => ApiError::new(
            ErrorCode::Conflict,
            "another hospital accepted this SOS first",
        ),
        other => refused(other),
    })?;
    Ok(Json(
        incident_view(state.store.as_ref(), &state.sos, &now).await?,
    ))
}

macro_rules! step_route {
    ($name:ident, $path:literal, $op:literal, $body:ty, $desc:literal) => {
        #[utoipa::path(
            post, path = $path, tag = "sos", operation_id = $op,
            params(("id" = String, Path, description = "The incident id")),
            request_body = $body,
            responses(
                (status = 200, description = $desc, body = IncidentView),
                (status = 403, description = "The caller may not take this step", body = ErrorBody),
                (status = 404, description = "No such incident, or not the caller's", body = ErrorBody),
                (status = 409, description = "Not possible in the incident's state, or someone else moved it first", body = ErrorBody),
            ),
            security(("bearer" = []))
        )]
        #[allow(clippy::unused_async)]
        pub async fn $name(
            State(state): State<AppState>,
            ctx: RequestContext,
            Path(id): Path<String>,
            ApiJson(body): ApiJson<$body>,
        ) -> ApiResult<Json<IncidentView>> {
            $name::run(&state, &ctx, &id, body).await
        }
    };
}

step_route!(
    cancel,
    "/sos/incidents/{id}/cancel",
    "cancel_sos",
    Empty,
    "Cancelled; everyone concerned is told"
);
step_route!(
    accept,
    "/sos/incidents/{id}/accept",
    "accept_sos",
    Empty,
    "Accepted by the caller's hospital; other desks are told"
);
step_route!(
    assign,
    "/sos/incidents/{id}/assign",
    "assign_ambulance",
    Assign,
    "The ambulance is assigned and its crew told"
);
step_route!(
    advance,
    "/sos/incidents/{id}/status",
    "advance_sos",
    Step,
    "The crew's next step is recorded"
);

mod cancel {
    use super::*;
    pub async fn run(
        state: &AppState,
        ctx: &RequestContext,
        id: &str,
        _: Empty,
    ) -> ApiResult<Json<IncidentView>> {
        step(state, ctx, id, Action::Cancel, None, None).await
    }
}

mod accept {
    use super::*;
    pub async fn run(
        state: &AppState,
        ctx: &RequestContext,
        id: &str,
        _: Empty,
    ) -> ApiResult<Json<IncidentView>> {
        let caller = ctx.caller()?;
        if caller.role != Role::Dispatcher {
            return Err(ApiError::forbidden());
        }
        let desk = desk_of(state, caller).await?;
        let view = step(state, ctx, id, Action::Accept, Some(desk.clone()), None).await?;
        let now = crate::time::now_ms();
        state.store.answer_alert(id, &desk, "accepted", now).await?;
        for alert in state.store.alerts(id).await? {
            if alert.answer == "pending" {
                state
                    .store
                    .answer_alert(id, &alert.facility_id, "withdrawn", now)
                    .await?;
            }
        }
        Ok(view)
    }
}

mod assign {
    use super::*;
    pub async fn run(
        state: &AppState,
        ctx: &RequestContext,
        id: &str,
        body: Assign,
    ) -> ApiResult<Json<IncidentView>> {
        let ambulance = state.store.ambulance(&body.ambulance_id).await?;
        match ambulance {
            Some(a) if a.status == "available" => {}
            Some(_) => {
                return Err(ApiError::field(
                    ErrorCode::Conflict,
                    "ambulance_id",
                    "this ambulance is busy or off duty",
                ));
            }
            None => {
                return Err(ApiError::field(
                    ErrorCode::ValidationFailed,
                    "ambulance_id",
                    "no such ambulance",
                ));
            }
        }
        step(
            state,
            ctx,
            id,
            Action::AssignAmbulance,
            None,
            Some(body.ambulance_id),
        )
        .await
    }
}

mod advance {
    use super::*;
    pub async fn run(
        state: &AppState,
        ctx: &RequestContext,
        id: &str,
        body: Step,
    ) -> ApiResult<Json<IncidentView>> {
        let action = match body.state {
            IncidentState::EnRoute => Action::Depart,
            IncidentState::OnScene => Action::Arrive,
            IncidentState::Transporting => Action::StartTransport,
            IncidentState::Closed => Action::Close,
            _ => {
                return Err(ApiError::field(
                    ErrorCode::ValidationFailed,
                    "state",
                    "must be en_route, on_scene, transporting or closed",
                ));
            }
        };
        step(state, ctx, id, action, None, None).await
    }
}

#[utoipa::path(
    post, path = "/sos/incidents/{id}/decline", tag = "sos", operation_id = "decline_sos",
    params(("id" = String, Path, description = "The incident id")),
    request_body = Empty,
    responses(
        (status = 204, description = "Declined; the next hospitals are alerted when due"),
        (status = 404, description = "No such incident, or this desk was not alerted", body = ErrorBody),
        (status = 409, description = "This desk has already answered", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn decline(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(_empty): ApiJson<Empty>,
) -> ApiResult<StatusCode> {
    let caller = ctx.caller()?;
    let (i, party) = visible(&state, &ctx, &id).await?;
    let Party::Desk(desk) = party else {
        return Err(ApiError::forbidden());
    };
    if !state
        .store
        .answer_alert(&id, &desk, "declined", crate::time::now_ms())
        .await?
    {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "this desk has already answered this SOS",
        ));
    }
    let mut audit = ctx.audit("sos.decline", Outcome::Success);
    audit.patient = Some(i.patient.to_string());
    audit.target = Some(format!("sos/{id}"));
    audit.actor = Some(caller.user_id.to_string());
    state
        .audit
        .append(vec![audit])
        .await
        .map_err(ApiError::internal)?;
    Ok(StatusCode::NO_CONTENT)
}
