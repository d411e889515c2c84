//! Typed errors of the triage crate, each with a stable machine-readable code for the app.

use thiserror::Error;

/// Why a request cannot be evaluated (maps to HTTP 422 at the edge).
#[derive(Debug, Clone, PartialEq, Error)]
pub enum InputError {
    #[error("either `age` (years) or `age_months` is required")]
    MissingAge,
    #[error("age must be between 0 and 120 years")]
    InvalidAge,
    #[error("text is longer than {max} characters")]
    TextTooLong { max: usize },
    #[error("more than {max} answers")]
    TooManyAnswers { max: usize },
    #[error("vital sign `{field}` must be between {low} and {high}")]
    VitalOutOfRange {
        field: &'static str,
        low: f64,
        high: f64,
    },
    #[error("answer `{answer}` is not valid for question `{question}`")]
    InvalidAnswer { question: String, answer: String },
}

impl InputError {
    /// Stable snake_case code the app translates.
    pub fn code(&self) -> &'static str {
        match self {
            InputError::MissingAge => "triage_missing_age",
            InputError::InvalidAge => "triage_invalid_age",
            InputError::TextTooLong { .. } => "triage_text_too_long",
            InputError::TooManyAnswers { .. } => "triage_too_many_answers",
            InputError::VitalOutOfRange { .. } => "triage_vital_out_of_range",
            InputError::InvalidAnswer { .. } => "triage_invalid_answer",
        }
    }
}

/// A problem in the knowledge-base data (a build defect, caught by tests).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KbError {
    #[error("cannot parse {file}: {message}")]
    Parse { file: &'static str, message: String },
    #[error("invalid knowledge base: {0}")]
    Invalid(String),
}

/// Everything `engine::evaluate` can fail with.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum TriageError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    KnowledgeBase(#[from] KbError),
}

impl TriageError {
    /// Stable snake_case code the app translates.
    pub fn code(&self) -> &'static str {
        match self {
            TriageError::Input(e) => e.code(),
            TriageError::KnowledgeBase(_) => "triage_knowledge_base_invalid",
        }
    }
}

/// Why a case file cannot be loaded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EvalError {
    #[error("invalid case file: {0}")]
    Json(String),
    #[error("case `{0}` appears twice")]
    DuplicateCase(String),
}
