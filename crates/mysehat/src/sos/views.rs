//! What goes over the wire: the SOS a phone sends, and the incident as each party sees it.

use crate::sos::live::Live;
use mysehat_emergency::{EmergencyKind, IncidentState, LatLon};
use mysehat_storage::Store;
use mysehat_storage::sos::{AmbulanceRecord, FacilityRecord, IncidentRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How many recent SOS make the next one a repeat (shown, never refused).
pub const REPEAT_WARNING: i64 = 3;

/// The window in which SOS count as repeats.
pub const REPEAT_WINDOW_MS: i64 = 10 * 60 * 1000;

/// Where the phone was.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub lat: f64,
    pub lon: f64,
    /// Accuracy radius in metres, as the phone reports it.
    pub accuracy_m: f64,
    /// When the phone took the fix (UTC milliseconds).
    pub fixed_at_ms: i64,
    /// True when this is the last known position, not a fresh fix.
    pub last_known: bool,
}

/// An SOS as the phone sends it; `id` is the phone's, so resending never makes a second one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewIncident {
    #[schema(value_type = String, format = "uuid")]
    pub id: uuid::Uuid,
    pub device_id: String,
    #[serde(default)]
    pub kind: Option<EmergencyKind>,
    pub location: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Position {
    pub lat: f64,
    pub lon: f64,
    pub at_ms: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PatientContact {
    pub name: String,
    pub phone: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FacilityBrief {
    pub id: String,
    pub name: String,
    pub phone: String,
    /// Straight-line distance to the patient, metres.
    pub distance_m: f64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AmbulanceBrief {
    pub id: String,
    pub call_sign: String,
    pub phone: String,
    pub position: Option<Position>,
    /// Straight-line distance to the patient, metres.
    pub distance_m: Option<f64>,
    /// Estimated seconds to the patient, from distance and recent speed.
    pub eta_s: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventView {
    pub at_ms: i64,
    pub state: IncidentState,
    pub actor_role: String,
}

/// An incident as the patient, the desk and the crew see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IncidentView {
    pub id: String,
    pub state: IncidentState,
    pub kind: EmergencyKind,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    pub patient: PatientContact,
    pub location: Location,
    /// India Post's DIGIPIN of the location.
    pub digipin: String,
    pub maps_url: String,
    /// The hospital that accepted.
    pub facility: Option<FacilityBrief>,
    /// The hospitals alerted so far, nearest first, each with its distance to the patient.
    pub alerted: Vec<FacilityBrief>,
    pub ambulance: Option<AmbulanceBrief>,
    pub events: Vec<EventView>,
    /// No desk answered in time: the patient must call 112.
    pub call_112: bool,
    /// Other SOS from this account or phone in the 10 minutes before this one. From
    /// [`REPEAT_WARNING`] on, desks see it marked as a repeat and the patient is asked to call
    /// 112 if it is real; it is alerted all the same.
    pub recent_repeats: i64,
    /// What the patient keeps on their emergency medical ID, for the desk and the crew.
    pub medical_id: crate::sos::medical_id::record::MedicalId,
}

/// An ambulance as a desk sees it when assigning.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AmbulanceView {
    pub id: String,
    pub call_sign: String,
    pub phone: String,
    /// `available`, `busy` or `off_duty`.
    pub status: String,
    pub position: Option<Position>,
    pub distance_m: Option<f64>,
}

impl AmbulanceView {
    pub fn new(a: &AmbulanceRecord, to: Option<LatLon>) -> Self {
        let position = a.fix.map(|f| Position {
            lat: f.lat,
            lon: f.lon,
            at_ms: f.at_ms,
        });
        Self {
            id: a.id.clone(),
            call_sign: a.call_sign.clone(),
            phone: a.phone.clone(),
            status: a.status.clone(),
            distance_m: distance(position, to),
            position,
        }
    }
}

fn distance(from: Option<Position>, to: Option<LatLon>) -> Option<f64> {
    let from = from.and_then(|p| LatLon::new(p.lat, p.lon).ok())?;
    Some(from.distance_m(to?))
}

/// Where the incident is, as a validated point (stored values were validated on the way in).
pub fn point(i: &IncidentRecord) -> Option<LatLon> {
    LatLon::new(i.lat, i.lon).ok()
}

/// The ambulance's distance and ETA to the patient from its latest fixes.
pub fn approach(live: &Live, ambulance: &AmbulanceRecord, to: Option<LatLon>) -> AmbulanceBrief {
    let view = AmbulanceView::new(ambulance, to);
    let eta_s = view.distance_m.and_then(|d| {
        mysehat_emergency::eta(d, &live.recent_fixes(&ambulance.id))
            .map(|t| i64::try_from(t.as_secs()).unwrap_or(i64::MAX))
    });
    AmbulanceBrief {
        id: view.id,
        call_sign: view.call_sign,
        phone: view.phone,
        position: view.position,
        distance_m: view.distance_m,
        eta_s,
    }
}

/// Assembles the full view of a stored incident.
pub async fn incident_view(
    store: &dyn Store,
    live: &Live,
    i: &IncidentRecord,
) -> mysehat_storage::StoreResult<IncidentView> {
    let at = point(i);
    let patient = store.user_by_id(i.patient).await?;
    let events = store.incident_events(&i.id).await?;
    let facility = i
        .facility_id
        .as_deref()
        .and_then(|id| live.facility(id))
        .map(|f: FacilityRecord| FacilityBrief {
            distance_m: at
                .zip(LatLon::new(f.lat, f.lon).ok())
                .map_or(0.0, |(a, b)| a.distance_m(b)),
            id: f.id,
            name: f.name,
            phone: f.phone,
        });
    let ambulance = match i.ambulance_id.as_deref() {
        Some(id) => store.ambulance(id).await?.map(|a| approach(live, &a, at)),
        None => None,
    };
    let mut alerted: Vec<FacilityBrief> = store
        .alerts(&i.id)
        .await?
        .into_iter()
        .filter_map(|a| {
            let f = live.facility(&a.facility_id)?;
            Some(FacilityBrief {
                id: f.id,
                name: f.name,
                phone: f.phone,
                distance_m: a.distance_m,
            })
        })
        .collect();
    alerted.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m));
    let state = IncidentState::parse(&i.state).unwrap_or(IncidentState::Created);
    Ok(IncidentView {
        id: i.id.clone(),
        state,
        kind: EmergencyKind::parse(&i.kind).unwrap_or(EmergencyKind::Other),
        created_at_ms: i.created_at_ms,
        updated_at_ms: i.updated_at_ms,
        patient: PatientContact {
            name: patient
                .as_ref()
                .map(|p| p.name.as_str().to_owned())
                .unwrap_or_default(),
            phone: patient
                .as_ref()
                .map(|p| p.phone.as_str().to_owned())
                .unwrap_or_default(),
        },
        location: Location {
            lat: i.lat,
            lon: i.lon,
            accuracy_m: i.accuracy_m,
            fixed_at_ms: i.fixed_at_ms,
            last_known: i.last_known,
        },
        digipin: mysehat_emergency::digipin::encode(i.lat, i.lon)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        maps_url: at.map(LatLon::maps_link).unwrap_or_default(),
        facility,
        alerted,
        ambulance,
        events: events
            .into_iter()
            .filter_map(|e| {
                Some(EventView {
                    at_ms: e.at_ms,
                    state: IncidentState::parse(&e.state)?,
                    actor_role: e.actor_role,
                })
            })
            .collect(),
        call_112: state == IncidentState::Unanswered,
        recent_repeats: i.recent_repeats,
        medical_id: crate::sos::medical_id::load(store, i.patient).await?.0,
    })
}
