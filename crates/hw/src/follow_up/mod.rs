//! Follow-up rules: from a person's visits and forms, what must happen next and by when. Each
//! rule gives at most one follow-up per person (`fu-<rule>-<subject>`, the `Task` id), from the
//! most recent event that triggers it; a later event updates it in place.
//!
//! | rule | trigger (latest such form) | due | completed when | source |
//! | --- | --- | --- | --- | --- |
//! | `cbac-referral` | CBAC with `cbac-refer` (score > 4) or `cbac-symptom` | form date + 7 days | a visit dated after the form | NPCDCS CBAC form (score > 4: prioritise for screening; Part B symptom: refer); 7 days is MySehat's |
//! | `tb-sputum` | TB screen or CBAC with `tb-presumptive` | form date + 3 days | a visit dated after the form | NTEP: presumptive TB is referred for sputum examination; 3 days is MySehat's |
//! | `anc-danger` | ANC visit with `anc-danger` (danger sign, BP ≥ 140/90, Hb < 7) | the form date (same day) | a visit dated after the form | MoHFW ANC guidelines for ANMs: danger signs are referred the same day |
//! | `anc-next` | any ANC visit | + 28 days before 28 weeks, + 14 from 28 weeks, + 7 from 36 weeks | never (rolls forward with each ANC visit) | the customary four-weekly / two-weekly / weekly antenatal visit pattern |
//! | `immunisation-next` | any immunisation form (needs a date of birth) | the next dose's due date ([`immunisation`]) | no dose left to give (all given or past their age limit) | MoHFW National Immunisation Schedule (UIP) |
//!
//! A visit (an `Encounter`) on its own starts no follow-up; it completes referrals. "After"
//! means a later date: the visit in which the form was filled has the form's date. Weeks of
//! pregnancy are the ANC form's `gestation-weeks`, else whole weeks since its `lmp`; unknown
//! counts as before 28 weeks. Events are ordered by date, then id; event ids are unique.

mod events;
pub mod immunisation;
pub mod task;

use crate::answer::{Answer, Answers};
use crate::dates;
use crate::evaluate::evaluate;
use crate::flags;
use crate::forms;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    /// A home visit (`Encounter`).
    Visit,
    /// A filled form (`QuestionnaireResponse`).
    Form,
}

/// Something a health worker recorded about a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    /// The person's `Patient` id.
    pub subject: String,
    #[serde(with = "crate::dates::strict")]
    pub date: Date,
    /// For a form, the shipped form's id (`hw-cbac`); its canonical URL is accepted too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    pub kind: EventKind,
    #[serde(default)]
    pub answers: Answers,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    CbacReferral,
    TbSputum,
    AncNext,
    AncDanger,
    ImmunisationNext,
}

impl Rule {
    pub const ALL: [Rule; 5] = [
        Rule::CbacReferral,
        Rule::TbSputum,
        Rule::AncNext,
        Rule::AncDanger,
        Rule::ImmunisationNext,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rule::CbacReferral => "cbac-referral",
            Rule::TbSputum => "tb-sputum",
            Rule::AncNext => "anc-next",
            Rule::AncDanger => "anc-danger",
            Rule::ImmunisationNext => "immunisation-next",
        }
    }

    /// The resource type of a follow-up's focus: every rule is triggered by a filled form.
    pub fn focus_type(self) -> &'static str {
        "QuestionnaireResponse"
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Requested,
    Completed,
}

/// What must happen next for a person, and by when. Overdue is `due < today`, for callers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// `fu-<rule>-<subject>`.
    pub id: String,
    pub rule: Rule,
    pub subject: String,
    #[serde(with = "crate::dates::strict")]
    pub due: Date,
    pub status: Status,
    /// The id of the event that triggered it.
    pub focus: String,
}

