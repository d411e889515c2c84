//! Attacks a patient could try on the FHIR API, and the limits that keep one request cheap.
//! Each test is a scenario a reviewer reproduced against an earlier build.

use crate::util::TestApp;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use mysehat_domain::Role;
use serde_json::{Value, json};

struct World {
    app: TestApp,
    staff: String,
    victim: String,
    eve: String,
    eve_token: String,
}

async fn world() -> World {
    let app = TestApp::new().await;
    let (_, staff) = app.account(Role::Admin).await;
    let (victim, _) = app.account(Role::Patient).await;
    let (eve, eve_token) = app.account(Role::Patient).await;
    World {
        app,
        staff,
        victim,
        eve,
        eve_token,
    }
}

async fn send(
    app: &TestApp,
    token: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> (StatusCode, Value) {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    if body.is_some() {
        req = req.header(header::CONTENT_TYPE, "application/fhir+json");
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let r = app
        .send(
            req.body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
                .expect("request"),
        )
        .await;
    let json = if r.body.is_empty() {
        Value::Null
    } else {
        r.json()
    };
    (r.status, json)
}

fn condition(id: &str, subject: &str, text: &str) -> Value {
    json!({"resourceType": "Condition", "id": id, "subject": {"reference": format!("Patient/{subject}")},
           "code": {"text": text}})
}

#[tokio::test]
async fn a_transaction_put_cannot_take_over_another_patients_record() {
    let w = world().await;
    let (s, _) = send(
        &w.app,
        &w.staff,
        Method::PUT,
        "/fhir/Condition/secret",
        Some(condition("secret", &w.victim, "hypertension")),
        &[],
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let tx = json!({"resourceType": "Bundle", "type": "transaction", "entry": [
        {"resource": condition("secret", &w.eve, "mine now"), "request": {"method": "PUT", "url": "Condition/secret"}}]});
    let (s, _) = send(&w.app, &w.eve_token, Method::POST, "/fhir", Some(tx), &[]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = send(
        &w.app,
        &w.eve_token,
        Method::PUT,
        "/fhir/Condition?code:text=nomatch",
        Some(condition("secret", &w.eve, "mine")),
        &[],
    )
    .await;
    assert_eq!(
        s,
        StatusCode::FORBIDDEN,
        "a conditional update cannot reuse the id either"
    );
    let (_, stored) = send(
        &w.app,
        &w.staff,
        Method::GET,
        "/fhir/Condition/secret",
        None,
        &[],
    )
    .await;
    assert_eq!(stored["code"]["text"], "hypertension");
    assert_eq!(stored["meta"]["versionId"], "1");
}

#[tokio::test]
async fn a_patient_cannot_file_a_record_about_someone_else_by_naming_themselves_asserter() {
    let w = world().await;
    let mut planted = condition("planted", &w.victim, "HIV positive");
    planted["asserter"] = json!({"reference": format!("Patient/{}", w.eve)});
    planted.as_object_mut().map(|o| o.remove("id"));
    let (s, _) = send(
        &w.app,
        &w.eve_token,
        Method::POST,
        "/fhir/Condition",
        Some(planted),
        &[],
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // A record about the victim that a relative asserted stays the victim's.
    let mut reported = condition("reported", &w.victim, "tuberculosis");
    reported["asserter"] = json!({"reference": format!("Patient/{}", w.eve)});
    send(
        &w.app,
        &w.staff,
        Method::PUT,
        "/fhir/Condition/reported",
        Some(reported),
        &[],
    )
    .await;
    let (s, _) = send(
        &w.app,
        &w.eve_token,
        Method::GET,
        "/fhir/Condition/reported",
        None,
        &[],
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn old_versions_are_read_as_whose_record_they_were() {
    let w = world().await;
    send(
        &w.app,
        &w.staff,
        Method::PUT,
        "/fhir/Condition/moved",
        Some(condition("moved", &w.victim, "anaemia")),
        &[],
    )
    .await;
    send(
        &w.app,
        &w.staff,
        Method::PUT,
        "/fhir/Condition/moved",
        Some(condition("moved", &w.eve, "corrected")),
        &[],
    )
    .await;
    let (s, _) = send(
        &w.app,
        &w.eve_token,
        Method::GET,
        "/fhir/Condition/moved/_history/1",
        None,
        &[],
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "version 1 was the victim's");
    let (s, v2) = send(
        &w.app,
        &w.eve_token,
        Method::GET,
        "/fhir/Condition/moved/_history/2",
        None,
        &[],
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v2["code"]["text"], "corrected");
    let (_, history) = send(
        &w.app,
        &w.eve_token,
        Method::GET,
        "/fhir/Condition/moved/_history",
        None,
        &[],
    )
    .await;
    assert_eq!(history["entry"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn follow_up_tasks_are_patient_data_even_outside_the_compartment_definition() {
    let w = world().await;
    let task = json!({"resourceType": "Task", "id": "fu1", "status": "requested", "intent": "order",
        "description": "TB DOTS follow-up", "for": {"reference": format!("Patient/{}", w.victim)}});
    send(
        &w.app,
        &w.staff,
        Method::PUT,
        "/fhir/Task/fu1",
        Some(task),
        &[],
    )
    .await;
    let (s, _) = send(
        &w.app,
        &w.eve_token,
        Method::GET,
        "/fhir/Task/fu1",
        None,
        &[],
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, found) = send(
        &w.app,
        &w.eve_token,
        Method::GET,
        &format!("/fhir/Task?patient=Patient/{}", w.victim),
        None,
        &[],
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        found["entry"].as_array().is_none_or(Vec::is_empty),
        "{found}"
    );
}

#[tokio::test]
async fn a_kept_result_list_pages_only_for_whoever_searched() {
    let w = world().await;
    for i in 0..3 {
        send(
            &w.app,
            &w.staff,
            Method::PUT,
            &format!("/fhir/Condition/c{i}"),
            Some(condition(&format!("c{i}"), &w.victim, "x")),
            &[],
        )
        .await;
    }
    let (_, page) = send(
        &w.app,
        &w.staff,
        Method::GET,
        "/fhir/Condition?_sort=_id&_count=1",
        None,
        &[],
    )
    .await;
    let next = page["link"]
        .as_array()
        .expect("links")
        .iter()
        .find(|l| l["relation"] == "next")
        .expect("next")["url"]
        .as_str()
        .expect("url")
        .to_owned();
    let path = next
        .split_once("/fhir/")
        .map(|(_, p)| format!("/fhir/{p}"))
        .expect("path");
    let (s, _) = send(&w.app, &w.eve_token, Method::GET, &path, None, &[]).await;
    assert_eq!(s, StatusCode::GONE);
    let (s, mine) = send(&w.app, &w.staff, Method::GET, &path, None, &[]).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(mine["entry"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn conditional_creates_do_not_reveal_other_patients_records() {
    let w = world().await;
    send(
        &w.app,
        &w.staff,
        Method::PUT,
        "/fhir/Condition/private",
        Some(condition("private", &w.victim, "hepatitis")),
        &[],
    )
    .await;
    let probe = format!("subject=Patient/{}&code:text=hepatitis", w.victim);
    let mut mine = condition("x", &w.eve, "cold");
    mine.as_object_mut().map(|o| o.remove("id"));
    let (s, _) = send(
        &w.app,
        &w.eve_token,
        Method::POST,
        "/fhir/Condition",
        Some(mine),
        &[("if-none-exist", probe.as_str())],
    )
    .await;
    assert_eq!(
        s,
        StatusCode::CREATED,
        "the probe sees nothing of the victim's"
    );
    let (s, _) = send(
        &w.app,
        &w.eve_token,
        Method::GET,
        "/fhir/Organization?_has:Patient:organization:name=victim",
        None,
        &[],
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn refusals_and_deletions_reach_the_audit_trail_without_search_terms() {
    let w = world().await;
    send(
        &w.app,
        &w.staff,
        Method::PUT,
        "/fhir/Condition/gone",
        Some(condition("gone", &w.victim, "x")),
        &[],
    )
    .await;
    send(
        &w.app,
        &w.staff,
        Method::DELETE,
        "/fhir/Condition/gone",
        None,
        &[],
    )
    .await;
    send(
        &w.app,
        &w.eve_token,
        Method::GET,
        "/fhir/Condition/gone/_history/1",
        None,
        &[],
    )
    .await;
    send(
        &w.app,
        &w.staff,
        Method::GET,
        "/fhir/Condition?code:text=secretword",
        None,
        &[],
    )
    .await;
    let entries = w
        .app
        .state
        .store
        .audit_page(&mysehat_storage::AuditQuery {
            limit: 100,
            ..Default::default()
        })
        .await
        .expect("audit");
    assert!(entries.iter().any(|e| e.draft.action == "fhir.delete"
        && e.draft.patient.as_deref() == Some(w.victim.as_str())));
    assert!(
        entries.iter().any(|e| e.draft.action == "access.denied"
            && e.draft.actor.as_deref() == Some(w.eve.as_str()))
    );
    assert!(
        !format!("{entries:?}").contains("secretword"),
        "search terms stay out of the trail"
    );
}

#[tokio::test]
async fn hostile_searches_get_a_400_not_a_crash() {
    let w = world().await;
    let deep = format!("/fhir/Organization?{}name=x", "partof.".repeat(900));
    let (s, outcome) = send(&w.app, &w.staff, Method::GET, &deep, None, &[]).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(outcome["issue"][0]["code"], "too-costly");
    let many = format!("/fhir/Patient?_id={}", vec!["a"; 500].join(","));
    assert_eq!(
        send(&w.app, &w.staff, Method::GET, &many, None, &[])
            .await
            .0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        send(
            &w.app,
            &w.staff,
            Method::GET,
            "/fhir/Patient?_count=-5",
            None,
            &[]
        )
        .await
        .0,
        StatusCode::BAD_REQUEST
    );
    let (s, _) = send(&w.app, &w.staff, Method::GET, "/fhir/Patient?_has:Observation:subject:_has:Observation:subject:_has:Observation:subject:_has:Observation:subject:_has:Observation:subject:code=1", None, &[]).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}
