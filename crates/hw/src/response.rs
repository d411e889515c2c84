//! A form's answers as a FHIR `QuestionnaireResponse`: reading one into the answer map, the
//! checks a submitted one must pass before the server stores it, and building one (the same
//! shape the app's `toResponse` writes).

use crate::answer::{Answer, Answers};
use crate::dates;
use crate::evaluate::{Evaluation, evaluate};
use crate::questionnaire::Form;
use serde::Serialize;
use serde_json::{Map, Value, json};

pub const VILLAGE_TAG: &str = "https://mysehat.in/fhir/CodeSystem/village";
pub const HOUSEHOLD_TAG: &str = "https://mysehat.in/fhir/CodeSystem/household";

/// Why a `QuestionnaireResponse` is refused. `code()` is stable for the app to translate.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    #[error("not a QuestionnaireResponse")]
    NotAResponse,
    #[error("the response answers {found}, not {expected}")]
    WrongQuestionnaire { expected: String, found: String },
    #[error("item {link_id} has an answer of a type the forms do not use")]
    UnreadableAnswer { link_id: String },
    #[error("item {link_id} is not in the form")]
    UnknownItem { link_id: String },
    #[error("item {link_id} takes {expected} answers")]
    WrongType {
        link_id: String,
        expected: &'static str,
    },
    #[error("{option} is not an option of item {link_id}")]
    NotAnOption { link_id: String, option: String },
    #[error("item {link_id} takes one answer")]
    TooManyAnswers { link_id: String },
    #[error("item {link_id} is answered but disabled by the answers before it")]
    AnswerToDisabled { link_id: String },
    #[error("item {link_id} is required")]
    MissingRequired { link_id: String },
    #[error("score {link_id} should be {expected}")]
    ScoreMismatch { link_id: String, expected: i64 },
}

impl Problem {
    pub fn code(&self) -> &'static str {
        match self {
            Problem::NotAResponse => "not_a_response",
            Problem::WrongQuestionnaire { .. } => "wrong_questionnaire",
            Problem::UnreadableAnswer { .. } => "unreadable_answer",
            Problem::UnknownItem { .. } => "unknown_item",
            Problem::WrongType { .. } => "wrong_type",
            Problem::NotAnOption { .. } => "not_an_option",
            Problem::TooManyAnswers { .. } => "too_many_answers",
            Problem::AnswerToDisabled { .. } => "answer_to_disabled",
            Problem::MissingRequired { .. } => "missing_required",
            Problem::ScoreMismatch { .. } => "score_mismatch",
        }
    }
}

/// The answers of a `QuestionnaireResponse` by linkId, from nested items and from items nested
/// under answers alike. Values other than coding, integer, decimal, date (`YYYY-MM-DD`), string
/// and boolean are problems.
pub fn response_answers(qr: &Value) -> Result<Answers, Vec<Problem>> {
    let mut answers = Answers::new();
    let mut problems = Vec::new();
    collect(qr, &mut answers, &mut problems);
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}

fn collect(parent: &Value, answers: &mut Answers, problems: &mut Vec<Problem>) {
    for item in parent
        .get("item")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let link_id = item.get("linkId").and_then(Value::as_str).unwrap_or("");
        for answer in item
            .get("answer")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            match read_value(answer) {
                Some(value) => answers.entry(link_id.to_owned()).or_default().push(value),
                None => problems.push(Problem::UnreadableAnswer {
                    link_id: link_id.to_owned(),
                }),
            }
            collect(answer, answers, problems);
        }
        collect(item, answers, problems);
    }
}

fn read_value(answer: &Value) -> Option<Answer> {
    let text = |field: &str| answer.get(field).and_then(Value::as_str);
    if let Some(coding) = answer.get("valueCoding") {
        return coding
            .get("code")
            .and_then(Value::as_str)
            .map(|c| Answer::Code(c.to_owned()));
    }
    if let Some(n) = answer.get("valueInteger") {
        return n.as_i64().map(Answer::Integer);
    }
    if let Some(x) = answer.get("valueDecimal") {
        return x.as_f64().map(Answer::Decimal);
    }
    if let Some(d) = answer.get("valueDate") {
        return d.as_str().and_then(dates::parse).map(Answer::Date);
    }
    if let Some(s) = text("valueString") {
        return Some(Answer::String(s.to_owned()));
    }
    answer
        .get("valueBoolean")
        .and_then(Value::as_bool)
        .map(Answer::Boolean)
}

