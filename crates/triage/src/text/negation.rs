//! Negation scope: which words a cue such as "no", "नहीं" or "nahi" denies, stopping at clause boundaries.

use super::normalise::Token;
use crate::lexicon::{Lexicon, Match, Mention};

/// Window of a cue that can look both ways ("na bukhar na khansi", "bukhar to na").
const BOTH_WAYS_WINDOW: usize = 2;

fn stops_forward(role: Option<Mention>) -> bool {
    matches!(
        role,
        Some(
            Mention::Boundary
                | Mention::StopPre
                | Mention::NegPre
                | Mention::NegPost
                | Mention::NegBoth
                | Mention::Pseudo
        )
    )
}

fn stops_backward(role: Option<Mention>) -> bool {
    matches!(
        role,
        Some(
            Mention::Boundary
                | Mention::StopPost
                | Mention::NegPre
                | Mention::NegPost
                | Mention::NegBoth
                | Mention::Pseudo
        )
    )
}

/// For every word, whether it lies inside the scope of a negation cue.
pub(crate) fn negated_words(
    tokens: &[Token],
    matches: &[Match<Mention>],
    lexicon: &Lexicon,
) -> Vec<bool> {
    let n = tokens.len();
    let mut role: Vec<Option<Mention>> = vec![None; n];
    for m in matches {
        for slot in &mut role[m.start..m.end] {
            *slot = Some(m.kind);
        }
    }
    let mut negated = vec![false; n];
    for m in matches {
        let (forward, backward) = match m.kind {
            Mention::NegPre => (lexicon.pre_window, 0),
            Mention::NegPost => (0, lexicon.post_window),
            Mention::NegBoth => (BOTH_WAYS_WINDOW, BOTH_WAYS_WINDOW),
            _ => continue,
        };
        let clause = tokens[m.end - 1].clause;
        for k in (m.end..n).take(forward) {
            if tokens[k].clause != clause || stops_forward(role[k]) {
                break;
            }
            negated[k] = true;
        }
        let clause = tokens[m.start].clause;
        for k in (0..m.start).rev().take(backward) {
            if tokens[k].clause != clause || stops_backward(role[k]) {
                break;
            }
            negated[k] = true;
        }
    }
    negated
}
