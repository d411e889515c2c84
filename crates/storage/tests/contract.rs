//! The storage contract: one behaviour suite, run on SQLite always and on PostgreSQL whenever
//! `MYSEHAT_TEST_DATABASE_URL` is set (CI sets it and fails if PostgreSQL is unreachable).

use mysehat_domain::audit::{AuditDraft, Outcome};
use mysehat_domain::{Language, PersonName, PhoneNumber, Role, UserId};
use mysehat_storage::{
    AuditQuery, NewRefreshToken, NewUser, PostgresStore, Rotation, SqliteStore, Store, StoreError,
    ThrottlePolicy, verify_audit_chain,
};
use std::sync::Arc;

struct Fixture {
    store: Arc<dyn Store>,
    _dir: Option<tempfile::TempDir>,
}

async fn sqlite() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("contract.db"))
        .await
        .expect("open sqlite");
    store.migrate_for_test().await;
    Fixture {
        store: Arc::new(store),
        _dir: Some(dir),
    }
}

async fn postgres() -> Option<Fixture> {
    let url = std::env::var("MYSEHAT_TEST_DATABASE_URL").ok()?;
    let schema = format!("contract_{}", UserId::new().to_string().replace('-', ""));
    let store = PostgresStore::connect(&url, Some(&schema))
        .await
        .expect("connect to PostgreSQL");
    store.migrate_for_test().await;
    Some(Fixture {
        store: Arc::new(store),
        _dir: None,
    })
}

trait MigrateForTest {
    async fn migrate_for_test(&self);
}

impl<S: Store> MigrateForTest for S {
    async fn migrate_for_test(&self) {
        self.migrate().await.expect("migrations apply");
    }
}

/// Declares each contract test once per backend.
macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name(super::sqlite().await.store).await; })*
        }
        mod on_postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                match super::postgres().await {
                    Some(f) => super::$name(f.store).await,
                    None => eprintln!("MYSEHAT_TEST_DATABASE_URL is not set: PostgreSQL not tested"),
                }
            })*
        }
    };
}

contract!(
    migrating_twice_changes_nothing,
    a_user_is_found_by_id_and_phone,
    a_taken_phone_is_a_conflict_and_writes_no_audit_entry,
    users_page_in_creation_order,
    a_refresh_token_rotates_once_and_reuse_revokes_the_family,
    a_refresh_retried_after_a_lost_reply_is_answered_within_the_grace,
    a_refresh_retried_after_the_grace_ends_the_sign_in,
    expired_and_unknown_tokens_do_not_rotate,
    ending_a_session_revokes_every_token_of_the_login,
    repeated_failures_lock_a_key_until_cleared,
    the_audit_chain_verifies_and_pages_newest_first,
    concurrent_appends_keep_one_unbroken_chain,
    a_batch_of_entries_joins_the_chain_in_order,
);

fn user(phone: &str, role: Role) -> NewUser {
    NewUser {
        id: UserId::new(),
        phone: PhoneNumber::parse(phone).expect("valid phone"),
        name: PersonName::parse("Sunita Devi").expect("valid name"),
        role,
        language: Language::Hi,
        password_hash: "$argon2id$fake".into(),
        facility_id: None,
        area: None,
        created_at_ms: 1_700_000_000_000,
    }
}

fn draft(action: &str) -> AuditDraft {
    AuditDraft::new(action, Outcome::Success)
}

fn token(hash: &str, user: UserId, expires_at_ms: i64) -> NewRefreshToken {
    NewRefreshToken {
        token_hash: hash.into(),
        family_id: format!("family-of-{hash}"),
        user_id: user,
        issued_at_ms: 0,
        expires_at_ms,
    }
}

async fn migrating_twice_changes_nothing(store: Arc<dyn Store>) {
    store
        .migrate()
        .await
        .expect("second migration run is a no-op");
    store.ping().await.expect("database answers");
}

