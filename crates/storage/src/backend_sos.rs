//! The body of the [`SosStore`](crate::sos::SosStore) implementation, shared by both backends
//! (see `backend.rs` for why a macro).

macro_rules! sos_store_impl {
    ($store:ty, $db:ty) => {
        use mysehat_domain::UserId;
        use mysehat_domain::audit::AuditDraft;
        use sqlx::Row;
        use $crate::sos::{
            AlertRecord, AmbulanceRecord, FacilityRecord, FixRecord, IncidentChange,
            IncidentEvent, IncidentInsert, IncidentRecord, IncidentUpdate,
        };
        use $crate::{StoreError, StoreResult};

        type DbRow = <$db as sqlx::Database>::Row;

        const FACILITY_COLUMNS: &str =
            "id, name, kind, lat, lon, phone, capabilities, ed_status, free_beds, updated_at_ms";
        const AMBULANCE_COLUMNS: &str = "id, crew_user_id, base_id, call_sign, phone, status, \
             lat, lon, accuracy_m, fix_at_ms, speed_mps, updated_at_ms";
        const INCIDENT_COLUMNS: &str = "id, patient_user_id, device_id, fingerprint, kind, lat, \
             lon, accuracy_m, fixed_at_ms, last_known, state, facility_id, ambulance_id, \
             created_at_ms, updated_at_ms, recent_repeats";

        fn user_id(row: &DbRow, column: &str) -> StoreResult<UserId> {
            let id: String = row.try_get(column)?;
            id.parse()
                .map_err(|_| StoreError::Corrupt(format!("user id `{id}`")))
        }

        fn facility_from_row(row: &DbRow) -> StoreResult<FacilityRecord> {
            let caps: String = row.try_get("capabilities")?;
            Ok(FacilityRecord {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                kind: row.try_get("kind")?,
                lat: row.try_get("lat")?,
                lon: row.try_get("lon")?,
                phone: row.try_get("phone")?,
                capabilities: caps.split_whitespace().map(str::to_owned).collect(),
                ed_status: row.try_get("ed_status")?,
                free_beds: row.try_get("free_beds")?,
                updated_at_ms: row.try_get("updated_at_ms")?,
            })
        }

        fn ambulance_from_row(row: &DbRow) -> StoreResult<AmbulanceRecord> {
            let lat: Option<f64> = row.try_get("lat")?;
            let lon: Option<f64> = row.try_get("lon")?;
            let accuracy_m: Option<f64> = row.try_get("accuracy_m")?;
            let at_ms: Option<i64> = row.try_get("fix_at_ms")?;
            let fix = match (lat, lon, accuracy_m, at_ms) {
                (Some(lat), Some(lon), Some(accuracy_m), Some(at_ms)) => Some(FixRecord {
                    lat,
                    lon,
                    accuracy_m,
                    at_ms,
                    speed_mps: row.try_get("speed_mps")?,
                }),
                _ => None,
            };
            Ok(AmbulanceRecord {
                id: row.try_get("id")?,
                crew_user_id: user_id(row, "crew_user_id")?,
                base_id: row.try_get("base_id")?,
                call_sign: row.try_get("call_sign")?,
                phone: row.try_get("phone")?,
                status: row.try_get("status")?,
                fix,
                updated_at_ms: row.try_get("updated_at_ms")?,
            })
        }

        fn incident_from_row(row: &DbRow) -> StoreResult<IncidentRecord> {
            let last_known: i64 = row.try_get("last_known")?;
            Ok(IncidentRecord {
                id: row.try_get("id")?,
                patient: user_id(row, "patient_user_id")?,
                device_id: row.try_get("device_id")?,
                fingerprint: row.try_get("fingerprint")?,
                kind: row.try_get("kind")?,
                lat: row.try_get("lat")?,
                lon: row.try_get("lon")?,
                accuracy_m: row.try_get("accuracy_m")?,
                fixed_at_ms: row.try_get("fixed_at_ms")?,
                last_known: last_known != 0,
                state: row.try_get("state")?,
                facility_id: row.try_get("facility_id")?,
                ambulance_id: row.try_get("ambulance_id")?,
                created_at_ms: row.try_get("created_at_ms")?,
                updated_at_ms: row.try_get("updated_at_ms")?,
                recent_repeats: row.try_get("recent_repeats")?,
            })
        }

        fn event_from_row(row: &DbRow) -> StoreResult<IncidentEvent> {
            let actor: Option<String> = row.try_get("actor_user_id")?;
            Ok(IncidentEvent {
                at_ms: row.try_get("at_ms")?,
                state: row.try_get("state")?,
                actor: actor
                    .map(|a| a.parse().map_err(|_| StoreError::Corrupt(format!("user id `{a}`"))))
                    .transpose()?,
                actor_role: row.try_get("actor_role")?,
                detail: row.try_get("detail")?,
            })
        }

        fn alert_from_row(row: &DbRow) -> StoreResult<AlertRecord> {
            Ok(AlertRecord {
                incident_id: row.try_get("incident_id")?,
                facility_id: row.try_get("facility_id")?,
                wave: row.try_get("wave")?,
                distance_m: row.try_get("distance_m")?,
                sent_at_ms: row.try_get("sent_at_ms")?,
                answer: row.try_get("answer")?,
                answered_at_ms: row.try_get("answered_at_ms")?,
            })
        }

        async fn insert_event(
            tx: &mut sqlx::Transaction<'static, $db>,
            incident_id: &str,
            e: &IncidentEvent,
        ) -> StoreResult<()> {
            sqlx::query(
                "INSERT INTO sos_events (incident_id, at_ms, state, actor_user_id, actor_role, detail) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(incident_id)
            .bind(e.at_ms)
            .bind(&e.state)
            .bind(e.actor.map(|a| a.to_string()))
            .bind(&e.actor_role)
            .bind(&e.detail)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }

        async fn incident_list(
            pool: &sqlx::Pool<$db>,
            filter: &str,
            key: &str,
            limit: i64,
        ) -> StoreResult<Vec<IncidentRecord>> {
            let sql = format!(
                "SELECT {INCIDENT_COLUMNS} FROM sos_incidents WHERE {filter} \
                 ORDER BY created_at_ms DESC, id DESC LIMIT $2"
            );
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(key)
                .bind(limit)
                .fetch_all(pool)
                .await?;
            rows.iter().map(incident_from_row).collect()
        }

        #[async_trait::async_trait]
        impl $crate::sos::SosStore for $store {
            async fn put_facility(&self, f: &FacilityRecord, audit: AuditDraft) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO facilities (id, name, kind, lat, lon, phone, capabilities, ed_status, \
                     free_beds, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, \
                     lat = excluded.lat, lon = excluded.lon, phone = excluded.phone, \
                     capabilities = excluded.capabilities, ed_status = excluded.ed_status, \
                     free_beds = excluded.free_beds, updated_at_ms = excluded.updated_at_ms",
                )
                .bind(&f.id)
                .bind(&f.name)
                .bind(&f.kind)
                .bind(f.lat)
                .bind(f.lon)
                .bind(&f.phone)
                .bind(f.capabilities.join(" "))
                .bind(&f.ed_status)
                .bind(f.free_beds)
                .bind(f.updated_at_ms)
                .execute(&mut *tx)
                .await?;
                append_in(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn facilities(&self) -> StoreResult<Vec<FacilityRecord>> {
                let sql = format!("SELECT {FACILITY_COLUMNS} FROM facilities ORDER BY id");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await?;
                rows.iter().map(facility_from_row).collect()
            }

            async fn facility(&self, id: &str) -> StoreResult<Option<FacilityRecord>> {
                let sql = format!("SELECT {FACILITY_COLUMNS} FROM facilities WHERE id = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(facility_from_row).transpose()
            }

            async fn put_ambulance(&self, a: &AmbulanceRecord) -> StoreResult<()> {
                let fix = a.fix;
                sqlx::query(
                    "INSERT INTO ambulances (id, crew_user_id, base_id, call_sign, phone, status, lat, \
                     lon, accuracy_m, fix_at_ms, speed_mps, updated_at_ms) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
                     ON CONFLICT (id) DO UPDATE SET base_id = excluded.base_id, \
                     call_sign = excluded.call_sign, phone = excluded.phone, status = excluded.status, \
                     lat = excluded.lat, lon = excluded.lon, accuracy_m = excluded.accuracy_m, \
                     fix_at_ms = excluded.fix_at_ms, speed_mps = excluded.speed_mps, \
                     updated_at_ms = excluded.updated_at_ms",
                )
                .bind(&a.id)
                .bind(a.crew_user_id.to_string())
                .bind(&a.base_id)
                .bind(&a.call_sign)
                .bind(&a.phone)
                .bind(&a.status)
                .bind(fix.map(|f| f.lat))
                .bind(fix.map(|f| f.lon))
                .bind(fix.map(|f| f.accuracy_m))
                .bind(fix.map(|f| f.at_ms))
                .bind(fix.and_then(|f| f.speed_mps))
                .bind(a.updated_at_ms)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn ambulances(&self) -> StoreResult<Vec<AmbulanceRecord>> {
                let sql = format!("SELECT {AMBULANCE_COLUMNS} FROM ambulances ORDER BY id");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await?;
                rows.iter().map(ambulance_from_row).collect()
            }

            async fn ambulance_of_crew(&self, crew: UserId) -> StoreResult<Option<AmbulanceRecord>> {
                let sql = format!("SELECT {AMBULANCE_COLUMNS} FROM ambulances WHERE crew_user_id = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(crew.to_string())
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(ambulance_from_row).transpose()
            }

            async fn ambulance(&self, id: &str) -> StoreResult<Option<AmbulanceRecord>> {
                let sql = format!("SELECT {AMBULANCE_COLUMNS} FROM ambulances WHERE id = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(ambulance_from_row).transpose()
            }

            async fn set_ambulance_fix(&self, id: &str, fix: &FixRecord) -> StoreResult<()> {
                sqlx::query(
                    "UPDATE ambulances SET lat = $2, lon = $3, accuracy_m = $4, fix_at_ms = $5, \
                     speed_mps = $6, updated_at_ms = $5 WHERE id = $1",
                )
                .bind(id)
                .bind(fix.lat)
                .bind(fix.lon)
                .bind(fix.accuracy_m)
                .bind(fix.at_ms)
                .bind(fix.speed_mps)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn insert_incident(
                &self,
                i: &IncidentRecord,
                first: &IncidentEvent,
                audit: AuditDraft,
            ) -> StoreResult<IncidentInsert> {
                let mut tx = self.begin_write().await?;
                let sql = format!("SELECT {INCIDENT_COLUMNS} FROM sos_incidents WHERE id = $1");
                let existing = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(&i.id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if let Some(row) = existing {
                    let stored = incident_from_row(&row)?;
                    tx.rollback().await?;
                    return Ok(if stored.patient == i.patient && stored.fingerprint == i.fingerprint {
                        IncidentInsert::Replayed(stored)
                    } else {
                        IncidentInsert::Clash
                    });
                }
                sqlx::query(
                    "INSERT INTO sos_incidents (id, patient_user_id, device_id, fingerprint, kind, lat, \
                     lon, accuracy_m, fixed_at_ms, last_known, state, facility_id, ambulance_id, \
                     created_at_ms, updated_at_ms, recent_repeats) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
                )
                .bind(&i.id)
                .bind(i.patient.to_string())
                .bind(&i.device_id)
                .bind(&i.fingerprint)
                .bind(&i.kind)
                .bind(i.lat)
                .bind(i.lon)
                .bind(i.accuracy_m)
                .bind(i.fixed_at_ms)
                .bind(i64::from(i.last_known))
                .bind(&i.state)
                .bind(&i.facility_id)
                .bind(&i.ambulance_id)
                .bind(i.created_at_ms)
                .bind(i.updated_at_ms)
                .bind(i.recent_repeats)
                .execute(&mut *tx)
                .await?;
                insert_event(&mut tx, &i.id, first).await?;
                append_in(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(IncidentInsert::Created(i.clone()))
            }

            async fn incident(&self, id: &str) -> StoreResult<Option<IncidentRecord>> {
                let sql = format!("SELECT {INCIDENT_COLUMNS} FROM sos_incidents WHERE id = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(incident_from_row).transpose()
            }

            async fn update_incident(
                &self,
                id: &str,
                change: &IncidentChange,
                audit: AuditDraft,
            ) -> StoreResult<IncidentUpdate> {
                let mut tx = self.begin_write().await?;
                let updated = sqlx::query(
                    "UPDATE sos_incidents SET state = $3, updated_at_ms = $4, \
                     facility_id = COALESCE($5, facility_id), ambulance_id = COALESCE($6, ambulance_id) \
                     WHERE id = $1 AND state = $2",
                )
                .bind(id)
                .bind(&change.from)
                .bind(&change.event.state)
                .bind(change.event.at_ms)
                .bind(&change.facility_id)
                .bind(&change.ambulance_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                let sql = format!("SELECT {INCIDENT_COLUMNS} FROM sos_incidents WHERE id = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(row) = row else {
                    tx.rollback().await?;
                    return Ok(IncidentUpdate::Missing);
                };
                let now = incident_from_row(&row)?;
                if updated == 0 {
                    tx.rollback().await?;
                    return Ok(IncidentUpdate::Stale(now));
                }
                insert_event(&mut tx, id, &change.event).await?;
                if let Some(ambulance) = &change.ambulance_id {
                    sqlx::query("UPDATE ambulances SET status = 'busy' WHERE id = $1")
                        .bind(ambulance)
                        .execute(&mut *tx)
                        .await?;
                }
                let terminal = matches!(change.event.state.as_str(), "closed" | "cancelled");
                if terminal && let Some(ambulance) = &now.ambulance_id {
                    sqlx::query(
                        "UPDATE ambulances SET status = 'available' WHERE id = $1 AND status = 'busy'",
                    )
                    .bind(ambulance)
                    .execute(&mut *tx)
                    .await?;
                }
                append_in(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(IncidentUpdate::Applied(now))
            }

            async fn count_recent_incidents(
                &self,
                patient: UserId,
                device_id: &str,
                since_ms: i64,
            ) -> StoreResult<i64> {
                let row = sqlx::query(
                    "SELECT COUNT(*) FROM sos_incidents \
                     WHERE (patient_user_id = $1 OR device_id = $2) AND created_at_ms >= $3",
                )
                .bind(patient.to_string())
                .bind(device_id)
                .bind(since_ms)
                .fetch_one(&self.pool)
                .await?;
                Ok(row.try_get::<i64, _>(0)?)
            }

            async fn incident_events(&self, id: &str) -> StoreResult<Vec<IncidentEvent>> {
                let rows = sqlx::query(
                    "SELECT at_ms, state, actor_user_id, actor_role, detail FROM sos_events \
                     WHERE incident_id = $1 ORDER BY seq",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(event_from_row).collect()
            }

            async fn incidents_of_patient(
                &self,
                patient: UserId,
                limit: i64,
            ) -> StoreResult<Vec<IncidentRecord>> {
                incident_list(&self.pool, "patient_user_id = $1", &patient.to_string(), limit).await
            }

            async fn incidents_of_facility(
                &self,
                facility: &str,
                limit: i64,
            ) -> StoreResult<Vec<IncidentRecord>> {
                incident_list(
                    &self.pool,
                    "(facility_id = $1 OR id IN (SELECT incident_id FROM sos_alerts WHERE facility_id = $1))",
                    facility,
                    limit,
                )
                .await
            }

            async fn incidents_of_ambulance(
                &self,
                ambulance: &str,
                limit: i64,
            ) -> StoreResult<Vec<IncidentRecord>> {
                incident_list(&self.pool, "ambulance_id = $1", ambulance, limit).await
            }

            async fn incidents_in_states(&self, states: &[&str]) -> StoreResult<Vec<IncidentRecord>> {
                let mut qb = sqlx::QueryBuilder::<$db>::new(format!(
                    "SELECT {INCIDENT_COLUMNS} FROM sos_incidents WHERE state IN ("
                ));
                let mut list = qb.separated(", ");
                for s in states {
                    list.push_bind(*s);
                }
                qb.push(") ORDER BY created_at_ms, id");
                let rows = qb.build().fetch_all(&self.pool).await?;
                rows.iter().map(incident_from_row).collect()
            }

            async fn insert_alerts(&self, alerts: &[AlertRecord]) -> StoreResult<Vec<String>> {
                let mut tx = self.begin_write().await?;
                let mut stored = Vec::new();
                for a in alerts {
                    let done = sqlx::query(
                        "INSERT INTO sos_alerts (incident_id, facility_id, wave, distance_m, sent_at_ms, \
                         answer, answered_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                         ON CONFLICT (incident_id, facility_id) DO NOTHING",
                    )
                    .bind(&a.incident_id)
                    .bind(&a.facility_id)
                    .bind(a.wave)
                    .bind(a.distance_m)
                    .bind(a.sent_at_ms)
                    .bind(&a.answer)
                    .bind(a.answered_at_ms)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if done > 0 {
                        stored.push(a.facility_id.clone());
                    }
                }
                tx.commit().await?;
                Ok(stored)
            }

            async fn alerts(&self, incident_id: &str) -> StoreResult<Vec<AlertRecord>> {
                let rows = sqlx::query(
                    "SELECT incident_id, facility_id, wave, distance_m, sent_at_ms, answer, answered_at_ms \
                     FROM sos_alerts WHERE incident_id = $1 ORDER BY wave, distance_m, facility_id",
                )
                .bind(incident_id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(alert_from_row).collect()
            }

            async fn create_medical_id_link(
                &self,
                token_hash: &str,
                patient: UserId,
                now_ms: i64,
                audit: AuditDraft,
            ) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "UPDATE medical_id_links SET revoked_at_ms = $2 \
                     WHERE patient_user_id = $1 AND revoked_at_ms IS NULL",
                )
                .bind(patient.to_string())
                .bind(now_ms)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO medical_id_links (token_hash, patient_user_id, created_at_ms) \
                     VALUES ($1, $2, $3)",
                )
                .bind(token_hash)
                .bind(patient.to_string())
                .bind(now_ms)
                .execute(&mut *tx)
                .await?;
                append_in(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn medical_id_link(&self, token_hash: &str) -> StoreResult<Option<UserId>> {
                let row = sqlx::query(
                    "SELECT patient_user_id FROM medical_id_links \
                     WHERE token_hash = $1 AND revoked_at_ms IS NULL",
                )
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(|r| user_id(r, "patient_user_id")).transpose()
            }

            async fn revoke_medical_id_links(
                &self,
                patient: UserId,
                now_ms: i64,
                audit: AuditDraft,
            ) -> StoreResult<u64> {
                let mut tx = self.begin_write().await?;
                let n = sqlx::query(
                    "UPDATE medical_id_links SET revoked_at_ms = $2 \
                     WHERE patient_user_id = $1 AND revoked_at_ms IS NULL",
                )
                .bind(patient.to_string())
                .bind(now_ms)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                append_in(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(n)
            }

            async fn answer_alert(
                &self,
                incident_id: &str,
                facility_id: &str,
                answer: &str,
                at_ms: i64,
            ) -> StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE sos_alerts SET answer = $3, answered_at_ms = $4 \
                     WHERE incident_id = $1 AND facility_id = $2 AND answer = 'pending'",
                )
                .bind(incident_id)
                .bind(facility_id)
                .bind(answer)
                .bind(at_ms)
                .execute(self.writer())
                .await?
                .rows_affected();
                Ok(done > 0)
            }
        }
    };
}

pub(crate) use sos_store_impl;
