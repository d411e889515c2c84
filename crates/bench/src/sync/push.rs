//! The push load: every device sends its pushes one after another, all devices at once, as
//! phones coming back online together. Every answer is checked: 200, one result per mutation
//! in order, each `applied` with a version. The replay pass sends the same bodies again and
//! checks that each answer is the stored one.

use crate::records::DeviceLoad;
use mysehat_bench::cpu::{self, Split};
use mysehat_bench::report::truncate;
use mysehat_bench::stats::micros;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Failures kept word for word per pass; the rest are only counted.
const SAMPLES: usize = 5;

/// What a pass is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// New records: every mutation must come back `applied`.
    First,
    /// The same pushes again: every answer must be the one the first pass got.
    Replay,
}

/// What one pass measured.
#[derive(Debug, Default)]
pub struct PassReport {
    pub pushes: usize,
    pub mutations: usize,
    /// Results per status (`applied`, `held`, …, or `missing` when an answer lacks one).
    pub statuses: BTreeMap<String, usize>,
    /// Pushes that did not answer 200 with a readable body.
    pub failed_pushes: usize,
    /// Replay only: answers that differ from the first pass's.
    pub changed_answers: usize,
    pub samples: Vec<String>,
    pub wall: Duration,
    /// Latency of each push, microseconds.
    pub latencies: Vec<u32>,
    pub cpu: Split,
    /// Each device's answers (`groups` of each push), to compare the replay with.
    pub answers: Vec<Vec<Value>>,
}

impl PassReport {
    pub fn applied(&self) -> usize {
        self.statuses.get("applied").copied().unwrap_or(0)
    }

    /// Every push answered 200, every mutation was applied, nothing changed on replay.
    pub fn clean(&self) -> bool {
        self.failed_pushes == 0 && self.applied() == self.mutations && self.changed_answers == 0
    }

    pub fn rate(&self) -> f64 {
        self.applied() as f64 / self.wall.as_secs_f64().max(1e-9)
    }
}

/// Where the pushes go and as whom.
#[derive(Debug, Clone)]
pub struct Target {
    pub client: reqwest::Client,
    pub base: String,
    pub token: String,
    pub timeout: Duration,
    pub server_pid: Option<u32>,
}

/// Runs one pass of every device's pushes; `first` holds the first pass's answers for a replay.
pub async fn run(
    target: &Target,
    loads: &Arc<Vec<DeviceLoad>>,
    pass: Pass,
    first: Option<&PassReport>,
) -> anyhow::Result<PassReport> {
    let cpu_before = cpu::sample(target.server_pid);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for d in 0..loads.len() {
        let (target, loads) = (target.clone(), Arc::clone(loads));
        let expected = first.map(|f| f.answers.get(d).cloned().unwrap_or_default());
        tasks.spawn(async move { (d, device(&target, &loads[d], pass, expected).await) });
    }
    let mut per_device = Vec::new();
    while let Some(done) = tasks.join_next().await {
        per_device.push(done?);
    }
    let wall = started.elapsed();
    let cpu = cpu::sample(target.server_pid).since(cpu_before);
    per_device.sort_by_key(|(d, _)| *d);
    let mut report = PassReport {
        wall,
        cpu,
        ..Default::default()
    };
    for (_, r) in per_device {
        report.pushes += r.pushes;
        report.mutations += r.mutations;
        for (status, n) in r.statuses {
            *report.statuses.entry(status).or_default() += n;
        }
        report.failed_pushes += r.failed_pushes;
        report.changed_answers += r.changed_answers;
        let room = SAMPLES.saturating_sub(report.samples.len());
        report.samples.extend(r.samples.into_iter().take(room));
        report.latencies.extend(r.latencies);
        report
            .answers
            .push(r.answers.into_iter().flatten().collect());
    }
    Ok(report)
}

/// One device's pushes, in order.
async fn device(
    target: &Target,
    load: &DeviceLoad,
    pass: Pass,
    expected: Option<Vec<Value>>,
) -> PassReport {
    let mut r = PassReport::default();
    let mut answers = Vec::with_capacity(load.pushes.len());
    for (n, push) in load.pushes.iter().enumerate() {
        r.pushes += 1;
        r.mutations += push.mutation_ids.len();
        let started = Instant::now();
        let reply = send(target, push.body.clone()).await;
        r.latencies.push(micros(started.elapsed()));
        let groups = match reply {
            Ok(groups) => groups,
            Err(why) => {
                r.failed_pushes += 1;
                note(
                    &mut r.samples,
                    format!("device {} push {n}: {why}", load.device),
                );
                *r.statuses.entry("missing".into()).or_default() += push.mutation_ids.len();
                answers.push(Value::Null);
                continue;
            }
        };
        let results: Vec<&Value> = groups
            .as_array()
            .map(|gs| {
                gs.iter()
                    .filter_map(|g| g["results"].as_array())
                    .flatten()
                    .collect()
            })
            .unwrap_or_default();
        for (i, id) in push.mutation_ids.iter().enumerate() {
            let status = match results.get(i) {
                Some(res) if res["id"].as_str() == Some(id) => {
                    let status = res["status"].as_str().unwrap_or("unreadable");
                    if status != "applied" || !res["version"].is_i64() {
                        let line = format!(
                            "device {} push {n}: {}",
                            load.device,
                            truncate(&res.to_string(), 300)
                        );
                        note(&mut r.samples, line);
                    }
                    status.to_owned()
                }
                _ => {
                    note(
                        &mut r.samples,
                        format!(
                            "device {} push {n}: no result for mutation {id}",
                            load.device
                        ),
                    );
                    "missing".to_owned()
                }
            };
            *r.statuses.entry(status).or_default() += 1;
        }
        if pass == Pass::Replay
            && let Some(before) = expected.as_ref().and_then(|e| e.get(n))
            && *before != groups
        {
            r.changed_answers += 1;
            note(
                &mut r.samples,
                format!(
                    "device {} push {n}: the replay answered differently from the first push",
                    load.device
                ),
            );
        }
        answers.push(groups);
    }
    r.answers = vec![answers];
    r
}

/// `POST /sync/push`; the answer's `groups`, or why there is none.
async fn send(target: &Target, body: bytes::Bytes) -> Result<Value, String> {
    let response = target
        .client
        .post(format!("{}/sync/push", target.base))
        .bearer_auth(&target.token)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body)
        .timeout(target.timeout)
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
    let mut answer: Value = serde_json::from_str(&text)
        .map_err(|e| format!("200 but not JSON ({e}): {}", truncate(&text, 200)))?;
    Ok(answer["groups"].take())
}

fn note(samples: &mut Vec<String>, line: String) {
    if samples.len() < SAMPLES {
        samples.push(line);
    }
}
