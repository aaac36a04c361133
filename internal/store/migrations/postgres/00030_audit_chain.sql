-- +goose Up
-- The audit log records the changed values and is hash-chained: every
-- entry carries the hash of the one before (prev_hash) and its own hash over
-- its content and prev_hash (see internal/store/audit.go, entryHash).
-- Migration 31 (Go) chains the entries written before.
ALTER TABLE audit_log ADD COLUMN old_values TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN new_values TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
-- The audit page filters by person and by period, newest first.
CREATE INDEX audit_log_actor ON audit_log(actor, id);
CREATE INDEX audit_log_at ON audit_log(at);
-- The last change of content (login events excluded) in one index step.
CREATE INDEX audit_log_content ON audit_log(id) WHERE entity <> 'login';

-- +goose Down
DROP INDEX audit_log_content;
DROP INDEX audit_log_at;
DROP INDEX audit_log_actor;
ALTER TABLE audit_log DROP COLUMN hash;
ALTER TABLE audit_log DROP COLUMN prev_hash;
ALTER TABLE audit_log DROP COLUMN new_values;
ALTER TABLE audit_log DROP COLUMN old_values;
