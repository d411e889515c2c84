//! The load itself, all open-loop: patients raise SOS at a steady rate; the first desk alerted
//! accepts and assigns a free ambulance; every ambulance posts a fix on its own steady clock
//! (together the position rate), and a crew with a job departs, drives for a while, then
//! closes the incident and is free again. Each ambulance does its steps one after another, so
//! a fix is expected at the patient exactly when it was sent while the job was open.

use crate::calls::{Calls, Endpoint};
use crate::ledger::Ledger;
use crate::people::People;
use crate::sockets::Claim;
use crate::world::{self, Point, Track, World};
use serde_json::json;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

/// The phone's reported accuracy: well inside the server's 100 m limit.
const ACCURACY_M: f64 = 8.0;

/// Everything the traffic tasks share.
#[derive(Debug)]
pub struct Run {
    pub calls: Calls,
    pub ledger: Arc<Ledger>,
    pub people: People,
    pub world: World,
    /// Desk socket numbers of each hospital.
    pub desks_at: Vec<Vec<usize>>,
    pub fleet: Fleet,
    /// How long a crew drives with a job before closing it.
    pub job_length: Duration,
    pub sos_sent: AtomicUsize,
    pub fixes_sent: AtomicUsize,
    /// Fixes sent while the ambulance had a job (owed to a patient).
    pub fixes_owed: AtomicUsize,
}

/// An ambulance's current job.
#[derive(Debug, Clone)]
struct Job {
    incident: String,
    since: Instant,
    departed: bool,
}

/// Which ambulances are free, and the job of each busy one.
#[derive(Debug)]
pub struct Fleet {
    jobs: Vec<Mutex<Option<Job>>>,
    free: Mutex<VecDeque<usize>>,
    /// Accepted SOS that found no free ambulance.
    pub none_free: AtomicUsize,
}

impl Fleet {
    pub fn new(ambulances: usize) -> Self {
        Self {
            jobs: (0..ambulances).map(|_| Mutex::new(None)).collect(),
            free: Mutex::new((0..ambulances).collect()),
            none_free: AtomicUsize::new(0),
        }
    }

    fn take(&self) -> Option<usize> {
        lock(&self.free).pop_front()
    }

    fn give_back(&self, ambulance: usize) {
        lock(&self.free).push_back(ambulance);
    }

    fn start(&self, ambulance: usize, incident: String) {
        *lock(&self.jobs[ambulance]) = Some(Job {
            incident,
            since: Instant::now(),
            departed: false,
        });
    }

    fn job(&self, ambulance: usize) -> Option<Job> {
        lock(&self.jobs[ambulance]).clone()
    }

