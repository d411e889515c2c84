//! The dispatch state machine. Every change to an incident's state goes through
//! [`transition`], which checks both that the step exists from the current state and that
//! this kind of actor may take it.
//!
//! ```text
//! created ──alert──▶ alerting ──accept──▶ accepted ──assign_ambulance──▶ ambulance_assigned
//!                      │                     ▲                                  │
//!                   time_out               accept                             depart
//!                      ▼                     │                                  ▼
//!                  unanswered ───────────────┘                               en_route
//!                                                                               │
//!   closed ◀──close── transporting ◀──start_transport── on_scene ◀──arrive──────┘
//!     ▲                                                    │
//!     └──────────────────────────close─────────────────────┘
//! ```
//! `cancel` leads from any state but closed / cancelled to cancelled (the patient who raised
//! the incident, or a dispatcher).

use thiserror::Error;

use crate::named::named_enum;

named_enum! {
    /// Where an incident is in the dispatch flow.
    pub enum IncidentState {
        /// Raised by the patient; no facility alerted yet.
        Created => "created",
        /// Facilities are being alerted in batches (see `escalation`).
        Alerting => "alerting",
        /// A dispatcher at a facility has taken responsibility.
        Accepted => "accepted",
        AmbulanceAssigned => "ambulance_assigned",
        EnRoute => "en_route",
        OnScene => "on_scene",
        Transporting => "transporting",
        /// Help was given (on scene or at the facility). Terminal.
        Closed => "closed",
        /// Called off by the patient or a dispatcher. Terminal.
        Cancelled => "cancelled",
        /// Nobody accepted in time; flagged for dispatchers, who may still accept it.
        Unanswered => "unanswered",
    }
}

named_enum! {
    /// A step an actor asks to take.
    pub enum Action {
        /// created → alerting (system).
        Alert => "alert",
        /// alerting / unanswered → accepted (dispatcher).
        Accept => "accept",
        /// alerting → unanswered when the give-up time passes (system).
        TimeOut => "time_out",
        /// accepted → ambulance_assigned (dispatcher).
        AssignAmbulance => "assign_ambulance",
        /// ambulance_assigned → en_route (crew or dispatcher).
        Depart => "depart",
        /// en_route → on_scene (crew or dispatcher).
        Arrive => "arrive",
        /// on_scene → transporting (crew or dispatcher).
        StartTransport => "start_transport",
        /// on_scene / transporting → closed (crew or dispatcher; a patient may be treated on
        /// scene).
        Close => "close",
        /// Any non-terminal state → cancelled (the patient who raised it, or a dispatcher).
        Cancel => "cancel",
    }
}

named_enum! {
    /// Who is asking. Identity and ownership are the caller's business: `Patient` here means
    /// the patient who raised this incident (any other patient must be refused before this
    /// point), `Crew` the crew of the ambulance assigned to it.
    pub enum ActorKind {
        /// The server itself (timers, the alerting loop).
        System => "system",
        Dispatcher => "dispatcher",
        Crew => "crew",
        Patient => "patient",
    }
}

impl IncidentState {
    /// Closed and cancelled incidents never change again.
    pub const fn is_terminal(self) -> bool {
        matches!(self, IncidentState::Closed | IncidentState::Cancelled)
    }
}

impl Action {
    /// The actors who may take this step (whatever the state).
    pub const fn allowed_actors(self) -> &'static [ActorKind] {
        use ActorKind::{Crew, Dispatcher, Patient, System};
        match self {
            Action::Alert | Action::TimeOut => &[System],
            Action::Accept | Action::AssignAmbulance => &[Dispatcher],
            Action::Depart | Action::Arrive | Action::StartTransport | Action::Close => {
                &[Crew, Dispatcher]
            }
            Action::Cancel => &[Patient, Dispatcher],
        }
    }
}

/// Why a step was refused. `ActorNotAllowed` is an authorisation failure (HTTP 403);
/// `NotAllowedFrom` a conflict with the incident's current state (HTTP 409).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum TransitionError {
    #[error("cannot {action} an incident that is {from}")]
    NotAllowedFrom { from: IncidentState, action: Action },
    #[error("a {actor} may not {action} an incident")]
    ActorNotAllowed { actor: ActorKind, action: Action },
}

