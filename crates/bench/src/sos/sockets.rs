//! The WebSocket clients: one `GET /ws` per desk, crew and patient, opened a few at a time and
//! each waiting for the server's `hello`. Every socket then reads on its own task, notes the
//! time a message arrived before parsing it, and tells the ledger; the first desk to get an
//! alert hands it to the dispatch worker to accept.

use crate::ledger::{Alerted, Ledger};
use anyhow::{Context, bail};
use futures_util::{StreamExt, TryStreamExt, stream};
use serde::Deserialize;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

const HELLO_TIMEOUT: Duration = Duration::from_secs(60);
const CLOSE_TIMEOUT: Duration = Duration::from_secs(5);

/// Who is on the other end of a socket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// A dispatcher: index into `People::desks`.
    Desk(usize),
    Crew,
    Patient,
}

/// A socket to open: its number (the ledger's name for it), holder and access token.
#[derive(Debug, Clone)]
pub struct Spec {
    pub index: usize,
    pub holder: Holder,
    pub token: String,
}

/// An alert the first desk to see it will answer: the incident and the desk.
#[derive(Debug, Clone)]
pub struct Claim {
    pub incident: String,
    pub desk: usize,
}

/// Messages seen, by kind, across every socket.
#[derive(Debug, Default)]
pub struct Counts {
    pub alerts: AtomicUsize,
    pub positions: AtomicUsize,
    pub other: AtomicUsize,
    pub unreadable: AtomicUsize,
}

/// How a socket's reading ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// The bench closed it at the end of the run.
    Stopped,
    /// The server closed it, or it failed, before the end: why.
    Early(String),
}

/// The parts of a server message the bench matches on.
#[derive(Debug, Deserialize)]
struct Incoming {
    #[serde(rename = "type")]
    kind: String,
    incident: Option<IncidentRef>,
    incident_id: Option<String>,
    position: Option<PositionRef>,
}

#[derive(Debug, Deserialize)]
struct IncidentRef {
    id: String,
}

#[derive(Debug, Deserialize)]
struct PositionRef {
    at_ms: i64,
}

/// What every reading task shares.
#[derive(Debug, Clone)]
pub struct Readers {
    pub ledger: Arc<Ledger>,
    pub counts: Arc<Counts>,
    pub claims: mpsc::UnboundedSender<Claim>,
    pub stop: watch::Receiver<bool>,
}

/// Opens every socket, `concurrency` at a time, each confirmed by its `hello`.
pub async fn open_all(
    ws_base: &str,
    specs: Vec<Spec>,
    concurrency: usize,
) -> anyhow::Result<Vec<(Spec, Socket)>> {
    let started = Instant::now();
    let total = specs.len();
    let opened = AtomicUsize::new(0);
    let sockets = stream::iter(specs)
        .map(|spec| {
            let opened = &opened;
            async move {
                let socket = open(ws_base, &spec.token)
                    .await
                    .with_context(|| format!("socket {} ({:?})", spec.index, spec.holder))?;
                let n = opened.fetch_add(1, Ordering::Relaxed) + 1;
                if n.is_multiple_of(1000) || n == total {
                    println!(
                        "  sockets: {n}/{total} open in {:.1} s",
                        started.elapsed().as_secs_f64()
                    );
                }
                anyhow::Ok((spec, socket))
            }
        })
        .buffer_unordered(concurrency.max(1))
        .try_collect()
        .await?;
    Ok(sockets)
}

async fn open(ws_base: &str, token: &str) -> anyhow::Result<Socket> {
    let url = format!("{ws_base}/ws?access_token={token}");
    let (mut socket, _) = tokio::time::timeout(
        HELLO_TIMEOUT,
        tokio_tungstenite::connect_async(url.as_str()),
    )
    .await
    .context("no WebSocket handshake within 60 s")?
    .context("GET /ws")?;
    let first = tokio::time::timeout(HELLO_TIMEOUT, socket.next())
        .await
        .context("no hello within 60 s")?;
    match first {
        Some(Ok(Message::Text(text))) if text.as_str().contains("\"hello\"") => Ok(socket),
        other => bail!("expected the server's hello, got {other:?}"),
    }
}

