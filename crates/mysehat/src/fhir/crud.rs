//! Instance interactions: create (also conditional), read, vread, update (also conditional
//! and as create), patch (JSON Patch), delete.

use super::http::{Return, etag, if_match, prefer_return, version_headers};
use super::outcome::{FhirError, FhirResult, all_ok, json_response, raw_response};
use super::{Ctx, defs, index, write};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use mysehat_storage::fhir::{FhirChange, FhirWrite, FhirWritten};
use serde_json::Value;

/// Parses a request body as a resource of type `ty`.
pub fn parse_resource(body: &[u8], ty: &str) -> FhirResult<Value> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| FhirError::invalid(format!("the body is not valid JSON: {e}")))?;
    let found = value.get("resourceType").and_then(Value::as_str);
    match found {
        Some(t) if t == ty => Ok(value),
        Some(t) => Err(FhirError::invalid(format!(
            "the body is a {t}, but the URL says {ty}"
        ))),
        None => Err(FhirError::invalid("the body has no resourceType")),
    }
}

/// Validates, indexes and authorises one resource for writing; returns the change.
pub fn prepare(ctx: &Ctx<'_>, resource: Value) -> FhirResult<FhirChange> {
    if resource["resourceType"] == "Consent" {
        // Consents move only through /api/v1/consent, where the patient decides.
        return Err(FhirError::forbidden(
            "consents are managed at /api/v1/consent",
        ));
    }
    let (change, patients) = checked(resource)?;
    ctx.scope.check_content(&patients)?;
    Ok(change)
}

/// Validates and indexes one resource for the store, without authorising it: the caller does
/// (`prepare` for the FHIR API; offline sync checks its scopes).
pub fn checked(resource: Value) -> FhirResult<(FhirChange, index::Patients)> {
    defs::validate(&resource)?;
    let (index, patients) = index::index(&resource)?;
    let patient = patients.owner.clone();
    let mut resource = resource;
    if let Some(meta) = resource.get_mut("meta").and_then(Value::as_object_mut) {
        // The server owns these; a client's values are replaced.
        meta.remove("versionId");
        meta.remove("lastUpdated");
    }
    Ok((
        FhirChange::Put {
            resource,
            index,
            patient,
        },
        patients,
    ))
}

