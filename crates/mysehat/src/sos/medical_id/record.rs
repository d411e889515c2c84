//! The emergency medical ID as FHIR resources of the patient, and back. Blood group is an
//! `Observation` (LOINC 882-1 with the SNOMED CT ABO/Rh concept), allergies, conditions and
//! medicines are `AllergyIntolerance`, `Condition` and `MedicationStatement` resources with
//! ids derived from the patient's (so an edit replaces them), emergency contacts are
//! `Patient.contact`, and organ donation and the preferred hospital are `Patient` extensions.
//! Everything the patient enters is tagged patient-reported.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

/// How many allergies, conditions or medicines the card holds.
pub const MAX_ITEMS: usize = 20;
pub const MAX_CONTACTS: usize = 5;
const ORGAN_DONOR: &str = "https://mysehat.in/fhir/StructureDefinition/organ-donor";
const PREFERRED_HOSPITAL: &str = "https://mysehat.in/fhir/StructureDefinition/preferred-hospital";
const PATIENT_REPORTED: &str = "https://mysehat.in/fhir/CodeSystem/provenance";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum BloodGroup {
    #[serde(rename = "A+")]
    APos,
    #[serde(rename = "A-")]
    ANeg,
    #[serde(rename = "B+")]
    BPos,
    #[serde(rename = "B-")]
    BNeg,
    #[serde(rename = "AB+")]
    AbPos,
    #[serde(rename = "AB-")]
    AbNeg,
    #[serde(rename = "O+")]
    OPos,
    #[serde(rename = "O-")]
    ONeg,
}

impl BloodGroup {
    const ALL: [BloodGroup; 8] = [
        Self::APos,
        Self::ANeg,
        Self::BPos,
        Self::BNeg,
        Self::AbPos,
        Self::AbNeg,
        Self::OPos,
        Self::ONeg,
    ];

    /// The label and the SNOMED CT concept ("Blood group A Rh(D) positive", …).
    fn coding(self) -> (&'static str, &'static str) {
        match self {
            Self::APos => ("A+", "278149003"),
            Self::ANeg => ("A-", "278152006"),
            Self::BPos => ("B+", "278150003"),
            Self::BNeg => ("B-", "278153001"),
            Self::AbPos => ("AB+", "278151004"),
            Self::AbNeg => ("AB-", "278154007"),
            Self::OPos => ("O+", "278147001"),
            Self::ONeg => ("O-", "278148006"),
        }
    }

    fn from_snomed(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.coding().1 == code)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmergencyContact {
    pub name: String,
    /// How they are related, in the patient's words ("wife", "बेटा").
    pub relation: String,
    pub phone: String,
}

/// What a paramedic needs to know at a glance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MedicalId {
    pub blood_group: Option<BloodGroup>,
    #[serde(default)]
    pub allergies: Vec<String>,
    #[serde(default)]
    pub conditions: Vec<String>,
    /// Medicines taken now.
    #[serde(default)]
    pub medicines: Vec<String>,
    #[serde(default)]
    pub contacts: Vec<EmergencyContact>,
    pub organ_donor: Option<bool>,
    /// A facility id from the registry or a hospital's name.
    pub preferred_hospital: Option<String>,
}

/// A field that does not fit, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    pub field: String,
    pub message: String,
}

impl MedicalId {
    /// Trims every text, drops empty items and checks the limits.
    pub fn cleaned(mut self) -> Result<Self, Invalid> {
        let bad = |field: String, message: &str| Invalid {
            field,
            message: message.to_owned(),
        };
        for (name, list) in [
            ("allergies", &mut self.allergies),
            ("conditions", &mut self.conditions),
            ("medicines", &mut self.medicines),
        ] {
            *list = list
                .iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect();
            if list.len() > MAX_ITEMS {
                return Err(bad(name.into(), "at most 20 entries"));
            }
            if list.iter().any(|s| s.chars().count() > 200) {
                return Err(bad(name.into(), "each entry at most 200 characters"));
            }
        }
        if self.contacts.len() > MAX_CONTACTS {
            return Err(bad("contacts".into(), "at most 5 emergency contacts"));
        }
        for (i, c) in self.contacts.iter_mut().enumerate() {
            c.name = c.name.trim().to_owned();
            c.relation = c.relation.trim().to_owned();
            if c.name.is_empty() || c.name.chars().count() > 100 {
                return Err(bad(format!("contacts[{i}].name"), "1 to 100 characters"));
            }
            if c.relation.chars().count() > 50 {
                return Err(bad(
                    format!("contacts[{i}].relation"),
                    "at most 50 characters",
                ));
            }
            let phone = mysehat_domain::PhoneNumber::parse(&c.phone)
                .map_err(|_| bad(format!("contacts[{i}].phone"), "not an Indian phone number"))?;
            c.phone = phone.as_str().to_owned();
        }
        self.preferred_hospital = self
            .preferred_hospital
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty());
        if self
            .preferred_hospital
            .as_ref()
            .is_some_and(|h| h.chars().count() > 200)
        {
            return Err(bad("preferred_hospital".into(), "at most 200 characters"));
        }
        Ok(self)
    }
}

