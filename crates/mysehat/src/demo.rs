//! Demo accounts for `mysehat serve --demo` (what `make run` starts): one per role, all with
//! the password in the README. Never use `--demo` on a real deployment.

use crate::auth::create_account;
use crate::auth::users::AccountForm;
use mysehat_domain::audit::{AuditDraft, Outcome};
use mysehat_domain::{PhoneNumber, Role};
use mysehat_storage::Store;

pub const DEMO_PASSWORD: &str = "mysehat-demo";

/// Role, phone, name, facility, area.
type DemoAccount = (
    Role,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

const ACCOUNTS: [DemoAccount; 9] = [
    (Role::Admin, "+919000000001", "Demo Admin", None, None),
    (
        Role::Doctor,
        "+919000000002",
        "Dr. Meera Rao",
        Some("demo-district-hospital"),
        None,
    ),
    (
        Role::HealthWorker,
        "+919000000003",
        "Sunita (ASHA)",
        None,
        Some(DEMO_AREA),
    ),
    (
        Role::Dispatcher,
        "+919000000004",
        "Emergency Desk",
        Some("demo-district-hospital"),
        None,
    ),
    (
        Role::AmbulanceCrew,
        "+919000000005",
        "Ambulance 108-1",
        Some("demo-ambulance-base"),
        None,
    ),
    (
        Role::Moderator,
        "+919000000006",
        "Peer Group Moderator",
        None,
        None,
    ),
    (Role::Patient, "+919000000007", "Ramesh Kumar", None, None),
    (
        Role::Supervisor,
        "+919000000008",
        "Kavita (ANM supervisor)",
        None,
        Some(DEMO_AREA),
    ),
    (
        Role::HealthWorker,
        "+919000000009",
        "Kamla (ASHA)",
        None,
        Some(DEMO_AREA),
    ),
];

/// The demo sub-centre area and its villages (FHIR `Location`s); which health worker
/// (by phone) works in which.
const DEMO_AREA: &str = "demo-area-rampur";
const DEMO_VILLAGES: [(&str, &str, &str); 3] = [
    ("demo-village-rampur", "Rampur", "+919000000003"),
    ("demo-village-sonpur", "Sonpur", "+919000000003"),
    ("demo-village-khajuri", "Khajuri", "+919000000009"),
];

/// The area and village `Location`s, and each village assigned to its health worker.
async fn seed_villages(store: &dyn Store) -> anyhow::Result<()> {
    if store.fhir_read("Location", DEMO_AREA).await?.is_some() {
        return Ok(());
    }
    let mut locations = vec![serde_json::json!({
        "resourceType": "Location", "id": DEMO_AREA, "status": "active",
        "name": "Rampur sub-centre area", "physicalType": {"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/location-physical-type", "code": "area"}]},
    })];
    for (id, name, _) in DEMO_VILLAGES {
        locations.push(serde_json::json!({
            "resourceType": "Location", "id": id, "status": "active", "name": name,
            "physicalType": {"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/location-physical-type", "code": "area"}]},
            "partOf": {"reference": format!("Location/{DEMO_AREA}")},
        }));
    }
    crate::fhir::seed::put_all(store, locations, "demo").await?;
    for phone in ["+919000000003", "+919000000009"] {
        let Some(worker) = store.user_by_phone(&PhoneNumber::parse(phone)?).await? else {
            continue;
        };
        let villages: Vec<String> = DEMO_VILLAGES
            .iter()
            .filter(|(_, _, p)| *p == phone)
            .map(|(id, _, _)| id.to_string())
            .collect();
        let mut audit = AuditDraft::new("hw.villages.assign", Outcome::Success);
        audit.target = Some(format!("user/{}", worker.id));
        audit.purpose = Some("demo".into());
        store
            .hw_set_villages(worker.id, &villages, crate::time::now_ms(), audit)
            .await?;
    }
    Ok(())
}

