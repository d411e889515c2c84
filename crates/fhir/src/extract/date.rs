//! FHIR dates as inclusive UTC millisecond ranges, by the precision they were written with:
//! `2024` is the whole year, `2024-03` the month, `…T10:00:05.1` a tenth of a second.

const MINUTE_MS: i64 = 60_000;
const HOUR_MS: i64 = 60 * MINUTE_MS;
const DAY_MS: i64 = 24 * HOUR_MS;

/// The inclusive `[low, high]` range in UTC milliseconds that a FHIR date, dateTime or
/// instant (or a search value written the same way) covers. Values without a zone are
/// taken as UTC. Seconds may be omitted in search values (`2024-03-01T10:00`). Returns None
/// for anything that is not a real calendar date or time.
pub fn parse_date_range(text: &str) -> Option<(i64, i64)> {
    let (date, time) = match text.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let (year, month, day) = parse_date(date)?;
    let Some(time) = time else {
        let low = days_from_civil(year, month.unwrap_or(1), day.unwrap_or(1)) * DAY_MS;
        let next = match (month, day) {
            (None, _) => days_from_civil(year + 1, 1, 1) * DAY_MS,
            (Some(12), None) => days_from_civil(year + 1, 1, 1) * DAY_MS,
            (Some(m), None) => days_from_civil(year, m + 1, 1) * DAY_MS,
            (Some(_), Some(_)) => low + DAY_MS,
        };
        return Some((low, next - 1));
    };
    let (month, day) = (month?, day?);
    let (clock, offset_ms) = split_zone(time)?;
    let (since_midnight, width) = parse_clock(clock)?;
    let low = days_from_civil(year, month, day) * DAY_MS + since_midnight - offset_ms;
    Some((low, low + width - 1))
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked against the calendar.
fn parse_date(date: &str) -> Option<(i64, Option<u32>, Option<u32>)> {
    let mut parts = date.split('-');
    let year = digits(parts.next()?, 4)? as i64;
    let month = match parts.next() {
        Some(m) => Some(digits(m, 2)?),
        None => None,
    };
    let day = match parts.next() {
        Some(d) => Some(digits(d, 2)?),
        None => None,
    };
    if parts.next().is_some() || (day.is_some() && month.is_none()) {
        return None;
    }
    if let Some(m) = month
        && !(1..=12).contains(&m)
    {
        return None;
    }
    if let (Some(m), Some(d)) = (month, day)
        && !(1..=days_in_month(year, m)).contains(&d)
    {
        return None;
    }
    Some((year, month, day))
}

/// Splits `10:00:00+05:30` into the clock and the zone offset in milliseconds.
fn split_zone(time: &str) -> Option<(&str, i64)> {
    if let Some(clock) = time.strip_suffix('Z') {
        return Some((clock, 0));
    }
    let Some(at) = time.rfind(['+', '-']) else {
        return Some((time, 0));
    };
    let (clock, zone) = time.split_at(at);
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let (h, m) = zone[1..].split_once(':')?;
    let (h, m) = (digits(h, 2)?, digits(m, 2)?);
    if h > 14 || m > 59 {
        return None;
    }
    Some((
        clock,
        sign * (i64::from(h) * HOUR_MS + i64::from(m) * MINUTE_MS),
    ))
}

/// `hh:mm`, `hh:mm:ss` or `hh:mm:ss.f…` as (milliseconds since midnight, precision width).
fn parse_clock(clock: &str) -> Option<(i64, i64)> {
    let mut parts = clock.splitn(3, ':');
    let hour = digits(parts.next()?, 2)?;
    let minute = digits(parts.next()?, 2)?;
    if hour > 23 || minute > 59 {
        return None;
    }
    let base = i64::from(hour) * HOUR_MS + i64::from(minute) * MINUTE_MS;
    let Some(seconds) = parts.next() else {
        return Some((base, MINUTE_MS));
    };
    let (whole, fraction) = match seconds.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (seconds, None),
    };
    let second = digits(whole, 2)?;
    if second > 60 {
        return None;
    }
    let base = base + i64::from(second) * 1000;
    let Some(fraction) = fraction else {
        return Some((base, 1000));
    };
    if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ms: String = fraction.chars().chain("00".chars()).take(3).collect();
    let width = match fraction.len() {
        1 => 100,
        2 => 10,
        _ => 1,
    };
    Some((base + ms.parse::<i64>().ok()?, width))
}

/// Exactly `len` ASCII digits.
fn digits(text: &str, len: usize) -> Option<u32> {
    if text.len() != len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (i64::from(month) + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}
