//! The FHIR R4 REST API at `/fhir`: every interaction parsed by `route`, authorised by
//! `access`, validated and indexed through `defs` (generated from the official definitions),
//! and stored through the `FhirStore`. Errors are `OperationOutcome`s.

pub(crate) mod access;
mod bundle;
mod capability;
pub(crate) mod crud;
pub mod defs;
mod history;
mod http;
pub(crate) mod index;
pub mod outcome;
mod route;
pub mod search;
pub mod seed;

use crate::http::RequestContext;
use crate::state::AppState;
use access::Scope;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use mysehat_domain::audit::{AuditDraft, Outcome};
use mysehat_storage::fhir::{
    Cond, FhirCurrent, FhirRefusal, FhirWrite, FhirWritten, SearchQuery, Stamp,
};
use outcome::{FhirError, FhirResult};
use route::{Interaction, RouteError};
use search::params::{self, Summary};

pub use outcome::operation_outcome;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/fhir/metadata", get(metadata))
        .route("/fhir", any(dispatch))
        .route("/fhir/{*path}", any(dispatch))
}

/// Everything one FHIR request carries.
#[derive(Debug)]
pub struct Ctx<'a> {
    pub state: &'a AppState,
    pub request: &'a RequestContext,
    pub scope: Scope,
    pub headers: &'a HeaderMap,
    pub base_url: String,
    pub raw_query: &'a str,
    pub query: Vec<(String, String)>,
    pub body: &'a [u8],
}

impl Ctx<'_> {
    /// Audits a read of a patient's data (reads of shared resources are not patient data).
    pub async fn audit_read(
        &self,
        action: &str,
        target: &str,
        patient: Option<&str>,
    ) -> FhirResult<()> {
        let Some(patient) = patient else {
            return Ok(());
        };
        self.audit_reads(action, target, &[patient]).await
    }

    /// Audits one read that touched several patients' data: an entry per patient.
    pub async fn audit_reads(
        &self,
        action: &str,
        target: &str,
        patients: &[&str],
    ) -> FhirResult<()> {
        let entries = patients
            .iter()
            .map(|p| {
                let mut entry = self.request.audit(action, Outcome::Success);
                entry.target = Some(target.to_owned());
                entry.patient = Some((*p).to_owned());
                // Under which consent: the patient's access log shows it.
                entry.purpose = self.scope.purpose_for(p);
                entry
            })
            .collect();
        self.state
            .audit
            .append(entries)
            .await
            .map_err(FhirError::internal)
    }

    fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn summary(&self) -> Option<Summary> {
        match self.param("_summary") {
            Some("true") => Some(Summary::True),
            Some("text") => Some(Summary::Text),
            Some("data") => Some(Summary::Data),
            _ => None,
        }
    }

    pub fn elements(&self) -> Option<Vec<String>> {
        self.param("_elements")
            .map(|e| e.split(',').map(|s| s.trim().to_owned()).collect())
    }
}

async fn metadata(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let base = http::base_url(&headers, state.settings.trust_forwarded_for);
    outcome::json_response(StatusCode::OK, &capability::statement(&base))
}

async fn dispatch(
    State(state): State<AppState>,
    ctx: RequestContext,
    request: Request,
) -> Response {
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    match handle(&state, &ctx, request).await {
        Ok(response) => response,
        Err(e) if e.status == StatusCode::FORBIDDEN => {
            // Refusals are audited like the policy layer's, with the path (ids only, no query).
            let mut entry = ctx.audit("access.denied", Outcome::Denied);
            entry.target = Some(format!("{method} {path}"));
            entry.patient = e.about.clone();
            match state.audit.append(vec![entry]).await {
                Ok(()) => e.into_response(),
                Err(cause) => FhirError::internal(cause).into_response(),
            }
        }
        Err(e) => e.into_response(),
    }
}

