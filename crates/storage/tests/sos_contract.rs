//! The emergency store contract, on SQLite always and on PostgreSQL when
//! `MYSEHAT_TEST_DATABASE_URL` is set: the registry, resent SOS, first acceptance wins,
//! transitions with their events, alerts stored before they are sent.

use mysehat_domain::audit::{AuditDraft, Outcome};
use mysehat_domain::{Language, PersonName, PhoneNumber, Role, UserId};
use mysehat_storage::sos::{
    AlertRecord, AmbulanceRecord, FacilityRecord, FixRecord, IncidentChange, IncidentEvent,
    IncidentInsert, IncidentRecord, IncidentUpdate,
};
use mysehat_storage::{NewUser, Store};
use std::sync::Arc;

#[macro_use]
mod common;
use common::{postgres, sqlite};

contract!(
    facilities_are_added_and_replaced_by_id,
    a_resent_sos_is_the_same_incident_and_a_clash_is_refused,
    only_the_first_of_two_concurrent_acceptances_wins,
    assigning_makes_the_ambulance_busy_and_closing_frees_it,
    alerts_are_kept_once_per_desk_and_answered_once,
    incidents_list_by_patient_facility_ambulance_and_state,
    events_reach_every_listener_on_postgres_and_stay_in_process_on_sqlite,
    a_new_medical_id_link_revokes_the_old_one_and_revoking_ends_all,
);

fn draft(action: &str) -> AuditDraft {
    AuditDraft::new(action, Outcome::Success)
}

async fn account(store: &Arc<dyn Store>, phone: &str, role: Role) -> UserId {
    let u = NewUser {
        id: UserId::new(),
        phone: PhoneNumber::parse(phone).expect("valid phone"),
        name: PersonName::parse("Ravi Verma").expect("valid name"),
        role,
        language: Language::En,
        password_hash: "$argon2id$fake".into(),
        facility_id: None,
        area: None,
        created_at_ms: 1_700_000_000_000,
    };
    store
        .create_user(&u, draft("users.create"))
        .await
        .expect("user");
    u.id
}

fn facility(id: &str, lat: f64) -> FacilityRecord {
    FacilityRecord {
        id: id.into(),
        name: format!("Hospital {id}"),
        kind: "hospital".into(),
        lat,
        lon: 77.41,
        phone: "+917550000000".into(),
        capabilities: vec!["emergency".into(), "trauma".into()],
        ed_status: "open".into(),
        free_beds: Some(4),
        updated_at_ms: 1,
    }
}

fn incident(id: &str, patient: UserId) -> IncidentRecord {
    IncidentRecord {
        id: id.into(),
        patient,
        device_id: "device-1".into(),
        fingerprint: "f1".into(),
        kind: "accident".into(),
        lat: 23.25,
        lon: 77.41,
        accuracy_m: 12.0,
        fixed_at_ms: 1_000,
        last_known: false,
        state: "alerting".into(),
        facility_id: None,
        ambulance_id: None,
        created_at_ms: 2_000,
        updated_at_ms: 2_000,
        recent_repeats: 0,
    }
}

fn event(state: &str, at_ms: i64, role: &str) -> IncidentEvent {
    IncidentEvent {
        at_ms,
        state: state.into(),
        actor: None,
        actor_role: role.into(),
        detail: None,
    }
}

fn change(from: &str, to: &str, at_ms: i64) -> IncidentChange {
    IncidentChange {
        from: from.into(),
        event: event(to, at_ms, "dispatcher"),
        facility_id: None,
        ambulance_id: None,
    }
}

async fn raised(store: &Arc<dyn Store>, id: &str) -> (UserId, IncidentRecord) {
    let patient = account(store, "9811111111", Role::Patient).await;
    let i = incident(id, patient);
    let stored = store
        .insert_incident(&i, &event("alerting", 2_000, "system"), draft("sos.create"))
        .await
        .expect("insert");
    assert_eq!(stored, IncidentInsert::Created(i.clone()));
    (patient, i)
}

async fn facilities_are_added_and_replaced_by_id(store: Arc<dyn Store>) {
    store
        .put_facility(&facility("b", 23.3), draft("facility.put"))
        .await
        .expect("put");
    store
        .put_facility(&facility("a", 23.2), draft("facility.put"))
        .await
        .expect("put");
    let mut diverting = facility("a", 23.2);
    diverting.ed_status = "diverting".into();
    diverting.free_beds = None;
    store
        .put_facility(&diverting, draft("facility.put"))
        .await
        .expect("replace");
    let all = store.facilities().await.expect("list");
    assert_eq!(all, vec![diverting.clone(), facility("b", 23.3)]);
    assert_eq!(store.facility("a").await.expect("one"), Some(diverting));
    assert_eq!(store.facility("zz").await.expect("none"), None);
}

