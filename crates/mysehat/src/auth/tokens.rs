//! Access tokens (short-lived signed JWTs) and refresh tokens (random, stored only as hashes).

use crate::http::Caller;
use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use mysehat_domain::{Role, UserId};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    role: Role,
    iat: u64,
    exp: u64,
}

/// Signs and checks access tokens with one HMAC key.
pub struct TokenSigner {
    encoding: EncodingKey,
    decoding: DecodingKey,
    ttl_secs: u64,
}

impl std::fmt::Debug for TokenSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSigner")
            .field("ttl_secs", &self.ttl_secs)
            .finish_non_exhaustive()
    }
}

impl TokenSigner {
    pub fn new(secret: &[u8], ttl_secs: u64) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            ttl_secs,
        }
    }

    pub fn ttl_secs(&self) -> u64 {
        self.ttl_secs
    }

    /// A signed access token for `user` valid from `now_secs` for the configured time.
    pub fn issue(
        &self,
        user: UserId,
        role: Role,
        now_secs: u64,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let claims = Claims {
            sub: user.to_string(),
            role,
            iat: now_secs,
            exp: now_secs + self.ttl_secs,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// The caller a token names, if its signature and expiry hold.
    pub fn verify(&self, token: &str) -> Option<Caller> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation).ok()?;
        Some(Caller {
            user_id: data.claims.sub.parse().ok()?,
            role: data.claims.role,
        })
    }
}

/// A new refresh token: 256 random bits, URL-safe.
pub fn new_refresh_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// How a refresh token is stored: its SHA-256, so a database leak yields no usable token.
pub fn hash_refresh_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_with_its_key_only_and_until_it_expires() {
        let signer = TokenSigner::new(b"key-one", 60);
        let user = UserId::new();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        let token = signer.issue(user, Role::Doctor, now).expect("signed");
        assert_eq!(
            signer.verify(&token),
            Some(Caller {
                user_id: user,
                role: Role::Doctor
            })
        );
        assert_eq!(TokenSigner::new(b"key-two", 60).verify(&token), None);
        let old = signer
            .issue(user, Role::Doctor, now - 3_600)
            .expect("signed");
        assert_eq!(signer.verify(&old), None);
        assert_eq!(signer.verify("not.a.token"), None);
    }

    #[test]
    fn refresh_tokens_are_random_and_stored_hashed() {
        let a = new_refresh_token().expect("random");
        let b = new_refresh_token().expect("random");
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_ne!(hash_refresh_token(&a), a);
        assert_eq!(hash_refresh_token(&a), hash_refresh_token(&a));
    }
}
