//! `POST /fhir` with a `batch` or `transaction` Bundle.
//!
//! A transaction is all or nothing and follows the specification's order: deletes, then
//! creates, then updates, then reads. `urn:uuid:` and other entry `fullUrl`s and conditional
//! references (`Practitioner?identifier=…`) are resolved and rewritten before anything is
//! written, and every write goes to the store in one database transaction. A batch runs each
//! entry on its own through the same handlers as single requests.

use super::outcome::{FhirError, FhirResult, json_response};
use super::route::{self, Interaction};
use super::{Ctx, crud, defs};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use mysehat_storage::fhir::{FhirChange, FhirWrite};
use serde_json::{Value, json};
use std::collections::HashMap;

pub async fn process(ctx: &Ctx<'_>) -> FhirResult<Response> {
    let bundle = crud::parse_resource(ctx.body, "Bundle")?;
    let entries = bundle
        .get("entry")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    match bundle.get("type").and_then(Value::as_str) {
        Some("transaction") => transaction(ctx, entries).await,
        Some("batch") => batch(ctx, entries).await,
        other => Err(FhirError::invalid(format!(
            "POST /fhir takes a batch or transaction Bundle, not type {}",
            other.unwrap_or("(none)")
        ))),
    }
}

/// One entry's request, parsed.
#[derive(Debug)]
struct EntryRequest {
    method: Method,
    url: String,
    if_none_exist: Option<String>,
    if_match: Option<String>,
}

fn entry_request(entry: &Value, n: usize) -> FhirResult<EntryRequest> {
    let request = entry
        .get("request")
        .ok_or_else(|| FhirError::invalid(format!("entry {n} has no request")))?;
    let method = request
        .get("method")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let method = Method::from_bytes(method.as_bytes())
        .ok()
        .filter(|m| {
            [
                Method::GET,
                Method::HEAD,
                Method::POST,
                Method::PUT,
                Method::PATCH,
                Method::DELETE,
            ]
            .contains(m)
        })
        .ok_or_else(|| {
            FhirError::invalid(format!(
                "entry {n}: request.method `{method}` is not a FHIR method"
            ))
        })?;
    let url = request
        .get("url")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim_start_matches('/')
        .to_owned();
    if url.is_empty() {
        return Err(FhirError::invalid(format!("entry {n} has no request.url")));
    }
    let text = |k: &str| request.get(k).and_then(Value::as_str).map(str::to_owned);
    Ok(EntryRequest {
        method,
        url,
        if_none_exist: text("ifNoneExist"),
        if_match: text("ifMatch"),
    })
}

async fn batch(ctx: &Ctx<'_>, entries: Vec<Value>) -> FhirResult<Response> {
    let mut out = Vec::with_capacity(entries.len());
    for (n, entry) in entries.iter().enumerate() {
        let answer = match entry_request(entry, n) {
            Ok(req) => Box::pin(run_entry(ctx, &req, entry.get("resource"))).await,
            Err(e) => Err(e),
        };
        out.push(match answer {
            Ok(e) => e,
            Err(e) => {
                json!({"response": {"status": status_line(e.status), "outcome": e.to_outcome()}})
            }
        });
    }
    Ok(json_response(
        StatusCode::OK,
        &json!({"resourceType": "Bundle", "type": "batch-response", "entry": out}),
    ))
}

