//! What every route shares: request context, JSON input, error normalisation, middleware.

pub mod context;
pub mod json;
pub mod layers;
pub mod normalize;

pub use context::{Caller, RequestContext};
pub use json::ApiJson;
