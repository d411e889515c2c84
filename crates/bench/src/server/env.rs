//! The server's environment, built from the caller's: the server rejects unknown `MYSEHAT_*`
//! keys, so the bench's own (`MYSEHAT_SYNTHEA_DIR`) and any others never reach it.

use super::{BODY_LIMIT_BYTES, REQUEST_TIMEOUT_SECS};
use std::path::Path;

/// The child's environment: the caller's, less every `MYSEHAT_*` key and the seed names the
/// server reads, plus the bench's settings.
pub fn child_env(
    parent: impl IntoIterator<Item = (String, String)>,
    port: u16,
    data_dir: &Path,
    database_url: Option<&str>,
) -> Vec<(String, String)> {
    const SERVER_NAMES: [&str; 5] = [
        "PORT",
        "JWT_SECRET_KEY",
        "DATABASE_URL",
        "GROQ_API_KEY",
        "RUST_LOG",
    ];
    let mut env: Vec<(String, String)> = parent
        .into_iter()
        .filter(|(k, _)| !k.starts_with("MYSEHAT_") && !SERVER_NAMES.contains(&k.as_str()))
        .collect();
    let mut set = |k: &str, v: String| env.push((k.to_owned(), v));
    set("PORT", port.to_string());
    set("MYSEHAT_HOST", "127.0.0.1".into());
    set("MYSEHAT_DATA_DIR", data_dir.display().to_string());
    set("MYSEHAT_LOG_FORMAT", "pretty".into());
    set("MYSEHAT_BODY_LIMIT_BYTES", BODY_LIMIT_BYTES.to_string());
    set(
        "MYSEHAT_REQUEST_TIMEOUT_SECS",
        REQUEST_TIMEOUT_SECS.to_string(),
    );
    set("RUST_LOG", "warn".into());
    set("JWT_SECRET_KEY", "bench-key".into());
    if let Some(url) = database_url {
        set("DATABASE_URL", url.to_owned());
    }
    env
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn child_env_drops_other_mysehat_keys_and_sets_the_benchs() {
        let parent = [
            ("MYSEHAT_SYNTHEA_DIR", "/x"),
            ("MYSEHAT_CONFIG", "c"),
            ("PATH", "/bin"),
            ("DATABASE_URL", "old"),
            ("RUST_LOG", "debug"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()));
        let env = child_env(parent, 4321, Path::new("/tmp/d"), Some("postgres://h/db"));
        let get = |k: &str| {
            env.iter()
                .filter(|(n, _)| n == k)
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>()
        };
        assert!(get("MYSEHAT_SYNTHEA_DIR").is_empty() && get("MYSEHAT_CONFIG").is_empty());
        assert_eq!(get("PATH"), ["/bin"]);
        assert_eq!(get("PORT"), ["4321"]);
        assert_eq!(get("DATABASE_URL"), ["postgres://h/db"]);
        assert_eq!(get("RUST_LOG"), ["warn"]);
        assert_eq!(get("MYSEHAT_DATA_DIR"), ["/tmp/d"]);
        let sqlite = child_env(Vec::new(), 1, Path::new("/d"), None);
        assert!(sqlite.iter().all(|(k, _)| k != "DATABASE_URL"));
    }
}
