//! The rules of offline sync (docs/SYNC.md), free of I/O so both the server and its tests use
//! the same ones: which sync scopes a record is in, how a device's change merges with the
//! server's, and the cursor and digest a device keeps.

pub mod cursor;
pub mod digest;
pub mod merge;
pub mod scope;

pub use cursor::Cursor;
pub use digest::Digest;
pub use merge::{Conflict, ConflictKind, Kind, Merged, Refused, merge, without_server_meta};
pub use scope::{HOUSEHOLD_TAG, Scope, VILLAGE_TAG, scopes_of, tag_value};
