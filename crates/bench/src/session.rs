//! Signing in over HTTP as the benches do: one keep-alive client for a whole run, and the
//! admin account that [`crate::server::Server::create_admin`] makes.

use anyhow::{Context, bail};
use serde_json::{Value, json};

pub const ADMIN_PHONE: &str = "9000000099";
pub const ADMIN_PASSWORD: &str = "bench-password-1";

/// One keep-alive client for every request of a run (no TLS: the server is on 127.0.0.1).
pub fn client() -> anyhow::Result<reqwest::Client> {
    reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .tcp_nodelay(true)
        .build()
        .context("cannot build the HTTP client")
}

/// `POST /auth/login`; the access token.
pub async fn login(
    client: &reqwest::Client,
    base: &str,
    phone: &str,
    password: &str,
) -> anyhow::Result<String> {
    let response = client
        .post(format!("{base}/auth/login"))
        .json(&json!({"phone": phone, "password": password}))
        .send()
        .await
        .context("POST /auth/login")?;
    let status = response.status();
    let body: Value = response
        .json()
        .await
        .context("POST /auth/login: the reply is not JSON")?;
    match body["access_token"].as_str() {
        Some(token) if status.is_success() => Ok(token.to_owned()),
        _ => bail!("POST /auth/login answered {status}: {body}"),
    }
}
