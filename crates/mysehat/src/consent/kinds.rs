//! What a consent covers: ABDM's health-information types mapped to FHIR resource types, and
//! for each type the search parameter that carries its clinical date (what a consent's date
//! range is about). Observations split by category: lab results belong to diagnostic reports,
//! vitals and wellness readings to wellness records.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// ABDM's health-information types.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
pub enum HiType {
    OPConsultation,
    Prescription,
    DischargeSummary,
    DiagnosticReport,
    ImmunizationRecord,
    HealthDocumentRecord,
    WellnessRecord,
}

impl HiType {
    pub const ALL: [HiType; 7] = [
        Self::OPConsultation,
        Self::Prescription,
        Self::DischargeSummary,
        Self::DiagnosticReport,
        Self::ImmunizationRecord,
        Self::HealthDocumentRecord,
        Self::WellnessRecord,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::OPConsultation => "OPConsultation",
            Self::Prescription => "Prescription",
            Self::DischargeSummary => "DischargeSummary",
            Self::DiagnosticReport => "DiagnosticReport",
            Self::ImmunizationRecord => "ImmunizationRecord",
            Self::HealthDocumentRecord => "HealthDocumentRecord",
            Self::WellnessRecord => "WellnessRecord",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The FHIR types this kind covers (Observation is narrowed by [`observation_categories`]).
    pub fn resource_types(self) -> &'static [&'static str] {
        match self {
            Self::OPConsultation => &[
                "Encounter",
                "Condition",
                "AllergyIntolerance",
                "Procedure",
                "ServiceRequest",
                "ClinicalImpression",
                "CarePlan",
            ],
            Self::Prescription => &[
                "MedicationRequest",
                "MedicationStatement",
                "MedicationDispense",
            ],
            Self::DischargeSummary => &["Composition", "EpisodeOfCare", "CarePlan", "Procedure"],
            Self::DiagnosticReport => &[
                "DiagnosticReport",
                "Observation",
                "ImagingStudy",
                "Specimen",
            ],
            Self::ImmunizationRecord => &["Immunization", "ImmunizationRecommendation"],
            Self::HealthDocumentRecord => &["DocumentReference", "Media"],
            Self::WellnessRecord => &["Observation", "QuestionnaireResponse"],
        }
    }

    /// Which Observation categories (HL7 observation-category codes) this kind covers.
    pub fn observation_categories(self) -> &'static [&'static str] {
        match self {
            Self::DiagnosticReport => &["laboratory", "imaging", "procedure"],
            Self::WellnessRecord => &[
                "vital-signs",
                "survey",
                "social-history",
                "activity",
                "exam",
            ],
            _ => &[],
        }
    }
}

/// The HL7 code system of Observation categories.
pub const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";

/// The date search parameter that says when a record of `ty` happened.
pub fn clinical_date_param(ty: &str) -> Option<&'static str> {
    Some(match ty {
        "Encounter"
        | "Observation"
        | "DiagnosticReport"
        | "Procedure"
        | "Immunization"
        | "ImmunizationRecommendation"
        | "Composition"
        | "DocumentReference"
        | "CarePlan"
        | "ClinicalImpression"
        | "AllergyIntolerance" => "date",
        "Condition" => "recorded-date",
        "MedicationRequest" => "authoredon",
        "MedicationStatement" => "effective",
        "MedicationDispense" => "whenhandedover",
        "ServiceRequest" => "authored",
        "QuestionnaireResponse" => "authored",
        "EpisodeOfCare" => "date",
        "ImagingStudy" => "started",
        "Specimen" => "collected",
        "Media" => "created",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_covered_type_has_a_real_date_parameter() {
        for kind in HiType::ALL {
            for ty in kind.resource_types() {
                let param = clinical_date_param(ty)
                    .unwrap_or_else(|| panic!("{ty} has no clinical date parameter"));
                let def = mysehat_fhir::search::param(ty, param)
                    .unwrap_or_else(|| panic!("{ty} has no search parameter {param}"));
                assert_eq!(
                    def.kind,
                    mysehat_fhir::search::ParamKind::Date,
                    "{ty}.{param}"
                );
            }
        }
    }

    #[test]
    fn kinds_parse_from_their_abdm_names() {
        for kind in HiType::ALL {
            assert_eq!(HiType::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(HiType::parse("Everything"), None);
    }
}
