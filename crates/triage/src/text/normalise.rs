//! One canonical form for user text and lexicon terms: NFC, lowercase, Devanagari spelling variants folded, words split.

use unicode_normalization::UnicodeNormalization;

/// A word of the input, with its position in sentences and clauses.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    /// The normalised word.
    pub raw: String,
    /// The word after the romanised-Hindi phonetic fold (equal to `raw` for non-Latin words).
    pub fold: String,
    /// Index of the sentence (split at . ! ? । and new lines).
    pub sentence: usize,
    /// Index of the clause (also split at commas and similar punctuation).
    pub clause: usize,
    /// The value when the word is a number.
    pub number: Option<f64>,
    /// True when a `/` came right before this word ("190/110").
    pub after_slash: bool,
}

/// Lowercase NFC text with Devanagari variants folded: nukta dropped, chandrabindu as
/// anusvara, long i/u as short, nasal consonant + virama as anusvara, Devanagari digits as ASCII.
pub(crate) fn normalise(text: &str) -> String {
    let chars: Vec<char> = text.nfc().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_nasal_consonant(c)
            && chars.get(i + 1) == Some(&'\u{094D}')
            && chars
                .get(i + 2)
                .is_some_and(|next| is_devanagari_consonant(*next))
        {
            out.push('\u{0902}');
            i += 2;
            continue;
        }
        match c {
            '\u{093C}' | '\u{200C}' | '\u{200D}' | '\u{00AD}' => {}
            '\u{0901}' => out.push('\u{0902}'),
            '\u{0940}' => out.push('\u{093F}'),
            '\u{0942}' => out.push('\u{0941}'),
            '\u{0908}' => out.push('\u{0907}'),
            '\u{090A}' => out.push('\u{0909}'),
            '\u{0949}' => out.push('\u{094B}'),
            '\u{0911}' => out.push('\u{0913}'),
            '\u{0945}' => out.push('\u{0947}'),
            '\u{0929}' => out.push('\u{0928}'),
            '\u{0931}' => out.push('\u{0930}'),
            '\u{0966}'..='\u{096F}' => out.push(char::from(b'0' + (c as u32 - 0x0966) as u8)),
            '\u{2018}' | '\u{2019}' | '`' => out.push('\''),
            _ => out.extend(c.to_lowercase()),
        }
        i += 1;
    }
    out
}

fn is_nasal_consonant(c: char) -> bool {
    matches!(
        c,
        '\u{0919}' | '\u{091E}' | '\u{0923}' | '\u{0928}' | '\u{092E}'
    )
}

fn is_devanagari_consonant(c: char) -> bool {
    ('\u{0915}'..='\u{0939}').contains(&c)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || (('\u{0900}'..='\u{097F}').contains(&c) && c != '\u{0964}' && c != '\u{0965}')
}

fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | ';' | '\n' | '\r' | '\u{0964}' | '\u{0965}'
    )
}

fn ends_clause(c: char) -> bool {
    matches!(
        c,
        ',' | ':' | '(' | ')' | '[' | ']' | '"' | '\u{2026}' | '\u{201C}' | '\u{201D}'
    )
}

/// Splits normalised text into words, keeping sentence and clause positions.
pub(crate) fn tokenise(normalised: &str) -> Vec<Token> {
    let chars: Vec<char> = normalised.chars().collect();
    let mut tokens = Vec::new();
    let (mut sentence, mut clause) = (0, 0);
    let mut word = String::new();
    let mut slash = false;
    let mut pending_slash = false;
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let joins_number = c == '.'
            && word.chars().all(|w| w.is_ascii_digit())
            && !word.is_empty()
            && next.is_some_and(|n| n.is_ascii_digit());
        let joins_word = c == '\'' && !word.is_empty() && next.is_some_and(char::is_alphabetic);
        if is_word_char(c) || joins_number || joins_word {
            if word.is_empty() {
                slash = pending_slash;
                pending_slash = false;
            }
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            tokens.push(make_token(
                std::mem::take(&mut word),
                sentence,
                clause,
                slash,
            ));
        }
        if ends_sentence(c) {
            sentence += 1;
            clause += 1;
        } else if ends_clause(c) {
            clause += 1;
        }
        pending_slash = c == '/';
    }
    if !word.is_empty() {
        tokens.push(make_token(word, sentence, clause, slash));
    }
    tokens
}

