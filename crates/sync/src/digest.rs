//! The digest of a scope's live records, so a device can tell that its copy has drifted (a
//! page half applied by an old app version, storage cleared by the browser) and pull again.
//! Order-free: the XOR of the first 8 bytes of SHA-256 of `Type/id/version` over the records.

use sha2::{Digest as _, Sha256};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Digest {
    pub count: u64,
    pub hash: u64,
}

impl Digest {
    pub fn add(&mut self, resource_type: &str, id: &str, version: i64) {
        let sum = Sha256::digest(format!("{resource_type}/{id}/{version}").as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&sum[..8]);
        self.count += 1;
        self.hash ^= u64::from_be_bytes(first);
    }

    /// 16 hex digits, as the app computes them.
    pub fn hex(&self) -> String {
        format!("{:016x}", self.hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_ignores_order_and_sees_versions() {
        let mut a = Digest::default();
        a.add("Patient", "1", 2);
        a.add("Group", "g", 1);
        let mut b = Digest::default();
        b.add("Group", "g", 1);
        b.add("Patient", "1", 2);
        assert_eq!(a, b);
        let mut c = Digest::default();
        c.add("Group", "g", 1);
        c.add("Patient", "1", 3);
        assert_ne!(a.hash, c.hash);
        // Known values, the same in the app's test (web/src/hw/sync.test.ts).
        let mut one = Digest::default();
        one.add("Patient", "1", 1);
        assert_eq!(one.hex(), "a88ae568b44353e4");
        one.add("Group", "g", 2);
        assert_eq!((one.count, one.hex().as_str()), (2, "664001ba68180f0d"));
    }
}
