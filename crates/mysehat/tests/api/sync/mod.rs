//! Offline sync and Health Worker Mode through the API (docs/SYNC.md): the fixtures here (a
//! sub-centre area with two health workers, three villages and a supervisor) and the tests by
//! theme: `push` (replays, merges, held groups, events), `pull` (scopes, resets, digest),
//! `field` (supervisor, moves, clashes, follow-ups), `access` (who reaches which records).

mod access;
mod field;
mod pull;
mod push;

use crate::util::TestApp;
use axum::http::{Method, StatusCode};
use mysehat_domain::Role;
use serde_json::{Value, json};

pub(super) const VILLAGE: &str = "https://mysehat.in/fhir/CodeSystem/village";
pub(super) const HOUSEHOLD: &str = "https://mysehat.in/fhir/CodeSystem/household";

pub(super) struct Field {
    pub(super) app: TestApp,
    pub(super) admin: String,
    pub(super) supervisor: String,
    /// Works in Rampur and Sonpur.
    pub(super) sunita: String,
    /// Works in Khajuri.
    pub(super) kamla: String,
}

pub(super) async fn field() -> Field {
    field_on(TestApp::new().await).await
}

pub(super) async fn field_on(app: TestApp) -> Field {
    let (_, admin) = app.account(Role::Admin).await;
    let (_, supervisor) = app.account(Role::Supervisor).await;
    let (sunita_id, sunita) = app.account(Role::HealthWorker).await;
    let (kamla_id, kamla) = app.account(Role::HealthWorker).await;
    for v in ["rampur", "sonpur", "khajuri"] {
        let r = app
            .call(
                Method::PUT,
                &format!("/fhir/Location/{v}"),
                Some(&admin),
                Some(
                    json!({"resourceType": "Location", "id": v, "name": v, "status": "active",
                            "partOf": {"reference": "Location/area-1"}}),
                ),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text());
    }
    for (id, villages) in [
        (&sunita_id, json!(["rampur", "sonpur"])),
        (&kamla_id, json!(["khajuri"])),
    ] {
        let r = app
            .call(
                Method::PUT,
                &format!("/api/v1/hw/workers/{id}/villages"),
                Some(&supervisor),
                Some(json!({ "villages": villages })),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
    Field {
        app,
        admin,
        supervisor,
        sunita,
        kamla,
    }
}

pub(super) fn tags(village: &str, household: &str) -> Value {
    json!({"tag": [{"system": VILLAGE, "code": village}, {"system": HOUSEHOLD, "code": household}]})
}

pub(super) fn member(id: &str, village: &str, household: &str, phone: &str) -> Value {
    json!({"resourceType": "Patient", "id": id, "meta": tags(village, household),
           "name": [{"given": ["Meena"], "family": "Devi"}], "gender": "female",
           "telecom": [{"system": "phone", "value": phone}]})
}

pub(super) fn household(id: &str, village: &str, members: &[&str]) -> Value {
    json!({"resourceType": "Group", "id": id, "meta": tags(village, id), "type": "person", "actual": true,
           "identifier": [{"system": "https://mysehat.in/fhir/sid/household-number", "value": "HH-1"}],
           "member": members.iter().map(|m| json!({"entity": {"reference": format!("Patient/{m}")}})).collect::<Vec<_>>()})
}

/// A home visit in Rampur's household hh1 to `subject` (a Patient id).
pub(super) fn visit(id: &str, subject: &str) -> Value {
    json!({"resourceType": "Encounter", "id": id, "meta": tags("rampur", "hh1"), "status": "finished",
           "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "HH"},
           "subject": {"reference": format!("Patient/{subject}")}, "period": {"start": "2026-11-27T10:00:00+05:30"}})
}

pub(super) fn put(seq: i64, resource: &Value, base: Option<i64>) -> Value {
    json!({"id": format!("m-{seq}"), "seq": seq, "op": "put",
           "type": resource["resourceType"], "resource_id": resource["id"],
           "base_version": base, "resource": resource})
}

pub(super) fn push_body(device: &str, groups: Vec<Vec<Value>>) -> Value {
    json!({"device": device, "groups": groups.into_iter().map(|m| json!({"mutations": m})).collect::<Vec<_>>()})
}

pub(super) async fn push(app: &TestApp, token: &str, body: &Value) -> Value {
    let r = app.post("/sync/push", Some(token), body.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()
}

pub(super) fn statuses(answer: &Value) -> Vec<String> {
    answer["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .flat_map(|g| g["results"].as_array().expect("results").iter())
        .map(|r| r["status"].as_str().expect("status").to_owned())
        .collect()
}

/// Pulls every page; returns the changes and the final cursor.
pub(super) async fn pull_all(
    app: &TestApp,
    token: &str,
    cursor: Option<&str>,
) -> (Vec<Value>, String) {
    let mut cursor = cursor.map(str::to_owned);
    let mut changes = vec![];
    loop {
        let url = match &cursor {
            Some(c) => format!("/sync/pull?limit=3&cursor={c}"),
            None => "/sync/pull?limit=3".into(),
        };
        let page = app.get(&url, Some(token)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        let page = page.json();
        assert_eq!(page["reset"], false, "{page}");
        changes.extend(page["changes"].as_array().expect("changes").iter().cloned());
        cursor = page["cursor"].as_str().map(str::to_owned);
        if page["more"] == false {
            return (changes, cursor.expect("cursor"));
        }
    }
}

pub(super) fn keys(changes: &[Value]) -> Vec<String> {
    let mut k: Vec<String> = changes
        .iter()
        .map(|c| {
            format!(
                "{} {}/{}",
                c["op"].as_str().unwrap_or(""),
                c["type"].as_str().unwrap_or(""),
                c["id"].as_str().unwrap_or("")
            )
        })
        .collect();
    k.sort();
    k
}

/// Kamla (Khajuri's worker) registers member k1 there.
pub(super) async fn kamla_registers_k1(f: &Field) {
    let k1 = member("k1", "khajuri", "hk", "9800000020");
    push(
        &f.app,
        &f.kamla,
        &push_body("dev-k", vec![vec![put(1, &k1, None)]]),
    )
    .await;
}

/// How many versions `/fhir` keeps of `record` (`Patient/m1`).
pub(super) async fn versions(f: &Field, record: &str) -> Option<usize> {
    let history = f
        .app
        .get(&format!("/fhir/{record}/_history"), Some(&f.admin))
        .await
        .json();
    history["entry"].as_array().map(Vec::len)
}

pub(super) async fn count(app: &TestApp, admin: &str, query: &str) -> i64 {
    let r = app
        .get(&format!("/fhir/{query}&_summary=count"), Some(admin))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()["total"].as_i64().expect("total")
}

pub(super) fn a_household() -> Vec<Value> {
    vec![
        put(1, &household("hh1", "rampur", &["m1", "m2", "m3"]), None),
        put(2, &member("m1", "rampur", "hh1", "9800000001"), None),
        put(3, &member("m2", "rampur", "hh1", "9800000002"), None),
        put(4, &member("m3", "rampur", "hh1", "9800000003"), None),
    ]
}
