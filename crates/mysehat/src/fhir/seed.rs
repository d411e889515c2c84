//! Writes resources straight through the store (validated and indexed like API writes), for
//! demo data and operator tools that run without an HTTP request.

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
        defs::validate(&resource)
            .map_err(|e| anyhow::anyhow!("invalid resource: {:?}", e.issues))?;
        let (rows, patients) =
            index::index(&resource).map_err(|e| anyhow::anyhow!("{:?}", e.issues))?;
        let ty = resource["resourceType"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let id = resource["id"].as_str().unwrap_or_default().to_owned();
        let mut entry = AuditDraft::new("fhir.create", Outcome::Success);
        entry.target = Some(format!("{ty}/{id}"));
        let patient = patients.owner;
        entry.patient.clone_from(&patient);
        entry.purpose = Some(purpose.to_owned());
        audit.push(entry);
        writes.push(FhirWrite {
            resource_type: ty,
            id,
            change: FhirChange::Put {
                resource,
                index: rows,
                patient,
            },
            if_match: None,
        });
    }
    let now = crate::time::now_ms();
    let stamp = Stamp {
        ms: now,
        text: crate::time::rfc3339(now),
    };
    store
        .fhir_write(&writes, &stamp, audit)
        .await?
        .map_err(|refusal| anyhow::anyhow!("refused: {refusal:?}"))?;
    Ok(())
}
