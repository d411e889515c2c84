//! Delivering emergency events to the right sockets on every instance. On PostgreSQL an event
//! goes out with NOTIFY and each instance (this one included) delivers it to its own sockets;
//! on SQLite there is one instance and events are delivered in process. Payloads carry ids and
//! a few numbers, never a patient's details: each instance reads the incident from the
//! database, where it was stored before the event was sent.

use crate::sos::dispatch::message;
use crate::sos::views::{Position, incident_view};
use crate::state::AppState;
use mysehat_domain::{Role, UserId};
use mysehat_storage::StoreResult;
use serde::{Deserialize, Serialize};

/// The PostgreSQL channel of emergency events.
pub const CHANNEL: &str = "mysehat_sos";

/// Externally tagged on purpose: an internally tagged enum buffers its fields before choosing
/// the variant, and with serde_json's `arbitrary_precision` (which the FHIR store needs) a
/// buffered number no longer reads as `f64`, so position events failed to parse on the
/// receiving instance.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// The incident changed: everyone concerned gets its new state. Desks in `alert` were
    /// just alerted and get it as an alert; `unanswered` also tells the admins.
    Incident {
        id: String,
        #[serde(default)]
        alert: Vec<String>,
        #[serde(default)]
        unanswered: bool,
    },
    /// The facility registry changed: every instance reloads it.
    Registry,
    /// An ambulance moved (computed where the fix arrived, which holds its recent track).
    Position {
        incident_id: String,
        ambulance_id: String,
        patient: UserId,
        desk: Option<String>,
        position: Position,
        distance_m: Option<f64>,
        eta_s: Option<i64>,
    },
}

/// Sends `event` to every instance (or delivers it here when there is only this one).
pub async fn emit(state: &AppState, event: Event) -> StoreResult<()> {
    let payload = serde_json::to_string(&event).map_err(|e| {
        mysehat_storage::StoreError::Corrupt(format!("cannot encode an SOS event: {e}"))
    })?;
    if !state.store.notify(CHANNEL, &payload).await? {
        deliver(state, event).await?;
    }
    Ok(())
}

/// Hands `event` to this instance's sockets.
pub async fn deliver(state: &AppState, event: Event) -> StoreResult<()> {
    match event {
        Event::Incident {
            id,
            alert,
            unanswered,
        } => {
            // Another deployment's schema on the same PostgreSQL may share the channel.
            let Some(i) = state.store.incident(&id).await? else {
                return Ok(());
            };
            let view = incident_view(state.store.as_ref(), &state.sos, &i).await?;
            let update = message("sos.incident", &view);
            let mut users = vec![i.patient];
            if let Some(a) = i.ambulance_id.as_deref()
                && let Some(amb) = state.store.ambulance(a).await?
            {
                users.push(amb.crew_user_id);
            }
            state.sos.to_users(&users, &update);
            let mut desks: Vec<String> = state
                .store
                .alerts(&i.id)
                .await?
                .into_iter()
                .map(|a| a.facility_id)
                .collect();
            desks.extend(i.facility_id.clone());
            desks.sort();
            desks.dedup();
            let alert_message = message("sos.alert", &view);
            for desk in desks {
                let text = if alert.contains(&desk) {
                    &alert_message
                } else {
                    &update
                };
                state.sos.to_desk(&desk, text);
            }
            if unanswered {
                state
                    .sos
                    .to_role(Role::Admin, &message("sos.unanswered", &view));
            }
        }
        Event::Registry => {
            state.sos.load_facilities(state.store.facilities().await?);
        }
        Event::Position {
            incident_id,
            ambulance_id,
            patient,
            desk,
            position,
            distance_m,
            eta_s,
        } => {
            let text = serde_json::json!({
                "type": "sos.position",
                "incident_id": incident_id,
                "ambulance_id": ambulance_id,
                "position": position,
                "distance_m": distance_m,
                "eta_s": eta_s,
            })
            .to_string();
            state.sos.to_users(&[patient], &text);
            if let Some(desk) = desk {
                state.sos.to_desk(&desk, &text);
            }
        }
    }
    Ok(())
}

/// Delivers events from other instances (PostgreSQL) until shutdown.
pub async fn start(state: &AppState) -> StoreResult<()> {
    let Some(mut events) = state.store.listen(CHANNEL).await? else {
        return Ok(());
    };
    let state = state.clone();
    tokio::spawn(async move {
        loop {
            let payload = tokio::select! {
                () = state.shutdown.cancelled() => return,
                next = events.recv() => match next {
                    Some(p) => p,
                    None => return,
                },
            };
            let Ok(event) = serde_json::from_str::<Event>(&payload) else {
                tracing::warn!("ignored an SOS event that does not parse");
                continue;
            };
            if let Err(e) = deliver(&state, event).await {
                tracing::error!(error = %e, "could not deliver an SOS event");
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_survives_the_trip_through_the_channel() {
        let events = [
            Event::Incident {
                id: "sos-1".into(),
                alert: vec!["h1".into()],
                unanswered: true,
            },
            Event::Registry,
            Event::Position {
                incident_id: "sos-1".into(),
                ambulance_id: "amb-1".into(),
                patient: UserId::new(),
                desk: Some("h1".into()),
                position: Position {
                    lat: 23.25,
                    lon: 77.41,
                    at_ms: 1_700_000_000_000,
                },
                distance_m: Some(1234.5),
                eta_s: Some(150),
            },
        ];
        for event in events {
            let payload = serde_json::to_string(&event).expect("encodes");
            assert!(payload.len() < 8000, "NOTIFY payloads stay under 8 kB");
            let back: Event = serde_json::from_str(&payload).expect("decodes");
            assert_eq!(back, event);
        }
    }
}
