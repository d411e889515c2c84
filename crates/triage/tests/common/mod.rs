//! Builders shared by the integration tests.
#![allow(dead_code)]

use mysehat_triage::{Answer, Input, Language, Output, Sex, Vitals, evaluate};

/// A request builder that reads like the sentence a tester would say.
#[derive(Debug, Clone)]
pub struct Ask(pub Input);

pub fn adult(text: &str) -> Ask {
    person(35.0, Sex::Male, text)
}

pub fn woman(age: f64, text: &str) -> Ask {
    person(age, Sex::Female, text)
}

pub fn person(age: f64, sex: Sex, text: &str) -> Ask {
    Ask(Input {
        age: Some(age),
        age_months: None,
        sex,
        pregnant: None,
        text: text.to_owned(),
        language: Language::En,
        answers: Vec::new(),
        vitals: None,
    })
}

pub fn baby_months(months: f64, text: &str) -> Ask {
    let mut ask = person(0.0, Sex::Female, text);
    ask.0.age = None;
    ask.0.age_months = Some(months);
    ask
}

impl Ask {
    pub fn pregnant(mut self) -> Self {
        self.0.pregnant = Some(true);
        self.0.sex = Sex::Female;
        self
    }

    pub fn hindi(mut self) -> Self {
        self.0.language = Language::Hi;
        self
    }

    pub fn vitals(mut self, vitals: Vitals) -> Self {
        self.0.vitals = Some(vitals);
        self
    }

    pub fn answer(mut self, question: &str, answer: &str) -> Self {
        self.0.answers.push(Answer {
            question_id: question.into(),
            answer: answer.to_owned(),
        });
        self
    }

    pub fn run(&self) -> Output {
        match evaluate(&self.0) {
            Ok(output) => output,
            Err(e) => panic!("evaluation failed for {:?}: {e}", self.0.text),
        }
    }
}

/// Ids of the findings understood as present.
pub fn present(output: &Output) -> Vec<String> {
    output
        .understood
        .iter()
        .filter(|u| u.present)
        .map(|u| u.id.to_string())
        .collect()
}

/// Ids of the findings understood as absent.
pub fn absent(output: &Output) -> Vec<String> {
    output
        .understood
        .iter()
        .filter(|u| !u.present)
        .map(|u| u.id.to_string())
        .collect()
}

pub fn fired(output: &Output) -> Vec<String> {
    output.red_flags.iter().map(|f| f.id.to_string()).collect()
}
