-- +goose Up
-- How often the secretariat reminded the responsible members of a
-- follow-up by hand ("Erinnerung senden"): each reminder is a new
-- occasion, its messages keyed by this count (store.RemindFollowUp), so
-- that a second reminder is sent and a repeated post of the same one is
-- not. It is no edit of the follow-up: its version stays.
ALTER TABLE follow_ups ADD COLUMN reminders INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE follow_ups DROP COLUMN reminders;
