//! Configuration: built-in defaults, then an optional `mysehat.toml`, then the environment.
//!
//! Environment names are `MYSEHAT_<KEY>` (e.g. `MYSEHAT_DATA_DIR`), plus the seed deployment's
//! `PORT`, `JWT_SECRET_KEY`, `DATABASE_URL` and `GROQ_API_KEY`. `MYSEHAT_TEST_*` belongs to the
//! test suite and `MYSEHAT_CONFIG` names the file (see `--config`); both are ignored here. An
//! unknown key is an error that names it.

use serde::Deserialize;
use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

/// A secret string: usable, but never printed by `Debug` or `Display`.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Sensitive(String);

impl Sensitive {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Sensitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Sensitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Json,
    Pretty,
}

/// Every setting, with its default. See the README's configuration table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub host: IpAddr,
    pub port: u16,
    pub data_dir: PathBuf,
    /// `postgres://…` or `sqlite://PATH`; defaults to `sqlite://<data_dir>/mysehat.db`.
    pub database_url: Option<Sensitive>,
    /// Signs access tokens; generated and kept in the data directory when unset.
    pub jwt_secret_key: Option<Sensitive>,
    pub groq_api_key: Option<Sensitive>,
    /// The built web app (`web/dist`).
    pub web_dir: PathBuf,
    pub access_token_ttl_secs: u64,
    pub refresh_token_ttl_days: u64,
    pub body_limit_bytes: usize,
    /// Largest body of a FHIR request (transaction Bundles are large).
    pub fhir_body_limit_bytes: usize,
    pub request_timeout_secs: u64,
    pub log_format: LogFormat,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    /// Failed logins per account before it is locked for a while.
    pub login_max_failures_per_account: i64,
    /// Failed logins per client address before it is locked for a while.
    pub login_max_failures_per_address: i64,
    /// Seconds an SOS waits for a desk to accept before the next hospitals are alerted.
    pub sos_escalate_after_secs: u64,
    /// Seconds after which an SOS nobody accepted is flagged and the patient told to call 112.
    pub sos_give_up_after_secs: u64,
    /// Seconds a break-the-glass access lasts.
    pub consent_break_glass_secs: u64,
    /// Days sync keeps tombstones; a device away longer resets (pulls everything again).
    pub sync_retention_days: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            host: IpAddr::from([0, 0, 0, 0]),
            port: 8000,
            data_dir: PathBuf::from("./data"),
            database_url: None,
            jwt_secret_key: None,
            groq_api_key: None,
            web_dir: PathBuf::from("web/dist"),
            access_token_ttl_secs: 15 * 60,
            refresh_token_ttl_days: 30,
            body_limit_bytes: 1024 * 1024,
            fhir_body_limit_bytes: 64 * 1024 * 1024,
            request_timeout_secs: 30,
            log_format: LogFormat::Json,
            trust_forwarded_for: false,
            login_max_failures_per_account: 5,
            login_max_failures_per_address: 30,
            sos_escalate_after_secs: 60,
            sos_give_up_after_secs: 180,
            consent_break_glass_secs: 3600,
            sync_retention_days: 90,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "unknown configuration key `{key}` (from {source_hint}); see the README's configuration table"
    )]
    UnknownKey { key: String, source_hint: String },
    #[error("configuration: {0}")]
    Invalid(String),
}

/// Names outside the `MYSEHAT_` prefix that the seed deployment used.
const SEED_NAMES: [(&str, &str); 4] = [
    ("PORT", "port"),
    ("JWT_SECRET_KEY", "jwt_secret_key"),
    ("DATABASE_URL", "database_url"),
    ("GROQ_API_KEY", "groq_api_key"),
];

