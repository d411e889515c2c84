//! Who may see and change which FHIR resources: the one authorisation hook of the FHIR API.
//! Patients see their own compartment (and shared, non-patient resources such as
//! organisations); doctors see only what live consents open (`crate::consent::grants`: the
//! patient, the kinds of records and their dates), through every read path; health workers see
//! the records of the people of the villages assigned to them (the same people their phone
//! syncs); admins see everything; other roles have no FHIR access.

use super::defs;
use super::index::Patients;
use super::outcome::{FhirError, FhirResult};
use crate::consent::grants::Grant;
use crate::http::Caller;
use crate::state::AppState;
use mysehat_domain::Role;
use mysehat_storage::fhir::{Cond, FhirCurrent};
use std::sync::Arc;

/// What a caller may reach.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    All,
    /// Only this patient's compartment (the patient's FHIR `Patient` id is their account id).
    Patient(String),
    /// Only what these live consents open.
    Consented(Arc<Vec<Grant>>),
    /// A health worker's area: the records of the members registered in her villages, and
    /// the field records of those villages (households, their positions).
    Area(Arc<Area>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// Patient ids, sorted.
    pub people: Vec<String>,
    pub villages: Vec<String>,
}

/// The caller's scope now: a doctor's live consents are read on every request, so a grant,
/// an expiry or a revocation takes effect on the next one.
pub async fn scope(state: &AppState, caller: Caller) -> FhirResult<Scope> {
    match caller.role {
        Role::Admin => Ok(Scope::All),
        Role::HealthWorker => {
            let villages = state.store.hw_villages(caller.user_id).await?;
            let scopes: Vec<String> = villages
                .iter()
                .map(|v| mysehat_sync::Scope::Village(v.clone()).to_string())
                .collect();
            let mut people: Vec<String> = state
                .store
                .sync_live(&scopes, Some("Patient"))
                .await?
                .into_iter()
                .map(|(_, id, _)| id)
                .collect();
            people.sort();
            people.dedup();
            Ok(Scope::Area(Arc::new(Area { people, villages })))
        }
        Role::Doctor => {
            let me = caller.user_id.to_string();
            let grants =
                crate::consent::grants::live_for(state.store.as_ref(), &me, crate::time::now_ms())
                    .await?;
            Ok(Scope::Consented(Arc::new(grants)))
        }
        Role::Patient => Ok(Scope::Patient(caller.user_id.to_string())),
        Role::Dispatcher | Role::AmbulanceCrew | Role::Moderator | Role::Supervisor => {
            Err(FhirError::forbidden(
                "your role has no access to clinical records through the FHIR API",
            ))
        }
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
            // Coarse (patient only); [`can_read_stored`](Self::can_read_stored) checks the kind
            // and the dates on the record itself.
            Scope::Consented(grants) => match owner {
                Some(p) => grants.iter().any(|g| g.patient == p),
                None => !defs::is_patient_data(ty),
            },
            Scope::Area(area) => match owner {
                Some(p) => area.people.binary_search_by(|x| x.as_str().cmp(p)).is_ok(),
                None => !defs::is_patient_data(ty),
            },
        }
    }

    /// May the caller read this stored resource? For a consent this is exact: the patient,
    /// the kind of record (Observation categories included) and its clinical date.
    pub fn can_read_stored(&self, r: &FhirCurrent) -> bool {
        if r.patient.is_none() && r.body.contains(mysehat_sync::VILLAGE_TAG) {
            // A field record of no one patient (a household, its position) is its village's.
            return self.reaches_village_record(&r.body);
        }
        match self {
            Scope::Consented(grants) => match r.patient.as_deref() {
                Some(_) => grants.iter().any(|g| g.opens(r)),
                None => !defs::is_patient_data(&r.resource_type),
            },
            _ => self.can_read(&r.resource_type, r.patient.as_deref()),
        }
    }

    fn reaches_village_record(&self, body: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Area(area) => serde_json::from_str::<serde_json::Value>(body).is_ok_and(|b| {
                mysehat_sync::tag_value(&b, mysehat_sync::VILLAGE_TAG)
                    .iter()
                    .any(|v| area.villages.iter().any(|mine| mine == v))
            }),
            _ => false,
        }
    }

    pub fn check_stored(&self, r: &FhirCurrent) -> FhirResult<()> {
        if self.can_read_stored(r) {
            Ok(())
        } else {
            Err(self.refusal().about(r.patient.as_deref()))
        }
    }

    fn refusal(&self) -> FhirError {
        match self {
            Scope::Consented(_) => FhirError::forbidden(
                "no live consent of this patient covers this record; ask the patient at /api/v1/consent",
            ),
            Scope::Area(_) => {
                FhirError::forbidden("this person is not registered in a village assigned to you")
            }
            _ => FhirError::forbidden("this record belongs to another patient"),
        }
    }

    /// For the audit trail: the consent (and whether the glass was broken) that let the caller
    /// read `patient`'s records, as `consent:<id>` or `BTG:<id>`.
    pub fn purpose_for(&self, patient: &str) -> Option<String> {
        let Scope::Consented(grants) = self else {
            return None;
        };
        let g = grants.iter().find(|g| g.patient == patient)?;
        let kind = if g.break_glass { "BTG" } else { "consent" };
        Some(format!("{kind}:{}", g.consent_id))
    }

    /// The search filter a consent imposes (an OR of what each grant opens), if any.
    pub fn filter(&self) -> Option<Vec<Cond>> {
        match self {
            Scope::Consented(grants) => Some(crate::consent::grants::filter(grants)),
            Scope::Area(area) => Some(vec![Cond::Patients(area.people.clone())]),
            _ => None,
        }
    }

    /// Reads limited to some patients' records: no chains or `_has` across records, no
    /// history of versions.
    pub fn is_limited(&self) -> bool {
        matches!(self, Scope::Consented(_) | Scope::Area(_))
    }

    pub fn check_read(&self, ty: &str, owner: Option<&str>) -> FhirResult<()> {
        if self.can_read(ty, owner) {
            Ok(())
        } else {
            Err(self.refusal().about(owner))
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
            Scope::Consented(grants) => {
                let granted = |p: &String| grants.iter().any(|g| &g.patient == p);
                if patients.all.iter().all(granted) {
                    Ok(())
                } else {
                    Err(self.refusal())
                }
            }
            Scope::Area(_) => {
                if patients
                    .all
                    .iter()
                    .all(|p| self.can_read("Patient", Some(p)))
                {
                    Ok(())
                } else {
                    Err(self.refusal())
                }
            }
        }
    }

    /// May the caller change or delete what is stored now, whose owner is `owner`?
    pub fn check_existing(&self, owner: Option<&str>) -> FhirResult<()> {
        match self {
            Scope::All => Ok(()),
            Scope::Patient(me) if owner == Some(me.as_str()) => Ok(()),
            Scope::Patient(_) => Err(FhirError::forbidden("this record belongs to someone else")),
            Scope::Consented(grants) => match owner {
                Some(p) if !grants.iter().any(|g| g.patient == p) => Err(self.refusal()),
                _ => Ok(()),
            },
            Scope::Area(_) => match owner {
                Some(p) if !self.can_read("Patient", Some(p)) => Err(self.refusal()),
                _ => Ok(()),
            },
        }
    }

    /// The compartment a search must stay in, if any.
    pub fn patient(&self) -> Option<&str> {
        match self {
            Scope::All | Scope::Consented(_) | Scope::Area(_) => None,
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
        let s = Scope::Patient(mine.clone());
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
        assert!(Scope::All.check_existing(Some("anyone")).is_ok());
        let doctor = Scope::Consented(Arc::new(vec![]));
        assert!(doctor.check_existing(Some("anyone")).is_err());
        assert!(!doctor.can_read("Observation", Some("anyone")));
        assert!(doctor.can_read("Organization", None));
    }
}
