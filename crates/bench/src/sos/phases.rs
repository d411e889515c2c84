//! One run against a started server, phase by phase: set-up (registry, accounts, sockets),
//! the live side (socket readers and the dispatch worker, up to the very end), the traffic,
//! the warm-up, the measured window (sampled every second), then the drain.

use crate::calls::Calls;
use crate::ledger::Ledger;
use crate::people::{self, People};
use crate::report::Outcome;
use crate::sockets::{self, Counts, Ended, Holder, Readers, Socket, Spec};
use crate::traffic::{self, Fleet, Run};
use crate::world::World;
use anyhow::Context;
use mysehat_bench::cpu::{self, Split};
use mysehat_bench::report::bytes;
use mysehat_bench::server::Server;
use mysehat_bench::session;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};
use tokio::task::{JoinHandle, JoinSet};

/// Sockets opened at once while connecting.
const CONNECT_CONCURRENCY: usize = 64;

/// What the run does, from the command line.
#[derive(Debug, Clone)]
pub struct Plan {
    pub seed: u64,
    pub hospitals: usize,
    pub mix: people::Mix,
    pub setup_concurrency: usize,
    pub request_timeout: Duration,
    pub job_length: Duration,
    pub position_rate: f64,
    pub sos_rate: f64,
    pub warmup: Duration,
    pub window: Duration,
    pub drain: Duration,
}

/// Every phase against `server`, which is running; the caller stops it.
pub async fn measure(
    plan: &Plan,
    backend: &'static str,
    server: &mut Server,
) -> anyhow::Result<Outcome> {
    let (run, open) = set_up(plan, backend, server).await?;
    let live = Live::start(&run, open);
    let (stop_traffic, traffic_stopped) = watch::channel(false);
    let mut traffic = start_traffic(&run, plan, traffic_stopped);
    println!(
        "[{backend}] traffic started; warm-up {} s",
        plan.warmup.as_secs()
    );
    tokio::time::sleep(plan.warmup).await;

    println!("[{backend}] measuring {} s", plan.window.as_secs());
    let window = Window::watch(&run, server, plan.window).await;
    let _ = stop_traffic.send(true);
    while traffic.join_next().await.is_some() {}
    let deadline = Instant::now() + plan.drain;
    while run.ledger.owed() > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let peak_rss_kib = server.peak_rss_kib();
    let (ended_early, ended_samples, unreadable) = live.stop().await?;
    Ok(Outcome {
        backend,
        window: window.length,
        sos_sent: window.counted[0],
        fixes_sent: window.counted[1],
        fixes_owed: window.counted[2],
        tally: run.ledger.tally(),
        calls: window.calls,
        cpu: window.cpu,
        each_second: window.each_second,
        ended_early,
        ended_samples,
        unreadable,
        none_free: run.fleet.none_free.load(Ordering::Relaxed),
        rss_kib: window.rss_kib,
        peak_rss_kib,
        server_errors: Vec::new(),
        server_warnings: Vec::new(),
    })
}

/// The admin, the registry, every account, and every socket open.
async fn set_up(
    plan: &Plan,
    backend: &str,
    server: &mut Server,
) -> anyhow::Result<(Arc<Run>, Vec<(Spec, Socket)>)> {
    let client = session::client()?;
    server.wait_healthy(&client).await?;
    server.create_admin()?;
    let base = server.base.clone();
    let (phone, password) = (session::ADMIN_PHONE, session::ADMIN_PASSWORD);
    let admin = session::login(&client, &base, phone, password).await?;
    println!(
        "[{backend}] server up at {base} (pid {})",
        server.pid().unwrap_or(0)
    );
    let started = Instant::now();
    let world = World::new(plan.seed, plan.hospitals, plan.mix.patients);
    people::registry(&client, &base, &admin, &world).await?;
    let (mix, concurrency) = (plan.mix, plan.setup_concurrency);
    let people = people::accounts(&client, &base, &admin, &world, mix, concurrency).await?;
    println!(
        "[{backend}] set-up: {} hospitals and {} accounts in {:.0} s",
        world.hospitals.len(),
        people.desks.len() + people.crews.len() + people.patients.len(),
        started.elapsed().as_secs_f64()
    );
    let (specs, desks_at) = socket_specs(&people, plan.hospitals);
    let ws_base = base.replacen("http://", "ws://", 1);
    let rss_before = server.rss_kib();
    let open = sockets::open_all(&ws_base, specs, CONNECT_CONCURRENCY).await?;
    let kib = |k: Option<u64>| k.map_or_else(|| "unknown".into(), |k| bytes(k * 1024));
    println!(
        "[{backend}] server resident set: {} after set-up, {} with {} sockets open",
        kib(rss_before),
        kib(server.rss_kib()),
        open.len()
    );
    let run = Run {
        calls: Calls::new(client, base, plan.request_timeout),
        ledger: Arc::new(Ledger::default()),
        fleet: Fleet::new(people.crews.len()),
        people,
        world,
        desks_at,
        job_length: plan.job_length,
        sos_sent: 0.into(),
        fixes_sent: 0.into(),
        fixes_owed: 0.into(),
    };
    Ok((Arc::new(run), open))
}

