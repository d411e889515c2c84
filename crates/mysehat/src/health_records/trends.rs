//! `GET /health-records/trends`: one vital or lab value over time, from the patient's
//! Observations (LOINC-coded, as Synthea and most systems record them), with the adult
//! reference range to draw behind the chart.

use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::http::RequestContext;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use mysehat_domain::audit::Outcome;
use mysehat_storage::fhir::{Cond, SearchQuery, SystemMatch};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    BloodPressure,
    BloodGlucose,
    Weight,
    Bmi,
    Haemoglobin,
    Spo2,
}

/// A series: its LOINC codes (any of them), the component codes for panels, the unit and the
/// reference range (adult; a guide, not a diagnosis).
struct Definition {
    codes: &'static [&'static str],
    /// (name, component LOINC) for panels such as blood pressure; empty for single values.
    components: &'static [(&'static str, &'static str)],
    unit: &'static str,
    low: Option<f64>,
    high: Option<f64>,
}

impl Metric {
    fn definition(self) -> Definition {
        match self {
            // Panel 85354-9 with systolic 8480-6 and diastolic 8462-4; normal below 120/80.
            Self::BloodPressure => Definition {
                codes: &["85354-9", "55284-4"],
                components: &[("systolic", "8480-6"), ("diastolic", "8462-4")],
                unit: "mm[Hg]",
                low: None,
                high: Some(120.0),
            },
            // Fasting 1558-6, random 2339-0 / 2345-7 / 15074-8; fasting normal 70–100 mg/dL.
            Self::BloodGlucose => Definition {
                codes: &["2339-0", "2345-7", "15074-8", "1558-6"],
                components: &[],
                unit: "mg/dL",
                low: Some(70.0),
                high: Some(100.0),
            },
            Self::Weight => Definition {
                codes: &["29463-7", "3141-9"],
                components: &[],
                unit: "kg",
                low: None,
                high: None,
            },
            // WHO adult BMI: 18.5–24.9 (Asian cut-off for overweight is 23, noted in the docs).
            Self::Bmi => Definition {
                codes: &["39156-5"],
                components: &[],
                unit: "kg/m2",
                low: Some(18.5),
                high: Some(24.9),
            },
            // WHO anaemia threshold for non-pregnant adult women 12 g/dL (men 13).
            Self::Haemoglobin => Definition {
                codes: &["718-7"],
                components: &[],
                unit: "g/dL",
                low: Some(12.0),
                high: Some(17.5),
            },
            Self::Spo2 => Definition {
                codes: &["2708-6", "59408-5"],
                components: &[],
                unit: "%",
                low: Some(95.0),
                high: Some(100.0),
            },
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct TrendQuery {
    pub metric: Metric,
    /// The patient (staff only; a patient sees their own).
    pub patient: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Point {
    pub date_ms: i64,
    /// One value, or one per component (systolic, diastolic), in component order.
    pub values: Vec<f64>,
    /// The Observation it comes from.
    pub reference: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Trend {
    pub metric: Metric,
    pub unit: String,
    /// Names of the values in each point (`["systolic", "diastolic"]`, or `["value"]`).
    pub series: Vec<String>,
    pub reference_low: Option<f64>,
    pub reference_high: Option<f64>,
    /// Oldest first.
    pub points: Vec<Point>,
}

#[utoipa::path(
    get, path = "/health-records/trends", tag = "health-records", operation_id = "trends",
    params(TrendQuery),
    responses(
        (status = 200, description = "The values over time, oldest first, with the reference range", body = Trend),
        (status = 403, description = "No live consent of this patient covering these records", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn trends(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(q): Query<TrendQuery>,
) -> ApiResult<Json<Trend>> {
    let caller = ctx.caller()?;
    let (pid, scope) = super::subject(&state, caller, q.patient.as_deref()).await?;
    let def = q.metric.definition();
    let codes = def
        .codes
        .iter()
        .map(|c| Cond::Token {
            param: "code".into(),
            system: SystemMatch::Is("http://loinc.org".into()),
            code: Some((*c).into()),
            negate: false,
        })
        .collect();
    let mut all_of = vec![codes, vec![Cond::Patient(pid.clone())]];
    if let Some(consented) = scope.filter() {
        all_of.push(consented);
    }
    let rids = state
        .store
        .fhir_search(&SearchQuery::new(Some("Observation".into()), all_of, 5_000))
        .await?;
    let mut points: Vec<Point> = state
        .store
        .fhir_load(&rids)
        .await?
        .into_iter()
        .filter(|r| !r.deleted && scope.can_read_stored(r))
        .filter_map(|r| {
            let body: Value = serde_json::from_str(&r.body).ok()?;
            point(&body, &def, format!("Observation/{}", r.id))
        })
        .collect();
    points.sort_by_key(|p| p.date_ms);
    let mut audit = ctx.audit("records.trends", Outcome::Success);
    audit.patient = Some(pid.clone());
    audit.purpose = scope.purpose_for(&pid);
    state
        .audit
        .append(vec![audit])
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(Trend {
        metric: q.metric,
        unit: def.unit.into(),
        series: if def.components.is_empty() {
            vec!["value".into()]
        } else {
            def.components
                .iter()
                .map(|(n, _)| (*n).to_owned())
                .collect()
        },
        reference_low: def.low,
        reference_high: def.high,
        points,
    }))
}

fn point(o: &Value, def: &Definition, reference: String) -> Option<Point> {
    let date = o["effectiveDateTime"]
        .as_str()
        .or_else(|| o["effectivePeriod"]["start"].as_str())
        .or_else(|| o["issued"].as_str())?;
    let (low, _) = crate::fhir::defs::date_range(date)?;
    let number = |q: &Value| {
        q["value"]
            .as_f64()
            .or_else(|| q["value"].as_str()?.parse().ok())
    };
    let values = if def.components.is_empty() {
        vec![number(&o["valueQuantity"])?]
    } else {
        let comps = o["component"].as_array()?;
        def.components
            .iter()
            .map(|(_, code)| {
                comps
                    .iter()
                    .find(|c| {
                        c["code"]["coding"]
                            .as_array()
                            .is_some_and(|cs| cs.iter().any(|x| x["code"] == *code))
                    })
                    .and_then(|c| number(&c["valueQuantity"]))
            })
            .collect::<Option<Vec<f64>>>()?
    };
    Some(Point {
        date_ms: low,
        values,
        reference,
    })
}
