//! The request body of the symptom checker and its validation into a `Person`.

use crate::error::InputError;
use crate::ids::QuestionId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Longest free text accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 4_000;
/// Most answers accepted in one request.
pub const MAX_ANSWERS: usize = 64;

/// What the patient or health worker tells the symptom checker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// Age in years; fractions allowed for infants (0.5 = six months).
    #[serde(default)]
    pub age: Option<f64>,
    /// Age in months, an alternative to `age` for babies; wins if both are given.
    #[serde(default)]
    pub age_months: Option<f64>,
    pub sex: Sex,
    /// Whether the person is pregnant, if known.
    #[serde(default)]
    pub pregnant: Option<bool>,
    /// The complaint in the person's own words (English, Hindi or romanised Hindi).
    #[serde(default)]
    pub text: String,
    /// Language of the answer texts (advice, disclaimer, question text).
    #[serde(default)]
    pub language: Language,
    /// Answers to earlier interview questions.
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// Measured vital signs, if any.
    #[serde(default)]
    pub vitals: Option<Vitals>,
}

/// Sex as recorded by the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
    Other,
}

/// The two languages of MySehat's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    En,
    Hi,
}

/// One answer: `yes`, `no`, `unknown`, or the id of a choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub question_id: QuestionId,
    pub answer: String,
}

/// Vital signs measured by a health worker or a device at home.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Vitals {
    #[serde(default)]
    pub temperature_c: Option<f64>,
    #[serde(default)]
    pub pulse_bpm: Option<f64>,
    #[serde(default)]
    pub respiratory_rate: Option<f64>,
    #[serde(default)]
    pub spo2_percent: Option<f64>,
    #[serde(default)]
    pub systolic_bp: Option<f64>,
    #[serde(default)]
    pub diastolic_bp: Option<f64>,
    #[serde(default)]
    pub blood_glucose_mg_dl: Option<f64>,
}

/// One vital-sign field, so rules can name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VitalField {
    TemperatureC,
    PulseBpm,
    RespiratoryRate,
    Spo2Percent,
    SystolicBp,
    DiastolicBp,
    BloodGlucoseMgDl,
}

impl VitalField {
    /// All fields with their wire names and plausible ranges.
    pub const ALL: [(VitalField, &'static str, f64, f64); 7] = [
        (VitalField::TemperatureC, "temperature_c", 25.0, 45.0),
        (VitalField::PulseBpm, "pulse_bpm", 20.0, 260.0),
        (VitalField::RespiratoryRate, "respiratory_rate", 3.0, 120.0),
        (VitalField::Spo2Percent, "spo2_percent", 40.0, 100.0),
        (VitalField::SystolicBp, "systolic_bp", 40.0, 320.0),
        (VitalField::DiastolicBp, "diastolic_bp", 20.0, 220.0),
        (
            VitalField::BloodGlucoseMgDl,
            "blood_glucose_mg_dl",
            10.0,
            1_500.0,
        ),
    ];

    /// The field for a wire name such as `spo2_percent`.
    pub fn parse(name: &str) -> Option<VitalField> {
        Self::ALL
            .iter()
            .find(|(_, n, _, _)| *n == name)
            .map(|(f, _, _, _)| *f)
    }
}

impl Vitals {
    /// The value of one field, if measured.
    pub fn get(&self, field: VitalField) -> Option<f64> {
        match field {
            VitalField::TemperatureC => self.temperature_c,
            VitalField::PulseBpm => self.pulse_bpm,
            VitalField::RespiratoryRate => self.respiratory_rate,
            VitalField::Spo2Percent => self.spo2_percent,
            VitalField::SystolicBp => self.systolic_bp,
            VitalField::DiastolicBp => self.diastolic_bp,
            VitalField::BloodGlucoseMgDl => self.blood_glucose_mg_dl,
        }
    }

    /// Fills the fields missing here from `other` (measured values win over text).
    pub fn or(self, other: Vitals) -> Vitals {
        Vitals {
            temperature_c: self.temperature_c.or(other.temperature_c),
            pulse_bpm: self.pulse_bpm.or(other.pulse_bpm),
            respiratory_rate: self.respiratory_rate.or(other.respiratory_rate),
            spo2_percent: self.spo2_percent.or(other.spo2_percent),
            systolic_bp: self.systolic_bp.or(other.systolic_bp),
            diastolic_bp: self.diastolic_bp.or(other.diastolic_bp),
            blood_glucose_mg_dl: self.blood_glucose_mg_dl.or(other.blood_glucose_mg_dl),
        }
    }
}

/// The validated person the engine reasons about.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Person {
    pub age_years: f64,
    pub sex: Sex,
    pub pregnant: Option<bool>,
    pub language: Language,
}

impl Input {
    /// Checks ranges and lengths, so the engine never reasons about impossible values.
    pub fn validate(&self) -> Result<Person, InputError> {
        let age_years = match (self.age_months, self.age) {
            (Some(months), _) => checked(months, 0.0, 1_440.0, InputError::InvalidAge)? / 12.0,
            (None, Some(years)) => checked(years, 0.0, 120.0, InputError::InvalidAge)?,
            (None, None) => return Err(InputError::MissingAge),
        };
        if self.text.chars().count() > MAX_TEXT_CHARS {
            return Err(InputError::TextTooLong {
                max: MAX_TEXT_CHARS,
            });
        }
        if self.answers.len() > MAX_ANSWERS {
            return Err(InputError::TooManyAnswers { max: MAX_ANSWERS });
        }
        if let Some(vitals) = &self.vitals {
            for (field, name, low, high) in VitalField::ALL {
                if let Some(value) = vitals.get(field) {
                    checked(
                        value,
                        low,
                        high,
                        InputError::VitalOutOfRange {
                            field: name,
                            low,
                            high,
                        },
                    )?;
                }
            }
        }
        Ok(Person {
            age_years,
            sex: self.sex,
            pregnant: self.pregnant,
            language: self.language,
        })
    }
}

fn checked(value: f64, low: f64, high: f64, error: InputError) -> Result<f64, InputError> {
    if value.is_finite() && (low..=high).contains(&value) {
        Ok(value)
    } else {
        Err(error)
    }
}