fn make_token(raw: String, sentence: usize, clause: usize, after_slash: bool) -> Token {
    let number = if raw.chars().all(|c| c.is_ascii_digit() || c == '.') {
        raw.parse::<f64>().ok()
    } else {
        None
    };
    let fold = fold_roman(&raw);
    Token {
        raw,
        fold,
        sentence,
        clause,
        number,
        after_slash,
    }
}

/// Folds common spelling variants of romanised Hindi into one key, so "bukhaar",
/// "bhukhar" and "bukhar" match the same term. Non-ASCII words are returned unchanged.
pub(crate) fn fold_roman(word: &str) -> String {
    if !word.is_ascii() || !word.chars().any(|c| c.is_ascii_alphabetic()) {
        return word.to_owned();
    }
    let replaced = word
        .replace("ee", "i")
        .replace("oo", "u")
        .replace("sh", "s")
        .replace("ph", "f")
        .replace('z', "j")
        .replace('w', "v")
        .replace('q', "k");
    let mut out = String::with_capacity(replaced.len());
    let mut previous: Option<char> = None;
    for c in replaced.chars() {
        let aspirate =
            c == 'h' && previous.is_some_and(|p| matches!(p, 'k' | 'g' | 't' | 'd' | 'b' | 'j'));
        if aspirate || previous == Some(c) {
            continue;
        }
        out.push(c);
        previous = Some(c);
    }
    if out.len() > 2 && out.ends_with('y') {
        out.pop();
        out.push('i');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nukta_and_chandrabindu_variants_become_one_spelling() {
        assert_eq!(normalise("ज़्यादा"), normalise("ज्यादा"));
        assert_eq!(normalise("साँस"), normalise("सांस"));
        assert_eq!(normalise("पेड़ू"), normalise("पेडू"));
        assert_eq!(normalise("ठण्ड"), normalise("ठंड"));
        assert_eq!(normalise("बीमारी"), normalise("बिमारी"));
    }

    #[test]
    fn devanagari_digits_become_ascii() {
        assert_eq!(normalise("३ दिन"), "3 दिन");
    }

    #[test]
    fn romanised_spellings_fold_together() {
        for (a, b) in [
            ("bukhaar", "bukhar"),
            ("bhukhar", "bukhar"),
            ("ultee", "ulti"),
            ("ulty", "ulti"),
            ("zukaam", "jukam"),
            ("chakkar", "chakar"),
            ("peshaab", "pesab"),
            ("khaansi", "khansi"),
        ] {
            assert_eq!(fold_roman(a), fold_roman(b), "{a} vs {b}");
        }
    }

    #[test]
    fn tokens_keep_sentences_clauses_numbers_and_slashes() {
        let tokens = tokenise(&normalise("Fever 38.5, BP 190/110. Don't know"));
        let words: Vec<&str> = tokens.iter().map(|t| t.raw.as_str()).collect();
        assert_eq!(
            words,
            ["fever", "38.5", "bp", "190", "110", "don't", "know"]
        );
        assert_eq!(tokens[1].number, Some(38.5));
        assert!(tokens[4].after_slash);
        assert_eq!(tokens[2].clause, 1);
        assert_eq!(tokens[5].sentence, 1);
    }

    #[test]
    fn danda_ends_a_sentence() {
        let tokens = tokenise(&normalise("बुखार है। खांसी नहीं"));
        assert_eq!(tokens[2].sentence, 1);
    }
}
