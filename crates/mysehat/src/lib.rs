//! The MySehat server: every API module and the web app on one port.
//!
//! Request flow: `http::layers` (request id, trace, limits) → `policy::enforce` (who may call
//! this route) → a module's handler (parse, call the domain and the store, map errors).

pub mod app;
pub mod audit_log;
pub mod audit_writer;
pub mod auth;
pub mod cli;
pub mod config;
pub mod consent;
pub mod demo;
pub mod diagnostics;
pub mod error;
pub mod fhir;
pub mod health;
pub mod health_records;
pub mod http;
pub mod hw;
pub mod i18n;
pub mod modules;
pub mod policy;
pub mod privacy;
pub mod server;
pub mod sos;
pub mod state;
pub mod sync;
pub mod telemetry;
pub mod time;
pub mod web;
pub mod ws;
