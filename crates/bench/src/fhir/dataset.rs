//! The Synthea sample: every bundle decompressed and scanned before any clock starts, so the
//! load measures the server and not bzip2, and the read/search mix knows which LOINC codes,
//! family names and patients with observations actually exist.

use anyhow::{Context, bail};
use bytes::Bytes;
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Observations on or after this date count as "recent" for the date-search shape.
pub const RECENT_SINCE: &str = "2015-01-01";

/// What the read/search mix needs to know about one bundle.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scan {
    pub entries: usize,
    pub loinc_codes: BTreeSet<String>,
    /// The first `name[].family` of the (first) Patient entry.
    pub family: Option<String>,
    pub observations: usize,
    /// Observations whose effective date is on or after [`RECENT_SINCE`].
    pub recent_observations: usize,
}

/// One decompressed bundle, ready to send as-is.
#[derive(Debug, Clone)]
pub struct BundleFile {
    pub name: String,
    pub body: Bytes,
    pub scan: Scan,
}

/// The two shared batch bundles (organisations, practitioners) and the patient transactions.
#[derive(Debug)]
pub struct Dataset {
    pub batches: Vec<BundleFile>,
    pub patients: Vec<BundleFile>,
}

impl Dataset {
    pub fn resources(&self) -> usize {
        self.batches
            .iter()
            .chain(&self.patients)
            .map(|b| b.scan.entries)
            .sum()
    }
}

/// Scans a parsed bundle. Unknown shapes count as nothing rather than failing: the server,
/// not the bench, judges validity.
pub fn scan_bundle(bundle: &Value) -> Scan {
    let mut scan = Scan::default();
    let entries = bundle["entry"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    scan.entries = entries.len();
    for resource in entries.iter().map(|e| &e["resource"]) {
        match resource["resourceType"].as_str() {
            Some("Patient") if scan.family.is_none() => {
                scan.family = resource["name"]
                    .as_array()
                    .and_then(|names| names.iter().find_map(|n| n["family"].as_str()))
                    .map(str::to_owned);
            }
            Some("Observation") => {
                scan.observations += 1;
                let codings = resource["code"]["coding"]
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                for coding in codings {
                    if coding["system"] == "http://loinc.org"
                        && let Some(code) = coding["code"].as_str()
                    {
                        scan.loinc_codes.insert(code.to_owned());
                    }
                }
                if effective_date(resource).is_some_and(|d| d >= RECENT_SINCE) {
                    scan.recent_observations += 1;
                }
            }
            _ => {}
        }
    }
    scan
}

fn effective_date(observation: &Value) -> Option<&str> {
    observation["effectiveDateTime"]
        .as_str()
        .or_else(|| observation["effectivePeriod"]["start"].as_str())
        .or_else(|| observation["effectiveInstant"].as_str())
}

/// Reads the directory: `0-hospitalInformation*` and `0-practitionerInformation*` first, then
/// the first `patients` other bundles by file name. Decompresses on every core.
pub fn read(dir: &Path, patients: Option<usize>) -> anyhow::Result<Dataset> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the Synthea directory {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".json.bz2"))
        .collect();
    names.sort();
    let is_batch = |p: &PathBuf| {
        let n = file_name(p);
        n.starts_with("0-hospitalInformation") || n.starts_with("0-practitionerInformation")
    };
    let mut batch_paths: Vec<PathBuf> = names.iter().filter(|p| is_batch(p)).cloned().collect();
    // Organisations before practitioners: practitioner roles refer to organisations.
    batch_paths.sort_by_key(|p| !file_name(p).starts_with("0-hospital"));
    let mut patient_paths: Vec<PathBuf> = names.into_iter().filter(|p| !is_batch(p)).collect();
    if let Some(n) = patients {
        patient_paths.truncate(n);
    }
    if batch_paths.len() != 2 || patient_paths.is_empty() {
        bail!(
            "{} holds {} batch and {} patient bundles; expected the two batch bundles and at least one patient",
            dir.display(),
            batch_paths.len(),
            patient_paths.len()
        );
    }
    Ok(Dataset {
        batches: read_all(&batch_paths)?,
        patients: read_all(&patient_paths)?,
    })
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_one(path: &Path) -> anyhow::Result<BundleFile> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut body = Vec::new();
    bzip2::read::BzDecoder::new(std::io::BufReader::new(file))
        .read_to_end(&mut body)
        .with_context(|| format!("cannot decompress {}", path.display()))?;
    let parsed: Value =
        serde_json::from_slice(&body).with_context(|| format!("{} is not JSON", path.display()))?;
    Ok(BundleFile {
        name: file_name(path),
        scan: scan_bundle(&parsed),
        body: Bytes::from(body),
    })
}

