//! The test app: a fresh SQLite database (or PostgreSQL schema) per test, a built-in web
//! shell, and helpers that speak HTTP to the real router.

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use mysehat::config::{Sensitive, Settings};
use mysehat::state::AppState;
use mysehat_domain::Role;
use mysehat_domain::audit::{AuditDraft, Outcome};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use tower::ServiceExt;

pub const PASSWORD: &str = "correct-horse-42";

#[derive(Debug)]
pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub dir: tempfile::TempDir,
    next_phone: AtomicU32,
}

#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn error_code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

pub fn settings_for(dir: &std::path::Path) -> Settings {
    let web = dir.join("web");
    std::fs::create_dir_all(web.join("assets")).expect("web dir");
    std::fs::write(
        web.join("index.html"),
        "<!doctype html><title>MySehat shell</title>",
    )
    .expect("index");
    std::fs::write(web.join("assets/app-1234.js"), "console.log('app')").expect("asset");
    Settings {
        data_dir: dir.to_path_buf(),
        web_dir: web,
        jwt_secret_key: Some(Sensitive::new("test-signing-key")),
        ..Settings::default()
    }
}

impl TestApp {
    /// A fresh app on SQLite.
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let settings = settings_for(dir.path());
        let store = mysehat::server::open_store(&settings).await.expect("store");
        Self::with(settings, store, dir)
    }

    /// A fresh app on its own PostgreSQL schema, when `MYSEHAT_TEST_DATABASE_URL` is set.
    pub async fn on_postgres() -> Option<Self> {
        let schema = format!("api_{}", uuid::Uuid::now_v7().simple());
        Self::on_postgres_schema(&schema).await
    }

    pub async fn on_postgres_schema(schema: &str) -> Option<Self> {
        let url = std::env::var("MYSEHAT_TEST_DATABASE_URL").ok()?;
        let dir = tempfile::tempdir().expect("temp dir");
        let store = mysehat_storage::PostgresStore::connect(&url, Some(schema))
            .await
            .expect("PostgreSQL reachable");
        let store: std::sync::Arc<dyn mysehat_storage::Store> = std::sync::Arc::new(store);
        store.migrate().await.expect("migrations");
        Some(Self::with(settings_for(dir.path()), store, dir))
    }

    /// A second instance on the same PostgreSQL schema as `self` (same signing key).
    pub async fn second_instance(&self, url: &str, schema: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = mysehat_storage::PostgresStore::connect(url, Some(schema))
            .await
            .expect("PostgreSQL reachable");
        let store: std::sync::Arc<dyn mysehat_storage::Store> = std::sync::Arc::new(store);
        store
            .migrate()
            .await
            .expect("migrations are safe to run again");
        Self::with(settings_for(dir.path()), store, dir)
    }

    fn with(
        settings: Settings,
        store: std::sync::Arc<dyn mysehat_storage::Store>,
        dir: tempfile::TempDir,
    ) -> Self {
        let state = mysehat::server::state(settings, store).expect("state");
        Self {
            router: mysehat::app::build(state.clone()),
            state,
            dir,
            next_phone: AtomicU32::new(0),
        }
    }

    pub async fn send(&self, mut req: Request<Body>) -> TestResponse {
        if req.extensions().get::<ConnectInfo<SocketAddr>>().is_none() {
            req.extensions_mut()
                .insert(ConnectInfo(SocketAddr::from(([203, 0, 113, 7], 40_000))));
        }
        let response = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        TestResponse {
            status,
            headers,
            body,
        }
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> TestResponse {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = match body {
            Some(b) => req
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        };
        self.send(req.expect("request")).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> TestResponse {
        self.call(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> TestResponse {
        self.call(Method::POST, path, token, Some(body)).await
    }

    /// A new unique Indian mobile number, as a person might type it.
    pub fn phone(&self) -> String {
        let n = self.next_phone.fetch_add(1, Ordering::Relaxed);
        format!("98{n:08}")
    }

    /// Registers a patient; returns (phone, user JSON).
    pub async fn register_patient(&self, name: &str) -> (String, Value) {
        let phone = self.phone();
        let r = self
            .post(
                "/auth/register",
                None,
                json!({"name": name, "phone": phone, "password": PASSWORD}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        (phone, r.json())
    }

    /// Logs in; returns the token pair JSON.
    pub async fn login(&self, phone: &str) -> Value {
        let r = self
            .post(
                "/auth/login",
                None,
                json!({"phone": phone, "password": PASSWORD}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        r.json()
    }

    /// Makes an account of `role` straight in the store and returns (user id, access token).
    pub async fn account(&self, role: Role) -> (String, String) {
        self.account_at(role, "facility-1").await
    }

    /// Like [`account`](Self::account), for a staff member of `facility`.
    pub async fn account_at(&self, role: Role, facility: &str) -> (String, String) {
        let phone = self.phone();
        let form = mysehat::auth::users::AccountForm {
            name: format!("Test {role}"),
            phone: phone.clone(),
            password: PASSWORD.into(),
            language: None,
            role,
            facility_id: Some(facility.into()),
            area: Some("area-1".into()),
        };
        let user = mysehat::auth::create_account(self.state.store.as_ref(), form, |_| {
            AuditDraft::new("users.create", Outcome::Success)
        })
        .await
        .expect("account");
        let tokens = self.login(&phone).await;
        let token = tokens["access_token"].as_str().expect("token").to_owned();
        (user.id.to_string(), token)
    }
}