/// The ids of the resources that hold one patient's medical ID.
pub fn keys(patient: &str) -> Vec<(String, String)> {
    let mut keys = vec![
        ("Patient".to_owned(), patient.to_owned()),
        ("Observation".to_owned(), blood_group_id(patient)),
    ];
    for (ty, tag) in LISTS {
        for n in 0..MAX_ITEMS {
            keys.push((ty.to_owned(), item_id(patient, tag, n)));
        }
    }
    keys
}

const LISTS: [(&str, char); 3] = [
    ("AllergyIntolerance", 'a'),
    ("Condition", 'c'),
    ("MedicationStatement", 'm'),
];

fn blood_group_id(patient: &str) -> String {
    format!("{patient}-blood-group")
}

fn item_id(patient: &str, tag: char, n: usize) -> String {
    format!("{patient}-mid-{tag}{n}")
}

fn patient_reported() -> Value {
    json!({"tag": [{"system": PATIENT_REPORTED, "code": "patient-reported"}]})
}

/// The resources to store for `id` (the patient's current `Patient`, if any, is kept and only
/// its contacts and our extensions replaced), and the ids of list items to delete because the
/// new lists are shorter than `stored`.
pub fn to_fhir(
    patient: &str,
    account: (&str, &str),
    existing_patient: Option<Value>,
    id: &MedicalId,
    stored: &[(String, String)],
) -> (Vec<Value>, Vec<(String, String)>) {
    let reference = json!({"reference": format!("Patient/{patient}")});
    let mut p = existing_patient.unwrap_or_else(|| {
        json!({
            "resourceType": "Patient", "id": patient,
            "name": [{"text": account.0}],
            "telecom": [{"system": "phone", "value": account.1, "use": "mobile"}],
        })
    });
    if let Some(obj) = p.as_object_mut() {
        obj.remove("meta");
        obj.remove("contact");
        if !id.contacts.is_empty() {
            let contacts: Vec<Value> = id
                .contacts
                .iter()
                .map(|c| {
                    json!({
                        "relationship": [{
                            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0131", "code": "C"}],
                            "text": c.relation,
                        }],
                        "name": {"text": c.name},
                        "telecom": [{"system": "phone", "value": c.phone}],
                    })
                })
                .collect();
            obj.insert("contact".into(), Value::Array(contacts));
        }
        let mut extensions: Vec<Value> = obj
            .get("extension")
            .and_then(Value::as_array)
            .map(|e| {
                e.iter()
                    .filter(|x| {
                        !matches!(x["url"].as_str(), Some(ORGAN_DONOR | PREFERRED_HOSPITAL))
                    })
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        if let Some(donor) = id.organ_donor {
            extensions.push(json!({"url": ORGAN_DONOR, "valueBoolean": donor}));
        }
        if let Some(h) = &id.preferred_hospital {
            extensions.push(json!({"url": PREFERRED_HOSPITAL, "valueString": h}));
        }
        obj.remove("extension");
        if !extensions.is_empty() {
            obj.insert("extension".into(), Value::Array(extensions));
        }
    }
    let mut puts = vec![p];
    let mut deletes = Vec::new();
    match id.blood_group {
        Some(g) => {
            let (label, snomed) = g.coding();
            puts.push(json!({
                "resourceType": "Observation", "id": blood_group_id(patient),
                "meta": patient_reported(), "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": "882-1", "display": "ABO and Rh group [Type] in Blood"}], "text": "Blood group"},
                "subject": reference,
                "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": snomed}], "text": label},
            }));
        }
        None => deletes.push(("Observation".to_owned(), blood_group_id(patient))),
    }
    let lists = [&id.allergies, &id.conditions, &id.medicines];
    for ((ty, tag), items) in LISTS.into_iter().zip(lists) {
        for (n, text) in items.iter().enumerate() {
            let rid = item_id(patient, tag, n);
            puts.push(match ty {
                "AllergyIntolerance" => json!({
                    "resourceType": ty, "id": rid, "meta": patient_reported(),
                    "code": {"text": text}, "patient": reference,
                }),
                "Condition" => json!({
                    "resourceType": ty, "id": rid, "meta": patient_reported(),
                    "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
                    "code": {"text": text}, "subject": reference,
                }),
                _ => json!({
                    "resourceType": ty, "id": rid, "meta": patient_reported(), "status": "active",
                    "medicationCodeableConcept": {"text": text}, "subject": reference,
                }),
            });
        }
        for n in items.len()..MAX_ITEMS {
            deletes.push((ty.to_owned(), item_id(patient, tag, n)));
        }
    }
    deletes.retain(|k| stored.contains(k));
    (puts, deletes)
}

