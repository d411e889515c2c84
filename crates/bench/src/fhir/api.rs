//! The server's FHIR surface as the bench uses it: an admin bearer token that is renewed before
//! it expires, and the parsing of FHIR bundle responses.

use mysehat_bench::report::truncate;
use mysehat_bench::session::{self, ADMIN_PASSWORD, ADMIN_PHONE};
use serde_json::Value;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

pub const FHIR_JSON: &str = "application/fhir+json";
/// Access tokens live 15 minutes; log in again well before that.
const TOKEN_RENEW_AFTER: Duration = Duration::from_secs(10 * 60);

/// A logged-in admin session against one running server.
#[derive(Debug)]
pub struct Api {
    pub client: reqwest::Client,
    pub base: String,
    token: Mutex<(String, Instant)>,
}

impl Api {
    pub async fn login(client: reqwest::Client, base: String) -> anyhow::Result<Self> {
        let token = login(&client, &base).await?;
        Ok(Self {
            client,
            base,
            token: Mutex::new((token, Instant::now())),
        })
    }

    /// The current access token, renewed when it is old.
    pub async fn token(&self) -> anyhow::Result<String> {
        let mut guard = self.token.lock().await;
        if guard.1.elapsed() > TOKEN_RENEW_AFTER {
            *guard = (login(&self.client, &self.base).await?, Instant::now());
        }
        Ok(guard.0.clone())
    }

    pub fn fhir_url(&self, path: &str) -> String {
        format!("{}/fhir{path}", self.base)
    }
}

/// Signs in as the bench's admin.
async fn login(client: &reqwest::Client, base: &str) -> anyhow::Result<String> {
    session::login(client, base, ADMIN_PHONE, ADMIN_PASSWORD).await
}

/// A resource's type and id, from `entry[].response.location`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub resource_type: String,
    pub id: String,
}

/// Parses `Type/id/_history/n`, `Type/id`, or either behind a base URL.
pub fn parse_location(location: &str) -> Option<Location> {
    let path = location.split(['?', '#']).next().unwrap_or_default();
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let (ty, id) = match parts.iter().rposition(|p| *p == "_history") {
        Some(h) if h >= 2 => (parts[h - 2], parts[h - 1]),
        Some(_) => return None,
        None if parts.len() >= 2 => (parts[parts.len() - 2], parts[parts.len() - 1]),
        None => return None,
    };
    let is_type = ty.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && ty.chars().all(|c| c.is_ascii_alphanumeric());
    (is_type && !id.is_empty()).then(|| Location {
        resource_type: ty.to_owned(),
        id: id.to_owned(),
    })
}

/// Every location in a transaction or batch response, in entry order.
pub fn response_locations(response: &Value) -> Vec<Location> {
    entries(response)
        .iter()
        .filter_map(|e| e["response"]["location"].as_str().and_then(parse_location))
        .collect()
}

/// The entries of a batch response whose status is not 2xx, with one line each for the first few.
pub fn failed_entries(response: &Value, samples: usize) -> (usize, Vec<String>) {
    let mut failed = 0;
    let mut lines = Vec::new();
    for (i, entry) in entries(response).iter().enumerate() {
        let status = entry["response"]["status"]
            .as_str()
            .unwrap_or("(no status)");
        if !status.starts_with('2') {
            failed += 1;
            if lines.len() < samples {
                lines.push(format!(
                    "entry {i}: {status} {}",
                    outcome_text(&entry["response"]["outcome"])
                ));
            }
        }
    }
    (failed, lines)
}

/// The diagnostics of an OperationOutcome on one line, or the JSON if it is something else.
pub fn outcome_text(outcome: &Value) -> String {
    let issues = outcome["issue"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let texts: Vec<String> = issues
        .iter()
        .map(|i| {
            let text = i["diagnostics"]
                .as_str()
                .or_else(|| i["details"]["text"].as_str())
                .unwrap_or("");
            format!(
                "[{}/{}] {text}",
                i["severity"].as_str().unwrap_or("?"),
                i["code"].as_str().unwrap_or("?")
            )
        })
        .collect();
    if texts.is_empty() {
        truncate(&outcome.to_string(), 600)
    } else {
        texts.join("; ")
    }
}

fn entries(bundle: &Value) -> &[Value] {
    bundle["entry"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn loc(ty: &str, id: &str) -> Option<Location> {
        Some(Location {
            resource_type: ty.into(),
            id: id.into(),
        })
    }

    #[test]
    fn locations_parse_with_and_without_history_and_base() {
        assert_eq!(
            parse_location("Observation/abc-1/_history/1"),
            loc("Observation", "abc-1")
        );
        assert_eq!(parse_location("Patient/p1"), loc("Patient", "p1"));
        assert_eq!(
            parse_location("http://127.0.0.1:8000/fhir/Patient/p1/_history/3"),
            loc("Patient", "p1")
        );
        assert_eq!(parse_location("Encounter/e1/"), loc("Encounter", "e1"));
    }

    #[test]
    fn malformed_locations_are_rejected() {
        assert_eq!(parse_location(""), None);
        assert_eq!(parse_location("Patient"), None);
        assert_eq!(parse_location("_history/1"), None);
        assert_eq!(parse_location("urn:uuid:1234"), None);
        assert_eq!(parse_location("fhir/patient/1"), None);
    }

    #[test]
    fn response_locations_skip_entries_without_one() {
        let response = json!({"resourceType": "Bundle", "type": "transaction-response", "entry": [
            {"response": {"status": "201 Created", "location": "Patient/p/_history/1"}},
            {"response": {"status": "204 No Content"}},
            {"response": {"status": "201 Created", "location": "Observation/o/_history/1"}},
        ]});
        assert_eq!(
            response_locations(&response),
            vec![
                loc("Patient", "p").expect("p"),
                loc("Observation", "o").expect("o")
            ]
        );
    }

    #[test]
    fn failed_batch_entries_are_counted_and_the_first_ones_described() {
        let response = json!({"type": "batch-response", "entry": [
            {"response": {"status": "201 Created"}},
            {"response": {"status": "400 Bad Request", "outcome": {"resourceType": "OperationOutcome",
                "issue": [{"severity": "error", "code": "invalid", "diagnostics": "bad date"}]}}},
            {"response": {"status": "409 Conflict"}},
            {},
        ]});
        let (failed, lines) = failed_entries(&response, 2);
        assert_eq!(failed, 3);
        assert_eq!(
            lines,
            [
                "entry 1: 400 Bad Request [error/invalid] bad date",
                "entry 2: 409 Conflict null"
            ]
        );
    }
}
