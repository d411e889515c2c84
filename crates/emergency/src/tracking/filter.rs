//! Accepting or rejecting position fixes, one at a time, against the last accepted one.

use std::time::Duration;

use thiserror::Error;

use super::Fix;
use crate::time::{UnixMs, duration_ms};

/// Limits for believable fixes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FixFilterConfig {
    /// Fixes whose accuracy radius is larger than this are too vague to show (metres).
    pub max_accuracy_m: f64,
    /// How far ahead of the server's clock a device clock may run.
    pub max_future: Duration,
    /// The fastest believable speed between fixes, m/s (55 m/s ≈ 200 km/h).
    pub max_speed_mps: f64,
}

impl Default for FixFilterConfig {
    fn default() -> Self {
        Self {
            max_accuracy_m: 100.0,
            max_future: Duration::from_secs(30),
            max_speed_mps: 55.0,
        }
    }
}

/// Why a fix was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Error)]
pub enum Rejection {
    #[error("accuracy {accuracy_m} m is worse than the {limit_m} m allowed")]
    Inaccurate { accuracy_m: f64, limit_m: f64 },
    #[error("accuracy and speed must be finite and not negative")]
    InvalidReading,
    #[error("the fix is {ahead_ms} ms ahead of the server clock")]
    FromTheFuture { ahead_ms: i64 },
    #[error("the fix is older than the last accepted one")]
    OutOfOrder { last_at: UnixMs },
    /// Usually a resend of a fix already accepted; the caller may treat it as success.
    #[error("a fix with this timestamp was already accepted")]
    Duplicate,
    #[error("reaching this fix needs {speed_mps:.1} m/s, above the {limit_mps} m/s believable")]
    TooFast { speed_mps: f64, limit_mps: f64 },
}

impl Rejection {
    /// Stable snake_case code the app translates.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::Inaccurate { .. } => "fix_inaccurate",
            Rejection::InvalidReading => "fix_invalid_reading",
            Rejection::FromTheFuture { .. } => "fix_from_the_future",
            Rejection::OutOfOrder { .. } => "fix_out_of_order",
            Rejection::Duplicate => "fix_duplicate",
            Rejection::TooFast { .. } => "fix_too_fast",
        }
    }
}

/// One ambulance's fix filter: remembers the last accepted fix.
#[derive(Debug, Clone, PartialEq)]
pub struct FixFilter {
    config: FixFilterConfig,
    last: Option<Fix>,
}

impl FixFilter {
    pub fn new(config: FixFilterConfig) -> Self {
        Self { config, last: None }
    }

    /// A filter that carries on from a fix accepted earlier (e.g. loaded after a restart).
    pub fn resume(config: FixFilterConfig, last_accepted: Fix) -> Self {
        Self {
            config,
            last: Some(last_accepted),
        }
    }

    pub fn last_accepted(&self) -> Option<&Fix> {
        self.last.as_ref()
    }

    /// Whether `fix` would be accepted at server time `now`, without remembering it.
    /// Checks run in a fixed order: readings, accuracy, clock, order, speed.
    pub fn check(&self, fix: &Fix, now: UnixMs) -> Result<(), Rejection> {
        let readings_valid = fix.accuracy_m.is_finite()
            && fix.accuracy_m >= 0.0
            && fix.speed_mps.is_none_or(|s| s.is_finite() && s >= 0.0);
        if !readings_valid {
            return Err(Rejection::InvalidReading);
        }
        if fix.accuracy_m > self.config.max_accuracy_m {
            return Err(Rejection::Inaccurate {
                accuracy_m: fix.accuracy_m,
                limit_m: self.config.max_accuracy_m,
            });
        }
        let ahead_ms = fix.at.millis_since(now);
        if ahead_ms > duration_ms(self.config.max_future) {
            return Err(Rejection::FromTheFuture { ahead_ms });
        }
        let Some(last) = self.last else {
            return Ok(());
        };
        if fix.at == last.at {
            return Err(Rejection::Duplicate);
        }
        if fix.at < last.at {
            return Err(Rejection::OutOfOrder { last_at: last.at });
        }
        let seconds = fix.at.millis_since(last.at) as f64 / 1000.0;
        let speed_mps = last.pos.distance_m(fix.pos) / seconds;
        if speed_mps > self.config.max_speed_mps {
            return Err(Rejection::TooFast {
                speed_mps,
                limit_mps: self.config.max_speed_mps,
            });
        }
        Ok(())
    }

    /// Checks `fix` and, if it is believable, makes it the last accepted fix.
    pub fn accept(&mut self, fix: Fix, now: UnixMs) -> Result<(), Rejection> {
        self.check(&fix, now)?;
        self.last = Some(fix);
        Ok(())
    }
}
