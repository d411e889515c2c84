//! Registration, login, tokens, throttling and staff accounts, as a client sees them.

use crate::util::{PASSWORD, TestApp};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use mysehat_domain::Role;
use serde_json::json;

#[tokio::test]
async fn a_patient_registers_logs_in_and_sees_their_account() {
    let app = TestApp::new().await;
    let r = app
        .post(
            "/auth/register",
            None,
            json!({"name": "  Sunita   Devi ", "phone": "+91 98765 43210", "password": PASSWORD, "language": "hi"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let user = r.json();
    assert_eq!(user["name"], "Sunita Devi");
    assert_eq!(user["phone"], "+919876543210");
    assert_eq!(user["role"], "patient");
    assert_eq!(user["language"], "hi");
    assert!(user.get("password_hash").is_none());

    let tokens = app.login("09876543210").await;
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 900);
    let me = app.get("/auth/me", tokens["access_token"].as_str()).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["id"], user["id"]);
}

#[tokio::test]
async fn each_bad_registration_field_is_named_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let cases = [
        (
            json!({"name": "", "phone": "9876543210", "password": PASSWORD}),
            "invalid_name",
            "name",
        ),
        (
            json!({"name": "A", "phone": "12345", "password": PASSWORD}),
            "invalid_phone",
            "phone",
        ),
        (
            json!({"name": "A", "phone": "9876543210", "password": "short"}),
            "weak_password",
            "password",
        ),
        (
            json!({"name": "A", "phone": "9876543210", "password": PASSWORD, "language": "fr"}),
            "validation_failed",
            "language",
        ),
        (
            json!({"name": "A", "password": PASSWORD}),
            "validation_failed",
            "phone",
        ),
        (
            json!({"name": 7, "phone": "9876543210", "password": PASSWORD}),
            "validation_failed",
            "name",
        ),
        (
            json!({"name": "A", "phone": "9876543210", "password": PASSWORD, "role": "admin"}),
            "validation_failed",
            "",
        ),
    ];
    for (body, code, field) in cases {
        let r = app.post("/auth/register", None, body.clone()).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.text()
        );
        assert_eq!(r.error_code(), code, "{body}");
        if !field.is_empty() {
            assert_eq!(r.json()["error"]["field"], field, "{body}");
        }
    }
    let r = app
        .post(
            "/auth/login",
            None,
            json!({"phone": "9876543210", "password": PASSWORD}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNAUTHORIZED,
        "no account was created by any bad request"
    );
}

#[tokio::test]
async fn malformed_and_non_json_bodies_get_clear_4xx_errors() {
    let app = TestApp::new().await;
    let broken = Request::post("/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{\"phone\": "))
        .expect("request");
    let r = app.send(broken).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.error_code(), "malformed_json");

    let form = Request::post("/auth/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("phone=1"))
        .expect("request");
    let r = app.send(form).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(r.error_code(), "unsupported_media_type");

    let huge =
        json!({"name": "x".repeat(2 * 1024 * 1024), "phone": "9876543210", "password": PASSWORD});
    let r = app.post("/auth/register", None, huge).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.error_code(), "payload_too_large");
}

