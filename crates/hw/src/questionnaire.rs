//! A FHIR R4 `Questionnaire` parsed once into the typed form the rules read: items in document
//! order with their parent, options with points, conditions and score definitions. Anything the
//! rules cannot interpret is refused here rather than silently ignored later.

use crate::answer::Answer;
use crate::dates;
use serde_json::Value;
use std::collections::HashMap;

pub const ORDINAL_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
pub const SCORE_OF: &str = "https://mysehat.in/fhir/StructureDefinition/score-of";

/// Why a questionnaire cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FormError {
    #[error("not a Questionnaire")]
    NotAQuestionnaire,
    #[error("the questionnaire has no {0}")]
    Missing(&'static str),
    #[error("an item has no linkId")]
    NoLinkId,
    #[error("linkId {0} is used twice")]
    DuplicateLinkId(String),
    #[error("item {link_id} has type {kind}, which the rules do not handle")]
    UnsupportedType { link_id: String, kind: String },
    #[error("item {0} has an answer option that is not a valueCoding")]
    BadOption(String),
    #[error("item {0} has an enableWhen the rules cannot read")]
    BadEnableWhen(String),
    #[error("item {link_id} depends on {question}, which is not in the form")]
    UnknownQuestion { link_id: String, question: String },
    #[error("item {0} has a score-of extension the rules cannot read")]
    BadScore(String),
}

/// The item types the forms use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemType {
    Group,
    Display,
    Boolean,
    Decimal,
    Integer,
    Date,
    String,
    Text,
    Choice,
    OpenChoice,
}

impl ItemType {
    fn parse(code: &str) -> Option<ItemType> {
        Some(match code {
            "group" => ItemType::Group,
            "display" => ItemType::Display,
            "boolean" => ItemType::Boolean,
            "decimal" => ItemType::Decimal,
            "integer" => ItemType::Integer,
            "date" => ItemType::Date,
            "string" => ItemType::String,
            "text" => ItemType::Text,
            "choice" => ItemType::Choice,
            "open-choice" => ItemType::OpenChoice,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ItemType::Group => "group",
            ItemType::Display => "display",
            ItemType::Boolean => "boolean",
            ItemType::Decimal => "decimal",
            ItemType::Integer => "integer",
            ItemType::Date => "date",
            ItemType::String => "string",
            ItemType::Text => "text",
            ItemType::Choice => "choice",
            ItemType::OpenChoice => "open-choice",
        }
    }

    /// Groups and display items take no answers.
    pub fn is_question(self) -> bool {
        !matches!(self, ItemType::Group | ItemType::Display)
    }

    /// Whether `answer` has the value type this item takes (options are checked separately).
    pub fn accepts(self, answer: &Answer) -> bool {
        matches!(
            (self, answer),
            (ItemType::Boolean, Answer::Boolean(_))
                | (ItemType::Decimal, Answer::Decimal(_))
                | (ItemType::Integer, Answer::Integer(_))
                | (ItemType::Date, Answer::Date(_))
                | (ItemType::String | ItemType::Text, Answer::String(_))
                | (ItemType::Choice, Answer::Code(_))
                | (ItemType::OpenChoice, Answer::Code(_) | Answer::String(_))
        )
    }
}

/// One `answerOption` (a `valueCoding`) and its points, if it has any.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerOption {
    pub system: Option<String>,
    pub code: String,
    pub display: Option<String>,
    pub points: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    Exists,
    Equal,
    NotEqual,
    Greater,
    Less,
    GreaterOrEqual,
    LessOrEqual,
}

