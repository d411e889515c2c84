-- Emergency: the facility registry, ambulances (one per crew account), SOS incidents with every
-- transition, and the alerts sent to dispatch desks (stored before they are sent, so a
-- restarted instance resends what was not answered).

CREATE TABLE facilities (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,          -- hospital | ambulance_base
    lat             DOUBLE PRECISION NOT NULL,
    lon             DOUBLE PRECISION NOT NULL,
    phone           TEXT NOT NULL,
    capabilities    TEXT NOT NULL,          -- space-separated: emergency trauma icu maternity paediatric
    ed_status       TEXT NOT NULL,          -- open | diverting | closed
    free_beds       BIGINT,
    updated_at_ms   BIGINT NOT NULL
);

CREATE TABLE ambulances (
    id              TEXT PRIMARY KEY,
    crew_user_id    TEXT NOT NULL UNIQUE REFERENCES users(id),
    base_id         TEXT,
    call_sign       TEXT NOT NULL,
    phone           TEXT NOT NULL,
    status          TEXT NOT NULL,          -- available | busy | off_duty
    lat             DOUBLE PRECISION,
    lon             DOUBLE PRECISION,
    accuracy_m      DOUBLE PRECISION,
    fix_at_ms       BIGINT,
    speed_mps       DOUBLE PRECISION,
    updated_at_ms   BIGINT NOT NULL
);

CREATE TABLE sos_incidents (
    id              TEXT PRIMARY KEY,       -- the client's id: resending never makes a second one
    patient_user_id TEXT NOT NULL REFERENCES users(id),
    device_id       TEXT NOT NULL,
    fingerprint     TEXT NOT NULL,          -- hash of what was sent, to tell a replay from a clash
    kind            TEXT NOT NULL,
    lat             DOUBLE PRECISION NOT NULL,
    lon             DOUBLE PRECISION NOT NULL,
    accuracy_m      DOUBLE PRECISION NOT NULL,
    fixed_at_ms     BIGINT NOT NULL,
    last_known      BIGINT NOT NULL,
    state           TEXT NOT NULL,
    facility_id     TEXT,
    ambulance_id    TEXT,
    created_at_ms   BIGINT NOT NULL,
    updated_at_ms   BIGINT NOT NULL
);
CREATE INDEX sos_incidents_by_patient ON sos_incidents(patient_user_id, created_at_ms);
CREATE INDEX sos_incidents_by_state ON sos_incidents(state);
CREATE INDEX sos_incidents_by_ambulance ON sos_incidents(ambulance_id);

CREATE TABLE sos_events (
    seq             BIGSERIAL PRIMARY KEY,
    incident_id     TEXT NOT NULL REFERENCES sos_incidents(id),
    at_ms           BIGINT NOT NULL,
    state           TEXT NOT NULL,
    actor_user_id   TEXT,
    actor_role      TEXT NOT NULL,
    detail          TEXT
);
CREATE INDEX sos_events_by_incident ON sos_events(incident_id, seq);

CREATE TABLE sos_alerts (
    incident_id     TEXT NOT NULL REFERENCES sos_incidents(id),
    facility_id     TEXT NOT NULL,
    wave            BIGINT NOT NULL,
    distance_m      DOUBLE PRECISION NOT NULL,
    sent_at_ms      BIGINT NOT NULL,
    answer          TEXT NOT NULL,          -- pending | declined | accepted | withdrawn
    answered_at_ms  BIGINT,
    PRIMARY KEY (incident_id, facility_id)
);
CREATE INDEX sos_alerts_by_facility ON sos_alerts(facility_id, sent_at_ms);
