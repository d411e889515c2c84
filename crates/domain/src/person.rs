//! A person's name, password and language as typed at registration.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A display name: trimmed, 1 to 100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct PersonName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("the name is empty")]
    Empty,
    #[error("the name is longer than 100 characters")]
    TooLong,
    #[error("the name contains control characters")]
    ControlCharacters,
}

impl PersonName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(input: &str) -> Result<Self, NameError> {
        let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(NameError::Empty);
        }
        if name.chars().count() > Self::MAX_CHARS {
            return Err(NameError::TooLong);
        }
        if name.chars().any(char::is_control) {
            return Err(NameError::ControlCharacters);
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn from_trusted(name: String) -> Self {
        Self(name)
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password as typed. Its `Debug` never shows it.
#[derive(Clone)]
pub struct Password(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password needs at least 8 characters")]
    TooShort,
    #[error("the password may have at most 128 characters")]
    TooLong,
}

impl Password {
    /// Checks a new password. Length is what matters (NIST SP 800-63B); no composition rules.
    pub fn new_checked(input: String) -> Result<Self, PasswordError> {
        let chars = input.chars().count();
        if chars < 8 {
            return Err(PasswordError::TooShort);
        }
        if chars > 128 {
            return Err(PasswordError::TooLong);
        }
        Ok(Self(input))
    }

    /// Wraps a password offered at login, which is only compared, never checked for strength.
    pub fn offered(input: String) -> Self {
        Self(input)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password([redacted])")
    }
}

/// The languages the app speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Hi,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Hi => "hi",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "en" => Some(Language::En),
            "hi" => Some(Language::Hi),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_inner_spaces_collapsed() {
        assert_eq!(
            PersonName::parse("  Sunita   Devi ").map(|n| n.0),
            Ok("Sunita Devi".into())
        );
        assert_eq!(
            PersonName::parse("सुनीता देवी").map(|n| n.0),
            Ok("सुनीता देवी".into())
        );
        assert_eq!(PersonName::parse("   "), Err(NameError::Empty));
        assert_eq!(PersonName::parse(&"a".repeat(101)), Err(NameError::TooLong));
        assert_eq!(
            PersonName::parse("a\u{0}b"),
            Err(NameError::ControlCharacters)
        );
    }

    #[test]
    fn passwords_need_eight_characters_and_never_show_in_debug() {
        assert!(Password::new_checked("short".into()).is_err());
        let p = Password::new_checked("पासवर्ड-1234".into());
        assert!(p.is_ok());
        assert_eq!(
            format!("{:?}", Password::offered("hunter22".into())),
            "Password([redacted])"
        );
    }
}
