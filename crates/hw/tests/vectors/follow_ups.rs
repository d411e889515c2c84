//! Vector cases: event lists to derive follow-ups and tasks from, and children to find the next
//! vaccine for. Each case names the behaviour it pins.

use super::Vectors;
use super::evaluations::cbac;
use crate::support::*;
use mysehat_hw::{ResponseContext, to_response};
use serde_json::json;

pub(super) fn follow_ups(v: &mut Vectors) {
    let cbac_5 = || {
        cbac(&[
            ("age", code("50-59")),
            ("family-history", code("yes")),
            ("alcohol", code("yes")),
        ])
    };
    let cbac_4 = || cbac(&[("age", code("50-59")), ("family-history", code("yes"))]);
    let today = "2024-06-01";
    v.follow_up("no events", today, vec![]);
    v.follow_up(
        "cbac score 5 refers",
        today,
        vec![form_event("qr-1", "p-1", "2024-05-01", "hw-cbac", cbac_5())],
    );
    v.follow_up(
        "cbac score 4 does not",
        today,
        vec![form_event("qr-1", "p-1", "2024-05-01", "hw-cbac", cbac_4())],
    );
    v.follow_up(
        "cbac same-day visit leaves it requested",
        today,
        vec![
            visit("enc-1", "p-1", "2024-05-01"),
            form_event("qr-1", "p-1", "2024-05-01", "hw-cbac", cbac_5()),
        ],
    );
    v.follow_up(
        "cbac later visit completes",
        today,
        vec![
            form_event("qr-1", "p-1", "2024-05-01", "hw-cbac", cbac_5()),
            visit("enc-2", "p-1", "2024-05-04"),
        ],
    );
    v.follow_up(
        "cbac new trigger after completion",
        today,
        vec![
            form_event("qr-1", "p-1", "2024-05-01", "hw-cbac", cbac_5()),
            visit("enc-2", "p-1", "2024-05-04"),
            form_event("qr-3", "p-1", "2024-05-20", "hw-cbac", cbac_5()),
            form_event("qr-4", "p-1", "2024-05-25", "hw-cbac", cbac_low_risk()),
        ],
    );
    v.follow_up(
        "cbac mouth ulcer refers",
        today,
        vec![form_event(
            "qr-1",
            "p-1",
            "2024-05-01",
            "hw-cbac",
            cbac(&[("mouth-ulcer", yes())]),
        )],
    );
    v.follow_up(
        "tb contact asks for sputum",
        today,
        vec![form_event(
            "qr-1",
            "p-1",
            "2024-05-30",
            "hw-tb",
            with(&tb_clear(), &[("tb-contact", yes())]),
        )],
    );
    v.follow_up(
        "cbac night sweats asks for sputum only",
        today,
        vec![form_event(
            "qr-1",
            "p-1",
            "2024-05-30",
            "hw-cbac",
            cbac(&[("night-sweats", yes())]),
        )],
    );
    v.follow_up(
        "tb later visit completes",
        today,
        vec![
            visit("enc-2", "p-1", "2024-05-31"),
            form_event(
                "qr-1",
                "p-1",
                "2024-05-29",
                "hw-tb",
                with(&tb_clear(), &[("cough-2-weeks", yes())]),
            ),
        ],
    );
    v.follow_up(
        "anc intervals at 27, 28, 35 and 36 weeks",
        today,
        vec![
            form_event("qr-1", "p-1", "2024-05-01", "hw-anc", anc_normal(27)),
            form_event("qr-2", "p-2", "2024-05-01", "hw-anc", anc_normal(28)),
            form_event("qr-3", "p-3", "2024-05-01", "hw-anc", anc_normal(35)),
            form_event("qr-4", "p-4", "2024-05-01", "hw-anc", anc_normal(36)),
        ],
    );
    let lmp_only = |lmp: &str| {
        with(
            &without(&anc_normal(0), &["gestation-weeks"]),
            &[("lmp", date(lmp))],
        )
    };
    v.follow_up(
        "anc weeks from the lmp",
        today,
        vec![
            form_event(
                "qr-1",
                "p-1",
                "2024-05-01",
                "hw-anc",
                lmp_only("2023-10-18"),
            ),
            form_event(
                "qr-2",
                "p-2",
                "2024-05-01",
                "hw-anc",
                lmp_only("2023-10-19"),
            ),
            form_event(
                "qr-3",
                "p-3",
                "2024-05-01",
                "hw-anc",
                lmp_only("2023-08-01"),
            ),
            form_event(
                "qr-4",
                "p-4",
                "2024-05-01",
                "hw-anc",
                lmp_only("2024-06-01"),
            ),
        ],
    );
    v.follow_up(
        "anc weeks unknown",
        today,
        vec![form_event(
            "qr-1",
            "p-1",
            "2024-05-01",
            "hw-anc",
            without(&anc_normal(0), &["gestation-weeks"]),
        )],
    );
    v.follow_up(
        "anc danger then a visit",
        today,
        vec![
            form_event(
                "qr-1",
                "p-1",
                "2024-05-01",
                "hw-anc",
                with(&anc_normal(38), &[("danger-signs", code("convulsions"))]),
            ),
            visit("enc-1", "p-1", "2024-05-02"),
        ],
    );
    v.follow_up(
        "anc latest visit only, given out of order",
        today,
        vec![
            form_event("qr-2", "p-1", "2024-05-29", "hw-anc", anc_normal(32)),
            form_event(
                "qr-1",
                "p-1",
                "2024-05-01",
                "hw-anc",
                with(&anc_normal(28), &[("hb", dec(6.0))]),
            ),
        ],
    );
    v.follow_up(
        "immunisation newborn",
        "2024-01-01",
        vec![form_event(
            "qr-1",
            "c-1",
            "2024-01-01",
            "hw-immunisation",
            immunisation("2024-01-01", &["bcg", "opv-0", "hepb-0"]),
        )],
    );
    v.follow_up(
        "immunisation late six-week doses",
        "2024-03-01",
        vec![
            form_event(
                "qr-1",
                "c-1",
                "2024-01-01",
                "hw-immunisation",
                immunisation("2024-01-01", &["bcg", "opv-0", "hepb-0"]),
            ),
            form_event(
                "qr-2",
                "c-1",
                "2024-03-01",
                "hw-immunisation",
                immunisation(
                    "2024-01-01",
                    &["opv-1", "penta-1", "rota-1", "fipv-1", "pcv-1"],
                ),
            ),
        ],
    );
    v.follow_up(
        "immunisation at 13 months skips expired doses",
        "2024-02-01",
        vec![form_event(
            "qr-1",
            "c-1",
            "2024-02-01",
            "hw-immunisation",
            immunisation("2023-01-01", &[]),
        )],
    );
    let all: Vec<&str> = mysehat_hw::follow_up::immunisation::SCHEDULE
        .iter()
        .map(|d| d.code)
        .collect();
    v.follow_up(
        "immunisation all given completes",
        "2025-06-01",
        vec![form_event(
            "qr-1",
            "c-1",
            "2025-06-01",
            "hw-immunisation",
            immunisation("2024-01-01", &all),
        )],
    );
    let infant: Vec<&str> = all[..16].to_vec();
    v.follow_up(
        "immunisation nine months clamps to february",
        "2023-09-10",
        vec![form_event(
            "qr-1",
            "c-1",
            "2023-09-10",
            "hw-immunisation",
            immunisation("2023-05-31", &infant),
        )],
    );
    v.follow_up(
        "immunisation the latest form's date of birth",
        "2024-01-20",
        vec![
            form_event(
                "qr-1",
                "c-1",
                "2024-01-05",
                "hw-immunisation",
                immunisation("2024-01-04", &["bcg"]),
            ),
            form_event(
                "qr-2",
                "c-1",
                "2024-01-20",
                "hw-immunisation",
                immunisation("2024-01-01", &[]),
            ),
        ],
    );
    v.follow_up(
        "visits, households and unknown forms start nothing",
        today,
        vec![
            visit("enc-1", "p-1", "2024-05-01"),
            form_event("qr-1", "h-1", "2024-05-01", "hw-household", household()),
            form_event("qr-2", "p-1", "2024-05-01", "hw-unknown", cbac_5()),
        ],
    );
    v.follow_up(
        "several people, sorted by id",
        today,
        vec![
            form_event(
                "qr-1",
                "p-2",
                "2024-05-01",
                "hw-cbac",
                with(&cbac_5(), &[("cough-2-weeks", yes())]),
            ),
            form_event(
                "qr-2",
                "p-1",
                "2024-05-01",
                "hw-anc",
                with(&anc_normal(37), &[("hb", dec(6.5))]),
            ),
            form_event(
                "qr-3",
                "p-1",
                "2024-05-02",
                "hw-tb",
                with(&tb_clear(), &[("cough-2-weeks", yes())]),
            ),
            form_event(
                "qr-4",
                "c-9",
                "2024-05-02",
                "hw-immunisation",
                immunisation("2024-03-01", &["bcg", "opv-0"]),
            ),
            visit("enc-5", "p-2", "2024-05-03"),
        ],
    );
    v.follow_up(
        "same date, ids break the tie",
        today,
        vec![
            form_event("qr-b", "p-1", "2024-05-01", "hw-anc", anc_normal(36)),
            form_event("qr-a", "p-1", "2024-05-01", "hw-anc", anc_normal(20)),
        ],
    );
}

