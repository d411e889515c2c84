//! Parses a FHIR search's parameters (http://hl7.org/fhir/R4/search.html) into the store's
//! query: each parameter by its type, modifiers and prefixes, OR by commas, AND by repetition,
//! chains to any depth and `_has`.

use crate::fhir::defs::{self, Kind};
use crate::fhir::outcome::{FhirError, FhirResult};
use mysehat_storage::fhir::{
    Cond, IndexKind, Prefix, SortKey, Span, StringMatch, SystemMatch, UriMatch,
};

/// How unknown or unsupported parameters are treated (`Prefer: handling=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Handling {
    #[default]
    Lenient,
    Strict,
}

/// A parsed search, before paging.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedSearch {
    pub all_of: Vec<Vec<Cond>>,
    pub sort: Vec<SortKey>,
    pub count: Option<i64>,
    pub includes: Vec<Include>,
    pub revincludes: Vec<Include>,
    pub summary: Option<Summary>,
    pub elements: Option<Vec<String>>,
    pub total: Option<Total>,
    /// Paging position from a `next`/`prev` link.
    pub cursor: Option<Cursor>,
    /// Parameters that were ignored (lenient handling), for the `self` link and a warning.
    pub ignored: Vec<String>,
    /// The parameters that were used, to rebuild links.
    pub used: Vec<(String, String)>,
}

/// `_include=Source:param[:Target]` or `_revinclude=…`, with `:iterate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    pub source: String,
    pub param: String,
    pub target: Option<String>,
    pub iterate: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Summary {
    True,
    Count,
    Data,
    Text,
    False,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    None,
    Estimate,
    Accurate,
}

/// Where a page starts: after or before a row (keyset paging in id order), or an offset into
/// a kept result list (sorted searches).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    After(i64),
    Before(i64),
    Pages { snapshot: String, offset: i64 },
}

