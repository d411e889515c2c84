//! `sync-bench`: health workers' phones coming back online together, against the real
//! `mysehat serve --demo` on SQLite and on PostgreSQL. Several devices push a day's household
//! and visit saves at once (every result must be `applied`), the same pushes are replayed
//! (they must write nothing), one device pulls everything page by page, then pulls again and
//! again with nothing new; figures beside the sync targets in DESIGN.md. All traffic goes to
//! 127.0.0.1; every server it starts is stopped. See docs/PERFORMANCE.md.

mod pull;
mod push;
mod records;
mod report;
mod visit;

use anyhow::Context;
use clap::{Parser, ValueEnum};
use mysehat_bench::cli::Common;
use mysehat_bench::{postgres, server, session};
use records::Day;
use report::BackendReport;
use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// The demo health worker (`serve --demo`) and the village her records are tagged with.
const WORKER_PHONE: &str = "+919000000003";
const DEMO_PASSWORD: &str = "mysehat-demo";
const VILLAGE: &str = "demo-village-rampur";
/// Access tokens must outlive the run.
const TOKEN_TTL_SECS: &str = "86400";
/// The server's limits per push (docs/SYNC.md).
const MAX_GROUPS: usize = 200;
const MAX_MUTATIONS: usize = 2_000;
/// The web app's page size (`web/src/hw/sync.ts`).
const APP_PAGE: usize = 200;

/// Push and pull offline-sync changes against a fresh `mysehat serve --demo`.
#[derive(Debug, Parser)]
#[command(name = "sync-bench")]
struct Args {
    /// Which database backends to measure.
    #[arg(long, value_enum, default_value = "both")]
    backend: Backend,
    /// Devices pushing at once (all signed in as the demo health worker).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..=256))]
    devices: u64,
    /// Mutations to push in all (rounded up to whole pushes on every device).
    #[arg(long, default_value_t = 30_000, value_parser = clap::value_parser!(u64).range(1..=2_000_000))]
    mutations: u64,
    /// Household saves per push (each: Group, Location and four Patients).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=200))]
    households_per_push: u64,
    /// Visit saves per push (each: Encounter and QuestionnaireResponse).
    #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u64).range(0..=200))]
    visits_per_push: u64,
    /// Timed no-change pulls (`?cursor=…&limit=1000`), and as many again with `&device=…`.
    #[arg(long, default_value_t = 2_000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pulls: u64,
    /// Timed no-change pulls as the web app asks (with `device` and `digest=true`); 0 skips them.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(0..=1_000_000))]
    app_pulls: u64,
    /// Seconds after which one request counts as failed.
    #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=600))]
    request_timeout: u64,
    /// Seed of the positions and names in the records.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Backend {
    Sqlite,
    Postgres,
    Both,
}

/// The run the flags ask for, checked against the server's limits.
#[derive(Debug, Clone, Copy)]
struct Plan {
    devices: usize,
    pushes_per_device: usize,
    day: Day,
    pulls: usize,
    app_pulls: usize,
    timeout: Duration,
    seed: u64,
}

