//! The whole HTTP surface in one place: every module's routes, the policy layer, the OpenAPI
//! document and Swagger UI, the web app fallback, and the shared middleware.

use crate::state::AppState;
use axum::Router;
use axum::middleware;
use axum::routing::get;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "MySehat API",
        description = "Offline-first digital health platform. Errors outside /fhir are \
                       {\"error\": {\"code\", \"message\", \"field\"?}}.",
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Accounts and sessions"),
        (name = "audit", description = "The tamper-evident audit log"),
        (name = "platform", description = "Health and metadata"),
        (name = "diagnostics", description = "Symptom checker: triage first, then likely conditions"),
        (name = "health-records", description = "The patient's longitudinal record and its export"),
        (name = "privacy", description = "DPDP rights: erasure and grievances"),
        (name = "consent", description = "Patient-controlled consent: requests, grants, revocation, break the glass"),
        (name = "sos", description = "Emergency: SOS, dispatch, ambulances and live tracking"),
    )
)]
struct ApiDoc;

#[derive(Debug)]
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The documented API routes and their OpenAPI document.
pub fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(crate::health::routes())
        .merge(crate::auth::routes())
        .merge(crate::audit_log::routes())
        .merge(crate::diagnostics::routes())
        .merge(crate::sos::routes())
        .merge(crate::consent::routes())
        .merge(crate::health_records::routes())
        .merge(crate::privacy::routes())
        .merge(crate::sync::routes())
        .merge(crate::hw::routes())
        .split_for_parts()
}

/// The OpenAPI document alone (for `mysehat openapi` and the typed web client).
pub fn openapi() -> utoipa::openapi::OpenApi {
    api().1
}

/// The complete application, ready to serve.
pub fn build(state: AppState) -> Router {
    let (api, doc) = api();
    let settings = state.settings.clone();
    let routes = api
        .merge(crate::modules::routes())
        .merge(crate::fhir::routes())
        .route("/ws", get(crate::ws::connect))
        .merge(SwaggerUi::new("/docs").url("/openapi.json", doc))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            crate::policy::enforce,
        ))
        .with_state(state);
    let web = crate::web::app(&settings.web_dir);
    let app = routes
        .fallback_service(web.clone())
        .layer(middleware::from_fn_with_state(web, crate::web::pages_first));
    crate::http::layers::apply(app, &settings)
}
