//! Decimals with the precision they were written with: FHIR search treats `1.50` as the
//! range [1.495, 1.505) and `100` as [99.5, 100.5).

/// `(value, low, high)` for a decimal written as `text` (JSON number syntax: `-1.50`,
/// `100`, `1.5e2`). The range is half a unit of the last written digit either side:
/// `1.50` → [1.495, 1.505), `1.5e2` → [145, 155). `high` is exclusive in the FHIR sense;
/// callers compare `low <= x < high`. None when `text` is not a decimal.
pub fn decimal_range(text: &str) -> Option<(f64, f64, f64)> {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], text[at + 1..].parse::<i32>().ok()?),
        None => (text, 0),
    };
    let (negative, unsigned) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || unsigned.ends_with('.') {
        return None;
    }
    let value: f64 = text.parse().ok()?;
    let scale = exponent.checked_sub(i32::try_from(fraction.len()).ok()?)?;
    let significant = format!("{whole}{fraction}");
    let significant = significant.trim_start_matches('0');
    let (low, high) = match significant.parse::<i128>() {
        // Exact: low = (10·m − 5)·10^(scale−1), written out and parsed (correctly rounded).
        Ok(m) if significant.len() <= 36 => {
            let tenfold = if negative { -m * 10 } else { m * 10 };
            (
                bound(tenfold - 5, scale - 1)?,
                bound(tenfold + 5, scale - 1)?,
            )
        }
        _ if significant.is_empty() => (bound(-5, scale - 1)?, bound(5, scale - 1)?),
        _ => {
            let half = 0.5 * 10f64.powi(scale);
            (value - half, value + half)
        }
    };
    Some((value, low, high))
}

fn bound(mantissa: i128, exponent: i32) -> Option<f64> {
    format!("{mantissa}e{exponent}").parse().ok()
}
