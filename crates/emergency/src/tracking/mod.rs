//! Ambulance position fixes: which ones to believe, and how long the ambulance will take.
//! Phones report jumps, stale and replayed fixes; believing them would move the ambulance
//! on the patient's map and the dispatcher's ETA by kilometres.

mod eta;
mod filter;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::geo::LatLon;
use crate::time::UnixMs;

pub use eta::{ETA_WINDOW, URBAN_SPEED_MPS, eta};
pub use filter::{FixFilter, FixFilterConfig, Rejection};

/// One position report from an ambulance crew's phone.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Fix {
    /// When the device took the fix (device clock, UTC milliseconds).
    pub at: UnixMs,
    pub pos: LatLon,
    /// Horizontal accuracy radius reported by the device, metres (68 % confidence).
    pub accuracy_m: f64,
    /// Ground speed reported by the device, metres per second, if it gave one.
    pub speed_mps: Option<f64>,
}
