//! Prints the validation issues and index rows of FHIR JSON files, and how long each took:
//! `cargo run --release -p mysehat-fhir --example inspect -- resource.json …`

use std::time::Instant;

fn main() {
    // Parse the embedded tables first, so the timings are those of a running server.
    let warm_up = serde_json::json!({"resourceType": "Basic", "code": {"text": "x"}});
    let started = Instant::now();
    let _ = (
        mysehat_fhir::validate(&warm_up),
        mysehat_fhir::extract_index(&warm_up),
    );
    println!("tables loaded in {:?}", started.elapsed());
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("{path}: {err}");
                continue;
            }
        };
        let resource: serde_json::Value = match serde_json::from_str(&text) {
            Ok(value) => value,
            Err(err) => {
                eprintln!("{path}: {err}");
                continue;
            }
        };
        println!("== {path}");
        let started = Instant::now();
        let issues = mysehat_fhir::validate(&resource);
        let validated = started.elapsed();
        for issue in &issues {
            let (code, at) = (issue.code.as_str(), &issue.expression);
            println!("issue {code} {at}: {}", issue.diagnostics);
        }
        let started = Instant::now();
        match mysehat_fhir::extract_index(&resource) {
            Ok(entries) => {
                let extracted = started.elapsed();
                for entry in &entries {
                    println!("index {} {:?}", entry.param, entry.value);
                }
                println!("validate {validated:?}, extract {extracted:?}");
            }
            Err(err) => println!("extract failed: {err}"),
        }
    }
}
