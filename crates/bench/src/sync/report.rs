//! What `sync-bench` prints: per backend the push rate, the replay, the first sync and the
//! no-change pulls, each beside its target in DESIGN.md, then a closing comparison.

use crate::pull::{FirstSync, NoChange};
use crate::push::PassReport;
use mysehat_bench::cpu::Split;
use mysehat_bench::report::{bytes, rate, truncate, verdict};
use mysehat_bench::stats::percentile;
use std::time::Duration;

pub const PUSH_TARGET: f64 = 10_000.0;
pub const PULL_P99_MS: f64 = 2.0;

/// Everything measured on one backend.
#[derive(Debug)]
pub struct BackendReport {
    pub backend: &'static str,
    pub push: PassReport,
    pub replay: PassReport,
    pub first: FirstSync,
    /// Pushed records the first sync did not bring down.
    pub missing: usize,
    /// Changes a pull from the final cursor found after the replay (it must find none).
    pub after_replay: usize,
    /// `digest.count` from the server against the records the first sync brought down.
    pub digest_count: Option<u64>,
    /// Plain no-change pulls: `?cursor=…&limit=1000`.
    pub no_change: NoChange,
    /// The same with `&device=…`, which records the device's last pull (a write).
    pub with_device: NoChange,
    /// As the web app asks: `device`, `digest=true`, pages of 200.
    pub app: Option<NoChange>,
    pub peak_rss_kib: Option<u64>,
    /// ERROR lines in the server's log.
    pub server_errors: Vec<String>,
    pub data_dir_bytes: u64,
    pub database_bytes: Option<u64>,
}

impl BackendReport {
    /// Every push applied, the replay answered as stored and wrote nothing, the first sync
    /// brought every record, the digest agrees, every no-change pull was empty, and the server
    /// logged no error.
    pub fn clean(&self) -> bool {
        let pulls_ok = |n: &NoChange| n.errors == 0 && n.not_empty == 0;
        self.push.clean()
            && self.replay.clean()
            && self.missing == 0
            && self.first.not_put == 0
            && self.after_replay == 0
            && self.digest_count == Some(self.first.records.len() as u64)
            && pulls_ok(&self.no_change)
            && pulls_ok(&self.with_device)
            && self.app.as_ref().is_none_or(pulls_ok)
            && self.server_errors.is_empty()
    }
}

/// p50, p95, p99 and max of latencies in microseconds, as milliseconds.
pub fn quantiles(latencies: &[u32]) -> [f64; 4] {
    let mut sorted = latencies.to_vec();
    sorted.sort_unstable();
    let ms = |v: u32| f64::from(v) / 1000.0;
    [
        ms(percentile(&sorted, 50.0)),
        ms(percentile(&sorted, 95.0)),
        ms(percentile(&sorted, 99.0)),
        ms(sorted.last().copied().unwrap_or(0)),
    ]
}

/// Cores the bench, the server, PostgreSQL, other processes and the whole machine kept busy,
/// e.g. `bench 0.20, server 1.10, PostgreSQL 0.00, others 0.20, machine 1.50 (of 2)`: on
/// shared cores, other processes' builds depress every figure.
fn cores(cpu: &Split, wall: Duration) -> String {
    let w = wall.as_secs_f64().max(1e-9);
    let ours = cpu.bench_seconds + cpu.server_seconds + cpu.database_seconds;
    format!(
        "bench {:.2}, server {:.2}, PostgreSQL {:.2}, others {:.2}, machine {:.2} (of {})",
        cpu.bench_seconds / w,
        cpu.server_seconds / w,
        cpu.database_seconds / w,
        (cpu.machine_seconds - ours).max(0.0) / w,
        cpu.machine_seconds / w,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    )
}

fn print_pass(b: &str, name: &str, p: &PassReport) {
    let [p50, p95, p99, max] = quantiles(&p.latencies);
    println!(
        "[{b}] {name}: {} pushes, {} mutations in {:.2} s = {} mutations/s applied; push latency p50 {p50:.1} / p95 {p95:.1} / p99 {p99:.1} / max {max:.1} ms",
        p.pushes,
        p.mutations,
        p.wall.as_secs_f64(),
        rate(p.rate()),
    );
    let statuses: Vec<String> = p.statuses.iter().map(|(s, n)| format!("{s} {n}")).collect();
    println!(
        "[{b}] {name}: results {}; pushes failed {}{}",
        statuses.join(", "),
        p.failed_pushes,
        if name == "replay" {
            format!(
                "; answers differing from the first push {}",
                p.changed_answers
            )
        } else {
            String::new()
        }
    );
    println!("[{b}] {name} CPU: {}", cores(&p.cpu, p.wall));
    if !p.clean() {
        println!(
            "[{b}] {name} FAILED: not every mutation came back applied as expected; first ones:"
        );
        for line in &p.samples {
            println!("    {line}");
        }
    }
}

