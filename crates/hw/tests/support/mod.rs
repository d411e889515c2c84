//! Fixture builders shared by the behaviour tests and the vector generator.
#![allow(dead_code)]

use jiff::civil::Date;
use mysehat_hw::{Answer, Answers, Event, EventKind, Form};

pub fn day(text: &str) -> Date {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

pub fn code(c: &str) -> Answer {
    Answer::Code(c.to_owned())
}

pub fn int(n: i64) -> Answer {
    Answer::Integer(n)
}

pub fn dec(x: f64) -> Answer {
    Answer::Decimal(x)
}

pub fn date(text: &str) -> Answer {
    Answer::Date(day(text))
}

pub fn text(s: &str) -> Answer {
    Answer::String(s.to_owned())
}

pub fn yes() -> Answer {
    Answer::Boolean(true)
}

pub fn no() -> Answer {
    Answer::Boolean(false)
}

/// One answer per item.
pub fn fill(pairs: &[(&str, Answer)]) -> Answers {
    let mut answers = Answers::new();
    for (link_id, answer) in pairs {
        answers
            .entry((*link_id).to_owned())
            .or_default()
            .push(answer.clone());
    }
    answers
}

/// `base` with `more` answers replacing its answers for the same items.
pub fn with(base: &Answers, more: &[(&str, Answer)]) -> Answers {
    let mut answers = base.clone();
    for (link_id, _) in more {
        answers.remove(*link_id);
    }
    answers.extend(fill(more));
    answers
}

pub fn without(base: &Answers, link_ids: &[&str]) -> Answers {
    let mut answers = base.clone();
    for link_id in link_ids {
        answers.remove(*link_id);
    }
    answers
}

pub fn shipped(id: &str) -> &'static Form {
    mysehat_hw::form_model(id).unwrap_or_else(|| panic!("no form {id}"))
}

/// A complete CBAC with the lowest risk and no symptoms, for a woman aged 30–39.
pub fn cbac_low_risk() -> Answers {
    fill(&[
        ("sex", code("female")),
        ("age", code("30-39")),
        ("tobacco", code("never")),
        ("alcohol", code("no")),
        ("waist-women", code("80-or-less")),
        ("activity", code("at-least-150")),
        ("family-history", code("no")),
        ("breathless", no()),
        ("cough-2-weeks", no()),
        ("blood-in-sputum", no()),
        ("fever-2-weeks", no()),
        ("weight-loss", no()),
        ("night-sweats", no()),
        ("mouth-ulcer", no()),
        ("breast-lump", no()),
    ])
}

/// A complete TB screen with every answer no.
pub fn tb_clear() -> Answers {
    fill(&[
        ("cough-2-weeks", no()),
        ("fever-2-weeks", no()),
        ("weight-loss", no()),
        ("night-sweats", no()),
        ("blood-in-sputum", no()),
        ("tb-contact", no()),
    ])
}

/// A complete, normal ANC visit at `weeks` of pregnancy.
pub fn anc_normal(weeks: i64) -> Answers {
    fill(&[
        ("gestation-weeks", int(weeks)),
        ("bp-systolic", int(110)),
        ("bp-diastolic", int(70)),
        ("hb", dec(11.5)),
        ("weight", dec(54.5)),
        ("danger-signs", code("none")),
        ("ifa-tablets", int(30)),
    ])
}

/// A complete household enumeration.
pub fn household() -> Answers {
    fill(&[
        ("water-source", code("hand-pump")),
        ("toilet", code("pit-own")),
        ("cooking-fuel", code("lpg")),
        ("ration-card", code("bpl")),
        ("members", int(5)),
        ("disability", no()),
    ])
}

pub fn immunisation(dob: &str, given: &[&str]) -> Answers {
    let mut answers = fill(&[("dob", date(dob)), ("adverse-event", no())]);
    if !given.is_empty() {
        answers.insert(
            "vaccines-today".into(),
            given.iter().map(|c| code(c)).collect(),
        );
    }
    answers
}

pub fn form_event(id: &str, subject: &str, on: &str, form: &str, answers: Answers) -> Event {
    Event {
        id: id.to_owned(),
        subject: subject.to_owned(),
        date: day(on),
        form: Some(form.to_owned()),
        kind: EventKind::Form,
        answers,
    }
}

pub fn visit(id: &str, subject: &str, on: &str) -> Event {
    Event {
        id: id.to_owned(),
        subject: subject.to_owned(),
        date: day(on),
        form: None,
        kind: EventKind::Visit,
        answers: Answers::new(),
    }
}
