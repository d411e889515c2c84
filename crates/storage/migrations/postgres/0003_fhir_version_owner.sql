-- Each version records the patient whose compartment it was in, so reads of old versions are
-- authorised and audited by the version's owner, not today's. Kept result lists record who
-- searched, so nobody else can page through them.
ALTER TABLE fhir_history ADD COLUMN patient TEXT;
UPDATE fhir_history SET patient = (SELECT r.patient FROM fhir_resources r WHERE r.rid = fhir_history.rid);
CREATE INDEX fhir_history_by_patient ON fhir_history(patient, hid);
ALTER TABLE fhir_search_pages ADD COLUMN owner TEXT NOT NULL DEFAULT '';