/// The `answer[x]` of an `enableWhen`.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    Boolean(bool),
    Integer(i64),
    Decimal(f64),
    Date(jiff::civil::Date),
    String(String),
    Coding(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnableWhen {
    /// Index of the item the condition reads.
    pub question: usize,
    pub operator: Operator,
    pub answer: Expected,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub link_id: String,
    pub text: Option<String>,
    pub kind: ItemType,
    pub required: bool,
    pub repeats: bool,
    pub read_only: bool,
    pub options: Vec<AnswerOption>,
    pub enable_when: Vec<EnableWhen>,
    /// `enableBehavior` `any`; otherwise every condition must hold.
    pub enable_any: bool,
    /// For a score item, the indexes of the items it sums.
    pub score_of: Option<Vec<usize>>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

impl Item {
    pub fn option(&self, code: &str) -> Option<&AnswerOption> {
        self.options.iter().find(|o| o.code == code)
    }
}

/// A parsed questionnaire: items in document order (a parent before its children).
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub id: String,
    pub url: String,
    /// `subjectType`: `Patient`, or `Group` for the household form.
    pub subject_type: String,
    pub items: Vec<Item>,
    pub roots: Vec<usize>,
    index: HashMap<String, usize>,
}

impl Form {
    pub fn parse(q: &Value) -> Result<Form, FormError> {
        if q.get("resourceType").and_then(Value::as_str) != Some("Questionnaire") {
            return Err(FormError::NotAQuestionnaire);
        }
        let text = |field: &'static str| {
            q.get(field)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or(FormError::Missing(field))
        };
        let mut form = Form {
            id: text("id")?,
            url: text("url")?,
            subject_type: q
                .pointer("/subjectType/0")
                .and_then(Value::as_str)
                .unwrap_or("Patient")
                .to_owned(),
            items: Vec::new(),
            roots: Vec::new(),
            index: HashMap::new(),
        };
        let mut pending = Vec::new();
        form.roots = form.add_items(q, None, &mut pending)?;
        for (at, raw) in pending {
            if raw.get("enableWhen").is_some() {
                form.items[at].enable_when = form.conditions(at, raw)?;
            }
            if let Some(list) = extension(raw, SCORE_OF) {
                let list = list
                    .as_str()
                    .ok_or_else(|| FormError::BadScore(form.items[at].link_id.clone()))?;
                form.items[at].score_of = Some(form.score_parts(at, list)?);
            }
        }
        Ok(form)
    }

    pub fn index_of(&self, link_id: &str) -> Option<usize> {
        self.index.get(link_id).copied()
    }

    pub fn item(&self, link_id: &str) -> Option<&Item> {
        self.index_of(link_id).map(|i| &self.items[i])
    }

    /// Adds `parent_json.item[*]` depth-first; returns their indexes. Conditions and scores are
    /// read after every item is known (they may name an item further down).
    fn add_items<'q>(
        &mut self,
        parent_json: &'q Value,
        parent: Option<usize>,
        pending: &mut Vec<(usize, &'q Value)>,
    ) -> Result<Vec<usize>, FormError> {
        let mut added = Vec::new();
        for raw in parent_json
            .get("item")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let link_id = raw
                .get("linkId")
                .and_then(Value::as_str)
                .ok_or(FormError::NoLinkId)?
                .to_owned();
            if self.index.contains_key(&link_id) {
                return Err(FormError::DuplicateLinkId(link_id));
            }
            let kind_code = raw.get("type").and_then(Value::as_str).unwrap_or("");
            let kind = ItemType::parse(kind_code).ok_or_else(|| FormError::UnsupportedType {
                link_id: link_id.clone(),
                kind: kind_code.to_owned(),
            })?;
            let flag = |field: &str| raw.get(field).and_then(Value::as_bool).unwrap_or(false);
            let item = Item {
                text: raw.get("text").and_then(Value::as_str).map(str::to_owned),
                kind,
                required: flag("required"),
                repeats: flag("repeats"),
                read_only: flag("readOnly"),
                options: options(&link_id, raw)?,
                enable_when: Vec::new(),
                enable_any: raw.get("enableBehavior").and_then(Value::as_str) == Some("any"),
                score_of: None,
                parent,
                children: Vec::new(),
                link_id,
            };
            let at = self.items.len();
            self.index.insert(item.link_id.clone(), at);
            self.items.push(item);
            pending.push((at, raw));
            added.push(at);
            let children = self.add_items(raw, Some(at), pending)?;
            self.items[at].children = children;
        }
        Ok(added)
    }

    fn conditions(&self, at: usize, raw: &Value) -> Result<Vec<EnableWhen>, FormError> {
        let link_id = &self.items[at].link_id;
        let bad = || FormError::BadEnableWhen(link_id.clone());
        let list = raw
            .get("enableWhen")
            .and_then(Value::as_array)
            .ok_or_else(bad)?;
        list.iter()
            .map(|c| {
                let question = c.get("question").and_then(Value::as_str).ok_or_else(bad)?;
                let question =
                    self.index_of(question)
                        .ok_or_else(|| FormError::UnknownQuestion {
                            link_id: link_id.clone(),
                            question: question.to_owned(),
                        })?;
                let operator = match c.get("operator").and_then(Value::as_str) {
                    Some("exists") => Operator::Exists,
                    Some("=") => Operator::Equal,
                    Some("!=") => Operator::NotEqual,
                    Some(">") => Operator::Greater,
                    Some("<") => Operator::Less,
                    Some(">=") => Operator::GreaterOrEqual,
                    Some("<=") => Operator::LessOrEqual,
                    _ => return Err(bad()),
                };
                let answer = expected(c).ok_or_else(bad)?;
                if operator == Operator::Exists && !matches!(answer, Expected::Boolean(_)) {
                    return Err(bad());
                }
                Ok(EnableWhen {
                    question,
                    operator,
                    answer,
                })
            })
            .collect()
    }

    fn score_parts(&self, at: usize, list: &str) -> Result<Vec<usize>, FormError> {
        let item = &self.items[at];
        let bad = || FormError::BadScore(item.link_id.clone());
        if item.kind != ItemType::Integer {
            return Err(bad());
        }
        list.split(',')
            .map(|part| self.index_of(part.trim()).ok_or_else(bad))
            .collect()
    }
}