/// Checks a submitted response against its form: the right questionnaire, known items, answers
/// of the right type and among the options, one answer unless the item repeats, nothing
/// answered that the answers disable, every required enabled item answered, and each score
/// (when given) equal to the computed one. Problems come unknown items first, then in form order.
pub fn validate_response(form: &Form, qr: &Value) -> Result<Evaluation, Vec<Problem>> {
    if qr.get("resourceType").and_then(Value::as_str) != Some("QuestionnaireResponse") {
        return Err(vec![Problem::NotAResponse]);
    }
    let named = qr
        .get("questionnaire")
        .and_then(Value::as_str)
        .unwrap_or("");
    if named.split('|').next() != Some(form.url.as_str()) {
        return Err(vec![Problem::WrongQuestionnaire {
            expected: form.url.clone(),
            found: named.to_owned(),
        }]);
    }
    let answers = response_answers(qr)?;
    let mut problems: Vec<Problem> = answers
        .keys()
        .filter(|link_id| form.item(link_id).is_none())
        .map(|link_id| Problem::UnknownItem {
            link_id: link_id.clone(),
        })
        .collect();
    let evaluation = evaluate(form, &answers);
    for item in &form.items {
        let link_id = || item.link_id.clone();
        let given = answers.get(&item.link_id).map_or(&[][..], Vec::as_slice);
        for answer in given {
            if !item.kind.accepts(answer) {
                problems.push(Problem::WrongType {
                    link_id: link_id(),
                    expected: item.kind.as_str(),
                });
            } else if let (crate::ItemType::Choice, Some(code)) = (item.kind, answer.code())
                && item.option(code).is_none()
            {
                problems.push(Problem::NotAnOption {
                    link_id: link_id(),
                    option: code.to_owned(),
                });
            }
        }
        if given.len() > 1 && !item.repeats {
            problems.push(Problem::TooManyAnswers { link_id: link_id() });
        }
        let enabled = evaluation.enabled.contains(&item.link_id);
        if !given.is_empty() && !enabled {
            problems.push(Problem::AnswerToDisabled { link_id: link_id() });
        }
        if evaluation.missing.contains(&item.link_id) {
            problems.push(Problem::MissingRequired { link_id: link_id() });
        }
        if let Some(&expected) = evaluation.scores.get(&item.link_id)
            && !given.is_empty()
            && given != [Answer::Integer(expected)]
        {
            problems.push(Problem::ScoreMismatch {
                link_id: link_id(),
                expected,
            });
        }
    }
    if problems.is_empty() {
        Ok(evaluation)
    } else {
        Err(problems)
    }
}

/// Who and what a built response is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseContext {
    pub id: String,
    /// The `Patient` id (the household `Group` id for the household form).
    pub subject: String,
    pub encounter: Option<String>,
    /// FHIR dateTime.
    pub authored: String,
    pub village: String,
    pub household: Option<String>,
}

/// The `QuestionnaireResponse` for `answers`: enabled items only, in form order and nesting,
/// scores filled in, options with their system and display, scope tags as docs/SYNC.md says;
/// `completed` when nothing required is missing, else `in-progress`.
pub fn to_response(form: &Form, answers: &Answers, ctx: &ResponseContext) -> Value {
    let evaluation = evaluate(form, answers);
    let mut qr = Map::new();
    qr.insert("resourceType".into(), json!("QuestionnaireResponse"));
    qr.insert("id".into(), json!(ctx.id));
    qr.insert(
        "meta".into(),
        json!({ "tag": scope_tags(&ctx.village, ctx.household.as_deref()) }),
    );
    qr.insert("questionnaire".into(), json!(form.url));
    let status = if evaluation.missing.is_empty() {
        "completed"
    } else {
        "in-progress"
    };
    qr.insert("status".into(), json!(status));
    qr.insert(
        "subject".into(),
        json!({ "reference": format!("{}/{}", form.subject_type, ctx.subject) }),
    );
    if let Some(encounter) = &ctx.encounter {
        qr.insert(
            "encounter".into(),
            json!({ "reference": format!("Encounter/{encounter}") }),
        );
    }
    qr.insert("authored".into(), json!(ctx.authored));
    let items = response_items(form, &form.roots, answers, &evaluation);
    if !items.is_empty() {
        qr.insert("item".into(), Value::Array(items));
    }
    Value::Object(qr)
}

/// `meta.tag` for a record of a village (and household), as docs/SYNC.md describes.
pub fn scope_tags(village: &str, household: Option<&str>) -> Vec<Value> {
    let mut tags = vec![json!({ "system": VILLAGE_TAG, "code": village })];
    if let Some(household) = household {
        tags.push(json!({ "system": HOUSEHOLD_TAG, "code": household }));
    }
    tags
}

fn response_items(
    form: &Form,
    indexes: &[usize],
    answers: &Answers,
    evaluation: &Evaluation,
) -> Vec<Value> {
    let mut out = Vec::new();
    for &i in indexes {
        let item = &form.items[i];
        if !evaluation.enabled.contains(&item.link_id) {
            continue;
        }
        let mut entry = Map::new();
        entry.insert("linkId".into(), json!(item.link_id));
        if let Some(text) = &item.text {
            entry.insert("text".into(), json!(text));
        }
        if !item.kind.is_question() {
            let children = response_items(form, &item.children, answers, evaluation);
            if children.is_empty() {
                continue;
            }
            entry.insert("item".into(), Value::Array(children));
            out.push(Value::Object(entry));
            continue;
        }
        let values: Vec<Value> = match evaluation.scores.get(&item.link_id) {
            Some(score) => vec![json!({ "valueInteger": score })],
            None => answers
                .get(&item.link_id)
                .into_iter()
                .flatten()
                .map(|a| answer_value(item, a))
                .collect(),
        };
        if values.is_empty() {
            continue;
        }
        entry.insert("answer".into(), Value::Array(values));
        out.push(Value::Object(entry));
    }
    out
}

fn answer_value(item: &crate::questionnaire::Item, answer: &Answer) -> Value {
    match answer {
        Answer::Code(code) => {
            let mut coding = Map::new();
            let option = item.option(code);
            if let Some(system) = option.and_then(|o| o.system.as_ref()) {
                coding.insert("system".into(), json!(system));
            }
            coding.insert("code".into(), json!(code));
            if let Some(display) = option.and_then(|o| o.display.as_ref()) {
                coding.insert("display".into(), json!(display));
            }
            json!({ "valueCoding": coding })
        }
        Answer::Integer(n) => json!({ "valueInteger": n }),
        Answer::Decimal(x) => json!({ "valueDecimal": x }),
        Answer::Date(d) => json!({ "valueDate": d.to_string() }),
        Answer::String(s) => json!({ "valueString": s }),
        Answer::Boolean(b) => json!({ "valueBoolean": b }),
    }
}
