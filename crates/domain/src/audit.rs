//! The audit trail's hash chain: how an entry's hash is computed and how a chain is checked.
//!
//! Each entry's hash covers the previous entry's hash and the entry's own canonical bytes, so an
//! edited, deleted, inserted or reordered entry breaks the chain at a point we can name.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The hash that the first entry links to.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// How a recorded action ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Success,
    /// Refused by authentication, authorisation or consent.
    Denied,
    /// Tried and failed, e.g. a wrong password.
    Failed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Denied => "denied",
            Outcome::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "success" => Some(Outcome::Success),
            "denied" => Some(Outcome::Denied),
            "failed" => Some(Outcome::Failed),
            _ => None,
        }
    }
}

/// What happened, as the code that did it describes it; the store adds sequence, time and hashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditDraft {
    /// The acting account's id, or `None` for an anonymous caller.
    pub actor: Option<String>,
    pub role: Option<String>,
    /// A stable action name such as `auth.login` or `fhir.read`.
    pub action: String,
    /// What was acted on, e.g. `user/0192…`; ids only, never names or health data.
    pub target: Option<String>,
    /// The patient whose data was touched, if any.
    pub patient: Option<String>,
    /// Why, e.g. a consent purpose such as `CAREMGT`.
    pub purpose: Option<String>,
    pub outcome: Outcome,
    pub request_id: Option<String>,
    pub ip: Option<String>,
}

impl AuditDraft {
    pub fn new(action: impl Into<String>, outcome: Outcome) -> Self {
        Self {
            actor: None,
            role: None,
            action: action.into(),
            target: None,
            patient: None,
            purpose: None,
            outcome,
            request_id: None,
            ip: None,
        }
    }

    /// Seals the draft as the entry after `prev` (`None` for the first entry).
    pub fn seal(self, seq: i64, at_ms: i64, prev_hash: &str) -> AuditEntry {
        let mut entry = AuditEntry {
            seq,
            at_ms,
            prev_hash: prev_hash.to_owned(),
            hash: String::new(),
            draft: self,
        };
        entry.hash = entry.compute_hash();
        entry
    }
}

/// One stored entry of the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at_ms: i64,
    pub prev_hash: String,
    pub hash: String,
    #[serde(flatten)]
    pub draft: AuditDraft,
}

/// The fields the hash covers, in a fixed order (serde keeps struct field order).
#[derive(Serialize)]
struct Canonical<'a> {
    seq: i64,
    at_ms: i64,
    actor: &'a Option<String>,
    role: &'a Option<String>,
    action: &'a str,
    target: &'a Option<String>,
    patient: &'a Option<String>,
    purpose: &'a Option<String>,
    outcome: &'a str,
    request_id: &'a Option<String>,
    ip: &'a Option<String>,
}

impl AuditEntry {
    /// SHA-256 over the previous hash, a NUL separator and the canonical JSON of the entry.
    pub fn compute_hash(&self) -> String {
        let d = &self.draft;
        let canonical = Canonical {
            seq: self.seq,
            at_ms: self.at_ms,
            actor: &d.actor,
            role: &d.role,
            action: &d.action,
            target: &d.target,
            patient: &d.patient,
            purpose: &d.purpose,
            outcome: d.outcome.as_str(),
            request_id: &d.request_id,
            ip: &d.ip,
        };
        let mut hasher = Sha256::new();
        hasher.update(self.prev_hash.as_bytes());
        hasher.update([0u8]);
        // Serialising a struct of strings and integers cannot fail.
        hasher.update(serde_json::to_vec(&canonical).unwrap_or_default());
        hex::encode(hasher.finalize())
    }
}

/// Where and how a chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("audit entry {seq} was edited: its contents no longer match its hash")]
    Edited { seq: i64 },
    #[error("audit entry {seq} is missing: it was deleted")]
    Missing { seq: i64 },
    #[error("audit entry {seq} does not follow entry {}: an entry was inserted or reordered here", seq - 1)]
    Unlinked { seq: i64 },
    #[error("audit entry {seq} is out of order: it was moved or inserted")]
    OutOfOrder { seq: i64 },
    #[error("audit entry {seq} is not covered by the chain head: it was inserted after the fact")]
    BeyondHead { seq: i64 },
}

/// The chain head the store keeps beside the entries: the last sequence number and its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub seq: i64,
    pub hash: String,
}

/// Walks entries in ascending `seq` order and stops at the first break.
#[derive(Debug)]
pub struct ChainVerifier {
    expected_seq: i64,
    prev_hash: String,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            expected_seq: 1,
            prev_hash: GENESIS_HASH.to_owned(),
        }
    }
}

