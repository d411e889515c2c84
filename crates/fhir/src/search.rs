//! The R4 search parameters, compiled by the generator into JSON paths, so that indexing a
//! resource walks a few steps instead of running a FHIRPath interpreter on every write.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::data;
use crate::resource_types::{is_resource_type, resource_type_info};

/// The search parameter types of FHIR R4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamKind {
    Token,
    String,
    Date,
    Reference,
    Quantity,
    Number,
    Uri,
    Composite,
    Special,
}

/// One search parameter as it applies to one resource type.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchParamDef {
    /// The type it is defined on; `Resource` or `DomainResource` for the common ones
    /// (`_id`, `_lastUpdated`, `_tag`, `_profile`, `_security`, `_source`, `_text`, …).
    pub resource_type: String,
    pub code: String,
    pub kind: ParamKind,
    /// The canonical URL of the SearchParameter definition.
    pub url: String,
    /// The part of the official FHIRPath expression that applies to `resource_type`.
    pub expression: String,
    /// Resource types a reference parameter may point to.
    pub targets: Vec<String>,
    /// Compiled paths; each ends at a value of one FHIR type.
    pub paths: Vec<ParamPath>,
    /// False when extraction cannot index it (composite, special, no expression).
    pub supported: bool,
    /// Why it is not supported.
    pub reason: Option<String>,
    /// Components of a composite parameter, kept for a later implementation.
    pub components: Vec<Component>,
    /// Set when the value is computed rather than read (Patient `deceased`).
    pub computed: Option<Computed>,
}

/// A compiled path: steps over the resource's JSON, ending at a value of `value_type`.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamPath {
    pub steps: Vec<Step>,
    /// The FHIR type at the end: `CodeableConcept`, `dateTime`, `Reference`, …
    pub value_type: String,
}

/// One step: a JSON property name, optionally filtering the values found there.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub name: String,
    pub filter: Option<StepFilter>,
}

/// How a step narrows the values it finds.
#[derive(Debug, Clone, PartialEq)]
pub enum StepFilter {
    /// `entry[0]`: only the value at this position.
    Index(usize),
    /// `.where(system='email')`: the child primitive equals the text.
    Equals { child: String, value: String },
    /// `.where(resolve() is Patient)`: references whose target is of this type (or unknown).
    TargetType(String),
    /// `.extension('url')`: extensions with this url.
    ExtensionUrl(String),
    /// `.where(hasExtension('url'))`: values carrying an extension with this url.
    HasExtension(String),
}

/// One component of a composite parameter, as the definition gives it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Component {
    pub definition: String,
    /// The code of the component's own parameter, when the definition is in the package.
    pub code: Option<String>,
    pub expression: String,
}

/// Values computed from the paths instead of read from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Computed {
    /// `X.exists() and X != false`: token `true` or `false`.
    #[serde(rename = "exists-and-not-false")]
    ExistsAndNotFalse,
}

#[derive(Debug, Deserialize)]
struct Table {
    params: HashMap<String, Vec<RawParam>>,
}

#[derive(Debug, Deserialize)]
struct RawParam {
    code: String,
    #[serde(rename = "type")]
    kind: ParamKind,
    url: String,
    #[serde(default)]
    expression: String,
    supported: bool,
    reason: Option<String>,
    #[serde(default)]
    targets: Vec<String>,
    #[serde(default)]
    paths: Vec<RawPath>,
    #[serde(default)]
    components: Vec<Component>,
    computed: Option<Computed>,
}

#[derive(Debug, Deserialize)]
struct RawPath {
    steps: Vec<RawStep>,
    #[serde(rename = "type")]
    value_type: String,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawStep {
    Name(String),
    Filtered {
        n: String,
        index: Option<usize>,
        equals: Option<(String, String)>,
        target: Option<String>,
        url: Option<String>,
        #[serde(rename = "hasExtension")]
        has_extension: Option<String>,
    },
}

impl From<RawStep> for Step {
    fn from(raw: RawStep) -> Self {
        match raw {
            RawStep::Name(name) => Step { name, filter: None },
            RawStep::Filtered {
                n,
                index,
                equals,
                target,
                url,
                has_extension,
            } => {
                let filter = index
                    .map(StepFilter::Index)
                    .or(equals.map(|(child, value)| StepFilter::Equals { child, value }))
                    .or(target.map(StepFilter::TargetType))
                    .or(url.map(StepFilter::ExtensionUrl))
                    .or(has_extension.map(StepFilter::HasExtension));
                Step { name: n, filter }
            }
        }
    }
}

impl RawParam {
    fn into_def(self, resource_type: &str) -> SearchParamDef {
        let paths = self
            .paths
            .into_iter()
            .map(|p| ParamPath {
                steps: p.steps.into_iter().map(Step::from).collect(),
                value_type: p.value_type,
            })
            .collect();
        SearchParamDef {
            resource_type: resource_type.to_owned(),
            code: self.code,
            kind: self.kind,
            url: self.url,
            expression: self.expression,
            targets: self.targets,
            paths,
            supported: self.supported,
            reason: self.reason,
            components: self.components,
            computed: self.computed,
        }
    }
}

/// Parameters per type, sorted by code.
fn table() -> &'static HashMap<String, Vec<SearchParamDef>> {
    static TABLE: OnceLock<HashMap<String, Vec<SearchParamDef>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let raw: Table = data::parse("search-parameters.json", data::SEARCH_PARAMETERS);
        raw.params
            .into_iter()
            .map(|(ty, params)| {
                let mut defs: Vec<_> = params.into_iter().map(|p| p.into_def(&ty)).collect();
                defs.sort_by(|a, b| a.code.cmp(&b.code));
                (ty, defs)
            })
            .collect()
    })
}

fn defined_on(resource_type: &str) -> &'static [SearchParamDef] {
    table().get(resource_type).map(Vec::as_slice).unwrap_or(&[])
}

/// The common parameter sets that apply to a resource type, most specific first.
fn common_bases(resource_type: &str) -> [&'static [SearchParamDef]; 2] {
    let Some(info) = resource_type_info(resource_type) else {
        return [&[], &[]];
    };
    let domain = if info.domain_resource {
        defined_on("DomainResource")
    } else {
        &[]
    };
    [domain, defined_on("Resource")]
}

/// The parameter `code` on `resource_type`, falling back to the common Resource and
/// DomainResource parameters. None for unknown types or codes.
pub fn param(resource_type: &str, code: &str) -> Option<&'static SearchParamDef> {
    let find = |defs: &'static [SearchParamDef]| {
        defs.binary_search_by(|d| d.code.as_str().cmp(code))
            .ok()
            .map(|i| &defs[i])
    };
    if !is_resource_type(resource_type) {
        return None;
    }
    let [domain, resource] = common_bases(resource_type);
    find(defined_on(resource_type))
        .or_else(|| find(domain))
        .or_else(|| find(resource))
}

/// Every parameter of `resource_type` (its own, sorted by code, then the common ones).
/// Empty for unknown types.
pub fn params(resource_type: &str) -> impl Iterator<Item = &'static SearchParamDef> + use<> {
    let own = if is_resource_type(resource_type) {
        defined_on(resource_type)
    } else {
        &[]
    };
    let [domain, resource] = common_bases(resource_type);
    own.iter().chain(domain).chain(resource)
}
