//! The five shipped forms are valid FHIR R4, consistently named, and carry the official points.

use crate::support::shipped;
use mysehat_hw::forms::{IDS, url};
use mysehat_hw::{Form, FormError, ItemType, follow_up::immunisation::SCHEDULE};
use serde_json::{Value, json};

#[test]
fn the_five_forms_are_shipped_active_with_their_ids_and_canonical_urls() {
    let forms = mysehat_hw::forms();
    let ids: Vec<&str> = forms.iter().filter_map(|q| q["id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            "hw-household",
            "hw-cbac",
            "hw-anc",
            "hw-immunisation",
            "hw-tb"
        ]
    );
    for q in forms {
        let id = q["id"].as_str().unwrap_or_default();
        assert_eq!(q["url"], json!(url(id)));
        assert_eq!(
            q["url"],
            json!(format!("https://mysehat.in/fhir/Questionnaire/{id}"))
        );
        assert_eq!(q["status"], "active");
        assert_eq!(mysehat_hw::form(id), Some(q));
        assert_eq!(
            mysehat_hw::form_model(&url(id)).map(|f| f.id.as_str()),
            Some(id)
        );
    }
    assert_eq!(mysehat_hw::form("hw-unknown"), None);
    assert_eq!(shipped("hw-household").subject_type, "Group");
    assert_eq!(shipped("hw-cbac").subject_type, "Patient");
}

#[test]
fn every_form_is_structurally_valid_fhir_r4() {
    for q in mysehat_hw::forms() {
        let issues = mysehat_fhir::validate(q);
        assert!(issues.is_empty(), "{}: {issues:#?}", q["id"]);
    }
}

fn kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[test]
fn link_ids_and_option_codes_are_lowercase_kebab_and_every_item_has_english_text() {
    for id in IDS {
        for item in &shipped(id).items {
            assert!(kebab(&item.link_id), "{id}: linkId {}", item.link_id);
            assert!(
                item.text.as_deref().is_some_and(|t| !t.is_empty()),
                "{id}/{}",
                item.link_id
            );
            for option in &item.options {
                assert!(
                    kebab(&option.code),
                    "{id}/{}: code {}",
                    item.link_id,
                    option.code
                );
                assert!(
                    option.display.is_some(),
                    "{id}/{}/{}",
                    item.link_id,
                    option.code
                );
                assert_eq!(
                    option.system.as_deref(),
                    Some(format!("https://mysehat.in/fhir/CodeSystem/{id}").as_str())
                );
            }
            let questions_need_options = matches!(item.kind, ItemType::Choice);
            assert_eq!(
                questions_need_options,
                !item.options.is_empty(),
                "{id}/{}",
                item.link_id
            );
        }
    }
}

/// linkId → [(code, points)] of every scored item.
fn points(form: &Form, link_id: &str) -> Vec<(String, i64)> {
    let item = form.item(link_id).unwrap_or_else(|| panic!("no {link_id}"));
    item.options
        .iter()
        .map(|o| (o.code.clone(), o.points.unwrap_or(-1)))
        .collect()
}

fn table(rows: &[(&str, i64)]) -> Vec<(String, i64)> {
    rows.iter().map(|(c, p)| ((*c).to_owned(), *p)).collect()
}

#[test]
fn cbac_part_a_carries_the_official_points() {
    let cbac = shipped("hw-cbac");
    assert_eq!(
        points(cbac, "age"),
        table(&[("30-39", 0), ("40-49", 1), ("50-59", 2), ("60-plus", 3)])
    );
    assert_eq!(
        points(cbac, "tobacco"),
        table(&[("never", 0), ("sometimes", 1), ("daily", 2)])
    );
    assert_eq!(points(cbac, "alcohol"), table(&[("no", 0), ("yes", 1)]));
    assert_eq!(
        points(cbac, "waist-women"),
        table(&[("80-or-less", 0), ("81-90", 1), ("more-than-90", 2)])
    );
    assert_eq!(
        points(cbac, "waist-men"),
        table(&[("90-or-less", 0), ("91-100", 1), ("more-than-100", 2)])
    );
    assert_eq!(
        points(cbac, "activity"),
        table(&[("at-least-150", 0), ("less-than-150", 1)])
    );
    assert_eq!(
        points(cbac, "family-history"),
        table(&[("no", 0), ("yes", 2)])
    );
    let score = cbac.item("score").expect("score item");
    assert!(score.read_only && score.kind == ItemType::Integer);
    let parts: Vec<&str> = score
        .score_of
        .iter()
        .flatten()
        .map(|&i| cbac.items[i].link_id.as_str())
        .collect();
    assert_eq!(
        parts,
        [
            "age",
            "tobacco",
            "alcohol",
            "waist-women",
            "waist-men",
            "activity",
            "family-history"
        ]
    );
}