async fn handle(
    state: &AppState,
    request_ctx: &RequestContext,
    request: Request,
) -> FhirResult<Response> {
    let (parts, body) = request.into_parts();
    let rest = parts
        .uri
        .path()
        .strip_prefix("/fhir")
        .unwrap_or_default()
        .to_owned();
    let raw_query = parts.uri.query().unwrap_or_default().to_owned();
    let mut query = decode_query(&raw_query)?;
    http::check_format(
        &parts.headers,
        query
            .iter()
            .find(|(k, _)| k == "_format")
            .map(|(_, v)| v.as_str()),
    )?;
    let interaction =
        route::parse(&parts.method, &rest, defs::is_resource_type).map_err(|e| match e {
            RouteError::UnknownType(t) => FhirError::not_found(format!("the resource type {t}")),
            RouteError::MethodNotAllowed(allowed) => FhirError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "not-supported",
                format!("this address accepts {allowed}"),
            ),
            RouteError::NotFound => FhirError::not_found(format!("the address /fhir{rest}")),
        })?;
    let caller = request_ctx
        .caller()
        .map_err(|_| FhirError::new(StatusCode::UNAUTHORIZED, "login", "sign in first"))?;
    let scope = access::scope(state, caller).await?;
    let body = axum::body::to_bytes(body, state.settings.fhir_body_limit_bytes)
        .await
        .map_err(|_| {
            FhirError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-costly",
                "the request body is too large",
            )
        })?;
    let is_write = matches!(parts.method, Method::POST | Method::PUT)
        && !matches!(
            interaction,
            Interaction::Search { .. } | Interaction::SearchSystem
        );
    if is_write {
        http::check_body_type(
            &parts.headers,
            &["application/fhir+json", "application/json"],
        )?;
    }
    if matches!(
        interaction,
        Interaction::Search { .. } | Interaction::SearchSystem
    ) && parts.method == Method::POST
    {
        // POST _search carries its parameters as a form body too.
        query.extend(decode_query(
            std::str::from_utf8(&body).unwrap_or_default(),
        )?);
    }
    let ctx = Ctx {
        state,
        request: request_ctx,
        scope,
        headers: &parts.headers,
        base_url: http::base_url(&parts.headers, state.settings.trust_forwarded_for),
        raw_query: &raw_query,
        query,
        body: &body,
    };
    run(&ctx, interaction).await
}

async fn run(ctx: &Ctx<'_>, interaction: Interaction) -> FhirResult<Response> {
    use Interaction::*;
    match interaction {
        Capabilities => Ok(outcome::json_response(
            StatusCode::OK,
            &capability::statement(&ctx.base_url),
        )),
        Bundle => bundle::process(ctx).await,
        HistorySystem => history::list(ctx, mysehat_storage::fhir::HistoryScope::System).await,
        HistoryType { ty } => {
            history::list(ctx, mysehat_storage::fhir::HistoryScope::Type(ty)).await
        }
        HistoryInstance { ty, id } => {
            history::list(ctx, mysehat_storage::fhir::HistoryScope::Instance(ty, id)).await
        }
        SearchSystem => search_response(ctx, None, vec![], ctx.base_url.clone()).await,
        Search { ty } => {
            let self_base = format!("{}/{ty}", ctx.base_url);
            search_response(ctx, Some(&ty), vec![], self_base).await
        }
        Compartment { id, ty } => {
            ctx.scope.check_read("Patient", Some(&id))?;
            let self_base = format!("{}/Patient/{id}/{ty}", ctx.base_url);
            search_response(ctx, Some(&ty), vec![Cond::Patient(id)], self_base).await
        }
        Everything { id } => {
            ctx.scope.check_read("Patient", Some(&id))?;
            let self_base = format!("{}/Patient/{id}/$everything", ctx.base_url);
            search_response(ctx, None, vec![Cond::Patient(id)], self_base).await
        }
        Create { ty } => crud::create(ctx, &ty).await,
        Read { ty, id } => crud::read(ctx, &ty, &id).await,
        Vread { ty, id, version } => crud::vread(ctx, &ty, &id, &version).await,
        Update { ty, id } => crud::update(ctx, &ty, &id).await,
        ConditionalUpdate { ty } => crud::conditional_update(ctx, &ty).await,
        Patch { ty, id } => crud::patch(ctx, &ty, &id).await,
        Delete { ty, id } => crud::delete(ctx, &ty, &id).await,
        ConditionalDelete { ty } => crud::conditional_delete(ctx, &ty).await,
        Validate { ty, .. } => {
            let resource = crud::parse_resource(ctx.body, &ty)?;
            let issues = defs::issues(&resource);
            let body = if issues.is_empty() {
                outcome::all_ok("the resource is valid")
            } else {
                outcome::outcome(&issues)
            };
            Ok(outcome::json_response(StatusCode::OK, &body))
        }
    }
}

