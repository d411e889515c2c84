//! String search values normalised the same way on write and on search: case-, accent- and
//! width-insensitive for Latin script, while Indic scripts keep every vowel sign and nukta.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lowercases, applies compatibility decomposition (NFKD: `ﬁ` → `fi`, full-width → ASCII),
/// drops combining marks that follow a Latin letter (`Müller` → `muller`), recomposes
/// (NFC) and collapses runs of whitespace into one space. Marks on any other script are
/// kept: Devanagari matras, virama and nukta carry meaning (`सुनीता` stays `सुनीता`).
pub fn normalize_string(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut kept = String::with_capacity(lower.len());
    let mut after_latin = false;
    for c in lower.nfkd() {
        if is_combining_mark(c) {
            if !after_latin {
                kept.push(c);
            }
            continue;
        }
        after_latin = is_latin(c);
        kept.push(c);
    }
    let composed: String = kept.nfc().collect();
    composed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Latin letters: ASCII, Latin-1 Supplement, Extended-A/B, IPA, Additional, Extended-C/D/E.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(u32::from(c),
            0x00C0..=0x024F | 0x0250..=0x02AF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F
            | 0xA720..=0xA7FF | 0xAB30..=0xAB6F)
}
