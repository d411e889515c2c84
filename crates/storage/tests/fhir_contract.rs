//! The FHIR store contract, on SQLite always and on PostgreSQL when `MYSEHAT_TEST_DATABASE_URL`
//! is set: versions, all-or-nothing writes, history, and every kind of search condition.

use mysehat_domain::audit::{AuditDraft, Outcome};
use mysehat_storage::Store;
use mysehat_storage::fhir::{
    Cond, FhirChange, FhirRefusal, FhirWrite, HistoryQuery, HistoryScope, IndexKind, IndexRow,
    Prefix, SearchQuery, SortKey, Span, Stamp, StringMatch, SystemMatch, UriMatch,
};
use std::sync::Arc;

#[macro_use]
mod common;
use common::{postgres, sqlite};

contract!(
    grouped_conditions_nest_and_or_over_types,
    each_write_makes_a_version_and_if_match_guards_it,
    a_failing_write_rolls_back_the_whole_set,
    a_delete_keeps_history_and_hides_from_search,
    history_lists_versions_newest_first_by_scope,
    token_string_and_reference_conditions_match,
    ranges_follow_the_prefix_rules,
    chains_and_reverse_chains_nest,
    missing_sort_and_patient_scope,
    result_pages_are_kept,
    keyset_pages_walk_forwards_and_backwards,
    references_are_followed_both_ways,
);

fn at(ms: i64) -> Stamp {
    Stamp {
        ms,
        text: format!("2026-01-01T00:00:{:02}.000Z", ms % 60),
    }
}

fn put(t: &str, id: &str, index: Vec<IndexRow>) -> FhirWrite {
    FhirWrite {
        resource_type: t.into(),
        id: id.into(),
        change: FhirChange::Put {
            resource: received(t, id),
            index,
            patient: None,
        },
        if_match: None,
    }
}

/// A resource as a client sent it, with a decimal whose trailing zero must survive.
fn received(t: &str, id: &str) -> serde_json::Value {
    serde_json::from_str(&format!(
        r#"{{"resourceType": "{t}", "id": "{id}", "valueDecimal": 1.50}}"#
    ))
    .expect("json")
}

fn token(param: &str, system: &str, code: &str) -> IndexRow {
    IndexRow::Token {
        param: param.into(),
        system: Some(system.into()),
        code: Some(code.into()),
        text: Some(code.into()),
    }
}

fn reference(param: &str, t: &str, id: &str) -> IndexRow {
    IndexRow::Reference {
        param: param.into(),
        target_type: Some(t.into()),
        target_id: Some(id.into()),
        url: None,
    }
}

fn string(param: &str, value: &str) -> IndexRow {
    IndexRow::String {
        param: param.into(),
        normalized: value.to_lowercase(),
        exact: value.into(),
    }
}

async fn write(
    store: &Arc<dyn Store>,
    writes: Vec<FhirWrite>,
    ms: i64,
) -> Vec<mysehat_storage::fhir::FhirWritten> {
    store
        .fhir_write(&writes, &at(ms), vec![])
        .await
        .expect("store")
        .expect("applied")
}

async fn ids(store: &Arc<dyn Store>, t: &str, all_of: Vec<Vec<Cond>>) -> Vec<String> {
    ids_sorted(store, t, all_of, vec![]).await
}

async fn ids_sorted(
    store: &Arc<dyn Store>,
    t: &str,
    all_of: Vec<Vec<Cond>>,
    sort: Vec<SortKey>,
) -> Vec<String> {
    let q = SearchQuery {
        sort,
        ..SearchQuery::new(Some(t.into()), all_of, 100)
    };
    let rids = store.fhir_search(&q).await.expect("search");
    store
        .fhir_load(&rids)
        .await
        .expect("load")
        .into_iter()
        .map(|c| c.id)
        .collect()
}

