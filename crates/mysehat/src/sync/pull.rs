//! `GET /sync/pull`: the changes of the caller's scopes after a cursor, in commit order.

use super::{scope_names, scopes_of};
use crate::error::{ApiError, ApiResult, ErrorBody, ErrorCode};
use crate::http::RequestContext;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use mysehat_sync::{Cursor, Digest, Scope, scopes_of as record_scopes};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use utoipa::{IntoParams, ToSchema};

const DEFAULT_LIMIT: i64 = 200;
const MAX_LIMIT: i64 = 1_000;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PullQuery {
    /// The cursor of the last page applied; none for the first pull.
    pub cursor: Option<String>,
    /// Changes per page (1–1,000; default 200).
    pub limit: Option<i64>,
    /// The device pulling, for the supervisor's "last sync".
    pub device: Option<String>,
    /// Also answer the digest of every live record in scope (costs a scan of the scope).
    pub digest: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Change {
    pub seq: i64,
    /// `put`, `delete` (a tombstone) or `leave` (no longer in your scope): remove the last two.
    pub op: String,
    #[serde(rename = "type")]
    pub resource_type: String,
    pub id: String,
    pub version: i64,
    /// The current version, for `put`.
    #[schema(value_type = Option<Object>)]
    pub resource: Option<serde_json::Value>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScopeDigest {
    pub count: u64,
    /// XOR of the first 8 bytes of SHA-256 of `Type/id/version`, 16 hex digits.
    pub hash: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PullPage {
    pub changes: Vec<Change>,
    /// Where the next pull continues; store it with the page, in one local transaction.
    pub cursor: Option<String>,
    pub more: bool,
    /// Drop every synced copy (keep unsynced changes) and pull again without a cursor.
    pub reset: bool,
    /// Why: `scope_changed` or `expired`.
    pub reason: Option<String>,
    pub digest: Option<ScopeDigest>,
}

#[utoipa::path(
    get, path = "/sync/pull", tag = "sync", operation_id = "sync_pull",
    params(PullQuery),
    responses(
        (status = 200, description = "A page of changes in commit order, or a reset", body = PullPage),
        (status = 400, description = "Not a cursor this server made, or a bad limit", body = ErrorBody),
        (status = 403, description = "The role does not sync", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn pull(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(q): Query<PullQuery>,
) -> ApiResult<Json<PullPage>> {
    let caller = ctx.caller()?;
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::field(
            ErrorCode::InvalidRequest,
            "limit",
            format!("limit must be between 1 and {MAX_LIMIT}"),
        ));
    }
    let scopes = scopes_of(&state, caller).await?;
    let given = match q.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(text) => Some(Cursor::decode(text).ok_or_else(|| {
            ApiError::field(
                ErrorCode::InvalidRequest,
                "cursor",
                "this is not a cursor from this server: pull without one",
            )
        })?),
    };
    if let Some(device) = q.device.as_deref().filter(|d| super::push::valid_device(d))
        && seen_long_ago(device)
    {
        state
            .store
            .sync_seen(device, caller.user_id, false, crate::time::now_ms())
            .await?;
    }
    let reset = |reason: &str| PullPage {
        changes: vec![],
        cursor: None,
        more: false,
        reset: true,
        reason: Some(reason.into()),
        digest: None,
    };
    let (_, horizon) = state.store.sync_clock().await?;
    let cursor = match given {
        None => Cursor::new(0, horizon, &scopes),
        Some(c) if !c.made_for(&scopes) => return Ok(Json(reset("scope_changed"))),
        Some(c) if c.expired(horizon) => return Ok(Json(reset("expired"))),
        Some(c) => c,
    };
    let names = scope_names(&scopes);
    let rows = state.store.sync_changes(&names, cursor.seq, limit).await?;
    let more = rows.len() as i64 == limit;
    let next = rows.last().map_or(cursor.seq, |r| r.seq);
    let changes = changes(&state, &scopes, rows).await?;
    let digest = if q.digest == Some(true) {
        let mut d = Digest::default();
        let mut seen = HashSet::new();
        for (ty, id, version) in state.store.sync_live(&names, None).await? {
            if seen.insert((ty.clone(), id.clone())) {
                d.add(&ty, &id, version);
            }
        }
        Some(ScopeDigest {
            count: d.count,
            hash: d.hex(),
        })
    } else {
        None
    };
    Ok(Json(PullPage {
        changes,
        cursor: Some(cursor.advanced(next).encode()),
        more,
        reset: false,
        reason: None,
        digest,
    }))
}

/// Whether to record a pull of `device` now: at most once a minute per device and instance, so
/// an idle pull stays a read (the supervisor's "last sync" needs minutes, not milliseconds).
fn seen_long_ago(device: &str) -> bool {
    use std::sync::{Mutex, OnceLock};
    const EVERY_MS: i64 = 60_000;
    const REMEMBERED: usize = 100_000;
    static LAST: OnceLock<Mutex<HashMap<String, i64>>> = OnceLock::new();
    let now = crate::time::now_ms();
    let mut last = LAST
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if last.len() > REMEMBERED {
        last.clear();
    }
    match last.get(device) {
        Some(at) if now - at < EVERY_MS => false,
        _ => {
            last.insert(device.to_owned(), now);
            true
        }
    }
}

/// Turns feed rows into changes: one per record (a record can be in two of the caller's
/// scopes), with the current body for puts, and no `leave` for a record still in another of
/// the caller's scopes (a household moved between two of her villages stays on her phone).
async fn changes(
    state: &AppState,
    scopes: &[Scope],
    rows: Vec<mysehat_storage::sync::FeedRow>,
) -> ApiResult<Vec<Change>> {
    let keys: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r.resource_type.clone(), r.id.clone()))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let current: HashMap<(String, String), mysehat_storage::fhir::FhirCurrent> = state
        .store
        .fhir_load_keys(&keys)
        .await?
        .into_iter()
        .map(|c| ((c.resource_type.clone(), c.id.clone()), c))
        .collect();
    let mut out: Vec<Change> = Vec::with_capacity(rows.len());
    let mut at: HashMap<(String, String), usize> = HashMap::new();
    for row in rows {
        let key = (row.resource_type.clone(), row.id.clone());
        let live = current.get(&key).filter(|c| !c.deleted);
        let body: Option<serde_json::Value> = live
            .map(|c| serde_json::from_str(&c.body))
            .transpose()
            .map_err(ApiError::internal)?;
        let still_mine = match (&body, live) {
            (Some(b), Some(c)) => record_scopes(b, c.patient.as_deref())
                .iter()
                .any(|s| scopes.contains(s)),
            _ => false,
        };
        let change = match row.op.as_str() {
            "put" => match (body, live) {
                (Some(resource), Some(c)) if still_mine => Change {
                    seq: row.seq,
                    op: "put".into(),
                    resource_type: row.resource_type,
                    id: row.id,
                    version: c.version_id,
                    resource: Some(resource),
                },
                // Changed again since this row: a later row says what happened.
                _ => continue,
            },
            _ if still_mine => continue,
            op => Change {
                seq: row.seq,
                op: op.into(),
                resource_type: row.resource_type,
                id: row.id,
                version: row.version_id,
                resource: None,
            },
        };
        // One change per record per page: the latest row wins.
        match at.get(&key) {
            Some(&i) => out[i] = change,
            None => {
                at.insert(key, out.len());
                out.push(change);
            }
        }
    }
    Ok(out)
}
