-- FHIR R4 resources: every version kept whole, plus search index rows for the current version.

CREATE TABLE fhir_resources (
    rid             INTEGER PRIMARY KEY,
    resource_type   TEXT NOT NULL,
    id              TEXT NOT NULL,
    version_id      INTEGER NOT NULL,
    last_updated_ms INTEGER NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    patient         TEXT,
    body            TEXT NOT NULL,
    UNIQUE (resource_type, id)
) STRICT;
CREATE INDEX fhir_resources_by_type ON fhir_resources(resource_type, rid);
CREATE INDEX fhir_resources_by_patient ON fhir_resources(patient);
CREATE INDEX fhir_resources_by_updated ON fhir_resources(resource_type, last_updated_ms);

CREATE TABLE fhir_history (
    hid             INTEGER PRIMARY KEY,
    rid             INTEGER NOT NULL REFERENCES fhir_resources(rid),
    resource_type   TEXT NOT NULL,
    id              TEXT NOT NULL,
    version_id      INTEGER NOT NULL,
    last_updated_ms INTEGER NOT NULL,
    method          TEXT NOT NULL,
    body            TEXT,
    UNIQUE (resource_type, id, version_id)
) STRICT;
CREATE INDEX fhir_history_by_type ON fhir_history(resource_type, hid);

CREATE TABLE fhir_idx_token (
    rid INTEGER NOT NULL REFERENCES fhir_resources(rid),
    param TEXT NOT NULL,
    system TEXT,
    code TEXT,
    text TEXT
) STRICT;
CREATE INDEX fhir_idx_token_code ON fhir_idx_token(param, code, system);
CREATE INDEX fhir_idx_token_rid ON fhir_idx_token(rid);

CREATE TABLE fhir_idx_string (
    rid INTEGER NOT NULL REFERENCES fhir_resources(rid),
    param TEXT NOT NULL,
    normalized TEXT NOT NULL,
    exact TEXT NOT NULL
) STRICT;
CREATE INDEX fhir_idx_string_value ON fhir_idx_string(param, normalized);
CREATE INDEX fhir_idx_string_rid ON fhir_idx_string(rid);

CREATE TABLE fhir_idx_date (
    rid INTEGER NOT NULL REFERENCES fhir_resources(rid),
    param TEXT NOT NULL,
    low_ms INTEGER NOT NULL,
    high_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX fhir_idx_date_value ON fhir_idx_date(param, low_ms, high_ms);
CREATE INDEX fhir_idx_date_rid ON fhir_idx_date(rid);

CREATE TABLE fhir_idx_reference (
    rid INTEGER NOT NULL REFERENCES fhir_resources(rid),
    param TEXT NOT NULL,
    target_type TEXT,
    target_id TEXT,
    url TEXT
) STRICT;
CREATE INDEX fhir_idx_reference_target ON fhir_idx_reference(param, target_id, target_type);
CREATE INDEX fhir_idx_reference_url ON fhir_idx_reference(param, url);
CREATE INDEX fhir_idx_reference_rid ON fhir_idx_reference(rid);
CREATE INDEX fhir_idx_reference_any_target ON fhir_idx_reference(target_type, target_id);

CREATE TABLE fhir_idx_quantity (
    rid INTEGER NOT NULL REFERENCES fhir_resources(rid),
    param TEXT NOT NULL,
    value REAL NOT NULL,
    low REAL NOT NULL,
    high REAL NOT NULL,
    system TEXT,
    code TEXT,
    unit TEXT
) STRICT;
CREATE INDEX fhir_idx_quantity_value ON fhir_idx_quantity(param, value);
CREATE INDEX fhir_idx_quantity_rid ON fhir_idx_quantity(rid);

CREATE TABLE fhir_idx_number (
    rid INTEGER NOT NULL REFERENCES fhir_resources(rid),
    param TEXT NOT NULL,
    value REAL NOT NULL,
    low REAL NOT NULL,
    high REAL NOT NULL
) STRICT;
CREATE INDEX fhir_idx_number_value ON fhir_idx_number(param, value);
CREATE INDEX fhir_idx_number_rid ON fhir_idx_number(rid);

CREATE TABLE fhir_idx_uri (
    rid INTEGER NOT NULL REFERENCES fhir_resources(rid),
    param TEXT NOT NULL,
    uri TEXT NOT NULL
) STRICT;
CREATE INDEX fhir_idx_uri_value ON fhir_idx_uri(param, uri);
CREATE INDEX fhir_idx_uri_rid ON fhir_idx_uri(rid);

-- Result sets of searches larger than a page, so next/prev links stay stable while writes go on.
CREATE TABLE fhir_search_pages (
    snapshot_id     TEXT PRIMARY KEY,
    resource_type   TEXT NOT NULL,
    rids            TEXT NOT NULL,
    created_at_ms   INTEGER NOT NULL
) STRICT;
