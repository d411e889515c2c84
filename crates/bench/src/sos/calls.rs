//! Every HTTP request of the run goes through [`Calls::post`]: it is timed, its status checked,
//! and the first few failures of each endpoint kept word for word for the report.

use mysehat_bench::report::truncate;
use mysehat_bench::stats::{self, Summary};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures kept per endpoint.
const SAMPLES: usize = 3;

/// The endpoints the run calls, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Endpoint {
    Raise,
    Accept,
    Assign,
    Position,
    Status,
}

impl Endpoint {
    pub fn label(self) -> &'static str {
        match self {
            Endpoint::Raise => "POST /sos/incidents",
            Endpoint::Accept => "POST /sos/incidents/{id}/accept",
            Endpoint::Assign => "POST /sos/incidents/{id}/assign",
            Endpoint::Position => "POST /sos/ambulance/position",
            Endpoint::Status => "POST /sos/incidents/{id}/status",
        }
    }
}

#[derive(Debug, Default)]
struct Record {
    micros: Vec<u32>,
    errors: usize,
    samples: Vec<String>,
}

/// One endpoint's requests, reduced.
#[derive(Debug, Clone)]
pub struct EndpointReport {
    pub endpoint: Endpoint,
    pub summary: Summary,
    pub errors: usize,
    pub samples: Vec<String>,
}

/// The HTTP side of a run.
#[derive(Debug)]
pub struct Calls {
    client: reqwest::Client,
    base: String,
    timeout: Duration,
    records: Mutex<BTreeMap<Endpoint, Record>>,
}

impl Calls {
    pub fn new(client: reqwest::Client, base: String, timeout: Duration) -> Self {
        Self {
            client,
            base,
            timeout,
            records: Mutex::new(BTreeMap::new()),
        }
    }

    /// `POST base+path` as `token`; the JSON reply when the status is 2xx, `None` (recorded as
    /// an error) otherwise.
    pub async fn post(
        &self,
        endpoint: Endpoint,
        path: &str,
        token: &str,
        body: &Value,
    ) -> Option<Value> {
        let started = Instant::now();
        let reply = self
            .client
            .post(format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(body)
            .timeout(self.timeout)
            .send()
            .await;
        let outcome = match reply {
            Ok(r) => {
                let status = r.status();
                match r.bytes().await {
                    Ok(bytes) if status.is_success() => serde_json::from_slice(&bytes)
                        .map_err(|e| format!("{status}, not JSON ({e})")),
                    Ok(bytes) => Err(format!(
                        "{status}: {}",
                        truncate(&String::from_utf8_lossy(&bytes), 300)
                    )),
                    Err(e) => Err(format!("{status}, body lost: {e}")),
                }
            }
            Err(e) => Err(format!("{e}")),
        };
        let elapsed = stats::micros(started.elapsed());
        let mut records = self.records.lock().unwrap_or_else(|e| e.into_inner());
        let record = records.entry(endpoint).or_default();
        record.micros.push(elapsed);
        match outcome {
            Ok(value) => Some(value),
            Err(why) => {
                record.errors += 1;
                if record.samples.len() < SAMPLES {
                    record.samples.push(format!("{path}: {why}"));
                }
                None
            }
        }
    }

    /// Counts a failure that was not an HTTP status (e.g. a refused position fix).
    pub fn fail(&self, endpoint: Endpoint, why: String) {
        let mut records = self.records.lock().unwrap_or_else(|e| e.into_inner());
        let record = records.entry(endpoint).or_default();
        record.errors += 1;
        if record.samples.len() < SAMPLES {
            record.samples.push(why);
        }
    }

    /// Starts the measuring window: latencies so far (the warm-up's) are dropped; errors are
    /// kept, since a failure counts whenever it happens.
    pub fn start_window(&self) {
        let mut records = self.records.lock().unwrap_or_else(|e| e.into_inner());
        for record in records.values_mut() {
            record.micros.clear();
        }
    }

    /// Each endpoint's latencies and errors; rates over `window`.
    pub fn reports(&self, window: Duration) -> Vec<EndpointReport> {
        let records = self.records.lock().unwrap_or_else(|e| e.into_inner());
        records
            .iter()
            .map(|(endpoint, r)| EndpointReport {
                endpoint: *endpoint,
                summary: stats::summarize(r.micros.clone(), r.micros.len(), window),
                errors: r.errors,
                samples: r.samples.clone(),
            })
            .collect()
    }
}
