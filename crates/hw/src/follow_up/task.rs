//! A follow-up as the FHIR `Task` docs/SYNC.md describes: intent `plan`, `for` the person,
//! `focus` the form that triggered it, `restriction.period.end` the due date, scope tags.

use super::{FollowUp, Status};
use crate::response::scope_tags;
use serde_json::{Value, json};

pub const RULE_SYSTEM: &str = "https://mysehat.in/fhir/CodeSystem/follow-up-rule";

pub fn to_task(f: &FollowUp, village: &str, household: Option<&str>) -> Value {
    let status = match f.status {
        Status::Requested => "requested",
        Status::Completed => "completed",
    };
    json!({
        "resourceType": "Task",
        "id": f.id,
        "meta": { "tag": scope_tags(village, household) },
        "status": status,
        "intent": "plan",
        "code": {
            "coding": [{ "system": RULE_SYSTEM, "code": f.rule.as_str() }],
            "text": f.rule.as_str(),
        },
        "focus": { "reference": format!("{}/{}", f.rule.focus_type(), f.focus) },
        "for": { "reference": format!("Patient/{}", f.subject) },
        "restriction": { "period": { "end": f.due.to_string() } },
    })
}
