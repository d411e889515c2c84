//! Serves the built web app: hashed assets cached for a year, everything else (the shell, the
//! service worker, the manifest) revalidated; unknown paths get `index.html` so deep links work.

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{Html, Response};
use axum::routing::get;
use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};

pub fn app(web_dir: &Path) -> Router {
    let index = web_dir.join("index.html");
    if !index.exists() {
        tracing::warn!(dir = %web_dir.display(), "the web app is not built; serving a notice instead");
        return Router::new().fallback(get(not_built));
    }
    let files = ServeDir::new(web_dir).fallback(ServeFile::new(index));
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_headers))
}

/// Prefixes the app and the API share: the app's pages (`/sos`, `/sos/incidents/ID`) live under
/// the seed's API prefixes, so a browser navigating there (asking for HTML) gets the app and an
/// API client (asking for JSON) gets the API.
const SHARED_PREFIXES: [&str; 2] = ["/sos", "/health-records"];

/// Serves `app` instead of the API to a browser navigating to a page under a shared prefix.
pub async fn pages_first(
    axum::extract::State(app): axum::extract::State<Router>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path();
    let shared = SHARED_PREFIXES
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")));
    let wants_page = matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    ) && req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    if shared && wants_page {
        use tower::ServiceExt;
        return match app.oneshot(req).await {
            Ok(response) => response,
            Err(never) => match never {},
        };
    }
    next.run(req).await
}

async fn cache_headers(req: Request, next: Next) -> Response {
    let immutable = req.uri().path().starts_with("/assets/");
    let mut response = next.run(req).await;
    let value = if immutable {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

async fn not_built() -> Html<&'static str> {
    Html(
        "<!doctype html><meta charset=utf-8><title>MySehat</title>\
         <p>The MySehat web app is not built. Run <code>make run</code>.</p>\
         <p lang=hi>MySehat वेब ऐप अभी बना नहीं है। <code>make run</code> चलाएँ।</p>",
    )
}
