//! The pull side: a device's first sync, page after page from no cursor, and then pulls that
//! find nothing new, one after another over one keep-alive HTTP/1.1 connection, timed at the
//! client from just before the request leaves to the last byte of the answer.

use mysehat_bench::cpu::{self, Split};
use mysehat_bench::report::truncate;
use mysehat_bench::stats::micros;
use serde_json::Value;
use std::collections::HashSet;
use std::time::{Duration, Instant};

/// Changes per page of the first sync (the server's maximum).
pub const PAGE: usize = 1_000;
/// Pulls sent before the timed no-change pulls, so the connection and caches are warm.
pub const WARM_UP: usize = 20;

/// Where the pulls go and as whom.
#[derive(Debug, Clone)]
pub struct Puller {
    /// A client of its own with one connection, so every pull reuses it.
    pub client: reqwest::Client,
    pub base: String,
    pub token: String,
    pub timeout: Duration,
    pub server_pid: Option<u32>,
}

/// One pull's answer, as far as the bench reads it.
#[derive(Debug)]
pub struct Page {
    pub changes: Vec<Value>,
    pub cursor: Option<String>,
    pub more: bool,
    pub reset: bool,
    pub digest: Option<Value>,
}

impl Puller {
    /// `GET /sync/pull` with `cursor` and the extra query pairs.
    pub async fn pull(
        &self,
        cursor: Option<&str>,
        limit: usize,
        extra: &[(&str, String)],
    ) -> Result<Page, String> {
        let mut query: Vec<(&str, String)> = vec![("limit", limit.to_string())];
        if let Some(c) = cursor {
            query.push(("cursor", c.to_owned()));
        }
        query.extend(extra.iter().cloned());
        // Cursors (`1.<seq>.<hex>`), device UUIDs, numbers and `true` need no escaping.
        let query: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let response = self
            .client
            .get(format!("{}/sync/pull?{}", self.base, query.join("&")))
            .bearer_auth(&self.token)
            .timeout(self.timeout)
            .send()
            .await
            .map_err(|e| format!("request failed: {e}"))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| format!("{status}, body unreadable: {e}"))?;
        if status != reqwest::StatusCode::OK {
            return Err(format!("{status}: {}", truncate(&text, 300)));
        }
        let mut page: Value =
            serde_json::from_str(&text).map_err(|e| format!("200 but not JSON ({e})"))?;
        Ok(Page {
            changes: page["changes"]
                .as_array_mut()
                .map(std::mem::take)
                .unwrap_or_default(),
            cursor: page["cursor"].as_str().map(str::to_owned),
            more: page["more"].as_bool().unwrap_or(false),
            reset: page["reset"].as_bool().unwrap_or(false),
            digest: Some(page["digest"].take()).filter(|d| !d.is_null()),
        })
    }
}

/// What the first sync brought down.
#[derive(Debug, Default)]
pub struct FirstSync {
    pub pages: usize,
    pub changes: usize,
    /// `Type/id` of every record put.
    pub records: HashSet<String>,
    /// Changes that were not `put` (a first sync should have none).
    pub not_put: usize,
    pub wall: Duration,
    pub cpu: Split,
    pub cursor: Option<String>,
}

/// Pulls from no cursor until `more` is false.
pub async fn first_sync(puller: &Puller) -> anyhow::Result<FirstSync> {
    let cpu_before = cpu::sample(puller.server_pid);
    let started = Instant::now();
    let mut sync = FirstSync::default();
    loop {
        let page = puller
            .pull(sync.cursor.as_deref(), PAGE, &[])
            .await
            .map_err(|why| anyhow::anyhow!("first sync, page {}: {why}", sync.pages + 1))?;
        anyhow::ensure!(
            !page.reset,
            "first sync, page {}: the server asked for a reset",
            sync.pages + 1
        );
        sync.pages += 1;
        sync.changes += page.changes.len();
        for c in &page.changes {
            match (c["op"].as_str(), c["type"].as_str(), c["id"].as_str()) {
                (Some("put"), Some(ty), Some(id)) => {
                    sync.records.insert(format!("{ty}/{id}"));
                }
                _ => sync.not_put += 1,
            }
        }
        anyhow::ensure!(page.cursor.is_some(), "first sync: a page without a cursor");
        sync.cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    sync.wall = started.elapsed();
    sync.cpu = cpu::sample(puller.server_pid).since(cpu_before);
    Ok(sync)
}

/// Repeated pulls from the final cursor.
#[derive(Debug, Default)]
pub struct NoChange {
    /// Latency of each timed pull, microseconds.
    pub latencies: Vec<u32>,
    pub errors: usize,
    /// Pulls that brought changes, a reset or `more` (nothing changed, so none should).
    pub not_empty: usize,
    pub samples: Vec<String>,
    pub wall: Duration,
    pub cpu: Split,
}

/// `count` pulls with `cursor` and `extra` query pairs, one after another, after a warm-up.
pub async fn no_change(
    puller: &Puller,
    cursor: &str,
    count: usize,
    limit: usize,
    extra: &[(&str, String)],
) -> NoChange {
    for _ in 0..WARM_UP {
        let _ = puller.pull(Some(cursor), limit, extra).await;
    }
    let mut r = NoChange {
        latencies: Vec::with_capacity(count),
        ..Default::default()
    };
    let cpu_before = cpu::sample(puller.server_pid);
    let started = Instant::now();
    for _ in 0..count {
        let sent = Instant::now();
        let page = puller.pull(Some(cursor), limit, extra).await;
        r.latencies.push(micros(sent.elapsed()));
        match page {
            Ok(p)
                if p.changes.is_empty()
                    && !p.more
                    && !p.reset
                    && p.cursor.as_deref() == Some(cursor) => {}
            Ok(p) => {
                r.not_empty += 1;
                if r.samples.len() < 3 {
                    r.samples.push(format!(
                        "{} changes, more {}, reset {}, cursor {:?}",
                        p.changes.len(),
                        p.more,
                        p.reset,
                        p.cursor
                    ));
                }
            }
            Err(why) => {
                r.errors += 1;
                if r.samples.len() < 3 {
                    r.samples.push(why);
                }
            }
        }
    }
    r.wall = started.elapsed();
    r.cpu = cpu::sample(puller.server_pid).since(cpu_before);
    r
}
