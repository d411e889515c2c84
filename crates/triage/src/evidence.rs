//! What is known about each finding (present, absent or unknown) after text, profile, vitals and answers,
//! closed under implications ("high fever" ⇒ fever) and exclusive groups (one duration).

use crate::error::InputError;
use crate::ids::Fx;
use crate::input::{Answer, Person, Vitals};
use crate::kb::KnowledgeBase;
use crate::output::FindingSource;
use crate::text::Understanding;
use crate::vitals::derived_findings;

/// One finding's state and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Observation {
    pub present: bool,
    pub source: FindingSource,
}

/// The evidence the model and the rules reason about.
#[derive(Debug, Clone)]
pub(crate) struct Evidence {
    state: Vec<Option<Observation>>,
    asked_findings: Vec<bool>,
    asked_groups: Vec<bool>,
    /// Number of distinct questions answered so far.
    pub answered: usize,
}

impl Evidence {
    pub(crate) fn build(
        kb: &KnowledgeBase,
        person: &Person,
        understood: &Understanding,
        vitals: &Vitals,
        answers: &[Answer],
    ) -> Result<Evidence, InputError> {
        let n = kb.findings.len();
        let mut evidence = Evidence {
            state: vec![None; n],
            asked_findings: vec![false; n],
            asked_groups: vec![false; kb.groups.len()],
            answered: 0,
        };
        for (&fx, &present) in &understood.findings {
            evidence.set_applicable(kb, person, fx, present, FindingSource::Text);
        }
        if let Some(days) = understood.duration_days
            && let Some(group) = kb.groups.iter().find(|g| g.id == "duration")
        {
            let pick = if days < 7.0 {
                "duration_under_week"
            } else if days < 14.0 {
                "duration_1_to_2_weeks"
            } else {
                "duration_over_2_weeks"
            };
            for &member in &group.members {
                let present = kb.finding(member).id.as_str() == pick;
                evidence.state[member.0] = Some(Observation {
                    present,
                    source: FindingSource::Text,
                });
            }
        }
        if let (Some(pregnant), Some(fx)) = (person.pregnant, kb.fx("pregnant")) {
            evidence.set_applicable(kb, person, fx, pregnant, FindingSource::Profile);
        }
        for (fx, present) in derived_findings(kb, person, vitals) {
            evidence.set_applicable(kb, person, fx, present, FindingSource::Vitals);
        }
        let mut seen = std::collections::HashSet::new();
        for answer in answers {
            if seen.insert(answer.question_id.as_str())
                && evidence.apply_answer(kb, person, answer)?
            {
                evidence.answered += 1;
            }
        }
        evidence.close(kb);
        Ok(evidence)
    }

    fn set_applicable(
        &mut self,
        kb: &KnowledgeBase,
        person: &Person,
        fx: Fx,
        present: bool,
        source: FindingSource,
    ) {
        let applies = |fx: Fx| kb.finding(fx).applies_to(person.age_years, person.sex);
        let target = if applies(fx) {
            Some(fx)
        } else {
            kb.lexicon
                .fallback
                .get(&fx)
                .copied()
                .filter(|f| applies(*f))
        };
        if let Some(fx) = target {
            let keep_present =
                source == FindingSource::Text && self.state[fx.0].is_some_and(|o| o.present);
            if !keep_present {
                self.state[fx.0] = Some(Observation { present, source });
            }
        }
    }

    /// Applies one answer; returns whether it was to a known question.
    fn apply_answer(
        &mut self,
        kb: &KnowledgeBase,
        person: &Person,
        answer: &Answer,
    ) -> Result<bool, InputError> {
        let invalid = || InputError::InvalidAnswer {
            question: answer.question_id.to_string(),
            answer: answer.answer.clone(),
        };
        let value = answer.answer.trim().to_ascii_lowercase();
        if let Some(g) = kb
            .groups
            .iter()
            .position(|g| g.id == answer.question_id.as_str())
        {
            self.asked_groups[g] = true;
            if value == "unknown" {
                return Ok(true);
            }
            let members = &kb.groups[g].members;
            let chosen = members
                .iter()
                .find(|m| kb.finding(**m).id.as_str() == value)
                .ok_or_else(invalid)?;
            for &member in members {
                self.state[member.0] = Some(Observation {
                    present: member == *chosen,
                    source: FindingSource::Answer,
                });
            }
            return Ok(true);
        }
        let Some(fx) = kb.fx(answer.question_id.as_str()) else {
            return Ok(false);
        };
        self.asked_findings[fx.0] = true;
        match value.as_str() {
            "yes" => self.set_applicable(kb, person, fx, true, FindingSource::Answer),
            "no" => self.set_applicable(kb, person, fx, false, FindingSource::Answer),
            "unknown" => {}
            _ => return Err(invalid()),
        }
        Ok(true)
    }

    /// Implications and exclusive groups, repeated until nothing changes.
    fn close(&mut self, kb: &KnowledgeBase) {
        let inferred = |present| {
            Some(Observation {
                present,
                source: FindingSource::Inferred,
            })
        };
        loop {
            let mut changed = false;
            for (i, finding) in kb.findings.iter().enumerate() {
                match self.state[i].map(|o| o.present) {
                    Some(true) => {
                        for parent in &finding.implies {
                            if self.state[parent.0]
                                .is_none_or(|o| !o.present && o.source != FindingSource::Answer)
                            {
                                self.state[parent.0] = inferred(true);
                                changed = true;
                            }
                        }
                        if let Some(g) = finding.group {
                            for member in &kb.groups[g].members {
                                if member.0 != i && self.state[member.0].is_none() {
                                    self.state[member.0] = inferred(false);
                                    changed = true;
                                }
                            }
                        }
                    }
                    Some(false) => {
                        for (j, child) in kb.findings.iter().enumerate() {
                            if child.implies.contains(&Fx(i)) && self.state[j].is_none() {
                                self.state[j] = inferred(false);
                                changed = true;
                            }
                        }
                    }
                    None => {}
                }
            }
            if !changed {
                break;
            }
        }
    }

    pub(crate) fn get(&self, fx: Fx) -> Option<Observation> {
        self.state[fx.0]
    }

    pub(crate) fn is_present(&self, fx: Fx) -> bool {
        self.state[fx.0].is_some_and(|o| o.present)
    }

    pub(crate) fn is_absent(&self, fx: Fx) -> bool {
        self.state[fx.0].is_some_and(|o| !o.present)
    }

    pub(crate) fn was_asked(&self, fx: Fx) -> bool {
        self.asked_findings[fx.0]
    }

    pub(crate) fn group_asked(&self, group: usize) -> bool {
        self.asked_groups[group]
    }

    /// Every finding with a known state, in vocabulary order.
    pub(crate) fn known(&self) -> impl Iterator<Item = (Fx, Observation)> + '_ {
        self.state
            .iter()
            .enumerate()
            .filter_map(|(i, o)| o.map(|o| (Fx(i), o)))
    }

    /// Whether any symptom (not just context such as pregnancy or diabetes) is present.
    pub(crate) fn any_complaint(&self, kb: &KnowledgeBase) -> bool {
        self.known()
            .any(|(fx, o)| o.present && !kb.finding(fx).context)
    }
}
