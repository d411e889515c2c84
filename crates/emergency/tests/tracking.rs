//! The fix filter's reasons for rejecting a fix, and ETAs as an ambulance approaches.

use std::time::Duration;

use mysehat_emergency::geo::LatLon;
use mysehat_emergency::time::UnixMs;
use mysehat_emergency::tracking::{
    Fix, FixFilter, FixFilterConfig, Rejection, URBAN_SPEED_MPS, eta,
};

const NOW: UnixMs = UnixMs(1_750_000_000_000);

/// A good fix `seconds` after NOW at `metres_north` of a point in Pune.
fn fix(seconds: f64, metres_north: f64) -> Fix {
    Fix {
        at: UnixMs(NOW.0 + (seconds * 1000.0) as i64),
        pos: LatLon::new(18.52 + metres_north / 111_195.08, 73.85).expect("valid"),
        accuracy_m: 8.0,
        speed_mps: None,
    }
}

fn filter_after(first: Fix) -> FixFilter {
    let mut filter = FixFilter::new(FixFilterConfig::default());
    filter
        .accept(first, NOW)
        .expect("a first good fix is accepted");
    filter
}

#[test]
fn a_first_reasonable_fix_is_accepted_and_remembered() {
    let first = fix(0.0, 0.0);
    let filter = filter_after(first);
    assert_eq!(filter.last_accepted(), Some(&first));
}

#[test]
fn a_vague_fix_is_rejected() {
    let mut filter = FixFilter::new(FixFilterConfig::default());
    let vague = Fix {
        accuracy_m: 100.5,
        ..fix(0.0, 0.0)
    };
    assert_eq!(
        filter.accept(vague, NOW),
        Err(Rejection::Inaccurate {
            accuracy_m: 100.5,
            limit_m: 100.0
        })
    );
    assert_eq!(
        filter.last_accepted(),
        None,
        "a rejected fix is not remembered"
    );
    let borderline = Fix {
        accuracy_m: 100.0,
        ..fix(0.0, 0.0)
    };
    assert_eq!(filter.accept(borderline, NOW), Ok(()));
}

#[test]
fn the_accuracy_limit_is_configurable() {
    let strict = FixFilterConfig {
        max_accuracy_m: 5.0,
        ..FixFilterConfig::default()
    };
    let filter = FixFilter::new(strict);
    assert!(matches!(
        filter.check(&fix(0.0, 0.0), NOW),
        Err(Rejection::Inaccurate { .. })
    ));
}

#[test]
fn nonsense_readings_are_rejected() {
    let filter = FixFilter::new(FixFilterConfig::default());
    for bad in [
        Fix {
            accuracy_m: f64::NAN,
            ..fix(0.0, 0.0)
        },
        Fix {
            accuracy_m: -1.0,
            ..fix(0.0, 0.0)
        },
        Fix {
            speed_mps: Some(-3.0),
            ..fix(0.0, 0.0)
        },
    ] {
        assert_eq!(filter.check(&bad, NOW), Err(Rejection::InvalidReading));
    }
}

#[test]
fn a_fix_more_than_thirty_seconds_in_the_future_is_rejected() {
    let filter = FixFilter::new(FixFilterConfig::default());
    assert_eq!(filter.check(&fix(30.0, 0.0), NOW), Ok(()));
    assert_eq!(
        filter.check(&fix(30.001, 0.0), NOW),
        Err(Rejection::FromTheFuture { ahead_ms: 30_001 })
    );
}

#[test]
fn a_resent_fix_is_reported_as_a_duplicate() {
    let filter = filter_after(fix(0.0, 0.0));
    assert_eq!(filter.check(&fix(0.0, 0.0), NOW), Err(Rejection::Duplicate));
    assert_eq!(
        filter.check(&fix(0.0, 0.0), NOW).map_err(|r| r.code()),
        Err("fix_duplicate")
    );
}

#[test]
fn an_older_fix_arriving_late_is_rejected_as_out_of_order() {
    let mut filter = filter_after(fix(-10.0, 0.0));
    assert_eq!(filter.accept(fix(-5.0, 50.0), NOW), Ok(()));
    assert_eq!(
        filter.check(&fix(-7.0, 20.0), NOW),
        Err(Rejection::OutOfOrder {
            last_at: fix(-5.0, 0.0).at
        })
    );
}

#[test]
fn a_jump_faster_than_200_kmh_is_rejected() {
    let filter = filter_after(fix(0.0, 0.0));
    // 600 m in 10 s is 60 m/s.
    let jump = filter.check(&fix(10.0, 600.0), NOW);
    assert!(
        matches!(jump, Err(Rejection::TooFast { speed_mps, limit_mps: 55.0 }) if (speed_mps - 60.0).abs() < 0.01),
        "{jump:?}"
    );
    // 500 m in 10 s is 50 m/s: fast, but an ambulance on a highway can do it.
    assert_eq!(filter.check(&fix(10.0, 500.0), NOW), Ok(()));
}

