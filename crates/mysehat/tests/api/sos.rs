//! Emergency SOS end to end through the router (and a real socket for live updates): raising
//! and resending, nearest desks alerted in waves on a controlled clock, first acceptance wins,
//! the crew's steps and positions, who sees what, and the registry.

use crate::util::TestApp;
use axum::http::{Method, StatusCode};
use futures_util::StreamExt;
use mysehat_domain::Role;
use serde_json::{Value, json};
use std::time::Duration;

/// Bhopal: the patient is at the lake; hospitals at rising distances.
const PATIENT_AT: (f64, f64) = (23.2500, 77.4000);
const HOSPITALS: [(&str, f64, f64, &str); 8] = [
    ("h1", 23.2510, 77.4010, "emergency trauma icu"),
    ("h2", 23.2550, 77.4050, "emergency trauma"),
    ("h3", 23.2600, 77.4100, "emergency trauma icu"),
    ("h4", 23.2700, 77.4200, "emergency trauma"),
    ("h5", 23.2800, 77.4300, "emergency trauma"),
    ("h6", 23.2900, 77.4400, "emergency trauma"),
    ("h7", 23.3000, 77.4500, "emergency trauma"),
    // Nearest of all, but cannot take an accident: never alerted for one.
    ("maternity", 23.2501, 77.4001, "emergency maternity"),
];

