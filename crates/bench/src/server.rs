//! The real `mysehat serve` as a child process: a clean environment (the server rejects unknown
//! `MYSEHAT_*` keys), a fresh data directory, a free port on 127.0.0.1, and a SIGTERM at the end.
//! Dropping a `Server` that was not stopped kills it, so no run leaves a server behind.

mod env;

use crate::session::{ADMIN_PASSWORD, ADMIN_PHONE};
use anyhow::{Context, bail};
use env::child_env;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Synthea patient bundles reach 11 MB; the default 1 MiB body limit would refuse them.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024 * 1024;
/// A large transaction may take longer than the default 30 s request timeout on a slow run.
pub const REQUEST_TIMEOUT_SECS: u64 = 600;

#[derive(Debug)]
pub struct Server {
    child: Option<Child>,
    pub base: String,
    env: Vec<(String, String)>,
    bin: PathBuf,
    dir: tempfile::TempDir,
}

impl Server {
    /// Starts the server; `database_url` is `None` for SQLite in the data directory.
    /// `settings` are extra environment variables (e.g. `MYSEHAT_ACCESS_TOKEN_TTL_SECS`) that
    /// replace the bench's defaults of the same name.
    pub fn start(
        bin: &Path,
        database_url: Option<&str>,
        settings: &[(&str, String)],
    ) -> anyhow::Result<Self> {
        Self::start_with_flags(bin, database_url, settings, &[])
    }

    /// As [`Server::start`], with flags after `serve` (e.g. `--demo` for the demo accounts
    /// and villages).
    pub fn start_with_flags(
        bin: &Path,
        database_url: Option<&str>,
        settings: &[(&str, String)],
        flags: &[&str],
    ) -> anyhow::Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("mysehat-bench-")
            .tempdir()
            .context("cannot make a temp dir")?;
        let port = free_port()?;
        let mut env = child_env(
            std::env::vars(),
            port,
            &dir.path().join("data"),
            database_url,
        );
        for (key, value) in settings {
            env.retain(|(k, _)| k != key);
            env.push(((*key).to_owned(), value.clone()));
        }
        let log = std::fs::File::create(dir.path().join("server.log"))
            .context("cannot create server.log")?;
        let child = Command::new(bin)
            .arg("serve")
            .args(flags)
            .current_dir(dir.path())
            .env_clear()
            .envs(env.iter().cloned())
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .with_context(|| format!("cannot start {}", bin.display()))?;
        Ok(Self {
            child: Some(child),
            base: format!("http://127.0.0.1:{port}"),
            env,
            bin: bin.to_owned(),
            dir,
        })
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// Polls `GET /health` until it answers 200, the child exits, or a minute passes.
    pub async fn wait_healthy(&mut self, client: &reqwest::Client) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(child) = self.child.as_mut()
                && let Some(status) = child.try_wait()?
            {
                bail!(
                    "the server exited ({status}) before it was healthy:\n{}",
                    self.log_tail(30)
                );
            }
            let reply = client
                .get(format!("{}/health", self.base))
                .timeout(Duration::from_secs(2))
                .send()
                .await;
            if reply.is_ok_and(|r| r.status().is_success()) {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!(
                    "the server was not healthy after 60 s:\n{}",
                    self.log_tail(30)
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// `mysehat users create --role admin` with the server's environment; password on stdin.
    pub fn create_admin(&self) -> anyhow::Result<()> {
        let mut child = Command::new(&self.bin)
            .args([
                "users",
                "create",
                "--role",
                "admin",
                "--phone",
                ADMIN_PHONE,
                "--name",
                "Bench",
            ])
            .current_dir(self.dir.path())
            .env_clear()
            .envs(self.env.iter().cloned())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .context("cannot run `mysehat users create`")?;
        if let Some(mut stdin) = child.stdin.take() {
            writeln!(stdin, "{ADMIN_PASSWORD}").context("cannot write the password")?;
        }
        let out = child.wait_with_output()?;
        if !out.status.success() {
            bail!(
                "`mysehat users create` failed ({}): {}{}",
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    }

    /// The child's peak resident set (VmHWM), in KiB.
    pub fn peak_rss_kib(&self) -> Option<u64> {
        self.status_kib("VmHWM:")
    }

    /// The child's resident set now (VmRSS), in KiB.
    pub fn rss_kib(&self) -> Option<u64> {
        self.status_kib("VmRSS:")
    }

    /// One `… kB` field of `/proc/<pid>/status`.
    fn status_kib(&self, field: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()?)).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix(field))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    pub fn data_dir_bytes(&self) -> u64 {
        dir_size(&self.dir.path().join("data"))
    }

    fn log(&self) -> String {
        let log = std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default();
        strip_ansi(&log)
    }

    /// The last `n` lines of the server's log.
    pub fn log_tail(&self, n: usize) -> String {
        let log = self.log();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(n)..].join("\n")
    }

    /// Log lines at ERROR level (the server runs with RUST_LOG=warn).
    pub fn logged_errors(&self) -> Vec<String> {
        self.logged_at(" ERROR ")
    }

    /// Log lines at WARN level.
    pub fn logged_warnings(&self) -> Vec<String> {
        self.logged_at(" WARN ")
    }

    fn logged_at(&self, level: &str) -> Vec<String> {
        let log = self.log();
        log.lines()
            .filter(|l| l.contains(level))
            .map(str::to_owned)
            .collect()
    }

    /// SIGTERM, then wait up to 30 s (SIGKILL after that).
    pub fn stop(&mut self) -> anyhow::Result<ExitStatus> {
        let Some(mut child) = self.child.take() else {
            bail!("the server was already stopped")
        };
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = child.try_wait()? {
                return Ok(status);
            }
            if Instant::now() > deadline {
                child.kill()?;
                bail!("the server ignored SIGTERM for 30 s and was killed");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The text without terminal colour codes (`ESC [ … letter`), which the pretty log format uses.
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn free_port() -> anyhow::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("cannot find a free port")?;
    Ok(listener.local_addr()?.port())
}

/// Bytes under a directory (files only, symlinks not followed).
pub fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map_or(0, |m| m.len()),
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_codes_are_stripped_from_log_lines() {
        let line = "\u{1b}[2m2026-11-27T03:37:35Z\u{1b}[0m \u{1b}[31mERROR\u{1b}[0m locked";
        assert_eq!(strip_ansi(line), "2026-11-27T03:37:35Z ERROR locked");
        assert_eq!(strip_ansi("plain"), "plain");
    }

    #[test]
    fn dir_size_adds_nested_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        std::fs::write(dir.path().join("a"), [0u8; 10]).expect("write");
        std::fs::write(dir.path().join("sub/b"), [0u8; 5]).expect("write");
        assert_eq!(dir_size(dir.path()), 15);
        assert_eq!(dir_size(&dir.path().join("missing")), 0);
    }
}
