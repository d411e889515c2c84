//! `GET /fhir/metadata`: the CapabilityStatement, listing exactly what this server supports.

use super::defs;
use serde_json::{Value, json};

pub fn statement(base_url: &str) -> Value {
    let resources: Vec<Value> = defs::resource_types()
        .map(|ty| {
            let params: Vec<Value> = defs::params(ty)
                .filter(|p| p.supported)
                .map(|p| json!({"name": p.code, "type": defs::kind_name(p.kind)}))
                .collect();
            let interactions: Vec<Value> = [
                "read", "vread", "update", "patch", "delete", "history-instance", "history-type", "create", "search-type",
            ]
            .iter()
            .map(|code| json!({"code": code}))
            .collect();
            let mut resource = json!({
                "type": ty,
                "interaction": interactions,
                "versioning": "versioned-update",
                "readHistory": true,
                "updateCreate": true,
                "conditionalCreate": true,
                "conditionalRead": "not-supported",
                "conditionalUpdate": true,
                "conditionalDelete": "single",
                "searchInclude": ["*"],
                "searchRevInclude": ["*"],
                "searchParam": params,
            });
            if ty == "Patient" {
                resource["operation"] = json!([{"name": "everything", "definition": "http://hl7.org/fhir/OperationDefinition/Patient-everything"}]);
            }
            resource
        })
        .collect();
    json!({
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": crate::time::rfc3339(crate::time::now_ms()),
        "publisher": "MySehat",
        "kind": "instance",
        "software": {"name": "MySehat", "version": env!("CARGO_PKG_VERSION")},
        "implementation": {"description": "MySehat FHIR R4 server", "url": base_url},
        "fhirVersion": "4.0.1",
        "format": ["json", "application/fhir+json"],
        "patchFormat": ["application/json-patch+json"],
        "rest": [{
            "mode": "server",
            "security": {
                "cors": false,
                "service": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/restful-security-service", "code": "OAuth"}]}],
                "description": "Bearer access tokens from POST /auth/login. Patients reach their own compartment only.",
            },
            "resource": resources,
            "interaction": [
                {"code": "transaction"}, {"code": "batch"}, {"code": "search-system"}, {"code": "history-system"},
            ],
            "searchParam": [
                {"name": "_id", "type": "token"},
                {"name": "_lastUpdated", "type": "date"},
            ],
            "operation": [
                {"name": "validate", "definition": "http://hl7.org/fhir/OperationDefinition/Resource-validate"},
            ],
        }],
    })
}
