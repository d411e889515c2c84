//! The `mysehat` command line, run as an operator would run it.

use crate::util::{PASSWORD, TestApp};
use std::io::Write;
use std::process::{Command, Stdio};

fn mysehat(data_dir: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mysehat"));
    c.env("MYSEHAT_DATA_DIR", data_dir)
        .env("MYSEHAT_LOG_FORMAT", "pretty");
    c.env_remove("DATABASE_URL").env_remove("PORT");
    c
}

#[test]
fn every_subcommand_has_help() {
    let dir = tempfile::tempdir().expect("temp dir");
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["migrate", "--help"],
        &["users", "create", "--help"],
        &["audit", "verify", "--help"],
        &["openapi", "--help"],
    ] {
        let out = mysehat(dir.path()).args(args).output().expect("runs");
        assert!(out.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage"),
            "{args:?}"
        );
    }
}

#[tokio::test]
async fn an_operator_creates_the_first_admin_who_can_then_sign_in() {
    let app = TestApp::new().await;
    let mut child = mysehat(app.dir.path())
        .args([
            "users",
            "create",
            "--role",
            "admin",
            "--phone",
            "9812345678",
            "--name",
            "First Admin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .expect("password written");
    let out = child.wait_with_output().expect("finishes");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("+919812345678"));
    let tokens = app.login("9812345678").await;
    let me = app
        .get("/auth/me", tokens["access_token"].as_str())
        .await
        .json();
    assert_eq!(me["role"], "admin");
}

#[test]
fn a_staff_account_without_its_facility_is_refused_by_the_cli() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = mysehat(dir.path())
        .args([
            "users",
            "create",
            "--role",
            "doctor",
            "--phone",
            "9812345678",
            "--name",
            "Dr X",
        ])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"long-enough-pw\n")
        .expect("written");
    let out = child.wait_with_output().expect("finishes");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("facility"));
}

#[test]
fn an_unknown_configuration_key_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = mysehat(dir.path())
        .arg("migrate")
        .env("MYSEHAT_DATA_DRI", "/x")
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("`data_dri`"));
}

#[test]
fn migrate_creates_the_sqlite_database_in_the_data_dir() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = mysehat(dir.path()).arg("migrate").output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("mysehat.db").exists());
}

#[test]
fn the_config_file_may_be_named_in_the_environment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("custom.toml");
    std::fs::write(&file, "log_format = \"pretty\"\n").expect("write");
    let out = mysehat(dir.path())
        .arg("migrate")
        .env("MYSEHAT_CONFIG", &file)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
