//! Turns one FHIR value found at the end of a path into the index values its search type
//! keeps: a CodeableConcept becomes tokens, a HumanName strings, a Period a date range.

use serde_json::Value;

use super::reference::{parse_canonical, parse_reference};
use super::{IndexValue, decimal_range, normalize_string, parse_date_range};
use crate::search::ParamKind;

type Values = Result<Vec<IndexValue>, String>;

/// The index values of `value`, a FHIR `value_type`, for a parameter of `kind`.
pub(super) fn index_values(kind: ParamKind, value_type: &str, value: &Value) -> Values {
    match kind {
        ParamKind::Token => token(value_type, value),
        ParamKind::String => string(value_type, value),
        ParamKind::Date => date(value_type, value),
        ParamKind::Reference => reference(value_type, value),
        ParamKind::Quantity => quantity(value_type, value),
        ParamKind::Number => number(value).map(|n| n.into_iter().collect()),
        ParamKind::Uri => Ok(text(value)?
            .map(|s| IndexValue::Uri(s.to_owned()))
            .into_iter()
            .collect()),
        ParamKind::Composite | ParamKind::Special => Ok(Vec::new()),
    }
}

fn token(value_type: &str, value: &Value) -> Values {
    let mut out = Vec::new();
    match value_type {
        "Coding" => coding(value, &mut out),
        "CodeableConcept" => {
            for c in array(value.get("coding")) {
                coding(c, &mut out);
            }
            push_text(value.get("text"), &mut out);
        }
        "Identifier" => {
            push_token(field(value, "system"), field(value, "value"), &mut out);
            push_text(value.get("type").and_then(|t| t.get("text")), &mut out);
        }
        "ContactPoint" => push_token(field(value, "system"), field(value, "value"), &mut out),
        "boolean" => match value {
            Value::Bool(b) => push_token(None, Some(if *b { "true" } else { "false" }), &mut out),
            _ => return Err(format!("expected a boolean, found {value}")),
        },
        _ => push_token(None, text(value)?, &mut out),
    }
    Ok(out)
}

fn coding(value: &Value, out: &mut Vec<IndexValue>) {
    push_token(field(value, "system"), field(value, "code"), out);
    push_text(value.get("display"), out);
}

fn push_token(system: Option<&str>, code: Option<&str>, out: &mut Vec<IndexValue>) {
    if system.is_some() || code.is_some() {
        out.push(IndexValue::Token {
            system: system.map(str::to_owned),
            code: code.map(str::to_owned),
            text: None,
        });
    }
}

fn push_text(value: Option<&Value>, out: &mut Vec<IndexValue>) {
    if let Some(text) = value.and_then(Value::as_str) {
        let text = Some(normalize_string(text));
        out.push(IndexValue::Token {
            system: None,
            code: None,
            text,
        });
    }
}

const HUMAN_NAME_PARTS: &[&str] = &["family", "given", "prefix", "suffix", "text"];
const ADDRESS_PARTS: &[&str] = &[
    "line",
    "city",
    "district",
    "state",
    "postalCode",
    "country",
    "text",
];

fn string(value_type: &str, value: &Value) -> Values {
    let parts = match value_type {
        "HumanName" => HUMAN_NAME_PARTS,
        "Address" => ADDRESS_PARTS,
        _ => return Ok(text(value)?.map(string_value).into_iter().collect()),
    };
    let mut out = Vec::new();
    for part in parts {
        for s in array(value.get(*part)).filter_map(Value::as_str) {
            out.push(string_value(s));
        }
    }
    Ok(out)
}

fn string_value(exact: &str) -> IndexValue {
    IndexValue::String {
        normalized: normalize_string(exact),
        exact: exact.to_owned(),
    }
}

fn date(value_type: &str, value: &Value) -> Values {
    match value_type {
        "Period" => {
            let start = field(value, "start").map(date_range).transpose()?;
            let end = field(value, "end").map(date_range).transpose()?;
            if start.is_none() && end.is_none() {
                return Ok(Vec::new());
            }
            let low_ms = start.map_or(i64::MIN, |(low, _)| low);
            let high_ms = end.map_or(i64::MAX, |(_, high)| high);
            Ok(vec![IndexValue::Date { low_ms, high_ms }])
        }
        "Timing" => array(value.get("event"))
            .filter_map(Value::as_str)
            .map(|e| date_range(e).map(|(low_ms, high_ms)| IndexValue::Date { low_ms, high_ms }))
            .collect(),
        _ => match text(value)? {
            Some(s) => {
                date_range(s).map(|(low_ms, high_ms)| vec![IndexValue::Date { low_ms, high_ms }])
            }
            None => Ok(Vec::new()),
        },
    }
}