#[test]
fn the_speed_limit_is_configurable_and_survives_a_restart() {
    let slow = FixFilterConfig {
        max_speed_mps: 20.0,
        ..FixFilterConfig::default()
    };
    let filter = FixFilter::resume(slow, fix(0.0, 0.0));
    assert!(matches!(
        filter.check(&fix(10.0, 250.0), NOW),
        Err(Rejection::TooFast { .. })
    ));
    assert_eq!(filter.check(&fix(10.0, 150.0), NOW), Ok(()));
}

#[test]
fn after_a_rejected_jump_the_next_good_fix_is_judged_from_the_last_accepted_one() {
    let mut filter = filter_after(fix(0.0, 0.0));
    assert!(filter.accept(fix(5.0, 5_000.0), NOW).is_err());
    assert_eq!(filter.accept(fix(10.0, 150.0), NOW), Ok(()));
    assert_eq!(
        filter.last_accepted().map(|f| f.at),
        Some(fix(10.0, 0.0).at)
    );
}

#[test]
fn eta_falls_as_the_ambulance_approaches() {
    // Driving north at 15 m/s towards a patient 9 km away, one fix every 10 s.
    let patient_north = 9_000.0;
    let mut fixes = Vec::new();
    let mut previous = Duration::MAX;
    for i in 0..40 {
        let t = f64::from(i) * 10.0;
        fixes.push(fix(t, 15.0 * t));
        let remaining = patient_north - 15.0 * t;
        let eta = eta(remaining, &fixes).expect("finite distance");
        assert!(eta < previous, "at {t} s: {eta:?} after {previous:?}");
        previous = eta;
    }
    // 3 km left at 15 m/s: 200 s.
    let three_km_left = eta(3_000.0, &fixes).expect("finite").as_secs_f64();
    assert!((three_km_left - 200.0).abs() < 1.0, "{three_km_left}");
}

#[test]
fn a_stationary_ambulance_gets_a_finite_eta_at_urban_speed() {
    let parked = [fix(0.0, 0.0), fix(30.0, 0.0), fix(60.0, 0.0)];
    let eta = eta(8_300.0, &parked).expect("finite distance");
    assert!((eta.as_secs_f64() - 1_000.0).abs() < 1e-6, "{eta:?}");
    assert_eq!(URBAN_SPEED_MPS, 8.3);
}

#[test]
fn without_fixes_the_urban_speed_is_assumed() {
    let eta = eta(830.0, &[]).expect("finite distance");
    assert!((eta.as_secs_f64() - 100.0).abs() < 1e-6);
}

#[test]
fn a_single_fix_uses_its_reported_speed() {
    let moving = Fix {
        speed_mps: Some(20.0),
        ..fix(0.0, 0.0)
    };
    let eta = eta(2_000.0, &[moving]).expect("finite distance");
    assert!((eta.as_secs_f64() - 100.0).abs() < 1e-6);
}

#[test]
fn only_the_last_two_minutes_count_towards_the_speed() {
    // Fast (30 m/s) long ago, then 10 m/s for the last two minutes.
    let mut fixes = vec![fix(0.0, 0.0), fix(60.0, 1_800.0)];
    for i in 1..=13 {
        let t = 60.0 + f64::from(i) * 10.0;
        fixes.push(fix(t, 1_800.0 + 10.0 * (t - 60.0)));
    }
    let eta = eta(1_000.0, &fixes).expect("finite").as_secs_f64();
    assert!((eta - 100.0).abs() < 0.5, "{eta}");
}

#[test]
fn impossible_distances_have_no_eta() {
    assert_eq!(eta(-1.0, &[]), None);
    assert_eq!(eta(f64::NAN, &[]), None);
    assert_eq!(eta(f64::INFINITY, &[]), None);
    assert_eq!(eta(0.0, &[]), Some(Duration::ZERO));
}

#[test]
fn fixes_travel_as_json_with_validated_positions() -> Result<(), serde_json::Error> {
    let json =
        r#"{"at":1750000000000,"pos":{"lat":18.52,"lon":73.85},"accuracy_m":8.0,"speed_mps":null}"#;
    let parsed: Fix = serde_json::from_str(json)?;
    assert_eq!(parsed, fix(0.0, 0.0));
    assert_eq!(serde_json::to_string(&parsed)?, json);
    let bad = r#"{"at":1,"pos":{"lat":95.0,"lon":73.85},"accuracy_m":8.0,"speed_mps":null}"#;
    assert!(serde_json::from_str::<Fix>(bad).is_err());
    Ok(())
}
