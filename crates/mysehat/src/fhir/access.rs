//! Who may see and change which FHIR resources: the one authorisation hook of the FHIR API.
//! The consent module will narrow staff access here; until then admins, doctors and health
//! workers see everything, patients see their own compartment (and shared, non-patient
//! resources such as organisations), and other roles have no FHIR access.

use super::outcome::{FhirError, FhirResult};
use crate::http::Caller;
use mysehat_domain::Role;

/// What a caller may reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    /// Only this patient's compartment (the patient's FHIR `Patient` id is their account id).
    Patient(String),
}

pub fn scope(caller: Caller) -> FhirResult<Scope> {
    match caller.role {
        Role::Admin | Role::Doctor | Role::HealthWorker => Ok(Scope::All),
        Role::Patient => Ok(Scope::Patient(caller.user_id.to_string())),
        Role::Dispatcher | Role::AmbulanceCrew | Role::Moderator => Err(FhirError::forbidden(
            "your role has no access to clinical records through the FHIR API",
        )),
    }
}

impl Scope {
    /// May the caller read a resource in `patient`'s compartment (`None`: no patient's)?
    pub fn can_read(&self, patient: Option<&str>) -> bool {
        match self {
            Scope::All => true,
            Scope::Patient(me) => patient.is_none_or(|p| p == me),
        }
    }

    /// May the caller write a resource that would be in `patient`'s compartment?
    pub fn can_write(&self, patient: Option<&str>) -> bool {
        match self {
            Scope::All => true,
            Scope::Patient(me) => patient == Some(me.as_str()),
        }
    }

    pub fn check_read(&self, patient: Option<&str>) -> FhirResult<()> {
        if self.can_read(patient) {
            Ok(())
        } else {
            Err(FhirError::forbidden(
                "this record belongs to another patient",
            ))
        }
    }

    pub fn check_write(&self, patient: Option<&str>) -> FhirResult<()> {
        if self.can_write(patient) {
            Ok(())
        } else {
            Err(FhirError::forbidden(
                "patients may write only records about themselves",
            ))
        }
    }

    /// The compartment a search must stay in, if any.
    pub fn patient(&self) -> Option<&str> {
        match self {
            Scope::All => None,
            Scope::Patient(p) => Some(p),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mysehat_domain::UserId;

    #[test]
    fn patients_reach_their_own_compartment_and_shared_resources_only() {
        let me = UserId::new();
        let s = scope(Caller {
            user_id: me,
            role: Role::Patient,
        })
        .expect("patients have a scope");
        assert!(s.can_read(Some(&me.to_string())));
        assert!(s.can_read(None));
        assert!(!s.can_read(Some("someone-else")));
        assert!(s.can_write(Some(&me.to_string())));
        assert!(!s.can_write(None));
        let dispatcher = Caller {
            user_id: me,
            role: Role::Dispatcher,
        };
        assert!(scope(dispatcher).is_err());
        let doctor = scope(Caller {
            user_id: me,
            role: Role::Doctor,
        })
        .expect("scope");
        assert!(doctor.can_write(Some("anyone")));
    }
}