async fn each_write_makes_a_version_and_if_match_guards_it(store: Arc<dyn Store>) {
    let first = write(&store, vec![put("Observation", "o1", vec![])], 1_000).await;
    assert_eq!(first[0].version_id, 1);
    assert!(first[0].created);
    let body = first[0].body.clone().expect("body");
    assert!(
        body.contains("\"valueDecimal\":1.50"),
        "decimals kept as received: {body}"
    );
    assert!(body.contains("\"versionId\":\"1\""), "{body}");

    let mut guarded = put("Observation", "o1", vec![]);
    guarded.if_match = Some(1);
    let second = write(&store, vec![guarded.clone()], 2_000).await;
    assert_eq!((second[0].version_id, second[0].created), (2, false));
    let stale = store
        .fhir_write(&[guarded], &at(3_000), vec![])
        .await
        .expect("store");
    assert_eq!(
        stale,
        Err(FhirRefusal::VersionConflict {
            index: 0,
            current: Some(2)
        })
    );

    // `Some(0)`: a create that must not overwrite what someone made meanwhile.
    let mut fresh = put("Observation", "o1", vec![]);
    fresh.if_match = Some(0);
    let taken = store
        .fhir_write(&[fresh.clone()], &at(3_500), vec![])
        .await
        .expect("store");
    assert_eq!(
        taken,
        Err(FhirRefusal::VersionConflict {
            index: 0,
            current: Some(2)
        })
    );
    fresh.id = "o-new".into();
    assert_eq!(write(&store, vec![fresh], 3_600).await[0].version_id, 1);

    let current = store
        .fhir_read("Observation", "o1")
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(current.version_id, 2);
    let v1 = store
        .fhir_vread("Observation", "o1", 1)
        .await
        .expect("vread")
        .expect("kept");
    assert_eq!(v1.method, "POST");
    assert!(v1.body.is_some_and(|b| b.contains("\"versionId\":\"1\"")));
}

async fn a_failing_write_rolls_back_the_whole_set(store: Arc<dyn Store>) {
    let mut conflicting = put("Patient", "p1", vec![]);
    conflicting.if_match = Some(7);
    let mut audit = AuditDraft::new("fhir.transaction", Outcome::Success);
    audit.target = Some("Bundle".into());
    let result = store
        .fhir_write(
            &[
                put("Patient", "p0", vec![string("name", "Asha")]),
                conflicting,
            ],
            &at(1),
            vec![audit],
        )
        .await
        .expect("store");
    assert_eq!(
        result,
        Err(FhirRefusal::VersionConflict {
            index: 1,
            current: None
        })
    );
    assert_eq!(store.fhir_read("Patient", "p0").await.expect("read"), None);
    assert!(ids(&store, "Patient", vec![]).await.is_empty());
    assert_eq!(
        store.audit_head().await.expect("head"),
        None,
        "no audit entry for a rolled-back set"
    );
}

async fn a_delete_keeps_history_and_hides_from_search(store: Arc<dyn Store>) {
    write(
        &store,
        vec![put(
            "Condition",
            "c1",
            vec![token("code", "http://snomed.info/sct", "38341003")],
        )],
        1,
    )
    .await;
    let deleted = write(
        &store,
        vec![FhirWrite {
            change: FhirChange::Delete,
            ..put("Condition", "c1", vec![])
        }],
        2,
    )
    .await;
    assert_eq!(deleted[0].version_id, 2);
    let current = store
        .fhir_read("Condition", "c1")
        .await
        .expect("read")
        .expect("row kept");
    assert!(current.deleted);
    let code = Cond::Token {
        param: "code".into(),
        system: SystemMatch::Any,
        code: Some("38341003".into()),
        negate: false,
    };
    assert!(ids(&store, "Condition", vec![vec![code]]).await.is_empty());
    // Deleting again changes nothing; writing again revives it as version 3.
    let again = write(
        &store,
        vec![FhirWrite {
            change: FhirChange::Delete,
            ..put("Condition", "c1", vec![])
        }],
        3,
    )
    .await;
    assert_eq!(again[0].version_id, 2);
    let revived = write(&store, vec![put("Condition", "c1", vec![])], 4).await;
    assert_eq!((revived[0].version_id, revived[0].created), (3, true));
}

