//! Who is calling and from where: everything a handler needs to authorise and audit.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use mysehat_domain::audit::{AuditDraft, Outcome};
use mysehat_domain::{Role, UserId};
use std::net::SocketAddr;

/// An authenticated caller, put into the request by the policy layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caller {
    pub user_id: UserId,
    pub role: Role,
}

/// The caller (if any), the request id and the client address of one request.
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub caller: Option<Caller>,
    pub request_id: Option<String>,
    pub ip: Option<String>,
}

impl RequestContext {
    pub fn from_parts(parts: &Parts, trust_forwarded_for: bool) -> Self {
        let forwarded = trust_forwarded_for
            .then(|| parts.headers.get("x-forwarded-for"))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(|v| v.trim().to_owned());
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string());
        Self {
            caller: parts.extensions.get::<Caller>().copied(),
            request_id: parts
                .headers
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            ip: forwarded.or(peer),
        }
    }

    /// The caller, or 401 (the policy layer normally guarantees one on protected routes).
    pub fn caller(&self) -> Result<Caller, ApiError> {
        self.caller.ok_or_else(ApiError::unauthorized)
    }

    /// An audit draft for `action`, filled with who, request id and address.
    pub fn audit(&self, action: &str, outcome: Outcome) -> AuditDraft {
        let mut d = AuditDraft::new(action, outcome);
        d.actor = self.caller.map(|c| c.user_id.to_string());
        d.role = self.caller.map(|c| c.role.as_str().to_owned());
        d.request_id.clone_from(&self.request_id);
        d.ip.clone_from(&self.ip);
        d
    }
}

impl FromRequestParts<AppState> for RequestContext {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self::from_parts(parts, state.settings.trust_forwarded_for))
    }
}