fn print_no_change(b: &str, n: &NoChange, what: &str) {
    let [p50, p95, p99, max] = quantiles(&n.latencies);
    println!(
        "[{b}] no-change pull, {what}: {} pulls in {:.2} s; p50 {p50:.2} / p95 {p95:.2} / p99 {p99:.2} / max {max:.2} ms (target p99 < {PULL_P99_MS:.0} ms: {}); errors {}, non-empty {}",
        n.latencies.len(),
        n.wall.as_secs_f64(),
        verdict(p99 < PULL_P99_MS),
        n.errors,
        n.not_empty
    );
    println!("[{b}]   CPU: {}", cores(&n.cpu, n.wall));
    for line in &n.samples {
        println!("    {line}");
    }
}

pub fn print(r: &BackendReport) {
    let b = r.backend;
    print_pass(b, "push", &r.push);
    println!(
        "[{b}] push target ≥ {PUSH_TARGET:.0} mutations/s: {}",
        verdict(r.push.rate() >= PUSH_TARGET)
    );
    let f = &r.first;
    println!(
        "[{b}] first sync: {} changes in {} pages of up to {} in {:.2} s = {} records/s; {} records, {} pushed ones missing, {} not `put`",
        f.changes,
        f.pages,
        crate::pull::PAGE,
        f.wall.as_secs_f64(),
        rate(f.changes as f64 / f.wall.as_secs_f64().max(1e-9)),
        f.records.len(),
        r.missing,
        f.not_put
    );
    println!("[{b}] first sync CPU: {}", cores(&f.cpu, f.wall));
    print_pass(b, "replay", &r.replay);
    println!(
        "[{b}] after the replay a pull from the final cursor found {} changes (must be 0); digest count {} for {} records pulled",
        r.after_replay,
        r.digest_count
            .map_or_else(|| "none".into(), |c| c.to_string()),
        f.records.len()
    );
    print_no_change(
        b,
        &r.no_change,
        "`?cursor=…&limit=1000`, one after another on one keep-alive HTTP/1.1 connection, timed at the client",
    );
    print_no_change(b, &r.with_device, "the same with `&device=…`");
    if let Some(app) = &r.app {
        print_no_change(
            b,
            app,
            "as the web app asks (`&device=…&digest=true&limit=200`)",
        );
    }
    let kib = |k: Option<u64>| k.map_or_else(|| "unknown".into(), |k| bytes(k * 1024));
    println!(
        "[{b}] server peak RSS {}; data directory {}{}",
        kib(r.peak_rss_kib),
        bytes(r.data_dir_bytes),
        r.database_bytes
            .map_or_else(String::new, |d| format!("; database {}", bytes(d)))
    );
    if !r.server_errors.is_empty() {
        println!(
            "[{b}] the server logged {} errors; the first ones:",
            r.server_errors.len()
        );
        for line in r.server_errors.iter().take(5) {
            println!("    {}", truncate(line, 400));
        }
    }
    if !r.clean() {
        println!("[{b}] FAILED: see the lines above");
    }
}

/// The figures of every backend side by side.
pub fn print_comparison(reports: &[BackendReport]) {
    if reports.is_empty() {
        return;
    }
    println!("\n== summary ==");
    println!(
        "  {:<10} {:>11} {:>16} {:>13} {:>13} {:>22} {:>15} {:>14}",
        "backend",
        "push mut/s",
        "push p50/p99 ms",
        "replay mut/s",
        "first sync/s",
        "no-change p50/p95/p99",
        "+device p99 ms",
        "app p99 ms"
    );
    for r in reports {
        let [p50, _, p99, _] = quantiles(&r.push.latencies);
        let [n50, n95, n99, _] = quantiles(&r.no_change.latencies);
        let [.., d99, _] = quantiles(&r.with_device.latencies);
        let app = r.app.as_ref().map_or_else(
            || "—".into(),
            |a| format!("{:.1}", quantiles(&a.latencies)[2]),
        );
        let first = r.first.changes as f64 / r.first.wall.as_secs_f64().max(1e-9);
        println!(
            "  {:<10} {:>11} {:>16} {:>13} {:>13} {:>22} {:>15} {:>14}",
            r.backend,
            rate(r.push.rate()),
            format!("{p50:.1}/{p99:.1}"),
            rate(r.replay.rate()),
            rate(first),
            format!("{n50:.2}/{n95:.2}/{n99:.2}"),
            format!("{d99:.2}"),
            app
        );
    }
    for r in reports {
        let [.., p99, _] = quantiles(&r.no_change.latencies);
        println!(
            "  {}: push ≥ {PUSH_TARGET:.0}/s {}; no-change pull p99 < {PULL_P99_MS:.0} ms {}; {}",
            r.backend,
            verdict(r.push.rate() >= PUSH_TARGET),
            verdict(p99 < PULL_P99_MS),
            if r.clean() {
                "every check passed"
            } else {
                "FAILED checks (see above)"
            }
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_nearest_rank_in_milliseconds() {
        let micros: Vec<u32> = (1..=100).rev().map(|v| v * 1000).collect();
        assert_eq!(quantiles(&micros), [50.0, 95.0, 99.0, 100.0]);
        assert_eq!(quantiles(&[]), [0.0; 4]);
    }
}
