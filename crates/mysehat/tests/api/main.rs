//! The API's integration tests: one binary, each test with a fresh database, the router driven
//! in-process (and a real listener where the network matters: WebSockets, the CLI).

mod audit;
mod auth;
mod cli;
mod consent;
mod diagnostics;
mod fhir;
mod fhir_access;
mod fhir_conformance;
mod platform;
mod policy;
mod privacy;
mod records;
mod shutdown;
mod sos;
mod sync;
mod sync_faults;
mod util;
