//! FHIR search: parse, scope to what the caller may see, page, follow includes, and answer a
//! `searchset` Bundle. Pages in row order use keyset cursors, so `next` keeps working while
//! writes go on; sorted searches keep their result list (`_getpages`).

mod links;
pub mod params;
mod render;

use super::access::Scope;
use super::outcome::{FhirError, FhirResult};
use crate::state::AppState;
use mysehat_storage::fhir::{Cond, FhirCurrent, SearchQuery};
use params::{Cursor, Include, ParsedSearch, Summary, Total};
use serde_json::Value;
use std::collections::HashSet;

pub use render::{shape, summarize};

/// Applies `_summary`/`_elements` to a stored resource's text; untouched when neither is asked.
/// A patient searching a shared type (or across types) may not filter through chains or
/// `_has` into other patients' records: that would reveal what those records hold.
pub fn check_patient_filters(
    scope: Scope,
    ty: Option<&str>,
    all_of: &[Vec<Cond>],
) -> FhirResult<()> {
    // Under consent, a chain or `_has` would test records the consent does not open.
    let consented = scope.is_limited();
    if !consented && (scope.patient().is_none() || ty.is_some_and(super::defs::is_patient_data)) {
        return Ok(());
    }
    fn reaches_patient_data(c: &Cond) -> bool {
        match c {
            Cond::Chain {
                target_type, inner, ..
            } => {
                target_type
                    .as_deref()
                    .is_none_or(crate::fhir::defs::is_patient_data)
                    || reaches_patient_data(inner)
            }
            Cond::Has {
                source_type, inner, ..
            } => crate::fhir::defs::is_patient_data(source_type) || reaches_patient_data(inner),
            _ => false,
        }
    }
    if consented
        && all_of
            .iter()
            .flatten()
            .any(|c| matches!(c, Cond::Chain { .. } | Cond::Has { .. }))
    {
        return Err(FhirError::forbidden(
            "chained and _has searches are not available when you may see only some people's records (by consent or your villages)",
        ));
    }
    if all_of.iter().flatten().any(reaches_patient_data) {
        return Err(FhirError::forbidden(
            "patients cannot search through other records' links here",
        ));
    }
    Ok(())
}

pub fn shape_text(
    body: String,
    summary: Option<Summary>,
    elements: Option<&[String]>,
) -> FhirResult<String> {
    if summary.is_none() && elements.is_none() {
        return Ok(body);
    }
    let value: Value = serde_json::from_str(&body).map_err(FhirError::internal)?;
    Ok(shape(value, summary, elements).to_string())
}

/// The most results a sorted search keeps for paging.
const MAX_SORTED: i64 = 10_000;
/// The default and largest page.
const DEFAULT_COUNT: i64 = 20;

/// A search to run: what and for whom.
#[derive(Debug)]
pub struct Request<'a> {
    pub ty: Option<&'a str>,
    pub parsed: ParsedSearch,
    /// Extra conditions from the URL (a compartment search).
    pub extra: Vec<Cond>,
    pub scope: &'a Scope,
    /// The searching account: kept result lists are theirs alone.
    pub owner: String,
    /// The link to this search without paging parameters, e.g. `http://h/fhir/Observation`.
    pub self_base: String,
    pub base_url: String,
}

/// One page of results.
#[derive(Debug)]
pub struct Page {
    pub matches: Vec<FhirCurrent>,
    pub included: Vec<FhirCurrent>,
    pub total: Option<i64>,
    pub next: Option<String>,
    pub prev: Option<String>,
}

pub async fn run(state: &AppState, req: Request<'_>) -> FhirResult<(Value, Vec<String>)> {
    let page = execute(state, &req).await?;
    let patients = patients_of(&page);
    Ok((render::bundle(&req, page), patients))
}

