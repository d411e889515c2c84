//! The clinical flags each form raises from its (enabled) answers and scores. Flags are what
//! the follow-up rules and the app's advice react to; each names its source.

use crate::answer::Answer;
use crate::evaluate::State;
use crate::forms;

/// CBAC Part A score above [`CBAC_REFER_ABOVE`]: the person is prioritised for NCD screening
/// (NPCDCS CBAC form: "a score above 4 indicates that the person may be at higher risk of NCDs").
pub const CBAC_REFER: &str = "cbac-refer";
pub const CBAC_REFER_ABOVE: i64 = 4;
/// A CBAC Part B symptom other than TB's (breathlessness, a mouth ulcer that has not healed,
/// a breast lump): the CBAC form asks to refer these to the screening clinic as well.
pub const CBAC_SYMPTOM: &str = "cbac-symptom";
/// Presumptive TB (NTEP): any TB symptom on the CBAC Part B or the TB screen, or (TB screen)
/// contact with a person with TB.
pub const TB_PRESUMPTIVE: &str = "tb-presumptive";
/// A pregnancy danger sign, BP ≥ 140/90 or haemoglobin below 7 g/dL (MoHFW ANC guidelines for
/// ANMs: refer the same day).
pub const ANC_DANGER: &str = "anc-danger";
pub const ANC_SYSTOLIC_HIGH: f64 = 140.0;
pub const ANC_DIASTOLIC_HIGH: f64 = 90.0;
pub const ANC_HB_SEVERE_BELOW: f64 = 7.0;

/// Every flag any form can raise.
pub const ALL: [&str; 4] = [CBAC_REFER, CBAC_SYMPTOM, TB_PRESUMPTIVE, ANC_DANGER];

const CBAC_TB_SYMPTOMS: [&str; 5] = [
    "cough-2-weeks",
    "blood-in-sputum",
    "fever-2-weeks",
    "weight-loss",
    "night-sweats",
];
const CBAC_OTHER_SYMPTOMS: [&str; 3] = ["breathless", "mouth-ulcer", "breast-lump"];
const TB_SCREEN: [&str; 6] = [
    "cough-2-weeks",
    "fever-2-weeks",
    "weight-loss",
    "night-sweats",
    "blood-in-sputum",
    "tb-contact",
];

pub(crate) fn raised(form_id: &str, state: &mut State<'_>) -> Vec<String> {
    let mut flags = Vec::new();
    let mut raise = |flag: &str, when: bool| {
        if when {
            flags.push(flag.to_owned());
        }
    };
    match form_id {
        forms::CBAC => {
            let score = state.score_of("score").unwrap_or(0);
            raise(CBAC_REFER, score > CBAC_REFER_ABOVE);
            raise(TB_PRESUMPTIVE, any_yes(state, &CBAC_TB_SYMPTOMS));
            raise(CBAC_SYMPTOM, any_yes(state, &CBAC_OTHER_SYMPTOMS));
        }
        forms::TB => raise(TB_PRESUMPTIVE, any_yes(state, &TB_SCREEN)),
        forms::ANC => {
            let sign = state
                .answers_of("danger-signs")
                .iter()
                .any(|a| a.code().is_some_and(|c| c != "none"));
            let at_least = |state: &mut State<'_>, link: &str, limit: f64| {
                numbers(state, link).any(|n| n >= limit)
            };
            let high_bp = at_least(state, "bp-systolic", ANC_SYSTOLIC_HIGH)
                || at_least(state, "bp-diastolic", ANC_DIASTOLIC_HIGH);
            let severe_anaemia = numbers(state, "hb").any(|n| n < ANC_HB_SEVERE_BELOW);
            raise(ANC_DANGER, sign || high_bp || severe_anaemia);
        }
        _ => {}
    }
    flags.sort();
    flags
}

fn any_yes(state: &mut State<'_>, links: &[&str]) -> bool {
    links
        .iter()
        .any(|link| state.answers_of(link).iter().any(Answer::is_yes))
}

fn numbers(state: &mut State<'_>, link: &str) -> impl Iterator<Item = f64> {
    state
        .answers_of(link)
        .into_iter()
        .filter_map(|a| a.number())
}