pub(super) fn vaccines(v: &mut Vectors) {
    let birth = [
        ("bcg", "2024-01-01"),
        ("opv-0", "2024-01-01"),
        ("hepb-0", "2024-01-01"),
    ];
    v.vaccine("newborn", "2024-01-01", &[], "2024-01-01");
    v.vaccine("after the birth doses", "2024-01-01", &birth, "2024-01-01");
    v.vaccine(
        "hepatitis b only on the day of birth",
        "2024-01-01",
        &[("bcg", "2024-01-02")],
        "2024-01-02",
    );
    v.vaccine(
        "opv-0 within 15 days",
        "2024-01-01",
        &[("bcg", "2024-01-15")],
        "2024-01-15",
    );
    v.vaccine(
        "opv-0 not at 15 days",
        "2024-01-01",
        &[("bcg", "2024-01-16")],
        "2024-01-16",
    );
    let all_but_opv: Vec<(&str, &str)> = mysehat_hw::follow_up::immunisation::SCHEDULE[..16]
        .iter()
        .filter(|d| !d.code.starts_with("opv-") || d.code == "opv-0")
        .map(|d| (d.code, "2024-04-10"))
        .chain([("opv-1", "2024-05-25")])
        .collect();
    // OPV-3 would be due at 14 weeks (8 April) but waits for OPV-2, itself 4 weeks after OPV-1.
    v.vaccine(
        "a series goes in order",
        "2024-01-01",
        &all_but_opv,
        "2024-06-01",
    );
    v.vaccine(
        "mr-2 four weeks after a late mr-1",
        "2023-01-01",
        &[
            ("opv-1", "2023-02-12"),
            ("opv-2", "2023-03-12"),
            ("opv-3", "2023-04-09"),
            ("mr-1", "2024-04-20"),
            ("je", "2024-04-20"),
            ("vitamin-a", "2024-04-20"),
        ],
        "2024-04-20",
    );
    v.vaccine(
        "dpt booster six months after pentavalent-3",
        "2023-01-01",
        &[
            ("opv-1", "2023-02-12"),
            ("opv-2", "2023-03-12"),
            ("opv-3", "2023-12-01"),
            ("penta-3", "2023-12-01"),
            ("mr-1", "2023-10-01"),
            ("je", "2023-10-01"),
            ("vitamin-a", "2023-10-01"),
            ("mr-2", "2024-05-01"),
        ],
        "2024-05-01",
    );
    v.vaccine(
        "nothing left at seven years",
        "2017-01-01",
        &[("je", "2018-01-01")],
        "2024-01-01",
    );
}