async fn execute(state: &AppState, req: &Request<'_>) -> FhirResult<Page> {
    let p = &req.parsed;
    check_patient_filters(req.scope.clone(), req.ty, &p.all_of)?;
    let mut all_of = p.all_of.clone();
    for c in &req.extra {
        all_of.push(vec![c.clone()]);
    }
    if let Some(me) = req.scope.patient() {
        // A patient's search stays in their compartment; shared types (organisations,
        // practitioners, medications) hold no patient's data and stay searchable.
        let shared = req.ty.is_some_and(|t| !super::defs::is_patient_data(t));
        if !shared {
            all_of.push(vec![Cond::Patient(me.to_owned())]);
        }
    }
    if let Some(consented) = req.scope.filter()
        && req.ty.is_none_or(super::defs::is_patient_data)
    {
        // Across types, shared resources stay visible; each patient type is narrowed.
        let mut any = consented;
        if req.ty.is_none() {
            any.push(Cond::Types(shared_types()));
        }
        all_of.push(any);
    }
    let mut query = SearchQuery::new(req.ty.map(str::to_owned), all_of, 0);
    let count = p.count.unwrap_or(DEFAULT_COUNT);
    if p.summary == Some(Summary::Count) || count == 0 {
        let total = state.store.fhir_count(&query).await?;
        return Ok(Page {
            matches: vec![],
            included: vec![],
            total: Some(total),
            next: None,
            prev: None,
        });
    }
    let (rids, total, next, prev) = if p.sort.is_empty() {
        keyset(state, req, &mut query, count).await?
    } else {
        sorted(state, req, &mut query, count).await?
    };
    // A kept list was made earlier: drop what was deleted or became unreadable since.
    let matches: Vec<FhirCurrent> = state
        .store
        .fhir_load(&rids)
        .await?
        .into_iter()
        .filter(|r| !r.deleted && req.scope.can_read_stored(r))
        .collect();
    let included = includes(state, req.scope, &matches, &p.includes, &p.revincludes).await?;
    Ok(Page {
        matches,
        included,
        total,
        next,
        prev,
    })
}

type Paged = (Vec<i64>, Option<i64>, Option<String>, Option<String>);

async fn keyset(
    state: &AppState,
    req: &Request<'_>,
    query: &mut SearchQuery,
    count: i64,
) -> FhirResult<Paged> {
    query.limit = count + 1;
    match &req.parsed.cursor {
        None => {}
        Some(Cursor::After(rid)) => query.after_rid = Some(*rid),
        Some(Cursor::Before(rid)) => query.before_rid = Some(*rid),
        Some(Cursor::Pages { .. }) => {
            return Err(FhirError::invalid(
                "_getpages applies to sorted searches only",
            ));
        }
    }
    let mut rids = state.store.fhir_search(query).await?;
    let more = rids.len() as i64 > count;
    rids.truncate(usize::try_from(count).unwrap_or_default());
    let backwards = query.before_rid.is_some();
    if backwards {
        rids.reverse();
    }
    let first_page = req.parsed.cursor.is_none();
    let total = match req.parsed.total {
        Some(Total::None) => None,
        Some(Total::Accurate) => Some(state.store.fhir_count(query).await?),
        _ if first_page && !more => Some(rids.len() as i64),
        _ => None,
    };
    let link = |c: String| {
        Some(render::link(
            &req.self_base,
            &req.parsed,
            count,
            &[("_cursor", c)],
        ))
    };
    let has_next = if backwards {
        query.before_rid.is_some()
    } else {
        more
    };
    let has_prev = if backwards {
        more
    } else {
        query.after_rid.is_some()
    };
    let next = rids
        .last()
        .filter(|_| has_next)
        .and_then(|r| link(format!("a{r}")));
    let prev = rids
        .first()
        .filter(|_| has_prev)
        .and_then(|r| link(format!("b{r}")));
    Ok((rids, total, next, prev))
}