async fn registry(app: &TestApp) {
    let (_, admin) = app.account(Role::Admin).await;
    for (id, lat, lon, caps) in HOSPITALS {
        let body = json!({
            "id": id, "name": format!("Hospital {id}"), "kind": "hospital", "lat": lat, "lon": lon,
            "phone": "+917550000000", "capabilities": caps.split(' ').collect::<Vec<_>>(),
            "ed_status": "open", "free_beds": 3
        });
        let r = app
            .call(
                Method::PUT,
                &format!("/sos/facilities/{id}"),
                Some(&admin),
                Some(body),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
}

fn sos(id: &str) -> Value {
    json!({
        "id": id, "device_id": "phone-1", "kind": "accident",
        "location": {"lat": PATIENT_AT.0, "lon": PATIENT_AT.1, "accuracy_m": 15.0,
                     "fixed_at_ms": 1_700_000_000_000_i64, "last_known": false}
    })
}

async fn patient(app: &TestApp) -> String {
    let (phone, _) = app.register_patient("Kamla Bai").await;
    app.login(&phone).await["access_token"]
        .as_str()
        .expect("token")
        .to_owned()
}

async fn raised(app: &TestApp, token: &str) -> Value {
    let id = uuid::Uuid::now_v7().to_string();
    let r = app.post("/sos/incidents", Some(token), sos(&id)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()
}

async fn alerted(app: &TestApp, id: &str) -> Vec<String> {
    let mut ids: Vec<_> = app
        .state
        .store
        .alerts(id)
        .await
        .expect("alerts")
        .into_iter()
        .map(|a| a.facility_id)
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn an_sos_alerts_the_three_nearest_able_hospitals_and_resending_never_duplicates() {
    let app = TestApp::new().await;
    registry(&app).await;
    let token = patient(&app).await;
    let id = uuid::Uuid::now_v7().to_string();
    let first = app.post("/sos/incidents", Some(&token), sos(&id)).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let view = first.json();
    assert_eq!(view["state"], "alerting");
    assert_eq!(view["digipin"].as_str().map(str::len), Some(12));
    assert!(view["maps_url"].as_str().unwrap_or("").contains("23.25"));
    assert_eq!(alerted(&app, &id).await, ["h1", "h2", "h3"]);
    let shown: Vec<_> = view["alerted"]
        .as_array()
        .expect("alerted")
        .iter()
        .map(|f| f["id"].clone())
        .collect();
    assert_eq!(shown, ["h1", "h2", "h3"], "nearest first, with distances");
    assert!(view["alerted"][0]["distance_m"].as_f64().unwrap_or(0.0) > 100.0);

    let again = app.post("/sos/incidents", Some(&token), sos(&id)).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    assert_eq!(again.json()["id"], id.as_str());
    let mine = app.get("/sos/incidents", Some(&token)).await.json();
    assert_eq!(mine.as_array().map(Vec::len), Some(1));

    let mut other = sos(&id);
    other["kind"] = json!("breathing");
    let clash = app.post("/sos/incidents", Some(&token), other).await;
    assert_eq!(clash.status, StatusCode::CONFLICT);
    assert_eq!(clash.error_code(), "conflict");
}

#[tokio::test]
async fn a_bad_location_is_refused_naming_the_field_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let token = patient(&app).await;
    let mut body = sos(&uuid::Uuid::now_v7().to_string());
    body["location"]["lat"] = json!(123.0);
    let r = app.post("/sos/incidents", Some(&token), body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.json()["error"]["field"], "location");
    let mut body = sos("not-a-uuid");
    body["location"]["lat"] = json!(23.0);
    let r = app.post("/sos/incidents", Some(&token), body).await;
    assert!(r.status.is_client_error(), "{}", r.text());
    let mine = app.get("/sos/incidents", Some(&token)).await.json();
    assert_eq!(mine, json!([]));
    let (_, doctor) = app.account(Role::Doctor).await;
    let r = app
        .post(
            "/sos/incidents",
            Some(&doctor),
            sos(&uuid::Uuid::now_v7().to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn unanswered_alerts_escalate_every_minute_and_after_three_minutes_the_patient_is_told_to_call_112()
 {
    let app = TestApp::new().await;
    registry(&app).await;
    let token = patient(&app).await;
    let view = raised(&app, &token).await;
    let id = view["id"].as_str().expect("id");
    let t0 = view["created_at_ms"].as_i64().expect("created");
    let tick = |ms: i64| mysehat::sos::dispatch::tick(&app.state, t0 + ms);

    tick(59_999).await.expect("tick");
    assert_eq!(
        alerted(&app, id).await.len(),
        3,
        "no second wave before 60 s"
    );
    tick(60_000).await.expect("tick");
    assert_eq!(
        alerted(&app, id).await,
        ["h1", "h2", "h3", "h4", "h5", "h6"]
    );
    tick(120_000).await.expect("tick");
    assert_eq!(
        alerted(&app, id).await.len(),
        7,
        "every able hospital, never the maternity one"
    );
    tick(179_999).await.expect("tick");
    assert_eq!(
        app.get(&format!("/sos/incidents/{id}"), Some(&token))
            .await
            .json()["state"],
        "alerting"
    );
    tick(180_000).await.expect("tick");
    let now = app
        .get(&format!("/sos/incidents/{id}"), Some(&token))
        .await
        .json();
    assert_eq!(now["state"], "unanswered");
    assert_eq!(now["call_112"], true);

    // A desk may still accept a flagged SOS.
    let (_, desk) = app.account_at(Role::Dispatcher, "h7").await;
    let r = app
        .post(
            &format!("/sos/incidents/{id}/accept"),
            Some(&desk),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["facility"]["id"], "h7");
}

#[tokio::test]
async fn of_two_desks_accepting_at_once_exactly_one_wins_and_the_other_is_told() {
    let app = TestApp::new().await;
    registry(&app).await;
    let token = patient(&app).await;
    let view = raised(&app, &token).await;
    let id = view["id"].as_str().expect("id").to_owned();
    let (_, d1) = app.account_at(Role::Dispatcher, "h1").await;
    let (_, d2) = app.account_at(Role::Dispatcher, "h2").await;
    let path = format!("/sos/incidents/{id}/accept");
    let (a, b) = tokio::join!(
        app.post(&path, Some(&d1), json!({})),
        app.post(&path, Some(&d2), json!({}))
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::CONFLICT],
        "{} / {}",
        a.text(),
        b.text()
    );
    let loser = if a.status == StatusCode::CONFLICT {
        &a
    } else {
        &b
    };
    assert_eq!(loser.error_code(), "conflict");
    let answers: Vec<_> = app
        .state
        .store
        .alerts(&id)
        .await
        .expect("alerts")
        .into_iter()
        .map(|a| a.answer)
        .collect();
    assert_eq!(
        answers.iter().filter(|a| *a == "accepted").count(),
        1,
        "{answers:?}"
    );
    assert!(!answers.iter().any(|a| a == "pending"), "{answers:?}");
}

#[tokio::test]
async fn only_the_patient_the_alerted_desks_and_the_assigned_crew_see_an_sos() {
    let app = TestApp::new().await;
    registry(&app).await;
    let token = patient(&app).await;
    let view = raised(&app, &token).await;
    let path = format!("/sos/incidents/{}", view["id"].as_str().expect("id"));
    let stranger = patient(&app).await;
    assert_eq!(
        app.get(&path, Some(&stranger)).await.status,
        StatusCode::NOT_FOUND
    );
    let (_, far_desk) = app.account_at(Role::Dispatcher, "h7").await;
    assert_eq!(
        app.get(&path, Some(&far_desk)).await.status,
        StatusCode::NOT_FOUND
    );
    let (_, near_desk) = app.account_at(Role::Dispatcher, "h1").await;
    let seen = app.get(&path, Some(&near_desk)).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.json()["patient"]["name"], "Kamla Bai");
    let (_, crew) = app.account(Role::AmbulanceCrew).await;
    assert_eq!(
        app.get(&path, Some(&crew)).await.status,
        StatusCode::NOT_FOUND
    );
    // Every read was audited against the patient.
    let reads: Vec<_> = app
        .state
        .store
        .audit_chain(0, 10_000)
        .await
        .expect("audit")
        .into_iter()
        .filter(|e| e.draft.action == "sos.read")
        .collect();
    assert!(reads.len() >= 2, "{reads:?}");
    assert!(
        reads
            .iter()
            .any(|e| e.draft.outcome == mysehat_domain::audit::Outcome::Denied)
    );
    assert!(reads.iter().all(|e| e.draft.patient.is_some()));
}

#[tokio::test]
async fn accept_assign_and_crew_steps_reach_the_patient_live_and_free_the_ambulance() {
    let app = TestApp::new().await;
    registry(&app).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(mysehat::server::run(listener, app.state.clone()));

    let (crew_id, crew) = app.account_at(Role::AmbulanceCrew, "base-1").await;
    assert_eq!(
        app.get("/sos/ambulance", Some(&crew)).await.status,
        StatusCode::NOT_FOUND
    );
    let duty = app
        .post("/sos/ambulance/duty", Some(&crew), json!({"on_duty": true}))
        .await;
    assert_eq!(duty.status, StatusCode::OK, "{}", duty.text());
    let ambulance = duty.json()["id"].as_str().expect("id").to_owned();
    assert_eq!(
        app.get("/sos/ambulance", Some(&crew)).await.json()["status"],
        "available"
    );
    let token = patient(&app).await;
    let (mut socket, _) =
        tokio_tungstenite::connect_async(format!("ws://{addr}/ws?access_token={token}"))
            .await
            .expect("socket");
    let view = raised(&app, &token).await;
    let id = view["id"].as_str().expect("id").to_owned();
    let (_, desk) = app.account_at(Role::Dispatcher, "h1").await;
    let r = app
        .post(
            &format!("/sos/incidents/{id}/accept"),
            Some(&desk),
            json!({}),
        )
        .await;
    assert_eq!(r.json()["state"], "accepted");
    let list = app
        .get(&format!("/sos/ambulances?incident={id}"), Some(&desk))
        .await
        .json();
    assert_eq!(list[0]["id"], ambulance.as_str());
    assert_eq!(list[0]["status"], "available");
    let r = app
        .post(
            &format!("/sos/incidents/{id}/assign"),
            Some(&desk),
            json!({"ambulance_id": ambulance}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        r.json()["ambulance"]["phone"]
            .as_str()
            .map(|p| p.starts_with("+91")),
        Some(true)
    );

    // A crew step out of order is refused and names the problem.
    let skip = app
        .post(
            &format!("/sos/incidents/{id}/status"),
            Some(&crew),
            json!({"state": "transporting"}),
        )
        .await;
    assert_eq!(skip.status, StatusCode::CONFLICT, "{}", skip.text());
    assert_eq!(skip.error_code(), "invalid_transition");
    let go = app
        .post(
            &format!("/sos/incidents/{id}/status"),
            Some(&crew),
            json!({"state": "en_route"}),
        )
        .await;
    assert_eq!(go.json()["state"], "en_route");

    // The ambulance drives towards the patient; an implausible jump is dropped.
    let now = mysehat::time::now_ms();
    let fix = |lat: f64, at: i64, acc: f64| json!({"lat": lat, "lon": PATIENT_AT.1, "accuracy_m": acc, "at_ms": at});
    let r = app
        .post(
            "/sos/ambulance/position",
            Some(&crew),
            fix(23.2700, now - 20_000, 10.0),
        )
        .await;
    assert_eq!(r.json()["accepted"], true, "{}", r.text());
    let r = app
        .post(
            "/sos/ambulance/position",
            Some(&crew),
            fix(25.0, now - 19_000, 10.0),
        )
        .await;
    assert_eq!(
        r.json(),
        json!({"accepted": false, "reason": "fix_too_fast"})
    );
    let r = app
        .post(
            "/sos/ambulance/position",
            Some(&crew),
            fix(23.2650, now - 18_000, 500.0),
        )
        .await;
    assert_eq!(r.json()["accepted"], false);
    let r = app
        .post(
            "/sos/ambulance/position",
            Some(&crew),
            fix(23.2670, now - 10_000, 10.0),
        )
        .await;
    assert_eq!(r.json()["accepted"], true);

    // The patient's socket saw the steps and the positions, distance falling.
    let mut distances = Vec::new();
    let mut states = Vec::new();
    while distances.len() < 2 {
        let msg = tokio::time::timeout(Duration::from_secs(5), socket.next())
            .await
            .expect("a live update in time")
            .expect("open")
            .expect("ok");
        let v: Value = serde_json::from_str(msg.to_text().expect("text")).expect("json");
        match v["type"].as_str() {
            Some("sos.position") => {
                assert_eq!(v["incident_id"], id.as_str());
                distances.push(v["distance_m"].as_f64().expect("distance"));
                assert!(v["eta_s"].as_i64().is_some(), "{v}");
            }
            Some("sos.incident") => {
                states.push(v["incident"]["state"].as_str().unwrap_or("").to_owned())
            }
            _ => {}
        }
    }
    assert!(distances[1] < distances[0], "{distances:?}");
    assert!(
        states.contains(&"accepted".to_owned()) && states.contains(&"en_route".to_owned()),
        "{states:?}"
    );

    for step in ["on_scene", "transporting", "closed"] {
        let r = app
            .post(
                &format!("/sos/incidents/{id}/status"),
                Some(&crew),
                json!({"state": step}),
            )
            .await;
        assert_eq!(r.json()["state"], step, "{}", r.text());
    }
    let amb = app
        .state
        .store
        .ambulance(&ambulance)
        .await
        .expect("get")
        .expect("exists");
    assert_eq!(
        (amb.status.as_str(), amb.crew_user_id.to_string()),
        ("available", crew_id)
    );
    let done = app
        .get(&format!("/sos/incidents/{id}"), Some(&token))
        .await
        .json();
    let steps: Vec<_> = done["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["state"].clone())
        .collect();
    assert_eq!(
        steps,
        [
            "created",
            "alerting",
            "accepted",
            "ambulance_assigned",
            "en_route",
            "on_scene",
            "transporting",
            "closed"
        ]
    );
    app.state.shutdown.cancel();
    let _ = server.await;
}

#[tokio::test]
async fn the_candidates_are_the_exact_nearest_on_the_demo_registry() {
    let (facilities, _) =
        mysehat::sos::import::parse_csv(mysehat::sos::import::DEMO_REGISTRY, 1).expect("demo");
    let live = mysehat::sos::live::Live::new(Default::default());
    live.load_facilities(facilities.clone());
    let kind = mysehat_emergency::EmergencyKind::Other;
    for (lat, lon) in [(23.25, 77.41), (23.5, 77.2), (22.9, 77.9), (23.27, 77.397)] {
        let at = mysehat_emergency::LatLon::new(lat, lon).expect("point");
        let got: Vec<_> = live
            .candidates(at, kind)
            .into_iter()
            .map(|c| c.facility_id)
            .collect();
        let mut brute: Vec<_> = facilities
            .iter()
            .filter(|f| f.kind == "hospital" && f.ed_status == "open")
            .map(|f| {
                let d = at.distance_m(mysehat_emergency::LatLon::new(f.lat, f.lon).expect("f"));
                (d, f.id.clone())
            })
            .collect();
        brute.sort_by(|a, b| a.0.total_cmp(&b.0));
        let brute: Vec<_> = brute.into_iter().map(|(_, id)| id).collect();
        assert_eq!(got, brute, "at {lat},{lon}");
    }
}

#[tokio::test]
async fn a_desk_changes_only_its_own_facility_status_and_a_diverting_hospital_is_skipped() {
    let app = TestApp::new().await;
    registry(&app).await;
    let (_, desk) = app.account_at(Role::Dispatcher, "h1").await;
    let r = app
        .call(
            Method::PUT,
            "/sos/facilities/h2/status",
            Some(&desk),
            Some(json!({"ed_status": "closed"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .call(
            Method::PUT,
            "/sos/facilities/h1/status",
            Some(&desk),
            Some(json!({"ed_status": "diverting", "free_beds": 0})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = app
        .call(
            Method::PUT,
            "/sos/facilities/h1/status",
            Some(&desk),
            Some(json!({"ed_status": "on fire"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["field"], "ed_status");
    let token = patient(&app).await;
    let view = raised(&app, &token).await;
    assert_eq!(
        alerted(&app, view["id"].as_str().expect("id")).await,
        ["h2", "h3", "h4"]
    );
}

/// The next message of `kind` on a socket, within five seconds.
async fn next_of<S>(socket: &mut S, kind: &str) -> Value
where
    S: futures_util::Stream<
            Item = Result<
                tokio_tungstenite::tungstenite::Message,
                tokio_tungstenite::tungstenite::Error,
            >,
        > + Unpin,
{
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(5), socket.next())
            .await
            .unwrap_or_else(|_| panic!("no {kind} within 5 s"))
            .expect("open")
            .expect("ok");
        let v: Value = serde_json::from_str(msg.to_text().expect("text")).expect("json");
        if v["type"] == kind {
            return v;
        }
    }
}

#[tokio::test]
async fn an_sos_raised_on_one_instance_reaches_a_desk_connected_to_another() {
    let schema = format!("api_{}", uuid::Uuid::now_v7().simple());
    let Some(a) = TestApp::on_postgres_schema(&schema).await else {
        eprintln!("MYSEHAT_TEST_DATABASE_URL is not set: PostgreSQL not tested");
        return;
    };
    let url = std::env::var("MYSEHAT_TEST_DATABASE_URL").expect("set");
    let b = a.second_instance(&url, &schema).await;
    registry(&a).await;
    // Instance B learnt the registry from the database when it started.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server_b = tokio::spawn(mysehat::server::run(listener, b.state.clone()));
    let (_, desk) = a.account_at(Role::Dispatcher, "h2").await;
    let (mut socket, _) =
        tokio_tungstenite::connect_async(format!("ws://{addr}/ws?access_token={desk}"))
            .await
            .expect("socket on B");
    next_of(&mut socket, "hello").await;

    let token = patient(&a).await;
    let view = raised(&a, &token).await;
    let alert = next_of(&mut socket, "sos.alert").await;
    assert_eq!(alert["incident"]["id"], view["id"]);
    assert_eq!(alert["incident"]["patient"]["name"], "Kamla Bai");

    // The desk on B accepts through A; B's socket hears the new state.
    let id = view["id"].as_str().expect("id");
    let r = a
        .post(
            &format!("/sos/incidents/{id}/accept"),
            Some(&desk),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let update = next_of(&mut socket, "sos.incident").await;
    assert_eq!(update["incident"]["state"], "accepted");
    b.state.shutdown.cancel();
    let _ = server_b.await;
}

#[tokio::test]
async fn a_desk_that_connects_late_still_gets_the_alert_stored_for_it() {
    let app = TestApp::new().await;
    registry(&app).await;
    let token = patient(&app).await;
    let view = raised(&app, &token).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(mysehat::server::run(listener, app.state.clone()));
    let (_, desk) = app.account_at(Role::Dispatcher, "h1").await;
    let (mut socket, _) =
        tokio_tungstenite::connect_async(format!("ws://{addr}/ws?access_token={desk}"))
            .await
            .expect("socket");
    let alert = next_of(&mut socket, "sos.alert").await;
    assert_eq!(alert["incident"]["id"], view["id"]);
    app.state.shutdown.cancel();
    let _ = server.await;
}

#[tokio::test]
async fn the_medical_id_is_kept_as_fhir_resources_and_shown_to_the_desk() {
    let app = TestApp::new().await;
    registry(&app).await;
    let token = patient(&app).await;
    let card = json!({
        "blood_group": "B+", "allergies": ["Penicillin"], "conditions": ["Type 2 diabetes", "उच्च रक्तचाप"],
        "medicines": ["Metformin 500 mg"], "organ_donor": true, "preferred_hospital": "h1",
        "contacts": [{"name": "Sita Devi", "relation": "wife", "phone": "98123 45678"}]
    });
    let r = app
        .call(Method::PUT, "/sos/medical-id", Some(&token), Some(card))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["contacts"][0]["phone"], "+919812345678");
    let got = app.get("/sos/medical-id", Some(&token)).await.json();
    assert_eq!(got["conditions"][1], "उच्च रक्तचाप");
    // The same facts through the FHIR API.
    let fhir = app.get("/fhir/AllergyIntolerance", Some(&token)).await;
    assert_eq!(
        fhir.json()["entry"][0]["resource"]["code"]["text"],
        "Penicillin",
        "{}",
        fhir.text()
    );
    let obs = app
        .get(
            "/fhir/Observation?code=http://loinc.org|882-1",
            Some(&token),
        )
        .await
        .json();
    assert_eq!(
        obs["entry"][0]["resource"]["valueCodeableConcept"]["text"],
        "B+"
    );

    // A shorter list removes what is gone; a bad phone names its field and changes nothing.
    let fewer = json!({"blood_group": "B+", "conditions": ["Type 2 diabetes"]});
    let r = app
        .call(Method::PUT, "/sos/medical-id", Some(&token), Some(fewer))
        .await;
    assert_eq!(r.json()["conditions"], json!(["Type 2 diabetes"]));
    assert_eq!(r.json()["allergies"], json!([]));
    let bad = json!({"contacts": [{"name": "X", "relation": "son", "phone": "12"}]});
    let r = app
        .call(Method::PUT, "/sos/medical-id", Some(&token), Some(bad))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["field"], "contacts[0].phone");
    assert_eq!(
        app.get("/sos/medical-id", Some(&token)).await.json()["conditions"],
        json!(["Type 2 diabetes"])
    );

    let view = raised(&app, &token).await;
    let (_, desk) = app.account_at(Role::Dispatcher, "h1").await;
    let seen = app
        .get(
            &format!("/sos/incidents/{}", view["id"].as_str().expect("id")),
            Some(&desk),
        )
        .await
        .json();
    assert_eq!(seen["medical_id"]["blood_group"], "B+");
}

#[tokio::test]
async fn the_card_link_opens_without_an_account_is_audited_and_can_be_revoked() {
    let app = TestApp::new().await;
    let token = patient(&app).await;
    let card = json!({"blood_group": "O-", "allergies": ["Sulfa drugs"]});
    app.call(Method::PUT, "/sos/medical-id", Some(&token), Some(card))
        .await;
    let first = app
        .post("/sos/medical-id/link", Some(&token), json!({}))
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let first = first.json()["token"].as_str().expect("token").to_owned();
    let open = app
        .get(&format!("/sos/medical-id/public/{first}"), None)
        .await;
    assert_eq!(open.status, StatusCode::OK, "{}", open.text());
    assert_eq!(open.json()["name"], "Kamla Bai");
    assert_eq!(open.json()["medical_id"]["blood_group"], "O-");
    let opened = app
        .state
        .store
        .audit_chain(0, 10_000)
        .await
        .expect("audit")
        .into_iter()
        .filter(|e| e.draft.action == "medical_id.public_read")
        .count();
    assert_eq!(opened, 1);

    let second = app
        .post("/sos/medical-id/link", Some(&token), json!({}))
        .await
        .json();
    let second = second["token"].as_str().expect("token").to_owned();
    assert_eq!(
        app.get(&format!("/sos/medical-id/public/{first}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/sos/medical-id/public/{second}"), None)
            .await
            .status,
        StatusCode::OK
    );
    let r = app
        .call(Method::DELETE, "/sos/medical-id/link", Some(&token), None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get(&format!("/sos/medical-id/public/{second}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/sos/medical-id/public/guess", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn repeated_sos_are_flagged_for_the_desk_but_never_refused() {
    let app = TestApp::new().await;
    registry(&app).await;
    let token = patient(&app).await;
    let mut repeats = Vec::new();
    for _ in 0..5 {
        let view = raised(&app, &token).await;
        assert_eq!(view["state"], "alerting", "every SOS is alerted");
        repeats.push(view["recent_repeats"].as_i64().expect("count"));
    }
    assert_eq!(repeats, [0, 1, 2, 3, 4]);
    // Another account on the same phone counts too.
    let other = patient(&app).await;
    let view = raised(&app, &other).await;
    assert_eq!(view["recent_repeats"], 5);
}
