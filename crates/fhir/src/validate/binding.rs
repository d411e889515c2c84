//! Required bindings: a `code` must be in the bound value set; a Coding (alone or in a
//! CodeableConcept) whose system the value set draws from must use one of its codes.
//! Codings from other systems are left alone, as translations may sit beside the bound code.

use serde_json::{Map, Value};

use super::IssueCode;
use super::walk::Walker;

pub(super) fn check_code(walker: &mut Walker<'_>, value_set: Option<usize>, value: &Value) {
    let (Some(index), Some(code)) = (value_set, value.as_str()) else {
        return;
    };
    let vs = &walker.tables().value_sets[index];
    if !vs.codes.contains(code) {
        let msg = format!("'{code}' is not in the required value set {}", vs.url);
        walker.issue(IssueCode::CodeInvalid, msg);
    }
}

pub(super) fn check_coded<'a>(
    walker: &mut Walker<'a>,
    value_set: Option<usize>,
    node: usize,
    obj: &'a Map<String, Value>,
) {
    let Some(index) = value_set else {
        return;
    };
    let tables = walker.tables();
    if node == tables.coding {
        check_coding(walker, index, obj);
    } else if node == tables.codeable_concept
        && let Some(Value::Array(codings)) = obj.get("coding")
    {
        for (i, coding) in codings.iter().enumerate() {
            if let Value::Object(coding) = coding {
                walker.at("coding", Some(i), |w| check_coding(w, index, coding));
            }
        }
    }
}

fn check_coding(walker: &mut Walker<'_>, index: usize, coding: &Map<String, Value>) {
    let vs = &walker.tables().value_sets[index];
    let system = coding.get("system").and_then(Value::as_str);
    let code = coding.get("code").and_then(Value::as_str);
    let (Some(system), Some(code)) = (system, code) else {
        return;
    };
    if vs
        .by_system
        .get(system)
        .is_some_and(|codes| !codes.contains(code))
    {
        let msg = format!(
            "'{system}|{code}' is not in the required value set {}",
            vs.url
        );
        walker.issue(IssueCode::CodeInvalid, msg);
    }
}
