-- Public links to a patient's emergency medical ID (the QR on the printed card). Only a hash
-- of each link's token is kept; a new link revokes the older ones.
CREATE TABLE medical_id_links (
    token_hash      TEXT PRIMARY KEY,
    patient_user_id TEXT NOT NULL REFERENCES users(id),
    created_at_ms   INTEGER NOT NULL,
    revoked_at_ms   INTEGER
) STRICT;
CREATE INDEX medical_id_links_by_patient ON medical_id_links(patient_user_id);