/// One spec per socket (desks first, so a desk's socket number is its index in `desks`), and
/// the desk socket numbers of each hospital.
fn socket_specs(people: &People, hospitals: usize) -> (Vec<Spec>, Vec<Vec<usize>>) {
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
    let others = people
        .crews
        .iter()
        .map(|c| (Holder::Crew, &c.token))
        .chain(people.patients.iter().map(|p| (Holder::Patient, &p.token)));
    for (holder, token) in others {
        specs.push(Spec {
            index: specs.len(),
            holder,
            token: token.clone(),
        });
    }
    (specs, desks_at)
}

/// The socket readers and the dispatch worker, which run until after the drain.
#[derive(Debug)]
struct Live {
    reading: JoinSet<Ended>,
    dispatcher: JoinHandle<()>,
    stop: watch::Sender<bool>,
    counts: Arc<Counts>,
}

impl Live {
    fn start(run: &Arc<Run>, open: Vec<(Spec, Socket)>) -> Self {
        let (stop, stopped) = watch::channel(false);
        let (claims_tx, claims) = mpsc::unbounded_channel();
        let counts = Arc::new(Counts::default());
        let readers = Readers {
            ledger: run.ledger.clone(),
            counts: counts.clone(),
            claims: claims_tx,
            stop: stopped.clone(),
        };
        let mut reading = JoinSet::new();
        for (spec, socket) in open {
            reading.spawn(sockets::read(socket, spec, readers.clone()));
        }
        let dispatcher = tokio::spawn(traffic::dispatch(run.clone(), claims, stopped));
        Self {
            reading,
            dispatcher,
            stop,
            counts,
        }
    }

    /// Closes every socket; how many had ended early (with the first reasons), and how many
    /// messages could not be read.
    async fn stop(mut self) -> anyhow::Result<(usize, Vec<String>, usize)> {
        let _ = self.stop.send(true);
        self.dispatcher
            .await
            .context("the dispatch worker failed")?;
        let mut early = 0;
        let mut samples = Vec::new();
        while let Some(ended) = self.reading.join_next().await {
            let why = match ended {
                Ok(Ended::Stopped) => continue,
                Ok(Ended::Early(why)) => why,
                Err(e) => format!("the reading task failed: {e}"),
            };
            early += 1;
            if samples.len() < 3 {
                samples.push(why);
            }
        }
        let unreadable = self.counts.unreadable.load(Ordering::Relaxed);
        Ok((early, samples, unreadable))
    }
}

/// Every ambulance on its own clock, the clocks spread evenly over one period for a steady
/// total rate, and the SOS raiser.
fn start_traffic(run: &Arc<Run>, plan: &Plan, stopped: watch::Receiver<bool>) -> JoinSet<()> {
    let mut traffic = JoinSet::new();
    let crews = run.people.crews.len();
    let period = Duration::from_secs_f64(crews as f64 / plan.position_rate);
    let start = tokio::time::Instant::now();
    for i in 0..crews {
        let first = start + period.mul_f64(i as f64 / crews as f64);
        let drive = traffic::drive(run.clone(), i, first, period, stopped.clone());
        traffic.spawn(drive);
    }
    traffic.spawn(traffic::raise_sos(run.clone(), plan.sos_rate, stopped));
    traffic
}

/// The measured window: what was sent in it, the HTTP figures, and the CPU and resident set
/// sampled each second.
#[derive(Debug)]
struct Window {
    length: Duration,
    /// SOS sent, fixes sent, fixes owed to a patient.
    counted: [usize; 3],
    calls: Vec<crate::calls::EndpointReport>,
    cpu: Split,
    each_second: Vec<Split>,
    rss_kib: Option<u64>,
}

impl Window {
    async fn watch(run: &Run, server: &Server, length: Duration) -> Self {
        run.ledger.start_window();
        run.calls.start_window();
        let counters =
            || [&run.sos_sent, &run.fixes_sent, &run.fixes_owed].map(|c| c.load(Ordering::Relaxed));
        let before = counters();
        let first = cpu::sample(server.pid());
        let started = Instant::now();
        let mut rss_kib = server.rss_kib();
        let mut each_second = Vec::new();
        let mut last = first;
        let end = tokio::time::Instant::now() + length;
        while tokio::time::Instant::now() < end {
            let next = tokio::time::Instant::now() + Duration::from_secs(1);
            tokio::time::sleep_until(end.min(next)).await;
            rss_kib = rss_kib.max(server.rss_kib());
            let now = cpu::sample(server.pid());
            each_second.push(now.since(last));
            last = now;
        }
        let length = started.elapsed();
        let after = counters();
        Self {
            length,
            counted: [0, 1, 2].map(|i| after[i] - before[i]),
            calls: run.calls.reports(length),
            cpu: last.since(first),
            each_second,
            rss_kib,
        }
    }
}
