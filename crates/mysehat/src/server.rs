//! Starting and stopping the server: open the store, migrate, sign tokens, listen, and shut
//! down gracefully on Ctrl-C or SIGTERM (WebSockets are told to close first).

use crate::auth::tokens::TokenSigner;
use crate::config::Settings;
use crate::state::AppState;
use anyhow::Context;
use mysehat_storage::Store;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// Opens and migrates the configured database.
pub async fn open_store(settings: &Settings) -> anyhow::Result<Arc<dyn Store>> {
    let store = mysehat_storage::connect(settings.database_url().expose())
        .await
        .context("cannot open the database")?;
    store.migrate().await.context("cannot apply migrations")?;
    Ok(store)
}

/// The state for `settings` and `store`, with the token key from configuration or the data dir.
pub fn state(settings: Settings, store: Arc<dyn Store>) -> anyhow::Result<AppState> {
    let secret = match &settings.jwt_secret_key {
        Some(key) => key.expose().as_bytes().to_vec(),
        None => stored_secret(&settings.data_dir)?,
    };
    let tokens = TokenSigner::new(&secret, settings.access_token_ttl_secs);
    let sos = crate::sos::live::Live::new(settings.escalation()?);
    Ok(AppState {
        sos,
        audit: crate::audit_writer::AuditWriter::start(store.clone()),
        store,
        tokens: Arc::new(tokens),
        settings: Arc::new(settings),
        shutdown: CancellationToken::new(),
    })
}

/// Reads the token key kept in the data directory, making one on first start.
fn stored_secret(data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    let path = data_dir.join("jwt_secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        return Ok(existing.trim().as_bytes().to_vec());
    }
    tracing::warn!(
        path = %path.display(),
        "JWT_SECRET_KEY is not set: generated a key and kept it in the data directory; \
         set JWT_SECRET_KEY when several instances share one database"
    );
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create {}", data_dir.display()))?;
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let key = hex::encode(bytes);
    write_private(&path, &key)?;
    Ok(key.into_bytes())
}

fn write_private(path: &Path, contents: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.write_all(contents.as_bytes())?;
    Ok(())
}

/// Serves `state` on `listener` until `state.shutdown` is cancelled.
pub async fn run(listener: TcpListener, state: AppState) -> anyhow::Result<()> {
    let shutdown = state.shutdown.clone();
    crate::sos::start(&state).await?;
    crate::sync::start(state.clone());
    let app = crate::app::build(state);
    tracing::info!(address = %listener.local_addr()?, "MySehat is listening");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown.cancelled_owned())
    .await?;
    tracing::info!("MySehat stopped");
    Ok(())
}

/// Cancels `token` on Ctrl-C or SIGTERM.
pub fn cancel_on_signal(token: CancellationToken) {
    tokio::spawn(async move {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        {
            let mut term =
                match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                    Ok(s) => s,
                    Err(_) => {
                        let _ = ctrl_c.await;
                        token.cancel();
                        return;
                    }
                };
            tokio::select! {
                _ = ctrl_c => {}
                _ = term.recv() => {}
            }
        }
        #[cfg(not(unix))]
        let _ = ctrl_c.await;
        tracing::info!("shutting down: closing live connections");
        token.cancel();
    });
}
