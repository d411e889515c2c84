//! Pulling: each worker her villages, digest, resets.
use super::*;

#[tokio::test]
async fn each_worker_pulls_her_villages_only_and_an_idle_pull_is_empty() {
    let f = field().await;
    push(&f.app, &f.sunita, &push_body("dev-a", vec![a_household()])).await;
    let (changes, cursor) = pull_all(&f.app, &f.sunita, None).await;
    assert_eq!(
        keys(&changes),
        [
            "put Group/hh1",
            "put Patient/m1",
            "put Patient/m2",
            "put Patient/m3"
        ]
    );
    assert_eq!(changes[0]["resource"]["meta"]["versionId"], "1");
    let (none, same) = pull_all(&f.app, &f.sunita, Some(&cursor)).await;
    assert!(none.is_empty());
    assert_eq!(same, cursor);
    let (theirs, _) = pull_all(&f.app, &f.kamla, None).await;
    assert!(
        theirs.is_empty(),
        "Khajuri's worker sees nothing of Rampur: {theirs:?}"
    );

    // The digest matches what the device holds.
    let page = f
        .app
        .get(
            &format!("/sync/pull?digest=true&cursor={cursor}"),
            Some(&f.sunita),
        )
        .await
        .json();
    assert_eq!(page["digest"]["count"], 4);
    let mut d = mysehat_sync::Digest::default();
    for c in &changes {
        d.add(
            c["type"].as_str().expect("type"),
            c["id"].as_str().expect("id"),
            c["version"].as_i64().expect("v"),
        );
    }
    assert_eq!(page["digest"]["hash"], d.hex());

    // Pushing into a village that is not hers is refused, with the rest of its group.
    let stray = vec![
        put(10, &member("x1", "rampur", "hh1", "9800000010"), None),
        put(11, &member("x2", "khajuri", "hh9", "9800000011"), None),
    ];
    let answer = push(&f.app, &f.sunita, &push_body("dev-a", vec![stray])).await;
    assert_eq!(statuses(&answer), ["rejected", "rejected"]);
    assert_eq!(answer["groups"][0]["results"][1]["code"], "outside_scope");
    assert_eq!(answer["groups"][0]["results"][0]["code"], "group_rejected");
    assert_eq!(
        f.app.get("/fhir/Patient/x1", Some(&f.admin)).await.status,
        StatusCode::NOT_FOUND
    );
    // Nor may she overwrite a Khajuri record by its id.
    kamla_registers_k1(&f).await;
    let grab = push(
        &f.app,
        &f.sunita,
        &push_body(
            "dev-a",
            vec![vec![put(
                12,
                &member("k1", "rampur", "hh1", "9800000021"),
                Some(1),
            )]],
        ),
    )
    .await;
    assert_eq!(grab["groups"][0]["results"][0]["code"], "outside_scope");
}

#[tokio::test]
async fn old_or_foreign_cursors_answer_reset() {
    let f = field().await;
    push(&f.app, &f.sunita, &push_body("dev-a", vec![a_household()])).await;
    let (_, cursor) = pull_all(&f.app, &f.sunita, None).await;
    // Villages change: the cursor was made for another scope.
    let workers = f
        .app
        .get("/api/v1/hw/workers", Some(&f.supervisor))
        .await
        .json();
    let sunita_id = workers[0]["id"].as_str().expect("id");
    f.app
        .call(
            Method::PUT,
            &format!("/api/v1/hw/workers/{sunita_id}/villages"),
            Some(&f.supervisor),
            Some(json!({"villages": ["rampur"]})),
        )
        .await;
    let page = f
        .app
        .get(&format!("/sync/pull?cursor={cursor}"), Some(&f.sunita))
        .await
        .json();
    assert_eq!(
        (page["reset"].clone(), page["reason"].clone()),
        (json!(true), json!("scope_changed"))
    );
    let (fresh, cursor) = pull_all(&f.app, &f.sunita, None).await;
    assert_eq!(fresh.len(), 4);
    // Tombstones purged past the cursor: too old to continue.
    let gone = json!({"id": "m-50", "seq": 50, "op": "delete", "type": "Patient", "resource_id": "m3", "base_version": 1});
    push(&f.app, &f.sunita, &push_body("dev-a", vec![vec![gone]])).await;
    f.app.state.store.sync_purge(i64::MAX).await.expect("purge");
    let page = f
        .app
        .get(&format!("/sync/pull?cursor={cursor}"), Some(&f.sunita))
        .await
        .json();
    assert_eq!(page["reason"], "expired", "{page}");
    // The phone recovers by pulling again from nothing: the live records, the deleted one gone.
    let (recovered, _) = pull_all(&f.app, &f.sunita, None).await;
    assert_eq!(
        keys(&recovered),
        ["put Group/hh1", "put Patient/m1", "put Patient/m2"]
    );
    // Garbage is a 400 naming the cursor, not a 500.
    let r = f
        .app
        .get("/sync/pull?cursor=not-a-cursor", Some(&f.sunita))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.text().contains("cursor"));
}

#[tokio::test]
async fn on_postgres_a_household_syncs_merges_moves_and_replays_as_on_sqlite() {
    let Some(app) = TestApp::on_postgres().await else {
        eprintln!("MYSEHAT_TEST_DATABASE_URL is not set: PostgreSQL not tested");
        return;
    };
    let f = field_on(app).await;
    let body = push_body("dev-a", vec![a_household()]);
    let first = push(&f.app, &f.sunita, &body).await;
    assert_eq!(statuses(&first), ["applied"; 4]);
    assert_eq!(push(&f.app, &f.sunita, &body).await, first);
    let (changes, cursor) = pull_all(&f.app, &f.sunita, None).await;
    assert_eq!(
        keys(&changes),
        [
            "put Group/hh1",
            "put Patient/m1",
            "put Patient/m2",
            "put Patient/m3"
        ]
    );
    let mut mine = member("m1", "rampur", "hh1", "9855555555");
    mine["gender"] = json!("other");
    let mut theirs = member("m1", "rampur", "hh1", "9866666666");
    theirs["gender"] = json!("other");
    push(
        &f.app,
        &f.sunita,
        &push_body("dev-a", vec![vec![put(5, &mine, Some(1))]]),
    )
    .await;
    let clash = push(
        &f.app,
        &f.sunita,
        &push_body("dev-b", vec![vec![put(1, &theirs, Some(1))]]),
    )
    .await;
    assert_eq!(
        clash["groups"][0]["results"][0]["conflicts"],
        json!([{"field": "telecom", "kind": "hard"}])
    );
    assert_eq!(
        f.app
            .get("/api/v1/hw/conflicts", Some(&f.supervisor))
            .await
            .json()
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let r = f
        .app
        .post(
            "/api/v1/hw/households/hh1/move",
            Some(&f.supervisor),
            json!({"village": "khajuri"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let (left, _) = pull_all(&f.app, &f.sunita, Some(&cursor)).await;
    assert_eq!(
        keys(&left),
        [
            "leave Group/hh1",
            "leave Patient/m1",
            "leave Patient/m2",
            "leave Patient/m3"
        ]
    );
    let (arrived, _) = pull_all(&f.app, &f.kamla, None).await;
    assert_eq!(arrived.len(), 4);
    assert_eq!(
        count(&f.app, &f.admin, &format!("Patient?_tag={VILLAGE}|khajuri")).await,
        3
    );
}
