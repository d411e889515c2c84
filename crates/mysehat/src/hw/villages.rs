//! A worker's villages, the shipped forms, and household numbers reserved per device.

use super::village_ids;
use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::{ApiJson, RequestContext};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

/// Household numbers read `HH-<n>`.
const NUMBER_PREFIX: &str = "HH";
const MAX_BLOCK: i64 = 200;

#[derive(Debug, Serialize, ToSchema)]
pub struct Village {
    pub id: String,
    pub name: String,
}

#[utoipa::path(
    get, path = "/api/v1/hw/villages", tag = "health-worker", operation_id = "hw_villages",
    responses((status = 200, description = "The caller's villages", body = [Village])),
    security(("bearer" = []))
)]
pub async fn villages(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<Json<Vec<Village>>> {
    let caller = ctx.caller()?;
    let ids = village_ids(&state, caller).await?;
    let keys: Vec<(String, String)> = ids
        .iter()
        .map(|id| ("Location".to_owned(), id.clone()))
        .collect();
    let found = state.store.fhir_load_keys(&keys).await?;
    let name_of = |id: &str| {
        found
            .iter()
            .find(|l| l.id == id)
            .and_then(|l| serde_json::from_str::<Value>(&l.body).ok())
            .and_then(|b| b["name"].as_str().map(str::to_owned))
            .unwrap_or_else(|| id.to_owned())
    };
    Ok(Json(
        ids.iter()
            .map(|id| Village {
                id: id.clone(),
                name: name_of(id),
            })
            .collect(),
    ))
}

#[utoipa::path(
    get, path = "/api/v1/hw/forms", tag = "health-worker", operation_id = "hw_forms",
    responses((status = 200, description = "The shipped field forms (FHIR Questionnaires): household enumeration, CBAC, antenatal visit, child immunisation, TB screen", body = [Object])),
    security(("bearer" = []))
)]
pub async fn forms() -> Json<Vec<Value>> {
    Json(mysehat_hw::forms().to_vec())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NumbersRequest {
    pub device: String,
    /// 1–200.
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NumberBlock {
    /// Numbers read `<prefix>-<n>`.
    pub prefix: String,
    pub first: i64,
    pub last: i64,
}

#[utoipa::path(
    post, path = "/api/v1/hw/numbers", tag = "health-worker", operation_id = "hw_reserve_numbers",
    request_body = NumbersRequest,
    responses(
        (status = 200, description = "A block of household numbers nobody else will use", body = NumberBlock),
        (status = 400, description = "Bad device or count", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn reserve_numbers(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(body): ApiJson<NumbersRequest>,
) -> ApiResult<Json<NumberBlock>> {
    let caller = ctx.caller()?;
    if !crate::sync::push::valid_device(&body.device) {
        return Err(ApiError::field(
            ErrorCode::InvalidRequest,
            "device",
            "device must be 1–64 letters, digits or '-'",
        ));
    }
    if !(1..=MAX_BLOCK).contains(&body.count) {
        return Err(ApiError::field(
            ErrorCode::InvalidRequest,
            "count",
            format!("count must be 1–{MAX_BLOCK}"),
        ));
    }
    for _ in 0..5 {
        match state
            .store
            .hw_reserve_numbers(
                &body.device,
                caller.user_id,
                body.count,
                crate::time::now_ms(),
            )
            .await
        {
            Ok((first, last)) => {
                return Ok(Json(NumberBlock {
                    prefix: NUMBER_PREFIX.into(),
                    first,
                    last,
                }));
            }
            Err(mysehat_storage::StoreError::Conflict(_)) => continue, // another device took it first
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::new(
        ErrorCode::ServiceUnavailable,
        "many devices are reserving numbers at once; try again",
    ))
}