async fn search_response(
    ctx: &Ctx<'_>,
    ty: Option<&str>,
    extra: Vec<Cond>,
    self_base: String,
) -> FhirResult<Response> {
    let handling = http::prefer_handling(ctx.headers);
    let parsed = params::parse(ty, &ctx.query, handling)?;
    let request = search::Request {
        ty,
        parsed,
        extra,
        scope: &ctx.scope,
        owner: ctx
            .request
            .caller
            .map(|c| c.user_id.to_string())
            .unwrap_or_default(),
        self_base,
        base_url: ctx.base_url.clone(),
    };
    let (bundle, patients) = search::run(ctx.state, request).await?;
    // The query may hold names or conditions; the trail keeps the type only.
    let target = format!("{}?search", ty.unwrap_or(""));
    let patients: Vec<&str> = patients.iter().map(String::as_str).collect();
    ctx.audit_reads("fhir.search", &target, &patients).await?;
    Ok(outcome::json_response(StatusCode::OK, &bundle))
}

/// The live resources of `ty` that a conditional request's search (`a=b&c=d`) matches.
pub async fn conditional_matches(
    ctx: &Ctx<'_>,
    ty: &str,
    condition: &str,
) -> FhirResult<Vec<FhirCurrent>> {
    let condition = condition.split_once('?').map_or(condition, |(_, q)| q);
    let pairs = decode_query(condition)?;
    if pairs.is_empty() {
        return Err(FhirError::invalid(
            "a conditional request needs search parameters",
        ));
    }
    let parsed = params::parse(Some(ty), &pairs, params::Handling::Strict)?;
    if parsed.all_of.is_empty() {
        return Err(FhirError::invalid(
            "a conditional request needs at least one filter, not only _count or _sort",
        ));
    }
    // A patient's condition looks only at what they may see, so it cannot probe other
    // patients' records.
    let mut all_of = parsed.all_of;
    search::check_patient_filters(ctx.scope.clone(), Some(ty), &all_of)?;
    if let Some(me) = ctx.scope.patient()
        && defs::is_patient_data(ty)
    {
        all_of.push(vec![Cond::Patient(me.to_owned())]);
    }
    if let Some(consented) = ctx.scope.filter()
        && defs::is_patient_data(ty)
    {
        all_of.push(consented);
    }
    let query = SearchQuery::new(Some(ty.to_owned()), all_of, 2);
    let rids = ctx.state.store.fhir_search(&query).await?;
    let found = ctx.state.store.fhir_load(&rids).await?;
    Ok(found
        .into_iter()
        .filter(|f| ctx.scope.can_read_stored(f))
        .collect())
}

/// Writes all or nothing, with one audit entry per write in the same transaction.
pub async fn write(
    ctx: &Ctx<'_>,
    writes: Vec<FhirWrite>,
    action: &str,
) -> FhirResult<Vec<FhirWritten>> {
    let mut audit: Vec<AuditDraft> = Vec::with_capacity(writes.len());
    for w in &writes {
        let mut entry = ctx.request.audit(action, Outcome::Success);
        entry.target = Some(format!("{}/{}", w.resource_type, w.id));
        entry.patient = match &w.change {
            mysehat_storage::fhir::FhirChange::Put { patient, .. } => patient.clone(),
            // A deletion is an event in the record of whoever the resource was about.
            mysehat_storage::fhir::FhirChange::Delete => ctx
                .state
                .store
                .fhir_read(&w.resource_type, &w.id)
                .await?
                .and_then(|c| c.patient),
        };
        audit.push(entry);
    }
    let now = crate::time::now_ms();
    let stamp = Stamp {
        ms: now,
        text: crate::time::rfc3339(now),
    };
    match ctx.state.store.fhir_write(&writes, &stamp, audit).await? {
        Ok(done) => Ok(done),
        Err(FhirRefusal::VersionConflict { index, current }) => {
            let w = &writes[index];
            let message = match current {
                Some(v) => format!(
                    "{}/{} is at version {v}, not the version in If-Match",
                    w.resource_type, w.id
                ),
                None => format!(
                    "{}/{} does not exist, so If-Match cannot hold",
                    w.resource_type, w.id
                ),
            };
            Err(FhirError::new(
                StatusCode::PRECONDITION_FAILED,
                "conflict",
                message,
            ))
        }
    }
}

/// Decodes `a=1&b=2` (form/URL encoding), keeping order and repeats.
pub fn decode_query(query: &str) -> FhirResult<Vec<(String, String)>> {
    let decode = |s: &str| {
        let s = s.replace('+', " ");
        percent_decode(&s)
            .ok_or_else(|| FhirError::invalid(format!("`{s}` is not valid URL encoding")))
    };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((decode(k)?, decode(v)?))
        })
        .collect()
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