/// Every follow-up the events call for, sorted by id. `today` only decides which vaccines are
/// past their age limit.
pub fn follow_ups(events: &[Event], today: Date) -> Vec<FollowUp> {
    let mut by_subject: BTreeMap<&str, Vec<Seen<'_>>> = BTreeMap::new();
    for event in events {
        by_subject
            .entry(&event.subject)
            .or_default()
            .push(Seen::new(event));
    }
    let mut out = Vec::new();
    for (subject, mut seen) in by_subject {
        seen.sort_by(|a, b| (a.event.date, &a.event.id).cmp(&(b.event.date, &b.event.id)));
        let history = History { subject, seen };
        out.extend(history.referral(Rule::CbacReferral, 7, |s| {
            s.form == Some(forms::CBAC) && (s.has(flags::CBAC_REFER) || s.has(flags::CBAC_SYMPTOM))
        }));
        out.extend(history.referral(Rule::TbSputum, 3, |s| s.has(flags::TB_PRESUMPTIVE)));
        out.extend(history.referral(Rule::AncDanger, 0, |s| {
            s.form == Some(forms::ANC) && s.has(flags::ANC_DANGER)
        }));
        out.extend(history.anc_next());
        out.extend(immunisation::follow_up(&history, today));
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// An event with its form resolved and its flags evaluated once.
pub(crate) struct Seen<'e> {
    pub(crate) event: &'e Event,
    /// The shipped form's id, for a form event of a known form.
    pub(crate) form: Option<&'static str>,
    flags: Vec<String>,
}

impl<'e> Seen<'e> {
    fn new(event: &'e Event) -> Self {
        let model = match event.kind {
            EventKind::Form => event.form.as_deref().and_then(forms::form_model),
            EventKind::Visit => None,
        };
        Seen {
            event,
            form: model.and_then(|m| forms::IDS.iter().copied().find(|id| *id == m.id)),
            flags: model.map_or_else(Vec::new, |m| evaluate(m, &event.answers).flags),
        }
    }

    fn has(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }

    pub(crate) fn first(&self, link_id: &str) -> Option<&'e Answer> {
        self.event.answers.get(link_id)?.first()
    }
}

/// One person's events, oldest first.
pub(crate) struct History<'e> {
    pub(crate) subject: &'e str,
    pub(crate) seen: Vec<Seen<'e>>,
}

impl History<'_> {
    pub(crate) fn follow_up(
        &self,
        rule: Rule,
        due: Date,
        status: Status,
        focus: &Event,
    ) -> FollowUp {
        FollowUp {
            id: format!("fu-{}-{}", rule.as_str(), self.subject),
            rule,
            subject: self.subject.to_owned(),
            due,
            status,
            focus: focus.id.clone(),
        }
    }

    pub(crate) fn latest(&self, pred: impl Fn(&Seen<'_>) -> bool) -> Option<&Seen<'_>> {
        self.seen.iter().rev().find(|s| pred(s))
    }

    /// A referral: due `days` after the latest triggering form, completed by a later visit.
    fn referral(
        &self,
        rule: Rule,
        days: i64,
        trigger: impl Fn(&Seen<'_>) -> bool,
    ) -> Option<FollowUp> {
        let trigger = self.latest(trigger)?.event;
        let visited = self
            .seen
            .iter()
            .any(|s| s.event.kind == EventKind::Visit && s.event.date > trigger.date);
        let status = if visited {
            Status::Completed
        } else {
            Status::Requested
        };
        Some(self.follow_up(rule, dates::add_days(trigger.date, days), status, trigger))
    }

    fn anc_next(&self) -> Option<FollowUp> {
        let visit = self.latest(|s| s.form == Some(forms::ANC))?;
        let weeks = match (visit.first("gestation-weeks"), visit.first("lmp")) {
            (Some(Answer::Integer(weeks)), _) => Some(*weeks),
            (_, Some(Answer::Date(lmp))) => Some(dates::days_between(*lmp, visit.event.date))
                .filter(|d| *d >= 0)
                .map(|d| d / 7),
            _ => None,
        };
        let days = anc_interval_days(weeks);
        let due = dates::add_days(visit.event.date, days);
        Some(self.follow_up(Rule::AncNext, due, Status::Requested, visit.event))
    }
}

/// Days to the next ANC check-up at `weeks` of pregnancy (unknown: as before 28 weeks).
pub fn anc_interval_days(weeks: Option<i64>) -> i64 {
    match weeks {
        Some(w) if w >= 36 => 7,
        Some(w) if w >= 28 => 14,
        _ => 28,
    }
}
