-- How many other SOS the same account or device raised in the window before this one: a high
-- count is shown to desks as a repeat; the SOS is never refused for it.
ALTER TABLE sos_incidents ADD COLUMN recent_repeats BIGINT NOT NULL DEFAULT 0;
CREATE INDEX sos_incidents_by_device ON sos_incidents(device_id, created_at_ms);
