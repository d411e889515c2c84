//! `GET /ws`: the signed-in user's live channel. On connect it sends the latest state of the
//! user's open SOS incidents (a desk also gets its unanswered alerts, so an alert stored while
//! no desk was connected, or before a restart, still arrives), then every change as it
//! happens. It closes with 1001 "going away" when the server shuts down, since axum's graceful
//! shutdown waits for connections but does not end WebSockets by itself.

use crate::http::{Caller, RequestContext};
use crate::sos::dispatch::message;
use crate::sos::views::incident_view;
use crate::state::AppState;
use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
use axum::response::{IntoResponse, Response};
use mysehat_domain::Role;

pub async fn connect(
    State(state): State<AppState>,
    ctx: RequestContext,
    upgrade: WebSocketUpgrade,
) -> Response {
    let Ok(caller) = ctx.caller() else {
        return crate::error::ApiError::unauthorized().into_response();
    };
    upgrade.on_upgrade(move |socket| session(socket, state, caller))
}

async fn session(mut socket: WebSocket, state: AppState, caller: Caller) {
    let hello =
        serde_json::json!({ "type": "hello", "user_id": caller.user_id.to_string() }).to_string();
    if socket.send(Message::Text(hello.into())).await.is_err() {
        return;
    }
    let facility = match state.store.user_by_id(caller.user_id).await {
        Ok(user) => user.and_then(|u| u.facility_id),
        Err(_) => None,
    };
    let (id, mut outbox) = state
        .sos
        .listen(caller.user_id, caller.role, facility.clone());
    for text in catch_up(&state, caller, facility.as_deref()).await {
        if socket.send(Message::Text(text.into())).await.is_err() {
            state.sos.forget(id);
            return;
        }
    }
    loop {
        tokio::select! {
            () = state.shutdown.cancelled() => {
                let frame = CloseFrame { code: close_code::AWAY, reason: "server shutting down".into() };
                let _ = socket.send(Message::Close(Some(frame))).await;
                break;
            }
            out = outbox.recv() => match out {
                Some(text) => if socket.send(Message::Text(text.into())).await.is_err() { break },
                None => break,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            }
        }
    }
    state.sos.forget(id);
}

/// The latest state of the caller's open incidents, as `sos.incident` (or `sos.alert` for a
/// desk's unanswered alerts) messages.
async fn catch_up(state: &AppState, caller: Caller, facility: Option<&str>) -> Vec<String> {
    let records = match (caller.role, facility) {
        (Role::Patient, _) => state.store.incidents_of_patient(caller.user_id, 5).await,
        (Role::Dispatcher, Some(desk)) => state.store.incidents_of_facility(desk, 20).await,
        (Role::AmbulanceCrew, _) => match state.store.ambulance_of_crew(caller.user_id).await {
            Ok(Some(a)) => state.store.incidents_of_ambulance(&a.id, 5).await,
            other => other.map(|_| Vec::new()),
        },
        _ => Ok(Vec::new()),
    };
    let Ok(records) = records else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in records
        .iter()
        .filter(|i| !matches!(i.state.as_str(), "closed" | "cancelled"))
    {
        let Ok(view) = incident_view(state.store.as_ref(), &state.sos, i).await else {
            continue;
        };
        let alerting = matches!(i.state.as_str(), "alerting" | "unanswered");
        let kind = if caller.role == Role::Dispatcher && alerting {
            "sos.alert"
        } else {
            "sos.incident"
        };
        out.push(message(kind, &view));
    }
    out
}
