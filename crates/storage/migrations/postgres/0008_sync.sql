-- Offline sync (docs/SYNC.md) and Health Worker Mode.

-- The feed's clock: one row whose update, the last step of every writing transaction that
-- changes the feed, hands out sequence numbers in commit order (its lock is held to commit).
-- `horizon`: tombstones at or below it were purged; older cursors must reset.
CREATE TABLE sync_clock (
    id      BIGINT PRIMARY KEY CHECK (id = 1),
    seq     BIGINT NOT NULL,
    horizon BIGINT NOT NULL
);
INSERT INTO sync_clock (id, seq, horizon) VALUES (1, 0, 0);

-- The latest change of each record in each scope (`v:<village>`, `p:<patient>`).
CREATE TABLE sync_feed (
    scope           TEXT NOT NULL,
    resource_type   TEXT NOT NULL,
    id              TEXT NOT NULL,
    seq             BIGINT NOT NULL,
    version_id      BIGINT NOT NULL,
    op              TEXT NOT NULL,      -- put | delete | leave
    changed_at_ms   BIGINT NOT NULL,
    PRIMARY KEY (scope, resource_type, id)
);
CREATE INDEX sync_feed_by_seq ON sync_feed(scope, seq);
CREATE INDEX sync_feed_by_record ON sync_feed(resource_type, id);

-- What each pushed mutation got, by its idempotency key, so a replay returns it.
CREATE TABLE sync_receipts (
    device          TEXT NOT NULL,
    device_seq      BIGINT NOT NULL,
    mutation_id     TEXT NOT NULL,
    group_id        TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    content_hash    TEXT NOT NULL,
    result          TEXT NOT NULL,
    received_at_ms  BIGINT NOT NULL,
    PRIMARY KEY (device, device_seq)
);

-- Groups that arrived before what they change; applied when it arrives.
CREATE TABLE sync_held (
    group_id        TEXT PRIMARY KEY,
    device          TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    waits_type      TEXT NOT NULL,
    waits_id        TEXT NOT NULL,
    waits_version   BIGINT NOT NULL,
    payload         TEXT NOT NULL,
    created_at_ms   BIGINT NOT NULL
);
CREATE INDEX sync_held_by_record ON sync_held(waits_type, waits_id);

-- Same-field clashes kept for a supervisor.
CREATE TABLE sync_conflicts (
    id              TEXT PRIMARY KEY,
    resource_type   TEXT NOT NULL,
    resource_id     TEXT NOT NULL,
    field           TEXT NOT NULL,
    base_value      TEXT NOT NULL,
    server_value    TEXT NOT NULL,
    device_value    TEXT NOT NULL,
    village         TEXT,
    device          TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    created_at_ms   BIGINT NOT NULL,
    resolved_at_ms  BIGINT,
    resolved_by     TEXT,
    resolution      TEXT
);
CREATE INDEX sync_conflicts_open ON sync_conflicts(village, resolved_at_ms);

CREATE TABLE sync_devices (
    device          TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL,
    last_push_ms    BIGINT,
    last_pull_ms    BIGINT
);
CREATE INDEX sync_devices_by_user ON sync_devices(user_id);

-- Villages (FHIR Location ids) assigned to health workers.
CREATE TABLE hw_villages (
    user_id         TEXT NOT NULL REFERENCES users(id),
    village_id      TEXT NOT NULL,
    assigned_at_ms  BIGINT NOT NULL,
    PRIMARY KEY (user_id, village_id)
);
CREATE INDEX hw_villages_by_village ON hw_villages(village_id);

-- Household numbers handed to devices in blocks, so a phone offline for days can number
-- the households it registers without two phones using the same number.
CREATE TABLE hw_number_blocks (
    first           BIGINT PRIMARY KEY,
    last            BIGINT NOT NULL,
    device          TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    reserved_at_ms  BIGINT NOT NULL
);
