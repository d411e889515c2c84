//! What every bench binary takes and does alike at the command line: the server binary, the
//! PostgreSQL server, the bench's own runtime, and the exit status.

use std::future::Future;
use std::path::PathBuf;
use std::process::ExitCode;

/// Flags shared by the benches (`#[command(flatten)]`).
#[derive(Debug, clap::Args)]
pub struct Common {
    /// Worker threads of the bench's own runtime (default: one per core); the server shares
    /// the same cores, so fewer leave it more.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=64))]
    pub client_threads: Option<u64>,
    /// The server binary (default: `mysehat` beside this one).
    #[arg(long)]
    pub server_bin: Option<PathBuf>,
    /// PostgreSQL server (trust auth) where a throw-away database is made.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432")]
    pub postgres: String,
}

impl Common {
    /// The server binary, which must exist.
    pub fn server_bin(&self) -> anyhow::Result<PathBuf> {
        let bin = match &self.server_bin {
            Some(b) => b.clone(),
            None => std::env::current_exe()?.with_file_name("mysehat"),
        };
        anyhow::ensure!(
            bin.exists(),
            "no server binary at {}; run `cargo build --release -p mysehat`",
            bin.display()
        );
        Ok(bin)
    }

    /// "one per core" or the number asked for, for the run's header.
    pub fn threads(&self) -> String {
        self.client_threads
            .map_or_else(|| "one per core".into(), |n| n.to_string())
    }

    /// Runs `bench` on the bench's runtime: success when it returns `Ok(true)`; `Ok(false)`
    /// (something failed or answered wrongly, already printed) and errors are failures.
    pub fn run<F>(&self, bench: F) -> ExitCode
    where
        F: Future<Output = anyhow::Result<bool>>,
    {
        let mut builder = tokio::runtime::Builder::new_multi_thread();
        if let Some(n) = self.client_threads {
            builder.worker_threads(usize::try_from(n).unwrap_or(1));
        }
        let runtime = match builder.enable_all().build() {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: cannot start the runtime: {e}");
                return ExitCode::FAILURE;
            }
        };
        match runtime.block_on(bench) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::FAILURE,
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        }
    }
}

/// Runs one backend after another. `run` answers `None` when the backend cannot be reached
/// (PostgreSQL down), else its report and whether every request was answered right; a backend
/// that fails is reported and makes the whole run fail. Returns the reports and that verdict.
pub async fn each_backend<R>(
    backends: &[&'static str],
    mut run: impl AsyncFnMut(&'static str) -> anyhow::Result<Option<(R, bool)>>,
) -> (Vec<R>, bool) {
    let mut reports = Vec::new();
    let mut ok = true;
    for &backend in backends {
        println!("\n== {backend} ==");
        match run(backend).await {
            Ok(Some((report, clean))) => {
                ok &= clean;
                reports.push(report);
            }
            Ok(None) => {}
            Err(e) => {
                eprintln!("[{backend}] FAILED: {e:#}");
                ok = false;
            }
        }
    }
    (reports, ok)
}
