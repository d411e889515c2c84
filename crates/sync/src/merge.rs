//! How a device's change meets the server's current version (shared/DESIGN.md, "Offline sync",
//! rule 3). Nothing is overwritten silently: either the change applies, or it merges field by
//! field and every field both sides changed is reported, or it is refused with a reason.

use serde::Serialize;
use serde_json::{Map, Value};

/// How records of a type behave under concurrent change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Something that happened (a visit, a measurement, a form filled in): insert-only, and
    /// corrected by superseding, never by editing.
    Event,
    /// Who someone is and where they live: merged field by field against the base version.
    Demographic,
    /// A follow-up: merged like demographics, but its status only moves forward.
    Task,
}

impl Kind {
    pub fn of(resource_type: &str) -> Kind {
        match resource_type {
            "Encounter"
            | "Observation"
            | "QuestionnaireResponse"
            | "Immunization"
            | "Condition"
            | "Procedure"
            | "DiagnosticReport"
            | "MedicationRequest"
            | "MedicationStatement"
            | "AllergyIntolerance"
            | "DocumentReference"
            | "Media" => Kind::Event,
            "Task" => Kind::Task,
            _ => Kind::Demographic,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// Both sides changed the field and the rules combined them (set union of members, the
    /// later task status, the same new value).
    Soft,
    /// Both sides changed the field to different values: the server's value stays and the clash
    /// waits for a supervisor.
    Hard,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub field: String,
    pub kind: ConflictKind,
    pub base: Value,
    pub server: Value,
    pub device: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The version to store (without `meta.versionId`/`meta.lastUpdated`).
    pub resource: Value,
    pub conflicts: Vec<Conflict>,
    /// False when the result equals the server's current version: nothing to write.
    pub changed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error(
        "a {0} is a clinical event: it cannot be edited, only marked entered-in-error and superseded by a new record"
    )]
    EventEdited(String),
}

/// Elements the merge never compares: identity and server bookkeeping.
const SKIPPED: [&str; 2] = ["resourceType", "id"];

/// Merges `mine` (the device's version, edited from `base`; `None` when the device made the
/// record itself) into `current` (the server's latest).
pub fn merge(
    kind: Kind,
    base: Option<&Value>,
    current: &Value,
    mine: &Value,
) -> Result<Merged, Refused> {
    let current = without_server_meta(current);
    let mine = without_server_meta(mine);
    if kind == Kind::Event {
        return merge_event(&current, &mine);
    }
    let base = base.map(without_server_meta).unwrap_or(Value::Null);
    let (b, c, m) = (fields(&base), fields(&current), fields(&mine));
    let mut names: Vec<&String> = c.keys().chain(m.keys()).collect();
    names.sort();
    names.dedup();
    let mut out = c.clone();
    let mut conflicts = vec![];
    for name in names {
        if SKIPPED.contains(&name.as_str()) {
            continue;
        }
        let (bv, cv, mv) = (get(&b, name), get(&c, name), get(&m, name));
        if mv == bv || mv == cv {
            continue; // the device left it alone, or both agree
        }
        if cv == bv {
            set(&mut out, name, mv.clone()); // only the device changed it
            continue;
        }
        // Both sides changed the field, to different values.
        let (value, kind) = match (kind, name.as_str()) {
            (Kind::Demographic, "member") => (merge_members(&bv, &cv, &mv), ConflictKind::Soft),
            (Kind::Task, "status") => (later_status(&cv, &mv), ConflictKind::Soft),
            _ => (cv.clone(), ConflictKind::Hard),
        };
        set(&mut out, name, value);
        conflicts.push(Conflict {
            field: name.clone(),
            kind,
            base: bv,
            server: cv,
            device: mv,
        });
    }
    if kind == Kind::Task {
        // Forward only, even when the server never touched the status since the base.
        let status = later_status(&get(&c, "status"), &get(&out, "status"));
        set(&mut out, "status", status);
    }
    let resource = Value::Object(out);
    let changed = resource != current;
    Ok(Merged {
        resource,
        conflicts,
        changed,
    })
}

fn merge_event(current: &Value, mine: &Value) -> Result<Merged, Refused> {
    let resource_type = current["resourceType"]
        .as_str()
        .unwrap_or("record")
        .to_owned();
    if mine == current {
        return Ok(Merged {
            resource: current.clone(),
            conflicts: vec![],
            changed: false,
        });
    }
    let (c, m) = (fields(current), fields(mine));
    let mut others_equal = c.clone();
    others_equal.remove("status");
    let mut mine_others = m.clone();
    mine_others.remove("status");
    if others_equal == mine_others && m.get("status") == Some(&Value::from("entered-in-error")) {
        return Ok(Merged {
            resource: mine.clone(),
            conflicts: vec![],
            changed: true,
        });
    }
    Err(Refused::EventEdited(resource_type))
}

/// A copy without `meta.versionId` and `meta.lastUpdated` (and without an empty `meta`), as
/// merges compare resources.
pub fn without_server_meta(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(obj) = v.as_object_mut() {
        let empty = match obj.get_mut("meta").and_then(Value::as_object_mut) {
            Some(meta) => {
                meta.remove("versionId");
                meta.remove("lastUpdated");
                meta.is_empty()
            }
            None => false,
        };
        if empty {
            obj.remove("meta");
        }
    }
    v
}

fn fields(v: &Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

fn get(m: &Map<String, Value>, name: &str) -> Value {
    m.get(name).cloned().unwrap_or(Value::Null)
}

fn set(m: &mut Map<String, Value>, name: &str, value: Value) {
    if value.is_null() {
        m.remove(name);
    } else {
        m.insert(name.to_owned(), value);
    }
}

/// `Group.member` as a set keyed by the member's reference: the server's members, plus those
/// the device added, minus those the device removed. An entry both kept is the device's if the
/// device changed it, else the server's.
fn merge_members(base: &Value, current: &Value, mine: &Value) -> Value {
    let key = |m: &Value| {
        m.pointer("/entity/reference")
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let list = |v: &Value| v.as_array().cloned().unwrap_or_default();
    let (b, c, m) = (list(base), list(current), list(mine));
    let find =
        |list: &[Value], k: &str| list.iter().find(|e| key(e).as_deref() == Some(k)).cloned();
    let mut out: Vec<Value> = vec![];
    for entry in &c {
        let Some(k) = key(entry) else {
            out.push(entry.clone());
            continue;
        };
        let in_base = find(&b, &k);
        match (find(&m, &k), in_base) {
            (None, Some(_)) => {} // the device removed it
            (Some(mine), Some(base)) if mine != base => out.push(mine),
            (Some(mine), None) => out.push(mine),
            _ => out.push(entry.clone()),
        }
    }
    for entry in &m {
        if let Some(k) = key(entry)
            && find(&c, &k).is_none()
            && find(&b, &k).is_none()
        {
            out.push(entry.clone()); // the device added it
        }
    }
    if out.is_empty() {
        Value::Null
    } else {
        Value::Array(out)
    }
}

/// How far along a task status is; later states win.
fn status_rank(status: &Value) -> u8 {
    match status.as_str() {
        Some("draft") => 0,
        Some("requested") | Some("received") => 1,
        Some("accepted") | Some("ready") | Some("on-hold") => 2,
        Some("in-progress") => 3,
        Some("completed") | Some("cancelled") | Some("failed") | Some("rejected") => 4,
        Some("entered-in-error") => 5,
        _ => 0,
    }
}

fn later_status(current: &Value, mine: &Value) -> Value {
    if status_rank(mine) > status_rank(current) {
        mine.clone()
    } else {
        current.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn patient(phone: &str, family: &str, version: &str) -> Value {
        json!({"resourceType": "Patient", "id": "p", "meta": {"versionId": version},
               "telecom": [{"system": "phone", "value": phone}], "name": [{"family": family}]})
    }

    #[test]
    fn different_fields_changed_on_each_side_merge_without_conflict() {
        let base = patient("1", "Devi", "1");
        let current = patient("2", "Devi", "2"); // the server changed the phone
        let mine = patient("1", "Sharma", "1"); // the device changed the name
        let m = merge(Kind::Demographic, Some(&base), &current, &mine).expect("merges");
        assert_eq!(m.resource["telecom"][0]["value"], "2");
        assert_eq!(m.resource["name"][0]["family"], "Sharma");
        assert!(m.conflicts.is_empty());
        assert!(m.changed);
    }

    #[test]
    fn the_same_field_changed_on_both_sides_keeps_the_server_value_and_reports_it() {
        let base = patient("1", "Devi", "1");
        let current = patient("2", "Devi", "2");
        let mine = patient("3", "Devi", "1");
        let m = merge(Kind::Demographic, Some(&base), &current, &mine).expect("merges");
        assert_eq!(m.resource["telecom"][0]["value"], "2");
        assert_eq!(m.conflicts.len(), 1);
        let c = &m.conflicts[0];
        assert_eq!((c.field.as_str(), c.kind), ("telecom", ConflictKind::Hard));
        assert_eq!(c.device[0]["value"], "3");
        assert!(!m.changed);
    }

    #[test]
    fn members_merge_as_a_set() {
        let member = |id: &str| json!({"entity": {"reference": format!("Patient/{id}")}});
        let group = |ids: &[&str]| json!({"resourceType": "Group", "member": ids.iter().map(|i| member(i)).collect::<Vec<_>>()});
        let base = group(&["a", "b"]);
        let current = group(&["a", "b", "c"]); // server added c
        let mine = group(&["a", "d"]); // device removed b, added d
        let m = merge(Kind::Demographic, Some(&base), &current, &mine).expect("merges");
        assert_eq!(m.resource, group(&["a", "c", "d"]));
        assert_eq!(m.conflicts[0].kind, ConflictKind::Soft);
    }

    #[test]
    fn a_task_status_never_moves_back() {
        let task = |s: &str| json!({"resourceType": "Task", "status": s, "intent": "plan"});
        let m = merge(
            Kind::Task,
            Some(&task("requested")),
            &task("completed"),
            &task("in-progress"),
        )
        .expect("merges");
        assert_eq!(m.resource["status"], "completed");
        let m = merge(
            Kind::Task,
            Some(&task("completed")),
            &task("completed"),
            &task("requested"),
        )
        .expect("merges");
        assert_eq!(m.resource["status"], "completed");
        assert!(!m.changed);
        let m = merge(Kind::Task, None, &task("requested"), &task("completed")).expect("merges");
        assert_eq!(m.resource["status"], "completed");
    }

    #[test]
    fn clinical_events_are_insert_only() {
        let obs = |v: i64, s: &str| json!({"resourceType": "Observation", "status": s, "valueInteger": v});
        assert_eq!(
            merge(Kind::Event, None, &obs(1, "final"), &obs(2, "final")),
            Err(Refused::EventEdited("Observation".into()))
        );
        let same = merge(Kind::Event, None, &obs(1, "final"), &obs(1, "final")).expect("merges");
        assert!(!same.changed);
        let voided = merge(
            Kind::Event,
            None,
            &obs(1, "final"),
            &obs(1, "entered-in-error"),
        )
        .expect("merges");
        assert!(voided.changed);
        assert!(
            merge(
                Kind::Event,
                None,
                &obs(1, "final"),
                &obs(2, "entered-in-error")
            )
            .is_err()
        );
    }

    #[test]
    fn a_record_made_on_both_sides_without_base_reports_every_difference() {
        let current = patient("2", "Devi", "1");
        let mine = json!({"resourceType": "Patient", "id": "p", "telecom": [{"system": "phone", "value": "3"}], "gender": "female"});
        let m = merge(Kind::Demographic, None, &current, &mine).expect("merges");
        assert_eq!(m.resource["gender"], "female");
        assert_eq!(m.resource["name"][0]["family"], "Devi");
        assert_eq!(
            m.conflicts
                .iter()
                .map(|c| c.field.as_str())
                .collect::<Vec<_>>(),
            ["telecom"]
        );
    }

    #[test]
    fn kinds_follow_the_design() {
        assert_eq!(Kind::of("QuestionnaireResponse"), Kind::Event);
        assert_eq!(Kind::of("Patient"), Kind::Demographic);
        assert_eq!(Kind::of("Group"), Kind::Demographic);
        assert_eq!(Kind::of("Task"), Kind::Task);
    }
}