/// The demo patient's record: a profile, blood pressure, glucose, haemoglobin, a condition and
/// an allergy, so the record screens and the FHIR API have something to show.
fn demo_record(patient: &str) -> Vec<serde_json::Value> {
    let subject = serde_json::json!({"reference": format!("Patient/{patient}")});
    let quantity = |code: &str, display: &str, value: f64, unit: &str, when: &str| {
        serde_json::json!({
            "resourceType": "Observation", "id": format!("demo-{code}"), "status": "final",
            "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs"}]}],
            "code": {"coding": [{"system": "http://loinc.org", "code": code, "display": display}], "text": display},
            "subject": subject, "effectiveDateTime": when,
            "valueQuantity": {"value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit},
        })
    };
    vec![
        serde_json::json!({
            "resourceType": "Patient", "id": patient, "active": true,
            "name": [{"text": "Ramesh Kumar", "family": "Kumar", "given": ["Ramesh"]}],
            "gender": "male", "birthDate": "1968-03-12",
            "telecom": [{"system": "phone", "value": "+919000000007", "use": "mobile"}],
            "address": [{"district": "Rampur", "state": "Uttar Pradesh", "country": "IN"}],
        }),
        serde_json::json!({
            "resourceType": "Observation", "id": "demo-bp", "status": "final",
            "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs"}]}],
            "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9", "display": "Blood pressure panel"}]},
            "subject": subject, "effectiveDateTime": "2026-11-20T09:30:00+05:30",
            "component": [
                {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6", "display": "Systolic blood pressure"}]},
                 "valueQuantity": {"value": 148, "unit": "mm[Hg]", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}},
                {"code": {"coding": [{"system": "http://loinc.org", "code": "8462-4", "display": "Diastolic blood pressure"}]},
                 "valueQuantity": {"value": 94, "unit": "mm[Hg]", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}},
            ],
        }),
        quantity(
            "2339-0",
            "Glucose [Mass/volume] in Blood",
            162.0,
            "mg/dL",
            "2026-11-20T09:35:00+05:30",
        ),
        quantity(
            "718-7",
            "Hemoglobin [Mass/volume] in Blood",
            12.1,
            "g/dL",
            "2026-10-02T11:00:00+05:30",
        ),
        serde_json::json!({
            "resourceType": "Condition", "id": "demo-hypertension",
            "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
            "code": {"coding": [{"system": "http://snomed.info/sct", "code": "38341003", "display": "Hypertensive disorder"}], "text": "High blood pressure"},
            "subject": subject, "onsetDateTime": "2019-06-01",
        }),
        serde_json::json!({
            "resourceType": "AllergyIntolerance", "id": "demo-penicillin",
            "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "code": "active"}]},
            "code": {"coding": [{"system": "http://snomed.info/sct", "code": "764146007", "display": "Penicillin"}], "text": "Penicillin"},
            "patient": subject, "criticality": "high",
        }),
    ]
}

/// Loads the synthetic demo facility registry when the registry is empty.
pub async fn seed_registry(store: &dyn Store) -> anyhow::Result<usize> {
    if !store.facilities().await?.is_empty() {
        return Ok(0);
    }
    let now = crate::time::now_ms();
    let (facilities, rejected) =
        crate::sos::import::parse_csv(crate::sos::import::DEMO_REGISTRY, now)
            .map_err(|e| anyhow::anyhow!("demo registry: {e}"))?;
    anyhow::ensure!(
        rejected.is_empty(),
        "demo registry rows rejected: {rejected:?}"
    );
    for f in &facilities {
        let mut audit = AuditDraft::new("facility.put", Outcome::Success);
        audit.target = Some(format!("facility/{}", f.id));
        audit.purpose = Some("demo".into());
        store.put_facility(f, audit).await?;
    }
    Ok(facilities.len())
}

/// Creates any demo account that does not exist yet, and the demo patient's record.
pub async fn seed(store: &dyn Store) -> anyhow::Result<usize> {
    let mut created = 0;
    for (role, phone, name, facility, area) in ACCOUNTS {
        if store
            .user_by_phone(&PhoneNumber::parse(phone)?)
            .await?
            .is_some()
        {
            continue;
        }
        let form = AccountForm {
            name: name.into(),
            phone: phone.into(),
            password: DEMO_PASSWORD.into(),
            language: None,
            role,
            facility_id: facility.map(Into::into),
            area: area.map(Into::into),
        };
        create_account(store, form, |id| {
            let mut audit = AuditDraft::new("users.create", Outcome::Success);
            audit.target = Some(format!("user/{id}"));
            audit.purpose = Some("demo".into());
            audit
        })
        .await
        .map_err(|e| anyhow::anyhow!("demo account {phone}: {}", e.message))?;
        created += 1;
    }
    let patient_phone = PhoneNumber::parse("+919000000007")?;
    if let Some(patient) = store.user_by_phone(&patient_phone).await? {
        let id = patient.id.to_string();
        if store.fhir_read("Patient", &id).await?.is_none() {
            crate::fhir::seed::put_all(store, demo_record(&id), "demo").await?;
        }
    }
    seed_villages(store).await?;
    Ok(created)
}
