//! The compiled lay-term lexicon: which phrases mean which finding, body site, modifier, negation
//! or time, and the tables that combine body sites, modifiers and findings.

mod matcher;

pub(crate) use matcher::{Match, Matcher};

use crate::ids::Fx;
use crate::kb::schema::{RawLexicon, RawTerms};
use std::collections::HashMap;

/// What a matched phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mention {
    Finding(Fx),
    Site(usize),
    Modifier(usize),
    NegPre,
    NegPost,
    NegBoth,
    Pseudo,
    Severity,
    Mild,
    Boundary,
    StopPre,
    StopPost,
    Conjunction,
}

/// A phrase about time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum DurationWord {
    /// A unit of time; `long` for months and years.
    Unit {
        days: f64,
        long: bool,
    },
    Number(f64),
    Phrase(f64),
    Ago,
    Every,
    AgeMarker {
        english: bool,
    },
}

/// A word announcing a measured value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadingWord {
    Temperature,
    Bp,
    Sugar,
    Oxygen,
    Pulse,
}

/// Either side of a combination rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Anchor {
    Finding(Fx),
    Site(usize),
    Modifier(usize),
}

/// The whole lexicon, compiled against the finding vocabulary.
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    pub mentions: Matcher<Mention>,
    pub durations: Matcher<DurationWord>,
    pub readings: Matcher<ReadingWord>,
    pub combine: HashMap<(Anchor, Anchor), Fx>,
    pub unpaired: HashMap<usize, Fx>,
    pub pregnancy_bleeding: (usize, Fx),
    pub fallback: HashMap<Fx, Fx>,
    pub severe_variant: HashMap<Fx, Fx>,
    pub pre_window: usize,
    pub post_window: usize,
}

