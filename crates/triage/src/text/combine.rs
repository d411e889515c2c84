//! Pairs body sites, modifiers and findings said near each other ("pet mein dard" → stomach pain),
//! each word with its nearest partner, and applies what a lone modifier means.

use super::normalise::Token;
use crate::ids::Fx;
use crate::lexicon::{Anchor, Lexicon, Match, Mention};

/// Most words allowed between the two halves of a pair (conjunctions count double).
const MAX_PAIR_GAP: usize = 8;

/// A finding read from the text, over words `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub fx: Fx,
    pub negated: bool,
    pub start: usize,
    pub end: usize,
}

struct Part {
    anchor: Anchor,
    start: usize,
    end: usize,
    negated: bool,
}

/// Findings from direct terms, from site/modifier pairs, and from lone modifiers.
pub(crate) fn combine(
    tokens: &[Token],
    matches: &[Match<Mention>],
    negated_words: &[bool],
    lexicon: &Lexicon,
    pregnant: bool,
) -> Vec<Found> {
    let parts: Vec<Part> = matches
        .iter()
        .filter_map(|m| {
            let anchor = match m.kind {
                Mention::Finding(fx) => Anchor::Finding(fx),
                Mention::Site(s) => Anchor::Site(s),
                Mention::Modifier(md) => Anchor::Modifier(md),
                _ => return None,
            };
            let negated = negated_words[m.start..m.end].iter().any(|n| *n);
            Some(Part {
                anchor,
                start: m.start,
                end: m.end,
                negated,
            })
        })
        .collect();
    let conjunction: Vec<bool> = {
        let mut flags = vec![false; tokens.len()];
        for m in matches.iter().filter(|m| m.kind == Mention::Conjunction) {
            flags[m.start..m.end].iter_mut().for_each(|f| *f = true);
        }
        flags
    };
    let gap = |a: &Part, b: &Part| -> usize {
        let (from, to) = if a.end <= b.start {
            (a.end, b.start)
        } else {
            (b.end, a.start)
        };
        (to - from) + conjunction[from..to].iter().filter(|c| **c).count()
    };
    let mut candidates = Vec::new();
    for i in 0..parts.len() {
        for j in i + 1..parts.len() {
            let (a, b) = (&parts[i], &parts[j]);
            if tokens[a.start].sentence != tokens[b.start].sentence {
                continue;
            }
            if let Some(fx) = lexicon.combine.get(&(a.anchor, b.anchor)) {
                let distance = gap(a, b);
                if distance <= MAX_PAIR_GAP {
                    candidates.push((i, j, *fx, distance));
                }
            }
        }
    }
    let mut nearest = vec![usize::MAX; parts.len()];
    for &(i, j, _, d) in &candidates {
        nearest[i] = nearest[i].min(d);
        nearest[j] = nearest[j].min(d);
    }
    let mut used = vec![false; parts.len()];
    let mut found = Vec::new();
    for &(i, j, fx, d) in &candidates {
        if d == nearest[i] || d == nearest[j] {
            used[i] = true;
            used[j] = true;
            let (a, b) = (&parts[i], &parts[j]);
            found.push(Found {
                fx,
                negated: a.negated || b.negated,
                start: a.start.min(b.start),
                end: a.end.max(b.end),
            });
        }
    }
    for (part, used) in parts.iter().zip(&used) {
        let lone = match part.anchor {
            Anchor::Finding(fx) => Some(fx),
            Anchor::Modifier(m) if !used => lexicon.unpaired.get(&m).copied().or_else(|| {
                (pregnant && m == lexicon.pregnancy_bleeding.0)
                    .then_some(lexicon.pregnancy_bleeding.1)
            }),
            _ => None,
        };
        if let Some(fx) = lone {
            found.push(Found {
                fx,
                negated: part.negated,
                start: part.start,
                end: part.end,
            });
        }
    }
    found
}
