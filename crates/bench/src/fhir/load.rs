//! The load phase: the two batch bundles one after the other, then the patient transactions
//! with N concurrent uploaders. Collects from the responses the ids the read/search mix uses.

use crate::api::{self, Api, FHIR_JSON, Location};
use crate::dataset::{BundleFile, Dataset};
use anyhow::{Context, bail};
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How the load went.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub batch_resources: usize,
    pub batch_time: Duration,
    /// Batch entries whose status was not 2xx, with a description of the first few.
    pub batch_failed: usize,
    pub batch_failures: Vec<String>,
    pub patient_bundles: usize,
    pub patient_resources: usize,
    pub patient_time: Duration,
}

impl LoadReport {
    pub fn patient_rate(&self) -> f64 {
        rate(self.patient_resources, self.patient_time)
    }

    pub fn overall_rate(&self) -> f64 {
        rate(
            self.batch_resources + self.patient_resources,
            self.batch_time + self.patient_time,
        )
    }
}

fn rate(n: usize, t: Duration) -> f64 {
    if t.is_zero() {
        0.0
    } else {
        n as f64 / t.as_secs_f64()
    }
}

/// What the read/search mix draws from: everything here exists on the server.
#[derive(Debug, Default)]
pub struct Pools {
    pub observation_ids: Vec<String>,
    pub loinc_codes: Vec<String>,
    /// Lower-case three-letter prefixes of patients' family names.
    pub family_prefixes: Vec<String>,
    /// Patients with at least one Observation.
    pub patients_with_observations: Vec<String>,
    /// Patients with an Observation on or after `dataset::RECENT_SINCE`.
    pub patients_with_recent: Vec<String>,
}

/// One patient bundle's contribution to the pools.
fn add_to_pools(pools: &mut Pools, bundle: &BundleFile, locations: &[Location]) {
    for l in locations
        .iter()
        .filter(|l| l.resource_type == "Observation")
    {
        pools.observation_ids.push(l.id.clone());
    }
    if let Some(patient) = locations.iter().find(|l| l.resource_type == "Patient") {
        if bundle.scan.observations > 0 {
            pools.patients_with_observations.push(patient.id.clone());
        }
        if bundle.scan.recent_observations > 0 {
            pools.patients_with_recent.push(patient.id.clone());
        }
    }
}

/// A family-name prefix that search by `family` must match: the first three characters, when
/// they are all letters (so no punctuation rules of the server's string matching come in).
pub fn family_prefix(family: &str) -> Option<String> {
    let first: String = family.chars().take(3).collect();
    (first.chars().count() == 3 && first.chars().all(char::is_alphabetic))
        .then(|| first.to_lowercase())
}

pub async fn run(
    api: &Arc<Api>,
    data: &Arc<Dataset>,
    concurrency: usize,
) -> anyhow::Result<(LoadReport, Pools)> {
    let mut report = LoadReport::default();
    let started = Instant::now();
    for bundle in &data.batches {
        let response = post_bundle(api, bundle).await?;
        let (failed, lines) = api::failed_entries(&response, 5);
        report.batch_resources += bundle.scan.entries;
        report.batch_failed += failed;
        report
            .batch_failures
            .extend(lines.into_iter().map(|l| format!("{}: {l}", bundle.name)));
    }
    report.batch_time = started.elapsed();

    let started = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..concurrency.max(1))
        .map(|_| {
            let (api, data, next, stop) = (api.clone(), data.clone(), next.clone(), stop.clone());
            tokio::spawn(async move {
                let mut done = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(bundle) = data.patients.get(i) else {
                        break;
                    };
                    match post_bundle(&api, bundle).await {
                        Ok(response) => done.push((i, api::response_locations(&response))),
                        Err(e) => {
                            stop.store(true, Ordering::Relaxed);
                            return Err(e);
                        }
                    }
                }
                Ok(done)
            })
        })
        .collect();
    let mut results = Vec::new();
    let mut first_error = None;
    for worker in workers {
        match worker.await.context("an uploader panicked")? {
            Ok(done) => results.extend(done),
            Err(e) => first_error = first_error.or(Some(e)),
        }
    }
    report.patient_time = started.elapsed();
    if let Some(e) = first_error {
        return Err(e);
    }
    results.sort_by_key(|(i, _)| *i);
    let mut pools = Pools::default();
    let (mut codes, mut prefixes) = (BTreeSet::new(), BTreeSet::new());
    for (i, locations) in &results {
        let bundle = &data.patients[*i];
        add_to_pools(&mut pools, bundle, locations);
        codes.extend(bundle.scan.loinc_codes.iter().cloned());
        prefixes.extend(bundle.scan.family.as_deref().and_then(family_prefix));
        report.patient_resources += bundle.scan.entries;
    }
    report.patient_bundles = results.len();
    pools.loinc_codes = codes.into_iter().collect();
    pools.family_prefixes = prefixes.into_iter().collect();
    Ok((report, pools))
}

