//! The searches that follow references: a reference parameter's value, chains
//! (`subject:Patient.family=…`) and reverse chains (`_has:Observation:subject:code=…`).

use super::params::{UNKNOWN, condition_at, param_def};
use crate::fhir::defs::{self, Kind};
use crate::fhir::outcome::{FhirError, FhirResult};
use mysehat_storage::fhir::Cond;

pub(super) fn reference(
    param: String,
    def: &defs::ParamDef,
    modifier: Option<&str>,
    value: &str,
) -> FhirResult<Cond> {
    let mut target_type = match modifier {
        None => None,
        Some(t) if defs::is_resource_type(t) => Some(t.to_owned()),
        Some(m) => {
            return Err(FhirError::invalid(format!(
                "the modifier `:{m}` does not apply to `{param}`"
            )));
        }
    };
    let value = value.split("/_history/").next().unwrap_or(value);
    if value.contains("://") || value.starts_with("urn:") {
        // An absolute reference: match the URL as stored, or its Type/id tail.
        let tail: Vec<&str> = value.rsplitn(3, '/').collect();
        if let [id, ty, _] = tail.as_slice()
            && defs::is_resource_type(ty)
        {
            return Ok(Cond::Reference {
                param,
                target_type: Some((*ty).to_owned()),
                target_id: Some((*id).to_owned()),
                url: None,
            });
        }
        return Ok(Cond::Reference {
            param,
            target_type,
            target_id: None,
            url: Some(value.to_owned()),
        });
    }
    let id = match value.split_once('/') {
        Some((ty, id)) => {
            if !defs::is_resource_type(ty) {
                return Err(FhirError::invalid(format!(
                    "`{ty}` in `{value}` is not a resource type"
                )));
            }
            target_type = Some(ty.to_owned());
            id
        }
        None => value,
    };
    if let Some(t) = &target_type
        && !def.targets.is_empty()
        && !def.targets.iter().any(|x| x == t)
    {
        return Err(FhirError::invalid(format!(
            "`{param}` cannot point at a {t}"
        )));
    }
    Ok(Cond::Reference {
        param,
        target_type,
        target_id: Some(id.to_owned()),
        url: None,
    })
}

pub(super) fn chain(
    base: &str,
    head: &str,
    tail: &str,
    value: &str,
    depth: usize,
) -> FhirResult<Vec<Cond>> {
    let (code, explicit) = match head.split_once(':') {
        Some((c, t)) => (c, Some(t)),
        None => (head, None),
    };
    let def = param_def(base, code)?;
    if def.kind != Kind::Reference {
        return Err(FhirError::invalid(format!(
            "`{code}` is not a reference, so it cannot be chained"
        )));
    }
    let (inner_name, _) = tail.split_once('.').unwrap_or((tail, ""));
    let inner_code = inner_name.split(':').next().unwrap_or(inner_name);
    let target = match explicit {
        Some(t) if defs::is_resource_type(t) => t.to_owned(),
        Some(t) => return Err(FhirError::invalid(format!("`{t}` is not a resource type"))),
        None => def
            .targets
            .iter()
            .find(|t| defs::param(t, inner_code).is_some())
            .cloned()
            .ok_or_else(|| {
                FhirError::invalid(format!(
                    "{UNKNOWN} `{inner_code}` on what `{code}` points at"
                ))
            })?,
    };
    let inner = condition_at(&target, tail, value, depth + 1)?;
    Ok(inner
        .into_iter()
        .map(|c| Cond::Chain {
            param: code.to_owned(),
            target_type: explicit.map(|_| target.clone()),
            inner: Box::new(c),
        })
        .collect())
}

pub(super) fn has(base: &str, rest: &str, value: &str, depth: usize) -> FhirResult<Vec<Cond>> {
    let mut parts = rest.splitn(3, ':');
    let (Some(source), Some(param), Some(inner)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(FhirError::invalid(format!(
            "_has:{rest} is not _has:Type:parameter:filter"
        )));
    };
    if !defs::is_resource_type(source) {
        return Err(FhirError::invalid(format!(
            "`{source}` is not a resource type"
        )));
    }
    let def = param_def(source, param)?;
    if def.kind != Kind::Reference {
        return Err(FhirError::invalid(format!(
            "`{param}` is not a reference parameter of {source}"
        )));
    }
    if base != "Resource" && !def.targets.is_empty() && !def.targets.iter().any(|t| t == base) {
        return Err(FhirError::invalid(format!(
            "{source}.{param} never points at a {base}"
        )));
    }
    let inner = condition_at(source, inner, value, depth + 1)?;
    Ok(inner
        .into_iter()
        .map(|c| Cond::Has {
            source_type: source.to_owned(),
            param: param.to_owned(),
            inner: Box::new(c),
        })
        .collect())
}
