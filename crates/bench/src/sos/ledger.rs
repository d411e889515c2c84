//! What the run expects to arrive on which socket, and when it was caused: an SOS is written
//! down before its `POST` leaves, with the desk sockets that should be alerted; a position fix
//! of an assigned ambulance before its `POST` leaves, keyed by incident and fix time. Sockets
//! report what arrives; latency is the time between, on the bench's one monotonic clock.
//! Whatever is still waiting at the end is a miss.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::Instant;

/// What an arriving alert means for the desk that got it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alerted {
    /// Expected, and the first desk to see it: this desk answers it.
    Claim,
    /// Expected; another desk already answers.
    Expected,
    /// This socket was not expected to get it (a wrong hospital), or got it twice.
    Unexpected,
    /// Not an SOS of this run's measuring (e.g. a failed request's incident).
    Unknown,
}

/// One latency, and the second of the measuring window in which its cause was sent (0 for
/// the warm-up's last stragglers), so stalls can be told from a slow average.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub second: u32,
    pub micros: u32,
}

/// The latencies of a list of samples.
pub fn micros(samples: &[Sample]) -> Vec<u32> {
    samples.iter().map(|s| s.micros).collect()
}

#[derive(Debug)]
struct AlertWait {
    sent: Instant,
    waiting: HashSet<usize>,
    claimed: bool,
}

#[derive(Debug, Default)]
struct Inner {
    window: Option<Instant>,
    alerts: HashMap<String, AlertWait>,
    alert_samples: Vec<Sample>,
    alert_unexpected: usize,
    positions: HashMap<(String, i64), Instant>,
    position_samples: Vec<Sample>,
    position_unsolicited: usize,
}

impl Inner {
    fn sample(&self, sent: Instant, arrived: Instant) -> Sample {
        let second = self
            .window
            .map_or(0, |w| sent.saturating_duration_since(w).as_secs());
        Sample {
            second: u32::try_from(second).unwrap_or(u32::MAX),
            micros: mysehat_bench::stats::micros(arrived.saturating_duration_since(sent)),
        }
    }
}

/// The expectations of one run; shared by every task.
#[derive(Debug, Default)]
pub struct Ledger(Mutex<Inner>);

/// The ledger at the end: latencies (microseconds) and what never came.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub alerts: Vec<Sample>,
    /// Desk sockets that should have been alerted and were not.
    pub alert_missed: usize,
    /// Alerts to sockets not expecting them, or a second time.
    pub alert_unexpected: usize,
    pub positions: Vec<Sample>,
    /// Accepted fixes of an assigned ambulance that never reached the patient.
    pub position_missed: usize,
    /// Positions that reached a patient with no fix waiting for them.
    pub position_unsolicited: usize,
}

impl Ledger {
    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// An SOS is about to be sent; `sockets` are the desk sockets it should reach.
    pub fn expect_alert(&self, incident: &str, sockets: impl IntoIterator<Item = usize>) {
        let wait = AlertWait {
            sent: Instant::now(),
            waiting: sockets.into_iter().collect(),
            claimed: false,
        };
        self.inner().alerts.insert(incident.to_owned(), wait);
    }

    /// The SOS was not raised (the request failed): nothing is owed.
    pub fn forget_alert(&self, incident: &str) {
        self.inner().alerts.remove(incident);
    }

    /// An `sos.alert` for `incident` reached desk socket `socket` at `at`.
    pub fn alert_arrived(&self, incident: &str, socket: usize, at: Instant) -> Alerted {
        let mut inner = self.inner();
        let Some(wait) = inner.alerts.get_mut(incident) else {
            return Alerted::Unknown;
        };
        if !wait.waiting.remove(&socket) {
            inner.alert_unexpected += 1;
            return Alerted::Unexpected;
        }
        let (sent, claim) = (wait.sent, !std::mem::replace(&mut wait.claimed, true));
        let sample = inner.sample(sent, at);
        inner.alert_samples.push(sample);
        if claim {
            Alerted::Claim
        } else {
            Alerted::Expected
        }
    }