fn date_range(text: &str) -> Result<(i64, i64), String> {
    parse_date_range(text).ok_or_else(|| format!("{text:?} is not a valid date"))
}

fn reference(value_type: &str, value: &Value) -> Values {
    let parsed = match value_type {
        "Reference" => field(value, "reference").and_then(parse_reference),
        "Resource" => Some(IndexValue::Reference {
            target_type: field(value, "resourceType").map(str::to_owned),
            target_id: field(value, "id").map(str::to_owned),
            url: None,
        }),
        _ => text(value)?.and_then(parse_canonical),
    };
    Ok(parsed.into_iter().collect())
}

fn quantity(value_type: &str, value: &Value) -> Values {
    if value_type == "Range" {
        return range(value);
    }
    let Some(IndexValue::Number {
        value: v,
        low,
        high,
    }) = number_field(value, "value")?
    else {
        return Ok(Vec::new());
    };
    let (system, code) = if value_type == "Money" {
        (Some("urn:iso:std:iso:4217"), field(value, "currency"))
    } else {
        (field(value, "system"), field(value, "code"))
    };
    let owned = |s: Option<&str>| s.map(str::to_owned);
    let unit = owned(field(value, "unit"));
    Ok(vec![IndexValue::Quantity {
        value: v,
        low,
        high,
        system: owned(system),
        code: owned(code),
        unit,
    }])
}

/// A Range as one quantity: `value` is its low (or else high) end, `low`/`high` its bounds
/// with open ends as `f64::MIN` / `f64::MAX`; system, code and unit from whichever end has them.
fn range(value: &Value) -> Values {
    let low = end_of_range(value, "low")?;
    let high = end_of_range(value, "high")?;
    let Some(IndexValue::Quantity {
        system, code, unit, ..
    }) = low.clone().or_else(|| high.clone())
    else {
        return Ok(Vec::new());
    };
    let (low, high) = (numbers(low.as_ref()), numbers(high.as_ref()));
    let value = low.or(high).map_or(0.0, |(v, _, _)| v);
    let low = low.map_or(f64::MIN, |(_, l, _)| l);
    let high = high.map_or(f64::MAX, |(_, _, h)| h);
    Ok(vec![IndexValue::Quantity {
        value,
        low,
        high,
        system,
        code,
        unit,
    }])
}

fn end_of_range(value: &Value, name: &str) -> Result<Option<IndexValue>, String> {
    match value.get(name) {
        Some(q) => Ok(quantity("Quantity", q)?.pop()),
        None => Ok(None),
    }
}

fn numbers(quantity: Option<&IndexValue>) -> Option<(f64, f64, f64)> {
    match quantity {
        Some(IndexValue::Quantity {
            value, low, high, ..
        }) => Some((*value, *low, *high)),
        _ => None,
    }
}

fn number(value: &Value) -> Result<Option<IndexValue>, String> {
    let Value::Number(n) = value else {
        return Err(format!("expected a number, found {value}"));
    };
    let text = n.to_string();
    let (value, low, high) =
        decimal_range(&text).ok_or_else(|| format!("{text} is not a decimal"))?;
    Ok(Some(IndexValue::Number { value, low, high }))
}

fn number_field(value: &Value, name: &str) -> Result<Option<IndexValue>, String> {
    value.get(name).map(number).transpose().map(Option::flatten)
}

/// A primitive's text; other JSON types are a mismatch with the definition.
fn text(value: &Value) -> Result<Option<&str>, String> {
    match value {
        Value::String(s) => Ok(Some(s)),
        _ => Err(format!("expected a string, found {value}")),
    }
}

fn field<'a>(value: &'a Value, name: &str) -> Option<&'a str> {
    value.get(name).and_then(Value::as_str)
}

/// The items of an optional array-or-single value.
fn array(value: Option<&Value>) -> impl Iterator<Item = &Value> {
    let items: &[Value] = match value {
        Some(Value::Array(items)) => items,
        Some(single) => std::slice::from_ref(single),
        None => &[],
    };
    items.iter()
}