async fn sorted(
    state: &AppState,
    req: &Request<'_>,
    query: &mut SearchQuery,
    count: i64,
) -> FhirResult<Paged> {
    query.sort = req.parsed.sort.clone();
    let (snapshot, all, offset) = match &req.parsed.cursor {
        Some(Cursor::Pages { snapshot, offset }) => {
            let rids = state
                .store
                .fhir_pages(snapshot, &req.owner)
                .await?
                .ok_or_else(|| {
                    FhirError::new(
                        axum::http::StatusCode::GONE,
                        "not-found",
                        "these search results have expired; search again",
                    )
                })?;
            (Some(snapshot.clone()), rids, *offset)
        }
        Some(_) => {
            return Err(FhirError::invalid(
                "_cursor applies to unsorted searches only",
            ));
        }
        None => {
            query.limit = MAX_SORTED;
            (None, state.store.fhir_search(query).await?, 0)
        }
    };
    let total = Some(all.len() as i64);
    let start = usize::try_from(offset).unwrap_or_default().min(all.len());
    let end = (start + usize::try_from(count).unwrap_or_default()).min(all.len());
    let page = all[start..end].to_vec();
    let needs_pages = end < all.len() || start > 0;
    let snapshot = match (snapshot, needs_pages) {
        (Some(s), _) => Some(s),
        (None, true) => {
            let id = uuid::Uuid::now_v7().simple().to_string();
            state
                .store
                .fhir_save_pages(&id, &req.owner, &all, crate::time::now_ms())
                .await?;
            Some(id)
        }
        (None, false) => None,
    };
    let link = |off: usize| {
        snapshot.as_ref().map(|s| {
            render::link(
                &req.self_base,
                &req.parsed,
                count,
                &[("_getpages", s.clone()), ("_offset", off.to_string())],
            )
        })
    };
    let next = (end < all.len()).then(|| link(end)).flatten();
    let prev = (start > 0)
        .then(|| link(start.saturating_sub(usize::try_from(count).unwrap_or_default())))
        .flatten();
    Ok((page, total, next, prev))
}

/// Follows `_include` and `_revinclude` (with `:iterate`), keeping only what the caller may see.
async fn includes(
    state: &AppState,
    scope: &Scope,
    matches: &[FhirCurrent],
    includes: &[Include],
    revincludes: &[Include],
) -> FhirResult<Vec<FhirCurrent>> {
    let mut seen: HashSet<i64> = matches.iter().map(|m| m.rid).collect();
    let mut out = Vec::new();
    let mut frontier: Vec<FhirCurrent> = matches.to_vec();
    for round in 0..3 {
        let mut found = Vec::new();
        for inc in includes.iter().filter(|i| round == 0 || i.iterate) {
            let sources: Vec<i64> = frontier
                .iter()
                .filter(|r| r.resource_type == inc.source)
                .map(|r| r.rid)
                .collect();
            if sources.is_empty() {
                continue;
            }
            let param = (inc.param != "*").then_some(inc.param.as_str());
            let mut keys = state.store.fhir_references_from(&sources, param).await?;
            if let Some(t) = &inc.target {
                keys.retain(|(ty, _)| ty == t);
            }
            found.extend(state.store.fhir_load_keys(&keys).await?);
        }
        for inc in revincludes.iter().filter(|i| round == 0 || i.iterate) {
            let targets: Vec<(String, String)> = frontier
                .iter()
                .map(|r| (r.resource_type.clone(), r.id.clone()))
                .collect();
            if targets.is_empty() {
                continue;
            }
            let param = (inc.param != "*").then_some(inc.param.as_str());
            let rids = state
                .store
                .fhir_references_to(Some(&inc.source), param, &targets)
                .await?;
            found.extend(state.store.fhir_load(&rids).await?);
        }
        frontier = found
            .into_iter()
            .filter(|r| !r.deleted && scope.can_read_stored(r) && seen.insert(r.rid))
            .collect();
        if frontier.is_empty() {
            break;
        }
        out.extend(frontier.iter().cloned());
    }
    Ok(out)
}

fn patients_of(page: &Page) -> Vec<String> {
    let mut patients: Vec<String> = page
        .matches
        .iter()
        .chain(&page.included)
        .filter_map(|r| r.patient.clone())
        .collect();
    patients.sort();
    patients.dedup();
    patients
}

/// Every resource type that holds nobody's data (organisations, practitioners, …).
fn shared_types() -> Vec<String> {
    mysehat_fhir::resource_types()
        .iter()
        .map(|t| (*t).to_owned())
        .filter(|t| !super::defs::is_patient_data(t))
        .collect()
}
