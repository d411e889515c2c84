//! The walk over a resource's JSON, node by node, keeping the FHIRPath of the current
//! position as a stack of borrowed names so that nothing is allocated unless there is an issue.

use serde_json::{Map, Value};

use super::tables::{Element, Node, Slot, Tables, TypeRef, tables};
use super::{Issue, IssueCode, Severity, binding, primitive};
use crate::resource_types::is_resource_type;

#[derive(Debug, Clone, Copy)]
struct Seg<'a> {
    name: &'a str,
    index: Option<usize>,
}

#[derive(Debug)]
pub(super) struct Walker<'a> {
    tables: &'static Tables,
    path: Vec<Seg<'a>>,
    issues: Vec<Issue>,
}

impl<'a> Walker<'a> {
    pub(super) fn new() -> Self {
        Walker {
            tables: tables(),
            path: Vec::with_capacity(16),
            issues: Vec::new(),
        }
    }

    pub(super) fn validate(mut self, resource: &'a Value) -> Vec<Issue> {
        self.resource(resource);
        self.issues
    }

    pub(super) fn tables(&self) -> &'static Tables {
        self.tables
    }

    pub(super) fn issue(&mut self, code: IssueCode, diagnostics: String) {
        let mut expression = String::new();
        for seg in &self.path {
            if !expression.is_empty() {
                expression.push('.');
            }
            expression.push_str(seg.name);
            if let Some(i) = seg.index {
                expression.push_str(&format!("[{i}]"));
            }
        }
        self.issues.push(Issue {
            severity: Severity::Error,
            code,
            expression,
            diagnostics,
        });
    }

    /// Runs `f` with `name[index]` appended to the path.
    pub(super) fn at(&mut self, name: &'a str, index: Option<usize>, f: impl FnOnce(&mut Self)) {
        self.path.push(Seg { name, index });
        f(self);
        self.path.pop();
    }

    /// A resource at the root, in `contained`, or in `Bundle.entry.resource`.
    fn resource(&mut self, value: &'a Value) {
        let Some(obj) = value.as_object() else {
            return self.issue(
                IssueCode::Invalid,
                "a resource must be a JSON object".into(),
            );
        };
        let ty = match obj.get("resourceType") {
            Some(Value::String(ty)) => ty.as_str(),
            Some(_) => {
                return self.issue(IssueCode::Invalid, "resourceType must be a string".into());
            }
            None => return self.issue(IssueCode::Required, "resourceType is missing".into()),
        };
        let node = self.tables.node(ty).filter(|_| is_resource_type(ty));
        let Some(node) = node else {
            return self.issue(
                IssueCode::Invalid,
                format!("{ty} is not a FHIR R4 resource type"),
            );
        };
        if self.path.is_empty() {
            self.at(ty, None, |w| w.object(node, obj, true));
        } else {
            self.object(node, obj, true);
        }
    }

    fn object(&mut self, node_index: usize, obj: &'a Map<String, Value>, is_resource: bool) {
        let tables = self.tables;
        let node = &tables.nodes[node_index];
        let has_underscore = obj.keys().any(|k| k.starts_with('_'));
        let mut seen: Vec<Option<&'a str>> = vec![None; node.elements.len()];
        for (key, value) in obj {
            if is_resource && key == "resourceType" {
                continue;
            }
            let (base, is_extension) = match key.strip_prefix('_') {
                Some(base) => (base, true),
                None => (key.as_str(), false),
            };
            let slot = node.by_json.get(base).copied();
            let slot = slot.filter(|s| !is_extension || matches!(s.ty, TypeRef::Primitive(_)));
            let Some(slot) = slot else {
                let msg = unknown_element(node, key);
                self.at(key, None, |w| w.issue(IssueCode::Structure, msg));
                continue;
            };
            let element = &node.elements[slot.element];
            match seen[slot.element] {
                Some(other) if element.choice && other != base => self.at(key, None, |w| {
                    let msg = format!(
                        "only one of {}[x] is allowed, found {other} and {base}",
                        element.name
                    );
                    w.issue(IssueCode::Structure, msg)
                }),
                _ => seen[slot.element] = Some(base),
            }
            if is_extension {
                self.primitive_extension(element, base, value);
            } else {
                let has_extension = has_underscore && obj.contains_key(&format!("_{key}"));
                self.element(element, slot, key, value, has_extension);
            }
        }
        self.missing(node, &seen);
    }

    fn missing(&mut self, node: &'static Node, seen: &[Option<&str>]) {
        for (element, seen) in node.elements.iter().zip(seen) {
            if element.min > 0 && seen.is_none() {
                let name = if element.choice {
                    format!("{}[x]", element.name)
                } else {
                    element.name.clone()
                };
                let msg = format!("{name} is required (minimum cardinality {})", element.min);
                self.at(&element.name, None, |w| w.issue(IssueCode::Required, msg));
            }
        }
    }

    fn element(
        &mut self,
        element: &Element,
        slot: Slot,
        key: &'a str,
        value: &'a Value,
        has_extension: bool,
    ) {
        let Value::Array(items) = value else {
            if element.max != Some(1) {
                let msg = format!("{key} must be an array (maximum cardinality *)");
                return self.at(key, None, |w| w.issue(IssueCode::Structure, msg));
            }
            return self.at(key, None, |w| {
                w.value(element.value_set, slot.ty, value, false)
            });
        };
        if element.max == Some(1) {
            let msg = format!("{key} must not be an array (maximum cardinality 1)");
            return self.at(key, None, |w| w.issue(IssueCode::Structure, msg));
        }
        if items.is_empty() {
            return self.at(key, None, |w| {
                w.issue(IssueCode::Structure, "arrays must not be empty".into())
            });
        }
        if (items.len() as u64) < u64::from(element.min) {
            let msg = format!("{key} needs at least {} values", element.min);
            self.at(key, None, |w| w.issue(IssueCode::Required, msg));
        }
        let may_be_null = has_extension && matches!(slot.ty, TypeRef::Primitive(_));
        for (i, item) in items.iter().enumerate() {
            self.at(key, Some(i), |w| {
                w.value(element.value_set, slot.ty, item, may_be_null)
            });
        }
    }

    fn value(
        &mut self,
        value_set: Option<usize>,
        ty: TypeRef,
        value: &'a Value,
        may_be_null: bool,
    ) {
        if value.is_null() {
            if !may_be_null {
                self.issue(
                    IssueCode::Value,
                    "null is only allowed in arrays with a matching _element".into(),
                );
            }
            return;
        }
        match ty {
            TypeRef::Primitive(p) => match primitive::check(p, value, self.tables.regex(p)) {
                Err((code, msg)) => self.issue(code, msg),
                Ok(()) => binding::check_code(self, value_set, value),
            },
            TypeRef::Node(node) => match value {
                Value::Object(obj) if obj.is_empty() => {
                    self.issue(IssueCode::Value, "objects must not be empty".into())
                }
                Value::Object(obj) => {
                    self.object(node, obj, false);
                    binding::check_coded(self, value_set, node, obj);
                }
                _ => self.issue(IssueCode::Structure, "expected a JSON object".into()),
            },
            TypeRef::Resource => self.resource(value),
        }
    }

    /// `_birthDate`: the id and extensions of a primitive, or an array of them (nulls allowed).
    fn primitive_extension(&mut self, element: &Element, base: &'a str, value: &'a Value) {
        match value {
            Value::Array(items) if element.max != Some(1) => {
                for (i, item) in items.iter().enumerate() {
                    if !item.is_null() {
                        self.at(base, Some(i), |w| w.extension_holder(item));
                    }
                }
            }
            Value::Object(_) if element.max == Some(1) => {
                self.at(base, None, |w| w.extension_holder(value))
            }
            _ => {
                let msg = format!(
                    "_{base} must match the shape of {base} (an object, or an array of objects)"
                );
                self.at(base, None, |w| w.issue(IssueCode::Structure, msg));
            }
        }
    }

    fn extension_holder(&mut self, value: &'a Value) {
        let Some(obj) = value.as_object() else {
            return self.issue(IssueCode::Structure, "expected a JSON object".into());
        };
        let extension = TypeRef::Node(self.tables.extension);
        for (key, item) in obj {
            match (key.as_str(), item) {
                ("id", Value::String(_)) => {}
                ("extension", Value::Array(exts)) => {
                    for (i, ext) in exts.iter().enumerate() {
                        self.at(key, Some(i), |w| w.value(None, extension, ext, false));
                    }
                }
                _ => {
                    let msg = format!("only id and extension are allowed here, found '{key}'");
                    self.at(key, None, |w| w.issue(IssueCode::Structure, msg));
                }
            }
        }
    }
}

/// Names the choice element when `key` looks like a variant of one (`valueBoolean`).
fn unknown_element(node: &Node, key: &str) -> String {
    let choice = node.elements.iter().find(|e| {
        e.choice
            && key
                .strip_prefix(e.name.as_str())
                .is_some_and(|rest| rest.starts_with(char::is_uppercase))
    });
    match choice {
        Some(e) => format!(
            "{key} is not an allowed type for {}[x] (allowed: {})",
            e.name,
            e.types.join(", ")
        ),
        None => format!("unknown element '{key}'"),
    }
}
