//! The body of the [`SyncStore`](crate::sync::SyncStore) implementation, shared by both
//! backends (see `backend.rs` for why a macro). Pushed groups go through the FHIR store's
//! `write_one` and `flush_feed`, so a group, its receipts and its feed rows commit together.

macro_rules! sync_store_impl {
    ($store:ty, $db:ty) => {
        use super::feed::flush_feed;
        use super::fhir::write_one;
        use mysehat_domain::UserId;
        use mysehat_domain::audit::AuditDraft;
        use sqlx::Row;
        use $crate::fhir::{FhirRefusal, FhirWritten, Stamp};
        use $crate::sync::{
            ApplyRefusal, ConflictRecord, DeviceSeen, FeedRow, HeldGroup, Receipt, SyncApply,
        };
        use $crate::{StoreError, StoreResult};

        type Tx = sqlx::Transaction<'static, $db>;
        type DbRow = <$db as sqlx::Database>::Row;

        fn user_of(text: String) -> StoreResult<UserId> {
            text.parse().map_err(|_| StoreError::Corrupt(format!("user id `{text}`")))
        }

        fn receipt_from_row(row: &DbRow) -> StoreResult<Receipt> {
            Ok(Receipt {
                device: row.try_get("device")?,
                device_seq: row.try_get("device_seq")?,
                mutation_id: row.try_get("mutation_id")?,
                group_id: row.try_get("group_id")?,
                resource_type: row.try_get("resource_type")?,
                resource_id: row.try_get("resource_id")?,
                user_id: user_of(row.try_get("user_id")?)?,
                content_hash: row.try_get("content_hash")?,
                result: row.try_get("result")?,
                received_at_ms: row.try_get("received_at_ms")?,
            })
        }

        fn held_from_row(row: &DbRow) -> StoreResult<HeldGroup> {
            Ok(HeldGroup {
                group_id: row.try_get("group_id")?,
                device: row.try_get("device")?,
                user_id: user_of(row.try_get("user_id")?)?,
                waits_type: row.try_get("waits_type")?,
                waits_id: row.try_get("waits_id")?,
                waits_version: row.try_get("waits_version")?,
                payload: row.try_get("payload")?,
                created_at_ms: row.try_get("created_at_ms")?,
            })
        }

        const CONFLICT_COLUMNS: &str = "id, resource_type, resource_id, field, base_value, server_value, \
             device_value, village, device, user_id, created_at_ms, resolved_at_ms, resolved_by, resolution";

        fn conflict_from_row(row: &DbRow) -> StoreResult<ConflictRecord> {
            let by: Option<String> = row.try_get("resolved_by")?;
            Ok(ConflictRecord {
                id: row.try_get("id")?,
                resource_type: row.try_get("resource_type")?,
                resource_id: row.try_get("resource_id")?,
                field: row.try_get("field")?,
                base_value: row.try_get("base_value")?,
                server_value: row.try_get("server_value")?,
                device_value: row.try_get("device_value")?,
                village: row.try_get("village")?,
                device: row.try_get("device")?,
                user_id: user_of(row.try_get("user_id")?)?,
                created_at_ms: row.try_get("created_at_ms")?,
                resolved_at_ms: row.try_get("resolved_at_ms")?,
                resolved_by: by.map(user_of).transpose()?,
                resolution: row.try_get("resolution")?,
            })
        }

        async fn insert_receipt(tx: &mut Tx, r: &Receipt, replace: bool) -> StoreResult<bool> {
            let sql = if replace {
                "INSERT INTO sync_receipts (device, device_seq, mutation_id, group_id, user_id, content_hash, result, received_at_ms, resource_type, resource_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                 ON CONFLICT (device, device_seq) DO UPDATE SET result = excluded.result"
            } else {
                "INSERT INTO sync_receipts (device, device_seq, mutation_id, group_id, user_id, content_hash, result, received_at_ms, resource_type, resource_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
            };
            let done = sqlx::query(sql)
                .bind(&r.device)
                .bind(r.device_seq)
                .bind(&r.mutation_id)
                .bind(&r.group_id)
                .bind(r.user_id.to_string())
                .bind(&r.content_hash)
                .bind(&r.result)
                .bind(r.received_at_ms)
                .bind(&r.resource_type)
                .bind(&r.resource_id)
                .execute(&mut **tx)
                .await;
            match done {
                Ok(_) => Ok(true),
                Err(sqlx::Error::Database(d)) if d.is_unique_violation() => Ok(false),
                Err(e) => Err(e.into()),
            }
        }

        fn in_list(qb: &mut sqlx::QueryBuilder<$db>, column: &str, values: &[String]) {
            qb.push(format!(" {column} IN ("));
            let mut list = qb.separated(", ");
            for v in values {
                list.push_bind(v.clone());
            }
            list.push_unseparated(")");
        }

        #[async_trait::async_trait]
        impl $crate::sync::SyncStore for $store {
            async fn sync_apply(
                &self,
                apply: SyncApply,
                at: &Stamp,
            ) -> StoreResult<Result<Vec<FhirWritten>, ApplyRefusal>> {
                let mut tx = self.begin_write().await?;
                if let Some(group) = &apply.release {
                    let gone = sqlx::query("DELETE FROM sync_held WHERE group_id = $1")
                        .bind(group)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                    if gone == 0 {
                        tx.rollback().await?;
                        return Ok(Err(ApplyRefusal::Gone));
                    }
                }
                if let Some(r) = &apply.resolve {
                    let closed = sqlx::query(
                        "UPDATE sync_conflicts SET resolved_at_ms = $1, resolved_by = $2, resolution = $3 \
                         WHERE id = $4 AND resolved_at_ms IS NULL",
                    )
                    .bind(r.at_ms)
                    .bind(r.by.to_string())
                    .bind(&r.keep)
                    .bind(&r.conflict_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if closed == 0 {
                        tx.rollback().await?;
                        return Ok(Err(ApplyRefusal::Gone));
                    }
                }
                for r in &apply.receipts {
                    if !insert_receipt(&mut tx, r, apply.release.is_some()).await? {
                        tx.rollback().await?;
                        return Ok(Err(ApplyRefusal::Replayed));
                    }
                }
                let mut done = Vec::with_capacity(apply.writes.len());
                let mut feed = Vec::with_capacity(apply.writes.len());
                for (index, w) in apply.writes.iter().enumerate() {
                    match write_one(&mut tx, w, at, &mut feed).await? {
                        Ok(written) => done.push(written),
                        Err(current) => {
                            tx.rollback().await?;
                            return Ok(Err(ApplyRefusal::Version(FhirRefusal::VersionConflict { index, current })));
                        }
                    }
                }
                if let Some(h) = &apply.hold {
                    sqlx::query(
                        "INSERT INTO sync_held (group_id, device, user_id, waits_type, waits_id, waits_version, payload, created_at_ms) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(&h.group_id)
                    .bind(&h.device)
                    .bind(h.user_id.to_string())
                    .bind(&h.waits_type)
                    .bind(&h.waits_id)
                    .bind(h.waits_version)
                    .bind(&h.payload)
                    .bind(h.created_at_ms)
                    .execute(&mut *tx)
                    .await?;
                }
                for c in &apply.conflicts {
                    sqlx::query(
                        "INSERT INTO sync_conflicts (id, resource_type, resource_id, field, base_value, server_value, \
                         device_value, village, device, user_id, created_at_ms) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    )
                    .bind(&c.id)
                    .bind(&c.resource_type)
                    .bind(&c.resource_id)
                    .bind(&c.field)
                    .bind(&c.base_value)
                    .bind(&c.server_value)
                    .bind(&c.device_value)
                    .bind(&c.village)
                    .bind(&c.device)
                    .bind(c.user_id.to_string())
                    .bind(c.created_at_ms)
                    .execute(&mut *tx)
                    .await?;
                }
                for entry in apply.audit {
                    append_in(&mut tx, entry).await?;
                }
                flush_feed(&mut tx, feed, at.ms).await?;
                tx.commit().await?;
                Ok(Ok(done))
            }

            async fn sync_receipts(&self, device: &str, seqs: &[i64]) -> StoreResult<Vec<Receipt>> {
                if seqs.is_empty() {
                    return Ok(vec![]);
                }
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "SELECT device, device_seq, mutation_id, group_id, resource_type, resource_id, user_id, \
                     content_hash, result, received_at_ms FROM sync_receipts WHERE device = ",
                );
                qb.push_bind(device.to_owned()).push(" AND device_seq IN (");
                let mut list = qb.separated(", ");
                for s in seqs {
                    list.push_bind(*s);
                }
                list.push_unseparated(") ORDER BY device_seq");
                let rows = qb.build().fetch_all(&self.pool).await?;
                rows.iter().map(receipt_from_row).collect()
            }

            async fn sync_device_result(
                &self,
                device: &str,
                resource_type: &str,
                resource_id: &str,
            ) -> StoreResult<Option<String>> {
                Ok(sqlx::query_scalar(
                    "SELECT result FROM sync_receipts WHERE device = $1 AND resource_type = $2 AND resource_id = $3 \
                     ORDER BY device_seq DESC LIMIT 1",
                )
                .bind(device)
                .bind(resource_type)
                .bind(resource_id)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn sync_held_for(&self, records: &[(String, String)]) -> StoreResult<Vec<HeldGroup>> {
                let mut found = vec![];
                // One query per chunk of records, not one per record.
                for chunk in records.chunks(400) {
                    let mut qb = sqlx::QueryBuilder::<$db>::new(
                        "SELECT group_id, device, user_id, waits_type, waits_id, waits_version, payload, created_at_ms \
                         FROM sync_held WHERE (waits_type, waits_id) IN (",
                    );
                    let mut list = qb.separated(", ");
                    for (ty, id) in chunk {
                        list.push("(");
                        list.push_bind_unseparated(ty.clone());
                        list.push_unseparated(", ");
                        list.push_bind_unseparated(id.clone());
                        list.push_unseparated(")");
                    }
                    list.push_unseparated(")");
                    for row in &qb.build().fetch_all(&self.pool).await? {
                        found.push(held_from_row(row)?);
                    }
                }
                found.sort_by(|a, b| (a.created_at_ms, &a.group_id).cmp(&(b.created_at_ms, &b.group_id)));
                found.dedup_by(|a, b| a.group_id == b.group_id);
                Ok(found)
            }

            async fn sync_changes(&self, scopes: &[String], after: i64, limit: i64) -> StoreResult<Vec<FeedRow>> {
                if scopes.is_empty() {
                    return Ok(vec![]);
                }
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "SELECT seq, scope, resource_type, id, version_id, op FROM sync_feed WHERE",
                );
                in_list(&mut qb, "scope", scopes);
                qb.push(" AND seq > ").push_bind(after).push(" ORDER BY seq LIMIT ").push_bind(limit);
                let rows = qb.build().fetch_all(&self.pool).await?;
                rows.iter()
                    .map(|r| {
                        Ok(FeedRow {
                            seq: r.try_get("seq")?,
                            scope: r.try_get("scope")?,
                            resource_type: r.try_get("resource_type")?,
                            id: r.try_get("id")?,
                            version_id: r.try_get("version_id")?,
                            op: r.try_get("op")?,
                        })
                    })
                    .collect()
            }

            async fn sync_live(
                &self,
                scopes: &[String],
                resource_type: Option<&str>,
            ) -> StoreResult<Vec<(String, String, i64)>> {
                if scopes.is_empty() {
                    return Ok(vec![]);
                }
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "SELECT DISTINCT resource_type, id, version_id FROM sync_feed WHERE op = 'put' AND",
                );
                in_list(&mut qb, "scope", scopes);
                if let Some(ty) = resource_type {
                    qb.push(" AND resource_type = ").push_bind(ty.to_owned());
                }
                qb.push(" ORDER BY resource_type, id");
                let rows = qb.build().fetch_all(&self.pool).await?;
                rows.iter()
                    .map(|r| Ok((r.try_get("resource_type")?, r.try_get("id")?, r.try_get("version_id")?)))
                    .collect()
            }

            async fn sync_is_live(&self, scopes: &[String], resource_type: &str, id: &str) -> StoreResult<bool> {
                if scopes.is_empty() {
                    return Ok(false);
                }
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "SELECT 1 FROM sync_feed WHERE resource_type = ",
                );
                qb.push_bind(resource_type.to_owned())
                    .push(" AND id = ")
                    .push_bind(id.to_owned())
                    .push(" AND op = 'put' AND");
                in_list(&mut qb, "scope", scopes);
                qb.push(" LIMIT 1");
                Ok(qb.build().fetch_optional(&self.pool).await?.is_some())
            }

            async fn sync_clock(&self) -> StoreResult<(i64, i64)> {
                let row = sqlx::query("SELECT seq, horizon FROM sync_clock WHERE id = 1")
                    .fetch_one(&self.pool)
                    .await?;
                Ok((row.try_get("seq")?, row.try_get("horizon")?))
            }

            async fn sync_purge(&self, before_ms: i64) -> StoreResult<u64> {
                let mut tx = self.begin_write().await?;
                let top: Option<i64> = sqlx::query_scalar(
                    "SELECT MAX(seq) FROM sync_feed WHERE op <> 'put' AND changed_at_ms < $1",
                )
                .bind(before_ms)
                .fetch_one(&mut *tx)
                .await?;
                let Some(top) = top else {
                    tx.rollback().await?;
                    return Ok(0);
                };
                let gone = sqlx::query("DELETE FROM sync_feed WHERE op <> 'put' AND seq <= $1")
                    .bind(top)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                sqlx::query("UPDATE sync_clock SET horizon = $1 WHERE id = 1 AND horizon < $1")
                    .bind(top)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(gone)
            }

            async fn sync_seen(&self, device: &str, user: UserId, pushed: bool, at_ms: i64) -> StoreResult<()> {
                let sql = if pushed {
                    "INSERT INTO sync_devices (device, user_id, last_push_ms) VALUES ($1, $2, $3) \
                     ON CONFLICT (device) DO UPDATE SET user_id = excluded.user_id, last_push_ms = excluded.last_push_ms"
                } else {
                    "INSERT INTO sync_devices (device, user_id, last_pull_ms) VALUES ($1, $2, $3) \
                     ON CONFLICT (device) DO UPDATE SET user_id = excluded.user_id, last_pull_ms = excluded.last_pull_ms"
                };
                let mut tx = self.begin_write().await?;
                sqlx::query(sql).bind(device).bind(user.to_string()).bind(at_ms).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn sync_devices_of(&self, users: &[UserId]) -> StoreResult<Vec<DeviceSeen>> {
                if users.is_empty() {
                    return Ok(vec![]);
                }
                let ids: Vec<String> = users.iter().map(ToString::to_string).collect();
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "SELECT device, user_id, last_push_ms, last_pull_ms FROM sync_devices WHERE",
                );
                in_list(&mut qb, "user_id", &ids);
                qb.push(" ORDER BY device");
                let rows = qb.build().fetch_all(&self.pool).await?;
                rows.iter()
                    .map(|r| {
                        Ok(DeviceSeen {
                            device: r.try_get("device")?,
                            user_id: user_of(r.try_get("user_id")?)?,
                            last_push_ms: r.try_get("last_push_ms")?,
                            last_pull_ms: r.try_get("last_pull_ms")?,
                        })
                    })
                    .collect()
            }

            async fn sync_conflicts(&self, villages: Option<&[String]>, open: bool) -> StoreResult<Vec<ConflictRecord>> {
                let mut qb = sqlx::QueryBuilder::<$db>::new(format!(
                    "SELECT {CONFLICT_COLUMNS} FROM sync_conflicts WHERE 1 = 1"
                ));
                if let Some(villages) = villages {
                    if villages.is_empty() {
                        return Ok(vec![]);
                    }
                    qb.push(" AND");
                    in_list(&mut qb, "village", villages);
                }
                if open {
                    qb.push(" AND resolved_at_ms IS NULL");
                }
                qb.push(" ORDER BY created_at_ms, id");
                let rows = qb.build().fetch_all(&self.pool).await?;
                rows.iter().map(conflict_from_row).collect()
            }

            async fn sync_conflict(&self, id: &str) -> StoreResult<Option<ConflictRecord>> {
                let sql = format!("SELECT {CONFLICT_COLUMNS} FROM sync_conflicts WHERE id = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await?;
                row.as_ref().map(conflict_from_row).transpose()
            }

            async fn hw_set_villages(
                &self,
                user: UserId,
                villages: &[String],
                at_ms: i64,
                audit: AuditDraft,
            ) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM hw_villages WHERE user_id = $1")
                    .bind(user.to_string())
                    .execute(&mut *tx)
                    .await?;
                for v in villages {
                    sqlx::query(
                        "INSERT INTO hw_villages (user_id, village_id, assigned_at_ms) VALUES ($1, $2, $3) \
                         ON CONFLICT (user_id, village_id) DO NOTHING",
                    )
                    .bind(user.to_string())
                    .bind(v)
                    .bind(at_ms)
                    .execute(&mut *tx)
                    .await?;
                }
                append_in(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn hw_villages(&self, user: UserId) -> StoreResult<Vec<String>> {
                Ok(sqlx::query_scalar("SELECT village_id FROM hw_villages WHERE user_id = $1 ORDER BY village_id")
                    .bind(user.to_string())
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn hw_reserve_numbers(
                &self,
                device: &str,
                user: UserId,
                count: i64,
                at_ms: i64,
            ) -> StoreResult<(i64, i64)> {
                let mut tx = self.begin_write().await?;
                // The block table's primary key makes two concurrent reservations of the same
                // range impossible: the second fails and is retried by the caller.
                let last: Option<i64> = sqlx::query_scalar("SELECT MAX(last) FROM hw_number_blocks")
                    .fetch_one(&mut *tx)
                    .await?;
                let first = last.unwrap_or(0) + 1;
                let end = first + count - 1;
                let inserted = sqlx::query(
                    "INSERT INTO hw_number_blocks (first, last, device, user_id, reserved_at_ms) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(first)
                .bind(end)
                .bind(device)
                .bind(user.to_string())
                .bind(at_ms)
                .execute(&mut *tx)
                .await;
                match inserted {
                    Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                        return Err(StoreError::Conflict("household numbers"));
                    }
                    other => {
                        other?;
                    }
                }
                tx.commit().await?;
                Ok((first, end))
            }
        }
    };
}

pub(crate) use sync_store_impl;
