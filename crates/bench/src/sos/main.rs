//! `sos-bench`: thousands of WebSocket clients (dispatchers, crews, patients) on the real
//! `mysehat` server, ambulances posting fixes at a steady total rate and patients raising SOS
//! at a steady rate; measures how long an SOS takes to reach each alerted desk and a fix to
//! reach the patient, against the targets in DESIGN.md. Set-up (accounts, sockets) is not
//! measured; the phases are bounded in time; the server is always stopped. See
//! docs/PERFORMANCE.md.

mod calls;
mod ledger;
mod limits;
mod people;
mod phases;
mod report;
mod sockets;
mod traffic;
mod world;

use anyhow::Context;
use clap::{Parser, ValueEnum};
use mysehat_bench::cli::Common;
use mysehat_bench::{postgres, server};
use phases::Plan;
use std::process::ExitCode;
use std::time::Duration;

/// Access tokens must outlive set-up and the run.
const TOKEN_TTL_SECS: &str = "86400";

/// SOS alerts and ambulance tracking under load, on a fresh `mysehat serve`.
#[derive(Debug, Parser)]
#[command(name = "sos-bench")]
struct Args {
    /// Which database backend the server runs on.
    #[arg(long, value_enum, default_value = "sqlite")]
    backend: Backend,
    /// WebSocket clients in all: desks and crews as below, patients the rest.
    #[arg(long, default_value_t = 5000, value_parser = clap::value_parser!(u64).range(3..=50_000))]
    sockets: u64,
    /// Hospitals in the registry, scattered over the region.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(3..=10_000))]
    hospitals: u64,
    /// Dispatcher sockets at each hospital's desk.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=20))]
    desks_per_hospital: u64,
    /// Ambulance crews on duty (one socket and one ambulance each).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=20_000))]
    crews: u64,
    /// Position fixes per second from all ambulances together.
    #[arg(long, default_value_t = 1000.0)]
    position_rate: f64,
    /// SOS raised per second.
    #[arg(long, default_value_t = 5.0)]
    sos_rate: f64,
    /// Seconds measured.
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
    seconds: u64,
    /// Seconds of the same traffic before measuring, so that jobs reach a steady number.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(0..=3600))]
    warmup: u64,
    /// Seconds a crew drives with a job before closing it and being free again.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    job_seconds: u64,
    /// Seconds to wait after the traffic stops for alerts and positions still owed.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    drain: u64,
    /// Accounts made at once during set-up (each costs the server two Argon2 hashes, CPU-bound;
    /// more at once only swells the server's memory).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=256))]
    setup_concurrency: u64,
    /// Seconds after which one request counts as failed.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
    request_timeout: u64,
    /// Seed of the region: where hospitals and homes are.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Backend {
    Sqlite,
    Postgres,
}

impl Args {
    /// The run the flags ask for, checked.
    fn plan(&self) -> anyhow::Result<Plan> {
        let count = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        let (sockets, hospitals) = (count(self.sockets), count(self.hospitals));
        let desks = hospitals * count(self.desks_per_hospital);
        let crews = count(self.crews);
        anyhow::ensure!(
            desks + crews < sockets,
            "{desks} desk and {crews} crew sockets leave no patients among {sockets} sockets"
        );
        anyhow::ensure!(
            self.position_rate > 0.0 && self.position_rate.is_finite(),
            "--position-rate must be above zero"
        );
        anyhow::ensure!(
            self.sos_rate > 0.0 && self.sos_rate.is_finite(),
            "--sos-rate must be above zero"
        );
        Ok(Plan {
            seed: self.seed,
            hospitals,
            mix: people::Mix {
                desks_per_hospital: count(self.desks_per_hospital),
                crews,
                patients: sockets - desks - crews,
            },
            setup_concurrency: count(self.setup_concurrency),
            request_timeout: Duration::from_secs(self.request_timeout),
            job_length: Duration::from_secs(self.job_seconds),
            position_rate: self.position_rate,
            sos_rate: self.sos_rate,
            warmup: Duration::from_secs(self.warmup),
            window: Duration::from_secs(self.seconds),
            drain: Duration::from_secs(self.drain),
        })
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    args.common.run(run(&args))
}

async fn run(args: &Args) -> anyhow::Result<bool> {
    let plan = args.plan()?;
    let bin = args.common.server_bin()?;
    // Each socket is a descriptor here and one in the server; HTTP connections come on top.
    let files = limits::ensure_open_files(args.sockets + args.crews + 1024)?;
    println!("machine: {}", mysehat_bench::report::machine());
    println!("server: {}", bin.display());
    println!(
        "shape: {} sockets = {} desks ({} hospitals x {}) + {} crews + {} patients; {} fixes/s, {} SOS/s; \
         warm-up {} s, measured {} s, jobs {} s; open-file limit {files}; bench runtime threads: {}",
        args.sockets,
        plan.hospitals * plan.mix.desks_per_hospital,
        plan.hospitals,
        args.desks_per_hospital,
        plan.mix.crews,
        plan.mix.patients,
        args.position_rate,
        args.sos_rate,
        args.warmup,
        args.seconds,
        args.job_seconds,
        args.common.threads()
    );
    let backend = match args.backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let mut database = None;
    if args.backend == Backend::Postgres {
        let db = postgres::Database::create(&args.common.postgres).map_err(anyhow::Error::msg)?;
        println!("[postgres] {}; database {}", db.describe(), db.name);
        database = Some(db);
    }
    let url = database.as_ref().map(postgres::Database::url);
    let settings = [("MYSEHAT_ACCESS_TOKEN_TTL_SECS", TOKEN_TTL_SECS.to_owned())];
    let mut server = server::Server::start(&bin, url.as_deref(), &settings)?;
    let outcome = phases::measure(&plan, backend, &mut server).await;
    if outcome.is_err() {
        eprintln!(
            "[{backend}] server log (last lines):\n{}",
            server.log_tail(20)
        );
    }
    let status = server.stop();
    let (errors, warnings) = (server.logged_errors(), server.logged_warnings());
    if let Some(db) = database.as_mut() {
        db.drop_now()
            .with_context(|| format!("cannot drop the bench database {}", db.name))?;
    }
    let mut outcome = outcome?;
    outcome.server_errors = errors;
    outcome.server_warnings = warnings;
    println!("[{backend}] server stopped: {}", status?);
    report::print(&outcome);
    let clean = outcome.clean();
    if !clean {
        eprintln!(
            "\nsos-bench: requests failed, deliveries were missed or sockets lost (see above)"
        );
    }
    Ok(clean)
}