async fn history_lists_versions_newest_first_by_scope(store: Arc<dyn Store>) {
    write(&store, vec![put("Patient", "a", vec![])], 1_000).await;
    write(&store, vec![put("Patient", "b", vec![])], 2_000).await;
    write(&store, vec![put("Patient", "a", vec![])], 3_000).await;
    write(&store, vec![put("Encounter", "e", vec![])], 4_000).await;
    let q = |scope, since_ms, before_hid| HistoryQuery {
        scope,
        since_ms,
        before_hid,
        limit: 10,
        patient: None,
    };
    let of = |v: Vec<mysehat_storage::fhir::FhirVersion>| {
        v.into_iter()
            .map(|h| (h.id, h.version_id))
            .collect::<Vec<_>>()
    };
    let instance = store
        .fhir_history(&q(
            HistoryScope::Instance("Patient".into(), "a".into()),
            None,
            None,
        ))
        .await
        .expect("h");
    assert_eq!(of(instance), [("a".into(), 2), ("a".into(), 1)]);
    let typed = store
        .fhir_history(&q(HistoryScope::Type("Patient".into()), Some(2_000), None))
        .await
        .expect("h");
    assert_eq!(of(typed), [("a".into(), 2), ("b".into(), 1)]);
    let system = store
        .fhir_history(&q(HistoryScope::System, None, None))
        .await
        .expect("h");
    assert_eq!(system.len(), 4);
    let older = store
        .fhir_history(&q(HistoryScope::System, None, Some(system[1].hid)))
        .await
        .expect("h");
    assert_eq!(older.len(), 2);
}

async fn token_string_and_reference_conditions_match(store: Arc<dyn Store>) {
    let loinc = "http://loinc.org";
    write(
        &store,
        vec![
            put(
                "Observation",
                "hb",
                vec![
                    token("code", loinc, "718-7"),
                    reference("subject", "Patient", "p1"),
                    string("note", "Haemoglobin low"),
                ],
            ),
            put(
                "Observation",
                "bp",
                vec![
                    token("code", loinc, "85354-9"),
                    reference("subject", "Patient", "p2"),
                    string("note", "50%_done"),
                ],
            ),
            put(
                "Observation",
                "nosys",
                vec![IndexRow::Token {
                    param: "code".into(),
                    system: None,
                    code: Some("718-7".into()),
                    text: None,
                }],
            ),
        ],
        1,
    )
    .await;
    let tok = |system, code: Option<&str>, negate| Cond::Token {
        param: "code".into(),
        system,
        code: code.map(Into::into),
        negate,
    };
    assert_eq!(
        ids(
            &store,
            "Observation",
            vec![vec![tok(SystemMatch::Any, Some("718-7"), false)]]
        )
        .await,
        ["hb", "nosys"]
    );
    assert_eq!(
        ids(
            &store,
            "Observation",
            vec![vec![tok(
                SystemMatch::Is(loinc.into()),
                Some("718-7"),
                false
            )]]
        )
        .await,
        ["hb"]
    );
    assert_eq!(
        ids(
            &store,
            "Observation",
            vec![vec![tok(SystemMatch::Missing, Some("718-7"), false)]]
        )
        .await,
        ["nosys"]
    );
    assert_eq!(
        ids(
            &store,
            "Observation",
            vec![vec![tok(SystemMatch::Is(loinc.into()), None, false)]]
        )
        .await,
        ["hb", "bp"]
    );
    assert_eq!(
        ids(
            &store,
            "Observation",
            vec![vec![tok(SystemMatch::Any, Some("718-7"), true)]]
        )
        .await,
        ["bp"]
    );
    // OR inside a group, AND across groups.
    let either = vec![
        tok(SystemMatch::Any, Some("718-7"), false),
        tok(SystemMatch::Any, Some("85354-9"), false),
    ];
    let subject = vec![Cond::Reference {
        param: "subject".into(),
        target_type: Some("Patient".into()),
        target_id: Some("p2".into()),
        url: None,
    }];
    assert_eq!(
        ids(&store, "Observation", vec![either, subject]).await,
        ["bp"]
    );
    let s = |value: &str, mode| {
        vec![Cond::String {
            param: "note".into(),
            value: value.into(),
            mode,
        }]
    };
    assert_eq!(
        ids(&store, "Observation", vec![s("haemo", StringMatch::Prefix)]).await,
        ["hb"]
    );
    assert_eq!(
        ids(&store, "Observation", vec![s("low", StringMatch::Contains)]).await,
        ["hb"]
    );
    assert!(
        ids(
            &store,
            "Observation",
            vec![s("haemoglobin low", StringMatch::Exact)]
        )
        .await
        .is_empty()
    );
    assert_eq!(
        ids(
            &store,
            "Observation",
            vec![s("Haemoglobin low", StringMatch::Exact)]
        )
        .await,
        ["hb"]
    );
    assert_eq!(
        ids(&store, "Observation", vec![s("50%_", StringMatch::Prefix)]).await,
        ["bp"],
        "wildcards are literal"
    );
    assert_eq!(
        ids(
            &store,
            "Observation",
            vec![s("5", StringMatch::Contains), s("_", StringMatch::Contains)]
        )
        .await,
        ["bp"]
    );
}