/// Reads the medical ID back from the stored resources (any order; unknown ones ignored).
pub fn from_fhir(patient: &str, resources: &[Value]) -> MedicalId {
    let mut id = MedicalId::default();
    let find = |ty: &str, rid: &str| {
        resources
            .iter()
            .find(|r| r["resourceType"] == ty && r["id"] == rid)
    };
    if let Some(obs) = find("Observation", &blood_group_id(patient)) {
        id.blood_group = obs["valueCodeableConcept"]["coding"][0]["code"]
            .as_str()
            .and_then(BloodGroup::from_snomed);
    }
    for (ty, tag) in LISTS {
        let list = match tag {
            'a' => &mut id.allergies,
            'c' => &mut id.conditions,
            _ => &mut id.medicines,
        };
        for n in 0..MAX_ITEMS {
            let Some(r) = find(ty, &item_id(patient, tag, n)) else {
                break;
            };
            let text = if ty == "MedicationStatement" {
                &r["medicationCodeableConcept"]["text"]
            } else {
                &r["code"]["text"]
            };
            list.extend(text.as_str().map(str::to_owned));
        }
    }
    if let Some(p) = find("Patient", patient) {
        id.contacts = p["contact"]
            .as_array()
            .map(|cs| {
                cs.iter()
                    .filter_map(|c| {
                        Some(EmergencyContact {
                            name: c["name"]["text"].as_str()?.to_owned(),
                            relation: c["relationship"][0]["text"]
                                .as_str()
                                .unwrap_or("")
                                .to_owned(),
                            phone: c["telecom"][0]["value"].as_str()?.to_owned(),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        for x in p["extension"].as_array().into_iter().flatten() {
            match x["url"].as_str() {
                Some(ORGAN_DONOR) => id.organ_donor = x["valueBoolean"].as_bool(),
                Some(PREFERRED_HOSPITAL) => {
                    id.preferred_hospital = x["valueString"].as_str().map(str::to_owned);
                }
                _ => {}
            }
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> MedicalId {
        MedicalId {
            blood_group: Some(BloodGroup::BPos),
            allergies: vec!["Penicillin".into()],
            conditions: vec!["Type 2 diabetes".into(), "उच्च रक्तचाप".into()],
            medicines: vec!["Metformin 500 mg twice a day".into()],
            contacts: vec![EmergencyContact {
                name: "Sita Devi".into(),
                relation: "wife".into(),
                phone: "+919812345678".into(),
            }],
            organ_donor: Some(true),
            preferred_hospital: Some("demo-district-hospital".into()),
        }
    }

    #[test]
    fn a_medical_id_survives_the_round_trip_through_fhir() {
        let (puts, deletes) = to_fhir("p1", ("Ravi", "+919800000000"), None, &sample(), &[]);
        assert!(deletes.is_empty());
        assert_eq!(from_fhir("p1", &puts), sample());
    }

    #[test]
    fn shorter_lists_delete_the_stored_items_they_no_longer_hold() {
        let stored = vec![
            ("Condition".to_owned(), "p1-mid-c0".to_owned()),
            ("Condition".to_owned(), "p1-mid-c1".to_owned()),
            ("Observation".to_owned(), "p1-blood-group".to_owned()),
        ];
        let mut fewer = sample();
        fewer.conditions.truncate(1);
        fewer.blood_group = None;
        let (_, deletes) = to_fhir("p1", ("Ravi", "+919800000000"), None, &fewer, &stored);
        assert_eq!(deletes, vec![stored[2].clone(), stored[1].clone()]);
    }

    #[test]
    fn an_existing_patient_keeps_its_other_fields() {
        let existing = json!({"resourceType": "Patient", "id": "p1", "gender": "male",
            "extension": [{"url": "http://example.org/other", "valueString": "kept"}]});
        let (puts, _) = to_fhir("p1", ("Ravi", "+91"), Some(existing), &sample(), &[]);
        assert_eq!(puts[0]["gender"], "male");
        assert_eq!(puts[0]["extension"].as_array().map(Vec::len), Some(3));
    }

    #[test]
    fn limits_and_phone_numbers_are_checked_naming_the_field() {
        let too_many = MedicalId {
            allergies: vec!["x".into(); 21],
            ..MedicalId::default()
        };
        assert_eq!(
            too_many.cleaned().map_err(|e| e.field),
            Err("allergies".into())
        );
        let mut bad_phone = sample();
        bad_phone.contacts[0].phone = "12".into();
        assert_eq!(
            bad_phone.cleaned().map_err(|e| e.field),
            Err("contacts[0].phone".into())
        );
        let mut blanks = sample();
        blanks.medicines = vec!["  ".into(), " Aspirin ".into()];
        assert_eq!(
            blanks.cleaned().map(|m| m.medicines),
            Ok(vec!["Aspirin".to_owned()])
        );
    }
}
