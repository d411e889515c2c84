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
