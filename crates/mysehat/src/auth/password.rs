//! Password hashing with Argon2id (the crate's defaults: 19 MiB, 2 passes, 1 lane, per OWASP).
//! Hashing runs on the blocking pool so it never stalls the async workers.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use mysehat_domain::Password;
use std::sync::OnceLock;

pub async fn hash(password: Password) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_blocking(password.expose())).await?
}

fn hash_blocking(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

/// Checks `password` against `stored`, or against a dummy hash when there is no account, so a
/// wrong phone number takes as long as a wrong password and reveals nothing.
pub async fn verify(password: Password, stored: Option<String>) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let stored = match stored {
            Some(s) => s,
            None => dummy_hash()?.to_owned(),
        };
        let parsed = PasswordHash::new(&stored).map_err(|e| anyhow::anyhow!("stored hash: {e}"))?;
        let ok = Argon2::default()
            .verify_password(password.expose().as_bytes(), &parsed)
            .is_ok();
        Ok(ok && known)
    })
    .await?
}

fn dummy_hash() -> anyhow::Result<&'static str> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return Ok(h);
    }
    let h = hash_blocking("no account has this password")?;
    Ok(DUMMY.get_or_init(|| h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_accepts_its_password_only() {
        let h = hash(Password::offered("correct horse".into()))
            .await
            .expect("hashed");
        assert!(h.starts_with("$argon2id$"));
        assert!(
            verify(Password::offered("correct horse".into()), Some(h.clone()))
                .await
                .expect("ran")
        );
        assert!(
            !verify(Password::offered("wrong horse".into()), Some(h))
                .await
                .expect("ran")
        );
        assert!(
            !verify(Password::offered("anything".into()), None)
                .await
                .expect("ran")
        );
    }
}