impl Args {
    fn plan(&self) -> anyhow::Result<Plan> {
        let count = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        let day = Day {
            households: count(self.households_per_push),
            visits: count(self.visits_per_push),
        };
        anyhow::ensure!(
            day.households + day.visits <= MAX_GROUPS && day.mutations() <= MAX_MUTATIONS,
            "a push may carry at most {MAX_GROUPS} groups and {MAX_MUTATIONS} mutations; these flags make {} groups and {} mutations",
            day.households + day.visits,
            day.mutations()
        );
        let devices = count(self.devices);
        let per_round = devices * day.mutations();
        Ok(Plan {
            devices,
            pushes_per_device: count(self.mutations).div_ceil(per_round),
            day,
            pulls: count(self.pulls),
            app_pulls: count(self.app_pulls),
            timeout: Duration::from_secs(self.request_timeout),
            seed: self.seed,
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
    println!("machine: {}", mysehat_bench::report::machine());
    println!("server: {} serve --demo", bin.display());
    println!(
        "shape: {} devices x {} pushes of {} household + {} visit groups ({} mutations) = {} mutations; \
         {} no-change pulls (and {} with `device`, {} as the app asks); bench runtime threads: {}",
        plan.devices,
        plan.pushes_per_device,
        plan.day.households,
        plan.day.visits,
        plan.day.mutations(),
        plan.devices * plan.pushes_per_device * plan.day.mutations(),
        plan.pulls,
        plan.pulls,
        plan.app_pulls,
        args.common.threads()
    );
    let backends: &[&'static str] = match args.backend {
        Backend::Sqlite => &["sqlite"],
        Backend::Postgres => &["postgres"],
        Backend::Both => &["sqlite", "postgres"],
    };
    let (reports, ok) = mysehat_bench::cli::each_backend(backends, async |backend| {
        let report = run_backend(args, &plan, &bin, backend).await?;
        Ok(report.map(|r| {
            let clean = r.clean();
            (r, clean)
        }))
    })
    .await;
    report::print_comparison(&reports);
    if !ok {
        eprintln!("\nsync-bench: pushes or pulls failed or answered wrongly (see above)");
    }
    Ok(ok)
}

/// One backend from a fresh database to a stopped server; `None` when PostgreSQL is not
/// reachable.
async fn run_backend(
    args: &Args,
    plan: &Plan,
    bin: &Path,
    backend: &'static str,
) -> anyhow::Result<Option<BackendReport>> {
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
    let settings = [("MYSEHAT_ACCESS_TOKEN_TTL_SECS", TOKEN_TTL_SECS.to_owned())];
    let mut server = server::Server::start_with_flags(bin, url.as_deref(), &settings, &["--demo"])?;
    let outcome = measure(plan, backend, &mut server, database.as_ref()).await;
    if outcome.is_err() {
        eprintln!(
            "[{backend}] server log (last lines):\n{}",
            server.log_tail(20)
        );
    }
    let status = server.stop();
    let errors = server.logged_errors();
    if let Some(db) = database.as_mut() {
        db.drop_now()
            .with_context(|| format!("cannot drop the bench database {}", db.name))?;
    }
    let mut report = outcome?;
    report.server_errors = errors;
    report::print(&report);
    println!("[{backend}] server stopped: {}", status?);
    Ok(Some(report))
}

async fn measure(
    plan: &Plan,
    backend: &'static str,
    server: &mut server::Server,
    database: Option<&postgres::Database>,
) -> anyhow::Result<BackendReport> {
    let client = session::client()?;
    server.wait_healthy(&client).await?;
    let token = session::login(&client, &server.base, WORKER_PHONE, DEMO_PASSWORD).await?;
    check_village(&client, &server.base, &token).await?;
    println!(
        "[{backend}] server up at {} (pid {}); signed in as the demo health worker {WORKER_PHONE}",
        server.base,
        server.pid().unwrap_or(0)
    );
    let loads = Arc::new(records::build(
        plan.devices,
        plan.pushes_per_device,
        plan.day,
        VILLAGE,
        plan.seed,
    ));
    let target = push::Target {
        client: client.clone(),
        base: server.base.clone(),
        token: token.clone(),
        timeout: plan.timeout,
        server_pid: server.pid(),
    };
    println!("[{backend}] pushing");
    let first = push::run(&target, &loads, push::Pass::First, None).await?;

    let puller = pull::Puller {
        client: reqwest::Client::builder()
            .pool_max_idle_per_host(1)
            .tcp_nodelay(true)
            .build()
            .context("cannot build the pull client")?,
        base: server.base.clone(),
        token,
        timeout: plan.timeout,
        server_pid: server.pid(),
    };
    println!("[{backend}] first sync");
    let first_sync = pull::first_sync(&puller).await?;
    let cursor = first_sync.cursor.clone().unwrap_or_default();
    let pushed: HashSet<&String> = loads
        .iter()
        .flat_map(|l| l.pushes.iter().flat_map(|p| &p.records))
        .collect();
    let missing = pushed
        .iter()
        .filter(|r| !first_sync.records.contains(r.as_str()))
        .count();

    println!("[{backend}] replaying every push");
    let replay = push::run(&target, &loads, push::Pass::Replay, Some(&first)).await?;
    let after = puller
        .pull(Some(&cursor), pull::PAGE, &[("digest", "true".into())])
        .await
        .map_err(|why| anyhow::anyhow!("pull after the replay: {why}"))?;
    let digest_count = after.digest.as_ref().and_then(|d| d["count"].as_u64());

    println!("[{backend}] no-change pulls");
    let no_change = pull::no_change(&puller, &cursor, plan.pulls, pull::PAGE, &[]).await;
    let device = [("device", loads[0].device.clone())];
    let with_device = pull::no_change(&puller, &cursor, plan.pulls, pull::PAGE, &device).await;
    let app = if plan.app_pulls > 0 {
        let extra = [device[0].clone(), ("digest", "true".into())];
        Some(pull::no_change(&puller, &cursor, plan.app_pulls, APP_PAGE, &extra).await)
    } else {
        None
    };
    Ok(BackendReport {
        backend,
        push: first,
        replay,
        first: first_sync,
        missing,
        after_replay: after.changes.len(),
        digest_count,
        no_change,
        with_device,
        app,
        peak_rss_kib: server.peak_rss_kib(),
        server_errors: Vec::new(),
        data_dir_bytes: server.data_dir_bytes(),
        database_bytes: database.and_then(postgres::Database::size_bytes),
    })
}

/// The demo health worker must sync the village the records are tagged with.
async fn check_village(client: &reqwest::Client, base: &str, token: &str) -> anyhow::Result<()> {
    let response = client
        .get(format!("{base}/api/v1/hw/villages"))
        .bearer_auth(token)
        .send()
        .await
        .context("GET /api/v1/hw/villages")?;
    let status = response.status();
    let text = response.text().await?;
    anyhow::ensure!(
        status.is_success() && text.contains(VILLAGE),
        "the demo health worker does not have {VILLAGE} ({status}): {}",
        mysehat_bench::report::truncate(&text, 300)
    );
    Ok(())
}
