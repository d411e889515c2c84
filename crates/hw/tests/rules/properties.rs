//! Properties that hold for any answers and any events.

use crate::support::*;
use mysehat_hw::follow_up::immunisation::SCHEDULE;
use mysehat_hw::forms::IDS;
use mysehat_hw::{Answer, Answers, Event, Form, evaluate, follow_ups, next_vaccine};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Any answer an item could get: one of its options, or a value of any type.
fn any_answer(form: &'static Form, at: usize) -> BoxedStrategy<Answer> {
    let codes: Vec<String> = form.items[at]
        .options
        .iter()
        .map(|o| o.code.clone())
        .collect();
    let mut choices = vec![
        (1, any::<bool>().prop_map(Answer::Boolean).boxed()),
        (1, (-5i64..300).prop_map(Answer::Integer).boxed()),
        (1, (0.0f64..20.0).prop_map(Answer::Decimal).boxed()),
        (1, Just(date("2024-01-01")).boxed()),
        (1, "[a-z]{0,3}".prop_map(Answer::String).boxed()),
    ];
    if !codes.is_empty() {
        // Mostly real options, so the interesting paths (scores, conditions) are reached.
        choices.push((
            8,
            proptest::sample::select(codes)
                .prop_map(Answer::Code)
                .boxed(),
        ));
    }
    proptest::strategy::Union::new_weighted(choices).boxed()
}

fn any_answers(id: &'static str) -> impl Strategy<Value = Answers> {
    let form = mysehat_hw::form_model(id).expect("shipped form");
    let per_item: Vec<_> = (0..form.items.len())
        .map(|at| {
            proptest::collection::vec(any_answer(form, at), 0..3)
                .prop_map(move |a| (form.items[at].link_id.clone(), a))
        })
        .collect();
    per_item.prop_map(|pairs| pairs.into_iter().filter(|(_, a)| !a.is_empty()).collect())
}

fn any_form_answers() -> impl Strategy<Value = (&'static str, Answers)> {
    (0usize..IDS.len()).prop_flat_map(|i| any_answers(IDS[i]).prop_map(move |a| (IDS[i], a)))
}

proptest! {
    #[test]
    fn the_cbac_score_is_never_negative_never_above_11_and_the_advice_shows_exactly_above_4(answers in any_answers("hw-cbac")) {
        let e = evaluate(shipped("hw-cbac"), &answers);
        let score = e.scores["score"];
        prop_assert!((0..=11).contains(&score) || e.enabled.iter().all(|i| i != "score"));
        prop_assert_eq!(e.enabled.contains(&"score-advice".to_owned()), score > 4);
        prop_assert_eq!(e.flags.contains(&"cbac-refer".to_owned()), score > 4);
    }

    #[test]
    fn evaluation_is_deterministic_and_lists_only_enabled_items_as_missing((id, answers) in any_form_answers()) {
        let form = shipped(id);
        let e = evaluate(form, &answers);
        prop_assert_eq!(&e, &evaluate(form, &answers));
        prop_assert!(e.missing.iter().all(|m| e.enabled.contains(m)));
        let mut flags = e.flags.clone();
        flags.sort();
        prop_assert_eq!(flags, e.flags);
    }

    #[test]
    fn follow_ups_do_not_depend_on_the_order_of_events(events in any_events(), order in any::<u64>()) {
        let today = day("2024-06-01");
        let mut shuffled = events.clone();
        let len = shuffled.len().max(1);
        shuffled.rotate_left((order as usize) % len);
        shuffled.reverse();
        let a = follow_ups(&events, today);
        prop_assert_eq!(&a, &follow_ups(&shuffled, today));
        let mut ids: Vec<&String> = a.iter().map(|f| &f.id).collect();
        ids.dedup();
        prop_assert_eq!(ids.len(), a.len(), "one follow-up per rule and person");
        prop_assert!(a.windows(2).all(|w| w[0].id < w[1].id));
    }

    #[test]
    fn the_next_vaccine_is_never_before_birth_nor_after_its_age_limit(days_old in 0i64..2500, given_mask in any::<u32>()) {
        let dob = day("2020-02-29");
        let today = dob.saturating_add(jiff::Span::new().days(days_old));
        let given: BTreeMap<String, jiff::civil::Date> = SCHEDULE
            .iter()
            .enumerate()
            .filter(|(i, _)| given_mask & (1 << i) != 0)
            .map(|(_, d)| (d.code.to_owned(), today))
            .collect();
        if let Some(next) = next_vaccine(dob, &given, today) {
            prop_assert!(next.due >= dob);
            prop_assert!(!given.contains_key(&next.code));
        }
    }
}

/// Up to 8 events about two people over two months, with unique ids.
fn any_events() -> impl Strategy<Value = Vec<Event>> {
    let one = (0usize..6, 0i64..60, any::<bool>(), 0usize..2, 0i64..45);
    proptest::collection::vec(one, 0..8).prop_map(|raw| {
        raw.into_iter()
            .enumerate()
            .map(|(i, (kind, offset, flag, who, weeks))| {
                let id = format!("e-{i}");
                let subject = ["p-1", "p-2"][who];
                let on = day("2024-04-01")
                    .saturating_add(jiff::Span::new().days(offset))
                    .to_string();
                match kind {
                    0 => visit(&id, subject, &on),
                    1 => form_event(
                        &id,
                        subject,
                        &on,
                        "hw-cbac",
                        if flag {
                            with(
                                &cbac_low_risk(),
                                &[("age", code("60-plus")), ("tobacco", code("daily"))],
                            )
                        } else {
                            cbac_low_risk()
                        },
                    ),
                    2 => form_event(
                        &id,
                        subject,
                        &on,
                        "hw-tb",
                        if flag {
                            with(&tb_clear(), &[("weight-loss", yes())])
                        } else {
                            tb_clear()
                        },
                    ),
                    3 => form_event(
                        &id,
                        subject,
                        &on,
                        "hw-anc",
                        if flag {
                            with(&anc_normal(weeks), &[("danger-signs", code("convulsions"))])
                        } else {
                            anc_normal(weeks)
                        },
                    ),
                    4 => form_event(
                        &id,
                        subject,
                        &on,
                        "hw-immunisation",
                        immunisation(
                            "2024-01-01",
                            if flag { &["bcg", "opv-0"] } else { &["opv-1"] },
                        ),
                    ),
                    _ => form_event(
                        &id,
                        subject,
                        &on,
                        "hw-immunisation",
                        immunisation("2023-12-15", &["penta-1"]),
                    ),
                }
            })
            .collect()
    })
}
