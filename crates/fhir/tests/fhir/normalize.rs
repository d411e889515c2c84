//! String search is case- and accent-insensitive for Latin names, and leaves Hindi intact.

use mysehat_fhir::normalize_string;
use unicode_normalization::UnicodeNormalization;

#[test]
fn latin_names_lose_case_and_accents() {
    assert_eq!(normalize_string("Müller"), "muller");
    assert_eq!(normalize_string("José GARCÍA"), "jose garcia");
    assert_eq!(normalize_string("Ærøskøbing Çelik"), "ærøskøbing celik");
    // Already decomposed input (e + combining acute) normalises the same way.
    assert_eq!(normalize_string("Jose\u{301}"), "jose");
}

#[test]
fn compatibility_forms_fold_to_plain_letters() {
    assert_eq!(normalize_string("ﬁle"), "file");
    assert_eq!(normalize_string("ＡＢＣ"), "abc");
}

#[test]
fn whitespace_is_trimmed_and_collapsed() {
    assert_eq!(normalize_string("  Ram \t\n Kumar  "), "ram kumar");
}

#[test]
fn hindi_keeps_every_matra_virama_and_nukta() {
    for word in [
        "सुनीता",
        "प्रिया",
        "क्षत्रिय",
        "ज़फ़र",
        "हिन्दी",
        "श्रीमती गीता देवी",
    ] {
        let expected: String = word.nfc().collect();
        assert_eq!(normalize_string(word), expected, "{word}");
        assert_eq!(
            normalize_string(&word.nfd().collect::<String>()),
            expected,
            "{word} (NFD)"
        );
    }
}

#[test]
fn hindi_and_latin_mixed_normalise_each_by_its_own_rules() {
    assert_eq!(
        normalize_string("Sunita  सुनीता  Müller"),
        "sunita सुनीता muller"
    );
}

#[test]
fn composed_and_decomposed_nukta_letters_normalise_alike() {
    // क़ (U+0958) and क + nukta (U+0915 U+093C) are canonically equivalent.
    assert_eq!(
        normalize_string("\u{958}"),
        normalize_string("\u{915}\u{93C}")
    );
}
