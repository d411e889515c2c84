//! Measurements written in the text ("bp 190/110", "sugar 45", "bukhar 103"), used when no vitals were sent.

use super::normalise::Token;
use crate::input::Vitals;
use crate::lexicon::{Lexicon, ReadingWord};

/// How many words after the keyword a number may follow.
const LOOK_AHEAD: usize = 4;

fn number_near(tokens: &[Token], from: usize, to: usize, sentence: usize) -> Option<(usize, f64)> {
    (from..to.min(tokens.len()))
        .take_while(|k| tokens[*k].sentence == sentence)
        .find_map(|k| tokens[k].number.map(|v| (k, v)))
}

/// A temperature in °C; values that look like Fahrenheit are converted.
fn celsius(value: f64) -> Option<f64> {
    if (93.0..=110.0).contains(&value) {
        Some((value - 32.0) * 5.0 / 9.0)
    } else if (34.0..=43.5).contains(&value) {
        Some(value)
    } else {
        None
    }
}

/// Readings found in the text.
pub(crate) fn readings(tokens: &[Token], lexicon: &Lexicon) -> Vitals {
    let mut vitals = Vitals::default();
    for word in lexicon.readings.find(tokens) {
        let sentence = tokens[word.start].sentence;
        let after = number_near(tokens, word.end, word.end + LOOK_AHEAD, sentence);
        match word.kind {
            ReadingWord::Temperature => {
                let before =
                    number_near(tokens, word.start.saturating_sub(2), word.start, sentence);
                let value = [after, before]
                    .into_iter()
                    .flatten()
                    .find_map(|(_, v)| celsius(v));
                if let Some(c) = value {
                    vitals.temperature_c = Some(vitals.temperature_c.map_or(c, |t| t.max(c)));
                }
            }
            ReadingWord::Bp => {
                if let Some((k, systolic)) = after
                    && let Some(diastolic) = tokens
                        .get(k + 1)
                        .filter(|t| t.after_slash)
                        .and_then(|t| t.number)
                    && (60.0..=300.0).contains(&systolic)
                    && (30.0..=200.0).contains(&diastolic)
                {
                    vitals.systolic_bp = Some(systolic);
                    vitals.diastolic_bp = Some(diastolic);
                }
            }
            ReadingWord::Sugar => {
                vitals.blood_glucose_mg_dl = after
                    .map(|(_, v)| v)
                    .filter(|v| (20.0..=1_000.0).contains(v))
                    .or(vitals.blood_glucose_mg_dl);
            }
            ReadingWord::Oxygen => {
                vitals.spo2_percent = after
                    .map(|(_, v)| v)
                    .filter(|v| (50.0..=100.0).contains(v))
                    .or(vitals.spo2_percent);
            }
            ReadingWord::Pulse => {
                vitals.pulse_bpm = after
                    .map(|(_, v)| v)
                    .filter(|v| (30.0..=250.0).contains(v))
                    .or(vitals.pulse_bpm);
            }
        }
    }
    vitals
}
