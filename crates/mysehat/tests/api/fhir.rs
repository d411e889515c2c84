//! The FHIR R4 API as a FHIR client sees it: versions and HTTP semantics, search, bundles,
//! validation, access by role and compartment, and OperationOutcome errors.

use crate::util::TestApp;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use mysehat_domain::Role;
use serde_json::{Value, json};

struct Fhir {
    app: TestApp,
    token: String,
}

impl Fhir {
    async fn as_role(role: Role) -> Self {
        let app = TestApp::new().await;
        let (_, token) = app.account(role).await;
        Self { app, token }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&str>,
        headers: &[(&str, &str)],
    ) -> crate::util::TestResponse {
        self.send_as(&self.token, method, path, body, headers).await
    }

    async fn send_as(
        &self,
        token: &str,
        method: Method,
        path: &str,
        body: Option<&str>,
        headers: &[(&str, &str)],
    ) -> crate::util::TestResponse {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::HOST, "fhir.test");
        if body.is_some() {
            req = req.header(header::CONTENT_TYPE, "application/fhir+json");
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req
            .body(body.map_or_else(Body::empty, |b| Body::from(b.to_owned())))
            .expect("request");
        self.app.send(req).await
    }

    async fn create(&self, resource: &Value) -> Value {
        let ty = resource["resourceType"].as_str().expect("type");
        let r = self
            .send(
                Method::POST,
                &format!("/fhir/{ty}"),
                Some(&resource.to_string()),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        r.json()
    }

    async fn search(&self, query: &str) -> Value {
        let r = self
            .send(Method::GET, &format!("/fhir/{query}"), None, &[])
            .await;
        assert_eq!(r.status, StatusCode::OK, "{query}: {}", r.text());
        r.json()
    }

    async fn ids(&self, query: &str) -> Vec<String> {
        let bundle = self.search(query).await;
        matches(&bundle)
    }
}

fn matches(bundle: &Value) -> Vec<String> {
    bundle["entry"]
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .filter(|e| e["search"]["mode"] == "match")
                .map(|e| e["resource"]["id"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn patient(family: &str, given: &str, birth: &str) -> Value {
    json!({"resourceType": "Patient", "name": [{"family": family, "given": [given]}], "gender": "female", "birthDate": birth})
}

fn observation(subject: &str, code: &str, value: &str, when: &str) -> Value {
    let text = format!(
        r#"{{"resourceType": "Observation", "status": "final",
            "code": {{"coding": [{{"system": "http://loinc.org", "code": "{code}"}}]}},
            "subject": {{"reference": "Patient/{subject}"}},
            "effectiveDateTime": "{when}",
            "valueQuantity": {{"value": {value}, "unit": "g/dL", "system": "http://unitsofmeasure.org", "code": "g/dL"}}}}"#
    );
    serde_json::from_str(&text).expect("json")
}

#[tokio::test]
async fn create_read_update_delete_keep_every_version_with_http_semantics() {
    let f = Fhir::as_role(Role::Admin).await;
    let created = f
        .send(
            Method::POST,
            "/fhir/Patient",
            Some(&patient("Devi", "Sunita", "1990-04-01").to_string()),
            &[],
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    assert_eq!(created.headers[header::ETAG], "W/\"1\"");
    let location = created.headers[header::LOCATION]
        .to_str()
        .expect("ascii")
        .to_owned();
    let id = created.json()["id"].as_str().expect("server id").to_owned();
    assert!(
        location.ends_with(&format!("/fhir/Patient/{id}/_history/1")),
        "{location}"
    );

    let read = f
        .send(Method::GET, &format!("/fhir/Patient/{id}"), None, &[])
        .await;
    assert_eq!(read.status, StatusCode::OK);
    assert!(read.headers.contains_key(header::LAST_MODIFIED));
    assert_eq!(read.json()["meta"]["versionId"], "1");

    let mut changed = read.json();
    changed["gender"] = json!("other");
    let stale = f
        .send(
            Method::PUT,
            &format!("/fhir/Patient/{id}"),
            Some(&changed.to_string()),
            &[("if-match", "W/\"9\"")],
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(stale.json()["resourceType"], "OperationOutcome");
    let ok = f
        .send(
            Method::PUT,
            &format!("/fhir/Patient/{id}"),
            Some(&changed.to_string()),
            &[("if-match", "W/\"1\"")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text());
    assert_eq!(ok.headers[header::ETAG], "W/\"2\"");

    let v1 = f
        .send(
            Method::GET,
            &format!("/fhir/Patient/{id}/_history/1"),
            None,
            &[],
        )
        .await;
    assert_eq!(v1.json()["gender"], "female");
    let deleted = f
        .send(Method::DELETE, &format!("/fhir/Patient/{id}"), None, &[])
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let gone = f
        .send(Method::GET, &format!("/fhir/Patient/{id}"), None, &[])
        .await;
    assert_eq!(gone.status, StatusCode::GONE);
    let history = f.search(&format!("Patient/{id}/_history")).await;
    assert_eq!(history["entry"].as_array().map(Vec::len), Some(3));
    assert_eq!(history["entry"][0]["request"]["method"], "DELETE");
}

#[tokio::test]
async fn decimals_and_unknown_ids_round_trip_as_the_spec_says() {
    let f = Fhir::as_role(Role::Admin).await;
    let p = f.create(&patient("Rao", "Meera", "1980")).await;
    let pid = p["id"].as_str().expect("id");
    let o = f
        .create(&observation(pid, "718-7", "13.50", "2024-05-01T10:00:00Z"))
        .await;
    let read = f
        .send(
            Method::GET,
            &format!("/fhir/Observation/{}", o["id"].as_str().expect("id")),
            None,
            &[],
        )
        .await;
    assert!(
        read.text().contains("13.50"),
        "the decimal keeps its precision: {}",
        read.text()
    );
    let missing = f
        .send(Method::GET, "/fhir/Observation/nope", None, &[])
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json()["resourceType"], "OperationOutcome");
    let unknown = f.send(Method::GET, "/fhir/Spaceship/1", None, &[]).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let put_as_create = f
        .send(
            Method::PUT,
            "/fhir/Patient/client-chosen-1",
            Some(&json!({"resourceType": "Patient", "id": "client-chosen-1"}).to_string()),
            &[],
        )
        .await;
    assert_eq!(put_as_create.status, StatusCode::CREATED);
}

#[tokio::test]
async fn invalid_resources_are_refused_with_the_element_named_and_nothing_stored() {
    let f = Fhir::as_role(Role::Admin).await;
    let bad = json!({"resourceType": "Patient", "gender": "lady", "birthDate": "1990-13-45", "nickname": "x"});
    let r = f
        .send(Method::POST, "/fhir/Patient", Some(&bad.to_string()), &[])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let outcome = r.json();
    let expressions: Vec<String> = outcome["issue"]
        .as_array()
        .expect("issues")
        .iter()
        .flat_map(|i| i["expression"].as_array().cloned().unwrap_or_default())
        .filter_map(|e| e.as_str().map(str::to_owned))
        .collect();
    for expected in ["Patient.gender", "Patient.birthDate", "Patient.nickname"] {
        assert!(
            expressions.iter().any(|e| e == expected),
            "{expected} in {expressions:?}"
        );
    }
    assert!(f.ids("Patient").await.is_empty());
    let junk = f
        .send(Method::POST, "/fhir/Patient", Some("{not json"), &[])
        .await;
    assert_eq!(junk.status, StatusCode::BAD_REQUEST);
    let wrong_type = f
        .send(
            Method::POST,
            "/fhir/Patient",
            Some(r#"{"resourceType": "Observation"}"#),
            &[],
        )
        .await;
    assert_eq!(wrong_type.status, StatusCode::BAD_REQUEST);
    let validate = f
        .send(
            Method::POST,
            "/fhir/Patient/$validate",
            Some(&bad.to_string()),
            &[],
        )
        .await;
    assert_eq!(validate.status, StatusCode::OK);
    assert!(
        validate.json()["issue"]
            .as_array()
            .is_some_and(|i| i.len() >= 3)
    );
}

#[tokio::test]
async fn search_covers_tokens_strings_dates_quantities_references_chains_and_has() {
    let f = Fhir::as_role(Role::Admin).await;
    let asha = f.create(&patient("Kumari", "Asha", "1992-02-10")).await;
    let ravi = f.create(&patient("Müller", "Ravi", "1975-07-01")).await;
    let (a, r) = (
        asha["id"].as_str().expect("id"),
        ravi["id"].as_str().expect("id"),
    );
    f.create(&observation(a, "718-7", "9.5", "2024-01-15T08:00:00Z"))
        .await;
    f.create(&observation(a, "2345-7", "180", "2024-03-01T08:00:00Z"))
        .await;
    f.create(&observation(r, "718-7", "14.2", "2023-06-01T08:00:00Z"))
        .await;

    assert_eq!(f.ids("Patient?family=kum").await, [a]);
    assert_eq!(
        f.ids("Patient?family=muller").await,
        [r],
        "accent-insensitive"
    );
    assert_eq!(f.ids("Patient?family:exact=Müller").await, [r]);
    assert!(f.ids("Patient?family:exact=muller").await.is_empty());
    assert_eq!(f.ids("Patient?birthdate=lt1980").await, [r]);
    assert_eq!(f.ids("Patient?birthdate=1992-02").await, [a]);
    assert_eq!(
        f.ids("Observation?code=http://loinc.org|718-7").await.len(),
        2
    );
    assert_eq!(
        f.ids(
            "Observation?code=718-7,2345-7&subject=Patient/{a}"
                .replace("{a}", a)
                .as_str()
        )
        .await
        .len(),
        2
    );
    assert_eq!(
        f.ids("Observation?code=http://loinc.org|&date=ge2024-01-01")
            .await
            .len(),
        2
    );
    assert_eq!(f.ids("Observation?value-quantity=gt10").await.len(), 2);
    assert_eq!(
        f.ids("Observation?value-quantity=lt10|http://unitsofmeasure.org|g/dL")
            .await
            .len(),
        1
    );
    assert_eq!(
        f.ids("Observation?subject:Patient.family=kumari")
            .await
            .len(),
        2
    );
    assert_eq!(
        f.ids("Patient?_has:Observation:subject:code=2345-7").await,
        [a]
    );
    assert_eq!(
        f.ids(&format!("Patient?_id={a},{r}&_sort=-birthdate"))
            .await,
        [a, r]
    );
    let counted = f.search("Observation?_summary=count").await;
    assert_eq!(counted["total"], 3);
    assert!(counted.get("entry").is_none());
    let with_patients = f
        .search("Observation?code=718-7&_include=Observation:subject")
        .await;
    let included = with_patients["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["search"]["mode"] == "include")
        .count();
    assert_eq!(included, 2);
    let rev = f
        .search(&format!("Patient?_id={a}&_revinclude=Observation:subject"))
        .await;
    assert_eq!(rev["entry"].as_array().map(Vec::len), Some(3));
    let compartment = f.ids(&format!("Patient/{a}/Observation")).await;
    assert_eq!(compartment.len(), 2);
    let everything = f.search(&format!("Patient/{a}/$everything")).await;
    assert_eq!(everything["entry"].as_array().map(Vec::len), Some(3));
}

#[tokio::test]
async fn unknown_parameters_are_ignored_when_lenient_and_refused_when_strict() {
    let f = Fhir::as_role(Role::Admin).await;
    f.create(&patient("A", "B", "2000")).await;
    let lenient = f.search("Patient?nonsense=1").await;
    assert_eq!(matches(&lenient).len(), 1);
    let strict = f
        .send(
            Method::GET,
            "/fhir/Patient?nonsense=1",
            None,
            &[("prefer", "handling=strict")],
        )
        .await;
    assert_eq!(strict.status, StatusCode::BAD_REQUEST);
    assert_eq!(strict.json()["resourceType"], "OperationOutcome");
    let bad_date = f
        .send(Method::GET, "/fhir/Patient?birthdate=yesterday", None, &[])
        .await;
    assert_eq!(bad_date.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn next_links_keep_working_while_new_resources_arrive() {
    let f = Fhir::as_role(Role::Admin).await;
    for i in 0..5 {
        f.create(&patient(&format!("Page{i}"), "X", "2000")).await;
    }
    let first = f.search("Patient?_count=2").await;
    assert_eq!(matches(&first).len(), 2);
    let next = first["link"]
        .as_array()
        .expect("links")
        .iter()
        .find(|l| l["relation"] == "next")
        .expect("next")["url"]
        .as_str()
        .expect("url")
        .to_owned();
    // Someone writes in between.
    f.create(&patient("Late", "Y", "2001")).await;
    let path = next
        .split_once("/fhir/")
        .map(|(_, p)| format!("/fhir/{p}"))
        .expect("relative");
    let second = f.send(Method::GET, &path, None, &[]).await.json();
    let mut seen = matches(&first);
    seen.extend(matches(&second));
    assert_eq!(seen.len(), 4);
    seen.dedup();
    assert_eq!(seen.len(), 4, "no duplicates across pages");
    let sorted = f.search("Patient?_sort=family&_count=2").await;
    assert_eq!(sorted["total"], 6);
    let next_sorted = sorted["link"]
        .as_array()
        .expect("links")
        .iter()
        .find(|l| l["relation"] == "next")
        .expect("next")["url"]
        .as_str()
        .expect("url")
        .to_owned();
    f.create(&patient("Aaa", "Z", "2002")).await;
    let path = next_sorted
        .split_once("/fhir/")
        .map(|(_, p)| format!("/fhir/{p}"))
        .expect("relative");
    let page2 = f.send(Method::GET, &path, None, &[]).await.json();
    assert_eq!(
        matches(&page2).len(),
        2,
        "the kept result list ignores the later write"
    );
}

#[tokio::test]
async fn a_transaction_rewrites_references_and_rolls_back_entirely_on_failure() {
    let f = Fhir::as_role(Role::Admin).await;
    let tx = json!({"resourceType": "Bundle", "type": "transaction", "entry": [
        {"fullUrl": "urn:uuid:obs-1", "resource": observation("x", "718-7", "10.1", "2024-01-01"), "request": {"method": "POST", "url": "Observation"}},
        {"fullUrl": "urn:uuid:pat-1", "resource": patient("Tx", "One", "1999"), "request": {"method": "POST", "url": "Patient", "ifNoneExist": "family=Tx"}},
    ]});
    let mut tx = tx;
    tx["entry"][0]["resource"]["subject"]["reference"] = json!("urn:uuid:pat-1");
    let r = f
        .send(Method::POST, "/fhir", Some(&tx.to_string()), &[])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let response = r.json();
    assert_eq!(response["type"], "transaction-response");
    assert_eq!(response["entry"][0]["response"]["status"], "201 Created");
    let pid = f.ids("Patient?family=tx").await.remove(0);
    let obs = f.search("Observation").await;
    assert_eq!(
        obs["entry"][0]["resource"]["subject"]["reference"],
        format!("Patient/{pid}")
    );

    // The second entry is invalid: nothing of the transaction is written.
    let failing = json!({"resourceType": "Bundle", "type": "transaction", "entry": [
        {"resource": patient("Rollback", "A", "2000"), "request": {"method": "POST", "url": "Patient"}},
        {"resource": {"resourceType": "Patient", "gender": "unknown-gender"}, "request": {"method": "POST", "url": "Patient"}},
    ]});
    let r = f
        .send(Method::POST, "/fhir", Some(&failing.to_string()), &[])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert!(f.ids("Patient?family=rollback").await.is_empty());

    // A batch applies what it can and reports each entry.
    let batch = json!({"resourceType": "Bundle", "type": "batch", "entry": [
        {"resource": patient("Batch", "Ok", "2000"), "request": {"method": "POST", "url": "Patient"}},
        {"request": {"method": "GET", "url": "Patient/does-not-exist"}},
    ]});
    let r = f
        .send(Method::POST, "/fhir", Some(&batch.to_string()), &[])
        .await
        .json();
    assert_eq!(r["entry"][0]["response"]["status"], "201 Created");
    assert_eq!(r["entry"][1]["response"]["status"], "404 Not Found");
    assert_eq!(
        r["entry"][1]["response"]["outcome"]["resourceType"],
        "OperationOutcome"
    );
}

#[tokio::test]
async fn conditional_create_and_patch_work() {
    let f = Fhir::as_role(Role::Admin).await;
    let body = json!({"resourceType": "Patient", "identifier": [{"system": "https://abdm.gov.in/abha", "value": "91-1234"}]}).to_string();
    let cond = [(
        "if-none-exist",
        "identifier=https://abdm.gov.in/abha|91-1234",
    )];
    let first = f
        .send(Method::POST, "/fhir/Patient", Some(&body), &cond)
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let again = f
        .send(Method::POST, "/fhir/Patient", Some(&body), &cond)
        .await;
    assert_eq!(
        again.status,
        StatusCode::OK,
        "the existing resource is returned, not a duplicate"
    );
    assert_eq!(f.ids("Patient").await.len(), 1);
    let id = first.json()["id"].as_str().expect("id").to_owned();
    let req = Request::builder()
        .method(Method::PATCH)
        .uri(format!("/fhir/Patient/{id}"))
        .header(header::AUTHORIZATION, format!("Bearer {}", f.token))
        .header(header::CONTENT_TYPE, "application/json-patch+json")
        .body(Body::from(
            r#"[{"op": "add", "path": "/gender", "value": "female"}]"#,
        ))
        .expect("request");
    let patched = f.app.send(req).await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.text());
    assert_eq!(patched.json()["gender"], "female");
    assert_eq!(patched.json()["meta"]["versionId"], "2");
}

#[tokio::test]
async fn a_patient_reaches_only_their_own_compartment_and_every_read_is_audited() {
    let f = Fhir::as_role(Role::Admin).await;
    let (me, my_token) = f.app.account(Role::Patient).await;
    let (other, _) = f.app.account(Role::Patient).await;
    let mine = json!({"resourceType": "Patient", "id": me});
    assert_eq!(
        f.send(
            Method::PUT,
            &format!("/fhir/Patient/{me}"),
            Some(&mine.to_string()),
            &[]
        )
        .await
        .status,
        StatusCode::CREATED
    );
    f.create(&observation(&me, "718-7", "11.0", "2024-01-01"))
        .await;
    let theirs = f
        .create(&observation(&other, "718-7", "12.0", "2024-01-01"))
        .await;

    let search = f
        .send_as(&my_token, Method::GET, "/fhir/Observation", None, &[])
        .await;
    assert_eq!(search.status, StatusCode::OK);
    assert_eq!(matches(&search.json()).len(), 1, "only my observation");
    let foreign = f
        .send_as(
            &my_token,
            Method::GET,
            &format!("/fhir/Observation/{}", theirs["id"].as_str().expect("id")),
            None,
            &[],
        )
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    assert_eq!(foreign.json()["resourceType"], "OperationOutcome");
    let write_other = f
        .send_as(
            &my_token,
            Method::POST,
            "/fhir/Observation",
            Some(&observation(&other, "718-7", "1", "2024-01-01").to_string()),
            &[],
        )
        .await;
    assert_eq!(write_other.status, StatusCode::FORBIDDEN);
    let own_reading = f
        .send_as(
            &my_token,
            Method::POST,
            "/fhir/Observation",
            Some(&observation(&me, "8480-6", "120", "2024-02-01").to_string()),
            &[],
        )
        .await;
    assert_eq!(own_reading.status, StatusCode::CREATED);

    // The staff member's search that returns my observation appears in my access log.
    f.ids(&format!("Observation?subject=Patient/{me}")).await;
    let log = f
        .app
        .get("/auth/me/access-log", Some(&my_token))
        .await
        .json();
    let by_staff = |action: &str| {
        log.as_array()
            .expect("list")
            .iter()
            .any(|e| e["action"] == action && e["role"] == "admin")
    };
    assert!(by_staff("fhir.search"), "{log}");
    assert!(by_staff("fhir.create"), "{log}");
    let (_, dispatcher) = f.app.account(Role::Dispatcher).await;
    let refused = f
        .send_as(&dispatcher, Method::GET, "/fhir/Observation", None, &[])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["resourceType"], "OperationOutcome");
}

#[tokio::test]
async fn metadata_is_public_and_everything_else_needs_a_token() {
    let app = TestApp::new().await;
    let cap = app.get("/fhir/metadata", None).await;
    assert_eq!(cap.status, StatusCode::OK);
    let cap = cap.json();
    assert_eq!(cap["fhirVersion"], "4.0.1");
    let obs = cap["rest"][0]["resource"]
        .as_array()
        .expect("resources")
        .iter()
        .find(|r| r["type"] == "Observation")
        .cloned()
        .expect("Observation");
    assert!(
        obs["searchParam"]
            .as_array()
            .is_some_and(|p| p.iter().any(|s| s["name"] == "code"))
    );
    let anonymous = app.get("/fhir/Patient", None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anonymous.json()["resourceType"], "OperationOutcome");
}

#[tokio::test]
async fn meta_parameters_missing_numbers_and_subsets_search_as_specified() {
    let f = Fhir::as_role(Role::Admin).await;
    let tagged = json!({"resourceType": "Patient", "meta": {
        "tag": [{"system": "https://mysehat.in/tags", "code": "village-rampur"}],
        "profile": ["https://mysehat.in/fhir/StructureDefinition/asha-household-member"]},
        "name": [{"family": "Tagged"}], "gender": "female"});
    let t = f.create(&tagged).await;
    let plain = f
        .create(&json!({"resourceType": "Patient", "name": [{"family": "Plain"}]}))
        .await;
    let (t, plain) = (
        t["id"].as_str().expect("id"),
        plain["id"].as_str().expect("id"),
    );
    assert_eq!(
        f.ids("Patient?_tag=https://mysehat.in/tags|village-rampur")
            .await,
        [t]
    );
    assert_eq!(
        f.ids("Patient?_profile=https://mysehat.in/fhir/StructureDefinition/asha-household-member")
            .await,
        [t]
    );
    assert_eq!(f.ids("Patient?gender:missing=true").await, [plain]);
    assert_eq!(f.ids("Patient?gender:missing=false").await, [t]);
    assert_eq!(f.ids("Patient?_lastUpdated=gt2000-01-01").await.len(), 2);
    assert!(f.ids("Patient?_lastUpdated=lt2000-01-01").await.is_empty());
    let risk = json!({"resourceType": "RiskAssessment", "status": "final",
        "subject": {"reference": format!("Patient/{t}")},
        "prediction": [{"probabilityDecimal": 0.25}]});
    f.create(&risk).await;
    assert_eq!(f.ids("RiskAssessment?probability=gt0.2").await.len(), 1);
    assert!(f.ids("RiskAssessment?probability=lt0.2").await.is_empty());
    assert_eq!(f.ids("RiskAssessment?probability=0.25").await.len(), 1);
    let elements = f.search(&format!("Patient?_id={t}&_elements=gender")).await;
    let only = &elements["entry"][0]["resource"];
    assert_eq!(only["gender"], "female");
    assert!(only.get("name").is_none());
    assert!(
        only["meta"]["tag"]
            .as_array()
            .is_some_and(|tags| tags.iter().any(|x| x["code"] == "SUBSETTED"))
    );
    let summary = f.search(&format!("Patient?_id={t}&_summary=true")).await;
    assert!(
        summary["entry"][0]["resource"].get("name").is_some(),
        "name is a summary element of Patient"
    );
}
