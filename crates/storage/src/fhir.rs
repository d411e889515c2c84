//! What the FHIR store takes and gives: writes with their search-index rows, stored versions,
//! and the search query it can answer. FHIR semantics (which element feeds which parameter,
//! what a prefix means) are decided above; this layer stores, indexes and filters.

use mysehat_domain::audit::AuditDraft;

/// One search-index row of a resource's current version.
#[derive(Debug, Clone, PartialEq)]
pub enum IndexRow {
    Token {
        param: String,
        system: Option<String>,
        code: Option<String>,
        text: Option<String>,
    },
    String {
        param: String,
        normalized: String,
        exact: String,
    },
    Date {
        param: String,
        low_ms: i64,
        high_ms: i64,
    },
    Reference {
        param: String,
        target_type: Option<String>,
        target_id: Option<String>,
        url: Option<String>,
    },
    Quantity {
        param: String,
        value: f64,
        low: f64,
        high: f64,
        system: Option<String>,
        code: Option<String>,
        unit: Option<String>,
    },
    Number {
        param: String,
        value: f64,
        low: f64,
        high: f64,
    },
    Uri {
        param: String,
        uri: String,
    },
}

/// A change to one resource.
#[derive(Debug, Clone)]
pub enum FhirChange {
    /// Create or update: the resource (its `meta.versionId` and `meta.lastUpdated` are set by
    /// the store), its index rows, and the patient whose compartment it belongs to.
    Put {
        resource: serde_json::Value,
        index: Vec<IndexRow>,
        patient: Option<String>,
    },
    Delete,
}

#[derive(Debug, Clone)]
pub struct FhirWrite {
    pub resource_type: String,
    pub id: String,
    pub change: FhirChange,
    /// `If-Match`: the write applies only if the current version is this one; `Some(0)` only if
    /// there is no live resource (a create that must not overwrite one made meanwhile).
    pub if_match: Option<i64>,
}

/// The instant a batch of writes is stamped with: milliseconds and the `meta.lastUpdated` text.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub ms: i64,
    pub text: String,
}

/// The result of one write.
#[derive(Debug, Clone, PartialEq)]
pub struct FhirWritten {
    pub resource_type: String,
    pub id: String,
    /// The new version (for a delete of a missing or deleted resource: the current one, or 0).
    pub version_id: i64,
    pub last_updated_ms: i64,
    /// The stored JSON (none for deletes).
    pub body: Option<String>,
    /// True when the write created the resource (or revived a deleted one).
    pub created: bool,
}

/// Why a set of writes was not applied; nothing of the set was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FhirRefusal {
    /// `If-Match` did not hold for write number `index`.
    VersionConflict { index: usize, current: Option<i64> },
}

/// A resource's current state.
#[derive(Debug, Clone, PartialEq)]
pub struct FhirCurrent {
    pub rid: i64,
    pub resource_type: String,
    pub id: String,
    pub version_id: i64,
    pub last_updated_ms: i64,
    pub deleted: bool,
    pub patient: Option<String>,
    pub body: String,
}

/// One stored version.
#[derive(Debug, Clone, PartialEq)]
pub struct FhirVersion {
    pub hid: i64,
    pub resource_type: String,
    pub id: String,
    pub version_id: i64,
    pub last_updated_ms: i64,
    /// `POST`, `PUT` or `DELETE`.
    pub method: String,
    pub body: Option<String>,
    /// The patient whose compartment this version was in.
    pub patient: Option<String>,
}

/// Which history to list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryScope {
    System,
    Type(String),
    Instance(String, String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryQuery {
    pub scope: HistoryScope,
    pub since_ms: Option<i64>,
    /// Only versions older than this history row (paging).
    pub before_hid: Option<i64>,
    pub limit: i64,
    /// Only versions of resources in this patient's compartment.
    pub patient: Option<String>,
}

/// How a prefix compares a stored range `[low, high]` with a searched range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    Eq,
    Ne,
    Gt,
    Lt,
    Ge,
    Le,
    Sa,
    Eb,
    Ap,
}

/// A searched range: `[low, high]` inclusive, for `ap` widened by the caller.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span<T> {
    pub low: T,
    pub high: T,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringMatch {
    /// Starts with (the default), on the normalised value.
    Prefix,
    /// Whole value, exact case and accents.
    Exact,
    /// Anywhere, on the normalised value.
    Contains,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SystemMatch {
    /// `code`: any system.
    Any,
    /// `|code`: no system.
    Missing,
    Is(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UriMatch {
    Exact,
    /// `:below`: the stored URI starts with the searched one.
    Below,
    /// `:above`: the searched URI starts with the stored one.
    Above,
}

/// Which index table a `:missing` test looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexKind {
    Token,
    String,
    Date,
    Reference,
    Quantity,
    Number,
    Uri,
}

/// One test on a resource. A query is an AND of ORs of these.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    Id(String),
    LastUpdated {
        prefix: Prefix,
        span: Span<i64>,
    },
    Token {
        param: String,
        system: SystemMatch,
        code: Option<String>,
        negate: bool,
    },
    TokenText {
        param: String,
        text: String,
    },
    String {
        param: String,
        value: String,
        mode: StringMatch,
    },
    Date {
        param: String,
        prefix: Prefix,
        span: Span<i64>,
    },
    Number {
        param: String,
        prefix: Prefix,
        span: Span<f64>,
    },
    Quantity {
        param: String,
        prefix: Prefix,
        span: Span<f64>,
        system: Option<String>,
        code: Option<String>,
    },
    Reference {
        param: String,
        target_type: Option<String>,
        target_id: Option<String>,
        url: Option<String>,
    },
    Uri {
        param: String,
        uri: String,
        mode: UriMatch,
    },
    Missing {
        param: String,
        kind: IndexKind,
        missing: bool,
    },
    /// `param:Type.inner`: a resource this one references (through `param`) matches `inner`.
    Chain {
        param: String,
        target_type: Option<String>,
        inner: Box<Cond>,
    },
    /// `_has:Type:param:inner`: a resource of `source_type` referencing this one through `param`
    /// matches `inner`.
    Has {
        source_type: String,
        param: String,
        inner: Box<Cond>,
    },
    /// Belongs to this patient's compartment.
    Patient(String),
    /// Belongs to the compartment of one of these patients.
    Patients(Vec<String>),
    /// Is of one of these types (a query across types narrowed per type).
    Types(Vec<String>),
    /// Every one of these holds (consent grants: this patient, these types, these dates).
    All(Vec<Cond>),
    /// Any one of these holds.
    Any(Vec<Cond>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct SortKey {
    pub param: String,
    pub kind: IndexKind,
    pub descending: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchQuery {
    /// `None` searches every type.
    pub resource_type: Option<String>,
    pub all_of: Vec<Vec<Cond>>,
    pub sort: Vec<SortKey>,
    /// The most rows to return.
    pub limit: i64,
    /// Keyset paging in row order (only without `sort`): rows after this one…
    pub after_rid: Option<i64>,
    /// …or the rows just before this one (returned newest first; the caller reverses them).
    pub before_rid: Option<i64>,
}

impl SearchQuery {
    /// A query for `resource_type` with these conditions, in row order, up to `limit` rows.
    pub fn new(resource_type: Option<String>, all_of: Vec<Vec<Cond>>, limit: i64) -> Self {
        Self {
            resource_type,
            all_of,
            sort: Vec::new(),
            limit,
            after_rid: None,
            before_rid: None,
        }
    }
}

/// Audit entries to write with a set of FHIR writes.
pub type AuditBatch = Vec<AuditDraft>;
