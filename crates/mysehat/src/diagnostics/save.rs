//! `POST /diagnostics/symptom-check/save`: keeps a symptom check in the patient's record as a
//! `QuestionnaireResponse` (what the patient said and answered) and a `ClinicalImpression`
//! (the triage, the red flags and the likely conditions with ICD-10 codes). The server
//! evaluates the input again rather than trusting a result sent by the app. A doctor sees it
//! under an `OPConsultation` consent.

use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::http::{ApiJson, RequestContext};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use mysehat_domain::audit::Outcome;
use mysehat_triage::{Input, Output};
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct Saved {
    pub questionnaire_response: String,
    pub clinical_impression: String,
    /// The result as stored (evaluated again by the server).
    pub result: Output,
}

#[utoipa::path(
    post, path = "/diagnostics/symptom-check/save", tag = "diagnostics", operation_id = "save_symptom_check",
    request_body = Input,
    responses(
        (status = 201, description = "Stored in the caller's record", body = Saved),
        (status = 422, description = "The input is not valid; `field` names it", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn save(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(input): ApiJson<Input>,
) -> ApiResult<(StatusCode, Json<Saved>)> {
    let caller = ctx.caller()?;
    let output = super::evaluate(&input)?;
    let pid = caller.user_id.to_string();
    let now = crate::time::rfc3339(crate::time::now_ms());
    let qr_id = uuid::Uuid::now_v7().to_string();
    let ci_id = uuid::Uuid::now_v7().to_string();
    let (qr, ci) = resources(&pid, &now, (&qr_id, &ci_id), &input, &output);
    let writes = [qr, ci]
        .into_iter()
        .map(crate::fhir::seed::put)
        .collect::<Result<Vec<_>, _>>()
        .map_err(ApiError::internal)?;
    let mut audit = ctx.audit("diagnostics.save", Outcome::Success);
    audit.patient = Some(pid);
    audit.target = Some(format!("ClinicalImpression/{ci_id}"));
    crate::fhir::seed::commit(state.store.as_ref(), &writes, vec![audit])
        .await
        .map_err(ApiError::internal)?;
    Ok((
        StatusCode::CREATED,
        Json(Saved {
            questionnaire_response: format!("QuestionnaireResponse/{qr_id}"),
            clinical_impression: format!("ClinicalImpression/{ci_id}"),
            result: output,
        }),
    ))
}

/// The two resources of one saved check.
fn resources(
    pid: &str,
    now: &str,
    (qr_id, ci_id): (&str, &str),
    input: &Input,
    out: &Output,
) -> (Value, Value) {
    let subject = json!({"reference": format!("Patient/{pid}")});
    let tag = json!({"tag": [{"system": "https://mysehat.in/fhir/CodeSystem/provenance", "code": "patient-reported"}]});
    let mut items = vec![
        json!({"linkId": "complaint", "text": "In your own words", "answer": [{"valueString": input.text}]}),
    ];
    for a in &input.answers {
        items.push(
            json!({"linkId": a.question_id.to_string(), "answer": [{"valueString": a.answer}]}),
        );
    }
    let qr = json!({
        "resourceType": "QuestionnaireResponse", "id": qr_id, "meta": tag, "status": "completed",
        "questionnaire": "https://mysehat.in/fhir/Questionnaire/symptom-check",
        "subject": subject, "authored": now, "author": subject, "item": items,
    });
    let findings: Vec<Value> = out
        .conditions
        .iter()
        .take(5)
        .map(|c| {
            json!({
                "itemCodeableConcept": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": c.icd10, "display": c.name.en}], "text": c.name.en},
                "basis": format!("probability {:.2}", c.probability),
            })
        })
        .collect();
    let flags: Vec<String> = out.red_flags.iter().map(|f| f.label.en.clone()).collect();
    let summary = if flags.is_empty() {
        format!("Symptom check: {}.", out.triage.as_str())
    } else {
        format!(
            "Symptom check: {}. Red flags: {}.",
            out.triage.as_str(),
            flags.join("; ")
        )
    };
    let mut ci = json!({
        "resourceType": "ClinicalImpression", "id": ci_id, "meta": tag, "status": "completed",
        "code": {"coding": [{"system": "https://mysehat.in/fhir/CodeSystem/assessment", "code": "symptom-check"}], "text": "Symptom check"},
        "subject": subject, "date": now, "effectiveDateTime": now,
        "description": summary,
        "summary": format!("{} {}", out.advice, out.disclaimer),
        "supportingInfo": [{"reference": format!("QuestionnaireResponse/{qr_id}")}],
        "prognosisCodeableConcept": [{"coding": [{"system": "https://mysehat.in/fhir/CodeSystem/triage", "code": out.triage.as_str()}]}],
    });
    if !findings.is_empty() {
        ci["finding"] = Value::Array(findings);
    }
    (qr, ci)
}
