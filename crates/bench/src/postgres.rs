//! A throw-away PostgreSQL database per run, made and dropped with `psql` (the client works as
//! root; only the server tools refuse), so the bench needs no database driver of its own.

use anyhow::{Context, bail};
use std::process::{Command, Stdio};

/// A database that exists until it is dropped (explicitly, or when this value is dropped).
#[derive(Debug)]
pub struct Database {
    server: String,
    pub name: String,
    dropped: bool,
}

impl Database {
    /// Creates `mysehat_bench_<random>` on `server` (`postgres://user@host:port`), or returns
    /// why PostgreSQL cannot be used.
    pub fn create(server: &str) -> Result<Self, String> {
        psql(server, "SELECT 1")
            .map_err(|e| format!("PostgreSQL at {server} is not reachable: {e:#}"))?;
        let name = database_name(random_suffix());
        psql(server, &format!("CREATE DATABASE {name}"))
            .map_err(|e| format!("cannot create {name}: {e:#}"))?;
        Ok(Self {
            server: server.trim_end_matches('/').to_owned(),
            name,
            dropped: false,
        })
    }

    pub fn url(&self) -> String {
        format!("{}/{}", self.server, self.name)
    }

    /// `pg_database_size`, in bytes.
    pub fn size_bytes(&self) -> Option<u64> {
        psql(
            &self.server,
            &format!("SELECT pg_database_size('{}')", self.name),
        )
        .ok()?
        .trim()
        .parse()
        .ok()
    }

    /// The server's version and whether autovacuum (which also keeps planner statistics
    /// fresh) is on: both change what the figures mean.
    pub fn describe(&self) -> String {
        let ask = |sql: &str| {
            psql(&self.server, sql).map_or_else(|_| "?".into(), |s| s.trim().to_owned())
        };
        format!(
            "PostgreSQL {}, autovacuum {}",
            ask("SHOW server_version"),
            ask("SHOW autovacuum")
        )
    }

    /// Refreshes the planner's statistics, as autovacuum would some time after a bulk load.
    pub fn analyze(&self) -> anyhow::Result<()> {
        psql_in(&self.server, &self.name, "ANALYZE").map(|_| ())
    }

    /// Drops the database (forcing out any connection the server left).
    pub fn drop_now(&mut self) -> anyhow::Result<()> {
        self.dropped = true;
        psql(
            &self.server,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        )
        .map(|_| ())
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if !self.dropped
            && let Err(e) = self.drop_now()
        {
            eprintln!(
                "warning: could not drop the bench database {}: {e:#}",
                self.name
            );
        }
    }
}

/// Runs one statement against the server's `postgres` database; returns its unaligned output.
fn psql(server: &str, sql: &str) -> anyhow::Result<String> {
    psql_in(server, "postgres", sql)
}

fn psql_in(server: &str, database: &str, sql: &str) -> anyhow::Result<String> {
    let out = Command::new("psql")
        .arg(format!("{}/{database}", server.trim_end_matches('/')))
        .args(["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .env("PGCONNECT_TIMEOUT", "5")
        .stdin(Stdio::null())
        .output()
        .context("cannot run psql (is postgresql-client installed?)")?;
    if !out.status.success() {
        bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A suffix unlikely to collide with another run: the clock's nanoseconds and the process id.
fn random_suffix() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    (nanos as u64) ^ (u64::from(std::process::id()) << 40)
}

/// A lower-case identifier that needs no quoting.
fn database_name(suffix: u64) -> String {
    format!("mysehat_bench_{suffix:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names_are_plain_identifiers() {
        let name = database_name(0xdead_beef);
        assert_eq!(name, "mysehat_bench_00000000deadbeef");
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        );
    }
}
