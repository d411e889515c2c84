//! What `sos-bench` prints: the two latencies the targets in DESIGN.md are written in, with
//! their verdicts, then the rates achieved, every endpoint's latency and errors, the CPU the
//! bench and the server took, and anything that went wrong.

use crate::calls::EndpointReport;
use crate::ledger::{self, Sample, Tally};
use mysehat_bench::cpu::Split;
use mysehat_bench::report::{bytes, rate, verdict};
use mysehat_bench::stats::{self, Summary};
use std::collections::BTreeMap;
use std::time::Duration;

pub const ALERT_P99_MS: f64 = 250.0;
pub const FANOUT_P99_MS: f64 = 100.0;

/// Everything one run measured.
#[derive(Debug)]
pub struct Outcome {
    pub backend: &'static str,
    pub window: Duration,
    pub sos_sent: usize,
    pub fixes_sent: usize,
    pub fixes_owed: usize,
    pub tally: Tally,
    pub calls: Vec<EndpointReport>,
    pub cpu: Split,
    /// The CPU of each second of the window, to tell a stall of the server from a busy machine.
    pub each_second: Vec<Split>,
    /// Sockets that ended before the run closed them, with the first reasons.
    pub ended_early: usize,
    pub ended_samples: Vec<String>,
    pub unreadable: usize,
    pub none_free: usize,
    /// The server's largest resident set sampled each second while measuring.
    pub rss_kib: Option<u64>,
    /// The server's peak resident set over the whole run, set-up included.
    pub peak_rss_kib: Option<u64>,
    pub server_errors: Vec<String>,
    pub server_warnings: Vec<String>,
}

impl Outcome {
    pub fn alerts(&self) -> Summary {
        let micros = ledger::micros(&self.tally.alerts);
        let n = micros.len();
        stats::summarize(micros, n, self.window)
    }

    pub fn fanout(&self) -> Summary {
        let micros = ledger::micros(&self.tally.positions);
        let n = micros.len();
        stats::summarize(micros, n, self.window)
    }

    fn http_errors(&self) -> usize {
        self.calls.iter().map(|c| c.errors).sum()
    }

    /// No request failed, nothing was missed or delivered wrongly, no socket was lost.
    pub fn clean(&self) -> bool {
        self.http_errors() == 0
            && self.tally.alert_missed == 0
            && self.tally.alert_unexpected == 0
            && self.tally.position_missed == 0
            && self.ended_early == 0
            && self.unreadable == 0
            && self.none_free == 0
            && self.server_errors.is_empty()
    }
}

pub fn print(o: &Outcome) {
    let b = o.backend;
    let secs = o.window.as_secs_f64().max(1e-9);
    println!(
        "[{b}] measured {:.0} s: {} SOS ({}/s), {} position fixes ({}/s), {} of them owed to a patient",
        secs,
        o.sos_sent,
        rate(o.sos_sent as f64 / secs),
        o.fixes_sent,
        rate(o.fixes_sent as f64 / secs),
        o.fixes_owed
    );
    println!(
        "  {:<36} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}  target",
        "latency", "count", "p50 ms", "p90 ms", "p99 ms", "max ms", "missed"
    );
    let line = |what: &str, s: &Summary, missed: usize, target: f64| {
        println!(
            "  {:<36} {:>8} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8}  p99 < {target:.0} ms: {}",
            what,
            s.requests,
            s.p50_ms,
            s.p90_ms,
            s.p99_ms,
            s.max_ms,
            missed,
            verdict(s.p99_ms < target && missed == 0 && s.requests > 0)
        );
    };
    line(
        "SOS sent -> each alerted desk socket",
        &o.alerts(),
        o.tally.alert_missed,
        ALERT_P99_MS,
    );
    line(
        "fix sent -> patient's socket",
        &o.fanout(),
        o.tally.position_missed,
        FANOUT_P99_MS,
    );
    print_stalls("alerts", &o.tally.alerts, ALERT_P99_MS, &o.each_second);
    print_stalls("fan-out", &o.tally.positions, FANOUT_P99_MS, &o.each_second);
    if o.tally.alert_unexpected > 0 {
        println!(
            "  {} alerts reached a desk not among the nearest three, or twice",
            o.tally.alert_unexpected
        );
    }
    if o.tally.position_unsolicited > 0 {
        println!(
            "  {} positions reached a patient unasked (sent while the assignment was in flight)",
            o.tally.position_unsolicited
        );
    }
    print_calls(b, &o.calls);
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "[{b}] CPU while measuring: bench {:.2} cores, server {:.2}, PostgreSQL {:.2}, others {:.2}, whole machine {:.2} (of {cores}); others' busiest second {:.2}",
        o.cpu.bench_seconds / secs,
        o.cpu.server_seconds / secs,
        o.cpu.database_seconds / secs,
        others(&o.cpu, secs),
        o.cpu.machine_seconds / secs,
        o.each_second
            .iter()
            .map(|c| others(c, 1.0))
            .fold(0.0, f64::max)
    );
    let kib = |k: Option<u64>| k.map_or_else(|| "unknown".into(), |k| bytes(k * 1024));
    println!(
        "[{b}] server resident set while measuring {} (peak over the run, set-up's password hashing included: {})",
        kib(o.rss_kib),
        kib(o.peak_rss_kib)
    );
    if o.none_free > 0 {
        println!(
            "[{b}] {} accepted SOS found no free ambulance (use more --crews or a shorter --job-seconds)",
            o.none_free
        );
    }
    if o.unreadable > 0 {
        println!("[{b}] {} socket messages could not be read", o.unreadable);
    }
    if o.ended_early > 0 {
        println!("[{b}] {} sockets ended early, e.g.:", o.ended_early);
        for why in &o.ended_samples {
            println!("    {why}");
        }
    }
    for (what, lines) in [
        ("errors", &o.server_errors),
        ("warnings", &o.server_warnings),
    ] {
        if lines.is_empty() {
            continue;
        }
        println!(
            "[{b}] the server logged {} {what}; the first ones:",
            lines.len()
        );
        for line in lines.iter().take(5) {
            println!("    {}", mysehat_bench::report::truncate(line, 400));
        }
    }
}

