//! Index rows for a resource: every supported search parameter of its type, read along the
//! compiled paths and turned into typed values the storage layer writes as index rows.

mod date;
mod decimal;
mod normalize;
mod reference;
mod values;

use serde_json::Value;

use crate::resource_types::is_resource_type;
use crate::search::{Computed, SearchParamDef, Step, StepFilter, params};

pub use date::parse_date_range;
pub use decimal::decimal_range;
pub use normalize::normalize_string;
pub use reference::parse_reference;

/// One index row: a search parameter code and one value it matches.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexEntry {
    pub param: &'static str,
    pub value: IndexValue,
}

/// A value as a search parameter type sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum IndexValue {
    /// Coding, CodeableConcept (one per coding, plus one text-only entry per text/display,
    /// normalised for `:text`), Identifier (`system|value`), ContactPoint (`system|value`),
    /// code/boolean/string/id/uri primitives (code only).
    Token {
        system: Option<String>,
        code: Option<String>,
        text: Option<String>,
    },
    /// string, markdown, each part of a HumanName or an Address.
    String {
        normalized: String,
        exact: String,
    },
    /// Inclusive range in UTC milliseconds; open Period ends are `i64::MIN` / `i64::MAX`.
    Date {
        low_ms: i64,
        high_ms: i64,
    },
    /// `Type/id` split; `url` for absolute, `urn:` and canonical references.
    Reference {
        target_type: Option<String>,
        target_id: Option<String>,
        url: Option<String>,
    },
    /// Quantity, SimpleQuantity, Age, Duration, Count, Distance, Money, Range. `low`/`high`
    /// are the implicit precision range of the decimal as written (`1.50` → 1.495, 1.505):
    /// the workspace's serde_json has `arbitrary_precision`, so a parsed `Value` keeps the
    /// number's text (a `Value` built from an `f64`, e.g. by `json!`, has its shortest form).
    /// Money: system `urn:iso:std:iso:4217`, code the currency. Range: `value` is the low
    /// end (else the high), open ends are `f64::MIN` / `f64::MAX`.
    Quantity {
        value: f64,
        low: f64,
        high: f64,
        system: Option<String>,
        code: Option<String>,
        unit: Option<String>,
    },
    /// decimal and integer types, with the same implicit precision range as Quantity.
    Number {
        value: f64,
        low: f64,
        high: f64,
    },
    Uri(String),
}

/// Why a resource could not be indexed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("a resource must be a JSON object")]
    NotAnObject,
    #[error("the resource has no resourceType")]
    MissingResourceType,
    #[error("{0} is not a FHIR R4 resource type")]
    UnknownResourceType(String),
    #[error("search parameter {param}: {reason}")]
    InvalidValue { param: &'static str, reason: String },
}

/// Index rows for every supported search parameter of the resource's type, in parameter
/// order; duplicates within a parameter are removed.
pub fn extract_index(resource: &Value) -> Result<Vec<IndexEntry>, ExtractError> {
    let resource_type = resource_type_of(resource)?;
    let mut out = Vec::new();
    for def in params(resource_type).filter(|d| d.supported) {
        for value in extract_param(resource, def)? {
            out.push(IndexEntry {
                param: &def.code,
                value,
            });
        }
    }
    Ok(out)
}

/// The values one parameter indexes for a resource (no duplicates).
pub fn extract_param(
    resource: &Value,
    def: &'static SearchParamDef,
) -> Result<Vec<IndexValue>, ExtractError> {
    if def.computed == Some(Computed::ExistsAndNotFalse) {
        return Ok(vec![exists_and_not_false(resource, def)]);
    }
    let mut out: Vec<IndexValue> = Vec::new();
    let mut found = Vec::new();
    for path in &def.paths {
        found.clear();
        walk(resource, &path.steps, &mut found);
        for value in &found {
            for v in values::index_values(def.kind, &path.value_type, value).map_err(|reason| {
                ExtractError::InvalidValue {
                    param: &def.code,
                    reason,
                }
            })? {
                if !out.contains(&v) {
                    out.push(v);
                }
            }
        }
    }
    Ok(out)
}

fn resource_type_of(resource: &Value) -> Result<&str, ExtractError> {
    let obj = resource.as_object().ok_or(ExtractError::NotAnObject)?;
    let ty = obj.get("resourceType").and_then(Value::as_str);
    let ty = ty.ok_or(ExtractError::MissingResourceType)?;
    if is_resource_type(ty) {
        Ok(ty)
    } else {
        Err(ExtractError::UnknownResourceType(ty.into()))
    }
}

fn exists_and_not_false(resource: &Value, def: &SearchParamDef) -> IndexValue {
    let mut found = Vec::new();
    for path in &def.paths {
        walk(resource, &path.steps, &mut found);
    }
    let truth = found.iter().any(|v| !matches!(v, Value::Bool(false)));
    IndexValue::Token {
        system: None,
        code: Some(truth.to_string()),
        text: None,
    }
}

/// Collects the values at the end of `steps`, flattening arrays and skipping nulls.
fn walk<'a>(node: &'a Value, steps: &[Step], out: &mut Vec<&'a Value>) {
    let Some((step, rest)) = steps.split_first() else {
        if !node.is_null() {
            out.push(node);
        }
        return;
    };
    let Some(child) = node.get(&step.name) else {
        return;
    };
    let items: &[Value] = match child {
        Value::Array(items) => items,
        single => std::slice::from_ref(single),
    };
    for (i, item) in items.iter().enumerate() {
        if item.is_null() || !keeps(step.filter.as_ref(), i, item) {
            continue;
        }
        walk(item, rest, out);
    }
}

fn keeps(filter: Option<&StepFilter>, position: usize, item: &Value) -> bool {
    match filter {
        None => true,
        Some(StepFilter::Index(i)) => position == *i,
        Some(StepFilter::Equals { child, value }) => {
            item.get(child).and_then(Value::as_str) == Some(value.as_str())
        }
        Some(StepFilter::TargetType(ty)) => reference::may_target(item, ty),
        Some(StepFilter::ExtensionUrl(url)) => item.get("url").and_then(Value::as_str) == Some(url),
        Some(StepFilter::HasExtension(url)) => item
            .get("extension")
            .and_then(Value::as_array)
            .is_some_and(|exts| {
                exts.iter()
                    .any(|e| e.get("url").and_then(Value::as_str) == Some(url))
            }),
    }
}