impl TransitionError {
    /// Stable snake_case code the app translates.
    pub fn code(&self) -> &'static str {
        match self {
            TransitionError::NotAllowedFrom { .. } => "incident_transition_not_allowed",
            TransitionError::ActorNotAllowed { .. } => "incident_actor_not_allowed",
        }
    }
}

/// The state after `actor` takes `action` on an incident in state `from`.
///
/// The actor is checked first: who may take a step does not depend on the state, and an
/// actor who may never take it learns nothing about the incident's state from the answer.
pub fn transition(
    from: IncidentState,
    action: Action,
    actor: ActorKind,
) -> Result<IncidentState, TransitionError> {
    use IncidentState as S;

    if !action.allowed_actors().contains(&actor) {
        return Err(TransitionError::ActorNotAllowed { actor, action });
    }
    let to = match (from, action) {
        (S::Created, Action::Alert) => S::Alerting,
        (S::Alerting | S::Unanswered, Action::Accept) => S::Accepted,
        (S::Alerting, Action::TimeOut) => S::Unanswered,
        (S::Accepted, Action::AssignAmbulance) => S::AmbulanceAssigned,
        (S::AmbulanceAssigned, Action::Depart) => S::EnRoute,
        (S::EnRoute, Action::Arrive) => S::OnScene,
        (S::OnScene, Action::StartTransport) => S::Transporting,
        (S::OnScene | S::Transporting, Action::Close) => S::Closed,
        (state, Action::Cancel) if !state.is_terminal() => S::Cancelled,
        _ => return Err(TransitionError::NotAllowedFrom { from, action }),
    };
    Ok(to)
}

/// The steps `actor` could take now, in [`Action::ALL`] order (for showing buttons).
pub fn available_actions(state: IncidentState, actor: ActorKind) -> Vec<Action> {
    Action::ALL
        .iter()
        .copied()
        .filter(|&action| transition(state, action, actor).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dispatcher_accepts_an_alerting_incident() {
        let to = transition(
            IncidentState::Alerting,
            Action::Accept,
            ActorKind::Dispatcher,
        );
        assert_eq!(to, Ok(IncidentState::Accepted));
    }

    #[test]
    fn refusals_name_the_state_and_the_step() {
        let err = transition(IncidentState::Closed, Action::Cancel, ActorKind::Patient)
            .expect_err("closed is terminal");
        assert_eq!(err.to_string(), "cannot cancel an incident that is closed");
        assert_eq!(err.code(), "incident_transition_not_allowed");
        let err = transition(IncidentState::Alerting, Action::Accept, ActorKind::Crew)
            .expect_err("crew cannot accept");
        assert_eq!(err.to_string(), "a crew may not accept an incident");
        assert_eq!(err.code(), "incident_actor_not_allowed");
    }

    #[test]
    fn a_patient_can_only_cancel() {
        assert_eq!(
            available_actions(IncidentState::EnRoute, ActorKind::Patient),
            [Action::Cancel]
        );
        assert!(available_actions(IncidentState::Closed, ActorKind::Patient).is_empty());
    }

    #[test]
    fn crew_on_scene_may_transport_close_but_not_cancel() {
        assert_eq!(
            available_actions(IncidentState::OnScene, ActorKind::Crew),
            [Action::StartTransport, Action::Close]
        );
    }

    #[test]
    fn wire_names_are_snake_case_and_match_display() -> Result<(), serde_json::Error> {
        for state in IncidentState::ALL {
            assert_eq!(serde_json::to_string(state)?, format!("\"{state}\""));
        }
        for action in Action::ALL {
            assert_eq!(serde_json::to_string(action)?, format!("\"{action}\""));
        }
        for actor in ActorKind::ALL {
            assert_eq!(serde_json::to_string(actor)?, format!("\"{actor}\""));
        }
        let state: IncidentState = serde_json::from_str("\"ambulance_assigned\"")?;
        assert_eq!(state, IncidentState::AmbulanceAssigned);
        Ok(())
    }
}