async fn a_user_is_found_by_id_and_phone(store: Arc<dyn Store>) {
    let u = user("9876543210", Role::Patient);
    store
        .create_user(&u, draft("auth.register"))
        .await
        .expect("created");
    assert_eq!(store.user_by_id(u.id).await.expect("read"), Some(u.clone()));
    assert_eq!(
        store.user_by_phone(&u.phone).await.expect("read"),
        Some(u.clone())
    );
    assert_eq!(store.user_by_id(UserId::new()).await.expect("read"), None);
}

async fn a_taken_phone_is_a_conflict_and_writes_no_audit_entry(store: Arc<dyn Store>) {
    let first = user("9876543210", Role::Patient);
    store
        .create_user(&first, draft("auth.register"))
        .await
        .expect("created");
    let again = user("+91 98765 43210", Role::Doctor);
    let err = store.create_user(&again, draft("auth.register")).await;
    assert!(matches!(err, Err(StoreError::Conflict("phone"))), "{err:?}");
    assert_eq!(
        store.audit_head().await.expect("head").map(|h| h.seq),
        Some(1)
    );
    assert_eq!(store.user_by_id(again.id).await.expect("read"), None);
}

async fn users_page_in_creation_order(store: Arc<dyn Store>) {
    let mut ids = Vec::new();
    for phone in ["9000000001", "9000000002", "9000000003"] {
        let u = user(phone, Role::HealthWorker);
        store
            .create_user(&u, draft("users.create"))
            .await
            .expect("created");
        ids.push(u.id);
    }
    let first = store.list_users(None, 2).await.expect("page");
    assert_eq!(first.iter().map(|u| u.id).collect::<Vec<_>>(), ids[..2]);
    let rest = store.list_users(Some(ids[1]), 2).await.expect("page");
    assert_eq!(rest.iter().map(|u| u.id).collect::<Vec<_>>(), ids[2..]);
}

async fn a_refresh_token_rotates_once_and_reuse_revokes_the_family(store: Arc<dyn Store>) {
    let u = user("9876543210", Role::Patient);
    store
        .create_user(&u, draft("auth.register"))
        .await
        .expect("created");
    let start = draft("auth.login");
    store
        .start_session(&token("t1", u.id, i64::MAX), start)
        .await
        .expect("session");
    let rotate = |old: &'static str, new: &'static str, at: i64| {
        let store = store.clone();
        async move {
            store
                .rotate_session(old, &token(new, u.id, i64::MAX), at, draft("auth.refresh"))
                .await
        }
    };
    assert_eq!(
        rotate("t1", "t2", 10).await.expect("rotate"),
        Rotation::Rotated { user_id: u.id }
    );
    assert_eq!(
        rotate("t2", "t3", 15).await.expect("rotate"),
        Rotation::Rotated { user_id: u.id }
    );
    // t2 was used, so a copy of t1 presented again, even at once, is theft: the whole login
    // is revoked, the live t3 included.
    assert_eq!(
        rotate("t1", "t3b", 20).await.expect("rotate"),
        Rotation::Reused { user_id: u.id }
    );
    assert_eq!(
        rotate("t3", "t4", 30).await.expect("rotate"),
        Rotation::Reused { user_id: u.id }
    );
    let reuse = store
        .audit_page(&AuditQuery {
            limit: 10,
            ..Default::default()
        })
        .await
        .expect("audit");
    assert!(
        reuse
            .iter()
            .any(|e| e.draft.action == "auth.refresh_reuse" && e.draft.outcome == Outcome::Denied)
    );
}

