//! The read/search mix: C concurrent clients hammer one request shape for a fixed time, each
//! picking its own random targets from what was loaded. Every status is checked; every
//! `CHECK_EVERY`th reply is also parsed and checked for the right content, so a fast wrong
//! answer does not pass for a fast answer.

use crate::api::{Api, FHIR_JSON};
use crate::load::Pools;
use mysehat_bench::cpu;
use mysehat_bench::stats::{self, Summary, XorShift};
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};

const CHECK_EVERY: usize = 20;
const SAMPLES: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Read,
    Token,
    Family,
    Subject,
    SubjectDate,
}

impl Shape {
    pub const ALL: [Shape; 5] = [
        Shape::Read,
        Shape::Token,
        Shape::Family,
        Shape::Subject,
        Shape::SubjectDate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Shape::Read => "read Observation/{id}",
            Shape::Token => "Observation?code=loinc|X",
            Shape::Family => "Patient?family=prefix",
            Shape::Subject => "Observation?subject",
            Shape::SubjectDate => "Observation?subject&date&_sort",
        }
    }

    fn pool(self, pools: &Pools) -> &[String] {
        match self {
            Shape::Read => &pools.observation_ids,
            Shape::Token => &pools.loinc_codes,
            Shape::Family => &pools.family_prefixes,
            Shape::Subject => &pools.patients_with_observations,
            Shape::SubjectDate => &pools.patients_with_recent,
        }
    }

    /// The path under `/fhir` and the query for one target.
    pub fn request(self, target: &str) -> (String, Vec<(&'static str, String)>) {
        let subject = || ("subject", format!("Patient/{target}"));
        match self {
            Shape::Read => (format!("/Observation/{target}"), Vec::new()),
            Shape::Token => (
                "/Observation".into(),
                vec![
                    ("code", format!("http://loinc.org|{target}")),
                    ("_count", "20".into()),
                ],
            ),
            Shape::Family => ("/Patient".into(), vec![("family", target.to_owned())]),
            Shape::Subject => (
                "/Observation".into(),
                vec![subject(), ("_count", "20".into())],
            ),
            Shape::SubjectDate => (
                "/Observation".into(),
                vec![
                    subject(),
                    ("date", format!("ge{}", crate::dataset::RECENT_SINCE)),
                    ("_sort", "-date".into()),
                    ("_count", "10".into()),
                ],
            ),
        }
    }
}

/// How long a shape runs, how long one request may take, and whose CPU time to measure.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub duration: Duration,
    pub request_timeout: Duration,
    pub server_pid: Option<u32>,
}

/// One shape's outcome.
#[derive(Debug)]
pub struct ShapeResult {
    pub shape: Shape,
    pub summary: Summary,
    /// Non-2xx replies and transport failures.
    pub errors: usize,
    /// 2xx replies whose content was wrong.
    pub wrong: usize,
    pub samples: Vec<String>,
    /// CPU seconds the bench and the server used while this shape ran…
    pub cpu: cpu::Split,
    /// …over this wall time (the window plus the last requests' tails).
    pub wall_seconds: f64,
}

#[derive(Debug, Default)]
struct ClientTally {
    latencies: Vec<u32>,
    /// Requests that finished before the deadline.
    in_window: usize,
    errors: usize,
    wrong: usize,
    samples: Vec<String>,
}

