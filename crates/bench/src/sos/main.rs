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
mod report;
mod sockets;
mod traffic;
mod world;

use anyhow::Context;
use clap::{Parser, ValueEnum};
use mysehat_bench::cli::Common;
use mysehat_bench::report::bytes;
use mysehat_bench::{cpu, postgres, server, session};
use report::Outcome;
use sockets::{Ended, Holder, Spec};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

/// Access tokens must outlive set-up and the run.
const TOKEN_TTL_SECS: &str = "86400";
/// Sockets opened at once while connecting.
const CONNECT_CONCURRENCY: usize = 64;

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

/// The accounts and rates, checked.
#[derive(Debug, Clone, Copy)]
struct Shape {
    mix: people::Mix,
    hospitals: usize,
    desks: usize,
}

impl Args {
    fn shape(&self) -> anyhow::Result<Shape> {
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
        Ok(Shape {
            mix: people::Mix {
                desks_per_hospital: count(self.desks_per_hospital),
                crews,
                patients: sockets - desks - crews,
            },
            hospitals,
            desks,
        })
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    args.common.run(run(&args))
}

async fn run(args: &Args) -> anyhow::Result<bool> {
    let shape = args.shape()?;
    let bin = args.common.server_bin()?;
    // Each socket is a descriptor here and one in the server; HTTP connections come on top.
    let files = limits::ensure_open_files(args.sockets + args.crews + 1024)?;
    println!("machine: {}", mysehat_bench::report::machine());
    println!("server: {}", bin.display());
    println!(
        "shape: {} sockets = {} desks ({} hospitals x {}) + {} crews + {} patients; {} fixes/s, {} SOS/s; \
         warm-up {} s, measured {} s, jobs {} s; open-file limit {files}; bench runtime threads: {}",
        args.sockets,
        shape.desks,
        shape.hospitals,
        args.desks_per_hospital,
        shape.mix.crews,
        shape.mix.patients,
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
    let outcome = measure(args, shape, backend, &mut server).await;
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

/// Set-up, sockets, warm-up, the measured window and the drain, against a started server.
async fn measure(
    args: &Args,
    shape: Shape,
    backend: &'static str,
    server: &mut server::Server,
) -> anyhow::Result<Outcome> {
    let client = session::client()?;
    server.wait_healthy(&client).await?;
    server.create_admin()?;
    let base = server.base.clone();
    let admin = session::login(
        &client,
        &base,
        session::ADMIN_PHONE,
        session::ADMIN_PASSWORD,
    )
    .await?;
    println!(
        "[{backend}] server up at {base} (pid {})",
        server.pid().unwrap_or(0)
    );

    let started = Instant::now();
    let world = world::World::new(args.seed, shape.hospitals, shape.mix.patients);
    people::registry(&client, &base, &admin, &world).await?;
    let concurrency = usize::try_from(args.setup_concurrency).unwrap_or(1);
    let people = people::accounts(&client, &base, &admin, &world, shape.mix, concurrency).await?;
    println!(
        "[{backend}] set-up: {} hospitals and {} accounts in {:.0} s",
        world.hospitals.len(),
        people.desks.len() + people.crews.len() + people.patients.len(),
        started.elapsed().as_secs_f64()
    );

    let (specs, desks_at) = socket_specs(&people, shape.hospitals);
    let ws_base = base.replacen("http://", "ws://", 1);
    let rss_before = server.rss_kib();
    let sockets = sockets::open_all(&ws_base, specs, CONNECT_CONCURRENCY).await?;
    let kib = |k: Option<u64>| k.map_or_else(|| "unknown".into(), |k| bytes(k * 1024));
    println!(
        "[{backend}] server resident set: {} after set-up, {} with {} sockets open",
        kib(rss_before),
        kib(server.rss_kib()),
        sockets.len()
    );
    let timeout = Duration::from_secs(args.request_timeout);
    let run = Arc::new(traffic::Run {
        calls: calls::Calls::new(client, base, timeout),
        ledger: Arc::new(ledger::Ledger::default()),
        fleet: traffic::Fleet::new(people.crews.len()),
        people,
        world,
        desks_at,
        job_length: Duration::from_secs(args.job_seconds),
        sos_sent: 0.into(),
        fixes_sent: 0.into(),
        fixes_owed: 0.into(),
    });

    // Readers and the dispatch worker run until the very end; the traffic stops first.
    let (stop_sockets, sockets_stopped) = watch::channel(false);
    let (stop_traffic, traffic_stopped) = watch::channel(false);
    let (claims_tx, claims) = mpsc::unbounded_channel();
    let counts = Arc::new(sockets::Counts::default());
    let readers = sockets::Readers {
        ledger: run.ledger.clone(),
        counts: counts.clone(),
        claims: claims_tx,
        stop: sockets_stopped.clone(),
    };
    let mut reading = JoinSet::new();
    for (spec, socket) in sockets {
        reading.spawn(sockets::read(socket, spec, readers.clone()));
    }
    drop(readers);
    let dispatcher = tokio::spawn(traffic::dispatch(run.clone(), claims, sockets_stopped));

    let mut traffic = JoinSet::new();
    let crews = run.people.crews.len();
    let period = Duration::from_secs_f64(crews as f64 / args.position_rate);
    let start = tokio::time::Instant::now();
    for i in 0..crews {
        // Spread the ambulances' clocks evenly over one period, for a steady total rate.
        let first = start + period.mul_f64(i as f64 / crews as f64);
        traffic.spawn(traffic::drive(
            run.clone(),
            i,
            first,
            period,
            traffic_stopped.clone(),
        ));
    }
    traffic.spawn(traffic::raise_sos(
        run.clone(),
        args.sos_rate,
        traffic_stopped,
    ));
    println!("[{backend}] traffic started; warm-up {} s", args.warmup);
    tokio::time::sleep(Duration::from_secs(args.warmup)).await;

    run.ledger.start_window();
    run.calls.start_window();
    let counters = |run: &traffic::Run| {
        [&run.sos_sent, &run.fixes_sent, &run.fixes_owed].map(|c| c.load(Ordering::Relaxed))
    };
    let before = counters(&run);
    let cpu_before = cpu::sample(server.pid());
    let window_start = Instant::now();
    println!("[{backend}] measuring {} s", args.seconds);
    // Each second: the server's resident set, and who kept the cores busy.
    let mut rss_kib = server.rss_kib();
    let mut each_second = Vec::new();
    let mut last = cpu_before;
    let window_end = tokio::time::Instant::now() + Duration::from_secs(args.seconds);
    while tokio::time::Instant::now() < window_end {
        let next = tokio::time::Instant::now() + Duration::from_secs(1);
        tokio::time::sleep_until(window_end.min(next)).await;
        rss_kib = rss_kib.max(server.rss_kib());
        let now = cpu::sample(server.pid());
        each_second.push(now.since(last));
        last = now;
    }
    let window = window_start.elapsed();
    let cpu = cpu::sample(server.pid()).since(cpu_before);
    let after = counters(&run);
    let calls = run.calls.reports(window);
    let _ = stop_traffic.send(true);
    while traffic.join_next().await.is_some() {}

    let deadline = Instant::now() + Duration::from_secs(args.drain);
    while run.ledger.owed() > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let peak_rss_kib = server.peak_rss_kib();
    let _ = stop_sockets.send(true);
    dispatcher.await.context("the dispatch worker failed")?;
    let mut ended_early = 0;
    let mut ended_samples = Vec::new();
    while let Some(ended) = reading.join_next().await {
        let why = match ended {
            Ok(Ended::Stopped) => continue,
            Ok(Ended::Early(why)) => why,
            Err(e) => format!("the reading task failed: {e}"),
        };
        ended_early += 1;
        if ended_samples.len() < 3 {
            ended_samples.push(why);
        }
    }
    Ok(Outcome {
        backend,
        window,
        sos_sent: after[0] - before[0],
        fixes_sent: after[1] - before[1],
        fixes_owed: after[2] - before[2],
        tally: run.ledger.tally(),
        calls,
        cpu,
        each_second,
        ended_early,
        ended_samples,
        unreadable: counts.unreadable.load(Ordering::Relaxed),
        none_free: run.fleet.none_free.load(Ordering::Relaxed),
        rss_kib,
        peak_rss_kib,
        server_errors: Vec::new(),
        server_warnings: Vec::new(),
    })
}

/// One spec per socket (desks first, so a desk's socket number is its index in `desks`), and
/// the desk socket numbers of each hospital.
fn socket_specs(people: &people::People, hospitals: usize) -> (Vec<Spec>, Vec<Vec<usize>>) {
    let mut desks_at = vec![Vec::new(); hospitals];
    let mut specs = Vec::new();
    for (i, desk) in people.desks.iter().enumerate() {
        desks_at[desk.hospital].push(specs.len());
        specs.push(Spec {
            index: specs.len(),
            holder: Holder::Desk(i),
            token: desk.token.clone(),
        });
    }
    for crew in &people.crews {
        specs.push(Spec {
            index: specs.len(),
            holder: Holder::Crew,
            token: crew.token.clone(),
        });
    }
    for patient in &people.patients {
        specs.push(Spec {
            index: specs.len(),
            holder: Holder::Patient,
            token: patient.token.clone(),
        });
    }
    (specs, desks_at)
}
