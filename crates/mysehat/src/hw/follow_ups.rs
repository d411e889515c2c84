//! Follow-ups on the server: after a health worker's visits and forms arrive, the same rules the
//! phone runs (`mysehat-hw`) recompute each member's follow-ups, and the `Task`s that changed
//! are written, so the supervisor's "overdue" and every other device agree with the phone.

use crate::error::ApiResult;
use crate::http::RequestContext;
use crate::state::AppState;
use mysehat_hw::{Event, follow_ups, to_task};
use mysehat_storage::fhir::FhirWrite;
use mysehat_sync::{HOUSEHOLD_TAG, Scope, VILLAGE_TAG, tag_value};
use serde_json::Value;

/// Today in India (UTC+05:30 all year), where the rules' days are counted.
fn today() -> jiff::civil::Date {
    let ist = jiff::tz::Offset::from_seconds(19_800).unwrap_or(jiff::tz::Offset::UTC);
    ist.to_datetime(jiff::Timestamp::now()).date()
}

/// Task states a person closed by hand (or the rules closed); a rule asking again for the same
/// event does not reopen them.
fn closed(task: &Value) -> bool {
    matches!(
        task["status"].as_str(),
        Some("completed" | "cancelled" | "failed" | "rejected")
    )
}

/// Recomputes the follow-ups of each member in `subjects` and writes the changed `Task`s.
pub async fn refresh(
    state: &AppState,
    ctx: &RequestContext,
    subjects: &[String],
) -> ApiResult<usize> {
    let mut writes = vec![];
    for subject in subjects {
        let Some(person) = state
            .store
            .fhir_read("Patient", subject)
            .await?
            .filter(|p| !p.deleted)
        else {
            continue;
        };
        let person: Value =
            serde_json::from_str(&person.body).map_err(crate::error::ApiError::internal)?;
        let Some(village) = tag_value(&person, VILLAGE_TAG)
            .first()
            .map(|v| v.to_string())
        else {
            continue; // not a field record
        };
        let household = tag_value(&person, HOUSEHOLD_TAG)
            .first()
            .map(|h| h.to_string());
        let records: Vec<(String, String)> = state
            .store
            .sync_live(&[Scope::Patient(subject.clone()).to_string()], None)
            .await?
            .into_iter()
            .filter(|(ty, _, _)| ty == "QuestionnaireResponse" || ty == "Encounter")
            .map(|(ty, id, _)| (ty, id))
            .collect();
        let mut events = vec![];
        for r in state.store.fhir_load_keys(&records).await? {
            let body: Value =
                serde_json::from_str(&r.body).map_err(crate::error::ApiError::internal)?;
            if body["status"] == "entered-in-error" {
                continue;
            }
            events.extend(Event::from_response(&body).or_else(|| Event::from_encounter(&body)));
        }
        for f in follow_ups(&events, today()) {
            let task = to_task(&f, &village, household.as_deref());
            let current = state
                .store
                .fhir_read("Task", &f.id)
                .await?
                .filter(|t| !t.deleted);
            let if_match = match &current {
                None => Some(0),
                Some(c) => {
                    let stored: Value =
                        serde_json::from_str(&c.body).map_err(crate::error::ApiError::internal)?;
                    let stored = mysehat_sync::without_server_meta(&stored);
                    let same_trigger = stored["focus"] == task["focus"];
                    if stored == task || (closed(&stored) && same_trigger) {
                        continue;
                    }
                    Some(c.version_id)
                }
            };
            let (change, _) = crate::fhir::crud::checked(task)
                .map_err(|e| crate::error::ApiError::internal(e.summary()))?;
            writes.push(FhirWrite {
                resource_type: "Task".into(),
                id: f.id.clone(),
                change,
                if_match,
            });
        }
    }
    if writes.is_empty() {
        return Ok(0);
    }
    let count = writes.len();
    // A concurrent change to one of these Tasks: the next push recomputes them.
    match super::write_audited(state, ctx, "hw.follow_up", writes).await? {
        Ok(()) => Ok(count),
        Err(_) => Ok(0),
    }
}
