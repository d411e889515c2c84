//! The dispatch flow: a new SOS is stored, the nearest able hospitals are alerted in waves,
//! the first desk to accept wins, and every change reaches the people of that incident. The
//! rules (which transition, which wave when) are `mysehat-emergency`'s; this file stores and
//! tells.

use crate::sos::bus::{self, Event};
use crate::sos::live::{Candidate, Live};
use crate::sos::views::{IncidentView, point};
use crate::state::AppState;
use mysehat_domain::audit::{AuditDraft, Outcome};
use mysehat_emergency::{Action, ActorKind, EmergencyKind, IncidentState, UnixMs};
use mysehat_storage::StoreResult;
use mysehat_storage::sos::{
    AlertRecord, IncidentChange, IncidentEvent, IncidentRecord, IncidentUpdate,
};

/// Who asks for a transition.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub kind: ActorKind,
    pub user: Option<mysehat_domain::UserId>,
    pub role: &'static str,
}

impl Actor {
    pub const SYSTEM: Actor = Actor {
        kind: ActorKind::System,
        user: None,
        role: "system",
    };
}

/// Why a transition did not happen.
#[derive(Debug)]
pub enum Refusal {
    Rule(mysehat_emergency::TransitionError),
    /// Someone else moved the incident first (e.g. another desk accepted).
    Overtaken(Box<IncidentRecord>),
    Missing,
}

/// Applies `action` to the incident if the rules allow it, in the state it is in now.
#[allow(clippy::too_many_arguments)] // each argument is one named part of the change
pub async fn apply(
    state: &AppState,
    incident: &IncidentRecord,
    action: Action,
    actor: Actor,
    facility_id: Option<String>,
    ambulance_id: Option<String>,
    detail: Option<String>,
    audit: AuditDraft,
) -> StoreResult<Result<IncidentRecord, Refusal>> {
    let from = IncidentState::parse(&incident.state).unwrap_or(IncidentState::Created);
    let to = match mysehat_emergency::transition(from, action, actor.kind) {
        Ok(to) => to,
        Err(e) => return Ok(Err(Refusal::Rule(e))),
    };
    let change = IncidentChange {
        from: from.as_str().to_owned(),
        event: IncidentEvent {
            at_ms: crate::time::now_ms(),
            state: to.as_str().to_owned(),
            actor: actor.user,
            actor_role: actor.role.to_owned(),
            detail,
        },
        facility_id,
        ambulance_id,
    };
    let mut audit = audit;
    audit.patient = Some(incident.patient.to_string());
    audit.target = Some(format!("sos/{}", incident.id));
    Ok(
        match state
            .store
            .update_incident(&incident.id, &change, audit)
            .await?
        {
            IncidentUpdate::Applied(now) => {
                let event = Event::Incident {
                    id: now.id.clone(),
                    alert: Vec::new(),
                    unanswered: to == IncidentState::Unanswered,
                };
                bus::emit(state, event).await?;
                Ok(now)
            }
            IncidentUpdate::Stale(now) => Err(Refusal::Overtaken(Box::new(now))),
            IncidentUpdate::Missing => Err(Refusal::Missing),
        },
    )
}

pub fn message(kind: &str, view: &IncidentView) -> String {
    serde_json::json!({ "type": kind, "incident": view }).to_string()
}

/// The hospitals to alert for an incident, best first.
pub fn ranked(live: &Live, i: &IncidentRecord) -> Vec<Candidate> {
    let kind = EmergencyKind::parse(&i.kind).unwrap_or(EmergencyKind::Other);
    point(i).map_or_else(Vec::new, |at| live.candidates(at, kind))
}

/// One pass of the escalation clock at `now_ms`: new incidents start alerting, waves go out
/// when due, and incidents nobody accepted in time become unanswered (admins and the patient
/// are told). Alerts are stored before they are sent. Tests call this with their own clock.
pub async fn tick(state: &AppState, now_ms: i64) -> StoreResult<()> {
    let open = state
        .store
        .incidents_in_states(&["created", "alerting"])
        .await?;
    for incident in open {
        if let Err(e) = escalate(state, incident, now_ms).await {
            tracing::error!(error = %e, "escalation failed for one incident");
        }
    }
    Ok(())
}

async fn escalate(state: &AppState, mut incident: IncidentRecord, now_ms: i64) -> StoreResult<()> {
    if incident.state == "created" {
        let audit = AuditDraft::new("sos.alert", Outcome::Success);
        match apply(
            state,
            &incident,
            Action::Alert,
            Actor::SYSTEM,
            None,
            None,
            None,
            audit,
        )
        .await?
        {
            Ok(now) => incident = now,
            Err(_) => return Ok(()),
        }
    }
    let candidates = ranked(&state.sos, &incident);
    let config = state.sos.escalation();
    let plan = mysehat_emergency::schedule(
        &candidates,
        UnixMs(incident.created_at_ms),
        UnixMs(now_ms),
        config,
    );
    let stored = state.store.alerts(&incident.id).await?;
    let due: Vec<AlertRecord> = plan
        .alerted
        .iter()
        .enumerate()
        .filter(|(_, c)| !stored.iter().any(|a| a.facility_id == c.facility_id))
        .map(|(rank, c)| AlertRecord {
            incident_id: incident.id.clone(),
            facility_id: c.facility_id.clone(),
            wave: i64::try_from(rank / config.batch_size().max(1)).unwrap_or(i64::MAX),
            distance_m: c.distance_m,
            sent_at_ms: now_ms,
            answer: "pending".into(),
            answered_at_ms: None,
        })
        .collect();
    if !due.is_empty() {
        // Stored before sent; with several instances only the one that stored an alert sends it.
        let alert = state.store.insert_alerts(&due).await?;
        if !alert.is_empty() {
            let event = Event::Incident {
                id: incident.id.clone(),
                alert,
                unanswered: false,
            };
            bus::emit(state, event).await?;
        }
    }
    if plan.unanswered {
        // The transition's event tells the patient (call 112) and the admins.
        let audit = AuditDraft::new("sos.unanswered", Outcome::Success);
        let _ = apply(
            state,
            &incident,
            Action::TimeOut,
            Actor::SYSTEM,
            None,
            None,
            None,
            audit,
        )
        .await?;
    }
    Ok(())
}

/// Runs [`tick`] every second (or sooner when woken) until shutdown.
pub fn start(state: AppState) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(1));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                () = state.shutdown.cancelled() => return,
                _ = every.tick() => {}
                () = state.sos.woken() => {}
            }
            if let Err(e) = tick(&state, crate::time::now_ms()).await {
                tracing::error!(error = %e, "the escalation clock could not run");
            }
        }
    });
}
