//! FHIR R4 knowledge for MySehat, generated from the official definitions: which resource
//! types exist, how each search parameter reads a resource, what a valid resource looks like.
//!
//! Pure: no I/O at run time. The tables in `data/` are produced by `tools/fhir-gen` from the
//! `hl7.fhir.r4.examples@4.0.1` package, embedded at compile time and parsed once on first use.

mod data;

pub mod compartment;
pub mod elements;
pub mod extract;
pub mod resource_types;
pub mod search;
pub mod validate;

pub use compartment::patient_compartment_params;
pub use elements::{is_element, is_summary_element};
pub use extract::{
    ExtractError, IndexEntry, IndexValue, decimal_range, extract_index, extract_param,
    normalize_string, parse_date_range, parse_reference,
};
pub use resource_types::{ResourceTypeInfo, is_resource_type, resource_type_info, resource_types};
pub use search::{
    Component, Computed, ParamKind, ParamPath, SearchParamDef, Step, StepFilter, param, params,
};
pub use validate::{Issue, IssueCode, Severity, validate};

/// The FHIR version every table in this crate describes.
pub const FHIR_VERSION: &str = "4.0.1";
