//! The plain records that cross the storage interface.

use mysehat_domain::{Language, PersonName, PhoneNumber, Role, UserId};

/// An account as stored. The password hash never leaves the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: UserId,
    pub phone: PhoneNumber,
    pub name: PersonName,
    pub role: Role,
    pub language: Language,
    pub password_hash: String,
    pub facility_id: Option<String>,
    pub area: Option<String>,
    pub created_at_ms: i64,
}

/// An account to create; callers have validated every field.
pub type NewUser = UserRecord;

/// A refresh token to store, as a hash, in a family that shares one login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRefreshToken {
    pub token_hash: String,
    pub family_id: String,
    pub user_id: UserId,
    pub issued_at_ms: i64,
    pub expires_at_ms: i64,
}

/// What presenting a refresh token led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    /// The token was live; `next` is now the family's live token.
    Rotated {
        user_id: UserId,
    },
    /// The token was already used or revoked: the whole family is now revoked.
    Reused {
        user_id: UserId,
    },
    Expired,
    Unknown,
}

/// How many failed logins lock a key, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Failures allowed in one window before the key locks.
    pub max_failures: i64,
    pub window_ms: i64,
    /// The first lock's length; each further failure doubles it, up to `max_lock_ms`.
    pub base_lock_ms: i64,
    pub max_lock_ms: i64,
}

impl ThrottlePolicy {
    /// When a key with `failures` failures (counting the one just made) unlocks, if locked.
    pub fn lock_until(&self, failures: i64, now_ms: i64) -> Option<i64> {
        let over = failures - self.max_failures;
        if over < 0 {
            return None;
        }
        let doublings = u32::try_from(over.min(20)).unwrap_or(20);
        let lock = self
            .base_lock_ms
            .saturating_mul(1_i64 << doublings)
            .min(self.max_lock_ms);
        Some(now_ms + lock)
    }
}

/// A page of the audit log, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// Only entries about this patient.
    pub patient: Option<String>,
    /// Leave out entries by this actor (a patient's own actions in their access list).
    pub exclude_actor: Option<String>,
    /// Only entries with a smaller sequence number (the previous page's last).
    pub before_seq: Option<i64>,
    pub limit: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_start_at_the_limit_and_double_up_to_the_cap() {
        let p = ThrottlePolicy {
            max_failures: 5,
            window_ms: 900_000,
            base_lock_ms: 60_000,
            max_lock_ms: 900_000,
        };
        assert_eq!(p.lock_until(4, 0), None);
        assert_eq!(p.lock_until(5, 0), Some(60_000));
        assert_eq!(p.lock_until(6, 0), Some(120_000));
        assert_eq!(p.lock_until(60, 0), Some(900_000));
    }
}
