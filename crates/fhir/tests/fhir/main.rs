//! The crate's behaviour tests, in one binary: indexing, validation, and (when
//! `MYSEHAT_TEST_FHIR_PACKAGE` points at the unpacked `hl7.fhir.r4.examples` package) the
//! official examples and the generated tables' freshness.

mod dates;
mod extract;
mod extract_values;
mod normalize;
mod package;
mod search;
mod support;
mod validate;
mod validate_values;
