//! Consent enforced on every FHIR read path: for each consent state a doctor sees exactly what
//! the consent opens (the patient, the kinds of records, their dates), through search, counts,
//! reads, `_include`/`_revinclude` and `$everything`; chains, `_has` and history are refused;
//! revocation and expiry act on the next request; break the glass is flagged.

use crate::util::TestApp;
use axum::http::{Method, StatusCode};
use mysehat_domain::Role;
use serde_json::{Value, json};
use std::collections::BTreeSet;

const DAY: i64 = 24 * 3600 * 1000;
/// 2025-01-01 and 2025-12-31T23:59:59.999Z.
pub(crate) const Y2025_FROM: i64 = 1_735_689_600_000;
pub(crate) const Y2025_TO: i64 = 1_767_225_599_999;

pub(crate) struct World {
    pub(crate) app: TestApp,
    pub(crate) admin: String,
    pub(crate) doctor: String,
    pub(crate) patient: String,
    pub(crate) patient_id: String,
    pub(crate) patient_phone: String,
    pub(crate) other_id: String,
    pub(crate) other_phone: String,
    /// Record name → id.
    pub(crate) ids: std::collections::BTreeMap<&'static str, String>,
}

fn obs(pid: &str, category: &str, date: &str, code: &str) -> Value {
    json!({"resourceType": "Observation", "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": category}]}],
        "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
        "subject": {"reference": format!("Patient/{pid}")}, "effectiveDateTime": date,
        "valueQuantity": {"value": 7.1, "unit": "%"}})
}

async fn put(app: &TestApp, token: &str, path: &str, body: Value) -> Value {
    let method = if path.contains('/') {
        Method::PUT
    } else {
        Method::POST
    };
    let r = app
        .call(method, &format!("/fhir/{path}"), Some(token), Some(body))
        .await;
    assert!(r.status.is_success(), "{path}: {}", r.text());
    r.json()
}

