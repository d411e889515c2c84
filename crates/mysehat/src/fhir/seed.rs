//! Writes resources straight through the store (validated and indexed like API writes), for
//! demo data, operator tools and modules that keep their records as FHIR resources (the
//! medical ID) without going through the `/fhir` HTTP API.

use super::{defs, index};
use mysehat_domain::audit::{AuditDraft, Outcome};
use mysehat_storage::Store;
use mysehat_storage::fhir::{FhirChange, FhirWrite, Stamp};
use serde_json::Value;

/// Stores `resources` (each with its `id`) in one transaction, audited with `purpose`.
pub async fn put_all(
    store: &dyn Store,
    resources: Vec<Value>,
    purpose: &str,
) -> anyhow::Result<()> {
    let mut writes = Vec::with_capacity(resources.len());
    let mut audit = Vec::with_capacity(resources.len());
    for resource in resources {
        let write = put(resource)?;
        let mut entry = AuditDraft::new("fhir.create", Outcome::Success);
        entry.target = Some(format!("{}/{}", write.resource_type, write.id));
        if let FhirChange::Put { patient, .. } = &write.change {
            entry.patient.clone_from(patient);
        }
        entry.purpose = Some(purpose.to_owned());
        audit.push(entry);
        writes.push(write);
    }
    commit(store, &writes, audit).await
}

/// A validated, indexed write of `resource` (which carries its `id`).
pub fn put(resource: Value) -> anyhow::Result<FhirWrite> {
    defs::validate(&resource).map_err(|e| anyhow::anyhow!("invalid resource: {:?}", e.issues))?;
    let (rows, patients) =
        index::index(&resource).map_err(|e| anyhow::anyhow!("{:?}", e.issues))?;
    let resource_type = resource["resourceType"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let id = resource["id"].as_str().unwrap_or_default().to_owned();
    Ok(FhirWrite {
        resource_type,
        id,
        change: FhirChange::Put {
            resource,
            index: rows,
            patient: patients.owner,
        },
        if_match: None,
    })
}

/// A delete of `resource_type/id`.
pub fn delete(resource_type: &str, id: &str) -> FhirWrite {
    FhirWrite {
        resource_type: resource_type.to_owned(),
        id: id.to_owned(),
        change: FhirChange::Delete,
        if_match: None,
    }
}

/// Applies `writes` and `audit` in one transaction, stamped now.
pub async fn commit(
    store: &dyn Store,
    writes: &[FhirWrite],
    audit: Vec<AuditDraft>,
) -> anyhow::Result<()> {
    let now = crate::time::now_ms();
    let stamp = Stamp {
        ms: now,
        text: crate::time::rfc3339(now),
    };
    store
        .fhir_write(writes, &stamp, audit)
        .await?
        .map_err(|refusal| anyhow::anyhow!("refused: {refusal:?}"))?;
    Ok(())
}
