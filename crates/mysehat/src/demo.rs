//! Demo accounts for `mysehat serve --demo` (what `make run` starts): one per role, all with
//! the password in the README. Never use `--demo` on a real deployment.

use crate::auth::create_account;
use crate::auth::users::AccountForm;
use mysehat_domain::audit::{AuditDraft, Outcome};
use mysehat_domain::{PhoneNumber, Role};
use mysehat_storage::Store;

pub const DEMO_PASSWORD: &str = "mysehat-demo";

/// Role, phone, name, facility, area.
type DemoAccount = (
    Role,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

const ACCOUNTS: [DemoAccount; 7] = [
    (Role::Admin, "+919000000001", "Demo Admin", None, None),
    (
        Role::Doctor,
        "+919000000002",
        "Dr. Meera Rao",
        Some("demo-district-hospital"),
        None,
    ),
    (
        Role::HealthWorker,
        "+919000000003",
        "Sunita (ASHA)",
        None,
        Some("demo-village-rampur"),
    ),
    (
        Role::Dispatcher,
        "+919000000004",
        "Emergency Desk",
        Some("demo-district-hospital"),
        None,
    ),
    (
        Role::AmbulanceCrew,
        "+919000000005",
        "Ambulance 108-1",
        Some("demo-ambulance-base"),
        None,
    ),
    (
        Role::Moderator,
        "+919000000006",
        "Peer Group Moderator",
        None,
        None,
    ),
    (Role::Patient, "+919000000007", "Ramesh Kumar", None, None),
];

/// Creates any demo account that does not exist yet.
pub async fn seed(store: &dyn Store) -> anyhow::Result<usize> {
    let mut created = 0;
    for (role, phone, name, facility, area) in ACCOUNTS {
        if store
            .user_by_phone(&PhoneNumber::parse(phone)?)
            .await?
            .is_some()
        {
            continue;
        }
        let form = AccountForm {
            name: name.into(),
            phone: phone.into(),
            password: DEMO_PASSWORD.into(),
            language: None,
            role,
            facility_id: facility.map(Into::into),
            area: area.map(Into::into),
        };
        create_account(store, form, |id| {
            let mut audit = AuditDraft::new("users.create", Outcome::Success);
            audit.target = Some(format!("user/{id}"));
            audit.purpose = Some("demo".into());
            audit
        })
        .await
        .map_err(|e| anyhow::anyhow!("demo account {phone}: {}", e.message))?;
        created += 1;
    }
    Ok(created)
}
