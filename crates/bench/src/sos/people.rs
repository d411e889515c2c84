//! Set-up, not measured: the hospital registry, and an account with a fresh access token for
//! every socket of the run: dispatchers at their hospital's desk, ambulance crews on duty, and
//! patients who registered themselves. Each account costs the server two Argon2 hashes
//! (creation and sign-in), so they are made a few at a time in parallel.

use crate::world::{self, Point, World};
use anyhow::{Context, bail};
use futures_util::{StreamExt, TryStreamExt, stream};
use mysehat_bench::session;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const PASSWORD: &str = "bench-sos-password";
const SETUP_TIMEOUT: Duration = Duration::from_secs(120);

/// A dispatcher's socket at a hospital's desk.
#[derive(Debug, Clone)]
pub struct Desk {
    pub hospital: usize,
    pub token: String,
}

/// A crew on duty with its ambulance.
#[derive(Debug, Clone)]
pub struct Crew {
    pub token: String,
    pub ambulance_id: String,
    pub start: Point,
}

#[derive(Debug, Clone)]
pub struct Patient {
    pub token: String,
    pub home: Point,
}

/// Everyone with a socket in the run.
#[derive(Debug, Default)]
pub struct People {
    pub desks: Vec<Desk>,
    pub crews: Vec<Crew>,
    pub patients: Vec<Patient>,
}

/// How many accounts of each kind.
#[derive(Debug, Clone, Copy)]
pub struct Mix {
    pub desks_per_hospital: usize,
    pub crews: usize,
    pub patients: usize,
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Desk { hospital: usize },
    Crew { hospital: usize },
    Patient { home: usize },
}

/// What one set-up step needs.
#[derive(Debug, Clone)]
struct Setup<'a> {
    client: &'a reqwest::Client,
    base: &'a str,
    admin: &'a str,
}

/// Puts every hospital of `world` in the registry (open, able to take any accident).
pub async fn registry(
    client: &reqwest::Client,
    base: &str,
    admin: &str,
    world: &World,
) -> anyhow::Result<()> {
    let setup = Setup {
        client,
        base,
        admin,
    };
    stream::iter(world.hospitals.iter().enumerate())
        .map(|(i, h)| {
            let id = world::hospital_id(i);
            let body = json!({
                "id": id, "name": format!("Bench hospital {i}"), "kind": "hospital",
                "lat": h.lat, "lon": h.lon, "phone": "+917550000000",
                "capabilities": ["emergency", "trauma", "icu"], "ed_status": "open",
                "free_beds": 3,
            });
            let setup = setup.clone();
            async move {
                send(
                    setup
                        .client
                        .put(format!("{}/sos/facilities/{id}", setup.base)),
                    Some(setup.admin),
                    &body,
                )
                .await
            }
        })
        .buffer_unordered(8)
        .try_for_each(|_| async { Ok(()) })
        .await
}

/// Makes and signs in every account, `concurrency` at a time; crews go on duty.
pub async fn accounts(
    client: &reqwest::Client,
    base: &str,
    admin: &str,
    world: &World,
    mix: Mix,
    concurrency: usize,
) -> anyhow::Result<People> {
    let hospitals = world.hospitals.len();
    let kinds: Vec<Kind> = (0..hospitals * mix.desks_per_hospital)
        .map(|i| Kind::Desk {
            hospital: i % hospitals,
        })
        .chain((0..mix.crews).map(|i| Kind::Crew {
            hospital: i % hospitals,
        }))
        .chain((0..mix.patients).map(|home| Kind::Patient { home }))
        .collect();
    let total = kinds.len();
    let setup = Setup {
        client,
        base,
        admin,
    };
    let started = Instant::now();
    let mut people = People::default();
    let mut done = stream::iter(kinds.into_iter().enumerate())
        .map(|(n, kind)| {
            let setup = setup.clone();
            async move {
                let token = account(&setup, n, kind).await?;
                let ambulance = match kind {
                    Kind::Crew { .. } => Some(on_duty(&setup, &token).await?),
                    _ => None,
                };
                anyhow::Ok((kind, token, ambulance))
            }
        })
        .buffer_unordered(concurrency.max(1));
    let mut made: usize = 0;
    while let Some(next) = done.next().await {
        let (kind, token, ambulance) = next?;
        match (kind, ambulance) {
            (Kind::Desk { hospital }, _) => people.desks.push(Desk { hospital, token }),
            (Kind::Crew { hospital }, Some(ambulance_id)) => people.crews.push(Crew {
                token,
                ambulance_id,
                start: world.hospitals[hospital],
            }),
            (Kind::Crew { .. }, None) => bail!("a crew without an ambulance"),
            (Kind::Patient { home }, _) => people.patients.push(Patient {
                token,
                home: world.homes[home],
            }),
        }
        made += 1;
        if made.is_multiple_of(500) || made == total {
            println!(
                "  accounts: {made}/{total} in {:.0} s",
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(people)
}

/// Creates one account (an admin makes staff; patients register themselves) and signs it in.
async fn account(setup: &Setup<'_>, n: usize, kind: Kind) -> anyhow::Result<String> {
    let base = setup.base;
    let (phone, request, admin) = match kind {
        Kind::Desk { hospital } => (
            world::phone(1, n),
            json!({"role": "dispatcher", "facility_id": world::hospital_id(hospital)}),
            Some(setup.admin),
        ),
        Kind::Crew { hospital } => (
            world::phone(2, n),
            json!({"role": "ambulance_crew", "facility_id": world::hospital_id(hospital)}),
            Some(setup.admin),
        ),
        Kind::Patient { .. } => (world::phone(3, n), json!({}), None),
    };
    let mut body = request;
    body["name"] = json!(format!("Bench person {n}"));
    body["phone"] = json!(phone);
    body["password"] = json!(PASSWORD);
    let path = if admin.is_some() {
        "/auth/users"
    } else {
        "/auth/register"
    };
    send(setup.client.post(format!("{base}{path}")), admin, &body).await?;
    session::login(setup.client, base, &phone, PASSWORD)
        .await
        .with_context(|| format!("signing in account {phone}"))
}

/// Puts a crew on duty; its ambulance's id.
async fn on_duty(setup: &Setup<'_>, token: &str) -> anyhow::Result<String> {
    let url = format!("{}/sos/ambulance/duty", setup.base);
    let ambulance = send(
        setup.client.post(url),
        Some(token),
        &json!({"on_duty": true}),
    )
    .await?;
    match ambulance["id"].as_str() {
        Some(id) => Ok(id.to_owned()),
        None => bail!("POST /sos/ambulance/duty answered without an id: {ambulance}"),
    }
}

/// Sends one set-up request; its JSON reply, or an error naming the request and the answer.
async fn send(
    request: reqwest::RequestBuilder,
    token: Option<&str>,
    body: &Value,
) -> anyhow::Result<Value> {
    let request = match token {
        Some(t) => request.bearer_auth(t),
        None => request,
    };
    let (client, request) = request.json(body).timeout(SETUP_TIMEOUT).build_split();
    let request = request?;
    let what = format!("{} {}", request.method(), request.url().path());
    let response = client
        .execute(request)
        .await
        .with_context(|| what.clone())?;
    let status = response.status();
    let text = response.text().await.with_context(|| what.clone())?;
    if !status.is_success() {
        bail!("{what} answered {status}: {text}");
    }
    serde_json::from_str(&text).with_context(|| format!("{what}: the reply is not JSON: {text}"))
}