pub(crate) async fn world() -> World {
    let app = TestApp::new().await;
    let (_, admin) = app.account(Role::Admin).await;
    let (_, doctor) = app.account(Role::Doctor).await;
    let (patient_phone, p) = app.register_patient("Kamla Bai").await;
    let patient = app.login(&patient_phone).await["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let (other_phone, q) = app.register_patient("Ravi Verma").await;
    let pid = p["id"].as_str().expect("id").to_owned();
    let qid = q["id"].as_str().expect("id").to_owned();
    let mut ids = std::collections::BTreeMap::new();
    for id in [&pid, &qid] {
        put(
            &app,
            &admin,
            &format!("Patient/{id}"),
            json!({"resourceType": "Patient", "id": id, "name": [{"text": "P"}]}),
        )
        .await;
    }
    let lab = put(
        &app,
        &admin,
        "Observation",
        obs(&pid, "laboratory", "2025-06-01", "4548-4"),
    )
    .await;
    ids.insert("lab2025", lab["id"].as_str().expect("id").to_owned());
    let old = put(
        &app,
        &admin,
        "Observation",
        obs(&pid, "laboratory", "2019-01-01", "4548-4"),
    )
    .await;
    ids.insert("lab2019", old["id"].as_str().expect("id").to_owned());
    let vital = put(
        &app,
        &admin,
        "Observation",
        obs(&pid, "vital-signs", "2025-06-01", "8867-4"),
    )
    .await;
    ids.insert("vital2025", vital["id"].as_str().expect("id").to_owned());
    let report = put(&app, &admin, "DiagnosticReport", json!({"resourceType": "DiagnosticReport", "status": "final",
        "code": {"text": "HbA1c"}, "subject": {"reference": format!("Patient/{pid}")}, "effectiveDateTime": "2025-06-01",
        "result": [{"reference": format!("Observation/{}", ids["lab2025"])}, {"reference": format!("Observation/{}", ids["vital2025"])}]})).await;
    ids.insert("report2025", report["id"].as_str().expect("id").to_owned());
    let condition = put(
        &app,
        &admin,
        "Condition",
        json!({"resourceType": "Condition", "code": {"text": "Diabetes"},
        "subject": {"reference": format!("Patient/{pid}")}, "recordedDate": "2025-05-01"}),
    )
    .await;
    ids.insert(
        "condition2025",
        condition["id"].as_str().expect("id").to_owned(),
    );
    let rx = put(&app, &admin, "MedicationRequest", json!({"resourceType": "MedicationRequest", "status": "active", "intent": "order",
        "medicationCodeableConcept": {"text": "Metformin"}, "subject": {"reference": format!("Patient/{pid}")}, "authoredOn": "2025-06-01"})).await;
    ids.insert("rx2025", rx["id"].as_str().expect("id").to_owned());
    let other = put(
        &app,
        &admin,
        "Observation",
        obs(&qid, "laboratory", "2025-06-01", "4548-4"),
    )
    .await;
    ids.insert("other_lab", other["id"].as_str().expect("id").to_owned());
    World {
        app,
        admin,
        doctor,
        patient,
        patient_id: pid,
        patient_phone,
        other_id: qid,
        other_phone,
        ids,
    }
}

impl World {
    async fn fhir(&self, path: &str) -> (StatusCode, Value) {
        let r = self
            .app
            .get(&format!("/fhir/{path}"), Some(&self.doctor))
            .await;
        (r.status, r.json())
    }

    /// The names of the records a doctor's search returns (and refuses with anything but 200).
    async fn names(&self, path: &str) -> BTreeSet<&'static str> {
        let (status, bundle) = self.fhir(path).await;
        assert_eq!(status, StatusCode::OK, "{path}: {bundle}");
        let mut out = BTreeSet::new();
        for e in bundle["entry"].as_array().into_iter().flatten() {
            let id = e["resource"]["id"].as_str().unwrap_or_default();
            if let Some((name, _)) = self.ids.iter().find(|(_, v)| v.as_str() == id) {
                out.insert(*name);
            } else if id == self.patient_id {
                out.insert("patient");
            } else if id == self.other_id {
                out.insert("other");
            }
        }
        out
    }

    async fn count(&self, path: &str) -> i64 {
        let (status, bundle) = self.fhir(&format!("{path}&_summary=count")).await;
        assert_eq!(status, StatusCode::OK, "{bundle}");
        bundle["total"].as_i64().expect("total")
    }

    async fn read(&self, name: &str) -> StatusCode {
        let id = &self.ids[name];
        let ty = if name.starts_with("report") {
            "DiagnosticReport"
        } else if name.starts_with("condition") {
            "Condition"
        } else if name.starts_with("rx") {
            "MedicationRequest"
        } else {
            "Observation"
        };
        self.fhir(&format!("{ty}/{id}")).await.0
    }

    pub(crate) async fn request(&self, kinds: &[&str], from: i64, to: i64) -> String {
        let now = mysehat::time::now_ms();
        let body = json!({"patient_phone": self.patient_phone, "purpose": "CAREMGT", "hi_types": kinds,
            "date_from_ms": from, "date_to_ms": to, "expires_at_ms": now + 30 * DAY, "access_mode": "VIEW"});
        let r = self
            .app
            .post("/api/v1/consent/requests", Some(&self.doctor), body)
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert_eq!(r.json()["status"], "REQUESTED");
        r.json()["id"].as_str().expect("id").to_owned()
    }

    pub(crate) async fn answer(
        &self,
        id: &str,
        verb: &str,
        body: Value,
    ) -> crate::util::TestResponse {
        self.app
            .post(
                &format!("/api/v1/consent/{id}/{verb}"),
                Some(&self.patient),
                body,
            )
            .await
    }
}

/// What the doctor reaches with no live consent: nothing of the patient's.
async fn sees_nothing(w: &World) {
    assert_eq!(
        w.names(&format!("Observation?patient={}", w.patient_id))
            .await,
        BTreeSet::new()
    );
    assert_eq!(
        w.count(&format!("Observation?patient={}", w.patient_id))
            .await,
        0
    );
    assert_eq!(w.read("lab2025").await, StatusCode::FORBIDDEN);
    let (status, outcome) = w
        .fhir(&format!("Patient/{}/$everything", w.patient_id))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{outcome}");
    assert!(
        outcome["issue"][0]["diagnostics"]
            .as_str()
            .unwrap_or("")
            .contains("consent"),
        "{outcome}"
    );
}

