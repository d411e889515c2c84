//! Turning live consents into what a staff member may read: a search filter the database
//! applies (so counts and pages never include what is hidden) and the same rule checked on a
//! single stored resource (reads and includes). This is the one place consent is enforced.

use super::artefact::Artefact;
use super::kinds::{HiType, OBSERVATION_CATEGORY, clinical_date_param};
use mysehat_storage::fhir::{Cond, FhirCurrent, IndexRow, Prefix, SearchQuery, Span, SystemMatch};
use mysehat_storage::{Store, StoreResult};
use std::collections::BTreeSet;

/// What one live consent opens.
#[derive(Debug, Clone, PartialEq)]
pub struct Grant {
    pub consent_id: String,
    pub patient: String,
    pub hi_types: Vec<HiType>,
    pub date_from_ms: i64,
    pub date_to_ms: i64,
    pub break_glass: bool,
}

impl Grant {
    fn types(&self) -> BTreeSet<&'static str> {
        self.hi_types
            .iter()
            .flat_map(|k| k.resource_types().iter().copied())
            .collect()
    }

    fn categories(&self) -> Vec<&'static str> {
        self.hi_types
            .iter()
            .flat_map(|k| k.observation_categories().iter().copied())
            .collect()
    }

    /// The records of one type this grant opens, as one AND group.
    fn cond_for(&self, ty: &str) -> Cond {
        let mut all = vec![
            Cond::Types(vec![ty.to_owned()]),
            Cond::Patient(self.patient.clone()),
        ];
        if ty == "Patient" {
            return Cond::All(all);
        }
        if ty == "Observation" {
            let codes = self.categories();
            all.push(Cond::Any(
                codes
                    .into_iter()
                    .map(|c| Cond::Token {
                        param: "category".into(),
                        system: SystemMatch::Is(OBSERVATION_CATEGORY.into()),
                        code: Some(c.into()),
                        negate: false,
                    })
                    .collect(),
            ));
        }
        match clinical_date_param(ty) {
            Some(param) => all.push(Cond::Date {
                param: param.into(),
                prefix: Prefix::Eq,
                span: Span {
                    low: self.date_from_ms,
                    high: self.date_to_ms,
                },
            }),
            // A record with no clinical date cannot be shown to lie in the range.
            None => all.push(Cond::Any(Vec::new())),
        }
        Cond::All(all)
    }

    /// Whether this grant opens the stored resource (its owner, type, category and date).
    pub fn opens(&self, r: &FhirCurrent) -> bool {
        if r.patient.as_deref() != Some(self.patient.as_str()) {
            return false;
        }
        if r.resource_type == "Patient" {
            return true;
        }
        if !self.types().contains(r.resource_type.as_str()) {
            return false;
        }
        let Ok(body) = serde_json::from_str::<serde_json::Value>(&r.body) else {
            return false;
        };
        let Ok((rows, _)) = crate::fhir::index::index(&body) else {
            return false;
        };
        if r.resource_type == "Observation" {
            let wanted = self.categories();
            let in_category = rows.iter().any(|row| {
                matches!(row, IndexRow::Token { param, system: Some(s), code: Some(c), .. }
                    if param == "category" && s == OBSERVATION_CATEGORY && wanted.contains(&c.as_str()))
            });
            if !in_category {
                return false;
            }
        }
        let Some(date_param) = clinical_date_param(&r.resource_type) else {
            return false;
        };
        rows.iter().any(|row| {
            matches!(row, IndexRow::Date { param, low_ms, high_ms }
                if param == date_param && *low_ms >= self.date_from_ms && *high_ms <= self.date_to_ms)
        })
    }
}

/// The live grants of a staff member at `now_ms`.
pub async fn live_for(store: &dyn Store, requester: &str, now_ms: i64) -> StoreResult<Vec<Grant>> {
    let all = artefacts(
        store,
        vec![vec![Cond::Reference {
            param: "actor".into(),
            target_type: Some("Practitioner".into()),
            target_id: Some(requester.to_owned()),
            url: None,
        }]],
    )
    .await?;
    Ok(all
        .into_iter()
        .filter(|a| a.requester == requester && a.is_live(now_ms))
        .map(|a| Grant {
            break_glass: a.purpose == super::artefact::Purpose::Btg,
            consent_id: a.id,
            patient: a.patient,
            hi_types: a.hi_types,
            date_from_ms: a.date_from_ms,
            date_to_ms: a.date_to_ms,
        })
        .collect())
}

/// Consents matching `all_of`, newest first.
pub async fn artefacts(store: &dyn Store, all_of: Vec<Vec<Cond>>) -> StoreResult<Vec<Artefact>> {
    let query = SearchQuery::new(Some("Consent".into()), all_of, 500);
    let rids = store.fhir_search(&query).await?;
    let mut found: Vec<Artefact> = store
        .fhir_load(&rids)
        .await?
        .into_iter()
        .filter(|r| !r.deleted)
        .filter_map(|r| serde_json::from_str(&r.body).ok())
        .filter_map(|v| Artefact::from_fhir(&v))
        .collect();
    found.sort_by(|a, b| b.created_at_ms.cmp(&a.created_at_ms).then(b.id.cmp(&a.id)));
    Ok(found)
}

/// The search filter for `grants`: one OR group of what each grant opens (nothing if none).
pub fn filter(grants: &[Grant]) -> Vec<Cond> {
    let mut any = Vec::new();
    for g in grants {
        any.push(g.cond_for("Patient"));
        for ty in g.types() {
            any.push(g.cond_for(ty));
        }
    }
    any
}
