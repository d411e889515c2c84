//! Renders search results: the `searchset` Bundle, its paging links, and `_summary`/`_elements`.

use super::params::{ParsedSearch, Summary};
use super::{Page, Request};
use mysehat_storage::fhir::FhirCurrent;
use serde_json::{Map, Value, json};

pub fn bundle(req: &Request<'_>, page: Page) -> Value {
    let p = &req.parsed;
    let mut links = vec![
        json!({"relation": "self", "url": link(&req.self_base, p, p.count.unwrap_or(super::DEFAULT_COUNT), &[])}),
    ];
    if let Some(next) = &page.next {
        links.push(json!({"relation": "next", "url": next}));
    }
    if let Some(prev) = &page.prev {
        links.push(json!({"relation": "previous", "url": prev}));
    }
    let entry = |r: &FhirCurrent, mode: &str| {
        let resource = serde_json::from_str::<Value>(&r.body).unwrap_or(Value::Null);
        let resource = if mode == "match" {
            shape(resource, p.summary, p.elements.as_deref())
        } else {
            resource
        };
        json!({
            "fullUrl": format!("{}/{}/{}", req.base_url, r.resource_type, r.id),
            "resource": resource,
            "search": {"mode": mode},
        })
    };
    let mut entries: Vec<Value> = page.matches.iter().map(|r| entry(r, "match")).collect();
    entries.extend(page.included.iter().map(|r| entry(r, "include")));
    let mut bundle = json!({
        "resourceType": "Bundle",
        "id": uuid::Uuid::now_v7().to_string(),
        "meta": {"lastUpdated": crate::time::rfc3339(crate::time::now_ms())},
        "type": "searchset",
    });
    if let Some(total) = page.total {
        bundle["total"] = json!(total);
    }
    bundle["link"] = Value::Array(links);
    if p.summary != Some(Summary::Count) {
        bundle["entry"] = Value::Array(entries);
    }
    if !p.ignored.is_empty() {
        let outcome = super::super::outcome::outcome(&[super::super::outcome::Issue {
            severity: "warning",
            code: "not-supported",
            diagnostics: format!("ignored parameters: {}", p.ignored.join(", ")),
            expression: None,
        }]);
        if let Some(entries) = bundle["entry"].as_array_mut() {
            entries.push(json!({"resource": outcome, "search": {"mode": "outcome"}}));
        }
    }
    bundle
}

/// A link to this search with `extra` paging parameters.
pub fn link(self_base: &str, p: &ParsedSearch, count: i64, extra: &[(&str, String)]) -> String {
    let mut pairs: Vec<(String, String)> = p
        .used
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "_count" | "_cursor" | "_getpages" | "_offset"))
        .cloned()
        .collect();
    pairs.push(("_count".into(), count.to_string()));
    pairs.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    format!("{self_base}?{}", query.join("&"))
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b':'
            | b'|'
            | b','
            | b'$' => {
                out.push(char::from(b));
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Applies `_summary` and `_elements` to one resource, marking it `SUBSETTED` when cut.
pub fn shape(resource: Value, summary: Option<Summary>, elements: Option<&[String]>) -> Value {
    match (summary, elements) {
        (Some(Summary::True), _) => summarize(resource, super::super::defs::is_summary),
        (Some(Summary::Text), _) => summarize(resource, |_, name| name == "text"),
        (Some(Summary::Data), _) => summarize(resource, |_, name| name != "text"),
        (_, Some(keep)) => summarize(resource, |_, name| keep.iter().any(|k| k == name)),
        _ => resource,
    }
}

/// Keeps `resourceType`, `id`, `meta` and the top-level elements `keep` accepts.
pub fn summarize(resource: Value, keep: impl Fn(&str, &str) -> bool) -> Value {
    let Value::Object(map) = resource else {
        return resource;
    };
    let ty = map
        .get("resourceType")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut out = Map::new();
    for (name, value) in map {
        if matches!(name.as_str(), "resourceType" | "id" | "meta") || keep(&ty, &name) {
            out.insert(name, value);
        }
    }
    let meta = out.entry("meta").or_insert_with(|| json!({}));
    if let Some(m) = meta.as_object_mut() {
        let tags = m.entry("tag").or_insert_with(|| json!([]));
        if let Some(t) = tags.as_array_mut() {
            t.push(json!({"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "code": "SUBSETTED"}));
        }
    }
    Value::Object(out)
}
