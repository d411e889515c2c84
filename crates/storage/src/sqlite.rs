//! The embedded backend: one SQLite file in WAL mode with foreign keys on.

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::path::Path;
use std::time::Duration;

/// How long a write may wait for its turn before the request is answered "busy" (503). The
/// HTTP request timeout usually ends the wait first.
const WRITE_QUEUE_TIMEOUT: Duration = Duration::from_secs(120);

#[derive(Debug, Clone)]
pub struct SqliteStore {
    /// Readers: WAL lets them run beside the one writer.
    pool: SqlitePool,
    /// The one writing connection. SQLite has one write lock; queueing writers here, in
    /// arrival order, replaces queueing on the busy timeout, where a large transaction bundle
    /// behind others failed with `database is locked` after 10 s.
    writer: SqlitePool,
}

impl SqliteStore {
    const MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
    const LOCK_HEAD: &'static str = "SELECT seq, hash FROM audit_head WHERE id = 1";
    const LOCK_RESOURCE: &'static str = "SELECT rid, version_id, deleted, patient FROM fhir_resources WHERE resource_type = $1 AND id = $2";
    const LOCK_FAILURES: &'static str =
        "SELECT failures, window_start_ms FROM login_failures WHERE throttle_key = $1";

    /// Opens (creating if needed) the database file at `path`, and its parent folder.
    pub async fn open(path: &Path) -> Result<Self, crate::StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                crate::StoreError::Corrupt(format!("cannot create {}: {e}", dir.display()))
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(WRITE_QUEUE_TIMEOUT)
            .connect_with(options.clone())
            .await?;
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        Ok(Self { pool, writer })
    }

    /// A writing transaction takes SQLite's write lock at once, so a writer from another
    /// process (the CLI beside a running server) queues on the busy timeout instead of failing
    /// when a read lock would have to be upgraded.
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.writer.begin_with("BEGIN IMMEDIATE").await
    }

    fn writer(&self) -> &SqlitePool {
        &self.writer
    }

    /// One instance per SQLite file: there is nobody else to tell.
    async fn notify_channel(&self, _channel: &str, _payload: &str) -> crate::StoreResult<bool> {
        Ok(false)
    }

    async fn listen_channel(
        &self,
        _channel: &str,
    ) -> crate::StoreResult<Option<tokio::sync::mpsc::Receiver<String>>> {
        Ok(None)
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

mod store {
    use super::SqliteStore;
    crate::backend::store_impl!(SqliteStore, sqlx::Sqlite, Backend::Sqlite);

    mod feed {
        crate::backend_feed::feed_impl!(sqlx::Sqlite);
    }

    mod fhir {
        use super::super::SqliteStore;
        use super::append_in;
        crate::backend_fhir::fhir_store_impl!(
            SqliteStore,
            sqlx::Sqlite,
            crate::fhir_sql::Dialect::Sqlite
        );
    }

    mod sos {
        use super::super::SqliteStore;
        use super::append_in;
        crate::backend_sos::sos_store_impl!(SqliteStore, sqlx::Sqlite);
    }

    mod sync {
        use super::super::SqliteStore;
        use super::append_in;
        crate::backend_sync::sync_store_impl!(SqliteStore, sqlx::Sqlite);
    }

    mod privacy {
        use super::super::SqliteStore;
        use super::append_in;
        crate::backend_privacy::privacy_store_impl!(SqliteStore, sqlx::Sqlite);
    }
}
