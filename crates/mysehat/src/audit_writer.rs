//! Group commit for audit entries of reads: concurrent requests hand their entries to one
//! writer task, which appends whatever has queued up in a single transaction and only then
//! lets each request answer. Every read is still audited before its data leaves the server,
//! but a busy server pays one chain-head lock per batch instead of one per read.

use mysehat_domain::audit::AuditDraft;
use mysehat_storage::Store;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// The most entries one transaction takes.
const MAX_BATCH: usize = 512;

type Ack = oneshot::Sender<Result<(), String>>;

#[derive(Debug, Clone)]
pub struct AuditWriter {
    queue: mpsc::Sender<(Vec<AuditDraft>, Ack)>,
}

impl AuditWriter {
    /// Starts the writer task on the current Tokio runtime.
    pub fn start(store: Arc<dyn Store>) -> Self {
        let (queue, rx) = mpsc::channel(4096);
        tokio::spawn(run(store, rx));
        Self { queue }
    }

    /// Appends `entries` and returns once they are committed.
    pub async fn append(&self, entries: Vec<AuditDraft>) -> Result<(), String> {
        if entries.is_empty() {
            return Ok(());
        }
        let (ack, done) = oneshot::channel();
        self.queue
            .send((entries, ack))
            .await
            .map_err(|_| "the audit writer has stopped".to_owned())?;
        done.await
            .map_err(|_| "the audit writer has stopped".to_owned())?
    }
}

async fn run(store: Arc<dyn Store>, mut rx: mpsc::Receiver<(Vec<AuditDraft>, Ack)>) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        let mut size = batch[0].0.len();
        while size < MAX_BATCH {
            match rx.try_recv() {
                Ok(next) => {
                    size += next.0.len();
                    batch.push(next);
                }
                Err(_) => break,
            }
        }
        let (entries, acks): (Vec<Vec<AuditDraft>>, Vec<Ack>) = batch.into_iter().unzip();
        let result = store
            .append_audit_batch(entries.into_iter().flatten().collect())
            .await
            .map_err(|e| e.to_string());
        for ack in acks {
            let _ = ack.send(result.clone());
        }
    }
}