#[test]
fn every_score_item_is_a_read_only_integer_whose_parts_all_carry_points() {
    for id in IDS {
        let form = shipped(id);
        for item in form.items.iter().filter(|i| i.score_of.is_some()) {
            assert!(
                item.read_only && item.kind == ItemType::Integer,
                "{id}/{}",
                item.link_id
            );
            for &part in item.score_of.iter().flatten() {
                let part = &form.items[part];
                assert!(
                    part.options
                        .iter()
                        .all(|o| o.points.is_some_and(|p| p >= 0)),
                    "{id}/{}",
                    part.link_id
                );
            }
        }
    }
}

#[test]
fn the_immunisation_options_are_the_uip_schedule() {
    let form = shipped("hw-immunisation");
    for link_id in ["vaccines-today", "next-due"] {
        let codes: Vec<&str> = form
            .item(link_id)
            .expect(link_id)
            .options
            .iter()
            .map(|o| o.code.as_str())
            .collect();
        let mut schedule: Vec<&str> = SCHEDULE.iter().map(|d| d.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        schedule.sort_unstable();
        assert_eq!(sorted, schedule, "{link_id}");
    }
}

fn questionnaire(items: Value) -> Value {
    json!({"resourceType": "Questionnaire", "id": "t", "url": "https://example.org/t", "status": "active", "item": items})
}

#[test]
fn questionnaires_the_rules_cannot_read_are_refused_with_the_reason() {
    let cases = [
        (
            json!({"resourceType": "Patient"}),
            FormError::NotAQuestionnaire,
        ),
        (
            json!({"resourceType": "Questionnaire", "id": "t"}),
            FormError::Missing("url"),
        ),
        (
            questionnaire(
                json!([{"linkId": "a", "type": "string"}, {"linkId": "a", "type": "string"}]),
            ),
            FormError::DuplicateLinkId("a".into()),
        ),
        (
            questionnaire(json!([{"linkId": "a", "type": "attachment"}])),
            FormError::UnsupportedType {
                link_id: "a".into(),
                kind: "attachment".into(),
            },
        ),
        (
            questionnaire(
                json!([{"linkId": "a", "type": "choice", "answerOption": [{"valueString": "x"}]}]),
            ),
            FormError::BadOption("a".into()),
        ),
        (
            questionnaire(
                json!([{"linkId": "a", "type": "string", "enableWhen": [{"question": "z", "operator": "exists", "answerBoolean": true}]}]),
            ),
            FormError::UnknownQuestion {
                link_id: "a".into(),
                question: "z".into(),
            },
        ),
        (
            questionnaire(
                json!([{"linkId": "a", "type": "string", "enableWhen": [{"question": "a", "operator": "~", "answerBoolean": true}]}]),
            ),
            FormError::BadEnableWhen("a".into()),
        ),
        (
            questionnaire(
                json!([{"linkId": "a", "type": "string", "extension": [{"url": mysehat_hw::questionnaire::SCORE_OF, "valueString": "a"}]}]),
            ),
            FormError::BadScore("a".into()),
        ),
        (
            questionnaire(
                json!([{"linkId": "a", "type": "choice", "answerOption": [{"extension": [{"url": mysehat_hw::questionnaire::ORDINAL_VALUE, "valueDecimal": 1.5}], "valueCoding": {"code": "x"}}]}]),
            ),
            FormError::BadOption("a".into()),
        ),
    ];
    for (q, error) in cases {
        assert_eq!(Form::parse(&q), Err(error), "{q}");
    }
}
