//! Vector cases: form answers to evaluate and build responses for, on every shipped form and on
//! the hand-made operators form. Each case names the behaviour it pins.

use super::Vectors;
use crate::support::*;
use mysehat_hw::Answers;

pub(super) fn cbac(pairs: &[(&str, mysehat_hw::Answer)]) -> Answers {
    with(&cbac_low_risk(), pairs)
}

pub(super) fn evaluations(v: &mut Vectors) {
    v.evaluation("household complete", "hw-household", household());
    v.evaluation(
        "household disability without details",
        "hw-household",
        with(&household(), &[("disability", yes())]),
    );
    v.evaluation(
        "household disability with details",
        "hw-household",
        with(
            &household(),
            &[
                ("disability", yes()),
                ("disability-details", text("Father: cannot walk")),
            ],
        ),
    );
    v.evaluation("household empty", "hw-household", Answers::new());
    v.evaluation("cbac low risk", "hw-cbac", cbac_low_risk());
    v.evaluation(
        "cbac score 4",
        "hw-cbac",
        cbac(&[("age", code("50-59")), ("family-history", code("yes"))]),
    );
    v.evaluation(
        "cbac score 5",
        "hw-cbac",
        cbac(&[
            ("age", code("50-59")),
            ("family-history", code("yes")),
            ("alcohol", code("yes")),
        ]),
    );
    v.evaluation(
        "cbac score 11",
        "hw-cbac",
        cbac(&[
            ("age", code("60-plus")),
            ("tobacco", code("daily")),
            ("alcohol", code("yes")),
            ("waist-women", code("more-than-90")),
            ("activity", code("less-than-150")),
            ("family-history", code("yes")),
        ]),
    );
    v.evaluation(
        "cbac man waist 91-100",
        "hw-cbac",
        with(
            &without(&cbac_low_risk(), &["waist-women", "breast-lump"]),
            &[
                ("sex", code("male")),
                ("age", code("40-49")),
                ("waist-men", code("91-100")),
            ],
        ),
    );
    v.evaluation(
        "cbac woman answers the men's waist",
        "hw-cbac",
        cbac(&[("waist-men", code("more-than-100"))]),
    );
    v.evaluation(
        "cbac without sex",
        "hw-cbac",
        without(&cbac_low_risk(), &["sex"]),
    );
    v.evaluation("cbac cough", "hw-cbac", cbac(&[("cough-2-weeks", yes())]));
    v.evaluation(
        "cbac mouth ulcer",
        "hw-cbac",
        cbac(&[("mouth-ulcer", yes())]),
    );
    v.evaluation(
        "cbac man with breast lump answer",
        "hw-cbac",
        with(
            &cbac_low_risk(),
            &[
                ("sex", code("male")),
                ("waist-men", code("90-or-less")),
                ("breast-lump", yes()),
            ],
        ),
    );
    v.evaluation("cbac empty", "hw-cbac", Answers::new());
    v.evaluation(
        "cbac two answers to age count the first",
        "hw-cbac",
        with(
            &cbac_low_risk(),
            &[("age", code("60-plus")), ("age", code("40-49"))],
        ),
    );
    v.evaluation(
        "cbac unknown option and wrong type",
        "hw-cbac",
        cbac(&[("age", code("20-29")), ("tobacco", int(2))]),
    );
    v.evaluation("anc normal", "hw-anc", anc_normal(20));
    v.evaluation(
        "anc bleeding",
        "hw-anc",
        with(&anc_normal(30), &[("danger-signs", code("bleeding"))]),
    );
    v.evaluation(
        "anc systolic 140",
        "hw-anc",
        with(&anc_normal(30), &[("bp-systolic", int(140))]),
    );
    v.evaluation(
        "anc diastolic 89",
        "hw-anc",
        with(&anc_normal(30), &[("bp-diastolic", int(89))]),
    );
    v.evaluation(
        "anc diastolic 90",
        "hw-anc",
        with(&anc_normal(30), &[("bp-diastolic", int(90))]),
    );
    v.evaluation(
        "anc hb 6.9",
        "hw-anc",
        with(&anc_normal(30), &[("hb", dec(6.9))]),
    );
    v.evaluation(
        "anc hb 7",
        "hw-anc",
        with(&anc_normal(30), &[("hb", dec(7.0))]),
    );
    let mut two_signs = anc_normal(34);
    two_signs.insert(
        "danger-signs".into(),
        vec![code("blurred-vision"), code("severe-headache")],
    );
    v.evaluation("anc two danger signs", "hw-anc", two_signs);
    v.evaluation(
        "anc missing weight and lmp given",
        "hw-anc",
        with(
            &without(&anc_normal(12), &["weight"]),
            &[("lmp", date("2024-03-01"))],
        ),
    );
    v.evaluation(
        "immunisation complete",
        "hw-immunisation",
        immunisation("2024-01-01", &["bcg", "opv-0", "hepb-0"]),
    );
    v.evaluation(
        "immunisation adverse event without details",
        "hw-immunisation",
        with(
            &immunisation("2024-01-01", &[]),
            &[("adverse-event", yes())],
        ),
    );
    v.evaluation(
        "immunisation with next due filled",
        "hw-immunisation",
        with(
            &immunisation("2024-01-01", &["opv-1"]),
            &[
                ("next-due", code("opv-2")),
                ("next-due-date", date("2024-03-11")),
                ("adverse-event", yes()),
                ("adverse-event-details", text("fever for a day")),
            ],
        ),
    );
    v.evaluation("immunisation empty", "hw-immunisation", Answers::new());
    v.evaluation("tb clear", "hw-tb", tb_clear());
    v.evaluation(
        "tb contact only",
        "hw-tb",
        with(&tb_clear(), &[("tb-contact", yes())]),
    );
    v.evaluation(
        "tb cough",
        "hw-tb",
        with(&tb_clear(), &[("cough-2-weeks", yes())]),
    );
    v.evaluation("tb empty", "hw-tb", Answers::new());
    let t = "t-operators";
    v.evaluation("operators empty", t, Answers::new());
    v.evaluation("operators n=5", t, fill(&[("n", int(5))]));
    v.evaluation(
        "operators n=6 x=7",
        t,
        fill(&[("n", int(6)), ("x", dec(7.0))]),
    );
    v.evaluation(
        "operators n=4 x=2.5",
        t,
        fill(&[("n", int(4)), ("x", dec(2.5)), ("x-below-n", text("ok"))]),
    );
    v.evaluation(
        "operators date after",
        t,
        fill(&[("d", date("2024-02-01")), ("s", text("x"))]),
    );
    v.evaluation(
        "operators date on boundary",
        t,
        fill(&[("d", date("2024-01-31")), ("s", text("9"))]),
    );
    v.evaluation(
        "operators c=a opens the group",
        t,
        fill(&[("c", code("a"))]),
    );
    v.evaluation(
        "operators c=b keeps it shut",
        t,
        fill(&[("c", code("b")), ("inner", int(5)), ("deep", yes())]),
    );
    v.evaluation(
        "operators both and any",
        t,
        fill(&[
            ("b", yes()),
            ("c", code("a")),
            ("c", code("b")),
            ("inner", int(1)),
            ("deep", no()),
        ]),
    );
    v.evaluation(
        "operators cycle and later item",
        t,
        fill(&[
            ("cycle-a", yes()),
            ("cycle-b", yes()),
            ("last", yes()),
            ("later", no()),
        ]),
    );
}