async fn ranges_follow_the_prefix_rules(store: Arc<dyn Store>) {
    let date = |low_ms, high_ms| IndexRow::Date {
        param: "date".into(),
        low_ms,
        high_ms,
    };
    let num = |v: f64| IndexRow::Quantity {
        param: "value".into(),
        value: v,
        low: v,
        high: v,
        system: Some("http://unitsofmeasure.org".into()),
        code: Some("mg".into()),
        unit: Some("mg".into()),
    };
    write(
        &store,
        vec![
            put("Observation", "early", vec![date(100, 199), num(5.0)]),
            put("Observation", "mid", vec![date(200, 299), num(10.0)]),
            put("Observation", "late", vec![date(300, 399), num(15.0)]),
            put("Observation", "span", vec![date(150, 350)]),
        ],
        1,
    )
    .await;
    let d = |prefix, low, high| {
        vec![vec![Cond::Date {
            param: "date".into(),
            prefix,
            span: Span { low, high },
        }]]
    };
    assert_eq!(
        ids(&store, "Observation", d(Prefix::Eq, 200, 299)).await,
        ["mid"]
    );
    assert_eq!(
        ids(&store, "Observation", d(Prefix::Ne, 200, 299)).await,
        ["early", "late", "span"]
    );
    assert_eq!(
        ids(&store, "Observation", d(Prefix::Gt, 200, 299)).await,
        ["late", "span"]
    );
    assert_eq!(
        ids(&store, "Observation", d(Prefix::Lt, 200, 299)).await,
        ["early", "span"]
    );
    assert_eq!(
        ids(&store, "Observation", d(Prefix::Ge, 200, 299)).await,
        ["mid", "late", "span"]
    );
    assert_eq!(
        ids(&store, "Observation", d(Prefix::Le, 200, 299)).await,
        ["early", "mid", "span"]
    );
    assert_eq!(
        ids(&store, "Observation", d(Prefix::Sa, 200, 299)).await,
        ["late"]
    );
    assert_eq!(
        ids(&store, "Observation", d(Prefix::Eb, 200, 299)).await,
        ["early"]
    );
    assert_eq!(
        ids(&store, "Observation", d(Prefix::Ap, 250, 260)).await,
        ["mid", "span"]
    );
    let q = |prefix, low, high, code: Option<&str>| {
        vec![vec![Cond::Quantity {
            param: "value".into(),
            prefix,
            span: Span { low, high },
            system: None,
            code: code.map(Into::into),
        }]]
    };
    assert_eq!(
        ids(&store, "Observation", q(Prefix::Gt, 9.5, 10.5, None)).await,
        ["late"]
    );
    assert_eq!(
        ids(&store, "Observation", q(Prefix::Eq, 9.5, 10.5, Some("mg"))).await,
        ["mid"]
    );
    assert!(
        ids(&store, "Observation", q(Prefix::Eq, 9.5, 10.5, Some("kg")))
            .await
            .is_empty()
    );
    let lu = vec![vec![Cond::LastUpdated {
        prefix: Prefix::Ge,
        span: Span { low: 1, high: 1 },
    }]];
    assert_eq!(ids(&store, "Observation", lu).await.len(), 4);
}