async fn a_refresh_retried_after_a_lost_reply_is_answered_within_the_grace(store: Arc<dyn Store>) {
    let u = user("9876543210", Role::Patient);
    store
        .create_user(&u, draft("auth.register"))
        .await
        .expect("created");
    store
        .start_session(&token("t1", u.id, i64::MAX), draft("auth.login"))
        .await
        .expect("session");
    let r = store
        .rotate_session(
            "t1",
            &token("t2", u.id, i64::MAX),
            1_000,
            draft("auth.refresh"),
        )
        .await;
    assert_eq!(r.expect("rotate"), Rotation::Rotated { user_id: u.id });
    // The reply carrying t2 was lost; the phone presents t1 again 5 s later.
    let r = store
        .rotate_session(
            "t1",
            &token("t2b", u.id, i64::MAX),
            6_000,
            draft("auth.refresh"),
        )
        .await;
    assert_eq!(r.expect("rotate"), Rotation::Rotated { user_id: u.id });
    // The lost t2 is dead now, and presenting it counts as theft.
    let r = store
        .rotate_session(
            "t2",
            &token("t3", u.id, i64::MAX),
            7_000,
            draft("auth.refresh"),
        )
        .await;
    assert_eq!(r.expect("rotate"), Rotation::Reused { user_id: u.id });
}

async fn a_refresh_retried_after_the_grace_ends_the_sign_in(store: Arc<dyn Store>) {
    let u = user("9876543210", Role::Patient);
    store
        .create_user(&u, draft("auth.register"))
        .await
        .expect("created");
    store
        .start_session(&token("t1", u.id, i64::MAX), draft("auth.login"))
        .await
        .expect("session");
    store
        .rotate_session(
            "t1",
            &token("t2", u.id, i64::MAX),
            1_000,
            draft("auth.refresh"),
        )
        .await
        .expect("rotate");
    let late = 1_000 + mysehat_storage::REFRESH_RETRY_GRACE_MS + 1;
    let r = store
        .rotate_session(
            "t1",
            &token("t2b", u.id, i64::MAX),
            late,
            draft("auth.refresh"),
        )
        .await;
    assert_eq!(r.expect("rotate"), Rotation::Reused { user_id: u.id });
}

async fn expired_and_unknown_tokens_do_not_rotate(store: Arc<dyn Store>) {
    let u = user("9876543210", Role::Patient);
    store
        .create_user(&u, draft("auth.register"))
        .await
        .expect("created");
    store
        .start_session(&token("old", u.id, 100), draft("auth.login"))
        .await
        .expect("session");
    let r = store
        .rotate_session(
            "old",
            &token("new", u.id, i64::MAX),
            100,
            draft("auth.refresh"),
        )
        .await;
    assert_eq!(r.expect("rotate"), Rotation::Expired);
    let r = store
        .rotate_session(
            "nope",
            &token("new2", u.id, i64::MAX),
            1,
            draft("auth.refresh"),
        )
        .await;
    assert_eq!(r.expect("rotate"), Rotation::Unknown);
}

async fn ending_a_session_revokes_every_token_of_the_login(store: Arc<dyn Store>) {
    let u = user("9876543210", Role::Patient);
    store
        .create_user(&u, draft("auth.register"))
        .await
        .expect("created");
    store
        .start_session(&token("a", u.id, i64::MAX), draft("auth.login"))
        .await
        .expect("session");
    store
        .rotate_session("a", &token("b", u.id, i64::MAX), 1, draft("auth.refresh"))
        .await
        .expect("rotate");
    assert_eq!(
        store
            .end_session("b", 2, draft("auth.logout"))
            .await
            .expect("logout"),
        Some(u.id)
    );
    let r = store
        .rotate_session("b", &token("c", u.id, i64::MAX), 3, draft("auth.refresh"))
        .await;
    assert_eq!(r.expect("rotate"), Rotation::Reused { user_id: u.id });
    assert_eq!(
        store
            .end_session("zzz", 4, draft("auth.logout"))
            .await
            .expect("logout"),
        None
    );
}