/// Runs one entry as if it were its own request and renders the answer as a response entry.
async fn run_entry(
    ctx: &Ctx<'_>,
    req: &EntryRequest,
    resource: Option<&Value>,
) -> FhirResult<Value> {
    let (path, query) = req.url.split_once('?').unwrap_or((&req.url, ""));
    let interaction = route::parse(&req.method, path, defs::is_resource_type).map_err(|_| {
        FhirError::invalid(format!(
            "`{} {}` is not a FHIR interaction",
            req.method, req.url
        ))
    })?;
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/fhir+json"),
    );
    if req.method == Method::PATCH {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json-patch+json"),
        );
    }
    for (name, value) in [
        ("if-none-exist", &req.if_none_exist),
        ("if-match", &req.if_match),
    ] {
        if let Some(v) = value.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
            headers.insert(name, v);
        }
    }
    let body = match (resource, req.method == Method::PATCH) {
        (Some(r), true) => patch_body(r)?,
        (Some(r), false) => r.to_string().into_bytes(),
        (None, _) => Vec::new(),
    };
    let sub = Ctx {
        state: ctx.state,
        request: ctx.request,
        scope: ctx.scope.clone(),
        headers: &headers,
        base_url: ctx.base_url.clone(),
        raw_query: query,
        query: super::decode_query(query)?,
        body: &body,
    };
    let response = Box::pin(super::run(&sub, interaction)).await?;
    response_entry(response).await
}

/// A PATCH entry carries its JSON Patch as a Binary resource (base64 `data`).
fn patch_body(resource: &Value) -> FhirResult<Vec<u8>> {
    use base64::Engine;
    let data = resource
        .get("data")
        .and_then(Value::as_str)
        .ok_or_else(|| FhirError::invalid("a PATCH entry needs a Binary with data"))?;
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|_| FhirError::invalid("the PATCH entry's Binary data is not base64"))
}

async fn response_entry(response: Response) -> FhirResult<Value> {
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .map_err(FhirError::internal)?;
    let mut entry_response = json!({"status": status_line(status)});
    let header_text = |h: header::HeaderName| {
        headers
            .get(h)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    if let Some(location) = header_text(header::LOCATION) {
        entry_response["location"] = json!(location);
    }
    if let Some(etag) = header_text(header::ETAG) {
        entry_response["etag"] = json!(etag);
    }
    let body: Option<Value> = (!bytes.is_empty())
        .then(|| serde_json::from_slice(&bytes).ok())
        .flatten();
    let mut entry = json!({});
    match body {
        Some(b) if status.is_success() => entry["resource"] = b,
        Some(b) => entry_response["outcome"] = b,
        None => {}
    }
    entry["response"] = entry_response;
    Ok(entry)
}

fn status_line(status: StatusCode) -> String {
    format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or_default()
    )
}

/// Processing order within a transaction (http.html#trules).
fn rank(method: &Method) -> u8 {
    match *method {
        Method::DELETE => 0,
        Method::POST => 1,
        Method::PUT | Method::PATCH => 2,
        _ => 3,
    }
}

