//! Who reaches which records: a health worker her villages' people, a patient their own.
use super::*;

#[tokio::test]
async fn a_health_worker_reads_through_fhir_only_the_people_of_her_villages() {
    let f = field().await;
    push(&f.app, &f.sunita, &push_body("dev-a", vec![a_household()])).await;
    kamla_registers_k1(&f).await;
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
