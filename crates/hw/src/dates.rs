//! Calendar dates as the forms and rules use them: strict `YYYY-MM-DD` (what FHIR `date` and the
//! app's `<input type=date>` give), day and month arithmetic, whole days between two dates.

use jiff::{Span, civil::Date};

/// A full date written exactly `YYYY-MM-DD`; anything else (partial dates, times) is refused,
/// so the app's string comparison and the server's date comparison always agree.
pub(crate) fn parse(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return None;
    }
    text.parse().ok()
}

pub(crate) fn add_days(date: Date, days: i64) -> Date {
    date.saturating_add(Span::new().days(days))
}

/// Calendar months; the day is clamped to the month's last (31 January + 1 month = 28/29 February).
pub(crate) fn add_months(date: Date, months: i64) -> Date {
    date.saturating_add(Span::new().months(months))
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub(crate) fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

/// Serde for `Date` fields that must be strict `YYYY-MM-DD`.
pub(crate) mod strict {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub(crate) fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(date)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        super::parse(&text)
            .ok_or_else(|| D::Error::custom(format!("not a YYYY-MM-DD date: {text}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn only_full_dates_parse() {
        assert_eq!(parse("2024-02-29"), Some(date(2024, 2, 29)));
        for bad in [
            "2023-02-29",
            "2024-2-9",
            "2024-02",
            "2024-02-01T10:00",
            "२०२४-०२-०१",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn month_arithmetic_clamps_to_the_month_end() {
        assert_eq!(add_months(date(2024, 1, 31), 1), date(2024, 2, 29));
        assert_eq!(add_months(date(2023, 5, 31), 9), date(2024, 2, 29));
        assert_eq!(add_days(date(2024, 2, 28), 2), date(2024, 3, 1));
        assert_eq!(days_between(date(2024, 1, 1), date(2024, 3, 1)), 60);
        assert_eq!(days_between(date(2024, 3, 1), date(2024, 1, 1)), -60);
    }
}
