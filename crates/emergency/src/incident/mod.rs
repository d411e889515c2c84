//! An SOS incident's life: the dispatch state machine (who may move it on, and from where)
//! and what kind of help each kind of emergency needs from a facility.

mod kind;
mod machine;

pub use kind::{AgeGroup, Capability, EmergencyKind, facility_can_receive, required_capabilities};
pub use machine::{
    Action, ActorKind, IncidentState, TransitionError, available_actions, transition,
};
