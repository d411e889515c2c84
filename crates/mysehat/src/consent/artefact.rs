//! A consent as a FHIR `Consent` resource and back. The fields follow ABDM's consent artefact:
//! purpose, health-information types, the date range of the records, expiry and access mode;
//! the status is the FHIR one (`proposed`, `active`, `rejected`, `inactive`), read as ABDM's
//! `REQUESTED`, `GRANTED` (or `EXPIRED` once past its expiry), `DENIED`, `REVOKED`.

use super::kinds::HiType;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

const PURPOSE: &str = "https://mysehat.in/fhir/CodeSystem/consent-purpose";
const HI_TYPE: &str = "https://mysehat.in/fhir/CodeSystem/hi-type";
const BTG_REASON: &str = "https://mysehat.in/fhir/StructureDefinition/break-glass-reason";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum Purpose {
    /// Care management.
    Caremgt,
    /// Break the glass: an emergency, without the patient's consent.
    Btg,
    /// Public health.
    Pubhlth,
    /// Insurance or payment.
    Hpaymt,
    /// Research.
    Dsrch,
    /// The patient asked.
    Patrqt,
}

impl Purpose {
    pub fn code(self) -> &'static str {
        match self {
            Self::Caremgt => "CAREMGT",
            Self::Btg => "BTG",
            Self::Pubhlth => "PUBHLTH",
            Self::Hpaymt => "HPAYMT",
            Self::Dsrch => "DSRCH",
            Self::Patrqt => "PATRQT",
        }
    }

    fn parse(code: &str) -> Option<Self> {
        [
            Self::Caremgt,
            Self::Btg,
            Self::Pubhlth,
            Self::Hpaymt,
            Self::Dsrch,
            Self::Patrqt,
        ]
        .into_iter()
        .find(|p| p.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum AccessMode {
    View,
    Store,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "UPPERCASE")]
#[schema(as = ConsentStatus)]
pub enum Status {
    Requested,
    Granted,
    Denied,
    Expired,
    Revoked,
}

/// One consent, as stored and shown.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Artefact {
    pub id: String,
    pub status: Status,
    pub purpose: Purpose,
    pub hi_types: Vec<HiType>,
    /// The records covered: clinical dates from and to (UTC milliseconds).
    pub date_from_ms: i64,
    pub date_to_ms: i64,
    /// When access ends.
    pub expires_at_ms: i64,
    pub access_mode: AccessMode,
    /// The patient's account id.
    pub patient: String,
    /// The staff account that asked (or broke the glass).
    pub requester: String,
    pub created_at_ms: i64,
    /// Why the glass was broken (break-the-glass only).
    pub reason: Option<String>,
}

impl Artefact {
    /// Whether it lets its requester in at `now_ms`.
    pub fn is_live(&self, now_ms: i64) -> bool {
        self.status == Status::Granted && now_ms < self.expires_at_ms
    }

    /// The status as the patient sees it at `now_ms` (a granted consent past its expiry has
    /// expired).
    pub fn status_at(&self, now_ms: i64) -> Status {
        if self.status == Status::Granted && now_ms >= self.expires_at_ms {
            Status::Expired
        } else {
            self.status
        }
    }

    pub fn to_fhir(&self) -> Value {
        let fhir_status = match self.status {
            Status::Requested => "proposed",
            Status::Granted | Status::Expired => "active",
            Status::Denied => "rejected",
            Status::Revoked => "inactive",
        };
        let mut c = json!({
            "resourceType": "Consent",
            "id": self.id,
            "status": fhir_status,
            "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy"}]},
            "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
            "patient": {"reference": format!("Patient/{}", self.patient)},
            "dateTime": crate::time::rfc3339(self.created_at_ms),
            "policyRule": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "OPTIN"}]},
            "provision": {
                "type": "permit",
                "period": {"start": crate::time::rfc3339(self.created_at_ms), "end": crate::time::rfc3339(self.expires_at_ms)},
                "actor": [{
                    "role": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP"}]},
                    "reference": {"reference": format!("Practitioner/{}", self.requester)}
                }],
                "action": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentaction",
                    "code": match self.access_mode { AccessMode::View => "access", AccessMode::Store => "collect" }}]}],
                "purpose": [{"system": PURPOSE, "code": self.purpose.code()}],
                "dataPeriod": {"start": crate::time::rfc3339(self.date_from_ms), "end": crate::time::rfc3339(self.date_to_ms)},
                "code": self.hi_types.iter().map(|t| json!({"coding": [{"system": HI_TYPE, "code": t.as_str()}]})).collect::<Vec<_>>(),
            }
        });
        if let Some(reason) = &self.reason {
            c["extension"] = json!([{"url": BTG_REASON, "valueString": reason}]);
        }
        c
    }

    /// Reads back what [`to_fhir`](Self::to_fhir) wrote; `None` for a Consent this module did
    /// not write.
    pub fn from_fhir(c: &Value) -> Option<Self> {
        let ms = |v: &Value| {
            v.as_str()
                .and_then(|s| s.parse::<jiff::Timestamp>().ok())
                .map(|t| t.as_millisecond())
        };
        let p = &c["provision"];
        let status = match c["status"].as_str()? {
            "proposed" => Status::Requested,
            "active" => Status::Granted,
            "rejected" => Status::Denied,
            "inactive" => Status::Revoked,
            _ => return None,
        };
        let access_mode = match p["action"][0]["coding"][0]["code"].as_str() {
            Some("collect") => AccessMode::Store,
            _ => AccessMode::View,
        };
        Some(Self {
            id: c["id"].as_str()?.to_owned(),
            status,
            purpose: Purpose::parse(p["purpose"][0]["code"].as_str()?)?,
            hi_types: p["code"]
                .as_array()?
                .iter()
                .filter_map(|t| HiType::parse(t["coding"][0]["code"].as_str()?))
                .collect(),
            date_from_ms: ms(&p["dataPeriod"]["start"])?,
            date_to_ms: ms(&p["dataPeriod"]["end"])?,
            expires_at_ms: ms(&p["period"]["end"])?,
            access_mode,
            patient: c["patient"]["reference"]
                .as_str()?
                .strip_prefix("Patient/")?
                .to_owned(),
            requester: p["actor"][0]["reference"]["reference"]
                .as_str()?
                .strip_prefix("Practitioner/")?
                .to_owned(),
            created_at_ms: ms(&c["dateTime"])?,
            reason: c["extension"][0]["valueString"].as_str().map(str::to_owned),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_artefact_survives_the_round_trip_through_a_fhir_consent_and_validates() {
        let a = Artefact {
            id: "c1".into(),
            status: Status::Granted,
            purpose: Purpose::Caremgt,
            hi_types: vec![HiType::DiagnosticReport, HiType::Prescription],
            date_from_ms: 1_600_000_000_000,
            date_to_ms: 1_700_000_000_000,
            expires_at_ms: 1_800_000_000_000,
            access_mode: AccessMode::View,
            patient: "p1".into(),
            requester: "d1".into(),
            created_at_ms: 1_700_000_000_000,
            reason: None,
        };
        let fhir = a.to_fhir();
        assert!(crate::fhir::defs::validate(&fhir).is_ok());
        assert_eq!(Artefact::from_fhir(&fhir), Some(a.clone()));
        assert!(a.is_live(1_799_999_999_999));
        assert!(!a.is_live(1_800_000_000_000));
        assert_eq!(a.status_at(1_800_000_000_000), Status::Expired);
    }
}
