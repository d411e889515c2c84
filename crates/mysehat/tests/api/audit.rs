//! The audit trail: what gets written, who can read it, and tampering caught by
//! `mysehat audit verify`.

use crate::util::TestApp;
use axum::http::StatusCode;
use mysehat_domain::Role;
use mysehat_domain::audit::{AuditDraft, Outcome};
use mysehat_storage::{AuditQuery, SqliteStore, Store};
use serde_json::json;
use std::process::Command;

async fn actions(app: &TestApp) -> Vec<(String, Outcome)> {
    let entries = app
        .state
        .store
        .audit_page(&AuditQuery {
            limit: 100,
            ..Default::default()
        })
        .await
        .expect("audit");
    entries
        .into_iter()
        .rev()
        .map(|e| (e.draft.action, e.draft.outcome))
        .collect()
}

#[tokio::test]
async fn changes_failures_and_refusals_are_all_audited() {
    let app = TestApp::new().await;
    let (phone, user) = app.register_patient("Audited").await;
    app.post(
        "/auth/login",
        None,
        json!({"phone": phone, "password": "wrong-password"}),
    )
    .await;
    let tokens = app.login(&phone).await;
    app.post(
        "/auth/refresh",
        None,
        json!({"refresh_token": tokens["refresh_token"]}),
    )
    .await;
    let denied = app
        .get("/api/v1/audit", tokens["access_token"].as_str())
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(
        actions(&app).await,
        [
            ("auth.register".to_owned(), Outcome::Success),
            ("auth.login".to_owned(), Outcome::Failed),
            ("auth.login".to_owned(), Outcome::Success),
            ("auth.refresh".to_owned(), Outcome::Success),
            ("access.denied".to_owned(), Outcome::Denied),
        ]
    );
    let entries = app.state.store.audit_chain(0, 10).await.expect("chain");
    let register = &entries[0].draft;
    assert_eq!(register.actor.as_deref(), user["id"].as_str());
    assert!(register.request_id.is_some(), "the request id is recorded");
    // No phone numbers or names in the trail: ids only.
    let all = format!("{entries:?}");
    assert!(!all.contains(&phone) && !all.contains("Audited"), "{all}");
}

#[tokio::test]
async fn a_patient_sees_who_read_their_account_and_an_admin_pages_the_log() {
    let app = TestApp::new().await;
    let (phone, patient) = app.register_patient("Private Person").await;
    let patient_token = app.login(&phone).await["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let (admin_id, admin) = app.account(Role::Admin).await;
    let id = patient["id"].as_str().expect("id");
    assert_eq!(
        app.get(&format!("/auth/users/{id}"), Some(&admin))
            .await
            .status,
        StatusCode::OK
    );

    let log = app.get("/auth/me/access-log", Some(&patient_token)).await;
    assert_eq!(log.status, StatusCode::OK);
    let log = log.json();
    let entries = log.as_array().expect("list");
    assert_eq!(entries.len(), 1, "{log}");
    assert_eq!(entries[0]["actor"], admin_id.as_str());
    assert_eq!(entries[0]["role"], "admin");
    assert_eq!(entries[0]["action"], "users.read");

    let page = app.get("/api/v1/audit?limit=2", Some(&admin)).await.json();
    let page = page.as_array().expect("list").clone();
    assert_eq!(page.len(), 2);
    let last = page[1]["seq"].as_i64().expect("seq");
    let older = app
        .get(
            &format!("/api/v1/audit?limit=50&before={last}"),
            Some(&admin),
        )
        .await
        .json();
    assert!(
        older
            .as_array()
            .expect("list")
            .iter()
            .all(|e| e["seq"].as_i64() < Some(last))
    );
}

/// A SQLite data dir with a chain of five entries.
async fn chain_of_five() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("mysehat.db"))
        .await
        .expect("open");
    store.migrate().await.expect("migrate");
    for i in 1..=5 {
        let mut d = AuditDraft::new("records.read", Outcome::Success);
        d.target = Some(format!("record/{i}"));
        store.append_audit(d).await.expect("append");
    }
    (dir, store)
}

fn verify(dir: &tempfile::TempDir) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mysehat"))
        .args(["audit", "verify"])
        .env("MYSEHAT_DATA_DIR", dir.path())
        .env("MYSEHAT_LOG_FORMAT", "pretty")
        .output()
        .expect("mysehat runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

async fn exec(store: &SqliteStore, sql: &'static str) {
    sqlx::query(sql)
        .execute(store.pool())
        .await
        .expect("tamper");
}

#[tokio::test]
async fn verify_passes_an_intact_chain() {
    let (dir, _store) = chain_of_five().await;
    let (ok, text) = verify(&dir);
    assert!(ok, "{text}");
    assert!(text.contains("5 entries verified"), "{text}");
}

#[tokio::test]
async fn verify_names_an_edited_entry() {
    let (dir, store) = chain_of_five().await;
    exec(
        &store,
        "UPDATE audit_log SET target = 'record/99' WHERE seq = 3",
    )
    .await;
    let (ok, text) = verify(&dir);
    assert!(!ok);
    assert!(text.contains("entry 3 was edited"), "{text}");
}

#[tokio::test]
async fn verify_names_a_deleted_entry() {
    let (dir, store) = chain_of_five().await;
    exec(&store, "DELETE FROM audit_log WHERE seq = 2").await;
    let (ok, text) = verify(&dir);
    assert!(!ok);
    assert!(text.contains("entry 2 is missing"), "{text}");
    let (dir, store) = chain_of_five().await;
    exec(&store, "DELETE FROM audit_log WHERE seq = 5").await;
    let (ok, text) = verify(&dir);
    assert!(!ok);
    assert!(text.contains("entry 5 is missing"), "{text}");
}

#[tokio::test]
async fn verify_names_reordered_entries() {
    let (dir, store) = chain_of_five().await;
    exec(&store, "UPDATE audit_log SET seq = 100 WHERE seq = 2").await;
    exec(&store, "UPDATE audit_log SET seq = 2 WHERE seq = 3").await;
    exec(&store, "UPDATE audit_log SET seq = 3 WHERE seq = 100").await;
    let (ok, text) = verify(&dir);
    assert!(!ok);
    assert!(text.contains("entry 2 does not follow entry 1"), "{text}");
}

#[tokio::test]
async fn verify_names_an_inserted_entry() {
    let (dir, store) = chain_of_five().await;
    // A forger appends a well-formed entry but cannot move the head in the same breath.
    let last = store.audit_chain(4, 1).await.expect("chain").remove(0);
    let forged =
        AuditDraft::new("records.read", Outcome::Success).seal(6, last.at_ms + 1, &last.hash);
    sqlx::query(
        "INSERT INTO audit_log (seq, at_ms, action, outcome, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(forged.seq)
    .bind(forged.at_ms)
    .bind(&forged.draft.action)
    .bind("success")
    .bind(&forged.prev_hash)
    .bind(&forged.hash)
    .execute(store.pool())
    .await
    .expect("insert");
    let (ok, text) = verify(&dir);
    assert!(!ok);
    assert!(
        text.contains("entry 6 is not covered by the chain head"),
        "{text}"
    );
}
