//! The history interactions (instance, type, system) as `history` Bundles, newest first, with
//! `_since`, `_count` and a `next` link that stays stable while writes go on.

use super::Ctx;
use super::outcome::{FhirError, FhirResult, json_response};
use axum::http::StatusCode;
use axum::response::Response;
use mysehat_storage::fhir::{HistoryQuery, HistoryScope};
use serde_json::{Value, json};

pub async fn list(ctx: &Ctx<'_>, scope: HistoryScope) -> FhirResult<Response> {
    if ctx.scope.is_limited() {
        return Err(FhirError::forbidden(
            "history is not shared when you may see only some people's records (by consent or your villages); search the current records",
        ));
    }
    let mut since_ms = None;
    let mut before_hid = None;
    let mut count = 20;
    for (k, v) in &ctx.query {
        match k.as_str() {
            "_since" => {
                let (low, _) = super::defs::date_range(v)
                    .ok_or_else(|| FhirError::invalid(format!("_since `{v}` is not an instant")))?;
                since_ms = Some(low);
            }
            "_count" => {
                count = v
                    .parse::<i64>()
                    .map_err(|_| FhirError::invalid("_count must be a number"))?
                    .clamp(1, 1000)
            }
            "_before_version" => {
                before_hid = Some(
                    v.parse::<i64>()
                        .map_err(|_| FhirError::invalid("bad paging cursor"))?,
                )
            }
            _ => {}
        }
    }
    let (self_path, audit_patient) = match &scope {
        HistoryScope::System => (String::new(), None),
        HistoryScope::Type(t) => (format!("/{t}"), None),
        HistoryScope::Instance(t, id) => {
            // Versions are filtered by whose record each one was; this only tells a missing
            // resource from an empty history.
            ctx.state
                .store
                .fhir_read(t, id)
                .await?
                .ok_or_else(|| FhirError::not_found(format!("{t}/{id}")))?;
            (format!("/{t}/{id}"), None::<String>)
        }
    };
    let query = HistoryQuery {
        scope: scope.clone(),
        since_ms,
        before_hid,
        limit: count + 1,
        patient: ctx.scope.patient().map(str::to_owned),
    };
    let mut versions = ctx.state.store.fhir_history(&query).await?;
    let more = versions.len() as i64 > count;
    versions.truncate(usize::try_from(count).unwrap_or_default());
    let base = format!("{}{self_path}/_history", ctx.base_url);
    let mut links = vec![json!({"relation": "self", "url": format!("{base}?_count={count}")})];
    if let Some(last) = versions.last().filter(|_| more) {
        links.push(json!({"relation": "next", "url": format!("{base}?_count={count}&_before_version={}", last.hid)}));
    }
    let entries: Vec<Value> = versions
        .iter()
        .map(|v| {
            let full = format!("{}/{}/{}", ctx.base_url, v.resource_type, v.id);
            let status = match v.method.as_str() {
                "POST" => "201 Created",
                "DELETE" => "204 No Content",
                _ => "200 OK",
            };
            let url = if v.method == "POST" {
                v.resource_type.clone()
            } else {
                format!("{}/{}", v.resource_type, v.id)
            };
            let mut entry = json!({
                "fullUrl": full,
                "request": {"method": v.method, "url": url},
                "response": {
                    "status": status,
                    "etag": super::http::etag(v.version_id),
                    "lastModified": crate::time::rfc3339(v.last_updated_ms),
                },
            });
            if let Some(body) = &v.body {
                entry["resource"] = serde_json::from_str(body).unwrap_or(Value::Null);
            }
            entry
        })
        .collect();
    let mut patients: Vec<&str> = versions
        .iter()
        .filter_map(|v| v.patient.as_deref())
        .collect();
    patients.extend(audit_patient.as_deref());
    patients.sort_unstable();
    patients.dedup();
    ctx.audit_reads("fhir.history", &format!("{self_path}/_history"), &patients)
        .await?;
    let bundle = json!({
        "resourceType": "Bundle",
        "type": "history",
        "link": links,
        "entry": entries,
    });
    Ok(json_response(StatusCode::OK, &bundle))
}