/// Reads one socket until the run stops it or it ends early.
pub async fn read(mut socket: Socket, spec: Spec, readers: Readers) -> Ended {
    let mut stop = readers.stop.clone();
    loop {
        tokio::select! {
            next = socket.next() => match next {
                Some(Ok(Message::Text(text))) => {
                    let at = Instant::now();
                    handle(text.as_str(), at, &spec, &readers);
                }
                Some(Ok(Message::Close(frame))) => {
                    return Ended::Early(format!("closed by the server: {frame:?}"));
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => return Ended::Early(format!("failed: {e}")),
                None => return Ended::Early("ended without a close".into()),
            },
            _ = stop.changed() => break,
        }
    }
    // Close politely and wait (briefly) for the server's reply.
    let _ = socket.close(None).await;
    let _ = tokio::time::timeout(CLOSE_TIMEOUT, async {
        while let Some(Ok(_)) = socket.next().await {}
    })
    .await;
    Ended::Stopped
}

fn handle(text: &str, at: Instant, spec: &Spec, readers: &Readers) {
    let counts = &readers.counts;
    let Ok(message) = serde_json::from_str::<Incoming>(text) else {
        counts.unreadable.fetch_add(1, Ordering::Relaxed);
        return;
    };
    match (message.kind.as_str(), spec.holder) {
        ("sos.alert", Holder::Desk(desk)) => {
            counts.alerts.fetch_add(1, Ordering::Relaxed);
            let Some(incident) = message.incident.map(|i| i.id) else {
                counts.unreadable.fetch_add(1, Ordering::Relaxed);
                return;
            };
            if readers.ledger.alert_arrived(&incident, spec.index, at) == Alerted::Claim {
                let _ = readers.claims.send(Claim { incident, desk });
            }
        }
        ("sos.position", Holder::Patient) => {
            counts.positions.fetch_add(1, Ordering::Relaxed);
            match (message.incident_id, message.position) {
                (Some(incident), Some(position)) => {
                    readers
                        .ledger
                        .position_arrived(&incident, position.at_ms, at);
                }
                _ => {
                    counts.unreadable.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        ("sos.position", _) => {
            counts.positions.fetch_add(1, Ordering::Relaxed);
        }
        _ => {
            counts.other.fetch_add(1, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn readers() -> (Readers, mpsc::UnboundedReceiver<Claim>) {
        let (claims, rx) = mpsc::unbounded_channel();
        let (_, stop) = watch::channel(false);
        let readers = Readers {
            ledger: Arc::new(Ledger::default()),
            counts: Arc::new(Counts::default()),
            claims,
            stop,
        };
        (readers, rx)
    }

    fn spec(index: usize, holder: Holder) -> Spec {
        Spec {
            index,
            holder,
            token: String::new(),
        }
    }

    #[test]
    fn the_first_desk_alerted_hands_the_sos_to_the_dispatch_worker() {
        let (readers, mut claims) = readers();
        readers.ledger.expect_alert("sos-1", [0, 1]);
        let alert = r#"{"type":"sos.alert","incident":{"id":"sos-1","state":"alerting"}}"#;
        handle(alert, Instant::now(), &spec(1, Holder::Desk(1)), &readers);
        handle(alert, Instant::now(), &spec(0, Holder::Desk(0)), &readers);
        let claim = claims.try_recv().expect("one claim");
        assert_eq!((claim.incident.as_str(), claim.desk), ("sos-1", 1));
        assert!(claims.try_recv().is_err());
        assert_eq!(readers.ledger.tally().alerts.len(), 2);
    }

    #[test]
    fn a_patients_position_is_matched_by_incident_and_fix_time() {
        let (readers, _claims) = readers();
        readers.ledger.expect_position("sos-1", 1_700_000_000_123);
        let position = r#"{"type":"sos.position","incident_id":"sos-1","ambulance_id":"amb-1",
            "position":{"lat":23.2,"lon":77.4,"at_ms":1700000000123},"distance_m":812.5,"eta_s":90}"#;
        handle(
            position,
            Instant::now(),
            &spec(7, Holder::Patient),
            &readers,
        );
        handle(
            "not json",
            Instant::now(),
            &spec(7, Holder::Patient),
            &readers,
        );
        let tally = readers.ledger.tally();
        assert_eq!((tally.positions.len(), tally.position_missed), (1, 0));
        assert_eq!(readers.counts.unreadable.load(Ordering::Relaxed), 1);
    }
}
