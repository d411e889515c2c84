//! The roles a MySehat account can have.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Who an account is. Patients register themselves; every other role is made by an admin.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Patient,
    HealthWorker,
    /// Supervises the health workers of an area (an ANM or ASHA facilitator).
    Supervisor,
    Doctor,
    /// A hospital emergency desk.
    Dispatcher,
    AmbulanceCrew,
    Moderator,
    Admin,
}

/// Where a staff account belongs, which depends on its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affiliation {
    /// Patients, moderators and admins belong to no facility or area.
    None,
    /// Doctors, dispatchers and ambulance crews belong to a facility.
    Facility,
    /// Health workers are assigned an area (villages).
    Area,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Patient,
        Role::HealthWorker,
        Role::Supervisor,
        Role::Doctor,
        Role::Dispatcher,
        Role::AmbulanceCrew,
        Role::Moderator,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Patient => "patient",
            Role::HealthWorker => "health_worker",
            Role::Supervisor => "supervisor",
            Role::Doctor => "doctor",
            Role::Dispatcher => "dispatcher",
            Role::AmbulanceCrew => "ambulance_crew",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn affiliation(self) -> Affiliation {
        match self {
            Role::Patient | Role::Moderator | Role::Admin => Affiliation::None,
            Role::Doctor | Role::Dispatcher | Role::AmbulanceCrew => Affiliation::Facility,
            Role::HealthWorker | Role::Supervisor => Affiliation::Area,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
#[error(
    "unknown role `{0}`; expected one of patient, health_worker, doctor, dispatcher, ambulance_crew, moderator, admin"
)]
pub struct UnknownRole(pub String);

impl std::str::FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().ok(), Some(role));
            assert_eq!(
                serde_json::to_value(role).ok(),
                Some(serde_json::Value::String(role.as_str().into()))
            );
        }
        assert!("superuser".parse::<Role>().is_err());
    }
}