fn read_all(paths: &[PathBuf]) -> anyhow::Result<Vec<BundleFile>> {
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<anyhow::Result<BundleFile>>>> =
        Mutex::new((0..paths.len()).map(|_| None).collect());
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(paths.len());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(i) else { break };
                    let result = read_one(path);
                    if let Ok(mut slots) = slots.lock() {
                        slots[i] = Some(result);
                    }
                }
            });
        }
    });
    let slots = slots
        .into_inner()
        .map_err(|_| anyhow::anyhow!("a reader thread panicked"))?;
    slots
        .into_iter()
        .map(|s| s.unwrap_or_else(|| Err(anyhow::anyhow!("a bundle was not read"))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn observation(code: &str, date: &str) -> Value {
        json!({"resource": {"resourceType": "Observation",
            "code": {"coding": [{"system": "http://loinc.org", "code": code}, {"system": "http://snomed.info/sct", "code": "999"}]},
            "effectiveDateTime": date}})
    }

    #[test]
    fn scan_counts_entries_codes_family_and_recent_observations() {
        let bundle = json!({"resourceType": "Bundle", "type": "transaction", "entry": [
            {"resource": {"resourceType": "Patient", "name": [{"given": ["Zandra428"]}, {"family": "O'Hara248"}]}},
            observation("8302-2", "2021-04-03T08:03:00+02:00"),
            observation("8302-2", "2010-01-01"),
            observation("29463-7", "2015-01-01"),
            {"resource": {"resourceType": "Encounter"}},
        ]});
        let scan = scan_bundle(&bundle);
        assert_eq!(scan.entries, 5);
        assert_eq!(scan.family.as_deref(), Some("O'Hara248"));
        assert_eq!(scan.observations, 3);
        assert_eq!(scan.recent_observations, 2);
        assert_eq!(
            scan.loinc_codes.into_iter().collect::<Vec<_>>(),
            ["29463-7", "8302-2"]
        );
    }

    #[test]
    fn scan_of_a_batch_without_patients_or_observations_only_counts_entries() {
        let bundle =
            json!({"type": "batch", "entry": [{"resource": {"resourceType": "Organization"}}, {}]});
        assert_eq!(
            scan_bundle(&bundle),
            Scan {
                entries: 2,
                ..Scan::default()
            }
        );
        assert_eq!(scan_bundle(&json!({"type": "batch"})).entries, 0);
    }

    #[test]
    fn a_period_start_counts_as_the_effective_date() {
        let bundle = json!({"entry": [{"resource": {"resourceType": "Observation",
            "effectivePeriod": {"start": "2019-05-01"}}}]});
        assert_eq!(scan_bundle(&bundle).recent_observations, 1);
    }

    #[test]
    fn reading_a_directory_orders_batches_first_and_limits_patients() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |name: &str, body: &Value| {
            let file = std::fs::File::create(dir.path().join(name)).expect("create");
            let mut enc = bzip2::write::BzEncoder::new(file, bzip2::Compression::fast());
            std::io::Write::write_all(&mut enc, body.to_string().as_bytes()).expect("write");
            enc.finish().expect("finish");
        };
        let empty = json!({"entry": []});
        write("0-practitionerInformation1.json.bz2", &empty);
        write("0-hospitalInformation1.json.bz2", &empty);
        write("b.json.bz2", &json!({"entry": [{}, {}]}));
        write("a.json.bz2", &json!({"entry": [{}]}));
        write("c.json.bz2", &empty);
        let data = read(dir.path(), Some(2)).expect("read");
        let names: Vec<&str> = data
            .batches
            .iter()
            .chain(&data.patients)
            .map(|b| b.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "0-hospitalInformation1.json.bz2",
                "0-practitionerInformation1.json.bz2",
                "a.json.bz2",
                "b.json.bz2"
            ]
        );
        assert_eq!(data.resources(), 3);
        assert!(read(&dir.path().join("missing"), None).is_err());
    }
}
