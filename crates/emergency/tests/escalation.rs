//! The alerting schedule at its exact boundaries, when candidates run out, and as a property
//! over arbitrary times and configurations.

use std::time::Duration;

use mysehat_emergency::escalation::{ConfigError, EscalationConfig, schedule};
use mysehat_emergency::time::UnixMs;
use proptest::prelude::*;

const T0: UnixMs = UnixMs(1_750_000_000_000);

fn at(ms_after_t0: i64) -> UnixMs {
    UnixMs(T0.0 + ms_after_t0)
}

fn ten() -> Vec<&'static str> {
    vec!["f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10"]
}

#[test]
fn defaults_are_three_at_a_time_every_minute_for_three_minutes() {
    let config = EscalationConfig::default();
    assert_eq!(config.batch_size(), 3);
    assert_eq!(config.escalate_after(), Duration::from_secs(60));
    assert_eq!(config.give_up_after(), Duration::from_secs(180));
}

#[test]
fn the_three_nearest_are_alerted_the_moment_the_sos_is_raised() {
    let candidates = ten();
    let s = schedule(&candidates, T0, T0, &EscalationConfig::default());
    assert_eq!(s.alerted, ["f1", "f2", "f3"]);
    assert_eq!(s.next_escalation_at, Some(at(60_000)));
    assert_eq!(s.give_up_at, at(180_000));
    assert!(!s.unanswered);
    assert_eq!(s.wake_at(), Some(at(60_000)));
}

#[test]
fn the_next_batch_goes_out_at_exactly_sixty_seconds_not_before() {
    let candidates = ten();
    let config = EscalationConfig::default();
    let before = schedule(&candidates, T0, at(59_999), &config);
    assert_eq!(before.alerted.len(), 3);
    assert_eq!(before.next_escalation_at, Some(at(60_000)));
    let on_time = schedule(&candidates, T0, at(60_000), &config);
    assert_eq!(on_time.alerted, ["f1", "f2", "f3", "f4", "f5", "f6"]);
    assert_eq!(on_time.newly_due(3), ["f4", "f5", "f6"]);
    assert_eq!(on_time.next_escalation_at, Some(at(120_000)));
}

#[test]
fn the_incident_is_unanswered_at_exactly_one_hundred_and_eighty_seconds() {
    let candidates = ten();
    let config = EscalationConfig::default();
    let before = schedule(&candidates, T0, at(179_999), &config);
    assert_eq!(before.alerted.len(), 9);
    assert!(!before.unanswered);
    assert_eq!(
        before.next_escalation_at, None,
        "no batch at the give-up time"
    );
    assert_eq!(before.wake_at(), Some(at(180_000)));
    let after = schedule(&candidates, T0, at(180_000), &config);
    assert!(after.unanswered);
    assert_eq!(
        after.alerted.len(),
        9,
        "the tenth is never alerted automatically"
    );
    assert_eq!(after.wake_at(), None);
    let much_later = schedule(&candidates, T0, at(3_600_000), &config);
    assert_eq!(much_later.alerted.len(), 9);
}

#[test]
fn when_candidates_run_out_no_further_escalation_is_scheduled() {
    let candidates = ["near", "middle", "far", "farthest"];
    let config = EscalationConfig::default();
    let first = schedule(&candidates, T0, at(1_000), &config);
    assert_eq!(first.next_escalation_at, Some(at(60_000)));
    let all = schedule(&candidates, T0, at(60_000), &config);
    assert_eq!(all.alerted, candidates);
    assert_eq!(all.next_escalation_at, None);
    assert_eq!(all.wake_at(), Some(at(180_000)), "still wakes to give up");
    assert!(all.newly_due(9).is_empty());
}

#[test]
fn with_no_candidates_the_incident_still_times_out() {
    let none: [u32; 0] = [];
    let config = EscalationConfig::default();
    let s = schedule(&none, T0, at(10), &config);
    assert!(s.alerted.is_empty());
    assert_eq!(s.next_escalation_at, None);
    assert_eq!(s.wake_at(), Some(at(180_000)));
    assert!(schedule(&none, T0, at(180_000), &config).unanswered);
}

#[test]
fn a_clock_that_steps_back_counts_as_the_creation_instant() {
    let candidates = ten();
    let s = schedule(&candidates, T0, at(-5_000), &EscalationConfig::default());
    assert_eq!(s.alerted.len(), 3);
    assert_eq!(s.next_escalation_at, Some(at(60_000)));
}

#[test]
fn a_give_up_time_between_batches_still_allows_the_batch_before_it() {
    let candidates = ten();
    let config = EscalationConfig::new(2, Duration::from_secs(60), Duration::from_secs(150))
        .expect("valid config");
    let s = schedule(&candidates, T0, at(149_999), &config);
    assert_eq!(s.alerted.len(), 6, "batches at 0, 60 and 120 s");
    assert_eq!(s.next_escalation_at, None);
}

#[test]
fn nonsensical_configurations_are_refused() {
    let minute = Duration::from_secs(60);
    assert_eq!(
        EscalationConfig::new(0, minute, minute),
        Err(ConfigError::ZeroBatchSize)
    );
    assert_eq!(
        EscalationConfig::new(3, Duration::ZERO, minute),
        Err(ConfigError::EscalateAfterOutOfRange)
    );
    assert_eq!(
        EscalationConfig::new(3, minute, Duration::from_secs(2 * 24 * 3600)),
        Err(ConfigError::GiveUpAfterOutOfRange)
    );
}

proptest! {
    #[test]
    fn alerting_only_widens_and_follows_the_rules(
        n in 0usize..30,
        batch in 1usize..6,
        every_s in 1u64..120,
        give_up_s in 1u64..600,
        t1 in -10_000i64..1_000_000,
        dt in 0i64..1_000_000,
    ) {
        let candidates: Vec<usize> = (0..n).collect();
        let config = EscalationConfig::new(
            batch,
            Duration::from_secs(every_s),
            Duration::from_secs(give_up_s),
        ).expect("valid config");
        let early = schedule(&candidates, T0, at(t1), &config);
        let late = schedule(&candidates, T0, at(t1 + dt), &config);
        prop_assert!(early.alerted.len() <= late.alerted.len());
        prop_assert!(late.alerted.len() <= n);
        prop_assert!(!early.unanswered || late.unanswered);
        // The count is always whole batches, unless the candidates ran out.
        prop_assert!(late.alerted.len().is_multiple_of(batch) || late.alerted.len() == n);
        prop_assert_eq!(late.unanswered, t1 + dt >= (give_up_s * 1000) as i64);
        if let Some(next) = early.next_escalation_at {
            prop_assert!(next > at(t1.max(0)));
            prop_assert!(next < early.give_up_at);
            // Just before the next batch nothing more is due; at it, one more batch is.
            let just_before = schedule(&candidates, T0, UnixMs(next.0 - 1), &config);
            prop_assert_eq!(just_before.alerted.len(), early.alerted.len());
            let on_time = schedule(&candidates, T0, next, &config);
            prop_assert_eq!(on_time.alerted.len(), (early.alerted.len() + batch).min(n));
        }
    }
}