/// The `valueCoding` options of an item, with their `ordinalValue` points.
fn options(link_id: &str, raw: &Value) -> Result<Vec<AnswerOption>, FormError> {
    let bad = || FormError::BadOption(link_id.to_owned());
    let text = |v: &Value, field: &str| v.get(field).and_then(Value::as_str).map(str::to_owned);
    raw.get("answerOption")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|option| {
            let coding = option.get("valueCoding").ok_or_else(bad)?;
            let points = match extension(option, ORDINAL_VALUE) {
                None => None,
                Some(value) => {
                    let points = value.as_f64().ok_or_else(bad)?;
                    if points.fract() != 0.0 || points < 0.0 {
                        return Err(bad());
                    }
                    Some(points as i64)
                }
            };
            Ok(AnswerOption {
                system: text(coding, "system"),
                code: text(coding, "code").ok_or_else(bad)?,
                display: text(coding, "display"),
                points,
            })
        })
        .collect()
}

/// The value of the first extension with `url` on `element` (`valueDecimal`, `valueString`, …).
fn extension<'v>(element: &'v Value, url: &str) -> Option<&'v Value> {
    element
        .get("extension")?
        .as_array()?
        .iter()
        .find(|e| e.get("url").and_then(Value::as_str) == Some(url))?
        .as_object()?
        .iter()
        .find(|(k, _)| k.starts_with("value"))
        .map(|(_, v)| v)
}

fn expected(condition: &Value) -> Option<Expected> {
    let get = |field: &str| condition.get(field);
    if let Some(v) = get("answerBoolean") {
        return v.as_bool().map(Expected::Boolean);
    }
    if let Some(v) = get("answerInteger") {
        return v.as_i64().map(Expected::Integer);
    }
    if let Some(v) = get("answerDecimal") {
        return v.as_f64().map(Expected::Decimal);
    }
    if let Some(v) = get("answerDate") {
        return v.as_str().and_then(dates::parse).map(Expected::Date);
    }
    if let Some(v) = get("answerString") {
        return v.as_str().map(|s| Expected::String(s.to_owned()));
    }
    let code = get("answerCoding")?.get("code")?.as_str()?;
    Some(Expected::Coding(code.to_owned()))
}
