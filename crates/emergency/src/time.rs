//! Instants as UTC milliseconds since the Unix epoch, as the rest of MySehat stores them.
//! Nothing in this crate reads a clock: callers pass `now`, so tests control time.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A point in time: milliseconds since 1970-01-01T00:00:00Z (an integer on the wire).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(transparent)]
pub struct UnixMs(pub i64);

impl UnixMs {
    /// The instant `ms` milliseconds after the epoch.
    pub const fn from_millis(ms: i64) -> Self {
        Self(ms)
    }

    /// Milliseconds since the epoch.
    pub const fn as_millis(self) -> i64 {
        self.0
    }

    /// This instant moved `by` later, saturating at the end of time rather than wrapping.
    pub fn plus(self, by: Duration) -> Self {
        Self(self.0.saturating_add(duration_ms(by)))
    }

    /// Signed milliseconds from `earlier` to `self` (negative when `earlier` is later).
    pub fn millis_since(self, earlier: UnixMs) -> i64 {
        self.0.saturating_sub(earlier.0)
    }
}

impl From<i64> for UnixMs {
    fn from(ms: i64) -> Self {
        Self(ms)
    }
}

/// Whole milliseconds in `d`, saturating for durations beyond `i64::MAX` ms (~292 million years).
pub(crate) fn duration_ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_a_duration_moves_the_instant_later() {
        let t = UnixMs(1_000).plus(Duration::from_millis(59_999));
        assert_eq!(t, UnixMs(60_999));
        assert_eq!(t.millis_since(UnixMs(1_000)), 59_999);
        assert_eq!(UnixMs(1_000).millis_since(t), -59_999);
    }

    #[test]
    fn huge_durations_saturate_instead_of_wrapping() {
        assert_eq!(UnixMs(i64::MAX - 1).plus(Duration::MAX), UnixMs(i64::MAX));
        assert_eq!(UnixMs(i64::MIN).millis_since(UnixMs(i64::MAX)), i64::MIN);
    }

    #[test]
    fn instants_are_plain_integers_on_the_wire() -> Result<(), serde_json::Error> {
        assert_eq!(
            serde_json::to_string(&UnixMs(1_700_000_000_123))?,
            "1700000000123"
        );
        assert_eq!(serde_json::from_str::<UnixMs>("42")?, UnixMs(42));
        Ok(())
    }
}
