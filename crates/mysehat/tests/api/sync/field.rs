//! Health Worker Mode: households moving, the supervisor's area and clashes, follow-ups.
use super::*;

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
