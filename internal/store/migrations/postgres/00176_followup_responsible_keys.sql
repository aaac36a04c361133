-- +goose Up
-- The responsible ones of a follow-up, each case-folded between commas
-- (model.FollowUp.ResponsibleKeys): the filter "Verantwortlich" matches a
-- member exactly in SQL, so that the list can be read a page at a time.
-- Filled for the existing rows by the Go migration 177.
ALTER TABLE follow_ups ADD COLUMN responsible_keys TEXT NOT NULL DEFAULT '';
-- The pending follow-ups and their due sessions (overdue counts, the due
-- sessions whose start makes a follow-up overdue).
CREATE INDEX follow_ups_status_due ON follow_ups(status, due_session);

-- +goose Down
DROP INDEX follow_ups_status_due;
ALTER TABLE follow_ups DROP COLUMN responsible_keys;