async fn chains_and_reverse_chains_nest(store: Arc<dyn Store>) {
    write(
        &store,
        vec![
            put(
                "Organization",
                "org",
                vec![string("name", "District Hospital")],
            ),
            put(
                "Patient",
                "p1",
                vec![
                    string("family", "Sharma"),
                    reference("organization", "Organization", "org"),
                ],
            ),
            put("Patient", "p2", vec![string("family", "Verma")]),
            put(
                "Observation",
                "o1",
                vec![
                    reference("subject", "Patient", "p1"),
                    token("code", "http://loinc.org", "718-7"),
                ],
            ),
            put(
                "Observation",
                "o2",
                vec![
                    reference("subject", "Patient", "p2"),
                    token("code", "http://loinc.org", "2345-7"),
                ],
            ),
        ],
        1,
    )
    .await;
    let family = Cond::String {
        param: "family".into(),
        value: "sharma".into(),
        mode: StringMatch::Prefix,
    };
    let chain = Cond::Chain {
        param: "subject".into(),
        target_type: Some("Patient".into()),
        inner: Box::new(family),
    };
    assert_eq!(ids(&store, "Observation", vec![vec![chain]]).await, ["o1"]);
    let org_name = Cond::String {
        param: "name".into(),
        value: "district".into(),
        mode: StringMatch::Prefix,
    };
    let deep = Cond::Chain {
        param: "subject".into(),
        target_type: None,
        inner: Box::new(Cond::Chain {
            param: "organization".into(),
            target_type: None,
            inner: Box::new(org_name),
        }),
    };
    assert_eq!(ids(&store, "Observation", vec![vec![deep]]).await, ["o1"]);
    let glucose = Cond::Token {
        param: "code".into(),
        system: SystemMatch::Any,
        code: Some("2345-7".into()),
        negate: false,
    };
    let has = Cond::Has {
        source_type: "Observation".into(),
        param: "subject".into(),
        inner: Box::new(glucose),
    };
    assert_eq!(ids(&store, "Patient", vec![vec![has]]).await, ["p2"]);
}

