//! Smart diagnostics under `/diagnostics`: the symptom checker (`POST /diagnostics/symptom-check`)
//! and its vocabulary (`GET /diagnostics/symptoms`). The engine is `crates/triage`; this layer
//! parses, calls and maps. Image and report screening and uploads are still to come (501).

use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::ApiJson;
use crate::state::AppState;
use mysehat_triage::{Input, Output, TriageError};
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub mod save;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(symptom_check))
        .routes(routes!(save::save))
        .routes(routes!(symptoms))
}

#[utoipa::path(
    post, path = "/diagnostics/symptom-check", tag = "diagnostics", operation_id = "symptom_check",
    request_body = Input,
    responses(
        (status = 200, description = "Urgency first (red flags can only raise it), then the likely conditions with reasons, the next question, advice and a disclaimer", body = Output),
        (status = 422, description = "Missing age, impossible vitals or an unknown answer; `field` names it", body = ErrorBody),
    )
)]
pub async fn symptom_check(ApiJson(input): ApiJson<Input>) -> ApiResult<axum::Json<Output>> {
    evaluate(&input).map(axum::Json)
}

/// Runs the engine, with input errors as 422 naming the field. The engine is pure and takes
/// well under a millisecond, so it runs inline.
pub(crate) fn evaluate(input: &Input) -> ApiResult<Output> {
    mysehat_triage::evaluate(input).map_err(|e| match e {
        TriageError::Input(input) => {
            let field = input.code().trim_start_matches("triage_").to_owned();
            ApiError::field(ErrorCode::ValidationFailed, &field, input.to_string())
        }
        other => ApiError::internal(other),
    })
}

/// One entry of the symptom vocabulary.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Symptom {
    pub id: String,
    pub label_en: String,
    pub label_hi: String,
    pub question_en: String,
    pub question_hi: String,
}

#[utoipa::path(
    get, path = "/diagnostics/symptoms", tag = "diagnostics", operation_id = "list_symptoms",
    responses((status = 200, description = "The symptom vocabulary, in English and Hindi", body = Vec<Symptom>))
)]
pub async fn symptoms() -> ApiResult<axum::Json<Vec<Symptom>>> {
    let kb = mysehat_triage::kb::knowledge_base().map_err(ApiError::internal)?;
    let list = kb
        .findings()
        .iter()
        .map(|f| Symptom {
            id: f.id().to_string(),
            label_en: f.label().en.clone(),
            label_hi: f.label().hi.clone(),
            question_en: f.question().en.clone(),
            question_hi: f.question().hi.clone(),
        })
        .collect();
    Ok(axum::Json(list))
}
