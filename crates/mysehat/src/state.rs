//! The state every handler shares.

use crate::auth::tokens::TokenSigner;
use crate::config::Settings;
use mysehat_storage::Store;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub settings: Arc<Settings>,
    pub tokens: Arc<TokenSigner>,
    /// Audit entries of reads, group-committed.
    pub audit: crate::audit_writer::AuditWriter,
    /// The emergency module's sockets, registry and ambulance tracks.
    pub sos: crate::sos::live::Live,
    /// Cancelled when the server shuts down; long-lived connections (WebSockets) watch it.
    pub shutdown: CancellationToken,
}