    fn set(&self, ambulance: usize, job: Option<Job>) {
        *lock(&self.jobs[ambulance]) = job;
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Wall-clock milliseconds, as a phone stamps its fixes (latency uses the monotonic clock).
fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Raises an SOS every `1/rate` seconds, patients in turn, until `stop`.
pub async fn raise_sos(run: Arc<Run>, rate: f64, mut stop: watch::Receiver<bool>) {
    let mut every = tokio::time::interval(Duration::from_secs_f64(1.0 / rate));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut in_flight = JoinSet::new();
    for n in 0.. {
        tokio::select! {
            _ = every.tick() => {}
            _ = stop.changed() => break,
        }
        let patient = n % run.people.patients.len();
        in_flight.spawn(raise_one(run.clone(), patient));
        while in_flight.try_join_next().is_some() {}
    }
    while in_flight.join_next().await.is_some() {}
}

async fn raise_one(run: Arc<Run>, patient: usize) {
    let who = &run.people.patients[patient];
    let id = uuid::Uuid::now_v7().to_string();
    let sockets = run
        .world
        .nearest(who.home, world::FIRST_WAVE)
        .into_iter()
        .flat_map(|h| run.desks_at[h].iter().copied());
    let body = json!({
        "id": id, "device_id": format!("bench-phone-{patient}"), "kind": "accident",
        "location": {"lat": who.home.lat, "lon": who.home.lon, "accuracy_m": 12.0,
                     "fixed_at_ms": now_ms(), "last_known": false},
    });
    run.ledger.expect_alert(&id, sockets);
    run.sos_sent.fetch_add(1, Ordering::Relaxed);
    let raised = run
        .calls
        .post(Endpoint::Raise, "/sos/incidents", &who.token, &body)
        .await;
    if raised.is_none() {
        run.ledger.forget_alert(&id);
    }
}

/// Answers each claimed alert (accept, then assign a free ambulance) until the claims end or
/// `stop`; then waits for the answers under way.
pub async fn dispatch(
    run: Arc<Run>,
    mut claims: mpsc::UnboundedReceiver<Claim>,
    mut stop: watch::Receiver<bool>,
) {
    let mut in_flight = JoinSet::new();
    loop {
        let claim = tokio::select! {
            claim = claims.recv() => match claim {
                Some(c) => c,
                None => break,
            },
            _ = stop.changed() => break,
        };
        in_flight.spawn(answer(run.clone(), claim));
        while in_flight.try_join_next().is_some() {}
    }
    while in_flight.join_next().await.is_some() {}
}

async fn answer(run: Arc<Run>, claim: Claim) {
    let token = &run.people.desks[claim.desk].token;
    let path = format!("/sos/incidents/{}", claim.incident);
    let accepted = run
        .calls
        .post(
            Endpoint::Accept,
            &format!("{path}/accept"),
            token,
            &json!({}),
        )
        .await;
    if accepted.is_none() {
        return;
    }
    let Some(ambulance) = run.fleet.take() else {
        run.fleet.none_free.fetch_add(1, Ordering::Relaxed);
        return;
    };
    let body = json!({"ambulance_id": run.people.crews[ambulance].ambulance_id});
    let assigned = run
        .calls
        .post(Endpoint::Assign, &format!("{path}/assign"), token, &body)
        .await;
    match assigned {
        Some(_) => run.fleet.start(ambulance, claim.incident),
        None => run.fleet.give_back(ambulance),
    }
}

/// Ambulance `index`'s clock: one fix every `period`, its first at `first`, until `stop`.
pub async fn drive(
    run: Arc<Run>,
    index: usize,
    first: tokio::time::Instant,
    period: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let mut track = Track::new(0x5EED ^ index as u64, run.people.crews[index].start);
    let mut every = tokio::time::interval_at(first, period);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut last_ms: Option<i64> = None;
    loop {
        tokio::select! {
            _ = every.tick() => {}
            _ = stop.changed() => break,
        }
        let job = step_job(&run, index).await;
        let at_ms = last_ms.map_or_else(now_ms, |last| now_ms().max(last + 1));
        // Move by the time the fix says has passed, so the implied speed is the track's.
        let seconds = last_ms.map_or(0.0, |last| (at_ms - last) as f64 / 1000.0);
        last_ms = Some(at_ms);
        let at = track.advance(seconds);
        post_fix(&run, index, job.as_deref(), at, at_ms, track.speed_mps()).await;
    }
}

/// Moves the ambulance's job along: departs once, closes after `job_length` (and goes back
/// to the free list). The incident whose patient is owed this tick's fix, if any.
async fn step_job(run: &Run, index: usize) -> Option<String> {
    let mut job = run.fleet.job(index)?;
    let token = &run.people.crews[index].token;
    let status = |state: &'static str, incident: &str| {
        let path = format!("/sos/incidents/{incident}/status");
        async move {
            run.calls
                .post(Endpoint::Status, &path, token, &json!({"state": state}))
                .await
        }
    };
    if !job.departed {
        if status("en_route", &job.incident).await.is_none() {
            // The job cannot go on; free the ambulance rather than drive it forever.
            run.fleet.set(index, None);
            return None;
        }
        job.departed = true;
        run.fleet.set(index, Some(job.clone()));
    } else if job.since.elapsed() >= run.job_length {
        run.fleet.set(index, None);
        for state in ["on_scene", "transporting", "closed"] {
            status(state, &job.incident).await?;
        }
        run.fleet.give_back(index);
        return None;
    }
    Some(job.incident)
}

async fn post_fix(
    run: &Run,
    index: usize,
    owed_to: Option<&str>,
    at: Point,
    at_ms: i64,
    speed_mps: f64,
) {
    let crew = &run.people.crews[index];
    if let Some(incident) = owed_to {
        run.ledger.expect_position(incident, at_ms);
        run.fixes_owed.fetch_add(1, Ordering::Relaxed);
    }
    run.fixes_sent.fetch_add(1, Ordering::Relaxed);
    let body = json!({
        "lat": at.lat, "lon": at.lon, "accuracy_m": ACCURACY_M, "at_ms": at_ms,
        "speed_mps": speed_mps,
    });
    let reply = run
        .calls
        .post(
            Endpoint::Position,
            "/sos/ambulance/position",
            &crew.token,
            &body,
        )
        .await;
    let accepted = match &reply {
        Some(answer) if answer["accepted"] == json!(true) => true,
        Some(answer) => {
            run.calls.fail(
                Endpoint::Position,
                format!("ambulance {index}: fix at {at_ms} refused: {answer}"),
            );
            false
        }
        None => false,
    };
    if !accepted && let Some(incident) = owed_to {
        run.ledger.forget_position(incident, at_ms);
    }
}
