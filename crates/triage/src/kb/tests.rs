//! The validator rejects broken data: unknown findings, impossible probabilities, missing Hindi,
//! unknown sources, inconsistent implications and red flags that would allow self care.

use super::{FILES, KnowledgeBase};

/// The embedded files with one text replacement applied to one file.
fn variant(file: &str, from: &str, to: &str) -> Vec<(&'static str, &'static str)> {
    FILES
        .iter()
        .map(|(name, text)| {
            if *name == file {
                assert!(text.contains(from), "{from} not in {file}");
                let changed: &'static str = Box::leak(text.replacen(from, to, 1).into_boxed_str());
                (*name, changed)
            } else {
                (*name, *text)
            }
        })
        .collect()
}

fn rejects(file: &str, from: &str, to: &str, expected: &str) {
    let error = KnowledgeBase::from_files(&variant(file, from, to))
        .expect_err("broken data must be rejected")
        .to_string();
    assert!(
        error.contains(expected),
        "expected `{expected}` in: {error}"
    );
}

#[test]
fn the_embedded_data_is_valid() {
    assert!(KnowledgeBase::from_files(&FILES).is_ok());
}

#[test]
fn a_condition_citing_an_unknown_finding_is_rejected() {
    rejects(
        "conditions/fevers.toml",
        "[\"fever\", 0.97, \"who-dengue-2009\"]",
        "[\"feverr\", 0.97, \"who-dengue-2009\"]",
        "unknown finding `feverr`",
    );
}

#[test]
fn a_probability_outside_zero_and_one_is_rejected() {
    rejects(
        "conditions/fevers.toml",
        "[\"high_fever\", 0.6]",
        "[\"high_fever\", 1.2]",
        "outside (0, 1)",
    );
    rejects(
        "findings.toml",
        "leak = 0.05\n",
        "leak = 0.0\n",
        "outside (0, 1)",
    );
}

#[test]
fn missing_hindi_text_is_rejected() {
    rejects(
        "conditions/fevers.toml",
        "hi = \"डेंगू बुखार\"",
        "hi = \"Dengue\"",
        "no Hindi",
    );
}

#[test]
fn an_unknown_source_is_rejected() {
    rejects(
        "conditions/fevers.toml",
        "[\"fever\", 0.97, \"who-dengue-2009\"]",
        "[\"fever\", 0.97, \"somebody-said\"]",
        "unknown source `somebody-said`",
    );
}

#[test]
fn an_implied_finding_less_likely_than_its_consequence_is_rejected() {
    rejects(
        "conditions/fevers.toml",
        "[\"fever\", 0.97, \"who-dengue-2009\"]",
        "[\"fever\", 0.5, \"who-dengue-2009\"]",
        "implies `fever`",
    );
}

#[test]
fn a_red_flag_allowing_self_care_is_rejected() {
    rejects(
        "red_flags.toml",
        "min = \"see_doctor\"",
        "min = \"self_care\"",
        "at least see_doctor",
    );
}

#[test]
fn a_red_flag_on_an_unknown_vital_sign_is_rejected() {
    rejects(
        "red_flags.toml",
        "\"blue_lips\", \"spo2_percent < 90\"",
        "\"blue_lips\", \"oxygen < 90\"",
        "unknown vital sign",
    );
}

#[test]
fn a_malformed_icd10_code_is_rejected() {
    rejects(
        "conditions/fevers.toml",
        "icd10 = \"A97\"",
        "icd10 = \"dengue\"",
        "ICD-10",
    );
}

#[test]
fn a_lexicon_term_with_two_meanings_is_rejected() {
    rejects(
        "lexicon.toml",
        "en = [\"cough*\"]",
        "en = [\"cough*\", \"fever\"]",
        "defined twice",
    );
}

#[test]
fn files_with_different_versions_are_rejected() {
    rejects(
        "texts.toml",
        "version = \"2025.1\"",
        "version = \"2024.9\"",
        "version",
    );
}

#[test]
fn dense_likelihoods_follow_noisy_or_and_share_the_duration_remainder() {
    let kb = KnowledgeBase::from_files(&FILES).expect("kb");
    let dengue = kb
        .conditions
        .iter()
        .find(|c| c.id.as_str() == "dengue")
        .expect("dengue");
    let fever = kb.fx("fever").expect("fever");
    let leak = kb.finding(fever).leak;
    assert!((dengue.likelihood[fever.0] - (1.0 - 0.03 * (1.0 - leak))).abs() < 1e-12);
    let rash_free = kb.fx("worms_in_stool").expect("finding");
    assert!((dengue.likelihood[rash_free.0] - kb.finding(rash_free).leak).abs() < 1e-12);
    let group = &kb.groups[0];
    let total: f64 = group.members.iter().map(|m| dengue.likelihood[m.0]).sum();
    assert!(
        (total - 1.0).abs() < 0.02,
        "duration distribution sums to {total}"
    );
}
