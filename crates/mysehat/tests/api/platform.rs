//! The platform surface: health, OpenAPI and Swagger UI, module placeholders, the web app
//! fallback, and the shared middleware (request ids, compression, Hindi errors).

use crate::util::TestApp;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

#[tokio::test]
async fn health_reports_the_database() {
    let app = TestApp::new().await;
    let r = app.get("/health", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["status"], "ok");
    assert_eq!(r.json()["database"], "ok");
    assert_eq!(r.json()["backend"], "sqlite");
}

#[tokio::test]
async fn the_openapi_document_is_served_and_matches_the_snapshot() {
    let app = TestApp::new().await;
    let r = app.get("/openapi.json", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.1.0");
    insta::assert_json_snapshot!("openapi", doc);
    let ui = app.get("/docs/", None).await;
    assert_eq!(ui.status, StatusCode::OK);
    assert!(
        ui.text().contains("swagger"),
        "Swagger UI is served from vendored files"
    );
}

#[tokio::test]
async fn modules_not_built_yet_answer_501_under_their_prefixes() {
    let app = TestApp::new().await;
    for path in [
        "/diagnostics/uploads",
        "/medicine-reminder/x",
        "/mental-health/phq9",
    ] {
        let r = app.get(path, None).await;
        assert_eq!(r.status, StatusCode::NOT_IMPLEMENTED, "{path}");
        assert_eq!(r.error_code(), "not_implemented", "{path}");
    }
}

#[tokio::test]
async fn unknown_api_addresses_are_json_404s_but_app_deep_links_get_the_shell() {
    let app = TestApp::new().await;
    let r = app.get("/auth/no-such-thing", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.error_code(), "not_found");
    let r = app.get("/api/v2/anything", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.get("/sos/no-such-thing", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.error_code(), "not_found");

    let r = app.get("/records/timeline/2024", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text().contains("MySehat shell"));
    assert_eq!(r.headers[header::CACHE_CONTROL], "no-cache");
    // App pages under an API prefix: a browser navigating gets the app, an API client the API.
    for page in [
        "/sos",
        "/sos/incidents/0190a0b0-0000-7000-8000-000000000000",
    ] {
        let req = axum::http::Request::builder()
            .uri(page)
            .header(header::ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
            .body(axum::body::Body::empty())
            .expect("request");
        let r = app.send(req).await;
        assert_eq!(r.status, StatusCode::OK, "{page}");
        assert!(r.text().contains("MySehat shell"), "{page}");
    }
    let r = app
        .get("/sos/incidents/0190a0b0-0000-7000-8000-000000000000", None)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = app.get("/assets/app-1234.js", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.headers[header::CACHE_CONTROL]
            .to_str()
            .is_ok_and(|v| v.contains("immutable"))
    );
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_large_ones_are_compressed() {
    let app = TestApp::new().await;
    let req = Request::get("/openapi.json")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .expect("request");
    let r = app.send(req).await;
    assert_eq!(r.headers[header::CONTENT_ENCODING], "gzip");
    assert!(r.headers.contains_key("x-request-id"));
    let req = Request::get("/health")
        .header("x-request-id", "trace-me-123")
        .body(Body::empty())
        .expect("request");
    assert_eq!(app.send(req).await.headers["x-request-id"], "trace-me-123");
}

#[tokio::test]
async fn errors_come_in_hindi_when_the_caller_prefers_hindi() {
    let app = TestApp::new().await;
    let req = Request::post("/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "hi-IN,hi;q=0.9,en;q=0.5")
        .body(Body::from(
            r#"{"phone": "9123456789", "password": "whatever1"}"#,
        ))
        .expect("request");
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.error_code(), "invalid_credentials");
    assert_eq!(r.json()["error"]["message"], "मोबाइल नंबर या पासवर्ड गलत है।");
    let req = Request::get("/auth/nowhere")
        .header(header::ACCEPT_LANGUAGE, "hi")
        .body(Body::empty())
        .expect("request");
    assert_eq!(
        app.send(req).await.json()["error"]["message"],
        "आपने जो माँगा वह हमें नहीं मिला।"
    );
}

#[tokio::test]
async fn bad_query_parameters_are_a_400_not_a_500() {
    let app = TestApp::new().await;
    let (_, admin) = app.account(mysehat_domain::Role::Admin).await;
    let r = app.get("/api/v1/audit?limit=lots", Some(&admin)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.error_code(), "invalid_request");
}

#[tokio::test]
async fn demo_data_gives_every_role_an_account_and_the_patient_a_record() {
    let app = TestApp::new().await;
    let store = app.state.store.as_ref();
    assert_eq!(mysehat::demo::seed(store).await.expect("seeded"), 9);
    assert_eq!(
        mysehat::demo::seed(store)
            .await
            .expect("seeding again is harmless"),
        0
    );
    let login = app
        .post(
            "/auth/login",
            None,
            serde_json::json!({"phone": "9000000007", "password": mysehat::demo::DEMO_PASSWORD}),
        )
        .await;
    assert_eq!(login.status, StatusCode::OK);
    let token = login.json()["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let record = app
        .get("/fhir/Observation?_total=accurate", Some(&token))
        .await
        .json();
    assert_eq!(
        record["total"], 3,
        "blood pressure, glucose and haemoglobin"
    );
    let allergies = app
        .get("/fhir/AllergyIntolerance", Some(&token))
        .await
        .json();
    assert_eq!(
        allergies["entry"][0]["resource"]["code"]["text"],
        "Penicillin"
    );
}

#[tokio::test]
async fn hindi_errors_survive_compression() {
    let app = TestApp::new().await;
    let body = format!(
        r#"{{"phone": "9123456789", "password": "{}"}}"#,
        "x".repeat(2000)
    );
    let req = Request::post("/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "hi")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::from(body))
        .expect("request");
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        r.headers
            .get(header::CONTENT_LANGUAGE)
            .map(|v| v.as_bytes()),
        Some(&b"hi"[..])
    );
}
