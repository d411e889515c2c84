//! What the emergency module keeps in memory on each instance: the open WebSocket channels
//! (who is listening, with their role and facility), the facility registry as a spatial index,
//! and each ambulance's recent position fixes. The database stays the record; this is a cache
//! rebuilt from it on start.

use mysehat_domain::{Role, UserId};
use mysehat_emergency::{
    AgeGroup, Capability, EmergencyKind, EscalationConfig, Fix, FixFilter, FixFilterConfig, LatLon,
    SpatialIndex,
};
use mysehat_storage::sos::FacilityRecord;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// How many recent fixes per ambulance are kept for the ETA.
const RECENT_FIXES: usize = 30;

/// One listening socket.
#[derive(Debug)]
struct Listener {
    id: u64,
    user: UserId,
    role: Role,
    facility: Option<String>,
    tx: UnboundedSender<String>,
}

/// An ambulance's filter and its latest accepted fixes, oldest first.
#[derive(Debug)]
pub struct Track {
    pub filter: FixFilter,
    pub recent: VecDeque<Fix>,
}

#[derive(Debug, Default)]
struct Registry {
    facilities: HashMap<String, FacilityRecord>,
    index: Option<SpatialIndex<String>>,
}

#[derive(Debug)]
struct Inner {
    listeners: Mutex<Vec<Listener>>,
    next_id: AtomicU64,
    registry: RwLock<Registry>,
    tracks: Mutex<HashMap<String, Track>>,
    escalation: EscalationConfig,
    wake: tokio::sync::Notify,
}

/// The emergency module's shared live state.
#[derive(Debug, Clone)]
pub struct Live(Arc<Inner>);

/// A facility able to take an incident, with its straight-line distance.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub facility_id: String,
    pub distance_m: f64,
}

impl Live {
    pub fn new(escalation: EscalationConfig) -> Self {
        Self(Arc::new(Inner {
            listeners: Mutex::new(Vec::new()),
            next_id: AtomicU64::new(1),
            registry: RwLock::new(Registry::default()),
            tracks: Mutex::new(HashMap::new()),
            escalation,
            wake: tokio::sync::Notify::new(),
        }))
    }

    pub fn escalation(&self) -> &EscalationConfig {
        &self.0.escalation
    }

    /// Asks the escalation loop to look at incidents now instead of at its next tick.
    pub fn wake(&self) {
        self.0.wake.notify_one();
    }

    pub async fn woken(&self) {
        self.0.wake.notified().await;
    }

    /// Registers a socket; messages for its user (and its desk) arrive on the receiver.
    pub fn listen(
        &self,
        user: UserId,
        role: Role,
        facility: Option<String>,
    ) -> (u64, UnboundedReceiver<String>) {
        let (tx, rx) = unbounded_channel();
        let id = self.0.next_id.fetch_add(1, Ordering::Relaxed);
        lock(&self.0.listeners).push(Listener {
            id,
            user,
            role,
            facility,
            tx,
        });
        (id, rx)
    }

    pub fn forget(&self, id: u64) {
        lock(&self.0.listeners).retain(|l| l.id != id);
    }

    /// Sends `message` to every socket of the given users.
    pub fn to_users(&self, users: &[UserId], message: &str) {
        self.send_where(|l| users.contains(&l.user), message);
    }

    /// Sends `message` to every dispatch desk of `facility`.
    pub fn to_desk(&self, facility: &str, message: &str) {
        self.send_where(
            |l| l.role == Role::Dispatcher && l.facility.as_deref() == Some(facility),
            message,
        );
    }

    pub fn to_role(&self, role: Role, message: &str) {
        self.send_where(|l| l.role == role, message);
    }

    fn send_where(&self, wanted: impl Fn(&Listener) -> bool, message: &str) {
        let mut listeners = lock(&self.0.listeners);
        // A closed receiver means the socket ended; drop it here rather than wait for `forget`.
        listeners.retain(|l| !wanted(l) || l.tx.send(message.to_owned()).is_ok());
    }

    /// How many sockets are open (for tests and metrics).
    pub fn listener_count(&self) -> usize {
        lock(&self.0.listeners).len()
    }

    /// Replaces the registry (on start and after every change).
    pub fn load_facilities(&self, facilities: Vec<FacilityRecord>) {
        let items: Vec<_> = facilities
            .iter()
            .filter_map(|f| Some((LatLon::new(f.lat, f.lon).ok()?, f.id.clone())))
            .collect();
        let mut registry = self.0.registry.write().unwrap_or_else(|e| e.into_inner());
        registry.index = Some(SpatialIndex::new(items));
        registry.facilities = facilities.into_iter().map(|f| (f.id.clone(), f)).collect();
    }

    pub fn facility(&self, id: &str) -> Option<FacilityRecord> {
        let registry = self.0.registry.read().unwrap_or_else(|e| e.into_inner());
        registry.facilities.get(id).cloned()
    }

    /// Open hospitals able to take `kind`, nearest first (exact great-circle order).
    pub fn candidates(&self, at: LatLon, kind: EmergencyKind) -> Vec<Candidate> {
        let needed = mysehat_emergency::incident::required_capabilities(kind, AgeGroup::Adult);
        let registry = self.0.registry.read().unwrap_or_else(|e| e.into_inner());
        let Some(index) = &registry.index else {
            return Vec::new();
        };
        let able = |id: &String| {
            registry.facilities.get(id).is_some_and(|f| {
                let offered: Vec<Capability> = f
                    .capabilities
                    .iter()
                    .filter_map(|c| Capability::parse(c))
                    .collect();
                f.kind == "hospital"
                    && f.ed_status == "open"
                    && mysehat_emergency::incident::facility_can_receive(&needed, &offered)
            })
        };
        index
            .nearest(at, index.len(), able)
            .into_iter()
            .map(|(facility_id, distance_m)| Candidate {
                facility_id,
                distance_m,
            })
            .collect()
    }

    /// Runs `f` on the ambulance's track, made on first use.
    pub fn with_track<R>(&self, ambulance: &str, f: impl FnOnce(&mut Track) -> R) -> R {
        let mut tracks = lock(&self.0.tracks);
        let track = tracks.entry(ambulance.to_owned()).or_insert_with(|| Track {
            filter: FixFilter::new(FixFilterConfig::default()),
            recent: VecDeque::new(),
        });
        f(track)
    }

    pub fn recent_fixes(&self, ambulance: &str) -> Vec<Fix> {
        lock(&self.0.tracks)
            .get(ambulance)
            .map(|t| t.recent.iter().copied().collect())
            .unwrap_or_default()
    }
}

impl Track {
    pub fn remember(&mut self, fix: Fix) {
        self.recent.push_back(fix);
        while self.recent.len() > RECENT_FIXES {
            self.recent.pop_front();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
