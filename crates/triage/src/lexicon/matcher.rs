//! A longest-match phrase matcher over normalised words, with romanised-Hindi folding and prefix matching.

use crate::kb::schema::RawTerms;
use crate::text::normalise::{Token, fold_roman, normalise, tokenise};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub(crate) struct Term {
    words: Vec<String>,
    fold: bool,
    prefix_last: bool,
}

/// A phrase found in the text: words `start..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Match<K> {
    pub start: usize,
    pub end: usize,
    pub kind: K,
}

/// Longest-match phrase matcher; ties go to exact (unfolded) terms, then to the first defined.
/// A trailing `*` makes the last word a prefix; the last word of a multi-word phrase always is.
#[derive(Debug, Clone)]
pub(crate) struct Matcher<K> {
    entries: Vec<(Term, K)>,
    by_first: HashMap<(bool, String), Vec<usize>>,
    prefix_single: Vec<usize>,
}

impl<K: Copy + PartialEq + std::fmt::Debug> Matcher<K> {
    pub(crate) fn new() -> Self {
        Self {
            entries: Vec::new(),
            by_first: HashMap::new(),
            prefix_single: Vec::new(),
        }
    }

    pub(crate) fn add_terms(&mut self, terms: &RawTerms, kind: K, problems: &mut Vec<String>) {
        for term in terms.en.iter().chain(&terms.hi) {
            self.add(term, false, kind, problems);
        }
        for term in &terms.rom {
            self.add(term, true, kind, problems);
        }
    }

    fn add(&mut self, term: &str, roman: bool, kind: K, problems: &mut Vec<String>) {
        let exact = term.starts_with('=');
        let body = term.trim_start_matches('=');
        let prefix_last = body.ends_with('*');
        let fold = roman && !exact;
        let words: Vec<String> = tokenise(&normalise(body.trim_end_matches('*')))
            .into_iter()
            .map(|t| if fold { fold_roman(&t.raw) } else { t.raw })
            .collect();
        let Some(first) = words.first().cloned() else {
            problems.push(format!("lexicon term `{term}` has no words"));
            return;
        };
        // The last word of a phrase may carry an inflection ("saans phool" / "saans phoolna",
        // "chest pain" / "chest pains"); single words must match whole.
        let prefix_last = prefix_last
            || (words.len() > 1 && words.last().is_some_and(|w| w.chars().count() >= 3));
        let duplicate = self
            .entries
            .iter()
            .find(|(t, _)| t.words == words && t.fold == fold && t.prefix_last == prefix_last);
        if let Some((_, other)) = duplicate {
            if *other != kind {
                problems.push(format!("lexicon term `{term}` is defined twice with different meanings ({other:?}, {kind:?})"));
            }
            return;
        }
        let index = self.entries.len();
        if prefix_last && words.len() == 1 {
            self.prefix_single.push(index);
        } else {
            self.by_first.entry((fold, first)).or_default().push(index);
        }
        self.entries.push((
            Term {
                words,
                fold,
                prefix_last,
            },
            kind,
        ));
    }

    /// All phrases in `tokens`, left to right, never overlapping, longest first.
    pub(crate) fn find(&self, tokens: &[Token]) -> Vec<Match<K>> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match self.best_at(tokens, i) {
                Some((len, kind)) => {
                    found.push(Match {
                        start: i,
                        end: i + len,
                        kind,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        found
    }

    fn best_at(&self, tokens: &[Token], i: usize) -> Option<(usize, K)> {
        let token = &tokens[i];
        let exact = self
            .by_first
            .get(&(false, token.raw.clone()))
            .into_iter()
            .flatten();
        let folded = self
            .by_first
            .get(&(true, token.fold.clone()))
            .into_iter()
            .flatten();
        let mut best: Option<(usize, bool, usize)> = None;
        for &index in exact.chain(folded).chain(self.prefix_single.iter()) {
            let (term, _) = &self.entries[index];
            if !self.matches(term, tokens, i) {
                continue;
            }
            let candidate = (term.words.len(), !term.fold, usize::MAX - index);
            if best.is_none_or(|b| candidate > b) {
                best = Some(candidate);
            }
        }
        best.map(|(len, _, rev)| (len, self.entries[usize::MAX - rev].1))
    }

    fn matches(&self, term: &Term, tokens: &[Token], start: usize) -> bool {
        let last = term.words.len() - 1;
        term.words.iter().enumerate().all(|(k, word)| {
            let Some(token) = tokens.get(start + k) else {
                return false;
            };
            if token.sentence != tokens[start].sentence {
                return false;
            }
            let text = if term.fold { &token.fold } else { &token.raw };
            if k == last && term.prefix_last {
                text.starts_with(word.as_str()) && word.chars().count() >= 3
            } else {
                text == word
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::knowledge_base;
    use crate::lexicon::Mention;

    fn words(text: &str) -> Vec<Token> {
        tokenise(&normalise(text))
    }

    fn kinds(text: &str) -> Vec<Mention> {
        let kb = knowledge_base().expect("kb");
        kb.lexicon
            .mentions
            .find(&words(text))
            .into_iter()
            .map(|m| m.kind)
            .collect()
    }

    fn finding(id: &str) -> Mention {
        Mention::Finding(knowledge_base().expect("kb").fx(id).expect("finding"))
    }

    #[test]
    fn the_longest_phrase_wins() {
        assert_eq!(kinds("loss of appetite"), vec![finding("loss_of_appetite")]);
        assert_eq!(kinds("not able to drink"), vec![finding("unable_to_drink")]);
    }

    #[test]
    fn a_star_matches_any_ending() {
        assert_eq!(kinds("vomiting"), vec![finding("vomiting")]);
        assert_eq!(kinds("vomited"), vec![finding("vomiting")]);
    }

    #[test]
    fn romanised_terms_match_spelling_variants_but_exact_terms_do_not_fold() {
        assert_eq!(kinds("bukhaar"), vec![finding("fever")]);
        assert_eq!(kinds("daad"), vec![finding("ring_shaped_rash")]);
        assert!(
            kinds("dad").is_empty(),
            "'dad' (father) must not match 'daad' (ringworm) or 'daadh' (molar)"
        );
        assert!(
            kinds("hot").iter().all(|k| !matches!(k, Mention::Site(_))),
            "'hot' must not match 'hoth' (lips)"
        );
    }

    #[test]
    fn phrases_do_not_cross_sentences() {
        assert!(!kinds("no. fever").contains(&finding("fever")) || kinds("no. fever").len() == 2);
        assert_ne!(
            kinds("loss. of appetite"),
            vec![finding("loss_of_appetite")]
        );
    }
}
