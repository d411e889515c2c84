//! `GET /health-records/export`: everything in the patient's compartment as one FHIR
//! `collection` Bundle, each resource exactly as stored — the patient's copy of their data.

use crate::error::{ApiError, ApiResult};
use crate::http::RequestContext;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mysehat_domain::audit::Outcome;
use mysehat_storage::fhir::{Cond, SearchQuery};

/// The most resources one export holds.
const MAX_RESOURCES: i64 = 200_000;

#[utoipa::path(
    get, path = "/health-records/export", tag = "health-records", operation_id = "export_records",
    responses((status = 200, description = "A FHIR collection Bundle of every record of the caller", content_type = "application/fhir+json")),
    security(("bearer" = []))
)]
pub async fn export(State(state): State<AppState>, ctx: RequestContext) -> ApiResult<Response> {
    let caller = ctx.caller()?;
    let pid = caller.user_id.to_string();
    let query = SearchQuery::new(None, vec![vec![Cond::Patient(pid.clone())]], MAX_RESOURCES);
    let rids = state.store.fhir_search(&query).await?;
    let mut body = String::from(r#"{"resourceType":"Bundle","type":"collection","entry":["#);
    let mut first = true;
    for chunk in rids.chunks(1000) {
        for r in state.store.fhir_load(chunk).await? {
            if r.deleted {
                continue;
            }
            if !first {
                body.push(',');
            }
            first = false;
            // The stored text goes out as it is: decimals and order exactly as received.
            body.push_str(&format!(
                r#"{{"fullUrl":"urn:mysehat:{}/{}","resource":{}}}"#,
                r.resource_type, r.id, r.body
            ));
        }
    }
    body.push_str("]}");
    let mut audit = ctx.audit("records.export", Outcome::Success);
    audit.patient = Some(pid);
    state
        .audit
        .append(vec![audit])
        .await
        .map_err(ApiError::internal)?;
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/fhir+json"),
    );
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"mysehat-records.json\""),
    );
    Ok(response)
}