/// Before a resource at `ty/id` is replaced: the caller must be allowed to change what is stored
/// there now, deleted or not, so nobody can overwrite another patient's record by reusing its id.
pub async fn authorise_put(ctx: &Ctx<'_>, ty: &str, id: &str) -> FhirResult<()> {
    match ctx.state.store.fhir_read(ty, id).await? {
        Some(current) => ctx.scope.check_existing(current.patient.as_deref()),
        None => Ok(()),
    }
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub async fn create(ctx: &Ctx<'_>, ty: &str) -> FhirResult<Response> {
    let mut resource = parse_resource(ctx.body, ty)?;
    if let Some(condition) = ctx
        .headers
        .get("if-none-exist")
        .and_then(|v| v.to_str().ok())
    {
        let found = super::conditional_matches(ctx, ty, condition).await?;
        match found.as_slice() {
            [] => {}
            [existing] => {
                let target = format!("{ty}/{}", existing.id);
                ctx.audit_read("fhir.read", &target, existing.patient.as_deref())
                    .await?;
                let mut response = raw_response(StatusCode::OK, existing.body.clone());
                version_headers(&mut response, existing.version_id, existing.last_updated_ms);
                return Ok(response);
            }
            _ => return Err(precondition("If-None-Exist matches more than one resource")),
        }
    }
    let id = new_id();
    resource["id"] = Value::String(id.clone());
    let change = prepare(ctx, resource)?;
    let written = write(
        ctx,
        vec![FhirWrite {
            resource_type: ty.into(),
            id,
            change,
            if_match: None,
        }],
        "fhir.create",
    )
    .await?;
    respond(ctx, &written[0], StatusCode::CREATED)
}

pub async fn read(ctx: &Ctx<'_>, ty: &str, id: &str) -> FhirResult<Response> {
    let current = ctx
        .state
        .store
        .fhir_read(ty, id)
        .await?
        .ok_or_else(|| FhirError::not_found(format!("{ty}/{id}")))?;
    ctx.scope.check_stored(&current)?;
    if current.deleted {
        return Err(FhirError::gone(ty, id));
    }
    ctx.audit_read(
        "fhir.read",
        &format!("{ty}/{id}"),
        current.patient.as_deref(),
    )
    .await?;
    if let Some(tag) = ctx
        .headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        && tag == etag(current.version_id)
    {
        let mut response = Response::new(axum::body::Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        version_headers(&mut response, current.version_id, current.last_updated_ms);
        return Ok(response);
    }
    let body = super::search::shape_text(current.body, ctx.summary(), ctx.elements().as_deref())?;
    let mut response = raw_response(StatusCode::OK, body);
    version_headers(&mut response, current.version_id, current.last_updated_ms);
    Ok(response)
}

pub async fn vread(ctx: &Ctx<'_>, ty: &str, id: &str, version: &str) -> FhirResult<Response> {
    let version: i64 = version
        .parse()
        .map_err(|_| FhirError::not_found(format!("{ty}/{id}/_history/{version}")))?;
    let found = ctx
        .state
        .store
        .fhir_vread(ty, id, version)
        .await?
        .ok_or_else(|| FhirError::not_found(format!("{ty}/{id}/_history/{version}")))?;
    // An old version is authorised and audited by whose record it was then. A consent opens
    // records as they are now, not their past versions.
    if ctx.scope.is_limited() {
        return Err(FhirError::forbidden(
            "earlier versions are not shared when you may see only some people's records (by consent or your villages)",
        ));
    }
    ctx.scope.check_read(ty, found.patient.as_deref())?;
    let Some(body) = found.body else {
        return Err(FhirError::gone(ty, id));
    };
    ctx.audit_read(
        "fhir.vread",
        &format!("{ty}/{id}/_history/{version}"),
        found.patient.as_deref(),
    )
    .await?;
    let mut response = raw_response(StatusCode::OK, body);
    version_headers(&mut response, found.version_id, found.last_updated_ms);
    Ok(response)
}

pub async fn update(ctx: &Ctx<'_>, ty: &str, id: &str) -> FhirResult<Response> {
    let resource = parse_resource(ctx.body, ty)?;
    match resource.get("id").and_then(Value::as_str) {
        Some(body_id) if body_id == id => {}
        Some(body_id) => {
            return Err(FhirError::invalid(format!(
                "the body's id {body_id} is not the URL's id {id}"
            )));
        }
        None => {
            return Err(FhirError::invalid(
                "an update needs the resource's id in the body",
            ));
        }
    }
    if !defs::is_valid_id(id) {
        return Err(FhirError::invalid(format!("`{id}` is not a valid FHIR id")));
    }
    authorise_put(ctx, ty, id).await?;
    let change = prepare(ctx, resource)?;
    let if_match = if_match(ctx.headers)?;
    let w = FhirWrite {
        resource_type: ty.into(),
        id: id.into(),
        change,
        if_match,
    };
    let written = write(ctx, vec![w], "fhir.update").await?;
    let status = if written[0].created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    respond(ctx, &written[0], status)
}

pub async fn conditional_update(ctx: &Ctx<'_>, ty: &str) -> FhirResult<Response> {
    let mut resource = parse_resource(ctx.body, ty)?;
    let found = super::conditional_matches(ctx, ty, ctx.raw_query).await?;
    let id = match found.as_slice() {
        [] => resource
            .get("id")
            .and_then(Value::as_str)
            .map_or_else(new_id, str::to_owned),
        [one] => one.id.clone(),
        _ => {
            return Err(precondition(
                "the conditional update matches more than one resource",
            ));
        }
    };
    authorise_put(ctx, ty, &id).await?;
    if let Some(body_id) = resource.get("id").and_then(Value::as_str)
        && body_id != id
    {
        return Err(FhirError::invalid(format!(
            "the body's id {body_id} is not the matching resource's id {id}"
        )));
    }
    resource["id"] = Value::String(id.clone());
    let change = prepare(ctx, resource)?;
    let w = FhirWrite {
        resource_type: ty.into(),
        id,
        change,
        if_match: if_match(ctx.headers)?,
    };
    let written = write(ctx, vec![w], "fhir.update").await?;
    let status = if written[0].created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    respond(ctx, &written[0], status)
}

pub async fn patch(ctx: &Ctx<'_>, ty: &str, id: &str) -> FhirResult<Response> {
    super::http::check_body_type(ctx.headers, &["application/json-patch+json"])?;
    let patch: json_patch::Patch = serde_json::from_slice(ctx.body)
        .map_err(|e| FhirError::invalid(format!("the body is not a JSON Patch document: {e}")))?;
    let current = ctx
        .state
        .store
        .fhir_read(ty, id)
        .await?
        .ok_or_else(|| FhirError::not_found(format!("{ty}/{id}")))?;
    ctx.scope.check_existing(current.patient.as_deref())?;
    if current.deleted {
        return Err(FhirError::gone(ty, id));
    }
    let mut resource: Value = serde_json::from_str(&current.body).map_err(FhirError::internal)?;
    json_patch::patch(&mut resource, &patch).map_err(|e| {
        FhirError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "processing",
            format!("the patch does not apply: {e}"),
        )
    })?;
    if resource.get("resourceType").and_then(Value::as_str) != Some(ty)
        || resource.get("id").and_then(Value::as_str) != Some(id)
    {
        return Err(FhirError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "processing",
            "a patch may not change resourceType or id",
        ));
    }
    let change = prepare(ctx, resource)?;
    let expected = if_match(ctx.headers)?.unwrap_or(current.version_id);
    let w = FhirWrite {
        resource_type: ty.into(),
        id: id.into(),
        change,
        if_match: Some(expected),
    };
    let written = write(ctx, vec![w], "fhir.patch").await?;
    respond(ctx, &written[0], StatusCode::OK)
}