impl Lexicon {
    /// Compiles the raw lexicon; every problem found is reported, not just the first.
    pub(crate) fn compile(
        raw: &RawLexicon,
        findings: &HashMap<String, Fx>,
    ) -> Result<Lexicon, Vec<String>> {
        let mut problems = Vec::new();
        let mut mentions = Matcher::new();
        let resolve = |id: &str, problems: &mut Vec<String>| -> Option<Fx> {
            let fx = findings.get(id).copied();
            if fx.is_none() {
                problems.push(format!("lexicon refers to unknown finding `{id}`"));
            }
            fx
        };
        for (id, terms) in &raw.f {
            if let Some(fx) = resolve(id, &mut problems) {
                mentions.add_terms(terms, Mention::Finding(fx), &mut problems);
            }
        }
        let sites: Vec<&String> = raw.site.keys().collect();
        let modifiers: Vec<&String> = raw.modifier.keys().collect();
        for (index, terms) in raw.site.values().enumerate() {
            mentions.add_terms(terms, Mention::Site(index), &mut problems);
        }
        for (index, terms) in raw.modifier.values().enumerate() {
            mentions.add_terms(terms, Mention::Modifier(index), &mut problems);
        }
        let n = &raw.negation;
        for (terms, kind) in [
            (&n.pseudo, Mention::Pseudo),
            (&n.pre, Mention::NegPre),
            (&n.post, Mention::NegPost),
            (&n.both, Mention::NegBoth),
            (&n.boundary, Mention::Boundary),
            (&n.stop_pre, Mention::StopPre),
            (&n.stop_post, Mention::StopPost),
            (&n.conjunctions, Mention::Conjunction),
            (&raw.severity, Mention::Severity),
            (&raw.mild, Mention::Mild),
        ] {
            mentions.add_terms(terms, kind, &mut problems);
        }
        let anchor = |name: &str, problems: &mut Vec<String>| -> Option<Anchor> {
            let hits = [
                findings.get(name).map(|fx| Anchor::Finding(*fx)),
                sites
                    .iter()
                    .position(|s| s.as_str() == name)
                    .map(Anchor::Site),
                modifiers
                    .iter()
                    .position(|m| m.as_str() == name)
                    .map(Anchor::Modifier),
            ];
            let found: Vec<Anchor> = hits.into_iter().flatten().collect();
            match found.as_slice() {
                [one] => Some(*one),
                [] => {
                    problems.push(format!("combination refers to unknown name `{name}`"));
                    None
                }
                _ => {
                    problems.push(format!(
                        "name `{name}` is ambiguous (finding, site and modifier names must differ)"
                    ));
                    None
                }
            }
        };
        let mut combine = HashMap::new();
        for (pair, result) in &raw.combine {
            let parts: Vec<&str> = pair.split('+').map(str::trim).collect();
            let [a, b] = parts.as_slice() else {
                problems.push(format!("combination `{pair}` must be `a + b`"));
                continue;
            };
            if let (Some(a), Some(b), Some(fx)) = (
                anchor(a, &mut problems),
                anchor(b, &mut problems),
                resolve(result, &mut problems),
            ) {
                combine.insert((a, b), fx);
                combine.insert((b, a), fx);
            }
        }
        let modifier_index = |name: &str, problems: &mut Vec<String>| -> Option<usize> {
            let index = modifiers.iter().position(|m| m.as_str() == name);
            if index.is_none() {
                problems.push(format!("unknown modifier `{name}`"));
            }
            index
        };
        let mut unpaired = HashMap::new();
        for (name, id) in &raw.unpaired {
            if let (Some(m), Some(fx)) = (
                modifier_index(name, &mut problems),
                resolve(id, &mut problems),
            ) {
                unpaired.insert(m, fx);
            }
        }
        let bleeding = modifier_index(&raw.pregnancy_bleeding.modifier, &mut problems);
        let bleeding_finding = resolve(&raw.pregnancy_bleeding.finding, &mut problems);
        let pairs = |table: &std::collections::BTreeMap<String, String>,
                     problems: &mut Vec<String>|
         -> HashMap<Fx, Fx> {
            table
                .iter()
                .filter_map(|(a, b)| Some((resolve(a, problems)?, resolve(b, problems)?)))
                .collect()
        };
        let fallback = pairs(&raw.fallback, &mut problems);
        let severe_variant = pairs(&raw.severe_variant, &mut problems);
        let durations = compile_durations(raw, &mut problems);
        let mut readings = Matcher::new();
        let r = &raw.readings;
        for (terms, kind) in [
            (&r.temperature, ReadingWord::Temperature),
            (&r.bp, ReadingWord::Bp),
            (&r.sugar, ReadingWord::Sugar),
            (&r.oxygen, ReadingWord::Oxygen),
            (&r.pulse, ReadingWord::Pulse),
        ] {
            readings.add_terms(terms, kind, &mut problems);
        }
        if n.pre_window == 0 || n.post_window == 0 {
            problems.push("negation windows must be at least one word".to_owned());
        }
        match (bleeding, bleeding_finding, problems.is_empty()) {
            (Some(m), Some(fx), true) => Ok(Lexicon {
                mentions,
                durations,
                readings,
                combine,
                unpaired,
                pregnancy_bleeding: (m, fx),
                fallback,
                severe_variant,
                pre_window: n.pre_window,
                post_window: n.post_window,
            }),
            _ => Err(problems),
        }
    }
}

fn compile_durations(raw: &RawLexicon, problems: &mut Vec<String>) -> Matcher<DurationWord> {
    let mut durations = Matcher::new();
    let d = &raw.duration;
    for unit in d.units.values() {
        let terms = RawTerms {
            en: unit.en.clone(),
            hi: unit.hi.clone(),
            rom: unit.rom.clone(),
        };
        durations.add_terms(
            &terms,
            DurationWord::Unit {
                days: unit.days,
                long: unit.days >= 28.0,
            },
            problems,
        );
    }
    for number in d.numbers.values() {
        let terms = RawTerms {
            en: number.en.clone(),
            hi: number.hi.clone(),
            rom: number.rom.clone(),
        };
        durations.add_terms(&terms, DurationWord::Number(number.value), problems);
    }
    for phrase in d.phrases.values() {
        let terms = RawTerms {
            en: phrase.en.clone(),
            hi: phrase.hi.clone(),
            rom: phrase.rom.clone(),
        };
        durations.add_terms(&terms, DurationWord::Phrase(phrase.days), problems);
    }
    durations.add_terms(&d.ago, DurationWord::Ago, problems);
    durations.add_terms(&d.every, DurationWord::Every, problems);
    let english = RawTerms {
        en: d.age_markers.en.clone(),
        ..RawTerms::default()
    };
    let hindi = RawTerms {
        en: Vec::new(),
        hi: d.age_markers.hi.clone(),
        rom: d.age_markers.rom.clone(),
    };
    durations.add_terms(
        &english,
        DurationWord::AgeMarker { english: true },
        problems,
    );
    durations.add_terms(&hindi, DurationWord::AgeMarker { english: false }, problems);
    durations
}
