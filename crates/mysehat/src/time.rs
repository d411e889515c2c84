//! Clock helpers: instants are UTC milliseconds inside, RFC 3339 at the edge.

pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

pub fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}
