//! Free-text understanding: findings with negation, body sites and severity, plus duration and readings.

pub(crate) mod combine;
pub(crate) mod duration;
pub(crate) mod negation;
pub(crate) mod normalise;
pub(crate) mod readings;

use crate::ids::Fx;
use crate::input::Vitals;
use crate::kb::KnowledgeBase;
use crate::lexicon::{DurationWord, Match, Mention};
use combine::Found;
use normalise::{normalise, tokenise};
use std::collections::BTreeMap;

/// Words before a finding a severity word may stand ("bahut tez dard"), and after it ("pain is severe").
const SEVERITY_BEFORE: usize = 3;
const SEVERITY_AFTER: usize = 2;

/// What the text says.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Understanding {
    /// Each recognised finding, present (`true`) or denied (`false`); present wins a conflict.
    pub findings: BTreeMap<Fx, bool>,
    pub duration_days: Option<f64>,
    pub readings: Vitals,
}

/// Reads findings, duration and readings from free text in English, Hindi or romanised Hindi.
pub(crate) fn understand(text: &str, kb: &KnowledgeBase, pregnant: bool) -> Understanding {
    let lexicon = &kb.lexicon;
    let tokens = tokenise(&normalise(text));
    if tokens.is_empty() {
        return Understanding::default();
    }
    let matches = lexicon.mentions.find(&tokens);
    let negated = negation::negated_words(&tokens, &matches, lexicon);
    let pregnant_in_text = kb.fx("pregnant").is_some_and(|p| {
        matches
            .iter()
            .any(|m| m.kind == Mention::Finding(p) && !negated[m.start..m.end].iter().any(|n| *n))
    });
    let mut found = combine::combine(
        &tokens,
        &matches,
        &negated,
        lexicon,
        pregnant || pregnant_in_text,
    );
    let durations = lexicon.durations.find(&tokens);
    found.extend(severe_forms(&found, &matches, &durations, &tokens, kb));
    let mut findings = BTreeMap::new();
    for f in &found {
        let entry = findings.entry(f.fx).or_insert(false);
        *entry |= !f.negated;
    }
    Understanding {
        findings,
        duration_days: duration::duration_days(&tokens, lexicon),
        readings: readings::readings(&tokens, lexicon),
    }
}

/// "bahut tez bukhar" → high fever: severity words near a finding with a severe form.
fn severe_forms(
    found: &[Found],
    matches: &[Match<Mention>],
    durations: &[Match<DurationWord>],
    tokens: &[normalise::Token],
    kb: &KnowledgeBase,
) -> Vec<Found> {
    let near = |f: &Found, m: &Match<Mention>| {
        let inside = m.start >= f.start && m.end <= f.end;
        let before = m.end <= f.start
            && f.start - m.end <= SEVERITY_BEFORE
            && tokens[m.start].clause == tokens[f.start].clause;
        let after = m.start >= f.end
            && m.start - f.end <= SEVERITY_AFTER
            && tokens[m.start].clause == tokens[f.end - 1].clause;
        inside || before || after
    };
    let before_time_unit = |m: &Match<Mention>| {
        durations
            .iter()
            .any(|d| d.start == m.end && matches!(d.kind, DurationWord::Unit { .. }))
    };
    found
        .iter()
        .filter_map(|f| {
            let severe = *kb.lexicon.severe_variant.get(&f.fx)?;
            let intense = matches
                .iter()
                .any(|m| m.kind == Mention::Severity && near(f, m) && !before_time_unit(m));
            let mild = matches
                .iter()
                .any(|m| m.kind == Mention::Mild && near(f, m));
            (intense && !mild).then_some(Found { fx: severe, ..*f })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::knowledge_base;

    fn read(text: &str) -> Vec<(String, bool)> {
        let kb = knowledge_base().expect("kb");
        understand(text, kb, false)
            .findings
            .iter()
            .map(|(fx, p)| (kb.finding(*fx).id.to_string(), *p))
            .collect()
    }

    fn says(text: &str, id: &str, present: bool) -> bool {
        read(text).contains(&(id.to_owned(), present))
    }

    #[test]
    fn a_site_pairs_with_its_nearest_modifier_only() {
        assert!(says(
            "seene mein dard aur pet mein jalan",
            "chest_pain",
            true
        ));
        assert!(says(
            "seene mein dard aur pet mein jalan",
            "heartburn",
            true
        ));
        assert!(!says(
            "seene mein dard aur pet mein jalan",
            "abdominal_pain",
            true
        ));
    }

    #[test]
    fn one_modifier_can_serve_two_sites() {
        assert!(says("pain in my chest and my back", "chest_pain", true));
        assert!(says("pain in my chest and my back", "back_pain", true));
    }

    #[test]
    fn a_negated_modifier_denies_the_combined_finding() {
        assert!(says("loose motions, no blood", "bloody_diarrhoea", false));
        assert!(says("loose motions, no blood", "diarrhoea", true));
    }

    #[test]
    fn a_lone_bleeding_in_pregnancy_is_read_as_vaginal_bleeding() {
        let kb = knowledge_base().expect("kb");
        let bleeding = kb.fx("vaginal_bleeding").expect("finding");
        assert_eq!(
            understand("khoon aa raha hai", kb, true)
                .findings
                .get(&bleeding),
            Some(&true)
        );
        assert_eq!(
            understand("khoon aa raha hai", kb, false)
                .findings
                .get(&bleeding),
            None
        );
    }

    #[test]
    fn readings_are_taken_from_the_text() {
        let kb = knowledge_base().expect("kb");
        let u = understand("bp 190/110, sugar 45, oxygen 88, bukhar 103", kb, false);
        assert_eq!(u.readings.systolic_bp, Some(190.0));
        assert_eq!(u.readings.diastolic_bp, Some(110.0));
        assert_eq!(u.readings.blood_glucose_mg_dl, Some(45.0));
        assert_eq!(u.readings.spo2_percent, Some(88.0));
        assert!(
            u.readings
                .temperature_c
                .is_some_and(|t| (t - 39.44).abs() < 0.01)
        );
    }

    #[test]
    fn empty_and_punctuation_only_text_means_nothing() {
        assert!(read("").is_empty());
        assert!(read("...!!! ।।").is_empty());
    }
}
