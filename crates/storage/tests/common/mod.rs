//! Fixtures shared by the storage contract suites: a fresh SQLite file, or a fresh schema on
//! the PostgreSQL server that `MYSEHAT_TEST_DATABASE_URL` names, and a macro that declares each
//! contract test once per backend.

use mysehat_storage::{PostgresStore, SqliteStore, Store};
use std::sync::Arc;

pub struct Fixture {
    pub store: Arc<dyn Store>,
    _dir: Option<tempfile::TempDir>,
}

pub async fn sqlite() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("contract.db"))
        .await
        .expect("open sqlite");
    store.migrate().await.expect("migrate");
    Fixture {
        store: Arc::new(store),
        _dir: Some(dir),
    }
}

pub async fn postgres() -> Option<Fixture> {
    let url = std::env::var("MYSEHAT_TEST_DATABASE_URL").ok()?;
    let schema = format!("contract_{}", uuid::Uuid::now_v7().simple());
    let store = PostgresStore::connect(&url, Some(&schema))
        .await
        .expect("connect to PostgreSQL");
    store.migrate().await.expect("migrate");
    Some(Fixture {
        store: Arc::new(store),
        _dir: None,
    })
}

macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test]
            async fn $name() { super::$name(super::sqlite().await.store).await; })*
        }
        mod on_postgres {
            $(#[tokio::test]
            async fn $name() {
                match super::postgres().await {
                    Some(f) => super::$name(f.store).await,
                    None => eprintln!("MYSEHAT_TEST_DATABASE_URL is not set: PostgreSQL not tested"),
                }
            })*
        }
    };
}
