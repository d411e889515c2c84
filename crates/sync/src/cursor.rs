//! The pull cursor a device keeps: how far it has read the feed, for which set of scopes, and
//! the purge horizon when its reading began. A cursor made for another set of scopes (villages
//! assigned or taken away) is not continued, nor one that may have missed purged tombstones:
//! the device starts again from nothing (`reset`).

use crate::Scope;
use sha2::{Digest as _, Sha256};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// The last feed sequence number the device has applied.
    pub seq: i64,
    /// The purge horizon when the device began reading from nothing: every tombstone after it
    /// was still in the feed then.
    pub horizon: i64,
    /// Fingerprint of the scopes the cursor was made for.
    pub scopes: String,
}

impl Cursor {
    pub fn new(seq: i64, horizon: i64, scopes: &[Scope]) -> Cursor {
        Cursor {
            seq,
            horizon,
            scopes: fingerprint(scopes),
        }
    }

    /// The opaque text a device sends back: `2.<seq>.<horizon>.<fingerprint>`.
    pub fn encode(&self) -> String {
        format!("2.{}.{}.{}", self.seq, self.horizon, self.scopes)
    }

    /// None when `text` is not a cursor this server made.
    pub fn decode(text: &str) -> Option<Cursor> {
        let mut parts = text.splitn(4, '.');
        if parts.next()? != "2" {
            return None;
        }
        let seq: i64 = parts.next()?.parse().ok().filter(|s| *s >= 0)?;
        let horizon: i64 = parts.next()?.parse().ok().filter(|s| *s >= 0)?;
        let scopes = parts.next()?;
        (scopes.len() == 16 && scopes.bytes().all(|b| b.is_ascii_hexdigit())).then(|| Cursor {
            seq,
            horizon,
            scopes: scopes.to_owned(),
        })
    }

    pub fn made_for(&self, scopes: &[Scope]) -> bool {
        self.scopes == fingerprint(scopes)
    }

    /// Tombstones up to `horizon` have been purged. A device that began reading before some of
    /// them were purged, and has not read past them, may have missed deletions: it starts again.
    /// A device reading from nothing since the last purge has missed nothing, however low its
    /// position.
    pub fn expired(&self, horizon: i64) -> bool {
        self.horizon < horizon && self.seq < horizon
    }

    /// The cursor after applying a page that ended at `seq`.
    pub fn advanced(&self, seq: i64) -> Cursor {
        Cursor {
            seq,
            ..self.clone()
        }
    }
}

/// 16 hex digits of SHA-256 over the sorted scopes.
fn fingerprint(scopes: &[Scope]) -> String {
    let mut names: Vec<String> = scopes.iter().map(Scope::to_string).collect();
    names.sort();
    names.dedup();
    let hash = Sha256::digest(names.join("\n").as_bytes());
    hex::encode(&hash[..8])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_cursor_belongs_to_its_scopes_in_any_order() {
        let a = Scope::Village("a".into());
        let b = Scope::Village("b".into());
        let c = Cursor::new(42, 7, &[a.clone(), b.clone()]);
        assert!(c.made_for(&[b.clone(), a.clone()]));
        assert!(!c.made_for(std::slice::from_ref(&a)));
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
    }

    #[test]
    fn foreign_text_is_not_a_cursor() {
        for bad in [
            "",
            "2.1.0011223344556677",
            "1.-1.0011223344556677",
            "1.5.zz",
            "1.x.0011223344556677",
        ] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_a_cursor_that_may_have_missed_purged_tombstones_expires() {
        let scopes = [Scope::Village("a".into())];
        // Began before the purge up to 100 and has not read past it.
        assert!(Cursor::new(40, 0, &scopes).expired(100));
        // Began before, but already read past everything purged.
        assert!(!Cursor::new(150, 0, &scopes).expired(100));
        // Began after the purge: its low position is only paging through live records.
        assert!(!Cursor::new(40, 100, &scopes).expired(100));
        assert!(Cursor::new(40, 100, &scopes).expired(120));
    }

    proptest! {
        #[test]
        fn any_cursor_round_trips(seq in 0i64..i64::MAX, horizon in 0i64..i64::MAX, ids in proptest::collection::vec("[a-z0-9-]{1,12}", 0..5)) {
            let scopes: Vec<Scope> = ids.into_iter().map(Scope::Village).collect();
            let c = Cursor::new(seq, horizon, &scopes);
            prop_assert_eq!(Cursor::decode(&c.encode()), Some(c));
        }
    }
}
