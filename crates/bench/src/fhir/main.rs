//! `fhir-bench`: loads the Synthea sample into the real `mysehat` server and measures FHIR reads
//! and searches, on SQLite and on PostgreSQL, against the targets in DESIGN.md. All traffic goes
//! to 127.0.0.1, bounded in time; every server it starts is stopped. See docs/PERFORMANCE.md.

mod api;
mod dataset;
mod load;
mod mix;
mod report;

use anyhow::Context;
use clap::{Parser, ValueEnum};
use mysehat_bench::cli::Common;
use mysehat_bench::{cpu, postgres, server};
use report::BackendReport;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// Load Synthea bundles into a fresh `mysehat serve` and measure FHIR reads and searches.
#[derive(Debug, Parser)]
#[command(name = "fhir-bench")]
struct Args {
    /// Which database backends to measure.
    #[arg(long, value_enum, default_value = "both")]
    backend: Backend,
    /// How many patient bundles to load (all when omitted).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    patients: Option<u64>,
    /// Seconds to run each request shape of the read/search mix.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=300))]
    seconds: u64,
    /// Concurrent clients in the read/search mix.
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u64).range(1..=512))]
    clients: u64,
    /// Seconds after which one read/search request counts as failed.
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=600))]
    request_timeout: u64,
    /// Concurrent uploaders of patient bundles.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=64))]
    load_concurrency: u64,
    /// PostgreSQL only: run ANALYZE after the load, as autovacuum would some time later
    /// (without it, a server with autovacuum off plans every search without statistics).
    #[arg(long)]
    analyze_after_load: bool,
    /// The Synthea directory (`*.json.bz2`).
    #[arg(
        long,
        env = "MYSEHAT_SYNTHEA_DIR",
        default_value = "../shared/data/synthea"
    )]
    data: PathBuf,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Backend {
    Sqlite,
    Postgres,
    Both,
}

fn main() -> ExitCode {
    let args = Args::parse();
    args.common.run(run(&args))
}

/// Runs every chosen backend; `Ok(false)` when any of them failed or answered wrongly.
async fn run(args: &Args) -> anyhow::Result<bool> {
    let bin = args.common.server_bin()?;
    println!("machine: {}", mysehat_bench::report::machine());
    println!("server: {}", bin.display());
    let patients = args
        .patients
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    let dir = args.data.clone();
    let data = tokio::task::spawn_blocking(move || dataset::read(&dir, patients)).await??;
    println!(
        "data: {} batch + {} patient bundles from {}, {} resources",
        data.batches.len(),
        data.patients.len(),
        args.data.display(),
        data.resources()
    );
    println!(
        "mix: {} clients, {} s per shape; load: {} concurrent uploaders; bench runtime threads: {}",
        args.clients,
        args.seconds,
        args.load_concurrency,
        args.common.threads()
    );
    let data = Arc::new(data);
    let backends: &[&'static str] = match args.backend {
        Backend::Sqlite => &["sqlite"],
        Backend::Postgres => &["postgres"],
        Backend::Both => &["sqlite", "postgres"],
    };
    let (reports, ok) = mysehat_bench::cli::each_backend(backends, async |backend| {
        run_backend(args, &bin, &data, backend).await
    })
    .await;
    report::print_comparison(&reports);
    if !ok {
        eprintln!("\nfhir-bench: some requests failed or answered wrongly (see above)");
    }
    Ok(ok)
}

