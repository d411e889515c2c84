//! How long until the ambulance arrives, from how fast it has actually been moving.

use std::time::Duration;

use super::Fix;

/// How far back from the newest fix the average speed looks.
pub const ETA_WINDOW: Duration = Duration::from_secs(120);

/// The slowest speed an ETA assumes, m/s (≈ 30 km/h, a typical urban ambulance speed).
/// Used as a floor: an ambulance waiting at a junction, or not yet moving, still gets a
/// finite, plausible ETA. The cost is optimism in slower traffic.
pub const URBAN_SPEED_MPS: f64 = 8.3;

/// Time to cover `distance_m` at the ambulance's recent average speed (path length over
/// time across the fixes within [`ETA_WINDOW`] of the newest, or the device's reported
/// speed when there is only one), never below [`URBAN_SPEED_MPS`].
///
/// `recent` are accepted fixes in any order. `None` only for a distance that is negative,
/// not finite, or too far to express as a `Duration`.
pub fn eta(distance_m: f64, recent: &[Fix]) -> Option<Duration> {
    if !distance_m.is_finite() || distance_m < 0.0 {
        return None;
    }
    let speed = average_speed_mps(recent).map_or(URBAN_SPEED_MPS, |s| s.max(URBAN_SPEED_MPS));
    Duration::try_from_secs_f64(distance_m / speed).ok()
}

fn average_speed_mps(recent: &[Fix]) -> Option<f64> {
    let mut fixes: Vec<&Fix> = recent.iter().collect();
    fixes.sort_by_key(|fix| fix.at);
    let newest = *fixes.last()?;
    let window_ms = i64::try_from(ETA_WINDOW.as_millis()).unwrap_or(i64::MAX);
    fixes.retain(|fix| newest.at.millis_since(fix.at) <= window_ms);
    let oldest = *fixes.first()?;
    let span_s = newest.at.millis_since(oldest.at) as f64 / 1000.0;
    if span_s <= 0.0 {
        return newest.speed_mps.filter(|s| s.is_finite() && *s >= 0.0);
    }
    let path_m: f64 = fixes
        .windows(2)
        .map(|pair| pair[0].pos.distance_m(pair[1].pos))
        .sum();
    Some(path_m / span_s)
}
