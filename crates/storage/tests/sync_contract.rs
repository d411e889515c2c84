//! The sync store contract, on SQLite always and on PostgreSQL when
//! `MYSEHAT_TEST_DATABASE_URL` is set: the feed follows every FHIR write in commit order with
//! its scopes, pushed groups commit with their receipts or not at all, held groups and conflicts
//! are kept until dealt with once, tombstones are purged behind a horizon.

use mysehat_domain::audit::{AuditDraft, Outcome};
use mysehat_domain::{Language, PersonName, PhoneNumber, Role, UserId};
use mysehat_storage::fhir::{FhirChange, FhirWrite, Stamp};
use mysehat_storage::sync::{
    ApplyRefusal, ConflictRecord, FeedRow, HeldGroup, Receipt, Resolution, SyncApply,
};
use mysehat_storage::{NewUser, Store};
use serde_json::json;
use std::sync::Arc;

#[macro_use]
mod common;
use common::{postgres, sqlite};

contract!(
    the_feed_keeps_the_latest_change_of_each_record_per_scope,
    concurrent_writers_never_show_a_gap_in_the_feed,
    a_group_commits_with_its_receipts_or_not_at_all,
    held_groups_and_conflicts_are_dealt_with_once,
    tombstones_are_purged_behind_a_horizon,
    villages_and_household_numbers_are_handed_out_without_overlap,
);

fn at(ms: i64) -> Stamp {
    Stamp {
        ms,
        text: "2026-11-27T00:00:00.000Z".into(),
    }
}

fn tagged(t: &str, id: &str, village: &str, patient: Option<&str>) -> FhirWrite {
    FhirWrite {
        resource_type: t.into(),
        id: id.into(),
        change: FhirChange::Put {
            resource: json!({"resourceType": t, "id": id, "meta": {"tag": [
                {"system": mysehat_sync::VILLAGE_TAG, "code": village}]}}),
            index: vec![],
            patient: patient.map(Into::into),
        },
        if_match: None,
    }
}

fn delete(t: &str, id: &str) -> FhirWrite {
    FhirWrite {
        resource_type: t.into(),
        id: id.into(),
        change: FhirChange::Delete,
        if_match: None,
    }
}

async fn write(store: &Arc<dyn Store>, writes: Vec<FhirWrite>, ms: i64) {
    store
        .fhir_write(&writes, &at(ms), vec![])
        .await
        .expect("write")
        .expect("applied");
}

/// Applies `a`, which must be applied.
async fn apply(store: &Arc<dyn Store>, a: SyncApply, ms: i64) {
    store
        .sync_apply(a, &at(ms))
        .await
        .expect("store")
        .expect("applied");
}

fn ops(rows: &[FeedRow]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|r| {
            (
                r.scope.clone(),
                format!("{}/{}", r.resource_type, r.id),
                r.op.clone(),
            )
        })
        .collect()
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

async fn account(store: &Arc<dyn Store>, phone: &str) -> UserId {
    let u = NewUser {
        id: UserId::new(),
        phone: PhoneNumber::parse(phone).expect("valid phone"),
        name: PersonName::parse("Sunita Devi").expect("valid name"),
        role: Role::HealthWorker,
        language: Language::Hi,
        password_hash: "$argon2id$fake".into(),
        facility_id: None,
        area: Some("area-1".into()),
        created_at_ms: 1,
    };
    store
        .create_user(&u, AuditDraft::new("users.create", Outcome::Success))
        .await
        .expect("user");
    u.id
}

