//! The scale-out backend: PostgreSQL, shared by several `mysehat` instances.

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use std::str::FromStr;

#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    const MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");
    /// Row locks make concurrent appends from several instances queue on the chain head.
    const LOCK_HEAD: &'static str = "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE";
    const LOCK_RESOURCE: &'static str = "SELECT rid, version_id, deleted, patient FROM fhir_resources WHERE resource_type = $1 AND id = $2 FOR UPDATE";
    const LOCK_FAILURES: &'static str =
        "SELECT failures, window_start_ms FROM login_failures WHERE throttle_key = $1 FOR UPDATE";

    /// Connects to `url`; with `schema`, every table lives in that schema (created if missing),
    /// which is how tests get a fresh database each.
    pub async fn connect(url: &str, schema: Option<&str>) -> Result<Self, crate::StoreError> {
        let mut options = PgConnectOptions::from_str(url)?;
        if let Some(schema) = schema {
            let admin = PgPoolOptions::new()
                .max_connections(1)
                .connect_with(options.clone())
                .await?;
            let create = format!(
                "CREATE SCHEMA IF NOT EXISTS \"{}\"",
                schema.replace('"', "")
            );
            sqlx::query(sqlx::AssertSqlSafe(create))
                .execute(&admin)
                .await?;
            admin.close().await;
            options = options.options([("search_path", schema)]);
        }
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
        self.pool.begin().await
    }

    fn writer(&self) -> &PgPool {
        &self.pool
    }

    async fn notify_channel(&self, channel: &str, payload: &str) -> crate::StoreResult<bool> {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(channel)
            .bind(payload)
            .execute(&self.pool)
            .await?;
        Ok(true)
    }

    /// A task owns the listening connection and forwards payloads; `PgListener` reconnects
    /// and listens again by itself after a lost connection (notifications sent meanwhile are
    /// lost, which is why events are stored first and clients catch up on connect).
    async fn listen_channel(
        &self,
        channel: &str,
    ) -> crate::StoreResult<Option<tokio::sync::mpsc::Receiver<String>>> {
        let mut listener = sqlx::postgres::PgListener::connect_with(&self.pool).await?;
        listener.listen(channel).await?;
        let (tx, rx) = tokio::sync::mpsc::channel(1024);
        tokio::spawn(async move {
            loop {
                match listener.recv().await {
                    Ok(n) => {
                        if tx.send(n.payload().to_owned()).await.is_err() {
                            return;
                        }
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "lost the PostgreSQL event channel; retrying");
                        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                    }
                }
            }
        });
        Ok(Some(rx))
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

mod store {
    use super::PostgresStore;
    crate::backend::store_impl!(PostgresStore, sqlx::Postgres, Backend::Postgres);

    mod feed {
        crate::backend_feed::feed_impl!(sqlx::Postgres);
    }

    mod fhir {
        use super::super::PostgresStore;
        use super::append_in;
        crate::backend_fhir::fhir_store_impl!(
            PostgresStore,
            sqlx::Postgres,
            crate::fhir_sql::Dialect::Postgres
        );
    }

    mod sos {
        use super::super::PostgresStore;
        use super::append_in;
        crate::backend_sos::sos_store_impl!(PostgresStore, sqlx::Postgres);
    }

    mod sync {
        use super::super::PostgresStore;
        use super::append_in;
        crate::backend_sync::sync_store_impl!(PostgresStore, sqlx::Postgres);
    }

    mod privacy {
        use super::super::PostgresStore;
        use super::append_in;
        crate::backend_privacy::privacy_store_impl!(PostgresStore, sqlx::Postgres);
    }
}
