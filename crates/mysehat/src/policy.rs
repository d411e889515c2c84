//! Who may do what: the one policy table, and the layer that enforces it on every route.
//!
//! A reviewer reads access rules here and nowhere else. A route missing from the table is
//! refused to everyone (default deny), and `tests/api/policy.rs` walks the table for every role.

use crate::error::ApiError;
use crate::http::{Caller, RequestContext};
use crate::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mysehat_domain::Role;
use mysehat_domain::audit::Outcome;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in account.
    SignedIn,
    /// Signed in with one of these roles.
    Roles(&'static [Role]),
}

/// One rule: a method (`None` for any) on a route template as axum matches it.
#[derive(Debug, Clone)]
pub struct Rule {
    pub method: Option<Method>,
    pub route: &'static str,
    pub access: Access,
}

const fn rule(method: Method, route: &'static str, access: Access) -> Rule {
    Rule {
        method: Some(method),
        route,
        access,
    }
}

const fn any_method(route: &'static str, access: Access) -> Rule {
    Rule {
        method: None,
        route,
        access,
    }
}

use Access::{Public, Roles, SignedIn};

const ADMIN: Access = Roles(&[Role::Admin]);
const PATIENT: Access = Roles(&[Role::Patient]);
const DESK: Access = Roles(&[Role::Dispatcher]);
const CREW: Access = Roles(&[Role::AmbulanceCrew]);
const SOS_PARTIES: Access = Roles(&[
    Role::Patient,
    Role::Dispatcher,
    Role::AmbulanceCrew,
    Role::Admin,
]);
const SYNCERS: Access = Roles(&[Role::HealthWorker, Role::Patient]);
const FIELD: Access = Roles(&[Role::HealthWorker, Role::Supervisor]);
const SUPERVISORS: Access = Roles(&[Role::Supervisor, Role::Admin]);
const FHIR_USERS: Access = Roles(&[Role::Patient, Role::HealthWorker, Role::Doctor, Role::Admin]);

