//! What counts as a right answer for each request shape: checked on a sample of the replies
//! so that a fast wrong answer does not pass for a fast answer.

use super::Shape;
use crate::dataset::RECENT_SINCE;
use serde_json::Value;

impl Shape {
    /// Whether a 2xx reply holds what it must for this target; `Err` says what is wrong.
    pub fn check(self, target: &str, reply: &Value) -> Result<(), String> {
        if self == Shape::Read {
            return if reply["resourceType"] == "Observation" && reply["id"] == target {
                Ok(())
            } else {
                Err(format!(
                    "expected Observation/{target}, got {}/{}",
                    reply["resourceType"], reply["id"]
                ))
            };
        }
        if reply["resourceType"] != "Bundle" || reply["type"] != "searchset" {
            return Err("the reply is not a searchset Bundle".into());
        }
        let matches: Vec<&Value> = reply["entry"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter(|e| e["search"]["mode"].as_str().is_none_or(|m| m == "match"))
            .map(|e| &e["resource"])
            .collect();
        if matches.is_empty() {
            return Err(format!("no match for {target}, which was loaded"));
        }
        let bad = |why: &str, r: &Value| Err(format!("{why}: {}/{}", r["resourceType"], r["id"]));
        for r in &matches {
            let ok = match self {
                Shape::Token => r["code"]["coding"]
                    .as_array()
                    .is_some_and(|c| c.iter().any(|c| c["code"] == target)),
                Shape::Family => r["name"].as_array().is_some_and(|names| {
                    names.iter().any(|n| {
                        n["family"]
                            .as_str()
                            .is_some_and(|f| f.to_lowercase().starts_with(target))
                    })
                }),
                _ => r["subject"]["reference"]
                    .as_str()
                    .is_some_and(|s| s.ends_with(&format!("Patient/{target}"))),
            };
            if !ok {
                return bad("a match that does not fit the search", r);
            }
        }
        if self == Shape::SubjectDate {
            let dates: Vec<&str> = matches
                .iter()
                .filter_map(|r| r["effectiveDateTime"].as_str())
                .collect();
            if dates.iter().any(|d| *d < RECENT_SINCE) {
                return Err(format!("a match before {}: {dates:?}", RECENT_SINCE));
            }
            // Compare days: offsets may differ within a patient's record (summer time).
            let day = |d: &str| d.get(..10).unwrap_or(d).to_owned();
            if dates.windows(2).any(|w| day(w[0]) < day(w[1])) {
                return Err(format!("not sorted by -date: {dates:?}"));
            }
        }
        Ok(())
    }
}