#[tokio::test]
async fn a_taken_phone_number_is_a_conflict() {
    let app = TestApp::new().await;
    let (phone, _) = app.register_patient("First").await;
    let r = app
        .post(
            "/auth/register",
            None,
            json!({"name": "Second", "phone": format!("+91{phone}"), "password": PASSWORD}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "phone_taken");
    assert_eq!(r.json()["error"]["field"], "phone");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_phone_look_the_same() {
    let app = TestApp::new().await;
    let (phone, _) = app.register_patient("Asha").await;
    let wrong = app
        .post(
            "/auth/login",
            None,
            json!({"phone": phone, "password": "not-the-password"}),
        )
        .await;
    let unknown = app
        .post(
            "/auth/login",
            None,
            json!({"phone": "9123456789", "password": PASSWORD}),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.body, unknown.body);
}

#[tokio::test]
async fn refresh_rotates_and_a_reused_refresh_token_ends_the_whole_sign_in() {
    let app = TestApp::new().await;
    let (phone, _) = app.register_patient("Ravi").await;
    let refresh = |token: serde_json::Value| {
        let app = &app;
        async move {
            app.post("/auth/refresh", None, json!({ "refresh_token": token }))
                .await
        }
    };
    let first = app.login(&phone).await;
    let r = refresh(first["refresh_token"].clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let second = r.json();
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_eq!(
        app.get("/auth/me", second["access_token"].as_str())
            .await
            .status,
        StatusCode::OK
    );
    let third = refresh(second["refresh_token"].clone()).await.json();

    // An attacker replays the first refresh token: refused, and the live one dies with it.
    let r = refresh(first["refresh_token"].clone()).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.error_code(), "invalid_token");
    let r = refresh(third["refresh_token"].clone()).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_refresh_retried_after_a_lost_reply_keeps_the_sign_in() {
    let app = TestApp::new().await;
    let (phone, _) = app.register_patient("Weak Signal").await;
    let first = app.login(&phone).await;
    let body = json!({"refresh_token": first["refresh_token"]});
    let lost = app.post("/auth/refresh", None, body.clone()).await;
    assert_eq!(lost.status, StatusCode::OK);
    // The phone never saw that reply and retries with the same token.
    let retried = app.post("/auth/refresh", None, body).await;
    assert_eq!(retried.status, StatusCode::OK, "{}", retried.text());
    let next = retried.json();
    let r = app
        .post(
            "/auth/refresh",
            None,
            json!({"refresh_token": next["refresh_token"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "the sign-in goes on");
    let r = app
        .post(
            "/auth/refresh",
            None,
            json!({"refresh_token": lost.json()["refresh_token"]}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNAUTHORIZED,
        "the reply that was lost holds a dead token"
    );
}

#[tokio::test]
async fn logout_revokes_the_refresh_token() {
    let app = TestApp::new().await;
    let (phone, _) = app.register_patient("Kavya").await;
    let tokens = app.login(&phone).await;
    let r = app
        .post(
            "/auth/logout",
            None,
            json!({"refresh_token": tokens["refresh_token"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = app
        .post(
            "/auth/refresh",
            None,
            json!({"refresh_token": tokens["refresh_token"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // Logging out twice is harmless.
    let r = app
        .post(
            "/auth/logout",
            None,
            json!({"refresh_token": tokens["refresh_token"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn repeated_failed_logins_are_throttled_with_retry_after() {
    let app = TestApp::new().await;
    let (phone, _) = app.register_patient("Meena").await;
    for attempt in 1..=5 {
        let r = app
            .post(
                "/auth/login",
                None,
                json!({"phone": phone, "password": "guess-guess"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let r = app
        .post(
            "/auth/login",
            None,
            json!({"phone": phone, "password": PASSWORD}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert_eq!(r.error_code(), "too_many_attempts");
    let retry: u64 = r.headers[header::RETRY_AFTER]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&retry), "{retry}");
    // Another account from another address is not affected.
    let (other, _) = app.register_patient("Other").await;
    let req = Request::post("/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .extension(axum::extract::ConnectInfo(std::net::SocketAddr::from((
            [198, 51, 100, 1],
            1,
        ))))
        .body(Body::from(
            json!({"phone": other, "password": PASSWORD}).to_string(),
        ))
        .expect("request");
    assert_eq!(app.send(req).await.status, StatusCode::OK);
}

#[tokio::test]
async fn failed_logins_from_one_address_lock_that_address() {
    let app = TestApp::new().await;
    for i in 0..30 {
        let r = app
            .post(
                "/auth/login",
                None,
                json!({"phone": format!("91{i:08}"), "password": "x-x-x-x-x"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let (phone, _) = app.register_patient("Innocent").await;
    let r = app
        .post(
            "/auth/login",
            None,
            json!({"phone": phone, "password": PASSWORD}),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn an_admin_makes_staff_accounts_that_need_a_facility_or_area() {
    let app = TestApp::new().await;
    let (_, admin) = app.account(Role::Admin).await;
    let doctor =
        json!({"name": "Dr. Rao", "phone": app.phone(), "password": PASSWORD, "role": "doctor"});
    let r = app.post("/auth/users", Some(&admin), doctor.clone()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "missing_affiliation");
    assert_eq!(r.json()["error"]["field"], "facility_id");

    let mut with_facility = doctor.clone();
    with_facility["facility_id"] = json!("phc-rampur");
    let r = app.post("/auth/users", Some(&admin), with_facility).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["facility_id"], "phc-rampur");

    let bad_role =
        json!({"name": "X", "phone": app.phone(), "password": PASSWORD, "role": "superuser"});
    let r = app.post("/auth/users", Some(&admin), bad_role).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["field"], "role");

    let list = app.get("/auth/users?limit=10", Some(&admin)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.json()
            .as_array()
            .is_some_and(|a| a.iter().any(|u| u["name"] == "Dr. Rao"))
    );
}

#[tokio::test]
async fn the_same_flow_works_on_postgres() {
    let Some(app) = TestApp::on_postgres().await else {
        eprintln!("MYSEHAT_TEST_DATABASE_URL is not set: PostgreSQL not tested");
        return;
    };
    let (phone, user) = app.register_patient("Postgres Patient").await;
    let tokens = app.login(&phone).await;
    let me = app.get("/auth/me", tokens["access_token"].as_str()).await;
    assert_eq!(me.json()["id"], user["id"]);
    let verified = mysehat_storage::verify_audit_chain(app.state.store.as_ref())
        .await
        .expect("walk");
    assert_eq!(verified, Ok(2));
}

#[tokio::test]
async fn two_instances_on_one_postgres_share_accounts_sessions_throttles_and_one_audit_chain() {
    let schema = format!("api_{}", uuid::Uuid::now_v7().simple());
    let Some(a) = TestApp::on_postgres_schema(&schema).await else {
        eprintln!("MYSEHAT_TEST_DATABASE_URL is not set: PostgreSQL not tested");
        return;
    };
    let url = std::env::var("MYSEHAT_TEST_DATABASE_URL").expect("set");
    let b = a.second_instance(&url, &schema).await;
    let (phone, _) = a.register_patient("Shared").await;
    let tokens = b.login(&phone).await;
    assert_eq!(
        a.get("/auth/me", tokens["access_token"].as_str())
            .await
            .status,
        StatusCode::OK
    );
    let r = a
        .post(
            "/auth/refresh",
            None,
            json!({"refresh_token": tokens["refresh_token"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    // The successor is used on the other instance; the spent token is then refused there too.
    let r = b
        .post(
            "/auth/refresh",
            None,
            json!({"refresh_token": r.json()["refresh_token"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = b
        .post(
            "/auth/refresh",
            None,
            json!({"refresh_token": tokens["refresh_token"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // Failures on both instances count against one account.
    for app in [&a, &b, &a, &b, &a] {
        app.post(
            "/auth/login",
            None,
            json!({"phone": phone, "password": "wrong-pass"}),
        )
        .await;
    }
    let r = b
        .post(
            "/auth/login",
            None,
            json!({"phone": phone, "password": PASSWORD}),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // Both instances append concurrently to one unbroken chain.
    let writers = (0..10).map(|i| {
        let app = if i % 2 == 0 { &a } else { &b };
        app.post(
            "/auth/login",
            None,
            json!({"phone": "9111111111", "password": "nobody-here"}),
        )
    });
    futures_util::future::join_all(writers).await;
    let verified = mysehat_storage::verify_audit_chain(b.state.store.as_ref())
        .await
        .expect("walk");
    assert!(verified.as_ref().is_ok_and(|n| *n > 15), "{verified:?}");
}
