//! The validation tables, indexed for the walk: each node's elements by JSON property name
//! (choice variants expanded), type names resolved to nodes, value sets to code sets.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use super::primitive::Primitive;
use crate::data;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Raw {
    nodes: BTreeMap<String, BTreeMap<String, RawElement>>,
    primitives: BTreeMap<String, RawPrimitive>,
    value_sets: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawElement {
    min: u32,
    max: String,
    types: Vec<String>,
    node: Option<String>,
    value_set: Option<String>,
    #[serde(default)]
    summary: bool,
}

#[derive(Debug, Deserialize)]
struct RawPrimitive {
    regex: Option<String>,
}

#[derive(Debug)]
pub(crate) struct Tables {
    pub nodes: Vec<Node>,
    node_index: HashMap<String, usize>,
    pub value_sets: Vec<ValueSet>,
    regexes: HashMap<Primitive, Regex>,
    pub coding: usize,
    pub codeable_concept: usize,
    pub extension: usize,
}

/// A resource, datatype or backbone element.
#[derive(Debug, Default)]
pub(crate) struct Node {
    pub by_json: HashMap<Box<str>, Slot>,
    pub elements: Vec<Element>,
}

/// What a JSON property name means in a node: which element, holding which type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    pub element: usize,
    pub ty: TypeRef,
}

#[derive(Debug)]
pub(crate) struct Element {
    /// The name without `[x]`: `value`, `given`.
    pub name: String,
    pub min: u32,
    /// None for `*`.
    pub max: Option<u32>,
    pub choice: bool,
    /// The FHIR type names it allows, for messages.
    pub types: Vec<String>,
    /// Part of the `_summary=true` view.
    pub summary: bool,
    /// Index into `Tables::value_sets` of a required binding.
    pub value_set: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TypeRef {
    Primitive(Primitive),
    Node(usize),
    Resource,
}

#[derive(Debug, Default)]
pub(crate) struct ValueSet {
    pub url: String,
    pub by_system: HashMap<String, HashSet<String>>,
    pub codes: HashSet<String>,
}

pub(crate) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| build(data::parse("structures.json", data::STRUCTURES)))
}

impl Tables {
    /// The node of a resource type or datatype by name.
    pub fn node(&self, name: &str) -> Option<usize> {
        self.node_index.get(name).copied()
    }

    pub fn regex(&self, primitive: Primitive) -> Option<&Regex> {
        self.regexes.get(&primitive)
    }
}

fn build(raw: Raw) -> Tables {
    let node_index: HashMap<String, usize> = raw
        .nodes
        .keys()
        .enumerate()
        .map(|(i, name)| (name.clone(), i))
        .collect();
    let vs_index: HashMap<&str, usize> = raw
        .value_sets
        .keys()
        .enumerate()
        .map(|(i, url)| (url.as_str(), i))
        .collect();
    let nodes = raw
        .nodes
        .values()
        .map(|elements| build_node(elements, &node_index, &vs_index))
        .collect();
    let value_sets = raw
        .value_sets
        .iter()
        .map(|(url, systems)| value_set(url, systems))
        .collect();
    let regexes = raw
        .primitives
        .iter()
        .filter_map(|(name, p)| Some((Primitive::from_name(name)?, compile(p.regex.as_deref()?))))
        .collect();
    let at = |name: &str| node_index.get(name).copied().unwrap_or(usize::MAX);
    Tables {
        coding: at("Coding"),
        codeable_concept: at("CodeableConcept"),
        extension: at("Extension"),
        nodes,
        node_index,
        value_sets,
        regexes,
    }
}

fn build_node(
    elements: &BTreeMap<String, RawElement>,
    nodes: &HashMap<String, usize>,
    value_sets: &HashMap<&str, usize>,
) -> Node {
    let mut node = Node::default();
    for (name, raw) in elements {
        let element = node.elements.len();
        let base = name.strip_suffix("[x]");
        for ty in &raw.types {
            let Some(type_ref) = resolve(ty, raw.node.as_deref(), nodes) else {
                continue;
            };
            let key = match base {
                Some(base) => choice_name(base, ty),
                None => name.clone(),
            };
            node.by_json.insert(
                key.into(),
                Slot {
                    element,
                    ty: type_ref,
                },
            );
        }
        node.elements.push(Element {
            name: base.unwrap_or(name).to_owned(),
            min: raw.min,
            max: raw.max.parse().ok(),
            choice: base.is_some(),
            types: raw.types.clone(),
            summary: raw.summary,
            value_set: raw
                .value_set
                .as_deref()
                .and_then(|url| value_sets.get(url).copied()),
        });
    }
    node
}

fn resolve(ty: &str, inline: Option<&str>, nodes: &HashMap<String, usize>) -> Option<TypeRef> {
    if let Some(primitive) = Primitive::from_name(ty) {
        return Some(TypeRef::Primitive(primitive));
    }
    match (ty, inline) {
        ("Resource", _) => Some(TypeRef::Resource),
        (_, Some(node)) => nodes.get(node).copied().map(TypeRef::Node),
        (name, None) => nodes.get(name).copied().map(TypeRef::Node),
    }
}

/// `value` + `Quantity` → `valueQuantity`; the Quantity profiles keep Quantity's JSON name.
fn choice_name(base: &str, ty: &str) -> String {
    let suffix = if ty.ends_with("Quantity") {
        "Quantity"
    } else {
        ty
    };
    let mut chars = suffix.chars();
    let first = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .unwrap_or_default();
    format!("{base}{first}{}", chars.as_str())
}

fn value_set(url: &str, systems: &BTreeMap<String, Vec<String>>) -> ValueSet {
    let mut vs = ValueSet {
        url: url.to_owned(),
        ..ValueSet::default()
    };
    for (system, codes) in systems {
        vs.codes.extend(codes.iter().cloned());
        vs.by_system
            .insert(system.clone(), codes.iter().cloned().collect());
    }
    vs
}

/// Compiles a FHIR (XML Schema flavoured) regex for the whole value. `\s` and `\S` mean
/// ASCII whitespace there, not Unicode whitespace as in Rust, so they are spelled out.
fn compile(fhir: &str) -> Regex {
    const SPACE: &str = r" \t\n\r\x0B\x0C";
    let mut out = String::with_capacity(fhir.len() + 32);
    let mut chars = fhir.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some('s')) => out.push_str(&format!("[{SPACE}]")),
            ('\\', Some('S')) => out.push_str(&format!("[^{SPACE}]")),
            ('\\', Some(next)) => {
                out.push('\\');
                out.push(next);
            }
            _ => {
                out.push(c);
                continue;
            }
        }
        chars.next();
    }
    match Regex::new(&format!("^(?:{out})$")) {
        Ok(regex) => regex,
        Err(err) => panic!("FHIR primitive regex {fhir:?} does not compile: {err}"),
    }
}
