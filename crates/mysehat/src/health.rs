//! `GET /health`: liveness and whether the database answers.

use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok`, or `degraded` when the database does not answer.
    pub status: &'static str,
    /// `ok` or `unreachable`.
    pub database: &'static str,
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
    pub version: &'static str,
}

#[utoipa::path(
    get, path = "/health", tag = "platform",
    responses(
        (status = 200, description = "Up, database reachable", body = Health),
        (status = 503, description = "Up, database unreachable", body = Health),
    )
)]
pub async fn health(State(state): State<AppState>) -> (StatusCode, axum::Json<Health>) {
    let reachable = state.store.ping().await.is_ok();
    let backend = match state.store.backend() {
        mysehat_storage::Backend::Sqlite => "sqlite",
        mysehat_storage::Backend::Postgres => "postgres",
    };
    let status = if reachable {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = Health {
        status: if reachable { "ok" } else { "degraded" },
        database: if reachable { "ok" } else { "unreachable" },
        backend,
        version: env!("CARGO_PKG_VERSION"),
    };
    (status, axum::Json(body))
}