/// The whole table. Modules not built yet answer 501 to anyone, so their placeholders are public.
pub const POLICY: &[Rule] = &[
    // Platform.
    rule(Method::GET, "/health", Public),
    rule(Method::GET, "/openapi.json", Public),
    rule(Method::GET, "/docs", Public),
    rule(Method::GET, "/docs/", Public),
    rule(Method::GET, "/docs/{*rest}", Public),
    rule(Method::GET, "/ws", SignedIn),
    // Accounts and sessions.
    rule(Method::POST, "/auth/register", Public),
    rule(Method::POST, "/auth/login", Public),
    rule(Method::POST, "/auth/refresh", Public),
    rule(Method::POST, "/auth/logout", Public),
    rule(Method::GET, "/auth/me", SignedIn),
    rule(Method::GET, "/auth/me/access-log", SignedIn),
    rule(Method::POST, "/auth/me/erase", PATIENT),
    rule(Method::POST, "/auth/me/privacy-requests", SignedIn),
    rule(Method::GET, "/auth/me/privacy-requests", SignedIn),
    rule(Method::GET, "/api/v1/privacy-requests", ADMIN),
    // Offline sync and Health Worker Mode.
    rule(Method::POST, "/sync/push", SYNCERS),
    rule(Method::GET, "/sync/pull", SYNCERS),
    rule(Method::GET, "/api/v1/hw/villages", FIELD),
    rule(
        Method::POST,
        "/api/v1/hw/numbers",
        Roles(&[Role::HealthWorker]),
    ),
    rule(Method::GET, "/api/v1/hw/forms", SignedIn),
    rule(Method::GET, "/api/v1/hw/workers", SUPERVISORS),
    rule(Method::PUT, "/api/v1/hw/workers/{id}/villages", SUPERVISORS),
    rule(Method::POST, "/api/v1/hw/households/{id}/move", SUPERVISORS),
    rule(Method::GET, "/api/v1/hw/conflicts", SUPERVISORS),
    rule(
        Method::POST,
        "/api/v1/hw/conflicts/{id}/resolve",
        SUPERVISORS,
    ),
    rule(Method::POST, "/api/v1/privacy-requests/{id}", ADMIN),
    rule(Method::POST, "/auth/users", ADMIN),
    rule(Method::GET, "/auth/users", ADMIN),
    rule(Method::GET, "/auth/users/{id}", ADMIN),
    // Smart diagnostics: the symptom checker gives safety advice to anyone, signed in or not,
    // and stores nothing.
    rule(Method::POST, "/diagnostics/symptom-check", Public),
    rule(Method::GET, "/diagnostics/symptoms", Public),
    rule(Method::POST, "/diagnostics/symptom-check/save", PATIENT),
    // Emergency: a patient raises an SOS; desks and crews move it; who sees which incident is
    // decided by `sos::incidents::party`.
    rule(Method::POST, "/sos/incidents", PATIENT),
    rule(Method::GET, "/sos/incidents", SOS_PARTIES),
    rule(Method::GET, "/sos/incidents/{id}", SOS_PARTIES),
    rule(
        Method::POST,
        "/sos/incidents/{id}/cancel",
        Roles(&[Role::Patient, Role::Dispatcher]),
    ),
    rule(Method::POST, "/sos/incidents/{id}/accept", DESK),
    rule(Method::POST, "/sos/incidents/{id}/decline", DESK),
    rule(Method::POST, "/sos/incidents/{id}/assign", DESK),
    rule(
        Method::POST,
        "/sos/incidents/{id}/status",
        Roles(&[Role::Dispatcher, Role::AmbulanceCrew]),
    ),
    rule(Method::GET, "/sos/ambulance", CREW),
    rule(Method::POST, "/sos/ambulance/duty", CREW),
    rule(Method::POST, "/sos/ambulance/position", CREW),
    rule(
        Method::GET,
        "/sos/ambulances",
        Roles(&[Role::Dispatcher, Role::Admin]),
    ),
    rule(Method::GET, "/sos/facilities", SignedIn),
    rule(Method::PUT, "/sos/facilities/{id}", ADMIN),
    rule(
        Method::PUT,
        "/sos/facilities/{id}/status",
        Roles(&[Role::Dispatcher, Role::Admin]),
    ),
    rule(Method::GET, "/sos/medical-id", PATIENT),
    rule(Method::PUT, "/sos/medical-id", PATIENT),
    rule(Method::POST, "/sos/medical-id/link", PATIENT),
    rule(Method::DELETE, "/sos/medical-id/link", PATIENT),
    // The card's QR opens the medical ID for a paramedic without an account; audited.
    rule(Method::GET, "/sos/medical-id/public/{token}", Public),
    any_method("/sos", Public),
    any_method("/sos/{*rest}", Public),
    // The longitudinal record: patients their own, staff under consent (`health_records`).
    rule(
        Method::GET,
        "/health-records/timeline",
        Roles(&[Role::Patient, Role::Doctor, Role::HealthWorker, Role::Admin]),
    ),
    rule(
        Method::GET,
        "/health-records/trends",
        Roles(&[Role::Patient, Role::Doctor, Role::HealthWorker, Role::Admin]),
    ),
    rule(Method::GET, "/health-records/export", PATIENT),
    rule(Method::POST, "/health-records/documents", PATIENT),
    rule(
        Method::GET,
        "/health-records/documents/{sha256}",
        Roles(&[Role::Patient, Role::Doctor, Role::HealthWorker, Role::Admin]),
    ),
    // Consent: doctors ask and may break the glass; the patient answers. Which consent is
    // whose is checked in `consent`.
    rule(
        Method::GET,
        "/api/v1/consent",
        Roles(&[Role::Patient, Role::Doctor]),
    ),
    rule(
        Method::POST,
        "/api/v1/consent/requests",
        Roles(&[Role::Doctor]),
    ),
    rule(
        Method::POST,
        "/api/v1/consent/break-glass",
        Roles(&[Role::Doctor]),
    ),
    rule(Method::POST, "/api/v1/consent/{id}/grant", PATIENT),
    rule(Method::POST, "/api/v1/consent/{id}/deny", PATIENT),
    rule(Method::POST, "/api/v1/consent/{id}/revoke", PATIENT),
    // Audit.
    rule(Method::GET, "/api/v1/audit", ADMIN),
    // FHIR: the CapabilityStatement is public; finer access (a patient's own compartment)
    // is decided by the FHIR module's one hook, `fhir::access`.
    rule(Method::GET, "/fhir/metadata", Public),
    any_method("/fhir", FHIR_USERS),
    any_method("/fhir/{*path}", FHIR_USERS),
    // Unknown addresses under an API prefix: a JSON 404 for everyone.
    any_method("/auth/{*rest}", Public),
    any_method("/api/{*rest}", Public),
    any_method("/sync", Public),
    any_method("/sync/{*rest}", Public),
    // Modules not built yet.
    any_method("/diagnostics", Public),
    any_method("/diagnostics/{*rest}", Public),
    any_method("/medicine-reminder", Public),
    any_method("/medicine-reminder/{*rest}", Public),
    any_method("/mental-health", Public),
    any_method("/mental-health/{*rest}", Public),
];

