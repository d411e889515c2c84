//! Emergency care under `/sos`: one-tap SOS, alerts to the nearest able hospitals in waves,
//! first acceptance wins, ambulance assignment and live tracking over `/ws`, and the facility
//! registry. The rules are `crates/emergency`; storage is `mysehat_storage::sos`.
//!
//! Events reach every instance's sockets through `bus` (PostgreSQL NOTIFY/LISTEN).
//!
//! Repeated SOS from one account or phone are flagged (`recent_repeats`), never refused.

pub mod ambulance;
pub mod bus;
pub mod dispatch;
pub mod facilities;
pub mod import;
pub mod incidents;
pub mod live;
pub mod medical_id;
pub mod views;

use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(incidents::raise, incidents::list))
        .routes(routes!(incidents::get))
        .routes(routes!(incidents::cancel))
        .routes(routes!(incidents::accept))
        .routes(routes!(incidents::decline))
        .routes(routes!(incidents::assign))
        .routes(routes!(incidents::advance))
        .routes(routes!(ambulance::mine))
        .routes(routes!(ambulance::duty))
        .routes(routes!(ambulance::position))
        .routes(routes!(ambulance::list))
        .routes(routes!(facilities::list))
        .routes(routes!(facilities::put))
        .routes(routes!(facilities::status))
        .routes(routes!(medical_id::get, medical_id::put))
        .routes(routes!(medical_id::create_link, medical_id::revoke_link))
        .routes(routes!(medical_id::open))
}

/// Loads the registry into memory and starts the escalation clock.
pub async fn start(state: &AppState) -> anyhow::Result<()> {
    state.sos.load_facilities(state.store.facilities().await?);
    bus::start(state).await?;
    dispatch::start(state.clone());
    Ok(())
}