async fn the_feed_keeps_the_latest_change_of_each_record_per_scope(store: Arc<dyn Store>) {
    write(
        &store,
        vec![
            tagged("Patient", "m1", "rampur", Some("m1")),
            tagged("Group", "h1", "rampur", None),
        ],
        10,
    )
    .await;
    let rows = store
        .sync_changes(&s(&["v:rampur", "p:m1"]), 0, 100)
        .await
        .expect("changes");
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.windows(2).all(|w| w[0].seq < w[1].seq));
    let after_first = rows.last().expect("rows").seq;
    // Not tagged and in no compartment: not in any feed.
    write(
        &store,
        vec![FhirWrite {
            resource_type: "Practitioner".into(),
            id: "pr".into(),
            change: FhirChange::Put {
                resource: json!({"resourceType": "Practitioner"}),
                index: vec![],
                patient: None,
            },
            if_match: None,
        }],
        11,
    )
    .await;
    assert!(
        store
            .sync_changes(&s(&["v:rampur", "p:m1"]), after_first, 100)
            .await
            .expect("changes")
            .is_empty()
    );

    // The household moves to Sonpur: it leaves Rampur's feed and enters Sonpur's.
    write(&store, vec![tagged("Group", "h1", "sonpur", None)], 12).await;
    let moved = store
        .sync_changes(&s(&["v:rampur", "v:sonpur"]), after_first, 100)
        .await
        .expect("changes");
    assert_eq!(
        ops(&moved),
        vec![
            ("v:sonpur".into(), "Group/h1".into(), "put".into()),
            ("v:rampur".into(), "Group/h1".into(), "leave".into()),
        ]
    );
    assert_eq!(moved[0].version_id, 2);
    // Deleted: a tombstone in every scope it was in; the feed of a scope keeps one row per record.
    write(&store, vec![delete("Patient", "m1")], 13).await;
    let all = store
        .sync_changes(&s(&["v:rampur", "p:m1"]), 0, 100)
        .await
        .expect("changes");
    assert_eq!(
        ops(&all),
        vec![
            ("v:rampur".into(), "Group/h1".into(), "leave".into()),
            ("v:rampur".into(), "Patient/m1".into(), "delete".into()),
            ("p:m1".into(), "Patient/m1".into(), "delete".into()),
        ]
    );
    assert!(
        store
            .sync_is_live(&s(&["v:sonpur"]), "Group", "h1")
            .await
            .expect("live")
    );
    assert!(
        !store
            .sync_is_live(&s(&["v:rampur"]), "Group", "h1")
            .await
            .expect("left")
    );
    assert!(
        !store
            .sync_is_live(&s(&["v:rampur"]), "Patient", "m1")
            .await
            .expect("deleted")
    );
    let live = store
        .sync_live(&s(&["v:sonpur", "v:rampur"]), None)
        .await
        .expect("live");
    assert_eq!(live, vec![("Group".into(), "h1".into(), 2)]);
    // Revived: back in the feed as a put.
    write(
        &store,
        vec![tagged("Patient", "m1", "rampur", Some("m1"))],
        14,
    )
    .await;
    let live = store
        .sync_live(&s(&["v:rampur"]), Some("Patient"))
        .await
        .expect("live");
    assert_eq!(live, vec![("Patient".into(), "m1".into(), 3)]);
    let (head, horizon) = store.sync_clock().await.expect("clock");
    assert_eq!(horizon, 0);
    assert!(
        head >= store
            .sync_changes(&s(&["v:rampur"]), 0, 100)
            .await
            .expect("changes")
            .last()
            .expect("row")
            .seq
    );
}

async fn concurrent_writers_never_show_a_gap_in_the_feed(store: Arc<dyn Store>) {
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let store = store.clone();
            tokio::spawn(async move {
                for i in 0..15 {
                    let id = format!("p{w}-{i}");
                    write(
                        &store,
                        vec![
                            tagged("Patient", &id, "rampur", None),
                            tagged("Group", &format!("g{w}-{i}"), "rampur", None),
                        ],
                        20,
                    )
                    .await;
                }
            })
        })
        .collect();
    let reader = {
        let store = store.clone();
        tokio::spawn(async move {
            let mut seen = 0;
            while seen < 120 {
                let rows = store
                    .sync_changes(&s(&["v:rampur"]), 0, 1_000)
                    .await
                    .expect("changes");
                // Records are only created, so the sequence numbers a reader sees must be
                // exactly 1..=n: a gap would be a number handed out by a transaction that has not
                // committed yet, and a device that read past it would never see that change.
                for (i, row) in rows.iter().enumerate() {
                    assert_eq!(row.seq, i as i64 + 1, "gap in the feed: {:?}", ops(&rows));
                }
                seen = rows.len();
                tokio::task::yield_now().await;
            }
        })
    };
    for w in writers {
        w.await.expect("writer");
    }
    reader.await.expect("reader");
}

