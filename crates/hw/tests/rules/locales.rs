//! Every form item, option and follow-up rule has its words in English and Hindi
//! (`locales/{en,hi}/forms.ftl`), and nothing else is there.

use crate::support::shipped;
use fluent_syntax::ast::{Entry, PatternElement};
use mysehat_hw::Rule;
use mysehat_hw::forms::IDS;
use std::collections::BTreeMap;

/// Message id → its text.
fn messages(language: &str) -> BTreeMap<String, String> {
    let path = format!(
        "{}/../../locales/{language}/forms.ftl",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let resource = fluent_syntax::parser::parse(text.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{path}: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let Entry::Message(m) = entry {
            let value = m
                .value
                .map(|p| {
                    p.elements
                        .iter()
                        .map(|e| match e {
                            PatternElement::TextElement { value } => (*value).to_owned(),
                            PatternElement::Placeable { .. } => "{}".to_owned(),
                        })
                        .collect::<String>()
                })
                .unwrap_or_default();
            assert!(
                out.insert(m.id.name.to_owned(), value).is_none(),
                "{language}: {} twice",
                m.id.name
            );
        }
    }
    out
}

/// The keys the forms and rules need.
fn needed() -> Vec<String> {
    let mut keys = Vec::new();
    for id in IDS {
        let qid = id.trim_start_matches("hw-");
        keys.push(format!("form-{qid}-title"));
        for item in &shipped(id).items {
            keys.push(format!("form-{qid}-{}", item.link_id));
            for option in &item.options {
                keys.push(format!("form-{qid}-{}-{}", item.link_id, option.code));
            }
        }
    }
    keys.extend(Rule::ALL.iter().map(|r| format!("followup-{}", r.as_str())));
    keys.sort();
    keys
}

#[test]
fn every_item_option_and_rule_has_english_and_hindi_words_and_nothing_else_is_there() {
    let needed = needed();
    for language in ["en", "hi"] {
        let have = messages(language);
        let missing: Vec<&String> = needed.iter().filter(|k| !have.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{language}/forms.ftl lacks {missing:?}");
        let extra: Vec<&String> = have.keys().filter(|k| !needed.contains(k)).collect();
        assert!(
            extra.is_empty(),
            "{language}/forms.ftl has unused {extra:?}"
        );
        assert!(
            have.values().all(|v| !v.trim().is_empty()),
            "{language}: an empty message"
        );
    }
}

#[test]
fn english_words_are_the_forms_own_and_hindi_is_written_in_devanagari() {
    let en = messages("en");
    let cbac = shipped("hw-cbac");
    assert_eq!(
        en["form-cbac-title"],
        "CBAC: Community Based Assessment Checklist"
    );
    assert_eq!(
        Some(en["form-cbac-family-history"].as_str()),
        cbac.item("family-history").and_then(|i| i.text.as_deref())
    );
    let hi = messages("hi");
    let devanagari = |s: &str| s.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c));
    let latin_only: Vec<&String> = hi
        .iter()
        .filter(|(_, v)| !devanagari(v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        latin_only.is_empty(),
        "Hindi messages without Devanagari: {latin_only:?}"
    );
    assert_eq!(hi["form-cbac-alcohol-yes"], "हाँ");
    assert_eq!(hi["followup-tb-sputum"], "टीबी के लिए बलगम की जाँच");
}
