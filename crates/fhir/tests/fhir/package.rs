//! Every official example must validate and index; the committed tables must match what
//! the generator makes from the package. Both need the package: set `MYSEHAT_TEST_FHIR_PACKAGE`
//! to its directory (`npm pack hl7.fhir.r4.examples@4.0.1 && tar xzf …` → `package/`).

use std::path::{Path, PathBuf};
use std::process::Command;

use mysehat_fhir::{extract_index, validate};
use serde_json::Value;

/// Official files that break the R4 definitions themselves. Each must still produce issues,
/// so the list cannot silently outlive the problem.
const KNOWN_INVALID: &[(&str, &str)] = &[
    // Display items nested in groups have no linkId; Questionnaire.item.linkId is 1..1.
    ("Questionnaire-qs1.json", "nested items without linkId"),
    // The spec's own ImplementationGuide omits name and status, both 1..1.
    ("ImplementationGuide-fhir.json", "no name, no status"),
    (
        "ig-r4.json",
        "same resource as ImplementationGuide-fhir.json",
    ),
    // Extension search parameters published without a base; SearchParameter.base is 1..*.
    (
        "SearchParameter-codesystem-extensions-CodeSystem-author.json",
        "no base",
    ),
    (
        "SearchParameter-codesystem-extensions-CodeSystem-effective.json",
        "no base",
    ),
    (
        "SearchParameter-codesystem-extensions-CodeSystem-end.json",
        "no base",
    ),
    (
        "SearchParameter-codesystem-extensions-CodeSystem-keyword.json",
        "no base",
    ),
    (
        "SearchParameter-codesystem-extensions-CodeSystem-workflow.json",
        "no base",
    ),
    (
        "SearchParameter-valueset-extensions-ValueSet-author.json",
        "no base",
    ),
    (
        "SearchParameter-valueset-extensions-ValueSet-effective.json",
        "no base",
    ),
    (
        "SearchParameter-valueset-extensions-ValueSet-end.json",
        "no base",
    ),
    (
        "SearchParameter-valueset-extensions-ValueSet-keyword.json",
        "no base",
    ),
    (
        "SearchParameter-valueset-extensions-ValueSet-workflow.json",
        "no base",
    ),
    // Its id has 68 characters; the id type allows at most 64.
    (
        "SearchParameter-questionnaireresponse-extensions-QuestionnaireResponse-item-subject.json",
        "id longer than 64 characters",
    ),
];

fn package_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("MYSEHAT_TEST_FHIR_PACKAGE")?;
    Some(PathBuf::from(dir))
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn package_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n != "package.json" && !n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_official_example_validates_and_indexes() {
    let Some(dir) = package_dir() else {
        eprintln!("MYSEHAT_TEST_FHIR_PACKAGE is not set; skipping");
        return;
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in package_files(&dir) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let resource = read_json(&path);
        checked += 1;
        if let Err(err) = extract_index(&resource) {
            failures.push(format!("{name}: extract: {err}"));
        }
        let issues = validate(&resource);
        if KNOWN_INVALID.iter().any(|(known, _)| *known == name) {
            if issues.is_empty() {
                failures.push(format!("{name}: listed as known invalid but now validates"));
            }
            continue;
        }
        for issue in issues {
            failures.push(format!(
                "{name}: {} {}: {}",
                issue.code.as_str(),
                issue.expression,
                issue.diagnostics
            ));
        }
    }
    assert!(checked > 5000, "only {checked} files in {}", dir.display());
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn committed_tables_match_the_generator() {
    let Some(dir) = package_dir() else {
        eprintln!("MYSEHAT_TEST_FHIR_PACKAGE is not set; skipping");
        return;
    };
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let status = Command::new("python3")
        .arg(repo_root().join("tools/fhir-gen/generate.py"))
        .arg(&dir)
        .arg(out.path())
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("running python3: {e}"));
    assert!(status.success(), "generator failed: {status}");
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let names = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        names(&committed),
        names(out.path()),
        "data/ has different files than the generator makes"
    );
    let regenerate = "regenerate: python3 tools/fhir-gen/generate.py $MYSEHAT_TEST_FHIR_PACKAGE crates/fhir/data";
    for name in names(out.path()) {
        let fresh = std::fs::read(out.path().join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let old = std::fs::read(committed.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            fresh == old,
            "crates/fhir/data/{name} is stale; {regenerate}"
        );
    }
}
