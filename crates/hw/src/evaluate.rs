//! What a partly or wholly filled form means right now: which items are shown (skip logic),
//! which required ones still lack an answer, the scores, and the clinical flags. The app runs
//! this on every keystroke (TypeScript port) and the server on every submitted response.

use crate::answer::{Answer, Answers};
use crate::flags;
use crate::questionnaire::{EnableWhen, Expected, Form, Operator};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The meaning of a form's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Every enabled item (groups and display items too), in form order.
    pub enabled: Vec<String>,
    /// Enabled, required, answerable and not read-only items without an answer, in form order.
    pub missing: Vec<String>,
    /// Each enabled score item's value.
    pub scores: BTreeMap<String, i64>,
    /// The clinical flags raised (see [`crate::flags`]), sorted.
    pub flags: Vec<String>,
}

/// Evaluates `answers` against `form`. Answers to unknown items are ignored here (see
/// [`crate::validate_response`] for the checks that refuse them).
pub fn evaluate(form: &Form, answers: &Answers) -> Evaluation {
    let mut state = State::new(form, answers);
    let enabled: Vec<usize> = (0..form.items.len())
        .filter(|&i| state.enabled(i))
        .collect();
    let missing = enabled
        .iter()
        .map(|&i| &form.items[i])
        .filter(|item| item.required && item.kind.is_question() && !item.read_only)
        .filter(|item| answers.get(&item.link_id).is_none_or(Vec::is_empty))
        .map(|item| item.link_id.clone())
        .collect();
    let scores = enabled
        .iter()
        .filter(|&&i| form.items[i].score_of.is_some())
        .map(|&i| (form.items[i].link_id.clone(), state.score(i)))
        .collect();
    let flags = flags::raised(&form.id, &mut state);
    Evaluation {
        enabled: enabled
            .iter()
            .map(|&i| form.items[i].link_id.clone())
            .collect(),
        missing,
        scores,
        flags,
    }
}

#[derive(Clone, Copy)]
enum Mark {
    Unknown,
    Visiting,
    Done(bool),
}

/// Enablement worked out on demand and remembered; a condition cycle reads as disabled.
pub(crate) struct State<'a> {
    form: &'a Form,
    answers: &'a Answers,
    marks: Vec<Mark>,
}

impl<'a> State<'a> {
    fn new(form: &'a Form, answers: &'a Answers) -> Self {
        State {
            form,
            answers,
            marks: vec![Mark::Unknown; form.items.len()],
        }
    }

    fn enabled(&mut self, i: usize) -> bool {
        match self.marks[i] {
            Mark::Done(known) => return known,
            Mark::Visiting => return false,
            Mark::Unknown => {}
        }
        self.marks[i] = Mark::Visiting;
        let item = &self.form.items[i];
        let parent_enabled = item.parent.is_none_or(|p| self.enabled(p));
        let result = parent_enabled && self.conditions_hold(i);
        self.marks[i] = Mark::Done(result);
        result
    }

    fn conditions_hold(&mut self, i: usize) -> bool {
        let form = self.form;
        let item = &form.items[i];
        if item.enable_when.is_empty() {
            return true;
        }
        if item.enable_any {
            item.enable_when.iter().any(|c| self.holds(c))
        } else {
            item.enable_when.iter().all(|c| self.holds(c))
        }
    }

    fn holds(&mut self, condition: &EnableWhen) -> bool {
        let answers = self.effective(condition.question);
        let expected = &condition.answer;
        match condition.operator {
            Operator::Exists => {
                let answered = !answers.is_empty();
                matches!(expected, Expected::Boolean(b) if *b == answered)
            }
            Operator::Equal => answers.iter().any(|a| equals(a, expected)),
            Operator::NotEqual => !answers.iter().any(|a| equals(a, expected)),
            Operator::Greater => answers
                .iter()
                .any(|a| compare(a, expected) == Some(Ordering::Greater)),
            Operator::Less => answers
                .iter()
                .any(|a| compare(a, expected) == Some(Ordering::Less)),
            Operator::GreaterOrEqual => answers.iter().any(|a| {
                matches!(
                    compare(a, expected),
                    Some(Ordering::Greater | Ordering::Equal)
                )
            }),
            Operator::LessOrEqual => answers
                .iter()
                .any(|a| matches!(compare(a, expected), Some(Ordering::Less | Ordering::Equal))),
        }
    }

    /// The answers an item counts with: none when disabled, its value when it is a score.
    pub(crate) fn effective(&mut self, i: usize) -> Vec<Answer> {
        if !self.enabled(i) {
            return Vec::new();
        }
        if self.form.items[i].score_of.is_some() {
            return vec![Answer::Integer(self.score(i))];
        }
        self.answers
            .get(&self.form.items[i].link_id)
            .cloned()
            .unwrap_or_default()
    }

    /// Effective answers by linkId (none for an unknown linkId).
    pub(crate) fn answers_of(&mut self, link_id: &str) -> Vec<Answer> {
        self.form
            .index_of(link_id)
            .map(|i| self.effective(i))
            .unwrap_or_default()
    }

    pub(crate) fn score_of(&mut self, link_id: &str) -> Option<i64> {
        let i = self.form.index_of(link_id)?;
        (self.form.items[i].score_of.is_some() && self.enabled(i)).then(|| self.score(i))
    }

    fn score(&mut self, i: usize) -> i64 {
        let form = self.form;
        let parts = form.items[i].score_of.as_deref().unwrap_or_default();
        let mut total = 0;
        for &part in parts {
            if !self.enabled(part) {
                continue;
            }
            let item = &form.items[part];
            // A single-answer item counts its first answer only (a second is a mistake that
            // `validate_response` refuses; it must not inflate the score meanwhile).
            let counted = if item.repeats { usize::MAX } else { 1 };
            for answer in self
                .answers
                .get(&item.link_id)
                .into_iter()
                .flatten()
                .take(counted)
            {
                let points = answer
                    .code()
                    .and_then(|c| item.option(c))
                    .and_then(|o| o.points);
                total += points.unwrap_or(0);
            }
        }
        total
    }
}

fn equals(answer: &Answer, expected: &Expected) -> bool {
    match (answer, expected) {
        (Answer::Code(code), Expected::Coding(want)) => code == want,
        (Answer::Boolean(b), Expected::Boolean(want)) => b == want,
        (Answer::Date(d), Expected::Date(want)) => d == want,
        (Answer::String(s), Expected::String(want)) => s == want,
        _ => compare(answer, expected) == Some(Ordering::Equal),
    }
}

/// Numbers compare with numbers and dates with dates; nothing else is ordered.
fn compare(answer: &Answer, expected: &Expected) -> Option<Ordering> {
    let want = match expected {
        Expected::Integer(n) => Some(*n as f64),
        Expected::Decimal(x) => Some(*x),
        Expected::Date(want) => return answer.date().map(|d| d.cmp(want)),
        _ => None,
    }?;
    answer.number()?.partial_cmp(&want)
}
