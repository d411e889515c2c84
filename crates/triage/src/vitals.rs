//! Findings that follow from measured vital signs: fever, IMCI age-specific fast breathing, and readings.

use crate::ids::Fx;
use crate::input::{Person, Vitals};
use crate::kb::KnowledgeBase;

/// IMCI fever threshold (axillary), °C.
const FEVER_C: f64 = 37.5;
const HIGH_FEVER_C: f64 = 39.0;

/// Breaths per minute counted as fast for this age (WHO IMCI for under-fives; adults from qSOFA-like limits).
pub(crate) fn fast_breathing_threshold(age_years: f64) -> f64 {
    match age_years {
        a if a < 2.0 / 12.0 => 60.0,
        a if a < 1.0 => 50.0,
        a if a < 5.0 => 40.0,
        a if a < 12.0 => 30.0,
        _ => 24.0,
    }
}

/// Findings set by the measured values, as (finding, present).
pub(crate) fn derived_findings(
    kb: &KnowledgeBase,
    person: &Person,
    vitals: &Vitals,
) -> Vec<(Fx, bool)> {
    let mut out = Vec::new();
    let mut set = |id: &str, present: bool| {
        if let Some(fx) = kb.fx(id) {
            out.push((fx, present));
        }
    };
    if let Some(t) = vitals.temperature_c {
        if t >= FEVER_C {
            set("fever", true);
        }
        if t >= HIGH_FEVER_C {
            set("high_fever", true);
        }
    }
    if let Some(rate) = vitals.respiratory_rate {
        set(
            "fast_breathing",
            rate >= fast_breathing_threshold(person.age_years),
        );
    }
    if let Some(spo2) = vitals.spo2_percent {
        set("low_oxygen_reading", spo2 < 94.0);
    }
    let high_bp = vitals.systolic_bp.is_some_and(|s| s >= 140.0)
        || vitals.diastolic_bp.is_some_and(|d| d >= 90.0);
    if high_bp {
        set("high_bp_reading", true);
    } else if vitals.systolic_bp.is_some() && vitals.diastolic_bp.is_some() {
        set("high_bp_reading", false);
    }
    if let Some(glucose) = vitals.blood_glucose_mg_dl {
        set("low_blood_sugar_reading", glucose < 70.0);
        set("high_blood_sugar_reading", glucose > 250.0);
    }
    out
}
