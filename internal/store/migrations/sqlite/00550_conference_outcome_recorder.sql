-- +goose Up
-- The account that recorded an outcome of a FachMK (0: recorded before,
-- or by the demo): the notice "Ergebnis einer Fachministerkonferenz
-- erfasst" goes to the others (store.CreateConferenceOutcome).
ALTER TABLE conference_outcomes ADD COLUMN recorder_id INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE conference_outcomes DROP COLUMN recorder_id;
