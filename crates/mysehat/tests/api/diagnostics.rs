//! The symptom checker over HTTP and the `mysehat eval triage` command: urgency first, crisis
//! help always shown, bad input refused with the field named.

use crate::util::TestApp;
use axum::http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn crushing_chest_pain_with_sweating_is_an_emergency_with_numbers_to_call() {
    let app = TestApp::new().await;
    let r = app
        .post(
            "/diagnostics/symptom-check",
            None,
            json!({"age": 58, "sex": "male", "language": "en",
                   "text": "heavy chest pain spreading to my left arm, sweating a lot"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let out = r.json();
    assert_eq!(out["triage"], "emergency");
    assert!(!out["red_flags"].as_array().expect("list").is_empty());
    let numbers: Vec<&str> = out["helplines"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|h| h["number"].as_str())
        .collect();
    assert!(
        numbers.contains(&"108") && numbers.contains(&"112"),
        "{numbers:?}"
    );
    assert!(!out["disclaimer"].as_str().unwrap_or_default().is_empty());
}

#[tokio::test]
async fn suicidal_thoughts_in_hindi_always_bring_crisis_help() {
    let app = TestApp::new().await;
    let r = app
        .post(
            "/diagnostics/symptom-check",
            None,
            json!({"age": 24, "sex": "female", "language": "hi", "text": "मैं खुद को खत्म करना चाहती हूँ, जीने का मन नहीं"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let out = r.json();
    assert_eq!(out["crisis"], true);
    let numbers: Vec<&str> = out["helplines"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|h| h["number"].as_str())
        .collect();
    assert!(numbers.contains(&"14416"), "{numbers:?}");
    assert_ne!(out["triage"], "self_care");
}

#[tokio::test]
async fn a_case_without_an_age_is_refused_with_the_field_named() {
    let app = TestApp::new().await;
    let r = app
        .post(
            "/diagnostics/symptom-check",
            None,
            json!({"sex": "female", "text": "fever"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "validation_failed");
    let r = app
        .post(
            "/diagnostics/symptom-check",
            None,
            json!({"age": "old", "text": "fever"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["field"], "age");
}

#[tokio::test]
async fn the_vocabulary_is_listed_in_english_and_hindi() {
    let app = TestApp::new().await;
    let list = app.get("/diagnostics/symptoms", None).await.json();
    let list = list.as_array().expect("list");
    assert!(list.len() >= 100, "{}", list.len());
    assert!(
        list.iter()
            .all(|s| !s["label_hi"].as_str().unwrap_or_default().is_empty())
    );
}

#[test]
fn eval_triage_reports_safety_and_accuracy_for_a_case_file() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../triage/eval/dev-set.json");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mysehat"))
        .args(["eval", "triage"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for measure in [
        "emergency sensitivity",
        "under-triage rate",
        "diagnosis in top 3",
        "emergencies triaged self_care",
    ] {
        assert!(text.contains(measure), "{measure} missing from:\n{text}");
    }
}

#[tokio::test]
async fn a_saved_check_joins_the_patients_record_as_fhir_resources() {
    let app = TestApp::new().await;
    let (phone, _) = app.register_patient("Ravi Verma").await;
    let token = app.login(&phone).await["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let input = json!({"age": 58, "sex": "male", "language": "en",
        "text": "heavy chest pain spreading to my left arm, sweating a lot"});
    assert_eq!(
        app.post("/diagnostics/symptom-check/save", None, input.clone())
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let r = app
        .post("/diagnostics/symptom-check/save", Some(&token), input)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let saved = r.json();
    assert_eq!(saved["result"]["triage"], "emergency");
    let ci = app
        .get(
            &format!(
                "/fhir/{}",
                saved["clinical_impression"].as_str().expect("ref")
            ),
            Some(&token),
        )
        .await
        .json();
    assert_eq!(
        ci["prognosisCodeableConcept"][0]["coding"][0]["code"],
        "emergency"
    );
    assert!(ci["finding"][0]["itemCodeableConcept"]["coding"][0]["code"].is_string());
    let t = app
        .get("/health-records/timeline", Some(&token))
        .await
        .json();
    let types: Vec<&str> = t["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["resource_type"].as_str())
        .collect();
    assert!(types.contains(&"ClinicalImpression"), "{t}");
    assert!(types.contains(&"QuestionnaireResponse"), "{t}");
    let bad = app
        .post(
            "/diagnostics/symptom-check/save",
            Some(&token),
            json!({"sex": "male", "text": "fever"}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}
