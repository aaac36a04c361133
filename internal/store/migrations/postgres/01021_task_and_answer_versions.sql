-- +goose Up
-- A row of the role/task matrix carries its version: an edit from a page
-- read before another one's is refused (store.ErrConflict) instead of
-- overwriting it.
ALTER TABLE tasks ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
-- An evaluation answer carries its version and who saved it when: the
-- answers of a questionnaire are shared by every account of the
-- respondent (the FachMK secretariat, the member's office), and a
-- questionnaire sent from a page that showed another Stand of them (the
-- sum of their versions) is refused, naming who changed them when.
ALTER TABLE evaluation_answers ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE evaluation_answers ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE evaluation_answers ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE evaluation_answers DROP COLUMN changed_at;
ALTER TABLE evaluation_answers DROP COLUMN changed_by;
ALTER TABLE evaluation_answers DROP COLUMN version;
ALTER TABLE tasks DROP COLUMN version;
