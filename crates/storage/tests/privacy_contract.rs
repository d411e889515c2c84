//! The DPDP store contract, on SQLite always and on PostgreSQL when
//! `MYSEHAT_TEST_DATABASE_URL` is set: requests kept and followed, and an erasure that removes
//! one patient's records and versions, anonymises the account and touches nobody else.

use mysehat_domain::audit::{AuditDraft, Outcome};
use mysehat_domain::{Language, PersonName, PhoneNumber, Role, UserId};
use mysehat_storage::fhir::{
    Cond, FhirChange, FhirWrite, HistoryQuery, HistoryScope, SearchQuery, Stamp,
};
use mysehat_storage::privacy::{Erased, PrivacyRequest};
use mysehat_storage::sync::{ConflictRecord, SyncApply};
use mysehat_storage::{NewUser, Store};
use std::sync::Arc;

#[macro_use]
mod common;
use common::{postgres, sqlite};

contract!(
    an_erased_patient_leaves_every_sync_feed_and_takes_their_clashes,
    requests_are_kept_per_user_and_followed_to_an_outcome,
    erasure_removes_one_patients_records_and_versions_and_anonymises_the_account,
);

fn draft(action: &str) -> AuditDraft {
    AuditDraft::new(action, Outcome::Success)
}

async fn account(store: &Arc<dyn Store>, phone: &str) -> UserId {
    let u = NewUser {
        id: UserId::new(),
        phone: PhoneNumber::parse(phone).expect("valid phone"),
        name: PersonName::parse("Kamla Bai").expect("valid name"),
        role: Role::Patient,
        language: Language::Hi,
        password_hash: "$argon2id$fake".into(),
        facility_id: None,
        area: None,
        created_at_ms: 1,
    };
    store
        .create_user(&u, draft("users.create"))
        .await
        .expect("user");
    u.id
}

fn request(id: &str, user: UserId, kind: &str, at: i64) -> PrivacyRequest {
    PrivacyRequest {
        id: id.into(),
        user_id: user,
        kind: kind.into(),
        status: "received".into(),
        details: Some("my record shows a wrong allergy".into()),
        outcome: None,
        created_at_ms: at,
        updated_at_ms: at,
    }
}

async fn requests_are_kept_per_user_and_followed_to_an_outcome(store: Arc<dyn Store>) {
    let a = account(&store, "9855555555").await;
    let b = account(&store, "9866666666").await;
    store
        .insert_privacy_request(
            &request("g1", a, "grievance", 1),
            draft("privacy.grievance"),
        )
        .await
        .expect("g1");
    store
        .insert_privacy_request(
            &request("g2", a, "grievance", 2),
            draft("privacy.grievance"),
        )
        .await
        .expect("g2");
    store
        .insert_privacy_request(
            &request("g3", b, "grievance", 3),
            draft("privacy.grievance"),
        )
        .await
        .expect("g3");
    let mine: Vec<_> = store
        .privacy_requests_of(a)
        .await
        .expect("mine")
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(mine, ["g2", "g1"]);
    assert!(
        store
            .update_privacy_request(
                "g1",
                "resolved",
                Some("allergy corrected"),
                9,
                draft("privacy.update")
            )
            .await
            .expect("update")
    );
    assert!(
        !store
            .update_privacy_request("nope", "resolved", None, 9, draft("privacy.update"))
            .await
            .expect("update")
    );
    let open: Vec<_> = store
        .open_privacy_requests()
        .await
        .expect("open")
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(open, ["g2", "g3"]);
    let g1 = store
        .privacy_requests_of(a)
        .await
        .expect("mine")
        .pop()
        .expect("g1");
    assert_eq!(
        (g1.status.as_str(), g1.outcome.as_deref(), g1.updated_at_ms),
        ("resolved", Some("allergy corrected"), 9)
    );
}

fn owned(t: &str, id: &str, patient: &UserId) -> FhirWrite {
    FhirWrite {
        resource_type: t.into(),
        id: id.into(),
        change: FhirChange::Put {
            resource: serde_json::json!({"resourceType": t, "id": id}),
            index: vec![mysehat_storage::fhir::IndexRow::Token {
                param: "code".into(),
                system: None,
                code: Some("x".into()),
                text: None,
            }],
            patient: Some(patient.to_string()),
        },
        if_match: None,
    }
}

