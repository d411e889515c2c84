//! Pushing: replays write once, merges never overwrite silently, held groups, insert-only
//! events, queued edits, malformed pushes.
use super::*;

#[tokio::test]
async fn a_push_replayed_ten_times_writes_one_copy_and_the_fhir_api_shows_it() {
    let f = field().await;
    let body = push_body("dev-a", vec![a_household()]);
    let first = push(&f.app, &f.sunita, &body).await;
    assert_eq!(statuses(&first), ["applied"; 4]);
    for _ in 0..10 {
        assert_eq!(
            push(&f.app, &f.sunita, &body).await,
            first,
            "a replay answers what was stored"
        );
    }
    let tag = format!("_tag={HOUSEHOLD}|hh1");
    assert_eq!(count(&f.app, &f.admin, &format!("Patient?{tag}")).await, 3);
    assert_eq!(count(&f.app, &f.admin, &format!("Group?{tag}")).await, 1);
    assert_eq!(
        versions(&f, "Patient/m1").await,
        Some(1),
        "one version, however many replays"
    );

    // The same key with other content: refused whole, nothing written.
    let mut other = a_household();
    other[1]["resource"]["telecom"][0]["value"] = json!("9811111111");
    other.push(put(5, &member("m9", "rampur", "hh1", "9800000009"), None));
    let r = f
        .app
        .post(
            "/sync/push",
            Some(&f.sunita),
            push_body("dev-a", vec![other]),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert!(r.text().contains("sequence 2"), "{}", r.text());
    assert_eq!(count(&f.app, &f.admin, &format!("Patient?{tag}")).await, 3);
}

#[tokio::test]
async fn two_devices_editing_one_member_merge_fields_and_keep_clashes_for_the_supervisor() {
    let f = field().await;
    push(&f.app, &f.sunita, &push_body("dev-a", vec![a_household()])).await;
    let base = member("m1", "rampur", "hh1", "9800000001");
    // Device A changes the name; device B (same worker, second phone) the phone number.
    let mut by_a = base.clone();
    by_a["name"] = json!([{"given": ["Meena"], "family": "Sharma"}]);
    let mut by_b = base.clone();
    by_b["telecom"] = json!([{"system": "phone", "value": "9822222222"}]);
    let a = push(
        &f.app,
        &f.sunita,
        &push_body("dev-a", vec![vec![put(20, &by_a, Some(1))]]),
    )
    .await;
    assert_eq!(statuses(&a), ["applied"]);
    let b = push(
        &f.app,
        &f.sunita,
        &push_body("dev-b", vec![vec![put(1, &by_b, Some(1))]]),
    )
    .await;
    assert_eq!(statuses(&b), ["applied"], "different fields merge: {b}");
    let now = f.app.get("/fhir/Patient/m1", Some(&f.admin)).await.json();
    assert_eq!(now["name"][0]["family"], "Sharma");
    assert_eq!(now["telecom"][0]["value"], "9822222222");
    assert_eq!(now["meta"]["versionId"], "3");

    // Both change the phone from version 3: the second is merged with a hard conflict.
    let mut c = now.clone();
    c["telecom"] = json!([{"system": "phone", "value": "9833333333"}]);
    let mut d = now.clone();
    d["telecom"] = json!([{"system": "phone", "value": "9844444444"}]);
    push(
        &f.app,
        &f.sunita,
        &push_body("dev-a", vec![vec![put(21, &c, Some(3))]]),
    )
    .await;
    let clash = push(
        &f.app,
        &f.sunita,
        &push_body("dev-b", vec![vec![put(2, &d, Some(3))]]),
    )
    .await;
    let result = &clash["groups"][0]["results"][0];
    assert_eq!(result["status"], "merged");
    assert_eq!(
        result["conflicts"],
        json!([{"field": "telecom", "kind": "hard"}])
    );
    let kept = f.app.get("/fhir/Patient/m1", Some(&f.admin)).await.json();
    assert_eq!(
        kept["telecom"][0]["value"], "9833333333",
        "the server's value stays"
    );
    assert_eq!(
        result["resource"]["telecom"][0]["value"], "9833333333",
        "and the phone is told so"
    );

    let open = f
        .app
        .get("/api/v1/hw/conflicts", Some(&f.supervisor))
        .await
        .json();
    assert_eq!(open.as_array().expect("list").len(), 1, "{open}");
    assert_eq!(open[0]["device"][0]["value"], "9844444444");
    let id = open[0]["id"].as_str().expect("id");
    let r = f
        .app
        .post(
            &format!("/api/v1/hw/conflicts/{id}/resolve"),
            Some(&f.supervisor),
            json!({"keep": "device"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let resolved = f.app.get("/fhir/Patient/m1", Some(&f.admin)).await.json();
    assert_eq!(resolved["telecom"][0]["value"], "9844444444");
    let again = f
        .app
        .post(
            &format!("/api/v1/hw/conflicts/{id}/resolve"),
            Some(&f.supervisor),
            json!({"keep": "server"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(
        f.app
            .get("/api/v1/hw/conflicts", Some(&f.supervisor))
            .await
            .json()
            .as_array()
            .expect("list")
            .is_empty()
    );
    // A health worker cannot resolve clashes.
    let r = f.app.get("/api/v1/hw/conflicts", Some(&f.sunita)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_update_that_arrives_before_its_create_is_held_then_applied() {
    let f = field().await;
    let created = member("m7", "rampur", "hh1", "9800000007");
    let mut edited = created.clone();
    edited["gender"] = json!("male");
    // The edit (made from version 1) reaches the server first, from another phone.
    let early = push(
        &f.app,
        &f.sunita,
        &push_body("dev-b", vec![vec![put(1, &edited, Some(1))]]),
    )
    .await;
    assert_eq!(statuses(&early), ["held"]);
    assert_eq!(
        f.app.get("/fhir/Patient/m7", Some(&f.admin)).await.status,
        StatusCode::NOT_FOUND
    );
    let late = push(
        &f.app,
        &f.sunita,
        &push_body("dev-a", vec![vec![put(1, &created, None)]]),
    )
    .await;
    assert_eq!(statuses(&late), ["applied"]);
    let now = f.app.get("/fhir/Patient/m7", Some(&f.admin)).await.json();
    assert_eq!(now["gender"], "male", "the held edit was applied on top");
    assert_eq!(now["meta"]["versionId"], "2");
    // The phone that sent the edit learns its outcome by replaying it.
    let replay = push(
        &f.app,
        &f.sunita,
        &push_body("dev-b", vec![vec![put(1, &edited, Some(1))]]),
    )
    .await;
    assert_eq!(statuses(&replay), ["applied"]);
}

#[tokio::test]
async fn clinical_events_are_insert_only_and_deletes_are_tombstones() {
    let f = field().await;
    push(&f.app, &f.sunita, &push_body("dev-a", vec![a_household()])).await;
    let visit = visit("v1", "m1");
    assert_eq!(
        statuses(
            &push(
                &f.app,
                &f.sunita,
                &push_body("dev-a", vec![vec![put(30, &visit, None)]])
            )
            .await
        ),
        ["applied"]
    );
    let mut edited = visit.clone();
    edited["period"]["start"] = json!("2026-11-26T10:00:00+05:30");
    let r = push(
        &f.app,
        &f.sunita,
        &push_body("dev-a", vec![vec![put(31, &edited, Some(1))]]),
    )
    .await;
    assert_eq!(r["groups"][0]["results"][0]["code"], "insert_only");
    let mut voided = visit.clone();
    voided["status"] = json!("entered-in-error");
    assert_eq!(
        statuses(
            &push(
                &f.app,
                &f.sunita,
                &push_body("dev-a", vec![vec![put(32, &voided, Some(1))]])
            )
            .await
        ),
        ["applied"]
    );

    let (_, cursor) = pull_all(&f.app, &f.sunita, None).await;
    let gone = json!({"id": "m-40", "seq": 40, "op": "delete", "type": "Patient", "resource_id": "m3", "base_version": 1});
    assert_eq!(
        statuses(&push(&f.app, &f.sunita, &push_body("dev-a", vec![vec![gone]])).await),
        ["applied"]
    );
    let (changes, _) = pull_all(&f.app, &f.sunita, Some(&cursor)).await;
    assert_eq!(keys(&changes), ["delete Patient/m3"]);
    // Invalid FHIR is refused per mutation with the reason, not a 500.
    let bad =
        json!({"resourceType": "Patient", "id": "m8", "meta": tags("rampur", "hh1"), "gender": 7});
    let r = push(
        &f.app,
        &f.sunita,
        &push_body("dev-a", vec![vec![put(41, &bad, None)]]),
    )
    .await;
    assert_eq!(r["groups"][0]["results"][0]["code"], "invalid", "{r}");
}

#[tokio::test]
async fn edits_queued_before_their_create_was_answered_merge_cleanly_and_scope_holds_for_people() {
    let f = field().await;
    // Offline: register a member, then correct her the same day; both go in one push with no
    // server version known for the correction.
    let created = member("m9", "rampur", "hh1", "9800000009");
    let mut corrected = created.clone();
    corrected["gender"] = json!("male");
    corrected["telecom"] = json!([{"system": "phone", "value": "9899999999"}]);
    let answer = push(
        &f.app,
        &f.sunita,
        &push_body(
            "dev-a",
            vec![
                vec![put(70, &created, None)],
                vec![put(71, &corrected, None)],
            ],
        ),
    )
    .await;
    assert_eq!(statuses(&answer), ["applied", "applied"], "{answer}");
    let now = f.app.get("/fhir/Patient/m9", Some(&f.admin)).await.json();
    assert_eq!(
        (now["gender"].clone(), now["meta"]["versionId"].clone()),
        (json!("male"), json!("2"))
    );
    assert!(
        f.app
            .get("/api/v1/hw/conflicts", Some(&f.supervisor))
            .await
            .json()
            .as_array()
            .expect("list")
            .is_empty()
    );
    // A delete without a version goes only through on a record nobody changed since it was made.
    let gone = json!({"id": "m-72", "seq": 72, "op": "delete", "type": "Patient", "resource_id": "m9", "base_version": null});
    let r = push(&f.app, &f.sunita, &push_body("dev-b", vec![vec![gone]])).await;
    assert_eq!(r["groups"][0]["results"][0]["code"], "stale_delete", "{r}");

    // Registering someone who has an account of their own would open their record: refused.
    let (_, account) = f.app.register_patient("Ravi Verma").await;
    let account = account["id"].as_str().expect("id").to_owned();
    let r = push(
        &f.app,
        &f.sunita,
        &push_body(
            "dev-a",
            vec![vec![put(
                73,
                &member(&account, "rampur", "hh1", "9800000073"),
                None,
            )]],
        ),
    )
    .await;
    assert_eq!(r["groups"][0]["results"][0]["code"], "outside_scope", "{r}");
    // Nor may her records name people of other villages.
    kamla_registers_k1(&f).await;
    let visit = visit("v-k1", "k1");
    let r = push(
        &f.app,
        &f.sunita,
        &push_body("dev-a", vec![vec![put(74, &visit, None)]]),
    )
    .await;
    assert_eq!(r["groups"][0]["results"][0]["code"], "outside_scope", "{r}");
    // A patient cannot put a record into a village's feed.
    let (phone, me) = f.app.register_patient("Kamla Bai").await;
    let me = me["id"].as_str().expect("id").to_owned();
    let token = f.app.login(&phone).await["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let r = push(
        &f.app,
        &token,
        &push_body(
            "phone-p",
            vec![vec![put(
                1,
                &member(&me, "rampur", "hh1", "9800000075"),
                None,
            )]],
        ),
    )
    .await;
    assert_eq!(r["groups"][0]["results"][0]["code"], "outside_scope", "{r}");
}

#[tokio::test]
async fn malformed_pushes_are_refused_whole_and_roles_are_checked() {
    let f = field().await;
    for (body, what) in [
        (json!({"device": "bad device!", "groups": []}), "device"),
        (
            json!({"device": "d", "groups": [{"mutations": [{"id": "1", "seq": 1, "op": "put", "type": "Patient", "resource_id": "p"}]}]}),
            "resource",
        ),
        (
            json!({"device": "d", "groups": [{"mutations": [{"id": "1", "seq": 1, "op": "put", "type": "Nope", "resource_id": "p", "resource": {}}]}]}),
            "type",
        ),
        (json!({"device": "d", "groups": [], "extra": 1}), "extra"),
    ] {
        let r = f.app.post("/sync/push", Some(&f.sunita), body).await;
        // Unknown fields fail deserialisation (422, as everywhere in the API); the rest 400.
        let expected = if what == "extra" {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::BAD_REQUEST
        };
        assert_eq!(r.status, expected, "{what}: {}", r.text());
        assert!(r.text().contains(what), "{what}: {}", r.text());
    }
    let (_, doctor) = f.app.account(Role::Doctor).await;
    assert_eq!(
        f.app.get("/sync/pull", Some(&doctor)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        f.app.get("/sync/pull", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let villages = f
        .app
        .get("/api/v1/hw/villages", Some(&f.sunita))
        .await
        .json();
    assert_eq!(
        villages,
        json!([{"id": "rampur", "name": "rampur"}, {"id": "sonpur", "name": "sonpur"}])
    );
    let a = f
        .app
        .post(
            "/api/v1/hw/numbers",
            Some(&f.sunita),
            json!({"device": "dev-a", "count": 50}),
        )
        .await
        .json();
    let b = f
        .app
        .post(
            "/api/v1/hw/numbers",
            Some(&f.kamla),
            json!({"device": "dev-k", "count": 50}),
        )
        .await
        .json();
    assert_eq!(
        (a["first"].clone(), a["last"].clone(), b["first"].clone()),
        (json!(1), json!(50), json!(51))
    );
}

#[tokio::test]
async fn the_same_push_arriving_twice_at_once_writes_once_and_answers_alike() {
    let f = field().await;
    // A phone on a flaky link retries before the first attempt was answered.
    let body = push_body("dev-a", vec![a_household()]);
    let (a, b) = tokio::join!(
        f.app.post("/sync/push", Some(&f.sunita), body.clone()),
        f.app.post("/sync/push", Some(&f.sunita), body.clone())
    );
    assert_eq!(
        (a.status, b.status),
        (StatusCode::OK, StatusCode::OK),
        "{} {}",
        a.text(),
        b.text()
    );
    assert_eq!(a.json(), b.json());
    assert_eq!(statuses(&a.json()), ["applied"; 4]);
    assert_eq!(versions(&f, "Patient/m1").await, Some(1), "written once");
}
