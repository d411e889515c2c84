//! The body of the [`Store`](crate::Store) implementation, shared by both backends.
//!
//! The SQL below is written once in the dialect both databases accept (`$n` placeholders,
//! `ON CONFLICT`, `RETURNING`). A macro rather than generic code over `sqlx::Database`: the
//! trait bounds sqlx needs for generic queries would bury the SQL. Each backend supplies
//! `begin_write` (how a writing transaction starts), `writer()` (the pool that writes) and
//! `LOCK_HEAD` (how the audit head row is locked for the rest of the transaction).

macro_rules! store_impl {
    ($store:ty, $db:ty, $backend:expr) => {
        use mysehat_domain::audit::{AuditDraft, AuditEntry, ChainHead, Outcome};
        use mysehat_domain::{Language, PersonName, PhoneNumber, Role, UserId};
        use sqlx::Row;
        use $crate::records::{AuditQuery, NewRefreshToken, NewUser, Rotation, ThrottlePolicy, UserRecord};
        use $crate::{Backend, StoreError, StoreResult};

        type Tx = sqlx::Transaction<'static, $db>;
        type DbRow = <$db as sqlx::Database>::Row;

        const USER_COLUMNS: &str =
            "id, phone, name, role, language, password_hash, facility_id, area, created_at_ms";
        const AUDIT_COLUMNS: &str = "seq, at_ms, actor, role, action, target, patient, purpose, \
             outcome, request_id, ip, prev_hash, hash";

        fn corrupt(what: &str, value: &str) -> StoreError {
            StoreError::Corrupt(format!("{what} `{value}`"))
        }

        fn user_from_row(row: &DbRow) -> StoreResult<UserRecord> {
            let id: String = row.try_get("id")?;
            let role: String = row.try_get("role")?;
            let language: String = row.try_get("language")?;
            Ok(UserRecord {
                id: id.parse().map_err(|_| corrupt("user id", &id))?,
                phone: PhoneNumber::from_trusted(row.try_get("phone")?),
                name: PersonName::from_trusted(row.try_get("name")?),
                role: role.parse::<Role>().map_err(|_| corrupt("role", &role))?,
                language: Language::parse(&language).ok_or_else(|| corrupt("language", &language))?,
                password_hash: row.try_get("password_hash")?,
                facility_id: row.try_get("facility_id")?,
                area: row.try_get("area")?,
                created_at_ms: row.try_get("created_at_ms")?,
            })
        }

        fn audit_from_row(row: &DbRow) -> StoreResult<AuditEntry> {
            let outcome: String = row.try_get("outcome")?;
            Ok(AuditEntry {
                seq: row.try_get("seq")?,
                at_ms: row.try_get("at_ms")?,
                prev_hash: row.try_get("prev_hash")?,
                hash: row.try_get("hash")?,
                draft: AuditDraft {
                    actor: row.try_get("actor")?,
                    role: row.try_get("role")?,
                    action: row.try_get("action")?,
                    target: row.try_get("target")?,
                    patient: row.try_get("patient")?,
                    purpose: row.try_get("purpose")?,
                    outcome: Outcome::parse(&outcome).ok_or_else(|| corrupt("outcome", &outcome))?,
                    request_id: row.try_get("request_id")?,
                    ip: row.try_get("ip")?,
                },
            })
        }

        /// Appends to the chain inside `tx`; the head row lock serialises concurrent appends.
        async fn append_in(tx: &mut Tx, draft: AuditDraft) -> StoreResult<AuditEntry> {
            let head = sqlx::query(<$store>::LOCK_HEAD).fetch_one(&mut **tx).await?;
            let seq: i64 = head.try_get("seq")?;
            let prev: String = head.try_get("hash")?;
            let entry = draft.seal(seq + 1, $crate::now_ms(), &prev);
            let d = &entry.draft;
            sqlx::query(
                "INSERT INTO audit_log (seq, at_ms, actor, role, action, target, patient, purpose, \
                 outcome, request_id, ip, prev_hash, hash) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            )
            .bind(entry.seq)
            .bind(entry.at_ms)
            .bind(&d.actor)
            .bind(&d.role)
            .bind(&d.action)
            .bind(&d.target)
            .bind(&d.patient)
            .bind(&d.purpose)
            .bind(d.outcome.as_str())
            .bind(&d.request_id)
            .bind(&d.ip)
            .bind(&entry.prev_hash)
            .bind(&entry.hash)
            .execute(&mut **tx)
            .await?;
            sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
                .bind(entry.seq)
                .bind(&entry.hash)
                .execute(&mut **tx)
                .await?;
            Ok(entry)
        }

        async fn insert_token(tx: &mut Tx, t: &NewRefreshToken) -> StoreResult<()> {
            sqlx::query(
                "INSERT INTO refresh_tokens (token_hash, family_id, user_id, issued_at_ms, expires_at_ms) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&t.token_hash)
            .bind(&t.family_id)
            .bind(t.user_id.to_string())
            .bind(t.issued_at_ms)
            .bind(t.expires_at_ms)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }

        /// Marks `presented` spent, pointing at `next`, and stores `next` in the same family.
        async fn rotate_to(
            tx: &mut Tx,
            presented: &str,
            next: &NewRefreshToken,
            family: &str,
            user_id: UserId,
            now_ms: i64,
        ) -> StoreResult<()> {
            sqlx::query("UPDATE refresh_tokens SET used_at_ms = $1, replaced_by = $2 WHERE token_hash = $3")
                .bind(now_ms)
                .bind(&next.token_hash)
                .bind(presented)
                .execute(&mut **tx)
                .await?;
            let next = NewRefreshToken { family_id: family.to_owned(), user_id, ..next.clone() };
            insert_token(tx, &next).await
        }

        async fn successor_unused(tx: &mut Tx, successor: &str) -> StoreResult<bool> {
            let row = sqlx::query("SELECT used_at_ms, revoked_at_ms FROM refresh_tokens WHERE token_hash = $1")
                .bind(successor)
                .fetch_optional(&mut **tx)
                .await?;
            let Some(row) = row else { return Ok(false) };
            let used: Option<i64> = row.try_get("used_at_ms")?;
            let revoked: Option<i64> = row.try_get("revoked_at_ms")?;
            Ok(used.is_none() && revoked.is_none())
        }

        async fn revoke_family(tx: &mut Tx, family: &str, now_ms: i64) -> StoreResult<()> {
            sqlx::query(
                "UPDATE refresh_tokens SET revoked_at_ms = $1 \
                 WHERE family_id = $2 AND revoked_at_ms IS NULL",
            )
            .bind(now_ms)
            .bind(family)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }

        fn is_unique_violation(e: &sqlx::Error) -> bool {
            matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
        }

        #[async_trait::async_trait]
        impl $crate::Store for $store {
            fn backend(&self) -> Backend {
                $backend
            }

            async fn migrate(&self) -> StoreResult<()> {
                Self::MIGRATOR.run(self.writer()).await?;
                Ok(())
            }

            async fn ping(&self) -> StoreResult<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn create_user(&self, u: &NewUser, audit: AuditDraft) -> StoreResult<UserRecord> {
                let mut tx = self.begin_write().await?;
                let inserted = sqlx::query(
                    "INSERT INTO users (id, phone, name, role, language, password_hash, facility_id, \
                     area, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(u.id.to_string())
                .bind(u.phone.as_str())
                .bind(u.name.as_str())
                .bind(u.role.as_str())
                .bind(u.language.as_str())
                .bind(&u.password_hash)
                .bind(&u.facility_id)
                .bind(&u.area)
                .bind(u.created_at_ms)
                .execute(&mut *tx)
                .await;
                match inserted {
                    Err(e) if is_unique_violation(&e) => return Err(StoreError::Conflict("phone")),
                    other => other?,
                };
                append_in(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(u.clone())
            }

            async fn user_by_id(&self, id: UserId) -> StoreResult<Option<UserRecord>> {
                let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(id.to_string())
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(user_from_row).transpose()
            }

            async fn user_by_phone(&self, phone: &PhoneNumber) -> StoreResult<Option<UserRecord>> {
                let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE phone = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(phone.as_str())
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(user_from_row).transpose()
            }

            async fn list_users(&self, after: Option<UserId>, limit: i64) -> StoreResult<Vec<UserRecord>> {
                let sql = format!(
                    "SELECT {USER_COLUMNS} FROM users WHERE id > $1 ORDER BY id LIMIT $2"
                );
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(after.map(|a| a.to_string()).unwrap_or_default())
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(user_from_row).collect()
            }

            async fn start_session(&self, token: &NewRefreshToken, audit: AuditDraft) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                insert_token(&mut tx, token).await?;
                append_in(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn rotate_session(
                &self,
                presented_hash: &str,
                next: &NewRefreshToken,
                now_ms: i64,
                mut audit: AuditDraft,
            ) -> StoreResult<Rotation> {
                let mut tx = self.begin_write().await?;
                let row = sqlx::query(
                    "SELECT family_id, user_id, expires_at_ms, used_at_ms, revoked_at_ms, replaced_by \
                     FROM refresh_tokens WHERE token_hash = $1",
                )
                .bind(presented_hash)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(row) = row else {
                    return Ok(Rotation::Unknown);
                };
                let family: String = row.try_get("family_id")?;
                let user: String = row.try_get("user_id")?;
                let user_id: UserId = user.parse().map_err(|_| corrupt("user id", &user))?;
                let used: Option<i64> = row.try_get("used_at_ms")?;
                let revoked: Option<i64> = row.try_get("revoked_at_ms")?;
                let expires: i64 = row.try_get("expires_at_ms")?;
                audit.actor = Some(user_id.to_string());
                let replaced_by: Option<String> = row.try_get("replaced_by")?;
                let retry = match (used, revoked, &replaced_by) {
                    (Some(used_at), None, Some(successor)) if now_ms - used_at <= $crate::REFRESH_RETRY_GRACE_MS => {
                        successor_unused(&mut tx, successor).await?
                    }
                    _ => false,
                };
                let outcome = if retry {
                    // The client never got the reply to its first refresh (a lost response on a
                    // weak network): replace the unused successor instead of ending the sign-in.
                    let successor = replaced_by.unwrap_or_default();
                    sqlx::query("UPDATE refresh_tokens SET revoked_at_ms = $1 WHERE token_hash = $2")
                        .bind(now_ms)
                        .bind(&successor)
                        .execute(&mut *tx)
                        .await?;
                    rotate_to(&mut tx, presented_hash, next, &family, user_id, now_ms).await?;
                    audit.action = "auth.refresh_retry".into();
                    Rotation::Rotated { user_id }
                } else if used.is_some() || revoked.is_some() {
                    revoke_family(&mut tx, &family, now_ms).await?;
                    audit.action = "auth.refresh_reuse".into();
                    audit.outcome = Outcome::Denied;
                    Rotation::Reused { user_id }
                } else if expires <= now_ms {
                    audit.outcome = Outcome::Failed;
                    Rotation::Expired
                } else {
                    rotate_to(&mut tx, presented_hash, next, &family, user_id, now_ms).await?;
                    Rotation::Rotated { user_id }
                };
                append_in(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(outcome)
            }

            async fn end_session(
                &self,
                presented_hash: &str,
                now_ms: i64,
                mut audit: AuditDraft,
            ) -> StoreResult<Option<UserId>> {
                let mut tx = self.begin_write().await?;
                let row = sqlx::query("SELECT family_id, user_id FROM refresh_tokens WHERE token_hash = $1")
                    .bind(presented_hash)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(row) = row else {
                    return Ok(None);
                };
                let family: String = row.try_get("family_id")?;
                let user: String = row.try_get("user_id")?;
                let user_id: UserId = user.parse().map_err(|_| corrupt("user id", &user))?;
                revoke_family(&mut tx, &family, now_ms).await?;
                audit.actor = Some(user_id.to_string());
                append_in(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(Some(user_id))
            }

            async fn locked_until(&self, keys: &[String], now_ms: i64) -> StoreResult<Option<i64>> {
                let mut latest = None;
                for key in keys {
                    let until: Option<Option<i64>> = sqlx::query_scalar(
                        "SELECT locked_until_ms FROM login_failures WHERE throttle_key = $1",
                    )
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await?;
                    if let Some(Some(until)) = until
                        && until > now_ms
                    {
                        latest = latest.max(Some(until));
                    }
                }
                Ok(latest)
            }

            async fn record_login_failure(
                &self,
                key: &str,
                now_ms: i64,
                policy: ThrottlePolicy,
            ) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                let row = sqlx::query(<$store>::LOCK_FAILURES)
                    .bind(key)
                    .fetch_optional(&mut *tx)
                    .await?;
                let failures = match row {
                    Some(r) => {
                        let start: i64 = r.try_get("window_start_ms")?;
                        let count: i64 = r.try_get("failures")?;
                        if now_ms - start > policy.window_ms { 1 } else { count + 1 }
                    }
                    None => 1,
                };
                // -1 keeps the stored window start (see the CASE below).
                let window_start = if failures == 1 { now_ms } else { -1 };
                sqlx::query(
                    "INSERT INTO login_failures (throttle_key, failures, window_start_ms, locked_until_ms) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (throttle_key) DO UPDATE SET \
                     failures = excluded.failures, locked_until_ms = excluded.locked_until_ms, \
                     window_start_ms = CASE WHEN excluded.window_start_ms < 0 \
                       THEN login_failures.window_start_ms ELSE excluded.window_start_ms END",
                )
                .bind(key)
                .bind(failures)
                .bind(window_start)
                .bind(policy.lock_until(failures, now_ms))
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn clear_login_failures(&self, key: &str) -> StoreResult<()> {
                sqlx::query("DELETE FROM login_failures WHERE throttle_key = $1")
                    .bind(key)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn notify(&self, channel: &str, payload: &str) -> StoreResult<bool> {
                self.notify_channel(channel, payload).await
            }

            async fn listen(
                &self,
                channel: &str,
            ) -> StoreResult<Option<tokio::sync::mpsc::Receiver<String>>> {
                self.listen_channel(channel).await
            }

            async fn append_audit(&self, audit: AuditDraft) -> StoreResult<AuditEntry> {
                let mut tx = self.begin_write().await?;
                let entry = append_in(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(entry)
            }

            async fn append_audit_batch(&self, audit: Vec<AuditDraft>) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                for entry in audit {
                    append_in(&mut tx, entry).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn audit_page(&self, q: &AuditQuery) -> StoreResult<Vec<AuditEntry>> {
                let mut qb = sqlx::QueryBuilder::<$db>::new(format!(
                    "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE 1 = 1"
                ));
                if let Some(p) = &q.patient {
                    qb.push(" AND patient = ").push_bind(p.clone());
                }
                if let Some(a) = &q.exclude_actor {
                    qb.push(" AND (actor IS NULL OR actor <> ").push_bind(a.clone()).push(")");
                }
                if let Some(before) = q.before_seq {
                    qb.push(" AND seq < ").push_bind(before);
                }
                qb.push(" ORDER BY seq DESC LIMIT ").push_bind(q.limit);
                let rows = qb.build().fetch_all(&self.pool).await?;
                rows.iter().map(audit_from_row).collect()
            }

            async fn audit_chain(&self, after_seq: i64, limit: i64) -> StoreResult<Vec<AuditEntry>> {
                let sql = format!(
                    "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2"
                );
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(after_seq)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(audit_from_row).collect()
            }

            async fn audit_head(&self) -> StoreResult<Option<ChainHead>> {
                let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
                    .fetch_optional(&self.pool)
                    .await?;
                let Some(row) = row else { return Ok(None) };
                let seq: i64 = row.try_get("seq")?;
                Ok((seq > 0).then_some(ChainHead { seq, hash: row.try_get("hash")? }))
            }
        }
    };
}

pub(crate) use store_impl;
