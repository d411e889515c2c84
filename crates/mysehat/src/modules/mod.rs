//! The seed's modules that are not built yet. Each answers 501 with a JSON error
//! under its exact prefix, so clients can tell "not yet" from "no such thing".

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::any;

/// Prefixes of modules still to come; each issue that builds one removes it from here.
const NOT_BUILT: [&str; 3] = ["/diagnostics", "/medicine-reminder", "/mental-health"];

pub fn routes() -> Router<AppState> {
    let mut router = Router::new()
        .route("/auth/{*rest}", any(no_such_route))
        .route("/api/{*rest}", any(no_such_route))
        .route("/sos", any(no_such_route))
        .route("/sos/{*rest}", any(no_such_route))
        .route("/sync", any(no_such_route))
        .route("/sync/{*rest}", any(no_such_route));
    for prefix in NOT_BUILT {
        router = router
            .route(prefix, any(not_built))
            .route(&format!("{prefix}/{{*rest}}"), any(not_built));
    }
    router
}

async fn not_built() -> Response {
    ApiError::new(
        ErrorCode::NotImplemented,
        "this module is not available yet",
    )
    .into_response()
}

async fn no_such_route() -> Response {
    ApiError::not_found("this API address").into_response()
}
