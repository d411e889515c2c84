//! The FHIR part of the store, shared by both backends like `backend.rs`: versioned writes
//! with their index rows in one transaction, reads, history, search and result pages.

macro_rules! fhir_store_impl {
    ($store:ty, $db:ty, $dialect:expr) => {
        use mysehat_domain::audit::AuditDraft;
        use sqlx::Row;
        use $crate::fhir::{
            FhirChange, FhirCurrent, FhirRefusal, FhirVersion, FhirWrite, FhirWritten, HistoryQuery,
            HistoryScope, IndexRow, SearchQuery, Stamp,
        };
        use $crate::fhir_sql::{self, Arg};
        use $crate::{StoreError, StoreResult};
        use super::feed::FeedChange;
        use super::feed::flush_feed;

        type Tx = sqlx::Transaction<'static, $db>;
        type DbRow = <$db as sqlx::Database>::Row;

        const CURRENT_COLUMNS: &str =
            "rid, resource_type, id, version_id, last_updated_ms, deleted, patient, body";

        fn current_from_row(row: &DbRow) -> StoreResult<FhirCurrent> {
            let deleted: i64 = row.try_get("deleted")?;
            Ok(FhirCurrent {
                rid: row.try_get("rid")?,
                resource_type: row.try_get("resource_type")?,
                id: row.try_get("id")?,
                version_id: row.try_get("version_id")?,
                last_updated_ms: row.try_get("last_updated_ms")?,
                deleted: deleted != 0,
                patient: row.try_get("patient")?,
                body: row.try_get("body")?,
            })
        }

        fn version_from_row(row: &DbRow) -> StoreResult<FhirVersion> {
            Ok(FhirVersion {
                hid: row.try_get("hid")?,
                resource_type: row.try_get("resource_type")?,
                id: row.try_get("id")?,
                version_id: row.try_get("version_id")?,
                last_updated_ms: row.try_get("last_updated_ms")?,
                method: row.try_get("method")?,
                body: row.try_get("body")?,
                patient: row.try_get("patient")?,
            })
        }

        fn bind_all<'q>(
            mut q: sqlx::query::Query<'q, $db, <$db as sqlx::Database>::Arguments>,
            args: Vec<Arg>,
        ) -> sqlx::query::Query<'q, $db, <$db as sqlx::Database>::Arguments> {
            for arg in args {
                q = match arg {
                    Arg::Text(s) => q.bind(s),
                    Arg::Int(i) => q.bind(i),
                    Arg::Real(f) => q.bind(f),
                };
            }
            q
        }

        /// Sets `meta.versionId` and `meta.lastUpdated`, keeping the rest exactly as received.
        fn stamp(mut resource: serde_json::Value, version: i64, at: &Stamp) -> StoreResult<String> {
            let obj = resource
                .as_object_mut()
                .ok_or_else(|| StoreError::Corrupt("a FHIR resource must be a JSON object".into()))?;
            let meta = obj
                .entry("meta")
                .or_insert_with(|| serde_json::Value::Object(Default::default()));
            if !meta.is_object() {
                *meta = serde_json::Value::Object(Default::default());
            }
            if let Some(m) = meta.as_object_mut() {
                m.insert("versionId".into(), serde_json::Value::String(version.to_string()));
                m.insert("lastUpdated".into(), serde_json::Value::String(at.text.clone()));
            }
            serde_json::to_string(&resource).map_err(|e| StoreError::Corrupt(e.to_string()))
        }

        async fn clear_index(tx: &mut Tx, rid: i64) -> StoreResult<()> {
            for table in [
                "fhir_idx_token",
                "fhir_idx_string",
                "fhir_idx_date",
                "fhir_idx_reference",
                "fhir_idx_quantity",
                "fhir_idx_number",
                "fhir_idx_uri",
            ] {
                let sql = format!("DELETE FROM {table} WHERE rid = $1");
                sqlx::query(sqlx::AssertSqlSafe(sql)).bind(rid).execute(&mut **tx).await?;
            }
            Ok(())
        }

        /// Inserts index rows table by table, many rows per statement.
        async fn insert_index(tx: &mut Tx, rid: i64, rows: &[IndexRow]) -> StoreResult<()> {
            // 8 columns at most; stays well under SQLite's limit of bound parameters.
            const CHUNK: usize = 400;
            let (mut tokens, mut strings, mut dates, mut refs, mut quantities, mut numbers, mut uris) =
                (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
            for row in rows {
                match row {
                    IndexRow::Token { .. } => tokens.push(row),
                    IndexRow::String { .. } => strings.push(row),
                    IndexRow::Date { .. } => dates.push(row),
                    IndexRow::Reference { .. } => refs.push(row),
                    IndexRow::Quantity { .. } => quantities.push(row),
                    IndexRow::Number { .. } => numbers.push(row),
                    IndexRow::Uri { .. } => uris.push(row),
                }
            }
            let tables: [(&str, &str, Vec<&IndexRow>); 7] = [
                ("fhir_idx_token", "param, system, code, text", tokens),
                ("fhir_idx_string", "param, normalized, exact", strings),
                ("fhir_idx_date", "param, low_ms, high_ms", dates),
                ("fhir_idx_reference", "param, target_type, target_id, url", refs),
                ("fhir_idx_quantity", "param, value, low, high, system, code, unit", quantities),
                ("fhir_idx_number", "param, value, low, high", numbers),
                ("fhir_idx_uri", "param, uri", uris),
            ];
            for (table, columns, rows) in tables {
                for chunk in rows.chunks(CHUNK) {
                    let mut qb = sqlx::QueryBuilder::<$db>::new(format!("INSERT INTO {table} (rid, {columns}) "));
                    qb.push_values(chunk.iter(), |mut b, row| {
                        b.push_bind(rid);
                        match row {
                            IndexRow::Token { param, system, code, text } => {
                                b.push_bind(param.clone()).push_bind(system.clone()).push_bind(code.clone()).push_bind(text.clone());
                            }
                            IndexRow::String { param, normalized, exact } => {
                                b.push_bind(param.clone()).push_bind(normalized.clone()).push_bind(exact.clone());
                            }
                            IndexRow::Date { param, low_ms, high_ms } => {
                                b.push_bind(param.clone()).push_bind(*low_ms).push_bind(*high_ms);
                            }
                            IndexRow::Reference { param, target_type, target_id, url } => {
                                b.push_bind(param.clone()).push_bind(target_type.clone()).push_bind(target_id.clone()).push_bind(url.clone());
                            }
                            IndexRow::Quantity { param, value, low, high, system, code, unit } => {
                                b.push_bind(param.clone()).push_bind(*value).push_bind(*low).push_bind(*high)
                                    .push_bind(system.clone()).push_bind(code.clone()).push_bind(unit.clone());
                            }
                            IndexRow::Number { param, value, low, high } => {
                                b.push_bind(param.clone()).push_bind(*value).push_bind(*low).push_bind(*high);
                            }
                            IndexRow::Uri { param, uri } => {
                                b.push_bind(param.clone()).push_bind(uri.clone());
                            }
                        }
                    });
                    qb.build().execute(&mut **tx).await?;
                }
            }
            Ok(())
        }

        pub(super) async fn write_one(
            tx: &mut Tx,
            w: &FhirWrite,
            at: &Stamp,
            feed: &mut Vec<FeedChange>,
        ) -> StoreResult<Result<FhirWritten, Option<i64>>> {
            let current = sqlx::query(<$store>::LOCK_RESOURCE)
                .bind(&w.resource_type)
                .bind(&w.id)
                .fetch_optional(&mut **tx)
                .await?;
            let (rid, version, deleted) = match &current {
                Some(row) => {
                    let deleted: i64 = row.try_get("deleted")?;
                    (Some(row.try_get::<i64, _>("rid")?), row.try_get::<i64, _>("version_id")?, deleted != 0)
                }
                None => (None, 0, false),
            };
            let previous_patient: Option<String> = match &current {
                Some(row) => row.try_get("patient")?,
                None => None,
            };
            let live_version = (rid.is_some() && !deleted).then_some(version);
            // `Some(0)`: the write must find no live resource (a create that must not overwrite).
            if let Some(expected) = w.if_match
                && live_version.unwrap_or(0) != expected
            {
                return Ok(Err(live_version));
            }
            let next = version + 1;
            match &w.change {
                FhirChange::Delete => {
                    let Some(rid) = rid.filter(|_| !deleted) else {
                        return Ok(Ok(FhirWritten {
                            resource_type: w.resource_type.clone(),
                            id: w.id.clone(),
                            version_id: version,
                            last_updated_ms: at.ms,
                            body: None,
                            created: false,
                        }));
                    };
                    sqlx::query("UPDATE fhir_resources SET deleted = 1, version_id = $1, last_updated_ms = $2 WHERE rid = $3")
                        .bind(next)
                        .bind(at.ms)
                        .bind(rid)
                        .execute(&mut **tx)
                        .await?;
                    clear_index(tx, rid).await?;
                    insert_history(tx, rid, w, at, NewVersion { version: next, method: "DELETE", body: None, patient: previous_patient.as_deref() }).await?;
                    feed.push(FeedChange {
                        resource_type: w.resource_type.clone(),
                        id: w.id.clone(),
                        version: next,
                        scopes: None,
                        created: false,
                    });
                    Ok(Ok(FhirWritten {
                        resource_type: w.resource_type.clone(),
                        id: w.id.clone(),
                        version_id: next,
                        last_updated_ms: at.ms,
                        body: None,
                        created: false,
                    }))
                }
                FhirChange::Put { resource, index, patient } => {
                    let body = stamp(resource.clone(), next, at)?;
                    let created = rid.is_none() || deleted;
                    feed.push(FeedChange {
                        resource_type: w.resource_type.clone(),
                        id: w.id.clone(),
                        version: next,
                        scopes: Some(
                            mysehat_sync::scopes_of(resource, patient.as_deref()).iter().map(ToString::to_string).collect(),
                        ),
                        created: rid.is_none(),
                    });
                    let rid = match rid {
                        Some(rid) => {
                            sqlx::query(
                                "UPDATE fhir_resources SET version_id = $1, last_updated_ms = $2, deleted = 0, \
                                 patient = $3, body = $4 WHERE rid = $5",
                            )
                            .bind(next)
                            .bind(at.ms)
                            .bind(patient)
                            .bind(&body)
                            .bind(rid)
                            .execute(&mut **tx)
                            .await?;
                            clear_index(tx, rid).await?;
                            rid
                        }
                        None => {
                            let inserted = sqlx::query_scalar::<_, i64>(
                                "INSERT INTO fhir_resources (resource_type, id, version_id, last_updated_ms, deleted, patient, body) \
                                 VALUES ($1, $2, $3, $4, 0, $5, $6) RETURNING rid",
                            )
                            .bind(&w.resource_type)
                            .bind(&w.id)
                            .bind(next)
                            .bind(at.ms)
                            .bind(patient)
                            .bind(&body)
                            .fetch_one(&mut **tx)
                            .await;
                            match inserted {
                                Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                                    return Err(StoreError::Conflict("resource"));
                                }
                                other => other?,
                            }
                        }
                    };
                    insert_index(tx, rid, index).await?;
                    let method = if created { "POST" } else { "PUT" };
                    insert_history(tx, rid, w, at, NewVersion { version: next, method, body: Some(&body), patient: patient.as_deref() }).await?;
                    Ok(Ok(FhirWritten {
                        resource_type: w.resource_type.clone(),
                        id: w.id.clone(),
                        version_id: next,
                        last_updated_ms: at.ms,
                        body: Some(body),
                        created,
                    }))
                }
            }
        }

        /// One version as it goes into the history table.
        struct NewVersion<'a> {
            version: i64,
            method: &'a str,
            body: Option<&'a str>,
            patient: Option<&'a str>,
        }

        async fn insert_history(
            tx: &mut Tx,
            rid: i64,
            w: &FhirWrite,
            at: &Stamp,
            v: NewVersion<'_>,
        ) -> StoreResult<()> {
            sqlx::query(
                "INSERT INTO fhir_history (rid, resource_type, id, version_id, last_updated_ms, method, body, patient) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(rid)
            .bind(&w.resource_type)
            .bind(&w.id)
            .bind(v.version)
            .bind(at.ms)
            .bind(v.method)
            .bind(v.body)
            .bind(v.patient)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }

        #[async_trait::async_trait]
        impl $crate::FhirStore for $store {
            async fn fhir_write(
                &self,
                writes: &[FhirWrite],
                at: &Stamp,
                audit: Vec<AuditDraft>,
            ) -> StoreResult<Result<Vec<FhirWritten>, FhirRefusal>> {
                let mut tx = self.begin_write().await?;
                let mut done = Vec::with_capacity(writes.len());
                let mut feed = Vec::with_capacity(writes.len());
                for (index, w) in writes.iter().enumerate() {
                    match write_one(&mut tx, w, at, &mut feed).await? {
                        Ok(written) => done.push(written),
                        Err(current) => {
                            tx.rollback().await?;
                            return Ok(Err(FhirRefusal::VersionConflict { index, current }));
                        }
                    }
                }
                for entry in audit {
                    append_in(&mut tx, entry).await?;
                }
                flush_feed(&mut tx, feed, at.ms).await?;
                tx.commit().await?;
                Ok(Ok(done))
            }

            async fn fhir_read(&self, resource_type: &str, id: &str) -> StoreResult<Option<FhirCurrent>> {
                let sql = format!(
                    "SELECT {CURRENT_COLUMNS} FROM fhir_resources WHERE resource_type = $1 AND id = $2"
                );
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(resource_type)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(current_from_row).transpose()
            }

            async fn fhir_vread(&self, resource_type: &str, id: &str, version: i64) -> StoreResult<Option<FhirVersion>> {
                let row = sqlx::query(
                    "SELECT h.hid, h.resource_type, h.id, h.version_id, h.last_updated_ms, h.method, h.body, h.patient \
                     FROM fhir_history h \
                     WHERE h.resource_type = $1 AND h.id = $2 AND h.version_id = $3",
                )
                .bind(resource_type)
                .bind(id)
                .bind(version)
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(version_from_row).transpose()
            }

            async fn fhir_history(&self, q: &HistoryQuery) -> StoreResult<Vec<FhirVersion>> {
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "SELECT h.hid, h.resource_type, h.id, h.version_id, h.last_updated_ms, h.method, h.body, h.patient \
                     FROM fhir_history h WHERE 1 = 1",
                );
                match &q.scope {
                    HistoryScope::System => {}
                    HistoryScope::Type(t) => {
                        qb.push(" AND h.resource_type = ").push_bind(t.clone());
                    }
                    HistoryScope::Instance(t, id) => {
                        qb.push(" AND h.resource_type = ").push_bind(t.clone());
                        qb.push(" AND h.id = ").push_bind(id.clone());
                    }
                }
                if let Some(since) = q.since_ms {
                    qb.push(" AND h.last_updated_ms >= ").push_bind(since);
                }
                if let Some(before) = q.before_hid {
                    qb.push(" AND h.hid < ").push_bind(before);
                }
                if let Some(p) = &q.patient {
                    qb.push(" AND h.patient = ").push_bind(p.clone());
                }
                qb.push(" ORDER BY h.hid DESC LIMIT ").push_bind(q.limit);
                let rows = qb.build().fetch_all(&self.pool).await?;
                rows.iter().map(version_from_row).collect()
            }

            async fn fhir_search(&self, query: &SearchQuery) -> StoreResult<Vec<i64>> {
                let sql = fhir_sql::search(query, $dialect);
                let q = bind_all(sqlx::query(sqlx::AssertSqlSafe(sql.text)), sql.args);
                let rows = q.fetch_all(&self.pool).await?;
                rows.iter().map(|r| r.try_get::<i64, _>(0).map_err(StoreError::from)).collect()
            }

            async fn fhir_count(&self, query: &SearchQuery) -> StoreResult<i64> {
                let sql = fhir_sql::count(query, $dialect);
                let q = bind_all(sqlx::query(sqlx::AssertSqlSafe(sql.text)), sql.args);
                let row = q.fetch_one(&self.pool).await?;
                Ok(row.try_get::<i64, _>(0)?)
            }

            async fn fhir_load(&self, rids: &[i64]) -> StoreResult<Vec<FhirCurrent>> {
                let mut out = Vec::with_capacity(rids.len());
                for chunk in rids.chunks(500) {
                    let mut qb = sqlx::QueryBuilder::<$db>::new(format!(
                        "SELECT {CURRENT_COLUMNS} FROM fhir_resources WHERE rid IN ("
                    ));
                    let mut sep = qb.separated(", ");
                    for rid in chunk {
                        sep.push_bind(*rid);
                    }
                    qb.push(")");
                    let rows = qb.build().fetch_all(&self.pool).await?;
                    let mut loaded = rows.iter().map(current_from_row).collect::<StoreResult<Vec<_>>>()?;
                    // Keep the caller's order (the search order).
                    loaded.sort_by_key(|c| chunk.iter().position(|r| *r == c.rid));
                    out.extend(loaded);
                }
                Ok(out)
            }

            async fn fhir_load_keys(&self, keys: &[(String, String)]) -> StoreResult<Vec<FhirCurrent>> {
                let mut out = Vec::new();
                for chunk in keys.chunks(200) {
                    let mut qb = sqlx::QueryBuilder::<$db>::new(format!(
                        "SELECT {CURRENT_COLUMNS} FROM fhir_resources WHERE deleted = 0 AND ("
                    ));
                    for (i, (t, id)) in chunk.iter().enumerate() {
                        if i > 0 {
                            qb.push(" OR ");
                        }
                        qb.push("(resource_type = ").push_bind(t.clone());
                        qb.push(" AND id = ").push_bind(id.clone()).push(")");
                    }
                    qb.push(")");
                    let rows = qb.build().fetch_all(&self.pool).await?;
                    for row in &rows {
                        out.push(current_from_row(row)?);
                    }
                }
                Ok(out)
            }

            async fn fhir_references_from(
                &self,
                rids: &[i64],
                param: Option<&str>,
            ) -> StoreResult<Vec<(String, String)>> {
                let mut out = Vec::new();
                for chunk in rids.chunks(500) {
                    let mut qb = sqlx::QueryBuilder::<$db>::new(
                        "SELECT DISTINCT target_type, target_id FROM fhir_idx_reference \
                         WHERE target_type IS NOT NULL AND target_id IS NOT NULL AND rid IN (",
                    );
                    let mut sep = qb.separated(", ");
                    for rid in chunk {
                        sep.push_bind(*rid);
                    }
                    qb.push(")");
                    if let Some(p) = param {
                        qb.push(" AND param = ").push_bind(p.to_owned());
                    }
                    for row in qb.build().fetch_all(&self.pool).await? {
                        out.push((row.try_get(0)?, row.try_get(1)?));
                    }
                }
                Ok(out)
            }

            async fn fhir_references_to(
                &self,
                source_type: Option<&str>,
                param: Option<&str>,
                targets: &[(String, String)],
            ) -> StoreResult<Vec<i64>> {
                let mut out = Vec::new();
                for chunk in targets.chunks(200) {
                    let mut qb = sqlx::QueryBuilder::<$db>::new(
                        "SELECT DISTINCT x.rid FROM fhir_idx_reference x JOIN fhir_resources r ON r.rid = x.rid \
                         WHERE r.deleted = 0",
                    );
                    if let Some(t) = source_type {
                        qb.push(" AND r.resource_type = ").push_bind(t.to_owned());
                    }
                    if let Some(p) = param {
                        qb.push(" AND x.param = ").push_bind(p.to_owned());
                    }
                    qb.push(" AND (");
                    for (i, (t, id)) in chunk.iter().enumerate() {
                        if i > 0 {
                            qb.push(" OR ");
                        }
                        qb.push("(x.target_type = ").push_bind(t.clone());
                        qb.push(" AND x.target_id = ").push_bind(id.clone()).push(")");
                    }
                    qb.push(") ORDER BY x.rid");
                    for row in qb.build().fetch_all(&self.pool).await? {
                        out.push(row.try_get(0)?);
                    }
                }
                Ok(out)
            }

            async fn fhir_save_pages(&self, snapshot: &str, owner: &str, rids: &[i64], now_ms: i64) -> StoreResult<()> {
                let list = rids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
                let mut tx = self.begin_write().await?;
                // Result sets live for a day; clearing old ones here keeps the table small.
                sqlx::query("DELETE FROM fhir_search_pages WHERE created_at_ms < $1")
                    .bind(now_ms - 24 * 3600 * 1000)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO fhir_search_pages (snapshot_id, resource_type, rids, created_at_ms, owner) \
                     VALUES ($1, '', $2, $3, $4)",
                )
                .bind(snapshot)
                .bind(list)
                .bind(now_ms)
                .bind(owner)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn fhir_pages(&self, snapshot: &str, owner: &str) -> StoreResult<Option<Vec<i64>>> {
                let row = sqlx::query("SELECT rids FROM fhir_search_pages WHERE snapshot_id = $1 AND owner = $2")
                    .bind(snapshot)
                    .bind(owner)
                    .fetch_optional(&self.pool)
                    .await?;
                let Some(row) = row else { return Ok(None) };
                let list: String = row.try_get("rids")?;
                let rids = list
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(|s| s.parse::<i64>().map_err(|_| StoreError::Corrupt(format!("page list `{s}`"))))
                    .collect::<StoreResult<Vec<_>>>()?;
                Ok(Some(rids))
            }
        }
    };
}

pub(crate) use fhir_store_impl;
