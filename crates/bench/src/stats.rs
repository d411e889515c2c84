//! Latency arithmetic: per-request durations (microseconds) reduced to the percentiles the
//! performance targets are written in. Kept apart from the HTTP code so it can be tested exactly.

use std::time::Duration;

/// One measured request shape, reduced.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub requests: usize,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

/// The nearest-rank percentile of sorted values: the smallest value with at least `p`% of
/// the values at or below it. Zero for no values.
pub fn percentile(sorted: &[u32], p: f64) -> u32 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Sorts the latencies (microseconds) of every request and summarises them. Throughput counts
/// only the requests that finished inside the measuring window, as wrk does, so one slow
/// straggler after the window cannot stretch the time the others are divided by.
pub fn summarize(mut micros: Vec<u32>, in_window: usize, window: Duration) -> Summary {
    micros.sort_unstable();
    let ms = |v: u32| f64::from(v) / 1000.0;
    let secs = window.as_secs_f64();
    Summary {
        requests: micros.len(),
        per_second: if secs > 0.0 {
            in_window as f64 / secs
        } else {
            0.0
        },
        p50_ms: ms(percentile(&micros, 50.0)),
        p90_ms: ms(percentile(&micros, 90.0)),
        p99_ms: ms(percentile(&micros, 99.0)),
        max_ms: ms(micros.last().copied().unwrap_or(0)),
    }
}

/// A duration as whole microseconds, saturating (a request never takes 71 minutes here).
pub fn micros(d: Duration) -> u32 {
    u32::try_from(d.as_micros()).unwrap_or(u32::MAX)
}

/// A small, fast, seedable generator so each client picks its own sequence of ids.
#[derive(Debug, Clone)]
pub struct XorShift(u64);

impl XorShift {
    pub fn new(seed: u64) -> Self {
        // Mix the seed so that 0, 1, 2… give unrelated sequences; never zero.
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn below(&mut self, n: usize) -> usize {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        if n == 0 { 0 } else { (x % n as u64) as usize }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles_of_one_to_a_hundred_are_the_ranks_themselves() {
        let v: Vec<u32> = (1..=100).collect();
        assert_eq!(percentile(&v, 50.0), 50);
        assert_eq!(percentile(&v, 90.0), 90);
        assert_eq!(percentile(&v, 99.0), 99);
        assert_eq!(percentile(&v, 100.0), 100);
        assert_eq!(percentile(&v, 0.0), 1);
    }

    #[test]
    fn percentiles_of_few_values_round_up_to_a_real_sample() {
        assert_eq!(percentile(&[7], 99.0), 7);
        assert_eq!(percentile(&[1, 2, 3], 50.0), 2);
        assert_eq!(percentile(&[1, 2, 3, 4], 50.0), 2);
        assert_eq!(percentile(&[1, 2, 3, 4], 99.0), 4);
        assert_eq!(percentile(&[], 50.0), 0);
    }

    #[test]
    fn summary_sorts_converts_to_milliseconds_and_counts_only_the_window_for_throughput() {
        let s = summarize(vec![3000, 1000, 2000, 10_000], 3, Duration::from_secs(2));
        assert_eq!(s.requests, 4);
        assert!((s.per_second - 1.5).abs() < 1e-9);
        assert!((s.p50_ms - 2.0).abs() < 1e-9);
        assert!((s.p99_ms - 10.0).abs() < 1e-9);
        assert!((s.max_ms - 10.0).abs() < 1e-9);
    }

    #[test]
    fn an_empty_run_summarises_to_zeros() {
        let s = summarize(Vec::new(), 0, Duration::ZERO);
        assert_eq!((s.requests, s.per_second, s.max_ms), (0, 0.0, 0.0));
    }

    #[test]
    fn generator_stays_in_range_and_differs_by_seed() {
        let (mut a, mut b) = (XorShift::new(1), XorShift::new(2));
        let xs: Vec<usize> = (0..50).map(|_| a.below(10)).collect();
        let ys: Vec<usize> = (0..50).map(|_| b.below(10)).collect();
        assert!(xs.iter().all(|&x| x < 10));
        assert_ne!(xs, ys);
        assert_eq!(a.below(0), 0);
    }
}
