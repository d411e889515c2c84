//! Who gets alerted, and when, while an SOS waits for a facility to accept it: the nearest
//! few at once, more every minute, and a flag for dispatchers if nobody answers.
//!
//! Pure: the caller passes the ranked candidates, the incident's creation time and `now`,
//! and re-asks whenever it wakes (see [`Schedule::wake_at`]). Acceptance is not an input:
//! once an incident is accepted the caller simply stops asking.
//!
//! With the defaults: candidates 1–3 at t0, 4–6 at t0 + 60 s, 7–9 at t0 + 120 s, and the
//! incident is unanswered from t0 + 180 s. No batch is sent at or after the give-up time;
//! from then on a dispatcher handles the incident by hand.

use std::num::NonZeroUsize;
use std::time::Duration;

use thiserror::Error;

use crate::time::{UnixMs, duration_ms};

/// The longest escalation interval or give-up time accepted: a day.
const MAX_WAIT: Duration = Duration::from_secs(24 * 60 * 60);

/// Why an escalation configuration is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ConfigError {
    #[error("batch_size must be at least 1")]
    ZeroBatchSize,
    #[error("escalate_after must be between 1 ms and 24 h")]
    EscalateAfterOutOfRange,
    #[error("give_up_after must be between 1 ms and 24 h")]
    GiveUpAfterOutOfRange,
}

/// How fast alerts widen. Built with [`EscalationConfig::new`] or `Default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EscalationConfig {
    batch_size: NonZeroUsize,
    escalate_after_ms: i64,
    give_up_after_ms: i64,
}

impl Default for EscalationConfig {
    /// Three facilities at a time, a new batch every 60 s, unanswered after 180 s.
    fn default() -> Self {
        Self {
            batch_size: NonZeroUsize::MIN.saturating_add(2),
            escalate_after_ms: 60_000,
            give_up_after_ms: 180_000,
        }
    }
}

impl EscalationConfig {
    pub fn new(
        batch_size: usize,
        escalate_after: Duration,
        give_up_after: Duration,
    ) -> Result<Self, ConfigError> {
        let batch_size = NonZeroUsize::new(batch_size).ok_or(ConfigError::ZeroBatchSize)?;
        let within = |d: Duration| d >= Duration::from_millis(1) && d <= MAX_WAIT;
        if !within(escalate_after) {
            return Err(ConfigError::EscalateAfterOutOfRange);
        }
        if !within(give_up_after) {
            return Err(ConfigError::GiveUpAfterOutOfRange);
        }
        Ok(Self {
            batch_size,
            escalate_after_ms: duration_ms(escalate_after),
            give_up_after_ms: duration_ms(give_up_after),
        })
    }

    pub fn batch_size(&self) -> usize {
        self.batch_size.get()
    }

    pub fn escalate_after(&self) -> Duration {
        Duration::from_millis(self.escalate_after_ms.unsigned_abs())
    }

    pub fn give_up_after(&self) -> Duration {
        Duration::from_millis(self.give_up_after_ms.unsigned_abs())
    }
}

/// Where alerting stands at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule<'a, F> {
    /// Every candidate that should have been alerted by now: always a prefix of the ranked
    /// list, in rank order.
    pub alerted: &'a [F],
    /// When the next batch is due, if there will be one (more candidates remain and the
    /// give-up time has not been reached).
    pub next_escalation_at: Option<UnixMs>,
    /// When the incident becomes unanswered if nobody has accepted it.
    pub give_up_at: UnixMs,
    /// Nobody accepted by `give_up_at`: flag the incident for dispatchers.
    pub unanswered: bool,
}

impl<'a, F> Schedule<'a, F> {
    /// The candidates due now that were not alerted yet, given how many already were.
    pub fn newly_due(&self, already_alerted: usize) -> &'a [F] {
        self.alerted.get(already_alerted..).unwrap_or_default()
    }

    /// When the caller should ask again: the next batch or the give-up time, whichever is
    /// first; `None` once the incident is unanswered.
    pub fn wake_at(&self) -> Option<UnixMs> {
        if self.unanswered {
            return None;
        }
        Some(
            self.next_escalation_at
                .map_or(self.give_up_at, |next| next.min(self.give_up_at)),
        )
    }
}

/// Alerting state at `now` for an incident created at `created_at`, whose candidate
/// facilities are ranked best first. A `now` before `created_at` (a clock step back) counts
/// as the creation instant.
pub fn schedule<'a, F>(
    candidates: &'a [F],
    created_at: UnixMs,
    now: UnixMs,
    config: &EscalationConfig,
) -> Schedule<'a, F> {
    let elapsed = now.millis_since(created_at).max(0);
    let every = config.escalate_after_ms;
    let give_up = config.give_up_after_ms;
    // Batch b (from 0) goes out at b * every, provided that is before the give-up time.
    let batches_before_give_up = (give_up + every - 1) / every;
    let batches = (elapsed / every + 1).min(batches_before_give_up);
    let batches = usize::try_from(batches).unwrap_or(usize::MAX);
    let count = batches
        .saturating_mul(config.batch_size())
        .min(candidates.len());
    let alerted = candidates.get(..count).unwrap_or_default();

    let next_offset = i64::try_from(batches).map_or(i64::MAX, |b| b.saturating_mul(every));
    let next_escalation_at = (count < candidates.len() && next_offset < give_up)
        .then(|| UnixMs(created_at.as_millis().saturating_add(next_offset)));
    Schedule {
        alerted,
        next_escalation_at,
        give_up_at: UnixMs(created_at.as_millis().saturating_add(give_up)),
        unanswered: elapsed >= give_up,
    }
}
