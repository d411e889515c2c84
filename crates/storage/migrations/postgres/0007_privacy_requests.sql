-- Requests under India's DPDP Act: erasure (carried out at once, with its outcome) and
-- grievances (followed up by an admin). No foreign key to users: an erased account is
-- anonymised, and its requests stay as the record that the erasure happened.
CREATE TABLE privacy_requests (
    id              TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL,
    kind            TEXT NOT NULL,      -- erasure | grievance
    status          TEXT NOT NULL,      -- received | in_progress | resolved | rejected
    details         TEXT,
    outcome         TEXT,
    created_at_ms   BIGINT NOT NULL,
    updated_at_ms   BIGINT NOT NULL
);
CREATE INDEX privacy_requests_by_user ON privacy_requests(user_id, created_at_ms);
CREATE INDEX privacy_requests_by_status ON privacy_requests(status, created_at_ms);
