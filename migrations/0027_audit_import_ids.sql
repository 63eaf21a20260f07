-- +goose Up
-- Issue #16. An import names the records it creates in one audit event per batch of up to
-- 2,000 (after = {"file_sha256", "rows", "ids"}, resource_id NULL, import_id the job) instead
-- of one event per record carrying the record (internal/importer/audit.go). This index lets the
-- audit trail's search by resource find the import's event naming a record, as it found the
-- record's own event: a few dozen entries per 100,000 imported records' worth of events, one
-- key per record.
CREATE INDEX audit_events_import_ids_idx ON audit_events USING gin ((after -> 'ids') jsonb_path_ops)
    WHERE import_id IS NOT NULL AND resource_id IS NULL;

-- +goose Down
DROP INDEX audit_events_import_ids_idx;
