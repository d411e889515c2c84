//! `GET /health-records/timeline`: the patient's records newest first, by clinical date.

use crate::consent::kinds::{HiType, clinical_date_param};
use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::RequestContext;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use mysehat_domain::audit::Outcome;
use mysehat_storage::fhir::{Cond, FhirCurrent, IndexRow, SearchQuery};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

/// How many records one timeline reads at most (a lifetime of a Synthea patient fits).
const MAX_RECORDS: i64 = 20_000;

#[derive(Debug, Deserialize, IntoParams)]
pub struct TimelineQuery {
    /// The patient (staff only; a patient sees their own).
    pub patient: Option<String>,
    /// Only this kind of record.
    pub kind: Option<HiType>,
    /// Clinical dates from (UTC milliseconds).
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    /// From the previous page's `next_cursor`.
    pub cursor: Option<String>,
    /// Items per page, 1 to 100 (default 50).
    pub limit: Option<usize>,
}

/// One entry of the record.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct Item {
    pub kind: HiType,
    /// The FHIR reference, e.g. `Observation/123`.
    pub reference: String,
    pub resource_type: String,
    /// When it happened (UTC milliseconds), if the record says.
    pub date_ms: Option<i64>,
    /// A short human title from the record's code or text.
    pub title: String,
    /// Entered by the patient, not by a clinician.
    pub patient_reported: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Timeline {
    pub items: Vec<Item>,
    pub next_cursor: Option<String>,
    /// Items in the whole timeline (with these filters).
    pub total: usize,
}

#[utoipa::path(
    get, path = "/health-records/timeline", tag = "health-records", operation_id = "timeline",
    params(TimelineQuery),
    responses(
        (status = 200, description = "The record newest first, each item typed and linked to its FHIR resource", body = Timeline),
        (status = 403, description = "No live consent of this patient", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn timeline(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(q): Query<TimelineQuery>,
) -> ApiResult<Json<Timeline>> {
    let caller = ctx.caller()?;
    let (pid, scope) = super::subject(&state, caller, q.patient.as_deref()).await?;
    let limit = q.limit.unwrap_or(50);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::field(
            ErrorCode::ValidationFailed,
            "limit",
            "1 to 100",
        ));
    }
    let offset = match &q.cursor {
        Some(c) => c.parse::<usize>().map_err(|_| {
            ApiError::field(
                ErrorCode::ValidationFailed,
                "cursor",
                "not a cursor from this API",
            )
        })?,
        None => 0,
    };
    let kinds: Vec<HiType> = q.kind.map_or_else(|| HiType::ALL.to_vec(), |k| vec![k]);
    let mut types: Vec<String> = kinds
        .iter()
        .flat_map(|k| k.resource_types().iter().map(|t| (*t).to_owned()))
        .collect();
    types.sort();
    types.dedup();
    let mut all_of = vec![vec![Cond::Types(types)], vec![Cond::Patient(pid.clone())]];
    if let Some(consented) = scope.filter() {
        all_of.push(consented);
    }
    let rids = state
        .store
        .fhir_search(&SearchQuery::new(None, all_of, MAX_RECORDS))
        .await?;
    let records = state.store.fhir_load(&rids).await?;
    let mut items: Vec<Item> = records
        .iter()
        .filter(|r| !r.deleted && scope.can_read_stored(r))
        .filter_map(item)
        .filter(|i| kinds.contains(&i.kind))
        .filter(|i| match (q.from_ms, q.to_ms, i.date_ms) {
            (None, None, _) => true,
            (_, _, None) => false,
            (from, to, Some(d)) => from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t),
        })
        .collect();
    items.sort_by(|a, b| {
        b.date_ms
            .cmp(&a.date_ms)
            .then_with(|| a.reference.cmp(&b.reference))
    });
    let total = items.len();
    let page: Vec<Item> = items.into_iter().skip(offset).take(limit).collect();
    let next_cursor = (offset + page.len() < total).then(|| (offset + page.len()).to_string());
    let mut audit = ctx.audit("records.timeline", Outcome::Success);
    audit.patient = Some(pid.clone());
    audit.purpose = scope.purpose_for(&pid);
    state
        .audit
        .append(vec![audit])
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(Timeline {
        items: page,
        next_cursor,
        total,
    }))
}

/// A stored record as a timeline item; `None` for what no kind covers.
fn item(r: &FhirCurrent) -> Option<Item> {
    let body: Value = serde_json::from_str(&r.body).ok()?;
    let rows = crate::fhir::index::index(&body)
        .map(|(rows, _)| rows)
        .unwrap_or_default();
    let kind = kind_of(&r.resource_type, &rows)?;
    let date_ms = clinical_date_param(&r.resource_type).and_then(|param| {
        rows.iter()
            .filter_map(|row| match row {
                IndexRow::Date {
                    param: p, low_ms, ..
                } if p == param => Some(*low_ms),
                _ => None,
            })
            .min()
    });
    let patient_reported = body["meta"]["tag"]
        .as_array()
        .is_some_and(|tags| tags.iter().any(|t| t["code"] == "patient-reported"));
    Some(Item {
        kind,
        reference: format!("{}/{}", r.resource_type, r.id),
        resource_type: r.resource_type.clone(),
        date_ms,
        title: title(&body),
        patient_reported,
    })
}

fn kind_of(ty: &str, rows: &[IndexRow]) -> Option<HiType> {
    if ty == "Observation" {
        let categories: Vec<&str> = rows
            .iter()
            .filter_map(|row| match row {
                IndexRow::Token {
                    param,
                    code: Some(c),
                    ..
                } if param == "category" => Some(c.as_str()),
                _ => None,
            })
            .collect();
        let lab = HiType::DiagnosticReport.observation_categories();
        return Some(if categories.iter().any(|c| lab.contains(c)) {
            HiType::DiagnosticReport
        } else {
            HiType::WellnessRecord
        });
    }
    HiType::ALL
        .into_iter()
        .find(|k| k.resource_types().contains(&ty))
}

/// The most human name a record gives itself.
fn title(r: &Value) -> String {
    let concept = |c: &Value| {
        c["text"]
            .as_str()
            .or_else(|| c["coding"][0]["display"].as_str())
            .or_else(|| c["coding"][0]["code"].as_str())
            .map(str::to_owned)
    };
    concept(&r["code"])
        .or_else(|| concept(&r["medicationCodeableConcept"]))
        .or_else(|| concept(&r["vaccineCode"]))
        .or_else(|| concept(&r["type"][0]))
        .or_else(|| concept(&r["type"]))
        .or_else(|| r["description"].as_str().map(str::to_owned))
        .or_else(|| r["title"].as_str().map(str::to_owned))
        .unwrap_or_else(|| r["resourceType"].as_str().unwrap_or_default().to_owned())
}
