//! References in every form FHIR allows, split into what a reference search matches on.

use serde_json::Value;

use super::IndexValue;
use crate::resource_types::is_resource_type;

/// Parses `Reference.reference`:
/// - `Patient/123` and `Patient/123/_history/2` → type `Patient`, id `123` (version dropped);
/// - `https://host/fhir/Patient/123` → type and id, and the URL (without `_history`);
/// - `urn:uuid:…`, `urn:oid:…` and other absolute URLs → URL only;
/// - `#contained` and anything else → None (not indexed).
pub fn parse_reference(reference: &str) -> Option<IndexValue> {
    let reference = reference.trim();
    if reference.is_empty() || reference.starts_with('#') {
        return None;
    }
    if reference.starts_with("urn:") {
        return Some(url_only(reference));
    }
    let without_version = match reference.find("/_history/") {
        Some(at) => &reference[..at],
        None => reference,
    };
    let absolute = without_version.contains("://");
    let mut segments = without_version.rsplit('/');
    let id = segments.next().filter(|id| is_id(id));
    let ty = segments.next().filter(|ty| is_resource_type(ty));
    match (ty, id) {
        (Some(ty), Some(id)) => Some(IndexValue::Reference {
            target_type: Some(ty.to_owned()),
            target_id: Some(id.to_owned()),
            url: absolute.then(|| without_version.to_owned()),
        }),
        _ if absolute => Some(url_only(without_version)),
        _ => None,
    }
}

/// A canonical reference (`url|version`) matches on the URL without its version.
pub(super) fn parse_canonical(canonical: &str) -> Option<IndexValue> {
    let url = canonical.split('|').next().unwrap_or(canonical).trim();
    (!url.is_empty()).then(|| url_only(url))
}

/// For `.where(resolve() is T)`: keeps a Reference whose target is `T`, or whose type is
/// unknown (`urn:uuid:` before the server resolves it, or identifier-only references).
pub(super) fn may_target(reference: &Value, wanted: &str) -> bool {
    if let Some(ty) = reference.get("type").and_then(Value::as_str) {
        return ty == wanted;
    }
    match reference
        .get("reference")
        .and_then(Value::as_str)
        .and_then(parse_reference)
    {
        Some(IndexValue::Reference {
            target_type: Some(ty),
            ..
        }) => ty == wanted,
        _ => true,
    }
}

fn url_only(url: &str) -> IndexValue {
    IndexValue::Reference {
        target_type: None,
        target_id: None,
        url: Some(url.to_owned()),
    }
}

/// The FHIR `id` syntax: 1–64 of `A-Z a-z 0-9 - .`.
fn is_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}
