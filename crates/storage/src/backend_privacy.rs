//! The body of the [`PrivacyStore`](crate::privacy::PrivacyStore) implementation, shared by both
//! backends (see `backend.rs` for why a macro).

macro_rules! privacy_store_impl {
    ($store:ty, $db:ty) => {
        use mysehat_domain::UserId;
        use mysehat_domain::audit::AuditDraft;
        use sqlx::Row;
        use $crate::privacy::{Erased, PrivacyRequest};
        use $crate::{StoreError, StoreResult};

        const COLUMNS: &str =
            "id, user_id, kind, status, details, outcome, created_at_ms, updated_at_ms";
        const INDEX_TABLES: [&str; 7] = [
            "fhir_idx_token",
            "fhir_idx_string",
            "fhir_idx_date",
            "fhir_idx_reference",
            "fhir_idx_quantity",
            "fhir_idx_number",
            "fhir_idx_uri",
        ];

        fn request_from_row(row: &<$db as sqlx::Database>::Row) -> StoreResult<PrivacyRequest> {
            let user: String = row.try_get("user_id")?;
            Ok(PrivacyRequest {
                id: row.try_get("id")?,
                user_id: user
                    .parse()
                    .map_err(|_| StoreError::Corrupt(format!("user id `{user}`")))?,
                kind: row.try_get("kind")?,
                status: row.try_get("status")?,
                details: row.try_get("details")?,
                outcome: row.try_get("outcome")?,
                created_at_ms: row.try_get("created_at_ms")?,
                updated_at_ms: row.try_get("updated_at_ms")?,
            })
        }

        async fn insert_request(
            tx: &mut sqlx::Transaction<'static, $db>,
            r: &PrivacyRequest,
        ) -> StoreResult<()> {
            sqlx::query(
                "INSERT INTO privacy_requests (id, user_id, kind, status, details, outcome, \
                 created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(&r.id)
            .bind(r.user_id.to_string())
            .bind(&r.kind)
            .bind(&r.status)
            .bind(&r.details)
            .bind(&r.outcome)
            .bind(r.created_at_ms)
            .bind(r.updated_at_ms)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }

        #[async_trait::async_trait]
        impl $crate::privacy::PrivacyStore for $store {
            async fn insert_privacy_request(
                &self,
                r: &PrivacyRequest,
                audit: AuditDraft,
            ) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                insert_request(&mut tx, r).await?;
                append_in(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn privacy_requests_of(&self, user: UserId) -> StoreResult<Vec<PrivacyRequest>> {
                let sql = format!(
                    "SELECT {COLUMNS} FROM privacy_requests WHERE user_id = $1 \
                     ORDER BY created_at_ms DESC, id DESC"
                );
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(user.to_string())
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(request_from_row).collect()
            }

            async fn open_privacy_requests(&self) -> StoreResult<Vec<PrivacyRequest>> {
                let sql = format!(
                    "SELECT {COLUMNS} FROM privacy_requests \
                     WHERE status IN ('received', 'in_progress') ORDER BY created_at_ms, id"
                );
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(request_from_row).collect()
            }

            async fn update_privacy_request(
                &self,
                id: &str,
                status: &str,
                outcome: Option<&str>,
                now_ms: i64,
                audit: AuditDraft,
            ) -> StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let n = sqlx::query(
                    "UPDATE privacy_requests SET status = $2, outcome = COALESCE($3, outcome), \
                     updated_at_ms = $4 WHERE id = $1",
                )
                .bind(id)
                .bind(status)
                .bind(outcome)
                .bind(now_ms)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if n == 0 {
                    tx.rollback().await?;
                    return Ok(false);
                }
                append_in(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn erase_patient(
                &self,
                user: UserId,
                placeholder_phone: &str,
                request: &PrivacyRequest,
                audit: AuditDraft,
            ) -> StoreResult<Erased> {
                let pid = user.to_string();
                let mut tx = self.begin_write().await?;
                const MINE: &str = "SELECT rid FROM fhir_resources WHERE patient = $1";
                for table in INDEX_TABLES {
                    let sql = format!("DELETE FROM {table} WHERE rid IN ({MINE})");
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(&pid)
                        .execute(&mut *tx)
                        .await?;
                }
                let versions = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DELETE FROM fhir_history WHERE patient = $1 OR rid IN ({MINE})"
                )))
                .bind(&pid)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                // Devices holding copies (a health worker's phone) are told to remove them.
                let records = sqlx::query(
                    "SELECT resource_type, id, version_id FROM fhir_resources WHERE patient = $1",
                )
                .bind(&pid)
                .fetch_all(&mut *tx)
                .await?;
                let mut gone = Vec::with_capacity(records.len());
                for r in &records {
                    gone.push(super::feed::FeedChange {
                        resource_type: r.try_get("resource_type")?,
                        id: r.try_get("id")?,
                        version: r.try_get("version_id")?,
                        scopes: None,
                        created: false,
                    });
                }
                super::feed::flush_feed(&mut tx, gone, $crate::now_ms()).await?;
                // Clashes kept for a supervisor hold values of the record: they go with it.
                sqlx::query(
                    "DELETE FROM sync_conflicts WHERE (resource_type, resource_id) IN \
                     (SELECT resource_type, id FROM fhir_resources WHERE patient = $1)",
                )
                .bind(&pid)
                .execute(&mut *tx)
                .await?;
                let resources = sqlx::query("DELETE FROM fhir_resources WHERE patient = $1")
                    .bind(&pid)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                sqlx::query("DELETE FROM medical_id_links WHERE patient_user_id = $1")
                    .bind(&pid)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "UPDATE users SET name = 'Erased account', phone = $2, password_hash = '!' \
                     WHERE id = $1",
                )
                .bind(&pid)
                .bind(placeholder_phone)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "UPDATE refresh_tokens SET revoked_at_ms = $2 \
                     WHERE user_id = $1 AND revoked_at_ms IS NULL",
                )
                .bind(&pid)
                .bind(request.created_at_ms)
                .execute(&mut *tx)
                .await?;
                insert_request(&mut tx, request).await?;
                append_in(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(Erased {
                    resources,
                    versions,
                })
            }
        }
    };
}

pub(crate) use privacy_store_impl;
