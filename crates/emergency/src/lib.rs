//! MySehat's emergency (SOS) rules, with no I/O: no clock, no database, no network. The
//! server calls these functions with the time and data it has and stores what they return.
//!
//! | module | what it does |
//! | --- | --- |
//! | [`digipin`] | India Post's DIGIPIN: encode, parse, decode and print the 10-symbol cell code |
//! | [`geo`] | validated [`LatLon`], haversine distance, a maps link |
//! | [`nearest`] | [`SpatialIndex`]: exact great-circle k-nearest with a filter |
//! | [`incident`] | the dispatch state machine; emergency kinds and the facility capabilities they need |
//! | [`escalation`] | which facilities to alert by when, and when an incident is unanswered |
//! | [`tracking`] | which ambulance position fixes to believe, and the ETA from them |
//! | [`time`] | [`UnixMs`], the instants the caller passes in |
//!
//! # Invariants
//! * Deterministic: the same inputs give the same outputs (ties in [`nearest`] are broken by
//!   insertion order, never by memory layout).
//! * Every value that crosses the wire is a typed, validated value: a [`LatLon`] is on the
//!   globe, a [`Digipin`] names a real cell, states and kinds are closed snake_case enums.

pub mod digipin;
pub mod escalation;
pub mod geo;
pub mod incident;
mod named;
pub mod nearest;
pub mod time;
pub mod tracking;

pub use digipin::{CellBounds, CellCentre, Digipin, DigipinError};
pub use escalation::{EscalationConfig, Schedule, schedule};
pub use geo::{GeoError, LatLon, haversine_m};
pub use incident::{
    Action, ActorKind, AgeGroup, Capability, EmergencyKind, IncidentState, TransitionError,
    transition,
};
pub use nearest::SpatialIndex;
pub use time::UnixMs;
pub use tracking::{Fix, FixFilter, FixFilterConfig, Rejection, eta};
