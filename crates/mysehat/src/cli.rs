//! The command line: `serve`, `migrate`, `users create`, `audit verify`, `openapi`.

use crate::config::Settings;
use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use mysehat_domain::Role;
use mysehat_domain::audit::{AuditDraft, Outcome};
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

/// MySehat: an offline-first digital health platform, served from one binary.
#[derive(Debug, Parser)]
#[command(name = "mysehat", version)]
pub struct Cli {
    /// Configuration file (TOML); read if it exists.
    #[arg(
        long,
        global = true,
        default_value = "mysehat.toml",
        env = "MYSEHAT_CONFIG"
    )]
    config: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API and the web app (migrates the database first).
    Serve {
        /// Create demo accounts for every role (password in the README); never in production.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    Users(UsersCommand),
    /// Check the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Manage the emergency facility registry.
    #[command(subcommand)]
    Facilities(FacilitiesCommand),
    /// Print the OpenAPI document as JSON.
    Openapi,
    /// Evaluate clinical engines against case files.
    #[command(subcommand)]
    Eval(EvalCommand),
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// Run symptom-checker vignettes (JSON) and print triage accuracy, emergency sensitivity,
    /// under-triage and diagnosis in the top 1, 3 and 10.
    Triage {
        /// A JSON array of cases: age, sex, text, expected_triage, expected_diagnosis, …
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum UsersCommand {
    /// Create an account (how an operator makes the first admin and staff accounts).
    /// The password is read from the first line of standard input.
    Create(CreateUser),
}

#[derive(Debug, Args)]
struct CreateUser {
    /// patient, health_worker, doctor, dispatcher, ambulance_crew, moderator or admin.
    #[arg(long)]
    role: Role,
    /// Mobile number; Indian numbers may omit +91.
    #[arg(long)]
    phone: String,
    /// Display name.
    #[arg(long)]
    name: String,
    /// The facility of a doctor, dispatcher or ambulance crew.
    #[arg(long)]
    facility: Option<String>,
    /// The area of a health worker or supervisor.
    #[arg(long)]
    area: Option<String>,
    /// en or hi.
    #[arg(long)]
    language: Option<String>,
}

#[derive(Debug, Subcommand)]
enum FacilitiesCommand {
    /// Load hospitals and ambulance bases from a CSV file (columns: id, name, kind, lat, lon,
    /// phone, capabilities, ed_status, free_beds); existing ids are replaced. Prints progress
    /// and every rejected row with its line number; exits 2 if any row was rejected.
    Import { file: PathBuf },
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Walk the hash chain; exit non-zero naming the first edited, deleted, inserted or
    /// reordered entry.
    Verify,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Eval(EvalCommand::Triage { file }) = &cli.command {
        return eval_triage(file);
    }
    if let Command::Openapi = cli.command {
        return match serde_json::to_string_pretty(&crate::app::openapi()) {
            Ok(doc) => {
                println!("{doc}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(e.into()),
        };
    }
    // Variables that are not valid Unicode cannot be ours; skip them rather than panic.
    let env = std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)));
    let settings = match Settings::load(Some(&cli.config), env) {
        Ok(s) => s,
        Err(e) => return fail(e.into()),
    };
    crate::telemetry::init(settings.log_format);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => return fail(e.into()),
    };
    match runtime.block_on(run(cli.command, settings)) {
        Ok(code) => code,
        Err(e) => fail(e),
    }
}

fn eval_triage(file: &std::path::Path) -> ExitCode {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => return fail(anyhow::anyhow!("cannot read {}: {e}", file.display())),
    };
    match mysehat_triage::eval::load_cases(&text) {
        Ok(cases) => {
            println!("{}", mysehat_triage::eval::run(&cases));
            ExitCode::SUCCESS
        }
        Err(e) => fail(anyhow::anyhow!("{}: {e}", file.display())),
    }
}

fn fail(e: anyhow::Error) -> ExitCode {
    eprintln!("error: {e:#}");
    ExitCode::FAILURE
}

async fn run(command: Command, settings: Settings) -> anyhow::Result<ExitCode> {
    match command {
        Command::Serve { demo } => {
            let store = crate::server::open_store(&settings).await?;
            if demo {
                let created = crate::demo::seed(store.as_ref()).await?;
                tracing::info!(created, "demo accounts ready (password in the README)");
                let facilities = crate::demo::seed_registry(store.as_ref()).await?;
                tracing::info!(facilities, "demo facility registry ready");
            }
            let listener = tokio::net::TcpListener::bind((settings.host, settings.port))
                .await
                .with_context(|| format!("cannot listen on {}:{}", settings.host, settings.port))?;
            let state = crate::server::state(settings, store)?;
            crate::server::cancel_on_signal(state.shutdown.clone());
            crate::server::run(listener, state).await?;
        }
        Command::Migrate => {
            crate::server::open_store(&settings).await?;
            println!("migrations applied");
        }
        Command::Users(UsersCommand::Create(args)) => create_user(&settings, args).await?,
        Command::Facilities(FacilitiesCommand::Import { file }) => {
            return import_facilities(&settings, &file).await;
        }
        Command::Audit(AuditCommand::Verify) => {
            let store = crate::server::open_store(&settings).await?;
            return Ok(
                match mysehat_storage::verify_audit_chain(store.as_ref()).await? {
                    Ok(count) => {
                        println!("audit log intact: {count} entries verified");
                        ExitCode::SUCCESS
                    }
                    Err(broken) => {
                        eprintln!("audit log tampered: {broken}");
                        ExitCode::from(2)
                    }
                },
            );
        }
        Command::Openapi | Command::Eval(_) => {}
    }
    Ok(ExitCode::SUCCESS)
}

async fn create_user(settings: &Settings, args: CreateUser) -> anyhow::Result<()> {
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut password)
        .context("cannot read the password from standard input")?;
    let password = password.trim_end_matches(['\r', '\n']).to_owned();
    let store = crate::server::open_store(settings).await?;
    let form = crate::auth::users::AccountForm {
        name: args.name,
        phone: args.phone,
        password,
        language: args.language,
        role: args.role,
        facility_id: args.facility,
        area: args.area,
    };
    let user = crate::auth::create_account(store.as_ref(), form, |id| {
        let mut audit = AuditDraft::new("users.create", Outcome::Success);
        audit.target = Some(format!("user/{id}"));
        audit.purpose = Some("cli".into());
        audit
    })
    .await
    .map_err(|e| anyhow::anyhow!("{}", e.message))?;
    println!("created {} account {} ({})", user.role, user.id, user.phone);
    Ok(())
}

async fn import_facilities(
    settings: &Settings,
    file: &std::path::Path,
) -> anyhow::Result<ExitCode> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let (facilities, rejected) =
        crate::sos::import::parse_csv(&text, crate::time::now_ms()).map_err(anyhow::Error::msg)?;
    let store = crate::server::open_store(settings).await?;
    let total = facilities.len();
    for (n, f) in facilities.iter().enumerate() {
        let mut audit = AuditDraft::new("facility.put", Outcome::Success);
        audit.target = Some(format!("facility/{}", f.id));
        audit.purpose = Some("cli".into());
        store.put_facility(f, audit).await?;
        if (n + 1) % 100 == 0 || n + 1 == total {
            eprintln!("loaded {}/{total}", n + 1);
        }
    }
    for r in &rejected {
        eprintln!("line {}: rejected: {}", r.line, r.reason);
    }
    println!(
        "{total} facilities loaded, {} rows rejected",
        rejected.len()
    );
    Ok(if rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