fn receipt(device: &str, seq: i64, user: UserId, result: &str) -> Receipt {
    Receipt {
        device: device.into(),
        device_seq: seq,
        mutation_id: format!("m-{seq}"),
        group_id: format!("g-{seq}"),
        resource_type: "Patient".into(),
        resource_id: format!("r-{seq}"),
        user_id: user,
        content_hash: "h".into(),
        result: result.into(),
        received_at_ms: 30,
    }
}

/// An open phone-number clash on Patient `record` in Rampur.
fn clash(id: &str, record: &str, user: UserId) -> ConflictRecord {
    ConflictRecord {
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
        created_at_ms: 43,
        resolved_at_ms: None,
        resolved_by: None,
        resolution: None,
    }
}

async fn a_group_commits_with_its_receipts_or_not_at_all(store: Arc<dyn Store>) {
    let user = account(&store, "9811111111").await;
    let group = SyncApply {
        writes: vec![
            tagged("Patient", "a", "rampur", None),
            tagged("Patient", "b", "rampur", None),
        ],
        receipts: vec![
            receipt("dev", 1, user, "applied"),
            receipt("dev", 2, user, "applied"),
        ],
        ..Default::default()
    };
    apply(&store, group.clone(), 30).await;
    assert_eq!(
        store
            .sync_receipts("dev", &[1, 2, 3])
            .await
            .expect("receipts")
            .len(),
        2
    );
    // The same keys again (a concurrent replay): refused, and nothing is written twice.
    assert_eq!(
        store.sync_apply(group, &at(31)).await.expect("apply"),
        Err(ApplyRefusal::Replayed)
    );
    assert_eq!(
        store
            .fhir_read("Patient", "a")
            .await
            .expect("read")
            .expect("a")
            .version_id,
        1
    );
    // A stale If-Match in the second write: the first write and the receipts roll back too.
    let mut stale = tagged("Patient", "a", "rampur", None);
    stale.if_match = Some(7);
    let refused = store
        .sync_apply(
            SyncApply {
                writes: vec![tagged("Patient", "c", "rampur", None), stale],
                receipts: vec![receipt("dev", 3, user, "applied")],
                ..Default::default()
            },
            &at(32),
        )
        .await
        .expect("apply");
    assert!(matches!(refused, Err(ApplyRefusal::Version(_))));
    assert!(
        store
            .fhir_read("Patient", "c")
            .await
            .expect("read")
            .is_none()
    );
    assert!(
        store
            .sync_receipts("dev", &[3])
            .await
            .expect("receipts")
            .is_empty()
    );
}