impl ChainVerifier {
    pub fn check(&mut self, entry: &AuditEntry) -> Result<(), ChainBreak> {
        let seq = entry.seq;
        if seq > self.expected_seq {
            return Err(ChainBreak::Missing {
                seq: self.expected_seq,
            });
        }
        if seq < self.expected_seq {
            return Err(ChainBreak::OutOfOrder { seq });
        }
        if entry.prev_hash != self.prev_hash {
            return Err(ChainBreak::Unlinked { seq });
        }
        if entry.compute_hash() != entry.hash {
            return Err(ChainBreak::Edited { seq });
        }
        self.expected_seq += 1;
        self.prev_hash.clone_from(&entry.hash);
        Ok(())
    }

    /// Checks the end of the walk against the stored head; returns how many entries were checked.
    pub fn finish(self, head: Option<&ChainHead>) -> Result<i64, ChainBreak> {
        let last = self.expected_seq - 1;
        match head {
            None if last == 0 => Ok(0),
            None => Err(ChainBreak::BeyondHead { seq: 1 }),
            Some(h) if h.seq > last => Err(ChainBreak::Missing { seq: last + 1 }),
            Some(h) if h.seq < last => Err(ChainBreak::BeyondHead { seq: h.seq + 1 }),
            Some(h) if h.hash != self.prev_hash => Err(ChainBreak::Edited { seq: last }),
            Some(_) => Ok(last),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let mut d = AuditDraft::new("auth.login", Outcome::Success);
                d.actor = Some(format!("user-{seq}"));
                let e = d.seal(seq, 1_700_000_000_000 + seq, &prev);
                prev.clone_from(&e.hash);
                e
            })
            .collect()
    }

    fn head(entries: &[AuditEntry]) -> ChainHead {
        let last = entries.last().expect("non-empty chain");
        ChainHead {
            seq: last.seq,
            hash: last.hash.clone(),
        }
    }

    fn verify(entries: &[AuditEntry], head: &ChainHead) -> Result<i64, ChainBreak> {
        let mut v = ChainVerifier::default();
        for e in entries {
            v.check(e)?;
        }
        v.finish(Some(head))
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let c = chain(5);
        assert_eq!(verify(&c, &head(&c)), Ok(5));
        assert_eq!(ChainVerifier::default().finish(None), Ok(0));
    }

    #[test]
    fn an_edited_entry_is_named() {
        let mut c = chain(5);
        let h = head(&c);
        c[2].draft.action = "auth.logout".into();
        assert_eq!(verify(&c, &h), Err(ChainBreak::Edited { seq: 3 }));
    }

    #[test]
    fn an_edited_entry_with_a_recomputed_hash_breaks_the_next_link() {
        let mut c = chain(5);
        let h = head(&c);
        c[2].draft.outcome = Outcome::Failed;
        c[2].hash = c[2].compute_hash();
        assert_eq!(verify(&c, &h), Err(ChainBreak::Unlinked { seq: 4 }));
    }

    #[test]
    fn deleted_entries_are_named_in_the_middle_and_at_the_end() {
        let mut c = chain(5);
        let h = head(&c);
        c.remove(1);
        assert_eq!(verify(&c, &h), Err(ChainBreak::Missing { seq: 2 }));
        let mut c = chain(5);
        c.pop();
        assert_eq!(verify(&c, &h), Err(ChainBreak::Missing { seq: 5 }));
    }

    #[test]
    fn reordered_entries_are_named() {
        // The store reads entries by seq, so reordering means swapping sequence numbers.
        let mut c = chain(5);
        let h = head(&c);
        let (a, b) = (c[1].seq, c[2].seq);
        c[1].seq = b;
        c[2].seq = a;
        c.swap(1, 2);
        assert_eq!(verify(&c, &h), Err(ChainBreak::Unlinked { seq: 2 }));
        // A duplicated sequence number reads as an entry out of order.
        let mut c = chain(5);
        c[2].seq = 2;
        assert_eq!(verify(&c, &h), Err(ChainBreak::OutOfOrder { seq: 2 }));
    }

    #[test]
    fn an_appended_entry_outside_the_head_is_named() {
        let mut c = chain(5);
        let h = head(&c);
        let forged = AuditDraft::new("auth.login", Outcome::Success).seal(6, 1, &c[4].hash);
        c.push(forged);
        assert_eq!(verify(&c, &h), Err(ChainBreak::BeyondHead { seq: 6 }));
    }
}
