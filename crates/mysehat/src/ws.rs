//! `GET /ws`: the signed-in user's live channel (SOS updates, sync nudges as modules land).
//! It closes with 1001 "going away" when the server shuts down, since axum's graceful shutdown
//! waits for connections but does not end WebSockets by itself.

use crate::http::RequestContext;
use crate::state::AppState;
use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
use axum::response::{IntoResponse, Response};

pub async fn connect(
    State(state): State<AppState>,
    ctx: RequestContext,
    upgrade: WebSocketUpgrade,
) -> Response {
    let Ok(caller) = ctx.caller() else {
        return crate::error::ApiError::unauthorized().into_response();
    };
    upgrade.on_upgrade(move |socket| session(socket, state, caller.user_id.to_string()))
}

async fn session(mut socket: WebSocket, state: AppState, user_id: String) {
    let hello = serde_json::json!({ "type": "hello", "user_id": user_id }).to_string();
    if socket.send(Message::Text(hello.into())).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            () = state.shutdown.cancelled() => {
                let frame = CloseFrame { code: close_code::AWAY, reason: "server shutting down".into() };
                let _ = socket.send(Message::Close(Some(frame))).await;
                return;
            }
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                Some(Ok(_)) => {}
            }
        }
    }
}