/// Parses `pairs` (already URL-decoded) for a search on `ty` (`None`: every type).
pub fn parse(
    ty: Option<&str>,
    pairs: &[(String, String)],
    handling: Handling,
) -> FhirResult<ParsedSearch> {
    let mut out = ParsedSearch::default();
    let base = ty.unwrap_or("Resource");
    for (name, value) in pairs {
        match control(&mut out, base, name, value)? {
            Control::Handled => {
                out.used.push((name.clone(), value.clone()));
                continue;
            }
            Control::Ignored => continue,
            Control::Filter => {}
        }
        if out.all_of.len() >= MAX_FILTERS {
            return Err(too_costly(format!(
                "a search may have at most {MAX_FILTERS} filters"
            )));
        }
        match condition(base, name, value) {
            Ok(any_of) => {
                out.all_of.push(any_of);
                out.used.push((name.clone(), value.clone()));
            }
            Err(e)
                if handling == Handling::Lenient && e.status.as_u16() == 400 && is_unknown(&e) =>
            {
                out.ignored.push(name.clone());
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// What a control parameter (`_count`, `_sort`, …) did.
enum Control {
    Handled,
    Ignored,
    /// Not a control parameter: a filter.
    Filter,
}

fn control(out: &mut ParsedSearch, base: &str, name: &str, value: &str) -> FhirResult<Control> {
    match name {
        "_count" => {
            let n: i64 = value.parse().map_err(|_| {
                FhirError::invalid(format!("_count must be a number, not `{value}`"))
            })?;
            if n < 0 {
                return Err(FhirError::invalid("_count may not be negative"));
            }
            out.count = Some(n.min(1000));
        }
        "_sort" => {
            for key in value.split(',').filter(|k| !k.is_empty()) {
                out.sort.push(sort_key(base, key)?);
            }
            if out.sort.len() > 5 {
                return Err(too_costly("sort by at most 5 keys".into()));
            }
        }
        "_include" | "_include:iterate" | "_revinclude" | "_revinclude:iterate" => {
            let include = include(value, name.ends_with(":iterate"))?;
            if out.includes.len() + out.revincludes.len() >= 10 {
                return Err(too_costly("at most 10 _include and _revinclude".into()));
            }
            if name.starts_with("_rev") {
                out.revincludes.push(include)
            } else {
                out.includes.push(include)
            }
        }
        "_summary" => {
            out.summary = Some(match value {
                "true" => Summary::True,
                "count" => Summary::Count,
                "data" => Summary::Data,
                "text" => Summary::Text,
                "false" => Summary::False,
                _ => {
                    return Err(FhirError::invalid(format!(
                        "_summary `{value}` is not one of true, count, data, text, false"
                    )));
                }
            });
        }
        "_elements" => {
            out.elements = Some(
                value
                    .split(',')
                    .map(|e| e.trim().to_owned())
                    .filter(|e| !e.is_empty())
                    .collect(),
            );
        }
        "_total" => {
            out.total = Some(match value {
                "none" => Total::None,
                "estimate" => Total::Estimate,
                "accurate" => Total::Accurate,
                _ => {
                    return Err(FhirError::invalid(format!(
                        "_total `{value}` is not one of none, estimate, accurate"
                    )));
                }
            });
        }
        "_cursor" => out.cursor = Some(cursor(value)?),
        "_getpages" => {
            let offset = match out.cursor.take() {
                Some(Cursor::Pages { offset, .. }) => offset,
                _ => 0,
            };
            out.cursor = Some(Cursor::Pages {
                snapshot: value.to_owned(),
                offset,
            });
        }
        "_offset" => {
            let offset: i64 = value
                .parse()
                .map_err(|_| FhirError::invalid("_offset must be a number"))?;
            let snapshot = match out.cursor.take() {
                Some(Cursor::Pages { snapshot, .. }) => snapshot,
                _ => String::new(),
            };
            out.cursor = Some(Cursor::Pages {
                snapshot,
                offset: offset.max(0),
            });
        }
        // Formatting is decided elsewhere; these never filter.
        "_format" | "_pretty" => return Ok(Control::Ignored),
        _ => return Ok(Control::Filter),
    }
    Ok(Control::Handled)
}

fn cursor(value: &str) -> FhirResult<Cursor> {
    let bad = || FhirError::invalid(format!("_cursor `{value}` is not valid"));
    let (kind, rid) = value.split_at_checked(1).ok_or_else(bad)?;
    let rid: i64 = rid.parse().map_err(|_| bad())?;
    match kind {
        "a" => Ok(Cursor::After(rid)),
        "b" => Ok(Cursor::Before(rid)),
        _ => Err(bad()),
    }
}

fn include(value: &str, iterate: bool) -> FhirResult<Include> {
    let parts: Vec<&str> = value.split(':').collect();
    match parts.as_slice() {
        [source, param] | [source, param, _] if defs::is_resource_type(source) => {
            let target = parts.get(2).map(|t| (*t).to_owned());
            if let Some(t) = &target
                && !defs::is_resource_type(t)
            {
                return Err(FhirError::invalid(format!(
                    "`{t}` in `{value}` is not a resource type"
                )));
            }
            if *param != "*" && defs::param(source, param).is_none_or(|d| d.kind != Kind::Reference)
            {
                return Err(FhirError::invalid(format!(
                    "`{param}` is not a reference parameter of {source}"
                )));
            }
            Ok(Include {
                source: (*source).to_owned(),
                param: (*param).to_owned(),
                target,
                iterate,
            })
        }
        _ => Err(FhirError::invalid(format!(
            "`{value}` is not Type:parameter[:Target]"
        ))),
    }
}

fn sort_key(base: &str, key: &str) -> FhirResult<SortKey> {
    let (descending, code) = match key.strip_prefix('-') {
        Some(c) => (true, c),
        None => (false, key),
    };
    let kind = match code {
        "_id" => IndexKind::Token,
        "_lastUpdated" => IndexKind::Date,
        _ => {
            let def = defs::param(base, code).ok_or_else(|| {
                FhirError::invalid(format!(
                    "cannot sort by `{code}`: not a search parameter of {base}"
                ))
            })?;
            index_kind(def.kind)
                .ok_or_else(|| FhirError::invalid(format!("cannot sort by `{code}`")))?
        }
    };
    Ok(SortKey {
        param: code.to_owned(),
        kind,
        descending,
    })
}

pub fn index_kind(kind: Kind) -> Option<IndexKind> {
    Some(match kind {
        Kind::Token => IndexKind::Token,
        Kind::String => IndexKind::String,
        Kind::Date => IndexKind::Date,
        Kind::Reference => IndexKind::Reference,
        Kind::Quantity => IndexKind::Quantity,
        Kind::Number => IndexKind::Number,
        Kind::Uri => IndexKind::Uri,
        Kind::Composite | Kind::Special => return None,
    })
}

pub(super) const UNKNOWN: &str = "unknown search parameter";

fn is_unknown(e: &FhirError) -> bool {
    e.issues.iter().any(|i| i.diagnostics.contains(UNKNOWN))
}

/// Splits on commas not escaped with a backslash, and unescapes `\,`, `\|`, `\$`, `\\`.
fn split_or(value: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(last)) = (chars.next(), out.last_mut()) {
                    if !matches!(next, ',' | '|' | '$' | '\\') {
                        last.push('\\');
                    }
                    last.push(next);
                }
            }
            ',' => out.push(String::new()),
            _ => {
                if let Some(last) = out.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    out
}

/// One parameter (all its comma-separated values) as an OR of conditions.
pub fn condition(base: &str, name: &str, value: &str) -> FhirResult<Vec<Cond>> {
    condition_at(base, name, value, 0)
}

/// Limits that keep one request from costing the server more than a search should.
const MAX_DEPTH: usize = 4;
const MAX_OR_VALUES: usize = 100;
const MAX_FILTERS: usize = 40;

fn too_costly(what: String) -> FhirError {
    FhirError::new(axum::http::StatusCode::BAD_REQUEST, "too-costly", what)
}

pub(super) fn condition_at(
    base: &str,
    name: &str,
    value: &str,
    depth: usize,
) -> FhirResult<Vec<Cond>> {
    if depth > MAX_DEPTH {
        return Err(too_costly(format!(
            "chains and _has may nest at most {MAX_DEPTH} deep"
        )));
    }
    if let Some(rest) = name.strip_prefix("_has:") {
        return super::links::has(base, rest, value, depth);
    }
    if let Some((head, tail)) = name.split_once('.') {
        return super::links::chain(base, head, tail, value, depth);
    }
    let (code, modifier) = match name.split_once(':') {
        Some((c, m)) => (c, Some(m)),
        None => (name, None),
    };
    if modifier == Some("missing") {
        let kind = match code {
            "_id" => IndexKind::Token,
            _ => param_def(base, code)
                .and_then(|d| index_kind(d.kind).ok_or_else(|| unsupported(code)))?,
        };
        let missing = match value {
            "true" => true,
            "false" => false,
            _ => return Err(FhirError::invalid(format!("{name} takes true or false"))),
        };
        return Ok(vec![Cond::Missing {
            param: code.to_owned(),
            kind,
            missing,
        }]);
    }
    let values = split_or(value);
    if values.len() > MAX_OR_VALUES {
        return Err(too_costly(format!(
            "`{code}` may list at most {MAX_OR_VALUES} values"
        )));
    }
    values
        .iter()
        .map(|v| single(base, code, modifier, v))
        .collect()
}

pub(super) fn param_def(base: &str, code: &str) -> FhirResult<&'static defs::ParamDef> {
    let def = defs::param(base, code)
        .ok_or_else(|| FhirError::invalid(format!("{UNKNOWN} `{code}` for {base}")))?;
    if !def.supported {
        return Err(unsupported(code));
    }
    Ok(def)
}

fn unsupported(code: &str) -> FhirError {
    FhirError::new(
        axum::http::StatusCode::BAD_REQUEST,
        "not-supported",
        format!("the search parameter `{code}` is not supported by this server"),
    )
}

fn single(base: &str, code: &str, modifier: Option<&str>, value: &str) -> FhirResult<Cond> {
    if code == "_id" {
        return match modifier {
            None => Ok(Cond::Id(value.to_owned())),
            Some(m) => Err(FhirError::invalid(format!(
                "_id does not take the modifier `{m}`"
            ))),
        };
    }
    if code == "_lastUpdated" {
        let (prefix, rest) = prefix(value);
        return Ok(Cond::LastUpdated {
            prefix,
            span: date_span(prefix, rest)?,
        });
    }
    let def = param_def(base, code)?;
    let param = code.to_owned();
    let bad_modifier =
        |m: &str| FhirError::invalid(format!("the modifier `:{m}` does not apply to `{code}`"));
    match def.kind {
        Kind::Token => match modifier {
            None | Some("not") => {
                let (system, code_value) = token_value(value);
                Ok(Cond::Token {
                    param,
                    system,
                    code: code_value,
                    negate: modifier.is_some(),
                })
            }
            Some("text") => Ok(Cond::TokenText {
                param,
                text: defs::normalize(value),
            }),
            Some(m) => Err(bad_modifier(m)),
        },
        Kind::String => {
            let (mode, value) = match modifier {
                None => (StringMatch::Prefix, defs::normalize(value)),
                Some("contains") => (StringMatch::Contains, defs::normalize(value)),
                Some("exact") => (StringMatch::Exact, value.to_owned()),
                Some(m) => return Err(bad_modifier(m)),
            };
            Ok(Cond::String { param, value, mode })
        }
        Kind::Date => {
            if let Some(m) = modifier {
                return Err(bad_modifier(m));
            }
            let (prefix, rest) = prefix(value);
            Ok(Cond::Date {
                param,
                prefix,
                span: date_span(prefix, rest)?,
            })
        }
        Kind::Number => {
            if let Some(m) = modifier {
                return Err(bad_modifier(m));
            }
            let (prefix, rest) = prefix(value);
            Ok(Cond::Number {
                param,
                prefix,
                span: number_span(prefix, rest)?,
            })
        }
        Kind::Quantity => {
            if let Some(m) = modifier {
                return Err(bad_modifier(m));
            }
            let (prefix, rest) = prefix(value);
            let mut parts = rest.splitn(3, '|');
            let number = parts.next().unwrap_or_default();
            let system = parts.next().filter(|s| !s.is_empty()).map(str::to_owned);
            let unit = parts.next().filter(|s| !s.is_empty()).map(str::to_owned);
            Ok(Cond::Quantity {
                param,
                prefix,
                span: number_span(prefix, number)?,
                system,
                code: unit,
            })
        }
        Kind::Reference => super::links::reference(param, def, modifier, value),
        Kind::Uri => {
            let mode = match modifier {
                None => UriMatch::Exact,
                Some("below") => UriMatch::Below,
                Some("above") => UriMatch::Above,
                Some(m) => return Err(bad_modifier(m)),
            };
            Ok(Cond::Uri {
                param,
                uri: value.to_owned(),
                mode,
            })
        }
        Kind::Composite | Kind::Special => Err(unsupported(code)),
    }
}

fn token_value(value: &str) -> (SystemMatch, Option<String>) {
    match value.split_once('|') {
        None => (SystemMatch::Any, Some(value.to_owned())),
        Some(("", code)) => (SystemMatch::Missing, Some(code.to_owned())),
        Some((system, "")) => (SystemMatch::Is(system.to_owned()), None),
        Some((system, code)) => (SystemMatch::Is(system.to_owned()), Some(code.to_owned())),
    }
}

fn prefix(value: &str) -> (Prefix, &str) {
    let table = [
        ("eq", Prefix::Eq),
        ("ne", Prefix::Ne),
        ("gt", Prefix::Gt),
        ("lt", Prefix::Lt),
        ("ge", Prefix::Ge),
        ("le", Prefix::Le),
        ("sa", Prefix::Sa),
        ("eb", Prefix::Eb),
        ("ap", Prefix::Ap),
    ];
    for (text, prefix) in table {
        if let Some(rest) = value.strip_prefix(text)
            && rest.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.')
        {
            return (prefix, rest);
        }
    }
    (Prefix::Eq, value)
}

fn date_span(prefix: Prefix, value: &str) -> FhirResult<Span<i64>> {
    let (low, high) = defs::date_range(value).ok_or_else(|| {
        FhirError::invalid(format!("`{value}` is not a FHIR date, dateTime or instant"))
    })?;
    if prefix != Prefix::Ap {
        return Ok(Span { low, high });
    }
    // "Approximately": within 10 % of the distance from now, and at least a day.
    let now = crate::time::now_ms();
    let slack = ((now - low).abs() / 10).max(86_400_000);
    Ok(Span {
        low: low.saturating_sub(slack),
        high: high.saturating_add(slack),
    })
}

fn number_span(prefix: Prefix, value: &str) -> FhirResult<Span<f64>> {
    let (v, low, high) = defs::decimal_range(value)
        .ok_or_else(|| FhirError::invalid(format!("`{value}` is not a number")))?;
    Ok(match prefix {
        Prefix::Eq | Prefix::Ne => Span { low, high },
        Prefix::Ap => {
            let slack = (v.abs() * 0.1).max(high - low);
            Span {
                low: v - slack,
                high: v + slack,
            }
        }
        _ => Span { low: v, high: v },
    })
}
