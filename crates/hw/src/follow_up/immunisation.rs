//! The child immunisation schedule of India's Universal Immunisation Programme (MoHFW National
//! Immunisation Schedule; upper age limits from the UIP Immunization Handbook for Medical
//! Officers) and the next dose a child is due.
//!
//! A dose is due at its age (days for the 6/10/14-week doses, calendar months for the 9- and
//! 16-month ones), and not before its minimum gap after the previous dose of its series, which
//! must have been given first (MR-2 waits for MR-1, the DPT booster for pentavalent-3). It is
//! no longer given once the child reaches its upper age limit, or when it would only fall due
//! after that limit. The next dose is the one with the earliest due date (ties: schedule order).

use super::{EventKind, FollowUp, History, Rule, Status};
use crate::answer::Answer;
use crate::dates;
use crate::forms;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An age, counted from the date of birth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    Days(i64),
    Months(i64),
}

impl Age {
    /// The date a child born on `dob` reaches this age.
    fn reached_on(self, dob: Date) -> Date {
        match self {
            Age::Days(n) => dates::add_days(dob, n),
            Age::Months(n) => dates::add_months(dob, n),
        }
    }
}

/// One dose of the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dose {
    /// The option code in the immunisation form (`penta-2`).
    pub code: &'static str,
    pub at: Age,
    /// The previous dose of the series and the minimum days after it.
    pub after: Option<(&'static str, i64)>,
    /// Not given from this age on.
    pub until: Age,
}

const fn dose(code: &'static str, at: Age, after: Option<(&'static str, i64)>, until: Age) -> Dose {
    Dose {
        code,
        at,
        after,
        until,
    }
}

use Age::{Days, Months};

/// The schedule, in order of age.
pub const SCHEDULE: [Dose; 22] = [
    // At birth: BCG up to 1 year, OPV-0 within 15 days, hepatitis B within 24 hours.
    dose("bcg", Days(0), None, Months(12)),
    dose("opv-0", Days(0), None, Days(15)),
    dose("hepb-0", Days(0), None, Days(1)),
    // 6 weeks. OPV up to 5 years; pentavalent, rotavirus, fIPV and PCV up to 1 year.
    dose("opv-1", Days(42), None, Months(60)),
    dose("penta-1", Days(42), None, Months(12)),
    dose("rota-1", Days(42), None, Months(12)),
    dose("fipv-1", Days(42), None, Months(12)),
    dose("pcv-1", Days(42), None, Months(12)),
    // 10 weeks, at least 4 weeks after the previous dose.
    dose("opv-2", Days(70), Some(("opv-1", 28)), Months(60)),
    dose("penta-2", Days(70), Some(("penta-1", 28)), Months(12)),
    dose("rota-2", Days(70), Some(("rota-1", 28)), Months(12)),
    // 14 weeks; fIPV-2 and PCV-2 at least 8 weeks after the first.
    dose("opv-3", Days(98), Some(("opv-2", 28)), Months(60)),
    dose("penta-3", Days(98), Some(("penta-2", 28)), Months(12)),
    dose("rota-3", Days(98), Some(("rota-2", 28)), Months(12)),
    dose("fipv-2", Days(98), Some(("fipv-1", 56)), Months(12)),
    dose("pcv-2", Days(98), Some(("pcv-1", 56)), Months(12)),
    // 9–12 months: MR-1 (up to 5 years), JE (up to 15 years), PCV booster, vitamin A.
    dose("mr-1", Months(9), None, Months(60)),
    dose("je", Months(9), None, Months(180)),
    dose("pcv-booster", Months(9), None, Months(12)),
    dose("vitamin-a", Months(9), None, Months(60)),
    // 16–24 months: MR-2 (4 weeks after MR-1), DPT booster (6 months after pentavalent-3, up to 7 years).
    dose("mr-2", Months(16), Some(("mr-1", 28)), Months(60)),
    dose(
        "dpt-booster",
        Months(16),
        Some(("penta-3", 180)),
        Months(84),
    ),
];

/// The next dose and its due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextDose {
    pub code: String,
    #[serde(with = "crate::dates::strict")]
    pub due: Date,
}

/// The next dose for a child born on `dob` who has had the doses in `given` (code → date
/// given), as of `today`; `None` when no dose is left to give.
pub fn next_vaccine(dob: Date, given: &BTreeMap<String, Date>, today: Date) -> Option<NextDose> {
    let mut next: Option<NextDose> = None;
    for dose in &SCHEDULE {
        if given.contains_key(dose.code) {
            continue;
        }
        let limit = dose.until.reached_on(dob);
        let mut due = dose.at.reached_on(dob);
        if let Some((previous, gap)) = dose.after {
            // A series goes in order: this dose waits for the one before it.
            let Some(&on) = given.get(previous) else {
                continue;
            };
            due = due.max(dates::add_days(on, gap));
        }
        if today >= limit || due >= limit {
            continue;
        }
        if next.as_ref().is_none_or(|n| due < n.due) {
            next = Some(NextDose {
                code: dose.code.to_owned(),
                due,
            });
        }
    }
    next
}

/// `immunisation-next` for one child: the date of birth from the latest form that gives one,
/// the doses from every form's "vaccines given today" (each on its form's date, the first time).
pub(super) fn follow_up(history: &History<'_>, today: Date) -> Option<FollowUp> {
    let is_form = |s: &super::Seen<'_>| {
        s.event.kind == EventKind::Form && s.form == Some(forms::IMMUNISATION)
    };
    let latest = history.latest(is_form)?;
    let dob = history
        .latest(|s| is_form(s) && matches!(s.first("dob"), Some(Answer::Date(_))))?
        .first("dob")
        .and_then(Answer::date)?;
    let mut given = BTreeMap::new();
    for seen in history.seen.iter().filter(|s| is_form(s)) {
        for code in seen
            .event
            .answers
            .get("vaccines-today")
            .into_iter()
            .flatten()
            .filter_map(Answer::code)
        {
            given.entry(code.to_owned()).or_insert(seen.event.date);
        }
    }
    Some(match next_vaccine(dob, &given, today) {
        Some(next) => history.follow_up(
            Rule::ImmunisationNext,
            next.due,
            Status::Requested,
            latest.event,
        ),
        None => history.follow_up(
            Rule::ImmunisationNext,
            latest.event.date,
            Status::Completed,
            latest.event,
        ),
    })
}
