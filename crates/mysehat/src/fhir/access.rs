//! Who may see and change which FHIR resources: the one authorisation hook of the FHIR API.
//! The consent module will narrow staff access here; until then admins, doctors and health
//! workers see everything, patients see their own compartment (and shared, non-patient
//! resources such as organisations), and other roles have no FHIR access.

use super::defs;
use super::index::Patients;
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
    /// May the caller read a resource of `ty` in `owner`'s compartment? A patient reads their
    /// own records and shared resources that hold nobody's data (organisations, practitioners);
    /// a record of a patient-data type with no owner is nobody's to read but staff's.
    pub fn can_read(&self, ty: &str, owner: Option<&str>) -> bool {
        match self {
            Scope::All => true,
            Scope::Patient(me) => match owner {
                Some(p) => p == me,
                None => !defs::is_patient_data(ty),
            },
        }
    }

    pub fn check_read(&self, ty: &str, owner: Option<&str>) -> FhirResult<()> {
        if self.can_read(ty, owner) {
            Ok(())
        } else {
            Err(FhirError::forbidden(
                "this record belongs to another patient",
            ))
        }
    }

    /// May the caller store this content? A patient writes only records about themselves
    /// alone: every patient the resource links to must be them.
    pub fn check_content(&self, patients: &Patients) -> FhirResult<()> {
        match self {
            Scope::All => Ok(()),
            Scope::Patient(me)
                if patients.owner.as_deref() == Some(me)
                    && patients.all.iter().all(|p| p == me) =>
            {
                Ok(())
            }
            Scope::Patient(_) => Err(FhirError::forbidden(
                "patients may write only records about themselves",
            )),
        }
    }

    /// May the caller change or delete what is stored now, whose owner is `owner`?
    pub fn check_existing(&self, owner: Option<&str>) -> FhirResult<()> {
        match self {
            Scope::All => Ok(()),
            Scope::Patient(me) if owner == Some(me.as_str()) => Ok(()),
            Scope::Patient(_) => Err(FhirError::forbidden("this record belongs to someone else")),
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
        let mine = me.to_string();
        let s = scope(Caller {
            user_id: me,
            role: Role::Patient,
        })
        .expect("patients have a scope");
        assert!(s.can_read("Observation", Some(&mine)));
        assert!(s.can_read("Organization", None));
        assert!(
            !s.can_read("Observation", None),
            "an ownerless clinical record is not shared"
        );
        assert!(!s.can_read("Observation", Some("someone-else")));
        let about_me = Patients {
            owner: Some(mine.clone()),
            all: vec![mine.clone()],
        };
        assert!(s.check_content(&about_me).is_ok());
        let also_other = Patients {
            owner: Some(mine.clone()),
            all: vec![mine.clone(), "other".into()],
        };
        assert!(s.check_content(&also_other).is_err());
        assert!(s.check_content(&Patients::default()).is_err());
        assert!(s.check_existing(Some(&mine)).is_ok());
        assert!(s.check_existing(Some("other")).is_err());
        assert!(s.check_existing(None).is_err());
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
        assert!(doctor.check_existing(Some("anyone")).is_ok());
    }
}