/// The slowest sample of each second of the window, by the second its cause was sent.
pub fn worst_by_second(samples: &[Sample]) -> BTreeMap<u32, u32> {
    let mut worst = BTreeMap::new();
    for s in samples {
        let w = worst.entry(s.second).or_insert(0);
        *w = s.micros.max(*w);
    }
    worst
}

/// Cores kept busy by processes other than the bench, the server and PostgreSQL (other
/// builds, the kernel).
pub fn others(split: &Split, seconds: f64) -> f64 {
    let busy =
        split.machine_seconds - split.bench_seconds - split.server_seconds - split.database_seconds;
    (busy / seconds.max(1e-9)).max(0.0)
}

/// How many seconds had a sample over the target, and the five worst in time order with what
/// else ran on the machine then, so that a tail made of a few stalls can be told from one
/// spread evenly, and a stall of the server from a busy machine.
fn print_stalls(what: &str, samples: &[Sample], target_ms: f64, each_second: &[Split]) {
    let worst = worst_by_second(samples);
    let over: Vec<(u32, f64)> = worst
        .iter()
        .map(|(&second, &micros)| (second, f64::from(micros) / 1000.0))
        .filter(|&(_, ms)| ms >= target_ms)
        .collect();
    if over.is_empty() {
        return;
    }
    let mut top = over.clone();
    top.sort_by(|a, b| b.1.total_cmp(&a.1));
    top.truncate(5);
    top.sort_by_key(|&(second, _)| second);
    let listed: Vec<String> = top
        .iter()
        .map(|&(second, ms)| {
            let busy = usize::try_from(second)
                .ok()
                .and_then(|i| each_second.get(i))
                .map_or_else(String::new, |c| {
                    format!(", others {:.1} cores", others(c, 1.0))
                });
            format!("{second} s ({ms:.0} ms{busy})")
        })
        .collect();
    println!(
        "  {what}: {} of {} seconds had a sample ≥ {target_ms:.0} ms; the worst sent at {}",
        over.len(),
        each_second.len(),
        listed.join(", ")
    );
}

fn print_calls(backend: &str, calls: &[EndpointReport]) {
    println!(
        "[{backend}] HTTP while measuring:\n  {:<36} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7}",
        "endpoint", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors"
    );
    for c in calls {
        let s = &c.summary;
        println!(
            "  {:<36} {:>8} {:>8} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>7}",
            c.endpoint.label(),
            s.requests,
            rate(s.per_second),
            s.p50_ms,
            s.p90_ms,
            s.p99_ms,
            s.max_ms,
            c.errors
        );
    }
    for c in calls.iter().filter(|c| !c.samples.is_empty()) {
        println!("  {} failures, first ones:", c.endpoint.label());
        for sample in &c.samples {
            println!("    {sample}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome() -> Outcome {
        Outcome {
            backend: "sqlite",
            window: Duration::from_secs(10),
            sos_sent: 50,
            fixes_sent: 10_000,
            fixes_owed: 900,
            tally: Tally {
                alerts: [2_000, 4_000, 300_000]
                    .map(|micros| Sample { second: 1, micros })
                    .to_vec(),
                positions: vec![
                    Sample {
                        second: 0,
                        micros: 1_000
                    };
                    900
                ],
                ..Tally::default()
            },
            calls: Vec::new(),
            cpu: Split::default(),
            each_second: Vec::new(),
            ended_early: 0,
            ended_samples: Vec::new(),
            unreadable: 0,
            none_free: 0,
            rss_kib: None,
            peak_rss_kib: None,
            server_errors: Vec::new(),
            server_warnings: Vec::new(),
        }
    }

    #[test]
    fn latencies_summarise_in_milliseconds() {
        let o = outcome();
        assert!((o.alerts().p50_ms - 4.0).abs() < 1e-9);
        assert!((o.alerts().max_ms - 300.0).abs() < 1e-9);
        assert_eq!(o.fanout().requests, 900);
    }

    #[test]
    fn others_are_what_the_machine_did_beside_the_bench_and_the_server() {
        let split = Split {
            bench_seconds: 0.2,
            server_seconds: 1.0,
            database_seconds: 0.4,
            machine_seconds: 2.4,
        };
        assert!((others(&split, 2.0) - 0.4).abs() < 1e-9);
        assert_eq!(others(&Split::default(), 1.0), 0.0);
    }

    #[test]
    fn the_worst_sample_of_each_second_is_kept() {
        let samples =
            [(0, 5), (0, 9), (3, 1), (3, 400)].map(|(second, micros)| Sample { second, micros });
        let worst = worst_by_second(&samples);
        assert_eq!(worst.into_iter().collect::<Vec<_>>(), [(0, 9), (3, 400)]);
    }

    #[test]
    fn a_slow_run_is_still_clean_but_a_miss_or_a_lost_socket_is_not() {
        assert!(outcome().clean());
        let mut missed = outcome();
        missed.tally.position_missed = 1;
        assert!(!missed.clean());
        let mut lost = outcome();
        lost.ended_early = 1;
        assert!(!lost.clean());
    }
}
