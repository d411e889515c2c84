//! DPDP rights: erasure removes the patient's records and sign-in but keeps the audit trail and
//! other patients' records; grievances are answered by an admin and followed by the patient.

use crate::consent::world;
use axum::http::StatusCode;
use mysehat_domain::Role;
use serde_json::json;

#[tokio::test]
async fn erasure_needs_the_password_removes_the_record_and_sign_in_and_keeps_the_trail() {
    let w = world().await;
    let wrong = w
        .app
        .post(
            "/auth/me/erase",
            Some(&w.patient),
            json!({"password": "not-it-at-all"}),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let before = w
        .app
        .get("/health-records/timeline", Some(&w.patient))
        .await
        .json();
    assert_eq!(before["total"], 6, "nothing erased on a wrong password");

    let r = w
        .app
        .post(
            "/auth/me/erase",
            Some(&w.patient),
            json!({"password": crate::util::PASSWORD}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let outcome = r.json();
    assert_eq!(
        outcome["resources_removed"], 7,
        "the Patient and six records: {outcome}"
    );
    assert_eq!(outcome["request"]["status"], "resolved");

    let login = w
        .app
        .post(
            "/auth/login",
            None,
            json!({"phone": w.patient_phone, "password": crate::util::PASSWORD}),
        )
        .await;
    assert_eq!(login.status, StatusCode::UNAUTHORIZED);
    let left = w
        .app
        .get(
            &format!("/fhir/Observation?patient={}", w.patient_id),
            Some(&w.admin),
        )
        .await
        .json();
    assert_eq!(left["total"].as_i64().unwrap_or(0), 0, "{left}");
    let gone = w
        .app
        .get(
            &format!("/fhir/Observation/{}/_history", w.ids["lab2025"]),
            Some(&w.admin),
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND, "{}", gone.text());
    let other = w
        .app
        .get(
            &format!("/fhir/Observation/{}", w.ids["other_lab"]),
            Some(&w.admin),
        )
        .await;
    assert_eq!(other.status, StatusCode::OK);
    let trail = w
        .app
        .state
        .store
        .audit_chain(0, 10_000)
        .await
        .expect("audit");
    assert!(trail.iter().any(|e| e.draft.action == "privacy.erase"
        && e.draft.patient.as_deref() == Some(w.patient_id.as_str())));
    assert!(
        trail
            .iter()
            .filter(|e| e.draft.patient.as_deref() == Some(w.patient_id.as_str()))
            .count()
            > 5
    );
    assert!(
        mysehat_storage::verify_audit_chain(w.app.state.store.as_ref())
            .await
            .expect("walk")
            .is_ok()
    );
}

#[tokio::test]
async fn a_grievance_is_answered_by_an_admin_and_followed_by_the_patient() {
    let w = world().await;
    let short = w
        .app
        .post(
            "/auth/me/privacy-requests",
            Some(&w.patient),
            json!({"details": "bad"}),
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let filed = w
        .app
        .post(
            "/auth/me/privacy-requests",
            Some(&w.patient),
            json!({"details": "My record lists an allergy I do not have"}),
        )
        .await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.text());
    let id = filed.json()["id"].as_str().expect("id").to_owned();
    let (_, admin) = w.app.account(Role::Admin).await;
    let open = w
        .app
        .get("/api/v1/privacy-requests", Some(&admin))
        .await
        .json();
    assert_eq!(open[0]["id"], id.as_str());
    assert_eq!(
        w.app
            .get("/api/v1/privacy-requests", Some(&w.patient))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let bad = w
        .app
        .post(
            &format!("/api/v1/privacy-requests/{id}"),
            Some(&admin),
            json!({"status": "ignored"}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = w
        .app
        .post(
            &format!("/api/v1/privacy-requests/{id}"),
            Some(&admin),
            json!({"status": "resolved", "outcome": "The allergy entry was removed"}),
        )
        .await;
    assert_eq!(done.status, StatusCode::NO_CONTENT);
    let mine = w
        .app
        .get("/auth/me/privacy-requests", Some(&w.patient))
        .await
        .json();
    assert_eq!(mine[0]["status"], "resolved");
    assert_eq!(mine[0]["outcome"], "The allergy entry was removed");
}
