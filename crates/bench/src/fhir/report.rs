//! What the bench prints: the machine, each backend's load and request table with the targets
//! from DESIGN.md beside the figures, and a closing comparison.

use crate::load::LoadReport;
use crate::mix::{Shape, ShapeResult};
use mysehat_bench::report::{bytes, rate, verdict};

pub const LOAD_TARGET: f64 = 5_000.0;
pub const READ_TARGET: f64 = 15_000.0;
pub const TOKEN_TARGET: f64 = 1_000.0;
pub const TOKEN_P99_MS: f64 = 50.0;

/// Everything measured on one backend.
#[derive(Debug)]
pub struct BackendReport {
    pub backend: &'static str,
    pub load: LoadReport,
    pub shapes: Vec<ShapeResult>,
    pub peak_rss_kib: Option<u64>,
    pub data_dir_bytes: u64,
    pub database_bytes: Option<u64>,
}

/// The cores the bench, the server and the whole machine (the database server too) kept busy
/// on average while a shape ran, e.g. `0.2/1.3/1.9`.
fn cores(r: &ShapeResult) -> String {
    let w = r.wall_seconds.max(1e-9);
    let (c, s, m) = (
        r.cpu.bench_seconds,
        r.cpu.server_seconds,
        r.cpu.machine_seconds,
    );
    format!("{:.1}/{:.1}/{:.1}", c / w, s / w, m / w)
}

/// The target of a shape, and whether the result meets it.
pub fn target(result: &ShapeResult) -> Option<(String, bool)> {
    let s = &result.summary;
    match result.shape {
        Shape::Read => Some((
            format!("≥ {READ_TARGET:.0} req/s"),
            s.per_second >= READ_TARGET,
        )),
        Shape::Token => Some((
            format!("≥ {TOKEN_TARGET:.0} req/s, p99 < {TOKEN_P99_MS:.0} ms"),
            s.per_second >= TOKEN_TARGET && s.p99_ms < TOKEN_P99_MS,
        )),
        _ => None,
    }
}

pub fn print_load(backend: &str, load: &LoadReport) {
    println!(
        "[{backend}] batch bundles: {} resources in {:.2} s ({:.0}/s); {} batch entries failed",
        load.batch_resources,
        load.batch_time.as_secs_f64(),
        load.batch_resources as f64 / load.batch_time.as_secs_f64().max(1e-9),
        load.batch_failed
    );
    for line in &load.batch_failures {
        println!("    {line}");
    }
    println!(
        "[{backend}] patient load: {} bundles, {} resources in {:.2} s = {:.0} resources/s (target ≥ {LOAD_TARGET:.0}: {})",
        load.patient_bundles,
        load.patient_resources,
        load.patient_time.as_secs_f64(),
        load.patient_rate(),
        verdict(load.patient_rate() >= LOAD_TARGET)
    );
    println!(
        "[{backend}] overall load: {:.0} resources/s",
        load.overall_rate()
    );
}

pub fn print_table(backend: &str, clients: usize, results: &[ShapeResult]) {
    println!("[{backend}] read/search mix, {clients} concurrent clients:");
    println!(
        "  {:<32} {:>9} {:>9} {:>8} {:>8} {:>8} {:>8} {:>7} {:>17}  target",
        "shape",
        "requests",
        "req/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "errors",
        "cpu bench/srv/all"
    );
    for r in results {
        let s = &r.summary;
        let target = target(r).map_or_else(
            || "—".to_owned(),
            |(t, met)| format!("{t}: {}", verdict(met)),
        );
        let errors = if r.wrong > 0 {
            format!("{}+{}w", r.errors, r.wrong)
        } else {
            r.errors.to_string()
        };
        println!(
            "  {:<32} {:>9} {:>9} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>7} {:>17}  {target}",
            r.shape.label(),
            s.requests,
            rate(s.per_second),
            s.p50_ms,
            s.p90_ms,
            s.p99_ms,
            s.max_ms,
            errors,
            cores(r)
        );
    }
    for r in results.iter().filter(|r| !r.samples.is_empty()) {
        println!(
            "  {} failures ({} errors, {} wrong), first ones:",
            r.shape.label(),
            r.errors,
            r.wrong
        );
        for sample in &r.samples {
            println!("    {sample}");
        }
    }
}

pub fn print_resources(report: &BackendReport) {
    let rss = report
        .peak_rss_kib
        .map_or_else(|| "unknown".into(), |k| bytes(k * 1024));
    let db = report
        .database_bytes
        .map_or_else(String::new, |b| format!(", database {}", bytes(b)));
    println!(
        "[{}] server peak RSS {rss}, data directory {}{db}",
        report.backend,
        bytes(report.data_dir_bytes)
    );
}

/// One line per backend with the headline figures, for comparing the two.
pub fn print_comparison(reports: &[BackendReport]) {
    println!("\nsummary (req/s; p99 ms in brackets):");
    let mut header = format!("  {:<10} {:>12}", "backend", "load res/s");
    for shape in Shape::ALL {
        header.push_str(&format!(" {:>22}", short(shape)));
    }
    println!("{header}");
    for r in reports {
        let mut line = format!("  {:<10} {:>12.0}", r.backend, r.load.patient_rate());
        for result in &r.shapes {
            line.push_str(&format!(
                " {:>22}",
                format!(
                    "{} ({:.1})",
                    rate(result.summary.per_second),
                    result.summary.p99_ms
                )
            ));
        }
        println!("{line}");
    }
    println!(
        "  targets    {:>12} {:>22} {:>22}",
        format!("≥ {LOAD_TARGET:.0}"),
        format!("≥ {READ_TARGET:.0}"),
        format!("≥ {TOKEN_TARGET:.0} (< {TOKEN_P99_MS:.0})")
    );
}

fn short(shape: Shape) -> &'static str {
    match shape {
        Shape::Read => "read",
        Shape::Token => "token",
        Shape::Family => "family",
        Shape::Subject => "subject",
        Shape::SubjectDate => "subject+date",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mysehat_bench::stats::Summary;

    fn result(shape: Shape, per_second: f64, p99_ms: f64) -> ShapeResult {
        let summary = Summary {
            requests: 1,
            per_second,
            p50_ms: 1.0,
            p90_ms: 1.0,
            p99_ms,
            max_ms: p99_ms,
        };
        ShapeResult {
            shape,
            summary,
            errors: 0,
            wrong: 0,
            samples: Vec::new(),
            cpu: mysehat_bench::cpu::Split {
                bench_seconds: 0.5,
                server_seconds: 1.5,
                database_seconds: 0.0,
                machine_seconds: 2.0,
            },
            wall_seconds: 1.0,
        }
    }

    #[test]
    fn cpu_shares_are_cores_over_the_wall_time() {
        assert_eq!(cores(&result(Shape::Read, 1.0, 1.0)), "0.5/1.5/2.0");
    }

    #[test]
    fn token_search_needs_both_throughput_and_tail_latency() {
        assert_eq!(
            target(&result(Shape::Token, 1200.0, 20.0)).map(|t| t.1),
            Some(true)
        );
        assert_eq!(
            target(&result(Shape::Token, 1200.0, 60.0)).map(|t| t.1),
            Some(false)
        );
        assert_eq!(
            target(&result(Shape::Token, 900.0, 20.0)).map(|t| t.1),
            Some(false)
        );
        assert_eq!(
            target(&result(Shape::Read, 15_000.0, 99.0)).map(|t| t.1),
            Some(true)
        );
        assert!(target(&result(Shape::Family, 1.0, 1.0)).is_none());
    }
}