pub async fn delete(ctx: &Ctx<'_>, ty: &str, id: &str) -> FhirResult<Response> {
    authorise_put(ctx, ty, id).await?;
    let w = FhirWrite {
        resource_type: ty.into(),
        id: id.into(),
        change: FhirChange::Delete,
        if_match: if_match(ctx.headers)?,
    };
    write(ctx, vec![w], "fhir.delete").await?;
    let mut response = Response::new(axum::body::Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    Ok(response)
}

pub async fn conditional_delete(ctx: &Ctx<'_>, ty: &str) -> FhirResult<Response> {
    let found = super::conditional_matches(ctx, ty, ctx.raw_query).await?;
    match found.as_slice() {
        [] => {
            let mut response = Response::new(axum::body::Body::empty());
            *response.status_mut() = StatusCode::NO_CONTENT;
            Ok(response)
        }
        [one] => delete(ctx, ty, &one.id.clone()).await,
        _ => Err(precondition(
            "the conditional delete matches more than one resource",
        )),
    }
}

pub fn precondition(message: &str) -> FhirError {
    FhirError::new(StatusCode::PRECONDITION_FAILED, "multiple-matches", message)
}

/// The answer to a write, as `Prefer: return=` asks.
pub fn respond(ctx: &Ctx<'_>, written: &FhirWritten, status: StatusCode) -> FhirResult<Response> {
    let mut response = match prefer_return(ctx.headers) {
        Return::Minimal => {
            let mut r = Response::new(axum::body::Body::empty());
            *r.status_mut() = status;
            r
        }
        Return::OperationOutcome => json_response(status, &all_ok("the write succeeded")),
        Return::Representation => raw_response(status, written.body.clone().unwrap_or_default()),
    };
    version_headers(&mut response, written.version_id, written.last_updated_ms);
    let location = format!(
        "{}/{}/{}/_history/{}",
        ctx.base_url, written.resource_type, written.id, written.version_id
    );
    if let Ok(v) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, v.clone());
        response.headers_mut().insert(header::CONTENT_LOCATION, v);
    }
    Ok(response)
}
