//! Events from the stored FHIR records they stand for, so the server (after a push) and the app
//! (from its local copies) feed the rules the same way: a `QuestionnaireResponse` is a form, an
//! `Encounter` a visit. Records about a household rather than a person, and records entered in
//! error, are not events.

use super::{Event, EventKind};
use crate::answer::Answers;
use crate::dates;
use crate::response::response_answers;
use serde_json::Value;

impl Event {
    /// A filled form: its id, the `Patient` it is about, the day of `authored` (as written, so
    /// India's day for `+05:30` times), the questionnaire's canonical URL and the answers.
    pub fn from_response(qr: &Value) -> Option<Event> {
        if qr.get("resourceType")?.as_str()? != "QuestionnaireResponse" {
            return None;
        }
        let form = qr
            .get("questionnaire")?
            .as_str()?
            .split('|')
            .next()?
            .to_owned();
        Some(Event {
            id: id(qr)?,
            subject: patient(qr)?,
            date: day(qr.get("authored")?)?,
            form: Some(form),
            kind: EventKind::Form,
            answers: response_answers(qr).ok()?,
        })
    }

    /// A home visit: its id, the `Patient` it is about and the day of `period.start`.
    pub fn from_encounter(encounter: &Value) -> Option<Event> {
        if encounter.get("resourceType")?.as_str()? != "Encounter" {
            return None;
        }
        Some(Event {
            id: id(encounter)?,
            subject: patient(encounter)?,
            date: day(encounter.pointer("/period/start")?)?,
            form: None,
            kind: EventKind::Visit,
            answers: Answers::new(),
        })
    }
}

fn id(resource: &Value) -> Option<String> {
    if resource.get("status").and_then(Value::as_str) == Some("entered-in-error") {
        return None;
    }
    Some(resource.get("id")?.as_str()?.to_owned())
}

fn patient(resource: &Value) -> Option<String> {
    let reference = resource.pointer("/subject/reference")?.as_str()?;
    Some(reference.strip_prefix("Patient/")?.to_owned())
}

/// The calendar day a FHIR date or dateTime is written on.
fn day(value: &Value) -> Option<jiff::civil::Date> {
    dates::parse(value.as_str()?.get(..10)?)
}
