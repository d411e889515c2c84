-- FHIR R4 resources: every version kept whole, plus search index rows for the current version.

CREATE TABLE fhir_resources (
    rid             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_type   TEXT NOT NULL,
    id              TEXT NOT NULL,
    version_id      BIGINT NOT NULL,
    last_updated_ms BIGINT NOT NULL,
    deleted         BIGINT NOT NULL DEFAULT 0,
    patient         TEXT,
    body            TEXT NOT NULL,
    UNIQUE (resource_type, id)
);
CREATE INDEX fhir_resources_by_type ON fhir_resources(resource_type, rid);
CREATE INDEX fhir_resources_by_patient ON fhir_resources(patient);
CREATE INDEX fhir_resources_by_updated ON fhir_resources(resource_type, last_updated_ms);

CREATE TABLE fhir_history (
    hid             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rid             BIGINT NOT NULL REFERENCES fhir_resources(rid),
    resource_type   TEXT NOT NULL,
    id              TEXT NOT NULL,
    version_id      BIGINT NOT NULL,
    last_updated_ms BIGINT NOT NULL,
    method          TEXT NOT NULL,
    body            TEXT,
    UNIQUE (resource_type, id, version_id)
);
CREATE INDEX fhir_history_by_type ON fhir_history(resource_type, hid);

CREATE TABLE fhir_idx_token (
    rid BIGINT NOT NULL REFERENCES fhir_resources(rid),
    param TEXT NOT NULL,
    system TEXT,
    code TEXT,
    text TEXT
);
CREATE INDEX fhir_idx_token_code ON fhir_idx_token(param, code, system);
CREATE INDEX fhir_idx_token_rid ON fhir_idx_token(rid);

CREATE TABLE fhir_idx_string (
    rid BIGINT NOT NULL REFERENCES fhir_resources(rid),
    param TEXT NOT NULL,
    normalized TEXT NOT NULL,
    exact TEXT NOT NULL
);
CREATE INDEX fhir_idx_string_value ON fhir_idx_string(param, normalized text_pattern_ops);
CREATE INDEX fhir_idx_string_rid ON fhir_idx_string(rid);

CREATE TABLE fhir_idx_date (
    rid BIGINT NOT NULL REFERENCES fhir_resources(rid),
    param TEXT NOT NULL,
    low_ms BIGINT NOT NULL,
    high_ms BIGINT NOT NULL
);
CREATE INDEX fhir_idx_date_value ON fhir_idx_date(param, low_ms, high_ms);
CREATE INDEX fhir_idx_date_rid ON fhir_idx_date(rid);

CREATE TABLE fhir_idx_reference (
    rid BIGINT NOT NULL REFERENCES fhir_resources(rid),
    param TEXT NOT NULL,
    target_type TEXT,
    target_id TEXT,
    url TEXT
);
CREATE INDEX fhir_idx_reference_target ON fhir_idx_reference(param, target_id, target_type);
CREATE INDEX fhir_idx_reference_url ON fhir_idx_reference(param, url);
CREATE INDEX fhir_idx_reference_rid ON fhir_idx_reference(rid);
CREATE INDEX fhir_idx_reference_any_target ON fhir_idx_reference(target_type, target_id);

CREATE TABLE fhir_idx_quantity (
    rid BIGINT NOT NULL REFERENCES fhir_resources(rid),
    param TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    low DOUBLE PRECISION NOT NULL,
    high DOUBLE PRECISION NOT NULL,
    system TEXT,
    code TEXT,
    unit TEXT
);
CREATE INDEX fhir_idx_quantity_value ON fhir_idx_quantity(param, value);
CREATE INDEX fhir_idx_quantity_rid ON fhir_idx_quantity(rid);

CREATE TABLE fhir_idx_number (
    rid BIGINT NOT NULL REFERENCES fhir_resources(rid),
    param TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    low DOUBLE PRECISION NOT NULL,
    high DOUBLE PRECISION NOT NULL
);
CREATE INDEX fhir_idx_number_value ON fhir_idx_number(param, value);
CREATE INDEX fhir_idx_number_rid ON fhir_idx_number(rid);

CREATE TABLE fhir_idx_uri (
    rid BIGINT NOT NULL REFERENCES fhir_resources(rid),
    param TEXT NOT NULL,
    uri TEXT NOT NULL
);
CREATE INDEX fhir_idx_uri_value ON fhir_idx_uri(param, uri);
CREATE INDEX fhir_idx_uri_rid ON fhir_idx_uri(rid);

-- Result sets of searches larger than a page, so next/prev links stay stable while writes go on.
CREATE TABLE fhir_search_pages (
    snapshot_id     TEXT PRIMARY KEY,
    resource_type   TEXT NOT NULL,
    rids            TEXT NOT NULL,
    created_at_ms   BIGINT NOT NULL
);