async fn a_resent_sos_is_the_same_incident_and_a_clash_is_refused(store: Arc<dyn Store>) {
    let (patient, i) = raised(&store, "sos-1").await;
    let again = store
        .insert_incident(&i, &event("alerting", 3_000, "system"), draft("sos.create"))
        .await
        .expect("resend");
    assert_eq!(again, IncidentInsert::Replayed(i.clone()));
    let mut other = i.clone();
    other.fingerprint = "different".into();
    let clash = store
        .insert_incident(
            &other,
            &event("alerting", 3_000, "system"),
            draft("sos.create"),
        )
        .await
        .expect("clash");
    assert_eq!(clash, IncidentInsert::Clash);
    let someone_else = account(&store, "9822222222", Role::Patient).await;
    let mut stolen = i.clone();
    stolen.patient = someone_else;
    let clash = store
        .insert_incident(
            &stolen,
            &event("alerting", 3_000, "system"),
            draft("sos.create"),
        )
        .await
        .expect("clash");
    assert_eq!(clash, IncidentInsert::Clash);
    assert_eq!(
        store.incident_events("sos-1").await.expect("events").len(),
        1
    );
    assert_eq!(
        store.incidents_of_patient(patient, 10).await.expect("list"),
        vec![i]
    );
}

async fn only_the_first_of_two_concurrent_acceptances_wins(store: Arc<dyn Store>) {
    raised(&store, "sos-2").await;
    let accept = |facility: &str| {
        let store = store.clone();
        let mut c = change("alerting", "accepted", 5_000);
        c.facility_id = Some(facility.into());
        async move {
            store
                .update_incident("sos-2", &c, draft("sos.accept"))
                .await
        }
    };
    let (a, b) = tokio::join!(accept("h1"), accept("h2"));
    let results = [a.expect("a"), b.expect("b")];
    let winners: Vec<_> = results
        .iter()
        .filter_map(|r| match r {
            IncidentUpdate::Applied(i) => Some(i.facility_id.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(winners.len(), 1, "{results:?}");
    let loser = results
        .iter()
        .find_map(|r| match r {
            IncidentUpdate::Stale(i) => Some(i.clone()),
            _ => None,
        })
        .expect("one loser sees the winner");
    assert_eq!(loser.state, "accepted");
    assert_eq!(Some(loser.facility_id), winners.first().cloned());
    let states: Vec<_> = store
        .incident_events("sos-2")
        .await
        .expect("events")
        .into_iter()
        .map(|e| e.state)
        .collect();
    assert_eq!(states, ["alerting", "accepted"]);
    let missing = store
        .update_incident(
            "nope",
            &change("alerting", "accepted", 1),
            draft("sos.accept"),
        )
        .await
        .expect("missing");
    assert_eq!(missing, IncidentUpdate::Missing);
}

async fn assigning_makes_the_ambulance_busy_and_closing_frees_it(store: Arc<dyn Store>) {
    let crew = account(&store, "9833333333", Role::AmbulanceCrew).await;
    let amb = AmbulanceRecord {
        id: "amb-1".into(),
        crew_user_id: crew,
        base_id: Some("base".into()),
        call_sign: "108-1".into(),
        phone: "+919833333333".into(),
        status: "available".into(),
        fix: None,
        updated_at_ms: 1,
    };
    store.put_ambulance(&amb).await.expect("ambulance");
    let fix = FixRecord {
        lat: 23.26,
        lon: 77.40,
        accuracy_m: 8.0,
        at_ms: 4_000,
        speed_mps: Some(10.0),
    };
    store.set_ambulance_fix("amb-1", &fix).await.expect("fix");
    assert_eq!(
        store
            .ambulance_of_crew(crew)
            .await
            .expect("crew")
            .map(|a| a.fix),
        Some(Some(fix))
    );
    raised(&store, "sos-3").await;
    let mut accept = change("alerting", "accepted", 5_000);
    accept.facility_id = Some("h1".into());
    store
        .update_incident("sos-3", &accept, draft("sos.accept"))
        .await
        .expect("accept");
    let mut assign = change("accepted", "ambulance_assigned", 6_000);
    assign.ambulance_id = Some("amb-1".into());
    let IncidentUpdate::Applied(i) = store
        .update_incident("sos-3", &assign, draft("sos.assign"))
        .await
        .expect("assign")
    else {
        panic!("assignment refused")
    };
    assert_eq!(
        (i.facility_id.as_deref(), i.ambulance_id.as_deref()),
        (Some("h1"), Some("amb-1"))
    );
    let status = |s: Arc<dyn Store>| async move {
        s.ambulance("amb-1")
            .await
            .expect("get")
            .expect("exists")
            .status
    };
    assert_eq!(status(store.clone()).await, "busy");
    assert_eq!(
        store
            .incidents_of_ambulance("amb-1", 10)
            .await
            .expect("list")
            .len(),
        1
    );
    store
        .update_incident(
            "sos-3",
            &change("ambulance_assigned", "closed", 9_000),
            draft("sos.close"),
        )
        .await
        .expect("close");
    assert_eq!(status(store.clone()).await, "available");
}

async fn alerts_are_kept_once_per_desk_and_answered_once(store: Arc<dyn Store>) {
    raised(&store, "sos-4").await;
    let alert = |facility: &str, wave: i64, distance_m: f64| AlertRecord {
        incident_id: "sos-4".into(),
        facility_id: facility.into(),
        wave,
        distance_m,
        sent_at_ms: 2_000 + wave * 60_000,
        answer: "pending".into(),
        answered_at_ms: None,
    };
    let sent = store
        .insert_alerts(&[alert("h2", 0, 900.0), alert("h1", 0, 400.0)])
        .await
        .expect("wave 0");
    assert_eq!(sent, ["h2", "h1"]);
    // Another instance storing the same wave again changes nothing and sends only what is new.
    let sent = store
        .insert_alerts(&[alert("h1", 1, 1.0), alert("h3", 1, 2_000.0)])
        .await
        .expect("wave 1");
    assert_eq!(sent, ["h3"]);
    let alerts = store.alerts("sos-4").await.expect("alerts");
    let order: Vec<_> = alerts
        .iter()
        .map(|a| (a.facility_id.as_str(), a.wave))
        .collect();
    assert_eq!(order, [("h1", 0), ("h2", 0), ("h3", 1)]);
    assert!(
        store
            .answer_alert("sos-4", "h2", "declined", 3_000)
            .await
            .expect("answer")
    );
    assert!(
        !store
            .answer_alert("sos-4", "h2", "accepted", 4_000)
            .await
            .expect("answered already")
    );
    let h2 = store
        .alerts("sos-4")
        .await
        .expect("alerts")
        .into_iter()
        .find(|a| a.facility_id == "h2")
        .expect("h2");
    assert_eq!(
        (h2.answer.as_str(), h2.answered_at_ms),
        ("declined", Some(3_000))
    );
    assert_eq!(
        store
            .incidents_of_facility("h3", 10)
            .await
            .expect("list")
            .len(),
        1
    );
    assert!(
        store
            .incidents_of_facility("h9", 10)
            .await
            .expect("list")
            .is_empty()
    );
}

async fn incidents_list_by_patient_facility_ambulance_and_state(store: Arc<dyn Store>) {
    let (patient, first) = raised(&store, "sos-5").await;
    let mut second = incident("sos-6", patient);
    second.created_at_ms = 9_000;
    store
        .insert_incident(
            &second,
            &event("alerting", 9_000, "system"),
            draft("sos.create"),
        )
        .await
        .expect("second");
    store
        .update_incident(
            "sos-5",
            &change("alerting", "cancelled", 9_500),
            draft("sos.cancel"),
        )
        .await
        .expect("cancel");
    let mine: Vec<_> = store
        .incidents_of_patient(patient, 10)
        .await
        .expect("mine")
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(mine, ["sos-6", "sos-5"]);
    let open: Vec<_> = store
        .incidents_in_states(&["alerting", "unanswered"])
        .await
        .expect("open")
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(open, ["sos-6"]);
    assert_eq!(
        store
            .count_recent_incidents(patient, "another-device", 9_000)
            .await
            .expect("count"),
        1
    );
    assert_eq!(
        store
            .count_recent_incidents(UserId::new(), "device-1", 0)
            .await
            .expect("count"),
        2
    );
    assert_eq!(first.state, "alerting");
}

async fn events_reach_every_listener_on_postgres_and_stay_in_process_on_sqlite(
    store: Arc<dyn Store>,
) {
    let channel = format!("test_{}", uuid::Uuid::now_v7().simple());
    let listening = store.listen(&channel).await.expect("listen");
    let sent = store
        .notify(&channel, "{\"id\":\"sos-7\"}")
        .await
        .expect("notify");
    match store.backend() {
        mysehat_storage::Backend::Sqlite => {
            assert!(listening.is_none());
            assert!(!sent);
        }
        mysehat_storage::Backend::Postgres => {
            assert!(sent);
            let mut rx = listening.expect("a channel");
            let got = tokio::time::timeout(std::time::Duration::from_secs(5), rx.recv())
                .await
                .expect("delivered in time");
            assert_eq!(got.as_deref(), Some("{\"id\":\"sos-7\"}"));
        }
    }
}

async fn a_new_medical_id_link_revokes_the_old_one_and_revoking_ends_all(store: Arc<dyn Store>) {
    let patient = account(&store, "9844444444", Role::Patient).await;
    store
        .create_medical_id_link("hash-1", patient, 1, draft("medical_id.link"))
        .await
        .expect("first");
    assert_eq!(
        store.medical_id_link("hash-1").await.expect("get"),
        Some(patient)
    );
    store
        .create_medical_id_link("hash-2", patient, 2, draft("medical_id.link"))
        .await
        .expect("second");
    assert_eq!(store.medical_id_link("hash-1").await.expect("get"), None);
    assert_eq!(
        store.medical_id_link("hash-2").await.expect("get"),
        Some(patient)
    );
    let n = store
        .revoke_medical_id_links(patient, 3, draft("medical_id.revoke"))
        .await
        .expect("revoke");
    assert_eq!(n, 1);
    assert_eq!(store.medical_id_link("hash-2").await.expect("get"), None);
    assert_eq!(store.medical_id_link("nope").await.expect("get"), None);
}