async fn erasure_removes_one_patients_records_and_versions_and_anonymises_the_account(
    store: Arc<dyn Store>,
) {
    let gone = account(&store, "9877777777").await;
    let kept = account(&store, "9888888888").await;
    let stamp = Stamp {
        ms: 5,
        text: "1970-01-01T00:00:00.005Z".into(),
    };
    for _ in 0..2 {
        let writes = vec![
            owned("Observation", "o-gone", &gone),
            owned("Condition", "c-gone", &gone),
            owned("Observation", "o-kept", &kept),
        ];
        store
            .fhir_write(&writes, &stamp, vec![])
            .await
            .expect("write")
            .expect("applied");
    }
    let erased = store
        .erase_patient(
            gone,
            "+910000000001",
            &request("e1", gone, "erasure", 10),
            draft("privacy.erase"),
        )
        .await
        .expect("erase");
    assert_eq!(
        erased,
        Erased {
            resources: 2,
            versions: 4
        }
    );
    let left = store
        .fhir_search(&SearchQuery::new(
            Some("Observation".into()),
            vec![vec![Cond::Token {
                param: "code".into(),
                system: mysehat_storage::fhir::SystemMatch::Any,
                code: Some("x".into()),
                negate: false,
            }]],
            10,
        ))
        .await
        .expect("search");
    assert_eq!(left.len(), 1, "the other patient's record stays");
    assert!(
        store
            .fhir_read("Observation", "o-gone")
            .await
            .expect("read")
            .is_none()
    );
    let history = store
        .fhir_history(&HistoryQuery {
            scope: HistoryScope::Instance("Observation".into(), "o-gone".into()),
            since_ms: None,
            before_hid: None,
            limit: 10,
            patient: None,
        })
        .await
        .expect("history");
    assert!(history.is_empty());
    let user = store
        .user_by_id(gone)
        .await
        .expect("get")
        .expect("row kept");
    assert_eq!(user.name.as_str(), "Erased account");
    assert!(
        store
            .user_by_phone(&PhoneNumber::parse("9877777777").expect("p"))
            .await
            .expect("get")
            .is_none()
    );
    assert_eq!(
        store.privacy_requests_of(gone).await.expect("mine")[0].kind,
        "erasure"
    );
    assert!(
        store
            .user_by_id(kept)
            .await
            .expect("get")
            .is_some_and(|u| u.name.as_str() == "Kamla Bai")
    );
}

/// A record in Rampur's sync feed (and, with `patient`, in that patient's).
fn in_rampur(id: &str, patient: &str) -> FhirWrite {
    FhirWrite {
        resource_type: "Patient".into(),
        id: id.into(),
        change: FhirChange::Put {
            resource: serde_json::json!({"resourceType": "Patient", "id": id, "meta": {"tag": [
                {"system": mysehat_sync::VILLAGE_TAG, "code": "rampur"}]}}),
            index: vec![],
            patient: Some(patient.into()),
        },
        if_match: None,
    }
}

async fn an_erased_patient_leaves_every_sync_feed_and_takes_their_clashes(store: Arc<dyn Store>) {
    let user = account(&store, "9844444444").await;
    let me = user.to_string();
    let stamp = |ms| Stamp {
        ms,
        text: "2026-11-27T00:00:00.000Z".into(),
    };
    let written = store
        .fhir_write(
            &[in_rampur(&me, &me), in_rampur("other", "other")],
            &stamp(90),
            vec![],
        )
        .await
        .expect("store");
    assert!(written.is_ok());
    let clash = |id: &str, record: &str| ConflictRecord {
        id: id.into(),
        resource_type: "Patient".into(),
        resource_id: record.into(),
        field: "telecom".into(),
        base_value: "null".into(),
        server_value: "[1]".into(),
        device_value: "[2]".into(),
        village: Some("rampur".into()),
        device: "dev".into(),
        user_id: user,
        created_at_ms: 91,
        resolved_at_ms: None,
        resolved_by: None,
        resolution: None,
    };
    let kept = SyncApply {
        conflicts: vec![clash("c-me", &me), clash("c-other", "other")],
        ..Default::default()
    };
    assert!(
        store
            .sync_apply(kept, &stamp(91))
            .await
            .expect("store")
            .is_ok()
    );
    let (before, _) = store.sync_clock().await.expect("clock");
    store
        .erase_patient(
            user,
            "+910000000001",
            &request("erase-1", user, "erasure", 92),
            draft("privacy.erase"),
        )
        .await
        .expect("erased");
    let scopes = ["v:rampur".to_owned(), format!("p:{me}")];
    let mut seen: Vec<(String, String)> = store
        .sync_changes(&scopes, before, 100)
        .await
        .expect("changes")
        .into_iter()
        .map(|r| (r.scope, format!("{}/{} {}", r.resource_type, r.id, r.op)))
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        vec![
            (format!("p:{me}"), format!("Patient/{me} delete")),
            ("v:rampur".into(), format!("Patient/{me} delete")),
        ],
        "phones holding a copy are told to drop it"
    );
    let left: Vec<String> = store
        .sync_conflicts(None, false)
        .await
        .expect("conflicts")
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(left, ["c-other"]);
}
