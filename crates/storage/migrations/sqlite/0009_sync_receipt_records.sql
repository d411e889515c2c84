-- Which record each receipt is about, so an edit a device queued before its create was
-- answered can be merged against the version that create made (docs/SYNC.md).
ALTER TABLE sync_receipts ADD COLUMN resource_type TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_receipts ADD COLUMN resource_id TEXT NOT NULL DEFAULT '';
CREATE INDEX sync_receipts_by_record ON sync_receipts(device, resource_type, resource_id, device_seq);
