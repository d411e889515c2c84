//! The FHIR primitive types: the JSON type each must be written as, and its format (the
//! regex from its StructureDefinition, plus the range and calendar checks a regex cannot do).

use regex::Regex;
use serde_json::Value;

use super::IssueCode;
use crate::extract::parse_date_range;

/// Strings and markdown longer than this are refused (the `string` type's maxLength in R4;
/// narrative and binary data have no such limit).
const MAX_STRING_LEN: usize = 1_048_576;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Primitive {
    Base64Binary,
    Boolean,
    Canonical,
    Code,
    Date,
    DateTime,
    Decimal,
    Id,
    Instant,
    Integer,
    Markdown,
    Oid,
    PositiveInt,
    String,
    Time,
    UnsignedInt,
    Uri,
    Url,
    Uuid,
    Xhtml,
}

const NAMES: [(Primitive, &str); 20] = [
    (Primitive::Base64Binary, "base64Binary"),
    (Primitive::Boolean, "boolean"),
    (Primitive::Canonical, "canonical"),
    (Primitive::Code, "code"),
    (Primitive::Date, "date"),
    (Primitive::DateTime, "dateTime"),
    (Primitive::Decimal, "decimal"),
    (Primitive::Id, "id"),
    (Primitive::Instant, "instant"),
    (Primitive::Integer, "integer"),
    (Primitive::Markdown, "markdown"),
    (Primitive::Oid, "oid"),
    (Primitive::PositiveInt, "positiveInt"),
    (Primitive::String, "string"),
    (Primitive::Time, "time"),
    (Primitive::UnsignedInt, "unsignedInt"),
    (Primitive::Uri, "uri"),
    (Primitive::Url, "url"),
    (Primitive::Uuid, "uuid"),
    (Primitive::Xhtml, "xhtml"),
];

impl Primitive {
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        NAMES.iter().find(|(_, n)| *n == name).map(|(p, _)| *p)
    }

    /// The FHIR name, for messages.
    pub(crate) fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(p, _)| *p == self)
            .map_or("", |(_, n)| n)
    }
}

/// A problem with a primitive value: the issue code and what to tell the client.
pub(super) type Problem = (IssueCode, String);

/// Checks one primitive value (never null or an array: the caller handles those).
pub(super) fn check(
    primitive: Primitive,
    value: &Value,
    regex: Option<&Regex>,
) -> Result<(), Problem> {
    match primitive {
        Primitive::Boolean => match value {
            Value::Bool(_) => Ok(()),
            _ => Err(wrong_json(primitive, "a boolean", value)),
        },
        Primitive::Decimal => match value {
            Value::Number(_) => Ok(()),
            _ => Err(wrong_json(primitive, "a number", value)),
        },
        Primitive::Integer | Primitive::PositiveInt | Primitive::UnsignedInt => {
            integer(primitive, value)
        }
        _ => match value {
            Value::String(text) => string(primitive, text, regex),
            _ => Err(wrong_json(primitive, "a string", value)),
        },
    }
}

fn integer(primitive: Primitive, value: &Value) -> Result<(), Problem> {
    let Value::Number(number) = value else {
        return Err(wrong_json(primitive, "a number", value));
    };
    let min = match primitive {
        Primitive::PositiveInt => 1,
        Primitive::UnsignedInt => 0,
        _ => i64::from(i32::MIN),
    };
    match number.as_i64() {
        Some(n) if (min..=i64::from(i32::MAX)).contains(&n) => Ok(()),
        _ => Err((
            IssueCode::Value,
            format!("{number} is not a valid {}", primitive.name()),
        )),
    }
}

fn string(primitive: Primitive, text: &str, regex: Option<&Regex>) -> Result<(), Problem> {
    if text.is_empty() {
        return Err((
            IssueCode::Value,
            format!("a {} must not be empty", primitive.name()),
        ));
    }
    let limited = matches!(primitive, Primitive::String | Primitive::Markdown);
    if limited && text.len() > MAX_STRING_LEN {
        return Err((
            IssueCode::Value,
            format!("a {} must be at most 1 MiB", primitive.name()),
        ));
    }
    let calendar_ok = match primitive {
        Primitive::Date | Primitive::DateTime | Primitive::Instant => {
            parse_date_range(text).is_some()
        }
        _ => true,
    };
    if !calendar_ok || regex.is_some_and(|r| !r.is_match(text)) {
        return Err((
            IssueCode::Value,
            format!("{text:?} is not a valid {}", primitive.name()),
        ));
    }
    Ok(())
}

fn wrong_json(primitive: Primitive, expected: &str, found: &Value) -> Problem {
    let found = match found {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    (
        IssueCode::Structure,
        format!(
            "a {} must be {expected} in JSON, found {found}",
            primitive.name()
        ),
    )
}
