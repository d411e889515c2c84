//! The response of the symptom checker: urgency, red flags, ranked conditions, next question, advice.

use crate::ids::{ConditionId, FindingId, QuestionId, RuleId};
use crate::input::Language;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How urgently to seek care, from least to most urgent (the order is meaningful).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Triage {
    /// Can be looked after at home, with safety-net advice.
    SelfCare,
    /// See a doctor within a few days.
    SeeDoctor,
    /// See a doctor within 24 hours.
    Urgent,
    /// Call 112 or 108 now.
    Emergency,
}

impl Triage {
    /// All levels, least urgent first.
    pub const ALL: [Triage; 4] = [
        Triage::SelfCare,
        Triage::SeeDoctor,
        Triage::Urgent,
        Triage::Emergency,
    ];

    /// The wire name (`self_care`, `see_doctor`, `urgent`, `emergency`).
    pub fn as_str(self) -> &'static str {
        match self {
            Triage::SelfCare => "self_care",
            Triage::SeeDoctor => "see_doctor",
            Triage::Urgent => "urgent",
            Triage::Emergency => "emergency",
        }
    }

    /// Position in `ALL` (0 = self care).
    pub fn rank(self) -> usize {
        self as usize
    }
}

/// A text in both of MySehat's languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Bilingual {
    pub en: String,
    pub hi: String,
}

impl Bilingual {
    /// The text in one language.
    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::En => &self.en,
            Language::Hi => &self.hi,
        }
    }
}

/// The symptom checker's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Output {
    pub triage: Triage,
    /// Red-flag rules that fired; when any fired, `triage` is at least their minimum and never `self_care`.
    pub red_flags: Vec<FiredRedFlag>,
    /// Conditions that best explain the findings, most probable first (up to ten).
    pub conditions: Vec<RankedCondition>,
    /// The next question to ask, or null when the interview is over.
    pub next_question: Option<Question>,
    /// What to do, in the requested language.
    pub advice: String,
    /// "This is not a diagnosis…", in the requested language.
    pub disclaimer: String,
    /// True when thoughts of suicide or self-harm were recognised: show the crisis flow.
    pub crisis: bool,
    /// Numbers to call; always includes Tele-MANAS and 112 when `crisis` is true.
    pub helplines: Vec<Helpline>,
    /// What the engine understood, so the person can correct it.
    pub understood: Vec<UnderstoodFinding>,
    /// Duration of the complaint read from the text, in days.
    pub duration_days: Option<f64>,
    /// Version of the knowledge base that produced this answer.
    pub kb_version: String,
}

/// A red-flag rule that fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FiredRedFlag {
    pub id: RuleId,
    pub label: Bilingual,
    /// Citation of the guideline behind the rule.
    pub source: String,
    /// The urgency this rule guarantees at least.
    pub min_triage: Triage,
}

/// One condition of the differential.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RankedCondition {
    pub id: ConditionId,
    pub name: Bilingual,
    pub icd10: String,
    /// Posterior probability among the knowledge base's conditions (0–1).
    pub probability: f64,
    /// The urgency this condition usually needs.
    pub urgency: Triage,
    /// Findings present that speak for this condition, strongest first.
    #[serde(rename = "for")]
    pub supporting: Vec<FindingRef>,
    /// Findings absent that this condition usually has, strongest first.
    pub against: Vec<FindingRef>,
}

/// A finding named in an explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FindingRef {
    pub id: FindingId,
    pub label: Bilingual,
}

/// Whether a question is answered yes/no/don't know or by picking a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    YesNo,
    Choice,
}

/// Why this question was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionReason {
    /// It checks for a danger sign relevant to the complaint.
    RedFlagScreening,
    /// It best separates the likely conditions.
    MostInformative,
}

/// The next interview question. Answer with `yes`, `no`, `unknown` or a choice id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Question {
    pub id: QuestionId,
    pub kind: QuestionKind,
    pub text: Bilingual,
    /// Choices for `choice` questions (empty for yes/no).
    pub choices: Vec<Choice>,
    pub reason: QuestionReason,
}

/// One choice of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Choice {
    pub id: String,
    pub label: Bilingual,
}

/// A number to call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Helpline {
    /// Stable id: `ambulance_108`, `emergency_112`, `tele_manas_14416`, `tele_manas_toll_free`.
    pub id: String,
    pub name: Bilingual,
    pub number: String,
}

/// Where a finding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FindingSource {
    Text,
    Answer,
    Vitals,
    Profile,
    Inferred,
}

/// A finding the engine took as present or absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UnderstoodFinding {
    pub id: FindingId,
    pub label: Bilingual,
    pub present: bool,
    pub source: FindingSource,
}
