//! MySehat's domain: typed values parsed once at the edge, and the rules that need no I/O.
//!
//! Nothing here touches the network, the clock or a database; callers pass time in.

pub mod audit;
pub mod ids;
pub mod person;
pub mod phone;
pub mod role;

pub use ids::UserId;
pub use person::{Language, Password, PersonName};
pub use phone::PhoneNumber;
pub use role::Role;
