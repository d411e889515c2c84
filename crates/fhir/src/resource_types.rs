//! Which FHIR R4 resource types exist, so requests naming any other type can be refused.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::data;

/// What the specification says about one resource type.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceTypeInfo {
    /// The specification's category, e.g. `Clinical.Diagnostics`.
    pub category: Option<String>,
    /// Derives from DomainResource (has `text`, `contained`, `extension`).
    pub domain_resource: bool,
    /// Conformance or terminology (StructureDefinition, ValueSet, CodeSystem, …).
    pub conformance: bool,
    /// Definitional artifact (PlanDefinition, Questionnaire, ActivityDefinition, …).
    pub definitional: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Table {
    resource_types: BTreeMap<String, ResourceTypeInfo>,
}

fn table() -> &'static BTreeMap<String, ResourceTypeInfo> {
    static TABLE: OnceLock<Table> = OnceLock::new();
    &TABLE
        .get_or_init(|| data::parse("resource-types.json", data::RESOURCE_TYPES))
        .resource_types
}

fn names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| table().keys().map(String::as_str).collect())
}

/// True when `name` is a concrete R4 resource type (case-sensitive: `Patient`, not `patient`).
pub fn is_resource_type(name: &str) -> bool {
    table().contains_key(name)
}

/// Every concrete R4 resource type, sorted.
pub fn resource_types() -> &'static [&'static str] {
    names()
}

/// The specification's facts about a resource type, if it exists.
pub fn resource_type_info(name: &str) -> Option<&'static ResourceTypeInfo> {
    table().get(name)
}