async fn missing_sort_and_patient_scope(store: Arc<dyn Store>) {
    let mut mine = put("Observation", "mine", vec![string("note", "b")]);
    if let FhirChange::Put { patient, .. } = &mut mine.change {
        *patient = Some("p1".into());
    }
    write(
        &store,
        vec![
            mine,
            put("Observation", "theirs", vec![string("note", "a")]),
            put(
                "Observation",
                "bare",
                vec![IndexRow::Uri {
                    param: "profile".into(),
                    uri: "http://x.org/fhir/StructureDefinition/vitals".into(),
                }],
            ),
        ],
        1,
    )
    .await;
    let missing = |m| {
        vec![vec![Cond::Missing {
            param: "note".into(),
            kind: IndexKind::String,
            missing: m,
        }]]
    };
    assert_eq!(ids(&store, "Observation", missing(true)).await, ["bare"]);
    assert_eq!(
        ids(&store, "Observation", missing(false)).await,
        ["mine", "theirs"]
    );
    let by_note = |descending| {
        vec![SortKey {
            param: "note".into(),
            kind: IndexKind::String,
            descending,
        }]
    };
    assert_eq!(
        ids_sorted(&store, "Observation", vec![], by_note(false)).await,
        ["theirs", "mine", "bare"]
    );
    assert_eq!(
        ids_sorted(&store, "Observation", vec![], by_note(true)).await,
        ["mine", "theirs", "bare"]
    );
    assert_eq!(
        ids(
            &store,
            "Observation",
            vec![vec![Cond::Patient("p1".into())]]
        )
        .await,
        ["mine"]
    );
    // A health worker's area: any of several patients; none at all matches nothing.
    assert_eq!(
        ids(
            &store,
            "Observation",
            vec![vec![Cond::Patients(vec!["p0".into(), "p1".into()])]]
        )
        .await,
        ["mine"]
    );
    assert!(
        ids(&store, "Observation", vec![vec![Cond::Patients(vec![])]])
            .await
            .is_empty()
    );
    let uri = |uri: &str, mode| {
        vec![vec![Cond::Uri {
            param: "profile".into(),
            uri: uri.into(),
            mode,
        }]]
    };
    assert_eq!(
        ids(
            &store,
            "Observation",
            uri("http://x.org/fhir", UriMatch::Below)
        )
        .await,
        ["bare"]
    );
    assert_eq!(
        ids(
            &store,
            "Observation",
            uri(
                "http://x.org/fhir/StructureDefinition/vitals|4.0",
                UriMatch::Above
            )
        )
        .await,
        ["bare"]
    );
    assert!(
        ids(
            &store,
            "Observation",
            uri("http://x.org/fhir", UriMatch::Exact)
        )
        .await
        .is_empty()
    );
}

async fn keyset_pages_walk_forwards_and_backwards(store: Arc<dyn Store>) {
    let writes = (0..5)
        .map(|i| put("Patient", &format!("p{i}"), vec![]))
        .collect();
    write(&store, writes, 1).await;
    let all = store
        .fhir_search(&SearchQuery::new(Some("Patient".into()), vec![], 10))
        .await
        .expect("s");
    let page = |after_rid, before_rid| SearchQuery {
        after_rid,
        before_rid,
        ..SearchQuery::new(Some("Patient".into()), vec![], 2)
    };
    assert_eq!(
        store
            .fhir_search(&page(Some(all[1]), None))
            .await
            .expect("s"),
        all[2..4]
    );
    assert_eq!(
        store
            .fhir_search(&page(None, Some(all[3])))
            .await
            .expect("s"),
        [all[2], all[1]]
    );
    assert_eq!(
        store
            .fhir_count(&page(Some(all[1]), None))
            .await
            .expect("count"),
        5,
        "count ignores paging"
    );
}

async fn result_pages_are_kept(store: Arc<dyn Store>) {
    store
        .fhir_save_pages("snap-1", "doctor-1", &[3, 1, 2], 10)
        .await
        .expect("save");
    assert_eq!(
        store.fhir_pages("snap-1", "doctor-1").await.expect("load"),
        Some(vec![3, 1, 2])
    );
    assert_eq!(
        store.fhir_pages("snap-1", "patient-9").await.expect("load"),
        None,
        "only for who searched"
    );
    assert_eq!(
        store.fhir_pages("nope", "doctor-1").await.expect("load"),
        None
    );
}

