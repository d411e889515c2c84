//! A home visit as the app saves it (one mutation group): the `Encounter`, with the position in a
//! contained `Location`, and a CBAC screening's `QuestionnaireResponse` that the server checks
//! against the shipped form (required items, the score) before it applies the group.

use serde_json::{Value, json};

const CBAC: &str = "https://mysehat.in/fhir/Questionnaire/hw-cbac";
const CBAC_CODES: &str = "https://mysehat.in/fhir/CodeSystem/hw-cbac";

/// The visit's two resources, tagged with `meta`, at `at` (an RFC 3339 time).
pub fn saves(
    meta: &Value,
    (position, accuracy): (Value, Value),
    adult: &Adult,
    at: &str,
    encounter_id: String,
    response_id: String,
) -> Vec<Value> {
    let subject = json!({ "reference": format!("Patient/{}", adult.id) });
    let encounter = json!({
        "resourceType": "Encounter", "id": encounter_id, "meta": meta, "status": "finished",
        "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "HH", "display": "home health" },
        "subject": subject,
        "period": { "start": at },
        "contained": [{ "resourceType": "Location", "id": "pos", "position": position, "extension": accuracy }],
        "location": [{ "location": { "reference": "#pos" } }],
    });
    let response = json!({
        "resourceType": "QuestionnaireResponse", "id": response_id, "meta": meta,
        "questionnaire": CBAC, "status": "completed",
        "subject": subject,
        "encounter": { "reference": format!("Encounter/{encounter_id}") },
        "authored": at,
        "item": cbac_items(adult.male),
    });
    vec![encounter, response]
}

/// A member old enough for CBAC (30 and over) and whether he is a man.
#[derive(Debug, Clone)]
pub struct Adult {
    pub id: String,
    pub male: bool,
}

/// A complete low-risk CBAC as the app writes it (the shipped form's items and texts, the score
/// filled in): a man of 40–49 with a waist of 91–100 cm scores 2, a woman of 30–39 scores 0.
fn cbac_items(male: bool) -> Value {
    let coded = |link: &str, text: &str, code: &str, display: &str| {
        json!({ "linkId": link, "text": text, "answer": [{ "valueCoding": {
            "system": CBAC_CODES, "code": code, "display": display } }] })
    };
    let no = |link: &str, text: &str| json!({ "linkId": link, "text": text, "answer": [{ "valueBoolean": false }] });
    let (sex, age, waist, score) = if male {
        (
            coded("sex", "Sex", "male", "Male"),
            coded("age", "Age (in completed years)", "40-49", "40 to 49 years"),
            coded("waist-men", "Waist circumference", "91-100", "91 to 100 cm"),
            2,
        )
    } else {
        (
            coded("sex", "Sex", "female", "Female"),
            coded("age", "Age (in completed years)", "30-39", "30 to 39 years"),
            coded(
                "waist-women",
                "Waist circumference",
                "80-or-less",
                "80 cm or less",
            ),
            0,
        )
    };
    let part_a = vec![
        sex,
        age,
        coded(
            "tobacco",
            "Do you smoke or use smokeless tobacco such as gutka or khaini?",
            "never",
            "Never",
        ),
        coded("alcohol", "Do you drink alcohol daily?", "no", "No"),
        waist,
        coded(
            "activity",
            "Do you do at least 150 minutes of physical activity in a week?",
            "at-least-150",
            "Yes, 150 minutes or more",
        ),
        coded(
            "family-history",
            "Does a parent, brother or sister have high blood pressure, diabetes or heart disease?",
            "no",
            "No",
        ),
        json!({ "linkId": "score", "text": "Total score", "answer": [{ "valueInteger": score }] }),
    ];
    let mut part_b = vec![
        no(
            "breathless",
            "Shortness of breath (difficulty in breathing)",
        ),
        no("cough-2-weeks", "Cough for more than 2 weeks"),
        no("blood-in-sputum", "Blood in sputum"),
        no("fever-2-weeks", "Fever for more than 2 weeks"),
        no("weight-loss", "Loss of weight"),
        no("night-sweats", "Night sweats"),
        no(
            "mouth-ulcer",
            "Ulcer, patch or growth in the mouth that has not healed in 2 weeks",
        ),
    ];
    if !male {
        part_b.push(no("breast-lump", "Lump in the breast"));
    }
    json!([
        { "linkId": "part-a", "text": "Part A: Risk assessment", "item": part_a },
        { "linkId": "part-b", "text": "Part B: Symptoms (ask everyone)", "item": part_b },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linked(items: &Value) -> Vec<String> {
        items
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|part| part["item"].as_array().into_iter().flatten())
            .map(|i| i["linkId"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn a_man_answers_the_mens_waist_and_no_breast_lump_and_scores_two() {
        let items = cbac_items(true);
        let links = linked(&items);
        assert!(
            links.contains(&"waist-men".to_owned()) && !links.contains(&"breast-lump".to_owned())
        );
        assert_eq!(items[0]["item"][7]["answer"][0]["valueInteger"], 2);
    }

    #[test]
    fn a_woman_answers_the_womens_waist_and_the_breast_lump_and_scores_zero() {
        let items = cbac_items(false);
        let links = linked(&items);
        assert!(
            links.contains(&"waist-women".to_owned()) && links.contains(&"breast-lump".to_owned())
        );
        assert_eq!(items[0]["item"][7]["answer"][0]["valueInteger"], 0);
    }

    #[test]
    fn the_response_names_its_encounter_and_subject() {
        let adult = Adult {
            id: "p-1".into(),
            male: true,
        };
        let meta = json!({"tag": []});
        let saves = saves(
            &meta,
            (json!({}), json!([])),
            &adult,
            "2026-11-26T10:00:00+05:30",
            "e-1".into(),
            "q-1".into(),
        );
        assert_eq!(saves[1]["encounter"]["reference"], "Encounter/e-1");
        assert_eq!(saves[0]["subject"], saves[1]["subject"]);
        assert_eq!(saves[1]["subject"]["reference"], "Patient/p-1");
    }
}
