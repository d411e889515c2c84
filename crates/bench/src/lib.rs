//! What the bench binaries share: the real `mysehat serve` as a child process, throw-away
//! PostgreSQL databases, signing in, common flags, CPU accounting and percentile arithmetic. Each binary
//! (`fhir/`, `sos/`, `sync/`) keeps only what its workload needs; all traffic goes to 127.0.0.1.

pub mod cli;
pub mod cpu;
pub mod postgres;
pub mod report;
pub mod server;
pub mod session;
pub mod stats;
