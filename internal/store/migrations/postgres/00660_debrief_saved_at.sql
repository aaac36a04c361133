-- +goose Up
-- When the secretariat last saved or sent a debrief (RFC 3339, UTC): a
-- conference assessed relevant in a decision profile since then, and not
-- in the pack, is pointed out to the secretariat (web/debrief.go). Debriefs
-- saved before have none ('') and point out every such conference.
ALTER TABLE debriefs ADD COLUMN saved_at TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE debriefs DROP COLUMN saved_at;
