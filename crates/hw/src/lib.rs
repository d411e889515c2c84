//! MySehat's Health Worker Mode rules (docs/SYNC.md): the five forms an ASHA fills in the field,
//! shipped as FHIR R4 `Questionnaire`s, their skip logic and scoring, the checks a submitted
//! `QuestionnaireResponse` must pass, and the follow-up rules that turn visits and forms into
//! `Task`s with due dates.
//!
//! Pure: no I/O, no clock (callers pass `today`). The app runs the same rules offline through a
//! TypeScript port in `web/src/hw`; `vectors.gen.json` (written by `tests/vectors.rs`) holds
//! the cases both sides must answer identically.
//!
//! # Map
//! | module | what it does |
//! | --- | --- |
//! | [`forms`](mod@forms) | the shipped forms (`forms/*.json`, embedded) and their canonical URLs |
//! | [`questionnaire`] | a `Questionnaire` parsed into the typed [`Form`] the rules read |
//! | [`answer`] | one answer value, and the linkId → answers map |
//! | [`evaluate`](mod@evaluate) | which items are enabled, which required ones are missing, scores and flags |
//! | [`flags`] | the clinical flags each form raises (`cbac-refer`, `tb-presumptive`, …) |
//! | [`cbac`] | CBAC age and waist bands from raw numbers |
//! | [`response`] | reading, validating and building a `QuestionnaireResponse` |
//! | [`follow_up`] | events from stored records, the follow-up rules, the UIP schedule, `Task`s |
//!
//! # Scoring convention
//! An answer option's points are the standard extension
//! `http://hl7.org/fhir/StructureDefinition/ordinalValue` (`valueDecimal`, a whole number) on
//! the `answerOption`. A read-only integer item carrying the extension
//! `https://mysehat.in/fhir/StructureDefinition/score-of` (`valueString`: comma-separated
//! linkIds) is a score: the sum of the points of the options chosen for those items. A disabled
//! item counts 0; an item that does not repeat counts its first answer only. A score item's
//! value is also its answer for `enableWhen` (the CBAC advice shows when `score > 4`).
//!
//! # Skip logic (`enableWhen`)
//! Operators follow FHIR (as clarified in R5): `exists` compares "has an answer" with the
//! boolean; `=` is true when at least one answer equals the value; `!=` when none does (so also
//! when there is no answer); `>`, `<`, `>=`, `<=` when at least one answer compares so (numbers
//! with numbers, dates with dates; anything else never compares). `enableBehavior` `any` needs one
//! condition, anything else all of them. An item inside a disabled group is disabled, and the
//! answers of a disabled item count as absent everywhere (conditions, scores, flags). Items are
//! decided in form order; on a cycle of conditions the item being decided counts as disabled
//! meanwhile (so two items that each need the other's answer are both disabled).
//!
//! # Invariants
//! * Deterministic: the same answers give the same evaluation; the same events (in any order)
//!   and the same `today` give the same follow-ups, sorted by id.
//! * A follow-up's id is `fu-<rule>-<subject>`: one `Task` per rule and person, updated in place.
//! * Scores are never negative (every point value is a whole number ≥ 0; a test checks the forms).

pub mod answer;
pub mod cbac;
mod dates;
pub mod evaluate;
pub mod flags;
pub mod follow_up;
pub mod forms;
pub mod questionnaire;
pub mod response;

pub use answer::{Answer, Answers};
pub use evaluate::{Evaluation, evaluate};
pub use follow_up::{
    Event, EventKind, FollowUp, Rule, Status, follow_ups,
    immunisation::{NextDose, next_vaccine},
    task::to_task,
};
pub use forms::{form, form_model, forms};
pub use questionnaire::{Form, FormError, ItemType};
pub use response::{Problem, ResponseContext, response_answers, to_response, validate_response};
