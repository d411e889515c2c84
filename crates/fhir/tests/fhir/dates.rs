//! Dates become UTC millisecond ranges by their precision; decimals keep theirs.

use mysehat_fhir::{decimal_range, parse_date_range};

const Y2024: i64 = 1_704_067_200_000;
const Y2025: i64 = 1_735_689_600_000;
const FEB_2024: i64 = 1_706_745_600_000;
const MAR_2024: i64 = 1_709_251_200_000;
const LEAP_DAY_2024: i64 = 1_709_164_800_000;
const MAR_1_10H00M05S: i64 = 1_709_287_205_000;

#[test]
fn a_year_covers_the_whole_year() {
    assert_eq!(parse_date_range("2024"), Some((Y2024, Y2025 - 1)));
}

#[test]
fn a_month_covers_the_whole_month_including_a_leap_day() {
    assert_eq!(parse_date_range("2024-02"), Some((FEB_2024, MAR_2024 - 1)));
    assert_eq!(
        parse_date_range("2024-12"),
        Some((Y2025 - 31 * 86_400_000, Y2025 - 1))
    );
}

#[test]
fn a_day_covers_the_whole_day() {
    assert_eq!(
        parse_date_range("2024-02-29"),
        Some((LEAP_DAY_2024, MAR_2024 - 1))
    );
    assert_eq!(parse_date_range("1969-12-31"), Some((-86_400_000, -1)));
}

#[test]
fn seconds_cover_one_second_and_fractions_their_own_precision() {
    let t = MAR_1_10H00M05S;
    assert_eq!(parse_date_range("2024-03-01T10:00:05Z"), Some((t, t + 999)));
    assert_eq!(
        parse_date_range("2024-03-01T10:00:05.1Z"),
        Some((t + 100, t + 199))
    );
    assert_eq!(
        parse_date_range("2024-03-01T10:00:05.12Z"),
        Some((t + 120, t + 129))
    );
    assert_eq!(
        parse_date_range("2024-03-01T10:00:05.123Z"),
        Some((t + 123, t + 123))
    );
    assert_eq!(
        parse_date_range("2024-03-01T10:00:05.123456Z"),
        Some((t + 123, t + 123))
    );
}

#[test]
fn search_values_may_stop_at_minutes() {
    let t = MAR_1_10H00M05S - 5_000;
    assert_eq!(parse_date_range("2024-03-01T10:00Z"), Some((t, t + 59_999)));
}

#[test]
fn offsets_are_converted_to_utc_and_zone_less_times_are_utc() {
    let utc = parse_date_range("2024-03-01T10:00:05Z");
    assert_eq!(parse_date_range("2024-03-01T15:30:05+05:30"), utc);
    assert_eq!(parse_date_range("2024-03-01T05:00:05-05:00"), utc);
    assert_eq!(parse_date_range("2024-03-01T10:00:05"), utc);
}

#[test]
fn impossible_dates_are_refused() {
    for bad in [
        "",
        "24",
        "2024-1",
        "2024-13",
        "2023-02-29",
        "2024-04-31",
        "2024-03-01T",
        "2024-03T10:00:00Z",
        "2024-03-01T24:00:00Z",
        "2024-03-01T10:61:00Z",
        "2024-03-01T10:00:05+15:00",
        "2024-03-01T10:00:05.Z",
        "2024/03/01",
    ] {
        assert_eq!(parse_date_range(bad), None, "{bad}");
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12 * b.abs().max(1.0)
}

fn assert_range(text: &str, value: f64, low: f64, high: f64) {
    let Some((v, l, h)) = decimal_range(text) else {
        panic!("{text} did not parse")
    };
    assert!(
        close(v, value) && close(l, low) && close(h, high),
        "{text}: got ({v}, {l}, {h})"
    );
}

#[test]
fn decimals_keep_the_precision_they_were_written_with() {
    assert_range("1.50", 1.5, 1.495, 1.505);
    assert_range("1.5", 1.5, 1.45, 1.55);
    assert_range("100", 100.0, 99.5, 100.5);
    assert_range("0", 0.0, -0.5, 0.5);
    assert_range("-2.0", -2.0, -2.05, -1.95);
    assert_range("0.001", 0.001, 0.0005, 0.0015);
}

#[test]
fn exponents_scale_the_precision() {
    assert_range("1.5e2", 150.0, 145.0, 155.0);
    assert_range("1e2", 100.0, 50.0, 150.0);
    assert_range("2.50E-3", 0.0025, 0.002495, 0.002505);
}

#[test]
fn the_bounds_are_exact_decimals_not_float_arithmetic() {
    assert_eq!(decimal_range("1.50").map(|r| r.1), Some(1.495));
    assert_eq!(decimal_range("0.3").map(|r| r.2), Some(0.35));
}

#[test]
fn non_decimals_are_refused() {
    for bad in ["", "-", "1.", ".5", "1,5", "abc", "1e", "NaN", "+1"] {
        assert_eq!(decimal_range(bad), None, "{bad}");
    }
}