async fn transaction(ctx: &Ctx<'_>, mut entries: Vec<Value>) -> FhirResult<Response> {
    let requests: Vec<EntryRequest> = entries
        .iter()
        .enumerate()
        .map(|(n, e)| entry_request(e, n))
        .collect::<FhirResult<_>>()?;
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| rank(&requests[i].method));

    // 1. Decide every target id, and map each entry's fullUrl to it.
    let mut ids: Vec<Option<(String, String)>> = vec![None; entries.len()];
    let mut existing: Vec<bool> = vec![false; entries.len()];
    let mut urls: HashMap<String, String> = HashMap::new();
    for &i in &order {
        let req = &requests[i];
        let (path, query) = req.url.split_once('?').unwrap_or((&req.url, ""));
        let target = match (
            &req.method,
            route::parse(&req.method, path, defs::is_resource_type),
        ) {
            (&Method::POST, Ok(Interaction::Create { ty })) => {
                let found = match &req.if_none_exist {
                    Some(cond) => super::conditional_matches(ctx, &ty, cond).await?,
                    None => vec![],
                };
                match found.as_slice() {
                    [] => Some((ty, crud::new_id())),
                    [one] => {
                        existing[i] = true;
                        Some((ty, one.id.clone()))
                    }
                    _ => {
                        return Err(crud::precondition(&format!(
                            "entry {i}: ifNoneExist matches more than one resource"
                        )));
                    }
                }
            }
            (
                _,
                Ok(
                    Interaction::Update { ty, id }
                    | Interaction::Delete { ty, id }
                    | Interaction::Patch { ty, id },
                ),
            ) => Some((ty, id)),
            (
                &Method::PUT | &Method::DELETE,
                Ok(Interaction::ConditionalUpdate { ty } | Interaction::ConditionalDelete { ty }),
            ) => {
                let found = super::conditional_matches(ctx, &ty, query).await?;
                match found.as_slice() {
                    [] if req.method == Method::PUT => Some((ty, crud::new_id())),
                    [] => None,
                    [one] => Some((ty, one.id.clone())),
                    _ => {
                        return Err(crud::precondition(&format!(
                            "entry {i}: the condition matches more than one resource"
                        )));
                    }
                }
            }
            (_, Ok(_)) => None,
            (_, Err(_)) => {
                return Err(FhirError::invalid(format!(
                    "entry {i}: `{} {}` is not a FHIR interaction",
                    req.method, req.url
                )));
            }
        };
        if let (Some((ty, id)), Some(full)) =
            (&target, entries[i].get("fullUrl").and_then(Value::as_str))
        {
            urls.insert(full.to_owned(), format!("{ty}/{id}"));
        }
        ids[i] = target;
    }

    // 2. Rewrite references to other entries and resolve conditional references.
    let mut conditional: HashMap<String, String> = HashMap::new();
    for entry in &mut entries {
        if let Some(resource) = entry.get_mut("resource") {
            let mut wanted = Vec::new();
            collect_conditional(resource, &mut wanted);
            for reference in wanted {
                if conditional.contains_key(&reference) {
                    continue;
                }
                let (ty, query) = reference.split_once('?').unwrap_or_default();
                let found = super::conditional_matches(ctx, ty, query).await?;
                match found.as_slice() {
                    [one] => conditional.insert(reference.clone(), format!("{ty}/{}", one.id)),
                    [] => {
                        return Err(FhirError::new(
                            StatusCode::NOT_FOUND,
                            "not-found",
                            format!("the conditional reference {reference} matches nothing"),
                        ));
                    }
                    _ => {
                        return Err(crud::precondition(&format!(
                            "the conditional reference {reference} matches more than one resource"
                        )));
                    }
                };
            }
            rewrite(resource, &urls, &conditional);
        }
    }

    // 3. Prepare every write, then apply them in one database transaction.
    let mut writes = Vec::new();
    let mut write_of: Vec<Option<usize>> = vec![None; entries.len()];
    for &i in &order {
        let req = &requests[i];
        let Some((ty, id)) = ids[i].clone() else {
            continue;
        };
        if existing[i] {
            continue;
        }
        let change = match req.method {
            Method::DELETE => {
                crud::authorise_put(ctx, &ty, &id).await?;
                FhirChange::Delete
            }
            Method::POST | Method::PUT => {
                let mut resource = entries[i]
                    .get("resource")
                    .cloned()
                    .ok_or_else(|| FhirError::invalid(format!("entry {i} has no resource")))?;
                if resource.get("resourceType").and_then(Value::as_str) != Some(ty.as_str()) {
                    return Err(FhirError::invalid(format!(
                        "entry {i}: the resource is not a {ty}"
                    )));
                }
                if req.method == Method::PUT {
                    crud::authorise_put(ctx, &ty, &id).await?;
                }
                resource["id"] = Value::String(id.clone());
                crud::prepare(ctx, resource)?
            }
            _ => {
                return Err(FhirError::invalid(format!(
                    "entry {i}: PATCH inside a transaction is not supported; use a batch"
                )));
            }
        };
        let if_match = req
            .if_match
            .as_deref()
            .map(super::http::version_tag)
            .transpose()?;
        write_of[i] = Some(writes.len());
        writes.push(FhirWrite {
            resource_type: ty,
            id,
            change,
            if_match,
        });
    }
    let written = super::write(ctx, writes, "fhir.transaction").await?;

    // 4. Reads run after the writes; answers keep the request order.
    let mut out = Vec::with_capacity(entries.len());
    for i in 0..entries.len() {
        let req = &requests[i];
        let entry = match (write_of[i], &ids[i]) {
            (Some(w), _) => {
                let w = &written[w];
                let status = if req.method == Method::DELETE {
                    "204 No Content"
                } else if w.created {
                    "201 Created"
                } else {
                    "200 OK"
                };
                let mut response = json!({"status": status, "etag": super::http::etag(w.version_id), "lastModified": crate::time::rfc3339(w.last_updated_ms)});
                if req.method != Method::DELETE {
                    response["location"] = json!(format!(
                        "{}/{}/_history/{}",
                        w.resource_type, w.id, w.version_id
                    ));
                }
                json!({"fullUrl": format!("{}/{}/{}", ctx.base_url, w.resource_type, w.id), "response": response})
            }
            (None, Some((ty, id))) if existing[i] => {
                json!({"fullUrl": format!("{}/{ty}/{id}", ctx.base_url), "response": {"status": "200 OK", "location": format!("{ty}/{id}")}})
            }
            (None, Some(_)) => json!({"response": {"status": "204 No Content"}}),
            (None, None) => Box::pin(run_entry(ctx, req, None)).await?,
        };
        out.push(entry);
    }
    let bundle = json!({"resourceType": "Bundle", "type": "transaction-response", "entry": out});
    Ok(json_response(StatusCode::OK, &bundle))
}

