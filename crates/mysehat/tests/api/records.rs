//! The longitudinal record: the timeline newest first with kinds, filters and pages, the same
//! view narrowed by consent for a doctor, and the export that round-trips into another server.

use crate::consent::{Y2025_FROM, Y2025_TO, world};
use crate::util::TestApp;
use axum::http::{Method, StatusCode};
use mysehat_domain::Role;
use serde_json::{Value, json};

fn refs(timeline: &Value) -> Vec<String> {
    timeline["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["reference"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn the_timeline_runs_newest_first_with_kinds_filters_and_pages() {
    let w = world().await;
    let t = w
        .app
        .get("/health-records/timeline", Some(&w.patient))
        .await;
    assert_eq!(t.status, StatusCode::OK, "{}", t.text());
    let t = t.json();
    assert_eq!(t["total"], 6, "{t}");
    let dates: Vec<i64> = t["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["date_ms"].as_i64().expect("date"))
        .collect();
    assert!(dates.windows(2).all(|d| d[0] >= d[1]), "{dates:?}");
    assert_eq!(
        refs(&t).last().map(String::as_str),
        Some(format!("Observation/{}", w.ids["lab2019"]).as_str())
    );
    let kind_of = |name: &str| {
        let r = t["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|i| {
                i["reference"]
                    .as_str()
                    .unwrap_or("")
                    .ends_with(&w.ids[name])
            })
            .cloned();
        r.map(|i| i["kind"].clone())
    };
    assert_eq!(kind_of("lab2025"), Some(json!("DiagnosticReport")));
    assert_eq!(kind_of("vital2025"), Some(json!("WellnessRecord")));
    assert_eq!(kind_of("rx2025"), Some(json!("Prescription")));
    assert_eq!(kind_of("condition2025"), Some(json!("OPConsultation")));
    let rx = w
        .app
        .get(
            "/health-records/timeline?kind=Prescription",
            Some(&w.patient),
        )
        .await
        .json();
    assert_eq!(
        refs(&rx),
        [format!("MedicationRequest/{}", w.ids["rx2025"])]
    );
    let old = w
        .app
        .get(
            &format!("/health-records/timeline?to_ms={}", Y2025_FROM),
            Some(&w.patient),
        )
        .await
        .json();
    assert_eq!(refs(&old), [format!("Observation/{}", w.ids["lab2019"])]);
    let first = w
        .app
        .get("/health-records/timeline?limit=4", Some(&w.patient))
        .await
        .json();
    let cursor = first["next_cursor"].as_str().expect("more");
    let second = w
        .app
        .get(
            &format!("/health-records/timeline?limit=4&cursor={cursor}"),
            Some(&w.patient),
        )
        .await
        .json();
    assert_eq!(refs(&first).len() + refs(&second).len(), 6);
    assert!(second["next_cursor"].is_null());
    let bad = w
        .app
        .get("/health-records/timeline?limit=500", Some(&w.patient))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Another patient's record is not the caller's to see.
    let other = w
        .app
        .get(
            &format!("/health-records/timeline?patient={}", w.other_id),
            Some(&w.patient),
        )
        .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_doctor_sees_the_timeline_only_as_far_as_consent_allows() {
    let w = world().await;
    let path = format!("/health-records/timeline?patient={}", w.patient_id);
    assert_eq!(
        w.app.get(&path, Some(&w.doctor)).await.status,
        StatusCode::FORBIDDEN
    );
    let id = w.request(&["DiagnosticReport"], Y2025_FROM, Y2025_TO).await;
    w.answer(&id, "grant", json!({})).await;
    let t = w.app.get(&path, Some(&w.doctor)).await.json();
    let mut got = refs(&t);
    got.sort();
    let mut want = vec![
        format!("DiagnosticReport/{}", w.ids["report2025"]),
        format!("Observation/{}", w.ids["lab2025"]),
    ];
    want.sort();
    assert_eq!(got, want, "{t}");
}

#[tokio::test]
async fn an_export_holds_every_record_of_the_patient_and_round_trips_into_an_empty_server() {
    let w = world().await;
    let r = w.app.get("/health-records/export", Some(&w.patient)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["content-type"], "application/fhir+json");
    let bundle = r.json();
    assert_eq!(bundle["type"], "collection");
    let resources: Vec<Value> = bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["resource"].clone())
        .collect();
    assert_eq!(resources.len(), 7, "the Patient and six records");
    assert!(
        resources
            .iter()
            .all(|r| r["id"] != w.ids["other_lab"].as_str())
    );

    let fresh = TestApp::new().await;
    let (_, admin) = fresh.account(Role::Admin).await;
    let entries: Vec<Value> = resources
        .iter()
        .map(|r| {
            let path = format!(
                "{}/{}",
                r["resourceType"].as_str().expect("type"),
                r["id"].as_str().expect("id")
            );
            json!({"resource": r, "request": {"method": "PUT", "url": path}})
        })
        .collect();
    let tx = json!({"resourceType": "Bundle", "type": "transaction", "entry": entries});
    let loaded = fresh
        .call(Method::POST, "/fhir", Some(&admin), Some(tx))
        .await;
    assert_eq!(loaded.status, StatusCode::OK, "{}", loaded.text());
    for original in &resources {
        let path = format!(
            "/fhir/{}/{}",
            original["resourceType"].as_str().expect("t"),
            original["id"].as_str().expect("id")
        );
        let mut copy = fresh.get(&path, Some(&admin)).await.json();
        let mut original = original.clone();
        for r in [&mut copy, &mut original] {
            r.as_object_mut().expect("object").remove("meta");
        }
        assert_eq!(copy, original, "{path}");
    }
}

async fn upload(
    app: &TestApp,
    token: &str,
    query: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> crate::util::TestResponse {
    let req = axum::http::Request::builder()
        .method(Method::POST)
        .uri(format!("/health-records/documents?{query}"))
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", content_type)
        .body(axum::body::Body::from(bytes))
        .expect("request");
    app.send(req).await
}

#[tokio::test]
async fn an_uploaded_report_joins_the_record_and_only_those_allowed_can_fetch_it() {
    let w = world().await;
    let pdf = b"%PDF-1.4\n% a discharge summary\n".to_vec();
    let r = upload(
        &w.app,
        &w.patient,
        "title=Discharge%20summary&date=2025-03-02",
        "application/pdf",
        pdf.clone(),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let sha = r.json()["sha256"].as_str().expect("sha").to_owned();
    let t = w
        .app
        .get(
            "/health-records/timeline?kind=HealthDocumentRecord",
            Some(&w.patient),
        )
        .await
        .json();
    assert_eq!(t["items"][0]["title"], "Discharge summary", "{t}");
    assert_eq!(t["items"][0]["patient_reported"], true);
    let path = format!("/health-records/documents/{sha}");
    let mine = w.app.get(&path, Some(&w.patient)).await;
    assert_eq!((mine.status, mine.body.clone()), (StatusCode::OK, pdf));
    assert_eq!(mine.headers["content-type"], "application/pdf");
    let other = w.app.login(&w.other_phone).await["access_token"]
        .as_str()
        .expect("t")
        .to_owned();
    assert_eq!(
        w.app.get(&path, Some(&other)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        w.app.get(&path, Some(&w.doctor)).await.status,
        StatusCode::NOT_FOUND
    );
    let id = w
        .request(&["HealthDocumentRecord"], Y2025_FROM, Y2025_TO)
        .await;
    w.answer(&id, "grant", json!({})).await;
    assert_eq!(
        w.app.get(&path, Some(&w.doctor)).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn uploads_that_are_not_what_they_claim_or_too_big_are_refused_and_nothing_is_stored() {
    let w = world().await;
    let cases = [
        (
            "title=x",
            "text/plain",
            b"hello".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "title=x",
            "application/pdf",
            b"MZ\x90\x00 not a pdf".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "title=x",
            "image/png",
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "title=",
            "application/pdf",
            b"%PDF-1.4".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "title=x&date=yesterday",
            "application/pdf",
            b"%PDF-1.4".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "title=x",
            "image/jpeg",
            [vec![0xFF, 0xD8, 0xFF], vec![0; 10 * 1024 * 1024]].concat(),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
    ];
    for (query, ty, bytes, want) in cases {
        let r = upload(&w.app, &w.patient, query, ty, bytes).await;
        assert_eq!(r.status, want, "{query} {ty}: {}", r.text());
    }
    let t = w
        .app
        .get(
            "/health-records/timeline?kind=HealthDocumentRecord",
            Some(&w.patient),
        )
        .await
        .json();
    assert_eq!(t["total"], 0);
}

#[tokio::test]
async fn blood_pressure_comes_back_as_a_series_oldest_first_within_consent() {
    let w = world().await;
    let bp = |date: &str, sys: f64, dia: f64| {
        json!({"resourceType": "Observation", "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs"}]}],
        "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]},
        "subject": {"reference": format!("Patient/{}", w.patient_id)}, "effectiveDateTime": date,
        "component": [
            {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]}, "valueQuantity": {"value": sys, "unit": "mm[Hg]"}},
            {"code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]}, "valueQuantity": {"value": dia, "unit": "mm[Hg]"}}
        ]})
    };
    for (date, sys, dia) in [
        ("2025-08-01", 150.0, 95.0),
        ("2024-01-01", 130.0, 85.0),
        ("2025-02-01", 142.0, 90.0),
    ] {
        let r = w
            .app
            .call(
                Method::POST,
                "/fhir/Observation",
                Some(&w.admin),
                Some(bp(date, sys, dia)),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    let t = w
        .app
        .get(
            "/health-records/trends?metric=blood_pressure",
            Some(&w.patient),
        )
        .await;
    assert_eq!(t.status, StatusCode::OK, "{}", t.text());
    let t = t.json();
    assert_eq!(t["series"], json!(["systolic", "diastolic"]));
    let values: Vec<Value> = t["points"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| p["values"].clone())
        .collect();
    assert_eq!(
        values,
        [
            json!([130.0, 85.0]),
            json!([142.0, 90.0]),
            json!([150.0, 95.0])
        ]
    );
    let path = format!(
        "/health-records/trends?metric=blood_pressure&patient={}",
        w.patient_id
    );
    assert_eq!(
        w.app.get(&path, Some(&w.doctor)).await.status,
        StatusCode::FORBIDDEN
    );
    let id = w.request(&["WellnessRecord"], Y2025_FROM, Y2025_TO).await;
    w.answer(&id, "grant", json!({})).await;
    let seen = w.app.get(&path, Some(&w.doctor)).await.json();
    assert_eq!(
        seen["points"].as_array().map(Vec::len),
        Some(2),
        "only this year's readings: {seen}"
    );
    let bad = w
        .app
        .get(
            "/health-records/trends?metric=cholesterol",
            Some(&w.patient),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}
