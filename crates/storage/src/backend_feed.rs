//! The sync feed kept by every writing transaction (docs/SYNC.md), shared by both backends (see
//! `backend.rs` for why a macro): the latest change of each record per scope, numbered in
//! commit order.

macro_rules! feed_impl {
    ($db:ty) => {
        use sqlx::Row;
        use $crate::{StoreError, StoreResult};

        type Tx = sqlx::Transaction<'static, $db>;

        /// A record's change as the sync feed sees it: its scopes now (`None` once deleted).
        pub(super) struct FeedChange {
            pub(super) resource_type: String,
            pub(super) id: String,
            pub(super) version: i64,
            pub(super) scopes: Option<Vec<String>>,
            /// New to the store: it has no feed rows yet.
            pub(super) created: bool,
        }

        /// Writes the feed rows of a transaction's changes, as its last step before commit. The
        /// sequence numbers come from `sync_clock`, whose row stays locked until commit, so
        /// transactions take their numbers in the order they commit (docs/SYNC.md).
        pub(super) async fn flush_feed(tx: &mut Tx, changes: Vec<FeedChange>, at_ms: i64) -> StoreResult<()> {
            use std::collections::HashMap;
            type Key = (String, String, String);
            // The feed keeps the latest change per (scope, record); a record written twice in
            // one transaction keeps its last.
            let mut rows: Vec<Option<(Key, i64, &'static str)>> = vec![];
            let mut at_row: HashMap<Key, usize> = HashMap::new();
            let mut known: HashMap<(String, String), Vec<(String, String)>> = HashMap::new();
            for c in changes {
                let record = (c.resource_type.clone(), c.id.clone());
                let existing = match known.get(&record) {
                    Some(rows) => rows.clone(),
                    None if c.created => vec![],
                    None => {
                        let found = sqlx::query("SELECT scope, op FROM sync_feed WHERE resource_type = $1 AND id = $2")
                            .bind(&c.resource_type)
                            .bind(&c.id)
                            .fetch_all(&mut **tx)
                            .await?;
                        found
                            .iter()
                            .map(|r| Ok((r.try_get::<String, _>("scope")?, r.try_get::<String, _>("op")?)))
                            .collect::<StoreResult<Vec<_>>>()?
                    }
                };
                let mut now: Vec<(String, &'static str)> = vec![];
                let was_in = existing.iter().filter(|(_, op)| op == "put").map(|(s, _)| s.clone());
                match &c.scopes {
                    Some(scopes) => {
                        now.extend(scopes.iter().map(|s| (s.clone(), "put")));
                        now.extend(was_in.filter(|s| !scopes.contains(s)).map(|s| (s, "leave")));
                    }
                    None => now.extend(was_in.map(|s| (s, "delete"))),
                }
                let mut after: Vec<(String, String)> =
                    existing.into_iter().filter(|(s, _)| !now.iter().any(|(n, _)| n == s)).collect();
                for (scope, op) in now {
                    after.push((scope.clone(), op.to_owned()));
                    let key = (scope, c.resource_type.clone(), c.id.clone());
                    if let Some(i) = at_row.remove(&key) {
                        rows[i] = None;
                    }
                    at_row.insert(key.clone(), rows.len());
                    rows.push(Some((key, c.version, op)));
                }
                known.insert(record, after);
            }
            let rows: Vec<(Key, i64, &'static str)> = rows.into_iter().flatten().collect();
            if rows.is_empty() {
                return Ok(());
            }
            let count = i64::try_from(rows.len()).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let top: i64 = sqlx::query_scalar("UPDATE sync_clock SET seq = seq + $1 WHERE id = 1 RETURNING seq")
                .bind(count)
                .fetch_one(&mut **tx)
                .await?;
            let first = top - count + 1;
            const CHUNK: usize = 400;
            for (n, chunk) in rows.chunks(CHUNK).enumerate() {
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "INSERT INTO sync_feed (scope, resource_type, id, seq, version_id, op, changed_at_ms) ",
                );
                let base = first + (n * CHUNK) as i64;
                qb.push_values(chunk.iter().enumerate(), |mut b, (i, ((scope, ty, id), version, op))| {
                    b.push_bind(scope.clone())
                        .push_bind(ty.clone())
                        .push_bind(id.clone())
                        .push_bind(base + i as i64)
                        .push_bind(*version)
                        .push_bind(*op)
                        .push_bind(at_ms);
                });
                qb.push(
                    " ON CONFLICT (scope, resource_type, id) DO UPDATE SET seq = excluded.seq, \
                     version_id = excluded.version_id, op = excluded.op, changed_at_ms = excluded.changed_at_ms",
                );
                qb.build().execute(&mut **tx).await?;
            }
            Ok(())
        }

    };
}

pub(crate) use feed_impl;