async fn held_groups_and_conflicts_are_dealt_with_once(store: Arc<dyn Store>) {
    let user = account(&store, "9822222222").await;
    let held = HeldGroup {
        group_id: "g-9".into(),
        device: "dev".into(),
        user_id: user,
        waits_type: "Patient".into(),
        waits_id: "late".into(),
        waits_version: 1,
        payload: "[]".into(),
        created_at_ms: 40,
    };
    apply(
        &store,
        SyncApply {
            hold: Some(held.clone()),
            receipts: vec![receipt("dev", 9, user, "held")],
            ..Default::default()
        },
        40,
    )
    .await;
    let waiting = store
        .sync_held_for(&[("Patient".into(), "late".into())])
        .await
        .expect("held");
    assert_eq!(waiting, vec![held]);
    let release = SyncApply {
        writes: vec![tagged("Patient", "late", "rampur", None)],
        receipts: vec![receipt("dev", 9, user, "applied")],
        release: Some("g-9".into()),
        ..Default::default()
    };
    apply(&store, release.clone(), 41).await;
    assert_eq!(
        store.sync_receipts("dev", &[9]).await.expect("receipts")[0].result,
        "applied"
    );
    assert!(
        store
            .sync_held_for(&[("Patient".into(), "late".into())])
            .await
            .expect("held")
            .is_empty()
    );
    assert_eq!(
        store.sync_apply(release, &at(42)).await.expect("again"),
        Err(ApplyRefusal::Gone)
    );

    let conflict = clash("c1", "late", user);
    apply(
        &store,
        SyncApply {
            conflicts: vec![conflict.clone()],
            ..Default::default()
        },
        43,
    )
    .await;
    assert_eq!(
        store
            .sync_conflicts(Some(&s(&["rampur"])), true)
            .await
            .expect("open"),
        vec![conflict.clone()]
    );
    assert!(
        store
            .sync_conflicts(Some(&s(&["sonpur"])), true)
            .await
            .expect("open")
            .is_empty()
    );
    let resolve = SyncApply {
        writes: vec![tagged("Patient", "late", "rampur", None)],
        resolve: Some(Resolution {
            conflict_id: "c1".into(),
            by: user,
            keep: "device".into(),
            at_ms: 44,
        }),
        ..Default::default()
    };
    apply(&store, resolve.clone(), 44).await;
    assert!(
        store
            .sync_conflicts(None, true)
            .await
            .expect("open")
            .is_empty()
    );
    let closed = store
        .sync_conflict("c1")
        .await
        .expect("read")
        .expect("kept");
    assert_eq!(
        (closed.resolution.as_deref(), closed.resolved_by),
        (Some("device"), Some(user))
    );
    // Resolving again writes nothing.
    assert_eq!(
        store.sync_apply(resolve, &at(45)).await.expect("again"),
        Err(ApplyRefusal::Gone)
    );
    assert_eq!(
        store
            .fhir_read("Patient", "late")
            .await
            .expect("read")
            .expect("p")
            .version_id,
        2
    );
}

async fn tombstones_are_purged_behind_a_horizon(store: Arc<dyn Store>) {
    write(
        &store,
        vec![
            tagged("Patient", "x", "rampur", None),
            tagged("Patient", "y", "rampur", None),
        ],
        50,
    )
    .await;
    write(&store, vec![delete("Patient", "x")], 60).await;
    write(&store, vec![delete("Patient", "y")], 80).await;
    assert_eq!(store.sync_purge(70).await.expect("purge"), 1);
    let (_, horizon) = store.sync_clock().await.expect("clock");
    let rows = store
        .sync_changes(&s(&["v:rampur"]), 0, 100)
        .await
        .expect("changes");
    assert_eq!(
        ops(&rows),
        vec![("v:rampur".into(), "Patient/y".into(), "delete".into())]
    );
    assert!(horizon >= 3 && horizon < rows[0].seq, "horizon {horizon}");
    assert_eq!(store.sync_purge(70).await.expect("purge"), 0);
}

async fn villages_and_household_numbers_are_handed_out_without_overlap(store: Arc<dyn Store>) {
    let user = account(&store, "9833333333").await;
    let audit = || AuditDraft::new("hw.villages", Outcome::Success);
    store
        .hw_set_villages(user, &s(&["rampur", "sonpur"]), 1, audit())
        .await
        .expect("set");
    store
        .hw_set_villages(user, &s(&["sonpur", "khajuri"]), 2, audit())
        .await
        .expect("set");
    assert_eq!(
        store.hw_villages(user).await.expect("villages"),
        s(&["khajuri", "sonpur"])
    );
    let a = store
        .hw_reserve_numbers("dev-a", user, 50, 3)
        .await
        .expect("block");
    let b = store
        .hw_reserve_numbers("dev-b", user, 50, 4)
        .await
        .expect("block");
    assert_eq!(a, (1, 50));
    assert_eq!(b, (51, 100));
    store.sync_seen("dev-a", user, true, 5).await.expect("seen");
    store
        .sync_seen("dev-a", user, false, 6)
        .await
        .expect("seen");
    let seen = store.sync_devices_of(&[user]).await.expect("devices");
    assert_eq!(
        (seen[0].last_push_ms, seen[0].last_pull_ms),
        (Some(5), Some(6))
    );
}