#[tokio::test]
async fn without_a_granted_consent_a_doctor_sees_nothing_of_the_patient() {
    let w = world().await;
    sees_nothing(&w).await;
    let id = w.request(&["DiagnosticReport"], Y2025_FROM, Y2025_TO).await;
    sees_nothing(&w).await;
    let r = w.answer(&id, "deny", json!({})).await;
    assert_eq!(r.json()["status"], "DENIED", "{}", r.text());
    sees_nothing(&w).await;
    // A doctor cannot write a consent for themselves through FHIR.
    let forged = json!({"resourceType": "Consent", "status": "active", "scope": {"text": "x"}, "category": [{"text": "x"}],
        "patient": {"reference": format!("Patient/{}", w.patient_id)}});
    let r = w
        .app
        .call(
            Method::POST,
            "/fhir/Consent",
            Some(&w.doctor),
            Some(forged.clone()),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
    let r = w
        .app
        .call(Method::POST, "/fhir/Consent", Some(&w.admin), Some(forged))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
}

#[tokio::test]
async fn a_narrow_grant_opens_only_its_kinds_and_dates_on_every_read_path() {
    let w = world().await;
    let id = w
        .request(
            &["DiagnosticReport", "Prescription"],
            Y2025_FROM - 3000 * DAY,
            Y2025_TO,
        )
        .await;
    // The patient narrows: lab reports only, this year only.
    let r = w
        .answer(
            &id,
            "grant",
            json!({"hi_types": ["DiagnosticReport"], "date_from_ms": Y2025_FROM}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["hi_types"], json!(["DiagnosticReport"]));
    let p = &w.patient_id;
    let only_lab: BTreeSet<_> = ["lab2025"].into();
    assert_eq!(w.names(&format!("Observation?patient={p}")).await, only_lab);
    assert_eq!(
        w.names("Observation").await,
        only_lab,
        "other patients' records never show"
    );
    assert_eq!(w.count(&format!("Observation?patient={p}")).await, 1);
    assert_eq!(w.count("Observation?code=http://loinc.org|4548-4").await, 1);
    assert_eq!(
        w.names(&format!("MedicationRequest?patient={p}")).await,
        BTreeSet::new()
    );
    assert_eq!(
        w.names(&format!("Condition?patient={p}")).await,
        BTreeSet::new()
    );
    assert_eq!(w.read("lab2025").await, StatusCode::OK);
    // The patient's access log names the consent the doctor read under.
    let log = w
        .app
        .get("/auth/me/access-log", Some(&w.patient))
        .await
        .json();
    let read = log
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["action"] == "fhir.read" && e["role"] == "doctor")
        .unwrap_or_else(|| panic!("{log}"));
    assert_eq!(read["purpose"], format!("consent:{id}").as_str());
    for hidden in [
        "lab2019",
        "vital2025",
        "condition2025",
        "rx2025",
        "other_lab",
    ] {
        assert_eq!(w.read(hidden).await, StatusCode::FORBIDDEN, "{hidden}");
    }
    // Includes bring only what the consent opens.
    assert_eq!(
        w.names(&format!(
            "DiagnosticReport?patient={p}&_include=DiagnosticReport:result"
        ))
        .await,
        ["report2025", "lab2025"].into()
    );
    assert_eq!(
        w.names(&format!("Patient?_id={p}&_revinclude=Observation:subject"))
            .await,
        ["patient", "lab2025"].into()
    );
    assert_eq!(
        w.names(&format!("Patient/{p}/$everything")).await,
        ["patient", "report2025", "lab2025"].into()
    );
    // Chains, _has and history would test or show what the consent does not open.
    for refused in [
        "Observation?subject:Patient.name=P".to_owned(),
        "Patient?_has:Observation:subject:code=8867-4".to_owned(),
        format!("Observation/{}/_history", w.ids["lab2025"]),
        format!("Observation/{}/_history/1", w.ids["lab2025"]),
    ] {
        assert_eq!(w.fhir(&refused).await.0, StatusCode::FORBIDDEN, "{refused}");
    }
}

#[tokio::test]
async fn a_broad_grant_opens_the_patients_records_and_revoking_closes_them_at_once() {
    let w = world().await;
    let all = [
        "OPConsultation",
        "Prescription",
        "DischargeSummary",
        "DiagnosticReport",
        "ImmunizationRecord",
        "HealthDocumentRecord",
        "WellnessRecord",
    ];
    let id = w.request(&all, Y2025_FROM - 3650 * DAY, Y2025_TO).await;
    w.answer(&id, "grant", json!({})).await;
    let p = &w.patient_id;
    assert_eq!(
        w.names(&format!("Patient/{p}/$everything")).await,
        [
            "patient",
            "lab2025",
            "lab2019",
            "vital2025",
            "report2025",
            "condition2025",
            "rx2025"
        ]
        .into()
    );
    assert_eq!(w.read("other_lab").await, StatusCode::FORBIDDEN);
    let r = w.answer(&id, "revoke", json!({})).await;
    assert_eq!(r.json()["status"], "REVOKED", "{}", r.text());
    sees_nothing(&w).await;
    // The refused read after the revocation is in the patient's own access log.
    let log = w
        .app
        .get("/auth/me/access-log", Some(&w.patient))
        .await
        .json();
    assert!(
        log.as_array()
            .expect("entries")
            .iter()
            .any(|e| e["action"] == "access.denied" && e["role"] == "doctor"),
        "{log}"
    );
    // The patient sees the whole story, in order, in their access log and consent list.
    let list = w.app.get("/api/v1/consent", Some(&w.patient)).await.json();
    assert_eq!(list[0]["status"], "REVOKED");
    assert_eq!(list[0]["requester_name"], "Test doctor");
}

#[tokio::test]
async fn an_expired_grant_closes_on_the_next_request() {
    let w = world().await;
    let id = w.request(&["DiagnosticReport"], Y2025_FROM, Y2025_TO).await;
    let soon = mysehat::time::now_ms() + 1_500;
    let r = w.answer(&id, "grant", json!({"expires_at_ms": soon})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(w.read("lab2025").await, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(1_600)).await;
    sees_nothing(&w).await;
    let list = w.app.get("/api/v1/consent", Some(&w.patient)).await.json();
    assert_eq!(list[0]["status"], "EXPIRED");
}

#[tokio::test]
async fn a_patient_may_only_narrow_and_only_answer_their_own_requests() {
    let w = world().await;
    let id = w.request(&["DiagnosticReport"], Y2025_FROM, Y2025_TO).await;
    let wider = w
        .answer(
            &id,
            "grant",
            json!({"hi_types": ["DiagnosticReport", "WellnessRecord"]}),
        )
        .await;
    assert_eq!(wider.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wider.json()["error"]["field"], "hi_types");
    let other = w.app.login(&w.other_phone).await["access_token"]
        .as_str()
        .expect("t")
        .to_owned();
    let r = w
        .app
        .post(
            &format!("/api/v1/consent/{id}/grant"),
            Some(&other),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = w.answer(&id, "revoke", json!({})).await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "only a granted consent can be revoked"
    );
    let bad = json!({"patient_phone": w.patient_phone, "purpose": "CAREMGT", "hi_types": [],
        "date_from_ms": 0, "date_to_ms": 1, "expires_at_ms": mysehat::time::now_ms() + DAY, "access_mode": "VIEW"});
    let r = w
        .app
        .post("/api/v1/consent/requests", Some(&w.doctor), bad)
        .await;
    assert_eq!(r.json()["error"]["field"], "hi_types");
}

#[tokio::test]
async fn breaking_the_glass_opens_everything_for_a_short_time_and_is_flagged() {
    let w = world().await;
    let short = json!({"patient_phone": w.other_phone, "reason": "x"});
    let r = w
        .app
        .post("/api/v1/consent/break-glass", Some(&w.doctor), short)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = json!({"patient_phone": w.other_phone, "reason": "Unconscious after a road accident, no family present"});
    let r = w
        .app
        .post("/api/v1/consent/break-glass", Some(&w.doctor), body)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let view = r.json();
    assert_eq!(view["purpose"], "BTG");
    let lasts = view["expires_at_ms"].as_i64().expect("expiry")
        - view["created_at_ms"].as_i64().expect("created");
    assert_eq!(lasts, 3_600_000);
    assert_eq!(w.read("other_lab").await, StatusCode::OK);
    assert_eq!(
        w.read("lab2025").await,
        StatusCode::FORBIDDEN,
        "only the named patient"
    );
    let flagged = w
        .app
        .state
        .store
        .audit_chain(0, 10_000)
        .await
        .expect("audit")
        .into_iter()
        .find(|e| e.draft.action == "consent.break_glass")
        .expect("flagged");
    assert_eq!(flagged.draft.purpose.as_deref(), Some("BTG"));
    assert_eq!(flagged.draft.patient.as_deref(), Some(w.other_id.as_str()));
}