/// One backend from a fresh database to a stopped server. `None` when PostgreSQL is not
/// reachable; the flag says whether every request succeeded with the right content.
async fn run_backend(
    args: &Args,
    bin: &std::path::Path,
    data: &Arc<dataset::Dataset>,
    backend: &'static str,
) -> anyhow::Result<Option<(BackendReport, bool)>> {
    let mut database = None;
    if backend == "postgres" {
        match postgres::Database::create(&args.common.postgres) {
            Ok(db) => {
                println!("[postgres] {}; database {}", db.describe(), db.name);
                database = Some(db);
            }
            Err(why) => {
                println!("[postgres] SKIPPED: {why}");
                return Ok(None);
            }
        }
    }
    let url = database.as_ref().map(postgres::Database::url);
    let mut server = server::Server::start(bin, url.as_deref(), &[])?;
    let outcome = measure(args, data, backend, &mut server, database.as_ref()).await;
    if outcome.is_err() {
        eprintln!(
            "[{backend}] server log (last lines):\n{}",
            server.log_tail(20)
        );
    }
    let status = server.stop();
    let errors = server.logged_errors();
    if !errors.is_empty() {
        println!(
            "[{backend}] the server logged {} errors; the first ones:",
            errors.len()
        );
        for line in errors.iter().take(5) {
            println!("    {}", mysehat_bench::report::truncate(line, 400));
        }
    }
    if let Some(db) = database.as_mut() {
        db.drop_now()
            .with_context(|| format!("cannot drop the bench database {}", db.name))?;
    }
    let mut report = outcome?;
    println!("[{backend}] server stopped: {}", status?);
    report.database_bytes = report.database_bytes.filter(|_| backend == "postgres");
    let clean = report.load.batch_failed == 0
        && report.shapes.iter().all(|s| s.errors == 0 && s.wrong == 0);
    Ok(Some((report, clean)))
}

async fn measure(
    args: &Args,
    data: &Arc<dataset::Dataset>,
    backend: &'static str,
    server: &mut server::Server,
    database: Option<&postgres::Database>,
) -> anyhow::Result<BackendReport> {
    let client = mysehat_bench::session::client()?;
    server.wait_healthy(&client).await?;
    server.create_admin()?;
    let api = Arc::new(api::Api::login(client, server.base.clone()).await?);
    println!(
        "[{backend}] server up at {} (pid {})",
        server.base,
        server.pid().unwrap_or(0)
    );
    let load_concurrency = usize::try_from(args.load_concurrency).unwrap_or(1);
    let cpu_before = cpu::sample(server.pid());
    let (load, pools) = load::run(&api, data, load_concurrency).await?;
    report::print_load(backend, &load);
    let used = cpu::sample(server.pid()).since(cpu_before);
    let wall = (load.batch_time + load.patient_time)
        .as_secs_f64()
        .max(1e-9);
    println!(
        "[{backend}] load CPU: bench {:.1} cores, server {:.1}, whole machine {:.1} (of {})",
        used.bench_seconds / wall,
        used.server_seconds / wall,
        used.machine_seconds / wall,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "[{backend}] targets: {} observations, {} LOINC codes, {} family prefixes, {} patients ({} with recent observations)",
        pools.observation_ids.len(),
        pools.loinc_codes.len(),
        pools.family_prefixes.len(),
        pools.patients_with_observations.len(),
        pools.patients_with_recent.len()
    );
    if let Some(db) = database.filter(|_| args.analyze_after_load) {
        db.analyze().context("ANALYZE after the load")?;
        println!("[{backend}] ANALYZE run after the load (--analyze-after-load)");
    }
    let pools = Arc::new(pools);
    let clients = usize::try_from(args.clients).unwrap_or(1);
    let mut shapes = Vec::new();
    for shape in mix::Shape::ALL {
        let spec = mix::Spec {
            duration: Duration::from_secs(args.seconds),
            request_timeout: Duration::from_secs(args.request_timeout),
            server_pid: server.pid(),
        };
        shapes.push(mix::run(&api, &pools, shape, clients, spec).await?);
    }
    report::print_table(backend, clients, &shapes);
    let report = BackendReport {
        backend,
        load,
        shapes,
        peak_rss_kib: server.peak_rss_kib(),
        data_dir_bytes: server.data_dir_bytes(),
        database_bytes: database.and_then(postgres::Database::size_bytes),
    };
    report::print_resources(&report);
    Ok(report)
}
