//! Graceful shutdown over a real socket: open WebSockets are closed with "going away" and the
//! server then stops.

use crate::util::TestApp;
use futures_util::{SinkExt, StreamExt};
use mysehat_domain::Role;
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

#[tokio::test]
async fn shutdown_closes_websockets_and_stops_the_server() {
    let app = TestApp::new().await;
    let (user_id, token) = app.account(Role::Dispatcher).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let state = app.state.clone();
    let server = tokio::spawn(mysehat::server::run(listener, state));

    let url = format!("ws://{addr}/ws?access_token={token}");
    let (mut socket, _) = tokio_tungstenite::connect_async(url)
        .await
        .expect("connects");
    let hello = socket.next().await.expect("a message").expect("ok");
    let hello: serde_json::Value =
        serde_json::from_str(hello.to_text().expect("text")).expect("json");
    assert_eq!(hello["type"], "hello");
    assert_eq!(hello["user_id"], user_id.as_str());
    socket
        .send(Message::Text("ping".into()))
        .await
        .expect("send");

    app.state.shutdown.cancel();
    let closing = tokio::time::timeout(Duration::from_secs(5), socket.next())
        .await
        .expect("closed in time")
        .expect("a frame")
        .expect("ok");
    match closing {
        Message::Close(Some(frame)) => assert_eq!(frame.code, CloseCode::Away),
        other => panic!("expected a close frame, got {other:?}"),
    }
    drop(socket);
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("server stopped in time")
        .expect("task")
        .expect("clean exit");
}

#[tokio::test]
async fn a_websocket_without_a_token_is_refused() {
    let app = TestApp::new().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let server = tokio::spawn(mysehat::server::run(listener, app.state.clone()));
    let refused = tokio_tungstenite::connect_async(format!("ws://{addr}/ws")).await;
    assert!(refused.is_err());
    app.state.shutdown.cancel();
    let _ = server.await;
}
