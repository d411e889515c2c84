//! Offline sync and Health Worker Mode through the API (docs/SYNC.md): pushes applied once
//! however often they are replayed, merges that never overwrite silently, held groups, scopes
//! enforced both ways, a household moving between workers, resets.

use crate::util::TestApp;
use axum::http::{Method, StatusCode};
use mysehat_domain::Role;
use serde_json::{Value, json};

const VILLAGE: &str = "https://mysehat.in/fhir/CodeSystem/village";
const HOUSEHOLD: &str = "https://mysehat.in/fhir/CodeSystem/household";

struct Field {
    app: TestApp,
    admin: String,
    supervisor: String,
    /// Works in Rampur and Sonpur.
    sunita: String,
    /// Works in Khajuri.
    kamla: String,
}

async fn field() -> Field {
    field_on(TestApp::new().await).await
}

async fn field_on(app: TestApp) -> Field {
    let (_, admin) = app.account(Role::Admin).await;
    let (_, supervisor) = app.account(Role::Supervisor).await;
    let (sunita_id, sunita) = app.account(Role::HealthWorker).await;
    let (kamla_id, kamla) = app.account(Role::HealthWorker).await;
    for v in ["rampur", "sonpur", "khajuri"] {
        let r = app
            .call(
                Method::PUT,
                &format!("/fhir/Location/{v}"),
                Some(&admin),
                Some(
                    json!({"resourceType": "Location", "id": v, "name": v, "status": "active",
                            "partOf": {"reference": "Location/area-1"}}),
                ),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text());
    }
    for (id, villages) in [
        (&sunita_id, json!(["rampur", "sonpur"])),
        (&kamla_id, json!(["khajuri"])),
    ] {
        let r = app
            .call(
                Method::PUT,
                &format!("/api/v1/hw/workers/{id}/villages"),
                Some(&supervisor),
                Some(json!({ "villages": villages })),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
    Field {
        app,
        admin,
        supervisor,
        sunita,
        kamla,
    }
}

fn tags(village: &str, household: &str) -> Value {
    json!({"tag": [{"system": VILLAGE, "code": village}, {"system": HOUSEHOLD, "code": household}]})
}

fn member(id: &str, village: &str, household: &str, phone: &str) -> Value {
    json!({"resourceType": "Patient", "id": id, "meta": tags(village, household),
           "name": [{"given": ["Meena"], "family": "Devi"}], "gender": "female",
           "telecom": [{"system": "phone", "value": phone}]})
}

fn household(id: &str, village: &str, members: &[&str]) -> Value {
    json!({"resourceType": "Group", "id": id, "meta": tags(village, id), "type": "person", "actual": true,
           "identifier": [{"system": "https://mysehat.in/fhir/sid/household-number", "value": "HH-1"}],
           "member": members.iter().map(|m| json!({"entity": {"reference": format!("Patient/{m}")}})).collect::<Vec<_>>()})
}

fn put(seq: i64, resource: &Value, base: Option<i64>) -> Value {
    json!({"id": format!("m-{seq}"), "seq": seq, "op": "put",
           "type": resource["resourceType"], "resource_id": resource["id"],
           "base_version": base, "resource": resource})
}

fn push_body(device: &str, groups: Vec<Vec<Value>>) -> Value {
    json!({"device": device, "groups": groups.into_iter().map(|m| json!({"mutations": m})).collect::<Vec<_>>()})
}

async fn push(app: &TestApp, token: &str, body: &Value) -> Value {
    let r = app.post("/sync/push", Some(token), body.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()
}

fn statuses(answer: &Value) -> Vec<String> {
    answer["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .flat_map(|g| g["results"].as_array().expect("results").iter())
        .map(|r| r["status"].as_str().expect("status").to_owned())
        .collect()
}

/// Pulls every page; returns the changes and the final cursor.
async fn pull_all(app: &TestApp, token: &str, cursor: Option<&str>) -> (Vec<Value>, String) {
    let mut cursor = cursor.map(str::to_owned);
    let mut changes = vec![];
    loop {
        let url = match &cursor {
            Some(c) => format!("/sync/pull?limit=3&cursor={c}"),
            None => "/sync/pull?limit=3".into(),
        };
        let page = app.get(&url, Some(token)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        let page = page.json();
        assert_eq!(page["reset"], false, "{page}");
        changes.extend(page["changes"].as_array().expect("changes").iter().cloned());
        cursor = page["cursor"].as_str().map(str::to_owned);
        if page["more"] == false {
            return (changes, cursor.expect("cursor"));
        }
    }
}

fn keys(changes: &[Value]) -> Vec<String> {
    let mut k: Vec<String> = changes
        .iter()
        .map(|c| {
            format!(
                "{} {}/{}",
                c["op"].as_str().unwrap_or(""),
                c["type"].as_str().unwrap_or(""),
                c["id"].as_str().unwrap_or("")
            )
        })
        .collect();
    k.sort();
    k
}

async fn count(app: &TestApp, admin: &str, query: &str) -> i64 {
    let r = app
        .get(&format!("/fhir/{query}&_summary=count"), Some(admin))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()["total"].as_i64().expect("total")
}

fn a_household() -> Vec<Value> {
    vec![
        put(1, &household("hh1", "rampur", &["m1", "m2", "m3"]), None),
        put(2, &member("m1", "rampur", "hh1", "9800000001"), None),
        put(3, &member("m2", "rampur", "hh1", "9800000002"), None),
        put(4, &member("m3", "rampur", "hh1", "9800000003"), None),
    ]
}

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
    let history = f
        .app
        .get("/fhir/Patient/m1/_history", Some(&f.admin))
        .await
        .json();
    assert_eq!(
        history["entry"].as_array().map(Vec::len),
        Some(1),
        "one version, however many replays: {history}"
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
    push(
        &f.app,
        &f.kamla,
        &push_body(
            "dev-k",
            vec![vec![put(
                1,
                &member("k1", "khajuri", "hk", "9800000020"),
                None,
            )]],
        ),
    )
    .await;
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
    let visit = json!({"resourceType": "Encounter", "id": "v1", "meta": tags("rampur", "hh1"), "status": "finished",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "HH"},
        "subject": {"reference": "Patient/m1"}, "period": {"start": "2026-11-27T10:00:00+05:30"}});
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
async fn a_household_moved_to_another_village_leaves_one_phone_and_reaches_the_other() {
    let f = field().await;
    push(&f.app, &f.sunita, &push_body("dev-a", vec![a_household()])).await;
    let (_, sunita_cursor) = pull_all(&f.app, &f.sunita, None).await;
    let (_, kamla_cursor) = pull_all(&f.app, &f.kamla, None).await;
    let r = f
        .app
        .post(
            "/api/v1/hw/households/hh1/move",
            Some(&f.supervisor),
            json!({"village": "khajuri"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["records"], 4);
    let (left, _) = pull_all(&f.app, &f.sunita, Some(&sunita_cursor)).await;
    assert_eq!(
        keys(&left),
        [
            "leave Group/hh1",
            "leave Patient/m1",
            "leave Patient/m2",
            "leave Patient/m3"
        ]
    );
    let (arrived, _) = pull_all(&f.app, &f.kamla, Some(&kamla_cursor)).await;
    assert_eq!(
        keys(&arrived),
        [
            "put Group/hh1",
            "put Patient/m1",
            "put Patient/m2",
            "put Patient/m3"
        ]
    );
    let summary = f
        .app
        .get("/api/v1/hw/workers", Some(&f.supervisor))
        .await
        .json();
    let households: Vec<i64> = summary
        .as_array()
        .expect("list")
        .iter()
        .map(|w| w["households"].as_i64().expect("n"))
        .collect();
    assert_eq!(households, [0, 1]);
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

fn cbac_for(member: &str, high_risk: bool) -> Value {
    use mysehat_hw::Answer::{Boolean, Code};
    let form = mysehat_hw::forms::form_model("hw-cbac").expect("the CBAC form ships");
    let mut answers = mysehat_hw::Answers::new();
    let mut set = |k: &str, a: mysehat_hw::Answer| {
        answers.insert(k.to_owned(), vec![a]);
    };
    set("sex", Code("female".into()));
    set(
        "age",
        Code(if high_risk { "60-plus" } else { "30-39" }.into()),
    );
    set(
        "tobacco",
        Code(if high_risk { "daily" } else { "never" }.into()),
    );
    set("alcohol", Code("no".into()));
    set("waist-women", Code("80-or-less".into()));
    set("activity", Code("at-least-150".into()));
    set("family-history", Code("no".into()));
    for b in [
        "breathless",
        "cough-2-weeks",
        "blood-in-sputum",
        "fever-2-weeks",
        "weight-loss",
        "night-sweats",
        "mouth-ulcer",
        "breast-lump",
    ] {
        set(b, Boolean(false));
    }
    let ctx = mysehat_hw::response::ResponseContext {
        id: format!("cbac-{member}"),
        subject: member.into(),
        encounter: None,
        authored: "2026-11-27T10:00:00+05:30".into(),
        village: "rampur".into(),
        household: Some("hh1".into()),
    };
    mysehat_hw::response::to_response(form, &answers, &ctx)
}

#[tokio::test]
async fn a_high_cbac_score_makes_a_referral_follow_up_on_the_server_and_bad_answers_are_refused() {
    let f = field().await;
    push(&f.app, &f.sunita, &push_body("dev-a", vec![a_household()])).await;
    let high = cbac_for("m1", true);
    assert_eq!(
        high["item"][0]["item"]
            .as_array()
            .expect("part a")
            .iter()
            .find(|i| i["linkId"] == "score")
            .expect("score")["answer"][0]["valueInteger"],
        5
    );
    let r = push(
        &f.app,
        &f.sunita,
        &push_body("dev-a", vec![vec![put(60, &high, None)]]),
    )
    .await;
    assert_eq!(statuses(&r), ["applied"], "{r}");
    let task = f
        .app
        .get("/fhir/Task/fu-cbac-referral-m1", Some(&f.admin))
        .await;
    assert_eq!(task.status, StatusCode::OK, "{}", task.text());
    let task = task.json();
    assert_eq!(task["status"], "requested");
    assert_eq!(task["for"]["reference"], "Patient/m1");
    assert_eq!(
        task["restriction"]["period"]["end"]
            .as_str()
            .map(|d| &d[..10]),
        Some("2026-12-04"),
        "{task}"
    );
    // The phone gets the Task with the rest of the village.
    let (changes, _) = pull_all(&f.app, &f.sunita, None).await;
    assert!(keys(&changes).contains(&"put Task/fu-cbac-referral-m1".to_owned()));
    // A low score makes none; answers that do not add up are refused with the reason.
    push(
        &f.app,
        &f.sunita,
        &push_body("dev-a", vec![vec![put(61, &cbac_for("m2", false), None)]]),
    )
    .await;
    assert_eq!(
        f.app
            .get("/fhir/Task/fu-cbac-referral-m2", Some(&f.admin))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mut cooked = cbac_for("m3", true);
    cooked["id"] = json!("cbac-cooked");
    let part_a = cooked["item"][0]["item"].as_array_mut().expect("part a");
    part_a.retain(|i| i["linkId"] != "tobacco");
    let r = push(
        &f.app,
        &f.sunita,
        &push_body("dev-a", vec![vec![put(62, &cooked, None)]]),
    )
    .await;
    let result = &r["groups"][0]["results"][0];
    assert_eq!(result["code"], "invalid", "{r}");
    assert!(
        result["reason"]
            .as_str()
            .expect("reason")
            .contains("tobacco"),
        "{r}"
    );
}

#[tokio::test]
async fn a_health_worker_reads_through_fhir_only_the_people_of_her_villages() {
    let f = field().await;
    push(&f.app, &f.sunita, &push_body("dev-a", vec![a_household()])).await;
    push(
        &f.app,
        &f.kamla,
        &push_body(
            "dev-k",
            vec![vec![put(
                1,
                &member("k1", "khajuri", "hk", "9800000020"),
                None,
            )]],
        ),
    )
    .await;
    // A registered patient of nobody's village.
    let (phone, stranger) = f.app.register_patient("Ravi Verma").await;
    let stranger = stranger["id"].as_str().expect("id").to_owned();
    let own = f.app.login(&phone).await["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let r = f
        .app
        .call(
            Method::PUT,
            &format!("/fhir/Patient/{stranger}"),
            Some(&own),
            Some(json!({"resourceType": "Patient", "id": stranger, "gender": "male"})),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text());

    assert_eq!(
        f.app.get("/fhir/Patient/m1", Some(&f.sunita)).await.status,
        StatusCode::OK
    );
    for other in ["k1", stranger.as_str()] {
        let r = f
            .app
            .get(&format!("/fhir/Patient/{other}"), Some(&f.sunita))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{other}: {}", r.text());
    }
    let found = f
        .app
        .get("/fhir/Patient?_count=50", Some(&f.sunita))
        .await
        .json();
    let mut ids: Vec<&str> = found["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["resource"]["id"].as_str().expect("id"))
        .collect();
    ids.sort();
    assert_eq!(ids, ["m1", "m2", "m3"]);
    assert_eq!(
        f.app
            .get("/fhir/Patient?_summary=count", Some(&f.kamla))
            .await
            .json()["total"],
        1
    );
    // A household's position is its village's: not readable by other villages, doctors or patients.
    let position = json!({"resourceType": "Location", "id": "hh1-pos", "meta": tags("rampur", "hh1"), "status": "active",
        "position": {"latitude": 23.2599, "longitude": 77.4126}, "partOf": {"reference": "Location/rampur"}});
    push(
        &f.app,
        &f.sunita,
        &push_body("dev-a", vec![vec![put(90, &position, None)]]),
    )
    .await;
    let (_, doctor) = f.app.account(Role::Doctor).await;
    assert_eq!(
        f.app
            .get("/fhir/Location/hh1-pos", Some(&f.sunita))
            .await
            .status,
        StatusCode::OK
    );
    for (who, token) in [("kamla", &f.kamla), ("doctor", &doctor), ("patient", &own)] {
        let r = f.app.get("/fhir/Location/hh1-pos", Some(token)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}: {}", r.text());
        let found = f
            .app
            .get("/fhir/Location?_count=50", Some(token))
            .await
            .json();
        assert!(
            !found.to_string().contains("hh1-pos"),
            "{who} found it by search: {found}"
        );
    }
    // Nor can she write into someone else's record, or read history around the limit.
    let r = f
        .app
        .call(
            Method::PUT,
            &format!("/fhir/Patient/{stranger}"),
            Some(&f.sunita),
            Some(json!({"resourceType": "Patient", "id": stranger})),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
    assert_eq!(
        f.app
            .get("/fhir/Patient/m1/_history", Some(&f.sunita))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // After a move, the people follow the household to Khajuri's worker.
    f.app
        .post(
            "/api/v1/hw/households/hh1/move",
            Some(&f.supervisor),
            json!({"village": "khajuri"}),
        )
        .await;
    assert_eq!(
        f.app.get("/fhir/Patient/m1", Some(&f.sunita)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        f.app.get("/fhir/Patient/m1", Some(&f.kamla)).await.status,
        StatusCode::OK
    );
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

#[tokio::test]
async fn a_patient_syncs_their_own_record_only() {
    let f = field().await;
    let (phone, me) = f.app.register_patient("Kamla Bai").await;
    let me = me["id"].as_str().expect("id").to_owned();
    let token = f.app.login(&phone).await["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let reading = |id: &str, subject: &str| {
        json!({"resourceType": "Observation", "id": id, "status": "final",
               "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
               "subject": {"reference": format!("Patient/{subject}")},
               "effectiveDateTime": "2026-11-27T08:00:00+05:30", "valueQuantity": {"value": 72, "unit": "/min"}})
    };
    let mine = push(
        &f.app,
        &token,
        &push_body(
            "phone-p",
            vec![vec![
                put(
                    1,
                    &json!({"resourceType": "Patient", "id": me, "gender": "female"}),
                    None,
                ),
                put(2, &reading("pulse-1", &me), None),
            ]],
        ),
    )
    .await;
    assert_eq!(statuses(&mine), ["applied", "applied"]);
    let theirs = push(
        &f.app,
        &token,
        &push_body(
            "phone-p",
            vec![vec![put(3, &reading("pulse-2", "m1"), None)]],
        ),
    )
    .await;
    assert_eq!(theirs["groups"][0]["results"][0]["code"], "outside_scope");
    let (changes, _) = pull_all(&f.app, &token, None).await;
    assert_eq!(
        keys(&changes),
        [
            "put Observation/pulse-1".to_owned(),
            format!("put Patient/{me}")
        ]
    );
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
    push(
        &f.app,
        &f.kamla,
        &push_body(
            "dev-k",
            vec![vec![put(
                1,
                &member("k1", "khajuri", "hk", "9800000020"),
                None,
            )]],
        ),
    )
    .await;
    let visit = json!({"resourceType": "Encounter", "id": "v-k1", "meta": tags("rampur", "hh1"), "status": "finished",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "HH"},
        "subject": {"reference": "Patient/k1"}, "period": {"start": "2026-11-27T10:00:00+05:30"}});
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
async fn a_supervisor_stays_in_her_area_and_a_stale_clash_is_not_forced() {
    let f = field().await;
    let r = f
        .app
        .call(Method::PUT, "/fhir/Location/faraway", Some(&f.admin), Some(json!({"resourceType": "Location", "id": "faraway", "name": "Faraway", "status": "active"})))
        .await;
    assert!(r.status.is_success());
    let workers = f
        .app
        .get("/api/v1/hw/workers", Some(&f.supervisor))
        .await
        .json();
    let sunita = workers[0]["id"].as_str().expect("id");
    let r = f
        .app
        .call(
            Method::PUT,
            &format!("/api/v1/hw/workers/{sunita}/villages"),
            Some(&f.supervisor),
            Some(json!({"villages": ["rampur", "faraway"]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text());
    assert!(r.text().contains("faraway"));

    push(&f.app, &f.sunita, &push_body("dev-a", vec![a_household()])).await;
    let phone = |n: &str| {
        let mut m = member("m1", "rampur", "hh1", "9800000001");
        m["telecom"] = json!([{"system": "phone", "value": n}]);
        m
    };
    push(
        &f.app,
        &f.sunita,
        &push_body("dev-a", vec![vec![put(80, &phone("9811111111"), Some(1))]]),
    )
    .await;
    push(
        &f.app,
        &f.sunita,
        &push_body("dev-b", vec![vec![put(1, &phone("9822222222"), Some(1))]]),
    )
    .await;
    // The phone number changes again after the clash (from the current version).
    push(
        &f.app,
        &f.sunita,
        &push_body("dev-a", vec![vec![put(81, &phone("9833333333"), Some(2))]]),
    )
    .await;
    let open = f
        .app
        .get("/api/v1/hw/conflicts", Some(&f.supervisor))
        .await
        .json();
    let id = open[0]["id"].as_str().expect("id");
    let r = f
        .app
        .post(
            &format!("/api/v1/hw/conflicts/{id}/resolve"),
            Some(&f.supervisor),
            json!({"keep": "device"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    let now = f.app.get("/fhir/Patient/m1", Some(&f.admin)).await.json();
    assert_eq!(
        now["telecom"][0]["value"], "9833333333",
        "the newer number stays"
    );
}