impl Settings {
    /// Loads from `file` (if it exists) and the given environment variables.
    pub fn load(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, ConfigError> {
        let mut builder = config::Config::builder();
        if let Some(file) = file {
            builder = builder.add_source(config::File::from(file).required(false));
        }
        let mut overrides: Vec<(String, String)> = Vec::new();
        let mut prefixed = Vec::new();
        for (name, value) in env {
            if let Some((_, key)) = SEED_NAMES.iter().find(|(n, _)| *n == name) {
                overrides.push(((*key).to_owned(), value));
            } else if let Some(key) = name.strip_prefix("MYSEHAT_")
                && !key.starts_with("TEST_")
                && key != "CONFIG"
                && !key.is_empty()
            {
                prefixed.push((key.to_ascii_lowercase(), value));
            }
        }
        // The MYSEHAT_ names win over the seed's names.
        overrides.extend(prefixed);
        for (key, value) in overrides {
            builder = builder
                .set_override(key, value)
                .map_err(|e| ConfigError::Invalid(e.to_string()))?;
        }
        let raw = builder
            .build()
            .map_err(|e| ConfigError::Invalid(e.to_string()))?;
        raw.try_deserialize::<Settings>().map_err(|e| {
            let text = e.to_string();
            match text
                .split('`')
                .nth(1)
                .filter(|_| text.contains("unknown field"))
            {
                Some(key) => ConfigError::UnknownKey {
                    key: key.to_owned(),
                    source_hint: format!("MYSEHAT_{} or mysehat.toml", key.to_ascii_uppercase()),
                },
                None => ConfigError::Invalid(text),
            }
        })
    }

    /// The SOS alerting schedule: three desks at a time.
    pub fn escalation(&self) -> Result<mysehat_emergency::EscalationConfig, ConfigError> {
        mysehat_emergency::EscalationConfig::new(
            3,
            std::time::Duration::from_secs(self.sos_escalate_after_secs),
            std::time::Duration::from_secs(self.sos_give_up_after_secs),
        )
        .map_err(|e| {
            ConfigError::Invalid(format!(
                "sos_escalate_after_secs / sos_give_up_after_secs: {e}"
            ))
        })
    }

    /// The database URL in force: the configured one, or the embedded SQLite file.
    pub fn database_url(&self) -> Sensitive {
        self.database_url.clone().unwrap_or_else(|| {
            Sensitive::new(format!(
                "sqlite://{}",
                self.data_dir.join("mysehat.db").display()
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn defaults_serve_port_8000_on_all_addresses_with_sqlite_in_data() {
        let s = Settings::load(None, env(&[])).expect("defaults load");
        assert_eq!(s.port, 8000);
        assert_eq!(s.host.to_string(), "0.0.0.0");
        assert_eq!(s.database_url().expose(), "sqlite://./data/mysehat.db");
    }

    #[test]
    fn environment_overrides_file_and_seed_names_are_honoured() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("mysehat.toml");
        std::fs::write(&file, "port = 9000\ndata_dir = \"/srv/a\"\n").expect("write");
        let s = Settings::load(
            Some(&file),
            env(&[
                ("PORT", "7000"),
                ("MYSEHAT_DATA_DIR", "/srv/b"),
                ("DATABASE_URL", "postgres://db/x"),
                ("MYSEHAT_TEST_DATABASE_URL", "ignored"),
                ("HOME", "/root"),
            ]),
        )
        .expect("loads");
        assert_eq!(s.port, 7000);
        assert_eq!(s.data_dir, PathBuf::from("/srv/b"));
        assert_eq!(s.database_url().expose(), "postgres://db/x");
    }

    #[test]
    fn an_unknown_key_is_named_in_the_error() {
        let err = Settings::load(None, env(&[("MYSEHAT_DATA_DRI", "/x")])).expect_err("rejected");
        assert!(err.to_string().contains("`data_dri`"), "{err}");
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("mysehat.toml");
        std::fs::write(&file, "prot = 1\n").expect("write");
        let err = Settings::load(Some(&file), env(&[])).expect_err("rejected");
        assert!(err.to_string().contains("`prot`"), "{err}");
    }

    #[test]
    fn secrets_never_show_in_debug_output() {
        let s = Settings::load(
            None,
            env(&[
                ("JWT_SECRET_KEY", "s3cret-value"),
                ("GROQ_API_KEY", "gsk_live"),
            ]),
        )
        .expect("loads");
        let shown = format!("{s:?}");
        assert!(
            !shown.contains("s3cret-value") && !shown.contains("gsk_live"),
            "{shown}"
        );
        assert!(shown.contains("[redacted]"));
    }

    #[test]
    fn a_bad_value_is_an_error_not_a_default() {
        assert!(Settings::load(None, env(&[("PORT", "eighty")])).is_err());
    }
}
