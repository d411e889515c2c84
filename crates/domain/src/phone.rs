//! Phone numbers, normalised to E.164 with India (+91) as the default country.

use serde::Serialize;
use std::fmt;

/// A validated phone number in E.164 form, e.g. `+919876543210`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct PhoneNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("a phone number may contain only digits, spaces, dashes, brackets and a leading +")]
    BadCharacters,
    #[error("an Indian mobile number has 10 digits and starts with 6, 7, 8 or 9")]
    NotIndianMobile,
    #[error("an international number has 8 to 15 digits after the +")]
    BadLength,
}

impl PhoneNumber {
    /// Parses what a person types: `98765 43210`, `098765-43210`, `+91 98765 43210`,
    /// `0091…` or another country's `+<digits>`.
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let trimmed = input.trim();
        let mut digits = String::with_capacity(trimmed.len());
        let mut plus = false;
        for c in trimmed.chars() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if digits.is_empty() && !plus => plus = true,
                ' ' | '-' | '(' | ')' | '.' => {}
                _ => return Err(PhoneError::BadCharacters),
            }
        }
        let international = plus || digits.starts_with("00");
        let digits = digits.strip_prefix("00").unwrap_or(&digits).to_owned();
        if international {
            if let Some(national) = digits.strip_prefix("91") {
                return Self::indian(national);
            }
            if !(8..=15).contains(&digits.len()) {
                return Err(PhoneError::BadLength);
            }
            return Ok(Self(format!("+{digits}")));
        }
        // A national number: an optional trunk 0, then ten digits.
        let national = match digits.len() {
            11 => digits
                .strip_prefix('0')
                .ok_or(PhoneError::NotIndianMobile)?,
            12 => digits
                .strip_prefix("91")
                .ok_or(PhoneError::NotIndianMobile)?,
            _ => &digits,
        };
        Self::indian(national)
    }

    fn indian(national: &str) -> Result<Self, PhoneError> {
        let first_ok = matches!(national.as_bytes().first(), Some(b'6'..=b'9'));
        if national.len() != 10 || !first_ok {
            return Err(PhoneError::NotIndianMobile);
        }
        Ok(Self(format!("+91{national}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Rebuilds a number that was validated before it was stored.
    pub fn from_trusted(e164: String) -> Self {
        Self(e164)
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn indian_mobile_numbers_in_every_common_spelling_normalise_alike() {
        for input in [
            "9876543210",
            "98765 43210",
            "098765-43210",
            "+91 98765 43210",
            "+919876543210",
            "0091 9876543210",
            "919876543210",
            " (+91) 98765-43210 ",
        ] {
            let parsed = PhoneNumber::parse(input);
            assert_eq!(
                parsed.as_ref().map(PhoneNumber::as_str),
                Ok("+919876543210"),
                "{input}"
            );
        }
    }

    #[test]
    fn landline_short_and_junk_numbers_are_refused() {
        assert_eq!(
            PhoneNumber::parse("12345"),
            Err(PhoneError::NotIndianMobile)
        );
        assert_eq!(
            PhoneNumber::parse("5876543210"),
            Err(PhoneError::NotIndianMobile)
        );
        assert_eq!(
            PhoneNumber::parse("98765432101"),
            Err(PhoneError::NotIndianMobile)
        );
        assert_eq!(
            PhoneNumber::parse("98765x3210"),
            Err(PhoneError::BadCharacters)
        );
        assert_eq!(PhoneNumber::parse("+1 23"), Err(PhoneError::BadLength));
        assert_eq!(PhoneNumber::parse(""), Err(PhoneError::NotIndianMobile));
    }

    #[test]
    fn other_countries_keep_their_code() {
        assert_eq!(
            PhoneNumber::parse("+44 20 7946 0958").map(|p| p.0),
            Ok("+442079460958".into())
        );
    }

    proptest! {
        #[test]
        fn parsing_never_panics_and_output_is_e164(s in "\\PC{0,24}") {
            if let Ok(p) = PhoneNumber::parse(&s) {
                prop_assert!(p.as_str().starts_with('+'));
                prop_assert!(p.as_str()[1..].bytes().all(|b| b.is_ascii_digit()));
                prop_assert_eq!(PhoneNumber::parse(p.as_str()), Ok(p.clone()));
            }
        }
    }
}