/// `Type?query`: a reference by search rather than by id.
fn is_conditional(reference: &str) -> bool {
    reference
        .split_once('?')
        .is_some_and(|(ty, _)| defs::is_resource_type(ty))
}

fn collect_conditional(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("reference", Value::String(r)) if is_conditional(r) => out.push(r.clone()),
                    _ => collect_conditional(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_conditional(v, out)),
        _ => {}
    }
}

/// Replaces references that name another entry (by `fullUrl`) or a conditional reference.
fn rewrite(
    value: &mut Value,
    urls: &HashMap<String, String>,
    conditional: &HashMap<String, String>,
) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if k == "reference"
                    && let Value::String(r) = v
                {
                    if let Some(new) = urls.get(r.as_str()).or_else(|| conditional.get(r.as_str()))
                    {
                        *r = new.clone();
                    }
                    continue;
                }
                rewrite(v, urls, conditional);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rewrite(v, urls, conditional)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_to_entries_and_conditional_references_are_rewritten() {
        let mut resource = json!({
            "subject": {"reference": "urn:uuid:abc"},
            "performer": [{"reference": "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|1"}],
            "basedOn": [{"reference": "http://example.org/fhir/ServiceRequest?x=1"}],
            "contained": [{"subject": {"reference": "urn:uuid:abc"}}],
            "note": [{"text": "urn:uuid:abc stays as text"}],
        });
        let urls = HashMap::from([("urn:uuid:abc".to_owned(), "Patient/42".to_owned())]);
        let mut wanted = Vec::new();
        collect_conditional(&resource, &mut wanted);
        assert_eq!(
            wanted,
            ["Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|1"]
        );
        let conditional = HashMap::from([(wanted[0].clone(), "Practitioner/7".to_owned())]);
        rewrite(&mut resource, &urls, &conditional);
        assert_eq!(resource["subject"]["reference"], "Patient/42");
        assert_eq!(
            resource["contained"][0]["subject"]["reference"],
            "Patient/42"
        );
        assert_eq!(resource["performer"][0]["reference"], "Practitioner/7");
        assert_eq!(resource["note"][0]["text"], "urn:uuid:abc stays as text");
    }

    #[test]
    fn transactions_delete_then_create_then_update_then_read() {
        let mut methods = [Method::GET, Method::PUT, Method::POST, Method::DELETE];
        methods.sort_by_key(rank);
        assert_eq!(
            methods,
            [Method::DELETE, Method::POST, Method::PUT, Method::GET]
        );
    }
}