/// The rule for a request, if the table has one.
pub fn rule_for(method: &Method, route: &str) -> Option<&'static Rule> {
    POLICY.iter().find(|r| {
        r.route == route
            && r.method
                .as_ref()
                .is_none_or(|m| m == method || (m == Method::GET && method == Method::HEAD))
    })
}

/// What the policy says for `caller` on `access`: `None` to let the request through.
pub fn decide(access: Access, caller: Option<Caller>) -> Option<ApiError> {
    match (access, caller) {
        (Public, _) => None,
        (_, None) => Some(ApiError::unauthorized()),
        (SignedIn, Some(_)) => None,
        (Roles(roles), Some(c)) if roles.contains(&c.role) => None,
        (Roles(_), Some(_)) => Some(ApiError::forbidden()),
    }
}

/// The layer: authenticates the bearer token, applies the table, audits refusals.
pub async fn enforce(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned());
    let Some(route) = route else {
        return next.run(req).await;
    };
    let token = bearer_token(&req);
    let caller = token.as_deref().and_then(|t| state.tokens.verify(t));
    if let Some(caller) = caller {
        req.extensions_mut().insert(caller);
    }
    let refusal = match rule_for(req.method(), &route) {
        None if POLICY.iter().any(|r| r.route == route) => return method_not_allowed(&route),
        None => Some(ApiError::forbidden()),
        Some(rule) => match decide(rule.access, caller) {
            Some(_) if token.is_some() && caller.is_none() => Some(ApiError::new(
                crate::error::ErrorCode::InvalidToken,
                "the access token is invalid or expired; refresh it or sign in again",
            )),
            other => other,
        },
    };
    let Some(refusal) = refusal else {
        return next.run(req).await;
    };
    let (parts, _) = req.into_parts();
    let ctx = RequestContext::from_parts(&parts, state.settings.trust_forwarded_for);
    let mut entry = ctx.audit("access.denied", Outcome::Denied);
    entry.target = Some(format!("{} {route}", parts.method));
    if let Err(e) = state.store.append_audit(entry).await {
        return ApiError::internal(e).into_response();
    }
    refusal.into_response()
}

/// 405 with the methods the table allows on `route`.
fn method_not_allowed(route: &str) -> Response {
    let allowed: Vec<&str> = POLICY
        .iter()
        .filter(|r| r.route == route)
        .filter_map(|r| r.method.as_ref().map(Method::as_str))
        .collect();
    let mut response = ApiError::new(
        crate::error::ErrorCode::MethodNotAllowed,
        format!("this address accepts {}", allowed.join(", ")),
    )
    .into_response();
    if let Ok(value) = allowed.join(", ").parse() {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

/// The access token from `Authorization: Bearer …`, or for WebSockets (where browsers cannot
/// set headers) from the `access_token` query parameter.
fn bearer_token(req: &Request) -> Option<String> {
    if let Some(value) = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        let (scheme, token) = value.split_once(' ')?;
        return scheme
            .eq_ignore_ascii_case("bearer")
            .then(|| token.trim().to_owned());
    }
    if req.uri().path() == "/ws" {
        return req
            .uri()
            .query()?
            .split('&')
            .find_map(|pair| pair.strip_prefix("access_token="))
            .map(str::to_owned);
    }
    None
}
