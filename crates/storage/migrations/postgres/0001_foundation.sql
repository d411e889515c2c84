-- Foundation: accounts, sessions, login throttling and the hash-chained audit log.
-- Migrations are append-only: never edit a file that has shipped; add the next number.

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    phone           TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL,
    language        TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    facility_id     TEXT,
    area            TEXT,
    created_at_ms   BIGINT NOT NULL
);

CREATE TABLE refresh_tokens (
    token_hash      TEXT PRIMARY KEY,
    family_id       TEXT NOT NULL,
    user_id         TEXT NOT NULL REFERENCES users(id),
    issued_at_ms    BIGINT NOT NULL,
    expires_at_ms   BIGINT NOT NULL,
    used_at_ms      BIGINT,
    revoked_at_ms   BIGINT,
    -- The token this one was exchanged for, so a retried refresh can replace it.
    replaced_by     TEXT
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens(family_id);

CREATE TABLE login_failures (
    throttle_key    TEXT PRIMARY KEY,
    failures        BIGINT NOT NULL,
    window_start_ms BIGINT NOT NULL,
    locked_until_ms BIGINT
);

CREATE TABLE audit_log (
    seq         BIGINT PRIMARY KEY,
    at_ms       BIGINT NOT NULL,
    actor       TEXT,
    role        TEXT,
    action      TEXT NOT NULL,
    target      TEXT,
    patient     TEXT,
    purpose     TEXT,
    outcome     TEXT NOT NULL,
    request_id  TEXT,
    ip          TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_by_patient ON audit_log(patient, seq);

-- The chain head: one row, updated in the same transaction as every append.
CREATE TABLE audit_head (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    seq     BIGINT NOT NULL,
    hash    TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
