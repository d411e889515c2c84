//! The CBAC form asks for age and waist as bands (as the paper form does); these give the band
//! from the number the health worker measured, so the app can pick the option for her.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Female,
    Male,
}

/// The `age` option for an age in completed years; `None` below 30 (CBAC is for 30 and over).
pub fn age_band(years: u32) -> Option<&'static str> {
    Some(match years {
        0..30 => return None,
        30..40 => "30-39",
        40..50 => "40-49",
        50..60 => "50-59",
        _ => "60-plus",
    })
}

/// The `waist-women` or `waist-men` option for a waist measured in whole centimetres.
pub fn waist_band(sex: Sex, cm: u32) -> &'static str {
    match sex {
        Sex::Female if cm <= 80 => "80-or-less",
        Sex::Female if cm <= 90 => "81-90",
        Sex::Female => "more-than-90",
        Sex::Male if cm <= 90 => "90-or-less",
        Sex::Male if cm <= 100 => "91-100",
        Sex::Male => "more-than-100",
    }
}

/// The waist item for a sex.
pub fn waist_item(sex: Sex) -> &'static str {
    match sex {
        Sex::Female => "waist-women",
        Sex::Male => "waist-men",
    }
}