/// `POST /fhir` with the bundle as-is; anything but 200 is an error that shows the outcome.
async fn post_bundle(api: &Api, bundle: &BundleFile) -> anyhow::Result<Value> {
    let response = api
        .client
        .post(api.fhir_url(""))
        .bearer_auth(api.token().await?)
        .header(reqwest::header::CONTENT_TYPE, FHIR_JSON)
        .header(reqwest::header::ACCEPT, FHIR_JSON)
        .body(bundle.body.clone())
        .timeout(Duration::from_secs(900))
        .send()
        .await
        .with_context(|| format!("POST /fhir {}", bundle.name))?;
    let status = response.status();
    let body = response
        .bytes()
        .await
        .with_context(|| format!("POST /fhir {}: reading the reply", bundle.name))?;
    let parsed: Result<Value, _> = serde_json::from_slice(&body);
    match parsed {
        Ok(value) if status == reqwest::StatusCode::OK => Ok(value),
        Ok(value) => bail!(
            "POST /fhir {} ({} entries) answered {status}: {}\n{}",
            bundle.name,
            bundle.scan.entries,
            api::outcome_text(&value),
            mysehat_bench::report::truncate(&value.to_string(), 4000)
        ),
        Err(_) => bail!(
            "POST /fhir {} answered {status} with a body that is not JSON: {}",
            bundle.name,
            mysehat_bench::report::truncate(&String::from_utf8_lossy(&body), 2000)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Scan;

    fn loc(ty: &str, id: &str) -> Location {
        Location {
            resource_type: ty.into(),
            id: id.into(),
        }
    }

    #[test]
    fn family_prefixes_are_three_lower_case_letters() {
        assert_eq!(family_prefix("O'Hara248"), None);
        assert_eq!(family_prefix("Smith").as_deref(), Some("smi"));
        assert_eq!(family_prefix("Li12"), None);
    }

    #[test]
    fn pools_take_observation_ids_and_patients_by_what_they_have() {
        let bundle = |observations, recent| BundleFile {
            name: "p.json.bz2".into(),
            body: bytes::Bytes::new(),
            scan: Scan {
                observations,
                recent_observations: recent,
                ..Scan::default()
            },
        };
        let mut pools = Pools::default();
        add_to_pools(
            &mut pools,
            &bundle(2, 1),
            &[
                loc("Patient", "p1"),
                loc("Observation", "o1"),
                loc("Encounter", "e"),
                loc("Observation", "o2"),
            ],
        );
        add_to_pools(
            &mut pools,
            &bundle(1, 0),
            &[loc("Patient", "p2"), loc("Observation", "o3")],
        );
        add_to_pools(&mut pools, &bundle(0, 0), &[loc("Patient", "p3")]);
        assert_eq!(pools.observation_ids, ["o1", "o2", "o3"]);
        assert_eq!(pools.patients_with_observations, ["p1", "p2"]);
        assert_eq!(pools.patients_with_recent, ["p1"]);
    }

    #[test]
    fn rates_divide_resources_by_time() {
        let r = LoadReport {
            batch_resources: 100,
            batch_time: Duration::from_secs(1),
            patient_resources: 900,
            patient_time: Duration::from_secs(3),
            ..LoadReport::default()
        };
        assert!((r.patient_rate() - 300.0).abs() < 1e-9);
        assert!((r.overall_rate() - 250.0).abs() < 1e-9);
        assert_eq!(LoadReport::default().overall_rate(), 0.0);
    }
}