pub(super) fn events(v: &mut Vectors) {
    let ctx = |household: Option<&str>| ResponseContext {
        id: "qr-1".into(),
        subject: "p-1".into(),
        encounter: Some("enc-1".into()),
        authored: "2024-05-31T23:30:00+05:30".into(),
        village: "v-1".into(),
        household: household.map(str::to_owned),
    };
    let cbac_qr = to_response(
        shipped("hw-cbac"),
        &cbac(&[
            ("age", code("60-plus")),
            ("tobacco", code("daily")),
            ("cough-2-weeks", yes()),
        ]),
        &ctx(Some("h-1")),
    );
    v.event("a cbac response", cbac_qr.clone());
    let mut versioned = cbac_qr.clone();
    versioned["questionnaire"] = json!("https://mysehat.in/fhir/Questionnaire/hw-cbac|1");
    v.event("a versioned questionnaire", versioned);
    let mut withdrawn = cbac_qr.clone();
    withdrawn["status"] = json!("entered-in-error");
    v.event("entered in error", withdrawn);
    let mut unreadable = cbac_qr;
    unreadable["item"][1]["item"][0]["answer"] = json!([{"valueTime": "10:00:00"}]);
    v.event("an unreadable answer", unreadable);
    v.event(
        "a household response",
        to_response(shipped("hw-household"), &household(), &ctx(Some("h-1"))),
    );
    v.event(
        "an immunisation response",
        to_response(
            shipped("hw-immunisation"),
            &immunisation("2024-01-01", &["bcg", "opv-0"]),
            &ctx(None),
        ),
    );
    v.event(
        "answers nested under answers",
        json!({"resourceType": "QuestionnaireResponse", "id": "qr-9", "status": "completed", "questionnaire": "https://mysehat.in/fhir/Questionnaire/hw-tb",
               "subject": {"reference": "Patient/p-9"}, "authored": "2024-05-01",
               "item": [{"linkId": "cough-2-weeks", "answer": [{"valueBoolean": true, "item": [{"linkId": "night-sweats", "answer": [{"valueBoolean": false}]}]}]}]}),
    );
    v.event(
        "a home visit",
        json!({"resourceType": "Encounter", "id": "enc-1", "status": "finished", "class": {"code": "HH"},
               "subject": {"reference": "Patient/p-1"}, "period": {"start": "2024-05-02T09:15:00+05:30"}}),
    );
    v.event(
        "a visit to the household",
        json!({"resourceType": "Encounter", "id": "enc-2", "status": "finished", "class": {"code": "HH"},
               "subject": {"reference": "Group/h-1"}, "period": {"start": "2024-05-02T09:15:00+05:30"}}),
    );
    v.event(
        "a visit without a start",
        json!({"resourceType": "Encounter", "id": "enc-3", "status": "finished", "class": {"code": "HH"}, "subject": {"reference": "Patient/p-1"}}),
    );
}