    /// A fix of an ambulance serving `incident` is about to be sent.
    pub fn expect_position(&self, incident: &str, at_ms: i64) {
        self.inner()
            .positions
            .insert((incident.to_owned(), at_ms), Instant::now());
    }

    /// The fix was not sent on, so no patient is owed it (refused, or the request failed).
    pub fn forget_position(&self, incident: &str, at_ms: i64) {
        self.inner().positions.remove(&(incident.to_owned(), at_ms));
    }

    /// An `sos.position` for `incident` with fix time `at_ms` reached the patient at `at`.
    pub fn position_arrived(&self, incident: &str, at_ms: i64, at: Instant) {
        let mut inner = self.inner();
        match inner.positions.remove(&(incident.to_owned(), at_ms)) {
            Some(sent) => {
                let sample = inner.sample(sent, at);
                inner.position_samples.push(sample);
            }
            None => inner.position_unsolicited += 1,
        }
    }

    /// Starts the measuring window: latencies so far (the warm-up's) are dropped; what is owed,
    /// and anything unexpected, still counts. Samples are numbered by second from here.
    pub fn start_window(&self) {
        let mut inner = self.inner();
        inner.window = Some(Instant::now());
        inner.alert_samples.clear();
        inner.position_samples.clear();
    }

    /// How many alerts and fan-outs are still owed.
    pub fn owed(&self) -> usize {
        let inner = self.inner();
        inner
            .alerts
            .values()
            .map(|w| w.waiting.len())
            .sum::<usize>()
            + inner.positions.len()
    }

    /// Everything measured; what is still owed counts as missed.
    pub fn tally(&self) -> Tally {
        let inner = self.inner();
        Tally {
            alerts: inner.alert_samples.clone(),
            alert_missed: inner.alerts.values().map(|w| w.waiting.len()).sum(),
            alert_unexpected: inner.alert_unexpected,
            positions: inner.position_samples.clone(),
            position_missed: inner.positions.len(),
            position_unsolicited: inner.position_unsolicited,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_first_expected_desk_claims_the_sos_and_the_others_only_count() {
        let ledger = Ledger::default();
        ledger.expect_alert("sos-1", [4, 5, 9]);
        let later = Instant::now() + Duration::from_millis(20);
        assert_eq!(ledger.alert_arrived("sos-1", 5, later), Alerted::Claim);
        assert_eq!(ledger.alert_arrived("sos-1", 4, later), Alerted::Expected);
        assert_eq!(ledger.alert_arrived("sos-1", 5, later), Alerted::Unexpected);
        assert_eq!(ledger.alert_arrived("sos-1", 7, later), Alerted::Unexpected);
        assert_eq!(ledger.alert_arrived("other", 4, later), Alerted::Unknown);
        let tally = ledger.tally();
        assert_eq!(tally.alerts.len(), 2);
        assert!(
            tally
                .alerts
                .iter()
                .all(|s| s.micros >= 20_000 && s.second == 0)
        );
        assert_eq!((tally.alert_missed, tally.alert_unexpected), (1, 2));
        assert_eq!(ledger.owed(), 1);
    }

    #[test]
    fn a_failed_sos_owes_nothing() {
        let ledger = Ledger::default();
        ledger.expect_alert("sos-1", [1, 2]);
        ledger.forget_alert("sos-1");
        assert_eq!(ledger.owed(), 0);
        assert_eq!(ledger.tally().alert_missed, 0);
    }

    #[test]
    fn positions_match_by_incident_and_fix_time_and_the_rest_are_missed() {
        let ledger = Ledger::default();
        ledger.expect_position("sos-1", 1_000);
        ledger.expect_position("sos-1", 2_000);
        ledger.expect_position("sos-2", 1_000);
        ledger.forget_position("sos-2", 1_000);
        ledger.position_arrived("sos-1", 2_000, Instant::now());
        ledger.position_arrived("sos-1", 3_000, Instant::now());
        let tally = ledger.tally();
        assert_eq!(tally.positions.len(), 1);
        assert_eq!((tally.position_missed, tally.position_unsolicited), (1, 1));
    }
}