async fn repeated_failures_lock_a_key_until_cleared(store: Arc<dyn Store>) {
    let policy = ThrottlePolicy {
        max_failures: 3,
        window_ms: 1_000,
        base_lock_ms: 500,
        max_lock_ms: 5_000,
    };
    let keys = vec!["account:x".to_owned(), "ip:1.2.3.4".to_owned()];
    for t in 0..2 {
        store
            .record_login_failure("account:x", t, policy)
            .await
            .expect("record");
    }
    assert_eq!(store.locked_until(&keys, 2).await.expect("status"), None);
    store
        .record_login_failure("account:x", 3, policy)
        .await
        .expect("record");
    assert_eq!(
        store.locked_until(&keys, 4).await.expect("status"),
        Some(503)
    );
    assert_eq!(store.locked_until(&keys, 503).await.expect("status"), None);
    // Failures outside the window start a new count.
    store
        .record_login_failure("account:x", 5_000, policy)
        .await
        .expect("record");
    assert_eq!(
        store.locked_until(&keys, 5_001).await.expect("status"),
        None
    );
    store
        .record_login_failure("ip:1.2.3.4", 6_000, policy)
        .await
        .expect("record");
    store
        .clear_login_failures("account:x")
        .await
        .expect("clear");
    for t in 0..3 {
        store
            .record_login_failure("account:x", 7_000 + t, policy)
            .await
            .expect("record");
    }
    assert_eq!(
        store.locked_until(&keys, 7_003).await.expect("status"),
        Some(7_502)
    );
    store
        .clear_login_failures("account:x")
        .await
        .expect("clear");
    assert_eq!(
        store.locked_until(&keys, 7_003).await.expect("status"),
        None
    );
}

async fn the_audit_chain_verifies_and_pages_newest_first(store: Arc<dyn Store>) {
    assert_eq!(
        verify_audit_chain(store.as_ref()).await.expect("walk"),
        Ok(0)
    );
    for i in 0..5 {
        let mut d = draft("records.read");
        d.actor = Some(if i % 2 == 0 { "doctor-1" } else { "patient-1" }.into());
        d.patient = Some("patient-1".into());
        store.append_audit(d).await.expect("append");
    }
    store
        .append_audit(draft("auth.login"))
        .await
        .expect("append");
    assert_eq!(
        verify_audit_chain(store.as_ref()).await.expect("walk"),
        Ok(6)
    );

    let by_others = store
        .audit_page(&AuditQuery {
            patient: Some("patient-1".into()),
            exclude_actor: Some("patient-1".into()),
            before_seq: None,
            limit: 2,
        })
        .await
        .expect("page");
    assert_eq!(by_others.iter().map(|e| e.seq).collect::<Vec<_>>(), [5, 3]);
    let older = store
        .audit_page(&AuditQuery {
            before_seq: Some(3),
            limit: 10,
            ..Default::default()
        })
        .await
        .expect("page");
    assert_eq!(older.iter().map(|e| e.seq).collect::<Vec<_>>(), [2, 1]);
    let chain = store.audit_chain(0, 100).await.expect("chain");
    assert_eq!(chain.len(), 6);
    assert!(chain.windows(2).all(|w| w[1].prev_hash == w[0].hash));
}

async fn concurrent_appends_keep_one_unbroken_chain(store: Arc<dyn Store>) {
    let tasks: Vec<_> = (0..24)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let mut d = draft("records.read");
                d.target = Some(format!("item-{i}"));
                store.append_audit(d).await.expect("append")
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("task");
    }
    assert_eq!(
        verify_audit_chain(store.as_ref()).await.expect("walk"),
        Ok(24)
    );
}

async fn a_batch_of_entries_joins_the_chain_in_order(store: Arc<dyn Store>) {
    store
        .append_audit(draft("auth.login"))
        .await
        .expect("append");
    let batch = (0..3)
        .map(|i| {
            let mut d = draft("fhir.read");
            d.patient = Some(format!("patient-{i}"));
            d
        })
        .collect();
    store.append_audit_batch(batch).await.expect("batch");
    store
        .append_audit_batch(vec![])
        .await
        .expect("an empty batch is fine");
    assert_eq!(
        verify_audit_chain(store.as_ref()).await.expect("walk"),
        Ok(4)
    );
    let chain = store.audit_chain(1, 10).await.expect("chain");
    let patients: Vec<_> = chain
        .iter()
        .map(|e| e.draft.patient.clone().unwrap_or_default())
        .collect();
    assert_eq!(patients, ["patient-0", "patient-1", "patient-2"]);
}