/// Runs `clients` concurrent clients on one shape for `spec.duration`.
pub async fn run(
    api: &Arc<Api>,
    pools: &Arc<Pools>,
    shape: Shape,
    clients: usize,
    spec: Spec,
) -> anyhow::Result<ShapeResult> {
    if shape.pool(pools).is_empty() {
        anyhow::bail!(
            "nothing to ask for {}: the load produced no targets",
            shape.label()
        );
    }
    let token = api.token().await?;
    let cpu_before = cpu::sample(spec.server_pid);
    let started = Instant::now();
    let deadline = started + spec.duration;
    let tasks: Vec<_> = (0..clients.max(1))
        .map(|c| {
            let (api, pools, token) = (api.clone(), pools.clone(), token.clone());
            tokio::spawn(async move {
                let until = (deadline, spec.request_timeout);
                client_loop(&api, &pools, shape, &token, c as u64, until).await
            })
        })
        .collect();
    let mut all = ClientTally::default();
    for task in tasks {
        let t = task.await?;
        all.latencies.extend(t.latencies);
        all.in_window += t.in_window;
        all.errors += t.errors;
        all.wrong += t.wrong;
        all.samples.extend(
            t.samples
                .into_iter()
                .take(SAMPLES.saturating_sub(all.samples.len())),
        );
    }
    let summary = stats::summarize(all.latencies, all.in_window, spec.duration);
    Ok(ShapeResult {
        shape,
        summary,
        errors: all.errors,
        wrong: all.wrong,
        samples: all.samples,
        cpu: cpu::sample(spec.server_pid).since(cpu_before),
        wall_seconds: started.elapsed().as_secs_f64(),
    })
}

async fn client_loop(
    api: &Api,
    pools: &Pools,
    shape: Shape,
    token: &str,
    seed: u64,
    (deadline, request_timeout): (Instant, Duration),
) -> ClientTally {
    let mut rng = XorShift::new(seed + 1);
    let pool = shape.pool(pools);
    let mut tally = ClientTally::default();
    let mut n = 0usize;
    while Instant::now() < deadline {
        let target = &pool[rng.below(pool.len())];
        let (path, query) = shape.request(target);
        let sent = Instant::now();
        let reply = api
            .client
            .get(format!("{}?{}", api.fhir_url(&path), encode(&query)))
            .bearer_auth(token)
            .header(reqwest::header::CONTENT_TYPE, FHIR_JSON)
            .header(reqwest::header::ACCEPT, FHIR_JSON)
            .timeout(request_timeout)
            .send()
            .await;
        let reply = match reply {
            Ok(r) => {
                let status = r.status();
                r.bytes().await.map(|body| (status, body))
            }
            Err(e) => Err(e),
        };
        tally.latencies.push(stats::micros(sent.elapsed()));
        if Instant::now() <= deadline {
            tally.in_window += 1;
        }
        let describe = |what: String| format!("GET /fhir{path}?{} → {what}", encode(&query));
        match reply {
            Ok((s, body)) if s.is_success() => {
                if n.is_multiple_of(CHECK_EVERY) {
                    let verdict = serde_json::from_slice::<Value>(&body)
                        .map_err(|e| format!("not JSON: {e}"))
                        .and_then(|v| shape.check(target, &v));
                    if let Err(why) = verdict {
                        tally.wrong += 1;
                        push_sample(
                            &mut tally.samples,
                            describe(format!("{s} but wrong: {why}")),
                        );
                    }
                }
            }
            Ok((s, body)) => {
                tally.errors += 1;
                push_sample(
                    &mut tally.samples,
                    describe(format!(
                        "{s}: {}",
                        mysehat_bench::report::truncate(&String::from_utf8_lossy(&body), 600)
                    )),
                );
            }
            Err(e) => {
                tally.errors += 1;
                push_sample(
                    &mut tally.samples,
                    describe(format!("transport error: {e}")),
                );
            }
        }
        n += 1;
    }
    tally
}

fn push_sample(samples: &mut Vec<String>, line: String) {
    if samples.len() < SAMPLES {
        samples.push(line);
    }
}

/// A query string with every byte but RFC 3986's unreserved ones percent-encoded.
pub fn encode(query: &[(&str, String)]) -> String {
    let escape = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    char::from(b).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    query
        .iter()
        .map(|(k, v)| format!("{}={}", escape(k), escape(v)))
        .collect::<Vec<_>>()
        .join("&")
}

mod check;
#[cfg(test)]
mod tests;