async fn references_are_followed_both_ways(store: Arc<dyn Store>) {
    let written = write(
        &store,
        vec![
            put("Patient", "p1", vec![]),
            put(
                "Encounter",
                "e1",
                vec![reference("subject", "Patient", "p1")],
            ),
            put(
                "Observation",
                "o1",
                vec![
                    reference("subject", "Patient", "p1"),
                    reference("encounter", "Encounter", "e1"),
                ],
            ),
        ],
        1,
    )
    .await;
    assert_eq!(written.len(), 3);
    let obs = store
        .fhir_search(&SearchQuery::new(Some("Observation".into()), vec![], 10))
        .await
        .expect("s");
    let mut out = store.fhir_references_from(&obs, None).await.expect("refs");
    out.sort();
    assert_eq!(
        out,
        [
            ("Encounter".into(), "e1".into()),
            ("Patient".into(), "p1".into())
        ]
    );
    assert_eq!(
        store
            .fhir_references_from(&obs, Some("encounter"))
            .await
            .expect("refs")
            .len(),
        1
    );
    let to_p1 = store
        .fhir_references_to(None, Some("subject"), &[("Patient".into(), "p1".into())])
        .await
        .expect("rev");
    assert_eq!(to_p1.len(), 2);
    let obs_only = store
        .fhir_references_to(
            Some("Observation"),
            None,
            &[("Patient".into(), "p1".into())],
        )
        .await
        .expect("rev");
    let loaded = store.fhir_load(&obs_only).await.expect("load");
    assert_eq!(
        loaded.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["o1"]
    );
    let keyed = store
        .fhir_load_keys(&[
            ("Patient".into(), "p1".into()),
            ("Patient".into(), "zz".into()),
        ])
        .await
        .expect("load");
    assert_eq!(keyed.len(), 1);
}

/// Consent filters: OR over AND groups of (type, patient, token) conditions, across types.
async fn grouped_conditions_nest_and_or_over_types(store: Arc<dyn Store>) {
    let owned = |t: &str, id: &str, p: &str, index: Vec<IndexRow>| {
        let mut w = put(t, id, index);
        if let FhirChange::Put { patient, .. } = &mut w.change {
            *patient = Some(p.into());
        }
        w
    };
    let cat = |c: &str| token("category", "http://cat", c);
    write(
        &store,
        vec![
            owned("Observation", "lab", "p1", vec![cat("laboratory")]),
            owned("Observation", "vital", "p1", vec![cat("vital-signs")]),
            owned("Condition", "cond", "p1", vec![]),
            owned("Observation", "other", "p2", vec![cat("laboratory")]),
            put("Organization", "org", vec![]),
        ],
        1,
    )
    .await;
    let lab_of_p1 = Cond::All(vec![
        Cond::Types(vec!["Observation".into()]),
        Cond::Patient("p1".into()),
        Cond::Any(vec![Cond::Token {
            param: "category".into(),
            system: SystemMatch::Is("http://cat".into()),
            code: Some("laboratory".into()),
            negate: false,
        }]),
    ]);
    let conditions_of_p1 = Cond::All(vec![
        Cond::Types(vec!["Condition".into()]),
        Cond::Patient("p1".into()),
    ]);
    let shared = Cond::Types(vec!["Organization".into()]);
    let query = SearchQuery::new(None, vec![vec![lab_of_p1, conditions_of_p1, shared]], 10);
    let rids = store.fhir_search(&query).await.expect("search");
    let mut found: Vec<String> = store
        .fhir_load(&rids)
        .await
        .expect("load")
        .into_iter()
        .map(|r| r.id)
        .collect();
    found.sort();
    assert_eq!(found, ["cond", "lab", "org"]);
    let nothing = SearchQuery::new(None, vec![vec![Cond::Any(vec![])]], 10);
    assert!(
        store
            .fhir_search(&nothing)
            .await
            .expect("search")
            .is_empty()
    );
    let everything = SearchQuery::new(
        Some("Observation".into()),
        vec![vec![Cond::All(vec![])]],
        10,
    );
    assert_eq!(store.fhir_count(&everything).await.expect("count"), 3);
}
