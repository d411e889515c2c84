//! MySehat's symptom checker engine (issue 7): reads a complaint in English, Hindi or romanised
//! Hindi, applies red-flag rules first, ranks conditions with a naive Bayes model over a cited
//! knowledge base, picks the next interview question, and says how urgently to seek care.
//!
//! Pure: no I/O. The knowledge base is embedded data (`kb/`), parsed and validated once.
//! Entry points: [`engine::evaluate`], [`eval::run`], [`eval::load_cases`].
//!
//! # Map
//! | module | what it does |
//! | --- | --- |
//! | [`input`], [`output`], [`ids`], [`error`] | the API types (serde, OpenAPI schemas) and errors |
//! | `text` | normalisation, tokens, negation scope, site + modifier pairing, duration, readings |
//! | `lexicon` | the compiled lay-term lexicon and its phrase matcher |
//! | [`kb`] | loading and validating the data: vocabulary, conditions, rules, sources, texts |
//! | `evidence` | what is present, absent or unknown after text, profile, vitals and answers |
//! | `red_flags` | rules that set a minimum urgency, and the screening questions they need |
//! | `model` | the naive Bayes posterior and the monotone triage from it |
//! | `interview` | the next question: screening first, then information gain |
//! | [`engine`] | `evaluate(input) -> output`, in that fixed order |
//! | [`eval`] | running vignette sets and reporting accuracy and safety |
//!
//! # Invariants
//! * Red flags are applied before ranking and only ever raise urgency; if any fired, the answer
//!   is at least their minimum and never `self_care`.
//! * Saying more never lowers urgency: answering "yes" to any further finding cannot lower
//!   `triage` (property-tested). Denials ("no fever") can.
//! * Deterministic: no randomness, no clock, no I/O.

pub mod engine;
pub mod error;
pub mod eval;
mod evidence;
pub mod ids;
pub mod input;
mod interview;
pub mod kb;
mod lexicon;
mod model;
pub mod output;
mod red_flags;
mod text;
mod vitals;

pub use engine::evaluate;
pub use error::{EvalError, InputError, KbError, TriageError};
pub use input::{Answer, Input, Language, Sex, Vitals};
pub use output::{Output, Triage};
