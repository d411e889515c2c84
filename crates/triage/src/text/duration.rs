//! How long the complaint has lasted, read from phrases like "3 din se", "for two weeks", "तीन हफ्ते से".

use super::normalise::Token;
use crate::lexicon::{DurationWord, Lexicon};

/// Longest plausible duration, in days (about 100 years).
const MAX_DAYS: f64 = 36_500.0;

/// The longest duration mentioned, in days; ages ("6 mahine ka baccha"), times in the past
/// ("2 weeks ago") and frequencies ("every 3 days") are not durations.
pub(crate) fn duration_days(tokens: &[Token], lexicon: &Lexicon) -> Option<f64> {
    let words = lexicon.durations.find(tokens);
    let mut longest: Option<f64> = None;
    for (i, word) in words.iter().enumerate() {
        let days = match word.kind {
            DurationWord::Phrase(days) => Some(days),
            DurationWord::Unit { days, long } => {
                let before = i
                    .checked_sub(1)
                    .map(|k| &words[k])
                    .filter(|w| w.end == word.start);
                let (value, number_start) = match before.map(|w| (w.kind, w.start)) {
                    Some((DurationWord::Number(v), start)) => (Some(v), start),
                    _ => match word.start.checked_sub(1) {
                        Some(k) if tokens[k].sentence == tokens[word.start].sentence => {
                            (tokens[k].number, k)
                        }
                        _ => (None, word.start),
                    },
                };
                let every = words
                    .iter()
                    .any(|w| w.kind == DurationWord::Every && w.end == number_start);
                let after = words
                    .get(i + 1)
                    .filter(|w| w.start == word.end)
                    .map(|w| w.kind);
                let excluded = match after {
                    Some(DurationWord::Ago) => true,
                    Some(DurationWord::AgeMarker { english }) => english || long,
                    _ => false,
                };
                value
                    .filter(|v| *v > 0.0 && !every && !excluded)
                    .map(|v| v * days)
            }
            _ => None,
        };
        if let Some(days) = days.filter(|d| *d <= MAX_DAYS) {
            longest = Some(longest.map_or(days, |l: f64| l.max(days)));
        }
    }
    longest
}
